"""A select that writes its HTML in Python: the same markup as Django's Select, without a template per option.

The search page's filters offer a hundred-odd choices (categories, districts, streets); rendering each option
through Django's widget templates was a third of the page's time.
"""

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


def _attributes(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: False leaves an attribute out, True writes its name alone."""
    parts = []
    for name, value in attrs.items():
        if value is False or value is None:
            continue
        parts.append(f" {conditional_escape(name)}" if value is True else format_html(' {}="{}"', name, value))
    return "".join(parts)


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [format_html('<select name="{}"', widget["name"]), _attributes(widget["attrs"]), ">"]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                html.append(
                    format_html('\n  <option value="{}"', "" if option["value"] is None else str(option["value"]))
                )
                html.append(_attributes(option["attrs"]))
                html.append(format_html(">{}</option>", option["label"]))
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))
