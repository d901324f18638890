"""The seed of the portal's pages (called by `seed_core_group`, and by `seed_demo` for the
demo news): creates what is missing, never overwrites what editors wrote.

A seeded page is found by its translation key, derived from its stable key in
resources.page_content, so renaming or moving it in the admin does not make the seed
create it again. Spanish pages come first; the English ones are their translations
(Wagtail's copy for translation, as the admin's "Translate" button does), given English
texts and published. A page that exists in a language is left as it is.
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from . import page_content
from .contact import ContactPage
from .page_content import ArticleSeed, ArticleText, PageSeed, PageText
from .pages import ArticlePage, FoundationalDocumentPage, NewsIndexPage, StandardPage

# Never change: the translation keys of the seeded pages are derived from it.
KEY_NAMESPACE = uuid.UUID("6f1d7f0e-3c55-4d1b-9a57-5a1f0e9b2c41")
ENGLISH = "en"

PAGE_MODELS = {
    "foundational_document": FoundationalDocumentPage,
    "news_index": NewsIndexPage,
    "standard": StandardPage,
    "contact": ContactPage,
}


def translation_key(key: str) -> uuid.UUID:
    return uuid.uuid5(KEY_NAMESPACE, f"col-portal:page:{key}")


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)

    def add(self, line: str) -> None:
        self.lines.append(line)


def _home(language: str) -> Page | None:
    """The home page in `language`: the default site's root page or its translation."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    return Page.objects.filter(
        translation_key=site.root_page.translation_key, locale__language_code=language
    ).first()


def _find(key: str, language: str) -> Page | None:
    page = Page.objects.filter(
        translation_key=translation_key(key), locale__language_code=language
    ).first()
    return page.specific if page is not None else None


def _fill(page: Page, seed: PageSeed, text: PageText) -> None:
    page.title = text.title
    page.search_description = text.search_description
    if seed.kind == "foundational_document":
        document = page_content.pages_file().foundational_document
        page.introduction = text.introduction
        page.version = document.version
        page.adopted_on = None
        page.changes = document.changes.en if text is seed.en else document.changes.es
        page.body = text.body
    elif seed.kind == "news_index":
        page.introduction = text.introduction
    else:
        page.introduction = text.introduction
        page.body = text.body


def _publish(page: Page) -> None:
    page.save_revision(log_action=True).publish()


def english_locale() -> Locale:
    return Locale.objects.get_or_create(language_code=ENGLISH)[0]


def seed_pages() -> list[str]:
    """The Spanish pages under the Spanish home page: Foundational Document, news index,
    about, methodology, privacy and contact."""
    report = Report()
    home = _home(settings.LANGUAGE_CODE)
    if home is None:
        return ["Pages: no home page (run `manage.py migrate` first); nothing created."]
    created, unchanged = [], 0
    for seed in page_content.pages():
        existing = _find(seed.key, settings.LANGUAGE_CODE)
        if existing is not None:
            unchanged += 1
            if not isinstance(existing, PAGE_MODELS[seed.kind]):
                # Seeded before its page type existed (the contact page, before its form):
                # left as editors may have changed it; the report says what to do.
                report.add(
                    f"  {seed.slug}: a {type(existing).__name__} from an earlier seed, not a "
                    f"{PAGE_MODELS[seed.kind].__name__}; delete it in the admin and seed "
                    "again to get the new one."
                )
            continue
        page = PAGE_MODELS[seed.kind](
            slug=seed.slug, locale=home.locale, translation_key=translation_key(seed.key)
        )
        _fill(page, seed, seed.es)
        try:
            home.add_child(instance=page)
        except ValidationError:
            report.add(f"  skipped: {seed.slug} (the address is taken by another page)")
            continue
        _publish(page)
        created.append(seed.slug)
    report.add(f"Pages: {len(created)} created, {unchanged} already there.")
    report.lines += [f"  created: {slug}" for slug in created]
    return report.lines


def home_highlights(language: str) -> list[dict]:
    """The home page's highlight cards, linked to the seeded pages of that language."""
    highlights = []
    for item in page_content.home().highlights:
        target = _find(item.page, language)
        text = item.en if language == ENGLISH else item.es
        highlights.append(
            {
                "type": "card",
                "value": {
                    "title": text.title,
                    "text": text.text,
                    "page": target.pk if target is not None else None,
                },
            }
        )
    return highlights


def _translate(page: Page, locale: Locale) -> Page:
    """An unpublished copy of the page in the locale (under the parent's translation, at
    the same slug), as the admin's "Translate" button makes."""
    return page.copy_for_translation(locale).specific


def seed_translations() -> list[str]:
    """The English home page and the English translations of the seeded pages."""
    home = _home(settings.LANGUAGE_CODE)
    if home is None:
        return []
    locale = english_locale()
    english_home = home.get_translation_or_none(locale)
    new_home = english_home is None
    if new_home:
        english_home = home.copy_for_translation(locale).specific

    translated, unchanged = [], 0
    for seed in page_content.pages():
        page = _find(seed.key, settings.LANGUAGE_CODE)
        if page is None:
            continue
        if page.get_translation_or_none(locale) is not None:
            unchanged += 1
            continue
        translation = _translate(page, locale)
        _fill(translation, seed, seed.en)
        _publish(translation)
        translated.append(seed.slug)

    if new_home:
        # Reloaded: adding the translations below it changed its tree fields (numchild).
        english_home = type(english_home).objects.get(pk=english_home.pk)
        text = page_content.home().en
        english_home.title = text.title
        english_home.intro = text.intro
        english_home.join_call = text.join_call
        english_home.search_description = text.search_description
        english_home.highlights = home_highlights(ENGLISH)
        _publish(english_home)

    lines = [
        "English home page: created and published."
        if new_home
        else "English home page: already there; left as it is.",
        f"English translations: {len(translated)} created, {unchanged} already there.",
    ]
    return lines + [f"  translated: {slug}" for slug in translated]


# ---- Demo news (seed_demo)


def _article(item: ArticleSeed, text: ArticleText, page: ArticlePage | None = None) -> ArticlePage:
    page = page or ArticlePage(slug=item.slug, translation_key=translation_key(item.key))
    page.title = text.title
    page.kind = item.kind
    page.date = timezone.localdate() - timedelta(days=item.days_ago)
    page.summary = text.summary
    page.body = text.body
    return page


def seed_demo_news(seed) -> None:
    """A few demo news items, announcements and calls, in Spanish and English, each
    marked as demo content. A step of `seed_demo` (takes its DemoSeed)."""
    news_index = _find(page_content.page_of_kind("news_index").key, settings.LANGUAGE_CODE)
    if news_index is None:
        seed.write("Demo news: no news index (seed_core_group creates it); nothing created.")
        return
    locale = english_locale()
    created = translated = 0
    articles = page_content.demo_articles()
    for item in articles:
        article = _find(item.key, settings.LANGUAGE_CODE)
        if article is None:
            article = _article(item, item.es)
            article.locale = news_index.locale
            news_index.add_child(instance=article)
            _publish(article)
            created += 1
        if article.get_translation_or_none(locale) is None and news_index.has_translation(locale):
            _publish(_article(item, item.en, _translate(article, locale)))
            translated += 1
    seed.write(
        f"Demo news: {created} created, {translated} translated into English, "
        f"{len(articles) - created} already there."
    )
