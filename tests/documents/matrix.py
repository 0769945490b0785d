from tests.matrix import PARTICIPANT_PAGE

ROWS = {
    "documents:innsyn_pdf": PARTICIPANT_PAGE,
    "documents:innsyn_json": PARTICIPANT_PAGE,
}


ROWS.update(
    {
        "documents:consent_form": PARTICIPANT_PAGE,
        "documents:agreement": PARTICIPANT_PAGE,
        "documents:agreement_version": PARTICIPANT_PAGE,
        "documents:meeting": PARTICIPANT_PAGE,
        "documents:loop_certificate": PARTICIPANT_PAGE,
        "documents:document": PARTICIPANT_PAGE,
        "documents:document_download": PARTICIPANT_PAGE,
    }
)


def url_kwargs(name, params, *, participant, personas):
    import datetime

    if "version" in params:
        from phases.models import FollowUpAgreement

        FollowUpAgreement.objects.get_or_create(
            participant=participant,
            version=1,
            defaults={
                "goals": "Matrise",
                "valid_from": datetime.date(2026, 11, 1),
                "followup_frequency": "Hver måned",
                "responsible": "Veileder",
                "created_by": participant.veileder,
            },
        )
        return {"version": 1}
    if "document" in params:
        from django.core.files.base import ContentFile

        from documents.models import Document, DocumentKind, DocumentStatus

        found = Document.objects.filter(participant=participant, inputs_hash="matrix").first()
        if found is not None:
            return {"document": found.uuid}
        document = Document(
            participant=participant,
            kind=DocumentKind.INNSYN,
            inputs_hash="matrix",
            status=DocumentStatus.READY,
        )
        document.file.save("matrix.pdf", ContentFile(b"%PDF-1.7 matrix"), save=False)
        document.save()
        return {"document": document.uuid}
    if "purpose" in params:
        return {"purpose": "share_with_county"}
    if "meeting" in params:
        from phases.models import Meeting

        meeting = Meeting.objects.filter(participant=participant).first() or Meeting.objects.create(
            participant=participant,
            kind="oppfolgingsmote",
            held_on=datetime.date(2026, 11, 1),
            place="nav",
            recorded_by=participant.veileder,
        )
        return {"meeting": meeting.uuid}
    if "candidate" in params:
        from jobbloop.models import LoopCandidate
        from jobbloop.services import loop_create
        from tests.factories import CompanyFactory

        loop = loop_create(
            actor=participant.veileder,
            name="Attest",
            start_date=datetime.date(2026, 9, 1),
            companies=[CompanyFactory() for _ in range(3)],
        )
        candidate = LoopCandidate.objects.create(
            loop=loop, participant=participant, start_position=1, added_by=participant.veileder
        )
        return {"loop": loop.uuid, "candidate": candidate.uuid}
    return {}
