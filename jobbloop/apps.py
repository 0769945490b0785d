from django.apps import AppConfig


class JobbloopConfig(AppConfig):
    name = "jobbloop"
    verbose_name = "JobbLoop"
