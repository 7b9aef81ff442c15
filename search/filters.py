"""The one set of search filters, shared by the search page and the JSON API: GET parameters in, a
validated SearchQuery out.

Each filter names the SearchQuery field it sets, so adding a filter is one declaration in
MerchantSearchFilter (after the SearchQuery field and the backends learn it).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, CharFilter, ChoiceFilter, Filter, FilterSet, ModelChoiceFilter, NumberFilter

from market import clock_source
from market.discounts.models import EligibilityGroup
from market.places.models import District, Subdistrict
from market.registry.models import Category, Organization
from search.query import MAX_PAGE_SIZE, MAX_RESULT_WINDOW, Point, SearchQuery, Sort

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


class TickCriterion(Criterion, BooleanFilter):
    """A checkbox: ticked applies the criterion, unticked leaves it out (it never means "not")."""

    field_class = forms.BooleanField


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


class SearchForm(forms.Form):
    """Checks that the filters make sense together."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("near") is None:
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
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": _("Please shorten your search to %(limit_value)d characters.")},
    )
    category = ModelChoiceCriterion(
        query_field="category",
        to_query=lambda category: category.code,
        label=_("Service"),
        queryset=Category.objects.all(),
        to_field_name="code",
        empty_label=_("All services"),
        error_messages={"invalid_choice": _("There is no service category “%(value)s”.")},
    )
    district = ModelChoiceCriterion(
        query_field="district",
        to_query=lambda district: district.code,
        label=_("District"),
        queryset=District.objects.all(),
        to_field_name="code",
        empty_label=_("Whole city"),
        error_messages={"invalid_choice": _("There is no district with the code “%(value)s”.")},
    )
    subdistrict = ModelChoiceCriterion(
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
    offer_group = ModelChoiceCriterion(
        query_field="offer_group",
        to_query=lambda group: group.code,
        label=_("Offers for"),
        queryset=EligibilityGroup.objects.all(),
        to_field_name="code",
        empty_label=_("Any group or none"),
        error_messages={"invalid_choice": _("There is no eligibility group “%(value)s”.")},
    )
    micro_profit_only = TickCriterion(query_field="micro_profit_only", label=_("Micro-profit services only"))
    # Later issues add their filters here, e.g. minimum rating: one Criterion each, naming the SearchQuery
    # field it sets.
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
        label=_("Page"),
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

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        district_code = self.data.get("district")
        if district_code:
            # Only the chosen district's sub-districts are offered, and accepted.
            self.filters["subdistrict"].queryset = Subdistrict.objects.filter(district__code=district_code)

    def search_query(self) -> SearchQuery:
        """The validated query; call is_valid() first."""
        criteria = {"page_size": DEFAULT_PAGE_SIZE}
        for name, value in self.form.cleaned_data.items():
            criteria.update(self.filters[name].criteria(value))
        return SearchQuery(**criteria)
