"""The one set of search filters, shared by the search page and the JSON API: GET parameters in, a
validated SearchQuery out.

Each filter names the SearchQuery field it sets, so adding a filter is one declaration in
MerchantSearchFilter (after the SearchQuery field and the backends learn it).
"""

import time
from functools import partial

from django import forms
from django.core.cache import cache
from django.db.models import Avg
from django.http import QueryDict
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, CharFilter, ChoiceFilter, Filter, FilterSet, ModelChoiceFilter, NumberFilter
from django_filters.fields import ModelChoiceField

from market import cache_versions, clock_source
from market.discounts.models import EligibilityGroup
from market.places.models import Community, District, Subdistrict
from market.registry.models import Category, Location, Organization
from search.query import MAX_PAGE_SIZE, MAX_RESULT_WINDOW, Point, SearchQuery, Sort
from search.request_reads import read_with_search, shared_get
from search.widgets import HeldChoices, QuickCheckbox, QuickSearchInput, QuickSelect

DEFAULT_PAGE_SIZE = 20
MAX_TEXT_LENGTH = 100
MAX_RADIUS_KM = 50


class Criterion:
    """A filter that sets one field of SearchQuery from its cleaned value, instead of filtering a queryset:
    the search service applies it the same way on every backend. Empty and unticked values set nothing."""

    def __init__(self, *args, query_field: str, to_query=None, **kwargs):
        self.query_field = query_field
        self.to_query = to_query
        super().__init__(*args, **kwargs)

    def criteria(self, value) -> dict:
        if value in (None, "", False):
            return {}
        return {self.query_field: self.to_query(value) if self.to_query else value}


class TextCriterion(Criterion, CharFilter):
    pass


class ChoiceCriterion(Criterion, ChoiceFilter):
    pass


class ModelChoiceCriterion(Criterion, ModelChoiceFilter):
    pass


