"""The search contract every engine honours: what a resident types or filters, and what comes back."""

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from market.feedback.ratings import recount
from market.registry import services as registry
from market.registry.models import ListingStatus, Organization, ScheduleException, Weekday
from search.models import Synonym
from search.presentation import Named, result_card
from search.query import Point, SearchQuery, Sort
from search.vocabulary import vocabulary_version
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    SubdistrictFactory,
)
from tests.feedback.factories import ReviewFactory

# Three outlets on a north-south line through Nanjing, a few kilometres apart.
SOUTH = Point(32.050000, 118.790000)
MIDDLE = Point(32.070000, 118.790000)
NORTH = Point(32.100000, 118.790000)


def merchant(name: str, categories, subdistrict, point: Point, **fields) -> Organization:
    organization = OrganizationFactory(name=name, alternate_name="", name_en="", categories=categories, **fields)
    LocationFactory(
        organization=organization,
        name=f"{name}总店",
        subdistrict=subdistrict,
        latitude=Decimal(str(point.latitude)),
        longitude=Decimal(str(point.longitude)),
    )
    return organization


@dataclass
class Town:
    housekeeping: Organization
    locksmith: Organization
    shop: Organization
    suspended: Organization
    unlisted: Organization
    xuanwu: str
    gulou: str


@pytest.fixture
def town(engine) -> Town:
    housekeeping = CategoryFactory(code="housekeeping", name="家政服务", name_en="Housekeeping")
    repair = CategoryFactory(code="repair", name="维修", name_en="Repair")
    locks = CategoryFactory(code="locks", name="开锁换锁", name_en="Locks", parent=repair)
    shopping = CategoryFactory(code="shopping", name="购物", name_en="Shopping")
    convenience = CategoryFactory(code="convenience", name="便利店", name_en="Convenience store", parent=shopping)
    xuanwu = SubdistrictFactory(district=DistrictFactory(code="320102", name="玄武区"), name="玄武门街道")
    gulou = SubdistrictFactory(district=DistrictFactory(code="320106", name="鼓楼区"), name="宁海路街道")
    built = Town(
        housekeeping=merchant(
            "红星家政服务公司",
            [housekeeping],
            xuanwu,
            SOUTH,
            description="提供日常保养、深度清扫和月度家政套餐。",
        ),
        locksmith=merchant("张师傅开锁", [locks], gulou, MIDDLE),
        shop=merchant("苏果便利店", [convenience], gulou, NORTH, founded_by_laid_off_workers=True),
        suspended=merchant("洁净家政", [housekeeping], xuanwu, SOUTH, listing_status=ListingStatus.SUSPENDED),
        unlisted=merchant("阳光家政", [housekeeping], xuanwu, SOUTH, listing_status=ListingStatus.UNLISTED),
        xuanwu="320102",
        gulou="320106",
    )
    engine.index()
    return built


def ids(results) -> list[int]:
    return [hit.id for hit in results.hits]


def test_a_chinese_word_finds_the_merchant_and_marks_it(engine, town):
    results = engine.search(text="家政")

    assert ids(results) == [town.housekeeping.pk]
    assert results.total == 1
    assert results.hits[0].name == "红星家政服务公司"
    assert results.hits[0].highlights["name"] == ["红星<mark>家政</mark>服务公司"]
    assert results.hits[0].score > 0


@pytest.mark.parametrize("typed", ["jiazheng", "jz", "JiaZheng", "hongxing"])
def test_pinyin_and_initials_find_the_merchant(engine, town, typed):
    results = engine.search(text=typed)

    assert ids(results) == [town.housekeeping.pk]


def test_a_pinyin_query_highlights_the_chinese_word_it_matched(engine, town):
    hit = engine.search(text="jz").hits[0]

    assert hit.highlights["name"] == ["红星<mark>家政</mark>服务公司"]


def test_a_synonym_finds_a_merchant_that_never_uses_the_word(engine, town):
    results = engine.search(text="保洁")

    assert ids(results) == [town.housekeeping.pk]


