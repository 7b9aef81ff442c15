"""Discounts' migrations 0001-0010 squashed: one CreateModel per model, then the data a fresh database needs.

The data operation runs the replaced migrations' functions in their order (imported from their files, kept until
every deployment has migrated past them; when the replaced files are deleted, the functions move here). 0006's
secrets for existing benefit codes and its hold on existing sales without a code only change rows a fresh database
does not have (elidable there), so the squash leaves them out.
"""

from importlib import import_module

import django.db.models.deletion
import django_fsm
import market.discounts.models.eligibility
import market.discounts.uploads
import market.encryption
import market.private_storage
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


def old(name):
    return import_module(f"market.discounts.migrations.{name}")


def seed(apps, schema_editor):
    """The eligibility groups (0002, 0006's proof for the elderly, 0009's English descriptions) and the roles'
    permissions (0003, 0006)."""
    old("0002_eligibility_groups").seed(apps, schema_editor)
    old("0003_role_permissions").grant(apps, schema_editor)
    trust_data = old("0006_trust_data")
    trust_data.elderly_need_proof(apps, schema_editor)
    trust_data.grant(apps, schema_editor)
    old("0009_eligibility_group_descriptions_in_english").describe_in_english(apps, schema_editor)


class Migration(migrations.Migration):
    replaces = [
        ("discounts", "0001_initial"),
        ("discounts", "0002_eligibility_groups"),
        ("discounts", "0003_role_permissions"),
        ("discounts", "0004_micro_profit_unit_in_english"),
        ("discounts", "0005_trust"),
        ("discounts", "0006_trust_data"),
        ("discounts", "0007_benefit_code_secrets_required"),
        ("discounts", "0008_eligibility_group_description_en"),
        ("discounts", "0009_eligibility_group_descriptions_in_english"),
        ("discounts", "0010_records_of_orders_paid_online"),
    ]

    initial = True

    dependencies = [
        ("accounts", "0002_roles"),
        ("registry", "0001_squashed_0006_description_limit"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="BenefitCode",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("issued_at", models.DateTimeField(verbose_name="issued at")),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="revoked at")),
                (
                    "resident",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="benefit_codes",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="resident",
                    ),
                ),
                (
                    "qr_id_digest",
                    models.CharField(editable=False, max_length=64, unique=True, verbose_name="QR identifier digest"),
                ),
                (
                    "qr_last_step",
                    models.BigIntegerField(
                        blank=True,
                        editable=False,
                        help_text="A QR code records one sale or redemption: the same one shown again is refused.",
                        null=True,
                        verbose_name="last QR time step used",
                    ),
                ),
                ("secret", market.encryption.EncryptedTextField(editable=False, verbose_name="secret")),
            ],
            options={
                "verbose_name": "benefit code",
                "verbose_name_plural": "benefit codes",
                "ordering": ["resident", "-issued_at"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("revoked_at__isnull", True)),
                        fields=("resident",),
                        name="one_active_benefit_code",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="CodeLookupFailure",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("ip_address", models.GenericIPAddressField(blank=True, null=True, verbose_name="IP address")),
                ("at", models.DateTimeField(verbose_name="at")),
                (
                    "account",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="merchant account",
                    ),
                ),
            ],
            options={
                "verbose_name": "failed code entry",
                "verbose_name_plural": "failed code entries",
                "indexes": [
                    models.Index(fields=["account", "at"], name="lookup_failures_by_account"),
                    models.Index(fields=["ip_address", "at"], name="lookup_failures_by_address"),
                ],
            },
        ),
        migrations.CreateModel(
            name="EligibilityGroup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="name (Chinese)")),
                ("name_en", models.CharField(blank=True, max_length=200, verbose_name="name (English)")),
                ("code", models.SlugField(unique=True, verbose_name="code")),
                ("description", models.TextField(blank=True, verbose_name="description (Chinese)")),
                ("proof_required", models.BooleanField(default=True, verbose_name="proof required")),
                (
                    "derivable_from_birth_date",
                    models.BooleanField(
                        default=False,
                        help_text="Membership follows from the date of birth in the resident's ID number (e.g. the elderly). A reviewer still checks the ID card image against the number, unless automatic verification is on.",
                        verbose_name="by age",
                    ),
                ),
                (
                    "minimum_age",
                    models.PositiveSmallIntegerField(
                        blank=True, help_text="For groups by age.", null=True, verbose_name="minimum age"
                    ),
                ),
                (
                    "default_validity_months",
                    models.PositiveSmallIntegerField(default=12, verbose_name="valid for (months)"),
                ),
                ("active", models.BooleanField(default=True, verbose_name="open for applications")),
                ("sort_order", models.PositiveSmallIntegerField(default=0, verbose_name="sort order")),
                (
                    "verify_automatically",
                    models.BooleanField(
                        default=False,
                        help_text="For a group by age only: verify an application at once, with no proof and no reviewer, when the ID number shows the minimum age. Off by default: a reviewer matches the ID card image to the number.",
                        verbose_name="verify automatically",
                    ),
                ),
                ("description_en", models.TextField(blank=True, verbose_name="description (English)")),
            ],
            options={
                "verbose_name": "eligibility group",
                "verbose_name_plural": "eligibility groups",
                "ordering": ["sort_order", "code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("derivable_from_birth_date", False), ("minimum_age__isnull", False), _connector="OR"
                        ),
                        name="birth_date_groups_name_their_age",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("verify_automatically", False), ("derivable_from_birth_date", True), _connector="OR"
                        ),
                        name="only_age_groups_verify_automatically",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="EligibilityApplication",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "date_of_birth",
                    models.DateField(
                        blank=True, help_text="As the ID number gives it.", null=True, verbose_name="date of birth"
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("submitted", "Submitted"),
                            ("verified", "Verified"),
                            ("declined", "Declined"),
                            ("withdrawn", "Withdrawn"),
                        ],
                        default="submitted",
                        max_length=50,
                        verbose_name="state",
                    ),
                ),
                ("submitted_at", models.DateTimeField(verbose_name="submitted at")),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided at")),
                ("decline_reason", models.TextField(blank=True, verbose_name="reason for declining")),
                ("valid_until", models.DateField(blank=True, null=True, verbose_name="valid until")),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty where the group verifies automatically by age.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="verified or declined by",
                    ),
                ),
                (
                    "resident",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="eligibility_applications",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="resident",
                    ),
                ),
                (
                    "group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="applications",
                        to="discounts.eligibilitygroup",
                        verbose_name="group",
                    ),
                ),
                (
                    "id_number",
                    market.encryption.EncryptedTextField(
                        blank=True,
                        help_text="居民身份证号, stored encrypted; shown masked but to the reviewer.",
                        verbose_name="ID number",
                    ),
                ),
                (
                    "id_number_digest",
                    models.CharField(blank=True, editable=False, max_length=64, verbose_name="ID number (keyed hash)"),
                ),
                (
                    "id_number_masked",
                    models.CharField(blank=True, editable=False, max_length=18, verbose_name="ID number (masked)"),
                ),
                ("real_name", models.CharField(blank=True, max_length=100, verbose_name="name on the ID card")),
            ],
            options={
                "verbose_name": "eligibility application",
                "verbose_name_plural": "eligibility applications",
                "ordering": ["-submitted_at"],
                "indexes": [
                    models.Index(fields=["state", "submitted_at"], name="eligibility_review_queue"),
                    models.Index(fields=["id_number_digest"], name="eligibility_by_id_number"),
                ],
            },
            bases=(django_fsm.FSMModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name="Eligibility",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("valid_from", models.DateField(verbose_name="valid from")),
                ("valid_until", models.DateField(verbose_name="valid until")),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="revoked at")),
                ("revocation_reason", models.TextField(blank=True, verbose_name="reason for revoking")),
                (
                    "resident",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="eligibilities",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="resident",
                    ),
                ),
                (
                    "revoked_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="revoked by",
                    ),
                ),
                (
                    "source_application",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="eligibility",
                        to="discounts.eligibilityapplication",
                        verbose_name="application",
                    ),
                ),
                (
                    "group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="eligibilities",
                        to="discounts.eligibilitygroup",
                        verbose_name="group",
                    ),
                ),
            ],
            options={
                "verbose_name": "eligibility",
                "verbose_name_plural": "eligibilities",
                "ordering": ["resident", "-valid_until"],
                "indexes": [models.Index(fields=["resident", "valid_until"], name="eligibility_by_resident")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("valid_until__gte", models.F("valid_from"))),
                        name="eligibility_ends_after_it_starts",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="EligibilityProof",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "file",
                    models.FileField(
                        storage=market.private_storage.private_storage,
                        upload_to=market.discounts.models.eligibility.proof_file_path,
                        validators=[market.discounts.uploads.validate_proof_file],
                        verbose_name="proof",
                    ),
                ),
                ("uploaded_at", models.DateTimeField(auto_now_add=True, verbose_name="uploaded at")),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="proofs",
                        to="discounts.eligibilityapplication",
                        verbose_name="application",
                    ),
                ),
            ],
            options={
                "verbose_name": "proof of eligibility",
                "verbose_name_plural": "proofs of eligibility",
                "ordering": ["application", "uploaded_at"],
            },
        ),
        migrations.CreateModel(
            name="EligibilityReminder",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("days_before", models.PositiveSmallIntegerField(verbose_name="days before the end")),
                ("sent_at", models.DateTimeField(verbose_name="sent at")),
                (
                    "eligibility",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminders",
                        to="discounts.eligibility",
                    ),
                ),
            ],
            options={
                "verbose_name": "eligibility renewal reminder",
                "verbose_name_plural": "eligibility renewal reminders",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("eligibility", "days_before"), name="one_reminder_per_eligibility_day"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="MicroProfitServiceType",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="name (Chinese)")),
                ("name_en", models.CharField(blank=True, max_length=200, verbose_name="name (English)")),
                (
                    "unit",
                    models.CharField(
                        help_text="What one is, e.g. 一次 (a visit), 一件 (a garment).",
                        max_length=50,
                        verbose_name="unit (Chinese)",
                    ),
                ),
                ("price_cap", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="price cap (yuan)")),
                (
                    "subsidy_per_unit",
                    models.DecimalField(
                        decimal_places=2, default=0, max_digits=12, verbose_name="subsidy per unit (yuan)"
                    ),
                ),
                ("valid_from", models.DateField(verbose_name="valid from")),
                ("valid_to", models.DateField(blank=True, null=True, verbose_name="valid to")),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="micro_profit_service_types",
                        to="registry.category",
                        verbose_name="category",
                    ),
                ),
                (
                    "unit_en",
                    models.CharField(
                        blank=True,
                        help_text="The same in English, e.g. visit, garment.",
                        max_length=50,
                        verbose_name="unit (English)",
                    ),
                ),
                (
                    "max_units_per_resident_per_day",
                    models.PositiveSmallIntegerField(
                        default=20,
                        help_text="At all merchants together; a sale that would go beyond it is refused.",
                        verbose_name="most units per resident a day",
                    ),
                ),
                (
                    "max_units_per_sale",
                    models.PositiveSmallIntegerField(
                        default=10,
                        help_text="A sale of more is refused at the counter.",
                        verbose_name="most units in one sale",
                    ),
                ),
                (
                    "review_above_daily_units",
                    models.PositiveIntegerField(
                        default=50,
                        help_text="Where an outlet has little history, sales beyond this many units in a day are held too.",
                        verbose_name="flag above this many units a day at any outlet",
                    ),
                ),
                (
                    "usual_volume_factor",
                    models.DecimalField(
                        decimal_places=1,
                        default=Decimal("3.0"),
                        help_text="An outlet's usual day is the median of its daily units over the last 28 days with sales. Sales that take a day beyond this multiple of it are held for a reviewer before they can be claimed.",
                        max_digits=4,
                        verbose_name="flag above this multiple of an outlet's usual day",
                    ),
                ),
            ],
            options={
                "verbose_name": "micro-profit service type",
                "verbose_name_plural": "micro-profit service types",
                "ordering": ["category", "name"],
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("price_cap__gt", 0)), name="price_cap_positive"),
                    models.CheckConstraint(
                        condition=models.Q(("subsidy_per_unit__gte", 0)), name="subsidy_not_negative"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("max_units_per_sale__gte", 1)), name="sale_limit_at_least_one"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("max_units_per_resident_per_day__gte", models.F("max_units_per_sale"))),
                        name="day_limit_at_least_sale_limit",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("usual_volume_factor__gte", 1)), name="volume_factor_at_least_one"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="MicroProfitService",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                ("price", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="price (yuan)")),
                ("active", models.BooleanField(default=True, verbose_name="active")),
                (
                    "locations",
                    models.ManyToManyField(
                        blank=True, related_name="micro_profit_services", to="registry.location", verbose_name="outlets"
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="micro_profit_services",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
                (
                    "service_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="services",
                        to="discounts.microprofitservicetype",
                        verbose_name="type",
                    ),
                ),
            ],
            options={
                "verbose_name": "micro-profit service",
                "verbose_name_plural": "micro-profit services",
                "ordering": ["organization", "name"],
            },
        ),
        migrations.CreateModel(
            name="MicroProfitSale",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("quantity", models.IntegerField(help_text="Negative in a reversing record.", verbose_name="quantity")),
                ("unit_price", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="unit price")),
                ("amount_paid", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="amount paid")),
                (
                    "subsidy_per_unit",
                    models.DecimalField(decimal_places=2, max_digits=12, verbose_name="subsidy per unit"),
                ),
                ("subsidy_amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="subsidy")),
                ("sold_at", models.DateTimeField(verbose_name="sold at")),
                ("idempotency_key", models.CharField(max_length=100, unique=True, verbose_name="idempotency key")),
                ("reason", models.TextField(blank=True, verbose_name="reason for the correction")),
                (
                    "location",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="micro_profit_sales",
                        to="registry.location",
                        verbose_name="outlet",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="micro_profit_sales",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
                (
                    "reverses",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reversal",
                        to="discounts.microprofitsale",
                        verbose_name="reverses",
                    ),
                ),
                (
                    "staff",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for an order paid online: the order is the record.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="staff member",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="sales",
                        to="discounts.microprofitservice",
                        verbose_name="service",
                    ),
                ),
                (
                    "benefit_code",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="micro_profit_sales",
                        to="discounts.benefitcode",
                        verbose_name="benefit code",
                    ),
                ),
                (
                    "code_kind",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("qr", "QR code on the phone"),
                            ("typed", "one-time typed code"),
                            ("card", "printed card"),
                        ],
                        max_length=10,
                        verbose_name="code presented as",
                    ),
                ),
                (
                    "resident",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="micro_profit_purchases",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="resident",
                    ),
                ),
                (
                    "channel",
                    models.CharField(
                        choices=[("counter", "At the counter"), ("online", "Order paid online")],
                        default="counter",
                        max_length=10,
                        verbose_name="where",
                    ),
                ),
            ],
            options={
                "verbose_name": "micro-profit sale",
                "verbose_name_plural": "micro-profit sales",
                "ordering": ["-sold_at", "-pk"],
                "indexes": [
                    models.Index(fields=["organization", "sold_at"], name="sales_by_merchant"),
                    models.Index(fields=["resident", "sold_at"], name="sales_by_resident"),
                    models.Index(fields=["location", "sold_at"], name="sales_by_outlet"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("quantity__gt", 0), ("reverses__isnull", True)),
                            models.Q(("quantity__lt", 0), ("reverses__isnull", False)),
                            _connector="OR",
                        ),
                        name="sale_quantity_sign",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("channel", "counter"), _negated=True), ("staff__isnull", False), _connector="OR"
                        ),
                        name="sale_at_counter_names_staff",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Offer",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        help_text="e.g. 10 percent off laundry for laid-off workers",
                        max_length=200,
                        verbose_name="name",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("percent", "Percentage off"), ("amount", "Amount off")],
                        max_length=10,
                        verbose_name="kind",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2,
                        help_text="The percentage off, or the amount off in yuan.",
                        max_digits=12,
                        verbose_name="amount",
                    ),
                ),
                (
                    "maximum_discount",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Caps a percentage discount.",
                        max_digits=12,
                        null=True,
                        verbose_name="maximum discount (yuan)",
                    ),
                ),
                (
                    "minimum_spend",
                    models.DecimalField(
                        blank=True, decimal_places=2, max_digits=12, null=True, verbose_name="minimum spend (yuan)"
                    ),
                ),
                ("currency", models.CharField(default="CNY", editable=False, max_length=3, verbose_name="currency")),
                ("valid_from", models.DateField(verbose_name="valid from")),
                ("valid_to", models.DateField(blank=True, null=True, verbose_name="valid to")),
                (
                    "total_quota",
                    models.PositiveIntegerField(
                        blank=True, help_text="Empty for no limit.", null=True, verbose_name="total quota"
                    ),
                ),
                (
                    "per_person_quota",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="uses per person"),
                ),
                (
                    "quota_period",
                    models.CharField(
                        choices=[("day", "per day"), ("week", "per week"), ("month", "per month")],
                        default="month",
                        max_length=10,
                        verbose_name="per period",
                    ),
                ),
                ("terms", models.TextField(blank=True, verbose_name="terms")),
                ("active", models.BooleanField(default=True, verbose_name="active")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "groups",
                    models.ManyToManyField(
                        related_name="offers", to="discounts.eligibilitygroup", verbose_name="groups"
                    ),
                ),
                (
                    "locations",
                    models.ManyToManyField(related_name="offers", to="registry.location", verbose_name="outlets"),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="offers",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
            ],
            options={
                "verbose_name": "offer",
                "verbose_name_plural": "offers",
                "ordering": ["organization", "-valid_from"],
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("amount__gt", 0)), name="offer_amount_positive"),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("kind", "percent"), _negated=True), ("amount__lte", 100), _connector="OR"
                        ),
                        name="offer_percent_at_most_100",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("valid_to__isnull", True), ("valid_to__gte", models.F("valid_from")), _connector="OR"
                        ),
                        name="offer_ends_after_it_starts",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Redemption",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("amount_before", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="amount before")),
                ("saving", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="saving")),
                ("amount_paid", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="amount paid")),
                ("redeemed_at", models.DateTimeField(verbose_name="at")),
                ("idempotency_key", models.CharField(max_length=100, unique=True, verbose_name="idempotency key")),
                ("reason", models.TextField(blank=True, verbose_name="reason for the correction")),
                (
                    "benefit_code",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for an order paid online: the order names the resident.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="redemptions",
                        to="discounts.benefitcode",
                        verbose_name="benefit code",
                    ),
                ),
                (
                    "group",
                    models.ForeignKey(
                        help_text="The group whose eligibility the offer was used under.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="redemptions",
                        to="discounts.eligibilitygroup",
                        verbose_name="group",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="redemptions",
                        to="registry.location",
                        verbose_name="outlet",
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="redemptions",
                        to="discounts.offer",
                        verbose_name="offer",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="redemptions",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
                (
                    "resident",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="redemptions",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="resident",
                    ),
                ),
                (
                    "reverses",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reversal",
                        to="discounts.redemption",
                        verbose_name="reverses",
                    ),
                ),
                (
                    "staff",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for an order paid online: the order is the record.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="staff member",
                    ),
                ),
                (
                    "channel",
                    models.CharField(
                        choices=[("counter", "At the counter"), ("online", "Order paid online")],
                        default="counter",
                        max_length=10,
                        verbose_name="where",
                    ),
                ),
            ],
            options={
                "verbose_name": "redemption",
                "verbose_name_plural": "redemptions",
                "ordering": ["-redeemed_at", "-pk"],
                "indexes": [
                    models.Index(fields=["redeemed_at"], name="redemptions_by_time"),
                    models.Index(fields=["offer", "resident", "redeemed_at"], name="redemptions_for_quota"),
                    models.Index(fields=["resident", "redeemed_at"], name="redemptions_by_resident"),
                    models.Index(fields=["organization", "redeemed_at"], name="redemptions_by_merchant"),
                    models.Index(fields=["location", "redeemed_at"], name="redemptions_by_outlet"),
                    models.Index(fields=["group", "redeemed_at"], name="redemptions_by_group"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("reverses__isnull", True), ("saving__gte", 0)),
                            models.Q(("reverses__isnull", False), ("saving__lte", 0)),
                            _connector="OR",
                        ),
                        name="redemption_saving_sign",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("channel", "counter"), _negated=True),
                            models.Q(("benefit_code__isnull", False), ("staff__isnull", False)),
                            _connector="OR",
                        ),
                        name="redemption_at_counter_names_staff_and_code",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="SubsidyClaim",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("period_start", models.DateField(verbose_name="period from")),
                ("period_end", models.DateField(verbose_name="period to")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("submitted", "Submitted"),
                            ("checked", "Checked"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                            ("paid", "Paid"),
                        ],
                        default="submitted",
                        max_length=50,
                        verbose_name="state",
                    ),
                ),
                ("total_subsidy", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="subsidy claimed")),
                ("submitted_at", models.DateTimeField(verbose_name="submitted at")),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided at")),
                ("decision_reasons", models.TextField(blank=True, verbose_name="reasons")),
                (
                    "paid_amount",
                    models.DecimalField(
                        blank=True, decimal_places=2, max_digits=12, null=True, verbose_name="amount paid"
                    ),
                ),
                ("paid_at", models.DateTimeField(blank=True, null=True, verbose_name="paid at")),
                ("payment_reference", models.CharField(blank=True, max_length=100, verbose_name="payment reference")),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="decided by",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="subsidy_claims",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="submitted by",
                    ),
                ),
                ("check_note", models.TextField(blank=True, verbose_name="remarks on the check")),
                ("checked_at", models.DateTimeField(blank=True, null=True, verbose_name="checked at")),
                (
                    "checked_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="checked by",
                    ),
                ),
                (
                    "paid_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="payment recorded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "subsidy claim",
                "verbose_name_plural": "subsidy claims",
                "ordering": ["-submitted_at"],
                "indexes": [models.Index(fields=["organization", "period_start"], name="claims_by_merchant")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("period_end__gte", models.F("period_start"))),
                        name="claim_period_ends_after_it_starts",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("checked_by__isnull", True),
                            ("decided_by__isnull", True),
                            models.Q(("checked_by", models.F("decided_by")), _negated=True),
                            _connector="OR",
                        ),
                        name="claim_checked_and_decided_by_two",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("checked_by__isnull", True),
                            ("paid_by__isnull", True),
                            models.Q(("checked_by", models.F("paid_by")), _negated=True),
                            _connector="OR",
                        ),
                        name="claim_checked_and_paid_by_two",
                    ),
                ],
            },
            bases=(django_fsm.FSMModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name="SubsidyClaimLine",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("subsidy_amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="subsidy")),
                ("released_at", models.DateTimeField(blank=True, null=True, verbose_name="released at")),
                (
                    "claim",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="lines",
                        to="discounts.subsidyclaim",
                        verbose_name="claim",
                    ),
                ),
                (
                    "sale",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="claim_lines",
                        to="discounts.microprofitsale",
                        verbose_name="sale",
                    ),
                ),
            ],
            options={
                "verbose_name": "subsidy claim line",
                "verbose_name_plural": "subsidy claim lines",
                "ordering": ["claim", "sale__sold_at"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("released_at__isnull", True)), fields=("sale",), name="sale_claimed_once"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="BenefitCard",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "number_digest",
                    models.CharField(editable=False, max_length=64, unique=True, verbose_name="card number digest"),
                ),
                ("number_end", models.CharField(editable=False, max_length=4, verbose_name="card number ends")),
                ("issued_at", models.DateTimeField(verbose_name="issued at")),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="revoked at")),
                ("revocation_reason", models.TextField(blank=True, verbose_name="reason for revoking")),
                (
                    "issued_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="issued by",
                    ),
                ),
                (
                    "resident",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="benefit_cards",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="resident",
                    ),
                ),
                (
                    "revoked_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="revoked by",
                    ),
                ),
            ],
            options={
                "verbose_name": "benefit card",
                "verbose_name_plural": "benefit cards",
                "ordering": ["-issued_at"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("revoked_at__isnull", True)),
                        fields=("resident",),
                        name="one_active_benefit_card",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="OneTimeCode",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "code_digest",
                    models.CharField(editable=False, max_length=64, unique=True, verbose_name="code digest"),
                ),
                ("issued_at", models.DateTimeField(verbose_name="issued at")),
                ("expires_at", models.DateTimeField(verbose_name="valid until")),
                ("used_at", models.DateTimeField(blank=True, null=True, verbose_name="used at")),
                (
                    "benefit_code",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="one_time_codes",
                        to="discounts.benefitcode",
                        verbose_name="benefit code",
                    ),
                ),
                (
                    "used_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="used by (counter staff)",
                    ),
                ),
            ],
            options={
                "verbose_name": "one-time code",
                "verbose_name_plural": "one-time codes",
                "ordering": ["-issued_at"],
                "indexes": [models.Index(fields=["benefit_code", "issued_at"], name="one_time_codes_by_code")],
            },
        ),
        migrations.CreateModel(
            name="CodeUse",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("qr", "QR code on the phone"),
                            ("typed", "one-time typed code"),
                            ("card", "printed card"),
                        ],
                        max_length=10,
                        verbose_name="presented as",
                    ),
                ),
                (
                    "purpose",
                    models.CharField(
                        choices=[
                            ("lookup", "checked at the counter"),
                            ("redemption", "offer redeemed"),
                            ("sale", "micro-profit sale"),
                        ],
                        max_length=20,
                        verbose_name="for",
                    ),
                ),
                ("at", models.DateTimeField(verbose_name="at")),
                (
                    "benefit_code",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="uses",
                        to="discounts.benefitcode",
                        verbose_name="benefit code",
                    ),
                ),
                (
                    "card",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="uses",
                        to="discounts.benefitcard",
                        verbose_name="card",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="registry.location",
                        verbose_name="outlet",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
                (
                    "staff",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="staff member",
                    ),
                ),
                (
                    "one_time_code",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="uses",
                        to="discounts.onetimecode",
                        verbose_name="one-time code",
                    ),
                ),
            ],
            options={
                "verbose_name": "use of a benefit code",
                "verbose_name_plural": "uses of benefit codes",
                "ordering": ["-at", "-pk"],
                "indexes": [
                    models.Index(fields=["benefit_code", "at"], name="code_uses_by_code"),
                    models.Index(fields=["card", "at"], name="code_uses_by_card"),
                ],
            },
        ),
        migrations.CreateModel(
            name="SaleFlag",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("volume", "Far above the outlet's usual day"),
                            ("no_code", "Recorded before sales named a resident's code"),
                        ],
                        max_length=20,
                        verbose_name="why it is held",
                    ),
                ),
                (
                    "units_that_day",
                    models.IntegerField(blank=True, null=True, verbose_name="units at the outlet that day"),
                ),
                (
                    "usual_daily_units",
                    models.DecimalField(
                        blank=True,
                        decimal_places=1,
                        max_digits=10,
                        null=True,
                        verbose_name="the outlet's usual day (units)",
                    ),
                ),
                ("threshold", models.IntegerField(blank=True, null=True, verbose_name="units a day before a flag")),
                ("flagged_at", models.DateTimeField(verbose_name="flagged at")),
                (
                    "state",
                    models.CharField(
                        choices=[("open", "Waiting for a reviewer"), ("cleared", "Cleared"), ("rejected", "Rejected")],
                        default="open",
                        max_length=50,
                        verbose_name="state",
                    ),
                ),
                ("reviewed_at", models.DateTimeField(blank=True, null=True, verbose_name="reviewed at")),
                ("review_note", models.TextField(blank=True, verbose_name="reviewer's note")),
                (
                    "reviewed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reviewed by",
                    ),
                ),
                (
                    "sale",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="flag",
                        to="discounts.microprofitsale",
                        verbose_name="sale",
                    ),
                ),
            ],
            options={
                "verbose_name": "flagged sale",
                "verbose_name_plural": "flagged sales",
                "ordering": ["-flagged_at", "-pk"],
                "indexes": [models.Index(fields=["state", "flagged_at"], name="sale_flags_queue")],
            },
            bases=(django_fsm.FSMModelMixin, models.Model),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
