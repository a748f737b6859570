"""Held-out generator 12 (SEALED): a UK/EU electronic-money institution with Mekong corridors.

SEALED: written blind, only from ../shared/research/finance-text.md (indicators (a), design (d)),
the issue's schema and the harness bench/finance_heldout.py; not from Jaga's generator, rules or
the other held-out generators. Do not tune Jaga on it.

What it models. A Wise/Revolut-like e-money institution (EMI), licensed in the UK/EU and in
Singapore, with multi-currency accounts. Its own customers send from GB, the EU, US, AU, KR, JP,
TW and SG and receive in VN, KH, PH, TH, MY, MM and LA. For its own customers it sees both sides
(inbound credits and the cash-out that follows); for external counterparties (payouts to bank
accounts, cash pickup, e-wallets) only the payment into them. Ids say which: "C..." own customers,
"XB/XW/XC..." external bank / e-wallet / cash-pickup beneficiaries, "M..." card merchants and
crypto venues, "A..." crypto addresses. KYC columns (sex, birth year, device) are filled only for
own customers, as a real ledger would. Timestamps are the booking time of the entity that booked
the payment: Europe/London (+00:00 / +01:00 in summer) for the UK/EU entity, +08:00 for the
Singapore entity (payments sent by customers in South-East Asia); sender-local time must be
derived from the sender's country (US customers live in four time zones, with daylight saving).
Amounts are in the currency the customer chose: the sending wallet's, or the receiver's when the
customer fixed what the recipient gets ("send 1,000,000 VND"). Twelve months from 2025-03-01,
so Tet 2026 (17 Feb) falls inside.

Positives (the note's design (d); role names in accounts.role, typology in accounts.typology):
  T1 LSAC consumer: foreign male pays 1-8 unrelated receivers in the corridor, band amounts,
     mostly round, in night bursts, receivers added over time, cover words / handles / empty
     memos (item 1, 2, 4, 6, 7, 10); receivers are positives too.
  T2 facilitator hub with linked household accounts (shared device), many foreign senders from
     several countries, fast cash-out when the hub is an own customer (items 5, 11, 12).
  T3 network: consumers shared across facilitators, facilitators forwarding to each other.
  T4 travel to offend: card spending on a trip (flights, hotels outside tourist areas, repeated
     ATM, jewellery / gifts) plus local payments to the same receivers (items 8, 9).
  T5 financial sextortion: a 14-17-year-old's account pays a new payee 2-6 times within 1-3 days,
     first payment small, total <= 1,500, then silence; mules collect from many victims; a
     gift-card variant (item 13).
  T6 crypto: buys crypto, then withdraws to a shared cluster of addresses (item 11).
  T7 direct: a foreign adult pays a young account directly (item 10).
  About 30% of illicit payments are "lone" (1-3 payments, outside a full pattern), as design (d).
  Illicit share of transactions: li 0.05%, hi 0.2% (design (d) "Ratios").

Benign background: Vietnamese diaspora remittances (kieu hoi) from US/AU/TW/KR/JP/EU near paydays
with a Tet surge; migrant workers in KR/JP/TW sending to VN/KH/MM/LA families (Burmese names
carry no surname, so no surname match is possible); domestic spending and P2P of the home
customers; SEA customers' domestic e-wallet life; retail crypto.
Hard negatives (accounts.hard_negative, scaled by `hard`, 0 removes them): li xi bursts of small
round gifts to many relatives at Tet (Vietnamese wives keep their surname, so in-laws do not
match), marriage-migrant families (KR/TW husbands paying VN/KH in-laws), freelancers and remote
developers paid by several foreign clients, online tutors paid per lesson by KR/JP/TW/AU students
in the evening, Cambodian garment workers' families (domestic, payday, round USD), tourists and
digital nomads in Da Nang / Siem Reap / Chiang Mai (card, repeated ATM, long stays), guesthouses
taking deposits from many foreign guests ("accommodation"), orphanage / NGO sponsorship
(voluntourism; "school fees", "uniforms", many foreign sponsors), medical crowdfunding (a burst
of foreign donations, "vien phi", quick payout to the hospital), romance-scam victims and their
scammers, adult creators and their fans (handles, night tips), gamers (many minors) buying
vouchers in bursts, crypto P2P traders.

Malformed rows (about 1%): negative, zero or missing amount, impossible calendar dates in a valid
ISO shape, missing sender, a country code that is not ISO ("UK"), currencies missing from Jaga's
default rates table (CNH, GEL). The channel column always holds one of the issue's values.

Sources: the research note's items (a)1-14 and design (d) (AUSTRAC, FATF 2025, FINTRAC, AMLC,
IJM Scale of Harm, FinCEN FIN-2021-NTC3); everything else is a modelling choice stated here.
"""

from __future__ import annotations

import functools
import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from finance_heldout_gen import Generated

START = int(datetime(2025, 3, 1, tzinfo=UTC).timestamp())
DAYS = 365
TET = (datetime(2026, 2, 17, tzinfo=UTC) - datetime(2025, 3, 1, tzinfo=UTC)).days
DAY = 86400


def _utc(y: int, m: int, d: int, h: int = 0) -> int:
    return int(datetime(y, m, d, h, tzinfo=UTC).timestamp())


# Daylight saving windows inside the simulated year (UTC epoch seconds).
EU_DST = (_utc(2025, 3, 30, 1), _utc(2025, 10, 26, 1))
US_DST = (_utc(2025, 3, 9, 8), _utc(2025, 11, 2, 7))
AU_STD = (_utc(2025, 4, 5, 16), _utc(2025, 10, 4, 16))  # Sydney: DST outside this window

# country -> (UTC offset hours, dst kind: 0 none, 1 EU/UK, 2 US, 3 AU south)
TZ = {
    "GB": (0.0, 1), "IE": (0.0, 1), "DE": (1.0, 1), "FR": (1.0, 1), "NL": (1.0, 1),
    "ES": (1.0, 1), "US": (-5.0, 2), "AU": (10.0, 3), "KR": (9.0, 0), "JP": (9.0, 0),
    "TW": (8.0, 0), "SG": (8.0, 0), "VN": (7.0, 0), "KH": (7.0, 0), "TH": (7.0, 0),
    "LA": (7.0, 0), "MM": (6.5, 0), "PH": (8.0, 0), "MY": (8.0, 0),
}  # fmt: skip
SEA = ("VN", "KH", "PH", "TH", "MY", "MM", "LA", "SG")
HOME_CUR = {
    "GB": "GBP", "IE": "EUR", "DE": "EUR", "FR": "EUR", "NL": "EUR", "ES": "EUR", "US": "USD",
    "AU": "AUD", "KR": "KRW", "JP": "JPY", "TW": "TWD", "SG": "SGD", "VN": "VND", "KH": "USD",
    "TH": "THB", "LA": "LAK", "MM": "MMK", "PH": "PHP", "MY": "MYR",
}  # fmt: skip
RATES = {
    "USD": 1.0, "EUR": 1.08, "GBP": 1.27, "AUD": 0.66, "KRW": 0.00073, "JPY": 0.0067,
    "TWD": 0.031, "SGD": 0.74, "VND": 0.000040, "KHR": 0.000245, "THB": 0.028, "LAK": 0.000046,
    "MMK": 0.00048, "PHP": 0.0175, "MYR": 0.22, "USDT": 1.0, "BTC": 60000.0, "ETH": 3000.0,
}  # fmt: skip
ZERO_DEC = {"KRW", "JPY", "VND", "KHR", "LAK", "MMK"}
CHANNELS = ("bank", "msb", "ewallet", "card", "p2p", "crypto", "other")
CH = {c: i for i, c in enumerate(CHANNELS)}
RICH = ("GB", "IE", "DE", "FR", "NL", "ES", "US", "AU", "KR", "JP", "TW", "SG")
RICH_W = (0.13, 0.02, 0.06, 0.04, 0.03, 0.02, 0.33, 0.13, 0.07, 0.08, 0.04, 0.05)

# Hour-of-day profiles in the actor's local time.
_H = {
    "day": [0, 0, 0, 0, 0, 0, 1, 2, 5, 8, 9, 9, 8, 9, 9, 8, 7, 5, 3, 2, 1, 1, 0, 0],
    "any": [1, 0, 0, 0, 0, 1, 2, 4, 6, 7, 7, 7, 8, 7, 7, 7, 7, 8, 8, 8, 7, 5, 3, 2],
    "evening": [1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 5, 8, 10, 11, 10, 7, 3],
    "night": [9, 7, 5, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 4, 8, 10, 10],
    "shift": [4, 3, 2, 1, 1, 2, 4, 5, 3, 2, 2, 3, 4, 3, 2, 2, 3, 4, 6, 7, 8, 8, 7, 5],
}
HOURS = {k: np.array(v, float) / sum(v) for k, v in _H.items()}

