"""The resident's booking form for one bookable service: which outlet, how many, when (for an appointment), where
(at home), a phone and notes, and where the appointment is closer than the free-cancellation time, the resident's
confirmation. The service checks everything again; the form shows its refusals on the fields they concern."""

import datetime
import uuid

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from market import clock_source
from market.commerce.errors import BookingFieldError
from market.commerce.services import orders
from market.phone_numbers import validate_phone_number

DATETIME_INPUT = "%Y-%m-%dT%H:%M"


def new_idempotency_key() -> str:
    return uuid.uuid4().hex


class BookingForm(forms.Form):
    location = forms.ModelChoiceField(queryset=None, label=_("Outlet"), empty_label=None)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, initial=1)
    scheduled_for = forms.DateTimeField(
        label=_("Date and time"),
        required=False,
        input_formats=[DATETIME_INPUT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_INPUT),
    )
    address = forms.CharField(label=_("Address for the visit"), max_length=300, required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("For the merchant to reach you about this order."),
        validators=[validate_phone_number],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    notes = forms.CharField(
        label=_("Notes for the merchant"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    accept_no_free_cancellation = forms.BooleanField(
        label=_("I understand that this booking cannot be cancelled free of charge."), required=False
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, service, preview=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.preview = preview
        # Set by clean(): the chosen appointment is closer than the free-cancellation time, so the resident is asked.
        self.inside_free_cancellation_window = False
        self.fields["location"].queryset = service.locations.filter(organization=service.organization)
        self.fields["quantity"].validators.append(MaxValueValidator(service.most_units))
        self.fields["quantity"].widget.attrs.update({"min": 1, "max": service.most_units})
        self.fields["quantity"].help_text = service.get_unit_display()
        if service.needs_appointment:
            field = self.fields["scheduled_for"]
            field.required = True
            earliest = timezone.localtime(clock_source.now() + datetime.timedelta(hours=service.lead_time_hours))
            field.widget.attrs["min"] = earliest.strftime(DATETIME_INPUT)
            field.help_text = ngettext_lazy(
                "Book at least %(hours)d hour ahead: the earliest is %(earliest)s.",
                "Book at least %(hours)d hours ahead: the earliest is %(earliest)s.",
                "hours",
            ) % {"hours": service.lead_time_hours, "earliest": earliest.strftime("%Y-%m-%d %H:%M")}
        else:
            del self.fields["scheduled_for"]
            del self.fields["accept_no_free_cancellation"]
        if service.at_home:
            self.fields["address"].required = True
            self.fields["address"].widget.attrs["autocomplete"] = "street-address"
        else:
            del self.fields["address"]

    def clean(self):
        """The appointment's time against the service's rules and the outlet's hours, shown on the time field; and
        inside the free-cancellation window, the resident's confirmation (asked, not required, on a price preview)."""
        data = super().clean()
        scheduled_for = data.get("scheduled_for")
        if not self.service.needs_appointment or scheduled_for is None:
            return data
        try:
            orders.check_appointment(self.service, data.get("location"), scheduled_for)
        except BookingFieldError as error:
            self.add_error(error.field, str(error))
            return data
        self.inside_free_cancellation_window = orders.inside_free_cancellation_window(self.service, scheduled_for)
        if self.inside_free_cancellation_window and not data.get("accept_no_free_cancellation") and not self.preview:
            self.add_error("accept_no_free_cancellation", orders.no_free_cancellation_message(self.service))
        return data
