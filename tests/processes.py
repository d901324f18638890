"""What the Python subprocesses of the tests (gunicorn, manage.py, settings probes, a Celery
worker) inherit from the test run even when given a clean environment."""

import os


def bytecode_environment() -> dict[str, str]:
    """Where compiled bytecode is kept: where the test run keeps it (`make test`:
    var/pycache, so that Django, Wagtail and the migrations are compiled once for every
    process of the run, not again in each), else nowhere (no __pycache__ written next to
    the sources or into .venv)."""
    prefix = os.environ.get("PYTHONPYCACHEPREFIX")
    return {"PYTHONPYCACHEPREFIX": prefix} if prefix else {"PYTHONDONTWRITEBYTECODE": "1"}
