"""The unified social credit code (GB 32100-2015): 18 characters, a restricted alphabet, a check character."""

import pytest
from django.core.exceptions import ValidationError

from market.registry.credit_code import check_character, validate_credit_code


@pytest.mark.parametrize("code", ["91110000600037341L", "91310115MA1K3BTP2B", "92340602MA2PBMEM24"])
def test_real_codes_are_accepted(code):
    validate_credit_code(code)
    assert check_character(code[:17]) == code[17]


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91110000600037341N", "check_character"),  # one wrong check character
        ("91310115MA1K3BTP2C", "check_character"),
        ("9111000060003734L", "length"),  # 17 characters
        ("91110000600037341LL", "length"),
        ("", "length"),
        ("91110000600037341I", "characters"),  # I, O, S, V and Z are not in the standard's alphabet
        ("9131O115MA1K3BTP2B", "characters"),
        ("91310115MA1K3BSP2B", "characters"),
        ("91310115MA1K3BVP2B", "characters"),
        ("91310115MA1K3BZP2B", "characters"),
        ("91310115MA1K3BTP2-", "characters"),
    ],
)
def test_bad_codes_are_refused_with_the_reason(code, reason):
    with pytest.raises(ValidationError) as refusal:
        validate_credit_code(code)
    assert refusal.value.code == reason


def test_lower_case_and_surrounding_spaces_are_read_as_the_printed_code():
    # Typed from the paper licence, the letters may come in lower case; the printed code is upper case.
    validate_credit_code(" 91310115ma1k3btp2b ")
    with pytest.raises(ValidationError):
        validate_credit_code("91310115ma1k3btp2c")


@pytest.mark.django_db
def test_the_register_stores_a_code_typed_in_lower_case_in_capitals_so_it_cannot_be_listed_twice():
    from django.db import IntegrityError

    from tests.factories import OrganizationFactory

    OrganizationFactory(unified_social_credit_code=" 91310115ma1k3btp2b ")
    with pytest.raises(IntegrityError):
        OrganizationFactory(unified_social_credit_code="91310115MA1K3BTP2B")
