"""Third blind held-out generator of synthetic payment data for Jaga's finance evaluation (issue 6).

Written only from the research note (shared/research/finance-text.md, sections (a) indicators
and (d) dataset design) and the issue's schema, without reading Jaga's finance code, its own
generator or the two earlier held-out generators. It exists because evaluators will score
Jaga on data from generators it has never seen: a detector tuned to one generator's quirks
should fail here, one built on the published indicators should not.

World: 365 days from 2025-01-01, real UTC offsets per country (US/CA/AU/ID accounts get one of
their country's zones; no daylight saving). Each timestamp is written in the time zone of the
institution that recorded it: the payout side (receiver's zone) for MSB remittances, the
sender's zone otherwise, so sender-local time must be derived, not read off.

Populations (benign, label 0):
  diaspora     overseas Filipino/Thai/Vietnamese/Indonesian workers paying 1-3 relatives around
               paydays (lognormal, median USD 250; shared surname in ~70%); relatives often cash
               out at an agent within 48 h, as real remittance receivers do
  freelance    foreign platforms paying SEA freelancers twice a month (one sender, many payees)
  domestic     SEA e-wallet/bank/P2P payments, agent cash-outs (fills the rest of the rows)
  card         card spending by people in many countries, incl. VPN/software purchases
  crypto       benign exchange purchases and wallet transfers
Hard negatives (label 0, hard_negative True, population size times `hard`):
  student      sponsors paying school fees/allowances monthly to 1-4 students (cover words!)
  creator      adult creators (adults) tipped late at night by many foreign fans; weekly payout
  webcam       card payments to adult webcam platforms (MCC 5967), late at night
  charity      many foreign donors to SEA charities ("medical bills", "typhoon relief")
  romance      romance-scam victims (both sexes, older) paying one receiver escalating sums
  gaming       teenagers' game top-ups, in bursts to game merchants
  tourist      foreigners' hotels, flights, ATM withdrawals, jewellery at tourist spots
Planted (label 1), parameters from the note's table (d):
  T1 consumer  male; USD 15-100 (sometimes 10-200); >= 70 % round; 2-30 payments/month in
               bursts; 85 % sender-local 21:00-04:00; 1-8 PH/TH/(VN/KH) receivers, no surname
               match, added over time; memos: cover words, handles, empty; lifetime 2-36 months
  T2 facilitator  5-200 foreign senders from >= 2 countries (regular consumers plus one-off
               buyers); most inbound value withdrawn within 48 h at MSB/e-wallet agents or moved
               to 2-6 household accounts (shared device or surname) which withdraw in turn
  T3 network   clusters of 2-4 facilitators sharing consumers; some facilitators forward to
               another (chains)
  T4 travel    flights, hotels in non-tourist towns, repeated ATM use, jewellery/gifts on stays
               2-4x the offender's usual (tourist-trip) length
  T5 FSEC      14-17-year-old (mostly boys): 2-6 payments in 24-72 h to a new payee (first
               < 250, total <= 1,500), then silence; mules receive from many victims and move
               the money abroad; a gift-card variant
  T6 CVC       younger offender buys crypto, sends it to a cluster of site addresses which
               consolidate into a hub
  T7 direct    foreign adult paying a young account (born 2007-2011) directly
  lone         ~30 % of illicit transactions: one-off buyers (1-2 payments, looser parameters)
               to hubs, to family receivers with no other illicit credit, or to minors
Stress tests (modest share): amount drift to USD 150-250 for ~12 % of consumers in the second
half of their life; VN/KH facilitators (~15 %); memo obfuscation (leet, spacing, Taglish) on
~15 % of illicit memos.

Illicit share: 0.05 % of rows (variant 'li') or 0.2 % ('hi'); the illicit budget sets how many
actors are planted (at least one per typology). Illicit actors also live ordinary lives
(card spending, domestic payments) whose rows are labelled 0.

Labels. `tx_labels.label_tx` marks the planted payments (consumer payments, facilitator and
mule cash-outs and forwards, offending-trip spending, crypto buys and sends, victims' payments
to sextortion mules). Account `label` is 1 for offenders, facilitators, their household
accounts, mules, site addresses AND victims whose accounts carry illicit payments (FSEC
victims, T7 minors): these are accounts an institution must act on. `role` says which; an
evaluator who wants offenders only drops role == "victim".

Lone buyers are many accounts with 1-2 payments each (population "lone"): at 1M rows, seed 1,
'li' has 500 illicit rows, 198 labelled accounts (83 lone buyers, 22 lone receivers, 15 lone
minors); 'hi' 2,000 rows, 841 accounts (506 / 115 / 62). They are the hardest cases by design;
report recall with and without population == "lone". At 1M 'li' the one-actor-per-typology
minimum squeezes lone rows to ~20-27 % (seeds 1-3); 'hi' gives ~32 %; 5M 'li' 34 % (2,500 rows,
1,087 accounts, of which 939 lone). Time on the loaded 2-core machine (nice 10): 1M rows 15-18 s
inside generate (21-25 s wall with writing), 5M 'li' 90 s (112 s wall, 4.3 GB peak RSS).

    nice -n 10 .venv/bin/python bench/finance_heldout3_gen.py --tx 1000000 --variant li \
        --seed 1 --out /tmp/h3
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

T0 = 1735689600  # 2025-01-01T00:00:00Z
DAYS = 365
DAY = 86400

# USD per unit, the values of Jaga's shipped default table (the only finance file read).
RATES: dict[str, float] = {
    "USD": 1.0, "EUR": 1.08, "GBP": 1.27, "AUD": 0.66, "NZD": 0.60, "CAD": 0.73, "CHF": 1.13,
    "SEK": 0.095, "NOK": 0.093, "JPY": 0.0067, "KRW": 0.00073, "HKD": 0.128, "TWD": 0.031,
    "SGD": 0.74, "MYR": 0.22, "PHP": 0.0175, "THB": 0.028, "IDR": 0.000064, "VND": 0.000040,
    "KHR": 0.000245, "INR": 0.012, "SAR": 0.2667, "AED": 0.2723, "QAR": 0.2747, "KWD": 3.25,
    "MXN": 0.055, "COP": 0.00025, "DOP": 0.0167, "NGN": 0.00065, "GHS": 0.065, "ZAR": 0.055,
    "USDT": 1.0, "USDC": 1.0, "BTC": 60000.0, "ETH": 3000.0,
}  # fmt: skip
DECIMALS = {"JPY": 0, "KRW": 0, "IDR": 0, "VND": 0, "KHR": 0, "BTC": 6, "ETH": 5}
CUR = {
    "US": "USD", "GB": "GBP", "AU": "AUD", "NZ": "NZD", "CA": "CAD", "DE": "EUR", "FR": "EUR",
    "NL": "EUR", "IT": "EUR", "ES": "EUR", "IE": "EUR", "SE": "SEK", "NO": "NOK", "CH": "CHF",
    "JP": "JPY", "KR": "KRW", "HK": "HKD", "TW": "TWD", "SG": "SGD", "MY": "MYR", "PH": "PHP",
    "TH": "THB", "ID": "IDR", "VN": "VND", "KH": "KHR", "IN": "INR", "SA": "SAR", "AE": "AED",
    "QA": "QAR", "KW": "KWD", "MX": "MXN", "CO": "COP", "DO": "DOP", "NG": "NGN", "GH": "GHS",
    "ZA": "ZAR", "CI": "USD", "RU": "USD", "SC": "USD", "PA": "USD",
}  # fmt: skip
TZ: dict[str, list[int]] = {  # UTC offsets in minutes; several = one chosen per account
    "US": [-300, -300, -360, -420, -480], "CA": [-300, -300, -360, -480], "GB": [0], "IE": [0],
    "AU": [600, 600, 570, 480], "NZ": [720], "DE": [60], "FR": [60], "NL": [60], "IT": [60],
    "ES": [60], "SE": [60], "NO": [60], "CH": [60], "JP": [540], "KR": [540], "HK": [480],
    "TW": [480], "SG": [480], "MY": [480], "PH": [480], "TH": [420], "VN": [420], "KH": [420],
    "ID": [420, 420, 480, 540], "IN": [330], "SA": [180], "AE": [240], "QA": [180], "KW": [180],
    "MX": [-360], "CO": [-300], "DO": [-240], "NG": [60], "GH": [0], "ZA": [120], "CI": [0],
    "RU": [180], "SC": [240], "PA": [-300],
}  # fmt: skip
SEA = ["PH", "TH", "VN", "ID", "MY", "KH"]
# OSAEC corridors (note (a)3): US about half, then UK, AU, CA, SA, DE, JP, SG, FR, NL.
OFFENDER_COUNTRIES = ["US", "GB", "AU", "CA", "SA", "DE", "JP", "SG", "FR", "NL", "SE", "KR"]
OFFENDER_P = [0.46, 0.09, 0.10, 0.07, 0.04, 0.05, 0.04, 0.03, 0.03, 0.03, 0.03, 0.03]
DIASPORA_HOSTS = ["US", "SA", "AE", "GB", "CA", "AU", "JP", "SG", "HK", "QA", "KW", "IT", "KR"]
DIASPORA_P = [0.25, 0.13, 0.12, 0.07, 0.07, 0.06, 0.06, 0.06, 0.05, 0.04, 0.03, 0.03, 0.03]

SURNAMES = {
    "PH": "Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Tomas Andrada Castillo Flores "
    "Villanueva Ramos Castro Rivera Aquino Navarro Salazar Mercado Dela_Cruz Gonzales Lopez "
    "Fernandez Pascual Dizon Manalo Soriano Tolentino Gutierrez Cabrera Alvarez Yap Lim Tan",
    "TH": "Saetang Srisuk Wongsa Boonmee Kaewkla Thongdee Sukjai Chaiyaporn Rattanakul Jaidee "
    "Sombat Phromma Kongkaew Inthasorn Meesuk",
    "VN": "Nguyen Tran Le Pham Hoang Vu Vo Dang Bui Do Ho Ngo Duong Ly",
    "ID": "Santoso Wijaya Saputra Hidayat Kusuma Siregar Nasution Lubis Halim Setiawan",
    "MY": "Abdullah Ismail Rahman Tan Lim Wong Lee Ahmad Hassan Chong",
    "KH": "Sok Chan Kim Heng Chea Keo Meas Prak Sam Ouk",
    "W": "Smith Johnson Brown Miller Wilson Taylor Anderson Thomas Walker White Harris Martin "
    "Clark Lewis Young Hall Allen King Wright Scott Baker Nelson Mueller Schmidt Schneider "
    "Fischer Weber Dubois Bernard de_Vries Jansen Larsson Nilsson Murphy Kelly Davies Evans",
    "JP": "Tanaka Suzuki Sato Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi",
    "KR": "Kim Lee Park Choi Jung Kang Cho Yoon",
    "AR": "Al-Harbi Al-Qahtani Al-Otaibi Al-Ghamdi Al-Zahrani Al-Mutairi Haddad",
    "X": "Okafor Mensah Diallo Garcia Rodriguez Hernandez Martinez Perez Silva Singh Kumar Khan",
}
GIVEN_F = {
    "PH": "Maria Ana Rosa Jocelyn Marites Lorna Rowena Kristine Angel Jasmine Princess Mae "
    "Joy Grace Liza Divina Cherry Analyn",
    "TH": "Malee Siriporn Nattaya Anong Pimchanok Suda Kanya Ploy",
    "VN": "Lan Hoa Mai Thu Linh Huong Ngoc",
    "ID": "Siti Dewi Putri Wulan Ayu Rina Sri",
    "W": "Mary Susan Linda Karen Helen Anna Laura Emma Sarah Julie",
}
GIVEN_M = {
    "PH": "Jose Juan Mark John Michael Ramon Rodel Jun Jerome Carlo Paolo Joel Noel Ariel",
    "TH": "Somchai Kittisak Anan Prasert Wichai Nattapong",
    "VN": "Minh Tuan Hung Duc Nam Long",
    "ID": "Budi Agus Eko Dedi Rizky Andi",
    "W": "James John Robert Michael David Richard Thomas Mark Paul Steven Peter Gary Daniel",
}
REGION = {
    "PH": "PH", "TH": "TH", "VN": "VN", "ID": "ID", "MY": "MY", "KH": "KH", "JP": "JP",
    "KR": "KR", "SA": "AR", "AE": "AR", "QA": "AR", "KW": "AR",
}  # fmt: skip

# Memo lexicons (note (a)6): cover words in English, Filipino/Cebuano/Taglish and Bahasa.
COVER = [
    "accommodation", "uniform", "medical bills", "family support", "education", "school fees",
    "tuition", "allowance", "for rent", "food", "pang-tuition", "pambayad sa ospital",
    "para sa gamot", "baon", "pang-load", "tulong sa pamilya", "bayad sa upa", "para sa bata",
    "gastos sa eskwela", "tabang", "para sa tambal", "biaya sekolah", "bantuan keluarga",
    "uang makan", "biaya rumah sakit", "gift", "load", "pasalubong",
]  # fmt: skip
HANDLE_STEMS = ["sweet", "pinay", "baby", "angel", "cutie", "kitty", "mahal", "ganda", "honey"]
DIASPORA_MEMOS = [
    "",
    "",
    "",
    "padala",
    "pang-gastos",
    "for mama",
    "family support",
    "bills",
    "birthday",
    "allowance",
    "pang-kuryente",
    "tuition",
    "remittance",
    "tulong",
]
STUDENT_MEMOS = [
    "tuition",
    "school fees",
    "education",
    "allowance",
    "baon",
    "books",
    "scholarship",
    "uniform",
    "dorm rent",
    "biaya sekolah",
    "",
]
CHARITY_MEMOS = [
    "donation",
    "typhoon relief",
    "feeding program",
    "medical bills",
    "",
    "",
    "school supplies drive",
    "monthly pledge",
    "for the kids",
    "orphanage support",
]
ROMANCE_MEMOS = [
    "ticket",
    "visa fee",
    "hospital",
    "medical bills",
    "love you",
    "for your mom",
    "",
    "customs fee",
    "rent",
    "my love",
    "emergency",
]
CREATOR_MEMOS = ["tip", "", "", "thanks for the show", "custom vid", "subscription", "xoxo", "gift"]
DOMESTIC_MEMOS = [
    "",
    "",
    "",
    "",
    "bayad",
    "utang",
    "food",
    "grocery",
    "rent",
    "kuryente",
    "load",
    "pamasahe",
    "share",
    "salamat",
    "bills",
    "uang makan",
    "tabang",
]

MCC = {
    "grocery": "5411",
    "restaurant": "5812",
    "airline": "4511",
    "hotel": "7011",
    "atm": "6011",
    "jewelry": "5944",
    "gift": "5947",
    "adult": "5967",
    "games": "5816",
    "digital": "5815",
    "crypto": "6051",
    "software": "5734",
    "electronics": "5732",
    "transport": "4121",
    "fuel": "5541",
    "clothing": "5651",
    "telecom": "4814",
}
TOURIST_TOWNS = {
    "TH": ["Phuket", "Pattaya", "Bangkok Sukhumvit", "Chiang Mai", "Krabi"],
    "PH": ["Boracay", "Makati", "El Nido", "Cebu Mactan", "Bohol Panglao"],
    "JP": ["Tokyo", "Kyoto"],
    "ES": ["Barcelona"],
    "MX": ["Cancun"],
    "KH": ["Siem Reap"],
    "VN": ["Hoi An", "Da Nang"],
}
REMOTE_TOWNS = {
    "PH": ["Pampanga Barangay", "Samar", "Leyte Ormoc", "Cordova", "Taguig Pateros"],
    "TH": ["Udon Thani", "Nong Khai", "Sisaket", "Buriram"],
    "KH": ["Svay Pak", "Battambang"],
}

ALLOWED_LABEL_ROLES = ("offender", "facilitator", "household", "mule", "site", "victim")


@dataclass
class Generated:
    """What `generate` returns: transactions, row-aligned labels, and one row per account."""

    tx: pl.DataFrame
    tx_labels: pl.DataFrame
    accounts: pl.DataFrame


@dataclass
class _World:
    """Mutable accumulator: accounts (int ids, attributes) and transaction chunks."""

    rng: np.random.Generator
    acc: dict[str, list[np.ndarray]] = field(default_factory=dict)
    txc: list[dict[str, np.ndarray]] = field(default_factory=list)
    n_acc: int = 0
    n_ill: int = 0
    tz_cache: list[np.ndarray] = field(default_factory=list)

    def accounts(
        self,
        n: int,
        country: str | np.ndarray,
        pop: str,
        role: str,
        *,
        typ: str = "",
        label: int = 0,
        hard: bool = False,
        sex: str | np.ndarray | None = None,
        birth: np.ndarray | None = None,
        surname: np.ndarray | None = None,
        region: str | np.ndarray | None = None,
        device: np.ndarray | None = None,
        kind: str = "person",
    ) -> np.ndarray:
        """Create `n` accounts and return their int ids (ids are scrambled at the end)."""
        rng = self.rng
        ids = np.arange(self.n_acc, self.n_acc + n, dtype=np.int64)
        self.n_acc += n
        ctry = np.full(n, country, dtype=object) if isinstance(country, str) else country
        tz = np.empty(n, dtype=np.int64)
        for c in np.unique(ctry):
            m = ctry == c
            tz[m] = rng.choice(TZ.get(c, [0]), size=int(m.sum()))
        if sex is None:
            sx = np.where(rng.random(n) < 0.5, "F", "M").astype(object)
        elif isinstance(sex, str):
            sx = np.full(n, sex, dtype=object)
        else:
            sx = sex
        by = birth if birth is not None else rng.integers(1955, 2004, n)
        names = np.empty(n, dtype=object)
        if kind == "person":
            if isinstance(region, str):
                reg = np.full(n, region, dtype=object)
            elif region is not None:
                reg = region
            else:
                reg = np.array([REGION.get(c, "W") for c in ctry], dtype=object)
            sn = np.empty(n, dtype=object)
            for r in np.unique(reg):
                m = reg == r
                pool = SURNAMES.get(r, SURNAMES["X"]).split()
                sn[m] = rng.choice(pool, size=int(m.sum()))
            if surname is not None:
                has = surname != None  # noqa: E711 (element-wise on object arrays)
                sn[has] = surname[has]
            gr = np.array([r if r in GIVEN_F else "W" for r in reg], dtype=object)
            for r in np.unique(gr):
                for s, pool in (("F", GIVEN_F[r]), ("M", GIVEN_M[r])):
                    m = (gr == r) & (sx == s) if s == "M" else (gr == r) & (sx != "M")
                    names[m] = rng.choice(pool.split(), size=int(m.sum()))
            names = np.char.add(np.char.add(names.astype(str), " "), sn.astype(str)).astype(object)
            names = np.char.replace(names.astype(str), "_", " ").astype(object)
        else:
            names[:] = kind
        dev = (
            device
            if device is not None
            else np.char.add("d", rng.integers(16**9, 16**10, n).astype(str)).astype(object)
        )
        cols = {
            "id": ids,
            "country": ctry,
            "tz": tz,
            "name": names,
            "sex": sx,
            "birth": by,
            "device": dev,
            "pop": np.full(n, pop, dtype=object),
            "role": np.full(n, role, dtype=object),
            "typ": np.full(n, typ, dtype=object),
            "label": np.full(n, label, dtype=np.int8),
            "hard": np.full(n, hard),
            "kind": np.full(n, kind, dtype=object),
        }
        for k, v in cols.items():
            self.acc.setdefault(k, []).append(np.asarray(v))
        return ids

    def set_names(self, ids: np.ndarray, names: list[str]) -> None:
        """Give merchants/sites readable names (their last chunk is patched in place)."""
        chunk = self.acc["name"][-1]
        base = int(self.acc["id"][-1][0])
        chunk[ids - base] = np.asarray(names, dtype=object)

    def tz_of(self, ids: np.ndarray) -> np.ndarray:
        """UTC offsets (minutes) of existing accounts."""
        return np.concatenate(self.acc["tz"])[ids]

    def tx(
        self,
        s: np.ndarray,
        r: np.ndarray,
        t: np.ndarray,
        usd: np.ndarray,
        cur: np.ndarray | str,
        ch: np.ndarray | str,
        memo: np.ndarray | str | None = None,
        mcc: np.ndarray | str | None = None,
        *,
        label: int | np.ndarray = 0,
        typ: str | np.ndarray = "",
        round_p: float | np.ndarray = 0.0,
        exact: bool = False,
    ) -> None:
        """Add transactions; `usd` is converted into `cur` and rounded (`round_p`: share of
        amounts made even in that currency; `exact`: amounts are already in `cur`)."""
        n = len(s)
        if n == 0:
            return
        rng = self.rng
        cur_a = np.full(n, cur, dtype=object) if isinstance(cur, str) else cur.astype(object)
        rate = np.array([RATES[c] for c in cur_a]) if not isinstance(cur, str) else RATES[cur]
        amt = usd if exact else usd / rate
        rp = np.broadcast_to(np.asarray(round_p, dtype=float), (n,))
        rnd = rng.random(n) < rp
        amt = np.where(rnd, _nice(amt, rng), amt)
        dec = np.array([DECIMALS.get(c, 2) for c in cur_a]) if not isinstance(cur, str) else None
        if dec is None:
            amt = np.round(amt, DECIMALS.get(str(cur), 2))
        else:
            for d in np.unique(dec):
                m = dec == d
                amt[m] = np.round(amt[m], int(d))
        amt = np.maximum(
            amt, 10.0 ** -np.asarray(DECIMALS.get(str(cur), 2) if dec is None else dec)
        )

        def full(v: np.ndarray | str | None) -> np.ndarray:
            if v is None:
                return np.full(n, None, dtype=object)
            if isinstance(v, str):
                return np.full(n, v, dtype=object)
            return v.astype(object)

        self.n_ill += int(np.sum(np.broadcast_to(np.asarray(label), (n,))))
        self.txc.append(
            {
                "s": s.astype(np.int64),
                "r": r.astype(np.int64),
                "t": t.astype(np.int64),
                "amt": amt.astype(float),
                "cur": cur_a,
                "ch": full(ch),
                "memo": full(memo),
                "mcc": full(mcc),
                "lab": np.broadcast_to(np.asarray(label, np.int8), (n,)).copy(),
                "typ": full(typ) if isinstance(typ, str) else typ.astype(object),
            }
        )

    def n_rows(self) -> int:
        return sum(len(c["s"]) for c in self.txc)


def _nice(x: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Even-denominated amounts: 45 or 50, 1,500 or 2,000 (half or whole power of ten)."""
    x = np.maximum(np.asarray(x, dtype=float), 1e-9)
    mag = 10.0 ** np.floor(np.log10(x))
    step = np.where(rng.random(len(x)) < 0.6, mag / 2, mag)
    out = np.maximum(np.round(x / step) * step, step)
    return out


