"""Held-out generator 8: a Thai retail bank group's monitoring export (blind).

What it models, and why this view. Generators 1-7 looked at Philippine corridors, a receiving
e-wallet in Manila and a sending-side transfer app. Thailand is the research note's other
named destination (FINTRAC's 2020 and 2025 lists put TH second, item 3) and its stress test
asks for "new corridors". So this is option (b) of the task: one Thai bank group's year of
transactions as its monitoring team would export them, in the issue's schema:

  * its own customers' domestic traffic (PromptPay-style transfers, salaries, bills, card
    spending, ATM cash), foreign residents with Thai accounts, teens with youth accounts;
  * inward remittances credited to customers (MSB partners, SWIFT, international e-wallets).
    Some partners report the source amount and currency, others only the baht credited
    (converted at the partner's rate, so a round USD 50 arrives as e.g. 1,741.37 THB);
  * foreign cards used at the bank's own ATMs and acquiring terminals (tourists);
  * outbound transfers, and the group's digital-asset arm (crypto channel, valued in USD).
  Every timestamp is Bangkok time (+07:00), as a Thai core-banking export records it; the
  sender's local time must be derived from sender_country, not read from the offset.
  Memos are Thai script, English and romanised Thai; contact handles are mostly LINE IDs.

Blindness. Written only from /work/shared/research/finance-text.md (indicators items 1-14,
typologies T1-T7, dataset design (d)), the issue's schema (issue 6), what
bench/finance_heldout.py reads, the `Generated` type it imports and
tests/heldout/issue_schema.py. Not read: src/jaga/finance/, Jaga's synth, the other held-out
generators, tests/finance, docs/finance.md, the Finance section of docs/benchmarks.md.

What it plants (ground truth in `accounts` and `tx_labels`; amounts in USD per the note):
  T1 consumer: foreign men paying 1-8 unrelated Thai receivers USD 15-100 (sometimes 10-200),
     >=70% round in the sender's currency, in bursts at sender-local 21:00-04:00, receivers
     added over time, cover words (English and Thai), LINE handles or empty memos; 2-36
     months; about 30% "lone" consumers with 1-3 payments only.
  T2 facilitator hub: a rural account fed by 5-200 foreign senders from >=2 countries, >=60%
     cashed out within 48 h (ATM, e-wallet, household members); 2-6 household accounts that
     share the hub's surname and device and also take some of the payments.
  T3 network: bipartite consumers x facilitators (shared senders), facilitators forwarding
     part of their takings to a collector in Bangkok who cashes out.
  T4 travel to offend: foreign cards at the bank's terminals in non-tourist provinces, stays
     2-4x a tourist's, repeated large ATM withdrawals, jewellery / toys / children's clothing.
  T5 FSEC: Thai boys aged 14-17 (with ordinary youth-account history) making 2-6 payments in
     24-72 h to a new payee (a domestic rented mule, a foreign payee, or gift cards), first
     <USD 250, total <=1,500, then silence; a domestic mule takes several victims.
  T6 CVC: customers buying crypto via the bank, then sending USD 10-100 to a cluster of
     CSAM-site addresses.
  T7 direct: a foreign adult man paying a Thai minor's youth account directly.
Hard negatives (column hard_negative), which such a bank really sees: foreign men supporting
Thai partners (some two or three at once; married ones share a surname), child/student
sponsors abroad, adult creators with foreign fans tipping at night, charities and temples
with many small foreign donors ("for the children", "ทำบุญ"), romance-scam victims and their
receivers, domestic call-centre scam mules ("บัญชีม้า": many senders, fast cash-out), teen
gamers (night top-ups, bursts to new item sellers), crypto traders. Ordinary background:
retail, salaries, sellers, Thai diaspora remittances (family surname, sometimes romanised
differently), freelancers, tourists, foreign retirees, parents paying students abroad.
Data-quality faults: ~0.1% of benign rows are malformed the way feeds are (empty sender id,
missing amount, zero/negative amount, impossible calendar date, alpha-3 country, bad currency);
tx_labels.malformed marks them. Labels: every planted actor is label 1 (including T5/T7
victims, whose accounts a bank must act on, and T6 site addresses); gift-card merchants and
ATMs are not actors.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from finance_heldout_gen import Generated

# Share of transactions that are illicit (note (d): HI 0.2%, LI 0.05%).
ILLICIT_RATE = {"li": 0.0005, "hi": 0.002}
# How the illicit budget is spread over the planted typologies.
TYPOLOGY_SHARE = {"T1": 0.26, "T2": 0.2, "T3": 0.18, "T4": 0.08, "T5": 0.1, "T6": 0.08, "T7": 0.1}
DAYS = 365
START = datetime(2024, 12, 31, 17, 0, tzinfo=UTC)  # 2025-01-01 00:00 Bangkok
HOME_TZ = 7

# USD per unit (a fixed table for the ground-truth USD column).
RATE = {
    "USD": 1.0,
    "THB": 1 / 35.5,
    "EUR": 1.08,
    "GBP": 1.27,
    "AUD": 0.66,
    "CAD": 0.73,
    "JPY": 1 / 150,
    "SGD": 0.74,
    "CHF": 1.12,
    "SEK": 0.095,
    "NOK": 0.093,
    "DKK": 0.145,
    "NZD": 0.6,
    "KRW": 1 / 1380,
    "TWD": 1 / 32,
    "ILS": 0.27,
    "HKD": 0.128,
    "MYR": 0.21,
    "NGN": 1 / 1500,
    "PHP": 0.0175,
    "AED": 0.272,
    "GHS": 0.065,
    "XOF": 1 / 600,
}
CURS = list(RATE)
CUR_IDX = {c: i for i, c in enumerate(CURS)}
RATE_ARR = np.array([RATE[c] for c in CURS])
NO_CENTS = {"JPY", "KRW", "XOF", "NGN"}
COUNTRY = {  # country: (currency, UTC offset hours; US/CA get a spread below)
    "TH": ("THB", 7),
    "US": ("USD", -5),
    "GB": ("GBP", 0),
    "AU": ("AUD", 10),
    "DE": ("EUR", 1),
    "CA": ("CAD", -5),
    "JP": ("JPY", 9),
    "SG": ("SGD", 8),
    "FR": ("EUR", 1),
    "NL": ("EUR", 1),
    "SE": ("SEK", 1),
    "NO": ("NOK", 1),
    "CH": ("CHF", 1),
    "DK": ("DKK", 1),
    "NZ": ("NZD", 12),
    "KR": ("KRW", 9),
    "TW": ("TWD", 8),
    "IL": ("ILS", 2),
    "HK": ("HKD", 8),
    "MY": ("MYR", 8),
    "BE": ("EUR", 1),
    "IE": ("EUR", 0),
    "FI": ("EUR", 2),
    "AT": ("EUR", 1),
    "NG": ("NGN", 1),
    "PH": ("PHP", 8),
    "AE": ("AED", 4),
    "GH": ("GHS", 0),
    "CI": ("XOF", 0),
    "SC": ("USD", 4),
    "VG": ("USD", -4),
    "KY": ("USD", -5),
    "MT": ("EUR", 1),
    "RU": ("USD", 3),
}
CTRY = list(COUNTRY)
# Senders of offender payments into Thailand: the note's corridor lists (item 3) for a
# Thai destination, US first, then UK, AU, CA and the European and East Asian ones.
OFFENDER_FROM = {
    "US": 0.3,
    "GB": 0.12,
    "AU": 0.12,
    "DE": 0.08,
    "CA": 0.07,
    "JP": 0.05,
    "FR": 0.04,
    "NL": 0.04,
    "NO": 0.03,
    "SE": 0.03,
    "CH": 0.03,
    "SG": 0.03,
    "KR": 0.02,
    "DK": 0.02,
    "NZ": 0.02,
}
WESTERN_FROM = {
    "US": 0.25,
    "GB": 0.15,
    "AU": 0.13,
    "DE": 0.1,
    "FR": 0.05,
    "NL": 0.05,
    "SE": 0.05,
    "NO": 0.04,
    "CH": 0.04,
    "DK": 0.03,
    "CA": 0.06,
    "NZ": 0.02,
    "BE": 0.02,
    "IE": 0.01,
}
DIASPORA_FROM = {
    "IL": 0.16,
    "TW": 0.18,
    "KR": 0.14,
    "JP": 0.1,
    "US": 0.12,
    "DE": 0.06,
    "SE": 0.05,
    "SG": 0.06,
    "AU": 0.05,
    "GB": 0.04,
    "NL": 0.02,
    "AE": 0.02,
}

TOURIST_PROV = ["BANGKOK", "PHUKET", "PATTAYA", "CHIANG MAI", "KRABI", "KOH SAMUI", "HUA HIN"]
RURAL_PROV = [
    "UDON THANI",
    "KHON KAEN",
    "NAKHON PHANOM",
    "SAKON NAKHON",
    "SURIN",
    "BURIRAM",
    "SI SA KET",
    "ROI ET",
    "KALASIN",
    "NONG KHAI",
    "MAE SOT",
    "SA KAEO",
    "YASOTHON",
]

# Sender-local hour weights (index = hour 0-23).
H_DAY = np.array([1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 4, 6, 7, 7, 8, 7, 7, 7, 7, 7, 8, 8, 7, 5, 3, 2])
H_NIGHT = np.array(
    [8, 7, 6, 5, 3, 1, 0.5, 0.3, 0.3, 0.3, 0.3, 0.3, 0.5, 0.5, 0.5, 0.5, 0.5, 0.7, 1, 2, 4, 7, 9, 9]
)
H_EVENING = np.array(
    [4, 3, 1.5, 0.7, 0.3, 0.2, 0.3, 0.5, 1, 1.5, 2, 2, 3, 3, 3, 3, 3, 4, 5, 6, 7, 8, 8, 6]
)
H_WORK = np.array([0, 0, 0, 0, 0, 0, 0.2, 0.5, 3, 8, 9, 9, 6, 8, 9, 9, 7, 3, 1, 0.3, 0.1, 0, 0, 0])

TH_MALE = [
    "Somchai",
    "Somsak",
    "Anan",
    "Prasert",
    "Wichai",
    "Sombat",
    "Surachai",
    "Kittisak",
    "Nattapong",
    "Thanawat",
    "Chaiwat",
    "Phongsak",
    "Wirat",
    "Apichat",
    "Suriya",
    "Thawatchai",
    "Boonmee",
    "Pichit",
    "Sakchai",
    "Weerapong",
    "Jirayu",
    "Teerapat",
    "Pongsakorn",
    "Nattawut",
    "Kritsada",
    "Arthit",
    "Ekkachai",
    "Panya",
    "Tanakorn",
    "Worawut",
]
TH_FEMALE = [
    "Malee",
    "Somsri",
    "Siriporn",
    "Nittaya",
    "Kanya",
    "Pranee",
    "Wanida",
    "Suda",
    "Ratana",
    "Porntip",
    "Jintana",
    "Sunisa",
    "Kanokwan",
    "Duangjai",
    "Arunee",
    "Napaporn",
    "Pimchanok",
    "Chompoo",
    "Ploy",
    "Supaporn",
    "Wilaiwan",
    "Sasithorn",
    "Kannika",
    "Thida",
    "Rungnapa",
    "Benjawan",
    "Orathai",
    "Lamai",
    "Sommai",
    "Anchalee",
]
TH_PRE = [
    "Wong",
    "Sri",
    "Chai",
    "Kaew",
    "Boon",
    "Saeng",
    "Thong",
    "Suk",
    "Rat",
    "Phon",
    "Kham",
    "Chan",
    "Inthra",
    "Siri",
    "Phet",
    "Ruang",
    "Sombat",
    "Jai",
    "Nak",
    "Udom",
    "Khong",
    "Prasert",
    "Lert",
    "Wat",
    "Phrom",
    "Mani",
    "Chok",
    "Sakul",
    "Ngam",
    "Bun",
    "Pattana",
    "Rueang",
]
TH_SUF = [
    "sawat",
    "suk",
    "charoen",
    "wong",
    "phan",
    "sri",
    "thong",
    "chai",
    "rat",
    "kul",
    "yot",
    "siri",
    "phong",
    "sombat",
    "wattana",
    "niyom",
    "prasit",
    "thip",
    "klang",
    "bamrung",
    "det",
    "saeng",
    "ngam",
    "phak",
    "chit",
    "rak",
    "mongkhon",
    "porn",
    "chuen",
    "arun",
]
TH_SUF2 = ["", "", "", "", "kul", "wanit", "siri", "sakul", "phan", "chai"]
F_MALE = [
    "James",
    "John",
    "Robert",
    "Michael",
    "David",
    "William",
    "Richard",
    "Thomas",
    "Mark",
    "Paul",
    "Steven",
    "Andrew",
    "Peter",
    "Brian",
    "Gary",
    "Kevin",
    "Daniel",
    "Stefan",
    "Lars",
    "Hans",
    "Jan",
    "Pierre",
    "Luc",
    "Henrik",
    "Erik",
    "Ola",
    "Takashi",
    "Hiroshi",
    "Kenji",
    "Minjun",
    "Graham",
    "Neil",
    "Ian",
    "Wayne",
    "Dieter",
    "Klaus",
    "Bjorn",
    "Sven",
    "Marco",
    "Patrick",
]
F_FEMALE = [
    "Mary",
    "Linda",
    "Susan",
    "Karen",
    "Sarah",
    "Helen",
    "Anna",
    "Julia",
    "Emma",
    "Ingrid",
    "Sophie",
    "Claire",
    "Yuki",
    "Keiko",
    "Margaret",
    "Janet",
    "Carol",
    "Monika",
    "Astrid",
    "Nicole",
]
F_LAST = [
    "Smith",
    "Johnson",
    "Brown",
    "Taylor",
    "Wilson",
    "Davies",
    "Evans",
    "Walker",
    "White",
    "Miller",
    "Anderson",
    "Clark",
    "Lewis",
    "Young",
    "Hall",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Hill",
    "Campbell",
    "Mitchell",
    "Roberts",
    "Carter",
    "Phillips",
    "Mueller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Hansen",
    "Johansson",
    "Larsson",
    "Nilsen",
    "Olsen",
    "Jensen",
    "Dubois",
    "Martin",
    "Bernard",
    "Petit",
    "Janssen",
    "Bakker",
    "Visser",
    "Tanaka",
    "Suzuki",
    "Sato",
    "Watanabe",
    "Kim",
    "Park",
    "Murphy",
    "Kelly",
    "Obrien",
    "Harris",
    "Cooper",
    "Ward",
    "Hughes",
    "Ross",
]

# Memos. Benign Thai ones first; cover words (note item 6) in English and Thai after.
M_P2P = [
    "",
    "",
    "",
    "",
    "ค่าข้าว",
    "ค่าน้ำมัน",
    "คืนเงิน",
    "ค่าแชร์",
    "ค่าห้อง",
    "ค่าของ",
    "โอนเงิน",
    "thx",
    "ค่าอาหาร",
]
M_ALLOWANCE = ["ค่าขนม", "ค่าขนม", "ค่าขนม", "ค่าข้าว", "", "", "ค่ารถ", "ค่าเทอม"]
M_FAMILY = [
    "",
    "",
    "family support",
    "for mom",
    "ส่งให้แม่",
    "ช่วยค่าใช้จ่าย",
    "ค่าใช้จ่ายบ้าน",
    "ส่งเงินกลับบ้าน",
    "for family",
    "ค่าเทอมลูก",
]
M_PARTNER = [
    "",
    "",
    "for you",
    "love you",
    "rent",
    "ค่าเช่า",
    "ค่าขนม",
    "for your mom",
    "medical bills for mom",
    "family support",
    "school for your son",
    "ค่าเทอมลูก",
    "bills",
    "for you ❤️",
    "buy food",
    "ค่ารักษา",
]
M_SPONSOR = [
    "tuition",
    "school fees",
    "ค่าเทอม",
    "books",
    "uniform",
    "education",
    "",
    "monthly support",
    "for school",
    "ค่าชุดนักเรียน",
]
M_FAN = ["", "", "tip", "for you", "thanks", "for the stream", "❤️", "ty", "for content"]
M_DONOR = [
    "donation",
    "merit",
    "ทำบุญ",
    "for the children",
    "children's home",
    "school lunch",
    "",
    "ทำบุญวันเกิด",
    "monthly gift",
    "education fund",
]
M_ROMANCE = [
    "",
    "hospital",
    "customs fee",
    "ticket",
    "visa",
    "love",
    "for the fee",
    "medical bills",
    "release fee",
]
M_FREELANCE = ["invoice", "payment for services", "design work", "translation", "", "INV"]
M_COVER = [
    "accommodation",
    "uniform",
    "medical bills",
    "family support",
    "education",
    "school fees",
    "for school",
    "ค่าเทอม",
    "ค่ารักษาพยาบาล",
    "ค่าชุดนักเรียน",
    "ช่วยเหลือครอบครัว",
    "ค่าขนม",
    "ค่าเช่าบ้าน",
    "kha nom",
    "help family",
    "f4mily supp0rt",
    "sch00l",
]
M_HANDLE = [
    "line: {h}",
    "LINE ID {h}",
    "@{h}",
    "id line @{h}",
    "ig @{h}",
    "tg @{h}",
    "add line {h}",
]
HANDLE_STEM = [
    "nong",
    "mali",
    "pim",
    "fah",
    "ploy",
    "jenny",
    "baby",
    "cutie",
    "nam",
    "mint",
    "bow",
    "pang",
]

HARD_POPULATIONS = {
    "partner_sponsor",
    "partner",
    "sponsor",
    "sponsored",
    "creator_fan",
    "adult_creator",
    "platform",
    "donor",
    "charity",
    "romance_victim",
    "romance_scammer",
    "scam_victim",
    "scam_mule",
    "gamer",
    "game_seller",
    "crypto_trader",
}
# Background volume by population (shares of the benign transactions); the hard ones are
# scaled by `hard` and what they give up goes to domestic transfers.
BACKGROUND = {
    "card": 0.3,
    "p2p": 0.16,
    "salary": 0.05,
    "bills": 0.04,
    "atm": 0.05,
    "allowance": 0.025,
    "seller": 0.06,
    "tourist": 0.06,
    "expat": 0.03,
    "diaspora": 0.045,
    "freelancer": 0.012,
    "student_abroad": 0.005,
    "partner": 0.028,
    "sponsor": 0.007,
    "creator": 0.022,
    "charity": 0.012,
    "romance": 0.006,
    "scam": 0.012,
    "gamer": 0.035,
    "crypto": 0.02,
}
HARD_KEYS = {"partner", "sponsor", "creator", "charity", "romance", "scam", "gamer", "crypto"}
FIELDS = (
    "id",
    "name",
    "country",
    "sex",
    "birth",
    "device",
    "tz",
    "mode",
    "label",
    "typology",
    "role",
    "population",
)


class World:
    """Accounts and transactions built up population by population, as numpy chunks."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.acc: dict[str, list[np.ndarray]] = {f: [] for f in FIELDS}
        self.n_acc = 0
        self.tx: list[dict[str, np.ndarray]] = []
        self._serial: dict[str, int] = {}

    # --- accounts -------------------------------------------------------------------
    def new_ids(self, kind: str, n: int) -> list[str]:
        """Unique ids that look like each source's own numbering (a bijection of a counter)."""
        start = self._serial.get(kind, 0)
        self._serial[kind] = start + n
        k = np.arange(start, start + n, dtype=np.int64)
        x = (k * 7_919_111 + 1_234_567 + 97 * len(kind)) % 10_000_000_000
        if kind == "cust":
            return [f"{v // 10**7:03d}-{v // 10**6 % 10}-{v // 10 % 10**5:05d}-{v % 10}" for v in x]
        if kind == "ext":
            banks = ["002", "004", "006", "011", "014", "025", "030", "069"]
            return [f"{banks[v % 8]}:{v // 10:09d}" for v in x]
        if kind == "crypto":
            abc = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
            r = self.rng.integers(0, len(abc), size=(n, 24))
            return [
                "T" + "".join(abc[j] for j in row) + f"{v:010d}"
                for row, v in zip(r, x, strict=True)
            ]
        if kind == "card":
            return [f"CRD{v:010x}" for v in x]
        return [f"{kind}{v:010d}" for v in x]

    def add(
        self,
        n: int,
        *,
        kind: str,
        population: str,
        country: str | np.ndarray = "TH",
        sex: str | np.ndarray = "",
        age: tuple[int, int] | np.ndarray | None = None,
        names: list[str] | np.ndarray | None = None,
        device: bool | np.ndarray = False,
        mode: str | np.ndarray = "src",
        label: int = 0,
        typology: str = "",
        role: str = "",
    ) -> np.ndarray:
        """n new accounts; returns their indices. age=(lo, hi) years in 2025, or birth years."""
        rng = self.rng
        if n <= 0:
            return np.zeros(0, dtype=np.int64)
        ctry = np.full(n, country, dtype=object) if isinstance(country, str) else country
        sx = np.full(n, sex, dtype=object) if isinstance(sex, str) else sex
        if age is None:
            birth = np.full(n, -1)
        elif isinstance(age, tuple):
            birth = 2025 - rng.integers(age[0], age[1] + 1, size=n)
        else:
            birth = np.asarray(age)
        tz = np.array([COUNTRY[c][1] for c in ctry], dtype=float)
        spread = np.isin(ctry, ["US", "CA"])
        tz[spread] -= rng.integers(0, 4, size=int(spread.sum()))  # Eastern to Pacific
        if isinstance(device, np.ndarray):
            dev = device
        elif device:
            dev = np.array([f"dev-{v:012x}" for v in rng.integers(0, 2**48, size=n)], dtype=object)
        else:
            dev = np.full(n, "", dtype=object)
        cols = {
            "id": np.array(self.new_ids(kind, n), dtype=object),
            "name": np.array(names if names is not None else [""] * n, dtype=object),
            "country": ctry,
            "sex": sx,
            "birth": birth,
            "device": dev,
            "tz": tz,
            "mode": np.full(n, mode, dtype=object) if isinstance(mode, str) else mode,
            "label": np.full(n, label),
            "typology": np.full(n, typology, dtype=object),
            "role": np.full(n, role, dtype=object),
            "population": np.full(n, population, dtype=object),
        }
        for f in FIELDS:
            self.acc[f].append(cols[f])
        idx = np.arange(self.n_acc, self.n_acc + n)
        self.n_acc += n
        return idx

    def col(self, field: str) -> np.ndarray:
        """One account field for all accounts so far; writes to it persist (victims are
        relabelled after their background is built)."""
        chunks = self.acc[field]
        if len(chunks) > 1:
            self.acc[field] = [np.concatenate(chunks)]
        return self.acc[field][0]

    # --- names ----------------------------------------------------------------------
    def thai_surnames(self, n: int) -> np.ndarray:
        rng = self.rng
        pre = rng.choice(TH_PRE, n)
        suf = rng.choice(TH_SUF, n)
        suf2 = rng.choice(TH_SUF2, n)
        return np.array([a + b + c for a, b, c in zip(pre, suf, suf2, strict=True)], dtype=object)

    def thai_names(self, sex: np.ndarray, surnames: np.ndarray | None = None) -> np.ndarray:
        rng = self.rng
        sur = self.thai_surnames(len(sex)) if surnames is None else surnames
        first = np.where(sex == "M", rng.choice(TH_MALE, len(sex)), rng.choice(TH_FEMALE, len(sex)))
        return np.array([f"{f} {s}" for f, s in zip(first, sur, strict=True)], dtype=object)

    def foreign_names(self, sex: np.ndarray, upper: bool = True) -> np.ndarray:
        rng = self.rng
        first = np.where(sex == "M", rng.choice(F_MALE, len(sex)), rng.choice(F_FEMALE, len(sex)))
        last = rng.choice(F_LAST, len(sex))
        out = np.array([f"{f} {s}" for f, s in zip(first, last, strict=True)], dtype=object)
        return np.array([x.upper() for x in out], dtype=object) if upper else out

    def countries(self, weights: dict[str, float], n: int) -> np.ndarray:
        keys = list(weights)
        p = np.array([weights[k] for k in keys])
        return np.array(self.rng.choice(keys, n, p=p / p.sum()), dtype=object)

    def thai(
        self, n: int, *, population: str, sex: np.ndarray | None = None, age=(20, 60), **kw
    ) -> np.ndarray:  # type: ignore[no-untyped-def]
        """Thai customers of the bank (own device, romanised KYC names)."""
        sx = sex if sex is not None else np.where(self.rng.random(n) < 0.5, "M", "F").astype(object)
        names = kw.pop("names", None)
        names = self.thai_names(sx) if names is None else names
        dev = kw.pop("device", True)
        kind = kw.pop("kind", "cust")
        return self.add(
            n, kind=kind, population=population, sex=sx, age=age, names=names, device=dev, **kw
        )

    def foreigners(
        self,
        n: int,
        *,
        population: str,
        weights: dict[str, float],
        male: float = 0.9,
        age=(30, 70),
        kind: str = "",
        **kw,
    ) -> np.ndarray:  # type: ignore[no-untyped-def]
        """Senders abroad as a remittance partner reports them (partner-coded ids, upper-case
        names, a birth year only half the time, and the partner's amount convention)."""
        rng = self.rng
        sx = np.where(rng.random(n) < male, "M", "F").astype(object)
        ctry = self.countries(weights, n)
        partner = rng.choice(["WU", "RMT", "WSE", "XPR", "SWF"], n, p=[0.3, 0.25, 0.2, 0.1, 0.15])
        idx = np.zeros(n, dtype=np.int64)
        names = kw.pop("names", None)
        names = self.foreign_names(sx) if names is None else names
        for p in np.unique(partner):
            m = partner == p
            mode = "thb" if p in ("RMT", "WSE") else "src"
            ages = 2025 - rng.integers(age[0], age[1] + 1, size=int(m.sum()))
            ages[rng.random(int(m.sum())) < 0.5] = -1
            idx[m] = self.add(
                int(m.sum()),
                kind=kind or p,
                population=population,
                country=ctry[m],
                sex=sx[m],
                age=ages,
                names=names[m],
                mode=mode,
                **kw,
            )
        return idx

    # --- time -----------------------------------------------------------------------
    def times(
        self, tz: np.ndarray, d0: np.ndarray, d1: np.ndarray, hours: np.ndarray
    ) -> np.ndarray:
        """Seconds after START for a local day in [d0, d1) and a local hour drawn from `hours`,
        in the time zone tz (hours from UTC)."""
        rng = self.rng
        n = len(tz)
        day = np.floor(d0 + rng.random(n) * np.maximum(d1 - d0, 1e-6))
        hour = rng.choice(24, n, p=hours / hours.sum())
        t = day * 86400 + hour * 3600 + rng.integers(0, 3600, n) + (HOME_TZ - tz) * 3600
        return np.clip(t, 0, DAYS * 86400 - 1)

    # --- transactions ---------------------------------------------------------------
    def pay(
        self,
        s: np.ndarray,
        r: np.ndarray,
        t: np.ndarray,
        usd: np.ndarray,
        *,
        channel: str | np.ndarray,
        memo: list[str] | np.ndarray | str = "",
        memo_p: float = 1.0,
        mcc: str | np.ndarray = "",
        round_p: float = 0.0,
        price: str = "sender",
        label: int = 0,
        typology: str = "",
    ) -> None:
        """Payments s->r of about `usd`, priced in the sender's (or receiver's) currency,
        rounded with probability round_p, and recorded as this bank records them."""
        rng = self.rng
        n = len(s)
        if n == 0:
            return
        ctry = self.col("country")
        cur_of = np.array([CUR_IDX[COUNTRY[c][0]] for c in CTRY])
        ctry_idx = {c: i for i, c in enumerate(CTRY)}
        sc = np.array([ctry_idx[c] for c in ctry[s]])
        rc = np.array([ctry_idx[c] for c in ctry[r]])
        chan = np.full(n, channel, dtype=object) if isinstance(channel, str) else channel
        pcur = cur_of[sc] if price == "sender" else cur_of[rc]
        amt = usd / RATE_ARR[pcur]
        nice = rng.random(n) < round_p
        amt = np.where(nice, nice_round(amt), amt)
        no_cents = np.isin(np.array(CURS)[pcur], list(NO_CENTS))
        amt = np.where(no_cents, np.maximum(1, np.round(amt)), np.round(amt, 2))
        cur = pcur.copy()
        # Inbound through a partner that reports only the baht credited.
        thb = CUR_IDX["THB"]
        inbound = (ctry[s] != "TH") & (ctry[r] == "TH") & np.isin(chan, ["msb", "ewallet"])
        conv = inbound & (self.col("mode")[s] == "thb") & (cur != thb)
        fx = RATE_ARR[cur[conv]] / RATE_ARR[thb] * (1 - rng.uniform(0.005, 0.025, int(conv.sum())))
        amt[conv] = np.round(amt[conv] * fx, 2)
        cur[conv] = thb
        crypto = chan == "crypto"  # the digital-asset arm values transfers in USD
        amt[crypto] = np.round(usd[crypto], 2)
        cur[crypto] = CUR_IDX["USD"]
        if isinstance(memo, str):
            memos = np.full(n, memo, dtype=object)
        else:  # a list is a pool to draw from, an array holds one memo per payment
            pool = np.array(memo, dtype=object)
            memos = pool if isinstance(memo, np.ndarray) else pool[rng.integers(0, len(pool), n)]
            memos = np.where(rng.random(n) < memo_p, memos, "")
        self.tx.append(
            {
                "s": np.asarray(s, dtype=np.int64),
                "r": np.asarray(r, dtype=np.int64),
                "t": np.asarray(t, dtype=np.int64),
                "amount": amt,
                "cur": cur,
                "usd": amt * RATE_ARR[cur],
                "channel": chan,
                "memo": memos,
                "mcc": np.full(n, mcc, dtype=object) if isinstance(mcc, str) else mcc,
                "label": np.full(n, label, dtype=np.int8),
                "typology": np.full(n, typology, dtype=object),
            }
        )

    def cash_out(
        self,
        s: np.ndarray,
        t: np.ndarray,
        usd: np.ndarray,
        share: float,
        delay_h: float,
        atm: np.ndarray,
        sinks: np.ndarray | None = None,
        label: int = 0,
        typology: str = "",
    ) -> None:
        """Withdraw `share` of each account's daily inflow within about delay_h hours, at an
        ATM or (if sinks given) by transfer to one of the sinks of that account."""
        rng = self.rng
        if len(s) == 0:
            return
        day = (t // 86400).astype(np.int64)
        df = (
            pl.DataFrame({"s": s, "day": day, "t": t, "usd": usd})
            .group_by("s", "day")
            .agg(pl.col("t").max(), pl.col("usd").sum())
            .sort("s", "day")  # group order is not stable; the draws below must be
        )
        a = df["s"].to_numpy()
        n = len(a)
        amt_usd = df["usd"].to_numpy() * rng.uniform(share, 1.0, n)
        thb = np.maximum(100.0, np.round(amt_usd / RATE["THB"], -2))
        tt = df["t"].to_numpy() + rng.exponential(delay_h * 3600, n).astype(np.int64) + 600
        keep = tt < DAYS * 86400
        a, thb, tt = a[keep], thb[keep], tt[keep]
        n = len(a)
        to_atm = rng.random(n) < (0.55 if sinks is not None else 1.0)
        r = atm[rng.integers(0, len(atm), n)]
        if sinks is not None:
            r = np.where(to_atm, r, sinks[rng.integers(0, len(sinks), n)])
        chan = np.where(to_atm, "card", rng.choice(["p2p", "ewallet"], n)).astype(object)
        mcc = np.where(to_atm, "6011", "").astype(object)
        self.pay(
            a,
            r,
            tt,
            thb * RATE["THB"],
            channel=chan,
            mcc=mcc,
            price="sender",
            label=label,
            typology=typology,
        )


def nice_round(x: np.ndarray) -> np.ndarray:
    """The nearest 'even' amount a person would type: 20, 25, 50, 75, 100, 150, 2,000..."""
    x = np.maximum(np.asarray(x, dtype=float), 1.0)
    step = 10 ** np.floor(np.log10(x))
    m = x / step
    grid = np.array([1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 7.5, 8, 10])
    best = grid[np.abs(np.log(m[:, None]) - np.log(grid[None, :])).argmin(axis=1)]
    return best * step


def lognormal(
    rng: np.random.Generator, median: float, sigma: float, n: int, lo: float, hi: float
) -> np.ndarray:
    return np.clip(rng.lognormal(np.log(median), sigma, n), lo, hi)


def spread(rng: np.random.Generator, total: int, n: int) -> np.ndarray:
    """Split `total` payments over n payers with a heavy-tailed activity level."""
    w = rng.lognormal(0, 0.9, n)
    return rng.multinomial(total, w / w.sum()) if n else np.zeros(0, dtype=np.int64)


# --- benign background -----------------------------------------------------------------
class Pools:
    """Accounts shared by several populations: customers, families, merchants, ATMs."""

    def __init__(self, w: World, n_bg: int) -> None:
        rng = w.rng
        n_cust = max(1500, n_bg // 45)
        fam_size = rng.integers(1, 5, size=n_cust // 2)
        fam = np.repeat(np.arange(len(fam_size)), fam_size)[:n_cust]
        n_cust = len(fam)
        sur = w.thai_surnames(int(fam.max()) + 1)[fam]
        sex = np.where(rng.random(n_cust) < 0.5, "M", "F").astype(object)
        self.cust = w.thai(
            n_cust, population="retail", sex=sex, age=(20, 75), names=w.thai_names(sex, sur)
        )
        self.fam = fam
        self.surname = sur
        n_minor = max(300, n_cust // 12)
        psel = rng.integers(0, n_cust, n_minor)  # each minor's parent
        msex = np.where(rng.random(n_minor) < 0.5, "M", "F").astype(object)
        self.minor = w.thai(
            n_minor, population="youth", sex=msex, age=(12, 17), names=w.thai_names(msex, sur[psel])
        )
        self.minor_parent = self.cust[psel]
        self.minor_sex = msex
        self.ext = w.add(
            max(500, n_cust // 6),
            kind="ext",
            population="other_bank",
            names=w.thai_names(
                np.where(rng.random(max(500, n_cust // 6)) < 0.5, "M", "F").astype(object)
            ),
        )
        self.employer = w.add(
            max(40, n_cust // 60),
            kind="ext",
            population="employer",
            names=np.array(
                [
                    f"{x.split()[1].upper()} CO LTD"
                    for x in w.thai_names(np.full(max(40, n_cust // 60), "M", dtype=object))
                ],
                dtype=object,
            ),
        )
        # Merchants by province: (kind of business, MCC).
        kinds = [
            ("7-ELEVEN", "5411"),
            ("RESTAURANT", "5812"),
            ("BAR", "5813"),
            ("HOTEL", "7011"),
            ("PHARMACY", "5912"),
            ("FUEL", "5541"),
            ("MASSAGE", "7298"),
            ("DEPT STORE", "5311"),
            ("JEWELRY", "5944"),
            ("TOYS", "5945"),
            ("KIDS WEAR", "5641"),
            ("GIFT SHOP", "5947"),
            ("MARKET", "5499"),
            ("ELECTRONICS", "5732"),
        ]
        weights = np.array([14, 12, 4, 3, 4, 6, 3, 6, 0.8, 0.8, 0.8, 1, 10, 3])
        provs = TOURIST_PROV + RURAL_PROV
        n_merch = max(300, n_cust // 5)
        kk = rng.choice(len(kinds), n_merch, p=weights / weights.sum())
        pv = rng.choice(
            len(provs), n_merch, p=np.r_[np.full(7, 5.0), np.full(13, 1.5)] / (35 + 19.5)
        )
        names = np.array(
            [
                f"{kinds[k][0]} {provs[p]} {i:04d}"
                for i, (k, p) in enumerate(zip(kk, pv, strict=True))
            ],
            dtype=object,
        )
        self.merch = w.add(n_merch, kind="MID", population="merchant", names=names)
        self.merch_mcc = np.array([kinds[k][1] for k in kk], dtype=object)
        self.merch_kind = np.array([kinds[k][0] for k in kk], dtype=object)
        self.merch_rural = pv >= 7
        n_atm = max(60, n_cust // 80)
        apv = rng.choice(len(provs), n_atm)
        self.atm = w.add(
            n_atm,
            kind="ATM",
            population="atm",
            names=np.array([f"ATM {provs[p]} {i:03d}" for i, p in enumerate(apv)], dtype=object),
        )
        self.atm_rural = apv >= 7
        billers = [
            "PEA ELECTRICITY",
            "MWA WATER",
            "AIS MOBILE",
            "TRUE MOVE",
            "3BB INTERNET",
            "DTAC",
            "INSURANCE PREMIUM",
        ]
        self.biller = w.add(
            len(billers), kind="MID", population="biller", names=np.array(billers, dtype=object)
        )
        games = [
            "GARENA ONLINE",
            "ROV TOPUP",
            "ROBLOX",
            "STEAM PURCHASE",
            "GOOGLE PLAY",
            "APPLE.COM/BILL",
            "RAZER GOLD",
            "FREE FIRE DIAMONDS",
            "PUBG UC SHOP",
            "TRUEMONEY GAME",
        ]
        self.game = w.add(
            len(games), kind="MID", population="game_merchant", names=np.array(games, dtype=object)
        )
        ex = ["BITKUB ONLINE", "SATANG CORP", "ORBIX TRADE", "UPBIT TH"]
        self.exchange = w.add(
            len(ex), kind="MID", population="exchange", names=np.array(ex, dtype=object)
        )
        self.wallet = w.add(
            3,
            kind="MID",
            population="ewallet_topup",
            names=np.array(["TRUEMONEY WALLET", "SHOPEEPAY", "LINE PAY RABBIT"], dtype=object),
        )

    def rural_atm(self, rural: bool) -> np.ndarray:
        return self.atm[self.atm_rural == rural] if (self.atm_rural == rural).any() else self.atm


def pop_retail(w: World, p: Pools, n: dict[str, int]) -> None:
    rng = w.rng
    cust = p.cust
    nc = len(cust)
    act = rng.lognormal(0, 0.8, nc)
    act /= act.sum()
    tz = np.full(1, 7.0)
    # Card spending at merchants (tourist-area merchants get locals too).
    k = n["card"]
    s = cust[rng.choice(nc, k, p=act)]
    m = rng.integers(0, len(p.merch), k)
    usd = lognormal(rng, 250, 0.9, k, 20, 60000) * RATE["THB"]
    w.pay(
        s,
        p.merch[m],
        w.times(np.repeat(tz, k), np.zeros(k), np.full(k, DAYS), H_DAY),
        usd,
        channel="card",
        mcc=p.merch_mcc[m],
        price="receiver",
    )
    # Transfers: family (same surname), a fixed circle of contacts, other banks.
    k = n["p2p"]
    si = rng.choice(nc, k, p=act)
    kind = rng.random(k)
    fam_start = np.searchsorted(p.fam, p.fam[si])
    fam_len = np.searchsorted(p.fam, p.fam[si], side="right") - fam_start
    fam_pick = fam_start + rng.integers(0, 1_000_000, k) % np.maximum(fam_len, 1)
    contact = (si + 1 + (rng.integers(0, 8, k) * 7_919)) % nc
    ri = np.where(kind < 0.25, fam_pick, contact)
    r = np.where(kind > 0.8, p.ext[rng.integers(0, len(p.ext), k)], cust[ri])
    same = r == cust[si]
    r[same] = p.ext[rng.integers(0, len(p.ext), int(same.sum()))]
    usd = lognormal(rng, 450, 1.1, k, 20, 200000) * RATE["THB"]
    chan = rng.choice(["p2p", "bank", "ewallet"], k, p=[0.7, 0.2, 0.1]).astype(object)
    w.pay(
        cust[si],
        r,
        w.times(np.repeat(tz, k), np.zeros(k), np.full(k, DAYS), H_DAY),
        usd,
        channel=chan,
        memo=M_P2P,
        round_p=0.6,
    )
    # Salaries (monthly, 25th-28th), bills (monthly), cash at the bank's ATMs.
    k = n["salary"]
    paid = cust[rng.permutation(nc)[: max(1, k // 12)]]
    emp = p.employer[rng.integers(0, len(p.employer), len(paid))]
    month = np.tile(np.arange(12), len(paid))[:k]
    who = np.repeat(np.arange(len(paid)), 12)[:k]
    d = month * 30.4 + 24 + rng.integers(0, 4, len(who))
    base = lognormal(rng, 22000, 0.5, len(paid), 9000, 250000)
    w.pay(
        emp[who],
        paid[who],
        w.times(np.repeat(tz, len(who)), d, d + 1, H_WORK),
        base[who] * rng.uniform(0.97, 1.03, len(who)) * RATE["THB"],
        channel="bank",
        memo=["SALARY", "เงินเดือน", "PAYROLL"],
    )
    k = n["bills"]
    s = cust[rng.choice(nc, k, p=act)]
    w.pay(
        s,
        p.biller[rng.integers(0, len(p.biller), k)],
        w.times(np.repeat(tz, k), np.zeros(k), np.full(k, DAYS), H_DAY),
        lognormal(rng, 700, 0.7, k, 99, 20000) * RATE["THB"],
        channel=rng.choice(["bank", "ewallet"], k).astype(object),
        mcc="4900",
    )
    k = n["atm"]
    s = cust[rng.choice(nc, k, p=act)]
    w.pay(
        s,
        p.atm[rng.integers(0, len(p.atm), k)],
        w.times(np.repeat(tz, k), np.zeros(k), np.full(k, DAYS), H_DAY),
        lognormal(rng, 2000, 0.7, k, 100, 20000) * RATE["THB"],
        channel="card",
        mcc="6011",
        round_p=1.0,
    )
    # Parents' allowances to teens ("ค่าขนม", snack money), weekly-ish.
    k = n["allowance"]
    mi = rng.integers(0, len(p.minor), k)
    w.pay(
        p.minor_parent[mi],
        p.minor[mi],
        w.times(np.repeat(tz, k), np.zeros(k), np.full(k, DAYS), H_DAY),
        lognormal(rng, 400, 0.6, k, 50, 5000) * RATE["THB"],
        channel="p2p",
        memo=M_ALLOWANCE,
        round_p=0.9,
    )


def pop_seller(w: World, p: Pools, k: int) -> None:
    """Online sellers: many domestic buyers each, batches on to suppliers."""
    rng = w.rng
    ns = max(20, k // 250)
    sellers = w.thai(ns, population="online_seller", age=(20, 50))
    ki = int(k * 0.85)
    buyers = np.where(
        rng.random(ki) < 0.7,
        p.cust[rng.integers(0, len(p.cust), ki)],
        p.ext[rng.integers(0, len(p.ext), ki)],
    )
    r = sellers[rng.choice(ns, ki, p=(lambda a: a / a.sum())(rng.lognormal(0, 1, ns)))]
    tz = np.full(ki, 7.0)
    t = w.times(tz, np.zeros(ki), np.full(ki, DAYS), H_EVENING)
    w.pay(
        buyers,
        r,
        t,
        lognormal(rng, 450, 0.8, ki, 59, 20000) * RATE["THB"],
        channel=rng.choice(["p2p", "ewallet"], ki).astype(object),
        memo=["", "", "order", "ค่าของ", "ค่าส่ง", "#"],
        round_p=0.4,
    )
    ko = k - ki
    sup = p.ext[rng.integers(0, len(p.ext), max(5, ns // 3))]
    s = sellers[rng.integers(0, ns, ko)]
    w.pay(
        s,
        sup[rng.integers(0, len(sup), ko)],
        w.times(np.full(ko, 7.0), np.zeros(ko), np.full(ko, DAYS), H_WORK),
        lognormal(rng, 15000, 0.8, ko, 1000, 500000) * RATE["THB"],
        channel="bank",
        memo=["ค่าสินค้า", "", "invoice"],
    )


def pop_tourist(w: World, p: Pools, k: int) -> None:
    """Foreign cards at the bank's terminals: trips of 4-14 days (long stays 30-90), mostly
    in tourist areas; some visit a partner's family up-country."""
    rng = w.rng
    per = 14
    nt = max(30, k // per)
    ctry = w.countries(
        {**WESTERN_FROM, "JP": 0.08, "KR": 0.08, "SG": 0.05, "MY": 0.05, "HK": 0.03}, nt
    )
    cards = w.add(nt, kind="card", population="tourist", country=ctry)
    longstay = rng.random(nt) < 0.15
    rural = rng.random(nt) < 0.1
    n_per = np.maximum(2, rng.poisson(np.where(longstay, 45, 11)))
    scale = k / n_per.sum()
    n_per = np.maximum(1, np.round(n_per * scale)).astype(np.int64)
    s = np.repeat(cards, n_per)
    i = np.repeat(np.arange(nt), n_per)
    stay = np.where(longstay, rng.uniform(30, 90, nt), rng.uniform(4, 14, nt))
    arrive = rng.uniform(0, DAYS - stay)
    d0 = arrive[i]
    d1 = (arrive + stay)[i]
    t = w.times(np.full(len(s), 7.0), d0, d1, H_DAY)
    pool_t = np.flatnonzero(~p.merch_rural)
    pool_r = np.flatnonzero(p.merch_rural)
    use_rural = rural[i] & (rng.random(len(s)) < 0.8)
    m = np.where(
        use_rural,
        pool_r[rng.integers(0, len(pool_r), len(s))],
        pool_t[rng.integers(0, len(pool_t), len(s))],
    )
    atm = rng.random(len(s)) < np.where(longstay[i], 0.3, 0.15)
    a_pool = np.where(
        use_rural,
        p.rural_atm(True)[rng.integers(0, len(p.rural_atm(True)), len(s))],
        p.rural_atm(False)[rng.integers(0, len(p.rural_atm(False)), len(s))],
    )
    r = np.where(atm, a_pool, p.merch[m])
    mcc = np.where(atm, "6011", p.merch_mcc[m]).astype(object)
    usd = (
        np.where(
            atm,
            rng.choice([3000, 5000, 10000, 20000], len(s), p=[0.3, 0.35, 0.25, 0.1]),
            lognormal(rng, 900, 1.0, len(s), 60, 200000),
        )
        * RATE["THB"]
    )
    w.pay(s, r, t, usd, channel="card", mcc=mcc, price="receiver")


def pop_expat(w: World, p: Pools, k: int) -> None:
    """Foreign retirees living in Thailand: a pension from home, local spending, and support
    for a Thai partner, paid domestically."""
    rng = w.rng
    ne = max(10, k // 60)
    sex = np.where(rng.random(ne) < 0.85, "M", "F").astype(object)
    names = w.foreign_names(sex, upper=False)
    home = w.countries(WESTERN_FROM, ne)
    ex = w.add(ne, kind="cust", population="expat", sex=sex, age=(50, 80), names=names, device=True)
    src = w.add(
        ne,
        kind="SWF",
        population="expat_home_account",
        country=home,
        sex=sex,
        names=np.array([x.upper() for x in names], dtype=object),
        mode="src",
    )
    months = np.tile(np.arange(12), ne)
    who = np.repeat(np.arange(ne), 12)
    d = months * 30.4 + rng.integers(0, 5, len(who))
    pension = lognormal(rng, 1800, 0.4, ne, 700, 8000)
    w.pay(
        src[who],
        ex[who],
        w.times(np.full(len(who), 7.0), d, d + 1, H_WORK),
        pension[who],
        channel="bank",
        memo=["PENSION", "transfer", ""],
        round_p=0.5,
    )
    rest = max(0, k - len(who))
    partner = w.thai(
        ne, population="expat_partner", sex=np.full(ne, "F", dtype=object), age=(25, 55)
    )
    i = rng.integers(0, ne, rest)
    kind = rng.random(rest)
    m = rng.integers(0, len(p.merch), rest)
    r = np.where(
        kind < 0.55,
        p.merch[m],
        np.where(kind < 0.8, p.atm[rng.integers(0, len(p.atm), rest)], partner[i]),
    )
    chan = np.where(kind < 0.8, "card", "p2p").astype(object)
    mcc = np.where(kind < 0.55, p.merch_mcc[m], np.where(kind < 0.8, "6011", "")).astype(object)
    usd = (
        np.where(
            kind < 0.55,
            lognormal(rng, 600, 0.9, rest, 40, 50000),
            np.where(
                kind < 0.8,
                rng.choice([5000, 10000, 20000], rest),
                lognormal(rng, 3000, 0.8, rest, 300, 50000),
            ),
        )
        * RATE["THB"]
    )
    w.pay(
        ex[i],
        r,
        w.times(np.full(rest, 7.0), np.zeros(rest), np.full(rest, DAYS), H_DAY),
        usd,
        channel=chan,
        mcc=mcc,
        memo=M_PARTNER,
        memo_p=0.3,
        round_p=0.7,
    )


def romanise_variant(name: str, rng: np.random.Generator) -> str:
    """The same Thai surname spelt another way (there is no single romanisation)."""
    for a, b in (("ph", "p"), ("th", "t"), ("ch", "j"), ("w", "v"), ("ai", "ay"), ("k", "g")):
        if a in name.lower() and rng.random() < 0.6:
            return name.replace(a, b).replace(a.capitalize(), b.capitalize())
    return name + "e"


def pop_diaspora(w: World, p: Pools, k: int) -> None:
    """Thai workers abroad (Israel, Taiwan, Korea, ...) sending to family near payday."""
    rng = w.rng
    nd = max(10, k // 14)
    fam = rng.integers(0, len(p.cust), nd)
    sur = p.surname[fam]
    alt = rng.random(nd) < 0.1
    sur = np.array(
        [romanise_variant(s, rng) if a else s for s, a in zip(sur, alt, strict=True)], dtype=object
    )
    sex = np.where(rng.random(nd) < 0.6, "M", "F").astype(object)
    names = np.array([x.upper() for x in w.thai_names(sex, sur)], dtype=object)
    snd = w.foreigners(
        nd, population="diaspora_sender", weights=DIASPORA_FROM, male=0.6, age=(22, 55), names=names
    )
    n_recv = rng.choice([1, 1, 1, 2, 3], nd)
    per = np.maximum(1, rng.poisson(k / nd, nd))
    s = np.repeat(snd, per)
    i = np.repeat(np.arange(nd), per)
    fam_start = np.searchsorted(p.fam, p.fam[fam])
    fam_len = np.searchsorted(p.fam, p.fam[fam], side="right") - fam_start
    pick = fam_start[i] + rng.integers(0, 100, len(s)) % np.minimum(n_recv[i], fam_len[i])
    r = p.cust[pick]
    month = rng.integers(0, 12, len(s))
    d = month * 30.4 + rng.integers(-4, 6, len(s)) + 27
    usd = lognormal(rng, 330, 0.6, nd, 60, 3000)[i] * rng.uniform(0.8, 1.2, len(s))
    chan = np.where(rng.random(len(s)) < 0.8, "msb", "bank").astype(object)
    t = w.times(w.col("tz")[s], d, d + 1, H_DAY)
    w.pay(s, r, t, usd, channel=chan, memo=M_FAMILY, round_p=0.55)
    # Rural families often withdraw remittances soon after they land.
    last = w.tx[-1]
    cash = rng.random(nd)[i] < 0.4
    w.cash_out(last["r"][cash], last["t"][cash], last["usd"][cash], 0.5, 30, p.rural_atm(True))


def pop_freelancer(w: World, p: Pools, k: int) -> None:
    rng = w.rng
    nf = max(5, k // 30)
    fl = w.thai(nf, population="freelancer", age=(22, 45))
    nc = max(10, nf * 3)
    cl = w.foreigners(
        nc, population="client", weights={**WESTERN_FROM, "SG": 0.08, "HK": 0.04}, male=0.6
    )
    ci = rng.integers(0, nc, k)
    s, r = cl[ci], fl[(ci * 31) % nf]
    t = w.times(w.col("tz")[s], np.zeros(k), np.full(k, DAYS), H_WORK)
    w.pay(
        s,
        r,
        t,
        lognormal(rng, 450, 0.9, k, 40, 8000),
        channel=rng.choice(["bank", "ewallet"], k).astype(object),
        memo=M_FREELANCE,
        round_p=0.45,
    )


def pop_student_abroad(w: World, p: Pools, k: int) -> None:
    rng = w.rng
    ns = max(3, k // 12)
    par = p.cust[rng.integers(0, len(p.cust), ns)]
    st = w.add(
        ns,
        kind="IBAN",
        population="student_abroad",
        country=w.countries({"GB": 3, "AU": 3, "US": 2, "JP": 1, "NZ": 1, "CA": 1}, ns),
        age=(17, 26),
        names=np.array(
            [
                x.upper()
                for x in w.thai_names(
                    np.where(rng.random(ns) < 0.5, "M", "F").astype(object),
                    p.surname[np.searchsorted(p.cust, par)],
                )
            ],
            dtype=object,
        ),
    )
    i = rng.integers(0, ns, k)
    w.pay(
        par[i],
        st[i],
        w.times(np.full(k, 7.0), np.zeros(k), np.full(k, DAYS), H_WORK),
        lognormal(rng, 1200, 0.5, k, 200, 10000),
        channel=rng.choice(["bank", "msb"], k).astype(object),
        memo=["ค่าเทอม", "tuition", "ค่าใช้จ่าย", ""],
        round_p=0.8,
    )


# --- hard negatives -----------------------------------------------------------------
def pop_partner(w: World, p: Pools, k: int) -> None:
    """Foreign men supporting Thai partners: a monthly amount plus small extras in the
    evening ("ค่าขนม", "for your mom"); a fifth keep two or three partners; married ones
    share a surname; the partners, often rural, withdraw it soon."""
    rng = w.rng
    nm = max(5, k // 20)
    men = w.foreigners(
        nm, population="partner_sponsor", weights=WESTERN_FROM, male=1.0, age=(38, 72)
    )
    nparts = rng.choice([1, 2, 3], nm, p=[0.78, 0.17, 0.05])
    owner = np.repeat(np.arange(nm), nparts)
    married = (rng.random(len(owner)) < 0.3) & (nparts[owner] == 1)
    men_sur = np.array([x.split()[-1].title() for x in w.col("name")[men]], dtype=object)
    sur = np.where(married, men_sur[owner], w.thai_surnames(len(owner)))
    parts = w.thai(
        len(owner),
        population="partner",
        sex=np.full(len(owner), "F", dtype=object),
        age=(20, 45),
        names=w.thai_names(np.full(len(owner), "F", dtype=object), sur),
    )
    monthly = lognormal(rng, 350, 0.5, len(owner), 100, 2000)
    per = np.maximum(1, rng.poisson(k / len(owner), len(owner)))
    j = np.repeat(np.arange(len(owner)), per)
    extra = rng.random(len(j)) < 0.55
    usd = np.where(
        extra, lognormal(rng, 45, 0.6, len(j), 10, 250), monthly[j] * rng.uniform(0.9, 1.1, len(j))
    )
    s = men[owner[j]]
    hours = np.where(extra, 1, 0)
    t = np.where(
        hours == 1,
        w.times(w.col("tz")[s], np.zeros(len(j)), np.full(len(j), DAYS), H_EVENING),
        w.times(w.col("tz")[s], np.zeros(len(j)), np.full(len(j), DAYS), H_DAY),
    )
    chan = rng.choice(["msb", "ewallet", "bank"], len(j), p=[0.55, 0.3, 0.15]).astype(object)
    w.pay(s, parts[j], t, usd, channel=chan, memo=M_PARTNER, memo_p=0.6, round_p=0.8)
    last = w.tx[-1]
    cash = rng.random(len(owner))[j] < 0.5
    w.cash_out(last["r"][cash], last["t"][cash], last["usd"][cash], 0.6, 20, p.rural_atm(True))


def pop_sponsor(w: World, p: Pools, k: int) -> None:
    """Individual sponsors abroad paying Thai pupils' and students' fees monthly; some
    support two or three children (unrelated, young, cross-border, in the band)."""
    rng = w.rng
    n_sp = max(4, k // 14)
    sp = w.foreigners(n_sp, population="sponsor", weights=WESTERN_FROM, male=0.55, age=(35, 75))
    nk = rng.choice([1, 2, 3], n_sp, p=[0.7, 0.2, 0.1])
    owner = np.repeat(np.arange(n_sp), nk)
    kids = w.thai(len(owner), population="sponsored", age=(13, 21))
    months = np.tile(np.arange(12), len(owner))
    j = np.repeat(np.arange(len(owner)), 12)
    keep = rng.random(len(j)) < min(1.0, k / max(1, len(j)))
    j, months = j[keep], months[keep]
    d = months * 30.4 + rng.integers(0, 7, len(j))
    s = sp[owner[j]]
    amount = rng.choice([25, 30, 40, 50, 60, 75, 100, 120, 150], len(owner))
    w.pay(
        s,
        kids[j],
        w.times(w.col("tz")[s], d, d + 1, H_DAY),
        amount[j].astype(float),
        channel=rng.choice(["msb", "ewallet", "bank"], len(j)).astype(object),
        memo=M_SPONSOR,
        memo_p=0.8,
        round_p=1.0,
    )


def pop_creator(w: World, p: Pools, k: int) -> None:
    """Adult creators: weekly platform payouts and direct tips from many foreign fans, who
    tip in their own late evening."""
    rng = w.rng
    nc = max(5, k // 90)
    cr = w.thai(
        nc,
        population="adult_creator",
        sex=np.where(rng.random(nc) < 0.85, "F", "M").astype(object),
        age=(20, 35),
    )
    plat = w.add(
        4,
        kind="SWF",
        population="platform",
        country=np.array(["US", "GB", "GB", "US"], dtype=object),
        names=np.array(
            ["FANPAGE PAYMENTS LLC", "CREATOR PAYOUTS LTD", "STREAMHUB MEDIA LTD", "TIPJAR INC"],
            dtype=object,
        ),
    )
    kp = int(k * 0.2)
    ci = rng.integers(0, nc, kp)
    w.pay(
        plat[ci % 4],
        cr[ci],
        w.times(np.full(kp, 0.0), np.zeros(kp), np.full(kp, DAYS), H_WORK),
        lognormal(rng, 400, 1.0, kp, 30, 6000),
        channel="bank",
        memo=["PAYOUT", "creator earnings", ""],
    )
    kf = k - kp
    nf = max(10, kf // 5)
    fans = w.foreigners(
        nf, population="creator_fan", weights={**OFFENDER_FROM}, male=0.97, age=(20, 65)
    )
    fav = cr[rng.integers(0, nc, nf)]
    fi = rng.choice(nf, kf, p=(lambda a: a / a.sum())(rng.lognormal(0, 1, nf)))
    s = fans[fi]
    other = rng.random(kf) < 0.15
    r = np.where(other, cr[rng.integers(0, nc, kf)], fav[fi])
    handles = np.array([f"@{w.col('name')[c].split()[0].lower()}{c % 97}" for c in r], dtype=object)
    memo = np.where(
        rng.random(kf) < 0.3,
        handles,
        np.array(M_FAN, dtype=object)[rng.integers(0, len(M_FAN), kf)],
    )
    w.pay(
        s,
        r,
        w.times(w.col("tz")[s], np.zeros(kf), np.full(kf, DAYS), H_EVENING),
        lognormal(rng, 20, 0.7, kf, 3, 300),
        channel=rng.choice(["ewallet", "msb"], kf, p=[0.7, 0.3]).astype(object),
        memo=memo,
        round_p=0.8,
    )


def pop_charity(w: World, p: Pools, k: int) -> None:
    """Temples and children's foundations with many small foreign and diaspora donors."""
    rng = w.rng
    nf = max(3, k // 400)
    names = np.array(
        [
            f"{x} FOUNDATION" if i % 2 else f"WAT {x.split()[0].upper()}"
            for i, x in enumerate(
                [
                    "CHILDREN'S HOME",
                    "HOPE",
                    "SANGKHOM",
                    "BAAN DEK",
                    "LITTLE STARS",
                    "NONG KHAI CHILD",
                    "ISAN SCHOOLS",
                    "MERCY",
                ]
                * (nf // 8 + 1)
            )
        ][:nf],
        dtype=object,
    )
    fd = w.add(nf, kind="cust", population="charity", names=names)
    kd = int(k * 0.85)
    nd = max(10, kd // 4)
    donors = w.foreigners(
        nd,
        population="donor",
        weights={**WESTERN_FROM, **{c: v * 0.5 for c, v in DIASPORA_FROM.items()}},
        male=0.5,
        age=(25, 80),
    )
    di = rng.integers(0, nd, kd)
    s, r = donors[di], fd[di % nf]
    w.pay(
        s,
        r,
        w.times(w.col("tz")[s], np.zeros(kd), np.full(kd, DAYS), H_EVENING),
        lognormal(rng, 35, 0.7, kd, 5, 1000),
        channel=rng.choice(["msb", "ewallet", "bank"], kd).astype(object),
        memo=M_DONOR,
        memo_p=0.85,
        round_p=0.9,
    )
    ko = k - kd
    w.pay(
        fd[rng.integers(0, nf, ko)],
        p.ext[rng.integers(0, len(p.ext), ko)],
        w.times(np.full(ko, 7.0), np.zeros(ko), np.full(ko, DAYS), H_WORK),
        lognormal(rng, 30000, 0.8, ko, 2000, 500000) * RATE["THB"],
        channel="bank",
        memo=["salary staff", "food supplies", "school fees", ""],
    )


def pop_romance(w: World, p: Pools, k: int) -> None:
    """Romance-scam victims abroad paying escalating sums to a Thai receiving account, which
    passes the money on within hours."""
    rng = w.rng
    nv = max(3, k // 12)
    vic = w.foreigners(
        nv, population="romance_victim", weights=WESTERN_FROM, male=0.6, age=(45, 78)
    )
    nr = max(2, nv // 3)
    rec = w.thai(nr, population="romance_scammer", age=(20, 40))
    per = rng.integers(3, 16, nv)
    j = np.repeat(np.arange(nv), per)
    step = np.concatenate([np.arange(x) for x in per])
    first = lognormal(rng, 150, 0.6, nv, 30, 800)
    usd = np.minimum(first[j] * rng.uniform(1.2, 1.7, nv)[j] ** step, 15000)
    start = rng.uniform(0, DAYS - 60, nv)
    d = start[j] + step * rng.uniform(2, 9, len(j))
    s = vic[j]
    w.pay(
        s,
        rec[j % nr],
        w.times(w.col("tz")[s], d, d + 1, H_DAY),
        usd,
        channel=rng.choice(["msb", "bank", "ewallet"], len(j)).astype(object),
        memo=M_ROMANCE,
        memo_p=0.6,
        round_p=0.7,
    )
    last = w.tx[-1]
    w.cash_out(last["r"], last["t"], last["usd"], 0.8, 6, p.atm, sinks=p.exchange)


def pop_scam(w: World, p: Pools, k: int) -> None:
    """Domestic call-centre scams: victims transfer large sums to rented mule accounts
    ("บัญชีม้า"), which forward within the hour to a second layer or an exchange."""
    rng = w.rng
    nm = max(3, k // 25)
    mules = w.thai(nm, population="scam_mule", age=(18, 30))
    layer2 = p.ext[rng.integers(0, len(p.ext), max(3, nm // 4))]
    ki = k // 2
    vic = p.cust[rng.integers(0, len(p.cust), ki)]
    mi = rng.integers(0, nm, ki)
    start = rng.uniform(0, DAYS - 21, nm)
    d = start[mi] + rng.uniform(0, 21, ki)
    w.pay(
        vic,
        mules[mi],
        w.times(np.full(ki, 7.0), d, d + 1, H_WORK),
        lognormal(rng, 30000, 1.0, ki, 2000, 900000) * RATE["THB"],
        channel=rng.choice(["bank", "p2p"], ki).astype(object),
        memo=["", "", "ค่าธรรมเนียม", "ภาษี", "ยืนยันตัวตน"],
    )
    last = w.tx[-1]
    w.cash_out(last["r"], last["t"], last["usd"], 0.9, 1, p.atm, sinks=np.r_[layer2, p.exchange])


def pop_gamer(w: World, p: Pools, k: int) -> None:
    """Teens topping up games late in the evening, in bursts; some pay a new peer two or
    three times in a day for an item or an account."""
    rng = w.rng
    nm = len(p.minor)
    gamers = rng.permutation(nm)[: max(10, nm // 2)]
    pops = w.col("population")  # gamer teens keep their youth accounts
    pops[p.minor[gamers]] = "gamer"
    ks = max(10, len(gamers) // 8) * 3
    kt = max(0, k - ks)
    gi = p.minor[gamers][
        rng.choice(len(gamers), kt, p=(lambda a: a / a.sum())(rng.lognormal(0, 1, len(gamers))))
    ]
    base = w.times(np.full(kt, 7.0), np.zeros(kt), np.full(kt, DAYS), H_EVENING)
    burst = rng.random(kt) < 0.4
    t = np.where(burst, np.roll(base, 1) + rng.integers(60, 3600, kt), base)
    gi = np.where(burst, np.roll(gi, 1), gi)
    w.pay(
        gi,
        p.game[rng.integers(0, len(p.game), kt)],
        np.clip(t, 0, DAYS * 86400 - 1),
        rng.choice([29, 35, 59, 99, 149, 179, 299, 349, 599, 1000], kt).astype(float) * RATE["THB"],
        channel=rng.choice(["card", "ewallet"], kt).astype(object),
        mcc="5816",
    )
    nsell = max(5, ks // 12)
    sellers = w.thai(
        nsell, population="game_seller", sex=np.full(nsell, "M", dtype=object), age=(16, 30)
    )
    nb = ks // 3
    buyer = p.minor[gamers[rng.integers(0, len(gamers), nb)]]
    sel = sellers[rng.integers(0, nsell, nb)]
    t0 = w.times(np.full(nb, 7.0), np.zeros(nb), np.full(nb, DAYS), H_EVENING)
    s = np.repeat(buyer, 3)
    r = np.repeat(sel, 3)
    t = np.repeat(t0, 3) + np.tile([0, 1, 2], nb) * rng.integers(600, 8 * 3600, 3 * nb)
    w.pay(
        s,
        r,
        np.clip(t, 0, DAYS * 86400 - 1),
        lognormal(rng, 500, 0.7, 3 * nb, 50, 6000) * RATE["THB"],
        channel="p2p",
        memo=["", "ค่าไอดี", "ค่าของในเกม", "rov id", "skin"],
        round_p=0.8,
    )


def pop_crypto(w: World, p: Pools, k: int) -> None:
    """Crypto traders: baht to an exchange, then transfers to foreign exchanges and wallets,
    including small regular ones."""
    rng = w.rng
    nt = max(5, k // 25)
    tr = w.thai(
        nt,
        population="crypto_trader",
        sex=np.where(rng.random(nt) < 0.75, "M", "F").astype(object),
        age=(20, 45),
    )
    kb = k // 3
    w.pay(
        tr[rng.integers(0, nt, kb)],
        p.exchange[rng.integers(0, len(p.exchange), kb)],
        w.times(np.full(kb, 7.0), np.zeros(kb), np.full(kb, DAYS), H_EVENING),
        lognormal(rng, 8000, 1.0, kb, 500, 500000) * RATE["THB"],
        channel="bank",
        mcc="6051",
        round_p=0.8,
    )
    kc = k - kb
    na = max(20, kc // 6)
    addr = w.add(
        na,
        kind="crypto",
        population="crypto_address",
        country=w.countries({"SC": 3, "KY": 2, "MT": 1, "VG": 1, "SG": 1, "US": 1, "TH": 1}, na),
    )
    s = tr[rng.integers(0, nt, kc)]
    r = addr[(np.searchsorted(tr, s) * 13 + rng.integers(0, 4, kc)) % na]
    small = rng.random(kc) < 0.3
    usd = np.where(
        small, lognormal(rng, 30, 0.5, kc, 5, 150), lognormal(rng, 600, 1.2, kc, 20, 50000)
    )
    w.pay(
        s,
        r,
        w.times(np.full(kc, 7.0), np.zeros(kc), np.full(kc, DAYS), H_EVENING),
        usd,
        channel="crypto",
        memo=["", "USDT TRC20", "BTC", "ETH withdraw"],
        round_p=0.5,
    )


# --- planted typologies -------------------------------------------------------------
def cover_memos(w: World, n: int, handle: str) -> np.ndarray:
    """Per payment: empty (half), a cover word (a third), or a contact handle."""
    rng = w.rng
    u = rng.random(n)
    cover = np.array(M_COVER, dtype=object)[rng.integers(0, len(M_COVER), n)]
    hd = np.array([rng.choice(M_HANDLE).format(h=handle) for _ in range(n)], dtype=object)
    return np.where(u < 0.5, "", np.where(u < 0.83, cover, hd)).astype(object)


def offender_amounts(rng: np.random.Generator, n: int) -> np.ndarray:
    """USD 15-100 mostly, sometimes 10-200 (note item 1)."""
    core = rng.uniform(15, 100, n)
    wide = rng.uniform(10, 200, n)
    return np.where(rng.random(n) < 0.8, core, wide)


def sessions(w: World, tz: float, d0: float, d1: float, n: int, hours: np.ndarray) -> np.ndarray:
    """n payment times in bursts: sessions of 1-3 payments minutes apart."""
    rng = w.rng
    per = []
    left = n
    while left > 0:
        x = min(left, int(rng.choice([1, 1, 2, 2, 3])))
        per.append(x)
        left -= x
    ns = len(per)
    st = w.times(np.full(ns, tz), np.full(ns, d0), np.full(ns, d1), hours)
    t = np.repeat(st, per) + np.concatenate([np.arange(x) for x in per]) * rng.integers(
        120, 2400, n
    )
    return np.sort(np.clip(t, 0, DAYS * 86400 - 1))


def life_window(
    rng: np.random.Generator, lo_m: float, hi_m: float, median_m: float
) -> tuple[float, float]:
    """Active days [d0, d1) inside the year for a relationship lasting lo-hi months."""
    months = float(np.clip(rng.lognormal(np.log(median_m), 0.7), lo_m, hi_m))
    length = months * 30.4
    start = rng.uniform(-length + 30, DAYS - 30)
    return max(0.0, start), min(float(DAYS), start + length)


def offenders(w: World, n: int, typology: str, role: str, resident: float = 0.1) -> np.ndarray:
    """Foreign men as the remittance partners report them; a few live in Thailand and pay
    domestically from their own account."""
    rng = w.rng
    n_res = int(rng.binomial(n, resident))
    a = w.foreigners(
        n - n_res,
        population="offender",
        weights=OFFENDER_FROM,
        male=1.0,
        age=(25, 70),
        label=1,
        typology=typology,
        role=role,
    )
    b = w.add(
        n_res,
        kind="cust",
        population="offender",
        sex="M",
        age=(30, 70),
        names=w.foreign_names(np.full(n_res, "M", dtype=object), upper=False),
        device=True,
        label=1,
        typology=typology,
        role=role,
    )
    return np.r_[a, b]


def channel_for(w: World, s: int, n: int) -> np.ndarray:
    rng = w.rng
    if w.col("country")[s] == "TH":
        return rng.choice(["p2p", "ewallet"], n, p=[0.7, 0.3]).astype(object)
    main = rng.choice(["msb", "ewallet", "bank"], p=[0.6, 0.3, 0.1])
    return np.where(rng.random(n) < 0.85, main, rng.choice(["msb", "ewallet"], n)).astype(object)


def plant_t1(w: World, p: Pools, budget: int) -> None:
    rng = w.rng
    pool = w.thai(
        max(3, budget // 15),
        population="offender",
        sex=np.where(rng.random(max(3, budget // 15)) < 0.75, "F", "M").astype(object),
        age=(22, 55),
        label=1,
        typology="T1",
        role="receiver",
    )
    used = np.zeros(len(pool), dtype=bool)
    spent = 0
    while spent < budget:
        lone = rng.random() < 0.3
        s = int(offenders(w, 1, "T1", "consumer")[0])
        tz = float(w.col("tz")[s])
        if lone:
            n = int(rng.integers(1, 4))
            d0, d1 = (lambda x: (x, x + 20))(rng.uniform(0, DAYS - 20))
            k = 1
        else:
            d0, d1 = life_window(rng, 2, 36, 9)
            rate = float(np.clip(rng.lognormal(np.log(6), 0.7), 2, 30))
            n = max(4, int(rate * (d1 - d0) / 30.4))
            k = int(rng.integers(1, 9))
        n = min(n, budget - spent) if budget - spent >= 1 else 1
        free = np.flatnonzero(~used)
        recv = (
            rng.choice(free, min(k, len(free)), replace=False)
            if len(free) >= k
            else rng.integers(0, len(pool), k)
        )
        used[recv] = True
        if rng.random() < 0.2:  # a receiver another consumer also pays
            recv[-1] = rng.integers(0, len(pool))
        t = sessions(w, tz, d0, d1, n, H_NIGHT)
        frac = (t - t.min()) / max(1.0, float(t.max() - t.min()))
        j = np.minimum((rng.random(n) * (1 + frac * len(recv))).astype(int), len(recv) - 1)
        handle = f"{rng.choice(HANDLE_STEM)}{rng.integers(10, 999)}"
        w.pay(
            np.full(n, s),
            pool[recv][j],
            t,
            offender_amounts(rng, n),
            channel=channel_for(w, s, n),
            memo=cover_memos(w, n, handle),
            round_p=0.8,
            label=1,
            typology="T1",
        )
        spent += n


def household(w: World, hub: int, n: int, typology: str) -> np.ndarray:
    """Relatives of a hub: its surname and (shared phone) its device."""
    rng = w.rng
    sur = w.col("name")[hub].split()[-1]
    sex = np.where(rng.random(n) < 0.5, "M", "F").astype(object)
    dev = np.full(n, w.col("device")[hub], dtype=object)
    return w.thai(
        n,
        population="offender",
        sex=sex,
        age=(16, 70),
        names=w.thai_names(sex, np.full(n, sur, dtype=object)),
        device=dev,
        label=1,
        typology=typology,
        role="household",
    )


def inbound_to(
    w: World,
    senders: np.ndarray,
    recv: np.ndarray,
    per: np.ndarray,
    d0: float,
    d1: float,
    typology: str,
) -> None:
    """Each sender's payments (per[i]) to receivers drawn from recv, in night-time bursts."""
    rng = w.rng
    for s, n in zip(senders, per, strict=True):
        if n <= 0:
            continue
        a, b = sorted(rng.uniform(d0, d1, 2))
        t = sessions(w, float(w.col("tz")[s]), a, max(b, a + 3), int(n), H_NIGHT)
        handle = f"{rng.choice(HANDLE_STEM)}{rng.integers(10, 999)}"
        w.pay(
            np.full(n, s),
            recv[rng.integers(0, len(recv), n)],
            t,
            offender_amounts(rng, int(n)),
            channel=channel_for(w, int(s), int(n)),
            memo=cover_memos(w, int(n), handle),
            round_p=0.8,
            label=1,
            typology=typology,
        )


def plant_t2(w: World, p: Pools, budget: int) -> None:
    rng = w.rng
    spent = 0
    while spent < budget:
        room = max(6, int((budget - spent) / 1.9))
        n_snd = int(np.clip(rng.lognormal(np.log(25), 0.8), 5, 200))
        per = np.maximum(1, rng.geometric(0.35, n_snd))
        while per.sum() > room and n_snd > 5:
            n_snd -= 1
            per = per[:n_snd]
        hub = int(
            w.thai(
                1,
                population="offender",
                sex=np.array(["F"], dtype=object),
                age=(25, 55),
                label=1,
                typology="T2",
                role="facilitator",
            )[0]
        )
        hh = household(w, hub, int(rng.integers(2, 7)), "T2")
        snd = offenders(w, n_snd, "T2", "consumer", resident=0.05)
        ctry = w.col("country")[snd]
        if len(set(ctry)) < 2:  # the hub's customers come from >= 2 countries
            snd[-1] = offenders(w, 1, "T2", "consumer", resident=0.0)[0]
            while w.col("country")[snd[-1]] == ctry[0]:
                snd[-1] = offenders(w, 1, "T2", "consumer", resident=0.0)[0]
        d0, d1 = life_window(rng, 2, 12, 6)
        before = len(w.tx)
        recv = np.r_[np.full(3, hub), hh[:1]] if len(hh) else np.full(1, hub)
        inbound_to(w, snd, recv, per, d0, d1, "T2")
        got = w.tx[before:]
        r = np.concatenate([x["r"] for x in got])
        t = np.concatenate([x["t"] for x in got])
        usd = np.concatenate([x["usd"] for x in got])
        n_in = len(r)
        n_before = sum(len(x["s"]) for x in w.tx)
        w.cash_out(
            r,
            t,
            usd,
            0.75,
            10,
            p.rural_atm(True),
            sinks=np.r_[hh, p.wallet],
            label=1,
            typology="T2",
        )
        n_out = sum(len(x["s"]) for x in w.tx) - n_before
        spent += n_in + n_out


def plant_t3(w: World, p: Pools, budget: int) -> None:
    rng = w.rng
    spent = 0
    while spent < budget:
        nf = int(rng.integers(3, 9))
        nc = int(rng.integers(10, 41))
        room = max(10, budget - spent)
        fac = w.thai(
            nf,
            population="offender",
            sex=np.where(rng.random(nf) < 0.7, "F", "M").astype(object),
            age=(22, 55),
            label=1,
            typology="T3",
            role="facilitator",
        )
        col = int(
            w.thai(
                1,
                population="offender",
                sex=np.array(["M"], dtype=object),
                age=(28, 50),
                label=1,
                typology="T3",
                role="collector",
            )[0]
        )
        per = np.maximum(1, rng.geometric(0.2, nc))
        while per.sum() * 1.6 > room and nc > 4:
            nc -= 1
            per = per[:nc]
        cons = offenders(w, nc, "T3", "consumer")
        d0, d1 = life_window(rng, 3, 12, 8)
        before = len(w.tx)
        for c, n in zip(
            cons, per, strict=True
        ):  # each consumer pays 2-4 of the network's facilitators
            mine = fac[rng.choice(nf, min(nf, int(rng.integers(2, 5))), replace=False)]
            inbound_to(w, np.array([c]), mine, np.array([n]), d0, d1, "T3")
        got = w.tx[before:]
        r = np.concatenate([x["r"] for x in got])
        t = np.concatenate([x["t"] for x in got])
        usd = np.concatenate([x["usd"] for x in got])
        n_before = sum(len(x["s"]) for x in w.tx)
        fwd = rng.random(len(r)) < 0.45  # part of the takings goes up the chain
        fwd[0] = True
        w.cash_out(r[fwd], t[fwd], usd[fwd], 0.6, 12, np.full(1, col), label=1, typology="T3")
        last = w.tx[-1]
        last["channel"][:] = "p2p"  # a transfer to the collector, not an ATM
        last["mcc"][:] = ""
        w.cash_out(r[~fwd], t[~fwd], usd[~fwd], 0.7, 20, p.rural_atm(True), label=1, typology="T3")
        w.cash_out(
            last["r"],
            last["t"],
            last["usd"],
            0.8,
            24,
            p.rural_atm(False),
            sinks=p.exchange,
            label=1,
            typology="T3",
        )
        spent += sum(len(x["s"]) for x in w.tx) - n_before + len(r)


def plant_t4(w: World, p: Pools, budget: int) -> None:
    """Foreign cards on long stays up-country: hotels, frequent large ATM withdrawals,
    jewellery, toys and children's clothing."""
    rng = w.rng
    rural_m = np.flatnonzero(p.merch_rural)
    gifts = rural_m[np.isin(p.merch_kind[rural_m], ["JEWELRY", "TOYS", "KIDS WEAR", "GIFT SHOP"])]
    if len(gifts) == 0:
        gifts = np.flatnonzero(np.isin(p.merch_kind, ["JEWELRY", "TOYS", "KIDS WEAR", "GIFT SHOP"]))
    hotels = rural_m[p.merch_kind[rural_m] == "HOTEL"]
    if len(hotels) == 0:
        hotels = np.flatnonzero(p.merch_kind == "HOTEL")
    other = rural_m
    spent = 0
    while spent < budget:
        ctry = w.countries(OFFENDER_FROM, 1)
        card = w.add(
            1,
            kind="card",
            population="offender",
            country=ctry,
            label=1,
            typology="T4",
            role="traveller",
        )
        trips = int(rng.integers(1, 3))
        for _ in range(trips):
            stay = rng.uniform(20, 50)  # 2-4x a tourist's 7-14 days
            a = rng.uniform(0, DAYS - stay)
            n_atm = int(stay * rng.uniform(0.3, 0.8))  # cash, mostly: large and often
            n_gift = int(rng.integers(3, 9))
            n_hot = max(1, int(stay / rng.uniform(7, 15)))  # a hotel settled weekly or so
            n_oth = int(stay * rng.uniform(0.2, 0.5))
            n = n_atm + n_gift + n_hot + n_oth
            atms = p.rural_atm(True)
            r = np.r_[
                atms[rng.integers(0, len(atms), n_atm)],
                p.merch[gifts[rng.integers(0, len(gifts), n_gift)]],
                p.merch[hotels[rng.integers(0, len(hotels), n_hot)]],
                p.merch[other[rng.integers(0, len(other), n_oth)]],
            ]
            mi = np.r_[
                gifts[rng.integers(0, len(gifts), n_gift)],
                hotels[rng.integers(0, len(hotels), n_hot)],
                other[rng.integers(0, len(other), n_oth)],
            ]
            mcc = np.r_[np.full(n_atm, "6011", dtype=object), p.merch_mcc[mi]]
            usd = (
                np.r_[
                    rng.choice([10000, 15000, 20000], n_atm),
                    lognormal(rng, 6000, 0.8, n_gift, 500, 80000),
                    lognormal(rng, 4000, 0.5, n_hot, 800, 30000),
                    lognormal(rng, 400, 0.8, n_oth, 40, 8000),
                ]
                * RATE["THB"]
            )
            t = w.times(np.full(n, 7.0), np.full(n, a), np.full(n, a + stay), H_DAY)
            w.pay(
                np.full(n, card[0]),
                r,
                t,
                usd,
                channel="card",
                mcc=mcc,
                price="receiver",
                label=1,
                typology="T4",
            )
            spent += n


def plant_t5(w: World, p: Pools, budget: int) -> None:
    """Sextortion of teen boys: a few payments within 1-3 days to a new payee, then silence."""
    rng = w.rng
    boys = np.flatnonzero(p.minor_sex == "M")
    boys = boys[(2025 - w.col("birth")[p.minor[boys]]) >= 14]
    rng.shuffle(boys)
    gift = p.game[
        np.isin(
            w.col("name")[p.game], ["GOOGLE PLAY", "APPLE.COM/BILL", "STEAM PURCHASE", "RAZER GOLD"]
        )
    ]
    spent = 0
    vi = 0
    while spent < budget and vi < len(boys):
        kind = rng.choice(["mule", "foreign", "gift"], p=[0.45, 0.35, 0.2])
        nv = int(rng.integers(3, 13)) if kind == "mule" else 1
        if kind == "mule":
            payee = w.thai(
                1,
                population="offender",
                sex=np.array(["M"], dtype=object),
                age=(18, 26),
                label=1,
                typology="T5",
                role="mule",
            )
        elif kind == "foreign":
            c = rng.choice(["NG", "CI", "PH", "GH", "US"], p=[0.45, 0.2, 0.15, 0.1, 0.1])
            payee = w.add(
                1,
                kind="XPR",
                population="offender",
                country=str(c),
                sex="M",
                names=w.foreign_names(np.array(["M"], dtype=object)),
                label=1,
                typology="T5",
                role="mule",
            )
        else:
            payee = gift
        mule_start = rng.uniform(0, DAYS - 60)
        for _ in range(nv):
            if vi >= len(boys):
                break
            victim = int(p.minor[boys[vi]])
            vi += 1
            w.col("label")[victim] = 1
            w.col("typology")[victim] = "T5"
            w.col("role")[victim] = "victim"
            w.col("population")[victim] = "victim"
            n = int(rng.integers(2, 7))
            first = rng.uniform(15, 240)
            amounts = np.minimum(
                first * rng.uniform(0.8, 1.8, n).cumprod() / rng.uniform(0.8, 1.8), 600
            )
            amounts[0] = first
            amounts *= min(1.0, 1500 / amounts.sum())
            d = mule_start + rng.uniform(0, 45) if kind == "mule" else rng.uniform(0, DAYS - 4)
            span_h = rng.uniform(24, 72)
            t0 = w.times(np.full(1, 7.0), np.full(1, d), np.full(1, d + 1), H_NIGHT)[0]
            t = np.sort(t0 + np.r_[0, rng.uniform(0.2, 1, n - 1) * span_h * 3600]).astype(np.int64)
            r = payee[rng.integers(0, len(payee), n)] if kind == "gift" else np.full(n, payee[0])
            chan = "card" if kind == "gift" else ("p2p" if kind == "mule" else "ewallet")
            w.pay(
                np.full(n, victim),
                r,
                np.clip(t, 0, DAYS * 86400 - 1),
                amounts,
                channel=chan,
                memo=["", "", "", "ลบให้ด้วย", "please delete", "ok"],
                mcc="5816" if kind == "gift" else "",
                label=1,
                typology="T5",
            )
            spent += n
        if kind == "mule":  # the mule passes victims' money on to an exchange quickly
            got = [x for x in w.tx if x["typology"][0] == "T5" and x["r"][0] == payee[0]]
            r = np.concatenate([x["r"] for x in got])
            t = np.concatenate([x["t"] for x in got])
            usd = np.concatenate([x["usd"] for x in got])
            n_before = sum(len(x["s"]) for x in w.tx)
            w.cash_out(r, t, usd, 0.85, 3, p.atm, sinks=p.exchange, label=1, typology="T5")
            spent += sum(len(x["s"]) for x in w.tx) - n_before


def plant_t6(w: World, p: Pools, budget: int) -> None:
    rng = w.rng
    n_sites = int(rng.integers(4, 16))
    sites = w.add(
        n_sites,
        kind="crypto",
        population="offender",
        country=w.countries({"RU": 2, "SC": 2, "VG": 1, "KY": 1}, n_sites),
        label=1,
        typology="T6",
        role="site_address",
    )
    spent = 0
    while spent < budget:
        thai = rng.random() < 0.6
        sx = np.array(["M"], dtype=object)
        if thai:
            c = w.thai(
                1,
                population="offender",
                sex=sx,
                age=(20, 40),
                label=1,
                typology="T6",
                role="consumer",
            )
        else:
            c = w.add(
                1,
                kind="cust",
                population="offender",
                sex="M",
                age=(22, 45),
                names=w.foreign_names(sx, upper=False),
                device=True,
                label=1,
                typology="T6",
                role="consumer",
            )
        n_buy = int(rng.integers(1, 5))
        n_send = int(rng.integers(3, 21))
        d0, d1 = life_window(rng, 1, 12, 4)
        tb = w.times(np.full(n_buy, 7.0), np.full(n_buy, d0), np.full(n_buy, d1), H_EVENING)
        w.pay(
            np.full(n_buy, c[0]),
            p.exchange[rng.integers(0, len(p.exchange), n_buy)],
            tb,
            lognormal(rng, 3000, 0.6, n_buy, 500, 20000) * RATE["THB"],
            channel="bank",
            mcc="6051",
            round_p=0.9,
            label=1,
            typology="T6",
        )
        mine = sites[rng.choice(n_sites, min(n_sites, int(rng.integers(1, 4))), replace=False)]
        ts = w.times(np.full(n_send, 7.0), np.full(n_send, d0), np.full(n_send, d1), H_NIGHT)
        usd = np.where(
            rng.random(n_send) < 0.7,
            rng.choice([20, 25, 30, 50, 100], n_send),
            rng.uniform(10, 100, n_send),
        )
        w.pay(
            np.full(n_send, c[0]),
            mine[rng.integers(0, len(mine), n_send)],
            ts,
            usd.astype(float),
            channel="crypto",
            memo=["", "", "USDT TRC20", "BTC"],
            label=1,
            typology="T6",
        )
        spent += n_buy + n_send


def plant_t7(w: World, p: Pools, budget: int) -> None:
    rng = w.rng
    kids = np.flatnonzero((2025 - w.col("birth")[p.minor]) >= 12)
    rng.shuffle(kids)
    spent = 0
    ki = 0
    while spent < budget and ki < len(kids):
        s = int(offenders(w, 1, "T7", "offender", resident=0.15)[0])
        victim = int(p.minor[kids[ki]])
        ki += 1
        lab = w.col("label")
        if lab[victim] == 1:
            continue
        lab[victim] = 1
        w.col("typology")[victim] = "T7"
        w.col("role")[victim] = "victim"
        w.col("population")[victim] = "victim"
        d0, d1 = life_window(rng, 2, 12, 5)
        n = max(4, min(40, int((d1 - d0) / rng.uniform(4, 12))))
        t = sessions(
            w, float(w.col("tz")[s]), d0, d1, n, np.where(rng.random() < 0.6, H_NIGHT, H_EVENING)
        )
        handle = f"{rng.choice(HANDLE_STEM)}{rng.integers(10, 999)}"
        usd = np.where(rng.random(n) < 0.85, rng.uniform(10, 150, n), rng.uniform(150, 300, n))
        w.pay(
            np.full(n, s),
            np.full(n, victim),
            t,
            usd,
            channel=channel_for(w, s, n),
            memo=cover_memos(w, n, handle),
            round_p=0.7,
            label=1,
            typology="T7",
        )
        spent += n


# --- assembly -------------------------------------------------------------------------
FAULTS = (
    "no_sender",
    "no_amount",
    "zero_amount",
    "negative_amount",
    "bad_date",
    "alpha3_country",
    "bad_currency",
)


def assemble(w: World, n_tx: int) -> Generated:
    rng = w.rng
    cols = {k: np.concatenate([x[k] for x in w.tx]) for k in w.tx[0]}
    order = np.argsort(cols["t"], kind="stable")
    cols = {k: v[order] for k, v in cols.items()}
    n = len(order)
    s, r = cols["s"], cols["r"]
    acc_id, name = w.col("id"), w.col("name")
    ctry, sex, birth, dev = w.col("country"), w.col("sex"), w.col("birth"), w.col("device")
    cust_initiated = (dev[s] != "") & np.isin(cols["channel"], ["p2p", "ewallet", "bank", "crypto"])
    ts = (
        pl.Series("t", cols["t"] * 1_000_000 + int(START.timestamp() * 1_000_000))
        .cast(pl.Datetime("us", "UTC"))
        .dt.convert_time_zone("Asia/Bangkok")
        .dt.strftime("%Y-%m-%dT%H:%M:%S+07:00")
    )
    tx = pl.DataFrame(
        {
            "tx_id": [f"FT25{v:09d}" for v in np.arange(n) * 7 + 1000],
            "timestamp": ts,
            "sender_id": pl.Series(acc_id[s], dtype=pl.String),
            "receiver_id": pl.Series(acc_id[r], dtype=pl.String),
            "amount": cols["amount"].astype(float),
            "currency": pl.Series(np.array(CURS, dtype=object)[cols["cur"]], dtype=pl.String),
            "sender_country": pl.Series(ctry[s], dtype=pl.String),
            "receiver_country": pl.Series(ctry[r], dtype=pl.String),
            "channel": pl.Series(cols["channel"], dtype=pl.String),
            "memo": opt(cols["memo"]),
            "sender_name": opt(name[s]),
            "receiver_name": opt(name[r]),
            "sender_sex": opt(sex[s]),
            "sender_birth_year": pl.Series(birth[s]).replace(-1, None).cast(pl.Int64),
            "receiver_birth_year": pl.Series(birth[r]).replace(-1, None).cast(pl.Int64),
            "device_id": opt(np.where(cust_initiated, dev[s], "")),
            "merchant_category": opt(cols["mcc"]),
        }
    )
    label = cols["label"].astype(np.int64)
    # Malformed rows, the way feeds have them (benign rows only, so the truth stays whole).
    n_bad = max(7, int(n * 0.001))
    bad = rng.choice(np.flatnonzero(label == 0), n_bad, replace=False)
    fault = np.array(FAULTS, dtype=object)[np.arange(n_bad) % len(FAULTS)]
    malformed = np.zeros(n, dtype=bool)
    malformed[bad] = True
    fault_of = np.full(n, "", dtype=object)
    fault_of[bad] = fault

    def put(col: str, rows: np.ndarray, values: pl.Series) -> pl.Series:
        return tx[col].clone().scatter(rows, values) if len(rows) else tx[col]

    upd: dict[str, pl.Series] = {}
    for f in FAULTS:
        rows = bad[fault == f]
        if f == "no_sender":  # an empty field, as a CSV-born feed has it (the ids stay non-null)
            upd["sender_id"] = put("sender_id", rows, pl.Series([""] * len(rows), dtype=pl.String))
        elif f == "no_amount":
            am = upd.get("amount", tx["amount"])
            upd["amount"] = am.clone().scatter(
                rows, pl.Series([None] * len(rows), dtype=pl.Float64)
            )
        elif f == "zero_amount":
            am = upd.get("amount", tx["amount"])
            upd["amount"] = am.clone().scatter(rows, pl.Series([0.0] * len(rows)))
        elif f == "negative_amount":
            am = upd.get("amount", tx["amount"])
            upd["amount"] = am.clone().scatter(rows, -tx["amount"].gather(rows).abs())
        elif f == "bad_date":
            old = tx["timestamp"].gather(rows)
            days = rng.choice(["02-30", "02-31", "04-31", "06-31", "09-31", "11-31"], len(rows))
            new = pl.Series(
                [f"2025-{d}{o[10:]}" for d, o in zip(days, old, strict=True)], dtype=pl.String
            )
            upd["timestamp"] = put("timestamp", rows, new)
        elif f == "alpha3_country":
            a3 = {"TH": "THA", "US": "USA", "GB": "GBR", "AU": "AUS", "DE": "DEU", "JP": "JPN"}
            old = tx["sender_country"].gather(rows)
            upd["sender_country"] = put(
                "sender_country", rows, pl.Series([a3.get(o, "THA") for o in old], dtype=pl.String)
            )
        elif f == "bad_currency":
            upd["currency"] = put(
                "currency",
                rows,
                pl.Series(rng.choice(["BAHT", "฿", "US$"], len(rows)), dtype=pl.String),
            )
    tx = tx.with_columns(*[v.alias(k) for k, v in upd.items()])
    # The payment's true USD value on every row, malformed or not (the harness needs no gaps).
    usd = cols["usd"]
    tx_labels = pl.DataFrame(
        {
            "tx_id": tx["tx_id"],
            "label_tx": label,
            "label_typology": pl.Series(cols["typology"], dtype=pl.String),
            "usd": pl.Series(usd),
            "malformed": malformed,
            "fault": pl.Series(fault_of, dtype=pl.String),
        }
    )
    # Accounts seen on at least one well-formed row.
    seen = np.unique(np.r_[s[~malformed], r[~malformed]])
    pops = w.col("population")[seen]
    accounts = pl.DataFrame(
        {
            "account_id": pl.Series(acc_id[seen], dtype=pl.String),
            "label": w.col("label")[seen].astype(np.int64),
            "typology": pl.Series(w.col("typology")[seen], dtype=pl.String),
            "role": pl.Series(w.col("role")[seen], dtype=pl.String),
            "population": pl.Series(pops, dtype=pl.String),
            "hard_negative": np.isin(pops, list(HARD_POPULATIONS)) & (w.col("label")[seen] == 0),
        }
    )
    return Generated(tx=tx, tx_labels=tx_labels, accounts=accounts)


def generate(n_tx: int, variant: str, seed: int, hard: float = 1.0) -> Generated:
    """About n_tx transactions of one variant ('li' or 'hi'), reproducible for a seed.

    `hard` scales the hard-negative populations (partners, sponsors, creators, charities,
    romance and call-centre scams, teen gamers, crypto traders); the volume they give up goes
    to ordinary domestic transfers. 1.0 is the default world, 0 removes them.
    """
    if variant not in ILLICIT_RATE:
        raise ValueError(f"variant must be one of {sorted(ILLICIT_RATE)}, got {variant!r}")
    if hard < 0:
        raise ValueError(f"hard must be >= 0, got {hard}")
    rng = np.random.default_rng([seed, 8, 0 if variant == "li" else 1])
    w = World(rng)
    illicit = max(60, int(n_tx * ILLICIT_RATE[variant]))
    n_bg = max(1000, n_tx - illicit)
    shares = dict(BACKGROUND)
    for key in HARD_KEYS:
        shares["p2p"] += shares[key] * (1 - hard)
        shares[key] *= hard
    total = sum(shares.values())
    n = {k: round(n_bg * v / total) for k, v in shares.items()}
    p = Pools(w, n_bg)
    pop_retail(w, p, n)
    pop_seller(w, p, n["seller"])
    pop_tourist(w, p, n["tourist"])
    pop_expat(w, p, n["expat"])
    pop_diaspora(w, p, int(n["diaspora"] * 0.8))
    pop_freelancer(w, p, n["freelancer"])
    pop_student_abroad(w, p, n["student_abroad"])
    for key, fn in (
        ("partner", pop_partner),
        ("sponsor", pop_sponsor),
        ("creator", pop_creator),
        ("charity", pop_charity),
        ("romance", pop_romance),
        ("scam", pop_scam),
        ("gamer", pop_gamer),
        ("crypto", pop_crypto),
    ):
        if n[key] > 0:
            fn(w, p, n[key])
    for typ, fn in (
        ("T1", plant_t1),
        ("T2", plant_t2),
        ("T3", plant_t3),
        ("T4", plant_t4),
        ("T5", plant_t5),
        ("T6", plant_t6),
        ("T7", plant_t7),
    ):
        fn(w, p, max(8, int(illicit * TYPOLOGY_SHARE[typ])))
    return assemble(w, n_tx)


def opt(x: np.ndarray) -> pl.Series:
    """An optional text column: empty means missing."""
    return pl.Series(x, dtype=pl.String).replace("", None)
