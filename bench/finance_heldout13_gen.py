"""Held-out generator 13 (SEALED): a Malaysian digital bank / e-wallet group's 2025 ledger.

Written blind, only from the research note (../shared/research/finance-text.md, items 1-14
and design (d)) and issue 6's schema; not from Jaga's generator, rules or other held-out
generators. bench/finance_heldout.py calls generate() and scores `jaga finance score` on it.

World. One institution in Kuala Lumpur: a digital bank with an e-wallet (DuitNow transfers and
DuitNow QR at merchants, debit cards), a remittance product to ID, PH, TH, MM, BD and NP, and
partner rails bringing inbound transfers from SG, AU, GB, US, KR, JP, AE and SA. Its ledger holds
its own customers' rows (KYC: sex and birth year, device of the app session) and the
counterparties it sees on them (beneficiary names, no KYC). Own-ledger rows are stamped +08:00;
inbound partner rows keep the partner's local offset (with DST for AU, GB, US). Amounts are in
the debited currency: MYR for most outbound remittances, the destination's currency for some
partner corridors, the sender's currency inbound, the merchant's currency on cards abroad.
Customers: Malaysians (Malay names are patronymic, so a father and child share no surname;
Chinese and Indian Malaysians), large migrant-worker populations (Indonesian and Burmese names
carry no family name at all; Filipino, Bangladeshi, Nepali ones do), expats, students, gig
workers, teenagers on junior wallets.

Positives (design (d) table, amounts from item 1, cadence item 2, corridors item 3):
  T1  consumers, mostly local and expat men in MY (demand is not only Western: SG, JP, SA are
      in the AMLC source list, item 3), paying 1-8 unrelated PH/ID/TH receivers (item 4)
      USD 10-200 (peak 15-100), mostly round MYR, sender-local 21:00-04:00 (item 7), bursts,
      2-12 months, cover words / handles / empty memos (item 6), some VPN and livestream-
      platform card spend (item 8, benign rows of a positive actor).
  T2  facilitator hubs that are own customers in MY: 5-45 foreign senders from >=2 countries
      (item 5), most of each day's inflow cashed out within 48 h by ATM, agent counters and
      2-6 household wallets sharing the hub's device (item 12; design (d)); part forwarded to
      a relative's wallet in PH/ID.
  T3  networks: consumers (MY outbound and foreign inbound) shared across 2-4 facilitators,
      with a MY facilitator forwarding to a PH one (design (d)).
  T4  travel to offend (item 9): flights, lodging in non-tourist towns, stays 2-4x longer than
      the customer's own trips, repeated ATM abroad, jewellery, payments to local receivers.
  T5  sextortion (item 13): teen wallets (14-17, mostly boys) paying a new payee 2-6 times in
      24-72 h, first < USD 250, total <= 1,500, then silence; mules (domestic and PH) receive
      from several victims, the domestic ones buy crypto with it; a gift-card variant.
  T6  CVC (item 11): crypto bought at a MY exchange, then USDT/BTC sent to a shared cluster
      of addresses.
  T7  direct one-to-one (design (d)): foreign adults paying a young own customer, and MY adults
      paying a young PH/ID account directly.
  Lone (design (d): ~30% of illicit rows): off-pattern payments of known offenders (daytime,
  odd amounts, no memo), one-off senders paying a known hub, and fresh one-off pairs.
Illicit share of rows: li 0.05%, hi 0.2% (design (d)).

Benign background: DuitNow QR retail, P2P, bills, payroll, card spend, migrant remittances to
ID/PH/BD/NP/MM near payday (item 3's corridors run the other way here), inbound family money
from Malaysians working in SG and the Gulf, crypto traders, business travel. Hard negatives
(hard_negative=True; `hard` scales them): the note's (diaspora night-shift remitters paying
several relatives with different surnames, romance-scam victims and their scammers, adult
creators and their fans, students, tourists) and this ledger's own: duit raya / ang pau /
Deepavali gift rounds (one payer, many small round sums, some to minors' wallets), umrah
savings, tahfiz and orphan-fund donations (many payers, night peaks on Thursday, "yuran" and
"anak yatim" memos), agent-run remittance counters paying many receivers, gig platforms paying
many riders, freelancers paid by foreign clients, live-selling online shops paid by many buyers
at night, medical-bill crowdfunding for a child, teenagers' game top-ups, Gulf parents paying
a student child. About 0.7% of benign rows are malformed (impossible dates, negative amounts,
"RM"/unknown currency codes, missing sender ids). Shared counterparties (ATMs, agents,
airlines, platforms, exchanges, corridor wallets) are used by benign and planted actors alike,
and account ids do not reveal creation order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import polars as pl
from finance_heldout_gen import Generated

Rng = np.random.Generator
ILLICIT_RATE = {"li": 0.0005, "hi": 0.002}  # design (d)
LONE_SHARE = 0.30  # design (d)
DAYS = 365
BASE = datetime(2025, 1, 1, tzinfo=UTC)
BASE_S = int(BASE.timestamp())

# The group's own daily reference rates (USD per unit); its export uses these codes.
USD_PER = {
    "MYR": 0.222, "SGD": 0.745, "AUD": 0.655, "GBP": 1.27, "USD": 1.0, "KRW": 0.00073,
    "JPY": 0.0067, "AED": 0.2723, "SAR": 0.2667, "IDR": 0.0000625, "PHP": 0.0174,
    "THB": 0.0285, "MMK": 0.00047, "BDT": 0.0083, "NPR": 0.0074, "USDT": 1.0, "BTC": 62000.0,
}  # fmt: skip
CUR_OF = {
    "MY": "MYR", "SG": "SGD", "AU": "AUD", "GB": "GBP", "US": "USD", "KR": "KRW", "JP": "JPY",
    "AE": "AED", "SA": "SAR", "ID": "IDR", "PH": "PHP", "TH": "THB", "MM": "MMK", "BD": "BDT",
    "NP": "NPR",
}  # fmt: skip
TZS = [
    "Asia/Kuala_Lumpur", "Asia/Singapore", "Asia/Manila", "Asia/Jakarta", "Asia/Bangkok",
    "Asia/Yangon", "Asia/Dhaka", "Asia/Kathmandu", "Asia/Seoul", "Asia/Tokyo", "Asia/Dubai",
    "Asia/Riyadh", "Australia/Sydney", "Australia/Perth", "Europe/London", "America/New_York",
    "America/Los_Angeles", "Indian/Mahe",
]  # fmt: skip
TZ_OF = {"MY": 0, "SG": 1, "PH": 2, "ID": 3, "TH": 4, "MM": 5, "BD": 6, "NP": 7, "KR": 8,
         "JP": 9, "AE": 10, "SA": 11, "AU": 12, "GB": 14, "US": 15, "SC": 17, "VG": 15}  # fmt: skip
INBOUND = ["SG", "AU", "GB", "US", "KR", "JP", "AE", "SA"]
OUTBOUND = ["ID", "PH", "TH", "MM", "BD", "NP"]
TYPOLOGIES = ["", "T1", "T2", "T3", "T4", "T5", "T6", "T7"]


def _tz_offsets() -> np.ndarray:
    """UTC offset in seconds of each zone on each day of 2025 (at local noon)."""
    out = np.zeros((len(TZS), DAYS + 3), dtype=np.int64)
    for i, name in enumerate(TZS):
        z = ZoneInfo(name)
        for d in range(DAYS + 3):
            off = (BASE + timedelta(days=d, hours=12)).astimezone(z).utcoffset()
            out[i, d] = int(off.total_seconds()) if off is not None else 0
    return out


OFFSETS = _tz_offsets()


def _profile(weights: dict[tuple[int, int], float], floor: float = 0.2) -> np.ndarray:
    """A 24-hour local-time profile: a floor everywhere plus weight on (start, end) ranges."""
    p = np.full(24, floor)
    for (a, b), w in weights.items():
        hours = range(a, b) if a < b else [*range(a, 24), *range(0, b)]
        for h in hours:
            p[h] += w
    p[:6] *= 0.35 if floor >= 0.2 else 1.0
    return p / p.sum()


DAY = _profile({(8, 13): 1.6, (13, 18): 1.2, (18, 22): 1.4}, 0.05)
EVENING = _profile({(17, 23): 2.0, (11, 14): 0.8}, 0.05)
NIGHT = _profile({(21, 4): 2.2, (18, 21): 0.4}, 0.02)  # item 7: sender-local 21:00-04:00
SHIFT = _profile({(22, 2): 2.0, (12, 15): 0.6}, 0.03)  # night-shift workers after their shift
LIVE = _profile({(20, 1): 2.5, (12, 14): 0.5}, 0.03)  # live-selling sessions
FLAT = np.full(24, 1 / 24)

# --- memo lexicons (per population; the illicit ones follow item 6's cover words) -----------
MEMO_REMIT = {
    "ID": ["kiriman bulanan", "buat ibu", "uang sekolah adik", "bayar hutang", "buat anak",
           "kirim ke kampung", "uang makan", "", "", "transfer"],
    "PH": ["padala", "pang gastos", "para kay nanay", "tuition ni bunso", "allowance",
           "pambayad kuryente", "", "", "ipon", "pang-grocery"],
    "BD": ["maa er jonno", "bari bhara", "sansar khoroch", "taka pathalam", "abbar oshudh",
           "", "", "school er fee", "bhai er jonno"],
    "NP": ["ghar kharcha", "aama lai", "bhai ko padhai", "rin tirna", "", "", "dashain kharcha",
           "buba ko aushadhi"],
    "MM": ["မိသားစုအတွက်", "အမေ့အတွက်", "ကျောင်းစရိတ်", "ဆေးဖိုး", "", "", "family"],
}  # fmt: skip
MEMO_P2P = ["makan", "duit minyak", "sewa rumah", "bayar balik", "tq", "", "", "", "", "kopi",
            "hutang", "share grab", "bil api", "yuran tuisyen", "barang", "ok",
            "lunch"]  # fmt: skip
MEMO_COVER = {  # item 6 (AUSTRAC, FATF) in the receivers' languages, with obfuscation
    "PH": ["allowance", "pang tuition", "school uniform", "pambayad ospital", "medical bills",
           "for baby milk", "load", "pang-upa sa bahay", "accommodation", "family support",
           "sk00l fee", "4 ur sis", "bday gift", "gamot", "pasalubong"],
    "ID": ["biaya sekolah", "uang kos", "bantuan keluarga", "beli seragam", "biaya rumah sakit",
           "pulsa", "uang jajan", "buat adik", "s3kolah", "biaya berobat"],
    "TH": ["school fee", "ค่าเทอม", "ค่าหมอ", "for family", "rent", "ค่าชุดนักเรียน", "gift"],
    "MY": ["yuran sekolah", "duit belanja", "bil hospital", "sewa bilik", "top up", "hadiah"],
}  # fmt: skip
HANDLES = ["@angel_live", "@cutie.sh0w", "tg: babygirl09", "@m4ry_cam", "@sweet_jas",
           "ig @lovely.ph", "wa 09xx", "@pinay_vid", "@cam_girl_ph", "t.me/privshow",
           "sh0w 2nite", "vid c4ll", "ur pr1vate", "@j3nny.live", "ty 4 show"]  # fmt: skip
ETHNIC_OF = {"ID": "indo", "PH": "filipino", "TH": "thai", "MM": "burmese", "BD": "bangla",
             "NP": "nepali", "SG": "chinese", "AU": "west", "GB": "west", "US": "west",
             "KR": "korean", "JP": "japanese", "AE": "arab", "SA": "arab"}  # fmt: skip

GIVEN_M = {
    "malay": ["Ahmad", "Muhammad", "Mohd Hafiz", "Amir", "Faizal", "Azman", "Rizal", "Syafiq",
              "Haikal", "Imran", "Zulkifli", "Firdaus", "Aiman", "Hakim", "Khairul", "Shahrul"],
    "chinese": ["Wei Ming", "Kok Wai", "Chee Keong", "Boon Hock", "Kah Seng", "Jun Hao",
                "Zhi Wei", "Yong Sheng"],
    "indian": ["Kumar", "Suresh", "Rajesh", "Ganesh", "Vijay", "Murugan", "Arun", "Prakash"],
    "indo": ["Agus", "Budi", "Slamet", "Joko", "Eko", "Dedi", "Rudi", "Wahyu", "Andi", "Hendra",
             "Yusuf", "Supriadi", "Bambang", "Iwan"],
    "filipino": ["Jose", "Mark", "John Paul", "Ramon", "Jun", "Rodel", "Arnel", "Jerome",
                 "Christian", "Noel"],
    "bangla": ["Md. Rahim", "Md. Karim", "Abdul", "Shahidul", "Rafiqul", "Jahangir", "Mizanur",
               "Md. Alamgir"],
    "nepali": ["Ram", "Hari", "Bishnu", "Krishna", "Suman", "Bikash", "Dipak", "Nabin"],
    "burmese": ["Aung", "Kyaw", "Min", "Htun", "Zaw", "Myo", "Thant", "Win", "Soe", "Hlaing"],
    "thai": ["Somchai", "Niran", "Kittipong", "Anan", "Prasert", "Wichai"],
    "west": ["James", "Michael", "David", "Robert", "Peter", "Paul", "Mark", "Steven", "Gary",
             "Thomas", "Richard", "Brian"],
    "korean": ["Min-jun", "Ji-ho", "Hyun-woo", "Dong-hyun", "Sung-min"],
    "japanese": ["Hiroshi", "Takeshi", "Kenji", "Daisuke", "Makoto"],
    "arab": ["Abdullah", "Khalid", "Faisal", "Omar", "Saeed", "Fahad"],
}  # fmt: skip
GIVEN_F = {
    "malay": ["Siti", "Nur Aisyah", "Farah", "Nurul Huda", "Aminah", "Zainab", "Hidayah",
              "Syafiqah", "Aina", "Izzati", "Liyana", "Nor Azizah"],
    "chinese": ["Mei Ling", "Siew Lan", "Jia Hui", "Li Ting", "Xin Yi", "Pei Shan"],
    "indian": ["Priya", "Kavitha", "Devi", "Lakshmi", "Shanti", "Malar"],
    "indo": ["Sri", "Wati", "Dewi", "Ani", "Yuni", "Rina", "Sulastri", "Lestari", "Nining",
             "Kartini", "Siti Aminah"],
    "filipino": ["Maria", "Analyn", "Rowena", "Jocelyn", "Mary Joy", "Kristine", "Lorna",
                 "Janelle", "Rica", "Angelica", "Princess"],
    "bangla": ["Fatema", "Rokeya", "Nasrin", "Shirin", "Taslima"],
    "nepali": ["Sita", "Gita", "Kamala", "Sunita", "Maya", "Anjali"],
    "burmese": ["Thandar", "Khin", "Su", "Nwe", "Ei", "Mya", "Phyo", "Thiri", "Hnin"],
    "thai": ["Suda", "Malee", "Anong", "Pim", "Ploy", "Nattaya"],
    "west": ["Sarah", "Emma", "Karen", "Linda", "Claire"],
    "korean": ["Seo-yeon", "Ji-woo", "Min-seo"],
    "japanese": ["Yuki", "Akiko", "Haruka"],
    "arab": ["Fatima", "Aisha", "Noura"],
}  # fmt: skip
SURNAME = {
    "chinese": ["Tan", "Lim", "Lee", "Ng", "Wong", "Chan", "Ong", "Teoh", "Goh", "Chong", "Yap"],
    "filipino": ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Dela Cruz",
                 "Villanueva", "Ramos", "Aquino", "Castillo", "Flores"],
    "bangla": ["Hossain", "Islam", "Uddin", "Rahman", "Ahmed", "Miah", "Sarkar"],
    "nepali": ["Thapa", "Gurung", "Tamang", "Rai", "Magar", "Shrestha", "Limbu", "Sherpa"],
    "thai": ["Srisuk", "Boonmee", "Wongsakul", "Rattanakorn", "Saetang", "Phromma"],
    "west": ["Smith", "Brown", "Wilson", "Taylor", "Johnson", "Miller", "Clarke", "Walker",
             "Evans", "Hughes"],
    "korean": ["Kim", "Lee", "Park", "Choi", "Jung"],
    "japanese": ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe"],
    "arab": ["Al-Harbi", "Al-Qahtani", "Al-Mansouri", "Al-Shehhi", "Al-Otaibi"],
}  # fmt: skip


def names(rng: Rng, eth: str, male: np.ndarray, family: np.ndarray | None = None) -> np.ndarray:
    """Full names in each culture's form; `family` is the surname, or the father's given name
    for the patronymic cultures (Malay bin/binti, Indian a/l a/p), or ignored (Indonesian,
    Burmese: no family name), so kinship is visible only where the culture shows it."""
    n = len(male)
    gm, gf = np.array(GIVEN_M[eth], dtype=object), np.array(GIVEN_F[eth], dtype=object)
    given = np.where(male, gm[rng.integers(0, len(gm), n)], gf[rng.integers(0, len(gf), n)])
    if eth == "burmese":
        syl = np.array(GIVEN_M["burmese"] + GIVEN_F["burmese"], dtype=object)
        return (
            given
            + " "
            + syl[rng.integers(0, len(syl), n)]
            + np.where(rng.random(n) < 0.5, " " + syl[rng.integers(0, len(syl), n)], "")
        )
    if eth == "indo":
        second = np.array(["Saputra", "Wijaya", "Santoso", "Hidayat", "Lestari", "Rahayu"], object)
        return given + np.where(rng.random(n) < 0.4, " " + second[rng.integers(0, 6, n)], "")
    if eth in ("malay", "indian"):
        fathers = np.array(GIVEN_M[eth], dtype=object)
        fam = fathers[rng.integers(0, len(fathers), n)] if family is None else family
        link = {"malay": (" bin ", " binti "), "indian": (" a/l ", " a/p ")}[eth]
        return given + np.where(male, link[0], link[1]) + fam
    sur = np.array(SURNAME[eth], dtype=object)
    fam = sur[rng.integers(0, len(sur), n)] if family is None else family
    if eth in ("chinese", "korean"):
        return fam + " " + given
    return given + " " + fam


def family_key(full: np.ndarray, eth: str) -> np.ndarray:
    """What a relative inherits: the surname, or for patronymic cultures the given name."""
    if eth in ("malay", "indian"):
        sep = " bin " if eth == "malay" else " a/l "
        return np.array([s.split(sep)[0].split(" binti ")[0].split(" a/p ")[0] for s in full])
    if eth in ("chinese", "korean"):
        return np.array([s.split(" ")[0] for s in full], dtype=object)
    return np.array([s.rsplit(" ", 1)[-1] for s in full], dtype=object)


@dataclass
class Ledger:
    """Accounts (with KYC for own customers) and rows, as growing lists of numpy chunks."""

    rng: Rng
    acc: dict[str, list[np.ndarray]] = field(default_factory=dict)
    rows: dict[str, list[np.ndarray]] = field(default_factory=dict)
    n_acc: int = 0
    counters: dict[str, int] = field(default_factory=dict)

    def accounts(
        self,
        n: int,
        prefix: str,
        country: str,
        population: str,
        names_: np.ndarray,
        own: bool,
        male: np.ndarray | None = None,
        birth: np.ndarray | None = None,
        hard: bool = False,
        tz: int | None = None,
        digits: int = 10,
    ) -> np.ndarray:
        """Register n accounts; ids are a permuted counter under a realistic prefix."""
        start = self.counters.get(prefix, 0)
        self.counters[prefix] = start + n
        width = min(digits, 12)
        seq = (np.arange(start, start + n, dtype=np.int64) * 982451653 + 104729) % (10**width)
        body = np.char.zfill(seq.astype(str), width)
        if digits > width:  # long ids (wallet addresses): the counter plus random characters
            alpha = np.array(list("023456789acdefghjklmnpqrstuvwxyz"))
            tail = alpha[self.rng.integers(0, len(alpha), (n, digits - width))]
            body = np.char.add(body, np.array(["".join(t) for t in tail]))
        ids = np.char.add(prefix, body).astype(object)
        male = np.ones(n, bool) if male is None else male
        dev = np.where(
            own, np.char.add("dv", self.rng.integers(10**9, 10**10, n).astype(str)), ""
        ).astype(object)
        cols = {
            "id": ids,
            "country": np.full(n, country, dtype=object),
            "name": names_.astype(object),
            "sex": np.where(male, "M", "F").astype(object) if own else np.full(n, "", object),
            "birth": (birth if (own and birth is not None) else np.full(n, -1)).astype(np.int64),
            "device": dev,
            "own": np.full(n, own),
            "tz": np.full(n, TZ_OF.get(country, 0) if tz is None else tz, dtype=np.int64),
            "label": np.zeros(n, np.int8),
            "typology": np.full(n, "", dtype=object),
            "role": np.full(n, "", dtype=object),
            "population": np.full(n, population, dtype=object),
            "hard": np.full(n, hard),
        }
        for k, v in cols.items():
            self.acc.setdefault(k, []).append(v)
        idx = np.arange(self.n_acc, self.n_acc + n, dtype=np.int64)
        self.n_acc += n
        return idx

    def add(
        self,
        s: np.ndarray,
        r: np.ndarray,
        day: np.ndarray,
        hours: np.ndarray,
        amount: np.ndarray,
        currency: str | np.ndarray,
        channel: str | np.ndarray,
        memo: str | np.ndarray = "",
        mcc: str | np.ndarray = "",
        local_tz: np.ndarray | int | None = None,
        show_local: bool = False,
        typ: int = 0,
    ) -> None:
        """Rows at sender-local (or `local_tz`) day/hour; stamped +08:00 unless show_local."""
        n = len(s)
        if n == 0:
            return
        tz = self.tz_of(s) if local_tz is None else np.broadcast_to(local_tz, (n,))
        day = np.clip(day.astype(np.int64), 0, DAYS - 1)
        sec = hours.astype(np.int64) * 3600 + self.rng.integers(0, 3600, n)
        utc = BASE_S + day * 86400 + sec - OFFSETS[tz, day]
        show = OFFSETS[tz, day] if show_local else np.full(n, 8 * 3600, dtype=np.int64)

        def col(v: str | np.ndarray) -> np.ndarray:
            return np.full(n, v, dtype=object) if isinstance(v, str) else v.astype(object)

        cols = {
            "s": s.astype(np.int64), "r": r.astype(np.int64), "utc": utc, "show": show,
            "amount": np.asarray(amount, dtype=np.float64), "currency": col(currency),
            "channel": col(channel), "memo": col(memo), "mcc": col(mcc),
            "typ": np.full(n, typ, dtype=np.int8),
        }  # fmt: skip
        for k, v in cols.items():
            self.rows.setdefault(k, []).append(v)

    def tz_of(self, idx: np.ndarray) -> np.ndarray:
        return self.column("tz")[idx]

    _cache: dict[str, np.ndarray] = field(default_factory=dict)

    def column(self, k: str) -> np.ndarray:
        """An account attribute as one array (re-concatenated when accounts were added)."""
        c = self._cache.get(k)
        if c is None or len(c) != self.n_acc:
            c = np.concatenate(self.acc[k])
            self._cache[k] = c
            self.acc[k] = [c]
        return c

    def mark(self, idx: np.ndarray, typology: str, role: str) -> None:
        """Make accounts positive (a planted actor) with their typology and role."""
        for k in ("label", "typology", "role", "hard"):
            self.column(k)
        self._cache["label"][idx] = 1
        self._cache["typology"][idx] = typology
        self._cache["role"][idx] = role
        self._cache["hard"][idx] = False

    def n_rows(self) -> int:
        return sum(len(a) for a in self.rows.get("s", []))


# --- small samplers ------------------------------------------------------------------------


def hours_from(rng: Rng, profile: np.ndarray, n: int) -> np.ndarray:
    return rng.choice(24, size=n, p=profile)


def payday_days(rng: Rng, n: int) -> np.ndarray:
    """Days near Malaysian paydays: wages by the 7th, salaried staff at month end."""
    month = rng.integers(0, 12, n)
    start = np.array([0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334])[month]
    dom = np.where(rng.random(n) < 0.6, rng.integers(0, 9, n), rng.integers(24, 30, n))
    return np.clip(start + dom + rng.integers(-1, 3, n), 0, DAYS - 1)


def round_to(x: np.ndarray, steps: Sequence[float], rng: Rng, p_round: float) -> np.ndarray:
    """Snap a share p_round of amounts to the nearest 'nice' step; keep cents on the rest."""
    st = np.asarray(steps, dtype=np.float64)
    snapped = st[np.abs(x[:, None] - st[None, :]).argmin(axis=1)]
    return np.where(rng.random(len(x)) < p_round, snapped, np.round(x, 2))


def pick(rng: Rng, pool: Sequence[str], n: int, p_empty: float = 0.0) -> np.ndarray:
    arr = np.array(pool, dtype=object)[rng.integers(0, len(pool), n)]
    return np.where(rng.random(n) < p_empty, "", arr).astype(object)


def in_currency(usd: np.ndarray, cur: str) -> np.ndarray:
    return usd / USD_PER[cur]


def nice_local(usd: np.ndarray, cur: str, rng: Rng, p_round: float) -> np.ndarray:
    """A USD value as a round amount in the payer's currency (e.g. RM50, SGD 30, KRW 50,000)."""
    x = in_currency(usd, cur)
    mag = 10 ** np.floor(np.log10(np.maximum(x, 1e-9)))
    snapped = np.round(x / (mag / 2)) * (mag / 2)
    exact = np.round(x, 0 if cur in ZERO_DECIMAL else 2)
    return np.where(rng.random(len(x)) < p_round, snapped, exact)


