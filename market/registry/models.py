"""The public register of community-service merchants.

Field names follow Open Referral HSDS 3.0 where the concepts overlap: Organization, Location
(an outlet, 服务网点), Service, Schedule, and Category as HSDS's taxonomy_term.
"""

import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from market.events import send_after_commit
from market.names import BilingualName
from market.places.models import Community, District, Subdistrict
from market.registry import signals
from market.registry.credit_code import validate_credit_code

# What a merchant may write about itself, an outlet, a service, a product or a job: enough for a real description,
# not for a page of pasted text (the register's pages, the index and the cards all carry it).
DESCRIPTION_MAX_LENGTH = 2000


def description_field(verbose_name=None, blank=True):
    """A merchant's text about itself, an outlet, a service, a product or a job, limited in the form (the
    textarea's maxlength too) and by the model's own validation in the services that save it."""
    return models.TextField(
        verbose_name or pgettext_lazy("about", "description"),
        blank=blank,
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
    )


class CategoryQuerySet(models.QuerySet):
    def delete(self):
        # The Wagtail snippet's bulk delete deletes a queryset, which calls no Category.delete().
        with transaction.atomic():
            _announce_category_change(list(self))
            return super().delete()


class Category(BilingualName):
    """A kind of community service from the policy's list (HSDS taxonomy_term).

    Administrators edit the tree through a Wagtail snippet (single and bulk deletes included), which saves and
    deletes the model directly: there is no service in between, so the model announces `category_tree_changed`
    itself, on every path and in the transaction of the change.
    """

    code = models.SlugField(_("code"), max_length=50, unique=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent category"),
    )
    description = models.TextField(pgettext_lazy("about", "description"), blank=True)
    icon = models.CharField(_("icon"), max_length=40, blank=True, help_text=_("Name of an icon in the site's set."))
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def save(self, *args, **kwargs):
        with transaction.atomic():
            new = self._state.adding
            super().save(*args, **kwargs)
            _announce_category_change([self], new=new)

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            _announce_category_change([self])
            return super().delete(*args, **kwargs)


def _announce_category_change(categories, *, new: bool = False) -> None:
    """Announce, after the commit, a change to these categories with the merchants filed under them (before a
    delete, while the links that go with the category can still be followed; a new category has none)."""
    if not categories:
        return
    category_ids = [category.pk for category in categories]
    organization_ids = [] if new else sorted(merchants_filed_under(category_ids))
    send_after_commit(
        signals.category_tree_changed, Category, category_ids=category_ids, organization_ids=organization_ids
    )


def merchants_filed_under(category_ids) -> set[int]:
    """Merchants filed under these categories or their sub-categories, directly or through a service."""
    children: dict[int, list[int]] = {}
    for pk, parent_id in Category.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    subtree, pending = set(), list(category_ids)
    while pending:
        current = pending.pop()
        if current in subtree:
            continue
        subtree.add(current)
        pending += children.get(current, [])
    direct = Organization.categories.through.objects.filter(category_id__in=subtree).values_list(
        "organization_id", flat=True
    )
    through_services = Service.objects.filter(category__in=subtree).values_list("organization_id", flat=True)
    return set(direct) | set(through_services)


class ListingStatus(models.TextChoices):
    UNLISTED = "unlisted", _("Not listed")
    ACTIVE = "active", _("Listed")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


class OrganizationQuerySet(models.QuerySet):
    def listed(self):
        """Only active listings are public; the rest vanish from every public page at once."""
        return self.filter(listing_status=ListingStatus.ACTIVE)


