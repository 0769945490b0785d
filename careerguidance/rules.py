"""Status changes of a career-guidance appointment (core.states)."""

from core.states import Edge, StateTable

from .models import AppointmentStatus

S = AppointmentStatus
# Only a booked session changes, so a cancelled or missed one can never come back and push
# the participant past three sessions.
APPOINTMENTS = StateTable(
    "appointments",
    AppointmentStatus,
    [Edge(S.BOOKED, S.HELD), Edge(S.BOOKED, S.CANCELLED), Edge(S.BOOKED, S.NO_SHOW)],
)
