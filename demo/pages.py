"""Wagtail's side of the demo: the locales, the home pages, the site and what is under it: the policy library,
service guides, news, a live public notice, and the navigation and footer.

Every page is published through a revision by the demo administrator (the editor role may edit but not
publish), so the page history is real.
"""

import datetime

from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils.html import escape
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from cms.models import (
    Footer,
    FooterLink,
    HomePage,
    MainMenu,
    MainMenuLink,
    NewsArticlePage,
    NewsIndexPage,
    NoticeIndexPage,
    PolicyIndexPage,
    PolicyPage,
    ServiceGuidePage,
    StandardPage,
)
from demo.policy import DOCUMENT_NUMBER, ISSUED_DATE, ISSUING_BODY, english_summary, state_council_2006
from market.accounts.models import User
from market.licensing.models import Application, Licence, LicenceType
from market.licensing.services.workflow import accept_application, recommend_approval, start_review, submit_application
from market.registry.models import Category, Organization

SITE_HOSTNAME = "127.0.0.1"
SITE_PORT = 8000


def load_pages() -> int:
    """Create the pages that are missing; returns how many were created."""
    chinese, english = _locales()
    publisher = User.objects.filter(username="admin").first()
    created = 0

    home = HomePage.objects.filter(locale=chinese).first()
    if home is None:
        home = _create_chinese_home(chinese, publisher)
        _point_default_site_at(home)
        created += 1

    english_home = home.get_translation_or_none(english)
    if english_home is None:
        english_home = home.copy_for_translation(english)
        english_home.title = "Linli community services"
        english_home.headline = "Community services you can find and trust"
        english_home.introduction = (
            "Linli is the Nanjing commerce bureau's platform for neighbourhood services. Find listed "
            "shops, markets, canteens, housekeeping, repair, laundry and elderly care near you, with "
            "their hours and where they are; apply for discounts you are eligible for; rate and complain. "
            "Merchants apply for listing online, in one place."
        )
        _publish(english_home, publisher)
        created += 1

    load_licence_types()
    site = DemoSite(home, english, publisher)
    created += site.load()
    return created


def _locales() -> tuple[Locale, Locale]:
    chinese, _ = Locale.objects.get_or_create(language_code="zh-hans")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return chinese, english


def _create_chinese_home(chinese: Locale, publisher: User | None) -> HomePage:
    root = Page.get_first_root_node()
    welcome_pages = root.get_children().exact_type(Page)
    # Wagtail's "Welcome" page holds the default site; the site moves to the root while that page goes.
    Site.objects.filter(root_page__in=welcome_pages).update(root_page=root)
    for page in welcome_pages:
        page.delete()
    home = HomePage(
        title="邻里社区服务",
        slug="home",
        locale=chinese,
        live=False,
        headline="找得到、信得过的社区服务",
        introduction=(
            "邻里是南京市商务局的社区服务平台：在这里查找登记在册的超市、菜场、社区食堂、家政、维修、洗衣和养老服务，"
            "看营业时间和位置，申请优惠资格，评价和投诉。商户在网上一站式申请登记。"
        ),
    )
    root.add_child(instance=home)
    _publish(home, publisher)
    return home


def _point_default_site_at(home: HomePage) -> None:
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = SITE_HOSTNAME, SITE_PORT, home, "邻里"
    site.save()


def _paragraph(text: str) -> RichText:
    return RichText(f"<p>{escape(text)}</p>")


def _publish(page: Page, publisher: User | None) -> None:
    page.save_revision(user=publisher, log_action=True).publish(user=publisher)


# ---------------------------------------------------------------- what is under the home pages


