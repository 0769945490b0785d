"""Kept for migrations 0001 and 0004, which name this path for the fødselsnummer validator.

Migrations are never edited after landing; the code lives in ``core.identity``.
"""

from core.identity import validate_identity

__all__ = ["validate_identity"]
