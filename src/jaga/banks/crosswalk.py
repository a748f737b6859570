"""Translating a category from the scheme a list speaks into the scheme a bank keeps.

The schemes do not line up one to one: the industry scale splits by age (A prepubescent,
B pubescent) and act (1 sex act, 2 lascivious exhibition); Project VIC's US set only says
"child abuse material" (1) or names what is *not* abuse material (2-5); the UK's CAID
splits by act (A penetrative, B non-penetrative, C other indecent); INTERPOL's Baseline is
a yes/no flag (real child, apparently under 13, severe abuse). A translation is made only
where the source category's meaning lies wholly inside the target category (A2 → CAID C,
any industry category → VIC 1). Where several targets fit (VIC 1 → A1? B2?), the entry is
imported uncategorised and the source category stays in its pass-through attributes, so
nothing is over- or under-classified by guesswork. Categories that say "not abuse
material" (VIC 2-5) have no place in an industry or CAID bank and are refused with advice.
The table is documented in docs/formats.md and tested in tests/exchange/test_crosswalk.py.
"""

from __future__ import annotations

from typing import Literal

from jaga.banks.schemes import SCHEME_CATEGORIES, CategoryScheme, normalise_category

# Schemes lists arrive in: the bank schemes, plus VICS's numeric UK set and INTERPOL's flag.
SourceScheme = Literal["industry", "vic", "caid", "vic-uk", "interpol"]
SOURCE_SCHEMES: tuple[SourceScheme, ...] = ("industry", "vic", "caid", "vic-uk", "interpol")

# VICS files of the UK (CAID) category set carry numbers. Assumed: 1-3 are CAID A-C and 0 is
# uncategorised (no real UK file was available to check; see docs/formats.md).
VIC_UK_NUMBERS: dict[str, str] = {"0": "", "1": "A", "2": "B", "3": "C"}
BASELINE = "baseline"

_NOT_ABUSE_MATERIAL = {"2", "3", "4", "5"}  # VIC US: exploitive, CGI, comparison, non-pertinent

# (source scheme, target scheme) -> {source code: target code}; "" means "no single fit".
_TABLE: dict[tuple[str, str], dict[str, str]] = {
    ("industry", "vic"): {"A1": "1", "A2": "1", "B1": "1", "B2": "1"},
    ("industry", "caid"): {"A1": "", "A2": "C", "B1": "", "B2": "C"},
    ("caid", "vic"): {"A": "1", "B": "1", "C": "1"},
    ("caid", "industry"): {"A": "", "B": "", "C": ""},
    ("vic", "industry"): {"0": "", "1": ""},
    ("vic", "caid"): {"0": "", "1": ""},
    ("interpol", "vic"): {BASELINE: "1"},
    ("interpol", "industry"): {BASELINE: ""},
    ("interpol", "caid"): {BASELINE: ""},
}


def translate_category(source: str, raw: str, target: CategoryScheme) -> str:
    """The bank-scheme code for category `raw` of scheme `source` ('' when none fits).

    Raises ValueError, naming the category and what to do, for a category the source
    scheme does not know or one that must not enter a bank of `target`'s kind.
    """
    if target == "none":
        return ""  # the bank keeps no categories; the source's stays in the attributes
    code = _source_code(source, raw)
    if not code:
        return ""
    if source == "vic-uk":
        source, code = "caid", VIC_UK_NUMBERS[code]
        if not code:
            return ""
    if source == target:
        return code
    mapping = _TABLE.get((source, target), {})
    if code in mapping:
        return mapping[code]
    if source == "vic" and code in _NOT_ABUSE_MATERIAL:
        meaning = SCHEME_CATEGORIES["vic"][code]
        raise ValueError(
            f"VIC category {code} ({meaning}) is not abuse material and has no place in a "
            f"{target!r} bank; import it into a bank with category scheme 'vic'"
        )
    raise ValueError(f"{source} category {raw.strip()!r} has no {target!r} equivalent")


def _source_code(source: str, raw: str) -> str:
    text = raw.strip()
    if source == "vic-uk":
        if text not in VIC_UK_NUMBERS:
            raise ValueError(
                f"category {text!r} is not in the VICS UK set (0 uncategorised, 1-3 = CAID A-C)"
            )
        return text
    if source == "interpol":
        if text.lower() not in ("", BASELINE):
            raise ValueError(f"INTERPOL category {text!r} unknown; only {BASELINE!r}")
        return text.lower()
    if source not in ("industry", "vic", "caid"):
        raise ValueError(f"unknown category scheme {source!r}; use one of {SOURCE_SCHEMES}")
    try:
        return normalise_category(source, text)  # type: ignore[arg-type]
    except ValueError:
        allowed = ", ".join(SCHEME_CATEGORIES[source])  # type: ignore[index]
        raise ValueError(
            f"unknown {source} category {text!r} (the {source} scheme has {allowed})"
        ) from None
