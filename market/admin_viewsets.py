"""Admin screens where bureau staff look and act but never edit a record directly.

Every change goes through a domain service (an "act": accept, verify, suspend, approve a claim...), POSTed to
`<pk>/act/<act>/` (market/staff_acts.py), so that it is checked, audited and announced like any other.
"""

from django.urls import path
from wagtail.admin.viewsets.model import ModelViewSet

from market.staff_acts import StaffActView


class InspectAndActViewSet(ModelViewSet):
    """Wagtail's index and inspect views plus the posting of `acts` (a `StaffActs`); no add, edit, delete, copy
    or history views. The inspect view gets `act_url_name` to offer the acts with `acts.offered(...)`."""

    acts = None
    act_view_class = StaffActView
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    list_per_page = 30

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "copy", "history", "usage"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(act_url_name=self.get_url_name("act"), **kwargs)

    @property
    def act_view(self):
        return self.act_view_class.as_view(
            model=self.model, acts=self.acts, inspect_url_name=self.get_url_name("inspect")
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/act/<slug:act>/", self.act_view, name="act"),
        ]
