"""Settings of the Moquegua Community of Learning portal.

One module, read from the environment (django-environ). With nothing set, a bare checkout
runs on embedded defaults: SQLite under var/, local-memory cache, eager Celery (no broker)
and e-mail printed to the console. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY,
ALLOWED_HOSTS and EMAIL_URL (see .env.example for every variable).
"""

import os
from email.utils import parseaddr
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Variables already in the environment win over the file; ENV_FILE points elsewhere.
ENV_FILE = Path(os.environ.get("ENV_FILE", BASE_DIR / ".env"))
if ENV_FILE.is_file():
    env.read_env(ENV_FILE)

# ---- CORE

# Off unless said: a deployment that forgets it must not show tracebacks to the world.
# `make run`, `make test` (pytest-env, pyproject.toml) and `make screenshots` set it on.
DEBUG = env.bool("DEBUG", default=False)

# The placeholder of .env.example: a deployment copied from it without editing.
EXAMPLE_SECRET_KEYS = {"change-me-to-a-long-random-string"}
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (for development on this machine, "
            "DEBUG=true: `make run` sets it)."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"
elif SECRET_KEY in EXAMPLE_SECRET_KEYS and not DEBUG:
    raise ImproperlyConfigured(
        "SECRET_KEY is still the example value of .env.example: set a long random string, "
        'e.g. python3 -c "import secrets; print(secrets.token_urlsafe(64))".'
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The address the portal is reached at, for links in e-mails and feeds.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default=SITE_URL).rstrip("/")

INSTALLED_APPS = [
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    # Pages: translations copied by editors (simple_translation), tables in documents.
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.typed_table_block",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "members.users_app.WagtailUsersConfig",  # Wagtail's users admin with our name field
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Backups (dbbackup, mediabackup and their restores; col_portal.backup adds a manifest)
    "dbbackup",
    # The read-only JSON API (see API below)
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Ours, lowest floor first (members <- themes <- resources <- workshops <- col_portal).
    # Listed after Wagtail so that our ready() runs after Wagtail's (themes replaces
    # Wagtail's workflow e-mails with the portal's outbox notifications).
    "members",
    "themes",
    "resources",
    "workshops",
    "col_portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The portal's Content-Security-Policy, the admin's own (see CONTENT SECURITY POLICY).
    "col_portal.csp.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ---- page cache (col_portal.page_cache): anonymous pages answered before the
    # middlewares below run; stored once every middleware below has set its cookies
    "col_portal.page_cache.AnonymousPageCacheMiddleware",
    # ---- end page cache
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A database outage answers 503 "temporarily unavailable" with Retry-After, not a 500.
    "col_portal.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "col_portal.urls"
WSGI_APPLICATION = "col_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "col_portal.context_processors.portal",
            ],
        },
    },
    {
        # Plain-text e-mails and subjects: the same templates, without HTML escaping.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# ---- DATABASE

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    # A pilot of a handful of people on the embedded default, reading and writing at once
    # (tests/faults/test_sqlite_pilot.py): readers never wait for the writer (WAL); a
    # transaction takes the write lock when it begins (IMMEDIATE), so it waits its turn
    # instead of failing with "database is locked" when it reads first and writes later;
    # and a writer waits up to `timeout` seconds for the one before it (SQLite's busy
    # timeout; Python's default is 5). With WAL, synchronous=NORMAL still survives a crash
    # of the portal, and commits without waiting for the disk each time (a power cut may
    # lose the last commits, never the file). Options in DATABASE_URL's query win.
    for option, value in {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }.items():
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault(option, value)
else:
    # Keep connections for a minute, but check them before use so that a restarted
    # PostgreSQL is picked up again without restarting the portal.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Behind PgBouncer in transaction mode, server-side cursors must be off.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool(
        "DISABLE_SERVER_SIDE_CURSORS", default=False
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---- CACHE, CELERY

# Production with the local-memory cache is refused (col_portal.checks) unless the
# deployment says it is one process: with several, a logged-out session would still work
# on another process, a two-step code could be used twice, rate limits would multiply.
SINGLE_PROCESS = env.bool("SINGLE_PROCESS", default=False)
# /bench/baseline, the trivial view `make bench` compares pages with: in development, and
# in the benchmark's production-like run, which asks for it; never in production.
BENCH_BASELINE_VIEW = env.bool("BENCH_BASELINE_VIEW", default=DEBUG)

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "col",
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "col-portal",
        }
    }

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# ---- page cache (col_portal.page_cache): anonymous public pages, at most this many seconds
# (publishing forgets them at once)
PAGE_CACHE_ENABLED = True
PAGE_CACHE_TIMEOUT = 120
# ---- end page cache

