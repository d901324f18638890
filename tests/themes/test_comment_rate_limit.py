"""Comments are limited per member (settings.ACCOUNT_RATE_LIMITS["comment"], 10 in 10
minutes): the next one is refused with a clear message and its text stays in the form.
Facilitators, who answer and moderate, are not limited."""

import pytest
from django.conf import settings

from tests.factories import ContributionFactory, FacilitatorFactory, MemberFactory
from tests.themes.lessons_helpers import soup
from themes.models import Comment

pytestmark = pytest.mark.django_db

LIMIT = 10
LIMITED_MESSAGE = "You have published several comments in a short time."


@pytest.fixture
def lesson():
    return ContributionFactory(slug="turnos-de-riego")


def comment_url(lesson, language="en"):
    prefix = "" if language == "es" else f"/{language}"
    return f"{prefix}/lecciones/{lesson.slug}/comentar/"


def post_comments(client, lesson, count):
    for number in range(count):
        response = client.post(comment_url(lesson), {"body": f"Aporte número {number}"})
        assert response.status_code == 302, number


def test_the_limit_is_ten_comments_in_ten_minutes_per_member():
    assert settings.ACCOUNT_RATE_LIMITS["comment"] == "10/10m/user"


def test_a_member_over_the_limit_is_refused_and_keeps_the_text(member, member_client, lesson):
    post_comments(member_client, lesson, LIMIT)
    text = "¿Cómo acordaron los turnos con la junta de usuarios de Pasto Grande?"

    response = member_client.post(comment_url(lesson), {"body": text})

    assert response.status_code == 429
    page = soup(response)
    errors = page.select_one(".comment-form .errorlist")
    assert LIMITED_MESSAGE in errors.text
    assert "your text is still here" in errors.text
    textarea = page.select_one(".comment-form #comment-body")
    assert textarea.text == text
    assert textarea["aria-invalid"] == "true"
    assert Comment.objects.filter(author=member).count() == LIMIT
    assert not Comment.objects.filter(body=text).exists()


def test_the_limit_is_per_member(member_client, client, lesson):
    post_comments(member_client, lesson, LIMIT)
    assert member_client.post(comment_url(lesson), {"body": "Uno más"}).status_code == 429

    other = MemberFactory()
    client.force_login(other)
    assert client.post(comment_url(lesson), {"body": "Mi primer aporte"}).status_code == 302
    assert Comment.objects.filter(author=other).count() == 1


def test_refused_comments_do_not_count(member_client, lesson):
    for _attempt in range(LIMIT + 2):
        assert member_client.post(comment_url(lesson), {"body": "   "}).status_code == 400

    assert member_client.post(comment_url(lesson), {"body": "Ahora sí"}).status_code == 302


def test_facilitators_are_not_limited(client, lesson):
    facilitator = FacilitatorFactory()
    client.force_login(facilitator)

    post_comments(client, lesson, LIMIT + 2)

    assert Comment.objects.filter(author=facilitator).count() == LIMIT + 2


def test_on_a_spanish_page_the_refusal_keeps_the_text_too(member_client, lesson):
    post_comments(member_client, lesson, LIMIT)

    response = member_client.post(comment_url(lesson, "es"), {"body": "Uno más"})

    assert response.status_code == 429
    page = soup(response)
    assert page.select_one(".comment-form .errorlist li") is not None
    assert page.select_one("#comment-body").text == "Uno más"
