"""RSS/Atom feeds of published public contributions. Being built."""

from django.http import Http404


class _Pending:
    def __call__(self, request, **kwargs):
        raise Http404


LatestRssFeed = LatestAtomFeed = ThemeRssFeed = ThemeAtomFeed = _Pending
