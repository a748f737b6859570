"""What `jaga serve` sets up before Uvicorn starts its workers.

Workers are separate processes that build the app themselves, so what they must share
travels in environment variables they inherit: the log format, and the folder where
prometheus-client keeps each worker's metric values for /metrics to add up. The metrics
folder must be chosen before prometheus-client is first imported (it picks its storage
at import), which is why this module does not import it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from jaga.api import logging_setup
from jaga.config import data_dir

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


def prepare_serve_environment() -> str:
    """Set the environment the workers inherit, configure this process's logs, and return
    the log format ('json' or 'console'). An operator's own PROMETHEUS_MULTIPROC_DIR or
    JAGA_LOG_FORMAT is kept (a metrics folder given by hand must be emptied by hand)."""
    log_format = logging_setup.chosen_format()
    os.environ[logging_setup.LOG_FORMAT_ENV] = log_format
    logging_setup.configure_logging(log_format)
    if not os.environ.get(MULTIPROC_ENV):
        os.environ[MULTIPROC_ENV] = str(fresh_metrics_dir(data_dir() / "metrics"))
    return log_format


def fresh_metrics_dir(base: Path) -> Path:
    """An empty folder for this run's metric files under `base`; returns it.

    One folder per `jaga serve` (named by its pid), so two services on one data folder do
    not mix their numbers; folders of runs whose process is gone are removed, so counters
    start from zero at each start, as Prometheus expects of a restarted target.
    """
    base.mkdir(parents=True, exist_ok=True)
    for old in base.glob("run-*"):
        pid = old.name.removeprefix("run-")
        if not pid.isdigit() or int(pid) == os.getpid() or not _alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    folder = base / f"run-{os.getpid()}"
    folder.mkdir()
    return folder


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True
