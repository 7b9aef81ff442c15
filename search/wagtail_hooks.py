"""Administrators edit the synonym list in the Wagtail admin; a change applies to the next search."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Search synonyms")
    list_display = ["terms", "updated_at"]
    search_fields = ["terms"]


register_snippet(SynonymViewSet)
