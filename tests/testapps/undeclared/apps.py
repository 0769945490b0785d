from django.apps import AppConfig


class UndeclaredConfig(AppConfig):
    name = "tests.testapps.undeclared"
    label = "undeclared"
