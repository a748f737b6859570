"""Normalising and checking hash values before they enter a bank.

Upstream lists are messy (upper-case hex, stray blanks, truncated values, the all-zero PDQ
that once crashed HMA's index build). Every check here returns a reason a person can act
on, because the row is quarantined with it.
"""

from __future__ import annotations

from jaga.hashing.types import SIGNAL_TYPES, SignalType

HEX_LENGTHS: dict[SignalType, int] = {"pdq": 64, "md5": 32, "sha1": 40, "sha256": 64}
_HEX_DIGITS = frozenset("0123456789abcdef")

# A real PDQ hash thresholds 256 DCT coefficients at their median, so about half its bits
# are set. Far fewer or far more means a flat or broken image, which would match junk.
PDQ_MIN_BITS = 32
PDQ_MAX_BITS = 256 - PDQ_MIN_BITS


def parse_signal_type(raw: str) -> SignalType:
    """The signal type named by `raw` (case-insensitive, "sha-256" allowed) or ValueError."""
    text = raw.strip().lower().replace("-", "").replace("_", "")
    for known in SIGNAL_TYPES:
        if text == known:
            return known
    raise ValueError(
        f"unknown signal type {raw.strip()!r}; use one of {', '.join(SIGNAL_TYPES)}"
        if text
        else "missing signal type; use one of " + ", ".join(SIGNAL_TYPES)
    )


# Digests of zero bytes: lists sometimes carry them (a failed download, an empty upload), and
# they would flag every empty file as known content.
EMPTY_FILE_DIGESTS: dict[str, str] = {
    "md5": "d41d8cd98f00b204e9800998ecf8427e",
    "sha1": "da39a3ee5e6b4b0d3255bfef95601890afd80709",
    "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
}


def normalise_hash(signal_type: SignalType, raw: str) -> str:
    """Lowercase hex of the right length, or ValueError with what is wrong with `raw`."""
    value = raw.strip().lower()
    if not value:
        raise ValueError(f"missing {signal_type} value")
    expected = HEX_LENGTHS[signal_type]
    if len(value) != expected:
        raise ValueError(
            f"{signal_type} value has {len(value)} characters; expected {expected} hex digits"
        )
    if not _HEX_DIGITS.issuperset(value):
        raise ValueError(f"{signal_type} value is not hexadecimal (only 0-9 and a-f allowed)")
    if signal_type == "pdq":
        _check_pdq_is_not_degenerate(value)
    elif value == EMPTY_FILE_DIGESTS[signal_type]:
        raise ValueError(
            f"the {signal_type} of an empty (0-byte) file; it would match every empty file"
        )
    return value


def _check_pdq_is_not_degenerate(value: str) -> None:
    bits = int(value, 16).bit_count()
    if bits == 0:
        raise ValueError("all-zero PDQ hash (a blank or flat image); it would match junk")
    if bits == 256:
        raise ValueError("all-ones PDQ hash (degenerate); it would match junk")
    if bits < PDQ_MIN_BITS or bits > PDQ_MAX_BITS:
        raise ValueError(
            f"degenerate PDQ hash: {bits} of 256 bits set (a real PDQ has about 128); "
            "check the source list"
        )


def parse_quality(raw: object) -> int | None:
    """A PDQ quality 0-100 from a cell or JSON value; None when absent."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValueError(f"quality {raw!r} is not a whole number 0-100")
    try:
        quality = int(raw) if isinstance(raw, int) else int(str(raw).strip())
    except ValueError:
        raise ValueError(f"quality {raw!r} is not a whole number 0-100") from None
    if not 0 <= quality <= 100:
        raise ValueError(f"quality {quality} is outside 0-100")
    return quality


_TRUE = frozenset({"true", "1", "yes", "y", "t"})
_FALSE = frozenset({"false", "0", "no", "n", "f"})


def parse_flag(name: str, raw: object) -> bool | None:
    """A yes/no cell (VICS sends "true"/"false" strings); None when absent."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{name} {raw!r} is not true/false")
