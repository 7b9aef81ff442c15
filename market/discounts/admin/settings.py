"""What administrators keep as snippets: the eligibility groups and the micro-profit service types' caps."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from market.discounts.models import EligibilityGroup, MicroProfitServiceType


class EligibilityGroupViewSet(SnippetViewSet):
    model = EligibilityGroup
    icon = "group"
    list_display = ["name", "name_en", "code", "default_validity_months", "verify_automatically", "active"]
    list_filter = ["active", "proof_required", "verify_automatically"]
    search_fields = ["name", "name_en", "code"]
    ordering = ["sort_order", "code"]


class MicroProfitServiceTypeViewSet(SnippetViewSet):
    model = MicroProfitServiceType
    icon = "tag"
    list_display = [
        "name",
        "name_en",
        "category",
        "price_cap",
        "subsidy_per_unit",
        "max_units_per_sale",
        "max_units_per_resident_per_day",
        "valid_from",
        "valid_to",
    ]
    list_filter = ["category"]
    search_fields = ["name", "name_en"]


class DiscountSettingsGroup(SnippetViewSetGroup):
    """Administrators keep the groups the policy names and the caps and subsidies of micro-profit services."""

    items = (EligibilityGroupViewSet, MicroProfitServiceTypeViewSet)
    menu_label = _("Discount settings")
    menu_icon = "cog"
    menu_order = 180
