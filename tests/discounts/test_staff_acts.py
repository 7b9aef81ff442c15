"""Every staff act on an eligibility application or a subsidy claim checks its permission on the object: a
reviewer never verifies their own eligibility, an approver never decides their own shop's claim, and other roles
are refused; nothing is written. The same post by the right person then goes through."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from market.accounts.roles import Role
from market.discounts import claims
from market.discounts.admin.acts import CLAIM_ACTS, ELIGIBILITY_ACTS
from tests.factories import UserFactory

REFUSED = "You are not allowed to do this."

ELIGIBILITY_DATA = {"verify_eligibility": {"valid_until": ""}, "decline_eligibility": {"reason": "证明不清晰"}}
CLAIM_DATA = {
    "check_claim": {"note": ""},
    "approve_claim": {"note": ""},
    "reject_claim": {"reasons": "记录不全"},
    "record_claim_payment": {"amount": "10.00", "payment_reference": "BANK-1"},
}


def post_as(user, url, data) -> list[str]:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(user)
    response = client.post(url, data)
    return [str(message.message).strip() for message in get_messages(response.wsgi_request)]


def written_for(record) -> tuple:
    record.refresh_from_db()
    logged = ModelLogEntry.objects.filter(object_id=str(record.pk), action__startswith="discounts.").count()
    return record.state, logged


def test_every_act_has_a_case():
    assert set(ELIGIBILITY_DATA) == {act.name for act in ELIGIBILITY_ACTS}
    assert set(CLAIM_DATA) == {act.name for act in CLAIM_ACTS}


@pytest.mark.parametrize("name", sorted(ELIGIBILITY_DATA))
def test_a_reviewer_never_decides_their_own_eligibility(name, application, people):
    url = f"/admin/discounts/eligibility/{application.pk}/act/{name}/"
    data = {f"{name}-{field}": value for field, value in ELIGIBILITY_DATA[name].items()}
    before = written_for(application)

    application.resident.groups.add(Group.objects.get(name=Role.REVIEWER.value))
    assert post_as(application.resident, url, data) == [REFUSED]
    assert written_for(application) == before
    for outsider in (people.approver, people.administrator):
        post_as(outsider, url, data)
        assert written_for(application) == before

    assert REFUSED not in post_as(people.reviewer, url, data)
    assert written_for(application) != before


@pytest.mark.parametrize("name", sorted(CLAIM_DATA))
def test_no_one_decides_their_own_shops_claim(name, claim, people):
    """A reviewer checks, an approver approves, rejects or records the payment: never for their own shop."""
    if name != "check_claim":
        claims.check_claim(claim, people.reviewer)
    if name == "record_claim_payment":
        claims.approve_claim(claim, people.approver)
    role, rightful = (Role.REVIEWER, people.reviewer) if name == "check_claim" else (Role.APPROVER, people.approver)
    url = f"/admin/discounts/claims/{claim.pk}/act/{name}/"
    data = {f"{name}-{field}": value for field, value in CLAIM_DATA[name].items()}
    before = written_for(claim)

    owner = claim.organization.owner
    owner.groups.add(Group.objects.get(name=role.value))
    assert post_as(owner, url, data) == [REFUSED]
    assert written_for(claim) == before
    outsiders = [people.approver] if name == "check_claim" else [people.reviewer]
    for outsider in (*outsiders, people.administrator):
        post_as(outsider, url, data)
        assert written_for(claim) == before

    assert REFUSED not in post_as(rightful, url, data)
    assert written_for(claim) != before


@pytest.mark.parametrize("name", ["approve_claim", "reject_claim", "record_claim_payment"])
def test_whoever_checked_a_claim_neither_decides_it_nor_records_its_payment(name, claim, people):
    both = UserFactory(role=Role.REVIEWER)
    both.groups.add(Group.objects.get(name=Role.APPROVER.value))
    claims.check_claim(claim, both)
    if name == "record_claim_payment":
        claims.approve_claim(claim, people.approver)
    url = f"/admin/discounts/claims/{claim.pk}/act/{name}/"
    data = {f"{name}-{field}": value for field, value in CLAIM_DATA[name].items()}
    before = written_for(claim)

    assert post_as(both, url, data) == [REFUSED]
    assert written_for(claim) == before