def _loctime(
    rng: np.random.Generator, n: int, tz_min: np.ndarray, day: np.ndarray, hours: np.ndarray
) -> np.ndarray:
    """UTC epoch seconds of a local clock time `day` (0..364) at hour drawn from weights."""
    p = hours / hours.sum()
    h = rng.choice(24, size=n, p=p)
    sod = h * 3600 + rng.integers(0, 3600, n)
    return T0 + day.astype(np.int64) * DAY + sod - tz_min.astype(np.int64) * 60


DAYTIME = np.array(
    [1, 0.5, 0.3, 0.2, 0.2, 0.5, 1.5, 3, 4, 5, 5, 5.5, 6, 5.5, 5, 5, 5, 5.5, 6, 6, 5, 4, 3, 2],
    dtype=float,
)
EVENING = np.array(
    [2, 1.5, 1, 0.5, 0.3, 0.3, 0.5, 1, 1.5, 2, 2, 2, 2.5, 2.5, 2, 2, 2.5, 3, 4, 5, 6, 6.5, 6, 4],
    dtype=float,
)
NIGHT = np.array(
    [
        10,
        9,
        7,
        5,
        1,
        0.2,
        0.2,
        0.2,
        0.2,
        0.2,
        0.2,
        0.2,
        0.2,
        0.2,
        0.2,
        0.2,
        0.2,
        0.2,
        0.2,
        0.3,
        0.5,
        7,
        10,
        11,
    ],
    dtype=float,
)


