from django.urls import path

from . import authoring, feeds, reading, views
from .prioritisation import views as prioritisation

app_name = "themes"

urlpatterns = [
    # The four themes
    path("temas/", views.theme_index, name="index"),
    path("temas/<slug:slug>/", views.theme_detail, name="detail"),
    path("temas/<slug:slug>/rss/", feeds.ThemeRssFeed(), name="theme_feed_rss"),
    path("temas/<slug:slug>/atom/", feeds.ThemeAtomFeed(), name="theme_feed_atom"),
    # Reading published contributions
    path("lecciones/", reading.lesson_list, name="lesson_list"),
    path("lecciones/rss/", feeds.LatestRssFeed(), name="feed_rss"),
    path("lecciones/atom/", feeds.LatestAtomFeed(), name="feed_atom"),
    path("lecciones/<slug:slug>/", reading.lesson_detail, name="lesson_detail"),
    path(
        "lecciones/<slug:slug>/adjuntos/<int:pk>/",
        reading.attachment_download,
        name="attachment",
    ),
    path("lecciones/<slug:slug>/comentar/", reading.comment_create, name="comment_create"),
    path(
        "lecciones/<slug:slug>/lo-aplicamos/",
        reading.application_create,
        name="application_create",
    ),
    path("comentarios/<int:pk>/ocultar/", reading.comment_hide, name="comment_hide"),
    # Members writing their own
    path("mis-contribuciones/", authoring.my_contributions, name="my_contributions"),
    path("mis-contribuciones/nueva/", authoring.contribution_create, name="contribution_create"),
    path(
        "mis-contribuciones/<int:pk>/editar/", authoring.contribution_edit, name="contribution_edit"
    ),
    path(
        "mis-contribuciones/<int:pk>/vista-previa/",
        authoring.contribution_preview,
        name="contribution_preview",
    ),
    path(
        "mis-contribuciones/<int:pk>/enviar/",
        authoring.contribution_submit,
        name="contribution_submit",
    ),
    path(
        "mis-contribuciones/<int:pk>/retirar/",
        authoring.contribution_withdraw,
        name="contribution_withdraw",
    ),
    # Prioritisation rounds (TAP-Plus)
    path("priorizacion/", prioritisation.round_list, name="round_list"),
    path("priorizacion/<slug:slug>/", prioritisation.round_detail, name="round_detail"),
    path(
        "priorizacion/<slug:slug>/proponer/",
        prioritisation.solution_propose,
        name="solution_propose",
    ),
    path("priorizacion/<slug:slug>/votar/", prioritisation.ballot_save, name="ballot_save"),
]
