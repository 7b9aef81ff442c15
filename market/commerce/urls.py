"""The resident's orders (mounted at orders/ in the language prefixes); receipts are also the merchant's and the
bureau's to open."""

from django.urls import path

from market.commerce import views

app_name = "commerce"

urlpatterns = [
    path("", views.my_orders, name="orders"),
    path("book/<int:pk>/", views.book, name="book"),
    path("<str:number>/", views.order_detail, name="order"),
    path("<str:number>/pay/", views.pay, name="pay"),
    path("<str:number>/cancel/", views.cancel, name="cancel"),
    path("<str:number>/paid/", views.paid, name="paid"),
    path("<str:number>/payment-cancelled/", views.payment_cancelled, name="payment_cancelled"),
    path("<str:number>/receipt/payment/", views.payment_receipt, name="payment_receipt"),
    path("<str:number>/receipt/refund/", views.refund_receipt, name="refund_receipt"),
]
