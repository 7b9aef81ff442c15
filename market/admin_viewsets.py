"""Admin screens where bureau staff look and act but never edit a record directly.

Every change goes through a domain service (an "act": accept, verify, suspend, approve a claim...), POSTed to
`<pk>/act/<act>/` (market/staff_acts.py), so that it is checked, audited and announced like any other.
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from market.accounts.roles import Role
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


class AssignmentFilter(django_filters.ChoiceFilter):
    """A staff queue's "Assignment" filter: the records assigned to the user, or to nobody (their `assignee`)."""

    def __init__(self, **kwargs):
        choices = [("me", _("Assigned to me")), ("nobody", _("Not assigned"))]
        super().__init__(label=_("Assignment"), choices=choices, widget=forms.RadioSelect, **kwargs)

    def filter(self, queryset, value):
        if value in EMPTY_VALUES:
            return queryset
        if value == "me":
            return queryset.filter(assignee=self.parent.request.user)
        return queryset.filter(assignee__isnull=True)


def _reviewers(request):
    return get_user_model().objects.filter(groups__name=Role.REVIEWER.value)


class AssigneeFilter(django_filters.ModelChoiceFilter):
    """A staff queue's "Reviewer assigned" filter: any reviewer."""

    def __init__(self, **kwargs):
        super().__init__(label=_("Reviewer assigned"), queryset=_reviewers, **kwargs)


def works_as(user, predicate) -> bool:
    """An active superuser, or an active user the role predicate (market/accounts/rules.py) holds for."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or predicate.test(user)


class StaffViewOnlyPolicy(BasePermissionPolicy):
    """The staff of `groups` (those `predicate` holds for) may view; nobody adds, edits or deletes through Wagtail's
    generic views, because every change is an act of the domain's services. What each may do there is still
    decided act by act in the app's rules.py."""

    predicate = None
    groups: list[str] = []

    def user_has_permission(self, user, action):
        return action == "view" and works_as(user, self.predicate)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if "view" not in actions:
            return users.none()
        return users.filter(Q(is_superuser=True) | Q(groups__name__in=self.groups)).distinct()
