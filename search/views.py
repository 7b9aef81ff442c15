"""The resident's search page and the autocomplete behind its search box."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from market import clock_source
from market.registry.models import Category, ListingStatus
from search.filters import MAX_TEXT_LENGTH, PLACE_CHOICES_SECONDS, MerchantSearchFilter, choices_version
from search.presentation import named_facets, result_cards, suggestion_url
from search.query import MAX_RESULT_WINDOW, SearchQuery
from search.request_reads import read_together
from search.service import did_you_mean as vocabulary_suggestions
from search.service import search_merchants, suggest

POPULAR_CATEGORIES = 6
DID_YOU_MEAN = 3
SUGGESTIONS = 8
SUGGESTION_KINDS = {
    "word": gettext_lazy("Search"),
    "category": gettext_lazy("Service category"),
    "merchant": gettext_lazy("Merchant"),
}
# Parameters that shape the list rather than narrow it: they are not offered for removal.
LIST_PARAMETERS = {"q", "sort", "page", "page_size", "near", "place"}


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value: str
    remove_url: str


def _without(request, *names: str) -> str:
    """This search's URL without some parameters, back on page one."""
    parameters = request.GET.copy()
    for name in (*names, "page"):
        parameters.pop(name, None)
    encoded = parameters.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


def active_filters(request, filters: MerchantSearchFilter) -> list[ActiveFilter]:
    found = []
    for name, value in filters.form.cleaned_data.items():
        if name in LIST_PARAMETERS or value in (None, "", False):
            continue
        shown = "" if value is True else str(value)
        # A sub-district belongs to its district: leaving the district leaves it too.
        removes = (name, "subdistrict") if name == "district" else (name,)
        found.append(ActiveFilter(str(filters.filters[name].label), shown, _without(request, *removes)))
    return found


@dataclass(frozen=True)
class FacetLink:
    """A facet value as the page offers it: its name, the hits it has in words, and this search narrowed to it."""

    code: str
    name: str
    count: str
    url: str


# What choosing a facet's value leaves out of the search besides the page: a district's sub-district.
FACET_REPLACES = {"category": (), "district": ("subdistrict",)}


def facet_links(request, facets) -> dict[str, list[FacetLink]]:
    """Each facet value with its count and link, as {% querystring %} writes it (the value replaces the facet's
    parameter where it stands, or comes last; page one). Built here, not by a tag and a plural per value in the
    template: with a score of values a page, those tags cost more than the cards."""
    asked = [(name, values) for name, values in request.GET.lists() if name != "page"]
    links = {}
    for facet, replaced in FACET_REPLACES.items():
        links[facet] = []
        for value in facets[facet]:
            parameters, placed = [], False
            for name, values in asked:
                if name == facet:
                    parameters.append((name, value.code))
                    placed = True
                elif name not in replaced:
                    parameters += [(name, item) for item in values]
            if not placed:
                parameters.append((facet, value.code))
            count = ngettext("%(counter)s merchant", "%(counter)s merchants", value.count) % {"counter": value.count}
            links[facet].append(FacetLink(value.code, value.name, count, f"?{urlencode(parameters)}"))
    return links


POPULAR_CACHE = "search:popular-categories:{version}"


def popular_categories() -> list[Category]:
    """The top-level categories with the most listed merchants, offered when a search finds nothing. Counting them
    over the whole register took a tenth of a second on 100,000 merchants, so they are kept in the shared cache for
    PLACE_CHOICES_SECONDS, under the version a category edit replaces (search.receivers)."""
    key = POPULAR_CACHE.format(version=choices_version())
    found = cache.get(key)
    if found is None:
        listed = Q(organizations__listing_status=ListingStatus.ACTIVE)
        found = list(
            Category.objects.filter(parent=None)
            .annotate(merchant_count=Count("organizations", filter=listed))
            .filter(merchant_count__gt=0)
            .order_by("-merchant_count", "sort_order")[:POPULAR_CATEGORIES]
        )
        cache.set(key, found, PLACE_CHOICES_SECONDS)
    return found


def broader_category(query: SearchQuery, filters: MerchantSearchFilter):
    """The parent of the chosen category, when there is one to widen to."""
    category = filters.form.cleaned_data.get("category") if query.category else None
    return category.parent if category and category.parent_id else None


def did_you_mean(text: str) -> list[str]:
    """Searches close to what was typed when nothing matched: its words put right against the index's own
    vocabulary first, then words and categories that start like it (a pinyin guess or its start)."""
    typed = text.strip()
    if not typed:
        return []
    close = vocabulary_suggestions(typed, limit=DID_YOU_MEAN)
    close += [item.text for item in suggest(typed) if item.kind != "merchant"]
    return [found for found in dict.fromkeys(close) if found != typed][:DID_YOU_MEAN]


@require_GET
@read_together
def search_results(request):
    filters = MerchantSearchFilter(request.GET)
    context = {"filters": filters, "form": filters.form}
    if not filters.is_valid():
        return render(request, "search/results.html", context, status=400)
    query = filters.search_query()
    results = search_merchants(query)
    reachable = min(results.total, MAX_RESULT_WINDOW)
    paginator = Paginator(range(reachable), query.page_size)
    page = paginator.page(query.page) if query.page <= paginator.num_pages else None
    facets = named_facets(results)
    context.update(
        query=query,
        results=results,
        cards=result_cards(results.hits, clock_source.now(), query),
        facets=facets,
        facet_links=facet_links(request, facets),
        active_filters=active_filters(request, filters),
        page_obj=page,
        # 1 … 4 5 6 7 8 … 500: a link to each of hundreds of pages was most of a big search's page.
        page_numbers=list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)) if page else None,
        first_page_url=_without(request),
    )
    if not results.total:
        context.update(
            suggestions=did_you_mean(query.text),
            broader_category=broader_category(query, filters),
            popular_categories=popular_categories(),
        )
    return render(request, "search/results.html", context)


@require_GET
def suggestions(request):
    """Completions as JSON for the search box: `{"suggestions": [{"text", "kind", "kind_label", "value", "url"}]}`."""
    typed = request.GET.get("q", "")[:MAX_TEXT_LENGTH]
    found = suggest(typed, limit=SUGGESTIONS)
    # Read out by screen readers as the list opens.
    status = ngettext(
        "%(count)d suggestion; use the up and down arrows to choose.",
        "%(count)d suggestions; use the up and down arrows to choose.",
        len(found),
    ) % {"count": len(found)}
    return JsonResponse(
        {
            "query": typed,
            "status": status,
            "suggestions": [
                {
                    "text": item.text,
                    "kind": item.kind,
                    "kind_label": str(SUGGESTION_KINDS.get(item.kind, "")),
                    "value": item.value,
                    "url": suggestion_url(item),
                }
                for item in found
            ],
        }
    )
