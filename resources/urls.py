from django.urls import path

from . import views

app_name = "resources"

urlpatterns = [
    path("recursos/", views.library, name="library"),
    path("recursos/proponer/", views.propose, name="propose"),
    path("recursos/mis-propuestas/", views.my_proposals, name="my_proposals"),
    path(
        "recursos/documento-fundacional/",
        views.foundational_document,
        name="foundational_document",
    ),
    path("recursos/<slug:slug>/", views.detail, name="detail"),
]
