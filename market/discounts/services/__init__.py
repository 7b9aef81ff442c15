"""The acts of the discount tracker, one function each, for the resident's pages, the merchant's counter page, the
staff admin and the jobs; import them from their modules:

- `eligibility`: applying (with name and ID number), verifying, declining, withdrawing and revoking eligibility; a
  resident's offers
- `benefit_codes`: issuing and revoking a resident's personal code, one-time codes to type, printed cards
- `code_lookup`: what a code may be used for at a merchant today
- `offers`: a merchant's offers and what they save
- `redemption`: an offer used at a counter, and its correction
- `micro_profit_services`: capped-price services, their sales (each naming the buyer's code, within the limits of
  its service type) and corrections
- `sale_flags`: sales far above an outlet's usual volume, held until a reviewer clears or rejects them
- `counter_records`: the replay and reversal that redemptions and sales share
- `helpers`: money, dates and signals after commit

The codes themselves (the rotating QR code, typed codes, cards, the counter pass) are made and checked in
`market/discounts/codes.py`; the ID number's check digit and mask in `market/discounts/identity.py`.

Every act checks who may do it (rules.py) and refuses with a `DiscountError` carrying a translated message, having
recorded nothing. Acts that count (quotas) lock the offer row for the length of their transaction, so that two
counters at once cannot take the last unit twice. Subsidy claims are in `claims.py`.
"""
