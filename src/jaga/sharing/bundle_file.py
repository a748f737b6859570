"""The bundle container: one file that carries a bank to an air-gapped unit.

    JAGA-BUNDLE 1\\n
    <header: canonical JSON, one line>\\n
    <Ed25519 signature of the two lines above, base64, or "unsigned">\\n
    <payload: gzip of JSON lines, one entry a line; encrypted if the header says so>

The signature covers the exact bytes of the first two lines; the header names the bank,
the creation time, the signer's and the recipient's key ids and the SHA-256 of the
payload as stored, so every byte of the file is bound to the signer. Encryption to a
recipient is X25519 (an ephemeral key) + HKDF-SHA256 + ChaCha20-Poly1305, all from
`cryptography`; the AEAD covers the signed header line too. Reading checks the
signature and the payload digest before a single entry is parsed.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import os
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from jaga.sharing.errors import (
    NotForUs,
    SharingError,
    TamperedBundle,
    UnsignedBundle,
    UntrustedSigner,
)
from jaga.sharing.keyring import TrustedKey
from jaga.sharing.keys import KeyPair, PublicKeys

MAGIC = b"JAGA-BUNDLE 1\n"
UNSIGNED = b"unsigned"
ENCRYPTION = "X25519-HKDF-SHA256-ChaCha20Poly1305"
_KDF_INFO = b"jaga-bundle 1 payload key"
MAX_HEADER_BYTES = 64 * 1024
MAX_ENTRY_LINE_BYTES = 64 * 1024
# ChaCha20-Poly1305 in `cryptography` takes at most 2**31-1 bytes in one call.
MAX_ENCRYPTED_PAYLOAD = 2**31 - 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class WrittenBundle:
    path: Path
    entries: int
    size: int


@dataclass
class OpenedBundle:
    """A bundle whose signature and digest checked out; `entries()` streams its lines.

    `entries()` raises TamperedBundle if the payload does not hold exactly the number of
    entries the signed header announces.
    """

    header: dict[str, Any]
    signer: TrustedKey | None
    _payload: Callable[[], IO[bytes]]

    def entries(self) -> Iterator[dict[str, Any]]:
        expected = self.header.get("entries")
        count = 0
        try:
            with self._payload() as raw, gzip.GzipFile(fileobj=raw, mode="rb") as lines:
                while line := lines.readline(MAX_ENTRY_LINE_BYTES + 1):
                    if len(line) > MAX_ENTRY_LINE_BYTES:
                        raise TamperedBundle(f"entry line {count + 1} is longer than allowed")
                    count += 1
                    item = json.loads(line)
                    if not isinstance(item, dict):
                        raise TamperedBundle(f"entry line {count} is not a JSON object")
                    yield item
        except (OSError, EOFError, zlib.error, json.JSONDecodeError, UnicodeDecodeError) as error:
            raise TamperedBundle(f"payload is damaged ({type(error).__name__})") from None
        if count != expected:
            raise TamperedBundle(f"payload holds {count} entries, the header says {expected}")


def write_bundle(
    path: Path,
    header: dict[str, Any],
    lines: Iterable[bytes],
    *,
    signer: KeyPair | None,
    recipient: PublicKeys | None,
) -> WrittenBundle:
    """Write `lines` (each one JSON object, newline-terminated) as a bundle at `path`.

    The payload is compressed to a temporary file next to `path` first (its digest goes in
    the header); the bundle appears at `path` only when complete.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=path.parent) as staging:
        count = 0
        with gzip.GzipFile(fileobj=staging, mode="wb", compresslevel=6, mtime=0) as compressed:
            for line in lines:
                compressed.write(line)
                count += 1
        staging.seek(0)
        fields = dict(header)
        fields.update(
            format=1,
            entries=count,
            signer=signer.public.signing_id if signer is not None else None,
            recipient=recipient.encryption_id if recipient is not None else None,
        )
        encrypted: bytes | None = None
        if recipient is None:
            fields["encryption"] = None
            digest, size = _digest(staging)
        else:
            fields["encryption"], key, nonce = _new_encryption(recipient)
            plaintext = staging.read()
            if len(plaintext) > MAX_ENCRYPTED_PAYLOAD:
                raise SharingError(
                    "the bank is too large to encrypt in one bundle (over 2 GiB compressed); "
                    "export it without --to and move it over a protected channel"
                )
            # The AEAD binds the header without the digest; the signature (over the whole
            # header) binds the ciphertext's digest.
            encrypted = ChaCha20Poly1305(key).encrypt(nonce, plaintext, _aad(fields))
            digest, size = hashlib.sha256(encrypted).hexdigest(), len(encrypted)
        fields["payload"] = {"compression": "gzip", "sha256": digest, "bytes": size}
        header_line = canonical(fields) + b"\n"
        signature = (
            base64.b64encode(signer.signing.sign(MAGIC + header_line))
            if signer is not None
            else UNSIGNED
        )
        partial = path.with_name(path.name + ".partial")
        try:
            with partial.open("wb") as out:
                out.write(MAGIC + header_line + signature + b"\n")
                if encrypted is not None:
                    out.write(encrypted)
                else:
                    staging.seek(0)
                    while chunk := staging.read(_CHUNK):
                        out.write(chunk)
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)  # never leave half a bundle behind
            raise
    return WrittenBundle(path, count, path.stat().st_size)


