"""The listed merchants' public pages for search engines, one URL per language with hreflang alternates, beside the
site's pages in sitemap.xml (market/urls.py). Django's sitemaps page the list, so a register of any size fits."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from market.registry.models import Organization


class MerchantSitemap(Sitemap):
    i18n = True
    languages = ["zh-hans", "en"]
    alternates = True
    changefreq = "weekly"

    def items(self):
        return Organization.objects.listed().order_by("pk").only("pk", "updated_at")

    def location(self, item):
        return reverse("registry:merchant_detail", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at
