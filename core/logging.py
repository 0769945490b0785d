"""Log records that never carry a fødselsnummer, and the JSON lines NAIS collects from stdout."""

import logging
import re

from pythonjsonlogger.json import JsonFormatter

# Eleven digits standing alone: a fødselsnummer or D-nummer (or something shaped like one,
# which is masked too; a false positive in a log costs nothing).
ELEVEN_DIGITS = re.compile(r"(?<!\d)\d{11}(?!\d)")
MASK = "***********"

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def mask(text: str) -> str:
    return ELEVEN_DIGITS.sub(MASK, text)


class MaskFodselsnummer(logging.Filter):
    """On every handler: the message, its arguments, extra fields and tracebacks are masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg, record.args = mask(message), None
        for key, value in list(vars(record).items()):
            if key not in _STANDARD and isinstance(value, str):
                setattr(record, key, mask(value))
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        return True


class JsonLines(JsonFormatter):
    """One JSON object per line: time, level, logger, message and any extra fields."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("timestamp", "time")  # ISO 8601, UTC
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)
