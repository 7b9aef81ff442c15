"""The merchants in the Wagtail admin: filters, and suspension, reinstatement and revocation with a reason."""

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from market.accounts.roles import Role
from market.licensing.models import ListingAction
from market.registry.models import ListingStatus
from tests.factories import CategoryFactory, LocationFactory, OrganizationFactory, UserFactory
from tests.page_structure import PageStructure, page_structure

MERCHANTS = "/admin/merchants/"


def page_of(merchant) -> str:
    return f"/admin/merchants/{merchant.pk}/"


def act(merchant, name) -> str:
    return f"/admin/merchants/{merchant.pk}/act/{name}/"


def page(client, url, **params) -> PageStructure:
    response = client.get(url, params)
    assert response.status_code == 200
    return page_structure(response)


def listed(client, **filters) -> dict[str, str]:
    """The merchants the list shows: the page each row links to, and the row's listing status."""
    tables = [table for table in page(client, MERCHANTS, **filters).tables if "Listing status" in table.headers]
    return {row.links[0].href: row["Listing status"] for row in (tables[0].rows if tables else [])}


def listing_acts(structure: PageStructure) -> dict[str, str | None]:
    """The listing changes the merchant's page offers: each submit button's name and where it posts."""
    return {
        button.name: button.action
        for button in structure.section("Listing").buttons
        if button.type == "submit" and button.method == "post"
    }


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
    listed_merchant = OrganizationFactory(categories=[laundry])
    suspended = OrganizationFactory(listing_status=ListingStatus.SUSPENDED, categories=[laundry])
    elsewhere = LocationFactory().organization
    client = as_role(Role.REVIEWER)

    assert listed(client, listing_status="suspended") == {page_of(suspended): "Suspended"}

    assert listed(client, category=laundry.pk) == {page_of(listed_merchant): "Listed", page_of(suspended): "Suspended"}

    district = elsewhere.locations.get().district
    assert listed(client, district=district.pk) == {page_of(elsewhere): "Listed"}


def test_approver_suspends_with_a_reason_and_the_history_shows_it(as_role):
    merchant = OrganizationFactory()
    client = as_role(Role.APPROVER)
    assert listing_acts(page(client, page_of(merchant)))["Suspend the listing"] == act(merchant, "suspend")

    client.post(act(merchant, "suspend"), {"suspend-reason": "食品安全抽检不合格"})
    merchant.refresh_from_db()
    assert merchant.listing_status == ListingStatus.SUSPENDED
    event = merchant.listing_events.get()
    assert event.action == ListingAction.SUSPENDED and event.reason == "食品安全抽检不合格"
    structure = page(client, page_of(merchant))
    (row,) = structure.section("Listing history").table().rows
    assert (row["What"], row["Change"], row["Why"]) == ("Suspended", "Listed → Suspended", "食品安全抽检不合格")
    acts = listing_acts(structure)
    assert acts["Reinstate the listing"] == act(merchant, "reinstate")
    assert "Suspend the listing" not in acts and act(merchant, "suspend") not in acts.values()


def test_a_suspension_without_a_reason_changes_nothing(as_role):
    merchant = OrganizationFactory()
    response = as_role(Role.APPROVER).post(act(merchant, "suspend"), {"suspend-reason": "  "}, follow=True)
    merchant.refresh_from_db()
    assert merchant.listing_status == ListingStatus.ACTIVE
    assert not merchant.listing_events.exists()
    (message,) = page_structure(response).messages
    assert message.level == "error" and message.text


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
    structure = page(client, page_of(merchant))
    assert listing_acts(structure) == {}
    assert structure.section("Listing").paragraphs == ["No listing change is open to you for this merchant."]
    assert act(merchant, "suspend") not in {button.action for button in structure.buttons}
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
