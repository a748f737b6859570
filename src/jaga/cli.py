"""The `jaga` command: a thin shell over the domain packages."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="jaga",
    help="Jaga: hash images, keep hash lists (banks) and find known content.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)


@app.callback()
def _root() -> None:
    """Jaga: hash images, keep hash lists (banks) and find known content."""


def main() -> None:
    app()
