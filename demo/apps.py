from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content: a loader that reaches every layer. Nothing imports it."""

    name = "demo"
    verbose_name = "Demo content"
