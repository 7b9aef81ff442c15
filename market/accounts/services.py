from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import get_language

from market.accounts.models import User


@transaction.atomic
def register_user(form) -> User:
    """Create the account from a valid sign-up form and give it the role it chose."""
    user = form.save(commit=False)
    # Write to people in the language they signed up in.
    user.preferred_language = get_language() or settings.LANGUAGE_CODE
    user.save()
    user.groups.add(Group.objects.get(name=form.role.value))
    return user
