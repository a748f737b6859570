"""Verdicts go back to the source: `jaga review close --verdict` queues them with the
review item's closing, `jaga sync feedback` sends them to the loopback stand-ins, and a
failure is retried rather than lost."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from click.testing import Result
from sqlalchemy import Engine, update
from typer.testing import CliRunner

from jaga.actions.recorder import MatchedContent, record
from jaga.actions.rules import ActionService
from jaga.banks.records import EntryRecord
from jaga.banks.service import BankService
from jaga.cli import app
from jaga.detection.matcher import Match
from jaga.exchange.connectors import feedback
from jaga.exchange.connectors.feedback_sender import deliver_due
from jaga.exchange.connectors.sources import SourceStore
from jaga.exchange.connectors.sync import connector_for, run_sync
from jaga.store.models import ExchangeFeedbackRow

from . import test_ncmec_sync, test_stopncii_sync, test_threatexchange_sync
from .standins import NcmecStandIn, StopNciiStandIn, ThreatExchangeStandIn
from .test_ncmec_sync import ncmec  # noqa: F401  (fixtures)
from .test_stopncii_sync import stopncii  # noqa: F401
from .test_threatexchange_sync import te  # noqa: F401


@pytest.fixture
def jaga(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("JAGA_DATABASE_URL", database_url)
    yield CliRunner()


def invoke(runner: CliRunner, *args: str) -> Result:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def review_item(engine: Engine, entry: EntryRecord) -> int:
    """A review item for content that matched `entry`, made the way a match makes one."""
    service = ActionService(engine)
    service.set(entry.bank_name, review=True)
    match = Match(
        entry.bank_name, entry.entry_id, entry.signal_type, entry.category or None, 0,
        f"exact {entry.signal_type}", None, entry.source, entry.original_id, False,
    )  # fmt: skip
    content = MatchedContent(f"{entry.signal_type}:{entry.value}", {}, [match])
    (outcome,) = record(engine, service.rules(), [content], requested_by="test")
    return outcome.review_item_ids[0]


def entry_of(bank_service: BankService, bank: str, source: str, upstream_id: str) -> EntryRecord:
    return bank_service.entries_by_original_ids(bank, source, [upstream_id])[0]


def test_ncmec_votes_with_retry_and_reasons(
    engine: Engine,
    bank_service: BankService,
    ncmec: NcmecStandIn,  # noqa: F811
    jaga: CliRunner,
) -> None:
    test_ncmec_sync.add_source(engine, bank_service, ncmec)
    run_sync(engine, "industry")
    confirmed = review_item(
        engine, entry_of(bank_service, "ncmec-industry", "ncmec:industry", "42/image1")
    )
    closed = invoke(jaga, "review", "close", str(confirmed), "--decision", "seen, reported",
                    "--verdict", "confirmed")  # fmt: skip
    assert closed.exit_code == 0 and "1 verdict queued" in closed.stdout

    ncmec.failing_puts = 1  # the first try meets a 503: kept, retried later
    first = invoke(jaga, "sync", "feedback")
    assert first.exit_code == 3 and "0 sent, 1 to retry, 0 dead" in first.stdout
    with engine.begin() as connection:  # the backoff has passed
        connection.execute(update(ExchangeFeedbackRow).values(next_attempt_at=feedback.utc_now()))
    second = invoke(jaga, "sync", "feedback")
    assert second.exit_code == 0 and "1 sent" in second.stdout
    puts = [r for r in ncmec.requests if r.method == "PUT"]
    assert [r.path for r in puts] == ["/hashsharing/v2/entries/42/image1/MD5/feedback"] * 2
    assert (
        b"<affirmative" in puts[-1].body
        and b"hashsharing.ncmec.org/hashsharing/v2" in puts[-1].body
    )

    # A rejection names one of NCMEC's reasons; by name here, sent as its GUID.
    pdq = entry_of(bank_service, "ncmec-industry", "ncmec:industry", "7/good-pdq")
    rejected = review_item(engine, pdq)
    invoke(jaga, "review", "close", str(rejected), "--decision", "not it", "--verdict",
           "rejected", "--reason", "Example Reason 1")  # fmt: skip
    assert deliver_due(engine, lambda name: connector_for(SourceStore(engine).get(name))).sent == 1
    last = [r for r in ncmec.requests if r.method == "PUT"][-1]
    assert last.path == "/hashsharing/v2/entries/7/good-pdq/PDQ/feedback"
    assert b"<negative><reasonIds><guid>01234567-abcd-0123-4567-012345678900</guid>" in last.body

    # An unknown reason cannot be fixed by retrying: dead at once, with the choices named.
    other = review_item(
        engine, entry_of(bank_service, "ncmec-industry", "ncmec:industry", "42/video1")
    )
    invoke(jaga, "review", "close", str(other), "--decision", "no", "--verdict", "rejected",
           "--reason", "no such reason")  # fmt: skip
    dead = invoke(jaga, "sync", "feedback")
    assert dead.exit_code == 3 and "2 dead" not in dead.stdout and "1 dead" in dead.stdout
    assert "Example Reason 1 (01234567-abcd-0123-4567-012345678900)" in dead.stderr
    assert feedback.counts(engine) == {"pending": 0, "sent": 2, "dead": 1}


def test_stopncii_feedback_blocked(
    engine: Engine, bank_service: BankService, stopncii: StopNciiStandIn,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("JAGA_SYNC_STOPNCII_FEEDBACK_KEY", "feedback-key")
    test_stopncii_sync.add_source(engine, bank_service, stopncii)
    run_sync(engine, "stopncii")
    [entry] = [e for e in bank_service.active_entries() if e.value.startswith("2afc4a5c")]
    from jaga.actions import review

    review.close_item(engine, review_item(engine, entry), "yes", verdict="confirmed")
    report = deliver_due(engine, lambda name: connector_for(SourceStore(engine).get(name)))
    assert report.sent == 1, report.errors
    [post] = [r for r in stopncii.requests if r.method == "POST"]
    assert post.path == "/v1/SubmitFeedback" and post.headers["x-functions-key"] == "feedback-key"
    assert json.loads(post.body) == {
        "count": 1,
        "hashFeedbacks": [{"tags": [], "feedbackValue": "Blocked", "hashValue": entry.value}],
    }


def test_threatexchange_reaction_on_each_descriptor(
    engine: Engine,
    bank_service: BankService,
    te: ThreatExchangeStandIn,  # noqa: F811
) -> None:
    test_threatexchange_sync.add_source(engine, bank_service, te)
    run_sync(engine, "te-group")
    te.descriptors["102"] = ["9001", "9002"]
    entry = entry_of(bank_service, "te", "threatexchange:te-group", "102")
    from jaga.actions import review

    review.close_item(engine, review_item(engine, entry), "no", verdict="rejected")
    report = deliver_due(engine, lambda name: connector_for(SourceStore(engine).get(name)))
    assert report.sent == 1, report.errors
    posts = [r for r in te.requests if r.method == "POST"]
    assert [r.path.rstrip("/") for r in posts] == ["/v26.0/9001", "/v26.0/9002"]
    assert all(b"reactions=NOT_HELPFUL" in r.body for r in posts)


def test_the_api_close_route_queues_the_verdict(
    engine: Engine,
    bank_service: BankService,
    stopncii: StopNciiStandIn,  # noqa: F811
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from fastapi.testclient import TestClient

    from jaga.api.app import create_app
    from jaga.auth.keys import KeyService

    test_stopncii_sync.add_source(engine, bank_service, stopncii)
    run_sync(engine, "stopncii")
    [entry] = [e for e in bank_service.active_entries() if e.value.startswith("2afc4a5c")]
    item_id = review_item(engine, entry)
    _, curator = KeyService(engine).create("curator", ["banks:read", "banks:write"])
    monkeypatch.setenv("JAGA_DATABASE_URL", database_url)
    client = TestClient(create_app())  # no lifespan: no index load or deliverer needed
    path = f"/v1/review-items/{item_id}/close"
    body = {"decision": "not NCII", "verdict": "rejected"}
    assert client.post(path, json=body).status_code == 401
    bad = client.post(path, json={**body, "verdict": "maybe"}, headers=auth(curator))
    assert bad.status_code == 422
    closed = client.post(path, json=body, headers=auth(curator))
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed" and closed.json()["feedback_queued"] == 1
    [queued] = feedback.list_verdicts(engine)
    assert (queued.source_name, queued.verdict, queued.status) == (
        "stopncii",
        "rejected",
        "pending",
    )
    assert queued.upstream_id == f"ImagePDQ/{entry.value}"


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def test_sync_commands(
    engine: Engine,
    bank_service: BankService,
    stopncii: StopNciiStandIn,  # noqa: F811
    jaga: CliRunner,
) -> None:
    bank_service.create_bank("ncii", category_scheme="none")
    added = invoke(jaga, "sync", "add", "stopncii", "--kind", "stopncii", "--bank", "ncii",
                   "--base-url", stopncii.base_url, "--page-size", "2")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "JAGA_SYNC_STOPNCII_SUBSCRIPTION_KEY" in added.stdout
    assert stopncii.subscription_key not in added.output
    assert (
        invoke(jaga, "sync", "add", "stopncii", "--kind", "stopncii", "--bank", "ncii").exit_code
        == 2
    )
    assert invoke(jaga, "sync", "add", "x", "--kind", "vics", "--bank", "ncii").exit_code == 2

    ran = invoke(jaga, "sync", "run")
    assert ran.exit_code == 0, ran.output
    assert "stopncii: 6 pages, 4 added" in ran.stdout and "4 quarantined; caught up" in ran.stdout
    status = invoke(jaga, "sync", "status")
    assert status.exit_code == 0 and "4 (3)" in status.stdout  # entries (enabled)
    quarantine = invoke(jaga, "sync", "quarantine", "stopncii")
    assert "unknown hashStatus 'Undefined'" in quarantine.stdout
    assert "4 quarantined records" in quarantine.stdout
    assert invoke(jaga, "sync", "run", "nope").exit_code == 2

    stopncii.subscription_key = "rotated"  # upstream now refuses us
    failed = invoke(jaga, "sync", "run", "stopncii")
    assert failed.exit_code == 3 and "StopNCII answered HTTP 401" in failed.stderr
    assert "401" in invoke(jaga, "sync", "status").stdout  # the last error, squeezed at 80 columns


def test_the_serve_background_sender_sends_a_verdict_by_itself(
    engine: Engine, bank_service: BankService, stopncii: StopNciiStandIn,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """What `jaga serve` runs (JAGA_SYNC_FEEDBACK_SECONDS): no command needed."""
    import time

    from jaga.actions import review
    from jaga.exchange.connectors.feedback_sender import FeedbackSender

    monkeypatch.setenv("JAGA_SYNC_STOPNCII_FEEDBACK_KEY", "feedback-key")
    test_stopncii_sync.add_source(engine, bank_service, stopncii)
    run_sync(engine, "stopncii")
    [entry] = [e for e in bank_service.active_entries() if e.value.startswith("2afc4a5c")]
    review.close_item(engine, review_item(engine, entry), "no", verdict="rejected")
    sender = FeedbackSender(engine, interval=0.05)
    sender.start()
    try:
        deadline = time.monotonic() + 20
        while feedback.counts(engine)["sent"] < 1:
            assert time.monotonic() < deadline, "the background sender sent nothing"
            time.sleep(0.05)
    finally:
        sender.stop()
    [post] = [r for r in stopncii.requests if r.method == "POST"]
    assert json.loads(post.body)["hashFeedbacks"][0]["feedbackValue"] == "NotBlocked"
