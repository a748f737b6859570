"""NCMEC Hash Sharing API v2: entries into a bank, votes back to NCMEC.

Built on python-threatexchange's NCMECHashAPI (requests, XML parsing, the feedback PUT),
adding what a long-running sync needs:
- a checkpoint that keeps the time window with the paging URL: NCMEC does not return
  entries in time order, so a resumed sync must go on with the same `from`/`to` and the
  stored `next`, and only a finished window moves the start on;
- entries parsed one by one, so one malformed entry is quarantined instead of losing
  the page (the client parses a page all or nothing);
- `from`/`to` written in UTC (the client formats local time with a 'Z');
- reason lists read in both shapes seen (root or wrapped `availableFeedbackReasons`);
- no DEBUG log of each answer (the client logs whole pages, hashes included);
- a configurable base URL and the guarded session (see http.py).
Entry ids are only unique per member, so an entry's upstream id is '<member id>/<id>',
the same pair the feedback URL takes.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import Any

import requests
from threatexchange.exchanges.clients.ncmec import hash_api
from threatexchange.exchanges.clients.ncmec.hash_api import (
    FeedbackType,
    FingerprintType,
    NCMECEndpoint,
    NCMECEntryUpdate,
    NCMECEnvironment,
    NCMECHashAPI,
)

from jaga.exchange.connectors.base import FeedbackItem
from jaga.exchange.connectors.credentials import credential
from jaga.exchange.connectors.errors import InvalidSource, UpstreamError
from jaga.exchange.connectors.http import call_upstream, guarded_session
from jaga.exchange.connectors.records import Page, RejectedRecord, UpstreamRecord
from jaga.exchange.connectors.sources import SyncSource

MATCHABLE = {"md5": "md5", "sha1": "sha1", "pdq": "pdq"}  # NCMEC tag -> Jaga signal type
FEEDBACK_TYPE = {
    "md5": FingerprintType.md5,
    "sha1": FingerprintType.sha1,
    "pdq": FingerprintType.pdq,
}
_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_DATE = "%Y-%m-%dT%H:%M:%SZ"


class _GuardedNcmecApi(NCMECHashAPI):
    """The client with a configurable base URL and the address-checked session."""

    def __init__(self, username: str, password: str, environment: str, base_url: str) -> None:
        try:
            chosen = NCMECEnvironment[environment]
        except KeyError:
            names = ", ".join(item.name for item in NCMECEnvironment)
            raise InvalidSource(
                f"unknown NCMEC environment {environment!r}; use one of {names}"
            ) from None
        super().__init__(username, password, chosen)
        if base_url:
            self._base_url = base_url

    def _get_session(self) -> requests.Session:
        session = guarded_session()
        session.auth = (self.username, self.password)
        return session

    def _get(
        self, endpoint: NCMECEndpoint, *, path: str = "", next_: str = "", **params: Any
    ) -> ET.Element:
        """The client's GET, less its DEBUG log of every answer (whole hash lists in the
        root logger's output); the same URL rules, namespaces stripped the same way."""
        url = "/".join((self._base_url, self.VERSION, endpoint.value))
        if path:
            url = "/".join((url, path))
        if next_:
            url, params = self._base_url + next_, {}
        with self._get_session() as session:
            response = session.get(url, params=params)
        response.raise_for_status()
        root = ET.fromstring(response.content)
        for element in root.iter():
            element.tag = element.tag.partition("}")[2] or element.tag
        return root


