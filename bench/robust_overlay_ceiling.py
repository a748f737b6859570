"""How far painting out an overlay can go: the found mask against the exact one.

For each photo, the benchmark's overlay edit (default: large meme text) is drawn, and the
copy's painted-out picture is hashed (at the reduced decode the views use) with:
  found      the mask jaga.robust.overlays finds (best of its painted-out views)
  exact      the pixels the edit changed by more than 25 levels (the copy's reduced
             decode against the original's, both JPEG q95): the best any finder could do
  exact+1    the exact mask grown by one pixel
  drawn      every pixel the edit draws on: the same edit (same random draw) on flat grey
             pictures (levels 64 and 192), the pixels it changed there by more than 25
             levels. Unlike `exact` it also paints out the overlay's pixels that happen to
             match the photo under them (a white letter over a white wall, an outline over a
             dark window), which no finder can tell from the copy: what a perfect detector
             reaches with this inpainting
  found-only-touched / found-only-strong   the found mask without the pixels the edit
             changed by <= 10 levels (photo it did not touch), or by 10-25 (blends)
  drawn-along / found-along   the drawn mask, and each of the found views' masks (best),
             filled along the photo's lines (`overlays.inpaint_along_lines`) instead of
             with the mean around: 999 when the photo around the text has no one
             direction (no such view)
Distances are to the original's reference PDQ (`pdqhash` of the fully decoded original);
a copy counts when within 31 bits. Every photo is its own reference.

    .venv/bin/python bench/robust_overlay_ceiling.py [--images DIR] [--glob PAT] [--limit N]
                                                      [--edit 'text large'] [--enlarge F]

`--finer` hashes at the 2x finer decode (the one the views paint large text out at
again) instead of the reduced one. `--per-photo` prints each photo's distances.

`--enlarge 2` scales each photo up first (bicubic): 481x321 photos then decode reduced by
4 instead of 2, as 1024 px photos (urban100) do, a check on the tuning photos that a change
does not hold only at one reduction.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np
import numpy.typing as npt
import pdqhash
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))

from robust_transforms import Edit, _jpeg, edits, seeded

from jaga.hashing.hasher import _finer_decoder
from jaga.hashing.image_io import iter_luma_frames, open_image
from jaga.robust import overlays
from jaga.robust.views import FinerCuts, WorkImage, hash_luma, work_image

THRESHOLD = 31
DEFAULT_IMAGES = Path(__file__).resolve().parents[2] / "shared" / "bench-data" / "images"
COLUMNS = (
    "plain",
    "found",
    "exact",
    "exact+1",
    "drawn",
    "found-only-touched",
    "found-only-strong",
    "drawn-along",
    "found-along",
)


FINER = False
"""Whether the pictures are the 2x finer decode (`--finer`) rather than the reduced one."""


def _work(data: bytes) -> WorkImage:
    """The reduced decode as the views see it, or (FINER) the 2x finer one, with the
    finer-to-reduced ratio as `detail` for the overlay search."""
    with open_image(data) as image:
        frame = next(iter_luma_frames(image, colour=True))
    work = work_image(frame, _finer_decoder(data))
    if not FINER:
        return work
    fine = FinerCuts(work).whole()
    if fine is None:
        return work
    return WorkImage(fine.luma, fine.scale, fine.chroma)


def _detail(work: WorkImage, data: bytes) -> int:
    """The overlay search's `detail` at this decode (1 at the reduced one)."""
    if not FINER:
        return 1
    with open_image(data) as image:
        reduced = work_image(next(iter_luma_frames(image, colour=True)))
    return max(1, reduced.scale // work.scale)


def _bits(hex_hash: str) -> np.ndarray:
    return np.unpackbits(np.frombuffer(bytes.fromhex(hex_hash), np.uint8))


GREYS = (64, 192)
"""Flat grey levels the edit is drawn on for `drawn`: a fill or outline tone close to one
of them (a blend pixel between white and black is mid grey) differs from the other."""


def drawn_mask(original: Image.Image, edit: Edit, rng_state: object) -> npt.NDArray[np.bool_]:
    """The pixels `edit` draws on (see `drawn`), at the decode hashed (`--finer`)."""
    drawn: npt.NDArray[np.bool_] | None = None
    for level in GREYS:
        grey = Image.new("RGB", original.size, (level, level, level))
        rng = random.Random()
        rng.setstate(rng_state)  # type: ignore[arg-type]
        changed = np.abs(_work(edit(grey, rng)).luma - _work(_jpeg(grey)).luma) > 25
        drawn = changed if drawn is None else drawn | changed
    assert drawn is not None
    return drawn


def distances(
    original: Image.Image, copy: bytes, drawn: npt.NDArray[np.bool_] | None = None
) -> dict[str, int]:
    """Each way of painting out, as its distance to the original's reference PDQ."""
    vector, _quality = pdqhash.compute(np.asarray(original))
    reference = np.asarray(vector, np.uint8)
    work, before = _work(copy), _work(_jpeg(original))
    change = np.abs(work.luma - before.luma)

    def distance(picture: np.ndarray | None) -> int:
        if picture is None:
            return 999
        hashed = hash_luma(picture, work.scale, dihedral=False)
        return int(np.count_nonzero(_bits(hashed.hex) != reference))

    exact = change > 25
    found = overlays.find_overlays(work.luma, None if FINER else work.chroma, _detail(work, copy))
    mask = found.mask if found is not None else np.zeros_like(exact)
    painted = overlays.painted_out(work.luma, found) if found is not None else []
    masks = (
        [found.mask, *found.text_cores]
        + ([found.text_ringed] if found.text_ringed is not None else [])
        if found is not None
        else []
    )
    grown = cv2.dilate(exact.view(np.uint8), np.ones((3, 3), np.uint8)) > 0
    return {
        "plain": distance(work.luma),
        "found": min((distance(p) for _how, p in painted), default=distance(work.luma)),
        "exact": distance(overlays.inpaint(work.luma, exact)),
        "exact+1": distance(overlays.inpaint(work.luma, grown)),
        "drawn": distance(overlays.inpaint(work.luma, drawn)) if drawn is not None else 999,
        "found-only-touched": distance(overlays.inpaint(work.luma, mask & (change > 10))),
        "found-only-strong": distance(
            overlays.inpaint(work.luma, mask & ~((change > 10) & (change <= 25)))
        ),
        "drawn-along": distance(overlays.inpaint_along_lines(work.luma, drawn))
        if drawn is not None
        else 999,
        "found-along": min(
            (distance(overlays.inpaint_along_lines(work.luma, m)) for m in masks), default=999
        ),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=Path, default=DEFAULT_IMAGES)
    parser.add_argument("--glob", default="bsds500_*")
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--edit", default="text large")
    parser.add_argument("--enlarge", type=float, default=1.0)
    parser.add_argument("--finer", action="store_true")
    parser.add_argument("--per-photo", action="store_true")
    args = parser.parse_args(argv)
    global FINER
    FINER = args.finer
    files = sorted(args.images.glob(args.glob))
    random.Random(args.seed).shuffle(files)  # the same photos as bench/robustness.py
    files = files[: args.limit]
    edit = {name: e for _group, name, e in edits()}[args.edit]
    within = dict.fromkeys(COLUMNS, 0)
    for path in files:
        with Image.open(path) as opened:
            original = opened.convert("RGB")
        if args.enlarge != 1.0:
            size = (round(original.width * args.enlarge), round(original.height * args.enlarge))
            original = original.resize(size, Image.Resampling.BICUBIC)
        rng = seeded(path.name, args.edit, args.seed)
        state = rng.getstate()
        drawn = drawn_mask(original, edit, state)
        found = distances(original, edit(original, rng), drawn)
        for column, value in found.items():
            within[column] += value <= THRESHOLD
        if args.per_photo:
            print(path.name, " ".join(f"{c}={v}" for c, v in found.items()), flush=True)
    enlarged = f", enlarged {args.enlarge:g}x" if args.enlarge != 1.0 else ""
    enlarged += ", finer decode" if args.finer else ""
    print(f"{args.edit!r} on {len(files)} photos ({args.glob}{enlarged}), within {THRESHOLD} bits:")
    for column in COLUMNS:
        print(f"  {column:20s} {100 * within[column] / max(len(files), 1):5.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
