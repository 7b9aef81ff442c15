"""Public notice pages (公示), kept in step with the registry's applications.

A notice is published by the system when an application enters its notice period, in every language that
has a notice index. When the period ends, or the application is decided or withdrawn, the notice is marked
closed and stays published: a public notice is part of the bureau's public record (双公示), links to it from
feeds and news keep working, and the closed badge tells residents that objections are no longer taken.

The licensing signals reach these functions through retrying background tasks (cms/tasks.py); `notice_drift`
finds what still slipped and `manage.py notice_drift --repair` puts it right through the same functions.
"""

import dataclasses
import logging

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms.models import NoticeIndexPage, NoticePage
from market import clock_source
from market.licensing import changes
from market.licensing.models import Application, ApplicationKind, ApplicationState
from market.licensing.words import list_of

logger = logging.getLogger(__name__)


def _public_data(application, language_code: str) -> dict:
    """What a notice shows, in its language. A change application's notice says what is proposed (a new outlet,
    an outlet closed or moved, a new name), each change beside what it replaces; the outlets and categories listed
    are those on the register now."""
    organization = application.organization
    with translation.override(language_code):
        english = language_code.startswith("en")
        name = organization.name_en if english and organization.name_en else organization.name
        categories = list_of(category.display_name for category in organization.categories.all())
        # Chinese addresses run from the larger place to the smaller without spaces; English needs them.
        separator = " " if english else ""
        outlets = "\n".join(
            f"{location.name}: "
            + separator.join([location.district.display_name, location.subdistrict.display_name, location.address_1])
            for location in organization.locations.select_related("district", "subdistrict")
        )
        if application.kind == ApplicationKind.CHANGE:
            title = _("Public notice: %(merchant)s applies to change its register entry") % {"merchant": name}
            proposed = "\n".join(changes.describe(organization, application.proposed_changes))
        else:
            title = _("Public notice: %(merchant)s applies to be listed") % {"merchant": name}
            proposed = ""
    return {
        "title": title,
        "merchant_name": name,
        "credit_code": organization.unified_social_credit_code,
        "category_names": categories,
        "outlet_addresses": outlets,
        "proposed_changes": proposed,
        "notice_starts_on": application.notice_starts_on,
        "notice_ends_on": application.notice_ends_on,
    }


def on_notice(application) -> bool:
    """In its notice period: its notice must be live and open in every notice language."""
    return application.state == ApplicationState.PUBLIC_NOTICE and application.notice_closed_at is None


def _publish(page) -> None:
    page.save_revision(log_action=True).publish()


def _shown_open(page) -> bool:
    return page.live and page.closed_at is None


def _reopen(page) -> None:
    """A notice page unpublished or closed while its application is still on notice (by hand, or by a close that
    ran out of order) is shown again, open."""
    page.closed_at = None
    _publish(page)


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
        elif not _shown_open(source):
            _reopen(source)
        for index_translation in index.get_translations().select_related("locale"):
            existing = source.get_translation_or_none(index_translation.locale)
            if existing is not None:
                if not _shown_open(existing):
                    _reopen(existing)
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
    return close_pages(NoticePage.objects.filter(application=application, closed_at__isnull=True))


@transaction.atomic
def close_pages(pages) -> int:
    closed = 0
    for page in pages:
        page.closed_at = clock_source.now()
        _publish(page)
        closed += 1
    return closed


def notice_for(application, language_code: str) -> NoticePage | None:
    """The application's notice in a language, else in any language."""
    notices = NoticePage.objects.live().filter(application=application).select_related("locale")
    return notices.filter(locale__language_code=language_code).first() or notices.first()


# ---------------------------------------------------------------- drift: what the signals and tasks missed


def notice_languages() -> list[str]:
    """The languages a notice is published in: those of the notice indexes `publish_notice` fills (the default
    locale's and their translations)."""
    sources = NoticeIndexPage.objects.filter(locale=Locale.get_default()).values("translation_key")
    return sorted(
        set(
            NoticeIndexPage.objects.filter(translation_key__in=sources).values_list(
                "locale__language_code", flat=True
            )
        )
    )


@dataclasses.dataclass
class NoticeDrift:
    languages: list[str]
    # Applications in public notice -> the notice languages in which no live, open notice page shows them.
    missing: dict[Application, list[str]] = dataclasses.field(default_factory=dict)
    # Live notice pages still shown open whose application is no longer in public notice (or is gone).
    stale: list[NoticePage] = dataclasses.field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.missing or self.stale)


def notice_drift() -> NoticeDrift:
    languages = notice_languages()
    drift = NoticeDrift(languages=languages)
    on_notice_now = Application.objects.filter(
        state=ApplicationState.PUBLIC_NOTICE, notice_closed_at__isnull=True
    ).order_by("pk")
    shown_open = NoticePage.objects.live().filter(closed_at__isnull=True).select_related("locale").order_by("pk")
    shown = {(page.application_id, page.locale.language_code) for page in shown_open}
    for application in on_notice_now:
        lacking = [language for language in languages if (application.pk, language) not in shown]
        if lacking:
            drift.missing[application] = lacking
    on_notice_ids = {application.pk for application in on_notice_now}
    drift.stale = [page for page in shown_open if page.application_id not in on_notice_ids]
    return drift


def repair_drift(drift: NoticeDrift) -> list[str]:
    """Publish the missing notices and close the stale ones, each in its own transaction, through the functions
    the tasks use. Returns a line for each one that failed."""
    failures = []
    for application in drift.missing:
        try:
            publish_notice(application)
        except Exception as error:
            logger.exception("Could not publish the notice of application %s", application.pk)
            failures.append(f"application {application.pk}: {error}")
    for page in drift.stale:
        try:
            if page.application_id is None:
                close_pages([page])
            else:
                close_notice(page.application)
        except Exception as error:
            logger.exception("Could not close notice page %s", page.pk)
            failures.append(f"page {page.pk}: {error}")
    return failures


@transaction.atomic
def refresh_notice_data(application) -> int:
    """Rewrite the application's open notices with its current public data (after a correction during the
    notice), in each notice's language, as a new published revision; returns how many were refreshed.

    Run by the task that follows licensing's `public_notice_data_changed` (cms/receivers.py).
    """
    refreshed = 0
    for page in NoticePage.objects.filter(application=application, closed_at__isnull=True).select_related("locale"):
        for field, value in _public_data(application, page.locale.language_code).items():
            setattr(page, field, value)
        _publish(page)
        refreshed += 1
    return refreshed
