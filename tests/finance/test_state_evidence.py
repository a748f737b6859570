"""The incremental state keeps the same evidence payments the batch path cites.

Between daily runs only evidence payments are stored; if the stored set were narrower than
what `alerts.evidence_ids` cites in a batch run, an incremental alert would lose evidence
(ancillary purchases such as VPN or webcam services were once left out this way).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from jaga.finance.alerts import evidence_row
from jaga.finance.features import enrich
from jaga.finance.indicators import IndicatorConfig
from jaga.finance.ingest import load_transactions
from jaga.finance.rates import load_rates
from jaga.finance.state import EVIDENCE_PER_ACCOUNT, update
from jaga.finance.synth import generate


def test_stored_evidence_is_every_payment_the_batch_path_would_cite(tmp_path: Path) -> None:
    source = tmp_path / "tx.parquet"
    frame = generate(60_000, "hi", 5)
    # Every 500th domestic card payment becomes a VPN purchase: an ancillary item (item 8).
    domestic_card = (pl.col("channel") == "card") & (
        pl.col("sender_country") == pl.col("receiver_country")
    )
    vpn = domestic_card & (pl.int_range(pl.len()) % 500 == 0)
    frame.with_columns(
        pl.when(vpn)
        .then(pl.lit("vpn"))
        .otherwise(pl.col("merchant_category"))
        .alias("merchant_category")
    ).write_parquet(source)
    enriched = enrich(load_transactions(source, load_rates()).valid, IndicatorConfig())
    assert enriched.filter(pl.col("ancillary")).height > 0, "need ancillary purchases"
    update(enriched, tmp_path / "state")
    stored = set(pl.read_parquet(tmp_path / "state" / "evidence.parquet")["tx_id"])
    # Kept: each sender's most recent EVIDENCE_PER_ACCOUNT evidence payments.
    cited = (
        enriched.filter(evidence_row())
        .sort("ts", descending=True)
        .filter(pl.col("sender_id").cum_count().over("sender_id") <= EVIDENCE_PER_ACCOUNT)
    )
    assert stored == set(cited["tx_id"])
    assert stored & set(enriched.filter(pl.col("ancillary"))["tx_id"])
