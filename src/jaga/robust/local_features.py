"""Local features (ORB) of a picture: compact to store, and a geometric check between two.

PDQ sees a picture as one 16x16 grid of low frequencies, so a big opaque logo, large meme
text or a steep tilt moves it 40-70 bits even though most of the photo is still there.
Local features see the same photo as a few hundred small corners: the ones the edit did
not touch still match, and the places they sit in must agree on one turn, scale and shift
of the whole picture. An unrelated picture gives matches that agree on nothing, so this is
a check that refuses far better than a distance threshold (docs/robust-matching.md).

Only lists Jaga builds from the originals can hold these (received lists have one PDQ per
original). They are computed on the luma at a normalised size (`FEATURE_SIDE`), so stored
coordinates and query coordinates are in comparable units whatever the file size.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PIL import Image

from jaga.hashing.errors import ImageError
from jaga.hashing.image_io import iter_luma_frames, open_image

FEATURE_SIDE = 512
"""Long side (pixels) the luma is brought to before ORB: the size of the work copy robust
views use. Larger finds more corners on big photos but costs time linearly in pixels."""

STORED_FEATURES = 256
"""Keypoints kept per original (strongest first): 36 bytes each, 9.2 KB per original."""

QUERY_FEATURES = 1000
"""Keypoints of a query: more than an original, since text, logos and a screenshot's UI
add their own corners, and the photo's must still be among them."""

RATIO = 0.8
"""Lowe's ratio test: a match is kept only if clearly better than the second best."""

MAX_DESCRIPTOR_DISTANCE = 64
"""Bits (of 256) two ORB descriptors may differ by and still be called the same corner."""

RANSAC_PIXELS = 4.0
"""Reprojection error (pixels at FEATURE_SIDE) under which a match fits the transform."""

FeatureLoader = Callable[[], bytes]
"""Gives a picture's packed query features when called: they cost a decode and ORB, so the
matcher calls it only when a candidate needs checking."""

_HEADER = struct.Struct("<4sHH")  # magic, keypoint count, normalised long side
_MAGIC = b"ORB1"


