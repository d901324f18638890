"""Impossible keys in a multiple choice are form errors, not server errors (500), on both
databases: in the lesson form, the resource proposal and any Wagtail admin form."""

import pytest
from django import forms
from django.test import Client

from tests.factories import MemberFactory, ThemeFactory
from themes.models import Theme

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"


@pytest.mark.parametrize("value", [HUGE, f"-{HUGE}", "9223372036854775808"])
def test_a_key_beyond_the_columns_range_is_an_invalid_choice(value):
    ThemeFactory()
    field = forms.ModelMultipleChoiceField(queryset=Theme.objects.all())

    with pytest.raises(forms.ValidationError) as refused:
        field.clean([value])

    assert refused.value.code == "invalid_choice"


def test_valid_keys_still_pass():
    theme = ThemeFactory()
    field = forms.ModelMultipleChoiceField(queryset=Theme.objects.all())

    assert list(field.clean([str(theme.pk)])) == [theme]


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/mis-contribuciones/nueva/", "secondary_themes"),
        ("/mis-contribuciones/nueva/", "coauthors"),
        ("/recursos/proponer/", "themes"),
        ("/recursos/proponer/", "institutions"),
    ],
)
def test_the_members_forms_answer_a_huge_key_with_the_form_again(url, field):
    ThemeFactory()
    client = Client()
    client.force_login(MemberFactory())

    response = client.post(url, {field: HUGE, "title": "Prueba"})

    # The form again, with its errors (the proposal form answers 400 when invalid).
    assert response.status_code in {200, 400}
    assert "<form" in response.content.decode()
