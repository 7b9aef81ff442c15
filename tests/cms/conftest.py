import pytest
from wagtail.models import Locale, Page, Site

from cms.models import HomePage


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
