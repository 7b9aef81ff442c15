"""The category tree administrators keep, as a snippet in the Wagtail admin.

The staff's merchant screens, with their listing changes, belong to the licensing app's admin.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from market.registry.models import Category


class CategoryViewSet(SnippetViewSet):
    """Administrators keep the category tree (names in both languages, parent, order)."""

    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["name", "name_en", "code", "parent", "sort_order"]
    search_fields = ["name", "name_en", "code"]
    ordering = "sort_order"
    form_fields = ["name", "name_en", "code", "parent", "description", "icon", "sort_order"]


register_snippet(CategoryViewSet)
