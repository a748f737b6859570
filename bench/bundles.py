"""Offline bundles at scale: export and import of a signed (and an encrypted) bundle,
against the anchor of the same bank's plain JSON-lines export and import (`jaga bank
export` / `jaga bank import`), on the same SQLite database in the same run.

The bank holds N random MD5 and N random SHA-256 values (benign: random bytes), with a
category and an upstream id each. Import times include the signature and digest checks
(and decryption); every import goes into a new, empty bank.
Run: `.venv/bin/python bench/bundles.py [--entries N]` (N per signal type; default 100,000).
"""

from __future__ import annotations

import argparse
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TypeVar

from rich.console import Console
from rich.table import Table

from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.sharing import keys
from jaga.sharing.bundles import export_bundle, import_bundle
from jaga.sharing.keyring import Keyring
from jaga.store import create_engine_for

T = TypeVar("T")


def random_entries(count: int) -> Iterator[EntryInput]:
    for number in range(count):
        yield EntryInput("md5", secrets.token_hex(16), category="A1", original_id=f"N-{number}")
        yield EntryInput("sha256", secrets.token_hex(32), category="B2", original_id=f"S-{number}")


def timed(action: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000, help="per signal type")
    args = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        engine = create_engine_for(f"sqlite:///{folder / 'bench.db'}")
        banks = BankService(engine)
        banks.create_bank("source", signal_types=["md5", "sha256"])
        banks.add_entries("source", random_entries(args.entries), source="bench")
        total = 2 * args.entries
        signer, _, _ = keys.generate("sender", folder / "keys")
        recipient, _, recipient_pub = keys.generate("unit", folder / "keys")
        keyring = Keyring(engine)
        keyring.trust(signer.public)

        rows: list[tuple[str, float, int, float, int]] = []
        plain = folder / "source.jsonl"
        export_s, _ = timed(lambda: banks.export_file("source", plain))
        banks.create_bank("plain", signal_types=["md5", "sha256"])
        import_s, report = timed(lambda: banks.import_file("plain", plain))
        rows.append(("jsonl (anchor)", export_s, plain.stat().st_size, import_s, report.added))

        for label, to in (("signed bundle", None), ("signed + encrypted", recipient_pub)):
            path = folder / f"{label.replace(' ', '-')}.jbundle"
            recipient_keys = keys.load_public(to) if to is not None else None
            export_s, _ = timed(
                partial(
                    export_bundle, banks, "source", path, signer=signer, recipient=recipient_keys
                )
            )
            target = label.replace(" ", "-").replace("+", "")
            import_s, imported = timed(
                partial(
                    import_bundle, banks, keyring, path, into=target, own_pairs=lambda: [recipient]
                )
            )
            added = imported.report.added
            rows.append((label, export_s, path.stat().st_size, import_s, added))
        engine.dispose()

    anchor = rows[0]
    table = Table(title=f"bundles: {total:,} entries (MD5 + SHA-256), SQLite")
    for column in ("format", "export s", "size MB", "size vs anchor", "import s",
                   "import vs anchor", "imported"):  # fmt: skip
        table.add_column(column, justify="left" if column == "format" else "right")
    for label, export_s, size, import_s, added in rows:
        table.add_row(
            label,
            f"{export_s:.1f}",
            f"{size / 1e6:.1f}",
            f"{size / anchor[2]:.2f}",
            f"{import_s:.1f}",
            f"{import_s / anchor[3]:.2f}",
            f"{added:,}",
        )
    console.print(table)


if __name__ == "__main__":
    main()
