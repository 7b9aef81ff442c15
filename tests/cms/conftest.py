from dataclasses import dataclass

import pytest
from wagtail.models import Locale, Page, Site

from cms.models import HomePage, NewsIndexPage, NoticeIndexPage, PolicyIndexPage


@pytest.fixture
def home_pages(db):
    """The Chinese home page as the default site's root, and its English translation beside it."""
    chinese = Locale.objects.get_or_create(language_code="zh-hans")[0]
    english = Locale.objects.get_or_create(language_code="en")[0]
    home = Page.get_first_root_node().add_child(
        instance=HomePage(
            title="邻里",
            slug="linli",
            locale=chinese,
            headline="找得到、信得过的社区服务",
            introduction="商务局核实过证照的社区服务商户，一站查询。",
        )
    )
    translation = home.copy_for_translation(english)
    translation.headline = "Community services you can find and trust"
    translation.introduction = "Merchants whose licences the commerce bureau has checked, in one place."
    translation.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home, translation.specific


@dataclass
class Sections:
    """The notice, news and policy indexes under the Chinese home, each with its English translation."""

    notices: NoticeIndexPage
    news: NewsIndexPage
    policy: PolicyIndexPage


def add_translated_child(parent, page, english_title, english_slug, **english_fields):
    """Add `page` under `parent` and publish an English translation of it beside it."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    translation = page.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.title, translation.slug = english_title, english_slug
    for field, value in english_fields.items():
        setattr(translation, field, value)
    translation.save_revision().publish()
    return page


@pytest.fixture
def sections(home_pages):
    home, _ = home_pages
    return Sections(
        notices=add_translated_child(home, NoticeIndexPage(title="公示", slug="notices"), "Public notices", "notices"),
        news=add_translated_child(home, NewsIndexPage(title="新闻动态", slug="news"), "News", "news"),
        policy=add_translated_child(home, PolicyIndexPage(title="政策文件", slug="policy"), "Policy", "policy"),
    )
