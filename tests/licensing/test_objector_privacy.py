"""Issue 12: a resident who objects to a merchant's public notice is never identified to the merchant. The merchant
sees that the objection exists, what it says and the answer, on its application's page; its pages and emails never
carry the objector's name, user name, email or phone. Staff see the person."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from market.licensing.services.decisions import approve_application
from market.licensing.services.jobs import close_ended_public_notices
from market.licensing.services.workflow import answer_objection, record_objection
from market.privacy import reporter_as_seen_by

pytestmark = pytest.mark.django_db

OBJECTION = "该店油烟扰民，晚上十点后仍在营业。"
ANSWER = "已现场核查，油烟净化设备已安装，营业时间符合规定。"


@pytest.fixture
def objector(people):
    person = people.resident
    person.first_name, person.last_name, person.display_name = "秀英", "李", "李秀英"
    person.email, person.phone = "li.xiuying@example.cn", "13900001234"
    person.save()
    return person


def who_the_objector_is(objector) -> list[str]:
    return [objector.username, objector.display_name, objector.get_full_name(), objector.email, objector.phone]


def test_the_merchant_sees_the_objection_but_never_who_made_it(
    client, workflow, people, clock, objector, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = workflow.public_notice()
        objection = record_objection(application, objector, OBJECTION)
        answer_objection(objection, people.reviewer, ANSWER)
        clock.set(application.notice_ends_on + datetime.timedelta(days=1))
        close_ended_public_notices()
        approve_application(application, people.approver)

    client.force_login(people.merchant)
    pages = [
        client.get(reverse("licensing:application", args=[application.pk])).content.decode(),
        client.get(reverse("licensing:index")).content.decode(),
        client.get(reverse("accounts:home")).content.decode(),
    ]
    status = pages[0]
    assert OBJECTION in status and ANSWER in status
    assert "A member of the public" in status  # the timeline's entry for the objection
    merchant_addresses = {people.merchant.email, application.organization.email} - {""}
    to_merchant = [message for message in mail.outbox if merchant_addresses & set(message.to)]
    assert to_merchant, "the merchant was told of the notice and the decision"
    for text in pages + [f"{message.subject}\n{message.body}" for message in to_merchant]:
        for private in who_the_objector_is(objector):
            assert private not in text


def test_staff_see_who_objected(workflow, people, objector, client):
    application = workflow.public_notice()
    record_objection(application, objector, OBJECTION)
    client.force_login(people.reviewer)
    page = client.get(f"/admin/review_queue/{application.pk}/").content.decode()
    assert OBJECTION in page and str(objector) in page


def test_the_shared_rule_for_every_report_on_a_merchant(people, objector):
    """market/privacy.py: the rule later features (complaints, ratings) use as the objections do."""
    assert reporter_as_seen_by(people.reviewer, objector) == objector
    for someone in (people.merchant, people.other_merchant, None):
        assert str(reporter_as_seen_by(someone, objector)) == "A member of the public"
