"""Currency conversion from an operator's rates table (a documented default is shipped).

Amounts are compared in USD because the published bands are (AUSTRAC A$10-100, FATF
EUR 10-200, AMLC PHP 1,000-10,000 all land near USD 10-200). One static table rather than
daily rates: the indicators are bands, not exact sums, so a few percent of drift is harmless.
"""

from __future__ import annotations

import csv
import math
from importlib import resources
from pathlib import Path

from jaga.finance.errors import FinanceError

DEFAULT_RATES_NAME = "rates_usd.csv"


def default_rates_text() -> str:
    """The shipped table, as text (shown by the docs and used when no `--rates` is given)."""
    return resources.files("jaga.finance.data").joinpath(DEFAULT_RATES_NAME).read_text("utf-8")


def parse_rates(text: str, source: str) -> dict[str, float]:
    """`currency,usd_per_unit` lines (comments with `#`) to a dict; bad lines name their line."""
    rates: dict[str, float] = {}
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)]
    rows = [(n, line) for n, line in lines if line.strip() and not line.lstrip().startswith("#")]
    if not rows:
        raise FinanceError(f"{source}: no rates found (expected `currency,usd_per_unit` lines)")
    header_line, header = rows[0]
    if [c.strip().lower() for c in header.split(",")] != ["currency", "usd_per_unit"]:
        raise FinanceError(
            f"{source} line {header_line}: header must be `currency,usd_per_unit`, got {header!r}"
        )
    for number, fields in zip(
        (n for n, _ in rows[1:]), csv.reader(line for _, line in rows[1:]), strict=True
    ):
        if len(fields) != 2:
            raise FinanceError(f"{source} line {number}: expected 2 fields, got {len(fields)}")
        code = fields[0].strip().upper()
        try:
            value = float(fields[1])
        except ValueError:
            value = math.nan
        if not code or not math.isfinite(value) or value <= 0:
            raise FinanceError(
                f"{source} line {number}: need a currency code and a positive rate, got {fields!r}"
            )
        rates[code] = value
    return rates


def load_rates(path: Path | None = None) -> dict[str, float]:
    """The operator's table at `path`, or the shipped default."""
    if path is None:
        return parse_rates(default_rates_text(), f"default {DEFAULT_RATES_NAME}")
    try:
        text = path.read_text("utf-8")
    except OSError as error:
        raise FinanceError(f"cannot read rates table {path}: {error.strerror}") from error
    return parse_rates(text, str(path))
