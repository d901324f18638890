"""Two web processes behind one proxy share everything a visitor can notice: a login made
through one is valid on the other, a lesson published through one shows at once in the
other's cached lessons list, and a file uploaded through one is served by the other."""

import pytest
from django.conf import global_settings
from django.core.cache import cache
from django.urls import reverse

from tests.deploy.conftest import Browser, log_in
from tests.factories import FacilitatorFactory, MemberFactory, ThemeFactory
from tests.themes.authoring_helpers import form_data, pdf
from themes.listing_cache import VERSION_KEY
from themes.models import Contribution

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Turnos de riego verificables en El Algarrobal"
DASHBOARD = reverse("members:dashboard")
LESSONS = reverse("themes:lesson_list")


@pytest.fixture
def real_password_hashing(settings):
    # The processes use the production hashers: the accounts must be hashed with one.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS


def test_login_publication_and_upload_through_one_process_are_seen_by_the_other(
    two_portals, real_password_hashing
):
    a, b = two_portals
    theme = ThemeFactory(name_es="Gestión integrada de recursos hídricos")
    author, facilitator = MemberFactory(), FacilitatorFactory()

    # A login through A is valid on B: the session lives in PostgreSQL and Redis.
    member = Browser()
    log_in(member, a, author)
    assert Browser().get(b, DASHBOARD).status_code == 302  # B asks strangers to log in
    page = member.get(b, DASHBOARD)
    assert page.status_code == 200
    assert f'action="{reverse("account_logout")}"' in page.text

    # B serves (and caches, in the shared Redis) the lessons list before the lesson exists.
    visitor = Browser()
    before = visitor.get(b, LESSONS)
    assert before.status_code == 200
    assert TITLE not in before.text
    cached_version = cache.get(VERSION_KEY)
    assert cached_version is not None

    # The member writes the lesson through A, with an attachment, and sends it for review.
    assert member.get(a, reverse("themes:contribution_create")).status_code == 200
    response = member.post(
        a,
        reverse("themes:contribution_create"),
        form_data(theme, action="submit", title=TITLE),
        files={"new_attachments": ("acta-de-la-mesa.pdf", pdf().read(), "application/pdf")},
    )
    assert response.status_code == 302, response.text[:2000]
    lesson = Contribution.objects.get(title=TITLE)
    task_state = lesson.current_workflow_state.current_task_state

    # A facilitator approves it in the admin of A: published, and the list cache forgotten.
    moderator = Browser()
    log_in(moderator, a, facilitator)
    approve = reverse(
        "wagtailsnippets_themes_contribution:workflow_action",
        args=[lesson.pk, "approve", task_state.pk],
    )
    assert moderator.post(a, approve, {"comment": ""}).status_code == 302
    lesson.refresh_from_db()
    assert lesson.live
    assert cache.get(VERSION_KEY) != cached_version

    # B's next list shows it, with the count of results that B had cached as 0 before.
    after = visitor.get(b, LESSONS)
    assert after.status_code == 200
    assert TITLE in after.text

    # The file uploaded through A is served by B, through the view that checks access.
    attachment = lesson.attachments.get()
    download = reverse("themes:attachment", args=[lesson.slug, attachment.pk])
    assert download in visitor.get(b, reverse("themes:lesson_detail", args=[lesson.slug])).text
    served = visitor.get(b, download)
    assert served.status_code == 200
    assert served.content == pdf().read()
