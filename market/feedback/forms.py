"""The public forms: rate and review an outlet, report a review, reply to one, complain, respond to the bureau.

They ask for what the act needs and check its shape; the services check everything again and decide.
"""


from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from market.feedback import screening, services
from market.feedback.models import ComplaintCategory, ReportReason
from market.phone_numbers import is_phone_number
from market.uploads import check_upload

STARS = [
    (5, _("5 stars: excellent")),
    (4, _("4 stars: good")),
    (3, _("3 stars: acceptable")),
    (2, _("2 stars: poor")),
    (1, _("1 star: very poor")),
]
EVIDENCE_TYPES = "application/pdf,image/jpeg,image/png"


def textarea(rows=5):
    return forms.Textarea(attrs={"rows": rows})


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=STARS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating from 1 to 5 stars.")},
    )
    text = forms.CharField(
        label=_("Your review"),
        max_length=screening.MAXIMUM_CHARACTERS,
        widget=textarea(6),
        help_text=_(
            "What went well and what did not. The merchant and other residents read it; your name is not shown. "
            "A review with a link, advertising or repeated text waits for a moderator before it appears."
        ),
        error_messages={
            "required": _("Write a few words about your visit."),
            "max_length": _("Keep your review within %(limit_value)d characters (it has %(show_value)d)."),
        },
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this review?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is wrong with the review.")},
    )
    note = forms.CharField(
        label=_("Anything the moderator should know"),
        required=False,
        max_length=1000,
        widget=textarea(3),
        error_messages={"max_length": _("Keep the details within %(limit_value)d characters.")},
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your reply"),
        max_length=screening.MAXIMUM_CHARACTERS,
        widget=textarea(5),
        help_text=_("Shown under the review for everyone to read. You can reply once; links are not allowed."),
        error_messages={
            "required": _("Write your reply."),
            "max_length": _("Keep your reply within %(limit_value)d characters (it has %(show_value)d)."),
        },
    )


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files in one input (no JavaScript needed), each checked by its content like a licence scan."""

    def __init__(self, **kwargs):
        super().__init__(widget=MultipleFileInput(attrs={"multiple": True, "accept": EVIDENCE_TYPES}), **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        if len(uploads) > services.MAXIMUM_EVIDENCE_FILES:
            raise ValidationError(
                _("Attach at most %(count)d files; choose the ones that show the problem best."),
                params={"count": services.MAXIMUM_EVIDENCE_FILES},
            )
        cleaned = [super(EvidenceField, self).clean(upload, initial) for upload in uploads]
        for upload in cleaned:
            check_upload(upload)
        return cleaned


class ComplaintForm(forms.Form):
    location = forms.ModelChoiceField(
        label=_("Outlet"),
        queryset=None,
        required=False,
        empty_label=_("Not about one outlet in particular"),
    )
    category = forms.ChoiceField(
        label=_("What is the complaint about?"),
        choices=ComplaintCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the complaint is about.")},
    )
    description = forms.CharField(
        label=_("What happened"),
        max_length=services.MAXIMUM_COMPLAINT_CHARACTERS,
        widget=textarea(7),
        help_text=_(
            "When and where it happened, what went wrong, and what you would like done. Only the bureau reads this: "
            "the merchant is told what the complaint is about, never who made it."
        ),
        error_messages={
            "required": _("Describe what happened: when, where and what went wrong."),
            "max_length": _("Keep the description within %(limit_value)d characters (it has %(show_value)d)."),
        },
    )
    evidence = EvidenceField(
        label=_("Photos or documents (optional)"),
        required=False,
        help_text=_(
            "Receipts, photos, a price list: up to 5 files in PDF, JPEG or PNG. Only bureau staff can open them."
        ),
    )
    contact_name = forms.CharField(label=_("Your name (optional)"), max_length=100, required=False)
    contact_phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        error_messages={"max_length": _("This phone number is too long.")},
    )
    contact_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Enter an e-mail address such as wang@example.cn.")},
    )

    def __init__(self, *args, organization, visitor: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.visitor = visitor
        self.fields["location"].queryset = organization.locations.all()
        if not visitor:
            # A resident is answered through their account; the bureau sees their account's details.
            for name in ("contact_name", "contact_phone", "contact_email"):
                del self.fields[name]
        else:
            help_text = _("Give a phone number, an e-mail address or both: the bureau answers you there.")
            self.fields["contact_phone"].help_text = help_text

    def clean_contact_phone(self):
        phone = self.cleaned_data.get("contact_phone", "").strip()
        if phone and not is_phone_number(phone):
            raise ValidationError(_("Enter a phone number such as 13912345678 or 025-84001234."))
        return phone

    def clean(self):
        cleaned = super().clean()
        no_contact = not (cleaned.get("contact_phone") or cleaned.get("contact_email"))
        contact_errors = "contact_phone" in self.errors or "contact_email" in self.errors
        if self.visitor and no_contact and not contact_errors:
            self.add_error(
                "contact_phone", _("Give a phone number or an e-mail address so that the bureau can answer you.")
            )
        return cleaned


class MerchantResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Your response to the bureau"),
        max_length=services.MAXIMUM_COMPLAINT_CHARACTERS,
        widget=textarea(7),
        help_text=_("What happened from your side and what you have done about it. Only the bureau reads this."),
        error_messages={
            "required": _("Write your response to the bureau."),
            "max_length": _("Keep your response within %(limit_value)d characters (it has %(show_value)d)."),
        },
    )
