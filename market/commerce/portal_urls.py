"""The merchant's marketplace pages in the portal; mounted under portal/ beside licensing's and the register's."""

from django.urls import path

from market.commerce import portal_views as views

app_name = "commerce_portal"

urlpatterns = [
    path("organizations/<int:organization_pk>/services/", views.services, name="services"),
    path("organizations/<int:organization_pk>/services/add/", views.edit_service, name="add_service"),
    path("organizations/<int:organization_pk>/services/<int:pk>/", views.edit_service, name="edit_service"),
    path(
        "organizations/<int:organization_pk>/services/<int:pk>/withdraw/",
        views.withdraw_service,
        name="withdraw_service",
    ),
    path("organizations/<int:organization_pk>/online-payment/", views.online_payment, name="online_payment"),
    path("organizations/<int:organization_pk>/online-payment/connect/", views.connect, name="connect"),
    path(
        "organizations/<int:organization_pk>/online-payment/refresh/",
        views.connect_refresh,
        name="online_payment_refresh",
    ),
    path("orders/", views.order_list, name="orders"),
    path("orders/<str:number>/", views.order_detail, name="order"),
    path("orders/<str:number>/<slug:act>/", views.order_act, name="order_act"),
]
