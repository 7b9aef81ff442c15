"""Where things are: the city's districts (区), sub-districts (街道) and communities (社区)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from market.names import BilingualName


class District(BilingualName):
    code = models.CharField(
        _("administrative division code"), max_length=6, unique=True, help_text=_("The 6-digit GB/T 2260 code.")
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Subdistrict(BilingualName):
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="subdistricts", verbose_name=_("district")
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)

    class Meta:
        ordering = ["district__code", "name"]
        constraints = [models.UniqueConstraint(fields=["district", "name"], name="unique_subdistrict_name")]
        verbose_name = _("sub-district")
        verbose_name_plural = _("sub-districts")


class Community(BilingualName):
    """A residents' committee area (社区居委会)."""

    subdistrict = models.ForeignKey(
        Subdistrict, on_delete=models.PROTECT, related_name="communities", verbose_name=_("sub-district")
    )

    class Meta:
        ordering = ["subdistrict", "name"]
        constraints = [models.UniqueConstraint(fields=["subdistrict", "name"], name="unique_community_name")]
        verbose_name = _("community")
        verbose_name_plural = _("communities")
