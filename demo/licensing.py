"""The licensing side of the demo: the holiday calendar from its package, a licence for every merchant on the
register, and applications of the demo `merchant` account at every stage of the workflow, each moved there by
the real services at the dates it would have happened, so that clocks, documents and timelines are true:
draft, submitted, awaiting 补正 (an outlet's address named for correction), accepted, under review, on notice
with an unanswered objection, notice ended and ready to approve, approved, rejected, not accepted, withdrawn,
and a change application (a new outlet) of the listed merchant.

Sign in as `approver` and open the "notice ended" application in the review queue to approve one end to end.
"""

import datetime
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from demo.merchants import MerchantGenerator
from market import clock_source
from market.accounts.models import User
from market.licensing.calendar import CalendarMissing
from market.licensing.changes import outlet_data
from market.licensing.holidays import refresh_from_package
from market.licensing.models import Application, Licence, LicenceType
from market.licensing.services.decisions import approve_application, reject_application
from market.licensing.services.drafts import start_change_application
from market.licensing.services.workflow import (
    accept_application,
    answer_objection,
    recommend_approval,
    record_decision_publication,
    record_objection,
    refuse_to_accept,
    request_information,
    start_review,
    submit_application,
    withdraw_application,
)
from market.places.models import District
from market.private_storage import private_storage
from market.registry.models import Category, ListingStatus, Location, Organization
from market.registry.profile import replace_weekly_hours

SHANGHAI = ZoneInfo("Asia/Shanghai")
SEED = 20261115
DEMO_LICENCE_FILE = "licences/demo/licence.pdf"
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MARKET_REGULATOR = "南京市市场监督管理局"
STREETS = ["中山路", "龙蟠路", "汉中路", "江东北路"]
OPENS, CLOSES = datetime.time(8, 30), datetime.time(19, 0)
REJECTION_REASONS = "经营场所位于住宅楼内，不符合《南京市社区商业网点设置规范》的要求。"

# (stage, legal name, trade name, category, district code, sub-district)
STAGES = [
    ("draft", "南京巧手缝补服务部", "巧手缝补", "laundry", "320104", None),
    ("submitted", "南京安居开锁服务有限公司", "安居开锁", "locksmith", "320106", None),
    ("needs_information", "南京清风洗衣店", "清风洗衣", "laundry", "320106", None),
    ("accepted", "南京利民再生资源回收站", "利民回收", "recycling", "320105", None),
    ("under_review", "南京福寿养老服务中心", "福寿养老", "elderly-care", "320102", None),
    ("public_notice_objection", "南京邻里洁家政服务有限公司", "邻里洁家政", "cleaning", "320102", None),
    ("notice_ended", "南京街坊早餐店", "街坊早餐", "community-canteen", "320104", None),
    ("approved", "南京便民水电维修部", "便民水电", "plumbing-electrics", "320113", None),
    ("rejected", "南京速达手机维修店", "速达手机", "phone-computer-repair", "320111", None),
    ("not_accepted", "南京鑫源投资咨询有限公司", "鑫源咨询", "agency", "320115", None),
    ("withdrawn", "南京好邻居便利店", "好邻居便利", "convenience-store", "320114", None),
]


def load_licensing() -> int:
    refresh_from_package()
    created = load_register_licences()
    try:
        created += load_applications()
    except CalendarMissing as missing:
        print(f"Skipped the demo applications: {missing}")
    return created


def _demo_file() -> str:
    storage = private_storage()
    if not storage.exists(DEMO_LICENCE_FILE):
        storage.save(DEMO_LICENCE_FILE, ContentFile(DEMO_PDF))
    return DEMO_LICENCE_FILE


def _required_types(organization) -> list[LicenceType]:
    return list(LicenceType.objects.filter(required_for_categories__organizations=organization).distinct())


