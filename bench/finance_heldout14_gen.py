"""Held-out generator 14 (SEALED): a Vietnamese e-wallet and remittance company with a Cambodian
subsidiary.

Written blind: only from the research note (section (a) items 1-14, section (d) design table
T1-T7) and the issue's schema; not from Jaga's rules, docs or any earlier generator (only the
`Generated` contract of finance_heldout_gen was read).

World. A regional e-wallet headquartered in Ho Chi Minh City with a KH subsidiary exports 12
months (Jul 2025 - Jun 2026) of its ledger. Own customers live in VN and KH and carry KYC
(sex, birth year, device id); counterparties carry none. Inbound remittances come from the
diaspora in US, AU, KR, JP, TW, FR, DE and CA (sender's own currency and local UTC offset,
with DST in US/CA/AU-Sydney/EU); outbound goes to PH, TH, LA and MM (plus students abroad).
VN rows are in VND (no minor units), KH rows mostly in USD (dollarised) and some in KHR.
Memos mix Vietnamese with and without diacritics, Khmer script, English and Tagalog. Card
and QR merchant rows carry ISO 18245 MCC codes. About 0.5% of benign rows are malformed (bad
country code, negative amount, unparseable timestamp, unknown channel, unknown currency,
missing id); labels stay aligned row by row.

Positives (note (d)): T1 livestream consumers (expats living in VN/KH paying PH/TH/KH/VN
receivers, and diaspora-country senders paying KH/VN receivers; lone 1-2 payment consumers and
daytime consumers included), T2 facilitator hubs (many foreign senders from >=2 countries,
fast cash-out to agents, household accounts on a shared device; some hubs without visible
cash-out), T3 networks sharing consumers with facilitator-to-facilitator forwarding, T4 travel
to offend (airline, hotel, ATM, jewellery/toy MCCs in KH provinces, payments to a local
family), T5 financial sextortion of teenage boys (new payee, 2-6 rapid payments starting below
USD 250, total <= 1,500, then silence; mules abroad or local; gift-card variant), T6 crypto
(P2P USDT purchase then transfers to a shared cluster of addresses), T7 direct adult-to-child
payments.

Hard negatives (hard_negative=True, scaled by `hard`): Tet li xi gifts (fan-in from several
countries, round, to grandchildren's accounts), parents supported by children in several
countries who cash out at once, students, nail-salon workers remitting late at night, garment
workers, live-commerce sellers (hundreds of small buyers, some abroad, daily cash-out), game
streamers tipped at night (teen fans), PH online English teachers paid by VN/KH parents,
pagodas (donation fan-in at Vu Lan, Pchum Ben, Tet, Vesak), Cambodian microfinance, casino
junket agents and night-shift casino workers, teenagers buying game cards in bursts (and card
resellers), romance-scam victims, freelancers paid by foreign clients.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from finance_heldout_gen import Generated

START = 1751328000  # 2025-07-01T00:00:00Z; local naive seconds are counted from here too
DAYS = 365
TET = 231  # 17 Feb 2026
VU_LAN = 67  # 6 Sep 2025
PCHUM_BEN = 82  # 21 Sep 2025
VESAK = 334  # 31 May 2026
ILLICIT_RATE = {"li": 0.0006, "hi": 0.0045}
MALFORMED_RATE = 0.0055

CHANNELS = ("bank", "msb", "ewallet", "card", "p2p", "crypto", "other")
CH = {c: i for i, c in enumerate(CHANNELS)}
TYPS = ("", "T1", "T2", "T3", "T4", "T5", "T6", "T7")

# zone: (country, base offset minutes, DST rule: 0 none, 1 US/CA, 2 EU, 3 AU south)
ZONES = (
    ("VN", 420, 0),
    ("KH", 420, 0),
    ("PH", 480, 0),
    ("TH", 420, 0),
    ("LA", 420, 0),
    ("MM", 390, 0),
    ("US", -480, 1),
    ("US", -360, 1),
    ("US", -300, 1),
    ("AU", 600, 3),
    ("AU", 480, 0),
    ("KR", 540, 0),
    ("JP", 540, 0),
    ("TW", 480, 0),
    ("FR", 60, 2),
    ("DE", 60, 2),
    ("CA", -300, 1),
    ("CA", -480, 1),
    ("SG", 480, 0),
    ("SC", 240, 0),
)
ZBASE = np.array([z[1] for z in ZONES])
ZRULE = np.array([z[2] for z in ZONES])
ZONE_OF = {
    "US": ([6, 7, 8], [0.55, 0.25, 0.2]),
    "AU": ([9, 10], [0.85, 0.15]),
    "CA": ([16, 17], [0.6, 0.4]),
}
for _i, (_c, _b, _r) in enumerate(ZONES):
    ZONE_OF.setdefault(_c, ([_i], [1.0]))
# DST boundaries as naive local seconds (converted per zone) and, for the EU, UTC.
_US_END = 1762048800 + 0  # 2025-11-02T02:00 naive
_US_START = 1772935200  # 2026-03-08T02:00 naive
_AU_START = 1759629600  # 2025-10-05T02:00 naive
_AU_END = 1775358000  # 2026-04-05T03:00 naive
_EU_END = 1761440400  # 2025-10-26T01:00Z
_EU_START = 1774746000  # 2026-03-29T01:00Z

COUNTRIES = (
    "VN",
    "KH",
    "PH",
    "TH",
    "LA",
    "MM",
    "US",
    "AU",
    "KR",
    "JP",
    "TW",
    "FR",
    "DE",
    "CA",
    "SG",
    "SC",
)
CI = {c: i for i, c in enumerate(COUNTRIES)}
DIASPORA = ("US", "AU", "KR", "JP", "TW", "FR", "DE", "CA")
DIASPORA_P = np.array([0.40, 0.15, 0.09, 0.09, 0.07, 0.06, 0.05, 0.09])
CURRENCIES = ("USD", "VND", "KHR", "AUD", "KRW", "JPY", "TWD", "EUR", "CAD")
RATE = np.array([1.0, 26300.0, 4010.0, 1.53, 1390.0, 150.0, 31.0, 0.87, 1.38])
DECIMALS_UNIT = np.array([0.01, 1000.0, 100.0, 0.01, 1.0, 1.0, 1.0, 0.01, 0.01])
_CCY = {
    "VN": 1,
    "KH": 0,
    "US": 0,
    "AU": 3,
    "KR": 4,
    "JP": 5,
    "TW": 6,
    "FR": 7,
    "DE": 7,
    "CA": 8,
    "SG": 0,
    "SC": 0,
    "PH": 0,
    "TH": 0,
    "LA": 0,
    "MM": 0,
}
CTRY_CCY = np.array([_CCY[c] for c in COUNTRIES])

SURNAMES = {
    "vn": [
        "Nguyen",
        "Tran",
        "Le",
        "Pham",
        "Hoang",
        "Huynh",
        "Phan",
        "Vu",
        "Vo",
        "Dang",
        "Bui",
        "Do",
        "Ho",
        "Ngo",
        "Duong",
        "Ly",
    ],
    "kh": [
        "Sok",
        "Chan",
        "Heng",
        "Chea",
        "Keo",
        "Meas",
        "Ouk",
        "Srey",
        "Lim",
        "Pich",
        "Mao",
        "Sam",
        "Touch",
        "Prak",
    ],
    "ph": [
        "Santos",
        "Reyes",
        "Cruz",
        "Bautista",
        "Garcia",
        "Mendoza",
        "Dela Cruz",
        "Ramos",
        "Aquino",
        "Villanueva",
        "Flores",
        "Castillo",
    ],
    "th": ["Saetang", "Srisuk", "Wongsa", "Chaiyaporn", "Boonmee"],
    "la": ["Phommachanh", "Sayavong", "Vongsa", "Keomany"],
    "mm": ["Aung", "Win", "Htun", "Kyaw", "Thein"],
    "west": [
        "Smith",
        "Johnson",
        "Miller",
        "Brown",
        "Wilson",
        "Taylor",
        "Martin",
        "Anderson",
        "Clarke",
        "Walker",
        "Young",
        "King",
        "Wright",
        "Scott",
    ],
    "kr": ["Kim", "Lee", "Park", "Choi", "Jung"],
    "jp": ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe"],
    "tw": ["Chen", "Lin", "Huang", "Chang", "Wang"],
    "fr": ["Dubois", "Moreau", "Laurent", "Bernard", "Petit"],
    "de": ["Mueller", "Schmidt", "Schneider", "Fischer", "Weber"],
    "biz": ["Shop", "Store", "Co Ltd", "Trading", "Mart"],
}
GIVEN = {
    "vn": [
        "An",
        "Binh",
        "Minh",
        "Lan",
        "Hoa",
        "Tuan",
        "Hung",
        "Thao",
        "Linh",
        "Nam",
        "Mai",
        "Duc",
        "Trang",
        "Khanh",
        "Phuong",
        "Long",
    ],
    "kh": [
        "Dara",
        "Sophea",
        "Vanna",
        "Sreyneang",
        "Rithy",
        "Bopha",
        "Chenda",
        "Visal",
        "Sreymom",
        "Piseth",
    ],
    "ph": ["Maria", "Jocelyn", "Angel", "Mark", "Joy", "Rosalie", "Jerome", "Kristine"],
    "th": ["Somchai", "Nok", "Ploy", "Anan"],
    "la": ["Bounmy", "Khamla", "Noy"],
    "mm": ["Mya", "Zaw", "Thandar", "Min"],
    "west": ["John", "David", "Michael", "Robert", "James", "Peter", "Gary", "Paul", "Steven"],
    "kr": ["Minjun", "Jiho", "Seojun"],
    "jp": ["Hiroshi", "Kenji", "Takeshi"],
    "tw": ["Wei", "Ming", "Chih"],
    "fr": ["Pierre", "Jean", "Luc"],
    "de": ["Klaus", "Thomas", "Stefan"],
    "biz": ["Lotus", "Saigon", "Mekong", "Angkor", "Sen Vang"],
}
NAME_GROUP = {
    "VN": "vn",
    "KH": "kh",
    "PH": "ph",
    "TH": "th",
    "LA": "la",
    "MM": "mm",
    "US": "west",
    "AU": "west",
    "CA": "west",
    "KR": "kr",
    "JP": "jp",
    "TW": "tw",
    "FR": "fr",
    "DE": "de",
    "SG": "west",
    "SC": "west",
}

MERCHANT_MCC = np.array(
    [5411, 5812, 5814, 5499, 4121, 5541, 5912, 5311, 4814, 4900, 5999, 7832, 5651, 5732, 8220]
)
TRAVEL_MCC = (4511, 7011, 6011, 5944, 5945, 5641)
MERCHANT_MCC_P = np.array([18, 16, 10, 8, 9, 6, 5, 5, 6, 5, 4, 2, 3, 2, 1], dtype=float)

# --- memos -------------------------------------------------------------------------------
M_P2P_VN = [
    "tien an",
    "tiền ăn",
    "tra tien",
    "trả tiền",
    "chuyen tien",
    "tien nha thang 9",
    "tiền nhà",
    "ck",
    "gop tien du lich",
    "tien dien nuoc",
    "hoàn tiền",
    "cam on",
]
M_P2P_KH = ["ថ្លៃផ្ទះ", "pay back", "សងលុយ", "ថ្លៃអាហារ", "rent", "thanks", "ជួយ"]
M_DIASPORA = [
    "gui me",
    "gửi mẹ",
    "tien cho ba me",
    "tiền cho ba mẹ",
    "family support",
    "ho tro gia dinh",
    "hỗ trợ gia đình",
    "tien thuoc cho ba",
    "medical bills for dad",
    "con gui",
    "gui em",
    "sua nha",
    "for mom",
]
M_DIASPORA_KH = ["ផ្ញើជូនម៉ាក់", "for mom", "ជួយគ្រួសារ", "ថ្លៃពេទ្យម៉ាក់", "family support"]
M_TET = [
    "li xi",
    "lì xì Tết",
    "mung tuoi ba",
    "mừng tuổi",
    "chuc mung nam moi",
    "chúc mừng năm mới",
    "Happy Tet",
    "li xi cho chau",
    "lì xì các cháu",
    "tết",
]
M_NAIL = ["tien lam nail", "gui ma", "tiền tuần", "tien tuan nay", "gui ve nha", "con gui me"]
M_GARMENT = ["ផ្ញើលុយជូនម៉ាក់", "ថ្លៃសាលាប្អូន", "for mom", "ប្រាក់ខែ", "gui ve que", "gửi về quê"]
M_LIVE = [
    "chot don",
    "chốt đơn",
    "ck don",
    "ma don",
    "coc don",
    "đặt cọc",
    "ao size M",
    "mua 2 cai",
    "@shop",
    "don live toi nay",
]
M_STREAM = [
    "donate",
    "ung ho anh",
    "ủng hộ streamer",
    "gg",
    "@fan",
    "ung ho kenh",
    "hay qua",
    "donate stream dem nay",
]
M_TEACH = [
    "hoc phi tieng Anh",
    "học phí tiếng Anh",
    "tuition 8 sessions",
    "English class fee",
    "bayad sa klase",
    "salamat teacher",
    "phi hoc thang nay",
    "ថ្លៃរៀនអង់គ្លេស",
]
M_PAGODA = [
    "cung duong",
    "cúng dường Tam Bảo",
    "cong duc xay chua",
    "công đức",
    "ធ្វើបុណ្យ",
    "បុណ្យភ្ជុំបិណ្ឌ",
    "donation",
    "dang le Vu Lan",
    "ដង្វាយវត្ត",
]
M_MFI = ["សងប្រាក់កម្ចី", "loan repayment", "tra gop", "trả góp", "សងការប្រាក់", "installment 6"]
M_CASINO = ["chip", "nap diem", "nạp điểm", "rolling", "junket", "settle", "luong", "gui ve nha"]
M_TEEN = [
    "the garena",
    "nạp thẻ",
    "mua the lien quan",
    "nap kim cuong FF",
    "card Roblox",
    "the zing",
    "nap game",
    "mua skin",
]
M_ROMANCE = [
    "phi hai quan",
    "customs fee",
    "tien ve may bay",
    "for the ticket",
    "medical bills",
    "phí hải quan",
    "clearance fee",
    "visa fee",
    "i love you",
]
M_FREELANCE = [
    "invoice",
    "logo design",
    "upwork payout",
    "translation",
    "web dev milestone",
    "payment for design",
    "fiverr order",
]
M_STUDENT = [
    "tien tro",
    "tiền trọ",
    "hoc phi",
    "học phí",
    "tien an thang",
    "tuition",
    "living allowance",
    "sinh hoat phi",
]
M_OFW = [
    "padala para kay nanay",
    "pang-tuition ni bunso",
    "pambayad kuryente",
    "allowance",
    "para sa gamot",
    "ipon",
    "pang-grocery",
]
M_CRYPTO = ["usdt", "mua coin", "P2P USDT", "nap san", "buy usdt"]
M_TRADE = ["hang hoa", "invoice", "deposit order", "tien hang", "ค่าสินค้า"]
M_CASH = ["rut tien", "rút tiền", "cash out", "ដកលុយ", "nap tien", "top up"]
# Cover words and handles (item 6) in the receiver's language.
M_COVER = {
    "PH": [
        "pang-tuition",
        "para sa gamot",
        "allowance",
        "uniform",
        "medical bills",
        "load",
        "pambayad upa",
        "family support",
        "education",
        "salamat po",
        "@sweetjen",
        "@babyrose",
        "school supplies",
        "pang-kain",
    ],
    "TH": [
        "medical bills",
        "school fee",
        "family support",
        "accommodation",
        "@ploy_live",
        "uniform",
        "ค่าเทอม",
    ],
    "KH": [
        "ថ្លៃសាលា",
        "ថ្លៃពេទ្យ",
        "medical bills",
        "uniform",
        "school fee",
        "@srey_cute",
        "accommodation",
        "family support",
        "ជួយគ្រួសារ",
    ],
    "VN": [
        "hoc phi",
        "tien thuoc",
        "tiền thuốc",
        "ho tro",
        "dong phuc",
        "đồng phục",
        "@be_xinh",
        "medical bills",
        "education",
        "accommodation",
    ],
}
M_FSEC = ["", "pay now", "delete it", "xoa di", "xóa đi", "please", "lan cuoi", "last one"]
M_DIRECT = [
    "qua cho em",
    "quà cho em",
    "for school",
    "phone load",
    "mua dien thoai",
    "@be_xinh",
    "for you",
    "ថ្លៃសាលា",
    "kẹo",
    "gift",
]

HOUR_DAY = np.array(
    [
        0.2,
        0.1,
        0.05,
        0.05,
        0.1,
        0.4,
        1.2,
        2.5,
        3.5,
        4,
        4.2,
        4.5,
        4.8,
        4.2,
        4,
        4,
        4.2,
        4.5,
        4.8,
        4.6,
        4,
        3,
        1.8,
        0.7,
    ]
)
HOUR_EVE = np.array(
    [
        0.6,
        0.3,
        0.1,
        0.05,
        0.05,
        0.1,
        0.3,
        0.6,
        0.8,
        0.9,
        1,
        1.2,
        1.5,
        1.2,
        1,
        1,
        1.2,
        1.8,
        2.8,
        4.5,
        6,
        6.5,
        5.5,
        2.5,
    ]
)
HOUR_NIGHT = np.array(
    [
        5,
        4.5,
        3.5,
        2.2,
        1,
        0.3,
        0.2,
        0.2,
        0.2,
        0.2,
        0.2,
        0.3,
        0.3,
        0.3,
        0.3,
        0.3,
        0.4,
        0.5,
        0.8,
        1.2,
        2.5,
        5,
        6,
        6,
    ]
)
HOUR_SHIFT = np.array(
    [
        2,
        3,
        4,
        5,
        5,
        4,
        2,
        1,
        0.5,
        0.3,
        0.3,
        0.3,
        0.3,
        0.3,
        0.3,
        0.3,
        0.3,
        0.3,
        0.3,
        0.3,
        0.5,
        0.8,
        1,
        1.5,
    ]
)
HOUR_OFFICE = np.array([0.05] * 8 + [2, 3, 3, 3, 2, 3, 3, 3, 2.5, 1.5] + [0.3] * 6)


class World:
    """Accounts registry plus the rows emitted so far (kept as numpy chunks)."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.n = 0
        self.acc: dict[str, list[np.ndarray]] = {
            k: []
            for k in (
                "ctry",
                "zone",
                "cust",
                "sex",
                "by",
                "grp",
                "kind",
                "label",
                "typ",
                "role",
                "pop",
                "hard",
                "mcc",
                "dev",
            )
        }
        self.rows: dict[str, list[np.ndarray]] = {
            k: [] for k in ("s", "r", "usd", "rnd", "lt", "ch", "memo", "mcc", "lab")
        }
        self.dev_next = 1

    # -- accounts ----------------------------------------------------------------------------
    def add(
        self,
        n: int,
        country: str | np.ndarray,
        pop: str,
        *,
        cust: bool = False,
        male: float = 0.5,
        born: tuple[int, int] = (1960, 2000),
        grp: str | None = None,
        kind: int = 0,  # 0 person, 1 merchant, 2 agent/bank, 3 crypto address, 4 org
        label: int = 0,
        typ: str = "",
        role: str = "",
        hard: bool = False,
        mcc: int | np.ndarray = 0,
        dev: np.ndarray | None = None,
    ) -> np.ndarray:
        rng = self.rng
        ctry = np.broadcast_to(np.asarray(country, dtype=object), (n,)).copy()
        zone = np.empty(n, dtype=np.int64)
        for c in np.unique(ctry.astype(str)):
            m = ctry == c
            zs, ps = ZONE_OF[c]
            zone[m] = rng.choice(zs, int(m.sum()), p=ps)
        sex = np.where(rng.random(n) < male, "M", "F").astype(object)
        by = rng.integers(born[0], born[1] + 1, n)
        if grp is None:
            g = np.array([NAME_GROUP[c] for c in ctry], dtype=object)
        else:
            g = np.full(n, grp, dtype=object)
        if dev is None:
            dev = np.arange(self.dev_next, self.dev_next + n)
            self.dev_next += n
        a = self.acc
        a["ctry"].append(ctry)
        a["zone"].append(zone)
        a["cust"].append(np.full(n, cust))
        a["sex"].append(sex)
        a["by"].append(by)
        a["grp"].append(g)
        a["kind"].append(np.full(n, kind))
        a["label"].append(np.full(n, label))
        a["typ"].append(np.full(n, typ, dtype=object))
        a["role"].append(np.full(n, role, dtype=object))
        a["pop"].append(np.full(n, pop, dtype=object))
        a["hard"].append(np.full(n, hard))
        a["mcc"].append(np.broadcast_to(np.asarray(mcc), (n,)).copy())
        a["dev"].append(np.asarray(dev) if cust else np.zeros(n, dtype=np.int64))
        idx = np.arange(self.n, self.n + n)
        self.n += n
        return idx

    # -- rows --------------------------------------------------------------------------------
    def emit(
        self,
        s: np.ndarray,
        r: np.ndarray,
        usd: np.ndarray,
        lt: np.ndarray,
        ch: str | int | np.ndarray,
        *,
        rnd: float | np.ndarray = 0.5,
        memo: np.ndarray | None = None,
        mcc: int | np.ndarray = 0,
        lab: int = 0,
    ) -> None:
        n = len(s)
        if n == 0:
            return
        rows = self.rows
        rows["s"].append(np.broadcast_to(np.asarray(s, dtype=np.int64), (n,)).copy())
        rows["r"].append(np.broadcast_to(np.asarray(r, dtype=np.int64), (n,)).copy())
        rows["usd"].append(np.broadcast_to(np.maximum(np.asarray(usd, dtype=float), 0.3), (n,)))
        if isinstance(rnd, np.ndarray) and rnd.dtype == bool:
            rows["rnd"].append(rnd)
        else:
            rows["rnd"].append(self.rng.random(n) < rnd)
        rows["lt"].append(
            np.broadcast_to(np.clip(np.asarray(lt, dtype=np.int64), 0, DAYS * 86400 - 1), (n,))
        )
        if isinstance(ch, str):
            rows["ch"].append(np.full(n, CH[ch], dtype=np.int8))
        else:
            rows["ch"].append(np.broadcast_to(np.asarray(ch, dtype=np.int8), (n,)))
        rows["memo"].append(np.full(n, None, dtype=object) if memo is None else memo)
        rows["mcc"].append(np.broadcast_to(np.asarray(mcc), (n,)).astype(np.int32))
        rows["lab"].append(np.full(n, lab, dtype=np.int8))

    # -- helpers -----------------------------------------------------------------------------
    def memos(self, n: int, words: list[str], p: float) -> np.ndarray:
        out = np.array(words, dtype=object)[self.rng.integers(0, len(words), n)]
        out[self.rng.random(n) >= p] = None
        return out

    def secs(self, n: int, profile: np.ndarray) -> np.ndarray:
        h = self.rng.choice(24, n, p=profile / profile.sum())
        return h * 3600 + self.rng.integers(0, 3600, n)

    def days(self, n: int, peaks: list[tuple[int, float, float]] | None = None) -> np.ndarray:
        """Uniform days, plus optional (centre, width, share) bumps."""
        d = self.rng.integers(0, DAYS, n)
        for centre, width, share in peaks or []:
            m = self.rng.random(n) < share
            d[m] = np.clip(centre + self.rng.normal(0, width, int(m.sum())), 0, DAYS - 1)
        return d.astype(np.int64)

    def payday_days(self, n: int) -> np.ndarray:
        month = self.rng.integers(0, 12, n)
        dom = self.rng.choice([0, 1, 2, 4, 9, 14, 24, 26, 28], n)
        return np.clip(month * 30.4 + dom, 0, DAYS - 1).astype(np.int64)

    def lognorm(self, n: int, median: float, sigma: float) -> np.ndarray:
        return median * np.exp(self.rng.normal(0, sigma, n))

    def pick(self, pool: np.ndarray, n: int, conc: float = 0.8) -> np.ndarray:
        """n draws from pool with lognormal popularity (fan-in concentration)."""
        w = np.exp(self.rng.normal(0, conc, len(pool)))
        return pool[self.rng.choice(len(pool), n, p=w / w.sum())]


