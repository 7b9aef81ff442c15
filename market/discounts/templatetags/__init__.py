"""Template tags of the benefit pages and of the account pages' benefit cards."""
