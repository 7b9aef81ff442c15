"""Benefit codes: what a resident shows, what a merchant scans or types, what the database keeps, and how a
code presented at a counter is checked and used.

A resident's code (`BenefitCode`) has a random secret, stored encrypted (market/encryption.py). It can be
presented three ways, none of which can be passed on for long:

- the QR code on the resident's phone: an identifier (12 characters derived from the secret; only a keyed hash
  of it is stored) followed by an 8-digit time-based one-time password (RFC 6238, `pyotp`) that changes every
  30 seconds. The counter accepts the current and the previous time step, so a QR code is good for 30 to 60
  seconds, and one time step records one sale or redemption: a photographed QR code is stale within a minute
  and cannot be used twice;
- a code to type (10 characters), issued on the resident's request, valid ten minutes and for one record; only a
  keyed hash of it is stored;
- a printed card (16 characters) for a resident without a phone, issued and revoked by an administrator; only a
  keyed hash of its number is stored, and every use of it is logged.

Checking a code at the counter gives the merchant a *counter pass*: an encrypted, short-lived token for that
merchant and staff member (nothing in it can be read or linked across merchants) that the redemption or sale
form carries instead of the code, so that the minute of
the QR code does not run out while the bill is typed. The code is used (its time step or one-time code spent,
the use logged) only when a redemption or sale is recorded, in that record's transaction.

Guessing is slowed by a rate limit on failed entries, counted in the database (`CodeLookupFailure`) rather than
the cache: the site runs several worker processes with no shared cache configured, where a per-process counter
would multiply the allowance and forget it on every restart; failures are rare, so a row each is cheap, and
the rows tell the bureau who was guessing. An expired or used code is refused without counting as a guess.
"""

import datetime
import io
import json
import secrets
from dataclasses import dataclass

import pyotp
import segno
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.discounts.errors import DiscountError, TooManyAttempts
from market.discounts.models import (
    BenefitCard,
    BenefitCode,
    CodeKind,
    CodeLookupFailure,
    CodeUse,
    OneTimeCode,
)
from market.encryption import decrypt, encrypt, keyed_hash

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L
STEP_SECONDS = 30
OTP_DIGITS = 8
ACCEPTED_STEPS = 2  # the current time step and the one before
EXPIRED_STEPS_RECOGNISED = 4 * 60 * 60 // STEP_SECONDS  # an older QR code is told apart as expired for 4 hours
QR_ID_LENGTH = 12
QR_LENGTH = QR_ID_LENGTH + OTP_DIGITS
SHORT_CODE_LENGTH = 10
CARD_NUMBER_LENGTH = 16
TYPED_CODE_VALIDITY = datetime.timedelta(minutes=10)
TYPED_CODES_PER_HOUR = 12
PASS_PREFIX = "pass:"
PASS_VALIDITY = datetime.timedelta(minutes=10)
MAXIMUM_FAILURES = 10
FAILURE_WINDOW = datetime.timedelta(minutes=10)
FAILURE_RETENTION = datetime.timedelta(days=90)

NOT_VALID = _("This code is not valid. Check it with the resident, or ask them to show the QR code.")
QR_EXPIRED = _(
    "This QR code has expired: it changes every 30 seconds. Ask the resident to show the code on their phone again."
)
QR_USED = _(
    "This QR code has just been used. Ask the resident to show the next one: it changes every 30 seconds."
)
TYPED_USED = _("This code has already been used: each typed code is good for one record. Ask for a new one.")
TYPED_EXPIRED = _("This code has expired: a typed code is valid for 10 minutes. Ask the resident for a new one.")
CARD_REVOKED = _("This card has been withdrawn by the bureau. The resident can ask the bureau for a new one.")
PASS_EXPIRED = _("The check of this code has run out. Check the code again.")


def _characters(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _position in range(length))


def _derived_characters(value: str, length: int) -> str:
    number = int(keyed_hash("benefit-code-derivation", value), 16)
    characters = []
    for _position in range(length):
        number, index = divmod(number, len(ALPHABET))
        characters.append(ALPHABET[index])
    return "".join(characters)


def normalise(entered: str) -> str:
    """What staff typed or the scanner read, without spaces or dashes, in capitals."""
    return "".join(character for character in (entered or "").upper() if character not in " -\t\r\n")


def grouped(value: str, size: int = 5) -> str:
    """K7QMX-2HRWA: a code in groups, for reading aloud and typing."""
    return "-".join(value[start : start + size] for start in range(0, len(value), size))


# ---------------------------------------------------------------- the resident's code and its QR code


def new_secret() -> str:
    """160 random bits in base 32, the secret of a time-based one-time password (RFC 4226 recommends 160)."""
    return pyotp.random_base32(32)


def qr_id(code: BenefitCode) -> str:
    return _derived_characters(f"qr:{code.secret}", QR_ID_LENGTH)


