"""The overlay search's speed, and that a faster one still finds and paints the same.

Every edit of bench/robust_transforms.py is applied to photos (the same seeded shuffle as
bench/robustness.py). For each copy:

* the robust views are made twice, once with this tree's jaga.robust.overlays and once with
  a reference version of it (by default `git show main:src/jaga/robust/overlays.py`, loaded
  as its own module), and the two lists of (view name, hash, dihedral variants, quality)
  are compared: "N of M copies differ" must say 0;
* every call of find_overlays made while hashing is recorded (the picture, its colour, the
  detail), and is then timed with both versions, interleaved call by call (old, new, new,
  old, ...) so that the machine's load falls on both alike; so is painted_out on the
  overlays found. The overlays found (masks, kinds, cores) and every painted picture are
  compared bit for bit as well.

CPU time of this process (`time.process_time`): on a shared machine wall time mostly
measures the wait for a core.

    .venv/bin/python bench/robust_overlay_speed.py [--images DIR] [--limit 24] [--repeat 3]
                                                   [--reference REV]
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from robust_transforms import edits, seeded

from jaga.hashing.hasher import hash_bytes
from jaga.robust import overlays, views
from jaga.robust.views import ViewSettings

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_IMAGES = ROOT.parent / "shared" / "bench-data" / "images"

Call = tuple[np.ndarray, np.ndarray | None, int]


def reference_module(revision: str, folder: Path) -> ModuleType:
    """jaga/robust/overlays.py as it is at `revision`, imported under its own name."""
    source = subprocess.run(
        ["git", "show", f"{revision}:src/jaga/robust/overlays.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    path = folder / "overlays_reference.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("overlays_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["overlays_reference"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def robust_rows(copy: bytes, module: ModuleType) -> list[list[object]]:
    """The copy's robust hashes with the views' overlay search taken from `module`."""
    views.find_overlays = module.find_overlays  # type: ignore[attr-defined]
    views.painted_out = module.painted_out  # type: ignore[attr-defined]
    result = hash_bytes(copy, "q", dihedral=True, views=ViewSettings())
    rows: list[list[object]] = [
        ["plain", pdq.hex, list(pdq.dihedral), pdq.quality] for pdq in result.pdq
    ]
    rows += [[how, pdq.hex, list(pdq.dihedral), pdq.quality] for how, pdq in result.views]
    return rows


def recording(module: ModuleType, calls: list[Call]) -> Callable[..., Any]:
    """`module.find_overlays` that also keeps a copy of what it was called with."""

    def find(luma: np.ndarray, chroma: np.ndarray | None, detail: int = 1) -> Any:
        calls.append((luma.copy(), None if chroma is None else chroma.copy(), detail))
        return module.find_overlays(luma, chroma, detail)

    return find


def same_overlay(old: Any, new: Any) -> bool:
    """Whether two find_overlays results are the same, mask for mask."""
    if old is None or new is None:
        return old is None and new is None

    def masks(found: Any) -> list[np.ndarray | None]:
        return [found.mask, *found.parts, found.corner, *found.text_cores, found.text_ringed]

    pairs = list(zip(masks(old), masks(new), strict=False))
    return (
        old.kinds == new.kinds
        and len(old.parts) == len(new.parts)
        and len(old.text_cores) == len(new.text_cores)
        and all(
            (a is None and b is None)
            or (a is not None and b is not None and a.dtype == b.dtype and np.array_equal(a, b))
            for a, b in pairs
        )
    )


def same_paintings(old: list[tuple[str, np.ndarray]], new: list[tuple[str, np.ndarray]]) -> bool:
    """Whether two painted_out lists hold the same names and bit-identical pictures."""
    return len(old) == len(new) and all(
        a[0] == b[0] and a[1].dtype == b[1].dtype and a[1].tobytes() == b[1].tobytes()
        for a, b in zip(old, new, strict=True)
    )


def timed(function: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    started = time.process_time()
    result = function(*args)
    return result, time.process_time() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=Path, default=DEFAULT_IMAGES)
    parser.add_argument("--glob", default="*.jpg")
    parser.add_argument("--limit", type=int, default=24)
    parser.add_argument("--skip", type=int, default=0)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3, help="timing rounds over the calls")
    parser.add_argument("--reference", default="main", help="git revision of the old code")
    args = parser.parse_args(argv)
    files = sorted(args.images.glob(args.glob))
    random.Random(args.seed).shuffle(files)
    files = files[args.skip : args.skip + args.limit]
    with tempfile.TemporaryDirectory() as folder:
        old = reference_module(args.reference, Path(folder))
    hash_bytes(b"", "warm-up")
    calls: list[Call] = []
    differ: list[str] = []
    copies = 0
    for path in files:
        with Image.open(path) as opened:
            original = opened.convert("RGB")
        for _group, name, edit in edits():
            copy = edit(original, seeded(path.name, name, args.seed))
            before = robust_rows(copy, old)
            recorder = ModuleType("recorder")
            recorder.find_overlays = recording(overlays, calls)  # type: ignore[attr-defined]
            recorder.painted_out = overlays.painted_out  # type: ignore[attr-defined]
            after = robust_rows(copy, recorder)
            copies += 1
            if before != after:
                differ.append(f"{path.name} | {name}")
    views.find_overlays, views.painted_out = overlays.find_overlays, overlays.painted_out
    for key in differ[:20]:
        print(f"DIFFERS {key}")
    print(f"{len(differ)} of {copies} copies differ (robust views' names and hashes)")

    spent = {"find old": 0.0, "find new": 0.0, "paint old": 0.0, "paint new": 0.0}
    found_differ = paint_differ = found = 0
    for round_ in range(args.repeat + 1):  # round 0: untimed, loads compiled kernels
        for index, call in enumerate(calls):
            order = ("old", "new") if (index + round_) % 2 == 0 else ("new", "old")
            results: dict[str, Any] = {}
            paintings: dict[str, Any] = {}
            for which in order:
                module = old if which == "old" else overlays
                results[which], seconds = timed(module.find_overlays, *call)
                if round_:
                    spent[f"find {which}"] += seconds
            for which in order:
                module = old if which == "old" else overlays
                if results[which] is None:
                    paintings[which] = []
                    continue
                paintings[which], seconds = timed(module.painted_out, call[0], results[which])
                if round_:
                    spent[f"paint {which}"] += seconds
            if round_ == 1:
                found += results["new"] is not None
                found_differ += not same_overlay(results["old"], results["new"])
                paint_differ += not same_paintings(paintings["old"], paintings["new"])
    print(
        f"{len(calls)} find_overlays calls ({found} with an overlay) from {copies} copies of "
        f"{len(files)} photos; {found_differ} overlays differ, {paint_differ} paintings differ"
    )
    runs = max(1, args.repeat) * max(1, len(calls))
    for label in ("find", "paint"):
        before, after = spent[f"{label} old"], spent[f"{label} new"]
        print(
            f"  {label:5s} CPU ms per call: old {1000 * before / runs:.3f}  "
            f"new {1000 * after / runs:.3f}  (new/old {after / max(before, 1e-12):.2f})"
        )
    return 1 if differ or found_differ or paint_differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
