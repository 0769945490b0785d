"""A JobbLoop's status as a state table (core.states)."""

from core.states import Edge, StateTable

from .models import LoopStatus

LOOPS = StateTable("loops", LoopStatus, [Edge(LoopStatus.ACTIVE, LoopStatus.CLOSED)])
