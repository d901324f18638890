# The portal's image: web (gunicorn + whitenoise), worker and beat all run from it.
FROM python:3.11-slim-trixie

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=col_portal.settings

WORKDIR /app

RUN groupadd --system --gid 10001 col \
    && useradd --system --uid 10001 --gid col --home-dir /app --no-create-home col

# pg_dump and pg_restore for `manage.py backup` and `restore`: Debian 13's client (17) reads
# the compose file's PostgreSQL 16 server (pg_dump must be at least as new as the server).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, so that a code change does not reinstall them: the runtime ones
# only, exactly as uv.lock pins them (with their hashes), into /opt/venv. uv itself comes at
# the version and hashes of requirements-uv.txt and leaves the image once it has done.
ENV UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON_DOWNLOADS=never \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1 \
    PATH=/opt/venv/bin:$PATH
COPY requirements-uv.txt pyproject.toml uv.lock ./
RUN /usr/local/bin/python -m pip install --require-hashes --no-deps -r requirements-uv.txt \
    && uv sync --locked --no-dev --python /usr/local/bin/python \
    && /usr/local/bin/python -m pip uninstall --yes uv

COPY --chown=col:col . .

# Static files are collected (and compressed, with hashed names) at build time. The
# settings refuse DEBUG off without a SECRET_KEY: a throwaway one serves for the build.
RUN DEBUG=False SECRET_KEY=collectstatic-only-not-a-secret ALLOWED_HOSTS=localhost \
        ENV_FILE=/nonexistent \
        python manage.py collectstatic --noinput \
    && rm -f var/db.sqlite3* \
    && mkdir -p var/media var/private \
    && chown -R col:col var

USER col
EXPOSE 8000
CMD ["gunicorn", "col_portal.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
