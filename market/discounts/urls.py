"""Eligibility, benefit codes, offers, redemptions and savings."""

app_name = "discounts"

urlpatterns = []
