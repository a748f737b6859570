"""One file (or byte string) in, one `FileHashes` out: exact hashes always, PDQ when an image.

`hash_bytes` is a module-level function of picklable arguments so that the scanner and the
CLI can run it in worker processes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

from jaga.hashing.errors import NOT_AN_IMAGE, TOO_LARGE_TO_DECODE, ImageError
from jaga.hashing.exact import ExactHashes, exact_hashes
from jaga.hashing.image_io import (
    MAX_FRAMES,
    LumaFrame,
    decode_first_frame,
    frame_limit_reached,
    iter_luma_frames,
    open_image,
    sniff_image_format,
)
from jaga.hashing.pdq import distinct_frame_hashes, hash_frame
from jaga.hashing.types import FileHashes, PdqHash

if TYPE_CHECKING:
    from jaga.robust.views import ViewSettings

MAX_IMAGE_FILE_BYTES = 256 * 1024 * 1024
"""Files larger than this get exact hashes only (streamed); no image is that large."""

_READ_CHUNK = 1024 * 1024
IMAGE_SUFFIXES = frozenset(
    {
        *(".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".apng", ".gif", ".bmp", ".dib", ".tif"),
        *(".tiff", ".webp", ".ico", ".ppm", ".pgm", ".pbm", ".pnm", ".tga", ".mpo"),
    }
)


def hash_bytes(
    data: bytes,
    name: str,
    *,
    dihedral: bool = False,
    views: ViewSettings | None = None,
    local_features: bool = False,
) -> FileHashes:
    """Hash `data` (named `name` in the result); never raises for bad image content.

    Exact hashes are always filled. When the bytes are not a readable image, `pdq` is empty
    and `error` says why. Animated images give one PdqHash per distinct frame; when a later
    frame is broken, the frames before it are kept and `extra["frames_note"]` says so.
    """
    exact = exact_hashes(data)
    try:
        image = open_image(data)
    except ImageError as error:
        return _result(name, data, exact, error=error.reason)
    with image:
        image_format = image.format
        width, height = image.size
        try:
            hashes, extra, extra_views, features = _hash_frames(
                image, dihedral, views, local_features, _finer_decoder(data)
            )
        except ImageError as error:
            reason = error.reason
        except Exception as error:  # Last resort: one odd file must not end a scan.
            reason = f"unexpected error while hashing: {type(error).__name__}: {error}"
        else:
            return _result(
                name,
                data,
                exact,
                image_format=image_format,
                size=(width, height),
                pdq=hashes,
                extra=extra,
                views=extra_views,
                local_features=features,
            )
    return _result(name, data, exact, image_format=image_format, size=(width, height), error=reason)


def _finer_decoder(data: bytes) -> Callable[[int], LumaFrame | None]:
    """Decodes `data`'s first frame again, less reduced, for the robust views (a photo
    that is a small part of a padded canvas); None when that decode fails."""

    def decode(at_most: int) -> LumaFrame | None:
        try:
            return decode_first_frame(data, at_most)
        except ImageError:
            return None

    return decode


def _hash_frames(
    image: Image.Image,
    dihedral: bool,
    views: ViewSettings | None,
    local_features: bool,
    finer: Callable[[int], LumaFrame | None] | None = None,
) -> tuple[tuple[PdqHash, ...], dict[str, str], tuple[tuple[str, PdqHash], ...], bytes]:
    """Distinct frame hashes, notes, the first frame's views and packed local features;
    raises ImageError only when no frame could be hashed."""
    frame_hashes: list[PdqHash] = []
    extra: dict[str, str] = {}
    extra_views: tuple[tuple[str, PdqHash], ...] = ()
    features = b""
    try:
        colour = views is not None and views.overlays
        for frame in iter_luma_frames(image, colour=colour):
            frame_hashes.append(hash_frame(frame, dihedral=dihedral))
            if views is not None and frame.index == 0:
                from jaga.robust.views import query_views, work_image

                found = query_views(work_image(frame, finer), views)
                extra_views = tuple((view.how, view.pdq) for view in found)
            if local_features and frame.index == 0:
                from jaga.robust.local_features import QUERY_FEATURES, extract, pack

                features = pack(extract(frame.luma, QUERY_FEATURES))
    except ImageError as error:
        if not frame_hashes:
            raise
        extra["frames_note"] = f"{error.reason}; later frames were not hashed"
    else:
        if frame_limit_reached(image):
            extra["frames_note"] = f"only the first {MAX_FRAMES} frames were hashed"
    return distinct_frame_hashes(frame_hashes), extra, extra_views, features


def _result(
    name: str,
    data: bytes,
    exact: ExactHashes,
    *,
    image_format: str | None = None,
    size: tuple[int, int] | None = None,
    pdq: tuple[PdqHash, ...] = (),
    error: str | None = None,
    extra: dict[str, str] | None = None,
    views: tuple[tuple[str, PdqHash], ...] = (),
    local_features: bytes = b"",
) -> FileHashes:
    return FileHashes(
        name=name,
        size=len(data),
        md5=exact.md5,
        sha1=exact.sha1,
        sha256=exact.sha256,
        pdq=pdq,
        image_format=image_format,
        width=size[0] if size else None,
        height=size[1] if size else None,
        error=error,
        extra=extra or {},
        views=views,
        local_features=local_features,
    )


def hash_file(
    path: Path,
    *,
    dihedral: bool = False,
    views: ViewSettings | None = None,
    local_features: bool = False,
) -> FileHashes:
    """Hash the file at `path`; the result's name is the path as given.

    Raises OSError when the file cannot be read (missing, permission denied, a folder):
    there are no exact hashes to report then, and the caller decides how to record it.
    Files above MAX_IMAGE_FILE_BYTES are streamed for exact hashes and not decoded.
    """
    size = path.stat().st_size
    if size > MAX_IMAGE_FILE_BYTES:
        with path.open("rb") as stream:
            exact = exact_hashes(iter(lambda: stream.read(_READ_CHUNK), b""))
        return FileHashes(
            name=str(path),
            size=size,
            md5=exact.md5,
            sha1=exact.sha1,
            sha256=exact.sha256,
            error=f"{TOO_LARGE_TO_DECODE} ({MAX_IMAGE_FILE_BYTES:,} bytes)",
        )
    return hash_bytes(
        path.read_bytes(), str(path), dihedral=dihedral, views=views, local_features=local_features
    )


def is_failure(result: FileHashes) -> bool:
    """True when a file should have given a PDQ and did not, or could not be read at all.

    Non-images (videos, documents) and files too large to decode keep their exact hashes and
    are not failures; unreadable files and broken or refused images are.
    """
    if result.pdq or result.error is None:
        return False
    if not result.md5:
        return True
    return result.error != NOT_AN_IMAGE and not result.error.startswith(TOO_LARGE_TO_DECODE)


def iter_image_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield files named in `paths` and image files found in folders under them, recursively.

    Named files are yielded whatever they are (the user asked for them). In folders a file
    is an image when its first bytes are an image signature or its suffix is an image
    suffix, so renamed images are found and truncated `.jpg` files are still reported.
    Hidden files and folders are included; folder symlinks are not followed (no loops).
    Order is sorted within each folder, and `paths` keep their given order.
    """
    for path in paths:
        if path.is_dir():
            for folder, subfolders, files in os.walk(path):
                subfolders.sort()
                for file_name in sorted(files):
                    candidate = Path(folder) / file_name
                    if _looks_like_image(candidate):
                        yield candidate
        else:
            yield path


def _looks_like_image(path: Path) -> bool:
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return True
    try:
        with path.open("rb") as stream:
            head = stream.read(16)
    except OSError:
        return False
    return sniff_image_format(head) is not None


__all__ = ["hash_bytes", "hash_file", "is_failure", "iter_image_files"]
