"""Documents asked for on a page and rendered by a worker."""

import datetime
import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Document, DocumentKind, DocumentStatus

log = logging.getLogger(__name__)

# A pending row not ready this long after it was handed on lost its message (a killed
# worker, a broker restarted empty, a failed hand-off); the sweep hands it on again.
REDISPATCH_AFTER = datetime.timedelta(seconds=120)


def _html(template: str, context: dict, printed_at) -> str:
    return render_to_string(template, {**context, "printed_at": printed_at})


def document_request(
    *,
    participant,
    kind: DocumentKind,
    template: str,
    context: dict,
    actor,
    title: str = "",
    download_name: str = "",
    ask_path: str = "",
) -> tuple[Document, bool]:
    """The document of ``kind`` for these data: the stored one when nothing changed, else a
    new pending row for a worker. Returns it and whether it is new (to be handed on)."""
    # The print time alone does not make a new document.
    digest = hashlib.sha256(_html(template, context, None).encode()).hexdigest()
    existing = (
        Document.objects.filter(participant=participant, kind=kind, inputs_hash=digest)
        .exclude(status=DocumentStatus.FAILED)
        .first()
    )
    if existing is not None:
        return existing, False
    Document.objects.filter(
        participant=participant, kind=kind, inputs_hash=digest, status=DocumentStatus.FAILED
    ).delete()
    html = _html(template, context, timezone.now())
    try:
        with transaction.atomic():
            document = Document.objects.create(
                participant=participant,
                kind=kind,
                inputs_hash=digest,
                source_html=html,
                requested_by=actor,
                title=title,
                download_name=download_name,
                ask_path=ask_path,
            )
    except IntegrityError:
        # Asked for twice at the same moment: the other request's row serves both.
        return Document.objects.get(participant=participant, kind=kind, inputs_hash=digest), False
    return document, True


def document_render(*, document_id: int) -> str:
    """Lay out a pending document into its file; a second run finds it ready and stops."""
    from .render import render_html

    with transaction.atomic():
        # Waits for a lock rather than skipping: the web process stamps the row as handed on
        # while a fast worker may already be here, and a skipped row would wait for the sweep.
        document = (
            Document.objects.select_for_update()
            .filter(pk=document_id, status=DocumentStatus.PENDING)
            .first()
        )
        if document is None:
            return "skipped"
        try:
            pdf = render_html(document.source_html)
        except Exception as exc:  # a layout error is the document's, not the worker's
            log.exception("Document %s failed to render", document_id)
            document.status = DocumentStatus.FAILED
            document.error = (str(exc) or exc.__class__.__name__)[:500]
            document.save(update_fields=["status", "error"])
            return "failed"
        document.file.save(f"{document.uuid}.pdf", ContentFile(pdf), save=False)
        document.status = DocumentStatus.READY
        document.ready_at = timezone.now()
        # The file holds it now; the HTML copy of her data need not stay.
        document.source_html = ""
        document.save(update_fields=["file", "status", "ready_at", "source_html"])
    return "ready"


def documents_to_dispatch() -> list[int]:
    cutoff = timezone.now() - REDISPATCH_AFTER
    return list(
        Document.objects.filter(status=DocumentStatus.PENDING)
        .filter(Q(dispatched_at__isnull=True, created_at__lt=cutoff) | Q(dispatched_at__lt=cutoff))
        .values_list("pk", flat=True)[:500]
    )


def mark_dispatched(ids: list[int], *, handed_on: bool = True) -> None:
    Document.objects.filter(pk__in=ids).update(dispatched_at=timezone.now() if handed_on else None)
