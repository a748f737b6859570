"""Surnames for the "no apparent family connection" test, read as payment systems write them.

FINTRAC's indicator (research item 4) is a sender paying receivers "with no apparent family
connection"; Jaga reads the connection from a shared surname (`features.enrich`: `related`).
Names arrive in the formats the payment systems use, and reading them naively hides
relatives from each other:

- **"SURNAME, GIVEN"**: remittance companies and banks commonly record the family name
  first, separated by a comma (the form on many remittance receipts and KYC records). The
  surname is the part before the comma, not the last word.
- **Masked surnames** ("Maria D."): e-wallets and some apps show a counterparty's surname
  by its initial only. The same account's other payments (a bank transfer, a remittance)
  often carry the full name: a name describes the account holder, not the payment, so the
  account's surname is taken from its unmasked rows (as `complete_kyc` does for birth year
  and sex). When no row of the account shows it in full, the initial is compared with the
  other side's surname's first letter: the most the data says.

Only relatedness is read from names here; nothing else changes. A false "related" can only
lower the corridor evidence of one pair (FINTRAC's test is about unrelated receivers), so
an initial match errs on the side the indicator itself allows.
"""

from __future__ import annotations

import polars as pl

SURNAME = "_surname"


def surname_of(name: pl.Expr) -> pl.Expr:
    """Lower-cased surname: the part before a comma if any ("SANTOS, JAYSON"), else the last
    word ("Jayson Santos"); a masked surname stays as written ("d.")."""
    clean = name.str.strip_chars().str.to_lowercase()
    surname = (
        pl.when(clean.str.contains(","))
        .then(clean.str.split(",").list.first().str.strip_chars())
        .otherwise(clean.str.split(" ").list.last())
    )
    return pl.when(surname != "").then(surname)


def is_masked(surname: pl.Expr) -> pl.Expr:
    """A surname shown by its initial only ("d.", "d")."""
    return surname.str.contains(r"^\w\.?$")


def account_surnames(tx: pl.DataFrame) -> pl.DataFrame:
    """(account, `_surname`): each account's most frequent unmasked surname over its rows,
    as sender and as receiver; accounts with none unmasked are left out."""
    rows = pl.concat(
        [
            tx.select(pl.col("sender_id").alias("_acct"), pl.col("sender_name").alias("_name")),
            tx.select(pl.col("receiver_id").alias("_acct"), pl.col("receiver_name").alias("_name")),
        ]
    )
    return (
        rows.lazy()
        .filter(pl.col("_name").is_not_null() & (pl.col("_name").str.strip_chars() != ""))
        .with_columns(surname_of(pl.col("_name")).alias(SURNAME))
        .filter(pl.col(SURNAME).is_not_null() & ~is_masked(pl.col(SURNAME)))
        .group_by("_acct", SURNAME)
        .len()
        .sort("_acct", "len", SURNAME, descending=[False, True, False])
        .unique("_acct", keep="first", maintain_order=True)
        .select("_acct", SURNAME)
        .collect()
    )


def related_expr(sender: pl.Expr, receiver: pl.Expr) -> pl.Expr:
    """Whether two surnames (from `surname_of`, account-completed) show a family connection:
    equal, or one masked to an initial that the other starts with."""
    initial_s = sender.str.slice(0, 1)
    initial_r = receiver.str.slice(0, 1)
    return (
        (sender == receiver)
        | (is_masked(sender) & (initial_s == initial_r))
        | (is_masked(receiver) & (initial_s == initial_r))
    ).fill_null(False)


def with_related(tx: pl.DataFrame) -> pl.DataFrame:
    """`tx` with a boolean `_related_names` column (sender and receiver share a surname)."""
    if "sender_name" not in tx.columns or "receiver_name" not in tx.columns:
        return tx.with_columns(pl.lit(False).alias("_related_names"))
    known = account_surnames(tx)
    s_known = known.rename({"_acct": "sender_id", SURNAME: "_s_known"})
    r_known = known.rename({"_acct": "receiver_id", SURNAME: "_r_known"})
    sender = pl.coalesce("_s_known", surname_of(pl.col("sender_name")))
    receiver = pl.coalesce("_r_known", surname_of(pl.col("receiver_name")))
    return (
        tx.join(s_known, on="sender_id", how="left", maintain_order="left")
        .join(r_known, on="receiver_id", how="left", maintain_order="left")
        .with_columns(related_expr(sender, receiver).alias("_related_names"))
        .drop("_s_known", "_r_known")
    )
