"""Django settings. The values come from :mod:`xieshang.web.config` (typed, checked at start-up)."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from xieshang.evidence import sealing

from .config import load_config
from .database import database_settings
from .datadir import prepare_data_dir
from .mail import email_settings
from .storage import file_storage

CONFIG = load_config()
prepare_data_dir(
    CONFIG.data_dir, sqlite=not CONFIG.database_url
)  # 0700, and the database's files 0600 (they hold ID numbers)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = CONFIG.data_dir
# Evidence and material files are sealed at rest (AES-GCM): keys from XIESHANG_FILE_KEYS or DATA_DIR/file_keys.
sealing.configure(CONFIG.file_keys, DATA_DIR / "file_keys")
# local: one person, the one-time sign-in link; server: an organisation's accounts (docs/operators.md).
SERVER_MODE = CONFIG.mode == "server"
SIGNIN_MAX_FAILURES = CONFIG.signin_max_failures
SECRET_KEY = CONFIG.secret_key
DEBUG = CONFIG.debug
ALLOWED_HOSTS = CONFIG.allowed_hosts
CSRF_TRUSTED_ORIGINS = CONFIG.csrf_trusted_origins
EVIDENCE_MAX_BYTES = CONFIG.evidence_max_bytes  # evidence files live in DATA_DIR / 'evidence'
BILL_MAX_BYTES = CONFIG.bill_max_bytes  # per uploaded bill file (xieshang.budget)
UPLOAD_MAX_FILES = CONFIG.upload_max_files
# Per upload kind: (bytes per file, files per request). xieshang.cases.limits refuses a request whose body is
# larger than that (plus the form around the files) before anything reads the body; docs/operators.md lists them.
UPLOAD_LIMITS = {
    "evidence": (CONFIG.evidence_max_bytes, CONFIG.upload_max_files),
    "materials": (CONFIG.evidence_max_bytes, CONFIG.upload_max_files),
    "bills": (CONFIG.bill_max_bytes, CONFIG.upload_max_files),
    "casefile": (CONFIG.casefile_max_bytes, 1),
    "payments": (CONFIG.payments_max_bytes, 1),
    "budget": (CONFIG.budget_max_bytes, 1),
    "archive": (CONFIG.archive_max_bytes, 1),  # a complete case export (cases.complete)
}

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "xieshang.web",
    "xieshang.accounts",
    "xieshang.audit",
    "xieshang.cases",
    "xieshang.budget",
    "xieshang.plans",
    "xieshang.contacts",
    "xieshang.paperwork",
    "xieshang.agreements",
    "xieshang.jobs",
]

# Background jobs (xieshang.jobs): queued in the database (SQLite or PostgreSQL alike), run by a worker thread of
# `xieshang serve` (XIESHANG_WORKER=thread) or by `xieshang worker` processes on any machine.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
WORKER = CONFIG.worker
BACKGROUND_BILL_BYTES = CONFIG.background_bill_bytes
# E-mailed reminders of stored cases (contacts.mailing), queued daily by the workers from this local hour, sent
# through Django's e-mail backend with the XIESHANG_SMTP_* settings (the ones `xieshang remind --send` reads).
REMINDER_HOUR = CONFIG.reminder_hour
PUBLIC_URL = CONFIG.public_url
globals().update(email_settings(CONFIG.smtp))

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "xieshang.cases.limits.UploadLimitMiddleware",  # before CSRF: its check reads the body
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "xieshang.accounts.middleware.AccountMiddleware",  # second factor for admins, the session list
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "xieshang.web.urls"
WSGI_APPLICATION = "xieshang.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xieshang.cases.context_processors.help_numbers",
                "xieshang.accounts.context_processors.standing",
            ],
        },
    },
]

DATABASES = {"default": database_settings(CONFIG.database_url, DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "login-help"
# Local mode: a signed-in device stays signed in; 180 days after its last use (renewed daily: accounts.sessions).
SESSION_COOKIE_AGE = 60 * 60 * 12 if SERVER_MODE else 60 * 60 * 24 * 180
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Behind a TLS-terminating reverse proxy (XIESHANG_TRUSTED_PROXY): waitress takes the client's address and the
# scheme from that proxy's X-Forwarded-For / X-Forwarded-Proto (xieshang.web.server), and cookies go over HTTPS only.
TRUSTED_PROXY = CONFIG.trusted_proxy
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = bool(TRUSTED_PROXY)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if SERVER_MODE:  # behind a TLS reverse proxy (docs/operators.md): cookies over HTTPS only, HSTS
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = CONFIG.hsts_seconds
    SECURE_HSTS_INCLUDE_SUBDOMAINS = False  # the organisation's other sites are not ours to pin

# Passwords (server mode): argon2id first; the others only read hashes made before.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
OTP_TOTP_ISSUER = "Xieshang 协商"

# A strict Content-Security-Policy on every page, in both modes: scripts and styles from our own files only (no
# inline script, no inline style, no eval); htmx is configured by a <meta> tag (base.html), not by script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],  # the web app manifest (xieshang.web.pwa)
        "worker-src": ["'self'"],  # its service worker, /sw.js
        "frame-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# "xieshang": the app's files (evidence, materials, generated documents, backups): the data directory, or an
# S3-compatible object store with XIESHANG_STORAGE=s3 (xieshang.web.storage; docs/operators.md).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "xieshang": file_storage(CONFIG),
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # a form without files; also the body limit of every other POST
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
