"""What every `jaga` command shares on the terminal: the one-line error style, counts in
correct English, and a quiet exit when stdout's reader goes away (`| head`).

One module, so that the bank, key, hash and scan commands cannot drift apart.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console
from rich.markup import escape

BROKEN_PIPE_EXIT = 141  # 128 + SIGPIPE, what a shell reports for `cat big | head`

errors = Console(stderr=True, soft_wrap=True)  # never break a path in two


def fail(message: str, code: int) -> NoReturn:
    """Print `error: message` on stderr and exit with `code` (2 usage, 1 or 3 failure)."""
    errors.print(f"[red]error:[/red] {escape(message)}", highlight=False)
    raise typer.Exit(code)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """ "1 file", "2 files", "1,000 entries": counts people read, in correct English."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {word}"


@contextmanager
def exit_quietly_on_broken_pipe() -> Iterator[None]:
    """Stop with BROKEN_PIPE_EXIT, not "[Errno 32] Broken pipe", when stdout's reader left.

    The standard recipe: stdout is pointed at /dev/null so the flush at exit cannot fail
    a second time.
    """
    try:
        yield
    except BrokenPipeError:
        stdout_went_away()


def stdout_went_away() -> NoReturn:
    """See `exit_quietly_on_broken_pipe`."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file descriptor (a test runner's buffer): nothing to flush
    raise typer.Exit(code=BROKEN_PIPE_EXIT)
