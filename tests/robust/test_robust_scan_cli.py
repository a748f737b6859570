"""`jaga scan` with robust matching (issue 5's "must show"), on drawn benign pictures.

* against a plain list (only the reference PDQ of each original, as NCMEC/StopNCII lists
  hold), a copy padded by 20%, tilted 3° and captioned is missed by plain PDQ and found by
  robust matching, and the report says how;
* against a list Jaga built itself (`jaga robust add-images`: plain PDQ plus crop hashes),
  a 10%-cropped copy is missed by plain PDQ and found through a stored crop;
* unrelated drawn pictures, edited the same ways, match nothing.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from typer.testing import CliRunner

from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.cli import app
from jaga.demo.drawing import draw_scene

from .pictures import jpeg, reference_hex

ORIGINAL_SEEDS = (501, 502, 503)
STRANGER_SEEDS = (601, 602, 603)


def _jpeg(image: Image.Image, quality: int = 92) -> bytes:
    return jpeg(image, quality)


_reference_hex = reference_hex


def padded_tilted_captioned(image: Image.Image) -> Image.Image:
    """20% white padding around the picture, the whole tilted 3°, a caption on top."""
    width, height = image.size
    canvas = Image.new("RGB", (round(width * 1.2), round(height * 1.2)), (255, 255, 255))
    canvas.paste(image, ((canvas.width - width) // 2, (canvas.height - height) // 2))
    tilted = canvas.rotate(3, resample=Image.Resampling.BICUBIC, fillcolor=(0, 0, 0))
    draw = ImageDraw.Draw(tilted)
    draw.text(
        (tilted.width // 2, round(tilted.height * 0.9)),
        "shared by someone, look at this",
        font=ImageFont.load_default(size=max(10, tilted.height // 24)),
        fill="white",
        anchor="mm",
        stroke_width=1,
        stroke_fill="black",
    )
    return tilted


def cropped(image: Image.Image, share: float = 0.1) -> Image.Image:
    """The centre (1 - share) of the picture in each dimension."""
    width, height = image.size
    cut_x, cut_y = round(width * share / 2), round(height * share / 2)
    return image.crop((cut_x, cut_y, width - cut_x, height - cut_y))


def _scan(runner: CliRunner, folder: Path, bank: str, report: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(
        app,
        ["scan", str(folder), "--bank", bank, "--workers", "1", "--json", str(report), *extra],
    )
    assert result.exit_code in (0, 1), result.output
    data: dict = json.loads(report.read_text(encoding="utf-8"))  # type: ignore[type-arg]
    data["exit_code"] = result.exit_code
    data["output"] = result.output
    return data


def _how(data: dict, name: str) -> list[str]:  # type: ignore[type-arg]
    for item in data["files"]:
        if item["path"].endswith(name):
            return [m["how"] for m in item.get("matches", [])]
    raise AssertionError(f"{name} not in the report")


@pytest.fixture
def pictures(tmp_path: Path) -> dict[str, Image.Image]:
    return {f"original-{seed}": draw_scene(seed) for seed in ORIGINAL_SEEDS} | {
        f"stranger-{seed}": draw_scene(seed) for seed in STRANGER_SEEDS
    }


def test_plain_list_finds_padded_tilted_captioned_copy(
    database_url: str,
    bank_service: BankService,
    pictures: dict[str, Image.Image],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JAGA_DATABASE_URL", database_url)
    monkeypatch.setenv("JAGA_DATA_DIR", str(tmp_path / "var"))
    bank_service.create_bank("plain-list")
    bank_service.add_entries(
        "plain-list",
        [
            EntryInput("pdq", _reference_hex(image), original_id=name)
            for name, image in pictures.items()
            if name.startswith("original")
        ],
        source="test",
    )
    folder = tmp_path / "copies"
    folder.mkdir()
    for name, image in pictures.items():
        (folder / f"{name}-edited.jpg").write_bytes(_jpeg(padded_tilted_captioned(image)))
    runner = CliRunner()

    plain = _scan(runner, folder, "plain-list", tmp_path / "plain.json", "--no-robust")
    assert plain["exit_code"] == 0, plain["output"]  # plain PDQ misses every edited copy
    assert plain["banks"][0]["robust"] == "off"

    robust = _scan(runner, folder, "plain-list", tmp_path / "robust.json")
    assert robust["exit_code"] == 1, robust["output"]
    matched = sorted(Path(p).name for p in robust["matched"])
    assert matched == [f"original-{seed}-edited.jpg" for seed in ORIGINAL_SEEDS]
    for seed in ORIGINAL_SEEDS:
        hows = _how(robust, f"original-{seed}-edited.jpg")
        assert any("rotated back" in how and "de-bordered" in how for how in hows), hows
    assert "rotated back" in robust["output"]  # the terminal summary says it too

    bank_id = bank_service.get_bank("plain-list").bank_id
    assert bank_id
    off = runner.invoke(app, ["robust", "set", "plain-list", "--off"])
    assert off.exit_code == 0, off.output
    switched_off = _scan(runner, folder, "plain-list", tmp_path / "off.json")
    assert switched_off["exit_code"] == 0, switched_off["output"]


def test_jaga_built_list_finds_cropped_copy(
    database_url: str,
    bank_service: BankService,
    pictures: dict[str, Image.Image],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JAGA_DATABASE_URL", database_url)
    monkeypatch.setenv("JAGA_DATA_DIR", str(tmp_path / "var"))
    originals = tmp_path / "originals"
    originals.mkdir()
    for name, image in pictures.items():
        if name.startswith("original"):
            (originals / f"{name}.png").write_bytes(_png(image))
    bank_service.create_bank("built-list")
    runner = CliRunner()
    added = runner.invoke(app, ["robust", "add-images", "built-list", str(originals)])
    assert added.exit_code == 0, added.output
    assert "3 images added" in added.output
    shown = runner.invoke(app, ["robust", "show", "built-list"])
    assert "45 crop hashes" in shown.output, shown.output

    folder = tmp_path / "copies"
    folder.mkdir()
    for name, image in pictures.items():
        (folder / f"{name}-cropped.jpg").write_bytes(_jpeg(cropped(image)))

    plain = _scan(runner, folder, "built-list", tmp_path / "plain.json", "--no-robust")
    assert plain["exit_code"] == 0, plain["output"]

    robust = _scan(runner, folder, "built-list", tmp_path / "robust.json")
    assert robust["exit_code"] == 1, robust["output"]
    matched = sorted(Path(p).name for p in robust["matched"])
    assert matched == [f"original-{seed}-cropped.jpg" for seed in ORIGINAL_SEEDS]
    for seed in ORIGINAL_SEEDS:
        hows = _how(robust, f"original-{seed}-cropped.jpg")
        assert any("crop 10% (centre)" in how for how in hows), hows


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
