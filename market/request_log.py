"""Structured logs: one record per request (logger `linli.requests`) and a JSON formatter for every record.

A request's record says what was asked and how it was answered, with the numbers an operator filters on:
method, path (the URL pattern instead where the path holds a secret, e.g. a password-reset token), status,
duration, client address (market.client_address), user id, and the X-Request-ID the proxy gave, or a new one.
Query strings and bodies are never logged: they can carry what residents typed.
"""

import json
import logging
import time
import uuid

from django.utils.functional import SimpleLazyObject, empty

from market.client_address import client_address

logger = logging.getLogger("linli.requests")

SECRET_URL_PARTS = {"token", "uidb64", "code", "key"}
REQUEST_ID_MAX_LENGTH = 64


def _request_id(request) -> str:
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    if given and len(given) <= REQUEST_ID_MAX_LENGTH and given.replace("-", "").isalnum():
        return given
    return uuid.uuid4().hex


def _logged_path(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is not None and SECRET_URL_PARTS & set(match.kwargs):
        return "/" + match.route.lstrip("^")
    return request.path


def _user_id(request):
    """The signed-in user's id where the request already looked them up; never a query of its own."""
    user = getattr(request, "user", None)
    if isinstance(user, SimpleLazyObject) and user._wrapped is empty:
        return None
    return user.pk if user is not None and user.is_authenticated else None


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        request.request_id = _request_id(request)
        response = self.get_response(request)
        status = response.status_code
        logger.log(
            logging.WARNING if status >= 500 else logging.INFO,
            "%s %s %s",
            request.method,
            _logged_path(request),
            status,
            extra={
                "http": {
                    "method": request.method,
                    "path": _logged_path(request),
                    "status": status,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                    "client": client_address(request),
                    "user_id": _user_id(request),
                    "request_id": request.request_id,
                }
            },
        )
        response["X-Request-ID"] = request.request_id
        return response


class JsonFormatter(logging.Formatter):
    """A record as one line of JSON: time, level, logger, message, and what it carries (`http`, `csp_report`)."""

    CARRIED = ("http", "csp_report")

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in self.CARRIED:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
