"""How a person's name reads where the site and the admin show it."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_chinese_name_reads_family_name_first_without_a_space():
    official = UserFactory(first_name="静", last_name="陈", display_name="")

    assert official.get_full_name() == "陈静"
    assert official.get_short_name() == "陈静"
    assert str(official) == "陈静"


def test_a_latin_name_keeps_the_given_name_first():
    visitor = UserFactory(first_name="Anna", last_name="Schmidt", display_name="")

    assert visitor.get_full_name() == "Anna Schmidt"
    assert visitor.get_short_name() == "Anna"
