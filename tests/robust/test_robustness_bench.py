"""bench/robustness.py runs end to end on a folder of drawn pictures (not bench-data)."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console

from jaga.demo.drawing import draw_scene

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import robustness  # noqa: E402

EDITS = ("jpeg q50", "mirror", "pad 20% black", "pad 20% blurred", "rotate +4°", "crop 10% centred")


def test_benchmark_reports_recall_false_matches_and_cost(tmp_path: Path) -> None:
    for seed in range(8):
        draw_scene(800 + seed, (480, 360)).save(tmp_path / f"drawn-{seed}.jpg", quality=92)
    figures = robustness.run(tmp_path, limit=None, seed=1, workers=1, edit_names=EDITS)

    recall = figures["recall"]
    assert isinstance(recall, dict)
    assert figures["photos"] == 8 and figures["listed"] == 4
    assert figures["queries"] == 8 * len(EDITS)
    # Plain PDQ finds re-encoded copies but neither mirrored nor padded ones; the dihedral
    # baseline adds the mirror; Jaga's views add padding; only Jaga-built lists hold crops.
    assert recall["plain PDQ"]["jpeg q50"] == 1.0
    assert recall["plain PDQ"]["mirror"] == 0.0
    assert recall["PDQ + dihedral"]["mirror"] == 1.0
    assert recall["plain PDQ"]["pad 20% black"] == 0.0
    assert recall["Jaga (plain list)"]["pad 20% black"] == 1.0
    assert recall["Jaga (Jaga-built list)"]["crop 10% centred"] == 1.0
    assert figures["false_matches"] == dict.fromkeys(robustness.METHODS, 0)

    console = Console(record=True, width=160)
    robustness.print_report(figures, console)
    text = console.export_text()
    assert "false matches (unlisted copies)" in text
    assert "x Jaga plain PDQ" in text and "Jaga (Jaga-built list)" in text


def test_flat_picture_is_never_listed_and_is_named(tmp_path: Path) -> None:
    """A bank refuses a hash under its quality floor, so the bench never lists such a photo:
    its copies would otherwise be recall targets no product could find."""
    from PIL import Image

    for seed in range(4):
        draw_scene(900 + seed, (480, 360)).save(tmp_path / f"drawn-{seed}.jpg", quality=92)
    Image.new("RGB", (480, 360), (128, 128, 128)).save(tmp_path / "flat.png")
    figures = robustness.run(tmp_path, limit=None, seed=1, workers=1, edit_names=EDITS[:2])

    flat = figures["flat_unlisted"]
    assert isinstance(flat, list) and [name for name, _q in flat] == ["flat.png"]
    assert flat[0][1] < robustness.QUALITY_FLOOR
    assert figures["photos"] == 5 and figures["listed"] == 2
    assert figures["false_matches"] == dict.fromkeys(robustness.METHODS, 0)
    console = Console(record=True, width=160)
    robustness.print_report(figures, console)
    assert "flat.png (quality" in console.export_text()
