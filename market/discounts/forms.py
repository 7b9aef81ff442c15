"""The benefit pages' forms. They check what was typed; the acts and their refusals are the services'."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.discounts import identity, pages
from market.discounts.models import EligibilityGroup, MicroProfitService, MicroProfitServiceType, Offer
from market.discounts.uploads import validate_proof_file

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY_INPUT = forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01", "min": "0.01"})


def new_idempotency_key() -> str:
    """One per rendered counter form: submitting it twice, or refreshing, records once."""
    return uuid.uuid4().hex


class IdempotentForm(forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", new_idempotency_key())
        super().__init__(*args, **kwargs)


# ---------------------------------------------------------------- residents


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, group):
        return group.display_name


class EligibilityApplicationForm(forms.Form):
    group = GroupChoiceField(
        label=_("Which group do you belong to?"),
        queryset=EligibilityGroup.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    real_name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        help_text=_("As it is on your ID card."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    id_number = forms.CharField(
        label=_("ID number (居民身份证号)"),
        max_length=30,
        help_text=_(
            "18 characters, as on your ID card. It is stored encrypted and shown only to the reviewer who checks "
            "your proof; elsewhere only its first and last four characters appear."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "text", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )
    proof = forms.FileField(
        label=_("Proof"),
        required=False,
        validators=[validate_proof_file],
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
        help_text=_(
            "A photo or scan of your certificate (for the elderly: your ID card, the side with your photo): PDF, "
            "JPEG or PNG, up to 10 MB. Only reviewers see it."
        ),
    )

    def clean_id_number(self):
        return identity.validate_id_number(self.cleaned_data["id_number"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = EligibilityGroup.objects.filter(active=True)


# ---------------------------------------------------------------- merchants: offers and services


class OutletChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, outlet):
        return f"{outlet.name} · {outlet.address_1}"


class GroupsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, group):
        return group.display_name


class OfferForm(forms.ModelForm):
    """A new offer names its business (when the merchant has several); an existing one keeps its own."""

    locations = OutletChoiceField(
        label=_("Outlets"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    groups = GroupsChoiceField(
        label=_("For residents in these groups"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Offer
        fields = [
            "organization",
            "name",
            "locations",
            "groups",
            "kind",
            "amount",
            "maximum_discount",
            "minimum_spend",
            "valid_from",
            "valid_to",
            "total_quota",
            "per_person_quota",
            "quota_period",
            "terms",
            "active",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "amount": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
            "maximum_discount": MONEY_INPUT,
            "minimum_spend": MONEY_INPUT,
            "valid_from": DATE_INPUT,
            "valid_to": DATE_INPUT,
        }

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locations"].queryset = pages.own_outlets(user)
        self.fields["groups"].queryset = EligibilityGroup.objects.filter(active=True)
        if self.instance.pk:
            del self.fields["organization"]
            self.fields["locations"].queryset = self.fields["locations"].queryset.filter(
                organization=self.instance.organization
            )
        else:
            self.fields["organization"].queryset = pages.listed_organizations(user)
            self.fields["organization"].empty_label = None
            self.initial.setdefault("valid_from", clock_source.today())


class ServiceTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, service_type):
        return _("%(type)s (%(category)s): cap ¥%(cap)s, subsidy ¥%(subsidy)s per %(unit)s") % {
            "type": service_type.display_name,
            "category": service_type.category,
            "cap": service_type.price_cap,
            "subsidy": service_type.subsidy_per_unit,
            "unit": service_type.display_unit,
        }


class MicroProfitServiceForm(forms.ModelForm):
    service_type = ServiceTypeChoiceField(label=_("Type of service"), queryset=None, empty_label=None)
    locations = OutletChoiceField(
        label=_("Outlets"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = MicroProfitService
        fields = ["organization", "service_type", "name", "price", "locations", "active"]
        widgets = {"price": MONEY_INPUT}

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = clock_source.today()
        self.fields["service_type"].queryset = (
            MicroProfitServiceType.objects.filter(valid_from__lte=today)
            .exclude(valid_to__lt=today)
            .select_related("category")
        )
        self.fields["locations"].queryset = pages.own_outlets(user)
        if self.instance.pk:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = pages.listed_organizations(user)
            self.fields["organization"].empty_label = None


# ---------------------------------------------------------------- merchants: the counter


class CounterOutletField(forms.ModelChoiceField):
    def label_from_instance(self, outlet):
        return f"{outlet.organization} · {outlet.name}"


CODE_HELP = _(
    "Scan the QR code on the resident's phone, or type the 10-character code they were given (e.g. K7QMX-2HRWA) or "
    "the number of their benefit card. Letters may be typed in lower case."
)


class CodeLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Resident's benefit code"),
        max_length=100,
        help_text=CODE_HELP,
        widget=forms.TextInput(
            attrs={
                "class": "code-input",
                "inputmode": "text",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "autocorrect": "off",
                "spellcheck": "false",
                "enterkeyhint": "go",
            }
        ),
    )
    outlet = CounterOutletField(label=_("Outlet"), queryset=None, empty_label=None)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = pages.own_outlets(user)


class OfferRadioField(forms.ModelChoiceField):
    widget = forms.RadioSelect

    def label_from_instance(self, offer):
        terms = pages.describe_discount(offer.kind, offer.amount, offer.maximum_discount, offer.minimum_spend)
        return f"{offer.name} · {terms}"


class RedemptionForm(IdempotentForm):
    """The second step at the counter: the offer, the bill; the code and outlet come from the first."""

    code = forms.CharField(widget=forms.HiddenInput, max_length=1000)  # the counter pass of the code's check
    outlet = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    offer = OfferRadioField(label=_("Offer"), queryset=None, empty_label=None)
    amount_before = forms.DecimalField(
        label=_("Amount before the discount (yuan)"),
        max_digits=12,
        decimal_places=2,
        min_value=0.01,
        widget=forms.NumberInput(attrs={"class": "amount-input", "inputmode": "decimal", "step": "0.01"}),
    )

    def __init__(self, user, *args, offer_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = pages.own_outlets(user)
        offers = Offer.objects.filter(organization__owner=user).order_by("name", "pk")
        if offer_ids is not None:
            offers = offers.filter(pk__in=offer_ids)
        self.fields["offer"].queryset = offers


class ReversalForm(IdempotentForm):
    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. wrong amount typed. The original record stays; a correcting record is added."),
    )


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, service):
        return _("%(name)s · ¥%(price)s") % {"name": service.name, "price": service.resident_price}


class SaleForm(IdempotentForm):
    code = forms.CharField(
        label=_("Resident's benefit code"),
        max_length=100,
        help_text=CODE_HELP,
        widget=forms.TextInput(
            attrs={
                "class": "code-input",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "autocorrect": "off",
                "spellcheck": "false",
            }
        ),
    )
    service = ServiceChoiceField(label=_("Micro-profit service"), queryset=None, empty_label=None)
    outlet = CounterOutletField(label=_("Outlet"), queryset=None, empty_label=None)
    quantity = forms.IntegerField(
        label=_("How many"), min_value=1, initial=1, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = pages.own_micro_profit_services(user).filter(
            active=True, organization__in=pages.listed_organizations(user)
        )
        self.fields["outlet"].queryset = pages.own_outlets(user)


# ---------------------------------------------------------------- merchants: subsidy claims


class ClaimForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Business"), queryset=None, empty_label=None)
    period_start = forms.DateField(label=_("Period from"), widget=DATE_INPUT)
    period_end = forms.DateField(label=_("Period to"), widget=DATE_INPUT)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = pages.listed_organizations(user)
