"""The bureau's marketplace screens in the Wagtail admin: orders (with the refund act), the ledger read-only
(payments, refunds, Stripe's events, payment accounts, subsidy transfers), reconciliation, and the act that pays
an approved subsidy claim by Stripe transfer, which the discounts claim page offers through its hook."""
