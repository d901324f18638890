"""Python started afresh on the portal with a controlled environment: what the test process
itself was started with (DATABASE_URL, REDIS_URL, a .env file) does not leak in."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def clean_env(tmp_path, **values):
    """A minimal environment: no inherited DATABASE_URL/REDIS_URL/..., no .env file."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "col_portal.settings",
        "ENV_FILE": str(tmp_path / "no-such.env"),
        "PYTHONDONTWRITEBYTECODE": "1",
        # A developer's machine (make sets it); tests of what happens without it drop it.
        "DEBUG": "true",
    }
    env.update(values)
    return {key: value for key, value in env.items() if value is not None}


def run_python(args, env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(tmp_path, **overrides):
    values = {
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "comunidad.example.org",
        "SITE_URL": "https://comunidad.example.org",
        # Never contacted: importing the settings and the deploy checks do not connect.
        "DATABASE_URL": "postgres://col:secret@db.invalid:5432/col",
        "REDIS_URL": "redis://redis.invalid:6379/0",
        "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    }
    values.update(overrides)
    return clean_env(tmp_path, **values)
