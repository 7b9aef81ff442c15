"""Licensing fees (Administrative Licensing Law, Art. 58): free unless the bureau records a legal basis, waived for
businesses founded by laid-off workers and for non-profit community organisations, fixed at submission, and kept
in the admin by administrators and approvers only.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from market.accounts.roles import Role
from market.licensing import documents
from market.licensing.fees import fee_of
from market.licensing.models import ApplicationKind, DocumentKind, FeeWaiver, LicensingFee
from market.licensing.services.workflow import accept_application, submit_application
from tests.factories import UserFactory
from tests.licensing.factories import LicensingFeeFactory

FREE_EN = "Free: licensing is free by law (Administrative Licensing Law, Art. 58)."
FREE_ZH = "免费：依照《行政许可法》第五十八条，行政许可依法不收费。"
BASIS = "《示范行政法规》第十二条"
SCHEDULE = "/admin/snippets/licensing/licensingfee/"

pytestmark = pytest.mark.django_db


def portal_page(client, application, name="licensing:application", language="en") -> str:
    with translation.override(language):
        url = reverse(name, args=[application.pk])
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def admin_client(client, role, language="en"):
    user = UserFactory(role=role)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return user


def line_data(**changes):
    return {
        "category": "",
        "kind": "",
        "amount": "0",
        "legal_basis": "",
        "effective_from": "",
        "reason": "市政府办公厅通知",
        **changes,
    }


# ---------------------------------------------------------------- free by default


def test_with_no_schedule_the_applicant_sees_free_by_law_before_and_after_submitting(client, people, workflow):
    draft = workflow.draft()
    client.force_login(people.merchant)
    review = portal_page(client, draft, "licensing:step_review")
    assert FREE_EN in review
    assert "fixed when you submit" in review

    submitted = workflow.submitted()
    assert submitted.fee_amount == Decimal("0.00") and submitted.fee_waiver == ""
    status = portal_page(client, submitted)
    assert FREE_EN in status and "Fixed when you submitted" in status
    assert "service counter" not in status


def test_a_line_of_zero_is_still_free_by_law(client, people, workflow, catering):
    LicensingFeeFactory(category=catering, amount=Decimal("0"), legal_basis="", effective_from=None)
    submitted = workflow.submitted()
    assert fee_of(submitted).is_free_by_law
    client.force_login(people.merchant)
    assert FREE_EN in portal_page(client, submitted)


def test_the_free_fee_is_shown_in_chinese_and_english(client, people, workflow):
    submitted = workflow.submitted()
    client.force_login(people.merchant)
    chinese = portal_page(client, submitted, language="zh-hans")
    assert FREE_ZH in chinese and FREE_EN not in chinese
    assert FREE_EN in portal_page(client, submitted, language="en")


# ---------------------------------------------------------------- a fee needs its legal basis


def test_a_fee_without_legal_basis_cannot_be_saved(db):
    line = LicensingFee(amount=Decimal("20.00"))
    with pytest.raises(ValidationError) as refused:
        line.full_clean()
    assert "Art. 58" in " ".join(refused.value.message_dict["legal_basis"])
    assert "effective_from" in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        line.save()
    assert not LicensingFee.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "a fee needs the law or administrative regulation and the article that provide it"),
        ("zh-hans", "收取费用须写明规定收费的法律或者行政法规及其条款"),
    ],
)
def test_the_admin_refuses_a_fee_without_legal_basis_in_the_staff_language(client, language, message):
    admin_client(client, Role.ADMINISTRATOR, language)
    response = client.post(f"{SCHEDULE}add/", line_data(amount="20.00"))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LicensingFee.objects.exists()


def test_a_fee_with_its_legal_basis_is_charged_and_paid_at_the_counter(client, people, workflow, catering):
    LicensingFeeFactory(category=catering, kind=ApplicationKind.NEW, amount=Decimal("30.00"))
    draft = workflow.draft()
    client.force_login(people.merchant)
    review = portal_page(client, draft, "licensing:step_review")
    assert "¥30.00" in review and BASIS in review and "2026-01-01" in review
    assert "pay the fee at the bureau's service counter" in review

    submitted = workflow.submitted()
    assert (submitted.fee_amount, submitted.fee_legal_basis) == (Decimal("30.00"), BASIS)
    status = portal_page(client, submitted)
    assert "¥30.00" in status and BASIS in status


def test_the_most_specific_line_in_force_sets_the_fee(workflow, catering, clock):
    LicensingFeeFactory(amount=Decimal("10.00"))
    LicensingFeeFactory(category=catering, kind=ApplicationKind.NEW, amount=Decimal("25.00"))
    LicensingFeeFactory(
        category=catering, kind=ApplicationKind.NEW, amount=Decimal("99.00"), effective_from=datetime.date(2027, 1, 1)
    )
    LicensingFeeFactory(category=catering, kind=ApplicationKind.RENEWAL, amount=Decimal("50.00"))
    assert workflow.submitted().fee_amount == Decimal("25.00")


# ---------------------------------------------------------------- waivers


@pytest.mark.parametrize(
    ("flag", "waiver", "shown"),
    [
        ("founded_by_laid_off_workers", FeeWaiver.LAID_OFF_FOUNDERS, "Waived: a business founded by laid-off workers"),
        ("is_nonprofit_community_organization", FeeWaiver.NONPROFIT_COMMUNITY,
         "Waived: a non-profit community organisation"),
    ],
)
def test_a_waiver_brings_the_fee_to_zero_and_says_why(client, people, workflow, catering, flag, waiver, shown):
    LicensingFeeFactory(category=catering, amount=Decimal("30.00"))
    draft = workflow.draft()
    setattr(draft.organization, flag, True)
    draft.organization.save()

    client.force_login(people.merchant)
    assert shown in portal_page(client, draft, "licensing:step_review")

    submitted = submit_application(draft, people.merchant)
    assert (submitted.fee_amount, submitted.fee_scheduled, submitted.fee_waiver) == (
        Decimal("0.00"), Decimal("30.00"), waiver
    )
    status = portal_page(client, submitted)
    assert shown in status and "Free: the fee is waived." in status and BASIS in status
    assert "service counter" not in status


# ---------------------------------------------------------------- fixed at submission


def test_the_fee_is_fixed_at_submission_and_a_later_schedule_change_leaves_it(client, people, workflow, catering):
    line = LicensingFeeFactory(category=catering, amount=Decimal("30.00"))
    submitted = workflow.submitted()
    line.amount, line.legal_basis = Decimal("80.00"), "《另一行政法规》第三条"
    line.save()
    LicensingFeeFactory(category=catering, kind=ApplicationKind.NEW, amount=Decimal("120.00"))

    submitted.refresh_from_db()
    assert fee_of(submitted).due == Decimal("30.00")
    client.force_login(people.merchant)
    status = portal_page(client, submitted)
    assert "¥30.00" in status and BASIS in status and "¥120.00" not in status
    # A draft started now gets the new schedule.
    assert fee_of(workflow.draft()).due == Decimal("120.00")


def test_the_case_page_and_the_acceptance_notice_state_the_fee(client, people, workflow, catering):
    LicensingFeeFactory(category=catering, amount=Decimal("30.00"))
    submitted = workflow.submitted()
    admin_client(client, Role.REVIEWER)
    page = client.get(f"/admin/review_queue/{submitted.pk}/")
    text = " ".join(page.content.decode().split())
    assert "¥30.00" in text and BASIS in text

    accepted = accept_application(submitted, people.reviewer)
    context = documents._context(
        accepted, DocumentKind.ACCEPTANCE, "X", accepted.accepted_at, {"fee": fee_of(accepted)}
    )
    with translation.override("zh-hans"):
        html = documents.render_to_string("licensing/documents/acceptance.html", context)
    assert f"依照{BASIS}，本项许可收取费用人民币30.00元，请到本机关服务窗口缴纳" in html


def test_the_acceptance_notice_says_free_by_law(workflow):
    submitted = workflow.submitted()
    context = documents._context(submitted, DocumentKind.ACCEPTANCE, "X", submitted.submitted_at,
                                 {"fee": fee_of(submitted)})
    html = documents.render_to_string("licensing/documents/acceptance.html", context)
    assert "第五十八条的规定，本机关办理本项许可不收取任何费用" in html


# ---------------------------------------------------------------- who keeps the schedule


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.APPROVER])
def test_administrators_and_approvers_keep_the_schedule_and_each_change_is_logged_with_why(client, role):
    user = admin_client(client, role)
    response = client.post(
        f"{SCHEDULE}add/",
        line_data(amount="15.00", legal_basis=BASIS, effective_from="2026-06-01", reason="依据市政府文件设定"),
    )
    assert response.status_code == 302
    line = LicensingFee.objects.get()
    assert line.amount == Decimal("15.00")

    response = client.post(
        f"{SCHEDULE}edit/{line.pk}/", line_data(amount="0", reason="上位法废止，停止收费")
    )
    assert response.status_code == 302
    entries = ModelLogEntry.objects.filter(object_id=str(line.pk)).order_by("timestamp", "pk")
    assert [(entry.action, entry.user_id, entry.data["reason"]) for entry in entries] == [
        ("licensing.fee_schedule_line_added", user.pk, "依据市政府文件设定"),
        ("licensing.fee_schedule_line_changed", user.pk, "上位法废止，停止收费"),
    ]
    # The comment is written in the language of the admin session that made the change (Chinese here).
    comment = entries.last().comment
    assert comment.startswith("上位法废止，停止收费")
    assert "¥0" in comment
    assert client.get(f"{SCHEDULE}history/{line.pk}/").status_code == 200


def test_a_change_without_a_reason_is_refused(client):
    admin_client(client, Role.ADMINISTRATOR)
    response = client.post(f"{SCHEDULE}add/", line_data(reason=""))
    assert response.status_code == 200 and not LicensingFee.objects.exists()


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.EDITOR, Role.MERCHANT])
def test_others_cannot_add_or_change_the_schedule(client, role):
    line = LicensingFeeFactory()
    admin_client(client, role)
    assert client.get(f"{SCHEDULE}add/").status_code in (302, 403)
    client.post(f"{SCHEDULE}add/", line_data(amount="5.00", legal_basis=BASIS, effective_from="2026-06-01"))
    client.post(f"{SCHEDULE}edit/{line.pk}/", line_data(amount="0"))
    line.refresh_from_db()
    assert LicensingFee.objects.count() == 1 and line.amount == Decimal("30.00")


def test_reviewers_see_the_schedule_and_nobody_deletes_a_line(client):
    line = LicensingFeeFactory()
    admin_client(client, Role.REVIEWER)
    assert client.get(SCHEDULE).status_code == 200
    admin_client(client, Role.ADMINISTRATOR)
    client.post(f"{SCHEDULE}delete/{line.pk}/")
    assert LicensingFee.objects.filter(pk=line.pk).exists()
