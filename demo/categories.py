"""The registry's categories: the policy's list of community services (section 5) and sub-categories."""

from dataclasses import dataclass, field

from market.registry.models import Category


@dataclass(frozen=True)
class CategorySeed:
    code: str
    name: str
    name_en: str
    description: str = ""
    children: tuple["CategorySeed", ...] = field(default=())


CATEGORIES = (
    CategorySeed(
        "shopping",
        "购物",
        "Shopping",
        "连锁超市、便利店、菜市场和生鲜店。",
        (
            CategorySeed("supermarket", "连锁超市", "Supermarket chains"),
            CategorySeed("convenience-store", "便利店", "Convenience stores"),
            CategorySeed("fresh-food", "菜市场/生鲜", "Fresh food markets"),
        ),
    ),
    CategorySeed(
        "catering",
        "餐饮",
        "Catering",
        "社区食堂、早餐点和家常餐馆。",
        (
            CategorySeed("community-canteen", "社区食堂/早餐", "Community canteens and breakfast"),
            CategorySeed("restaurant", "餐馆", "Restaurants"),
        ),
    ),
    CategorySeed(
        "housekeeping",
        "家政服务",
        "Housekeeping",
        "保洁、月嫂育儿和上门养老护理。",
        (
            CategorySeed("cleaning", "保洁", "Cleaning"),
            CategorySeed("childcare", "月嫂/育儿", "Maternity nurses and childcare"),
            CategorySeed("home-elder-care", "养老护理", "Elder care at home"),
        ),
    ),
    CategorySeed("laundry", "洗衣", "Laundry", "洗衣、干洗和织补。"),
    CategorySeed(
        "repair",
        "维修",
        "Repair",
        "家电、水电、开锁、手机电脑维修。",
        (
            CategorySeed("appliance-repair", "家电维修", "Household appliances"),
            CategorySeed("plumbing-electrics", "水电维修", "Plumbing and electrics"),
            CategorySeed("locksmith", "开锁", "Locksmiths"),
            CategorySeed("phone-computer-repair", "手机电脑", "Phones and computers"),
        ),
    ),
    CategorySeed("recycling", "再生资源回收", "Recycling", "废旧物资和再生资源回收（回收经营者须备案）。"),
    CategorySeed("agency", "中介", "Agencies", "房屋租售、家政和就业等中介服务。"),
    CategorySeed("elderly-care", "养老服务", "Elderly care", "社区居家养老服务中心、日间照料和助餐。"),
    CategorySeed(
        "medical",
        "医疗",
        "Clinics and pharmacies",
        "社区诊所和药店。",
        (
            CategorySeed("clinic", "社区诊所", "Community clinics"),
            CategorySeed("pharmacy", "药店", "Pharmacies"),
        ),
    ),
    CategorySeed("other", "其他", "Other", "理发、裁缝、照相打印等其他便民服务。"),
)


def load_categories() -> int:
    """Create missing categories by code; sub-categories share their parent's icon. Returns rows created."""
    existing = set(Category.objects.values_list("code", flat=True))
    parents = []
    for position, seed in enumerate(CATEGORIES, start=1):
        if seed.code not in existing:
            parents.append(_category(seed, sort_order=position * 10, icon=seed.code))
    Category.objects.bulk_create(parents)
    by_code = {category.code: category for category in Category.objects.filter(parent=None)}

    children = []
    for position, seed in enumerate(CATEGORIES, start=1):
        for child_position, child in enumerate(seed.children, start=1):
            if child.code not in existing:
                category = _category(child, sort_order=position * 10 + child_position, icon=seed.code)
                category.parent = by_code[seed.code]
                children.append(category)
    Category.objects.bulk_create(children)
    return len(parents) + len(children)


def _category(seed: CategorySeed, *, sort_order: int, icon: str) -> Category:
    return Category(
        code=seed.code,
        name=seed.name,
        name_en=seed.name_en,
        description=seed.description,
        icon=icon,
        sort_order=sort_order,
    )
