"""The public site follows the licensing workflow: notices open and close, objectors hear the answer.
CmsConfig.ready() imports this module.

Each receiver hands the work to a background task that retries (cms/tasks.py): a notice page that fails to publish
must not leave an application on public notice with no public page.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from cms import tasks
from cms.models import Footer, FooterLink, MainMenu, MainMenuLink
from cms.templatetags import navigation
from market.licensing import signals
from market.licensing.models import Application, ApplicationState


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


# -- the site's own content: the navigation and footer it shows on every page ---------------------------------
# Model signals of this app's own snippets, and Wagtail's page events.


@receiver([post_save, post_delete], sender=MainMenu, dispatch_uid="cms.main_menu_changed")
@receiver([post_save, post_delete], sender=MainMenuLink, dispatch_uid="cms.main_menu_link_changed")
@receiver([post_save, post_delete], sender=Footer, dispatch_uid="cms.footer_changed")
@receiver([post_save, post_delete], sender=FooterLink, dispatch_uid="cms.footer_link_changed")
@receiver([page_published, page_unpublished], dispatch_uid="cms.page_published_or_unpublished")
@receiver(post_delete, sender=Page, dispatch_uid="cms.page_deleted")
def navigation_changed(sender, **kwargs):
    navigation.navigation_changed()
