"""One demo account per role, all with the same published demo password."""

from dataclasses import dataclass

from django.contrib.auth.models import Group

from market.accounts.models import User
from market.accounts.roles import Role

DEMO_PASSWORD = "linli-demo-2026"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    last_name: str
    first_name: str
    phone: str

    @property
    def display_name(self) -> str:
        return self.last_name + self.first_name

    @property
    def email(self) -> str:
        return f"{self.username}@linli.example.cn"


DEMO_ACCOUNTS = (
    DemoAccount("resident", Role.RESIDENT, "张", "丽华", "13851700001"),
    DemoAccount("merchant", Role.MERCHANT, "王", "建国", "13851700002"),
    DemoAccount("reviewer", Role.REVIEWER, "陈", "静", "13851700003"),
    DemoAccount("approver", Role.APPROVER, "刘", "卫东", "13851700004"),
    DemoAccount("editor", Role.EDITOR, "赵", "敏", "13851700005"),
    DemoAccount("admin", Role.ADMINISTRATOR, "周", "志强", "13851700006"),
)


def load_accounts() -> int:
    """Create the missing accounts and give every demo account its role.

    The password is set only when the account is created, so a password someone changed survives a reload.
    Returns the number of accounts created.
    """
    groups = {group.name: group for group in Group.objects.filter(name__in=[account.role for account in DEMO_ACCOUNTS])}
    existing = {user.username: user for user in User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])}
    created = 0
    for account in DEMO_ACCOUNTS:
        user = existing.get(account.username)
        if user is None:
            is_administrator = account.role == Role.ADMINISTRATOR
            user = User(
                username=account.username,
                email=account.email,
                first_name=account.first_name,
                last_name=account.last_name,
                display_name=account.display_name,
                phone=account.phone,
                is_staff=is_administrator,
                is_superuser=is_administrator,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            created += 1
        user.groups.add(groups[account.role.value])
    return created


def merchant_account() -> User:
    return User.objects.get(username="merchant")


def credentials_table() -> str:
    """The sign-in details the command prints at the end."""
    rows = [("username", "password", "role", "name", "email")]
    rows += [
        (account.username, DEMO_PASSWORD, account.role.value, account.display_name, account.email)
        for account in DEMO_ACCOUNTS
    ]
    widths = [max(_width(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = ["  ".join(_pad(cell, width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def _width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two."""
    return sum(2 if ord(character) > 0x2E80 else 1 for character in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