# Names by origin. Vietnamese and Khmer, Korean, Japanese, Chinese: family name first;
# Burmese: no family name at all (so no surname match is ever possible).
SURNAMES = {
    "VN": [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
    ],
    "KH": [
        "Sok",
        "Chan",
        "Kim",
        "Chea",
        "Heng",
        "Keo",
        "Lim",
        "Meas",
        "Nhem",
        "Pich",
        "Seng",
        "Sorn",
        "Touch",
        "Vann",
        "Yim",
        "Prak",
    ],
    "TH": [
        "Saetang",
        "Wongsakul",
        "Srisuk",
        "Chaiyaporn",
        "Boonmee",
        "Kittisak",
        "Rattanakorn",
        "Thongdee",
    ],
    "PH": [
        "Santos",
        "Reyes",
        "Cruz",
        "Bautista",
        "Garcia",
        "Mendoza",
        "Ramos",
        "Aquino",
        "Villanueva",
        "Flores",
    ],
    "MY": ["Abdullah", "Ismail", "Rahman", "Hassan", "Tan", "Lim", "Wong", "Othman"],
    "LA": ["Phommachanh", "Vongsa", "Sisavath", "Keomany", "Inthavong", "Chanthavong"],
    "MM": [""],
    "KR": ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"],
    "JP": [
        "Sato",
        "Suzuki",
        "Takahashi",
        "Tanaka",
        "Watanabe",
        "Ito",
        "Yamamoto",
        "Nakamura",
        "Kobayashi",
    ],
    "TW": ["Chen", "Lin", "Huang", "Chang", "Lee", "Wang", "Wu", "Liu", "Tsai", "Yang"],
    "SG": ["Tan", "Lim", "Lee", "Ng", "Wong", "Goh", "Chua", "Teo"],
    "W": [
        "Smith",
        "Jones",
        "Williams",
        "Brown",
        "Taylor",
        "Davies",
        "Wilson",
        "Johnson",
        "Miller",
        "Walker",
        "Thompson",
        "White",
        "Martin",
        "Anderson",
        "Clarke",
        "Murphy",
        "Kelly",
        "Müller",
        "Schmidt",
        "Weber",
        "Dubois",
        "Bernard",
        "Jansen",
        "de",
        "Vries",
        "García",
        "López",
        "Fischer",
    ],
}
GIVEN_M = {
    "VN": [
        "Văn Hùng",
        "Văn Dũng",
        "Minh Tuấn",
        "Đức Anh",
        "Quốc Khoa",
        "Hoàng Long",
        "Thành Nam",
        "Văn Phúc",
    ],
    "KH": ["Dara", "Sophal", "Vuthy", "Rithy", "Sokha", "Visal", "Piseth", "Chenda"],
    "TH": ["Somchai", "Anan", "Kittipong", "Narong", "Prasert", "Wichai"],
    "PH": ["Juan", "Mark", "Jerome", "Rodel", "Ramon", "Jayson", "Carlo"],
    "MY": ["Ahmad", "Faizal", "Hafiz", "Kumar", "Wei", "Jian"],
    "LA": ["Khamphanh", "Souksavanh", "Bounmy", "Somphone"],
    "MM": ["Aung Kyaw Moe", "Zaw Min Htet", "Thura Aung", "Ko Ko Naing"],
    "KR": ["Min-jun", "Ji-ho", "Seung-woo", "Dong-hyun", "Jae-won", "Sung-min"],
    "JP": ["Hiroshi", "Takeshi", "Kenji", "Yuto", "Daiki", "Shota"],
    "TW": ["Chih-wei", "Chun-hao", "Yu-cheng", "Wei-lun", "Kuan-ting"],
    "SG": ["Wei Ming", "Jun Jie", "Kelvin", "Marcus", "Darren"],
    "W": [
        "James",
        "John",
        "Robert",
        "Michael",
        "David",
        "Paul",
        "Mark",
        "Thomas",
        "Peter",
        "Gary",
        "Stefan",
        "Pierre",
        "Jan",
        "Carlos",
        "Andrew",
        "Steven",
        "Brian",
        "Kevin",
    ],
}
GIVEN_F = {
    "VN": [
        "Thị Lan",
        "Thị Hương",
        "Thu Thảo",
        "Ngọc Linh",
        "Thị Mai",
        "Thùy Trang",
        "Thu Hà",
        "Ngọc Anh",
    ],
    "KH": ["Sreymom", "Sophea", "Dalin", "Channary", "Bopha", "Sokunthea", "Sreyneang", "Malis"],
    "TH": ["Siriporn", "Nattaya", "Ploy", "Kanya", "Malee", "Supaporn"],
    "PH": ["Maria Jocelyn Rowena Kristine Angelica Mary Joy", "Rosalie"],
    "MY": ["Siti Nur Aisyah", "Farah", "Mei Ling", "Priya"],
    "LA": ["Khamla", "Noy", "Vilayvanh", "Souphaphone"],
    "MM": ["Thandar Hnin", "Su Myat", "Ei Ei Phyo", "Khin Mar"],
    "KR": ["Ji-woo", "Seo-yeon", "Min-seo", "Ha-eun", "Ye-jin"],
    "JP": ["Yuki", "Aiko", "Haruka", "Misaki", "Naomi"],
    "TW": ["Shu-fen", "Mei-ling", "Ya-ting", "Hsin-yi"],
    "SG": ["Hui Min", "Michelle", "Rachel", "Grace"],
    "W": [
        "Mary",
        "Linda",
        "Susan",
        "Karen",
        "Sarah",
        "Emma",
        "Laura",
        "Anna",
        "Claire",
        "Julia",
        "Helen",
        "Margaret",
    ],
}


def _one(table: dict[str, list[str]], origin: str, k: int) -> str:
    """The k-th (mod size) entry of `origin`'s list; Western names for everyone else."""
    pool = table[origin] if origin in table else table["W"]
    return pool[k % len(pool)]


FAMILY_FIRST = {"VN", "KH", "KR", "JP", "TW", "SG", "MM"}


@functools.cache
def fold(s: str) -> str:
    """Vietnamese typed without diacritics (d-bar to d), as external beneficiaries often are."""
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


# Memo lexicons (languages the task names). "cover" = the note's item 6 cover descriptions.
M = {
    "cover": [
        "school fees", "tuition", "medical bills", "medicine", "accommodation", "uniform",
        "rent", "family support", "education", "hospital", "for food", "help", "gift", "load",
        "pang-load", "pambili gamot", "para sa school", "pang tuition", "tiền học", "tien hoc",
        "viện phí", "vien phi", "tiền thuốc", "tien thuoc", "dong phuc", "tien nha",
        "ค่าเทอม", "ค่ายา", "ค่าเช่าบ้าน", "yuran sekolah", "ubat", "duit sewa", "thlai pet",
        "thlai sala", "thlai ptes", "luy rien", "for the kids", "allowance", "pang baon",
    ],
    "lsac_misc": ["ok", "thanks", "tonight", "again", "as agreed", "same", "x", "."],
    "family_vn": [
        "gửi mẹ", "gui me", "gửi bố mẹ", "tien gui ve nha", "cho ba me", "tiền chợ", "kieu hoi",
        "gia dinh", "family support", "gui ba ma tieu", "tiền điện nước", "",
    ],
    "family_kh": ["luy oy mak", "chuoy krousar", "oy ov mak", "family", "luy khe", ""],
    "family_mm": ["အမေ့အတွက်", "for mother", "family", "mom", ""],
    "family_la": ["ເງິນໃຫ້ແມ່", "for family", "mae", ""],
    "family_th": ["ให้แม่", "ส่งเงินให้ครอบครัว", "ค่าใช้จ่ายบ้าน", "family", ""],
    "family_ph": ["padala", "para kay nanay", "pang-gastos", "allowance", "pambayad kuryente", ""],
    "family_my": ["duit belanja", "untuk mak", "bantuan keluarga", ""],
    "lixi": [
        "lì xì Tết", "li xi", "mừng tuổi", "mung tuoi chau", "chuc mung nam moi",
        "lucky money", "Happy Tet", "tiền mừng tuổi", "li xi Tet 2026", "an khang thinh vuong",
    ],
    "marriage": [
        "gửi ba má", "cho ma", "tiền thuốc cho ba", "family support", "tien Tet", "sua nha",
        "luy oy mak", "from Min-jun and Lan", "for mother in law", "medicine for dad", "",
    ],
    "freelance": [
        "Invoice INV-2025-0", "web dev", "design work", "contract payment", "milestone 2",
        "retainer", "QA sprint", "translation job", "app build phase", "consulting",
    ],
    "tutor": [
        "lesson fee", "tuition", "English class", "học phí", "hoc phi tieng Anh", "4 lessons",
        "수업료", "レッスン料", "家教費", "education", "IELTS class", "speaking practice",
    ],
    "garment": ["luy khe", "oy mak", "thlai sala", "luy bay", "for rice", "pheav", ""],
    "nomad": ["rent", "room", "scooter rental", "accommodation", "deposit", "", "coworking"],
    "guest": [
        "accommodation", "room deposit", "booking 3 nights", "homestay", "tien phong",
        "deposit", "2 nights", "tour + room", "airport pickup",
    ],
    "sponsor": [
        "child sponsorship", "sponsorship", "school fees", "for the children", "uniforms",
        "monthly donation", "volunteer fee", "orphanage support", "education fund", "",
    ],
    "crowd": [
        "viện phí cho bé", "vien phi", "ung ho be", "medical bills", "get well soon",
        "for surgery", "pampagamot", "tulong", "ค่ารักษา", "hospital", "chemo", "",
    ],
    "romance": [
        "for your visa", "plane ticket", "customs fee", "hospital", "love you", "for the lawyer",
        "medical bills", "rent", "for us", "release fee", "", "gift",
    ],
    "fan": ["tip", "for the show", "sub", "custom content", "thanks babe", "xoxo", "", "fan"],
    "gamer": ["top up", "diamonds", "mua the game", "UC", "load", "robux", "skin", ""],
    "p2p": ["", "payment", "order", "pmt", "ref", "", ""],
    "domestic": [
        "", "", "dinner", "rent", "thanks", "split bill", "drinks", "taxi", "groceries",
        "birthday", "concert tickets", "", "bills", "petrol",
    ],
    "sea_dom": ["", "tien an", "tra no", "chuyen khoan", "ค่าข้าว", "bayad", "", "pasahe"],
    "fsec": ["", "", "pls", "ok", "sorry", "done", "delete it", "last one"],
}  # fmt: skip
HANDLE_HEAD = ["@", "tg @", "ig: @", "snap ", "wa ", "line id "]
HANDLE_BODY = ["sweet", "angel", "baby", "mimi", "honey", "cutie", "star", "bunny", "lala"]

MCC = {
    "grocery": "5411", "restaurant": "5812", "transport": "4121", "online": "5999",
    "airline": "4511", "hotel": "7011", "atm": "6011", "jewellery": "5944", "toys": "5945",
    "gifts": "5947", "games": "5816", "giftcard": "5815", "crypto": "6051", "cowork": "7399",
}  # fmt: skip


# Where card merchants sit: tourist towns and provinces tourists rarely visit (item 9).
PLACES = {
    "tourist": {
        "VN": ["Da Nang", "Hoi An", "Nha Trang"],
        "KH": ["Siem Reap", "Phnom Penh riverside", "Kampot"],
        "TH": ["Chiang Mai", "Phuket", "Pattaya"],
        "PH": ["Boracay", "Cebu", "El Nido"],
        "LA": ["Luang Prabang", "Vang Vieng"],
        "MY": ["Penang", "Langkawi"],
    },
    "province": {
        "VN": ["Tra Vinh", "Dong Thap", "Soc Trang"],
        "KH": ["Kampong Speu", "Prey Veng", "Svay Rieng"],
        "TH": ["Sisaket", "Buriram", "Roi Et"],
        "PH": ["Samar", "Masbate", "Negros Oriental"],
        "LA": ["Savannakhet", "Salavan"],
        "MY": ["Kelantan", "Terengganu"],
    },
}


