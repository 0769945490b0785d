from django.apps import AppConfig


class WorkdayConfig(AppConfig):
    name = "workday"
    verbose_name = "Min dag"
