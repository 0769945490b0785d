from django.apps import AppConfig
from django.core import checks


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Dokumenter"

    def ready(self):
        # Importing the check loads WeasyPrint: only once the app is ready, never at import.
        from .checks import check_font_subsetter

        checks.register(check_font_subsetter, "documents")
