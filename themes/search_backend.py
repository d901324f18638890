"""Wagtail's database search backend, indexing each text in its own language, so that a
Spanish reader finds what they expect whatever the case, the accents or the plural
("riegos" finds "riego", "mineria" finds "minería", "Canon" finds "canon").

Each object is indexed with the "text search configuration" of its `language` field
("es" -> Spanish, "en" -> English), falling back to the backend's SEARCH_CONFIG for
everything else (pages, documents, images). `themes.search` runs a query once per
configuration and merges the matches. The same words are found on both databases:

- PostgreSQL: the configurations `spanish_unaccent` and `english_unaccent` (migration
  themes 0005) are the built-in Snowball stemmers behind the `unaccent` dictionary.
- SQLite (FTS5, which has neither): the same Snowball stemmers (snowballstemmer) and the
  same accent folding are applied in Python to the indexed text and to the query.

After changing how texts are analysed, run `manage.py update_index` once.

Settings: WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "themes.search_backend",
"SEARCH_CONFIG": "spanish_unaccent"}}.
"""

import copy
import re
import threading
import unicodedata
from collections import defaultdict
from functools import cache, lru_cache

import snowballstemmer
from django.db import connection
from django.utils.functional import cached_property

SPANISH = "spanish_unaccent"
ENGLISH = "english_unaccent"
# Content language -> text search configuration.
LANGUAGE_SEARCH_CONFIGS = {"es": SPANISH, "en": ENGLISH}
# Text search configuration -> Snowball stemmer (the one PostgreSQL's configuration uses).
STEMMERS = {SPANISH: "spanish", ENGLISH: "english"}

_WORD = re.compile(r"\w+", re.UNICODE)
_local = threading.local()  # Snowball stemmers keep state while stemming a word


def search_config_for(obj, default: str | None) -> str | None:
    language = getattr(obj, "language", None)
    if isinstance(language, str):
        return LANGUAGE_SEARCH_CONFIGS.get(language[:2], default)
    return default


def fold(text: str) -> str:
    """Lower case, without accents: "Minería" -> "mineria" (as `unaccent` + lower)."""
    return _strip_accents(text).lower()


def _stemmer(language: str):
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(language)
    return stemmers[language]


@lru_cache(maxsize=50_000)
def _stem(language: str, word: str) -> str:
    # The pure-Python Snowball stemmer takes about 0.1 ms a word; a text repeats most of
    # its words (and the next text those of the last), so each is stemmed once.
    return _stemmer(language).stemWord(word)


def stems(text: str, config: str | None = SPANISH) -> list[str]:
    """The words of `text`, folded and stemmed: "Aguas ambientales" -> ["agu", "ambiental"]."""
    language = STEMMERS.get(config or SPANISH, "spanish")
    return [_stem(language, word) for word in _WORD.findall(fold(text or ""))]


def analyse(text: str, config: str | None) -> str:
    return " ".join(stems(text, config))


