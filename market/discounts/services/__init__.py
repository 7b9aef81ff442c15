"""The acts of the discount tracker, one function each, for the resident's pages, the merchant's counter page, the
staff admin and the jobs; import them from their modules:

- `eligibility`: applying, verifying, declining, withdrawing and revoking eligibility; a resident's offers
- `benefit_codes`: issuing and revoking a resident's personal code
- `code_lookup`: what a code may be used for at a merchant today
- `offers`: a merchant's offers and what they save
- `redemption`: an offer used at a counter, and its correction
- `micro_profit_services`: capped-price services, their sales and corrections
- `counter_records`: the replay and reversal that redemptions and sales share
- `helpers`: money, dates and signals after commit

Every act checks who may do it (rules.py) and refuses with a `DiscountError` carrying a translated message, having
recorded nothing. Acts that count (quotas) lock the offer row for the length of their transaction, so that two
counters at once cannot take the last unit twice. Subsidy claims are in `claims.py`.
"""
