"""`jaga robust ...`: per-bank robust matching, and building lists with crop hashes.

    jaga robust show BANK
    jaga robust set BANK [--on|--off] [--deborder/--no-deborder] [--max-angle N]
                         [--regions/--no-regions] [--agree/--no-agree] [--agree-distance N]
                         [--verify/--no-verify]
                         [--verify-distance N] [--verify-candidates N] [--verify-min-inliers N]
    jaga robust add-images BANK FILE_OR_FOLDER... [--category C]

`add-images` is for lists Jaga builds itself from originals (a hotline's own confirmed
material, or benign test pictures): it stores the plain PDQ of each image as an entry and,
beside it, the PDQ of 15 crops (so that cropped copies match too) and the image's ORB
keypoints (so that heavily edited copies can be verified by local features). Hash values are never
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
    from jaga.robust.verify import VerifyStore
    from jaga.store import create_engine_for

    engine = create_engine_for()
    store, verify_store = RobustStore(engine), VerifyStore(engine)
    try:
        settings = store.bank_settings(bank)
        regions = store.region_count(bank)
        verify = verify_store.bank_settings(bank)
        with_features = verify_store.feature_count(bank)
    except BankNotFound as error:
        fail(str(error), 2)
    console.print(f"bank {bank}: robust matching {'on' if settings.enabled else 'off'}")
    console.print(f"  de-bordering (frames, padding, screenshots): {settings.deborder}")
    console.print(f"  tilted copies turned back: up to {settings.max_angle}°")
    count = plural(regions, "crop hash", "crop hashes")
    console.print(f"  stored crop hashes used: {settings.regions} ({count})")
    console.print(
        f"  large text painted out at both decodes, agreeing on one entry: {settings.agree} "
        f"(each within {settings.agree_distance} bits)"
    )
    console.print(
        f"  verification by local features: {verify.enabled} "
        f"({plural(with_features, 'original')} with features; candidates within "
        f"{verify.distance} bits, at most {verify.candidates} checked, "
        f"at least {verify.min_inliers} inliers)"
    )


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
    agree: bool | None = typer.Option(
        None,
        "--agree/--no-agree",
        help="Match when both decodes' text-painted-out views agree on one entry.",
    ),
    agree_distance: int | None = typer.Option(
        None, "--agree-distance", help="Distance each agreeing view must be within (0-40)."
    ),
    verify: bool | None = typer.Option(
        None,
        "--verify/--no-verify",
        help="Check near misses against stored local features (Jaga-built lists).",
    ),
    verify_distance: int | None = typer.Option(
        None, "--verify-distance", help="Looser PDQ distance for candidates to check (0-128)."
    ),
    verify_candidates: int | None = typer.Option(
        None, "--verify-candidates", help="Most candidates checked per picture (1-20)."
    ),
    verify_min_inliers: int | None = typer.Option(
        None, "--verify-min-inliers", help="Inliers a geometric fit needs to accept (8-200)."
    ),
) -> None:
    """Switch robust matching on or off for a bank, or tune it."""
    from jaga.banks.errors import BankNotFound
    from jaga.robust.settings import RobustSettingsError, RobustStore
    from jaga.robust.verify import VerifySettingsError, VerifyStore
    from jaga.store import create_engine_for

    engine = create_engine_for()
    store = RobustStore(engine)
    tune_verify = (verify, verify_distance, verify_candidates, verify_min_inliers)
    try:
        robust_changes = (on, deborder, max_angle, regions, agree, agree_distance)
        if any(v is not None for v in robust_changes) or not any(
            v is not None for v in tune_verify
        ):
            settings = store.update(
                bank,
                enabled=on,
                deborder=deborder,
                max_angle=max_angle,
                regions=regions,
                agree=agree,
                agree_distance=agree_distance,
            )
        else:
            settings = store.bank_settings(bank)
        checked = VerifyStore(engine)
        verifying = (
            checked.update(
                bank,
                enabled=verify,
                distance=verify_distance,
                candidates=verify_candidates,
                min_inliers=verify_min_inliers,
            )
            if any(v is not None for v in tune_verify)
            else checked.bank_settings(bank)
        )
    except (BankNotFound, RobustSettingsError, VerifySettingsError) as error:
        fail(str(error), 2)
    console.print(
        f"bank {bank}: robust matching {'on' if settings.enabled else 'off'} "
        f"(de-bordering {settings.deborder}, tilts up to {settings.max_angle}°, "
        f"crops {settings.regions}, two decodes agreeing {settings.agree} "
        f"(within {settings.agree_distance}), local-feature verification {verifying.enabled}: "
        f"within {verifying.distance} bits, {verifying.candidates} candidates, "
        f"{verifying.min_inliers} inliers)"
    )


@robust_app.command("add-images")
def add_images_command(
    bank: str = typer.Argument(..., help="Bank name."),
    paths: list[Path] = typer.Argument(..., help="Image files or folders of originals."),
    category: str = typer.Option("", "--category", help="Category of every entry added."),
) -> None:
    """Add originals to a bank Jaga builds itself: plain PDQ, crop hashes and local features."""
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
        f"bank {bank}: {plural(added, 'image')} added with crop hashes and local features, "
        f"{skipped} skipped"
    )
