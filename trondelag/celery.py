import os

from celery import Celery
from celery.signals import after_setup_logger, after_setup_task_logger

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trondelag.settings")

app = Celery("trondelag")
# Every Celery setting lives in Django's settings with the CELERY_ prefix, so the
# environment decides the broker in one place.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@after_setup_logger.connect
@after_setup_task_logger.connect
def _mask_identity_numbers(logger, **kwargs):
    """The worker installs its own log handlers; they mask eleven-digit runs like ours."""
    from core.logging import MaskIdentityNumbers

    for handler in logger.handlers:
        if not any(isinstance(f, MaskIdentityNumbers) for f in handler.filters):
            handler.addFilter(MaskIdentityNumbers())
