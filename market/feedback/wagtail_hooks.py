"""Registers the bureau's feedback screens in the Wagtail admin: complaints, the review moderation queue, the
blocked words, the "Feedback reports" menu, the dashboard panel and the admin log's names for the staff's acts.
"""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from market import clock_source
from market.admin_reports import register_reports
from market.feedback import pages
from market.feedback.admin import reports
from market.feedback.admin.acts import COMPLAINT_ACTS, REVIEW_ACTS
from market.feedback.admin.complaints import ComplaintViewSet
from market.feedback.admin.dashboard import FeedbackDashboardPanel
from market.feedback.admin.moderation import ReviewModerationViewSet
from market.feedback.admin.permissions import FeedbackStaffPolicy, works_on_feedback
from market.feedback.admin.settings import BlockedWordViewSet
from market.feedback.models import Complaint, Review
from market.feedback.templatetags.feedback import merchant_feedback_section
from market.feedback.templatetags.feedback_admin import merchant_complaint_record
from market.registry import merchant_cache

register_permission_policy(Complaint, FeedbackStaffPolicy(Complaint))
register_permission_policy(Review, FeedbackStaffPolicy(Review))
register_snippet(BlockedWordViewSet)


@hooks.register("register_admin_viewset")
def register_complaints():
    return ComplaintViewSet()


@hooks.register("register_admin_viewset")
def register_review_moderation():
    return ReviewModerationViewSet()


register_reports(
    reports.REPORTS,
    url_prefix="feedback/reports/",
    menu_label=_("Feedback reports"),
    menu_name="feedback-reports",
    menu_order=195,
)


@hooks.register("construct_homepage_panels")
def add_feedback_panel(request, panels):
    if works_on_feedback(request.user):
        panels.append(FeedbackDashboardPanel(request))


@hooks.register("register_log_actions")
def register_staff_acts(actions):
    """Each act is also in Wagtail's site history, beside the editors' page changes."""
    REVIEW_ACTS.register_log_actions(actions, describe=lambda act: _("Review moderation: %(act)s") % {"act": act.label})
    COMPLAINT_ACTS.register_log_actions(actions, describe=lambda act: _("Complaints: %(act)s") % {"act": act.label})


@hooks.register("licensing_merchant_record_panels")
def complaint_record_panel(request, organization):
    """Upheld complaints count on the merchant's record where approvers decide on a suspension."""
    return render_to_string("feedback/admin/merchant_record.html", merchant_complaint_record(organization), request)


@hooks.register("registry_merchant_page_summary")
def rating_summary(request, organization):
    """The merchant's average and count under its name, linking to the reviews below."""
    rating = pages.merchant_page_rating(organization)
    return render_to_string("feedback/includes/merchant_rating.html", {"rating": rating}, request)


@hooks.register("registry_merchant_page_sections", order=20)
def feedback_section(request, organization):
    """The merchant page's "Ratings and reviews" and "Make a complaint" sections. A visitor who is not signed in
    sees what every such visitor sees, kept with the page (registry.merchant_cache) until a review, a reply or the
    merchant changes; a signed-in resident's own reviews and links are never kept."""

    def build():
        context = merchant_feedback_section({"user": request.user, "request": request}, organization)
        return render_to_string("feedback/includes/merchant_section.html", context, request), None

    if request.user.is_authenticated:
        return build()[0]
    return merchant_cache.cached(organization.pk, "feedback", build, moment=clock_source.now(), request=request)
