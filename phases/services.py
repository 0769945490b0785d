"""Every write in the phase pipeline. Each locks the participant row, so the stored phase,
the next follow-up date and the history never disagree, even with two veiledere at once."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from audit.services import audit_change
from core.exceptions import DomainError
from core.labels import field_labels
from participants.access import CHANGE, cleared_for, cleared_users, visible_q
from participants.models import Participant, Phase
from participants.services import participant_save_derived
from reminders.models import ReminderKind
from reminders.registry import Due
from reminders.services import notify_once

from .approvals import activation_refusal, approval_refusal
from .models import (
    ActivityCard,
    ActivityMessage,
    ActivityRead,
    ActivityStatus,
    AgreementApproval,
    ApprovalParty,
    ChecklistItem,
    Employment,
    Fagbrev,
    FollowUpAgreement,
    Kartlegging,
    Laerekontrakt,
    Meeting,
    MeetingKind,
    Opplaeringsplan,
    PhaseTransition,
    WaitingFor,
)
from .rules import (
    ACTIVITIES,
    CHECKLISTS,
    TICKED_BY_REGISTRATION,
    next_followup_due,
    refusal,
)

FOLLOW_UP_KINDS = (MeetingKind.OPPSTARTSMOTE, MeetingKind.OPPFOLGINGSMOTE, MeetingKind.DIALOGMOTE)


def _lock(actor: User, participant: Participant) -> Participant:
    locked = (
        Participant.objects.select_for_update()
        .filter(visible_q(actor, CHANGE), pk=participant.pk)
        .first()
    )
    if locked is None:
        raise DomainError("Du har ikke tilgang til å endre denne deltakeren.")
    return locked


def _store_followup_due(participant: Participant) -> None:
    """Recompute and store the next follow-up date (caller holds the row lock)."""
    entered_on = timezone.localdate(participant.phase_entered_at)
    in_phase = Meeting.objects.filter(participant=participant, held_on__gte=entered_on).order_by(
        "-held_on", "-id"
    )
    last_followup = in_phase.filter(kind__in=FOLLOW_UP_KINDS).values_list("held_on", flat=True)
    # The newest agreement supersedes older ones, even when an older one named a later date;
    # a phone samtale may agree the next meeting without restarting the four weeks.
    agreed = in_phase.exclude(next_agreed_on=None).values_list("next_agreed_on", flat=True)
    participant.next_followup_due = next_followup_due(
        phase=participant.phase,
        phase_entered_on=entered_on,
        last_followup_on=last_followup.first(),
        agreed_on=agreed.first(),
    )


def _latest_followup_due(participant: Participant, meeting: Meeting) -> datetime.date | None:
    """When the next follow-up falls due after ``meeting`` if nothing sooner is agreed."""
    entered_on = timezone.localdate(participant.phase_entered_at)
    last = (
        Meeting.objects.filter(
            participant=participant, held_on__gte=entered_on, kind__in=FOLLOW_UP_KINDS
        )
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first()
    )
    if meeting.kind in FOLLOW_UP_KINDS and meeting.held_on >= entered_on:
        last = max(d for d in (last, meeting.held_on) if d is not None)
    return next_followup_due(
        phase=participant.phase,
        phase_entered_on=entered_on,
        last_followup_on=last,
        agreed_on=None,
    )


def _tick_for_registration(participant: Participant, actor: User, registration: str) -> None:
    """Tick the checklist task a registration fulfils, creating it ahead of its phase when
    she is not there yet (entering the phase later keeps the ticked item)."""
    phase, key = TICKED_BY_REGISTRATION[registration]
    position, label = next((i, lbl) for i, (k, lbl) in enumerate(CHECKLISTS[phase]) if k == key)
    item, _ = ChecklistItem.objects.select_for_update().get_or_create(
        participant=participant,
        phase=phase,
        key=key,
        defaults={"label": label, "position": position},
    )
    if item.done_at is None:
        item.done_at, item.done_by = timezone.now(), actor
        item.save(update_fields=["done_at", "done_by"])


def _create_checklist(participant: Participant, phase: str) -> None:
    ChecklistItem.objects.bulk_create(
        [
            ChecklistItem(participant=participant, phase=phase, key=key, label=label, position=i)
            for i, (key, label) in enumerate(CHECKLISTS.get(phase, []))
        ],
        ignore_conflicts=True,
    )


def phase_transition(
    *,
    participant: Participant,
    to_phase: str,
    actor: User,
    reason: str = "",
    end_reason: str = "",
) -> PhaseTransition | None:
    """Move a participant to ``to_phase``; None when she is already there (no second row)."""
    if to_phase not in Phase.values:
        raise DomainError("Ukjent fase.")
    with transaction.atomic():
        locked = _lock(actor, participant)
        if locked.phase == to_phase:
            return None
        if why_not := refusal(locked, locked.phase, to_phase, end_reason=end_reason):
            raise DomainError(why_not)
        now = timezone.now()
        transition = PhaseTransition.objects.create(
            participant=locked,
            from_phase=locked.phase,
            to_phase=to_phase,
            actor=actor,
            reason=reason.strip(),
            end_reason=end_reason if to_phase == Phase.AVSLUTTET else "",
            created_at=now,
            from_phase_since=locked.phase_entered_at,
        )
        locked.phase = to_phase
        locked.phase_entered_at = now
        _store_followup_due(locked)
        participant_save_derived(locked, "phase", "phase_entered_at", "next_followup_due")
        _create_checklist(locked, to_phase)
        audit_change(actor, locked, what=f"Fase: {transition}")
    participant.phase = locked.phase
    participant.phase_entered_at = locked.phase_entered_at
    participant.next_followup_due = locked.next_followup_due
    return transition


def phase_initialize(*, participant: Participant, actor: User) -> None:
    """The first history row and checklist of a newly registered participant."""
    PhaseTransition.objects.create(
        participant=participant,
        from_phase="",
        to_phase=participant.phase,
        actor=actor,
        reason="Registrert",
        created_at=participant.phase_entered_at,
    )
    _create_checklist(participant, participant.phase)


def checklist_item_set(*, item: ChecklistItem, actor: User, done: bool) -> ChecklistItem:
    with transaction.atomic():
        _lock(actor, item.participant)
        item = ChecklistItem.objects.select_for_update().get(pk=item.pk)
        if bool(item.done_at) == done:
            return item
        item.done_at = timezone.now() if done else None
        item.done_by = actor if done else None
        item.save(update_fields=["done_at", "done_by"])
        audit_change(
            actor,
            item.participant,
            what=f"Sjekkliste: {item.label} ({'utført' if done else 'ikke utført'})",
        )
    return item


def meeting_record(*, participant: Participant, actor: User, **fields) -> Meeting:
    with transaction.atomic():
        locked = _lock(actor, participant)
        meeting = Meeting(participant=locked, recorded_by=actor, **fields)
        if meeting.held_on and meeting.held_on > timezone.localdate() + datetime.timedelta(days=1):
            raise DomainError(
                "Et møte kan ikke registreres før det er holdt. Sett neste avtalte møte i stedet."
            )
        if meeting.next_agreed_on and meeting.held_on and meeting.next_agreed_on <= meeting.held_on:
            raise DomainError("Neste avtalte møte må være etter møtedatoen.")
        if meeting.next_agreed_on and meeting.held_on:
            latest = _latest_followup_due(locked, meeting)
            if latest is not None and meeting.next_agreed_on > latest:
                # Refused, not quietly moved: the four-week rhythm would cap it at ``latest``.
                raise DomainError(
                    "Neste avtalte møte kan ikke være senere enn "
                    f"{latest:%d.%m.%Y}: oppfølgingen skal skje minst hver fjerde uke."
                )
        try:
            meeting.full_clean()
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages)) from None
        meeting.save()
        _store_followup_due(locked)
        participant_save_derived(locked, "next_followup_due")
        audit_change(actor, locked, what=f"Møte: {meeting}")
    participant.next_followup_due = locked.next_followup_due
    return meeting


def _register(model, *, participant: Participant, actor: User, what: str, **fields):
    with transaction.atomic():
        locked = _lock(actor, participant)
        obj = model(participant=locked, registered_by=actor, **fields)
        try:
            obj.full_clean()
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages)) from None
        obj.save()
        audit_change(actor, locked, what=f"{what}: {obj}")
    return obj


def opplaeringsplan_register(*, participant, actor, **fields) -> Opplaeringsplan:
    with transaction.atomic():
        plan = _register(
            Opplaeringsplan, participant=participant, actor=actor, what="Opplæringsplan", **fields
        )
        _tick_for_registration(plan.participant, actor, "opplaeringsplan")
    return plan


def laerekontrakt_register(*, participant, actor, **fields) -> Laerekontrakt:
    """Register a signed lærekontrakt and tell the markedsrådgiver (seed 000: "Markedsrådgiver
    skal informeres om at lærekontrakt er skrevet")."""
    ends_on, signed_on = fields.get("ends_on"), fields.get("signed_on")
    if ends_on and signed_on and ends_on <= signed_on:
        raise DomainError("Læretiden må slutte etter datoen kontrakten ble signert.")
    with transaction.atomic():
        contract = _register(
            Laerekontrakt, participant=participant, actor=actor, what="Lærekontrakt", **fields
        )
        _tick_for_registration(contract.participant, actor, "laerekontrakt")
        _tell_markedsradgiver(contract)
    return contract


def fagbrev_register(*, participant, actor, **fields) -> Fagbrev:
    """Register a passed fagprøve; only after a lærekontrakt, since the model's fagbrev come
    through an apprenticeship (a praksiskandidat registers hers as an ordinary job)."""
    if not Laerekontrakt.objects.filter(participant=participant).exists():
        raise DomainError(
            "Fagbrev kan registreres når deltakeren har en lærekontrakt. Registrer lærekontrakten først."
        )
    passed_on = fields.get("passed_on")
    if passed_on and passed_on > timezone.localdate():
        raise DomainError("Datoen for bestått fagprøve kan ikke være i framtiden.")
    return _register(Fagbrev, participant=participant, actor=actor, what="Fagbrev", **fields)


def _tell_markedsradgiver(contract: Laerekontrakt) -> None:
    """The company's markedsrådgiver, else the office's; for a protected participant only
    those cleared for her (the notice names her), falling back to the office's cleared."""
    participant = contract.participant
    office = User.objects.filter(
        groups__name=Role.MARKEDSRADGIVER, nav_kontor_id=participant.nav_kontor_id
    )
    own = contract.company.markedsradgiver
    if own is not None and cleared_for(own, participant):
        recipients = [own]
    else:
        # About a protected person only cleared markedsrådgivere hear anything.
        recipients = list(cleared_users(office, participant))
    url = reverse("companies:detail", args=[contract.company.uuid])
    base = settings.SITE_URL.rstrip("/")
    for user in recipients:
        notify_once(
            Due(
                kind=ReminderKind.LAREKONTRAKT,
                object_key=f"laerekontrakt:{contract.pk}",
                period=contract.signed_on.isoformat(),
                subject=f"Lærekontrakt signert hos {contract.company.name}",
                # E-mail carries no name; the notice in the app names her to the cleared.
                body=(
                    f"En deltaker har signert lærekontrakt i {contract.laerefag} hos "
                    f"{contract.company.name} ({contract.signed_on:%d.%m.%Y}).\n\n{base}{url}\n"
                ),
                url=url,
                recipient_id=user.pk,
                participant_id=participant.pk,
            )
        )


def employment_register(*, participant, actor, **fields) -> Employment:
    has_employer = fields.get("employer") or fields.get("employer_name", "").strip()
    if not (has_employer and fields.get("start_date")) and not (
        fields.get("found_herself") and fields.get("note", "").strip()
    ):
        raise DomainError(
            "Oppgi arbeidsgiver og startdato, eller kryss av for at deltakeren fant jobb selv og skriv et notat."
        )
    return _register(
        Employment, participant=participant, actor=actor, what="Arbeidsforhold", **fields
    )


KARTLEGGING_FIELDS = (
    "interests",
    "career_direction",
    "tool_jobpics",
    "tool_inflow24",
    "tool_samtale",
    "resources_experience",
    "tilrettelegging_work",
    "tilrettelegging_school",
    "economy",
    "economic_measures",
    "housing",
    "health_treatment",
    "family_situation",
    "rekrutteringsbistand",
)


def kartlegging_save(*, participant: Participant, actor: User, **fields) -> Kartlegging:
    unknown = set(fields) - set(KARTLEGGING_FIELDS)
    if unknown:
        raise ValueError(f"Not kartlegging fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = _lock(actor, participant)
        mapping = Kartlegging.objects.select_for_update().filter(participant=locked).first()
        if mapping is None:
            mapping = Kartlegging(participant=locked, updated_by=actor)
        changed = [name for name, value in fields.items() if getattr(mapping, name) != value]
        if mapping.pk and not changed:
            return mapping
        for name, value in fields.items():
            setattr(mapping, name, value.strip() if isinstance(value, str) else value)
        mapping.updated_by = actor
        mapping.updated_at = timezone.now()
        mapping._history_user = actor
        mapping.save()
        audit_change(
            actor, locked, what="Kartlegging: " + field_labels(Kartlegging, changed or fields)
        )
    return mapping


def agreement_save(*, participant: Participant, actor: User, **fields) -> FollowUpAgreement:
    """A new version of the follow-up agreement; the same content twice is no new version."""
    with transaction.atomic():
        locked = _lock(actor, participant)
        current = FollowUpAgreement.objects.filter(participant=locked).order_by("-version").first()
        if current and all(getattr(current, k) == v for k, v in fields.items()):
            return current
        agreement = FollowUpAgreement(
            participant=locked,
            version=(current.version + 1) if current else 1,
            created_by=actor,
            **fields,
        )
        if agreement.valid_to and agreement.valid_to < agreement.valid_from:
            raise DomainError("Sluttdatoen må være etter startdatoen.")
        try:
            agreement.full_clean()
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages)) from None
        agreement.save()
        audit_change(actor, locked, what=f"Oppfølgingsavtale versjon {agreement.version}")
    return agreement


