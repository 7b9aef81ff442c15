"""The merchant portal's application forms. They validate what was typed; the acts themselves are the services'.

The forms of the public profile, opening hours and photos are the register's (market/registry/forms.py).
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from market import uploads
from market.licensing.models import Licence, LicenceType
from market.places.models import Community, District, Subdistrict
from market.registry.forms import DATE_INPUT, WeeklyHoursMixin, website_field
from market.registry.models import Category, Location, Organization

# The city's surroundings, generously: a point outside is a typing slip (or latitude and longitude swapped).
LATITUDE_RANGE = (Decimal(18), Decimal(54))
LONGITUDE_RANGE = (Decimal(73), Decimal(136))


class BusinessForm(forms.ModelForm):
    """Step 1: who the business is."""

    website = website_field()

    class Meta:
        model = Organization
        fields = [
            "name",
            "name_en",
            "alternate_name",
            "unified_social_credit_code",
            "legal_representative",
            "email",
            "phone",
            "website",
            "is_chain",
            "founded_by_laid_off_workers",
            "is_nonprofit_community_organization",
        ]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}

    def clean_unified_social_credit_code(self):
        # As printed on the licence, so that the uniqueness check sees the stored form.
        return self.cleaned_data["unified_social_credit_code"].strip().upper()


class CategoryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, category):
        return f"{category.parent} › {category}" if category.parent_id else str(category)


def category_choices():
    return Category.objects.select_related("parent").order_by("parent__sort_order", "sort_order", "code")


class CategoriesForm(forms.Form):
    """Step 2: what the business offers, from the category tree."""

    categories = CategoryChoiceField(
        label=_("Categories of service"),
        queryset=Category.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose every kind of service you offer; each may require its own licence."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = category_choices()


class OutletForm(WeeklyHoursMixin, forms.ModelForm):
    """Step 3: an outlet (服务网点). The sub-district and community lists follow the district and sub-district
    chosen; without JavaScript the "Show the choices" button sends the form back for them.
    """

    class Meta:
        model = Location
        fields = ["name", "address_1", "district", "subdistrict", "community", "latitude", "longitude", "phone"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel"})}
        help_texts = {
            "latitude": _("The map point, e.g. 32.041544 (north). Find it on any online map."),
            "longitude": _("The map point, e.g. 118.784682 (east)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_weekly_fields(self.instance.schedules.all() if self.instance.pk else ())
        district = self._chosen("district")
        subdistrict = self._chosen("subdistrict")
        self.fields["district"].queryset = District.objects.order_by("code")
        self.fields["subdistrict"].queryset = (
            Subdistrict.objects.filter(district_id=district) if district else Subdistrict.objects.none()
        )
        self.fields["community"].queryset = (
            Community.objects.filter(subdistrict_id=subdistrict) if subdistrict else Community.objects.none()
        )
        self.fields["subdistrict"].help_text = _("Choose the district first, then “Show the choices”.")
        self.fields["community"].help_text = _("Choose the sub-district first, then “Show the choices”.")

    def _chosen(self, field) -> str | None:
        """The id chosen for an area field: in what was sent, else in the initial values or the outlet."""
        if self.is_bound:
            return self.data.get(self.add_prefix(field)) or None
        value = self.initial.get(field) or getattr(self.instance, f"{field}_id", None)
        return str(value) if value else None

    def clean_latitude(self):
        return _in_range(self.cleaned_data["latitude"], LATITUDE_RANGE)

    def clean_longitude(self):
        return _in_range(self.cleaned_data["longitude"], LONGITUDE_RANGE)

    def clean(self):
        cleaned = super().clean()
        self.clean_weekly_hours()
        return cleaned


def _in_range(value, bounds):
    if value is not None and not bounds[0] <= value <= bounds[1]:
        raise ValidationError(
            _("This point is outside China (between %(low)s and %(high)s): check the number."),
            params={"low": bounds[0], "high": bounds[1]},
        )
    return value


class NewOutletForm(OutletForm):
    """An outlet a listed merchant asks to open (its hours are set on the profile once it is approved)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in [name for name in self.fields if name.startswith(("opens_", "closes_"))]:
            del self.fields[name]

    def clean(self):
        return forms.ModelForm.clean(self)


class MoveOutletForm(NewOutletForm):
    """A new address for an outlet: the place, the street address and the map point."""

    class Meta(OutletForm.Meta):
        fields = ["address_1", "district", "subdistrict", "community", "latitude", "longitude"]


