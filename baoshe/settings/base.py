"""Settings shared by every way of running baoshe.

DEBUG is off here: ``make run`` serves the demo paper as a reader would see it. ``dev.py``
switches on debugging, ``production.py`` adds the TLS hardening ``check --deploy`` asks for,
``test.py`` makes the suite fast and deterministic.
"""

from datetime import timedelta
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from . import environment as env

BASE_DIR = env.PROJECT_DIR
DATA_DIR = env.DATA_DIR

SECRET_KEY = env.secret_key()
DEBUG = env.DEBUG
ALLOWED_HOSTS = env.ALLOWED_HOSTS
CSRF_TRUSTED_ORIGINS = [env.BASE_URL]

INSTALLED_APPS = [
    "baoshe.core",
    "baoshe.newsroom",
    "baoshe.publishing",
    "baoshe.engage",
    "baoshe.epaper",
    "baoshe.proofread",
    "baoshe.workflow",
    "baoshe.pagecache",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # For its translations only: Wagtail's workflow status says "sent to 一审 2 hours ago" with
    # humanize's naturaltime, which without the app's catalogue stays in English.
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # First: it notes the page store's generation before anything reads the database, and
    # keeps public pages with every header the others add (baoshe/pagecache).
    "baoshe.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "baoshe.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "baoshe.core.middleware.MalformedRequestMiddleware",
    # The request's site and settings from the per-process memo (baoshe/core/chrome.py).
    "baoshe.core.chrome.ChromeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "baoshe.core.middleware.MalformedPostMiddleware",
    # Last, as django-axes asks: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "baoshe.urls"
WSGI_APPLICATION = "baoshe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "baoshe.core.context_processors.newspaper",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env.DATABASE_URL or f"sqlite:///{DATA_DIR / 'baoshe.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the one writer work at once; a busy timeout rather than
    # "database is locked" errors when the admin and a worker write together.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Reader pages kept as files and served without Django (docs/pagecache.md).
BAOSHE_PAGE_CACHE = env.PAGE_CACHE
# Purges reach the other app servers over Redis pub/sub when it is configured.
REDIS_URL = env.REDIS_URL
if env.REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.REDIS_URL,
            "KEY_PREFIX": "baoshe",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "baoshe",
        }
    }

# django-axes checks every login (the Wagtail admin's and Django's) before the password does.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling: the 10th wrong password for one user name within the cool-off locks that
# account for 15 minutes, from every address (the newsroom usually sits behind one NAT, so
# locking by address would lock the whole office out; locking by name stops distributed
# guessing). Failures are kept in the database, so every gunicorn worker sees them; a correct
# login before the limit starts the count again. `baoshe axes_reset_username NAME` unlocks early.
# Behind nginx (make serve-prod) or a CDN, the client's address comes from X-Forwarded-For;
# login throttling (django-axes) and share counting (engage.throttle) both read it.
BAOSHE_PROXY_COUNT = env.PROXY_COUNT
if env.PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = env.PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
AXES_FAILURE_LIMIT = 10
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# axes.W006 asks for 'ip_address' among the lockout parameters. Not here: an address lock would
# lock a whole newsroom behind one NAT out, and with it a successful login from that address
# (any staff account) would wipe the failures of every account tried from there.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first: the admin and the reader site speak 简体中文 whatever the browser asks for
# (no LocaleMiddleware); an admin user may choose English in their own account settings.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The project's translations of Wagtail's strings that its zh_Hans catalogue leaves in English
# or words wrongly (docs/i18n.md, "Overrides"): a LOCALE_PATHS catalogue wins over every app's.
# makemessages run with settings would write every app's strings into this catalogue (the first
# locale path above the file), so `make messages` and tests/test_i18n.py extract without them.
LOCALE_PATHS = [BASE_DIR / "baoshe" / "locale"]
TIME_ZONE = "Asia/Shanghai"
# Everyone works in the paper's time (a 定时发布 at 06:00 means Beijing time for all): no time
# zone choice in the admin account settings, and no list of 600 English zone names.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = env.MEDIA_URL_ENV or "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env.S3_BUCKET:
    # S3-compatible media (MinIO, OSS, COS, S3) for multi-server deployments.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": env.S3_BUCKET},
    }
# WhiteNoise serves user uploads too when no front proxy does (the make-run case).
WHITENOISE_USE_FINDERS = False

FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background work (scheduled publishing, e-paper imports) runs as django-tasks tasks. The
# database backend needs nothing beyond the database; `make run` starts its worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

WAGTAIL_SITE_NAME = "baoshe 报社"
WAGTAILADMIN_BASE_URL = env.BASE_URL
# The paper's public address: the one source of truth for absolute URLs (canonical links, QR
# codes, admin links in mail). The default Wagtail Site record is kept in step with it
# (`baoshe sync-site`, the demo loader) and a system check warns when the two disagree.
BAOSHE_BASE_URL = env.BASE_URL
# Port `baoshe serve` binds to unless told otherwise.
BAOSHE_PORT = env.PORT
# Whether web servers and task workers load the 机审 lexicon at start-up.
BAOSHE_PROOFREAD_WARM_UP = env.PROOFREAD_WARM_UP
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
# No calls home and no links into Wagtail's English web pages: no update check, no "what's new"
# banner; baoshe/core/wagtail_hooks.py drops the help menu's release notes and editor guide for
# everyone but superusers.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
TAGGIT_CASE_INSENSITIVE = True

# Mail (workflow notifications): written to files under the data dir until EMAIL_URL names a
# server, so no step of 三审三校 fails or logs a traceback for want of one.
# Sets EMAIL_BACKEND and, by the URL's kind, EMAIL_FILE_PATH or EMAIL_HOST/PORT/USER/….
globals().update(env.email_settings(env.EMAIL_URL, DATA_DIR))
if env.DEFAULT_FROM_EMAIL:
    DEFAULT_FROM_EMAIL = env.DEFAULT_FROM_EMAIL
# No avatars from gravatar.com: a third-party request per admin page (and blocked in China).
WAGTAIL_GRAVATAR_PROVIDER_URL = None


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


# Content Security Policy, on every reader and admin page (django-csp). Scripts come only from
# our own origin; the few inline scripts Wagtail's admin widgets still print carry the request's
# nonce (baoshe/core/csp.py, core/templates/wagtailadmin/). Styles allow 'unsafe-inline':
# Wagtail's admin and the responsive embed wrapper use style attributes. Video files and
# embedded players (oEmbed iframes) may come from any HTTPS host an editor links to; embeds
# that need their own scripts (e.g. tweets) do not run.
_MEDIA_ORIGINS = [origin for origin in (_origin(MEDIA_URL), _origin(env.S3_PUBLIC_URL)) if origin]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *_MEDIA_ORIGINS],
        "media-src": [SELF, "https:", "blob:", *_MEDIA_ORIGINS],
        "frame-src": [SELF, "https:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
