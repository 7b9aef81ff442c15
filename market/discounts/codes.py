"""Benefit codes: what a resident shows, what a merchant types, and what the database keeps.

A code has a secret random seed (256 bits from `secrets`). From it, keyed with SECRET_KEY, come the QR token (43
characters) and the short code (10 characters of an alphabet without 0/O, 1/I/L). The database keeps the seed and
keyed hashes of the token and short code: a copy of the database alone gives neither, so it cannot be replayed at a
counter; the resident's page derives both again from the seed to show them.

Guessing is slowed by a rate limit on failed entries, counted in the database (`CodeLookupFailure`) rather than
the cache: the site runs several worker processes with no shared cache configured, where a per-process counter
would multiply the allowance and forget it on every restart; failures are rare, so a row each is cheap, and
the rows tell the bureau who was guessing.
"""

import datetime
import secrets

import segno
from django.db.models import Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.discounts.errors import DiscountError, TooManyAttempts
from market.discounts.models import BenefitCode, CodeLookupFailure

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SHORT_CODE_LENGTH = 10
MAXIMUM_FAILURES = 10
FAILURE_WINDOW = datetime.timedelta(minutes=10)
FAILURE_RETENTION = datetime.timedelta(days=90)


def _keyed(purpose: str, value: str) -> str:
    return salted_hmac(f"linli.discounts.{purpose}", value, algorithm="sha256").hexdigest()


def new_seed() -> str:
    return secrets.token_hex(32)


def qr_token(code: BenefitCode) -> str:
    return salted_hmac("linli.discounts.qr", code.seed, algorithm="sha256").digest().hex()[:43].upper()


def short_code(code: BenefitCode) -> str:
    number = int.from_bytes(salted_hmac("linli.discounts.short", code.seed, algorithm="sha256").digest(), "big")
    characters = []
    for _position in range(SHORT_CODE_LENGTH):
        number, index = divmod(number, len(ALPHABET))
        characters.append(ALPHABET[index])
    return "".join(characters)


def formatted_short_code(code: BenefitCode) -> str:
    """Two groups of five, as printed on the resident's page: "K7QMX-2HRWA"."""
    value = short_code(code)
    return f"{value[:5]}-{value[5:]}"


def digests_for(code: BenefitCode) -> dict:
    return {"token_digest": _keyed("token", qr_token(code)), "short_code_digest": _keyed("short", short_code(code))}


def normalise(entered: str) -> str:
    """What staff typed or the scanner read, without spaces or dashes, in capitals."""
    return "".join(character for character in (entered or "").upper() if character not in " -\t\r\n")


def find_active_code(entered: str) -> BenefitCode | None:
    value = normalise(entered)
    if len(value) == SHORT_CODE_LENGTH:
        digest_field, digest = "short_code_digest", _keyed("short", value)
    else:
        digest_field, digest = "token_digest", _keyed("token", value)
    return BenefitCode.objects.filter(**{digest_field: digest}, revoked_at__isnull=True).first()


def check_not_locked_out(account, ip_address: str | None) -> None:
    since = clock_source.now() - FAILURE_WINDOW
    who = Q(account=account)
    if ip_address:
        who |= Q(ip_address=ip_address)
    if CodeLookupFailure.objects.filter(who, at__gt=since).count() >= MAXIMUM_FAILURES:
        raise TooManyAttempts(
            _("Too many wrong codes were entered. Code entry is paused for %(minutes)d minutes.")
            % {"minutes": FAILURE_WINDOW.seconds // 60}
        )


def resolve(entered: str, account, ip_address: str | None) -> BenefitCode:
    """The active code entered at a counter, or a refusal; a miss counts towards the rate limit."""
    check_not_locked_out(account, ip_address)
    code = find_active_code(entered)
    if code is None:
        CodeLookupFailure.objects.create(account=account, ip_address=ip_address or None, at=clock_source.now())
        raise DiscountError(_("This code is not valid. Check it with the resident, or ask them to show the QR code."))
    return code


def merchant_handle(code: BenefitCode, organization) -> str:
    """What a merchant may know of the holder: an opaque name that differs between merchants and codes."""
    return _keyed("handle", f"{organization.pk}:{code.seed}")[:12].upper()


def qr_svg(code: BenefitCode) -> str:
    """The QR code of the token as inline SVG, for the resident's page."""
    return segno.make(qr_token(code), error="m").svg_inline(
        scale=6, border=4, title=str(_("Your benefit code")), svgclass="benefit-code-qr"
    )


def forget_old_failures() -> int:
    """Failed entries are kept 90 days for the bureau to see who was guessing, then deleted."""
    deleted, _by_model = CodeLookupFailure.objects.filter(at__lt=clock_source.now() - FAILURE_RETENTION).delete()
    return deleted
