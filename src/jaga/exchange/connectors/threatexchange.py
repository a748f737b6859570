"""ThreatExchange `/{privacy_group}/threat_updates` into a bank, reactions back.

Built on python-threatexchange's ThreatExchangeAPI (the threat_updates query, cursor
paging, reactions), adding what a long-running sync needs:
- a checkpoint holding the window (`since`, `until` fixed when the walk starts) and the
  cursor's next URL, stored WITHOUT its access_token (the token is added back when the
  URL is used), so a resumed walk goes on where it stopped;
- `should_delete` read as sent (the client's ThreatUpdateJSON also treats a record
  without `descriptors` as a delete, and threat_updates does not send that field unless
  asked);
- all GETs on the guarded session (the client's `get_json_from_url` bypasses its own
  session) and a configurable base URL.
An update's upstream id is the indicator id; verdicts go to its descriptors as
reactions (HELPFUL for a confirmed match, NOT_HELPFUL for a rejected one).
"""

from __future__ import annotations

import json
import time
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
from threatexchange.exchanges.clients.fb_threatexchange.api import ThreatExchangeAPI

from jaga.exchange.connectors.base import FeedbackItem
from jaga.exchange.connectors.credentials import credential
from jaga.exchange.connectors.errors import InvalidSource, UpstreamError
from jaga.exchange.connectors.http import call_upstream, guarded_session
from jaga.exchange.connectors.records import Page, RejectedRecord, UpstreamRecord
from jaga.exchange.connectors.sources import SyncSource

MATCHABLE = {"HASH_PDQ": "pdq", "HASH_MD5": "md5", "HASH_SHA1": "sha1", "HASH_SHA256": "sha256"}
REACTIONS = {"confirmed": "HELPFUL", "rejected": "NOT_HELPFUL"}
DEFAULT_PAGE_SIZE = 500


class _GuardedThreatExchangeApi(ThreatExchangeAPI):
    """The client with every request on the address-checked session."""

    def _get_session(self) -> requests.Session:
        return guarded_session()

    def get_json_from_url(self, url: str, params: Any = None, *, json_obj_hook: Any = None) -> Any:
        with self._get_session() as session:
            response = session.get(url, params=params or {})
            response.raise_for_status()
            return response.json(object_hook=json_obj_hook)


class ThreatExchangeConnector:
    def __init__(
        self,
        api: ThreatExchangeAPI,
        privacy_group: int,
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        start: int = 0,
    ) -> None:
        self.api = api
        self.privacy_group = privacy_group
        self.page_size = page_size
        self.start = start

    @classmethod
    def for_source(cls, source: SyncSource) -> ThreatExchangeConnector:
        group = str(source.settings.get("privacy_group", ""))
        if not group.isdigit():
            raise InvalidSource(
                f"ThreatExchange source {source.name!r} needs a numeric privacy group "
                "(`jaga sync add ... --privacy-group ID`)"
            )
        api = _GuardedThreatExchangeApi(
            credential(source.name, "token"), endpoint_override=source.base_url or None
        )
        return cls(
            api,
            int(group),
            page_size=int(source.settings.get("page_size", DEFAULT_PAGE_SIZE)),
            start=int(source.settings.get("start", 0)),
        )

    def fetch_page(self, checkpoint: dict[str, Any]) -> Page:
        since = int(checkpoint.get("since", self.start))
        until = int(checkpoint.get("until") or time.time())
        cursor = self.api.get_threat_updates(
            self.privacy_group,
            start_time=since or None,
            stop_time=until,
            page_size=self.page_size,
        )
        stored_next = str(checkpoint.get("next", ""))
        if stored_next:
            cursor.next_url = _with_token(stored_next, self.api.api_token)
            cursor.params.clear()
        data = _call(cursor.next)
        records, rejected = parse_updates(data)
        if cursor.next_url:
            following = _without_token(str(cursor.next_url))
            return Page(
                records, rejected, {"since": since, "until": until, "next": following}, False
            )
        return Page(records, rejected, {"since": until}, True)

    def send_feedback(self, item: FeedbackItem) -> None:
        if not item.upstream_id.isdigit():
            raise UpstreamError(
                f"{item.upstream_id!r} is not a ThreatExchange indicator id", retryable=False
            )
        descriptors = _call(
            lambda: self.api.get_threat_descriptors_from_indicator(int(item.upstream_id))
        )
        reaction = REACTIONS[item.verdict]
        for descriptor in descriptors or []:
            answer = _call(
                lambda d=descriptor: self.api.react_to_threat_descriptor(d["id"], reaction)  # type: ignore[no-untyped-call]
            )
            error, _, body = answer if isinstance(answer, list) else (None, None, answer)
            if error is not None or not (isinstance(body, dict) and body.get("success")):
                raise UpstreamError(
                    f"ThreatExchange did not take the reaction on descriptor {descriptor['id']}"
                )


def parse_updates(data: list[Any]) -> tuple[list[UpstreamRecord], list[RejectedRecord]]:
    records: list[UpstreamRecord] = []
    rejected: list[RejectedRecord] = []
    for item in data:
        raw = json.dumps(item, sort_keys=True)[:2_000]
        if not isinstance(item, dict) or not str(item.get("id", "")).isdigit():
            rejected.append(RejectedRecord("", "update without a numeric id", raw))
            continue
        upstream_id = str(item["id"])
        kind = str(item.get("type", ""))
        indicator = item.get("indicator")
        if not isinstance(indicator, str):
            rejected.append(RejectedRecord(upstream_id, "update without an indicator", raw))
            continue
        deleted = item.get("should_delete") in (True, "true", "True", 1)
        records.append(
            UpstreamRecord(
                upstream_id=upstream_id,
                hashes=((MATCHABLE[kind], indicator),) if kind in MATCHABLE else (),
                deleted=deleted,
                status="should_delete" if deleted else str(item.get("status", "")),
                attributes={
                    "type": kind,
                    "tags": item.get("tags"),
                    "status": item.get("status"),
                    "last_updated": item.get("last_updated"),
                    "applications_with_opinions": item.get("applications_with_opinions"),
                },
                raw=raw,
                changed_at=_seconds(item.get("last_updated")),
            )
        )
    return records, rejected


def _seconds(value: Any) -> int:
    """`last_updated` as seconds: Graph API sends '2019-11-09T02:58:41+0000' or a number."""
    if isinstance(value, int | float) or (isinstance(value, str) and value.isdigit()):
        return int(value)
    try:
        return int(datetime.strptime(str(value), "%Y-%m-%dT%H:%M:%S%z").timestamp())
    except ValueError:
        return 0


def _with_token(url: str, token: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "access_token"]
    query.append(("access_token", token))
    return urlunsplit(parts._replace(query=urlencode(query)))


def _without_token(url: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "access_token"]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _call(action: Any) -> Any:
    return call_upstream(
        action, "ThreatExchange", (ValueError, KeyError, TypeError), "an unexpected body"
    )
