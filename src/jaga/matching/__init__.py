"""Exact matching: Hamming range search for PDQ, equality lookup for MD5/SHA-1/SHA-256."""

from jaga.matching.exact_index import ExactIndex
from jaga.matching.pdq_index import PdqIndex, pack_hex
from jaga.matching.types import DEFAULT_MAX_DISTANCE, MatchingError

__all__ = ["DEFAULT_MAX_DISTANCE", "ExactIndex", "MatchingError", "PdqIndex", "pack_hex"]
