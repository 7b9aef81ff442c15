"""The licensing lifecycle as background tasks. Each is idempotent: a second run on a day changes nothing.

`manage.py run_licensing_jobs` enqueues them in order (schedule it daily, e.g. from cron, shortly after
midnight Asia/Shanghai time); a `db_worker` runs them.
"""

from django_tasks import task

from market.licensing import reminders
from market.licensing.services import jobs


@task()
def deem_overdue_submissions_accepted() -> int:
    return jobs.deem_accepted_overdue_submissions()


@task()
def close_ended_public_notices() -> int:
    return jobs.close_ended_public_notices()


@task()
def grant_undecided_renewals() -> int:
    return jobs.grant_undecided_renewals()


@task()
def expire_lapsed_listings() -> int:
    return jobs.expire_lapsed_listings()


@task()
def send_licence_expiry_reminders() -> int:
    return reminders.send_licence_expiry_reminders()


# Renewals are granted before listings are expired, so that an Art. 50 renewal keeps its listing.
DAILY_JOBS = [
    deem_overdue_submissions_accepted,
    close_ended_public_notices,
    grant_undecided_renewals,
    expire_lapsed_listings,
    send_licence_expiry_reminders,
]
