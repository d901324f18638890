"""Install the dependencies declared in pyproject.toml into the running Python.

The portal is not a distributable package (``packages = []``), so instead of building and
installing it we read its PEP 621 dependencies and hand them to pip. Used by the Makefile
and the Dockerfile:

    python scripts/install_deps.py            # runtime dependencies
    python scripts/install_deps.py test       # plus the "test" extra
"""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def requirements(extras: list[str]) -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    optional = project.get("optional-dependencies", {})
    unknown = [extra for extra in extras if extra not in optional]
    if unknown:
        raise SystemExit(f"Unknown extra(s) {unknown}; pyproject.toml declares {sorted(optional)}.")
    reqs = list(project.get("dependencies", []))
    for extra in extras:
        reqs.extend(optional[extra])
    return reqs


def main(argv: list[str]) -> int:
    reqs = requirements(argv)
    command = [sys.executable, "-m", "pip", "install", "--quiet", *reqs]
    print(f"Installing {len(reqs)} requirements from pyproject.toml ...", flush=True)
    return subprocess.call(command)  # noqa: S603 (our own pyproject.toml)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
