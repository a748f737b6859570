"""Where a robust query's time goes: CPU time per step of jaga.robust.views, per copy.

Every edit of bench/robust_transforms.py is applied to a few photos (the same seeded
shuffle as bench/robustness.py); each copy is hashed plain (`hash_bytes`) and with the
views (`hash_bytes(dihedral=True, views=ViewSettings())`), and the steps of the views are
timed by wrapping them. CPU time of this process (`time.process_time`), not wall time: on a
shared, loaded machine wall time mostly measures the wait for a core.

    .venv/bin/python bench/robust_cost_split.py [--images DIR] [--glob PAT] [--limit 8]
                                                [--skip 40]
                                                [--edits PREFIX]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from robust_transforms import edits, seeded

from jaga.hashing.hasher import hash_bytes
from jaga.robust import overlays, views
from jaga.robust.views import ViewSettings

DEFAULT_IMAGES = Path(__file__).resolve().parents[2] / "shared" / "bench-data" / "images"
STEPS = (
    (views, "quiet_sides", "quiet-side test"),
    (views, "may_be_framed", "frame gate"),
    (views, "framed_boxes", "frame detectors"),
    (views, "_frame_colour", "  frame colour"),
    (views, "_detail_mask", "  detail masks (all callers)"),
    (views, "_solid_block", "  solid blocks"),
    (views, "_refine", "  edge refining"),
    (views, "centred_pictures", "  centred pictures"),
    (views.FinerCuts, "cut", "cutting found pictures"),
    (views.FinerCuts, "_finer", "  of which finer decode"),
    (views, "exact_box", "  of which exact boxes"),
    (views, "tilt_candidates", "tilt read"),
    (views, "corner_tilt", "  corner read"),
    (views, "frame_tilts", "  frame-edge read"),
    (views, "rotate", "turning back"),
    (views, "_paint_lost_corners", "corner painting"),
    (views, "_continue_edges", "corner edges continued"),
    (views, "rotated_area", "turn masks"),
    (views, "content_boxes", "frame detectors on turned"),
    (views, "hash_luma", "view hashes"),
    (views, "find_overlays", "overlay finding"),
    (overlays, "_outlined_glyphs", "  of which lettering"),
    (overlays, "_flat_graphics", "  of which graphics"),
    (views, "painted_out", "overlay painting"),
    (views, "_median", "overlay median filter"),
    (views, "query_views", "all views"),
)


def _timed(function: Callable[..., Any], label: str, spent: dict[str, float]) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - started

    return wrapper


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=Path, default=DEFAULT_IMAGES)
    parser.add_argument("--glob", default="bsds500_*")
    parser.add_argument("--limit", type=int, default=8)
    parser.add_argument("--skip", type=int, default=40)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--edits", default="", help="only edits whose name starts so")
    args = parser.parse_args(argv)
    files = sorted(args.images.glob(args.glob))
    random.Random(args.seed).shuffle(files)
    files = files[args.skip : args.skip + args.limit]
    spent: dict[str, float] = defaultdict(float)
    # Untimed: one photo's copies, so that compiled kernels and caches are loaded first.
    if files:
        with Image.open(files[0]) as opened:
            first = opened.convert("RGB")
        for _group, name, edit in edits():
            hash_bytes(
                edit(first, seeded(files[0].name, name, args.seed)), "q", views=ViewSettings()
            )
    for module, name, label in STEPS:
        setattr(module, name, _timed(getattr(module, name), label, spent))
    hash_bytes(b"", "warm-up")
    copies, plain, robust = 0, 0.0, 0.0
    for path in files:
        with Image.open(path) as opened:
            original = opened.convert("RGB")
        for _group, name, edit in edits():
            if not name.startswith(args.edits):
                continue
            copy = edit(original, seeded(path.name, name, args.seed))
            started = time.process_time()
            hash_bytes(copy, "q")
            plain += time.process_time() - started
            started = time.process_time()
            hash_bytes(copy, "q", dihedral=True, views=ViewSettings())
            robust += time.process_time() - started
            copies += 1
    rest = robust - plain - spent["all views"]
    print(f"{copies} copies of {len(files)} photos ({args.glob}); CPU ms per copy:")
    print(f"  plain hash (decode luma + PDQ)     {1000 * plain / copies:6.2f}")
    print(f"  robust hash                        {1000 * robust / copies:6.2f}")
    print(f"  ratio                              {robust / plain:6.2f}")
    print(f"  colour decode + dihedral hashes    {1000 * rest / copies:6.2f}")
    for _module, _name, label in STEPS:
        print(f"  {label:34s} {1000 * spent[label] / copies:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
