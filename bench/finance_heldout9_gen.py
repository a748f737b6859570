"""Held-out generator 9: the export of a Philippine payment facilitator (card acquirer).

WHAT IT MODELS. A regional payment service provider based in Manila that acquires card
payments for many small merchants and for individuals selling through payment links (online
sellers, adult creators, English tutors, game-credit resellers, families receiving help from
abroad), plus hotels, ATMs, jewellers and travel merchants in the Philippines, Viet Nam,
Cambodia and Indonesia, a card-to-crypto on-ramp, a VPN reseller and a few large platforms.
Its monitoring export holds what such an institution really records:

  * card payments: sender = the cardholder (a customer/card token, country = issuing
    country), receiver = the merchant or payment-link account, currency = the merchant's
    pricing currency (PHP, USD, VND, IDR, sometimes the cardholder's own), merchant_category
    = a 4-digit MCC, device_id = the checkout device fingerprint (none when card-present);
  * payouts: every merchant's balance is settled to its bank or e-wallet account; individuals
    take instant payouts within hours, businesses weekly - so "cash-out within 48 h" is true of
    nearly every small seller, which is what acquirer data looks like;
  * wallet transfers between merchant balances (p2p), refunds (merchant -> cardholder);
  * on-ramp rows: a card purchase of USDT, then a crypto withdrawal to an address (channel
    crypto, valued in USD, stamped in UTC by that subsystem; card rows are stamped +08:00).

KYC fields are as an acquirer has them: merchants' birth years (onboarding KYC), cardholders'
sex and birth year only when they made a checkout profile (about a third), names as typed.

WHY THIS VIEW. Earlier held-out generators took a market-wide mix, a receiving e-wallet, a
sending-side money-transfer app and a Thai bank. An acquirer is the opposite corner: every
receiver is a merchant that legitimately has "many foreign senders", quick cash-out is
universal, and the pay-per-view facilitator hides among creators, tutors and sellers with the
same payment-link tools (FinCEN FIN-2021-NTC3: third-party payment processors; FINTRAC:
payments to webcam/livestream platforms; FATF: PayPal-style P2P). The card data makes the
ancillary and travel indicators (note items 8, 9) observable, which the earlier views lack.

BLINDNESS. Written only from /work/shared/research/finance-text.md (indicators 1-14,
typologies T1-T7, dataset design (d)), the issue's schema, bench/finance_heldout.py (what it
reads), the `Generated` type and generate()'s signature in bench/finance_heldout_gen.py, and
tests/heldout/issue_schema.py. Not from Jaga's finance code, synth, tests or docs, nor from
the other held-out generators.

WHAT IT PLANTS (amounts in USD, sources in the note):
  T1  consumers: foreign male cardholders paying 1-8 facilitators' payment links 15-100
      (some 10-200, 10% drifted to 150-250), mostly round in the link's currency, in bursts,
      75% sender-local 21:00-04:00, cover-word / handle / empty descriptions, VPN purchases;
      ~25% of the budget are "lone" consumers with 1-2 payments.
  T2  facilitators: individual payment-link accounts receiving from many foreign
      cardholders in >= 2 countries (the note says 5-200; about 5-25 distinct at 1M tx,
      since the illicit budget is small), split over 1-5 linked household accounts (same surname,
      same payout device, sometimes the same e-wallet), instant payouts (labelled T2).
  T3  networks: clusters of 2-5 facilitators sharing consumers, some forwarding part of the
      balance to another facilitator by wallet transfer.
  T4  travel to offend: trips of 2-4x a tourist's length to non-tourist towns, hotels there,
      repeated ATM withdrawals, jewellery/gift/toy purchases, domestic flights.
  T5  sextortion: cardholders aged 14-17 (birth year known for half), 2-6 payments within
      24-72 h to a new payee (an extortionist's link or, gift-card variant, a gift-card
      merchant), first < 250, total <= 1,500, then silence; extortionists cash out at once.
  T6  CVC: repeated small card purchases of USDT, each withdrawn within minutes to one of a
      cluster of site addresses (the addresses are labelled too).
  T7  direct: a foreign adult paying a young individual's link (birth year 2007-2010)
      directly, no facilitator; both accounts labelled.

HARD NEGATIVES (accounts column hard_negative): adult creators and their fans, online
English tutors and their students in JP/KR/TW/CN, child sponsors (charity + sponsored
families' links), romance-scam victims and the scammers' links, teen gamers bursting on new
game-credit resellers, balikbayan visitors staying long in their home provinces. Ordinary
background: domestic card spending, cross-border e-commerce, diaspora family payments
(surnames shared, allowances to teenage children), tourists, crypto traders and play-to-earn
gamers (shared deposit addresses), VPN buyers.

VARIANTS: 'li' 0.05% and 'hi' 0.2% of transactions illicit (note (d)); seeded.
DATA-QUALITY FAULTS: ~0.03% of benign rows are malformed the way feeds are (no UTC offset,
alpha-3 country, missing amount, missing currency, unknown channel code); they are marked
in tx_labels.malformed and never carry an illicit label.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from finance_heldout_gen import Generated

ILLICIT_RATE = {"li": 0.0005, "hi": 0.002}
DAYS = 365
T0 = 1_735_689_600  # 2025-01-01T00:00:00Z
EXPORT_OFFSET_H = 8  # the PSP stamps card and payout rows in Manila time
# Units per USD, mid-2025 order of magnitude (the harness's usd column; not Jaga's table).
RATE = {
    "USD": 1.0,
    "PHP": 57.0,
    "VND": 25_500.0,
    "IDR": 16_300.0,
    "AUD": 1.53,
    "GBP": 0.75,
    "EUR": 0.88,
    "CAD": 1.37,
    "JPY": 146.0,
    "SGD": 1.29,
    "KRW": 1_380.0,
}
HOME_CURRENCY = {"PH": "PHP", "VN": "VND", "KH": "USD", "ID": "IDR"}
CARD_CURRENCY = {
    "US": "USD",
    "AU": "AUD",
    "GB": "GBP",
    "CA": "CAD",
    "DE": "EUR",
    "FR": "EUR",
    "NL": "EUR",
    "IT": "EUR",
    "JP": "JPY",
    "SG": "SGD",
    "KR": "KRW",
}
# UTC offsets (hours; DST ignored); several zones where a country spans them.
OFFSETS: dict[str, list[tuple[float, float]]] = {
    "US": [(-5, 0.5), (-6, 0.25), (-7, 0.08), (-8, 0.17)],
    "CA": [(-5, 0.6), (-7, 0.15), (-8, 0.25)],
    "AU": [(10, 0.75), (9.5, 0.1), (8, 0.15)],
    "GB": [(0, 1)],
    "DE": [(1, 1)],
    "FR": [(1, 1)],
    "NL": [(1, 1)],
    "NO": [(1, 1)],
    "SE": [(1, 1)],
    "IT": [(1, 1)],
    "JP": [(9, 1)],
    "KR": [(9, 1)],
    "TW": [(8, 1)],
    "CN": [(8, 1)],
    "SG": [(8, 1)],
    "HK": [(8, 1)],
    "SA": [(3, 1)],
    "QA": [(3, 1)],
    "KW": [(3, 1)],
    "AE": [(4, 1)],
    "PH": [(8, 1)],
    "VN": [(7, 1)],
    "KH": [(7, 1)],
    "ID": [(7, 0.7), (8, 0.3)],
    "NZ": [(12, 1)],
}
# Where foreign payers come from, per population (note item 3 for the offending corridor).
OSAEC_SENDERS = {
    "US": 50,
    "GB": 7,
    "AU": 7.5,
    "CA": 6,
    "DE": 4,
    "JP": 3,
    "SG": 3,
    "SA": 3,
    "FR": 2,
    "NL": 2,
    "NO": 1.5,
    "SE": 1.5,
    "KR": 1.5,
}
FANS = {"US": 40, "GB": 10, "AU": 10, "CA": 8, "DE": 6, "JP": 6, "SG": 4, "NL": 3, "FR": 3, "KR": 3}
TOURISTS = {
    "KR": 20,
    "US": 18,
    "JP": 10,
    "CN": 10,
    "AU": 8,
    "GB": 6,
    "DE": 5,
    "TW": 5,
    "CA": 5,
    "SG": 4,
    "FR": 4,
    "NL": 3,
}
DIASPORA = {
    "US": 30,
    "SA": 15,
    "AE": 10,
    "CA": 7,
    "JP": 5,
    "SG": 5,
    "HK": 5,
    "AU": 5,
    "QA": 4,
    "KW": 3,
    "GB": 4,
    "IT": 4,
    "KR": 3,
}
ESL = {"JP": 35, "KR": 30, "TW": 10, "CN": 12, "SA": 5, "VN": 4, "FR": 2, "DE": 2}
SPONSORS = {"US": 40, "AU": 15, "GB": 12, "DE": 8, "KR": 8, "CA": 8, "NL": 5, "NO": 4}
ROMANCE = {"US": 40, "GB": 12, "AU": 12, "CA": 10, "DE": 8, "NO": 4, "SE": 4, "NZ": 4, "JP": 6}
CRYPTO_FOREIGN = {"US": 30, "SG": 15, "KR": 15, "JP": 10, "AU": 10, "GB": 10, "AE": 10}
MERCHANT_COUNTRY = {"PH": 85, "VN": 6, "KH": 4, "ID": 5}

# Hour-of-day profiles in the payer's local time.
_DAY = np.array([1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 3, 4, 5, 6, 7, 6, 6, 6, 6, 7, 8, 9, 9, 8, 5, 2])
_EVENING = np.array(
    [2, 1, 0.5, 0.2, 0.2, 0.3, 0.5, 1, 1, 1, 1, 1, 2, 1, 1, 1, 2, 3, 5, 8, 10, 10, 8, 4]
)
_NIGHT = np.array(
    [
        9,
        8,
        6,
        4,
        2,
        0.5,
        0.3,
        0.3,
        0.3,
        0.3,
        0.3,
        0.4,
        0.5,
        0.5,
        0.5,
        0.5,
        0.6,
        0.8,
        1,
        2,
        4,
        8,
        10,
        10,
    ]
)
_BUSINESS = np.array([0, 0, 0, 0, 0, 0, 0.5, 2, 5, 8, 9, 9, 7, 8, 9, 8, 6, 3, 1, 0.5, 0, 0, 0, 0])

FIRST_W_M = [
    "James",
    "John",
    "Robert",
    "Michael",
    "David",
    "William",
    "Richard",
    "Thomas",
    "Mark",
    "Steven",
    "Paul",
    "Kevin",
    "Brian",
    "Gary",
    "Peter",
    "Hans",
    "Klaus",
    "Lars",
    "Erik",
    "Ahmed",
    "Omar",
]
FIRST_W_F = [
    "Mary",
    "Linda",
    "Susan",
    "Karen",
    "Sarah",
    "Emma",
    "Olivia",
    "Anna",
    "Julia",
    "Laura",
    "Sophie",
    "Fatima",
    "Ingrid",
    "Claire",
]
LAST_W = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Taylor",
    "Anderson",
    "Thomas",
    "Moore",
    "Martin",
    "Clark",
    "Walker",
    "Young",
    "King",
    "Wright",
    "Muller",
    "Schmidt",
    "Jansen",
    "Dubois",
    "Al-Harbi",
    "Hansen",
    "Berg",
    "Olsen",
    "Rossi",
]
FIRST_PH_F = [
    "Maria",
    "Ana",
    "Kristine",
    "Jenny",
    "Rose",
    "Joy",
    "Mary",
    "Grace",
    "Angelica",
    "Camille",
    "Jasmine",
    "Princess",
    "Rhea",
    "Mylene",
    "Lorna",
    "Cherry",
    "Divina",
    "Analyn",
    "Marites",
    "Jocelyn",
]
FIRST_PH_M = [
    "Jose",
    "Juan",
    "Mark",
    "John",
    "Paolo",
    "Rodel",
    "Jomar",
    "Christian",
    "Ronnie",
    "Arnel",
    "Rey",
    "Jerome",
    "Carlo",
    "Dante",
    "Noel",
    "Ramil",
    "Jun",
    "Bong",
]
LAST_PH = [
    "Santos",
    "Reyes",
    "Cruz",
    "Bautista",
    "Ocampo",
    "Garcia",
    "Mendoza",
    "Torres",
    "Tomas",
    "Andrada",
    "Castillo",
    "Flores",
    "Villanueva",
    "Ramos",
    "Aquino",
    "Dela_Cruz",
    "Gonzales",
    "Lopez",
    "Fernandez",
    "Navarro",
    "Pascual",
    "Domingo",
    "Salazar",
    "Mercado",
    "Aguilar",
    "Cabrera",
    "Manalo",
    "Soriano",
    "Gutierrez",
    "Dizon",
]
FIRST_VN = ["Thi", "Lan", "Huong", "Minh", "Tuan", "Anh", "Linh", "Duc", "Hoa", "Mai"]
LAST_VN = ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui"]
FIRST_KH = ["Sopheap", "Dara", "Srey", "Vanna", "Sokha", "Chenda", "Bopha", "Rith"]
LAST_KH = ["Sok", "Chan", "Kim", "Vann", "Heng", "Meas", "Chea", "Keo"]
FIRST_ID = ["Sari", "Putri", "Dewi", "Ayu", "Budi", "Agus", "Rina", "Wati", "Eko", "Indah"]
LAST_ID = ["Wijaya", "Santoso", "Saputra", "Hidayat", "Lestari", "Pratama", "Kusuma", "Nugroho"]
LAST_JP = ["Tanaka", "Sato", "Suzuki", "Takahashi", "Watanabe", "Ito"]
LAST_KR = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang"]
LAST_CN = ["Wang", "Li", "Zhang", "Chen", "Liu", "Lin"]
NAMES_BY_COUNTRY = {
    "PH": (FIRST_PH_F, FIRST_PH_M, LAST_PH),
    "VN": (FIRST_VN, FIRST_VN, LAST_VN),
    "KH": (FIRST_KH, FIRST_KH, LAST_KH),
    "ID": (FIRST_ID, FIRST_ID, LAST_ID),
    "JP": (["Yuki", "Aiko", "Haruka", "Sakura"], ["Kenji", "Hiroshi", "Takeshi", "Daiki"], LAST_JP),
    "KR": (["Seo-yeon", "Ji-woo", "Min-ji"], ["Min-jun", "Ji-ho", "Seung-woo"], LAST_KR),
    "CN": (["Mei", "Xiu Ying", "Li Na"], ["Wei", "Jun", "Hao"], LAST_CN),
    "TW": (["Mei", "Yi-ting", "Shu-fen"], ["Chih-hao", "Jun", "Wei"], LAST_CN),
}

# Payment-link descriptions. Cover words (note items 6, 13) in English, Filipino, Cebuano,
# Taglish, Bahasa and Vietnamese, and the benign populations' own words that overlap them.
COVER = [
    "school fees",
    "tuition",
    "uniform",
    "medical bills",
    "medicine",
    "family support",
    "accommodation",
    "education",
    "pang tuition",
    "pambili gatas",
    "pang-load",
    "allowance",
    "para sa tambal",
    "pang eskwela",
    "bayad kuryente",
    "biaya sekolah",
    "uang obat",
    "tien hoc",
    "tien thuoc",
    "sch00l fees",
    "m3dicine",
    "4 baby milk",
    "gift",
    "ty",
    "payment",
    "for the kids",
]
HANDLE_WORDS = [
    "angel",
    "baby",
    "cutie",
    "honey",
    "sweet",
    "lovely",
    "pinay",
    "mimi",
    "kitty",
    "bunny",
    "star",
    "jinky",
]
SHOP_WORDS = [
    "Shop",
    "Online",
    "Store",
    "Ukay",
    "Trading",
    "Essentials",
    "Finds",
    "Closet",
    "Bazaar",
    "Goods",
]
ORDER_MEMOS = ["order", "bayad sa order", "COD balance", "ukay order", "pre-order", "reservation"]
FAN_MEMOS = [
    "tip",
    "for tonight's show",
    "private show",
    "custom vid",
    "PPV",
    "thank u babe",
    "sub",
]
ESL_MEMOS = ["lesson", "English class", "tuition", "10 lessons package", "conversation class"]
SPONSOR_MEMOS = ["school fees", "uniform", "education", "Christmas gift", "medical bills", "books"]
ROMANCE_MEMOS = [
    "hospital bill",
    "visa fees",
    "plane ticket",
    "medicine for mom",
    "rent",
    "customs fee",
]
DIASPORA_MEMOS = [
    "padala",
    "allowance",
    "pang tuition",
    "bayad kuryente",
    "for mama meds",
    "pang-load",
    "groceries",
    "birthday",
]
GAME_MEMOS = ["diamonds", "UC", "top up", "ML diamonds", "gems", "genesis crystals", ""]

TOURIST_TOWNS = {
    "PH": [
        "Boracay",
        "El_Nido",
        "Coron",
        "Panglao",
        "Siargao",
        "Moalboal",
        "Puerto_Galera",
        "Makati",
        "Mactan",
        "Baguio",
    ],
    "VN": ["Hoi_An", "Da_Nang", "Nha_Trang", "Hanoi", "Ho_Chi_Minh_City"],
    "KH": ["Siem_Reap", "Phnom_Penh", "Kampot"],
    "ID": ["Bali", "Yogyakarta", "Jakarta"],
}
PROVINCE_TOWNS = {
    "PH": [
        "Catbalogan",
        "Borongan",
        "Calbayog",
        "Ormoc",
        "Dipolog",
        "Pagadian",
        "Masbate",
        "Catarman",
        "Roxas",
        "Kalibo",
        "Dumaguete",
        "Tagbilaran",
        "Ozamiz",
        "Surigao",
    ],
    "VN": ["Thai_Binh", "Ha_Giang", "Soc_Trang", "Ca_Mau"],
    "KH": ["Prey_Veng", "Takeo", "Kampong_Cham", "Svay_Rieng"],
    "ID": ["Garut", "Cianjur", "Indramayu"],
}
HOTEL_WORDS = ["Grand", "Sunset", "Casa", "Pension House", "Inn", "Lodge", "Bay View"]
CHECKOUT_MCC = ["5999", "8299", "7299", "5818", "5964", "5691"]  # what individual links register as
ACC_FIELDS = (
    "kind",
    "country",
    "name",
    "sex",
    "birth",
    "device",
    "population",
    "role",
    "typology",
    "label",
    "hard",
    "period",
    "mcc",
    "offset",
)


def given(name: object) -> str:
    """The given name of a person or of a shop named after one ("Ana's Shop" -> "Ana")."""
    return str(name).split()[0].removesuffix("'s")


def surname(rng: np.random.Generator, name: object, country: str) -> str:
    """A person's surname; a shop display name hides it, so the household gets a local one."""
    if "'s " in str(name):
        lasts = NAMES_BY_COUNTRY.get(country, (FIRST_W_F, FIRST_W_M, LAST_W))[2]
        return lasts[int(rng.integers(len(lasts)))].replace("_", " ")
    return str(name).split()[-1]


