"""What administrators keep as a snippet: the blocked words that hold a review back for a moderator."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from market.feedback.models import BlockedWord


class BlockedWordViewSet(SnippetViewSet):
    model = BlockedWord
    icon = "warning"
    menu_label = _("Blocked words")
    menu_order = 185
    add_to_admin_menu = True
    list_display = ["word", "note", "created_at"]
    search_fields = ["word", "note"]
    ordering = ["word"]
    form_fields = ["word", "note"]
