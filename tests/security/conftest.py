"""The security tests share one fixture world per module (tests/security/world.py): built
once inside a transaction that is rolled back when the module ends, while each test runs in
its own savepoint on top of it, so a test that changes something leaves the world as it was.
"""

import pytest
from django.db import transaction
from django.test.utils import override_settings

from .world import build_world

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def _world_files(tmp_path_factory):
    root = tmp_path_factory.mktemp("security-files")
    return {"MEDIA_ROOT": root / "media", "PRIVATE_MEDIA_ROOT": root / "private"}


@pytest.fixture(autouse=True)
def _world_media_root(request, settings, _media_root):
    """For the tests of the fixture world, replaces the suite's per-test media folders: the
    world's files live for the module. Other tests (uploads) keep their own empty ones."""
    if "world" not in request.fixturenames:
        return
    for name, path in request.getfixturevalue("_world_files").items():
        setattr(settings, name, path)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, _world_files):
    with (
        override_settings(PASSWORD_HASHERS=FAST_HASHERS, **_world_files),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        data = build_world()
        yield data
        transaction.set_rollback(True)
