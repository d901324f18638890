"""Facilitators moderate contributions in the Wagtail admin, through its HTTP views."""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from wagtail.models import ModelLogEntry, TaskState, WorkflowState

from members.models import Notification
from members.selectors import facilitators
from tests.factories import (
    ContributionFactory,
    FacilitatorFactory,
    MemberFactory,
    ThemeFactory,
    UserFactory,
    district,
)
from tests.themes.authoring_helpers import edit_form_data
from themes import selectors, services
from themes.models import (
    Comment,
    Contribution,
    ContributionAttachment,
    Visibility,
)

pytestmark = pytest.mark.django_db

NS = "wagtailsnippets_themes_contribution"


def url(name, contribution=None, *args):
    if contribution is None:
        return reverse(f"{NS}:{name}")
    return reverse(f"{NS}:{name}", args=[contribution.pk, *args])


def submitted(author, **kwargs):
    contribution = ContributionFactory(author=author, published=False, **kwargs)
    services.contribution_submit(user=author, contribution=contribution)
    return Contribution.objects.get(pk=contribution.pk)


def task_state_of(contribution):
    return contribution.current_workflow_state.current_task_state


def notifications(kind, **filters):
    return list(Notification.objects.filter(kind=kind, **filters))


# ---- THE LISTING


def test_facilitator_lists_and_filters_contributions(facilitator_client, member):
    water, canon = ThemeFactory(name_es="Agua"), ThemeFactory(name_es="Canon")
    published = ContributionFactory(
        title="Turnos de riego en Ilo",
        primary_theme=water,
        districts=[district("el-algarrobal")],
        author=member,
    )
    published.secondary_themes.add(canon)
    published.save()
    members_only = ContributionFactory(
        title="Presupuesto participativo en Torata",
        primary_theme=canon,
        visibility=Visibility.MEMBERS,
        districts=[district("torata"), district("samegua")],
        kind="good_practice",
    )
    in_review = submitted(member, title="Monitoreo del aire en Ilo", primary_theme=water)
    draft = ContributionFactory(title="Borrador sobre relaves", published=False)

    response = facilitator_client.get(url("list"))
    assert response.status_code == 200
    for contribution in (published, members_only, in_review, draft):
        assert contribution.title in response.text

    def titles(query):
        response = facilitator_client.get(url("list") + query)
        assert response.status_code == 200
        return {
            c.title for c in (published, members_only, in_review, draft) if c.title in response.text
        }

    assert titles("?status=in_review") == {in_review.title}
    assert titles("?status=draft") == {draft.title}
    assert titles("?status=published") == {published.title, members_only.title}
    # A theme matches as primary or as one of the other themes.
    assert titles(f"?theme={canon.pk}") == {published.title, members_only.title}
    ilo = district("el-algarrobal").province
    assert titles(f"?province={ilo.pk}") == {published.title}
    assert titles(f"?district={district('samegua').pk}") == {members_only.title}
    assert titles("?visibility=members") == {members_only.title}
    assert titles("?kind=good_practice") == {members_only.title}
    assert titles("?live=false") == {in_review.title, draft.title}
    assert titles("?q=riego") == {published.title}
    assert titles(f"?q={member.institution.name}") == {published.title, in_review.title}


def test_listing_runs_a_fixed_number_of_queries(
    facilitator_client, member, django_assert_max_num_queries
):
    for _ in range(3):
        ContributionFactory()
    submitted(member)
    facilitator_client.get(url("list"))  # warm caches (content types, permissions)
    with django_assert_max_num_queries(40) as few:
        facilitator_client.get(url("list"))
    for _ in range(12):
        ContributionFactory()
        submitted(member)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = facilitator_client.get(url("list"))
    assert response.status_code == 200


def test_listing_shows_status_visibility_and_actions(facilitator_client, member):
    contribution = ContributionFactory(author=member, visibility=Visibility.MEMBERS)
    response = facilitator_client.get(url("list"))
    assert "Members only" in response.text or "Solo miembros" in response.text
    assert url("feature", contribution) in response.text
    assert url("archive", contribution) in response.text
    # Refreshed in place (filters), the actions still lead back to the listing page.
    results = facilitator_client.get(url("list_results") + "?visibility=members")
    back = urlencode({"next": url("list") + "?visibility=members"})
    assert f"{url('feature', contribution)}?{back}".replace("&", "&amp;") in results.text
    # Contributions are written by members on the portal, not added in the admin.
    assert facilitator_client.get("/admin/snippets/themes/contribution/add/").status_code == 404


