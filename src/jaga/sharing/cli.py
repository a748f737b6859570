"""`jaga bundle ...` and `jaga share ...`: thin shells over jaga.sharing.

Refusals (tampered, untrusted, unsigned, not for us) are one-line messages with exit code
1; usage errors exit 2. Secrets (a new partner key) go to stdout alone, once; key material
is never printed, only key ids. A subscription's partner key is read from an environment
variable, never from the command line (other users can see it in `ps`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.table import Table

from jaga.terminal import errors, fail, plural

if TYPE_CHECKING:
    from sqlalchemy import Engine

bundle_app = typer.Typer(help="Signed offline bundles of a bank, for air-gapped units.")
share_app = typer.Typer(help="Share banks with partner Jaga instances as live feeds.")
console = Console(soft_wrap=True)  # never break a path or a key id in two


def register(app: typer.Typer) -> None:
    """Add `jaga bundle` and `jaga share` to the `jaga` app."""
    app.add_typer(bundle_app, name="bundle")
    app.add_typer(share_app, name="share")


def _engine() -> Engine:
    from jaga.store import create_engine_for

    return create_engine_for()


@contextmanager
def _friendly_errors() -> Iterator[None]:
    from jaga.auth.errors import AuthError
    from jaga.banks.errors import BankError
    from jaga.sharing.errors import KeyFileError, PartnerError, SharingError, SubscriptionError

    try:
        yield
    except (KeyFileError, PartnerError, SubscriptionError, BankError, AuthError) as error:
        fail(str(error), 2)
    except SharingError as error:
        fail(f"refused: {error}", 1)


# ---- bundles ----------------------------------------------------------------------------


@bundle_app.command("keygen")
def keygen(name: str = typer.Argument(..., help="a name for the key pair, e.g. 'hotline'")) -> None:
    """Make a key pair: NAME.key (private, mode 0600) and NAME.pub (give it to partners)."""
    from jaga.sharing import keys

    with _friendly_errors():
        pair, private_path, public_path = keys.generate(name)
    console.print(f"key {name}: signing id {pair.public.signing_id}", highlight=False)
    console.print(f"  private: {private_path} (keep it; never send it)", highlight=False)
    console.print(f"  public:  {public_path} (give it to partners)", highlight=False)


@bundle_app.command("keys")
def list_keys() -> None:
    """This instance's own key pairs and the partner keys it trusts."""
    from jaga.sharing import keys
    from jaga.sharing.keyring import Keyring

    with _friendly_errors():
        own = keys.own_pairs()
        trusted = Keyring(_engine()).list()
    table = Table("kind", "name", "signing key id", "encryption key id / trusted since")
    for pair in own:
        public = pair.public
        table.add_row("own", pair.name, public.signing_id, public.encryption_id)
    for key in trusted:
        table.add_row("trusted", key.name, key.key_id, f"{key.created_at:%Y-%m-%d %H:%M}")
    console.print(table)


@bundle_app.command("trust")
def trust(
    public_file: Path = typer.Argument(..., help="the partner's NAME.pub"),
    name: str | None = typer.Option(None, "--name", help="name to trust it under"),
) -> None:
    """Accept bundles signed by this partner key. Compare its id with the partner first."""
    from jaga.sharing import keys
    from jaga.sharing.keyring import Keyring

    with _friendly_errors():
        trusted = Keyring(_engine()).trust(keys.load_public(public_file), name)
    console.print(f"trusted key {trusted.key_id} as {trusted.name!r}", highlight=False)


@bundle_app.command("untrust")
def untrust(name: str = typer.Argument(..., help="name or key id")) -> None:
    """Stop accepting bundles signed by this key."""
    from jaga.sharing.keyring import Keyring

    if not Keyring(_engine()).untrust(name):
        fail(f"no trusted key named {name!r} (see `jaga bundle keys`)", 2)
    console.print(f"no longer trusting {name}", highlight=False)


