"""Demo flexible work: a dozen posts across categories and districts, some still in their priority window, with
applications in every state (sent, invited, hired, declined, withdrawn, ended by a take-down).

The demo merchant's repair shop (founded by a laid-off worker) has a post in its window with the demo resident
waiting for an answer; the demo resident (verified as registered unemployed) has an application in each state.
Posts are checked against the same rules as the merchant's form (`services.check_terms`). Rows are written
directly, not through the acts, so that loading the demo sends no emails; running it again changes nothing.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Count

from market import clock_source
from market.accounts.roles import Role
from market.discounts.models import Eligibility, EligibilityGroup
from market.jobs import services
from market.jobs.models import JobApplication, JobKind, JobPost, PayUnit
from market.registry.models import Category, Organization


@dataclass(frozen=True)
class DemoPost:
    category: str  # the merchant is the first listed one in this category (the demo merchant for "repair")
    title: str
    kind: str
    shifts: str
    hours_per_day: str
    days_per_week: int
    pay: str
    pay_unit: str
    published_hours_ago: int  # under 48: still in the priority window
    weeks: int
    places: int
    training: bool
    description: str


POSTS = [
    DemoPost("appliance-repair", "家电维修学徒（小时工）", JobKind.HOURLY, "周一至周五 9:00–13:00", "4", 5, "28.00",
             PayUnit.HOUR, 6, 12, 2, True, "跟随王师傅上门维修空调、洗衣机，递工具、做记录。不需要经验，包教包会。"),
    DemoPost("appliance-repair", "维修部前台接待（非全日制）", JobKind.PART_TIME, "周一、三、五 14:00–18:00", "4", 3,
             "25.00", PayUnit.HOUR, 24 * 10, 8, 1, True, "接听报修电话、登记上门时间、收款开票。"),
    DemoPost("supermarket", "早班理货员", JobKind.PART_TIME, "每天 6:30–10:30", "4", 6, "24.00", PayUnit.HOUR, 20, 16,
             3, True, "清晨卸货、补货、整理货架和临期商品。"),
    DemoPost("convenience-store", "便利店夜班收银（小时工）", JobKind.HOURLY, "周五、周六 22:00–次日2:00", "4", 2,
             "30.00", PayUnit.HOUR, 24 * 4, 10, 1, True, "收银、热食加工、店内清洁。夜班另有餐补。"),
    DemoPost("community-canteen", "社区食堂午餐帮厨", JobKind.PART_TIME, "周一至周五 10:30–13:30", "3", 5, "26.00",
             PayUnit.HOUR, 30, 20, 2, True, "洗菜切配、打饭、为行动不便的老人送餐上门。需持健康证（可协助办理）。"),
    DemoPost("community-canteen", "春节食堂临时工", JobKind.SEASONAL, "春节前后两周，每天 9:00–17:00", "8", 7,
             "220.00", PayUnit.DAY, 24 * 20, 3, 4, False, "春节期间老年助餐订单增多，帮厨、配送、清洁。"),
    DemoPost("cleaning", "小区保洁（非全日制）", JobKind.PART_TIME, "周一至周六 7:00–10:00", "3", 6, "25.00",
             PayUnit.HOUR, 24 * 6, 24, 2, True, "楼道、电梯和公共区域日常保洁，工具和工作服由公司提供。"),
    DemoPost("housekeeping", "钟点工（上门家务）", JobKind.HOURLY, "按预约，每次 2–4 小时", "4", 4, "35.00",
             PayUnit.HOUR, 12, 26, 5, True, "上门打扫、整理、做饭。按单结算，每月两次发放。"),
    DemoPost("laundry", "洗衣店熨烫工", JobKind.PART_TIME, "周二至周六 15:00–19:00", "4", 5, "24.50", PayUnit.HOUR,
             24 * 15, 12, 1, True, "衬衫、西装熨烫和叠装，店内培训三天后上岗。"),
    DemoPost("recycling", "回收站分拣员（短期）", JobKind.SEASONAL, "周一至周五 8:00–16:00", "7", 5, "190.00",
             PayUnit.DAY, 24 * 8, 6, 3, False, "纸板、塑料瓶分类打包，提供手套和口罩。"),
    DemoPost("home-elder-care", "助老陪伴员", JobKind.PART_TIME, "周一至周五 14:00–17:00", "3", 5, "30.00",
             PayUnit.HOUR, 40, 24, 2, True, "陪伴独居老人聊天、散步、提醒服药。上岗前参加两天护理培训。"),
    DemoPost("fresh-food", "菜场摊位帮工（周末）", JobKind.HOURLY, "周六、周日 6:00–10:00", "4", 2, "26.00",
             PayUnit.HOUR, 24 * 12, 8, 1, False, "帮助摆摊、称重、收款。"),
]
TAKEN_DOWN = "菜场摊位帮工（周末）"
TAKE_DOWN_REASON = "岗位未写明工作地点的具体摊位，且联系电话为个人手机，请按规定补充后重新发布。"

# (username, family name, given name, verified as registered unemployed)
JOB_SEEKERS = [
    ("jobseeker1", "刘", "秀英", True),
    ("jobseeker2", "陈", "桂兰", True),
    ("jobseeker3", "杨", "建华", False),
    ("jobseeker4", "赵", "玉梅", True),
    ("jobseeker5", "孙", "志刚", False),
]
# (post title, applicant username, state); "resident" is the demo account.
APPLICATIONS = [
    ("家电维修学徒（小时工）", "resident", "submitted"),
    ("家电维修学徒（小时工）", "jobseeker1", "submitted"),
    ("维修部前台接待（非全日制）", "jobseeker2", "hired"),
    ("维修部前台接待（非全日制）", "jobseeker3", "declined"),
    ("早班理货员", "resident", "invited"),
    ("早班理货员", "jobseeker4", "submitted"),
    ("便利店夜班收银（小时工）", "jobseeker3", "hired"),
    ("社区食堂午餐帮厨", "jobseeker1", "invited"),
    ("春节食堂临时工", "resident", "hired"),
    ("春节食堂临时工", "jobseeker5", "hired"),
    ("春节食堂临时工", "jobseeker2", "withdrawn"),
    ("小区保洁（非全日制）", "resident", "declined"),
    ("小区保洁（非全日制）", "jobseeker4", "hired"),
    ("洗衣店熨烫工", "resident", "withdrawn"),
    ("回收站分拣员（短期）", "jobseeker5", "invited"),
    ("菜场摊位帮工（周末）", "resident", "ended"),
]
DECLINE_MESSAGE = "感谢您的申请。这次我们录用了住得更近的应聘者，欢迎关注我们以后的岗位。"
INVITE_MESSAGE = "请本周四上午十点到店里面谈，带上身份证。"


def load_jobs() -> int:
    now = clock_source.now()
    created = _job_seekers(clock_source.today())
    posts = {}
    for spec in POSTS:
        post, made = _post(spec, now)
        if post is not None:
            posts[spec.title] = post
            created += made
    created += _applications(posts, now)
    return created


def _job_seekers(today) -> int:
    User = get_user_model()
    laid_off = EligibilityGroup.objects.get(code="registered-unemployed")
    created = 0
    for number, (username, family_name, given_name, verified) in enumerate(JOB_SEEKERS, start=10):
        person, made = User.objects.get_or_create(
            username=username,
            defaults={
                "last_name": family_name,
                "first_name": given_name,
                "display_name": family_name + given_name,
                "email": f"{username}@linli.example.cn",
                "phone": f"1385170{number:04d}",
            },
        )
        if made:
            person.set_unusable_password()  # someone who never signs in to the demo
            person.save()
            person.groups.add(_resident_group())
            created += 1
        if verified and not Eligibility.objects.filter(resident=person, group=laid_off).exists():
            Eligibility.objects.create(
                resident=person, group=laid_off, valid_from=today, valid_until=today.replace(year=today.year + 1)
            )
    return created


def _resident_group() -> Group:
    return Group.objects.get(name=Role.RESIDENT.value)


def _merchant(category_code: str) -> Organization | None:
    """The demo merchant's shop for repairs; otherwise the listed merchant with the fewest posts in the category."""
    listed = Organization.objects.listed().filter(locations__isnull=False).distinct()
    if category_code == "appliance-repair":
        own = listed.filter(owner__username="merchant").first()
        if own is not None:
            return own
    return (
        listed.filter(categories__code=category_code)
        .annotate(posts=Count("job_posts"))
        .order_by("posts", "pk")
        .first()
    )