def open_bundle(
    path: Path,
    *,
    find_trusted: Callable[[str], TrustedKey | None],
    own_pairs: Callable[[], list[KeyPair]],
    allow_unsigned: bool = False,
) -> OpenedBundle:
    """Check a bundle's signature, signer and digest; refuse it with a clear reason."""
    with path.open("rb") as handle:
        if handle.read(len(MAGIC)) != MAGIC:
            raise TamperedBundle(f"{path}: not a Jaga bundle (its first line is wrong)")
        header_line = handle.readline(MAX_HEADER_BYTES)
        signature_line = handle.readline(200)
        offset = handle.tell()
        header = _parse_header(header_line)
        signer = _check_signature(header, header_line, signature_line, find_trusted, allow_unsigned)
        payload = header.get("payload")
        if not isinstance(payload, dict):
            raise TamperedBundle("the header has no payload digest")
        digest, size = _digest(handle)
        if digest != payload.get("sha256") or size != payload.get("bytes"):
            raise TamperedBundle(
                "the entries were altered after the bundle was written "
                "(their SHA-256 differs from the signed header's)"
            )
    encryption = header.get("encryption")
    if encryption is None:
        return OpenedBundle(header, signer, lambda: _file_from(path, offset))
    plaintext = _decrypt(path, offset, header, own_pairs())
    return OpenedBundle(header, signer, lambda: io.BytesIO(plaintext))


def canonical(fields: dict[str, Any]) -> bytes:
    """The one byte string a header has: sorted keys, no spaces, UTF-8."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _parse_header(line: bytes) -> dict[str, Any]:
    if not line.endswith(b"\n"):
        raise TamperedBundle("the bundle header is cut short or longer than allowed")
    try:
        header = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise TamperedBundle("the bundle header is not valid JSON (altered?)") from None
    if not isinstance(header, dict) or header.get("format") != 1:
        raise TamperedBundle("the bundle header is not a Jaga bundle header of format 1")
    return header


def _check_signature(
    header: dict[str, Any],
    header_line: bytes,
    signature_line: bytes,
    find_trusted: Callable[[str], TrustedKey | None],
    allow_unsigned: bool,
) -> TrustedKey | None:
    signature_text = signature_line.strip()
    signer_id = header.get("signer")
    if signature_text == UNSIGNED:
        if signer_id is not None:
            raise TamperedBundle(f"the header names signer {signer_id} but the signature is gone")
        if not allow_unsigned:
            raise UnsignedBundle(
                "the bundle is not signed, so nobody vouches for it; refused. Ask the sender "
                "for a signed bundle, or pass --allow-unsigned if you accept that risk"
            )
        return None
    if not isinstance(signer_id, str):
        raise TamperedBundle("the bundle is signed but its header names no signer")
    trusted = find_trusted(signer_id)
    if trusted is None:
        raise UntrustedSigner(
            f"the bundle is signed by key {signer_id}, which this instance does not trust; "
            "if its owner confirms that id, run 'jaga bundle trust THEIR-KEY.pub'"
        )
    try:
        signature = base64.b64decode(signature_text, validate=True)
        trusted.public_key.verify(signature, MAGIC + header_line)
    except (InvalidSignature, ValueError):
        raise TamperedBundle(
            f"the signature of key {signer_id} ({trusted.name}) does not match the header: "
            "the bundle was altered after it was signed"
        ) from None
    return trusted


def _new_encryption(recipient: PublicKeys) -> tuple[dict[str, str], bytes, bytes]:
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    key = _derive(ephemeral.exchange(recipient.encryption), ephemeral_public, recipient.encryption)
    nonce = os.urandom(12)
    fields = {
        "algorithm": ENCRYPTION,
        "ephemeral": base64.b64encode(ephemeral_public).decode("ascii"),
        "nonce": base64.b64encode(nonce).decode("ascii"),
    }
    return fields, key, nonce


def _decrypt(path: Path, offset: int, header: dict[str, Any], pairs: list[KeyPair]) -> bytes:
    encryption = header["encryption"]
    recipient_id = header.get("recipient")
    if not isinstance(encryption, dict) or encryption.get("algorithm") != ENCRYPTION:
        raise TamperedBundle(f"unknown encryption {encryption!r}; this Jaga reads {ENCRYPTION}")
    pair = next((p for p in pairs if p.public.encryption_id == recipient_id), None)
    if pair is None:
        raise NotForUs(
            f"the bundle is encrypted to key {recipient_id}, which is not among this "
            "instance's keys (jaga bundle keys); only its recipient can open it"
        )
    try:
        ephemeral_public = base64.b64decode(encryption["ephemeral"], validate=True)
        nonce = base64.b64decode(encryption["nonce"], validate=True)
        ephemeral = X25519PublicKey.from_public_bytes(ephemeral_public)
        own = pair.encryption.public_key()
        key = _derive(pair.encryption.exchange(ephemeral), ephemeral_public, own)
        with _file_from(path, offset) as handle:
            ciphertext = handle.read(MAX_ENCRYPTED_PAYLOAD + 17)
        fields = {k: v for k, v in header.items() if k != "payload"}
        return ChaCha20Poly1305(key).decrypt(nonce, ciphertext, _aad(fields))
    except (InvalidTag, ValueError, KeyError, TypeError):
        raise TamperedBundle("the encrypted entries do not decrypt: altered or damaged") from None


def _derive(shared: bytes, ephemeral_public: bytes, recipient: X25519PublicKey) -> bytes:
    """HKDF over the X25519 secret, bound to both public keys (as in HPKE and age)."""
    info = _KDF_INFO + ephemeral_public + recipient.public_bytes_raw()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(shared)


def _aad(fields_without_payload: dict[str, Any]) -> bytes:
    return MAGIC + canonical(fields_without_payload)


def _digest(handle: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := handle.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _file_from(path: Path, offset: int) -> IO[bytes]:
    handle = path.open("rb")
    handle.seek(offset)
    return handle
