"""Feedback's migrations 0001-0002 squashed: one CreateModel per model, then the data a fresh database needs.

The data operation runs the replaced migration's function (imported from its file, kept until every deployment has
migrated past it); when the replaced files are deleted, the function moves here.
"""

from importlib import import_module

import django.db.models.deletion
import django_fsm
import market.feedback.models
import market.private_storage
import uuid
from django.conf import settings
from django.db import migrations, models


def seed(apps, schema_editor):
    """0002: the first blocked words and the roles' permissions."""
    import_module("market.feedback.migrations.0002_blocked_words_and_permissions").set_up(apps, schema_editor)


class Migration(migrations.Migration):
    replaces = [("feedback", "0001_initial"), ("feedback", "0002_blocked_words_and_permissions")]

    initial = True

    dependencies = [
        ("accounts", "0002_roles"),
        ("registry", "0001_squashed_0006_description_limit"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="BlockedWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "word",
                    models.CharField(
                        help_text="Matched without regard to case, spaces or punctuation between its characters.",
                        max_length=50,
                        unique=True,
                        verbose_name="word or phrase",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True, help_text="Why it is on the list.", max_length=200, verbose_name="note"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="added at")),
            ],
            options={
                "verbose_name": "blocked word",
                "verbose_name_plural": "blocked words",
                "ordering": ["word"],
            },
        ),
        migrations.CreateModel(
            name="OutletRating",
            fields=[
                ("review_count", models.PositiveIntegerField(default=0, verbose_name="published reviews")),
                ("rating_total", models.PositiveIntegerField(default=0, verbose_name="sum of the ratings")),
                (
                    "average",
                    models.DecimalField(
                        blank=True, decimal_places=2, max_digits=3, null=True, verbose_name="average rating"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "location",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="rating_summary",
                        serialize=False,
                        to="registry.location",
                        verbose_name="outlet",
                    ),
                ),
            ],
            options={
                "verbose_name": "outlet rating",
                "verbose_name_plural": "outlet ratings",
            },
        ),
        migrations.CreateModel(
            name="Complaint",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "tracking_token",
                    models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="tracking token"),
                ),
                ("contact_name", models.CharField(blank=True, max_length=100, verbose_name="name")),
                ("contact_phone", models.CharField(blank=True, max_length=30, verbose_name="phone")),
                ("contact_email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                (
                    "language",
                    models.CharField(
                        choices=[("zh-hans", "简体中文"), ("en", "English")],
                        default="zh-hans",
                        max_length=10,
                        verbose_name="language for the answer",
                    ),
                ),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("price", "Price"),
                            ("quality", "Quality of the service or goods"),
                            ("safety", "Safety"),
                            ("discount_refused", "Discount refused"),
                            ("licence", "Licence"),
                            ("other", "Other"),
                        ],
                        max_length=20,
                        verbose_name="category",
                    ),
                ),
                ("description", models.TextField(verbose_name="what happened")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("received", "Received"),
                            ("assigned", "Being handled"),
                            ("awaiting_merchant", "Waiting for the merchant's response"),
                            ("merchant_responded", "The merchant has responded"),
                            ("closed", "Answered"),
                        ],
                        default="received",
                        max_length=50,
                        verbose_name="state",
                    ),
                ),
                ("received_at", models.DateTimeField(verbose_name="received at")),
                (
                    "due_on",
                    models.DateField(help_text="Working days on the licensing calendar.", verbose_name="answer due on"),
                ),
                ("assigned_at", models.DateTimeField(blank=True, null=True, verbose_name="assigned at")),
                (
                    "merchant_request",
                    models.TextField(
                        blank=True,
                        help_text="The merchant sees this, not the complaint.",
                        verbose_name="the bureau's request to the merchant",
                    ),
                ),
                ("merchant_asked_at", models.DateTimeField(blank=True, null=True, verbose_name="merchant asked at")),
                (
                    "merchant_response_due_on",
                    models.DateField(blank=True, null=True, verbose_name="merchant's response due on"),
                ),
                ("merchant_response", models.TextField(blank=True, verbose_name="the merchant's response")),
                (
                    "merchant_responded_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="merchant responded at"),
                ),
                (
                    "outcome",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("upheld", "Upheld"),
                            ("partly_upheld", "Partly upheld"),
                            ("not_upheld", "Not upheld"),
                        ],
                        max_length=20,
                        verbose_name="outcome",
                    ),
                ),
                ("outcome_reasons", models.TextField(blank=True, verbose_name="reasons for the outcome")),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="answered at")),
                (
                    "complainant_told_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="complainant told at"),
                ),
                (
                    "complainant_told_how",
                    models.CharField(
                        blank=True,
                        choices=[("online", "By e-mail and on the complaint's page"), ("phone", "By phone")],
                        max_length=10,
                        verbose_name="complainant told",
                    ),
                ),
                (
                    "assignee",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="assigned_complaints",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reviewer assigned",
                    ),
                ),
                (
                    "complainant",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for a visitor who was not signed in.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="complaints",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="complainant's account",
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
                        verbose_name="answered by",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="complaints",
                        to="registry.location",
                        verbose_name="outlet",
                    ),
                ),
                (
                    "merchant_responded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="responded for the merchant",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="complaints",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
            ],
            options={
                "verbose_name": "complaint",
                "verbose_name_plural": "complaints",
                "ordering": ["-received_at", "-pk"],
                "indexes": [
                    models.Index(fields=["state", "due_on"], name="complaints_by_due_date"),
                    models.Index(fields=["organization", "received_at"], name="complaints_by_merchant"),
                    models.Index(fields=["complainant", "received_at"], name="complaints_by_complainant"),
                    models.Index(fields=["received_at"], name="complaints_by_time"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("complainant__isnull", False),
                            models.Q(("contact_phone", ""), _negated=True),
                            models.Q(("contact_email", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="complaint_can_be_answered",
                        violation_error_message="Give a phone number or an e-mail address so that the bureau can answer.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("outcome__in", ["upheld", "partly_upheld", "not_upheld"]), ("state", "closed")),
                            models.Q(models.Q(("state", "closed"), _negated=True), ("outcome", "")),
                            _connector="OR",
                        ),
                        name="complaint_outcome_when_closed",
                    ),
                ],
            },
            bases=(django_fsm.FSMModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name="ComplaintEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(verbose_name="at")),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("filed", "Filed"),
                            ("assigned", "Assigned"),
                            ("merchant_asked", "Merchant asked to respond"),
                            ("merchant_responded", "Merchant responded"),
                            ("outcome_recorded", "Outcome recorded"),
                            ("complainant_told", "Complainant told"),
                        ],
                        max_length=30,
                        verbose_name="action",
                    ),
                ),
                (
                    "from_state",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("received", "Received"),
                            ("assigned", "Being handled"),
                            ("awaiting_merchant", "Waiting for the merchant's response"),
                            ("merchant_responded", "The merchant has responded"),
                            ("closed", "Answered"),
                        ],
                        max_length=20,
                        verbose_name="from state",
                    ),
                ),
                (
                    "to_state",
                    models.CharField(
                        choices=[
                            ("received", "Received"),
                            ("assigned", "Being handled"),
                            ("awaiting_merchant", "Waiting for the merchant's response"),
                            ("merchant_responded", "The merchant has responded"),
                            ("closed", "Answered"),
                        ],
                        max_length=20,
                        verbose_name="to state",
                    ),
                ),
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
                    "complaint",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="events",
                        to="feedback.complaint",
                        verbose_name="complaint",
                    ),
                ),
            ],
            options={
                "verbose_name": "complaint event",
                "verbose_name_plural": "complaint events",
                "ordering": ["complaint", "at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ComplaintEvidence",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "file",
                    models.FileField(
                        storage=market.private_storage.private_storage,
                        upload_to=market.feedback.models.evidence_file_path,
                        verbose_name="file",
                    ),
                ),
                ("uploaded_at", models.DateTimeField(verbose_name="uploaded at")),
                (
                    "complaint",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="evidence",
                        to="feedback.complaint",
                        verbose_name="complaint",
                    ),
                ),
            ],
            options={
                "verbose_name": "evidence",
                "verbose_name_plural": "evidence",
                "ordering": ["complaint", "uploaded_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="MerchantRating",
            fields=[
                ("review_count", models.PositiveIntegerField(default=0, verbose_name="published reviews")),
                ("rating_total", models.PositiveIntegerField(default=0, verbose_name="sum of the ratings")),
                (
                    "average",
                    models.DecimalField(
                        blank=True, decimal_places=2, max_digits=3, null=True, verbose_name="average rating"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "organization",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="rating_summary",
                        serialize=False,
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
            ],
            options={
                "verbose_name": "merchant rating",
                "verbose_name_plural": "merchant ratings",
                "indexes": [models.Index(fields=["average", "review_count"], name="merchant_rating_order")],
            },
        ),
        migrations.CreateModel(
            name="Review",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "rating",
                    models.PositiveSmallIntegerField(
                        choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")], verbose_name="rating"
                    ),
                ),
                ("text", models.TextField(verbose_name="review")),
                (
                    "fingerprint",
                    models.CharField(db_index=True, editable=False, max_length=64, verbose_name="fingerprint"),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting for a moderator"),
                            ("published", "Published"),
                            ("rejected", "Not published"),
                            ("removed", "Removed by a moderator"),
                            ("withdrawn", "Deleted by its author"),
                        ],
                        default="pending",
                        max_length=50,
                        verbose_name="state",
                    ),
                ),
                (
                    "screening_flags",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="On the latest version.",
                        verbose_name="automatic checks that tripped",
                    ),
                ),
                (
                    "moderation_reason",
                    models.TextField(
                        blank=True,
                        help_text="Why it was not published or was removed; the author sees it.",
                        verbose_name="moderator's reason",
                    ),
                ),
                (
                    "verified_order",
                    models.CharField(
                        blank=True,
                        editable=False,
                        help_text="The completed order this review follows; set by bookings, empty until they exist.",
                        max_length=64,
                        verbose_name="verified order",
                    ),
                ),
                ("created_at", models.DateTimeField(verbose_name="written at")),
                ("updated_at", models.DateTimeField(verbose_name="last changed at")),
                ("published_at", models.DateTimeField(blank=True, null=True, verbose_name="published at")),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reviews",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="author",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reviews",
                        to="registry.location",
                        verbose_name="outlet",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        help_text="The outlet's merchant, kept here for the merchant's average.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reviews",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
            ],
            options={
                "verbose_name": "review",
                "verbose_name_plural": "reviews",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(fields=["location", "state"], name="reviews_of_outlet"),
                    models.Index(fields=["organization", "state", "published_at"], name="reviews_of_merchant"),
                    models.Index(fields=["state", "created_at"], name="reviews_by_state"),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("rating__gte", 1), ("rating__lte", 5)), name="review_rating_one_to_five"
                    ),
                    models.UniqueConstraint(
                        condition=models.Q(("state", "withdrawn"), _negated=True),
                        fields=("author", "location"),
                        name="one_review_per_resident_and_outlet",
                        violation_error_message="You have already reviewed this outlet.",
                    ),
                ],
            },
            bases=(django_fsm.FSMModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name="MerchantReply",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("text", models.TextField(verbose_name="reply")),
                ("created_at", models.DateTimeField(verbose_name="written at")),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="written by",
                    ),
                ),
                (
                    "review",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reply",
                        to="feedback.review",
                        verbose_name="review",
                    ),
                ),
            ],
            options={
                "verbose_name": "merchant's reply",
                "verbose_name_plural": "merchants' replies",
            },
        ),
        migrations.CreateModel(
            name="ReviewEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(verbose_name="at")),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("submitted", "Written"),
                            ("edited", "Edited"),
                            ("approved", "Approved by a moderator"),
                            ("rejected", "Not published by a moderator"),
                            ("reported", "Reported"),
                            ("reports_dismissed", "Kept after reports"),
                            ("removed", "Removed by a moderator"),
                            ("withdrawn", "Deleted by its author"),
                            ("replied", "The merchant replied"),
                        ],
                        max_length=30,
                        verbose_name="action",
                    ),
                ),
                (
                    "from_state",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("pending", "Waiting for a moderator"),
                            ("published", "Published"),
                            ("rejected", "Not published"),
                            ("removed", "Removed by a moderator"),
                            ("withdrawn", "Deleted by its author"),
                        ],
                        max_length=20,
                        verbose_name="from state",
                    ),
                ),
                (
                    "to_state",
                    models.CharField(
                        choices=[
                            ("pending", "Waiting for a moderator"),
                            ("published", "Published"),
                            ("rejected", "Not published"),
                            ("removed", "Removed by a moderator"),
                            ("withdrawn", "Deleted by its author"),
                        ],
                        max_length=20,
                        verbose_name="to state",
                    ),
                ),
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
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="events",
                        to="feedback.review",
                        verbose_name="review",
                    ),
                ),
            ],
            options={
                "verbose_name": "review event",
                "verbose_name_plural": "review events",
                "ordering": ["review", "at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ReviewReport",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("spam", "Advertising or spam"),
                            ("offensive", "Abusive or offensive"),
                            ("false", "Not a real experience of this outlet"),
                            ("personal", "Reveals someone's personal information"),
                            ("other", "Something else"),
                        ],
                        max_length=20,
                        verbose_name="reason",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="details")),
                ("reported_at", models.DateTimeField(verbose_name="reported at")),
                ("resolved_at", models.DateTimeField(blank=True, null=True, verbose_name="resolved at")),
                (
                    "resolution",
                    models.CharField(
                        blank=True,
                        choices=[("kept", "The review was kept"), ("removed", "The review was removed")],
                        max_length=20,
                        verbose_name="resolution",
                    ),
                ),
                (
                    "reporter",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty for a visitor who was not signed in.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="reported by",
                    ),
                ),
                (
                    "resolved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="resolved by",
                    ),
                ),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reports",
                        to="feedback.review",
                        verbose_name="review",
                    ),
                ),
            ],
            options={
                "verbose_name": "review report",
                "verbose_name_plural": "review reports",
                "ordering": ["review", "reported_at"],
                "indexes": [models.Index(fields=["review", "resolved_at"], name="open_reports_of_review")],
            },
        ),
        migrations.CreateModel(
            name="ReviewRevision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveIntegerField(verbose_name="version")),
                (
                    "rating",
                    models.PositiveSmallIntegerField(
                        choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")], verbose_name="rating"
                    ),
                ),
                ("text", models.TextField(verbose_name="review")),
                ("written_at", models.DateTimeField(verbose_name="written at")),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="revisions",
                        to="feedback.review",
                        verbose_name="review",
                    ),
                ),
            ],
            options={
                "verbose_name": "review version",
                "verbose_name_plural": "review versions",
                "ordering": ["review", "number"],
                "constraints": [
                    models.UniqueConstraint(fields=("review", "number"), name="one_review_version_per_number")
                ],
            },
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