# The broker: Redis when REDIS_URL is set. `make run` sets CELERY_BROKER_URL=filesystem://,
# a broker that needs no server: messages are files under CELERY_BROKER_FOLDER (var/celery),
# read by the worker (with beat) that `make run` starts beside runserver.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# Without a broker the tasks run in the request that enqueued them.
CELERY_TASK_ALWAYS_EAGER = env.bool(
    "CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL.startswith("memory://")
)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing must not hang a request while Redis is down: give up fast, the outbox sweep
# delivers what was not enqueued.
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_FOLDER = Path(
        env.str("CELERY_BROKER_FOLDER", default=str(BASE_DIR / "var" / "celery"))
    )
    for _folder in ("queue", "processed", "control"):
        (CELERY_BROKER_FOLDER / _folder).mkdir(parents=True, exist_ok=True)
    # One folder both ways: the portal writes the messages the worker reads.
    CELERY_BROKER_TRANSPORT_OPTIONS.update(
        {
            "data_folder_in": str(CELERY_BROKER_FOLDER / "queue"),
            "data_folder_out": str(CELERY_BROKER_FOLDER / "queue"),
            "processed_folder": str(CELERY_BROKER_FOLDER / "processed"),
            "store_processed": False,
            "control_folder": str(CELERY_BROKER_FOLDER / "control"),
        }
    )
    # Beat remembers the last runs here; no remote control (broadcasts) over files.
    CELERY_BEAT_SCHEDULE_FILENAME = str(CELERY_BROKER_FOLDER / "beat-schedule")
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
    # E-mails printed by the console backend reach the terminal as they are.
    CELERY_WORKER_REDIRECT_STDOUTS = False
CELERY_TIMEZONE = "America/Lima"
CELERY_BEAT_SCHEDULE = {
    # Every 5 minutes; OUTBOX_SWEEP_SECONDS sets another interval (the worker test: 2).
    "deliver-pending-notifications": {
        "task": "members.tasks.deliver_pending_notifications",
        "schedule": env.int("OUTBOX_SWEEP_SECONDS", default=0) or crontab(minute="*/5"),
    },
    # The weekly digest of new contributions: Mondays at 08:00, Moquegua time.
    "send-weekly-digest": {
        "task": "themes.tasks.send_weekly_digest",
        "schedule": crontab(minute=0, hour=8, day_of_week="monday"),
    },
    # Workshop reminders 24 hours before; keyed, so a second run sends nothing twice.
    "send-workshop-reminders": {
        "task": "workshops.tasks.send_workshop_reminders",
        "schedule": crontab(minute=5),
    },
    # Commitments due soon or overdue: each reminder once per person and due date (keyed).
    "send-commitment-reminders": {
        "task": "workshops.tasks.send_commitment_reminders",
        "schedule": crontab(minute=15, hour=7),
    },
    # Each institution's open commitments, on the first of the month (once: keyed).
    "send-monthly-commitment-summaries": {
        "task": "workshops.tasks.send_monthly_commitment_summaries",
        "schedule": crontab(minute=30, hour=7, day_of_month=1),
    },
    # The open data, every night (and, debounced, after each publication).
    "rebuild-open-data": {
        "task": "col_portal.tasks.rebuild_open_data",
        "schedule": crontab(minute=30, hour=2),
    },
}

# ---- OPEN DATA

