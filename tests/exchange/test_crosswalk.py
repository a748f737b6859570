"""The category crosswalk: industry A1-B2 ↔ VIC ↔ CAID A-C ↔ INTERPOL Baseline."""

from __future__ import annotations

import pytest

from jaga.banks.crosswalk import translate_category

# (source scheme, source code, bank scheme, code expected; "" = imported uncategorised)
TRANSLATIONS = [
    # Same scheme: normalised, as for plain imports.
    ("industry", "a1", "industry", "A1"),
    ("vic", "CAT 1", "vic", "1"),
    ("caid", "b", "caid", "B"),
    # Every industry category is child abuse material (VIC 1).
    ("industry", "A1", "vic", "1"),
    ("industry", "B2", "vic", "1"),
    # Lascivious exhibition (no sexual activity) is CAID C; a sex act may be CAID A or B.
    ("industry", "A2", "caid", "C"),
    ("industry", "B2", "caid", "C"),
    ("industry", "A1", "caid", ""),
    ("industry", "B1", "caid", ""),
    # Every CAID category is VIC 1; none tells the age band, so no industry category.
    ("caid", "A", "vic", "1"),
    ("caid", "C", "vic", "1"),
    ("caid", "A", "industry", ""),
    # VIC 1 says neither age band nor act.
    ("vic", "1", "industry", ""),
    ("vic", "1", "caid", ""),
    ("vic", "0", "industry", ""),
    # VICS UK set: numbers for CAID letters.
    ("vic-uk", "1", "caid", "A"),
    ("vic-uk", "3", "caid", "C"),
    ("vic-uk", "2", "vic", "1"),
    ("vic-uk", "0", "caid", ""),
    # Baseline (real child, under 13, severe) is abuse material; its act and age band are open.
    ("interpol", "baseline", "vic", "1"),
    ("interpol", "baseline", "industry", ""),
    ("interpol", "baseline", "caid", ""),
    # A bank without a scheme keeps no category, whatever came (NSRL's 8 included).
    ("vic", "8", "none", ""),
    ("industry", "A1", "none", ""),
]


@pytest.mark.parametrize(("source", "code", "bank", "expected"), TRANSLATIONS)
def test_translation(source: str, code: str, bank: str, expected: str) -> None:
    assert translate_category(source, code, bank) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["2", "3", "4", "5"])
@pytest.mark.parametrize("bank", ["industry", "caid"])
def test_vic_categories_that_are_not_abuse_material_stay_out_of_abuse_banks(
    code: str, bank: str
) -> None:
    with pytest.raises(ValueError, match=f"VIC category {code} .* not abuse material"):
        translate_category("vic", code, bank)  # type: ignore[arg-type]
    assert translate_category("vic", code, "vic") == code


@pytest.mark.parametrize(
    ("source", "code", "message"),
    [
        ("industry", "C3", "unknown industry category 'C3'"),
        ("vic", "8", "unknown vic category '8'"),
        ("caid", "D", "unknown caid category 'D'"),
        ("vic-uk", "7", "not in the VICS UK set"),
        ("interpol", "worst-of", "INTERPOL category 'worst-of' unknown"),
        ("iwf", "A", "unknown category scheme 'iwf'"),
    ],
)
def test_unknown_categories_are_refused_with_what_fits(
    source: str, code: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        translate_category(source, code, "vic")