def _choice(rng: np.random.Generator, pool: list[str], n: int) -> np.ndarray:
    return np.asarray(pool, dtype=object)[rng.integers(0, len(pool), n)]


def _handle(rng: np.random.Generator, n: int) -> np.ndarray:
    stem = _choice(rng, HANDLE_STEMS, n).astype(str)
    num = rng.integers(1, 99, n).astype(str)
    sep = _choice(rng, ["_", ".", ""], n).astype(str)
    pre = _choice(rng, ["@", "@", "tg @", "ig: @", "add me @"], n).astype(str)
    return np.char.add(np.char.add(np.char.add(pre, stem), sep), num).astype(object)


LEET = str.maketrans({"o": "0", "e": "3", "a": "4", "i": "1", "s": "5"})


def _obfuscate(rng: np.random.Generator, memos: np.ndarray) -> np.ndarray:
    """Stress test: leet, letter spacing, Taglish respelling."""
    out = memos.copy()
    for i in range(len(out)):
        m = out[i]
        if not m:
            continue
        k = rng.integers(0, 3)
        if k == 0:
            out[i] = m.translate(LEET)
        elif k == 1:
            out[i] = " ".join(m.replace(" ", ""))
        else:
            out[i] = "pang " + m.replace("school", "skul").replace("for", "4").replace("you", "u")
    return out


def _illicit_memos(rng: np.random.Generator, n: int, obf: float = 0.15) -> np.ndarray:
    """Cover words (45 %), @handles (20 %), empty (35 %); ~15 % of non-empty obfuscated."""
    u = rng.random(n)
    memo = np.where(u < 0.45, _choice(rng, COVER, n), "").astype(object)
    h = (u >= 0.45) & (u < 0.65)
    memo[h] = _handle(rng, int(h.sum()))
    ob = rng.random(n) < obf
    memo[ob] = _obfuscate(rng, memo[ob])
    return memo


def _kyc_channel(rng: np.random.Generator, n: int, p: dict[str, float]) -> np.ndarray:
    keys = list(p)
    w = np.array([p[k] for k in keys], dtype=float)
    return np.asarray(keys, dtype=object)[rng.choice(len(keys), size=n, p=w / w.sum())]


# --------------------------------------------------------------------------- benign background


def _diaspora(w: _World, n_target: int) -> np.ndarray:
    """Overseas workers paying relatives near paydays; returns relatives' ids."""
    rng = w.rng
    per = 16.0
    ns = max(10, int(n_target / per))
    home = rng.choice(["PH", "TH", "VN", "ID"], size=ns, p=[0.62, 0.14, 0.12, 0.12])
    host = rng.choice(DIASPORA_HOSTS, size=ns, p=DIASPORA_P)
    # diaspora workers carry their home region's names; many are women (OFWs)
    snd = w.accounts(
        ns,
        host.astype(object),
        "diaspora",
        "sender",
        region=np.array([REGION[h] for h in home], dtype=object),
        sex=np.where(rng.random(ns) < 0.6, "F", "M").astype(object),
    )
    names = w.acc["name"][-1]
    nrel = rng.choice([1, 2, 3], size=ns, p=[0.5, 0.35, 0.15])
    tot = int(nrel.sum())
    owner = np.repeat(np.arange(ns), nrel)
    share = rng.random(tot) < 0.7
    sn = np.array([c.split(" ", 1)[-1] for c in names[owner]], dtype=object)
    rel = w.accounts(
        tot,
        home[owner].astype(object),
        "diaspora",
        "relative",
        surname=np.where(share, sn, None),
    )
    # payments: ~1.3/month per relative around the 1st/15th/30th
    cnt = rng.poisson(per / nrel.mean() * 0.9 * np.ones(tot)).clip(1)
    k = int(cnt.sum())
    ri = np.repeat(np.arange(tot), cnt)
    si = owner[ri]
    pay = rng.choice([0, 14, 29], size=k) + rng.integers(-2, 4, k)
    month = rng.integers(0, 12, k)
    day = np.clip(month * 30.4 + pay, 0, DAYS - 1).astype(int)
    tzs = w.tz_of(snd[si])
    t = _loctime(rng, k, tzs, day, EVENING)
    usd = rng.lognormal(np.log(250), 0.6, k) * (1 + 0.2 * rng.random(k))
    ch = _kyc_channel(rng, k, {"msb": 0.5, "bank": 0.3, "ewallet": 0.15, "p2p": 0.05})
    cur = np.array([CUR[c] for c in host[si]], dtype=object)
    pay_local = (ch == "msb") & (rng.random(k) < 0.35)
    cur[pay_local] = np.array([CUR[c] for c in home[owner[ri[pay_local]]]], dtype=object)
    w.tx(snd[si], rel[ri], t, usd, cur, ch, _choice(rng, DIASPORA_MEMOS, k), round_p=0.45)
    return rel


def _agents(w: _World, per_country: int) -> dict[str, np.ndarray]:
    """MSB / e-wallet cash-out agents and ATMs per SEA country, used by everyone."""
    out = {}
    for c in SEA:
        ids = w.accounts(per_country, c, "agent", "cash_agent", kind="merchant")
        w.set_names(ids, [f"{c} cash-out agent {i}" for i in range(per_country)])
        out[c] = ids
    return out


def _cashouts(
    w: _World,
    who: np.ndarray,
    credit_t: np.ndarray,
    credit_usd: np.ndarray,
    country: np.ndarray,
    agents: dict[str, np.ndarray],
    frac: np.ndarray,
    delay_h: np.ndarray,
    label: int = 0,
    typ: str = "",
) -> None:
    """Withdraw `frac` of a credit after `delay_h` hours at a local agent."""
    rng = w.rng
    n = len(who)
    if n == 0:
        return
    ag = np.empty(n, dtype=np.int64)
    for c in np.unique(country):
        m = country == c
        pool = agents.get(c, agents["PH"])
        ag[m] = pool[rng.integers(0, len(pool), int(m.sum()))]
    t = credit_t + (delay_h * 3600).astype(np.int64)
    ch = np.where(rng.random(n) < 0.5, "msb", "ewallet").astype(object)
    cur = np.array([CUR[c] for c in country], dtype=object)
    w.tx(who, ag, t, credit_usd * frac, cur, ch, "cash out", label=label, typ=typ, round_p=0.8)


