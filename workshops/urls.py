from django.urls import path

from . import commitment_views, feeds, views

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
    path("compromisos/", commitment_views.commitment_register, name="commitments"),
    path("compromisos/rss/", feeds.CommitmentChangesFeed(), name="commitments_rss"),
    path(
        "compromisos/vencimientos.ics",
        commitment_views.commitments_calendar,
        name="commitments_calendar",
    ),
    path("compromisos/resumen/", commitment_views.commitment_summary, name="commitment_summary"),
    path("compromisos/<int:pk>/", commitment_views.commitment_detail, name="commitment"),
    path(
        "compromisos/<int:pk>/informar/",
        commitment_views.commitment_report,
        name="commitment_report",
    ),
    path(
        "compromisos/informes/<int:pk>/verificar/",
        commitment_views.commitment_verdict,
        name="commitment_verdict",
    ),
    path(
        "compromisos/informes/<int:pk>/foto/",
        commitment_views.evidence_photo,
        name="commitment_photo",
    ),
    path(
        "compromisos/espacios/<slug:slug>/",
        commitment_views.agreement_space_detail,
        name="agreement_space",
    ),
    path("mis-compromisos/", commitment_views.my_commitments, name="my_commitments"),
    path("mis-talleres/", views.my_workshops, name="my_workshops"),
    path(
        "mis-talleres/calendario/regenerar/",
        views.regenerate_calendar_token,
        name="regenerate_calendar_token",
    ),
]
