"""Wagtail's Users admin asks for the portal's one name field, not a first and last name."""

import pytest
from django.urls import reverse

from members.models import User
from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True))
    return client


def test_the_edit_form_asks_for_the_full_name_and_saves_it(admin_client):
    person = MemberFactory(full_name="Rosa Quispe", email="rosa@example.org")
    url = reverse("wagtailusers_users:edit", args=[person.pk])

    form = admin_client.get(url)
    assert form.status_code == 200
    assert 'name="full_name"' in form.text and 'value="Rosa Quispe"' in form.text
    assert 'name="first_name"' not in form.text and 'name="last_name"' not in form.text

    response = admin_client.post(
        url,
        {
            "email": person.email,
            "full_name": "Rosa María Quispe Mamani",
            "is_active": "on",
            "groups": list(person.groups.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert User.objects.get(pk=person.pk).full_name == "Rosa María Quispe Mamani"


def test_a_full_name_is_required(admin_client):
    person = MemberFactory(full_name="Rosa Quispe")
    url = reverse("wagtailusers_users:edit", args=[person.pk])
    response = admin_client.post(url, {"email": person.email, "full_name": " ", "is_active": "on"})
    assert response.status_code == 200
    assert "full_name" in response.context["form"].errors
    assert User.objects.get(pk=person.pk).full_name == "Rosa Quispe"


def test_an_administrator_creates_an_account_with_a_full_name(admin_client):
    url = reverse("wagtailusers_users:add")
    form = admin_client.get(url)
    assert 'name="full_name"' in form.text and 'name="first_name"' not in form.text

    response = admin_client.post(
        url,
        {
            "email": "nuevo@example.org",
            "full_name": "Juan Pérez Ccama",
            "password1": "una-clave-larga-2026",
            "password2": "una-clave-larga-2026",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert User.objects.get(email="nuevo@example.org").full_name == "Juan Pérez Ccama"