@dataclass(frozen=True, slots=True)
class Features:
    """Keypoint positions (n, 2) at the normalised size and their ORB descriptors (n, 32)."""

    points: npt.NDArray[np.float32]
    descriptors: npt.NDArray[np.uint8]

    def __len__(self) -> int:
        return int(self.points.shape[0])


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of one geometric check; `accepted` only when every threshold holds."""

    accepted: bool
    inliers: int
    matches: int
    scale: float = 0.0
    degrees: float = 0.0
    spread: float = 0.0  # share of the original's area the inliers' convex hull covers

    @property
    def ratio(self) -> float:
        return self.inliers / self.matches if self.matches else 0.0


@dataclass(frozen=True, slots=True)
class CheckSettings:
    """How strict the geometric check is (per bank: jaga robust set --verify-...)."""

    min_inliers: int = 20
    min_ratio: float = 0.3
    min_scale: float = 0.2  # the copy's photo at least a fifth of the original's size
    max_scale: float = 5.0
    min_spread: float = 0.05  # inliers cover at least this share of the original's corners


def normalised_luma(luma: npt.NDArray[np.float32]) -> npt.NDArray[np.uint8]:
    """The luma as 8 bits with its long side at FEATURE_SIDE (down or up)."""
    height, width = luma.shape
    factor = FEATURE_SIDE / max(height, width)
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    picture = np.clip(luma, 0, 255).astype(np.uint8)
    if size != (width, height):
        resample = Image.Resampling.BOX if factor < 1 else Image.Resampling.BILINEAR
        picture = np.asarray(Image.fromarray(picture).resize(size, resample))
    return np.ascontiguousarray(picture)


def extract(luma: npt.NDArray[np.float32], limit: int) -> Features:
    """The `limit` strongest ORB keypoints of a picture, at the normalised size."""
    import cv2  # imported when used: about 0.3 s, and most commands never need it

    picture = normalised_luma(luma)
    orb = cv2.ORB.create(nfeatures=limit, fastThreshold=10, edgeThreshold=15, patchSize=31)
    keypoints, descriptors = orb.detectAndCompute(picture, None)
    if descriptors is None or not keypoints:
        return Features(np.zeros((0, 2), np.float32), np.zeros((0, 32), np.uint8))
    points = np.asarray([kp.pt for kp in keypoints], dtype=np.float32)
    return Features(points, np.ascontiguousarray(descriptors, dtype=np.uint8))


def features_of_bytes(data: bytes) -> bytes:
    """Packed query features of the first frame of an image file; b"" if not an image."""
    try:
        with open_image(data) as image:
            frame = next(iter_luma_frames(image, max_frames=1))
    except (ImageError, StopIteration, OSError):
        return b""
    return pack(extract(frame.luma, QUERY_FEATURES))


def pack(features: Features) -> bytes:
    """Stored form: header, float16 positions, descriptors (36 bytes per keypoint)."""
    count = len(features)
    head = _HEADER.pack(_MAGIC, count, FEATURE_SIDE)
    return head + features.points.astype(np.float16).tobytes() + features.descriptors.tobytes()


def unpack(blob: bytes) -> Features:
    """The inverse of `pack`; raises ValueError on anything else (a corrupt row)."""
    if len(blob) < _HEADER.size:
        raise ValueError("local-feature blob too short")
    magic, count, _side = _HEADER.unpack_from(blob)
    if magic != _MAGIC or len(blob) != _HEADER.size + count * 36:
        raise ValueError("not a Jaga local-feature blob (bad header or length)")
    offset = _HEADER.size
    points = np.frombuffer(blob, np.float16, count * 2, offset).astype(np.float32)
    descriptors = np.frombuffer(blob, np.uint8, count * 32, offset + count * 4)
    return Features(points.reshape(count, 2), descriptors.reshape(count, 32).copy())


def check(query: Features, original: Features, settings: CheckSettings) -> Verdict:
    """Whether the query shows the original under one turn, scale and shift.

    Matches are the original's corners whose best query corner is clearly better than the
    second best; RANSAC then fits a similarity (turn, uniform scale, shift: what crops,
    borders, tilts and screenshots do) and counts the matches it explains. A different
    picture gives scattered matches that no single transform explains.
    """
    import cv2

    if len(query) < 2 or len(original) < settings.min_inliers:
        return Verdict(False, 0, 0)
    matcher = cv2.BFMatcher(cv2.NORM_HAMMING)
    pairs = matcher.knnMatch(original.descriptors, query.descriptors, k=2)
    best: dict[int, cv2.DMatch] = {}  # one original corner per query corner, the closest
    for pair in pairs:
        if (
            len(pair) == 2
            and pair[0].distance <= MAX_DESCRIPTOR_DISTANCE
            and pair[0].distance < RATIO * pair[1].distance
        ):
            kept = best.get(pair[0].trainIdx)
            if kept is None or pair[0].distance < kept.distance:
                best[pair[0].trainIdx] = pair[0]
    good = list(best.values())
    if len(good) < 4:  # fewer fit any similarity; counted anyway, to report the margin
        return Verdict(False, len(good), len(good))
    source = original.points[[m.queryIdx for m in good]]
    target = query.points[[m.trainIdx for m in good]]
    transform, mask = cv2.estimateAffinePartial2D(
        source,
        target,
        method=cv2.RANSAC,
        ransacReprojThreshold=RANSAC_PIXELS,
        maxIters=2000,
        confidence=0.995,
    )
    if transform is None or mask is None:
        return Verdict(False, 0, len(good))
    inliers = int(mask.sum())
    spread = _hull_share(source[mask.ravel().astype(bool)], original.points)
    scale = float(np.hypot(transform[0, 0], transform[1, 0]))
    degrees = float(np.degrees(np.arctan2(transform[1, 0], transform[0, 0])))
    accepted = (
        inliers >= settings.min_inliers
        and inliers / len(good) >= settings.min_ratio
        and settings.min_scale <= scale <= settings.max_scale
        and spread >= settings.min_spread
    )
    return Verdict(accepted, inliers, len(good), scale, degrees, spread)


def _hull_share(points: npt.NDArray[np.float32], every: npt.NDArray[np.float32]) -> float:
    """Area of the points' convex hull over the area of all the original's keypoints' hull.

    Matches that line up along one straight edge (a frame's border against a photo's
    horizon) fit a transform too, but cover no area: a real copy's inliers cover much of it.
    """
    import cv2

    if len(points) < 3 or len(every) < 3:
        return 0.0
    total = cv2.contourArea(cv2.convexHull(every.astype(np.float32)))
    if total <= 0:
        return 0.0
    return float(cv2.contourArea(cv2.convexHull(points.astype(np.float32))) / total)
