"""Licensing's migrations 0001-0007 squashed: one CreateModel per model (Application's fields from renewed_licence on
are added once Licence exists, in their order, as the replaced chain did), then the data a fresh database needs.

The data operation runs the replaced migrations' functions in their order (imported from their files, kept until
every deployment has migrated past them; when the replaced files are deleted, the functions move here).
"""

from importlib import import_module

import django.core.validators
import django.db.models.deletion
import django_fsm
import market.licensing.models
import market.private_storage
from django.conf import settings
from django.db import migrations, models


def old(name):
    return import_module(f"market.licensing.migrations.{name}")


def seed(apps, schema_editor):
    """The published holiday calendars of 2025 and 2026 (0002, 0006) and the administrators' permissions (0003, 0006)."""
    old("0002_holiday_calendar_2025_2026").load(apps, schema_editor)
    old("0003_administrator_permissions").grant(apps, schema_editor)
    old("0006_calendar_years_and_sources").forwards(apps, schema_editor)


def unseed(apps, schema_editor):
    old("0002_holiday_calendar_2025_2026").unload(apps, schema_editor)


class Migration(migrations.Migration):
    replaces = [
        ("licensing", "0001_initial"),
        ("licensing", "0002_holiday_calendar_2025_2026"),
        ("licensing", "0003_administrator_permissions"),
        ("licensing", "0004_alter_listingevent_actor"),
        ("licensing", "0005_bureau_practice"),
        ("licensing", "0006_calendar_years_and_sources"),
        ("licensing", "0007_licensing_fees"),
    ]

    initial = True

    dependencies = [
        ("accounts", "0002_roles"),
        ("registry", "0001_squashed_0006_description_limit"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CalendarDay",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField(unique=True, verbose_name="date")),
                (
                    "kind",
                    models.CharField(
                        choices=[("public_holiday", "Public holiday"), ("make_up_working_day", "Make-up working day")],
                        help_text="To make a published holiday a working day, change it to a make-up working day.",
                        max_length=30,
                        verbose_name="kind",
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name (Chinese)")),
                ("name_en", models.CharField(blank=True, max_length=100, verbose_name="name (English)")),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("published", "Published calendar (chinesecalendar package)"),
                            ("administrator", "Entered by an administrator"),
                        ],
                        default="administrator",
                        max_length=20,
                        verbose_name="source",
                    ),
                ),
            ],
            options={
                "verbose_name": "calendar day",
                "verbose_name_plural": "holiday calendar",
                "ordering": ["date"],
            },
        ),
        migrations.CreateModel(
            name="CategoryReviewPolicy",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "public_notice_working_days",
                    models.PositiveSmallIntegerField(
                        default=5,
                        help_text="0 approves without a public notice.",
                        verbose_name="public notice (working days)",
                    ),
                ),
                (
                    "category",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="review_policy",
                        to="registry.category",
                        verbose_name="category",
                    ),
                ),
                (
                    "change_notice_working_days",
                    models.PositiveSmallIntegerField(
                        default=3,
                        help_text="For a listed merchant's change application (new or closed outlet, new address or name).",
                        verbose_name="public notice of a change (working days)",
                    ),
                ),
                (
                    "notice_stops_decision_clock",
                    models.BooleanField(
                        default=False,
                        help_text="Where local rules say so, the working days of the public notice do not count towards the 20 working days of the decision. The applicant is told with the deadline.",
                        verbose_name="public notice stops the decision clock",
                    ),
                ),
            ],
            options={
                "verbose_name": "category review policy",
                "verbose_name_plural": "category review policies",
            },
        ),
        migrations.CreateModel(
            name="LicenceType",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="name (Chinese)")),
                ("name_en", models.CharField(blank=True, max_length=200, verbose_name="name (English)")),
                ("code", models.SlugField(unique=True, verbose_name="code")),
                (
                    "issuing_authority",
                    models.CharField(blank=True, max_length=200, verbose_name="usual issuing authority"),
                ),
                ("legal_basis", models.TextField(blank=True, verbose_name="legal basis")),
                (
                    "fee_amount",
                    models.DecimalField(
                        decimal_places=2,
                        default=0,
                        help_text="Licensing is free (Art. 58) unless a law or administrative regulation provides a fee.",
                        max_digits=10,
                        verbose_name="fee (yuan)",
                    ),
                ),
                (
                    "fee_legal_basis",
                    models.CharField(blank=True, max_length=300, verbose_name="legal basis of the fee"),
                ),
                (
                    "required_for_categories",
                    models.ManyToManyField(
                        blank=True,
                        related_name="required_licence_types",
                        to="registry.category",
                        verbose_name="required for categories",
                    ),
                ),
            ],
            options={
                "verbose_name": "licence type",
                "verbose_name_plural": "licence types",
                "ordering": ["code"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("fee_amount", 0), models.Q(("fee_legal_basis", ""), _negated=True), _connector="OR"
                        ),
                        name="licence_fee_names_its_legal_basis",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="CaseNumberSequence",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField(unique=True, verbose_name="year")),
                ("last", models.PositiveIntegerField(default=0, verbose_name="last number issued")),
            ],
            options={
                "verbose_name": "case number sequence",
                "verbose_name_plural": "case number sequences",
            },
        ),
        migrations.CreateModel(
            name="HolidayCalendarYear",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField(unique=True, verbose_name="year")),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("published", "Published calendar (chinesecalendar package)"),
                            ("administrator", "Entered by an administrator"),
                        ],
                        default="administrator",
                        max_length=20,
                        verbose_name="source",
                    ),
                ),
                (
                    "reference",
                    models.CharField(
                        blank=True,
                        help_text="The State Council General Office notice the days come from.",
                        max_length=200,
                        verbose_name="published notice",
                    ),
                ),
                ("recorded_at", models.DateTimeField(auto_now_add=True, verbose_name="recorded at")),
            ],
            options={
                "verbose_name": "holiday calendar year",
                "verbose_name_plural": "holiday calendar years",
                "ordering": ["-year"],
            },
        ),
        migrations.CreateModel(
            name="LicensingAuthority",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(default="南京市商务局", max_length=200, verbose_name="authority (Chinese)")),
                (
                    "name_en",
                    models.CharField(
                        default="Nanjing Municipal Commerce Bureau", max_length=200, verbose_name="authority (English)"
                    ),
                ),
                (
                    "credit_code",
                    models.CharField(
                        blank=True,
                        default="11320100014197474L",
                        max_length=18,
                        verbose_name="authority's unified social credit code",
                    ),
                ),
                (
                    "address",
                    models.CharField(
                        blank=True, default="南京市玄武区北京东路41号", max_length=300, verbose_name="address"
                    ),
                ),
                ("phone", models.CharField(blank=True, default="025-12345", max_length=60, verbose_name="phone")),
                (
                    "case_number_format",
                    models.CharField(
                        default="宁商社服〔{year}〕第{number:04d}号",
                        help_text="{year} is the year of receipt, {number} the case's number in that year, e.g. {number:04d}.",
                        max_length=100,
                        verbose_name="case number format",
                    ),
                ),
                (
                    "reconsideration_body",
                    models.CharField(
                        default="南京市人民政府",
                        help_text="Where an applicant applies for administrative reconsideration.",
                        max_length=200,
                        verbose_name="reconsideration body",
                    ),
                ),
                (
                    "court",
                    models.CharField(
                        default="南京铁路运输法院",
                        help_text="Where an applicant may sue.",
                        max_length=200,
                        verbose_name="court",
                    ),
                ),
            ],
            options={
                "verbose_name": "licensing authority",
            },
        ),
        migrations.CreateModel(
            name="LicensingFee",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        blank=True,
                        choices=[("new", "New listing"), ("renewal", "Renewal"), ("change", "Change")],
                        help_text="Empty: every kind (new listing, renewal, change).",
                        max_length=20,
                        verbose_name="kind of application",
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2,
                        default=0,
                        help_text="Licensing is free (Art. 58): leave it at zero unless a law or administrative regulation provides a fee.",
                        max_digits=10,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="fee (yuan)",
                    ),
                ),
                (
                    "legal_basis",
                    models.TextField(
                        blank=True,
                        help_text="The law or administrative regulation and the article that provide the fee, e.g. “《……条例》第十二条”. Required for a fee above zero.",
                        verbose_name="legal basis",
                    ),
                ),
                (
                    "effective_from",
                    models.DateField(
                        blank=True, help_text="Required for a fee above zero.", null=True, verbose_name="in force from"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="last changed")),
                (
                    "category",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty: every category.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="licensing_fees",
                        to="registry.category",
                        verbose_name="category",
                    ),
                ),
            ],
            options={
                "verbose_name": "licensing fee",
                "verbose_name_plural": "licensing fee schedule",
                "ordering": ["category__code", "kind", "-effective_from"],
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("amount__gte", 0)), name="licensing_fee_not_negative"),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("amount", 0),
                            models.Q(models.Q(("legal_basis", ""), _negated=True), ("effective_from__isnull", False)),
                            _connector="OR",
                        ),
                        name="licensing_fee_names_its_legal_basis",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Application",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("new", "New listing"), ("renewal", "Renewal"), ("change", "Change")],
                        default="new",
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "proposed_changes",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        help_text="For a change application: the new legal names and category codes.",
                        verbose_name="proposed changes",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("submitted", "Submitted"),
                            ("needs_information", "More information needed"),
                            ("resubmitted", "Resubmitted"),
                            ("accepted", "Accepted"),
                            ("under_review", "Under review"),
                            ("public_notice", "Public notice"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                            ("withdrawn", "Withdrawn"),
                            ("not_accepted", "Not accepted"),
                        ],
                        default="draft",
                        max_length=50,
                        verbose_name="state",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("submitted_at", models.DateTimeField(blank=True, null=True, verbose_name="submitted at")),
                (
                    "received_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="Submission or resubmission: the acceptance clock runs from here.",
                        null=True,
                        verbose_name="complete material received at",
                    ),
                ),
                ("accepted_at", models.DateTimeField(blank=True, null=True, verbose_name="accepted at")),
                (
                    "accepted_by_law",
                    models.BooleanField(
                        default=False,
                        help_text="Not acted on within 5 working days (Art. 32).",
                        verbose_name="accepted by law",
                    ),
                ),
                (
                    "recommendation",
                    models.CharField(
                        blank=True,
                        choices=[("approve", "Approve"), ("reject", "Reject")],
                        max_length=20,
                        verbose_name="recommendation",
                    ),
                ),
                ("recommendation_note", models.TextField(blank=True, verbose_name="recommendation note")),
                ("recommended_at", models.DateTimeField(blank=True, null=True, verbose_name="recommended at")),
                (
                    "extended_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="decision period extended at"),
                ),
                ("extension_reason", models.TextField(blank=True, verbose_name="reason for the extension")),
                ("notice_starts_on", models.DateField(blank=True, null=True, verbose_name="public notice starts")),
                ("notice_ends_on", models.DateField(blank=True, null=True, verbose_name="public notice ends")),
                (
                    "notice_closed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="public notice closed at"),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided at")),
                ("decision_reasons", models.TextField(blank=True, verbose_name="reasons for the decision")),
                (
                    "remedies_statement",
                    models.TextField(
                        blank=True,
                        help_text="The applicant's right to reconsideration or litigation, as stated with a rejection.",
                        verbose_name="rights of review",
                    ),
                ),
                (
                    "decision_published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="decision published at"),
                ),
                (
                    "applicant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="licensing_applications",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="applicant",
                    ),
                ),
                (
                    "assignee",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="assigned_licensing_applications",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reviewer assigned",
                    ),
                ),
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
                        related_name="applications",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
                (
                    "recommended_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="recommended by",
                    ),
                ),
            ],
            options={
                "verbose_name": "application",
                "verbose_name_plural": "applications",
                "ordering": ["-created_at"],
            },
            bases=(django_fsm.FSMModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name="ApplicationEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(verbose_name="at")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("created", "Application started"),
                            ("submitted", "Submitted"),
                            ("information_requested", "More information requested"),
                            ("information_supplied", "Information supplied"),
                            ("accepted", "Accepted"),
                            ("accepted_by_law", "Accepted by law (not acted on within 5 working days)"),
                            ("assigned", "Assigned to a reviewer"),
                            ("review_started", "Review started"),
                            ("recommended_approval", "Approval recommended"),
                            ("recommended_rejection", "Rejection recommended"),
                            ("notice_opened", "Public notice opened"),
                            ("notice_closed", "Public notice closed"),
                            ("objection_recorded", "Objection received"),
                            ("objection_answered", "Objection answered"),
                            ("extended", "Decision period extended by 10 working days"),
                            ("clock_paused", "Decision clock paused"),
                            ("clock_resumed", "Decision clock resumed"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                            ("withdrawn", "Withdrawn"),
                            ("granted_by_law", "Renewal granted by law (not decided before expiry)"),
                            ("decision_published", "Decision published"),
                            ("not_accepted", "Not accepted"),
                            ("corrected", "Application corrected"),
                            ("licence_superseded", "Licence scan replaced"),
                            ("document_issued", "Written document issued"),
                        ],
                        max_length=50,
                        verbose_name="action",
                    ),
                ),
                (
                    "from_state",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("submitted", "Submitted"),
                            ("needs_information", "More information needed"),
                            ("resubmitted", "Resubmitted"),
                            ("accepted", "Accepted"),
                            ("under_review", "Under review"),
                            ("public_notice", "Public notice"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                            ("withdrawn", "Withdrawn"),
                            ("not_accepted", "Not accepted"),
                        ],
                        max_length=20,
                        verbose_name="from state",
                    ),
                ),
                (
                    "to_state",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("submitted", "Submitted"),
                            ("needs_information", "More information needed"),
                            ("resubmitted", "Resubmitted"),
                            ("accepted", "Accepted"),
                            ("under_review", "Under review"),
                            ("public_notice", "Public notice"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                            ("withdrawn", "Withdrawn"),
                            ("not_accepted", "Not accepted"),
                        ],
                        max_length=20,
                        verbose_name="to state",
                    ),
                ),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
                ("visible_to_applicant", models.BooleanField(default=True, verbose_name="visible to the applicant")),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty where the law or a scheduled job acted.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="actor",
                    ),
                ),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="events",
                        to="licensing.application",
                        verbose_name="application",
                    ),
                ),
            ],
            options={
                "verbose_name": "application event",
                "verbose_name_plural": "application events",
                "ordering": ["application", "at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="InformationRequest",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "stage",
                    models.CharField(
                        choices=[("acceptance", "Before acceptance"), ("review", "During review")],
                        max_length=20,
                        verbose_name="stage",
                    ),
                ),
                (
                    "missing_items",
                    models.JSONField(help_text="Every item the applicant must supply.", verbose_name="missing items"),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("requested_at", models.DateTimeField(verbose_name="requested at")),
                ("answer", models.TextField(blank=True, verbose_name="answer")),
                ("answered_at", models.DateTimeField(blank=True, null=True, verbose_name="answered at")),
                (
                    "answered_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="answered by",
                    ),
                ),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="information_requests",
                        to="licensing.application",
                        verbose_name="application",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="requested by",
                    ),
                ),
                (
                    "corrections",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        help_text='The merchant\'s fields ("fields"), outlets ("outlets", by id) and licence scans ("licences", by id) the applicant is asked to correct; only these are editable in the portal while the request is open.',
                        verbose_name="what the applicant may correct",
                    ),
                ),
            ],
            options={
                "verbose_name": "request for information",
                "verbose_name_plural": "requests for information",
                "ordering": ["application", "requested_at"],
            },
        ),
        migrations.CreateModel(
            name="ClockPause",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("waiting_for_applicant", "Waiting for the applicant"),
                            ("inspection", "On-site inspection"),
                            ("hearing", "Hearing"),
                            ("expert_review", "Expert review"),
                        ],
                        max_length=30,
                        verbose_name="reason",
                    ),
                ),
                ("started_at", models.DateTimeField(verbose_name="started at")),
                ("ended_at", models.DateTimeField(blank=True, null=True, verbose_name="ended at")),
                (
                    "applicant_told_in_writing",
                    models.BooleanField(default=False, verbose_name="applicant told in writing"),
                ),
                ("written_notice", models.TextField(blank=True, verbose_name="what the applicant was told")),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="clock_pauses",
                        to="licensing.application",
                        verbose_name="application",
                    ),
                ),
                (
                    "started_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="started by",
                    ),
                ),
                (
                    "information_request",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="clock_pause",
                        to="licensing.informationrequest",
                        verbose_name="request for information",
                    ),
                ),
            ],
            options={
                "verbose_name": "clock pause",
                "verbose_name_plural": "clock pauses",
                "ordering": ["application", "started_at"],
            },
        ),
        migrations.CreateModel(
            name="Licence",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.CharField(max_length=100, verbose_name="number")),
                ("issuing_authority", models.CharField(max_length=200, verbose_name="issuing authority")),
                ("valid_from", models.DateField(verbose_name="valid from")),
                (
                    "valid_to",
                    models.DateField(
                        blank=True, help_text="Empty for no end (长期).", null=True, verbose_name="valid to"
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        storage=market.private_storage.private_storage,
                        upload_to=market.licensing.models.licence_file_path,
                        verbose_name="scanned licence",
                    ),
                ),
                ("uploaded_at", models.DateTimeField(auto_now_add=True, verbose_name="uploaded at")),
                (
                    "application",
                    models.ForeignKey(
                        blank=True,
                        help_text="The application that brought the licence; it is on record once that is approved.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="licences",
                        to="licensing.application",
                        verbose_name="application",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="licences",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
                (
                    "licence_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="licences",
                        to="licensing.licencetype",
                        verbose_name="type",
                    ),
                ),
                ("superseded_at", models.DateTimeField(blank=True, null=True, verbose_name="superseded at")),
                (
                    "superseded_by",
                    models.ForeignKey(
                        blank=True,
                        help_text="The replacement sent with a correction; the superseded scan is kept for the audit trail.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="supersedes",
                        to="licensing.licence",
                        verbose_name="superseded by",
                    ),
                ),
            ],
            options={
                "verbose_name": "licence",
                "verbose_name_plural": "licences",
                "ordering": ["organization", "licence_type", "-valid_from"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("valid_to__isnull", True), ("valid_to__gte", models.F("valid_from")), _connector="OR"
                        ),
                        name="licence_valid_to_after_valid_from",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ListingEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(verbose_name="at")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("listed", "Listed"),
                            ("suspended", "Suspended"),
                            ("reinstated", "Reinstated"),
                            ("revoked", "Revoked"),
                            ("expired", "Expired"),
                            ("changed", "Register entry changed"),
                        ],
                        max_length=50,
                        verbose_name="action",
                    ),
                ),
                (
                    "from_status",
                    models.CharField(
                        choices=[
                            ("unlisted", "Not listed"),
                            ("active", "Listed"),
                            ("suspended", "Suspended"),
                            ("revoked", "Revoked"),
                            ("expired", "Expired"),
                        ],
                        max_length=20,
                        verbose_name="from status",
                    ),
                ),
                (
                    "to_status",
                    models.CharField(
                        choices=[
                            ("unlisted", "Not listed"),
                            ("active", "Listed"),
                            ("suspended", "Suspended"),
                            ("revoked", "Revoked"),
                            ("expired", "Expired"),
                        ],
                        max_length=20,
                        verbose_name="to status",
                    ),
                ),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
                ("visible_to_merchant", models.BooleanField(default=True, verbose_name="visible to the merchant")),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty where the law or a scheduled job acted.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="actor",
                    ),
                ),
                (
                    "application",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="listing_events",
                        to="licensing.application",
                        verbose_name="application",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="listing_events",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
            ],
            options={
                "verbose_name": "listing event",
                "verbose_name_plural": "listing events",
                "ordering": ["organization", "at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Objection",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("text", models.TextField(verbose_name="objection")),
                ("submitted_at", models.DateTimeField(verbose_name="submitted at")),
                ("answer", models.TextField(blank=True, verbose_name="answer")),
                ("answered_at", models.DateTimeField(blank=True, null=True, verbose_name="answered at")),
                (
                    "answered_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="answered by",
                    ),
                ),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="objections",
                        to="licensing.application",
                        verbose_name="application",
                    ),
                ),
                (
                    "objector",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="licensing_objections",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="objector",
                    ),
                ),
            ],
            options={
                "verbose_name": "objection",
                "verbose_name_plural": "objections",
                "ordering": ["application", "submitted_at"],
            },
        ),
        migrations.CreateModel(
            name="LicenceReminder",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("days_before", models.PositiveSmallIntegerField(verbose_name="days before expiry")),
                ("sent_at", models.DateTimeField(verbose_name="sent at")),
                (
                    "licence",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="reminders", to="licensing.licence"
                    ),
                ),
            ],
            options={
                "verbose_name": "licence expiry reminder",
                "verbose_name_plural": "licence expiry reminders",
                "constraints": [
                    models.UniqueConstraint(fields=("licence", "days_before"), name="one_reminder_per_licence_and_day")
                ],
            },
        ),
        migrations.CreateModel(
            name="OfficialDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("acceptance", "Notice of acceptance (受理通知书)"),
                            ("correction", "Notice to supplement material (补正材料通知书)"),
                            ("non_acceptance", "Decision not to accept (不予受理决定书)"),
                            ("extension", "Notice of extension (延期通知书)"),
                            ("approval", "Decision to grant (准予行政许可决定书)"),
                            ("rejection", "Decision to refuse (不予行政许可决定书)"),
                            ("certificate", "Listing certificate (登记证书)"),
                        ],
                        max_length=30,
                        verbose_name="kind",
                    ),
                ),
                ("number", models.CharField(max_length=80, unique=True, verbose_name="document number")),
                ("version", models.PositiveSmallIntegerField(default=1, verbose_name="version")),
                ("issued_at", models.DateTimeField(verbose_name="issued at")),
                (
                    "file",
                    models.FileField(
                        storage=market.private_storage.private_storage,
                        upload_to=market.licensing.models.document_file_path,
                        verbose_name="file",
                    ),
                ),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                (
                    "application",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="documents",
                        to="licensing.application",
                        verbose_name="application",
                    ),
                ),
                (
                    "issued_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="issued by",
                    ),
                ),
            ],
            options={
                "verbose_name": "written document",
                "verbose_name_plural": "written documents",
                "ordering": ["application", "issued_at", "pk"],
                "constraints": [
                    models.UniqueConstraint(fields=("application", "kind", "version"), name="one_document_version")
                ],
            },
        ),
        migrations.AddField(
            model_name="application",
            name="renewed_licence",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="renewal_applications",
                to="licensing.licence",
                verbose_name="licence renewed",
            ),
        ),
        migrations.AddField(
            model_name="application",
            name="case_number",
            field=models.CharField(
                blank=True,
                help_text="Issued when the application is received, e.g. 宁商社服〔2026〕第0042号.",
                max_length=60,
                null=True,
                unique=True,
                verbose_name="case number",
            ),
        ),
        migrations.AddField(
            model_name="application",
            name="fee_amount",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Fixed at submission; empty for a draft.",
                max_digits=10,
                null=True,
                verbose_name="fee due (yuan)",
            ),
        ),
        migrations.AddField(
            model_name="application",
            name="fee_effective_from",
            field=models.DateField(blank=True, null=True, verbose_name="fee in force from"),
        ),
        migrations.AddField(
            model_name="application",
            name="fee_legal_basis",
            field=models.TextField(blank=True, verbose_name="legal basis of the fee"),
        ),
        migrations.AddField(
            model_name="application",
            name="fee_scheduled",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Before any waiver.",
                max_digits=10,
                null=True,
                verbose_name="fee in the schedule (yuan)",
            ),
        ),
        migrations.AddField(
            model_name="application",
            name="fee_waiver",
            field=models.CharField(
                blank=True,
                choices=[
                    ("laid_off_founders", "Waived: a business founded by laid-off workers"),
                    ("nonprofit_community", "Waived: a non-profit community organisation"),
                ],
                max_length=30,
                verbose_name="fee waiver",
            ),
        ),
        migrations.RunPython(seed, unseed),
    ]
