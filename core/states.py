"""State machines as tables of one shape: every status change the app allows is an edge.

Each app keeps its tables in its ``rules`` module. An edge may name who takes it (``side``)
and a guard: ``guard(obj, **context) -> str`` returns the Norwegian sentence saying what is
missing, or "" when the move may go ahead. Services ask the table; forms offer
``targets()``; one shared test walks every edge of every table it finds.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import TextChoices

Guard = Callable[..., str]


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    side: str = ""  # who may take it, where the table distinguishes (matching's reviews)
    guard: Guard | None = None


class StateTable:
    def __init__(self, name: str, states: type[TextChoices], edges: Iterable[Edge]):
        self.name = name
        self.states = states
        self.edges: tuple[Edge, ...] = tuple(edges)
        self._by_pair = {(e.source, e.target): e for e in self.edges}
        if len(self._by_pair) != len(self.edges):
            raise ValueError(f"{name}: an edge is listed twice")
        unknown = {s for e in self.edges for s in (e.source, e.target)} - set(states.values)
        if unknown:
            raise ValueError(f"{name}: unknown states {sorted(unknown)}")

    def edge(self, source: str, target: str) -> Edge | None:
        return self._by_pair.get((source, target))

    def allows(self, source: str, target: str) -> bool:
        return (source, target) in self._by_pair

    def targets(self, source: str, *, side: str | None = None) -> list[str]:
        """Where ``source`` may go (for ``side``, if given), in table order."""
        return [
            e.target for e in self.edges if e.source == source and (side is None or e.side == side)
        ]

    def edges_into(self, target: str) -> list[str]:
        """The states from which ``target`` may be reached, in table order."""
        return [e.source for e in self.edges if e.target == target]

    def refusal(self, obj, source: str, target: str, **context) -> str:
        """Why ``obj`` may not move from ``source`` to ``target``; "" if it may."""
        edge = self.edge(source, target)
        if edge is None:
            return (
                f"«{self.states(source).label}» kan ikke endres direkte til "
                f"«{self.states(target).label}»."
            )
        return edge.guard(obj, **context) if edge.guard else ""

    def __repr__(self) -> str:
        return f"<StateTable {self.name}: {len(self.edges)} edges>"
