"""Administrators keep the districts' own minimum hourly wages (the city-wide one is in Settings)."""

from wagtail.snippets.views.snippets import SnippetViewSet

from market.jobs.models import DistrictMinimumWage


class DistrictMinimumWageViewSet(SnippetViewSet):
    model = DistrictMinimumWage
    icon = "date"
    list_display = ["district", "hourly_minimum", "source"]
    ordering = ["district__code"]
    add_to_admin_menu = False
