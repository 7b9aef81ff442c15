"""The resident's booking form for one bookable service: which outlet, how many, when (for an appointment), where
(at home), a phone and notes. The service checks everything again; the form only shapes what was typed."""

import datetime
import uuid

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from market import clock_source

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
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    notes = forms.CharField(
        label=_("Notes for the merchant"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
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
        if service.at_home:
            self.fields["address"].required = True
            self.fields["address"].widget.attrs["autocomplete"] = "street-address"
        else:
            del self.fields["address"]
