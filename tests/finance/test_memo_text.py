"""Memos read whatever was done to hide their words (memo_text.py; research note item 6 and
its (c) normalisation order). Cover words here are the published pretexts ("uniform",
"school", "tuition"), neutral words by themselves."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from jaga.finance.features import enrich
from jaga.finance.indicators import (
    COVER_EXCEPTIONS,
    DEFAULT_COVER_WORDS,
    HANDLE_PATTERN,
    HANDLE_READ_PATTERN,
    IndicatorConfig,
)
from jaga.finance.ingest import load_transactions
from jaga.finance.memo_text import lexicon_pattern, normalise, read_memos
from jaga.finance.rates import load_rates

from .ledger import Ledger


def read(*memos: str | None) -> list[str]:
    return normalise(pl.Series("memo", list(memos))).to_list()


def covered(memo: str, words: tuple[str, ...] = DEFAULT_COVER_WORDS) -> bool:
    return re.search(lexicon_pattern(words), read(memo)[0]) is not None


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("s e r a g a m", "seragam"),
        ("u.n.i.f.o.r.m", "uniform"),
        ("s-c-h-o-o-l", "school"),
        ("S_C_H_O_O_L fees", "school fees"),
        ("u·n·i·f·o·r·m", "uniform"),
    ],
)
def test_spelled_out_letters_read_as_the_word(written: str, meant: str) -> None:
    assert read(written) == [meant]


def test_a_phrase_spelled_out_is_read_by_the_words_inside_it() -> None:
    # The spaces between the words went with those between the letters.
    config = IndicatorConfig()
    memos = pl.Series(["f a m i l y s u p p o r t", "m e d i c a l b i l l s", "s a l a m a t p o"])
    out = read_memos(memos, {}, {"cover": config.cover_pattern}, lexicon=config.cover_words)
    assert out["cover"].to_list() == [True, True, False]
    assert out["memo_read"][1] == "medicalbills medical bills"
    # Without a lexicon nothing is looked for inside the runs.
    assert read_memos(memos, {}, {})["memo_read"][1] == "medicalbills"


def test_stretched_letters_squeeze() -> None:
    assert read("unifooorm", "baooon", "UNIFORMMMM") == ["uniform", "baon", "uniform"]
    # A doubled letter of the word itself is squeezed with the stretch; the lexicon also
    # holds each word with its double letters squeezed, so it still matches.
    assert read("schoooool") == ["schol"]
    assert covered("schoooool") and covered("biiills")


def test_zero_width_characters_and_soft_hyphens_are_dropped() -> None:
    assert read("uni\u200bform", "sch\u00adool", "to\u200dday") == ["uniform", "school", "today"]


def test_diacritics_fold_so_vietnamese_reads_with_or_without_them() -> None:
    assert read("học phí", "HỌC PHÍ", "Đồng phục", "tiền tiêu vặt") == [
        "hoc phi",
        "hoc phi",
        "dong phuc",
        "tien tieu vat",
    ]
    assert covered("hoc phi") and covered("Học phí tháng 9") and covered("dong phuc")


def test_homoglyphs_read_as_latin_only_in_a_mixed_memo() -> None:
    cyrillic_o, cyrillic_es, greek_omicron = "\u043e", "\u0441", "\u03bf"
    spoofed = f"s{cyrillic_es}h{cyrillic_o}{greek_omicron}l"
    assert read(spoofed) == ["school"]
    assert covered(f"unif{cyrillic_o}rm")
    # A memo all in Cyrillic is Russian, not a spoof: left as written.
    russian = "\u0441\u0430\u043c"  # "сам" would read as "cam" letter by letter
    assert read(russian) == [russian]
    assert not covered(russian)


def test_emoji_and_symbols_inside_a_word_are_dropped() -> None:
    assert read("uni🎒form", "u🎒n🎒i🎒f🎒o🎒r🎒m", "thanks ❤️ mom") == [
        "uniform",
        "uniform",
        "thanks mom",
    ]


def test_full_width_and_styled_letters_read_plain() -> None:
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in "uniform")
    bold = "".join(chr(ord(c) - ord("a") + 0x1D41A) for c in "uniform")
    assert read(full_width, bold) == ["uniform", "uniform"]


def test_leet_digits_still_read_as_letters() -> None:
    assert read("tu1tion", "b4ntuan k3luarg4", None) == ["tuition", "bantuan keluarga", ""]


def test_ordinary_text_is_not_merged_into_false_words() -> None:
    ordinary = [
        "plan b",
        "a b",
        "i am ok",
        "pay a bill for mom",
        "vitamin c",
        "room 2 b",
        "for lola and lolo",
        "terima kasih ya",
        "salamat po",
    ]
    assert read(*ordinary) == ordinary
    # Runs of two single letters stay apart ("v c" is no "vc"); three or more join.
    assert read("v c", "x y z") == ["v c", "xyz"]
    assert not any(covered(memo) for memo in ordinary)
    # Words stay whole: a cover word inside a longer Latin word is none.
    assert not covered("loading bay") and not covered("showroom") and not covered("giftwrap")


def test_vietnamese_thanks_is_no_session_word() -> None:
    # "cảm ơn" ("thank you") would read "cam on" once its diacritics are dropped.
    config = IndicatorConfig()
    memos = pl.Series(["cảm ơn em", "Cám ơn", "cảm ơn, học phí"])
    out = read_memos(memos, {}, {"cover": config.cover_pattern}, blank=COVER_EXCEPTIONS)
    assert out["cover"].to_list() == [False, False, True]


def test_unspaced_scripts_match_inside_longer_text() -> None:
    # Thai has no spaces between words: "pay the term fee for my child".
    assert covered("จ่ายค่าเทอมลูก")
    assert not covered("สวัสดีครับ")  # "hello"


def test_operator_lexicon_is_read_like_the_memos() -> None:
    config = IndicatorConfig(cover_words=("Học Phí", "SCHOOL"))
    pattern = config.cover_pattern
    assert re.search(pattern, read("hoc phi")[0]) and re.search(pattern, read("s.c.h.o.o.l")[0])
    assert not re.search(pattern, read("uniform")[0])
    assert lexicon_pattern([]) == "[^\\s\\S]"
    assert not re.search(lexicon_pattern([]), "anything")


@pytest.mark.parametrize(
    "memo",
    [
        "pls add @mika881",
        "t.me/someone123",
        "line id: sunny22",
        "zalo: 0912345678",
        "wechat id abc_123",
        "add me on tele gram",
        "t e l e g r a m: xyz12",
        "@ h o n e y 5 3",
        "i g : @ a n g e l 3 3",
        "pm sa telegram",
        "chat wa",
        "hubungi di whatsapp",
    ],
)
def test_contact_handles_are_found(memo: str) -> None:
    flags = read_memos(pl.Series([memo]), {"h": HANDLE_PATTERN}, {"r": HANDLE_READ_PATTERN})
    assert bool(flags["h"][0] or flags["r"][0])


@pytest.mark.parametrize(
    "memo",
    [
        "zalo pay",
        "line pay topup",
        "signal",
        "order 2231",
        "lunch money",
        "whatsapp",
        "thanks @ home",
    ],
)
def test_app_names_alone_are_no_handle(memo: str) -> None:
    flags = read_memos(pl.Series([memo]), {"h": HANDLE_PATTERN}, {"r": HANDLE_READ_PATTERN})
    assert not (flags["h"][0] or flags["r"][0])


def test_read_memos_maps_back_to_every_row() -> None:
    memos = pl.Series(["u n i f o r m", None, "hi", "u n i f o r m", "", "hi"])
    out = read_memos(memos, {"hi": "^hi$"}, {"u": "uniform"})
    assert out["memo_read"].to_list() == ["uniform", "", "hi", "uniform", "", "hi"]
    assert out["hi"].to_list() == [False, False, True, False, False, True]
    assert out["u"].to_list() == [True, False, False, True, False, False]


def test_enrich_flags_an_obfuscated_cover_word_and_handle(tmp_path: Path) -> None:
    ledger = Ledger()
    for k, memo in enumerate(("u.n.i.f.o.r.m", "thanks", "t.me/someone123", "học phí")):
        ledger.pay("s", f"r{k}", 20.0, 1, 12.0, memo=memo)
    enriched = enrich(
        load_transactions(ledger.write(tmp_path), load_rates()).valid, IndicatorConfig()
    ).sort("receiver_id")
    assert enriched["memo_cover"].to_list() == [True, False, False, True]
    assert enriched["memo_handle"].to_list() == [False, False, True, False]
    assert "_memo_read" not in enriched.columns
