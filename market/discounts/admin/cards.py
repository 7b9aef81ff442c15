"""Printed benefit cards for residents without a phone: administrators issue one (found by the resident's ID
number) and print it at once, withdraw it, and see every use of it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.log_actions import log

from market.admin_viewsets import InspectAndActViewSet
from market.discounts import codes
from market.discounts.admin.acts import CARD_ACTS
from market.discounts.admin.forms import IssueCardForm
from market.discounts.models import BenefitCard, EligibilityApplication, EligibilityApplicationState
from market.discounts.services.benefit_codes import issue_benefit_card, resident_by_id_number
from market.errors import AppError


def holder_identity(resident) -> tuple[str, str]:
    """The name and masked ID number of the resident's latest verified application."""
    application = (
        EligibilityApplication.objects.filter(resident=resident, state=EligibilityApplicationState.VERIFIED)
        .exclude(id_number_masked="")
        .order_by("-decided_at")
        .first()
    )
    if application is None:
        return resident.get_full_name() or resident.username, "—"
    return application.real_name, application.id_number_masked


class CardIndexView(IndexView):
    page_title = _("Benefit cards")
    add_item_label = _("Issue a card")

    def get_base_queryset(self):
        return BenefitCard.objects.select_related("resident", "issued_by")

    def get_add_url(self):
        if self.request.user.has_perm("discounts.issue_benefit_card"):
            return reverse("benefit_cards:issue")
        return None

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "resident",
                label=_("Holder"),
                accessor=lambda card: " · ".join(holder_identity(card.resident)),
                get_url=self.get_inspect_url,
            ),
            Column("number_end", label=_("Card number ends"), accessor=lambda card: f"…{card.number_end}"),
            StatusTagColumn(
                "state",
                label=_("State"),
                accessor=lambda card: _("In use") if card.revoked_at is None else _("Withdrawn"),
                primary=lambda card: card.revoked_at is None,
            ),
            DateColumn("issued_at", label=_("Issued"), sort_key="issued_at"),
            DateColumn("revoked_at", label=_("Withdrawn"), sort_key="revoked_at"),
        ]


class CardDetailView(InspectView):
    template_name = "discounts/admin/card_detail.html"
    page_title = _("Benefit card")
    act_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(BenefitCard.objects.select_related("resident", "issued_by", "revoked_by"), pk=self.pk)

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        card = self.object
        name, masked = holder_identity(card.resident)
        context.update(
            card=card,
            holder_name=name,
            holder_id_number=masked,
            uses=card.uses.select_related("organization", "location", "staff")[:200],
            acts=CARD_ACTS.offered(card, self.request.user, self.act_url_name),
        )
        return context


@method_decorator(never_cache, name="dispatch")
class IssueCardView(View):
    """Find the resident by ID number, issue the card and show it once to print: only a hash of its number is
    kept, so a lost card is withdrawn and a new one issued, never printed again."""

    template_name = "discounts/admin/card_issue.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("discounts.issue_benefit_card"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def page(self, request, template_name, context):
        return render(request, template_name, {"header_icon": "doc-full", **context})

    def get(self, request):
        context = {"form": IssueCardForm(), "page_title": _("Issue a benefit card")}
        return self.page(request, self.template_name, context)

    def post(self, request):
        form = IssueCardForm(request.POST)
        if form.is_valid():
            try:
                card, number = issue_benefit_card(resident_by_id_number(form.cleaned_data["id_number"]), request.user)
            except AppError as error:
                form.add_error("id_number", str(error))
            else:
                log(instance=card, action="discounts.issue_card", user=request.user)
                name, masked = holder_identity(card.resident)
                return self.page(
                    request,
                    "discounts/admin/card_print.html",
                    {
                        "page_title": _("Print the card now"),
                        "card": card,
                        "number": codes.grouped(number, 4),
                        "qr_svg": codes.card_svg(number),
                        "holder_name": name,
                        "holder_id_number": masked,
                    },
                )
        return self.page(request, self.template_name, {"form": form, "page_title": _("Issue a benefit card")})


class BenefitCardViewSet(InspectAndActViewSet):
    acts = CARD_ACTS
    model = BenefitCard
    name = "benefit_cards"
    url_prefix = "discounts/cards"
    icon = "doc-full"
    menu_label = _("Benefit cards")
    menu_order = 178
    index_view_class = CardIndexView
    inspect_view_class = CardDetailView
    ordering = "-issued_at"

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("issue/", IssueCardView.as_view(), name="issue")]
