"""The demo content. It is loaded once for the module (tests/demo/conftest.py); tests that load it again do so
inside their own savepoint.
"""

import pytest
from django.contrib.auth import authenticate
from wagtail.models import Page, PageLogEntry, Revision, Site

from cms.models import HomePage, PolicyPage
from demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from demo.management.commands.load_demo import STEPS
from demo.policy import parse_policy
from market.accounts.models import User
from market.accounts.roles import Role
from market.discounts.models import Eligibility, Offer, Redemption
from market.discounts.reports import total_saving
from market.licensing.models import Application, ApplicationKind, ApplicationState
from market.licensing.services.decisions import approval_blockers, approve_application
from market.places.models import Community, District, Subdistrict
from market.registry.credit_code import validate_credit_code
from market.registry.models import (
    Category,
    ListingStatus,
    Location,
    Organization,
    Schedule,
    ScheduleException,
    Service,
)
from search.models import MerchantSearchEntry
from search.query import SearchQuery
from search.service import search_merchants
from tests.demo.conftest import load_demo

pytestmark = pytest.mark.django_db

COUNTED = (
    District,
    Subdistrict,
    Community,
    Category,
    User,
    Organization,
    Location,
    Schedule,
    ScheduleException,
    Service,
    Page,
    Revision,
    PageLogEntry,
    Site,
    Offer,
    Redemption,
    MerchantSearchEntry,
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_loads_the_eleven_districts_of_nanjing_with_their_sub_districts(demo):
    assert District.objects.count() == 11
    assert District.objects.get(code="320102").name_en == "Xuanwu District"
    sub_districts = {district.name: district.subdistricts.count() for district in District.objects.all()}
    assert {name: sub_districts[name] for name in ("玄武区", "秦淮区", "建邺区", "鼓楼区")} == {
        "玄武区": 7,
        "秦淮区": 12,
        "建邺区": 6,
        "鼓楼区": 13,
    }
    assert min(sub_districts.values()) >= 4
    assert Subdistrict.objects.get(name="新街口街道").name_en == "Xinjiekou Subdistrict"
    assert Community.objects.filter(subdistrict__name="新街口街道").count() >= 2


def test_loads_the_policy_categories_with_sub_categories(demo):
    top_level = set(Category.objects.filter(parent=None).values_list("name", flat=True))
    assert top_level == {
        "购物",
        "餐饮",
        "家政服务",
        "洗衣",
        "维修",
        "再生资源回收",
        "中介",
        "养老服务",
        "医疗",
        "其他",
    }
    assert set(Category.objects.get(code="repair").children.values_list("name", flat=True)) == {
        "家电维修",
        "水电维修",
        "开锁",
        "手机电脑",
    }
    assert not Category.objects.filter(name_en="").exists()


def test_every_merchant_has_a_valid_credit_code_and_an_outlet_with_hours(demo):
    merchants = Organization.objects.prefetch_related("locations__schedules", "categories")
    assert merchants.count() >= 250
    for merchant in merchants:
        validate_credit_code(merchant.unified_social_credit_code)
        assert merchant.categories.exists(), merchant
        assert merchant.locations.exists(), merchant
        assert all(location.schedules.exists() for location in merchant.locations.all()), merchant
    assert Location.objects.values("district").distinct().count() == 11
    assert not Organization.objects.listed().filter(listed_at=None).exists()
    assert Organization.objects.filter(is_chain=True, locations__isnull=False).distinct().count() >= 5
    statuses = set(Organization.objects.values_list("listing_status", flat=True))
    assert statuses == {
        ListingStatus.ACTIVE,
        ListingStatus.UNLISTED,
        ListingStatus.SUSPENDED,
        ListingStatus.EXPIRED,
    }


def test_each_demo_account_signs_in_with_the_demo_password_and_holds_its_role(demo):
    output = demo

    for account in DEMO_ACCOUNTS:
        user = authenticate(username=account.username, password=DEMO_PASSWORD)
        assert user is not None, account.username
        assert user.has_role(account.role)
        assert any(line.split()[:2] == [account.username, DEMO_PASSWORD] for line in output.splitlines())
    assert authenticate(username="resident", password="wrong-password") is None
    assert User.objects.get(username="admin").is_superuser
    assert not User.objects.get(username="merchant").is_bureau_staff


def test_the_demo_merchant_runs_a_listed_business_and_applications_at_every_stage(demo):
    merchant = User.objects.get(username="merchant")
    assert merchant.has_role(Role.MERCHANT)
    assert merchant.organizations.filter(listing_status=ListingStatus.ACTIVE).exists()
    applications = Application.objects.filter(applicant=merchant)
    # Every state but a resubmission, which is a submission again.
    assert set(applications.values_list("state", flat=True)) == {
        state.value for state in ApplicationState if state != ApplicationState.RESUBMITTED
    }
    assert applications.filter(kind=ApplicationKind.CHANGE).exists()
    on_notice = applications.filter(state=ApplicationState.PUBLIC_NOTICE)
    assert on_notice.filter(objections__answered_at__isnull=True).exists()
    assert applications.get(state=ApplicationState.NEEDS_INFORMATION).information_requests.get().corrections["outlets"]


def test_every_listed_demo_merchant_has_a_licence_on_record(demo):
    listed = Organization.objects.exclude(listing_status=ListingStatus.UNLISTED)
    assert not listed.filter(licences__isnull=True).exists()


def test_an_approver_can_approve_the_demo_application_whose_notice_has_ended(demo):
    approver = User.objects.get(username="approver")
    ready = [
        application
        for application in Application.objects.filter(state=ApplicationState.PUBLIC_NOTICE)
        if not approval_blockers(application)
    ]
    assert ready

    approve_application(ready[0], approver)

    ready[0].organization.refresh_from_db()
    assert ready[0].organization.listing_status == ListingStatus.ACTIVE
    assert ready[0].documents.filter(kind="approval").exists()


def test_running_it_twice_changes_nothing(demo):
    before = counts()

    output = load_demo()

    assert counts() == before
    step_lines = [line for line in output.splitlines() if " created (" in line]
    assert len(step_lines) == len(STEPS) and all(": 0 created" in line for line in step_lines)


def test_a_password_the_user_changed_survives_a_reload(demo):
    resident = User.objects.get(username="resident")
    resident.set_password("my-own-secret-2026")
    resident.save()

    load_demo()

    assert authenticate(username="resident", password=DEMO_PASSWORD) is None
    assert authenticate(username="resident", password="my-own-secret-2026") is not None


def test_the_chinese_home_page_is_the_site_root_and_has_a_published_english_translation(demo):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.locale.language_code == "zh-hans"
    assert home.live and home.headline == "找得到、信得过的社区服务"
    english = home.get_translation(home.locale.__class__.objects.get(language_code="en"))
    assert english.live and english.specific.headline.startswith("Community services")
    assert not Page.objects.filter(depth=2).exact_type(Page).exists(), "Wagtail's welcome page is still there"
    assert Revision.page_revisions.filter(object_id=str(home.pk)).exists()


def test_the_policy_page_has_its_six_numbered_sections_and_an_english_summary(demo):
    policy = PolicyPage.objects.get(title="国务院关于加强和改进社区服务工作的意见")
    headings = [block.value["heading"] for block in policy.body]
    assert [heading.split("、")[0] for heading in headings] == ["一", "二", "三", "四", "五", "六"]
    assert "连锁经营" in str(policy.body)
    assert (policy.document_number, str(policy.date_issued), policy.status) == (
        "国发〔2006〕14号",
        "2006-04-09",
        "in_force",
    )

    summary = policy.get_translations().get().specific
    assert summary.locale.language_code == "en"
    assert "not an official translation" in summary.introduction
    assert len(list(summary.body)) == 6


def test_parse_policy_splits_sections_and_keeps_the_preamble_apart():
    document = parse_policy("标题\n新华网北京5月7日电\n各省：\n前言。\n一、第一部分\n甲。\n乙。\n二、第二部分\n丙。\n")

    assert document.preamble == ("前言。",)
    assert [(section.heading, section.paragraphs) for section in document.sections] == [
        ("一、第一部分", ("甲。", "乙。")),
        ("二、第二部分", ("丙。",)),
    ]


def test_parse_policy_refuses_a_text_without_a_body():
    with pytest.raises(ValueError, match="needs a title"):
        parse_policy("标题\n")


def test_the_demo_register_is_searchable_at_once(demo, settings):
    settings.ELASTICSEARCH_URL = ""

    assert MerchantSearchEntry.objects.count() == Organization.objects.listed().count()
    assert search_merchants(SearchQuery(text="家政")).total > 0
    assert search_merchants(SearchQuery(text="jz")).total > 0


def test_the_demo_resident_is_a_verified_laid_off_worker_who_has_saved_at_the_demo_merchant(demo):
    resident = User.objects.get(username="resident")

    assert Eligibility.objects.get(resident=resident).group.code == "registered-unemployed"
    redemptions = Redemption.objects.filter(resident=resident)
    assert redemptions.count() == 2
    assert {redemption.offer.organization.owner.username for redemption in redemptions} == {"merchant"}
    assert total_saving() == sum(redemption.saving for redemption in redemptions)
    assert Offer.objects.live(redemptions[0].redeemed_at.date()).count() > 10


def test_what_a_test_writes_is_gone_for_the_next_one(demo):
    """Runs after the test that changed the resident's password: the shared demo is as loaded."""
    assert authenticate(username="resident", password=DEMO_PASSWORD) is not None
