from django.apps import AppConfig


class CareerguidanceConfig(AppConfig):
    name = "careerguidance"
    verbose_name = "Karriereveiledning"
