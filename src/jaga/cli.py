"""The `jaga` command: a thin shell over the domain packages."""

from __future__ import annotations

from jaga.launch import new_app

app = new_app()


@app.command("demo")
def demo_command() -> None:
    """Seed demo banks from drawn pictures and scan altered copies (what `make run` does)."""
    from jaga.demo.run import run_demo

    run_demo()


def _register_commands() -> None:
    """Each domain package adds its own commands; this file only assembles them."""
    from jaga.actions import cli as actions_cli
    from jaga.api import cli as api_cli
    from jaga.auth import cli as auth_cli
    from jaga.banks import cli as banks_cli
    from jaga.exchange.connectors import cli as connectors_cli
    from jaga.finance import cli as finance_cli
    from jaga.hashing import cli as hashing_cli
    from jaga.robust import cli as robust_cli
    from jaga.scanning import cli as scanning_cli
    from jaga.sharing import cli as sharing_cli

    hashing_cli.register(app)
    banks_cli.register(app)
    scanning_cli.register(app)
    auth_cli.register(app)
    api_cli.register(app)
    actions_cli.register(app)
    sharing_cli.register(app)
    connectors_cli.register(app)
    finance_cli.register(app)
    robust_cli.register(app)


_register_commands()


def main() -> None:
    app()
