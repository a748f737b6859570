"""An independent, seeded generator of OSAEC-style payment data for a blind check of Jaga.

Written only from the research note (docs of issue 6: /work/shared/research/finance-text.md,
sections (a) and (d)) and the issue's transaction schema, without reading Jaga's own
generator or rules, so that its choices are not Jaga's choices. Where the note gives a
range, this generator deliberately picks its own edges and mixes (see HELDOUT_CHOICES
below) so a detector tuned to one generator's quirks shows it here.

Output: the issue's schema (timestamp as ISO 8601 text with a UTC offset: mostly the
receiving institution's offset, some UTC, some the sender's), plus ground truth kept in
separate frames (never in the file given to the detector):
  tx labels       tx_id, label_tx (1 = planted illicit), label_typology
  account labels  account_id, label (1 = involved in a planted typology), role, typology,
                  population (the benign population an account was drawn from, for FP analysis)

Memo words are neutral placeholders taken from the note's public indicator lists (cover
descriptions such as "uniform", "medical bills") and ordinary remittance words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
import polars as pl

from jaga.finance.schema import (  # the schema, not its rules
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
)

START = datetime(2025, 3, 1, tzinfo=UTC)
DAYS = 240  # eight months: shorter than a year, longer than a 180-day window
START_EPOCH = int(START.timestamp())

# Documented choices that differ on purpose from the note's suggested values.
HELDOUT_CHOICES = {
    "offender amounts": "USD 5-500 mix: 10% under 15, 60% 15-100, 25% 100-250, 5% 250-500",
    "round share": "per buyer 0.35-0.95 (not always >= 0.7); round in the paying currency",
    "timing": "60% night buyers (20-03 local), 25% keep the facilitator's evening, 15% any hour",
    "senders per facilitator": "heavy-tailed from 1: median 3 in a 1M file, max about 20",
    "cash-out": "per facilitator 25-95% of inflows leave within 48 h (not always >= 60%)",
    "corridors": "PH 72%, plus TH, ID, VN, KH, CO, DO, MX receivers; senders from 17 countries",
}

# Approximate mid-2025 rates (USD per unit): the generator's own, not Jaga's table.
RATES = {
    "USD": 1.0,
    "EUR": 1.13,
    "GBP": 1.34,
    "AUD": 0.65,
    "NZD": 0.59,
    "CAD": 0.73,
    "CHF": 1.22,
    "SEK": 0.104,
    "NOK": 0.098,
    "JPY": 0.0068,
    "KRW": 0.00072,
    "CNY": 0.139,
    "HKD": 0.127,
    "TWD": 0.033,
    "SGD": 0.78,
    "MYR": 0.235,
    "PHP": 0.0176,
    "THB": 0.0305,
    "IDR": 0.000061,
    "VND": 0.000038,
    "KHR": 0.00025,
    "INR": 0.0116,
    "SAR": 0.2666,
    "AED": 0.2723,
    "QAR": 0.2747,
    "KWD": 3.27,
    "MXN": 0.053,
    "COP": 0.00024,
    "DOP": 0.016,
    "NGN": 0.00065,
    "GHS": 0.095,
    "USDT": 1.0,
    "BTC": 105000.0,
    "ETH": 2500.0,
}
NO_CENTS = {"JPY", "KRW", "IDR", "VND", "KHR", "COP"}

# Country: (currency, UTC offsets in minutes one of which each account lives in).
COUNTRIES: dict[str, tuple[str, tuple[int, ...]]] = {
    "US": ("USD", (-300, -360, -420, -480)),
    "CA": ("CAD", (-300, -360, -480)),
    "GB": ("GBP", (60,)),  # summer time for most of the window
    "IE": ("EUR", (60,)),
    "AU": ("AUD", (600, 570, 480)),
    "NZ": ("NZD", (720,)),
    "DE": ("EUR", (120,)),
    "NL": ("EUR", (120,)),
    "FR": ("EUR", (120,)),
    "IT": ("EUR", (120,)),
    "SE": ("SEK", (120,)),
    "NO": ("NOK", (120,)),
    "CH": ("CHF", (120,)),
    "JP": ("JPY", (540,)),
    "KR": ("KRW", (540,)),
    "TW": ("TWD", (480,)),
    "HK": ("HKD", (480,)),
    "CN": ("CNY", (480,)),
    "SG": ("SGD", (480,)),
    "MY": ("MYR", (480,)),
    "SA": ("SAR", (180,)),
    "AE": ("AED", (240,)),
    "QA": ("QAR", (180,)),
    "KW": ("KWD", (180,)),
    "IN": ("INR", (330,)),
    "PH": ("PHP", (480,)),
    "TH": ("THB", (420,)),
    "VN": ("VND", (420,)),
    "KH": ("KHR", (420,)),
    "ID": ("IDR", (420, 480, 540)),
    "CO": ("COP", (-300,)),
    "DO": ("DOP", (-240,)),
    "MX": ("MXN", (-360,)),
    "NG": ("NGN", (60,)),
    "GH": ("GHS", (0,)),
    "CI": ("USD", (0,)),  # the franc is not in the rates table: dollar-denominated mules
    "SC": ("USDT", (240,)),  # crypto service jurisdictions
    "VG": ("USDT", (-240,)),
}

OFFENDER_ORIGINS = {
    "US": 36,
    "AU": 12,
    "GB": 10,
    "CA": 7,
    "DE": 6,
    "NL": 3,
    "SE": 3,
    "NO": 2,
    "CH": 2,
    "FR": 2,
    "JP": 3,
    "KR": 2,
    "SA": 2,
    "AE": 2,
    "NZ": 2,
    "SG": 2,
    "IE": 2,
}
FACILITATOR_COUNTRIES = {"PH": 72, "TH": 7, "ID": 6, "VN": 4, "KH": 4, "CO": 3, "DO": 2, "MX": 2}
DIASPORA = {  # destination: origins with weights
    "PH": {
        "US": 25,
        "SA": 13,
        "AE": 11,
        "CA": 7,
        "JP": 5,
        "HK": 6,
        "SG": 6,
        "AU": 5,
        "GB": 5,
        "IT": 5,
        "KW": 3,
        "QA": 4,
        "KR": 2,
        "TW": 2,
        "NZ": 1,
    },
    "ID": {"MY": 30, "SA": 20, "HK": 15, "TW": 15, "SG": 8, "KR": 6, "JP": 6},
    "VN": {"US": 35, "JP": 20, "KR": 20, "TW": 15, "AU": 10},
    "TH": {"US": 20, "DE": 15, "GB": 15, "AU": 15, "SE": 10, "NO": 5, "KR": 10, "JP": 10},
    "KH": {"US": 50, "AU": 20, "KR": 30},
    "MX": {"US": 100},
    "DO": {"US": 100},
    "CO": {"US": 70, "GB": 30},
}
DIASPORA_DEST = {"PH": 60, "ID": 13, "VN": 8, "TH": 6, "KH": 2, "MX": 5, "DO": 3, "CO": 3}
SEA_LOCAL = {"PH": 50, "ID": 20, "TH": 14, "VN": 10, "MY": 6}
RICH = {
    "US": 35,
    "GB": 10,
    "AU": 10,
    "CA": 8,
    "DE": 8,
    "JP": 6,
    "KR": 5,
    "FR": 4,
    "NL": 3,
    "SE": 2,
    "NO": 2,
    "CH": 2,
    "NZ": 2,
    "IE": 1,
    "SG": 2,
}

SURNAMES = {
    "PH": [
        "Santos",
        "Reyes",
        "Cruz",
        "Bautista",
        "Ocampo",
        "Garcia",
        "Mendoza",
        "Torres",
        "Villanueva",
        "Ramos",
        "Aquino",
        "Castillo",
        "Flores",
        "Navarro",
        "Dizon",
        "Manalo",
        "Pascual",
        "Soriano",
        "Tolentino",
        "Gonzales",
    ],
    "ID": [
        "Wijaya",
        "Santoso",
        "Halim",
        "Saputra",
        "Hidayat",
        "Kusuma",
        "Pratama",
        "Lestari",
        "Nugroho",
        "Setiawan",
    ],
    "VN": ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui"],
    "TH": ["Saetang", "Srisuk", "Chaiyaphum", "Boonmee", "Wongsa", "Kaewsai"],
    "KH": ["Sok", "Chan", "Heng", "Lim", "Pich"],
    "LAT": ["Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Perez", "Gomez"],
    "WEST": [
        "Smith",
        "Johnson",
        "Brown",
        "Miller",
        "Wilson",
        "Taylor",
        "Anderson",
        "Clark",
        "Walker",
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
        "Schmidt",
        "Muller",
        "Jansen",
        "Berg",
        "Hansen",
    ],
    "ASIA": ["Tanaka", "Suzuki", "Kim", "Park", "Lee", "Wong", "Chen", "Lin", "Tan", "Ong"],
    "AF": ["Okafor", "Mensah", "Adeyemi", "Owusu", "Kone", "Traore", "Bello"],
    "GULF": ["Al Harbi", "Al Qahtani", "Al Mansouri", "Al Otaibi"],
}
FIRST = [
    "Alex",
    "Sam",
    "Chris",
    "Jo",
    "Pat",
    "Kim",
    "Lee",
    "Robin",
    "Dana",
    "Jamie",
    "Ari",
    "Noor",
    "Rey",
    "Ana",
    "Mia",
    "Tom",
    "Ben",
    "Liza",
    "Joy",
    "Mark",
    "Rosa",
    "Budi",
    "Siti",
    "Linh",
    "Minh",
    "Somchai",
    "Nok",
    "Ade",
    "Kofi",
    "Yuki",
]
SURNAME_GROUP = {
    "PH": "PH",
    "ID": "ID",
    "VN": "VN",
    "TH": "TH",
    "KH": "KH",
    "MX": "LAT",
    "CO": "LAT",
    "DO": "LAT",
    "JP": "ASIA",
    "KR": "ASIA",
    "TW": "ASIA",
    "HK": "ASIA",
    "CN": "ASIA",
    "SG": "ASIA",
    "MY": "ASIA",
    "IN": "ASIA",
    "NG": "AF",
    "GH": "AF",
    "CI": "AF",
    "SA": "GULF",
    "AE": "GULF",
    "QA": "GULF",
    "KW": "GULF",
}

# Memo vocabularies. Cover words: the note's public lists (AUSTRAC, FATF) and their ordinary
# Tagalog/Cebuano/Bahasa equivalents; the same words are common in honest remittances.
COVER = [
    "accommodation",
    "uniform",
    "medical bills",
    "family support",
    "education",
    "school",
    "tuition",
    "gamot",
    "pang-eskwela",
    "baon",
    "tulong",
    "tabang",
    "biaya sekolah",
    "uang obat",
    "bantuan keluarga",
    "pambayad upa",
    "allowance",
]
LEET = {"o": "0", "e": "3", "i": "1", "a": "4"}
REMIT = [
    "padala",
    "for mama",
    "para kay nanay",
    "family support",
    "allowance",
    "tuition",
    "medical bills",
    "birthday",
    "groceries",
    "rent",
    "kiriman",
    "uang bulanan",
    "pang-gastos",
    "education",
    "bills",
    "gift",
    "christmas",
    "ipon",
]
LOCAL = [
    "bayad",
    "load",
    "pamasahe",
    "utang",
    "makan",
    "sewa",
    "food",
    "share",
    "ulam",
    "kuryente",
    "tubig",
    "order 2231",
    "cod",
    "thanks",
    "salamat",
    "terima kasih",
]
NEUTRAL = ["gift", "thanks", "for you", "merienda", "load", "ok", "ty", "pasalubong", "hi"]
ROMANCE = [
    "emergency",
    "hospital",
    "ticket",
    "visa fee",
    "customs",
    "medical bills",
    "love",
    "for us",
    "lawyer fee",
    "clearance",
]
HANDLE_WORDS = [
    "sunny",
    "star",
    "ella",
    "mika",
    "angel",
    "joy",
    "kitty",
    "lyn",
    "bea",
    "nix",
    "coco",
    "ria",
    "dee",
    "pau",
    "sky",
    "moon",
    "lala",
    "jen",
]

HOURS_DAY = np.array([1, 1, 1, 1, 1, 2, 4, 6, 8, 9, 10, 10, 10, 10, 9, 9, 9, 9, 8, 7, 6, 4, 2, 1])
HOURS_NIGHT = np.array([9, 8, 6, 4, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 6, 9, 10, 10])
HOURS_EVENING = np.array([2, 1, 1, 1, 1, 1, 1, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 7, 9, 10, 10, 9, 6, 3])
HOURS_FLAT = np.ones(24)


def _p(weights: dict[str, float]) -> tuple[list[str], np.ndarray]:
    keys = list(weights)
    w = np.array([weights[k] for k in keys], dtype=float)
    return keys, w / w.sum()


class Vocab:
    """Interned strings, so columns are int codes until the frame is built."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.index: dict[str, int] = {}

    def code(self, word: str) -> int:
        if word not in self.index:
            self.index[word] = len(self.words)
            self.words.append(word)
        return self.index[word]

    def codes(self, words: list[str]) -> np.ndarray:
        return np.array([self.code(w) for w in words], dtype=np.int32)


