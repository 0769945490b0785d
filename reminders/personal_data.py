"""Reminders sent about her (to staff, or to her own e-mail address)."""

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat

from core.personal_data import Declaration, Wipe

DECLARATIONS = [
    Declaration(
        model="reminders.Delivery",
        path="participant",
        title="Påminnelser sendt om deg",
        order=91,
        ordering=("created_at", "id"),
        columns=(
            ("Tidspunkt", "created_at"),
            ("Type", "get_kind_display"),
            ("Emne", "subject"),
            ("Til", lambda d: d.recipient.name if d.recipient else d.to_email),
            ("Status", "get_status_display"),
        ),
        select_related=("recipient",),
        # The row stays so a scan never sends the same reminder again (its unique key);
        # the address may be her e-mail, so it becomes the row's own id.
        anonymise=Wipe(
            keep={
                "object_key": "intern nøkkel (type og id), ikke om henne",
                "period": "dato i nøkkelen som hindrer dobbelt utsending",
            },
            values={"address": Concat(Value("anonymisert:"), Cast(F("pk"), CharField()))},
        ),
    ),
]
