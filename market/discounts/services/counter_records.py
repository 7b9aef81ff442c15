"""What every counter record (redemption or micro-profit sale) shares: a retried request gets its first record
back, and a mistake is corrected by a reversing record while the original stays as it was.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.discounts.errors import DiscountError
from market.discounts.models import CounterRecord
from market.guards import require, require_text


def replayed_record(model, idempotency_key, organization):
    """The record an earlier attempt with this key made, if any: a retry gets it back, never a second one."""
    existing = model.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None and existing.organization_id != organization.pk:
        raise DiscountError(_("This request was already used for another merchant."))
    return existing


def reverse_counter_record(
    record: CounterRecord, staff, reason, idempotency_key, already_reversed
) -> tuple[CounterRecord, bool]:
    """Correct a counter record with a reversing one; the original stays as it was. Returns the reversal and
    whether it is new (a retry with the same key gets the first one back)."""
    model = type(record)
    require(staff, "discounts.serve_at_counter", record.organization)
    reason = require_text(reason, _("Give the reason for the correction."))
    idempotency_key = require_text(idempotency_key, _("The request has no idempotency key."))
    existing = replayed_record(model, idempotency_key, record.organization)
    if existing is not None:
        return existing, False
    if record.reverses_id is not None:
        raise DiscountError(_("A correction cannot itself be reversed."))
    try:
        with transaction.atomic():
            reversal = model.objects.create(
                **record.reversing_values(clock_source.now()),
                staff=staff,
                idempotency_key=idempotency_key,
                reverses=record,
                reason=reason,
            )
    except IntegrityError as error:
        existing = replayed_record(model, idempotency_key, record.organization)
        if existing is not None:
            return existing, False
        raise DiscountError(already_reversed) from error
    return reversal, True
