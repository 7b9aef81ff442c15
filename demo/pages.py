"""Wagtail's side of the demo: the two locales, the home pages, the site, and the policy pages.

Every page is published through a revision by the demo administrator (the editor role may edit but not
publish), so the page history is real.
"""

from django.utils.html import escape
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from cms.models import HomePage, StandardPage
from demo.policy import DOCUMENT_NUMBER, ISSUED_ON, english_summary, state_council_2006
from market.accounts.models import User

POLICY_SLUG = "state-council-2006-community-services"
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

    policy = StandardPage.objects.child_of(home).filter(slug=POLICY_SLUG).first()
    if policy is None:
        policy = _create_chinese_policy_page(home, publisher)
        created += 1
    if policy.get_translation_or_none(english) is None:
        _create_english_policy_summary(policy, english, publisher)
        created += 1
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


def _create_chinese_policy_page(home: HomePage, publisher: User | None) -> StandardPage:
    document = state_council_2006()
    body = [("paragraph", _paragraph(document.addressees))]
    body += [("paragraph", _paragraph(text)) for text in document.preamble]
    for section in document.sections:
        body.append(("heading", section.heading))
        body += [("paragraph", _paragraph(text)) for text in section.paragraphs]
    page = StandardPage(
        title=document.title,
        slug=POLICY_SLUG,
        live=False,
        introduction=f"国务院{ISSUED_ON}印发，{DOCUMENT_NUMBER}。正文据{document.dateline}的文本整理。",
        body=body,
    )
    home.add_child(instance=page)
    _publish(page, publisher)
    return page


def _create_english_policy_summary(policy: StandardPage, english: Locale, publisher: User | None) -> None:
    summary = english_summary()
    page = policy.copy_for_translation(english)
    page.title = summary["title"]
    page.introduction = summary["introduction"]
    page.body = [
        block
        for section in summary["sections"]
        for block in [("heading", section["heading"])]
        + [("paragraph", _paragraph(text)) for text in section["paragraphs"]]
    ]
    _publish(page, publisher)


def _paragraph(text: str) -> RichText:
    return RichText(f"<p>{escape(text)}</p>")


def _publish(page: Page, publisher: User | None) -> None:
    page.save_revision(user=publisher, log_action=True).publish(user=publisher)