# ----------------------------------------------------------------------------------------
# Benign background
# ----------------------------------------------------------------------------------------


def contacts(
    w: World, s_pool: np.ndarray, r_pool: np.ndarray, n: int, k: tuple[int, int], conc: float = 0.9
) -> tuple[np.ndarray, np.ndarray]:
    """n (sender, receiver) pairs: active senders, each with a few fixed receivers."""
    rng = w.rng
    si = rng.choice(len(s_pool), n, p=_w(rng, len(s_pool), conc))
    kk = rng.integers(k[0], k[1] + 1, len(s_pool))
    base = rng.integers(0, len(r_pool), len(s_pool))
    j = (rng.random(n) * kk[si]).astype(np.int64)
    return s_pool[si], r_pool[(base[si] + j) % len(r_pool)]


def _w(rng: np.random.Generator, n: int, conc: float) -> np.ndarray:
    x = np.exp(rng.normal(0, conc, n))
    return x / x.sum()


def fanin(
    w: World,
    r_pool: np.ndarray,
    s_pool: np.ndarray,
    n: int,
    buyers: tuple[int, int],
    conc: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """n (sender, receiver) pairs for receivers that each have a large base of payers."""
    rng = w.rng
    ri = rng.choice(len(r_pool), n, p=_w(rng, len(r_pool), conc))
    kk = rng.integers(buyers[0], buyers[1] + 1, len(r_pool))
    base = rng.integers(0, len(s_pool), len(r_pool))
    j = (rng.random(n) ** 1.5 * kk[ri]).astype(np.int64)
    return s_pool[(base[ri] + j) % len(s_pool)], r_pool[ri]


def foreign(w: World, n: int, pop: str, grp: str | None = "vn", hard: bool = False) -> np.ndarray:
    ctry = w.rng.choice(DIASPORA, n, p=DIASPORA_P / DIASPORA_P.sum())
    return w.add(n, ctry.astype(object), pop, grp=grp, hard=hard)


def background(w: World, n_bg: int, hard: float) -> None:
    rng = w.rng
    H = dict(
        parent_support=0.02,
        tet_gift=0.03,
        nail_salon=0.025,
        garment=0.025,
        live_seller=0.05,
        streamer=0.03,
        english_teacher=0.02,
        pagoda=0.02,
        microfinance=0.02,
        casino=0.02,
        teen_gamecard=0.02,
        romance=0.008,
        freelancer=0.02,
        student=0.02,
    )
    B = dict(
        p2p_vn=0.22,
        p2p_kh=0.08,
        merchant=0.20,
        cash=0.05,
        diaspora=0.10,
        crypto=0.02,
        ofw=0.02,
        trade=0.01,
    )
    freed = sum(H.values()) * (1 - min(hard, 1.0))
    shares = {k: v * hard for k, v in H.items()}
    B["p2p_vn"] += freed
    shares.update(B)
    tot = sum(shares.values())
    rows = {k: int(n_bg * v / tot) for k, v in shares.items()}

    # Shared pools of ordinary customers.
    n_vn = max(200, n_bg // 9)
    n_kh = max(80, n_bg // 30)
    vn = w.add(n_vn, "VN", "retail", cust=True, born=(1955, 2006))
    kh = w.add(n_kh, "KH", "retail", cust=True, born=(1955, 2006))
    vn_bank = w.add(max(50, n_vn // 5), "VN", "retail")
    kh_bank = w.add(max(20, n_kh // 5), "KH", "retail")
    n_m = max(40, n_bg // 400)
    mer_vn = w.add(
        n_m,
        "VN",
        "merchant",
        kind=1,
        grp="biz",
        mcc=rng.choice(MERCHANT_MCC, n_m, p=MERCHANT_MCC_P / MERCHANT_MCC_P.sum()),
    )
    mer_kh = w.add(
        n_m // 3 + 10,
        "KH",
        "merchant",
        kind=1,
        grp="biz",
        mcc=rng.choice(MERCHANT_MCC, n_m // 3 + 10, p=MERCHANT_MCC_P / MERCHANT_MCC_P.sum()),
    )
    # Province hotels, ATMs, jewellers, toy and children's-wear shops and airline desks (also
    # used by T4), and gift-card sellers (also used by T5) get ordinary local traffic too.
    trav_mcc = np.repeat(np.array(TRAVEL_MCC), 5)
    mer_trav = w.add(len(trav_mcc), "KH", "merchant", kind=1, grp="biz", mcc=trav_mcc)
    gift_vn = w.add(3, "VN", "merchant", kind=1, grp="biz", mcc=5815)
    gift_kh = w.add(2, "KH", "merchant", kind=1, grp="biz", mcc=5815)
    mer_vn = np.concatenate([mer_vn, gift_vn])
    mer_kh = np.concatenate([mer_kh, mer_trav, gift_kh])
    w.mer_trav, w.gift_vn, w.gift_kh = mer_trav, gift_vn, gift_kh  # type: ignore[attr-defined]
    agents_vn = w.add(max(20, n_bg // 4000), "VN", "agent", kind=2, grp="biz")
    agents_kh = w.add(max(10, n_bg // 10000), "KH", "agent", kind=2, grp="biz")
    w.agents_vn, w.agents_kh = agents_vn, agents_kh  # type: ignore[attr-defined]
    w.vn, w.kh, w.mer_vn, w.mer_kh = vn, kh, mer_vn, mer_kh  # type: ignore[attr-defined]

    def p2p(n: int, senders: np.ndarray, recv: np.ndarray, memo: list[str], med: float) -> None:
        s, r = contacts(w, senders, recv, n, (1, 7))
        ch = np.where(rng.random(n) < 0.75, CH["ewallet"], CH["bank"])
        w.emit(
            s,
            r,
            w.lognorm(n, med, 1.1),
            w.days(n) * 86400 + w.secs(n, HOUR_DAY),
            ch,
            rnd=0.45,
            memo=w.memos(n, memo, 0.55),
        )

    p2p(rows["p2p_vn"], vn, np.concatenate([vn, vn_bank]), M_P2P_VN, 12)
    p2p(rows["p2p_kh"], kh, np.concatenate([kh, kh_bank]), M_P2P_KH, 15)

    # Card and QR spending with MCCs.
    n = rows["merchant"]
    nk = n // 4
    s_vn, r_vn = contacts(w, vn, mer_vn, n - nk, (3, 12))
    s_kh, r_kh = contacts(w, kh, mer_kh, nk, (3, 12))
    s, r = np.concatenate([s_vn, s_kh]), np.concatenate([r_vn, r_kh])
    ch = np.where(rng.random(n) < 0.4, CH["card"], CH["ewallet"])
    w.emit(s, r, w.lognorm(n, 6, 1.0), w.days(n) * 86400 + w.secs(n, HOUR_DAY), ch, rnd=0.2, mcc=-1)

    # Cash-in / cash-out at agents.
    n = rows["cash"]
    s, r = contacts(w, np.concatenate([vn, kh]), np.concatenate([agents_vn, agents_kh]), n, (1, 2))
    w.emit(
        s,
        r,
        w.lognorm(n, 60, 0.9),
        w.days(n) * 86400 + w.secs(n, HOUR_DAY),
        np.where(rng.random(n) < 0.6, CH["other"], CH["bank"]),
        rnd=0.9,
        memo=w.memos(n, M_CASH, 0.3),
    )

    # Diaspora family remittances (monthly, near paydays, surname match implied by grp).
    n = rows["diaspora"]
    n_snd = max(30, n // 10)
    snd_vn = foreign(w, int(n_snd * 0.85), "diaspora", "vn")
    snd_kh = w.add(
        n_snd - len(snd_vn),
        rng.choice(["US", "FR", "AU", "CA"], n_snd - len(snd_vn)),
        "diaspora",
        grp="kh",
    )
    nv = int(n * 0.85)
    s1, r1 = contacts(w, snd_vn, vn, nv, (1, 3), 0.5)
    s2, r2 = contacts(w, snd_kh, kh, n - nv, (1, 3), 0.5)
    s, r = np.concatenate([s1, s2]), np.concatenate([r1, r2])
    memo = np.concatenate([w.memos(nv, M_DIASPORA, 0.6), w.memos(n - nv, M_DIASPORA_KH, 0.6)])
    w.emit(
        s,
        r,
        w.lognorm(n, 250, 0.7),
        w.payday_days(n) * 86400 + w.secs(n, HOUR_DAY),
        np.where(rng.random(n) < 0.7, CH["msb"], CH["bank"]),
        rnd=0.75,
        memo=memo,
    )

    if rows.get("parent_support", 0) > 0:
        # Elderly parents paid by children in several countries, cashed out within a day.
        n = rows["parent_support"]
        k = max(5, n // 40)
        par = w.add(k, "VN", "parent_support", cust=True, born=(1945, 1965), hard=True)
        kids = foreign(w, k * 3, "parent_support", "vn", hard=True)
        j = rng.integers(0, 3, n * 2 // 3)
        pi = rng.integers(0, k, n * 2 // 3)
        d = w.payday_days(len(pi))
        t = d * 86400 + w.secs(len(pi), HOUR_EVE)
        usd = w.lognorm(len(pi), 200, 0.5)
        w.emit(
            kids[pi * 3 + j],
            par[pi],
            usd,
            t,
            "msb",
            rnd=0.85,
            memo=w.memos(len(pi), M_DIASPORA, 0.7),
        )
        m = n - len(pi)
        sel = rng.integers(0, len(pi), m)
        w.emit(
            par[pi[sel]],
            w.pick(agents_vn, m),
            usd[sel] * rng.uniform(1.5, 2.5, m),
            t[sel] + rng.integers(3600, 30 * 3600, m),
            "other",
            rnd=0.95,
            memo=w.memos(m, M_CASH, 0.4),
        )

    if rows.get("tet_gift", 0) > 0:
        # Li xi: diaspora relatives send round gifts around Tet, also to grandchildren.
        n = rows["tet_gift"]
        fam = max(5, n // 25)
        snd = foreign(w, fam * 4, "tet_gift", "vn", hard=True)
        adults = w.add(fam * 2, "VN", "tet_gift", cust=True, born=(1945, 1985), hard=True)
        kids = w.add(fam * 2, "VN", "tet_gift", cust=True, born=(2008, 2013), hard=True)
        f = rng.integers(0, fam, n)
        s = snd[f * 4 + rng.integers(0, 4, n)]
        r = np.where(
            rng.random(n) < 0.4,
            kids[f * 2 + rng.integers(0, 2, n)],
            adults[f * 2 + rng.integers(0, 2, n)],
        )
        d = np.clip(TET - rng.gamma(2.0, 5.0, n) + 4, 0, DAYS - 1).astype(np.int64)
        usd = rng.choice([20, 50, 100, 100, 200, 500], n) * rng.uniform(0.98, 1.02, n)
        w.emit(
            s, r, usd, d * 86400 + w.secs(n, HOUR_EVE), "msb", rnd=0.95, memo=w.memos(n, M_TET, 0.8)
        )

    if rows.get("nail_salon", 0) > 0:
        n = rows["nail_salon"]
        k = max(5, n // 30)
        ctry = rng.choice(["US", "CA", "AU"], k, p=[0.7, 0.2, 0.1])
        snd = w.add(k, ctry.astype(object), "nail_salon", grp="vn", hard=True, male=0.2)
        fam = w.add(k * 2, "VN", "nail_salon", cust=True, hard=True, born=(1950, 2000))
        si = rng.integers(0, k, n)
        week = rng.integers(0, 52, n)
        d = np.clip(week * 7 + rng.choice([0, 1], n), 0, DAYS - 1)
        hour = rng.choice([20, 21, 22, 23], n) * 3600 + rng.integers(0, 3600, n)
        w.emit(
            snd[si],
            fam[si * 2 + rng.integers(0, 2, n)],
            w.lognorm(n, 150, 0.5),
            d * 86400 + hour,
            "msb",
            rnd=0.9,
            memo=w.memos(n, M_NAIL, 0.6),
        )

    if rows.get("garment", 0) > 0:
        n = rows["garment"]
        k = max(5, n // 12)
        wk = w.add(k, "KH", "garment", cust=True, male=0.15, born=(1985, 2004), hard=True)
        home = w.add(k, "KH", "garment", cust=True, born=(1950, 1980), hard=True)
        si = rng.integers(0, k, n)
        month = rng.integers(0, 12, n)
        d = np.clip(month * 30.4 + rng.choice([9, 10, 24, 25], n), 0, DAYS - 1).astype(np.int64)
        w.emit(
            wk[si],
            home[si],
            w.lognorm(n, 35, 0.4),
            d * 86400 + w.secs(n, HOUR_EVE),
            "ewallet",
            rnd=0.9,
            memo=w.memos(n, M_GARMENT, 0.6),
        )

    if rows.get("live_seller", 0) > 0:
        # Live-commerce: hundreds of small buyers, evening sessions, some buyers abroad.
        n = rows["live_seller"]
        k = max(3, n // 600)
        sellers = w.add(k, "VN", "live_seller", cust=True, male=0.3, born=(1985, 2002), hard=True)
        abroad = foreign(w, max(10, n // 60), "live_seller_buyer", "vn", hard=True)
        buyers = np.concatenate([vn, abroad])
        s, r = fanin(w, sellers, buyers, n, (80, 800))
        ri = np.searchsorted(sellers, r)
        period = rng.integers(1, 4, k)
        d = (rng.integers(0, DAYS, k)[ri] + period[ri] * rng.integers(0, 120, n)) % DAYS
        t = d * 86400 + rng.integers(19 * 3600, 23 * 3600 + 1800, n)
        usd = rng.choice([4, 6, 8, 10, 15, 20, 25], n) * rng.uniform(0.9, 1.1, n)
        w.emit(s, r, usd, t, "ewallet", rnd=0.6, memo=w.memos(n, M_LIVE, 0.8))
        m = max(2, n // 15)
        w.emit(
            w.pick(sellers, m),
            w.pick(agents_vn, m),
            w.lognorm(m, 300, 0.6),
            w.days(m) * 86400 + w.secs(m, HOUR_DAY),
            "bank",
            rnd=0.8,
        )

    if rows.get("streamer", 0) > 0:
        n = rows["streamer"]
        k = max(3, n // 300)
        strm = w.add(
            k,
            np.where(rng.random(k) < 0.8, "VN", "KH").astype(object),
            "streamer",
            cust=True,
            male=0.85,
            born=(1996, 2006),
            hard=True,
        )
        teens = w.add(
            max(10, n // 15),
            "VN",
            "streamer_fan",
            cust=True,
            male=0.85,
            born=(2008, 2011),
            hard=True,
        )
        abroad = foreign(w, max(5, n // 80), "streamer_fan", "vn", hard=True)
        fans = np.concatenate([vn[: len(vn) // 2], teens, abroad])
        s, r = fanin(w, strm, fans, n, (50, 500))
        usd = rng.choice([1, 2, 4, 4, 8, 20], n) * rng.uniform(0.95, 1.05, n)
        w.emit(
            s,
            r,
            usd,
            w.days(n) * 86400 + w.secs(n, HOUR_NIGHT),
            "ewallet",
            rnd=0.9,
            memo=w.memos(n, M_STREAM, 0.7),
        )
        m = max(2, n // 30)
        w.emit(
            w.pick(strm, m),
            w.pick(agents_vn, m),
            w.lognorm(m, 150, 0.6),
            w.days(m) * 86400 + w.secs(m, HOUR_DAY),
            "bank",
            rnd=0.7,
        )

    if rows.get("english_teacher", 0) > 0:
        # Filipino online English teachers paid by VN and KH parents.
        n = rows["english_teacher"]
        k = max(3, n // 60)
        teach = w.add(k, "PH", "english_teacher", male=0.2, hard=True)
        par = w.add(
            max(5, n // 10),
            np.where(rng.random(max(5, n // 10)) < 0.75, "VN", "KH").astype(object),
            "english_teacher_parent",
            cust=True,
            born=(1975, 1990),
            hard=True,
        )
        s, r = contacts(w, par, teach, n, (1, 3), 0.5)
        w.emit(
            s,
            r,
            rng.choice([20, 30, 40, 50, 60, 80, 100], n) * rng.uniform(0.97, 1.03, n),
            w.days(n) * 86400 + w.secs(n, HOUR_EVE),
            "msb",
            rnd=0.85,
            memo=w.memos(n, M_TEACH, 0.7),
        )

    if rows.get("pagoda", 0) > 0:
        n = rows["pagoda"]
        k = max(3, n // 300)
        pag = w.add(
            k,
            np.where(rng.random(k) < 0.6, "VN", "KH").astype(object),
            "pagoda",
            kind=4,
            grp="biz",
            cust=True,
            hard=True,
        )
        abroad = foreign(w, max(10, n // 30), "pagoda_donor", None, hard=True)
        donors = np.concatenate([vn[len(vn) // 2 :], kh, abroad])
        s, r = fanin(w, pag, donors, n, (40, 600))
        peaks = [(VU_LAN, 4, 0.15), (PCHUM_BEN, 5, 0.15), (TET, 5, 0.15), (VESAK, 3, 0.1)]
        usd = rng.choice([2, 4, 10, 20, 40, 100], n) * rng.uniform(0.95, 1.05, n)
        w.emit(
            s,
            r,
            usd,
            w.days(n, peaks) * 86400 + w.secs(n, HOUR_DAY),
            "ewallet",
            rnd=0.95,
            memo=w.memos(n, M_PAGODA, 0.7),
        )

    if rows.get("microfinance", 0) > 0:
        n = rows["microfinance"]
        mfi = w.add(4, "KH", "microfinance", kind=4, grp="biz", cust=True, hard=True)
        bor = w.add(max(5, n // 11), "KH", "microfinance", cust=True, male=0.2, hard=True)
        bi = rng.integers(0, len(bor), n)
        d = np.clip(rng.integers(0, 12, n) * 30.4 + (bi % 28), 0, DAYS - 1).astype(np.int64)
        inst = rng.choice([25.0, 40.0, 50.0, 75.0, 100.0, 150.0], len(bor))
        w.emit(
            bor[bi],
            mfi[bi % 4],
            inst[bi],
            d * 86400 + w.secs(n, HOUR_DAY),
            "ewallet",
            rnd=0.95,
            memo=w.memos(n, M_MFI, 0.7),
        )

    if rows.get("casino", 0) > 0:
        n = rows["casino"]
        k = max(3, n // 150)
        junket = w.add(k, "KH", "casino_junket", cust=True, male=0.8, born=(1975, 1995), hard=True)
        workers = w.add(
            max(5, n // 30),
            "KH",
            "casino_worker",
            cust=True,
            grp="vn",
            born=(1985, 2003),
            hard=True,
        )
        players_f = w.add(
            max(5, n // 40),
            rng.choice(["KR", "TW", "JP"], max(5, n // 40)).astype(object),
            "casino_player",
            hard=True,
        )
        players = np.concatenate([vn[: len(vn) // 3], players_f])
        n1 = n * 6 // 10
        s, r = fanin(w, junket, players, n1, (20, 200))
        t = w.days(n1) * 86400 + w.secs(n1, HOUR_NIGHT)
        w.emit(
            s,
            r,
            w.lognorm(n1, 300, 0.8),
            t,
            np.where(np.isin(s, players_f), CH["msb"], CH["ewallet"]),
            rnd=0.9,
            memo=w.memos(n1, M_CASINO, 0.5),
        )
        n2 = n // 5
        sel = rng.integers(0, n1, n2)
        w.emit(
            r[sel],
            w.pick(agents_kh, n2),
            w.lognorm(n2, 900, 0.6),
            t[sel] + rng.integers(1800, 20 * 3600, n2),
            "other",
            rnd=0.95,
        )
        n3 = n - n1 - n2
        s3, r3 = contacts(w, workers, vn, n3, (1, 2))
        w.emit(
            s3,
            r3,
            w.lognorm(n3, 180, 0.5),
            w.days(n3) * 86400 + w.secs(n3, HOUR_SHIFT),
            "msb",
            rnd=0.85,
            memo=w.memos(n3, M_CASINO[-2:] + M_DIASPORA, 0.5),
        )

    if rows.get("teen_gamecard", 0) > 0:
        # Minors buying game cards in bursts of 2-6 payments (merchants or P2P resellers).
        n = rows["teen_gamecard"]
        nt = max(10, n // 6)
        teens = w.add(
            nt,
            np.where(rng.random(nt) < 0.8, "VN", "KH").astype(object),
            "teen_gamecard",
            cust=True,
            male=0.75,
            born=(2008, 2012),
            hard=True,
        )
        shops = w.add(6, "VN", "teen_gamecard", kind=1, grp="biz", mcc=5816, hard=True)
        resell = w.add(
            max(2, n // 400),
            "VN",
            "gamecard_reseller",
            cust=True,
            male=0.8,
            born=(1995, 2004),
            hard=True,
        )
        nb = max(1, n // 3)
        burst = np.repeat(np.arange(nb), 3)[:n]
        if len(burst) < n:
            burst = np.concatenate([burst, rng.integers(0, nb, n - len(burst))])
        bt = rng.integers(0, nt, nb)[burst]
        bday = w.days(nb)[burst] * 86400 + w.secs(nb, HOUR_EVE)[burst]
        to_shop = rng.random(nb)[burst] < 0.55
        rr = np.where(to_shop, shops[bt % 6], resell[bt % len(resell)])
        w.emit(
            teens[bt],
            rr,
            rng.choice([1, 2, 2, 4, 8], n) * rng.uniform(0.95, 1.05, n),
            bday + rng.integers(0, 5 * 3600, n),
            np.where(to_shop, CH["card"], CH["ewallet"]),
            rnd=0.9,
            memo=w.memos(n, M_TEEN, 0.6),
            mcc=np.where(to_shop, 5816, 0),
        )

    if rows.get("romance", 0) > 0:
        n = rows["romance"]
        k = max(2, n // 12)
        vic = w.add(k, "VN", "romance_victim", cust=True, male=0.35, born=(1958, 1985), hard=True)
        scm = w.add(
            max(1, k // 3),
            rng.choice(["MM", "KH", "TH", "PH"], max(1, k // 3)).astype(object),
            "romance_scammer",
            grp="west",
            hard=True,
        )
        vi = rng.integers(0, k, n)
        step = rng.random(n)
        d = (rng.integers(0, 250, k)[vi] + step * 100).astype(np.int64)
        usd = 50 * np.exp(step * 4.0) * rng.uniform(0.8, 1.2, n)
        w.emit(
            vic[vi],
            scm[vi % len(scm)],
            usd,
            d * 86400 + w.secs(n, HOUR_EVE),
            "msb",
            rnd=0.6,
            memo=w.memos(n, M_ROMANCE, 0.6),
        )

    if rows.get("freelancer", 0) > 0:
        n = rows["freelancer"]
        k = max(3, n // 40)
        fl = w.add(k, "VN", "freelancer", cust=True, born=(1990, 2003), hard=True)
        clients = foreign(w, max(5, n // 8), "freelance_client", None, hard=True)
        s, r = fanin(w, fl, clients, n * 4 // 5, (3, 25))
        t = w.days(len(s)) * 86400 + w.secs(len(s), HOUR_OFFICE)
        w.emit(
            s,
            r,
            w.lognorm(len(s), 180, 0.8),
            t,
            np.where(rng.random(len(s)) < 0.5, CH["msb"], CH["bank"]),
            rnd=0.35,
            memo=w.memos(len(s), M_FREELANCE, 0.7),
        )
        m = n - len(s)
        sel = rng.integers(0, len(s), m)
        w.emit(
            r[sel],
            w.pick(agents_vn, m),
            w.lognorm(m, 400, 0.5),
            t[sel] + rng.integers(3600, 40 * 3600, m),
            "bank",
            rnd=0.8,
        )

    if rows.get("student", 0) > 0:
        n = rows["student"]
        k = max(4, n // 12)
        par = w.add(k, "VN", "student_parent", cust=True, born=(1965, 1982), hard=True)
        half = k // 2
        st_dom = w.add(half, "VN", "student", cust=True, born=(2003, 2007), hard=True)
        abroad_c = rng.choice(["AU", "JP", "KR", "US", "TW", "FR", "DE", "CA"], k - half)
        st_abr = w.add(
            k - half, abroad_c.astype(object), "student", grp="vn", hard=True, born=(2000, 2006)
        )
        stud = np.concatenate([st_dom, st_abr])
        pi = rng.integers(0, k, n)
        abr = pi >= half
        w.emit(
            par[pi],
            stud[pi],
            np.where(abr, w.lognorm(n, 600, 0.5), w.lognorm(n, 120, 0.4)),
            w.payday_days(n) * 86400 + w.secs(n, HOUR_DAY),
            np.where(abr, CH["bank"], CH["ewallet"]),
            rnd=0.85,
            memo=w.memos(n, M_STUDENT, 0.7),
        )

    # Benign crypto (VN P2P USDT market), Filipino workers remitting home, cross-border trade.
    n = rows["crypto"]
    p2p_sellers = w.add(max(3, n // 200), "VN", "usdt_p2p_seller", cust=True, born=(1985, 2000))
    w.p2p_sellers = p2p_sellers  # type: ignore[attr-defined]
    hot = _crypto_addrs(w, max(5, n // 500), "crypto_exchange")
    users = vn[: max(10, len(vn) // 8)]
    n1 = n // 2
    s, r = contacts(w, users, p2p_sellers, n1, (1, 2))
    w.emit(
        s,
        r,
        w.lognorm(n1, 120, 1.0),
        w.days(n1) * 86400 + w.secs(n1, HOUR_EVE),
        "ewallet",
        rnd=0.6,
        memo=w.memos(n1, M_CRYPTO, 0.6),
    )
    s, r = contacts(w, users, hot, n - n1, (1, 3))
    w.emit(
        s,
        r,
        w.lognorm(n - n1, 110, 1.0),
        w.days(n - n1) * 86400 + w.secs(n - n1, HOUR_NIGHT),
        "crypto",
        rnd=0.4,
    )

    n = rows["ofw"]
    k = max(3, n // 10)
    ofw = w.add(
        k,
        np.where(rng.random(k) < 0.6, "VN", "KH").astype(object),
        "ofw_remitter",
        cust=True,
        grp="ph",
        born=(1975, 2000),
    )
    fam = w.add(k * 2, "PH", "ofw_family")
    oi = rng.integers(0, k, n)
    w.emit(
        ofw[oi],
        fam[oi * 2 + rng.integers(0, 2, n)],
        w.lognorm(n, 200, 0.5),
        w.payday_days(n) * 86400 + w.secs(n, HOUR_EVE),
        "msb",
        rnd=0.7,
        memo=w.memos(n, M_OFW, 0.7),
    )

    n = rows["trade"]
    k = max(3, n // 20)
    biz = np.concatenate([vn[-k:], kh[-max(1, k // 3) :]])
    sup = w.add(
        k, rng.choice(["TH", "LA", "MM"], k).astype(object), "trade_supplier", kind=4, grp="biz"
    )
    s, r = contacts(w, biz, sup, n, (1, 3))
    w.emit(
        s,
        r,
        w.lognorm(n, 1500, 0.8),
        w.days(n) * 86400 + w.secs(n, HOUR_OFFICE),
        "bank",
        rnd=0.5,
        memo=w.memos(n, M_TRADE, 0.7),
    )


def _crypto_addrs(w: World, n: int, pop: str, **kw: object) -> np.ndarray:
    ctry = w.rng.choice(["SC", "SG"], n).astype(object)
    idx = w.add(n, ctry, pop, kind=3, grp="biz", **kw)  # type: ignore[arg-type]
    return idx


# ----------------------------------------------------------------------------------------
# Planted typologies
# ----------------------------------------------------------------------------------------

POS = "osaec"


def band_usd(w: World, n: int, drift: bool = True) -> np.ndarray:
    rng = w.rng
    u = rng.random(n)
    core = rng.uniform(15, 100, n)
    wide = rng.uniform(10, 200, n)
    hi = rng.uniform(150, 250, n)
    return np.where(u < 0.8, core, np.where((u < 0.98) | (not drift), wide, hi))


def night_times(w: World, n: int, night: float, days: np.ndarray) -> np.ndarray:
    rng = w.rng
    prof = np.where(rng.random(n) < night, 1, 0)
    nh = rng.choice([21, 22, 23, 0, 1, 2, 3], n) * 3600 + rng.integers(0, 3600, n)
    dh = w.secs(n, HOUR_DAY)
    return days * 86400 + np.where(prof == 1, nh, dh)


def burst_days(w: World, n: int, start: int, span: int) -> np.ndarray:
    rng = w.rng
    nb = max(1, n // 3)
    centres = start + rng.integers(0, max(1, span), nb)
    return np.sort(np.clip(centres[rng.integers(0, nb, n)] + rng.integers(0, 3, n), 0, DAYS - 1))


def t1_consumer(
    w: World,
    n_pay: int,
    recv: np.ndarray | None,
    lone: bool,
    typ: str = "T1",
    role: str = "consumer",
) -> tuple[int, np.ndarray]:
    """One livestream consumer. Returns rows emitted and his receivers."""
    rng = w.rng
    expat = rng.random() < 0.55
    if expat:
        c = "VN" if rng.random() < 0.55 else "KH"
        grp = str(rng.choice(["west", "west", "kr", "jp", "de", "fr"]))
        s = w.add(
            1, c, POS, cust=True, male=1.0, born=(1950, 1985), grp=grp, label=1, typ=typ, role=role
        )[0]
    else:
        c = str(rng.choice(DIASPORA, p=DIASPORA_P / DIASPORA_P.sum()))
        grp = "west" if c in ("US", "AU", "CA") else None
        s = w.add(1, c, POS, grp=grp, male=1.0, label=1, typ=typ, role=role)[0]
    if recv is None:
        k = 1 if lone else int(rng.integers(1, 9))
        if expat:
            rc = rng.choice(["PH", "TH", "KH", "VN"], k, p=[0.65, 0.15, 0.12, 0.08])
        else:
            rc = rng.choice(["KH", "VN"], k, p=[0.6, 0.4])
        cust = np.isin(rc, ["KH", "VN"])
        recv = np.empty(k, dtype=np.int64)
        for i in range(k):
            recv[i] = w.add(
                1,
                str(rc[i]),
                POS,
                cust=bool(cust[i]),
                male=0.2,
                born=(1970, 1998),
                label=1,
                typ=typ,
                role="receiver",
            )[0]
    night = 0.25 if rng.random() < 0.2 else rng.uniform(0.65, 0.95)
    life = int(rng.integers(20, DAYS))
    start = int(rng.integers(0, DAYS - min(life, DAYS - 1)))
    days = burst_days(w, n_pay, start, life)
    # New receivers added over time: receiver index grows with progress through the lifetime.
    prog = np.arange(n_pay) / max(1, n_pay)
    ri = np.minimum((prog * len(recv) + rng.integers(-1, 2, n_pay)).clip(0), len(recv) - 1)
    r = recv[ri.astype(np.int64)]
    rctry = np.array(w_country(w, r))
    memo = np.full(n_pay, None, dtype=object)
    for c in np.unique(rctry):
        m = rctry == c
        memo[m] = w.memos(int(m.sum()), M_COVER.get(str(c), M_COVER["PH"]), 0.6)
    ch = CH["msb"] if not expat or rng.random() < 0.7 else CH["ewallet"]
    w.emit(
        np.full(n_pay, s),
        r,
        band_usd(w, n_pay),
        night_times(w, n_pay, night, days),
        ch,
        rnd=rng.uniform(0.7, 0.95),
        memo=memo,
        lab=TYPS.index(typ),
    )
    return n_pay, recv


def w_country(w: World, idx: np.ndarray) -> list[str]:
    # accounts are appended in chunks; a flat view is built lazily and cached per size
    cache = getattr(w, "_ctry_cache", None)
    if cache is None or len(cache) != w.n:
        cache = np.concatenate(w.acc["ctry"])
        w._ctry_cache = cache  # type: ignore[attr-defined]
    return [str(c) for c in cache[idx]]


def plant(w: World, budget: int) -> None:
    rng = w.rng
    share = {"T1": 0.31, "T2": 0.2, "T3": 0.12, "T4": 0.07, "T5": 0.1, "T6": 0.08, "T7": 0.12}
    b = {t: max(4, int(budget * v)) for t, v in share.items()}
    agents = np.concatenate([w.agents_vn, w.agents_kh])  # type: ignore[attr-defined]

    # T1: consumers; ~30% lone (1-2 payments).
    used = 0
    while used < b["T1"]:
        lone = rng.random() < 0.45
        n = int(rng.integers(1, 3)) if lone else int(min(rng.integers(4, 60), b["T1"] - used + 2))
        used += t1_consumer(w, max(1, n), None, lone, role="lone_consumer" if lone else "consumer")[
            0
        ]

    # T2: facilitator hubs with many foreign senders, cash-out within 48 h, households.
    used = 0
    while used < b["T2"]:
        c = "KH" if rng.random() < 0.6 else "VN"
        dev = np.full(1, w.dev_next)
        w.dev_next += 1
        hub = w.add(
            1,
            c,
            POS,
            cust=True,
            male=0.4,
            born=(1968, 1996),
            label=1,
            typ="T2",
            role="facilitator",
            dev=dev,
        )[0]
        hidden = rng.random() < 0.25
        n_snd = int(rng.integers(5, 30 if budget < 2000 else 80))
        ctry = rng.choice(DIASPORA, n_snd, p=DIASPORA_P / DIASPORA_P.sum())
        ctry[:2] = ["US", "AU"] if rng.random() < 0.5 else ["KR", "CA"]
        snd = w.add(
            n_snd,
            ctry.astype(object),
            POS,
            male=1.0,
            label=1,
            typ="T2",
            role="hub_consumer",
        )
        per = rng.integers(1, 5, n_snd)
        s = np.repeat(snd, per)
        m = len(s)
        start = int(rng.integers(0, 250))
        days = np.clip(start + rng.integers(0, 110, m), 0, DAYS - 1)
        t = night_times(w, m, 0.8, days)
        inflow = band_usd(w, m)
        w.emit(
            s,
            np.full(m, hub),
            inflow,
            t,
            "msb",
            rnd=0.85,
            memo=w.memos(m, M_COVER[c], 0.5),
            lab=2,
        )
        used += m
        if not hidden:
            # Cash-out: each day's inbound (sender-local day), 65-95% of it, leaves the next
            # day (hub time), i.e. within about 48 h of the payments.
            win, inv = np.unique(days, return_inverse=True)
            k = len(win)
            out = np.bincount(inv, weights=inflow) * rng.uniform(0.65, 0.95, k)
            w.emit(
                np.full(k, hub),
                w.pick(agents, k, 0.3),
                out,
                (win + 1) * 86400 + 52000 + rng.integers(0, 12 * 3600, k),
                np.where(rng.random(k) < 0.6, CH["other"], CH["msb"]),
                rnd=0.95,
                memo=w.memos(k, M_CASH, 0.3),
                lab=2,
            )
            used += k
        nh = int(rng.integers(2, 7))
        hh = w.add(
            nh,
            c,
            POS,
            cust=True,
            born=(1960, 2005),
            label=1,
            typ="T2",
            role="household",
            dev=np.full(nh, dev[0]),
        )
        k = nh * 2
        w.emit(
            np.full(k, hub),
            np.tile(hh, 2),
            rng.uniform(20, 150, k),
            np.clip(start + rng.integers(0, 110, k), 0, DAYS - 1) * 86400 + w.secs(k, HOUR_DAY),
            "ewallet",
            rnd=0.8,
            lab=2,
        )
        used += k

    # T3: networks: consumers shared across 2-4 facilitators, some forwarding.
    used = 0
    while used < b["T3"]:
        nf = int(rng.integers(2, 5))
        fc = rng.choice(["PH", "KH", "VN"], nf, p=[0.5, 0.3, 0.2])
        fac = np.array(
            [
                w.add(
                    1,
                    str(c),
                    POS,
                    cust=c != "PH",
                    male=0.3,
                    born=(1970, 1995),
                    label=1,
                    typ="T3",
                    role="network_facilitator",
                )[0]
                for c in fc
            ]
        )
        nc = int(rng.integers(3, 12))
        for _ in range(nc):
            sub = rng.choice(fac, int(rng.integers(1, min(3, nf) + 1)), replace=False)
            n = int(rng.integers(2, 12))
            used += t1_consumer(w, n, sub, False, typ="T3", role="network_consumer")[0]
        own = fac[fc != "PH"]
        if len(own) >= 1 and nf >= 2:
            k = int(rng.integers(2, 6))
            dst = fac[fac != own[0]][0]
            w.emit(
                np.full(k, own[0]),
                np.full(k, dst),
                rng.uniform(80, 300, k),
                w.days(k) * 86400 + w.secs(k, HOUR_DAY),
                "msb",
                rnd=0.9,
                lab=3,
            )
            used += k

    # T4: travel to offend: expat customer, trips to KH provinces, card MCCs, local family.
    used = 0
    while used < b["T4"]:
        c = "VN" if rng.random() < 0.6 else "KH"
        trav = w.add(
            1,
            c,
            POS,
            cust=True,
            male=1.0,
            born=(1948, 1975),
            grp="west",
            label=1,
            typ="T4",
            role="traveller",
        )[0]
        pool = w.mer_trav.reshape(len(TRAVEL_MCC), -1)  # type: ignore[attr-defined]
        merch = pool[np.arange(len(TRAVEL_MCC)), rng.integers(0, pool.shape[1], len(TRAVEL_MCC))]
        fam = w.add(
            1, "KH", POS, cust=True, male=0.3, born=(1975, 1995), label=1, typ="T4", role="receiver"
        )[0]
        for _trip in range(int(rng.integers(1, 4))):
            d0 = int(rng.integers(0, DAYS - 25))
            stay = int(rng.integers(7, 21))
            kinds = [0, 1, *list(rng.choice([2, 2, 2, 3, 4, 5], int(rng.integers(3, 9))))]
            k = len(kinds)
            dd = np.array([d0 - 3, d0, *list(d0 + rng.integers(0, stay, k - 2))])
            usd = np.array(
                [
                    rng.uniform(120, 400),
                    rng.uniform(25, 60) * stay,
                    *list(rng.uniform(40, 250, k - 2)),
                ]
            )
            mi = merch[np.array(kinds)]
            mccs = np.array(TRAVEL_MCC)[np.array(kinds)]
            w.emit(
                np.full(k, trav),
                mi,
                usd,
                dd * 86400 + w.secs(k, HOUR_DAY),
                "card",
                rnd=np.array(kinds) == 2,
                mcc=mccs,
                lab=4,
            )
            j = int(rng.integers(1, 4))
            w.emit(
                np.full(j, trav),
                np.full(j, fam),
                band_usd(w, j),
                night_times(w, j, 0.5, d0 + rng.integers(0, stay, j)),
                "ewallet",
                rnd=0.9,
                memo=w.memos(j, M_COVER["KH"], 0.5),
                lab=4,
            )
            used += k + j

    # T5: sextortion of teenage boys: new payee, 2-6 rapid payments, then silence.
    used = 0
    while used < b["T5"]:
        abroad = rng.random() < 0.5
        if abroad:
            mule = w.add(
                1,
                str(rng.choice(["PH", "MM", "TH"])),
                POS,
                male=0.8,
                label=1,
                typ="T5",
                role="mule",
            )[0]
        else:
            mule = w.add(
                1,
                "VN" if rng.random() < 0.6 else "KH",
                POS,
                cust=True,
                male=0.7,
                born=(1995, 2006),
                label=1,
                typ="T5",
                role="mule",
            )[0]
        gift = rng.random() < 0.2
        nv = 1 if rng.random() < 0.3 else int(rng.integers(2, 9))
        for _v in range(nv):
            c = "VN" if rng.random() < 0.65 else "KH"
            vic = w.add(
                1, c, POS, cust=True, male=0.92, born=(2008, 2011), label=1, typ="T5", role="victim"
            )[0]
            # some ordinary earlier activity of the victim (game cards, friends)
            kb = int(rng.integers(0, 5))
            d0 = int(rng.integers(30, DAYS - 5))
            if kb:
                w.emit(
                    np.full(kb, vic),
                    w.pick(w.vn if c == "VN" else w.kh, kb),  # type: ignore[attr-defined]
                    rng.uniform(1, 10, kb),
                    rng.integers(0, d0, kb) * 86400 + w.secs(kb, HOUR_EVE),
                    "ewallet",
                    rnd=0.8,
                )
            k = int(rng.integers(2, 7))
            first = rng.uniform(15, 220)
            amt = np.minimum(first * np.cumprod(np.r_[1, rng.uniform(0.8, 1.8, k - 1)]), 600)
            # item 13: total <= 1,500 (the gift-card variant also pays the mule once)
            amt = amt * min(1.0, 1450 / (amt.sum() + (amt[0] if gift else 0.0)))
            t0 = d0 * 86400 + int(rng.integers(15 * 3600, 24 * 3600))
            t = t0 + np.sort(rng.integers(0, int(rng.integers(6, 72)) * 3600, k))
            t[0] = t0
            if gift:
                gc = rng.choice(w.gift_vn if c == "VN" else w.gift_kh)  # type: ignore[attr-defined]
                w.emit(
                    np.full(k, vic),
                    np.full(k, gc),
                    amt,
                    t,
                    "card",
                    rnd=0.9,
                    mcc=5815,
                    memo=w.memos(k, ["gift card", "the qua tang", "steam card"], 0.5),
                    lab=5,
                )
                # the victim must still reach the mule once (the first payment)
                w.emit(
                    np.array([vic]),
                    np.array([mule]),
                    amt[:1],
                    t[:1] - 600,
                    "msb" if abroad else "ewallet",
                    rnd=0.5,
                    lab=5,
                )
                used += k + 1
            else:
                w.emit(
                    np.full(k, vic),
                    np.full(k, mule),
                    amt,
                    t,
                    "msb" if abroad else "ewallet",
                    rnd=0.5,
                    memo=w.memos(k, M_FSEC, 0.4),
                    lab=5,
                )
                used += k
        if not abroad and rng.random() < 0.6:
            j = int(rng.integers(1, 4))
            w.emit(
                np.full(j, mule),
                w.pick(agents, j),
                rng.uniform(100, 800, j),
                w.days(j) * 86400 + w.secs(j, HOUR_NIGHT),
                "other",
                rnd=0.9,
                lab=5,
            )
            used += j

    # T6: crypto: P2P USDT purchase, then transfers to a shared address cluster.
    used = 0
    cluster = _crypto_addrs(
        w, int(rng.integers(3, 10)), POS, label=1, typ="T6", role="csam_address"
    )
    while used < b["T6"]:
        c = "VN" if rng.random() < 0.7 else "KH"
        con = w.add(
            1,
            c,
            POS,
            cust=True,
            male=0.97,
            born=(1982, 2002),
            label=1,
            typ="T6",
            role="crypto_consumer",
        )[0]
        k = 1 if rng.random() < 0.3 else int(rng.integers(2, 12))
        d = np.sort(rng.integers(0, DAYS - 1, k))
        usd = band_usd(w, k)
        seller = w.pick(w.p2p_sellers, 1)[0]  # type: ignore[attr-defined]
        w.emit(
            np.full(k, con),
            np.full(k, seller),
            usd * 1.02,
            night_times(w, k, 0.6, d),
            "ewallet",
            rnd=0.7,
            memo=w.memos(k, M_CRYPTO, 0.6),
            lab=6,
        )
        w.emit(
            np.full(k, con),
            rng.choice(cluster, k),
            usd,
            night_times(w, k, 0.6, d) + 0,
            "crypto",
            rnd=0.2,
            lab=6,
        )
        used += 2 * k

    # T7: direct adult-to-child payments (young own-customer account, birth year visible).
    used = 0
    while used < b["T7"]:
        c = "KH" if rng.random() < 0.55 else "VN"
        child = w.add(
            1, c, POS, cust=True, male=0.25, born=(2008, 2013), label=1, typ="T7", role="child"
        )[0]
        if rng.random() < 0.5:
            off = w.add(
                1,
                c,
                POS,
                cust=True,
                male=1.0,
                born=(1950, 1985),
                grp="west",
                label=1,
                typ="T7",
                role="offender",
            )[0]
            ch = "ewallet"
        else:
            oc = str(rng.choice(DIASPORA, p=DIASPORA_P / DIASPORA_P.sum()))
            off = w.add(
                1,
                oc,
                POS,
                male=1.0,
                label=1,
                typ="T7",
                role="offender",
                grp="west" if oc in ("US", "AU", "CA") else None,
            )[0]
            ch = "msb"
        k = int(rng.integers(1, 3)) if rng.random() < 0.3 else int(rng.integers(3, 20))
        d = burst_days(w, k, int(rng.integers(0, 300)), int(rng.integers(10, 120)))
        w.emit(
            np.full(k, off),
            np.full(k, child),
            band_usd(w, k) * rng.uniform(0.4, 1.0),
            night_times(w, k, rng.uniform(0.3, 0.9), d),
            ch,
            rnd=0.8,
            memo=w.memos(k, M_DIRECT, 0.6),
            lab=7,
        )
        used += k


# ----------------------------------------------------------------------------------------
# Assembly
# ----------------------------------------------------------------------------------------

_OFFSET_STR = {}
for _m in range(-12 * 60, 14 * 60 + 1, 15):
    _s = "+" if _m >= 0 else "-"
    _OFFSET_STR[_m] = f"{_s}{abs(_m) // 60:02d}:{abs(_m) % 60:02d}"


def _str(a: np.ndarray) -> pl.Series:
    return pl.Series(np.asarray(a, dtype=object).tolist(), dtype=pl.String)


def _int(vals: np.ndarray, mask: np.ndarray) -> pl.Series:
    v = pl.Series(vals.astype(np.int64))
    return pl.select(pl.when(pl.Series(mask)).then(v).otherwise(None)).to_series()


def offsets(zone: np.ndarray, utc: np.ndarray) -> np.ndarray:
    base = ZBASE[zone]
    rule = ZRULE[zone]
    us = (rule == 1) & ((utc < _US_END - (base + 60) * 60) | (utc >= _US_START - base * 60))
    eu = (rule == 2) & ((utc < _EU_END) | (utc >= _EU_START))
    au = (rule == 3) & (utc >= _AU_START - base * 60) & (utc < _AU_END - (base + 60) * 60)
    return base + 60 * (us | eu | au)


def assemble(w: World, n_tx: int) -> Generated:
    rng = w.rng
    A = {k: np.concatenate(v) for k, v in w.acc.items()}
    R = {k: np.concatenate(v) for k, v in w.rows.items()}
    n = len(R["s"])
    s, r = R["s"], R["r"]
    zone = A["zone"][s]
    lt = START + R["lt"]
    off0 = offsets(zone, lt - ZBASE[zone] * 60)
    utc = lt - off0 * 60
    off = offsets(zone, utc)
    order = np.lexsort((rng.random(n), utc))
    s, r, zone, utc, off = s[order], r[order], zone[order], utc[order], off[order]
    R = {k: v[order] for k, v in R.items()}

    # Currency by the sender's country; Cambodia dollarised with some riel.
    ctry_code = np.array([CI[c] for c in COUNTRIES])
    acc_ci = np.array([CI[c] for c in A["ctry"]])
    del ctry_code
    sc = acc_ci[s]
    ccy = CTRY_CCY[sc]
    kh = sc == CI["KH"]
    riel = kh & (rng.random(n) < np.where(R["mcc"] != 0, 0.35, 0.15))
    ccy[riel] = 2
    raw = R["usd"] * RATE[ccy]
    mag = 10.0 ** np.floor(np.log10(np.maximum(raw, 1.0)))
    unit = np.where(raw >= 1000, mag / 10, mag / 2)  # 5 / 50 in dollars, 10k / 1M in dong
    unit = np.maximum(unit, np.where(ccy == 1, 10000.0, np.where(ccy == 2, 1000.0, 1.0)))
    rounded = np.maximum(np.round(raw / unit), 1) * unit
    dec = DECIMALS_UNIT[ccy]
    plain = np.maximum(np.round(raw / dec), 1) * dec
    amount = np.where(R["rnd"], rounded, plain)
    amount = np.round(amount, 2)
    usd = amount / RATE[ccy]

    # Merchant category: the merchant's MCC on card rows and QR (ewallet) rows to merchants.
    rk = A["kind"][r]
    mcc = np.where(R["mcc"] > 0, R["mcc"], np.where(rk == 1, A["mcc"][r], 0))
    mcc = np.where(rk == 1, mcc, 0)

    # Account ids, names, devices.
    na = w.n
    nums = rng.permutation(np.arange(10_000_000, 10_000_000 + max(na * 3, 1_000_000)))[:na]
    pref = np.where(A["kind"] == 1, "MC", np.where(A["kind"] == 2, "AG", ""))
    cust = A["cust"]
    ids = np.empty(na, dtype=object)
    for i in range(na):
        if A["kind"][i] == 3:
            ids[i] = "T" + "".join(
                rng.choice(list("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789"), 33)
            )
        elif cust[i]:
            ids[i] = ("84" if A["ctry"][i] == "VN" else "855") + str(nums[i])
        else:
            ids[i] = (pref[i] or "X" + A["ctry"][i]) + str(nums[i])
    names = np.empty(na, dtype=object)
    gi = rng.integers(0, 1000, na)
    si_ = rng.integers(0, 1000, na)
    for i in range(na):
        g = A["grp"][i]
        sn, gv = SURNAMES[g], GIVEN[g]
        if A["kind"][i] == 3:
            names[i] = None
        elif g == "biz":
            names[i] = f"{gv[gi[i] % len(gv)]} {sn[si_[i] % len(sn)]}"
        elif g == "vn":
            names[i] = f"{sn[si_[i] % len(sn)]} {gv[gi[i] % len(gv)]}".upper()
        else:
            names[i] = f"{gv[gi[i] % len(gv)]} {sn[si_[i] % len(sn)]}"
    # Some family members share one phone (benign shared devices, besides T2's households).
    dv = A["dev"].copy()
    pair = cust[1:] & cust[:-1] & (A["label"][1:] == 0) & (A["label"][:-1] == 0)
    share = np.flatnonzero(pair & (rng.random(na - 1) < 0.02)) + 1
    dv[share] = dv[share - 1]
    devs = np.array(
        [f"dv-{x * 2654435761 % (1 << 40):010x}" if x else None for x in dv], dtype=object
    )

    s_cust = cust[s]
    r_cust = cust[r]
    sender_id = ids[s]
    receiver_id = ids[r]
    s_ctry = A["ctry"][s].copy()
    r_ctry = A["ctry"][r].copy()
    channel = np.array(CHANNELS, dtype=object)[R["ch"]]
    currency = np.array(CURRENCIES, dtype=object)[ccy]
    local = pl.from_epoch(pl.Series(utc + off * 60), time_unit="s").dt.strftime("%Y-%m-%dT%H:%M:%S")
    offs = pl.Series(off).replace_strict(_OFFSET_STR, return_dtype=pl.String)
    ts = (local + offs).to_numpy().astype(object)

    # Malformed rows (benign only): kinds of row-validation failures.
    lab = R["lab"]
    bad = np.flatnonzero((lab == 0) & (rng.random(n) < MALFORMED_RATE))
    kind = rng.integers(0, 7, len(bad))
    amount = amount.astype(float)
    for k_, b in zip(kind, bad, strict=True):
        if k_ == 0:
            s_ctry[b] = str(rng.choice(["VNM", "KHM", "V N", "ZZ"]))
        elif k_ == 1:
            amount[b] = -amount[b]
        elif k_ == 2:
            bad_local = [
                "2026-02-30T10:15:00",
                "2025-13-01T08:00:00",
                "2025-09-31T25:61:00",
                "2026-00-10T12:00:00",
            ]
            ts[b] = str(rng.choice(bad_local)) + ts[b][19:]  # keeps the row's own offset
        elif k_ == 3:
            channel[b] = str(rng.choice(["atm", "zalopay", "cash"]))
        elif k_ == 4:
            sender_id[b] = None
        elif k_ == 5:
            receiver_id[b] = None
        else:
            currency[b] = str(rng.choice(["VDN", "RIEL", "US$"]))

    tx = pl.DataFrame(
        {
            "tx_id": [f"VK{i:09d}" for i in range(n)],
            "timestamp": _str(ts),
            "sender_id": _str(sender_id),
            "receiver_id": _str(receiver_id),
            "amount": pl.Series(amount, dtype=pl.Float64),
            "currency": _str(currency),
            "sender_country": _str(s_ctry),
            "receiver_country": _str(r_ctry),
            "channel": _str(channel),
            "memo": _str(R["memo"]),
            "sender_name": _str(names[s]),
            "receiver_name": _str(names[r]),
            "sender_sex": _str(np.where(s_cust & (A["kind"][s] == 0), A["sex"][s], None)),
            "sender_birth_year": _int(A["by"][s], s_cust & (A["kind"][s] == 0)),
            "receiver_birth_year": _int(A["by"][r], r_cust & (A["kind"][r] == 0)),
            "device_id": _str(np.where(s_cust, devs[s], None)),
            "merchant_category": _str(np.where(mcc > 0, mcc.astype(str), None)),
        }
    )
    tx_labels = pl.DataFrame(
        {
            "tx_id": tx["tx_id"],
            "label_tx": pl.Series((lab > 0).astype(np.int8)),
            "label_typology": _str(np.array(TYPS, dtype=object)[lab]),
            "usd": pl.Series(np.round(usd, 4)),
        }
    )
    seen = np.zeros(na, dtype=bool)
    ok_s = np.array([x is not None for x in sender_id])
    ok_r = np.array([x is not None for x in receiver_id])
    seen[s[ok_s]] = True
    seen[r[ok_r]] = True
    accounts = pl.DataFrame(
        {
            "account_id": _str(ids[seen]),
            "label": pl.Series(A["label"][seen].astype(np.int8)),
            "typology": _str(A["typ"][seen]),
            "role": _str(A["role"][seen]),
            "population": _str(A["pop"][seen]),
            "hard_negative": pl.Series(A["hard"][seen].astype(bool)),
            "country": _str(A["ctry"][seen]),
        }
    )
    return Generated(tx=tx, tx_labels=tx_labels, accounts=accounts)


def generate(n_tx: int, variant: str, seed: int, hard: float = 1.0) -> Generated:
    """About n_tx transactions of one variant ('li' or 'hi'), reproducible for a seed.

    `hard` scales the hard-negative populations (Tet gifts, live sellers, streamers, teachers,
    pagodas, microfinance, casino, teen game cards, romance victims, freelancers, students,
    nail-salon and garment workers, supported parents); their volume goes to ordinary
    domestic P2P instead. 1.0 is the default world, 0 removes them.
    """
    if variant not in ILLICIT_RATE:
        raise ValueError(f"variant must be one of {sorted(ILLICIT_RATE)}, got {variant!r}")
    if hard < 0:
        raise ValueError(f"hard must be >= 0, got {hard}")
    rng = np.random.default_rng([seed, 14, 0 if variant == "li" else 1])
    w = World(rng)
    budget = max(60, int(n_tx * ILLICIT_RATE[variant]))
    background(w, n_tx - budget, hard)
    plant(w, budget)
    return assemble(w, n_tx)
