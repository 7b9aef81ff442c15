"""Production: strict. Refuses to start without the settings that keep residents' data safe."""

from market.settings.base import *  # noqa: F403
from market.settings.environment import env_bool, env_list, env_str

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
