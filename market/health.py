"""/healthz: what the services script, load balancers and tests ask before trusting this instance."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from market.commerce import stripe_gateway
from search.engine import backend_health


def database_health() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"ok": False, "vendor": connection.vendor, "error": str(error).splitlines()[0]}
    return {"ok": True, "vendor": connection.vendor}


@never_cache
@require_GET
def healthz(request):
    database = database_health()
    search = backend_health()
    stripe = {"configured": stripe_gateway.is_configured()}
    status = "ok" if database["ok"] and search["ok"] else ("degraded" if database["ok"] else "error")
    body = {"status": status, "database": database, "search": search, "stripe": stripe}
    return JsonResponse(body, status=503 if status == "error" else 200)
