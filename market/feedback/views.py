"""The feedback pages: residents rate, review and complain; anyone reports a review or follows a complaint by its
link; merchants reply to reviews and respond to the bureau.

Objects are found only among the person's own (their review, their complaint, their merchant's reviews), so anyone
else's is a 404. The acts are the services'; a refusal comes back as an `AppError` whose message is shown on the
same page, with what was typed kept and nothing recorded.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_safe

from market import clock_source
from market.accounts.decorators import merchant_required
from market.errors import AppError
from market.feedback import pages, screening, services
from market.feedback.forms import ComplaintForm, MerchantResponseForm, ReplyForm, ReportForm, ReviewForm
from market.feedback.models import Complaint, ComplaintState, Review, ReviewState
from market.registry.models import ListingStatus, Location, Organization

REVIEWS_PER_PAGE = 20


def _listed_outlet(pk) -> Location:
    return get_object_or_404(
        Location.objects.select_related("organization", "district"),
        pk=pk,
        organization__listing_status=ListingStatus.ACTIVE,
    )


def _merchant_page(organization, anchor="reviews") -> str:
    return reverse("registry:merchant_detail", args=[organization.pk]) + f"#{anchor}"


# ---------------------------------------------------------------- reviews


@login_required
@require_http_methods(["GET", "POST"])
def write_review(request, location_pk):
    """Rate and review an outlet, or edit one's review of it."""
    location = _listed_outlet(location_pk)
    review = services.own_review(request.user, location)
    refusal = None if review else services.review_refusal(request.user, location)
    initial = {"rating": review.rating, "text": review.text} if review else None
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and refusal is None and form.is_valid():
        rating, text = form.cleaned_data["rating"], form.cleaned_data["text"]
        try:
            if review is None:
                review = services.submit_review(request.user, location, rating, text)
            else:
                review = services.edit_review(review, request.user, rating, text)
        except AppError as error:
            form.add_error(None, str(error))
        else:
            if review.state == ReviewState.PUBLISHED:
                messages.success(request, _("Thank you: your review is published."))
                return redirect(_merchant_page(location.organization))
            messages.warning(
                request,
                _("Your review will appear once a moderator has read it (%(reasons)s).")
                % {
                    "reasons": pgettext("list separator", ", ").join(screening.describe(review.screening_flags))
                    or _("it was edited")
                },
            )
            return redirect("feedback:mine")
    return render(
        request,
        "feedback/public/write_review.html",
        {
            "location": location,
            "organization": location.organization,
            "review": review,
            "form": form,
            "refusal": refusal,
        },
    )


def _own_review(request, pk) -> Review:
    return get_object_or_404(
        Review.objects.live().select_related("location", "organization"), pk=pk, author=request.user
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_review(request, pk):
    review = _own_review(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.withdraw_review(review, request.user)
        except AppError as refusal:
            error = str(refusal)
        else:
            messages.success(request, _("Your review is deleted."))
            return redirect("feedback:mine")
    return render(request, "feedback/public/delete_review.html", {"review": review, "error": error})


@require_http_methods(["GET", "POST"])
def report_review(request, pk):
    """Anyone, signed in or not, tells the moderators that a published review breaks the rules."""
    review = get_object_or_404(Review.objects.published().select_related("location", "organization"), pk=pk)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_review(review, request.user, form.cleaned_data["reason"], form.cleaned_data["note"])
        except AppError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. A moderator will read the review and decide whether it stays."))
            return redirect(_merchant_page(review.organization))
    return render(request, "feedback/public/report_review.html", {"review": review, "form": form})


@require_safe
def merchant_reviews(request, organization_pk):
    """Every published review of a listed merchant, the latest first."""
    organization = get_object_or_404(Organization.objects.listed(), pk=organization_pk)
    page = Paginator(pages.published_reviews(organization), REVIEWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "feedback/public/merchant_reviews.html",
        {"organization": organization, "page_obj": page, "section": pages.merchant_section(organization, request.user)},
    )


# ---------------------------------------------------------------- complaints


@require_http_methods(["GET", "POST"])
def file_complaint(request, organization_pk):
    organization = get_object_or_404(Organization.objects.listed(), pk=organization_pk)
    user = request.user
    refusal = None
    if user.is_authenticated and not user.has_perm("feedback.file_complaint", organization):
        refusal = _("You cannot complain about your own business.")
    initial = {"location": request.GET.get("outlet")} if request.GET.get("outlet", "").isdigit() else None
    form = ComplaintForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        organization=organization,
        visitor=not user.is_authenticated,
    )
    if request.method == "POST" and refusal is None and form.is_valid():
        data = form.cleaned_data
        try:
            complaint = services.file_complaint(
                organization=organization,
                location=data["location"],
                category=data["category"],
                description=data["description"],
                evidence=data["evidence"],
                complainant=user if user.is_authenticated else None,
                contact_name=data.get("contact_name", ""),
                contact_phone=data.get("contact_phone", ""),
                contact_email=data.get("contact_email", ""),
            )
        except AppError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Your complaint %(reference)s is received. The bureau answers by %(date)s.")
                % {"reference": complaint.reference, "date": f"{complaint.due_on:%Y-%m-%d}"},
            )
            if complaint.complainant_id:
                return redirect("feedback:complaint", pk=complaint.pk)
            return redirect("feedback:track_complaint", token=complaint.tracking_token)
    return render(
        request,
        "feedback/public/file_complaint.html",
        {"organization": organization, "form": form, "refusal": refusal},
    )


