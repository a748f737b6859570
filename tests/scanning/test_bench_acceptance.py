"""The issue's acceptance scenario on the real benign bench photos.

A bank holds the reference PDQ hashes (pdqhash on the fully decoded image, as NCMEC or
StopNCII lists do) of 50 bench images; `jaga scan` over their JPEG-50, half-size and
mirrored copies plus 200 other bench images must find all 150 copies and nothing else.
The photos are read from ../shared/bench-data and copied only into a temporary folder.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pdqhash
import pytest
from PIL import Image, ImageOps
from typer.testing import CliRunner

from jaga.cli import app

BENCH_IMAGES = Path(
    os.environ.get(
        "JAGA_BENCH_IMAGES", Path(__file__).resolve().parents[2].parent / "shared/bench-data/images"
    )
)


def reference_pdq_hex(path: Path) -> str:
    bits, _quality = pdqhash.compute(np.asarray(Image.open(path).convert("RGB")))
    return np.packbits(bits.astype(np.uint8)).tobytes().hex()


@pytest.mark.skipif(not BENCH_IMAGES.is_dir(), reason=f"bench photos not present at {BENCH_IMAGES}")
def test_fifty_known_images_found_in_copies_none_of_two_hundred_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photos = sorted(BENCH_IMAGES.glob("*.jpg"))
    assert len(photos) >= 250, "the bench folder should hold at least 250 photos"
    rng = np.random.default_rng(2026)
    chosen = [photos[i] for i in rng.permutation(len(photos))[:250]]
    known, others = chosen[:50], chosen[50:]

    bank_file = tmp_path / "known.csv"
    rows = ["signal_type,value,original_id"]
    rows += [f"pdq,{reference_pdq_hex(p)},{p.stem}" for p in known]
    bank_file.write_text("\n".join(rows) + "\n", encoding="utf-8")

    folder = tmp_path / "scan"
    folder.mkdir()
    for path in known:
        image = Image.open(path).convert("RGB")
        image.save(folder / f"{path.stem}-q50.jpg", quality=50)
        image.resize((image.width // 2, image.height // 2)).save(folder / f"{path.stem}-half.jpg")
        ImageOps.mirror(image).save(folder / f"{path.stem}-mirror.jpg")
    for path in others:
        (folder / path.name).write_bytes(path.read_bytes())

    monkeypatch.setenv("JAGA_DATABASE_URL", f"sqlite:///{tmp_path / 'jaga.db'}")
    runner = CliRunner()
    created = runner.invoke(app, ["bank", "create", "bench-known"])
    assert created.exit_code == 0, created.output
    imported = runner.invoke(app, ["bank", "import", "bench-known", str(bank_file)])
    assert imported.exit_code == 0, imported.output

    report_path = tmp_path / "report.json"
    scanned = runner.invoke(
        app, ["scan", str(folder), "--bank", "bench-known", "--json", str(report_path), "-q"]
    )
    assert scanned.exit_code == 1, scanned.output  # 1: something matched
    report = json.loads(report_path.read_text(encoding="utf-8"))

    matched = {Path(p).name for p in report["matched"]}
    copies = {f"{p.stem}-{kind}.jpg" for p in known for kind in ("q50", "half", "mirror")}
    assert report["summary"]["files"] == 350
    assert matched == copies
    assert report["summary"]["matched_files"] == 150
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    for path in known:
        match = by_name[f"{path.stem}-q50.jpg"]["matches"][0]
        assert match["original_id"] == path.stem and match["distance"] <= 31
    assert not any(by_name[p.name]["matched"] for p in others)
