"""The staff's act on a job post: taking it down, with a reason the merchant sees.

`offered_when` only decides whether the form is shown; the permission is checked on the post when it is posted
(market/staff_acts.py), and the service checks permission and state again.
"""

from django.utils.translation import gettext_lazy as _

from market.jobs import services
from market.jobs.admin.forms import TakeDownForm
from market.jobs.models import JobPostState
from market.staff_acts import StaffAct, StaffActs

POST_ACTS = StaffActs(
    [
        StaffAct(
            name="take_down_post",
            log_action="jobs.take_down_post",
            label=_("Take the post down"),
            permission="jobs.take_down_post",
            form_class=TakeDownForm,
            offered_when=lambda post, user: post.state != JobPostState.TAKEN_DOWN,
            perform=lambda post, user, data: services.take_down_post(post, user, data["reason"]),
            success=_("The post is taken down; the merchant and the waiting applicants are told."),
            style="button no",
        ),
    ]
)
