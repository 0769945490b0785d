from django.apps import AppConfig


class OpsConfig(AppConfig):
    """What the platform asks of the app: health, metrics and request logs (NAIS)."""

    name = "ops"
    verbose_name = "Drift"
