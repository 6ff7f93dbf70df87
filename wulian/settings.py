"""One env-driven settings file.

SQLite (WAL, IMMEDIATE transactions, busy timeout) by default; ``DATABASE_URL=postgres://…``
switches to PostgreSQL, ``REDIS_URL`` switches Huey and the cache to Redis, nothing else changes.
"""

import json
import os
import secrets
from pathlib import Path

import environ

from wulian.apps_registry import all_apps

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VAR_DIR = Path(env("WULIAN_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _local_keys() -> dict[str, str]:
    """Development keys, made once per checkout and kept in ``var/keys.json`` (never committed)."""
    path = VAR_DIR / "keys.json"
    if path.exists():
        return json.loads(path.read_text())
    keys = {
        "secret_key": secrets.token_urlsafe(50),
        "field_key": secrets.token_hex(16),
        "index_key": secrets.token_hex(32),
    }
    path.write_text(json.dumps(keys))
    path.chmod(0o600)
    return keys


_keys = _local_keys()
SECRET_KEY = env("SECRET_KEY", default=_keys["secret_key"])
# SM4 key (128 bit, hex) for personal fields at rest; HMAC-SM3 key for blind indexes.
WULIAN_FIELD_KEY = bytes.fromhex(env("WULIAN_FIELD_KEY", default=_keys["field_key"]))
WULIAN_INDEX_KEY = bytes.fromhex(env("WULIAN_INDEX_KEY", default=_keys["index_key"]))

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CSRF_FAILURE_VIEW = "wulian.core.errors.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "huey.contrib.djhuey",
    "ninja",
    *[f"wulian.{name}" for name in all_apps()],
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wulian.core.middleware.SessionTouchMiddleware",
    "wulian.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wulian.accounts.middleware.AccountGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wulian.core.middleware.ChannelMiddleware",
    "wulian.core.middleware.TextPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wulian.urls"
WSGI_APPLICATION = "wulian.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "wulian" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wulian.core.context_processors.menu",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'wulian.sqlite3'}"),
}
# One test database per test run (xdist's run id, shared by its workers, or the process), so
# two runs on one machine never share one.
_TEST_RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID", "")[:8] or str(os.getpid())
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Writers take the lock when the transaction begins: SQLite serialises them, which is
        # what select_for_update gives on PostgreSQL.
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;"
        ),
    }
    # Tests use a file, not memory, so that parallel transactions are real.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{_TEST_RUN}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{_TEST_RUN}"}
# Keep each worker thread's connection between requests (opening one costs more than most
# requests: a TCP and auth round trip on PostgreSQL, the schema read and PRAGMAs on SQLite).
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and background jobs --------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
# The database cache by default (one table, shared by every gunicorn worker and created after
# every `migrate` by accounts' post_migrate hook); CACHE_URL=rediscache://… in production.
# Never per-process memory: rate limits and lockouts must count across workers.
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://wulian_cache")}

HUEY = {
    "name": "wulian",
    "immediate": env.bool("HUEY_IMMEDIATE", default=False),
    "utc": True,
    "consumer": {"workers": env.int("HUEY_WORKERS", default=2), "worker_type": "thread"},
}
if REDIS_URL:
    HUEY.update({"huey_class": "huey.RedisHuey", "connection": {"url": REDIS_URL}})
else:
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "huey.sqlite3")})

# --- Auth and login safety ------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "wulian.accounts.validators.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
]
# API bearer tokens expire after this many days unless made with another expiry (1-365).
WULIAN_TOKEN_DAYS = env.int("WULIAN_TOKEN_DAYS", default=90)
AXES_FAILURE_LIMIT = 5
# Lock a username from one address after 5 failures: five requests from anywhere must not lock
# an account for everyone (issue 16, defect 6). An address that fails more than
# WULIAN_RATE_LOGIN_FAILURES_IP times (any usernames) waits until its window ends.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Rates (COUNT/[N]s|m|h|d, on the shared cache; empty = off). API: per account and per address;
# wrong bearer tokens per address; failed logins per address.
WULIAN_API_RATE_USER = env("WULIAN_API_RATE_USER", default="1200/m")
WULIAN_API_RATE_IP = env("WULIAN_API_RATE_IP", default="3000/m")
WULIAN_API_RATE_AUTH_FAILURES = env("WULIAN_API_RATE_AUTH_FAILURES", default="30/10m")
WULIAN_RATE_LOGIN_FAILURES_IP = env("WULIAN_RATE_LOGIN_FAILURES_IP", default="30/15m")
# Posts to the public phone pages (sign-up, SMS login, reset) per address; the SMS codes have
# their own limits in the database (accounts/phone.py).
WULIAN_RATE_PUBLIC_IP = env("WULIAN_RATE_PUBLIC_IP", default="60/10m")

# --- Outside services (wulian/core/gateways) -------------------------------------------------
# SMS: the file backend writes var/sms/outbox.jsonl and logs each message; production sets the
# HTTP backend (a cloud SMS API) with its URL, keys, sign name and template codes.
WULIAN_SMS_BACKEND = env("WULIAN_SMS_BACKEND", default="wulian.core.gateways.sms.FileSmsBackend")
WULIAN_SMS_BACKEND_OPTIONS = {
    key: value for key, value in {
        "url": env("WULIAN_SMS_URL", default=""),
        "access_key_id": env("WULIAN_SMS_ACCESS_KEY_ID", default=""),
        "access_key_secret": env("WULIAN_SMS_ACCESS_KEY_SECRET", default=""),
        "sign_name": env("WULIAN_SMS_SIGN_NAME", default=""),
        "templates": env("WULIAN_SMS_TEMPLATES", default=""),  # verification_code=SMS_123,…
    }.items() if value
}
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "五联"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Idle sessions end after 30 minutes: every request renews the expiry.
SESSION_COOKIE_AGE = 30 * 60
# Sessions are written when they change, and touched (expiry moved on) at most once a minute:
# not a write transaction per page view (core.middleware.SessionTouchMiddleware).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_INTERVAL = env.int("SESSION_TOUCH_INTERVAL", default=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "wulian" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise serves from the finders until collectstatic runs
STATICFILES_DIRS = [BASE_DIR / "wulian" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(VAR_DIR / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Exports over this many rows are written by a worker, with a progress page (wulian.exports).
EXPORT_BACKGROUND_ROWS = env.int("EXPORT_BACKGROUND_ROWS", default=10000)

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOG_FORMAT = env("LOG_FORMAT", default="text")  # "json" in production: one JSON object per line
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "wulian.core.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler",
                             **({"formatter": "json"} if LOG_FORMAT == "json" else {})}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {"wulian": {"level": env("LOG_LEVEL", default="INFO")}},
}
