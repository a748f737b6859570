"""Constants and errors shared by the matching indexes."""

from __future__ import annotations

HASH_BITS = 256
HASH_BYTES = 32
WORDS_PER_HASH = 4
DEFAULT_MAX_DISTANCE = 31
MAX_SUPPORTED_DISTANCE = HASH_BITS


class MatchingError(ValueError):
    """Bad input to an index (wrong shape, bad hex, corrupt snapshot).

    A ValueError, so callers that validate input already catch it; the message says what to fix.
    """
