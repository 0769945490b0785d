import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.bounds import DateWindowValidator
from participants.models import Phase


class EndReason(models.TextChoices):
    ORDINAERT_ARBEID = "ordinaert_arbeid", "Ordinært arbeid"
    UTDANNING = "utdanning", "Utdanning"
    FLYTTET = "flyttet", "Flyttet"
    HELSE = "helse", "Helse"
    IKKE_MOTIVERT = "ikke_motivert", "Ikke motivert"
    ANNET = "annet", "Annet"


class PhaseTransition(models.Model):
    """One move in the pipeline: who, when, from, to and why. Append-only."""

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name="deltaker",
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    from_phase = models.CharField("fra", max_length=12, choices=Phase.choices, blank=True)
    to_phase = models.CharField("til", max_length=12, choices=Phase.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="av", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField("begrunnelse", blank=True)
    end_reason = models.CharField(
        "avslutningsårsak", max_length=20, choices=EndReason.choices, blank=True
    )
    created_at = models.DateTimeField("tidspunkt", default=timezone.now)
    # When the stay in ``from_phase`` began: the days spent there are part of the move.
    from_phase_since = models.DateTimeField("i forrige fase siden", null=True, blank=True)

    class Meta:
        verbose_name = "faseovergang"
        verbose_name_plural = "faseoverganger"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["participant", "created_at"], name="transition_participant_idx"),
            models.Index(fields=["to_phase", "created_at"], name="transition_to_phase_idx"),
            # The overview's period: moves of a month or a year out of the whole history.
            models.Index(fields=["created_at"], name="transition_created_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_from_phase_display() or '–'} → {self.get_to_phase_display()}"


class Opplaeringsplan(models.Model):
    """The county's (tentative) training plan: what skole needs before it starts."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name="deltaker",
        on_delete=models.CASCADE,
        related_name="opplaeringsplaner",
    )
    received_on = models.DateField("mottatt", validators=[DateWindowValidator("past")])
    school = models.CharField("skole eller opplæringssted", max_length=200, blank=True)
    description = models.TextField("innhold", blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="registrert av",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("registrert", default=timezone.now)

    class Meta:
        verbose_name = "opplæringsplan"
        verbose_name_plural = "opplæringsplaner"
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"Opplæringsplan mottatt {self.received_on:%d.%m.%Y}"


class Laerekontrakt(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name="deltaker",
        on_delete=models.CASCADE,
        related_name="laerekontrakter",
    )
    company = models.ForeignKey(
        "companies.Company", verbose_name="lærebedrift", on_delete=models.PROTECT, related_name="+"
    )
    laerefag = models.ForeignKey(
        "participants.Laerefag", verbose_name="lærefag", on_delete=models.PROTECT, related_name="+"
    )
    opplaeringskontor = models.CharField("opplæringskontor", max_length=200)
    signed_on = models.DateField("signert", validators=[DateWindowValidator("past")])
    # Optional: older contracts were registered without it. "Slutter snart" reads it.
    ends_on = models.DateField(
        "læretiden slutter", validators=[DateWindowValidator("case")], null=True, blank=True
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="registrert av",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("registrert", default=timezone.now)

    class Meta:
        verbose_name = "lærekontrakt"
        verbose_name_plural = "lærekontrakter"
        ordering = ["-signed_on", "-id"]

    def __str__(self) -> str:
        until = f", til {self.ends_on:%d.%m.%Y}" if self.ends_on else ""
        return f"{self.laerefag} hos {self.company} ({self.signed_on:%d.%m.%Y}{until})"


class Fagbrev(models.Model):
    """A passed fagprøve: the trade certificate the model works towards (seed 004)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name="deltaker",
        on_delete=models.CASCADE,
        related_name="fagbrev",
    )
    laerefag = models.ForeignKey(
        "participants.Laerefag", verbose_name="lærefag", on_delete=models.PROTECT, related_name="+"
    )
    passed_on = models.DateField("fagprøve bestått", validators=[DateWindowValidator("past")])
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="registrert av",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("registrert", default=timezone.now)

    class Meta:
        verbose_name = "fagbrev"
        verbose_name_plural = "fagbrev"
        ordering = ["-passed_on", "-id"]
        indexes = [models.Index(fields=["passed_on"], name="fagbrev_passed_idx")]

    def __str__(self) -> str:
        return f"Fagbrev {self.laerefag} ({self.passed_on:%d.%m.%Y})"


