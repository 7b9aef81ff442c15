"""The public site follows the licensing workflow: notices open and close, objectors hear the answer.
CmsConfig.ready() imports this module.

Each receiver hands the work to a background task that retries (cms/tasks.py): a notice page that fails to publish
must not leave an application on public notice with no public page.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms import figures, frontend_cache, page_cache, tasks
from cms.models import Footer, FooterLink, MainMenu, MainMenuLink
from market.discounts.signals import offer_changed
from market.licensing import signals
from market.licensing.models import Application, ApplicationState
from market.registry.models import Category, Organization
from market.registry.signals import category_tree_changed, listing_status_changed, merchant_changed


@receiver(signals.public_notice_opened, sender=Application, dispatch_uid="cms.open_notice")
def open_notice(sender, application, **kwargs):
    tasks.open_notice_page.enqueue(application.pk)


@receiver(signals.public_notice_closed, sender=Application, dispatch_uid="cms.close_notice")
def close_notice(sender, application, **kwargs):
    tasks.close_notice_page.enqueue(application.pk)


@receiver(signals.application_state_changed, sender=Application, dispatch_uid="cms.close_notice_when_decided")
def close_notice_when_decided(sender, application, from_state, to_state, **kwargs):
    """A rejection or withdrawal during the notice ends it without a `public_notice_closed`."""
    if from_state == ApplicationState.PUBLIC_NOTICE and to_state != ApplicationState.PUBLIC_NOTICE:
        tasks.close_notice_page.enqueue(application.pk)


@receiver(signals.public_notice_data_changed, sender=Application, dispatch_uid="cms.refresh_notice")
def refresh_notice(sender, application, **kwargs):
    """A correction during the notice changed what it shows: the notice shows the current data."""
    tasks.refresh_notice_page.enqueue(application.pk)


@receiver(signals.objection_answered, sender=Application, dispatch_uid="cms.tell_objector_the_answer")
def tell_objector_the_answer(sender, objection, **kwargs):
    tasks.tell_objector_the_answer.enqueue(objection.pk)


# -- the site's own content: what every page repeats (cms.page_cache) ------------------------------------------
# Model signals of this app's own snippets, and Wagtail's page events.


@receiver([post_save, post_delete], sender=MainMenu, dispatch_uid="cms.main_menu_changed")
@receiver([post_save, post_delete], sender=MainMenuLink, dispatch_uid="cms.main_menu_link_changed")
@receiver([post_save, post_delete], sender=Footer, dispatch_uid="cms.footer_changed")
@receiver([post_save, post_delete], sender=FooterLink, dispatch_uid="cms.footer_link_changed")
@receiver([page_published, page_unpublished], dispatch_uid="cms.pages_changed_on_publish")
@receiver(post_page_move, dispatch_uid="cms.page_moved")
@receiver(post_delete, sender=Page, dispatch_uid="cms.page_deleted")
@receiver([post_save, post_delete], sender=PageViewRestriction, dispatch_uid="cms.page_restriction_changed")
def pages_changed(sender, **kwargs):
    page_cache.pages_changed()


@receiver([page_published, page_unpublished], dispatch_uid="cms.purge_lists_of_the_page")
def purge_lists_of_the_page(sender, instance, **kwargs):
    """Wagtail's frontend cache purges the page itself (wagtail.contrib.frontend_cache); the section that lists it
    and the home page (the latest notices and news) change with it."""
    frontend_cache.purge_pages_listing(instance)


# -- the register's acts: what the home page counts and shows, and the merchant's own pages -------------------


@receiver(listing_status_changed, sender=Organization, dispatch_uid="cms.listing_status_changed")
def listing_changed(sender, organization, **kwargs):
    """Approved, suspended, reinstated, revoked or expired: the count and offers on the home page, and the
    merchant's page and the register in front of the site."""
    figures.forget_home_figures()
    frontend_cache.purge_merchants([organization.pk])


@receiver(merchant_changed, sender=Organization, dispatch_uid="cms.merchant_changed")
def merchant_profile_changed(sender, organization_ids, **kwargs):
    figures.forget_home_figures()
    frontend_cache.purge_merchants(organization_ids)


@receiver(signals.application_state_changed, sender=Application, dispatch_uid="cms.application_decided")
def application_decided(sender, application, to_state, **kwargs):
    """A change application's approval rewrites a listed merchant's names and categories."""
    if to_state == ApplicationState.APPROVED:
        figures.forget_home_figures()
        frontend_cache.purge_merchants([application.organization_id])


@receiver(offer_changed, dispatch_uid="cms.offer_changed")
def offers_changed(sender, offer, **kwargs):
    figures.forget_home_figures()


@receiver(category_tree_changed, sender=Category, dispatch_uid="cms.category_tree_changed")
def categories_changed(sender, **kwargs):
    figures.forget_home_figures()
