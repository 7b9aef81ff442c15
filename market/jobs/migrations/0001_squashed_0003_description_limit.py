"""Jobs' migrations 0001-0003 squashed: one CreateModel per model, then the data a fresh database needs.

The data operation runs the replaced migration's function (imported from its file, kept until every deployment has
migrated past it); when the replaced files are deleted, the function moves here.
"""

from importlib import import_module

import django.core.validators
import django.db.models.deletion
import django_fsm
import market.jobs.models
import market.private_storage
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


def seed(apps, schema_editor):
    """0002: the bureau's starting settings and the roles' permissions."""
    import_module("market.jobs.migrations.0002_settings_and_permissions").seed(apps, schema_editor)


class Migration(migrations.Migration):
    replaces = [("jobs", "0001_initial"), ("jobs", "0002_settings_and_permissions"), ("jobs", "0003_description_limit")]

    initial = True

    dependencies = [
        ("accounts", "0002_roles"),
        ("places", "0001_initial"),
        ("registry", "0001_squashed_0006_description_limit"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="JobsSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "priority_window_hours",
                    models.PositiveSmallIntegerField(
                        default=48,
                        help_text="For this long after a post is published, only residents verified as registered unemployed or laid-off can apply. 0 opens every post to everyone at once.",
                        validators=[
                            django.core.validators.MinValueValidator(0),
                            django.core.validators.MaxValueValidator(720),
                        ],
                        verbose_name="priority window (hours)",
                    ),
                ),
                (
                    "minimum_hourly_wage",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("23.50"),
                        help_text="The city-wide minimum; a district can have its own under “Minimum wages by district”. Pay per day is divided by the hours of a day to compare.",
                        max_digits=8,
                        validators=[django.core.validators.MinValueValidator(Decimal("0.01"))],
                        verbose_name="minimum hourly wage for part-time work (yuan)",
                    ),
                ),
                (
                    "minimum_wage_source",
                    models.CharField(
                        blank=True,
                        help_text="The notice the figure comes from, shown to merchants beside a refusal.",
                        max_length=300,
                        verbose_name="source of the minimum wage",
                    ),
                ),
            ],
            options={
                "verbose_name": "flexible work settings",
                "verbose_name_plural": "flexible work settings",
            },
        ),
        migrations.CreateModel(
            name="DistrictMinimumWage",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "hourly_minimum",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=8,
                        validators=[django.core.validators.MinValueValidator(Decimal("0.01"))],
                        verbose_name="minimum hourly wage (yuan)",
                    ),
                ),
                ("source", models.CharField(blank=True, max_length=300, verbose_name="source")),
                (
                    "district",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="minimum_wage",
                        to="places.district",
                        verbose_name="district",
                    ),
                ),
            ],
            options={
                "verbose_name": "minimum wage of a district",
                "verbose_name_plural": "minimum wages by district",
                "ordering": ["district__code"],
            },
        ),
        migrations.CreateModel(
            name="JobPost",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "title",
                    models.CharField(
                        help_text="e.g. Counter assistant, mornings", max_length=120, verbose_name="title"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("hourly", "Hourly work"),
                            ("part_time", "Part-time work"),
                            ("seasonal", "Seasonal or short-term work"),
                        ],
                        max_length=20,
                        verbose_name="kind of work",
                    ),
                ),
                (
                    "shifts",
                    models.CharField(
                        help_text="When the work is done, e.g. Monday to Friday 8:00–12:00.",
                        max_length=200,
                        verbose_name="hours or shifts",
                    ),
                ),
                (
                    "hours_per_day",
                    models.DecimalField(
                        decimal_places=1,
                        max_digits=3,
                        validators=[
                            django.core.validators.MinValueValidator(Decimal("0.5")),
                            django.core.validators.MaxValueValidator(Decimal("12")),
                        ],
                        verbose_name="hours a day",
                    ),
                ),
                (
                    "days_per_week",
                    models.PositiveSmallIntegerField(
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(7),
                        ],
                        verbose_name="days a week",
                    ),
                ),
                (
                    "pay_amount",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=8,
                        validators=[django.core.validators.MinValueValidator(Decimal("0.01"))],
                        verbose_name="pay (yuan)",
                    ),
                ),
                (
                    "pay_unit",
                    models.CharField(
                        choices=[("hour", "per hour"), ("day", "per day")],
                        default="hour",
                        max_length=10,
                        verbose_name="paid",
                    ),
                ),
                ("currency", models.CharField(default="CNY", editable=False, max_length=3, verbose_name="currency")),
                (
                    "hourly_pay",
                    models.DecimalField(
                        decimal_places=2, editable=False, max_digits=8, verbose_name="pay per hour (yuan)"
                    ),
                ),
                ("starts_on", models.DateField(verbose_name="starts on")),
                (
                    "ends_on",
                    models.DateField(help_text="The post is no longer shown after this day.", verbose_name="ends on"),
                ),
                (
                    "places",
                    models.PositiveSmallIntegerField(
                        default=1,
                        validators=[
                            django.core.validators.MinValueValidator(1),
                            django.core.validators.MaxValueValidator(500),
                        ],
                        verbose_name="number of places",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="what the work involves",
                    ),
                ),
                ("training_given", models.BooleanField(default=False, verbose_name="training is given")),
                (
                    "state",
                    models.CharField(
                        choices=[("open", "Open"), ("closed", "Closed"), ("taken_down", "Taken down by the bureau")],
                        default="open",
                        max_length=50,
                        verbose_name="state",
                    ),
                ),
                ("published_at", models.DateTimeField(verbose_name="published at")),
                (
                    "priority_until",
                    models.DateTimeField(verbose_name="open to registered unemployed residents only until"),
                ),
                ("closed_at", models.DateTimeField(blank=True, null=True, verbose_name="closed at")),
                ("taken_down_at", models.DateTimeField(blank=True, null=True, verbose_name="taken down at")),
                ("take_down_reason", models.TextField(blank=True, verbose_name="reason for taking it down")),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="job_posts",
                        to="registry.category",
                        verbose_name="category",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="job_posts",
                        to="registry.location",
                        verbose_name="outlet",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="job_posts",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
                (
                    "published_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="published by",
                    ),
                ),
                (
                    "taken_down_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="taken down by",
                    ),
                ),
            ],
            options={
                "verbose_name": "job post",
                "verbose_name_plural": "job posts",
                "ordering": ["-published_at", "-pk"],
                "indexes": [
                    models.Index(fields=["state", "ends_on", "published_at"], name="job_posts_public"),
                    models.Index(fields=["organization", "state"], name="job_posts_by_merchant"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("ends_on__gte", models.F("starts_on"))), name="job_ends_after_it_starts"
                    ),
                    models.CheckConstraint(condition=models.Q(("places__gte", 1)), name="job_has_a_place"),
                    models.CheckConstraint(condition=models.Q(("pay_amount__gt", 0)), name="job_pay_positive"),
                    models.CheckConstraint(condition=models.Q(("hours_per_day__gt", 0)), name="job_hours_positive"),
                    models.CheckConstraint(
                        condition=models.Q(("days_per_week__gte", 1), ("days_per_week__lte", 7)),
                        name="job_days_in_a_week",
                    ),
                ],
            },
            bases=(django_fsm.FSMModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name="JobApplication",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("full_name", models.CharField(max_length=100, verbose_name="full name")),
                ("phone", models.CharField(max_length=20, verbose_name="mobile phone")),
                (
                    "availability",
                    models.CharField(
                        help_text="e.g. weekday mornings; from 1 April",
                        max_length=300,
                        verbose_name="when you can work",
                    ),
                ),
                (
                    "experience",
                    models.TextField(
                        blank=True,
                        help_text="Work you have done that fits this job.",
                        max_length=2000,
                        verbose_name="your experience",
                    ),
                ),
                (
                    "cv",
                    models.FileField(
                        blank=True,
                        storage=market.private_storage.private_storage,
                        upload_to=market.jobs.models.cv_file_path,
                        validators=[market.jobs.models.validate_cv_file],
                        verbose_name="CV",
                    ),
                ),
                (
                    "priority_applicant",
                    models.BooleanField(default=False, verbose_name="verified registered unemployed when applying"),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("submitted", "Sent"),
                            ("invited", "Invited"),
                            ("hired", "Hired"),
                            ("declined", "Declined"),
                            ("withdrawn", "Withdrawn"),
                            ("ended", "Post taken down"),
                        ],
                        default="submitted",
                        max_length=50,
                        verbose_name="state",
                    ),
                ),
                ("merchant_message", models.TextField(blank=True, verbose_name="message from the merchant")),
                ("applied_at", models.DateTimeField(verbose_name="applied at")),
                ("invited_at", models.DateTimeField(blank=True, null=True, verbose_name="invited at")),
                ("hired_at", models.DateTimeField(blank=True, null=True, verbose_name="hired at")),
                ("declined_at", models.DateTimeField(blank=True, null=True, verbose_name="declined at")),
                ("withdrawn_at", models.DateTimeField(blank=True, null=True, verbose_name="withdrawn at")),
                (
                    "resident",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="job_applications",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="resident",
                    ),
                ),
                (
                    "post",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="applications",
                        to="jobs.jobpost",
                        verbose_name="post",
                    ),
                ),
            ],
            options={
                "verbose_name": "job application",
                "verbose_name_plural": "job applications",
                "ordering": ["-applied_at", "-pk"],
                "indexes": [
                    models.Index(fields=["post", "state"], name="job_applications_by_post"),
                    models.Index(fields=["resident", "applied_at"], name="job_applications_by_resident"),
                ],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("state__in", ["withdrawn", "ended"]), _negated=True),
                        fields=("post", "resident"),
                        name="one_live_application_per_post",
                    )
                ],
            },
            bases=(django_fsm.FSMModelMixin, models.Model),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