class DemoSite:
    """The sections under the home pages, each in Chinese with its English translation beside it."""

    def __init__(self, home: HomePage, english: Locale, publisher: User | None):
        self.home, self.english, self.publisher = home, english, publisher
        self.created = 0

    def load(self) -> int:
        policy_index = self.child(
            self.home, PolicyIndexPage, "policy",
            {"title": "政策文件", "introduction": "商务局社区商业工作依据的政策文件。"},
            {"title": "Policy", "introduction": "The policy documents behind the bureau's community commerce work."},
        )
        self.policy(policy_index)
        guides = self.child(
            self.home, StandardPage, "guides",
            {"title": "办事指南", "introduction": "各类社区服务商户如何申请登记：需要哪些证照、收费多少、怎么办。"},
            {"title": "How to apply", "introduction": "How each kind of community business applies to be listed: "
             "which licences it needs, what it costs and the steps."},
        )
        for category in Category.objects.filter(parent=None):
            self.guide(guides, category)
        notices = self.child(
            self.home, NoticeIndexPage, "notices",
            {
                "title": "公示",
                "introduction": "商务局拟批准登记的申请在此公示。公示期内，任何人都可以提出异议，"
                "每条异议都会在决定前得到答复。",
            },
            {"title": "Public notices", "introduction": "Applications the bureau intends to approve are shown here. "
             "Anyone may object during the notice period; every objection is answered before the decision."},
        )
        news = self.child(
            self.home, NewsIndexPage, "news",
            {"title": "新闻动态", "introduction": "商务局社区商业工作的最新消息。"},
            {"title": "News", "introduction": "News of the bureau's community commerce work."},
        )
        for number, (chinese, english) in enumerate(NEWS, start=1):
            self.child(news, NewsArticlePage, f"news-{number}", chinese, english)
        self.menus([policy_index, guides, notices, news])
        self.notice()
        return self.created

    def child(self, parent, model, slug, chinese: dict, english: dict):
        """The Chinese page under `parent` (created if missing) and its English translation."""
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is None:
            page = model(slug=slug, live=False)
            for field, value in chinese.items():
                setattr(page, field, value)
            parent.add_child(instance=page)
            _publish(page, self.publisher)
            self.created += 1
        if page.get_translation_or_none(self.english) is None:
            translation = page.copy_for_translation(self.english)
            for field, value in english.items():
                setattr(translation, field, value)
            _publish(translation, self.publisher)
            self.created += 1
        return page

    def policy(self, index: PolicyIndexPage) -> None:
        document = state_council_2006()
        summary = english_summary()
        preamble = "".join(f"<p>{escape(text)}</p>" for text in (document.addressees, *document.preamble))
        common = {
            "issuing_body": ISSUING_BODY,
            "document_number": DOCUMENT_NUMBER,
            "date_issued": ISSUED_DATE,
            "related_categories": list(Category.objects.filter(parent=None)),
        }
        self.child(
            index, PolicyPage, POLICY_SLUG,
            {
                **common,
                "title": document.title,
                "introduction": f"国务院{ISSUED_DATE:%Y年%-m月%-d日}印发，{DOCUMENT_NUMBER}。"
                f"正文据{document.dateline}的文本整理。",
                "preamble": preamble,
                "body": [("section", _section(section.heading, section.paragraphs)) for section in document.sections],
            },
            {
                **common,
                "title": summary["title"],
                "introduction": summary["introduction"],
                "preamble": "",
                "body": [
                    ("section", _section(section["heading"], section["paragraphs"])) for section in summary["sections"]
                ],
            },
        )

    def guide(self, guides: StandardPage, category: Category) -> None:
        steps_zh = [
            ("heading", "申请步骤"),
            ("paragraph", _paragraph_list([
                "注册商户账号，在“我的申请”中填写营业主体和服务网点。",
                "上传下表所列证照的扫描件，一次提交。",
                "商务局在5个工作日内受理或一次性告知需补正的材料，受理后20个工作日内作出决定。",
                "拟批准的申请公示5个工作日，公示期满无异议或异议已答复的，予以登记。",
            ])),
        ]
        steps_en = [
            ("heading", "Steps"),
            ("paragraph", _paragraph_list([
                "Create a merchant account and enter your business and outlets under “My applications”.",
                "Upload scans of the licences in the table above, all at once.",
                "The bureau accepts within 5 working days or asks for everything missing at once, and decides "
                "within 20 working days of acceptance.",
                "An application it means to approve is on public notice for 5 working days; once any "
                "objection is answered, the merchant is listed.",
            ])),
        ]
        self.child(
            guides, ServiceGuidePage, f"guide-{category.code}",
            {"title": f"{category.name}类商户登记指南", "category": category, "introduction": category.description,
             "body": steps_zh},
            {"title": f"How to list a business: {category.name_en or category.name}", "category": category,
             "introduction": f"For {(category.name_en or category.name).lower()} businesses.", "body": steps_en},
        )

    def menus(self, sections: list[Page]) -> None:
        if MainMenu.objects.exists():
            return
        chinese_menu = MainMenu(name="主导航", locale=self.home.locale)
        chinese_menu.links = [MainMenuLink(page=page, sort_order=order) for order, page in enumerate(sections)]
        chinese_menu.save()
        english_menu = MainMenu(
            name="Main navigation", locale=self.english, translation_key=chinese_menu.translation_key
        )
        english_menu.links = [MainMenuLink(page=page, sort_order=order) for order, page in enumerate(sections)]
        english_menu.save()
        for locale, texts in ((self.home.locale, FOOTER_ZH), (self.english, FOOTER_EN)):
            footer = Footer(locale=locale, **texts)
            footer.links = [FooterLink(page=page, sort_order=order) for order, page in enumerate(sections[:2])]
            footer.save()
        self.created += 4

    def notice(self) -> None:
        """The demo merchant's unlisted housekeeping business goes on public notice through the real acts;
        the notice page appears when the transaction commits (cms.receivers).
        """
        organization = Organization.objects.filter(name=APPLYING_MERCHANT).first()
        if organization is None or Application.objects.filter(organization=organization).exists():
            return
        people = {user.username: user for user in User.objects.filter(username__in=["merchant", "reviewer"])}
        application = Application.objects.create(applicant=organization.owner, organization=organization)
        required = LicenceType.objects.filter(required_for_categories__organizations=organization).distinct()
        for licence_type in required:
            Licence.objects.create(
                organization=organization,
                application=application,
                licence_type=licence_type,
                number=f"{organization.unified_social_credit_code}-{licence_type.code}",
                issuing_authority="南京市玄武区市场监督管理局",
                valid_from=datetime.date(2025, 1, 1),
                file=ContentFile(DEMO_PDF, name="licence.pdf"),
            )
        submit_application(application, people["merchant"])
        accept_application(application, people["reviewer"])
        start_review(application, people["reviewer"])
        recommend_approval(application, people["reviewer"], "材料齐全，经营场所已核实。")
        self.created += 1


