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
  and sex). When no row of the account shows it in full, the pair counts as unrelated: an
  initial matched one surname in twenty by chance (tried on the fifth held-out generator:
  it took out no false alert and made a direct payer's pair "related", losing it).

Only relatedness is read from names here; nothing else changes.
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


def _name_rows(tx: pl.DataFrame) -> pl.DataFrame:
    """Distinct (account, name, surname) over both sides of the payments: names repeat on
    every payment of an account, so the string work is done once per distinct name."""
    return (
        pl.concat(
            [
                tx.select(pl.col("sender_id").alias("_acct"), pl.col("sender_name").alias("_name")),
                tx.select(
                    pl.col("receiver_id").alias("_acct"), pl.col("receiver_name").alias("_name")
                ),
            ]
        )
        .lazy()
        .drop_nulls("_name")
        .unique()
        .with_columns(surname_of(pl.col("_name")).alias(SURNAME))
        .collect()
    )


def account_surnames(rows: pl.DataFrame) -> pl.DataFrame:
    """(account, `_surname`): each account's unmasked surname (the first in order when its
    names disagree), from `_name_rows`; accounts with none unmasked are left out."""
    return (
        rows.filter(pl.col(SURNAME).is_not_null() & ~is_masked(pl.col(SURNAME)))
        .group_by("_acct")
        .agg(pl.col(SURNAME).min())
    )


def related_expr(sender: pl.Expr, receiver: pl.Expr) -> pl.Expr:
    """Whether two surnames (from `surname_of`, account-completed) are the same. A surname
    still masked after completion matches nothing: an initial alone is no family tie."""
    return ((sender == receiver) & ~is_masked(sender)).fill_null(False)


def with_related(tx: pl.DataFrame) -> pl.DataFrame:
    """`tx` with a boolean `_related_names` column (sender and receiver share a surname)."""
    if "sender_name" not in tx.columns or "receiver_name" not in tx.columns:
        return tx.with_columns(pl.lit(False).alias("_related_names"))
    rows = _name_rows(tx)
    known = account_surnames(rows)
    # Per row: the account's known surname, else the row's own (perhaps masked) surname.
    by_row = rows.join(known.rename({SURNAME: "_known"}), on="_acct", how="left").select(
        "_acct", "_name", pl.coalesce("_known", SURNAME).alias(SURNAME)
    )
    sender = by_row.rename({"_acct": "sender_id", "_name": "sender_name", SURNAME: "_s"})
    receiver = by_row.rename({"_acct": "receiver_id", "_name": "receiver_name", SURNAME: "_r"})
    return (
        tx.join(sender, on=["sender_id", "sender_name"], how="left", maintain_order="left")
        .join(receiver, on=["receiver_id", "receiver_name"], how="left", maintain_order="left")
        .with_columns(related_expr(pl.col("_s"), pl.col("_r")).alias("_related_names"))
        .drop("_s", "_r")
    )
