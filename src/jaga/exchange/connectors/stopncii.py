"""StopNCII FetchHashes into a bank, SubmitFeedback back to StopNCII.

Built on python-threatexchange's StopNCIIAPI (keys, endpoints, SubmitFeedback's body),
adding what a long-running sync needs:
- records read one by one from the raw page, because the client drops (and logs, hash
  included) any record with a value outside its enums; here an unknown `hashStatus`
  quarantines the record with a reason (Jaga cannot tell whether it is live), while an
  unknown CSP feedback value only flags the record (`attributes['unknown_values']`);
- the checkpoint keeps `nextPageToken` while a walk is under way and moves
  `startTimestamp` to `nextSetTimestamp` (never backwards) once it is done; a token the
  API no longer accepts (they expire) restarts the walk from the stored timestamp, which
  re-fetches records already applied and changes nothing;
- a configurable base URL and the guarded session (see http.py).
A record's upstream id is '<signalType>/<hashValue>', what SubmitFeedback needs.
"""

from __future__ import annotations

import json
from typing import Any

import requests
from threatexchange.exchanges.clients.stopncii.api import (
    StopNCIIAPI,
    StopNCIICaseStatus,
    StopNCIICSPFeedbackValue,
    StopNCIIEndpoint,
    StopNCIISignalType,
)

from jaga.exchange.connectors.base import FeedbackItem
from jaga.exchange.connectors.credentials import credential
from jaga.exchange.connectors.errors import UpstreamError
from jaga.exchange.connectors.http import call_upstream, guarded_session
from jaga.exchange.connectors.records import Page, RejectedRecord, UpstreamRecord
from jaga.exchange.connectors.sources import SyncSource

MATCHABLE = {"ImagePDQ": "pdq", "VideoMD5": "md5"}  # StopNCII signalType -> Jaga signal type
WITHDRAWN = frozenset({"Withdrawn", "Deleted"})
VERDICT_FEEDBACK = {
    "confirmed": StopNCIICSPFeedbackValue.Blocked,
    "rejected": StopNCIICSPFeedbackValue.NotBlocked,
}
MAX_PAGE_SIZE = 800
_KNOWN_STATUS = {item.value for item in StopNCIICaseStatus}
_KNOWN_FEEDBACK = {item.value for item in StopNCIICSPFeedbackValue}


class _GuardedStopNciiApi(StopNCIIAPI):
    """The client with the address-checked session (its base URL is already configurable)."""

    def _get_session(self, endpoint: StopNCIIEndpoint) -> requests.Session:
        function_key = self._function_keys.get(endpoint)
        if not function_key:
            raise UpstreamError(
                f"no function key for StopNCII {endpoint.value}: set the source's "
                f"{'feedback_key' if endpoint is StopNCIIEndpoint.SubmitFeedback else 'fetch_key'}",
                retryable=False,
            )
        session = guarded_session()
        session.headers.update(
            {"x-functions-key": function_key, "Ocp-Apim-Subscription-Key": self._subscription_key}
        )
        return session


