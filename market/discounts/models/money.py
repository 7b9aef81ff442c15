"""The one shape of every amount of money in the discount tracker: yuan, to the fen."""

MONEY = {"max_digits": 12, "decimal_places": 2}
