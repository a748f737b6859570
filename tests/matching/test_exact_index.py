"""ExactIndex: digest -> entry ids, case-insensitive hex, snapshots."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from jaga.matching import ExactIndex, MatchingError


def test_lookup_accepts_bytes_and_hex_in_any_case() -> None:
    index = ExactIndex.for_signal("sha256")
    digest = hashlib.sha256(b"benign test bytes").digest()
    index.add([7], [digest])
    assert index.lookup(digest) == [7]
    assert index.lookup(digest.hex().upper()) == [7]
    assert digest.hex() in index
    assert index.lookup(hashlib.sha256(b"other").hexdigest()) == []


def test_many_ids_per_digest_add_remove() -> None:
    index = ExactIndex.for_signal("md5")
    digest = hashlib.md5(b"x").hexdigest()
    other = hashlib.md5(b"y").digest()
    index.add(np.array([1, 2, 3]), [digest, digest, other])
    assert sorted(index.lookup(digest)) == [1, 2]
    assert len(index) == 3
    assert index.remove([1, 99]) == 1
    assert index.lookup(digest) == [2]
    assert index.remove([2]) == 1
    assert index.lookup(digest) == [] and len(index) == 1
    index.add([1], [digest])  # re-add after removal
    assert index.lookup(digest) == [1]
    index.add([1], [other])  # an id holds one digest: re-adding moves it
    assert index.lookup(digest) == [] and sorted(index.lookup(other)) == [1, 3]


def test_mixed_sizes_when_unpinned(tmp_path: Path) -> None:
    index = ExactIndex()
    index.add([1, 2], [hashlib.md5(b"a").hexdigest(), hashlib.sha256(b"a").hexdigest()])
    assert index.lookup(hashlib.sha256(b"a").digest()) == [2]
    index.save(tmp_path / "mixed")
    loaded = ExactIndex.load(tmp_path / "mixed")
    assert loaded.lookup(hashlib.md5(b"a").digest()) == [1] and len(loaded) == 2


def test_save_load_round_trip(tmp_path: Path) -> None:
    index = ExactIndex.for_signal("sha1")
    digests = [hashlib.sha1(str(i % 50).encode()).hexdigest() for i in range(200)]
    index.add(range(200), digests)
    index.save(tmp_path / "sha1")
    loaded = ExactIndex.load(tmp_path / "sha1")
    assert len(loaded) == 200
    for digest in digests[:50]:
        assert sorted(loaded.lookup(digest)) == sorted(index.lookup(digest))
    with pytest.raises(MatchingError, match=r"ExactIndex\.save"):
        ExactIndex.load(tmp_path / "missing")


def test_bad_digests_are_named() -> None:
    index = ExactIndex.for_signal("md5")
    with pytest.raises(MatchingError, match="32 hex characters"):
        index.add([1], ["ab" * 20])
    with pytest.raises(MatchingError, match="not hex"):
        index.lookup("xyz")
    with pytest.raises(MatchingError, match="one digest per id"):
        index.add([1, 2], ["ab" * 16])
    with pytest.raises(MatchingError, match="md5, sha1 or sha256"):
        ExactIndex.for_signal("pdq")
