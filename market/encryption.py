"""Personal data encrypted at rest: residents' ID numbers, the secrets behind their benefit codes.

`EncryptedTextField` stores Fernet ciphertext (AES-128-CBC with an HMAC-SHA256, from `cryptography`) under the key
in the FIELD_ENCRYPTION_KEY setting, and gives back the plain text when read. A copy of the database alone
therefore holds no ID number and no code secret. The ciphertext differs every time, so such a field cannot be
searched: where a value must be found or kept unique, store `keyed_hash(purpose, value)` beside it (HMAC-SHA256
under a key derived from the same setting, one per purpose), which says whether two values are equal and
nothing else.

The key comes from the environment (production refuses to start without one); dev and the tests use a fixed
key that says it is not secret. Losing the key loses the data encrypted with it: keep it with the database
backups, apart from them.
"""

import base64
import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

# The key of the demo and the tests: its 32 bytes spell what it is.
DEMO_KEY = base64.urlsafe_b64encode(b"linli-demo-only-NOT-SECRET-key!!").decode()
CIPHERTEXT_PREFIX = "fernet:"


def check_key(key: str) -> None:
    """Refuse a setting that is not a Fernet key (32 bytes, url-safe base64), saying how to make one."""
    try:
        Fernet(key)
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY must be a Fernet key (32 bytes in url-safe base64), e.g. the output of "
            "`python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'`."
        ) from error


@functools.cache
def _fernet(key: str) -> Fernet:
    check_key(key)
    return Fernet(key)


def _key() -> str:
    key = getattr(settings, "FIELD_ENCRYPTION_KEY", "")
    if not key:
        raise ImproperlyConfigured("Set FIELD_ENCRYPTION_KEY: personal data is stored encrypted with it.")
    return key


def encrypt(plain: str) -> str:
    return CIPHERTEXT_PREFIX + _fernet(_key()).encrypt(plain.encode()).decode()


class UndecryptableValue(ValueError):
    """Ciphertext that was altered, or encrypted under another key than FIELD_ENCRYPTION_KEY."""


def decrypt(stored: str) -> str:
    if not stored.startswith(CIPHERTEXT_PREFIX):
        raise UndecryptableValue("The value is not ciphertext of market.encryption.")
    try:
        return _fernet(_key()).decrypt(stored[len(CIPHERTEXT_PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise UndecryptableValue(
            "The value could not be decrypted: it was altered, or FIELD_ENCRYPTION_KEY is not the key it was "
            "encrypted with."
        ) from error


def keyed_hash(purpose: str, value: str) -> str:
    """HMAC-SHA256 of a value, under a key of its own for each purpose; 64 hexadecimal characters."""
    purpose_key = hmac.new(_key().encode(), f"linli.keyed-hash.{purpose}".encode(), hashlib.sha256).digest()
    return hmac.new(purpose_key, value.encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """Text stored encrypted; read back as the plain text. Empty stays empty. It cannot be filtered on."""

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(value)
