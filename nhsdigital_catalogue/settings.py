"""Settings of the NHS digital and AI programmes catalogue.

Everything that differs between a laptop and production is read from the environment
(see README, "Configuration"). SQLite under ``var/`` is the embedded default so that a
fresh clone runs with no set-up; ``DATABASE_URL`` switches to PostgreSQL, the production
database. ``DJANGO_ENV=production`` refuses to start without a real secret key and hosts.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from nhsdigital_catalogue.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("CATALOGUE_VAR_DIR", str(BASE_DIR / "var")))

DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be development, test or production, not {DJANGO_ENV!r}.")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DEBUG", default=False)

_DEVELOPMENT_SECRET_KEY = "development-only-not-secret"  # noqa: S105 - refused in production below
SECRET_KEY = env_str("SECRET_KEY", "" if PRODUCTION else _DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"])

if PRODUCTION:
    if len(SECRET_KEY) < 50 or SECRET_KEY == _DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured("Production needs SECRET_KEY set to a random value of at least 50 characters.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Production needs ALLOWED_HOSTS, a comma-separated list of host names.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Counts failed sign-ins and locks a username at an address (AXES_* below).
    "axes",
    "csp",
    # Full-text search, trigram similarity and their lookups on PostgreSQL; inert on SQLite.
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    # The layers, bottom up (docs/ARCHITECTURE.md): the shared base, provenance, the domain,
    # then the site as a whole. Record apps derive their AppConfig from core.apps.CatalogueAppConfig.
    "core",
    "sources",
    "organisations",
    "programmes",
    "funding",
    "catalogue",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (CONTENT_SECURITY_POLICY), then the headers Django has no setting for.
    "csp.middleware.CSPMiddleware",
    "core.security.SecurityHeadersMiddleware",
    # Serves compressed, hashed static files from gunicorn without a separate web server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records the signed-in user on every history row, for admin and API writes alike.
    "simple_history.middleware.HistoryRequestMiddleware",
    # A database error in a view is a 503 with Retry-After (core.resilience), not a 500.
    "core.resilience.DatabaseUnavailableMiddleware",
    # Cached pages and 304s for anonymous readers, after authentication has said who is reading.
    "core.page_cache.PageCacheMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into core.security.lockout_response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nhsdigital_catalogue.urls"
WSGI_APPLICATION = "nhsdigital_catalogue.wsgi.application"

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
                "core.context_processors.site",
                "sources.context_processors.references",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'catalogue.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# PostgreSQL's default (4) prices a random page read as on a spinning disk; on SSDs it made
# the planner hash-join a whole-table scan where index lookups of a search's matches cost a
# third (bench/explain.py). Set PG_RANDOM_PAGE_COST empty to keep the server's own value.
RANDOM_PAGE_COST = env_str("PG_RANDOM_PAGE_COST", "1.1")
# A query running past this ends its request with a 503 and Retry-After (core.resilience) instead
# of holding a worker; 0 turns it off. Only the web server's processes have it (wsgi.py sets
# CATALOGUE_WEB_PROCESS): migrations, loads, exports and the test database's set-up may
# legitimately run longer, and nobody is waiting on them for a page.
STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 5000)
if STATEMENT_TIMEOUT_MS < 0:
    raise ImproperlyConfigured("DATABASE_STATEMENT_TIMEOUT_MS must be 0 (off) or more milliseconds.")
WEB_PROCESS = env_bool("CATALOGUE_WEB_PROCESS", default=False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _pg_options = []
    if RANDOM_PAGE_COST:
        _pg_options.append(f"-c random_page_cost={RANDOM_PAGE_COST}")
    # JIT compilation pays off on long analytical queries; here it only added 60 to 100 ms to
    # searches whose estimated cost passed jit_above_cost (core migration 0005 prices
    # to_tsvector as it runs, which lifts those estimates), for queries taking 50 ms.
    _pg_options.append("-c jit=off")
    if STATEMENT_TIMEOUT_MS and WEB_PROCESS:
        _pg_options.append(f"-c statement_timeout={STATEMENT_TIMEOUT_MS}")
    if _pg_options:
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = " ".join(_pg_options)
# Milliseconds a list page gives its facet counts and funding totals in all (core/time_budget.py):
# past it the page answers without the counts not yet made and says so. 0: no limit.
CATALOGUE_FACET_TIME_BUDGET_MS = env_int("CATALOGUE_FACET_TIME_BUDGET_MS", 200)
if CATALOGUE_FACET_TIME_BUDGET_MS < 0:
    raise ImproperlyConfigured("CATALOGUE_FACET_TIME_BUDGET_MS must be 0 (no limit) or more milliseconds.")
# Seconds a client is told to wait (Retry-After) when the database is slow or unreachable.
CATALOGUE_RETRY_AFTER_SECONDS = env_int("CATALOGUE_RETRY_AFTER_SECONDS", 30)
# SQLite: every transaction takes the write lock when it begins (Django 5.1+), so concurrent
# writers queue for up to SQLITE_TIMEOUT_SECONDS instead of failing with "database is locked"
# when a read inside a transaction would have to become a write; a versioned write (If-Match)
# then re-reads the version with the lock held, so exactly one of several sharing a tag wins.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": env_int("SQLITE_TIMEOUT_SECONDS", 20)}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Axes' backend first: it refuses a locked username before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# nhsuk-frontend's compiled files are copied here by ``make frontend`` (git-ignored).
STATICFILES_DIRS = [BASE_DIR / "static"]
# Outside production WhiteNoise serves the files where they are, so `make run` shows the styled
# site with DEBUG off, as its users see it.
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # The open-data downloads of /data/, built once per catalogue revision (catalogue.downloads).
    "open_data": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "open-data"},
    },
    # Hashed names let browsers cache static files forever; the manifest needs collectstatic,
    # so development and tests keep the plain storage.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

LOGIN_URL = "admin:login"
# Where the browsable API's sign-in page (/api/auth/login/) goes when no ?next= is given.
LOGIN_REDIRECT_URL = "api:api-root"

# The NHS logo is for NHS organisations only; off unless the deployment is entitled to it.
CATALOGUE_SHOW_NHS_LOGO = env_bool("CATALOGUE_SHOW_NHS_LOGO", default=False)
# The public address of the site, which the published data files link to (/data/); empty: the
# address each request came to.
CATALOGUE_SITE_URL = env_str("CATALOGUE_SITE_URL", "")
# The licence of the published data (a Data Package licence: an Open Definition id, a title, a URL).
# The sources' verbatim quotes stay their publishers' own, quoted for the purpose of citation.
CATALOGUE_DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
# /changes/ and its feeds name who made each edit only when this is on (staff names are not public by default).
CATALOGUE_SHOW_EDITORS = env_bool("CATALOGUE_SHOW_EDITORS", default=False)
# Where readers send feedback and report accessibility problems (the footer's "Feedback" link).
CATALOGUE_FEEDBACK_EMAIL = env_str("CATALOGUE_FEEDBACK_EMAIL", "catalogue-feedback@example.org")
CATALOGUE_SEEDS_DIR = Path(env_str("CATALOGUE_SEEDS_DIR", str(BASE_DIR.parent / "shared" / "seeds")))

REST_FRAMEWORK = {
    # Token first: DRF answers a missing or bad credential with the first class's challenge,
    # so a revoked token gets 401 with "WWW-Authenticate: Token" rather than a bare 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Anyone may read; writing needs an active staff account and the model permission (add/change/delete).
    "DEFAULT_PERMISSION_CLASSES": ["core.api.permissions.StaffModelPermissionsOrAnonReadOnly"],
    # Each FilterSet declares its own ``search`` and ``ordering``; DRF's OrderingFilter would
    # handle ``ordering`` a second time (and accept fields the FilterSet does not offer).
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # JSON nested past a few levels is a 400, not the decoder's RecursionError (core.api.parsers).
    "DEFAULT_PARSER_CLASSES": [
        "core.api.parsers.DepthLimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.CataloguePagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env_str("API_ANON_THROTTLE_RATE", "120/minute") or None},
    "EXCEPTION_HANDLER": "core.api.exceptions.catalogue_exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "NHS digital and AI programmes catalogue API",
    "DESCRIPTION": "Organisations, programmes, funding awards, missions and their sources. "
    "Anyone may read; writes need a staff account with the model permission.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No validator badge: it would send the schema's URL to validator.swagger.io (and CSP blocks it).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Separate request and response components, so read-only fields (links, citations,
    # display strings) are not offered as input and write-only slugs are not promised as output.
    "COMPONENT_SPLIT_REQUEST": True,
    # Enum components as drf-spectacular makes them, then the text rules the API enforces.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.document_text_rules",
    ],
    # Several models have a "kind" or "qualifier"; name each choice set after its TextChoices.
    "ENUM_NAME_OVERRIDES": {
        "SourceKindEnum": "sources.models.SourceKind",
        "OrganisationKindEnum": "organisations.models.OrganisationKind",
        "AliasKindEnum": "organisations.models.AliasBase.Kind",
        "MissionKindEnum": "programmes.models.MissionKind",
        "ProgrammeKindEnum": "programmes.models.ProgrammeKind",
        "EventKindEnum": "programmes.models.EventKind",
        "AmountQualifierEnum": "core.models.AmountQualifier",
        "DateQualifierEnum": "core.partial_dates.DateQualifier",
        "ClaimStatusEnum": "sources.models.ClaimStatus",
        "ClaimQualifierEnum": "sources.models.ClaimQualifier",
        "ClaimRankEnum": "sources.models.ClaimRank",
        "ProgrammeStatusEnum": "programmes.models.ProgrammeStatus",
        "SearchKindEnum": "catalogue.api.views.KIND_NAMES",
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Set by core.security.SecurityHeadersMiddleware: no page needs these browser features, and no
# other site may embed the catalogue's files.
_DENIED_FEATURES = "accelerometer camera geolocation gyroscope magnetometer microphone payment usb"
PERMISSIONS_POLICY = {feature: [] for feature in _DENIED_FEATURES.split()}
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# Scripts and styles only from our own files: no inline code, no eval. The few inline bits
# (Swagger UI's start-up script) carry the request's nonce, added to the header only on pages
# that use it. Swagger UI's icons are data: images, allowed on that page alone (core.api.docs).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Sign-in lockout (django-axes): five failures for one username from one address lock that
# pair, so an attacker cannot lock a colleague out from elsewhere and a shared office address
# does not lock everybody. The lock lifts after the cool-off; a success forgets the failures.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
_AXES_COOLOFF_MINUTES = env_int("AXES_COOLOFF_MINUTES", 15)
if _AXES_COOLOFF_MINUTES < 1:
    # A zero cool-off would make axes lock accounts until an administrator resets them.
    raise ImproperlyConfigured("AXES_COOLOFF_MINUTES must be at least 1.")
AXES_COOLOFF_TIME = timedelta(minutes=_AXES_COOLOFF_MINUTES)
AXES_RESET_ON_SUCCESS = True
# Failures from one address across every username also lock that address (core.sign_in), so
# one client cannot make the server hash passwords for hundreds of usernames. 0 turns it off.
AXES_HANDLER = "core.sign_in.AddressLimitedAxesHandler"
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20)
if AXES_ADDRESS_FAILURE_LIMIT < 0:
    raise ImproperlyConfigured("AXES_ADDRESS_FAILURE_LIMIT must be 0 (off) or more.")
# A refused attempt writes nothing: a locked-out client costs one query, and the table of
# failures grows by at most the limits above per address and cool-off.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Records of sign-ins are kept this many days (manage.py prune_sign_in_records deletes older ones).
AXES_RECORD_DAYS = env_int("AXES_RECORD_DAYS", 90)
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.security.client_ip_address"
# How many reverse proxies append to X-Forwarded-For in front of the app (0: trust REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}

# Cached pages (core.page_cache): Redis when REDIS_URL is set, so every server process shares
# them; otherwise each process's memory. Either way a write makes every cached page stale at
# once, because the cache key carries the catalogue revision read from the database.
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "catalogue",
    }
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "catalogue",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
# How long a cached page is kept at most (0 turns page caching off).
CATALOGUE_PAGE_CACHE_SECONDS = env_int("CATALOGUE_PAGE_CACHE_SECONDS", 3600)
