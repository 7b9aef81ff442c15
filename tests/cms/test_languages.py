import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from wagtail.models import Locale

from cms.models import StandardPage
from market.accounts.roles import Role
from tests.factories import CategoryFactory, OrganizationFactory, UserFactory
from tests.page_structure import page_structure

pytestmark = pytest.mark.django_db


def test_home_page_is_chinese_at_the_root_and_links_to_english(client, home_pages):
    response = client.get("/")

    structure = page_structure(response)
    assert response.status_code == 200
    assert structure.html_lang == "zh-hans"
    assert "找得到、信得过的社区服务" in response.text
    assert "服务分类" in response.text
    assert structure.h1_count == 1
    assert structure.language_links["en"]["href"] == "/en/"
    assert structure.language_links["en"]["lang"] == "en"
    assert structure.language_links["zh-hans"]["aria-current"] == "true"
    assert "aria-current" not in structure.language_links["en"]


def test_home_page_is_english_under_en_and_links_to_chinese(client, home_pages):
    response = client.get("/en/")

    structure = page_structure(response)
    assert response.status_code == 200
    assert structure.html_lang == "en"
    assert "Community services you can find and trust" in response.text
    assert "Browse by service" in response.text
    assert structure.h1_count == 1
    assert structure.language_links["zh-hans"]["href"] == "/"
    assert structure.language_links["en"]["aria-current"] == "true"


def test_switcher_follows_a_page_to_its_translation_even_when_the_slug_differs(client, home_pages):
    chinese_home, _ = home_pages
    guide = chinese_home.add_child(instance=StandardPage(title="办事指南", slug="banshi-zhinan"))
    translation = guide.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.title = "How to apply"
    translation.slug = "how-to-apply"
    translation.save_revision().publish()

    chinese = page_structure(client.get("/banshi-zhinan/"))
    english = page_structure(client.get("/en/how-to-apply/"))

    assert chinese.language_links["en"]["href"] == "/en/how-to-apply/"
    assert english.language_links["zh-hans"]["href"] == "/banshi-zhinan/"


def test_switcher_on_a_view_that_is_not_a_page_keeps_the_path_and_query(client):
    chinese = page_structure(client.get("/accounts/sign-in/?next=/accounts/"))
    english = page_structure(client.get("/en/accounts/sign-in/?next=/accounts/"))

    assert chinese.language_links["en"]["href"] == "/en/accounts/sign-in/?next=/accounts/"
    assert english.language_links["zh-hans"]["href"] == "/accounts/sign-in/?next=/accounts/"


def test_home_page_shows_top_level_categories_and_the_listed_merchant_count(client, home_pages):
    laundry = CategoryFactory(code="laundry", name="洗衣", name_en="Laundry")
    CategoryFactory(code="dry-cleaning", name="干洗", name_en="Dry cleaning", parent=laundry)
    OrganizationFactory(categories=[laundry])
    OrganizationFactory(listing_status="suspended")

    response = client.get("/en/")

    assert 'href="/en/search/?category=laundry"' in response.text
    assert "#icon-laundry" in response.text
    assert "Dry cleaning" not in response.text
    assert "<strong>1</strong> merchant listed" in response.text


def test_home_page_search_box_asks_the_register(client, home_pages):
    response = client.get("/")

    assert 'action="/search/"' in response.text
    assert 'name="q"' in response.text
    assert page_structure(response).unlabelled_fields == []


def test_standard_page_contents_link_to_its_sections(client, home_pages):
    chinese_home, _ = home_pages
    chinese_home.add_child(
        instance=StandardPage(
            title="无障碍声明",
            slug="accessibility",
            introduction="我们努力让每个人都能使用本网站。",
            body=[
                ("heading", "适用范围"),
                ("paragraph", "<p>本声明适用于邻里网站。</p>"),
                ("heading", "联系我们"),
            ],
        )
    )

    response = client.get("/accessibility/")

    page = StandardPage.objects.get(slug="accessibility")
    anchors = [f"{block.value}-{block.id[:8]}" for block in page.body]
    structure = page_structure(response)
    assert structure.h1_count == 1
    for anchor in (anchors[0], anchors[2]):
        assert f'href="#{anchor}"' in response.text
        assert f'id="{anchor}"' in response.text
    assert "本页内容" in response.text


def test_missing_page_is_a_helpful_404_in_the_language_of_the_address(client, home_pages):
    chinese = client.get("/no-such-page/")
    english = client.get("/en/no-such-page/")

    assert chinese.status_code == english.status_code == 404
    assert page_structure(chinese).h1_count == 1
    assert "找不到此页面" in chinese.text
    assert "Page not found" in english.text


def test_a_page_of_another_role_is_a_site_page_saying_why_in_the_language_of_the_address(client, home_pages):
    resident = UserFactory(role=Role.RESIDENT, username="zhangsan")
    client.force_login(resident)

    chinese = client.get("/portal/")
    english = client.get("/en/portal/")

    assert chinese.status_code == english.status_code == 403
    structure = page_structure(english)
    assert structure.h1_count == 1
    assert "You cannot open this page" in english.text
    assert "You are signed in as zhangsan." in english.text
    assert structure.link("Go to my account").href == "/en/accounts/"
    assert "您无法打开此页面" in chinese.text


@override_settings(DEBUG=False)
def test_server_error_page_renders_without_a_request():
    html = render_to_string("500.html")

    assert html.count("<h1>") == 1
    assert "12345" in html
