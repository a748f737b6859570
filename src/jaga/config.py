"""Where Jaga keeps its state.

One place decides the database URL and the data folder so that the CLI, the demo and
(later) the service all agree without passing paths around.
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_URL_ENV = "JAGA_DATABASE_URL"
DATA_DIR_ENV = "JAGA_DATA_DIR"


def data_dir() -> Path:
    """The folder for the embedded database and index snapshots (`./var` by default)."""
    return Path(os.environ.get(DATA_DIR_ENV, "var")).resolve()


def database_url() -> str:
    """`JAGA_DATABASE_URL` if set (e.g. PostgreSQL in production), else SQLite under `./var/`."""
    url = os.environ.get(DATABASE_URL_ENV)
    if url:
        return url
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'jaga.db'}"
