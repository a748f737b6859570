"""Synthetic look-alikes: creators and streamers paid directly by a foreign audience.

The research note (d) names "legitimate adult-creator and webcam payments" among the hard
negatives. The older creator population of `synth` is easy: its fans tip random creators
a few times a year and creators cash out rarely, so no creator has returning payers or a
fast cash-out. Real creators and game streamers paid person to person (e-wallet, P2P, not
through a platform) show the indicators' exact shape (items 1, 5, 7, 12):

- many foreign payers, small even amounts, at the payers' evening and night;
- most payers tip once or twice (one-off tippers, one-off viewers), some pay a fixed sum
  every month (a direct "subscription"), a few superfans or regulars tip in several
  streams a month, sometimes several times in one stream (the pay-per-view session shape);
- the earnings are withdrawn: some creators weekly, many every day or two, through an
  agent or e-wallet cash-out (item 12's "rapid cash-out");
- memos of fans: tips, handles, thanks; no family-support disguise.

Payers are an audience: a fan follows several creators and has an ordinary economic life
(card spending at home). Everything is drawn from the look-alike stream
(`Generator.extra`) and emitted after the rest of the world, so the planted typologies
are the same draw with or without these populations.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from jaga.finance.synth import Generator

DAYS = 365
FAN_MEMOS = np.array(
    ["", "", "", "tip", "thanks", "@{h}", "love your content", "for you", "xoxo", "monthly"],
    dtype=object,
)
VIEWER_MEMOS = np.array(
    ["", "", "", "gg", "nice play", "for the stream", "@{h}", "donation", "hype", "clutch"],
    dtype=object,
)
# Where the world has cash-out agents (`Generator.same_country`), so withdrawals stay local.
CREATOR_COUNTRIES = np.array(["PH", "TH", "ID", "VN", "MY"])
CREATOR_P = np.array([0.5, 0.2, 0.1, 0.1, 0.1])
STREAMER_COUNTRIES = np.array(["PH", "ID", "TH", "VN", "MY"])


def audience_accounts(
    gen: Generator,
    scale: float,
    origins: np.ndarray,
    origin_p: np.ndarray,
    surnames_sea: np.ndarray,
    surnames_west: np.ndarray,
) -> dict[str, np.ndarray]:
    """Creators, game streamers and their foreign audience (accounts only)."""
    rng = gen.extra
    n_cr = max(4, int(30 * scale))
    creators = gen.acc.add(
        n_cr,
        rng.choice(CREATOR_COUNTRIES, n_cr, p=CREATOR_P),
        rng.choice(surnames_sea, n_cr),
        rng.choice(np.array(["F", "M"]), n_cr, p=[0.85, 0.15]),
        rng.integers(1988, 2005, n_cr),
        role="benign: direct creator",
    )
    n_st = max(4, int(30 * scale))
    streamers = gen.acc.add(
        n_st,
        rng.choice(STREAMER_COUNTRIES, n_st),
        rng.choice(surnames_sea, n_st),
        rng.choice(np.array(["M", "F"]), n_st, p=[0.8, 0.2]),
        rng.integers(1995, 2006, n_st),
        role="benign: game streamer",
    )
    n_fan = max(50, int(5_000 * scale))
    fans = gen.acc.add(
        n_fan,
        rng.choice(origins, n_fan, p=origin_p),
        np.where(
            rng.random(n_fan) < 0.8,
            rng.choice(surnames_west, n_fan),
            rng.choice(surnames_sea, n_fan),
        ),
        rng.choice(np.array(["M", "F"]), n_fan, p=[0.75, 0.25]),
        rng.integers(1965, 2006, n_fan),
        role="benign: fan",
    )
    return {"creators": creators, "streamers": streamers, "fans": fans}


def _pairs(
    rng: np.random.Generator, payees: np.ndarray, fans: np.ndarray, low: int, high: int
) -> tuple[np.ndarray, np.ndarray]:
    """(payer, payee) of each payee's audience: `low`-`high` distinct fans each."""
    size = np.minimum(rng.integers(low, high, len(payees)), len(fans))  # small worlds
    payee = np.repeat(payees, size)
    payer = np.concatenate([rng.choice(fans, s, replace=False) for s in size])
    return payer, payee


