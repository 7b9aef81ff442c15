"""The staff's action forms. Each asks for what the act needs; the service checks it again and decides."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from market.accounts.roles import Role
from market.licensing.models import PauseReason

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class ConfirmForm(forms.Form):
    """An act that needs nothing more than the button."""


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=_("Reviewer"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            get_user_model().objects.filter(groups__name=Role.REVIEWER.value, is_active=True).order_by("username")
        )


class RequestInformationForm(forms.Form):
    """Everything missing at once, and what the applicant may correct in the portal: the merchant's fields, its
    outlets and its licence scans, each named."""

    missing_items = forms.CharField(
        label=_("Everything that is missing, one item a line"),
        help_text=_("The law asks for all missing material at once: list every item now."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    fields = forms.MultipleChoiceField(
        label=_("Details of the merchant to correct"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outlets = forms.MultipleChoiceField(
        label=_("Outlets to correct (address, sub-district, map point)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    licences = forms.MultipleChoiceField(
        label=_("Licence scans to replace"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note to the applicant"), required=False, widget=TEXTAREA)

    def __init__(self, *args, record=None, **kwargs):
        from market.licensing.corrections import CORRECTABLE_FIELDS
        from market.licensing.models import Licence

        super().__init__(*args, **kwargs)
        self.fields["fields"].choices = [(name, label) for name, label in CORRECTABLE_FIELDS.items()]
        if record is not None:
            organization = record.organization
            self.fields["outlets"].choices = [
                (str(location.pk), f"{location.name} · {location.address_1}")
                for location in organization.locations.order_by("pk")
            ]
            self.fields["licences"].choices = [
                (str(licence.pk), f"{licence.licence_type} {licence.number}")
                for licence in Licence.objects.current()
                .filter(organization=organization)
                .select_related("licence_type")
            ]
        for name in ("outlets", "licences"):
            if not self.fields[name].choices:
                del self.fields[name]

    def clean_missing_items(self):
        return [line.strip() for line in self.cleaned_data["missing_items"].splitlines() if line.strip()]

    def clean(self):
        cleaned = super().clean()
        if not (
            cleaned.get("missing_items") or cleaned.get("fields") or cleaned.get("outlets") or cleaned.get("licences")
        ):
            raise forms.ValidationError(_("List every missing item, or name what the applicant must correct."))
        return cleaned

    def corrections(self) -> dict:
        return {
            "fields": self.cleaned_data.get("fields", []),
            "outlets": [int(pk) for pk in self.cleaned_data.get("outlets", [])],
            "licences": [int(pk) for pk in self.cleaned_data.get("licences", [])],
        }


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note for the approver"), required=False, widget=TEXTAREA)


class RequiredNoteForm(forms.Form):
    note = forms.CharField(label=_("Reasons for recommending rejection"), widget=TEXTAREA)


class ExtensionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the extension"),
        help_text=_("The applicant is told this reason."),
        widget=TEXTAREA,
    )


class PauseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why the clock stops"),
        choices=[(reason.value, reason.label) for reason in PauseReason if reason != PauseReason.WAITING_FOR_APPLICANT],
    )
    written_notice = forms.CharField(
        label=_("Written notice to the applicant"),
        help_text=_("Time for inspections, hearings and expert review does not count; say so in writing."),
        widget=TEXTAREA,
    )


class ApproveForm(forms.Form):
    reasons = forms.CharField(label=_("Remarks on the decision"), required=False, widget=TEXTAREA)


class NotAcceptForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for not accepting"),
        help_text=_("E.g. the business needs no listing, or another authority decides. The written decision gives "
                    "these reasons and the rights of review."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RejectForm(forms.Form):
    reasons = forms.CharField(label=_("Reasons for the rejection"), widget=forms.Textarea(attrs={"rows": 4}))


class AnswerObjectionForm(forms.Form):
    objection = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(label=_("Answer"), widget=TEXTAREA)