class NcmecConnector:
    def __init__(self, api: NCMECHashAPI, *, start: int = 0) -> None:
        self.api = api
        self.start = start

    @classmethod
    def for_source(cls, source: SyncSource) -> NcmecConnector:
        api = _GuardedNcmecApi(
            credential(source.name, "username"),
            credential(source.name, "password"),
            str(source.settings.get("environment", "Industry")),
            source.base_url,
        )
        return cls(api, start=int(source.settings.get("start", 0)))

    def fetch_page(self, checkpoint: dict[str, Any]) -> Page:
        since = int(checkpoint.get("since", self.start))
        until = int(checkpoint.get("until") or time.time())
        next_url = str(checkpoint.get("next", ""))
        root = _call(
            lambda: self.api._get(
                NCMECEndpoint.entries, next_=next_url, **{"from": _when(since), "to": _when(until)}
            )
        )
        records, rejected = parse_entries(root)
        following = (root.findtext("paging/next") or "").strip()
        if following:
            return Page(
                records, rejected, {"since": since, "until": until, "next": following}, False
            )
        return Page(records, rejected, {"since": until}, True)

    def send_feedback(self, item: FeedbackItem) -> None:
        member, _, entry_id = item.upstream_id.partition("/")
        kind = FEEDBACK_TYPE.get(item.signal_type)
        if not member.isdigit() or not entry_id or kind is None:
            raise UpstreamError(
                f"cannot vote on {item.upstream_id!r} ({item.signal_type}): not an NCMEC "
                "'<member>/<id>' entry with an MD5, SHA1 or PDQ fingerprint",
                retryable=False,
            )
        if item.verdict == "confirmed":
            _call(
                lambda: self.api.submit_feedback(int(member), entry_id, kind, FeedbackType.upvote)
            )
            return
        guid = self._reason_guid(kind, item.reason)
        _call(
            lambda: self.api.submit_feedback(
                int(member), entry_id, kind, FeedbackType.downvote, guid
            )
        )

    def feedback_reasons(self, kind: FingerprintType) -> dict[str, str]:
        """GUID -> name of the negative-feedback reasons for one fingerprint type."""
        root = _call(lambda: self.api._get(NCMECEndpoint.feedback, path=f"{kind.value}/reasons"))
        return {
            reason.get("guid", ""): reason.get("name", "")
            for reason in root.iter("reason")
            if reason.get("guid")
        }

    def _reason_guid(self, kind: FingerprintType, wanted: str) -> str:
        wanted = wanted.strip()
        if _GUID.fullmatch(wanted):
            return wanted
        reasons = self.feedback_reasons(kind)
        for guid, name in reasons.items():
            if wanted and name.lower() == wanted.lower():
                return guid
        if not wanted and len(reasons) == 1:
            return next(iter(reasons))
        listed = "; ".join(f"{name} ({guid})" for guid, name in reasons.items()) or "none"
        raise UpstreamError(
            f"a negative vote on {kind.value} needs one of NCMEC's reasons: {listed}",
            retryable=False,
        )


def parse_entries(root: ET.Element) -> tuple[list[UpstreamRecord], list[RejectedRecord]]:
    """Entries and tombstones of one `entries` answer; a bad entry is rejected alone."""
    records: list[UpstreamRecord] = []
    rejected: list[RejectedRecord] = []
    for holder in [*root.findall("images"), *root.findall("videos")]:
        for element in holder:
            raw = _one_line(element)
            try:
                update = NCMECEntryUpdate.from_xml(hash_api._XMLWrapper(element))
            except Exception as error:  # the client raises bare Index/Value/Assertion errors
                upstream = element.findtext("id") or ""
                reason = f"unreadable NCMEC {element.tag} entry ({type(error).__name__}): "
                reason += "needs <id>, <member id=...> and a known entry type"
                rejected.append(RejectedRecord(upstream, reason, raw))
                continue
            records.append(_record(update, element, raw))
    return records, rejected


def _record(update: NCMECEntryUpdate, element: ET.Element, raw: str) -> UpstreamRecord:
    fingerprints = {tag.lower(): value.strip() for tag, value in update.fingerprints.items()}
    hashes = tuple(
        (MATCHABLE[tag], value) for tag, value in fingerprints.items() if tag in MATCHABLE
    )
    links = {
        child.tag: child.get("href", "")
        for child in element.iterfind("fingerprints/*")
        if child.get("href")
    }
    attributes: dict[str, Any] = {
        "entry_type": update.entry_type.value,
        "member_id": update.member_id,
        "fingerprints": {k: v for k, v in fingerprints.items() if k not in MATCHABLE},
        "fingerprint_links": links,
        "feedback": {
            kind: [f"{item.feedback_type.value}:{item.member.esp_id}" for item in items]
            for kind, items in update.feedback.items()
        },
    }
    return UpstreamRecord(
        upstream_id=f"{update.member_id}/{update.id}",
        hashes=hashes,
        category=update.classification or "",
        deleted=update.deleted,
        status="deleted" if update.deleted else "",
        attributes=attributes,
        raw=raw,
        changed_at=_seconds(element.findtext("timestamp") or ""),
    )


def _call(action: Any) -> Any:
    return call_upstream(action, "NCMEC", (ET.ParseError,), "XML that does not parse")


def _when(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime(_DATE)


def _seconds(text: str) -> int:
    """An entry's <timestamp> ('2017-10-24T15:00:00Z', maybe with milliseconds) or 0."""
    try:
        return int(datetime.fromisoformat(text.strip().replace("Z", "+00:00")).timestamp())
    except ValueError:
        return 0


def _one_line(element: ET.Element) -> str:
    text = ET.tostring(element, encoding="unicode")
    return " ".join(text.split())[:2_000]
