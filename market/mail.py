"""The emails the platform sends, one way: a notice is two templates, `<name>_subject.txt` and `<name>.txt`,
rendered in the reader's language (their own choice, else the site's) and sent at once.

Callers send from receivers and tasks, after the commit, so that a change rolled back tells nobody anything.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)


def language_of(user) -> str:
    """The language to write to a person in: their own choice, else the site's default (Simplified Chinese)."""
    return getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE


def site_url(path: str) -> str:
    """An absolute address for an email; SITE_URL (read into WAGTAILADMIN_BASE_URL) names the public site."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def absolute_url(url_name: str, args=(), *, language: str) -> str:
    """The public address of a page in the reader's language (Chinese at `/`, English under `/en/`)."""
    with translation.override(language):
        return site_url(reverse(url_name, args=list(args)))


def send_notice(template: str, context: dict, *, language: str, to, attachments=()) -> bool:
    """Render `template`'s subject and body in `language` and send them to every distinct address in `to`.
    `attachments` are (filename, content, mimetype). Returns whether there was anyone to send to."""
    to = list(dict.fromkeys(address for address in to if address))
    if not to:
        logger.warning("No address to send the %s email to", template)
        return False
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    message = EmailMessage(subject, body, None, to)
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
    return True
