"""The pages of flexible work: the public jobs page, each post and the feed; the resident's applying and their
applications; the merchant's posts and applicants.

Every view asks who is signed in where it matters (anonymous people are sent to sign in, the wrong role gets a
403) and finds records only among the person's own, so anyone else's is a 404. The acts are the services'; a
refusal is shown on the same page with what was typed kept and nothing written.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from market import clock_source
from market.accounts.decorators import merchant_required, resident_required
from market.accounts.rules import is_resident
from market.errors import AppError, NotPermitted
from market.jobs import listing, services
from market.jobs.forms import SORT_NEAREST, SORT_NEWEST, ApplicationForm, JobFilterForm, JobPostForm, MessageForm
from market.jobs.models import JobApplication, JobPost, JobPostState
from market.places.models import District, Subdistrict
from market.private_storage import private_file_response
from market.registry.models import Category, ListingStatus

POSTS_PER_PAGE = 20


def _refuse(form, error: AppError) -> None:
    """The refusal beside the field it is about (pay, dates...), else at the top of the form."""
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, str(error))


def _home_crumb():
    return {"url": reverse("wagtail_serve", args=[""]), "title": _("Home")}


# ---------------------------------------------------------------- public


@require_safe
def post_list(request):
    categories = list(Category.objects.all())
    districts = list(District.objects.all())
    subdistricts = list(Subdistrict.objects.select_related("district"))
    data = request.GET.copy()
    data.setdefault("sort", SORT_NEWEST)
    form = JobFilterForm(data, categories=categories, districts=districts, subdistricts=subdistricts)
    chosen = form.cleaned_data if form.is_valid() else {}
    moment = clock_source.now()
    origin = listing.origin_for(chosen, form.subdistricts, districts) if chosen.get("sort") == SORT_NEAREST else None
    posts = listing.filtered(
        services.public_posts(moment), chosen, viewer=request.user, categories=categories, moment=moment, origin=origin
    )
    page = Paginator(posts, POSTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "jobs/post_list.html",
        {
            "form": form,
            "page_obj": page,
            "results": listing.describe(page, viewer=request.user, moment=moment, origin=origin),
            "origin": origin,
            "is_priority_resident": services.is_priority_resident(request.user),
            "window_hours": services.jobs_settings().priority_window_hours,
            "moment": timezone.localtime(moment),
        },
    )


def _visible_post(pk) -> JobPost:
    """A post of a listed merchant that the bureau has not taken down (closed and ended posts say so)."""
    posts = JobPost.objects.select_related(
        "organization", "location__district", "location__subdistrict", "location__community", "category"
    ).filter(organization__listing_status=ListingStatus.ACTIVE, state__in=[JobPostState.OPEN, JobPostState.CLOSED])
    return get_object_or_404(services.with_places_taken(posts), pk=pk)


@require_safe
def post_detail(request, pk):
    post = _visible_post(pk)
    moment = clock_source.now()
    own_application = None
    if request.user.is_authenticated:
        own_application = services.own_applications(request.user).filter(post=post).first()
    return render(
        request,
        "jobs/post_detail.html",
        {
            "post": post,
            "listed": listing.describe([post], viewer=request.user, moment=moment)[0],
            "refusal": services.refusal_to_apply(post, request.user, moment),
            "own_application": own_application,
            "may_apply": not request.user.is_authenticated or is_resident.test(request.user),
            "breadcrumbs": [_home_crumb(), {"url": reverse("jobs:list"), "title": _("Flexible work")}],
        },
    )


@resident_required
@require_http_methods(["GET", "POST"])
def apply(request, pk):
    post = _visible_post(pk)
    refusal = services.refusal_to_apply(post, request.user)
    user = request.user
    initial = {"full_name": user.get_full_name() or user.display_name, "phone": user.phone}
    form = ApplicationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.apply(
                post,
                user,
                full_name=data["full_name"],
                phone=data["phone"],
                availability=data["availability"],
                experience=data["experience"],
                cv=data["cv"],
            )
        except AppError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("Your application has been sent. We will email you at each step."))
            return redirect("jobs:application", pk=application.pk)
    return render(request, "jobs/apply.html", {"post": post, "form": form, "refusal": refusal})


# ---------------------------------------------------------------- residents


@resident_required
def my_applications(request):
    applications = Paginator(services.own_applications(request.user), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "jobs/resident/applications.html",
        {"applications": applications, "page_obj": applications, "today": clock_source.today()},
    )


def _own_application(request, pk) -> JobApplication:
    return get_object_or_404(services.own_applications(request.user), pk=pk)


@resident_required
def application(request, pk):
    return render(request, "jobs/resident/application.html", {"application": _own_application(request, pk)})


@resident_required
@require_POST
def withdraw(request, pk):
    application = _own_application(request, pk)
    try:
        services.withdraw(application, request.user)
    except AppError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("jobs:application", pk=application.pk)


@login_required
@require_safe
def cv_file(request, pk):
    """The CV, to the resident who sent it and to the post's merchant only; anyone else learns nothing, not even
    that it exists. It is never at a public address."""
    application = get_object_or_404(JobApplication.objects.select_related("post__organization"), pk=pk)
    try:
        opened = services.open_cv(application, request.user)
    except (NotPermitted, AppError) as refused:
        raise Http404 from refused
    return private_file_response(opened, application.cv.name, f"cv-{application.pk}")


# ---------------------------------------------------------------- merchants


def _own_post(request, pk) -> JobPost:
    return get_object_or_404(services.own_posts(request.user), pk=pk)


@merchant_required
def merchant_posts(request):
    return render(
        request,
        "jobs/merchant/posts.html",
        {
            "posts": services.own_posts(request.user).order_by("-published_at", "-pk"),
            "listed": services.listed_organizations_of(request.user).exists(),
            "today": clock_source.today(),
        },
    )


@merchant_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk=None):
    post = _own_post(request, pk) if pk else JobPost()
    if post.pk is None and not services.listed_organizations_of(request.user).exists():
        return render(request, "jobs/merchant/not_listed.html", status=403)
    if post.pk and post.state != JobPostState.OPEN:
        messages.error(request, _("Only an open post can be changed."))
        return redirect("jobs:merchant_post", pk=post.pk)
    form = JobPostForm(request.user, request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        unsaved = form.save(commit=False)
        try:
            if post.pk:
                saved = services.update_post(unsaved, request.user)
            else:
                saved = services.publish_post(unsaved, request.user)
        except AppError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The post is changed.") if pk else _("The post is published on the jobs page."))
            return redirect("jobs:merchant_post", pk=saved.pk)
    minimum, source = services.minimum_hourly_wage(None)
    return render(
        request,
        "jobs/merchant/post_form.html",
        {"form": form, "post": post, "city_minimum": minimum, "minimum_source": source},
    )


@merchant_required
def merchant_post(request, pk):
    post = _own_post(request, pk)
    moment = clock_source.now()
    return render(
        request,
        "jobs/merchant/post.html",
        {
            "post": post,
            "applicants": services.applications_to(post, request.user),
            "in_window": post.in_priority_window(moment),
            "expired": post.is_expired(timezone.localdate(moment)),
        },
    )


@merchant_required
@require_POST
def close_post(request, pk):
    post = _own_post(request, pk)
    try:
        services.close_post(post, request.user)
    except AppError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The post is closed: it takes no more applications."))
    return redirect("jobs:merchant_post", pk=post.pk)


def _applicant(request, pk) -> JobApplication:
    """An application to one of the merchant's own posts; any other is a 404."""
    return get_object_or_404(
        JobApplication.objects.select_related("post__organization", "post__location").filter(
            post__organization__owner=request.user
        ),
        pk=pk,
    )


@merchant_required
def merchant_application(request, pk):
    application = _applicant(request, pk)
    return render(
        request,
        "jobs/merchant/application.html",
        {
            "application": application,
            "invite_form": MessageForm(prefix="invite"),
            "decline_form": MessageForm(prefix="decline"),
        },
    )


DECISIONS = {
    "invite": (services.invite, gettext_lazy("The applicant is invited and has been emailed.")),
    "decline": (services.decline, gettext_lazy("The application is declined; the applicant has been emailed.")),
    "hire": (None, gettext_lazy("The hire is recorded; the applicant has been emailed.")),
}


@merchant_required
@require_POST
def decide(request, pk, decision):
    if decision not in DECISIONS:
        raise Http404
    application = _applicant(request, pk)
    act, success = DECISIONS[decision]
    form = MessageForm(request.POST, prefix=decision)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        if act is None:
            services.record_hire(application, request.user)
        else:
            act(application, request.user, message)
    except AppError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("jobs:merchant_application", pk=application.pk)
