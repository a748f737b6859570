"""The log formatter itself: JSON lines, and hashes redacted whoever logs them."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest

from jaga.api.logging_setup import REDACTED, configure_logging, get_logger, redact_hex

PDQ = "9b53e66948b6664699db3329cd427276a8c9a399429e1cb6e761dbc96cf02196"
MD5 = "0123456789ABCDEF0123456789ABCDEF"


@pytest.fixture
def root_logging() -> Iterator[None]:
    """configure_logging replaces the root handlers; put pytest's back afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def test_redact_hex_takes_hashes_and_leaves_ids() -> None:
    assert redact_hex(f"bad digest {MD5!r} and {PDQ}") == f"bad digest '{REDACTED}' and {REDACTED}"
    kept = "request 8e9579fa1d8a47b0, pid 10316"  # request ids are 16 hex: not a hash
    assert redact_hex(kept) == kept
    assert redact_hex("0x" + PDQ) == "0x" + REDACTED


def test_json_lines_never_carry_a_hash(
    root_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("json", "INFO")
    get_logger("jaga.test").info("lookup", values=[PDQ], detail={"md5": MD5}, count=2)
    try:
        raise ValueError(f"digest is not valid: {PDQ}")
    except ValueError:
        logging.getLogger("sqlalchemy.engine").exception("query failed for %s", MD5)
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [line["event"] for line in lines] == ["lookup", f"query failed for {REDACTED}"]
    assert lines[0]["values"] == [REDACTED] and lines[0]["detail"] == {"md5": REDACTED}
    assert lines[0]["count"] == 2 and lines[0]["logger"] == "jaga.test"
    assert "ValueError" in lines[1]["exception"] and REDACTED in lines[1]["exception"]
    text = json.dumps(lines)
    assert PDQ not in text and MD5 not in text.upper()