def _sessions(
    rng: np.random.Generator,
    n: int,
    months: tuple[int, int],
    per_month: tuple[int, int],
    per_show: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Pair index and day of each tip of `n` regulars who tip in several streams a month."""
    m = rng.integers(*months, n)
    shows = np.maximum(1, (m * rng.integers(*per_month, n)))
    start = rng.integers(0, DAYS - 30, n)
    pair = np.repeat(np.arange(n), shows)
    span = np.repeat(np.minimum(m * 30, DAYS - start), shows)
    day = np.repeat(start, shows) + (rng.random(len(pair)) * span).astype(int)
    tips = rng.integers(1, per_show + 1, len(pair))
    return np.repeat(pair, tips), np.repeat(day, tips)


def audience_payments(
    gen: Generator, acc: dict[str, np.ndarray], agents: np.ndarray, merchants: np.ndarray
) -> None:
    """Tips, direct subscriptions, session tips, withdrawals and fans' own spending."""
    rng = gen.extra
    fans = acc["fans"]
    inflow: dict[int, float] = {}

    def pay(
        s: np.ndarray,
        r: np.ndarray,
        days: np.ndarray,
        usd: np.ndarray,
        night: float,
        memos: np.ndarray,
        round_p: float,
    ) -> None:
        channel = rng.choice(np.array(["ewallet", "p2p", "msb"]), len(s), p=[0.5, 0.4, 0.1])
        gen.emit(
            s,
            r,
            gen.local_times(days, gen.country_of(s), night),
            usd,
            channel,
            gen.memos(memos, len(s)),
            round_p,
        )
        uniq = np.unique(r)
        sums = np.bincount(np.searchsorted(uniq, r), weights=usd)
        for payee, total in zip(uniq.tolist(), sums.tolist(), strict=True):
            inflow[payee] = inflow.get(payee, 0.0) + total

    # Adult creators: 60-300 fans each; 65% tippers, 25% monthly subscribers, 10% superfans.
    payer, payee = _pairs(rng, acc["creators"], fans, 60, 300)
    kind = rng.choice(3, len(payer), p=[0.65, 0.25, 0.10])
    tip = kind == 0
    cnt = rng.integers(1, 4, int(tip.sum()))
    s, r = np.repeat(payer[tip], cnt), np.repeat(payee[tip], cnt)
    pay(
        s,
        r,
        rng.integers(0, DAYS, len(s)),
        rng.choice(np.array([5.0, 10, 15, 20, 25, 50, 100]), len(s)),
        0.6,
        FAN_MEMOS,
        0.9,
    )
    sub = kind == 1
    months = rng.integers(3, 11, int(sub.sum()))
    start = rng.integers(0, DAYS - 90, int(sub.sum()))
    fee = rng.choice(np.array([10.0, 15, 20, 30]), int(sub.sum()))
    idx = np.concatenate([np.arange(x) for x in months])
    days = (np.repeat(start, months) + idx * 30 + rng.integers(-2, 3, len(idx))).clip(0, DAYS - 1)
    pay(
        np.repeat(payer[sub], months),
        np.repeat(payee[sub], months),
        days,
        np.repeat(fee, months),
        0.4,
        FAN_MEMOS,
        1.0,
    )
    sup = np.flatnonzero(kind == 2)
    pair, days = _sessions(rng, len(sup), (2, 7), (2, 7), 3)
    pay(
        payer[sup][pair],
        payee[sup][pair],
        days,
        rng.choice(np.array([10.0, 20, 25, 50]), len(pair)),
        0.8,
        FAN_MEMOS,
        0.9,
    )

    # Game streamers: 100-500 viewers each; 80% one-off viewers, 20% regulars.
    payer, payee = _pairs(rng, acc["streamers"], fans, 100, 500)
    reg = rng.random(len(payer)) < 0.2
    cnt = rng.integers(1, 3, int((~reg).sum()))
    s, r = np.repeat(payer[~reg], cnt), np.repeat(payee[~reg], cnt)
    pay(
        s,
        r,
        rng.integers(0, DAYS, len(s)),
        rng.choice(np.array([2.0, 5, 10, 10, 20, 50]), len(s)),
        0.6,
        VIEWER_MEMOS,
        0.8,
    )
    regs = np.flatnonzero(reg)
    pair, days = _sessions(rng, len(regs), (2, 6), (1, 5), 2)
    pay(
        payer[regs][pair],
        payee[regs][pair],
        days,
        rng.choice(np.array([5.0, 10, 20, 25]), len(pair)),
        0.7,
        VIEWER_MEMOS,
        0.8,
    )

    # Withdrawals of the earnings: every 1, 2, 3 or 7 days, to an agent or an e-wallet cash-out.
    earners = np.concatenate([acc["creators"], acc["streamers"]])
    every = rng.choice(np.array([1, 2, 3, 7]), len(earners))
    times = DAYS // every
    s = np.repeat(earners, times)
    idx = np.concatenate([np.arange(x) for x in times])
    days = idx * np.repeat(every, times) + np.repeat(rng.integers(0, 3, len(earners)), times)
    total = np.array([inflow.get(int(e), 0.0) for e in earners])
    usd = np.repeat(0.95 * total / times, times) * rng.lognormal(0.0, 0.3, len(s))
    gen.emit(
        s,
        gen.same_country(agents, s),
        gen.local_times(days.clip(0, DAYS - 1), gen.country_of(s), 0.1),
        usd,
        rng.choice(np.array(["msb", "ewallet"]), len(s)),
        "",
        0.3,
    )

    # The fans' own economic life: card spending at home, streaming services among it.
    cnt = rng.integers(3, 10, len(fans))
    s = np.repeat(fans, cnt)
    gen.emit(
        s,
        gen.same_country(merchants, s),
        gen.local_times(rng.integers(0, DAYS, len(s)), gen.country_of(s), 0.1),
        rng.lognormal(np.log(40), 1.0, len(s)),
        "card",
        "",
        0.2,
        rng.choice(np.array(["grocery", "fuel", "restaurant", "retail", "streaming"]), len(s)),
    )
