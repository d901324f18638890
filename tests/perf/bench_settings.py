"""Settings of `make bench`: the production settings unchanged, except that the static
files are collected into a temporary folder (BENCH_STATIC_ROOT) rather than var/."""

import os
from pathlib import Path

from col_portal.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])
