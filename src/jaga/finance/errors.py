"""Errors of the finance package: one class, so the CLI can turn them into one-line messages."""

from __future__ import annotations


class FinanceError(Exception):
    """A problem the operator can fix: a missing column, an unreadable file, a bad table."""