def _post(spec: DemoPost, now) -> tuple[JobPost | None, int]:
    existing = JobPost.objects.filter(title=spec.title).first()
    if existing is not None:
        return existing, 0
    organization = _merchant(spec.category)
    if organization is None:
        return None, 0
    published_at = now - datetime.timedelta(hours=spec.published_hours_ago)
    taken_down = {}
    if spec.title == TAKEN_DOWN:
        taken_down = {
            "state": "taken_down",
            "taken_down_at": now - datetime.timedelta(days=1),
            "taken_down_by": get_user_model().objects.filter(username="reviewer").first(),
            "take_down_reason": TAKE_DOWN_REASON,
        }
    starts_on = (published_at + datetime.timedelta(days=1)).date()
    post = JobPost(
        organization=organization,
        location=organization.locations.select_related("district").first(),
        category=Category.objects.get(code=spec.category),
        title=spec.title,
        kind=spec.kind,
        shifts=spec.shifts,
        hours_per_day=Decimal(spec.hours_per_day),
        days_per_week=spec.days_per_week,
        pay_amount=Decimal(spec.pay),
        pay_unit=spec.pay_unit,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(weeks=spec.weeks),
        places=spec.places,
        description=spec.description,
        training_given=spec.training,
        published_by=organization.owner or _any_merchant_account(),
        published_at=published_at,
        priority_until=published_at + datetime.timedelta(hours=services.jobs_settings().priority_window_hours),
        **taken_down,
    )
    with clock_source.fixed_at(published_at):
        services.check_terms(post, today=clock_source.today(), new=True)
    post.save()
    return post, 1


