"""Two decodes agree: large text painted out at both decodes, each view near one entry.

A listed copy with big lettering can stay a few bits past 31 in every painted-out view;
when the reduced decode's and the finer decode's views both come within the agreement
distance (34) of the same entry, the matcher reports it and says so. Other views, one
decode alone, or two views of the same decode never make an agreement."""

from __future__ import annotations

import random

import pytest
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.cli import app
from jaga.demo.drawing import draw_scene
from jaga.detection.matcher import BankMatcher
from jaga.hashing.hasher import hash_bytes
from jaga.hashing.types import PdqHash
from jaga.robust.consensus import AGREE_DISTANCE, agreements, decode_of
from jaga.robust.settings import RobustSettingsError, RobustStore

from .pictures import jpeg, reference_hex
from .test_finer_lettering import _with_lettering
from .test_small_pictures import _photo

REDUCED = "overlaid text painted out"
FINER = "overlaid text painted out, finer decode"


def _flipped(hex_hash: str, bits: int, seed: int) -> str:
    """`hex_hash` with `bits` distinct bits flipped (a hash exactly that far from it)."""
    value = int(hex_hash, 16)
    for bit in random.Random(seed).sample(range(256), bits):
        value ^= 1 << bit
    return f"{value:064x}"


def test_agreement_needs_both_decodes_within_the_radius() -> None:
    assert decode_of(REDUCED) == "reduced decode"
    assert decode_of(FINER) == "finer decode"
    assert decode_of("overlaid text filtered out") == "reduced decode"
    assert decode_of("de-bordered") is None
    assert decode_of("rotated back 3° clockwise") is None

    (found,) = agreements([(REDUCED, 7, 32), (FINER, 7, 34), (FINER, 7, 36)], 34)
    assert (found.entry_id, found.distance) == (7, 34)
    assert found.views == (REDUCED, FINER)
    assert "2 views agree" in found.how() and found.how().endswith("distance 34")
    # One decode alone, even twice (its core and its whole mask), is one vote.
    assert agreements([(REDUCED, 7, 30), ("overlaid text core painted out", 7, 30)], 34) == []
    # Different entries do not agree; a view past the radius does not vote; other views
    # never vote.
    assert agreements([(REDUCED, 7, 30), (FINER, 8, 30)], 34) == []
    assert agreements([(REDUCED, 7, 30), (FINER, 7, 36)], 34) == []
    assert agreements([("de-bordered", 7, 30), (FINER, 7, 30)], 34) == []


@pytest.fixture
def listed(bank_service: BankService) -> str:
    """A plain list holding one drawn photo's reference PDQ; returns that hash."""
    reference = reference_hex(draw_scene(701))
    bank_service.create_bank("plain-list")
    bank_service.add_entries(
        "plain-list", [EntryInput("pdq", reference, original_id="o-1")], source="t"
    )
    return reference


def _views(reference: str, reduced: int, finer: int) -> list[tuple[str, PdqHash]]:
    return [
        (REDUCED, PdqHash(_flipped(reference, reduced, 1), 90)),
        (FINER, PdqHash(_flipped(reference, finer, 2), 90)),
    ]


def test_matcher_reports_an_agreement_and_each_bank_can_switch_it_off(
    bank_service: BankService, engine: Engine, listed: str
) -> None:
    plain = [PdqHash(_flipped(listed, 90, 3), 90)]  # the copy with its text: far
    matcher = BankMatcher(bank_service, ["plain-list"])
    (match,) = matcher.match_signals(plain, {}, views=_views(listed, 32, 34)).matches
    assert match.original_id == "o-1" and match.distance == 34
    assert "2 views agree" in match.how and "finer decode" in match.how, match.how
    assert "two decodes' text views agreeing within 34" in matcher.robust_summary(
        bank_service.get_bank("plain-list").bank_id
    )
    # Past the agreement distance, or only one decode near: nothing.
    assert matcher.match_signals(plain, {}, views=_views(listed, 32, 36)).matches == ()
    assert matcher.match_signals(plain, {}, views=_views(listed, 32, 90)[:1]).matches == ()
    # A view within 31 is a strict match whatever the other decode: reported as such.
    (strict,) = matcher.match_signals(plain, {}, views=_views(listed, 30, 60)).matches
    assert strict.how == f"PDQ, {REDUCED}" and strict.distance == 30

    store = RobustStore(engine)
    store.update("plain-list", agree_distance=32)
    narrowed = BankMatcher(bank_service, ["plain-list"])
    assert narrowed.match_signals(plain, {}, views=_views(listed, 32, 34)).matches == ()
    store.update("plain-list", agree=False, agree_distance=AGREE_DISTANCE)
    off = BankMatcher(bank_service, ["plain-list"])
    assert off.match_signals(plain, {}, views=_views(listed, 32, 34)).matches == ()
    with pytest.raises(RobustSettingsError):
        store.update("plain-list", agree_distance=41)


def test_drawn_copies_with_large_lettering_have_votes_at_both_decodes(
    bank_service: BankService,
) -> None:
    """Real views of drawn pictures: the listed photo's lettered copy matches (strictly or
    by agreement), a different photo with the same lettering matches nothing."""
    photo, stranger = _photo(71, (1024, 683)), _photo(72, (1024, 683))
    bank_service.create_bank("drawn-list")
    bank_service.add_entries(
        "drawn-list", [EntryInput("pdq", reference_hex(photo), original_id="p")], source="t"
    )
    matcher = BankMatcher(bank_service, ["drawn-list"])
    settings = matcher.view_settings()
    copy = hash_bytes(jpeg(_with_lettering(photo, 72), 90), "c", dihedral=True, views=settings)
    decodes = {decode_of(how) for how, _pdq in copy.views} - {None}
    assert decodes == {"reduced decode", "finer decode"}, [how for how, _p in copy.views]
    (match,) = matcher.match(copy).matches
    assert match.original_id == "p"
    other = hash_bytes(jpeg(_with_lettering(stranger, 72), 90), "s", dihedral=True, views=settings)
    assert {decode_of(how) for how, _pdq in other.views} - {None} == decodes
    assert matcher.match(other).matches == ()


def test_cli_switches_agreement_per_bank(
    database_url: str, bank_service: BankService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAGA_DATABASE_URL", database_url)
    bank_service.create_bank("cli-list")
    runner = CliRunner()
    off = runner.invoke(app, ["robust", "set", "cli-list", "--no-agree"])
    assert off.exit_code == 0 and "two decodes agreeing False" in " ".join(off.output.split())
    tuned = runner.invoke(app, ["robust", "set", "cli-list", "--agree", "--agree-distance", "32"])
    said = " ".join(tuned.output.split())
    assert tuned.exit_code == 0 and "two decodes agreeing True (within 32)" in said, said
    shown = runner.invoke(app, ["robust", "show", "cli-list"])
    words = " ".join(shown.output.split())  # the console wraps long lines
    assert "agreeing on one entry: True (each within 32 bits)" in words, shown.output
    wide = runner.invoke(app, ["robust", "set", "cli-list", "--agree-distance", "48"])
    assert wide.exit_code == 2 and "0-40" in wide.output
