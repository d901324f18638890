"""The machinery of `make bench` (tests/perf/loadtest.py) that needs no server: the addresses
each kind of page is measured on, and the table made from Locust's figures. The locustfile
itself is never imported here (importing locust patches the standard library with gevent);
it is checked to compile."""

import py_compile
import random
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.perf import loadtest

DATA = {
    "themes": ["recursos-hidricos", "gestion-ambiental"],
    "kinds": ["lesson", "experience"],
    "sectors": ["state", "company"],
    "provinces": ["ilo"],
    "institutions": [3, 4],
    "tags": ["agua"],
    "years": [2024, 2025],
    "lessons": [f"sintetica-{n}" for n in range(1000)],
    "workshops": [f"taller-sintetico-{n}" for n in range(50)],
    "words": ["agua", "riego tecnificado", "canon minero"],
}


def test_every_kind_of_public_page_is_asked_at_many_addresses():
    paths = loadtest.kind_paths(DATA, random.Random(1))

    assert set(paths) >= {"search", "lessons filtered", "lesson detail", "home"}
    assert len(set(paths["lesson detail"])) == 400
    assert all(p.startswith("/lecciones/sintetica-") for p in paths["lesson detail"])
    assert sorted(parse_qs(urlsplit(p).query)["q"][0] for p in paths["search"]) == sorted(
        DATA["words"]
    )
    for path in paths["lessons filtered"]:
        query = parse_qs(urlsplit(path).query)
        assert query["theme"][0] in DATA["themes"] and query["kind"][0] in DATA["kinds"]
    assert len(set(paths["lessons filtered"])) > 100


def test_mix_table_reports_percentiles_errors_cache_share_and_targets():
    rows = [
        {
            "Name": "home",
            "Request Count": "100",
            "Failure Count": "0",
            "Requests/s": "10.0",
            "50%": "8",
            "95%": "40",
            "99%": "90",
        },
        {
            "Name": "search",
            "Request Count": "50",
            "Failure Count": "2",
            "Requests/s": "5.0",
            "50%": "90",
            "95%": "300",
            "99%": "500",
        },
    ]
    lines, missed = loadtest.mix_table(rows, {"home": [100, 75]}, baseline_rps=1000.0)

    home = next(line for line in lines if line.startswith("home"))
    assert "75%" in home and home.rstrip().endswith("met") and "1.0%" in home
    search = next(line for line in lines if line.startswith("search"))
    assert "MISSED (errors, p95, p99)" in search
    assert missed == ["mix search: errors, p95, p99"]


def test_the_locustfile_compiles():
    py_compile.compile(str(Path(loadtest.ROOT, "tests", "perf", "locustfile.py")), doraise=True)
