"""Find synthetic overlays (meme text, logos, watermarks) on a picture, and paint them out.

A re-shared copy often carries something drawn on top of the photo: meme lettering (white
glyphs with a dark outline), a channel's logo or a watermark badge. PDQ keeps a 64x64 picture
of the whole image, and a bright caption band or a saturated badge moves enough of it to
lose the match. What was under the overlay is gone, but PDQ only needs the coarse shape of
the photo there, so filling the overlay from its surroundings (cv2.inpaint) brings the hash
back close to the original's.

Overlays are found by how they are made, not by where or in what font:

* **Outlined lettering.** Meme text and most stickers' text are strokes of one light colour
  ringed all round by a dark outline, so that they read on any photo. A light blob of a
  photo (a window, a cloud) borders many tones; a glyph borders almost only its outline.
  So: light connected blobs whose one-pixel ring is nearly all much darker than the blob.
  Several such glyphs (text has letters) make it text.
* **Flat graphics.** A logo or a badge is drawn with a few flat, usually saturated colours
  and sharp edges; even when drawn semi-transparent, the photo shows through only faintly.
  So: blobs of strong colour (where the decoder gives colour) with almost no texture
  inside, a clean border, a compact shape, not touching the picture's edge (a sky or a
  painted wall does), covering a small share of the picture. Holes inside (the badge's
  own text) and notches (where a semi-transparent badge fades) are filled: its convex hull.

Nothing found means no view: the caller pays for inpainting only when an overlay is there.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from jaga.robust.overlay_kernels import (
    at_least,
    blob_max,
    blob_rings,
    blob_stats,
    fill_known,
    graphic_rings,
    light_edges,
    stands_out,
)

GLYPH_CONTRAST = 90.0
"""Luma levels by which a glyph's outline is darker than the glyph: white on black is 255
levels at full size; thin strokes reduced 2-4x and JPEG-compressed keep well over a third."""

GLYPH_RING_DARK = 0.75
"""Share of a glyph's surrounding ring that must be outline-dark: lettering is outlined all
round; a light part of a photo borders mid tones somewhere."""

GLYPH_MIN_LIGHT = 150.0
"""Glyph fill is light (white or a pale colour), or an outline could not be darker enough."""

GLYPH_LEAK_LIGHT = 210.0
"""Second light level at which glyphs are looked for, inside light blobs too large to be
glyphs (see _leaked_glyphs); 0 for none."""

LEAK_MIN_SHARE = 0.005
"""A light blob at GLYPH_MIN_LIGHT is looked into at the further levels when it covers at
least this share of the picture: a light sky or wall that letters leaked into."""

GLYPH_FILL_SPREAD = 75.0
"""Levels under the glyphs' typical fill that still count as fill when painting a line out:
thin parts of letters (an E's arms) blend with the outline at reduced size, and a pixel of
them left at the edge of the mask is smeared over the filled area by the inpainting."""

MIN_GLYPHS = 4
"""Outlined blobs needed before they count as text (a word has letters)."""

MAX_GLYPH_SHARE = 0.02
"""A single glyph covers at most this share of the picture: bigger light blobs ringed by
dark are things in the photo (a lit window at night)."""

GRAPHIC_CHROMA = 40.0
"""Chroma strength (Cb/Cr distance from grey) of a drawn graphic's colour: logo blues, reds
and yellows are 60-110; skin, wood and most skies stay under 40."""

GRAPHIC_STEP = 35.0
"""How much stronger a graphic's colour is than the photo just around it (chroma levels): a
badge's flat blue or red (60-110) drawn over a photo (mostly under 30) steps by 40 or more,
even drawn at 80% opacity; a coloured thing in a photo fades into similar colours."""

RING_OUT = 4
"""Ring (pixels out from a blob) where the photo around a graphic is read: JPEG halves colour
resolution and blurs the step over a pixel or two."""

GRAPHIC_MIN_SHARE = 0.002
GRAPHIC_MAX_SHARE = 0.08
"""A badge or watermark covers between these shares of the picture: smaller is noise or a
detail, larger is part of the scene (a painted wall, a shirt)."""

CORNER_SHARE = 1 / 3
"""A graphic lies in a corner when its box is within this share of the width from a side
and of the height from the top or bottom (where logos and watermarks are put)."""

GRAPHIC_SOLIDITY = 0.55
"""Blob area over its bounding box: drawn shapes (rectangles, discs, rounded badges) are
compact; a saturated region of a photo (foliage, a flower bed) is ragged."""


@dataclass(frozen=True, slots=True)
class Overlay:
    """Where overlays were found (a mask at the picture's size) and of which kinds, with
    each kind's own mask (`parts`, in the order of `kinds`)."""

    mask: npt.NDArray[np.bool_]
    kinds: tuple[str, ...]
    parts: tuple[npt.NDArray[np.bool_], ...] = ()
    # The graphics that lie in a corner, when only some of the graphics found do.
    corner: npt.NDArray[np.bool_] | None = None
    # The text's cores, each smaller than the one before (see _two_tones): its mask without
    # the mid tones and outline-dark pixels beyond the outline, then also without the
    # fill-light pixels that do not touch the outline.
    text_cores: tuple[npt.NDArray[np.bool_], ...] = ()
    # The text's core again, with only the fill-tone blobs ringed by the outline taken for
    # letters' fill (see _ringed_fill), when that differs from the masks above.
    text_ringed: npt.NDArray[np.bool_] | None = None


def find_overlays(
    luma: npt.NDArray[np.float32], chroma: npt.NDArray[np.float32] | None, detail: int = 1
) -> Overlay | None:
    """The overlays on a picture (outlined text, flat saturated graphics), or None.

    `detail`: how many times finer than the usual reduced decode (where an outline is a
    pixel or two wide) the picture is; the lettering's blends are that many times wider."""
    kinds: list[str] = []
    parts: list[npt.NDArray[np.bool_]] = []
    corner: npt.NDArray[np.bool_] | None = None
    cores: list[npt.NDArray[np.bool_]] = []
    ringed: npt.NDArray[np.bool_] | None = None
    text = _outlined_glyphs(luma, detail)
    if text is not None:
        parts.append(text[0])
        for inner in text[1:3]:
            if inner.any() and not np.array_equal(inner, cores[-1] if cores else text[0]):
                cores.append(inner)
        if text[3].any() and not any(np.array_equal(text[3], m) for m in (text[0], *cores)):
            ringed = text[3]
        cores = text_cores(cores, ringed)
        kinds.append("text")
    if chroma is not None:
        found = _flat_graphics(luma, chroma)
        if found is not None:
            graphics, corner = found
            parts.append(graphics)
            kinds.append("logo")
    if not kinds:
        return None
    mask = parts[0] if len(parts) == 1 else parts[0] | parts[1]
    return Overlay(mask, tuple(kinds), tuple(parts), corner, tuple(cores), ringed)


def text_cores(
    cores: list[npt.NDArray[np.bool_]], ringed: npt.NDArray[np.bool_] | None
) -> list[npt.NDArray[np.bool_]]:
    """The text's cores to paint out: without the inner core (the second) when there is a
    ringed core.

    Both are the core made smaller for the same doubt, whether a light patch beside the
    outline is a letter's fill or the photo: the inner core leaves out every fill-light
    pixel that does not touch the outline, the ringed core only the patches the outline
    does not ring, a finer rule. On the tuning photos' text copies (332 bsds500, 87
    urban100, both decodes) no copy is found by an inner core alone once the ringed core is
    there; each is a painting (a blur of the picture) and a hash, the finer decode's on
    four times the pixels.
    """
    return cores[:1] if ringed is not None else cores


def painted_out(
    luma: npt.NDArray[np.float32], overlay: Overlay
) -> list[tuple[str, npt.NDArray[np.float32]]]:
    """The pictures to hash for a found overlay, each with how it was made.

    Everything found painted out first; when both text and a graphic were found, also each
    alone: either can be a part of the photo taken for an overlay (a lit sign, a coloured
    lamp), and painting out a piece of photo costs as many bits as leaving an overlay in.
    For text, also its core alone (when smaller): whether a mid-tone pixel just outside the
    outline is the outline blended into the photo or the photo itself cannot be told from
    the pixel, and either guess costs bits, so both are hashed. Likewise whether a light
    patch touching the outline is a letter's fill or the photo (see _ringed_fill).
    """
    views = [(f"overlaid {' and '.join(overlay.kinds)} painted out", inpaint(luma, overlay.mask))]
    if len(overlay.parts) > 1:
        views += [
            (f"overlaid {kind} painted out", inpaint(luma, part))
            for kind, part in zip(overlay.kinds, overlay.parts, strict=True)
        ]
    if overlay.corner is not None:
        # Logos and watermarks sit in a corner; coloured things of the photo anywhere.
        text = overlay.parts[0] if overlay.kinds[0] == "text" else None
        kinds = "text and corner logo" if text is not None else "corner logo"
        corner = overlay.corner if text is None else overlay.corner | text
        views.append((f"overlaid {kinds} painted out", inpaint(luma, corner)))
    others = [kind for kind in overlay.kinds if kind != "text"]
    for rank, core in enumerate(overlay.text_cores):
        # Everything found again, the text by its core; and, when a graphic was found too,
        # the core alone (as the text alone above: the graphic may be a piece of photo).
        name = "text " + ("inner " if rank else "") + "core"
        if others:
            views.append((f"overlaid {name} painted out", inpaint(luma, core)))
        for kind, part in zip(overlay.kinds, overlay.parts, strict=True):
            if kind != "text":
                core = core | part
        name = " and ".join([name, *others])
        views.append((f"overlaid {name} painted out", inpaint(luma, core)))
    if overlay.text_ringed is not None:
        # The core once more, with light photo patches beside the letters left out of
        # the letters' fill: the text alone (its core with a graphic is hashed above).
        views.append(("overlaid text ringed core painted out", inpaint(luma, overlay.text_ringed)))
    return views


def inpaint(luma: npt.NDArray[np.float32], mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.float32]:
    """The picture with `mask` (grown by JPEG's ringing) filled from its surroundings.

    Each masked pixel takes the mean of the unmasked pixels near it (a blur that ignores
    the mask: normalized convolution), at about half a PDQ cell: PDQ keeps a 64x64 picture,
    so what matters is each cell's mean brightness, and the best guess of what lay under a
    stroke is the mean of the photo around it. Where a wide overlay leaves no photo that
    near, a four times wider neighbourhood is used. Two blurs of the picture: several times
    cheaper than propagating edges into the hole (cv2.inpaint) and, measured against the
    true overlay masks, closer to the original's hash.
    """
    if not mask.any():
        return luma.copy()
    grown = mask.copy()
    known = (~grown).astype(np.float32)
    sigma = max(FILL_SIGMA_MIN, max(luma.shape) * FILL_SIGMA)
    filled = luma.copy()
    for width in (sigma, 4 * sigma):
        # Blurred only around what is left to fill, out to the kernel's reach (OpenCV's
        # float kernels reach 4 sigma): the same values as blurring the whole picture, and
        # the wide second pass is left with a few pixels inside thick strokes.
        # Meme text is two lines far apart: each group of rows is blurred on its own.
        reach = int(4 * width) + 2
        rows = np.flatnonzero(grown.any(axis=1))
        breaks = np.flatnonzero(np.diff(rows) > 2 * reach)
        firsts = np.concatenate((rows[:1], rows[breaks + 1])).tolist()
        lasts = np.concatenate((rows[breaks], rows[-1:])).tolist()
        for first, last in zip(firsts, lasts, strict=True):
            group = slice(first, last + 1)
            columns = np.flatnonzero(grown[group].any(axis=0))
            top = max(0, first - reach)
            box = (
                slice(top, last + reach + 1),
                slice(max(0, int(columns[0]) - reach), int(columns[-1]) + reach + 1),
            )
            weight, total = _normalized_blur(luma[box], known[box], width)
            # Only this group's rows are filled (the box's margin may hold another's),
            # each where enough of its neighbourhood is known.
            inner = slice(first - top, last + 1 - top)
            fill_known(
                filled[box][inner], grown[box][inner], weight[inner], total[inner], FILL_MIN_WEIGHT
            )
        if not grown.any():
            break
    else:
        filled[grown] = float(luma[known > 0].mean()) if known.any() else float(luma.mean())
    return filled


def _normalized_blur(
    luma: npt.NDArray[np.float32], known: npt.NDArray[np.float32], width: float
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """The share of known pixels around each pixel and their sum (weighted as the share;
    their mean is the sum over the share, taken only where it is used), at Gaussian
    `width`.

    A wide neighbourhood (the fill's second pass on a finer decode) is blurred at half
    the size, several times cheaper; the mean of the photo that far around does not need
    every pixel."""
    if width < HALF_SIZE_SIGMA:
        weight = cv2.GaussianBlur(known, (0, 0), width)
        total = cv2.GaussianBlur(luma * known, (0, 0), width)
        return np.asarray(weight, np.float32), np.asarray(total, np.float32)
    size = (luma.shape[1], luma.shape[0])
    half = (max(1, size[0] // 2), max(1, size[1] // 2))
    small_known = cv2.resize(known, half, interpolation=cv2.INTER_AREA)
    small_sum = cv2.resize(luma * known, half, interpolation=cv2.INTER_AREA)
    weight = cv2.GaussianBlur(small_known, (0, 0), width / 2)
    total = cv2.GaussianBlur(small_sum, (0, 0), width / 2)
    weight_full = cv2.resize(weight, size, interpolation=cv2.INTER_LINEAR)
    total_full = cv2.resize(total, size, interpolation=cv2.INTER_LINEAR)
    return np.asarray(weight_full, np.float32), np.asarray(total_full, np.float32)


HALF_SIZE_SIGMA = 12.0
"""Fill neighbourhoods (Gaussian sigma, pixels) at least this wide are blurred at half size."""

FILL_SIGMA = 1 / 128
"""Fill neighbourhood (Gaussian sigma) as a share of the long side: half a PDQ cell."""

FILL_SIGMA_MIN = 1.5
"""Smallest fill neighbourhood, pixels (tiny pictures)."""

FILL_MIN_WEIGHT = 0.05
"""Share of known photo a pixel's neighbourhood needs before its mean is trusted."""


_SQUARE3 = np.ones((3, 3), np.uint8)
_SQUARE5 = np.ones((5, 5), np.uint8)
_MAX_LABELS_16 = 65535
"""Blob labels that fit in 16 bits (label 0 is the background)."""


def _labels_fit_16(shape: tuple[int, ...]) -> bool:
    """Whether the 8-connected blobs of a picture this size surely have 16-bit labels:
    such blobs do not touch, so there are at most a quarter as many as pixels."""
    height, width = shape[:2]
    return ((height + 1) // 2) * ((width + 1) // 2) < _MAX_LABELS_16


def _outlined_glyphs(
    luma: npt.NDArray[np.float32], detail: int = 1
) -> tuple[npt.NDArray[np.bool_], ...] | None:
    """Lines of light blobs ringed by a much darker outline (lettering), or None; as the
    mask, its two cores and the ringed core (see _two_tones).

    The mask covers, inside each line's box, every pixel of the lettering's two tones (fill
    and outline): letters that touch each other, and so fail the one-blob ring test, are
    painted out with their neighbours.
    """
    # Quick refusal (most photos): lettering needs light pixels right next to much darker
    # ones, a few per glyph.
    edge, edges = light_edges(luma, GLYPH_MIN_LIGHT, GLYPH_CONTRAST)
    if edges < 8 * MIN_GLYPHS:
        return None
    found = [_glyph_blobs(luma, GLYPH_MIN_LIGHT, None)]
    # Letters that leaked are looked for again only when some glyphs were found: meme text
    # is lines of letters, and the outline rarely fails round all of them.
    if GLYPH_LEAK_LIGHT and len(found[0][0]) >= MIN_GLYPHS:
        leaked = _leaked_glyphs(luma, edge, found[0])
        if leaked is not None:
            found.append(leaked)
    boxes_all = np.concatenate([blobs[0] for blobs in found])
    if len(boxes_all) < MIN_GLYPHS:
        return None
    centres = np.concatenate([blobs[1] for blobs in found])
    fills = np.concatenate([blobs[2] for blobs in found])
    outlines = np.concatenate([blobs[3] for blobs in found])
    lines = [
        line
        for line in (
            _lettered_row(members, fills, boxes_all) for members in _text_lines(boxes_all, centres)
        )
        if line.size >= MIN_LINE_GLYPHS
        and _letter_shaped(line, boxes_all)
        and _one_size(line, boxes_all)
    ]
    if not lines:
        return None
    # Where the letters' own fill is (the glyph blobs of each light level that a line
    # took for its letters), which the fill tone of a line's box is checked against (see
    # _enclosed). Only the lines' glyphs: a light blob ringed by dark that no line took (a
    # lit spire tip above the letters, a window below them) is the photo.
    in_line = np.zeros(len(boxes_all), dtype=bool)
    for members in lines:
        in_line[members] = True
    glyph_pixels = np.zeros(luma.shape, dtype=np.uint8)
    start = 0
    for blobs in found:
        chosen = np.flatnonzero(blobs[5])
        taken = np.zeros(blobs[5].shape, dtype=bool)
        taken[chosen[in_line[start : start + chosen.size]]] = True
        start += chosen.size
        glyph_pixels |= taken[blobs[4]].view(np.uint8)
    letters: npt.NDArray[np.uint8] = np.asarray(cv2.dilate(glyph_pixels, _SQUARE3), np.uint8)
    mask = np.zeros(luma.shape, dtype=bool)
    core = np.zeros(luma.shape, dtype=bool)
    inner_core = np.zeros(luma.shape, dtype=bool)
    ringed = np.zeros(luma.shape, dtype=bool)
    height, width = luma.shape
    for members in lines:
        boxes = boxes_all[members].astype(np.int64)
        fill_level = float(np.median(fills[members]))
        tall = int(np.median(boxes[:, cv2.CC_STAT_HEIGHT]))
        pad = max(1, tall // 3)
        top = max(0, int(boxes[:, cv2.CC_STAT_TOP].min()) - pad)
        bottom = min(
            height, int((boxes[:, cv2.CC_STAT_TOP] + boxes[:, cv2.CC_STAT_HEIGHT]).max()) + pad
        )
        left = max(0, int(boxes[:, cv2.CC_STAT_LEFT].min()) - pad)
        right = min(
            width, int((boxes[:, cv2.CC_STAT_LEFT] + boxes[:, cv2.CC_STAT_WIDTH]).max()) + pad
        )
        band = luma[top:bottom, left:right]
        outline_level = float(np.median(outlines[members]))
        tones, outer, inner, ringed_core = _two_tones(
            band, fill_level, outline_level, tall, letters[top:bottom, left:right], detail
        )
        mask[top:bottom, left:right] |= tones
        core[top:bottom, left:right] |= outer
        inner_core[top:bottom, left:right] |= inner
        ringed[top:bottom, left:right] |= ringed_core
    return (mask, core, inner_core, ringed) if mask.any() else None


_Blobs = tuple[
    npt.NDArray[np.float64],
    npt.NDArray[np.float64],
    npt.NDArray[np.float64],
    npt.NDArray[np.float64],
    npt.NDArray[np.integer],
    npt.NDArray[np.bool_],
    npt.NDArray[np.int32],
]
"""Glyphs found at one light level: their boxes (connectedComponents' stats rows), centres,
mean fill and outline tones; and that level's blob labels, which labels are glyphs and
each blob's area."""


def _leaked_glyphs(
    luma: npt.NDArray[np.float32], edge: npt.NDArray[np.bool_], lower: _Blobs
) -> _Blobs | None:
    """Glyphs at GLYPH_LEAK_LIGHT inside the light blobs (at GLYPH_MIN_LIGHT) too large to
    be glyphs, when those hold lettering's edges; or None.

    At the reduced decode a meme outline is a pixel or two wide, and JPEG's blur lets a white
    fill leak through it into a light sky or wall: the letters are then part of one large
    light blob. At a level nearer the fill's own they come apart again. Only such blobs are
    looked into, within their box: most photos have none, or no edges in them.
    """
    _boxes, _centres, _fills, _outlines, labels, glyph, area = lower
    large = ~glyph & (area >= LEAK_MIN_SHARE * luma.size)
    large[0] = False
    within = large[labels]
    # As many edges (light next to much darker) as the quick refusal asks of the picture.
    if int(np.count_nonzero(edge & within)) < 8 * MIN_GLYPHS:
        return None
    rows = np.flatnonzero(within.any(axis=1))
    columns = np.flatnonzero(within.any(axis=0))
    top, left = max(0, int(rows[0]) - 1), max(0, int(columns[0]) - 1)
    box = (slice(top, int(rows[-1]) + 2), slice(left, int(columns[-1]) + 2))
    boxes, centres, fills, outlines, labels, glyph, area = _glyph_blobs(
        luma[box], GLYPH_LEAK_LIGHT, within[box]
    )
    boxes[:, cv2.CC_STAT_LEFT] += left
    boxes[:, cv2.CC_STAT_TOP] += top
    centres += (left, top)
    # Labels at the picture's size, like the first level's (label 0 outside the box).
    placed = np.zeros(luma.shape, dtype=labels.dtype)
    placed[box] = labels
    return boxes, centres, fills, outlines, placed, glyph, area


def _glyph_blobs(
    luma: npt.NDArray[np.float32], level: float, within: npt.NDArray[np.bool_] | None
) -> _Blobs:
    """The light blobs at `level` (inside `within`, when given) ringed by a much darker
    outline."""
    light = luma >= level if within is None else (luma >= level) & within
    light8 = light.view(np.uint8)
    # Labels in 16 bits when they surely fit: about twice as fast.
    small = _labels_fit_16(luma.shape)
    count, labels = cv2.connectedComponents(
        light8, connectivity=8, ltype=cv2.CV_16U if small else cv2.CV_32S
    )
    stats, centroids, blob_sum = blob_stats(light8, labels, count, luma)
    area = stats[:, cv2.CC_STAT_AREA]
    blob_mean = blob_sum / np.maximum(area, 1)
    # Each blob's ring: pixels next to it that are not light; a ring pixel touching two blobs
    # goes to one (the larger label), which only matters between touching letters. The
    # outline's own tone, per blob: the mean of its dark ring pixels.
    ring_size, ring_dark, dark_sum = blob_rings(
        light8, labels, count, luma, blob_mean, GLYPH_CONTRAST
    )
    outline_mean = dark_sum / np.maximum(ring_dark, 1)
    glyph = (
        (ring_size >= 4)
        & (ring_dark >= GLYPH_RING_DARK * np.maximum(ring_size, 1))
        & (area >= 2)
        & (area <= MAX_GLYPH_SHARE * luma.size)
        # A letter is about as wide as tall (M, W) down to a narrow stroke (I, l); a lit
        # slat of a blind or a window ledge is a long bar.
        & (stats[:, cv2.CC_STAT_WIDTH] <= GLYPH_MAX_WIDTH * stats[:, cv2.CC_STAT_HEIGHT])
        # A full box is a lit window or a panel, not a stroke: left out before lines are
        # formed, so that letters over a facade do not line up with its windows (an I,
        # also a full box, is painted out with its line's box all the same).
        & (area < GLYPH_MAX_FILLED * stats[:, cv2.CC_STAT_WIDTH] * stats[:, cv2.CC_STAT_HEIGHT])
    )
    glyph[0] = False
    chosen = np.flatnonzero(glyph)
    return (
        stats[chosen].astype(np.float64),
        centroids[chosen].astype(np.float64),
        blob_mean[chosen],
        outline_mean[chosen],
        np.asarray(labels),  # 16- or 32-bit as labelled: no copy
        glyph,
        np.asarray(area, np.int32),
    )


def _two_tones(
    band: npt.NDArray[np.float32],
    fill_level: float,
    outline_level: float,
    tall: int,
    letters: npt.NDArray[np.uint8],
    detail: int = 1,
) -> tuple[
    npt.NDArray[np.bool_], npt.NDArray[np.bool_], npt.NDArray[np.bool_], npt.NDArray[np.bool_]
]:
    """The lettering's pixels in a line's box: its fill and its outline tones, each next to
    the other, and the blended pixels between them; nothing else. And two cores of those:
    without the mid tones that are not next to the fill and the outline-dark pixels more
    than two pixels from it; and that also without the fill-light pixels not next to the
    outline. Last, the first core again with only the fill blobs ringed by the outline
    taken for the letters' fill (see _ringed_fill; the first core when all are).

    Lettering is two flat tones with a sharp edge between them: a pixel of fill tone lies
    within a stroke of the outline and the reverse, which keeps a light sky or a dark coat
    behind the letters out. The tones are read from the letters themselves (a third of the
    way from each towards the other), not from a fixed level: PDQ's picture comes from the
    reduced decode, where strokes are one or two pixels wide, and a mid-grey pixel of the
    photo painted out by mistake costs as much as a stroke left in.
    """
    third = (fill_level - outline_level) / 3
    outline = (band <= outline_level + third).view(np.uint8)
    fill = _even_strokes(
        _enclosed((band >= fill_level - max(third, GLYPH_FILL_SPREAD / 2)).view(np.uint8), letters),
        letters,
        # At a finer decode a letter's fill shows its one colour (see _even_strokes).
        band if detail > 1 else None,
        fill_level,
    )
    fill = _facing_out(fill)
    mask, core, inner = _tone_masks(fill, outline, tall, detail)
    ringed = _ringed_fill(fill, outline, letters, detail)
    if np.array_equal(ringed, fill):
        return mask, core, inner, core
    return mask, core, inner, _tone_masks(ringed, outline, tall, detail)[1]


def _tone_masks(
    fill: npt.NDArray[np.uint8], outline: npt.NDArray[np.uint8], tall: int, detail: int
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """The mask and its two cores of _two_tones, from the line's fill and outline tones."""
    # "Next to" and "within two pixels" at the usual reduced decode.
    next_to = _SQUARE3 if detail == 1 else np.ones((2 * detail + 1,) * 2, np.uint8)
    two = _SQUARE5 if detail == 1 else np.ones((4 * detail + 1,) * 2, np.uint8)
    near_fill = cv2.dilate(fill, next_to) > 0
    near_outline = cv2.dilate(outline, next_to) > 0
    # An outline is drawn a fixed share of the letter size wide (meme makers use about a
    # tenth), and at least two pixels after JPEG's blur.
    reach = max(2 * detail, tall // OUTLINE_SHARE)
    # No further than the outline's own width and the one pixel of its blend with the photo.
    reach = min(reach, _outline_width(fill, outline, reach) + 1)
    if detail > 1:
        # The outline is the fill grown by a round pen (a disc): a square reach takes
        # about 40% more at the letters' corners and across narrow gaps between them, the
        # photo there when it is dark. At the reduced decode the outline and its blend are
        # a pixel or two and JPEG's blur is as wide: the square is kept there.
        away = cv2.distanceTransform((fill == 0).view(np.uint8), cv2.DIST_L2, 5)
        within_fill = np.asarray(away <= reach)
    else:
        within_fill = cv2.dilate(fill, np.ones((2 * reach + 1,) * 2, np.uint8)) > 0
    within_outline = cv2.dilate(outline, two) > 0
    # Each tone within two pixels of the other, and every pixel next to one tone and within
    # two pixels of the other: the blends between fill and outline and between the outline
    # and the photo, which differ from the photo as much as the strokes do.
    # At a finer decode, also the letters' whole fill (see _enclosed): a stroke's middle
    # lies more than two pixels from its outline there.
    mask = np.asarray((near_fill & within_outline) | (near_outline & within_fill))
    if detail > 1:
        mask |= _outlined(fill, near_outline)
    # The core: a mid tone next to the fill is a blend of fill and outline; one further out
    # may be the outline blended into the photo or the photo itself (a halo round the
    # letters, the photo inside an O or between two letters). An outline is a pixel or two
    # wide at the reduced decode: an outline-dark pixel further from the fill is the photo
    # or the outline's blend with it.
    outline_near_fill = (outline > 0) & (cv2.dilate(fill, two) > 0)
    tone = (fill > 0) | (outline > 0)
    core = mask & ((fill > 0) | outline_near_fill | (~tone & near_fill))
    # Fill-light pixels not next to the outline: a light sky or wall just beyond the
    # outline, or, for letters more than two pixels thick, a stroke's middle (kept by the
    # cores above).
    inner = core & ~((fill > 0) & ~near_outline)
    return mask, core, inner


def _outline_width(fill: npt.NDArray[np.uint8], outline: npt.NDArray[np.uint8], reach: int) -> int:
    """How wide the letters' outline is drawn (pixels from the fill), read on the letters.

    Meme lettering's outline has one width all along its letters, while a dark facade or
    window next to a stroke reaches further. Where the outline ends against lighter photo,
    the distance of its last pixel from the fill is that width: the most common such
    reading is taken (dark photo next to the outline only adds scattered larger ones).
    `reach` (the letter-size bound) when the outline shows too few such ends.
    """
    if not fill.any():
        return reach
    # Chessboard distance from the nearest fill pixel (the dilations' square).
    away = cv2.distanceTransform((fill == 0).view(np.uint8), cv2.DIST_C, 3)
    # Lighter than the outline and not the blend between fill and outline.
    lighter = ((outline == 0) & (away >= 2)).view(np.uint8)
    ends = (outline > 0) & (cv2.dilate(lighter, _SQUARE3) > 0) & (away <= reach)
    if np.count_nonzero(ends) < OUTLINE_MIN_READINGS:
        return reach
    return int(np.argmax(np.bincount(away[ends].astype(np.intp))))


RING_OUTLINE_SHARE = 0.7
"""Share of the pixels just around a fill-tone blob (its blend with the outline and the
outline, 1 to detail + 1 pixels out) that must be outline-dark for the blob to be taken for
a letter's fill: a letter is outlined all round, though its blend pixels are mid tones."""


def _ringed_fill(
    fill: npt.NDArray[np.uint8],
    outline: npt.NDArray[np.uint8],
    letters: npt.NDArray[np.uint8],
    detail: int,
) -> npt.NDArray[np.uint8]:
    """The fill-tone blobs of a line's box that are letters: those holding a glyph's
    pixels, and those ringed by the outline (letters that touch, not found as glyphs).

    A light patch of the photo inside the line's box (a window frame under the letters, a
    white wall between them) is taken for fill when it does not reach the box's side (see
    _enclosed), and its pixels next to the outline, and the photo's mid tones next to it,
    are then painted out as the letters' fill and blends. Such a patch touches the outline
    on one side at most and borders the photo's other tones elsewhere."""
    count, labels = cv2.connectedComponents(fill, connectivity=8)
    if count <= 1:
        return fill
    away = cv2.distanceTransform((fill == 0).view(np.uint8), cv2.DIST_C, 3)
    ring = (away >= 1) & (away <= detail + 1)
    # Each ring pixel to the (largest) blob label within detail + 1 pixels.
    owner = cv2.dilate(labels.astype(np.float32), np.ones((2 * detail + 3,) * 2, np.uint8))
    ring_owner = owner[ring].astype(np.int64)
    size = np.bincount(ring_owner, minlength=count)
    dark = np.bincount(ring_owner[outline[ring] > 0], minlength=count)
    kept = dark >= RING_OUTLINE_SHARE * np.maximum(size, 1)
    kept[labels[(fill > 0) & (letters > 0)]] = True
    kept[0] = False
    ringed: npt.NDArray[np.uint8] = kept[labels].view(np.uint8)
    return ringed


STROKE_THICKER = 2.0
STROKE_THINNER = 0.5
"""How much thicker or thinner than its line's letters' strokes a fill-tone blob may be and
still be taken for a letter's fill (its deepest pixel's distance from the blob's edge,
half its widest stroke, against the line's median; a pixel more for the thicker bound,
for rounding on strokes a pixel or two deep): a font's strokes are all about one width,
its joints (an E's corners, a W's vertices) up to about 1.4 times as deep."""


def _even_strokes(
    fill: npt.NDArray[np.uint8],
    letters: npt.NDArray[np.uint8],
    band: npt.NDArray[np.float32] | None = None,
    fill_level: float = 0.0,
) -> npt.NDArray[np.uint8]:
    """The fill-tone blobs of a line's box that are as thick as its letters' strokes (and,
    given the `band`'s tones, of the letters' one colour).

    Lettering is drawn with one pen, so its strokes are of one width (the cue of the stroke
    width transform in text detection); the photo seen inside a letter's counter (a light
    wall inside an O, ringed by the outline like a letter's fill), a light patch between
    letters, or the light specks of a textured part of the photo (windows, leaves) are
    wider or much thinner. Painted out as fill, they and the photo's mid tones beside them
    lose what the photo showed there. The stroke width is read from the blobs holding a
    found glyph's pixels (their median); nothing is left out when there are none.

    Lettering is also drawn in one colour: with `band`, a blob whose mean tone is more than
    LINE_FILL_SPREAD under the letters' `fill_level` is a shaded light patch of the photo
    (a lit facade's specks, a cladding's light ribs, seen between letters), not a letter's
    fill. Only at a finer decode: there a stroke is several pixels wide and its mean is
    the letters' colour (flat white, 247-255 on the tuning photos' meme text, against 185-215
    for the light specks of a textured facade between the letters), while at the reduced
    decode a stroke is a pixel or two of blends with the outline and its mean is not."""
    count, labels = cv2.connectedComponents(fill, connectivity=8)
    if count <= 1:
        return fill
    depth = np.asarray(cv2.distanceTransform(fill, cv2.DIST_L2, 3), np.float32)
    thickness = blob_max(np.asarray(labels, np.int32), depth, count)
    lettered = np.zeros(count, dtype=bool)
    lettered[labels[(fill > 0) & (letters > 0)]] = True
    lettered[0] = False
    if not lettered.any():
        return fill
    stroke = float(np.median(thickness[lettered]))
    kept = (thickness <= STROKE_THICKER * stroke + 1.0) & (thickness >= STROKE_THINNER * stroke)
    if band is not None:
        area = np.bincount(labels.ravel(), minlength=count)
        total = np.bincount(labels.ravel(), weights=band.ravel(), minlength=count)
        kept &= total >= (fill_level - LINE_FILL_SPREAD) * np.maximum(area, 1)
    kept[0] = False
    even: npt.NDArray[np.uint8] = kept[labels].view(np.uint8)
    return even


def _facing_out(fill: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """The fill-tone blobs of a line's box that are not inside another blob's hole.

    Letters are set side by side, never one inside another: a light blob inside a letter's
    counter (the lit spire seen through an O, a window inside an A) or inside a loop of
    letters that touch is the photo, even when the letter's outline rings it like a
    letter's fill. A letter's own fill always borders the box's outside (through its
    outline and the photo around it): the background of the fill blobs connected to the
    box's sides."""
    if not fill.any():
        return fill
    count, labels = cv2.connectedComponents((fill == 0).view(np.uint8), connectivity=4)
    outer = np.zeros(count, dtype=bool)
    outer[labels[0]] = outer[labels[-1]] = outer[labels[:, 0]] = outer[labels[:, -1]] = True
    outer[0] = False
    near = cv2.dilate(outer[labels].view(np.uint8), _SQUARE3) > 0
    count, blobs = cv2.connectedComponents(fill, connectivity=8)
    facing = np.zeros(count, dtype=bool)
    facing[blobs[near & (fill > 0)]] = True
    facing[0] = False
    kept: npt.NDArray[np.uint8] = facing[blobs].view(np.uint8)
    return kept


def _outlined(
    fill: npt.NDArray[np.uint8], near_outline: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """The fill blobs that touch the outline somewhere (a light speck of the photo does
    not)."""
    count, labels = cv2.connectedComponents(fill, connectivity=8)
    touching = np.zeros(count, dtype=bool)
    touching[labels[near_outline]] = True
    touching[0] = False
    kept: npt.NDArray[np.bool_] = touching[labels]
    return kept


def _enclosed(fill: npt.NDArray[np.uint8], letters: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """The fill-tone pixels of a line's box that belong to its letters: in a glyph, or in a
    fill blob that reaches none of the box's sides.

    The box reaches a third of a letter height past the letters, so a letter's fill lies
    inside it; a light blob reaching the box's side is a sky or a wall behind the letters,
    whose pixels next to the outline would otherwise be painted out as the letters' fill
    (and the photo's mid tones next to them as blends). A letter whose fill ran into such
    a sky through a gap in its outline keeps the pixels found as a glyph.
    """
    count, labels = cv2.connectedComponents(fill, connectivity=8)
    if count <= 1:
        return fill
    side = np.zeros(count, dtype=bool)
    side[labels[0]] = side[labels[-1]] = side[labels[:, 0]] = side[labels[:, -1]] = True
    side[0] = True
    inside: npt.NDArray[np.uint8] = (~side[labels]).view(np.uint8) | (fill & letters)
    return inside


def _text_lines(
    boxes: npt.NDArray[np.float64], centres: npt.NDArray[np.float64]
) -> list[npt.NDArray[np.intp]]:
    """Groups of glyphs that sit on one line (similar height, same middle, close together)
    with at least MIN_LINE_GLYPHS each: letters come in words, speckle does not line up."""
    heights = boxes[:, cv2.CC_STAT_HEIGHT].astype(np.float64)
    tall = np.maximum(heights[:, None], heights[None, :])
    similar = tall <= LINE_HEIGHT_RATIO * np.minimum(heights[:, None], heights[None, :])
    level = np.abs(centres[:, 1][:, None] - centres[:, 1][None, :]) <= 0.5 * tall
    left = boxes[:, cv2.CC_STAT_LEFT].astype(np.float64)
    right = left + boxes[:, cv2.CC_STAT_WIDTH]
    gap = np.maximum(left[:, None], left[None, :]) - np.minimum(right[:, None], right[None, :])
    near = gap <= LINE_GAP * tall
    linked = similar & level & near
    # Connected groups by label propagation: each glyph takes the smallest label among its
    # links until nothing changes (a line of n letters settles in at most n rounds).
    group = np.arange(len(boxes))
    for _ in range(len(boxes)):
        spread = np.where(linked, group[None, :], len(boxes)).min(axis=1)
        spread = np.minimum(spread, group)
        if np.array_equal(spread, group):
            break
        group = spread[spread]
    labels, sizes = np.unique(group, return_counts=True)
    return [np.flatnonzero(group == label) for label in labels[sizes >= MIN_LINE_GLYPHS]]


def _one_colour(
    members: npt.NDArray[np.intp], fills: npt.NDArray[np.float64]
) -> npt.NDArray[np.intp]:
    """The glyphs of a line whose fill is the line's colour: lettering is drawn in one
    colour, light patches of a photo (stripes, sky between branches) are shaded."""
    level = float(np.median(fills[members]))
    return members[np.abs(fills[members] - level) <= LINE_FILL_SPREAD]


def _lettered_row(
    members: npt.NDArray[np.intp], fills: npt.NDArray[np.float64], boxes: npt.NDArray[np.float64]
) -> npt.NDArray[np.intp]:
    """The glyphs of a line of one colour on its main row (_one_colour, _main_row).

    Over a striped or textured photo (white blinds, lit cladding ribs) the photo's light
    bars are ringed by their dark gaps like glyphs, link with the letters into one group,
    and can outnumber them: the group's median fill is then the bars' shade, and the
    letters (another colour, one row, one size) are left out. When the group's fills span
    more than two colours' spread, each colour is tried and the one whose main row holds
    the most glyphs of one size is kept (lettering: many letters of one size on one row;
    bars: a few on a row, of every height); the median's colour when none holds more."""
    chosen = _main_row(_one_colour(members, fills), boxes)
    spread = fills[members]
    if float(spread.max() - spread.min()) > 2 * LINE_FILL_SPREAD:
        best = _same_size(chosen, boxes)
        step = LINE_FILL_SPREAD / 2
        for level in np.unique(np.round(spread / step) * step):
            row = _main_row(members[np.abs(spread - level) <= LINE_FILL_SPREAD], boxes)
            count = _same_size(row, boxes)
            if count > best:
                chosen, best = row, count
    return chosen


def _same_size(members: npt.NDArray[np.intp], boxes: npt.NDArray[np.float64]) -> int:
    """How many of a line's glyphs are of its median height (see _one_size)."""
    if members.size == 0:
        return 0
    heights = boxes[members, cv2.CC_STAT_HEIGHT]
    tall = float(np.median(heights))
    same = np.abs(heights - tall) <= max(SAME_HEIGHT_PIXELS, SAME_HEIGHT_SHARE * tall)
    return int(np.count_nonzero(same))


def _main_row(
    members: npt.NDArray[np.intp], boxes: npt.NDArray[np.float64]
) -> npt.NDArray[np.intp]:
    """The glyphs of a line that sit on its main row: letters share one row about one
    letter tall, while light patches of a photo linked to them (stripes, sky between
    branches) stray above and below. Empty when even the row is taller than a letter line."""
    if members.size == 0:
        return members
    heights = boxes[members, cv2.CC_STAT_HEIGHT]
    tops = boxes[members, cv2.CC_STAT_TOP]
    middles = tops + heights / 2
    tall = float(np.median(heights))
    # A blob taller than a line of letters is not one of its letters (a light patch of the
    # photo next to them): left out, rather than taken for the row's height.
    on_row = (np.abs(middles - float(np.median(middles))) <= tall / 2) & (
        heights <= LINE_ROW_HEIGHT * tall
    )
    kept: npt.NDArray[np.intp] = members[on_row]
    if kept.size == 0:
        return kept
    top = float(boxes[kept, cv2.CC_STAT_TOP].min())
    bottom = float((boxes[kept, cv2.CC_STAT_TOP] + boxes[kept, cv2.CC_STAT_HEIGHT]).max())
    if bottom - top > LINE_ROW_HEIGHT * tall:
        return np.zeros(0, dtype=np.intp)
    return kept


def _letter_shaped(members: npt.NDArray[np.intp], boxes: npt.NDArray[np.float64]) -> bool:
    """Whether a line's blobs are shaped like letters, not like windows: strokes leave much
    of a letter's box empty (E, O, T, S: 45-70% filled), while lit windows, panels and
    tiles fill their boxes. Only an I or a dot is a full box, and a line is mostly others."""
    chosen = boxes[members]
    filled = chosen[:, cv2.CC_STAT_AREA] / np.maximum(
        chosen[:, cv2.CC_STAT_WIDTH] * chosen[:, cv2.CC_STAT_HEIGHT], 1
    )
    return float(np.median(filled)) <= LINE_MAX_FILLED


def _one_size(members: npt.NDArray[np.intp], boxes: npt.NDArray[np.float64]) -> bool:
    """Whether a line holds at least MIN_LINE_GLYPHS glyphs of one height: lettering is
    set in one font size, so its capitals (or its x-height letters) are as tall as each
    other to a pixel or so, while the lit windows and panels of a facade that line up
    come in every height."""
    heights = boxes[members, cv2.CC_STAT_HEIGHT]
    tall = float(np.median(heights))
    same = np.abs(heights - tall) <= max(SAME_HEIGHT_PIXELS, SAME_HEIGHT_SHARE * tall)
    return int(np.count_nonzero(same)) >= MIN_LINE_GLYPHS


SAME_HEIGHT_SHARE = 0.15
"""How far a glyph's height may be from its line's median and still be of one size with
it (a share of the height, or SAME_HEIGHT_PIXELS when more: JPEG's blur and the decode's
rounding move a blob's edge by a pixel)."""
SAME_HEIGHT_PIXELS = 1.0

GLYPH_MAX_FILLED = 0.9
"""Share of its box above which a blob is a solid shape, not a letter's strokes."""

LINE_MAX_FILLED = 0.8
"""Median share of its box a line's glyphs may fill (letters are strokes, windows solid)."""

GLYPH_MAX_WIDTH = 2.5
"""A glyph is at most this many times as wide as tall (the widest capitals are about 1.2)."""

OUTLINE_SHARE = 5
"""Outline reach from the fill, as a fraction of the letter height (1/5: thick outlines)."""

OUTLINE_MIN_READINGS = 8
"""Fewest ends of the outline against lighter photo to read its width from (see
_outline_width); fewer: the letter-size bound alone."""

LINE_FILL_SPREAD = 25.0
"""Luma levels a letter's mean fill may differ from its line's (JPEG, reduced thin parts)."""

LINE_ROW_HEIGHT = 1.6
"""A line is at most this many letter heights tall (capitals with a descender or accent)."""

MIN_LINE_GLYPHS = 3
"""Glyphs in a row before they count as a line of text."""

LINE_HEIGHT_RATIO = 2.5
"""Letters of one line differ in height by at most this factor (capitals and lower case)."""

LINE_GAP = 3.0
"""Largest gap between neighbouring letters of a line, in letter heights: a word space, or
one or two letters that touch their neighbours and so were not taken for glyphs."""


def _flat_graphics(
    luma: npt.NDArray[np.float32], chroma: npt.NDArray[np.float32]
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_] | None] | None:
    """Compact blobs of flat, strong colour inside the picture, as convex hulls, or None; and
    those of them that lie in a corner, when that is some but not all of them."""
    if at_least(chroma, GRAPHIC_CHROMA) / chroma.size < GRAPHIC_MIN_SHARE:
        return None
    # Stronger than the colour of its neighbourhood, too, so that a badge on a tinted sky
    # is not one blob with the sky.
    side = max(3, max(luma.shape) // 6) | 1
    around = np.asarray(cv2.blur(chroma, (side, side)), np.float32)
    coloured, coloured_count = stands_out(chroma, around, GRAPHIC_CHROMA, GRAPHIC_STEP / 2)
    if coloured_count < GRAPHIC_MIN_SHARE * luma.size:
        return None
    small = _labels_fit_16(luma.shape)
    count, labels = cv2.connectedComponents(
        coloured, connectivity=8, ltype=cv2.CV_16U if small else cv2.CV_32S
    )
    stats, _, blob_sum = blob_stats(coloured, labels, count, chroma)
    area = stats[:, cv2.CC_STAT_AREA]
    left, top = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    right = left + stats[:, cv2.CC_STAT_WIDTH]
    bottom = top + stats[:, cv2.CC_STAT_HEIGHT]
    sized = (area >= GRAPHIC_MIN_SHARE * luma.size) & (area <= GRAPHIC_MAX_SHARE * luma.size)
    compact = area >= GRAPHIC_SOLIDITY * stats[:, cv2.CC_STAT_WIDTH] * stats[:, cv2.CC_STAT_HEIGHT]
    keep = sized & compact
    keep[0] = False
    if not keep.any():
        return None
    # Drawn colour stands out of the photo around it with a sharp step: the blob's colour
    # strength against that of a thin ring just outside it (past JPEG's chroma blur). A
    # coloured thing in a photo fades into colours near its own (a flower into foliage).
    grown = cv2.dilate(
        labels if small else labels.astype(np.float32), _SQUARE3, iterations=RING_OUT
    )
    # Sums over the ring's and the blobs' own pixels only, in raster order.
    ring_size, ring_sum = graphic_rings(coloured, grown, count, chroma)
    ring_chroma = ring_sum / np.maximum(ring_size, 1)
    blob_chroma = blob_sum / np.maximum(area, 1)
    keep &= (ring_size > 0) & (blob_chroma - ring_chroma >= GRAPHIC_STEP)
    if not keep.any():
        return None
    height, width = luma.shape
    in_corner = ((right <= width * CORNER_SHARE) | (left >= width * (1 - CORNER_SHARE))) & (
        (bottom <= height * CORNER_SHARE) | (top >= height * (1 - CORNER_SHARE))
    )
    found = np.zeros(luma.shape, dtype=np.uint8)
    cornered = np.zeros(luma.shape, dtype=np.uint8)
    for label in np.flatnonzero(keep):
        rows = slice(int(top[label]), int(bottom[label]))
        columns = slice(int(left[label]), int(right[label]))
        blob = (labels[rows, columns] == label).astype(np.uint8)
        # Painted out as its convex hull: badges are discs and rounded boxes, and where
        # one is drawn semi-transparent over a dark or grey part of the photo its colour
        # fades there, leaving a notch in the blob (and its own text, a hole) that still
        # differs from the photo.
        contours, _ = cv2.findContours(blob, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        contours = [cv2.convexHull(np.concatenate(contours))]
        cv2.drawContours(found[rows, columns], contours, -1, 1, cv2.FILLED)
        if in_corner[label]:
            cv2.drawContours(cornered[rows, columns], contours, -1, 1, cv2.FILLED)
    some = bool(in_corner[keep].any()) and not bool(in_corner[keep].all())
    return (
        np.asarray(cv2.dilate(found, _SQUARE3, iterations=1) > 0),
        np.asarray(cv2.dilate(cornered, _SQUARE3, iterations=1) > 0) if some else None,
    )


def _steps(values: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Absolute step to the right plus the step below, per pixel."""
    steps = np.zeros_like(values)
    steps[:, :-1] += np.abs(np.diff(values, axis=1))
    steps[:-1, :] += np.abs(np.diff(values, axis=0))
    return steps
