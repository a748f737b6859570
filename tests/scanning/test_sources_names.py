"""Member-name sanitising: what a report shows for hostile or odd names inside archives."""

from __future__ import annotations

import pytest

from jaga.scanning.archive_compressed import single_member_name
from jaga.scanning.archive_names import UNNAMED, printable, sanitise_member_name


@pytest.mark.parametrize(
    ("raw", "clean", "escapes"),
    [
        ("photos/a.jpg", "photos/a.jpg", False),
        ("./photos//a.jpg", "photos/a.jpg", False),
        ("photos/x/../a.jpg", "photos/a.jpg", False),
        ("../a.jpg", "a.jpg", True),
        ("photos/../../../a.jpg", "a.jpg", True),
        ("/etc/a.jpg", "etc/a.jpg", True),
        ("//server/share/a.jpg", "server/share/a.jpg", True),
        ("C:\\Users\\a.jpg", "Users/a.jpg", True),
        ("c:a.jpg", "a.jpg", True),
        ("dir\\..\\..\\a.jpg", "a.jpg", True),
        ("..", UNNAMED, True),
        ("", UNNAMED, False),
    ],
)
def test_member_names_are_normalised(raw: str, clean: str, escapes: bool) -> None:
    name, warnings = sanitise_member_name(raw)
    assert name == clean
    assert bool(warnings) is escapes
    if escapes:
        assert (
            warnings[0] == f"member name '{raw}' tries to leave the archive; scanned as '{clean}'"
        )


def test_control_and_bidi_characters_are_shown_escaped() -> None:
    name, warnings = sanitise_member_name("evil\u202egpj.exe\x1b[2J")
    assert name == "evil\\u202egpj.exe\\x1b[2J"
    assert warnings == (f"member name has hidden or control characters; shown as '{name}'",)


def test_undecodable_file_system_bytes_are_shown_as_hex() -> None:
    assert printable("caf\udce9.jpg") == "caf\\xe9.jpg"
    assert printable("café.jpg") == "café.jpg"


@pytest.mark.parametrize(
    ("container", "member"),
    [
        ("dir/photo.jpg.gz", "photo.jpg"),
        ("a.zip!inner/notes.txt.bz2", "notes.txt"),
        ("backup.TGZ", "backup.tar"),
        ("x.xz", "x"),
        ("noextension", UNNAMED),
        (".gz", UNNAMED),
    ],
)
def test_a_single_compressed_file_names_its_member_after_itself(
    container: str, member: str
) -> None:
    assert single_member_name(container) == member
