"""Log records that never carry a fødselsnummer, and the JSON lines NAIS collects from stdout.

Searches keep the number out of URLs (core.search), but a path, an error message or a
third-party library may still carry one. The filter, on every handler, masks every run of
eleven digits or more (also written 6+5 with a space or a dot) in the message, its
arguments, extra fields and tracebacks before any handler writes it.
"""

import logging
import re

from pythonjsonlogger.json import JsonFormatter

# Not inside a hex run (a request id, a uuid), which would mask ids and leave nothing found;
# nor a uuid's last group (twelve hex characters after a dash, all decimal digits about once
# in 280 uuids), which would hide whom a CEF line names.
IDENTITY_LIKE = re.compile(
    r"(?<![0-9a-fA-F])(?<![0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-)"
    r"(?:\d{6}[ .]?\d{5}|\d{11,})(?![0-9a-fA-F])"
)
MASK = "***********"

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def mask_identity_numbers(text: str) -> str:
    return IDENTITY_LIKE.sub(MASK, text)


def identity_numbers(text: str) -> list[str]:
    """What the mask would hide in ``text`` (for tests that check a log holds none)."""
    return IDENTITY_LIKE.findall(text)


def _masked(value):
    if isinstance(value, str | bytes):
        text = value.decode(errors="replace") if isinstance(value, bytes) else value
        return mask_identity_numbers(text)
    if isinstance(value, int | float | bool) or value is None:
        # Numbers keep their type for %d; one of eleven digits or more is masked as text.
        return MASK if isinstance(value, int) and abs(value) >= 10**10 else value
    text = str(value)
    masked = mask_identity_numbers(text)
    return value if masked == text else masked


class MaskIdentityNumbers(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = mask_identity_numbers(record.msg)
        if isinstance(record.args, dict):
            record.args = {k: _masked(v) for k, v in record.args.items()}
        elif isinstance(record.args, tuple):
            record.args = tuple(_masked(v) for v in record.args)
        # Extra fields (request logs, JSON lines) are written out by the formatter too.
        for key, value in list(vars(record).items()):
            if key not in _STANDARD and isinstance(value, str):
                setattr(record, key, mask_identity_numbers(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_identity_numbers(record.exc_text)
        return True


class JsonLines(JsonFormatter):
    """One JSON object per line: time, level, logger, message and any extra fields."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")  # ISO 8601, UTC
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)
