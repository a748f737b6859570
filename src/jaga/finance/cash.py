"""Cash withdrawals move money on: the mule test counts them (research item 12, FinCEN).

A payment with a merchant category is spending (`organisations.cash_out_rows`: paying a
shop is not a cash-out), and the withdrawals an ATM or a bank counter records arrive as
card payments with a merchant category too: ISO 18245 codes 6011 (automated cash
disbursements) and 6010 (manual cash disbursements), or a feed's "ATM withdrawal", read as
the word `atm` (`merchant_codes`). A withdrawal buys nothing: it is the cash-out itself,
the step research item 12 names ("cash-out speed: share of inbound value leaving") and that
FinCEN FIN-2025-NTC2 and the FBI describe for sextortion money mules, who "forward or cash
out" what victims paid. The mule test (`features.MULE_MOVED_SHARE`: a payee of minors'
bursts that moved a material share of what it received on, rather than a shop or a friend
that kept it) so counts withdrawals as moved on (`moved_rows`) when made within 48 hours
of a credit (`CASH_OUT_DAYS`): one withdrawal months after a few small credits is pocket
money, not a cash-out of them. Other cash-out rows count at any speed, as before.

The 48-hour cash-out share of the fan-in rules (`R1b`, `R3`) is left as it was: a family
in the Philippines that withdraws a remittance the day it arrives is the benign population
those rules must not flag, and whether withdrawals should count there needs its own check
against the remittance hard negatives.

**Conversions** (branch f6-convert). A card payment under ISO 18245 code 6051 (quasi-cash:
foreign and non-fiat currency, i.e. a crypto on-ramp, money orders), 6540 (stored-value
card loads) or 4829 (money transfer), or a feed's "crypto exchange", buys nothing either:
it turns the money into another store of value, which is how mules launder sextortion
payments (FATF 2025 and FinCEN FIN-2025-NTC2, research items 11 and 13: victims' payments
"converted to virtual assets"; the research note's T6 "buys crypto, then withdraws").
Unlike a withdrawal it is no pocket money: a teenager's wallet does not buy crypto with
its allowance, and a converted sum is moved on whenever it is made, as a transfer is. So
the mule test counts conversions at any speed (`account_day_flows`: `converted_usd`).
They stay purchases everywhere else (`purchase`): the 48-hour cash-out of the fan-in
rules is unchanged.
"""

from __future__ import annotations

from typing import TypeVar

import polars as pl

from jaga.finance.organisations import cash_out_rows

FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)

# A withdrawal counts when made on the day of a credit or the two days after (item 12's
# 48-hour cash-out, read on calendar days as `features.cashout_share` does): a mule cashes
# out what the victims paid; a person who draws cash months later spends its own money.
CASH_OUT_DAYS = 2
# Category words (merchant_codes: 6010/6011 and "ATM"/"cash withdrawal" descriptions).
CASH_CATEGORIES: frozenset[str] = frozenset(["atm"])
# Category words (merchant_codes: 6051 quasi-cash, 6540 stored value, 4829 money transfer,
# "crypto exchange" and the like) of a conversion (module docstring, "Conversions").
CONVERSION_CATEGORIES: frozenset[str] = frozenset(["quasi_cash"])


def moved_rows(tx: FrameT) -> FrameT:
    """The payments that move money on: the cash-out rows, plus every cash withdrawal.

    `tx` is enriched (`cash_withdrawal`). Withdrawals are taken whatever their receiver (an
    ATM is paid by thousands and so counts as a merchant account), and once only.
    """
    return pl.concat(
        [
            cash_out_rows(tx).filter(~pl.col("cash_withdrawal")),
            tx.filter(pl.col("cash_withdrawal")),
        ]
    )
