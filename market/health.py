"""/healthz: what the services script, load balancers and tests ask before trusting this instance."""

from django.conf import settings
from django.core.cache import cache
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


def cache_health() -> dict:
    """The shared cache (Redis in production): the API's rate limit is counted there."""
    backend = "redis" if settings.REDIS_URL else "local memory"
    try:
        cache.set("healthz", "ok", timeout=10)
        ok = cache.get("healthz") == "ok"
    except Exception as error:  # the Redis client raises its own kinds; any of them means unreachable
        return {"backend": backend, "ok": False, "error": str(error).splitlines()[0][:200]}
    return {"backend": backend, "ok": ok}


@never_cache
@require_GET
def healthz(request):
    database = database_health()
    search = backend_health()
    stripe = {"configured": stripe_gateway.is_configured()}
    shared_cache = cache_health()
    all_ok = database["ok"] and search["ok"] and shared_cache["ok"]
    status = "ok" if all_ok else ("degraded" if database["ok"] else "error")
    body = {"status": status, "database": database, "search": search, "cache": shared_cache, "stripe": stripe}
    return JsonResponse(body, status=503 if status == "error" else 200)
