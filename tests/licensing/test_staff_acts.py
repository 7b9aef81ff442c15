"""Every staff act on an application and on a listing checks its permission on the object: a member of staff who
is the merchant (their own case) and a person of another role are refused, with nothing written; the same post by
the right person then goes through, so the refusal was the permission's and not the state's."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from market.accounts.roles import Role
from market.licensing.admin.actions import ACTS
from market.licensing.models import ApplicationEvent, ListingEvent, PauseReason
from market.licensing.services.workflow import pause_for_inspection, record_objection
from market.registry.models import ListingStatus
from tests.factories import OrganizationFactory, UserFactory

REFUSED = "You are not allowed to do this."


def _pause(application, people):
    pause_for_inspection(application, people.reviewer, PauseReason.INSPECTION, "现场核查")


def _object(application, people):
    record_objection(application, people.resident, "经营场所有噪音问题")


# act: (state the act is offered in, a preparation, form data, the roles that may do it, the first tried here)
APPLICATION_CASES = {
    "assign_to_me": ("submitted", None, lambda application, people: {}, "reviewer"),
    "assign": ("submitted", None, lambda application, people: {"assignee": people.reviewer.pk}, "approver reviewer"),
    "accept": ("submitted", None, lambda application, people: {}, "reviewer"),
    "refuse_to_accept": (
        "submitted",
        None,
        lambda application, people: {"reasons": "不属于社区服务登记范围"},
        "reviewer",
    ),
    "request_information": (
        "submitted",
        None,
        lambda application, people: {"missing_items": "营业执照副本", "note": ""},
        "reviewer",
    ),
    "start_review": ("accepted", None, lambda application, people: {}, "reviewer"),
    "recommend_approval": ("under_review", None, lambda application, people: {"note": "材料齐全"}, "reviewer"),
    "recommend_rejection": ("under_review", None, lambda application, people: {"note": "场所不符"}, "reviewer"),
    "pause": (
        "under_review",
        None,
        lambda application, people: {"reason": PauseReason.INSPECTION, "written_notice": "现场核查"},
        "reviewer",
    ),
    "resume": ("under_review", _pause, lambda application, people: {}, "reviewer"),
    "extend": ("under_review", None, lambda application, people: {"reason": "需要专家评审"}, "approver"),
    "approve": ("public_notice_ended", None, lambda application, people: {"reasons": ""}, "approver"),
    "reject": ("under_review", None, lambda application, people: {"reasons": "经营场所不符合要求"}, "approver"),
    "record_publication": ("approved", None, lambda application, people: {}, "reviewer"),
    "answer_objection": (
        "public_notice",
        _object,
        lambda application, people: {"objection": application.objections.get().pk, "answer": "已核实"},
        "reviewer approver",
    ),
}


@pytest.fixture
def post_as(db):
    """Posts as the user from a fresh browser, so the messages are this post's alone."""

    def post(user, url, data):
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        client = Client()
        client.force_login(user)
        response = client.post(url, data)
        return response, [str(message.message).strip() for message in get_messages(response.wsgi_request)]

    return post


def _written_for(application) -> tuple[int, int, str]:
    application.refresh_from_db()
    return (
        ApplicationEvent.objects.filter(application=application).count(),
        ModelLogEntry.objects.filter(object_id=str(application.pk), action__startswith="licensing.").count(),
        application.state,
    )


def test_every_act_on_an_application_has_a_case():
    assert set(APPLICATION_CASES) == {act.name for act in ACTS}


@pytest.mark.parametrize("name", sorted(APPLICATION_CASES))
def test_an_application_act_refuses_the_merchants_own_staff_and_other_roles(name, workflow, people, post_as):
    state, prepare, data_for, roles = APPLICATION_CASES[name]
    role, *_others = roles.split()
    application = workflow.in_state(state)
    if prepare:
        prepare(application, people)
    data = {f"{name}-{field}": value for field, value in data_for(application, people).items()}
    url = f"/admin/review_queue/{application.pk}/act/{name}/"
    before = _written_for(application)

    # The merchant's owner also works at the bureau in the act's role: their own case is not theirs to decide.
    people.merchant.groups.add(Group.objects.get(name=role))
    response, messages = post_as(people.merchant, url, data)
    assert response.status_code == 302 and messages == [REFUSED]
    assert _written_for(application) == before

    # Another role (a member of staff in a role without this act, or a resident) is turned away too.
    outsiders = [people.resident] + [getattr(people, staff) for staff in ("reviewer", "approver") if staff not in roles]
    for outsider in outsiders:
        post_as(outsider, url, data)
        assert _written_for(application) == before

    response, messages = post_as(getattr(people, role), url, data)
    assert REFUSED not in messages and response.status_code == 302
    assert _written_for(application) != before, messages


LISTING_CASES = {
    "suspend": (ListingStatus.ACTIVE, ListingStatus.SUSPENDED),
    "reinstate": (ListingStatus.SUSPENDED, ListingStatus.ACTIVE),
    "revoke": (ListingStatus.ACTIVE, ListingStatus.REVOKED),
}


@pytest.mark.parametrize("name", sorted(LISTING_CASES))
def test_a_listing_act_refuses_the_merchants_own_approver_and_other_roles(name, people, post_as):
    from_status, to_status = LISTING_CASES[name]
    approver_with_a_shop = UserFactory(role=Role.APPROVER)
    approver_with_a_shop.groups.add(Group.objects.get(name=Role.MERCHANT.value))
    organization = OrganizationFactory(owner=approver_with_a_shop, listing_status=from_status)
    url = f"/admin/merchants/{organization.pk}/act/{name}/"
    data = {f"{name}-reason": "价格投诉调查"}

    for refused in (approver_with_a_shop, people.reviewer, people.merchant):
        post_as(refused, url, data)
        organization.refresh_from_db()
        assert organization.listing_status == from_status
        assert not ListingEvent.objects.filter(organization=organization).exists()

    post_as(people.approver, url, data)
    organization.refresh_from_db()
    assert organization.listing_status == to_status
