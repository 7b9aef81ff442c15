"""Stripe's webhook endpoint: the signature is checked on the raw body before anything is read or written."""

import logging

from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from market.commerce.services.webhooks import BadSignature, receive, verified_event

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        event = verified_event(request.body, request.headers.get("Stripe-Signature"))
    except BadSignature as error:
        logger.warning("Refused a Stripe webhook delivery: %s", error)
        return HttpResponseBadRequest("bad signature")
    _stored, new = receive(event)
    # A replay is answered like the first delivery, so that Stripe stops sending it.
    return HttpResponse("ok" if new else "already received", content_type="text/plain")