@bundle_app.command("export")
def export(
    bank: str = typer.Option(..., "--bank", help="the bank to export"),
    sign: str | None = typer.Option(None, "--sign", help="own key (name or .key path)"),
    to: Path | None = typer.Option(None, "--to", help="recipient's NAME.pub: encrypt to it"),
    out: Path | None = typer.Option(None, "--out", "-o", help="file (default BANK.jbundle)"),
    unsigned: bool = typer.Option(False, "--unsigned", help="write without a signature"),
) -> None:
    """Write a bank's active entries as one signed (optionally encrypted) bundle file."""
    from jaga.banks.service import BankService
    from jaga.sharing import keys
    from jaga.sharing.bundles import export_bundle

    if (sign is None) == (not unsigned):
        fail("give --sign KEY (or --unsigned, which receivers refuse by default)", 2)
    path = out or Path(f"{bank}.jbundle")
    with _friendly_errors():
        signer = keys.load_pair(sign) if sign is not None else None
        recipient = keys.load_public(to) if to is not None else None
        banks = BankService(_engine())
        total = sum(banks.get_bank(bank).enabled_entry_counts.values())
        columns = (*Progress.get_default_columns()[:1], BarColumn(), MofNCompleteColumn())
        with Progress(*columns, TimeRemainingColumn(), console=errors) as progress:
            task = progress.add_task(f"exporting {bank}", total=total)
            exported = export_bundle(
                banks,
                bank,
                path,
                signer=signer,
                recipient=recipient,
                on_entry=lambda: progress.advance(task),
            )
    signed = f"signed by {exported.signer_id}" if exported.signer_id else "UNSIGNED"
    encrypted = f", encrypted to {exported.recipient_id}" if exported.recipient_id else ""
    console.print(
        f"wrote {path}: {plural(exported.entries, 'entry', 'entries')}, "
        f"{exported.size:,} bytes, {signed}{encrypted}",
        highlight=False,
    )


@bundle_app.command("import")
def import_(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="the bundle"),
    into: str | None = typer.Option(None, "--into", help="bank (default: the bundle's)"),
    allow_unsigned: bool = typer.Option(
        False, "--allow-unsigned", help="accept a bundle nobody signed (not recommended)"
    ),
    mirror: bool = typer.Option(
        False, "--mirror", help="also delete entries earlier bundles of this origin brought"
    ),
    allow_replay: bool = typer.Option(
        False, "--allow-replay", help="accept a bundle imported before, or an older one"
    ),
) -> None:
    """Verify a bundle against the trusted keys, then import it; refuse it otherwise.

    With --mirror the bank follows the bundle exactly for what came from its origin:
    entries the origin withdrew since the last bundle are deleted here too.
    """
    from jaga.banks.service import BankService
    from jaga.sharing.bundles import import_bundle
    from jaga.sharing.keyring import Keyring

    with _friendly_errors():
        engine = _engine()
        imported = import_bundle(
            BankService(engine),
            Keyring(engine),
            file,
            into=into,
            allow_unsigned=allow_unsigned,
            allow_replay=allow_replay,
            mirror=mirror,
        )
    report = imported.report
    who = f"signed by {imported.signer!r}" if imported.signer else "UNSIGNED (allowed)"
    created = " (created)" if imported.created_bank else ""
    console.print(
        f"{file.name}: {who}, from bank {imported.origin_bank!r} of instance "
        f"{imported.origin_instance}, made {imported.created_at}",
        highlight=False,
        markup=False,
    )
    console.print(
        f"bank {imported.bank}{created}: {report.added:,} added, {report.updated:,} updated, "
        f"{report.unchanged:,} unchanged, {imported.withdrawn:,} withdrawn, "
        f"{report.quarantined_count:,} quarantined",
        highlight=False,
        markup=False,
    )


# ---- feeds -------------------------------------------------------------------------------


@share_app.command("partners")
def partners() -> None:
    """Partners and the banks published to each."""
    from jaga.sharing.partners import PartnerService

    table = Table("partner", "key", "banks")
    for partner in PartnerService(_engine()).list():
        table.add_row(partner.name, partner.key_name, ", ".join(partner.banks) or "-")
    console.print(table)


@share_app.command("add-partner")
def add_partner(name: str = typer.Argument(..., help="e.g. 'hotline-ph'")) -> None:
    """Add a partner; prints its API key once, on stdout (hand it over securely)."""
    from jaga.sharing.partners import PartnerService

    with _friendly_errors():
        partner, secret = PartnerService(_engine()).add(name)
    console.print(secret, markup=False, highlight=False, soft_wrap=True)
    errors.print(
        f"partner {name!r}: key {partner.key_name!r} (scope share:read) shown once; "
        f"publish banks with `jaga share publish BANK --partner {name}`",
        highlight=False,
    )


@share_app.command("remove-partner")
def remove_partner(name: str = typer.Argument(...)) -> None:
    """Forget a partner and revoke its key."""
    from jaga.sharing.partners import PartnerService

    with _friendly_errors():
        PartnerService(_engine()).remove(name)
    console.print(f"partner {name!r} removed; its key is revoked", highlight=False)


