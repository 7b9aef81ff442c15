"""Factories for tests: one per model, each with the call a test usually makes.

Every object they build passes `full_clean()`. Users get their role's group and the password `PASSWORD`.
"""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from factory.django import DjangoModelFactory

from market.accounts.models import User
from market.accounts.roles import STAFF_ROLES, Role
from market.places.models import Community, District, Subdistrict
from market.registry.credit_code import check_character
from market.registry.models import (
    Category,
    ListingStatus,
    Location,
    Organization,
    Schedule,
    Service,
    Weekday,
)

PASSWORD = "linli-test-password"

# Nanjing's centre; places are spread a little around it so no two share a point.
CITY_LATITUDE = Decimal("32.060255")
CITY_LONGITUDE = Decimal("118.796877")


def role_group(role: Role) -> Group:
    """The role's group, created if a flushed database (live_server tests) lost the migration's rows."""
    group, _ = Group.objects.get_or_create(name=role.value)
    if role in STAFF_ROLES:
        # Without this Wagtail turns the user away from its admin.
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return group


def credit_code(sequence: int) -> str:
    """A valid unified social credit code: registered by market regulation (9), a company (1), in Nanjing."""
    first_seventeen = f"91320100MA{sequence:07d}"
    return first_seventeen + check_character(first_seventeen)


def near_city_centre(sequence: int, base: Decimal) -> Decimal:
    return base + Decimal(sequence % 1000) / Decimal(10_000)


class UserFactory(DjangoModelFactory):
    """A person who signs in, in one role (resident unless told).

    merchant = UserFactory(role=Role.MERCHANT)
    sign_in(page, merchant)  # the password is PASSWORD
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda number: f"user{number}")
    display_name = factory.Faker("name", locale="zh_CN")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.cn")
    phone = factory.Sequence(lambda number: f"139{number:08d}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if create:
            user.groups.add(role_group(Role(extracted or Role.RESIDENT)))


class DistrictFactory(DjangoModelFactory):
    """A district (区): `DistrictFactory(name="玄武区", name_en="Xuanwu District")`."""

    class Meta:
        model = District

    code = factory.Sequence(lambda number: f"{320102 + number:06d}")
    name = factory.Sequence(lambda number: f"第{number}区")
    name_en = factory.Sequence(lambda number: f"District {number}")
    latitude = factory.Sequence(lambda number: near_city_centre(number, CITY_LATITUDE))
    longitude = factory.Sequence(lambda number: near_city_centre(number, CITY_LONGITUDE))


class SubdistrictFactory(DjangoModelFactory):
    """A sub-district (街道), in a new district unless given one: `SubdistrictFactory(district=xuanwu)`."""

    class Meta:
        model = Subdistrict

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda number: f"第{number}街道")
    name_en = factory.Sequence(lambda number: f"Subdistrict {number}")
    latitude = factory.SelfAttribute("district.latitude")
    longitude = factory.SelfAttribute("district.longitude")


class CommunityFactory(DjangoModelFactory):
    """A residents' committee area (社区): `CommunityFactory(subdistrict=subdistrict)`."""

    class Meta:
        model = Community

    subdistrict = factory.SubFactory(SubdistrictFactory)
    name = factory.Sequence(lambda number: f"第{number}社区")
    name_en = factory.Sequence(lambda number: f"Community {number}")


class CategoryFactory(DjangoModelFactory):
    """A service category: `CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")`."""

    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda number: f"category-{number}")
    name = factory.Sequence(lambda number: f"服务类别{number}")
    name_en = factory.Sequence(lambda number: f"Category {number}")


class OrganizationFactory(DjangoModelFactory):
    """A listed merchant owned by a new merchant account, with a valid credit code.

    laundry = OrganizationFactory(categories=[CategoryFactory(code="laundry")])
    hidden = OrganizationFactory(listing_status=ListingStatus.SUSPENDED)
    """

    class Meta:
        model = Organization
        skip_postgeneration_save = True

    name = factory.Sequence(lambda number: f"邻里便民服务有限公司{number}")
    name_en = factory.Sequence(lambda number: f"Linli Community Services Co. {number}")
    alternate_name = factory.Sequence(lambda number: f"邻里便民{number}")
    unified_social_credit_code = factory.Sequence(credit_code)
    legal_representative = factory.Faker("name", locale="zh_CN")
    phone = factory.Sequence(lambda number: f"025-8{number:07d}")
    owner = factory.SubFactory(UserFactory, role=Role.MERCHANT)
    listing_status = ListingStatus.ACTIVE
    listed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def categories(organization, create, extracted, **kwargs):
        if create and extracted:
            organization.categories.set(extracted)


class LocationFactory(DjangoModelFactory):
    """An outlet (服务网点): `LocationFactory(organization=merchant, subdistrict=street)`."""

    class Meta:
        model = Location

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda number: f"第{number}服务网点")
    address_1 = factory.Sequence(lambda number: f"中山路{number}号")
    subdistrict = factory.SubFactory(SubdistrictFactory)
    district = factory.SelfAttribute("subdistrict.district")
    community = factory.SubFactory(CommunityFactory, subdistrict=factory.SelfAttribute("..subdistrict"))
    latitude = factory.Sequence(lambda number: near_city_centre(number, CITY_LATITUDE))
    longitude = factory.Sequence(lambda number: near_city_centre(number, CITY_LONGITUDE))
    phone = factory.Sequence(lambda number: f"025-5{number:07d}")


class ScheduleFactory(DjangoModelFactory):
    """Monday 08:00-20:00 unless told: `ScheduleFactory(location=outlet, byday=Weekday.SUNDAY)`."""

    class Meta:
        model = Schedule

    location = factory.SubFactory(LocationFactory)
    byday = Weekday.MONDAY
    opens_at = datetime.time(8, 0)
    closes_at = datetime.time(20, 0)


class ServiceFactory(DjangoModelFactory):
    """A service a merchant offers: `ServiceFactory(organization=merchant, locations=[outlet])`."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda number: f"上门服务{number}")

    @factory.post_generation
    def locations(service, create, extracted, **kwargs):
        if create and extracted:
            service.locations.set(extracted)