def _strip_accents(text):
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def add_sqlite_unaccent(sender, connection, **kwargs):
    """PostgreSQL's `unaccent()` on SQLite too (connection_created), for queries that
    compare folded text on both databases."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("unaccent", 1, _strip_accents, deterministic=True)


@cache
def _postgres_backend_class():
    # Imported here: the PostgreSQL backend module loads Wagtail's models when imported.
    from modelsearch.backends.database.postgres.postgres import (
        PostgresAutocompleteQueryCompiler,
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
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

    class TypeablePostgresQueryCompiler(TypeableQueryMixin, PostgresSearchQueryCompiler):
        pass

    class TypeablePostgresAutocompleteQueryCompiler(
        TypeableQueryMixin, PostgresAutocompleteQueryCompiler
    ):
        pass

    class LanguageAwarePostgresSearchBackend(PostgresSearchBackend):
        index_class = LanguageAwarePostgresIndex
        query_compiler_class = TypeablePostgresQueryCompiler
        autocomplete_query_compiler_class = TypeablePostgresAutocompleteQueryCompiler

    return LanguageAwarePostgresSearchBackend


def _mapped_query(query, change):
    """The query with `change` applied to the text of each of its words and phrases."""
    from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

    if isinstance(query, PlainText):
        return PlainText(change(query.query_string), query.operator, query.boost)
    if isinstance(query, Phrase):
        return Phrase(change(query.query_string))
    if isinstance(query, And | Or):
        return type(query)([_mapped_query(sub, change) for sub in query.subqueries])
    if isinstance(query, Not):
        return Not(_mapped_query(query.subquery, change))
    if isinstance(query, Boost):
        return Boost(_mapped_query(query.subquery, change), query.boost)
    return query


def _has_words(query) -> bool:
    from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

    if isinstance(query, PlainText | Phrase):
        return bool(query.query_string.strip())
    if isinstance(query, And | Or):
        return any(_has_words(sub) for sub in query.subqueries)
    if isinstance(query, Not | Boost):
        return _has_words(query.subquery)
    return True  # MatchAll and the like


def _typeable(text: str) -> str:
    """Without the characters nobody types and the databases refuse (NUL: PostgreSQL
    raises on it; lone surrogates cannot be encoded)."""
    return "".join(ch for ch in text if ch != "\x00" and not 0xD800 <= ord(ch) <= 0xDFFF)


def _analysed_query(query, config):
    """The query with its words folded and stemmed as the indexed texts were."""
    return _mapped_query(query, lambda text: analyse(text, config))


class TypeableQueryMixin:
    """Searches (the site's and the admin's) with only what can be typed: a stray NUL in
    an address is a search for the rest, not a database error."""

    def __init__(self, queryset, query, *args, **kwargs):
        super().__init__(queryset, query, *args, **kwargs)
        self.query = _mapped_query(self.query, _typeable)


@cache
def _sqlite_backend_class():
    from modelsearch.backends.database.sqlite.sqlite import (
        IndexEntry,
        ObjectIndexer,
        SQLiteAutocompleteQueryCompiler,
        SQLiteIndex,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )
    from modelsearch.utils import get_content_type_pk

    class AnalysingObjectIndexer(ObjectIndexer):
        """The texts of one object as its language's stems, for FTS5 to match words."""

        def __init__(self, obj, backend):
            super().__init__(obj, backend)
            self.config = search_config_for(obj, backend.config)

        @cached_property
        def title(self):
            return analyse(ObjectIndexer.title.func(self), self.config)

        @cached_property
        def body(self):
            return analyse(ObjectIndexer.body.func(self), self.config)

        @cached_property
        def autocomplete(self):
            return analyse(ObjectIndexer.autocomplete.func(self), self.config)

    class AnalysingSQLiteIndex(SQLiteIndex):
        # SQLiteIndex.add_items with the analysing indexer (it names its own class).
        def add_items(self, model, objs):
            if not model.get_search_fields():
                return
            data = {}
            for obj in objs:
                indexer = AnalysingObjectIndexer(obj, self.backend)
                data[indexer.id] = (indexer.title, indexer.autocomplete, indexer.body)
            if not data:
                return
            content_type_pk = get_content_type_pk(model)
            entries = self.entries.filter(content_type_id=content_type_pk)
            indexed = set(entries.filter(object_id__in=data).values_list("object_id", flat=True))
            for object_id in indexed:
                title, autocomplete, body = data[object_id]
                entries.filter(object_id=object_id).update(
                    title=title, autocomplete=autocomplete, body=body
                )
            self.entries.bulk_create(
                IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in data.items()
                if object_id not in indexed
            )
            self._refresh_title_norms()

    class AnalysingQueryMixin:
        def search(self, config, start, stop, score_field=None):
            if not hasattr(self, "_written_query"):
                self._written_query = self.query
            self.query = _analysed_query(self._written_query, config)
            if not _has_words(self.query):
                # Only punctuation (a lone quote): nothing to look for, not an FTS error.
                return self.queryset.none()
            return super().search(config, start, stop, score_field=score_field)

    class AnalysingSQLiteQueryCompiler(
        TypeableQueryMixin, AnalysingQueryMixin, SQLiteSearchQueryCompiler
    ):
        pass

    class AnalysingSQLiteAutocompleteQueryCompiler(
        TypeableQueryMixin, AnalysingQueryMixin, SQLiteAutocompleteQueryCompiler
    ):
        pass

    class AnalysingSQLiteSearchBackend(SQLiteSearchBackend):
        index_class = AnalysingSQLiteIndex
        query_compiler_class = AnalysingSQLiteQueryCompiler
        autocomplete_query_compiler_class = AnalysingSQLiteAutocompleteQueryCompiler

        def __init__(self, params):
            super().__init__(params)
            self.config = self.autocomplete_config = params.get("SEARCH_CONFIG", SPANISH)

    return AnalysingSQLiteSearchBackend


@cache
def _fts5_available() -> bool:
    from modelsearch.backends.database.sqlite.utils import fts5_available

    return fts5_available()


def SearchBackend(params):  # the name Wagtail looks for in a backend module
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    if connection.vendor == "sqlite" and _fts5_available():
        return _sqlite_backend_class()(params)
    from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

    return DatabaseSearchBackend(params)
