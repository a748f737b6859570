"""PDQ hashes as text: the 64-hex-character form used by hash lists, and its packed bytes.

The hex is the standard PDQ hex of Meta's C++ reference, ThreatExchange and NCMEC/StopNCII
lists: its first character holds bits 255..252 of the hash. Packed, a hash is exactly
`bytes.fromhex(hex)` (32 bytes, most significant bit first), which is what matching stores.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

PDQ_HEX_LENGTH = 64
PDQ_BYTES = 32
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def normalise_pdq_hex(value: str) -> str:
    """Return `value` as 64 lowercase hex characters, or raise ValueError saying what is wrong.

    Lists in the wild hold upper-case hashes, stray whitespace and truncated values (a
    32-character "PDQ" once crashed HMA), so every hash from outside is checked here first.
    """
    if not isinstance(value, str):
        raise ValueError(f"PDQ hash must be a string, got {type(value).__name__}")
    text = value.strip()
    if len(text) != PDQ_HEX_LENGTH:
        raise ValueError(
            f"PDQ hash must be {PDQ_HEX_LENGTH} hex characters, got {len(text)}: {text[:80]!r}"
        )
    if not _HEX_DIGITS.issuperset(text):
        bad = next(c for c in text if c not in _HEX_DIGITS)
        raise ValueError(f"PDQ hash contains a non-hex character {bad!r}: {text!r}")
    return text.lower()


def pdq_hex_to_bits(value: str) -> npt.NDArray[np.uint8]:
    """Packed form of a PDQ hex: 32 uint8, identical to `np.frombuffer(bytes.fromhex(hex))`."""
    return np.frombuffer(bytes.fromhex(normalise_pdq_hex(value)), dtype=np.uint8).copy()


def bits_to_hex(packed: npt.NDArray[np.uint8]) -> str:
    """Inverse of `pdq_hex_to_bits`: 32 packed bytes to 64 lowercase hex characters."""
    array = np.asarray(packed)
    if array.shape != (PDQ_BYTES,) or array.dtype != np.uint8:
        raise ValueError(
            f"packed PDQ hash must be uint8 of shape ({PDQ_BYTES},), "
            f"got {array.dtype} of shape {array.shape}"
        )
    return array.tobytes().hex()


def bit_vector_to_hex(vector: npt.ArrayLike) -> str:
    """Hex of a 256-element 0/1 vector in `pdqhash.compute` order (element 0 = bit 255).

    This is the conversion ThreatExchange applies to `pdqhash` output (joining the bits
    into one binary number), written with `np.packbits` for speed.
    """
    array = np.asarray(vector)
    if array.shape != (PDQ_BYTES * 8,):
        raise ValueError(f"PDQ bit vector must have 256 elements, got shape {array.shape}")
    return np.packbits(array.astype(np.uint8) != 0).tobytes().hex()


def hamming_distance_hex(a: str, b: str) -> int:
    """Number of differing bits between two PDQ hex hashes (0..256)."""
    left = int(normalise_pdq_hex(a), 16)
    right = int(normalise_pdq_hex(b), 16)
    return (left ^ right).bit_count()
