"""The merchant's complaint record as a Wagtail admin panel, for the staff merchant page where approvers decide on
a suspension: `{% load feedback_admin %}{% merchant_complaint_record organization %}`."""

from django import template
from django.urls import reverse

from market.feedback.merchant_record import complaint_record_for, upheld_complaints_for

register = template.Library()

LISTED_UPHELD = 10


@register.inclusion_tag("feedback/admin/merchant_record.html")
def merchant_complaint_record(organization) -> dict:
    complaints_url = reverse("complaints:index")
    return {
        "organization": organization,
        "record": complaint_record_for(organization),
        "upheld": list(upheld_complaints_for(organization)[:LISTED_UPHELD]),
        "complaints_url": f"{complaints_url}?organization={organization.pk}",
        "inspect_url_name": "complaints:inspect",
    }
