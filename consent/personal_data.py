"""Her consents and their withdrawals, with the signed forms (scanned files)."""

from core.personal_data import Declaration, Wipe

DECLARATIONS = [
    Declaration(
        model="consent.Consent",
        path="participant",
        title="Samtykker",
        order=60,
        ordering=("given_on", "id"),
        columns=(
            ("Formål", "get_purpose_display"),
            ("Hva som deles", "shared_what"),
            ("Med hvem", "shared_with"),
            ("Gitt", "given_on"),
            ("Hvordan", "get_method_display"),
            ("Signert skjema", lambda c: "Ja, skannet" if c.document else "Nei"),
            ("Gyldig til", "valid_until"),
            ("Registrert av", "recorded_by__name"),
        ),
        files=("document",),
        # The rows stay: requests sent under a consent point at it, and the overview
        # counts consents. The scan goes from storage.
        anonymise=Wipe(),
    ),
    Declaration(
        model="consent.ConsentWithdrawal",
        path="consent__participant",
        title="Trukne samtykker",
        order=61,
        ordering=("withdrawn_on", "id"),
        columns=(
            ("Samtykke", "consent__get_purpose_display"),
            ("Trukket", "withdrawn_on"),
            ("Merknad", "note"),
            ("Registrert av", "recorded_by__name"),
        ),
        anonymise=Wipe(),
    ),
]
