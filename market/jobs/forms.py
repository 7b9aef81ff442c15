"""The forms of flexible work. They check what was typed; the rules of a post and their refusals are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from market import clock_source
from market.jobs import services
from market.jobs.models import JobKind, JobPost, validate_cv_file
from market.registry.forms import category_choices
from market.registry.models import Category, Location

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SORT_NEWEST = "newest"
SORT_NEAREST = "nearest"
HOURS_CHOICES = [
    ("", _("Any hours")),
    ("4", _("Up to 4 hours a day")),
    ("6", _("Up to 6 hours a day")),
    ("8", _("Up to 8 hours a day")),
]


class OutletChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, outlet):
        return f"{outlet.organization} · {outlet.name} · {outlet.address_1}"


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, category):
        return category.display_name


class JobPostForm(forms.ModelForm):
    """A new post names its business where the merchant has several; an existing post keeps its own."""

    location = OutletChoiceField(
        label=_("Outlet where the work is"), queryset=Location.objects.none(), empty_label=None
    )
    category = CategoryChoiceField(label=_("Category"), queryset=None, empty_label=None)

    class Meta:
        model = JobPost
        fields = [
            "organization",
            "location",
            "title",
            "category",
            "kind",
            "shifts",
            "hours_per_day",
            "days_per_week",
            "pay_amount",
            "pay_unit",
            "starts_on",
            "ends_on",
            "places",
            "description",
            "training_given",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "pay_unit": forms.RadioSelect,
            "hours_per_day": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5", "min": "0.5"}),
            "days_per_week": forms.NumberInput(attrs={"min": "1", "max": "7"}),
            "pay_amount": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01", "min": "0.01"}),
            "places": forms.NumberInput(attrs={"min": "1"}),
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "pay_amount": _(
                "In yuan. Never below the bureau's minimum hourly wage for part-time work where the outlet is; "
                "pay per day is divided by the hours of a day to compare."
            ),
            "hours_per_day": _("Part-time work is at most 4 hours a day and 24 hours a week."),
        }

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = services.listed_organizations_of(user)
        self.fields["category"].queryset = Category.objects.all()
        outlets = Location.objects.filter(organization__in=organizations).select_related("organization")
        if self.instance.pk:
            del self.fields["organization"]
            outlets = Location.objects.filter(organization=self.instance.organization).select_related("organization")
        else:
            self.fields["organization"].queryset = organizations
            self.fields["organization"].empty_label = None
            first = organizations.first()
            if organizations.count() == 1:
                self.fields["organization"].widget = forms.HiddenInput()
            defaults = {
                "organization": first.pk if first else None,
                "category": next((category.pk for category in first.categories.all()), None) if first else None,
                "starts_on": clock_source.today(),
                "places": 1,
                "days_per_week": 5,
            }
            for name, value in defaults.items():
                # A new instance puts empty values in `initial`: the defaults replace them, not what was typed.
                if self.initial.get(name) is None:
                    self.initial[name] = value
        self.fields["kind"].choices = JobKind.choices  # a radio per kind, without Django's blank "---------"
        self.fields["location"].queryset = outlets


class ApplicationForm(forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=100)
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("The merchant calls you on this number."),
    )
    availability = forms.CharField(
        label=_("When you can work"),
        max_length=300,
        help_text=_("e.g. weekday mornings; from 1 April"),
    )
    experience = forms.CharField(
        label=_("Your experience"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Work you have done that fits this job. A few lines are enough."),
    )
    cv = forms.FileField(
        label=_("CV (optional)"),
        required=False,
        validators=[validate_cv_file],
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
        help_text=_("PDF, JPEG or PNG, up to 10 MB. Only this merchant and you can open it."),
    )


class MessageForm(forms.Form):
    """The merchant's note with an invitation (when and where) or a refusal (optional, kind)."""

    message = forms.CharField(
        label=_("Message to the applicant (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class JobFilterForm(forms.Form):
    """The jobs page's filters, sent by GET so that every filtered list has its own address."""

    district = forms.ChoiceField(label=_("District"), required=False)
    subdistrict = forms.TypedChoiceField(label=_("Sub-district"), required=False, coerce=int, empty_value=None)
    category = forms.ChoiceField(label=_("Category"), required=False)
    kind = forms.ChoiceField(label=_("Kind of work"), required=False)
    pay_from = forms.DecimalField(
        label=_("Pay from (yuan an hour)"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5", "min": "0"}),
        help_text=_("Pay per day counts as pay per hour of its working day."),
    )
    hours = forms.ChoiceField(label=_("Working hours"), required=False, choices=HOURS_CHOICES)
    open_to_me = forms.BooleanField(label=_("Only posts open to me now"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[(SORT_NEWEST, _("Newest first")), (SORT_NEAREST, _("Nearest first"))],
        widget=forms.RadioSelect,
    )
    near = forms.TypedChoiceField(
        label=_("Near"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("For “Nearest first”: distance is measured in a straight line from this sub-district's centre."),
    )

    def __init__(self, *args, categories, districts, subdistricts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = [
            ("", _("All districts")),
            *((district.code, district.display_name) for district in districts),
        ]
        grouped = {}
        for subdistrict in subdistricts:
            grouped.setdefault(subdistrict.district.display_name, []).append((subdistrict.pk, subdistrict.display_name))
        self.fields["subdistrict"].choices = [("", _("All sub-districts")), *grouped.items()]
        self.fields["near"].choices = [("", _("Choose a sub-district")), *grouped.items()]
        self.fields["category"].choices = [("", _("All categories")), *category_choices(categories)]
        self.fields["kind"].choices = [("", _("All kinds")), *JobKind.choices]
        self.subdistricts = {subdistrict.pk: subdistrict for subdistrict in subdistricts}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sort") == SORT_NEAREST and not (
            cleaned.get("near") or cleaned.get("subdistrict") or cleaned.get("district")
        ):
            self.add_error("near", _("To sort by distance, choose the sub-district to measure from."))
        return cleaned
