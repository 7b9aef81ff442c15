"""Demo feedback: neighbours' ratings and reviews of listed merchants (so that averages show and search can sort by
them), the demo merchant's reply, a review waiting for a moderator and one reported, and complaints at each step:
one the demo merchant must answer, one answered and upheld (on its record), one nobody has taken and overdue.

Everything goes through the feedback services, so the averages, the audit trail and the emails are as in real use.
Safe to run again: each item is looked up by its author and outlet, or by its words, before it is made.
"""

import datetime
import random

from django.contrib.auth.models import Group

from market import clock_source
from market.accounts.models import User
from market.accounts.roles import Role
from market.feedback import services
from market.feedback.models import Complaint, ComplaintOutcome, Review
from market.registry.models import Location, Organization

SEED = 14
NEIGHBOURS = [
    ("neighbour1", "陈", "阿姨"),
    ("neighbour2", "刘", "师傅"),
    ("neighbour3", "孙", "先生"),
    ("neighbour4", "周", "女士"),
    ("neighbour5", "吴", "大爷"),
    ("neighbour6", "郑", "同学"),
]
REVIEWED_MERCHANTS = 40
OPENINGS = ["上周去了{outlet}，", "在{outlet}办过几次事，", "第一次来{outlet}，", "住在附近，常去{outlet}，"]
VERDICTS = {
    5: ["师傅很专业，价格和价目表一致，非常满意。", "服务热情周到，下次还来。"],
    4: ["总体不错，就是周末排队有点久。", "价格公道，环境干净，推荐。"],
    3: ["服务一般，能解决问题，但等的时间比较长。", "中规中矩，价格稍贵。"],
    2: ["约好的时间迟到了一个小时，也没有提前说。", "收费和说好的不一样，沟通费劲。"],
    1: ["东西没修好还收了上门费，很失望。", "态度很差，不会再来了。"],
}
WEIGHTS = [(5, 5), (4, 4), (3, 2), (2, 1), (1, 1)]

DEMO_COMPLAINT_TO_ANSWER = "上门检测说好二十五元，师傅到了以后收了五十元，说是夜间上门要加价，事先没有说明。"
DEMO_COMPLAINT_UPHELD = "优惠码出示后店员说今天不能用，但是优惠说明里写的是每天都可以使用，白白多付了钱。"
DEMO_COMPLAINT_UNASSIGNED = "店里的燃气热水器漏气，闻到很重的煤气味，跟店员说了也没人管，担心出事。"


def load_feedback() -> int:
    neighbours = _neighbours()
    resident = User.objects.filter(username="resident").first()
    shop = Organization.objects.listed().filter(owner__username="merchant").first()
    reviewer = User.objects.filter(username="reviewer").first()
    approver = User.objects.filter(username="approver").first()
    if not neighbours or shop is None or resident is None or reviewer is None or approver is None:
        return 0
    created = _reviews(neighbours, shop)
    created += _showcase_reviews(neighbours, resident, shop, reviewer)
    created += _complaints(resident, shop, reviewer, approver)
    return created


def _neighbours() -> list[User]:
    """Residents who only write reviews: they cannot sign in (no usable password)."""
    group = Group.objects.filter(name=Role.RESIDENT.value).first()
    if group is None:
        return []
    people = []
    for username, family_name, title in NEIGHBOURS:
        user, made = User.objects.get_or_create(
            username=username,
            defaults={"display_name": family_name + title, "email": f"{username}@linli.example.cn"},
        )
        if made:
            user.set_unusable_password()
            user.save()
            user.groups.add(group)
        people.append(user)
    return people


def _text(rng, outlet, rating) -> str:
    # The outlet's name in the words keeps every demo review unlike the others, as real ones are.
    return rng.choice(OPENINGS).format(outlet=outlet.name) + rng.choice(VERDICTS[rating])


def _review(author, outlet, rating, text) -> int:
    if Review.objects.live().filter(author=author, location=outlet).exists():
        return 0
    services.submit_review(author, outlet, rating, text)
    return 1


def _reviews(neighbours, shop) -> int:
    """One to four neighbours' reviews of the first listed merchants' first outlets."""
    rng = random.Random(SEED)
    ratings = [rating for rating, weight in WEIGHTS for _ in range(weight)]
    created = 0
    merchants = Organization.objects.listed().exclude(pk=shop.pk).order_by("pk")[:REVIEWED_MERCHANTS]
    for organization in merchants:
        outlet = Location.objects.filter(organization=organization).order_by("pk").first()
        if outlet is None:
            continue
        for author in rng.sample(neighbours, rng.randint(1, 4)):
            rating = rng.choice(ratings)
            created += _review(author, outlet, rating, _text(rng, outlet, rating))
    return created


