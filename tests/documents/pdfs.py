"""Asking for a PDF in tests: the page's link leads to the status page of a document a
worker renders; these follow it to the download."""

import io

from django.urls import reverse
from pypdf import PdfReader

from documents.models import Document
from documents.services import document_render
from tests.celery_worker import wait_for


def ask(client, url: str) -> Document:
    """Follow a PDF link: it redirects to its document's status page."""
    response = client.get(url)
    assert response.status_code == 302, (url, response.status_code)
    document = Document.objects.get(uuid=response["Location"].rstrip("/").split("/")[-1])
    assert response["Location"] == reverse(
        "documents:document", args=[document.participant.uuid, document.uuid]
    )
    return document


def download(client, document: Document):
    return client.get(
        reverse("documents:document_download", args=[document.participant.uuid, document.uuid])
    )


def rendered(client, url: str):
    """Ask, render it in this process as the worker would (tests/documents/test_documents.py
    does it with a real one), and download it."""
    document = ask(client, url)
    document_render(document_id=document.pk)
    return download(client, document)


def from_worker(client, url: str, worker):
    """Ask, wait until the status page (as htmx polls it) says a real worker made it, and
    download it."""
    document = ask(client, url)
    status = reverse("documents:document", args=[document.participant.uuid, document.uuid])

    def ready() -> bool:
        fragment = client.get(status, headers={"HX-Request": "true"}).content.decode()
        return "PDF-en er klar" in fragment

    assert wait_for(ready, timeout=90), (worker.log_dir / "worker0.log").read_text()
    return download(client, document)


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