def qr_id_digest(identifier: str) -> str:
    return keyed_hash("benefit-qr-id", identifier)


def time_step(at: datetime.datetime | None = None) -> int:
    return int((at or clock_source.now()).timestamp()) // STEP_SECONDS


def seconds_left(at: datetime.datetime | None = None) -> int:
    """How long the QR code shown now stays the current one."""
    return STEP_SECONDS - int((at or clock_source.now()).timestamp()) % STEP_SECONDS


def _totp(code: BenefitCode) -> pyotp.TOTP:
    return pyotp.TOTP(code.secret, digits=OTP_DIGITS, interval=STEP_SECONDS)


def _password(code: BenefitCode, step: int) -> str:
    return _totp(code).generate_otp(step)


def qr_payload(code: BenefitCode, at: datetime.datetime | None = None) -> str:
    """What the QR code holds at a moment: the code's identifier and the one-time password of the time step."""
    return qr_id(code) + _password(code, time_step(at))


def qr_svg(code: BenefitCode, at: datetime.datetime | None = None) -> str:
    """The QR code of the moment as inline SVG."""
    return segno.make(qr_payload(code, at), error="m").svg_inline(
        scale=6, border=4, title=str(_("Your benefit code")), svgclass="benefit-code-qr"
    )


def qr_svg_document(code: BenefitCode, at: datetime.datetime | None = None) -> bytes:
    """The QR code of the moment as an SVG document, the image on the resident's page."""
    buffer = io.BytesIO()
    segno.make(qr_payload(code, at), error="m").save(
        buffer, kind="svg", border=4, light="#fff", omitsize=True, title=str(_("Your benefit code"))
    )
    return buffer.getvalue()


def merchant_handle(code: BenefitCode, organization) -> str:
    """What a merchant may know of the holder: an opaque name that differs between merchants and codes."""
    return keyed_hash("benefit-holder-handle", f"{organization.pk}:{code.secret}")[:12].upper()


# ---------------------------------------------------------------- typed codes and cards


def new_typed_code() -> str:
    return _characters(SHORT_CODE_LENGTH)


def typed_code_digest(value: str) -> str:
    return keyed_hash("benefit-typed-code", value)


def new_card_number() -> str:
    return _characters(CARD_NUMBER_LENGTH)


def card_number_digest(value: str) -> str:
    return keyed_hash("benefit-card-number", value)


def card_svg(number: str) -> str:
    """The QR code printed on a card: its number, which the counter reads like a typed one."""
    return segno.make(number, error="m").svg_inline(scale=5, border=4, title=str(_("Benefit card")))


# ---------------------------------------------------------------- at the counter


@dataclass(frozen=True)
class Presented:
    """A code accepted at a counter: whose it is, how it was shown, and what using it will spend."""

    benefit_code: BenefitCode
    kind: str
    step: int | None = None
    one_time_code_id: int | None = None
    card_id: int | None = None
    from_pass: bool = False  # the counter pass of an earlier check, whose use was logged then


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


def _miss(account, ip_address):
    CodeLookupFailure.objects.create(account=account, ip_address=ip_address or None, at=clock_source.now())
    raise DiscountError(NOT_VALID)


def resolve(entered: str, account, ip_address: str | None, *, organization=None) -> Presented:
    """The code presented at a counter, or a refusal. A code that matches nothing counts towards the rate limit;
    an expired or used one is refused with what to do. Nothing is spent here: see `use`."""
    check_not_locked_out(account, ip_address)
    raw = (entered or "").strip()
    if raw.startswith(PASS_PREFIX):
        return _from_pass(raw, account, organization)
    value = normalise(raw)
    if len(value) == QR_LENGTH and value[QR_ID_LENGTH:].isdigit():
        return _resolve_qr(value, account, ip_address)
    if len(value) == SHORT_CODE_LENGTH:
        return _resolve_typed(value, account, ip_address)
    if len(value) == CARD_NUMBER_LENGTH:
        return _resolve_card(value, account, ip_address)
    _miss(account, ip_address)


def _resolve_qr(value, account, ip_address) -> Presented:
    code = BenefitCode.objects.filter(
        qr_id_digest=qr_id_digest(value[:QR_ID_LENGTH]), revoked_at__isnull=True
    ).first()
    if code is None:
        _miss(account, ip_address)
    password, now_step, totp = value[QR_ID_LENGTH:], time_step(), _totp(code)
    for step in range(now_step, now_step - ACCEPTED_STEPS, -1):
        if secrets.compare_digest(totp.generate_otp(step), password):
            if code.qr_last_step is not None and step <= code.qr_last_step:
                raise DiscountError(QR_USED)
            return Presented(benefit_code=code, kind=CodeKind.QR, step=step)
    for step in range(now_step - ACCEPTED_STEPS, now_step - EXPIRED_STEPS_RECOGNISED, -1):
        if secrets.compare_digest(totp.generate_otp(step), password):
            raise DiscountError(QR_EXPIRED)
    _miss(account, ip_address)


