"""Safe, readable names for archive members and files.

Names inside archives are chosen by whoever made the archive. Nothing is ever written to
disk, so a hostile name cannot escape anywhere; the danger is in what a report SHOWS: an
absolute or '../' path that looks like a file outside the archive, terminal control codes,
or a right-to-left override that disguises 'gpj.exe' as 'exe.jpg'. Such names are shown
cleaned, and the member is still scanned, because its content matters for triage.
"""

from __future__ import annotations

import re
import unicodedata

UNNAMED = "(unnamed)"
_DRIVE = re.compile(r"^[A-Za-z]:")
# Control, format (bidi overrides, zero-width), surrogate (undecodable bytes), line/para separators.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
_SURROGATE_ESCAPE = range(0xDC80, 0xDD00)


def printable(text: str) -> str:
    """Escape characters that would hide, reorder or forge text in a terminal or report."""
    if text.isprintable():
        return text
    out: list[str] = []
    for char in text:
        code = ord(char)
        if code in _SURROGATE_ESCAPE:  # a byte that was not valid in the file system encoding
            out.append(f"\\x{code - 0xDC00:02x}")
        elif unicodedata.category(char) in _HIDDEN_CATEGORIES:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def sanitise_member_name(raw: str) -> tuple[str, tuple[str, ...]]:
    """Return the name to show for an archive member, and warnings about what was changed.

    Backslashes count as separators (archives made on Windows), a drive letter or leading
    '/' is dropped, '.' and '..' are collapsed. A name that was absolute or climbed above the
    archive root gets a warning, since that is how path-traversal archives are built.
    """
    name = raw.replace("\\", "/")
    escapes = False
    if _DRIVE.match(name):
        name = name[2:]
        escapes = True
    if name.startswith("/"):
        escapes = True
    parts: list[str] = []
    for part in name.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            else:
                escapes = True
            continue
        parts.append(part)
    clean = printable("/".join(parts)) or UNNAMED
    shown_raw = printable(raw)
    warnings: list[str] = []
    if escapes:
        warnings.append(
            f"member name '{shown_raw}' tries to leave the archive; scanned as '{clean}'"
        )
    elif shown_raw != raw:
        warnings.append(f"member name has hidden or control characters; shown as '{clean}'")
    return clean, tuple(warnings)
