"""Content-Security-Policy: the site's policy (settings.CONTENT_SECURITY_POLICY), with the Wagtail admin's needs.

Public pages run no inline script or style at all. The Wagtail admin (under /admin/) differs in three ways only:
- its own pages may be framed by itself (the live preview beside the editor), still by no other site;
- a `<style>` element may carry the response's nonce: Wagtail's rich text editor (Draftail) writes some, and
  static/js/admin-style-nonce.js (put in the head by market/wagtail_hooks.py) gives each the nonce as it is created.
  No inline style is allowed without it, in the admin as everywhere;
- images may be `blob:` (previews of images chosen for upload, before they are sent).

Wagtail still writes a few inline scripts (chooser widgets, inline panels, date pickers); each is given this
response's nonce as it is rendered (see `current_nonce` and the templates under templates/wagtailadmin/), so no
admin page needs 'unsafe-inline' for scripts.

Browsers send violations to CSP_REPORT_PATH; they are logged (`linli.csp`), never stored.
"""

import json
import logging
from contextvars import ContextVar

from csp.constants import NONCE, SELF
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger("linli.csp")

ADMIN_PREFIX = "/admin/"
ADMIN_ADDITIONS = {
    "style-src": [SELF, NONCE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-ancestors": [SELF],
}
REPORT_MAX_BYTES = 8 * 1024

_nonce: ContextVar = ContextVar("csp_nonce", default=None)


def current_nonce() -> str:
    """The nonce of the response being rendered, for markup written where no request is at hand (widgets)."""
    nonce = _nonce.get()
    return str(nonce) if nonce is not None else ""


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_request(self, request):
        super().process_request(request)
        request._csp_nonce_token = _nonce.set(request.csp_nonce)

    def process_response(self, request, response):
        token = getattr(request, "_csp_nonce_token", None)
        if token is not None:
            _nonce.reset(token)
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.replace = ADMIN_ADDITIONS | (parts.replace or {})
        return parts


@csrf_exempt
@require_POST
def csp_report(request):
    """Where browsers report what the policy blocked (or would have, where it only reports)."""
    body = request.body[:REPORT_MAX_BYTES]
    try:
        report = json.loads(body).get("csp-report", {})
    except (ValueError, AttributeError):
        return HttpResponse(status=400)
    if isinstance(report, dict):
        logger.warning(
            "Content-Security-Policy violation: %s blocked %s on %s",
            str(report.get("violated-directive") or report.get("effective-directive"))[:100],
            str(report.get("blocked-uri"))[:200],
            str(report.get("document-uri"))[:200],
            extra={"csp_report": {key: str(value)[:200] for key, value in report.items()}},
        )
    return HttpResponse(status=204)


def _chooser_render_with_nonce(self, name, value, attrs=None, renderer=None):
    """Wagtail's BaseChooser.render (wagtail/admin/widgets/chooser.py), its inline script given the nonce.

    tests/test_content_security.py checks that this writes exactly what Wagtail's own does, but for the nonce.
    """
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as error:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    js = self.render_js_init(id_, name, value_data)
    nonce = current_nonce()
    opening = format_html('<script nonce="{}">', nonce) if nonce else "<script>"
    return mark_safe(f"{widget_html}{opening}{js}</script>")  # as Wagtail's own: js is its JSON


def give_wagtail_choosers_the_nonce() -> None:
    """Called once from MarketConfig.ready()."""
    from wagtail.admin.widgets.chooser import BaseChooser

    BaseChooser.wagtail_render = BaseChooser.render
    BaseChooser.render = _chooser_render_with_nonce
