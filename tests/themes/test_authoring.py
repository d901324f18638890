"""Members writing contributions on the site: my contributions, the form, preview, submit,
withdraw; bad input; who may reach which page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from taggit.models import Tag
from wagtail.models import WorkflowState

from members.models import District
from tests.factories import ContributionFactory, MemberFactory, ThemeFactory
from tests.themes.authoring_helpers import (
    CREATE,
    edit_url,
    error_summary,
    form_data,
)
from tests.themes.lessons_helpers import soup
from themes import selectors, services
from themes.models import (
    SECTION_NAMES,
    Contribution,
    ContributionAttachment,
    Visibility,
)

pytestmark = pytest.mark.django_db

MY = reverse("themes:my_contributions")


def preview_url(contribution):
    return reverse("themes:contribution_preview", kwargs={"pk": contribution.pk})


def submit_url(contribution):
    return reverse("themes:contribution_submit", kwargs={"pk": contribution.pk})


def withdraw_url(contribution):
    return reverse("themes:contribution_withdraw", kwargs={"pk": contribution.pk})


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture(autouse=True)
def private_files(tmp_path, monkeypatch):
    """Attachments go to a temporary private folder, so tests can see what was stored."""
    folder = tmp_path / "private"
    field = ContributionAttachment._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=folder))
    return folder


@pytest.fixture
def theme():
    return ThemeFactory(name_es="Gestión integrada de recursos hídricos")


def submit_for_review(contribution, user):
    services.contribution_submit(user=user, contribution=contribution)
    return Contribution.objects.get(pk=contribution.pk)


def reject(contribution, facilitator, comment):
    task_state = contribution.current_workflow_state.current_task_state.specific
    task_state.task.specific.on_action(task_state, facilitator, "reject", comment=comment)


def approve(contribution, facilitator):
    task_state = contribution.current_workflow_state.current_task_state.specific
    task_state.task.specific.on_action(task_state, facilitator, "approve")


# ---- My contributions


def test_my_contributions_empty_state_invites_to_write(member_client):
    response = member_client.get(MY)

    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == gettext("My contributions")
    empty = page.select_one(".empty-state")
    assert empty is not None
    assert empty.select_one(f'a[href="{CREATE}"]')


def test_my_contributions_lists_status_comment_and_actions(member, facilitator, member_client):
    draft = ContributionFactory(author=member, published=False, title="Borrador sobre el canon")
    published = ContributionFactory(author=member, title="Vigilancia de obras en Torata")
    in_review = submit_for_review(
        ContributionFactory(author=member, published=False, title="Calidad del aire en Ilo"),
        member,
    )
    sent_back = submit_for_review(
        ContributionFactory(author=member, published=False, title="Relaves y vecinos"), member
    )
    reject(sent_back, facilitator, "Falta decir <qué> vecinos participaron.")
    coauthored = ContributionFactory(published=False, title="Diversificar la palta")
    coauthored.coauthors.add(member)
    coauthored.save()
    ContributionFactory(title="De otra persona")

    page = soup(member_client.get(MY))
    rows = {
        row.select_one("h3").get_text(strip=True): row for row in page.select(".contribution-row")
    }
    assert set(rows) == {
        "Borrador sobre el canon",
        "Vigilancia de obras en Torata",
        "Calidad del aire en Ilo",
        "Relaves y vecinos",
        "Diversificar la palta",
    }

    def status(title):
        return rows[title].select_one(".badge-status").get_text(strip=True)

    def links(title):
        return {a["href"] for a in rows[title].select(".row-actions a")}

    def buttons(title):
        return {form["action"] for form in rows[title].select(".row-actions form")}

    assert status("Borrador sobre el canon") == gettext("Draft")
    assert edit_url(draft) in links("Borrador sobre el canon")
    assert preview_url(draft) in links("Borrador sobre el canon")
    assert buttons("Borrador sobre el canon") == {submit_url(draft)}

    assert status("Vigilancia de obras en Torata") == gettext("Published")
    assert published.get_absolute_url() in links("Vigilancia de obras en Torata")
    assert buttons("Vigilancia de obras en Torata") == set()

    assert status("Calidad del aire en Ilo") == gettext("In review")
    assert edit_url(in_review) not in links("Calidad del aire en Ilo")
    assert buttons("Calidad del aire en Ilo") == {withdraw_url(in_review)}

    assert status("Relaves y vecinos") == gettext("Sent back for changes")
    comment = rows["Relaves y vecinos"].select_one(".review-comment")
    assert "Falta decir <qué> vecinos participaron." in comment.get_text()
    assert "&lt;qué&gt;" in str(comment)
    assert edit_url(sent_back) in links("Relaves y vecinos")

    assert edit_url(coauthored) in links("Diversificar la palta")


def test_my_contributions_runs_a_fixed_number_of_queries(
    member, facilitator, member_client, django_assert_max_num_queries
):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert member_client.get(MY).status_code == 200
        return len(queries)

    ContributionFactory(author=member)
    few = count_queries()

    for _ in range(3):
        ContributionFactory(author=member, published=False)
        ContributionFactory(author=member)
    submit_for_review(ContributionFactory(author=member, published=False), member)
    sent_back = submit_for_review(ContributionFactory(author=member, published=False), member)
    reject(sent_back, facilitator, "Completen los resultados.")
    other = ContributionFactory(published=False)
    other.coauthors.add(member, MemberFactory())
    other.save()

    with django_assert_max_num_queries(few):
        response = member_client.get(MY)
    assert len(soup(response).select(".contribution-row")) == 10


def test_my_contributions_query_budget(member, member_client, django_assert_max_num_queries):
    titles = {ContributionFactory(author=member).title for _ in range(8)}
    with django_assert_max_num_queries(15):
        response = member_client.get(MY)
    assert response.status_code == 200
    rows = soup(response).select(".contribution-row")
    assert {title for title in titles if any(title in row.get_text() for row in rows)} == titles
    assert len(rows) == 8


def test_dashboard_links_to_my_contributions(member_client):
    page = soup(member_client.get(reverse("members:dashboard")))
    assert page.select_one(f'main a[href="{MY}"]')
    assert page.select_one(f'main a[href="{CREATE}"]')


# ---- Writing


def test_create_page_has_the_form_in_fieldsets(member_client, theme):
    response = member_client.get(CREATE)

    assert response.status_code == 200
    page = soup(response)
    form = page.select_one("form.contribution-form")
    assert form["enctype"] == "multipart/form-data"
    assert form["action"] == CREATE
    legends = [legend.get_text(strip=True) for legend in form.select("fieldset > legend")]
    assert gettext("The lesson, step by step") in legends
    for name in SECTION_NAMES:
        field = form.select_one(f'textarea[name="{name}"]')
        label = form.select_one(f'label[for="{field["id"]}"]')
        assert label is not None
        assert field.get("aria-describedby")  # the helper question
    assert form.select_one('input[name="primary_theme"][type="radio"]')
    # Districts as checkboxes, one group per province (no script needed).
    ilo = form.select_one(".district-choices fieldset.district-group:last-child")
    assert ilo.legend.get_text(strip=True) == "Provincia de Ilo"
    assert [label.get_text(strip=True) for label in ilo.select("label")] == [
        "Ilo",
        "El Algarrobal",
        "Pacocha",
    ]
    assert ilo.select('input[type="checkbox"][name="districts"]')
    assert form.select_one('input[type="file"][name="new_attachments"][multiple]')
    actions = {button["value"] for button in form.select('button[name="action"]')}
    assert actions == {"save", "preview", "submit"}


def test_save_a_partial_draft(member, member_client, theme):
    data = form_data(theme, context="", challenge="", actions="", results="", tags="")
    for name in ("lesson", "recommendations", "districts", "period_start"):
        data.pop(name)

    response = member_client.post(CREATE, data, follow=True)

    contribution = Contribution.objects.get()
    assert response.redirect_chain[-1][0] == edit_url(contribution)
    assert any("Su borrador se ha guardado" in m for m in messages_of(response))
    assert contribution.author == member
    assert contribution.author_institution == member.institution
    assert not contribution.live
    assert selectors.contribution_status(contribution).code == "draft"
    assert not selectors.public_contributions().exists()
    # The edit page shows what was saved.
    page = soup(response)
    assert page.select_one('input[name="title"]')["value"] == data["title"]


def test_a_draft_needs_a_title_summary_and_theme(member_client, theme):
    response = member_client.post(CREATE, {"action": "save", "kind": "lesson"})

    assert response.status_code == 200
    form = response.context["form"]
    assert {"title", "summary", "primary_theme"} <= set(form.errors)
    assert "context" not in form.errors
    assert soup(response).select_one('#error-summary a[href="#id_title"]')
    assert not Contribution.objects.exists()


def test_edit_starts_from_the_latest_draft(member, member_client, theme):
    contribution = ContributionFactory(author=member, primary_theme=theme)
    services.contribution_save_draft(
        user=member, contribution=contribution, fields={"title": "Título todavía en borrador"}
    )

    page = soup(member_client.get(edit_url(contribution)))

    assert page.select_one('input[name="title"]')["value"] == "Título todavía en borrador"
    note = page.select_one(".notice")
    assert "la versión publicada sigue visible" in note.get_text()


def test_edit_a_draft(member, member_client, theme):
    other_theme = ThemeFactory()
    coauthor = MemberFactory()
    contribution = ContributionFactory(author=member, published=False, primary_theme=theme)

    response = member_client.post(
        edit_url(contribution),
        form_data(
            theme,
            title="Mesa del agua (segunda versión)",
            secondary_themes=[other_theme.pk, theme.pk],
            coauthors=[coauthor.pk],
            anti_corruption_focus="on",
            visibility=Visibility.MEMBERS,
        ),
    )

    assert response.status_code == 302
    contribution = Contribution.objects.get(pk=contribution.pk)
    assert contribution.title == "Mesa del agua (segunda versión)"
    assert list(contribution.secondary_themes.all()) == [other_theme]
    assert list(contribution.coauthors.all()) == [coauthor]
    assert contribution.anti_corruption_focus
    assert contribution.visibility == Visibility.MEMBERS
    assert sorted(tag.name for tag in contribution.tags.all()) == ["agua", "riego"]
    assert [district.name for district in contribution.districts.all()] == ["El Algarrobal"]
    assert (contribution.period_start, contribution.period_end) == (2022, 2023)
    # The co-author can now edit it too.
    assert services.user_can_edit(coauthor, contribution)


def test_coauthors_are_members_grouped_by_institution_without_the_author(
    member, other_member, roleless_user, member_client
):
    page = soup(member_client.get(CREATE))
    select = page.select_one('select[name="coauthors"]')
    values = {option["value"] for option in select.select("option")}

    assert str(other_member.pk) in values
    assert str(member.pk) not in values
    assert str(roleless_user.pk) not in values
    group = select.select_one(f'optgroup[label="{other_member.institution.name}"]')
    assert group.select_one(f'option[value="{other_member.pk}"]')


def test_a_coauthor_outside_the_community_is_refused(member_client, roleless_user, theme):
    response = member_client.post(CREATE, form_data(theme, coauthors=[roleless_user.pk]))

    assert "coauthors" in response.context["form"].errors
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("bad", ["999999", "Torata"])
def test_an_unknown_district_is_refused_with_a_translated_error(member_client, theme, bad):
    response = member_client.post(CREATE, form_data(theme, districts=[bad]))

    errors = response.context["form"].errors["districts"]
    assert errors == [f"“{bad}” no es un distrito de la región Moquegua."]
    summary = soup(response).select_one("#error-summary").get_text(" ", strip=True)
    assert "no es un distrito de la región Moquegua" in summary
    assert not Contribution.objects.exists()


def test_a_lesson_about_several_districts_of_two_provinces(member_client, theme):
    chosen = District.objects.filter(slug__in=["torata", "pacocha"])
    member_client.post(CREATE, form_data(theme, districts=[d.pk for d in chosen]))

    contribution = Contribution.objects.get()
    assert sorted(d.name for d in contribution.districts.all()) == ["Pacocha", "Torata"]


def test_years_must_be_sensible(member_client, theme):
    response = member_client.post(CREATE, form_data(theme, period_start="1850", period_end="3000"))
    errors = response.context["form"].errors
    assert "period_start" in errors and "period_end" in errors

    response = member_client.post(CREATE, form_data(theme, period_start="2023", period_end="2020"))
    assert response.context["form"].errors["period_end"] == [
        gettext("The end year cannot be before the start year.")
    ]
    assert not Contribution.objects.exists()


# ---- Submitting


def test_submit_with_missing_sections_keeps_the_draft_and_says_what_is_missing(
    member, member_client, facilitator, theme, django_capture_on_commit_callbacks
):
    data = form_data(theme, action="submit", results="", lesson="   ")
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(CREATE, data)

    assert response.status_code == 200
    contribution = Contribution.objects.get()
    assert selectors.contribution_status(contribution).code == "draft"
    assert mail.outbox == []
    summary = error_summary(response)
    assert "Su borrador se ha guardado" in summary
    assert gettext("Results") in summary
    assert gettext("The lesson learned") in summary
    assert gettext("Context") not in summary
    form = response.context["form"]
    assert set(form.errors) == {"__all__", "results", "lesson"}
    page = soup(response)
    # Everything typed is still there, and the form now edits the saved draft.
    assert page.select_one("form.contribution-form")["action"] == edit_url(contribution)
    assert page.select_one('textarea[name="context"]').get_text().strip() == data["context"]
    assert page.select_one('input[name="title"]')["value"] == data["title"]
    assert contribution.context == data["context"]
    assert sorted(tag.name for tag in contribution.tags.all()) == ["agua", "riego"]


def test_submit_a_complete_contribution(
    member, member_client, facilitator, theme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(CREATE, form_data(theme, action="submit"), follow=True)

    contribution = Contribution.objects.get()
    assert response.redirect_chain[-1][0] == MY
    assert any("enviado a revisión" in m for m in messages_of(response))
    assert selectors.contribution_status(contribution).code == "in_review"
    assert WorkflowState.objects.for_instance(contribution).count() == 1
    assert [message.to for message in mail.outbox] == [[facilitator.email]]
    assert not selectors.public_contributions().exists()


def test_submit_from_the_list(
    member, member_client, facilitator, django_capture_on_commit_callbacks
):
    contribution = ContributionFactory(author=member, published=False)

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(submit_url(contribution), follow=True)

    assert response.redirect_chain[-1][0] == MY
    contribution = Contribution.objects.get(pk=contribution.pk)
    assert selectors.contribution_status(contribution).code == "in_review"
    assert [message.to for message in mail.outbox] == [[facilitator.email]]


def test_submit_from_the_list_with_missing_parts_says_which(member, member_client):
    contribution = ContributionFactory(author=member, published=False, lesson="")

    response = member_client.post(submit_url(contribution), follow=True)

    [message] = messages_of(response)
    assert gettext("The lesson learned") in message
    assert (
        selectors.contribution_status(Contribution.objects.get(pk=contribution.pk)).code == "draft"
    )


def test_submit_needs_post(member, member_client):
    contribution = ContributionFactory(author=member, published=False)
    assert member_client.get(submit_url(contribution)).status_code == 405
    assert member_client.get(withdraw_url(contribution)).status_code == 405


def test_withdraw_from_review(member, member_client):
    contribution = submit_for_review(ContributionFactory(author=member, published=False), member)

    response = member_client.post(withdraw_url(contribution), follow=True)

    assert response.redirect_chain[-1][0] == MY
    contribution = Contribution.objects.get(pk=contribution.pk)
    assert selectors.contribution_status(contribution).code == "draft"
    assert services.user_can_edit(member, contribution)


def test_withdraw_when_not_in_review_says_so(member, member_client):
    contribution = ContributionFactory(author=member, published=False)

    response = member_client.post(withdraw_url(contribution), follow=True)

    assert messages_of(response) == [gettext("This contribution is not in review.")]


def test_editing_a_published_contribution_keeps_the_published_version(
    member, member_client, facilitator, theme, django_capture_on_commit_callbacks
):
    contribution = ContributionFactory(
        author=member, primary_theme=theme, title="Vigilancia del canon en Torata"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(
            edit_url(contribution),
            form_data(theme, action="submit", title="Vigilancia del canon en Torata (2024)"),
            follow=True,
        )

    assert response.redirect_chain[-1][0] == MY
    contribution = Contribution.objects.get(pk=contribution.pk)
    assert contribution.live
    assert contribution.title == "Vigilancia del canon en Torata"
    assert (
        selectors.contribution_for_reading(AnonymousUser(), contribution.slug).title
        == "Vigilancia del canon en Torata"
    )
    assert selectors.contribution_status(contribution).code == "published_changes_in_review"
    row = soup(response).select_one(".contribution-row")
    assert row.select_one(".badge-status").get_text(strip=True) == gettext(
        "Published — changes in review"
    )
    assert row.select_one("h3").get_text(strip=True) == "Vigilancia del canon en Torata (2024)"

    approve(contribution, facilitator)
    contribution = Contribution.objects.get(pk=contribution.pk)
    assert contribution.title == "Vigilancia del canon en Torata (2024)"


def test_sent_back_contribution_shows_the_comment_and_can_be_resubmitted(
    member, member_client, facilitator, theme
):
    contribution = submit_for_review(
        ContributionFactory(author=member, published=False, primary_theme=theme), member
    )
    reject(contribution, facilitator, "Añadan cuántas familias participaron.\nY la fecha.")

    response = member_client.get(edit_url(contribution))
    assert response.status_code == 200
    comment = soup(response).select_one(".review-comment")
    assert "Añadan cuántas familias participaron." in comment.get_text()
    assert comment.select("br")  # line breaks kept

    member_client.post(
        edit_url(contribution),
        form_data(theme, action="submit", results="Participaron 120 familias de Ilo."),
    )
    contribution = Contribution.objects.get(pk=contribution.pk)
    assert selectors.contribution_status(contribution).code == "in_review"
    assert contribution.get_latest_revision_as_object().results.startswith("Participaron 120")


@pytest.mark.parametrize("state", ["in_review", "archived"])
def test_a_contribution_in_review_or_archived_cannot_be_edited(member, member_client, theme, state):
    contribution = ContributionFactory(author=member, published=False, primary_theme=theme)
    if state == "in_review":
        contribution = submit_for_review(contribution, member)
        expected = "está revisando esta contribución"
    else:
        Contribution.objects.filter(pk=contribution.pk).update(is_archived=True)
        expected = "Esta contribución está archivada"
    revisions = contribution.revisions.count()

    response = member_client.get(edit_url(contribution), follow=True)
    assert response.redirect_chain[-1][0] == MY
    assert any(expected in m for m in messages_of(response))

    response = member_client.post(
        edit_url(contribution), form_data(theme, title="Cambio no permitido"), follow=True
    )
    assert response.redirect_chain[-1][0] == MY
    contribution = Contribution.objects.get(pk=contribution.pk)
    assert contribution.revisions.count() == revisions
    assert contribution.get_latest_revision_as_object().title != "Cambio no permitido"


# ---- Preview


def test_preview_renders_the_latest_draft_with_a_banner(member, member_client, theme):
    contribution = ContributionFactory(author=member, primary_theme=theme, title="Publicado")
    services.contribution_save_draft(
        user=member,
        contribution=contribution,
        fields={"title": "Nuevo título en borrador", "results": ""},
        tags=["relaves"],
    )

    response = member_client.get(preview_url(contribution))

    assert response.status_code == 200
    page = soup(response)
    assert gettext("Preview — not published") in page.select_one(".preview-banner").get_text()
    assert page.h1.get_text(strip=True) == "Nuevo título en borrador"
    headings = [h.get_text(strip=True) for h in page.select(".lesson-section h2")]
    assert headings[:6] == [
        gettext("Context"),
        gettext("The problem or challenge"),
        gettext("What was done"),
        gettext("Results"),
        gettext("The lesson learned"),
        gettext("Recommendations for replicating it"),
    ]
    assert gettext("Not written yet.") in page.text
    assert "relaves" in page.select_one(".tag-list").get_text()
    assert page.select_one('meta[name="robots"][content="noindex"]')


def test_preview_from_the_form_saves_then_shows_it(member_client, theme):
    response = member_client.post(CREATE, form_data(theme, action="preview"), follow=True)

    contribution = Contribution.objects.get()
    assert response.redirect_chain[-1][0] == preview_url(contribution)
    assert soup(response).h1.get_text(strip=True) == contribution.title


def test_html_and_script_are_shown_as_text_never_run(member, member_client, theme):
    script = "<script>alert('x')</script>"
    data = form_data(theme, action="preview", title=f"Agua {script}")
    for name in ("summary", *SECTION_NAMES):
        data[name] = f'{data[name]} {script} <img src=x onerror="alert(1)">\n\nSegundo párrafo.'

    response = member_client.post(CREATE, data, follow=True)

    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    page = soup(response)
    assert script in page.h1.get_text()
    assert not page.select("main script")
    context = page.select_one("#section-context").find_parent("section")
    assert len(context.select("p")) == 2  # paragraphs from the blank line
    # Stored as typed: it is text, escaped wherever it is shown.
    assert Contribution.objects.get().title == f"Agua {script}"


def test_overlong_fields_are_refused_with_a_message(member_client, theme):
    response = member_client.post(
        CREATE, form_data(theme, title="T" * 201, summary="S" * 601, context="C" * 8001)
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"title", "summary", "context"}
    assert "200" in errors["title"][0]
    assert "600" in errors["summary"][0]
    assert "8000" in errors["context"][0] or "8.000" in errors["context"][0]
    assert soup(response).select_one('#error-summary a[href="#id_title"]')
    assert not Contribution.objects.exists()


# ---- Tags


def test_tags_are_normalised(member_client, theme):
    Tag.objects.create(name="Agua", slug="agua")

    member_client.post(
        CREATE,
        form_data(theme, tags="  agua  ,  canon    minero , , Canon Minero,  ,riego-tecnificado"),
    )

    tags = sorted(tag.name for tag in Contribution.objects.get().tags.all())
    assert tags == ["Agua", "canon minero", "riego-tecnificado"]


@pytest.mark.parametrize(
    "bad",
    [
        "<script>alert(1)</script>",
        "x",
        "a" * 51,
        "riego\x07",
        "agua; DROP TABLE",
        "--",
        "canon_minero",
    ],
)
def test_odd_tags_are_refused_with_a_message(member_client, theme, bad):
    response = member_client.post(CREATE, form_data(theme, tags=f"agua, {bad}"))

    assert response.status_code == 200
    [error] = response.context["form"].errors["tags"]
    assert "no es una etiqueta válida" in error
    assert "\x07" not in error
    assert "<script>" not in response.content.decode()
    assert not Contribution.objects.exists()
    assert not Tag.objects.exists()


def test_at_most_ten_tags(member_client, theme):
    tags = ", ".join(f"tema {number}" for number in range(11))

    response = member_client.post(CREATE, form_data(theme, tags=tags))

    assert "tags" in response.context["form"].errors
    assert not Contribution.objects.exists()


def test_existing_tags_are_suggested(member, member_client, theme):
    for contribution, tags in [
        (ContributionFactory(), ["canon minero"]),
        (ContributionFactory(), ["canon minero", "calidad del aire"]),
        (ContributionFactory(published=False), ["secreto de un borrador"]),
    ]:
        contribution.tags.add(*tags)
        contribution.save()

    page = soup(member_client.get(CREATE))
    suggested = [box["value"] for box in page.select('input[name="suggested_tags"]')]
    assert suggested == ["canon minero", "calidad del aire"]

    member_client.post(
        CREATE, form_data(theme, tags="relaves", suggested_tags=["calidad del aire"])
    )
    contribution = Contribution.objects.get(author=member)
    assert sorted(tag.name for tag in contribution.tags.all()) == ["calidad del aire", "relaves"]
    # Editing: the suggested ones are ticked, the others are in the text field.
    page = soup(member_client.get(edit_url(contribution)))
    assert page.select_one('input[name="suggested_tags"][value="calidad del aire"]').has_attr(
        "checked"
    )
    assert page.select_one('input[name="tags"]')["value"] == "relaves"


# ---- Who may reach what


@pytest.fixture
def own(member):
    return ContributionFactory(author=member, published=False)


def _urls(contribution):
    return [
        ("get", MY),
        ("get", CREATE),
        ("get", edit_url(contribution)),
        ("post", edit_url(contribution)),
        ("get", preview_url(contribution)),
        ("post", submit_url(contribution)),
        ("post", withdraw_url(contribution)),
    ]


def test_anonymous_visitors_are_sent_to_log_in(anon_client, own):
    login = reverse("account_login")
    for method, url in _urls(own):
        response = getattr(anon_client, method)(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(login), url


def test_people_without_a_role_get_404(roleless_user, own):
    client = Client()
    client.force_login(roleless_user)
    for method, url in _urls(own):
        assert getattr(client, method)(url).status_code == 404, url


def test_another_member_cannot_reach_someone_elses_contribution(other_member, own, theme):
    client = Client()
    client.force_login(other_member)
    revisions = own.revisions.count()
    assert client.get(MY).status_code == 200
    assert client.get(CREATE).status_code == 200
    assert client.get(edit_url(own)).status_code == 404
    assert client.post(edit_url(own), form_data(theme, title="Intruso")).status_code == 404
    assert client.get(preview_url(own)).status_code == 404
    assert client.post(submit_url(own)).status_code == 404
    assert client.post(withdraw_url(own)).status_code == 404
    assert client.get(edit_url(Contribution(pk=987654))).status_code == 404
    assert own.revisions.count() == revisions
    assert selectors.contribution_status(Contribution.objects.get(pk=own.pk)).code == "draft"


def test_the_author_reaches_every_page(member_client, own, theme):
    assert member_client.get(MY).status_code == 200
    assert member_client.get(CREATE).status_code == 200
    assert member_client.get(edit_url(own)).status_code == 200
    assert member_client.get(preview_url(own)).status_code == 200
    assert member_client.post(edit_url(own), form_data(theme)).status_code == 302
    assert member_client.post(submit_url(own)).status_code == 302
    assert member_client.post(withdraw_url(own)).status_code == 302


def test_facilitators_preview_any_but_edit_only_their_own(
    facilitator, facilitator_client, own, theme
):
    assert facilitator_client.get(MY).status_code == 200
    assert facilitator_client.get(CREATE).status_code == 200
    response = facilitator_client.get(preview_url(own))
    assert response.status_code == 200
    assert not soup(response).select(f'a[href="{edit_url(own)}"]')
    assert facilitator_client.get(edit_url(own)).status_code == 404
    assert facilitator_client.post(edit_url(own), form_data(theme)).status_code == 404
    assert facilitator_client.post(submit_url(own)).status_code == 404
    assert facilitator_client.post(withdraw_url(own)).status_code == 404
    # A facilitator is a member too and writes their own contributions here.
    facilitator_client.post(CREATE, form_data(theme, title="Lección de una facilitadora"))
    assert Contribution.objects.filter(author=facilitator).exists()


def test_a_coauthor_edits_and_previews(member, other_member, own, theme):
    own.coauthors.add(other_member)
    own.save()
    client = Client()
    client.force_login(other_member)

    assert client.get(preview_url(own)).status_code == 200
    response = client.post(edit_url(own), form_data(theme, title="Escrito entre dos"))
    assert response.status_code == 302
    contribution = Contribution.objects.get(pk=own.pk)
    assert contribution.title == "Escrito entre dos"
    assert contribution.author == member


def test_posts_need_the_csrf_token(member, own, theme):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    assert client.post(CREATE, form_data(theme)).status_code == 403
    assert client.post(edit_url(own), form_data(theme)).status_code == 403
    assert client.post(submit_url(own)).status_code == 403
    assert client.post(withdraw_url(own)).status_code == 403
    assert Contribution.objects.count() == 1
    # The pages carry the token in each of their forms.
    page = soup(client.get(MY))
    for form in page.select("main form[method=post]"):
        assert form.select_one('input[name="csrfmiddlewaretoken"]'), form


def test_the_pages_work_in_english(member_client, own):
    with translation.override("en"):
        url = reverse("themes:my_contributions")
    response = member_client.get(url)

    assert url.startswith("/en/")
    assert soup(response).html["lang"] == "en"
    assert soup(response).h1.get_text(strip=True) == "My contributions"
