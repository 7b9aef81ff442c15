"""Each page type in both languages, the home page's figures and its query count, and the site furniture."""

import datetime
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms.models import (
    Footer,
    MainMenu,
    MainMenuLink,
    NewsArticlePage,
    NoticePage,
    PolicyPage,
    ServiceGuidePage,
    StandardPage,
)
from cms.templatetags.page_sections import heading_anchor
from tests.cms.conftest import add_translated_child
from tests.discounts.factories import OfferFactory, group
from tests.factories import CategoryFactory, OrganizationFactory
from tests.licensing.factories import LicenceTypeFactory
from tests.page_structure import page_structure

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def policy_page(parent):
    return add_translated_child(
        parent,
        PolicyPage(
            title="国务院关于加强和改进社区服务工作的意见",
            slug="guofa-2006-14",
            issuing_body="国务院",
            document_number="国发〔2006〕14号",
            date_issued=datetime.date(2006, 4, 9),
            preamble="<p>各省、自治区、直辖市人民政府：</p>",
            body=[
                ("section", {"heading": "一、指导思想", "content": "<p>以人为本。</p>"}),
                ("section", {"heading": "五、发展社区商业", "content": "<p>鼓励连锁经营。</p>"}),
            ],
        ),
        "Community services (2006): a summary",
        "state-council-2006",
        body=[("section", {"heading": "1. Guiding ideas", "content": "<p>People first.</p>"})],
    )


def news_article(parent, number, date=datetime.date(2026, 3, 2)):
    return add_translated_child(
        parent,
        NewsArticlePage(title=f"新闻{number}", slug=f"news-{number}", date=date, summary=f"摘要{number}", body=[]),
        f"News {number}",
        f"news-{number}",
        summary=f"Summary {number}",
    )


def notice(parent, number):
    return add_translated_child(
        parent,
        NoticePage(
            title=f"公示{number}",
            slug=f"notice-{number}",
            merchant_name=f"邻里商户{number}",
            credit_code="91320100MA00000008",
            category_names="餐饮",
            outlet_addresses="邻里小馆: 玄武区 珠江路88号",
            notice_starts_on=datetime.date(2099, 3, 2),
            notice_ends_on=datetime.date(2099, 3, 9),
        ),
        f"Notice {number}",
        f"notice-{number}",
        merchant_name=f"Linli merchant {number}",
        category_names="Catering",
    )


def assert_renders_in_language(client, url, language, *texts):
    response = client.get(url)
    structure = page_structure(response)
    assert response.status_code == 200, url
    assert structure.html_lang == language
    assert structure.h1_count == 1
    for text in texts:
        assert text in response.text, (url, text)
    return response


def test_a_policy_page_has_its_document_details_contents_and_anchors_in_both_languages(client, sections):
    page = policy_page(sections.policy)

    chinese = assert_renders_in_language(
        client, "/policy/guofa-2006-14/", "zh-hans", "国发〔2006〕14号", "鼓励连锁经营"
    )
    assert_renders_in_language(client, "/en/policy/state-council-2006/", "en", "People first.", "In force")
    anchors = [heading_anchor(block) for block in page.body]
    assert anchors[0].startswith("一指导思想-")
    for anchor in anchors:
        assert f'href="#{anchor}"' in chinese.text and f'id="{anchor}"' in chinese.text
    index = assert_renders_in_language(client, "/en/policy/", "en", "Community services (2006): a summary")
    assert 'href="/en/policy/state-council-2006/"' in index.text


def test_news_index_and_article_render_in_both_languages(client, sections):
    news_article(sections.news, 1)

    assert_renders_in_language(client, "/news/", "zh-hans", "新闻1", "摘要1")
    assert_renders_in_language(client, "/en/news/", "en", "News 1", "Summary 1")
    assert_renders_in_language(client, "/en/news/news-1/", "en", "Summary 1")


def test_notice_index_and_notice_render_in_both_languages(client, sections):
    notice(sections.notices, 1)

    assert_renders_in_language(client, "/notices/", "zh-hans", "邻里商户1")
    assert_renders_in_language(client, "/en/notices/notice-1/", "en", "Linli merchant 1", "Catering", "珠江路88号")


def test_a_service_guide_lists_the_licences_and_fees_the_registry_holds(client, home_pages):
    home, _ = home_pages
    catering = CategoryFactory(code="catering", name="餐饮", name_en="Catering")
    canteen = CategoryFactory(code="canteen", name="社区食堂", name_en="Canteens", parent=catering)
    LicenceTypeFactory(code="food-business", name="食品经营许可证", name_en="Food business permit",
                       required_for_categories=[canteen])
    LicenceTypeFactory(code="recycling", name="回收备案", name_en="Recycling registration")
    add_translated_child(
        home,
        ServiceGuidePage(title="餐饮类登记指南", slug="guide-catering", category=catering),
        "How to list a catering business",
        "guide-catering",
    )

    chinese = assert_renders_in_language(client, "/guide-catering/", "zh-hans", "食品经营许可证")
    english = assert_renders_in_language(client, "/en/guide-catering/", "en", "Food business permit", "Free")
    assert "回收备案" not in chinese.text and "Recycling registration" not in english.text


def test_a_standard_page_lists_its_live_subpages(client, home_pages):
    home, _ = home_pages
    section = add_translated_child(home, StandardPage(title="办事指南", slug="guides"), "How to apply", "guides")
    add_translated_child(section, StandardPage(title="餐饮", slug="catering"), "Catering", "catering")

    assert_renders_in_language(client, "/en/guides/", "en", 'href="/en/guides/catering/"')


