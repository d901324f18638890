"""Settings of `make bench`: the production settings unchanged, except that the static
files are collected into a temporary folder (BENCH_STATIC_ROOT) rather than var/, and that
the benchmark can switch the anonymous page cache off (PAGE_CACHE_ENABLED=false) to measure
what every distinct search and every member costs."""

import os
from pathlib import Path

from col_portal.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE_ENABLED", "true").lower() != "false"
