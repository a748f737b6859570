"""Query-side views: the extra pictures Jaga hashes so that edited copies still match.

Lists from NCMEC, StopNCII or ThreatExchange hold one plain PDQ hash per original, so the
only place to win back a padded, framed, rotated or screenshotted copy is the query: undo
the likely edit on the image being scanned, hash what is left, and search every such hash
at the bank's own strict distance. Each view is one guess of "what the original was":

* `de-bordered`: the photo inside a uniform frame (black, white or colour padding, a
  screenshot's flat canvas), found as the block of pixels that differ from the frame colour.
* `de-bordered (flat fill)`: the photo inside a fill that has no detail, such as the blurred
  copy of itself that social apps put around a picture, found by local gradient energy.
* `de-bordered (to the canvas)`: the same box grown through every line that is not exactly
  an app canvas's colour (a dark photo on a dark screenshot was cut short).
* `rotated back n°`: the picture turned back by a small angle (tilted copies), the corners
  the turn lost painted in, and the frame removals applied to it again, since a tilted copy
  usually gains a frame too.
* `overlaid … painted out`: meme lettering and logos found (jaga.robust.overlays) and
  inpainted; only when one is found, as is `overlaid text filtered out` (a thin-stroke
  median).

Views are computed on a small luma copy (long side `WORK_SIDE`): PDQ keeps only a 64x64
filtered image, so more pixels change nothing but time. A view whose PDQ quality is under
the bank floor is dropped (flat pictures hash close to each other), and nothing here
loosens the distance: a guess that is wrong simply lands far from every listed hash.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image

from jaga.hashing.image_io import LumaFrame
from jaga.hashing.pdq import hash_frame
from jaga.hashing.types import PdqHash
from jaga.robust import frame_kernels, pixel_kernels
from jaga.robust.corners import corner_tilt
from jaga.robust.overlays import Overlay, find_overlays, painted_out
from jaga.robust.pixel_kernels import steps as pixel_steps

OPENCV_THREADS = 1
"""OpenCV's own thread pool, per process: one. Every OpenCV call here works on a picture of
a few hundred pixels a side, where handing rows to other threads costs more than it saves
(measured per call, 161x241 float32, two cores: wall time of a box blur 51 -> 28 µs,
an affine warp 108 -> 77, connected components 607 -> 270, and less CPU time in all);
and scans already run one worker process per core, which the pool's threads only fight.
Set for the whole process, on the first use of the views."""

cv2.setNumThreads(OPENCV_THREADS)

WORK_SIDE = 512
"""Longest side the views are cut from: PDQ needs the reduced decode (at least 128 px on the
short side) unreduced; a 2x coarser copy already costs 10-20 bits on 481x321 photos."""

MIN_TRIM = 0.02
"""A frame thinner than this share of a side is not worth a view: PDQ absorbs it."""

MIN_CONTENT = 0.2
"""A found photo smaller than this share of the side is a UI element, not the picture."""

BACKGROUND_TOLERANCE = 12.0
"""Luma levels within which a pixel counts as frame colour (JPEG noise at quality 20)."""

FLAT_GRADIENT = 3.0
"""Mean absolute luma step (per working pixel) under which a pixel has no detail."""

SOLID_SHARE = 0.85
"""A window is solid picture when this share of its pixels is picture, not frame: text on a
screenshot's canvas is thin strokes on the frame colour and never gets there."""

DEFAULT_MAX_TILT = 8.0
"""Largest tilt turned back, in degrees."""

SMALL_COPY_SIDE = 360
"""A picture whose long side is at most this many pixels is also hashed enlarged 2x
(bilinear). Such a picture is most often a reduced copy (a thumbnail, a re-share scaled
down), and PDQ's box filter is only one or two pixels wide at that size: an even width
centres it half a pixel off, and the reduced copy's hash drifts 20-60 bits from its
original's (urban100 at a quarter size, 256 px: 83.9% within 31 bits by the reference
`pdqhash`). Enlarged, the filter is wide again, as the original's was: 98.9% within 31
bits, median 8 bits (22 before); bsds500 at half size, 240 px: 98.9% → 100%. Larger
pictures are left alone: their filter is wide enough, and the view would cost a hash."""

SMALL_PICTURE = 128
"""A found picture whose short side has fewer decoded pixels than this is cut again from a
finer decode: the decode keeps the canvas's short side at 128 px or more (what PDQ needs
to agree with the full-size reference, jaga.hashing.image_io.DECODE_MIN_SIDE), so a photo
that is a small part of a 9:16 canvas or a screenshot is left with 80-100 px."""

MAX_FINER = 4
"""At most this many times finer: enough to bring a picture of a fifth of the canvas
(MIN_CONTENT) past SMALL_PICTURE, without decoding a large image at full size."""


@dataclass(frozen=True, slots=True)
class View:
    """One guess at the original: its hash and how it was made (shown in match reports)."""

    how: str
    pdq: PdqHash


@dataclass(frozen=True, slots=True)
class ViewSettings:
    """What to try; per bank these come from its robust-matching settings."""

    deborder: bool = True
    max_tilt: float = DEFAULT_MAX_TILT
    # Also try every 2° up to max_tilt, for tilted copies cropped so that no edge shows
    # (about 8 more hashes per picture; off by default).
    exhaustive: bool = False
    # Views with overlays (outlined text, logos) painted out and thin strokes filtered out,
    # when an overlay is found; the decoder then also gives colour (finds logos).
    overlays: bool = True
    min_quality: int = 50
    dihedral: bool = True  # dihedral variants for the de-bordered views of the upright image


@dataclass(frozen=True, slots=True)
class WorkImage:
    """A small luma copy, and how many full-resolution pixels one of its pixels stands for.

    PDQ's filter width follows the full-resolution size; hashing a cut of this copy as if
    it were full size would blur less than the reference does and cost 20-30 bits on its
    own, so every view is hashed at its true full-resolution size (`scale` x its pixels).
    """

    luma: npt.NDArray[np.float32]
    scale: int
    # Colour strength at the same size, when the decoder gave it (finds drawn logos).
    chroma: npt.NDArray[np.float32] | None = None
    # The picture's true height and width in these pixels: a 481 px side decoded at half
    # size is 240.5 pixels, and its last pixel stands for half a pixel (the tilt read and
    # the turn back use the true centre and edges).
    extent: tuple[float, float] | None = None
    # Decodes the picture again reduced by at most the given factor (None when it cannot):
    # called at most once, only when a found picture is small (SMALL_PICTURE).
    finer: Callable[[int], LumaFrame | None] | None = field(default=None, compare=False)


