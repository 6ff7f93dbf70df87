"""One env-driven settings file.

SQLite (WAL, IMMEDIATE transactions, busy timeout) by default; ``DATABASE_URL=postgres://…``
switches to PostgreSQL, ``REDIS_URL`` switches Huey and the cache to Redis, nothing else changes.
"""

import os
import sys
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from wulian.apps_registry import all_apps, available_tools_apps
from wulian.core.keys import KeyConfigError, announce, load_keys, throwaway_keys
from wulian.settings_retention import retention

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
# A checkout's .env (development: `make run` writes it) fills in what the environment leaves unset;
# WULIAN_ENV_FILE names another file (or a missing one: none).
environ.Env.read_env(os.environ.get("WULIAN_ENV_FILE", BASE_DIR / ".env"), overwrite=False)

VAR_DIR = Path(env("WULIAN_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


DEBUG = env.bool("DEBUG", default=False)
# Keys live outside the database (wulian/core/keys.py): the environment or WULIAN_KEY_FILE. With
# DEBUG off a missing key stops the platform; development (DEBUG, WULIAN_DEV_KEYS=1 as `make run`
# sets it, or the test suite) gets a dev key file in var/ and a loud warning.
_DEV_KEYS = DEBUG or env.bool("WULIAN_DEV_KEYS", default=False) or "pytest" in sys.modules
if "pytest" in sys.modules:
    os.environ["WULIAN_DEV_KEYS"] = "1"  # the commands and servers tests start share the dev keys
try:
    if sys.argv[1:2] in (["makemigrations"], ["permissions"]) and not os.environ.get(
        "WULIAN_KEY_FILE"
    ):
        _keys = throwaway_keys()  # read code only, never data
    else:
        _keys = load_keys(os.environ, var_dir=VAR_DIR, dev_allowed=_DEV_KEYS)
except KeyConfigError as _exc:
    raise ImproperlyConfigured(f"五联 will not start: {_exc}") from None
if "pytest" not in sys.modules:
    announce(_keys)
SECRET_KEY = _keys.secret_key
# SM4 keys (128 bit) by key id, the current one encrypts; HMAC-SM3 keys for blind indexes and for
# the audit chain and its seals (never stored in the database).
WULIAN_FIELD_KEYS = _keys.field_keys
WULIAN_FIELD_KEY_ID = _keys.field_key_id
WULIAN_FIELD_KEY = _keys.field_keys[_keys.field_key_id]
WULIAN_INDEX_KEY = _keys.index_key
WULIAN_AUDIT_KEY = _keys.audit_key
WULIAN_KEY_FILE = _keys.file
WULIAN_KEY_SOURCE = _keys.source
# Audit seals are appended here too (outside the database): put it on other storage in production.
WULIAN_SEAL_FILE = Path(
    env("WULIAN_SEAL_FILE", default=str(VAR_DIR / "seals" / "audit-seals.jsonl"))
)
# The audit trail is this many chains (shards), each with its own head row: writers in different
# communities lock different heads (docs/architecture.md, "Audit shards").
WULIAN_AUDIT_SHARDS = env.int("WULIAN_AUDIT_SHARDS", default=256)

# The development tools (devtools/wulian_bench: `wulian bench`, `wulian demo --scale`, /bench/bare),
# when importable: on with DEBUG, WULIAN_TOOLS=1 (`make run` sets it and writes it to .env) or in the
# test suite; off otherwise, so never in production (`make prod` also sets WULIAN_TOOLS=0).
WULIAN_TOOLS = env.bool("WULIAN_TOOLS", default=DEBUG or "pytest" in sys.modules)

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
    *(available_tools_apps() if WULIAN_TOOLS else []),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "wulian.core.uploads.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "wulian.core.middleware.SecurityHeadersMiddleware",
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
                "wulian.web.context_processors.menu",
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
# How long a user's scope and roles stay in that cache (accounts/selectors.py; 0 = never cached).
WULIAN_SCOPE_CACHE_SECONDS = env.int("WULIAN_SCOPE_CACHE_SECONDS", default=3600)
# How long the territorial tree's structure stays in that cache (areas/tree.py; 0 = never cached).
WULIAN_AREA_CACHE_SECONDS = env.int("WULIAN_AREA_CACHE_SECONDS", default=3600)

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
        "NAME": "wulian.accounts.validators.MinimumLengthValidator",
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
# A mobile number counts under its account's username, else under the normalised number, in any
# spelling and whether registered or not (accounts/phone/names.py).
AXES_USERNAME_CALLABLE = "wulian.accounts.phone.lockout_name"
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Rates (COUNT/[N]s|m|h|d, on the shared cache; empty = off). API: per account and per address;
# wrong bearer tokens per address; failed logins per address.
WULIAN_API_RATE_USER = env("WULIAN_API_RATE_USER", default="1200/m")
WULIAN_API_RATE_IP = env("WULIAN_API_RATE_IP", default="3000/m")
WULIAN_API_RATE_AUTH_FAILURES = env("WULIAN_API_RATE_AUTH_FAILURES", default="30/10m")
WULIAN_RATE_LOGIN_FAILURES_IP = env("WULIAN_RATE_LOGIN_FAILURES_IP", default="30/15m")
# Posts to the public phone pages (sign-up, SMS login, reset) per address; the SMS codes have
# their own limits in the database (accounts/phone/codes.py).
WULIAN_RATE_PUBLIC_IP = env("WULIAN_RATE_PUBLIC_IP", default="60/10m")
# Reads of the public pages, open data and Open311 (no login) per address, and how long a public
# page stays in the shared cache (seconds).
WULIAN_RATE_PUBLIC_READ_IP = env("WULIAN_RATE_PUBLIC_READ_IP", default="300/m")
WULIAN_PUBLIC_CACHE_SECONDS = env.int("WULIAN_PUBLIC_CACHE_SECONDS", default=60)
# Open data licence (public pages, CSV and JSON downloads).
WULIAN_OPEN_DATA_LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "五联·成都市城市基层党建互联互动平台",
}
# Resident reports (随手拍): coordinates must lie in Chengdu's bounding box (south, west, north,
# east; WGS-84), photos at most 3, each at most 10 MB and 40 megapixels.
WULIAN_REPORT_BBOX = (30.05, 102.85, 31.45, 104.92)
WULIAN_REPORT_MAX_PHOTOS = 3
WULIAN_REPORT_PHOTO_BYTES = 10 * 1024 * 1024
WULIAN_REPORT_PHOTO_PIXELS = 40_000_000
WULIAN_OPEN311_JURISDICTION = env("WULIAN_OPEN311_JURISDICTION", default="chengdu")

# --- Outside services (wulian/core/gateways) -------------------------------------------------
# SMS: the file backend writes var/sms/outbox.jsonl and logs each message; production sets the
# HTTP backend (a cloud SMS API) with its URL, keys, sign name and template codes.
WULIAN_SMS_BACKEND = env("WULIAN_SMS_BACKEND", default="wulian.core.gateways.sms.FileSmsBackend")
WULIAN_SMS_BACKEND_OPTIONS = {
    key: value
    for key, value in {
        "url": env("WULIAN_SMS_URL", default=""),
        "access_key_id": env("WULIAN_SMS_ACCESS_KEY_ID", default=""),
        "access_key_secret": env("WULIAN_SMS_ACCESS_KEY_SECRET", default=""),
        "sign_name": env("WULIAN_SMS_SIGN_NAME", default=""),
        "templates": env("WULIAN_SMS_TEMPLATES", default=""),  # verification_code=SMS_123,…
    }.items()
    if value
}
# E-mail: Django's file backend by default (one .log file per connection under var/mail/);
# EMAIL_URL=smtp+tls://user:password@host:587 (or smtp://, smtp+ssl://) in production,
# EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend to read them in the terminal.
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend")
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", default=10.0)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="五联 <noreply@wulian.local>")
# WeChat template messages (公众号): a file outbox (var/wechat/outbox.jsonl) by default; the HTTP
# backend speaks WeChat's API (stable_token + message/template/send).
WULIAN_WECHAT_BACKEND = env(
    "WULIAN_WECHAT_BACKEND", default="wulian.core.gateways.wechat.FileWechatBackend"
)
WULIAN_WECHAT_BACKEND_OPTIONS = {
    key: value
    for key, value in {
        "base_url": env("WULIAN_WECHAT_URL", default=""),  # https://api.weixin.qq.com
        "appid": env("WULIAN_WECHAT_APPID", default=""),
        "secret": env("WULIAN_WECHAT_SECRET", default=""),
        "templates": env(
            "WULIAN_WECHAT_TEMPLATES", default=""
        ),  # notification=TEMPLATE_ID,digest=…
    }.items()
    if value
}
# Notifications that reach people (wulian/notifications/delivery/): quiet hours by default
# (each user may change or turn them off), delivery attempts and the first retry's delay (doubled
# each time), and how many users one digest task handles.
WULIAN_QUIET_HOURS = (
    env("WULIAN_QUIET_FROM", default="22:00"),
    env("WULIAN_QUIET_UNTIL", default="07:00"),
)
WULIAN_DELIVERY_ATTEMPTS = env.int("WULIAN_DELIVERY_ATTEMPTS", default=5)
WULIAN_DELIVERY_RETRY_SECONDS = env.int("WULIAN_DELIVERY_RETRY_SECONDS", default=60)
WULIAN_DIGEST_BATCH = env.int("WULIAN_DIGEST_BATCH", default=500)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "五联"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
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
if SESSION_COOKIE_SECURE:
    # Host-only, secure-only cookies (the browser refuses them from any subdomain or over HTTP).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- Transport and headers (docs/security.md, "Headers") -------------------------------------
# Behind a TLS-terminating proxy production sets SECURE_SSL_REDIRECT=1, SECURE_COOKIES=1,
# SECURE_HSTS_SECONDS=31536000 and SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO (the header the
# proxy sets to "https"; only when the proxy always sets or strips it). Development keeps HTTP.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer's probe may speak plain HTTP
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
_proxy_ssl_header = env("SECURE_PROXY_SSL_HEADER", default="")
SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https") if _proxy_ssl_header else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sent on every page by core.middleware.SecurityHeadersMiddleware. No inline script anywhere:
# every script is a vendored or own file under static/. 'unsafe-inline' stays for styles only:
# ECharts builds its tooltips as HTML with style attributes, and a few templates size charts
# and columns with style attributes.
WULIAN_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

# --- Retention (PIPL art. 19, 47): wulian/settings_retention.py -------------------------------
WULIAN_RETENTION = retention(env)

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
# Uploads (core/uploads.py): a request body over WULIAN_MAX_REQUEST_BYTES is refused (413) by its
# Content-Length before anything reads it; files over FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary
# file; a body without files (form fields, JSON) may hold DATA_UPLOAD_MAX_MEMORY_SIZE.
WULIAN_MAX_REQUEST_BYTES = env.int("WULIAN_MAX_REQUEST_BYTES", default=25 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Exports over this many rows are written by a worker, with a progress page (wulian.exports).
EXPORT_BACKGROUND_ROWS = env.int("EXPORT_BACKGROUND_ROWS", default=10000)
# An import of more data rows than this runs in a worker with a progress page (exports app).
IMPORT_BACKGROUND_ROWS = env.int("IMPORT_BACKGROUND_ROWS", default=1000)

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOG_FORMAT = env("LOG_FORMAT", default="text")  # "json" in production: one JSON object per line
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "wulian.core.logging.JsonFormatter"}},
    "filters": {"refusals": {"()": "wulian.web.request_log.RefusalsWithoutTraceback"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {
        "wulian": {"level": env("LOG_LEVEL", default="INFO")},
        "django.request": {"filters": ["refusals"]},  # a refused request: one line
    },
}
