"""Content an HMA call names: fetched from `?url=` or uploaded as one multipart file,
and the HMA signals of it (`pdq` for a photo, `video_md5` for a video).

HMA decides photo or video from the fetched response's Content-Type, or from the name of
the uploaded file part; Jaga does the same so that clients see the same answers.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from jaga.api.settings import ServiceSettings
from jaga.hashing.hasher import hash_bytes
from jaga.hashing.types import FileHashes
from jaga.net.fetch import FetchError, TooLarge, fetch_url

ContentType = Literal["photo", "video"]
CONTENT_TYPES: tuple[ContentType, ...] = ("photo", "video")
# HMA's signal types per content type, plus Jaga's exact digests for photos (opt-in via
# `types=`); `video_md5` is the MD5 of the file's bytes, which Jaga's md5 entries hold.
SIGNALS_BY_CONTENT: dict[ContentType, tuple[str, ...]] = {
    "photo": ("pdq", "md5", "sha1", "sha256"),
    "video": ("video_md5",),
}
DEFAULT_SIGNALS: dict[ContentType, tuple[str, ...]] = {"photo": ("pdq",), "video": ("video_md5",)}
PDQ_QUALITY_THRESHOLD = 50  # threatexchange PdqSignal.QUALITY_THRESHOLD: below it, ""


@dataclass(frozen=True, slots=True)
class Content:
    data: bytes
    content_type: ContentType
    name: str


def hma_error(status: int, message: str) -> HTTPException:
    return HTTPException(status, message)


def _content_type(name: str | None) -> ContentType:
    if name not in CONTENT_TYPES:
        raise hma_error(400, f"no such content_type: {name!r}")
    return "photo" if name == "photo" else "video"


async def from_url(request: Request, url: str, content_type: str | None) -> Content:
    """Fetch within the operator's fetch policy (no private addresses unless allowed)."""
    settings: ServiceSettings = request.app.state.settings
    try:
        fetched = await run_in_threadpool(fetch_url, url, settings.fetch_policy)
    except TooLarge as error:
        raise hma_error(413, str(error)) from None
    except FetchError as error:
        raise hma_error(400, str(error)) from None
    if content_type is not None:
        kind = _content_type(content_type)
    elif fetched.content_type.startswith("image/"):
        kind = "photo"
    elif fetched.content_type.startswith("video/"):
        kind = "video"
    else:
        raise hma_error(
            400,
            f"unsupported Content-Type {fetched.content_type or '(none)'!r} at the URL; "
            "pass content_type=photo or content_type=video",
        )
    return Content(fetched.data, kind, fetched.url.rsplit("/", 1)[-1] or "download")


async def from_upload(request: Request) -> Content:
    """Exactly one file part, named `photo` or `video` (HMA's rules and messages)."""
    settings: ServiceSettings = request.app.state.settings
    form = await request.form()
    files = [(name, value) for name, value in form.multi_items() if isinstance(value, UploadFile)]
    if not files:
        raise hma_error(400, "Missing multipart/form-data file upload")
    if len(files) > 1:
        raise hma_error(400, "Only one file allowed per request")
    name, upload = files[0]
    kind = _content_type(name)
    data = await upload.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise hma_error(413, f"upload larger than the limit of {settings.max_upload_bytes:,} bytes")
    return Content(data, kind, upload.filename or name)


def requested_signals(content_type: ContentType, types: str | None) -> tuple[str, ...]:
    if not types:
        return DEFAULT_SIGNALS[content_type]
    chosen = tuple(dict.fromkeys(t.strip() for t in types.split(",") if t.strip()))
    for signal_type in chosen:
        if signal_type not in SIGNALS_BY_CONTENT[content_type]:
            raise hma_error(400, f"No such SignalType {signal_type!r} for {content_type}")
    return chosen


def photo_hashes(content: Content) -> FileHashes:
    """Jaga's hashes of a photo, orientations included (for lookups by content)."""
    hashes = hash_bytes(content.data, content.name, dihedral=True)
    if hashes.error or not hashes.pdq:
        raise hma_error(400, f"could not hash the photo: {hashes.error or 'no image frame'}")
    return hashes


def signals_of(content: Content, signal_types: tuple[str, ...]) -> dict[str, str]:
    """`{signal_type: hash}`; a PDQ below quality 50 is `""`, as HMA answers."""
    if content.content_type == "video":
        return {"video_md5": hashlib.md5(content.data).hexdigest()}
    hashes = photo_hashes(content)
    signals: dict[str, str] = {}
    for signal_type in signal_types:
        if signal_type == "pdq":
            first = hashes.pdq[0]
            signals["pdq"] = first.hex if first.quality >= PDQ_QUALITY_THRESHOLD else ""
        else:
            signals[signal_type] = str(getattr(hashes, signal_type))
    return signals
