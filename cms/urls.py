"""Feeds and site furniture that are not Wagtail pages."""

app_name = "cms"

urlpatterns = []
