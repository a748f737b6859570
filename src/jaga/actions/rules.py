"""Per-bank action rules: which banks want a webhook, a review item, or auto-block.

The rules are a handful of rows, read whole into memory by the service (see
`runtime.ActionRuntime`), so that a lookup that matches nothing never touches the
database for them. The webhook secret is write-only: it is stored (signing needs it) and
used by the deliverer, but no read here returns it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Engine, Table, select
from sqlalchemy.orm import Session

from jaga.actions.errors import InvalidActions
from jaga.actions.signing import check_secret, new_secret
from jaga.actions.targets import check_webhook_url
from jaga.banks.errors import BankNotFound
from jaga.store.models import Bank, BankActionsRow, ShareSubscriptionRow
from jaga.store.timestamps import utc_now

_ACTIONS = cast(Table, BankActionsRow.__table__)


@dataclass(frozen=True, slots=True)
class BankActions:
    """A bank's actions as anyone may see them: never the secret, only whether one is set."""

    bank_name: str
    webhook_url: str | None = None
    webhook_secret_set: bool = False
    review: bool = False
    auto_block: bool = False
    updated_at: datetime | None = None

    @property
    def any(self) -> bool:
        return self.webhook_url is not None or self.review or self.auto_block


@dataclass(frozen=True, slots=True)
class BankRule:
    """What the match path needs to know about one bank, held in memory."""

    bank_id: int
    bank_name: str
    webhook: bool
    review: bool
    auto_block: bool


@dataclass(frozen=True, slots=True)
class WebhookTarget:
    """Where and how to send one bank's events; only the deliverer asks for this."""

    url: str
    secret: str


class ActionService:
    """Read and change banks' action rules on one database."""

    def __init__(self, engine: Engine, *, allow_private_targets: bool = False) -> None:
        self.engine = engine
        self.allow_private_targets = allow_private_targets

    def get(self, bank_name: str) -> BankActions:
        """A bank's actions (all off if it never had any); BankNotFound if no such bank."""
        with Session(self.engine) as session:
            bank = _bank(session, bank_name)
            row = session.get(BankActionsRow, bank.id)
            return _public(bank.name, row)

    def set(
        self,
        bank_name: str,
        *,
        webhook_url: str | None = None,
        remove_webhook: bool = False,
        webhook_secret: str | None = None,
        generate_secret: bool = False,
        review: bool | None = None,
        auto_block: bool | None = None,
    ) -> tuple[BankActions, str | None]:
        """Change what is given, keep the rest; returns the actions and a generated secret.

        A webhook needs a secret: give one, ask for one to be generated (it is returned
        here, once), or keep the one already stored. Removing the webhook forgets its secret.
        """
        if webhook_url is not None and remove_webhook:
            raise InvalidActions("give a webhook URL or remove the webhook, not both")
        if webhook_secret is not None and generate_secret:
            raise InvalidActions("give a webhook secret or generate one, not both")
        url = (
            check_webhook_url(webhook_url, allow_private=self.allow_private_targets)
            if webhook_url is not None
            else None
        )
        secret = check_secret(webhook_secret) if webhook_secret is not None else None
        generated = new_secret() if generate_secret else None
        with Session(self.engine) as session:
            bank = _bank(session, bank_name)
            row = session.get(BankActionsRow, bank.id)
            if row is None:
                row = BankActionsRow(bank_id=bank.id, review=False, auto_block=False)
                session.add(row)
            if remove_webhook:
                row.webhook_url = None
                row.webhook_secret = None
            if url is not None:
                row.webhook_url = url
            if secret is not None or generated is not None:
                if row.webhook_url is None:
                    raise InvalidActions(
                        f"bank {bank.name!r} has no webhook URL: give one with the secret"
                    )
                row.webhook_secret = secret or generated
            if row.webhook_url is not None and row.webhook_secret is None:
                raise InvalidActions(
                    "a webhook needs a signing secret so the receiver can trust it: give one "
                    "(CLI --secret-env VAR, API webhook_secret) or generate one "
                    "(CLI --generate-secret, API generate_secret)"
                )
            if review is not None:
                row.review = review
            if auto_block is not None:
                row.auto_block = auto_block
            row.updated_at = utc_now()
            session.commit()
            return _public(bank.name, row), generated

    def list(self) -> list[BankActions]:
        """Every bank that has an action switched on, by bank name."""
        with Session(self.engine) as session:
            rows = session.execute(
                select(Bank.name, BankActionsRow)
                .join(BankActionsRow, BankActionsRow.bank_id == Bank.id)
                .order_by(Bank.name)
            ).all()
            found = [_public(name, row) for name, row in rows]
        return [actions for actions in found if actions.any]

    def rules(self) -> dict[str, BankRule]:
        """The rules of banks with any action, by bank name: what the service keeps in memory."""
        query = select(
            Bank.id,
            Bank.name,
            _ACTIONS.c.webhook_url.is_not(None),
            _ACTIONS.c.review,
            _ACTIONS.c.auto_block,
        ).join(_ACTIONS, _ACTIONS.c.bank_id == Bank.id)
        review_only = (
            select(Bank.id, Bank.name)
            .join(ShareSubscriptionRow, ShareSubscriptionRow.bank_id == Bank.id)
            .where(ShareSubscriptionRow.trust == "review")
        )
        with self.engine.connect() as connection:
            rules = [
                BankRule(int(bank_id), name, bool(webhook), bool(review), bool(block))
                for bank_id, name, webhook, review, block in connection.execute(query)
            ]
            # A bank fed by a partner trusted for review only never blocks or calls a
            # webhook, whatever its own actions say: each match becomes a review item.
            rules += [
                BankRule(int(bank_id), name, webhook=False, review=True, auto_block=False)
                for bank_id, name in connection.execute(review_only)
            ]
        return {
            rule.bank_name: rule for rule in rules if rule.webhook or rule.review or rule.auto_block
        }

    def webhook_targets(self, bank_ids: Iterable[int]) -> dict[int, WebhookTarget]:
        """URL and secret per bank id, read at send time so a changed URL or a rotated
        secret applies to events already waiting too."""
        ids = sorted(set(bank_ids))
        if not ids:
            return {}
        query = select(_ACTIONS.c.bank_id, _ACTIONS.c.webhook_url, _ACTIONS.c.webhook_secret).where(
            _ACTIONS.c.bank_id.in_(ids)
        )
        with self.engine.connect() as connection:
            return {
                int(bank_id): WebhookTarget(url, secret)
                for bank_id, url, secret in connection.execute(query)
                if url and secret
            }


def _bank(session: Session, name: str) -> Bank:
    bank = session.scalar(select(Bank).where(Bank.name == name))
    if bank is None:
        known = list(session.scalars(select(Bank.name).order_by(Bank.name)))
        raise BankNotFound(name, known)
    return bank


def _public(bank_name: str, row: BankActionsRow | None) -> BankActions:
    if row is None:
        return BankActions(bank_name)
    return BankActions(
        bank_name=bank_name,
        webhook_url=row.webhook_url,
        webhook_secret_set=row.webhook_secret is not None,
        review=bool(row.review),
        auto_block=bool(row.auto_block),
        updated_at=row.updated_at,
    )
