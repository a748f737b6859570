"""Signed offline bundles: what a receiver accepts, and everything it refuses."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from jaga.banks.errors import BankNotFound
from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.sharing import keys
from jaga.sharing.bundles import export_bundle, import_bundle
from jaga.sharing.errors import (
    KeyFileError,
    NotForUs,
    ReplayedBundle,
    SharingError,
    TamperedBundle,
    UnsignedBundle,
    UntrustedSigner,
)
from jaga.sharing.keyring import Keyring

from . import values as hashes


@pytest.fixture
def sender(bank_service: BankService, tmp_path: Path) -> tuple[keys.KeyPair, list[str]]:
    """Bank 'known' with three entries (one from NCMEC, one disabled), and a signing key."""
    bank_service.create_bank("known", pdq_threshold=20, category_scheme="industry")
    values = [hashes.md5(), hashes.pdq(), hashes.sha256()]
    bank_service.add_entries(
        "known",
        [
            EntryInput("md5", values[0], category="A1", original_id="N-1", source="ncmec"),
            EntryInput("pdq", values[1], category="B1", quality=90),
            EntryInput("sha256", values[2], enabled=False),
        ],
        source="test",
    )
    pair, _, _ = keys.generate("hotline", tmp_path / "sender-keys")
    return pair, values


def _receiver_keyring(bank_service: BankService, pair: keys.KeyPair) -> Keyring:
    keyring = Keyring(bank_service.engine)
    keyring.trust(pair.public)
    return keyring


def test_signed_bundle_imports_with_provenance(
    bank_service: BankService, sender: tuple[keys.KeyPair, list[str]], tmp_path: Path
) -> None:
    pair, values = sender
    exported = export_bundle(bank_service, "known", tmp_path / "known.jbundle", signer=pair)
    assert exported.entries == 2  # the disabled entry is not shared

    keyring = _receiver_keyring(bank_service, pair)
    # A bundle cannot pick an existing local bank by its name (it could be an allow-list).
    with pytest.raises(SharingError, match="exists here"):
        import_bundle(bank_service, keyring, exported.path)
    imported = import_bundle(bank_service, keyring, exported.path, into="received")
    assert imported.created_bank and imported.signer == "hotline"
    assert (imported.report.added, imported.report.quarantined_count) == (2, 0)
    bank = bank_service.get_bank("received")
    assert bank.pdq_threshold == 20
    entry = bank_service.entry_in_bank("received", value=("md5", values[0]))
    assert entry is not None
    instance = bank_service.instance_id()
    origin = bank_service.entry_in_bank("known", value=("md5", values[0]))
    assert origin is not None
    assert entry.source == (
        f"jaga-bundle:{instance}/known#{origin.entry_id} signed {pair.public.signing_id} < ncmec"
    )
    assert (entry.category, entry.original_id) == ("A1", "N-1")
    assert bank_service.entry_in_bank("received", value=("sha256", values[2])) is None


def test_one_altered_byte_anywhere_is_refused(
    bank_service: BankService, sender: tuple[keys.KeyPair, list[str]], tmp_path: Path
) -> None:
    pair, _ = sender
    exported = export_bundle(bank_service, "known", tmp_path / "known.jbundle", signer=pair)
    keyring = _receiver_keyring(bank_service, pair)
    original = exported.path.read_bytes()
    header_end = original.index(b"\n", len(b"JAGA-BUNDLE 1\n"))
    # A byte of the header's bank name, of the signature, and of the compressed entries.
    positions = [original.index(b'"known"') + 2, header_end + 5, len(original) - 30]
    for position in positions:
        altered = bytearray(original)
        altered[position] ^= 0x01
        path = tmp_path / f"altered-{position}.jbundle"
        path.write_bytes(bytes(altered))
        with pytest.raises(TamperedBundle, match="altered"):
            import_bundle(bank_service, keyring, path, into="received")
    with pytest.raises(BankNotFound):
        bank_service.get_bank("received")  # nothing was created or imported


def test_untrusted_signer_is_refused(
    bank_service: BankService, sender: tuple[keys.KeyPair, list[str]], tmp_path: Path
) -> None:
    pair, _ = sender
    exported = export_bundle(bank_service, "known", tmp_path / "known.jbundle", signer=pair)
    stranger, _, _ = keys.generate("stranger", tmp_path / "stranger-keys")
    keyring = Keyring(bank_service.engine)
    keyring.trust(stranger.public)
    with pytest.raises(UntrustedSigner, match=pair.public.signing_id):
        import_bundle(bank_service, keyring, exported.path, into="received")
    # A key trusted once and then withdrawn stops letting bundles in.
    keyring.trust(pair.public)
    assert keyring.untrust("hotline")
    with pytest.raises(UntrustedSigner):
        import_bundle(bank_service, keyring, exported.path, into="received")


def test_encrypted_bundle_opens_only_for_its_recipient(
    bank_service: BankService, sender: tuple[keys.KeyPair, list[str]], tmp_path: Path
) -> None:
    pair, values = sender
    recipient, _, public_path = keys.generate("police-unit", tmp_path / "recipient-keys")
    other, _, _ = keys.generate("someone-else", tmp_path / "other-keys")
    exported = export_bundle(
        bank_service,
        "known",
        tmp_path / "known.jbundle",
        signer=pair,
        recipient=keys.load_public(public_path),
    )
    assert values[0].encode() not in exported.path.read_bytes()
    keyring = _receiver_keyring(bank_service, pair)
    with pytest.raises(NotForUs, match=recipient.public.encryption_id):
        import_bundle(bank_service, keyring, exported.path, into="x", own_pairs=lambda: [other])
    imported = import_bundle(
        bank_service, keyring, exported.path, into="received", own_pairs=lambda: [other, recipient]
    )
    assert imported.report.added == 2


def test_unsigned_bundles_need_explicit_consent(
    bank_service: BankService, sender: tuple[keys.KeyPair, list[str]], tmp_path: Path
) -> None:
    pair, _ = sender
    keyring = _receiver_keyring(bank_service, pair)
    unsigned = export_bundle(bank_service, "known", tmp_path / "plain.jbundle", signer=None)
    with pytest.raises(UnsignedBundle, match="--allow-unsigned"):
        import_bundle(bank_service, keyring, unsigned.path, into="received")
    imported = import_bundle(
        bank_service, keyring, unsigned.path, into="received", allow_unsigned=True
    )
    assert imported.signer is None and imported.report.added == 2

    # Stripping the signature off a signed bundle is a downgrade: refused even when
    # unsigned bundles are allowed, because the header still names its signer.
    signed = export_bundle(bank_service, "known", tmp_path / "signed.jbundle", signer=pair)
    lines = signed.path.read_bytes().split(b"\n", 3)
    lines[2] = b"unsigned"
    stripped = tmp_path / "stripped.jbundle"
    stripped.write_bytes(b"\n".join(lines))
    with pytest.raises(TamperedBundle, match="signature is gone"):
        import_bundle(bank_service, keyring, stripped, into="again", allow_unsigned=True)


def test_private_key_files_are_owner_only(tmp_path: Path) -> None:
    pair, private_path, public_path = keys.generate("unit", tmp_path / "k")
    assert stat.S_IMODE(private_path.stat().st_mode) == 0o600
    assert "ed25519" in public_path.read_text() and repr(pair).startswith("KeyPair(name='unit'")
    assert keys.load_pair("unit", tmp_path / "k").public.signing_id == pair.public.signing_id
    private_path.chmod(0o644)
    with pytest.raises(KeyFileError, match="chmod 600"):
        keys.load_pair(str(private_path))
    with pytest.raises(KeyFileError, match="exists already"):
        keys.generate("unit", tmp_path / "k")


def test_replays_are_refused_and_mirror_carries_withdrawals(
    bank_service: BankService, sender: tuple[keys.KeyPair, list[str]], tmp_path: Path
) -> None:
    pair, values = sender
    keyring = _receiver_keyring(bank_service, pair)
    sunday = export_bundle(bank_service, "known", tmp_path / "sunday.jbundle", signer=pair)
    monday = export_bundle(bank_service, "known", tmp_path / "monday.jbundle", signer=pair)
    import_bundle(bank_service, keyring, monday.path, into="unit")
    with pytest.raises(ReplayedBundle, match="imported already"):
        import_bundle(bank_service, keyring, monday.path, into="unit")

    # Upstream withdraws one entry; the next bundle, mirrored, deletes it on the unit too,
    # and leaves the unit's own entries alone.
    local = hashes.md5()
    bank_service.add_entries("unit", [EntryInput("md5", local)], source="unit's own")
    bank_service.remove_entries("known", values=[("md5", values[0])])
    tuesday = export_bundle(bank_service, "known", tmp_path / "tuesday.jbundle", signer=pair)
    imported = import_bundle(bank_service, keyring, tuesday.path, into="unit", mirror=True)
    assert imported.withdrawn == 1
    assert bank_service.entry_in_bank("unit", value=("md5", values[0])) is None
    assert bank_service.entry_in_bank("unit", value=("pdq", values[1])) is not None
    assert bank_service.entry_in_bank("unit", value=("md5", local)) is not None

    # Sunday's bundle, never imported, after Tuesday's: it would bring the entry back.
    with pytest.raises(ReplayedBundle, match="newer bundle"):
        import_bundle(bank_service, keyring, sunday.path, into="unit")
    import_bundle(bank_service, keyring, sunday.path, into="unit", allow_replay=True)
    assert bank_service.entry_in_bank("unit", value=("md5", values[0])) is not None
