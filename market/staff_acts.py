"""The one framework for what bureau staff do to a record in the Wagtail admin: accept an application, verify an
eligibility, approve a claim, suspend a listing...

An act names its form, the permission it needs *on the object* (rules decide, object by object), when it is
offered, the domain service that performs it, the entry it writes in Wagtail's audit log and the message staff
see. The inspect page shows the offered acts (`StaffActs.offered`), each through `staff/act_form.html`; its form
posts to `StaffActView`, which checks the permission on the object again, runs the service in one transaction
with the audit entry and turns a refusal (`AppError`) into an error message with nothing written.

An act that makes sense in the record's state but that a guard of its service would refuse now (approval while the
public notice still runs) says why with `unavailable_because`: the page shows it disabled with the reason, rather
than offering a button that can only be refused.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.log_actions import log

from market.errors import AppError, NotPermitted


def always(instance, user) -> bool:
    return True


@dataclass(frozen=True)
class StaffAct:
    name: str  # in the act's URL and its form's prefix
    label: str
    permission: str  # checked with the object: user.has_perm(permission, instance)
    form_class: type
    perform: Callable[[object, object, dict], object]  # the domain service; it checks everything again
    success: str
    log_action: str  # Wagtail log action, e.g. "licensing.approve"
    offered_when: Callable[[object, object], bool] = always  # the state in which the act makes sense
    style: str = "button button-secondary"
    listed: bool = True  # False: offered elsewhere on the page (beside each objection), not among the acts
    # Why the service would refuse the act now (a translated sentence), or None when it would go ahead.
    unavailable_because: Callable[[object, object], str | None] | None = None
    form_for_record: bool = False  # the form takes the record (`record=`), e.g. for its choices

    def may(self, instance, user) -> bool:
        return user.has_perm(self.permission, instance)

    def is_offered(self, instance, user) -> bool:
        return self.listed and self.may(instance, user) and self.offered_when(instance, user)

    def why_unavailable(self, instance, user) -> str | None:
        return self.unavailable_because(instance, user) if self.unavailable_because else None

    def form(self, data=None, record=None, **kwargs):
        if self.form_for_record:
            kwargs["record"] = record
        return self.form_class(data, prefix=self.name, **kwargs)


@dataclass(frozen=True)
class OfferedAct:
    """An act on the page: its form and where it posts, or the reason it cannot be taken now."""

    act: StaffAct
    form: object
    url: str
    unavailable: str | None = None


class StaffActs:
    """The acts on one kind of record, by name."""

    def __init__(self, acts: Iterable[StaffAct]):
        self.acts = list(acts)
        self.by_name = {act.name: act for act in self.acts}

    def __iter__(self):
        return iter(self.acts)

    def get(self, name: str) -> StaffAct | None:
        return self.by_name.get(name)

    def offered(self, instance, user, act_url_name: str) -> list[OfferedAct]:
        """Each act this user may take on this record in its state: its empty form and URL, and why it is not
        available now where a guard would refuse it."""
        return [
            OfferedAct(
                act,
                act.form(record=instance),
                reverse(act_url_name, args=[instance.pk, act.name]),
                act.why_unavailable(instance, user),
            )
            for act in self.acts
            if act.is_offered(instance, user)
        ]

    def register_log_actions(self, actions, describe=None) -> None:
        """For Wagtail's `register_log_actions` hook: each act's entry in the audit log, labelled."""
        for act in self.acts:
            actions.register_action(act.log_action, act.label, describe(act) if describe else act.label)


class StaffActView(PermissionCheckedMixin, View):
    """POST one act on one record. The viewset's permission policy decides who reaches it; the act's permission
    is checked on the object; the service decides the rest. A refusal changes nothing."""

    acts: StaffActs = None
    model = None
    permission_required = "view"
    http_method_names = ["post"]
    inspect_url_name = None

    def get_queryset(self):
        return self.model._default_manager.all()

    def post(self, request, pk, act):
        act = self.acts.get(act)
        if act is None:
            raise Http404
        instance = get_object_or_404(self.get_queryset(), pk=pk)
        form = act.form(request.POST, record=instance)
        if not act.may(instance, request.user):
            messages.error(request, NotPermitted().message)
        elif not form.is_valid():
            problems = [
                " ".join(errors) if name == NON_FIELD_ERRORS else f"{form[name].label}: {' '.join(errors)}"
                for name, errors in form.errors.items()
            ]
            messages.error(request, " ".join([str(_("The form is not complete.")), *problems]))
        else:
            try:
                with transaction.atomic():
                    act.perform(instance, request.user, form.cleaned_data)
                    log(instance=instance, action=act.log_action, user=request.user)
            except ObjectDoesNotExist as missing:
                # The form named a related record that is not there (an objection of another application).
                raise Http404 from missing
            except AppError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, act.success)
        return redirect(reverse(self.inspect_url_name, args=[pk]))