# The folder of the default storage (MEDIA) the open-data files are written to.
OPEN_DATA_FOLDER = env.str("OPEN_DATA_FOLDER", default="datos-abiertos")
# After a publication the rebuild waits this long, so that a burst of changes makes one.
OPEN_DATA_DEBOUNCE_SECONDS = env.int("OPEN_DATA_DEBOUNCE_SECONDS", default=60)
# Without a broker (tasks run in the request), not rebuilt again sooner than this.
OPEN_DATA_EAGER_INTERVAL = env.int("OPEN_DATA_EAGER_INTERVAL", default=300)

# ---- E-MAIL

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Comunidad de Aprendizaje Moquegua <no-reply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[Comunidad de Aprendizaje Moquegua] "
EMAIL_TIMEOUT = 20

# ---- AUTH, ACCOUNTS

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:dashboard"

ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_GET = False
# A logged-in person sent to the login page (e.g. a member opening /admin/) sees it, with a
# note that they are logged in, instead of being bounced back in a redirect loop.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
# Tell people by e-mail when their password or two-factor settings change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# One address per person: changing it replaces the old one once the new one is verified.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = EMAIL_SUBJECT_PREFIX
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "login": "30/m/ip",
    "reset_password": "10/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    # The open call (/unete/): stored applications per client address.
    "membership_application": "5/h/ip",
    # Published comments per member (facilitators are not limited); see members.ratelimit.
    "comment": "10/10m/user",
    # The contact form (/contacto/): messages sent per client address.
    "contact_message": "5/h/ip",
}
# Confirming it is you before a security change: the password, or the second factor. Not a
# code sent by e-mail (allauth's default offers one): nobody logs in by code here either.
ACCOUNT_REAUTHENTICATION_METHODS = ["password", "mfa"]
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Comunidad de Aprendizaje Moquegua"

# Invitation links expire after this many days.
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)
# Where facilitators are told of new membership applications (besides the facilitators).
MODERATION_EMAIL = env.str("MODERATION_EMAIL", default="")

# ---- INTERNATIONALISATION

LANGUAGE_CODE = "es"
LANGUAGES = [("es", "Español"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Lima"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "col_language"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# ---- STATIC AND MEDIA

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Files served only through views that check access (attachments of members-only content).
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private")))

# Where `manage.py backup` (django-dbbackup) writes its files: they hold personal data, so
# they are written for their owner only (col_portal.backup.BackupStorage); keep them private.
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(BASE_DIR / "var" / "backups")))
DBBACKUP_HOSTNAME = "portal"  # in the file names, whichever container takes the backup
DBBACKUP_CONNECTOR_MAPPING = {
    "django.db.backends.postgresql": "col_portal.backup.PgDumpWithManifest",
    "django.db.backends.sqlite3": "col_portal.backup.SqliteWithManifest",
}
# pg_restore into a database owned by whoever runs it (the dump's owner may not exist there).
DBBACKUP_CONNECTORS = {"default": {"PG_OPTIONS": "--no-owner --no-privileges"}}
DBBACKUP_BACKUP_METADATA_SETTER = "col_portal.backup.backup_metadata"
# A failure exits non-zero: cron's mail or systemd says so (README, "Backup and restore").
DBBACKUP_SEND_EMAIL = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Members-only files (members.storage.private_storage): streamed by checking views only.
    "private": {"BACKEND": "members.storage.PrivateStorage"},
    "dbbackup": {"BACKEND": "col_portal.backup.BackupStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# ---- OBJECT STORAGE (S3-compatible, django-storages): on when AWS_STORAGE_BUCKET_NAME is set.
# Public uploads (logos, Wagtail images and renditions) go under AWS_MEDIA_LOCATION of that
# bucket with plain, unsigned URLs (the bucket policy or AWS_DEFAULT_ACL makes that prefix
# readable); members-only files go to AWS_PRIVATE_STORAGE_BUCKET_NAME (default: the same
# bucket) under AWS_PRIVATE_LOCATION, written with a private ACL and given no URL at all:
# the portal's checking views stream them. Local disk (MEDIA_ROOT, PRIVATE_MEDIA_ROOT)
# stays the default.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _s3_connection = {
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
        "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
        # Two uploads with the same name never replace each other (as on local disk).
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3_connection,
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "location": env.str("AWS_MEDIA_LOCATION", default="media"),
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            "default_acl": env.str("AWS_DEFAULT_ACL", default="") or None,
            "querystring_auth": False,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "members.storage_s3.PrivateS3Storage",
        "OPTIONS": {
            **_s3_connection,
            "bucket_name": env.str("AWS_PRIVATE_STORAGE_BUCKET_NAME", default="")
            or AWS_STORAGE_BUCKET_NAME,
            "location": env.str("AWS_PRIVATE_LOCATION", default="private"),
            # Empty for buckets with ACLs disabled (bucket owner enforced).
            "default_acl": env.str("AWS_PRIVATE_DEFAULT_ACL", default="private") or None,
            "querystring_auth": False,
        },
    }