def test_every_word_of_a_query_must_match(engine, town):
    assert ids(engine.search(text="红星 家政")) == [town.housekeeping.pk]
    assert engine.search(text="红星 家政").dropped == []


def test_when_no_merchant_has_every_word_the_most_telling_words_are_searched_and_the_rest_named(engine, town):
    relaxed = engine.search(text="红星 开锁")

    assert ids(relaxed) == [town.locksmith.pk]
    assert relaxed.dropped == ["红星"]
    assert relaxed.searched == "开锁"


def test_a_category_includes_its_sub_categories(engine, town):
    assert ids(engine.search(category="repair")) == [town.locksmith.pk]
    assert ids(engine.search(category="locks")) == [town.locksmith.pk]
    assert ids(engine.search(category="shopping", text="便利店")) == [town.shop.pk]
    assert engine.search(category="housekeeping", text="开锁").total == 0


def test_the_district_and_sub_district_filters(engine, town):
    assert set(ids(engine.search(district=town.gulou))) == {town.locksmith.pk, town.shop.pk}
    assert ids(engine.search(district=town.xuanwu)) == [town.housekeeping.pk]
    subdistrict = town.locksmith.locations.get().subdistrict_id
    assert set(ids(engine.search(subdistrict=subdistrict))) == {town.locksmith.pk, town.shop.pk}
    assert engine.search(district="999999").total == 0


def test_founded_by_laid_off_workers_filter(engine, town):
    assert ids(engine.search(founded_by_laid_off_workers=True)) == [town.shop.pk]


