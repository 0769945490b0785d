"""Anonymisation hooks: each app that stores personal data about a participant registers a
function that wipes it, and the retention service calls them all in one transaction."""

from collections.abc import Callable

_anonymisers: list[Callable] = []


def register_anonymiser(fn: Callable) -> Callable:
    """``fn(participant)`` removes or overwrites the app's personal data about her."""
    if fn not in _anonymisers:
        _anonymisers.append(fn)
    return fn


def run_anonymisers(participant) -> None:
    for fn in _anonymisers:
        fn(participant)
