"""Wagtail's database search backend, indexing each contribution in its own language.

On PostgreSQL a text is stemmed by a "text search configuration" (spanish, english); a
Spanish text stemmed as English (or the reverse) no longer matches other forms of its
words. This backend builds each object's search vectors with the configuration of its
`language` field ("es" -> spanish, "en" -> english), falling back to the backend's
SEARCH_CONFIG for everything else (pages, documents, images). `themes.search` then runs a
query once per configuration and merges the matches.

On SQLite (FTS5) and other databases there is no stemming configuration: this is the
plain database backend.

Settings: WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "themes.search_backend",
"SEARCH_CONFIG": "spanish"}}.
"""

import copy
from collections import defaultdict
from functools import cache

from django.db import connection

# Content language -> PostgreSQL text search configuration.
LANGUAGE_SEARCH_CONFIGS = {"es": "spanish", "en": "english"}


def search_config_for(obj, default: str | None) -> str | None:
    language = getattr(obj, "language", None)
    if isinstance(language, str):
        return LANGUAGE_SEARCH_CONFIGS.get(language[:2], default)
    return default


@cache
def _postgres_backend_class():
    # Imported here: the PostgreSQL backend module loads Wagtail's models when imported.
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
    )

    class LanguageAwarePostgresIndex(PostgresIndex):
        def add_items(self, model, objs):
            by_config = defaultdict(list)
            for obj in objs:
                by_config[search_config_for(obj, self.backend.config)].append(obj)
            for config, group in by_config.items():
                if config == self.backend.config:
                    super().add_items(model, group)
                else:
                    backend = copy.copy(self.backend)
                    backend.config = config
                    PostgresIndex(backend).add_items(model, group)

    class LanguageAwarePostgresSearchBackend(PostgresSearchBackend):
        index_class = LanguageAwarePostgresIndex

    return LanguageAwarePostgresSearchBackend


def SearchBackend(params):  # the name Wagtail looks for in a backend module
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

    return DatabaseSearchBackend(params)