@share_app.command("publish")
def publish(
    bank: str = typer.Argument(...),
    partner: str = typer.Option(..., "--partner", help="the partner to share with"),
) -> None:
    """Share a bank's feed (entries, changes, deletions) with a partner."""
    from jaga.sharing.partners import PartnerService

    with _friendly_errors():
        new = PartnerService(_engine()).publish(bank, partner)
    state = "now shared" if new else "was shared already"
    console.print(f"bank {bank!r} {state} with {partner!r}", highlight=False)


@share_app.command("unpublish")
def unpublish(
    bank: str = typer.Argument(...),
    partner: str = typer.Option(..., "--partner", help="the partner"),
) -> None:
    """Stop sharing a bank with a partner."""
    from jaga.sharing.partners import PartnerService

    with _friendly_errors():
        gone = PartnerService(_engine()).unpublish(bank, partner)
    console.print(f"bank {bank!r} {'no longer' if gone else 'was not'} shared with {partner!r}")


@share_app.command("subscribe")
def subscribe(
    url: str = typer.Argument(..., help="the feed, e.g. https://a.example/v1/share/feeds/BANK"),
    key_env: str = typer.Option(
        ..., "--key-env", help="environment variable holding the partner key A gave you"
    ),
    into: str = typer.Option(..., "--into", help="local bank (created like the publisher's)"),
    trust: str = typer.Option(
        "review", "--trust", help="review: matches only make review items; auto: bank actions"
    ),
    name: str | None = typer.Option(None, "--name", help="subscription name (default: bank)"),
) -> None:
    """Follow another Jaga's feed into a local bank; then `jaga share pull`."""
    from jaga.banks.service import BankService
    from jaga.sharing.subscriptions import SubscriptionService

    secret = os.environ.get(key_env, "")
    if not secret:
        fail(f"environment variable {key_env} is not set or empty", 2)
    if url.startswith("http://"):
        errors.print(
            "[yellow]warning:[/yellow] plain http: the partner key and the hashes travel "
            "unencrypted; use https:// unless both ends are on a network you control",
            highlight=False,
        )
    with _friendly_errors():
        service = SubscriptionService(BankService(_engine()))
        chosen = name or into.lower()[:64]
        info = service.subscribe(chosen, url, secret, into=into, trust=trust)
    console.print(
        f"subscribed {info.name!r}: bank {info.source_bank!r} of {info.source_instance} "
        f"into {info.bank!r}, trust {info.trust}",
        highlight=False,
        markup=False,
    )


@share_app.command("subscriptions")
def subscriptions() -> None:
    """Subscriptions, their trust, and how their last pull went."""
    from jaga.banks.service import BankService
    from jaga.sharing.subscriptions import SubscriptionService

    table = Table("name", "bank", "trust", "source", "last pull", "error")
    for info in SubscriptionService(BankService(_engine())).subscriptions():
        pulled = f"{info.last_pulled_at:%Y-%m-%d %H:%M:%S}" if info.last_pulled_at else "never"
        source = f"{info.source_bank} @ {info.source_instance[:8]}"
        table.add_row(info.name, info.bank, info.trust, source, pulled, info.last_error or "-")
    console.print(table)


@share_app.command("unsubscribe")
def unsubscribe(name: str = typer.Argument(...)) -> None:
    """Stop pulling a feed (its bank and entries stay)."""
    from jaga.banks.service import BankService
    from jaga.sharing.subscriptions import SubscriptionService

    with _friendly_errors():
        SubscriptionService(BankService(_engine())).unsubscribe(name)
    console.print(f"unsubscribed {name!r}; its bank is kept", highlight=False)


@share_app.command("pull")
def pull(names: list[str] | None = typer.Argument(None, help="only these")) -> None:
    """Pull every subscription (or the named ones) to the end of its feed."""
    from jaga.banks.service import BankService
    from jaga.sharing.subscriptions import SubscriptionService

    with _friendly_errors():
        reports = SubscriptionService(BankService(_engine())).pull(names or None)
    if not reports:
        errors.print("no subscriptions to pull (see `jaga share subscribe`)", highlight=False)
    failed = False
    for report in reports:
        if report.error:
            failed = True
            errors.print(f"[red]{report.name}:[/red] {report.error}", highlight=False)
            continue
        console.print(
            f"{report.name}: {report.added:,} added, {report.removed:,} removed, "
            f"{report.quarantined:,} quarantined ({plural(report.pages, 'page')})",
            highlight=False,
            markup=False,
        )
    if failed:
        raise typer.Exit(1)
