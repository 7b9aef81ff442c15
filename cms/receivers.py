"""The public site listens to the licensing workflow: notices open and close, objectors hear the answer."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from cms import notices
from market.licensing.language import language_of
from market.licensing.models import ApplicationState


def open_notice(sender, application, **kwargs):
    notices.publish_notice(application)


def close_notice(sender, application, **kwargs):
    notices.close_notice(application)


def close_notice_when_decided(sender, application, from_state, to_state, **kwargs):
    """A rejection or withdrawal during the notice ends it without a `public_notice_closed`."""
    if from_state == ApplicationState.PUBLIC_NOTICE and to_state != ApplicationState.PUBLIC_NOTICE:
        notices.close_notice(application)


def tell_objector_the_answer(sender, objection, **kwargs):
    objector = objection.objector
    if not objector.email:
        return
    notice = notices.notice_for(objection.application, language_of(objector))
    with translation.override(language_of(objector)):
        context = {"objection": objection, "objector": objector, "notice": notice}
        subject = render_to_string("cms/email/objection_answered_subject.txt", context).strip()
        body = render_to_string("cms/email/objection_answered.txt", context)
    send_mail(subject, body, None, [objector.email])
