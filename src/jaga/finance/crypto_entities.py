"""Crypto addresses that sweep into one another are one payee (T6 address clusters).

The research note's T6 is a consumer who "buys crypto, then sends to a cluster of CSAM-site
addresses" (design (d); FinCEN FIN-2021-NTC3 and FATF 2025: offenders pay in CVC). A site
hands each buyer a fresh address and sweeps what they pay into a collecting address, so each
address on its own has one or two payers and never looks shared (`S22`, `R12` ask for three
unrelated senders within 90 days). Blockchain analytics resolve such addresses into one
entity by how the money moves: addresses whose funds are consolidated into a common address
are controlled by one owner (Meiklejohn et al., "A Fistful of Bitcoins", IMC 2013: the
change and consolidation heuristics behind every commercial clustering).

Here an *address* is a payee that takes (almost) only crypto. A crypto payment from one
address to another is a sweep, and addresses joined by sweeps form one entity, whose payers
are counted together by the T6 rules; the sweeps themselves are the owner's own transfers
and count as no payer. Nothing else changes: an exchange's deposit addresses that sweep into
its hot wallet form one entity too, and such an entity is judged as any address is, by its
band share (deposits of every size) and the pooled test (`pooled.py`: very many one-off
payers). Entities are read over the whole observed history (batch: the input; incremental:
the stored 200 days), as the pooled and standing tests are: an owner's addresses stay its
own. The share of crypto an address must take is the checkout share of the T6 rules
(`CRYPTO_ONLY_SHARE`); the number of propagation rounds is a design choice (chains of sweeps
longer than that are joined in parts).
"""

from __future__ import annotations

import polars as pl

# Rounds of label propagation: an address takes the smallest id among its sweep neighbours'
# labels each round, so chains of up to this many sweeps collapse into one entity.
PROPAGATION_ROUNDS = 6


def crypto_entities(pairs: pl.LazyFrame, crypto_only_share: float) -> pl.LazyFrame:
    """(address, entity) for every crypto-only payee joined to another by a sweep.

    `pairs`: pair-bucket rows with `sender_id`, `receiver_id`, `n` and `n_crypto`. Addresses
    without a sweep are their own entity and are not listed (callers keep their id).
    """
    inbound = pairs.group_by("receiver_id").agg(
        pl.col("n").sum().alias("_n"), pl.col("n_crypto").sum().alias("_c")
    )
    addresses = inbound.filter(
        (pl.col("_c") > 0) & (pl.col("_c") >= crypto_only_share * pl.col("_n"))
    ).select(pl.col("receiver_id").alias("address"))
    sweeps = (
        pairs.filter(pl.col("n_crypto") > 0)
        .select("sender_id", "receiver_id")
        .unique()
        .join(addresses, left_on="sender_id", right_on="address", how="semi")
        .join(addresses, left_on="receiver_id", right_on="address", how="semi")
        .filter(pl.col("sender_id") != pl.col("receiver_id"))
    )
    # The sweeps are few (address to address), so the components are found eagerly on them;
    # `pairs` is an in-memory table, so collecting here reads nothing twice from disk.
    edges = pl.concat(
        [
            sweeps.select(pl.col("sender_id").alias("a"), pl.col("receiver_id").alias("b")),
            sweeps.select(pl.col("receiver_id").alias("a"), pl.col("sender_id").alias("b")),
        ]
    ).collect()
    labels = (
        edges.select(pl.col("a").alias("address"))
        .unique()
        .with_columns(pl.col("address").alias("entity"))
    )
    for _ in range(PROPAGATION_ROUNDS):
        neighbour = (
            edges.join(labels, left_on="b", right_on="address")
            .group_by("a")
            .agg(pl.col("entity").min().alias("_min"))
        )
        updated = labels.join(neighbour, left_on="address", right_on="a", how="left").select(
            "address", pl.min_horizontal("entity", "_min").alias("entity")
        )
        if updated.sort("address").equals(labels.sort("address")):
            break
        labels = updated
    return labels.lazy()
