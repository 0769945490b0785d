from django.apps import AppConfig


class JobbloopConfig(AppConfig):
    name = "jobbloop"
    verbose_name = "JobbLoop"

    def ready(self):
        from django.utils import timezone

        from core.sections import register_participant_section

        from . import reminders  # noqa: F401  (registers the gathering and end reminders)
        from .selectors import participant_loop_places
        from .services import MAX_AGE, MIN_AGE

        def context(request, participant):
            places = participant_loop_places(participant, timezone.localdate())
            # Outside the JobbLoop age group and never in a loop: nothing to say.
            if not places and not MIN_AGE <= participant.age <= MAX_AGE:
                return None
            return {"places": places}

        register_participant_section(
            order=45, template="jobbloop/_participant_section.html", context=context
        )
