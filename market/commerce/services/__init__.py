"""The marketplace's acts, one module each; import them from their modules:

- `catalogue`: a merchant's bookable services
- `pricing`: what an order costs a resident (the micro-profit cap, then the best offer their group gets)
- `orders`: placing an order, and the merchant's and the resident's steps after it
- `checkout`: paying an order through a Stripe Checkout Session
- `refunds`: giving a payment back (a decline, a cancellation in terms, the bureau's refund)
- `webhooks`: Stripe's signed events, stored once and applied in any order
- `payment_accounts`: merchants' Stripe Connect accounts and their onboarding links
- `benefits`: what a paid order counts for in the discount tracker (redemption, micro-profit sale)
- `subsidies`: approved subsidy claims paid by Stripe transfer
- `reconciliation`: local records compared with Stripe's
"""