class StopNciiConnector:
    def __init__(self, api: StopNCIIAPI, *, page_size: int = MAX_PAGE_SIZE, start: int = 0):
        self.api = api
        self.page_size = max(1, min(page_size, MAX_PAGE_SIZE))
        self.start = start or StopNCIIAPI.DEFAULT_START_TIME

    @classmethod
    def for_source(cls, source: SyncSource) -> StopNciiConnector:
        feedback_key = credential(source.name, "feedback_key", required=False)
        api = _GuardedStopNciiApi(
            credential(source.name, "subscription_key"),
            credential(source.name, "fetch_key"),
            {StopNCIIEndpoint.SubmitFeedback: feedback_key} if feedback_key else None,
            base_url_override=source.base_url or None,
        )
        return cls(
            api,
            page_size=int(source.settings.get("page_size", MAX_PAGE_SIZE)),
            start=int(source.settings.get("start", 0)),
        )

    def fetch_page(self, checkpoint: dict[str, Any]) -> Page:
        start = int(checkpoint.get("start", self.start))
        token = str(checkpoint.get("token", ""))
        try:
            body = self._fetch(start, token)
        except UpstreamError as error:
            if not token or error.retryable:
                raise
            token = ""  # an expired continuation token: walk again from the timestamp
            body = self._fetch(start, token)
        if not isinstance(body, dict) or not isinstance(body.get("hashRecords", []), list):
            raise UpstreamError("StopNCII FetchHashes answered without a hashRecords list")
        records, rejected = parse_records(body.get("hashRecords", []))
        next_token = body.get("nextPageToken") or ""
        if body.get("hasMoreRecords") and next_token:
            return Page(records, rejected, {"start": start, "token": next_token}, False)
        following = max(start, _int(body.get("nextSetTimestamp"), start))
        return Page(records, rejected, {"start": following, "token": ""}, True)

    def send_feedback(self, item: FeedbackItem) -> None:
        signal_name, _, hash_value = item.upstream_id.partition("/")
        try:
            signal_type = StopNCIISignalType(signal_name)
        except ValueError:
            raise UpstreamError(
                f"{item.upstream_id!r} is not a StopNCII '<signalType>/<hash>' record",
                retryable=False,
            ) from None
        feedback = VERDICT_FEEDBACK[item.verdict]
        _call(lambda: self.api.submit_feedback(signal_type, hash_value, feedback))

    def _fetch(self, start: int, token: str) -> Any:
        params: dict[str, Any] = {"startTimestamp": start, "pageSize": self.page_size}
        if token:
            params["nextPageToken"] = token
        return _call(lambda: self.api._get(StopNCIIEndpoint.FetchHashes, **params))


def parse_records(items: list[Any]) -> tuple[list[UpstreamRecord], list[RejectedRecord]]:
    records: list[UpstreamRecord] = []
    rejected: list[RejectedRecord] = []
    for item in items:
        raw = json.dumps(item, sort_keys=True)[:2_000]
        if not isinstance(item, dict):
            rejected.append(RejectedRecord("", "a hash record is not a JSON object", raw))
            continue
        signal = str(item.get("signalType", ""))
        value = str(item.get("hashValue", "")).strip()
        upstream_id = f"{signal}/{value}"
        status = str(item.get("hashStatus", ""))
        if not signal or not value:
            rejected.append(
                RejectedRecord(upstream_id, "record without signalType or hashValue", raw)
            )
            continue
        if status not in _KNOWN_STATUS or status == "Unknown":
            rejected.append(
                RejectedRecord(
                    upstream_id,
                    f"unknown hashStatus {status!r} (expected Received, Active, Withdrawn or "
                    "Deleted): cannot tell whether the hash is live",
                    raw,
                )
            )
            continue
        records.append(
            UpstreamRecord(
                upstream_id=upstream_id,
                hashes=((MATCHABLE[signal], value),) if signal in MATCHABLE else (),
                deleted=status in WITHDRAWN,
                status=status,
                attributes=_attributes(item),
                raw=raw,
                changed_at=_int(item.get("lastModtimestamp"), 0),
            )
        )
    return records, rejected


def _attributes(item: dict[str, Any]) -> dict[str, Any]:
    feedbacks = item.get("CSPFeedbacks") or []
    unknown = [
        f"CSPFeedbacks[{index}].feedbackValue={entry.get('feedbackValue')!r}"
        for index, entry in enumerate(feedbacks)
        if isinstance(entry, dict) and entry.get("feedbackValue") not in _KNOWN_FEEDBACK
    ]
    return {
        "last_modified": item.get("lastModtimestamp"),
        "case_numbers": item.get("caseNumbers") or {},
        "csp_feedbacks": feedbacks,
        "hash_regions": item.get("hashRegions") or [],
        "unknown_values": unknown,
    }


def _call(action: Any) -> Any:
    return call_upstream(action, "StopNCII", (ValueError,), "a body that is not JSON")


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
