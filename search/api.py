"""The public JSON API: search and merchant detail, public data only. OpenAPI schema at /api/openapi.json."""

from ninja import NinjaAPI

api = NinjaAPI(title="Linli public API", version="1", urls_namespace="api")