# ---- MODERATION: the dashboard panel, the queue, approve, request changes


def test_facilitator_sees_pending_contribution_on_the_dashboard(facilitator_client, member):
    contribution = submitted(member, title="Mesa del agua de Omate")
    response = facilitator_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Mesa del agua de Omate" in response.text
    task_state = task_state_of(contribution)
    approve_url = url("workflow_action", contribution, "approve", task_state.pk)
    assert approve_url in response.text
    # The "Lessons" menu leads to the contributions, the moderation queue and the comments.
    for address in (
        url("list"),
        reverse("moderation_queue:index"),
        reverse("contribution_comments:index"),
    ):
        assert address in response.text


def test_moderation_queue_lists_waiting_contributions_oldest_first(facilitator_client, member):
    other = MemberFactory()
    newer = submitted(member, title="Canon y agua potable en Samegua")
    older = submitted(other, title="Vigilancia de relaves en Toquepala")
    TaskState.objects.filter(pk=task_state_of(older).pk).update(
        started_at=timezone.now() - timedelta(days=3)
    )
    ContributionFactory(title="Ya publicada sobre Ilo")
    ContributionFactory(title="Borrador sin enviar", published=False)

    response = facilitator_client.get(reverse("moderation_queue:index"))
    assert response.status_code == 200
    text = response.text
    assert "Ya publicada sobre Ilo" not in text
    assert "Borrador sin enviar" not in text
    assert text.index(older.title) < text.index(newer.title)
    assert other.full_name in text and other.institution.name in text
    assert url("edit", older) in text


