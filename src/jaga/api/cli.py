"""`jaga serve`: run the HTTP service."""

from __future__ import annotations

import typer

WALKTHROUGH = """\
Jaga API on {url}/  (interactive docs: {url}/docs)
Try it from another terminal, in this folder:
  KEY=$(.venv/bin/jaga keys create me --scope hash --scope match)
  curl -s -H "Authorization: Bearer $KEY" -F file=@var/demo/incoming/sample-1-mirror.jpg \\
       {url}/v1/hash-and-match
  curl -s -o /dev/null -w "%{{http_code}}\\n" -F file=@var/demo/incoming/sample-1-mirror.jpg \\
       {url}/v1/hash-and-match        # no key: 401
HMA-compatible, as ROOST Coop calls it (docs/hma.md): hash, then look the hash up:
  PDQ=$(curl -s -H "Authorization: Bearer $KEY" \\
       -F photo=@var/demo/incoming/sample-2-exact-copy.jpg \\
       {url}/h/hash | python3 -c 'import json,sys; print(json.load(sys.stdin)["pdq"])')
  curl -s -H "Authorization: Bearer $KEY" "{url}//m/lookup?signal_type=pdq&signal=$PDQ"
Stop with Ctrl-C."""


def serve_command(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(1, min=1, help="Worker processes (each loads the index)."),
    seed_demo: bool = typer.Option(
        False, help="First create bank 'demo' with the drawn sample pictures, if missing."
    ),
) -> None:
    """Run the API (docs at /docs). Every call but /healthz and /readyz needs an API key."""
    import uvicorn

    from jaga.api.serve_env import prepare_serve_environment

    log_format = prepare_serve_environment()  # before workers start: they inherit it
    if seed_demo:
        from jaga.banks.service import BankService
        from jaga.demo.run import SERVED_DEMO_BANK, seed_demo_bank
        from jaga.store import create_engine_for

        if seed_demo_bank(BankService(create_engine_for())):
            typer.echo(
                f"Created bank {SERVED_DEMO_BANK!r} with the drawn sample pictures.", err=True
            )
    if log_format == "console" or seed_demo:  # a person trying it; else pure JSON lines
        typer.echo(WALKTHROUGH.format(url=f"http://{host}:{port}"), err=True)
    uvicorn.run(
        "jaga.api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        log_config=None,  # Jaga's structured logging (jaga.api.logging_setup) instead
        access_log=False,  # Jaga writes its own access line (jaga.api.request_log)
    )


def register(app: typer.Typer) -> None:
    """Add `jaga serve` to the `jaga` app."""
    app.command("serve")(serve_command)
