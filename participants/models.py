import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from core.bounds import DateWindowValidator
from core.identity import age_on, mask, validate_identity


class Programomrade(models.TextChoices):
    BYGG = "BA", "Bygg- og anleggsteknikk"
    ELEKTRO = "EL", "Elektro og datateknologi"
    FRISOR = "FBIE", "Frisør, blomster, interiør og eksteriørdesign"
    HANDVERK = "HDP", "Håndverk, design og produktutvikling"
    HELSE = "HO", "Helse- og oppvekstfag"
    IT = "IM", "Informasjonsteknologi og medieproduksjon"
    NATURBRUK = "NA", "Naturbruk"
    RESTAURANT = "RM", "Restaurant- og matfag"
    SALG = "SSR", "Salg, service og reiseliv"
    TEKNOLOGI = "TIP", "Teknologi- og industrifag"


class Laerefag(models.Model):
    """A trade (lærefag) leading to a fag- or svennebrev: a desired sluttkompetanse."""

    code = models.CharField("kode", max_length=12, unique=True)
    name = models.CharField("navn", max_length=120, unique=True)
    programomrade = models.CharField(
        "utdanningsprogram", max_length=4, choices=Programomrade.choices
    )

    class Meta:
        verbose_name = "lærefag"
        verbose_name_plural = "lærefag"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Innsatsgruppe(models.TextChoices):
    STANDARD = "standard", "Standard innsats"
    SITUASJONSBESTEMT = "situasjonsbestemt", "Situasjonsbestemt innsats"
    SPESIELT_TILPASSET = "spesielt_tilpasset", "Spesielt tilpasset innsats"
    VARIG_TILPASSET = "varig_tilpasset", "Varig tilpasset innsats"


class Adressebeskyttelse(models.TextChoices):
    INGEN = "", "Ingen"
    FORTROLIG = "fortrolig", "Fortrolig (kode 7)"
    STRENGT_FORTROLIG = "strengt_fortrolig", "Strengt fortrolig (kode 6)"


class Phase(models.TextChoices):
    """The pipeline of DOMAIN.md; transitions and their rules live in the phases app."""

    KARTLEGGE = "kartlegge", "Kartlegging"
    MATCHING = "matching", "Matching"
    PRAKSIS = "praksis", "Praksis"
    SKOLE = "skole", "Skole"
    LARETID = "laretid", "Læretid"
    JOBB = "jobb", "Jobb"
    AVSLUTTET = "avsluttet", "Avsluttet"


# Columns services keep in step from other facts (the phase history, the meetings) or set
# once (anonymisation): not changes a person made to her, so never a history row of their own.
DERIVED_FIELDS = ("phase", "phase_entered_at", "next_followup_due", "updated_at", "anonymised_at")


# Everyone some user's figures may leave out: anonymised, or protected (participants.access
# hides each kind from users not cleared for it). A few in a hundred.
MAYBE_HIDDEN = (
    models.Q(anonymised_at__isnull=False)
    | ~models.Q(adressebeskyttelse=Adressebeskyttelse.INGEN)
    | models.Q(skjermet=True)
)


