from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("miembros/", views.dashboard, name="dashboard"),
    path("miembros/directorio/", views.directory, name="directory"),
    path("miembros/invitacion/<slug:token>/", views.invitation_accept, name="invitation_accept"),
    path("miembros/notificaciones/", views.notifications, name="notifications"),
    path("grupo-nucleo/", views.core_group, name="core_group"),
    path("unete/", views.apply, name="apply"),
    path("unete/gracias/", views.apply_thanks, name="apply_thanks"),
]
