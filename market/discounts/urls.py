"""Benefits: residents' eligibility, code, offers and savings; merchants' offers, counter and subsidy claims."""

from django.urls import path

from market.discounts import views

app_name = "discounts"

urlpatterns = [
    # Residents.
    path("", views.index, name="index"),
    path("apply/", views.apply, name="apply"),
    path("applications/<int:pk>/", views.application, name="application"),
    path("applications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("code/", views.benefit_code, name="code"),
    path("code/qr.svg", views.qr_image, name="code_qr"),
    path("code/reissue/", views.reissue, name="reissue"),
    path("offers/", views.offers, name="offers"),
    path("savings/", views.savings, name="savings"),
    path("savings/<int:pk>/", views.saving, name="saving"),
    # Merchants.
    path("merchant/", views.merchant, name="merchant"),
    path("merchant/offers/", views.offer_list, name="offers_manage"),
    path("merchant/offers/new/", views.offer_edit, name="offer_new"),
    path("merchant/offers/<int:pk>/", views.offer_edit, name="offer_edit"),
    path("merchant/services/", views.service_list, name="services"),
    path("merchant/services/new/", views.service_edit, name="service_new"),
    path("merchant/services/<int:pk>/", views.service_edit, name="service_edit"),
    path("merchant/redemptions/", views.redemptions, name="redemptions"),
    path("merchant/claims/", views.claim_list, name="claims"),
    path("merchant/claims/<int:pk>/", views.claim, name="claim"),
    path("counter/", views.counter, name="counter"),
    path("counter/redemptions/<int:pk>/", views.receipt, name="receipt"),
    path("counter/sales/", views.sale, name="sale"),
    path("counter/sales/<int:pk>/", views.sale_receipt, name="sale_receipt"),
]
