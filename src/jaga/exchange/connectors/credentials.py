"""Credentials of sync sources: from environment variables, or a JSON credentials file.

Never stored in the database and never printed. For a source named `industry` the
variables are JAGA_SYNC_INDUSTRY_<KEY> (e.g. JAGA_SYNC_INDUSTRY_PASSWORD); the file named
by JAGA_SYNC_CREDENTIALS_FILE holds {"industry": {"password": "..."}}. The environment wins.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from jaga.exchange.connectors.errors import MissingCredentials

CREDENTIALS_FILE_ENV = "JAGA_SYNC_CREDENTIALS_FILE"


def variable_name(source_name: str, key: str) -> str:
    """JAGA_SYNC_<SOURCE>_<KEY>, upper case, anything but letters and digits as '_'."""
    return re.sub(r"[^A-Z0-9]", "_", f"JAGA_SYNC_{source_name}_{key}".upper())


def credential(source_name: str, key: str, *, required: bool = True) -> str:
    """One credential of a source; MissingCredentials naming where to put it."""
    value = os.environ.get(variable_name(source_name, key), "")
    if not value:
        value = _from_file(source_name, key)
    if not value and required:
        raise MissingCredentials(
            f"source {source_name!r} needs {key}: set {variable_name(source_name, key)} "
            f"or add it to the file named by {CREDENTIALS_FILE_ENV}"
        )
    return value


def _from_file(source_name: str, key: str) -> str:
    path = os.environ.get(CREDENTIALS_FILE_ENV, "")
    if not path:
        return ""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise MissingCredentials(
            f"cannot read the credentials file named by {CREDENTIALS_FILE_ENV}: "
            f"{type(error).__name__}"
        ) from None
    entry = data.get(source_name, {}) if isinstance(data, dict) else {}
    value = entry.get(key, "") if isinstance(entry, dict) else ""
    return value if isinstance(value, str) else ""
