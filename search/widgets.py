"""Widgets that write their HTML in Python: the same markup as Django's, without its templates.

A select: the same markup as Django's Select, without a template per option.

The search page's filters offer a hundred-odd choices (categories, districts, streets, communities); rendering them
through Django's widget templates was a third of the page's time, and building Django's per-option context (an
attribute dictionary and a copy per option) still a fifth, so the options are written straight from the choices,
with Django's rules: an empty value for None, only the first match selected unless the select is multiple.
"""

from html import escape

from django import forms
from django.forms.widgets import Input
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, mark_safe


def _escaped(text) -> str:
    """As conditional_escape, without its wrapper for lazy strings (a few hundred calls a page): what is marked safe
    stays as it is, anything else is escaped as django.utils.html.escape does."""
    return str(text) if isinstance(text, SafeData) else escape(str(text))


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
        chosen = set(self.format_value(value))
        select_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            select_attrs["multiple"] = True
        html = [format_html('<select name="{}"', name), _attributes(select_attrs), ">"]
        has_selected = False
        for group_value, group_label in self.choices:
            if isinstance(group_label, (list, tuple)):
                html.append(f'\n  <optgroup label="{_escaped(group_value)}">')
                options = group_label
            else:
                options = [(group_value, group_label)]
            for option_value, option_label in options:
                text = "" if option_value is None else str(option_value)
                selected = (not has_selected or self.allow_multiple_selected) and text in chosen
                has_selected |= selected
                # Escaped as format_html would, without its per-call cost (a hundred options a page).
                html.append(
                    f'\n  <option value="{escape(text)}"{" selected" if selected else ""}>'
                    f"{_escaped(option_label)}</option>"
                )
            if isinstance(group_label, (list, tuple)):
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))


class HeldChoices(BaseChoiceIterator):
    """A select's choices read when it is first shown, then held for the form (Django reads them twice as it renders
    the select: the required attribute, then the options). `read` gives them as Django would normalise them, (value,
    label) pairs and (group, pairs): normalising a hundred-odd again on each reading cost a third of the selects."""

    def __init__(self, read):
        self.read = read
        self.held = None

    def __iter__(self):
        if self.held is None:
            self.held = self.read()
        return iter(self.held)


class QuickInput(Input):
    """As django/forms/widgets/input.html, from the same context: a search page has five inputs."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<input type="{_escaped(widget["type"])}" name="{_escaped(widget["name"])}"']
        if widget["value"] is not None:
            html.append(f' value="{_escaped(widget["value"])}"')
        html += [_attributes(widget["attrs"]), ">"]
        return mark_safe("".join(html))


class QuickSearchInput(QuickInput, forms.SearchInput):
    pass


class QuickCheckbox(QuickInput, forms.CheckboxInput):
    pass
