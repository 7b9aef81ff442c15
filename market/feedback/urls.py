"""Ratings, reviews and complaints: residents and visitors on the public site, merchants on their own pages."""

from django.urls import path

from market.feedback import views

app_name = "feedback"

urlpatterns = [
    # Residents and visitors.
    path("", views.mine, name="mine"),
    path("outlets/<int:location_pk>/review/", views.write_review, name="write_review"),
    path("reviews/<int:pk>/delete/", views.delete_review, name="delete_review"),
    path("reviews/<int:pk>/report/", views.report_review, name="report_review"),
    path("merchants/<int:organization_pk>/reviews/", views.merchant_reviews, name="merchant_reviews"),
    path("merchants/<int:organization_pk>/complain/", views.file_complaint, name="file_complaint"),
    path("complaints/<int:pk>/", views.complaint, name="complaint"),
    path("complaints/follow/<uuid:token>/", views.track_complaint, name="track_complaint"),
    # Merchants.
    path("merchant/", views.merchant_index, name="merchant"),
    path("merchant/reviews/<int:pk>/reply/", views.reply_to_review, name="reply"),
    path("merchant/complaints/<int:pk>/", views.merchant_complaint, name="merchant_complaint"),
]
