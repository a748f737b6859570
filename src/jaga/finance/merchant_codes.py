"""Merchant categories as feeds write them, read as the words the indicators use.

Card data (issuers, acquirers, payment facilitators) carries the four-digit merchant
category code (MCC) of ISO 18245; other feeds write a description ("jewelry store",
"ATM withdrawal", "gift cards", "lodging"). The research note's item 8 suggests "an
MCC/merchant-category co-occurrence feature, active only when card data exists", and its
T4 row names "flights/hotels", "repeated ATM use" and "jewellery/gift MCCs". Jaga's
category sets (`indicators.TRAVEL_CATEGORIES`, `ANCILLARY_CATEGORIES`,
`GIFT_CARD_CATEGORIES`) hold one word per trade, so a code or a description is first read
as that word (`category_words`); anything else is kept as written (still a purchase).

Only codes that name one trade are mapped. Left out on purpose:
- 4816 (computer network and information services), where VPN subscriptions are often
  coded, also holds internet providers, cloud storage and online services of every kind;
  read as "vpn" it would make half of all online spending ancillary.
- 5732 (electronics stores), where webcams are sold, is every phone and television shop.
- 6540/6051 (stored value, quasi-cash) and 4829 (money transfer) are not gift cards: they
  are read as `quasi_cash`, a conversion of money into another store of value (cash.py).
Operators whose feeds use narrower private codes can still send the words.

**Declared trades.** The published cover descriptions disguise a payment to a person as
family support: "medical bills", "education" (AUSTRAC 2024, FATF 2025; item 6). Paid to a
seller whose declared trade is that very thing - a tutor or school under an education code,
a pharmacy or clinic under a medical one - the same words describe what is sold, as "tip"
does for a creator. So a cover word of the payee's own trade (`TRADE_WORDS`) is no cover
word on that payment; every other cover word on it still is, and a facilitator that
declares a trade gains only the words of that trade. Operators who replace the cover
lexicon keep this: only words that are both in their lexicon and in `TRADE_WORDS` are read so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import polars as pl

from jaga.finance.memo_text import lexicon_pattern

# Drug stores, pharmacies, doctors, dentists, opticians, hospitals, laboratories, clinics.
_MEDICAL_CODES = ("5122", "5912", "8011", "8021", "8031", "8041", "8042", "8043", "8049",
                  "8050", "8062", "8071", "8099")  # fmt: skip
# ISO 18245 / Visa Merchant Data Standards Manual: code -> the indicators' category word.
_SINGLE_CODES: dict[str, str] = {
    "4511": "airline",  # airlines, air carriers
    "4722": "travel_agency",  # travel agencies and tour operators
    "7011": "hotel",  # lodging: hotels, motels, resorts
    "6010": "atm",  # manual cash disbursements (over the counter)
    "6011": "atm",  # automated cash disbursements
    "5944": "jewellery",  # jewelry, watch, clock and silverware stores
    "5947": "gift_shop",  # gift, card, novelty and souvenir shops
    # Money turned into another store of value, not spent: the mule test's conversions.
    "4829": "quasi_cash",  # money transfer, money orders
    "6051": "quasi_cash",  # quasi-cash: foreign and non-fiat currency (crypto), money orders
    "6540": "quasi_cash",  # stored-value card purchase / load
    # Declared trades whose own words are in the cover lexicon (`TRADE_WORDS`).
    **dict.fromkeys(["8211", "8220", "8241", "8244", "8249", "8299"], "education"),
    **dict.fromkeys(_MEDICAL_CODES, "medical"),
}
# Ranges of carrier-specific codes: 3000-3350 airlines, 3501-3999 hotel chains.
_RANGES: tuple[tuple[int, int, str], ...] = ((3000, 3350, "airline"), (3501, 3999, "hotel"))

# Descriptions: (pattern on the lower-cased text, word). First match wins, so the narrower
# "gift card" comes before "gift shop"; whole words only ("batman" is no ATM).
_DESCRIPTIONS: tuple[tuple[str, str], ...] = (
    (r"\bgift[ _-]?cards?\b|\bvouchers?\b", "gift_card"),
    (r"\bgift[ _-]?shops?\b|\bsouvenirs?\b|\bnovelty\b", "gift_shop"),
    (r"\bjewel(le)?ry\b|\bjewell?ers?\b", "jewellery"),
    (r"\batms?\b|\bcash (withdrawal|disbursement)s?\b", "atm"),
    (
        r"\bcrypto(currenc(y|ies))?\b|\bbitcoin\b|\bquasi[ _-]?cash\b|\bmoney orders?\b"
        r"|\bstored[ _-]?value\b|\bprepaid card loads?\b",
        "quasi_cash",
    ),
    (r"\bairlines?\b|\bair (carriers?|travel|tickets?)\b|\bflights?\b", "airline"),
    (r"\bhotels?\b|\bmotels?\b|\blodging\b|\bresorts?\b|\bhostels?\b", "hotel"),
    (r"\btravel[ _-]?agen(cy|cies|t)\b|\btour operators?\b", "travel_agency"),
    (r"\bvpn\b", "vpn"),
    (r"\bschools?\b|\beducation(al)?\b|\btutor(s|ing)?\b|\buniversit(y|ies)\b", "education"),
    (r"\bpharmac(y|ies)\b|\bdrug ?stores?\b|\bhospitals?\b|\bclinics?\b|\bmedical\b", "medical"),
    (r"\bwebcams?\b", "webcam"),
    (r"\bspyware\b", "spyware"),
)


def mcc_categories() -> dict[str, str]:
    """Every mapped four-digit code and its category word."""
    table = dict(_SINGLE_CODES)
    for low, high, word in _RANGES:
        table.update({f"{code:04d}": word for code in range(low, high + 1)})
    return table


MCC_CATEGORIES: dict[str, str] = mcc_categories()


# The cover words (indicators.DEFAULT_COVER_WORDS) that name each declared trade.
TRADE_WORDS: dict[str, tuple[str, ...]] = {
    "education": (
        "tuition", "school", "education", "pang tuition", "pangtuition", "eskwela",
        "eskwelahan", "pang eskwela", "biaya sekolah", "uang sekolah",
        "spp", "uang kuliah", "yuran sekolah", "yuran", "duit sekolah", "học phí", "tiền học",
        "ค่าเทอม", "ค่าเรียน", "ថ្លៃសិក្សា", "ကျောင်းလခ",
    ),
    "medical": (
        "medical", "medicine", "hospital", "gamot", "ospital", "tambal", "obat", "rumah sakit",
        "biaya berobat", "berobat", "ubat", "klinik", "tiền thuốc", "mua thuốc", "thuốc men",
        "bệnh viện", "viện phí", "tiền khám", "ค่ายา", "ค่ารักษา", "โรงพยาบาล", "ថ្នាំពេទ្យ",
        "មន្ទីរពេទ្យ", "ဆေးဖိုး", "ဆေးရုံ",
    ),
}  # fmt: skip


def category_words(categories: Iterable[str]) -> dict[str, str]:
    """{written category: the indicators' word} for the categories that read as one.

    Built once per file from its distinct categories (a feed has tens, not millions), so
    the rows are translated by one table lookup.
    """
    words: dict[str, str] = {}
    for written in categories:
        text = written.strip().lower()
        if text in MCC_CATEGORIES:
            words[written] = MCC_CATEGORIES[text]
            continue
        for pattern, word in _DESCRIPTIONS:
            if re.search(pattern, text):
                words[written] = word
                break
    return words


def _words_pattern(words: Iterable[str]) -> str:
    return lexicon_pattern(words)


def without_trade_words(memo: pl.Expr, category: pl.Expr, trades: Iterable[str]) -> pl.Expr:
    """`memo` with the cover words of the payee's declared trade blanked (module docstring).

    `memo` is the lower-cased, de-leeted memo and `category` the category word
    (`category_words`); `trades` the category words present in the file, so that a file
    with no education or medical payee costs no regex pass. Memos on payments of any other
    category are returned unchanged.
    """
    cleaned = memo
    present = set(trades)
    for trade, words in TRADE_WORDS.items():
        if trade not in present:
            continue
        cleaned = (
            pl.when(category == trade)
            .then(memo.str.replace_all(_words_pattern(words), " "))
            .otherwise(cleaned)
        )
    return cleaned
