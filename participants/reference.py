"""Option lists of reference data (lærefag, NAV offices) for the filter selects.

Built from two columns instead of model instances and kept in the cache for a minute: on
the caseload they cost a fifth of the request. A change in this process clears them at
once; other processes see it within REFERENCE_TTL seconds. Validation still goes through
the form field's queryset, so a stale list can offer but never accept a removed value.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from accounts.models import NavKontor
from participants.models import Laerefag

REFERENCE_TTL = 60
LAEREFAG_KEY = "reference:laerefag"
KONTOR_KEY = "reference:navkontor"


def _cached(key: str, build: Callable[[], list[tuple[int, str]]]) -> list[tuple[int, str]]:
    return cache.get_or_set(key, build, REFERENCE_TTL)


def laerefag_choices() -> list[tuple[int, str]]:
    return _cached(
        LAEREFAG_KEY, lambda: list(Laerefag.objects.order_by("name").values_list("pk", "name"))
    )


def kontor_choices() -> list[tuple[int, str]]:
    """Labelled as ``NavKontor.__str__``: name and enhetsnummer."""

    return _cached(
        KONTOR_KEY,
        lambda: [
            (pk, f"{name} ({number})")
            for pk, name, number in NavKontor.objects.order_by("name").values_list(
                "pk", "name", "enhetsnummer"
            )
        ],
    )


def with_blank(choices: list[tuple[int, str]], blank: str = "Alle") -> list[tuple]:
    return [("", blank), *choices]


def connect_invalidation() -> None:
    for model, key in ((Laerefag, LAEREFAG_KEY), (NavKontor, KONTOR_KEY)):

        def forget(sender, key=key, **kwargs):
            cache.delete(key)

        for signal in (post_save, post_delete):
            signal.connect(forget, sender=model, weak=False, dispatch_uid=f"{key}:{signal}")