# ---- END OBJECT STORAGE

WHITENOISE_MAX_AGE = 3600 if not DEBUG else 0

# ---- UPLOADS
#
# Every uploaded file is checked by members.uploads (content, not name): these are its limits.

# Request bodies without the files (form fields) at most 5 MB; uploaded files over 2 MB are
# spooled to a temporary file instead of memory; at most 20 files in one request.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
_MB = 1024 * 1024
# Largest file accepted, per kind of upload, in bytes.
UPLOAD_MAX_BYTES = {
    # Attachments of lessons and files of members' resource proposals.
    "attachment": env.int("UPLOAD_MAX_ATTACHMENT_BYTES", default=20 * _MB),
    # Wagtail documents (the library, workshop materials).
    "document": env.int("UPLOAD_MAX_DOCUMENT_BYTES", default=20 * _MB),
    # Wagtail images (pages).
    "image": env.int("UPLOAD_MAX_IMAGE_BYTES", default=10 * _MB),
    "logo": env.int("UPLOAD_MAX_LOGO_BYTES", default=2 * _MB),
    "avatar": env.int("UPLOAD_MAX_AVATAR_BYTES", default=2 * _MB),
}
# Institution logos: at most this many bytes.
LOGO_MAX_BYTES = UPLOAD_MAX_BYTES["logo"]
# Images: at most this many pixels (checked from the header, before decoding; Pillow and
# Wagtail refuse larger images too), about a 50-megapixel photo.
UPLOAD_IMAGE_MAX_PIXELS = env.int("UPLOAD_IMAGE_MAX_PIXELS", default=50_000_000)
# Office and OpenDocument files are ZIP archives: limits on unpacking them.
UPLOAD_ARCHIVE_MAX_UNCOMPRESSED_BYTES = env.int(
    "UPLOAD_ARCHIVE_MAX_UNCOMPRESSED_BYTES", default=200 * _MB
)
UPLOAD_ARCHIVE_MAX_RATIO = env.int("UPLOAD_ARCHIVE_MAX_RATIO", default=100)
UPLOAD_ARCHIVE_MAX_ENTRIES = env.int("UPLOAD_ARCHIVE_MAX_ENTRIES", default=5000)

# ---- WAGTAIL

WAGTAIL_SITE_NAME = "Comunidad de Aprendizaje Moquegua"
# Wagtail's database backend (PostgreSQL full text on PostgreSQL, FTS5 on SQLite); on
# PostgreSQL each contribution is stemmed in its own language (spanish or english).
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "themes.search_backend",
        "SEARCH_CONFIG": "spanish_unaccent",
    }
}
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# No autosave in the admin: Wagtail 8.0's autosave of a new object raced the "Publicar"
# button (a library resource was created twice) and can duplicate new inline rows (wagtail
# issue #14568): the workshops' agenda, materials and commitments are inlines. Drafts,
# revisions and the unsaved-changes warning stay.
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAILDOCS_DOCUMENT_MODEL = "resources.PrivateDocument"
# Documents are always streamed by Django, so access checks apply to every download.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "ppt",
    "pptx",
    "odt",
    "ods",
    "odp",
    "csv",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = UPLOAD_MAX_BYTES["document"]