ZERO_DECIMAL = {"JPY", "KRW", "IDR", "MMK"}


# --- benign populations ---------------------------------------------------------------------

ETH_MIX = {"malay": 0.50, "chinese": 0.18, "indian": 0.06, "indo": 0.09, "filipino": 0.03,
           "bangla": 0.06, "nepali": 0.04, "burmese": 0.03, "west": 0.006, "korean": 0.002,
           "japanese": 0.002}  # fmt: skip


@dataclass
class Pool:
    """The group's adult retail customers (all resident in MY) and its teenagers."""

    idx: np.ndarray
    eth: np.ndarray
    male: np.ndarray
    birth: np.ndarray
    activity: np.ndarray
    teens: np.ndarray
    merchants: np.ndarray
    merchant_mcc: np.ndarray
    shared: dict[str, np.ndarray] = field(default_factory=dict)  # ATMs, platforms, airlines


MERCHANT_MCC = ["5411", "5812", "5814", "5499", "5541", "5311", "5912", "4121", "5999", "5732"]
MERCHANT_NAMES = {"5411": "Mydin", "5812": "Restoran", "5814": "Kedai Makan",
                  "5499": "Kedai Runcit", "5541": "Petronas", "5311": "Aeon", "5912": "Farmasi",
                  "4121": "e-hailing",
                  "5999": "Pasar Malam", "5732": "Elektronik"}  # fmt: skip


