import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from tests.factories import FacilitatorFactory, InstitutionFactory, MemberFactory, UserFactory
from tests.factories.members import DEFAULT_PASSWORD


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached fragments live in the cache: each test starts clean.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request to an /en/ page leaves English active in the thread: start each test in
    # the portal's default language, as a visitor would.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashers take most of a test's time when it creates accounts; none is tested here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def without_page_cache(settings):
    """For query budgets of anonymous pages: they measure the rendering, which the
    anonymous page cache (col_portal.page_cache) would skip on a repeated request."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def institution(db):
    return InstitutionFactory()


@pytest.fixture
def member(db):
    return MemberFactory()


@pytest.fixture
def other_member(db):
    """A member of another institution."""
    return MemberFactory()


@pytest.fixture
def facilitator(db):
    return FacilitatorFactory()


@pytest.fixture
def roleless_user(db):
    return UserFactory()


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def member_client(member):
    return _client_for(member)


@pytest.fixture
def facilitator_client(facilitator):
    return _client_for(facilitator)


@pytest.fixture
def anon_client():
    return Client()