def _lock_latest_agreement(actor: User, agreement: FollowUpAgreement) -> FollowUpAgreement:
    """The agreement's latest version, locked; refused when ``agreement`` is an older one."""
    locked = _lock(actor, agreement.participant)
    latest = (
        FollowUpAgreement.objects.select_for_update()
        .filter(participant=locked)
        .order_by("-version")
        .first()
    )
    if latest is None or latest.pk != agreement.pk:
        raise DomainError(
            "Bare den nyeste versjonen av avtalen kan godkjennes. En ny versjon trenger nye godkjenninger."
        )
    latest.participant = locked
    return latest


def _activate(agreement: FollowUpAgreement, actor: User) -> FollowUpAgreement:
    """Caller holds the lock on the version; refuses unless all three parties approved it."""
    parties = agreement.approvals.values_list("party", flat=True)
    if why_not := activation_refusal(parties):
        raise DomainError(why_not)
    if agreement.activated_at is not None:
        return agreement
    agreement.activated_at = timezone.now()
    agreement.save(update_fields=["activated_at"])
    audit_change(
        actor, agreement.participant, what=f"Oppfølgingsavtale versjon {agreement.version}: aktiv"
    )
    return agreement


def agreement_activate(*, agreement: FollowUpAgreement, actor: User) -> FollowUpAgreement:
    """Make a version active: only once the participant, the employer and the veileder have
    approved it (the last approval does this itself; this refuses anything earlier)."""
    with transaction.atomic():
        return _activate(_lock_latest_agreement(actor, agreement), actor)


