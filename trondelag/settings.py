"""One settings module; the environment decides.

Without any environment the project runs on embedded defaults (a SQLite file and a
filesystem message broker under ``var/``), so a newcomer needs no server. Production and
CI set DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis).
See README.md for the table of variables.
"""

import datetime
import ipaddress
import secrets
import sys
from pathlib import Path
from urllib.parse import quote, urlparse, urlunparse

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A .env file is optional and only read when present; real environments set variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Files of the embedded defaults (SQLite, the filesystem broker). The image runs with a
# read-only root file system: nothing here is created unless an embedded default uses it.
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))

# django-environ accepts "yes", "on", "1"... but treats every other string as False;
# strict parsing makes a typo such as DEBUG=ture fail loudly instead of silently.
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = env.str(name, default=None)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use true/false).")


DEBUG = env_bool("DEBUG", default=False)

# Commands that only read the code (models against migrations) sign nothing: they run on a
# fresh clone without a key, so `manage.py makemigrations --check` works before any setup.
_CODE_ONLY_COMMANDS = {"makemigrations", "showmigrations", "sqlmigrate", "help"}

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "django-insecure-local-development-only"
    elif len(sys.argv) > 1 and sys.argv[1] in _CODE_ONLY_COMMANDS:
        SECRET_KEY = secrets.token_urlsafe(50)  # never used to sign anything
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "ops",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "guardian",
    "axes",
    "simple_history",
    "core",
    "accounts",
    "audit",
    "reminders",
    "documents",
    "participants",
    "phases",
    "consent",
    "careerguidance",
    "companies",
    "matching",
    "events",
    "jobbloop",
    "notifications",
    "overview",
    "workday",
    "demo",
]

MIDDLEWARE = [
    # First: health probes and metrics answer before host checks, HTTPS redirect and login,
    # and every other request is timed and logged as one JSON line.
    "ops.middleware.OpsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SessionIdleRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Roles, clearances and grants from the session while her access_version stands.
    "accounts.access_cache.SessionAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "audit.context.AuditContextMiddleware",
    # Records request.user as the author of each change history row (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it sees the outcome of every login attempt (django-axes).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "trondelag.urls"
WSGI_APPLICATION = "trondelag.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
                "notifications.context_processors.unread_notifications",
            ],
            # {% form_token %} in every creating form, without a {% load %} to forget.
            "builtins": ["core.templatetags.formtokens"],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# https://django-environ.readthedocs.io/en/latest/types.html#environ-env-db-url
DATABASES = {
    # NAIS's Cloud SQL names its URL DB_URL (envVarPrefix DB in nais/app.yaml).
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="")
        or env.str("DB_URL", default="")
        or f"sqlite:///{VAR_DIR / 'trondelag.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    # WAL lets the web process, the worker and beat share the file without "database is locked".
    # IMMEDIATE takes the write lock when a transaction starts, so a second writer waits up to
    # ``timeout`` seconds for it instead of failing midway when a read lock cannot be upgraded
    # (https://docs.djangoproject.com/en/stable/ref/databases/#sqlite-transaction-behavior).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
            "transaction_mode": "IMMEDIATE",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A form body (files excluded) above this answers 413 with a Norwegian page (core.views);
# the longest form, the kartlegging, is well below it.
# https://docs.djangoproject.com/en/stable/ref/settings/#data-upload-max-memory-size
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)

