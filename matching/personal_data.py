"""Matches with companies and their history."""

from core.personal_data import Declaration, Wipe

DECLARATIONS = [
    Declaration(
        model="matching.Match",
        path="participant",
        title="Matcher med bedrifter",
        order=70,
        ordering=("created_at", "id"),
        columns=(
            ("Bedrift", "company__name"),
            ("Status", "get_status_display"),
            ("Begrunnelse", "motivation"),
            ("Delt med markedsrådgiveren", "shared_summary"),
            ("Foreslått av", "proposed_by__name"),
            ("Startdato", "start_date"),
            ("Vurdert", "decided_at"),
            ("Begrunnelse for vurderingen", "decision_reason"),
        ),
        # The overview counts matches by status; the texts go.
        anonymise=Wipe(),
    ),
    Declaration(
        model="matching.MatchEvent",
        path="match__participant",
        title="Matcher: hendelser",
        order=71,
        ordering=("created_at", "id"),
        columns=(
            ("Tidspunkt", "created_at"),
            ("Bedrift", "match__company__name"),
            ("Fra", "get_from_status_display"),
            ("Til", "get_to_status_display"),
            ("Av", "actor__name"),
            ("Kommentar", "comment"),
        ),
        anonymise=Wipe(),
    ),
]
