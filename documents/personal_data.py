"""Documents made about her on request (the innsyn PDF), rendered and stored by a worker."""

from core.personal_data import Declaration, Delete

DECLARATIONS = [
    Declaration(
        model="documents.Document",
        path="participant",
        title="Dokumenter laget om deg",
        order=95,
        ordering=("created_at", "id"),
        columns=(
            ("Dokument", "get_kind_display"),
            ("Bestilt", "created_at"),
            ("Bestilt av", "requested_by__name"),
            ("Status", "get_status_display"),
        ),
        files=("file",),
        # The stored PDF and its HTML are copies of her data: both go.
        anonymise=Delete(),
    ),
]
