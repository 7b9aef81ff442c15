from market.errors import AppError


class LicensingError(AppError):
    """An act the licensing workflow refuses. `problems` lists every reason at once where there are several
    (e.g. what a submission still lacks)."""
