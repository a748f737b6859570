"""Errors of the hashing package."""

from __future__ import annotations


class ImageError(Exception):
    """The bytes are not an image Jaga can safely hash.

    Raised per file and turned into `FileHashes.error` by the hasher, so one bad file
    never stops a scan. `reason` is written for the person running the scan: it says
    what is wrong and, where possible, what to do about it.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


NOT_AN_IMAGE = "not an image (format not recognised)"
"""`FileHashes.error` for bytes no image decoder recognises: a normal outcome for videos and
documents (they keep their exact hashes), not a failure."""

TOO_LARGE_TO_DECODE = "not decoded as an image: file larger than the image size limit"
"""`FileHashes.error` for files streamed for exact hashes only (see MAX_IMAGE_FILE_BYTES)."""
