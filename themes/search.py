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

from wagtail.search.backends import get_search_backend

from .search_backend import LANGUAGE_SEARCH_CONFIGS

QUERY_MAX_LENGTH = 200
MAX_TERMS = 12
# The best matches kept for listing, filtering and counting (42 pages of 12). Beyond this
# many, people refine the query rather than page through. Ranking every match is what a
# search costs; the limit keeps the lists of ids that the list's queries carry short.
SEARCH_LIMIT = 500

_NOT_A_WORD = re.compile(r"[^\w]+", re.UNICODE)


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
    scores: dict[int, float] = {}
    for config in LANGUAGE_SEARCH_CONFIGS.values():
        backend = get_search_backend(SEARCH_CONFIG=config)
        results = backend.search(query, base).annotate_score("_score")[:limit]
        # Ids and scores only: the backend's own results would also fetch each match's
        # search vector (kilobytes a row) just to build objects we do not need.
        for pk, score in results.get_queryset().values_list("pk", "_score"):
            scores[pk] = max(scores.get(pk, 0.0), float(score or 0.0))
    return sorted(scores, key=lambda pk: (-scores[pk], -pk))[:limit]
