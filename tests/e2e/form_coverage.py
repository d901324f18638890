"""Every form a person can submit is submitted by a browser journey ("keep it that way").

Two halves meet at the end of the session:
- tests/e2e/test_form_coverage.py crawls the portal as an anonymous visitor, a member and a
  facilitator (our pages and our admin views) with the test client and records the URL
  name of every `<form method="post">` action it finds (CRAWLED);
- tests/e2e/conftest.py records every POST any page of any browser context makes during the
  browser tests (POSTED, as paths; named here).
Under pytest-xdist each worker hands both to the controller (config.workeroutput, see
tests/conftest.py), which checks, once every worker is done and only when the whole of
tests/e2e ran, that every crawled form was posted by a journey, except those listed in
test_form_coverage.NOT_YET_WALKED (handed over with the crawl), and that no listed one is
walked (the list only shrinks).
"""

import json
from pathlib import Path

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation

E2E_DIR = Path(__file__).resolve().parent
LANGUAGES = {code for code, _name in settings.LANGUAGES}

# URL name -> where it was seen ("member: /miembros/"), filled by the crawl.
CRAWLED: dict[str, str] = {}
CRAWL_DONE = False
# The forms no journey walks yet (test_form_coverage.NOT_YET_WALKED), handed over by the crawl.
NOT_YET_WALKED: set[str] = set()
# Paths of the POST requests the browsers made.
POSTED: set[str] = set()


def match(path: str):
    """What `path` resolves to (in the language of its prefix), or None."""
    first = path.split("/")[1] if path.count("/") > 1 else ""
    language = first if first in LANGUAGES else settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            return resolve(path)
        except Resolver404:
            return None


def url_name(path: str) -> str | None:
    """The namespaced URL name `path` resolves to, or None."""
    found = match(path)
    return found.view_name if found is not None else None


def worker_output() -> str:
    return json.dumps(
        {
            "crawled": CRAWLED,
            "crawl_done": CRAWL_DONE,
            "not_yet_walked": sorted(NOT_YET_WALKED),
            "posted": sorted(POSTED),
        }
    )


def merge(output: str) -> None:
    """Adds a worker's findings (worker_output) to this process's."""
    global CRAWL_DONE
    data = json.loads(output)
    for name, where in data["crawled"].items():
        CRAWLED.setdefault(name, where)
    CRAWL_DONE = CRAWL_DONE or data["crawl_done"]
    NOT_YET_WALKED.update(data["not_yet_walked"])
    POSTED.update(data["posted"])


def whole_suite_ran(config, collected_ids) -> bool:
    """Every browser test module was collected and nothing was deselected by -k, -m,
    --deselect or --lf: only then is a form nobody posted a form no journey walks."""
    files = {path.name for path in E2E_DIR.glob("test_*.py")}
    ran = {node_id.split("::")[0].rsplit("/", 1)[-1] for node_id in collected_ids}
    filtered = any(
        [
            config.getoption("keyword", ""),
            config.getoption("markexpr", ""),
            config.getoption("deselect", None),
            config.getoption("lf", False),
        ]
    )
    return files <= ran and not filtered


def problems() -> list[str]:
    """What is wrong with the coverage (empty when every crawled form was walked)."""
    if not CRAWL_DONE:
        return ["the crawl (tests/e2e/test_form_coverage.py) did not complete"]
    with translation.override(settings.LANGUAGE_CODE):
        posted = {name for name in map(url_name, POSTED) if name}
    found = []
    for name in sorted(set(CRAWLED) - posted - NOT_YET_WALKED):
        found.append(
            f"the form posting to {name} ({CRAWLED[name]}) is submitted by no browser journey"
        )
    for name in sorted(NOT_YET_WALKED & posted):
        found.append(f"{name} is walked now: remove it from NOT_YET_WALKED")
    for name in sorted(NOT_YET_WALKED - set(CRAWLED)):
        found.append(f"{name} has no form any more: remove it from NOT_YET_WALKED")
    return found
