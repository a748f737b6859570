"""What every connector offers the sync driver and the feedback sender."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol

from jaga.exchange.connectors.records import Page

Verdict = Literal["confirmed", "rejected"]
VERDICTS: tuple[Verdict, ...] = ("confirmed", "rejected")


@dataclass(frozen=True, slots=True)
class FeedbackItem:
    """A reviewer's verdict on one bank entry, addressed to the entry's upstream record."""

    upstream_id: str
    signal_type: str
    value: str
    verdict: Verdict
    reason: str = ""  # for a rejection: the upstream's reason (NCMEC GUID or name), if any


class Connector(Protocol):
    def fetch_page(self, checkpoint: dict[str, Any]) -> Page:
        """The page after `checkpoint` ({} for a first sync) and the checkpoint after it."""
        ...

    def send_feedback(self, item: FeedbackItem) -> None:
        """Tell the source; UpstreamError (retryable or not) when it did not take it."""
        ...