def load_register_licences() -> int:
    """A licence on record for every merchant the register has listed (expired ones lapsed at their expiry)."""
    listed = Organization.objects.exclude(listing_status=ListingStatus.UNLISTED).filter(licences__isnull=True)
    required = {}
    for licence_type in LicenceType.objects.prefetch_related("required_for_categories"):
        for category in licence_type.required_for_categories.all():
            required.setdefault(category.pk, set()).add(licence_type)
    name = _demo_file()
    rng = random.Random(SEED)
    licences = []
    for organization in listed.prefetch_related("categories"):
        types = {t for category in organization.categories.all() for t in required.get(category.pk, ())}
        listed_on = timezone.localdate(organization.listed_at) if organization.listed_at else datetime.date(2024, 1, 2)
        for licence_type in sorted(types, key=lambda item: item.code):
            expired = organization.listing_status == ListingStatus.EXPIRED
            valid_to = (
                datetime.date(2026, rng.randint(1, 9), rng.randint(1, 28))
                if expired
                else None
                if licence_type.code == "business-licence"
                else listed_on.replace(year=listed_on.year + 5)
            )
            licences.append(
                Licence(
                    organization=organization,
                    licence_type=licence_type,
                    number=f"{organization.unified_social_credit_code[-8:]}-{licence_type.code[:4].upper()}",
                    issuing_authority=MARKET_REGULATOR,
                    valid_from=listed_on - datetime.timedelta(days=90),
                    valid_to=valid_to,
                    file=name,
                )
            )
    Licence.objects.bulk_create(licences)
    return len(licences)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), SHANGHAI)


class Stager:
    """Moves one application through the workflow, the clock set to each act's day."""

    def __init__(self, today: datetime.date):
        self.today = today
        people = {
            user.username: user
            for user in User.objects.filter(username__in=["merchant", "reviewer", "approver", "resident"])
        }
        self.merchant, self.reviewer = people["merchant"], people["reviewer"]
        self.approver, self.resident = people["approver"], people["resident"]

    def on(self, days_ago: int):
        return clock_source.fixed_at(_at(self.today - datetime.timedelta(days=days_ago)))


def _organization(generator, legal_name, trade_name, category_code, district_code, owner):
    organization = Organization.objects.filter(name=legal_name).first()
    if organization is not None:
        return organization, False
    district = District.objects.get(code=district_code)
    subdistrict = district.subdistricts.order_by("pk").first()
    category = Category.objects.get(code=category_code)
    organization = Organization.objects.create(
        name=legal_name,
        alternate_name=trade_name,
        unified_social_credit_code=generator.credit_code("92", district_code),
        legal_representative=generator.person(),
        phone=generator.mobile(),
        email="merchant@linli.example.cn",
        owner=owner,
        listing_status=ListingStatus.UNLISTED,
    )
    organization.categories.set([category, *([category.parent] if category.parent_id else [])])
    outlet = Location.objects.create(
        organization=organization,
        name=trade_name,
        address_1=f"{generator.rng.choice(STREETS)}{generator.rng.randint(1, 300)}号",
        district=district,
        subdistrict=subdistrict,
        community=subdistrict.communities.first(),
        latitude=Decimal("32.05") + Decimal(generator.rng.randint(0, 400)) / 10000,
        longitude=Decimal("118.78") + Decimal(generator.rng.randint(0, 400)) / 10000,
        phone=generator.landline(),
    )
    replace_weekly_hours(outlet, [(weekday, OPENS, CLOSES) for weekday in range(1, 7)])
    return organization, True


def _draft(organization, owner) -> Application:
    application = Application.objects.filter(organization=organization).first() or Application.objects.create(
        applicant=owner, organization=organization
    )
    name = _demo_file()
    for licence_type in _required_types(organization):
        if not application.licences.filter(licence_type=licence_type).exists():
            Licence.objects.create(
                organization=organization,
                application=application,
                licence_type=licence_type,
                number=f"{organization.unified_social_credit_code[-8:]}-{licence_type.code[:4].upper()}",
                issuing_authority=MARKET_REGULATOR,
                valid_from=datetime.date(2025, 6, 1),
                file=name,
            )
    return application


