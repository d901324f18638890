"""Institutions in the Wagtail admin: listing, filters, search, the form and its logo checks."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from wagtail.users.models import UserProfile

from members.models import Institution, Sector
from tests.factories import FacilitatorFactory, InstitutionFactory, MemberFactory, UserFactory
from tests.members.institutions_helpers import institution_data

pytestmark = pytest.mark.django_db


def url(name, institution=None):
    args = [institution.pk] if institution is not None else []
    return reverse(f"institutions:{name}", args=args)


def png_bytes(size=(64, 64), noise=False) -> bytes:
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (31, 78, 121))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_listing_filters_and_search(english_admin_client):
    InstitutionFactory(
        name="Gobierno Regional de Moquegua", sector=Sector.GOVERNMENT_REGIONAL_LOCAL
    )
    InstitutionFactory(name="Propuesta Ciudadana", sector=Sector.CIVIL_SOCIETY, is_core_group=True)
    InstitutionFactory(name="Colectivo Nuevo de Ilo", sector=Sector.CIVIL_SOCIETY)

    response = english_admin_client.get(url("index"))
    assert response.status_code == 200
    content = response.content.decode()
    for name in ("Gobierno Regional de Moquegua", "Propuesta Ciudadana", "Colectivo Nuevo de Ilo"):
        assert name in content

    content = english_admin_client.get(
        url("index"), {"sector": Sector.CIVIL_SOCIETY}
    ).content.decode()
    assert "Propuesta Ciudadana" in content
    assert "Gobierno Regional de Moquegua" not in content

    content = english_admin_client.get(url("index"), {"is_core_group": "true"}).content.decode()
    assert "Propuesta Ciudadana" in content
    assert "Colectivo Nuevo de Ilo" not in content

    content = english_admin_client.get(url("index"), {"q": "gobierno regional"}).content.decode()
    assert "Gobierno Regional de Moquegua" in content
    assert "Propuesta Ciudadana" not in content


def test_listing_query_count_does_not_grow(english_admin_client, django_assert_max_num_queries):
    InstitutionFactory.create_batch(15)
    with django_assert_max_num_queries(25):
        assert english_admin_client.get(url("index")).status_code == 200


def test_export_as_csv(english_admin_client):
    InstitutionFactory(name="Moquegua Crece", sector=Sector.CIVIL_SOCIETY)
    response = english_admin_client.get(url("index"), {"export": "csv"})
    assert response.status_code == 200
    assert "Moquegua Crece" in b"".join(response.streaming_content).decode()


def test_create_an_institution_with_a_logo(english_admin_client):
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    response = english_admin_client.post(url("add"), institution_data(logo=logo))
    assert response.status_code == 302
    institution = Institution.objects.get(name="Asociación de Productores de Palta de Omate")
    assert institution.short_name == "APPO"
    assert institution.sector == Sector.PRIVATE_MINING
    assert not institution.is_core_group
    assert institution.date_joined.isoformat() == "2025-03-14"
    assert institution.logo.name.startswith("institutions/logos/")


def test_edit_marks_core_group(english_admin_client):
    institution = InstitutionFactory(name="Minera Hampton Perú", sector=Sector.PRIVATE_MINING)
    data = institution_data(name="Minera Hampton Perú", is_core_group="on")
    response = english_admin_client.post(url("edit", institution), data)
    assert response.status_code == 302
    institution.refresh_from_db()
    assert institution.is_core_group


def test_a_file_that_is_not_an_image_is_refused(english_admin_client):
    fake = SimpleUploadedFile(
        "logo.png", b"%PDF-1.4 this is a PDF renamed to .png\n" * 20, content_type="image/png"
    )
    response = english_admin_client.post(url("add"), institution_data(logo=fake))
    assert response.status_code == 200
    content = response.content.decode()
    assert "“logo.png” is not an accepted file type. Accepted: JPEG, PNG, GIF, WebP." in content
    assert not Institution.objects.filter(name__startswith="Asociación de Productores").exists()


def test_a_logo_over_2_mb_is_refused(english_admin_client):
    big = png_bytes(size=(1000, 1000), noise=True)
    assert len(big) > 2 * 1024 * 1024
    logo = SimpleUploadedFile("logo.png", big, content_type="image/png")
    response = english_admin_client.post(url("add"), institution_data(logo=logo))
    assert response.status_code == 200
    content = response.content.decode()
    assert "“logo.png” is too large" in content
    assert "The maximum is 2.0\xa0MB" in content
    assert not Institution.objects.filter(name__startswith="Asociación de Productores").exists()


def test_a_duplicate_name_is_refused_whatever_the_case(english_admin_client):
    InstitutionFactory(name="Fondo de Desarrollo de Moquegua")
    response = english_admin_client.post(
        url("add"), institution_data(name="fondo de desarrollo de MOQUEGUA")
    )
    assert response.status_code == 200
    assert "An institution with this name already exists." in response.content.decode()
    assert Institution.objects.filter(name__iexact="fondo de desarrollo de moquegua").count() == 1


def test_over_long_fields_are_refused(english_admin_client):
    response = english_admin_client.post(url("add"), institution_data(short_name="S" * 61))
    assert response.status_code == 200
    assert "Ensure this value has at most 60 characters (it has 61)." in response.content.decode()
    assert not Institution.objects.filter(name__startswith="Asociación de Productores").exists()


# ---- Permissions on every URL


def _urls(institution):
    return [
        url("index"),
        url("index_results"),
        url("add"),
        url("edit", institution),
        url("inspect", institution),
        url("history", institution),
        url("usage", institution),
        url("delete", institution),
    ]


@pytest.mark.parametrize("who", ["anonymous", "roleless", "member"])
def test_only_facilitators_reach_the_institutions_admin(who):
    institution = InstitutionFactory(name="Anglo American Perú")
    client = Client()
    if who != "anonymous":
        client.force_login(UserFactory() if who == "roleless" else MemberFactory())
    for address in _urls(institution):
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].startswith("/cuentas/login/"), address
    response = client.post(url("edit", institution), institution_data(name="Cambiada"))
    assert response.status_code == 302
    institution.refresh_from_db()
    assert institution.name == "Anglo American Perú"


def test_facilitators_manage_institutions_but_do_not_delete_them():
    institution = InstitutionFactory(name="Southern Perú Copper Corporation")
    client = Client()
    client.force_login(FacilitatorFactory())
    for address in _urls(institution)[:-1]:
        assert client.get(address).status_code == 200, address
    response = client.get(url("delete", institution))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    client.post(url("delete", institution))
    assert Institution.objects.filter(pk=institution.pk).exists()


def test_an_institution_with_members_cannot_be_deleted():
    administrator = MemberFactory(role="administrator")
    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(administrator)
    institution = InstitutionFactory(name="Colectivo Frida Morante Soria")
    MemberFactory(institution=institution)
    empty = InstitutionFactory(name="Institución sin miembros")

    response = client.get(url("delete", institution))
    assert response.status_code == 200
    assert "has 1 member, so it cannot be deleted" in response.content.decode()
    response = client.post(url("delete", institution), follow=True)
    assert "has 1 member, so it cannot be deleted" in response.content.decode()
    assert Institution.objects.filter(pk=institution.pk).exists()

    response = client.post(url("delete", empty))
    assert response.status_code == 302
    assert not Institution.objects.filter(pk=empty.pk).exists()
