"""LightGBM on the rule features, used when labels exist; explained by SHAP contributions.

The model sees only the indicator features (never ids, currencies or generator-specific
columns), so what it can learn is how the published indicators combine. Each alert gets
the top contributions from LightGBM's `pred_contrib` (TreeSHAP) as one more reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import lightgbm as lgb
import numpy as np
import polars as pl

from jaga.finance.features import FEATURE_COLUMNS

PARAMS: dict[str, object] = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "verbose": -1,
    "num_threads": 2,
    "seed": 7,
}
ROUNDS = 200
TOP_CONTRIBUTIONS = 3


@dataclass
class AccountModel:
    """A trained booster and the feature columns it was trained on."""

    booster: lgb.Booster
    columns: tuple[str, ...]

    @classmethod
    def train(
        cls, rows: pl.DataFrame, labels: np.ndarray, columns: tuple[str, ...] = FEATURE_COLUMNS
    ) -> AccountModel:
        """Fit on per-account feature rows; positives are up-weighted to balance classes."""
        x = rows.select(columns).to_numpy().astype(np.float32)
        positives = max(1, int(labels.sum()))
        weight = np.where(labels == 1, (len(labels) - positives) / positives, 1.0) ** 0.5
        data = lgb.Dataset(x, label=labels, weight=weight, feature_name=list(columns))
        return cls(lgb.train(PARAMS, data, num_boost_round=ROUNDS), columns)

    def predict(self, rows: pl.DataFrame) -> pl.Series:
        """Probability that the account is involved, per row."""
        x = rows.select(self.columns).to_numpy().astype(np.float32)
        return pl.Series("model_probability", self.booster.predict(x))

    def explain(self, rows: pl.DataFrame) -> dict[str, str]:
        """Per account: the features that pushed the model's score most (SHAP, log-odds)."""
        if rows.is_empty():
            return {}
        x = rows.select(self.columns).to_numpy().astype(np.float32)
        contrib = np.asarray(self.booster.predict(x, pred_contrib=True))[:, :-1]
        out: dict[str, str] = {}
        for account, values, features in zip(rows["account_id"].to_list(), contrib, x, strict=True):
            top = np.argsort(-np.abs(values))[:TOP_CONTRIBUTIONS]
            parts = [f"{self.columns[i]}={features[i]:g} ({values[i]:+.2f})" for i in top]
            out[account] = "MODEL LightGBM contributions (SHAP, log-odds): " + ", ".join(parts)
        return out

    def save(self, path: Path) -> None:
        """LightGBM's text format (no pickle)."""
        self.booster.save_model(str(path))

    @classmethod
    def load(cls, path: Path) -> AccountModel:
        booster = lgb.Booster(model_file=str(path))
        return cls(booster, tuple(booster.feature_name()))
