"""A renamed bank's actions apply under both names until the index has the new one."""

from __future__ import annotations

from sqlalchemy import Engine

from jaga.actions.runtime import ActionRuntime
from jaga.actions.settings import DeliverySettings
from jaga.banks.service import BankService


def test_rules_keep_a_renamed_banks_old_name_until_the_next_plain_refresh(
    engine: Engine,
) -> None:
    banks = BankService(engine)
    banks.create_bank("OLD_NAME")
    banks.create_bank("OTHER")
    runtime = ActionRuntime(engine, DeliverySettings(), refresh_seconds=1.0)
    runtime.service.set("OLD_NAME", auto_block=True)
    runtime.service.set("OTHER", review=True)
    runtime.refresh_rules()
    assert set(runtime.rules) == {"OLD_NAME", "OTHER"}

    banks.update_bank("OLD_NAME", new_name="NEW_NAME")
    runtime.service.set("OTHER", review=False)  # no actions left: not "renamed", dropped
    runtime.refresh_rules(keep_renamed=True)
    assert set(runtime.rules) == {"OLD_NAME", "NEW_NAME"}
    assert runtime.rules["OLD_NAME"].bank_id == runtime.rules["NEW_NAME"].bank_id
    assert runtime.rules["OLD_NAME"].auto_block

    runtime.refresh_rules()
    assert set(runtime.rules) == {"NEW_NAME"}
