"""Fail fast on a database that cannot be reached, saying what to set (runs with `migrate` and `check --database`)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError, connections


@register(Tags.database)
def database_reachable(app_configs, databases=None, **kwargs):
    errors = []
    for alias in databases or []:
        try:
            connections[alias].ensure_connection()
        except DatabaseError as error:
            settings_dict = settings.DATABASES[alias]
            where = f"{settings_dict.get('HOST') or 'localhost'}:{settings_dict.get('PORT') or 'default port'}"
            errors.append(
                Error(
                    f"Cannot reach the {alias!r} database at {where} ({str(error).splitlines()[0]}).",
                    hint="Set DATABASE_URL to a running PostgreSQL, e.g. postgres://linli@127.0.0.1:54329/linli "
                    "(`scripts/services up` starts one), or unset it to use the SQLite demo database.",
                    id="linli.E001",
                )
            )
    return errors


@register(Tags.security, deploy=True)
def errors_reach_someone(app_configs, **kwargs):
    """In production an error must reach the bureau: mailed to ADMINS, or sent to Sentry."""
    if settings.DEBUG or settings.ADMINS or getattr(settings, "SENTRY_DSN", ""):
        return []
    return [
        Warning(
            "Server errors reach no one: ADMINS is empty and SENTRY_DSN is not set.",
            hint="Set ADMINS (e.g. 'Ops <ops@commerce.example.cn>') and/or SENTRY_DSN in the environment.",
            id="linli.W001",
        )
    ]
