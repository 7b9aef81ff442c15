"""Placing an order, and each step after it: the merchant accepts, completes or declines; the resident cancels.
Each step is checked (who, which state, the cancellation terms), recorded with who, when and why, and announced
after the commit. Money given back goes through `refunds`."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from market import clock_source
from market.commerce.errors import BookingFieldError, CommerceError
from market.commerce.models import BookableService, Order, OrderAction, PaymentMethod, PaymentState, RefundReason
from market.commerce.services import benefits, checkout, refunds
from market.commerce.services.history import lock, record
from market.commerce.services.payment_accounts import takes_online_payment
from market.commerce.services.pricing import quote
from market.discounts.services.micro_profit_services import units_bought_today
from market.guards import move, require, require_text
from market.registry.models import Weekday

# How far ahead an appointment can be booked.
BOOKING_HORIZON = datetime.timedelta(days=60)


def _check_booking(service, location, quantity, scheduled_for, address, now, accept_no_free_cancellation):
    if not BookableService.objects.on_sale().filter(pk=service.pk).exists():
        raise CommerceError(_("This service is not on sale now."))
    if not service.locations.filter(pk=location.pk).exists():
        raise CommerceError(_("This service is not offered at that outlet."))
    if not isinstance(quantity, int) or not 1 <= quantity <= service.most_units:
        raise BookingFieldError(_("Choose between 1 and %(most)d.") % {"most": service.most_units}, field="quantity")
    if service.needs_appointment:
        check_appointment(service, location, scheduled_for, now)
        if inside_free_cancellation_window(service, scheduled_for, now) and not accept_no_free_cancellation:
            raise BookingFieldError(no_free_cancellation_message(service), field="accept_no_free_cancellation")
    if service.at_home and not (address or "").strip():
        raise BookingFieldError(_("Give the address where the service is wanted."), field="address")


def check_appointment(service, location, scheduled_for, now=None) -> None:
    """The appointment is far enough ahead, not too far, and when the outlet is open that day (an outlet that has
    given no hours at all is not held to any)."""
    now = now or clock_source.now()
    if scheduled_for is None:
        raise BookingFieldError(_("Choose a date and time for the appointment."), field="scheduled_for")
    earliest = now + datetime.timedelta(hours=service.lead_time_hours)
    if scheduled_for < earliest:
        raise BookingFieldError(
            _("The earliest appointment is %(earliest)s.")
            % {"earliest": timezone.localtime(earliest).strftime("%Y-%m-%d %H:%M")},
            field="scheduled_for",
        )
    if scheduled_for > now + BOOKING_HORIZON:
        raise BookingFieldError(_("Appointments can be booked up to 60 days ahead."), field="scheduled_for")
    if location is None or location.is_open_at(scheduled_for):
        return
    day = timezone.localtime(scheduled_for).date()
    exceptional = location.schedule_exceptions.filter(date=day).exists()
    if not exceptional and not location.schedules.exists():
        return  # the outlet gave no weekly hours: nothing to hold the appointment to
    hours = location.hours_on(day)
    if not hours:
        raise BookingFieldError(
            _("This outlet is closed on %(day)s.")
            % {"day": day.strftime("%Y-%m-%d") if exceptional else Weekday(day.isoweekday()).label},
            field="scheduled_for",
        )
    raise BookingFieldError(
        _("This outlet is open %(hours)s that day: choose a time within its hours.")
        % {"hours": ", ".join(f"{opens:%H:%M}–{closes:%H:%M}" for opens, closes in hours)},
        field="scheduled_for",
    )


def inside_free_cancellation_window(service, scheduled_for, now=None) -> bool:
    """Booked now, the appointment could never be cancelled free: it is closer than the free-cancellation time."""
    if scheduled_for is None or not service.needs_appointment:
        return False
    now = now or clock_source.now()
    return scheduled_for - datetime.timedelta(hours=service.free_cancellation_hours) < now


def no_free_cancellation_message(service):
    return ngettext_lazy(
        "This appointment is less than %(hours)d hour away: once booked it cannot be cancelled free of charge. "
        "Confirm that you want to book it anyway.",
        "This appointment is less than %(hours)d hours away: once booked it cannot be cancelled free of charge. "
        "Confirm that you want to book it anyway.",
        service.free_cancellation_hours,
    ) % {"hours": service.free_cancellation_hours}


def _check_micro_profit_limits(service, resident, quantity, day):
    service_type = service.micro_profit_service.service_type
    if quantity > service_type.max_units_per_sale:
        raise CommerceError(
            _("At most %(limit)d %(unit)s of %(type)s can be bought in one order.")
            % {"limit": service_type.max_units_per_sale, "unit": service_type.display_unit, "type": service_type}
        )
    bought = units_bought_today(resident, service_type, day)
    if bought + quantity > service_type.max_units_per_resident_per_day:
        raise CommerceError(
            _("This order would take you beyond the limit of %(limit)d %(unit)s of %(type)s a day.")
            % {
                "limit": service_type.max_units_per_resident_per_day,
                "unit": service_type.display_unit,
                "type": service_type,
            }
        )


def place_order(
    resident,
    service,
    location,
    *,
    quantity=1,
    scheduled_for=None,
    address="",
    phone="",
    notes="",
    idempotency_key,
    accept_no_free_cancellation=False,
) -> Order:
    """Book a service. The price is fixed now (cap, then the best offer); the order waits for payment where the
    merchant takes online payment, else it goes to the merchant at once, to be paid at the counter. The same
    `idempotency_key` (one per booking form) returns the first order, never a second. An appointment closer than
    the service's free-cancellation time is booked only when the resident `accept_no_free_cancellation`."""
    require(resident, "commerce.book", message=_("Sign in with a resident account to book."))
    idempotency_key = require_text(idempotency_key, _("The request has no idempotency key."))
    existing = Order.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        if existing.resident_id != resident.pk:
            raise CommerceError(_("This request was already used."))
        return existing
    now = clock_source.now()
    _check_booking(service, location, quantity, scheduled_for, address, now, accept_no_free_cancellation)
    price = quote(service, location, quantity, resident)
    if price.micro_profit:
        _check_micro_profit_limits(service, resident, quantity, timezone.localdate(now))
    online = takes_online_payment(service.organization)
    try:
        with transaction.atomic():
            order = Order.objects.create(
                resident=resident,
                organization=service.organization,
                location=location,
                service=service,
                quantity=quantity,
                scheduled_for=scheduled_for if service.needs_appointment else None,
                address=(address or "").strip() if service.at_home else "",
                phone=(phone or "").strip(),
                notes=(notes or "").strip(),
                payment_method=PaymentMethod.ONLINE if online else PaymentMethod.COUNTER,
                state=Order.S.AWAITING_PAYMENT if online else Order.S.PLACED,
                list_unit_price=price.list_unit_price,
                unit_price=price.unit_price,
                micro_profit=price.micro_profit,
                subtotal=price.subtotal,
                offer=price.offer,
                group=price.group,
                discount=price.discount,
                total=price.total,
                platform_fee=platform_fee_for(price.total) if online else 0,
                idempotency_key=idempotency_key,
                created_at=now,
            )
            record(order, OrderAction.PLACED, resident)
    except IntegrityError:
        existing = Order.objects.filter(idempotency_key=idempotency_key, resident=resident).first()
        if existing is None:
            raise
        return existing
    return order


