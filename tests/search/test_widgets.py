"""The search filters' select writes what Django's own Select would: the same options, groups and selection (the
whitespace between tags aside)."""

import re

import pytest
from django import forms
from django.utils.safestring import mark_safe

from search.widgets import QuickSelect

CHOICES = [
    ("", "全市"),
    ("320102", "玄武区"),
    ("320104", "秦淮区 <b>&</b>"),
    ("街道", [("subdistrict-1", "梅园新村街道"), ("subdistrict-2", mark_safe("<i>新街口</i>"))]),
    (None, "None becomes an empty value"),
]


def markup(html: str) -> str:
    return re.sub(r">\s+<", "><", html)


@pytest.mark.parametrize("value", [None, "", "320104", "subdistrict-2", "unknown"])
@pytest.mark.parametrize("attrs", [None, {"id": "id_district", "aria-invalid": "true", "disabled": False}])
def test_the_quick_select_writes_what_djangos_select_writes(value, attrs):
    quick = QuickSelect(choices=CHOICES).render("district", value, attrs)
    django = forms.Select(choices=CHOICES).render("district", value, attrs)

    assert markup(quick) == markup(django)


def test_only_the_first_of_two_equal_values_is_selected_as_django_does():
    twice = [("a", "A"), ("a", "A again")]

    assert markup(QuickSelect(choices=twice).render("x", "a")) == markup(forms.Select(choices=twice).render("x", "a"))
    assert QuickSelect(choices=twice).render("x", "a").count("selected") == 1