@dataclass
class World:
    """Accounts and transactions as growing lists of numpy chunks."""

    rng: np.random.Generator
    vocab: Vocab = field(default_factory=Vocab)
    acc: dict[str, list[np.ndarray]] = field(default_factory=dict)
    tx: dict[str, list[np.ndarray]] = field(default_factory=dict)
    n_acc: int = 0
    n_dev: int = 0

    # ---- accounts -------------------------------------------------------------------
    def accounts(
        self,
        n: int,
        countries: np.ndarray | str,
        *,
        population: str,
        role: str = "",
        typology: str = "",
        label: int = 0,
        sex: np.ndarray | str = "U",
        birth: np.ndarray | int = -1,
        surname: np.ndarray | None = None,
        devices: np.ndarray | None = None,
        name: str | None = None,
    ) -> np.ndarray:
        """Create n accounts; returns their integer indices."""
        rng = self.rng
        idx = np.arange(self.n_acc, self.n_acc + n)
        self.n_acc += n
        ctry = np.broadcast_to(np.asarray(countries, dtype=object), (n,)).copy()
        offsets = np.array([rng.choice(COUNTRIES[c][1]) for c in ctry], dtype=np.int32)
        if surname is None:
            surname = np.array(
                [rng.choice(SURNAMES[SURNAME_GROUP.get(c, "WEST")]) for c in ctry], dtype=object
            )
        if name is not None:
            full = np.array([f"{name} {i % 100_000}" for i in idx], dtype=object)
        else:
            first = rng.choice(FIRST, n)
            full = np.array([f"{f} {s}" for f, s in zip(first, surname, strict=True)], dtype=object)
        if devices is None:
            devices = np.arange(self.n_dev, self.n_dev + n)
            self.n_dev += n
        cols = {
            "idx": idx,
            "country": ctry,
            "offset": offsets,
            "name": full,
            "surname": surname,
            "sex": np.broadcast_to(np.asarray(sex, dtype=object), (n,)).copy(),
            "birth": np.broadcast_to(np.asarray(birth, dtype=np.int32), (n,)).copy(),
            "device": np.asarray(devices, dtype=np.int64),
            "population": np.full(n, population, dtype=object),
            "role": np.full(n, role, dtype=object),
            "typology": np.full(n, typology, dtype=object),
            "label": np.full(n, label, dtype=np.int8),
        }
        for k, v in cols.items():
            self.acc.setdefault(k, []).append(v)
        return idx

    def new_devices(self, n: int) -> np.ndarray:
        d = np.arange(self.n_dev, self.n_dev + n)
        self.n_dev += n
        return d

    def finish_accounts(self) -> None:
        self.A = {k: np.concatenate(v) for k, v in self.acc.items()}

    def offset_of(self, idx: np.ndarray) -> np.ndarray:
        return self._acc_col("offset")[idx]

    def country_of(self, idx: np.ndarray) -> np.ndarray:
        return self._acc_col("country")[idx]

    def _acc_col(self, name: str) -> np.ndarray:
        cache = getattr(self, "_cache", None)
        if cache is None or cache[0] != self.n_acc:
            self._cache = (self.n_acc, {k: np.concatenate(v) for k, v in self.acc.items()})
        return self._cache[1][name]

    # ---- transactions ----------------------------------------------------------------
    def emit(
        self,
        sender: np.ndarray,
        receiver: np.ndarray,
        t: np.ndarray,
        usd: np.ndarray,
        *,
        channel: np.ndarray | str,
        memo: np.ndarray | None = None,
        currency: np.ndarray | None = None,
        round_p: float | np.ndarray = 0.5,
        mcc: np.ndarray | str = "",
        label: int = 0,
        typology: str = "",
    ) -> None:
        """Add payments; amounts are drawn in `currency` (default: sender's) from USD values."""
        n = len(sender)
        if n == 0:
            return
        rng = self.rng
        keep = (t >= START_EPOCH) & (t < START_EPOCH + DAYS * 86400)
        if currency is None:
            currency = np.array([COUNTRIES[c][0] for c in self.country_of(sender)], dtype=object)
        currency = np.broadcast_to(np.asarray(currency, dtype=object), (n,))
        rate = np.array([RATES[c] for c in currency])
        value = np.maximum(usd, 0.5) / rate
        rounded = rng.random(n) < round_p
        step = 10.0 ** np.floor(np.log10(value)) / np.where(rng.random(n) < 0.5, 2, 1)
        nice = np.maximum(step, np.round(value / step) * step)
        jitter = value * rng.uniform(0.97, 1.03, n)
        amount = np.where(rounded, nice, jitter)
        crypto = np.isin(currency, ["BTC", "ETH"])
        nocents = np.isin(currency, list(NO_CENTS))
        amount = np.where(
            crypto, np.round(amount, 6), np.where(nocents, np.round(amount), np.round(amount, 2))
        )
        amount = np.maximum(amount, np.where(crypto, 1e-6, 0.01))
        voc = self.vocab
        cols = {
            "sender": sender,
            "receiver": receiver,
            "t": t.astype(np.int64),
            "amount": amount,
            "currency": voc.codes(list(currency)),
            "channel": np.broadcast_to(
                np.asarray(
                    voc.codes(list(np.broadcast_to(np.asarray(channel, dtype=object), (n,))))
                ),
                (n,),
            ),
            "memo": voc.codes(list(memo))
            if memo is not None
            else np.full(n, voc.code(""), np.int32),
            "mcc": voc.codes(list(np.broadcast_to(np.asarray(mcc, dtype=object), (n,)))),
            "label": np.full(n, label, np.int8),
            "typology": np.full(n, voc.code(typology), np.int32),
        }
        for k, v in cols.items():
            self.tx.setdefault(k, []).append(np.asarray(v)[keep])


# ---- helpers --------------------------------------------------------------------------


def pick(rng: np.random.Generator, weights: dict[str, float], n: int) -> np.ndarray:
    keys, p = _p(weights)
    return np.array(keys, dtype=object)[rng.choice(len(keys), n, p=p)]


def local_seconds(rng: np.random.Generator, n: int, profile: np.ndarray) -> np.ndarray:
    hours = rng.choice(24, n, p=profile / profile.sum())
    return hours * 3600 + rng.integers(0, 3600, n)


def stamp(day: np.ndarray, local_sec: np.ndarray, offset_min: np.ndarray) -> np.ndarray:
    """UTC epoch seconds of a sender-local (day, second-of-day)."""
    return START_EPOCH + day.astype(np.int64) * 86400 + local_sec - offset_min.astype(np.int64) * 60


