"""The staff dashboard panel on the Wagtail home page, beside the licensing workload: overdue complaints, late
merchants, complaints nobody has taken, those assigned to the person looking, and reviews waiting for a moderator.
"""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from wagtail.admin.ui.components import Component

from market import clock_source
from market.feedback.models import Complaint, ComplaintState, Review, ReviewState


@dataclass(frozen=True)
class FeedbackWorkload:
    overdue: int
    merchant_late: int
    not_assigned: int
    assigned_to_me: int
    reviews_waiting: int


def workload_for(user, today=None) -> FeedbackWorkload:
    today = today or clock_source.today()
    complaints = Complaint.objects.open().aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        merchant_late=Count("pk", filter=Q(state=ComplaintState.AWAITING_MERCHANT, merchant_response_due_on__lt=today)),
        not_assigned=Count("pk", filter=Q(state=ComplaintState.RECEIVED)),
        assigned_to_me=Count("pk", filter=Q(assignee=user)),
    )
    waiting = Review.objects.filter(
        Q(state=ReviewState.PENDING)
        | Q(state=ReviewState.PUBLISHED, reports__resolved_at__isnull=True, reports__isnull=False)
    )
    return FeedbackWorkload(reviews_waiting=waiting.distinct().count(), **complaints)


class FeedbackDashboardPanel(Component):
    name = "feedback_workload"
    # Right after the licensing workload (order 50): overdue complaints sit beside overdue applications.
    order = 51
    template_name = "feedback/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(
            workload=workload_for(self.request.user),
            complaints_url=reverse("complaints:index"),
            moderation_url=reverse("review_moderation:index"),
        )
        return context
