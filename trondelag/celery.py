import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trondelag.settings")

app = Celery("trondelag")
# Every Celery setting lives in Django's settings with the CELERY_ prefix, so the
# environment decides the broker in one place.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
