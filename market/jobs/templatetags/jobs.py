"""The wording of pay and hours, state badges, and the numbers on the account pages and the merchant page."""

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from market import clock_source
from market.jobs import services
from market.jobs.models import JobApplication, JobApplicationState, JobPost, JobPostState, PayUnit

register = template.Library()

# A badge's colour from the state (templates/includes/badge.html); the label always says the state too.
BADGES = {
    JobApplicationState.SUBMITTED: "info",
    JobApplicationState.INVITED: "public_notice",
    JobApplicationState.HIRED: "success",
    JobApplicationState.DECLINED: "danger",
    JobApplicationState.WITHDRAWN: "warning",
    JobApplicationState.ENDED: "warning",
    JobPostState.OPEN: "success",
    JobPostState.CLOSED: "neutral",
    JobPostState.TAKEN_DOWN: "danger",
}


@register.filter
def badge(state) -> str:
    return BADGES.get(state, "neutral")


@register.filter
def pay(post) -> str:
    """"¥25.00 an hour", or "¥180.00 a day (¥22.50 an hour)"."""
    if post.pay_unit == PayUnit.DAY:
        return _("¥%(pay)s a day (¥%(hourly)s an hour)") % {"pay": post.pay_amount, "hourly": post.hourly_pay}
    return _("¥%(pay)s an hour") % {"pay": post.pay_amount}


@register.filter
def hours(post) -> str:
    """"4 hours a day, 5 days a week"."""
    return _("%(hours)s hours a day, %(days)s") % {
        "hours": post.hours_per_day.normalize(),
        "days": ngettext("%(count)d day a week", "%(count)d days a week", post.days_per_week)
        % {"count": post.days_per_week},
    }


@register.simple_tag
def resident_jobs(user) -> dict:
    moment = clock_source.now()
    applications = services.own_applications(user)
    return {
        "open_to_me": services.open_to(user, services.public_posts(moment), moment).count(),
        "is_priority": services.is_priority_resident(user),
        "latest": list(applications[:3]),
        "total": applications.count(),
    }


@register.simple_tag
def merchant_jobs(user) -> dict:
    today = clock_source.today()
    open_posts = JobPost.objects.filter(organization__owner=user, state=JobPostState.OPEN, ends_on__gte=today)
    waiting = JobApplication.objects.filter(post__organization__owner=user, state=JobApplicationState.SUBMITTED)
    return {
        "listed": services.listed_organizations_of(user).exists(),
        "open_posts": open_posts.count(),
        "waiting": waiting.count(),
    }
