# Moquegua Community of Learning portal.
# Needs only GNU make and Python 3.11+: uv (pinned, by hash: requirements-uv.txt) goes into
# .venv-tools, and uv installs the versions locked in uv.lock into .venv.
#
#   make run     install, migrate, seed, serve at http://127.0.0.1:$(PORT) with a Celery
#                worker and beat (filesystem broker under var/)
#   make test    install the development dependencies and run the whole suite
#   make screenshots   refresh docs/screenshots/*.png from the demo data (Chromium)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
# The settings fail closed (DEBUG off unless set); what make runs on this machine is
# development, on the embedded defaults, unless DEBUG is given. Production: docker compose.
export DEBUG ?= true
PYTEST_ARGS ?=
# Test processes (pytest-xdist): `auto` is one per CPU; PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto
BIN := $(VENV)/bin
PY := $(BIN)/python
UV_VENV ?= .venv-tools
UV := $(UV_VENV)/bin/uv
# uv installs into $(VENV) (made with $(PYTHON) below), never downloads a Python of its own,
# and reads PyPI whatever pip's configuration on this machine says.
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

# Stamps: the install is redone only when uv.lock (or pyproject.toml) is newer than the
# last install.
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: help run serve test lint format messages check-messages check-migrations install install-test clean node-deps screenshots bench

help:
	@echo "make run       install, migrate, seed the Core Group and the demo, serve on 127.0.0.1:$(PORT)"
	@echo "               with a Celery worker and beat (reminders, digests, outbox sweep)"
	@echo "make test      install the development dependencies and run the whole suite (pytest)"
	@echo "make screenshots  refresh docs/screenshots/*.png from the demo data, in Chromium"
	@echo "make bench     load mix (Locust) and uncached pages (wrk) under gunicorn on PostgreSQL + Redis (docs/performance.md)"
	@echo "make lint      ruff check + ruff format --check"
	@echo "make format    ruff format + ruff check --fix"
	@echo "make messages  compile locale/*/LC_MESSAGES/*.po into .mo (no gettext needed)"

