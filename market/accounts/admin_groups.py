"""The admin's group screens with each role group named in the admin's language (market/seeded_names.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import TitleColumn
from wagtail.users.views import groups


class GroupIndexView(groups.IndexView):
    columns = [
        TitleColumn(
            "name",
            label=_("Name"),
            accessor="__str__",
            sort_key="name",
            url_name="wagtailusers_groups:edit",
        ),
    ]


class GroupViewSet(groups.GroupViewSet):
    index_view_class = GroupIndexView
