"""Exchange formats: import and export speed against Jaga's own CSV, in the same run.

The anchor is the plain long-form CSV holding the same hashes (no pass-through fields): what
any other list costs once it has been converted. The exchange files carry what real lists
carry per record (an NCMEC entry: MD5, SHA-1, a PhotoDNA kept as pass-through, member and
classification; a VICS Media: MD5, SHA-1, PhotoDNA, flags, one MediaFile), so their extra
cost is parsing, the crosswalk and the attributes column. Fresh SQLite database per run.
Run: `.venv/bin/python bench/formats.py [--records N] [--database-url URL]`.
"""

from __future__ import annotations

import argparse
import json
import secrets
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from jaga.banks.service import BankService
from jaga.store import create_engine_for


def plain_csv(path: Path, hashes: list[tuple[str, str]]) -> None:
    lines = ["signal_type,value,category,original_id"]
    for number, (md5, sha1) in enumerate(hashes):
        lines += [f"md5,{md5},A1,r{number}", f"sha1,{sha1},A1,r{number}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def ncmec_xml(path: Path, hashes: list[tuple[str, str]]) -> None:
    parts = ['<queryResult xmlns="https://hashsharing.ncmec.org/hashsharing/v2"><images>\n']
    for number, (md5, sha1) in enumerate(hashes):
        parts.append(
            f'<image><member id="42">Member</member><timestamp>2024-01-01T00:00:00Z'
            f"</timestamp><id>r{number}</id><classification>A1</classification><fingerprints>"
            f"<md5>{md5}</md5><sha1>{sha1}</sha1><pdna>{'AQID' * 48}</pdna></fingerprints>"
            "</image>\n"
        )
    parts.append("</images></queryResult>\n")
    path.write_text("".join(parts), encoding="utf-8")


def vics_json(path: Path, hashes: list[tuple[str, str]]) -> None:
    media = [
        {
            "MediaID": number,
            "Category": 1,
            "MD5": md5.upper(),
            "SHA1": sha1.upper(),
            "PhotoDNA": "AQID" * 48,
            "IsPrecategorized": "true",
            "IsDistributed": "false",
            "MediaFiles": [{"FileName": f"{number}.jpg", "FilePath": "case/folder"}],
        }
        for number, (md5, sha1) in enumerate(hashes)
    ]
    context = "http://github.com/ICMEC/ProjectVic/DataModels/2.0.xml/US/$metadata#Media"
    path.write_text(json.dumps({"@odata.context": context, "value": media}), encoding="utf-8")


WRITERS: list[tuple[str, str, str, Callable[[Path, list[tuple[str, str]]], None]]] = [
    ("plain CSV (anchor)", "csv", "industry", plain_csv),
    ("NCMEC XML", "ncmec", "industry", ncmec_xml),
    ("VICS 2.0 JSON", "vics", "vic", vics_json),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000, help="records per file")
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    args = parser.parse_args()
    hashes = [(secrets.token_hex(16), secrets.token_hex(20)) for _ in range(args.records)]
    folder = Path(tempfile.mkdtemp(prefix="jaga-bench-formats-"))
    service = BankService(create_engine_for(args.database_url or f"sqlite:///{folder}/b.db"))
    table = Table(title=f"{args.records:,} records ({2 * args.records:,} hashes) per file")
    for column in ("format", "file MB", "import s", "hashes/s", "vs anchor", "export s"):
        table.add_column(column, justify="left" if column == "format" else "right")
    anchor_rate = 0.0
    for label, fmt, scheme, write in WRITERS:
        source = folder / f"source.{fmt}"
        write(source, hashes)
        bank = f"bench-{fmt}-{secrets.token_hex(3)}"
        service.create_bank(bank, category_scheme=scheme)
        started = time.perf_counter()
        report = service.import_file(bank, source, fmt=fmt)
        imported = time.perf_counter() - started
        assert report.added == 2 * args.records, report.quarantined[:3]
        started = time.perf_counter()
        service.export_file(bank, folder / f"export.{fmt}", fmt=fmt)
        exported = time.perf_counter() - started
        rate = report.added / imported
        anchor_rate = anchor_rate or rate
        table.add_row(
            label,
            f"{source.stat().st_size / 1e6:.1f}",
            f"{imported:.1f}",
            f"{rate:,.0f}",
            f"{rate / anchor_rate:.2f}",
            f"{exported:.1f}",
        )
    Console().print(table)


if __name__ == "__main__":
    main()
