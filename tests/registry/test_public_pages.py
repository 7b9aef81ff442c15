"""The public register: only listed merchants are shown, with their licences, outlets and hours in Nanjing time."""

import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from market import clock_source
from market.registry import profile
from market.registry import services as registry
from market.registry.models import ListingStatus, Location, LocationPhoto, ScheduleException, Weekday
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    SubdistrictFactory,
)
from tests.licensing.factories import ApplicationFactory, LicenceFactory
from tests.licensing.sample_files import png_upload

# Monday 2 March 2026, 15:30 in Nanjing, which is 07:30 UTC.
MONDAY_AFTERNOON = timezone.make_aware(datetime.datetime(2026, 3, 2, 15, 30))
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture(autouse=True)
def moment():
    clock_source.set_now(MONDAY_AFTERNOON)
    yield MONDAY_AFTERNOON
    clock_source.set_now(None)


def english(name, *args, query=""):
    with translation.override("en"):
        return reverse(name, args=args) + query


def detail_url(organization):
    return english("registry:merchant_detail", organization.pk)


def listed_names(response) -> set[str]:
    return {result["organization"].alternate_name for result in response.context["results"]}


@pytest.fixture
def laundry(db):
    """A listed laundry, one outlet open 14:00-16:00 on Mondays, a business licence on record."""
    organization = OrganizationFactory(
        alternate_name="洁净洗衣",
        name="南京洁净洗衣服务有限公司",
        name_en="Nanjing Clean Laundry Services Co.",
        description="Wash, dry-clean and mend.",
        founded_by_laid_off_workers=True,
        categories=[CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")],
    )
    outlet = LocationFactory(organization=organization, name="Gulou outlet", address_1="中山北路1号")
    ScheduleFactory(location=outlet, byday=Weekday.MONDAY, opens_at=datetime.time(14), closes_at=datetime.time(16))
    ScheduleFactory(location=outlet, byday=Weekday.SATURDAY, opens_at=datetime.time(9), closes_at=datetime.time(12))
    LicenceFactory(
        organization=organization,
        number="JY13201000000042",
        issuing_authority="南京市鼓楼区市场监督管理局",
        valid_to=datetime.date(2027, 6, 30),
    )
    return organization


def test_the_merchant_page_shows_names_categories_licence_and_outlet(client, laundry):
    response = client.get(detail_url(laundry))

    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "<h1>洁净洗衣</h1>",
        "南京洁净洗衣服务有限公司",
        "Nanjing Clean Laundry Services Co.",
        "Laundry",
        "Wash, dry-clean and mend.",
        "Founded by laid-off workers",
        "JY13201000000042",
        "南京市鼓楼区市场监督管理局",
        "2026-01-01 to 2027-06-30",
        "Gulou outlet",
        "中山北路1号",
        "14:00–16:00",
    ):
        assert text in page
    assert page.count("<h1") == 1
    outlet = laundry.locations.get()
    assert f'href="geo:{outlet.latitude},{outlet.longitude}"' in page
    assert f"https://www.openstreetmap.org/?mlat={outlet.latitude}&amp;mlon={outlet.longitude}" in page


def test_the_scanned_licence_is_never_on_the_public_page(client, laundry):
    licence = laundry.licences.get()

    page = client.get(detail_url(laundry)).content.decode()

    assert licence.file.name not in page
    assert "licences/" not in page


def test_a_licence_still_carried_by_an_undecided_application_is_not_shown(client, laundry):
    renewal = ApplicationFactory(organization=laundry, applicant=laundry.owner, kind="renewal")
    LicenceFactory(organization=laundry, application=renewal, number="NOT-YET-GRANTED")

    page = client.get(detail_url(laundry)).content.decode()

    assert "JY13201000000042" in page
    assert "NOT-YET-GRANTED" not in page


def test_each_outlet_carries_schema_org_local_business_data(client, laundry):
    page = client.get(detail_url(laundry)).content.decode()

    (data,) = [json.loads(block) for block in JSON_LD.findall(page)]
    assert data["@type"] == "LocalBusiness"
    assert data["address"]["streetAddress"] == "中山北路1号"
    outlet = laundry.locations.get()
    assert data["geo"]["latitude"] == str(outlet.latitude)
    assert {"dayOfWeek": "https://schema.org/Monday", "opens": "14:00", "closes": "16:00"}.items() <= (
        data["openingHoursSpecification"][0].items()
    )
    assert data["url"].endswith(detail_url(laundry))