def agreement_approve(
    *,
    agreement: FollowUpAgreement,
    actor: User,
    party: str,
    on_behalf_reason: str = "",
    approver_name: str = "",
) -> AgreementApproval:
    """One party's approval of the latest version; the third approval makes it active.

    A party that has approved this version already keeps its first approval (no second row).
    """
    with transaction.atomic():
        latest = _lock_latest_agreement(actor, agreement)
        existing = AgreementApproval.objects.filter(agreement=latest, party=party).first()
        if existing is not None:
            return existing
        if why_not := approval_refusal(
            party=party, on_behalf_reason=on_behalf_reason, approver_name=approver_name
        ):
            raise DomainError(why_not)
        approval = AgreementApproval.objects.create(
            agreement=latest,
            party=party,
            approved_by=actor,
            on_behalf_reason=on_behalf_reason,
            approver_name=approver_name.strip() if party == ApprovalParty.ARBEIDSGIVER else "",
        )
        what = f"Oppfølgingsavtale versjon {latest.version}: godkjent av {approval.get_party_display().lower()}"
        if on_behalf_reason:
            what += f" på deltakerens vegne ({approval.get_on_behalf_reason_display().lower()})"
        audit_change(actor, latest.participant, what=what)
        if not activation_refusal(
            AgreementApproval.objects.filter(agreement=latest).values_list("party", flat=True)
        ):
            _activate(latest, actor)
    agreement.activated_at = latest.activated_at
    return approval


