from django.apps import AppConfig
from django.core import checks


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Dokumenter"

    def ready(self):
        from .checks import check_font_subsetter

        checks.register(check_font_subsetter, "documents")