@pytest.mark.parametrize(
    ("moment_in_utc", "badge"),
    [
        # 07:30 UTC is 15:30 in Nanjing: inside Monday's 14:00-16:00. Read as UTC it would be closed.
        (datetime.datetime(2026, 3, 2, 7, 30, tzinfo=datetime.UTC), "Open now"),
        # 08:30 UTC is 16:30 in Nanjing: just closed. Read as UTC it would still be morning.
        (datetime.datetime(2026, 3, 2, 8, 30, tzinfo=datetime.UTC), "Closed now"),
        # 05:59 UTC is 13:59 in Nanjing: not yet open.
        (datetime.datetime(2026, 3, 2, 5, 59, tzinfo=datetime.UTC), "Closed now"),
    ],
)
def test_the_open_now_badge_reads_the_hours_in_nanjing_time(client, laundry, moment_in_utc, badge):
    clock_source.set_now(moment_in_utc)

    page = client.get(detail_url(laundry)).content.decode()

    assert f">{badge}</span>" in page
    other = {"Open now", "Closed now"} - {badge}
    assert f">{other.pop()}</span>" not in page


def test_the_open_now_badge_turns_at_closing_time_though_the_cards_are_kept(client, laundry):
    clock_source.set_now(datetime.datetime(2026, 3, 2, 7, 59, tzinfo=datetime.UTC))  # 15:59 in Nanjing
    assert ">Open now</span>" in client.get(detail_url(laundry)).text

    clock_source.set_now(datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC))  # 16:00: Monday's hours end

    assert ">Closed now</span>" in client.get(detail_url(laundry)).text


def test_the_next_day_reads_its_own_hours_and_exceptions(client, laundry):
    ScheduleException.objects.create(
        location=laundry.locations.get(), date=datetime.date(2026, 3, 3), closed=True, notes="设备检修"
    )
    assert "设备检修" not in client.get(detail_url(laundry)).text

    clock_source.set_now(timezone.make_aware(datetime.datetime(2026, 3, 3, 10, 0)))  # Tuesday

    page = client.get(detail_url(laundry)).text
    assert "设备检修" in page and "Closed all day today." in page


