"""`jaga bundle` and `jaga share` from the command line."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from cli_invoke import Invoke, invoker

from jaga.banks.records import EntryInput
from jaga.banks.service import BankService
from jaga.config import data_dir
from jaga.sharing.cli import register

from . import values


@pytest.fixture
def run(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Invoke:
    return invoker(register, database_url, monkeypatch)


def test_bundle_round_trip_and_a_tampered_copy(
    run: Invoke, bank_service: BankService, tmp_path: Path
) -> None:
    value = values.md5()
    bank_service.create_bank("known", signal_types=["md5"])
    bank_service.add_entries("known", [EntryInput("md5", value, category="A1")], source="t")

    code, out = run("bundle", "keygen", "hotline")
    assert code == 0 and "signing id" in out
    private = data_dir() / "keys" / "hotline.key"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text() not in out
    bundle = tmp_path / "known.jbundle"
    code, out = run("bundle", "export", "--bank", "known", "--sign", "hotline", "-o", str(bundle))
    assert code == 0 and "1 entry" in out

    code, out = run("bundle", "import", str(bundle), "--into", "copy")
    assert code == 1 and "does not trust" in out
    code, out = run("bundle", "trust", str(data_dir() / "keys" / "hotline.pub"))
    assert code == 0, out

    altered = bytearray(bundle.read_bytes())
    altered[-20] ^= 0x40
    tampered = tmp_path / "tampered.jbundle"
    tampered.write_bytes(bytes(altered))
    code, out = run("bundle", "import", str(tampered), "--into", "copy")
    assert code == 1 and "refused" in out and "altered" in out

    code, out = run("bundle", "import", str(bundle), "--into", "copy")
    assert code == 0 and "signed by 'hotline'" in out and "1 added" in out, out
    code, out = run("bundle", "import", str(bundle), "--into", "copy")
    assert code == 1 and "imported already" in out
    code, out = run("bundle", "keys")
    assert code == 0 and out.count("hotline") == 2  # own and trusted

    code, out = run("bundle", "export", "--bank", "known")
    assert code == 2 and "--sign" in out


def test_partners_and_publishing(run: Invoke, bank_service: BankService) -> None:
    bank_service.create_bank("known", signal_types=["md5"])
    code, out = run("share", "add-partner", "unit-b")
    assert code == 0 and out.startswith("jaga_")
    code, out = run("share", "publish", "known", "--partner", "unit-b")
    assert code == 0 and "now shared" in out
    code, out = run("share", "partners")
    assert code == 0 and "unit-b" in out and "known" in out
    code, out = run("share", "publish", "nope", "--partner", "unit-b")
    assert code == 2 and "nope" in out
    code, out = run("share", "subscribe", "http://x/v1/share/feeds/k", "--key-env", "UNSET_VAR",
                    "--into", "k")  # fmt: skip
    assert code == 2 and "UNSET_VAR" in out
    code, out = run("share", "remove-partner", "unit-b")
    assert code == 0 and "revoked" in out
