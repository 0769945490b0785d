"""The veileder's huskelapp and fargekategori about her, and when veiledere last saw her changes."""

from core.personal_data import Declaration, Delete

DECLARATIONS = [
    Declaration(
        model="workday.ParticipantMark",
        path="participant",
        title="Huskelapp og fargekategori (NAVs interne notat)",
        order=85,
        single=True,
        columns=(
            ("Huskelapp", "note"),
            ("Frist", "deadline"),
            ("Fargekategori", "get_category_display"),
            ("Endret av", "updated_by__name"),
            ("Endret", "updated_at"),
        ),
        # A working note about her: nothing in it is needed once she is anonymised.
        anonymise=Delete(),
    ),
    Declaration(
        model="workday.ParticipantLook",
        path="participant",
        title="Når veiledere sist så endringene dine",
        order=86,
        ordering=("seen_at", "id"),
        columns=(("Sett", "seen_at"), ("Av", "user__name")),
        anonymise=Delete(),
    ),
]
