from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import index as sitemap_index
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from market.content_security import csp_report
from market.health import healthz
from market.registry.sitemaps import MerchantSitemap
from search.api import api

SITEMAPS = {"pages": PageSitemap, "merchants": MerchantSitemap}

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path(settings.CSP_REPORT_PATH.lstrip("/"), csp_report, name="csp_report"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # An index of two sections, each paged by Django: the site's pages and the listed merchants' pages.
    path("sitemap.xml", sitemap_index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"}, name="sitemap"),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("market.commerce.webhook_urls")),
]

# Chinese lives at the root, English under /en/: the API too (/en/api/ names categories and districts in English).
urlpatterns += i18n_patterns(
    path("api/", api.urls),
    path("accounts/", include("market.accounts.urls")),
    path("portal/", include("market.licensing.urls")),
    path("portal/", include("market.registry.portal_urls")),
    path("portal/", include("market.commerce.portal_urls")),
    path("merchants/", include("market.registry.urls")),
    path("decisions/", include("market.licensing.public_urls")),
    path("benefits/", include("market.discounts.urls")),
    path("orders/", include("market.commerce.urls")),
    path("jobs/", include("market.jobs.urls")),
    path("feedback/", include("market.feedback.urls")),
    path("search/", include("search.urls")),
    path("", include("cms.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
