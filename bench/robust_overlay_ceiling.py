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
             filled along the photo's lines (`inpaint_along_lines`, here) instead of
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
from jaga.robust.overlay_kernels import fill_known
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


def inpaint_along_lines(
    luma: npt.NDArray[np.float32], mask: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float32] | None:
    """The picture with `mask` filled along the photo's lines, when the photo around the
    text runs in one direction; None when it does not.

    The mean of the photo around a stroke (`inpaint`) is the best guess under it when the
    photo there has no direction. A striped or lined surface (blinds, a facade's ribs,
    tiles, railings, a field's rows) has one, and its mean is a flat grey where the photo
    had stripes, which PDQ's 64x64 picture still partly shows (the stripes beat against
    its cells). Along the stripes the photo does not change, so the known pixels before
    and after a stroke in that direction are the better guess (the isophote continuation
    of Bertalmio et al.'s and Telea's inpainting; those work pixel by pixel from the
    hole's rim and, on strokes several pixels wide, carry the rim's outline blends
    inwards, and were no closer than the mean on the large-text copies, r5-text5).

    The direction is the dominant one of the structure tensor (the gradient's outer
    product summed over the known photo around the text's lines); it is used only when
    it holds at least three quarters of the gradient energy (ORIENTED_COHERENCE). The fill
    is the normalized convolution of `inpaint`, with a Gaussian as wide as `inpaint`'s
    along the direction and ORIENTED_ACROSS pixels across it; what that does not reach is
    filled as `inpaint` does.

    An experiment, not used by the views (docs/benchmarks.md, r5-text6): on the tuning
    photos it lowered the best distances but brought no copy within 31 bits, and hashing
    its views cost about a millisecond per copy on average.
    """
    if not mask.any():
        return None
    sigma = max(overlays.FILL_SIGMA_MIN, max(luma.shape) * overlays.FILL_SIGMA)
    along = ORIENTED_ALONG * sigma
    reach = int(3 * along) + 2
    boxes = []
    tensor = np.zeros(3)
    for rows in _row_groups(mask, reach):
        columns = np.flatnonzero(mask[rows].any(axis=0))
        box = (
            slice(max(0, rows.start - reach), rows.stop + reach),
            slice(max(0, int(columns[0]) - reach), int(columns[-1]) + reach + 1),
        )
        boxes.append((rows, box))
        tensor += _tensor(luma[box], mask[box])
    direction = _direction(tensor)
    if direction is None:
        return None
    kernel = _oriented_kernel(direction, along, ORIENTED_ACROSS)
    filled = luma.copy()
    left = mask.copy()
    for rows, box in boxes:
        known = (~mask[box]).astype(np.float32)
        weight = cv2.filter2D(known, -1, kernel, borderType=cv2.BORDER_CONSTANT)
        total = cv2.filter2D(luma[box] * known, -1, kernel, borderType=cv2.BORDER_CONSTANT)
        inner = slice(rows.start - box[0].start, rows.stop - box[0].start)
        fill_known(
            filled[box][inner],
            left[box][inner],
            np.asarray(weight, np.float32)[inner],
            np.asarray(total, np.float32)[inner],
            overlays.FILL_MIN_WEIGHT,
        )
    return overlays.inpaint(filled, left) if left.any() else filled


def _row_groups(mask: npt.NDArray[np.bool_], reach: int) -> list[slice]:
    """The groups of masked rows more than 2 * `reach` apart (meme text's two lines)."""
    rows = np.flatnonzero(mask.any(axis=1))
    breaks = np.flatnonzero(np.diff(rows) > 2 * reach)
    firsts = np.concatenate((rows[:1], rows[breaks + 1])).tolist()
    lasts = np.concatenate((rows[breaks], rows[-1:])).tolist()
    return [slice(first, last + 1) for first, last in zip(firsts, lasts, strict=True)]


def _tensor(luma: npt.NDArray[np.float32], mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
    """The structure tensor's sums (xx, yy, xy) of the known photo of a box: the gradient's
    outer product over the pixels whose 3x3 Sobel window holds no masked pixel, nor the
    outline's blend around it (the mask grown by two)."""
    used = cv2.dilate(mask.view(np.uint8), np.ones((5, 5), np.uint8)) == 0
    if int(np.count_nonzero(used)) < ORIENTED_MIN_PIXELS:
        return np.zeros(3)
    gx = np.asarray(cv2.Sobel(luma, cv2.CV_32F, 1, 0, ksize=3), np.float64)[used]
    gy = np.asarray(cv2.Sobel(luma, cv2.CV_32F, 0, 1, ksize=3), np.float64)[used]
    return np.array([gx @ gx, gy @ gy, gx @ gy])


def _direction(tensor: npt.NDArray[np.float64]) -> float | None:
    """The direction (radians from the x axis) along which the photo does not change, when
    its structure tensor (sums xx, yy, xy) is coherent; else None."""
    jxx, jyy, jxy = (float(v) for v in tensor)
    energy = jxx + jyy
    if energy <= 0.0:
        return None
    coherence = float(np.hypot(jxx - jyy, 2 * jxy)) / energy
    if coherence < ORIENTED_COHERENCE:
        return None
    # The gradient's dominant direction, turned a quarter: the lines' own.
    return 0.5 * float(np.arctan2(2 * jxy, jxx - jyy)) + np.pi / 2


def _oriented_kernel(direction: float, along: float, across: float) -> npt.NDArray[np.float32]:
    """A Gaussian `along` pixels wide in `direction` and `across` wide across it."""
    radius = int(np.ceil(3 * along))
    y, x = np.mgrid[-radius : radius + 1, -radius : radius + 1].astype(np.float64)
    cos, sin = np.cos(direction), np.sin(direction)
    u = x * cos + y * sin
    v = y * cos - x * sin
    kernel = np.exp(-0.5 * (u / along) ** 2 - 0.5 * (v / across) ** 2)
    out: npt.NDArray[np.float32] = (kernel / kernel.sum()).astype(np.float32)
    return out


ORIENTED_COHERENCE = 0.5
"""Least coherence ((l1 - l2) / (l1 + l2) of the structure tensor's eigenvalues) of the
photo around the text for a fill along its direction: 0.5 is one direction holding three
quarters of the gradient energy (l1 = 3 l2). Blinds and ribbed facades are 0.8-0.95."""

ORIENTED_ALONG = 1.0
"""Width of the fill along the photo's lines, in the usual fill's widths (half a PDQ
cell): the same reach as `inpaint`'s first pass, only reshaped."""

ORIENTED_ACROSS = 0.8
"""Width of the fill across the photo's lines, pixels: under half a stripe of the
reduced decode, so that neighbouring stripes do not mix."""

ORIENTED_MIN_PIXELS = 64
"""Known pixels a line's box needs before its gradients count towards the direction."""


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
        "drawn-along": distance(inpaint_along_lines(work.luma, drawn))
        if drawn is not None
        else 999,
        "found-along": min(
            (distance(inpaint_along_lines(work.luma, m)) for m in masks), default=999
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
