"""The site's addresses plus one that fails, for the error-reporting tests."""

from django.urls import path

from market.urls import urlpatterns as site_urlpatterns


def fail(request):
    raise RuntimeError("a bug the bureau must hear of")


urlpatterns = [path("boom", fail), *site_urlpatterns]
