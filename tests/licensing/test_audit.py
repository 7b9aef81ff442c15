"""The audit trail: every act recorded with who, when, from, to and why; nothing in it changes afterwards."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from market.licensing.models import ApplicationEvent, ApplicationState, EventAction, ListingEvent
from market.licensing.services.decisions import approve_application
from market.licensing.services.workflow import (
    accept_application,
    answer_information_request,
    answer_objection,
    recommend_approval,
    record_objection,
    start_review,
)

S = ApplicationState


def test_the_whole_path_is_recorded_in_order(workflow, people, clock):
    application = workflow.needs_information()
    answer_information_request(application, people.merchant, "已补充营业执照副本")
    accept_application(application, people.reviewer)
    start_review(application, people.reviewer)
    recommend_approval(application, people.reviewer, "符合条件")
    application.refresh_from_db()
    record_objection(application, people.resident, "噪音扰民")
    answer_objection(application.objections.get(), people.reviewer, "已核实，无噪音问题")
    clock.set(application.notice_ends_on + datetime.timedelta(days=1))
    approve_application(application, people.approver, "准予列入名录")

    trail = list(application.events.values_list("action", "from_state", "to_state", "actor"))
    merchant, reviewer, approver, resident = (
        people.merchant.pk,
        people.reviewer.pk,
        people.approver.pk,
        people.resident.pk,
    )
    assert trail == [
        (EventAction.SUBMITTED, S.DRAFT, S.SUBMITTED, merchant),
        (EventAction.INFORMATION_REQUESTED, S.SUBMITTED, S.NEEDS_INFORMATION, reviewer),
        (EventAction.DOCUMENT_ISSUED, S.NEEDS_INFORMATION, S.NEEDS_INFORMATION, reviewer),
        (EventAction.INFORMATION_SUPPLIED, S.NEEDS_INFORMATION, S.RESUBMITTED, merchant),
        (EventAction.ACCEPTED, S.RESUBMITTED, S.ACCEPTED, reviewer),
        (EventAction.DOCUMENT_ISSUED, S.ACCEPTED, S.ACCEPTED, reviewer),
        (EventAction.REVIEW_STARTED, S.ACCEPTED, S.UNDER_REVIEW, reviewer),
        (EventAction.RECOMMENDED_APPROVAL, S.UNDER_REVIEW, S.UNDER_REVIEW, reviewer),
        (EventAction.NOTICE_OPENED, S.UNDER_REVIEW, S.PUBLIC_NOTICE, reviewer),
        (EventAction.OBJECTION_RECORDED, S.PUBLIC_NOTICE, S.PUBLIC_NOTICE, resident),
        (EventAction.OBJECTION_ANSWERED, S.PUBLIC_NOTICE, S.PUBLIC_NOTICE, reviewer),
        (EventAction.NOTICE_CLOSED, S.PUBLIC_NOTICE, S.PUBLIC_NOTICE, approver),
        (EventAction.APPROVED, S.PUBLIC_NOTICE, S.APPROVED, approver),
        (EventAction.DOCUMENT_ISSUED, S.APPROVED, S.APPROVED, approver),  # the decision
        (EventAction.DOCUMENT_ISSUED, S.APPROVED, S.APPROVED, approver),  # the certificate
    ]
    # The merchant sees what concerns them; the reviewer's internal recommendation stays with staff.
    hidden = application.events.filter(visible_to_applicant=False).values_list("action", flat=True)
    assert list(hidden) == [EventAction.RECOMMENDED_APPROVAL]
    assert application.events.get(action=EventAction.APPROVED).reason == "准予列入名录"


def test_an_event_cannot_be_changed_or_deleted(workflow):
    event = workflow.submitted().events.last()

    event.reason = "改写历史"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    with pytest.raises(ValidationError):
        ApplicationEvent.objects.filter(pk=event.pk).update(reason="改写历史")
    with pytest.raises(ValidationError):
        ApplicationEvent.objects.filter(pk=event.pk).delete()

    event.refresh_from_db()
    assert event.reason != "改写历史"


def test_a_listing_event_cannot_be_changed_or_deleted(workflow):
    workflow.approved()
    event = ListingEvent.objects.get()

    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        ListingEvent.objects.all().delete()
    assert ListingEvent.objects.count() == 1


def test_an_application_with_a_history_cannot_be_deleted(workflow):
    application = workflow.submitted()
    with pytest.raises(ProtectedError):
        application.delete()
