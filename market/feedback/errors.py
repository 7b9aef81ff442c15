from market.errors import AppError


class FeedbackError(AppError):
    """An act on a review or a complaint that is refused. Nothing is recorded when it is raised."""
