"""The factories build objects a real form would accept, so tests built on them mean something."""

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Group

from market.accounts.roles import STAFF_ROLES, Role
from market.registry.credit_code import validate_credit_code
from market.registry.models import Organization
from tests.factories import (
    PASSWORD,
    CommunityFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", list(Role))
def test_a_user_holds_their_role_and_signs_in_with_the_known_password(role):
    user = UserFactory(role=role)

    user.full_clean()
    assert user.roles == {role}
    assert user.is_bureau_staff == (role in STAFF_ROLES)
    assert authenticate(username=user.username, password=PASSWORD) == user
    assert authenticate(username=user.username, password="not-the-password") is None


def test_a_user_is_a_resident_unless_told():
    assert UserFactory().roles == {Role.RESIDENT}


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_staff_roles_may_enter_the_wagtail_admin_even_after_their_group_is_lost(role):
    # live_server tests flush the database, taking the migration's groups with it.
    Group.objects.all().delete()

    user = UserFactory(role=role)

    assert user.has_perm("wagtailadmin.access_admin")


def test_residents_and_merchants_may_not_enter_the_wagtail_admin():
    assert not UserFactory(role=Role.RESIDENT).has_perm("wagtailadmin.access_admin")
    assert not UserFactory(role=Role.MERCHANT).has_perm("wagtailadmin.access_admin")


def test_merchants_get_distinct_valid_credit_codes_and_are_listed():
    merchants = OrganizationFactory.create_batch(40)

    codes = {merchant.unified_social_credit_code for merchant in merchants}
    assert len(codes) == 40
    for merchant in merchants:
        merchant.full_clean()
        validate_credit_code(merchant.unified_social_credit_code)
    assert Organization.objects.listed().count() == 40
    assert all(merchant.owner.roles == {Role.MERCHANT} for merchant in merchants)


def test_an_outlet_lies_in_one_consistent_place():
    outlet = LocationFactory()

    outlet.full_clean()
    assert outlet.subdistrict.district == outlet.district
    assert outlet.community.subdistrict == outlet.subdistrict
    CommunityFactory(subdistrict=outlet.subdistrict).full_clean()


def test_opening_hours_cover_their_day_only():
    schedule = ScheduleFactory()

    schedule.full_clean()
    assert schedule.location.schedules.get() == schedule
    assert schedule.covers(1, schedule.opens_at)
    assert not schedule.covers(2, schedule.opens_at)


def test_a_service_is_offered_at_the_outlets_it_is_given():
    outlet = LocationFactory()

    service = ServiceFactory(organization=outlet.organization, locations=[outlet])

    service.full_clean()
    assert list(outlet.services.all()) == [service]
    assert list(ServiceFactory().locations.all()) == []


def test_categories_can_be_attached_to_a_merchant():
    service = ServiceFactory()

    merchant = OrganizationFactory(categories=[service.category])

    assert list(merchant.categories.all()) == [service.category]