def _weights(d: dict[str, float]) -> tuple[list[str], np.ndarray]:
    keys = list(d)
    p = np.array([d[k] for k in keys], dtype=float)
    return keys, p / p.sum()


class World:
    """Accounts (as integer indices with attribute arrays) and transaction chunks."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.acc: dict[str, list[np.ndarray]] = {k: [] for k in ACC_FIELDS}
        self.n_acc = 0
        self.chunks: list[dict[str, np.ndarray]] = []
        self._cache: dict[str, np.ndarray] = {}

    # -- accounts -----------------------------------------------------------------------
    def countries(self, n: int, weights: dict[str, float]) -> np.ndarray:
        keys, p = _weights(weights)
        return np.array(keys, dtype=object)[self.rng.choice(len(keys), n, p=p)]

    def offsets_for(self, countries: np.ndarray) -> np.ndarray:
        out = np.zeros(len(countries))
        for c in np.unique(countries):
            m = countries == c
            opts = OFFSETS[str(c)]
            vals = np.array([o for o, _ in opts])
            p = np.array([w for _, w in opts])
            out[m] = vals[self.rng.choice(len(vals), int(m.sum()), p=p / p.sum())]
        return out

    def person_names(
        self, countries: np.ndarray, female: np.ndarray, upper_p: float = 0.3
    ) -> np.ndarray:
        r = self.rng
        n = len(countries)
        out = np.empty(n, dtype=object)
        u = r.random((n, 3))
        for i in range(n):
            c = str(countries[i])
            fem, mal, last = NAMES_BY_COUNTRY.get(c, (FIRST_W_F, FIRST_W_M, LAST_W))
            first_list = fem if female[i] else mal
            first = first_list[int(u[i, 0] * len(first_list))]
            name = f"{first} {last[int(u[i, 1] * len(last))]}".replace("_", " ")
            out[i] = name.upper() if u[i, 2] < upper_p else name
        return out

    def add_accounts(
        self,
        n: int,
        *,
        kind: str,
        country: np.ndarray | str,
        population: str,
        name: np.ndarray | str | None = None,
        sex: np.ndarray | None = None,
        birth: np.ndarray | None = None,
        known_p: float = 1.0,
        role: str = "",
        typology: str = "",
        label: int = 0,
        hard: bool = False,
        period: np.ndarray | int = 0,
        mcc: np.ndarray | str | None = None,
        device: bool = True,
    ) -> np.ndarray:
        """n new accounts; sex/birth hidden (unknown) with probability 1 - known_p."""
        r = self.rng
        ctry = np.broadcast_to(np.asarray(country, dtype=object), (n,)).copy()
        known = r.random(n) < known_p
        sx = np.where(known, sex, None) if sex is not None else np.full(n, None, dtype=object)
        by = np.where(known, birth, 0) if birth is not None else np.zeros(n, dtype=np.int64)
        if name is None:
            fem = sex == "F" if sex is not None else r.random(n) < 0.5
            name = self.person_names(ctry, fem)
        dev = (
            np.array([f"fp_{x:012x}" for x in r.integers(0, 2**48, n)], dtype=object)
            if device
            else np.full(n, None, dtype=object)
        )
        vals = {
            "kind": kind,
            "country": ctry,
            "name": name,
            "sex": sx,
            "birth": by,
            "device": dev,
            "population": population,
            "role": role,
            "typology": typology,
            "label": label,
            "hard": hard,
            "period": period,
            "mcc": mcc,
            "offset": self.offsets_for(ctry),
        }
        for k, v in vals.items():
            arr = np.asarray(
                v, dtype=object if k not in ("birth", "label", "hard", "period", "offset") else None
            )
            self.acc[k].append(np.broadcast_to(arr, (n,)).copy())
        idx = np.arange(self.n_acc, self.n_acc + n)
        self.n_acc += n
        self._cache.clear()
        return idx

    def col(self, k: str) -> np.ndarray:
        """One attribute of every account so far (cached until accounts change)."""
        if k not in self._cache:
            self._cache[k] = np.concatenate(self.acc[k])
        return self._cache[k]

    def last(self, k: str) -> np.ndarray:
        """The attribute array of the most recently added accounts, to edit in place."""
        self._cache.clear()
        return self.acc[k][-1]

    def offset(self, idx: np.ndarray) -> np.ndarray:
        return self.col("offset").astype(float)[idx]

    def set_field(self, idx: np.ndarray, k: str, value: object) -> None:
        """Overwrite a field of existing accounts (e.g. a shared device in a household)."""
        starts = np.cumsum([0] + [len(a) for a in self.acc[k]])
        for j, arr in enumerate(self.acc[k]):
            sel = idx[(idx >= starts[j]) & (idx < starts[j + 1])]
            if len(sel):
                arr[sel - starts[j]] = value
        self._cache.clear()

    # -- people ---------------------------------------------------------------------------
    def cardholders(
        self,
        n: int,
        weights: dict[str, float],
        population: str,
        male_p: float,
        age: tuple[int, int],
        known_p: float = 0.33,
        name_country: str | None = None,
        **kw: object,
    ) -> np.ndarray:
        """Payers; name_country names emigrants (OFWs abroad) after their home country."""
        r = self.rng
        sex = np.where(r.random(n) < male_p, "M", "F").astype(object)
        birth = 2025 - r.integers(age[0], age[1] + 1, n)
        ctry = self.countries(n, weights)
        names = (
            self.person_names(np.full(n, name_country, dtype=object), sex == "F")
            if name_country
            else None
        )
        return self.add_accounts(
            n,
            kind="cardholder",
            country=ctry,
            population=population,
            name=names,
            sex=sex,
            birth=birth,
            known_p=known_p,
            **kw,  # type: ignore[arg-type]
        )

    def sellers(
        self,
        n: int,
        population: str,
        female_p: float,
        age: tuple[int, int],
        period: tuple[int, ...] = (1, 2, 3),
        weights: dict[str, float] | None = None,
        mcc: list[str] | None = None,
        shop_p: float = 0.3,
        **kw: object,
    ) -> np.ndarray:
        """Individuals selling through payment links (KYC'd: birth year known)."""
        r = self.rng
        ctry = self.countries(n, weights or MERCHANT_COUNTRY)
        sex = np.where(r.random(n) < female_p, "F", "M").astype(object)
        birth = 2025 - r.integers(age[0], age[1] + 1, n)
        names = self.person_names(ctry, sex == "F", upper_p=0.1)
        shop = r.random(n) < shop_p
        for i in np.flatnonzero(shop):
            names[i] = f"{str(names[i]).split()[0]}'s {SHOP_WORDS[r.integers(len(SHOP_WORDS))]}"
        return self.add_accounts(
            n,
            kind="seller",
            country=ctry,
            population=population,
            name=names,
            sex=sex,
            birth=birth,
            period=r.choice(period, n),
            mcc=np.array(mcc or CHECKOUT_MCC, dtype=object)[
                r.integers(0, len(mcc or CHECKOUT_MCC), n)
            ],
            **kw,  # type: ignore[arg-type]
        )

    def businesses(
        self,
        n: int,
        population: str,
        mcc: np.ndarray | str,
        names: list[str],
        country: np.ndarray | str = "PH",
        period: int = 7,
    ) -> np.ndarray:
        return self.add_accounts(
            n,
            kind="business",
            country=country,
            population=population,
            name=np.array(names, dtype=object),
            period=period,
            mcc=mcc,
            device=True,
        )

    # -- time ---------------------------------------------------------------------------
    def local_times(self, payer: np.ndarray, day: np.ndarray, profile: np.ndarray) -> np.ndarray:
        """UTC seconds for local days/hours of the payer (the hour drawn from a profile)."""
        p = profile / profile.sum()
        hour = self.rng.choice(24, len(day), p=p) + self.rng.random(len(day))
        return T0 + (np.asarray(day, dtype=float) * 24 + hour - self.offset(payer)) * 3600

    # -- transactions -------------------------------------------------------------------
    def pay(
        self,
        s: np.ndarray,
        r: np.ndarray,
        t: np.ndarray,
        amount: np.ndarray,
        cur: np.ndarray | str,
        channel: np.ndarray | str = "card",
        memo: np.ndarray | str | None = None,
        mcc: np.ndarray | str | None = None,
        label: int = 0,
        typ: str = "",
        present: np.ndarray | bool = False,
        utc: bool = False,
    ) -> None:
        n = len(t)
        if n == 0:
            return

        def b(v: object, dtype: object = object) -> np.ndarray:
            return np.broadcast_to(np.asarray(v, dtype=dtype), (n,)).copy()

        self.chunks.append(
            {
                "s": b(s, np.int64),
                "r": b(r, np.int64),
                "t": b(t, float),
                "amount": b(amount, float),
                "cur": b(cur),
                "channel": b(channel),
                "memo": b(memo),
                "mcc": b(mcc),
                "label": b(label, np.int8),
                "typ": b(typ),
                "present": b(present, bool),
                "utc": b(utc, bool),
            }
        )


def price(rng: np.random.Generator, usd: np.ndarray, cur: np.ndarray, round_p: float) -> np.ndarray:
    """Amount in the pricing currency; a share set as round link prices in that currency."""
    rate = np.array([RATE[str(c)] for c in cur])
    raw = usd * rate
    step = np.where(
        rate > 1000, 10_000.0, np.where(rate > 100, 500.0, np.where(rate > 20, 50.0, 5.0))
    )
    rounded = np.maximum(step, np.round(raw / step) * step)
    odd = np.where(rate > 100, np.round(raw, -1), np.round(raw, 2))
    return np.where(rng.random(len(usd)) < round_p, rounded, odd)


def link_currency(
    rng: np.random.Generator, w: World, seller: np.ndarray, payer: np.ndarray, usd_p: float
) -> np.ndarray:
    """The seller's home currency, USD for cross-border links (usd_p), or the payer's own (5%)."""
    home = np.array([HOME_CURRENCY[str(c)] for c in w.col("country")[seller]], dtype=object)
    own = np.array(
        [CARD_CURRENCY.get(str(c), "USD") for c in w.col("country")[payer]], dtype=object
    )
    u = rng.random(len(seller))
    return np.where(u < usd_p, "USD", np.where(u < usd_p + 0.05, own, home))


def pick(rng: np.random.Generator, options: list[str], n: int, empty_p: float = 0.0) -> np.ndarray:
    out = np.array(options, dtype=object)[rng.integers(0, len(options), n)]
    if empty_p:
        out[rng.random(n) < empty_p] = None
    return out


def zipf_pick(rng: np.random.Generator, pool: np.ndarray, n: int, a: float = 1.1) -> np.ndarray:
    ranks = np.arange(1, len(pool) + 1, dtype=float)
    p = ranks**-a
    return pool[rng.choice(len(pool), n, p=p / p.sum())]


def handle_memo(rng: np.random.Generator, n: int) -> np.ndarray:
    words = np.array(HANDLE_WORDS, dtype=object)[rng.integers(0, len(HANDLE_WORDS), n)]
    nums = rng.integers(1, 999, n)
    return np.array([f"@{a}{b}" for a, b in zip(words, nums, strict=True)], dtype=object)


# ------------------------------------------------------------------------------------------
# Ordinary background
# ------------------------------------------------------------------------------------------


def bg_domestic(w: World, n: int, shops: np.ndarray, biz: np.ndarray) -> None:
    """Filipino cardholders at local businesses and social-commerce sellers."""
    r = w.rng
    if n <= 0:
        return
    people = w.cardholders(max(50, n // 14), {"PH": 1}, "domestic", 0.5, (18, 70))
    s = zipf_pick(r, people, n, 0.6)
    to_shop = r.random(n) < 0.3
    rec = np.where(to_shop, zipf_pick(r, shops, n, 0.8), zipf_pick(r, biz, n, 1.0))
    usd = np.exp(r.normal(np.log(12), 0.9, n))
    t = w.local_times(s, r.integers(0, DAYS, n), _DAY)
    memo = np.where(to_shop, pick(r, ORDER_MEMOS, n, 0.5), None)
    w.pay(s, rec, t, price(r, usd, np.full(n, "PHP", dtype=object), 0.3), "PHP", memo=memo)


def bg_ecommerce(w: World, n: int, shops: np.ndarray, big: np.ndarray) -> None:
    """Foreign cardholders buying from Philippine sellers and marketplaces."""
    r = w.rng
    if n <= 0:
        return
    buyers = w.cardholders(max(50, n // 3), FANS | {"PH": 0}, "ecommerce", 0.5, (20, 70))
    s = buyers[r.integers(0, len(buyers), n)]
    rec = np.where(r.random(n) < 0.6, zipf_pick(r, shops, n, 0.9), zipf_pick(r, big, n, 0.9))
    usd = np.clip(np.exp(r.normal(np.log(35), 0.8, n)), 3, 2000)
    cur = link_currency(r, w, rec, s, 0.4)
    t = w.local_times(s, r.integers(0, DAYS, n), _DAY)
    w.pay(s, rec, t, price(r, usd, cur, 0.4), cur, memo=pick(r, ORDER_MEMOS, n, 0.6))


def bg_diaspora(w: World, n: int, bills: np.ndarray) -> None:
    """OFWs paying families' links near paydays (shared surname), bills, children's allowance."""
    r = w.rng
    n_s = max(20, n // 14)
    senders = w.cardholders(n_s, DIASPORA, "diaspora", 0.45, (24, 60), name_country="PH")
    snames = w.col("name")[senders]
    # Each sender's family receivers: 1-3 individual links sharing the surname.
    fam_n = r.integers(1, 4, n_s)
    fam_owner = np.repeat(np.arange(n_s), fam_n)
    teen = r.random(len(fam_owner)) < 0.2
    fam = w.sellers(
        len(fam_owner),
        "diaspora_family",
        0.7,
        (15, 70),
        period=(1, 3, 7),
        weights={"PH": 1},
        mcc=["5999", "8299"],
        shop_p=0.1,
    )
    names = w.last("name")
    for i in range(len(fam)):
        names[i] = f"{given(names[i])} {str(snames[fam_owner[i]]).split()[-1].title()}"
    birth = w.last("birth")
    birth[teen] = 2025 - r.integers(15, 18, int(teen.sum()))
    k = int(n * 0.75)
    j = r.integers(0, len(fam), k)
    s = senders[fam_owner[j]]
    payday = r.choice([14, 15, 29, 30, 0, 1], k) + 30 * r.integers(0, 12, k) + r.integers(0, 3, k)
    day = np.where(
        teen[j] | (r.random(k) < 0.3), r.integers(0, DAYS, k), np.clip(payday, 0, DAYS - 1)
    )
    usd = np.where(
        teen[j], np.exp(r.normal(np.log(40), 0.5, k)), np.exp(r.normal(np.log(250), 0.6, k))
    )
    cur = link_currency(r, w, fam[j], s, 0.2)
    t = w.local_times(s, day, _EVENING)
    w.pay(s, fam[j], t, price(r, usd, cur, 0.7), cur, memo=pick(r, DIASPORA_MEMOS, k, 0.35))
    k2 = n - k
    s2 = senders[r.integers(0, n_s, k2)]
    b2 = bills[r.integers(0, len(bills), k2)]
    usd2 = np.exp(r.normal(np.log(120), 0.8, k2))
    w.pay(
        s2,
        b2,
        w.local_times(s2, r.integers(0, DAYS, k2), _EVENING),
        price(r, usd2, np.full(k2, "PHP", dtype=object), 0.2),
        "PHP",
    )


def trips(
    w: World,
    travellers: np.ndarray,
    n_trips: np.ndarray,
    stay: tuple[int, int],
    towns_kind: str,
    merchants: dict[str, dict[str, np.ndarray]],
    atm_per_day: float,
    gift_per_day: float,
    label: int = 0,
    typ: str = "",
    food: float = 0.8,
) -> None:
    """Trips abroad: a flight, a hotel in a town, restaurants, ATM cash, gifts."""
    r = w.rng
    rows: dict[str, list[np.ndarray]] = {k: [] for k in ("s", "r", "t", "usd", "mcc")}
    ctry_of = w.col("country")
    for who, k in zip(travellers, n_trips, strict=True):
        for _ in range(int(k)):
            dest = str(r.choice(["PH", "PH", "PH", "PH", "VN", "KH"]))
            m = merchants[dest]
            length = int(r.integers(stay[0], stay[1] + 1))
            start = int(r.integers(0, max(1, DAYS - length)))
            hotels = m[f"hotel_{towns_kind}"]
            hotel = hotels[r.integers(len(hotels))]
            atms = m[f"atm_{towns_kind}"]
            n_atm = r.poisson(atm_per_day * length)
            n_gift = r.poisson(gift_per_day * length)
            n_food = r.poisson(food * length)
            parts = [
                (
                    np.array([m["airline"][r.integers(len(m["airline"]))]]),
                    np.array([start - 10]),
                    np.exp(r.normal(np.log(90), 0.4, 1)),
                ),
                (
                    np.full(max(1, length // 7), hotel),
                    start + np.arange(max(1, length // 7)) * 7 + 6,
                    np.exp(r.normal(np.log(35 * 7), 0.4, max(1, length // 7))),
                ),
                (
                    atms[r.integers(0, len(atms), n_atm)],
                    start + r.integers(0, length, n_atm),
                    r.choice([90.0, 175.0, 175.0], n_atm),
                ),
                (
                    m["gift"][r.integers(0, len(m["gift"]), n_gift)],
                    start + r.integers(0, length, n_gift),
                    np.exp(r.normal(np.log(60), 0.8, n_gift)),
                ),
                (
                    m["food"][r.integers(0, len(m["food"]), n_food)],
                    start + r.integers(0, length, n_food),
                    np.exp(r.normal(np.log(15), 0.6, n_food)),
                ),
            ]
            for rec, day, usd in parts:
                day = np.clip(day, 0, DAYS - 1)
                rows["s"].append(np.full(len(rec), who))
                rows["r"].append(rec)
                # Card-present abroad: the merchant's local time, during the day.
                dest_off = np.array(OFFSETS[dest][0][0])
                hour = r.choice(24, len(rec), p=_DAY / _DAY.sum()) + r.random(len(rec))
                rows["t"].append(T0 + (day * 24 + hour - dest_off) * 3600)
                rows["usd"].append(usd)
    if not rows["s"]:
        return
    s = np.concatenate(rows["s"])
    rec = np.concatenate(rows["r"])
    t = np.concatenate(rows["t"])
    usd = np.concatenate(rows["usd"])
    del ctry_of
    cur = np.array([HOME_CURRENCY[str(c)] for c in w.col("country")[rec]], dtype=object)
    w.pay(s, rec, t, price(r, usd, cur, 0.1), cur, label=label, typ=typ, present=True)


def travel_merchants(w: World) -> dict[str, dict[str, np.ndarray]]:
    out: dict[str, dict[str, np.ndarray]] = {}
    r = w.rng
    for c in ("PH", "VN", "KH"):
        d: dict[str, np.ndarray] = {}
        for kind, towns in (("tourist", TOURIST_TOWNS[c]), ("province", PROVINCE_TOWNS[c])):
            tn = [x.replace("_", " ") for x in towns]
            hotel_names = [f"{r.choice(HOTEL_WORDS)} {t}" for t in tn for _ in range(3)]
            d[f"hotel_{kind}"] = w.businesses(len(hotel_names), "travel", "7011", hotel_names, c, 7)
            d[f"atm_{kind}"] = w.businesses(
                len(tn), "travel", "6011", [f"ATM {t}" for t in tn], c, 0
            )
        d["airline"] = w.businesses(2, "travel", "4511", [f"{c} Air", f"{c} Express Airways"], c, 7)
        d["gift"] = np.concatenate(
            [
                w.businesses(4, "travel", "5944", [f"Jewellery {i}" for i in range(4)], c, 7),
                w.businesses(
                    4, "travel", "5947", [f"Gifts & Souvenirs {i}" for i in range(4)], c, 7
                ),
                w.businesses(2, "travel", "5945", [f"Toy Kingdom {i}" for i in range(2)], c, 7),
            ]
        )
        d["food"] = w.businesses(
            20, "travel", "5812", [f"Restaurant {c}{i}" for i in range(20)], c, 7
        )
        out[c] = d
    return out


def bg_tourists(w: World, n: int, tm: dict[str, dict[str, np.ndarray]], hard: float) -> None:
    r = w.rng
    per_trip = 13
    n_t = max(5, n // per_trip)
    tourists = w.cardholders(n_t, TOURISTS, "tourist", 0.55, (20, 70))
    trips(w, tourists, np.ones(n_t, dtype=int), (3, 10), "tourist", tm, 0.3, 0.2)
    # Balikbayan visitors: long stays in their home province, ATM cash and gifts (hard).
    n_b = int(n_t * 0.06 * hard)
    if n_b:
        bb = w.cardholders(n_b, DIASPORA, "balikbayan", 0.5, (30, 70), hard=True, name_country="PH")
        trips(w, bb, r.integers(1, 3, n_b), (14, 45), "province", tm, 0.5, 0.4)


# ------------------------------------------------------------------------------------------
# Hard negatives
# ------------------------------------------------------------------------------------------


def fans_of(
    w: World, fans: np.ndarray, recv: np.ndarray, n: int, per_fan: tuple[int, int]
) -> tuple[np.ndarray, np.ndarray]:
    """Each fan follows 1-k receivers (popularity skewed); n rows of (fan, receiver)."""
    r = w.rng
    k = r.integers(per_fan[0], per_fan[1] + 1, len(fans))
    owner = np.repeat(fans, k)
    follows = zipf_pick(r, recv, len(owner), 0.7)
    j = r.integers(0, len(owner), n)
    return owner[j], follows[j]


def hard_creators(w: World, n: int, platform: np.ndarray) -> None:
    """Adult creators' payment links and their foreign fans: tips, shows, subscriptions."""
    r = w.rng
    if n <= 0:
        return
    creators = w.sellers(
        max(5, n // 250),
        "adult_creator",
        0.85,
        (18, 32),
        period=(1, 1, 2, 3),
        mcc=["5818", "7299", "5999"],
        hard=True,
        shop_p=0.05,
    )
    fans = w.cardholders(max(10, n // 25), FANS, "creator_fan", 0.9, (22, 65), hard=True)
    s, rec = fans_of(w, fans, creators, int(n * 0.85), (1, 5))
    k = len(s)
    # Sessions: fans tip in bursts on show nights.
    day = r.integers(0, DAYS, k)
    t = w.local_times(s, day, (_NIGHT + _EVENING))
    usd = np.where(
        r.random(k) < 0.8,
        r.choice([5.0, 10, 10, 20, 20, 25, 50, 100], k),
        np.exp(r.normal(np.log(25), 0.7, k)),
    )
    cur = link_currency(r, w, rec, s, 0.6)
    memo = np.where(r.random(k) < 0.3, handle_memo(r, k), pick(r, FAN_MEMOS, k, 0.4))
    w.pay(s, rec, t, price(r, usd, cur, 0.85), cur, memo=memo)
    k2 = n - k
    s2 = fans[r.integers(0, len(fans), k2)]
    w.pay(
        s2,
        platform[r.integers(0, len(platform), k2)],
        w.local_times(s2, r.integers(0, DAYS, k2), _NIGHT),
        r.choice([9.99, 14.99, 19.99], k2),
        "USD",
        memo="subscription",
    )


def hard_tutors(w: World, n: int) -> None:
    """Online English tutors (PH) and their students in JP/KR/TW/CN: per-lesson payments."""
    r = w.rng
    if n <= 0:
        return
    tutors = w.sellers(
        max(5, n // 150),
        "esl_tutor",
        0.8,
        (21, 45),
        period=(1, 3, 7),
        weights={"PH": 1},
        mcc=["8299"],
        hard=True,
        shop_p=0.05,
    )
    students = w.cardholders(
        max(10, n // 20), ESL, "esl_student", 0.45, (10, 60), known_p=0.4, hard=True
    )
    s, rec = fans_of(w, students, tutors, n, (1, 2))
    usd = np.where(
        r.random(n) < 0.8, r.choice([8.0, 10, 12, 15, 20, 25], n), r.choice([100.0, 150, 200], n)
    )
    cur = link_currency(r, w, rec, s, 0.5)
    w.pay(
        s,
        rec,
        w.local_times(s, r.integers(0, DAYS, n), _EVENING),
        price(r, usd, cur, 0.9),
        cur,
        memo=pick(r, ESL_MEMOS, n, 0.3),
    )


def hard_sponsors(w: World, n: int, charities: np.ndarray) -> None:
    """Sponsors: monthly to a charity, and to sponsored families' own links (cover-like words)."""
    r = w.rng
    if n <= 0:
        return
    sponsors = w.cardholders(max(5, n // 12), SPONSORS, "sponsor", 0.5, (30, 75), hard=True)
    fams = w.sellers(
        max(3, len(sponsors) // 3),
        "sponsored",
        0.8,
        (25, 55),
        period=(3, 7),
        weights={"PH": 80, "KH": 10, "VN": 10},
        mcc=["8398", "5999"],
        hard=True,
        shop_p=0.0,
    )
    k = len(sponsors)
    months = np.minimum(12, r.integers(4, 13, k))
    s = np.repeat(sponsors, months)
    m = np.concatenate([np.arange(x) for x in months])
    to_family = r.random(k) < 0.4
    dest = np.where(
        to_family, fams[r.integers(0, len(fams), k)], charities[r.integers(0, len(charities), k)]
    )
    rec = np.repeat(dest, months)
    day = np.clip(
        m * 30 + np.repeat(r.integers(0, 28, k), months) + r.integers(0, 3, len(m)), 0, DAYS - 1
    )
    usd = np.repeat(r.choice([25.0, 30, 35, 40, 50, 100], k), months)
    cur = link_currency(r, w, rec, s, 0.7)
    memo = pick(r, SPONSOR_MEMOS, len(s), 0.3)
    w.pay(s, rec, w.local_times(s, day, _DAY), price(r, usd, cur, 0.9), cur, memo=memo)


def hard_romance(w: World, n: int) -> None:
    """Romance-scam victims: escalating payments to one scammer's link; scammers have many."""
    r = w.rng
    if n <= 0:
        return
    n_v = max(3, n // 14)
    victims = w.cardholders(n_v, ROMANCE, "romance_victim", 0.6, (45, 78), hard=True)
    scammers = w.sellers(
        max(2, n_v // 6),
        "romance_scammer",
        0.6,
        (20, 40),
        period=(1,),
        mcc=["5999", "7299"],
        hard=True,
    )
    for v in victims:
        k = int(r.integers(5, 30))
        sc = scammers[r.integers(len(scammers))]
        start = int(r.integers(0, DAYS - 60))
        day = np.sort(start + r.integers(0, int(r.integers(30, 180)), k))
        usd = np.minimum(
            3000, 60 * np.exp(np.linspace(0, r.uniform(1.5, 3.5), k)) * r.uniform(0.8, 1.2, k)
        )
        cur = link_currency(r, w, np.full(k, sc), np.full(k, v), 0.6)
        w.pay(
            np.full(k, v),
            np.full(k, sc),
            w.local_times(np.full(k, v), np.clip(day, 0, DAYS - 1), _EVENING),
            price(r, usd, cur, 0.6),
            cur,
            memo=pick(r, ROMANCE_MEMOS, k, 0.2),
        )


def hard_gamers(w: World, n: int, game_biz: np.ndarray) -> None:
    """Teen gamers: bursts of top-ups, often to a reseller they have not paid before."""
    r = w.rng
    if n <= 0:
        return
    teens = w.cardholders(
        max(10, n // 12),
        {"PH": 60, "US": 15, "AU": 5, "CA": 5, "GB": 5, "SG": 5, "ID": 5},
        "teen_gamer",
        0.75,
        (13, 19),
        known_p=0.5,
        hard=True,
    )
    resellers = w.sellers(
        max(3, n // 120),
        "game_reseller",
        0.3,
        (18, 35),
        period=(1, 2, 3),
        mcc=["5816", "5815"],
        hard=True,
    )
    rows = 0
    while rows < n:
        k = int(r.integers(2, 7))
        who = teens[r.integers(len(teens))]
        dest = (
            resellers[r.integers(len(resellers))]
            if r.random() < 0.5
            else game_biz[r.integers(len(game_biz))]
        )
        day = int(r.integers(0, DAYS))
        t0 = w.local_times(np.array([who]), np.array([day]), _EVENING)[0]
        t = t0 + np.sort(r.uniform(0, 3600 * r.uniform(1, 30), k))
        usd = r.choice([1.0, 2, 5, 5, 10, 10, 20, 50], k)
        cur = link_currency(r, w, np.full(k, dest), np.full(k, who), 0.3)
        w.pay(
            np.full(k, who),
            np.full(k, dest),
            t,
            price(r, usd, cur, 0.6),
            cur,
            memo=pick(r, GAME_MEMOS, k, 0.3),
        )
        rows += k


def bg_crypto(w: World, n: int, onramp: np.ndarray, hard: float) -> tuple[np.ndarray, np.ndarray]:
    """Crypto buyers: card purchase of USDT then withdrawal; exchange and game addresses shared."""
    r = w.rng
    exch = w.add_accounts(
        30, kind="address", country="PH", population="exchange_address", name=None, device=False
    )
    game = w.add_accounts(
        8, kind="address", country="PH", population="p2e_address", name=None, device=False
    )
    n_buy = max(2, n // 2)
    buyers = w.cardholders(
        max(10, n_buy // 6), CRYPTO_FOREIGN | {"PH": 150}, "crypto_trader", 0.75, (19, 55)
    )
    own = w.add_accounts(
        len(buyers), kind="address", country="PH", population="own_wallet", name=None, device=False
    )
    j = r.integers(0, len(buyers), n_buy)
    s = buyers[j]
    small = r.random(n_buy) < 0.3 * hard
    usd = np.where(
        small,
        r.choice([10.0, 20, 25, 50, 100], n_buy),
        np.round(np.exp(r.normal(np.log(400), 1.0, n_buy)), -1) + 10,
    )
    t = w.local_times(s, r.integers(0, DAYS, n_buy), _DAY)
    dest = np.where(
        small,
        game[r.integers(0, len(game), n_buy)],
        np.where(r.random(n_buy) < 0.6, exch[r.integers(0, len(exch), n_buy)], own[j]),
    )
    onr = onramp[r.integers(0, len(onramp), n_buy)]
    w.pay(s, onr, t, usd, "USD", memo=pick(r, ["Buy USDT", "USDT TRC20", "buy crypto"], n_buy))
    w.pay(
        s,
        dest,
        t + r.uniform(60, 3600 * 6, n_buy),
        np.round(usd * 0.985, 2),
        "USD",
        channel="crypto",
        memo="USDT withdrawal",
        utc=True,
    )
    return exch, game


def bg_vpn(w: World, n: int, vpn: np.ndarray, pool: np.ndarray) -> None:
    r = w.rng
    if n <= 0:
        return
    s = pool[r.integers(0, len(pool), n)]
    w.pay(
        s,
        vpn[r.integers(0, len(vpn), n)],
        w.local_times(s, r.integers(0, DAYS, n), _DAY),
        r.choice([4.99, 9.99, 59.88, 99.0], n),
        "USD",
        memo=pick(r, ["VPN 1 month", "VPN annual", "privacy plan"], n, 0.4),
    )


def bg_transfers(w: World, n: int, sellers: np.ndarray) -> None:
    """Benign wallet transfers between sellers' balances (suppliers, family)."""
    r = w.rng
    if n <= 0:
        return
    s = sellers[r.integers(0, len(sellers), n)]
    rec = sellers[r.integers(0, len(sellers), n)]
    ok = s != rec
    s, rec = s[ok], rec[ok]
    k = len(s)
    usd = np.exp(r.normal(np.log(80), 0.9, k))
    w.pay(
        s,
        rec,
        w.local_times(s, r.integers(0, DAYS, k), _BUSINESS),
        price(r, usd, np.full(k, "PHP", dtype=object), 0.5),
        "PHP",
        channel="p2p",
        memo=pick(r, ["supplier", "share", "utang", "bayad", "stock"], k, 0.4),
    )


# ------------------------------------------------------------------------------------------
# Planted typologies
# ------------------------------------------------------------------------------------------


def osaec_amounts(rng: np.random.Generator, k: int, drift: bool) -> np.ndarray:
    if drift:
        return rng.uniform(150, 250, k)
    core = rng.choice([15.0, 20, 25, 30, 40, 50, 50, 60, 75, 80, 100], k)
    wide = rng.uniform(10, 200, k)
    return np.where(rng.random(k) < 0.8, core, wide)


def cover_memos(rng: np.random.Generator, k: int) -> np.ndarray:
    u = rng.random(k)
    memo = pick(rng, COVER, k)
    memo[u < 0.25] = handle_memo(rng, int((u < 0.25).sum()))
    memo[u > 0.6] = None
    return memo


def facilitator_group(w: World, size: int, typ: str) -> np.ndarray:
    """Facilitators and their linked household accounts (same surname, often same device)."""
    r = w.rng
    fac = w.sellers(
        size,
        "facilitator",
        0.75,
        (24, 58),
        period=(1, 1, 2),
        weights={"PH": 85, "VN": 6, "KH": 5, "ID": 4},
        role="facilitator",
        typology=typ,
        label=1,
    )
    accounts = [fac]
    for f in fac:
        h = int(r.integers(0, 5))
        if h:
            last = surname(r, w.col("name")[f], str(w.col("country")[f]))
            house = w.sellers(
                h,
                "facilitator",
                0.6,
                (18, 65),
                period=(1, 2),
                weights={str(w.col("country")[f]): 1},
                role="household",
                typology=typ,
                label=1,
            )
            names = w.last("name")
            for i in range(h):
                names[i] = f"{given(names[i])} {last}"
            w.set_field(house[r.random(h) < 0.7], "device", w.col("device")[f])
            accounts.append(house)
    return np.concatenate(accounts)


def plant_ppv(w: World, budget: int, vpn: np.ndarray) -> None:
    """T1 consumers, T2 facilitators with households, T3 clusters with forwarding."""
    r = w.rng
    spent = 0
    groups: list[tuple[np.ndarray, str]] = []
    for g in range(max(2, budget // 120)):
        cluster = g == 1 or (g > 1 and r.random() < 0.4)
        typ = "T3" if cluster else "T2"
        groups.append((facilitator_group(w, int(r.integers(2, 6)) if cluster else 1, typ), typ))
    popularity = r.dirichlet(np.full(len(groups), 3.0))
    consumers: list[int] = []
    while spent < budget * 0.75:
        # The first two consumers go to the first T2 hub and the first T3 cluster, so both exist.
        nth = len(consumers)
        recv, typ = groups[nth] if nth < 2 else groups[int(r.choice(len(groups), p=popularity))]
        c = w.cardholders(
            1,
            OSAEC_SENDERS,
            "consumer",
            1.0,
            (30, 72),
            known_p=0.35,
            role="consumer",
            typology="T1" if typ == "T2" else "T3",
            label=1,
        )[0]
        consumers.append(int(c))
        if r.random() < 0.4:
            bg_vpn(w, int(r.integers(1, 4)), vpn, np.array([c]))
        # Consumers mostly pay the facilitators themselves, some the household accounts.
        k_recv = min(len(recv), int(r.integers(1, 9)))
        weight = np.where(w.col("role")[recv] == "facilitator", 4.0, 1.0)
        mine = recv[r.choice(len(recv), k_recv, replace=False, p=weight / weight.sum())]
        # Lifetime 2-36 months (the window shows part of it); 2-30 payments a month in
        # bursts, a heavy tail of frequent payers.
        life = int(r.integers(60, 1080))
        start = int(r.integers(-life + 30, DAYS - 30))
        lo, hi = max(0, start), min(DAYS, start + life)
        k = int(np.clip(np.exp(r.normal(np.log(5), 0.7)) * (hi - lo) / 200, 2, 80))
        k = min(k, max(2, int(budget - spent)))
        sessions = max(1, k // 2)
        sday = np.sort(r.integers(lo, max(lo + 1, hi), sessions))
        profile = _NIGHT if r.random() < 0.75 else _EVENING
        st = w.local_times(np.full(sessions, c), sday, profile)
        t = np.sort(st[r.integers(0, sessions, k)] + r.uniform(0, 5400, k))
        # New receivers get added over time: later payments reach further down the list.
        reach = np.minimum(len(mine) - 1, np.arange(k) * len(mine) // k + r.integers(0, 2, k))
        rec = mine[r.integers(0, reach + 1)]
        usd = osaec_amounts(r, k, r.random() < 0.1)
        cur = link_currency(r, w, rec, np.full(k, c), 0.5)
        w.pay(
            np.full(k, c),
            rec,
            t,
            price(r, usd, cur, 0.8),
            cur,
            memo=cover_memos(r, k),
            label=1,
            typ="T1" if typ == "T2" else "T3",
        )
        spent += k
    # Lone consumers: one or two payments into a facilitator, nothing else.
    while spent < budget and groups:
        recv, typ = groups[int(r.integers(len(groups)))]
        c = w.cardholders(
            1,
            OSAEC_SENDERS,
            "consumer",
            1.0,
            (30, 72),
            known_p=0.35,
            role="lone_consumer",
            typology="T1" if typ == "T2" else "T3",
            label=1,
        )
        k = int(r.integers(1, 3))
        rec = recv[r.integers(0, len(recv), k)]
        t = (
            w.local_times(np.full(k, c[0]), np.full(k, r.integers(0, DAYS)), _NIGHT)
            + np.arange(k) * 3600
        )
        cur = link_currency(r, w, rec, np.full(k, c[0]), 0.5)
        w.pay(
            np.full(k, c[0]),
            rec,
            t,
            price(r, osaec_amounts(r, k, False), cur, 0.8),
            cur,
            memo=cover_memos(r, k),
            label=1,
            typ="T1" if typ == "T2" else "T3",
        )
        spent += k
    # T3 forwarding between facilitators of a cluster.
    for recv, typ in groups:
        if typ != "T3" or r.random() < 0.5:
            continue
        k = int(r.integers(3, 20))
        a, b = recv[0], recv[1]
        t = T0 + np.sort(r.uniform(0, DAYS, k)) * 86400
        usd = np.exp(r.normal(np.log(150), 0.5, k))
        cur = np.full(k, HOME_CURRENCY[str(w.col("country")[a])], dtype=object)
        w.pay(
            np.full(k, a),
            np.full(k, b),
            t,
            price(r, usd, cur, 0.5),
            cur,
            channel="p2p",
            memo=pick(r, ["share", "padala", "bayad", ""], k, 0.5),
            label=1,
            typ="T3",
        )


def plant_travel(w: World, budget: int, tm: dict[str, dict[str, np.ndarray]]) -> None:
    r = w.rng
    n = max(1, budget // 45)
    who = w.cardholders(
        n,
        OSAEC_SENDERS,
        "traveller",
        1.0,
        (45, 75),
        known_p=0.35,
        role="traveller",
        typology="T4",
        label=1,
    )
    trips(
        w, who, r.integers(1, 3, n), (10, 30), "province", tm, 0.8, 0.4, label=1, typ="T4", food=0.3
    )


def plant_fsec(w: World, budget: int, gift_biz: np.ndarray, game_biz: np.ndarray) -> None:
    r = w.rng
    spent = 0
    while spent < budget:
        mule = w.sellers(
            1,
            "extortionist",
            0.1,
            (18, 30),
            period=(1,),
            weights={"PH": 90, "ID": 10},
            role="extortionist",
            typology="T5",
            label=1,
        )[0]
        for _ in range(int(r.integers(3, 25))):
            if spent >= budget:
                break
            v = w.cardholders(
                1,
                {"US": 45, "AU": 10, "CA": 10, "GB": 10, "PH": 25},
                "fsec_victim",
                0.85,
                (14, 17),
                known_p=0.5,
                role="victim",
                typology="T5",
                label=1,
            )[0]
            # Some ordinary teen life before: game top-ups.
            kb = int(r.integers(2, 10))
            w.pay(
                np.full(kb, v),
                game_biz[r.integers(0, len(game_biz), kb)],
                w.local_times(np.full(kb, v), r.integers(0, DAYS // 2, kb), _EVENING),
                r.choice([2.0, 5, 10], kb),
                "USD",
                memo=pick(r, GAME_MEMOS, kb, 0.3),
            )
            k = int(r.integers(2, 7))
            first = r.uniform(25, 240)
            usd = np.minimum(first * np.exp(np.linspace(0, r.uniform(0, 1.5), k)), 450)
            usd = usd * min(1.0, 1450 / usd.sum())
            day = int(r.integers(DAYS // 2, DAYS - 3))
            t = w.local_times(np.array([v]), np.array([day]), _NIGHT)[0] + np.sort(
                r.uniform(0, 3600 * r.uniform(24, 72), k)
            )
            dest = mule if r.random() < 0.7 else gift_biz[r.integers(len(gift_biz))]
            cur = link_currency(r, w, np.full(k, dest), np.full(k, v), 0.6)
            memo = pick(r, ["", "pls", "ok", "gift card", "sent", "payment"], k, 0.5)
            w.pay(
                np.full(k, v),
                np.full(k, dest),
                t,
                price(r, usd, cur, 0.6),
                cur,
                memo=memo,
                label=1,
                typ="T5",
            )
            spent += k


def plant_cvc(w: World, budget: int, onramp: np.ndarray) -> None:
    r = w.rng
    sites = w.add_accounts(
        int(r.integers(5, 15)),
        kind="address",
        country="PH",
        population="site_wallet",
        role="site_wallet",
        typology="T6",
        label=1,
        device=False,
    )
    spent = 0
    while spent < budget:
        c = w.cardholders(
            1,
            OSAEC_SENDERS | {"PH": 5},
            "cvc_buyer",
            1.0,
            (20, 45),
            known_p=0.35,
            role="consumer",
            typology="T6",
            label=1,
        )[0]
        k = int(r.integers(3, 25))
        mine = sites[r.choice(len(sites), min(len(sites), int(r.integers(1, 5))), replace=False)]
        day = np.sort(r.integers(0, DAYS, k))
        t = w.local_times(np.full(k, c), day, _NIGHT)
        usd = np.where(
            r.random(k) < 0.7, r.choice([20.0, 25, 30, 50, 100], k), r.uniform(10, 200, k).round(2)
        )
        onr = onramp[r.integers(0, len(onramp), k)]
        w.pay(
            np.full(k, c),
            onr,
            t,
            usd,
            "USD",
            memo=pick(r, ["Buy USDT", "USDT TRC20", "buy crypto"], k),
            label=1,
            typ="T6",
        )
        w.pay(
            np.full(k, c),
            mine[r.integers(0, len(mine), k)],
            t + r.uniform(60, 1800, k),
            np.round(usd * 0.985, 2),
            "USD",
            channel="crypto",
            memo="USDT withdrawal",
            label=1,
            typ="T6",
            utc=True,
        )
        spent += 2 * k


def plant_direct(w: World, budget: int) -> None:
    r = w.rng
    spent = 0
    while spent < budget:
        child = w.sellers(
            1,
            "direct_victim",
            0.85,
            (15, 18),
            period=(1, 2),
            weights={"PH": 85, "VN": 5, "KH": 5, "ID": 5},
            role="victim",
            typology="T7",
            label=1,
            shop_p=0.1,
        )[0]
        if r.random() < 0.3:
            w.set_field(np.array([child]), "birth", 0)
        for _ in range(int(r.integers(1, 3))):
            p = w.cardholders(
                1,
                OSAEC_SENDERS,
                "direct_offender",
                1.0,
                (30, 70),
                known_p=0.35,
                role="offender",
                typology="T7",
                label=1,
            )[0]
            k = int(r.integers(3, 21))
            start = int(r.integers(0, DAYS - 30))
            day = np.sort(start + r.integers(0, int(r.integers(30, 180)), k))
            t = w.local_times(np.full(k, p), np.clip(day, 0, DAYS - 1), _NIGHT)
            usd = r.choice([10.0, 15, 20, 25, 30, 50, 100, 150], k)
            cur = link_currency(r, w, np.full(k, child), np.full(k, p), 0.4)
            memo = np.where(
                r.random(k) < 0.5,
                pick(r, ["load", "pang-load", "allowance", "for school", "gift"], k),
                cover_memos(r, k),
            )
            w.pay(
                np.full(k, p),
                np.full(k, child),
                t,
                price(r, usd, cur, 0.8),
                cur,
                memo=memo,
                label=1,
                typ="T7",
            )
            spent += k


# ------------------------------------------------------------------------------------------
# Settlement, refunds, faults, assembly
# ------------------------------------------------------------------------------------------

PAYOUT_ROLES = {"facilitator": "T2", "household": "T2", "extortionist": "T5"}


def payouts(w: World, tx: pl.DataFrame) -> None:
    """Every merchant's balance settles to its bank/e-wallet account after its period."""
    r = w.rng
    period = w.col("period").astype(np.int64)
    kind = w.col("kind")
    card_in = tx.filter(pl.col("channel") == "card").select("r", "t", "usd")
    card_in = card_in.filter(pl.Series(period[card_in["r"].to_numpy()] > 0))
    per = period[card_in["r"].to_numpy()]
    card_in = card_in.with_columns(
        bucket=pl.Series(((card_in["t"].to_numpy() - T0) // (per * 86400)).astype(np.int64))
    )
    agg = (
        card_in.group_by("r", "bucket")
        .agg(pl.col("usd").sum(), pl.col("t").max())
        .sort("r", "bucket")
    )
    m = agg["r"].to_numpy()
    # One payout account per merchant; households share the facilitator's e-wallet at times.
    merchants = np.unique(m)
    is_biz = kind[merchants] == "business"
    dest = w.add_accounts(
        len(merchants),
        kind="payout_account",
        country=w.col("country")[merchants],
        population="payout_account",
        name=w.col("name")[merchants],
        device=False,
    )
    idx_of = np.full(w.n_acc, -1)
    idx_of[merchants] = dest
    role = w.col("role")
    pos = {d: i for i, d in enumerate(merchants)}
    devices = w.col("device")
    for fam_dev in np.unique(
        devices[merchants][np.isin(role[merchants], ["facilitator", "household"])]
    ):
        same = merchants[
            (devices[merchants] == fam_dev) & np.isin(role[merchants], ["facilitator", "household"])
        ]
        if len(same) > 1:
            share = same[1:][r.random(len(same) - 1) < 0.5]
            idx_of[share] = dest[pos[same[0]]]
    lag = (
        np.where(kind[m] == "business", r.uniform(20, 60, len(m)), r.exponential(5, len(m)) + 0.2)
        * 3600
    )
    t = agg["t"].to_numpy() + lag
    keep = t < T0 + DAYS * 86400
    ctry = w.col("country")[m]
    cur = np.array([HOME_CURRENCY[str(c)] for c in ctry], dtype=object)
    amount = np.round(agg["usd"].to_numpy() * 0.965 * np.array([RATE[str(c)] for c in cur]), 2)
    channel = np.where(is_biz[np.searchsorted(merchants, m)], "bank", "ewallet")
    memo = np.where(channel == "bank", "Settlement", "Instant payout")
    lab = np.isin(role[m], list(PAYOUT_ROLES))
    for val, typ in ((True, None), (False, "")):
        sel = keep & (lab == val)
        if not sel.any():
            continue
        typs = (
            np.array([PAYOUT_ROLES.get(str(x), "") for x in role[m[sel]]], dtype=object)
            if typ is None
            else ""
        )
        w.pay(
            m[sel],
            idx_of[m[sel]],
            t[sel],
            amount[sel],
            cur[sel],
            channel=channel[sel],
            memo=memo[sel],
            label=int(val),
            typ=typs,
        )  # type: ignore[arg-type]


def refunds(w: World, tx: pl.DataFrame, share: float) -> None:
    """A few benign card payments are refunded (merchant -> cardholder) days later."""
    r = w.rng
    cand = tx.filter((pl.col("channel") == "card") & (pl.col("label") == 0))
    k = int(cand.height * share)
    if k == 0:
        return
    pickd = cand[r.choice(cand.height, k, replace=False)]
    t = pickd["t"].to_numpy() + r.uniform(1, 10, k) * 86400
    ok = t < T0 + DAYS * 86400
    w.pay(
        pickd["r"].to_numpy()[ok],
        pickd["s"].to_numpy()[ok],
        t[ok],
        pickd["amount"].to_numpy()[ok],
        pickd["cur"].to_numpy()[ok],
        memo="REFUND",
    )


def frame(w: World) -> pl.DataFrame:
    cols = {k: np.concatenate([c[k] for c in w.chunks]) for k in w.chunks[0]}
    rate = np.array([RATE[str(c)] for c in cols["cur"]])
    df = pl.DataFrame(
        {
            "s": cols["s"],
            "r": cols["r"],
            "t": cols["t"],
            "amount": cols["amount"],
            "cur": strs(cols["cur"]),
            "channel": strs(cols["channel"]),
            "memo": strs(cols["memo"]),
            "mcc": strs(cols["mcc"]),
            "label": cols["label"],
            "typ": strs(cols["typ"]),
            "present": cols["present"],
            "utc": cols["utc"],
            "usd": np.round(cols["amount"] / rate, 2),
        }
    )
    return df


def ids(rng: np.random.Generator, prefix: str, n: int, width: int) -> np.ndarray:
    """Unique opaque ids in random order (no population leaks through the numbering)."""
    nums = rng.permutation(n) + rng.integers(10 ** (width - 2), 10 ** (width - 1))
    return np.array([f"{prefix}{x:0{width}d}" for x in nums], dtype=object)


def account_ids(w: World) -> np.ndarray:
    r = w.rng
    kind = w.col("kind")
    out = np.empty(w.n_acc, dtype=object)
    for k, prefix in (
        ("cardholder", "cus_"),
        ("seller", "mer_"),
        ("business", "mer_"),
        ("payout_account", "po_"),
    ):
        sel = (
            np.flatnonzero(kind == k)
            if k not in ("seller", "business")
            else np.flatnonzero(np.isin(kind, ["seller", "business"]))
        )
        out[sel] = ids(r, prefix, len(sel), 9)
    sel = np.flatnonzero(kind == "address")
    alphabet = np.array(list("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"))
    out[sel] = ["T" + "".join(alphabet[r.integers(0, len(alphabet), 33)]) for _ in sel]
    return out


FAULTS = ("timestamp", "country", "amount", "currency", "channel")


def assemble(w: World) -> Generated:
    r = w.rng
    df = frame(w).sort("t")
    n = df.height
    acc_id = account_ids(w)
    s = df["s"].to_numpy()
    rc = df["r"].to_numpy()
    ctry = w.col("country")
    name = w.col("name")
    sex = w.col("sex")
    birth = w.col("birth").astype(np.int64)
    device = w.col("device")
    mcc_acc = w.col("mcc")
    kind = w.col("kind")
    secs = df["t"].to_numpy().astype(np.int64)
    utc = df["utc"].to_numpy()
    local = pl.from_epoch(
        pl.Series(secs + np.where(utc, 0, EXPORT_OFFSET_H * 3600)), time_unit="s"
    ).dt.strftime("%Y-%m-%dT%H:%M:%S")
    ts = np.where(
        utc, local.to_numpy().astype(object) + "+00:00", local.to_numpy().astype(object) + "+08:00"
    )
    is_card = df["channel"].to_numpy() == "card"
    mcc = np.where(df["mcc"].is_null().to_numpy(), mcc_acc[rc], df["mcc"].to_numpy())
    mcc = np.where(is_card | (kind[rc] == "business"), mcc, None)
    present = df["present"].to_numpy()
    dev = np.where(present, None, device[s])
    txid = rng_ids(r, n)
    by_s = np.where(birth[s] > 0, birth[s], 0)
    by_r = np.where(birth[rc] > 0, birth[rc], 0)
    recv_name = np.where(kind[rc] == "address", None, name[rc])
    tx = pl.DataFrame(
        {
            "tx_id": strs(txid),
            "timestamp": strs(ts),
            "sender_id": strs(acc_id[s]),
            "receiver_id": strs(acc_id[rc]),
            "amount": df["amount"],
            "currency": df["cur"],
            "sender_country": strs(ctry[s]),
            "receiver_country": strs(ctry[rc]),
            "channel": df["channel"],
            "memo": df["memo"],
            "sender_name": strs(name[s]),
            "receiver_name": strs(recv_name),
            "sender_sex": strs(sex[s]),
            "sender_birth_year": known_year(by_s),
            "receiver_birth_year": known_year(by_r),
            "device_id": strs(dev),
            "merchant_category": strs(mcc),
        }
    )
    label = df["label"].to_numpy()
    # Feed faults on a few benign rows.
    n_bad = max(5, int(n * 0.0003))
    benign = np.flatnonzero(label == 0)
    bad = np.sort(r.choice(benign, min(n_bad, len(benign)), replace=False))
    fault = np.array(FAULTS, dtype=object)[np.arange(len(bad)) % len(FAULTS)]
    malformed = np.zeros(n, dtype=bool)
    malformed[bad] = True
    upd = {
        c: tx[c].to_numpy().astype(object) if tx[c].dtype == pl.String else tx[c].to_numpy().copy()
        for c in ("timestamp", "sender_country", "amount", "currency", "channel")
    }
    alpha3 = {
        "PH": "PHL",
        "US": "USA",
        "AU": "AUS",
        "GB": "GBR",
        "CA": "CAN",
        "VN": "VNM",
        "KH": "KHM",
        "ID": "IDN",
        "JP": "JPN",
    }
    for i, f in zip(bad, fault, strict=True):
        if f == "timestamp":
            upd["timestamp"][i] = str(upd["timestamp"][i])[:19].replace("T", " ")
        elif f == "country":
            upd["sender_country"][i] = alpha3.get(str(upd["sender_country"][i]), "XXX")
        elif f == "amount":
            upd["amount"][i] = np.nan
        elif f == "currency":
            upd["currency"][i] = None
        else:
            upd["channel"][i] = "INSTAPAY-CR"
    amount = pl.Series("amount", upd["amount"], dtype=pl.Float64).fill_nan(None)
    tx = tx.with_columns(
        strs(upd["timestamp"]).alias("timestamp"),
        strs(upd["sender_country"]).alias("sender_country"),
        amount,
        strs(upd["currency"]).alias("currency"),
        strs(upd["channel"]).alias("channel"),
    )
    fault_col = np.full(n, None, dtype=object)
    fault_col[bad] = fault
    tx_labels = pl.DataFrame(
        {
            "tx_id": tx["tx_id"],
            "usd": df["usd"],
            "label_tx": pl.Series(label, dtype=pl.Int8),
            "label_typology": df["typ"].fill_null(""),
            "malformed": malformed,
            "fault": strs(fault_col),
        }
    )
    used = np.zeros(w.n_acc, dtype=bool)
    used[s] = True
    used[rc] = True
    keep = np.flatnonzero(used)
    accounts = pl.DataFrame(
        {
            "account_id": strs(acc_id[keep]),
            "label": pl.Series(w.col("label")[keep].astype(np.int64), dtype=pl.Int64),
            "typology": strs(w.col("typology")[keep]),
            "role": strs(w.col("role")[keep]),
            "population": strs(w.col("population")[keep]),
            "hard_negative": pl.Series(w.col("hard")[keep].astype(bool)),
            "kind": strs(kind[keep]),
            "country": strs(ctry[keep]),
        }
    )
    return Generated(tx=tx, tx_labels=tx_labels, accounts=accounts)


def strs(values: object) -> pl.Series:
    """A String column from an object array mixing str, numpy str and None."""
    return pl.Series(
        [None if x is None else str(x) for x in np.asarray(values, dtype=object)], dtype=pl.String
    )


def known_year(years: np.ndarray) -> pl.Series:
    """Birth years with 0 (not collected) as null."""
    s = pl.Series(years, dtype=pl.Int32)
    return pl.select(pl.when(s > 0).then(s)).to_series()


def rng_ids(rng: np.random.Generator, n: int) -> np.ndarray:
    """Payment ids like a PSP's: prefix plus 16 hex digits, unique."""
    x = np.unique(rng.integers(0, 2**62, int(n * 1.01) + 10))
    x = rng.permutation(x)[:n]
    return np.array([f"pay_{v:016x}" for v in x], dtype=object)


def generate(n_tx: int, variant: str, seed: int, hard: float = 1.0) -> Generated:
    """About n_tx transactions of one variant ('li' or 'hi'), reproducible for a seed.

    `hard` scales the hard-negative populations (creators and fans, tutors and students,
    sponsors, romance, teen gamers, balikbayan visitors); their volume goes to domestic card
    spending instead. 1.0 is the default world, 0 removes them.
    """
    if variant not in ILLICIT_RATE:
        raise ValueError(f"variant must be one of {sorted(ILLICIT_RATE)}, got {variant!r}")
    if hard < 0:
        raise ValueError(f"hard must be >= 0, got {hard}")
    rng = np.random.default_rng([seed, 9, 0 if variant == "li" else 1])
    w = World(rng)
    n_ill = max(60, int(n_tx * ILLICIT_RATE[variant]))
    # Rows before payouts and refunds (which add about 9%).
    base = int(n_tx * 0.83) - n_ill
    share_hard = {
        "creators": 0.06,
        "tutors": 0.03,
        "sponsors": 0.015,
        "romance": 0.01,
        "gamers": 0.03,
    }
    freed = sum(share_hard.values()) * (1 - hard)
    n_biz = int(np.clip(base // 1000, 50, 1500))
    biz_names = [
        f"{w_} {i}"
        for i, w_ in enumerate(
            rng.choice(
                [
                    "Mart",
                    "Grocery",
                    "Pharmacy",
                    "Foods",
                    "Bills Center",
                    "Hardware",
                    "Cafe",
                    "Telco Load",
                    "Clinic",
                ],
                n_biz,
            )
        )
    ]
    mccs = rng.choice(
        ["5411", "5812", "5912", "4900", "5251", "5814", "4814", "8062", "8220"], n_biz
    )
    biz = w.businesses(n_biz, "merchant", mccs.astype(object), biz_names, "PH", 7)
    big = w.businesses(6, "platform", "5399", [f"Marketplace {i}" for i in range(6)], "PH", 1)
    creator_platform = w.businesses(
        2, "platform", "5967", ["FanStream PH", "LiveCam Asia"], "PH", 1
    )
    game_biz = w.businesses(5, "platform", "5816", [f"Game Credits {i}" for i in range(5)], "PH", 1)
    gift_biz = w.businesses(3, "platform", "5999", [f"eGift Cards {i}" for i in range(3)], "PH", 1)
    charities = w.businesses(
        6, "charity", "8398", [f"Child Sponsorship Fdn {i}" for i in range(6)], "PH", 7
    )
    onramp = w.businesses(2, "platform", "6051", ["PayCrypto On-ramp", "USDT Express"], "PH", 1)
    vpn = w.businesses(3, "platform", "4816", ["SecureVPN", "HideNet", "PrivateLine"], "SG", 0)
    shops = w.sellers(max(20, base // 300), "online_seller", 0.65, (19, 60), period=(3, 7, 14))
    tm = travel_merchants(w)
    shops_ph = shops[w.col("country")[shops] == "PH"]
    bg_domestic(w, int(base * (0.45 + freed)), shops_ph, biz)
    bg_ecommerce(w, int(base * 0.09), shops, big)
    bg_diaspora(w, int(base * 0.10), biz)
    bg_tourists(w, int(base * 0.06), tm, hard)
    hard_creators(w, int(base * share_hard["creators"] * hard), creator_platform)
    hard_tutors(w, int(base * share_hard["tutors"] * hard))
    hard_sponsors(w, int(base * share_hard["sponsors"] * hard), charities)
    hard_romance(w, int(base * share_hard["romance"] * hard))
    hard_gamers(w, int(base * share_hard["gamers"] * hard), game_biz)
    bg_crypto(w, int(base * 0.025), onramp, hard)
    pool = w.cardholders(max(10, int(base * 0.01)), FANS | {"PH": 30}, "vpn_user", 0.6, (20, 60))
    bg_vpn(w, int(base * 0.01), vpn, pool)
    bg_transfers(w, int(base * 0.01), shops)
    plant_ppv(w, int(n_ill * 0.35), vpn)
    plant_travel(w, int(n_ill * 0.1), tm)
    plant_fsec(w, int(n_ill * 0.12), gift_biz, game_biz)
    plant_cvc(w, int(n_ill * 0.14), onramp)
    plant_direct(w, int(n_ill * 0.08))
    first = frame(w)
    refunds(w, first, 0.003)
    payouts(w, first)
    return assemble(w)
