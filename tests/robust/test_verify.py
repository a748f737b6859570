"""Local-feature verification of Jaga-built lists (jaga.robust.verify), on drawn pictures.

* a heavily edited copy (an 8° tilt plus a big opaque block over the middle) of an
  original in a Jaga-built list is missed by every PDQ hash at the strict distance and
  found only by the local-feature check, and `jaga scan` says so;
* a different picture made to look like the original to PDQ (the original's coarse shading
  under another scene's detail) is a candidate at the looser distance and refused by the
  geometric check;
* the new tables work on SQLite and PostgreSQL (features stored, read back, deleted with
  their entry).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter
from sqlalchemy import Engine, inspect
from typer.testing import CliRunner

from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.cli import app
from jaga.demo.drawing import draw_scene
from jaga.detection.matcher import BankMatcher
from jaga.hashing.hasher import hash_bytes
from jaga.hashing.types import FileHashes
from jaga.robust import local_features as lf
from jaga.robust.build import add_original
from jaga.robust.settings import RobustStore
from jaga.robust.verify import VerifySettings, VerifyStore, query_rows

from .pictures import jpeg

ORIGINAL_SEEDS = (501, 502, 503)
STRANGER_SEEDS = (601, 602, 603)


_jpeg = jpeg


def heavily_edited(image: Image.Image) -> Image.Image:
    """Tilted 8° on its own canvas (black corners), then a big opaque block (16% of the
    picture) over the middle: PDQ moves 45-55 bits, far past the strict 31."""
    width, height = image.size
    tilted = image.convert("RGB").rotate(8, resample=Image.Resampling.BICUBIC, fillcolor=(0, 0, 0))
    ImageDraw.Draw(tilted).rectangle(
        (width * 0.3, height * 0.3, width * 0.7, height * 0.7), fill=(240, 40, 40)
    )
    return tilted


def lookalike(image: Image.Image, other: Image.Image) -> Image.Image:
    """Another scene's fine detail on the original's coarse shading: close to the original
    for PDQ (which keeps low frequencies), a different picture to the eye and to ORB."""
    width, height = image.size
    coarse = image.convert("RGB").resize((16, 16), Image.Resampling.BOX)
    coarse = coarse.resize((width, height), Image.Resampling.BICUBIC)
    detail = np.asarray(other.convert("RGB"), np.float32) - np.asarray(
        other.convert("RGB").filter(ImageFilter.GaussianBlur(3)), np.float32
    )
    mixed = np.asarray(coarse, np.float32) + 2.0 * detail
    return Image.fromarray(np.clip(mixed, 0, 255).astype(np.uint8))


def _distance(a: str, b: str) -> int:
    return (int(a, 16) ^ int(b, 16)).bit_count()


def test_features_pack_round_trip() -> None:
    luma = np.asarray(draw_scene(501).convert("L"), dtype=np.float32)
    features = lf.extract(luma, lf.STORED_FEATURES)
    assert 100 <= len(features) <= lf.STORED_FEATURES
    blob = lf.pack(features)
    assert len(blob) == 8 + 36 * len(features)
    back = lf.unpack(blob)
    assert np.array_equal(back.descriptors, features.descriptors)
    assert np.abs(back.points - features.points).max() < 0.25  # float16 at 512 px
    with pytest.raises(ValueError):
        lf.unpack(blob[:-1])


def test_check_accepts_the_edited_copy_and_refuses_another_picture() -> None:
    original = draw_scene(501)
    stored = lf.extract(np.asarray(original.convert("L"), np.float32), lf.STORED_FEATURES)
    edited = hash_bytes(_jpeg(heavily_edited(original)), "q", local_features=True)
    verdict = lf.check(lf.unpack(edited.local_features), stored, lf.CheckSettings())
    assert verdict.accepted, verdict
    assert abs(verdict.degrees + 8) < 1 and abs(verdict.scale - 1) < 0.05  # the real edit
    other = hash_bytes(_jpeg(heavily_edited(draw_scene(601))), "q", local_features=True)
    refused = lf.check(lf.unpack(other.local_features), stored, lf.CheckSettings())
    assert not refused.accepted
    assert refused.inliers < lf.CheckSettings().min_inliers


def _scan(runner: CliRunner, folder: Path, bank: str, report: Path) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(
        app, ["scan", str(folder), "--bank", bank, "--workers", "1", "--json", str(report)]
    )
    assert result.exit_code in (0, 1), result.output
    data: dict = json.loads(report.read_text(encoding="utf-8"))  # type: ignore[type-arg]
    data["exit_code"] = result.exit_code
    data["output"] = result.output
    return data


def _matched_hows(data: dict) -> dict[str, list[str]]:  # type: ignore[type-arg]
    return {
        Path(item["path"]).name: [m["how"] for m in item.get("matches", [])]
        for item in data["files"]
        if item.get("matches")
    }


def test_scan_finds_heavily_edited_copy_only_by_verification(
    database_url: str, bank_service: BankService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAGA_DATABASE_URL", database_url)
    monkeypatch.setenv("JAGA_DATA_DIR", str(tmp_path / "var"))
    originals = tmp_path / "originals"
    originals.mkdir()
    for seed in ORIGINAL_SEEDS:
        draw_scene(seed).save(originals / f"original-{seed}.png")
    bank_service.create_bank("built-list")
    runner = CliRunner()
    added = runner.invoke(app, ["robust", "add-images", "built-list", str(originals)])
    assert added.exit_code == 0, added.output
    shown = runner.invoke(app, ["robust", "show", "built-list"])
    assert "3 originals with features" in shown.output, shown.output

    folder = tmp_path / "copies"
    folder.mkdir()
    for seed in ORIGINAL_SEEDS:
        (folder / f"original-{seed}-edited.jpg").write_bytes(
            _jpeg(heavily_edited(draw_scene(seed)))
        )
    for seed in STRANGER_SEEDS:
        (folder / f"stranger-{seed}-edited.jpg").write_bytes(
            _jpeg(heavily_edited(draw_scene(seed)))
        )

    off = runner.invoke(app, ["robust", "set", "built-list", "--no-verify"])
    assert off.exit_code == 0, off.output
    without = _scan(runner, folder, "built-list", tmp_path / "without.json")
    assert without["exit_code"] == 0, without["output"]  # views and crops miss them all

    on = runner.invoke(app, ["robust", "set", "built-list", "--verify"])
    assert on.exit_code == 0 and "local-feature verification True" in on.output, on.output
    found = _scan(runner, folder, "built-list", tmp_path / "with.json")
    assert found["exit_code"] == 1, found["output"]
    hows = _matched_hows(found)
    assert sorted(hows) == [f"original-{seed}-edited.jpg" for seed in ORIGINAL_SEEDS]
    for name, found_how in hows.items():
        assert len(found_how) == 1 and found_how[0].startswith("verified by local features ("), (
            name,
            found_how,
        )
        assert " inliers, PDQ distance " in found_how[0]
    assert "local-feature verification" in found["banks"][0]["robust"]


def test_lookalike_near_in_pdq_is_refused_by_the_geometric_check(
    bank_service: BankService, tmp_path: Path
) -> None:
    engine = bank_service.engine
    original = draw_scene(501)
    (tmp_path / "original.png").write_bytes(_png(original))
    bank_service.create_bank("built-list")
    store = RobustStore(engine)
    assert add_original(bank_service, store, "built-list", tmp_path / "original.png") is None
    matcher = BankMatcher(bank_service, ["built-list"])
    assert matcher.wants_local_features()

    def query(image: Image.Image) -> FileHashes:  # as `jaga scan` hashes for this bank
        data = _jpeg(image)
        return hash_bytes(
            data, "q", dihedral=True, views=matcher.view_settings(), local_features=True
        )

    fake = query(lookalike(original, draw_scene(601)))
    listed = hash_bytes(_png(original), "o").pdq[0].hex
    distance = _distance(fake.pdq[0].hex, listed)
    # Near for PDQ (a candidate at the looser distance) but past the strict distance.
    assert 31 < distance <= VerifySettings().distance, distance
    verifier = matcher._verifier
    assert verifier is not None
    hashes = query_rows(fake.pdq[0], [pdq for _how, pdq in fake.views])
    assert [entry for entry, _d in verifier.candidates(hashes)]  # it was checked...
    assert verifier.verify(hashes, lf.unpack(fake.local_features)) == []  # ...and refused
    assert matcher.match(fake).matches == ()

    # The same check accepts a true copy through the same matcher (the test is not vacuous).
    true_copy = query(heavily_edited(original))
    matches = matcher.match(true_copy).matches
    assert len(matches) == 1 and matches[0].how.startswith("verified by local features")


def test_feature_tables_store_and_cascade(engine: Engine, bank_service: BankService) -> None:
    tables = set(inspect(engine).get_table_names())
    assert {"bank_verify", "local_features"} <= tables
    bank_service.create_bank("built-list")
    store = VerifyStore(engine)
    assert store.bank_settings("built-list") == VerifySettings()
    tuned = store.update("built-list", distance=64, candidates=5, min_inliers=24)
    assert tuned == VerifySettings(True, 64, 5, 24)
    assert store.bank_settings("built-list") == tuned

    image = draw_scene(502)
    features = lf.extract(np.asarray(image.convert("L"), np.float32), lf.STORED_FEATURES)
    bank_service.add_entries(
        "built-list", [EntryInput("pdq", hash_bytes(_png(image), "o").pdq[0].hex)], source="t"
    )
    entry = bank_service.lookup("pdq", [hash_bytes(_png(image), "o").pdq[0].hex])[0]
    bank_id = bank_service.get_bank("built-list").bank_id
    store.replace_features(bank_id, entry.entry_id, lf.pack(features))
    assert store.entry_ids([bank_id]) == [entry.entry_id]
    back = store.features([entry.entry_id])[entry.entry_id]
    assert np.array_equal(back.descriptors, features.descriptors)
    bank_service.delete_bank("built-list")
    assert store.entry_ids([bank_id]) == []


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_robust_set_refuses_verification_settings_out_of_range(
    database_url: str, bank_service: BankService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAGA_DATABASE_URL", database_url)
    bank_service.create_bank("built-list")
    runner = CliRunner()
    for option, value, words in (
        ("--verify-candidates", "0", "verify candidates must be 1-20"),
        ("--verify-distance", "300", "verify distance must be 0-128"),
        ("--verify-min-inliers", "3", "verify min inliers must be 8-200"),
    ):
        result = runner.invoke(app, ["robust", "set", "built-list", option, value])
        assert result.exit_code == 2, result.output
        assert words in result.output
    tuned = runner.invoke(app, ["robust", "set", "built-list", "--verify-candidates", "5"])
    assert tuned.exit_code == 0 and "5 candidates" in tuned.output, tuned.output
    assert VerifyStore(bank_service.engine).bank_settings("built-list").candidates == 5


def test_migration_0010_downgrades_and_upgrades_again(engine: Engine) -> None:
    """0010 comes off cleanly (its two tables go, 0009's stay) and goes back on, on both
    backends."""
    from alembic import command

    from jaga.store import upgrade_to_head
    from jaga.store.migrate import alembic_config

    with engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0009_robust_matching")
    tables = set(inspect(engine).get_table_names())
    assert "local_features" not in tables and "bank_verify" not in tables
    assert {"bank_robust", "region_hashes"} <= tables
    upgrade_to_head(engine)
    assert {"bank_verify", "local_features"} <= set(inspect(engine).get_table_names())
