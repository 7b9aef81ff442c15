"""The licensing fee schedule in the Wagtail admin: bureau staff see it, administrators and approvers keep it
(licensing/rules.py), and every line added or changed is in the audit log with who, when and why.

Lines are never deleted: a line of zero from a later date ends a fee, and the log keeps what each line was.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.log_actions import LogFormatter, log
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from market.accounts.roles import Role
from market.licensing.models import LicensingFee

CREATED = "licensing.fee_schedule_line_added"
CHANGED = "licensing.fee_schedule_line_changed"


class FeeSchedulePolicy(BasePermissionPolicy):
    """View: bureau staff. Add and change: administrators and approvers. Delete: nobody."""

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if action == "view":
            return user.has_perm("licensing.view_fee_schedule")
        if action in ("add", "change"):
            return user.has_perm("licensing.edit_fee_schedule")
        return False

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        groups = set()
        if "view" in actions:
            groups |= {Role.REVIEWER.value, Role.APPROVER.value, Role.ADMINISTRATOR.value}
        if {"add", "change"} & set(actions):
            groups |= {Role.APPROVER.value, Role.ADMINISTRATOR.value}
        if not groups:
            return users.none()
        return users.filter(Q(is_superuser=True) | Q(groups__name__in=groups)).distinct()


class FeeScheduleForm(WagtailAdminModelForm):
    reason = forms.CharField(
        label=_("Why this change"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit log with your name and the time, e.g. the notice that set or ended the fee."),
    )

    def log_data(self) -> dict:
        line = self.instance
        return {
            "reason": self.cleaned_data["reason"],
            "category": line.category.code if line.category_id else "",
            "kind": line.kind,
            "amount": str(line.amount),
            "legal_basis": line.legal_basis,
            "effective_from": line.effective_from.isoformat() if line.effective_from else "",
        }


class _LoggedWithReason:
    """Save as Wagtail does, but write the log entry ourselves, with the reason and what the line now says."""

    log_action_code = None

    def save_instance(self):
        self.action_class(self.form.instance, user=self.request.user, form=self.form, log_action=False).execute(
            skip_permission_checks=True
        )
        log(instance=self.form.instance, action=self.log_action_code, user=self.request.user,
            data=self.form.log_data(), content_changed=True)
        return self.form.instance


class FeeCreateView(_LoggedWithReason, CreateView):
    log_action_code = CREATED


class FeeEditView(_LoggedWithReason, EditView):
    log_action_code = CHANGED


class FeeLogFormatter(LogFormatter):
    """The log's line for a change of the schedule; its comment is the reason given."""

    def format_comment(self, log_entry):
        data = log_entry.data or {}
        return _("%(reason)s (now ¥%(amount)s; legal basis: %(basis)s)") % {
            "reason": data.get("reason", ""),
            "amount": data.get("amount", ""),
            "basis": data.get("legal_basis") or "—",
        }


def register_log_actions(actions):
    for code, label in ((CREATED, _("Licensing fee schedule: line added")),
                        (CHANGED, _("Licensing fee schedule: line changed"))):
        formatter = type("Formatter", (FeeLogFormatter,), {"label": label, "message": label})
        actions.register_action(code)(formatter)


class LicensingFeeViewSet(SnippetViewSet):
    model = LicensingFee
    icon = "tag"
    add_view_class = FeeCreateView
    edit_view_class = FeeEditView
    list_display = ["category", "kind", "amount", "legal_basis", "effective_from", "updated_at"]
    list_filter = ["category", "kind"]
    ordering = ["category__code", "kind", "-effective_from"]
    edit_handler = ObjectList(
        [
            FieldPanel("category"),
            FieldPanel("kind"),
            FieldPanel("amount"),
            FieldPanel("legal_basis"),
            FieldPanel("effective_from"),
            FieldPanel("reason"),
        ],
        base_form_class=FeeScheduleForm,
    )