class Employment(models.Model):
    """A job: with an employer and a start date, or her own note that she found work."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name="deltaker",
        on_delete=models.CASCADE,
        related_name="employments",
    )
    employer = models.ForeignKey(
        "companies.Company",
        verbose_name="arbeidsgiver i registeret",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    employer_name = models.CharField("arbeidsgiver", max_length=200, blank=True)
    start_date = models.DateField(
        "startdato", validators=[DateWindowValidator("case")], null=True, blank=True
    )
    found_herself = models.BooleanField("fant jobb selv", default=False)
    note = models.TextField("merknad", blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="registrert av",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("registrert", default=timezone.now)

    class Meta:
        verbose_name = "arbeidsforhold"
        verbose_name_plural = "arbeidsforhold"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.employer_name or str(self.employer or "Fant jobb selv")


class ChecklistItem(models.Model):
    """A task seed 000 gives the veileder in a phase, created when she enters it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name="deltaker",
        on_delete=models.CASCADE,
        related_name="checklist",
    )
    phase = models.CharField("fase", max_length=12, choices=Phase.choices)
    key = models.CharField("nøkkel", max_length=40)
    label = models.CharField("oppgave", max_length=200)
    position = models.PositiveSmallIntegerField("rekkefølge", default=0)
    done_at = models.DateTimeField("utført", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="utført av",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "sjekklistepunkt"
        verbose_name_plural = "sjekklistepunkter"
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "phase", "key"], name="one_checklist_item_per_phase"
            )
        ]

    def __str__(self) -> str:
        return self.label


class MeetingKind(models.TextChoices):
    OPPSTARTSMOTE = "oppstartsmote", "Oppstartsmøte"
    OPPFOLGINGSMOTE = "oppfolgingsmote", "Oppfølgingsmøte"
    DIALOGMOTE = "dialogmote", "Dialogmøte"
    SAMTALE = "samtale", "Samtale"


class MeetingPlace(models.TextChoices):
    ARBEIDSPLASSEN = "arbeidsplassen", "På arbeidsplassen"
    NAV = "nav", "På NAV-kontoret"
    DIGITALT = "digitalt", "Digitalt"
    TELEFON = "telefon", "Telefon"


