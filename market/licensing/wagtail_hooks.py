"""Registers the staff's licensing screens in the Wagtail admin: the review queue with each application's page,
the merchants with their listing changes, the dashboard panel, the settings snippets and the admin log's names
for the staff's acts.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from market.licensing.admin import fees as fee_schedule
from market.licensing.admin.actions import ACTS
from market.licensing.admin.dashboard import LicensingDashboardPanel
from market.licensing.admin.merchants import LISTING_ACTS, MerchantViewSet
from market.licensing.admin.permissions import LicensingStaffPolicy, works_on_licensing
from market.licensing.admin.viewsets import LicensingSettingsGroup, ReviewQueueViewSet
from market.licensing.models import Application, LicensingFee
from market.registry.models import Organization

register_permission_policy(Application, LicensingStaffPolicy(Application))
register_permission_policy(Organization, LicensingStaffPolicy(Organization))
register_permission_policy(LicensingFee, fee_schedule.FeeSchedulePolicy(LicensingFee))
register_snippet(LicensingSettingsGroup)


@hooks.register("register_admin_viewset")
def register_review_queue():
    return ReviewQueueViewSet()


@hooks.register("register_admin_viewset")
def register_merchants():
    return MerchantViewSet()


@hooks.register("construct_homepage_panels")
def add_workload_panel(request, panels):
    if works_on_licensing(request.user):
        panels.append(LicensingDashboardPanel(request))


@hooks.register("register_log_actions")
def register_staff_acts(actions):
    """Each act is also in Wagtail's site history, beside the editors' page changes."""
    ACTS.register_log_actions(actions, describe=lambda act: _("Licensing: %(act)s") % {"act": act.label})


@hooks.register("register_log_actions")
def register_listing_acts(actions):
    """The merchants' listing changes keep their "registry." names: the audit log stores them."""
    LISTING_ACTS.register_log_actions(actions, describe=lambda act: _("Listing: %(act)s") % {"act": act.label})


@hooks.register("register_log_actions")
def register_fee_schedule_changes(actions):
    """Each change of the fee schedule, with the reason given as its comment."""
    fee_schedule.register_log_actions(actions)
