"""The public site's views that are not pages: objecting to a notice, page search, robots.txt."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Locale, Page

from cms.forms import ObjectionForm, PageSearchForm
from cms.models import LIST_PAGE_SIZE, NoticePage
from market.errors import AppError, NotPermitted
from market.licensing.services.workflow import record_objection
from search.analysis import segment_for_query

MAX_PAGE_SEARCH_WORDS = 20


@require_POST
def object_to_notice(request, page_id: int):
    """A signed-in resident's objection, recorded by the licensing service; the reviewers answer it."""
    notice = get_object_or_404(NoticePage.objects.live(), pk=page_id)
    notice_url = notice.get_url(request)
    if not request.user.is_authenticated:
        return redirect_to_login(notice_url)
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        context = notice.get_context(request)
        context["objection_form"] = form
        return TemplateResponse(request, notice.get_template(request), context, status=400)
    if notice.application is None or not notice.is_open:
        messages.error(request, _("This notice is closed: objections are no longer taken."))
        return redirect(notice_url)
    try:
        record_objection(notice.application, request.user, form.cleaned_data["text"])
    except NotPermitted:
        messages.error(request, _("The applicant cannot object to their own application."))
    except AppError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Thank you. Your objection has reached the bureau's reviewers; you will be told their answer."),
        )
    return redirect(notice_url)


@require_GET
def page_search(request):
    """Wagtail's database search over the live pages in the reader's language, beside the registry search."""
    form = PageSearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = None
    # Only the words of the query reach the engine: quotes, brackets, AND, NEAR( and * are full-text syntax to
    # SQLite and PostgreSQL, and a stray one was a server error. Words are read the way registry search reads
    # them (simplified characters, segmented).
    words = [word for word in segment_for_query(query) if word.isalnum()][:MAX_PAGE_SEARCH_WORDS]
    if words:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        found = pages.search(" ".join(words))
        results = Paginator(found, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    elif query:
        results = Paginator([], LIST_PAGE_SIZE).get_page(1)
    return TemplateResponse(request, "cms/page_search.html", {"form": form, "query": query, "page_obj": results})


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    return TemplateResponse(request, "cms/robots.txt", {"sitemap_url": sitemap}, content_type="text/plain")
