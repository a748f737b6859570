"""The overlay view on drawn pictures: meme lettering and a badge are found and painted out.

A picture listed by its plain PDQ (as NCMEC/StopNCII lists hold it) gets big outlined text
and a semi-transparent badge; plain PDQ loses it, the "painted out" view finds it, and the
scan report says so. An unrelated picture under the very same overlay must not match.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw
from typer.testing import CliRunner

from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.cli import app
from jaga.demo.drawing import draw_scene
from jaga.hashing.hasher import hash_bytes
from jaga.hashing.image_io import iter_luma_frames, open_image
from jaga.hashing.pdq import hamming_distance_hex
from jaga.robust.overlays import find_overlays, painted_out
from jaga.robust.views import ViewSettings

from .pictures import jpeg, reference_hex

ORIGINAL_SEEDS = (501, 502)
STRANGER_SEEDS = (601, 602)


def _photo_like(seed: int) -> Image.Image:
    """A drawn scene with photo-like colour (the raw scenes are flat saturated graphics
    themselves, which is exactly what the badge detector looks for)."""
    scene = draw_scene(seed)
    return Image.blend(scene, scene.convert("L").convert("RGB"), 0.6)


# A stroke font of our own (not the benchmark's): each capital as segments on a 4 x 6 grid.
STROKES: dict[str, tuple[tuple[int, int, int, int], ...]] = {
    "A": ((0, 6, 2, 0), (2, 0, 4, 6), (1, 3, 3, 3)),
    "E": ((0, 0, 0, 6), (0, 0, 4, 0), (0, 3, 3, 3), (0, 6, 4, 6)),
    "G": ((4, 0, 0, 0), (0, 0, 0, 6), (0, 6, 4, 6), (4, 6, 4, 3), (4, 3, 2, 3)),
    "H": ((0, 0, 0, 6), (4, 0, 4, 6), (0, 3, 4, 3)),
    "I": ((2, 0, 2, 6), (1, 0, 3, 0), (1, 6, 3, 6)),
    "L": ((0, 0, 0, 6), (0, 6, 4, 6)),
    "N": ((0, 6, 0, 0), (0, 0, 4, 6), (4, 6, 4, 0)),
    "O": ((0, 0, 4, 0), (4, 0, 4, 6), (4, 6, 0, 6), (0, 6, 0, 0)),
    "R": ((0, 6, 0, 0), (0, 0, 4, 0), (4, 0, 4, 3), (4, 3, 0, 3), (1, 3, 4, 6)),
    "T": ((0, 0, 4, 0), (2, 0, 2, 6)),
}


def draw_lettering(
    image: Image.Image,
    text: str,
    left: int,
    top: int,
    tall: int,
    fill: tuple[int, int, int],
    outline: tuple[int, int, int],
    ring: int | None = None,
) -> None:
    """Outlined capitals in the stroke font: the outline drawn first as wider strokes, then
    the fill on top (as meme makers do), letters `tall` pixels high, the outline `ring`
    pixels wide (by default a fourteenth of the height)."""
    draw = ImageDraw.Draw(image)
    unit = tall / 6
    stroke = max(2, round(tall / 7))
    ring = max(1, round(tall / 14)) if ring is None else ring
    for width, colour in ((stroke + 2 * ring, outline), (stroke, fill)):
        x = float(left)
        for letter in text:
            for x0, y0, x1, y1 in STROKES.get(letter, ()):
                start = (x + x0 * unit, top + y0 * unit)
                end = (x + x1 * unit, top + y1 * unit)
                draw.line((start, end), fill=colour, width=width)
                for point in (start, end):  # round joints
                    r = width / 2
                    draw.ellipse((point[0] - r, point[1] - r, point[0] + r, point[1] + r), colour)
            x += 6.5 * unit


def overlaid(image: Image.Image) -> Image.Image:
    """Two lines of pale outlined capitals (top left and bottom right, our own stroke font,
    cream on dark violet), and a green semi-transparent oval badge with a white bar."""
    copy = image.copy()
    width, height = copy.size
    tall = height // 10
    cream, violet = (250, 244, 222), (30, 16, 48)
    draw_lettering(copy, "HELLO THERE", width // 16, height // 20, tall, cream, violet)
    draw_lettering(
        copy, "LATE AGAIN", width // 4, height - height // 20 - tall, tall, cream, violet
    )
    draw = ImageDraw.Draw(copy, "RGBA")
    side = width // 7
    left, top = width // 30, height // 2 + height // 12
    draw.ellipse((left, top, left + side, top + side * 2 // 3), fill=(20, 170, 70, 215))
    draw.rectangle(
        (left + side // 4, top + side // 4, left + side * 3 // 4, top + side // 2 - 2),
        fill=(255, 255, 255, 230),
    )
    return copy


_jpeg = jpeg
_reference_hex = reference_hex


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
    assert how in ("overlaid text and logo painted out", "overlaid text core and logo painted out")


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
    # The lettering sits in the top and bottom bands, the badge left below the middle.
    assert found.mask[: height // 6].mean() > 0.1
    assert found.mask[round(height * 0.8) :].mean() > 0.1
    badge = found.mask[
        round(height * 0.61) : round(height * 0.67), width // 30 + width // 40 : width // 8
    ]
    assert badge.mean() > 0.8
    # The photo between them is left alone.
    assert found.mask[height // 4 : height // 2 - height // 8, : width // 2].mean() < 0.02
    # One mask per kind, in the order of `kinds`, together the whole mask.
    assert len(found.parts) == 2
    assert np.array_equal(found.parts[0] | found.parts[1], found.mask)
    assert found.parts[0][: height // 6].mean() > 0.1 and not found.parts[1][: height // 6].any()


def _facade(lit: int) -> Image.Image:
    """A building front: rows of light windows of one tone, each in a dark frame."""
    picture = Image.new("RGB", (480, 360), (120, 112, 104))
    draw = ImageDraw.Draw(picture)
    for row in range(5):
        for column in range(9):
            left, top = 18 + column * 51, 20 + row * 66
            draw.rectangle((left - 4, top - 4, left + 30, top + 44), fill=(28, 26, 30))
            draw.rectangle((left, top, left + 26, top + 40), fill=(lit, lit, lit - 10))
    return picture


@pytest.mark.parametrize("lit", [200, 245])
def test_lit_windows_in_dark_frames_are_not_lettering(lit: int) -> None:
    """Windows pass the ring test (light, ringed by dark) and line up like letters; they
    are full boxes, strokes are not."""
    frame = _frame(_jpeg(_facade(lit)))
    found = find_overlays(frame.luma, frame.chroma)
    assert found is None or "text" not in found.kinds
    # The same facade with lettering over it: the lettering is still found.
    lettered = _facade(lit)
    draw_lettering(lettered, "TORN", 60, 250, 60, (255, 255, 255), (0, 0, 0))
    frame = _frame(_jpeg(lettered))
    found = find_overlays(frame.luma, frame.chroma)
    assert found is not None and "text" in found.kinds


def test_a_line_of_two_fill_colours_is_refused_without_error() -> None:
    """Outlined blobs in a row whose fills differ (every one far from the row's median
    fill) are no line of lettering; it once raised, and the copy lost every hash."""
    picture = Image.new("RGB", (480, 200), (110, 110, 110))
    for number, letter in enumerate("HOTE"):
        tone = 165 if number % 2 else 250
        draw_lettering(picture, letter, 40 + number * 80, 60, 60, (tone,) * 3, (0, 0, 0))
    data = _jpeg(picture)
    frame = _frame(data)
    found = find_overlays(frame.luma, frame.chroma)
    assert found is None or "text" not in found.kinds
    assert hash_bytes(data, "two-tone.jpg", views=ViewSettings()).pdq  # still hashed


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
            # Everything found painted out: the text whole or by its core.
            assert any(
                "overlaid text and logo painted out" in how
                or "overlaid text core and logo painted out" in how
                for how in hows
            ), hows


def test_a_corner_badge_is_also_painted_out_without_the_coloured_things_elsewhere() -> None:
    """Watermarks sit in corners: when graphics are found both in a corner and elsewhere
    (a coloured thing of the photo), the corner ones are also painted out on their own."""
    picture = _photo_like(502)
    draw = ImageDraw.Draw(picture, "RGBA")
    width, height = picture.size
    # A flat orange sign in the middle of the scene, and a blue badge in the lower right.
    draw.rectangle(
        (width // 2 - 40, height // 2 - 25, width // 2 + 40, height // 2 + 25), (240, 120, 0)
    )
    side = width // 8
    left, top = width - side - width // 25, height - side // 2 - height // 25
    draw.rounded_rectangle((left, top, left + side, top + side // 2), 8, (30, 60, 210, 220))
    frame = _frame(_jpeg(picture))
    found = find_overlays(frame.luma, frame.chroma)
    assert found is not None and "logo" in found.kinds and found.corner is not None
    h, w = found.corner.shape
    assert found.corner[h - h // 10 :, w - w // 10 :].any()  # the badge
    assert not found.corner[h // 3 : 2 * h // 3, w // 3 : 2 * w // 3].any()  # not the sign
    assert found.mask[h // 2 - 5 : h // 2 + 5, w // 2 - 5 : w // 2 + 5].all()  # both in the mask
    hows = [how for how, _picture in painted_out(frame.luma, found)]
    assert hows[0].endswith("painted out") and any("corner logo" in how for how in hows)