# --- Users, roles and object permissions -----------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out NAV-ident before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PasswordBackend",
    "accounts.oidc.NavIdentBackend",
    # Object-level answers for participants come from the same rule as the querysets.
    "participants.backends.ParticipantAccessBackend",
]
# guardian's own backend is not used for checks (our backend answers them from one rule),
# but its direct-foreign-key tables hold explicit per-participant grants.
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Login with Microsoft Entra ID (OpenID Connect, mozilla-django-oidc) ----------------
# NAIS injects AZURE_APP_* when the manifest enables azure.application. Any OpenID provider
# works: OIDC_DISCOVERY_URL names its /.well-known/openid-configuration.
OIDC_DISCOVERY_URL = env.str(
    "OIDC_DISCOVERY_URL", default=env.str("AZURE_APP_WELL_KNOWN_URL", default="")
)
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", default=env.str("AZURE_APP_CLIENT_ID", default=""))
OIDC_RP_CLIENT_SECRET = env.str(
    "OIDC_CLIENT_SECRET", default=env.str("AZURE_APP_CLIENT_SECRET", default="")
)
OIDC_ENABLED = bool(OIDC_DISCOVERY_URL and OIDC_RP_CLIENT_ID)
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid profile email"
OIDC_USE_PKCE = True
OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the logout at the provider
OIDC_OP_LOGOUT_URL_METHOD = "accounts.oidc.provider_logout_url"
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "/logg-inn/?feil=1"
# Entra ID group object ids → our roles and clearances: "id=veileder,id=kode6,...". A user
# whose token names none of them is deactivated at login.
OIDC_GROUPS = env.dict("OIDC_GROUPS", default={})
# Passwords stored in the app are for the embedded demo and the tests only.
PASSWORD_LOGIN = env_bool("PASSWORD_LOGIN", default=DEBUG)

# Development identities (Skatteetaten/Tenor style, month + 80) are accepted only where
# no real person may be registered by mistake; production sees real numbers only.
ALLOW_SYNTHETIC_IDENTITIES = env_bool("ALLOW_SYNTHETIC_IDENTITIES", default=DEBUG)

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål")]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
# Aksel and htmx come from npm (package.json) and are served by whitenoise, never a CDN.
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "staticfiles")
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("aksel", NODE_MODULES / "@navikt" / "ds-css" / "dist"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", default=False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Without a collected manifest (development, tests) whitenoise serves straight from the finders.
WHITENOISE_USE_FINDERS = not env_bool("STATIC_MANIFEST", default=False)
if WHITENOISE_USE_FINDERS:
    # whitenoise warns about a missing STATIC_ROOT; the image collects into it at build time.
    Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)


# --- E-mail ---------------------------------------------------------------------------
# Django 6.1 MAILERS (https://docs.djangoproject.com/en/6.1/howto/mailers-migration/),
# built from one EMAIL_URL: smtp+tls://user:pass@host:587, consolemail://, filemail:///path
def _mailer(url: str) -> dict:
    cfg = environ.Env.email_url_config(url)
    backend = cfg["EMAIL_BACKEND"]
    if backend.endswith("filebased.EmailBackend"):
        # django-environ drops the leading "/" of filemail:///abs/path; urlparse keeps it.
        return {"BACKEND": backend, "OPTIONS": {"file_path": urlparse(url).path}}
    if backend.endswith("smtp.EmailBackend"):
        options = {
            "host": cfg.get("EMAIL_HOST"),
            "port": cfg.get("EMAIL_PORT"),
            "username": cfg.get("EMAIL_HOST_USER") or None,
            "password": cfg.get("EMAIL_HOST_PASSWORD") or None,
            "use_tls": bool(cfg.get("EMAIL_USE_TLS")),
            "use_ssl": bool(cfg.get("EMAIL_USE_SSL")),
            "timeout": 20,
        }
        return {"BACKEND": backend, "OPTIONS": options}
    return {"BACKEND": backend}


