"""Unique slugs for every app's models: "title", then "title-2", "title-3"..."""

from collections.abc import Collection

from django.db.models import QuerySet
from django.utils.text import slugify


def unique_slug(
    text: str,
    *,
    taken: QuerySet,
    fallback: str,
    max_length: int,
    suffix: str = "",
    reserved: Collection[str] = (),
) -> str:
    """`text` as a slug (cut at `max_length`, `fallback` when nothing is left, then
    `suffix`) that no row of `taken` has and that is not `reserved`."""
    base = (slugify(text)[:max_length].strip("-") or fallback) + suffix
    slug, number = base, 2
    while slug in reserved or taken.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug
