from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from jaga.hashing import hasher
from jaga.hashing.errors import TOO_LARGE_TO_DECODE
from jaga.hashing.hasher import hash_file, is_failure, iter_image_files

from .drawing import encode, natural_image


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    picture = natural_image(5, 200, 150)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.png").write_bytes(encode(picture, "PNG"))
    (tmp_path / "b" / "renamed_jpeg").write_bytes(encode(picture, "JPEG"))
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / ".secret.gif").write_bytes(encode(picture, "GIF"))
    (tmp_path / "a.webp").write_bytes(encode(picture, "WEBP"))
    (tmp_path / "notes.txt").write_text("not an image")
    (tmp_path / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 cut short")
    return tmp_path


def test_iter_image_files_finds_by_content_and_includes_hidden(tree: Path) -> None:
    found = [path.relative_to(tree).as_posix() for path in iter_image_files([tree])]
    assert found == ["a.webp", "broken.jpg", ".hidden/.secret.gif", "b/renamed_jpeg", "b/z.png"]


def test_named_files_are_yielded_whatever_they_are(tree: Path) -> None:
    named = [tree / "notes.txt", tree / "a.webp"]
    assert list(iter_image_files(named)) == named


def test_hash_file(tree: Path) -> None:
    path = tree / "b" / "renamed_jpeg"
    result = hash_file(path)
    assert result.name == str(path)
    assert result.image_format == "JPEG"
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(result.pdq) == 1 and len(result.pdq[0].hex) == 64
    assert not is_failure(result)


def test_failures_are_broken_images_not_other_files(tree: Path) -> None:
    assert is_failure(hash_file(tree / "broken.jpg"))
    text = hash_file(tree / "notes.txt")
    assert text.error is not None and not is_failure(text)


def test_unreadable_file_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        hash_file(tmp_path / "vanished.jpg")


def test_large_files_are_streamed_for_exact_hashes_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hasher, "MAX_IMAGE_FILE_BYTES", 1000)
    path = tmp_path / "big.jpg"
    path.write_bytes(encode(natural_image(8, 300, 200), "JPEG"))
    result = hash_file(path)
    assert result.pdq == ()
    assert result.size == path.stat().st_size > 1000
    assert result.md5 == hashlib.md5(path.read_bytes()).hexdigest()
    assert result.sha1 == hashlib.sha1(path.read_bytes()).hexdigest()
    assert result.error is not None and result.error.startswith(TOO_LARGE_TO_DECODE)
    assert not is_failure(result)