class Meeting(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name="deltaker",
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    kind = models.CharField("type møte", max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField("dato", validators=[DateWindowValidator("case")])
    place = models.CharField("sted", max_length=20, choices=MeetingPlace.choices)
    attendees = models.CharField("hvem deltok", max_length=300, blank=True)
    summary = models.TextField("referat", blank=True)
    next_agreed_on = models.DateField(
        "neste avtalte møte", validators=[DateWindowValidator("planned")], null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="registrert av",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("registrert", default=timezone.now)

    class Meta:
        verbose_name = "møte"
        verbose_name_plural = "møter"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["participant", "held_on"], name="meeting_participant_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d.%m.%Y}"


class Kartlegging(models.Model):
    """The mapping conversation (seed 000 "Kartlegge kandidater", seed 001), as structured fields.

    Economy, health and family are the most sensitive parts of the case: only the
    participant's veileder and leder see them; no other role's page reads this model.
    """

    participant = models.OneToOneField(
        "participants.Participant", on_delete=models.CASCADE, related_name="kartlegging"
    )
    interests = models.TextField("interesser", blank=True)
    career_direction = models.TextField("karriereretning", blank=True)
    tool_jobpics = models.BooleanField("kartlagt med JobPics", default=False)
    tool_inflow24 = models.BooleanField("kartlagt med InFlow24", default=False)
    tool_samtale = models.BooleanField("kartlagt i samtale", default=False)
    resources_experience = models.TextField("ressurser, ferdigheter og erfaring", blank=True)
    tilrettelegging_work = models.TextField("behov for tilrettelegging i bedrift", blank=True)
    tilrettelegging_school = models.TextField("behov for tilrettelegging i skole", blank=True)
    economy = models.TextField("økonomi", blank=True)
    economic_measures = models.TextField("aktuelle økonomiske virkemidler", blank=True)
    housing = models.TextField("boforhold", blank=True)
    health_treatment = models.TextField("behandling i helsetjenesten", blank=True)
    family_situation = models.TextField("familiesituasjon", blank=True)
    rekrutteringsbistand = models.BooleanField("lagt til i Rekrutteringsbistand", default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("sist endret", default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "kartlegging"
        verbose_name_plural = "kartlegginger"

    def __str__(self) -> str:
        return f"Kartlegging av {self.participant}"


class FollowUpAgreement(models.Model):
    """Tilretteleggings- og oppfølgingsavtale / jobbstøtteplan (seed 001).

    Versioned: a change is a new row with the next version number; old versions stay.
    """

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name="deltaker",
        on_delete=models.CASCADE,
        related_name="agreements",
    )
    version = models.PositiveSmallIntegerField("versjon")
    goals = models.TextField("mål")
    valid_from = models.DateField("gjelder fra", validators=[DateWindowValidator("case")])
    valid_to = models.DateField(
        "gjelder til", validators=[DateWindowValidator("case")], null=True, blank=True
    )
    extension = models.CharField("mulighet for forlengelse", max_length=300, blank=True)
    followup_frequency = models.CharField("hvor ofte oppfølging", max_length=200)
    followup_purpose = models.TextField("hensikt med oppfølgingen", blank=True)
    responsible = models.CharField(
        "hvem følger opp",
        max_length=300,
        help_text="For eksempel NAV-veileder, arbeidsgiver, mentor.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Set when the last of the three parties approves this version (phases.approvals).
    activated_at = models.DateTimeField("aktiv fra", null=True, blank=True)

    class Meta:
        verbose_name = "oppfølgingsavtale"
        verbose_name_plural = "oppfølgingsavtaler"
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["participant", "version"], name="one_agreement_version")
        ]

    def __str__(self) -> str:
        return f"Oppfølgingsavtale versjon {self.version}"


class ApprovalParty(models.TextChoices):
    DELTAKER = "deltaker", "Deltaker"
    ARBEIDSGIVER = "arbeidsgiver", "Arbeidsgiver"
    VEILEDER = "veileder", "NAV-veileder"


class OnBehalfReason(models.TextChoices):
    """Why the veileder approves for the participant (NAV's list for tiltak agreements)."""

    NO_BANKID = "no_bankid", "Deltakeren har ikke BankID"
    RESERVED = "reserved", "Deltakeren har reservert seg mot digital kommunikasjon"
    DIGITAL_SKILLS = "digital_skills", "Deltakeren mangler digitale ferdigheter"


class AgreementApproval(models.Model):
    """One party's approval of one version of the follow-up agreement. Append-only.

    A new version is a new agreement row, so it starts with no approvals.
    """

    agreement = models.ForeignKey(
        FollowUpAgreement,
        verbose_name="oppfølgingsavtale",
        on_delete=models.CASCADE,
        related_name="approvals",
    )
    party = models.CharField("part", max_length=12, choices=ApprovalParty.choices)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="registrert av",
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField("godkjent", default=timezone.now)
    on_behalf_reason = models.CharField(
        "godkjent på deltakerens vegne fordi",
        max_length=20,
        choices=OnBehalfReason.choices,
        blank=True,
    )
    approver_name = models.CharField(
        "godkjent av (arbeidsgiverens kontaktperson)", max_length=200, blank=True
    )

    class Meta:
        verbose_name = "godkjenning av oppfølgingsavtale"
        verbose_name_plural = "godkjenninger av oppfølgingsavtaler"
        ordering = ["approved_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "party"], name="one_approval_per_party_and_version"
            ),
            # Only the participant's approval can be given on her behalf.
            models.CheckConstraint(
                condition=models.Q(on_behalf_reason="") | models.Q(party="deltaker"),
                name="on_behalf_only_for_deltaker",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()} godkjente {self.agreement}"


class ActivityStatus(models.TextChoices):
    PLANLAGT = "planlagt", "Planlagt"
    GJENNOMFORES = "gjennomfores", "Gjennomføres"
    FULLFORT = "fullfort", "Fullført"
    AVBRUTT = "avbrutt", "Avbrutt"


class ActivityKind(models.TextChoices):
    AKTIVITET = "aktivitet", "Aktivitet"
    MOTE = "mote", "Møte"
    KARRIEREVEILEDNING = "karriereveiledning", "Karriereveiledning"
    KURS = "kurs", "Kurs"
    STILLING = "stilling", "Stilling"


class WaitingFor(models.TextChoices):
    """Whose answer a card's dialogue waits for (as in NAV's own aktivitetsplan)."""

    NONE = "", "Ingen"
    NAV = "nav", "NAV"
    DELTAKER = "deltaker", "Deltakeren"


class ActivityCard(models.Model):
    """A card in the activity plan (aktivitetsplan), with its dialogue thread."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name="deltaker",
        on_delete=models.CASCADE,
        related_name="activities",
    )
    title = models.CharField("tittel", max_length=200)
    kind = models.CharField("type", max_length=20, choices=ActivityKind.choices)
    status = models.CharField(
        "status", max_length=15, choices=ActivityStatus.choices, default=ActivityStatus.PLANLAGT
    )
    from_date = models.DateField(
        "fra", validators=[DateWindowValidator("case")], null=True, blank=True
    )
    to_date = models.DateField(
        "til", validators=[DateWindowValidator("case")], null=True, blank=True
    )
    description = models.TextField("beskrivelse", blank=True)
    # Kept by phases.services.activity_message_add / activity_dialogue_done only.
    waiting_for = models.CharField(
        "venter på svar fra", max_length=10, choices=WaitingFor.choices, blank=True, default=""
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "aktivitet"
        verbose_name_plural = "aktiviteter"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["participant", "status"], name="activity_participant_idx"),
            # The "venter på svar" statuses look only at the few cards that wait.
            models.Index(
                fields=["participant", "waiting_for"],
                condition=~models.Q(waiting_for=""),
                name="activity_waiting_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ActivityMessage(models.Model):
    card = models.ForeignKey(ActivityCard, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("melding")
    # Participants do not log in here: staff type her message in, and ``author`` is who typed it.
    from_participant = models.BooleanField("meldingen er fra deltakeren", default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldinger"
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["card", "created_at"], name="activity_message_card_idx")]

    def __str__(self) -> str:
        return self.text[:50]


class ActivityRead(models.Model):
    """When a user last opened a card's dialogue: later messages by others are unread for her."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    card = models.ForeignKey(ActivityCard, on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField("lest")

    class Meta:
        verbose_name = "lest dialog"
        verbose_name_plural = "leste dialoger"
        constraints = [
            models.UniqueConstraint(fields=["user", "card"], name="one_read_mark_per_user_and_card")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}/{self.card_id} {self.read_at:%Y-%m-%d %H:%M}"