class CloseOutletsForm(forms.Form):
    outlets = forms.MultipleChoiceField(
        label=_("Outlets to close"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They leave the register once the change is approved."),
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlets"].choices = [
            (str(location.pk), f"{location.name} · {location.address_1}") for location in organization.locations.all()
        ]


class CorrectionForm(forms.ModelForm):
    """The merchant's details a request for information named, and only those."""

    website = website_field()
    categories = CategoryChoiceField(
        label=_("Categories of service"), queryset=Category.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Organization
        fields = [
            "name",
            "name_en",
            "alternate_name",
            "unified_social_credit_code",
            "legal_representative",
            "email",
            "phone",
            "website",
        ]

    def __init__(self, *args, named, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in named:
                del self.fields[name]
        if "categories" in self.fields:
            self.fields["categories"].queryset = category_choices()
            self.fields["categories"].initial = list(self.instance.categories.all())

    def clean_unified_social_credit_code(self):
        return self.cleaned_data["unified_social_credit_code"].strip().upper()

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields if name != "categories"}


class LicenceForm(forms.ModelForm):
    """Step 4: a licence with its scan. The scan is checked by its content (see uploads.py)."""

    class Meta:
        model = Licence
        fields = ["licence_type", "number", "issuing_authority", "valid_from", "valid_to", "file"]
        widgets = {"valid_from": DATE_INPUT, "valid_to": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["licence_type"].queryset = LicenceType.objects.order_by("code")
        self.fields["file"].help_text = _("PDF, JPEG or PNG, up to %(limit)s MB.") % {
            "limit": f"{uploads.max_upload_bytes() / uploads.MEGABYTE:g}"
        }
        self.fields["file"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        uploads.check_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        valid_from, valid_to = cleaned.get("valid_from"), cleaned.get("valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            # add_error drops valid_to, so the model's constraint does not repeat this in its own words.
            self.add_error("valid_to", _("The end of validity must be after its start."))
        return cleaned


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"),
        widget=forms.Textarea,
        help_text=_("Say what you are supplying for each item. Attach replacement licences below."),
    )


class ReplacementLicenceForm(LicenceForm):
    """A replacement licence sent with an answer: optional, but complete if begun. It supersedes the licence it
    replaces (the one chosen, else the current one of its type), which stays in the audit trail."""

    replaces = forms.ModelChoiceField(
        label=_("It replaces"),
        queryset=Licence.objects.none(),
        required=False,
        empty_label=_("The current licence of the same type"),
    )

    def __init__(self, *args, application=None, **kwargs):
        kwargs.setdefault("prefix", "licence")
        super().__init__(*args, **kwargs)
        self.use_required_attribute = False
        if application is not None:
            self.fields["replaces"].queryset = (
                Licence.objects.current().filter(organization=application.organization).select_related("licence_type")
            )

    def is_filled_in(self) -> bool:
        return self.is_bound and self.has_changed()


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("The bureau sees this reason in the application's history."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that a withdrawn application cannot be resumed; I would have to apply again."),
    )


class ChangeForm(forms.Form):
    """A request to change what only the bureau changes: the legal names, the trade name and the categories."""

    name = forms.CharField(label=_("legal name (Chinese)"), max_length=200)
    name_en = forms.CharField(label=_("legal name (English)"), max_length=200, required=False)
    alternate_name = forms.CharField(label=_("trade name"), max_length=200, required=False)
    categories = CategoryChoiceField(
        label=_("Categories of service"), queryset=Category.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organization, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "name": organization.name,
                "name_en": organization.name_en,
                "alternate_name": organization.alternate_name,
                "categories": list(organization.categories.all()),
            },
        )
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["categories"].queryset = category_choices()

    def proposed_changes(self) -> dict:
        changes = {}
        for field in ("name", "name_en", "alternate_name"):
            if self.cleaned_data[field] != getattr(self.organization, field):
                changes[field] = self.cleaned_data[field]
        codes = sorted(category.code for category in self.cleaned_data["categories"])
        if codes != sorted(self.organization.categories.values_list("code", flat=True)):
            changes["category_codes"] = codes
        return changes

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.proposed_changes():
            raise ValidationError(_("Nothing has changed: edit the names or the categories."))
        return cleaned
