"""The statutory clocks: acceptance within 5 working days or by law, decision within 20 (+10 once), pauses."""

import datetime

import pytest

from market import clock_source
from market.errors import AppError
from market.licensing import clocks
from market.licensing.models import ApplicationState, EventAction, PauseReason
from market.licensing.services.decisions import extend_decision_period
from market.licensing.services.jobs import deem_accepted_overdue_submissions
from market.licensing.services.workflow import (
    answer_information_request,
    pause_for_inspection,
    record_decision_publication,
    request_information,
    resume_decision_clock,
)

day = datetime.date


def test_an_application_not_acted_on_in_5_working_days_counts_as_accepted_on_receipt(workflow, clock):
    clock.set(day(2026, 2, 13))  # Friday before the Spring Festival
    application = workflow.submitted()
    received = application.received_at

    acceptance = clocks.clock_for(application)
    assert acceptance.stage == clocks.Stage.ACCEPTANCE
    assert acceptance.due_on == day(2026, 2, 27)

    clock.set(day(2026, 2, 27))
    assert deem_accepted_overdue_submissions() == 0
    assert clocks.clock_for(application).left == 0

    clock.set(day(2026, 3, 2))
    assert clocks.clock_for(application).overdue
    assert deem_accepted_overdue_submissions() == 1
    assert deem_accepted_overdue_submissions() == 0

    application.refresh_from_db()
    assert application.state == ApplicationState.ACCEPTED
    assert application.accepted_by_law
    assert application.accepted_at == received
    event = application.events.get(action=EventAction.ACCEPTED_BY_LAW)
    assert event.actor is None
    assert event.visible_to_applicant


def test_after_5_working_days_the_bureau_can_no_longer_send_the_application_back(workflow, people, clock):
    application = workflow.submitted()
    clock.set(day(2026, 3, 10))

    with pytest.raises(AppError):
        request_information(application, people.reviewer, ["身份证复印件"])


def test_resubmission_starts_the_acceptance_clock_again(workflow, clock):
    application = workflow.needs_information()
    clock.set(day(2026, 3, 5))

    application = answer_information_request(application, workflow.people.merchant, "已上传")

    assert clocks.clock_for(application).due_on == day(2026, 3, 12)


def test_the_decision_clock_counts_20_working_days_from_acceptance(workflow, clock):
    application = workflow.accepted()  # Monday 2 March
    clock.set(day(2026, 3, 16))

    decision = clocks.clock_for(application)

    assert decision.stage == clocks.Stage.DECISION
    assert decision.due_on == day(2026, 3, 30)
    assert (decision.used, decision.left, decision.overdue) == (10, 10, False)
    clock.set(day(2026, 3, 31))
    assert clocks.clock_for(application).overdue


def test_one_extension_adds_10_working_days_with_a_reason_the_applicant_sees(workflow, people, clock):
    application = workflow.under_review()
    clock.set(day(2026, 3, 20))

    application = extend_decision_period(application, people.approver, "需要征求区市场监管局意见")

    # 30 working days from 2 March skip the Qingming holiday (4–6 April).
    assert clocks.clock_for(application).due_on == day(2026, 4, 14)
    event = application.events.get(action=EventAction.EXTENDED)
    assert event.visible_to_applicant and event.reason == "需要征求区市场监管局意见"
    with pytest.raises(AppError):
        extend_decision_period(application, people.approver, "再次延期")
    assert application.events.filter(action=EventAction.EXTENDED).count() == 1


def test_an_extension_needs_a_reason_and_time_left(workflow, people, clock):
    application = workflow.under_review()
    with pytest.raises(AppError):
        extend_decision_period(application, people.approver, "  ")

    clock.set(day(2026, 3, 31))
    with pytest.raises(AppError):
        extend_decision_period(application, people.approver, "太晚了")


def test_an_inspection_pauses_the_decision_clock(workflow, people, clock):
    application = workflow.under_review()
    clock.set(day(2026, 3, 4))
    pause_for_inspection(application, people.reviewer, PauseReason.INSPECTION, "3月5日现场核查经营场所")
    clock.set(day(2026, 3, 9))
    paused = clocks.clock_for(application)
    assert paused.is_paused
    assert paused.used == 2  # 3 and 4 March; 5, 6 and 9 March stand still

    clock.set(day(2026, 3, 11))
    resume_decision_clock(application, people.reviewer)
    resumed = clocks.clock_for(application)

    assert not resumed.is_paused
    assert resumed.paused_days == 5
    assert resumed.due_on == day(2026, 4, 7)
    assert application.clock_pauses.get().applicant_told_in_writing


def test_a_pause_must_tell_the_applicant_and_cannot_be_doubled(workflow, people):
    application = workflow.under_review()
    with pytest.raises(AppError):
        pause_for_inspection(application, people.reviewer, PauseReason.HEARING, "")
    pause_for_inspection(application, people.reviewer, PauseReason.HEARING, "举行听证")
    with pytest.raises(AppError):
        pause_for_inspection(application, people.reviewer, PauseReason.EXPERT_REVIEW, "专家评审")


def test_waiting_for_the_applicant_during_review_does_not_count(workflow, people, clock):
    application = workflow.under_review()
    clock.set(day(2026, 3, 3))
    request_information(application, people.reviewer, ["消防验收证明", "租赁合同"])
    clock.set(day(2026, 3, 10))
    assert clocks.clock_for(application).is_paused

    answer_information_request(application, people.merchant, "已上传消防验收证明和租赁合同")

    application.refresh_from_db()
    assert application.state == ApplicationState.UNDER_REVIEW
    decision = clocks.clock_for(application)
    assert (decision.used, decision.paused_days) == (1, 5)
    assert decision.due_on == day(2026, 4, 7)


def test_the_decision_is_to_be_published_within_7_working_days_of_approval(workflow, people, clock):
    application = workflow.approved()
    approved_on = clock.today()

    publication = clocks.clock_for(application)
    assert publication.stage == clocks.Stage.PUBLICATION
    assert publication.started_on == approved_on

    record_decision_publication(application, people.reviewer)
    application.refresh_from_db()
    assert clocks.clock_for(application) is None


def test_no_clock_runs_on_a_draft_or_a_closed_application(workflow):
    assert clocks.clock_for(workflow.draft()) is None
    assert clocks.clock_for(workflow.withdrawn()) is None
    assert clocks.clock_for(workflow.rejected()) is None


def test_the_supplement_stage_shows_how_long_the_bureau_has_been_waiting(workflow, clock):
    application = workflow.needs_information()
    clock.set(day(2026, 3, 4))

    waiting = clocks.clock_for(application)

    assert waiting.stage == clocks.Stage.SUPPLEMENT
    assert (waiting.used, waiting.left, waiting.overdue, waiting.is_paused) == (2, None, False, True)


def test_the_clock_source_refuses_a_time_without_a_zone():
    with pytest.raises(ValueError):
        clock_source.set_now(datetime.datetime(2026, 3, 2, 10))
