from market.errors import AppError


class JobsError(AppError):
    """An act on job posts or applications that is refused. Nothing is written when it is raised.

    `field` names the form field the refusal is about (pay, dates...), so that the page shows it there."""

    def __init__(self, message=None, problems=(), field=None):
        super().__init__(message, problems)
        self.field = field
