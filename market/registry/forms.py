from django import forms
from django.utils.translation import gettext_lazy as _

OPEN_NOW = "now"


def category_choices(categories) -> list[tuple[str, str]]:
    """Top-level categories, each followed by its sub-categories, indented."""
    children = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    choices = []

    def add(parent_id, depth):
        for category in children.get(parent_id, []):
            choices.append((category.code, "— " * depth + category.display_name))
            add(category.pk, depth + 1)

    add(None, 0)
    return choices


class MerchantFilterForm(forms.Form):
    """The register's filters, sent by GET so that every filtered list has its own address."""

    category = forms.ChoiceField(label=_("Category"), required=False)
    district = forms.ChoiceField(label=_("District"), required=False)
    open = forms.ChoiceField(
        label=_("Opening hours"),
        required=False,
        choices=[("", _("Any time")), (OPEN_NOW, _("Open now"))],
    )

    def __init__(self, *args, categories, districts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories")), *category_choices(categories)]
        self.fields["district"].choices = [
            ("", _("All districts")),
            *((district.code, district.display_name) for district in districts),
        ]
