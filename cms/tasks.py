"""The public site's side of the licensing workflow as background tasks that retry (market/tasks.py).

A public notice (公示) is statutory: a notice page that failed to open or close is tried again, and what still
slipped is found by `manage.py notice_drift`. Each task reads the application as it is when it runs, so a retry
that comes late does not reopen a notice that has ended meanwhile, nor close one that is running.
"""

from cms import notices
from market.licensing.models import Application, Objection
from market.mail import language_of, send_notice
from market.tasks import retrying_task


def _application(application_id: int) -> Application | None:
    return Application.objects.select_related("organization").filter(pk=application_id).first()


@retrying_task()
def open_notice_page(application_id: int) -> int:
    """Publish the application's notice in every notice language; returns how many pages were published."""
    application = _application(application_id)
    if application is None or not notices.on_notice(application):
        return 0
    return len(notices.publish_notice(application))


@retrying_task()
def close_notice_page(application_id: int) -> int:
    """Mark the application's notice pages closed; returns how many were closed."""
    application = _application(application_id)
    if application is None or notices.on_notice(application):
        return 0
    return notices.close_notice(application)


@retrying_task()
def refresh_notice_page(application_id: int) -> int:
    """Show a correction made during the notice on the open notice pages; returns how many were refreshed."""
    application = _application(application_id)
    if application is None or not notices.on_notice(application):
        return 0
    return notices.refresh_notice_data(application)


@retrying_task()
def tell_objector_the_answer(objection_id: int) -> bool:
    objection = Objection.objects.select_related("objector", "application").filter(pk=objection_id).first()
    if objection is None or not objection.objector.email:
        return False
    objector = objection.objector
    language = language_of(objector)
    context = {
        "objection": objection,
        "objector": objector,
        "notice": notices.notice_for(objection.application, language),
    }
    return send_notice("cms/email/objection_answered", context, language=language, to=[objector.email])