def work_image(
    frame: LumaFrame, finer: Callable[[int], LumaFrame | None] | None = None
) -> WorkImage:
    """The frame's luma (and chroma), reduced by a whole factor to at most about WORK_SIDE.

    `finer` re-decodes the same picture less reduced (see WorkImage.finer)."""
    luma, chroma = frame.luma, frame.chroma
    factor = max(1, -(-max(luma.shape) // WORK_SIDE))
    if factor > 1:
        luma = _reduce(luma, factor)
        chroma = None if chroma is None else _reduce(chroma, factor)
    scale = frame.scale * factor
    extent = (frame.full_height / scale, frame.full_width / scale)
    return WorkImage(np.ascontiguousarray(luma, dtype=np.float32), scale, chroma, extent, finer)


def _enlarged(luma: npt.NDArray[np.float32], factor: int) -> npt.NDArray[np.float32]:
    """`luma` enlarged `factor` times by bilinear interpolation (see SMALL_COPY_SIDE)."""
    height, width = luma.shape
    size = (width * factor, height * factor)
    return np.asarray(cv2.resize(luma, size, interpolation=cv2.INTER_LINEAR), np.float32)


def _reduce(values: npt.NDArray[np.float32], factor: int) -> npt.NDArray[np.float32]:
    reduced = Image.fromarray(values.astype(np.float32), mode="F").reduce(factor)
    return np.asarray(reduced, dtype=np.float32)


def query_views(work: WorkImage, settings: ViewSettings) -> list[View]:
    """Every extra view of one picture (the plain hash is the caller's), deduplicated."""
    luma = work.luma
    views: list[View] = []
    seen: set[str] = set()
    # No side without detail: no frame of any kind; one such side that is not a flat bar
    # (a sky): only the photo's own flat area to cut.
    quiet = may_be_framed(luma, quiet_sides(luma))

    def add(
        how: str, picture: npt.NDArray[np.float32], dihedral: bool, scale: int = work.scale
    ) -> None:
        if min(picture.shape) < 16:
            return
        pdq = hash_luma(picture, scale, dihedral=dihedral)
        if pdq.quality < settings.min_quality or pdq.hex in seen:
            return
        seen.add(pdq.hex)
        views.append(View(how, pdq))

    if max(luma.shape) * work.scale <= SMALL_COPY_SIDE:
        add("enlarged 2x", _enlarged(luma, 2 * work.scale), False, 1)
    finer = FinerCuts(work)
    if settings.deborder:
        # Dihedral variants (a padded copy also mirrored or turned a quarter) for the first
        # box only, the detectors' best: they more than double a view's hashing time.
        for rank, (how, box, colour) in enumerate(framed_boxes(luma, quiet=quiet)):
            picture, scale = finer.cut(box, colour, may_decode=rank == 0)
            add(how, picture, settings.dihedral and rank == 0, scale)
    # The picture with every overlay found painted out, for the turned views below.
    painted: npt.NDArray[np.float32] | None = None
    if settings.overlays:
        # Only when something drawn on top was found: most pictures have none, and the
        # inpainting is the dearest step here.
        overlay = find_overlays(luma, work.chroma)
        if overlay is not None:
            large = (
                "text" in overlay.kinds
                and _share(overlay.parts[overlay.kinds.index("text")]) >= FINER_TEXT_SHARE
            )
            fine = _finer_text(finer) if large else None
            pictures = painted_out(luma, overlay)
            for how, picture in pictures:
                add(how, picture, False)
            # Everything found painted out (painted_out's first view).
            painted = pictures[0][1]
            if "text" in overlay.kinds:
                add("overlaid text filtered out", _median(luma), False)
            if fine is not None:
                frame, text = fine
                for how, picture in painted_out(frame.luma, text):
                    add(f"{how}, finer decode", picture, False, frame.scale)
    # A turned copy has straight edges (its filled corners, or the frame it lies on) that
    # give the tilt: turn it back by exactly that (a 1° error costs PDQ 10-15 bits), then
    # cut the frame away.
    # Filled corners with no readable wedge are far more often padding (found above) than
    # a tilt with dark edges all round: guess a tilt only when no frame was found.
    framed = (
        bool(views)
        and settings.deborder
        and any(view.how.startswith("de-bordered") for view in views)
    )
    tilts = (
        tilt_candidates(luma, settings.max_tilt, guess=not framed, extent=work.extent, quiet=quiet)
        if settings.max_tilt > 0
        else []
    )
    centre = turn_centre(luma.shape, work.extent)
    for rank, tilt in enumerate(tilts):
        turned = rotate(luma, -tilt, centre)
        name = _turn_name(tilt)
        kept = rotated_area(luma.shape, -tilt, centre)
        # What survived both turns: the corners lost to the first are painted in from the
        # picture around them, which PDQ's coarse picture of the original is closer to than
        # a flat or a blurred fill.
        survived = kept & _turn_mask(rotated_area(luma.shape, tilt, centre), -tilt, centre)
        add(name, _paint_lost_corners(turned, survived), False)
        if abs(tilt) >= EDGES_CONTINUED_TILT:
            add(f"{name}, edges continued", _continue_edges(turned, survived), False)
        if settings.deborder and rank == 0:
            for how, box in content_boxes(turned, kept):
                add(f"{name}, {how}", _cut(turned, box), False)
        if painted is not None and rank == 0:
            # Lettering written level on a turned copy: painted out first (where it was
            # found, level), then the copy turned back and its frame cut away.
            clean = rotate(painted, -tilt, centre)
            add(f"{name}, overlay painted out", _paint_lost_corners(clean, survived), False)
            if settings.deborder:
                for how, box in content_boxes(clean, kept):
                    add(f"{name}, overlay painted out, {how}", _cut(clean, box), False)
    if settings.exhaustive:
        steps = range(2, int(settings.max_tilt) + 1, 2)
        for angle in (float(sign * a) for a in steps for sign in (-1, 1)):
            add(_turn_name(angle), rotate(luma, -angle, centre), False)
    return views


FINER_TEXT_SHARE = 0.03
"""Lettering covering at least this share of the picture is painted out again at a finer
decode: the photo pixels its mask takes next to the strokes cost in proportion to its
area; a caption's (under 2% of the picture) cost few bits at the reduced decode."""


def _finer_text(finer: FinerCuts) -> tuple[LumaFrame, Overlay] | None:
    """Lettering found again at a 2x finer decode, when the reduced one found some.

    At the reduced decode a meme outline is a pixel wide, and every pixel of photo the mask
    takes next to it costs a 4x4 block of the original; measured with the true text mask
    on 1024-px photos, growing it by one pixel drops the copies within PDQ's distance from
    95% to 76% at the reduced decode and only to 92% at the finer one. Neither decode's mask
    is always the closer, so both are painted out and hashed (only for pictures with
    lettering found). None when there is no finer decode or no lettering found in it.
    """
    fine = finer.whole()
    if fine is None:
        return None
    text = find_overlays(fine.luma, None, max(1, finer.scale // fine.scale))
    return None if text is None else (fine, text)


class FinerCuts:
    """The found pictures, each cut from the finer decode when it is small there.

    A 9:16 story or a screenshot is decoded so that the canvas keeps 128 px on its short
    side, and the photo inside it then has 80-100: too few for PDQ's filter to see what the
    full-size reference saw. Such a picture is cut again from a decode 2x (up to
    MAX_FINER) finer, its edges found again there: the box is scaled, each edge moved to
    the line where the picture starts (`_refine`) when that is within a work pixel, and,
    on a flat frame, read to a fraction of a pixel (`exact_box`). The finer decode is made
    once per picture, only when needed, and so is its mask of pixels off each frame colour
    (the detectors' boxes on one frame share it: a screenshot has eight or more).
    """

    def __init__(self, work: WorkImage) -> None:
        self._work = work
        self._frame: LumaFrame | None = None
        self._tried = False
        self._off_colour: dict[float, npt.NDArray[np.bool_]] = {}

    def cut(
        self, box: Box, colour: float | None, *, may_decode: bool = True
    ) -> tuple[npt.NDArray[np.float32], int]:
        """The picture inside `box` (work pixels) and the scale it is at.

        Only `may_decode` boxes (the detectors' best) make the finer decode; the others use
        it when it was made. A small second guess beside a large best box is most often a
        flat part of the photo (a sky taken for a fill), not worth a decode.
        """
        work = self._work
        short = min(box[1] - box[0], box[3] - box[2])
        fine = None
        if short < SMALL_PICTURE and (may_decode or self._tried):
            fine = self._finer(short)
        if fine is None:
            luma = work.luma
            cut = (
                _cut(luma, box)
                if colour is None
                else _cut_exact(luma, exact_box(luma, box, colour))
            )
            return cut, work.scale
        ratio = work.scale / fine.scale
        luma = fine.luma
        height, width = luma.shape
        scaled = (
            min(height, round(box[0] * ratio)),
            min(height, round(box[1] * ratio)),
            min(width, round(box[2] * ratio)),
            min(width, round(box[3] * ratio)),
        )
        if colour is None:
            return _cut(luma, scaled), fine.scale
        # The box is right to a work pixel, and some boxes lie off the frame's edge on
        # purpose (centred, grown to the canvas): an edge only moves within a work pixel.
        off = self._off_colour.get(colour)
        if off is None:
            off = self._off_colour[colour] = np.abs(luma - colour) > BACKGROUND_TOLERANCE
        refined = _refine(off, scaled)
        reach = ratio + 0.5
        top, bottom, left, right = (
            new if abs(new - old) <= reach else old
            for new, old in zip(refined, scaled, strict=True)
        )
        kept = (top, bottom, left, right)
        return _cut_exact(luma, exact_box(luma, kept, colour)), fine.scale

    @property
    def scale(self) -> int:
        """Full-resolution pixels per pixel of the reduced decode."""
        return self._work.scale

    def whole(self) -> LumaFrame | None:
        """The whole picture decoded 2x finer (or the finer decode a cut already made), or
        None when it cannot be (already full size, no decoder)."""
        if not self._tried:
            self._tried = True
            work = self._work
            if work.finer is not None and work.scale > 1:
                frame = work.finer(max(1, work.scale // 2))
                if frame is not None and frame.scale < work.scale:
                    self._frame = frame
        return self._frame

    def _finer(self, short: int) -> LumaFrame | None:
        work = self._work
        if not self._tried:
            self._tried = True
            ratio = 2
            while short * ratio < SMALL_PICTURE and ratio < MAX_FINER:
                ratio *= 2
            if work.finer is not None and work.scale > 1:
                frame = work.finer(max(1, work.scale // ratio))
                if frame is not None and frame.scale < work.scale:
                    self._frame = frame
        return self._frame


def tilt_candidates(
    luma: npt.NDArray[np.float32],
    max_tilt: float,
    *,
    guess: bool = True,
    extent: tuple[float, float] | None = None,
    quiet: bool | None = None,
) -> list[float]:
    """The tilts worth turning back, best first (at most two).

    A copy turned on its own canvas has filled corners whose wedges give the tilt even when
    most of the photo's edges are dark (jaga.robust.corners); a copy turned on a larger
    frame has no such wedges but straight edges against the frame (`frame_tilts`). A
    confident corner read is the tilt, read to a few hundredths of a degree from all four
    wedges: the frame read then only finds the same tilt or a line of the photo (on 360
    turned bench copies it never found a match the corner read missed), so it is skipped.
    Otherwise the frame read decides, and the corner read's best fit is the only guess
    when nothing else is found (and `guess` allows: not when the picture has a frame).
    """
    corners = corner_tilt(luma, max_tilt, extent)
    if corners is not None and corners.confident:
        return [corners.degrees]
    found: list[float] = []
    # A picture lying turned on a frame has frame all along some side's outer lines; with
    # neither that nor fill-coloured corners there is no straight edge against a frame.
    if quiet is None:
        quiet = has_quiet_side(luma)
    lines = frame_tilts(luma) if corners is not None or quiet else []
    for tilt in lines:
        if abs(tilt) <= max_tilt + 0.5 and all(abs(tilt - t) > 0.3 for t in found):
            found.append(tilt)
    # Filled corners but edges too dark to be sure: the wedges' best fit is still the best
    # guess there is (one view, where an exhaustive 2° search would cost eight).
    if guess and corners is not None and not corners.confident and not found:
        found.append(corners.degrees)
    return found[:2]


OVERLAY_WINDOW = 5
"""Median window (work pixels) of the overlay view: wipes strokes up to 2 pixels wide, such
as caption and meme lettering, while PDQ's 64x64 picture of the photo barely moves."""


def _median(luma: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """A separable median of 5 (rows, then columns), by a min/max network: a 2D rank filter
    costs about 30 ms on these sizes, this well under one."""
    return _median5(_median5(luma, 1), 0)


def _median5(values: npt.NDArray[np.float32], axis: int) -> npt.NDArray[np.float32]:
    padded = np.pad(values, [(2, 2) if a == axis else (0, 0) for a in range(2)], mode="edge")
    length = values.shape[axis]
    a, b, c, d, e = (np.take(padded, range(k, k + length), axis=axis) for k in range(5))
    low = np.maximum(np.minimum(a, b), np.minimum(c, d))
    high = np.minimum(np.maximum(a, b), np.maximum(c, d))
    # median(e, low, high) is the median of the five
    return np.maximum(np.minimum(e, low), np.minimum(np.maximum(e, low), high))


def _turn_name(angle: float) -> str:
    return f"rotated back {abs(angle):g}° {'clockwise' if angle > 0 else 'counter-clockwise'}"


MIN_TILT = 0.5
"""Tilts under this are left to PDQ itself, which absorbs about 1°."""


def frame_tilt(luma: npt.NDArray[np.float32]) -> float | None:
    """The best-backed tilt of `frame_tilts`, or None."""
    tilts = frame_tilts(luma)
    return tilts[0] if tilts else None


def frame_tilts(luma: npt.NDArray[np.float32]) -> list[float]:
    """The tilt of a picture lying turned on a uniform frame, from its straight edges.

    From each side of the canvas, the first pixel that is not frame colour lies on the
    picture's edge; over the middle of that side those points fit a line to about a pixel
    when the picture is a turned rectangle, and the line's slope is the tilt. A photo's own
    content is rarely that straight, and sides that do not fit are ignored. Degrees,
    counter-clockwise positive (as PIL's `rotate`); empty when no side gives one.
    """
    ring = np.concatenate((luma[0], luma[-1], luma[:, 0], luma[:, -1]))
    found: list[float] = []
    luma = np.ascontiguousarray(luma, dtype=np.float32)
    for background in _ring_colours(ring, 0.25):
        found += [a for a in _edge_tilts(luma, background) if np.isfinite(a)]
    return frame_tilts_from(found)


def frame_tilts_from(found: list[float]) -> list[float]:
    """Tilts the sides gave, grouped (within 0.5°) and averaged, the best-backed first.

    Sides that disagree are most often a photo's own straight line against the true edge;
    which is which cannot be told here, so the two best-backed tilts are both kept.
    """
    groups = sorted(([b for b in found if abs(b - a) <= 0.5] for a in found), key=len, reverse=True)
    tilts: list[float] = []
    for group in groups:
        tilt = round(float(np.mean(group)), 1)
        if abs(tilt) >= MIN_TILT and all(abs(tilt - t) > 0.5 for t in tilts):
            tilts.append(tilt)
    return tilts[:2]


def _edge_tilts(luma: npt.NDArray[np.float32], background: float) -> list[float]:
    """The tilt each side of the canvas gives, where the picture's edge there is straight.

    The picture is what is off the frame colour (`background`). Over the middle 60% of
    each side, the depth of the first such pixel, read only to 0.45 of the way across (a
    compiled scan from the side, pixel_kernels.side_depths: the edge lies near the side,
    so most of the picture is never read).
    """
    found: list[float] = []
    height, width = luma.shape
    # Top and bottom read down the columns (as rows of the picture: sign -1); left and
    # right read along the rows (as rows of the transposed picture: sign +1).
    sides = (
        (0, 1.0, -1.0, height, width),
        (1, -1.0, -1.0, height, width),
        (2, 1.0, 1.0, width, height),
        (3, -1.0, 1.0, width, height),
    )
    for side, direction, sign, rows, columns in sides:
        start, stop = round(columns * 0.2), round(columns * 0.8)
        # Only depths under 0.45 of the side count: the lines below are not read.
        limit = math.ceil(0.45 * rows)
        # The lines whose edge lies within the read (depth over 0, under 0.45 of the side).
        xs, depths = pixel_kernels.side_points(
            luma, background, BACKGROUND_TOLERANCE, side, start, stop, limit, 0.45 * rows
        )
        if xs.size < 0.4 * (stop - start) or xs.size < 8:
            continue
        slope, offset = _line_fit(xs, depths)
        if _median_of(np.abs(depths - (slope * xs + offset))) > 1.0:
            continue
        found.append(sign * direction * float(np.degrees(np.arctan(slope))))
    return found


def _line_fit(xs: npt.NDArray[np.intp], ys: npt.NDArray[np.float64]) -> tuple[float, float]:
    """Least-squares line y = slope * x + offset, in closed form (what np.polyfit(xs, ys, 1)
    gives, to rounding, at a third of the time)."""
    x = xs.astype(np.float64)
    x_mean, y_mean = float(x.mean()), float(ys.mean())
    dx = x - x_mean
    slope = float(dx @ (ys - y_mean)) / float(dx @ dx)
    return slope, y_mean - slope * x_mean


def _median_of(values: npt.NDArray[np.float32] | npt.NDArray[np.float64]) -> float:
    """np.median of a 1-D array, by one partition (np.median's own checks cost more than
    the partition on arrays of a few hundred)."""
    count = values.size
    half = count // 2
    if count % 2:
        return float(np.partition(values, half)[half])
    low, high = np.partition(values, (half - 1, half))[half - 1 : half + 1]
    return float((low + high) / 2)


def hash_luma(
    picture: npt.NDArray[np.float32], scale: int = 1, *, dihedral: bool = False
) -> PdqHash:
    """PDQ of a luma array whose pixels each stand for `scale` x `scale` full-size pixels."""
    height, width = picture.shape
    frame = LumaFrame(
        0, np.ascontiguousarray(picture, np.float32), height * scale, width * scale, scale
    )
    return hash_frame(frame, dihedral=dihedral)


Box = tuple[int, int, int, int]  # top, bottom, left, right (exclusive ends)


def content_boxes(
    luma: npt.NDArray[np.float32], valid: npt.NDArray[np.bool_] | None = None
) -> list[tuple[str, Box]]:
    """Where the photo is, by each frame detector that finds one worth cutting out.

    `valid` marks pixels that came from the image (False where a rotation filled corners):
    they count as frame, whatever their value. One pixel of error costs PDQ 6-10 bits at
    these sizes, so every box is refined to the line where the picture starts.
    """
    return [(how, box) for how, box, _colour in framed_boxes(luma, valid)]


def framed_boxes(
    luma: npt.NDArray[np.float32],
    valid: npt.NDArray[np.bool_] | None = None,
    *,
    quiet: bool | None = None,
) -> list[tuple[str, Box, float | None]]:
    """`content_boxes`, each with the frame's colour when the frame is one flat colour
    (padding, an app's canvas): then its edges can be read to a fraction of a pixel."""
    found: list[tuple[str, Box, float | None]] = []
    if valid is None and not (has_quiet_side(luma) if quiet is None else quiet):
        return found
    detail = _detail_mask(luma)
    if valid is not None:
        detail &= _shrink(valid)
    background = _frame_colour(luma, valid)
    if background is not None:
        coloured = np.abs(luma - background) > BACKGROUND_TOLERANCE
        if valid is not None:
            coloured &= valid
        # A photo's own patches of the frame colour have texture: they are picture too.
        box = _uniform_frame(coloured, detail) or _solid_block(coloured | detail)
        if box is not None:
            box = _refine(coloured, box)
            boxes = _with_centred("de-bordered", box, luma.shape, wider=valid is not None)
            boxes += _matched_margins("de-bordered", box, luma.shape)
            if valid is None:  # a turned copy's frame is the turn's, not an app's
                boxes += _spanning("de-bordered", box, luma.shape)
            found += [(h, b, background) for h, b in boxes]
            if valid is None:
                # A dark photo on a dark app canvas (or a light one on white) has edges
                # within the frame tolerance of the canvas and is cut too short; an app's
                # canvas is one exact colour, so grow the box through every line that is
                # not exactly canvas.
                grown = _grow_to_canvas(luma, background, box)
                if max(abs(a - b) for a, b in zip(grown, box, strict=True)) > 2:
                    found.append(("de-bordered (to the canvas)", grown, background))
    box = _solid_block(detail)
    if box is not None:
        # The detail mask reaches past the picture: the forward step of the line before
        # the top/left edge belongs to that line, and the 3x3 mean spreads every step by
        # one more line (2 lines out at the top/left, 1 at the bottom/right).
        top, bottom, left, right = _refine(detail, box)
        box = (top + 2, bottom - 1, left + 2, right - 1)
        for how, candidate in _with_centred("de-bordered (flat fill)", box, luma.shape):
            if all(candidate != other for _, other, _c in found):
                found.append((how, candidate, None))
    if valid is None:
        for box in centred_pictures(luma):
            name = "de-bordered (centred on a fill)"
            # The fill may meet the picture's own bars (a blurred copy of a frame with
            # black bars is dark where they are): its box then lacks them, on one axis.
            extra = _matched_margins(name, box, luma.shape) + _spanning(name, box, luma.shape)
            for how, candidate in [(name, box), *extra]:
                if all(candidate != other for _, other, _c in found):
                    found.append((how, candidate, None))
    return found


FBox = tuple[float, float, float, float]  # a box with edges at fractions of a pixel

EDGE_CONTRAST = 24.0
"""Levels between the frame colour and the photo's pixel just inside for that pixel to say
how much of the edge pixel is photo (below, JPEG's noise is too large a share)."""


def exact_box(luma: npt.NDArray[np.float32], box: Box, background: float) -> FBox:
    """`box` with each edge that lies on a flat frame moved to where the photo really ends.

    At the reduced size a photo's edge rarely falls on a pixel boundary (a 470 px photo in
    a screenshot reduced 4x ends a quarter of the way into a pixel): the edge pixels mix
    photo and frame, and a whole-pixel box is up to a pixel off, which costs PDQ 6-10 bits.
    The mix says where the edge is: a line's share of photo is how far its pixels are from
    the frame colour, relative to the photo just inside it (median over the line).
    """
    top, bottom, left, right = box
    height, width = luma.shape
    if 0 <= top <= bottom <= height and 0 <= left <= right <= width:
        # In one compiled pass (frame_kernels.exact_box: `_exact_edge`'s arithmetic).
        edges: FBox = frame_kernels.exact_box(
            luma, top, bottom, left, right, background, EDGE_CONTRAST
        )
        return edges
    across = luma[:, left:right]
    down = luma[top:bottom, :].T
    return (
        _exact_edge(across, top, background, inward=1),
        _exact_edge(across, bottom, background, inward=-1),
        _exact_edge(down, left, background, inward=1),
        _exact_edge(down, right, background, inward=-1),
    )


def _exact_edge(lines: npt.NDArray[np.float32], edge: int, background: float, inward: int) -> float:
    """The fractional position of one edge of the picture in `lines` (rows along it).

    `edge` is the first picture line (inward = 1, a top or left edge) or one past the last
    (inward = -1). The edge line and the one outside it may each hold part of the photo;
    the line beyond them inside is the reference for "all photo".
    """
    count = lines.shape[0]
    if inward > 0:
        mixed, reference, whole = (edge, edge - 1), edge + 1, edge + 1
    else:
        mixed, reference, whole = (edge - 1, edge), edge - 2, edge - 1
    # An edge on the canvas's own border has no frame beyond it.
    if not (0 < edge < count) or not 0 <= reference < count:
        return float(edge)
    contrast = lines[reference] - background
    usable = np.abs(contrast) >= EDGE_CONTRAST
    if int(np.count_nonzero(usable)) < max(4, lines.shape[1] // 8):
        return float(edge)
    share = sum(
        _median_of(np.clip((lines[m][usable] - background) / contrast[usable], 0.0, 1.0))
        for m in mixed
        if 0 <= m < count
    )
    exact = whole - inward * share
    return exact if abs(exact - edge) <= 1.5 else float(edge)


def _cut_exact(luma: npt.NDArray[np.float32], box: FBox) -> npt.NDArray[np.float32]:
    """The picture inside a fractional box, resampled (bilinear) at the same pixel size."""
    top, bottom, left, right = box
    rows, columns = max(1, round(bottom - top)), max(1, round(right - left))
    step_y, step_x = (bottom - top) / rows, (right - left) / columns
    # Output pixel (i, j) reads the input at its centre; OpenCV's pixel centres are at
    # whole coordinates, so the input position is the box corner + (index + 0.5) * step - 0.5.
    matrix = np.array(
        [[step_x, 0.0, left + 0.5 * step_x - 0.5], [0.0, step_y, top + 0.5 * step_y - 0.5]],
        dtype=np.float64,
    )
    cut = cv2.warpAffine(
        np.ascontiguousarray(luma, dtype=np.float32),
        matrix,
        (columns, rows),
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_REPLICATE,
    )
    return np.asarray(cut, dtype=np.float32)


QUIET_BAND = 3
"""Outermost lines of each side read by `has_quiet_side`: thinner than any frame worth
cutting (MIN_TRIM of 128 px or more is at least 3 lines)."""

QUIET_SHARE = 0.5
"""A side is quiet when at most this share of its outer band has detail: a frame (flat
colour, a blurred fill, an app's canvas and bars) has almost none, and a side only partly
framed (a picture spanning the width of a 9:16 canvas) still has more than half."""


def has_quiet_side(luma: npt.NDArray[np.float32]) -> bool:
    """Whether some side's outermost lines are mostly without detail.

    Every frame the detectors cut away (uniform padding, a blurred or gradient fill, a
    screenshot's canvas) covers the outermost lines of at least one side with pixels of no
    detail; a photo running to the edge has texture there on all four. Reading four thin
    bands costs a few hundredths of a millisecond and spares most pictures the frame
    detectors (about a quarter of the views' time).
    """
    return any(quiet_sides(luma))


def quiet_sides(luma: npt.NDArray[np.float32]) -> tuple[bool, bool, bool, bool]:
    """For the top, bottom, left and right side: are its outermost lines mostly without
    detail (`has_quiet_side`)? All four on a picture too small to read bands from."""
    band = QUIET_BAND + 2  # the detail of a line reads the next line and its 3x3 window
    if min(luma.shape) < 4 * band:
        return (True, True, True, True)
    # Each pair of opposite bands as one strip (the far one with its outer lines at the
    # end): two small detail masks instead of four; the lines where they meet are unread.
    # Each strip's detail (`_detail_mask`) and its outer lines' shares in one compiled pass.
    across = np.concatenate((luma[:band], luma[-band:]))
    down = np.concatenate((luma[:, :band].T, luma[:, -band:].T))
    quiet: list[bool] = []
    for strip in (across, down):
        quiet += frame_kernels.strip_quiet(
            np.ascontiguousarray(strip, dtype=np.float32), QUIET_BAND, FLAT_GRADIENT, QUIET_SHARE
        )
    return (bool(quiet[0]), bool(quiet[1]), bool(quiet[2]), bool(quiet[3]))


FLAT_LINE_SHARE = 0.9
"""A side's outermost line is one flat colour when this share of it lies within
BACKGROUND_TOLERANCE of its median (a bar or an app's canvas; a sky's gradient and clouds
rarely are, over the whole side)."""


def may_be_framed(luma: npt.NDArray[np.float32], sides: tuple[bool, bool, bool, bool]) -> bool:
    """Whether the frame detectors can find anything: the frames they cut leave quiet sides
    in pairs or as flat bars, a photo's own sky leaves one quiet side of no flat colour.

    Padding (flat, blurred or gradient) is centred on the picture, so it lies along two
    opposite sides; a screenshot's canvas surrounds its photo; a 9:16 story's fill lies
    above and below. A frame on one side only (a caption bar, a cropped screenshot) is an
    app's flat colour. A quiet side that is neither, the usual case (a sky, a wall, a
    night: 40% of ordinary photos have one), is the photo running to its edge: the
    detectors would at best cut the photo's own flat area away, a view that matches
    nothing (and costs their time, a hash and often a finer decode).
    """
    top, bottom, left, right = sides
    if (top and bottom) or (left and right):
        return True
    lines = (luma[0], luma[-1], luma[:, 0], luma[:, -1])
    return any(
        quiet and _flat_share(line) >= FLAT_LINE_SHARE
        for quiet, line in zip(sides, lines, strict=True)
    )


def _flat_share(line: npt.NDArray[np.float32]) -> float:
    """Share of a line within BACKGROUND_TOLERANCE of its median."""
    return _share(np.abs(line - _median_of(line)) <= BACKGROUND_TOLERANCE)


EDGE_STEP = 8.0
"""Luma step across a line of pixels that counts as an edge there: a photo pasted on a fill
differs from it along its whole border, while a blurred fill has steps of a level or two."""

MIN_EDGE_LINE = 0.4
"""How much more of a line must be edge than the fill lines just outside it (shares of the
line): a pasted photo's border is a step almost all along, a photo's own horizon is a step
on one side only, its partner line at the mirrored place is not."""


def centred_pictures(luma: npt.NDArray[np.float32]) -> list[Box]:
    """Boxes of a picture pasted in the middle of a canvas on a fill of little detail.

    Apps centre a picture on its fill (a blurred enlarged copy of itself, a gradient), so
    its border lies on lines at mirrored places, m from each end: the margin m is where both
    lines are steps and the lines just outside them (fill) are quiet. This does not ask the
    fill to have less detail than every part of the photo, only than its border: a photo
    with a smooth sky next to its border is found all the same. An axis without such a pair
    of lines is either spanned by the picture (fitted into a taller canvas) or padded by the
    same share as the other axis with a border too faint to see: both boxes are given.
    """
    height, width = luma.shape
    # Steps across each line, over its middle 80% (corners may hold a UI's rounded edge).
    luma = np.ascontiguousarray(luma, dtype=np.float32)
    share, steps = pixel_kernels.row_edges(luma, round(width * 0.1), round(width * 0.9), EDGE_STEP)
    vertical = _mirrored_edges(share, steps.mean(axis=1), height)
    top, bottom = round(height * 0.1), round(height * 0.9)
    share, strength = pixel_kernels.column_edges(luma, top, bottom, EDGE_STEP)
    if width == 2:  # one line: NumPy's mean is then a pairwise sum, not running sums
        strength = np.abs(np.diff(luma[top:bottom], axis=1)).T.mean(axis=1)
    horizontal = _mirrored_edges(share, strength, width)
    if vertical is None and horizontal is None:
        return []
    boxes: list[Box] = []
    if vertical is not None and horizontal is not None:
        boxes.append((*vertical, *horizontal))
    elif vertical is not None:
        share = vertical[0] / height
        margin = round(share * width)
        boxes += [(*vertical, 0, width), (*vertical, margin, width - margin)]
    elif horizontal is not None:
        share = horizontal[0] / width
        margin = round(share * height)
        boxes += [(0, height, *horizontal), (margin, height - margin, *horizontal)]
    return [
        box
        for box in boxes
        if _worth_cutting(box, height, width)
        and box[1] - box[0] >= MIN_CONTENT * height
        and box[3] - box[2] >= MIN_CONTENT * width
    ]


def _mirrored_edges(
    share: npt.NDArray[np.float64], strength: npt.NDArray[np.float32], length: int
) -> tuple[int, int] | None:
    """[start, end) of a picture with edge lines about m from each end and quiet fill
    lines outside them.

    Per step line i (the step between lines i and i + 1): `share` of its steps above
    EDGE_STEP and `strength`, their mean. An edge where the picture starts at line m is
    step line m - 1, and where it ends (last line length - m - 1) is step line
    length - m - 1. One edge must be a step almost all along (MIN_EDGE_LINE); its partner
    may be faint (a dark photo on a darkened fill), as long as it still stands out of the
    quiet fill beyond it (QUIET_FILL), 2-4 lines out (JPEG rings over the first). The two
    edges may land a line apart when the margins differ by one pixel. The search runs in
    a compiled loop (`pixel_kernels.mirrored_margin`): the margin-by-margin NumPy arrays
    cost ten times the comparisons.
    """
    low = max(5, round(length * MIN_TRIM))  # 4 fill lines beyond the end edge
    high = min(round(length * (1 - MIN_CONTENT) / 2), (length - 6) // 2)
    if high <= low:
        return None
    # The fill lies outside everything: the outermost pair is the picture's border, pairs
    # further in are its own lines (a flat sky band's edge and its mirror).
    margin = pixel_kernels.mirrored_margin(
        share, strength, low, high, length, MIN_EDGE_LINE, MIN_EDGE_STRENGTH, QUIET_FILL
    )
    if margin < 0:
        return None
    # Each edge on its own strongest line (a pixel off costs PDQ 6-10 bits).
    start, end = margin - 1, length - margin - 1
    first = start - 1 + int(np.argmax(strength[start - 1 : start + 2])) + 1
    last = end - 1 + int(np.argmax(strength[end - 1 : end + 2]))
    return first, last + 1


MIN_EDGE_STRENGTH = 2.0
"""Mean luma step along a faint edge line: above JPEG's noise on a smooth fill (under 1)."""

QUIET_FILL = 2.0
"""An edge line's mean step is at least this many times that of the fill lines outside it:
a blurred fill changes by a fraction of a level per pixel, a photo's own area does not."""


def _with_centred(
    how: str, box: Box, shape: tuple[int, ...], *, wider: bool = False
) -> list[tuple[str, Box]]:
    """The box, and when its margins differ, boxes centred on each axis and on both.

    Apps centre the picture they pad (most always across, a screenshot's photo not always
    down): a wider margin on one side is then most often the photo's own flat or dark edge
    taken for frame, and the narrower margin is the frame's. Each axis is centred alone
    too, since a screenshot's photo sits centred across but anywhere down.

    `wider` (turned copies): also the box centred down on its *wider* margin. A caption
    written on the padding of a turned copy, turned back with it, lies in the frame beside
    the photo and is taken for picture, so the margin on its side comes out narrower than
    the frame's; which of the two happened cannot be told from the box, so both are tried.
    """
    height, width = shape[:2]
    top, bottom, left, right = box
    vertical = min(top, height - bottom)
    horizontal = min(left, width - right)
    down = (vertical, height - vertical, left, right)
    across = (top, bottom, horizontal, width - horizontal)
    both = (vertical, height - vertical, horizontal, width - horizontal)
    candidates = [("centred", both), ("centred across", across), ("centred down", down)]
    if wider:
        widest = max(top, height - bottom)
        if height - 2 * widest >= MIN_CONTENT * height:
            candidates.append(
                ("centred on the wider margin", (widest, height - widest, left, right))
            )
    found = [(how, box)]
    for name, centred in candidates:
        if (
            max(abs(a - b) for a, b in zip(centred, box, strict=True)) > 2
            and all(centred != other for _, other in found)
            and _worth_cutting(centred, height, width)
        ):
            found.append((f"{how}, {name}", centred))
    return found


def _matched_margins(how: str, box: Box, shape: tuple[int, ...]) -> list[tuple[str, Box]]:
    """For a centred box whose margins are a larger share of one axis than of the other,
    the boxes with that axis's margins matched to the other's: same share (padding by a
    share of the picture's size, as "pad p%" tools do) and same width (a border of so many
    pixels). A photo's dark edge on a black frame (a light one on white) reads as frame and
    widens the margins of its axis only; the axis with the narrower margins is the frame.
    """
    height, width = shape[:2]
    top, bottom, left, right = box
    vertical, horizontal = min(top, height - bottom), min(left, width - right)
    if min(vertical, horizontal) < MIN_TRIM * min(height, width):
        return []  # the picture spans one axis: nothing to match
    # Padding is centred: the narrower margins (the frame's) to 2 px; the wider ones hold
    # the photo's own dark edge (or bars) too, which need not be even to the pixel.
    narrow, wide = ((top, height - bottom), (left, width - right))[
        :: 1 if vertical / height <= horizontal / width else -1
    ]
    if not (_centred(*narrow, slack=0.0) and _centred(*wide, slack=CENTRED_SLACK)):
        return []  # not centred: a screenshot's or a collage's frame, not padding
    found: list[tuple[str, Box]] = []
    if vertical / height > horizontal / width:
        margins = (round(horizontal / width * height), horizontal)
        boxes = [(m, height - m, left, right) for m in margins]
    else:
        margins = (round(vertical / height * width), vertical)
        boxes = [(top, bottom, m, width - m) for m in margins]
    for name, candidate in zip(("same share", "same width"), boxes, strict=True):
        if max(abs(a - b) for a, b in zip(candidate, box, strict=True)) > 2 and all(
            candidate != other for _, other in found
        ):
            found.append((f"{how}, margins of {name}", candidate))
    return found


CENTRED_SLACK = 0.1
"""Share of a margin by which the two margins of an axis may differ and still be centred
(at least 2 px): a photo's own dark edge or a frame's own bars read as margin are even
to a few pixels only."""


def _centred(before: int, after: int, *, slack: float) -> bool:
    """Whether two opposite margins are equal within 2 px (or `slack` of the wider)."""
    return abs(before - after) <= max(2.0, slack * max(before, after))


FITTED_CANVASES = (9 / 16, 16 / 9, 1.0, 4 / 5)
"""Width-to-height shapes of the canvases apps fit a picture into (stories, reels, video
players, square and portrait feed posts). A copy padded by a share of its own size keeps
its own shape, which is rarely one of these exactly."""

FITTED_SLACK = 0.015
"""Relative difference from a fitted shape still read as that shape (pixel rounding)."""


def _spanning(how: str, box: Box, shape: tuple[int, ...]) -> list[tuple[str, Box]]:
    """On a canvas of a fitted shape, the box widened to the whole canvas on each axis on
    which its margins are centred.

    An original may have its own border: a video frame's black bars, a scan's margin. A
    copy fitted into a fixed-shape canvas (a 9:16 story, a 16:9 player) keeps those bars,
    but when they have the padding's colour the frame detectors cut both, and the cut-out
    is no longer the listed original (which includes its bars). A fitted picture spans the
    canvas on one axis, and bars are even (centred); which axis is not known (the bars may
    be a larger or smaller share than the padding), so each is tried. Only on canvases of
    a fitted shape: elsewhere these two guesses would cost every padded copy two hashes.
    """
    height, width = shape[:2]
    top, bottom, left, right = box
    aspect = width / height
    if not any(abs(aspect / fitted - 1.0) <= FITTED_SLACK for fitted in FITTED_CANVASES):
        return []
    if min(top, height - bottom) < MIN_TRIM * height or min(left, width - right) < MIN_TRIM * width:
        return []
    found: list[tuple[str, Box]] = []
    if _centred(left, width - right, slack=CENTRED_SLACK):
        found.append((f"{how}, spanning across", (top, bottom, 0, width)))
    if _centred(top, height - bottom, slack=CENTRED_SLACK):
        found.append((f"{how}, spanning down", (0, height, left, right)))
    return found


CANVAS_TOLERANCE = 4.0
"""Luma levels within which a pixel is exactly an app canvas's colour: a flat UI colour
through JPEG at quality 90 and a reduced decode stays within 1-2; a dark photo area is
rarely that even over a quarter of a line."""

CANVAS_LINE = 0.25
"""Share of a line (across the box) off the canvas colour for the line to be picture."""


def _grow_to_canvas(luma: npt.NDArray[np.float32], background: float, box: Box) -> Box:
    """`box` grown, side by side, through the lines that are not exactly canvas colour."""
    height, width = luma.shape
    off = np.abs(luma - background) > CANVAS_TOLERANCE
    top, bottom, left, right = box
    rows = _line_shares(off[:, left:right], 1) > CANVAS_LINE
    while top > 0 and rows[top - 1]:
        top -= 1
    while bottom < height and rows[bottom]:
        bottom += 1
    columns = _line_shares(off[top:bottom], 0) > CANVAS_LINE
    while left > 0 and columns[left - 1]:
        left -= 1
    while right < width and columns[right]:
        right += 1
    return (top, bottom, left, right)


def _uniform_frame(picture: npt.NDArray[np.bool_], detail: npt.NDArray[np.bool_]) -> Box | None:
    """Plain padding: from each side, the lines that hold (almost) no picture at all."""
    height, width = picture.shape
    if height and width:
        # In one compiled pass (frame_kernels.uniform_frame: the same counts and tests).
        found = frame_kernels.uniform_frame(picture, detail, MIN_CONTENT, MIN_TRIM)
        return None if found[0] < 0 else found
    return _uniform_frame_numpy(picture, detail)


def _uniform_frame_numpy(
    picture: npt.NDArray[np.bool_], detail: npt.NDArray[np.bool_]
) -> Box | None:
    """`_uniform_frame` in NumPy."""
    height, width = picture.shape
    # JPEG rings into the frame near the picture: a frame line may hold a few such pixels.
    rows = _line_shares(picture, 1) > 0.25
    columns = _line_shares(picture, 0) > 0.25
    if not rows.any() or not columns.any():
        return None
    top, bottom = int(np.argmax(rows)), height - int(np.argmax(rows[::-1]))
    left, right = int(np.argmax(columns)), width - int(np.argmax(columns[::-1]))
    if bottom - top < MIN_CONTENT * height or right - left < MIN_CONTENT * width:
        return None
    if not _worth_cutting((top, bottom, left, right), height, width):
        return None
    # Padding surrounds one picture: a line of bare frame between its edges means a canvas
    # with several things on it (a screenshot), which the solid-block search handles.
    if not (_line_shares(picture[top:bottom], 1) > 0.02).all():
        return None
    if not (_line_shares(picture[:, left:right], 0) > 0.02).all():
        return None
    # Only a frame if the block inside is picture throughout (not a photo on a canvas).
    inner = (picture | detail)[top:bottom, left:right]
    return (top, bottom, left, right) if _share(inner) > 0.6 else None


def _refine(picture: npt.NDArray[np.bool_], box: Box) -> Box:
    """Move each edge of `box` to the outermost line that is at least half picture."""
    top, bottom, left, right = box
    height, width = picture.shape
    reach = max(3, max(height, width) // 48)
    if (
        0 <= top < bottom <= height
        and 0 <= left < right <= width
        and (top + reach < height and left + reach < width)
    ):
        # The usual box, in one compiled pass (frame_kernels.refine_box: the same shares
        # and comparisons as `_refined_edges`, which keeps the odd cases).
        new_top, new_bottom, new_left, new_right = frame_kernels.refine_box(
            picture, top, bottom, left, right, reach
        )
    else:
        new_top, new_bottom, new_left, new_right = _refined_edges(picture, box, reach)
    if new_bottom - new_top < MIN_CONTENT * height or new_right - new_left < MIN_CONTENT * width:
        return box
    return (new_top, new_bottom, new_left, new_right)


def _refined_edges(picture: npt.NDArray[np.bool_], box: Box, reach: int) -> Box:
    """`_refine`'s moved edges, before its size check, in NumPy."""
    top, bottom, left, right = box
    height, width = picture.shape

    def edge(lines: npt.NDArray[np.float32], start: int, step: int, inside: float) -> int:
        # lines[i]: picture share of line start + i*step (walking outward from inside); the
        # edge is the last line before the first that is under half the inside's share.
        below = np.flatnonzero(lines < 0.5 * inside)
        reached = int(below[0]) if below.size else lines.size
        return start + max(0, reached - 1) * step

    span_rows = picture[:, left + reach : max(left + reach + 1, right - reach)]
    span_columns = picture[top + reach : max(top + reach + 1, bottom - reach), :]
    row_share = _line_shares(span_rows, 1).astype(np.float32)
    column_share = _line_shares(span_columns, 0).astype(np.float32)
    rows_inside = _median_of(row_share[top:bottom])
    columns_inside = _median_of(column_share[left:right])
    # Walk outward from `reach` lines inside each edge, at most `2 * reach` lines.
    first_top = min(height - 1, top + reach)
    new_top = edge(
        row_share[max(0, first_top - 3 * reach) : first_top + 1][::-1], first_top, -1, rows_inside
    )
    first_bottom = max(0, bottom - 1 - reach)
    new_bottom = 1 + edge(
        row_share[first_bottom : first_bottom + 3 * reach + 1], first_bottom, 1, rows_inside
    )
    first_left = min(width - 1, left + reach)
    new_left = edge(
        column_share[max(0, first_left - 3 * reach) : first_left + 1][::-1],
        first_left,
        -1,
        columns_inside,
    )
    first_right = max(0, right - 1 - reach)
    new_right = 1 + edge(
        column_share[first_right : first_right + 3 * reach + 1], first_right, 1, columns_inside
    )
    return (new_top, new_bottom, new_left, new_right)


def _worth_cutting(box: Box, height: int, width: int) -> bool:
    top, bottom, left, right = box
    return max(top, height - bottom) > MIN_TRIM * height or (
        max(left, width - right) > MIN_TRIM * width
    )


Centre = tuple[float, float]  # x, y of a turn's centre, in pixel-centre coordinates


def turn_centre(shape: tuple[int, ...], extent: tuple[float, float] | None) -> Centre:
    """The middle of the picture: of its true extent when the last row and column stand for
    part of a pixel (the copy was turned about its own full-size middle)."""
    height, width = (float(shape[0]), float(shape[1])) if extent is None else extent
    return ((width - 1) / 2, (height - 1) / 2)


def rotate(
    luma: npt.NDArray[np.float32], angle: float, centre: Centre | None = None
) -> npt.NDArray[np.float32]:
    """Turn by `angle` degrees (counter-clockwise) on the same canvas. The corners are
    filled with the picture's mean, which moves PDQ less than black would."""
    return _warp(luma, angle, cv2.INTER_LINEAR, float(luma.mean()), centre)


def _turn_mask(
    mask: npt.NDArray[np.bool_], angle: float, centre: Centre | None = None
) -> npt.NDArray[np.bool_]:
    return _warp(mask.astype(np.float32), angle, cv2.INTER_NEAREST, 0.0, centre) > 0.5


def _warp(
    values: npt.NDArray[np.float32],
    angle: float,
    interpolation: int,
    fill: float,
    centre: Centre | None = None,
) -> npt.NDArray[np.float32]:
    """PIL's `Image.rotate` (same centre, same direction, same pixels to 1e-3 away from
    the seam) by OpenCV's affine warp, at a fifth of the time."""
    height, width = values.shape
    if centre is None:
        centre = turn_centre(values.shape, None)
    matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
    turned = cv2.warpAffine(
        np.ascontiguousarray(values, dtype=np.float32),
        matrix,
        (width, height),
        flags=interpolation,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=fill,
    )
    return np.asarray(turned, dtype=np.float32)


def _paint_lost_corners(
    luma: npt.NDArray[np.float32], known: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float32]:
    """Unknown pixels filled from the known ones by push-pull over a Gaussian pyramid.

    A turned copy lost its corners. PDQ keeps only the low frequencies of a 64x64 picture,
    so what fills them best is the smoothest continuation of the picture around them: each
    pyramid level averages the known pixels (weighted by how much of each is known), and
    going back up, what a level does not know is taken from the coarser level's estimate.
    Measured on the original photos with the corners a turn by 8° loses (no turn, so only
    the fill differs; 120 urban100 / 120 bsds500 photos, both turn directions): within 31
    bits of the reference for 87.9% / 98.3%, against 78.2% / 97.1% for cv2.inpaint (Telea)
    at half size, the previous fill, which continues edges into the corners that PDQ's
    coarse picture of the original does not have. About 0.1 ms at 256 px.
    """
    if known.all() or not known.any():
        return luma
    weight = known.astype(np.float32)
    values = [luma * weight]
    weights = [weight]
    while min(values[-1].shape) > 8:
        values.append(np.asarray(cv2.pyrDown(values[-1]), dtype=np.float32))
        weights.append(np.asarray(cv2.pyrDown(weights[-1]), dtype=np.float32))
    estimate = np.asarray(values[-1] / np.maximum(weights[-1], 1e-6), dtype=np.float32)
    for level_values, level_weights in zip(values[-2::-1], weights[-2::-1], strict=True):
        height, width = level_values.shape
        coarse = np.asarray(cv2.pyrUp(estimate, dstsize=(width, height)), dtype=np.float32)
        # share * own + (1 - share) * coarse, own = the level's weighted mean where known
        estimate = pixel_kernels.blend_level(level_values, level_weights, coarse)
    return np.where(known, luma, estimate).astype(np.float32)


EDGES_CONTINUED_TILT = 3.0
"""From this tilt on, the lost corners are also painted by continuing the picture's edges
into them (a second view): straight lines of buildings and streets do run on into them,
and where they do the smooth fill misses. The corners grow with the tilt (an 8° turn loses
about a tenth of the picture); under 3° either fill does."""


def _continue_edges(
    luma: npt.NDArray[np.float32], known: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float32]:
    """Unknown pixels painted by cv2.inpaint (Telea), which carries edges into them.

    With no turn (only the fill differing), the originals with the corners an 8° turn loses
    came within 31 bits for 84.5% (urban100) / 97.9% (bsds500) this way and 87.9% / 98.3%
    by push-pull; for 91.4% / 98.8% by one or the other: the two fail on different photos.
    """
    if known.all() or not known.any():
        return luma
    painted = cv2.inpaint(
        np.clip(luma + 0.5, 0, 255).astype(np.uint8),
        (~known).view(np.uint8),
        3,
        cv2.INPAINT_TELEA,
    )
    return np.where(known, luma, painted.astype(np.float32)).astype(np.float32)


def rotated_area(
    shape: tuple[int, ...], angle: float, centre: Centre | None = None
) -> npt.NDArray[np.bool_]:
    """Which pixels of a same-canvas turn by `angle` come from the picture (not the fill)."""
    return _warp(np.ones(shape[:2], np.float32), angle, cv2.INTER_NEAREST, 0.0, centre) > 0


def _cut(luma: npt.NDArray[np.float32], box: Box) -> npt.NDArray[np.float32]:
    top, bottom, left, right = box
    return luma[top:bottom, left:right]


def _frame_colour(
    luma: npt.NDArray[np.float32], valid: npt.NDArray[np.bool_] | None
) -> float | None:
    """The colour of a uniform frame, when the picture's outer ring mostly has one."""
    if valid is not None:
        # Outer ring of the real pixels: the first and last real pixel of each row/column.
        rows = np.flatnonzero(valid.any(axis=1))
        if rows.size == 0:
            return None
        first = np.argmax(valid[rows], axis=1)
        last = valid.shape[1] - 1 - np.argmax(valid[rows, ::-1], axis=1)
        ring = np.concatenate((luma[rows, first], luma[rows, last]))
    else:
        ring = np.concatenate((luma[0], luma[-1], luma[:, 0], luma[:, -1]))
    colours = _ring_colours(ring, 0.5)
    return colours[0] if colours else None


def _ring_colours(ring: npt.NDArray[np.float32], min_share: float) -> list[float]:
    """Colours that at least `min_share` of the ring pixels have (within the tolerance),
    most common first. A turned canvas has two: its frame and the corners' fill."""
    ring = np.ascontiguousarray(ring, dtype=np.float32)
    counts = pixel_kernels.level_bins(ring)  # 8-level bins, in one compiled pass
    # The bins follow the value, so each bin's pixels are one run of the sorted ring: its
    # median is read there (as np.median would compute it), not from a masked copy; the
    # three largest bins' medians and near shares in one compiled pass (peak_colours).
    peaks = np.ascontiguousarray(np.argsort(counts)[::-1][:3], dtype=np.int64)
    centres, shares = pixel_kernels.peak_colours(ring, counts, peaks, BACKGROUND_TOLERANCE)
    colours: list[float] = []
    for centre, near in zip(centres.tolist(), shares.tolist(), strict=True):
        if near >= min_share and all(abs(centre - c) > BACKGROUND_TOLERANCE for c in colours):
            colours.append(centre)
    return colours


def _share(mask: npt.NDArray[np.bool_]) -> float:
    """Share of set pixels: `count_nonzero` over the size, not `mean()`, which makes a float
    copy of the mask first (8x the time on these small masks)."""
    return int(np.count_nonzero(mask)) / int(mask.size)


def _line_counts(mask: npt.NDArray[np.bool_], axis: int) -> npt.NDArray[np.int64]:
    """Set pixels per line: `mask.sum(axis)` (axis 1: per row, 0: per column), by OpenCV's
    reduce over the mask's bytes, a fifth of NumPy's time on these small masks."""
    if mask.shape[0] == 0 or mask.shape[1] == 0:
        return np.asarray(mask.sum(axis=axis), dtype=np.int64)
    if mask.strides[1] != 1:
        mask = np.ascontiguousarray(mask)
    counts = cv2.reduce(mask.view(np.uint8), axis, cv2.REDUCE_SUM, dtype=cv2.CV_32S)
    return np.asarray(counts, dtype=np.int64).ravel()


def _line_shares(mask: npt.NDArray[np.bool_], axis: int) -> npt.NDArray[np.float64]:
    """Share of set pixels per line: `mask.mean(axis)`, the same float64 quotients (a bool
    mean is the exact count over the length)."""
    if mask.shape[axis] == 0:
        return np.asarray(mask.mean(axis=axis), dtype=np.float64)
    shares: npt.NDArray[np.float64] = _line_counts(mask, axis) / mask.shape[axis]
    return shares


def _detail_mask(luma: npt.NDArray[np.float32]) -> npt.NDArray[np.bool_]:
    """Pixels with local detail: mean absolute step to the right and below, over 3x3."""
    return _box_mean(pixel_steps(np.ascontiguousarray(luma, dtype=np.float32)), 1) > FLAT_GRADIENT


def _shrink(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Drop mask pixels next to its edge (a rotation's fill seam is an edge, not detail)."""
    # All 25 pixels of the 5x5 window set: the mean over it above 0.999.
    return _window_counts(mask, 2) >= 25


def _window_counts(mask: npt.NDArray[np.bool_], radius: int) -> npt.NDArray[np.uint16]:
    """Set pixels per (2r+1)^2 window, edges replicated: exact integers, the same windows
    as `_box_mean` (whose mean of a 0/1 mask is this count times 1/(2r+1)^2, rounded to
    float32), in about half its time (an 8-bit sum, no float mask)."""
    size = 2 * radius + 1
    counts = cv2.boxFilter(
        np.ascontiguousarray(mask).view(np.uint8),
        cv2.CV_16U,
        (size, size),
        normalize=False,
        borderType=cv2.BORDER_REPLICATE,
    )
    return np.asarray(counts, dtype=np.uint16)


def _box_mean(values: npt.NDArray[np.float32], radius: int) -> npt.NDArray[np.float32]:
    """Mean over a (2r+1)^2 window, edges replicated (OpenCV's box filter: a tenth of the
    time of a NumPy integral image, and exact where float32 cumulative sums were not)."""
    size = 2 * radius + 1
    blurred = cv2.blur(
        np.ascontiguousarray(values, dtype=np.float32),
        (size, size),
        borderType=cv2.BORDER_REPLICATE,
    )
    return np.asarray(blurred, dtype=np.float32)


def _solid_block(picture: npt.NDArray[np.bool_]) -> Box | None:
    """The main block of solid picture, or None when there is no frame worth removing.

    Solid = windows (about 3% of the long side) that are nearly all picture. Rows holding
    enough solid pixels form runs; the run with the most solid pixels is the photo, and its
    columns are found the same way inside it. Small gaps (a dark stripe in the photo) are
    bridged.
    """
    height, width = picture.shape
    radius = max(1, max(height, width) // 64)
    # A window's share (count / n, n = (2r+1)^2 odd) is never within float32 rounding of
    # SOLID_SHARE = 17/20 (the nearest share is 1/(20n) away), so comparing the exact count
    # decides as the float mean did; a count is above the float bound exactly when above its
    # floor (compared as integers: a float bound makes NumPy convert every count).
    size = 2 * radius + 1
    least = math.floor(SOLID_SHARE * size * size)
    if height and width:
        # The solid mask, its row and column counts and runs in one compiled pass.
        counts = np.ascontiguousarray(_window_counts(picture, radius))
        top, bottom, left, right = frame_kernels.solid_box(
            counts, least, _run_gap(height), _run_gap(width)
        )
        if top < 0 or bottom - top < MIN_CONTENT * height:
            return None
    else:
        solid = _window_counts(picture, radius) > least
        if not solid.any():
            return None
        top, bottom = _main_run(_line_counts(solid, 1), height)
        if bottom - top < MIN_CONTENT * height:
            return None
        left, right = _main_run(_line_counts(solid[top:bottom], 0), width)
    if right - left < MIN_CONTENT * width:
        return None
    box = (top, bottom, left, right)  # about `radius` inside the true edges; refined later
    return box if _worth_cutting(box, height, width) else None


def _main_run(profile: npt.NDArray[np.int64], length: int) -> tuple[int, int]:
    """[start, end) of the heaviest run of entries at or above a quarter of the maximum.

    Runs of strong entries are split where more than `gap` apart; the first heaviest wins
    (in one compiled pass, pixel_kernels.main_run: the NumPy run-splitting cost more than
    the profile it reads)."""
    start, end = pixel_kernels.main_run(
        np.ascontiguousarray(profile, dtype=np.int64), length, _run_gap(length)
    )
    return (int(start), int(end))


def _run_gap(length: int) -> int:
    """Lines of weak entries that `_main_run` bridges inside one run."""
    return max(2, length // 32)


REGION_KEEPS: tuple[float, ...] = (0.95, 0.9, 0.8)
"""Shares of each side kept by the list-side crops (Jaga-built lists only)."""

_REGION_PLACES: tuple[tuple[str, float, float], ...] = (
    ("centre", 0.5, 0.5),
    ("top-left", 0.0, 0.0),
    ("top-right", 0.0, 1.0),
    ("bottom-left", 1.0, 0.0),
    ("bottom-right", 1.0, 1.0),
)


def region_views(work: WorkImage, min_quality: int = 50) -> list[View]:
    """Crops of an original that Jaga hashes itself, stored beside its plain hash.

    A cropped copy lacks part of the original, and no query-side guess can put it back; but
    it looks like one of these crops (centred, or anchored at a corner), so a list that Jaga
    built from the originals can hold them. Named "crop n" in match reports.
    """
    luma = work.luma
    height, width = luma.shape
    regions: list[View] = []
    for keep in REGION_KEEPS:
        crop_height, crop_width = round(height * keep), round(width * keep)
        for place, vertical, horizontal in _REGION_PLACES:
            top = round((height - crop_height) * vertical)
            left = round((width - crop_width) * horizontal)
            picture = luma[top : top + crop_height, left : left + crop_width]
            pdq = hash_luma(picture, work.scale)
            if pdq.quality >= min_quality:
                regions.append(View(f"crop {round((1 - keep) * 100)}% ({place})", pdq))
    return regions
