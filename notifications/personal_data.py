"""Notifications to staff about her (their text may name her)."""

from core.personal_data import Declaration, Wipe

DECLARATIONS = [
    Declaration(
        model="notifications.Notification",
        path="participant",
        title="Varsler til ansatte om deg",
        order=90,
        ordering=("created_at", "id"),
        columns=(
            ("Tidspunkt", "created_at"),
            ("Til", "recipient__name"),
            ("Varsel", "text"),
        ),
        # The row stays so the same notification is not made twice (dedup_key).
        anonymise=Wipe(
            keep={
                "dedup_key": "nøkkelen hindrer dobbelt varsel; den er ikke om henne",
                "kind": "typen varsel, lik for alle",
            }
        ),
    ),
]
