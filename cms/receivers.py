"""The public site follows the licensing workflow: notices open and close, objectors hear the answer.
CmsConfig.ready() imports this module.

Each receiver hands the work to a background task that retries (cms/tasks.py): a notice page that fails to publish
must not leave an application on public notice with no public page.
"""

from django.dispatch import receiver

from cms import tasks
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
