"""The listed merchant's public profile, at the service level: only its own merchant edits it (not another
merchant, not even a superuser), and the register imports nothing from licensing, which sits above it.
"""

import ast
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from market.accounts.roles import Role
from market.errors import AppError
from market.registry import profile
from market.registry.forms import ProfileForm
from market.registry.models import DESCRIPTION_MAX_LENGTH, ListingStatus
from tests.factories import OrganizationFactory, UserFactory

REGISTRY = Path(__file__).resolve().parents[2] / "market" / "registry"


def test_only_the_owner_edits_the_profile(db):
    organization = OrganizationFactory(description="")
    superuser = UserFactory(role=Role.ADMINISTRATOR, is_superuser=True)
    for stranger in [UserFactory(role=Role.MERCHANT), superuser, None]:
        with pytest.raises(AppError):
            profile.edit_public_profile(stranger, organization, {"description": "冒名修改"})

    profile.edit_public_profile(organization.owner, organization, {"description": "社区老字号"})
    organization.refresh_from_db()
    assert organization.description == "社区老字号"


def test_a_description_past_the_limit_is_refused_with_a_reason_and_nothing_is_saved(db):
    organization = OrganizationFactory(description="社区老字号")
    too_long = "好" * (DESCRIPTION_MAX_LENGTH + 1)

    form = ProfileForm(data={"description": too_long, "phone": "", "email": "", "website": ""}, instance=organization)
    assert not form.is_valid()
    assert "2000" in form.errors["description"][0]
    assert 'maxlength="2000"' in str(form["description"])
    with pytest.raises(ValidationError):
        profile.edit_public_profile(organization.owner, organization, {"description": too_long})
    organization.refresh_from_db()
    assert organization.description == "社区老字号"
    profile.edit_public_profile(organization.owner, organization, {"description": "好" * DESCRIPTION_MAX_LENGTH})


def test_an_unlisted_merchant_has_no_profile_to_edit(db):
    organization = OrganizationFactory(listing_status=ListingStatus.UNLISTED)
    with pytest.raises(AppError):
        profile.edit_public_profile(organization.owner, organization, {"description": "尚未上榜"})


def _imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_the_register_imports_nothing_from_licensing():
    offending = [
        f"{path.relative_to(REGISTRY)}: {module}"
        for path in REGISTRY.rglob("*.py")
        for module in _imported_modules(path)
        if module == "market.licensing" or module.startswith("market.licensing.")
    ]
    assert offending == []