def haversine_km(one: Point, other: Point) -> float:
    latitude, other_latitude = math.radians(one.latitude), math.radians(other.latitude)
    half_chord = (
        math.sin((other_latitude - latitude) / 2) ** 2
        + math.cos(latitude)
        * math.cos(other_latitude)
        * math.sin(math.radians(other.longitude - one.longitude) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(half_chord))


def test_distance_sort_puts_the_nearest_first_and_says_how_far(engine, town):
    results = engine.search(near=NORTH, sort=Sort.DISTANCE)

    assert ids(results) == [town.shop.pk, town.locksmith.pk, town.housekeeping.pk]
    distances = [hit.distance_km for hit in results.hits]
    assert distances[0] == pytest.approx(0, abs=0.01)
    assert distances[1] == pytest.approx(haversine_km(NORTH, MIDDLE), rel=0.01)
    assert distances[2] == pytest.approx(haversine_km(NORTH, SOUTH), rel=0.01)


def test_a_radius_keeps_only_merchants_with_an_outlet_inside_it(engine, town):
    results = engine.search(near=NORTH, radius_km=4, sort=Sort.DISTANCE)

    assert ids(results) == [town.shop.pk, town.locksmith.pk]


def test_distance_sort_measures_to_the_outlet_that_satisfies_the_filters(engine, town):
    # A second outlet of the shop, far south in Xuanwu: a Xuanwu filter measures to it, not the nearer one.
    far_outlet = LocationFactory(
        organization=town.shop,
        subdistrict=town.housekeeping.locations.get().subdistrict,
        latitude=Decimal("32.000000"),
        longitude=Decimal("118.790000"),
    )
    engine.index()

    results = engine.search(near=NORTH, sort=Sort.DISTANCE, district=town.xuanwu)

    assert ids(results) == [town.housekeeping.pk, town.shop.pk]
    far = Point(float(far_outlet.latitude), float(far_outlet.longitude))
    assert results.hits[1].distance_km == pytest.approx(haversine_km(NORTH, far), rel=0.01)


def test_unlisted_and_suspended_merchants_never_appear(engine, town):
    everyone = engine.search(page_size=100)
    shown = set(ids(everyone))

    assert shown == {town.housekeeping.pk, town.locksmith.pk, town.shop.pk}
    assert everyone.total == 3
    assert town.suspended.pk not in ids(engine.search(text="洁净"))
    assert not [item for item in engine.suggest("阳光") if item.kind == "merchant"]


def test_a_suspended_merchant_leaves_the_total_and_the_results_together(
    engine, town, settings, django_capture_on_commit_callbacks
):
    if engine.name != "elasticsearch":
        settings.ELASTICSEARCH_URL = ""  # only this engine's store is written
    assert engine.search().total == 3

    with django_capture_on_commit_callbacks(execute=True):
        registry.suspend_listing(town.shop, at=timezone.now(), reason="无证经营")

    pages, page_number = [], 1
    while page_number is not None:
        results = engine.search(page=page_number, page_size=1)
        assert results.total == 2
        pages.append(ids(results))
        page_number = results.next_page
    assert sorted(pk for page in pages for pk in page) == sorted([town.housekeeping.pk, town.locksmith.pk])
    assert engine.search(text="苏果").total == 0


def test_each_hit_carries_what_its_card_shows_rating_included(engine, town, django_capture_on_commit_callbacks):
    outlet = town.shop.locations.get()
    ScheduleFactory(location=outlet, byday=Weekday.MONDAY, opens_at=datetime.time(7), closes_at=datetime.time(23))
    ReviewFactory(location=outlet, rating=5)
    ReviewFactory(location=outlet, rating=2)
    recount(town.shop.pk, [outlet.pk])
    engine.index()
    monday_noon = at(next_weekday(Weekday.MONDAY), 12)

    hit = engine.search(text="苏果", near=NORTH).hits[0]
    card = result_card(hit, monday_noon, SearchQuery(text="苏果", near=NORTH))

    assert card.legal_name == "苏果便利店"
    assert card.categories == [Named("convenience", "便利店", "Convenience store")]
    assert [district.code for district in card.districts] == [town.gulou]
    assert card.outlet.name == "苏果便利店总店"
    assert card.outlet.distance_km(NORTH) == pytest.approx(0, abs=0.01)
    assert card.is_open and not result_card(hit, at(next_weekday(Weekday.TUESDAY), 12)).is_open
    assert (card.rating.average, card.rating.count) == (Decimal("3.50"), 2)
    assert result_card(engine.search(text="红星").hits[0], monday_noon).rating is None


def test_facet_counts_match_the_hits(engine, town):
    everyone = engine.search()

    assert everyone.facets["category"] == {
        "housekeeping": 1,
        "repair": 1,
        "locks": 1,
        "shopping": 1,
        "convenience": 1,
    }
    assert everyone.facets["district"] == {town.xuanwu: 1, town.gulou: 2}

    in_gulou = engine.search(district=town.gulou)
    assert in_gulou.facets["category"] == {"repair": 1, "locks": 1, "shopping": 1, "convenience": 1}
    assert in_gulou.facets["district"] == {town.gulou: 2}


def test_pagination_walks_every_hit_once_and_stops(engine, town):
    repair = town.locksmith.categories.get().parent
    subdistrict = town.locksmith.locations.get().subdistrict
    for number in range(4):
        merchant(f"便民维修部{number}", [repair], subdistrict, MIDDLE)
    engine.index()

    pages, page_number = [], 1
    while page_number is not None:
        results = engine.search(text="维修", page=page_number, page_size=2)
        assert results.total == 5
        pages.append(ids(results))
        page_number = results.next_page

    assert [len(page) for page in pages] == [2, 2, 1]
    seen = [pk for page in pages for pk in page]
    assert len(set(seen)) == 5
    assert town.locksmith.pk in seen
    beyond = engine.search(text="维修", page=4, page_size=2)
    assert beyond.hits == [] and beyond.total == 5 and beyond.next_page is None


def test_nothing_matched_is_empty_with_total_zero(engine, town):
    results = engine.search(text="火箭发射")

    assert results.hits == []
    assert results.total == 0
    assert results.next_page is None
    assert results.facets == {"category": {}, "district": {}}


def next_weekday(weekday: int) -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=(weekday - today.isoweekday()) % 7 or 7)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def test_open_now_follows_weekly_hours_and_dated_exceptions(engine, town):
    outlet = town.housekeeping.locations.get()
    ScheduleFactory(location=outlet, byday=Weekday.MONDAY, opens_at=datetime.time(8), closes_at=datetime.time(20))
    monday, next_monday = (
        next_weekday(Weekday.MONDAY),
        next_weekday(Weekday.MONDAY) + datetime.timedelta(days=7),
    )
    ScheduleException.objects.create(location=outlet, date=next_monday, closed=True, notes="春节")
    engine.index()

    assert ids(engine.search(open_at=at(monday, 10))) == [town.housekeeping.pk]
    assert ids(engine.search(open_at=at(monday, 8))) == [town.housekeeping.pk]
    assert engine.search(open_at=at(monday, 20)).total == 0
    assert engine.search(open_at=at(monday + datetime.timedelta(days=1), 10)).total == 0
    assert engine.search(open_at=at(next_monday, 10)).total == 0


