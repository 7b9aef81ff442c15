"""The bureau's published licensing decisions (双公示), for everyone."""

from django.urls import path

from market.licensing import public_views

app_name = "decisions"

urlpatterns = [
    path("", public_views.decision_list, name="list"),
    path("open-data.csv", public_views.decision_data_csv, name="csv"),
    path("open-data.json", public_views.decision_data_json, name="json"),
]
