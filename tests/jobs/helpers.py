"""What the job tests share: a post as the merchant's form builds it, and counts of what was written."""

import datetime
from decimal import Decimal

from django.core import mail

from market import clock_source
from market.jobs.models import JobApplication, JobKind, JobPost, PayUnit
from tests.factories import CategoryFactory


def new_post(outlet, **changes) -> JobPost:
    """An unsaved part-time post at the outlet, as the merchant's form gives it to `services.publish_post`."""
    today = clock_source.today()
    values = {
        "organization": outlet.organization,
        "location": outlet,
        "category": CategoryFactory(code="retail", name="零售", name_en="Retail"),
        "title": "收银兼职",
        "kind": JobKind.PART_TIME,
        "shifts": "周一至周五 8:00–12:00",
        "hours_per_day": Decimal("4"),
        "days_per_week": 5,
        "pay_amount": Decimal("25.00"),
        "pay_unit": PayUnit.HOUR,
        "starts_on": today,
        "ends_on": today + datetime.timedelta(days=30),
        "places": 2,
        "description": "收银和整理货架。",
        "training_given": True,
    }
    values.update(changes)
    return JobPost(**values)


def written() -> tuple:
    """Everything a refused act must leave as it was: posts and their states, applications and their states,
    and the emails sent."""
    return (
        sorted(JobPost.objects.values_list("pk", "state", "places", "pay_amount", "title")),
        sorted(JobApplication.objects.values_list("pk", "state", "merchant_message")),
        len(mail.outbox),
    )
