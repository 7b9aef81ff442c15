from django.contrib.auth.models import Group
from django.db import transaction

from market.accounts.models import User
from market.accounts.roles import Role


@transaction.atomic
def register_user(form) -> User:
    """Create the account from a valid sign-up form and give it the role it chose."""
    user = form.save()
    user.groups.add(Group.objects.get(name=form.role.value))
    return user