MAILERS = {"default": _mailer(env.str("EMAIL_URL", default="consolemail://"))}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Trøndelag-modellen <noreply@nav.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Cache ----------------------------------------------------------------------------
# https://docs.djangoproject.com/en/6.0/topics/cache/#redis
# CACHE_URL (a Redis) makes the cache shared by every web process, so per-user limits (the
# registration rate limit) count across them; without it each process keeps its own.
CACHE_URL = env.str("CACHE_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Celery ---------------------------------------------------------------------------
# https://docs.celeryq.dev/en/stable/userguide/configuration.html
# The embedded default is kombu's filesystem transport: a real broker that needs no
# server, shared by web, worker and beat through files under var/.
BROKER_DIR = VAR_DIR / "broker"


def _valkey_url() -> str:
    """NAIS's Valkey instance "broker": its URI, user and password come as three variables."""
    uri = env.str("VALKEY_URI_BROKER", default="")
    if not uri:
        return ""
    parts = urlparse(uri)
    user = quote(env.str("VALKEY_USERNAME_BROKER", default=""), safe="")
    password = quote(env.str("VALKEY_PASSWORD_BROKER", default=""), safe="")
    netloc = f"{user}:{password}@{parts.netloc}" if user or password else parts.netloc
    url = urlunparse(parts._replace(netloc=netloc))
    return f"{url}?ssl_cert_reqs=required" if parts.scheme == "rediss" else url


CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or _valkey_url() or "filesystem://"
if CELERY_BROKER_URL.startswith("filesystem://"):
    VAR_DIR.mkdir(exist_ok=True)
    for sub in ("queue", "processed", "control"):
        (BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
    _default_results = f"file://{VAR_DIR / 'celery-results'}"
    (VAR_DIR / "celery-results").mkdir(exist_ok=True)
else:
    _default_results = CELERY_BROKER_URL
    # Redis hands an unacknowledged message (acks_late: acknowledged when the task ends) to
    # another worker after visibility_timeout. It must be above the longest hard time limit
    # (600 s: the scan, anonymisation), or a task still running is started a second time.
    # Kombu's default is an hour, and that long a killed worker's batch waited; now the
    # outbox's lease and the sweep recover a killed worker's rows within minutes, and this
    # is the broker's own backstop. https://docs.celeryq.dev/en/stable/getting-started/backends-and-brokers/redis.html#visibility-timeout
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 900}
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=_default_results)
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Defaults for tasks that set none. A task that sets its own time_limit must set its own
# soft_time_limit below it: Celery refuses to send a task whose soft limit (the default
# 240) is above its hard one. tests/core/test_beat_schedule.py checks every task.
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = env.str(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=str(VAR_DIR / "celerybeat-schedule")
)
CELERY_BEAT_SCHEDULE: dict = {
    "heartbeat": {"task": "core.tasks.heartbeat", "schedule": 300.0},
    "reminders-scan": {"task": "reminders.tasks.scan", "schedule": crontab(minute="*/15")},
    "reminders-sweep": {
        "task": "reminders.tasks.sweep",
        "schedule": float(env.int("REMINDER_SWEEP_SECONDS", default=60)),
    },
    # Documents whose hand-off to a worker failed or got lost (documents.tasks).
    "documents-sweep": {"task": "documents.tasks.sweep", "schedule": 60.0},
    "anonymise-expired": {
        "task": "participants.tasks.anonymise_expired",
        "schedule": crontab(hour=2, minute=30),
    },
    # The county overview's aggregate: every day before today (overview.aggregate).
    "overview-refresh": {
        "task": "overview.tasks.refresh_aggregate",
        "schedule": crontab(hour=1, minute=15),
    },
}

# The queue documents are rendered on (None: the default queue); tests give theirs.
DOCUMENTS_QUEUE = env.str("DOCUMENTS_QUEUE", default="") or None

# The outbox (reminders app). A worker's claim on a row is a lease of this many seconds,
# longer than one send may take (the SMTP timeout is 20 s); a row whose lease ran out
# was left by a dead worker and is handed on by the sweep.
REMINDER_LEASE_SECONDS = env.int("REMINDER_LEASE_SECONDS", default=120)
# A row handed to the broker this long ago and still pending lost its message (Redis
# restarted empty, the enqueue failed); the sweep dispatches it again.
REMINDER_REDISPATCH_SECONDS = env.int("REMINDER_REDISPATCH_SECONDS", default=600)
# Backoff after a failed send: base, 2x, 4x ... (capped at 30 min), then failed for good.
REMINDER_RETRY_BASE_SECONDS = env.int("REMINDER_RETRY_BASE_SECONDS", default=30)
REMINDER_MAX_ATTEMPTS = env.int("REMINDER_MAX_ATTEMPTS", default=8)
# Only the worker test sets this: the delivery waits while the file exists (see services).
REMINDERS_TEST_PAUSE_FILE = env.str("REMINDERS_TEST_PAUSE_FILE", default="")
# Only the fault suite sets this: seconds each send waits, so a kill lands mid-delivery.
REMINDERS_TEST_SEND_DELAY = env.float("REMINDERS_TEST_SEND_DELAY", default=0.0)
# Absolute links in e-mails, and the domain of their Message-IDs.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
EMAIL_MESSAGE_ID_DOMAIN = env.str("EMAIL_MESSAGE_ID_DOMAIN", default="trondelag.nav.no")

