"""Commerce's migrations 0001-0002 squashed: one CreateModel per model."""

import django.core.validators
import django.db.models.deletion
import django.db.models.expressions
import django_fsm
import market.commerce.models.orders
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [("commerce", "0001_marketplace"), ("commerce", "0002_description_limit")]

    initial = True

    dependencies = [
        ("discounts", "0001_squashed_0010_records_of_orders_paid_online"),
        ("registry", "0001_squashed_0006_description_limit"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="WebhookEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("event_id", models.CharField(max_length=255, unique=True, verbose_name="event")),
                ("type", models.CharField(max_length=100, verbose_name="type")),
                ("created", models.DateTimeField(verbose_name="created by Stripe at")),
                ("payload", models.JSONField(verbose_name="payload")),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("processed", "Processed"),
                            ("waiting", "Waiting for an earlier event"),
                            ("ignored", "Nothing to do"),
                        ],
                        max_length=20,
                        verbose_name="outcome",
                    ),
                ),
                ("waits_for", models.CharField(blank=True, db_index=True, max_length=255, verbose_name="waits for")),
                ("received_at", models.DateTimeField(verbose_name="received at")),
                ("processed_at", models.DateTimeField(blank=True, null=True, verbose_name="processed at")),
            ],
            options={
                "verbose_name": "Stripe event",
                "verbose_name_plural": "Stripe events",
                "ordering": ["-received_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="BookableService",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="name (Chinese)")),
                ("name_en", models.CharField(blank=True, max_length=200, verbose_name="name (English)")),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="description",
                    ),
                ),
                ("amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="price (yuan)")),
                ("currency", models.CharField(default="CNY", editable=False, max_length=3, verbose_name="currency")),
                (
                    "unit",
                    models.CharField(
                        choices=[
                            ("visit", "per visit"),
                            ("hour", "per hour"),
                            ("item", "per item"),
                            ("order", "per order"),
                        ],
                        default="visit",
                        max_length=10,
                        verbose_name="priced",
                    ),
                ),
                ("most_units", models.PositiveSmallIntegerField(default=10, verbose_name="most units in one order")),
                (
                    "at_home",
                    models.BooleanField(
                        default=False, help_text="The resident gives an address.", verbose_name="at the resident's home"
                    ),
                ),
                (
                    "needs_appointment",
                    models.BooleanField(
                        default=True,
                        help_text="Otherwise the order is served in turn.",
                        verbose_name="booked for a date and time",
                    ),
                ),
                (
                    "lead_time_hours",
                    models.PositiveSmallIntegerField(
                        default=2,
                        help_text="The earliest appointment is this long after booking.",
                        verbose_name="notice needed (hours)",
                    ),
                ),
                (
                    "free_cancellation_hours",
                    models.PositiveSmallIntegerField(
                        default=24,
                        help_text="Up to this long before the appointment the resident may cancel and is refunded in full.",
                        verbose_name="free cancellation until (hours before)",
                    ),
                ),
                ("active", models.BooleanField(default=True, verbose_name="on sale")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="bookable_services",
                        to="registry.category",
                        verbose_name="category",
                    ),
                ),
                (
                    "locations",
                    models.ManyToManyField(
                        related_name="bookable_services", to="registry.location", verbose_name="outlets"
                    ),
                ),
                (
                    "micro_profit_service",
                    models.ForeignKey(
                        blank=True,
                        help_text="Sold under the bureau's price cap and counted for the subsidy claim.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="bookable_services",
                        to="discounts.microprofitservice",
                        verbose_name="micro-profit service",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="bookable_services",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
            ],
            options={
                "verbose_name": "bookable service",
                "verbose_name_plural": "bookable services",
                "ordering": ["organization", "name"],
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("amount__gt", 0)), name="bookable_price_positive"),
                    models.CheckConstraint(
                        condition=models.Q(("most_units__gte", 1)), name="bookable_at_least_one_unit"
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Order",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "number",
                    models.CharField(
                        default=market.commerce.models.orders.new_order_number,
                        editable=False,
                        max_length=12,
                        unique=True,
                        verbose_name="order number",
                    ),
                ),
                ("quantity", models.PositiveSmallIntegerField(default=1, verbose_name="quantity")),
                ("scheduled_for", models.DateTimeField(blank=True, null=True, verbose_name="appointment")),
                ("address", models.CharField(blank=True, max_length=300, verbose_name="address")),
                ("phone", models.CharField(blank=True, max_length=30, verbose_name="phone")),
                ("notes", models.TextField(blank=True, verbose_name="notes for the merchant")),
                (
                    "payment_method",
                    models.CharField(
                        choices=[("online", "Paid online"), ("counter", "Pay at the counter")],
                        max_length=10,
                        verbose_name="payment",
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("awaiting_payment", "Awaiting payment"),
                            ("placed", "Waiting for the merchant"),
                            ("accepted", "Accepted"),
                            ("completed", "Completed"),
                            ("declined", "Declined by the merchant"),
                            ("cancelled", "Cancelled"),
                            ("refunded", "Refunded"),
                            ("abandoned", "Not paid"),
                        ],
                        default="awaiting_payment",
                        max_length=50,
                        verbose_name="state",
                    ),
                ),
                ("currency", models.CharField(default="CNY", editable=False, max_length=3, verbose_name="currency")),
                (
                    "list_unit_price",
                    models.DecimalField(decimal_places=2, max_digits=12, verbose_name="list price per unit"),
                ),
                (
                    "unit_price",
                    models.DecimalField(
                        decimal_places=2,
                        help_text="After the micro-profit cap.",
                        max_digits=12,
                        verbose_name="price per unit",
                    ),
                ),
                (
                    "micro_profit",
                    models.BooleanField(
                        default=False,
                        help_text="Sold under the cap to an eligible resident.",
                        verbose_name="micro-profit sale",
                    ),
                ),
                ("subtotal", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="subtotal")),
                ("discount", models.DecimalField(decimal_places=2, default=0, max_digits=12, verbose_name="discount")),
                ("total", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="total")),
                (
                    "platform_fee",
                    models.DecimalField(decimal_places=2, default=0, max_digits=12, verbose_name="platform fee"),
                ),
                ("idempotency_key", models.CharField(max_length=100, unique=True, verbose_name="idempotency key")),
                ("created_at", models.DateTimeField(verbose_name="placed at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "group",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="orders",
                        to="discounts.eligibilitygroup",
                        verbose_name="eligible as",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="orders",
                        to="registry.location",
                        verbose_name="outlet",
                    ),
                ),
                (
                    "micro_profit_sale",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="order",
                        to="discounts.microprofitsale",
                        verbose_name="micro-profit sale",
                    ),
                ),
                (
                    "offer",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="orders",
                        to="discounts.offer",
                        verbose_name="offer",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="orders",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
                (
                    "redemption",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="order",
                        to="discounts.redemption",
                        verbose_name="redemption",
                    ),
                ),
                (
                    "resident",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="orders",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="resident",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="orders",
                        to="commerce.bookableservice",
                        verbose_name="service",
                    ),
                ),
            ],
            options={
                "verbose_name": "order",
                "verbose_name_plural": "orders",
                "ordering": ["-created_at", "-pk"],
                "indexes": [
                    models.Index(fields=["resident", "created_at"], name="orders_by_resident"),
                    models.Index(fields=["organization", "state", "created_at"], name="orders_by_merchant"),
                ],
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("quantity__gte", 1)), name="order_quantity_positive"),
                    models.CheckConstraint(condition=models.Q(("total__gte", 0)), name="order_total_not_negative"),
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "total",
                                django.db.models.expressions.CombinedExpression(
                                    models.F("subtotal"), "-", models.F("discount")
                                ),
                            )
                        ),
                        name="order_total_adds_up",
                    ),
                ],
            },
            bases=(django_fsm.FSMModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name="OrderEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(verbose_name="at")),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("placed", "Placed"),
                            ("checkout_started", "Went to pay"),
                            ("paid", "Paid"),
                            ("payment_pending", "Payment being confirmed"),
                            ("payment_failed", "Payment failed"),
                            ("checkout_expired", "Payment page expired"),
                            ("accepted", "Accepted by the merchant"),
                            ("completed", "Completed"),
                            ("declined", "Declined by the merchant"),
                            ("cancelled", "Cancelled by the resident"),
                            ("refund_requested", "Refund requested"),
                            ("refunded", "Refunded"),
                            ("refund_failed", "Refund failed"),
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
                            ("awaiting_payment", "Awaiting payment"),
                            ("placed", "Waiting for the merchant"),
                            ("accepted", "Accepted"),
                            ("completed", "Completed"),
                            ("declined", "Declined by the merchant"),
                            ("cancelled", "Cancelled"),
                            ("refunded", "Refunded"),
                            ("abandoned", "Not paid"),
                        ],
                        max_length=20,
                        verbose_name="from state",
                    ),
                ),
                (
                    "to_state",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("awaiting_payment", "Awaiting payment"),
                            ("placed", "Waiting for the merchant"),
                            ("accepted", "Accepted"),
                            ("completed", "Completed"),
                            ("declined", "Declined by the merchant"),
                            ("cancelled", "Cancelled"),
                            ("refunded", "Refunded"),
                            ("abandoned", "Not paid"),
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
                    "order",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="events",
                        to="commerce.order",
                        verbose_name="order",
                    ),
                ),
            ],
            options={
                "verbose_name": "order event",
                "verbose_name_plural": "order events",
                "ordering": ["order", "at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Payment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("attempt", models.PositiveSmallIntegerField(verbose_name="attempt")),
                ("idempotency_key", models.CharField(max_length=100, unique=True, verbose_name="idempotency key")),
                (
                    "checkout_session_id",
                    models.CharField(
                        blank=True, max_length=255, null=True, unique=True, verbose_name="Checkout Session"
                    ),
                ),
                ("checkout_url", models.URLField(blank=True, max_length=2000, verbose_name="payment page")),
                (
                    "payment_intent_id",
                    models.CharField(blank=True, db_index=True, max_length=255, verbose_name="PaymentIntent"),
                ),
                ("destination_account", models.CharField(max_length=100, verbose_name="paid into")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("open", "Waiting for the resident"),
                            ("processing", "Being confirmed by the bank"),
                            ("paid", "Paid"),
                            ("failed", "Failed"),
                            ("expired", "Expired unpaid"),
                            ("refunded", "Refunded"),
                        ],
                        default="open",
                        max_length=20,
                        verbose_name="state",
                    ),
                ),
                ("amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="amount")),
                (
                    "amount_paid",
                    models.DecimalField(decimal_places=2, default=0, max_digits=12, verbose_name="amount paid"),
                ),
                (
                    "amount_refunded",
                    models.DecimalField(decimal_places=2, default=0, max_digits=12, verbose_name="amount refunded"),
                ),
                ("currency", models.CharField(default="CNY", editable=False, max_length=3, verbose_name="currency")),
                ("created_at", models.DateTimeField(verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "order",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="payments",
                        to="commerce.order",
                        verbose_name="order",
                    ),
                ),
            ],
            options={
                "verbose_name": "payment",
                "verbose_name_plural": "payments",
                "ordering": ["-created_at", "-pk"],
                "constraints": [
                    models.UniqueConstraint(fields=("order", "attempt"), name="one_payment_per_attempt"),
                    models.CheckConstraint(
                        condition=models.Q(("amount_refunded__lte", models.F("amount_paid"))),
                        name="refund_at_most_paid",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="PaymentAccount",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("stripe_account_id", models.CharField(max_length=100, unique=True, verbose_name="Stripe account")),
                ("details_submitted", models.BooleanField(default=False, verbose_name="details submitted")),
                ("charges_enabled", models.BooleanField(default=False, verbose_name="can take payments")),
                ("payouts_enabled", models.BooleanField(default=False, verbose_name="can receive payouts")),
                ("requirements_due", models.TextField(blank=True, verbose_name="information Stripe still needs")),
                (
                    "updated_by_event_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="last updated by Stripe at"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                (
                    "organization",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="payment_account",
                        to="registry.organization",
                        verbose_name="merchant",
                    ),
                ),
            ],
            options={
                "verbose_name": "payment account",
                "verbose_name_plural": "payment accounts",
            },
        ),
        migrations.CreateModel(
            name="Refund",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="amount")),
                (
                    "reason",
                    models.CharField(
                        choices=[
                            ("declined", "The merchant declined the order"),
                            ("cancelled", "The resident cancelled in time"),
                            ("staff", "Refunded by the bureau"),
                            ("stripe", "Refunded in Stripe"),
                        ],
                        max_length=20,
                        verbose_name="reason",
                    ),
                ),
                ("note", models.TextField(blank=True, verbose_name="note")),
                ("idempotency_key", models.CharField(max_length=100, unique=True, verbose_name="idempotency key")),
                (
                    "stripe_refund_id",
                    models.CharField(blank=True, max_length=255, null=True, unique=True, verbose_name="Stripe refund"),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[("pending", "Requested"), ("succeeded", "Refunded"), ("failed", "Failed")],
                        default="pending",
                        max_length=20,
                        verbose_name="state",
                    ),
                ),
                ("failure", models.TextField(blank=True, verbose_name="why it failed")),
                ("created_at", models.DateTimeField(verbose_name="requested at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "payment",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="refund",
                        to="commerce.payment",
                        verbose_name="payment",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="requested by",
                    ),
                ),
            ],
            options={
                "verbose_name": "refund",
                "verbose_name_plural": "refunds",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="SubsidyTransfer",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="amount")),
                ("idempotency_key", models.CharField(max_length=100, unique=True, verbose_name="idempotency key")),
                (
                    "stripe_transfer_id",
                    models.CharField(
                        blank=True, max_length=255, null=True, unique=True, verbose_name="Stripe transfer"
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("pending", "Requested"),
                            ("paid", "Paid"),
                            ("failed", "Failed"),
                            ("reversed", "Reversed"),
                        ],
                        default="pending",
                        max_length=20,
                        verbose_name="state",
                    ),
                ),
                ("failure", models.TextField(blank=True, verbose_name="why it failed")),
                ("created_at", models.DateTimeField(verbose_name="requested at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "claim",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="transfer",
                        to="discounts.subsidyclaim",
                        verbose_name="subsidy claim",
                    ),
                ),
                (
                    "payment_account",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="subsidy_transfers",
                        to="commerce.paymentaccount",
                        verbose_name="paid into",
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
            ],
            options={
                "verbose_name": "subsidy transfer",
                "verbose_name_plural": "subsidy transfers",
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="Transaction",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("debit", "Paid"), ("refund", "Refunded")], max_length=10, verbose_name="kind"
                    ),
                ),
                ("amount", models.DecimalField(decimal_places=2, max_digits=12, verbose_name="amount")),
                ("reference", models.CharField(max_length=255, verbose_name="Stripe reference")),
                ("recorded_at", models.DateTimeField(verbose_name="recorded at")),
                (
                    "payment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="transactions",
                        to="commerce.payment",
                        verbose_name="payment",
                    ),
                ),
            ],
            options={
                "verbose_name": "transaction",
                "verbose_name_plural": "transactions",
                "ordering": ["recorded_at", "pk"],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "reference"), name="one_transaction_per_reference"),
                    models.CheckConstraint(condition=models.Q(("amount__gt", 0)), name="transaction_amount_positive"),
                ],
            },
        ),
    ]
