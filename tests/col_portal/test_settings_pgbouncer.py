"""Behind PgBouncer in transaction mode Django's server-side cursors must be switched off:
the setting comes from the environment."""

from tests.col_portal.settings_helpers import clean_env, run_python

PROBE = """
import json
from django.conf import settings
print(json.dumps(settings.DATABASES["default"].get("DISABLE_SERVER_SIDE_CURSORS")))
"""


def _cursors_disabled(env) -> bool:
    result = run_python(["-c", "import django; django.setup()\n" + PROBE], env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1] == "true"


def test_server_side_cursors_can_be_disabled_from_the_environment(tmp_path):
    url = "postgres://col:secret@pgbouncer.example.org:6432/col"

    assert _cursors_disabled(clean_env(tmp_path, DATABASE_URL=url)) is False
    assert _cursors_disabled(
        clean_env(tmp_path, DATABASE_URL=url, DISABLE_SERVER_SIDE_CURSORS="true")
    )
