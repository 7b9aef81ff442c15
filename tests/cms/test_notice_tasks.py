"""The public notice is statutory, so its pages are opened and closed by background tasks that retry, and
`manage.py notice_drift` finds and repairs what still slipped."""

import datetime
import io
import logging

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import default_task_backend

from cms import notices, tasks
from cms.models import NoticePage
from market import tasks as retries
from market.licensing.models import ApplicationState
from market.licensing.services.workflow import recommend_approval, withdraw_application
from tests.licensing.conftest import Workflow
from tests.licensing.conftest import catering as catering
from tests.licensing.conftest import clock as clock
from tests.licensing.conftest import people as people

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_files")]


@pytest.fixture
def workflow(people, catering, clock):
    return Workflow(people, catering, clock)


@pytest.fixture
def publish_fails(monkeypatch):
    """Make publishing a notice fail on its first `failures` calls, then work; counts the calls."""
    real_publish = notices.publish_notice
    calls = []

    def fail(failures):
        def publish(application):
            calls.append(application.pk)
            if len(calls) <= failures:
                raise ConnectionError("the page tree is locked")
            return real_publish(application)

        monkeypatch.setattr(notices, "publish_notice", publish)
        return calls

    return fail


def shown_open(application) -> set[str]:
    pages = NoticePage.objects.live().filter(application=application, closed_at__isnull=True)
    return set(pages.values_list("locale__language_code", flat=True))


def put_on_notice(workflow, django_capture_on_commit_callbacks):
    application = workflow.under_review()
    with django_capture_on_commit_callbacks(execute=True):
        recommend_approval(application, workflow.people.reviewer, "材料齐全")
    application.refresh_from_db()
    return application


# ---------------------------------------------------------------- retries


def test_a_notice_page_that_fails_to_publish_is_published_by_the_retry(
    workflow, sections, publish_fails, django_capture_on_commit_callbacks, caplog
):
    calls = publish_fails(failures=1)

    application = put_on_notice(workflow, django_capture_on_commit_callbacks)

    assert application.state == ApplicationState.PUBLIC_NOTICE
    assert len(calls) == 2
    assert shown_open(application) == {"zh-hans", "en"}
    assert any(record.levelno == logging.WARNING and "retrying" in record.message for record in caplog.records)


def test_a_publish_that_keeps_failing_stops_after_the_bounded_attempts_with_an_error_and_the_act_stands(
    workflow, sections, publish_fails, django_capture_on_commit_callbacks, caplog
):
    calls = publish_fails(failures=100)

    application = put_on_notice(workflow, django_capture_on_commit_callbacks)  # raises nothing

    assert application.state == ApplicationState.PUBLIC_NOTICE
    assert len(calls) == retries.ATTEMPTS
    assert shown_open(application) == set()
    errors = [record for record in caplog.records if record.levelno == logging.ERROR and record.name == "market.tasks"]
    assert len(errors) == 1
    assert "giving up" in errors[0].message


def test_where_the_backend_can_defer_each_retry_waits_twice_as_long(workflow, sections, publish_fails, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    publish_fails(failures=100)
    application = workflow.public_notice()  # committed callbacks not run: no page yet
    try:
        before = timezone.now()
        tasks.open_notice_page.call(application.pk)
        tasks.open_notice_page.call(application.pk, attempt=2)
        first, second = default_task_backend.results
    finally:
        default_task_backend.clear()

    assert (first.args, first.kwargs) == ([application.pk], {"attempt": 2})
    assert (second.args, second.kwargs) == ([application.pk], {"attempt": 3})
    assert before + datetime.timedelta(minutes=1) <= first.task.run_after < before + datetime.timedelta(minutes=2)
    assert before + datetime.timedelta(minutes=2) <= second.task.run_after < before + datetime.timedelta(minutes=3)


def test_a_late_retry_does_not_reopen_a_notice_that_has_ended(workflow, sections):
    application = workflow.public_notice()  # the open task has not run
    withdraw_application(application, workflow.people.merchant, "不再经营")

    assert tasks.open_notice_page.call(application.pk) == 0
    assert not NoticePage.objects.filter(application=application).exists()


# ---------------------------------------------------------------- the drift check


def drift(*options) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("notice_drift", *options, stdout=out)
    except SystemExit as exit:
        return exit.code, out.getvalue()
    return 0, out.getvalue()


def test_the_drift_check_finds_a_missing_and_a_stale_notice_and_repairs_both(
    workflow, sections, django_capture_on_commit_callbacks
):
    missing = workflow.public_notice()  # committed, but its open task never ran
    stale = put_on_notice(workflow, django_capture_on_commit_callbacks)
    withdraw_application(stale, workflow.people.merchant, "不再经营")  # its close task never ran
    assert shown_open(missing) == set() and shown_open(stale) == {"zh-hans", "en"}

    status, report = drift()

    assert status == 1
    assert "Notice languages: en, zh-hans" in report
    assert f"application {missing.pk} " in report and "en, zh-hans" in report
    stale_pages = NoticePage.objects.filter(application=stale)
    assert all(f"page {page.pk} " in report for page in stale_pages)
    assert "--repair" in report
    assert shown_open(missing) == set()  # listing changes nothing

    status, report = drift("--repair")

    assert status == 0
    assert "Repaired: 1 notices published, 2 pages closed." in report
    assert shown_open(missing) == {"zh-hans", "en"}
    assert shown_open(stale) == set()
    assert all(page.live for page in NoticePage.objects.filter(application=stale))
    assert drift() == (0, "Notice languages: en, zh-hans\nNo drift.\n")


def test_a_notice_page_unpublished_by_hand_during_the_notice_is_drift_and_is_shown_again(
    workflow, sections, django_capture_on_commit_callbacks
):
    application = put_on_notice(workflow, django_capture_on_commit_callbacks)
    NoticePage.objects.get(application=application, locale__language_code="en").unpublish()

    status, report = drift("--repair")

    assert status == 0
    assert f"application {application.pk} " in report
    assert shown_open(application) == {"zh-hans", "en"}
    assert NoticePage.objects.filter(application=application).count() == 2
