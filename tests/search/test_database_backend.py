"""The database backend's facet counts come from codes copied onto each merchant's entry: a refresh of the
entry must keep them in step with the register. Runs on SQLite, and on PostgreSQL when the suite does."""

from search.backends.database import DatabaseBackend, refresh_entries
from search.query import SearchQuery
from search.service import search_merchants
from tests.factories import CategoryFactory, LocationFactory, OrganizationFactory, SubdistrictFactory


def search(**criteria):
    return search_merchants(SearchQuery(**criteria), backend=DatabaseBackend())


def test_facets_follow_an_outlet_that_moves_and_a_category_that_changes(db):
    laundry = CategoryFactory(code="laundry", name="洗衣")
    tailoring = CategoryFactory(code="tailoring", name="裁缝")
    xuanwu = SubdistrictFactory(district__code="320102")
    gulou = SubdistrictFactory(district__code="320106")
    shop = OrganizationFactory(name="白鹭洗衣店", categories=[laundry])
    outlet = LocationFactory(organization=shop, subdistrict=xuanwu)
    refresh_entries()

    before = search(text="白鹭")
    assert before.facets == {"category": {"laundry": 1}, "district": {"320102": 1}}

    outlet.subdistrict, outlet.district = gulou, gulou.district
    outlet.save()
    shop.categories.set([tailoring])
    refresh_entries([shop.pk])

    after = search(text="白鹭")
    assert after.facets == {"category": {"tailoring": 1}, "district": {"320106": 1}}
    assert search(text="白鹭", district="320102").total == 0


def test_a_merchant_without_outlets_or_categories_is_found_with_empty_facets(db):
    OrganizationFactory(name="白鹭工作室", categories=[])
    refresh_entries()

    results = search(text="白鹭")

    assert results.total == 1
    assert results.facets == {"category": {}, "district": {}}
