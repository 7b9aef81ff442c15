"""Flexible work: the public jobs page, posts and feed; residents' applications; merchants' posts and applicants."""

from django.urls import path

from market.jobs import views
from market.jobs.feeds import NewJobPostsFeed

app_name = "jobs"

urlpatterns = [
    # Everyone.
    path("", views.post_list, name="list"),
    path("feed/", NewJobPostsFeed(), name="feed"),
    path("<int:pk>/", views.post_detail, name="post"),
    # Residents.
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("applications/", views.my_applications, name="applications"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    # The resident who sent it and the post's merchant.
    path("applications/<int:pk>/cv/", views.cv_file, name="cv"),
    # Merchants.
    path("merchant/", views.merchant_posts, name="merchant_posts"),
    path("merchant/new/", views.post_edit, name="post_new"),
    path("merchant/<int:pk>/", views.merchant_post, name="merchant_post"),
    path("merchant/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("merchant/<int:pk>/close/", views.close_post, name="close_post"),
    path("merchant/applications/<int:pk>/", views.merchant_application, name="merchant_application"),
    path("merchant/applications/<int:pk>/<slug:decision>/", views.decide, name="decide"),
]
