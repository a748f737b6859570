"""Connectors: keep a bank in sync with an upstream hash list, and send verdicts back.

One module per source (`ncmec`, `stopncii`, `threatexchange`), each a thin layer over
python-threatexchange's client for that API, adding what a long-running service needs:
a resumable checkpoint, per-record quarantine instead of a crashed page, tombstones, and
a network guard. `sync` is the driver they share; `feedback` the verdict outbox.
"""
