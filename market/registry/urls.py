"""The public register: merchants, their outlets, lists by category and district."""

from django.urls import path

from market.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.merchant_list, name="merchant_list"),
    path("category/<slug:category_code>/", views.merchant_list, name="category"),
    path("district/<str:district_code>/", views.merchant_list, name="district"),
    path("<int:pk>/", views.merchant_detail, name="merchant_detail"),
]