# Years an ended case is kept before the participant is anonymised. Five is a placeholder
# until NAV's arkivplan for this record type decides.
RETENTION_YEARS = env.int("RETENTION_YEARS", default=5)

# --- Security -------------------------------------------------------------------------
# https://docs.djangoproject.com/en/6.0/howto/deployment/checklist/
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "same-origin"
# Secure cookies unless DEBUG; the benchmark turns them off to speak plain HTTP on loopback.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
# NAV-like inactivity expiry: the session ends after SESSION_IDLE_MINUTES without a request.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=45) * 60
# Refreshed at most once a minute (core.middleware.SessionIdleRefreshMiddleware), not saved on
# every request: the idle limit holds to within a minute without a write per page.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_IDLE_REFRESH_SECONDS = env.int("SESSION_IDLE_REFRESH_SECONDS", default=60)
X_FRAME_OPTIONS = "DENY"
# Django's own CSP (https://docs.djangoproject.com/en/6.1/ref/csp/): our scripts and styles
# are files under /static/, never inline.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# --- Login throttling (django-axes: https://django-axes.readthedocs.io/en/latest/4_configuration.html)
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.forms.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- Sporingslogg --------------------------------------------------------------------
# Behind NAV's ingress the client address arrives in X-Forwarded-For; elsewhere ignore it.
AUDIT_TRUST_X_FORWARDED_FOR = env_bool("AUDIT_TRUST_X_FORWARDED_FOR", default=False)

# --- Logging --------------------------------------------------------------------------
# JSON lines on stdout for NAIS (text when DEBUG, for a person at a terminal). Every handler
# masks eleven-digit runs (core.logging): no fødselsnummer in a log line. The django and
# django.server loggers are set here too, so Django's own handlers (which would lack the
# filter) are replaced; django.server (runserver's request lines) keeps its own format.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use json or text.")
_MASK = ["mask_identity_numbers"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_identity_numbers": {"()": "core.logging.MaskIdentityNumbers"}},
    "formatters": {
        "json": {"()": "core.logging.JsonLines"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "cef": {"format": "%(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
            "filters": _MASK,
        },
        # The sporingslogg's CEF lines: their own stream, collected for the central audit system.
        "audit": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "cef",
            "filters": _MASK,
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": _MASK,
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # A CEF line per look-up is for the central audit system, not a newcomer's terminal:
        # with DEBUG (the embedded demo) only the protected persons' warnings show.
        "auditLogger": {
            "handlers": ["audit"],
            "level": "WARNING" if DEBUG else "INFO",
            "propagate": False,
        },
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # WeasyPrint narrates every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Health and metrics (ops) -----------------------------------------------------------
# /internal/metrics answers only callers inside the cluster: requests without the ingress's
# X-Forwarded-For, from these networks (loopback and the private ranges pods live in).
METRICS_ALLOWED_NETWORKS = [
    ipaddress.ip_network(n)
    for n in env.list(
        "METRICS_ALLOWED_NETWORKS",
        default=["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"],
    )
]

PAGE_SIZE = 50

# The admin lives under a non-default path so scanners looking for /admin/ find nothing.
ADMIN_PATH = env.str("ADMIN_PATH", default="forvaltning/")

# guardian.W001: guardian's backend is deliberately not installed; ParticipantAccessBackend
# answers object checks from the same rule as the querysets (see participants/access.py).
# axes.W006: lock-out is per NAV-ident on purpose. A NAV office reaches us through one
# shared address, so counting failures per IP would lock a whole office out at once.
SILENCED_SYSTEM_CHECKS = ["guardian.W001", "axes.W006"]