class Book:
    """Accounts: one row per id, with KYC kept only for the EMI's own customers."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.cols: dict[str, list[np.ndarray]] = {}
        self.n = 0
        self.version = 0  # bumped on every change, so cached columns are rebuilt

    def add(
        self,
        n: int,
        kind: str,
        country: str | np.ndarray,
        population: str,
        *,
        role: str = "",
        typology: str = "",
        label: int = 0,
        hard: bool = False,
        sex: str | np.ndarray = "",
        age: tuple[int, int] = (25, 60),
        origin: str | np.ndarray | None = None,
        surname: np.ndarray | None = None,
        mcc: str = "",
        name: str | np.ndarray | None = None,
    ) -> np.ndarray:
        rng = self.rng
        idx = np.arange(self.n, self.n + n)
        self.n += n
        self.version += 1
        ctry = np.broadcast_to(np.asarray(country, dtype=object), (n,)).copy()
        orig = ctry if origin is None else np.broadcast_to(np.asarray(origin, object), (n,))
        sx = np.broadcast_to(np.asarray(sex, dtype=object), (n,)).copy()
        blank = sx == ""
        sx[blank] = np.where(rng.random(int(blank.sum())) < 0.5, "M", "F")
        birth = (2025 - rng.integers(age[0], age[1] + 1, n)).astype(np.int64)
        off = np.array([TZ[c][0] for c in ctry])
        dst = np.array([TZ[c][1] for c in ctry], dtype=np.int8)
        us = ctry == "US"
        off[us] = rng.choice([-5.0, -6.0, -7.0, -8.0], int(us.sum()), p=[0.47, 0.29, 0.07, 0.17])
        if surname is None:
            surname = np.array(
                [
                    _one(SURNAMES, o, k)
                    for o, k in zip(orig, rng.integers(0, 10**6, n), strict=True)
                ],
                dtype=object,
            )
        giv = np.array(
            [
                _one(GIVEN_M if s == "M" else GIVEN_F, o, k)
                for s, o, k in zip(sx, orig, rng.integers(0, 10**6, n), strict=True)
            ],
            dtype=object,
        )
        if name is None:
            full = np.array(
                [
                    (f"{s} {g}" if o in FAMILY_FIRST else f"{g} {s}").strip()
                    for s, g, o in zip(surname, giv, orig, strict=True)
                ],
                dtype=object,
            )
        else:
            full = np.broadcast_to(np.asarray(name, dtype=object), (n,)).copy()
        if kind != "C":  # typed by the sender: usually without diacritics
            folded = [fold(x) if u < 0.8 else x for x, u in zip(full, rng.random(n), strict=True)]
            full = np.array(folded, dtype=object)
        ids = np.array([f"{kind}{k:08d}" for k in rng.integers(0, 10**8, n)], dtype=object)
        ids = np.array([f"{a}{i:06x}" for a, i in zip(ids, idx, strict=True)], dtype=object)
        dev = np.array([f"dev-{k:010x}" for k in rng.integers(0, 2**40, n)], dtype=object)
        row = {
            "id": ids,
            "kind": np.full(n, kind, object),
            "country": ctry,
            "population": np.full(n, population, object),
            "role": np.full(n, role, object),
            "typology": np.full(n, typology, object),
            "label": np.full(n, label, np.int8),
            "hard": np.full(n, hard, bool),
            "sex": sx,
            "birth": birth,
            "surname": surname,
            "name": full,
            "off": off,
            "dst": dst,
            "mcc": np.full(n, mcc, object),
            "device": dev,
        }
        for k, v in row.items():
            self.cols.setdefault(k, []).append(v)
        return idx

    def set(self, k: str, idx: np.ndarray, value: object) -> None:
        """Overwrite one attribute of some accounts (a shared device, a second country)."""
        arr = np.concatenate(self.cols[k])
        arr[idx] = value
        self.cols[k] = [arr]
        self.version += 1

    def col(self, k: str) -> np.ndarray:
        return np.concatenate(self.cols[k])


class World:
    """The transaction accumulator plus the helpers every population uses."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.book = Book(self.rng)
        self.parts: list[dict[str, np.ndarray]] = []
        self._cache: dict[str, np.ndarray] = {}
        self.shops: dict[str, np.ndarray] = {}

    def shop(self, where: str, country: str, cat: str, n: int = 4) -> np.ndarray:
        """Shared card merchants (and the crypto desk): everyone who pays there meets the same ids,
        so no merchant is visited only by planted actors."""
        key = f"{where}|{country}|{cat}"
        if key not in self.shops:
            places = PLACES.get(where, {}).get(country, [where])
            place = places[int(self.rng.integers(0, len(places)))]
            self.shops[key] = self.book.add(
                n, "M", country, "merchant", mcc=MCC[cat], name=f"{cat} {place}"
            )
        return self.shops[key]

    # --- account attributes while generating --------------------------------------------
    def attr(self, k: str) -> np.ndarray:
        if self._cache.get("_v") is None or self._cache["_v"][0] != self.book.version:
            self._cache = {"_v": np.array([self.book.version])}
        if k not in self._cache:
            self._cache[k] = self.book.col(k)
        return self._cache[k]

    def utc(self, acct: np.ndarray, local: np.ndarray) -> np.ndarray:
        """Local wall-clock seconds of account `acct` -> UTC epoch seconds."""
        off = self.attr("off")[acct]
        kind = self.attr("dst")[acct]
        t0 = local - (off * 3600).astype(np.int64)
        eu = (kind == 1) & (t0 >= EU_DST[0]) & (t0 < EU_DST[1])
        us = (kind == 2) & (t0 >= US_DST[0]) & (t0 < US_DST[1])
        au = (kind == 3) & ~((t0 >= AU_STD[0]) & (t0 < AU_STD[1]))
        return t0 - 3600 * (eu | us | au).astype(np.int64)

    def when(self, acct: np.ndarray, day: np.ndarray, profile: str) -> np.ndarray:
        """UTC time of a payment made by `acct` on local `day` at an hour drawn from `profile`."""
        n = len(acct)
        hour = self.rng.choice(24, n, p=HOURS[profile])
        day = np.asarray(day, np.int64)
        if profile == "night":  # the small hours belong to the evening before
            day = day + (hour < 12)
        local = START + day * DAY + hour * 3600 + self.rng.integers(0, 3600, n)
        return self.utc(acct, local)

    def pick(self, lex: str, n: int) -> np.ndarray:
        words = np.array(M[lex], dtype=object)
        return words[self.rng.integers(0, len(words), n)]

    def handles(self, n: int, seedish: np.ndarray | None = None) -> np.ndarray:
        r = self.rng
        k = r.integers(0, 10**6, n) if seedish is None else seedish
        return np.array(
            [
                f"{HANDLE_HEAD[x % 6]}{HANDLE_BODY[(x // 7) % 9]}{'_' if x % 3 else ''}{x % 997}"
                for x in k
            ],
            dtype=object,
        )

    # --- emitting -----------------------------------------------------------------------
    def emit(
        self,
        s: np.ndarray,
        r: np.ndarray,
        t: np.ndarray,
        usd: np.ndarray | float,
        *,
        ch: str | np.ndarray,
        memo: np.ndarray | str = "",
        rnd: np.ndarray | float = 0.3,
        recv_cur: float = 0.0,
        cur: np.ndarray | None = None,
        typ: str = "",
    ) -> None:
        n = len(s)
        if n == 0:
            return
        rng = self.rng
        ctry = self.attr("country")
        if cur is None:
            sc = np.array([HOME_CUR[c] for c in ctry[s]], dtype=object)
            rc = np.array([HOME_CUR[c] for c in ctry[r]], dtype=object)
            kh = rc == "USD"
            rc[kh & (rng.random(n) < 0.3)] = "KHR"
            cur = np.where(rng.random(n) < recv_cur, rc, sc)
        rnd_p = np.broadcast_to(np.asarray(rnd, float), (n,))
        chv = (
            np.full(n, CH[ch], np.int8)
            if isinstance(ch, str)
            else np.array([CH[c] for c in ch], np.int8)
        )
        self.parts.append(
            {
                "t": np.asarray(t, np.int64),
                "s": np.asarray(s, np.int64),
                "r": np.asarray(r, np.int64),
                "usd": np.broadcast_to(np.asarray(usd, float), (n,)).copy(),
                "cur": np.asarray(cur, dtype=object),
                "rnd": rng.random(n) < rnd_p,
                "ch": chv,
                "memo": np.broadcast_to(np.asarray(memo, dtype=object), (n,)).copy(),
                "typ": np.full(n, typ, dtype=object),
            }
        )

    def count(self) -> int:
        return int(sum(len(p["t"]) for p in self.parts))

    def illicit(self) -> int:
        return int(sum(int((p["typ"] != "").sum()) for p in self.parts))


def lognorm(rng: np.random.Generator, median: float, sigma: float, n: int) -> np.ndarray:
    return median * np.exp(sigma * rng.standard_normal(n))


