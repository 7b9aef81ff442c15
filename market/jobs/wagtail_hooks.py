"""Registers flexible work in the Wagtail admin: the job posts (with the take-down act), the districts' minimum
wages, the reports menu and the audit log's name for the act. The city-wide settings register themselves
(`JobsSettings`, Settings menu)."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from market import clock_source
from market.admin_reports import register_reports
from market.jobs import listing
from market.jobs.admin import reports
from market.jobs.admin.acts import POST_ACTS
from market.jobs.admin.posts import JobPostViewSet
from market.jobs.admin.settings import DistrictMinimumWageViewSet
from market.registry import merchant_cache

register_snippet(DistrictMinimumWageViewSet)


@hooks.register("register_admin_viewset")
def register_job_posts():
    return JobPostViewSet()


register_reports(
    reports.REPORTS,
    url_prefix="jobs/reports/",
    menu_label=_("Flexible work reports"),
    menu_name="jobs-reports",
    menu_order=195,
    item_prefix="jobs-",
)


@hooks.register("register_log_actions")
def register_staff_acts(actions):
    POST_ACTS.register_log_actions(actions, describe=lambda act: _("Flexible work: %(act)s") % {"act": act.label})


@hooks.register("registry_merchant_page_sections", order=10)
def open_jobs_section(request, organization):
    """Each merchant page lists its open posts. A visitor who is not signed in sees what every such visitor sees,
    kept with the page (registry.merchant_cache) until a post or a hire changes it, or a post's priority window
    ends; whether a signed-in resident may apply is never kept."""
    moment = clock_source.now()

    def build():
        viewer = getattr(request, "user", None)
        jobs = listing.describe(listing.open_posts_of(organization, moment), viewer=viewer, moment=moment)
        html = render_to_string("jobs/includes/merchant_jobs.html", {"jobs": jobs}, request)
        return html, min((item.post.priority_until for item in jobs if item.in_priority_window), default=None)

    if request.user.is_authenticated:
        return build()[0]
    day = timezone.localdate(moment).isoformat()
    return merchant_cache.cached(organization.pk, "jobs", build, moment=moment, request=request, key=day)
