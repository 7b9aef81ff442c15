"""Registry's migrations 0001-0006 squashed: one CreateModel per model, then the data a fresh database needs.

The data operation runs the replaced migration's function (imported from its file, kept until every deployment has
migrated past it); when the replaced files are deleted, the function moves here.
"""

from importlib import import_module

import django.core.validators
import django.db.models.deletion
import market.registry.credit_code
import market.registry.models
from django.conf import settings
from django.db import migrations, models


def seed(apps, schema_editor):
    """0003: administrators keep the category tree."""
    import_module("market.registry.migrations.0003_administrator_permissions").grant(apps, schema_editor)


class Migration(migrations.Migration):
    replaces = [
        ("registry", "0001_initial"),
        ("registry", "0002_location_photo"),
        ("registry", "0003_administrator_permissions"),
        ("registry", "0004_schedule_exception_has_hours"),
        ("registry", "0005_search_indexes"),
        ("registry", "0006_description_limit"),
    ]

    initial = True

    dependencies = [
        ("accounts", "0002_roles"),
        ("places", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Category",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="name (Chinese)")),
                ("name_en", models.CharField(blank=True, max_length=200, verbose_name="name (English)")),
                ("code", models.SlugField(unique=True, verbose_name="code")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "icon",
                    models.CharField(
                        blank=True, help_text="Name of an icon in the site's set.", max_length=40, verbose_name="icon"
                    ),
                ),
                ("sort_order", models.PositiveSmallIntegerField(default=0, verbose_name="sort order")),
                (
                    "parent",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="children",
                        to="registry.category",
                        verbose_name="parent category",
                    ),
                ),
            ],
            options={
                "verbose_name": "category",
                "verbose_name_plural": "categories",
                "ordering": ["sort_order", "code"],
            },
        ),
        migrations.CreateModel(
            name="Organization",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="legal name (Chinese)")),
                ("name_en", models.CharField(blank=True, max_length=200, verbose_name="legal name (English)")),
                (
                    "alternate_name",
                    models.CharField(
                        blank=True,
                        help_text="The brand residents know, e.g. 苏果超市.",
                        max_length=200,
                        verbose_name="trade name",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="description",
                    ),
                ),
                (
                    "unified_social_credit_code",
                    models.CharField(
                        help_text="The 18-character code on the business licence (GB 32100-2015).",
                        max_length=18,
                        unique=True,
                        validators=[market.registry.credit_code.validate_credit_code],
                        verbose_name="unified social credit code",
                    ),
                ),
                ("legal_representative", models.CharField(max_length=100, verbose_name="legal representative")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email")),
                ("phone", models.CharField(blank=True, max_length=30, verbose_name="phone")),
                ("website", models.URLField(blank=True, verbose_name="website")),
                ("is_chain", models.BooleanField(default=False, verbose_name="chain operation")),
                (
                    "founded_by_laid_off_workers",
                    models.BooleanField(
                        default=False,
                        help_text="Set up by laid-off or unemployed people, alone or in partnership (policy section 5).",
                        verbose_name="founded by laid-off workers",
                    ),
                ),
                (
                    "is_nonprofit_community_organization",
                    models.BooleanField(default=False, verbose_name="non-profit community organisation"),
                ),
                (
                    "listing_status",
                    models.CharField(
                        choices=[
                            ("unlisted", "Not listed"),
                            ("active", "Listed"),
                            ("suspended", "Suspended"),
                            ("revoked", "Revoked"),
                            ("expired", "Expired"),
                        ],
                        default="unlisted",
                        max_length=20,
                        verbose_name="listing status",
                    ),
                ),
                ("listed_at", models.DateTimeField(blank=True, null=True, verbose_name="listed at")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "categories",
                    models.ManyToManyField(
                        related_name="organizations", to="registry.category", verbose_name="categories"
                    ),
                ),
                (
                    "owner",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="organizations",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="merchant account",
                    ),
                ),
            ],
            options={
                "verbose_name": "merchant",
                "verbose_name_plural": "merchants",
                "ordering": ["name"],
                "indexes": [
                    models.Index(
                        condition=models.Q(("listing_status", "active"), _negated=True),
                        fields=["id"],
                        name="organization_not_listed",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Location",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="description",
                    ),
                ),
                ("address_1", models.CharField(max_length=200, verbose_name="street address")),
                ("latitude", models.DecimalField(decimal_places=6, max_digits=9, verbose_name="latitude")),
                ("longitude", models.DecimalField(decimal_places=6, max_digits=9, verbose_name="longitude")),
                ("phone", models.CharField(blank=True, max_length=30, verbose_name="phone")),
                (
                    "community",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="locations",
                        to="places.community",
                        verbose_name="community",
                    ),
                ),
                (
                    "district",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="locations",
                        to="places.district",
                        verbose_name="district",
                    ),
                ),
                (
                    "subdistrict",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="locations",
                        to="places.subdistrict",
                        verbose_name="sub-district",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="locations",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
            ],
            options={
                "verbose_name": "outlet",
                "verbose_name_plural": "outlets",
                "ordering": ["organization", "name"],
                "indexes": [
                    models.Index(fields=["latitude", "longitude", "organization"], name="location_position"),
                    models.Index(fields=["district", "organization"], name="location_district_merchant"),
                    models.Index(
                        fields=["organization", "latitude", "longitude", "id"], name="location_merchant_position"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Service",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="description",
                    ),
                ),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="services",
                        to="registry.category",
                        verbose_name="category",
                    ),
                ),
                (
                    "locations",
                    models.ManyToManyField(
                        blank=True, related_name="services", to="registry.location", verbose_name="outlets offering it"
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="services",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
            ],
            options={
                "verbose_name": "service",
                "verbose_name_plural": "services",
                "ordering": ["organization", "name"],
            },
        ),
        migrations.CreateModel(
            name="Schedule",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "byday",
                    models.PositiveSmallIntegerField(
                        choices=[
                            (1, "Monday"),
                            (2, "Tuesday"),
                            (3, "Wednesday"),
                            (4, "Thursday"),
                            (5, "Friday"),
                            (6, "Saturday"),
                            (7, "Sunday"),
                        ],
                        verbose_name="day of the week",
                    ),
                ),
                ("opens_at", models.TimeField(verbose_name="opens at")),
                ("closes_at", models.TimeField(verbose_name="closes at")),
                (
                    "location",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="schedules",
                        to="registry.location",
                        verbose_name="outlet",
                    ),
                ),
            ],
            options={
                "verbose_name": "opening hours",
                "verbose_name_plural": "opening hours",
                "ordering": ["location", "byday", "opens_at"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("closes_at__gt", models.F("opens_at"))),
                        name="schedule_closes_after_opening",
                    )
                ],
                "indexes": [
                    models.Index(fields=["location", "byday", "opens_at", "closes_at"], name="schedule_weekly_hours")
                ],
            },
        ),
        migrations.CreateModel(
            name="ScheduleException",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField(verbose_name="date")),
                ("closed", models.BooleanField(default=False, verbose_name="closed all day")),
                ("opens_at", models.TimeField(blank=True, null=True, verbose_name="opens at")),
                ("closes_at", models.TimeField(blank=True, null=True, verbose_name="closes at")),
                ("notes", models.CharField(blank=True, max_length=200, verbose_name="notes")),
                (
                    "location",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="schedule_exceptions",
                        to="registry.location",
                        verbose_name="outlet",
                    ),
                ),
            ],
            options={
                "verbose_name": "special opening hours",
                "verbose_name_plural": "special opening hours",
                "ordering": ["location", "date"],
                "constraints": [
                    models.UniqueConstraint(fields=("location", "date"), name="one_exception_per_outlet_day"),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("closed", True),
                            models.Q(
                                ("closes_at__gt", models.F("opens_at")),
                                ("closes_at__isnull", False),
                                ("opens_at__isnull", False),
                            ),
                            _connector="OR",
                        ),
                        name="exception_closed_or_has_hours",
                        violation_error_message="Give the opening and closing times, or mark the day closed.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="LocationPhoto",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("image", models.ImageField(upload_to=market.registry.models.outlet_photo_path, verbose_name="photo")),
                (
                    "alt_text",
                    models.CharField(
                        help_text="What the photo shows, for people using a screen reader, e.g. “Shop front on Zhongshan Road”.",
                        max_length=250,
                        verbose_name="text alternative",
                    ),
                ),
                ("uploaded_at", models.DateTimeField(auto_now_add=True, verbose_name="uploaded at")),
                (
                    "location",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="photos",
                        to="registry.location",
                        verbose_name="outlet",
                    ),
                ),
            ],
            options={
                "verbose_name": "outlet photo",
                "verbose_name_plural": "outlet photos",
                "ordering": ["location", "uploaded_at", "pk"],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