def activity_card_create(
    *, participant: Participant, actor: User, title: str, kind: str, **fields
) -> ActivityCard:
    """A card in the activity plan; other apps (career guidance) call this too."""
    with transaction.atomic():
        locked = _lock(actor, participant)
        card = ActivityCard(
            participant=locked, created_by=actor, title=title.strip(), kind=kind, **fields
        )
        if card.from_date and card.to_date and card.to_date < card.from_date:
            raise DomainError("Til-datoen må være etter fra-datoen.")
        try:
            card.full_clean()
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages)) from None
        card.save()
        # The sporingslogg is never changed, so it names no free text (anonymisation).
        audit_change(actor, locked, what=f"Aktivitet: {card.get_kind_display()}")
    return card


def activity_card_set_status(*, card: ActivityCard, actor: User, status: str) -> ActivityCard:
    if status not in ActivityStatus.values:
        raise DomainError("Ukjent status.")
    with transaction.atomic():
        _lock(actor, card.participant)
        current = ActivityCard.objects.filter(pk=card.pk).values_list("status", flat=True).get()
        if current == status:
            card.status = status
            return card
        if refused := ACTIVITIES.refusal(card, current, status):
            raise DomainError(refused)
        updated = ActivityCard.objects.filter(pk=card.pk, status=current).update(
            status=status, updated_at=timezone.now()
        )
        if updated:
            audit_change(
                actor,
                card.participant,
                what=f"Aktivitet ({card.get_kind_display()}): {ActivityStatus(status).label}",
            )
    card.status = status
    return card


