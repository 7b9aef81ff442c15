"""Search results shaped for people and programs: each hit joined to the register's public data, facet codes
named, suggestions given the address they lead to. Shared by the search page and the JSON API."""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from market.places.models import District
from market.registry.models import Category, Organization
from market.registry.public import any_outlet_open, districts_of, listed_merchants
from search.query import Hit, SearchResults, Suggestion


def merchant_url(merchant_id: int | str) -> str:
    return reverse("registry:merchant_detail", args=[merchant_id])


def search_url(**parameters) -> str:
    return f"{reverse('search:results')}?{urlencode(parameters)}"


def suggestion_url(suggestion: Suggestion) -> str:
    """Where choosing a suggestion leads: a category filter, a merchant's page, or a search for the word."""
    if suggestion.kind == "category":
        return search_url(category=suggestion.value)
    if suggestion.kind == "merchant":
        return merchant_url(suggestion.value)
    return search_url(q=suggestion.value)


@dataclass
class ResultCard:
    hit: Hit
    merchant: Organization
    districts: list[District]
    is_open: bool

    @property
    def url(self) -> str:
        return merchant_url(self.merchant.pk)


def result_cards(hits: list[Hit], moment: datetime.datetime) -> list[ResultCard]:
    """The page's hits with their merchants, in a fixed number of queries whatever the page size. A hit whose
    merchant is no longer listed is dropped, even if the index has not caught up yet."""
    merchants = listed_merchants(moment).in_bulk([hit.id for hit in hits])
    return [
        ResultCard(
            hit=hit,
            merchant=merchants[hit.id],
            districts=districts_of(merchants[hit.id]),
            is_open=any_outlet_open(merchants[hit.id], moment),
        )
        for hit in hits
        if hit.id in merchants
    ]


@dataclass(frozen=True)
class FacetValue:
    code: str
    name: str
    count: int


def named_facets(results: SearchResults) -> dict[str, list[FacetValue]]:
    """Facet counts with the names residents read, most hits first."""
    counts = results.facets
    names = {
        "category": {
            category.code: category.display_name
            for category in Category.objects.filter(code__in=counts.get("category", {}))
        },
        "district": {
            district.code: district.display_name
            for district in District.objects.filter(code__in=counts.get("district", {}))
        },
    }
    return {
        facet: sorted(
            (
                FacetValue(code=code, name=names[facet][code], count=count)
                for code, count in counts.get(facet, {}).items()
                if code in names[facet]
            ),
            key=lambda value: (-value.count, value.name),
        )
        for facet in names
    }
