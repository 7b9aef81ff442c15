"""Finding work: the jobs page, a merchant's page and the feed show open posts of listed merchants only (a
suspended merchant's posts vanish at once), say which posts are in the priority window, and filter and sort."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from market import clock_source
from market.accounts.roles import Role
from market.jobs import services
from market.jobs.models import JobKind, PayUnit
from market.registry.models import ListingStatus
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    SubdistrictFactory,
    UserFactory,
)
from tests.jobs.conftest import laid_off_resident
from tests.jobs.factories import JobPostFactory
from tests.jobs.helpers import new_post


def page(url, user=None) -> str:
    client = Client()
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def days_ago(days: int) -> datetime.datetime:
    return clock_source.now() - datetime.timedelta(days=days)


def test_a_suspended_merchants_posts_vanish_from_the_list_the_feed_and_the_merchant_page(outlet):
    post = JobPostFactory(location=outlet, title="早市理货员")
    merchant = outlet.organization
    for url in ("/en/jobs/", "/en/jobs/feed/", f"/en/merchants/{merchant.pk}/"):
        assert "早市理货员" in page(url)

    merchant.listing_status = ListingStatus.SUSPENDED
    merchant.save()

    for url in ("/en/jobs/", "/en/jobs/feed/"):
        assert "早市理货员" not in page(url)
    assert Client().get(f"/en/merchants/{merchant.pk}/").status_code == 404
    assert Client().get(f"/en/jobs/{post.pk}/").status_code == 404

    merchant.listing_status = ListingStatus.ACTIVE
    merchant.save()
    assert "早市理货员" in page("/en/jobs/")


def test_the_merchant_page_lists_its_open_posts_only(outlet):
    JobPostFactory(location=outlet, title="早市理货员")
    JobPostFactory(location=outlet, title="已关闭的岗位", state="closed")
    JobPostFactory(location=LocationFactory(), title="别家的岗位")

    merchant_page = page(f"/en/merchants/{outlet.organization.pk}/")

    assert "早市理货员" in merchant_page
    assert "已关闭的岗位" not in merchant_page
    assert "别家的岗位" not in merchant_page


def test_a_visitor_sees_each_change_of_the_merchants_posts_on_its_page_at_once(outlet, clock):
    owner, merchant_page = outlet.organization.owner, f"/en/merchants/{outlet.organization.pk}/"
    assert "收银兼职" not in page(merchant_page)

    post = services.publish_post(new_post(outlet), owner)
    shown = page(merchant_page)
    assert "收银兼职" in shown and "Priority for registered unemployed" in shown and "2 places left" in shown

    post.title = "收银员"
    services.update_post(post, owner)
    assert "收银员" in page(merchant_page)

    services.close_post(post, owner)
    assert "收银员" not in page(merchant_page)


def test_the_priority_window_ends_on_the_merchant_page_when_it_ends(outlet, clock):
    post = JobPostFactory(location=outlet, title="早市理货员")
    merchant_page = f"/en/merchants/{outlet.organization.pk}/"
    assert "Priority for registered unemployed" in page(merchant_page)

    clock_source.set_now(post.priority_until)

    assert "Priority for registered unemployed" not in page(merchant_page)


def test_ended_and_taken_down_posts_leave_the_list_and_an_ended_post_says_so(outlet, clock):
    ended = JobPostFactory(location=outlet, title="寒假临时工", ends_on=clock_source.today())
    JobPostFactory(location=outlet, title="被下架的岗位", state="taken_down")
    clock.advance(days=1)

    assert "寒假临时工" not in page("/en/jobs/")
    assert "被下架的岗位" not in page("/en/jobs/")
    assert "takes no more applications" in page(f"/en/jobs/{ended.pk}/")


def test_the_list_says_which_posts_are_in_the_priority_window_and_who_can_apply(outlet):
    JobPostFactory(location=outlet, title="新岗位")
    JobPostFactory(location=outlet, title="老岗位", published_at=days_ago(3), priority_until=days_ago(1))
    resident = UserFactory(role=Role.RESIDENT)

    listing = page("/en/jobs/", resident)
    assert listing.count("Priority for registered unemployed") == 1
    assert "Only residents verified as registered unemployed or laid-off can apply until 2026-03-13 10:00" in listing

    open_to_me = page("/en/jobs/?open_to_me=on", resident)
    assert "老岗位" in open_to_me and "新岗位" not in open_to_me
    open_to_laid_off = page("/en/jobs/?open_to_me=on", laid_off_resident())
    assert "老岗位" in open_to_laid_off and "新岗位" in open_to_laid_off


def test_businesses_founded_by_laid_off_workers_are_marked(db, clock):
    founded = LocationFactory(organization=OrganizationFactory(founded_by_laid_off_workers=True))
    JobPostFactory(location=founded)

    assert "Founded by laid-off workers" in page("/en/jobs/")


@pytest.fixture
def spread(db, clock):
    """Posts in two districts and two categories, of every kind and pay."""
    east, west = DistrictFactory(code="320102"), DistrictFactory(code="320106")
    east_street = SubdistrictFactory(district=east, latitude=Decimal("32.05"), longitude=Decimal("118.80"))
    west_street = SubdistrictFactory(district=west, latitude=Decimal("32.07"), longitude=Decimal("118.75"))
    laundry = CategoryFactory(code="laundry")
    canteen = CategoryFactory(code="canteen")
    near = LocationFactory(subdistrict=east_street, latitude=Decimal("32.051"), longitude=Decimal("118.801"))
    far = LocationFactory(subdistrict=west_street, latitude=Decimal("32.071"), longitude=Decimal("118.751"))
    JobPostFactory(
        location=near, category=laundry, title="洗衣店钟点工", kind=JobKind.HOURLY, pay_amount=Decimal("24.00"),
        published_at=days_ago(2),
    )
    JobPostFactory(
        location=far, category=canteen, title="食堂季节工", kind=JobKind.SEASONAL, hours_per_day=Decimal("8"),
        pay_amount=Decimal("240.00"), pay_unit=PayUnit.DAY,
    )
    return {"east": east, "west_street": west_street, "east_street": east_street}


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("district=320102", "洗衣店钟点工", "食堂季节工"),
        ("category=canteen", "食堂季节工", "洗衣店钟点工"),
        ("kind=hourly", "洗衣店钟点工", "食堂季节工"),
        ("pay_from=28", "食堂季节工", "洗衣店钟点工"),  # ¥240 a day for 8 hours is ¥30 an hour
        ("hours=4", "洗衣店钟点工", "食堂季节工"),
    ],
)
def test_the_filters(spread, query, shown, hidden):
    listing = page(f"/en/jobs/?{query}")
    assert shown in listing
    assert hidden not in listing


def test_the_sub_district_filter_and_nearest_first(spread):
    west_street = spread["west_street"]
    assert "洗衣店钟点工" not in page(f"/en/jobs/?subdistrict={west_street.pk}")

    newest = page("/en/jobs/?sort=newest")
    assert newest.index("食堂季节工") < newest.index("洗衣店钟点工")
    nearest = page(f"/en/jobs/?sort=nearest&near={spread['east_street'].pk}")
    assert nearest.index("洗衣店钟点工") < nearest.index("食堂季节工")
    assert "0.1 km away" in nearest
    assert "choose the sub-district to measure from" in page("/en/jobs/?sort=nearest")


def test_the_atom_feed_lists_new_posts(outlet):
    post = JobPostFactory(location=outlet, title="早市理货员")

    feed = page("/en/jobs/feed/")

    assert '<feed xml:lang="en" xmlns="http://www.w3.org/2005/Atom">' in feed
    assert f"/en/jobs/{post.pk}/" in feed
    assert "¥30.00 an hour" in feed
    assert "Open first to residents verified as registered unemployed or laid-off." in feed
