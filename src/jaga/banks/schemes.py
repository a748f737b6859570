"""Category schemes a bank can use, and how a category text is normalised for each.

Lists in the field label hashes with different schemes: the NCMEC industry scale (A1-B2),
Project VIC US (0-5) and the UK's CAID (A-C). A bank picks one so that a category typo is
caught at import rather than silently creating a new category.
"""

from __future__ import annotations

from typing import Literal

CategoryScheme = Literal["industry", "vic", "caid", "none"]
CATEGORY_SCHEMES: tuple[CategoryScheme, ...] = ("industry", "vic", "caid", "none")

# Code -> meaning, shown by `jaga bank show` and in docs/banks.md.
SCHEME_CATEGORIES: dict[CategoryScheme, dict[str, str]] = {
    "industry": {
        "A1": "prepubescent, sex act",
        "A2": "prepubescent, lascivious exhibition",
        "B1": "pubescent, sex act",
        "B2": "pubescent, lascivious exhibition",
    },
    # Project VIC US. Sources disagree on non-pertinent (GLEAPP: 5, 0 = uncategorised;
    # Autopsy: "CAT0"); Jaga follows GLEAPP and keeps 0 as "uncategorised".
    "vic": {
        "0": "uncategorised",
        "1": "child abuse material (CAM)",
        "2": "child exploitive (non-CAM) / age difficult",
        "3": "CGI / animation",
        "4": "comparison",
        "5": "non-pertinent",
    },
    "caid": {
        "A": "penetrative, with an animal, or sadism",
        "B": "non-penetrative",
        "C": "other indecent",
    },
    "none": {},
}


def normalise_category(scheme: CategoryScheme, raw: str) -> str:
    """The canonical code for `raw` in `scheme` ('' stays ''), or ValueError saying what fits.

    Case and surrounding blanks are forgiven, and VIC also takes "CAT3"/"cat 3", the way
    forensic tools write it.
    """
    text = raw.strip().upper()
    if not text:
        return ""
    if scheme == "vic" and text.startswith("CAT"):
        text = text[3:].strip()
    allowed = SCHEME_CATEGORIES[scheme]
    if text in allowed:
        return text
    if scheme == "none":
        raise ValueError(
            f"category {raw.strip()!r} given, but the bank's category scheme is 'none'; "
            "leave the category empty or use a bank with a scheme"
        )
    raise ValueError(
        f"category {raw.strip()!r} is not in the bank's {scheme!r} scheme "
        f"(allowed: {', '.join(allowed)}, or empty)"
    )
