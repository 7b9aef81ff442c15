"""What editors see in the admin besides pages: the navigation and the footer of each language."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import Footer, MainMenu
from market.seeded_names import name_workflows_in_history


class MainMenuViewSet(SnippetViewSet):
    model = MainMenu
    icon = "list-ul"
    list_display = ["name", "locale"]


class FooterViewSet(SnippetViewSet):
    model = Footer
    icon = "placeholder"
    list_display = ["__str__", "locale"]


class SiteFurnitureViewSetGroup(SnippetViewSetGroup):
    items = (MainMenuViewSet, FooterViewSet)
    menu_icon = "site"
    menu_label = _("Site furniture")
    menu_name = "site-furniture"


register_snippet(SiteFurnitureViewSetGroup)

# After Wagtail's own formatters (order 0): the page history names the seeded workflow and task in the reader's
# language.
hooks.register("register_log_actions", name_workflows_in_history, order=1)
