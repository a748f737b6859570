"""The scan source walker: folders, nested archives and every guard, on small benign archives.

All archives are built here in memory or in tmp_path with zipfile/tarfile and b"..."
payloads; limits are made small so that bombs are caught in milliseconds.
"""

from __future__ import annotations

import gzip
import io
import os
import stat
import struct
import tarfile
import threading
import zipfile
from pathlib import Path

import pytest

from jaga.scanning.archive_compressed import BudgetedDecompressor
from jaga.scanning.archive_limits import Budget, LimitReached
from jaga.scanning.archive_members import READ_CHUNK
from jaga.scanning.sources import ArchiveLimits, ScanItem, SourceProblem, iter_scan_items

CENTRAL_SIGNATURE = b"PK\x01\x02"
END_SIGNATURE = b"PK\x05\x06"
ZEROS = bytes(32 * 2**20)


# ---- builders -------------------------------------------------------------------------------


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buffer.getvalue()


def tar_bytes(members: dict[str, bytes], mode: str = "w") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:  # type: ignore[call-overload]
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def patch_central(data: bytes, offset: int, fmt: str, value: int) -> bytes:
    """Overwrite one field of the first central-directory record (sizes, flags)."""
    at = data.index(CENTRAL_SIGNATURE) + offset
    return data[:at] + struct.pack(fmt, value) + data[at + struct.calcsize(fmt) :]


def overlapping_zip(data: bytes, copies: int) -> bytes:
    """Repeat the single central-directory record, so every entry points at one kernel."""
    central_at = data.index(CENTRAL_SIGNATURE)
    end_at = data.rindex(END_SIGNATURE)
    record = data[central_at:end_at]
    end = bytearray(data[end_at:])
    struct.pack_into("<HHI", end, 8, copies, copies, len(record) * copies)
    return data[:central_at] + record * copies + bytes(end)


def scan(*paths: Path, **options: object) -> list[ScanItem | SourceProblem]:
    return list(iter_scan_items(list(paths), **options))  # type: ignore[arg-type]


def items(results: list[ScanItem | SourceProblem]) -> dict[str, ScanItem]:
    return {r.display_path: r for r in results if isinstance(r, ScanItem)}


def problems(results: list[ScanItem | SourceProblem]) -> list[SourceProblem]:
    return [r for r in results if isinstance(r, SourceProblem)]


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# ---- folders and special files --------------------------------------------------------------


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b/z.txt", "b/a.txt", "a.txt", "c/d/e.txt", "B.txt"):
        write(tmp_path / name, name.encode())
    results = scan(tmp_path)
    names = [str(Path(r.display_path).relative_to(tmp_path)) for r in results]
    assert names == ["B.txt", "a.txt", "b/a.txt", "b/z.txt", "c/d/e.txt"]
    first = results[0]
    assert isinstance(first, ScanItem)
    assert first.path == tmp_path / "B.txt" and first.data is None and first.size == 5
    assert scan(tmp_path) == results  # deterministic


def test_a_missing_path_is_a_problem_and_the_scan_goes_on(tmp_path: Path) -> None:
    present = write(tmp_path / "present.txt", b"x")
    results = scan(tmp_path / "missing", present)
    assert [(p.kind, p.display_path) for p in problems(results)] == [
        ("unreadable", str(tmp_path / "missing"))
    ]
    assert list(items(results)) == [str(present)]


def test_symlinks_are_not_followed_by_default(tmp_path: Path) -> None:
    target = write(tmp_path / "real.txt", b"x")
    (tmp_path / "link.txt").symlink_to(target)
    found = problems(scan(tmp_path))
    assert [(p.display_path, p.kind) for p in found] == [
        (str(tmp_path / "link.txt"), "special_file")
    ]
    assert found[0].reason == "symlink not followed (use --follow-symlinks)"


def test_followed_symlinks_stop_at_a_loop(tmp_path: Path) -> None:
    write(tmp_path / "top/file.txt", b"x")
    (tmp_path / "top/again").symlink_to(tmp_path / "top")
    (tmp_path / "top/link.txt").symlink_to(tmp_path / "top/file.txt")
    results = scan(tmp_path / "top", follow_symlinks=True)
    assert sorted(items(results)) == [
        str(tmp_path / "top/file.txt"),
        str(tmp_path / "top/link.txt"),
    ]
    [loop] = problems(results)
    assert loop.display_path == str(tmp_path / "top/again") and "loop" in loop.reason


