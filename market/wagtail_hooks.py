"""The admin's pages, site-wide: the script that lets Wagtail's editor write its styles under the strict policy."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from market.content_security import current_nonce


@hooks.register("insert_global_admin_css")
def style_nonce_script():
    # In <head>, before any admin script runs; see static/js/admin-style-nonce.js.
    return format_html('<script src="{}" nonce="{}"></script>', static("js/admin-style-nonce.js"), current_nonce())