def test_the_home_page_lists_open_notices_and_news_with_live_figures(client, sections):
    notice(sections.notices, 1)
    news_article(sections.news, 1)
    OrganizationFactory()

    response = assert_renders_in_language(client, "/en/", "en", "Linli merchant 1", "News 1")

    assert 'href="/en/notices/notice-1/"' in response.text
    assert "<strong>¥0.00</strong> saved by eligible residents this month" in response.text
    assert "as soon as the benefit service opens" in response.text


def home_page_queries(client) -> int:
    client.get("/en/")  # warms Wagtail's per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/").status_code == 200
    return len(queries)


def test_the_home_page_query_count_does_not_grow_with_content(client, sections):
    for number in range(3):
        notice(sections.notices, number)
        news_article(sections.news, number)
    OfferFactory(groups=[group("elderly")])
    few = home_page_queries(client)

    # Four times as many, and more than the home page lists (five notices, three articles).
    for number in range(3, 12):
        notice(sections.notices, number)
        news_article(sections.news, number)
        OfferFactory(groups=[group("elderly"), group("disability")])

    # Warmed again: publishing pages clears the cached navigation (cms.receivers.pages_changed).
    assert home_page_queries(client) == few


def test_navigation_and_footer_come_from_the_editors_snippets_per_language(client, sections):
    chinese = Locale.objects.get(language_code="zh-hans")
    english = Locale.objects.get(language_code="en")
    menu = MainMenu(name="主导航", locale=chinese)
    menu.links = [MainMenuLink(page=sections.notices, sort_order=0), MainMenuLink(url="/merchants/", label="商户")]
    menu.save()
    Footer.objects.create(locale=english, about="The bureau's platform.", contact="<p>Hotline 12345</p>",
                          legal="Demo ICP 1")

    english_page = client.get("/en/").text
    chinese_page = client.get("/").text

    # English has no menu of its own: the Chinese links are followed into English.
    assert 'href="/en/notices/">Public notices</a>' in english_page
    assert 'href="/notices/">公示</a>' in chinese_page
    assert "商户" in chinese_page
    assert "Hotline 12345" in english_page and "Demo ICP 1" in english_page
    assert "Hotline 12345" not in chinese_page


def test_the_feeds_are_well_formed_and_list_notices_and_news_in_the_readers_language(client, sections):
    notice(sections.notices, 1)
    news_article(sections.news, 1)

    atom = ElementTree.fromstring(client.get("/en/feeds/atom.xml").content)
    rss = ElementTree.fromstring(client.get("/feeds/rss.xml").content)

    atom_links = sorted(entry.find(f"{ATOM}link").get("href") for entry in atom.iter(f"{ATOM}entry"))
    assert atom_links == ["http://testserver/en/news/news-1/", "http://testserver/en/notices/notice-1/"]
    assert sorted(item.findtext("title") for item in rss.iter("item")) == ["公示1", "新闻1"]


def test_the_sitemap_lists_every_page_in_both_languages(client, sections):
    news_article(sections.news, 1)

    # sitemap.xml is an index of sections (pages, merchants); the pages are in theirs.
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    sections = [urlsplit(location.text).path for location in index.iter(f"{SITEMAP}loc")]
    assert "/sitemap-pages.xml" in sections
    sitemap = ElementTree.fromstring(client.get("/sitemap-pages.xml").content)

    paths = [urlsplit(url.findtext(f"{SITEMAP}loc")).path for url in sitemap.iter(f"{SITEMAP}url")]
    assert {"/", "/en/", "/news/", "/en/news/", "/news/news-1/", "/en/news/news-1/"} <= set(paths)
    assert len(paths) == len(set(paths))
    alternates = sitemap.findall(f"{SITEMAP}url/{{http://www.w3.org/1999/xhtml}}link")
    assert {link.get("hreflang") for link in alternates} == {"zh-hans", "en"}


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.text
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


def test_page_search_finds_pages_in_the_readers_language_only(client, sections):
    news_article(sections.news, 7)

    english = client.get("/en/pages/search/", {"q": "Summary"})
    empty = client.get("/en/pages/search/", {"q": "nothing-matches-this"})

    assert 'href="/en/news/news-7/"' in english.text
    assert 'href="/news/news-7/"' not in english.text
    assert "No page matches" in empty.text
    assert page_structure(english).unlabelled_fields == []


def test_the_home_page_shows_live_offers_and_this_months_savings(client, sections):
    offer = OfferFactory(name="洗衣九折", groups=[group("registered-unemployed")])
    OfferFactory(name="过期优惠", valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2020, 12, 31))

    page = client.get("/").text

    assert "洗衣九折" in page
    assert f'href="/merchants/{offer.organization_id}/"' in page
    assert "过期优惠" not in page


def test_the_navigation_is_kept_until_an_editor_changes_it(client, sections):
    chinese = Locale.objects.get(language_code="zh-hans")
    menu = MainMenu(name="主导航", locale=chinese)
    menu.links = [MainMenuLink(url="/merchants/", label="商户")]
    menu.save()
    assert "商户" in client.get("/").text

    menu.links = [MainMenuLink(url="/merchants/", label="商户名录")]
    menu.save()
    assert "商户名录" in client.get("/").text

    news_article(sections.news, 1)  # a page published: links follow pages, so they are built again
    assert "商户名录" in client.get("/").text