def _resolve_typed(value, account, ip_address) -> Presented:
    typed = (
        OneTimeCode.objects.filter(code_digest=typed_code_digest(value))
        .select_related("benefit_code")
        .first()
    )
    if typed is None or not typed.benefit_code.is_active:
        _miss(account, ip_address)
    if typed.used_at is not None:
        raise DiscountError(TYPED_USED)
    if typed.expires_at <= clock_source.now():
        raise DiscountError(TYPED_EXPIRED)
    return Presented(benefit_code=typed.benefit_code, kind=CodeKind.TYPED, one_time_code_id=typed.pk)


def _resolve_card(value, account, ip_address) -> Presented:
    card = BenefitCard.objects.filter(number_digest=card_number_digest(value)).first()
    if card is None:
        _miss(account, ip_address)
    if card.revoked_at is not None:
        raise DiscountError(CARD_REVOKED)
    code = BenefitCode.objects.filter(resident_id=card.resident_id, revoked_at__isnull=True).first()
    if code is None:
        raise DiscountError(NOT_VALID)
    return Presented(benefit_code=code, kind=CodeKind.CARD, card_id=card.pk)


def counter_pass(presented: Presented, organization, staff) -> str:
    """The encrypted token a counter form carries after a code was checked, for this merchant and staff member."""
    payload = {
        "c": presented.benefit_code.pk,
        "k": presented.kind,
        "s": presented.step,
        "o": presented.one_time_code_id,
        "d": presented.card_id,
        "m": organization.pk,
        "u": staff.pk,
        "t": clock_source.now().timestamp(),
    }
    return PASS_PREFIX + encrypt(json.dumps(payload)).removeprefix("fernet:")


def _from_pass(token, account, organization) -> Presented:
    try:
        payload = json.loads(decrypt("fernet:" + token[len(PASS_PREFIX) :]))
    except (ValueError, KeyError, TypeError) as error:
        raise DiscountError(NOT_VALID) from error
    if payload["u"] != account.pk or (organization is not None and payload["m"] != organization.pk):
        raise DiscountError(NOT_VALID)
    if clock_source.now().timestamp() - payload["t"] > PASS_VALIDITY.total_seconds():
        raise DiscountError(PASS_EXPIRED)
    code = BenefitCode.objects.filter(pk=payload["c"], revoked_at__isnull=True).first()
    if code is None:
        raise DiscountError(NOT_VALID)
    return Presented(
        benefit_code=code,
        kind=payload["k"],
        step=payload["s"],
        one_time_code_id=payload["o"],
        card_id=payload["d"],
        from_pass=True,
    )


def use(presented: Presented, *, staff, organization, location, purpose) -> BenefitCode:
    """Spend the code for a record, inside that record's transaction: the QR code's time step or the one-time
    code is used up, and the use is logged. Refused, and nothing kept, where another record used it first."""
    now = clock_source.now()
    code = BenefitCode.objects.select_for_update().get(pk=presented.benefit_code.pk)
    if code.revoked_at is not None:
        raise DiscountError(NOT_VALID)
    if presented.kind == CodeKind.QR:
        if code.qr_last_step is not None and presented.step <= code.qr_last_step:
            raise DiscountError(QR_USED)
        code.qr_last_step = presented.step
        code.save(update_fields=["qr_last_step"])
    elif presented.kind == CodeKind.TYPED:
        unused = OneTimeCode.objects.filter(pk=presented.one_time_code_id, benefit_code=code, used_at__isnull=True)
        if not unused.filter(expires_at__gt=now).update(used_at=now, used_by=staff):
            raise DiscountError(TYPED_EXPIRED if unused.exists() else TYPED_USED)
    elif presented.kind == CodeKind.CARD and not BenefitCard.objects.filter(
        pk=presented.card_id, resident_id=code.resident_id, revoked_at__isnull=True
    ).exists():
        raise DiscountError(CARD_REVOKED)
    log_use(presented, staff=staff, organization=organization, location=location, purpose=purpose)
    return code


def log_use(presented: Presented, *, staff, organization, location, purpose) -> CodeUse:
    return CodeUse.objects.create(
        benefit_code=presented.benefit_code,
        kind=presented.kind,
        card_id=presented.card_id,
        one_time_code_id=presented.one_time_code_id,
        purpose=purpose,
        organization=organization,
        location=location,
        staff=staff,
        at=clock_source.now(),
    )


def forget_old_failures() -> int:
    """Failed entries are kept 90 days for the bureau to see who was guessing, then deleted."""
    deleted, _by_model = CodeLookupFailure.objects.filter(at__lt=clock_source.now() - FAILURE_RETENTION).delete()
    return deleted