def _any_merchant_account():
    return get_user_model().objects.get(username="merchant")


def _applications(posts: dict, now) -> int:
    User = get_user_model()
    usernames = ["resident", *(seeker[0] for seeker in JOB_SEEKERS)]
    people = {user.username: user for user in User.objects.filter(username__in=usernames)}
    created = 0
    for title, username, state in APPLICATIONS:
        post, person = posts.get(title), people.get(username)
        if post is None or person is None or JobApplication.objects.filter(post=post, resident=person).exists():
            continue
        applied_at = max(post.published_at + datetime.timedelta(hours=2), now - datetime.timedelta(days=3))
        applied_at = min(applied_at, now)
        later = min(applied_at + datetime.timedelta(days=1), now)
        JobApplication.objects.create(
            post=post,
            resident=person,
            full_name=person.get_full_name() or person.display_name,
            phone=person.phone or "13851700001",
            availability="工作日上午；周末全天" if state != "declined" else "工作日下午",
            experience="下岗前在纺织厂做过十年质检，做事细心。",
            priority_applicant=services.is_priority_resident(person),
            state=state,
            applied_at=applied_at,
            invited_at=later if state in ("invited", "hired") else None,
            hired_at=later if state == "hired" else None,
            declined_at=later if state == "declined" else None,
            withdrawn_at=later if state == "withdrawn" else None,
            merchant_message=INVITE_MESSAGE if state == "invited" else DECLINE_MESSAGE if state == "declined" else "",
        )
        created += 1
    return created
