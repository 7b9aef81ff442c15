"""`{% csp_nonce %}`: ` nonce="…"` for an inline script, from the response being rendered (market.content_security).

For templates rendered without the request in their context, such as form widgets; a page template with the
request has `{{ CSP_NONCE }}` too.
"""

from django import template
from django.utils.html import format_html

from market.content_security import current_nonce

register = template.Library()


@register.simple_tag
def csp_nonce():
    nonce = current_nonce()
    return format_html(' nonce="{}"', nonce) if nonce else ""
