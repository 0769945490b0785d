"""Status filters that need the domain apps' data, contributed to the caseload
(participants.statuses). One function per rule; the count and the list both use it."""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils.safestring import mark_safe

from careerguidance.models import Appointment, AppointmentStatus
from consent.models import ConsentPurpose
from consent.services import valid_consent_exists
from core.bounds import add_months
from events.models import Invitation
from jobbloop.models import LoopCandidate, LoopStatus
from jobbloop.schedule import LOOP_MONTHS, ROTATION_MONTHS
from participants.models import Phase
from participants.statuses import Status
from phases.models import ActivityCard, FollowUpAgreement, Laerekontrakt, Meeting, WaitingFor

from .categories import icon
from .models import Category

# How far ahead "Slutter snart" looks, for every kind of ending it counts: a JobbLoop
# rotation or end, the active follow-up agreement of a praksis, a lærekontrakt.
ENDING_SOON_DAYS = 14

# What each phase needs consent for before its work can go on (DOMAIN.md: the county
# receives name and birth date during kartlegging). A phase not listed needs none.
PHASE_CONSENTS: dict[str, tuple[str, ...]] = {
    Phase.KARTLEGGE: (ConsentPurpose.SHARE_WITH_COUNTY,),
}


def meeting_today_q(user, today: datetime.date) -> Q:
    """A follow-up meeting agreed for today, a career-guidance session or a meeting place."""
    agreed = Meeting.objects.filter(participant=OuterRef("pk"), next_agreed_on=today)
    session = Appointment.objects.filter(
        participant=OuterRef("pk"), starts_at__date=today, status=AppointmentStatus.BOOKED
    )
    place = Invitation.objects.filter(participant=OuterRef("pk"), event__date=today)
    return Q(Exists(agreed)) | Q(Exists(session)) | Q(Exists(place))


def consent_missing_q(user, today: datetime.date) -> Q:
    q = Q(pk__in=[])
    for phase, purposes in PHASE_CONSENTS.items():
        missing = Q(pk__in=[])
        for purpose in purposes:
            missing |= ~Q(valid_consent_exists(purpose))
        q |= Q(phase=phase) & missing
    return q


def loop_starts_ending_within(today: datetime.date, days: int) -> Q:
    """Loop start dates whose next rotation or end falls within ``days`` from today."""
    horizon = today + datetime.timedelta(days=days)
    q = Q(pk__in=[])
    for months in (*ROTATION_MONTHS, LOOP_MONTHS):
        q |= Q(loop__start_date__range=(add_months(today, -months), add_months(horizon, -months)))
    return q


def praksis_ending_q(today: datetime.date, horizon: datetime.date) -> Q:
    """In praksis, and the active agreement (the newest approved version, as
    phases.selectors reads it) runs out between today and the horizon."""
    newer_active = FollowUpAgreement.objects.filter(
        participant=OuterRef("participant"),
        activated_at__isnull=False,
        version__gt=OuterRef("version"),
    )
    ending = FollowUpAgreement.objects.filter(
        ~Q(Exists(newer_active)),
        participant=OuterRef("pk"),
        activated_at__isnull=False,
        valid_to__range=(today, horizon),
    )
    return Q(phase=Phase.PRAKSIS) & Q(Exists(ending))


def laerekontrakt_ending_q(today: datetime.date, horizon: datetime.date) -> Q:
    """In læretid, and her lærekontrakt ends between today and the horizon with no other
    contract of hers running on past it (a new contract after a change of company)."""
    later = Laerekontrakt.objects.filter(participant=OuterRef("participant"), ends_on__gt=horizon)
    ending = Laerekontrakt.objects.filter(
        ~Q(Exists(later)), participant=OuterRef("pk"), ends_on__range=(today, horizon)
    )
    return Q(phase=Phase.LARETID) & Q(Exists(ending))


def ending_soon_q(user, today: datetime.date) -> Q:
    """A JobbLoop rotation or the loop's end, a praksis or a lærekontrakt ending, within
    ENDING_SOON_DAYS."""
    horizon = today + datetime.timedelta(days=ENDING_SOON_DAYS)
    rotating = LoopCandidate.objects.filter(
        loop_starts_ending_within(today, ENDING_SOON_DAYS),
        participant=OuterRef("pk"),
        left_on__isnull=True,
        loop__status=LoopStatus.ACTIVE,
    )
    return (
        Q(Exists(rotating))
        | praksis_ending_q(today, horizon)
        | laerekontrakt_ending_q(today, horizon)
    )


def _waiting_for(whom: str):
    def q(user, today: datetime.date) -> Q:
        waiting = ActivityCard.objects.filter(participant=OuterRef("pk"), waiting_for=whom)
        return Q(Exists(waiting))

    return q


# A dialogue in the activity plan waits for NAV (her message is unanswered) or for her.
waiting_for_nav_q = _waiting_for(WaitingFor.NAV)
waiting_for_participant_q = _waiting_for(WaitingFor.DELTAKER)


def is_due(deadline: datetime.date | None, today: datetime.date) -> bool:
    """A huskelapp's deadline is due on the day and after; deadline_q is the same in SQL."""
    return deadline is not None and deadline <= today


def deadline_q(user, today: datetime.date) -> Q:
    """A huskelapp whose deadline is today or has passed."""
    return Q(mark__deadline__lte=today)


def has_note_q(user, today: datetime.date) -> Q:
    return Q(mark__note__gt="")


def _category(key: str):
    return lambda user, today: Q(mark__category=key)


STATUSES = [
    Status("mote_i_dag", "Møte i dag", meeting_today_q, order=15),
    Status("samtykke_mangler", "Mangler samtykke fasen trenger", consent_missing_q, order=30),
    Status("venter_nav", "Venter på svar fra NAV", waiting_for_nav_q, order=16),
    Status("venter_deltaker", "Venter på svar fra deltakeren", waiting_for_participant_q, order=17),
    Status(
        "slutter_snart",
        f"Slutter eller rullerer innen {ENDING_SOON_DAYS} dager",
        ending_soon_q,
        order=40,
    ),
    Status("huskelapp_frist", "Huskelapp med frist i dag eller passert", deadline_q, order=45),
    Status("huskelapp", "Har huskelapp", has_note_q, order=46),
    *[
        Status(
            f"kategori_{c.value}",
            c.label,
            _category(c.value),
            order=70 + i,
            group="Fargekategori",
            icon=mark_safe(icon(c.value, decorative=True) + " "),  # nosec B308 B703 - fixed markup
        )
        for i, c in enumerate(Category)
    ],
]
