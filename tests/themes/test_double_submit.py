"""A comment sent twice (a double click on a slow connection, a form sent again) is stored
once; the same words written again later are a new comment. Lesson comments and the
Foundational Document's section comments alike."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from resources import services as resource_services
from resources.pages import SectionComment
from tests.factories import ContributionFactory, MemberFactory
from tests.resources.page_helpers import make_document
from themes import services
from themes.models import Comment

pytestmark = pytest.mark.django_db

TEXT = "En Torata ordenamos los turnos de riego igual: funcionó."


def test_a_lesson_comment_posted_twice_is_stored_once():
    lesson = ContributionFactory()
    client = Client()
    client.force_login(MemberFactory())
    url = lesson.get_absolute_url() + "comentar/"

    first = client.post(url, {"body": TEXT})
    second = client.post(url, {"body": TEXT})

    assert first.status_code == second.status_code == 302
    assert Comment.objects.filter(contribution=lesson).count() == 1


def test_other_words_or_later_are_new_comments():
    lesson = ContributionFactory()
    member = MemberFactory()
    services.comment_create(user=member, contribution=lesson, body=TEXT)
    services.comment_create(user=member, contribution=lesson, body=TEXT + " Y más.")
    Comment.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    services.comment_create(user=member, contribution=lesson, body=TEXT)

    assert Comment.objects.filter(contribution=lesson).count() == 3


def test_another_member_saying_the_same_is_a_new_comment():
    lesson = ContributionFactory()
    services.comment_create(user=MemberFactory(), contribution=lesson, body=TEXT)
    services.comment_create(user=MemberFactory(), contribution=lesson, body=TEXT)

    assert Comment.objects.filter(contribution=lesson).count() == 2


def test_a_section_comment_sent_twice_is_stored_once():
    document = make_document()
    member = MemberFactory()
    for _ in range(2):
        resource_services.section_comment_create(
            user=member, page=document, anchor="proposito", body=TEXT
        )

    assert SectionComment.objects.filter(page=document).count() == 1
