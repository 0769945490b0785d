"""The signed consent form as uploaded: a PDF or a photo of it, checked by content."""

from django.core.exceptions import ValidationError

MAX_BYTES = 10 * 1024 * 1024
# What a scan may be, known by its first bytes rather than by its name.
SIGNATURES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
}


def scan_kind(head: bytes) -> tuple[str, str] | None:
    """(content type, file extension) of a scan, from its first bytes."""
    return next((kind for sig, kind in SIGNATURES.items() if head.startswith(sig)), None)


def validate_scan(upload) -> None:
    if upload.size > MAX_BYTES:
        raise ValidationError("Filen er større enn 10 MB. Skann med lavere oppløsning.")
    head = upload.read(8)
    upload.seek(0)
    kind = scan_kind(head)
    if kind is None:
        raise ValidationError("Det signerte skjemaet må være en PDF, JPEG eller PNG.")
    # The stored name comes from the content (core.files.AppNamed adds a uuid); the
    # client's file name is dropped here.
    upload.name = f"skjema.{kind[1]}"
