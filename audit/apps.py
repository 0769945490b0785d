from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Sporingslogg"
    extension_points = {
        "PROTECTION_FILTERS": (
            "fn(user, prefix) -> Q: the participants (through prefix) the user may know of"
        ),
    }
