"""The `jaga` console script: the root app, and a short start for `jaga finance ...`.

`jaga.cli` imports every domain's commands before parsing anything, and some of them import
NumPy and Pillow at module level (image hashing): about half a second of start-up that
`jaga finance score` (issue 6: a million payments in seconds) never uses. The finance
commands only need their own group, so for them the root app is built with that group alone;
every other command line goes through `jaga.cli` unchanged.
"""

from __future__ import annotations

import sys

import typer

ROOT_HELP = "Jaga: hash images, keep hash lists (banks) and find known content."


def new_app() -> typer.Typer:
    """The root `jaga` app, without any domain's commands (shared by both start paths)."""
    app = typer.Typer(
        name="jaga",
        help=ROOT_HELP,
        no_args_is_help=True,
        pretty_exceptions_show_locals=False,
        add_completion=False,
    )

    @app.callback()
    def _root() -> None:
        """Jaga: hash images, keep hash lists (banks) and find known content."""

    return app


def finance_app() -> typer.Typer:
    """The root app with the finance group only (what `jaga finance ...` runs)."""
    from jaga.finance import cli as finance_cli

    app = new_app()
    finance_cli.register(app)
    return app


def main() -> None:
    """Entry point of the `jaga` script."""
    if sys.argv[1:2] == ["finance"]:
        finance_app()()
        return
    from jaga.cli import main as full_main

    full_main()