class ListedChoiceField(ModelChoiceField):
    """A category, district or eligibility group by its code, found in the list of them kept for the filters'
    choices (listed_objects) instead of by a query: two queries were most of checking a search by category and
    district. What it answers is what the query answered: the row, or the field's invalid_choice error."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        found = listed_objects(self.queryset.model).get(value) if isinstance(value, str) else None
        if found is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        # The kept row itself, read-only, shared by the requests of this process until the list is replaced (a copy
        # cost a quarter of what the list saved); what it caches (a category's parent) is as current as the list.
        return found


class ListedChoiceCriterion(ModelChoiceCriterion):
    """A ModelChoiceCriterion over a whole table by code, checked against its kept list (see ListedChoiceField)."""

    field_class = ListedChoiceField

    def __init__(self, *args, model, **kwargs):
        super().__init__(*args, queryset=model.objects.all(), to_field_name="code", **kwargs)


class TickCriterion(Criterion, BooleanFilter):
    """A checkbox: ticked applies the criterion, unticked leaves it out (it never means "not")."""

    field_class = forms.BooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", QuickCheckbox)
        super().__init__(*args, **kwargs)


class NumberCriterion(Criterion, NumberFilter):
    pass


class PointField(forms.CharField):
    """`latitude,longitude` in decimal degrees, as a phone's location or a map gives it."""

    default_error_messages = {
        "invalid": _("Give the place as latitude,longitude in degrees, for example 32.06,118.79."),
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            latitude, longitude = (float(part) for part in value.split(","))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return Point(latitude, longitude)


class PointCriterion(Criterion, Filter):
    field_class = PointField


PLACE_CHOICES_CACHE = "search:place-choices-dated:{version}:{language}:{district}"
PLACE_CHOICES_SECONDS = 300
# Every cached list of choices is keyed by this version: changing a category, a place or an eligibility group
# drops them all at once (search.receivers), however many districts they were kept for.
CHOICES_VERSION = read_with_search("search:choices-version")


def choices_version() -> str:
    """The version of what names categories, places and groups (see CHOICES_VERSION)."""
    return cache_versions.current(CHOICES_VERSION, read=shared_get)


# Each process also holds the lists it has read, by their key (which holds the version), until they are
# PLACE_CHOICES_SECONDS old: a results page offers five of them, and reading each from the shared cache cost more
# than the one read of the version.
_held_choices: dict[str, tuple[float, list | dict]] = {}
HELD_CHOICES_KEPT = 256


def _choices(key: str, build):
    """The choices under this key: held by this process, else from the shared cache, else built (and kept)."""
    held = _held_choices.get(key)
    if held is None or time.time() - held[0] >= PLACE_CHOICES_SECONDS:
        held = cache.get(key)
        if held is None:
            held = (time.time(), build())
            cache.set(key, held, PLACE_CHOICES_SECONDS)
        if len(_held_choices) >= HELD_CHOICES_KEPT:
            _held_choices.clear()
        _held_choices[key] = held
    return held[1]


def place_point(kind: str, pk: int) -> Point | None:
    """Where distances are measured from for a chosen sub-district (its own coordinates) or community. Communities
    have no coordinates in the register: the centre of their outlets stands in (the mean of their positions), or
    their sub-district's when none of the register's outlets lies in them."""
    if kind == "subdistrict":
        subdistrict = Subdistrict.objects.filter(pk=pk).first()
        return Point(float(subdistrict.latitude), float(subdistrict.longitude)) if subdistrict else None
    community = Community.objects.select_related("subdistrict").filter(pk=pk).first()
    if community is None:
        return None
    centre = Location.objects.filter(community=community).aggregate(
        latitude=Avg("latitude"), longitude=Avg("longitude")
    )
    if centre["latitude"] is not None:
        return Point(float(centre["latitude"]), float(centre["longitude"]))
    return Point(float(community.subdistrict.latitude), float(community.subdistrict.longitude))


def place_choices(district_code: str = "") -> list:
    """Sub-districts (街道) grouped by district, and the communities (社区) of the chosen district grouped by their
    sub-district (all of a city's would make every results page long). Cached: places seldom change."""
    key = PLACE_CHOICES_CACHE.format(version=choices_version(), language=get_language() or "", district=district_code)
    return _choices(key, partial(_place_choices, district_code))


def _place_choices(district_code: str) -> list:
    choices = [("", str(_("Choose a street or community")))]
    groups: dict[str, list] = {}
    for subdistrict in Subdistrict.objects.select_related("district"):
        groups.setdefault(subdistrict.district.display_name, []).append(
            (f"subdistrict-{subdistrict.pk}", subdistrict.display_name)
        )
    choices += list(groups.items())
    if district_code:
        communities: dict[str, list] = {}
        chosen = Community.objects.filter(subdistrict__district__code=district_code).select_related("subdistrict")
        for community in chosen:
            communities.setdefault(community.subdistrict.display_name, []).append(
                (f"community-{community.pk}", community.display_name)
            )
        choices += [
            (str(_("%(street)s: communities")) % {"street": name}, items) for name, items in communities.items()
        ]
    return choices


CHOICES_CACHE = "search:choices-dated:{version}:{name}:{language}:{district}"


def listed_choices(name: str, model, empty_label, district_code: str = "") -> list:
    """A select's choices as (value, label) pairs in the reader's language, cached for PLACE_CHOICES_SECONDS
    (cleared when a category, a place or a group changes: search.receivers). Values are codes, as the filters
    accept them; sub-districts are those of the chosen district, by id."""
    key = CHOICES_CACHE.format(
        version=choices_version(), name=name, language=get_language() or "", district=district_code
    )
    return _choices(key, partial(_listed_choices, model, empty_label, district_code))


def _listed_choices(model, empty_label, district_code: str) -> list:
    if model is Subdistrict:
        rows = [(item.pk, item.display_name) for item in Subdistrict.objects.filter(district__code=district_code)]
    else:
        rows = [(code, item.display_name) for code, item in listed_objects(model).items()]
    return [("", str(empty_label)), *rows]


OBJECTS_CACHE = "search:choice-objects:{version}:{model}"


def listed_objects(model) -> dict:
    """Every category, district or eligibility group by its code, in the table's order: what the filters offer
    (listed_choices) and accept (ListedChoiceField). Kept and cleared with the choices."""
    key = OBJECTS_CACHE.format(version=choices_version(), model=model._meta.label_lower)
    return _choices(key, lambda: {item.code: item for item in model.objects.all()})


def forget_choices() -> None:
    cache_versions.replace(CHOICES_VERSION)


class PlaceField(forms.Field):
    """A sub-district or a community to measure distances from (`subdistrict-12`, `community-34`): what a resident
    without a located device, or who would rather not share it, chooses instead."""

    widget = QuickSelect
    default_error_messages = {"invalid": _("There is no such street or community.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        kind, _dash, pk = str(value).partition("-")
        point = place_point(kind, int(pk)) if kind in {"subdistrict", "community"} and pk.isdigit() else None
        if point is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return point


class PlaceCriterion(Criterion, Filter):
    field_class = PlaceField


class FieldsCopiedLightly(dict):
    """A search form class's fields, copied for each form lightly: each field and its widget (with its attributes)
    shallowly, which is what a form changes (the widgets' choices, see MerchantSearchFilter.form). Django's deep copy
    also cloned each select's queryset and copied every validator and message: a tenth of an API search. The
    querysets are shared, never evaluated in place (a choice is looked up with .get(), a clone)."""

    def __deepcopy__(self, memo):
        copied = {}
        for name, field in self.items():
            field, widget = _shallow_copy(field), _shallow_copy(field.widget)
            widget.attrs = widget.attrs.copy()
            field.widget = widget
            copied[name] = field
        return copied


def _shallow_copy(thing):
    """As copy.copy, for filters, fields and widgets (plain objects with a __dict__), at a third of its cost."""
    copied = object.__new__(type(thing))
    copied.__dict__.update(thing.__dict__)
    return copied


class SearchForm(forms.Form):
    """Checks that the filters make sense together."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("near") is None and cleaned.get("place") is None:
            if cleaned.get("radius") is not None:
                self.add_error("radius", _("A distance needs a place to measure from: share your location first."))
            if cleaned.get("sort") == Sort.DISTANCE:
                self.add_error(
                    "sort", _("Sorting by distance needs a place to measure from: share your location first.")
                )
        district, subdistrict = cleaned.get("district"), cleaned.get("subdistrict")
        if district and subdistrict and subdistrict.district_id != district.pk:
            self.add_error("subdistrict", _("This sub-district is not in the chosen district."))
        return cleaned


class MerchantSearchFilter(FilterSet):
    q = TextCriterion(
        query_field="text",
        to_query=str.strip,
        label=_("What are you looking for?"),
        max_length=MAX_TEXT_LENGTH,
        widget=QuickSearchInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": _("Please shorten your search to %(limit_value)d characters.")},
    )
    category = ListedChoiceCriterion(
        widget=QuickSelect,
        query_field="category",
        to_query=lambda category: category.code,
        label=_("Service"),
        model=Category,
        empty_label=_("All services"),
        error_messages={"invalid_choice": _("There is no service category “%(value)s”.")},
    )
    district = ListedChoiceCriterion(
        widget=QuickSelect,
        query_field="district",
        to_query=lambda district: district.code,
        label=_("District"),
        model=District,
        empty_label=_("Whole city"),
        error_messages={"invalid_choice": _("There is no district with the code “%(value)s”.")},
    )
    subdistrict = ModelChoiceCriterion(
        widget=QuickSelect,
        query_field="subdistrict",
        to_query=lambda subdistrict: subdistrict.pk,
        label=_("Sub-district"),
        queryset=Subdistrict.objects.all(),
        empty_label=_("All sub-districts"),
        error_messages={"invalid_choice": _("There is no such sub-district.")},
    )
    open_now = TickCriterion(query_field="open_at", to_query=lambda ticked: clock_source.now(), label=_("Open now"))
    founded_by_laid_off_workers = TickCriterion(
        query_field="founded_by_laid_off_workers", label=_("Founded by laid-off workers")
    )
    offer_group = ListedChoiceCriterion(
        widget=QuickSelect,
        query_field="offer_group",
        to_query=lambda group: group.code,
        label=_("Offers for"),
        model=EligibilityGroup,
        empty_label=_("Any group or none"),
        error_messages={"invalid_choice": _("There is no eligibility group “%(value)s”.")},
    )
    micro_profit_only = TickCriterion(query_field="micro_profit_only", label=_("Micro-profit services only"))
    bookable_online = TickCriterion(query_field="bookable_online", label=_("Bookable online"))
    # Later issues add their filters here, e.g. minimum rating: one Criterion each, naming the SearchQuery
    # field it sets.
    # Where distances are measured from: a chosen street or community, or (filled in by static/js/near-me.js when
    # the resident allows it, and never stored) the browser's location, which wins when both are given.
    place = PlaceCriterion(query_field="near", label=_("Distance from"))
    near = PointCriterion(query_field="near", label=_("Near"))
    radius = NumberCriterion(
        query_field="radius_km",
        to_query=float,
        label=_("Within (km)"),
        min_value=0.1,
        max_value=MAX_RADIUS_KM,
        decimal_places=1,
        error_messages={
            "invalid": _("The distance must be a number of kilometres, for example 2."),
            "min_value": _("The distance must be at least %(limit_value)s km."),
            "max_value": _("The distance can be at most %(limit_value)s km."),
        },
    )
    sort = ChoiceCriterion(
        widget=QuickSelect,
        query_field="sort",
        to_query=Sort,
        label=_("Sort by"),
        choices=[(Sort.RELEVANCE, _("Best match")), (Sort.DISTANCE, _("Nearest first"))],
        empty_label=None,
        error_messages={"invalid_choice": _("Results can be sorted by best match or by distance.")},
    )
    page = NumberCriterion(
        query_field="page",
        to_query=int,
        label=pgettext_lazy("pagination", "Page"),
        min_value=1,
        max_value=MAX_RESULT_WINDOW,
        decimal_places=0,
        error_messages={"invalid": _("The page must be a whole number.")},
    )
    page_size = NumberCriterion(
        query_field="page_size",
        to_query=int,
        label=_("Results per page"),
        min_value=1,
        max_value=MAX_PAGE_SIZE,
        decimal_places=0,
        error_messages={"invalid": _("The number of results per page must be a whole number.")},
    )

    class Meta:
        model = Organization
        fields = []
        form = SearchForm

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # As django-filter's BaseFilterSet.__init__, but each filter is copied shallowly: its deep copy (querysets
        # and all) was a tenth of an API search, and nothing below changes a filter's own attributes in place.
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = Organization.objects.all() if queryset is None else queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: _shallow_copy(filter_) for name, filter_ in self.base_filters.items()}
        for filter_ in self.filters.values():
            filter_.model = self.queryset.model
            filter_.parent = self
        district_code = self.data.get("district")
        self.district_code = district_code if isinstance(district_code, str) else ""

    # Building the form class makes a form field per filter: a tenth of an API search. It depends only on the
    # district (which sub-districts are accepted), so each is built once per process.
    _form_classes: dict = {}
    FORM_CLASSES_KEPT = 64

    def get_form_class(self):
        found = self._form_classes.get(self.district_code)
        if found is None:
            if self.district_code:
                # Only the chosen district's sub-districts are offered, and accepted (the form's field holds the
                # queryset: it is made with the form class, not for every search).
                self.filters["subdistrict"].queryset = Subdistrict.objects.filter(district__code=self.district_code)
            found = super().get_form_class()
            found.base_fields = FieldsCopiedLightly(found.base_fields)
            if len(self._form_classes) < self.FORM_CLASSES_KEPT:
                self._form_classes[self.district_code] = found
        return found

    @property
    def form(self):
        form = super().form
        if not hasattr(form, "places_offered"):
            # Read when the form is shown, not when it is only validated (the API); the lists are cached, as
            # reading four tables for every results page cost more than the search itself.
            # Django reads a select's choices twice as it renders it (the required attribute, then the options):
            # each list is fetched from the cache once per form.
            form.fields["place"].widget.choices = HeldChoices(partial(place_choices, self.district_code))
            for name, model in (("category", Category), ("district", District), ("offer_group", EligibilityGroup)):
                form.fields[name].widget.choices = HeldChoices(
                    partial(listed_choices, name, model, form.fields[name].empty_label, "")
                )
            form.fields["subdistrict"].widget.choices = HeldChoices(
                partial(
                    listed_choices,
                    "subdistrict",
                    Subdistrict,
                    form.fields["subdistrict"].empty_label,
                    self.district_code,
                )
            )
            form.places_offered = True
        return form

    def search_query(self) -> SearchQuery:
        """The validated query; call is_valid() first."""
        criteria = {"page_size": DEFAULT_PAGE_SIZE}
        for name, value in self.form.cleaned_data.items():
            criteria.update(self.filters[name].criteria(value))
        # Near me means nearest first, unless another order is asked for.
        if criteria.get("near") is not None and not self.data.get("sort"):
            criteria["sort"] = Sort.DISTANCE
        return SearchQuery(**criteria)
