from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Public site")

    def ready(self):
        from cms import notices, receivers
        from market.licensing import signals

        signals.public_notice_opened.connect(receivers.open_notice, dispatch_uid="cms.open_notice")
        signals.public_notice_closed.connect(receivers.close_notice, dispatch_uid="cms.close_notice")
        signals.application_state_changed.connect(
            receivers.close_notice_when_decided, dispatch_uid="cms.close_notice_when_decided"
        )
        signals.public_notice_data_changed.connect(
            notices.notice_data_changed, dispatch_uid="cms.notice_data_changed"
        )
        signals.objection_answered.connect(
            receivers.tell_objector_the_answer, dispatch_uid="cms.tell_objector_the_answer"
        )
