"""Short English words both Wagtail and we translate ("Pages", "Reports", "Title", "Group", "Published") read in the
Chinese admin as Wagtail's translators wrote them on Wagtail's own screens, and as we wrote them, by their context
(pgettext), on ours: the bureau saw 分页 for its page tree, 举报 for Wagtail's reports and 岗位名称 for a page's
title while our catalogs held these msgids without a context."""

import gettext
from pathlib import Path

import pytest
import wagtail
from wagtail.users.models import UserProfile

from market.accounts.roles import Role
from tests.factories import UserFactory
from tests.jobs.factories import JobPostFactory
from tests.page_structure import page_structure

pytestmark = pytest.mark.django_db


def wagtails(msgid: str, app: str = "admin") -> str:
    """The Chinese of Wagtail's own catalog, read apart from ours."""
    catalog = Path(wagtail.__file__).parent / app / "locale/zh_Hans/LC_MESSAGES/django.mo"
    with catalog.open("rb") as file:
        return gettext.GNUTranslations(file).gettext(msgid)


@pytest.fixture
def chinese_superuser(client):
    user = UserFactory(username="chen", role=Role.ADMINISTRATOR, is_superuser=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hans"
    profile.save()
    client.force_login(user)
    return user


def test_wagtails_menu_and_page_editor_read_in_wagtails_chinese(client, chinese_superuser, home_pages):
    assert (wagtails("Pages"), wagtails("Reports"), wagtails("Title")) == ("页面", "报告", "标题")

    menu = page_structure(client.get("/admin/")).menu_labels
    assert "页面" in menu and "报告" in menu
    assert not {"分页", "举报", "Pages", "Reports"} & set(menu)

    home, _ = home_pages
    editor = page_structure(client.get(f"/admin/pages/{home.pk}/edit/"))
    assert editor.labels["id_title"] == "标题*"  # Wagtail's word and its required mark


def test_our_admin_screens_keep_our_words_beside_wagtails(client, chinese_superuser, home_pages):
    post = JobPostFactory(title="日结发传单")

    details = page_structure(client.get(f"/admin/jobs/posts/{post.pk}/")).definitions
    assert details["岗位名称"] == "日结发传单"  # a job post's title, not Wagtail's 标题
    assert "发布时间" in details and "已发布" not in details

    listing = page_structure(client.get("/admin/jobs/posts/"))
    assert "发布时间" in listing.table().headers

    # Wagtail's own listing beside it: its pages' title column is 标题 (followed by the count of pages).
    headers = page_structure(client.get("/admin/pages/")).table().headers
    assert any(header.startswith(wagtails("Title")) for header in headers)
    assert not any("岗位名称" in header for header in headers)
