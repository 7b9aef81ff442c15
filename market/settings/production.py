"""Production: strict. Refuses to start without the settings that keep residents' data safe."""

from market.settings.base import *  # noqa: F403
from market.settings.environment import env_bool, env_float, env_list, env_str

SECRET_KEY = env_str(
    "SECRET_KEY",
    required_because="production needs a long random secret, "
    "e.g. `python -c 'import secrets; print(secrets.token_urlsafe(50))'`",
)
if len(SECRET_KEY) < 50:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the comma-separated host names this site answers to.")

# Every web worker must count the API throttle in one place: a shared Redis, never a process's own memory.
if not REDIS_URL:  # noqa: F405
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "Set REDIS_URL to the Redis that all web workers share, e.g. redis://127.0.0.1:6379/0 "
        "(`scripts/services up` starts one): production needs a shared cache for its rate limits."
    )

# Connections are reused for a minute (with a health check before reuse) unless DATABASE_CONN_MAX_AGE says
# otherwise, instead of a new connection for every request. 0 closes each at the end of its request.
DATABASES["default"]["CONN_MAX_AGE"] = env_float("DATABASE_CONN_MAX_AGE", 60)  # noqa: F405
if "replica" in DATABASES:  # noqa: F405
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

FIELD_ENCRYPTION_KEY = env_str(
    "FIELD_ENCRYPTION_KEY",
    required_because="residents' ID numbers are stored encrypted with it; make one with "
    "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'` "
    "and keep it apart from the database backups",
)
if FIELD_ENCRYPTION_KEY == "bGlubGktZGVtby1vbmx5LU5PVC1TRUNSRVQta2V5ISE=":
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY is the demo key: production needs a key of its own.")
try:
    from cryptography.fernet import Fernet

    Fernet(FIELD_ENCRYPTION_KEY)
except ValueError as error:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must be a Fernet key: 32 bytes in url-safe base64.") from error

# One JSON object per log line, for the log collector: every request (linli.requests) and every other record.
LOGGING["handlers"]["console"]["formatter"] = "json"  # noqa: F405

# Errors also go to Sentry when SENTRY_DSN is set (a self-hosted Sentry keeps residents' data in the country).
# No personal data is sent: no request bodies, cookies, user names or addresses.
SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        release=env_str("SENTRY_RELEASE", "") or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0),
    )