def memos(rng: np.random.Generator, n: int, mix: dict[str, float]) -> np.ndarray:
    """Memo texts from a mix of kinds (empty, cover, remit, local, neutral, handle, leet...)."""
    kinds = pick(rng, mix, n)
    out = np.full(n, "", dtype=object)
    for kind, words in (
        ("cover", COVER),
        ("remit", REMIT),
        ("local", LOCAL),
        ("neutral", NEUTRAL),
        ("romance", ROMANCE),
    ):
        m = kinds == kind
        out[m] = np.array(words, dtype=object)[rng.integers(0, len(words), m.sum())]
    m = kinds == "leet"
    if m.any():
        base = np.array(COVER, dtype=object)[rng.integers(0, len(COVER), m.sum())]
        out[m] = ["".join(LEET.get(ch, ch) if rng.random() < 0.5 else ch for ch in w) for w in base]
    m = kinds == "handle"
    if m.any():
        k = int(m.sum())
        words = np.array(HANDLE_WORDS, dtype=object)[rng.integers(0, len(HANDLE_WORDS), k)]
        nums = rng.integers(1, 999, k)
        pre = np.where(rng.random(k) < 0.5, "", "pls add ")
        out[m] = [f"{p}@{w}{x}" for p, w, x in zip(pre, words, nums, strict=True)]
    return out


def birth_years(rng: np.random.Generator, n: int, lo_age: int, hi_age: int) -> np.ndarray:
    return (2025 - rng.integers(lo_age, hi_age + 1, n)).astype(np.int32)


def sexes(rng: np.random.Generator, n: int, p_male: float, p_unknown: float = 0.05) -> np.ndarray:
    r = rng.random(n)
    return np.where(r < p_unknown, "U", np.where(r < p_unknown + p_male, "M", "F")).astype(object)


def expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For per-owner counts: (owner index per item, 0-based position within its owner)."""
    counts = np.asarray(counts, dtype=np.int64)
    owner = np.repeat(np.arange(len(counts)), counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return owner, np.arange(len(owner)) - starts


def lognormal(rng: np.random.Generator, median: float, sigma: float, n: int) -> np.ndarray:
    return median * np.exp(sigma * rng.standard_normal(n))


@dataclass
class Pools:
    """Ordinary accounts per country that other populations pay and are paid by."""

    local: dict[str, np.ndarray] = field(default_factory=dict)  # SEA residents
    rich: dict[str, np.ndarray] = field(default_factory=dict)  # residents of sender countries
    agents: dict[str, np.ndarray] = field(default_factory=dict)  # cash-out points
    exchanges: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    wallets: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    def any_local(self, rng: np.random.Generator, countries: np.ndarray) -> np.ndarray:
        out = np.zeros(len(countries), np.int64)
        for c in np.unique(countries):
            m = countries == c
            pool = self.local.get(c) if c in self.local else self.rich.get(c)
            if pool is None:
                pool = self.local["PH"]
            out[m] = pool[rng.integers(0, len(pool), m.sum())]
        return out


def cash_out(
    w: World,
    pools: Pools,
    acct: np.ndarray,
    t: np.ndarray,
    usd: np.ndarray,
    fast_share: float | np.ndarray,
    *,
    label: int = 0,
    typology: str = "",
    to: np.ndarray | None = None,
) -> None:
    """Each inflow leaves again: quickly (within 48 h) with prob fast_share, else days later."""
    rng = w.rng
    n = len(acct)
    if n == 0:
        return
    fast = rng.random(n) < fast_share
    delay = np.where(
        fast,
        np.minimum(rng.exponential(7 * 3600, n), 46 * 3600),
        rng.uniform(3 * 86400, 14 * 86400, n),
    )
    if to is None:
        ctry = w.country_of(acct)
        to = np.zeros(n, np.int64)
        for c in np.unique(ctry):
            m = ctry == c
            pool = pools.agents.get(c, pools.agents["PH"])
            to[m] = pool[rng.integers(0, len(pool), m.sum())]
    channel = pick(rng, {"msb": 0.45, "ewallet": 0.35, "bank": 0.15, "other": 0.05}, n)
    w.emit(
        acct,
        to,
        t + delay,
        usd * rng.uniform(0.8, 1.0, n),
        channel=channel,
        round_p=0.75,
        label=label,
        typology=typology,
    )


# ---- benign populations ---------------------------------------------------------------


def make_pools(w: World, n: int) -> Pools:
    rng = w.rng
    pools = Pools()
    n_local = max(400, n // 16)
    ctry = pick(rng, SEA_LOCAL, n_local)
    minor = rng.random(n_local) < 0.12
    birth = np.where(minor, birth_years(rng, n_local, 13, 17), birth_years(rng, n_local, 18, 72))
    devices = w.new_devices(n_local)
    share = rng.random(n_local) < 0.05  # household members on one phone
    devices[1:][share[1:]] = devices[:-1][share[1:]]
    idx = w.accounts(
        n_local,
        ctry,
        population="domestic",
        sex=sexes(rng, n_local, 0.48),
        birth=birth,
        devices=devices,
    )
    for c in np.unique(ctry):
        pools.local[c] = idx[ctry == c]
    n_rich = max(300, n // 25)
    rc = pick(rng, RICH, n_rich)
    ridx = w.accounts(
        n_rich,
        rc,
        population="foreign_domestic",
        sex=sexes(rng, n_rich, 0.5),
        birth=birth_years(rng, n_rich, 18, 80),
    )
    for c in np.unique(rc):
        pools.rich[c] = ridx[rc == c]
    for c in ("PH", "ID", "TH", "VN", "KH", "MY", "CO", "DO", "MX", "NG", "GH", "CI", "US"):
        k = 40 if c in ("PH", "ID") else 12
        pools.agents[c] = w.accounts(k, c, population="cashout_agent", name="Agent")
    pools.exchanges = w.accounts(
        8,
        pick(rng, {"US": 4, "GB": 2, "SG": 1, "AU": 1}, 8),
        population="exchange",
        name="Exchange",
    )
    pools.wallets = w.accounts(
        max(50, n // 2000),
        pick(rng, {"SC": 1, "VG": 1}, max(50, n // 2000)),
        population="crypto_wallet",
        name="Wallet",
    )
    return pools


def pop_domestic(w: World, pools: Pools, n: int) -> None:
    """SEA residents paying each other: the bulk of volume (e-wallet P2P, bills)."""
    rng = w.rng
    for c, idx in pools.local.items():
        k = int(n * SEA_LOCAL[c] / 100)
        s_pos = rng.integers(0, len(idx), k)
        friend = rng.random(k) < 0.7
        r_pos = np.where(
            friend, (s_pos + rng.integers(1, 8, k)) % len(idx), rng.integers(0, len(idx), k)
        )
        r_pos = np.where(r_pos == s_pos, (r_pos + 1) % len(idx), r_pos)
        s = idx[s_pos]
        day = rng.integers(0, DAYS, k)
        t = stamp(day, local_seconds(rng, k, HOURS_DAY), w.offset_of(s))
        w.emit(
            s,
            idx[r_pos],
            t,
            np.clip(lognormal(rng, 12, 1.0, k), 0.5, 3000),
            channel=pick(rng, {"ewallet": 0.55, "bank": 0.25, "p2p": 0.15, "other": 0.05}, k),
            memo=memos(rng, k, {"": 0.6, "local": 0.33, "handle": 0.03, "neutral": 0.04}),
            round_p=0.6,
        )


def pop_foreign_domestic(w: World, pools: Pools, n: int) -> None:
    """Residents of sender countries: domestic P2P, plus some buying and moving crypto."""
    rng = w.rng
    for c, idx in pools.rich.items():
        k = int(n * RICH[c] / sum(RICH.values()))
        s = idx[rng.integers(0, len(idx), k)]
        r = idx[rng.integers(0, len(idx), k)]
        ok = s != r
        s, r = s[ok], r[ok]
        k = len(s)
        t = stamp(rng.integers(0, DAYS, k), local_seconds(rng, k, HOURS_DAY), w.offset_of(s))
        w.emit(
            s,
            r,
            t,
            np.clip(lognormal(rng, 40, 1.0, k), 1, 5000),
            channel=pick(rng, {"bank": 0.4, "p2p": 0.35, "card": 0.15, "ewallet": 0.1}, k),
            memo=memos(rng, k, {"": 0.5, "neutral": 0.3, "handle": 0.1, "remit": 0.1}),
            round_p=0.5,
        )
        # Crypto: on-ramp at an exchange, later a transfer to an (investment) wallet.
        m = max(1, k // 40)
        buyers = idx[rng.integers(0, len(idx), m)]
        t1 = stamp(
            rng.integers(0, DAYS - 3, m), local_seconds(rng, m, HOURS_FLAT), w.offset_of(buyers)
        )
        usd = np.clip(lognormal(rng, 250, 0.9, m), 20, 20000)
        w.emit(
            buyers,
            pools.exchanges[rng.integers(0, len(pools.exchanges), m)],
            t1,
            usd,
            channel=pick(rng, {"card": 0.5, "bank": 0.5}, m),
            round_p=0.8,
        )
        w.emit(
            buyers,
            pools.wallets[rng.integers(0, len(pools.wallets), m)],
            t1 + rng.integers(600, 3 * 86400, m),
            usd * 0.97,
            channel="crypto",
            currency=pick(rng, {"USDT": 0.5, "BTC": 0.35, "ETH": 0.15}, m),
            round_p=0.2,
        )


def _schedule(
    rng: np.random.Generator, period: np.ndarray, jitter: int
) -> tuple[np.ndarray, np.ndarray]:
    """Periodic days per owner: (owner, day)."""
    phase = rng.integers(0, np.maximum(period, 1))
    counts = np.maximum(1, (DAYS - phase) // np.maximum(period, 1))
    owner, k = expand(counts)
    day = phase[owner] + k * period[owner] + rng.integers(-jitter, jitter + 1, len(owner))
    return owner, np.clip(day, 0, DAYS - 1)


def pop_diaspora(w: World, pools: Pools, n: int) -> None:
    """Family remittances home, incl. siblings in several countries paying one relative."""
    rng = w.rng
    n_s = max(50, n // 15)
    dest = pick(rng, DIASPORA_DEST, n_s)
    origin = np.array([pick(rng, DIASPORA[d], 1)[0] for d in dest], dtype=object)
    surname = np.array([rng.choice(SURNAMES[SURNAME_GROUP[d]]) for d in dest], dtype=object)
    senders = w.accounts(
        n_s,
        origin,
        population="diaspora",
        sex=sexes(rng, n_s, 0.45),
        birth=birth_years(rng, n_s, 22, 65),
        surname=surname,
    )
    k = rng.choice([1, 2, 3, 4], n_s, p=[0.55, 0.3, 0.1, 0.05])
    owner, _ = expand(k)
    same = rng.random(len(owner)) < 0.65
    r_surname = np.where(
        same, surname[owner], [rng.choice(SURNAMES[SURNAME_GROUP[d]]) for d in dest[owner]]
    )
    recv = w.accounts(
        len(owner),
        dest[owner],
        population="diaspora_family",
        sex=sexes(rng, len(owner), 0.35),
        birth=birth_years(rng, len(owner), 16, 85),
        surname=r_surname,
    )
    first = recv[np.cumsum(k) - k]
    # Sibling hubs: 12% of senders share their main receiver with another sender of that country.
    hub = np.nonzero(rng.random(n_s) < 0.12)[0]
    for i in hub:
        same_dest = np.nonzero(dest == dest[i])[0]
        j = same_dest[rng.integers(0, len(same_dest))]
        if j != i:
            recv[np.cumsum(k)[i] - k[i]] = first[j]
    kind = rng.choice(4, n_s, p=[0.5, 0.25, 0.15, 0.1])  # monthly, twice, weekly, irregular
    period = np.array([30, 15, 7, 40])[kind]
    med = np.array([230, 120, 60, 150])[kind]  # the note: median about USD 250
    sigma = np.array([0.6, 0.6, 0.5, 0.9])[kind]
    o, day = _schedule(rng, period, 2)
    # Extra payments: emergencies and school fees.
    extra = np.nonzero(rng.random(n_s) < 0.2)[0]
    eo = np.repeat(extra, rng.integers(1, 4, len(extra)))
    o = np.concatenate([o, eo])
    day = np.concatenate([day, rng.integers(0, DAYS, len(eo))])
    m = len(o)
    choice = np.where(rng.random(m) < 0.7, 0, rng.integers(0, k[o]))
    r = recv[(np.cumsum(k) - k)[o] + np.minimum(choice, k[o] - 1)]
    s = senders[o]
    night = rng.random(n_s) < 0.2
    sec = np.where(night[o], local_seconds(rng, m, HOURS_NIGHT), local_seconds(rng, m, HOURS_DAY))
    usd = np.clip(med[o] * np.exp(sigma[o] * rng.standard_normal(m)), 8, 8000)
    ccy_pick = rng.random(m)
    home = np.array([COUNTRIES[c][0] for c in origin[o]], dtype=object)
    there = np.array([COUNTRIES[c][0] for c in dest[o]], dtype=object)
    ccy = np.where(ccy_pick < 0.75, home, np.where(ccy_pick < 0.95, there, "USD"))
    chan_s = pick(
        rng,
        {"msb": 0.42, "ewallet": 0.25, "bank": 0.2, "p2p": 0.06, "card": 0.04, "crypto": 0.03},
        n_s,
    )
    chan = chan_s[o]
    ccy = np.where(chan == "crypto", "USDT", ccy)
    t = stamp(day, sec, w.offset_of(s))
    w.emit(
        s,
        r,
        t,
        usd,
        channel=chan,
        currency=ccy,
        round_p=0.6,
        memo=memos(rng, m, {"": 0.35, "remit": 0.55, "neutral": 0.05, "cover": 0.05}),
    )
    fast = rng.random(n_s) < 0.55
    cash_out(w, pools, r, t, usd, np.where(fast[o], 0.9, 0.15))


def pop_payroll(w: World, pools: Pools, n: int) -> None:
    """Overseas employers paying Filipino/Indonesian workers' home accounts monthly."""
    rng = w.rng
    n_e = max(2, n // 900)
    ctry = pick(rng, {"SA": 30, "AE": 25, "QA": 10, "KW": 8, "HK": 12, "SG": 10, "TW": 5}, n_e)
    emp = w.accounts(n_e, ctry, population="ofw_employer", name="Employer")
    size = np.clip(lognormal(rng, 80, 0.7, n_e).astype(int), 20, 400)
    owner, _ = expand(size)
    wc = np.where(rng.random(len(owner)) < 0.8, "PH", "ID")
    workers = w.accounts(
        len(owner),
        wc,
        population="ofw_worker",
        sex=sexes(rng, len(owner), 0.5),
        birth=birth_years(rng, len(owner), 21, 55),
    )
    payday = rng.integers(0, 28, n_e)
    months = DAYS // 30
    o = np.repeat(np.arange(len(owner)), months)
    mo = np.tile(np.arange(months), len(owner))
    e = owner[o]
    day = payday[e] + mo * 30
    s = emp[e]
    r = workers[o]
    base = lognormal(rng, 480, 0.35, len(owner))
    usd = base[o] * rng.uniform(0.95, 1.08, len(o))
    t = stamp(day, local_seconds(rng, len(o), HOURS_DAY), w.offset_of(s))
    ccy = np.where(rng.random(n_e) < 0.5, "USD", np.array([COUNTRIES[c][0] for c in ctry]))[e]
    w.emit(
        s,
        r,
        t,
        usd,
        channel=np.where(rng.random(len(o)) < 0.8, "bank", "msb"),
        currency=ccy,
        memo=np.array(["salary", "payroll", ""], dtype=object)[rng.integers(0, 3, len(o))],
        round_p=0.1,
    )
    cash_out(w, pools, r, t, usd * 0.6, 0.6)


MERCHANT_KINDS = {  # kind: (numeric MCC, text, median USD, weight)
    "hotel": ("7011", "lodging", 70, 12),
    "restaurant": ("5812", "restaurants", 15, 35),
    "shop": ("5311", "department stores", 25, 25),
    "atm": ("6011", "atm withdrawal", 150, 10),
    "transport": ("4121", "taxi", 8, 15),
    "jewelry": ("5944", "jewelry store", 120, 3),
}


def _merchants(
    w: World, n: int, countries: dict[str, float], population: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = w.rng
    kinds = pick(rng, {k: v[3] for k, v in MERCHANT_KINDS.items()}, n)
    ctry = pick(rng, countries, n)
    ctry[: len(countries)] = list(countries)  # every destination has merchants
    idx = w.accounts(n, ctry, population=population, name="Merchant")
    numeric = rng.random(n) < 0.5
    mcc = np.array(
        [
            MERCHANT_KINDS[k][0] if num else MERCHANT_KINDS[k][1]
            for k, num in zip(kinds, numeric, strict=True)
        ],
        dtype=object,
    )
    return idx, kinds, mcc


def pop_tourists(w: World, pools: Pools, n: int) -> None:
    """Foreign visitors' card spending in SEA: daytime there is night at home."""
    rng = w.rng
    dests = {"PH": 40, "TH": 30, "ID": 15, "VN": 10, "KH": 5}
    m_idx, m_kind, m_mcc = _merchants(w, max(60, n // 300), dests, "tourist_merchant")
    m_ctry = w.country_of(m_idx)
    airlines = w.accounts(
        6, pick(rng, {"PH": 2, "TH": 2, "SG": 1, "US": 1}, 6), population="airline", name="Airline"
    )
    n_t = max(20, n // 50)
    home = pick(rng, {**RICH, "CN": 8}, n_t)
    tour = w.accounts(
        n_t,
        home,
        population="tourist",
        sex=sexes(rng, n_t, 0.5),
        birth=birth_years(rng, n_t, 20, 75),
    )
    dest = pick(rng, dests, n_t)
    length = rng.integers(4, 21, n_t)
    start = rng.integers(0, DAYS - 21, n_t)
    per_day = rng.integers(2, 8, n_t)
    o, pos = expand(length * per_day)
    day = start[o] + pos // per_day[o]
    mer = np.zeros(len(o), np.int64)
    for c in dests:
        sel = dest[o] == c
        pool = m_idx[m_ctry == c]
        mer[sel] = pool[rng.integers(0, len(pool), sel.sum())]
    kind = m_kind[mer - m_idx[0]]
    med = np.array([MERCHANT_KINDS[k][2] for k in kind])
    usd = np.clip(med * np.exp(0.6 * rng.standard_normal(len(o))), 1, 3000)
    dest_off = np.array([COUNTRIES[c][1][0] for c in dest[o]])
    t = stamp(day, local_seconds(rng, len(o), HOURS_DAY), dest_off)
    local_ccy = np.array([COUNTRIES[c][0] for c in dest[o]], dtype=object)
    home_ccy = np.array([COUNTRIES[c][0] for c in home[o]], dtype=object)
    ccy = np.where(rng.random(len(o)) < 0.6, local_ccy, home_ccy)
    w.emit(
        tour[o],
        mer,
        t,
        usd,
        channel="card",
        currency=ccy,
        mcc=m_mcc[mer - m_idx[0]],
        round_p=np.where(kind == "atm", 0.95, 0.1),
    )
    # Flights before the trip.
    fl = rng.integers(0, len(airlines), n_t)
    tf = stamp(
        np.maximum(0, start - rng.integers(5, 60, n_t)),
        local_seconds(rng, n_t, HOURS_DAY),
        w.offset_of(tour),
    )
    w.emit(
        tour,
        airlines[fl],
        tf,
        lognormal(rng, 900, 0.4, n_t),
        channel="card",
        mcc=np.where(rng.random(n_t) < 0.5, "4511", "airline"),
        round_p=0.05,
    )
    # Merchants sweep their takings weekly to their own bank.
    week = day // 7
    key = mer * 100 + week
    uk, inv = np.unique(key, return_inverse=True)
    total = np.bincount(inv, weights=usd)
    sm = uk // 100
    tw = stamp((uk % 100) * 7 + 6, np.full(len(uk), 22 * 3600), w.offset_of(sm))
    cash_out(w, pools, sm, tw, total, 1.0)


def pop_students(w: World, pools: Pools, n: int, sponsors: float = 1.0) -> None:
    """Parents paying students abroad, foreign students in PH, and child sponsors."""
    rng = w.rng
    # (a) SEA parents -> students abroad; (b) foreign parents -> students in PH.
    for share, parents_c, students_c, med in (
        (
            0.35,
            {"PH": 30, "ID": 20, "VN": 20, "TH": 10, "CN": 10, "IN": 10},
            {"AU": 30, "US": 25, "GB": 20, "CA": 15, "JP": 10},
            900,
        ),
        (0.15, {"KR": 40, "IN": 30, "US": 15, "NG": 15}, {"PH": 100}, 600),
    ):
        k = max(5, int(n * share / 8))
        pc = pick(rng, parents_c, k)
        sur = np.array(
            [rng.choice(SURNAMES[SURNAME_GROUP.get(c, "WEST")]) for c in pc], dtype=object
        )
        par = w.accounts(
            k,
            pc,
            population="student_parent",
            sex=sexes(rng, k, 0.5),
            birth=birth_years(rng, k, 40, 65),
            surname=sur,
        )
        stu = w.accounts(
            k,
            pick(rng, students_c, k),
            population="student",
            sex=sexes(rng, k, 0.5),
            birth=birth_years(rng, k, 17, 26),
            surname=sur,
        )
        o, day = _schedule(rng, np.full(k, 30), 3)
        usd = lognormal(rng, med, 0.4, k)[o]
        w.emit(
            par[o],
            stu[o],
            stamp(day, local_seconds(rng, len(o), HOURS_DAY), w.offset_of(par[o])),
            usd,
            channel=pick(rng, {"bank": 0.6, "msb": 0.25, "ewallet": 0.15}, len(o)),
            memo=np.array(["tuition", "allowance", "education", "rent", ""], dtype=object)[
                rng.integers(0, 5, len(o))
            ],
            round_p=0.7,
        )
    # (c) Sponsors: fixed small round monthly payment, cover-like memos, no family tie.
    if sponsors <= 0:
        return
    k = max(5, int(n * 0.5 * sponsors / 7))
    sp = w.accounts(
        k,
        pick(rng, RICH, k),
        population="sponsor",
        sex=sexes(rng, k, 0.5),
        birth=birth_years(rng, k, 25, 80),
    )
    # Most sponsored households have one sponsor, a few two or three (never more).
    per = rng.choice([1, 2, 3], k, p=[0.7, 0.2, 0.1])
    per = per[: max(1, int(np.searchsorted(np.cumsum(per), k)) + 1)]
    n_r = len(per)
    rc = pick(rng, {"PH": 50, "ID": 15, "KH": 15, "TH": 10, "VN": 10}, n_r)
    young = rng.random(n_r) < 0.4
    birth = np.where(young, birth_years(rng, n_r, 15, 20), birth_years(rng, n_r, 28, 60))
    rec = w.accounts(n_r, rc, population="sponsored", sex=sexes(rng, n_r, 0.4), birth=birth)
    target = rec[np.repeat(np.arange(n_r), per)[:k]]
    o, day = _schedule(rng, np.full(k, 30), 1)
    fixed = rng.choice([25, 30, 35, 40, 50], k).astype(float)
    home_rate = np.array([RATES[COUNTRIES[c][0]] for c in w.country_of(sp)])
    usd = (fixed * home_rate)[o]
    w.emit(
        sp[o],
        target[o],
        stamp(day, local_seconds(rng, len(o), HOURS_EVENING), w.offset_of(sp[o])),
        usd,
        channel=pick(rng, {"bank": 0.35, "card": 0.2, "msb": 0.25, "ewallet": 0.2}, len(o)),
        memo=np.array(
            ["education", "uniform", "school fees", "school", "", "sponsorship"], dtype=object
        )[rng.integers(0, 6, len(o))],
        round_p=1.0,
    )


def pop_creators(w: World, pools: Pools, n: int) -> None:
    """Legitimate adult-creator economy: platform subscriptions, payouts, direct night tips."""
    rng = w.rng
    platforms = w.accounts(
        6, pick(rng, {"US": 3, "GB": 2, "NL": 1}, 6), population="platform", name="Platform"
    )
    n_c = max(10, n // 250)
    cc = pick(rng, {"PH": 30, "CO": 20, "US": 20, "GB": 8, "TH": 10, "MX": 7, "ID": 5}, n_c)
    creators = w.accounts(
        n_c,
        cc,
        population="adult_creator",
        sex=sexes(rng, n_c, 0.12),
        birth=birth_years(rng, n_c, 19, 42),
    )
    n_f = max(20, n // 12)
    fans = w.accounts(
        n_f,
        pick(rng, {**RICH, "SA": 3, "AE": 3}, n_f),
        population="creator_fan",
        sex=sexes(rng, n_f, 0.9),
        birth=birth_years(rng, n_f, 18, 70),
    )
    fav = rng.integers(0, n_c, n_f)
    # Subscriptions and in-platform tips (card, to the platform).
    o, day = _schedule(rng, np.full(n_f, 30), 0)
    plat = platforms[rng.integers(0, 6, n_f)]
    k = len(o)
    w.emit(
        fans[o],
        plat[o],
        stamp(day, local_seconds(rng, k, HOURS_NIGHT), w.offset_of(fans[o])),
        np.clip(lognormal(rng, 14, 0.5, k), 3, 200),
        channel="card",
        mcc=np.where(rng.random(k) < 0.5, "5967", "digital content"),
        round_p=0.3,
    )
    # Direct tips from a quarter of fans: small, round, late at night, @handles.
    tippers = np.nonzero(rng.random(n_f) < 0.25)[0]
    cnt = rng.integers(2, 30, len(tippers))
    o2, _ = expand(cnt)
    f = tippers[o2]
    m = len(f)
    day2 = rng.integers(0, DAYS, m)
    w.emit(
        fans[f],
        creators[fav[f]],
        stamp(day2, local_seconds(rng, m, HOURS_NIGHT), w.offset_of(fans[f])),
        np.clip(lognormal(rng, 30, 0.7, m), 5, 500),
        channel=pick(rng, {"p2p": 0.4, "ewallet": 0.35, "msb": 0.15, "crypto": 0.1}, m),
        memo=memos(rng, m, {"handle": 0.4, "neutral": 0.3, "": 0.3}),
        round_p=0.85,
    )
    # Weekly payouts from the platform, and creators cash out.
    o3, day3 = _schedule(rng, np.full(n_c, 7), 1)
    usd = np.clip(lognormal(rng, 350, 0.9, len(o3)), 20, 20000)
    tp = stamp(day3, np.full(len(o3), 14 * 3600), np.zeros(len(o3), np.int32))
    w.emit(
        platforms[rng.integers(0, 6, len(o3))],
        creators[o3],
        tp,
        usd,
        channel=np.where(rng.random(len(o3)) < 0.6, "bank", "ewallet"),
        currency="USD",
        memo=np.full(len(o3), "payout", dtype=object),
        round_p=0.0,
    )
    cash_out(w, pools, creators[o3], tp, usd, 0.7)


def pop_romance(w: World, pools: Pools, n: int) -> None:
    """Romance-scam victims: escalating payments to one overseas 'partner'."""
    rng = w.rng
    n_v = max(5, n // 11)
    vic = w.accounts(
        n_v,
        pick(rng, {"US": 45, "AU": 15, "GB": 15, "CA": 10, "DE": 10, "JP": 5}, n_v),
        population="romance_victim",
        sex=sexes(rng, n_v, 0.6),
        birth=birth_years(rng, n_v, 48, 80),
    )
    n_s = max(2, n_v // 5)
    scam = w.accounts(
        n_s,
        pick(rng, {"NG": 30, "GH": 15, "PH": 25, "MY": 15, "TH": 15}, n_s),
        population="romance_scammer",
        sex=sexes(rng, n_s, 0.4),
        birth=birth_years(rng, n_s, 20, 45),
    )
    cnt = rng.integers(4, 21, n_v)
    o, pos = expand(cnt)
    start = rng.integers(0, DAYS - 30, n_v)
    span = rng.integers(30, 180, n_v)
    day = np.minimum(DAYS - 1, start[o] + (pos * span[o]) // cnt[o])
    first = rng.uniform(30, 150, n_v)
    growth = rng.uniform(1.15, 1.5, n_v)
    usd = np.minimum(8000, first[o] * growth[o] ** pos)
    target = scam[rng.integers(0, n_s, n_v)][o]
    m = len(o)
    t = stamp(day, local_seconds(rng, m, HOURS_EVENING), w.offset_of(vic[o]))
    w.emit(
        vic[o],
        target,
        t,
        usd,
        channel=pick(rng, {"msb": 0.5, "bank": 0.2, "ewallet": 0.1, "p2p": 0.1, "crypto": 0.1}, m),
        memo=memos(rng, m, {"romance": 0.7, "": 0.3}),
        round_p=0.7,
    )
    cash_out(w, pools, target, t, usd, 0.85)


def pop_teens(w: World, pools: Pools, n: int) -> None:
    """Minors' accounts: game top-ups, launch-day bursts to a new merchant, friends."""
    rng = w.rng
    games = w.accounts(
        20,
        pick(rng, {"US": 6, "JP": 4, "KR": 4, "SG": 3, "CN": 3}, 20),
        population="game_merchant",
        name="Games",
    )
    gm = np.where(rng.random(20) < 0.5, "5816", "digital games")
    n_t = max(10, n // 20)
    tc = pick(rng, {"US": 30, "GB": 10, "AU": 8, "CA": 8, "PH": 20, "ID": 12, "TH": 12}, n_t)
    known = rng.random(n_t) < 0.75
    teens = w.accounts(
        n_t,
        tc,
        population="teen",
        sex=sexes(rng, n_t, 0.55),
        birth=np.where(known, birth_years(rng, n_t, 13, 17), -1),
    )
    cnt = rng.poisson(16, n_t)
    o, _ = expand(cnt)
    m = len(o)
    g = rng.integers(0, 3, n_t)[o]  # the few games each teen plays
    t = stamp(rng.integers(0, DAYS, m), local_seconds(rng, m, HOURS_EVENING), w.offset_of(teens[o]))
    w.emit(
        teens[o],
        games[g],
        t,
        np.clip(lognormal(rng, 8, 0.8, m), 1, 120),
        channel=pick(rng, {"card": 0.6, "ewallet": 0.4}, m),
        mcc=gm[g],
        round_p=0.9,
    )
    # Launch-day bursts: 2-4 payments within a day to a new merchant, then nothing more.
    b = np.nonzero(rng.random(n_t) < 0.2)[0]
    bc = rng.integers(2, 5, len(b))
    ob, pos = expand(bc)
    who = b[ob]
    d0 = rng.integers(0, DAYS, len(b))[ob]
    tb = stamp(d0, 16 * 3600 + pos * rng.integers(600, 7200, len(ob)), w.offset_of(teens[who]))
    nm = rng.integers(10, 20, len(b))[ob]
    w.emit(
        teens[who],
        games[nm],
        tb,
        np.clip(lognormal(rng, 25, 0.6, len(ob)), 5, 150),
        channel="card",
        mcc=gm[nm],
        round_p=0.8,
    )


# ---- planted typologies ---------------------------------------------------------------

BUYER_MEMO_STYLES = (
    {"": 0.8, "neutral": 0.15, "cover": 0.05},  # mostly empty
    {"cover": 0.6, "leet": 0.1, "": 0.2, "neutral": 0.1},  # cover words
    {"": 0.35, "cover": 0.25, "handle": 0.2, "neutral": 0.15, "leet": 0.05},  # mixed, handles
)
AMOUNT_BANDS = ((5, 15, 0.10), (15, 100, 0.60), (100, 250, 0.25), (250, 500, 0.05))


def _buyers(
    w: World, n: int, population: str, typology: str, role: str, young: bool = False
) -> np.ndarray:
    rng = w.rng
    ctry = pick(rng, OFFENDER_ORIGINS, n)
    lo, hi = (19, 40) if young else (25, 75)
    return w.accounts(
        n,
        ctry,
        population=population,
        role=role,
        typology=typology,
        label=1,
        sex=sexes(rng, n, 0.92, 0.05),
        birth=birth_years(rng, n, lo, hi),
    )


def _background_for(w: World, pools: Pools, acct: np.ndarray, mean: float) -> None:
    """Ordinary domestic activity of an offender (unlabelled payments), so he blends in."""
    rng = w.rng
    cnt = rng.poisson(mean, len(acct))
    o, _ = expand(cnt)
    a = acct[o]
    other = pools.any_local(rng, w.country_of(a))
    out = rng.random(len(o)) < 0.6
    s, r = np.where(out, a, other), np.where(out, other, a)
    t = stamp(rng.integers(0, DAYS, len(o)), local_seconds(rng, len(o), HOURS_DAY), w.offset_of(s))
    w.emit(
        s,
        r,
        t,
        np.clip(lognormal(rng, 30, 1.0, len(o)), 1, 3000),
        channel=pick(rng, {"bank": 0.4, "ewallet": 0.3, "p2p": 0.2, "card": 0.1}, len(o)),
        memo=memos(rng, len(o), {"": 0.6, "local": 0.2, "neutral": 0.2}),
        round_p=0.5,
    )


def plant_lsac(w: World, pools: Pools, budget: int) -> tuple[np.ndarray, np.ndarray]:
    """Pay-per-view live-stream buyers, facilitators, their households and recruiters."""
    rng = w.rng
    counts: list[int] = []
    while sum(counts) < budget:
        lone = rng.random() < 0.25
        counts.append(
            int(rng.integers(1, 4)) if lone else int(np.clip(lognormal(rng, 10, 0.9, 1)[0], 2, 250))
        )
    cnt = np.array(counts)
    n_b = len(cnt)
    lone = cnt <= 3
    buyers = _buyers(w, n_b, "lsac_buyer", "lsac", "buyer")
    n_f = max(2, round(n_b / 4))
    fc = pick(rng, FACILITATOR_COUNTRIES, n_f)
    fac = w.accounts(
        n_f,
        fc,
        population="facilitator",
        role="facilitator",
        typology="lsac",
        label=1,
        sex=sexes(rng, n_f, 0.25, 0.1),
        birth=birth_years(rng, n_f, 25, 60),
    )
    fsur = w._acc_col("surname")[fac]
    fdev = w._acc_col("device")[fac]
    # Households: 0-3 linked accounts per facilitator on the same phone, same surname.
    hh = rng.choice([0, 1, 2, 3], n_f, p=[0.4, 0.3, 0.2, 0.1])
    ho, _ = expand(hh)
    linked = w.accounts(
        len(ho),
        fc[ho],
        population="facilitator",
        role="household",
        typology="lsac",
        label=1,
        sex=sexes(rng, len(ho), 0.4),
        birth=birth_years(rng, len(ho), 18, 70),
        surname=fsur[ho],
        devices=fdev[ho],
    )
    # Recruiters: a quarter of facilitators forward part of their takings up a chain.
    fwd = rng.random(n_f) < 0.25
    n_boss = max(1, int(fwd.sum()) // 3)
    boss = w.accounts(
        n_boss,
        pick(rng, {"PH": 85, "TH": 15}, n_boss),
        population="facilitator",
        role="recruiter",
        typology="lsac",
        label=1,
        sex=sexes(rng, n_boss, 0.6),
    )
    boss_of = boss[rng.integers(0, n_boss, n_f)]
    # Buyer -> facilitators: popularity-weighted, every facilitator gets at least one buyer.
    pop = rng.pareto(1.1, n_f) + 0.2
    k = rng.choice([1, 2, 3, 4, 5], n_b, p=[0.62, 0.22, 0.09, 0.04, 0.03])
    ko, _ = expand(k)
    choice = rng.choice(n_f, len(ko), p=pop / pop.sum())
    first_of = np.cumsum(k) - k
    head = first_of[: min(n_b, n_f)]
    choice[head] = np.arange(len(head))
    # Payments.
    o, _ = expand(cnt)
    m = len(o)
    rate = np.clip(lognormal(rng, 6, 0.8, n_b), 1, 60) / 30  # payments per day
    span = np.where(lone, rng.integers(0, 5, n_b), np.minimum(DAYS * 1.5, cnt / rate)).astype(int)
    start = rng.integers(-DAYS // 3, DAYS - 3, n_b)  # some started before the window
    frac = rng.random(m)
    day = start[o] + (frac * span[o]).astype(int)
    # Receivers are adopted over time: later payments may go to later facilitators.
    slot = np.minimum(k[o] - 1, (frac * k[o] * rng.uniform(0.6, 1.4, m)).astype(int))
    slot = np.where(rng.random(m) < 0.75, slot, rng.integers(0, k[o]))
    f_idx = choice[first_of[o] + slot]
    recv = fac[f_idx]
    style = rng.choice(3, n_b, p=[0.35, 0.35, 0.3])
    sched = rng.choice(3, n_b, p=[0.6, 0.25, 0.15])  # night, facilitator's evening, any
    sec = np.zeros(m, np.int64)
    off = w.offset_of(buyers[o]).astype(np.int64)
    for sval, prof in ((0, HOURS_NIGHT), (1, HOURS_EVENING), (2, HOURS_FLAT)):
        sel = sched[o] == sval
        sec[sel] = local_seconds(rng, int(sel.sum()), prof)
    eve = sched[o] == 1
    off = np.where(eve, w.offset_of(recv), off)
    t = stamp(day, sec, off)
    # Amounts: each buyer keeps to a price level inside one band.
    bands = np.array([b[:2] for b in AMOUNT_BANDS], dtype=float)
    bsel = rng.choice(len(AMOUNT_BANDS), n_b, p=[b[2] for b in AMOUNT_BANDS])
    centre = rng.uniform(bands[bsel, 0], bands[bsel, 1])
    usd = np.clip(centre[o] * np.exp(0.25 * rng.standard_normal(m)), 5, 500)
    round_p = rng.uniform(0.35, 0.95, n_b)[o]
    cpick = rng.random(n_b)[o]
    home = np.array([COUNTRIES[c][0] for c in w.country_of(buyers[o])], dtype=object)
    there = np.array([COUNTRIES[c][0] for c in w.country_of(recv)], dtype=object)
    ccy = np.where(cpick < 0.7, home, np.where(cpick < 0.85, there, "USD"))
    chan = pick(
        rng,
        {"msb": 0.38, "ewallet": 0.2, "p2p": 0.18, "bank": 0.12, "card": 0.04, "other": 0.08},
        n_b,
    )[o]
    memo = np.full(m, "", dtype=object)
    for sv, mix in enumerate(BUYER_MEMO_STYLES):
        sel = style[o] == sv
        memo[sel] = memos(rng, int(sel.sum()), mix)
    # A fifth of sessions are paid in two parts a few minutes apart.
    split = rng.random(m) < 0.2
    s2 = np.nonzero(split)[0]
    usd = np.where(split, usd * 0.5, usd)
    w.emit(
        buyers[o],
        recv,
        t,
        usd,
        channel=chan,
        currency=ccy,
        memo=memo,
        round_p=round_p,
        label=1,
        typology="lsac_payment",
    )
    w.emit(
        buyers[o][s2],
        recv[s2],
        t[s2] + rng.integers(120, 2400, len(s2)),
        usd[s2],
        channel=chan[s2],
        currency=ccy[s2],
        memo=memo[s2],
        round_p=round_p[s2],
        label=1,
        typology="lsac_payment",
    )
    # Facilitators' outflows: forward to a recruiter, pass to the household, or cash out.
    fast_share = rng.uniform(0.25, 0.95, n_f)
    route = rng.random(m)
    to_boss = fwd[f_idx] & (route < 0.35)
    has_hh = hh[f_idx] > 0
    to_hh = ~to_boss & has_hh & (route > 0.75)
    rest = ~to_boss & ~to_hh
    delay_t = t + rng.integers(3600, 3 * 86400, m)
    w.emit(
        recv[to_boss],
        boss_of[f_idx[to_boss]],
        delay_t[to_boss],
        usd[to_boss] * 0.4,
        channel=pick(rng, {"ewallet": 0.6, "bank": 0.2, "msb": 0.2}, int(to_boss.sum())),
        round_p=0.8,
        label=1,
        typology="facilitator_forward",
    )
    hh_first = np.cumsum(hh) - hh
    hh_pick = (
        linked[
            np.minimum(len(linked) - 1, hh_first[f_idx] + rng.integers(0, np.maximum(hh[f_idx], 1)))
        ]
        if len(linked)
        else recv
    )
    w.emit(
        recv[to_hh],
        hh_pick[to_hh],
        delay_t[to_hh],
        usd[to_hh] * 0.9,
        channel="ewallet",
        round_p=0.8,
        label=1,
        typology="facilitator_forward",
    )
    cash_out(
        w,
        pools,
        recv[rest],
        t[rest],
        usd[rest],
        fast_share[f_idx[rest]],
        label=1,
        typology="facilitator_cashout",
    )
    # Recruiters and households cash out what they receive.
    cash_out(
        w,
        pools,
        boss_of[f_idx[to_boss]],
        delay_t[to_boss],
        usd[to_boss] * 0.4,
        0.8,
        label=1,
        typology="facilitator_cashout",
    )
    cash_out(
        w,
        pools,
        hh_pick[to_hh],
        delay_t[to_hh],
        usd[to_hh] * 0.85,
        0.6,
        label=1,
        typology="facilitator_cashout",
    )
    # Cover: ordinary life, and a fifth of facilitators have a real relative abroad.
    _background_for(w, pools, buyers, 25)
    _background_for(w, pools, fac, 30)
    rel = np.nonzero(rng.random(n_f) < 0.2)[0]
    if len(rel):
        rc = pick(rng, {"US": 40, "SA": 20, "AE": 20, "CA": 10, "AU": 10}, len(rel))
        relatives = w.accounts(
            len(rel),
            rc,
            population="diaspora",
            surname=fsur[rel],
            sex=sexes(rng, len(rel), 0.4),
            birth=birth_years(rng, len(rel), 25, 60),
        )
        ro, rday = _schedule(rng, np.full(len(rel), 30), 2)
        w.emit(
            relatives[ro],
            fac[rel][ro],
            stamp(rday, local_seconds(rng, len(ro), HOURS_DAY), w.offset_of(relatives[ro])),
            lognormal(rng, 180, 0.4, len(ro)),
            channel="msb",
            memo=memos(rng, len(ro), {"remit": 0.7, "": 0.3}),
            round_p=0.6,
        )
    return buyers, fac


def plant_cvc(w: World, pools: Pools, budget: int, fac: np.ndarray) -> None:
    """Younger buyers paying in crypto: exchange on-ramp, then wallets of facilitators or sites."""
    rng = w.rng
    n_b = max(1, budget // 10)
    buyers = _buyers(w, n_b, "cvc_buyer", "cvc", "buyer", young=True)
    n_fw = max(1, min(len(fac), n_b // 2))
    fw = w.accounts(
        n_fw,
        w.country_of(fac[rng.integers(0, len(fac), n_fw)]),
        population="facilitator",
        role="facilitator_wallet",
        typology="cvc",
        label=1,
    )
    n_site = int(rng.integers(5, 15))
    site = w.accounts(
        n_site,
        pick(rng, {"SC": 1, "VG": 1}, n_site),
        population="site_wallet",
        role="site_wallet",
        typology="cvc",
        label=1,
        name="Wallet",
    )
    ramps = rng.integers(1, 4, n_b)
    ro, _ = expand(ramps)
    tr = stamp(
        rng.integers(0, DAYS - 10, len(ro)),
        local_seconds(rng, len(ro), HOURS_NIGHT),
        w.offset_of(buyers[ro]),
    )
    w.emit(
        buyers[ro],
        pools.exchanges[rng.integers(0, len(pools.exchanges), len(ro))],
        tr,
        np.clip(lognormal(rng, 150, 0.6, len(ro)), 20, 2000),
        channel=pick(rng, {"card": 0.6, "bank": 0.4}, len(ro)),
        round_p=0.8,
        label=1,
        typology="cvc",
    )
    cnt = rng.integers(3, 14, n_b)
    o, _ = expand(cnt)
    m = len(o)
    to_site = rng.random(n_b)[o] < 0.4
    dest = np.where(to_site, site[rng.integers(0, n_site, m)], fw[rng.integers(0, n_fw, n_b)][o])
    day = rng.integers(0, DAYS, m)
    t = stamp(day, local_seconds(rng, m, HOURS_NIGHT), w.offset_of(buyers[o]))
    w.emit(
        buyers[o],
        dest,
        t,
        np.clip(lognormal(rng, 50, 0.6, m), 8, 600),
        channel="crypto",
        currency=pick(rng, {"USDT": 0.65, "BTC": 0.25, "ETH": 0.1}, m),
        round_p=0.15,
        label=1,
        typology="cvc",
    )
    _background_for(w, pools, buyers, 20)


def plant_travel(w: World, pools: Pools, budget: int, buyers: np.ndarray) -> None:
    """Buyers who travel to offend: long stays away from tourist merchants, ATM, gifts."""
    rng = w.rng
    n_t = max(1, budget // 40)
    who = buyers[rng.choice(len(buyers), min(n_t, len(buyers)), replace=False)]
    n_t = len(who)
    m_idx, m_kind, m_mcc = _merchants(w, 30, {"PH": 80, "TH": 20}, "provincial_merchant")
    airlines = w.accounts(2, "PH", population="airline", name="Airline")
    length = rng.integers(14, 46, n_t)
    start = rng.integers(0, DAYS - 46, n_t)
    per_day = rng.uniform(0.6, 1.6, n_t)
    cnt = np.maximum(3, (length * per_day).astype(int))
    o, pos = expand(cnt)
    day = start[o] + (pos * length[o]) // cnt[o]
    kinds = np.array(["atm", "hotel", "jewelry", "shop"])
    kind = kinds[rng.choice(4, len(o), p=[0.45, 0.3, 0.1, 0.15])]
    mer = np.zeros(len(o), np.int64)
    for kk in kinds:
        sel = kind == kk
        pool = m_idx[m_kind == kk] if (m_kind == kk).any() else m_idx
        mer[sel] = pool[rng.integers(0, len(pool), sel.sum())]
    med = np.array([{"atm": 180, "hotel": 30, "jewelry": 150, "shop": 40}[k] for k in kind])
    t = stamp(day, local_seconds(rng, len(o), HOURS_DAY), np.full(len(o), 480))
    w.emit(
        who[o],
        mer,
        t,
        np.clip(med * np.exp(0.4 * rng.standard_normal(len(o))), 5, 2000),
        channel="card",
        currency=np.where(rng.random(len(o)) < 0.7, "PHP", "USD"),
        mcc=m_mcc[mer - m_idx[0]],
        round_p=np.where(kind == "atm", 0.95, 0.2),
        label=1,
        typology="travel",
    )
    w.emit(
        who,
        airlines[rng.integers(0, 2, n_t)],
        stamp(np.maximum(0, start - 20), local_seconds(rng, n_t, HOURS_NIGHT), w.offset_of(who)),
        lognormal(rng, 1100, 0.3, n_t),
        channel="card",
        mcc=np.where(rng.random(n_t) < 0.5, "4511", "airline"),
        round_p=0.0,
        label=1,
        typology="travel",
    )


def plant_sextortion(w: World, pools: Pools, budget: int) -> None:
    """Financial sextortion of teenagers: a few fast payments to a new payee, then silence."""
    rng = w.rng
    n_v = max(2, budget // 4)
    vc = pick(
        rng,
        {"US": 40, "GB": 10, "AU": 10, "CA": 10, "PH": 12, "DE": 5, "NL": 3, "ID": 5, "TH": 5},
        n_v,
    )
    r = rng.random(n_v)
    # KYC: 70% show the teen's birth year; some run on a parent's account; some unknown.
    birth = np.where(
        r < 0.7, birth_years(rng, n_v, 13, 17), np.where(r < 0.8, birth_years(rng, n_v, 38, 55), -1)
    )
    vic = w.accounts(
        n_v,
        vc,
        population="sextortion_victim",
        role="victim",
        typology="fsec",
        label=1,
        sex=sexes(rng, n_v, 0.85, 0.1),
        birth=birth,
    )
    n_m = max(1, n_v // 6)
    mules = w.accounts(
        n_m,
        pick(rng, {"NG": 35, "CI": 15, "PH": 25, "GH": 10, "US": 15}, n_m),
        population="sextortion_mule",
        role="mule",
        typology="fsec",
        label=1,
        sex=sexes(rng, n_m, 0.8),
        birth=birth_years(rng, n_m, 18, 35),
    )
    gift = w.accounts(
        4,
        pick(rng, {"US": 2, "GB": 1, "AU": 1}, 4),
        population="gift_card_retailer",
        name="Retailer",
    )
    cnt = rng.integers(2, 7, n_v)
    o, pos = expand(cnt)
    m = len(o)
    window = rng.uniform(12, 72, n_v) * 3600
    d0 = rng.integers(0, DAYS - 4, n_v)
    t0 = stamp(d0, local_seconds(rng, n_v, HOURS_EVENING), w.offset_of(vic))
    t = t0[o] + (pos / np.maximum(cnt[o] - 1, 1) * window[o]).astype(np.int64)
    first = rng.uniform(20, 250, n_v)
    grow = rng.uniform(1.0, 2.0, m)
    usd = first[o] * np.where(pos == 0, 1.0, grow)
    total = np.zeros(n_v)
    keep = np.ones(m, bool)
    for i in range(m):  # cap each victim's total at USD 1,500
        if total[o[i]] + usd[i] > 1500:
            keep[i] = False
        else:
            total[o[i]] += usd[i]
    chan_v = pick(rng, {"p2p": 0.35, "ewallet": 0.2, "gift": 0.25, "msb": 0.1, "card": 0.1}, n_v)
    chan = chan_v[o]
    mule = mules[rng.integers(0, n_m, n_v)][o]
    dest = np.where(chan == "gift", gift[rng.integers(0, 4, m)], mule)
    mcc = np.where(chan == "gift", np.where(rng.random(m) < 0.5, "5947", "gift cards"), "")
    chan = np.where(chan == "gift", "card", chan)
    k = keep
    w.emit(
        vic[o][k],
        dest[k],
        t[k],
        usd[k],
        channel=chan[k],
        mcc=mcc[k],
        memo=memos(rng, int(k.sum()), {"": 0.7, "neutral": 0.3}),
        round_p=0.6,
        label=1,
        typology="fsec",
    )
    paid = k & (chan != "card")
    cash_out(w, pools, dest[paid], t[paid], usd[paid], 0.9, label=1, typology="fsec_cashout")
    # The victims' ordinary teenage activity before and after.
    _background_for(w, pools, vic, 8)


def plant_direct(w: World, pools: Pools, budget: int) -> None:
    """A foreign adult paying a young account directly, no facilitator in between."""
    rng = w.rng
    cnt_list: list[int] = []
    while sum(cnt_list) < budget:
        cnt_list.append(int(rng.integers(3, 41)))
    cnt = np.array(cnt_list)
    n = len(cnt)
    payer = _buyers(w, n, "direct_payer", "direct", "buyer")
    rc = pick(rng, {"PH": 60, "TH": 15, "ID": 15, "VN": 10}, n)
    known = rng.random(n) < 0.6
    young = w.accounts(
        n,
        rc,
        population="direct_receiver",
        role="minor_receiver",
        typology="direct",
        label=1,
        sex=sexes(rng, n, 0.3),
        birth=np.where(known, birth_years(rng, n, 14, 19), -1),
    )
    o, _ = expand(cnt)
    m = len(o)
    span = rng.integers(30, 240, n)
    start = rng.integers(-60, DAYS - 30, n)
    day = start[o] + (rng.random(m) * span[o]).astype(int)
    t = stamp(day, local_seconds(rng, m, HOURS_NIGHT), w.offset_of(payer[o]))
    w.emit(
        payer[o],
        young[o],
        t,
        np.clip(lognormal(rng, 35, 0.6, m), 5, 400),
        channel=pick(rng, {"ewallet": 0.35, "msb": 0.3, "p2p": 0.25, "bank": 0.1}, m),
        memo=memos(rng, m, {"": 0.4, "neutral": 0.3, "handle": 0.1, "cover": 0.2}),
        round_p=0.7,
        label=1,
        typology="direct",
    )
    _background_for(w, pools, payer, 25)
    _background_for(w, pools, young, 10)


# ---- assembly -------------------------------------------------------------------------

ILLICIT_RATE = {"li": 0.0005, "hi": 0.002}
BACKGROUND = {  # share of background volume (cash-outs and sweeps come on top)
    pop_domestic: 0.30,
    pop_foreign_domestic: 0.12,
    pop_diaspora: 0.20,
    pop_payroll: 0.03,
    pop_tourists: 0.08,
    pop_students: 0.04,
    pop_creators: 0.07,
    pop_romance: 0.015,
    pop_teens: 0.05,
}


@dataclass(frozen=True)
class Generated:
    """The transaction file (issue 6 schema) and the ground truth kept apart from it."""

    tx: pl.DataFrame
    tx_labels: pl.DataFrame
    accounts: pl.DataFrame


def generate(n_tx: int, variant: str, seed: int, hard: float = 1.0) -> Generated:
    """About n_tx transactions of one variant ('li' or 'hi'), reproducible for a seed.

    `hard` scales the hard-negative populations built to resemble the indicators (adult
    creators and their fans, child sponsors, romance-scam victims); their volume goes to
    ordinary domestic traffic instead. 1.0 is the default world, 0 removes them.
    """
    if variant not in ILLICIT_RATE:
        raise ValueError(f"variant must be one of {sorted(ILLICIT_RATE)}, got {variant!r}")
    if hard < 0:
        raise ValueError(f"hard must be >= 0, got {hard}")
    rng = np.random.default_rng([seed, 0 if variant == "li" else 1])
    w = World(rng)
    budget = max(40, int(n_tx * ILLICIT_RATE[variant]))
    bg = int(n_tx * 0.9)
    pools = make_pools(w, bg)
    shares = dict(BACKGROUND)
    freed = 0.0
    for fn in (pop_creators, pop_romance):
        freed += shares[fn] * (1 - hard)
        shares[fn] *= hard
    freed += shares[pop_students] * 0.5 * (1 - hard)  # the sponsors' half of it
    shares[pop_domestic] += freed
    for fn, share in shares.items():
        if fn is pop_students:
            pop_students(w, pools, int(bg * share), sponsors=hard)
        elif share > 0:
            fn(w, pools, int(bg * share))
    buyers, fac = plant_lsac(w, pools, int(budget * 0.42))
    plant_cvc(w, pools, int(budget * 0.07), fac)
    plant_travel(w, pools, int(budget * 0.05), buyers)
    plant_sextortion(w, pools, int(budget * 0.06))
    plant_direct(w, pools, int(budget * 0.05))
    return _assemble(w)


def _offset_text(minutes: pl.Expr) -> pl.Expr:
    sign = pl.when(minutes < 0).then(pl.lit("-")).otherwise(pl.lit("+"))
    a = minutes.abs()
    return pl.concat_str(
        sign,
        (a // 60).cast(pl.String).str.zfill(2),
        pl.lit(":"),
        (a % 60).cast(pl.String).str.zfill(2),
    )


def _assemble(w: World) -> Generated:
    rng = w.rng
    T = {k: np.concatenate(v) for k, v in w.tx.items()}
    A = {k: np.concatenate(v) for k, v in w.acc.items()}
    n_acc = len(A["idx"])
    # Identifiers that say nothing about the role: an affine bijection of a permutation.
    perm = rng.permutation(n_acc).astype(np.int64)
    ids = np.array([f"AC{x:010d}" for x in (perm * 7_919 + 1_234_567) % 10**10], dtype=object)
    # KYC coverage: not every institution sends names, sex, birth year or device.
    name_ok = rng.random(n_acc) < 0.85
    sex_ok = rng.random(n_acc) < 0.75
    birth = np.where(rng.random(n_acc) < 0.85, A["birth"], -1)
    words = pl.Series(w.vocab.words, dtype=pl.String)
    order = np.argsort(T["t"], kind="stable")
    T = {k: v[order] for k, v in T.items()}
    n = len(order)
    s, r = T["sender"], T["receiver"]
    report = rng.random(n)
    off = np.where(report < 0.6, A["offset"][r], np.where(report < 0.85, 0, A["offset"][s]))
    dev_ok = rng.random(n) < 0.65
    frame = pl.DataFrame(
        {
            "tx_id": [f"TX{i:09d}" for i in range(n)],
            "t": T["t"],
            "off": off.astype(np.int64),
            "sender_id": ids[s],
            "receiver_id": ids[r],
            "amount": T["amount"],
            "currency": words.gather(T["currency"]),
            "sender_country": A["country"][s],
            "receiver_country": A["country"][r],
            "channel": words.gather(T["channel"]),
            "memo": words.gather(T["memo"]),
            "sender_name": np.where(name_ok[s], A["name"][s], ""),
            "receiver_name": np.where(name_ok[r], A["name"][r], ""),
            "sender_sex": np.where(sex_ok[s], A["sex"][s], ""),
            "sender_birth_year": birth[s],
            "receiver_birth_year": birth[r],
            "device_id": np.where(
                dev_ok,
                np.array(
                    [f"dv{(d * 2_654_435_761) % 2**32:08x}" for d in A["device"]], dtype=object
                )[s],
                "",
            ),
            "merchant_category": words.gather(T["mcc"]),
        }
    )
    frame = frame.with_columns(
        pl.concat_str(
            pl.from_epoch(pl.col("t") + pl.col("off") * 60, time_unit="s").dt.strftime(
                "%Y-%m-%dT%H:%M:%S"
            ),
            pl.when(pl.col("off") == 0)
            .then(pl.when(pl.col("t") % 5 == 0).then(pl.lit("Z")).otherwise(pl.lit("+00:00")))
            .otherwise(_offset_text(pl.col("off"))),
        ).alias("timestamp"),
        pl.col("sender_birth_year").cast(pl.Int32).replace(-1, None),
        pl.col("receiver_birth_year").cast(pl.Int32).replace(-1, None),
    ).select(*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
    tx_labels = pl.DataFrame(
        {
            "tx_id": frame["tx_id"],
            "label_tx": T["label"],
            "label_typology": words.gather(T["typology"]),
            "usd": frame["amount"]
            * frame["currency"].replace_strict(RATES, return_dtype=pl.Float64),
        }
    )
    used = np.unique(np.concatenate([s, r]))
    # An account is positive only if it is a planted actor with an illicit payment in the file
    # (an actor whose activity fell outside the window is indistinguishable, so not counted).
    bad = T["label"] == 1
    touched = np.zeros(n_acc, bool)
    touched[s[bad]] = True
    touched[r[bad]] = True
    A["label"] = (A["label"].astype(bool) & touched).astype(np.int8)
    accounts = pl.DataFrame(
        {
            "account_id": ids[used],
            "label": A["label"][used],
            "role": A["role"][used],
            "typology": A["typology"][used],
            "population": A["population"][used],
        }
    )
    return Generated(frame, tx_labels, accounts)
