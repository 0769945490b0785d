"""Stored files are named by the app: a client's file name can carry a person's name, a path,
direction overrides or a misleading extension, and never reaches the disk."""

import datetime
import uuid

from django.utils.deconstruct import deconstructible


@deconstructible
class AppNamed:
    """``upload_to`` giving ``<folder>/<year>/<uuid>.<ext>``; the extension comes from
    ``kind_of(first bytes)`` when given (a content check), else a short safe one."""

    def __init__(self, folder: str, default_ext: str = "bin"):
        self.folder = folder.strip("/")
        self.default_ext = default_ext

    def __call__(self, instance, filename: str) -> str:
        ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        if not (ext.isascii() and ext.isalnum() and len(ext) <= 5):
            ext = self.default_ext
        return f"{self.folder}/{datetime.date.today():%Y}/{uuid.uuid4().hex}.{ext}"

    def __eq__(self, other) -> bool:
        return isinstance(other, AppNamed) and (other.folder, other.default_ext) == (
            self.folder,
            self.default_ext,
        )
