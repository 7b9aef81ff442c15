"""Registers the bureau's discount screens in the Wagtail admin: the eligibility checks, the subsidy claims, the
flagged sales, the printed benefit cards, the settings snippets, the "Discount reports" menu and the admin log's
names for the staff's acts; and announces the bureau's edits of micro-profit service types, which are made here
and nowhere else.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from market.admin_reports import register_reports
from market.discounts import signals
from market.discounts.admin import reports
from market.discounts.admin.acts import CARD_ACTS, CLAIM_ACTS, ELIGIBILITY_ACTS, SALE_FLAG_ACTS
from market.discounts.admin.cards import BenefitCardViewSet
from market.discounts.admin.claims import SubsidyClaimViewSet
from market.discounts.admin.eligibility import EligibilityQueueViewSet
from market.discounts.admin.sale_flags import SaleFlagViewSet
from market.discounts.admin.settings import DiscountSettingsGroup
from market.discounts.models import MicroProfitServiceType
from market.events import send_after_commit

register_snippet(DiscountSettingsGroup)


@hooks.register("register_admin_viewset")
def register_eligibility_queue():
    return EligibilityQueueViewSet()


@hooks.register("register_admin_viewset")
def register_subsidy_claims():
    return SubsidyClaimViewSet()


@hooks.register("register_admin_viewset")
def register_flagged_sales():
    return SaleFlagViewSet()


@hooks.register("register_admin_viewset")
def register_benefit_cards():
    return BenefitCardViewSet()


register_reports(
    reports.REPORTS,
    url_prefix="discounts/reports/",
    menu_label=_("Discount reports"),
    menu_name="discount-reports",
    menu_order=190,
)


@hooks.register("register_log_actions")
def register_staff_acts(actions):
    """Each act is also in Wagtail's site history, beside the editors' page changes."""
    for acts in (ELIGIBILITY_ACTS, CLAIM_ACTS, SALE_FLAG_ACTS, CARD_ACTS):
        acts.register_log_actions(actions, describe=lambda act: _("Discounts: %(act)s") % {"act": act.label})
    actions.register_action("discounts.issue_card", _("Issue a card"), _("Discounts: Issue a card"))


@hooks.register("after_edit_snippet")
def announce_micro_profit_terms(request, instance):
    """The bureau moved a type's dates or cap: the merchants offering it are in force on other days now. (A new
    type has no services yet, and a type in use cannot be deleted.)"""
    if isinstance(instance, MicroProfitServiceType):
        send_after_commit(
            signals.micro_profit_terms_changed,
            MicroProfitServiceType,
            service_type=instance,
            organization_ids=sorted(set(instance.services.values_list("organization_id", flat=True))),
        )