def test_special_hours_open_an_outlet_on_a_day_it_is_usually_closed(engine, town):
    outlet = town.locksmith.locations.get()
    sunday = next_weekday(Weekday.SUNDAY)
    ScheduleException.objects.create(
        location=outlet, date=sunday, closed=False, opens_at=datetime.time(9), closes_at=datetime.time(12)
    )
    engine.index()

    assert ids(engine.search(open_at=at(sunday, 11, 30), district=town.gulou)) == [town.locksmith.pk]
    assert engine.search(open_at=at(sunday, 12)).total == 0


def test_suggestions_offer_words_categories_and_merchants(engine, town):
    suggestions = engine.suggest("jz")

    assert ("家政", "word") in [(item.text, item.kind) for item in suggestions]
    assert ("家政服务", "category") in [(item.text, item.kind) for item in suggestions]
    merchants = [item for item in suggestions if item.kind == "merchant"]
    assert [(item.text, item.value) for item in merchants] == [("红星家政服务公司", str(town.housekeeping.pk))]


@pytest.mark.parametrize("typed", ["红星", "hongx", "hx", "苏果", "sg"])
def test_merchant_suggestions_follow_the_start_of_a_name(engine, town, typed):
    merchants = [item.text for item in engine.suggest(typed) if item.kind == "merchant"]

    expected = "红星家政服务公司" if typed in {"红星", "hongx", "hx"} else "苏果便利店"
    assert merchants == [expected]


def test_no_suggestions_for_an_empty_prefix(engine, town):
    assert engine.suggest("  ") == []


@pytest.mark.requires_service("elasticsearch")
@pytest.mark.parametrize("typo", ["jiazhng", "jaizheng", "hongxign"])
def test_a_pinyin_typo_still_finds_the_merchant_on_elasticsearch(elasticsearch_engine, typo):
    organization = merchant(
        "红星家政服务公司",
        [CategoryFactory(code="housekeeping", name="家政服务")],
        SubdistrictFactory(),
        SOUTH,
    )
    elasticsearch_engine.index()

    assert ids(elasticsearch_engine.search(text=typo)) == [organization.pk]


def test_a_synonym_an_administrator_adds_applies_to_the_next_search(engine, town):
    assert engine.search(text="帮佣").total == 0

    synonym = Synonym(terms="帮佣，家政")
    synonym.full_clean()
    synonym.save()

    assert ids(engine.search(text="帮佣")) == [town.housekeeping.pk]
    synonym.delete()
    assert engine.search(text="帮佣").total == 0


def test_a_synonym_set_needs_two_words():
    with pytest.raises(ValidationError):
        Synonym(terms="家政").full_clean()


def test_saving_or_deleting_a_synonym_has_every_engine_read_its_vocabulary_again(db):
    before = vocabulary_version()
    synonym = Synonym.objects.create(terms="帮佣, 家政")
    saved = vocabulary_version()
    synonym.delete()

    assert before != saved != vocabulary_version()
