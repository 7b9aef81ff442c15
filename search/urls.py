"""The registry search page and autocomplete."""

from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("", views.search_results, name="results"),
    path("suggest/", views.suggestions, name="suggest"),
]