def _domestic(w: _World, n_rows: int, agents: dict[str, np.ndarray]) -> None:
    """SEA e-wallet/bank/P2P payments among locals (amounts often inside the OSAEC band)."""
    rng = w.rng
    if n_rows <= 0:
        return
    na = max(50, n_rows // 9)
    ctry = rng.choice(SEA, size=na, p=[0.45, 0.2, 0.12, 0.13, 0.06, 0.04]).astype(object)
    ids = w.accounts(na, ctry, "domestic", "retail")
    act = rng.pareto(1.5, na) + 1
    s_idx = rng.choice(na, size=n_rows, p=act / act.sum())
    # counterparties: 70 % a small circle (same country: nearby index within country order)
    order = np.argsort(ctry, kind="stable")
    pos = np.empty(na, dtype=np.int64)
    pos[order] = np.arange(na)
    off = rng.integers(1, 40, n_rows) * np.where(rng.random(n_rows) < 0.5, -1, 1)
    circle = order[np.clip(pos[s_idx] + off, 0, na - 1)]
    rnd_same = rng.choice(na, size=n_rows)
    r_idx = np.where(rng.random(n_rows) < 0.7, circle, rnd_same)
    r_idx = np.where(r_idx == s_idx, (s_idx + 1) % na, r_idx)
    rc = ctry[s_idx]
    receiver = ids[r_idx]
    cash = rng.random(n_rows) < 0.12
    for c in SEA:
        m = cash & (rc == c)
        receiver[m] = agents[c][rng.integers(0, len(agents[c]), int(m.sum()))]
    day = rng.integers(0, DAYS, n_rows)
    t = _loctime(rng, n_rows, w.tz_of(ids[s_idx]), day, DAYTIME)
    usd = rng.lognormal(np.log(18), 1.1, n_rows)
    ch = _kyc_channel(rng, n_rows, {"ewallet": 0.55, "bank": 0.22, "p2p": 0.15, "other": 0.08})
    cur = np.array([CUR[c] for c in rc], dtype=object)
    memo = _choice(rng, DOMESTIC_MEMOS, n_rows)
    memo[cash] = "cash out"
    w.tx(ids[s_idx], receiver, t, usd, cur, ch, memo, round_p=0.5)


def _merchants(w: _World, countries: list[str], per: int) -> dict[tuple[str, str], np.ndarray]:
    out: dict[tuple[str, str], np.ndarray] = {}
    for c in countries:
        for cat in MCC:
            k = per if cat in ("grocery", "restaurant", "transport", "fuel", "clothing") else 3
            ids = w.accounts(k, c, "merchant", cat, kind="merchant")
            w.set_names(ids, [f"{cat.title()} {c}-{i}" for i in range(k)])
            out[(c, cat)] = ids
    return out


def _card(
    w: _World,
    n_rows: int,
    merch: dict[tuple[str, str], np.ndarray],
    holders: np.ndarray,
    holder_ctry: np.ndarray,
    label: int = 0,
    typ: str = "",
    cats: list[str] | None = None,
    cat_p: list[float] | None = None,
    days: np.ndarray | None = None,
    where: np.ndarray | None = None,
) -> None:
    """Card spending by `holders` at merchants of their country (or `where`)."""
    rng = w.rng
    if n_rows <= 0 or len(holders) == 0:
        return
    cats = cats or [
        "grocery",
        "restaurant",
        "transport",
        "fuel",
        "clothing",
        "electronics",
        "digital",
        "software",
        "telecom",
        "atm",
        "airline",
        "hotel",
    ]
    cat_p = cat_p or [0.3, 0.22, 0.1, 0.1, 0.07, 0.03, 0.05, 0.02, 0.04, 0.05, 0.01, 0.01]
    hi = rng.integers(0, len(holders), n_rows)
    cat = np.asarray(cats, dtype=object)[
        rng.choice(len(cats), size=n_rows, p=np.array(cat_p) / sum(cat_p))
    ]
    mc = where[hi] if where is not None else holder_ctry[hi]
    rcv = np.empty(n_rows, dtype=np.int64)
    for key in sorted(set(zip(mc.tolist(), cat.tolist(), strict=True))):
        m = (mc == key[0]) & (cat == key[1])
        pool = merch.get(key, merch.get(("US", key[1])))
        assert pool is not None
        rcv[m] = pool[rng.integers(0, len(pool), int(m.sum()))]
    day = (
        days[hi] + rng.integers(0, 3, n_rows) if days is not None else rng.integers(0, DAYS, n_rows)
    )
    day = np.clip(day, 0, DAYS - 1)
    t = _loctime(rng, n_rows, w.tz_of(holders[hi]), day, DAYTIME)
    usd = rng.lognormal(np.log(30), 0.9, n_rows)
    usd = np.where(cat == "atm", rng.choice([40, 60, 100, 150, 200], n_rows) * 1.0, usd)
    usd = np.where(np.isin(cat, ["airline", "hotel"]), usd * 12, usd)
    cur = np.array([CUR.get(c, "USD") for c in mc], dtype=object)
    # some issuers report MCC codes, some a text descriptor
    code = np.array([MCC[c] for c in cat], dtype=object)
    mcc = np.where(rng.random(n_rows) < 0.8, code, cat).astype(object)
    w.tx(
        holders[hi],
        rcv,
        t,
        usd,
        cur,
        "card",
        None,
        mcc,
        label=label,
        typ=typ,
        round_p=np.where(cat == "atm", 1.0, 0.05),
    )


# --------------------------------------------------------------------------- hard negatives


def _students(w: _World, n_rows: int) -> None:
    if n_rows <= 0:
        return
    rng = w.rng
    nsp = max(1, n_rows // 22)
    sc = rng.choice(OFFENDER_COUNTRIES, size=nsp, p=OFFENDER_P).astype(object)
    sp = w.accounts(
        nsp, sc, "student", "sponsor", hard=True, sex=None, birth=rng.integers(1950, 1990, nsp)
    )
    k = rng.choice([1, 2, 3, 4], size=nsp, p=[0.55, 0.25, 0.12, 0.08])
    tot = int(k.sum())
    owner = np.repeat(np.arange(nsp), k)
    stc = rng.choice(["PH", "TH", "ID", "KH", "VN"], size=tot, p=[0.5, 0.15, 0.15, 0.1, 0.1])
    st = w.accounts(
        tot,
        stc.astype(object),
        "student",
        "student",
        hard=True,
        birth=rng.integers(2002, 2009, tot),
    )
    monthly = rng.choice([40, 50, 60, 75, 100, 150, 200], size=tot) * 1.0
    dom = rng.integers(1, 10, tot)
    ev = np.repeat(np.arange(tot), 12)
    month = np.tile(np.arange(12), tot)
    keep = rng.random(len(ev)) < 0.9
    ev, month = ev[keep], month[keep]
    day = np.clip((month * 30.4 + dom[ev] + rng.integers(-1, 2, len(ev))).astype(int), 0, DAYS - 1)
    s = sp[owner[ev]]
    t = _loctime(rng, len(ev), w.tz_of(s), day, DAYTIME)
    cur = np.array([CUR[c] for c in sc[owner[ev]]], dtype=object)
    ch = _kyc_channel(rng, len(ev), {"bank": 0.45, "msb": 0.35, "ewallet": 0.2})
    w.tx(s, st[ev], t, monthly[ev], cur, ch, _choice(rng, STUDENT_MEMOS, len(ev)), round_p=0.95)


def _creators(w: _World, n_rows: int, agents: dict[str, np.ndarray]) -> None:
    """Adult creators tipped by many foreign fans late at night; weekly withdrawals."""
    if n_rows <= 0:
        return
    rng = w.rng
    ncr = max(1, n_rows // 150)
    cc = rng.choice(["PH", "TH", "CO", "VN", "ID"], size=ncr, p=[0.45, 0.2, 0.15, 0.1, 0.1])
    cr = w.accounts(
        ncr,
        cc.astype(object),
        "creator",
        "creator",
        hard=True,
        sex="F",
        birth=rng.integers(1985, 2004, ncr),
    )
    nfan = max(5, n_rows // 8)
    fc = rng.choice(OFFENDER_COUNTRIES, size=nfan, p=OFFENDER_P).astype(object)
    fans = w.accounts(
        nfan,
        fc,
        "creator",
        "fan",
        hard=True,
        sex=np.where(rng.random(nfan) < 0.85, "M", "F").astype(object),
    )
    pop = rng.pareto(1.2, ncr) + 1
    fav = rng.choice(ncr, size=nfan, p=pop / pop.sum())
    n_tip = int(n_rows * 0.9)
    fi = rng.integers(0, nfan, n_tip)
    ci = np.where(rng.random(n_tip) < 0.8, fav[fi], rng.integers(0, ncr, n_tip))
    day = rng.integers(0, DAYS, n_tip)
    t = _loctime(rng, n_tip, w.tz_of(fans[fi]), day, NIGHT * 0.6 + EVENING)
    usd = rng.lognormal(np.log(25), 0.8, n_tip)
    ch = _kyc_channel(rng, n_tip, {"p2p": 0.45, "ewallet": 0.25, "card": 0.15, "msb": 0.15})
    cur = np.array([CUR[c] for c in fc[fi]], dtype=object)
    memo = _choice(rng, CREATOR_MEMOS, n_tip)
    hm = rng.random(n_tip) < 0.15
    memo[hm] = _handle(rng, int(hm.sum()))
    mcc = np.where(ch == "card", MCC["adult"], None).astype(object)
    w.tx(fans[fi], cr[ci], t, usd, cur, ch, memo, mcc, round_p=0.65)
    # weekly payouts of most of the week's tips (slower than 48 h on average)
    nw = n_rows - n_tip
    wi = rng.integers(0, ncr, nw)
    day = rng.integers(3, DAYS, nw)
    t = _loctime(rng, nw, w.tz_of(cr[wi]), day, DAYTIME)
    usd = rng.lognormal(np.log(400), 0.7, nw)
    ag = np.array([agents.get(c, agents["PH"])[0] for c in cc[wi]])
    w.tx(cr[wi], ag, t, usd, np.array([CUR[c] for c in cc[wi]], dtype=object), "bank", "payout")


def _webcam(w: _World, n_rows: int, merch: dict[tuple[str, str], np.ndarray]) -> None:
    if n_rows <= 0:
        return
    rng = w.rng
    nu = max(1, n_rows // 12)
    uc = rng.choice(OFFENDER_COUNTRIES, size=nu, p=OFFENDER_P).astype(object)
    u = w.accounts(
        nu,
        uc,
        "webcam",
        "viewer",
        hard=True,
        sex=np.where(rng.random(nu) < 0.9, "M", "F").astype(object),
    )
    plat = np.concatenate([merch[("NL", "adult")], merch[("US", "adult")], merch[("GB", "adult")]])
    ui = rng.integers(0, nu, n_rows)
    day = rng.integers(0, DAYS, n_rows)
    t = _loctime(rng, n_rows, w.tz_of(u[ui]), day, NIGHT + EVENING)
    usd = rng.choice([9.99, 14.99, 19.99, 24.99, 29.99, 49.99, 50, 100], size=n_rows)
    cur = np.array([CUR[c] for c in uc[ui]], dtype=object)
    w.tx(
        u[ui],
        plat[rng.integers(0, len(plat), n_rows)],
        t,
        usd,
        cur,
        "card",
        "",
        MCC["adult"],
        round_p=0.3,
    )


def _charity(w: _World, n_rows: int) -> None:
    if n_rows <= 0:
        return
    rng = w.rng
    nch = max(1, n_rows // 400)
    ch_c = rng.choice(["PH", "TH", "KH", "VN", "ID"], size=nch, p=[0.5, 0.15, 0.15, 0.1, 0.1])
    ch_ids = w.accounts(nch, ch_c.astype(object), "charity", "charity", hard=True, kind="merchant")
    w.set_names(
        ch_ids,
        [
            f"{n} Foundation"
            for n in rng.choice(
                [
                    "Bahay Pag-asa",
                    "Hope for Kids",
                    "Tabang Bata",
                    "Light of Mercy",
                    "Sunflower",
                    "Rainbow Children",
                    "Harapan Anak",
                ],
                nch,
            )
        ],
    )
    nd = max(5, n_rows // 6)
    dc = rng.choice(OFFENDER_COUNTRIES, size=nd, p=OFFENDER_P).astype(object)
    d = w.accounts(nd, dc, "charity", "donor", hard=True, birth=rng.integers(1945, 2000, nd))
    fav = rng.integers(0, nch, nd)
    monthly = rng.random(nd) < 0.4
    n_d = int(n_rows * 0.85)
    di = rng.integers(0, nd, n_d)
    day = np.where(
        monthly[di], (rng.integers(0, 12, n_d) * 30.4 + 1).astype(int), rng.integers(0, DAYS, n_d)
    )
    t = _loctime(rng, n_d, w.tz_of(d[di]), day, EVENING)
    usd = rng.choice([10, 20, 25, 30, 50, 100, 200], size=n_d) * 1.0
    cur = np.array([CUR[c] for c in dc[di]], dtype=object)
    chn = _kyc_channel(rng, n_d, {"card": 0.4, "bank": 0.3, "p2p": 0.2, "msb": 0.1})
    w.tx(d[di], ch_ids[fav[di]], t, usd, cur, chn, _choice(rng, CHARITY_MEMOS, n_d), round_p=0.9)
    # charities disburse to local beneficiaries/suppliers
    nb = n_rows - n_d
    ci = rng.integers(0, nch, nb)
    ben = w.accounts(
        max(1, nb // 3),
        ch_c[ci[: max(1, nb // 3)]].astype(object),
        "charity",
        "beneficiary",
        hard=True,
    )
    bi = rng.integers(0, len(ben), nb)
    day = rng.integers(0, DAYS, nb)
    t = _loctime(rng, nb, w.tz_of(ch_ids[ci]), day, DAYTIME)
    w.tx(
        ch_ids[ci],
        ben[bi],
        t,
        rng.lognormal(np.log(120), 0.8, nb),
        np.array([CUR[c] for c in ch_c[ci]], dtype=object),
        "bank",
        "disbursement",
    )


def _romance(w: _World, n_rows: int, agents: dict[str, np.ndarray]) -> None:
    """Victims (older, both sexes) paying one 'partner' escalating sums; scammer cashes out."""
    if n_rows <= 0:
        return
    rng = w.rng
    nv = max(1, n_rows // 14)
    vc = rng.choice(OFFENDER_COUNTRIES, size=nv, p=OFFENDER_P).astype(object)
    v = w.accounts(
        nv,
        vc,
        "romance",
        "scam_victim",
        hard=True,
        sex=np.where(rng.random(nv) < 0.55, "F", "M").astype(object),
        birth=rng.integers(1945, 1975, nv),
    )
    nsc = max(1, nv // 4)
    scc = rng.choice(["PH", "MY", "NG", "GH", "ID"], size=nsc, p=[0.35, 0.15, 0.25, 0.15, 0.1])
    sc = w.accounts(nsc, scc.astype(object), "romance", "scam_receiver", hard=True)
    tgt = rng.integers(0, nsc, nv)
    k = rng.integers(4, 20, nv)
    ev = np.repeat(np.arange(nv), k)
    step = np.concatenate([np.arange(x) for x in k])
    start = rng.integers(0, DAYS - 60, nv)
    gap = rng.integers(3, 20, nv)
    day = np.clip(start[ev] + step * gap[ev] + rng.integers(0, 3, len(ev)), 0, DAYS - 1)
    t = _loctime(rng, len(ev), w.tz_of(v[ev]), day, EVENING)
    usd = rng.uniform(40, 150, nv)[ev] * (rng.uniform(1.2, 1.6, nv)[ev] ** step)
    usd = np.minimum(usd, 20000)
    cur = np.array([CUR[c] for c in vc[ev]], dtype=object)
    chn = _kyc_channel(
        rng, len(ev), {"msb": 0.45, "bank": 0.25, "ewallet": 0.15, "crypto": 0.05, "p2p": 0.1}
    )
    cur[chn == "crypto"] = "USDT"
    w.tx(v[ev], sc[tgt[ev]], t, usd, cur, chn, _choice(rng, ROMANCE_MEMOS, len(ev)), round_p=0.7)
    m = rng.random(len(ev)) < 0.7
    _cashouts(
        w,
        sc[tgt[ev]][m],
        t[m],
        usd[m],
        scc[tgt[ev]][m].astype(object),
        agents,
        rng.uniform(0.7, 1.0, int(m.sum())),
        rng.uniform(1, 30, int(m.sum())),
    )


def _gaming(w: _World, n_rows: int, merch: dict[tuple[str, str], np.ndarray]) -> np.ndarray:
    """Teen and adult gamers: bursts of top-ups to game merchants (often a new one)."""
    if n_rows <= 0:
        return np.zeros(0, dtype=np.int64)
    rng = w.rng
    ng = max(1, n_rows // 12)
    gc = rng.choice(["US", "GB", "AU", "PH", "ID", "TH", "CA", "MY"], size=ng).astype(object)
    minor = rng.random(ng) < 0.55
    by = np.where(minor, rng.integers(2008, 2012, ng), rng.integers(1985, 2007, ng))
    g = w.accounts(
        ng,
        gc,
        "gaming",
        "gamer",
        hard=True,
        sex=np.where(rng.random(ng) < 0.75, "M", "F").astype(object),
        birth=by,
    )
    games = np.concatenate([merch[(c, "games")] for c in ("US", "SG", "JP", "KR")])
    nb = max(1, n_rows // 3)
    gi = rng.integers(0, ng, nb)
    size = rng.integers(1, 6, nb)
    ev = np.repeat(np.arange(nb), size)
    ev = ev[:n_rows] if len(ev) > n_rows else ev
    day = rng.integers(0, DAYS, nb)[ev]
    t = _loctime(rng, len(ev), w.tz_of(g[gi[ev]]), day, EVENING) + rng.integers(
        0, 40 * 3600, len(ev)
    )
    t = np.minimum(t, T0 + DAYS * DAY - 1)
    usd = rng.choice(
        [0.99, 1.99, 4.99, 9.99, 19.99, 49.99, 99.99],
        size=len(ev),
        p=[0.1, 0.15, 0.25, 0.25, 0.15, 0.07, 0.03],
    )
    gm = games[rng.integers(0, len(games), nb)][ev]
    cur = np.array([CUR[c] for c in gc[gi[ev]]], dtype=object)
    chn = _kyc_channel(rng, len(ev), {"card": 0.6, "ewallet": 0.35, "other": 0.05})
    memo = _choice(rng, ["", "top up", "diamonds", "UC", "gems", "battle pass", ""], len(ev))
    w.tx(g[gi[ev]], gm, t, usd, cur, chn, memo, MCC["games"], round_p=0.0)
    return g[minor]


def _tourists(w: _World, n_rows: int, merch: dict[tuple[str, str], np.ndarray]) -> None:
    if n_rows <= 0:
        return
    rng = w.rng
    nt = max(1, n_rows // 25)
    hc = rng.choice(OFFENDER_COUNTRIES, size=nt, p=OFFENDER_P).astype(object)
    tr = w.accounts(nt, hc, "tourist", "tourist", hard=True)
    dest = rng.choice(
        ["TH", "PH", "VN", "KH", "JP"], size=nt, p=[0.4, 0.3, 0.12, 0.08, 0.1]
    ).astype(object)
    start = rng.integers(0, DAYS - 20, nt)
    length = rng.integers(5, 15, nt)
    # flights and hotel from home before the trip
    pre = np.repeat(np.arange(nt), 2)
    cat = np.tile(np.array(["airline", "hotel"], dtype=object), nt)
    rc = np.array([merch[(h, c)][0] for h, c in zip(hc[pre], cat, strict=True)])
    t = _loctime(
        rng,
        len(pre),
        w.tz_of(tr[pre]),
        np.maximum(start[pre] - rng.integers(5, 60, len(pre)), 0),
        DAYTIME,
    )
    w.tx(
        tr[pre],
        rc,
        t,
        rng.lognormal(np.log(700), 0.5, len(pre)),
        np.array([CUR[c] for c in hc[pre]], dtype=object),
        "card",
        None,
        np.array([MCC[c] for c in cat], dtype=object),
    )
    left = n_rows - len(pre)
    per = np.maximum(1, (left * length / length.sum()).astype(int))
    ev = np.repeat(np.arange(nt), per)
    day = start[ev] + (rng.random(len(ev)) * length[ev]).astype(int)
    cats = ["atm", "hotel", "restaurant", "jewelry", "gift", "transport", "grocery"]
    ccat = np.asarray(cats, dtype=object)[
        rng.choice(7, size=len(ev), p=[0.3, 0.08, 0.3, 0.03, 0.06, 0.13, 0.1])
    ]
    rcv = np.empty(len(ev), dtype=np.int64)
    for key in sorted(set(zip(dest[ev].tolist(), ccat.tolist(), strict=True))):
        m = (dest[ev] == key[0]) & (ccat == key[1])
        pool = merch[key]
        rcv[m] = pool[rng.integers(0, len(pool), int(m.sum()))]
    t = _loctime(
        rng, len(ev), w.tz_of(tr[ev]) * 0 + np.array([TZ[d][0] for d in dest[ev]]), day, DAYTIME
    )
    usd = np.where(
        ccat == "atm",
        rng.choice([60, 100, 150, 200, 300], len(ev)) * 1.0,
        rng.lognormal(np.log(35), 0.9, len(ev)),
    )
    cur = np.array([CUR[d] for d in dest[ev]], dtype=object)
    mcc = np.array([MCC[c] for c in ccat], dtype=object)
    w.tx(tr[ev], rcv, t, usd, cur, "card", None, mcc, round_p=np.where(ccat == "atm", 1.0, 0.05))


def _freelance(w: _World, n_rows: int) -> None:
    """Foreign platforms paying SEA freelancers twice a month: one sender, many payees."""
    if n_rows <= 0:
        return
    rng = w.rng
    npf = max(1, n_rows // 2000 + 3)
    pc = rng.choice(["US", "AU", "GB", "SG", "NL"], size=npf).astype(object)
    pf = w.accounts(npf, pc, "freelance", "platform", kind="merchant")
    w.set_names(pf, [f"Remote Work Platform {i}" for i in range(npf)])
    nfl = max(1, n_rows // 18)
    fc = rng.choice(["PH", "ID", "VN", "TH", "MY"], size=nfl, p=[0.5, 0.2, 0.12, 0.1, 0.08])
    fl = w.accounts(nfl, fc.astype(object), "freelance", "freelancer")
    plat = rng.integers(0, npf, nfl)
    fi = rng.integers(0, nfl, n_rows)
    day = np.clip(rng.choice([14, 29], n_rows) + 30 * rng.integers(0, 12, n_rows), 0, DAYS - 1)
    t = _loctime(rng, n_rows, w.tz_of(pf[plat[fi]]), day, DAYTIME)
    usd = rng.lognormal(np.log(450), 0.7, n_rows)
    memo = np.char.add("payout INV-", rng.integers(10000, 99999, n_rows).astype(str)).astype(object)
    ch = _kyc_channel(rng, n_rows, {"bank": 0.6, "ewallet": 0.3, "other": 0.1})
    w.tx(
        pf[plat[fi]],
        fl[fi],
        t,
        usd,
        np.array([CUR[c] for c in pc[plat[fi]]], dtype=object),
        ch,
        memo,
    )


def _crypto_benign(w: _World, n_rows: int, merch: dict[tuple[str, str], np.ndarray]) -> None:
    """Ordinary crypto users: exchange purchases, then transfers to other wallets."""
    if n_rows <= 0:
        return
    rng = w.rng
    nu = max(1, n_rows // 10)
    uc = rng.choice(["US", "GB", "DE", "AU", "CA", "PH", "SG", "KR"], size=nu).astype(object)
    u = w.accounts(nu, uc, "crypto", "holder", birth=rng.integers(1975, 2005, nu))
    wal = w.accounts(
        max(1, nu // 3),
        rng.choice(["US", "SG", "NL", "SC"], max(1, nu // 3)).astype(object),
        "crypto",
        "wallet",
        kind="crypto",
    )
    nb = n_rows // 2
    ui = rng.integers(0, nu, nb)
    ex = np.array([merch[(c if (c, "crypto") in merch else "US", "crypto")][0] for c in uc[ui]])
    day = rng.integers(0, DAYS, nb)
    t = _loctime(rng, nb, w.tz_of(u[ui]), day, EVENING)
    usd = rng.lognormal(np.log(150), 1.0, nb)
    w.tx(
        u[ui],
        ex,
        t,
        usd,
        np.array([CUR[c] for c in uc[ui]], dtype=object),
        np.where(rng.random(nb) < 0.6, "card", "bank").astype(object),
        None,
        MCC["crypto"],
        round_p=0.6,
    )
    ns = n_rows - nb
    si = rng.integers(0, nu, ns)
    t = _loctime(rng, ns, w.tz_of(u[si]), rng.integers(0, DAYS, ns), EVENING)
    coin = rng.choice(["BTC", "ETH", "USDT", "USDC"], ns).astype(object)
    w.tx(
        u[si],
        wal[rng.integers(0, len(wal), ns)],
        t,
        rng.lognormal(np.log(120), 1.0, ns),
        coin,
        "crypto",
    )


# --------------------------------------------------------------------------- planted typologies


@dataclass
class _Budget:
    """Illicit-row budget per block; `left` falls as rows are planted."""

    left: int


def _persons(
    w: _World,
    n: int,
    countries: list[str],
    p: list[float] | None,
    pop: str,
    role: str,
    typ: str,
    *,
    male: float,
    born: tuple[int, int],
    label: int = 1,
) -> np.ndarray:
    rng = w.rng
    c = rng.choice(countries, size=n, p=p).astype(object)
    sx = np.where(rng.random(n) < male, "M", "F").astype(object)
    return w.accounts(
        n, c, pop, role, typ=typ, label=label, sex=sx, birth=rng.integers(born[0], born[1], n)
    )


def _acc_attr(w: _World, key: str, ids: np.ndarray) -> np.ndarray:
    return np.concatenate(w.acc[key])[ids]


def _livestream(
    w: _World,
    budget: int,
    agents: dict[str, np.ndarray],
    merch: dict[tuple[str, str], np.ndarray],
    obf: float,
) -> tuple[np.ndarray, np.ndarray]:
    """T1 consumers, T2 facilitator hubs, T3 networks. Returns facilitators and their typology."""
    rng = w.rng
    facs: list[int] = []
    fac_typ: list[str] = []
    credit_rows = 0
    credit_budget = int(0.63 * budget)
    clusters: list[tuple[np.ndarray, list[np.ndarray], str, str, bool]] = []
    all_r: list[np.ndarray] = []
    all_t: list[np.ndarray] = []
    all_usd: list[np.ndarray] = []
    while credit_rows < credit_budget or not facs:
        # first cluster a lone hub (T1/T2), second a network (T3), then random
        nc = len(clusters)
        k = 1 if nc == 0 else int(rng.integers(2, 5)) if nc == 1 or rng.random() < 0.45 else 1
        cluster_start = credit_rows
        net = k > 1
        ctyp, ftyp = ("T3", "T3") if net else ("T1", "T2")
        fctry = rng.choice(["PH", "TH", "VN", "KH"], p=[0.62, 0.23, 0.08, 0.07])
        f = _persons(
            w, k, [str(fctry)], None, "livestream", "facilitator", ftyp, male=0.3, born=(1965, 1996)
        )
        fdev = _acc_attr(w, "device", f)
        fname = _acc_attr(w, "name", f)
        hh_all = []
        for j in range(k):
            nh = int(rng.integers(2, 7))
            sn = fname[j].split(" ", 1)[-1]
            sur = np.where(rng.random(nh) < 0.6, sn, None).astype(object)
            dev = np.where(rng.random(nh) < 0.5, fdev[j], None).astype(object)
            own = np.char.add("d", rng.integers(16**9, 16**10, nh).astype(str)).astype(object)
            dev = np.where(dev == None, own, dev).astype(object)  # noqa: E711
            hh = w.accounts(
                nh,
                str(fctry),
                "livestream",
                "household",
                typ=ftyp,
                label=1,
                surname=sur,
                device=dev,
            )
            hh_all.append(hh)
        facs.extend(f.tolist())
        fac_typ.extend([ftyp] * k)
        ncons = int(rng.integers(2, 6)) * k
        cons = _persons(
            w,
            ncons,
            OFFENDER_COUNTRIES,
            OFFENDER_P,
            "livestream",
            "offender",
            ctyp,
            male=0.97,
            born=(1950, 1992),
        )
        ctz = w.tz_of(cons)
        ccur = [CUR[c] for c in _acc_attr(w, "country", cons)]
        credits_r, credits_t, credits_usd = [], [], []
        for i in range(ncons):
            rate = float(np.exp(rng.uniform(np.log(2), np.log(30))))
            life = float(np.exp(rng.uniform(np.log(2), np.log(36)))) * 30.4
            st = rng.uniform(-life + 20, DAYS - 20)
            a, b = max(0.0, st), min(float(DAYS - 1), st + life)
            n = max(2, int(rng.poisson(rate * (b - a) / 30.4)))
            # credits take ~63 % of the block (cash-outs follow); never overshoot by much
            room = credit_budget - credit_rows
            if nc == 0:  # leave room for a network
                room = min(room, credit_budget // 2 - (credit_rows - cluster_start))
            if i > 0 and room < 2:
                break
            n = min(n, max(2, budget // 3, room if i == 0 else 0), max(2, room))
            credit_rows += n
            nrec = int(rng.choice(range(1, 9), p=[0.3, 0.22, 0.16, 0.11, 0.08, 0.06, 0.04, 0.03]))
            pool = f if (not net or rng.random() < 0.8) else np.array(facs)
            recs = pool[rng.integers(0, len(pool), nrec)]
            add_day = np.sort(rng.uniform(a, b, nrec))
            add_day[0] = a
            # bursts: sessions of 1-4 payments in one night
            nb = max(1, int(np.ceil(n / rng.uniform(1.3, 2.5))))
            bday = np.sort(rng.uniform(a, b, nb)).astype(int)
            pb = np.sort(rng.integers(0, nb, n))
            night = rng.random(nb) < 0.85
            hrs = np.where(
                night,
                rng.choice(24, nb, p=NIGHT / NIGHT.sum()),
                rng.choice(24, nb, p=DAYTIME / DAYTIME.sum()),
            )
            t = (
                T0
                + bday[pb] * DAY
                + hrs[pb] * 3600
                + rng.integers(0, 3600, n)
                + rng.integers(0, 100, n) * 60
                - int(ctz[i]) * 60
            )
            day = bday[pb]
            ok = add_day[None, :] <= day[:, None] + 0.5
            last = ok.sum(axis=1).clip(1)
            ri = np.where(rng.random(n) < 0.5, last - 1, (rng.random(n) * last).astype(int))
            r = recs[ri]
            wide = rng.random() < 0.1
            lo, hi = (10, 200) if wide else (15, 100)
            usd = np.exp(rng.uniform(np.log(lo), np.log(hi), n))
            if rng.random() < 0.12:  # stress: amount drift to 150-250 later in life
                mid = (a + b) / 2
                usd = np.where(day > mid, rng.uniform(150, 250, n), usd)
            payout_cur = rng.random(n) < 0.15
            cur = np.where(payout_cur, CUR[str(fctry)], ccur[i]).astype(object)
            ch = _kyc_channel(
                rng,
                n,
                {
                    "msb": 0.45,
                    "ewallet": 0.2,
                    "bank": 0.13,
                    "p2p": 0.14,
                    "other": 0.05,
                    "card": 0.03,
                },
            )
            w.tx(
                np.full(n, cons[i]),
                r,
                t,
                usd,
                cur,
                ch,
                _illicit_memos(rng, n, obf),
                label=1,
                typ=ctyp,
                round_p=0.82,
            )
            credits_r.append(r)
            credits_t.append(t)
            credits_usd.append(usd)
        # ancillary (benign-labelled) spending of consumers: VPN, webcam platforms
        anc = cons[rng.random(ncons) < 0.5]
        _card(
            w,
            3 * len(anc),
            merch,
            anc,
            _acc_attr(w, "country", anc),
            cats=["software", "adult"],
            cat_p=[0.6, 0.4],
        )
        clusters.append((f, hh_all, str(fctry), ftyp, net))
        all_r.extend(credits_r)
        all_t.extend(credits_t)
        all_usd.extend(credits_usd)
    # cash-outs after all clusters: a consumer may pay a facilitator of another cluster
    rr, tt, uu = np.concatenate(all_r), np.concatenate(all_t), np.concatenate(all_usd)
    for f, hh_all, fctry, ftyp, net in clusters:
        m = np.isin(rr, f)
        _cashout_hub(w, f, hh_all, rr[m], tt[m], uu[m], fctry, agents, ftyp, net)
    return np.array(facs, dtype=np.int64), np.array(fac_typ, dtype=object)


def _cashout_hub(
    w: _World,
    f: np.ndarray,
    hh: list[np.ndarray],
    r: np.ndarray,
    t: np.ndarray,
    usd: np.ndarray,
    ctry: str,
    agents: dict[str, np.ndarray],
    typ: str,
    net: bool,
) -> None:
    """Facilitators withdraw most inbound value within 48 h (agent or household accounts)."""
    rng = w.rng
    fidx = {int(x): j for j, x in enumerate(f)}
    day = (t - T0) // DAY
    key = r * 1000 + day
    uk, inv = np.unique(key, return_inverse=True)
    tot = np.bincount(inv, weights=usd)
    last = np.zeros(len(uk), dtype=np.int64)
    np.maximum.at(last, inv, t)
    fac = uk // 1000
    n = len(uk)
    go = rng.random(n) < 0.88
    frac = rng.uniform(0.6, 1.0, n)
    delay = rng.uniform(0.5, 40, n)
    to_hh = rng.random(n) < 0.4
    a = go & ~to_hh
    _cashouts(
        w,
        fac[a],
        last[a],
        tot[a],
        np.full(int(a.sum()), ctry, dtype=object),
        agents,
        frac[a],
        delay[a],
        label=1,
        typ=typ,
    )
    b = np.flatnonzero(go & to_hh)
    if len(b):
        hrec = np.array([hh[fidx[int(x)]][rng.integers(0, len(hh[fidx[int(x)]]))] for x in fac[b]])
        tt = last[b] + (delay[b] * 3600).astype(np.int64)
        ch = np.where(rng.random(len(b)) < 0.7, "ewallet", "p2p").astype(object)
        w.tx(
            fac[b],
            hrec,
            tt,
            tot[b] * frac[b],
            CUR[ctry],
            ch,
            _choice(rng, ["", "", "pang-gastos", "share", "bigay"], len(b)),
            label=1,
            typ=typ,
            round_p=0.7,
        )
        m = rng.random(len(b)) < 0.8
        _cashouts(
            w,
            hrec[m],
            tt[m],
            tot[b][m] * frac[b][m],
            np.full(int(m.sum()), ctry, dtype=object),
            agents,
            rng.uniform(0.8, 1.0, int(m.sum())),
            rng.uniform(0.5, 24, int(m.sum())),
            label=1,
            typ=typ,
        )
    if net and len(f) > 1:  # chains: the first facilitator forwards a share to another
        m = (fac == f[0]) & (rng.random(n) < 0.35)
        tgt = f[1 + rng.integers(0, len(f) - 1, int(m.sum()))]
        w.tx(
            fac[m],
            tgt,
            last[m] + (rng.uniform(1, 47, int(m.sum())) * 3600).astype(np.int64),
            tot[m] * rng.uniform(0.2, 0.5, int(m.sum())),
            CUR[ctry],
            "ewallet",
            "",
            label=1,
            typ="T3",
            round_p=0.7,
        )


def _travel(w: _World, budget: int, merch: dict[tuple[str, str], np.ndarray]) -> None:
    """T4: offending trips 2-4x the usual length to non-tourist towns; ATMs, jewellery, gifts."""
    rng = w.rng
    start_rows = w.n_ill
    while w.n_ill - start_rows < budget or w.n_ill == start_rows:
        o = _persons(
            w,
            1,
            ["US", "GB", "AU", "DE", "CA", "NL"],
            None,
            "travel",
            "offender",
            "T4",
            male=1.0,
            born=(1948, 1975),
        )
        home = str(_acc_attr(w, "country", o)[0])
        d0 = int(rng.integers(5, 10))
        # usual holiday (benign)
        s0 = int(rng.integers(0, 120))
        dest0 = str(rng.choice(["JP", "ES", "MX"]))
        _card(
            w,
            2 * d0,
            merch,
            o,
            np.array([dest0], dtype=object),
            days=np.array([s0]),
            where=np.array([dest0], dtype=object),
        )
        for trip in range(int(rng.integers(1, 3))):
            if trip and w.n_ill - start_rows >= budget:
                break
            dest = str(rng.choice(["PH", "TH", "KH"], p=[0.55, 0.3, 0.15]))
            L = int(d0 * rng.uniform(2, 4))
            s = int(rng.integers(130, max(131, DAYS - L)))
            pre = _loctime(
                rng, 2, w.tz_of(np.repeat(o, 2)), np.array([max(0, s - 20)] * 2), DAYTIME
            )
            w.tx(
                np.repeat(o, 2),
                np.array([merch[(home, "airline")][0], merch[(home, "hotel")][-1]]),
                pre,
                rng.uniform(600, 1500, 2),
                CUR[home],
                "card",
                None,
                np.array([MCC["airline"], MCC["hotel"]], dtype=object),
                label=1,
                typ="T4",
            )
            per_day = rng.uniform(1.5, 3.0)
            n = int(L * per_day)
            day = s + (rng.random(n) * L).astype(int)
            cats = np.asarray(
                ["atm", "hotel", "jewelry", "gift", "restaurant", "grocery"], dtype=object
            )
            ccat = cats[rng.choice(6, n, p=[0.45, 0.1, 0.08, 0.12, 0.15, 0.1])]
            rcv = np.array([_remote(merch, dest, c, rng) for c in ccat])
            t = _loctime(rng, n, np.full(n, TZ[dest][0]), np.clip(day, 0, DAYS - 1), DAYTIME)
            usd = np.where(
                ccat == "atm",
                rng.choice([100, 150, 200, 300], n) * 1.0,
                rng.lognormal(np.log(60), 0.8, n),
            )
            w.tx(
                np.repeat(o, n),
                rcv,
                t,
                usd,
                CUR[dest],
                "card",
                None,
                np.array([MCC[c] for c in ccat], dtype=object),
                label=1,
                typ="T4",
                round_p=np.where(ccat == "atm", 1.0, 0.1),
            )
            # payments to a local contact during the stay
            nc = max(1, int(L * 0.25))
            loc = _persons(
                w, 1, [dest], None, "travel", "facilitator", "T4", male=0.2, born=(1965, 1995)
            )
            t = _loctime(
                rng,
                nc,
                np.full(nc, TZ[dest][0]),
                np.clip(s + rng.integers(0, L, nc), 0, DAYS - 1),
                EVENING,
            )
            w.tx(
                np.repeat(o, nc),
                np.repeat(loc, nc),
                t,
                rng.uniform(20, 150, nc),
                CUR[dest],
                _kyc_channel(rng, nc, {"ewallet": 0.6, "msb": 0.4}),
                _illicit_memos(rng, nc),
                label=1,
                typ="T4",
                round_p=0.8,
            )


def _remote(
    merch: dict[tuple[str, str], np.ndarray], c: str, cat: str, rng: np.random.Generator
) -> int:
    pool = merch[(c, cat)]
    half = len(pool) // 2
    return int(pool[half + rng.integers(0, len(pool) - half)]) if half else int(pool[0])


def _fsec(w: _World, budget: int, merch: dict[tuple[str, str], np.ndarray], obf: float) -> None:
    """T5: minors sextorted; bursts to a new payee then silence; mules forward abroad."""
    rng = w.rng
    start_rows = w.n_ill
    while w.n_ill - start_rows < budget or w.n_ill == start_rows:
        mc = str(rng.choice(["US", "NG", "PH", "CI"], p=[0.4, 0.3, 0.15, 0.15]))
        mule = _persons(w, 1, [mc], None, "fsec", "mule", "T5", male=0.9, born=(1990, 2003))
        abroad = _persons(
            w, 1, ["NG", "CI", "PH"], None, "fsec", "mule", "T5", male=0.9, born=(1985, 2000)
        )
        left = budget - (w.n_ill - start_rows)
        nv = min(int(rng.integers(3, 15)), max(2, left // 6))
        vc = rng.choice(
            ["US", "GB", "AU", "CA", "PH", "SG"], nv, p=[0.45, 0.15, 0.12, 0.1, 0.1, 0.08]
        ).astype(object)
        if mc == "US":
            vc[:] = "US"
        v = w.accounts(
            nv,
            vc,
            "fsec",
            "victim",
            typ="T5",
            label=1,
            sex=np.where(rng.random(nv) < 0.85, "M", "F").astype(object),
            birth=rng.integers(2008, 2012, nv),
        )
        # their ordinary lives: game top-ups (label 0)
        games = merch[("US", "games")]
        k = 6 * nv
        vi = rng.integers(0, nv, k)
        w.tx(
            v[vi],
            games[rng.integers(0, len(games), k)],
            _loctime(rng, k, w.tz_of(v[vi]), rng.integers(0, DAYS, k), EVENING),
            rng.choice([4.99, 9.99, 19.99], k),
            np.array([CUR[c] for c in vc[vi]], dtype=object),
            "card",
            "",
            MCC["games"],
        )
        got_t, got_usd = [], []
        for i in range(nv):
            n = int(rng.integers(2, 7))
            d = int(rng.integers(10, DAYS - 5))
            span = rng.uniform(24, 72) * 3600
            t = _loctime(rng, 1, w.tz_of(v[i : i + 1]), np.array([d]), EVENING)[0] + np.sort(
                rng.uniform(0, span, n)
            ).astype(np.int64)
            first = rng.uniform(20, 240)
            amts = np.concatenate([[first], first * rng.uniform(0.5, 2.0, n - 1)])
            amts = amts * min(1.0, 1500 / amts.sum())
            cur = CUR[str(vc[i])]
            if rng.random() < 0.25:  # gift-card variant
                gc = merch[(str(vc[i]) if (str(vc[i]), "gift") in merch else "US", "gift")]
                w.tx(
                    np.full(n, v[i]),
                    np.full(n, gc[0]),
                    t,
                    np.round(amts / 25) * 25 + 25,
                    cur,
                    "card",
                    None,
                    MCC["gift"],
                    label=1,
                    typ="T5",
                )
                continue
            ch = _kyc_channel(rng, n, {"p2p": 0.55, "ewallet": 0.2, "card": 0.1, "bank": 0.15})
            memo = np.where(
                rng.random(n) < 0.7,
                "",
                _choice(rng, ["pls", "sorry", "here", "stop", "delete it"], n),
            ).astype(object)
            w.tx(
                np.full(n, v[i]),
                np.full(n, mule[0]),
                t,
                amts,
                cur,
                ch,
                memo,
                label=1,
                typ="T5",
                round_p=0.4,
            )
            got_t.append(t)
            got_usd.append(amts)
        if got_t:
            tt = np.concatenate(got_t)
            uu = np.concatenate(got_usd)
            m = rng.random(len(tt)) < 0.75
            ch = np.where(rng.random(int(m.sum())) < 0.7, "msb", "crypto").astype(object)
            cur = np.where(ch == "crypto", "USDT", CUR[mc]).astype(object)
            w.tx(
                np.full(int(m.sum()), mule[0]),
                np.full(int(m.sum()), abroad[0]),
                tt[m] + (rng.uniform(1, 40, int(m.sum())) * 3600).astype(np.int64),
                uu[m] * rng.uniform(0.8, 0.95, int(m.sum())),
                cur,
                ch,
                "",
                label=1,
                typ="T5",
            )


def _cvc(w: _World, budget: int, merch: dict[tuple[str, str], np.ndarray]) -> None:
    """T6: young offenders buy crypto and pay a cluster of site addresses; sites consolidate."""
    rng = w.rng
    start_rows = w.n_ill
    sites: list[np.ndarray] = []
    hubs: list[int] = []
    for _ in range(1 if budget < 100 else int(rng.integers(1, 4))):
        k = int(rng.integers(3, 9))
        sites.append(
            w.accounts(
                k,
                str(rng.choice(["RU", "SC", "PA", "NL"])),
                "cvc",
                "site",
                typ="T6",
                label=1,
                kind="crypto",
            )
        )
        hubs.append(int(w.accounts(1, "SC", "cvc", "site", typ="T6", label=1, kind="crypto")[0]))
    recv_t: list[np.ndarray] = []
    recv_usd: list[np.ndarray] = []
    recv_site: list[np.ndarray] = []
    while w.n_ill - start_rows < budget or not recv_t:
        o = _persons(
            w,
            1,
            ["US", "GB", "DE", "CA", "AU", "SE"],
            None,
            "cvc",
            "offender",
            "T6",
            male=0.97,
            born=(1986, 2005),
        )
        home = str(_acc_attr(w, "country", o)[0])
        si = int(rng.integers(0, len(sites)))
        nbuy = min(int(rng.integers(1, 5)), max(1, (budget - (w.n_ill - start_rows)) // 4))
        ex = merch[(home if (home, "crypto") in merch else "US", "crypto")][0]
        for _ in range(nbuy):
            d = int(rng.integers(0, DAYS - 3))
            t0 = _loctime(rng, 1, w.tz_of(o), np.array([d]), NIGHT + EVENING)[0]
            usd = float(rng.uniform(50, 500))
            w.tx(
                o,
                np.array([ex]),
                np.array([t0]),
                np.array([usd]),
                CUR[home],
                str(rng.choice(["card", "bank"])),
                None,
                MCC["crypto"],
                label=1,
                typ="T6",
                round_p=0.8,
            )
            ns = int(rng.integers(1, 4))
            t = t0 + np.sort(rng.uniform(600, 48 * 3600, ns)).astype(np.int64)
            part = usd * rng.dirichlet(np.ones(ns)) * 0.97
            coin = str(rng.choice(["BTC", "ETH", "USDT"], p=[0.5, 0.2, 0.3]))
            dst = sites[si][rng.integers(0, len(sites[si]), ns)]
            w.tx(np.repeat(o, ns), dst, t, part, coin, "crypto", None, label=1, typ="T6")
            recv_t.append(t)
            recv_usd.append(part)
            recv_site.append(np.full(ns, si))
    tt, uu, ss = np.concatenate(recv_t), np.concatenate(recv_usd), np.concatenate(recv_site)
    for si, addrs in enumerate(sites):  # weekly sweeps into the hub
        m = ss == si
        if not m.any():
            continue
        wk = (tt[m] - T0) // (7 * DAY)
        for wv in np.unique(wk):
            sel = wk == wv
            w.tx(
                np.array([addrs[int(rng.integers(0, len(addrs)))]]),
                np.array([hubs[si]]),
                np.array([T0 + (int(wv) + 1) * 7 * DAY - 3600]),
                np.array([uu[m][sel].sum()]),
                "BTC",
                "crypto",
                None,
                label=1,
                typ="T6",
            )


def _direct(w: _World, budget: int, obf: float) -> None:
    """T7: foreign adult paying a young account directly, no facilitator."""
    rng = w.rng
    start_rows = w.n_ill
    while w.n_ill - start_rows < budget or w.n_ill == start_rows:
        o = _persons(
            w,
            1,
            OFFENDER_COUNTRIES,
            OFFENDER_P,
            "direct",
            "offender",
            "T7",
            male=0.98,
            born=(1955, 1992),
        )
        vc = str(rng.choice(["PH", "TH", "ID", "VN"], p=[0.6, 0.15, 0.15, 0.1]))
        nv = int(rng.choice([1, 1, 1, 2, 3]))
        v = w.accounts(
            nv,
            vc,
            "direct",
            "victim",
            typ="T7",
            label=1,
            sex=np.where(rng.random(nv) < 0.7, "F", "M").astype(object),
            birth=rng.integers(2007, 2012, nv),
        )
        life = rng.uniform(30, 240)
        a = rng.uniform(0, DAYS - 30)
        b = min(DAYS - 1.0, a + life)
        n = max(2, int(rng.poisson(rng.uniform(2, 8) * (b - a) / 30.4)))
        n = min(n, max(2, budget // 2))
        day = np.sort(rng.uniform(a, b, n)).astype(int)
        hours = np.where(
            rng.random(n) < 0.6,
            rng.choice(24, n, p=NIGHT / NIGHT.sum()),
            rng.choice(24, n, p=EVENING / EVENING.sum()),
        )
        t = T0 + day * DAY + hours * 3600 + rng.integers(0, 3600, n) - int(w.tz_of(o)[0]) * 60
        usd = rng.uniform(10, 150, n) * np.linspace(0.7, 1.3, n)
        memo = np.where(
            rng.random(n) < 0.5,
            _choice(rng, ["load", "pang-load", "baon", "for school", "gift", "pulsa", "for u"], n),
            _illicit_memos(rng, n, obf),
        ).astype(object)
        ch = _kyc_channel(rng, n, {"ewallet": 0.45, "p2p": 0.25, "msb": 0.3})
        home = str(_acc_attr(w, "country", o)[0])
        w.tx(
            np.repeat(o, n),
            v[rng.integers(0, nv, n)],
            t,
            usd,
            CUR[home],
            ch,
            memo,
            label=1,
            typ="T7",
            round_p=0.75,
        )


def _lone(w: _World, budget: int, facs: np.ndarray, fac_typ: np.ndarray, obf: float) -> None:
    """~30 % of illicit rows: one-off buyers (1-2 payments), looser parameters."""
    rng = w.rng
    start_rows = w.n_ill
    while w.n_ill - start_rows < budget:
        u = rng.random()
        o = _persons(
            w,
            1,
            OFFENDER_COUNTRIES,
            OFFENDER_P,
            "lone",
            "offender",
            "T1",
            male=0.95,
            born=(1950, 2000),
        )
        n = int(rng.choice([1, 1, 1, 2]))
        if u < 0.6 and len(facs):
            j = int(rng.integers(0, len(facs)))
            r, typ = np.repeat(facs[j], n), "T1" if fac_typ[j] == "T2" else "T3"
        elif u < 0.85:
            rc = str(rng.choice(["PH", "TH", "VN", "KH"], p=[0.65, 0.2, 0.08, 0.07]))
            r, typ = (
                np.repeat(
                    _persons(
                        w, 1, [rc], None, "lone", "facilitator", "T1", male=0.3, born=(1965, 1996)
                    ),
                    n,
                ),
                "T1",
            )
        else:
            rc = str(rng.choice(["PH", "TH", "ID"]))
            v = w.accounts(
                1, rc, "lone", "victim", typ="T7", label=1, birth=rng.integers(2007, 2012, 1)
            )
            r, typ = np.repeat(v, n), "T7"
        day = rng.integers(0, DAYS, n)
        t = _loctime(rng, n, np.repeat(w.tz_of(o), n), day, NIGHT + DAYTIME)
        home = str(_acc_attr(w, "country", o)[0])
        ch = _kyc_channel(rng, n, {"msb": 0.4, "ewallet": 0.25, "p2p": 0.2, "bank": 0.15})
        w.tx(
            np.repeat(o, n),
            r,
            t,
            rng.uniform(10, 200, n),
            CUR[home],
            ch,
            _illicit_memos(rng, n, obf),
            label=1,
            typ=typ,
            round_p=0.55,
        )


# --------------------------------------------------------------------------- assembly

KYC = {  # share of rows where each institution type reports a field
    #          s_name r_name sex  s_by  r_by  device
    "bank": (0.95, 0.85, 0.7, 0.7, 0.3, 0.2),
    "msb": (0.98, 0.97, 0.3, 0.4, 0.5, 0.1),
    "ewallet": (0.6, 0.7, 0.4, 0.5, 0.5, 0.9),
    "card": (0.5, 0.95, 0.2, 0.3, 0.0, 0.4),
    "p2p": (0.8, 0.8, 0.1, 0.1, 0.1, 0.7),
    "crypto": (0.2, 0.0, 0.05, 0.1, 0.0, 0.5),
    "other": (0.3, 0.3, 0.3, 0.3, 0.3, 0.3),
}


def _noisy_names(rng: np.random.Generator, names: pl.Series) -> pl.Series:
    """Upper-casing, 'SURNAME, Given' order, and dropped letters, as institutions vary."""
    n = len(names)
    u = rng.random(n)
    df = pl.DataFrame({"n": names, "u": u})
    parts = pl.col("n").str.splitn(" ", 2).struct
    out = df.select(
        pl.when(pl.col("u") < 0.25)
        .then(pl.col("n").str.to_uppercase())
        .when(pl.col("u") < 0.4)
        .then(
            pl.concat_str(
                [parts.field("field_1").str.to_uppercase(), pl.lit(", "), parts.field("field_0")]
            )
        )
        .when(pl.col("u") < 0.43)
        .then(pl.col("n").str.replace(r"[aeiou]", ""))
        .otherwise(pl.col("n"))
        .alias("n")
    )
    return out["n"]


def _str(v: np.ndarray) -> pl.Series:
    """Object array of str/None to a polars String series (fast path via Python lists)."""
    return pl.Series([x if isinstance(x, str) else None for x in v.tolist()], dtype=pl.String)


def _assemble(w: _World, rng: np.random.Generator) -> Generated:
    acc = {k: np.concatenate(v) for k, v in w.acc.items()}
    c = {k: np.concatenate([ch[k] for ch in w.txc]) for k in w.txc[0]}
    order = np.argsort(c["t"], kind="stable")
    c = {k: v[order] for k, v in c.items()}
    n = len(c["t"])
    s, r = c["s"], c["r"]
    used = np.unique(np.concatenate([s, r]))
    # scrambled external ids; merchants "M", crypto addresses "bc1q...", others "AC"
    code = rng.permutation(w.n_acc).astype(np.int64) + 10**9
    kind = _str(acc["kind"])
    a = pl.DataFrame(
        {
            "code": code,
            "kind": kind,
            "name": _str(np.char.replace(acc["name"].astype(str), "_", " ").astype(object)),
            "country": _str(acc["country"]),
            "sex": _str(acc["sex"]),
            "birth": acc["birth"].astype(np.int32),
            "device": _str(acc["device"]),
            "tz": acc["tz"].astype(np.int32),
        }
    ).with_columns(
        ext=pl.when(pl.col("kind") == "crypto")
        .then(pl.lit("bc1q") + (pl.col("code") * 7919 % 10**12).cast(pl.String))
        .when(pl.col("kind") == "merchant")
        .then(pl.lit("M") + pl.col("code").cast(pl.String))
        .otherwise(pl.lit("AC") + pl.col("code").cast(pl.String))
    )
    si, ri = pl.Series(s), pl.Series(r)
    S = a.select(pl.all().gather(si))
    R = a.select(pl.all().gather(ri))
    ch = _str(c["ch"])
    cur = _str(c["cur"])
    keep = (
        rng.random((n, 6))
        < np.array([KYC[x] for x in KYC])[
            ch.replace_strict({k: i for i, k in enumerate(KYC)}, return_dtype=pl.Int64).to_numpy()
        ]
    )
    rec_tz = np.where(ch.to_numpy() == "msb", R["tz"].to_numpy(), S["tz"].to_numpy()).astype(
        np.int64
    )
    local = c["t"] + rec_tz * 60
    tzs = pl.Series(rec_tz)
    off = (
        pl.select(
            pl.when(tzs < 0).then(pl.lit("-")).otherwise(pl.lit("+"))
            + (tzs.abs() // 60).cast(pl.String).str.zfill(2)
            + pl.lit(":")
            + (tzs.abs() % 60).cast(pl.String).str.zfill(2)
        )
    ).to_series()
    ts = pl.from_epoch(pl.Series(local), time_unit="s").dt.strftime("%Y-%m-%dT%H:%M:%S") + off
    u = rng.random(n)
    sby_noise = np.where(u < 0.03, rng.choice([-1, 1], n), 0)
    sex_u = rng.random(n) < 0.05
    tx = pl.DataFrame(
        {
            "tx_id": pl.select(
                pl.lit("H3-") + (pl.int_range(1, n + 1).cast(pl.String).str.zfill(9))
            ).to_series(),
            "timestamp": ts,
            "sender_id": S["ext"],
            "receiver_id": R["ext"],
            "amount": c["amt"],
            "currency": cur,
            "sender_country": S["country"],
            "receiver_country": R["country"],
            "channel": ch,
            "memo": _str(c["memo"]),
            "_sn": _noisy_names(rng, S["name"]),
            "_rn": _noisy_names(rng, R["name"]),
            "_rname": R["name"],
            "_sk": S["kind"],
            "_rk": R["kind"],
            "_sex": S["sex"],
            "_sby": S["birth"] + sby_noise,
            "_rby": R["birth"],
            "_dev": S["device"],
            "merchant_category": _str(c["mcc"]),
            "_k0": keep[:, 0],
            "_k1": keep[:, 1],
            "_k2": keep[:, 2],
            "_k3": keep[:, 3],
            "_k4": keep[:, 4],
            "_k5": keep[:, 5],
            "_su": sex_u,
        }
    )
    sp = pl.col("_sk") == "person"
    rp = pl.col("_rk") == "person"
    tx = tx.with_columns(
        memo=pl.when(pl.col("memo") != "").then(pl.col("memo")),
        sender_name=pl.when(pl.col("_k0") & (pl.col("_sk") != "crypto")).then(pl.col("_sn")),
        receiver_name=pl.when(pl.col("_k1") & (pl.col("_rk") == "merchant"))
        .then(pl.col("_rname"))
        .when(pl.col("_k1") & rp)
        .then(pl.col("_rn")),
        sender_sex=pl.when(pl.col("_k2") & sp).then(
            pl.when(pl.col("_su")).then(pl.lit("U")).otherwise(pl.col("_sex"))
        ),
        sender_birth_year=pl.when(pl.col("_k3") & sp).then(pl.col("_sby")).cast(pl.Int32),
        receiver_birth_year=pl.when(pl.col("_k4") & rp).then(pl.col("_rby")).cast(pl.Int32),
        device_id=pl.when(pl.col("_k5") & sp).then(pl.col("_dev")),
    ).select(
        "tx_id", "timestamp", "sender_id", "receiver_id", "amount", "currency", "sender_country",
        "receiver_country", "channel", "memo", "sender_name", "receiver_name", "sender_sex",
        "sender_birth_year", "receiver_birth_year", "device_id", "merchant_category",
    )  # fmt: skip
    rate = cur.replace_strict(RATES, return_dtype=pl.Float64).to_numpy()
    labels = pl.DataFrame(
        {
            "label_tx": c["lab"].astype(np.int64),
            "label_typology": _str(c["typ"]).fill_null(""),
            "usd": c["amt"] * rate,
        }
    )
    ui = pl.Series(used)
    accounts = pl.DataFrame(
        {
            "account_id": a["ext"].gather(ui),
            "label": acc["label"][used].astype(np.int64),
            "typology": _str(acc["typ"][used]).fill_null(""),
            "role": _str(acc["role"][used]),
            "population": _str(acc["pop"][used]),
            "hard_negative": acc["hard"][used].astype(bool),
        }
    )
    return Generated(tx=tx, tx_labels=labels, accounts=accounts)


def _merchant_world(w: _World) -> dict[tuple[str, str], np.ndarray]:
    countries = sorted(
        {*OFFENDER_COUNTRIES, *DIASPORA_HOSTS, *SEA, "ES", "MX", "CO", "NG", "GH", "IN"}
    )
    merch = _merchants(w, countries, 30)
    for c in (
        "PH",
        "TH",
        "KH",
        "VN",
        "JP",
        "ES",
        "MX",
    ):  # first half tourist spots, second half remote towns
        for cat in ("hotel", "atm", "jewelry", "gift", "restaurant", "grocery"):
            ids = w.accounts(8, c, "merchant", cat, kind="merchant")
            tour = TOURIST_TOWNS.get(c, ["City"])
            rem = REMOTE_TOWNS.get(c, tour)
            w.set_names(
                ids,
                [f"{cat.title()} {tour[i % len(tour)]}" for i in range(4)]
                + [f"{cat.title()} {rem[i % len(rem)]}" for i in range(4)],
            )
            merch[(c, cat)] = ids
    return merch


def generate(n_tx: int, variant: str, seed: int, hard: float = 1.0) -> Generated:
    """Generate about `n_tx` rows (exactly, unless the planted minimum exceeds it).

    variant 'li': 0.05 % of rows illicit; 'hi': 0.2 %. `hard` scales the hard-negative
    populations (0 = none); the domestic background fills the remaining rows.
    """
    if variant not in ("li", "hi"):
        raise ValueError("variant must be 'li' or 'hi'")
    rng = np.random.default_rng([seed, 3, 0 if variant == "li" else 1])
    w = _World(rng)
    merch = _merchant_world(w)
    agents = _agents(w, max(20, n_tx // 4000))
    budget = round(n_tx * (0.0005 if variant == "li" else 0.002))
    lone = round(0.3 * budget)
    pat = round((budget - lone) * 0.92)  # the planted blocks overshoot a little
    obf = 0.15
    facs, fac_typ = _livestream(w, round(pat * 0.55), agents, merch, obf)
    _travel(w, round(pat * 0.08), merch)
    _fsec(w, round(pat * 0.15), merch, obf)
    _cvc(w, round(pat * 0.10), merch)
    _direct(w, round(pat * 0.12), obf)
    _lone(w, budget - w.n_ill, facs, fac_typ, obf)
    # illicit actors' ordinary lives (label 0)
    ill = np.flatnonzero(np.concatenate(w.acc["label"]) == 1)
    ill = ill[np.concatenate(w.acc["kind"])[ill] == "person"]
    ctry = _acc_attr(w, "country", ill)
    _card(w, 12 * len(ill), merch, ill, ctry)
    h = max(0.0, hard)
    _students(w, int(n_tx * 0.015 * h))
    _creators(w, int(n_tx * 0.015 * h), agents)
    _webcam(w, int(n_tx * 0.01 * h), merch)
    _charity(w, int(n_tx * 0.012 * h))
    _romance(w, int(n_tx * 0.006 * h), agents)
    _gaming(w, int(n_tx * 0.02 * h), merch)
    _tourists(w, int(n_tx * 0.02 * h), merch)
    rel = _diaspora(w, int(n_tx * 0.16))
    # relatives often withdraw remittances fast (a benign look-alike of facilitator cash-out)
    last = w.txc[-1]
    m = rng.random(len(last["r"])) < 0.55
    rc = _acc_attr(w, "country", last["r"][m])
    usd = last["amt"][m] * np.array([RATES[x] for x in last["cur"][m]])
    _cashouts(
        w,
        last["r"][m],
        last["t"][m],
        usd,
        rc,
        agents,
        rng.uniform(0.5, 1.0, int(m.sum())),
        rng.uniform(0.5, 60, int(m.sum())),
    )
    del rel
    _freelance(w, int(n_tx * 0.025))
    _crypto_benign(w, int(n_tx * 0.008), merch)
    nh = max(50, n_tx // 50)
    hc = rng.choice(sorted({*OFFENDER_COUNTRIES, *SEA, "IN", "MX"}), size=nh).astype(object)
    holders = w.accounts(nh, hc, "card", "cardholder")
    _card(w, int(n_tx * 0.15), merch, holders, hc)
    _domestic(w, n_tx - w.n_rows(), agents)
    return _assemble(w, rng)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--tx", type=int, default=1_000_000)
    ap.add_argument("--variant", choices=["li", "hi"], default="li")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hard", type=float, default=1.0)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    t0 = time.perf_counter()
    g = generate(a.tx, a.variant, a.seed, a.hard)
    el = time.perf_counter() - t0
    a.out.mkdir(parents=True, exist_ok=True)
    g.tx.write_parquet(a.out / "tx.parquet")
    g.tx_labels.write_parquet(a.out / "tx_labels.parquet")
    g.accounts.write_csv(a.out / "accounts.csv")
    ill = int(g.tx_labels["label_tx"].sum())
    print(
        f"{g.tx.height} rows, {ill} illicit ({ill / g.tx.height:.4%}), "
        f"{g.accounts.height} accounts, {int(g.accounts['label'].sum())} labelled; {el:.1f} s"
    )


if __name__ == "__main__":
    main()