def test_the_merchants_new_hours_and_photo_show_on_the_next_request(
    client, laundry, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    outlet = laundry.locations.get()
    assert "08:00–20:00" not in client.get(detail_url(laundry)).text

    with django_capture_on_commit_callbacks(execute=True):
        profile.set_outlet_hours(
            laundry.owner,
            outlet,
            phone="025-12345678",
            weekly_hours=[(Weekday.MONDAY, datetime.time(8), datetime.time(20))],
            exceptions=[],
        )

    page = client.get(detail_url(laundry)).text
    assert "08:00–20:00" in page and "025-12345678" in page
    assert ">Open now</span>" in page

    with django_capture_on_commit_callbacks(execute=True):
        profile.add_outlet_photo(laundry.owner, outlet, png_upload(), "店门口")

    assert 'alt="店门口"' in client.get(detail_url(laundry)).text


def test_a_closure_today_overrides_the_weekly_hours_and_is_announced(client, laundry):
    ScheduleException.objects.create(
        location=laundry.locations.get(), date=datetime.date(2026, 3, 2), closed=True, notes="设备检修"
    )
    ScheduleException.objects.create(
        location=laundry.locations.get(), date=datetime.date(2026, 3, 9), closed=True, notes="下周的休息日"
    )

    page = client.get(detail_url(laundry)).content.decode()

    assert ">Closed now</span>" in page
    assert "Closed all day today." in page
    assert "设备检修" in page
    assert "下周的休息日" not in page


def test_a_day_without_hours_reads_as_a_day_off_in_chinese_and_closed_in_english(client, laundry):
    with translation.override("zh-hans"):
        chinese = client.get(reverse("registry:merchant_detail", args=[laundry.pk])).content.decode()
    english_page = client.get(detail_url(laundry)).content.decode()

    # Tuesday has no hours: a day off (休息), not a shut-down business (已关闭).
    assert "<td>休息</td>" in chinese and "已关闭" not in chinese
    assert "<td>Closed</td>" in english_page
    assert "有效期" in chinese, "the licence table's column says it holds dates"


def test_special_hours_today_open_an_outlet_the_week_keeps_closed(client, laundry):
    clock_source.set_now(timezone.make_aware(datetime.datetime(2026, 3, 3, 10, 0)))  # a Tuesday
    ScheduleException.objects.create(
        location=laundry.locations.get(),
        date=datetime.date(2026, 3, 3),
        opens_at=datetime.time(9),
        closes_at=datetime.time(11),
    )

    page = client.get(detail_url(laundry)).content.decode()

    assert ">Open now</span>" in page
    assert "Special hours today: 09:00–11:00." in page


@pytest.mark.parametrize(
    "status", [ListingStatus.UNLISTED, ListingStatus.SUSPENDED, ListingStatus.REVOKED, ListingStatus.EXPIRED]
)
def test_a_merchant_not_actively_listed_is_not_found_and_not_listed(client, db, status):
    hidden = OrganizationFactory(listing_status=status, alternate_name="看不见的商户")
    OrganizationFactory(alternate_name="看得见的商户")

    assert client.get(detail_url(hidden)).status_code == 404
    response = client.get(english("registry:merchant_list"))
    assert listed_names(response) == {"看得见的商户"}
    assert "看不见的商户" not in response.content.decode()


def test_a_listing_suspended_mid_session_vanishes_at_once_and_returns_when_reinstated(client, laundry):
    assert client.get(detail_url(laundry)).status_code == 200

    registry.suspend_listing(laundry, at=MONDAY_AFTERNOON, reason="消费者投诉")

    assert client.get(detail_url(laundry)).status_code == 404
    assert listed_names(client.get(english("registry:merchant_list"))) == set()
    assert client.get(english("registry:category", "laundry")).context["results"] == []

    registry.reinstate_listing(laundry, at=MONDAY_AFTERNOON, reason="整改完成")

    assert client.get(detail_url(laundry)).status_code == 200


@pytest.fixture
def repairs(db):
    """Two districts and three merchants: a locksmith (a kind of repair), a plumber and a laundry."""
    repair = CategoryFactory(code="repair", name="维修", name_en="Repair")
    locks = CategoryFactory(code="repair-locks", name="开锁", name_en="Locks", parent=repair)
    laundry = CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")
    xuanwu = SubdistrictFactory(district=DistrictFactory(code="320102", name="玄武区", name_en="Xuanwu"))
    gulou = SubdistrictFactory(district=DistrictFactory(code="320106", name="鼓楼区", name_en="Gulou"))
    shops = {
        "锁匠": (locks, xuanwu, datetime.time(8), datetime.time(18)),
        "水管工": (repair, gulou, datetime.time(8), datetime.time(12)),
        "洗衣店": (laundry, xuanwu, datetime.time(14), datetime.time(20)),
    }
    for name, (category, subdistrict, opens_at, closes_at) in shops.items():
        merchant = OrganizationFactory(alternate_name=name, categories=[category])
        outlet = LocationFactory(organization=merchant, subdistrict=subdistrict)
        ScheduleFactory(location=outlet, byday=Weekday.MONDAY, opens_at=opens_at, closes_at=closes_at)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (("registry:merchant_list",), {"锁匠", "水管工", "洗衣店"}),
        (("registry:category", "repair"), {"锁匠", "水管工"}),  # the parent includes its sub-category
        (("registry:category", "repair-locks"), {"锁匠"}),
        (("registry:district", "320102"), {"锁匠", "洗衣店"}),
        (("registry:category", "repair", "?district=320102"), {"锁匠"}),
        (("registry:merchant_list", "?category=repair&district=320106"), {"水管工"}),
        (("registry:merchant_list", "?open=now"), {"锁匠", "洗衣店"}),  # 15:30: the plumber closed at noon
        (("registry:district", "320102", "?open=now&category=laundry"), {"洗衣店"}),
    ],
)
def test_the_list_filters_by_category_district_and_open_now(client, repairs, url, expected):
    name, *rest = url
    query = rest.pop() if rest and rest[-1].startswith("?") else ""

    response = client.get(english(name, *rest, query=query))

    assert response.status_code == 200
    assert listed_names(response) == expected


def test_the_open_now_filter_honours_a_closure_today(client, repairs):
    locksmith = Location.objects.get(organization__alternate_name="锁匠")
    ScheduleException.objects.create(location=locksmith, date=datetime.date(2026, 3, 2), closed=True)

    response = client.get(english("registry:merchant_list", query="?open=now"))

    assert listed_names(response) == {"洗衣店"}


