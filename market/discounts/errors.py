from market.errors import AppError


class DiscountError(AppError):
    """An act the discount tracker refuses. Nothing is recorded when it is raised (except a failed code entry,
    which counts towards the rate limit)."""


class TooManyAttempts(DiscountError):
    """Code entry is paused for this account or address after too many wrong codes."""
