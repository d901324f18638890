"""System checks of the deployment (``manage.py check --deploy`` runs them too)."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}

PER_PROCESS_CACHE = Error(
    "With DEBUG off the portal needs a shared cache: set REDIS_URL.",
    hint=(
        "On the local-memory cache every process keeps its own sessions, two-step codes "
        "already used, rate limits and page versions: with two web processes a logged-out "
        "session still works on the other one and an unpublished lesson stays public on "
        "it. If this deployment really is a single process, say so with SINGLE_PROCESS=true."
    ),
    id="col_portal.E001",
)


@register("caches", deploy=False)
def shared_cache_in_production(app_configs=None, **kwargs):
    if settings.DEBUG or settings.SINGLE_PROCESS:
        return []
    backend = settings.CACHES["default"]["BACKEND"]
    return [PER_PROCESS_CACHE] if backend in PER_PROCESS_CACHES else []


def refuse_to_start_without_a_shared_cache() -> None:
    """At the start of a web process (wsgi): the same check, as a clear refusal."""
    if shared_cache_in_production():
        raise ImproperlyConfigured(f"{PER_PROCESS_CACHE.msg} {PER_PROCESS_CACHE.hint}")