def test_the_open_now_list_follows_the_clock_though_it_is_kept(client, repairs):
    url = english("registry:merchant_list", query="?open=now")
    clock_source.set_now(timezone.make_aware(datetime.datetime(2026, 3, 2, 17, 59)))
    page = client.get(url).text
    assert "锁匠" in page and "洗衣店" in page and "水管工" not in page

    clock_source.set_now(timezone.make_aware(datetime.datetime(2026, 3, 2, 18, 0)))  # the locksmith closes

    page = client.get(url).text
    assert "锁匠" not in page and "洗衣店" in page


def test_a_renamed_district_shows_on_the_kept_list_and_merchant_page(client, laundry):
    assert client.get(english("registry:merchant_list")).status_code == 200
    assert client.get(detail_url(laundry)).status_code == 200
    district = laundry.locations.get().district
    district.name_en = "Gulou (renamed)"
    district.save()

    assert "Gulou (renamed)" in client.get(english("registry:merchant_list")).text
    assert "Gulou (renamed)" in client.get(detail_url(laundry)).text


@pytest.mark.parametrize("path", ["category/no-such-category/", "district/999999/"])
def test_an_unknown_category_or_district_in_the_address_is_not_found(client, db, path):
    assert client.get(english("registry:merchant_list") + path).status_code == 404


def test_the_list_pages_through_the_merchants(client, db):
    for number in range(23):
        OrganizationFactory(alternate_name=f"商户{number:02d}")

    first = client.get(english("registry:merchant_list"))
    second = client.get(english("registry:merchant_list", query="?page=2"))

    assert len(first.context["results"]) == 20
    assert len(second.context["results"]) == 3
    assert 'rel="next"' in first.content.decode()
    assert listed_names(first).isdisjoint(listed_names(second))


def a_merchant_with_two_outlets(category, subdistrict):
    merchant = OrganizationFactory(categories=[category], is_chain=True)
    for _ in range(2):
        outlet = LocationFactory(organization=merchant, subdistrict=subdistrict)
        ScheduleFactory(location=outlet, byday=Weekday.MONDAY)
        ScheduleFactory(location=outlet, byday=Weekday.TUESDAY)
        ScheduleException.objects.create(
            location=outlet, date=datetime.date(2026, 3, 2), opens_at=datetime.time(9), closes_at=datetime.time(18)
        )


@pytest.mark.parametrize(
    "url",
    [
        ("registry:merchant_list",),
        ("registry:category", "shopping"),
        ("registry:district", "320104", "?open=now&category=shopping"),
    ],
)
def test_the_list_costs_the_same_queries_for_one_merchant_as_for_a_full_page(
    client, db, django_assert_max_num_queries, url
):
    category = CategoryFactory(code="shopping")
    subdistrict = SubdistrictFactory(district=DistrictFactory(code="320104"))
    name, *rest = url
    query = rest.pop() if rest and rest[-1].startswith("?") else ""
    address = english(name, *rest, query=query)
    a_merchant_with_two_outlets(category, subdistrict)
    with CaptureQueriesContext(connection) as one_merchant:
        assert client.get(address).status_code == 200
    for _ in range(24):
        a_merchant_with_two_outlets(category, subdistrict)
    cache.clear()  # counted as built afresh: the kept page of cards costs fewer

    with django_assert_max_num_queries(len(one_merchant.captured_queries)):
        response = client.get(address)

    assert len(response.context["results"]) == 20


def test_the_merchant_page_costs_the_same_queries_for_one_outlet_as_for_many(
    client, laundry, django_assert_max_num_queries
):
    """Counted with nothing in the cache: building the outlets' cards does not grow with them either."""
    with CaptureQueriesContext(connection) as one_outlet:
        client.get(detail_url(laundry))
    for _ in range(5):
        outlet = LocationFactory(organization=laundry)
        ScheduleFactory(location=outlet)
        LicenceFactory(organization=laundry)
    cache.clear()

    with django_assert_max_num_queries(len(one_outlet.captured_queries)):
        response = client.get(detail_url(laundry))

    assert response.content.decode().count('class="card outlet"') == 6


def test_outlet_photos_are_shown_with_their_text_alternative(client, laundry, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    LocationPhoto.objects.create(
        location=laundry.locations.get(),
        image=SimpleUploadedFile("front.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"),
        alt_text="Shop front on Zhongshan North Road",
    )

    page = client.get(detail_url(laundry)).content.decode()

    assert 'alt="Shop front on Zhongshan North Road"' in page
