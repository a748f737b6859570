"""This instance's own key pairs, kept as files: an Ed25519 key to sign bundles and an
X25519 key to receive bundles encrypted to it.

Private keys live in `<data dir>/keys/NAME.key`, created with mode 0600 and refused when
anyone but the owner may read them (as ssh does), so a key never leaks through a loose
umask. `NAME.pub` holds the two public keys; it is what an operator hands to partners.
Keys are never logged or printed; only their ids (a digest prefix) are shown.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from jaga.config import data_dir
from jaga.sharing.errors import KeyFileError

KEY_NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
PUBLIC_KIND = "jaga-public-key"
PRIVATE_KIND = "jaga-private-key"


def keys_dir() -> Path:
    """Where own key pairs are kept: `<data dir>/keys`."""
    return data_dir() / "keys"


def key_id(raw_public: bytes) -> str:
    """A key's short name: the first 16 hex digits of the SHA-256 of its raw public bytes."""
    return hashlib.sha256(raw_public).hexdigest()[:16]


def check_key_name(name: str) -> str:
    if not KEY_NAME_PATTERN.fullmatch(name):
        raise KeyFileError(
            f"key name {name!r} is not allowed: use 1-64 lower-case letters, digits, '-' or "
            "'_' (e.g. 'hotline-2026')"
        )
    return name


@dataclass(frozen=True)
class PublicKeys:
    """A partner's (or our own) public half: to verify its signatures, to encrypt to it."""

    name: str
    signing: Ed25519PublicKey
    encryption: X25519PublicKey

    @property
    def signing_id(self) -> str:
        return key_id(self.signing.public_bytes_raw())

    @property
    def encryption_id(self) -> str:
        return key_id(self.encryption.public_bytes_raw())

    def to_json(self) -> str:
        return json.dumps(
            {
                "kind": PUBLIC_KIND,
                "name": self.name,
                "ed25519": _b64(self.signing.public_bytes_raw()),
                "x25519": _b64(self.encryption.public_bytes_raw()),
                "key_id": self.signing_id,
            },
            indent=2,
        )


@dataclass(frozen=True)
class KeyPair:
    """One of our own key pairs. Its repr names the key only, never the secret."""

    name: str
    signing: Ed25519PrivateKey
    encryption: X25519PrivateKey

    @property
    def public(self) -> PublicKeys:
        return PublicKeys(self.name, self.signing.public_key(), self.encryption.public_key())

    def __repr__(self) -> str:
        return f"KeyPair(name={self.name!r}, key_id={self.public.signing_id!r})"


def generate(name: str, folder: Path | None = None) -> tuple[KeyPair, Path, Path]:
    """Make a new key pair; write NAME.key (0600) and NAME.pub. Refuses to overwrite."""
    folder = folder or keys_dir()
    check_key_name(name)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    pair = KeyPair(name, Ed25519PrivateKey.generate(), X25519PrivateKey.generate())
    private_path, public_path = folder / f"{name}.key", folder / f"{name}.pub"
    if private_path.exists() or public_path.exists():
        raise KeyFileError(
            f"{private_path}: a key named {name!r} exists already; pick another name"
        )
    secret = json.dumps(
        {
            "kind": PRIVATE_KIND,
            "name": name,
            "ed25519": _b64(pair.signing.private_bytes_raw()),
            "x25519": _b64(pair.encryption.private_bytes_raw()),
        }
    )
    descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(secret)
    public_path.write_text(pair.public.to_json() + "\n", encoding="utf-8")
    return pair, private_path, public_path


def load_pair(name_or_path: str, folder: Path | None = None) -> KeyPair:
    """Our key pair by name (in the keys folder) or by the path of its .key file."""
    path = _private_path(name_or_path, folder or keys_dir())
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyFileError(
            f"{path}: private key is readable by others (mode {stat.S_IMODE(mode):o}); "
            f"run 'chmod 600 {path}'"
        )
    data = _read_json(path, PRIVATE_KIND)
    try:
        return KeyPair(
            str(data["name"]),
            Ed25519PrivateKey.from_private_bytes(_unb64(data["ed25519"])),
            X25519PrivateKey.from_private_bytes(_unb64(data["x25519"])),
        )
    except (KeyError, ValueError, TypeError):
        raise KeyFileError(f"{path}: not a Jaga private key file") from None


def own_pairs(folder: Path | None = None) -> list[KeyPair]:
    """Every key pair in the keys folder, by name (to find the one a bundle is for)."""
    folder = folder or keys_dir()
    if not folder.is_dir():
        return []
    return [load_pair(str(path), folder) for path in sorted(folder.glob("*.key"))]


def load_public(path: Path) -> PublicKeys:
    """A partner's public key file (what `jaga bundle keygen` wrote as NAME.pub)."""
    data = _read_json(path, PUBLIC_KIND)
    try:
        return PublicKeys(
            str(data["name"]),
            Ed25519PublicKey.from_public_bytes(_unb64(data["ed25519"])),
            X25519PublicKey.from_public_bytes(_unb64(data["x25519"])),
        )
    except (KeyError, ValueError, TypeError):
        raise KeyFileError(f"{path}: not a Jaga public key file (damaged?)") from None


def _private_path(name_or_path: str, folder: Path) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix == ".key" or os.sep in name_or_path:
        path = candidate
    else:
        path = folder / f"{check_key_name(name_or_path)}.key"
    if not path.is_file():
        raise KeyFileError(
            f"{path}: no such private key; make one with 'jaga bundle keygen NAME' "
            "or give the path of a .key file"
        )
    return path


def _read_json(path: Path, kind: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise KeyFileError(f"{path}: cannot read key file ({type(error).__name__})") from None
    if not isinstance(data, dict) or data.get("kind") != kind:
        raise KeyFileError(f"{path}: not a {kind} file")
    return data


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text, validate=True)
