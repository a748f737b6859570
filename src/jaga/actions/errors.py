"""Errors an action operation raises; their messages are written for the person at the keyboard."""

from __future__ import annotations


class ActionError(Exception):
    """Base class: an action setting or request Jaga cannot carry out."""


class InvalidActions(ActionError):
    """A bank's action settings are incomplete or out of range."""


class UnsafeWebhookTarget(InvalidActions):
    """The webhook URL points somewhere Jaga refuses to send matches to."""


class ReviewItemNotFound(ActionError):
    """No review item has this id."""

    def __init__(self, item_id: int) -> None:
        super().__init__(f"no review item {item_id}; see `jaga review list`")
        self.item_id = item_id
