"""Members propose resources: the form (members only, files checked by content), the
proposal landing in the facilitators' moderation workflow, the notifications, and the
proposer's "My proposals" list."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from members.models import Notification
from resources import services
from resources.library import Resource
from tests.factories import FacilitatorFactory, MemberFactory, ThemeFactory
from tests.resources.library_helpers import client_for, pdf_upload, soup
from themes.models import Visibility

pytestmark = pytest.mark.django_db

PROPOSE = "/en/recursos/proponer/"
MINE = "/en/recursos/mis-propuestas/"


def proposal(**overrides) -> dict:
    data = {
        "title": "Diagnóstico del riego en el valle de Ilo",
        "kind": "study",
        "summary": "Un diagnóstico de los turnos de riego en época seca.",
        "other_authors": "Junta de usuarios (ejemplo)",
        "year": "2024",
        "language": "es",
        "tags": "agua, riego",
        "external_url": "",
        "visibility": "public",
    }
    data.update(overrides)
    return data


def approve(resource, facilitator):
    task_state = resource.current_workflow_state.current_task_state.specific
    task_state.task.specific.on_action(task_state, facilitator, "approve")


def send_back(resource, facilitator, comment):
    task_state = resource.current_workflow_state.current_task_state.specific
    task_state.task.specific.on_action(task_state, facilitator, "reject", comment=comment)


# ---- Who may propose


def test_anonymous_visitors_are_asked_to_log_in(anon_client):
    response = anon_client.get(PROPOSE)

    assert response.status_code == 302
    assert "/cuentas/login/" in response["Location"]
    assert anon_client.get(MINE).status_code == 302


def test_accounts_without_a_role_cannot_propose(roleless_user):
    client = client_for("anonymous")
    client.force_login(roleless_user)

    assert client.get(PROPOSE).status_code == 404
    assert client.post(PROPOSE, proposal()).status_code == 404
    assert client.get(MINE).status_code == 404
    assert not Resource.objects.exists()


def test_the_form_starts_with_the_members_institution(member, member_client):
    page = soup(member_client.get(PROPOSE))

    checked = [box["value"] for box in page.select("input[name=institutions][checked]")]
    assert checked == [str(member.institution_id)]
    assert page.select_one("input[type=file]")["accept"].startswith(".pdf")


# ---- A proposal


def test_a_member_proposes_a_resource_with_a_file(member, member_client, facilitator):
    theme = ThemeFactory()

    response = member_client.post(
        PROPOSE,
        {
            **proposal(themes=[theme.pk], institutions=[member.institution_id]),
            "file": pdf_upload("Diagnóstico riego.pdf"),
        },
    )

    assert response.status_code == 302
    assert response["Location"].endswith("/recursos/mis-propuestas/")
    resource = Resource.objects.get()
    assert resource.proposed_by == member
    assert not resource.live
    assert resource.workflow_in_progress
    assert resource.document.filename == "diagnostico-riego.pdf"
    assert resource.document.uploaded_by_user == member
    assert list(resource.themes.all()) == [theme]
    assert sorted(tag.name for tag in resource.tags.all()) == ["agua", "riego"]
    # The facilitators are told through the portal's outbox, not Wagtail's e-mails.
    told = Notification.objects.filter(kind="resource_submitted")
    assert [n.recipient for n in told] == [facilitator]
    assert "Diagnóstico del riego en el valle de Ilo" in told.get().subject
    assert mail.outbox == []
    # Not in the library until it is published.
    assert resource.title not in client_for("member").get("/en/recursos/").text
    assert client_for("facilitator").get(resource.get_absolute_url()).status_code == 404


def test_the_proposer_sees_the_proposal_in_review(member, member_client):
    member_client.post(PROPOSE, proposal())

    page = member_client.get(MINE)

    assert "Diagnóstico del riego en el valle de Ilo" in page.text
    assert "In review" in page.text


def test_a_proposal_may_be_a_link_or_a_description_only(member_client):
    member_client.post(PROPOSE, proposal(title="Con enlace", external_url="https://example.org/x"))
    member_client.post(PROPOSE, proposal(title="Solo descrita"))

    linked = Resource.objects.get(title="Con enlace")
    described = Resource.objects.get(title="Solo descrita")
    assert linked.external_url == "https://example.org/x"
    assert linked.document is None
    assert described.has_no_file


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("informe.pdf", b"<html><script>x</script></html>"),
            "is not an accepted file type",
        ),
        (
            SimpleUploadedFile("dibujo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
            "is an SVG drawing",
        ),
        (
            SimpleUploadedFile("programa.exe", b"MZ\x90\x00" + b"\x00" * 200),
            "is a program, not a document",
        ),
    ],
)
def test_files_are_checked_by_their_content(member_client, upload, message):
    response = member_client.post(PROPOSE, {**proposal(), "file": upload})

    assert response.status_code == 400
    assert message in response.text
    assert "please choose it again" in response.text
    assert not Resource.objects.exists()


def test_too_large_files_are_refused(member_client, settings):
    settings.UPLOAD_MAX_BYTES = {**settings.UPLOAD_MAX_BYTES, "attachment": 100}
    response = member_client.post(PROPOSE, {**proposal(), "file": pdf_upload()})

    assert response.status_code == 400
    assert "is too large" in response.text
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"summary": ""}, "summary"),
        ({"kind": "poem"}, "kind"),
        ({"year": "1800"}, "year"),
        ({"external_url": "ftp://example.org/a.pdf"}, "external_url"),
        ({"external_url": "javascript:alert(1)"}, "external_url"),
        ({"tags": "<b>, ok"}, "tags"),
        ({"visibility": "secret"}, "visibility"),
    ],
)
def test_invalid_proposals_are_refused_with_the_reason(member_client, overrides, field):
    response = member_client.post(PROPOSE, proposal(**overrides))

    assert response.status_code == 400
    assert soup(response).select_one(f"#id_{field}") is not None
    assert soup(response).select_one(".error-summary") is not None
    assert not Resource.objects.exists()


def test_a_file_and_a_link_together_are_refused(member_client):
    response = member_client.post(
        PROPOSE, {**proposal(external_url="https://example.org/"), "file": pdf_upload()}
    )

    assert response.status_code == 400
    assert "Give a file or a link, not both." in response.text
    assert not Resource.objects.exists()


def test_the_form_is_protected_against_cross_site_posts(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    assert client.post(PROPOSE, proposal()).status_code == 403


def test_the_service_refuses_non_members(roleless_user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.resource_propose(
            user=roleless_user, fields={"title": "X", "kind": "other", "summary": "Y"}
        )


# ---- Moderation


def test_publishing_a_proposal_puts_it_in_the_library_and_tells_the_proposer(member, member_client):
    facilitator = FacilitatorFactory()
    member_client.post(PROPOSE, proposal(visibility=Visibility.MEMBERS))
    resource = Resource.objects.get()

    approve(resource, facilitator)

    resource.refresh_from_db()
    assert resource.live
    assert not resource.workflow_in_progress
    told = Notification.objects.get(kind="resource_published")
    assert told.recipient == member
    assert told.url.endswith(resource.get_absolute_url())
    assert "Diagnóstico del riego" in client_for("member").get("/en/recursos/").text
    assert "Diagnóstico del riego" not in client_for("anonymous").get("/en/recursos/").text
    assert "Published" in member_client.get(MINE).text
    # Publishing again later is not news.
    resource.save_revision().publish()
    assert Notification.objects.filter(kind="resource_published").count() == 1


def test_a_proposal_sent_back_shows_the_facilitators_comment(member, member_client):
    facilitator = FacilitatorFactory()
    member_client.post(PROPOSE, proposal())
    resource = Resource.objects.get()

    send_back(resource, facilitator, "Falta el año de publicación del original.")

    told = Notification.objects.get(kind="resource_sent_back")
    assert told.recipient == member
    assert "Falta el año de publicación" in told.body_text
    page = member_client.get(MINE)
    assert "The facilitators asked for changes" in page.text
    assert "Falta el año de publicación del original." in page.text
    assert mail.outbox == []


def test_my_proposals_lists_only_my_own(member_client):
    other = MemberFactory()
    services.resource_propose(
        user=other, fields={"title": "De otra persona", "kind": "other", "summary": "Algo."}
    )
    member_client.post(PROPOSE, proposal())

    page = member_client.get(MINE)

    assert "Diagnóstico del riego" in page.text
    assert "De otra persona" not in page.text


def test_my_proposals_reads_a_fixed_number_of_queries(
    member, member_client, django_assert_max_num_queries
):
    for number in range(6):
        services.resource_propose(
            user=member,
            fields={"title": f"Propuesta {number}", "kind": "other", "summary": "Algo."},
        )

    with django_assert_max_num_queries(8):
        response = member_client.get(MINE)
    assert response.text.count("In review") == 6


def test_an_empty_list_of_proposals_says_how_to_start(member_client):
    response = member_client.get(MINE)

    assert "You have not proposed any resource yet." in response.text
