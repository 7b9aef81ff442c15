"""Four eyes (issue 12): whoever accepted or recommended an application does not decide it, even holding both the
reviewer's and the approver's roles; the refusal says why and writes nothing."""

import datetime

import pytest
from django.contrib.auth.models import Group

from market.accounts.roles import Role
from market.licensing.admin.actions import ACTS
from market.licensing.errors import LicensingError
from market.licensing.models import ApplicationEvent, ApplicationState
from market.licensing.services.decisions import approve_application, reject_application
from market.licensing.services.workflow import accept_application, recommend_approval, start_review
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FOUR_EYES = "You accepted or recommended this application: under the four-eyes rule another approver decides it."


@pytest.fixture
def both_roles(db):
    person = UserFactory(role=Role.REVIEWER)
    person.groups.add(Group.objects.get(name=Role.APPROVER.value))
    return person


def written(application):
    application.refresh_from_db()
    events = ApplicationEvent.objects.filter(application=application).count()
    return application.state, application.decided_by_id, events


def test_the_same_person_cannot_recommend_and_approve(workflow, people, clock, both_roles):
    application = start_review(workflow.accepted(), people.reviewer)
    recommend_approval(application, both_roles, "材料齐全")
    application.refresh_from_db()
    clock.set(application.notice_ends_on + datetime.timedelta(days=1))  # the public notice has run its course
    before = written(application)

    for decide in (
        lambda: approve_application(application, both_roles),
        lambda: reject_application(application, both_roles, "不予许可"),
    ):
        with pytest.raises(LicensingError) as refusal:
            decide()
        assert str(refusal.value.message) == FOUR_EYES
        assert written(application) == before
    assert not both_roles.has_perm("licensing.decide_application", application)
    assert "approve" not in {act.name for act in ACTS if act.is_offered(application, both_roles)}

    approve_application(application, people.approver)
    assert written(application)[:2] == (ApplicationState.APPROVED, people.approver.pk)


def test_the_person_who_accepted_does_not_decide(workflow, people, both_roles):
    application = accept_application(workflow.submitted(), both_roles)
    start_review(application, people.reviewer)
    before = written(application)

    with pytest.raises(LicensingError) as refusal:
        reject_application(application, both_roles, "经营场所不符合要求")
    assert str(refusal.value.message) == FOUR_EYES
    assert written(application) == before

    reject_application(application, people.approver, "经营场所不符合要求")
    assert written(application)[0] == ApplicationState.REJECTED


def test_an_approver_who_took_no_part_decides_as_before(workflow, people, both_roles):
    application = workflow.under_review()
    assert both_roles.has_perm("licensing.decide_application", application)
    reject_application(application, both_roles, "经营场所不符合要求")
    assert written(application)[:2] == (ApplicationState.REJECTED, both_roles.pk)
