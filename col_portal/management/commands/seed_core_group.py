"""`manage.py seed_core_group`: the 15 Core Group institutions, the four RIMAY themes, the
home page's texts and the portal's pages (Foundational Document, news index, about,
methodology, privacy, contact) in Spanish and English (resources.page_seed).

Idempotent: institutions are found by name, themes by slug, so running it again creates
nothing new. It fills what is missing and leaves what a facilitator has since edited in
the admin alone (a non-empty field is never overwritten); `--overwrite` puts the seed's
texts back on the institutions and themes. The home page is only ever filled while its
fields are empty.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Max

from col_portal import seed_content
from col_portal.models import HomePage
from members.models import Institution
from resources import library_seed, page_content, page_seed
from themes.models import Theme

INSTITUTION_TEXT_FIELDS = ("short_name", "sector", "description", "website")
THEME_TEXT_FIELDS = (
    "name_es",
    "name_en",
    "short_description_es",
    "short_description_en",
    "color",
)


@dataclass
class Tally:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self, what: str) -> str:
        return (
            f"{what}: {len(self.created)} created, {len(self.updated)} updated, "
            f"{self.unchanged} unchanged."
        )


def _apply(obj, values: dict, *, overwrite: bool) -> list[str]:
    """Set the seed's values on obj; without overwrite only where the field is empty."""
    changed = []
    for name, value in values.items():
        current = getattr(obj, name)
        if current == value or (current and not overwrite):
            continue
        setattr(obj, name, value)
        changed.append(name)
    return changed


def seed_institutions(*, overwrite: bool = False) -> Tally:
    tally = Tally()
    for seed in seed_content.core_group():
        values = {name: getattr(seed, name) for name in INSTITUTION_TEXT_FIELDS}
        institution = Institution.objects.filter(name__iexact=seed.name).first()
        if institution is None:
            Institution.objects.create(name=seed.name, is_core_group=True, **values)
            tally.created.append(seed.name)
            continue
        changed = _apply(institution, values, overwrite=overwrite)
        if not institution.is_core_group:
            institution.is_core_group = True
            changed.append("is_core_group")
        if changed:
            institution.save(update_fields=changed)
            tally.updated.append(f"{seed.name} ({', '.join(changed)})")
        else:
            tally.unchanged += 1
    return tally


def _free_order(order: int, *, for_slug: str) -> str | None:
    """Move a theme that is not for_slug out of the way of order (to the end of the list).

    Theme.order is unique and the RIMAY themes are 1 to 4 by definition.
    """
    occupant = Theme.objects.filter(order=order).exclude(slug=for_slug).first()
    if occupant is None:
        return None
    last = Theme.objects.aggregate(last=Max("order"))["last"] or 0
    occupant.order = max(last + 1, len(seed_content.themes()) + 1)
    occupant.save(update_fields=["order"])
    return f"{occupant.slug} moved to position {occupant.order}"


def seed_themes(*, overwrite: bool = False) -> Tally:
    tally = Tally()
    for seed in seed_content.themes():
        values = {name: getattr(seed, name) for name in THEME_TEXT_FIELDS}
        theme = Theme.objects.filter(slug=seed.slug).first()
        if theme is None:
            moved = _free_order(seed.order, for_slug=seed.slug)
            Theme.objects.create(slug=seed.slug, order=seed.order, **values)
            tally.created.append(seed.slug + (f" ({moved})" if moved else ""))
            continue
        changed = _apply(theme, values, overwrite=overwrite)
        if overwrite and theme.order != seed.order:
            # Park it first: another seeded theme may still hold its place.
            _free_order(seed.order, for_slug=seed.slug)
            theme.order = seed.order
            changed.append("order")
        if changed:
            theme.save(update_fields=changed)
            tally.updated.append(f"{seed.slug} ({', '.join(changed)})")
        else:
            tally.unchanged += 1
    return tally


def _is_empty(value) -> bool:
    """An empty text, or an empty StreamField."""
    return not (value.strip() if isinstance(value, str) else value)


def seed_home_page() -> str:
    """Fill the home page's empty texts and publish them; never touch edited ones."""
    home = (
        HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        or HomePage.objects.first()
    )
    if home is None:
        return "Home page: not found (run `manage.py migrate` first); nothing filled."
    if home.has_unpublished_changes:
        return "Home page: has a draft with unpublished changes; left untouched."
    text = page_content.home().es
    values = {
        "intro": text.intro,
        "join_call": text.join_call,
        "search_description": text.search_description,
        "highlights": page_seed.home_highlights(settings.LANGUAGE_CODE),
    }
    changed = [name for name, value in values.items() if _is_empty(getattr(home, name))]
    if not changed:
        return "Home page: texts already written; left as they are."
    for name in changed:
        setattr(home, name, values[name])
    home.save_revision(log_action=True).publish()
    return f"Home page: filled and published ({', '.join(changed)})."


class Command(BaseCommand):
    help = (
        "Create the 15 Core Group institutions, the four RIMAY Moquegua themes and the home "
        "page's texts. Safe to run again: it creates no duplicates and keeps edited texts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Put the seed's texts back on institutions and themes edited since.",
        )

    @transaction.atomic
    def handle(self, *args, overwrite=False, **options):
        verbosity = options.get("verbosity", 1)
        institutions = seed_institutions(overwrite=overwrite)
        themes = seed_themes(overwrite=overwrite)
        # The pages first: the home page's highlights link to them.
        pages = page_seed.seed_pages()
        home = seed_home_page()
        translations = page_seed.seed_translations()
        library = library_seed.seed_core_resources()

        if verbosity < 1:
            return
        for what, tally in (("Core Group", institutions), ("Themes", themes)):
            self.stdout.write(self.style.SUCCESS(tally.summary(what)))
            for name in tally.created:
                self.stdout.write(f"  created: {name}")
            for name in tally.updated:
                self.stdout.write(f"  updated: {name}")
        self.stdout.write(self.style.SUCCESS(home))
        for line in [*pages, *translations]:
            self.stdout.write(line)
        self.stdout.write(library)
