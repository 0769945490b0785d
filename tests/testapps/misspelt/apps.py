from django.apps import AppConfig


class MisspeltConfig(AppConfig):
    name = "tests.testapps.misspelt"
    label = "misspelt"