# Every document upload (add, multiple add, chooser, replace) is checked by members.uploads.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "resources.admin_forms.CheckedDocumentForm"
# Only PDFs open in the browser; every other document is downloaded.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = UPLOAD_MAX_BYTES["image"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = UPLOAD_IMAGE_MAX_PIXELS
# No SVG (it can carry scripts), no formats members.uploads does not check.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "resources.admin_forms.CheckedImageForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: no third-party requests, no hashed e-mails leaving the site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# ---- CONTENT SECURITY POLICY
# Enforced, not report-only. No 'unsafe-inline' and no nonce for scripts: our templates have
# no inline script or event handler (tests/col_portal/test_security_headers.py keeps it so;
# a script must be a file under static/js/, its data in a json_script block), and without
# nonces a page cached for anonymous visitors stays valid. Styles: only our stylesheet, no
# inline style (the templates have none). img-src allows data: for the two-factor QR code.
# The Wagtail admin gets its own policy (col_portal.csp.PortalCSPMiddleware).


def _origin(url: str) -> str:
    """scheme://host[:port] of a URL, or https://<host> for a bare host name."""
    url = url.strip().rstrip("/")
    if not url:
        return ""
    if "://" not in url:
        url = f"https://{url}"
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{rest.split('/', 1)[0]}"


def _object_storage_origins() -> list[str]:
    """Where the browser fetches uploaded files from when they live in an S3 bucket (the
    variables of the object storage settings): the custom domain, else the endpoint (and
    the bucket's own host name under it with virtual addressing), else AWS's host names."""
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        return []
    custom_domain = env.str("AWS_S3_CUSTOM_DOMAIN", default="")
    if custom_domain:
        return [_origin(custom_domain)]
    endpoint = _origin(env.str("AWS_S3_ENDPOINT_URL", default=""))
    if endpoint:
        origins = [endpoint]
        if env.str("AWS_S3_ADDRESSING_STYLE", default="") == "virtual":
            scheme, host = endpoint.split("://", 1)
            origins.append(f"{scheme}://{bucket}.{host}")
        return origins
    region = env.str("AWS_S3_REGION_NAME", default="")
    origins = [f"https://{bucket}.s3.amazonaws.com"]
    if region:
        origins += [f"https://{bucket}.s3.{region}.amazonaws.com"]
    return origins


# Uploaded files served from object storage may be shown as images, audio and video.
CSP_MEDIA_ORIGINS = _object_storage_origins()

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *CSP_MEDIA_ORIGINS],
        "media-src": ["'self'", *CSP_MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

# The Wagtail admin, as strict as Wagtail 8 allows (checked in Chromium by
# tests/e2e/test_content_security_policy.py): some of its templates still write inline
# <script> blocks with per-page data (date pickers, filters, the page explorer), so no hash
# could list them, and its components set inline styles; it needs no eval. Image uploads
# are previewed from blob: URLs; the page editor shows the live preview in a same-origin
# frame. Only facilitators reach it.
CSP_ADMIN_PATH_PREFIX = "/admin/"
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *CSP_MEDIA_ORIGINS],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# ---- END CONTENT SECURITY POLICY

# ---- SECURITY

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# ---- BEHIND A PROXY
# In production the portal sits behind a reverse proxy that terminates TLS and spreads the
# requests over the web processes (deploy/Caddyfile, docker-compose.yml). These say which of
# the proxy's headers to believe; the defaults believe no X-Forwarded-For.
# How many proxies append to X-Forwarded-For in front of gunicorn: allauth's rate limits
# (login, password reset, the join form) count per client address, which it then takes that
# many entries from the right. 0: the connecting address (REMOTE_ADDR), right only when
# nothing stands in front; behind one proxy every client would otherwise share one limit.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
if ALLAUTH_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("ALLAUTH_TRUSTED_PROXY_COUNT cannot be negative.")
# "X-Forwarded-Proto: https" from the proxy marks a request secure: HTTPS-only cookies and
# no redirect loop. On by default with DEBUG off, where a TLS proxy is always in front.
if env.bool("SECURE_PROXY_SSL_HEADER", default=not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The host from X-Forwarded-Host, for proxies that rewrite Host (the one in deploy/ does not).
USE_X_FORWARDED_HOST = env.bool("USE_X_FORWARDED_HOST", default=False)
# ---- END BEHIND A PROXY

# ---- LOGGING

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "celery": {"level": "INFO"},
        # One line per delivered task is noise; failures are still logged.
        "celery.app.trace": {"level": "WARNING"},
        # Wagtail's search indexing runs as django-tasks and logs every run at INFO.
        "django_tasks": {"level": "WARNING"},
        # The backup commands print their own lines (to stderr): not twice.
        "dbbackup": {"propagate": False},
    },
}

