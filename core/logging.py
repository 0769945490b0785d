"""A safety net under every log handler: no fødselsnummer in a log line.

Searches keep the number out of URLs (core.search), but a path, an error message or a
third-party library may still carry one. This filter masks every run of eleven digits (also
written 6+5 with a space) in the message and its arguments before any handler writes it.
"""

import logging
import re

IDENTITY_LIKE = re.compile(r"(?<!\d)\d{6}[ .]?\d{5}(?!\d)|\d{11,}")
MASK = "***********"


def mask_identity_numbers(text: str) -> str:
    return IDENTITY_LIKE.sub(MASK, text)


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
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_identity_numbers(record.exc_text)
        return True
