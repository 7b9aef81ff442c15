from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    name = "market.accounts"
    label = "accounts"
    verbose_name = _("Accounts")


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users and groups, with the role groups named in the admin's language."""

    group_viewset = "market.accounts.admin_groups.GroupViewSet"
