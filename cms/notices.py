"""Public notice pages (公示), kept in step with the registry's applications.

A notice is published by the system when an application enters its notice period, in every language that
has a notice index. When the period ends, or the application is decided or withdrawn, the notice is marked
closed and stays published: a public notice is part of the bureau's public record (双公示), links to it from
feeds and news keep working, and the closed badge tells residents that objections are no longer taken.
"""

import logging

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms.models import NoticeIndexPage, NoticePage
from market import clock_source

logger = logging.getLogger(__name__)


def _public_data(application, language_code: str) -> dict:
    organization = application.organization
    with translation.override(language_code):
        english = language_code.startswith("en")
        name = organization.name_en if english and organization.name_en else organization.name
        categories = ", ".join(category.display_name for category in organization.categories.all())
        # Chinese addresses run from the larger place to the smaller without spaces; English needs them.
        separator = " " if english else ""
        outlets = "\n".join(
            f"{location.name}: "
            + separator.join([location.district.display_name, location.subdistrict.display_name, location.address_1])
            for location in organization.locations.select_related("district", "subdistrict")
        )
        title = _("Public notice: %(merchant)s applies to be listed") % {"merchant": name}
    return {
        "title": title,
        "merchant_name": name,
        "credit_code": organization.unified_social_credit_code,
        "category_names": categories,
        "outlet_addresses": outlets,
        "notice_starts_on": application.notice_starts_on,
        "notice_ends_on": application.notice_ends_on,
    }


def _publish(page) -> None:
    page.save_revision(log_action=True).publish()


@transaction.atomic
def publish_notice(application) -> list[NoticePage]:
    """Create and publish the application's notice under each notice index; safe to call twice."""
    created = []
    default_locale = Locale.get_default()
    for index in NoticeIndexPage.objects.filter(locale=default_locale):
        source = NoticePage.objects.child_of(index).filter(application=application).first()
        if source is None:
            source = NoticePage(application=application, slug=f"notice-{application.pk}", **_public_data(
                application, default_locale.language_code
            ))
            index.add_child(instance=source)
            _publish(source)
            created.append(source)
        for index_translation in index.get_translations().select_related("locale"):
            if source.get_translation_or_none(index_translation.locale) is not None:
                continue
            page = source.copy_for_translation(index_translation.locale)
            for field, value in _public_data(application, index_translation.locale.language_code).items():
                setattr(page, field, value)
            _publish(page)
            created.append(page)
    if not created and not NoticeIndexPage.objects.exists():
        logger.warning("No notice index page: the notice of application %s was not published.", application.pk)
    return created


@transaction.atomic
def close_notice(application) -> int:
    """Mark the application's open notices closed, keeping them published; returns how many were closed."""
    closed = 0
    for page in NoticePage.objects.filter(application=application, closed_at__isnull=True):
        page.closed_at = clock_source.now()
        _publish(page)
        closed += 1
    return closed


def notice_for(application, language_code: str) -> NoticePage | None:
    """The application's notice in a language, else in any language."""
    notices = NoticePage.objects.live().filter(application=application).select_related("locale")
    return notices.filter(locale__language_code=language_code).first() or notices.first()


@transaction.atomic
def refresh_notice_data(application) -> int:
    """Rewrite the application's open notices with its current public data (after a correction during the
    notice), in each notice's language, as a new published revision; returns how many were refreshed.

    Receiver for licensing's `public_notice_data_changed` (sent with `application`).
    """
    refreshed = 0
    for page in NoticePage.objects.filter(application=application, closed_at__isnull=True).select_related("locale"):
        for field, value in _public_data(application, page.locale.language_code).items():
            setattr(page, field, value)
        _publish(page)
        refreshed += 1
    return refreshed


def notice_data_changed(sender, application, **kwargs):
    """The receiver of `public_notice_data_changed`: the open notices show the corrected data."""
    refresh_notice_data(application)
