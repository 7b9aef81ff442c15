"""What an approval needs, what a rejection must say, and what each does to the public listing."""

import datetime

import pytest
from django.conf import settings
from django.utils import translation

from market.errors import AppError
from market.licensing.models import (
    ApplicationKind,
    ApplicationState,
    EventAction,
    Licence,
    ListingAction,
)
from market.licensing.services.decisions import (
    approve_application,
    reinstate_listing,
    reject_application,
    revoke_listing,
    rights_of_review,
    rights_of_review_for,
    suspend_listing,
)
from market.licensing.services.drafts import start_change_application, start_new_application
from market.licensing.services.workflow import (
    accept_application,
    answer_objection,
    close_public_notice,
    open_public_notice,
    recommend_approval,
    recommend_rejection,
    record_objection,
    start_review,
    submit_application,
)
from market.licensing.signals import application_state_changed, public_notice_closed, public_notice_opened
from market.registry.models import ListingStatus, Organization
from market.registry.signals import listing_status_changed
from tests.factories import CategoryFactory, OrganizationFactory
from tests.licensing.factories import CategoryReviewPolicyFactory

ONE_DAY = datetime.timedelta(days=1)


def test_approval_waits_for_the_end_of_the_public_notice(workflow, people, clock):
    application = workflow.public_notice()
    assert application.notice_ends_on == datetime.date(2026, 3, 9)

    clock.set(application.notice_ends_on)
    with pytest.raises(AppError) as refusal:
        approve_application(application, people.approver)
    assert any("2026-03-09" in problem for problem in refusal.value.problems)

    clock.set(application.notice_ends_on + ONE_DAY)
    approve_application(application, people.approver)
    application.refresh_from_db()
    assert application.state == ApplicationState.APPROVED
    assert application.notice_closed_at is not None


def test_an_unanswered_objection_blocks_approval(workflow, people, clock):
    application = workflow.public_notice()
    objection = record_objection(application, people.resident, "该店油烟扰民，尚未整改。")
    clock.set(application.notice_ends_on + ONE_DAY)

    with pytest.raises(AppError) as refusal:
        approve_application(application, people.approver)
    assert refusal.value.problems == ["An objection has not been answered."]

    answer_objection(objection, people.reviewer, "已现场核查，油烟净化设备已安装。")
    approve_application(application, people.approver)
    application.refresh_from_db()
    assert application.state == ApplicationState.APPROVED


def test_objections_are_taken_only_while_the_notice_runs_and_not_from_the_applicant(workflow, people, clock):
    application = workflow.public_notice()
    with pytest.raises(AppError):
        record_objection(application, people.merchant, "我反对我自己")
    with pytest.raises(AppError):
        record_objection(application, people.resident, "   ")

    clock.set(application.notice_ends_on + ONE_DAY)
    with pytest.raises(AppError):
        record_objection(application, people.resident, "太晚了")
    assert not application.objections.exists()


def test_an_objection_is_answered_once(workflow, people):
    application = workflow.public_notice()
    objection = record_objection(application, people.resident, "无证经营")
    answer_objection(objection, people.reviewer, "证照齐全")

    with pytest.raises(AppError):
        answer_objection(objection, people.approver, "再答一次")


def test_a_category_with_no_notice_is_approved_straight_from_review(workflow, people, catering):
    CategoryReviewPolicyFactory(category=catering, public_notice_working_days=0)
    application = workflow.under_review()

    recommend_approval(application, people.reviewer)
    application.refresh_from_db()
    assert application.state == ApplicationState.UNDER_REVIEW
    assert application.notice_starts_on is None
    with pytest.raises(AppError):
        open_public_notice(application, people.reviewer)

    approve_application(application, people.approver)
    application.refresh_from_db()
    assert application.state == ApplicationState.APPROVED
    assert not application.events.filter(action=EventAction.NOTICE_OPENED).exists()


def test_the_longest_notice_of_the_merchants_categories_applies(workflow, catering):
    CategoryReviewPolicyFactory(category=catering, public_notice_working_days=3)
    application = workflow.draft()
    assert application.public_notice_working_days() == 3

    application.organization.categories.add(CategoryFactory(code="laundry"))
    assert application.public_notice_working_days() == 5


