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
    missing_items = forms.CharField(
        label=_("Everything that is missing, one item a line"),
        help_text=_("The law asks for all missing material at once: list every item now."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    note = forms.CharField(label=_("Note to the applicant"), required=False, widget=TEXTAREA)

    def clean_missing_items(self):
        return [line.strip() for line in self.cleaned_data["missing_items"].splitlines() if line.strip()]


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


class RejectForm(forms.Form):
    reasons = forms.CharField(label=_("Reasons for the rejection"), widget=forms.Textarea(attrs={"rows": 4}))


class AnswerObjectionForm(forms.Form):
    objection = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.CharField(label=_("Answer"), widget=TEXTAREA)
