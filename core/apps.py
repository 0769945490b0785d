from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Felles"
    # The admin of tables holding participant data (core.admin) asks the apps for the rule.
    extension_points = {
        "ADMIN_ROW_FILTERS": "fn(user, prefix) -> Q: the participants' rows an admin user sees",
        "ADMIN_READ_AUDIT": "fn(user, *, participant_ids, what, single): log an admin look",
    }

    def ready(self):
        # Register the system checks for extension points and personal-data declarations.
        from . import discovery, personal_data  # noqa: F401
