"""Møteplass and Kick-Off: where she was invited and how it went."""

from core.personal_data import Declaration, Keep

DECLARATIONS = [
    Declaration(
        model="events.Invitation",
        path="participant",
        title="Møteplass og Kick-Off",
        order=75,
        ordering=("created_at", "id"),
        columns=(
            ("Møteplass", "event__title"),
            ("Dato", "event__date"),
            ("Sted", "event__place"),
            ("Utfall", "get_outcome_display"),
            ("Matchet med", "company__name"),
        ),
        anonymise=Keep("Utfallet telles i oversikten; raden har ingen fritekst om henne."),
    ),
]
