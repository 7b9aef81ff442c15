"""The marketplace's forms for the merchant portal: a bookable service, the orders' filter, declining an order.
They validate what was typed; the acts themselves are the services' (services/catalogue.py, services/orders.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from market.commerce.models import BookableService, OrderState

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class BookableServiceForm(forms.ModelForm):
    """A service of one merchant: only its own categories, outlets and micro-profit services are offered."""

    class Meta:
        model = BookableService
        fields = [
            "name",
            "name_en",
            "description",
            "category",
            "amount",
            "unit",
            "most_units",
            "micro_profit_service",
            "locations",
            "at_home",
            "needs_appointment",
            "lead_time_hours",
            "free_cancellation_hours",
            "active",
        ]
        widgets = {"description": TEXTAREA, "locations": forms.CheckboxSelectMultiple}

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["category"].queryset = organization.categories.all()
        self.fields["locations"].queryset = organization.locations.all()
        self.fields["micro_profit_service"].queryset = organization.micro_profit_services.filter(
            active=True
        ).select_related("service_type")
        self.fields["micro_profit_service"].empty_label = _("Not a micro-profit service")
        self.fields["amount"].widget.attrs["min"] = "0.01"
        self.fields["amount"].validators.append(_positive)
        self.fields["amount"].help_text = _("In yuan, per unit. A micro-profit service is sold at or under its cap.")
        if not self.instance.pk:
            # A new service goes on sale when it is saved; "withdraw" takes it off again.
            del self.fields["active"]


def _positive(value):
    if value is not None and value <= 0:
        raise forms.ValidationError(_("The price must be more than ¥0."))


OPEN = "open"


class OrderFilterForm(forms.Form):
    """The merchant's orders, by state (sent by GET so each filtered list has its own address)."""

    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All orders")), (OPEN, _("Open orders")), *OrderState.choices],
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you decline the order"),
        help_text=_("The resident is told this reason. What they paid online is refunded in full."),
        widget=TEXTAREA,
        max_length=1000,
    )
