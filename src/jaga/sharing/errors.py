"""What goes wrong when sharing; every message says what to do next."""

from __future__ import annotations


class SharingError(Exception):
    """Base class: a sharing operation was refused or failed."""


class KeyFileError(SharingError):
    """A key file is missing, unreadable, malformed or too widely readable."""


class UntrustedSigner(SharingError):
    """The bundle is signed by a key this instance does not trust."""


class TamperedBundle(SharingError):
    """The bundle's bytes are not the bytes its signer signed (or it is not a bundle)."""


class UnsignedBundle(SharingError):
    """The bundle carries no signature and the operator did not allow unsigned bundles."""


class NotForUs(SharingError):
    """The bundle is encrypted to a key this instance does not hold."""


class PartnerError(SharingError):
    """A partner or grant is unknown, or already exists."""


class SubscriptionError(SharingError):
    """A subscription is unknown, clashes with another, or its feed could not be read."""


class FeedError(SharingError):
    """A feed request is malformed (e.g. a cursor this publisher never handed out)."""


class ReplayedBundle(SharingError):
    """The bundle was imported before, or a newer one from the same origin was."""