def load_applications() -> int:
    today = clock_source.today()
    stager = Stager(today)
    generator = MerchantGenerator(random.Random(SEED))
    created = 0
    for stage, legal_name, trade_name, category_code, district_code, _sub in STAGES:
        organization, is_new = _organization(
            generator, legal_name, trade_name, category_code, district_code, stager.merchant
        )
        if stage == "public_notice_objection":
            _object_to_the_live_notice(stager, organization)
            continue
        if not is_new:
            continue
        application = _draft(organization, stager.merchant)
        _move_to(stage, application, stager)
        created += 1
    created += _change_application(stager)
    return created


def _move_to(stage, application, s: Stager):
    if stage == "draft":
        return
    with s.on(16):
        submit_application(application, s.merchant)
    if stage == "submitted":
        return
    if stage == "needs_information":
        outlet = application.organization.locations.first()
        with s.on(15):
            request_information(
                application,
                s.reviewer,
                ["店面租赁合同（租期须覆盖登记有效期）"],
                "请核对服务网点所在街道和门牌号，与营业执照登记地址一致。",
                {"fields": [], "outlets": [outlet.pk], "licences": []},
            )
        return
    if stage == "not_accepted":
        with s.on(15):
            refuse_to_accept(
                application, s.reviewer, "投资咨询不属于社区服务商户登记的范围，请向市场监督管理部门咨询。"
            )
        return
    if stage == "withdrawn":
        with s.on(15):
            withdraw_application(application, s.merchant, "门店转让，暂不经营。")
        return
    with s.on(15):
        accept_application(application, s.reviewer)
    if stage == "accepted":
        return
    with s.on(14):
        start_review(application, s.reviewer)
    if stage == "under_review":
        return
    if stage == "rejected":
        with s.on(12):
            reject_application(
                application, s.approver, "经营场所位于住宅楼内，不符合《南京市社区商业网点设置规范》的要求。"
            )
        return
    with s.on(14):
        recommend_approval(application, s.reviewer, "材料齐全，经营场所已现场核实。")
    if stage == "notice_ended":
        return
    with s.on(5):
        approve_application(application, s.approver, "符合登记条件。")
    if stage == "approved":
        with s.on(3):
            record_decision_publication(application, s.reviewer)


def _object_to_the_live_notice(s: Stager, organization):
    """The pages' live notice (邻里洁家政) gets an objection nobody has answered yet, and an answered one."""
    application = Application.objects.filter(organization=organization, state="public_notice").first()
    if application is None or application.objections.exists():
        return
    answered = record_objection(application, s.resident, "该公司在梅园新村的门店经常占用人行道堆放清洁工具。")
    answer_objection(answered, s.reviewer, "已现场核实，门店已整改，工具移入店内。")
    record_objection(application, s.resident, "希望核实该公司员工是否持有健康证。")


def _change_application(s: Stager) -> int:
    """The listed 王师傅家电维修 asks to open a second outlet: submitted and accepted, on the change clocks."""
    organization = Organization.objects.filter(name="玄武区王师傅家电维修部").first()
    if organization is None or organization.applications.filter(kind="change").exists():
        return 0
    template = organization.locations.first()
    outlet = Location(
        organization=organization,
        name="王师傅家电维修（龙蟠路店）",
        address_1="龙蟠路88号",
        district=template.district,
        subdistrict=template.subdistrict,
        community=template.community,
        latitude=template.latitude + Decimal("0.004"),
        longitude=template.longitude + Decimal("0.003"),
        phone=template.phone,
    )
    with s.on(8):
        application = start_change_application(s.merchant, organization, {"new_outlets": [outlet_data(outlet)]})
        submit_application(application, s.merchant)
    with s.on(7):
        accept_application(application, s.reviewer)
        start_review(application, s.reviewer)
    return 1