class Participant(models.Model):
    """A job seeker (deltaker) followed by a NAV-veileder towards a fagbrev and a job."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    fodselsnummer = models.CharField(
        "fødselsnummer/D-nummer", max_length=11, unique=True, validators=[validate_identity]
    )
    birth_date = models.DateField(
        "fødselsdato", validators=[DateWindowValidator("birth")], editable=False
    )
    first_name = models.CharField("fornavn", max_length=100)
    last_name = models.CharField("etternavn", max_length=100)
    phone = models.CharField("telefon", max_length=20, blank=True)
    email = models.EmailField("e-post", blank=True)
    street_address = models.CharField("adresse", max_length=200, blank=True)
    postal_code = models.CharField("postnummer", max_length=4, blank=True)
    postal_place = models.CharField("poststed", max_length=100, blank=True)
    nav_kontor = models.ForeignKey(
        "accounts.NavKontor",
        verbose_name="NAV-kontor",
        on_delete=models.PROTECT,
        related_name="participants",
    )
    veileder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="veileder",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="caseload",
    )
    innsatsgruppe = models.CharField(
        "innsatsgruppe",
        max_length=20,
        choices=Innsatsgruppe.choices,
        default=Innsatsgruppe.STANDARD,
    )
    vgs_completed = models.BooleanField("fullført videregående", default=False)
    sluttkompetanse = models.ForeignKey(
        Laerefag,
        verbose_name="ønsket sluttkompetanse",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    adressebeskyttelse = models.CharField(
        "adressebeskyttelse",
        max_length=20,
        choices=Adressebeskyttelse.choices,
        default=Adressebeskyttelse.INGEN,
        blank=True,
    )
    skjermet = models.BooleanField(
        "skjermet", default=False, help_text="NAV-ansatt eller nærstående: krever egen tilgang."
    )
    # Current phase and next follow-up are stored (and kept in step by phases.services in the
    # same transaction as the history row) so the caseload filters and sorts on indexes.
    phase = models.CharField("fase", max_length=12, choices=Phase.choices, default=Phase.KARTLEGGE)
    phase_entered_at = models.DateTimeField("i fasen siden", default=timezone.now)
    next_followup_due = models.DateField("neste oppfølging", null=True, blank=True)
    created_at = models.DateTimeField("opprettet", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("endret", auto_now=True)
    anonymised_at = models.DateTimeField("anonymisert", null=True, blank=True, editable=False)

    # Who changed which field from what to what (django-simple-history).
    history = HistoricalRecords(excluded_fields=list(DERIVED_FIELDS), cascade_delete_history=True)

    class Meta:
        verbose_name = "deltaker"
        verbose_name_plural = "deltakere"
        ordering = ["last_name", "first_name", "id"]
        permissions = [
            ("view_strengt_fortrolig", "Kan se deltakere med strengt fortrolig adresse (kode 6)"),
            ("view_fortrolig", "Kan se deltakere med fortrolig adresse (kode 7)"),
            ("view_skjermet", "Kan se skjermede deltakere"),
            ("reassign_participant", "Kan tildele deltaker til annen veileder"),
        ]
        indexes = [
            # The retention sweep reads only ended, not yet anonymised cases.
            models.Index(
                fields=["phase", "phase_entered_at"],
                condition=models.Q(anonymised_at__isnull=True),
                name="pt_retention_idx",
            ),
            models.Index(
                fields=["veileder", "last_name", "first_name"], name="pt_veileder_name_idx"
            ),
            models.Index(
                fields=["nav_kontor", "last_name", "first_name"], name="pt_kontor_name_idx"
            ),
            models.Index(fields=["veileder", "birth_date"], name="pt_veileder_birth_idx"),
            models.Index(fields=["nav_kontor", "birth_date"], name="pt_kontor_birth_idx"),
            models.Index(fields=["veileder", "created_at"], name="pt_veileder_created_idx"),
            models.Index(fields=["nav_kontor", "created_at"], name="pt_kontor_created_idx"),
            models.Index(fields=["veileder", "phase"], name="pt_veileder_phase_idx"),
            models.Index(fields=["nav_kontor", "phase"], name="pt_kontor_phase_idx"),
            models.Index(fields=["veileder", "next_followup_due"], name="pt_veileder_due_idx"),
            models.Index(fields=["nav_kontor", "next_followup_due"], name="pt_kontor_due_idx"),
            models.Index(fields=["next_followup_due"], name="pt_due_idx"),
            models.Index(fields=["innsatsgruppe"], name="pt_innsatsgruppe_idx"),
            # The overview's funnel over a whole county: counted from the index alone.
            models.Index(
                fields=["phase"],
                condition=models.Q(anonymised_at__isnull=True),
                name="pt_active_phase_idx",
            ),
            models.Index(fields=["last_name", "first_name"], name="pt_name_idx"),
            # The few a county's figures may have to leave out (overview.aggregate).
            models.Index(fields=["id"], condition=MAYBE_HIDDEN, name="pt_maybe_hidden_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def masked_fodselsnummer(self) -> str:
        return mask(self.fodselsnummer)

    @property
    def age(self) -> int:
        return age_on(self.birth_date, datetime.date.today())

    @property
    def days_in_phase(self) -> int:
        return (timezone.localdate() - timezone.localdate(self.phase_entered_at)).days

    @property
    def is_protected(self) -> bool:
        return bool(self.adressebeskyttelse) or self.skjermet


class ParticipantUserObjectPermission(UserObjectPermissionBase):
    """An explicit grant on one participant (e.g. a stand-in veileder), via django-guardian.

    A direct foreign key instead of guardian's generic relation keeps the caseload query
    an indexed lookup at 10^5 participants.
    """

    content_object = models.ForeignKey(Participant, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = "tilgang til deltaker"
        verbose_name_plural = "tilganger til deltakere"


class CaseloadColumns(models.Model):
    """Which columns of the caseload a user shows, in her order (NAV's "velg kolonner")."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="bruker",
        on_delete=models.CASCADE,
        related_name="caseload_columns",
    )
    columns = models.JSONField("kolonner", default=list)
    updated_at = models.DateTimeField("sist endret", auto_now=True)

    class Meta:
        verbose_name = "valgte kolonner i porteføljen"
        verbose_name_plural = "valgte kolonner i porteføljen"

    def __str__(self) -> str:
        return ", ".join(self.columns)