class Organization(models.Model):
    """A merchant (商户): the legal entity behind one or more outlets."""

    name = models.CharField(_("legal name (Chinese)"), max_length=200)
    name_en = models.CharField(_("legal name (English)"), max_length=200, blank=True)
    alternate_name = models.CharField(
        _("trade name"), max_length=200, blank=True, help_text=_("The brand residents know, e.g. 苏果超市.")
    )
    description = description_field()
    unified_social_credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text=_("The 18-character code on the business licence (GB 32100-2015)."),
    )
    legal_representative = models.CharField(_("legal representative"), max_length=100)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    categories = models.ManyToManyField(Category, related_name="organizations", verbose_name=_("categories"))
    is_chain = models.BooleanField(_("chain operation"), default=False)
    founded_by_laid_off_workers = models.BooleanField(
        _("founded by laid-off workers"),
        default=False,
        help_text=_("Set up by laid-off or unemployed people, alone or in partnership (policy section 5)."),
    )
    is_nonprofit_community_organization = models.BooleanField(_("non-profit community organisation"), default=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
        verbose_name=_("merchant account"),
    )
    listing_status = models.CharField(
        _("listing status"), max_length=20, choices=ListingStatus.choices, default=ListingStatus.UNLISTED
    )
    listed_at = models.DateTimeField(_("listed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("merchant")
        verbose_name_plural = _("merchants")
        indexes = [
            # Searches leave out the few merchants that are not listed by looking them up here, instead of
            # reading every merchant's status.
            models.Index(
                fields=["id"], condition=~models.Q(listing_status=ListingStatus.ACTIVE), name="organization_not_listed"
            ),
        ]

    def __str__(self):
        return self.alternate_name or self.name

    def save(self, *args, **kwargs):
        # One code, one merchant: the validator accepts lower case, the register stores capitals.
        self.unified_social_credit_code = self.unified_social_credit_code.strip().upper()
        super().save(*args, **kwargs)


class Location(models.Model):
    """An outlet (服务网点): a physical place where a merchant serves residents."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="locations", verbose_name=_("merchant")
    )
    name = models.CharField(pgettext_lazy("object name", "name"), max_length=200)
    description = description_field()
    address_1 = models.CharField(_("street address"), max_length=200)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="locations", verbose_name=_("district")
    )
    subdistrict = models.ForeignKey(
        Subdistrict, on_delete=models.PROTECT, related_name="locations", verbose_name=_("sub-district")
    )
    community = models.ForeignKey(
        Community,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="locations",
        verbose_name=_("community"),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        # Search reads these from the index alone: outlets near a point (a latitude band) and their merchants,
        # a district's merchants, and a merchant's outlets with their positions (distance sort).
        indexes = [
            models.Index(fields=["latitude", "longitude", "organization"], name="location_position"),
            models.Index(fields=["district", "organization"], name="location_district_merchant"),
            models.Index(fields=["organization", "latitude", "longitude", "id"], name="location_merchant_position"),
        ]

    def __str__(self):
        return self.name

    def is_open_at(self, moment: datetime.datetime) -> bool:
        """Whether the outlet is open at an aware moment, read in the site's time zone (Asia/Shanghai)."""
        local = timezone.localtime(moment)
        return any(opens <= local.time() < closes for opens, closes in self.hours_on(local.date()))

    def hours_on(self, day: datetime.date) -> list[tuple[datetime.time, datetime.time]]:
        """The outlet's opening hours on a date (opens, closes), earliest first: the day's exception wins over the
        weekly hours; an empty list is a closed day."""
        exception = next((item for item in self.schedule_exceptions.all() if item.date == day), None)
        if exception is not None:
            return [] if exception.closed else [(exception.opens_at, exception.closes_at)]
        return sorted(
            (schedule.opens_at, schedule.closes_at)
            for schedule in self.schedules.all()
            if schedule.byday == day.isoweekday()
        )


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


class Schedule(models.Model):
    """Weekly opening hours (HSDS schedule with freq=WEEKLY and one byday)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="schedules", verbose_name=_("outlet"))
    byday = models.PositiveSmallIntegerField(_("day of the week"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))

    class Meta:
        ordering = ["location", "byday", "opens_at"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        # "Open now" checks an outlet's hours for one weekday from the index alone.
        indexes = [models.Index(fields=["location", "byday", "opens_at", "closes_at"], name="schedule_weekly_hours")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="schedule_closes_after_opening"
            )
        ]

    def __str__(self):
        return f"{self.get_byday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    def covers(self, weekday: int, time: datetime.time) -> bool:
        return self.byday == weekday and self.opens_at <= time < self.closes_at


class ScheduleException(models.Model):
    """A dated change to the weekly hours: a holiday closure or special hours."""

    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="schedule_exceptions", verbose_name=_("outlet")
    )
    date = models.DateField(_("date"))
    closed = models.BooleanField(_("closed all day"), default=False)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        ordering = ["location", "date"]
        constraints = [
            models.UniqueConstraint(fields=["location", "date"], name="one_exception_per_outlet_day"),
            # A day is either closed, or open between two times.
            models.CheckConstraint(
                condition=models.Q(closed=True)
                | models.Q(opens_at__isnull=False, closes_at__isnull=False, closes_at__gt=models.F("opens_at")),
                name="exception_closed_or_has_hours",
                violation_error_message=_("Give the opening and closing times, or mark the day closed."),
            ),
        ]
        verbose_name = _("special opening hours")
        verbose_name_plural = _("special opening hours")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.notes}".strip()


class Service(models.Model):
    """What a merchant offers residents, at some of its outlets (HSDS service and service_at_location)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="services", verbose_name=_("merchant")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="services", verbose_name=_("category")
    )
    name = models.CharField(pgettext_lazy("object name", "name"), max_length=200)
    description = description_field()
    locations = models.ManyToManyField(
        Location, related_name="services", blank=True, verbose_name=_("outlets offering it")
    )

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self):
        return self.name


def outlet_photo_path(photo: "LocationPhoto", filename: str) -> str:
    """A generated name: the uploaded one never reaches the disk (the portal names the file after its content)."""
    suffix = PurePath(filename).suffix.lower()
    return f"outlet-photos/{photo.location_id}/{uuid.uuid4().hex}{suffix}"


class LocationPhoto(models.Model):
    """A photo of an outlet on the public register. Its text alternative is required: it is how people who do
    not see the photo learn what it shows.
    """

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="photos", verbose_name=_("outlet"))
    image = models.ImageField(_("photo"), upload_to=outlet_photo_path)
    alt_text = models.CharField(
        _("text alternative"),
        max_length=250,
        help_text=_("What the photo shows, for people using a screen reader, e.g. “Shop front on Zhongshan Road”."),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["location", "uploaded_at", "pk"]
        verbose_name = _("outlet photo")
        verbose_name_plural = _("outlet photos")

    def __str__(self):
        return self.alt_text
