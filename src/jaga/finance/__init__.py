"""Payment monitoring for pay-per-view live-streamed child abuse (OSAEC) and sextortion.

Transactions are ingested and validated (`ingest`), converted to USD (`rates`), turned into
per-account and per-pair features over 30/90/180-day windows (`features`), checked against
published typologies that each cite their source (`typologies`), weighted into an account
score (`scoring`, optionally with a LightGBM model in `model`) and written as alerts with
reasons (`alerts`). `state` keeps per-day aggregates so a new day's file updates scores
without re-reading history; `goaml` and `html_report` draft a suspicious-transaction report.
`synth` writes labelled synthetic data for tests and the benchmark.
"""