def test_approve_from_the_dashboard_publishes_and_notifies_the_author_once(
    facilitator_client, facilitator, django_capture_on_commit_callbacks
):
    author = MemberFactory(preferred_language="en")
    contribution = submitted(author, title="Riego tecnificado en Carumas")
    mail.outbox.clear()
    Notification.objects.all().delete()

    action = url("workflow_action", contribution, "approve", task_state_of(contribution).pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(action, {"comment": ""})
    assert response.status_code == 302

    contribution.refresh_from_db()
    assert contribution.live
    assert contribution.current_workflow_state is None
    assert list(selectors.public_contributions()) == [contribution]
    published = notifications("contribution_published")
    assert [n.recipient for n in published] == [author]
    # In the author's language, and Wagtail's own workflow e-mail is not sent as well.
    assert [m.subject for m in mail.outbox] == ["Published: “Riego tecnificado en Carumas”"]
    assert mail.outbox[0].to == [author.email]


def test_request_changes_from_the_dashboard_sends_the_comment_to_the_author(
    facilitator_client, member, django_capture_on_commit_callbacks
):
    contribution = submitted(member)
    mail.outbox.clear()
    action = url("workflow_action", contribution, "reject", task_state_of(contribution).pk)
    with django_capture_on_commit_callbacks(execute=True):
        facilitator_client.post(action, {"comment": "Falta el año de la experiencia."})

    contribution = Contribution.objects.get(pk=contribution.pk)
    assert selectors.contribution_status(contribution).code == "needs_changes"
    assert not contribution.live
    sent_back = notifications("contribution_sent_back")
    assert [n.recipient for n in sent_back] == [member]
    assert len(mail.outbox) == 1
    assert "Falta el año de la experiencia." in mail.outbox[0].body


def test_facilitator_edits_tags_and_approves_from_the_edit_view(
    facilitator_client, member, django_capture_on_commit_callbacks
):
    contribution = submitted(member, title="Biohuertos escolares en Ilo")
    mail.outbox.clear()
    data = edit_form_data(
        contribution,
        tags="agua, Ilo, agricultura familiar",
        **{"action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    data["workflow-action-extra-data"] = json.dumps({"comment": ""})
    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(url("edit", contribution), data)
    assert response.status_code == 302, response.context["form"].errors

    contribution = Contribution.objects.get(pk=contribution.pk)
    assert contribution.live
    assert sorted(tag.name for tag in contribution.tags.all()) == [
        "Ilo",
        "agricultura familiar",
        "agua",
    ]
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert len(notifications("contribution_published")) == 1


def test_facilitator_requests_changes_with_a_comment_from_the_edit_view(
    facilitator_client, member, django_capture_on_commit_callbacks
):
    contribution = submitted(member)
    mail.outbox.clear()
    data = edit_form_data(
        contribution, **{"action-workflow-action": "true", "workflow-action-name": "reject"}
    )
    data["workflow-action-extra-data"] = json.dumps(
        {"comment": "Describan los resultados con cifras."}
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(url("edit", contribution), data)
    assert response.status_code == 302

    contribution = Contribution.objects.get(pk=contribution.pk)
    assert selectors.review_comment(contribution) == "Describan los resultados con cifras."
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "Describan los resultados con cifras." in mail.outbox[0].body

    # The author edits and sends it again: the facilitators are told again, once each.
    services.contribution_save_draft(
        user=member, contribution=contribution, fields={"results": "Tres obras concluidas."}
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_submit(user=member, contribution=contribution)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f.email for f in facilitators())


def test_facilitator_edits_tags_of_a_published_contribution_and_publishes(
    facilitator_client, member
):
    contribution = ContributionFactory(author=member, title="Agua segura en Ichuña")
    ContributionAttachment.objects.create(
        contribution=contribution,
        title="Acta de la junta de usuarios",
        file="contributions/2026/11/acta.pdf",
        content_type="application/pdf",
        size=120_000,
    )
    form_page = facilitator_client.get(url("edit", contribution))
    assert "Acta de la junta de usuarios" in form_page.text  # attachments are shown

    other_theme, coauthor = ThemeFactory(), MemberFactory()
    data = edit_form_data(
        contribution,
        tags="agua, salud",
        # The primary theme is not repeated among the others, nor the author among co-authors.
        secondary_themes=[contribution.primary_theme_id, other_theme.pk],
        coauthors=[member.pk, coauthor.pk],
    )
    data["action-publish"] = "action-publish"
    response = facilitator_client.post(url("edit", contribution), data)
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert sorted(tag.name for tag in contribution.tags.all()) == ["agua", "salud"]
    assert list(contribution.secondary_themes.all()) == [other_theme]
    assert list(contribution.coauthors.all()) == [coauthor]
    assert contribution.attachments.get().title == "Acta de la junta de usuarios"

    # Saving a draft keeps the published version until it is published.
    data = edit_form_data(contribution, tags="agua, salud, Ubinas")
    facilitator_client.post(url("edit", contribution), data)
    contribution.refresh_from_db()
    assert sorted(tag.name for tag in contribution.tags.all()) == ["agua", "salud"]
    assert contribution.has_unpublished_changes


def test_the_edit_form_names_the_slug_as_the_address_on_the_portal(facilitator_client, member):
    contribution = ContributionFactory(author=member, title="Agua segura en Ichuña")

    page = BeautifulSoup(facilitator_client.get(url("edit", contribution)).content, "html.parser")

    label = page.select_one("label[for=id_slug]").get_text(" ", strip=True)
    assert label.startswith("Dirección en el portal")
    assert "slug" not in label.lower()
    help_text = page.select_one("#panel-child-contenido-child-slug-helptext").get_text()
    assert "/lecciones/…/" in help_text


def test_a_facilitators_republish_does_not_tell_authors_again_but_an_authors_new_version_does(
    facilitator_client, member, django_capture_on_commit_callbacks
):
    contribution = submitted(member, title="Qochas en Ichuña")
    approve = url("workflow_action", contribution, "approve", task_state_of(contribution).pk)
    with django_capture_on_commit_callbacks(execute=True):
        facilitator_client.post(approve, {"comment": ""})
    assert len(notifications("contribution_published")) == 1

    # The facilitator fixes the tags and publishes: the author hears nothing new.
    data = edit_form_data(Contribution.objects.get(pk=contribution.pk), tags="agua, qochas")
    data["action-publish"] = "action-publish"
    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator_client.post(url("edit", contribution), data)
    assert response.status_code == 302
    assert sorted(t.name for t in Contribution.objects.get(pk=contribution.pk).tags.all()) == [
        "agua",
        "qochas",
    ]
    assert len(notifications("contribution_published")) == 1

    # The author sends a new version; its approval is news to them.
    draft = Contribution.objects.get(pk=contribution.pk)
    draft.summary = "Tres qochas recargan los manantiales de la comunidad."
    draft.save_revision(user=member)
    services.contribution_submit(user=member, contribution=Contribution.objects.get(pk=draft.pk))
    contribution = Contribution.objects.get(pk=draft.pk)
    approve = url("workflow_action", contribution, "approve", task_state_of(contribution).pk)
    with django_capture_on_commit_callbacks(execute=True):
        facilitator_client.post(approve, {"comment": ""})
    assert Contribution.objects.get(pk=draft.pk).summary.startswith("Tres qochas")
    assert [n.recipient for n in notifications("contribution_published")] == [member, member]


def test_history_compare_and_locking_work_for_facilitators(facilitator_client, member):
    contribution = ContributionFactory(author=member, title="Primera versión")
    services.contribution_save_draft(
        user=member, contribution=contribution, fields={"title": "Segunda versión"}
    )
    revisions = list(contribution.revisions.order_by("created_at"))
    assert len(revisions) == 2

    history = facilitator_client.get(url("history", contribution))
    assert history.status_code == 200
    compare = facilitator_client.get(
        reverse(
            f"{NS}:revisions_compare",
            args=[contribution.pk, revisions[0].pk, revisions[1].pk],
        )
    )
    assert compare.status_code == 200
    assert "Primera" in compare.text and "Segunda" in compare.text

    assert facilitator_client.post(url("lock", contribution)).status_code == 302
    contribution.refresh_from_db()
    assert contribution.locked
    assert facilitator_client.post(url("unlock", contribution)).status_code == 302
    contribution.refresh_from_db()
    assert not contribution.locked


# ---- UNPUBLISH, ARCHIVE, FEATURE


def _log_actions(obj):
    return list(
        ModelLogEntry.objects.for_instance(obj).order_by("timestamp").values_list("action", "user")
    )


def test_unpublish_with_wagtails_view(facilitator_client, facilitator):
    contribution = ContributionFactory(title="Agua segura en Ichuña")
    confirm = BeautifulSoup(
        facilitator_client.get(url("unpublish", contribution)).content, "html.parser"
    )
    said = confirm.select_one("main").get_text(" ", strip=True)
    # What unpublishing does, in words a facilitator reads, not Wagtail's "esto (contribución)".
    assert "“Agua segura en Ichuña” dejará de verse en el portal" in said
    assert "esto (contribución)" not in said

    response = facilitator_client.post(url("unpublish", contribution))
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert not contribution.live
    assert ("wagtail.unpublish", facilitator.pk) in _log_actions(contribution)


def test_archive_asks_for_confirmation_then_hides_and_logs(facilitator_client, facilitator):
    contribution = ContributionFactory(title="Relaves de Quellaveco", is_featured=True)

    confirm = facilitator_client.get(url("archive", contribution))
    assert confirm.status_code == 200
    assert "Relaves de Quellaveco" in confirm.text
    contribution.refresh_from_db()
    assert not contribution.is_archived  # a GET changes nothing

    response = facilitator_client.post(url("archive", contribution))
    assert response.status_code == 302
    assert response["Location"] == url("edit", contribution)
    contribution.refresh_from_db()
    assert contribution.is_archived and not contribution.live and not contribution.is_featured
    assert not selectors.contributions_visible_to(facilitator).filter(pk=contribution.pk).exists()
    assert ("themes.archive", facilitator.pk) in _log_actions(contribution)

    # Who, what, when: in the contribution's history and in the site history report.
    history = facilitator_client.get(url("history", contribution))
    assert "Archived" in history.text or "Archivad" in history.text
    site_history = facilitator_client.get(reverse("wagtailadmin_reports:site_history"))
    assert "Relaves de Quellaveco" in site_history.text

    response = facilitator_client.post(url("unarchive", contribution))
    contribution.refresh_from_db()
    assert not contribution.is_archived and not contribution.live
    assert ("themes.unarchive", facilitator.pk) in _log_actions(contribution)


def test_archiving_a_contribution_in_review_takes_it_out_of_the_queue(facilitator_client, member):
    contribution = submitted(member)
    queue = reverse("moderation_queue:index")
    assert contribution.title in facilitator_client.get(queue).text
    facilitator_client.post(url("archive", contribution), follow=True)
    contribution = Contribution.objects.get(pk=contribution.pk)
    assert contribution.is_archived
    assert contribution.current_workflow_state is None
    assert contribution.title not in facilitator_client.get(queue).text


def test_feature_and_unfeature_are_logged_and_survive_a_later_approval(
    facilitator_client, facilitator, member
):
    contribution = ContributionFactory(author=member)
    response = facilitator_client.post(
        url("feature", contribution) + "?next=" + url("list"),
    )
    assert response["Location"] == url("list")
    contribution.refresh_from_db()
    assert contribution.is_featured
    assert ("themes.feature", facilitator.pk) in _log_actions(contribution)

    # The author's later edit, once approved, keeps the contribution featured.
    services.contribution_save_draft(
        user=member, contribution=contribution, fields={"summary": "Resumen corregido."}
    )
    services.contribution_submit(user=member, contribution=contribution)
    contribution = Contribution.objects.get(pk=contribution.pk)
    task_state = task_state_of(contribution)
    facilitator_client.post(url("workflow_action", contribution, "approve", task_state.pk))
    contribution.refresh_from_db()
    assert contribution.summary == "Resumen corregido."
    assert contribution.is_featured

    facilitator_client.post(url("unfeature", contribution))
    contribution.refresh_from_db()
    assert not contribution.is_featured
    assert ("themes.unfeature", facilitator.pk) in _log_actions(contribution)


def test_a_draft_cannot_be_featured(facilitator_client):
    draft = ContributionFactory(published=False)
    response = facilitator_client.get(url("feature", draft))
    assert response.status_code == 302  # back, with a warning
    facilitator_client.post(url("feature", draft))
    draft.refresh_from_db()
    assert not draft.is_featured


# ---- COMMENTS


def _comment(body="Nos sirvió para nuestra junta de usuarios."):
    contribution = ContributionFactory()
    return services.comment_create(user=MemberFactory(), contribution=contribution, body=body)


def test_facilitator_lists_and_filters_comments(facilitator_client, facilitator):
    shown = _comment("Muy útil para la comisión de regantes.")
    hidden = _comment("Mensaje con insultos.")
    services.comment_hide(user=facilitator, comment=hidden, reason="Lenguaje ofensivo.")

    index = reverse("contribution_comments:index")
    response = facilitator_client.get(index)
    assert response.status_code == 200
    assert shown.body in response.text and hidden.body in response.text
    assert shown.author.institution.name in response.text
    only_hidden = facilitator_client.get(index + "?is_hidden=true")
    assert hidden.body in only_hidden.text and shown.body not in only_hidden.text
    only_shown = facilitator_client.get(index + "?is_hidden=false")
    assert shown.body in only_shown.text and hidden.body not in only_shown.text


def test_the_hide_and_show_pages_quote_the_comment_they_act_on(facilitator_client, facilitator):
    comment = _comment("Ofrezco asesoría legal, escríbame.")
    author, lesson = comment.author.full_name, comment.contribution.title

    page = BeautifulSoup(
        facilitator_client.get(reverse("contribution_comments:hide", args=[comment.pk])).content,
        "html.parser",
    )
    quoted = page.select_one("main figure.quoted-comment")
    assert quoted.select_one("blockquote").get_text(strip=True) == comment.body
    assert author in quoted.select_one("figcaption").get_text()
    assert lesson in quoted.select_one("figcaption").get_text()

    services.comment_hide(user=facilitator, comment=comment, reason="Publicidad.")
    page = BeautifulSoup(
        facilitator_client.get(reverse("contribution_comments:unhide", args=[comment.pk])).content,
        "html.parser",
    )
    assert page.select_one("main figure.quoted-comment blockquote").get_text(strip=True) == (
        comment.body
    )


def test_hiding_a_comment_requires_a_reason_and_is_logged(facilitator_client, facilitator):
    comment = _comment()
    hide = reverse("contribution_comments:hide", args=[comment.pk])

    assert facilitator_client.get(hide).status_code == 200
    response = facilitator_client.post(hide, {"reason": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    comment.refresh_from_db()
    assert not comment.is_hidden

    response = facilitator_client.post(hide, {"reason": "Datos personales de un tercero."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden
    assert comment.hidden_reason == "Datos personales de un tercero."
    assert comment.hidden_by == facilitator
    assert ("themes.comment_hide", facilitator.pk) in _log_actions(comment)
    inspect = facilitator_client.get(reverse("contribution_comments:inspect", args=[comment.pk]))
    assert "Datos personales de un tercero." in inspect.text

    facilitator_client.post(reverse("contribution_comments:unhide", args=[comment.pk]))
    comment.refresh_from_db()
    assert not comment.is_hidden and comment.hidden_reason == ""
    assert ("themes.comment_unhide", facilitator.pk) in _log_actions(comment)


def test_comments_are_never_edited_or_deleted_in_the_admin(facilitator_client):
    comment = _comment()
    for path in (f"edit/{comment.pk}/", f"delete/{comment.pk}/", "add/"):
        response = facilitator_client.post(f"/admin/contribution-comments/{path}")
        assert response.status_code == 404
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_facilitators_cannot_delete_contributions(facilitator_client):
    contribution = ContributionFactory()
    response = facilitator_client.post(url("delete", contribution))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert Contribution.objects.filter(pk=contribution.pk).exists()


# ---- NO ONE ELSE GETS IN


@pytest.fixture
def admin_urls(member):
    contribution = submitted(member)
    published = ContributionFactory()
    comment = services.comment_create(user=member, contribution=published, body="Gracias.")
    task_state = task_state_of(contribution)
    return {
        "get": [
            url("list"),
            url("edit", contribution),
            url("history", contribution),
            url("inspect", contribution),
            reverse("moderation_queue:index"),
            reverse("contribution_comments:index"),
            reverse("contribution_comments:inspect", args=[comment.pk]),
        ],
        "post": [
            (
                url("archive", published),
                lambda: Contribution.objects.get(pk=published.pk).is_archived,
            ),
            (
                url("feature", published),
                lambda: Contribution.objects.get(pk=published.pk).is_featured,
            ),
            (
                url("unpublish", published),
                lambda: not Contribution.objects.get(pk=published.pk).live,
            ),
            (
                url("workflow_action", contribution, "approve", task_state.pk),
                lambda: Contribution.objects.get(pk=contribution.pk).live,
            ),
            (
                reverse("contribution_comments:hide", args=[comment.pk]),
                lambda: Comment.objects.get(pk=comment.pk).is_hidden,
            ),
        ],
    }


@pytest.mark.parametrize("who", ["anonymous", "member", "roleless"])
def test_members_and_visitors_get_no_access(who, admin_urls, anon_client, member_client, client):
    if who == "anonymous":
        visitor = anon_client
    elif who == "member":
        visitor = member_client
    else:
        visitor = client
        visitor.force_login(UserFactory())
    for address in admin_urls["get"]:
        response = visitor.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith(reverse("account_login")), address
    for address, happened in admin_urls["post"]:
        response = visitor.post(address, {"reason": "x", "comment": ""})
        assert response.status_code in (302, 403), address
        assert not happened(), address


def test_facilitator_reaches_every_admin_view(admin_urls, facilitator_client):
    for address in admin_urls["get"]:
        assert facilitator_client.get(address).status_code == 200, address


def test_a_second_facilitator_sees_the_same_queue(member):
    contribution = submitted(member, title="Ferias agrícolas en Puquina")
    other = FacilitatorFactory()
    from django.test import Client

    client = Client()
    client.force_login(other)
    assert contribution.title in client.get(reverse("moderation_queue:index")).text
    assert contribution.title in client.get(reverse("wagtailadmin_home")).text
    assert WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() == 1
