"""Documents made about her on request (the innsyn, consent forms, agreements, meeting notes
and JobbLoop certificates as PDF), rendered and stored by a worker."""

from core.personal_data import Declaration, Delete, Section

# A stored copy is the innsyn itself: listing the copies in it would make every new copy
# differ from the last, and the unchanged innsyn could never be served from its file.
COPIES = (
    "Innsynet du ber om, og samtykkeskjemaer, oppfølgingsavtaler, møtereferater og felles "
    "attester som skrives ut, lages som PDF og lagres, så de kan hentes igjen så lenge "
    "ingenting er endret. Kopiene slettes når opplysningene dine anonymiseres."
)


def _copies(participant) -> Section:
    return Section("Lagrede PDF-er", fields=[("Kopier", COPIES)])


DECLARATIONS = [
    Declaration(
        model="documents.Document",
        path="participant",
        title="Lagrede PDF-er",
        order=95,
        ordering=("created_at", "id"),
        columns=(
            ("Dokument", "get_kind_display"),
            ("Bestilt", "created_at"),
            ("Bestilt av", "requested_by__name"),
            ("Status", "get_status_display"),
        ),
        build=_copies,
        files=("file",),
        # The stored PDF and its HTML are copies of her data: both go.
        anonymise=Delete(),
    ),
]