def test_approval_needs_a_recommendation_to_approve(workflow, people, catering):
    CategoryReviewPolicyFactory(category=catering, public_notice_working_days=0)
    application = workflow.under_review()
    with pytest.raises(AppError):
        approve_application(application, people.approver)

    recommend_rejection(application, people.reviewer, "场所不符合卫生要求")
    with pytest.raises(AppError) as refusal:
        approve_application(application, people.approver)
    assert refusal.value.problems == ["A reviewer has not recommended approval."]


def test_a_rejection_needs_reasons_and_states_the_rights_of_review(workflow, people):
    application = workflow.under_review()
    with pytest.raises(AppError):
        reject_application(application, people.approver, " ")

    reject_application(application, people.approver, "经营场所为住宅，不符合规定")

    application.refresh_from_db()
    assert application.state == ApplicationState.REJECTED
    assert application.decision_reasons == "经营场所为住宅，不符合规定"
    # Stated in the applicant's language (the site's, Chinese, until accounts store a preference).
    assert application.remedies_statement == rights_of_review_for(application)
    with translation.override(settings.LANGUAGE_CODE):
        assert "六十日" in application.remedies_statement and "南京市人民政府" in application.remedies_statement
    with translation.override("en"):
        assert "60 days" in rights_of_review() and "6 months" in rights_of_review()
    event = application.events.get(action=EventAction.REJECTED)
    assert event.visible_to_applicant
    assert application.remedies_statement in event.reason


def test_approval_of_a_new_application_lists_the_merchant(workflow, people, clock):
    application = workflow.approved()

    organization = Organization.objects.get(pk=application.organization_id)
    assert organization.listing_status == ListingStatus.ACTIVE
    assert organization.listed_at == application.decided_at
    assert organization in Organization.objects.listed()
    assert organization.listing_events.get().action == ListingAction.LISTED
    assert Licence.objects.in_force(clock.today()).filter(organization=organization).exists()


def test_licences_of_an_undecided_application_are_not_in_force(workflow, clock):
    application = workflow.under_review()
    assert not Licence.objects.in_force(clock.today()).filter(organization=application.organization).exists()


def test_listeners_hear_of_each_change_once_it_is_committed(
    workflow, people, clock, django_capture_on_commit_callbacks
):
    heard = []

    def listen(signal_name):
        def receiver(sender, **details):
            heard.append((signal_name, details.get("to_state") or details.get("to_status")))

        return receiver

    receivers = {
        application_state_changed: listen("state"),
        public_notice_opened: listen("notice opened"),
        public_notice_closed: listen("notice closed"),
        listing_status_changed: listen("listing"),
    }
    for signal, receiver in receivers.items():
        signal.connect(receiver)
    try:
        application = workflow.under_review()
        with django_capture_on_commit_callbacks(execute=True):
            recommend_approval(application, people.reviewer)
        assert heard[-2:] == [("state", ApplicationState.PUBLIC_NOTICE), ("notice opened", None)]

        clock.set(application.notice_ends_on + ONE_DAY)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            approve_application(application, people.approver)
        assert ("listing", ListingStatus.ACTIVE) not in heard  # nothing before the commit
        for callback in callbacks:
            callback()
        assert heard[-3:] == [
            ("notice closed", None),
            ("listing", ListingStatus.ACTIVE),
            ("state", ApplicationState.APPROVED),
        ]
    finally:
        for signal, receiver in receivers.items():
            signal.disconnect(receiver)


def test_a_change_application_changes_the_legal_record_only_when_approved(people, catering, clock):
    organization = OrganizationFactory(owner=people.merchant, categories=[catering])
    laundry = CategoryFactory(code="laundry")
    CategoryReviewPolicyFactory(category=catering, public_notice_working_days=0, change_notice_working_days=0)
    CategoryReviewPolicyFactory(category=laundry, public_notice_working_days=0, change_notice_working_days=0)

    application = start_change_application(
        people.merchant, organization, {"name": "邻里洗衣有限公司", "category_codes": ["laundry"]}
    )
    application = submit_application(application, people.merchant)
    accept_application(application, people.reviewer)
    start_review(application, people.reviewer)
    organization.refresh_from_db()
    assert organization.name != "邻里洗衣有限公司"

    recommend_approval(application, people.reviewer)
    approve_application(application, people.approver)

    organization.refresh_from_db()
    assert organization.name == "邻里洗衣有限公司"
    assert list(organization.categories.all()) == [laundry]
    assert organization.listing_status == ListingStatus.ACTIVE


