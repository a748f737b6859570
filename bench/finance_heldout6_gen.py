"""Sixth held-out generator for issue 6: one regional e-wallet/remitter's own ledger.

Written blind: only from ../shared/research/finance-text.md (indicators 1-14, typologies T1-T7,
design (d)), the issue's schema and the harness bench/finance_heldout.py (what it reads). Its
author did not read Jaga's finance code, its generator, its tests, the other held-out
generators or their results.

Modelling choices, deliberately different from a "whole world" simulation:

- One institution's view. The file is the ledger of a regional e-wallet with remittance
  partners and merchant acquiring, headquartered in Manila (customers in PH, TH and ID).
  Every row touches one of its customers or merchants. Its customers carry full KYC (name,
  sex, birth year, device); counterparties elsewhere are seen partially: remittance partners
  pass a name and their own customer reference (a sender using two partners shows up as two
  ids), foreign banks sometimes a name, card tokens nothing, crypto addresses nothing.
- Clocks and money as a ledger records them. The wallet's own rows carry its local time
  (+08:00); rows arriving through partner feeds carry UTC (+00:00). Senders live in real time
  zones with daylight saving (US, CA, EU, UK, south-east AU, NZ). Payers choose round amounts in
  their own currency, but half of the remittance partners report the payout in the receiver's
  currency: net of a fixed fee for some, after an FX spread, rounded to whole units. Mid rates
  drift a few per cent over the year.
- A calendar: paydays (15th/30th), 13th-month pay and Christmas remittances, Sunday offerings,
  Ramadan and Eid (ID customers), Songkran (TH), school enrolment (June, January), the typhoon
  season's charity spikes, tourist high season.
- Benign populations built from ordinary life, many of them look-alikes of one or more
  indicators: diaspora families (some mothers receive from several children in several
  countries), weekly small allowances from abroad, seafarer allotments, BPO/VA freelancers
  paid by several foreign clients, online sellers with @shop handles, gig riders, game
  streamers tipped from abroad, adult creators, charities and churches, medical crowdfunding
  bursts, child sponsors, tuition, romance-scam victims and scammers, foreign partners sending
  allowances, teenagers (with the odd burst of payments to a new seller), tourists and long-stay
  expats (hotels, ATMs, jewellery), crypto traders, VPN/dating subscriptions, account
  takeovers (a sudden drain at night to new payees), remitters silent for months who resume
  at Christmas.
- Planted T1-T7 with variation: consumers mostly but not all male, not all at night, ~12% of
  their payments outside the USD 10-200 band, round share varying per consumer, memos mostly
  empty; hubs that do not all cash out within 48 h (a quarter keep most of it), most with a
  household account (same surname, often the same phone) taking a share; syndicates
  (T3) with shared consumers, money mules that forward to the hub, hubs forwarding to a
  coordinator; travel (T4) by card in PH; sextortion (T5) of minors' accounts including a
  gift-card variant; crypto (T6) bought in-app and sent to shared site addresses; direct
  one-to-one payments (T7) to a young account; "lone" consumers paying once or twice.

Labels: tx_labels (usd, label_tx, label_typology) row-aligned with tx; accounts (account_id,
label, role, typology, population, hard_negative). Illicit rows are the abuse payments and the
movement of their proceeds (mule forwards, hub cash-outs within the 48 h after a payment,
coordinator collections, crypto purchase and sends, travel spending); accounts labelled 1 are
offenders, facilitators, mules, coordinators, site addresses and the children's/victims' own
accounts (T5, T7), which a bank wants surfaced too.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

import numpy as np
import polars as pl
from finance_heldout_gen import Generated

DAYS = 365
START = dt.datetime(2025, 7, 1, tzinfo=dt.UTC)
EPOCH = int(START.timestamp())
ILLICIT_SHARE = {"li": 0.0005, "hi": 0.002}
HOME_OFFSET = 8 * 3600  # the wallet's own clock, Asia/Manila

# currency, units per USD (mid, start of year), zero-decimal
CCY = {
    "USD": (1.0, False), "EUR": (0.92, False), "GBP": (0.79, False), "AUD": (1.52, False),
    "CAD": (1.37, False), "NZD": (1.66, False), "JPY": (150.0, True), "KRW": (1350.0, True),
    "SGD": (1.34, False), "HKD": (7.8, False), "SAR": (3.75, False), "AED": (3.67, False),
    "QAR": (3.64, False), "KWD": (0.307, False), "CHF": (0.88, False), "SEK": (10.5, False),
    "NOK": (10.7, False), "DKK": (6.9, False), "PHP": (57.0, False), "THB": (35.0, False),
    "IDR": (15800.0, True), "MYR": (4.5, False), "TWD": (32.0, False),
}  # fmt: skip
# country -> currency, [(zone, weight)]
COUNTRIES: dict[str, tuple[str, list[tuple[str, float]]]] = {
    "US": ("USD", [("America/New_York", .45), ("America/Chicago", .28),
                   ("America/Denver", .07), ("America/Los_Angeles", .20)]),
    "CA": ("CAD", [("America/Toronto", .6), ("America/Vancouver", .25),
                   ("America/Edmonton", .15)]),
    "GB": ("GBP", [("Europe/London", 1)]), "IE": ("EUR", [("Europe/Dublin", 1)]),
    "DE": ("EUR", [("Europe/Berlin", 1)]), "FR": ("EUR", [("Europe/Paris", 1)]),
    "NL": ("EUR", [("Europe/Amsterdam", 1)]), "IT": ("EUR", [("Europe/Rome", 1)]),
    "ES": ("EUR", [("Europe/Madrid", 1)]), "SE": ("SEK", [("Europe/Stockholm", 1)]),
    "NO": ("NOK", [("Europe/Oslo", 1)]), "DK": ("DKK", [("Europe/Copenhagen", 1)]),
    "CH": ("CHF", [("Europe/Zurich", 1)]), "GR": ("EUR", [("Europe/Athens", 1)]),
    "AU": ("AUD", [("Australia/Sydney", .4), ("Australia/Melbourne", .3),
                   ("Australia/Brisbane", .2), ("Australia/Perth", .1)]),
    "NZ": ("NZD", [("Pacific/Auckland", 1)]), "JP": ("JPY", [("Asia/Tokyo", 1)]),
    "KR": ("KRW", [("Asia/Seoul", 1)]), "SG": ("SGD", [("Asia/Singapore", 1)]),
    "HK": ("HKD", [("Asia/Hong_Kong", 1)]), "TW": ("TWD", [("Asia/Taipei", 1)]),
    "SA": ("SAR", [("Asia/Riyadh", 1)]), "AE": ("AED", [("Asia/Dubai", 1)]),
    "QA": ("QAR", [("Asia/Qatar", 1)]), "KW": ("KWD", [("Asia/Kuwait", 1)]),
    "MY": ("MYR", [("Asia/Kuala_Lumpur", 1)]), "PH": ("PHP", [("Asia/Manila", 1)]),
    "TH": ("THB", [("Asia/Bangkok", 1)]),
    "ID": ("IDR", [("Asia/Jakarta", .6), ("Asia/Makassar", .3), ("Asia/Jayapura", .1)]),
    "SC": ("USD", [("Indian/Mahe", 1)]),
}  # fmt: skip
CTRY = list(COUNTRIES)
CI = {c: i for i, c in enumerate(CTRY)}
ZONES = sorted({z for _, zs in COUNTRIES.values() for z, _ in zs})
ZI = {z: i for i, z in enumerate(ZONES)}
CCYS = list(CCY)
CCY_OF_CTRY = np.array([CCYS.index(COUNTRIES[c][0]) for c in CTRY])
ZERO_DEC = np.array([CCY[c][1] for c in CCYS])
CHANNELS = ("bank", "msb", "ewallet", "card", "p2p", "crypto", "other")
CH = {c: i for i, c in enumerate(CHANNELS)}

# Where foreign money comes from. OSAEC consumers: the note's item 3 (US ~50%, then UK, AU,
# CA, DE, JP, SG, FR, NL) plus Nordics. Diaspora workers: where OFWs and TH/ID workers are.
CONSUMER_CTRY = {"US": .42, "GB": .09, "AU": .1, "CA": .07, "DE": .05, "JP": .04, "SG": .03,
                 "FR": .03, "NL": .03, "SE": .03, "NO": .02, "DK": .01, "CH": .02, "SA": .02,
                 "AE": .02, "IE": .01, "NZ": .01}  # fmt: skip
WORKER_CTRY = {"SA": .17, "AE": .14, "US": .16, "SG": .06, "HK": .07, "QA": .05, "KW": .04,
               "JP": .05, "TW": .05, "KR": .04, "CA": .05, "GB": .03, "AU": .03, "IT": .03,
               "MY": .03}  # fmt: skip
WESTERN_CTRY = {"US": .45, "GB": .12, "AU": .14, "CA": .08, "DE": .05, "NL": .03, "FR": .03,
                "SE": .02, "NO": .02, "CH": .02, "NZ": .02, "IE": .02}  # fmt: skip
HOME_CTRY = {"PH": 0.75, "TH": 0.15, "ID": 0.10}

KIND = ("wallet", "partner", "fbank", "card", "merchant", "agent", "address", "dbank", "platform")
K = {k: i for i, k in enumerate(KIND)}

PH_SUR = [
    "Santos",
    "Reyes",
    "Cruz",
    "Bautista",
    "Garcia",
    "Mendoza",
    "Ramos",
    "Aquino",
    "Castillo",
    "Villanueva",
    "Dela_Cruz",
    "Gonzales",
    "Fernandez",
    "Lopez",
    "Torres",
    "Flores",
    "Rivera",
    "Navarro",
    "Domingo",
    "Mercado",
    "Soriano",
    "Pascual",
    "Manalo",
    "Santiago",
    "Tolentino",
    "Dizon",
    "Salazar",
    "Valdez",
    "Ocampo",
    "Panganiban",
    "Cabrera",
    "Lim",
    "Tan",
    "Go",
    "Sy",
    "Magbanua",
    "Alcantara",
    "Gutierrez",
    "Estrada",
    "Del_Rosario",
    "Villareal",
    "Macaraeg",
    "Abad",
    "Bernardo",
    "Javier",
    "Evangelista",
    "Samonte",
    "Dimaculangan",
    "Lacson",
    "Yap",
    "Padilla",
    "Agustin",
    "Manalastas",
    "Sarmiento",
    "Ilagan",
    "Gatdula",
]
TH_SUR = [
    "Saelim",
    "Srisuk",
    "Wongsawat",
    "Chaiyaporn",
    "Boonmee",
    "Kaewkla",
    "Suksawat",
    "Thongdee",
    "Phromma",
    "Rattanakorn",
    "Jaidee",
    "Somboon",
    "Intarasuk",
    "Charoenporn",
    "Kittisak",
]
ID_SUR = [
    "Santoso",
    "Wijaya",
    "Saputra",
    "Hidayat",
    "Siregar",
    "Nasution",
    "Kusuma",
    "Pratama",
    "Lestari",
    "Hakim",
    "Setiawan",
    "Gunawan",
    "Harahap",
    "Simanjuntak",
    "Wibowo",
]
WEST_SUR = [
    "Smith",
    "Johnson",
    "Brown",
    "Miller",
    "Wilson",
    "Taylor",
    "Anderson",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Hill",
    "Mueller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Jansen",
    "DeVries",
    "Bakker",
    "Andersson",
    "Johansson",
    "Nilsen",
    "Hansen",
    "Larsen",
    "Dubois",
    "Moreau",
    "Lefebvre",
    "Murphy",
    "Kelly",
    "OBrien",
    "Tanaka",
    "Suzuki",
    "Sato",
    "Kim",
    "Lee",
    "Park",
    "Wong",
    "Chan",
    "Ng",
    "MacDonald",
    "Campbell",
    "Stewart",
    "Thompson",
    "Robinson",
    "Evans",
    "Roberts",
    "Cooper",
]
SURNAMES = [s.replace("_", " ") for s in PH_SUR + TH_SUR + ID_SUR + WEST_SUR]
SUR_RANGE = {
    "PH": (0, len(PH_SUR)),
    "TH": (len(PH_SUR), len(PH_SUR) + len(TH_SUR)),
    "ID": (len(PH_SUR) + len(TH_SUR), len(PH_SUR) + len(TH_SUR) + len(ID_SUR)),
    "W": (len(SURNAMES) - len(WEST_SUR), len(SURNAMES)),
}
FIRST_M = [
    "Juan",
    "Jose",
    "Mark",
    "John",
    "Michael",
    "Paolo",
    "Carlo",
    "Angelo",
    "Rico",
    "Jerome",
    "Somchai",
    "Anan",
    "Budi",
    "Agus",
    "David",
    "James",
    "Robert",
    "William",
    "Richard",
    "Thomas",
    "Peter",
    "Paul",
    "Hans",
    "Lars",
    "Erik",
    "Kenji",
    "Daniel",
    "Steven",
    "Gary",
    "Brian",
    "Kevin",
    "Jason",
    "Anthony",
    "Christopher",
    "Andrew",
]
FIRST_F = [
    "Maria",
    "Ana",
    "Rosa",
    "Grace",
    "Joy",
    "Kristine",
    "Jennifer",
    "Mary_Ann",
    "Marites",
    "Liza",
    "Analyn",
    "Jocelyn",
    "Ploy",
    "Siriporn",
    "Nok",
    "Dewi",
    "Siti",
    "Sri",
    "Elizabeth",
    "Susan",
    "Linda",
    "Karen",
    "Sarah",
    "Emma",
    "Anna",
    "Laura",
    "Yuki",
    "Mina",
    "Jessa",
    "Angel",
    "Princess",
    "Cherry",
    "Lovely",
]
FIRST = [f.replace("_", " ") for f in FIRST_M + FIRST_F]
N_FIRST_M = len(FIRST_M)

# Memo vocabularies. Cover words (note item 6) appear in benign memos too: that is the point.
COVER = ["school", "uniform", "medical bills", "accommodation", "family support", "education",
         "for baby", "gift", "tuition", "pambili gatas", "pang-ospital", "para sa bata",
         "tabang", "uang sekolah", "bantuan keluarga", "for food", "load", "allowance",
         "ค่าเทอม", "help", "pang-baon", "rent", "bills"]  # fmt: skip
CHAT = ["hi", "ty", "for you", "thanks", "ok", "see you", "miss u", "<3", "as promised",
        "xoxo", "again", "tonight", "salamat", "kob khun"]  # fmt: skip
MEMO_FAMILY = ["padala", "for bills", "allowance", "tuition", "pang-gatas", "for mama",
               "kuryente", "para kay nanay", "birthday mo", "groceries", "monthly", "budget",
               "kiriman", "uang bulanan", "ส่งให้แม่", "rent", "load", "medicine"]  # fmt: skip
MEMO_XMAS = ["merry christmas", "noche buena", "pamasko", "13th month", "happy new year"]
MEMO_EID = ["THR lebaran", "selamat idul fitri", "zakat", "mudik"]
MEMO_SONGKRAN = ["songkran", "สงกรานต์", "for new year"]
MEMO_CHURCH = ["tithes", "love offering", "ikapu", "mission fund", "offering", "pledge",
               "building fund"]  # fmt: skip
MEMO_CHARITY = ["donation", "education fund", "feeding program", "typhoon relief",
                "scholarship", "medical mission", "for the kids", "relief goods"]  # fmt: skip
MEMO_MED = ["medical bills", "pang-ospital", "get well soon", "for chemo", "hospital",
            "operation", "dialysis", "laban lang"]  # fmt: skip
MEMO_SPONSOR = ["sponsorship", "school fees", "education", "for school", "monthly support",
                "uniform", "christmas gift"]  # fmt: skip
MEMO_WORK = ["invoice", "VA services", "weekly pay", "payout", "salary", "project fee",
             "retainer", "hours wk", "milestone"]  # fmt: skip
MEMO_SHOP = ["order", "cod", "payment", "thanks", "shipping", "pasabuy", "reseller"]
MEMO_TIP = ["gg", "love the stream", "tip", "donation", "support", "keep it up", "sub",
            "for the vtuber", "ty for the stream"]  # fmt: skip
MEMO_ROMANCE = ["for your hospital", "visa fee", "ticket", "customs fee", "for your mom",
                "i love you", "for us", "processing fee", "rent"]  # fmt: skip
MEMO_PARTNER = ["allowance", "for you babe", "rent", "for food", "love you", "groceries",
                "for the baby", "bills", "miss you"]  # fmt: skip
MEMO_P2P = ["utang", "bayad", "share", "kain", "pamasahe", "rent", "bills", "load", "salamat",
            "food", "gas", "baon", "hati", "ambag"]  # fmt: skip
MEMO_TEEN = ["load", "baon", "game", "for the concert", "ticket", "merch", "shirt", "gcash"]
MEMO_CASHOUT = ["cash out", "withdraw", "transfer to bank", "ATM"]

# Merchant categories (ISO 18245)
MCC = ["5411", "5812", "5814", "4900", "4814", "5999", "5816", "5815", "8220", "8062",
       "7011", "6011", "5944", "5945", "4511", "4816", "4899", "7273", "6051", "5311",
       "4121", "8398", "8661", "5912"]  # fmt: skip
M = {c: i for i, c in enumerate(MCC)}


class World:
    """Accounts and rows accumulated as numpy blocks; strings made once at the end."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.hard = 1.0  # scale of the look-alike sub-groups inside ordinary populations
        self.acc: dict[str, list[np.ndarray]] = defaultdict(list)
        self.acc_str: dict[str, list[str]] = {"population": [], "role": [], "typology": []}
        self.n_acc = 0
        self.rows: dict[str, list[np.ndarray]] = defaultdict(list)
        self.memos: list[str] = [""]
        self.memo_index: dict[str, int] = {"": 0}
        self.n_rows = 0
        self.off = np.zeros((len(ZONES), DAYS + 40), dtype=np.int64)
        for zi, z in enumerate(ZONES):
            tz = ZoneInfo(z)
            for d in range(DAYS + 40):
                t = START + dt.timedelta(days=d, hours=12)
                off = t.astimezone(tz).utcoffset()
                self.off[zi, d] = int(off.total_seconds()) if off else 0
        # FX drift: a slow random walk per currency, +-3% over the year.
        steps = rng.normal(0, 0.0016, (len(CCYS), DAYS + 40)).cumsum(axis=1)
        steps[CCYS.index("USD")] = 0
        self.fx = np.array([CCY[c][0] for c in CCYS])[:, None] * np.exp(np.clip(steps, -0.03, 0.03))
        wd = (np.arange(DAYS) + 1) % 7  # 2025-07-01 is a Tuesday: 0 = Monday
        self.weekday = wd
        self.dom = np.array([(START + dt.timedelta(days=int(d))).day for d in range(DAYS)])
        self.month = np.array([(START + dt.timedelta(days=int(d))).month for d in range(DAYS)])
        self.handles = [
            "@"
            + "".join(rng.choice(list("abcdefghijklmnoprstuvwy"), rng.integers(4, 9)))
            + ("" if rng.random() < 0.5 else str(rng.integers(1, 999)))
            for _ in range(3000)
        ]

    # -- calendar ---------------------------------------------------------------------------
    def day_weights(self, profile: str, home: str = "PH") -> np.ndarray:
        """Relative activity per day for a kind of payment (paydays, holidays, weekends)."""
        w = np.ones(DAYS)
        dom, mon, wd = self.dom, self.month, self.weekday
        d = np.arange(DAYS)
        xmas = (mon == 12) & (dom <= 24)
        if profile in ("remit", "retail", "p2p"):
            w *= 1 + 0.6 * np.isin(dom, (14, 15, 16, 29, 30, 31, 1))
            w *= 1 + (0.9 if profile == "remit" else 0.5) * xmas
        if profile in ("retail", "p2p"):
            w *= 1 + 0.3 * (wd >= 5)
        if profile == "church":
            w = 0.15 + 6 * (wd == 6) + 2 * ((mon == 12) & (dom >= 20))
        if profile == "school":
            w *= 1 + 4 * ((mon == 6) | (mon == 7)) + 2 * (mon == 1)
        if profile == "charity":
            w *= 1 + 1.5 * ((mon >= 9) & (mon <= 11)) + 1.2 * xmas
        if profile == "tourism":
            w *= 1 + 0.8 * ((mon <= 4) | (mon == 12))
        if profile == "work":
            w *= 0.2 + (wd < 5)
        if home == "ID":  # Ramadan 2026 ~ 18 Feb - 19 Mar, Eid ~ 20 Mar
            ram = (d >= 232) & (d <= 262)
            w *= 1 + 0.5 * ram + 2.5 * ((d >= 255) & (d <= 263))
        if home == "TH":  # Songkran 13-15 April
            w *= 1 + 2.0 * ((mon == 4) & (dom >= 9) & (dom <= 15))
        return w / w.sum()

    def days(self, n: int, profile: str, home: str = "PH") -> np.ndarray:
        return self.rng.choice(DAYS, size=n, p=self.day_weights(profile, home))

    def secs(self, n: int, kind: str | np.ndarray) -> np.ndarray:
        """Seconds after local midnight. kind: day, evening, night, office, any."""
        r = self.rng
        if isinstance(kind, np.ndarray):  # per-row probability of a night payment
            night = r.random(n) < kind
            out = self.secs(n, "day")
            out[night] = self.secs(int(night.sum()), "night")
            return out
        if kind == "night":  # 21:00-04:00, most around midnight
            h = (21 + r.gamma(2.2, 1.4, n)) % 28
            h = np.where(h > 28, 23.5, h)
            return ((h * 3600).astype(np.int64) + r.integers(0, 60, n)) % 86400
        if kind == "evening":
            h = np.clip(r.normal(19.5, 1.8, n), 16, 23.9)
        elif kind == "office":
            h = r.uniform(8.5, 18, n)
        elif kind == "any":
            h = np.clip(r.normal(14, 5, n), 0, 23.99)
        else:  # day
            h = np.clip(r.normal(13, 3.5, n), 6, 23.5)
        return (h * 3600).astype(np.int64) + r.integers(0, 60, n)

    # -- accounts ---------------------------------------------------------------------------
    def accounts(
        self,
        n: int,
        ctry: str | np.ndarray | dict[str, float],
        kind: str,
        population: str,
        role: str,
        *,
        label: int = 0,
        typology: str = "",
        hard: bool = False,
        male: float = 0.5,
        born: tuple[int, int] | None = (1965, 2003),
        surname: np.ndarray | str | None = None,
        ccy_mode: float = 0.5,
    ) -> np.ndarray:
        """n new accounts; returns their indices. Identity fields filled as far as seen."""
        r = self.rng
        if isinstance(ctry, dict):
            keys = list(ctry)
            p = np.array(list(ctry.values()))
            c = np.array([CI[k] for k in keys])[r.choice(len(keys), n, p=p / p.sum())]
        elif isinstance(ctry, str):
            c = np.full(n, CI[ctry])
        else:
            c = np.asarray(ctry)
        zone = np.empty(n, dtype=np.int64)
        for ci in np.unique(c):
            sel = c == ci
            zs = COUNTRIES[CTRY[ci]][1]
            zw = np.array([w for _, w in zs])
            zone[sel] = np.array([ZI[z] for z, _ in zs])[
                r.choice(len(zs), sel.sum(), p=zw / zw.sum())
            ]
        if isinstance(surname, np.ndarray):
            sur = surname
        else:
            group = surname or "auto"
            sur = np.empty(n, dtype=np.int64)
            for ci in np.unique(c):
                sel = c == ci
                g = group if group != "auto" else CTRY[ci] if CTRY[ci] in SUR_RANGE else "W"
                lo, hi = SUR_RANGE[g]
                sur[sel] = r.integers(lo, hi, sel.sum())
        is_m = r.random(n) < male
        first = np.where(is_m, r.integers(0, N_FIRST_M, n), r.integers(N_FIRST_M, len(FIRST), n))
        sex = np.where(is_m, 1, 2)
        by = r.integers(born[0], born[1] + 1, n) if born else np.zeros(n, dtype=np.int64)
        person = kind in ("wallet", "partner", "fbank", "card", "dbank")
        idx = np.arange(self.n_acc, self.n_acc + n)
        a = self.acc
        a["ctry"].append(c)
        a["zone"].append(zone)
        a["kind"].append(np.full(n, K[kind]))
        a["sur"].append(np.where(person, sur, -1))
        a["first"].append(first)
        a["sex"].append(sex if kind == "wallet" else np.zeros(n, dtype=np.int64))
        a["by"].append(by if kind == "wallet" else np.zeros(n, dtype=np.int64))
        a["device"].append(np.where(kind == "wallet", idx, -1))
        a["label"].append(np.full(n, label))
        a["hard"].append(np.full(n, hard))
        # how this counterparty's partner reports cross-border payments: payout currency?
        a["payout_ccy"].append(r.random(n) < ccy_mode)
        a["fee"].append(np.where(r.random(n) < 0.4, r.choice([2.99, 4.99, 1.99], n), 0.0))
        a["spread"].append(r.uniform(0.004, 0.025, n))
        a["utc_feed"].append(np.full(n, kind in ("partner", "platform", "fbank")))
        for key, val in (("population", population), ("role", role), ("typology", typology)):
            self.acc_str[key] += [val] * n
        self.n_acc += n
        return idx

    def col(self, name: str) -> np.ndarray:
        """An account column as one array (blocks concatenated, cached until more are added)."""
        arr = np.concatenate(self.acc[name])
        self.acc[name] = [arr]
        return arr

    def share_device(self, who: np.ndarray, owner: int) -> None:
        dev = self.col("device")
        dev[who] = dev[owner]

    def set_birth(self, who: np.ndarray, lo: int, hi: int, male: float) -> None:
        by, sex = self.col("by"), self.col("sex")
        by[who] = self.rng.integers(lo, hi + 1, len(who))
        sex[who] = np.where(self.rng.random(len(who)) < male, 1, 2)

    # -- rows -------------------------------------------------------------------------------
    def memo(self, words: list[str]) -> np.ndarray:
        out = []
        for w in words:
            if w not in self.memo_index:
                self.memo_index[w] = len(self.memos)
                self.memos.append(w)
            out.append(self.memo_index[w])
        return np.array(out, dtype=np.int64)

    def pick_memo(self, n: int, words: list[str], p_memo: float) -> np.ndarray:
        codes = self.memo(words)
        out = codes[self.rng.integers(0, len(codes), n)]
        return np.where(self.rng.random(n) < p_memo, out, 0)

    def utc(self, zone: np.ndarray, day: np.ndarray, sec: np.ndarray) -> np.ndarray:
        day = np.clip(day, 0, DAYS - 1)
        return EPOCH + day * 86400 + sec - self.off[zone, day]

    def emit(
        self,
        s: np.ndarray,
        r: np.ndarray,
        t: np.ndarray,
        usd: np.ndarray,
        channel: str | np.ndarray,
        *,
        memo: np.ndarray | None = None,
        mcc: str | np.ndarray | None = None,
        round_p: float | np.ndarray = 0.5,
        label: int = 0,
        typ: str = "",
        price_recv: bool = False,
    ) -> None:
        """Add rows: payer s pays receiver r about `usd` at UTC second t."""
        n = len(s)
        if n == 0:
            return
        end = EPOCH + DAYS * 86400
        t = np.asarray(t, dtype=np.int64)
        t = np.where(
            t < EPOCH, t + 86400, np.where(t >= end, t - 86400 * ((t - end) // 86400 + 1), t)
        )
        ch = np.full(n, CH[channel]) if isinstance(channel, str) else channel
        if mcc is None:
            mc = np.full(n, -1)
        elif isinstance(mcc, str):
            mc = np.full(n, M[mcc])
        else:
            mc = mcc
        rp = np.broadcast_to(np.asarray(round_p, dtype=float), (n,))
        R = self.rows
        R["s"].append(np.asarray(s, dtype=np.int64))
        R["r"].append(np.asarray(r, dtype=np.int64))
        R["t"].append(np.asarray(t, dtype=np.int64))
        R["usd"].append(np.maximum(np.asarray(usd, dtype=float), 0.3))
        R["ch"].append(ch)
        R["memo"].append(np.zeros(n, dtype=np.int64) if memo is None else memo)
        R["mcc"].append(mc)
        R["round"].append(self.rng.random(n) < rp)
        R["label"].append(np.full(n, label))
        R["typ"].append(np.full(n, int(typ[1]) if typ else 0))
        R["price_recv"].append(np.full(n, price_recv))
        self.n_rows += n

    def at(self, who: np.ndarray, day: np.ndarray, kind: str | np.ndarray) -> np.ndarray:
        """UTC seconds for payments made by `who` on local `day` at a local time of `kind`."""
        return self.utc(self.col("zone")[who], day, self.secs(len(who), kind))


def mcc_codes(mk: np.ndarray) -> np.ndarray:
    """Category strings to indices into MCC."""
    uniq, inv = np.unique(mk, return_inverse=True)
    return np.array([M[str(u)] for u in uniq], dtype=np.int64)[inv]


def lognorm(rng: np.random.Generator, median: float, sigma: float, n: int) -> np.ndarray:
    return median * np.exp(rng.normal(0, sigma, n))


def span_days(rng: np.random.Generator, n: int, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    """Start day and length of n activity periods of lo-hi days inside the year."""
    length = rng.integers(lo, hi + 1, n)
    length = np.minimum(length, DAYS)
    start = (rng.random(n) * (DAYS - length + 1)).astype(np.int64)
    return start, length


def in_span(rng: np.random.Generator, start: np.ndarray, length: np.ndarray) -> np.ndarray:
    return start + (rng.random(len(start)) * length).astype(np.int64)


# ---------------------------------------------------------------------------------------------
# Shared infrastructure: merchants, cash-out agents, payout platforms


MERCHANTS = (
    ("5411", 2500),
    ("5812", 1500),
    ("5814", 800),
    ("4900", 40),
    ("4814", 20),
    ("5999", 2000),
    ("5816", 60),
    ("5815", 30),
    ("8220", 300),
    ("8062", 150),
    ("7011", 500),
    ("6011", 700),
    ("5944", 120),
    ("5945", 150),
    ("5912", 400),
    ("5311", 100),
    ("4121", 10),
    ("6051", 6),
    ("8398", 60),
    ("8661", 200),
    ("agent", 900),
)


class Infra:
    """Merchants, cash-out agents and payout platforms, per home country of the wallet."""

    def __init__(self, w: World) -> None:
        self.w = w
        self.pool: dict[tuple[str, int], np.ndarray] = {}
        for m, n in MERCHANTS:
            pop = "cashout_agent" if m == "agent" else "merchant"
            for c, share in HOME_CTRY.items():
                self.pool[(m, CI[c])] = w.accounts(
                    max(3, int(n * share)),
                    c,
                    "agent" if m == "agent" else "merchant",
                    pop,
                    pop,
                    born=None,
                )
        self.foreign = {
            m: w.accounts(n, WESTERN_CTRY, "merchant", "merchant", "merchant", born=None)
            for m, n in (("4816", 25), ("4899", 20), ("7273", 15), ("4511", 30))
        }
        self.platforms = w.accounts(
            12,
            {"US": 0.6, "GB": 0.2, "AU": 0.2},
            "platform",
            "payout_platform",
            "platform",
            born=None,
        )
        self.gig = {
            CI[c]: w.accounts(3, c, "platform", "gig_platform", "platform", born=None)
            for c in HOME_CTRY
        }
        self.employers = {
            CI[c]: w.accounts(max(3, int(1500 * sh)), c, "dbank", "employer", "employer", born=None)
            for c, sh in HOME_CTRY.items()
        }

    def pick(self, key: str | np.ndarray, ctry: np.ndarray, first: int = 0) -> np.ndarray:
        """For each row a merchant of category `key` in the payer's country (PH if none)."""
        r = self.w.rng
        keys = np.broadcast_to(np.asarray(key), ctry.shape)
        out = np.empty(len(ctry), dtype=np.int64)
        for k in np.unique(keys):
            for c in np.unique(ctry[keys == k]):
                sel = (keys == k) & (ctry == c)
                pool = self.pool.get((str(k), int(c)), self.pool[(str(k), CI["PH"])])
                if first:
                    pool = pool[:first]
                out[sel] = pool[r.integers(0, len(pool), int(sel.sum()))]
        return out

    def local(self, table: dict[int, np.ndarray], ctry: np.ndarray) -> np.ndarray:
        r = self.w.rng
        out = np.empty(len(ctry), dtype=np.int64)
        for c in np.unique(ctry):
            sel = ctry == c
            pool = table.get(int(c), table[CI["PH"]])
            out[sel] = pool[r.integers(0, len(pool), int(sel.sum()))]
        return out

    def cash_out(
        self,
        holder: np.ndarray,
        t_in: np.ndarray,
        usd: np.ndarray,
        p: float | np.ndarray,
        hours: float,
        *,
        label: int = 0,
        typ: str = "",
    ) -> int:
        """Some inbound money leaves again soon: agent cash-out, ATM, or the holder's own bank."""
        w, r = self.w, self.w.rng
        go = r.random(len(holder)) < p
        h, t, u = holder[go], t_in[go], usd[go]
        n = len(h)
        delay = (r.exponential(hours, n) * 3600).astype(np.int64) + 300
        how = r.choice(3, n, p=[0.6, 0.25, 0.15])
        ctry = w.col("ctry")[h]
        rcv = np.where(how == 0, self.pick("agent", ctry), self.pick("6011", ctry))
        uniq, inv = np.unique(h[how == 2], return_inverse=True)
        if len(uniq):
            own = w.accounts(
                len(uniq),
                ctry[how == 2][np.unique(inv, return_index=True)[1]],
                "dbank",
                "own_bank",
                "own_account",
                surname=w.col("sur")[uniq],
                born=None,
            )
            rcv[how == 2] = own[inv]
        ch = np.array([CH["other"], CH["card"], CH["bank"]])[how]
        w.emit(
            h,
            rcv,
            t + delay,
            u * r.uniform(0.8, 1.0, n),
            ch,
            memo=w.pick_memo(n, MEMO_CASHOUT, 0.3),
            mcc=np.where(how == 1, M["6011"], -1),
            round_p=0.9,
            label=label,
            typ=typ,
        )
        return n


def customers(w: World, n: int, pop: str, role: str = "customer", **kw: object) -> np.ndarray:
    return w.accounts(n, kw.pop("ctry", HOME_CTRY), "wallet", pop, role, **kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Benign populations. Each takes a row budget and returns nothing; rows go to the world.


def everyday(
    w: World, inf: Infra, holders: np.ndarray, n_rows: int, profile: str = "retail"
) -> None:
    """Ordinary spending of the given customers: groceries, food, bills, load, pharmacy."""
    if n_rows <= 0 or len(holders) == 0:
        return
    r = w.rng
    who = holders[r.integers(0, len(holders), n_rows)]
    kinds = np.array(["5411", "5812", "5814", "4900", "4814", "5999", "5912", "5311", "4121"])
    pk = np.array([0.25, 0.15, 0.14, 0.06, 0.14, 0.12, 0.06, 0.04, 0.04])
    mk = kinds[r.choice(len(kinds), n_rows, p=pk)]
    recv = inf.pick(mk, w.col("ctry")[who])
    usd = lognorm(r, 9, 0.9, n_rows) * np.where(np.isin(mk, ("4900",)), 5, 1)
    w.emit(
        who,
        recv,
        w.at(who, w.days(n_rows, profile), "day"),
        usd,
        "ewallet",
        mcc=mcc_codes(mk),
        round_p=0.25,
        price_recv=True,
    )


def pop_domestic(w: World, inf: Infra, n_rows: int) -> None:
    """Friends and family paying each other inside the country (the bulk of a wallet)."""
    r = w.rng
    n_c = max(50, n_rows // 9)
    c = customers(w, n_c, "domestic_p2p")
    ctry = w.col("ctry")[c]
    half = n_rows // 2
    # p2p: mostly to a small circle of people in the same country
    s = c[r.integers(0, n_c, half)]
    rcv = np.empty(half, dtype=np.int64)
    cs = ctry[s - c[0]]
    for ci in np.unique(ctry):
        members = c[ctry == ci]
        sel = cs == ci
        pos = np.searchsorted(members, s[sel])
        rcv[sel] = members[(pos + r.integers(1, 40, int(sel.sum()))) % len(members)]
    keep = rcv != s
    s, rcv = s[keep], rcv[keep]
    w.emit(
        s,
        rcv,
        w.at(s, w.days(len(s), "p2p"), "any"),
        lognorm(r, 12, 1.0, len(s)),
        np.where(r.random(len(s)) < 0.85, CH["ewallet"], CH["bank"]),
        memo=w.pick_memo(len(s), MEMO_P2P, 0.45),
        round_p=0.6,
    )
    everyday(w, inf, c, n_rows - len(s) - n_rows // 12)
    # salaries from employers, then cash-outs
    k = n_rows // 24
    rc = c[r.integers(0, n_c, k)]
    emp = inf.local(inf.employers, w.col("ctry")[rc])
    day = np.clip(
        np.where(r.random(k) < 0.5, 14, 29) + r.integers(-1, 2, k) + 30 * r.integers(0, 12, k),
        0,
        DAYS - 1,
    )
    t = w.at(rc, day, "office")
    usd = lognorm(r, 260, 0.5, k)
    w.emit(emp, rc, t, usd, "bank", memo=w.pick_memo(k, ["salary", "payroll"], 0.8), round_p=0.3)
    inf.cash_out(rc, t, usd * 0.4, 0.95, 30)


def pop_family(w: World, inf: Infra, n_rows: int) -> None:
    """Diaspora remittances: monthly around paydays, surnames shared, money picked up fast.

    A quarter of receiving mothers get money from 2-5 children in several countries (many
    foreign senders, one receiver), and a few accounts sleep for months, waking at Christmas.
    """
    r = w.rng
    n_fam = max(20, n_rows // 28)
    mother = customers(w, n_fam, "family_remittance", "recipient", born=(1950, 1980), male=0.2)
    w.col("ctry")[mother]
    sur = w.col("sur")[mother]
    multi = r.random(n_fam) < 0.25 * min(1.0, w.hard)
    hard = w.col("hard")
    hard[mother[multi]] = True
    n_kids = np.where(multi, r.integers(2, 6, n_fam), 1)
    fam = np.repeat(np.arange(n_fam), n_kids)
    kid_ctry = np.array([CI[k] for k in WORKER_CTRY])[
        r.choice(len(WORKER_CTRY), len(fam), p=np.array(list(WORKER_CTRY.values())))
    ]
    kid = w.accounts(
        len(fam), kid_ctry, "partner", "family_remittance", "sender", surname=sur[fam], born=None
    )
    w.col("kind")[kid[r.random(len(fam)) < 0.2]] = K["fbank"]
    w.col("hard")[kid[multi[fam]]] = True
    # months active; a payment per month (some twice), at a payday
    per = np.where(r.random(len(fam)) < 0.2, 2, 1)
    dormant = r.random(len(fam)) < 0.04
    first_m = np.where(dormant, 5, r.integers(0, 3, len(fam)))
    months = 12 - first_m
    k = months * per
    idx = np.repeat(np.arange(len(fam)), k)
    j = np.arange(len(idx)) - np.repeat(np.cumsum(k) - k, k)
    month = first_m[idx] + j // per[idx]
    payday = np.where(r.random(len(idx)) < 0.5, 15, 29) + r.integers(-2, 3, len(idx))
    day = month * 30.4 + payday
    s, rcv = kid[idx], mother[fam[idx]]
    base = lognorm(r, 220, 0.55, len(fam))
    usd = base[idx] * lognorm(r, 1, 0.2, len(idx))
    xmas = (day >= 153) & (day <= 176)
    usd = np.where(xmas, usd * r.uniform(1.3, 2.5, len(idx)), usd)
    memo = np.where(
        xmas & (r.random(len(idx)) < 0.4),
        w.pick_memo(len(idx), MEMO_XMAS, 1),
        w.pick_memo(len(idx), MEMO_FAMILY, 0.5),
    )
    ch = np.where(w.col("kind")[s] == K["partner"], CH["msb"], CH["bank"])
    t = w.at(s, day.astype(np.int64), "evening")
    w.emit(s, rcv, t, usd, ch, memo=memo, round_p=0.8)
    # Christmas extra gifts to siblings (new receivers, same surname)
    # recipients cash out most of it within a day or two (rural pickup)
    inf.cash_out(rcv, t, usd, 0.65, 20)
    rest = n_rows - len(idx) * 2
    everyday(w, inf, mother, rest)


def pop_small_allowance(w: World, inf: Infra, n_rows: int) -> None:
    """OFWs sending a sibling or child a small weekly allowance (USD 20-60), often evenings."""
    r = w.rng
    n = max(10, n_rows // 60)
    rc = customers(w, n, "small_allowance", "recipient", hard=True, born=(1995, 2007))
    sur = w.col("sur")[rc]
    n_rcv = np.where(r.random(n) < 0.2, 2, 1)
    s = w.accounts(
        n, WORKER_CTRY, "partner", "small_allowance", "sender", hard=True, surname=sur, born=None
    )
    k = r.integers(20, 52, n)
    idx = np.repeat(np.arange(n), k)
    start, length = span_days(r, n, 200, 365)
    day = in_span(r, start[idx], length[idx])
    second = (n_rcv[idx] == 2) & (r.random(len(idx)) < 0.4)
    rcv = rc[idx].copy()
    sib = customers(w, n, "small_allowance", "recipient", hard=True, surname=sur, born=(1995, 2008))
    rcv[second] = sib[idx[second]]
    usd = r.choice([20, 25, 30, 40, 50, 60], n)[idx] * lognorm(r, 1, 0.08, len(idx))
    t = w.at(s[idx], day, np.full(len(idx), 0.35))
    w.emit(
        s[idx],
        rcv,
        t,
        usd,
        "msb",
        memo=w.pick_memo(
            len(idx), ["baon", "load", "allowance", "pang-baon", "for school", "kain"], 0.5
        ),
        round_p=0.85,
    )
    inf.cash_out(rcv, t, usd, 0.5, 12)
    everyday(w, inf, np.concatenate([rc, sib]), n_rows - 2 * len(idx))


def pop_seafarers(w: World, inf: Infra, n_rows: int) -> None:
    """Manning agencies abroad paying monthly allotments to seafarers' families (fan-out)."""
    r = w.rng
    n = max(10, n_rows // 14)
    agency = w.accounts(
        8,
        {"NO": 0.3, "GR": 0.3, "SG": 0.2, "HK": 0.2},
        "fbank",
        "seafarer",
        "manning_agency",
        born=None,
    )
    rc = customers(w, n, "seafarer", "allotment_recipient", born=(1960, 1995), male=0.2)
    ag = agency[r.integers(0, 8, n)]
    idx = np.repeat(np.arange(n), 12)
    day = (np.arange(len(idx)) % 12) * 30.4 + 5 + r.integers(0, 3, len(idx))
    usd = lognorm(r, 700, 0.4, n)[idx]
    t = w.at(ag[idx], day.astype(np.int64), "office")
    w.emit(
        ag[idx],
        rc[idx],
        t,
        usd,
        "bank",
        memo=w.pick_memo(len(idx), ["allotment", "salary"], 0.9),
        round_p=0.2,
    )
    inf.cash_out(rc[idx], t, usd * 0.5, 0.6, 40)
    everyday(w, inf, rc, n_rows - 2 * len(idx))


def pop_freelancers(w: World, inf: Infra, n_rows: int) -> None:
    """BPO / virtual assistants paid by 1-6 foreign clients, directly or via a platform."""
    r = w.rng
    n = max(10, n_rows // 45)
    va = customers(w, n, "bpo_va", "freelancer", hard=True, born=(1985, 2002), male=0.45)
    n_cl = r.integers(1, 7, n)
    idx_c = np.repeat(np.arange(n), n_cl)
    client = w.accounts(len(idx_c), WESTERN_CTRY, "fbank", "bpo_va", "client", hard=True, born=None)
    k = r.integers(4, 26, len(idx_c))
    j = np.repeat(np.arange(len(idx_c)), k)
    start, length = span_days(r, len(idx_c), 60, 365)
    day = in_span(r, start[j], length[j])
    via = r.random(len(idx_c)) < 0.5
    s = np.where(via[j], inf.platforms[r.integers(0, len(inf.platforms), len(j))], client[j])
    usd = lognorm(r, 300, 0.6, len(idx_c))[j] * lognorm(r, 1, 0.1, len(j))
    t = w.at(s, day, "office")
    w.emit(
        s,
        va[idx_c[j]],
        t,
        usd,
        np.where(via[j], CH["p2p"], CH["bank"]),
        memo=w.pick_memo(len(j), MEMO_WORK, 0.6),
        round_p=0.7,
    )
    inf.cash_out(va[idx_c[j]], t, usd, 0.55, 24)
    everyday(w, inf, va, n_rows - 2 * len(j))


def pop_sellers(w: World, inf: Infra, n_rows: int) -> None:
    """Online sellers: many small domestic buyers, @shop handles, money out to suppliers."""
    r = w.rng
    n = max(10, n_rows // 120)
    sel = customers(w, n, "online_seller", "seller", hard=True, born=(1980, 2003), male=0.35)
    handle = w.memo([w.handles[i] for i in r.integers(0, len(w.handles), n)])
    buyers = customers(w, n_rows // 10, "online_seller", "buyer")
    k = n_rows * 7 // 10
    i = r.integers(0, n, k)
    b = buyers[r.integers(0, len(buyers), k)]
    ok = w.col("ctry")[b] == w.col("ctry")[sel[i]]
    i, b = i[ok], b[ok]
    memo = np.where(r.random(len(i)) < 0.35, handle[i], w.pick_memo(len(i), MEMO_SHOP, 0.4))
    t = w.at(b, w.days(len(i), "retail"), "any")
    usd = lognorm(r, 9, 0.7, len(i))
    w.emit(b, sel[i], t, usd, "ewallet", memo=memo, round_p=0.3)
    sup = customers(w, n // 2 + 1, "online_seller", "supplier")
    m = n_rows // 6
    ii = r.integers(0, n, m)
    w.emit(
        sel[ii],
        sup[ii % len(sup)],
        w.at(sel[ii], w.days(m, "work"), "office"),
        lognorm(r, 120, 0.8, m),
        "bank",
        memo=w.pick_memo(m, ["stocks", "restock", "supplies"], 0.5),
        round_p=0.5,
    )
    inf.cash_out(sel[i], t, usd, 0.15, 48)


def pop_gig(w: World, inf: Infra, n_rows: int) -> None:
    """Riders paid weekly by a platform, cashing out almost at once."""
    r = w.rng
    n = max(10, n_rows // 70)
    rider = customers(w, n, "gig_worker", "rider", born=(1980, 2004), male=0.85)
    k = r.integers(10, 52, n)
    idx = np.repeat(np.arange(n), k)
    day = (
        (np.arange(len(idx)) - np.repeat(np.cumsum(k) - k, k)) * 7 + r.integers(0, 7, n)[idx]
    ) % DAYS
    t = w.at(rider[idx], day, "office")
    usd = lognorm(r, 55, 0.5, len(idx))
    w.emit(
        inf.local(inf.gig, w.col("ctry")[rider[idx]]),
        rider[idx],
        t,
        usd,
        "ewallet",
        memo=w.pick_memo(len(idx), ["weekly payout", "earnings", "incentive"], 0.9),
        round_p=0.05,
    )
    inf.cash_out(rider[idx], t, usd, 0.85, 6)
    everyday(w, inf, rider, n_rows - 2 * len(idx))


def fan_in(
    w: World,
    inf: Infra,
    n_rows: int,
    pop: str,
    role: str,
    fan_role: str,
    *,
    per_hub: tuple[int, int],
    pays: tuple[int, int],
    usd: tuple[float, float],
    round_p: float,
    night: float,
    memos: list[str],
    p_memo: float,
    handle_p: float,
    channel: str,
    ctry: dict[str, float],
    cash_p: float,
    male_fans: float,
    born: tuple[int, int] = (1985, 2004),
    male: float = 0.4,
    fan_kind: str = "partner",
    profile: str = "flat",
) -> np.ndarray:
    """Many foreign payers to one local account: the generic benign look-alike of item 5."""
    r = w.rng
    mean_rows = (per_hub[0] + per_hub[1]) / 2 * (pays[0] + pays[1]) / 2 * (1 + cash_p)
    n = max(3, int(n_rows / mean_rows))
    hub = customers(w, n, pop, role, hard=True, born=born, male=male)
    nf = r.integers(per_hub[0], per_hub[1] + 1, n)
    hi = np.repeat(np.arange(n), nf)
    fan = w.accounts(len(hi), ctry, fan_kind, pop, fan_role, hard=True, male=male_fans, born=None)
    k = r.integers(pays[0], pays[1] + 1, len(hi))
    j = np.repeat(np.arange(len(hi)), k)
    if profile == "flat":
        start, length = span_days(r, len(hi), 20, 365)
        day = in_span(r, start[j], length[j])
    else:
        day = w.days(len(j), profile)
    base = np.exp(r.uniform(np.log(usd[0]), np.log(usd[1]), len(hi)))
    amount = base[j] * lognorm(r, 1, 0.15, len(j))
    handle = w.memo([w.handles[i] for i in r.integers(0, len(w.handles), n)])
    memo = np.where(r.random(len(j)) < handle_p, handle[hi[j]], w.pick_memo(len(j), memos, p_memo))
    s = fan[j]
    t = w.at(s, day, np.full(len(j), night))
    w.emit(s, hub[hi[j]], t, amount, channel, memo=memo, round_p=round_p)
    inf.cash_out(hub[hi[j]], t, amount, cash_p, 20)
    return hub


def pop_creators(w: World, inf: Infra, n_rows: int) -> None:
    """Game streamers and VTubers tipped by viewers abroad, small amounts, any hour."""
    hub = fan_in(
        w,
        inf,
        int(n_rows * 0.85),
        "creator",
        "creator",
        "viewer",
        per_hub=(8, 60),
        pays=(1, 8),
        usd=(3, 40),
        round_p=0.75,
        night=0.45,
        memos=MEMO_TIP,
        p_memo=0.4,
        handle_p=0.15,
        channel="p2p",
        ctry=WESTERN_CTRY | {"JP": 0.1, "SG": 0.05},
        cash_p=0.5,
        male_fans=0.8,
        male=0.7,
        fan_kind="card",
    )
    everyday(w, inf, hub, int(n_rows * 0.15))


def pop_adult_creators(w: World, inf: Infra, n_rows: int) -> None:
    """Adult creators (21+) paid by subscribers abroad: round monthly sums, late at night."""
    hub = fan_in(
        w,
        inf,
        int(n_rows * 0.85),
        "adult_creator",
        "creator",
        "subscriber",
        per_hub=(6, 40),
        pays=(1, 10),
        usd=(10, 80),
        round_p=0.85,
        night=0.6,
        memos=[*CHAT, "sub", "custom", "private show"],
        p_memo=0.3,
        handle_p=0.2,
        channel="p2p",
        ctry=CONSUMER_CTRY,
        cash_p=0.7,
        male_fans=0.95,
        born=(1985, 2003),
        male=0.1,
        fan_kind="partner",
    )
    everyday(w, inf, hub, int(n_rows * 0.15))


def pop_romance(w: World, inf: Infra, n_rows: int) -> None:
    """Romance-scam victims abroad sending escalating sums to a scammer account here."""
    r = w.rng
    n = max(3, n_rows // 70)
    sc = customers(w, n, "romance_scammer", "scammer", hard=True, born=(1985, 2002), male=0.5)
    nv = r.integers(2, 9, n)
    hi = np.repeat(np.arange(n), nv)
    v = w.accounts(
        len(hi), WESTERN_CTRY, "partner", "romance_victim", "victim", hard=True, born=None, male=0.6
    )
    k = r.integers(3, 14, len(hi))
    j = np.repeat(np.arange(len(hi)), k)
    step = np.arange(len(j)) - np.repeat(np.cumsum(k) - k, k)
    start = r.integers(0, 250, len(hi))
    day = start[j] + step * r.integers(4, 14, len(j))
    usd = 60 * (1.45**step) * lognorm(r, 1, 0.3, len(j))
    usd = np.minimum(usd, 5000)
    t = w.at(v[j], day, "evening")
    w.emit(
        v[j],
        sc[hi[j]],
        t,
        usd,
        np.where(r.random(len(j)) < 0.8, CH["msb"], CH["bank"]),
        memo=w.pick_memo(len(j), MEMO_ROMANCE, 0.6),
        round_p=0.9,
    )
    inf.cash_out(sc[hi[j]], t, usd, 0.85, 10)


def pop_partners(w: World, inf: Infra, n_rows: int) -> None:
    """Foreign boyfriends supporting a partner: biweekly allowances, a few support two women."""
    r = w.rng
    n = max(5, n_rows // 40)
    bf = w.accounts(
        n, WESTERN_CTRY, "partner", "partner_support", "sender", hard=True, male=0.97, born=None
    )
    two = r.random(n) < 0.12
    gf = customers(w, n, "partner_support", "recipient", hard=True, born=(1980, 2004), male=0.05)
    gf2 = customers(
        w, int(two.sum()), "partner_support", "recipient", hard=True, born=(1980, 2004), male=0.05
    )
    second = np.full(n, -1)
    second[two] = gf2
    k = r.integers(8, 30, n)
    j = np.repeat(np.arange(n), k)
    start, length = span_days(r, n, 90, 365)
    day = in_span(r, start[j], length[j])
    rc = np.where((second[j] >= 0) & (r.random(len(j)) < 0.4), second[j], gf[j])
    small = r.random(n) < 0.3
    usd = np.where(small[j], r.choice([20, 30, 50], len(j)), r.choice([100, 150, 200, 300], len(j)))
    usd = usd * lognorm(r, 1, 0.05, len(j))
    t = w.at(bf[j], day, np.full(len(j), 0.4))
    w.emit(bf[j], rc, t, usd, "msb", memo=w.pick_memo(len(j), MEMO_PARTNER, 0.5), round_p=0.9)
    inf.cash_out(rc, t, usd, 0.6, 20)
    everyday(w, inf, np.concatenate([gf, gf2]), n_rows - 2 * len(j))


def pop_sponsors(w: World, inf: Infra, n_rows: int) -> None:
    """Child sponsors abroad paying a fixed monthly sum to 1-3 unrelated guardians."""
    r = w.rng
    n = max(5, n_rows // 16)
    sp = w.accounts(n, WESTERN_CTRY, "fbank", "sponsor", "sponsor", hard=True, male=0.5, born=None)
    nk = np.where(r.random(n) < 0.25, r.integers(2, 4, n), 1)
    hi = np.repeat(np.arange(n), nk)
    g = customers(w, len(hi), "sponsor", "guardian", hard=True, born=(1970, 1995), male=0.2)
    idx = np.repeat(np.arange(len(hi)), 12)
    day = (np.arange(len(idx)) % 12) * 30.4 + r.integers(1, 6, len(hi))[idx]
    usd = r.choice([25, 30, 35, 40, 45, 50], len(hi))[idx] * 1.0
    usd[(day > 150) & (day < 176) & (r.random(len(idx)) < 0.5)] *= 2
    s = sp[hi[idx]]
    t = w.at(s, day.astype(np.int64), "evening")
    w.emit(
        s,
        g[idx],
        t,
        usd,
        np.where(r.random(len(idx)) < 0.6, CH["bank"], CH["msb"]),
        memo=w.pick_memo(len(idx), MEMO_SPONSOR, 0.7),
        round_p=1.0,
    )
    inf.cash_out(g[idx], t, usd, 0.6, 30)


def pop_charity(w: World, inf: Infra, n_rows: int) -> None:
    """Charities with foreign and local donors; churches with Sunday offerings."""
    r = w.rng
    hub = fan_in(
        w,
        inf,
        int(n_rows * 0.45),
        "charity",
        "charity",
        "donor",
        per_hub=(30, 200),
        pays=(1, 4),
        usd=(10, 120),
        round_p=0.9,
        night=0.25,
        memos=MEMO_CHARITY,
        p_memo=0.6,
        handle_p=0,
        channel="p2p",
        ctry=WESTERN_CTRY | WORKER_CTRY,
        cash_p=0.2,
        male_fans=0.5,
        fan_kind="fbank",
        profile="charity",
    )
    del hub
    n_ch = max(3, n_rows // 2000)
    ch = customers(w, n_ch, "church", "church", hard=True, born=None)
    k = n_rows // 2
    members = customers(w, max(10, k // 15), "church", "member", born=(1950, 2005))
    m = members[r.integers(0, len(members), k)]
    c = ch[(m - members[0]) % n_ch]
    ok = w.col("ctry")[m] == w.col("ctry")[c]
    m, c = m[ok], c[ok]
    w.emit(
        m,
        c,
        w.at(m, w.days(len(m), "church"), "day"),
        r.choice([2, 4, 9, 18, 35], len(m)) * 1.0,
        "ewallet",
        memo=w.pick_memo(len(m), MEMO_CHURCH, 0.6),
        round_p=1.0,
        price_recv=True,
    )
    ofw = w.accounts(max(3, n_ch * 5), WORKER_CTRY, "partner", "church", "member_abroad", born=None)
    kk = n_rows // 20
    o = ofw[r.integers(0, len(ofw), kk)]
    cc = ch[r.integers(0, n_ch, kk)]
    w.emit(
        o,
        cc,
        w.at(o, w.days(kk, "church"), "evening"),
        r.choice([20, 50, 100], kk) * 1.0,
        "msb",
        memo=w.pick_memo(kk, MEMO_CHURCH, 0.7),
        round_p=1.0,
    )


def pop_medical(w: World, inf: Infra, n_rows: int) -> None:
    """Medical crowdfunding: a 1-4 week burst of many givers, then a hospital payment."""
    r = w.rng
    n = max(3, n_rows // 70)
    pt = customers(w, n, "medical_crowdfund", "organiser", hard=True, born=(1960, 2000))
    ng = r.integers(15, 90, n)
    hi = np.repeat(np.arange(n), ng)
    abroad = r.random(len(hi)) < 0.45
    dom = customers(w, len(hi), "medical_crowdfund", "giver", ctry=w.col("ctry")[pt[hi]])
    frn = w.accounts(
        len(hi),
        WORKER_CTRY | WESTERN_CTRY,
        "partner",
        "medical_crowdfund",
        "giver",
        hard=True,
        born=None,
    )
    giver = np.where(abroad, frn, dom)
    start = r.integers(0, DAYS - 30, n)
    day = start[hi] + r.gamma(1.5, 5, len(hi)).astype(np.int64)
    usd = r.choice([5, 10, 20, 50, 100], len(hi)) * lognorm(r, 1, 0.05, len(hi))
    t = w.at(giver, day, "any")
    w.emit(
        giver,
        pt[hi],
        t,
        usd,
        np.where(abroad, CH["msb"], CH["ewallet"]),
        memo=w.pick_memo(len(hi), MEMO_MED, 0.6),
        round_p=0.9,
    )
    nh = r.integers(1, 4, n)
    j = np.repeat(np.arange(n), nh)
    w.emit(
        pt[j],
        inf.pick("8062", w.col("ctry")[pt[j]]),
        w.at(pt[j], start[j] + r.integers(3, 30, len(j)), "office"),
        lognorm(r, 800, 0.6, len(j)),
        "ewallet",
        mcc="8062",
        round_p=0.2,
        price_recv=True,
    )
    inf.cash_out(pt[hi], t, usd, 0.4, 24)


def pop_tuition(w: World, inf: Infra, n_rows: int) -> None:
    """Parents paying schools at enrolment, and students abroad receiving from parents."""
    r = w.rng
    n = n_rows // 2
    par = customers(w, max(5, n // 3), "tuition", "parent", born=(1965, 1990))
    p = par[r.integers(0, len(par), n)]
    w.emit(
        p,
        inf.pick("8220", w.col("ctry")[p]),
        w.at(p, w.days(n, "school"), "office"),
        lognorm(r, 350, 0.7, n),
        np.where(r.random(n) < 0.6, CH["ewallet"], CH["bank"]),
        memo=w.pick_memo(n, ["tuition", "enrolment", "misc fees", "school fees"], 0.8),
        mcc="8220",
        round_p=0.4,
        price_recv=True,
    )
    # international students here, paid monthly by parents abroad (surname shared)
    ns = int(n / 14 * min(1.0, w.hard))
    st = customers(w, ns, "student", "student", hard=True, born=(1999, 2007))
    pa = w.accounts(
        ns,
        {"KR": 0.4, "JP": 0.2, "US": 0.2, "TW": 0.2},
        "fbank",
        "student",
        "parent",
        hard=True,
        surname=w.col("sur")[st],
        born=None,
    )
    idx = np.repeat(np.arange(ns), 12)
    day = (np.arange(len(idx)) % 12) * 30.4 + r.integers(0, 28, ns)[idx]
    usd = lognorm(r, 450, 0.4, ns)[idx]
    t = w.at(pa[idx], day.astype(np.int64), "evening")
    w.emit(
        pa[idx],
        st[idx],
        t,
        usd,
        "bank",
        memo=w.pick_memo(len(idx), ["living expenses", "school", "rent", "allowance"], 0.5),
        round_p=0.7,
    )
    inf.cash_out(st[idx], t, usd * 0.5, 0.5, 30)
    everyday(w, inf, st, n - 2 * len(idx))


def pop_teens(w: World, inf: Infra, n_rows: int) -> None:
    """Minors' accounts: allowance from a parent, games, load; some buy tickets in a burst."""
    r = w.rng
    n = max(10, n_rows // 30)
    teen = customers(w, n, "teenager", "teen", born=(2008, 2012), male=0.5)
    par = customers(w, n, "teenager", "parent", surname=w.col("sur")[teen], born=(1970, 1990))
    k = r.integers(5, 25, n)
    j = np.repeat(np.arange(n), k)
    t = w.at(par[j], w.days(len(j), "p2p"), "day")
    w.emit(
        par[j],
        teen[j],
        t,
        r.choice([2, 4, 5, 9, 18], len(j)) * 1.0,
        "ewallet",
        memo=w.pick_memo(len(j), ["baon", "load", "allowance", "pamasahe"], 0.5),
        round_p=1.0,
        price_recv=True,
    )
    m = n_rows - 2 * len(j)
    who = teen[r.integers(0, n, max(0, m))]
    mk = np.where(
        r.random(len(who)) < 0.5, "5816", np.where(r.random(len(who)) < 0.5, "4814", "5814")
    )
    rcv = inf.pick(mk, w.col("ctry")[who])
    w.emit(
        who,
        rcv,
        w.at(who, w.days(len(who), "retail"), np.full(len(who), 0.25)),
        lognorm(r, 4, 0.7, len(who)),
        "ewallet",
        mcc=mcc_codes(mk),
        memo=w.pick_memo(len(who), MEMO_TEEN, 0.3),
        round_p=0.6,
        price_recv=True,
    )
    # bursts: 2-5 payments within a day to a new seller (concert tickets, merch)
    nb = int(n / 12 * min(1.0, w.hard))
    bt = teen[r.choice(n, nb, replace=False)]
    w.col("hard")[bt] = True
    seller = customers(
        w, max(2, nb // 4), "teenager", "ticket_seller", hard=True, born=(1990, 2004)
    )
    kb = r.integers(2, 6, nb)
    jb = np.repeat(np.arange(nb), kb)
    day = r.integers(0, DAYS, nb)[jb]
    t = w.at(bt[jb], day, "evening") + r.integers(0, 6 * 3600, len(jb))
    sl = seller[r.integers(0, len(seller), nb)][jb]
    ok = w.col("ctry")[sl] == w.col("ctry")[bt[jb]]
    w.emit(
        bt[jb][ok],
        sl[ok],
        t[ok],
        lognorm(r, 25, 0.6, len(jb))[ok],
        "ewallet",
        memo=w.pick_memo(int(ok.sum()), MEMO_TEEN, 0.5),
        round_p=0.6,
        price_recv=True,
    )


def pop_tourists(w: World, inf: Infra, n_rows: int) -> None:
    """Tourists and long-stay expats by card here: hotels, ATMs, jewellery, gifts, food."""
    r = w.rng
    n = max(5, n_rows // 14)
    tok = w.accounts(
        n,
        CONSUMER_CTRY | {"KR": 0.15, "JP": 0.1},
        "card",
        "tourist",
        "tourist",
        hard=True,
        born=None,
        male=0.6,
    )
    stay = np.where(r.random(n) < 0.15, r.integers(30, 120, n), r.integers(4, 15, n))
    start = w.days(n, "tourism")
    k = np.maximum(2, (stay * r.uniform(1.0, 2.2, n)).astype(np.int64))
    j = np.repeat(np.arange(n), k)
    day = start[j] + (r.random(len(j)) * stay[j]).astype(np.int64)
    kinds = np.array(["7011", "6011", "5812", "5944", "5945", "5411", "5999", "4121"])
    mk = kinds[r.choice(len(kinds), len(j), p=[0.12, 0.18, 0.3, 0.03, 0.04, 0.13, 0.15, 0.05])]
    dest = np.array([CI[c] for c in HOME_CTRY])[r.choice(3, n, p=[0.55, 0.35, 0.10])]
    rcv = inf.pick(mk, dest[j])
    # the trip happens in the merchants' country: local time there
    zone = w.col("zone")[rcv]
    t = w.utc(zone, day, w.secs(len(j), np.full(len(j), 0.15)))
    usd = lognorm(r, 25, 0.9, len(j)) * np.where(mk == "7011", 4, 1) * np.where(mk == "5944", 8, 1)
    usd = np.where(mk == "6011", r.choice([50, 90, 180], len(j)), usd)
    w.emit(tok[j], rcv, t, usd, "card", mcc=mcc_codes(mk), round_p=0.2, price_recv=True)


def pop_subscriptions(w: World, inf: Infra, holders: np.ndarray, n_rows: int) -> None:
    """Customers paying foreign VPN, streaming and dating services by virtual card."""
    r = w.rng
    who = holders[r.integers(0, len(holders), n_rows)]
    kinds = np.array(["4816", "4899", "7273"])
    mk = kinds[r.choice(3, n_rows, p=[0.3, 0.55, 0.15])]
    rcv = np.empty(n_rows, dtype=np.int64)
    for x in kinds:
        sel = mk == x
        pool = inf.foreign[str(x)]
        rcv[sel] = pool[r.integers(0, len(pool), int(sel.sum()))]
    w.emit(
        who,
        rcv,
        w.at(who, w.days(n_rows, "flat"), "any"),
        r.choice([4.99, 9.99, 12.99, 14.99], n_rows),
        "card",
        mcc=mcc_codes(mk),
        round_p=0.0,
    )


def pop_crypto(w: World, inf: Infra, n_rows: int) -> None:
    """Crypto traders: buy in-app, send to exchange deposit addresses, sometimes get it back."""
    r = w.rng
    n = max(5, n_rows // 20)
    tr = customers(w, n, "crypto_trader", "trader", hard=True, born=(1980, 2004), male=0.8)
    addr = w.accounts(
        max(5, n // 3),
        {"SC": 1},
        "address",
        "crypto_trader",
        "exchange_address",
        hard=True,
        born=None,
    )
    k = n_rows // 2
    i = r.integers(0, n, k)
    t = w.at(tr[i], w.days(k, "flat"), "any")
    usd = lognorm(r, 150, 1.0, k)
    w.emit(tr[i], inf.pick("6051", w.col("ctry")[tr[i]]), t, usd, "crypto", mcc="6051", round_p=0.6)
    a = addr[(i * 7 + r.integers(0, 2, k)) % len(addr)]
    w.emit(tr[i], a, t + r.integers(600, 86400, k), usd * 0.99, "crypto", round_p=0)


def pop_ato(w: World, inf: Infra, n_rows: int) -> None:
    """Account takeovers: a hijacked account drained at night to new payees within hours."""
    r = w.rng
    n = max(3, n_rows // 8)
    vic = customers(w, n, "ato_victim", "victim", hard=True, born=(1955, 2000))
    mule = customers(w, max(2, n // 4), "ato_victim", "fraud_mule", hard=True, born=(1995, 2005))
    k = r.integers(2, 9, n)
    j = np.repeat(np.arange(n), k)
    day = r.integers(0, DAYS, n)[j]
    t = w.at(vic[j], day, "night") + r.integers(0, 3 * 3600, len(j))
    ml = mule[(j + r.integers(0, 2, len(j))) % len(mule)]
    ok = w.col("ctry")[ml] == w.col("ctry")[vic[j]]
    w.emit(vic[j][ok], ml[ok], t[ok], lognorm(r, 150, 0.6, len(j))[ok], "ewallet", round_p=0.7)
    inf.cash_out(ml[ok], t[ok], lognorm(r, 150, 0.6, int(ok.sum())), 0.9, 2)
    everyday(w, inf, vic, n_rows - 2 * len(j))


# ---------------------------------------------------------------------------------------------
# Planted typologies (note section (d)). Each returns its number of illicit rows.


class Plant:
    def __init__(self, w: World, inf: Infra) -> None:
        self.w, self.inf = w, inf

    def consumers(self, n: int, typ: str, role: str = "consumer") -> np.ndarray:
        """Foreign buyers: partner remitters mostly, some card/P2P platforms and banks."""
        r = self.w.rng
        kinds = r.choice(["partner", "card", "fbank"], n, p=[0.65, 0.22, 0.13])
        out = np.empty(n, dtype=np.int64)
        for k in ("partner", "card", "fbank"):
            sel = kinds == k
            if sel.any():
                out[sel] = self.w.accounts(
                    int(sel.sum()),
                    CONSUMER_CTRY,
                    k,
                    "illicit",
                    role,
                    label=1,
                    typology=typ,
                    male=0.93,
                    born=None,
                )
        # a few consumers with a Filipino surname (e.g. naturalised, or using a spouse's name)
        fil = r.random(n) < 0.06
        lo, hi = SUR_RANGE["PH"]
        self.w.col("sur")[out[fil]] = r.integers(lo, hi, int(fil.sum()))
        return out

    def pay(
        self,
        buyers: np.ndarray,
        hubs: np.ndarray,
        n_pay: np.ndarray,
        typ: str,
        *,
        life: tuple[int, int] = (30, 365),
        alt: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Buyer i pays hubs[i] n_pay[i] times (or, for a quarter, alt[i] when given).

        Returns receiver, UTC time, USD and the pair index of every payment.
        """
        w, r = self.w, self.w.rng
        j = np.repeat(np.arange(len(buyers)), n_pay)
        start, length = span_days(r, len(buyers), *life)
        day = in_span(r, start[j], length[j])
        # bursts: a third of payments follow the previous one of the same pair within days
        prev_same = np.roll(j, 1) == j
        burst = prev_same & (r.random(len(j)) < 0.35)
        day = np.where(burst, np.roll(day, 1) + r.integers(0, 3, len(j)), day)
        day = np.clip(day, 0, DAYS - 1)
        s = buyers[j]
        h = hubs[j].copy()
        if alt is not None:
            move = (alt[j] >= 0) & (r.random(len(j)) < 0.25)
            h[move] = alt[j][move]
        nb = len(buyers)
        night_pref = np.where(
            r.random(nb) < 0.6, r.uniform(0.6, 0.9, nb), r.uniform(0.05, 0.35, nb)
        )
        t = w.at(s, day, night_pref[j])
        base = r.choice([15, 20, 25, 30, 40, 50, 60, 75, 100], nb)
        usd = base[j] * lognorm(r, 1, 0.12, len(j))
        out = r.random(len(j)) < 0.12
        no = int(out.sum())
        usd[out] = np.where(r.random(no) < 0.6, r.uniform(210, 450, no), r.uniform(4, 9.5, no))
        round_p = r.uniform(0.35, 0.95, nb)[j]
        cover = w.memo(COVER)[r.integers(0, len(COVER), nb)]
        handle = w.memo([w.handles[i] for i in r.integers(0, len(w.handles), nb)])
        u = r.random(len(j))
        chat = w.pick_memo(len(j), CHAT, 1)
        memo = np.where(
            u < 0.28, cover[j], np.where(u < 0.36, handle[j], np.where(u < 0.43, chat, 0))
        )
        kinds = w.col("kind")[s]
        card_ch = np.where(r.random(len(j)) < 0.5, CH["p2p"], CH["card"])
        ch = np.select(
            [kinds == K["partner"], kinds == K["card"]], [CH["msb"], card_ch], CH["bank"]
        )
        w.emit(s, h, t, usd, ch, memo=memo, round_p=round_p, label=1, typ=typ)
        return h, t, usd, j

    def hubs(self, n: int, typ: str, role: str = "facilitator") -> np.ndarray:
        return self.w.accounts(
            n,
            {"PH": 0.85, "TH": 0.15},
            "wallet",
            "illicit",
            role,
            label=1,
            typology=typ,
            male=0.35,
            born=(1962, 1998),
        )

    def household(self, hubs: np.ndarray, typ: str) -> np.ndarray:
        """One linked account for most hubs (same surname, often the same phone); -1 if none.

        Some hubs have more relatives involved; the first one takes a share of the payments.
        """
        w, r = self.w, self.w.rng
        has = r.random(len(hubs)) < 0.7
        alt = np.full(len(hubs), -1)
        hh = w.accounts(
            int(has.sum()),
            w.col("ctry")[hubs[has]],
            "wallet",
            "illicit",
            "household",
            label=1,
            typology=typ,
            surname=w.col("sur")[hubs[has]],
            born=(1960, 2004),
            male=0.4,
        )
        alt[has] = hh
        share = r.random(len(hh)) < 0.65
        dev = w.col("device")
        dev[hh[share]] = dev[hubs[has][share]]
        return alt

    def benign_life(self, who: np.ndarray, scale: int = 25) -> None:
        w, r = self.w, self.w.rng
        everyday(w, self.inf, who, int(len(who) * scale * r.uniform(0.5, 1.5)))

    def kin_remit(self, who: np.ndarray, share: float) -> None:
        """Some facilitators also get an ordinary monthly remittance from a relative abroad."""
        w, r = self.w, self.w.rng
        pick = who[r.random(len(who)) < share]
        if len(pick) == 0:
            return
        kin = w.accounts(len(pick), WORKER_CTRY, "partner", "family_remittance", "sender",
                         surname=w.col("sur")[pick], born=None)  # fmt: skip
        idx = np.repeat(np.arange(len(pick)), 12)
        day = (np.arange(len(idx)) % 12) * 30.4 + np.where(r.random(len(idx)) < 0.5, 15, 29)
        t = w.at(kin[idx], day.astype(np.int64), "evening")
        usd = lognorm(r, 200, 0.5, len(pick))[idx]
        w.emit(kin[idx], pick[idx], t, usd, "msb", memo=w.pick_memo(len(idx), MEMO_FAMILY, 0.5),
               round_p=0.8)  # fmt: skip

    def lsac(self, budget: int) -> int:
        """T1 consumers paying T2 facilitator hubs; cash-out is each hub's own habit."""
        _w, r, inf = self.w, self.w.rng, self.inf
        n_hub = max(3, round(budget / 75))
        hub = self.hubs(n_hub, "T2")
        alt = self.household(hub, "T2")
        per_hub = np.maximum(2, r.lognormal(np.log(6), 0.8, n_hub).astype(np.int64))
        cons = self.consumers(int(per_hub.sum()), "T1")
        hub_of = np.repeat(np.arange(n_hub), per_hub)
        # a third of consumers also pay a second hub (they "shop around")
        second = r.random(len(cons)) < 0.3
        pairs_b = np.concatenate([cons, cons[second]])
        pairs_h = np.concatenate([hub_of, r.integers(0, n_hub, int(second.sum()))])
        n_pay = np.maximum(1, r.lognormal(np.log(3.5), 0.9, len(pairs_b)).astype(np.int64))
        lone = r.random(len(pairs_b)) < 0.2
        n_pay[lone] = r.integers(1, 3, int(lone.sum()))
        # heavy tails: keep the total near the budget (cash-outs add ~70%)
        factor = budget / (1.7 * n_pay.sum())
        if factor < 1:
            n_pay = np.maximum(1, np.round(n_pay * factor)).astype(np.int64)
        h, t, usd, j = self.pay(pairs_b, hub[pairs_h], n_pay, "T1", alt=alt[pairs_h])
        cash_p = np.where(
            r.random(n_hub) < 0.75, r.uniform(0.6, 0.95, n_hub), r.uniform(0.1, 0.4, n_hub)
        )
        used = inf.cash_out(h, t, usd, cash_p[pairs_h[j]], 14, label=1, typ="T2")
        self.benign_life(hub)
        self.kin_remit(hub, 0.3)
        self.benign_life(alt[alt >= 0], 10)
        return len(h) + used

    def network(self, budget: int) -> int:
        """T3: a syndicate of hubs sharing consumers; mules forward to hubs; hubs to a boss."""
        w, r, inf = self.w, self.w.rng, self.inf
        used = 0
        while used < budget:
            nc = int(np.clip((budget - used) / 15, 4, 35))
            nf = int(np.clip(nc // 4 + r.integers(0, 2), 2, 7))
            boss = w.accounts(
                1,
                "PH",
                "wallet",
                "illicit",
                "coordinator",
                label=1,
                typology="T3",
                male=0.6,
                born=(1965, 1995),
            )
            fac = self.hubs(nf, "T3")
            nm = int(r.integers(0, 4))
            mules = w.accounts(
                nm,
                "PH",
                "wallet",
                "illicit",
                "mule",
                label=1,
                typology="T3",
                born=(1996, 2005),
                male=0.5,
            )
            cons = self.consumers(nc, "T3")
            k = r.integers(1, 4, nc)
            cb = np.repeat(cons, k)
            tgt_pool = np.concatenate([fac, mules])
            tgt = tgt_pool[r.integers(0, len(tgt_pool), len(cb))]
            n_pay = np.maximum(1, r.lognormal(np.log(3), 0.8, len(cb)).astype(np.int64))
            h, t, usd, _ = self.pay(cb, tgt, n_pay, "T3")
            used += len(h)
            # mules forward within hours to a facilitator, keeping a cut
            ism = np.isin(h, mules)
            f = fac[r.integers(0, nf, int(ism.sum()))]
            dl = (r.exponential(5, int(ism.sum())) * 3600).astype(np.int64) + 600
            w.emit(
                h[ism],
                f,
                t[ism] + dl,
                usd[ism] * r.uniform(0.8, 0.95, int(ism.sum())),
                "ewallet",
                round_p=0.6,
                label=1,
                typ="T3",
            )
            used += int(ism.sum())
            # facilitators forward to the boss (40%) within 1-3 days or a chain to another hub
            isf = ~ism
            fw = isf & (r.random(len(h)) < 0.4)
            to = np.where(
                r.random(int(fw.sum())) < 0.8, boss[0], fac[r.integers(0, nf, int(fw.sum()))]
            )
            ok = to != h[fw]
            dl = r.integers(86400, 3 * 86400, int(fw.sum()))
            w.emit(
                h[fw][ok],
                to[ok],
                (t[fw] + dl)[ok],
                (usd[fw] * 0.5)[ok],
                np.where(r.random(int(ok.sum())) < 0.7, CH["ewallet"], CH["bank"]),
                round_p=0.8,
                label=1,
                typ="T3",
            )
            used += int(ok.sum())
            rest = isf & ~fw
            inf.cash_out(h[rest], t[rest], usd[rest], 0.8, 12, label=1, typ="T3")
            used += int(rest.sum() * 0.8)
            # the boss cashes out some of the collection
            self.benign_life(fac)
            self.kin_remit(fac, 0.3)
            self.benign_life(boss, 40)
            if len(mules):
                self.benign_life(mules, 15)
        return used

    def travel(self, budget: int, hubs: np.ndarray) -> int:
        """T4: remittances before the trip, then a long card-funded stay with ATMs and gifts."""
        w, r, inf = self.w, self.w.rng, self.inf
        n = max(1, budget // 30)
        tok = w.accounts(
            n,
            CONSUMER_CTRY,
            "card",
            "illicit",
            "traveller",
            label=1,
            typology="T4",
            male=0.97,
            born=None,
        )
        # same man's remitter account (a separate id at the partner)
        rem = w.accounts(
            n,
            CONSUMER_CTRY,
            "partner",
            "illicit",
            "traveller",
            label=1,
            typology="T4",
            male=0.97,
            born=None,
        )
        w.col("sur")[rem] = w.col("sur")[tok]
        fac = hubs[r.integers(0, len(hubs), n)] if len(hubs) else self.hubs(n, "T4")
        npay = r.integers(2, 8, n)
        h, _t, _usd, _ = self.pay(rem, fac, npay, "T4", life=(60, 200))
        used = len(h)
        stay = r.integers(20, 60, n)
        start = r.integers(0, DAYS - 60, n)
        k = np.maximum(4, (stay * r.uniform(0.8, 1.6, n)).astype(np.int64))
        j = np.repeat(np.arange(n), k)
        day = start[j] + (r.random(len(j)) * stay[j]).astype(np.int64)
        kinds = np.array(["7011", "6011", "5944", "5945", "5812", "5411"])
        mk = kinds[r.choice(len(kinds), len(j), p=[0.15, 0.35, 0.08, 0.1, 0.22, 0.1])]
        rcv = inf.pick(mk, w.col("ctry")[fac[j]], first=25)  # a few provincial merchants
        tt = w.utc(w.col("zone")[rcv], day, w.secs(len(j), np.full(len(j), 0.3)))
        amt = (
            lognorm(r, 30, 0.8, len(j))
            * np.where(mk == "7011", 3, 1)
            * np.where(mk == "5944", 6, 1)
        )
        amt = np.where(mk == "6011", r.choice([90, 180, 250], len(j)), amt)
        illicit = np.isin(mk, ("6011", "5944", "5945", "7011"))
        w.emit(
            tok[j][illicit],
            rcv[illicit],
            tt[illicit],
            amt[illicit],
            "card",
            mcc=mcc_codes(mk[illicit]),
            round_p=0.2,
            label=1,
            typ="T4",
            price_recv=True,
        )
        w.emit(
            tok[j][~illicit],
            rcv[~illicit],
            tt[~illicit],
            amt[~illicit],
            "card",
            mcc=mcc_codes(mk[~illicit]),
            round_p=0.2,
            price_recv=True,
        )
        used += int(illicit.sum())
        # in-country payments to the facilitator from the card (P2P to wallet)
        k2 = r.integers(1, 5, n)
        j2 = np.repeat(np.arange(n), k2)
        d2 = start[j2] + (r.random(len(j2)) * stay[j2]).astype(np.int64)
        w.emit(
            tok[j2],
            fac[j2],
            w.utc(w.col("zone")[fac[j2]], d2, w.secs(len(j2), "evening")),
            r.choice([40, 60, 100, 150, 200], len(j2)) * 1.0,
            "card",
            round_p=0.9,
            label=1,
            typ="T4",
            price_recv=True,
        )
        return used + len(j2)

    def sextortion(self, budget: int) -> int:
        """T5: minors pay 2-6 times within 1-3 days to a new payee (a mule), then stop."""
        w, r, inf = self.w, self.w.rng, self.inf
        n_v = max(2, budget // 8)
        n_m = max(1, n_v // 6)
        mule = w.accounts(
            n_m,
            HOME_CTRY,
            "wallet",
            "illicit",
            "extortion_mule",
            label=1,
            typology="T5",
            born=(1990, 2004),
            male=0.7,
        )
        mv = r.integers(0, n_m, n_v)
        vic = w.accounts(
            n_v,
            w.col("ctry")[mule[mv]],
            "wallet",
            "illicit",
            "victim",
            label=1,
            typology="T5",
            born=(2008, 2011),
            male=0.85,
        )
        self.benign_life(vic, 12)
        par = w.accounts(
            n_v,
            w.col("ctry")[vic],
            "wallet",
            "teenager",
            "parent",
            surname=w.col("sur")[vic],
            born=(1970, 1990),
        )
        kk = r.integers(3, 12, n_v)
        jj = np.repeat(np.arange(n_v), kk)
        w.emit(
            par[jj],
            vic[jj],
            w.at(par[jj], w.days(len(jj), "p2p"), "day"),
            r.choice([2, 4, 5, 9], len(jj)) * 1.0,
            "ewallet",
            round_p=1,
            price_recv=True,
        )
        k = r.integers(2, 7, n_v)
        j = np.repeat(np.arange(n_v), k)
        step = np.arange(len(j)) - np.repeat(np.cumsum(k) - k, k)
        d0 = r.integers(10, DAYS - 5, n_v)
        t0 = w.at(vic, d0, "evening")
        t = t0[j] + (step * r.uniform(2, 14, len(j)) * 3600).astype(np.int64)
        first = r.uniform(15, 200, n_v)
        usd = first[j] * (1 + 0.4 * step) * lognorm(r, 1, 0.2, len(j))
        csum = np.cumsum(usd)
        before = np.concatenate([[0.0], csum])[np.cumsum(k) - k]
        tot = csum - np.repeat(before, k)  # running total per victim
        usd = np.where(tot > 1500, np.maximum(5, usd - (tot - 1500)), usd)
        gift = (r.random(n_v) < 0.25)[j]
        gm = inf.pick("5815", w.col("ctry")[vic[j]])
        rcv = np.where(gift, gm, mule[mv][j])
        w.emit(
            vic[j],
            rcv,
            t,
            usd,
            "ewallet",
            memo=w.pick_memo(len(j), ["", "pls", "ok na", "last na", "gift card"], 0.3),
            mcc=np.where(gift, M["5815"], -1),
            round_p=0.5,
            label=1,
            typ="T5",
            price_recv=True,
        )
        used = len(j)
        # the mule forwards abroad within hours (via a partner)
        tm = ~gift
        out = w.accounts(
            n_m,
            {"US": 0.3, "GB": 0.2, "CA": 0.2, "AU": 0.3},
            "fbank",
            "illicit",
            "extortion_payee",
            label=1,
            typology="T5",
            born=None,
        )
        mi = np.searchsorted(mule, rcv[tm])
        w.emit(
            rcv[tm],
            out[mi],
            t[tm] + r.integers(3600, 12 * 3600, int(tm.sum())),
            usd[tm] * 0.9,
            "msb",
            round_p=0.3,
            label=1,
            typ="T5",
        )
        # victims paying only gift cards still need the mule's outgoing to be labelled: fine
        return used + int(tm.sum())

    def cvc(self, budget: int) -> int:
        """T6: offenders buy crypto in-app and send it to a cluster of site addresses."""
        w, r, inf = self.w, self.w.rng, self.inf
        n = max(2, budget // 10)
        off = w.accounts(
            n,
            {"PH": 0.7, "TH": 0.2, "ID": 0.1},
            "wallet",
            "illicit",
            "consumer",
            label=1,
            typology="T6",
            male=0.95,
            born=(1975, 2004),
        )
        sites = w.accounts(
            max(3, n // 3),
            {"SC": 1},
            "address",
            "illicit",
            "site_address",
            label=1,
            typology="T6",
            born=None,
        )
        self.benign_life(off, 20)
        k = r.integers(2, 9, n)
        j = np.repeat(np.arange(n), k)
        start, length = span_days(r, n, 30, 300)
        day = in_span(r, start[j], length[j])
        t = w.at(off[j], day, np.full(len(j), 0.55))
        usd = r.choice([20, 30, 50, 75, 100, 150], len(j)) * lognorm(r, 1, 0.1, len(j))
        w.emit(
            off[j],
            inf.pick("6051", w.col("ctry")[off[j]]),
            t,
            usd,
            "crypto",
            mcc="6051",
            round_p=0.8,
            label=1,
            typ="T6",
        )
        site = sites[(j + r.integers(0, 3, len(j))) % len(sites)]
        w.emit(
            off[j],
            site,
            t + r.integers(300, 6 * 3600, len(j)),
            usd * 0.985,
            "crypto",
            round_p=0,
            label=1,
            typ="T6",
        )
        return 2 * len(j)

    def direct(self, budget: int) -> int:
        """T7: a foreign adult pays a young account directly, no facilitator in between."""
        w, r, inf = self.w, self.w.rng, self.inf
        n = max(2, budget // 9)
        off = self.consumers(n, "T7", "direct_offender")
        kid = w.accounts(
            n,
            {"PH": 0.85, "TH": 0.15},
            "wallet",
            "illicit",
            "child_account",
            label=1,
            typology="T7",
            born=(2007, 2011),
            male=0.3,
        )
        self.benign_life(kid, 8)
        npay = np.maximum(1, r.lognormal(np.log(6), 0.6, n).astype(np.int64))
        h, t, usd, _ = self.pay(off, kid, npay, "T7", life=(30, 250))
        inf.cash_out(h, t, usd, 0.4, 24, label=1, typ="T7")
        return int(len(h) * 1.4)


# ---------------------------------------------------------------------------------------------

BACKGROUND = (
    (pop_family, 0.12),
    (pop_small_allowance, 0.03),
    (pop_seafarers, 0.012),
    (pop_freelancers, 0.04),
    (pop_sellers, 0.06),
    (pop_gig, 0.045),
    (pop_creators, 0.02),
    (pop_adult_creators, 0.01),
    (pop_romance, 0.008),
    (pop_partners, 0.012),
    (pop_sponsors, 0.012),
    (pop_charity, 0.025),
    (pop_medical, 0.008),
    (pop_tuition, 0.015),
    (pop_teens, 0.035),
    (pop_tourists, 0.02),
    (pop_crypto, 0.008),
    (pop_ato, 0.003),
)
HARD_POPS = {
    pop_creators,
    pop_adult_creators,
    pop_romance,
    pop_partners,
    pop_sponsors,
    pop_charity,
    pop_medical,
    pop_small_allowance,
    pop_ato,
    pop_freelancers,
    pop_sellers,
    pop_tourists,
    pop_crypto,
}


def generate(n_tx: int, variant: str, seed: int, hard: float = 1.0) -> Generated:
    """Exactly n_tx rows of one variant ('li' or 'hi'), the same for a seed.

    `hard` scales the look-alike populations (creators, romance, partners, sponsors, charity,
    crowdfunding, small allowances, account takeovers, freelancers, sellers, tourists, crypto
    traders, multi-child families, students, teenagers' bursts); their rows go to domestic
    payments. 1.0 is the default world, 0 removes them.
    """
    if variant not in ILLICIT_SHARE:
        raise ValueError(f"variant must be one of {sorted(ILLICIT_SHARE)}, got {variant!r}")
    if hard < 0:
        raise ValueError(f"hard must be >= 0, got {hard}")
    if n_tx < 1000:
        raise ValueError(f"n_tx must be >= 1000, got {n_tx}")
    rng = np.random.default_rng([seed, 6, 0 if variant == "li" else 1])
    w = World(rng)
    w.hard = hard
    inf = Infra(w)
    budget = max(60, int(n_tx * ILLICIT_SHARE[variant]))
    p = Plant(w, inf)
    p.lsac(int(budget * 0.36))
    p.network(int(budget * 0.2))
    hubs = np.nonzero(np.concatenate(w.acc["label"]) == 1)[0]
    roles = np.array(w.acc_str["role"])
    hubs = hubs[roles[hubs] == "facilitator"]
    p.travel(int(budget * 0.07), hubs)
    p.sextortion(int(budget * 0.1))
    p.cvc(int(budget * 0.08))
    p.direct(int(budget * 0.08))
    n_ill = w.n_rows
    bg = n_tx - n_ill
    for fn, share in BACKGROUND:
        sc = hard if fn in HARD_POPS else 1.0
        if share * sc > 0:
            fn(w, inf, int(bg * share * sc))
    subs = customers(w, max(10, bg // 400), "subscriber_local", "customer", born=(1975, 2005))
    pop_subscriptions(w, inf, subs, int(bg * 0.01))
    filler = n_tx - w.n_rows
    if filler > 0:
        pop_domestic(w, inf, int(filler * 1.05))
    return finish(w, n_tx)


def finish(w: World, n_tx: int) -> Generated:
    """Currencies, clocks and ids as the ledger shows them; labels kept apart."""
    r = w.rng
    R = {k: np.concatenate(v) for k, v in w.rows.items()}
    n = len(R["s"])
    # exactly n_tx rows: drop benign rows at random (never an illicit one)
    if n > n_tx:
        benign = np.nonzero(R["label"] == 0)[0]
        drop = r.choice(benign, n - n_tx, replace=False)
        keep = np.ones(n, dtype=bool)
        keep[drop] = False
        R = {k: v[keep] for k, v in R.items()}
    elif n < n_tx:
        raise RuntimeError(f"generated {n} rows, fewer than {n_tx}")
    s, rc = R["s"], R["r"]
    ctry = w.col("ctry")
    kind = w.col("kind")
    sc, rcc = ctry[s], ctry[rc]
    day = np.clip((R["t"] - EPOCH) // 86400, 0, DAYS + 39)
    price_ccy = np.where(R["price_recv"], CCY_OF_CTRY[rcc], CCY_OF_CTRY[sc])
    rate_p = w.fx[price_ccy, day]
    amt = R["usd"] * rate_p
    # round in the payer's (pricing) currency: steps by magnitude
    mag = 10 ** np.floor(np.log10(np.maximum(amt, 1e-9)))
    step = np.where(amt / mag >= 5, mag, mag / 2)
    step = np.where(ZERO_DEC[price_ccy], np.maximum(step, 1), np.maximum(step, 1))
    rounded = np.maximum(step, np.round(amt / step) * step)
    dec = np.where(ZERO_DEC[price_ccy], np.round(amt), np.round(amt, 2))
    amt = np.where(R["round"], rounded, dec)
    # a cross-border payment may be reported in the receiver's currency, net of fee and spread
    cross = sc != rcc
    payout = cross & w.col("payout_ccy")[s] & ~R["price_recv"] & (R["ch"] != CH["crypto"])
    rec_ccy = np.where(payout, CCY_OF_CTRY[rcc], price_ccy)
    fee = w.col("fee")[s] * w.fx[price_ccy, day] * (kind[s] == K["partner"])
    net = np.maximum(amt - fee, amt * 0.5)
    conv = net / rate_p * w.fx[rec_ccy, day] * (1 - w.col("spread")[s])
    conv = np.where(
        ZERO_DEC[rec_ccy] | (r.random(len(amt)) < 0.5), np.round(conv), np.round(conv, 2)
    )
    amount = np.where(payout, conv, amt)
    usd = amount / w.fx[rec_ccy, day]
    # crypto rows are stablecoin amounts in USD
    amount = np.where(R["ch"] == CH["crypto"], np.round(R["usd"], 2), amount)
    rec_ccy = np.where(R["ch"] == CH["crypto"], CCYS.index("USD"), rec_ccy)
    usd = np.where(R["ch"] == CH["crypto"], amount, usd)
    # clocks: partner feeds in UTC, the wallet's own rows in Manila time
    feed = w.col("utc_feed")[s] & (kind[rc] == K["wallet"])
    off = np.where(feed, 0, HOME_OFFSET)
    order = np.argsort(R["t"], kind="stable")
    R = {k: v[order] for k, v in R.items()}
    s, rc, amount, usd, off, rec_ccy = (
        s[order],
        rc[order],
        amount[order],
        usd[order],
        off[order],
        rec_ccy[order],
    )
    ts = pl.from_epoch(pl.Series(R["t"] + off), time_unit="s").dt.strftime("%Y-%m-%dT%H:%M:%S")
    ts = ts + pl.Series(np.where(off == 0, "+00:00", "+08:00"))
    ids = account_ids(w)
    names = account_names(w)
    sex = w.col("sex")
    by = w.col("by")
    dev = w.col("device")
    ccy_names = pl.Series(CCYS)
    memo = pl.Series(w.memos).gather(R["memo"]).replace("", None)
    mcc = pl.Series([*MCC, None]).gather(np.where(R["mcc"] < 0, len(MCC), R["mcc"]))
    cust_s = kind[s] == K["wallet"]
    cust_r = kind[rc] == K["wallet"]
    nt = len(s)
    tx = pl.DataFrame(
        {
            "tx_id": "LX" + pl.Series(np.arange(nt, dtype=np.int64) + 10**10).cast(pl.String),
            "timestamp": ts,
            "sender_id": ids.gather(s),
            "receiver_id": ids.gather(rc),
            "amount": amount,
            "currency": ccy_names.gather(rec_ccy),
            "sender_country": pl.Series(CTRY).gather(ctry[s]),
            "receiver_country": pl.Series(CTRY).gather(ctry[rc]),
            "channel": pl.Series(CHANNELS).gather(R["ch"]),
            "memo": memo,
            "sender_name": names.gather(s),
            "receiver_name": names.gather(rc),
            "sender_sex": pl.Series(["", "M", "F"])
            .gather(np.where(cust_s, sex[s], 0))
            .replace("", None),
            "sender_birth_year": pl.Series(np.where(cust_s, by[s], 0)).replace(0, None),
            "receiver_birth_year": pl.Series(np.where(cust_r, by[rc], 0)).replace(0, None),
            "device_id": pl.Series(
                np.where(cust_s, np.char.mod("dv%010x", (dev[s] * 2654435761) % (16**10)), "")
            ).replace("", None),
            "merchant_category": mcc,
        }
    )
    labels = pl.DataFrame(
        {
            "usd": np.round(usd, 4),
            "label_tx": R["label"].astype(np.int8),
            "label_typology": pl.Series(["", "T1", "T2", "T3", "T4", "T5", "T6", "T7"]).gather(
                R["typ"]
            ),
        }
    )
    seen = np.unique(np.concatenate([s, rc]))
    # a planted relative or mule who never handled illicit money is not an offender here
    lab = w.col("label")
    involved = np.unique(np.concatenate([s[R["label"] == 1], rc[R["label"] == 1]]))
    idle = np.setdiff1d(np.nonzero(lab == 1)[0], involved)
    lab[idle] = 0
    for i in idle:
        w.acc_str["population"][i] = "planted_not_involved"
        w.acc_str["typology"][i] = ""
    acc = pl.DataFrame(
        {
            "account_id": ids.gather(seen),
            "label": w.col("label")[seen].astype(np.int8),
            "role": pl.Series(w.acc_str["role"]).gather(seen),
            "typology": pl.Series(w.acc_str["typology"]).gather(seen),
            "population": pl.Series(w.acc_str["population"]).gather(seen),
            "hard_negative": w.col("hard")[seen] & (w.col("label")[seen] == 0),
            "country": pl.Series(CTRY).gather(ctry[seen]),
        }
    )
    check_labels(tx, labels, acc)
    return Generated(tx=tx, tx_labels=labels, accounts=acc)


def account_ids(w: World) -> pl.Series:
    """Ids as each kind of institution writes them; unique, carrying no label."""
    kind = w.col("kind")
    ctry = w.col("ctry")
    n = len(kind)
    num = (np.arange(n, dtype=np.int64) * 982451653 + 12345) % (10**10)
    prefix = np.array(["", "RM", "", "tok_", "MCH", "AGT", "0x", "BNK", "PLT"])[kind]
    cc = np.array(CTRY)[ctry]
    wallet_pfx = np.select([cc == "PH", cc == "TH", cc == "ID"], ["639", "668", "628"], "6")
    pfx = np.where(kind == K["wallet"], wallet_pfx, np.where(kind == K["fbank"], cc, prefix))
    partner = np.array(["WR", "XP", "RX", "MG", "TF"])[num % 5]
    pfx = np.where(kind == K["partner"], partner, pfx)
    body = pl.Series(num).cast(pl.String).str.zfill(10)
    hexed = np.char.mod("%012x", num * 48271 % (16**12))
    hexy = (kind == K["address"]) | (kind == K["card"])
    return pl.Series(pfx) + pl.Series(np.where(hexy, hexed, body.to_numpy()))


def account_names(w: World) -> pl.Series:
    """Full names for the wallet's customers and partner senders, some for banks, none else."""
    kind, sur, first = w.col("kind"), w.col("sur"), w.col("first")
    n = len(kind)
    full = np.char.add(
        np.char.add(np.array(FIRST)[first], " "), np.array(SURNAMES)[np.maximum(sur, 0)]
    )
    shown = (
        (kind == K["wallet"])
        | (kind == K["partner"])
        | ((kind == K["fbank"]) & (np.arange(n) % 2 == 0))
        | (kind == K["dbank"])
    )
    biz = np.isin(kind, (K["merchant"], K["agent"], K["platform"]))
    label = np.array(w.acc_str["role"])
    bizname = np.char.add(
        np.char.add(np.char.capitalize(label.astype(str)), " "), np.arange(n).astype(str)
    )
    out = np.where(shown & (sur >= 0), full, np.where(biz, bizname, ""))
    return pl.Series(out).replace("", None)


def check_labels(tx: pl.DataFrame, labels: pl.DataFrame, acc: pl.DataFrame) -> None:
    """Every labelled account has a labelled payment; every labelled payment a labelled party."""
    bad = set(acc.filter(pl.col("label") == 1)["account_id"].to_list())
    ill = tx.select("sender_id", "receiver_id").filter(labels["label_tx"] == 1)
    touched = set(ill["sender_id"].to_list()) | set(ill["receiver_id"].to_list())
    missing = bad - touched
    if missing:
        raise AssertionError(f"{len(missing)} labelled accounts without a labelled payment")
    orphan = ill.filter(
        ~pl.col("sender_id").is_in(list(bad)) & ~pl.col("receiver_id").is_in(list(bad))
    )
    if orphan.height:
        raise AssertionError(f"{orphan.height} labelled payments touch no labelled account")
