from django.urls import path

from market.commerce.webhooks import stripe_webhook

# Outside the language prefixes: Stripe posts to one address.
urlpatterns = [path("stripe/webhook/", stripe_webhook, name="stripe_webhook")]
