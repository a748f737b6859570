"""ExactIndex: digest -> entry ids, case-insensitive hex, snapshots."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from jaga.matching import ExactIndex, MatchingError


def test_lookup_accepts_bytes_and_hex_in_any_case() -> None:
    index = ExactIndex.for_signal("sha256")
    digest = hashlib.sha256(b"benign test bytes").digest()
    index.add(7, digest)
    assert index.lookup(digest) == [7]
    assert index.lookup(digest.hex().upper()) == [7]
    assert digest.hex() in index
    assert index.lookup(hashlib.sha256(b"other").hexdigest()) == []


def test_many_ids_per_digest_add_remove() -> None:
    index = ExactIndex.for_signal("md5")
    digest = hashlib.md5(b"x").hexdigest()
    index.add(1, digest)
    index.add(2, digest)
    index.add(2, digest)  # same pair twice: no-op
    assert sorted(index.lookup(digest)) == [1, 2]
    assert len(index) == 2
    assert index.remove(1, digest)
    assert not index.remove(1, digest)
    assert index.lookup(digest) == [2]
    assert index.remove(2, digest)
    assert index.lookup(digest) == [] and len(index) == 0
    index.add(1, digest)  # re-add after removal
    assert index.lookup(digest) == [1]


def test_save_load_round_trip(tmp_path: Path) -> None:
    index = ExactIndex.for_signal("sha1")
    pairs = [(i, hashlib.sha1(str(i % 50).encode()).hexdigest()) for i in range(200)]
    index.add_many(pairs)
    index.save(tmp_path / "sha1")
    loaded = ExactIndex.load(tmp_path / "sha1")
    assert len(loaded) == 200
    for _, digest in pairs[:50]:
        assert sorted(loaded.lookup(digest)) == sorted(index.lookup(digest))


def test_bad_digests_are_named() -> None:
    index = ExactIndex.for_signal("md5")
    with pytest.raises(MatchingError, match="32 hex characters"):
        index.add(1, "ab" * 20)
    with pytest.raises(MatchingError, match="not hex"):
        index.lookup("xyz")
    with pytest.raises(MatchingError, match="md5, sha1 or sha256"):
        ExactIndex.for_signal("pdq")