def platform_fee_for(total: Decimal) -> Decimal:
    """The platform's share of an online sale (COMMERCE_PLATFORM_FEE_PERCENT, zero unless the bureau sets one)."""
    percent = Decimal(str(settings.COMMERCE_PLATFORM_FEE_PERCENT))
    return (total * percent / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@transaction.atomic
def accept_order(order: Order, merchant) -> Order:
    require(merchant, "commerce.fulfil_order", order)
    locked = lock(order)
    before = locked.state
    move(locked, "accept", _("Only an order waiting for you can be accepted."), CommerceError)
    locked.save()
    record(locked, OrderAction.ACCEPTED, merchant, before)
    return locked


@transaction.atomic
def complete_order(order: Order, merchant) -> Order:
    """The service was delivered. An order paid at the counter counts for the discount tracker now."""
    require(merchant, "commerce.fulfil_order", order)
    locked = lock(order)
    before = locked.state
    move(
        locked,
        "complete",
        _("Only an accepted order can be completed."),
        CommerceError,
        unmet=_("The appointment has not started yet: mark the order completed once you have served it."),
    )
    locked.save()
    if locked.payment_method == PaymentMethod.COUNTER:
        benefits.record_benefits(locked)
    record(locked, OrderAction.COMPLETED, merchant, before)
    return locked


@transaction.atomic
def decline_order(order: Order, merchant, reason) -> Order:
    """The merchant cannot serve the order; what was paid online is refunded in full."""
    require(merchant, "commerce.fulfil_order", order)
    reason = require_text(reason, _("Tell the resident why you decline the order."), CommerceError)
    locked = lock(order)
    before = locked.state
    move(locked, "decline", _("Only an open order can be declined."), CommerceError)
    locked.save()
    record(locked, OrderAction.DECLINED, merchant, before, reason)
    refunds.refund_paid(locked, reason=RefundReason.DECLINED, note=reason, actor=merchant)
    return locked


def cancellation_deadline(order: Order):
    """Until when the resident may cancel with a full refund, or None where only the merchant's acceptance ends
    it (no appointment)."""
    if order.scheduled_for is None:
        return None
    return order.scheduled_for - datetime.timedelta(hours=order.service.free_cancellation_hours)


def may_cancel(order: Order, now=None) -> bool:
    now = now or clock_source.now()
    if order.state in (Order.S.AWAITING_PAYMENT, Order.S.ABANDONED):
        return True
    if order.state not in (Order.S.PLACED, Order.S.ACCEPTED):
        return False
    deadline = cancellation_deadline(order)
    if deadline is None:
        return order.state == Order.S.PLACED
    return now <= deadline


@transaction.atomic
def cancel_order(order: Order, resident, reason="") -> Order:
    """The resident cancels within the terms: before paying, or before the free-cancellation deadline (without an
    appointment: before the merchant accepts). What was paid is refunded in full."""
    require(resident, "commerce.cancel_order", order)
    locked = lock(order)
    if locked.state == Order.S.CANCELLED:
        raise CommerceError(_("This order is already cancelled."))
    if locked.state == Order.S.DECLINED:
        raise CommerceError(_("The merchant has already declined this order."))
    if not may_cancel(locked):
        raise CommerceError(
            _("This order can no longer be cancelled here; contact the merchant, or the bureau if you disagree.")
        )
    before = locked.state
    move(locked, "cancel", _("This order can no longer be cancelled."), CommerceError)
    locked.save()
    record(locked, OrderAction.CANCELLED, resident, before, (reason or "").strip())
    refunds.refund_paid(locked, reason=RefundReason.CANCELLED, note=reason or "", actor=resident)
    for payment in locked.payments.filter(state=PaymentState.OPEN).exclude(checkout_session_id=None):
        # The payment page of a cancelled order is closed, so that it cannot be paid any more.
        transaction.on_commit(lambda payment=payment: checkout.expire_checkout(payment))
    return locked
