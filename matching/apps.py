from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching"

    def ready(self):
        from core.sections import register_participant_section

        from .sections import participant_matches

        register_participant_section(
            order=40, template="matching/_participant_section.html", context=participant_matches
        )
