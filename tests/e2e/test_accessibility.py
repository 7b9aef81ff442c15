"""axe-core in Chromium finds no serious or critical problem on the pages residents use most."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from wagtail.models import Locale

from cms.models import NoticeIndexPage, NoticePage, PolicyIndexPage, PolicyPage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SERIOUS = {"serious", "critical"}


def publish_with_translation(parent, page, english_title):
    parent.add_child(instance=page)
    page.save_revision().publish()
    translation = page.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.title = english_title
    translation.save_revision().publish()
    return page


@pytest.fixture
def site_pages(home_page):
    policy_index = publish_with_translation(home_page, PolicyIndexPage(title="政策文件", slug="policy"), "Policy")
    policy = publish_with_translation(
        policy_index,
        PolicyPage(
            title="国务院关于加强和改进社区服务工作的意见",
            slug="guofa-2006-14",
            issuing_body="国务院",
            document_number="国发〔2006〕14号",
            date_issued=datetime.date(2006, 4, 9),
            body=[
                ("section", {"heading": "一、指导思想", "content": "<p>以人为本。</p>"}),
                ("section", {"heading": "五、发展社区商业", "content": "<p>鼓励连锁经营。</p>"}),
            ],
        ),
        "Community services (2006): a summary",
    )
    notice_index = publish_with_translation(home_page, NoticeIndexPage(title="公示", slug="notices"), "Notices")
    notice = publish_with_translation(
        notice_index,
        NoticePage(
            title="关于邻里小馆申请登记的公示",
            slug="notice-1",
            merchant_name="南京邻里小馆餐饮有限公司",
            credit_code="91320100MA00000008",
            category_names="餐饮",
            outlet_addresses="邻里小馆: 玄武区梅园新村街道 珠江路88号",
            notice_starts_on=datetime.date(2099, 3, 2),
            notice_ends_on=datetime.date(2099, 3, 9),
        ),
        "Public notice: Linli canteen",
    )
    return {"home": "/", "policy": policy.url, "notice": notice.url, "search": reverse("search:results") + "?q=洗衣"}


@pytest.mark.parametrize("name", ["home", "policy", "notice", "search"])
@pytest.mark.parametrize("language_prefix", ["", "/en"])
def test_no_serious_accessibility_violations(page, site_pages, name, language_prefix):
    response = page.goto(language_prefix + site_pages[name])
    assert response.status == 200

    results = Axe().run(page)

    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]
    assert serious == []
