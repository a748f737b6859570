"""Developer entry point for migrations: `python -m jaga.store upgrade|current|history|revision`.

The database is `--url` or `jaga.config.database_url()` (JAGA_DATABASE_URL or ./var/jaga.db).
"""

from __future__ import annotations

import argparse

from alembic import command

from jaga import config
from jaga.store.migrate import alembic_config


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m jaga.store", description=__doc__)
    parser.add_argument("--url", default=None, help="database URL (default: Jaga's configured one)")
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("upgrade", help="apply migrations up to head")
    sub.add_parser("current", help="show the database's revision")
    sub.add_parser("history", help="list the migrations")
    revision = sub.add_parser("revision", help="autogenerate a migration from the models")
    revision.add_argument("-m", "--message", required=True)
    args = parser.parse_args(argv)

    cfg = alembic_config(args.url or config.database_url())
    if args.action == "upgrade":
        command.upgrade(cfg, "head")
    elif args.action == "current":
        command.current(cfg, verbose=True)
    elif args.action == "history":
        command.history(cfg)
    else:
        command.revision(cfg, message=args.message, autogenerate=True)


if __name__ == "__main__":
    main()