def test_a_change_application_accepts_only_names_and_existing_categories(people):
    organization = OrganizationFactory(owner=people.merchant)
    with pytest.raises(AppError):
        start_change_application(people.merchant, organization, {"unified_social_credit_code": "X"})
    with pytest.raises(AppError):
        start_change_application(people.merchant, organization, {"category_codes": ["no-such"]})
    with pytest.raises(AppError):
        start_change_application(people.other_merchant, organization, {"name": "别人的店"})


def test_submission_lists_everything_missing_at_once(people, catering, clock):
    organization = Organization(
        name="邻里小吃店",
        unified_social_credit_code="91310115MA1K3BTP2B",
        legal_representative="王芳",
    )
    application = start_new_application(people.merchant, organization)

    with pytest.raises(AppError) as refusal:
        submit_application(application, people.merchant)
    assert refusal.value.problems == ["Choose at least one category of service."]

    organization.categories.set([catering])
    with pytest.raises(AppError) as refusal:
        submit_application(application, people.merchant)
    assert refusal.value.problems == ["Upload your Food business permit."]
    assert application.events.get().action == EventAction.CREATED


def test_a_new_merchant_is_recorded_unlisted_with_a_valid_credit_code(people):
    organization = Organization(
        name="无效商户", unified_social_credit_code="91110000600037341N", legal_representative="李"
    )
    with pytest.raises(Exception, match="not valid"):
        start_new_application(people.merchant, organization)

    organization = Organization(
        name="新商户", unified_social_credit_code="91110000600037341L", legal_representative="李"
    )
    application = start_new_application(people.merchant, organization)
    assert application.kind == ApplicationKind.NEW
    assert application.state == ApplicationState.DRAFT
    organization.refresh_from_db()
    assert (organization.owner, organization.listing_status) == (people.merchant, ListingStatus.UNLISTED)
    assert organization not in Organization.objects.listed()


@pytest.fixture
def listed_merchant(people, catering):
    organization = OrganizationFactory(owner=people.merchant, categories=[catering])
    return organization


def test_suspension_reinstatement_and_revocation_are_recorded_with_reasons(listed_merchant, people):
    suspend_listing(listed_merchant, people.approver, "食品安全抽检不合格")
    assert listed_merchant not in Organization.objects.listed()
    reinstate_listing(listed_merchant, people.approver, "复检合格")
    assert listed_merchant in Organization.objects.listed()
    revoke_listing(listed_merchant, people.approver, "以欺骗手段取得许可")

    listed_merchant.refresh_from_db()
    assert listed_merchant.listing_status == ListingStatus.REVOKED
    events = list(listed_merchant.listing_events.values_list("action", "from_status", "to_status", "reason", "actor"))
    assert events == [
        (
            ListingAction.SUSPENDED,
            ListingStatus.ACTIVE,
            ListingStatus.SUSPENDED,
            "食品安全抽检不合格",
            people.approver.pk,
        ),
        (ListingAction.REINSTATED, ListingStatus.SUSPENDED, ListingStatus.ACTIVE, "复检合格", people.approver.pk),
        (ListingAction.REVOKED, ListingStatus.ACTIVE, ListingStatus.REVOKED, "以欺骗手段取得许可", people.approver.pk),
    ]


def test_listing_changes_are_refused_without_reason_out_of_order_or_by_the_wrong_person(listed_merchant, people):
    with pytest.raises(AppError):
        suspend_listing(listed_merchant, people.approver, "")
    with pytest.raises(AppError):
        reinstate_listing(listed_merchant, people.approver, "未被暂停")
    for person in (people.reviewer, people.merchant, people.resident):
        with pytest.raises(AppError):
            suspend_listing(listed_merchant, person, "越权")
    revoke_listing(listed_merchant, people.approver, "吊销")
    with pytest.raises(AppError):
        reinstate_listing(listed_merchant, people.approver, "撤销后不能恢复")
    assert listed_merchant.listing_events.count() == 1


def test_a_reviewer_closes_a_notice_only_once_it_has_run(workflow, people, clock):
    application = workflow.public_notice()
    with pytest.raises(AppError):
        close_public_notice(application, people.reviewer)

    clock.set(application.notice_ends_on + ONE_DAY)
    with pytest.raises(AppError):
        close_public_notice(application, people.merchant)
    close_public_notice(application, people.reviewer)
    with pytest.raises(AppError):
        close_public_notice(application, people.reviewer)

    assert application.events.filter(action=EventAction.NOTICE_CLOSED, actor=people.reviewer).count() == 1
