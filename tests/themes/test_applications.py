"""“We applied this”: members report that their institution applied a lesson; the report is
moderated like the lessons, follows its lesson's visibility, is counted on the cards, shown
on the lesson's page, the theme and home pages ("most applied") and the district pages;
the lesson's authors are told once; the weekly digest names it. And lessons that build on
lessons, shown both ways with the visibility rule applied."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from members.models import District, Notification
from tests.factories import (
    ContributionFactory,
    FacilitatorFactory,
    LessonApplicationFactory,
    MemberFactory,
    ThemeFactory,
    district,
)
from tests.themes.lessons_helpers import soup
from themes import selectors, services
from themes.models import Contribution, LessonApplication, Visibility
from themes.tasks import digest_send

pytestmark = pytest.mark.django_db

NS = "wagtailsnippets_themes_lessonapplication"
NOW = datetime.datetime(2026, 11, 20, 15, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def theme():
    return ThemeFactory(order=1, slug="brechas", name_es="Cierre de brechas")


@pytest.fixture
def lesson(theme):
    return ContributionFactory(
        title="Comité de vigilancia del canon en Torata", primary_theme=theme
    )


def _form(**overrides):
    data = {
        "districts": [str(district("ilo-distrito").pk), str(district("el-algarrobal").pk)],
        "started_on": "2025-04-01",
        "ended_on": "2025-10-31",
        "adapted": "Hicimos las visitas de obra con las juntas vecinales del valle.",
        "results": "Tres obras con canon se reanudaron y se publican sus avances.",
        "shortcomings": "Las actas no siempre llegaron a tiempo a las juntas.",
        "evidence_url": "https://www.muniilo.gob.pe/informe-vigilancia",
        "cui": "2456789",
    }
    data.update(overrides)
    return data


def _report_url(lesson):
    return reverse("themes:application_create", args=[lesson.slug])


def _approve(client, application, capture):
    application = LessonApplication.objects.get(pk=application.pk)
    task_state = application.current_workflow_state.current_task_state
    action = reverse(f"{NS}:workflow_action", args=[application.pk, "approve", task_state.pk])
    with capture(execute=True):
        response = client.post(action)
    assert response.status_code in (200, 302)
    return LessonApplication.objects.get(pk=application.pk)


# ---- Reporting


def test_a_member_reports_an_application_from_the_lesson_page(
    member_client, member, lesson, django_capture_on_commit_callbacks
):
    facilitator = FacilitatorFactory()
    page = soup(member_client.get(lesson.get_absolute_url()))
    assert "Lo aplicamos en mi institución" in page.select_one("details.application-report").text

    with django_capture_on_commit_callbacks(execute=True):
        response = member_client.post(_report_url(lesson), _form(), follow=True)

    assert "Su informe se ha enviado al equipo de facilitación" in response.content.decode()
    application = LessonApplication.objects.get()
    assert (application.author, application.institution) == (member, member.institution)
    assert not application.live
    assert application.workflow_in_progress
    assert sorted(d.slug for d in application.districts.all()) == ["el-algarrobal", "ilo-distrito"]
    # Not shown before a facilitator approves it.
    assert "Hicimos las visitas de obra" not in response.content.decode()
    # The facilitators are told it waits for them.
    told = [m for m in mail.outbox if m.to == [facilitator.email]]
    assert len(told) == 1
    assert "Comité de vigilancia del canon en Torata" in told[0].subject


@pytest.mark.parametrize(
    ("overrides", "field_error"),
    [
        ({"districts": []}, "Elija al menos un distrito."),
        ({"cui": "12345"}, "El CUI (Código Único de Inversiones) es un número de exactamente 7"),
        ({"ended_on": "2025-01-01"}, "La fecha de fin no puede ser anterior a la de inicio."),
        ({"started_on": "2027-01-01", "ended_on": ""}, "Indique una fecha entre 1990 y hoy."),
        ({"started_on": "ayer"}, "Indique una fecha con día, mes y año."),
        ({"adapted": "  "}, "Diga qué adaptaron a su institución y a su lugar."),
        ({"evidence_url": "ftp://ejemplo.org/x"}, "Indique un enlace que empiece con http://"),
        ({"districts": ["99999999999999999999"]}, "no es un distrito de la región Moquegua"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_stored(
    member_client, lesson, overrides, field_error
):
    response = member_client.post(_report_url(lesson), _form(**overrides))

    assert response.status_code == 400
    page = soup(response)
    assert field_error in page.select_one(".error-summary").text
    # The form stays open with what was written.
    assert page.select_one("details.application-report").has_attr("open")
    assert LessonApplication.objects.count() == 0


def test_who_may_report(anon_client, roleless_user, client, lesson):
    response = anon_client.post(_report_url(lesson), _form())
    assert response.status_code == 302
    assert "/cuentas/login/" in response["Location"]
    client.force_login(roleless_user)
    assert client.post(_report_url(lesson), _form()).status_code == 403
    # A lesson the member cannot read does not exist for them.
    hidden = ContributionFactory(published=False)
    member_client = client
    member_client.force_login(MemberFactory())
    assert member_client.post(_report_url(hidden), _form()).status_code == 404
    assert LessonApplication.objects.count() == 0


def test_the_service_refuses_lessons_the_member_cannot_read_and_non_members(
    lesson, member, roleless_user
):
    from django.core.exceptions import PermissionDenied

    unpublished = ContributionFactory(published=False)
    with pytest.raises(PermissionDenied):
        services.application_report(
            user=member, lesson=unpublished, fields={}, districts=[district("ilo-distrito")]
        )
    with pytest.raises(PermissionDenied):
        services.application_report(
            user=roleless_user, lesson=lesson, fields={}, districts=[district("torata")]
        )


# ---- Approval and who is told


def test_approving_tells_the_lesson_authors_and_the_reporter_once(
    member_client, facilitator_client, lesson, django_capture_on_commit_callbacks
):
    coauthor = MemberFactory(preferred_language="en")
    lesson.coauthors = [coauthor]
    lesson.save()
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(_report_url(lesson), _form())
    application = LessonApplication.objects.get()
    mail.outbox.clear()

    application = _approve(facilitator_client, application, django_capture_on_commit_callbacks)

    assert application.live
    kinds = sorted(n.kind for n in Notification.objects.filter(kind__startswith="application_"))
    assert kinds.count("application_new") == 2
    assert kinds.count("application_published") == 1
    to_author = next(m for m in mail.outbox if m.to == [lesson.author.email])
    assert "aplicó su lección «Comité de vigilancia del canon en Torata»" in to_author.subject
    assert f"{lesson.get_absolute_url()}#aplicacion-{application.pk}" in to_author.body
    to_coauthor = next(m for m in mail.outbox if m.to == [coauthor.email])
    assert "applied your lesson" in to_coauthor.subject

    # Published again (a facilitator fixes a typo): nobody is told twice.
    with django_capture_on_commit_callbacks(execute=True):
        application.save_revision(user=None, clean=False).publish()
    assert Notification.objects.filter(kind="application_new").count() == 2
    assert Notification.objects.filter(kind="application_published").count() == 1


def test_sending_back_tells_the_reporter_with_the_comment(
    member_client, member, facilitator_client, lesson, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(_report_url(lesson), _form())
    application = LessonApplication.objects.get()
    task_state = application.current_workflow_state.current_task_state
    mail.outbox.clear()
    action = reverse(f"{NS}:workflow_action", args=[application.pk, "reject", task_state.pk])
    with django_capture_on_commit_callbacks(execute=True):
        facilitator_client.post(action, {"comment": "Añadan el acta de la junta vecinal."})

    message = next(m for m in mail.outbox if m.to == [member.email])
    assert "Añadan el acta de la junta vecinal." in message.body
    assert not LessonApplication.objects.get().live


# ---- Shown, with the lesson's visibility


def test_the_lesson_page_shows_the_reports_and_where_they_were_made(anon_client, lesson):
    LessonApplicationFactory(lesson=lesson, districts=["ilo-distrito"], cui="2456789")
    LessonApplicationFactory(
        lesson=lesson, districts=["ilo-distrito", "torata"], started_on=datetime.date(2024, 6, 1)
    )
    LessonApplicationFactory(lesson=lesson, published=False, adapted="Borrador sin aprobar.")

    page = soup(anon_client.get(lesson.get_absolute_url()))
    section = page.select_one("#aplicaciones")
    assert "Puesta en práctica (2)" in section.h2.text
    places = [li.get_text(" ", strip=True) for li in section.select(".application-places li")]
    assert places == ["Ilo (2)", "Torata (1)"]
    assert len(section.select("article.application")) == 2
    assert "Borrador sin aprobar." not in section.text
    assert "Qué no funcionó" in section.text
    assert "CUI 2456789: ficha pública oficial" in section.text
    # Visitors see the reports, not the form.
    assert section.select_one("form") is None


def test_the_count_shows_on_every_card(anon_client, lesson, theme):
    LessonApplicationFactory.create_batch(2, lesson=lesson)
    LessonApplicationFactory(lesson=lesson, published=False)
    other = ContributionFactory(primary_theme=theme, title="Sin aplicar todavía")

    page = soup(anon_client.get("/lecciones/"))
    cards = {card.h3.text.strip(): card for card in page.select("article.lesson-card")}
    assert "Aplicada 2 veces" in cards[lesson.title].select_one(".card-applied").text
    assert cards[other.title].select_one(".card-applied") is None


def test_applications_of_a_members_only_lesson_are_for_members_only(
    anon_client, member_client, theme
):
    private = ContributionFactory(primary_theme=theme, visibility=Visibility.MEMBERS)
    application = LessonApplicationFactory(lesson=private, districts=["moquegua"])
    from django.contrib.auth.models import AnonymousUser

    assert application not in selectors.applications_visible_to(AnonymousUser())
    assert application not in selectors.public_applications()
    assert application in selectors.applications_visible_to(MemberFactory())
    district_page = district("moquegua").get_absolute_url()
    assert "Lecciones aplicadas aquí (0)" in soup(anon_client.get(district_page)).text
    # On the theme page, the members see it as most applied; visitors do not.
    assert (
        private.title
        in soup(member_client.get(theme.get_absolute_url())).select_one(".most-applied").text
    )
    assert soup(anon_client.get(theme.get_absolute_url())).select_one(".most-applied") is None


def test_an_unpublished_or_archived_lesson_hides_its_applications(lesson, facilitator):
    application = LessonApplicationFactory(lesson=lesson)
    member = MemberFactory()
    assert application in selectors.applications_visible_to(member)
    services.contribution_archive(user=facilitator, contribution=lesson)
    assert application not in selectors.applications_visible_to(member)
    assert application not in selectors.applications_visible_to(facilitator)


def test_most_applied_on_the_theme_and_home_pages(anon_client, theme):
    once = ContributionFactory(primary_theme=theme, title="Aplicada una vez")
    twice = ContributionFactory(primary_theme=theme, title="Aplicada dos veces")
    ContributionFactory(primary_theme=theme, title="Nunca aplicada")
    LessonApplicationFactory(lesson=once)
    LessonApplicationFactory.create_batch(2, lesson=twice)

    for url in (theme.get_absolute_url(), "/"):
        section = soup(anon_client.get(url)).select_one(".most-applied")
        assert "Lecciones más aplicadas" in section.text
        titles = [card.select_one(".card-title").text.strip() for card in section.select("article")]
        assert titles == ["Aplicada dos veces", "Aplicada una vez"], url


def test_the_district_page_lists_the_applications_made_there(anon_client, lesson):
    LessonApplicationFactory(lesson=lesson, districts=["torata"], results="Se reanudó la obra.")
    page = soup(anon_client.get(district("torata").get_absolute_url()))
    section = page.select_one(".applications-here")
    assert "Lecciones aplicadas aquí (1)" in section.h2.text
    assert lesson.title in section.text
    assert "Se reanudó la obra." in section.text
    province = soup(anon_client.get(district("torata").province.get_absolute_url()))
    assert lesson.title in province.select_one(".applications-here").text
    elsewhere = soup(anon_client.get(district("ilo-distrito").get_absolute_url()))
    assert "Ninguna institución ha informado" in elsewhere.select_one(".applications-here").text


# ---- The weekly digest


def test_the_digest_names_the_applications_approved_in_the_week(lesson):
    with time_machine.travel(NOW - datetime.timedelta(days=30), tick=False):
        old_lesson = ContributionFactory(title="Lección de hace un mes")
    LessonApplicationFactory(lesson=old_lesson, results="La municipalidad la adoptó.")
    reader = MemberFactory(wants_digest=True)

    notification = digest_send(person=reader, now=NOW + datetime.timedelta(hours=1))

    assert "Lecciones puestas en práctica esta semana" in notification.body_text
    assert "Lección de hace un mes" in notification.body_text
    assert "La municipalidad la adoptó." in notification.body_html


# ---- Lessons that build on lessons


def test_an_author_says_what_a_lesson_builds_on_and_both_pages_show_it(
    member, member_client, anon_client, theme
):
    earlier = ContributionFactory(primary_theme=theme, title="Mesa de diálogo en Torata")
    private = ContributionFactory(
        primary_theme=theme, title="Acta reservada", visibility=Visibility.MEMBERS
    )
    draft_of_someone = ContributionFactory(published=False, title="Borrador ajeno")
    later = services.contribution_save_draft(
        user=member,
        fields={
            "title": "Mesa de diálogo en Ilo",
            "summary": "Repetimos la mesa.",
            "primary_theme": theme,
        },
        builds_on=[earlier, private],
    )
    form = soup(member_client.get(reverse("themes:contribution_edit", args=[later.pk])))
    options = {o.text: o.has_attr("selected") for o in form.select("select[name=builds_on] option")}
    assert options["Mesa de diálogo en Torata"] is True
    assert "Borrador ajeno" not in options

    with pytest.raises(Exception, match="solo lecciones publicadas"):
        services.contribution_save_draft(
            user=member, contribution=later, fields={}, builds_on=[draft_of_someone]
        )

    later = Contribution.objects.get(pk=later.pk)
    later.save_revision(user=member, clean=False).publish()

    visitor_view = soup(anon_client.get(later.get_absolute_url())).select_one(".lineage")
    assert "Mesa de diálogo en Torata" in visitor_view.text
    assert "Acta reservada" not in visitor_view.text
    member_view = soup(member_client.get(later.get_absolute_url())).select_one(".lineage")
    assert "Acta reservada" in member_view.text
    back = soup(anon_client.get(earlier.get_absolute_url())).select_one(".lineage")
    assert "Lecciones que parten de esta" in back.text
    assert "Mesa de diálogo en Ilo" in back.text


# ---- Query budgets, constant in the data size


def _make(lesson_count, per_lesson, theme, prefix):
    lessons = [
        ContributionFactory(primary_theme=theme, title=f"Lección {prefix} {n}")
        for n in range(lesson_count)
    ]
    slugs = list(District.objects.order_by("ubigeo").values_list("slug", flat=True)[:4])
    for index, lesson in enumerate(lessons):
        for n in range(per_lesson):
            LessonApplicationFactory(lesson=lesson, districts=slugs[: 1 + (n + index) % 4])
        if index:
            lesson.builds_on = [lessons[index - 1]]
            lesson.save()
    return lessons


@pytest.mark.parametrize("role", ["anonymous", "member"])
def test_pages_with_applications_run_a_fixed_number_of_queries(
    role, theme, anon_client, member_client, django_assert_max_num_queries, without_page_cache
):
    client = anon_client if role == "anonymous" else member_client
    torata = district("moquegua").get_absolute_url()

    def measure(url, budget):
        client.get(url)
        with django_assert_max_num_queries(budget) as context:
            response = client.get(url)
        assert response.status_code == 200
        return len(context.captured_queries)

    small = _make(2, 1, theme, "a")
    pages = {
        "list": ("/lecciones/", 22),
        "theme": (theme.get_absolute_url(), 20),
        "home": ("/", 30),
        "district": (torata, 20),
    }
    counts = {name: measure(*page) for name, page in pages.items()}
    detail = measure(small[1].get_absolute_url(), 20)

    large = _make(6, 5, theme, "b")
    for name, page in pages.items():
        assert measure(*page) == counts[name], name
    assert measure(large[3].get_absolute_url(), 20) == detail


def test_the_admin_listing_links_each_application_to_its_edit_page(facilitator_client):
    application = LessonApplicationFactory(lesson=ContributionFactory(title="Vigilancia del agua"))

    html = facilitator_client.get("/admin/snippets/themes/lessonapplication/").content.decode()

    edit = f'<a href="/admin/snippets/themes/lessonapplication/edit/{application.pk}/">'
    assert edit in html
    assert f'<span id="snippet_{application.pk}_title">Vigilancia del agua</span>' in html