def _showcase_reviews(neighbours, resident, shop, reviewer) -> int:
    """The demo merchant's shop: reviews to read and one to reply to; the demo resident's own review elsewhere;
    one review held by the checks and one reported, for the moderation queue."""
    outlet = shop.locations.order_by("pk").first()
    created = _review(neighbours[0], outlet, 5, "王师傅上门修好了用了十年的洗衣机，只收了材料费，很实在。")
    created += _review(neighbours[1], outlet, 4, "空调加氟很快，就是预约要提前两天。")
    created += _review(neighbours[2], outlet, 2, "约的上午十点，快十二点才到，电话也没打一个。")
    late = Review.objects.published().filter(author=neighbours[2], location=outlet).first()
    if late is not None and not hasattr(late, "reply"):
        services.reply_to_review(late, shop.owner, "非常抱歉让您久等，那天前一家的活拖了时间，以后一定提前打电话。")
        created += 1
    elsewhere = Location.objects.filter(organization__in=Organization.objects.listed().exclude(pk=shop.pk))
    elsewhere = elsewhere.order_by("pk").first()
    if elsewhere is not None:
        created += _review(resident, elsewhere, 4, "用优惠码洗了两件外套，打了九折，店员也很客气。")
        created += _review(neighbours[3], elsewhere, 5, "洗衣便宜，加微信 laundry666 还能领券")
        reported = Review.objects.published().filter(location=elsewhere).exclude(author=resident).first()
        if reported is not None and not reported.reports.exists():
            services.report_review(reported, None, "false", "我在这家店从没见过这种服务。")
            created += 1
    return created


def _complaint(description, **arguments) -> Complaint | None:
    if Complaint.objects.filter(description=description).exists():
        return None
    return services.file_complaint(description=description, **arguments)


def _complaints(resident, shop, reviewer, approver) -> int:
    created = 0
    outlet = shop.locations.order_by("pk").first()
    # Filed three working weeks ago against another merchant, answered and upheld.
    other = Organization.objects.listed().exclude(pk=shop.pk).order_by("pk").first()
    three_weeks_ago = clock_source.now() - datetime.timedelta(days=21)
    with clock_source.fixed_at(three_weeks_ago):
        upheld = _complaint(
            DEMO_COMPLAINT_UPHELD, organization=other, category="discount_refused", complainant=resident
        )
    if upheld is not None:
        with clock_source.fixed_at(three_weeks_ago + datetime.timedelta(days=1)):
            services.assign_complaint(upheld, approver, reviewer)
            services.ask_merchant_to_respond(
                upheld, reviewer, "有居民反映出示优惠码后被告知当天不能使用。请说明优惠的使用规则和当时的情况。", 5
            )
        if other.owner_id:
            with clock_source.fixed_at(three_weeks_ago + datetime.timedelta(days=3)):
                services.respond_to_complaint(upheld, other.owner, "店员误以为周末不能用，已经培训，并退还了差价。")
        with clock_source.fixed_at(three_weeks_ago + datetime.timedelta(days=6)):
            services.record_outcome(
                upheld,
                reviewer,
                ComplaintOutcome.UPHELD,
                "优惠说明写明每天可用，商户拒绝使用不当。商户已退还差价并培训店员；此次投诉计入商户记录。",
            )
        created += 1
    # Today: the demo resident's complaint about the demo merchant, put to the merchant to answer.
    to_answer = _complaint(
        DEMO_COMPLAINT_TO_ANSWER, organization=shop, location=outlet, category="price", complainant=resident
    )
    if to_answer is not None:
        services.assign_complaint(to_answer, approver, reviewer)
        services.ask_merchant_to_respond(
            to_answer, reviewer, "有居民反映上门检测收费高于价目表，且加价事先未说明。请说明收费依据和当时的情况。", 5
        )
        created += 1
    # A month ago, from a visitor who left a phone number: nobody has taken it and it is overdue.
    with clock_source.fixed_at(clock_source.now() - datetime.timedelta(days=30)):
        unassigned = _complaint(
            DEMO_COMPLAINT_UNASSIGNED,
            organization=other,
            category="safety",
            contact_name="李女士",
            contact_phone="13851709999",
        )
    created += unassigned is not None
    return created