def make_pool(lg: Ledger, n_cust: int) -> Pool:
    rng = lg.rng
    eths = list(ETH_MIX)
    p = np.array(list(ETH_MIX.values()))
    eth = rng.choice(len(eths), size=n_cust, p=p / p.sum())
    male = rng.random(n_cust) < 0.55
    migrant = np.isin(eth, [eths.index(e) for e in ("indo", "bangla", "nepali", "burmese")])
    male = np.where(migrant, rng.random(n_cust) < 0.75, male)
    birth = rng.integers(1955, 2006, n_cust)
    birth = np.where(migrant, rng.integers(1980, 2005, n_cust), birth)
    idx = np.empty(n_cust, dtype=np.int64)
    for k, e in enumerate(eths):
        sel = np.flatnonzero(eth == k)
        if len(sel) == 0:
            continue
        nm = names(rng, e, male[sel])
        idx[sel] = lg.accounts(len(sel), "601", "MY", "retail", nm, True, male[sel], birth[sel])
    n_teen = max(50, n_cust // 30)
    tmale = rng.random(n_teen) < 0.5
    teth = rng.choice(["malay", "chinese", "indian"], n_teen, p=[0.7, 0.22, 0.08])
    tnames = np.empty(n_teen, dtype=object)
    for e in ("malay", "chinese", "indian"):
        sel = teth == e
        tnames[sel] = names(rng, e, tmale[sel])
    teens = lg.accounts(n_teen, "60J", "MY", "teen", tnames, True, tmale,
                        rng.integers(2008, 2012, n_teen))  # fmt: skip
    n_m = max(100, n_cust // 40)
    mcc = np.array(MERCHANT_MCC, dtype=object)[rng.integers(0, len(MERCHANT_MCC), n_m)]
    mnames = np.array([f"{MERCHANT_NAMES[c]} {i % 997}" for i, c in enumerate(mcc)], object)
    merchants = lg.accounts(n_m, "MQR", "MY", "merchant", mnames, False, digits=8)
    activity = rng.lognormal(0, 1.0, n_cust)
    pool = Pool(idx, eth, male, birth, activity / activity.sum(), teens, merchants, mcc)
    # Counterparties everyone shares, benign customers and planted actors alike.
    n_atm = max(5, n_cust // 800)
    pool.shared["atm"] = lg.accounts(n_atm, "ATM-MY-", "MY", "atm", np.array(
        [f"ATM {i}" for i in range(n_atm)], object), False, digits=5)  # fmt: skip
    pool.shared["platform"] = lg.accounts(5, "MCO", "US", "merchant", np.array(
        ["CamPlatform Inc", "FanSub Ltd", "LiveTok Coins", "VPN Secure", "PrivShield VPN"],
        object), False, digits=6)  # fmt: skip
    pool.shared["game"] = lg.accounts(5, "MCO", "SG", "merchant", np.array(
        ["Razer Gold", "Garena Shells", "Google Play", "Steam Wallet", "GiftCard Hub"], object),
        False, digits=6)  # fmt: skip
    pool.shared["agent"] = lg.accounts(
        max(3, n_cust // 2000),
        "AGT",
        "MY",
        "cash_agent",
        np.array([f"Ejen Tunai {i}" for i in range(max(3, n_cust // 2000))], object),
        False,
        digits=6,
    )
    pool.shared["airline"] = lg.accounts(3, "MCA", "MY", "merchant", np.array(
        ["AirAsia", "Malaysia Airlines", "Batik Air"], object), False, digits=6)  # fmt: skip
    # Families share a phone: ~3% of customers log in from a relative's device.
    dev = lg.column("device")
    k = max(1, n_cust // 33)
    dev[rng.choice(idx, k, replace=False)] = dev[rng.choice(idx, k)]
    return pool


def draw(rng: Rng, pool: Pool, n: int) -> np.ndarray:
    return pool.idx[rng.choice(len(pool.idx), size=n, p=pool.activity)]


def of_eth(pool: Pool, eth: str) -> np.ndarray:
    return pool.idx[pool.eth == list(ETH_MIX).index(eth)]


def pop_qr_retail(lg: Ledger, pool: Pool, n: int) -> None:
    rng = lg.rng
    s = draw(rng, pool, n)
    m = rng.integers(0, len(pool.merchants), n)
    usd = rng.lognormal(np.log(6), 0.9, n)
    lg.add(s, pool.merchants[m], rng.integers(0, DAYS, n), hours_from(rng, DAY, n),
           round_to(in_currency(usd, "MYR"), [5, 10, 20, 50], rng, 0.15), "MYR",
           pick(rng, ["ewallet", "ewallet", "card"], n), "", pool.merchant_mcc[m])  # fmt: skip


def pop_domestic_p2p(lg: Ledger, pool: Pool, n: int) -> None:
    """DuitNow transfers between customers and to other banks' accounts."""
    rng = lg.rng
    s = draw(rng, pool, n)
    n_ext = max(1, len(pool.idx) // 6)
    ext = lg.accounts(n_ext, "DNX", "MY", "other_bank", names(rng, "malay", rng.random(n_ext) < .5),
                      False, digits=12)  # fmt: skip
    r = np.where(rng.random(n) < 0.7, draw(rng, pool, n), ext[rng.integers(0, n_ext, n)])
    r = np.where(r == s, ext[rng.integers(0, n_ext, n)], r)
    usd = rng.lognormal(np.log(25), 1.1, n)
    lg.add(s, r, rng.integers(0, DAYS, n), hours_from(rng, EVENING, n),
           round_to(in_currency(usd, "MYR"), [10, 20, 30, 50, 100, 150, 200, 300, 500, 1000], rng,
                    0.55), "MYR", pick(rng, ["ewallet", "bank", "bank"], n),
           pick(rng, MEMO_P2P, n))  # fmt: skip


def pop_bills_payroll(lg: Ledger, pool: Pool, n: int) -> None:
    rng = lg.rng
    billers = lg.accounts(12, "BLR", "MY", "biller",
                          np.array(["TNB", "Air Selangor", "Unifi", "Maxis", "Celcom", "Astro",
                                    "PTPTN", "LHDN", "Indah Water", "Digi", "Syabas", "SAJ"],
                                   dtype=object), False, digits=6)  # fmt: skip
    nb = int(n * 0.6)
    s = draw(rng, pool, nb)
    lg.add(s, billers[rng.integers(0, 12, nb)], payday_days(rng, nb), hours_from(rng, DAY, nb),
           np.round(in_currency(rng.lognormal(np.log(30), 0.6, nb), "MYR"), 2), "MYR",
           pick(rng, ["bank", "ewallet"], nb), pick(rng, ["bil", "", "account 88"], nb),
           pick(rng, ["4900", "4814", "4899", "9311"], nb))  # fmt: skip
    npay = n - nb
    n_emp = max(5, len(pool.idx) // 400)
    emp = lg.accounts(
        n_emp,
        "EMP",
        "MY",
        "employer",
        np.array([f"Syarikat {i} Sdn Bhd" for i in range(n_emp)], object),
        False,
        8,
    )
    workers = draw(rng, pool, max(1, npay // 10))
    w = workers[rng.integers(0, len(workers), npay)]
    e = emp[w % n_emp]
    lg.add(e, w, payday_days(rng, npay), np.full(npay, 10),
           np.round(in_currency(rng.lognormal(np.log(700), 0.5, npay), "MYR"), 2), "MYR", "bank",
           "GAJI")  # fmt: skip


def pop_migrant_remit(lg: Ledger, pool: Pool, n: int, night_shift: bool = False) -> None:
    """Migrant workers paying family at home near payday (item 3's corridors, reversed).

    night_shift: a hard negative, factory workers paying 2-5 relatives small round sums at
    22:00-02:00, sisters under married names, so no surname match (item 4's look-alike)."""
    rng = lg.rng
    corridors = {"ID": ("indo", 0.40), "BD": ("bangla", 0.22), "NP": ("nepali", 0.16),
                 "MM": ("burmese", 0.10), "PH": ("filipino", 0.12)}  # fmt: skip
    for dest, (eth, share) in corridors.items():
        k = int(n * share)
        senders_all = of_eth(pool, eth)
        if k == 0 or len(senders_all) == 0:
            continue
        per = 10 if not night_shift else 30
        ns = max(1, min(len(senders_all), k // per))
        senders = rng.choice(senders_all, ns, replace=False)
        nrec = rng.integers(2, 6, ns) if night_shift else rng.integers(1, 4, ns)
        owner = np.repeat(np.arange(ns), nrec)
        male = rng.random(len(owner)) < 0.4
        sname = lg.column("name")[senders]
        fam = family_key(sname, eth)[owner]
        match = rng.random(len(owner)) < (0.15 if night_shift else 0.6)
        other = family_key(names(rng, eth, male), eth)
        rnames = names(rng, eth, male, np.where(match, fam, other).astype(object))
        fam_pop = "night_shift_family" if night_shift else "migrant_family"
        recs = beneficiaries(lg, dest, fam_pop, rnames, hard=night_shift)
        first = np.concatenate([[0], np.cumsum(nrec)[:-1]])
        i = rng.integers(0, ns, k)
        r = recs[first[i] + (rng.integers(0, 99, k) % nrec[i])]
        s = senders[i]
        if night_shift:
            usd = rng.lognormal(np.log(45), 0.5, k)
            days = rng.integers(0, DAYS, k)
            hrs = hours_from(rng, SHIFT, k)
            amt = round_to(in_currency(usd, "MYR"), [50, 100, 150, 200, 250, 300], rng, 0.85)
        else:
            usd = rng.lognormal(np.log(230), 0.6, k)
            if dest == "NP":  # Dashain (early October) sends a year's biggest sums home
                usd = np.where(rng.random(k) < 0.15, usd * 2.2, usd)
            days = payday_days(rng, k)
            if dest == "NP":
                days = np.where(rng.random(k) < 0.12, rng.integers(262, 276, k), days)
            hrs = hours_from(rng, EVENING, k)
            amt = round_to(in_currency(usd, "MYR"), [300, 500, 800, 1000, 1500, 2000], rng, 0.5)
        cur = np.where(rng.random(k) < 0.85, "MYR", CUR_OF[dest]).astype(object)
        amt = np.where(cur == "MYR", amt, np.round(amt * USD_PER["MYR"] / USD_PER[CUR_OF[dest]]))
        lg.add(s, r, days, hrs, amt, cur, pick(rng, ["msb", "ewallet", "bank"], k),
               pick(rng, MEMO_REMIT[dest], k))  # fmt: skip
        if night_shift:
            lg.column("hard")[senders] = True
            lg.column("population")[senders] = "night_shift_remitter"


def pop_inbound_family(lg: Ledger, pool: Pool, n: int) -> None:
    """Malaysians working in SG, the Gulf, AU, GB and elsewhere paying family at home."""
    rng = lg.rng
    mix = {"SG": 0.55, "AE": 0.1, "SA": 0.08, "AU": 0.1, "GB": 0.07, "US": 0.04, "KR": 0.03,
           "JP": 0.03}  # fmt: skip
    for c, share in mix.items():
        k = int(n * share)
        if k == 0:
            continue
        ns = max(1, k // 12)
        eth = rng.choice(["malay", "chinese", "indian"], p=[0.55, 0.35, 0.10])
        kin = of_eth(pool, eth)
        r0 = rng.choice(kin, ns)
        fam = family_key(lg.column("name")[r0], eth)
        male = rng.random(ns) < 0.6
        nm = names(rng, eth, male, np.where(rng.random(ns) < 0.6, fam, family_key(
            names(rng, eth, male), eth)))  # fmt: skip
        s = lg.accounts(ns, f"{c}:PRT:", c, "overseas_malaysian", nm, False, digits=9)
        i = rng.integers(0, ns, k)
        usd = rng.lognormal(np.log(250), 0.7, k)
        lg.add(s[i], r0[i], payday_days(rng, k), hours_from(rng, EVENING, k),
               nice_local(usd, CUR_OF[c], rng, 0.6), CUR_OF[c], pick(rng, ["bank", "msb"], k),
               pick(rng, ["for mak", "belanja rumah", "duit ayah", "", "", "family"], k),
               show_local=True)  # fmt: skip


def pop_card(lg: Ledger, pool: Pool, n: int, tourists: bool) -> None:
    """Card spend: online/domestic, or (tourists, a hard negative for T4) trips to TH/ID/PH."""
    rng = lg.rng
    if not tourists:
        online = lg.accounts(
            20,
            "MCO",
            "MY",
            "merchant",
            np.array([f"Online Store {i}" for i in range(20)], object),
            False,
            6,
        )
        n_atm = n // 6  # cash withdrawals at the group's and shared ATMs
        atm = pool.shared["atm"]
        lg.add(draw(rng, pool, n_atm), atm[rng.integers(0, len(atm), n_atm)],
               payday_days(rng, n_atm), hours_from(rng, DAY, n_atm),
               rng.choice([50.0, 100.0, 200.0, 300.0, 500.0], n_atm), "MYR", "card", "",
               "6011")  # fmt: skip
        n -= n_atm
        n_ag = n // 8  # wallet cash-outs at agent counters (shops, post offices)
        ag = pool.shared["agent"]
        lg.add(draw(rng, pool, n_ag), ag[rng.integers(0, len(ag), n_ag)],
               payday_days(rng, n_ag), hours_from(rng, EVENING, n_ag),
               rng.choice([50.0, 100.0, 200.0, 300.0, 500.0], n_ag), "MYR", "msb",
               pick(rng, ["cash out", "", "tunai"], n_ag))  # fmt: skip
        n -= n_ag
        s = draw(rng, pool, n)
        m = rng.integers(0, 20, n)
        lg.add(
            s,
            online[m],
            rng.integers(0, DAYS, n),
            hours_from(rng, EVENING, n),
            np.round(in_currency(rng.lognormal(np.log(20), 1.0, n), "MYR"), 2),
            "MYR",
            "card",
            "",
            pick(rng, ["5311", "5732", "5691", "5816", "4816", "5734", "7832"], n),
        )
        return
    ntrip = max(1, n // 14)
    trav = draw(rng, pool, ntrip)
    dest = rng.choice(["TH", "ID", "PH"], ntrip, p=[0.5, 0.35, 0.15])
    town = {"TH": ["Bangkok", "Phuket", "Hat Yai", "Krabi"], "ID": ["Bali", "Jakarta", "Bandung",
            "Medan"], "PH": ["Cebu", "Boracay", "Manila", "Palawan"]}  # fmt: skip
    start = rng.integers(0, DAYS - 10, ntrip)
    length = rng.integers(3, 8, ntrip)
    per = rng.integers(8, 20, ntrip)
    t = np.repeat(np.arange(ntrip), per)
    k = len(t)
    d = dest[t]
    mer_names = np.array([f"{rng.choice(['Hotel', 'Cafe', 'Mart', 'Spa', 'Resort'])} "
                          f"{rng.choice(town[x])}" for x in d], dtype=object)  # fmt: skip
    mers = np.empty(k, dtype=np.int64)
    for c in ("TH", "ID", "PH"):
        sel = d == c
        mers[sel] = lg.accounts(int(sel.sum()), f"MC-{c}-", c, "merchant", mer_names[sel], False,
                                digits=8)  # fmt: skip
    mcc = pick(rng, ["5812", "7011", "5411", "7299", "6011", "4121", "5944"], k)
    usd = np.where(mcc == "6011", rng.choice([60, 90, 150], k), rng.lognormal(np.log(30), 0.9, k))
    cur = np.array([CUR_OF[x] for x in d], dtype=object)
    amt = np.array([round(u / USD_PER[c], 0) for u, c in zip(usd, cur, strict=True)])
    lg.add(trav[t], mers, start[t] + rng.integers(0, 99, k) % length[t], hours_from(rng, DAY, k),
           amt, cur, "card", "", mcc, local_tz=np.array([TZ_OF[x] for x in d]))  # fmt: skip
    air = pool.shared["airline"]
    lg.add(trav, air[rng.integers(0, len(air), ntrip)], np.maximum(0, start - rng.integers(
           5, 60, ntrip)), hours_from(rng, EVENING, ntrip), np.round(rng.uniform(300, 1800, ntrip),
           2), "MYR", "card", "", "4511")  # fmt: skip
    lg.column("hard")[trav] = True
    lg.column("population")[trav] = "tourist"


def pop_fan_in(
    lg: Ledger,
    pool: Pool,
    n: int,
    population: str,
    n_recv: int,
    foreign_share: float,
    usd_med: float,
    profile: np.ndarray,
    memos: Sequence[str],
    p_round: float,
    cashout: float,
    weekday_boost: bool = False,
    mcc: Sequence[str] = ("",),
    payers: int = 40,
) -> None:
    """Many payers -> one own-customer receiver, some of them from abroad, then spent on.

    Used for hard negatives that share item 5's shape: tahfiz donations, live-selling shops,
    freelancers paid by foreign clients, adult creators paid by fans, medical crowdfunding."""
    rng = lg.rng
    rec = rng.choice(pool.idx, n_recv, replace=False)
    lg.column("hard")[rec] = True
    lg.column("population")[rec] = population
    k_in = int(n * (1 - cashout * 0.3))
    w = rng.pareto(1.2, n_recv) + 1
    ri = rng.choice(n_recv, k_in, p=w / w.sum())
    foreign = rng.random(k_in) < foreign_share
    nf = int(foreign.sum())
    s = draw(rng, pool, k_in)
    days = rng.integers(0, DAYS, k_in)
    if weekday_boost:  # 2025-01-01 is a Wednesday; Thursday nights (malam Jumaat)
        thu = days - ((days - 1) % 7)
        days = np.where(rng.random(k_in) < 0.35, np.clip(thu, 0, DAYS - 1), days)
    hrs = hours_from(rng, profile, k_in)
    usd = rng.lognormal(np.log(usd_med), 0.7, k_in)
    amt = round_to(in_currency(usd, "MYR"), [5, 10, 20, 30, 50, 100, 200], rng, p_round)
    lg.add(
        s[~foreign],
        rec[ri[~foreign]],
        days[~foreign],
        hrs[~foreign],
        amt[~foreign],
        "MYR",
        pick(rng, ["ewallet", "ewallet", "bank"], k_in - nf),
        pick(rng, memos, k_in - nf, 0.4),
        pick(rng, mcc, k_in - nf),
    )
    if nf:
        # each receiver has its own circle of foreign payers (a freelancer's few clients,
        # a tahfiz school's many donors), each payer in one country
        key = ri[foreign] * payers + rng.integers(0, payers, nf)
        uniq, inv = np.unique(key, return_inverse=True)
        cu = rng.choice(INBOUND, len(uniq))
        payer = np.empty(len(uniq), dtype=np.int64)
        for c in np.unique(cu):
            su = cu == c
            na = int(su.sum())
            eth = ETH_MIX_FOREIGN.get(str(c), "west")
            payer[su] = lg.accounts(na, f"{c}:PRT:", str(c), f"{population}_payer",
                                    names(rng, eth, rng.random(na) < 0.7), False, digits=9,
                                    hard=True)  # fmt: skip
        cs = cu[inv]
        fs_all = payer[inv]
        for c in np.unique(cs):
            sel = cs == c
            m = int(sel.sum())
            lg.add(fs_all[sel], rec[ri[foreign][sel]], days[foreign][sel],
                   hours_from(rng, profile, m),
                   nice_local(usd[foreign][sel], CUR_OF[str(c)], rng, p_round), CUR_OF[str(c)],
                   pick(rng, ["bank", "msb"], m), pick(rng, memos, m, 0.4),
                   show_local=True)  # fmt: skip
    k_out = n - k_in
    if k_out > 0:  # spent on: suppliers, ATM, rent (share `cashout` fast, like item 12's)
        src = rng.integers(0, k_in, k_out)  # money out follows money in, often within 48 h
        ro = rec[ri[src]]
        fast = rng.random(k_out) < cashout
        sup = lg.accounts(max(1, n_recv), "SUP", "MY", "supplier",
                          np.array([f"Pembekal {i}" for i in range(max(1, n_recv))], object),
                          False, digits=8)  # fmt: skip
        lg.add(
            ro,
            sup[rng.integers(0, len(sup), k_out)],
            np.where(fast, days[src] + rng.integers(0, 3, k_out), rng.integers(0, DAYS, k_out)),
            hours_from(rng, DAY, k_out),
            np.round(in_currency(rng.lognormal(np.log(usd_med * 8), 0.6, k_out), "MYR"), 2),
            "MYR",
            "bank",
            pick(rng, ["stok", "sewa", "gaji", "bekalan", ""], k_out),
        )


ETH_MIX_FOREIGN = {"SG": "chinese", "AU": "west", "GB": "west", "US": "west", "KR": "korean",
                   "JP": "japanese", "AE": "arab", "SA": "arab"}  # fmt: skip


def pop_fan_out(lg: Ledger, pool: Pool, n: int, kind: str) -> None:
    """One payer -> many receivers: duit raya / ang pau / Deepavali rounds (some to teens'
    wallets), an agent remittance counter paying many migrants' families, gig platforms."""
    rng = lg.rng
    if kind == "gift":
        ns = max(1, n // 12)
        s = draw(rng, pool, ns)
        lg.column("hard")[s] = True
        lg.column("population")[s] = "gift_round"
        per = rng.integers(3, 25, ns)
        i = np.repeat(np.arange(ns), per)
        k = len(i)
        fest = rng.choice([28, 89, 292], ns, p=[0.3, 0.55, 0.15])  # CNY, Hari Raya, Deepavali
        r = np.where(rng.random(k) < 0.35, pool.teens[rng.integers(0, len(pool.teens), k)],
                     draw(rng, pool, k))  # fmt: skip
        amt = rng.choice([10, 20, 30, 50, 100, 50, 20, 10, 88, 168], k)
        memo = np.where(
            fest[i] == 28,
            pick(rng, ["ang pau", "gong xi fa cai", "hongbao", ""], k),
            pick(rng, ["duit raya", "selamat hari raya", "raya", "", "deepavali"], k),
        )
        lg.add(s[i], r, fest[i] + rng.integers(-3, 12, k), hours_from(rng, EVENING, k), amt,
               "MYR", "ewallet", memo)  # fmt: skip
        return
    if kind == "agent":
        na = max(1, n // 400)
        agents = lg.accounts(na, "AGT", "MY", "agent_counter",
                             np.array([f"Kaunter Kiriman {i}" for i in range(na)], object),
                             False, digits=6, hard=True)  # fmt: skip
        n_cash = n // 5  # wallet cash-outs at the same counters on payday
        n -= n_cash
        dest = rng.choice(["ID", "BD", "NP", "MM"], n, p=[0.35, 0.3, 0.2, 0.15])
        r = np.empty(n, dtype=np.int64)
        for c in ("ID", "BD", "NP", "MM"):
            sel = dest == c
            m = int(sel.sum())
            nb = max(1, m // 4)  # walk-in regulars send to the same families again
            fam = beneficiaries(
                lg,
                c,
                "agent_beneficiary",
                names(rng, ETH_OF_DEST[c], rng.random(nb) < 0.5),
                hard=True,
            )
            r[sel] = fam[rng.integers(0, nb, m)]
        lg.add(draw(rng, pool, n_cash), agents[rng.integers(0, na, n_cash)],
               payday_days(rng, n_cash), hours_from(rng, EVENING, n_cash),
               rng.choice([100.0, 200.0, 300.0, 500.0, 1000.0], n_cash), "MYR", "msb",
               pick(rng, ["cash out", "", "tunai"], n_cash))  # fmt: skip
        usd = rng.lognormal(np.log(120), 0.6, n)
        lg.add(agents[rng.integers(0, na, n)], r, payday_days(rng, n), hours_from(rng, SHIFT, n),
               round_to(in_currency(usd, "MYR"), [100, 200, 300, 500, 1000], rng, 0.7), "MYR",
               "msb", pick(rng, ["", "REF ", "walk-in"], n))  # fmt: skip
        return
    plats = lg.accounts(3, "GIG", "MY", "gig_platform",
                        np.array(["RideCo Payouts", "FoodDash MY", "FreelanceHub"], object), False,
                        digits=6, hard=True)  # fmt: skip
    riders = draw(rng, pool, max(1, n // 25))
    r = riders[rng.integers(0, len(riders), n)]
    lg.add(plats[rng.integers(0, 3, n)], r, rng.integers(0, DAYS, n), np.full(n, 2),
           np.round(in_currency(rng.lognormal(np.log(25), 0.6, n), "MYR"), 2), "MYR", "bank",
           "payout")  # fmt: skip


ETH_OF_DEST = {"ID": "indo", "BD": "bangla", "NP": "nepali", "MM": "burmese", "PH": "filipino",
               "TH": "thai"}  # fmt: skip
PROVIDERS = {
    "PH": ["PH:GCASH:", "PH:MAYA:", "PH:BDO:", "PH:PALAWAN:"],
    "ID": ["ID:BRI:", "ID:BNI:", "ID:DANA:", "ID:BCA:"],
    "TH": ["TH:PP:", "TH:KBANK:"],
    "BD": ["BD:BKASH:", "BD:NAGAD:", "BD:DBBL:"],
    "NP": ["NP:ESEWA:", "NP:IME:"],
    "MM": ["MM:KPAY:", "MM:WAVE:"],
}


def beneficiaries(lg: Ledger, country: str, population: str, names_: np.ndarray,
                  hard: bool = False) -> np.ndarray:  # fmt: skip
    """Accounts abroad at the corridor's wallets and banks, whoever they belong to."""
    n = len(names_)
    provs = PROVIDERS[country]
    which = lg.rng.integers(0, len(provs), n)
    out = np.empty(n, dtype=np.int64)
    for k, prefix in enumerate(provs):
        sel = which == k
        if sel.any():
            out[sel] = lg.accounts(int(sel.sum()), prefix, country, population, names_[sel],
                                   False, digits=11, hard=hard)  # fmt: skip
    return out


def pop_romance(lg: Ledger, pool: Pool, n: int) -> None:
    """Romance-scam victims: escalating payments to one 'partner' abroad (hard negative)."""
    rng = lg.rng
    nv = max(1, n // 15)
    v = rng.choice(pool.idx[pool.birth < 1980], nv, replace=False)
    lg.column("hard")[v] = True
    lg.column("population")[v] = "romance_victim"
    dest = rng.choice(["PH", "ID", "TH"], nv)
    sc = np.empty(nv, dtype=np.int64)
    for c in ("PH", "ID", "TH"):
        sel = dest == c
        m = int(sel.sum())
        sc[sel] = beneficiaries(
            lg, c, "romance_scammer", names(rng, "west", rng.random(m) < 0.7), hard=True
        )
    per = rng.integers(6, 25, nv)
    i = np.repeat(np.arange(nv), per)
    step = np.concatenate([np.arange(p) for p in per])
    start = rng.integers(0, DAYS - 120, nv)
    usd = 60 * 1.25**step * rng.lognormal(0, 0.3, len(i))
    lg.add(v[i], sc[i], start[i] + step * rng.integers(3, 9, len(i)), hours_from(rng, EVENING,
           len(i)), round_to(in_currency(usd, "MYR"), [100, 200, 500, 1000, 2000, 5000], rng,
           0.6), "MYR", pick(rng, ["bank", "msb", "ewallet"], len(i)),
           pick(rng, ["for visa", "customs fee", "tiket flight", "sayang", "hospital", ""],
                len(i)))  # fmt: skip


def pop_creators(lg: Ledger, pool: Pool, n: int) -> None:
    """Adults paying adult creators/cam models abroad at night, plus platform card spend
    (item 8's webcam/livestream MCCs, legitimately), and MY creators paid by foreign fans."""
    rng = lg.rng
    k1 = int(n * 0.45)
    ncr = max(1, k1 // 30)
    dest = rng.choice(["PH", "TH"], ncr, p=[0.65, 0.35])
    cr = np.empty(ncr, dtype=np.int64)
    for c in ("PH", "TH"):
        sel = dest == c
        m = int(sel.sum())
        cr[sel] = beneficiaries(
            lg, c, "adult_creator", names(rng, ETH_OF_DEST[c], np.zeros(m, bool)), hard=True
        )
    fans = rng.choice(pool.idx[pool.male & (pool.birth < 2000)], max(1, k1 // 6))
    lg.column("hard")[fans] = True
    lg.column("population")[fans] = "creator_fan"
    f = fans[rng.integers(0, len(fans), k1)]
    usd = rng.lognormal(np.log(35), 0.7, k1)
    lg.add(f, cr[rng.integers(0, ncr, k1)], rng.integers(0, DAYS, k1), hours_from(rng, NIGHT, k1),
           round_to(in_currency(usd, "MYR"), [30, 50, 100, 150, 200], rng, 0.7), "MYR",
           pick(rng, ["ewallet", "msb"], k1), pick(rng, ["tip", "@" + "fansonly", "", "", "sub",
           "private session", "custom vid"], k1))  # fmt: skip
    k2 = int(n * 0.25)
    plat = pool.shared["platform"]
    lg.add(fans[rng.integers(0, len(fans), k2)], plat[rng.integers(0, len(plat), k2)],
           rng.integers(0, DAYS, k2), hours_from(rng, NIGHT, k2),
           np.round(rng.lognormal(np.log(15), 0.6, k2), 2), "USD", "card", "",
           pick(rng, ["5967", "5815", "4816", "5734"], k2))  # fmt: skip
    pop_fan_in(
        lg,
        pool,
        n - k1 - k2,
        "adult_creator",
        max(1, (n - k1 - k2) // 150),
        0.6,
        25,
        NIGHT,
        ["tip", "for the show", "sub", "", "custom", "@" + "her.page"],
        0.7,
        0.8,
        mcc=("5967", ""),
    )


def pop_students(lg: Ledger, pool: Pool, n: int) -> None:
    """Parents paying a child studying in Indonesia (Malay patronymics: no surname match), and
    Bangladeshi/Nepali/Malay parents in the Gulf paying a student child in MY (young receiver,
    foreign adult payer: T7's look-alike)."""
    rng = lg.rng
    k1 = n // 2
    npar = max(1, k1 // 20)
    par = rng.choice(of_eth(pool, "malay"), npar)
    lg.column("hard")[par] = True
    lg.column("population")[par] = "student_sponsor"
    kids = beneficiaries(
        lg,
        "ID",
        "student_abroad",
        names(rng, "malay", rng.random(npar) < 0.4, family_key(lg.column("name")[par], "malay")),
        hard=True,
    )
    i = rng.integers(0, npar, k1)
    usd = np.where(rng.random(k1) < 0.4, rng.lognormal(np.log(300), 0.4, k1),
                   rng.lognormal(np.log(40), 0.5, k1))  # fmt: skip
    lg.add(
        par[i],
        kids[i],
        np.where(usd > 150, payday_days(rng, k1), rng.integers(0, DAYS, k1)),
        hours_from(rng, EVENING, k1),
        round_to(in_currency(usd, "MYR"), [50, 100, 200, 500, 1000, 1500], rng, 0.8),
        "MYR",
        pick(rng, ["bank", "ewallet"], k1),
        pick(rng, ["yuran", "duit belanja", "sewa kos", "buku", "", "makan"], k1),
    )
    k2 = n - k1
    nst = max(1, k2 // 15)
    stu = rng.choice(pool.idx[pool.birth >= 2002], nst)
    lg.column("hard")[stu] = True
    lg.column("population")[stu] = "student"
    c = rng.choice(["AE", "SA"], nst)
    pm = np.empty(nst, dtype=np.int64)
    for cc in ("AE", "SA"):
        sel = c == cc
        m = int(sel.sum())
        eth = rng.choice(["bangla", "nepali", "malay"])
        pm[sel] = lg.accounts(m, f"{cc}:PRT:", cc, "gulf_parent", names(rng, eth, np.ones(m, bool)),
                              False, digits=9, hard=True)  # fmt: skip
    i = rng.integers(0, nst, k2)
    usd = rng.lognormal(np.log(110), 0.6, k2)
    cur = np.array([CUR_OF[x] for x in c[i]], dtype=object)
    amt = np.array([round(u / USD_PER[x] / 50) * 50 for u, x in zip(usd, cur, strict=True)])
    lg.add(pm[i], stu[i], rng.integers(0, DAYS, k2), hours_from(rng, NIGHT * 0.5 + EVENING * 0.5,
           k2), np.maximum(amt, 50), cur, pick(rng, ["msb", "bank"], k2),
           pick(rng, ["university fee", "hostel", "books", "pocket money", ""], k2),
           show_local=True)  # fmt: skip


def pop_small_hard(lg: Ledger, pool: Pool, n: int) -> None:
    """Umrah savings, teens' game top-ups and QR snacks, medical-bill crowdfunding."""
    rng = lg.rng
    k1 = n // 4
    agency = lg.accounts(
        5,
        "TRV",
        "MY",
        "merchant",
        np.array(
            ["Andalusia Travel", "Tabung Umrah", "Safa Tours", "Al-Hijrah Umrah", "Mabruk Travel"],
            object,
        ),
        False,
        digits=6,
    )
    savers = draw(rng, pool, max(1, k1 // 10))
    lg.column("hard")[savers] = True
    lg.column("population")[savers] = "umrah_saver"
    lg.add(
        savers[rng.integers(0, len(savers), k1)],
        agency[rng.integers(0, 5, k1)],
        payday_days(rng, k1),
        hours_from(rng, NIGHT * 0.4 + EVENING * 0.6, k1),
        rng.choice([100.0, 200.0, 300.0, 500.0], k1),
        "MYR",
        "bank",
        pick(rng, ["simpanan umrah", "ansuran pakej", "deposit umrah", "umrah"], k1),
        "4722",
    )
    k2 = n // 2
    t = pool.teens[rng.integers(0, len(pool.teens), k2)]
    games = pool.shared["game"]
    bursty = rng.random(k2) < 0.5
    lg.add(t, np.where(bursty, games[rng.integers(0, len(games), k2)],
                       pool.merchants[rng.integers(0, len(pool.merchants), k2)]),
           rng.integers(0, DAYS, k2), hours_from(rng, EVENING, k2),
           np.where(bursty, rng.choice([10.0, 20.0, 30.0, 50.0, 100.0], k2),
                    np.round(rng.lognormal(np.log(8), 0.5, k2), 2)), "MYR",
           pick(rng, ["ewallet", "card"], k2), "",
           np.where(bursty, "5816", "5814").astype(object))  # fmt: skip
    lg.column("hard")[pool.teens] = True
    pop_fan_in(lg, pool, n - k1 - k2, "medical_crowdfund", max(1, (n - k1 - k2) // 300), 0.15, 15,
               EVENING, ["bil hospital anak", "pembedahan jantung adik", "get well soon", "derma",
                         "medical bills", "semoga sembuh"], 0.8, 0.9, mcc=("8398", ""))  # fmt: skip


def crypto_amount(usd: np.ndarray, cur: np.ndarray) -> np.ndarray:
    """USDT to the cent, BTC to the satoshi."""
    return np.where(cur == "BTC", np.round(usd / USD_PER["BTC"], 8), np.round(usd, 2))


def pop_crypto(lg: Ledger, pool: Pool, n: int) -> np.ndarray:
    """Crypto traders: buy at a MY exchange, send USDT to exchanges/own wallets offshore."""
    rng = lg.rng
    ex = lg.accounts(
        3,
        "VASP",
        "MY",
        "exchange",
        np.array(["Luno MY", "Tokenize MY", "MX Global MY"], object),
        False,
        digits=6,
    )
    tr = draw(rng, pool, max(1, n // 15))
    lg.column("population")[tr] = "crypto_trader"
    k1 = n // 2
    lg.add(tr[rng.integers(0, len(tr), k1)], ex[rng.integers(0, 3, k1)], rng.integers(0, DAYS, k1),
           hours_from(rng, EVENING, k1),
           round_to(in_currency(rng.lognormal(np.log(300), 1.0, k1), "MYR"), [100, 500, 1000,
                    5000], rng, 0.6), "MYR", "bank", "", "6051")  # fmt: skip
    k2 = n - k1
    na = max(2, k2 // 8)
    addr = np.concatenate(
        [
            lg.accounts(
                na // 2,
                "T",
                "SC",
                "offshore_address",
                np.full(na // 2, "", object),
                False,
                digits=33,
            ),
            lg.accounts(
                na - na // 2,
                "bc1q",
                "VG",
                "offshore_address",
                np.full(na - na // 2, "", object),
                False,
                digits=38,
            ),
        ]
    )
    cur = pick(rng, ["USDT"] * 8 + ["BTC", "BTC"], k2)
    lg.add(
        tr[rng.integers(0, len(tr), k2)],
        addr[rng.integers(0, len(addr), k2)],
        rng.integers(0, DAYS, k2),
        hours_from(rng, FLAT, k2),
        crypto_amount(rng.lognormal(np.log(250), 1.0, k2), cur),
        cur,
        "crypto",
    )
    return ex


# --- planted typologies -------------------------------------------------------------------


def band_usd(rng: Rng, n: int) -> np.ndarray:
    """Item 1: USD 10-200, peak 15-100; a few drift to 200-300 (design (d) stress test)."""
    u = rng.random(n)
    lo = np.where(u < 0.7, 15.0, np.where(u < 0.93, 10.0, 150.0))
    hi = np.where(u < 0.7, 100.0, np.where(u < 0.93, 200.0, 300.0))
    return np.exp(rng.uniform(np.log(lo), np.log(hi)))


MYR_STEPS = [30, 40, 50, 60, 70, 80, 100, 120, 150, 200, 250, 300, 400, 500, 600, 800, 1000]


@dataclass
class Plant:
    """Budgeted planting of T1-T7: keeps the offenders' pairs and hubs for the lone rows."""

    lg: Ledger
    pool: Pool
    exchanges: np.ndarray
    pairs: list[tuple[int, int, int]] = field(default_factory=list)  # sender, receiver, typ
    hubs_my: list[int] = field(default_factory=list)  # own customers receiving from abroad
    recv_abroad: list[int] = field(default_factory=list)  # facilitators abroad
    used: dict[int, int] = field(default_factory=dict)
    receivers: dict[int, set[int]] = field(default_factory=dict)

    @property
    def rng(self) -> Rng:
        return self.lg.rng

    def add(self, typ: int, s: np.ndarray, r: np.ndarray, **kw: object) -> None:
        self.lg.add(s, r, typ=typ, **kw)  # type: ignore[arg-type]
        self.used[typ] = self.used.get(typ, 0) + len(s)
        self.receivers.setdefault(typ, set()).update(int(x) for x in r)

    def men(self, n: int, young: bool = False) -> np.ndarray:
        """Adult men among the customers, expats over-represented (regional demand)."""
        p = self.pool
        eths = [list(ETH_MIX).index(e) for e in ("malay", "chinese", "indian", "west", "korean",
                                                 "japanese")]  # fmt: skip
        ok = p.male & np.isin(p.eth, eths) & ((p.birth > 1985) if young else (p.birth < 1995))
        w = np.where(np.isin(p.eth, eths[3:]), 12.0, 1.0)[ok]
        return self.rng.choice(p.idx[ok], n, replace=False, p=w / w.sum())

    def abroad(self, n: int, countries: Sequence[str], p: Sequence[float], population: str,
               female: float = 0.85) -> np.ndarray:  # fmt: skip
        rng = self.rng
        cs = rng.choice(list(countries), n, p=list(p))
        out = np.empty(n, dtype=np.int64)
        for c in np.unique(cs):
            sel = cs == c
            m = int(sel.sum())
            out[sel] = beneficiaries(
                self.lg, str(c), population, names(rng, ETH_OF_DEST[str(c)], rng.random(m) > female)
            )
        return out

    def foreign(self, n: int, countries: Sequence[str] | None = None) -> np.ndarray:
        rng = self.rng
        cs = rng.choice(countries or INBOUND, n)
        out = np.empty(n, dtype=np.int64)
        for c in np.unique(cs):
            sel = cs == c
            m = int(sel.sum())
            out[sel] = self.lg.accounts(m, f"{c}:PRT:", str(c), "osaec",
                                        names(rng, ETH_MIX_FOREIGN[str(c)], np.ones(m, bool)),
                                        False, digits=9)  # fmt: skip
        return out

    def memo_style(self, n: int, dest: str) -> np.ndarray:
        """Item 6: cover words, @handles, or nothing, in a per-offender mix."""
        rng = self.rng
        w = rng.dirichlet([2.0, 1.5, 0.8, 0.6])
        kind = rng.choice(4, n, p=w)
        cover = pick(rng, MEMO_COVER.get(dest, MEMO_COVER["PH"]), n)
        handle = pick(rng, HANDLES, n)
        plain = pick(rng, ["tq", "ok", "for u", "again", "thanks po"], n)
        out = np.where(kind == 1, cover, np.where(kind == 2, handle, plain))
        return np.where(kind == 0, "", out).astype(object)

    def sessions(self, n: int, start: int, length: int) -> tuple[np.ndarray, np.ndarray]:
        """Days and local hours of n payments in night bursts (item 2's cadence, item 7)."""
        rng = self.rng
        n_sess = max(1, int(np.ceil(n / rng.uniform(1.0, 2.5))))
        sd = np.sort(start + rng.integers(0, max(1, length), n_sess))
        sh = hours_from(rng, NIGHT, n_sess)
        which = np.sort(rng.integers(0, n_sess, n))
        which[:n_sess] = np.arange(min(n, n_sess))
        which = np.sort(which)
        return sd[which], (sh[which] + (rng.random(n) < 0.3)) % 24

    def pay_out(self, typ: int, s: int, recv: np.ndarray, n: int, start: int, length: int,
                dest: str) -> None:  # fmt: skip
        """n payments from an own customer in MY to receivers abroad, new receivers over time."""
        rng = self.rng
        if n <= 0:
            return
        days, hrs = self.sessions(n, start, length)
        # receiver j becomes active at fraction j/len of the relationship (design (d) T1)
        k = len(recv)
        act = (np.arange(k) / k * length * 0.8).astype(int) + start
        j = np.array([rng.integers(0, max(1, int((act <= d).sum()))) for d in days])
        usd = band_usd(rng, n)
        amt = round_to(in_currency(usd, "MYR"), MYR_STEPS, rng, rng.uniform(0.6, 0.95))
        cur = np.where(rng.random(n) < 0.88, "MYR", CUR_OF[dest]).astype(object)
        amt = np.where(cur == "MYR", amt, np.round(usd / USD_PER[CUR_OF[dest]], 0))
        chan = rng.choice(["ewallet", "msb", "bank"], p=[0.5, 0.3, 0.2])
        ch = np.where(rng.random(n) < 0.8, chan, pick(rng, ["ewallet", "msb", "bank"], n))
        self.add(
            typ,
            np.full(n, s),
            recv[j],
            day=days,
            hours=hrs,
            amount=amt,
            currency=cur,
            channel=ch.astype(object),
            memo=self.memo_style(n, dest),
        )
        for rr in np.unique(recv[j]):
            self.pairs.append((s, int(rr), typ))

    def ancillary(self, s: int) -> None:
        """Item 8: VPN / livestream-platform card spend (benign rows of a positive actor)."""
        rng = self.rng
        k = int(rng.integers(0, 5))
        if k == 0:
            return
        plat = self.pool.shared["platform"]
        self.lg.add(np.full(k, s), plat[rng.integers(0, len(plat), k)], rng.integers(0, DAYS, k),
                    hours_from(rng, NIGHT, k), np.round(rng.uniform(5, 30, k), 2), "USD", "card",
                    "", pick(rng, ["4816", "5734", "5967"], k))  # fmt: skip

    # T1 ----------------------------------------------------------------------------------
    def t1(self, budget: int) -> None:
        rng, lg = self.rng, self.lg
        while self.used.get(1, 0) < budget:
            left = budget - self.used.get(1, 0)
            s = self.men(1)[0]
            length = int(rng.integers(60, 365))
            rate = rng.lognormal(np.log(4), 0.7)  # item 2: 2-30 a month
            n = int(np.clip(rng.poisson(rate * length / 30), 3, max(3, left)))
            dest = str(rng.choice(["PH", "ID", "TH"], p=[0.6, 0.25, 0.15]))
            k = int(min(8, 1 + rng.geometric(0.45)))
            reuse = [r for r in self.recv_abroad if lg.column("country")[r] == dest]
            new = self.abroad(k, [dest], [1.0], "osaec")
            recv = np.array([reuse[rng.integers(0, len(reuse))] if reuse and rng.random() < 0.35
                             else new[i] for i in range(k)], dtype=np.int64)  # fmt: skip
            start = int(rng.integers(0, max(1, DAYS - length)))
            self.pay_out(1, s, recv, n, start, length, dest)
            lg.mark(np.array([s]), "T1", "consumer")
            used_r = np.unique([r for (a, r, _t) in self.pairs if a == s])
            for r in used_r:
                if lg.column("label")[r] == 0:
                    lg.mark(np.array([r]), "T1", "facilitator")
                    self.recv_abroad.append(int(r))
            self.ancillary(s)

    # T2 ----------------------------------------------------------------------------------
    def inbound(self, typ: int, senders: np.ndarray, hub: int, per: np.ndarray) -> np.ndarray:
        """Foreign consumers' payments to an own-customer hub, round in their own currency."""
        rng = self.rng
        rows_day = []
        for s, k in zip(senders, per, strict=True):
            c = str(self.lg.column("country")[s])
            start = int(rng.integers(0, DAYS - 30))
            days, hrs = self.sessions(int(k), start, min(DAYS - start, int(rng.integers(20, 200))))
            usd = band_usd(rng, int(k))
            self.add(
                typ,
                np.full(int(k), s),
                np.full(int(k), hub),
                day=days,
                hours=hrs,
                amount=nice_local(usd, CUR_OF[c], rng, 0.8),
                currency=CUR_OF[c],
                channel=pick(rng, ["msb", "bank", "msb"], int(k)),
                memo=self.memo_style(int(k), "MY"),
                show_local=True,
            )
            rows_day.append(np.column_stack([np.clip(days, 0, DAYS - 1), usd]))
            self.pairs.append((int(s), hub, typ))
        return np.concatenate(rows_day)

    def cash_out(self, typ: int, hub: int, inflow: np.ndarray, household: np.ndarray) -> None:
        """Item 12: most inbound value leaves within 48 h (ATM, agent, household, PH)."""
        rng = self.rng
        relay: np.ndarray | None = None
        atms = self.pool.shared["atm"]
        atm = atms[rng.integers(0, len(atms), 1)]
        days = np.unique(inflow[:, 0].astype(int))
        for d in days:
            v = inflow[inflow[:, 0] == d, 1].sum() * rng.uniform(0.6, 0.95)
            if rng.random() < 0.15:
                continue  # some days' money stays for a while
            how = rng.choice(["atm", "household", "agent", "home"], p=[0.4, 0.35, 0.15, 0.1])
            dd = np.array([d + int(rng.integers(0, 2))])
            hh = np.array([int(rng.integers(8, 22))])
            myr = max(50.0, round(v / USD_PER["MYR"] / 10) * 10)
            if how == "atm":
                self.add(
                    typ,
                    np.array([hub]),
                    atm,
                    day=dd,
                    hours=hh,
                    amount=np.array([myr]),
                    currency="MYR",
                    channel="card",
                    mcc="6011",
                )
            elif how == "home":  # part goes on to a relative's wallet in PH / ID
                if relay is None:
                    relay = self.abroad(1, ["PH", "ID"], [0.7, 0.3], "osaec", female=0.7)
                    self.lg.mark(relay, TYPOLOGIES[typ], "facilitator")
                    self.recv_abroad.append(int(relay[0]))
                self.add(
                    typ,
                    np.array([hub]),
                    relay,
                    day=dd,
                    hours=hh,
                    amount=np.array([myr]),
                    currency="MYR",
                    channel="msb",
                    memo=pick(rng, ["padala", "kiriman", "", "pang gastos"], 1),
                )
            elif how == "agent":
                ags = self.pool.shared["agent"]
                ag = ags[rng.integers(0, len(ags), 1)]
                self.add(
                    typ,
                    np.array([hub]),
                    ag,
                    day=dd,
                    hours=hh,
                    amount=np.array([myr]),
                    currency="MYR",
                    channel="msb",
                )
            else:
                h = household[rng.integers(0, len(household))]
                self.add(
                    typ,
                    np.array([hub]),
                    np.array([h]),
                    day=dd,
                    hours=hh,
                    amount=np.array([myr]),
                    currency="MYR",
                    channel="ewallet",
                    memo=pick(rng, ["", "belanja", "barang", "utang"], 1),
                )
                self.add(
                    typ,
                    np.array([h]),
                    atm,
                    day=dd + int(rng.integers(0, 2)),
                    hours=np.array([int(rng.integers(9, 21))]),
                    amount=np.array([max(50.0, round(myr * 0.9 / 50) * 50)]),
                    currency="MYR",
                    channel="card",
                    mcc="6011",
                )

    def t2(self, budget: int, typ: int = 2) -> None:
        rng, lg = self.rng, self.lg
        while self.used.get(typ, 0) < budget:
            left = budget - self.used.get(typ, 0)
            eth = rng.choice(["filipino", "indo", "malay"], p=[0.45, 0.3, 0.25])
            hub = int(rng.choice(of_eth(self.pool, str(eth))))
            n_send = int(np.clip(left // 6, 5, rng.integers(8, 45)))
            cs = rng.choice(INBOUND, int(rng.integers(2, 5)), replace=False).tolist()
            senders = self.foreign(n_send, cs)
            per = np.clip(rng.geometric(0.3, n_send), 1, 10)
            inflow = self.inbound(typ, senders, hub, per)
            nh = int(rng.integers(2, 7))
            hh = lg.accounts(
                nh,
                "601",
                "MY",
                "osaec",
                names(rng, str(eth), rng.random(nh) < 0.5),
                True,
                rng.random(nh) < 0.5,
                rng.integers(1960, 2004, nh),
            )
            lg.column("device")[hh] = lg.column("device")[hub]  # design (d): shared device
            self.cash_out(typ, hub, inflow, hh)
            lg.mark(np.array([hub]), TYPOLOGIES[typ], "hub")
            lg.mark(senders, TYPOLOGIES[typ], "consumer")
            on = [h for h in hh if int(h) in self.receivers.get(typ, set())]
            if on:
                lg.mark(np.array(on), TYPOLOGIES[typ], "household")
            self.hubs_my.append(hub)

    # T3 ----------------------------------------------------------------------------------
    def t3(self, budget: int) -> None:
        rng, lg = self.rng, self.lg
        while self.used.get(3, 0) < budget:
            left = budget - self.used.get(3, 0)
            fac_my = np.array([int(rng.choice(of_eth(self.pool, "filipino")))])
            fac_ph = self.abroad(int(rng.integers(1, 3)), ["PH"], [1.0], "osaec")
            n_c = int(np.clip(left // 10, 4, 30))
            n_local = n_c // 2
            local = self.men(n_local)
            for s in local:  # MY consumers paying PH facilitators (and sometimes the MY one)
                n = int(np.clip(rng.poisson(8), 3, 20))
                length = int(rng.integers(40, 300))
                start = int(rng.integers(0, DAYS - length))
                k = int(rng.integers(1, len(fac_ph) + 1))
                self.pay_out(3, int(s), rng.permutation(fac_ph)[:k], n, start, length, "PH")
                if rng.random() < 0.4:
                    m = int(rng.integers(2, 6))
                    days, hrs = self.sessions(m, start, length)
                    self.add(3, np.full(m, s), np.full(m, fac_my[0]), day=days, hours=hrs,
                             amount=round_to(in_currency(band_usd(rng, m), "MYR"), MYR_STEPS,
                                             rng, 0.85), currency="MYR", channel="ewallet",
                             memo=self.memo_style(m, "MY"))  # fmt: skip
                    self.pairs.append((int(s), int(fac_my[0]), 3))
            senders = self.foreign(n_c - n_local)
            inflow = self.inbound(3, senders, int(fac_my[0]), np.clip(rng.geometric(0.2,
                                  len(senders)), 2, 15))  # fmt: skip
            # chain (design (d) T3): the MY facilitator forwards most of it to a PH one
            for d in np.unique((inflow[:, 0] // 4).astype(int)):
                v = inflow[(inflow[:, 0] // 4).astype(int) == d, 1].sum()
                if v < 30:
                    continue
                self.add(
                    3,
                    fac_my,
                    fac_ph[:1],
                    day=np.array([d * 4 + 3]),
                    hours=np.array([int(rng.integers(9, 23))]),
                    amount=np.array([round(v * rng.uniform(0.5, 0.8) / USD_PER["MYR"], -1)]),
                    currency="MYR",
                    channel=str(rng.choice(["msb", "ewallet"])),
                    memo=pick(rng, ["padala", "allowance", "pang gastos", ""], 1),
                )
            lg.mark(fac_my, "T3", "facilitator")
            lg.mark(fac_ph, "T3", "facilitator")
            lg.mark(local, "T3", "consumer")
            lg.mark(senders, "T3", "consumer")
            self.hubs_my.append(int(fac_my[0]))
            self.recv_abroad.extend(int(x) for x in fac_ph)

    # T4 ----------------------------------------------------------------------------------
    def t4(self, budget: int) -> None:
        rng, lg = self.rng, self.lg
        towns = {"PH": ["Pagadian", "Dipolog", "Kidapawan", "Calbayog", "Catarman"],
                 "TH": ["Sakon Nakhon", "Nong Khai", "Yasothon", "Mukdahan"],
                 "ID": ["Indramayu", "Garut", "Sumbawa", "Kupang"]}  # fmt: skip
        while self.used.get(4, 0) < budget:
            s = int(self.men(1)[0])
            dest = str(rng.choice(["PH", "TH", "ID"], p=[0.55, 0.25, 0.2]))
            cur = CUR_OF[dest]
            kids = self.abroad(int(rng.integers(1, 4)), [dest], [1.0], "osaec", female=0.7)
            for _trip in range(int(rng.integers(1, 4))):
                if _trip and self.used.get(4, 0) >= budget:
                    break
                length = int(rng.integers(9, 20))  # 2-4x the 3-5 day holidays of this ledger
                start = int(rng.integers(5, DAYS - length))
                town = str(rng.choice(towns[dest]))
                mers = lg.accounts(4, f"MC-{dest}-", dest, "merchant", np.array(
                    ["", f"Pension House {town}", f"Jewelry {town}", f"ATM {town}"], object),
                    False, digits=8)  # fmt: skip
                air = self.pool.shared["airline"][rng.integers(0, 3, 1)]
                self.add(
                    4,
                    np.array([s, s]),
                    np.array([air[0], air[0]]),
                    day=np.array([start - int(rng.integers(3, 20)), start - 1]),
                    hours=np.array([22, 23]),
                    amount=np.round(rng.uniform(700, 2200, 2), 2),
                    currency="MYR",
                    channel="card",
                    mcc="4511",
                    local_tz=0,
                )
                nd = length
                atm_days = np.repeat(np.arange(nd), rng.integers(1, 3, nd)) + start
                na = len(atm_days)
                self.add(
                    4,
                    np.full(na, s),
                    np.full(na, mers[3]),
                    day=atm_days,
                    hours=hours_from(rng, DAY, na),
                    amount=nice_local(rng.uniform(80, 220, na), cur, rng, 1.0),
                    currency=cur,
                    channel="card",
                    mcc="6011",
                    local_tz=TZ_OF[dest],
                )
                self.add(
                    4,
                    np.array([s]),
                    np.array([mers[1]]),
                    day=np.array([start + nd - 1]),
                    hours=np.array([11]),
                    amount=nice_local(np.array([25.0 * nd]), cur, rng, 0.2),
                    currency=cur,
                    channel="card",
                    mcc="7011",
                    local_tz=TZ_OF[dest],
                )
                nj = int(rng.integers(1, 3))
                self.add(
                    4,
                    np.full(nj, s),
                    np.full(nj, mers[2]),
                    day=start + rng.integers(0, nd, nj),
                    hours=hours_from(rng, DAY, nj),
                    amount=nice_local(rng.uniform(60, 400, nj), cur, rng, 0.5),
                    currency=cur,
                    channel="card",
                    mcc="5944",
                    local_tz=TZ_OF[dest],
                )
                nk = int(rng.integers(2, 6))
                self.add(4, np.full(nk, s), kids[rng.integers(0, len(kids), nk)],
                         day=start + rng.integers(-10, nd + 20, nk),
                         hours=hours_from(rng, NIGHT, nk),
                         amount=round_to(in_currency(band_usd(rng, nk), "MYR"), MYR_STEPS, rng,
                                         0.8), currency="MYR", channel="ewallet",
                         memo=self.memo_style(nk, dest))  # fmt: skip
            lg.mark(np.array([s]), "T4", "traveller")
            on = self.receivers.get(4, set())
            got = np.array([k for k in kids if int(k) in on], dtype=np.int64)
            if len(got):
                lg.mark(got, "T4", "local_receiver")

    # T5 ----------------------------------------------------------------------------------
    def t5(self, budget: int) -> None:
        rng, lg = self.rng, self.lg
        games = self.pool.shared["game"][3:]  # Steam Wallet, GiftCard Hub
        teens = self.pool.teens
        while self.used.get(5, 0) < budget:
            domestic = rng.random() < 0.55
            if domestic:
                mule = lg.accounts(1, "601", "MY", "osaec",
                                   names(rng, "malay", np.ones(1, bool)), True, np.ones(1, bool),
                                   rng.integers(1999, 2006, 1))  # fmt: skip
            else:
                mule = self.abroad(1, ["PH"], [1.0], "osaec", female=0.2)
            n_v = int(rng.integers(2, 8))
            male = lg.column("sex")[teens] == "M"
            victims = rng.choice(
                teens,
                n_v,
                replace=False,
                p=np.where(male, 5.0, 1.0) / np.where(male, 5.0, 1.0).sum(),
            )
            got = 0.0
            for i_v, v in enumerate(victims):
                if i_v >= 2 and self.used.get(5, 0) >= budget:
                    break
                k = int(rng.integers(2, 7))
                d0 = int(rng.integers(0, DAYS - 3))
                step = np.sort(rng.uniform(0, rng.choice([24, 48, 72]), k))
                days = d0 + (rng.integers(18, 24) + step).astype(int) // 24
                hrs = (rng.integers(18, 24) + step).astype(int) % 24
                first = rng.uniform(20, 240)
                usd = np.minimum(first * rng.uniform(1.0, 1.8, k).cumprod(), 1500 / k)
                myr = round_to(
                    in_currency(usd, "MYR"), [50, 100, 150, 200, 300, 500, 1000], rng, 0.7
                )
                if rng.random() < 0.3:  # gift-card variant: no payee, codes sent by chat
                    self.add(
                        5,
                        np.full(k, v),
                        games[rng.integers(0, 2, k)],
                        day=days,
                        hours=hrs,
                        amount=myr,
                        currency="MYR",
                        channel="card",
                        mcc="5816",
                        local_tz=0,
                    )
                else:
                    self.add(
                        5,
                        np.full(k, v),
                        np.full(k, mule[0]),
                        day=days,
                        hours=hrs,
                        amount=myr,
                        currency="MYR",
                        channel="ewallet",
                        memo=pick(
                            rng,
                            ["", "", "dah bayar", "please delete", "jgn share", "ok done", "last"],
                            k,
                        ),
                        local_tz=0,
                    )
                    got += float(usd.sum())
                lg.mark(np.array([v]), "T5", "victim")
            if got > 0:  # the mule moves it on within hours (crypto or home)
                d = np.array([int(rng.integers(0, DAYS))])
                if domestic:
                    self.add(
                        5,
                        mule,
                        self.exchanges[:1],
                        day=d,
                        hours=np.array([2]),
                        amount=np.array([round(got * 0.9 / USD_PER["MYR"], -1)]),
                        currency="MYR",
                        channel="bank",
                        mcc="6051",
                    )
                lg.mark(mule, "T5", "mule")

    # T6 ----------------------------------------------------------------------------------
    def t6(self, budget: int) -> None:
        rng, lg = self.rng, self.lg
        while self.used.get(6, 0) < budget:
            n_a = int(rng.integers(4, 12))
            pre = str(rng.choice(["T", "bc1q"]))
            addr = lg.accounts(
                n_a,
                pre,
                "SC" if pre == "T" else "VG",
                "osaec",
                np.full(n_a, "", object),
                False,
                digits=33 if pre == "T" else 38,
            )
            cons = self.men(int(rng.integers(2, 7)), young=True)
            hit = set()
            done = []
            for s in cons:
                if len(done) >= 2 and self.used.get(6, 0) >= budget:
                    break
                done.append(s)
                nb = int(rng.integers(1, 4))
                d0 = int(rng.integers(0, DAYS - 60))
                buy_d = d0 + np.sort(rng.integers(0, 50, nb))
                self.add(
                    6,
                    np.full(nb, s),
                    self.exchanges[rng.integers(0, 3, nb)],
                    day=buy_d,
                    hours=hours_from(rng, NIGHT, nb),
                    amount=rng.choice([100.0, 200.0, 300.0, 500.0], nb),
                    currency="MYR",
                    channel="bank",
                    mcc="6051",
                )
                k = int(rng.integers(2, 12))
                a = addr[rng.integers(0, n_a, k)]
                coin = pick(rng, ["USDT", "USDT", "BTC"], k)
                self.add(
                    6,
                    np.full(k, s),
                    a,
                    day=buy_d[rng.integers(0, nb, k)] + rng.integers(0, 10, k),
                    hours=hours_from(rng, NIGHT, k),
                    amount=crypto_amount(rng.uniform(20, 150, k), coin),
                    currency=coin,
                    channel="crypto",
                )
                hit.update(int(x) for x in a)
            lg.mark(np.array(done), "T6", "consumer")
            lg.mark(np.array(sorted(hit)), "T6", "csam_site_address")

    # T7 ----------------------------------------------------------------------------------
    def t7(self, budget: int) -> None:
        rng, lg = self.rng, self.lg
        adults = self.pool.idx[(self.pool.birth >= 2004) & ~self.pool.male]  # 19-21
        teens = self.pool.teens[self.lg.column("sex")[self.pool.teens] == "F"]  # 14-17
        young = np.concatenate([teens, rng.choice(adults, max(1, len(teens) // 2))])
        while self.used.get(7, 0) < budget:
            if rng.random() < 0.6:  # a foreign adult pays a young own customer
                v = int(rng.choice(young))
                payer = self.foreign(1)
                k = int(rng.integers(3, 20))
                self.inbound(7, payer, v, np.array([k]))
                lg.mark(np.array([v]), "T7", "victim")
                lg.mark(payer, "T7", "offender")
            else:  # a MY adult pays a young account abroad directly
                s = int(self.men(1)[0])
                dest = str(rng.choice(["PH", "ID"]))
                v = self.abroad(1, [dest], [1.0], "osaec", female=0.9)
                k = int(rng.integers(3, 16))
                self.pay_out(
                    7, s, v, k, int(rng.integers(0, DAYS - 90)), int(rng.integers(20, 90)), dest
                )
                lg.mark(np.array([s]), "T7", "offender")
                lg.mark(v, "T7", "victim")

    # lone --------------------------------------------------------------------------------
    def lone(self, budget: int) -> None:
        """Design (d): ~30% of illicit rows outside a full pattern."""
        rng, lg = self.rng, self.lg
        n_off = int(budget * 0.75)
        n_one = int(budget * 0.18)
        n_fresh = budget - n_off - n_one
        if self.pairs and n_off:
            pr = [self.pairs[i] for i in rng.integers(0, len(self.pairs), n_off)]
            s = np.array([p[0] for p in pr])
            r = np.array([p[1] for p in pr])
            t = np.array([p[2] for p in pr])
            for typ in np.unique(t):
                sel = t == typ
                m = int(sel.sum())
                local = lg.column("own")[s[sel]]
                cur = np.where(local, "MYR", [CUR_OF[str(c)] for c in lg.column("country")[s[sel]]])
                usd = rng.lognormal(np.log(55), 0.6, m)
                amt = np.array([round(u / USD_PER[c], 2) for u, c in zip(usd, cur, strict=True)])
                self.add(int(typ), s[sel], r[sel], day=rng.integers(0, DAYS, m),
                         hours=hours_from(rng, DAY, m), amount=amt, currency=cur.astype(object),
                         channel=pick(rng, ["bank", "ewallet", "msb"], m), memo="",
                         show_local=True)  # fmt: skip
        hubs = self.hubs_my + self.recv_abroad
        start_rows = self.used_total()
        while hubs and self.used_total() - start_rows < n_one:
            h = hubs[int(rng.integers(0, len(hubs)))]
            typ = 2 if h in self.hubs_my else 1
            k = int(rng.integers(1, 4))
            if lg.column("own")[h]:
                s = self.foreign(1)
                self.inbound(typ, s, h, np.array([k]))
            else:
                s = self.men(1)
                self.pay_out(
                    typ,
                    int(s[0]),
                    np.array([h]),
                    k,
                    int(rng.integers(0, DAYS - 5)),
                    5,
                    str(lg.column("country")[h]),
                )
            lg.mark(s, TYPOLOGIES[typ], "lone_consumer")
        while n_fresh > 0:
            s = self.men(1)
            dest = str(rng.choice(["PH", "ID", "TH"]))
            v = self.abroad(1, [dest], [1.0], "osaec")
            k = int(rng.integers(1, 4))
            self.pay_out(1, int(s[0]), v, k, int(rng.integers(0, DAYS - 10)), 10, dest)
            lg.mark(s, "T1", "lone_consumer")
            lg.mark(v, "T1", "lone_receiver")
            n_fresh -= k

    def used_total(self) -> int:
        return sum(self.used.values())


# --- the world ------------------------------------------------------------------------------

TAHFIZ_MEMO = ["sedekah", "infaq", "derma anak yatim", "yuran pelajar tahfiz", "wakaf al-quran",
               "jumaat berkat", "sumbangan asrama", ""]  # fmt: skip
SELLER_MEMO = ["live order", "@kedai.tudung", "COD", "baju raya", "order 3 helai", "tiktok live",
               "#A12", "bayar live semalam", ""]  # fmt: skip
FREELANCE_MEMO = ["invoice 0231", "logo design", "project milestone", "translation", "",
                  "UI fix", "video edit"]  # fmt: skip
# Share of benign rows per population; True marks the hard negatives that `hard` scales.
BACKGROUND: dict[str, tuple[float, bool]] = {
    "qr": (0.30, False), "p2p": (0.18, False), "bills": (0.10, False), "remit": (0.14, False),
    "inbound_family": (0.04, False), "card": (0.05, False), "crypto": (0.005, False),
    "gig": (0.03, True), "night_shift": (0.02, True), "agent": (0.02, True),
    "tourists": (0.02, True), "students": (0.015, True), "romance": (0.005, True),
    "creators": (0.02, True), "gift": (0.02, True), "tahfiz": (0.015, True),
    "seller": (0.025, True), "freelancer": (0.01, True), "small_hard": (0.03, True),
}  # fmt: skip
SPLIT = {1: 0.28, 2: 0.20, 3: 0.17, 4: 0.07, 5: 0.10, 6: 0.08, 7: 0.10}


def background(lg: Ledger, pool: Pool, n_bg: int, hard: float) -> np.ndarray:
    """Benign rows; returns the crypto exchanges (the T6 buyers use the same ones)."""
    shares = {k: v * (hard if h else 1.0) for k, (v, h) in BACKGROUND.items()}
    freed = sum(v for k, (v, h) in BACKGROUND.items() if h) * (1 - hard)
    shares["qr"] += freed * 0.6
    shares["p2p"] += freed * 0.4
    tot = sum(shares.values())
    n = {k: int(n_bg * v / tot) for k, v in shares.items()}
    both = (NIGHT + EVENING) / 2
    pop_qr_retail(lg, pool, n["qr"])
    pop_domestic_p2p(lg, pool, n["p2p"])
    pop_bills_payroll(lg, pool, n["bills"])
    pop_migrant_remit(lg, pool, n["remit"])
    pop_inbound_family(lg, pool, n["inbound_family"])
    pop_card(lg, pool, n["card"], tourists=False)
    ex = pop_crypto(lg, pool, max(2, n["crypto"]))
    steps = [
        ("gig", lambda k: pop_fan_out(lg, pool, k, "gig")),
        ("night_shift", lambda k: pop_migrant_remit(lg, pool, k, night_shift=True)),
        ("agent", lambda k: pop_fan_out(lg, pool, k, "agent")),
        ("tourists", lambda k: pop_card(lg, pool, k, tourists=True)),
        ("students", lambda k: pop_students(lg, pool, k)),
        ("romance", lambda k: pop_romance(lg, pool, k)),
        ("creators", lambda k: pop_creators(lg, pool, k)),
        ("gift", lambda k: pop_fan_out(lg, pool, k, "gift")),
        (
            "tahfiz",
            lambda k: pop_fan_in(
                lg,
                pool,
                k,
                "tahfiz_fund",
                max(1, k // 400),
                0.12,
                8,
                both,
                TAHFIZ_MEMO,
                0.9,
                0.5,
                True,
                ("8398",),
            ),
        ),
        (
            "seller",
            lambda k: pop_fan_in(
                lg,
                pool,
                k,
                "live_seller",
                max(1, k // 500),
                0.05,
                12,
                LIVE,
                SELLER_MEMO,
                0.3,
                0.7,
                False,
                ("5999", "5691"),
                payers=8,
            ),
        ),
        (
            "freelancer",
            lambda k: pop_fan_in(
                lg,
                pool,
                k,
                "freelancer",
                max(1, k // 150),
                0.85,
                60,
                DAY,
                FREELANCE_MEMO,
                0.5,
                0.6,
                payers=6,
            ),
        ),
        ("small_hard", lambda k: pop_small_hard(lg, pool, k)),
    ]
    for name, fn in steps:
        if n[name] >= 20:
            fn(n[name])
    return ex


def corrupt(rng: Rng, df: pl.DataFrame, benign: np.ndarray) -> pl.DataFrame:
    """About 0.7% of benign rows malformed the way real exports are (never an illicit row)."""
    cand = np.flatnonzero(benign)
    m = max(4, int(len(df) * 0.007))
    pick_ = rng.choice(cand, min(m, len(cand)), replace=False)
    kind = rng.choice(5, len(pick_), p=[0.3, 0.25, 0.25, 0.12, 0.08])
    ts = df["timestamp"].to_numpy().astype(object)
    amt = df["amount"].to_numpy().copy()
    cur = df["currency"].to_numpy().astype(object)
    sid = df["sender_id"].to_numpy().astype(object)
    rid = df["receiver_id"].to_numpy().astype(object)
    bad_dates = ["2025-02-30", "2025-02-29", "2025-04-31", "2025-06-31", "2025-09-31",
                 "2025-11-31", "2025-13-01", "2025-00-12"]  # fmt: skip
    for i, k in zip(pick_, kind, strict=True):
        if k == 0:
            ts[i] = str(rng.choice(bad_dates)) + ts[i][10:]
        elif k == 1:
            amt[i] = -abs(amt[i])
        elif k == 2:
            cur[i] = str(rng.choice(["RM", "MYRR", "XXX", "R.M", "IDRR"]))
        elif k == 3:
            sid[i] = None
        else:
            rid[i] = None
    return df.with_columns(
        pl.Series("timestamp", ts, dtype=pl.String),
        pl.Series("amount", amt, dtype=pl.Float64),
        pl.Series("currency", cur, dtype=pl.String),
        pl.Series("sender_id", sid, dtype=pl.String),
        pl.Series("receiver_id", rid, dtype=pl.String),
    )


def assemble(lg: Ledger, rng: Rng) -> Generated:
    rows = {k: np.concatenate(v) for k, v in lg.rows.items()}
    order = np.argsort(rows["utc"], kind="stable")
    rows = {k: v[order] for k, v in rows.items()}
    s, r = rows["s"], rows["r"]
    acc = {k: lg.column(k) for k in lg.acc}
    own_s, own_r = acc["own"][s], acc["own"][r]
    n = len(s)

    def nz(a: np.ndarray) -> pl.Series:
        ser = pl.Series(a.astype(str), dtype=pl.String)
        return pl.select(pl.when(ser != "").then(ser)).to_series()

    show = rows["show"]
    sign = np.where(show < 0, "-", "+")
    off = np.char.add(sign, np.char.add(np.char.zfill((np.abs(show) // 3600).astype(str), 2),
                      np.char.add(":", np.char.zfill((np.abs(show) % 3600 // 60).astype(str),
                                                     2))))  # fmt: skip
    ts = pl.from_epoch(pl.Series(rows["utc"] + show), time_unit="s").dt.strftime(
        "%Y-%m-%dT%H:%M:%S"
    ) + pl.Series(off)
    seq = (np.arange(n, dtype=np.int64) * 7919 + 13) % 10**10
    birth_s = np.where(own_s & (acc["birth"][s] > 0), acc["birth"][s], -1)
    birth_r = np.where(own_r & (acc["birth"][r] > 0), acc["birth"][r], -1)
    tx = pl.DataFrame(
        {
            "tx_id": np.char.add("MB", np.char.zfill(seq.astype(str), 10)),
            "timestamp": ts,
            "sender_id": acc["id"][s].astype(str),
            "receiver_id": acc["id"][r].astype(str),
            "amount": np.where(
                rows["currency"] == "BTC", np.round(rows["amount"], 8), np.round(rows["amount"], 2)
            ),
            "currency": rows["currency"].astype(str),
            "sender_country": acc["country"][s].astype(str),
            "receiver_country": acc["country"][r].astype(str),
            "channel": rows["channel"].astype(str),
            "memo": nz(rows["memo"].astype(str)),
            "sender_name": nz(acc["name"][s].astype(str)),
            "receiver_name": nz(acc["name"][r].astype(str)),
            "sender_sex": nz(np.where(own_s, acc["sex"][s], "").astype(str)),
            "sender_birth_year": pl.Series(np.where(birth_s > 0, birth_s, 0)).replace(0, None),
            "receiver_birth_year": pl.Series(np.where(birth_r > 0, birth_r, 0)).replace(0, None),
            "device_id": nz(np.where(own_s, acc["device"][s], "").astype(str)),
            "merchant_category": nz(rows["mcc"].astype(str)),
        }
    )
    tx = corrupt(rng, tx, rows["typ"] == 0)
    rate = pl.col("currency").replace_strict(USD_PER, default=None, return_dtype=pl.Float64)
    usd = tx.select((pl.col("amount") * rate).alias("usd"))["usd"]
    typ = np.array(TYPOLOGIES, dtype=object)[rows["typ"]]
    labels = pl.DataFrame(
        {
            "tx_id": tx["tx_id"],
            "label_tx": (rows["typ"] > 0).astype(np.int8),
            "label_typology": typ.astype(str),
            "usd": usd,
        }
    )
    seen = np.zeros(lg.n_acc, dtype=bool)
    sid_ok = tx["sender_id"].is_not_null().to_numpy()
    seen[s[sid_ok]] = True
    seen[r[tx["receiver_id"].is_not_null().to_numpy()]] = True
    accounts = pl.DataFrame(
        {
            "account_id": acc["id"][seen].astype(str),
            "label": acc["label"][seen].astype(np.int8),
            "typology": acc["typology"][seen].astype(str),
            "role": acc["role"][seen].astype(str),
            "population": np.where(acc["label"][seen] == 1, "osaec",
                                   acc["population"][seen]).astype(str),
            "hard_negative": acc["hard"][seen].astype(bool),
        }
    )  # fmt: skip
    return Generated(tx=tx, tx_labels=labels, accounts=accounts)


def generate(n_tx: int, variant: str, seed: int, hard: float = 1.0) -> Generated:
    """About n_tx transactions of one variant ('li' or 'hi'), reproducible for a seed.

    `hard` scales the hard-negative populations (their rows go to QR retail and P2P instead);
    1.0 is the default world, 0 removes them."""
    if variant not in ILLICIT_RATE:
        raise ValueError(f"variant must be one of {sorted(ILLICIT_RATE)}, got {variant!r}")
    if hard < 0:
        raise ValueError(f"hard must be >= 0, got {hard}")
    rng = np.random.default_rng([seed, 13, 0 if variant == "li" else 1])
    lg = Ledger(rng)
    budget = max(60, int(n_tx * ILLICIT_RATE[variant]))
    n_bg = max(1000, n_tx - budget)
    pool = make_pool(lg, max(2000, n_bg // 9))
    ex = background(lg, pool, n_bg, hard)
    plant = Plant(lg, pool, ex)
    pattern = budget * (1 - LONE_SHARE)
    for typ, share in SPLIT.items():
        getattr(plant, f"t{typ}")(max(1, int(pattern * share)))
    plant.lone(max(3, budget - plant.used_total()))
    # background fills up to n_tx (the planted structures may over- or undershoot)
    short = n_tx - lg.n_rows()
    if short > 0:
        pop_qr_retail(lg, pool, short // 2)
        pop_domestic_p2p(lg, pool, short - short // 2)
    return assemble(lg, rng)
