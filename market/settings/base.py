"""Settings shared by every environment. Everything that differs between machines comes from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

from market.settings.environment import env_admins, env_bool, env_float, env_list, env_networks, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "market",
    # The domain: one bounded context each. They import neither cms nor search.
    "market.accounts",
    "market.places",
    "market.registry",
    "market.licensing",
    "market.discounts",
    "market.feedback",
    "market.commerce",
    "market.jobs",
    # The site layers that listen to the domain.
    "cms",
    "search",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Libraries
    "django_filters",
    "django_fsm",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "csp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Sign-in throttling: after django.contrib.auth, whose signals it listens to.
    "axes",
]

MIDDLEWARE = [
    # First: it times and logs every request, whatever answers it.
    "market.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above sessions, CSRF and locale: it reads the cookies and the Vary they add (market/http_cache.py).
    "market.http_cache.HttpCacheMiddleware",
    "market.content_security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a refused sign-in (too many failures) into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "market.urls"
WSGI_APPLICATION = "market.wsgi.application"

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
                "csp.context_processors.nonce",
            ],
        },
    },
]

# Database: DATABASE_URL, e.g. postgres://linli@127.0.0.1:54329/linli. Unset: a SQLite file for the demo.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Seconds a worker keeps its connection (production defaults to 60, see production.py); checked before
        # reuse, so a connection the server dropped is replaced instead of failing the request.
        conn_max_age=env_float("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["timeout"] = 20
else:
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(env_float("DATABASE_CONNECT_TIMEOUT", 5))
# A PostgreSQL streaming replica for the bureau's reports and exports (market/database_replica.py); unset: none,
# and everything reads the primary. Tests mirror it onto the primary.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    DATABASES["replica"]["OPTIONS"] = dict(DATABASES["default"]["OPTIONS"])
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["market.database_replica.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked.
    "market.accounts.lockout.LockoutBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Languages: Simplified Chinese first and by default, English complete beside it.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Licences and eligibility proof: never under MEDIA_URL, served only through permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "market.private_storage.PrivateFileStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Licence scans and eligibility proof: PDF, JPEG or PNG up to this size, checked by content.
LICENSING_UPLOAD_MAX_BYTES = int(env_float("UPLOAD_MAX_MEGABYTES", 10) * 1024 * 1024)
# Images are also limited in pixels: a small PNG can claim 144 megapixels and take gigabytes to decode.
UPLOAD_MAX_PIXELS = int(env_float("UPLOAD_MAX_MEGAPIXELS", 50) * 1_000_000)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = UPLOAD_MAX_PIXELS
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# Email: the console in the demo, SMTP from EMAIL_URL-style settings in production.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_float("EMAIL_PORT", 25))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "邻里 Linli <noreply@linli.example.cn>")
# Who hears of server errors (mail_admins): ADMINS="运维 <ops@commerce.example.cn>,dev@example.cn".
ADMINS = env_admins("ADMINS")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_SUBJECT_PREFIX = env_str("EMAIL_SUBJECT_PREFIX", "[Linli] ")

# Registry search: Elasticsearch when ELASTICSEARCH_URL is set, else the database. A cluster: every node's address,
# comma-separated (a node that does not answer is skipped for the next), and one replica of each index
# (ELASTICSEARCH_REPLICAS=1), so losing a node loses no data and fails no search.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")
ELASTICSEARCH_REPLICAS = int(env_float("ELASTICSEARCH_REPLICAS", 0))
ELASTICSEARCH_TIMEOUT = env_float("ELASTICSEARCH_TIMEOUT", 2.0)
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "linli")
# After a failed search, how long every search goes to the database before Elasticsearch is tried again.
ELASTICSEARCH_RETRY_SECONDS = env_float("ELASTICSEARCH_RETRY_SECONDS", 30.0)

# Wagtail's page search: on Elasticsearch too when it is configured, through a backend on the analysis every
# distribution has (search/page_backend.py); the database backend is kept up to date beside it and answers while
# Elasticsearch does not (search/pages.py). Run `manage.py update_index` once to build the pages index.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if ELASTICSEARCH_URL:
    _elasticsearch_nodes = [url.strip() for url in ELASTICSEARCH_URL.split(",") if url.strip()]
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.page_backend",
            "URLS": _elasticsearch_nodes,
            "INDEX_PREFIX": f"{ELASTICSEARCH_INDEX_PREFIX}-pages-",
            "TIMEOUT": ELASTICSEARCH_TIMEOUT,
            "OPTIONS": {"max_retries": len(_elasticsearch_nodes) - 1, "retry_on_timeout": False},
            "INDEX_SETTINGS": {"settings": {"number_of_replicas": ELASTICSEARCH_REPLICAS}},
        },
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }

# Stripe: STRIPE_API_BASE lets stripe-mock stand in (http://127.0.0.1:12111).
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "https://api.stripe.com")
# The platform's share of each online sale, in percent; zero unless the bureau decides otherwise.
COMMERCE_PLATFORM_FEE_PERCENT = env_float("COMMERCE_PLATFORM_FEE_PERCENT", 0.0)

# Background work: the database queue in production (run `manage.py db_worker`); immediate in the demo.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

WAGTAIL_SITE_NAME = _("Linli community services")
# Staff avatars are not fetched from Gravatar: it would send a hash of each official's email abroad, and the
# image is broken where the admin has no internet access.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]

# Cache: Redis (REDIS_URL) wherever several processes serve the site, so that the API throttle counts every
# worker's requests together; required in production. Unset elsewhere: each process's own memory.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "market.redis_cache.ReusingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "linli"),
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# A search engine's answer is kept in the shared cache until the search entries change, the day ends, or this many
# seconds pass (search.service); 0 asks the engine every time (the benchmark measures both).
SEARCH_RESULTS_CACHE_SECONDS = int(env_float("SEARCH_RESULTS_CACHE_SECONDS", 60))

# HTTP caching (market/http_cache.py): anonymous public pages may be kept by browsers and shared caches for
# HTTP_CACHE_SECONDS, with an ETag; anything for a signed-in user, or setting a cookie, or under these paths
# (after the language prefix) is `private, no-store`. 0 turns public caching off.
HTTP_CACHE_SECONDS = int(env_float("HTTP_CACHE_SECONDS", 60))
HTTP_CACHE_PRIVATE_PATHS = [
    "/admin/",
    "/portal/",
    "/accounts/",
    "/benefits/",
    "/feedback/",
    "/jobs/applications/",
    "/jobs/merchant/",
    "/objections/",
]
# Answered as the view says, never public: live state and the rate-limited API.
HTTP_CACHE_UNCACHED_PATHS = ["/healthz", "/api/", "/i18n/", "/csp-report"]
# Wagtail's frontend cache invalidation: publishing or unpublishing a page purges its URLs, and register acts the
# merchant's pages (cms.receivers), from the cache in front of the site. FRONTEND_CACHE_PURGE_URL is where that
# cache takes HTTP PURGE requests (Varnish, nginx with a purge module), e.g. http://127.0.0.1:6081; unset: no purge.
# Each translation is a page with its own URL, so Wagtail's rewriting of one URL into every language is off.
WAGTAILFRONTENDCACHE_LANGUAGES = []
if FRONTEND_CACHE_PURGE_URL := env_str("FRONTEND_CACHE_PURGE_URL", ""):
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }

# Client addresses. Without a proxy the client is the connection's peer (REMOTE_ADDR) and X-Forwarded-For is
# ignored, whoever sends it. Behind reverse proxies, list their addresses or networks (TRUSTED_PROXIES=
# "10.0.0.0/8,127.0.0.1"): X-Forwarded-For is then read from the right, past those proxies only, and the first
# address that is not one of them is the client. market.client_address applies it for the API throttle, the
# sign-in lockout and the request log alike.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")

# Content-Security-Policy (django-csp): scripts and styles only from this site, an inline script only with the
# response's nonce (`nonce="{{ CSP_NONCE }}"`), nothing framed by other sites. Public templates have no inline
# script or style at all. The Wagtail admin gets the few additions it needs (market/content_security.py).
# Enforced here and in production; development (dev.py) reports without blocking.
CSP_REPORT_PATH = "/csp-report"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "frame-src": [SELF],
        "base-uri": [SELF],
        # Paying and a merchant's Stripe onboarding post here and are redirected (303) to Stripe's hosted pages;
        # browsers hold the redirect of a form to this list too.
        "form-action": [SELF, "https://checkout.stripe.com", "https://connect.stripe.com"],
        "frame-ancestors": [NONE],
        "report-uri": [CSP_REPORT_PATH],
    },
}

# Sign-in throttling (django-axes): the 11th failed sign-in within the cool-off locks that account, that
# address and that pair, on the site's sign-in and the admin's alike. Counts live in the database (shared by
# every worker); a refused attempt during a lockout is not recorded, so it neither extends the lockout nor
# writes anything. Unlock early with `manage.py axes_reset_username NAME` or `axes_reset_ip ADDRESS`.
AXES_FAILURE_LIMIT = 11
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address", ["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=env_float("SIGN_IN_LOCKOUT_MINUTES", 30))
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "market.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "market.accounts.lockout.lockout_response"
# Successful sign-ins are not kept with their address and browser: the request log covers them.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# The admin's "Access attempts" pages belong to django.contrib.admin, which this site does not route.
AXES_ENABLE_ADMIN = False

# Logs: one line per record on the console. In production each line is JSON (see production.py), and every
# request is logged once by market.request_log (logger `linli.requests`). Errors are mailed to ADMINS when
# DEBUG is off, and go to Sentry when SENTRY_DSN is set.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "market.request_log.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    # Every error reaches the bureau: an unhandled one in a request (django.request) and any the site logs.
    "root": {"handlers": ["console", "mail_admins"], "level": "INFO"},
    "loggers": {
        # Django's own default handlers are replaced: its records go to the root's, once.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "elastic_transport": {"level": "WARNING"},
        "jieba": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Residents' ID numbers and the secrets of their benefit codes are stored encrypted with this Fernet key
# (market/encryption.py). Dev and the tests use a fixed key that says it is not secret; production requires one.
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY", "bGlubGktZGVtby1vbmx5LU5PVC1TRUNSRVQta2V5ISE=")