# ---- FAULT TOLERANCE (Redis, PostgreSQL or mail outages; tests in tests/faults/)

if REDIS_URL:
    # Redis unreachable: pages work as with an empty cache (col_portal/cache.py), and a
    # hung Redis holds a request for a second or two at most.
    CACHES["default"]["BACKEND"] = "col_portal.cache.ResilientRedisCache"
    CACHES["default"]["OPTIONS"] = {"socket_connect_timeout": 1, "socket_timeout": 2}
# A hung broker (accepting connections, never answering) must not hold a request either:
# reads time out too, and publishing gives up after one retry (the outbox's sweep sends
# what could not be enqueued).
CELERY_BROKER_TRANSPORT_OPTIONS["socket_connect_timeout"] = 2
CELERY_BROKER_TRANSPORT_OPTIONS["socket_timeout"] = 2
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# With EMAIL_URL=filemail://, the folder the messages are written to.
if env.str("EMAIL_FILE_PATH", default=""):
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH")

# ---- END FAULT TOLERANCE

# ---- OAI-PMH (resources.oai): the library for harvesters, at /oai/
# Records per ListIdentifiers/ListRecords answer; resumption tokens last this many seconds.
OAI_PAGE_SIZE = env.int("OAI_PAGE_SIZE", default=100)
OAI_RESUMPTION_TOKEN_MAX_AGE = env.int("OAI_RESUMPTION_TOKEN_MAX_AGE", default=24 * 3600)
# The host part of the records' identifiers (oai:<this>:recurso/<id>): set it once and keep
# it, harvesters know the records by it (default: SITE_URL's host).
OAI_REPOSITORY_IDENTIFIER = env.str("OAI_REPOSITORY_IDENTIFIER", default="")
# Who harvesters write to (Identify's adminEmail; default: DEFAULT_FROM_EMAIL's address).
OAI_ADMIN_EMAIL = env.str(
    "OAI_ADMIN_EMAIL", default=parseaddr(DEFAULT_FROM_EMAIL)[1] or "webmaster@localhost"
)
# ---- END OAI-PMH

# ---- API
# The read-only JSON API under /api/ (col_portal/api.py, docs/api.md). It answers everyone
# as an anonymous visitor: no authentication at all, so a logged-in member gets the same
# answers. Throttled per client address (the same address allauth's limits count).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Pagination and the throttle are set on the API's views (col_portal.api).
    "DEFAULT_THROTTLE_RATES": {"api": env.str("API_RATE_LIMIT", default="120/minute")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_METADATA_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# How long browsers and proxies may reuse an answer without asking (then ETag/304).
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=60)
SPECTACULAR_SETTINGS = {
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Only our API (Wagtail's admin has an API of its own, for its editors).
    "PREPROCESSING_HOOKS": ["col_portal.api.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "col_portal.api.name_the_licence",
    ],
    # Choice sets shared by several fields, or of the same field name in several models.
    "ENUM_NAME_OVERRIDES": {
        "AgreementSpaceKindEnum": "workshops.models.AgreementSpaceKind",
        "CommitmentStatusEnum": "workshops.models.CommitmentStatus",
    },
}
# ---- END API

# ---- PORTAL

# Demo seed password (seed_demo); never used when DEBUG is off unless --force.
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="moquegua-demo")

# The official public record of a public investment, from its CUI (Código Único de
# Inversiones), linked from a commitment's evidence. Only a link: nothing is fetched.
# Days before a commitment's due date its responsible institution is reminded of it.
COMMITMENT_REMINDER_DAYS = env.int("COMMITMENT_REMINDER_DAYS", default=14)
COMMITMENT_CUI_URL = env.str(
    "COMMITMENT_CUI_URL", default="https://ofi5.mef.gob.pe/ssi/Ssi/Index?codigo={cui}&tipo=2"
)
