"""Feeds and site furniture that are not Wagtail pages. Mounted inside i18n_patterns, before Wagtail's pages."""

from django.urls import path

from cms import views
from cms.feeds import NoticesAndNewsAtomFeed, NoticesAndNewsFeed

app_name = "cms"

urlpatterns = [
    path("pages/search/", views.page_search, name="page_search"),
    path("objections/<int:page_id>/", views.object_to_notice, name="object_to_notice"),
    path("feeds/rss.xml", NoticesAndNewsFeed(), name="rss_feed"),
    path("feeds/atom.xml", NoticesAndNewsAtomFeed(), name="atom_feed"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
