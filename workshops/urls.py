from django.urls import path

from . import views

app_name = "workshops"

urlpatterns = [
    path("talleres/", views.workshop_list, name="list"),
    path("talleres/calendario.ics", views.public_calendar, name="public_calendar"),
    path(
        "talleres/mi-calendario/<slug:token>.ics", views.personal_calendar, name="personal_calendar"
    ),
    path("talleres/<slug:slug>/", views.workshop_detail, name="detail"),
    path("talleres/<slug:slug>/inscribirme/", views.register, name="register"),
    path("talleres/<slug:slug>/cancelar/", views.cancel, name="cancel"),
    path("talleres/<slug:slug>/evento.ics", views.workshop_ics, name="ics"),
    path("mis-talleres/", views.my_workshops, name="my_workshops"),
    path(
        "mis-talleres/calendario/regenerar/",
        views.regenerate_calendar_token,
        name="regenerate_calendar_token",
    ),
]
