from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Felles"
    # The admin of tables holding participant data (core.admin) and the sporingslogg (audit)
    # ask the apps for the protection rule, which lives in participants.access, above both.
    extension_points = {
        "PROTECTION_FILTERS": (
            "fn(user, prefix) -> Q: the participants (through prefix) the user may know of"
        ),
        "ADMIN_READ_AUDIT": "fn(user, *, participant_ids, what, single): log an admin look",
    }

    def ready(self):
        # Register the system checks for extension points and personal-data declarations.
        from . import discovery, personal_data  # noqa: F401
