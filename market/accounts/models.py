from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from market.accounts.roles import STAFF_ROLES, Role


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

    @property
    def roles(self) -> set[Role]:
        names = {group.name for group in self.groups.all()}
        return {role for role in Role if role.value in names}

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    @property
    def is_bureau_staff(self) -> bool:
        return self.is_superuser or bool(self.roles & STAFF_ROLES)
