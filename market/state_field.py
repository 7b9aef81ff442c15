"""The state column of a model whose changes go through django-fsm transitions."""

from django_fsm import FSMField


class StateField(FSMField):
    """django-fsm's FSMField, written into migrations as the plain CharField it stores.

    FSMField connects a receiver to `class_prepared` for each field instance, and every historical model a migration
    renders holds new instances: over Linli's migrations about 185 receivers pile up, each called for every model
    class prepared after them, a fifth of `migrate`'s time (34 s down to 28 s). Migrations need the column, not the
    transitions.
    """

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs.pop("protected", None)
        return name, "django.db.models.CharField", args, kwargs