def test_a_fifo_is_skipped_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    write(tmp_path / "z.txt", b"x")
    results: list[ScanItem | SourceProblem] = []
    walker = threading.Thread(target=lambda: results.extend(scan(tmp_path)), daemon=True)
    walker.start()
    walker.join(timeout=10)
    assert not walker.is_alive(), "the walker blocked on a FIFO"
    assert [(p.kind, Path(p.display_path).name) for p in problems(results)] == [
        ("special_file", "pipe")
    ]
    assert list(items(results)) == [str(tmp_path / "z.txt")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_reported_and_the_scan_goes_on(tmp_path: Path) -> None:
    locked = write(tmp_path / "a.txt", b"x")
    write(tmp_path / "b.txt", b"y")
    locked.chmod(0)
    try:
        results = scan(tmp_path)
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert [(p.display_path, p.kind) for p in problems(results)] == [(str(locked), "unreadable")]
    assert list(items(results)) == [str(tmp_path / "b.txt")]


def test_permission_denied_is_reported_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulates EACCES, so the case is covered where tests run as root."""
    locked = write(tmp_path / "a.txt", b"x")
    write(tmp_path / "b.txt", b"y")
    real_open = os.open

    def guarded_open(path: os.PathLike[str] | str, flags: int, *args: int) -> int:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", guarded_open)
    results = scan(tmp_path)
    [problem] = problems(results)
    assert (problem.display_path, problem.kind) == (str(locked), "unreadable")
    assert "permission denied" in problem.reason
    assert list(items(results)) == [str(tmp_path / "b.txt")]


# ---- archives -------------------------------------------------------------------------------


def test_nested_zip_in_tar_in_zip_has_display_paths_per_level(tmp_path: Path) -> None:
    inner_zip = zip_bytes({"photos/c.jpg": b"ccc", "d.txt": b"dd"})
    middle_tar = tar_bytes({"inner.zip": inner_zip, "e.bin": b"e"}, mode="w:gz")
    outer = write(tmp_path / "a.zip", zip_bytes({"mid/b.tar.gz": middle_tar}))
    results = scan(outer)
    assert problems(results) == []
    found = items(results)
    base = str(outer)
    assert list(found) == [
        base,
        f"{base}!mid/b.tar.gz",
        f"{base}!mid/b.tar.gz!inner.zip",
        f"{base}!mid/b.tar.gz!inner.zip!photos/c.jpg",
        f"{base}!mid/b.tar.gz!inner.zip!d.txt",
        f"{base}!mid/b.tar.gz!e.bin",
    ]
    assert found[base].path == outer and found[base].data is None
    leaf = found[f"{base}!mid/b.tar.gz!inner.zip!photos/c.jpg"]
    assert (leaf.path, leaf.data, leaf.size) == (None, b"ccc", 3)
    assert found[f"{base}!mid/b.tar.gz"].data == middle_tar


def test_archives_are_recognised_by_content_not_name(tmp_path: Path) -> None:
    renamed = write(tmp_path / "holiday.jpg", zip_bytes({"x.txt": b"x"}))
    appended = write(tmp_path / "photo.jpg", b"\xff\xd8\xff" + bytes(300) + zip_bytes({"y": b"y"}))
    found = items(scan(renamed, appended))
    assert f"{renamed}!x.txt" in found
    assert found[f"{appended}!y"].data == b"y"


def test_open_archives_false_hashes_only_the_archive_file(tmp_path: Path) -> None:
    archive = write(tmp_path / "a.zip", zip_bytes({"x.txt": b"x"}))
    assert list(items(scan(archive, open_archives=False))) == [str(archive)]


def test_a_single_gzip_file_is_one_member(tmp_path: Path) -> None:
    packed = write(tmp_path / "photo.jpg.gz", gzip.compress(b"pixels"))
    found = items(scan(packed))
    assert found[f"{packed}!photo.jpg"].data == b"pixels"


def test_traversal_names_are_scanned_under_a_sanitised_name_with_a_warning(
    tmp_path: Path,
) -> None:
    members = {"../../etc/x.jpg": b"1", "/abs/y.jpg": b"2", "C:\\win\\z.jpg": b"3", "ok/./w": b"4"}
    for name, data in (("t.zip", zip_bytes(members)), ("t.tar", tar_bytes(members))):
        archive = write(tmp_path / name, data)
        found = items(scan(archive))
        shown = {path.split("!", 1)[1]: item for path, item in found.items() if "!" in path}
        assert {n: i.data for n, i in shown.items()} == {
            "etc/x.jpg": b"1",
            "abs/y.jpg": b"2",
            "win/z.jpg": b"3",
            "ok/w": b"4",
        }, name
        assert shown["etc/x.jpg"].warnings == (
            "member name '../../etc/x.jpg' tries to leave the archive; scanned as 'etc/x.jpg'",
        )
        assert shown["abs/y.jpg"].warnings and shown["win/z.jpg"].warnings
        assert shown["ok/w"].warnings == ()


def test_tar_links_and_devices_are_reported_not_followed(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, kind in (
            ("s", tarfile.SYMTYPE),
            ("h", tarfile.LNKTYPE),
            ("dev", tarfile.CHRTYPE),
        ):
            info = tarfile.TarInfo(name)
            info.type = kind
            info.linkname = "/etc/passwd" if kind != tarfile.CHRTYPE else ""
            archive.addfile(info)
    archive_path = write(tmp_path / "links.tar", buffer.getvalue())
    found = problems(scan(archive_path))
    assert [(p.display_path.split("!")[1], p.kind) for p in found] == [
        ("s", "special_file"),
        ("h", "special_file"),
        ("dev", "special_file"),
    ]
    assert "symbolic link to '/etc/passwd'" in found[0].reason


def test_a_zip_member_declaring_a_huge_size_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = zip_bytes({"big.bin": b"small really", "fine.txt": b"ok"})
    lying = patch_central(data, 24, "<I", 0xF000_0000)  # uncompressed size of big.bin: 3.75 GiB
    archive = write(tmp_path / "a.zip", lying)
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: zipfile.ZipInfo, *args: object, **kw: object) -> object:
        opened.append(name.filename)
        return real_open(self, name, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    results = scan(archive)
    [bomb] = problems(results)
    assert (bomb.display_path, bomb.kind) == (f"{archive}!big.bin", "archive_bomb")
    assert opened == ["fine.txt"]
    assert items(results)[f"{archive}!fine.txt"].data == b"ok"

    plain = scan(archive, limits=ArchiveLimits(max_ratio=1e12))  # not a bomb by ratio: too big
    assert [p.kind for p in problems(plain)] == ["too_large"]


def test_a_highly_compressible_zip_member_is_caught(tmp_path: Path) -> None:
    archive = write(tmp_path / "zeros.zip", zip_bytes({"zeros.bin": ZEROS, "z.txt": b"z"}))
    limits = ArchiveLimits(ratio_min_size=2**20, max_ratio=100)
    results = scan(archive, limits=limits)
    assert [(p.display_path, p.kind) for p in problems(results)] == [
        (f"{archive}!zeros.bin", "archive_bomb")
    ]
    assert f"{archive}!z.txt" in items(results)
    too_big = scan(archive, limits=ArchiveLimits(max_member_size=2**20, max_ratio=1e9))
    assert [p.kind for p in problems(too_big)] == ["too_large"]


def test_a_gzip_tar_bomb_stops_at_the_total_limit(tmp_path: Path) -> None:
    bomb = tar_bytes({"zeros.bin": ZEROS, "after.txt": b"never reached"}, mode="w:gz")
    archive = write(tmp_path / "bomb.tar.gz", bomb)
    limits = ArchiveLimits(max_total_size=4 * 2**20, max_ratio=1e9)
    results = scan(archive, limits=limits)
    [problem] = problems(results)
    assert (problem.display_path, problem.kind) == (str(archive), "archive_bomb")
    assert "--max-total-size" in problem.reason
    assert list(items(results)) == [str(archive)]
    by_ratio = problems(scan(archive, limits=ArchiveLimits(ratio_min_size=2**20)))
    assert [(p.kind, "--max-ratio" in p.reason) for p in by_ratio] == [("archive_bomb", True)]


def test_the_decompressor_never_inflates_far_past_the_limit() -> None:
    limit = 3 * 2**20
    budget = Budget(ArchiveLimits(max_total_size=limit, max_ratio=1e9))
    stream = BudgetedDecompressor(io.BytesIO(gzip.compress(ZEROS, 1)), "gzip", budget)
    with pytest.raises(LimitReached):
        while stream.read(10 * READ_CHUNK):
            pass
    assert limit < budget.bytes_read <= limit + READ_CHUNK


def test_the_total_limit_spans_all_nesting_levels(tmp_path: Path) -> None:
    part = os.urandom(600_000)  # incompressible: only the total limit can stop it
    inner = zip_bytes({"1": part, "2": part}, compression=zipfile.ZIP_STORED)
    archive = write(tmp_path / "a.zip", zip_bytes({"in.zip": inner, "3": part}))
    results = scan(archive, limits=ArchiveLimits(max_total_size=2_000_000))
    # in.zip (1.2 MB) and its member 1 (0.6 MB) fit; member 2 pushes past 2 MB.
    assert list(items(results)) == [str(archive), f"{archive}!in.zip", f"{archive}!in.zip!1"]
    [problem] = problems(results)
    assert (problem.display_path, problem.kind) == (f"{archive}!in.zip", "archive_bomb")


def test_a_zip_declaring_too_many_entries_is_not_opened(tmp_path: Path) -> None:
    archive = write(tmp_path / "many.zip", zip_bytes({f"{i}.txt": b"x" for i in range(10)}))
    results = scan(archive, limits=ArchiveLimits(max_members=4))
    assert list(items(results)) == [str(archive)]
    [problem] = problems(results)
    assert problem.kind == "too_many_members" and "declares 10 entries" in problem.reason


def test_the_member_count_spans_all_levels_and_stops_the_archive(tmp_path: Path) -> None:
    inner = tar_bytes({f"{i}.txt": b"x" for i in range(5)})
    archive = write(tmp_path / "a.tar", tar_bytes({"one.tar": inner, "two.tar": inner}))
    results = scan(archive, limits=ArchiveLimits(max_members=8))
    # one.tar, its 5 members, two.tar and its first member make 8; the next one is refused.
    assert list(items(results))[-2:] == [f"{archive}!two.tar", f"{archive}!two.tar!0.txt"]
    assert len(items(results)) == 1 + 8
    [problem] = problems(results)
    assert (problem.display_path, problem.kind) == (f"{archive}!two.tar", "too_many_members")


def test_an_overlapping_entry_zip_bomb_reads_the_shared_kernel_once(tmp_path: Path) -> None:
    kernel = zip_bytes({"k.bin": bytes(2**20)})
    archive = write(tmp_path / "overlap.zip", overlapping_zip(kernel, 50))
    results = scan(archive)
    assert [m for m in items(results) if "!" in m] == [f"{archive}!k.bin"]
    [problem] = problems(results)
    assert problem.kind == "archive_bomb" and "49 of 50 entries" in problem.reason


def test_nesting_deeper_than_the_limit_is_too_deep(tmp_path: Path) -> None:
    nested = zip_bytes({"leaf.txt": b"leaf"})
    for level in range(3):
        nested = zip_bytes({f"level{level}.zip": nested})
    archive = write(tmp_path / "deep.zip", nested)
    results = scan(archive, limits=ArchiveLimits(max_depth=1))
    deepest = f"{archive}!level2.zip!level1.zip"
    assert list(items(results)) == [str(archive), f"{archive}!level2.zip", deepest]
    assert [(p.display_path, p.kind) for p in problems(results)] == [(deepest, "too_deep")]
    assert f"{deepest}!level0.zip!leaf.txt" in items(scan(archive))


def test_a_zip_quine_like_recursion_ends_at_the_depth_limit(tmp_path: Path) -> None:
    nested = b"end"
    for _ in range(12):
        nested = zip_bytes({"r.zip": nested})
    results = scan(write(tmp_path / "r.zip", nested))
    assert len(items(results)) == 1 + 5  # the file, then four nested levels opened
    assert [p.kind for p in problems(results)] == ["too_deep"]


def test_a_truncated_zip_is_corrupt_and_the_scan_goes_on(tmp_path: Path) -> None:
    whole = zip_bytes({"x.txt": b"x" * 1000})
    broken = write(tmp_path / "a.zip", whole[: len(whole) // 2])
    after = write(tmp_path / "b.txt", b"next")
    results = scan(tmp_path)
    assert [(p.display_path, p.kind) for p in problems(results)] == [
        (str(broken), "corrupt_archive")
    ]
    assert list(items(results)) == [str(broken), str(after)]


def test_a_bad_crc_marks_the_member_corrupt_and_the_rest_is_read(tmp_path: Path) -> None:
    data = zip_bytes({"bad.txt": b"aaaa", "good.txt": b"bbbb"}, compression=zipfile.ZIP_STORED)
    at = data.index(b"aaaa")
    archive = write(tmp_path / "a.zip", data[:at] + b"aaab" + data[at + 4 :])
    results = scan(archive)
    assert [(p.display_path, p.kind) for p in problems(results)] == [
        (f"{archive}!bad.txt", "corrupt_archive")
    ]
    assert items(results)[f"{archive}!good.txt"].data == b"bbbb"


def test_a_truncated_tar_gz_keeps_what_was_read(tmp_path: Path) -> None:
    data = tar_bytes({"a.txt": b"a" * 600, "b.bin": os.urandom(50_000)}, mode="w:gz")
    archive = write(tmp_path / "t.tgz", data[: len(data) - 20_000])
    results = scan(archive)
    assert items(results)[f"{archive}!a.txt"].data == b"a" * 600
    assert [p.kind for p in problems(results)] == ["corrupt_archive"]


def test_an_encrypted_zip_member_is_reported(tmp_path: Path) -> None:
    data = zip_bytes({"secret.txt": b"s", "open.txt": b"o"})
    data = data[:6] + struct.pack("<H", 1) + data[8:]  # local header flag: encrypted
    archive = write(tmp_path / "e.zip", patch_central(data, 8, "<H", 1))
    results = scan(archive)
    [problem] = problems(results)
    assert (problem.display_path, problem.kind) == (f"{archive}!secret.txt", "encrypted")
    assert "decrypt" in problem.reason
    assert items(results)[f"{archive}!open.txt"].data == b"o"


def test_7z_and_rar_are_recognised_but_not_opened(tmp_path: Path) -> None:
    seven = write(tmp_path / "a.7z", b"7z\xbc\xaf\x27\x1c" + bytes(50))
    results = scan(seven)
    assert list(items(results)) == [str(seven)]
    assert [p.kind for p in problems(results)] == ["unsupported_archive"]


@pytest.mark.parametrize("mode", ["w:bz2", "w:xz"])
def test_bzip2_and_xz_tars_are_opened(tmp_path: Path, mode: str) -> None:
    archive = write(tmp_path / "t.tar.x", tar_bytes({"a.txt": b"a", "b/c.txt": b"c"}, mode=mode))
    found = items(scan(archive))
    assert {k.split("!")[1]: v.data for k, v in found.items() if "!" in k} == {
        "a.txt": b"a",
        "b/c.txt": b"c",
    }


def test_a_broken_followed_symlink_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "dangling").symlink_to(tmp_path / "gone")
    [problem] = problems(scan(tmp_path, follow_symlinks=True))
    assert problem.kind == "unreadable" and "missing target" in problem.reason


def test_a_folder_that_cannot_be_listed_is_reported_and_the_scan_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "locked/x.txt", b"x")
    after = write(tmp_path / "open/y.txt", b"y")
    real_scandir = os.scandir

    def guarded_scandir(path: Path) -> object:
        if Path(path) == tmp_path / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded_scandir)
    results = scan(tmp_path)
    assert [(p.display_path, p.kind) for p in problems(results)] == [
        (str(tmp_path / "locked"), "unreadable")
    ]
    assert list(items(results)) == [str(after)]


def test_the_same_folder_given_twice_is_walked_once(tmp_path: Path) -> None:
    write(tmp_path / "a/x.txt", b"x")
    results = scan(tmp_path / "a", tmp_path)
    assert list(items(results)) == [str(tmp_path / "a/x.txt")]
    [problem] = problems(results)
    assert problem.display_path == str(tmp_path / "a") and "already walked" in problem.reason
