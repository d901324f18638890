"""The content files the seeds read (col_portal/content, resources/content): all of them
read cleanly, and a facilitator's slip in one is reported by file, entry and field."""

import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from col_portal import seed_content
from resources import library_seed, page_content
from themes.models import Contribution

CACHED = (
    seed_content.core_group,
    seed_content.themes,
    seed_content.demo_people,
    seed_content.demo_lessons_file,
    seed_content.demo_workshops_file,
    page_content.pages_file,
    page_content.home,
    page_content.demo_articles,
    library_seed.core_resources,
    library_seed.demo_library,
)


@pytest.fixture
def fresh_reads():
    for loader in CACHED:
        loader.cache_clear()
    yield
    for loader in CACHED:
        loader.cache_clear()


def copy_of(module, monkeypatch, tmp_path):
    """The module's content folder copied to tmp_path, and read from there."""
    folder = tmp_path / "content"
    shutil.copytree(module.CONTENT, folder)
    monkeypatch.setattr(module, "CONTENT", folder)
    return folder


def test_every_content_file_reads(fresh_reads):
    assert len(seed_content.core_group()) == 15
    assert [theme.order for theme in seed_content.themes()] == [1, 2, 3, 4]
    assert seed_content.FACILITATOR in {person.email for person in seed_content.demo_people()}
    assert len(seed_content.demo_lessons()) == 22
    assert len(seed_content.demo_workshops()) == 15
    assert [seed.key for seed in page_content.pages()][:2] == [
        "foundational_document",
        "news_index",
    ]
    assert page_content.home().en.intro.startswith("<p>The <b>Moquegua Community of Learning")
    assert len(page_content.demo_articles()) == 3
    assert len(library_seed.core_resources()) == 2
    resources, proposal = library_seed.demo_library()
    assert all(seed.summary.endswith("Contenido de demostración.)") for seed in resources)
    assert proposal.proposer == "member@example.org"


def test_an_unknown_theme_in_a_demo_lesson_stops_seed_demo_with_where_it_is(
    db, settings, monkeypatch, tmp_path, fresh_reads
):
    settings.DEBUG = True
    lessons = copy_of(seed_content, monkeypatch, tmp_path) / "demo_lessons.yaml"
    text = lessons.read_text(encoding="utf-8")
    lessons.write_text(
        text.replace("theme: recursos-hidricos", "theme: recursos-hidrícos", 1), encoding="utf-8"
    )

    with pytest.raises(CommandError) as raised:
        call_command("seed_demo", verbosity=0)

    message = str(raised.value)
    assert "content/demo_lessons.yaml > lessons > entry " in message
    assert "> theme: 'recursos-hidrícos' is not one of: brechas-y-renta-minera," in message
    assert not Contribution.objects.exists()


def test_a_block_of_an_unknown_kind_in_a_page_is_reported(monkeypatch, tmp_path, fresh_reads):
    pages = copy_of(page_content, monkeypatch, tmp_path) / "pages.yaml"
    text = pages.read_text(encoding="utf-8")
    pages.write_text(text.replace("- h2: 2. Principios", "- h4: 2. Principios", 1), "utf-8")

    with pytest.raises(CommandError) as raised:
        page_content.pages()

    assert "pages.yaml > pages > entry 1 (foundational_document) > es > body > block 6: " in str(
        raised.value
    )
    assert "a block is one of h2, h3, p, bullets, numbered, quote, table" in str(raised.value)