@login_required
@require_safe
def mine(request):
    """The person's own reviews and complaints, with where each stands."""
    return render(
        request,
        "feedback/resident/mine.html",
        {"reviews": pages.own_reviews(request.user), "complaints": pages.own_complaints(request.user)},
    )


@login_required
@require_safe
def complaint(request, pk):
    complaint = get_object_or_404(
        Complaint.objects.select_related("organization", "location"), pk=pk, complainant=request.user
    )
    return render(request, "feedback/resident/complaint.html", pages.complaint_context(complaint))


@require_safe
def track_complaint(request, token):
    """A visitor follows their complaint by the link they were given; the link is the only key."""
    complaint = get_object_or_404(Complaint.objects.select_related("organization", "location"), tracking_token=token)
    context = pages.complaint_context(complaint)
    context["tracking"] = True
    response = render(request, "feedback/resident/complaint.html", context)
    # The address is a secret: keep it out of other sites' logs and out of shared caches.
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------- merchants


@merchant_required
@require_safe
def merchant_index(request):
    """The merchant's reviews to answer and the complaints the bureau put to it."""
    reviews = Paginator(pages.merchant_reviews_for(request.user), REVIEWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "feedback/merchant/index.html",
        {
            "page_obj": reviews,
            "complaints": pages.merchant_complaints_for(request.user),
            "overview": pages.merchant_overview(request.user),
        },
    )


@merchant_required
@require_http_methods(["GET", "POST"])
def reply_to_review(request, pk):
    review = get_object_or_404(
        Review.objects.published().select_related("location", "organization"), pk=pk, organization__owner=request.user
    )
    if pages.reply_of(review) is not None:
        messages.info(request, _("You have already replied to this review. A merchant replies once to each review."))
        return redirect("feedback:merchant")
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reply_to_review(review, request.user, form.cleaned_data["text"])
        except AppError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your reply is published under the review."))
            return redirect("feedback:merchant")
    return render(request, "feedback/merchant/reply.html", {"review": review, "form": form})


@merchant_required
@require_http_methods(["GET", "POST"])
def merchant_complaint(request, pk):
    """The bureau's request about a complaint, and the merchant's response: never the complaint's own words."""
    complaint = get_object_or_404(pages.merchant_complaints_for(request.user), pk=pk)
    awaiting = complaint.state == ComplaintState.AWAITING_MERCHANT
    form = MerchantResponseForm(request.POST or None) if awaiting else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("The bureau is not waiting for a response from you on this complaint."))
            return redirect("feedback:merchant_complaint", pk=complaint.pk)
        if form.is_valid():
            try:
                services.respond_to_complaint(complaint, request.user, form.cleaned_data["response"])
            except AppError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your response is sent to the bureau."))
                return redirect("feedback:merchant_complaint", pk=complaint.pk)
    return render(
        request,
        "feedback/merchant/complaint.html",
        {"complaint": complaint, "form": form, "late": complaint.is_merchant_late(clock_source.today())},
    )
