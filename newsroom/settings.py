"""newsroom settings: one module, driven by environment variables that never fail open."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value == "1"


# --- Core -----------------------------------------------------------------

DEBUG = os.environ.get("DJANGO_DEBUG") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or ("dev-only-not-secret" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY, or DJANGO_DEBUG=1 on a laptop.")
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
# Behind a TLS-terminating proxy, trust its X-Forwarded-Proto header (opt-in).
if env_flag("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Serve static files through WhiteNoise under runserver too, as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Its views and templates serve /sitemap.xml; without django.contrib.sites, they take
    # the domain from the request.
    "django.contrib.sitemaps",
    "taggit",
    "reversion",
    "django_prose_editor",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An ETag from each page's and feed's content: an unchanged one answers 304 without a
    # body. Above every middleware that could change the body (none does below), under
    # WhiteNoise, which answers for static files itself. no-store pages (admin, previews)
    # get no ETag. Pages and feeds send no Last-Modified: the newest item's date misses an
    # unpublished or edited older one (see feeds.py).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    # Readers' pages: Jinja2, several times quicker to render than Django's templates
    # (articles/templating.py). Only what templates/jinja2/ holds is looked up there.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "articles.templating.environment"},
    },
    # The admin, its overrides, the editor's widgets and the sitemaps.
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The queries of public pages (articles/prepared.py) are prepared by the server after
    # this many runs on a connection: planning them cost more than running them. Behind
    # PgBouncer in transaction mode, that takes 1.21 or later (max_prepared_statements).
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5
    # The same backend, with a health check that sends nothing to a sound connection.
    DATABASES["default"]["ENGINE"] = "newsroom.postgresql"

# Redis in production so every app server shares one cache (pages, feeds: see
# articles/pagecache.py); memory on a laptop, where one process serves.
if REDIS_URL := os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's, keeping its Redis client (newsroom/cache.py).
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            # A Redis that stops answering costs a request a quarter of a second, once:
            # the page cache then does without it for a few seconds.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# --- Language and time ----------------------------------------------------

# The whole site, admin included, speaks French whatever the browser asks for.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Stored in UTC, shown in Paris time.
USE_TZ = True
TIME_ZONE = "Europe/Paris"

# --- Static and uploaded files --------------------------------------------

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Where collectstatic writes the hashed files that production serves.
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files in production; plain finders on a laptop and in tests,
    # where no collectstatic has run.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Security -------------------------------------------------------------

# Only the project's own scripts, styles and images run in a reader's browser.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HTTPS everywhere in production; a laptop serves plain HTTP.
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", not DEBUG)
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Tags -----------------------------------------------------------------

# "intelligence artificielle" is one tag: split on commas only, never on spaces.
TAGGIT_TAGS_FROM_STRING = "articles.tagging.parse_tags"
TAGGIT_STRING_FROM_TAGS = "articles.tagging.join_tags"
TAGGIT_CASE_INSENSITIVE = True

# --- The newsroom ---------------------------------------------------------

NEWSROOM = {
    "SITE_NAME": os.environ.get("NEWSROOM_SITE_NAME", "newsroom"),
    # Authority of the feeds' tag: URIs (RFC 4151). Set it once; changing it re-sends
    # every item to every feed reader.
    "FEED_ID_AUTHORITY": os.environ.get("NEWSROOM_FEED_ID_AUTHORITY", "newsroom.localhost"),
    "PAGE_SIZE": 20,
    "FEED_SIZE": 20,
    # Anonymous readers get pages and feeds from the cache for this long at most (any
    # change to the content ends it sooner); 0 turns the page cache off.
    "PAGE_CACHE_SECONDS": int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", "300")),
    # How long a CDN in front may keep a public page (s-maxage), never past the next
    # scheduled publication. Browsers always check with the server (ETag, 304).
    "CDN_CACHE_SECONDS": int(os.environ.get("NEWSROOM_CDN_CACHE_SECONDS", "60")),
    # How long a share link to an unpublished article works, unless revoked first.
    "PREVIEW_LINK_HOURS": int(os.environ.get("NEWSROOM_PREVIEW_LINK_HOURS", "48")),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
