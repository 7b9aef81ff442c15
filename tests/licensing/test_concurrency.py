"""Two approvers deciding the same application at the same moment produce exactly one decision."""

import threading

import pytest
from django.db import connection
from django.utils import translation
from django_fsm.signals import pre_transition

from market.accounts.roles import Role
from market.errors import AppError
from market.licensing.models import Application, ApplicationEvent, EventAction, ListingEvent
from market.licensing.services.decisions import approve_application
from tests.factories import UserFactory


@pytest.mark.requires_service("postgresql")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_approvers_at_once_make_one_decision(workflow):
    application = workflow.in_state("public_notice_ended")
    approvers = [UserFactory(role=Role.APPROVER), UserFactory(role=Role.APPROVER)]
    start = threading.Barrier(len(approvers))
    outcomes = []

    def hold_the_lock_a_moment(sender, instance, name, **kwargs):
        # The first approver keeps the row locked long enough for the second to arrive and wait on it.
        if name == "approve":
            threading.Event().wait(0.3)

    def decide(approver):
        try:
            start.wait()
            with translation.override("en"):  # each thread has its own active language
                approve_application(Application.objects.get(pk=application.pk), approver, "准予")
            outcomes.append("approved")
        except AppError as error:
            with translation.override("en"):
                outcomes.append(str(error.message))
        finally:
            connection.close()

    pre_transition.connect(hold_the_lock_a_moment, sender=Application)
    try:
        threads = [threading.Thread(target=decide, args=(approver,)) for approver in approvers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        pre_transition.disconnect(hold_the_lock_a_moment, sender=Application)

    assert sorted(outcomes) == ["This application has already been decided.", "approved"]
    assert ApplicationEvent.objects.filter(application=application, action=EventAction.APPROVED).count() == 1
    assert ListingEvent.objects.filter(organization=application.organization).count() == 1