def nice(local: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Round to one or two significant digits (50, 100, 500,000 VND, 20,000 KRW...)."""
    mag = 10 ** np.floor(np.log10(np.maximum(local, 1e-9)))
    step = mag * np.where(rng.random(len(local)) < 0.5, 1.0, 0.5)
    return np.maximum(np.round(local / step) * step, step)


def payday_days(rng: np.random.Generator, n: int, paydays: tuple[int, ...]) -> np.ndarray:
    """n calendar days near a monthly payday (day of month), spread over the year."""
    month = rng.integers(0, 12, n)
    dom = np.asarray(paydays)[rng.integers(0, len(paydays), n)] + rng.integers(-1, 4, n)
    return np.clip(month * 30.4 + np.clip(dom, 1, 30) - 1, 0, DAYS - 1).astype(np.int64)


def family_surname(w: World, senders: np.ndarray, n_each: np.ndarray, p_same: float, orig: str):
    """Receivers' surnames: the sender's with probability p_same, else a random one of `orig`."""
    rng = w.rng
    s_sur = np.repeat(w.attr("surname")[senders], n_each)
    pool = np.array(SURNAMES[orig], dtype=object)
    other = pool[rng.integers(0, len(pool), len(s_sur))]
    return np.where(rng.random(len(s_sur)) < p_same, s_sur, other)


def block(rng: np.random.Generator, owner: np.ndarray, start: np.ndarray, size: np.ndarray):
    """For each row, one member of its owner's contiguous block of accounts."""
    return start[owner] + (rng.random(len(owner)) * size[owner]).astype(np.int64)


# ============================== benign background ===========================================


def diaspora(w: World, n: int, population: str = "kieu_hoi", hard: bool = False) -> np.ndarray:
    """Vietnamese diaspora senders: 1-3 family receivers, paydays, median ~USD 250, Tet surge."""
    rng = w.rng
    ctry = rng.choice(
        ["US", "AU", "TW", "KR", "JP", "GB", "DE", "FR"],
        n,
        p=[0.42, 0.14, 0.1, 0.1, 0.1, 0.05, 0.05, 0.04],
    )
    s = w.book.add(n, "C", ctry, population, origin="VN", age=(25, 70), hard=hard)
    k = rng.integers(1, 4, n)
    sur = family_surname(w, s, k, 0.55, "VN")
    kinds = rng.choice(["XB", "XC", "XW", "C"], int(k.sum()), p=[0.45, 0.2, 0.25, 0.1])
    rec = np.empty(int(k.sum()), np.int64)
    for kd in ("XB", "XC", "XW", "C"):
        m = kinds == kd
        rec[m] = w.book.add(
            int(m.sum()), kd, "VN", population, surname=sur[m], age=(20, 80), hard=hard
        )
    first = np.concatenate([[0], np.cumsum(k)[:-1]])
    # Regular payments: 6-14 a year near paydays.
    per = rng.integers(6, 15, n)
    owner = np.repeat(np.arange(n), per)
    day = payday_days(rng, len(owner), (1, 15, 25))
    r = rec[block(rng, owner, first, k)]
    sa = s[owner]
    usd = lognorm(rng, 250, 0.6, len(owner))
    ch = np.array(["bank", "msb", "ewallet", "p2p"])[
        np.searchsorted([0.45, 0.65, 0.9], rng.random(len(owner)))
    ]
    w.emit(
        sa,
        r,
        w.when(sa, day, "any"),
        usd,
        ch=ch,
        memo=w.pick("family_vn", len(owner)),
        rnd=0.6,
        recv_cur=0.35,
    )
    # Tet surge: 1-2 larger transfers in the three weeks before Tet.
    m = rng.random(n) < 0.7
    ts = s[m]
    tk = rng.integers(1, 3, len(ts))
    o2 = np.repeat(np.arange(len(ts)), tk)
    r2 = rec[first[m][o2]]
    d2 = TET - rng.integers(1, 22, len(o2))
    w.emit(
        ts[o2],
        r2,
        w.when(ts[o2], d2, "any"),
        lognorm(rng, 450, 0.6, len(o2)),
        ch="bank",
        memo=w.pick("family_vn", len(o2)),
        rnd=0.8,
        recv_cur=0.5,
    )
    return s


def lixi(w: World, n: int) -> None:
    """Li xi: diaspora senders who at Tet send small round gifts to 5-15 relatives (many new)."""
    rng = w.rng
    s = diaspora(w, n, "diaspora_lixi", hard=True)
    # A quarter fly home for some weeks: days in the home province, ATM cash, gold
    # jewellery and gifts for the family (the same merchants item 9's travellers meet).
    home = s[rng.random(n) < 0.25]
    travel(w, home, (14, 40), np.full(len(home), "VN", dtype=object), "diaspora_lixi",
           tourist=False)  # fmt: skip
    k = rng.integers(5, 16, n)
    sur = family_surname(w, s, k, 0.45, "VN")
    tot = int(k.sum())
    kinds = rng.choice(["XW", "C", "XB"], tot, p=[0.55, 0.25, 0.2])
    young = rng.random(tot) < 0.4
    rec = np.empty(tot, np.int64)
    for kd in ("XW", "C", "XB"):
        for y in (True, False):
            m = (kinds == kd) & (young == y)
            rec[m] = w.book.add(
                int(m.sum()),
                kd,
                "VN",
                "diaspora_lixi",
                surname=sur[m],
                hard=True,
                age=(8, 17) if y else (18, 85),
            )
    owner = np.repeat(s, k)
    day = TET - rng.integers(-3, 4, tot)
    usd = rng.choice([20.0, 25.0, 40.0, 50.0, 100.0], tot, p=[0.3, 0.15, 0.2, 0.25, 0.1])
    w.emit(
        owner,
        rec,
        w.when(owner, day, "evening"),
        usd,
        ch=rng.choice(["ewallet", "p2p", "bank"], tot),
        memo=w.pick("lixi", tot),
        rnd=0.97,
        recv_cur=0.5,
    )


def migrants(w: World, n: int) -> None:
    """Migrant workers in KR/JP/TW sending wages home to VN/KH/MM/LA; shift-work hours."""
    rng = w.rng
    ctry = rng.choice(["KR", "JP", "TW"], n, p=[0.45, 0.35, 0.2])
    orig = rng.choice(["VN", "KH", "MM", "LA"], n, p=[0.5, 0.25, 0.18, 0.07])
    s = w.book.add(n, "C", ctry, "migrant_worker", origin=orig, age=(20, 40))
    k = rng.integers(1, 3, n)
    o = np.repeat(np.arange(n), k)
    sur = family_surname(w, s, k, 0.5, "VN")
    ro = orig[o]
    sur = np.where(
        ro == "VN",
        sur,
        np.array(
            [
                SURNAMES[c][i % len(SURNAMES[c])]
                for c, i in zip(ro, rng.integers(0, 99, len(o)), strict=True)
            ],
            object,
        ),
    )
    rec = w.book.add(len(o), "XC", ro, "migrant_family", surname=sur, age=(35, 75))
    first = np.concatenate([[0], np.cumsum(k)[:-1]])
    per = rng.integers(8, 14, n)
    owner = np.repeat(np.arange(n), per)
    r = rec[block(rng, owner, first, k)]
    day = payday_days(rng, len(owner), (10, 25))
    sa = s[owner]
    lex = {"VN": "family_vn", "KH": "family_kh", "MM": "family_mm", "LA": "family_la"}
    memo = np.empty(len(owner), object)
    for c, lx in lex.items():
        m = orig[owner] == c
        memo[m] = w.pick(lx, int(m.sum()))
    w.emit(
        sa,
        r,
        w.when(sa, day, "shift"),
        lognorm(rng, 380, 0.45, len(owner)),
        ch=rng.choice(["msb", "bank", "ewallet"], len(owner), p=[0.5, 0.3, 0.2]),
        memo=memo,
        rnd=0.75,
    )


def filler(w: World, n_tx: int) -> None:
    """Everyday EMI life: card spending and domestic P2P at home, SEA customers' e-wallet use."""
    if n_tx <= 0:
        return
    rng = w.rng
    n_acc = max(50, n_tx // 18)
    home = rng.random(n_acc) < 0.8
    ctry = np.where(
        home, rng.choice(RICH, n_acc, p=RICH_W), rng.choice(["VN", "PH", "TH", "MY", "KH"], n_acc)
    )
    acc = w.book.add(n_acc, "C", ctry, "retail", age=(18, 80))
    mer_c = np.array(list(TZ), dtype=object)
    n_mer = max(50, n_tx // 400)
    mc = mer_c[rng.integers(0, len(mer_c), n_mer)]
    cat = rng.choice(["grocery", "restaurant", "transport", "online"], n_mer)
    mers = np.concatenate(
        [
            w.book.add(
                int((cat == c).sum()),
                "M",
                mc[cat == c],
                "merchant",
                mcc=MCC[c],
                name=f"{c} merchant",
            )
            for c in ("grocery", "restaurant", "transport", "online")
        ]
    )
    mer_by_c = {c: mers[w.attr("country")[mers] == c] for c in sorted(set(mc))}
    n_card = int(n_tx * 0.62)
    s = acc[rng.integers(0, n_acc, n_card)]
    sc = w.attr("country")[s]
    r = np.empty(n_card, np.int64)
    for c in sorted(set(sc)):
        m = sc == c
        pool = mer_by_c.get(c, mers)
        r[m] = pool[rng.integers(0, len(pool), int(m.sum()))]
    usd = lognorm(rng, 28, 1.0, n_card)
    # Customers living in SEA also use the hotels, ATMs, jewellers and gift shops of their own
    # provinces and tourist towns (the same merchants travellers meet).
    cats = ("hotel", "restaurant", "atm", "jewellery", "toys", "gifts", "transport")
    local = np.flatnonzero(np.isin(sc, list(PLACES["province"])) & (rng.random(n_card) < 0.2))
    pick = rng.integers(0, 2 * len(cats), len(local))
    which = rng.integers(0, 4, len(local))
    for i, j, k in zip(local, pick, which, strict=True):
        where = "province" if j % 2 else "tourist"
        cat = cats[j // 2]
        r[i] = w.shop(where, str(sc[i]), cat)[k]
        usd[i] = {"atm": 60.0, "jewellery": 150.0, "hotel": 30.0}.get(cat, usd[i])
    w.emit(
        s,
        r,
        w.when(s, rng.integers(0, DAYS, n_card), "any"),
        usd,
        ch="card",
        rnd=np.where(np.isin(np.arange(n_card), local), 0.5, 0.08),
    )
    # Domestic P2P between customers of the same country.
    n_p = n_tx - n_card
    s = acc[rng.integers(0, n_acc, n_p)]
    sc = w.attr("country")[s]
    r = np.empty(n_p, np.int64)
    for c in sorted(set(sc)):
        m = sc == c
        pool = acc[ctry == c]
        r[m] = pool[rng.integers(0, len(pool), int(m.sum()))]
    same = r == s
    r[same] = acc[(np.searchsorted(acc, s[same]) + 1) % n_acc]
    sea = np.isin(sc, SEA)
    memo = np.where(sea, w.pick("sea_dom", n_p), w.pick("domestic", n_p))
    ch = np.where(sea, "ewallet", np.where(rng.random(n_p) < 0.7, "p2p", "bank"))
    bills = rng.random(n_p) < 0.06
    ch[bills] = "other"
    w.emit(
        s,
        r,
        w.when(s, rng.integers(0, DAYS, n_p), "any"),
        lognorm(rng, 45, 1.0, n_p),
        ch=ch,
        memo=memo,
        rnd=0.45,
    )


def crypto_retail(w: World, n: int) -> None:
    """Retail crypto: buy on the EMI's crypto desk, sometimes withdraw to one's own address."""
    rng = w.rng
    s = w.book.add(n, "C", rng.choice(RICH, n, p=RICH_W), "crypto_retail", age=(18, 55))
    desk = w.shop("desk", "GB", "crypto", 1)
    # On-chain addresses have no country; the ledger books them under the UK entity.
    own = w.book.add(n, "A", "GB", "crypto_retail", name="")
    k = rng.integers(2, 12, n)
    o = np.repeat(np.arange(n), k)
    usd = lognorm(rng, 300, 1.0, len(o))
    t = w.when(s[o], rng.integers(0, DAYS, len(o)), "any")
    w.emit(s[o], np.full(len(o), desk[0]), t, usd, ch="crypto", rnd=0.6)
    wd = rng.random(len(o)) < 0.3
    coin = rng.choice(["BTC", "ETH", "USDT"], int(wd.sum()))
    w.emit(
        s[o][wd],
        own[o][wd],
        t[wd] + rng.integers(600, 5 * DAY, int(wd.sum())),
        usd[wd] * 0.99,
        ch="crypto",
        cur=coin,
        rnd=0.0,
    )


def cash_out(
    w: World,
    hub: np.ndarray,
    inflow: tuple[np.ndarray, np.ndarray, np.ndarray],
    share: tuple[float, float],
    delay_h: tuple[float, float],
    typ: str = "",
    dest_pop: str = "payout",
    dest: np.ndarray | None = None,
) -> None:
    """Own-customer receivers paying out what came in: per (receiver, day), a share after a delay.

    inflow = (receiver, utc time, usd) of the credits. Payouts go to an external cash pickup,
    bank or e-wallet in the receiver's country (or to `dest`, e.g. a forward to another hub).
    """
    rng = w.rng
    r, t, usd = inflow
    if len(r) == 0:
        return
    df = (
        pl.DataFrame({"r": r, "d": t // DAY, "t": t, "usd": usd})
        .group_by("r", "d", maintain_order=True)
        .agg(pl.col("t").max(), pl.col("usd").sum())
    )
    rr = df["r"].to_numpy()
    keep = np.isin(rr, hub)
    rr = rr[keep]
    if len(rr) == 0:
        return
    tt = df["t"].to_numpy()[keep] + (rng.uniform(*delay_h, len(rr)) * 3600).astype(np.int64)
    amt = df["usd"].to_numpy()[keep] * rng.uniform(*share, len(rr))
    if dest is None:  # each receiver pays out to one or two fixed places of its own
        uh = np.unique(rr)
        ctry = w.attr("country")[uh]
        hard = bool(w.attr("hard")[uh].any())
        kinds = rng.choice(["XC", "XW", "XB"], (len(uh), 2), p=[0.45, 0.35, 0.2])
        kinds[:, 1] = np.where(rng.random(len(uh)) < 0.6, kinds[:, 0], kinds[:, 1])
        places = np.empty((len(uh), 2), np.int64)
        for j in (0, 1):
            for kd in ("XC", "XW", "XB"):
                m = kinds[:, j] == kd
                places[m, j] = w.book.add(
                    int(m.sum()), kd, ctry[m], dest_pop, hard=hard, surname=w.attr("surname")[uh[m]]
                )
        row = np.searchsorted(uh, rr)
        col = rng.integers(0, 2, len(rr))
        dest = places[row, col]
        kd_row = kinds[row, col]
        ch = np.where(kd_row == "XC", "msb", np.where(kd_row == "XW", "ewallet", "bank"))
    else:
        dest = dest[rng.integers(0, len(dest), len(rr))]
        ch = np.full(len(rr), "p2p")
    w.emit(rr, dest, tt, amt, ch=ch, rnd=0.5, typ=typ)


# ============================== hard negatives ==============================================


def marriage(w: World, n: int) -> None:
    """KR/TW husbands (and wives) paying the wife's family in VN/KH: no surname match."""
    rng = w.rng
    c = rng.choice(["KR", "TW"], n, p=[0.6, 0.4])
    wife_orig = rng.choice(["VN", "KH"], n, p=[0.75, 0.25])
    husband = rng.random(n) < 0.7
    s = w.book.add(
        n,
        "C",
        c,
        "marriage_family",
        hard=True,
        sex=np.where(husband, "M", "F"),
        origin=np.where(husband, c, wife_orig),
        age=(30, 62),
    )
    k = rng.integers(1, 4, n)
    o = np.repeat(np.arange(n), k)
    rec = w.book.add(
        len(o),
        rng.choice(["XW", "XB", "XC"]),
        wife_orig[o],
        "marriage_family",
        hard=True,
        age=(18, 75),
    )
    first = np.concatenate([[0], np.cumsum(k)[:-1]])
    per = rng.integers(6, 20, n)
    ow = np.repeat(np.arange(n), per)
    r = rec[block(rng, ow, first, k)]
    day = rng.integers(0, DAYS, len(ow))
    tet = rng.random(len(ow)) < 0.1
    day[tet] = TET - rng.integers(0, 15, int(tet.sum()))
    w.emit(
        s[ow],
        r,
        w.when(s[ow], day, rng.choice(["evening", "night", "any"])),
        lognorm(rng, 160, 0.7, len(ow)),
        ch=rng.choice(["ewallet", "bank", "msb"], len(ow)),
        memo=w.pick("marriage", len(ow)),
        rnd=0.8,
        recv_cur=0.3,
    )


def fan_in(
    w: World,
    n_hubs: int,
    population: str,
    hub_c: list[str],
    hub_p: list[float],
    senders: tuple[int, int],
    per_sender: tuple[int, int],
    usd: tuple[float, float],
    lex: str,
    profile: str,
    *,
    sender_c: tuple[tuple[str, ...], tuple[float, ...]] = (RICH, RICH_W),
    window: int = DAYS,
    rnd: float = 0.6,
    ch: tuple[str, ...] = ("p2p", "ewallet", "bank"),
    hub_kind: str = "C",
    cash: tuple[float, float] | None = (0.6, 0.95),
    hub_age: tuple[int, int] = (22, 60),
    sender_sex: str = "",
    handles: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """Many foreign senders paying one receiver (tutors, sponsors, guesthouses, creators...)."""
    rng = w.rng
    hubs = w.book.add(
        n_hubs, hub_kind, rng.choice(hub_c, n_hubs, p=hub_p), population, hard=True, age=hub_age
    )
    ns = np.clip(
        np.round(lognorm(rng, np.sqrt(senders[0] * senders[1]), 0.5, n_hubs)),
        senders[0],
        senders[1],
    ).astype(np.int64)
    ho = np.repeat(np.arange(n_hubs), ns)
    snd = w.book.add(
        len(ho),
        "C",
        rng.choice(sender_c[0], len(ho), p=sender_c[1]),
        population,
        hard=True,
        sex=sender_sex,
    )
    k = rng.integers(per_sender[0], per_sender[1] + 1, len(ho))
    so = np.repeat(np.arange(len(ho)), k)
    h = hubs[ho[so]]
    t0 = rng.integers(0, max(1, DAYS - window), n_hubs)
    day = t0[ho[so]] + rng.integers(0, window, len(so))
    s = snd[so]
    t = w.when(s, day, profile)
    amt = rng.uniform(usd[0], usd[1], len(so)) * np.exp(0.25 * rng.standard_normal(len(so)))
    memo = w.pick(lex, len(so))
    if handles:
        hh = w.handles(n_hubs)[ho[so]]
        memo = np.where(rng.random(len(so)) < 0.45, hh, memo)
    w.emit(s, h, t, amt, ch=rng.choice(list(ch), len(so)), memo=memo, rnd=rnd, recv_cur=0.3)
    if cash is not None and hub_kind == "C":
        cash_out(w, hubs, (h, t, amt), cash, (1, 40), dest_pop=population + "_payout")
    return hubs, snd


def freelancers(w: World, n: int) -> None:
    """Freelancers and remote developers in SEA paid by 2-8 foreign clients, office hours."""
    fan_in(
        w,
        n,
        "freelancer",
        ["VN", "PH", "MY", "TH"],
        [0.4, 0.35, 0.15, 0.1],
        (2, 8),
        (2, 12),
        (150, 1500),
        "freelance",
        "day",
        rnd=0.35,
        ch=("bank", "p2p"),
        cash=(0.5, 0.9),
    )


def tutors(w: World, n: int) -> None:
    s_c = (("KR", "JP", "TW", "AU", "GB", "US"), (0.35, 0.3, 0.15, 0.08, 0.06, 0.06))
    fan_in(
        w,
        n,
        "online_tutor",
        ["PH", "VN"],
        [0.7, 0.3],
        (5, 30),
        (3, 20),
        (9, 40),
        "tutor",
        "evening",
        sender_c=s_c,
        rnd=0.75,
        ch=("p2p", "ewallet"),
        cash=(0.6, 0.9),
    )


def guesthouses(w: World, n: int) -> None:
    fan_in(
        w,
        n,
        "guesthouse",
        ["KH", "VN", "TH", "LA"],
        [0.35, 0.35, 0.2, 0.1],
        (15, 80),
        (1, 2),
        (20, 140),
        "guest",
        "any",
        rnd=0.55,
        ch=("p2p", "ewallet", "bank"),
        cash=(0.5, 0.9),
    )


def sponsors(w: World, n: int) -> None:
    """Orphanages / NGOs (voluntourism): many foreign sponsors, monthly round amounts."""
    s_c = (("GB", "AU", "US", "DE", "NL", "IE"), (0.3, 0.3, 0.2, 0.1, 0.05, 0.05))
    fan_in(
        w,
        n,
        "ngo_sponsorship",
        ["KH", "VN", "LA"],
        [0.6, 0.3, 0.1],
        (20, 200),
        (4, 12),
        (25, 60),
        "sponsor",
        "any",
        sender_c=s_c,
        rnd=0.95,
        ch=("bank", "p2p"),
        hub_kind="C",
        cash=(0.7, 1.0),
        hub_age=(30, 65),
    )


def crowdfund(w: World, n: int) -> None:
    fan_in(
        w,
        n,
        "medical_crowdfund",
        ["VN", "PH", "KH"],
        [0.5, 0.35, 0.15],
        (20, 150),
        (1, 2),
        (15, 120),
        "crowd",
        "any",
        window=21,
        rnd=0.85,
        ch=("p2p", "ewallet", "bank"),
        cash=(0.8, 1.0),
    )


def creators(w: World, n: int) -> None:
    """Adult creators (18-30) in TH/PH/VN: many male fans tipping at night, handles in memos."""
    fan_in(
        w,
        n,
        "adult_creator",
        ["TH", "PH", "VN"],
        [0.45, 0.4, 0.15],
        (10, 100),
        (1, 12),
        (10, 90),
        "fan",
        "evening",
        rnd=0.85,
        ch=("p2p", "ewallet"),
        cash=(0.6, 0.95),
        hub_age=(18, 30),
        sender_sex="M",
        handles=True,
    )


def crypto_p2p(w: World, n: int) -> None:
    """P2P traders paying several merchants in VN/PH for USDT: one sender, many receivers."""
    fan_in(
        w,
        max(1, n // 6),
        "crypto_p2p",
        ["VN", "PH"],
        [0.6, 0.4],
        (10, 60),
        (1, 4),
        (100, 900),
        "p2p",
        "any",
        rnd=0.8,
        ch=("bank", "p2p"),
        cash=(0.85, 1.0),
    )


def romance(w: World, n: int) -> None:
    """Romance-scam victims (older, UK/US/AU) escalating payments to one scammer account."""
    rng = w.rng
    n_sc = max(1, n // 3)
    sc = w.book.add(
        n_sc,
        "C",
        rng.choice(["MY", "PH", "KH"], n_sc, p=[0.35, 0.35, 0.3]),
        "romance_scammer",
        hard=True,
        age=(22, 40),
    )
    v = w.book.add(
        n,
        "C",
        rng.choice(["GB", "US", "AU", "DE"], n, p=[0.3, 0.4, 0.2, 0.1]),
        "romance_victim",
        hard=True,
        age=(50, 78),
    )
    k = rng.integers(4, 25, n)
    o = np.repeat(np.arange(n), k)
    step = np.concatenate([np.arange(x) for x in k])
    usd = 60 * 1.25**step * np.exp(0.3 * rng.standard_normal(len(o)))
    day = rng.integers(0, DAYS - 120, n)[o] + step * rng.integers(2, 9, len(o))
    r = sc[rng.integers(0, n_sc, n)][o]
    t = w.when(v[o], np.minimum(day, DAYS - 1), "any")
    w.emit(
        v[o],
        r,
        t,
        np.minimum(usd, 8000),
        ch=rng.choice(["bank", "p2p", "msb"], len(o)),
        memo=w.pick("romance", len(o)),
        rnd=0.7,
    )
    cash_out(w, sc, (r, t, np.minimum(usd, 8000)), (0.8, 1.0), (1, 20), dest_pop="romance_scammer")


def garment(w: World, n: int) -> None:
    """Phnom Penh garment workers paying families in the provinces: domestic, payday, round USD."""
    rng = w.rng
    s = w.book.add(n, "C", "KH", "garment_family", hard=True, sex="F", age=(18, 40))
    r = w.book.add(n, rng.choice(["XW", "C"]), "KH", "garment_family", hard=True, age=(40, 75))
    per = rng.integers(8, 16, n)
    o = np.repeat(np.arange(n), per)
    w.emit(
        s[o],
        r[o],
        w.when(s[o], payday_days(rng, len(o), (10, 25)), "evening"),
        rng.choice([20.0, 30.0, 50.0, 60.0, 80.0, 100.0], len(o)),
        ch="ewallet",
        memo=w.pick("garment", len(o)),
        rnd=0.95,
        cur=np.full(len(o), "USD"),
    )


def travel(
    w: World,
    travellers: np.ndarray,
    trip_days: tuple[int, int],
    dest: np.ndarray,
    population: str,
    typ: str = "",
    tourist: bool = True,
) -> np.ndarray:
    """Card spending on trips: a flight, hotels, restaurants, ATM withdrawals, gifts."""
    rng = w.rng
    n = len(travellers)
    cats = ("hotel", "restaurant", "atm", "jewellery", "toys", "gifts", "transport")
    where = "tourist" if tourist else "province"
    mer = {(c, cat): w.shop(where, c, cat) for c in sorted(set(dest)) for cat in cats}
    air = w.shop("air", "SG", "airline", 3)
    trip_start = rng.integers(0, DAYS - trip_days[1] - 2, n)
    length = rng.integers(trip_days[0], trip_days[1] + 1, n)
    # Flight: booked at home 10-60 days before.
    bt = np.maximum(trip_start - rng.integers(10, 60, n), 0)
    w.emit(
        travellers,
        air[rng.integers(0, 3, n)],
        w.when(travellers, bt, "any"),
        lognorm(rng, 900, 0.3, n),
        ch="card",
        rnd=0.0,
        typ=typ,
    )
    w_ = {
        "hotel": 0.15,
        "restaurant": 0.35,
        "atm": 0.25 if not tourist else 0.12,
        "jewellery": 0.04 if not tourist else 0.01,
        "toys": 0.05 if not tourist else 0.01,
        "gifts": 0.06,
        "transport": 0.1,
    }
    p = np.array(list(w_.values()))
    per = np.maximum(1, (length * rng.uniform(0.5, 1.5, n)).astype(np.int64))
    o = np.repeat(np.arange(n), per)
    cat = np.array(cats)[rng.choice(len(cats), len(o), p=p / p.sum())]
    day = trip_start[o] + (rng.random(len(o)) * length[o]).astype(np.int64)
    r = np.empty(len(o), np.int64)
    for (c, ct), pool in mer.items():
        m = (dest[o] == c) & (cat == ct)
        r[m] = pool[rng.integers(0, 4, int(m.sum()))]
    base = {
        "hotel": 45,
        "restaurant": 12,
        "atm": 120,
        "jewellery": 260,
        "toys": 35,
        "gifts": 40,
        "transport": 8,
    }
    usd = np.array([base[c] for c in cat]) * np.exp(0.4 * rng.standard_normal(len(o)))
    dest_off = np.array([TZ[c][0] * 3600 for c in dest[o]]).astype(np.int64)
    t = START + day * DAY + rng.integers(8 * 3600, 23 * 3600, len(o)) - dest_off
    # Card spending abroad is booked in the local currency, at the destination's local hours.
    cur = np.array([HOME_CUR[c] for c in dest[o]], dtype=object)
    w.emit(
        travellers[o], r, t, usd, ch="card", rnd=np.where(cat == "atm", 1.0, 0.05), cur=cur, typ=typ
    )
    return trip_start


def nomads(w: World, n: int) -> None:
    rng = w.rng
    s = w.book.add(n, "C", rng.choice(RICH[:8], n), "tourist_nomad", hard=True, age=(22, 70))
    dest = rng.choice(["VN", "KH", "TH", "LA", "PH"], n, p=[0.35, 0.25, 0.25, 0.05, 0.1])
    nomad = rng.random(n) < 0.35
    travel(w, s[~nomad], (5, 21), dest[~nomad], "tourist_nomad")
    travel(w, s[nomad], (30, 120), dest[nomad], "tourist_nomad")
    # Nomads pay a local landlord / coworking monthly.
    ln = w.book.add(int(nomad.sum()), "C", dest[nomad], "tourist_nomad", hard=True)
    k = rng.integers(1, 5, len(ln))
    o = np.repeat(np.arange(len(ln)), k)
    sn = s[nomad][o]
    w.emit(
        sn,
        ln[o],
        w.when(sn, rng.integers(0, DAYS, len(o)), "day"),
        lognorm(rng, 350, 0.4, len(o)),
        ch="p2p",
        memo=w.pick("nomad", len(o)),
        rnd=0.7,
        recv_cur=0.7,
    )


def gamers(w: World, n: int) -> None:
    """Gamers (40% minors) buying vouchers in evening bursts; some pay resellers in VN/PH."""
    rng = w.rng
    minor = rng.random(n) < 0.4
    c = rng.choice(RICH, n, p=RICH_W)
    s = np.concatenate(
        [
            w.book.add(int(minor.sum()), "C", c[minor], "gamer", hard=True, sex="M", age=(13, 17)),
            w.book.add(int((~minor).sum()), "C", c[~minor], "gamer", hard=True, age=(18, 35)),
        ]
    )
    shops = w.book.add(
        6,
        "M",
        rng.choice(["GB", "US", "SG", "KR", "JP", "NL"], 6),
        "merchant",
        mcc=MCC["games"],
        name="game store",
    )
    resell = w.book.add(
        max(1, n // 40),
        "XW",
        rng.choice(["VN", "PH"], max(1, n // 40)),
        "gamer",
        hard=True,
        age=(18, 30),
    )
    bursts = rng.integers(1, 6, n)
    bo = np.repeat(np.arange(n), bursts)
    size = rng.integers(1, 5, len(bo))
    o = np.repeat(bo, size)
    bday = rng.integers(0, DAYS, len(bo))
    bt = w.when(s[bo], bday, "evening")
    t = np.repeat(bt, size) + rng.integers(0, 3 * 3600, len(o))
    usd = rng.choice([5.0, 10.0, 20.0, 25.0, 50.0], len(o))
    to_res = np.repeat(rng.random(len(bo)) < 0.2, size)
    shops = np.concatenate([shops, w.shop("giftcard", "US", "giftcard", 2)])
    r = np.where(
        to_res, resell[rng.integers(0, len(resell), n)][o], shops[rng.integers(0, 8, len(o))]
    )
    w.emit(
        s[o],
        r,
        t,
        usd,
        ch=np.where(to_res, "p2p", "card"),
        memo=np.where(to_res, w.pick("gamer", len(o)), ""),
        rnd=0.95,
    )


# ============================== planted typologies ==========================================


class Planter:
    """Plants T1-T7 until each typology's share of the illicit budget is spent."""

    CORR = (["PH", "VN", "KH", "TH", "LA", "MM"], [0.34, 0.26, 0.2, 0.14, 0.03, 0.03])
    SEND = (
        ("US", "GB", "AU", "DE", "FR", "NL", "JP", "KR", "TW", "SG", "IE"),
        (0.36, 0.14, 0.13, 0.07, 0.03, 0.03, 0.07, 0.05, 0.04, 0.05, 0.03),
    )

    def __init__(self, w: World) -> None:
        self.w = w
        self.rng = w.rng

    def offenders(self, n: int, typ: str, role: str, age: tuple[int, int] = (28, 72)) -> np.ndarray:
        c = self.rng.choice(self.SEND[0], n, p=self.SEND[1])
        return self.w.book.add(
            n, "C", c, "offender", role=role, typology=typ, label=1, sex="M", age=age
        )

    def receivers(
        self,
        n: int,
        typ: str,
        role: str,
        kind: str | None = None,
        age: tuple[int, int] = (20, 55),
        country: np.ndarray | None = None,
    ) -> np.ndarray:
        """Corridor-side accounts; mostly women (item 4: payments "to the same female or multiple
        females"), some men (relatives running a household operation, boys)."""
        rng = self.rng
        c = rng.choice(self.CORR[0], n, p=self.CORR[1]) if country is None else country
        sex = np.where(rng.random(n) < 0.8, "F", "M")
        kinds = (
            rng.choice(["C", "XW", "XC"], n, p=[0.45, 0.35, 0.2])
            if kind is None
            else np.full(n, kind)
        )
        out = np.empty(n, np.int64)
        for kd in sorted(set(kinds)):
            m = kinds == kd
            out[m] = self.w.book.add(
                int(m.sum()),
                kd,
                c[m],
                "victim_side",
                role=role,
                typology=typ,
                label=1,
                sex=sex[m],
                age=age,
            )
        return out

    def memos(self, n: int, handle_key: np.ndarray | None = None) -> np.ndarray:
        rng = self.rng
        u = rng.random(n)
        out = np.full(n, "", dtype=object)
        cov = (u >= 0.38) & (u < 0.78)
        out[cov] = self.w.pick("cover", int(cov.sum()))
        hd = (u >= 0.78) & (u < 0.93)
        out[hd] = self.w.handles(int(hd.sum()), None if handle_key is None else handle_key[hd])
        ms = u >= 0.93
        out[ms] = self.w.pick("lsac_misc", int(ms.sum()))
        return out

    def pay(
        self,
        s: np.ndarray,
        r: np.ndarray,
        t: np.ndarray,
        typ: str,
        *,
        band: float = 0.85,
        rnd: np.ndarray | float = 0.85,
        ch: np.ndarray | None = None,
    ) -> np.ndarray:
        """Band payments (USD 15-100, sometimes 10-200) with the cover-word memo mix."""
        rng = self.rng
        n = len(s)
        usd = np.where(rng.random(n) < band, rng.uniform(15, 100, n), rng.uniform(10, 200, n))
        if ch is None:
            ch = rng.choice(["ewallet", "msb", "p2p", "bank"], n, p=[0.4, 0.3, 0.2, 0.1])
        self.w.emit(
            s, r, t, usd, ch=ch, memo=self.memos(n, r * 7 + 3), rnd=rnd, recv_cur=0.3, typ=typ
        )
        return usd

    def sessions(
        self, s: int, months: int, start_day: int, night: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """A consumer's payment times: bursts of 1-4 within hours, mostly sender-local night."""
        rng = self.rng
        w = self.w
        rate = float(np.clip(lognorm(rng, 3.0, 0.6, 1)[0], 1, 12))  # sessions per month
        n_s = max(1, int(rng.poisson(rate * months)))
        day = start_day + np.sort(rng.integers(0, max(1, months * 30), n_s))
        day = np.clip(day, 0, DAYS - 2)
        prof = np.where(rng.random(n_s) < night, "night", "any")
        t = np.empty(n_s, np.int64)
        acct = np.full(n_s, s)
        for p in ("night", "any"):
            m = prof == p
            t[m] = w.when(acct[m], day[m], p)
        size = rng.choice([1, 1, 2, 2, 3, 4], n_s)
        tt = np.repeat(t, size) + np.concatenate(
            [np.sort(rng.integers(0, 3 * 3600, k)) for k in size]
        )
        return tt, np.repeat(np.arange(n_s), size)

    def t1(self, budget: int) -> None:
        """LSAC consumers paying 1-8 unrelated receivers, receivers added over time."""
        used = 0
        rng = self.rng
        while used < budget:
            s = self.offenders(1, "T1", "consumer")[0]
            months = int(rng.integers(2, 13))
            start = int(rng.integers(0, max(1, DAYS - months * 30)))
            t, _ = self.sessions(s, months, start, rng.uniform(0.55, 0.9))
            k = int(rng.integers(1, 9))
            rec = self.receivers(k, "T1", "receiver")
            # receiver j becomes active at a later point: payments pick among those active so far
            pos = np.arange(len(t)) / max(1, len(t))
            act = np.sort(np.concatenate([[0.0], rng.random(k - 1)]))
            n_act = np.searchsorted(act, pos, side="right")
            r = rec[(rng.random(len(t)) * n_act).astype(np.int64)]
            self.pay(np.full(len(t), s), r, t, "T1", rnd=rng.uniform(0.7, 0.95))
            used += len(t)

    def t2(self, budget: int, typ: str = "T2") -> None:
        """Facilitator hubs: many foreign senders from several countries, households, cash-out."""
        rng = self.rng
        used = 0
        while used < budget:
            own = rng.random() < 0.6
            c = rng.choice(self.CORR[0], p=self.CORR[1])
            hub = self.receivers(
                1, typ, "facilitator", "C" if own else "XW", (28, 60), np.array([c], object)
            )
            nh = int(rng.integers(2, 7)) if own else 0
            house = self.receivers(nh, typ, "household", "C", (18, 65), np.full(nh, c, object))
            if own:  # the household shares the hub's phone
                self.w.book.set("device", house, self.w.attr("device")[hub[0]])
            cap = max(5, min(200, (budget - used) // 3))
            ns = int(np.clip(lognorm(rng, 14, 0.7, 1)[0], 5, cap))
            snd = self.offenders(ns, typ, "hub_consumer")
            ctry = self.w.attr("country")[snd]
            if len(set(ctry)) < 2:  # design (d): senders from at least two countries
                self.w.book.set("country", snd[:1], "GB" if ctry[0] != "GB" else "US")
                self.w.book.set("off", snd[:1], -5.0 if ctry[0] == "GB" else 0.0)
                self.w.book.set("dst", snd[:1], 2 if ctry[0] == "GB" else 1)
            months = int(rng.integers(3, 12))
            t0 = int(rng.integers(0, max(1, DAYS - months * 30)))
            k = np.clip(rng.geometric(0.3, ns), 1, 25)
            o = np.repeat(np.arange(ns), k)
            day = t0 + rng.integers(0, months * 30, len(o))
            s = snd[o]
            t = self.w.when(s, np.clip(day, 0, DAYS - 1), "night")
            any_ = rng.random(len(o)) < 0.35
            t[any_] = self.w.when(s[any_], np.clip(day[any_], 0, DAYS - 1), "any")
            tgt = np.concatenate([hub, house])
            r = np.where(rng.random(len(o)) < 0.7, hub[0], tgt[rng.integers(0, len(tgt), len(o))])
            usd = self.pay(s, r, t, typ, rnd=0.8)
            used += len(o)
            if own:
                before = self.w.count()
                cash_out(
                    self.w, tgt, (r, t, usd), (0.65, 0.95), (0.5, 36), typ=typ, dest_pop="payout"
                )
                used += self.w.count() - before

    def t3(self, budget: int) -> None:
        """Networks: shared consumers across 2-4 facilitators, facilitators forwarding on."""
        rng = self.rng
        used = 0
        while used < budget:
            nf = int(rng.integers(2, 5))
            c = rng.choice(self.CORR[0], nf, p=self.CORR[1])
            fac = self.receivers(nf, "T3", "net_facilitator", "C", (22, 60), c)
            nc = int(rng.integers(4, max(5, min(30, (budget - used) // 6))))
            con = self.offenders(nc, "T3", "net_consumer")
            links = [
                rng.choice(nf, size=int(rng.integers(1, min(3, nf) + 1)), replace=False)
                for _ in range(nc)
            ]
            k = rng.integers(2, 9, nc)
            o = np.repeat(np.arange(nc), k)
            r = np.array([fac[rng.choice(links[i])] for i in o])
            t0 = int(rng.integers(0, DAYS - 200))
            day = t0 + rng.integers(0, 190, len(o))
            t = self.w.when(con[o], day, "night")
            usd = self.pay(con[o], r, t, "T3")
            used += len(o)
            before = self.w.count()
            # the first facilitator forwards part to the next; all cash out
            fw = r == fac[0]
            cash_out(
                self.w,
                fac[:1],
                (r[fw], t[fw], usd[fw]),
                (0.3, 0.6),
                (2, 30),
                typ="T3",
                dest=fac[1:],
            )
            cash_out(self.w, fac, (r, t, usd), (0.5, 0.8), (1, 40), typ="T3", dest_pop="payout")
            used += self.w.count() - before

    def t4(self, budget: int) -> None:
        """Travel to offend: band payments plus trips to non-tourist places, local payments."""
        rng = self.rng
        used = 0
        while used < budget:
            before = self.w.count()
            s = self.offenders(1, "T4", "traveller", (40, 75))
            dest = np.array(
                [rng.choice(["PH", "KH", "VN", "TH"], p=[0.35, 0.3, 0.2, 0.15])], object
            )
            nr = int(rng.integers(1, 4))
            rec = self.receivers(nr, "T4", "receiver", country=np.full(nr, dest[0], object))
            trips = int(rng.integers(1, 3)) if budget - used > 80 else 1
            for _ in range(trips):
                ts = travel(self.w, s, (14, 40), dest, "merchant", typ="T4", tourist=False)[0]
                k = int(rng.integers(2, 8))
                day = ts + rng.integers(0, 14, k)
                r = rec[rng.integers(0, len(rec), k)]
                self.w.emit(
                    np.full(k, s[0]),
                    r,
                    self.w.when(np.full(k, s[0]), day, "any"),
                    rng.uniform(30, 250, k),
                    ch="ewallet",
                    memo=self.memos(k),
                    rnd=0.8,
                    cur=np.full(k, HOME_CUR[dest[0]]),
                    typ="T4",
                )
            t, _ = self.sessions(int(s[0]), int(rng.integers(1, 5)), int(rng.integers(0, 200)), 0.6)
            self.pay(np.full(len(t), s[0]), rec[rng.integers(0, len(rec), len(t))], t, "T4")
            used += self.w.count() - before

    def t5(self, budget: int) -> None:
        """Sextortion: minors paying a new payee 2-6 times in 1-3 days, then silence."""
        rng = self.rng
        used = 0
        while used < budget:
            c = np.array(
                [rng.choice(["PH", "MY", "KH", "VN", "TH"], p=[0.4, 0.2, 0.2, 0.1, 0.1])], object
            )
            mule = self.receivers(1, "T5", "mule", rng.choice(["C", "XW"]), (19, 35), c)
            nv = int(rng.integers(2, max(3, min(12, (budget - used) // 4))))
            vc = rng.choice(["US", "GB", "AU", "DE", "NL", "IE", "SG", "FR"], nv)
            sex = np.where(rng.random(nv) < 0.85, "M", "F")
            vic = self.w.book.add(
                nv,
                "C",
                vc,
                "minor_victim",
                role="victim",
                typology="T5",
                label=1,
                sex=sex,
                age=(14, 17),
            )
            gift = rng.random(nv) < 0.25
            shop = self.w.shop("giftcard", "US", "giftcard", 2)[rng.integers(0, 2, 1)]
            k = rng.integers(2, 7, nv)
            o = np.repeat(np.arange(nv), k)
            step = np.concatenate([np.arange(x) for x in k])
            d0 = rng.integers(0, DAYS - 4, nv)
            t0 = self.w.when(vic, d0, "evening")
            t = t0[o] + (step * rng.uniform(2, 20, len(o)) * 3600).astype(np.int64)
            usd = np.where(step == 0, rng.uniform(25, 200, len(o)), rng.uniform(40, 400, len(o)))
            tot = np.array([usd[o == i].sum() for i in range(nv)])
            usd = usd * np.minimum(1.0, 1450 / tot)[o]
            r = np.where(gift[o], shop[0], mule[0])
            self.w.emit(
                vic[o],
                r,
                t,
                usd,
                ch=np.where(gift[o], "card", "p2p"),
                memo=self.w.pick("fsec", len(o)),
                rnd=0.6,
                typ="T5",
            )
            used += len(o)
            if self.w.attr("kind")[mule[0]] == "C":
                before = self.w.count()
                nog = ~gift[o]
                cash_out(self.w, mule, (r[nog], t[nog], usd[nog]), (0.8, 1.0), (0.2, 12), typ="T5")
                used += self.w.count() - before

    def t6(self, budget: int) -> None:
        """Crypto: buy on the EMI's desk, withdraw to a shared cluster of addresses."""
        rng = self.rng
        desk = self.w.shop("desk", "GB", "crypto", 1)
        used = 0
        while used < budget:
            addr = self.w.book.add(
                int(rng.integers(4, 15)),
                "A",
                "GB",
                "cvc_site",
                role="address",
                typology="T6",
                label=1,
            )
            rem = budget - used
            nb = int(rng.integers(2, max(3, min(8, rem // 12))))
            b = self.offenders(nb, "T6", "cvc_buyer", (20, 50))
            k = rng.integers(3, max(4, min(16, rem // (2 * nb))), nb)
            o = np.repeat(np.arange(nb), k)
            t = self.w.when(b[o], rng.integers(0, DAYS - 2, len(o)), "night")
            usd = rng.uniform(20, 200, len(o))
            self.w.emit(
                b[o], np.full(len(o), desk[0]), t, usd * 1.02, ch="crypto", rnd=0.7, typ="T6"
            )
            mine = [rng.choice(len(addr), size=int(rng.integers(1, 4))) for _ in range(nb)]
            r = np.array([addr[rng.choice(mine[i])] for i in o])
            coin = rng.choice(["BTC", "USDT", "ETH"], len(o), p=[0.5, 0.35, 0.15])
            self.w.emit(
                b[o],
                r,
                t + rng.integers(300, 7200, len(o)),
                usd,
                ch="crypto",
                cur=coin,
                rnd=0.0,
                typ="T6",
            )
            used += 2 * len(o)

    def t7(self, budget: int) -> None:
        """Direct: a foreign adult paying one to three young accounts directly."""
        rng = self.rng
        used = 0
        while used < budget:
            s = self.offenders(1, "T7", "direct_payer")
            k = int(rng.integers(1, 4))
            young = self.receivers(k, "T7", "young_receiver", None, (13, 17))
            months = int(rng.integers(1, 9))
            t, _ = self.sessions(int(s[0]), months, int(rng.integers(0, DAYS - months * 30)), 0.7)
            r = young[rng.integers(0, k, len(t))]
            self.pay(
                np.full(len(t), s[0]),
                r,
                t,
                "T7",
                band=0.7,
                rnd=0.8,
                ch=rng.choice(["ewallet", "p2p"], len(t)),
            )
            used += len(t)

    def lone(self, budget: int, pool: np.ndarray) -> None:
        """Lone illicit payments: 1-3 from a new offender, to an existing or a new receiver."""
        rng = self.rng
        used = 0
        while used < budget:
            n = 20
            s = self.offenders(n, "T1", "lone_consumer")
            k = rng.integers(1, 4, n)
            o = np.repeat(np.arange(n), k)
            new = self.receivers(n, "T1", "lone_receiver")
            tgt = new
            if len(pool):
                old = rng.random(n) < 0.5
                tgt = np.where(old, pool[rng.integers(0, len(pool), n)], new)
            d = rng.integers(0, DAYS - 10, n)[o] + rng.integers(0, 10, len(o))
            t = self.w.when(s[o], d, "night")
            any_ = rng.random(len(o)) < 0.4
            t[any_] = self.w.when(s[o][any_], d[any_], "any")
            self.pay(s[o], tgt[o], t, "T1", band=0.8, rnd=0.75)
            used += len(o)


def malform(
    tx: pl.DataFrame, rng: np.random.Generator, illicit: np.ndarray, share: float = 0.01
) -> pl.DataFrame:
    """A few broken rows, as real exports have (ISO shape and channel values kept).

    An illicit row never loses its sender (it would then touch no labelled account)."""
    n = tx.height
    bad = rng.random(n) < share
    kind = rng.integers(0, 7, n)
    idx = np.arange(n)
    k = {i: bad & (kind == i) for i in range(7)}
    amount = tx["amount"].to_numpy().copy()
    amount[k[0]] = -amount[k[0]]
    amount[k[1]] = 0.0
    ts = tx["timestamp"].to_numpy().copy()
    ts[k[2]] = np.array(
        [f"2025-02-{29 + (i % 2)}T{10 + i % 14}:{i % 60:02d}:00+00:00" for i in idx[k[2]]], object
    )
    ts[k[6]] = np.array(
        [f"2025-{13 + i % 3}-{1 + i % 28:02d}T25:61:00+08:00" for i in idx[k[6]]], object
    )
    cur = tx["currency"].to_numpy().copy()
    cur[k[3]] = np.where(rng.random(int(k[3].sum())) < 0.5, "CNH", "GEL")
    sc = tx["sender_country"].to_numpy().copy()
    sc[k[4] & (sc == "GB")] = "UK"
    out = tx.with_columns(
        pl.Series("amount", amount),
        pl.Series("timestamp", ts, dtype=pl.String),
        pl.Series("currency", cur, dtype=pl.String),
        pl.Series("sender_country", sc, dtype=pl.String),
    )
    null_amt = pl.Series(k[5] & (rng.random(n) < 0.5))
    null_snd = pl.Series(k[5] & ~illicit) & ~null_amt
    return out.with_columns(
        pl.when(null_amt).then(None).otherwise(pl.col("amount")).alias("amount"),
        pl.when(null_snd).then(None).otherwise(pl.col("sender_id")).alias("sender_id"),
    )


def generate(
    n_tx: int = 1_000_000, variant: str = "li", seed: int = 0, hard: float = 1.0
) -> Generated:
    """About n_tx transactions of the EMI's year; variant li (0.05% illicit) or hi (0.2%)."""
    if variant not in ("li", "hi"):
        raise ValueError(f"variant must be li or hi, not {variant!r}")
    w = World(seed * 1000 + (1 if variant == "hi" else 0))
    sc = n_tx / 1_000_000
    h = sc * max(0.0, hard)

    def sz(x: float) -> int:
        return round(x)

    # Planted typologies first (their receivers also serve as targets of lone payments).
    rate = 0.002 if variant == "hi" else 0.0005
    budget = max(12, int(rate * n_tx))
    p = Planter(w)
    full = int(budget * 0.7)
    shares = {"t1": 0.27, "t2": 0.22, "t3": 0.13, "t4": 0.09, "t5": 0.07, "t6": 0.08, "t7": 0.14}
    for name, s in shares.items():
        getattr(p, name)(max(1, int(full * s)))
    roles = w.attr("role")
    pool = np.flatnonzero(np.isin(roles, ["receiver", "facilitator", "household"]))
    p.lone(max(1, budget - w.illicit()), pool)
    # Benign background and hard negatives.
    diaspora(w, sz(9000 * sc))
    migrants(w, sz(6000 * sc))
    crypto_retail(w, sz(2500 * sc))
    if h > 0:
        lixi(w, sz(2200 * h))
        marriage(w, sz(1300 * h))
        freelancers(w, sz(900 * h))
        tutors(w, sz(160 * h))
        garment(w, sz(1500 * h))
        nomads(w, sz(900 * h))
        guesthouses(w, sz(180 * h))
        sponsors(w, sz(30 * h))
        crowdfund(w, sz(90 * h))
        romance(w, sz(300 * h))
        creators(w, sz(150 * h))
        gamers(w, sz(2500 * h))
        crypto_p2p(w, sz(600 * h))
    filler(w, n_tx - w.count())
    return assemble(w)


def assemble(w: World) -> Generated:
    rng = w.rng
    A = {k: w.book.col(k) for k in w.book.cols}
    parts = w.parts
    cat = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    order = np.argsort(cat["t"], kind="stable")
    cat = {k: v[order] for k, v in cat.items()}
    n = len(order)
    s, r = cat["s"], cat["r"]
    cur = cat["cur"].astype(str)
    rate = np.array([RATES.get(c, np.nan) for c in cur])
    local = cat["usd"] / rate
    rounded = nice(local, rng)
    zero = np.isin(cur, list(ZERO_DEC))
    crypto = np.isin(cur, ["BTC", "ETH"])
    plain = np.where(zero, np.round(local), np.round(local, 2))
    plain = np.where(crypto, np.round(local, 6), plain)
    amount = np.where(cat["rnd"] & ~crypto, rounded, plain)
    usd = amount * rate
    # Booking time: SG entity (+08:00) for senders in SEA, else Europe/London.
    sea = np.isin(A["country"][s], SEA)
    t = cat["t"]
    bst = (t >= EU_DST[0]) & (t < EU_DST[1])
    off_h = np.where(sea, 8, np.where(bst, 1, 0))
    own_s = A["kind"][s] == "C"
    own_r = A["kind"][r] == "C"
    ch = np.array(CHANNELS, dtype=object)[cat["ch"]]
    card = ch == "card"
    app = own_s & ~card
    ids = rng.permutation(n).astype(np.int64) * 7919 + rng.integers(0, 7919, n)
    # One frame of account attributes, gathered by row (much faster than per-row strings).
    acc = pl.DataFrame(
        {
            k: pl.Series(A[k].tolist(), dtype=pl.String)
            for k in ("id", "country", "name", "sex", "device", "mcc")
        }
    ).with_columns(pl.Series("birth", A["birth"]))
    si = pl.Series(s, dtype=pl.UInt32)
    ri = pl.Series(r, dtype=pl.UInt32)
    snd = acc.select(pl.all().gather(si))
    rcv = acc.select(pl.all().gather(ri))
    tx = pl.DataFrame(
        {
            "tx_id": pl.Series([f"tr_{x:011x}" for x in ids], dtype=pl.String),
            "t": (t + off_h * 3600) * 1000,
            "off": off_h,
            "sender_id": snd["id"],
            "receiver_id": rcv["id"],
            "amount": amount,
            "currency": pl.Series(cur.tolist(), dtype=pl.String),
            "sender_country": snd["country"],
            "receiver_country": rcv["country"],
            "channel": pl.Series(ch.tolist(), dtype=pl.String),
            "memo": pl.Series(cat["memo"].tolist(), dtype=pl.String),
            "sender_name": snd["name"],
            "receiver_name": rcv["name"],
            "sender_sex": snd["sex"],
            "sender_birth_year": snd["birth"],
            "receiver_birth_year": rcv["birth"],
            "device_id": snd["device"],
            "merchant_category": rcv["mcc"],
            "own_s": own_s,
            "own_r": own_r,
            "app": app,
            "card": card,
        }
    )
    blank = pl.lit(None, dtype=pl.String)
    tx = tx.with_columns(
        (
            pl.from_epoch("t", time_unit="ms").dt.strftime("%Y-%m-%dT%H:%M:%S")
            + pl.when(pl.col("off") == 8)
            .then(pl.lit("+08:00"))
            .when(pl.col("off") == 1)
            .then(pl.lit("+01:00"))
            .otherwise(pl.lit("+00:00"))
        ).alias("timestamp"),
        pl.col("memo", "sender_name", "receiver_name").replace("", None),
        pl.when("own_s").then(pl.col("sender_sex")).otherwise(blank).alias("sender_sex"),
        pl.when("own_s").then(pl.col("sender_birth_year")).alias("sender_birth_year"),
        pl.when("own_r").then(pl.col("receiver_birth_year")).alias("receiver_birth_year"),
        pl.when("app").then(pl.col("device_id")).otherwise(blank).alias("device_id"),
        pl.when(pl.col("card") & (pl.col("merchant_category") != ""))
        .then(pl.col("merchant_category"))
        .otherwise(blank)
        .alias("merchant_category"),
    ).select(
        "tx_id",
        "timestamp",
        "sender_id",
        "receiver_id",
        "amount",
        "currency",
        "sender_country",
        "receiver_country",
        "channel",
        "memo",
        "sender_name",
        "receiver_name",
        "sender_sex",
        "sender_birth_year",
        "receiver_birth_year",
        "device_id",
        "merchant_category",
    )
    tx = malform(tx, rng, cat["typ"] != "")
    labels = pl.DataFrame(
        {
            "tx_id": tx["tx_id"],
            "label_tx": (cat["typ"] != "").astype(np.int8),
            "label_typology": cat["typ"].astype(str),
            "usd": np.where(np.isfinite(usd), usd, np.nan),
        }
    ).with_columns(pl.col("usd").fill_nan(None))
    # Accounts that appear in the file (a sender whose only row lost its id is not listed).
    seen = pl.concat([tx["sender_id"], tx["receiver_id"]]).drop_nulls().unique().implode()
    accounts = pl.DataFrame(
        {
            "account_id": A["id"],
            "label": A["label"].astype(np.int8),
            "typology": A["typology"].astype(str),
            "role": np.where(A["role"] == "", A["population"], A["role"]).astype(str),
            "population": A["population"].astype(str),
            "hard_negative": A["hard"],
            "country": A["country"].astype(str),
            "own_customer": A["kind"] == "C",
        }
    ).filter(pl.col("account_id").is_in(seen))
    return Generated(tx=tx, tx_labels=labels, accounts=accounts)
