"""The merchants in the Wagtail admin: filters, and suspension, reinstatement and revocation with a reason."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from wagtail.users.models import UserProfile

from market.accounts.roles import Role
from market.licensing.models import ListingAction
from market.registry.models import ListingStatus
from tests.factories import CategoryFactory, LocationFactory, OrganizationFactory, UserFactory

MERCHANTS = "/admin/merchants/"


def page_of(merchant) -> str:
    return f"/admin/merchants/{merchant.pk}/"


def act(merchant, name) -> str:
    return f"/admin/merchants/{merchant.pk}/act/{name}/"


@pytest.fixture
def as_role(client, db):
    """A signed-in user of a role, with the admin in English."""

    def sign_in(role):
        user = UserFactory(role=role)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        client.force_login(user)
        return client

    return sign_in


def test_merchants_filter_by_listing_status_category_and_district(as_role):
    laundry = CategoryFactory(code="laundry")
    listed = OrganizationFactory(categories=[laundry])
    suspended = OrganizationFactory(listing_status=ListingStatus.SUSPENDED, categories=[laundry])
    elsewhere = LocationFactory().organization
    client = as_role(Role.REVIEWER)

    content = client.get(MERCHANTS, {"listing_status": "suspended"}).content.decode()
    assert page_of(suspended) in content and page_of(listed) not in content

    content = client.get(MERCHANTS, {"category": laundry.pk}).content.decode()
    assert page_of(listed) in content and page_of(elsewhere) not in content

    district = elsewhere.locations.get().district
    content = client.get(MERCHANTS, {"district": district.pk}).content.decode()
    assert page_of(elsewhere) in content and page_of(listed) not in content


def test_approver_suspends_with_a_reason_and_the_history_shows_it(as_role):
    merchant = OrganizationFactory()
    client = as_role(Role.APPROVER)
    assert act(merchant, "suspend") in client.get(page_of(merchant)).content.decode()

    client.post(act(merchant, "suspend"), {"suspend-reason": "食品安全抽检不合格"})
    merchant.refresh_from_db()
    assert merchant.listing_status == ListingStatus.SUSPENDED
    event = merchant.listing_events.get()
    assert event.action == ListingAction.SUSPENDED and event.reason == "食品安全抽检不合格"
    page = client.get(page_of(merchant)).content.decode()
    assert "食品安全抽检不合格" in page
    assert act(merchant, "reinstate") in page and act(merchant, "suspend") not in page


def test_a_suspension_without_a_reason_changes_nothing(as_role):
    merchant = OrganizationFactory()
    response = as_role(Role.APPROVER).post(act(merchant, "suspend"), {"suspend-reason": "  "})
    merchant.refresh_from_db()
    assert merchant.listing_status == ListingStatus.ACTIVE
    assert not merchant.listing_events.exists()
    assert [str(message.message) for message in get_messages(response.wsgi_request)]


def test_approver_reinstates_and_revokes(as_role):
    merchant = OrganizationFactory(listing_status=ListingStatus.SUSPENDED)
    client = as_role(Role.APPROVER)
    client.post(act(merchant, "reinstate"), {"reinstate-reason": "整改完成"})
    merchant.refresh_from_db()
    assert merchant.listing_status == ListingStatus.ACTIVE
    client.post(act(merchant, "revoke"), {"revoke-reason": "严重违法经营"})
    merchant.refresh_from_db()
    assert merchant.listing_status == ListingStatus.REVOKED


def test_a_reviewer_sees_no_listing_acts_and_a_forged_one_is_refused(as_role):
    merchant = OrganizationFactory()
    client = as_role(Role.REVIEWER)
    assert act(merchant, "suspend") not in client.get(page_of(merchant)).content.decode()
    client.post(act(merchant, "suspend"), {"suspend-reason": "越权操作"})
    merchant.refresh_from_db()
    assert merchant.listing_status == ListingStatus.ACTIVE
    assert not merchant.listing_events.exists()


@pytest.mark.parametrize("role", [Role.MERCHANT, Role.RESIDENT])
def test_merchants_and_residents_are_sent_to_sign_in(as_role, role):
    merchant = OrganizationFactory()
    client = as_role(role)
    for response in [
        client.get(MERCHANTS),
        client.get(page_of(merchant)),
        client.post(act(merchant, "suspend"), {"suspend-reason": "x"}),
    ]:
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    merchant.refresh_from_db()
    assert merchant.listing_status == ListingStatus.ACTIVE


def test_editors_cannot_open_the_merchants(as_role):
    merchant = OrganizationFactory()
    client = as_role(Role.EDITOR)
    assert client.get(MERCHANTS).status_code in (302, 403)
    assert client.post(act(merchant, "suspend"), {"suspend-reason": "x"}).status_code in (302, 403)
    merchant.refresh_from_db()
    assert merchant.listing_status == ListingStatus.ACTIVE


@pytest.mark.django_db
def test_an_administrator_renames_a_category_and_a_reviewer_cannot(client):
    # The groups' permissions are the ones the data migrations gave them, not the factories'.
    from market.accounts.models import User
    from market.registry.models import Category

    category = CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")
    administrator = User.objects.create_user("bureau-admin", password="x")
    administrator.groups.add(Group.objects.get(name="administrator"))
    client.force_login(administrator)
    edit = f"/admin/snippets/registry/category/edit/{category.pk}/"

    response = client.post(
        edit,
        {
            "name": "洗衣干洗",
            "name_en": "Laundry and dry cleaning",
            "code": "laundry",
            "description": "",
            "icon": "",
            "sort_order": 3,
        },
    )

    assert response.status_code == 302
    category.refresh_from_db()
    assert category.name == "洗衣干洗"

    reviewer = User.objects.create_user("bureau-reviewer", password="x")
    reviewer.groups.add(Group.objects.get(name="reviewer"))
    client.force_login(reviewer)
    client.post(edit, {"name": "改名", "name_en": "x", "code": "laundry", "sort_order": 3})
    assert Category.objects.get(pk=category.pk).name == "洗衣干洗"
