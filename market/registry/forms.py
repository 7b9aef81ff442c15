"""The register's forms: the public list's filters, and what a listed merchant edits itself (profile, opening
hours, photos). They validate what was typed; the acts themselves are in profile.py.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from market import clock_source, uploads
from market.registry.models import Organization, Weekday

OPEN_NOW = "now"
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def category_choices(categories) -> list[tuple[str, str]]:
    """Top-level categories, each followed by its sub-categories, indented."""
    children = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    choices = []

    def add(parent_id, depth):
        for category in children.get(parent_id, []):
            choices.append((category.code, "— " * depth + category.display_name))
            add(category.pk, depth + 1)

    add(None, 0)
    return choices


class MerchantFilterForm(forms.Form):
    """The register's filters, sent by GET so that every filtered list has its own address."""

    category = forms.ChoiceField(label=_("Category"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    open = forms.ChoiceField(
        label=_("Opening hours"),
        required=False,
        choices=[("", _("Any time")), (OPEN_NOW, _("Open now"))],
    )

    def __init__(self, *args, categories, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories")), *category_choices(categories)]
        self.fields["district"].choices = [
            ("", _("All districts")),
            *((district.code, district.display_name) for district in districts),
        ]


# ---------------------------------------------------------------- the listed merchant's own edits


def website_field():
    return forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class WeeklyHoursMixin:
    """Opening and closing time for each day of the week; a day left empty is a day closed.

    One opening period a day, which is what the outlets of the register keep. Licensing's outlet step uses it too.
    """

    def add_weekly_fields(self, schedules=()):
        by_day = {schedule.byday: schedule for schedule in schedules}
        for day in Weekday:
            schedule = by_day.get(day.value)
            self.fields[f"opens_{day.value}"] = forms.TimeField(
                label=_("%(day)s opens") % {"day": day.label},
                required=False,
                widget=TIME_INPUT,
                initial=schedule.opens_at if schedule else None,
            )
            self.fields[f"closes_{day.value}"] = forms.TimeField(
                label=_("%(day)s closes") % {"day": day.label},
                required=False,
                widget=TIME_INPUT,
                initial=schedule.closes_at if schedule else None,
            )

    def clean_weekly_hours(self):
        for day in Weekday:
            opens_at = self.cleaned_data.get(f"opens_{day.value}")
            closes_at = self.cleaned_data.get(f"closes_{day.value}")
            if (opens_at is None) != (closes_at is None):
                self.add_error(f"closes_{day.value}", _("Give both the opening and the closing time, or neither."))
            elif opens_at and closes_at <= opens_at:
                self.add_error(f"closes_{day.value}", _("The closing time must be after the opening time."))

    def weekly_hours(self) -> list[tuple[int, datetime.time, datetime.time]]:
        return [
            (day.value, self.cleaned_data[f"opens_{day.value}"], self.cleaned_data[f"closes_{day.value}"])
            for day in Weekday
            if self.cleaned_data.get(f"opens_{day.value}")
        ]

    def day_rows(self):
        return [(day.label, self[f"opens_{day.value}"], self[f"closes_{day.value}"]) for day in Weekday]


class ProfileForm(forms.ModelForm):
    website = website_field()

    class Meta:
        model = Organization
        fields = ["description", "phone", "email", "website"]
        widgets = {"phone": forms.TextInput(attrs={"type": "tel"})}


class HoursForm(WeeklyHoursMixin, forms.Form):
    phone = forms.CharField(
        label=_("Phone"), max_length=30, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )

    def __init__(self, *args, location, **kwargs):
        kwargs.setdefault("initial", {"phone": location.phone})
        super().__init__(*args, **kwargs)
        self.add_weekly_fields(location.schedules.all())

    def clean(self):
        cleaned = super().clean()
        self.clean_weekly_hours()
        return cleaned


class ExceptionForm(forms.Form):
    """A dated change to the weekly hours: closed all day, or open at other times."""

    date = forms.DateField(label=_("date"), widget=DATE_INPUT)
    closed = forms.BooleanField(label=_("closed all day"), required=False)
    opens_at = forms.TimeField(label=_("opens at"), required=False, widget=TIME_INPUT)
    closes_at = forms.TimeField(label=_("closes at"), required=False, widget=TIME_INPUT)
    notes = forms.CharField(label=_("notes"), max_length=200, required=False)

    def clean_date(self):
        date = self.cleaned_data["date"]
        # A date already kept may have passed and still be sent back unchanged; a new one must be to come.
        if "date" in self.changed_data and date < clock_source.today():
            raise ValidationError(_("Choose today or a later date."))
        return date

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("closed") or not cleaned.get("date"):
            cleaned["opens_at"] = cleaned["closes_at"] = None
            return cleaned
        opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens_at is None or closes_at is None:
            raise ValidationError(_("Give the opening and closing time, or tick “closed all day”."))
        if closes_at <= opens_at:
            self.add_error("closes_at", _("The closing time must be after the opening time."))
        return cleaned


class BaseExceptionFormSet(forms.BaseFormSet):
    def clean(self):
        dates = [form.cleaned_data.get("date") for form in self.kept_forms()]
        if len(dates) != len(set(dates)):
            raise ValidationError(_("Give each date only once."))

    def kept_forms(self):
        """The dates already kept, sent back as they were or changed, unless marked for removal, and the new ones
        filled in. The outlet's exceptions are replaced by these as a whole."""
        return [
            form
            for index, form in enumerate(self.forms)
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and (index < self.initial_form_count() or form.has_changed())
        ]

    def exceptions(self) -> list[dict]:
        return [
            {key: form.cleaned_data[key] for key in ("date", "closed", "opens_at", "closes_at", "notes")}
            for form in self.kept_forms()
        ]


ExceptionFormSet = forms.formset_factory(ExceptionForm, formset=BaseExceptionFormSet, extra=2, can_delete=True)


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("photo"), help_text=_("JPEG or PNG."))
    alt_text = forms.CharField(
        label=_("text alternative"),
        max_length=250,
        help_text=_("What the photo shows, for people using a screen reader, e.g. “Shop front on Zhongshan Road”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["image"].widget.attrs["accept"] = ".jpg,.jpeg,.png,image/jpeg,image/png"

    def clean_image(self):
        upload = self.cleaned_data["image"]
        uploads.check_upload(upload, images_only=True)
        return upload
