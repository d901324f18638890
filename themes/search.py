"""Full-text search of contributions in Spanish and English (Wagtail search).

The caller passes a queryset that already applies the visibility rule
(`selectors.contributions_visible_to`): search only narrows it, so a members-only
contribution can never come back to someone who may not read it.

Each contribution is indexed with the stemming of its own language, accents folded (see
`themes.search_backend`, on PostgreSQL and SQLite alike); a query is run once as Spanish
and once as English and the matches are merged by score, so "hidricos" finds "hídrico"
and "dams" finds "dam".
"""

import re

from django.db import connections
from modelsearch.backends.database.postgres.weights import get_sql_weights
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.backends import get_search_backend

from .search_backend import LANGUAGE_SEARCH_CONFIGS

QUERY_MAX_LENGTH = 200
MAX_TERMS = 12
# The best matches kept for listing, filtering and counting (42 pages of 12). Beyond this
# many, people refine the query rather than page through. Ranking every match is what a
# search costs; the limit keeps the lists of ids that the list's queries carry short.
SEARCH_LIMIT = 500
# On PostgreSQL, only this many matches are ranked: the newest, when a word is found in more
# (see `_postgres_matching_ids`). Ranking reads each match's search vectors, the costliest
# part of a search; finding and counting the matches reads the GIN index and small rows.
RANKED = 200

_NOT_A_WORD = re.compile(r"[^\w]+", re.UNICODE)
_PLACEHOLDER = re.compile(r"(?<!%)%s")


def clean_query(query: str) -> str:
    """Words only: punctuation and search-engine syntax never reach the database."""
    words = [word for word in _NOT_A_WORD.split(query[:QUERY_MAX_LENGTH]) if word.strip("_")]
    return " ".join(words[:MAX_TERMS])


def matching_ids(queryset, query: str, *, limit: int = SEARCH_LIMIT) -> list[int]:
    """Primary keys of the contributions of `queryset` matching `query`, best first."""
    query = clean_query(query)
    if not query:
        return []
    base = queryset.only("pk").order_by()
    if connections[base.db].vendor == "postgresql":
        return _postgres_matching_ids(base, query, limit=limit)
    scores: dict[int, float] = {}
    for config in LANGUAGE_SEARCH_CONFIGS.values():
        backend = get_search_backend(SEARCH_CONFIG=config)
        results = backend.search(query, base).annotate_score("_score")[:limit]
        # Ids and scores only: the backend's own results would also fetch each match's
        # search vector (kilobytes a row) just to build objects we do not need.
        for pk, score in results.get_queryset().values_list("pk", "_score"):
            scores[pk] = max(scores.get(pk, 0.0), float(score or 0.0))
    return sorted(scores, key=lambda pk: (-scores[pk], -pk))[:limit]


# One statement for both languages: the matches of the Spanish or the English query (the
# expression index `themes_search_title_body_gin` answers `(title || body) @@ ...`), the
# newest `limit` of them, and the newest RANKED of those ranked as Wagtail's backend ranks
# (the better of the two languages' scores, title weighted by its norm); the others follow,
# newest first. Only the ranked rows' vectors are read.
_MATCHES_SQL = """
WITH query AS (
    SELECT to_tsquery(%(es)s::regconfig, %(words)s) AS es,
           to_tsquery(%(en)s::regconfig, %(words)s) AS en
), candidates AS (
    SELECT entry.id AS entry_id, (entry.object_id)::integer AS pk
    FROM wagtailsearch_indexentry entry, query
    WHERE entry.content_type_id = ANY(%(content_types)s)
      AND (entry.title || entry.body) @@ (query.es || query.en)
      AND (entry.object_id)::integer IN (SELECT visible.pk FROM ({visible}) visible)
    ORDER BY pk DESC
    LIMIT %(limit)s
), ranked AS (
    SELECT candidate.pk,
           GREATEST(
               ts_rank(%(weights)s::float4[], entry.title, query.es) * entry.title_norm
               + ts_rank(%(weights)s::float4[], entry.body, query.es),
               ts_rank(%(weights)s::float4[], entry.title, query.en) * entry.title_norm
               + ts_rank(%(weights)s::float4[], entry.body, query.en)
           ) AS score
    FROM (SELECT * FROM candidates ORDER BY pk DESC LIMIT %(ranked)s) candidate
    JOIN wagtailsearch_indexentry entry ON entry.id = candidate.entry_id, query
)
SELECT candidates.pk
FROM candidates LEFT JOIN ranked ON ranked.pk = candidates.pk
ORDER BY ranked.score DESC NULLS LAST, candidates.pk DESC
"""


def _postgres_matching_ids(queryset, query: str, *, limit: int) -> list[int]:
    """`matching_ids` in one query, ranking at most RANKED matches (see _MATCHES_SQL).

    The words are plain (`clean_query`): each is quoted for `to_tsquery`, all required, as
    Wagtail's backend builds a query of plain words."""
    words = " & ".join(f"'{word}'" for word in query.split())
    visible_sql, visible_params = queryset.values("pk").query.sql_with_params()
    params = {
        "es": LANGUAGE_SEARCH_CONFIGS["es"],
        "en": LANGUAGE_SEARCH_CONFIGS["en"],
        "words": words,
        "content_types": list(get_descendants_content_types_pks(queryset.model)),
        "limit": limit,
        "ranked": min(RANKED, limit),
        "weights": get_sql_weights(),
    }
    # The visibility rule's own SQL, its placeholders renamed into the statement's style.
    names = iter(range(len(visible_params)))
    visible = _PLACEHOLDER.sub(lambda _match: f"%(visible_{next(names)})s", visible_sql)
    params.update({f"visible_{n}": value for n, value in enumerate(visible_params)})
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(_MATCHES_SQL.replace("{visible}", visible), params)
        return [row[0] for row in cursor.fetchall()]