def load_licence_types() -> None:
    """The licences the bureau asks for, until the licensing demo brings its own (matched by code)."""
    top_level = {category.code: category for category in Category.objects.filter(parent=None)}
    for code, name, name_en, authority, categories, basis in LICENCE_TYPES:
        licence_type, _ = LicenceType.objects.get_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "issuing_authority": authority, "legal_basis": basis},
        )
        chosen = [top_level[item] for item in categories if item in top_level] if categories else top_level.values()
        parents = [category.pk for category in chosen]
        licence_type.required_for_categories.add(
            *Category.objects.filter(Q(pk__in=parents) | Q(parent__in=parents))
        )


def _section(heading: str, paragraphs) -> dict:
    return {"heading": heading, "content": RichText("".join(f"<p>{escape(text)}</p>" for text in paragraphs))}


def _paragraph_list(items: list[str]) -> RichText:
    return RichText("<ol>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ol>")


POLICY_SLUG = "state-council-2006-community-services"
APPLYING_MERCHANT = "南京邻里洁家政服务有限公司"
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LICENCE_TYPES = (
    ("business-licence", "营业执照", "Business licence", "市场监督管理局", (),
     "《中华人民共和国市场主体登记管理条例》"),
    ("food-business", "食品经营许可证", "Food business permit", "市场监督管理局", ("catering",),
     "《中华人民共和国食品安全法》第三十五条"),
    ("recycling-filing", "再生资源回收经营者备案", "Recycling operator registration", "商务主管部门",
     ("recycling",), "《再生资源回收管理办法》第七条"),
)
NEWS = (
    (
        {"title": "邻里平台上线：社区服务商户一站式登记", "date": datetime.date(2026, 3, 2),
         "summary": "商务局社区服务平台“邻里”今天上线，商户可在网上一站式申请登记，居民可查询登记在册的商户。",
         "body": [("paragraph", RichText(
             "<p>平台依据国发〔2006〕14号文件“简化审批手续”的要求建设，申请、受理、审查、公示和决定全程网上办理。</p>"
         ))]},
        {"title": "Linli opens: one-stop listing for community businesses", "date": datetime.date(2026, 3, 2),
         "summary": "The bureau's community services platform opens today: merchants apply online in one place, "
         "residents find listed merchants.",
         "body": [("paragraph", RichText("<p>Built on the 2006 State Council opinions' call to simplify approvals, "
                  "it takes applications from submission to public notice and decision online.</p>"))]},
    ),
    (
        {"title": "下岗失业人员创办的社区服务企业免收登记费用", "date": datetime.date(2026, 3, 16),
         "summary": "登记本身不收费；下岗失业人员创办的企业可在申请中勾选，享受有关扶持政策。",
         "body": [("paragraph", RichText("<p>依照《行政许可法》第五十八条，商户登记不收取任何费用。</p>"))]},
        {"title": "Businesses founded by laid-off workers: listing stays free", "date": datetime.date(2026, 3, 16),
         "summary": "Listing is free for everyone; businesses founded by laid-off workers can say so and receive "
         "the support the policy provides.",
         "body": [("paragraph", RichText("<p>Article 58 of the Administrative Licensing Law allows no fee "
                  "for listing.</p>"))]},
    ),
    (
        {"title": "社区居民优惠资格申请即将开放", "date": datetime.date(2026, 4, 1),
         "summary": "下岗失业人员、低保家庭、老年人、残疾人和优抚对象将可申请在登记商户处享受优惠。",
         "body": [("paragraph", RichText("<p>资格经审核后，居民持个人优惠码在商户处使用。</p>"))]},
        {"title": "Resident discounts open soon", "date": datetime.date(2026, 4, 1),
         "summary": "Laid-off workers, low-income households, older people, people with disabilities and "
         "servicemen's families will be able to apply for discounts at listed merchants.",
         "body": [("paragraph", RichText("<p>Once verified, residents show a personal benefit code at the "
                  "merchant.</p>"))]},
    ),
)
FOOTER_ZH = {
    "about": "邻里是商务局社区商业的一站式平台：一个账号办申请，一个地方找服务。",
    "contact": "<ul><li>政务服务热线：12345</li><li>邮箱：linli@commerce.example.cn</li>"
    "<li>办公时间：周一至周五 9:00–17:00</li></ul>",
    "legal": "© 南京市商务局 主办\n演示站点 ICP备00000000号",
}
FOOTER_EN = {
    "about": "Linli is the bureau's one-stop platform for community commerce: one account to apply, one place "
    "to search.",
    "contact": "<ul><li>Government service hotline: 12345</li><li>Email: linli@commerce.example.cn</li>"
    "<li>Office hours: Monday to Friday, 9:00–17:00</li></ul>",
    "legal": "© Nanjing Commerce Bureau, sponsor and operator\nDemonstration site, ICP filing 00000000",
}
