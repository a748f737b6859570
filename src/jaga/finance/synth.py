"""Labelled synthetic transactions following the research note's design (section (d)).

A benign background with hard negatives (diaspora remittances, domestic e-wallet traffic,
adult-creator tips, charities, sponsored students, romance-scam victims, gaming top-ups,
tourists, crypto users) plus the planted typologies T1-T7. Everything is drawn with NumPy
in whole arrays, so millions of rows take seconds. Account ids are random numbers so that
nothing about an account's role leaks through its name; labels go to separate columns
(`label_*`) that `score` ignores, and `write_labels` splits them out on request.

Parameters are the published ones (research items 1-13), not tuned to the rules: a
payment's amount, hour, memo and channel are drawn from distributions around the indicator
values, and benign populations overlap every single indicator.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import polars as pl

from jaga.finance.indicators import COUNTRY_UTC_OFFSET
from jaga.finance.rates import load_rates
from jaga.finance.synth_audience import audience_accounts, audience_payments

START = datetime(2024, 1, 1, tzinfo=UTC)
DAYS = 365
VARIANT_ILLICIT_SHARE = {"hi": 0.002, "li": 0.0005}
ORIGINS = np.array(["US", "GB", "AU", "CA", "SA", "DE", "JP", "SG", "FR", "NL"])
ORIGIN_P = np.array([0.45, 0.10, 0.12, 0.08, 0.06, 0.05, 0.04, 0.04, 0.03, 0.03])
SEA = np.array(["PH", "TH", "ID", "VN", "MY", "KH"])
CURRENCY = {
    "US": "USD",
    "GB": "GBP",
    "AU": "AUD",
    "CA": "CAD",
    "SA": "SAR",
    "DE": "EUR",
    "JP": "JPY",
    "SG": "SGD",
    "FR": "EUR",
    "NL": "EUR",
    "PH": "PHP",
    "TH": "THB",
    "ID": "IDR",
    "VN": "VND",
    "MY": "MYR",
    "KH": "USD",
    "NG": "NGN",
    "GH": "GHS",
    "CO": "COP",
    "SC": "USDT",
    "CI": "EUR",
}
SURNAMES_SEA = np.array(
    "Santos Reyes Cruz Bautista Garcia Mendoza Torres Ramos Flores Gonzales Villanueva "
    "Aquino Castillo Navarro Dela_Cruz Saetang Srisuk Wongsa Nguyen Tran Le Pham Hidayat "
    "Santoso Wijaya Tan Lim Abdullah Ismail Sok".replace("_", " ").split()
)
SURNAMES_WEST = np.array(
    [
        "Smith",
        "Johnson",
        "Brown",
        "Taylor",
        "Wilson",
        "Miller",
        "Davis",
        "Clark",
        "Walker",
        "White",
        "Harris",
        "Martin",
        "Thompson",
        "Young",
        "King",
        "Wright",
        "Hill",
        "Scott",
        "Green",
        "Baker",
        "Adams",
        "Nelson",
        "Carter",
        "Mitchell",
        "Roberts",
    ]
)
GIVEN = np.array(
    [
        "Ana",
        "Ben",
        "Carla",
        "Dan",
        "Eva",
        "Felix",
        "Grace",
        "Hugo",
        "Ivy",
        "Jon",
        "Kim",
        "Leo",
        "Mia",
        "Noel",
        "Rosa",
    ]
)
FAMILY_MEMOS = np.array(
    [
        "",
        "",
        "",
        "family support",
        "allowance",
        "padala",
        "pang tuition",
        "for mama",
        "birthday",
        "bills",
        "school",
        "uang saku",
        "rent",
        "gamot ni lola",
    ],
    dtype=object,
)
T1_MEMOS = np.array(
    [
        "",
        "",
        "",
        "",
        "accommodation",
        "uniform",
        "medical bills",
        "school",
        "pang load",
        "baon",
        "show",
        "for the new one",
        "vc later",
        "@{h}",
        "tg: {h}",
        "family support",
        "biaya sekolah",
        "gift",
    ],
    dtype=object,
)
CREATOR_MEMOS = np.array(
    ["", "", "tip", "subscription", "thanks", "@{h}", "live tip"], dtype=object
)
CHARITY_MEMOS = np.array(["donation", "education", "school supplies", "", "medical"], dtype=object)
P2P_MEMOS = np.array(
    ["", "", "", "lunch", "share", "load", "bayad", "thanks", "pulsa"], dtype=object
)


def _lookup(values: np.ndarray, table: Mapping[str, object], default: object) -> np.ndarray:
    """Vectorised dict lookup: map each distinct value once."""
    distinct, inverse = np.unique(values.astype(str), return_inverse=True)
    mapped = np.array([table.get(str(v), default) for v in distinct], dtype=object)
    result: np.ndarray = mapped[inverse]
    return result


@dataclass
class Accounts:
    """Account attributes, indexed by account number."""

    country: list[np.ndarray] = field(default_factory=list)
    surname: list[np.ndarray] = field(default_factory=list)
    sex: list[np.ndarray] = field(default_factory=list)
    birth: list[np.ndarray] = field(default_factory=list)
    label: list[np.ndarray] = field(default_factory=list)
    role: list[np.ndarray] = field(default_factory=list)
    size: int = 0

    def add(
        self,
        n: int,
        country: np.ndarray | str,
        surname: np.ndarray,
        sex: np.ndarray | str,
        birth: np.ndarray | int,
        label: int = 0,
        role: str = "benign",
    ) -> np.ndarray:
        ids = np.arange(self.size, self.size + n)
        self.size += n
        self.country.append(np.broadcast_to(np.asarray(country, dtype=object), (n,)).copy())
        self.surname.append(np.asarray(surname, dtype=object))
        self.sex.append(np.broadcast_to(np.asarray(sex, dtype=object), (n,)).copy())
        self.birth.append(np.broadcast_to(np.asarray(birth, dtype=np.int32), (n,)).copy())
        self.label.append(np.full(n, label, dtype=np.int8))
        self.role.append(np.full(n, role, dtype=object))
        return ids


@dataclass
class Payments:
    """Transactions as lists of array chunks, concatenated once at the end."""

    cols: dict[str, list[np.ndarray]] = field(default_factory=dict)

    def add(self, **columns: np.ndarray | str | int | float) -> None:
        n = len(np.asarray(columns["sender"]))
        for key, value in columns.items():
            arr = np.asarray(value)
            if arr.ndim == 0:
                arr = np.full(n, value, dtype=object if isinstance(value, str) else None)
            self.cols.setdefault(key, []).append(arr)


class Generator:
    """One seeded world; call `run` once."""

    def __init__(self, n_tx: int, variant: str, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        # The look-alike populations draw from their own stream (`look_alike_accounts`).
        self.extra = np.random.default_rng([seed, 6])
        self.n_tx = n_tx
        self.variant = variant
        self.acc = Accounts()
        self.pay = Payments()
        self.rates = load_rates()
        self.handles = 0

    # --- helpers ---------------------------------------------------------------------
    def surnames(self, n: int, pool: np.ndarray) -> np.ndarray:
        return self.rng.choice(pool, n)

    def local_times(self, days: np.ndarray, countries: np.ndarray, night: float) -> np.ndarray:
        """UTC seconds for payments made at sender-local daytime, or night with prob `night`."""
        n = len(days)
        is_night = self.rng.random(n) < night
        day_hour = self.rng.normal(14.0, 3.5, n).clip(6.0, 20.9)
        night_hour = (21.0 + self.rng.random(n) * 7.0) % 24.0
        hour = np.where(is_night, night_hour, day_hour)
        offsets = _lookup(countries, COUNTRY_UTC_OFFSET, 0.0).astype(float)
        seconds = days * 86400.0 + (hour - offsets) * 3600.0 + self.rng.random(n) * 3600.0
        clipped: np.ndarray = seconds.clip(0, DAYS * 86400 - 1)
        return clipped

    def amounts(
        self, usd: np.ndarray, countries: np.ndarray, round_p: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """Local-currency amounts; with probability `round_p` even-denominated."""
        currency = _lookup(countries, CURRENCY, "USD")
        rate = _lookup(currency, self.rates, 1.0).astype(float)
        local = usd / rate
        magnitude = 10.0 ** np.floor(np.log10(np.maximum(local, 1.0)))
        unit = np.maximum(magnitude / 2.0, 1.0)
        rounded = np.maximum(np.round(local / unit), 1.0) * unit
        is_round = self.rng.random(len(usd)) < round_p
        local = np.where(
            is_round, rounded, np.round(local, 2) + 0.01 * (np.round(local, 2) % 5 == 0)
        )
        return local, currency

    def memos(self, pool: np.ndarray, n: int) -> np.ndarray:
        chosen = self.rng.choice(pool, n)
        out = chosen.copy()
        for i in np.flatnonzero(np.char.find(chosen.astype(str), "{h}") >= 0):
            self.handles += 1
            out[i] = chosen[i].replace("{h}", f"user{self.rng.integers(1000, 99999)}")
        return out

    def emit(
        self,
        sender: np.ndarray,
        receiver: np.ndarray,
        t: np.ndarray,
        usd: np.ndarray,
        channel: np.ndarray | str,
        memo: np.ndarray | str = "",
        round_p: float = 0.3,
        mcc: np.ndarray | str = "",
        label: int = 0,
        typology: str = "",
    ) -> None:
        if len(sender) == 0:
            return
        countries = self.country_of(sender)
        amount, currency = self.amounts(np.asarray(usd, dtype=float), countries, round_p)
        self.pay.add(
            sender=sender,
            receiver=receiver,
            t=t,
            amount=amount,
            currency=currency,
            channel=channel,
            memo=memo,
            mcc=mcc,
            label=label,
            typology=typology,
        )

    def country_of(self, ids: np.ndarray) -> np.ndarray:
        countries: np.ndarray = self._country[ids]
        return countries

    def freeze(self) -> None:
        self._country = np.concatenate(self.acc.country)

    def same_country(self, pool: np.ndarray, senders: np.ndarray) -> np.ndarray:
        """For each sender, a random member of `pool` in the sender's country (domestic)."""
        pool_c = self.country_of(pool).astype(str)
        order = np.argsort(pool_c, kind="stable")
        pool, pool_c = pool[order], pool_c[order]
        names, starts, counts = np.unique(pool_c, return_index=True, return_counts=True)
        want = self.country_of(senders).astype(str)
        pos = np.searchsorted(names, want).clip(0, len(names) - 1)
        found = names[pos] == want
        pick = starts[pos] + (self.rng.integers(0, 1 << 30, len(senders)) % counts[pos])
        fallback = self.rng.integers(0, len(pool), len(senders))
        return np.where(found, pool[pick], pool[fallback])

    def days(self, n: int) -> np.ndarray:
        return self.rng.integers(0, DAYS, n)

    # --- world -----------------------------------------------------------------------
    def run(self) -> pl.DataFrame:
        rng = self.rng
        n = self.n_tx
        illicit_budget = VARIANT_ILLICIT_SHARE[self.variant] * n
        scale = n / 1_000_000
        # Populations (accounts), sized so the background gives about n transactions.
        n_sea = max(200, int(60_000 * scale))
        n_origin = max(100, int(25_000 * scale))
        sea_country = rng.choice(SEA, n_sea, p=[0.45, 0.15, 0.15, 0.1, 0.1, 0.05])
        sea = self.acc.add(
            n_sea,
            sea_country,
            self.surnames(n_sea, SURNAMES_SEA),
            rng.choice(np.array(["M", "F"]), n_sea),
            rng.integers(1950, 2006, n_sea),
        )
        ori_country = rng.choice(ORIGINS, n_origin, p=ORIGIN_P)
        origin_sur = np.where(
            rng.random(n_origin) < 0.5,
            self.surnames(n_origin, SURNAMES_SEA),
            self.surnames(n_origin, SURNAMES_WEST),
        )
        origin = self.acc.add(
            n_origin,
            ori_country,
            origin_sur,
            rng.choice(np.array(["M", "F"]), n_origin),
            rng.integers(1945, 2004, n_origin),
        )
        agents = self.acc.add(
            max(10, int(400 * scale)),
            rng.choice(
                np.concatenate([SEA, np.array(["NG", "CI", "GH"])]), max(10, int(400 * scale))
            ),
            self.surnames(max(10, int(400 * scale)), SURNAMES_SEA),
            "U",
            1980,
        )
        merchants = self.acc.add(
            max(20, int(2_000 * scale)),
            rng.choice(np.concatenate([ORIGINS, SEA]), max(20, int(2_000 * scale))),
            self.surnames(max(20, int(2_000 * scale)), SURNAMES_WEST),
            "U",
            1990,
        )
        n_minor = max(20, int(3_000 * scale))
        minors = self.acc.add(
            n_minor,
            rng.choice(ORIGINS[:4], n_minor),
            self.surnames(n_minor, SURNAMES_WEST),
            rng.choice(np.array(["M", "F"]), n_minor, p=[0.6, 0.4]),
            rng.integers(2007, 2011, n_minor),
        )
        n_creator = max(5, int(60 * scale))
        creators = self.acc.add(
            n_creator,
            rng.choice(
                np.array(["PH", "US", "CO", "TH", "GB"]), n_creator, p=[0.35, 0.3, 0.15, 0.1, 0.1]
            ),
            self.surnames(n_creator, SURNAMES_SEA),
            "F",
            rng.integers(1985, 2004, n_creator),
        )
        n_charity = max(3, int(20 * scale))
        charities = self.acc.add(
            n_charity,
            rng.choice(SEA[:3], n_charity),
            self.surnames(n_charity, SURNAMES_SEA),
            "U",
            1990,
        )
        # Illicit populations, sized from the illicit budget.
        n_cons = max(6, int(illicit_budget * 0.5 / 25))
        n_hub = max(2, n_cons // 6)
        hubs = self.acc.add(
            n_hub,
            rng.choice(np.array(["PH", "TH", "PH", "PH", "ID"]), n_hub),
            self.surnames(n_hub, SURNAMES_SEA),
            "F",
            rng.integers(1970, 1995, n_hub),
            1,
            "facilitator",
        )
        consumers = self.acc.add(
            n_cons,
            rng.choice(ORIGINS, n_cons, p=ORIGIN_P),
            self.surnames(n_cons, SURNAMES_WEST),
            np.where(rng.random(n_cons) < 0.9, "M", "F"),
            rng.integers(1950, 2000, n_cons),
            1,
            "consumer",
        )
        n_oneoff = max(2, int(n_cons * 0.15))
        oneoffs = self.acc.add(
            n_oneoff,
            rng.choice(ORIGINS, n_oneoff, p=ORIGIN_P),
            self.surnames(n_oneoff, SURNAMES_WEST),
            "M",
            rng.integers(1950, 2000, n_oneoff),
            1,
            "one-off buyer",
        )
        n_victim = max(3, int(illicit_budget * 0.02))
        victims = self.acc.add(
            n_victim,
            rng.choice(ORIGINS[:4], n_victim),
            self.surnames(n_victim, SURNAMES_WEST),
            np.where(rng.random(n_victim) < 0.85, "M", "F"),
            rng.integers(2007, 2011, n_victim),
            1,
            "sextortion victim",
        )
        n_mule = max(1, n_victim // 6)
        mules = self.acc.add(
            n_mule,
            rng.choice(np.array(["NG", "PH", "CI", "GH"]), n_mule),
            self.surnames(n_mule, SURNAMES_SEA),
            "M",
            rng.integers(1990, 2004, n_mule),
            1,
            "sextortion mule",
        )
        n_t7 = max(2, int(illicit_budget * 0.003))
        t7_payers = self.acc.add(
            n_t7,
            rng.choice(ORIGINS, n_t7, p=ORIGIN_P),
            self.surnames(n_t7, SURNAMES_WEST),
            "M",
            rng.integers(1950, 1995, n_t7),
            1,
            "direct payer",
        )
        t7_children = self.acc.add(
            n_t7,
            rng.choice(np.array(["PH", "TH"]), n_t7),
            self.surnames(n_t7, SURNAMES_SEA),
            "F",
            rng.integers(2008, 2012, n_t7),
            1,
            "child account",
        )
        n_t6 = max(2, int(illicit_budget * 0.002))
        t6_buyers = self.acc.add(
            n_t6,
            rng.choice(ORIGINS, n_t6, p=ORIGIN_P),
            self.surnames(n_t6, SURNAMES_WEST),
            "M",
            rng.integers(1985, 2003, n_t6),
            1,
            "crypto buyer",
        )
        t6_addresses = self.acc.add(
            max(1, n_t6 // 8),
            "SC",
            self.surnames(max(1, n_t6 // 8), SURNAMES_WEST),
            "U",
            1990,
            1,
            "crypto cluster",
        )
        n_benign_crypto = max(5, int(300 * scale))
        wallets = self.acc.add(
            n_benign_crypto * 2, "SC", self.surnames(n_benign_crypto * 2, SURNAMES_WEST), "U", 1990
        )
        look_alikes = self.look_alike_accounts(scale)
        audience = audience_accounts(self, scale, ORIGINS, ORIGIN_P, SURNAMES_SEA, SURNAMES_WEST)
        self.freeze()
        surname = np.concatenate(self.acc.surname)

        # --- benign background -------------------------------------------------------
        # Domestic card spending in origin countries.
        k = int(0.16 * n)
        s = rng.choice(origin, k)
        r = self.same_country(merchants, s)
        self.emit(
            s,
            r,
            self.local_times(self.days(k), self.country_of(s), 0.1),
            rng.lognormal(np.log(40), 1.0, k),
            "card",
            "",
            0.2,
            rng.choice(np.array(["grocery", "fuel", "restaurant", "retail", "streaming"]), k),
        )
        # Diaspora remittances: 1-3 family receivers, surname shared, paydays, median USD 250.
        # Disjoint benign populations: one person is a remitter, or a fan, or a donor...
        no = len(origin)
        dia_pool, fan_pool = origin[: int(no * 0.55)], origin[int(no * 0.55) : int(no * 0.7)]
        donor_pool, other_pool = origin[int(no * 0.7) : int(no * 0.8)], origin[int(no * 0.8) :]
        n_dia = int(len(dia_pool) * 0.9)
        senders = rng.choice(dia_pool, n_dia, replace=False)
        per_month = rng.choice(np.array([1, 2, 4]), n_dia, p=[0.65, 0.25, 0.10])
        n_recv = rng.choice(np.array([1, 2, 3]), n_dia, p=[0.6, 0.3, 0.1])
        reps = per_month * 12
        s = np.repeat(senders, reps)
        fam = rng.choice(sea, (n_dia, 3))
        pick = np.repeat(n_recv, reps)
        r = fam[np.repeat(np.arange(n_dia), reps), rng.integers(0, 3, len(s)) % pick]
        family = rng.random(len(s)) < 0.85
        surname[r[family]] = surname[s[family]]
        base = rng.integers(0, 30, len(s))
        step = np.repeat(30 // per_month, reps)
        idx = np.concatenate([np.arange(x) for x in reps])
        days = (base + idx * step + rng.integers(-2, 3, len(s))).clip(0, DAYS - 1)
        self.emit(
            s,
            r,
            self.local_times(days, self.country_of(s), 0.2),
            rng.lognormal(np.log(250 / np.repeat(np.sqrt(per_month), reps)), 0.7),
            rng.choice(np.array(["msb", "bank", "ewallet"]), len(s), p=[0.5, 0.3, 0.2]),
            self.memos(FAMILY_MEMOS, len(s)),
            0.6,
        )
        # Remittance receivers and others cash out through agents (hard negative for item 12).
        cash = rng.random(len(r)) < 0.6
        cr = r[cash]
        self.emit(
            cr,
            self.same_country(agents, cr),
            self.local_times(days[cash] + rng.integers(0, 2, len(cr)), self.country_of(cr), 0.05),
            rng.lognormal(np.log(200), 0.6, len(cr)),
            rng.choice(np.array(["msb", "ewallet"]), len(cr)),
            "",
            0.7,
        )
        # Adult creators: many foreign fans, small round tips at night (hard negative, item 5).
        k = int(0.012 * n)
        fans = rng.choice(fan_pool, k)
        c = creators[(np.arange(k) * 7919 + rng.integers(0, 3, k)) % len(creators)]
        self.emit(
            fans,
            c,
            self.local_times(self.days(k), self.country_of(fans), 0.5),
            rng.choice(np.array([5, 10, 15, 20, 25, 50, 100]), k).astype(float),
            rng.choice(np.array(["card", "p2p", "ewallet"]), k),
            self.memos(CREATOR_MEMOS, k),
            0.9,
        )
        cc = rng.choice(creators, k // 10)
        self.emit(
            cc,
            self.same_country(agents, cc),
            self.local_times(self.days(len(cc)), self.country_of(cc), 0.1),
            rng.lognormal(np.log(300), 0.5, len(cc)),
            "msb",
            "",
            0.5,
        )
        # Charities: many foreign donors, cover-like memos (hard negative, items 5 and 6).
        k = int(0.004 * n)
        donors = rng.choice(donor_pool, k)
        self.emit(
            donors,
            rng.choice(charities, k),
            self.local_times(self.days(k), self.country_of(donors), 0.2),
            rng.choice(np.array([10, 20, 25, 50, 100]), k).astype(float),
            rng.choice(np.array(["bank", "card"]), k),
            self.memos(CHARITY_MEMOS, k),
            0.95,
        )
        # Sponsors of students: monthly, unrelated receivers, "tuition" (hard negative, item 4).
        n_sp = max(5, int(300 * scale))
        sponsors = rng.choice(other_pool[: len(other_pool) // 4], n_sp)
        students = rng.choice(sea, (n_sp, 3))
        s = np.repeat(sponsors, 12 * 2)
        r = students[np.repeat(np.arange(n_sp), 24), rng.integers(0, 3, len(s))]
        days = np.tile(np.repeat(np.arange(12) * 30, 2), n_sp) + rng.integers(0, 5, len(s))
        self.emit(
            s,
            r,
            self.local_times(days, self.country_of(s), 0.1),
            rng.choice(np.array([50.0, 75.0, 100.0]), len(s)),
            "bank",
            self.memos(
                np.array(["tuition", "school fees", "education", "books"], dtype=object), len(s)
            ),
            0.9,
        )
        # Romance-scam victims: escalating payments to one receiver abroad.
        n_rs = max(5, int(250 * scale))
        rs = rng.choice(other_pool[len(other_pool) // 4 : len(other_pool) // 2], n_rs)
        cnt = rng.integers(5, 20, n_rs)
        s = np.repeat(rs, cnt)
        r = np.repeat(rng.choice(sea, n_rs), cnt)
        idx = np.concatenate([np.arange(x) for x in cnt])
        start = np.repeat(rng.integers(0, DAYS - 120, n_rs), cnt)
        self.emit(
            s,
            r,
            self.local_times(start + idx * 6, self.country_of(s), 0.3),
            100.0 * 1.35**idx * rng.lognormal(0, 0.2, len(s)),
            rng.choice(np.array(["msb", "bank"]), len(s)),
            self.memos(
                np.array(["", "for you", "hospital bills", "ticket", "visa"], dtype=object), len(s)
            ),
            0.6,
        )
        # Gaming top-ups by minors: bursts to merchants (hard negative for FSEC).
        k = int(0.01 * n)
        kid = rng.choice(minors, k)
        self.emit(
            kid,
            self.same_country(merchants[:200], kid),
            self.local_times(self.days(k), self.country_of(kid), 0.3),
            rng.choice(np.array([5.0, 10.0, 20.0, 50.0]), k),
            "card",
            "",
            0.9,
            "gaming",
        )
        k = int(0.004 * n)  # minors paying friends
        kid = rng.choice(minors, k)
        self.emit(
            kid,
            minors[(np.searchsorted(minors, kid) + 1) % len(minors)],
            self.local_times(self.days(k), self.country_of(kid), 0.3),
            rng.lognormal(np.log(15), 0.6, k),
            "p2p",
            self.memos(P2P_MEMOS, k),
            0.5,
        )
        # Tourists: hotels, ATMs and flights in SEA (hard negative for T4).
        n_tour = max(5, int(800 * scale))
        tourists = rng.choice(other_pool[len(other_pool) // 2 :], n_tour)
        cnt = rng.integers(4, 12, n_tour)
        s = np.repeat(tourists, cnt)
        dest_m = merchants[np.isin(self.country_of(merchants), ["PH", "TH"])]
        r = rng.choice(dest_m, len(s))
        start = np.repeat(rng.integers(0, DAYS - 20, n_tour), cnt)
        self.emit(
            s,
            r,
            self.local_times(start + rng.integers(0, 14, len(s)), self.country_of(s), 0.1),
            rng.lognormal(np.log(120), 0.8, len(s)),
            "card",
            "",
            0.3,
            rng.choice(np.array(["hotel", "atm", "restaurant", "airline", "retail"]), len(s)),
        )
        # Benign crypto users: each sends to a personal deposit address.
        s = rng.choice(other_pool, n_benign_crypto)
        cnt = rng.integers(1, 8, n_benign_crypto)
        s2 = np.repeat(s, cnt)
        w = np.repeat(wallets[:n_benign_crypto], cnt)
        self.emit(
            s2,
            w,
            self.local_times(self.days(len(s2)), self.country_of(s2), 0.3),
            rng.lognormal(np.log(150), 1.0, len(s2)),
            "crypto",
            "",
            0.5,
        )

        # Domestic e-wallet / p2p traffic among SEA accounts (small, in-band, not
        # cross-border) fills the world up to about n transactions.
        made = sum(len(chunk) for chunk in self.pay.cols["sender"])
        k = max(0, int((n - made) * 1.01))
        s = rng.choice(sea, k)
        r = self.same_country(sea, s)
        keep = r != s
        s, r = s[keep][: max(0, n - made)], r[keep][: max(0, n - made)]
        self.emit(
            s,
            r,
            self.local_times(self.days(len(s)), self.country_of(s), 0.15),
            rng.lognormal(np.log(12), 0.9, len(s)),
            rng.choice(np.array(["ewallet", "p2p", "bank"]), len(s)),
            self.memos(P2P_MEMOS, len(s)),
            0.4,
        )

        # --- planted typologies ------------------------------------------------------
        # T1/T3: consumers paying 1-8 receivers (mostly facilitator hubs, shared across
        # consumers: a bipartite network), 2-30 payments a month in bursts, at night.
        life = rng.integers(60, 365, n_cons)
        start = rng.integers(0, DAYS - 30, n_cons)
        rate = rng.uniform(2, 30, n_cons) / 30.0
        cnt = np.maximum(2, (rate * np.minimum(life, DAYS - start)).astype(int))
        budget = illicit_budget * 0.5
        cnt = np.maximum(2, (cnt * budget / cnt.sum()).astype(int))
        n_rc = rng.integers(1, 9, n_cons)
        own_recv = np.where(
            rng.random((n_cons, 8)) < 0.75,
            rng.choice(hubs, (n_cons, 8)),
            rng.choice(sea, (n_cons, 8)),
        )
        s = np.repeat(consumers, cnt)
        ci = np.repeat(np.arange(n_cons), cnt)
        idx = np.concatenate([np.arange(x) for x in cnt])
        # New receivers are added over time: receiver index grows with the payment index.
        ri = np.minimum(
            (idx * np.repeat(n_rc, cnt)) // np.repeat(cnt, cnt), np.repeat(n_rc, cnt) - 1
        )
        r = own_recv[ci, ri]
        span = np.repeat(np.minimum(life, DAYS - start), cnt)
        days = (
            np.repeat(start, cnt)
            + np.sort(rng.random(len(s))) * 0
            + (rng.random(len(s)) * span).astype(int)
        )
        usd = np.where(
            rng.random(len(s)) < 0.8, rng.uniform(15, 100, len(s)), rng.uniform(10, 200, len(s))
        )
        stray = rng.random(len(s)) < 0.2  # "lone" payments outside the pattern
        self.emit(
            s,
            r,
            self.local_times(days, self.country_of(s), np.where(stray, 0.2, 0.75).mean()),
            np.where(stray, rng.uniform(10, 400, len(s)), usd),
            rng.choice(
                np.array(["msb", "ewallet", "bank", "p2p"]), len(s), p=[0.5, 0.2, 0.15, 0.15]
            ),
            self.memos(T1_MEMOS, len(s)),
            0.75,
            "",
            1,
            "T1",
        )
        # One-off buyers: one or two payments to a hub (the hardest, "lone" cases).
        cnt = rng.integers(1, 3, n_oneoff)
        s = np.repeat(oneoffs, cnt)
        self.emit(
            s,
            rng.choice(hubs, len(s)),
            self.local_times(self.days(len(s)), self.country_of(s), 0.7),
            rng.uniform(15, 100, len(s)),
            rng.choice(np.array(["msb", "ewallet"]), len(s)),
            self.memos(T1_MEMOS, len(s)),
            0.75,
            "",
            1,
            "T3",
        )
        # T2: facilitators cash out most inbound value within 48 h; some forward to another hub.
        k = int(illicit_budget * 0.12)
        h = rng.choice(hubs, k)
        self.emit(
            h,
            self.same_country(agents, h),
            self.local_times(self.days(k), self.country_of(h), 0.1),
            rng.uniform(80, 600, k),
            rng.choice(np.array(["msb", "ewallet"]), k),
            "",
            0.6,
            "",
            1,
            "T2",
        )
        k = max(1, int(illicit_budget * 0.02))
        h = rng.choice(hubs, k)
        self.emit(
            h,
            rng.choice(hubs, k),
            self.local_times(self.days(k), self.country_of(h), 0.2),
            rng.uniform(50, 400, k),
            "ewallet",
            "",
            0.5,
            "",
            1,
            "T3",
        )
        # T4: a quarter of consumers also travel: flights, hotels, repeated ATM use, jewellery.
        trav = consumers[: max(1, n_cons // 4)]
        cnt = rng.integers(4, 10, len(trav))
        s = np.repeat(trav, cnt)
        r = rng.choice(dest_m, len(s))
        start = np.repeat(rng.integers(0, DAYS - 40, len(trav)), cnt)
        self.emit(
            s,
            r,
            self.local_times(start + rng.integers(0, 35, len(s)), self.country_of(s), 0.2),
            rng.lognormal(np.log(150), 0.7, len(s)),
            "card",
            "",
            0.5,
            rng.choice(np.array(["atm", "atm", "hotel", "airline", "jewellery"]), len(s)),
            1,
            "T4",
        )
        # T5: sextortion: a minor pays a new payee 2-6 times within 24-72 h, then silence.
        cnt = rng.integers(2, 7, n_victim)
        s = np.repeat(victims, cnt)
        mule_of = rng.choice(mules, n_victim)
        r = np.repeat(mule_of, cnt)
        start = np.repeat(rng.integers(0, DAYS - 4, n_victim), cnt)
        idx = np.concatenate([np.arange(x) for x in cnt])
        first = np.repeat(rng.uniform(20, 240, n_victim), cnt)
        usd = np.minimum(first * (1 + 0.3 * idx), 1500 / np.repeat(cnt, cnt))
        self.emit(
            s,
            r,
            self.local_times(
                start + (idx * rng.uniform(0, 0.6, len(s))).astype(int), self.country_of(s), 0.4
            ),
            usd,
            rng.choice(np.array(["p2p", "ewallet", "crypto"]), len(s)),
            "",
            0.5,
            "",
            1,
            "T5",
        )
        k = max(1, len(s) // 3)  # mules move the money on
        m = rng.choice(mules, k)
        self.emit(
            m,
            self.same_country(agents, m),
            self.local_times(self.days(k), self.country_of(m), 0.2),
            rng.uniform(100, 800, k),
            "msb",
            "",
            0.5,
            "",
            1,
            "T5",
        )
        # T6: crypto: buy at an exchange, send to an address in a shared cluster.
        cnt = rng.integers(3, 15, n_t6)
        s = np.repeat(t6_buyers, cnt)
        days = self.days(len(s))
        self.emit(
            s,
            rng.choice(t6_addresses, len(s)),
            self.local_times(days, self.country_of(s), 0.6),
            rng.uniform(20, 200, len(s)),
            "crypto",
            "",
            0.5,
            "",
            1,
            "T6",
        )
        # T7: a foreign adult pays a child's account directly, no facilitator.
        cnt = rng.integers(4, 30, n_t7)
        s = np.repeat(t7_payers, cnt)
        r = np.repeat(t7_children, cnt)
        self.emit(
            s,
            r,
            self.local_times(self.days(len(s)), self.country_of(s), 0.7),
            rng.uniform(15, 100, len(s)),
            rng.choice(np.array(["ewallet", "msb", "p2p"]), len(s)),
            self.memos(T1_MEMOS, len(s)),
            0.75,
            "",
            1,
            "T7",
        )
        self.look_alike_payments(look_alikes, wallets[n_benign_crypto : n_benign_crypto + 5])
        # Creators and streamers paid directly by a foreign audience (synth_audience.py).
        audience_payments(self, audience, agents, merchants)
        return self.frame(surname)

    # --- benign look-alikes (hard negatives of the published indicators) ----------------
    def look_alike_accounts(self, scale: float) -> dict[str, np.ndarray]:
        """Accounts of the benign populations that show one published indicator each.

        Drawn from their own generator (`self.extra`), and their payments are emitted after
        every other population (`look_alike_payments`), so the rest of the world, planted
        typologies included, is the same draw as without them.
        """
        rng = self.extra
        n_par = max(5, int(150 * scale))
        parents = self.acc.add(
            n_par,
            rng.choice(ORIGINS, n_par, p=ORIGIN_P),
            rng.choice(SURNAMES_SEA, n_par),
            rng.choice(np.array(["M", "F"]), n_par),
            rng.integers(1965, 1986, n_par),
        )
        # The child abroad carries the other parent's surname (or a mother's maiden name):
        # a family connection no surname match shows (FINTRAC item 4).
        kids = self.acc.add(
            n_par,
            rng.choice(SEA, n_par, p=[0.45, 0.15, 0.15, 0.1, 0.1, 0.05]),
            rng.choice(SURNAMES_SEA, n_par),
            rng.choice(np.array(["M", "F"]), n_par),
            rng.integers(2007, 2011, n_par),
        )
        n_teen = max(10, int(600 * scale))
        teens = self.acc.add(
            n_teen,
            rng.choice(ORIGINS[:4], n_teen),
            rng.choice(SURNAMES_WEST, n_teen),
            rng.choice(np.array(["M", "F"]), n_teen, p=[0.6, 0.4]),
            rng.integers(2007, 2011, n_teen),
        )
        # Team-mates of online games abroad, teenagers themselves (birth year on record).
        peers = self.acc.add(
            n_teen,
            rng.choice(SEA[:3], n_teen),
            rng.choice(SURNAMES_SEA, n_teen),
            rng.choice(np.array(["M", "F"]), n_teen),
            rng.integers(2007, 2011, n_teen),
        )
        n_cr = max(5, int(400 * scale))
        crypto_users = self.acc.add(
            n_cr,
            rng.choice(ORIGINS, n_cr, p=ORIGIN_P),
            rng.choice(SURNAMES_WEST, n_cr),
            rng.choice(np.array(["M", "F"]), n_cr),
            rng.integers(1970, 2004, n_cr),
        )
        return {
            "parents": parents,
            "kids": kids,
            "teens": teens,
            "peers": peers,
            "crypto_users": crypto_users,
        }

    def look_alike_payments(self, acc: dict[str, np.ndarray], exchanges: np.ndarray) -> None:
        """Payments of the look-alike populations (hard negatives, research note (d)).

        - Diaspora parents paying their child abroad (a student): an allowance now and
          then at irregular gaps of days to weeks, mostly in the day, amounts around the
          band's top: family support that the T7 rules (a minor paid from abroad) must not
          take for a direct payer.
        - Teenagers splitting a game purchase with a team-mate abroad who is a teenager
          too: a burst of two or three small payments to a new payee within a day, the
          sextortion indicator's shape with a peer as payee.
        - Ordinary crypto users topping up an exchange abroad at any amount and hour: the
          crypto channel alone is no indicator.
        """
        rng = self.extra
        parents, kids = acc["parents"], acc["kids"]
        cnt = rng.integers(8, 25, len(parents))
        gaps = [rng.integers(3, 35, c) for c in cnt]
        days = np.concatenate([(rng.integers(0, 60) + np.cumsum(g)) % DAYS for g in gaps])
        s = np.repeat(parents, cnt)
        self.emit(
            s,
            np.repeat(kids, cnt),
            self.local_times(days, self.country_of(s), 0.2),
            rng.lognormal(np.log(80), 0.6, len(s)),
            rng.choice(np.array(["msb", "ewallet", "bank"]), len(s), p=[0.5, 0.3, 0.2]),
            self.memos(FAMILY_MEMOS, len(s)),
            0.6,
        )
        teens, peers = acc["teens"], acc["peers"]
        cnt = rng.integers(2, 4, len(teens))
        s = np.repeat(teens, cnt)
        start = np.repeat(rng.integers(0, DAYS - 2, len(teens)), cnt)
        self.emit(
            s,
            np.repeat(peers, cnt),
            self.local_times(start + rng.integers(0, 2, len(s)), self.country_of(s), 0.3),
            rng.lognormal(np.log(12), 0.5, len(s)),
            "p2p",
            self.memos(P2P_MEMOS, len(s)),
            0.5,
        )
        users = acc["crypto_users"]
        cnt = rng.integers(2, 12, len(users))
        s = np.repeat(users, cnt)
        self.emit(
            s,
            rng.choice(exchanges, len(s)),
            self.local_times(rng.integers(0, DAYS, len(s)), self.country_of(s), 0.3),
            rng.lognormal(np.log(120), 1.1, len(s)),
            "crypto",
            "",
            0.5,
        )

    def frame(self, surname: np.ndarray) -> pl.DataFrame:
        cols = {k: np.concatenate(v) for k, v in self.pay.cols.items()}
        n = len(cols["sender"])
        country = self._country
        sex = np.concatenate(self.acc.sex)
        birth = np.concatenate(self.acc.birth)
        label = np.concatenate(self.acc.label)
        role = np.concatenate(self.acc.role)
        given = self.rng.choice(GIVEN, self.acc.size)
        name = np.char.add(np.char.add(given.astype(str), " "), surname.astype(str))
        ids = self.rng.choice(10**10, self.acc.size, replace=False)
        account = np.char.add("AC", np.char.zfill(ids.astype(str), 10))
        sender, receiver = cols["sender"].astype(np.int64), cols["receiver"].astype(np.int64)
        # Only adult accounts opened by young people or minors show a birth year on the
        # receiving side; senders always carry sex and birth year (KYC of the sending side).
        order = np.argsort(cols["t"], kind="stable")
        ts = np.datetime64(START.replace(tzinfo=None), "us") + (cols["t"][order] * 1e6).astype(
            "timedelta64[us]"
        )
        s, r = sender[order], receiver[order]
        frame = pl.DataFrame(
            {
                "tx_id": np.char.add("TX", np.char.zfill(np.arange(n).astype(str), 9)),
                "timestamp": ts,
                "sender_id": account[s],
                "receiver_id": account[r],
                "amount": cols["amount"][order].astype(float),
                "currency": cols["currency"][order].astype(str),
                "sender_country": country[s].astype(str),
                "receiver_country": country[r].astype(str),
                "channel": cols["channel"][order].astype(str),
                "memo": cols["memo"][order].astype(str),
                "sender_name": name[s],
                "receiver_name": name[r],
                "sender_sex": sex[s].astype(str),
                "sender_birth_year": birth[s],
                "receiver_birth_year": np.where(birth[r] >= 2000, birth[r], -1),
                "merchant_category": cols["mcc"][order].astype(str),
                "label_tx": cols["label"][order].astype(np.int8),
                "label_typology": cols["typology"][order].astype(str),
                "label_sender": label[s],
                "label_receiver": label[r],
                "label_sender_role": role[s].astype(str),
                "label_receiver_role": role[r].astype(str),
            }
        )
        return frame.with_columns(
            pl.col("timestamp").dt.replace_time_zone("UTC"),
            pl.when(pl.col("receiver_birth_year") > 0)
            .then(pl.col("receiver_birth_year"))
            .otherwise(None)
            .alias("receiver_birth_year"),
        )


def generate(n_tx: int = 1_000_000, variant: str = "li", seed: int = 1) -> pl.DataFrame:
    """A labelled synthetic year of payments (about `n_tx` rows)."""
    if variant not in VARIANT_ILLICIT_SHARE:
        raise ValueError(f"variant must be one of {sorted(VARIANT_ILLICIT_SHARE)}")
    return Generator(n_tx, variant, seed).run()


LABEL_COLUMNS = (
    "label_tx",
    "label_typology",
    "label_sender",
    "label_receiver",
    "label_sender_role",
    "label_receiver_role",
)


def account_labels(frame: pl.DataFrame) -> pl.DataFrame:
    """Ground truth per account: label (1 = involved in a planted typology) and role."""
    return (
        pl.concat(
            [
                frame.select(
                    pl.col("sender_id").alias("account_id"),
                    pl.col("label_sender").alias("label"),
                    pl.col("label_sender_role").alias("role"),
                ),
                frame.select(
                    pl.col("receiver_id").alias("account_id"),
                    pl.col("label_receiver").alias("label"),
                    pl.col("label_receiver_role").alias("role"),
                ),
            ]
        )
        .unique("account_id")
        .sort("account_id")
    )
