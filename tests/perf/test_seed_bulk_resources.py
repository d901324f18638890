"""seed_bulk's library resources: a mix of public and members-only, file, link and
description-only resources with themes, tags and institutions; idempotent; purged."""

import pytest
from django.core.management.base import CommandError
from django.urls import reverse
from wagtail.search.backends import get_search_backend

from resources import selectors
from resources.library import Resource
from resources.models import PrivateDocument
from tests.factories import ThemeFactory
from tests.perf import seed_bulk
from tests.perf.seed_bulk import run
from themes.models import Visibility

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("debug_on")]

SMALL = {
    "contributions": 0,
    "institutions": 3,
    "members": 5,
    "tags": 6,
    "comments_per": 0,
    "batch_size": 25,
    "workshops": 0,
    "registrations": 0,
    "resources": 60,
    "agreement_spaces": 0,
}


@pytest.fixture
def themes(db):
    return [
        ThemeFactory(slug="recursos-hidricos", order=3),
        ThemeFactory(slug="gestion-ambiental", order=4),
    ]


def test_creates_a_mix_of_published_resources(themes, client):
    out = run(**SMALL)

    assert "Resources: 60 created" in out
    assert "60 resources" in out  # the totals checked at the end
    resources = seed_bulk.synthetic_resources()
    assert resources.count() == 60
    public = resources.filter(live=True, visibility=Visibility.PUBLIC)
    assert public.exists()
    assert resources.filter(live=True, visibility=Visibility.MEMBERS).exists()
    assert resources.filter(document__isnull=False).exists()
    assert resources.exclude(external_url="").exists()
    assert resources.filter(document__isnull=True, external_url="").exists()
    assert not resources.filter(themes__isnull=True).exists()
    assert not resources.filter(tags__isnull=True).exists()
    assert resources.filter(institutions__isnull=False).exists()
    documents = PrivateDocument.objects.filter(title__startswith=seed_bulk.DOCUMENT_PREFIX)
    assert 0 < documents.count() <= seed_bulk.RESOURCE_DOCUMENTS
    for resource in resources.select_related("document"):
        resource.full_clean(exclude=["document"])  # a real resource could look like this
        assert "sintético" in resource.summary
    # The library reads them like any other resource, and search finds them.
    assert selectors.public_resources().filter(slug__startswith="recurso-sintetico-").exists()
    first = public.first()
    response = client.get(reverse("resources:detail", kwargs={"slug": first.slug}))
    assert response.status_code == 200
    assert first.title in response.content.decode()
    found = get_search_backend().search("Moquegua", Resource.objects.filter(live=True))
    assert {r.slug for r in found} & set(public.values_list("slug", flat=True))


def test_a_second_run_adds_only_the_missing_resources(themes):
    run(**SMALL)
    documents = PrivateDocument.objects.count()

    out = run(**SMALL)
    assert "Resources: 0 created, 60 already there." in out
    run(**{**SMALL, "resources": 70})

    assert seed_bulk.synthetic_resources().count() == 70
    assert Resource.objects.filter(slug="recurso-sintetico-70").exists()
    assert PrivateDocument.objects.count() == documents


def test_purge_removes_the_synthetic_resources_and_their_documents(themes):
    real = Resource.objects.create(
        title="Guía del agua", slug="guia-del-agua", summary="Una guía.", live=True
    )
    run(**SMALL)

    out = run("--purge")

    assert "Resources: 60 removed" in out
    assert list(Resource.objects.all()) == [real]
    assert not PrivateDocument.objects.filter(title__startswith=seed_bulk.DOCUMENT_PREFIX).exists()


def test_negative_resources_are_refused(themes):
    with pytest.raises(CommandError, match="cannot be negative"):
        run(resources=-1)
