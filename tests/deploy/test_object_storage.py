"""Uploaded files on S3-compatible object storage (django-storages), switched on by
environment variables and checked against an in-process S3 (moto).

The STORAGES setting under test is the one col_portal/settings.py builds from the
environment, read in a fresh interpreter: the test runs the real configuration code.
"""

import io

import boto3
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from moto import mock_aws
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Collection

from members.models import Institution, Sector
from tests.deploy.conftest import settings_in_a_fresh_process
from tests.factories import FacilitatorFactory, MemberFactory, UserFactory
from tests.resources.library_helpers import make_document, make_resource
from tests.themes.lessons_helpers import PDF_BYTES, attach, publish
from themes.models import Visibility

pytestmark = pytest.mark.django_db

PUBLIC_BUCKET = "col-media"
PRIVATE_BUCKET = "col-private"
MEDIA_DOMAIN = "media.comunidad.example.org"

S3_ENV = {
    "AWS_STORAGE_BUCKET_NAME": PUBLIC_BUCKET,
    "AWS_PRIVATE_STORAGE_BUCKET_NAME": PRIVATE_BUCKET,
    "AWS_S3_REGION_NAME": "us-east-1",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_S3_CUSTOM_DOMAIN": MEDIA_DOMAIN,
}


def storages_from_environment(tmp_path, **values) -> dict:
    return settings_in_a_fresh_process(tmp_path, "STORAGES", **values)["STORAGES"]


@pytest.fixture(scope="module")
def s3_storages(tmp_path_factory):
    return storages_from_environment(tmp_path_factory.mktemp("probe"), **S3_ENV)


@pytest.fixture
def s3(settings, s3_storages):
    """S3 switched on (as the environment above configures it) against moto's S3."""
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=PUBLIC_BUCKET)
        client.create_bucket(Bucket=PRIVATE_BUCKET)
        settings.STORAGES = s3_storages
        yield client


def keys(client, bucket) -> list[str]:
    return [item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])]


def local_files() -> list:
    roots = (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
    return [path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()]


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (31, 78, 121)).save(buffer, format="PNG")
    return buffer.getvalue()


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_local_disk_is_the_default_and_the_variables_switch_s3_on(tmp_path, s3_storages):
    default = storages_from_environment(tmp_path)
    assert default["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert default["private"]["BACKEND"] == "members.storage.PrivateStorage"

    public, private = s3_storages["default"], s3_storages["private"]
    assert public["BACKEND"] == "storages.backends.s3.S3Storage"
    assert public["OPTIONS"]["bucket_name"] == PUBLIC_BUCKET
    assert public["OPTIONS"]["custom_domain"] == MEDIA_DOMAIN
    assert public["OPTIONS"]["querystring_auth"] is False
    assert private["BACKEND"] == "members.storage_s3.PrivateS3Storage"
    assert private["OPTIONS"]["bucket_name"] == PRIVATE_BUCKET
    assert private["OPTIONS"]["default_acl"] == "private"
    # Static files stay with WhiteNoise whatever the media storage.
    assert s3_storages["staticfiles"] == default["staticfiles"]


def test_a_logo_uploaded_by_a_facilitator_is_in_the_bucket_with_a_public_url(s3):
    client = Client()
    client.force_login(FacilitatorFactory())
    logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    response = client.post(
        reverse("institutions:add"),
        {
            "name": "Asociación de Productores de Palta de Omate",
            "short_name": "APPO",
            "sector": Sector.CIVIL_SOCIETY,
            "description": "Productores de palta del valle de Omate.",
            "date_joined": "2025-03-14",
            "is_core_group": "on",
            "logo": logo,
        },
    )
    assert response.status_code == 302

    institution = Institution.objects.get(short_name="APPO")
    key = f"media/{institution.logo.name}"
    assert key in keys(s3, PUBLIC_BUCKET)
    assert s3.get_object(Bucket=PUBLIC_BUCKET, Key=key)["Body"].read() == png_bytes()
    # The public page links the file on the media domain, unsigned.
    page = Client().get(reverse("members:core_group")).content.decode()
    assert f'src="https://{MEDIA_DOMAIN}/{key}"' in page
    assert "X-Amz-" not in page
    assert local_files() == []


def test_a_wagtail_image_uploaded_in_the_admin_and_its_renditions_are_in_the_bucket(s3):
    client = Client()
    client.force_login(FacilitatorFactory())
    upload = SimpleUploadedFile("omate.png", png_bytes(), content_type="image/png")
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Valle de Omate",
            "file": upload,
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302

    image = get_image_model().objects.get(title="Valle de Omate")
    rendition = image.get_rendition("fill-32x32")
    stored = keys(s3, PUBLIC_BUCKET)
    assert f"media/{image.file.name}" in stored
    assert f"media/{rendition.file.name}" in stored
    assert rendition.url == f"https://{MEDIA_DOMAIN}/media/{rendition.file.name}"
    assert local_files() == []


def test_a_members_only_attachment_is_private_and_served_only_through_the_checking_view(s3):
    member, outsider = MemberFactory(), UserFactory()
    lesson = publish(title="Mesa técnica del agua de Ilo", visibility=Visibility.MEMBERS)
    attachment = attach(lesson)

    key = f"private/{attachment.file.name}"
    assert keys(s3, PRIVATE_BUCKET) == [key]
    assert keys(s3, PUBLIC_BUCKET) == []
    grants = s3.get_object_acl(Bucket=PRIVATE_BUCKET, Key=key)["Grants"]
    assert not [g for g in grants if "AllUsers" in g["Grantee"].get("URI", "")]
    with pytest.raises(NotImplementedError):
        attachment.file.url

    url = reverse("themes:attachment", args=[lesson.slug, attachment.pk])
    reader = Client()
    reader.force_login(member)
    detail = reader.get(reverse("themes:lesson_detail", args=[lesson.slug])).content.decode()
    assert url in detail
    assert "amazonaws" not in detail
    response = reader.get(url)
    assert response.status_code == 200
    assert body(response) == PDF_BYTES

    stranger = Client()
    stranger.force_login(outsider)
    for client in (Client(), stranger):
        assert client.get(url).status_code == 404
    assert local_files() == []


def test_a_members_only_library_document_is_streamed_by_the_document_view(s3):
    resource = make_resource(
        "Guía reservada", visibility=Visibility.MEMBERS, document=make_document("reservada.pdf")
    )
    assert keys(s3, PRIVATE_BUCKET) == [f"private/{resource.document.file.name}"]

    reader = Client()
    reader.force_login(MemberFactory())
    response = reader.get(resource.document.url)
    assert response.status_code == 200
    assert body(response).startswith(b"%PDF-")
    assert Client().get(resource.document.url).status_code == 404
    assert local_files() == []
