"""The settings module on its embedded defaults and on production-like environments.

Each case imports the settings in a fresh interpreter with a controlled environment, so
that what the test process itself was started with (DATABASE_URL, REDIS_URL, a .env file)
does not leak in.
"""

import json
from pathlib import Path

import pytest

from tests.col_portal.settings_helpers import ROOT, clean_env, production_env, run_python

PROBE = """
import json
import django
django.setup()
from django.conf import settings
from col_portal.celery import app

db = settings.DATABASES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ENGINE": db["ENGINE"],
    "NAME": str(db["NAME"]),
    "HOST": db.get("HOST", ""),
    "CONN_HEALTH_CHECKS": db.get("CONN_HEALTH_CHECKS"),
    "CACHE_BACKEND": settings.CACHES["default"]["BACKEND"],
    "CACHE_LOCATION": settings.CACHES["default"].get("LOCATION"),
    "BROKER": settings.CELERY_BROKER_URL,
    "EAGER": settings.CELERY_TASK_ALWAYS_EAGER,
    "APP_EAGER": app.conf.task_always_eager,
    "APP_BROKER": app.conf.broker_url,
    "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    "TIME_ZONE": settings.TIME_ZONE,
    "LANGUAGE_CODE": settings.LANGUAGE_CODE,
    "LANGUAGES": [code for code, _ in settings.LANGUAGES],
    "USE_TZ": settings.USE_TZ,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "SECRET_KEY": settings.SECRET_KEY,
}))
"""


def _settings(env):
    result = run_python(["-c", PROBE], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_defaults_need_nothing_from_the_environment(tmp_path):
    conf = _settings(clean_env(tmp_path))

    assert conf["DEBUG"] is True
    assert conf["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(conf["NAME"]) == ROOT / "var" / "db.sqlite3"
    assert conf["CACHE_BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    # No broker: tasks run eagerly in the request that enqueues them.
    assert conf["EAGER"] is True
    assert conf["APP_EAGER"] is True
    assert conf["BROKER"] == "memory://"
    assert conf["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert conf["TIME_ZONE"] == "America/Lima"
    assert conf["USE_TZ"] is True
    assert conf["LANGUAGE_CODE"] == "es"
    assert conf["LANGUAGES"] == ["es", "en"]
    assert "127.0.0.1" in conf["ALLOWED_HOSTS"]
    assert "localhost" in conf["ALLOWED_HOSTS"]


def test_database_and_redis_urls_switch_to_postgresql_and_redis(tmp_path):
    conf = _settings(
        clean_env(
            tmp_path,
            DATABASE_URL="postgres://col:secret@db.example.org:5432/col",
            REDIS_URL="redis://redis.example.org:6379/2",
        )
    )

    assert conf["ENGINE"] == "django.db.backends.postgresql"
    assert conf["NAME"] == "col"
    assert conf["HOST"] == "db.example.org"
    assert conf["CONN_HEALTH_CHECKS"] is True
    # A Redis outage degrades to an empty cache instead of failing pages (tests/faults/).
    assert conf["CACHE_BACKEND"] == "col_portal.cache.ResilientRedisCache"
    assert conf["CACHE_LOCATION"] == "redis://redis.example.org:6379/2"
    assert conf["BROKER"] == "redis://redis.example.org:6379/2"
    assert conf["APP_BROKER"] == "redis://redis.example.org:6379/2"
    assert conf["EAGER"] is False
    assert conf["APP_EAGER"] is False


def test_env_file_is_read_but_the_environment_wins(tmp_path):
    env_file = tmp_path / "portal.env"
    env_file.write_text(
        "REDIS_URL=redis://from-file:6379/0\nDATABASE_URL=postgres://a:b@from-file:5432/x\n",
        encoding="utf-8",
    )
    conf = _settings(
        clean_env(tmp_path, ENV_FILE=str(env_file), DATABASE_URL="postgres://a:b@from-env:5432/y")
    )

    assert conf["CACHE_LOCATION"] == "redis://from-file:6379/0"
    assert conf["HOST"] == "from-env"


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY must be set"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS must be set"),
    ],
)
def test_production_refuses_to_start_without(tmp_path, missing, message):
    env = production_env(tmp_path)
    del env[missing]

    result = run_python(["-c", PROBE], env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_settings_pass_the_deploy_checks_without_warnings(tmp_path):
    env = production_env(tmp_path)

    result = run_python(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNING" not in output
    assert "?:" not in output  # how Django prefixes every check message


def test_production_settings_are_not_debug_and_keep_the_given_secret(tmp_path):
    env = production_env(tmp_path)

    conf = _settings(env)

    assert conf["DEBUG"] is False
    assert conf["SECRET_KEY"] == env["SECRET_KEY"]
    assert conf["ALLOWED_HOSTS"] == ["comunidad.example.org"]
    assert conf["EAGER"] is False


def test_without_debug_set_the_settings_are_production_and_refuse_to_guess(tmp_path):
    """DEBUG is off unless said: a deployment that forgets it gets a clear refusal, not
    a development server with tracebacks and a known key."""
    result = run_python(["-c", PROBE], clean_env(tmp_path, DEBUG=None))

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_the_example_secret_key_is_refused(tmp_path):
    env = production_env(tmp_path, SECRET_KEY="change-me-to-a-long-random-string")

    result = run_python(["-c", PROBE], env)

    assert result.returncode != 0
    assert "still the example value of .env.example" in result.stderr


def test_the_example_file_documents_the_refused_key():
    example = (ROOT / ".env.example").read_text(encoding="utf-8")

    assert "SECRET_KEY=change-me-to-a-long-random-string" in example


ROUTES = """
import django
django.setup()
from django.urls import Resolver404, resolve
try:
    resolve("/bench/baseline")
    print("routed")
except Resolver404:
    print("not routed")
"""


def test_the_benchmark_baseline_is_not_routed_in_production(tmp_path):
    assert run_python(["-c", ROUTES], production_env(tmp_path)).stdout.strip() == "not routed"
    asked = production_env(tmp_path, BENCH_BASELINE_VIEW="true")
    assert run_python(["-c", ROUTES], asked).stdout.strip() == "routed"
    assert run_python(["-c", ROUTES], clean_env(tmp_path)).stdout.strip() == "routed"


def test_production_on_a_per_process_cache_fails_the_checks_and_the_start(tmp_path):
    env = production_env(tmp_path, REDIS_URL=None)

    check = run_python(["manage.py", "check", "--deploy"], env)
    assert check.returncode != 0
    assert "col_portal.E001" in check.stderr
    assert "set REDIS_URL" in check.stderr

    start = run_python(["-c", "import col_portal.wsgi"], env)
    assert start.returncode != 0
    assert "SINGLE_PROCESS=true" in start.stderr


def test_a_one_process_deployment_may_say_so(tmp_path):
    env = production_env(tmp_path, REDIS_URL=None, SINGLE_PROCESS="true")

    check = run_python(["manage.py", "check", "--deploy", "--fail-level", "ERROR"], env)
    assert check.returncode == 0, check.stderr
    assert run_python(["-c", "import col_portal.wsgi"], env).returncode == 0


def test_manage_py_runs_as_development_but_the_web_start_fails_closed(tmp_path):
    env = clean_env(tmp_path, DEBUG=None)

    assert run_python(["manage.py", "check"], env).returncode == 0
    web = run_python(["-c", "import col_portal.wsgi"], env)
    assert web.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in web.stderr
