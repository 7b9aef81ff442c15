"""The listed merchant's public profile in the merchant portal; mounted under portal/ beside licensing's pages."""

from django.urls import path

from market.registry import portal_views as views

app_name = "registry_portal"

urlpatterns = [
    path("organizations/<int:organization_pk>/profile/", views.edit_profile, name="profile"),
    path(
        "organizations/<int:organization_pk>/outlets/<int:location_pk>/hours/",
        views.edit_outlet_hours,
        name="outlet_hours",
    ),
    path(
        "organizations/<int:organization_pk>/outlets/<int:location_pk>/photos/",
        views.outlet_photos,
        name="outlet_photos",
    ),
    path(
        "organizations/<int:organization_pk>/outlets/<int:location_pk>/photos/<int:photo_pk>/remove/",
        views.remove_photo,
        name="remove_photo",
    ),
]
