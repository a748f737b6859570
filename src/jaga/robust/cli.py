"""`jaga robust ...`: per-bank robust matching, and building lists with crop hashes.

    jaga robust show BANK
    jaga robust set BANK [--on|--off] [--deborder/--no-deborder] [--max-angle N]
                         [--regions/--no-regions]
    jaga robust add-images BANK FILE_OR_FOLDER... [--category C]

`add-images` is for lists Jaga builds itself from originals (a hotline's own confirmed
material, or benign test pictures): it stores the plain PDQ of each image as an entry and,
beside it, the PDQ of ten crops, so that cropped copies match too. Hash values are never
printed.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from jaga.terminal import fail, plural

robust_app = typer.Typer(
    help="Robust matching per bank (framed, tilted, cropped copies); lists with crop hashes."
)
console = Console()


def register(app: typer.Typer) -> None:
    """Add the `robust` command group to the `jaga` app."""
    app.add_typer(robust_app, name="robust")


@robust_app.command("show")
def show_command(bank: str = typer.Argument(..., help="Bank name.")) -> None:
    """Show a bank's robust-matching settings and how many crop hashes it holds."""
    from jaga.banks.errors import BankNotFound
    from jaga.robust.settings import RobustStore
    from jaga.store import create_engine_for

    store = RobustStore(create_engine_for())
    try:
        settings = store.bank_settings(bank)
        regions = store.region_count(bank)
    except BankNotFound as error:
        fail(str(error), 2)
    console.print(f"bank {bank}: robust matching {'on' if settings.enabled else 'off'}")
    console.print(f"  de-bordering (frames, padding, screenshots): {settings.deborder}")
    console.print(f"  tilted copies turned back: up to {settings.max_angle}°")
    count = plural(regions, "crop hash", "crop hashes")
    console.print(f"  stored crop hashes used: {settings.regions} ({count})")


@robust_app.command("set")
def set_command(
    bank: str = typer.Argument(..., help="Bank name."),
    on: bool | None = typer.Option(None, "--on/--off", help="Robust matching for this bank."),
    deborder: bool | None = typer.Option(
        None, "--deborder/--no-deborder", help="Try the photo inside frames and canvases."
    ),
    max_angle: int | None = typer.Option(
        None, "--max-angle", help="Largest tilt tried, degrees (0-16; 0: none)."
    ),
    regions: bool | None = typer.Option(
        None, "--regions/--no-regions", help="Use the crop hashes stored with the entries."
    ),
) -> None:
    """Switch robust matching on or off for a bank, or tune it."""
    from jaga.banks.errors import BankNotFound
    from jaga.robust.settings import RobustSettingsError, RobustStore
    from jaga.store import create_engine_for

    store = RobustStore(create_engine_for())
    try:
        settings = store.update(
            bank, enabled=on, deborder=deborder, max_angle=max_angle, regions=regions
        )
    except (BankNotFound, RobustSettingsError) as error:
        fail(str(error), 2)
    console.print(
        f"bank {bank}: robust matching {'on' if settings.enabled else 'off'} "
        f"(de-bordering {settings.deborder}, tilts up to {settings.max_angle}°, "
        f"crops {settings.regions})"
    )


@robust_app.command("add-images")
def add_images_command(
    bank: str = typer.Argument(..., help="Bank name."),
    paths: list[Path] = typer.Argument(..., help="Image files or folders of originals."),
    category: str = typer.Option("", "--category", help="Category of every entry added."),
) -> None:
    """Add originals to a bank Jaga builds itself: plain PDQ plus crop hashes per image."""
    from jaga.banks.errors import BankError
    from jaga.banks.service import BankService
    from jaga.hashing.hasher import iter_image_files
    from jaga.robust.build import add_original
    from jaga.robust.settings import RobustStore
    from jaga.store import create_engine_for

    engine = create_engine_for()
    service, store = BankService(engine), RobustStore(engine)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or folder: {', '.join(missing)}", 2)
    added = skipped = 0
    try:
        service.get_bank(bank, with_counts=False)
        for path in iter_image_files(paths):
            reason = add_original(service, store, bank, path, category=category)
            if reason is None:
                added += 1
            else:
                skipped += 1
                console.print(f"[yellow]skipped[/yellow] {path}: {reason}")
    except BankError as error:
        fail(str(error), 2)
    console.print(
        f"bank {bank}: {plural(added, 'image')} added with crop hashes, {skipped} skipped"
    )
