"""The alerts file is the same bytes for the same data: ties in score sort by account id."""

from __future__ import annotations

import polars as pl

from jaga.finance.alerts import build_alerts


def _accounts(ids: list[str], scores: list[float]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "account_id": ids,
            "alert": [True] * len(ids),
            "score": scores,
            "severity": ["medium"] * len(ids),
            "first_alert_day": [0] * len(ids),
        }
    )


def test_tied_scores_are_listed_by_account_id_whatever_the_input_order() -> None:
    ids = ["AC3", "AC1", "AC9", "AC2"]
    scores = [5.0, 5.0, 7.5, 5.0]
    forward = build_alerts(_accounts(ids, scores), {})
    backward = build_alerts(_accounts(ids[::-1], scores[::-1]), {})
    assert forward.get_column("account_id").to_list() == ["AC9", "AC1", "AC2", "AC3"]
    assert forward.equals(backward)
