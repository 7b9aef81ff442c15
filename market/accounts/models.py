import re

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from market.accounts.roles import STAFF_ROLES, Role

CHINESE = re.compile(r"[\u3400-\u9fff]")


class User(AbstractUser):
    """A person who signs in: resident, merchant staff or bureau staff. Their role is their group."""

    display_name = models.CharField(
        _("display name"), max_length=100, blank=True, help_text=_("How the site greets you, e.g. 王女士.")
    )
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    preferred_language = models.CharField(
        _("language for messages"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Emails and notices to you are written in this language."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name or self.get_full_name() or self.username

    def get_full_name(self) -> str:
        """A Chinese name puts the family name first, with no space (陈静); Django's order is for others."""
        if CHINESE.search(self.first_name + self.last_name):
            return f"{self.last_name}{self.first_name}".strip()
        return super().get_full_name()

    def get_short_name(self) -> str:
        # A Chinese given name alone (静) is too familiar for a colleague's name in the admin.
        return self.get_full_name() if CHINESE.search(self.first_name) else super().get_short_name()

    @property
    def roles(self) -> set[Role]:
        names = {group.name for group in self.groups.all()}
        return {role for role in Role if role.value in names}

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    @property
    def is_bureau_staff(self) -> bool:
        return self.is_superuser or bool(self.roles & STAFF_ROLES)
