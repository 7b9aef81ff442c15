"""The discount tracker's daily jobs as background tasks; each is idempotent.

`manage.py run_discount_jobs` enqueues them (schedule it daily, like `run_licensing_jobs`); a `db_worker` runs them.
"""

from django_tasks import task

from market.discounts import codes, reminders


@task()
def send_eligibility_renewal_reminders() -> int:
    return reminders.send_eligibility_renewal_reminders()


@task()
def forget_old_code_failures() -> int:
    return codes.forget_old_failures()


DAILY_JOBS = [send_eligibility_renewal_reminders, forget_old_code_failures]