PYTHON_CHECK := $(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.x")'

# uv itself, at the version and hashes of requirements-uv.txt, in a venv of its own (uv
# sync keeps .venv exactly as the lock says, so it cannot live there).
$(UV): requirements-uv.txt
	@$(PYTHON_CHECK)
	$(PYTHON) -m venv $(UV_VENV)
	$(UV_VENV)/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements-uv.txt
	@touch $@

$(PY):
	@$(PYTHON_CHECK)
	$(PYTHON) -m venv $(VENV)

# --locked: install exactly uv.lock, and fail if it no longer matches pyproject.toml
# (`uv lock` updates it). `make run` gets the runtime dependencies only; `make test` and the
# other development targets get the dev group too.
$(STAMP_RUN): uv.lock pyproject.toml | $(UV) $(PY)
	$(UV) sync --locked --no-dev
	@touch $@

$(STAMP_TEST): uv.lock pyproject.toml | $(UV) $(PY)
	$(UV) sync --locked
	@touch $@ $(STAMP_RUN)

install: $(STAMP_RUN)

install-test: $(STAMP_TEST)

# The address e-mails and other links made without a request name: the port served,
# unless SITE_URL (and WAGTAILADMIN_BASE_URL) are given.
RUN_SITE_URL := $(or $(SITE_URL),http://127.0.0.1:$(PORT))
RUN_ADMIN_URL := $(or $(WAGTAILADMIN_BASE_URL),$(RUN_SITE_URL))
run: export SITE_URL := $(RUN_SITE_URL)
run: export WAGTAILADMIN_BASE_URL := $(RUN_ADMIN_URL)
# Tasks go to the Celery worker (with beat: reminders, digests, the outbox sweep) that runs
# beside runserver, on the filesystem broker under var/celery unless REDIS_URL or
# CELERY_BROKER_URL names another; Ctrl+C stops both.
run: $(STAMP_RUN)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_core_group
	$(PY) manage.py seed_demo
	@echo
	@if [ -n "$${DEMO_PASSWORD:-}" ]; then pw="the value of DEMO_PASSWORD"; else pw="moquegua-demo"; fi; \
	echo "Demo accounts (password: $$pw):"
	@echo "  facilitator@example.org   facilitator"
	@echo "  member@example.org        member, Propuesta Ciudadana"
	@echo "  member2@example.org       member, Southern Perú Copper Corporation"
	@echo
	@echo "Serving the portal at $(RUN_SITE_URL)/  (Ctrl+C stops it and the Celery worker)"
	@export CELERY_BROKER_URL="$${CELERY_BROKER_URL:-$${REDIS_URL:-filesystem://}}"; \
	export CELERY_TASK_ALWAYS_EAGER="$${CELERY_TASK_ALWAYS_EAGER:-false}"; \
	$(BIN)/celery -A col_portal worker --beat --pool solo --loglevel INFO \
		--without-gossip --without-mingle --without-heartbeat & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null || true; wait $$worker 2>/dev/null || true' EXIT; \
	trap 'exit 130' INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The tools of the accessibility and HTML checks (axe-core, vnu-jar: package.json), when npm
# is here; without npm those tests skip themselves. --ignore-scripts: vnu-jar's install
# script would download a Java runtime; the system's java runs the checker.
NPM_STAMP := node_modules/.installed

node-deps:
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "npm not found: skipping axe-core and vnu-jar (their tests will be skipped)"; \
	elif [ ! -f package-lock.json ]; then \
		echo "no package-lock.json: skipping npm ci"; \
	elif [ ! -f $(NPM_STAMP) ] || [ package-lock.json -nt $(NPM_STAMP) ]; then \
		npm ci --no-audit --no-fund --ignore-scripts && touch $(NPM_STAMP); \
	fi

# Tasks run in the test process even when REDIS_URL is set (Redis then serves as the
# cache only): no worker runs during the tests. The suite is spread over PYTEST_WORKERS
# processes (pytest-xdist); --dist loadgroup keeps the tests that start their own servers
# (tests/faults, tests/deploy) on one worker, one after the other (tests/conftest.py).
#
# Compiled bytecode is kept under var/pycache (never in .venv nor next to the sources), also
# where PYTHONDONTWRITEBYTECODE is set, as on the CI image: each process the suite starts
# (the xdist workers, the gunicorn and manage.py subprocesses of tests/faults and
# tests/deploy) imports Django, Wagtail and their 220 migrations, which would otherwise be
# compiled again in every one of them (about 7 s of CPU each on the reference machine).
test: export PYTHONPYCACHEPREFIX := $(CURDIR)/var/pycache
test: export PYTHONDONTWRITEBYTECODE :=
test: $(STAMP_TEST) node-deps
	CELERY_TASK_ALWAYS_EAGER=$${CELERY_TASK_ALWAYS_EAGER:-true} $(BIN)/pytest \
		-n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: $(STAMP_TEST)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP_TEST)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: $(STAMP_TEST)
	$(PY) scripts/compile_messages.py

check-messages: $(STAMP_TEST)
	$(PY) scripts/compile_messages.py --check

check-migrations: $(STAMP_RUN)
	$(PY) manage.py makemigrations --check --dry-run

# Starts the portal on a temporary SQLite database with the demo data (or on the
# DATABASE_URL given) and saves docs/screenshots/*.png with Chromium.
screenshots: $(STAMP_TEST)
	$(PY) scripts/screenshots.py

# ---- bench: the portal under gunicorn (production settings) on PostgreSQL and Redis,
# driven by Locust (the mix) and wrk (baseline, uncached pages) over loopback; prints the
# tables and fails when a target is missed. BENCH_X10=1 adds the x10 comparison.
# BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/col_bench_load) is seeded once
# with seed_bulk; BENCH_REDIS_URL (redis://127.0.0.1:6379/5). Not part of `make test`.
# Locust is a development dependency, hence the test install.
bench: $(STAMP_TEST)
	$(PY) tests/perf/loadtest.py
# ---- end bench

clean:
	rm -rf $(VENV) $(UV_VENV) var/staticfiles var/pycache .pytest_cache .ruff_cache
