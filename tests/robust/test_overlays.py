"""The overlay view on drawn pictures: meme lettering and a badge are found and painted out.

A picture listed by its plain PDQ (as NCMEC/StopNCII lists hold it) gets big outlined text
and a semi-transparent badge; plain PDQ loses it, the "painted out" view finds it, and the
scan report says so. An unrelated picture under the very same overlay must not match.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pdqhash
import pytest
from PIL import Image, ImageDraw, ImageFont
from typer.testing import CliRunner

from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.cli import app
from jaga.demo.drawing import draw_scene
from jaga.hashing.hasher import hash_bytes
from jaga.hashing.image_io import iter_luma_frames, open_image
from jaga.hashing.pdq import bit_vector_to_hex, hamming_distance_hex
from jaga.robust.overlays import find_overlays
from jaga.robust.views import ViewSettings

ORIGINAL_SEEDS = (501, 502)
STRANGER_SEEDS = (601, 602)


def _photo_like(seed: int) -> Image.Image:
    """A drawn scene with photo-like colour (the raw scenes are flat saturated graphics
    themselves, which is exactly what the badge detector looks for)."""
    scene = draw_scene(seed)
    return Image.blend(scene, scene.convert("L").convert("RGB"), 0.6)


def overlaid(image: Image.Image) -> Image.Image:
    """Two lines of big white lettering with a black outline, and a red badge with a disc."""
    copy = image.copy()
    width, height = copy.size
    draw = ImageDraw.Draw(copy, "RGBA")
    font = ImageFont.load_default(size=height // 11)
    for text, y in (("NOBODY EXPECTS", 0.05), ("A PLACEHOLDER", 0.84)):
        draw.text(
            (width // 2, round(height * y)),
            text,
            font=font,
            fill="white",
            anchor="mt",
            stroke_width=max(2, height // 90),
            stroke_fill="black",
        )
    side = width // 6
    left, top = width - side - width // 20, height // 2 - side // 4
    draw.rounded_rectangle(
        (left, top, left + side, top + side // 2), radius=side // 10, fill=(200, 30, 40, 210)
    )
    draw.ellipse(
        (left + 6, top + 6, left + side // 2 - 6, top + side // 2 - 6), fill=(255, 255, 255, 230)
    )
    return copy


def _jpeg(image: Image.Image, quality: int = 90) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def _reference_hex(image: Image.Image) -> str:
    bits, _quality = pdqhash.compute(np.asarray(image.convert("RGB")))
    return bit_vector_to_hex(bits)


def _frame(data: bytes):  # type: ignore[no-untyped-def]
    with open_image(data) as opened:
        return next(iter_luma_frames(opened, colour=True))


@pytest.mark.parametrize("seed", ORIGINAL_SEEDS)
def test_text_and_badge_are_painted_out_and_the_copy_comes_back(seed: int) -> None:
    original = _photo_like(seed)
    reference = _reference_hex(original)
    hashes = hash_bytes(_jpeg(overlaid(original)), "copy.jpg", dihedral=True, views=ViewSettings())
    assert hamming_distance_hex(reference, hashes.pdq[0].hex) > 31  # plain PDQ loses it
    how, closest = min(hashes.views, key=lambda v: hamming_distance_hex(reference, v[1].hex))
    assert hamming_distance_hex(reference, closest.hex) <= 31
    assert how == "overlaid text and logo painted out"


def test_an_unrelated_picture_under_the_same_overlay_matches_nothing() -> None:
    references = [_reference_hex(_photo_like(seed)) for seed in ORIGINAL_SEEDS]
    for seed in STRANGER_SEEDS:
        hashes = hash_bytes(
            _jpeg(overlaid(_photo_like(seed))), "stranger.jpg", dihedral=True, views=ViewSettings()
        )
        assert any("painted out" in how for how, _pdq in hashes.views)  # the view was made
        every = [h.hex for h in hashes.pdq] + [v.hex for _how, v in hashes.views]
        every += [d for h in hashes.pdq for d in h.dihedral]
        closest = min(hamming_distance_hex(r, h) for r in references for h in every)
        assert closest > 31, closest


def test_clean_pictures_have_no_overlay_and_no_extra_view() -> None:
    for seed in (*ORIGINAL_SEEDS, *STRANGER_SEEDS):
        frame = _frame(_jpeg(_photo_like(seed)))
        assert frame.chroma is not None
        assert find_overlays(frame.luma, frame.chroma) is None
        hashes = hash_bytes(_jpeg(_photo_like(seed)), "clean.jpg", views=ViewSettings())
        assert not any("overlaid" in how for how, _pdq in hashes.views)


def test_overlay_kinds_and_mask_cover_the_drawing() -> None:
    frame = _frame(_jpeg(overlaid(_photo_like(501))))
    found = find_overlays(frame.luma, frame.chroma)
    assert found is not None and found.kinds == ("text", "logo")
    height, width = found.mask.shape
    # The lettering sits in the top and bottom bands, the badge right of the middle.
    assert found.mask[: height // 6].mean() > 0.1
    assert found.mask[round(height * 0.8) :].mean() > 0.1
    badge = found.mask[
        height // 2 - height // 20 : height // 2, width - width // 5 : width - width // 12
    ]
    assert badge.mean() > 0.8
    # The photo between them is left alone.
    assert found.mask[height // 4 : height // 2 - height // 8, : width // 2].mean() < 0.02


def test_colour_decode_keeps_the_same_luma() -> None:
    data = _jpeg(overlaid(_photo_like(502)))
    with open_image(data) as opened:
        plain = next(iter_luma_frames(opened))
    coloured = _frame(data)
    assert plain.chroma is None and coloured.chroma is not None
    assert np.array_equal(plain.luma, coloured.luma)  # PDQ sees the very same pixels


def _scan(runner: CliRunner, folder: Path, bank: str, report: Path, *extra: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(
        app,
        ["scan", str(folder), "--bank", bank, "--workers", "1", "--json", str(report), *extra],
    )
    assert result.exit_code in (0, 1), result.output
    data: dict = json.loads(report.read_text(encoding="utf-8"))  # type: ignore[type-arg]
    data["exit_code"] = result.exit_code
    return data


def test_scan_against_a_plain_list_finds_the_overlaid_copy_and_says_how(
    database_url: str,
    bank_service: BankService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JAGA_DATABASE_URL", database_url)
    monkeypatch.setenv("JAGA_DATA_DIR", str(tmp_path / "var"))
    bank_service.create_bank("plain-list")
    bank_service.add_entries(
        "plain-list",
        [
            EntryInput("pdq", _reference_hex(_photo_like(seed)), original_id=f"original-{seed}")
            for seed in ORIGINAL_SEEDS
        ],
        source="test",
    )
    folder = tmp_path / "copies"
    folder.mkdir()
    for kind, seeds in (("original", ORIGINAL_SEEDS), ("stranger", STRANGER_SEEDS)):
        for seed in seeds:
            (folder / f"{kind}-{seed}-meme.jpg").write_bytes(_jpeg(overlaid(_photo_like(seed))))
    runner = CliRunner()

    plain = _scan(runner, folder, "plain-list", tmp_path / "plain.json", "--no-robust")
    assert plain["exit_code"] == 0  # plain PDQ misses every overlaid copy

    robust = _scan(runner, folder, "plain-list", tmp_path / "robust.json")
    assert robust["exit_code"] == 1
    matched = sorted(Path(p).name for p in robust["matched"])
    assert matched == [f"original-{seed}-meme.jpg" for seed in ORIGINAL_SEEDS]
    for item in robust["files"]:
        if Path(item["path"]).name.startswith("original"):
            hows = [m["how"] for m in item["matches"]]
            assert any("overlaid text and logo painted out" in how for how in hows), hows
