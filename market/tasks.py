"""Background tasks that retry. django-tasks has no retry of its own; `retrying_task` adds one.

A task made with `@retrying_task()` runs its function; if the function raises, the task enqueues itself again with
the next attempt number (the keyword argument `attempt`, which the function does not see), deferred by a delay that
doubles each time where the backend can defer (django_tasks_db in production: 1, 2, 4, 8 minutes), at once where it
cannot (the immediate backend of development and tests). The attempt that hands over to a retry ends normally, with
a warning logged; the last one logs an error and fails, so that the failed task is in the task results and the
error in the logs. Only idempotent work belongs here: an attempt may have done part of it before it failed.
"""

import datetime
import functools
import logging

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

ATTEMPTS = 5
FIRST_DELAY = datetime.timedelta(minutes=1)


def retry_delay(attempt: int, first_delay: datetime.timedelta = FIRST_DELAY) -> datetime.timedelta:
    """How long to wait after the given (failed) attempt before the next."""
    return first_delay * 2 ** (attempt - 1)


def retrying_task(*, attempts: int = ATTEMPTS, first_delay: datetime.timedelta = FIRST_DELAY, **task_options):
    """Like django-tasks' `@task(...)`, for a module-level function that is safe to run again."""

    def decorate(function):
        @functools.wraps(function)
        def run(*args, attempt: int = 1, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception:
                name = f"{function.__module__}.{function.__qualname__}"
                if attempt >= attempts:
                    logger.error("%s%r failed %d times; giving up.", name, tuple(args), attempt, exc_info=True)
                    raise
                retry = retrying
                delay = retry_delay(attempt, first_delay)
                if retry.get_backend().supports_defer:
                    retry = retry.using(run_after=timezone.now() + delay)
                    when = f"in {delay}"
                else:
                    when = "at once"
                logger.warning(
                    "%s%r failed (attempt %d of %d); retrying %s.",
                    name,
                    tuple(args),
                    attempt,
                    attempts,
                    when,
                    exc_info=True,
                )
                retry.enqueue(*args, attempt=attempt + 1, **kwargs)
                return None

        retrying = task(**task_options)(run)
        return retrying

    return decorate
