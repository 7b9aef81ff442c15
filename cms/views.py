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
from search.pages import search_pages


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
    """The live pages in the reader's language holding every word of the query, beside the registry search.

    Words are read the way registry search reads them (simplified characters, segmented, filler left out) and
    matched against each page's segmented text (search.pages); only words reach the engine, never full-text syntax.
    """
    form = PageSearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
    results = search_pages(pages, query, request.GET.get("page"), LIST_PAGE_SIZE) if query else None
    if query and results is None:
        results = Paginator([], LIST_PAGE_SIZE).get_page(1)
    return TemplateResponse(request, "cms/page_search.html", {"form": form, "query": query, "page_obj": results})


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    return TemplateResponse(request, "cms/robots.txt", {"sitemap_url": sitemap}, content_type="text/plain")
