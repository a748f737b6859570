"""Which payments' memos a memo-reading change newly flags, illicit against benign (issue 6).

    .venv/bin/python bench/finance_memo_read.py /tmp/gen11 [/tmp/gen9 ...] [own.parquet]

For every kept held-out file (`heldout_*.parquet` with its `.tx_labels.parquet` and
`.accounts.csv`) it counts the payments whose memo carries a cover word or a contact handle
as main read them (lower case, `._-*` as spaces, digits de-leeted; the lexicon of groups
`MAIN_GROUPS`, the main handle regex) and as this branch reads them, one part at a time:

- `read`: the normalisation of memo_text.py with main's lexicon;
- `words`: main's reading with the whole default lexicon (the added language groups);
- `both`: the normalisation and the whole default lexicon (what the branch does);
- `+food`: the same with `FOOD_COVER_WORDS` (left out of the default);
- `handle`: the new handle patterns (as written and as read) against main's.

Printed per file and part: payments newly flagged that are illicit, newly flagged benign
(and the benign populations of their senders), and flags lost. Memo-level only: the alerts
(what counts) come from `finance_rescore.py` / `finance_compare.py`.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

import polars as pl

from jaga.finance.indicators import (
    COVER_EXCEPTIONS,
    COVER_WORD_GROUPS,
    DEFAULT_COVER_WORDS,
    FOOD_COVER_WORDS,
    HANDLE_PATTERN,
    HANDLE_READ_PATTERN,
)
from jaga.finance.memo_text import LEET_FROM, LEET_TO, lexicon_pattern, read_memos

MAIN_GROUPS = ("english", "session", "filipino", "cebuano", "bahasa")
MAIN_HANDLE = r"(^|[\s(:])@[a-z0-9_.]{3,}|\b(fb|ig|tg|telegram|wa|snap|kik)\s*[:/]\s*\S{3,}"


def main_read(memo: pl.Expr) -> pl.Expr:
    """The memo as main (f3dd0e9) read it."""
    return (
        memo.fill_null("")
        .str.to_lowercase()
        .str.replace_all(r"[._\-*]+", " ")
        .str.replace_many(list(LEET_FROM), list(LEET_TO))
    )


def main_pattern(words: list[str]) -> str:
    ordered = sorted({w.lower() for w in words}, key=len, reverse=True)
    return r"\b(" + "|".join(re.escape(w) for w in ordered) + r")\b"


def flags(memos: pl.Series) -> pl.DataFrame:
    """Per distinct memo: main's flags and each part's."""
    old_words = [w for g in MAIN_GROUPS for w in COVER_WORD_GROUPS[g]]
    with_food = [*DEFAULT_COVER_WORDS, *FOOD_COVER_WORDS]
    distinct = memos.unique()

    def branch_read(words: list[str]) -> pl.Series:
        return read_memos(distinct, {}, {}, blank=COVER_EXCEPTIONS, lexicon=words)["memo_read"]

    m = pl.col("memo")
    lower = m.fill_null("").str.to_lowercase()
    return (
        distinct.to_frame("memo")
        .with_columns(
            main_read(m).alias("_old"),
            branch_read(old_words).alias("_new_old"),
            branch_read(list(DEFAULT_COVER_WORDS)).alias("_new"),
            branch_read(with_food).alias("_new_food"),
        )
        .select(
            "memo",
            pl.col("_old").str.contains(main_pattern(old_words)).alias("cover_main"),
            pl.col("_new_old").str.contains(lexicon_pattern(old_words)).alias("cover_read"),
            pl.col("_old").str.contains(lexicon_pattern(DEFAULT_COVER_WORDS)).alias("cover_words"),
            pl.col("_new").str.contains(lexicon_pattern(DEFAULT_COVER_WORDS)).alias("cover_both"),
            pl.col("_new_food").str.contains(lexicon_pattern(with_food)).alias("cover_food"),
            lower.str.contains(MAIN_HANDLE).alias("handle_main"),
            (
                lower.str.contains(HANDLE_PATTERN)
                | pl.col("_new").str.contains(HANDLE_READ_PATTERN)
            ).alias("handle_new"),
        )
    )


def one_file(path: Path) -> None:
    columns = pl.read_parquet_schema(path)
    if "label_tx" in columns:  # `jaga finance synth` output: labels in the file
        tx = pl.read_parquet(path, columns=["tx_id", "sender_id", "memo", "label_tx"])
        accounts = tx.select(
            pl.col("sender_id").alias("account_id"), pl.lit("own").alias("population")
        ).unique()
    else:
        tx = pl.read_parquet(path, columns=["tx_id", "sender_id", "memo"])
        labels = pl.read_parquet(str(path).replace(".parquet", ".tx_labels.parquet"))
        accounts = pl.read_csv(
            str(path).replace(".parquet", ".accounts.csv"),
            schema_overrides={"account_id": pl.String},
        )
        # Label files either carry tx_id or list the payments in the file's order.
        if "tx_id" in labels.columns:
            tx = tx.join(labels.select("tx_id", "label_tx"), on="tx_id", how="left")
        else:
            tx = tx.with_columns(labels["label_tx"])
    tx = tx.join(flags(tx["memo"]), on="memo", how="left").join(
        accounts.select(pl.col("account_id").alias("sender_id"), "population"),
        on="sender_id",
        how="left",
    )
    print(f"\n{path.name}: {tx.height:,} payments, {int(tx['label_tx'].sum()):,} illicit")
    for part, new, old in (
        ("read", "cover_read", "cover_main"),
        ("words", "cover_words", "cover_main"),
        ("both", "cover_both", "cover_main"),
        ("+food", "cover_food", "cover_main"),
        ("handle", "handle_new", "handle_main"),
    ):
        gained = tx.filter(pl.col(new) & ~pl.col(old))
        lost = tx.filter(~pl.col(new) & pl.col(old))
        ill = int(gained["label_tx"].sum())
        benign = gained.filter(pl.col("label_tx") == 0)
        pops = Counter(benign["population"].fill_null("?").to_list()).most_common(4)
        examples = benign["memo"].value_counts(sort=True).head(3)["memo"].to_list()
        caught = gained.filter(pl.col("label_tx") == 1)["memo"].value_counts(sort=True)
        examples += ["illicit:", *caught.head(4)["memo"].to_list()]
        print(
            f"  {part:7s} main {int(tx[old].sum()):7,} | +illicit {ill:4d} "
            f"+benign {benign.height:6,} {dict(pops)} {examples} | lost {lost.height}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dirs", nargs="+", type=Path, help="kept held-out dirs or .parquet files")
    args = parser.parse_args()
    for directory in args.dirs:
        files = [directory] if directory.is_file() else sorted(directory.glob("heldout_*.parquet"))
        for path in files:
            if not path.name.endswith("tx_labels.parquet"):
                one_file(path)


if __name__ == "__main__":
    main()