def waiting_after_message(*, from_participant: bool, awaiting_reply: bool) -> str:
    """Whose answer the dialogue waits for after a new message: hers calls for NAV's answer;
    NAV's waits for hers only when the veileder says so, and otherwise settles the thread."""
    if from_participant:
        return WaitingFor.NAV
    return WaitingFor.DELTAKER if awaiting_reply else WaitingFor.NONE


def activity_message_add(
    *,
    card: ActivityCard,
    actor: User,
    text: str,
    from_participant: bool = False,
    awaiting_reply: bool = False,
) -> ActivityMessage:
    """A message in the card's dialogue, typed by ``actor`` (on the participant's behalf when
    ``from_participant``), and the thread's waiting state that follows from it."""
    text = text.strip()
    if not text:
        raise DomainError("Skriv en melding før du sender.")
    if from_participant and awaiting_reply:
        raise DomainError(
            "En melding fra deltakeren kan ikke vente på svar fra deltakeren. Fjern ett av valgene."
        )
    waiting = waiting_after_message(
        from_participant=from_participant, awaiting_reply=awaiting_reply
    )
    with transaction.atomic():
        locked = _lock(actor, card.participant)
        message = ActivityMessage.objects.create(
            card=card, author=actor, text=text, from_participant=from_participant
        )
        ActivityCard.objects.filter(pk=card.pk).update(
            waiting_for=waiting, updated_at=timezone.now()
        )
        what = f"Aktivitet ({card.get_kind_display()}): melding "
        what += "fra deltakeren registrert" if from_participant else "fra NAV"
        if waiting == WaitingFor.DELTAKER:
            what += ", venter på svar fra deltakeren"
        # The sporingslogg names no free text (anonymisation): never the message itself.
        audit_change(actor, locked, what=what)
    card.waiting_for = waiting
    return message


def activity_dialogue_done(*, card: ActivityCard, actor: User) -> ActivityCard:
    """ "Ferdigbehandlet": NAV has dealt with the participant's message without writing back.
    Only a thread waiting for NAV changes; one waiting for her keeps waiting."""
    with transaction.atomic():
        locked = _lock(actor, card.participant)
        updated = ActivityCard.objects.filter(pk=card.pk, waiting_for=WaitingFor.NAV).update(
            waiting_for=WaitingFor.NONE, updated_at=timezone.now()
        )
        if updated:
            audit_change(
                actor,
                locked,
                what=f"Aktivitet ({card.get_kind_display()}): dialogen er ferdigbehandlet",
            )
        card.waiting_for = (
            ActivityCard.objects.filter(pk=card.pk).values_list("waiting_for", flat=True).get()
        )
    return card


def activity_mark_read(*, card: ActivityCard, user: User) -> None:
    """She has opened the card: every message so far is read for her (Min dag, "Ulest
    dialog"). One upsert, so two tabs at once cannot collide on the unique key."""
    ActivityRead.objects.bulk_create(
        [ActivityRead(user=user, card=card, read_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["user", "card"],
        update_fields=["read_at"],
    )
