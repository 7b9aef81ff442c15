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

REFUSED = "You are not allowed to do this."

ELIGIBILITY_DATA = {"verify_eligibility": {"valid_until": ""}, "decline_eligibility": {"reason": "证明不清晰"}}
CLAIM_DATA = {
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
def test_an_approver_never_decides_their_own_shops_claim(name, claim, people):
    if name == "record_claim_payment":
        claims.approve_claim(claim, people.approver)
    url = f"/admin/discounts/claims/{claim.pk}/act/{name}/"
    data = {f"{name}-{field}": value for field, value in CLAIM_DATA[name].items()}
    before = written_for(claim)

    owner = claim.organization.owner
    owner.groups.add(Group.objects.get(name=Role.APPROVER.value))
    assert post_as(owner, url, data) == [REFUSED]
    assert written_for(claim) == before
    for outsider in (people.reviewer, people.administrator):
        post_as(outsider, url, data)
        assert written_for(claim) == before

    assert REFUSED not in post_as(people.approver, url, data)
    assert written_for(claim) != before
