"""Held-out generator 10: the offenders' own retail bank (an Australia/New Zealand bank group).

Written blind, only from the research note (../shared/research/finance-text.md), the issue's
schema and the harness's interface (bench/finance_heldout.py); it shares no code with Jaga's
synth or the other held-out generators. It is SEALED: Jaga has not been scored on it.

WHAT IT MODELS. The monitoring feed of one retail bank group with an Australian and a New
Zealand book: the bank whose customers are the *buyers*. AUSTRAC's OSAEC indicators are written
for this view (note, item 1: "frequent, low-value outgoing remittance to a common beneficiary in
South East Asia sent by multiple Australia-based customers"; AUSTRAC 2024: remitters, A$10-100,
cover words; item 8: spyware, tickets to high-risk countries). The bank sees:

  * its customers' outbound payments: domestic transfers (BECS / NPP, channel bank or p2p),
    international wires (SWIFT, channel bank), transfers through the bank's partner remitter
    (channel msb; the remitter's instruction names the beneficiary's wallet or pickup id and,
    when the beneficiary was KYC'd, a birth year), debit-card payments (card; ATM = MCC 6011),
    e-wallet top-ups (ewallet), payments to digital-currency exchanges (crypto, MCC 6051), BPAY
    bills and direct debits (other);
  * inbound credits to its customers (salaries, benefits, friends, money from abroad).

  What it does NOT see, and so the file does not contain: anything the receivers abroad do with
  the money (no cash-out rows, no forwarding between facilitators: the note's item 12 and T3
  chains are invisible from here), and the beneficiary behind a card payment to an online
  remitter or an e-wallet top-up (the receiver is then the remitter or wallet merchant). That
  is the point of this corner: most of the note's receiver-side indicators must be inferred
  from the sending side, and several offenders' payments are "lone" by construction.

WHY THIS CORNER. Generators 1-9 took a market-wide mix, receiving e-wallets, sending-side
apps, remitters' ledgers, an MTO, a Thai bank group and a PH acquirer. None is a bank of the
offenders themselves, with salaries, bills, cards, travel and crypto next to the remittances.

WORLD. 2025, 365 days. Customers in AU (Sydney, Brisbane, Adelaide, Perth, Darwin zones, with
the real 2025 DST dates) and NZ (Auckland). Timestamps are exported in the BOOK's zone (Sydney
for the AU book, Auckland for the NZ book), as many core-banking exports do: a Perth customer's
22:00 appears as 00:00 or 01:00 +10/+11. Behaviour is generated in the customer's true local
time. Amounts are the debited amount in AUD/NZD, except partner-remitter transfers where the
customer fixed the amount to be received (PHP or THB, round in that currency; AMLC: 81% of
transactions PHP 1,000-10,000, note item 1). USD values in the labels use fixed 2025 mid-rates
(RATES below).

PLANTED (label 1; tx label_typology = T1..T7; sources = the note's items):
  T1 consumer, family operation (items 1, 2, 4, 6, 7, 10): male customers 30-70, A$20-150
     (USD ~15-100, sometimes to 200; a few drift to 150-250, note (d) stress test), >=70% round
     in the currency paid, 2-30 payments/month in sessions, ~70% at sender-local 21:00-04:00,
     1-8 PH/TH (some VN/KH) receivers without surname match, added over time; memos = remitter
     purpose code plus cover words (EN/Tagalog/Cebuano/Thai/Bahasa), @handles, or nothing.
     Their receivers (role facilitator) are labelled too.
  T2 hub (items 5, 11): a PH/TH beneficiary plus 2-6 household accounts sharing its surname,
     paid by 4-30 of THIS bank's customers from AU and NZ (one bank sees a slice of a hub's
     buyers; the note's 5-200 is across all institutions).
  T3 network: bipartite clusters of 2-4 facilitators x 5-15 consumers who share them.
  T4 travel (item 9): older male customers; 1-3 trips of 3-8 weeks to PH towns outside the
     resort areas (2-4x the tourists' 1-2 weeks), flights, hotels, repeated ATM withdrawals,
     jewellery/toy/gift shops, and remitter payments to 1-3 local contacts (labelled).
  T5 FSEC (item 13): youth-account customers aged 14-17; 2-6 payments within 24-72 h to a new
     payee, the first under USD 250, the total <= USD 1,500, then silence. Payees are mules
     (domestic, some at this bank and cashing out within hours to crypto or abroad, labelled
     T5; some abroad via the remitter) receiving from several victims; a gift-card variant.
     (The countries of foreign mules, NG/CI/PH, are this author's assumption, not the note's.)
  T6 CVC (items 10, 11): younger male customers buying crypto at exchanges (channel crypto or
     card MCC 6051), half sized to a USD price (non-round AUD); the later sends to site
     addresses are on-chain and invisible to a bank. A VPN subscription often co-occurs.
  T7 direct (note (d)): an adult customer paying one young PH/TH account (birth year 2008-2011
     when KYC'd) directly for months: "load", "baon", handles. The young account is labelled
     (role child_account: the account to surface for safeguarding).
  Ancillary spending (item 8: VPN, webcam platforms) is generated for offenders but labelled 0:
  it is context, not an exploitation payment. Illicit actors also live ordinary lives
  (salary, bills, shopping: label 0).
  "Lone" payments (tx_labels.lone; note (d) says ~30%, here ~20-26%): card payments to online
  remitters and e-wallet top-ups whose beneficiary is hidden, and occasional consumers with 2-4
  payments.

HARD NEGATIVES (hard_negative = True; scaled by `hard`): partner_support (men supporting a
PH/TH partner: round, frequent, evening, no surname match, visits to the partner's home town),
romance_victim (escalating payments to one receiver), creator_fan (adult-creator platforms and
adult creators paid directly, at night), va_employer (many AU clients paying one PH virtual
assistant/tutor: fan-in), charity_donor (typhoon appeal: hundreds of round gifts to one PH NGO),
student_sponsor (school fees/allowance to a young PH student, no surname match), crypto_dca
(weekly round exchange buys), teen_gamer (bursts of game top-ups and PayID to friends),
tourist (Bali/Phuket/PH resorts, ATM abroad), retiree_expat (months-long PH stays, ATM, in-law
remittances), diaspora_allowance (diaspora sending small "load"/"baon" to young relatives).
Benign, not marked hard: everyday customers, night_worker (shift workers active at night),
diaspora_family (median ~USD 250 remittances near paydays, surname match ~65%), intl_student.

DATA-QUALITY FAULTS. Malformed rows (tx_labels.malformed/fault; all label 0): a timestamp
without offset or in DD/MM/YYYY, a 3-letter or lower-case country, a missing or non-positive
amount, a missing or non-ISO currency, a raw channel name (BPAY, ATM, DIRECT DEBIT). Soft
quirks in well-formed rows: book-zone timestamps; card payments to online remitters include
the remitter's fee (A$2.99, so they are never round); the NZ book appended after the AU book and
its names in upper case; BECS references upper-cased and cut to 18 characters; SWIFT field 70
upper-cased, "@" turned into "(AT)" or dropped and non-Latin script into "?"; beneficiary names
typed differently from one payment to the next; birth years and sex missing for some customers;
device_id only on app-initiated rows; joint-account couples sharing a device; a remittance
retried minutes after the first attempt.

RATES. li: 0.05% of transactions illicit, hi: 0.2% (note (d)); the minimum cast of each
typology dominates below ~200k transactions. The budget is split T1 22%, T2 18%, T3 10%,
occasional buyers 10%, T4 10%, T5 8%, T6 12%, T7 10%. Within it, T1 buyers keep the note's
cadence (tens of payments up to ~180 a year), while a hub's or cluster's buyers share what is
left, so many of them make only 3-5 payments: for T2/T3 the signal is mostly the fan-in on the
receiver, as it would be for one bank. About 0.5% of customers are offenders of some kind
(the note's ~1% of senders cannot be met together with 0.05-0.2% of transactions at realistic
cadences). Figures (1M tx, seeds 4 and 7): li ~100 labelled accounts, hi ~260-290.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from finance_heldout_gen import Generated

DAYS = 365
EPOCH = 1_735_689_600  # 2025-01-01T00:00:00Z
RATES = {"AUD": 0.65, "NZD": 0.59, "PHP": 0.0175, "THB": 0.030, "USD": 1.0}
ILLICIT_RATE = {"li": 0.0005, "hi": 0.002}
SHARE_LONE_HIDDEN = 0.25  # consumers' payments made by card to a remitter or as a wallet top-up

# Time zones: standard offset, DST offset (minutes), DST rule (0 none, 1 AU, 2 NZ).
ZONE_STD = np.array([600, 600, 570, 480, 570, 720, 480, 420, 480])
ZONE_DST = np.array([660, 600, 630, 480, 570, 780, 480, 420, 480])
ZONE_RULE = np.array([1, 0, 1, 0, 0, 2, 0, 0, 0])
SYD, BNE, ADL, PER, DRW, AKL, MNL, BKK, DPS = range(9)
AU_ZONES, AU_ZONE_P = np.array([SYD, BNE, ADL, PER, DRW]), [0.62, 0.20, 0.07, 0.10, 0.01]
# 2025 DST: AU and NZ end 6 Apr 03:00 local; AU starts 5 Oct, NZ 28 Sep, 02:00 local.
DST_END = 95 * 86400 + 3 * 3600
DST_START = {1: 277 * 86400 + 2 * 3600, 2: 270 * 86400 + 2 * 3600}


def _profile(w: list[float]) -> np.ndarray:
    a = np.asarray(w, float)
    return a / a.sum()


# Local hour-of-day weights, 00..23.
HOURS = {
    "mixed": _profile(
        [0.5, 0.3, 0.2, 0.1, 0.1, 0.3, 1, 2, 3, 4, 4, 5, 6, 5, 5, 5, 5, 6, 7, 7, 6, 5, 3, 1.5]
    ),
    "night": _profile([6, 5, 4, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 6, 8, 8]),
    "evening": _profile(
        [1, 0.5, 0.2, 0, 0, 0, 0.5, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 4, 6, 7, 7, 6, 4, 2]
    ),
    "shift": _profile([5, 5, 4, 4, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 4, 5, 5]),
    "office": _profile(
        [0, 0, 0, 0, 0, 0, 0.2, 1, 4, 6, 6, 5, 4, 5, 6, 6, 5, 3, 1, 0.3, 0, 0, 0, 0]
    ),
    "batch": _profile([0, 2, 4, 5, 4, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    "teen": _profile([2, 1, 0.5, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 3, 5, 5, 5, 5, 6, 6, 5, 4]),
    "travel": _profile([0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 2, 1, 0]),
}

NAMES = {
    "au": (
        "James Jack Oliver William Thomas Lachlan Noah Liam Daniel Matthew Michael Benjamin "
        "Samuel Joshua Ryan Nathan Luke Andrew David Peter Mark Paul Steven Craig Wayne Glenn "
        "Darren Shane Brett Trent",
        "Charlotte Olivia Amelia Isla Mia Ava Grace Chloe Emily Sophie Jessica Sarah Emma Hannah "
        "Lauren Kate Rebecca Megan Michelle Karen Lisa Nicole Melissa Kylie Tanya",
        "Smith Jones Williams Brown Wilson Taylor Johnson White Martin Anderson Thompson Thomas "
        "Walker Harris Lee Ryan Robinson Kelly King Davis Wright Evans Roberts Green Hall Wood "
        "Jackson Clarke Patel Khan Lewis James Phillips Mitchell Campbell Turner O'Brien Murphy "
        "McDonald Stewart Cooper Scott Baker Young Hughes Ngata Parata Tuala Faleolo",
    ),
    "ph": (
        "Jose Juan Mark_Anthony John_Paul Jericho Rodel Reynaldo Ramil Arnel Jayson Christian "
        "Joel Romeo Dennis Ronald Edgar",
        "Maria Rosalie Jocelyn Mary_Grace Kristine Angelica Jasmine Rowena Lorna Marites Joy "
        "Precious Princess Rhea Janelle Charmaine Aileen Rechelle Analyn Josephine",
        "Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Flores Villanueva Ramos Aquino "
        "Castillo Dela_Cruz Gonzales Rivera Navarro Soriano Mercado Manalo Pascual Dizon "
        "Salazar Tolentino Cabrera Domingo Valdez Lopez Fernandez Gutierrez Macaraeg "
        "Panganiban Dimaculangan Cabanero Sison Magbanua Alcantara Yap Tan Uy",
    ),
    "th": (
        "Somchai Sompong Anan Kittisak Nattapong Prasert Wichai Surachai",
        "Siriporn Nattaya Kanokwan Pimchanok Wanida Supaporn Ratana Jintana Malee Orawan",
        "Srisuk Chaiyaporn Wongsawat Saelim Rattanakorn Boonmee Kaewkla Thongdee Sukjai Phromma "
        "Intarasuk Suwannarat Kongkaew Saetang",
    ),
    "vn": (
        "Van_Hung Minh_Tuan Duc_Anh Quang_Huy Van_Nam",
        "Thi_Lan Thi_Hoa Ngoc_Anh Thu_Trang Minh_Chau Thi_Mai",
        "Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do",
    ),
    "wa": (
        "Chinedu Emeka Kwame Kofi Yao Ibrahim",
        "Ama Ngozi Adjoa Aminata Chioma",
        "Okeke Okafor Mensah Owusu Kouassi Diallo Adeyemi Boateng",
    ),
}
NAMES_SPLIT = {
    k: tuple(np.array([x.replace("_", " ") for x in part.split()]) for part in v)
    for k, v in NAMES.items()
}
CULTURE_OF = {
    "AU": "au",
    "NZ": "au",
    "GB": "au",
    "US": "au",
    "PH": "ph",
    "TH": "th",
    "VN": "vn",
    "KH": "vn",
    "ID": "vn",
    "NG": "wa",
    "GH": "wa",
    "CI": "wa",
}

# Memo vocabulary. Cover words from the note (items 6, (d)); the same words are used by
# legitimate families, which is why they are a weak signal on their own.
COVER = np.array(
    [
        "accommodation",
        "uniform",
        "medical bills",
        "school fees",
        "for rent",
        "hospital",
        "milk",
        "allowance",
        "load",
        "pang tuition",
        "pambili ng gatas",
        "para sa gamot",
        "bayad sa upa",
        "baon",
        "pang load",
        "tabang sa eskwela",
        "para sa hospital",
        "allowance mo",
        "uang sekolah",
        "biaya obat",
    ]
)
COVER_TH = np.array(["ค่าเทอม", "ค่าหอ", "ค่ายา", "ค่าชุดนักเรียน"])
FAMILY_MSG = np.array(
    [
        "para kay nanay",
        "pambayad kuryente",
        "pang tuition ni bunso",
        "happy birthday",
        "pang grocery",
        "Merry Christmas",
        "tulong sa bahay",
        "for school fees",
        "for medical bills",
        "monthly",
        "love you ma",
        "pang renta",
        "tabang sa balay",
    ]
)
FAMILY_MSG_TH = np.array(["ค่าใช้จ่ายบ้าน", "ให้แม่", "ค่าเทอมน้อง"])
FAMILY_MSG_VN = np.array(["gui me", "tien hoc", "gửi bố mẹ"])
PURPOSES = np.array(["FAMILY SUPPORT", "EDUCATION", "MEDICAL", "GIFT", "SAVINGS", "OTHERS"])
_SYLL = "mi ka jo y lyn ro sie an ne bel la ki ta ri na chi ko ya ma to"
SYLL = np.array(_SYLL.split())
P2P_MEMO = np.array(
    [
        "dinner",
        "rent",
        "footy tix",
        "bbq",
        "thanks",
        "petrol",
        "groceries",
        "concert",
        "birthday gift",
        "bills",
        "uber",
        "coffee",
        "",
        "",
        "",
    ]
)


def _pick(rng: np.random.Generator, pool: np.ndarray, n: int) -> np.ndarray:
    return pool[rng.integers(0, len(pool), n)]


def _round_amount(
    rng: np.random.Generator, n: int, values: list[float], p_round: float, lo: float, hi: float
) -> np.ndarray:
    odd = np.round(rng.uniform(lo, hi, n), 2)
    return np.where(rng.random(n) < p_round, _pick(rng, np.asarray(values, float), n), odd)


def _lognormal(rng: np.random.Generator, n: int, median: float, sigma: float) -> np.ndarray:
    return np.round(np.maximum(1.0, rng.lognormal(np.log(median), sigma, n)), 2)


def _handles(rng: np.random.Generator, n: int) -> np.ndarray:
    a, b = _pick(rng, SYLL, n), _pick(rng, SYLL, n)
    sep = _pick(rng, np.array(["", "_", ".", ""]), n)
    num = rng.integers(1, 2000, n).astype(str)
    pre = _pick(rng, np.array(["@", "@", "@", "ig @", "tg: @"]), n)
    return np.char.add(np.char.add(np.char.add(np.char.add(pre, a), b), sep), num)


class Registry:
    """Every account (customers, counterparties, merchants) with its attributes and label."""

    FIELDS = (
        "kind",
        "country",
        "book",
        "zone",
        "given",
        "surname",
        "sex",
        "birth",
        "mcc",
        "population",
        "label",
        "typology",
        "role",
        "hard",
        "device",
    )

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.cols: dict[str, list[np.ndarray]] = {f: [] for f in self.FIELDS}
        self.n = 0

    def add(self, n: int, **attrs: object) -> np.ndarray:
        defaults: dict[str, object] = {
            "kind": "person",
            "country": "AU",
            "book": "",
            "zone": SYD,
            "given": "",
            "surname": "",
            "sex": "",
            "birth": 0,
            "mcc": "",
            "population": "",
            "label": 0,
            "typology": "",
            "role": "",
            "hard": False,
            "device": "",
        }
        defaults.update(attrs)
        for f in self.FIELDS:
            v = defaults[f]
            arr = v if isinstance(v, np.ndarray) else np.full(n, v)
            assert len(arr) == n, f
            self.cols[f].append(arr)
        idx = np.arange(self.n, self.n + n)
        self.n += n
        return idx

    def people(
        self,
        n: int,
        country: str,
        sex: np.ndarray | str,
        birth_lo: int,
        birth_hi: int,
        surname: np.ndarray | None = None,
        **attrs: object,
    ) -> np.ndarray:
        rng = self.rng
        sexes = sex if isinstance(sex, np.ndarray) else np.full(n, sex)
        m, f, s = NAMES_SPLIT[CULTURE_OF[country]]
        given = np.where(sexes == "M", _pick(rng, m, n), _pick(rng, f, n))
        sur = surname if surname is not None else _pick(rng, s, n)
        return self.add(
            n,
            country=country,
            sex=sexes,
            given=given,
            surname=sur,
            birth=rng.integers(birth_lo, birth_hi + 1, n),
            **attrs,
        )

    def customers(
        self,
        n: int,
        population: str,
        sex: np.ndarray | str | None = None,
        birth: tuple[int, int] = (1950, 2003),
        country: str | None = None,
        culture_country: str | None = None,
        **attrs: object,
    ) -> np.ndarray:
        """Customers of the bank: AU book (85%) or NZ book, with a zone and an app device."""
        rng = self.rng
        nz = (rng.random(n) < 0.15) if country is None else np.full(n, country == "NZ")
        cc = np.where(nz, "NZ", "AU")
        zone = np.where(nz, AKL, rng.choice(AU_ZONES, n, p=AU_ZONE_P))
        sexes = sex if sex is not None else np.where(rng.random(n) < 0.5, "M", "F")
        sexes = sexes if isinstance(sexes, np.ndarray) else np.full(n, sexes)
        m, f, s = NAMES_SPLIT[CULTURE_OF[culture_country or "AU"]]
        given = np.where(sexes == "M", _pick(rng, m, n), _pick(rng, f, n))
        device = np.char.add("dv", rng.integers(10**9, 10**10, n).astype(str))
        return self.add(
            n,
            kind="customer",
            country=cc,
            book=np.where(nz, "NZ", "AU"),
            zone=zone,
            given=given,
            surname=_pick(rng, s, n),
            sex=sexes,
            birth=rng.integers(birth[0], birth[1] + 1, n),
            population=population,
            device=device,
            **attrs,
        )

    def merchants(
        self, names: list[str], country: str, mcc: str, kind: str = "merchant"
    ) -> np.ndarray:
        n = len(names)
        return self.add(
            n, kind=kind, country=country, given=np.array(names), mcc=mcc, population=kind
        )

    def col(self, f: str) -> np.ndarray:
        return np.concatenate(self.cols[f])

    def set(self, f: str, idx: np.ndarray, value: object) -> None:
        """Set a field for some accounts (after creation)."""
        full = self.col(f)
        if full.dtype.kind == "U":  # widen, so a longer value is not truncated
            longest = max((len(str(x)) for x in np.atleast_1d(value)), default=0)
            full = full.astype(f"<U{max(full.dtype.itemsize // 4, longest)}")
        full[idx] = value
        self.cols[f] = [full]


class Rows:
    """Transactions as parts; t = UTC seconds since 2025-01-01, s/r = registry indices."""

    def __init__(self) -> None:
        self.parts: list[pl.DataFrame] = []

    def add(
        self,
        t: np.ndarray,
        s: np.ndarray | int,
        r: np.ndarray | int,
        amount: np.ndarray | float,
        currency: np.ndarray | str,
        channel: np.ndarray | str,
        memo: np.ndarray | str = "",
        label: int = 0,
        typ: str = "",
        lone: np.ndarray | bool = False,
    ) -> None:
        n = len(t)
        if n == 0:
            return

        def full(v: object, dtype: object = None) -> np.ndarray:
            return v if isinstance(v, np.ndarray) else np.full(n, v, dtype=dtype)  # type: ignore[arg-type]

        self.parts.append(
            pl.DataFrame(
                {
                    "t": np.asarray(t, np.int64),
                    "s": full(s).astype(np.int64),
                    "r": full(r).astype(np.int64),
                    "amount": np.round(full(amount).astype(float), 2),
                    "currency": full(currency).astype(str),
                    "channel": full(channel).astype(str),
                    "memo": full(memo).astype(str),
                    "label": np.full(n, label, np.int8),
                    "typ": np.full(n, typ),
                    "lone": full(lone).astype(bool),
                }
            )
        )


class World:
    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.reg = Registry(rng)
        self.rows = Rows()
        reg = self.reg
        # Merchants and counterparties shared by everyone.
        self.remitters = np.concatenate(
            [
                reg.merchants(["SWIFTSEND* ONLINE", "KABAYAN REMIT AU"], "AU", "4829"),
                reg.merchants(["GLOBEPAY TRANSFER"], "GB", "4829"),
                reg.merchants(["SENDLY.COM"], "US", "4829"),
            ]
        )
        self.wallets = reg.merchants(["PAYWALLET *TOPUP", "E-PURSE AUSTRALIA"], "AU", "6540")
        self.exchanges = np.concatenate(
            [
                reg.merchants(["COINHARBOUR PTY", "SOUTHERN DIGITAL ASSETS"], "AU", "6051"),
                reg.merchants(["KIWICOIN LTD"], "NZ", "6051"),
            ]
        )
        self.vpn = np.concatenate(
            [
                reg.merchants(["SECURETUNNEL VPN", "PRIVACYNET SUBSCR"], "US", "4816"),
                reg.merchants(["SCREENGRAB PRO"], "GB", "5734"),
            ]
        )
        self.webcam = reg.merchants(["LIVECAMS*TOKENS", "STREAMSTAR TOKENS"], "CY", "5967")
        self.creator = np.concatenate(
            [
                reg.merchants(["FANPAGES*SUB", "CREATORCLUB"], "GB", "5968"),
                reg.merchants(["TIPJAR*CREATOR"], "US", "5968"),
            ]
        )
        self.games = np.concatenate(
            [
                reg.merchants(["GAMESTORE*CREDIT", "PLAYCOINS", "APPSTORE*DIGITAL"], "US", "5816"),
                reg.merchants(["GIFTCARD HUB"], "AU", "5947"),
            ]
        )
        self.airlines = np.concatenate(
            [
                reg.merchants(["AUSAIR ONLINE", "SOUTHERN CROSS AIR"], "AU", "4511"),
                reg.merchants(["PACIFIC ISLES AIR"], "PH", "4511"),
                reg.merchants(["SIAM SKY AIR"], "TH", "4511"),
            ]
        )
        towns_work = [
            "TARLAC",
            "CABANATUAN",
            "LEGAZPI",
            "TACLOBAN",
            "ILIGAN",
            "BUTUAN",
            "DAGUPAN",
            "ROXAS",
            "KORONADAL",
            "CALBAYOG",
        ]
        towns_resort = ["BORACAY", "EL NIDO", "PANGLAO", "CORON", "MACTAN"]
        self.hotels_work = reg.merchants([f"{t} LODGE INN" for t in towns_work], "PH", "7011")
        self.hotels_resort = np.concatenate(
            [
                reg.merchants([f"{t} BEACH RESORT" for t in towns_resort], "PH", "7011"),
                reg.merchants(["PATONG BAY HOTEL", "KATA SANDS RESORT"], "TH", "7011"),
                reg.merchants(["KUTA SURF HOTEL", "UBUD GARDEN VILLAS"], "ID", "7011"),
            ]
        )
        self.atm = {
            c: reg.merchants([f"ATM {c} {i:03d}" for i in range(12)], c, "6011")
            for c in ("AU", "NZ", "PH", "TH", "ID")
        }
        self.gifts = {
            c: np.concatenate(
                [
                    reg.merchants([f"GOLD JEWELLERY {c} {i}" for i in range(3)], c, "5944"),
                    reg.merchants([f"TOY AND GIFT {c} {i}" for i in range(3)], c, "5945"),
                ]
            )
            for c in ("PH", "TH")
        }
        self.shops_abroad = {
            c: reg.merchants([f"SHOP {c} {i:02d}" for i in range(10)], c, "5311")
            for c in ("PH", "TH", "ID")
        }
        mccs = [
            "5411",
            "5311",
            "5732",
            "5812",
            "5815",
            "5817",
            "4121",
            "5999",
            "5691",
            "4899",
            "5912",
            "7832",
            "5541",
        ]
        dom = [reg.merchants([f"ONLINE {m} {i:03d}" for i in range(15)], "AU", m) for m in mccs]
        xb = [
            reg.merchants([f"WEBSTORE {c} {i:02d}" for i in range(8)], c, "5311")
            for c in ("US", "GB", "IE", "SG", "CN")
        ]
        self.shops = np.concatenate(dom + xb)
        self.billers = {
            "AU": reg.add(
                50,
                kind="biller",
                given=np.array([f"BPAY BILLER {i:05d}" for i in range(50)]),
                population="biller",
            ),
            "NZ": reg.add(
                12,
                kind="biller",
                country="NZ",
                given=np.array([f"NZ BILLER {i:03d}" for i in range(12)]),
                population="biller",
            ),
        }
        self.charity_dom = reg.add(
            6,
            kind="org",
            given=np.array([f"CHILD SPONSOR CHARITY {i}" for i in range(6)]),
            population="charity",
        )
        self.gov = {
            "AU": reg.add(1, kind="org", given="SERVICES AUSTRALIA", population="government"),
            "NZ": reg.add(
                1, kind="org", country="NZ", given="MSD NZ BENEFIT", population="government"
            ),
        }

    # -- time -------------------------------------------------------------------------------
    def local_times(self, days: np.ndarray, profile: str | np.ndarray) -> np.ndarray:
        """Seconds since local 2025-01-01 00:00, with hours drawn from a profile (or mixture)."""
        rng = self.rng
        n = len(days)
        if isinstance(profile, str):
            hours = rng.choice(24, n, p=HOURS[profile])
        else:
            hours = np.empty(n, np.int64)
            for p in np.unique(profile):
                m = profile == p
                hours[m] = rng.choice(24, int(m.sum()), p=HOURS[str(p)])
        return days.astype(np.int64) * 86400 + hours * 3600 + rng.integers(0, 3600, n)

    def to_utc(self, local: np.ndarray, zone: np.ndarray | int) -> np.ndarray:
        z = np.broadcast_to(np.asarray(zone), local.shape)
        rule = ZONE_RULE[z]
        start = np.where(rule == 2, DST_START[2], DST_START[1])
        dst = (rule > 0) & ((local < DST_END) | (local >= start))
        return local - np.where(dst, ZONE_DST[z], ZONE_STD[z]).astype(np.int64) * 60

    def zone(self, idx: np.ndarray) -> np.ndarray:
        return self.reg.col("zone")[idx].astype(np.int64)

    def cur(self, idx: np.ndarray) -> np.ndarray:
        return np.where(self.reg.col("book")[idx] == "NZ", "NZD", "AUD")


# ---------------------------------------------------------------------------------------------
# Benign background.
# ---------------------------------------------------------------------------------------------


def everyday(w: World, cust: np.ndarray, n_rows: int) -> None:
    """Ordinary banking for every customer: pay, benefits, bills, PayID, online cards, ATM."""
    rng, reg = w.rng, w.reg
    n = len(cust)
    activity = rng.lognormal(0, 0.5, n)
    zone = w.zone(cust)
    book_cur = w.cur(cust)
    pop = reg.col("population")[cust]
    profile = np.where(pop == "night_worker", "shift", "mixed")
    # Pay: fortnightly (Thursday, AU) or monthly, credited overnight by batch.
    adult = reg.col("birth")[cust] < 2007  # youth accounts get pocket money, not pay
    employed = (rng.random(n) < 0.55) & adult
    fortnightly = rng.random(n) < 0.4
    nz = reg.col("book")[cust] == "NZ"
    ne = max(20, n // 40)
    employers = {
        c: reg.add(
            ne,
            kind="org",
            population="employer",
            country=c,
            given=np.array(
                [f"EMPLOYER {c}{i:05d} {'PTY' if c == 'AU' else 'LTD'}" for i in range(ne)]
            ),
        )
        for c in ("AU", "NZ")
    }
    pick = rng.integers(0, ne, n)
    emp = np.where(nz, employers["NZ"][pick], employers["AU"][pick])
    salary = _lognormal(rng, n, 2400, 0.45)
    sal_rows = 0
    for fort in (True, False):
        m = employed & (fortnightly == fort)
        idx = np.flatnonzero(m)
        per = 26 if fort else 12
        step = 14 if fort else 30.4
        phase = rng.integers(0, 14 if fort else 28, len(idx))
        k = np.tile(np.arange(per), len(idx))
        who = np.repeat(idx, per)
        days = (np.repeat(phase, per) + k * step).astype(np.int64)
        ok = days < DAYS
        who, days = who[ok], days[ok]
        loc = w.local_times(days, "batch")
        amt = salary[who] * (1 if fort else 2.15) * rng.normal(1, 0.03, len(who))
        w.rows.add(
            w.to_utc(loc, zone[who]),
            emp[who],
            cust[who],
            amt,
            book_cur[who],
            "bank",
            memo=np.char.add("PAY ", rng.integers(1000, 9999, len(who)).astype(str)),
        )
        sal_rows += len(who)
    # Benefits for some of those without pay.
    ben = np.flatnonzero(~employed & adult & (rng.random(n) < 0.35))
    who = np.repeat(ben, 26)
    days = np.repeat(rng.integers(0, 14, len(ben)), 26) + np.tile(np.arange(26) * 14, len(ben))
    ok = days < DAYS
    who, days = who[ok], days[ok]
    w.rows.add(
        w.to_utc(w.local_times(days, "batch"), zone[who]),
        np.where(nz[who], w.gov["NZ"][0], w.gov["AU"][0]),
        cust[who],
        _lognormal(rng, len(who), 800, 0.2),
        book_cur[who],
        "bank",
        memo=np.where(nz[who], "MSD BENEFIT", "CENTRELINK"),
    )
    left = max(0, n_rows - sal_rows - len(who))
    # Other event types, means per customer-year before scaling.
    kinds = {"bill": 6.0, "p2p_out": 3.5, "p2p_in": 2.0, "card": 4.5, "atm": 1.5, "vpn": 0.25}
    scale = left / max(1.0, n * sum(kinds.values()))
    nf = max(50, n // 3)
    friends = {
        c: reg.people(
            nf,
            c,
            np.where(rng.random(nf) < 0.5, "M", "F"),
            1950,
            2006,
            kind="external",
            population="domestic_person",
            zone=SYD if c == "AU" else AKL,
        )
        for c in ("AU", "NZ")
    }
    for kind, mean in kinds.items():
        counts = rng.poisson(mean * scale * activity)
        if kind == "vpn":  # a minority of ordinary customers pay for VPNs/privacy tools monthly
            counts = np.where(rng.random(n) < 0.08, rng.integers(3, 13, n), 0)
        who = np.repeat(np.arange(n), counts)
        m = len(who)
        days = rng.integers(0, DAYS, m)
        prof = profile[who]
        s = cust[who]
        if kind == "bill":
            j = cust[who] * 7 + rng.integers(0, 4, m)
            r = np.where(
                nz[who],
                w.billers["NZ"][j % len(w.billers["NZ"])],
                w.billers["AU"][j % len(w.billers["AU"])],
            )
            amt = _lognormal(rng, m, 140, 0.7)
            w.rows.add(
                w.to_utc(w.local_times(days, prof), zone[who]),
                s,
                r,
                amt,
                book_cur[who],
                "other",
                memo=np.char.add("BPAY ", r.astype(str)),
            )
        elif kind in ("p2p_out", "p2p_in"):
            to_cust = rng.random(m) < 0.4
            j = (cust[who] * 7919 + rng.integers(0, 6, m) * 104729) % nf
            other = np.where(
                to_cust,
                cust[rng.integers(0, n, m)],
                np.where(nz[who], friends["NZ"][j], friends["AU"][j]),
            )
            # Customers pay customers of their own book (PayID is domestic).
            mism = to_cust & (nz[np.minimum(np.searchsorted(cust, other), n - 1)] != nz[who])
            other[mism] = np.where(nz[who][mism], friends["NZ"][j[mism]], friends["AU"][j[mism]])
            amt = _round_amount(
                rng, m, [10, 20, 20, 25, 30, 40, 50, 50, 60, 80, 100, 150, 200], 0.6, 5, 400
            )
            memo = _pick(rng, P2P_MEMO, m)
            chan = np.where(rng.random(m) < 0.7, "p2p", "bank")
            t = w.to_utc(w.local_times(days, prof), zone[who])
            if kind == "p2p_out":
                w.rows.add(t, s, other, amt, book_cur[who], chan, memo=memo)
            else:
                w.rows.add(t, other, s, amt, book_cur[who], chan, memo=memo)
        elif kind == "card":
            r = w.shops[rng.integers(0, len(w.shops), m)]
            amt = _lognormal(rng, m, 45, 0.9)
            w.rows.add(
                w.to_utc(w.local_times(days, prof), zone[who]), s, r, amt, book_cur[who], "card"
            )
        elif kind == "atm":
            bk = reg.col("book")[s]
            r = np.where(bk == "NZ", _pick(rng, w.atm["NZ"], m), _pick(rng, w.atm["AU"], m))
            amt = _pick(rng, np.array([20.0, 50, 60, 100, 100, 200, 200, 300, 400]), m)
            w.rows.add(
                w.to_utc(w.local_times(days, prof), zone[who]), s, r, amt, book_cur[who], "card"
            )
        else:
            r = _pick(rng, w.vpn[:2], m)
            amt = _pick(rng, np.array([7.99, 9.99, 12.95, 14.99]), m)
            w.rows.add(
                w.to_utc(w.local_times(days, prof), zone[who]), s, r, amt, book_cur[who], "card"
            )


def _msb_amount(
    w: World,
    n: int,
    aud: np.ndarray,
    dest: np.ndarray,
    cur: np.ndarray,
    p_fixed: float,
    php: list[float],
    thb: list[float],
) -> tuple[np.ndarray, np.ndarray]:
    """Partner-remitter rows: the customer either sends AUD/NZD or fixes the receive amount."""
    rng = w.rng
    fixed = (rng.random(n) < p_fixed) & np.isin(dest, ["PH", "TH"])
    amt = aud.copy()
    out_cur = cur.copy()
    ph = fixed & (dest == "PH")
    th = fixed & (dest == "TH")
    amt[ph] = _pick(rng, np.asarray(php, float), int(ph.sum()))
    amt[th] = _pick(rng, np.asarray(thb, float), int(th.sum()))
    out_cur[ph] = "PHP"
    out_cur[th] = "THB"
    return amt, out_cur


def _msb_memo(w: World, n: int, message: np.ndarray) -> np.ndarray:
    purpose = _pick(w.rng, PURPOSES, n)
    return np.where(message == "", purpose, np.char.add(np.char.add(purpose, " | "), message))


def remittances(
    w: World,
    senders: np.ndarray,
    receivers: np.ndarray,
    days: np.ndarray,
    aud: np.ndarray,
    profile: str | np.ndarray,
    message: np.ndarray,
    chan_p: tuple[float, float, float, float],
    label: int = 0,
    typ: str = "",
    p_fixed: float = 0.4,
    php: list[float] | None = None,
    thb: list[float] | None = None,
) -> None:
    """Outbound payments to people abroad through msb / SWIFT (beneficiary visible) or a card
    payment to an online remitter / wallet top-up (beneficiary hidden, 'lone')."""
    rng, reg = w.rng, w.reg
    n = len(senders)
    if n == 0:
        return
    php = php or [1000, 1500, 2000, 2500, 3000, 5000, 10000, 15000, 20000]
    thb = thb or [500, 1000, 2000, 3000, 5000, 10000]
    t = w.to_utc(w.local_times(days, profile), w.zone(senders))
    cur = w.cur(senders)
    dest = reg.col("country")[receivers]
    chan = rng.choice(4, n, p=np.asarray(chan_p) / sum(chan_p))
    # 0 msb, 1 SWIFT, 2 card to online remitter, 3 wallet top-up
    amt, cur2 = _msb_amount(w, n, aud, dest, cur, p_fixed, php, thb)
    msb = chan == 0
    w.rows.add(
        t[msb],
        senders[msb],
        receivers[msb],
        amt[msb],
        cur2[msb],
        "msb",
        memo=_msb_memo(w, int(msb.sum()), message[msb]),
        label=label,
        typ=typ,
    )
    sw = chan == 1
    w.rows.add(
        t[sw],
        senders[sw],
        receivers[sw],
        aud[sw],
        cur[sw],
        "bank",
        memo=message[sw],
        label=label,
        typ=typ,
    )
    cd = chan == 2
    w.rows.add(
        t[cd],
        senders[cd],
        _pick(rng, w.remitters, int(cd.sum())),
        aud[cd] + 2.99,
        cur[cd],
        "card",
        label=label,
        typ=typ,
        lone=label == 1,
    )
    wl = chan == 3
    w.rows.add(
        t[wl],
        senders[wl],
        _pick(rng, w.wallets, int(wl.sum())),
        aud[wl],
        cur[wl],
        "ewallet",
        label=label,
        typ=typ,
        lone=label == 1,
    )
    # Retries: a few msb transfers sent again a few minutes later (first attempt timed out).
    if label == 0:
        idx = np.flatnonzero(msb & (rng.random(n) < 0.01))
        w.rows.add(
            t[idx] + rng.integers(60, 900, len(idx)),
            senders[idx],
            receivers[idx],
            amt[idx],
            cur2[idx],
            "msb",
            memo=_msb_memo(w, len(idx), message[idx]),
        )


def diaspora(w: World, n_rows: int, allowance_rows: int) -> None:
    """SEA-born customers remitting to family near paydays; some also send small 'load'."""
    rng, reg = w.rng, w.reg
    per = 20
    n = max(10, n_rows // per)
    origin = rng.choice(
        np.array(["PH", "TH", "VN", "ID", "KH"]), n, p=[0.6, 0.15, 0.15, 0.05, 0.05]
    )
    cust = np.empty(n, np.int64)
    for c in np.unique(origin):
        m = origin == c
        cust[m] = reg.customers(
            int(m.sum()), "diaspora_family", culture_country=str(c), birth=(1960, 2000)
        )
    sur = reg.col("surname")[cust]
    k_recv = rng.integers(1, 4, n)
    owner = np.repeat(np.arange(n), k_recv)
    same = rng.random(len(owner)) < 0.65
    recv = np.empty(len(owner), np.int64)
    for c in np.unique(origin):
        m = origin[owner] == c
        sx = np.where(rng.random(int(m.sum())) < 0.7, "F", "M")
        recv[m] = reg.people(
            int(m.sum()),
            str(c),
            sx,
            1945,
            2004,
            kind="external",
            population="family_abroad",
            zone=MNL,
            surname=np.where(
                same[m], sur[owner[m]], _pick(rng, NAMES_SPLIT[CULTURE_OF[str(c)]][2], int(m.sum()))
            ),
        )
    first = np.r_[0, np.cumsum(k_recv)[:-1]]
    counts = rng.poisson(per, n)
    who = np.repeat(np.arange(n), counts)
    m = len(who)
    payday = rng.integers(0, 14, n)
    days = np.minimum(DAYS - 1, payday[who] + 14 * rng.integers(0, 26, m) + rng.integers(0, 3, m))
    r = recv[first[who] + rng.integers(0, k_recv[who])]
    aud = _lognormal(rng, m, 385, 0.6)
    aud = np.where(rng.random(m) < 0.75, np.maximum(10, np.round(aud / 10) * 10), aud)
    o = origin[who]
    msg = np.where(
        o == "TH",
        _pick(rng, FAMILY_MSG_TH, m),
        np.where(o == "VN", _pick(rng, FAMILY_MSG_VN, m), _pick(rng, FAMILY_MSG, m)),
    )
    msg = np.where(rng.random(m) < 0.5, "", msg)
    shift = rng.random(n) < 0.15  # nurses and carers on night shifts remit after the shift
    prof = np.where(shift[who], "shift", "evening")
    remittances(w, cust[who], r, days, aud, prof, msg, (0.55, 0.15, 0.2, 0.1))
    # Small frequent amounts to young relatives (nieces, nephews): hard negative for T7/T1.
    if allowance_rows > 0:
        k = max(3, allowance_rows // 30)
        givers = rng.choice(
            np.flatnonzero(origin == "PH"), min(k, int((origin == "PH").sum())), replace=False
        )
        kids = reg.people(
            len(givers),
            "PH",
            np.where(rng.random(len(givers)) < 0.5, "M", "F"),
            2007,
            2012,
            surname=sur[givers],
            kind="external",
            population="young_relative",
            hard=True,
            zone=MNL,
        )
        reg.set("population", cust[givers], "diaspora_allowance")
        reg.set("hard", cust[givers], True)
        cnt = rng.poisson(allowance_rows / len(givers), len(givers))
        g = np.repeat(np.arange(len(givers)), cnt)
        mm = len(g)
        aud = _round_amount(rng, mm, [20, 25, 30, 40, 50, 60], 0.85, 15, 70)
        msg = np.where(
            rng.random(mm) < 0.6,
            _pick(
                rng,
                np.array(["load", "baon", "pang load", "allowance", "pang snacks", "school"]),
                mm,
            ),
            "",
        )
        remittances(
            w,
            cust[givers[g]],
            kids[g],
            rng.integers(0, DAYS, mm),
            aud,
            "evening",
            msg,
            (0.7, 0.0, 0.2, 0.1),
            php=[200, 300, 500, 1000, 1500],
        )


def partner_support(w: World, n_rows: int) -> None:
    """Men supporting a partner in PH/TH: frequent round amounts, no surname match, visits."""
    rng, reg = w.rng, w.reg
    n = max(3, n_rows // 45)
    cust = reg.customers(n, "partner_support", sex="M", birth=(1955, 1990), hard=True)
    c = rng.choice(np.array(["PH", "TH"]), n, p=[0.75, 0.25])
    partner = np.empty(n, np.int64)
    for cc in ("PH", "TH"):
        m = c == cc
        partner[m] = reg.people(
            int(m.sum()),
            cc,
            "F",
            1980,
            2001,
            kind="external",
            population="partner_abroad",
            hard=True,
            zone=MNL,
        )
    cnt = rng.poisson(36, n)
    who = np.repeat(np.arange(n), cnt)
    m = len(who)
    aud = _round_amount(rng, m, [50, 100, 100, 150, 200, 250, 300], 0.85, 40, 400)
    msg = np.where(
        rng.random(m) < 0.5,
        "",
        _pick(
            rng,
            np.array(
                ["for rent", "bills", "allowance", "love you", "groceries", "for mama", "load"]
            ),
            m,
        ),
    )
    remittances(
        w,
        cust[who],
        partner[who],
        rng.integers(0, DAYS, m),
        aud,
        np.where(rng.random(m) < 0.3, "night", "evening"),
        msg,
        (0.6, 0.05, 0.2, 0.15),
    )
    # Visits to the partner's home town (outside the resort areas), 10-28 days.
    visit = rng.random(n) < 0.4
    trips(w, cust[visit & (c == "PH")], "PH", w.hotels_work, (10, 28), (1, 2), 0, "")
    th_hotels = w.hotels_resort[w.reg.col("country")[w.hotels_resort] == "TH"]
    trips(w, cust[visit & (c == "TH")], "TH", th_hotels, (10, 28), (1, 2), 0, "")


def trips(
    w: World,
    cust: np.ndarray,
    country: str,
    hotels: np.ndarray,
    length: tuple[int, int],
    n_trips: tuple[int, int],
    label: int,
    typ: str,
    gifts: float = 0.1,
) -> None:
    """Travel spend: a flight, hotel nights, ATM withdrawals, shops and gifts abroad."""
    rng = w.rng
    if len(cust) == 0:
        return
    k = rng.integers(n_trips[0], n_trips[1] + 1, len(cust))
    who = np.repeat(cust, k)
    m = len(who)
    dur = rng.integers(length[0], length[1] + 1, m)
    start = rng.integers(20, max(21, DAYS - dur.max() - 1), m)
    cur = w.cur(who)
    zone_home = w.zone(who)
    # Flight, booked from home 10-60 days earlier.
    book = np.maximum(0, start - rng.integers(10, 60, m))
    air = w.airlines[rng.integers(0, len(w.airlines), m)]
    w.rows.add(
        w.to_utc(w.local_times(book, "evening"), zone_home),
        who,
        air,
        _lognormal(rng, m, 1100, 0.3),
        cur,
        "card",
        label=label,
        typ=typ,
    )
    dest_zone = {"PH": MNL, "TH": BKK, "ID": DPS}[country]
    hotel = hotels[rng.integers(0, len(hotels), m)]
    # Hotel charged every ~7 nights; ATM every 2-4 days; shops and gifts.
    for what, every, pool, med in (
        ("hotel", 7, None, 90),
        ("atm", 4, w.atm[country], 0),
        ("shop", 6, w.shops_abroad[country], 40),
        ("gift", 0, w.gifts.get(country), 150),
    ):
        if what == "gift":
            if pool is None:
                continue
            cnt = rng.binomial(3, gifts, m)
        else:
            cnt = np.maximum(1, dur // every)
        j = np.repeat(np.arange(m), cnt)
        mm = len(j)
        day = start[j] + rng.integers(0, np.maximum(1, dur[j]))
        t = w.to_utc(w.local_times(day, "travel"), dest_zone)
        if what == "hotel":
            r, amt = hotel[j], _lognormal(rng, mm, 60, 0.4) * 7
        elif what == "atm":
            assert pool is not None
            r, amt = _pick(rng, pool, mm), _pick(rng, np.array([100.0, 150, 200, 300, 400]), mm)
        else:
            assert pool is not None
            r, amt = _pick(rng, pool, mm), _lognormal(rng, mm, med, 0.7)
        w.rows.add(t, who[j], r, amt, cur[j], "card", label=label, typ=typ)


def romance_victims(w: World, n_rows: int) -> None:
    """Escalating payments to one receiver abroad (a scam victim, not an offender)."""
    rng, reg = w.rng, w.reg
    n = max(2, n_rows // 15)
    cust = reg.customers(n, "romance_victim", birth=(1945, 1975), hard=True)
    cc = rng.choice(np.array(["NG", "GH", "PH", "GB", "US"]), n)
    rec = np.empty(n, np.int64)
    for c in np.unique(cc):
        m = cc == c
        rec[m] = reg.people(
            int(m.sum()),
            str(c),
            "M",
            1975,
            1998,
            kind="external",
            population="romance_scammer",
            hard=True,
            zone=MNL,
        )
    cnt = rng.integers(6, 25, n)
    who = np.repeat(np.arange(n), cnt)
    step = np.concatenate([np.arange(k) for k in cnt])
    start = rng.integers(0, 200, n)
    days = np.minimum(DAYS - 1, start[who] + step * rng.integers(3, 10, len(who)))
    aud = np.round(200 * 1.25**step * rng.lognormal(0, 0.2, len(who)), 2)
    aud = np.where(rng.random(len(who)) < 0.85, np.round(aud, -1), aud)
    msg = _pick(
        rng,
        np.array(["customs fee", "medical", "travel ticket", "visa", "hospital", "loan", ""]),
        len(who),
    )
    remittances(w, cust[who], rec[who], days, aud, "evening", msg, (0.45, 0.45, 0.1, 0.0))


def creator_fans(w: World, n_rows: int) -> None:
    """Adult-creator platforms and adult creators paid directly: night, round tips."""
    rng, reg = w.rng, w.reg
    n = max(3, n_rows // 30)
    cust = reg.customers(
        n,
        "creator_fan",
        sex=np.where(rng.random(n) < 0.85, "M", "F"),
        birth=(1960, 2004),
        hard=True,
    )
    cnt = rng.poisson(22, n)
    who = np.repeat(np.arange(n), cnt)
    m = len(who)
    plat = np.where(rng.random(m) < 0.6, _pick(rng, w.creator, m), _pick(rng, w.webcam, m))
    amt = _round_amount(rng, m, [10, 15, 20, 25, 50, 100], 0.7, 8, 150)
    prof = np.where(rng.random(m) < 0.55, "night", "evening")
    w.rows.add(
        w.to_utc(w.local_times(rng.integers(0, DAYS, m), prof), w.zone(cust[who])),
        cust[who],
        plat,
        amt,
        w.cur(cust[who]),
        "card",
    )
    # A quarter also pays a PH/TH adult creator directly, via the remitter.
    direct = np.flatnonzero(rng.random(n) < 0.25)
    if len(direct):
        crea = reg.people(
            max(1, len(direct) // 3),
            "PH",
            "F",
            1990,
            2004,
            kind="external",
            population="adult_creator",
            hard=True,
            zone=MNL,
        )
        k = rng.integers(3, 12, len(direct))
        d = np.repeat(direct, k)
        mm = len(d)
        aud = _round_amount(rng, mm, [20, 30, 50, 50, 100], 0.8, 15, 150)
        msg = np.where(rng.random(mm) < 0.5, _handles(rng, mm), "")
        remittances(
            w,
            cust[d],
            _pick(rng, crea, mm),
            rng.integers(0, DAYS, mm),
            aud,
            "night",
            msg,
            (0.6, 0.0, 0.2, 0.2),
        )


def va_employers(w: World, n_rows: int) -> None:
    """Small businesses and families paying PH virtual assistants/tutors: fan-in, daytime."""
    rng, reg = w.rng, w.reg
    n_va = max(2, n_rows // 120)
    va = reg.people(
        n_va,
        "PH",
        np.where(rng.random(n_va) < 0.7, "F", "M"),
        1985,
        2002,
        kind="external",
        population="virtual_assistant",
        hard=True,
        zone=MNL,
    )
    n = max(3, n_rows // 30)
    cust = reg.customers(n, "va_employer", birth=(1960, 1995), hard=True)
    tie = rng.integers(0, n_va, n)  # several clients per assistant
    cnt = rng.poisson(30, n)
    who = np.repeat(np.arange(n), cnt)
    m = len(who)
    aud = _round_amount(rng, m, [80, 100, 120, 150, 200, 250, 300], 0.6, 60, 400)
    msg = np.where(
        rng.random(m) < 0.7,
        np.char.add(
            _pick(rng, np.array(["INV ", "VA services wk ", "tutoring ", "admin support "]), m),
            rng.integers(1, 60, m).astype(str),
        ),
        "",
    )
    remittances(
        w,
        cust[who],
        va[tie[who]],
        rng.integers(0, DAYS, m),
        aud,
        "office",
        msg,
        (0.5, 0.2, 0.1, 0.2),
        p_fixed=0.2,
    )


def charity(w: World, n_rows: int) -> None:
    """A typhoon appeal: hundreds of round gifts to one PH NGO account within weeks."""
    rng, reg = w.rng, w.reg
    ngo = reg.add(
        2,
        kind="org",
        country="PH",
        given=np.array(["TYPHOON RELIEF FOUNDATION", "ISLAND RECOVERY FUND"]),
        population="ngo_abroad",
        hard=True,
    )
    n = max(5, n_rows)
    cust = reg.customers(n, "charity_donor", birth=(1945, 2000), hard=True)
    event = np.where(rng.random(n) < 0.7, 290, 320)
    days = np.minimum(DAYS - 1, event + rng.geometric(0.15, n))
    aud = _round_amount(rng, n, [20, 25, 50, 50, 100, 100, 200], 0.9, 10, 250)
    msg = _pick(rng, np.array(["typhoon relief", "donation", "appeal", ""]), n)
    t = w.to_utc(w.local_times(days, "evening"), w.zone(cust))
    w.rows.add(t, cust, ngo[(event == 320).astype(int)], aud, w.cur(cust), "bank", memo=msg)


def student_sponsors(w: World, n_rows: int) -> None:
    """Sponsors paying a young PH student's school fees and allowance directly; plus monthly
    domestic child-sponsorship debits."""
    rng, reg = w.rng, w.reg
    n = max(3, n_rows // 24)
    cust = reg.customers(n, "student_sponsor", birth=(1950, 1985), hard=True)
    stu = reg.people(
        n,
        "PH",
        np.where(rng.random(n) < 0.6, "F", "M"),
        2003,
        2008,
        kind="external",
        population="sponsored_student",
        hard=True,
        zone=MNL,
    )
    cnt = rng.poisson(12, n)
    who = np.repeat(np.arange(n), cnt)
    m = len(who)
    aud = _round_amount(rng, m, [50, 100, 150, 200, 300, 500], 0.85, 40, 600)
    msg = _pick(
        rng,
        np.array(["school fees", "tuition", "allowance", "uniform", "books", "pang tuition", ""]),
        m,
    )
    remittances(
        w,
        cust[who],
        stu[who],
        rng.integers(0, DAYS, m),
        aud,
        "evening",
        msg,
        (0.6, 0.3, 0.05, 0.05),
        p_fixed=0.3,
    )
    # Monthly sponsorship debits to a domestic charity.
    who = np.repeat(np.arange(n), 12)
    days = np.tile(np.arange(12) * 30 + 1, n)
    w.rows.add(
        w.to_utc(w.local_times(days, "batch"), w.zone(cust[who])),
        cust[who],
        w.charity_dom[cust[who] % len(w.charity_dom)],
        48.0,
        w.cur(cust[who]),
        "other",
        memo="SPONSOR MONTHLY",
    )


def crypto_dca(w: World, n_rows: int) -> None:
    """Weekly round buys at an exchange (dollar-cost averaging) at any hour."""
    rng, reg = w.rng, w.reg
    n = max(3, n_rows // 40)
    cust = reg.customers(
        n, "crypto_dca", sex=np.where(rng.random(n) < 0.75, "M", "F"), birth=(1970, 2005), hard=True
    )
    exch = w.exchanges[rng.integers(0, len(w.exchanges), n)]
    size = _pick(rng, np.array([50.0, 100, 100, 150, 200, 250, 500]), n)
    cnt = np.minimum(52, rng.poisson(40, n))
    who = np.repeat(np.arange(n), cnt)
    start = rng.integers(0, 7, n)
    step = np.concatenate([np.arange(k) for k in cnt])
    days = np.minimum(DAYS - 1, start[who] + 7 * step)
    prof = np.where(rng.random(n) < 0.3, "night", "mixed")[who]
    chan = np.where(rng.random(n) < 0.7, "crypto", "card")[who]
    w.rows.add(
        w.to_utc(w.local_times(days, prof), w.zone(cust[who])),
        cust[who],
        exch[who],
        size[who],
        w.cur(cust[who]),
        chan,
    )


def teen_gamers(w: World, n_rows: int) -> None:
    """Youth accounts: pocket money in, bursts of game credit and PayID to friends out."""
    rng, reg = w.rng, w.reg
    n = max(3, n_rows // 30)
    cust = reg.customers(
        n, "teen_gamer", sex=np.where(rng.random(n) < 0.7, "M", "F"), birth=(2008, 2011), hard=True
    )
    parents = np.empty(n, np.int64)
    nzt = reg.col("book")[cust] == "NZ"
    for c, m in (("AU", ~nzt), ("NZ", nzt)):
        parents[m] = reg.people(
            int(m.sum()), c, "F", 1970, 1990, kind="external", population="parent", zone=SYD
        )
    who = np.repeat(np.arange(n), 26)
    days = np.tile(np.arange(26) * 14, n) + np.repeat(rng.integers(0, 14, n), 26)
    ok = days < DAYS
    who, days = who[ok], days[ok]
    w.rows.add(
        w.to_utc(w.local_times(days, "evening"), w.zone(cust[who])),
        parents[who],
        cust[who],
        _pick(rng, np.array([10.0, 20, 20, 30, 50]), len(who)),
        w.cur(cust[who]),
        "p2p",
        memo="pocket money",
    )
    # Sessions of 1-5 game/gift-card purchases within an evening.
    sess = rng.poisson(4, n)
    s_who = np.repeat(np.arange(n), sess)
    k = rng.integers(1, 6, len(s_who))
    j = np.repeat(s_who, k)
    day = np.repeat(rng.integers(0, DAYS, len(s_who)), k)
    base = w.local_times(day, "teen") + rng.integers(0, 7200, len(j))
    amt = _pick(rng, np.array([5.0, 10, 15, 20, 25, 50, 100]), len(j))
    w.rows.add(
        w.to_utc(base, w.zone(cust[j])),
        cust[j],
        _pick(rng, w.games, len(j)),
        amt,
        w.cur(cust[j]),
        "card",
    )
    # PayID to friends (other teens, sometimes a new payee: buying second-hand things).
    m2 = n * 3
    f = rng.integers(0, n, m2)
    groups = [np.flatnonzero(~nzt), np.flatnonzero(nzt)]
    g = rng.integers(0, n, m2)
    for b, grp in enumerate(groups):  # friends bank in the same country (PayID is domestic)
        m = nzt[f] == bool(b)
        if len(grp):
            g[m] = grp[rng.integers(0, len(grp), int(m.sum()))]
    w.rows.add(
        w.to_utc(w.local_times(rng.integers(0, DAYS, m2), "teen"), w.zone(cust[f])),
        cust[f],
        cust[g],
        _round_amount(rng, m2, [10, 20, 30, 50, 100], 0.7, 5, 300),
        w.cur(cust[f]),
        "p2p",
        memo=_pick(rng, P2P_MEMO, m2),
    )


def tourists(w: World, n_rows: int) -> None:
    rng, reg = w.rng, w.reg
    n = max(3, n_rows // 25)
    cust = reg.customers(n, "tourist", birth=(1950, 2003), hard=True)
    dest = rng.choice(np.array(["ID", "TH", "PH"]), n, p=[0.45, 0.35, 0.2])
    for c in ("ID", "TH", "PH"):
        hotels = w.hotels_resort[np.isin(w.reg.col("country")[w.hotels_resort], [c])]
        trips(w, cust[dest == c], c, hotels, (6, 14), (1, 2), 0, "", gifts=0.3)


def retirees(w: World, n_rows: int) -> None:
    """Retirees wintering for months in PH with a Filipino spouse; in-law remittances."""
    rng, reg = w.rng, w.reg
    n = max(2, n_rows // 90)
    cust = reg.customers(n, "retiree_expat", sex="M", birth=(1945, 1962), hard=True)
    trips(w, cust, "PH", w.hotels_work, (45, 120), (1, 1), 0, "", gifts=0.3)
    inlaw = reg.people(
        n, "PH", "F", 1950, 1990, kind="external", population="in_law", hard=True, zone=MNL
    )
    who = np.repeat(np.arange(n), 12)
    aud = _round_amount(rng, len(who), [100, 200, 300, 500], 0.9, 80, 600)
    remittances(
        w,
        cust[who],
        inlaw[who],
        rng.integers(0, DAYS, len(who)),
        aud,
        "evening",
        _pick(rng, FAMILY_MSG, len(who)),
        (0.7, 0.2, 0.1, 0.0),
    )


def intl_students(w: World, n_rows: int) -> None:
    """SEA students in AU receiving money from home by SWIFT/remitter (inbound cross-border)."""
    rng, reg = w.rng, w.reg
    n = max(3, n_rows // 12)
    origin = rng.choice(np.array(["PH", "TH", "VN", "ID"]), n)
    cust = np.empty(n, np.int64)
    home = np.empty(n, np.int64)
    for c in np.unique(origin):
        m = origin == c
        k = int(m.sum())
        cust[m] = reg.customers(k, "intl_student", birth=(1998, 2006), culture_country=str(c))
        home[m] = reg.people(
            k,
            str(c),
            "M",
            1960,
            1980,
            kind="external",
            population="parent_abroad",
            surname=reg.col("surname")[cust[m]],
            zone=MNL,
        )
    who = np.repeat(np.arange(n), 12)
    days = np.tile(np.arange(12) * 30, n) + rng.integers(0, 5, len(who))
    aud = _lognormal(rng, len(who), 900, 0.5)
    w.rows.add(
        w.to_utc(w.local_times(days, "office"), w.zone(cust[who])),
        home[who],
        cust[who],
        aud,
        w.cur(cust[who]),
        np.where(rng.random(len(who)) < 0.6, "bank", "msb"),
        memo="living expenses",
    )


# ---------------------------------------------------------------------------------------------
# Planted typologies.
# ---------------------------------------------------------------------------------------------


def _abroad(
    w: World,
    n: int,
    pop: str,
    role: str,
    typ: str,
    sex: str = "F",
    birth: tuple[int, int] = (1970, 2000),
    surname: np.ndarray | None = None,
    p_th: float = 0.2,
    country: str | None = None,
) -> np.ndarray:
    """Receivers abroad (PH mostly, TH, some VN/KH: note (d) new corridors)."""
    rng, reg = w.rng, w.reg
    c = rng.choice(np.array(["PH", "TH", "VN", "KH"]), n, p=[1 - p_th - 0.06, p_th, 0.03, 0.03])
    if country is not None:
        c = np.full(n, country)
    out = np.empty(n, np.int64)
    for cc in np.unique(c):
        m = c == cc
        out[m] = reg.people(
            int(m.sum()),
            str(cc),
            sex,
            birth[0],
            birth[1],
            kind="external",
            population=pop,
            label=1,
            typology=typ,
            role=role,
            zone=MNL,
            surname=None if surname is None else surname[m],
        )
    return out


def _offender_message(w: World, n: int, dest: np.ndarray) -> np.ndarray:
    """Cover words, handles, or nothing (note items 6 and T1)."""
    rng = w.rng
    u = rng.random(n)
    cover = np.where(dest == "TH", _pick(rng, COVER_TH, n), _pick(rng, COVER, n))
    return np.where(u < 0.4, cover, np.where(u < 0.55, _handles(rng, n), ""))


def _offenders(
    w: World, n: int, typ: str, role: str, birth: tuple[int, int] = (1955, 1995)
) -> np.ndarray:
    cust = w.reg.customers(n, "offender", sex="M", birth=birth, label=1, typology=typ, role=role)
    # Ancillary spending (item 8), labelled 0: VPN/screen-capture, webcam tokens.
    rng = w.rng
    vpn = cust[rng.random(n) < 0.4]
    k = rng.integers(3, 12, len(vpn))
    who = np.repeat(vpn, k)
    w.rows.add(
        w.to_utc(w.local_times(rng.integers(0, DAYS, len(who)), "night"), w.zone(who)),
        who,
        _pick(rng, w.vpn, len(who)),
        _pick(rng, np.array([9.99, 12.95, 59.0]), len(who)),
        w.cur(who),
        "card",
    )
    cam = cust[rng.random(n) < 0.15]
    k = rng.integers(2, 10, len(cam))
    who = np.repeat(cam, k)
    w.rows.add(
        w.to_utc(w.local_times(rng.integers(0, DAYS, len(who)), "night"), w.zone(who)),
        who,
        _pick(rng, w.webcam, len(who)),
        _pick(rng, np.array([20.0, 50, 100]), len(who)),
        w.cur(who),
        "card",
    )
    return cust


def consumer_stream(
    w: World,
    payer: int,
    recv: np.ndarray,
    recv_from: np.ndarray,
    n: int,
    start: int,
    end: int,
    typ: str,
    hidden: float = SHARE_LONE_HIDDEN,
    drift: bool = False,
) -> int:
    """One buyer's payments: sessions of 1-3 payments, mostly at night, to receivers active by
    then (newest preferred), round amounts in the band (note T1 parameters)."""
    rng, reg = w.rng, w.reg
    if n <= 0:
        return 0
    sess = max(1, round(n / 1.4))
    sday = np.sort(rng.integers(start, max(start + 1, end), sess))
    per = (
        rng.multinomial(n - sess, np.full(sess, 1 / sess)) + 1
        if n > sess
        else np.ones(sess, int)[:n]
    )
    sday = sday[: len(per)]
    days = np.repeat(sday, per)
    prof = np.where(rng.random(len(per)) < 0.7, "night", "evening")
    base = w.local_times(sday, prof)
    within = np.concatenate([np.sort(rng.integers(0, 5400, k)) for k in per])
    local = np.repeat(base, per) + within
    m = len(days)
    # Receivers: those already active on that day, the newest twice as likely.
    active = recv_from[None, :] <= days[:, None]
    active[:, 0] = True
    wgt = active * (1.0 + (np.arange(len(recv)) == (active.cumsum(1).argmax(1))[:, None]))
    wgt = wgt / wgt.sum(1, keepdims=True)
    pick = (wgt.cumsum(1) > rng.random(m)[:, None]).argmax(1)
    r = recv[pick]
    hi = 230.0 if not drift else 380.0
    aud = _round_amount(rng, m, [20, 25, 30, 40, 50, 50, 60, 70, 80, 100, 120, 150], 0.75, 18, hi)
    if drift:  # note (d) stress test: offenders moving to USD 150-250 late in the year
        late = days > (start + end) / 2
        aud[late] = _round_amount(rng, int(late.sum()), [250, 300, 350], 0.8, 230, 385)
    payer_arr = np.full(m, payer)
    dest = reg.col("country")[r]
    msg = _offender_message(w, m, dest)
    t_loc = local
    # remittances() draws its own times; place the days and keep the profile by local hour.
    t = w.to_utc(t_loc, w.zone(payer_arr))
    chan = rng.choice(
        4, m, p=[0.62 * (1 - hidden) / 0.75, 0.13 * (1 - hidden) / 0.75, hidden * 0.6, hidden * 0.4]
    )
    cur = w.cur(payer_arr)
    amt, cur2 = _msb_amount(
        w,
        m,
        aud,
        dest,
        cur,
        0.4,
        [500, 1000, 1500, 2000, 2500, 3000, 5000],
        [500, 1000, 1500, 2000, 3000],
    )
    for code, channel in ((0, "msb"), (1, "bank")):
        k = chan == code
        memo = _msb_memo(w, int(k.sum()), msg[k]) if code == 0 else msg[k]
        a, c = (amt[k], cur2[k]) if code == 0 else (aud[k], cur[k])
        w.rows.add(t[k], payer_arr[k], r[k], a, c, channel, memo=memo, label=1, typ=typ)
    k = chan == 2
    w.rows.add(
        t[k],
        payer_arr[k],
        _pick(rng, w.remitters, int(k.sum())),
        aud[k] + 2.99,
        cur[k],
        "card",
        label=1,
        typ=typ,
        lone=True,
    )
    k = chan == 3
    w.rows.add(
        t[k],
        payer_arr[k],
        _pick(rng, w.wallets, int(k.sum())),
        aud[k],
        cur[k],
        "ewallet",
        label=1,
        typ=typ,
        lone=True,
    )
    return m


def _lifetime(w: World, months: tuple[float, float]) -> tuple[int, int]:
    """A buyer's active span inside the year (lifetime 2-36 months, note T1; truncated)."""
    rng = w.rng
    life = int(rng.uniform(*months) * 30.4)
    start = int(rng.integers(-life + 60, DAYS - 30))
    return max(0, start), min(DAYS, start + life)


def _n_payments(w: World, start: int, end: int, per_month: tuple[float, float]) -> int:
    rate = np.exp(w.rng.uniform(np.log(per_month[0]), np.log(per_month[1])))
    return max(4, int(w.rng.poisson(rate * (end - start) / 30.4)))


def plant_t1(w: World, budget: int) -> list[int]:
    """Family-operation consumers with their own 1-8 receivers."""
    rng = w.rng
    used = 0
    facs: list[int] = []
    while used < budget or not facs:
        payer = int(_offenders(w, 1, "T1", "consumer")[0])
        k = int(rng.integers(1, 9))
        fam = _abroad(w, 1, "facilitator", "facilitator", "T1")
        cc = str(w.reg.col("country")[fam[0]])
        sur = np.full(k, w.reg.col("surname")[fam[0]])
        # Family operations: some receivers share the first one's surname.
        same = rng.random(k) < 0.4
        other = _pick(rng, NAMES_SPLIT[CULTURE_OF[cc]][2], k)
        rest = (
            _abroad(
                w,
                k - 1,
                "facilitator",
                "facilitator",
                "T1",
                country=cc,
                surname=np.where(same[1:], sur[1:], other[1:]),
            )
            if k > 1
            else np.array([], np.int64)
        )
        recv = np.r_[fam, rest]
        start, end = _lifetime(w, (2, 36))
        recv_from = np.r_[start, np.sort(rng.integers(start, end, k - 1))]
        n = min(_n_payments(w, start, end, (2, 30)), max(4, budget - used + 4))
        used += consumer_stream(
            w, payer, recv, recv_from, n, start, end, "T1", drift=bool(rng.random() < 0.1)
        )
        facs += recv.tolist()
    return facs


def plant_t2(w: World, budget: int) -> list[int]:
    """Hubs with household accounts, paid by many of this bank's customers (AU and NZ)."""
    rng, reg = w.rng, w.reg
    used = 0
    hubs: list[int] = []
    while used < budget or not hubs:
        hub = _abroad(w, 1, "hub", "hub", "T2", birth=(1965, 1995))
        k = int(rng.integers(2, 7))
        house = _abroad(
            w,
            k,
            "household",
            "household",
            "T2",
            sex="F",
            surname=np.full(k, reg.col("surname")[hub[0]]),
            country=str(reg.col("country")[hub[0]]),
        )
        accts = np.r_[hub, house]
        n_cons = int(rng.integers(4, 31))
        for i in range(n_cons):
            payer = int(_offenders(w, 1, "T2", "consumer")[0])
            start, end = _lifetime(w, (1, 10))
            # Spread what is left of the budget over the hub's remaining buyers (fan-in first).
            n = min(
                _n_payments(w, start, end, (2, 10)), max(3, (budget - used) // max(1, n_cons - i))
            )
            order = rng.permutation(len(accts))
            recv = accts[np.r_[0, order[order != 0]][: int(rng.integers(1, len(accts) + 1))]]
            recv_from = np.r_[start, np.sort(rng.integers(start, end, len(recv) - 1))]
            used += consumer_stream(w, payer, recv, recv_from, n, start, end, "T2")
            if used >= budget and i >= 3:
                break
        hubs += accts.tolist()
    return hubs


def plant_t3(w: World, budget: int) -> list[int]:
    """Bipartite clusters: consumers sharing 2-4 facilitators (forwarding is invisible here)."""
    rng = w.rng
    used = 0
    facs: list[int] = []
    while used < budget or not facs:
        f = _abroad(w, int(rng.integers(2, 5)), "facilitator", "facilitator", "T3")
        n_cons = int(rng.integers(5, 16))
        for i in range(n_cons):
            payer = int(_offenders(w, 1, "T3", "consumer")[0])
            start, end = _lifetime(w, (2, 24))
            recv = rng.choice(f, int(rng.integers(2, len(f) + 1)), replace=False)
            recv_from = np.r_[start, np.sort(rng.integers(start, end, len(recv) - 1))]
            # What is left of the budget is spread over the cluster's remaining buyers.
            n = min(_n_payments(w, start, end, (2, 15)), max(4, (budget - used) // (n_cons - i)))
            used += consumer_stream(w, payer, recv, recv_from, n, start, end, "T3")
        facs += f.tolist()
    return facs


def plant_occasional(w: World, budget: int, targets: dict[str, list[int]]) -> None:
    """Lone buyers: 2-4 payments within two months to an existing facilitator or hub."""
    rng = w.rng
    used = 0
    while used < budget:
        typ = str(rng.choice(sorted(targets)))
        payer = int(_offenders(w, 1, typ, "occasional")[0])
        r = np.array([rng.choice(targets[typ])])
        start = int(rng.integers(0, DAYS - 60))
        n = int(rng.integers(2, 5))
        before = len(w.rows.parts)
        used += consumer_stream(w, payer, r, np.array([start]), n, start, start + 60, typ)
        for i in range(before, len(w.rows.parts)):  # outside any full pattern: lone
            w.rows.parts[i] = w.rows.parts[i].with_columns(lone=pl.lit(True))


def plant_t4(w: World, budget: int) -> None:
    """Travel to offend: long stays in non-resort PH towns, ATM, gifts, local contacts."""
    rng = w.rng
    used = 0
    while used < budget or used == 0:
        trav = _offenders(w, 1, "T4", "traveller", birth=(1950, 1975))
        before = len(w.rows.parts)
        # A trip is 30-80 rows: small budgets get one trip per traveller.
        most = 1 if budget - used < 150 else 3
        trips(w, trav, "PH", w.hotels_work, (21, 56), (1, most), 1, "T4", gifts=0.7)
        contacts = _abroad(
            w, int(rng.integers(1, 4)), "local_contact", "local_contact", "T4", p_th=0
        )
        start, end = 0, DAYS
        n = int(rng.integers(4, 12))
        consumer_stream(
            w,
            int(trav[0]),
            contacts,
            np.r_[0, np.sort(rng.integers(0, 200, len(contacts) - 1))],
            n,
            start,
            end,
            "T4",
            hidden=0.1,
        )
        used += sum(p.height for p in w.rows.parts[before:])


def plant_t5(w: World, budget: int) -> None:
    """Sextortion of teenage customers: bursts to a new payee, then silence (item 13)."""
    rng, reg = w.rng, w.reg
    used = 0
    n_mules = 0
    mules_in: list[int] = []
    mules_out: list[int] = []
    while used < budget or n_mules == 0:
        kind = rng.choice(3, p=[0.4, 0.35, 0.25])  # mule at this bank, mule abroad, gift cards
        n_victims = int(rng.integers(2, 7))
        if kind == 0:
            mule = int(
                reg.customers(1, "mule", birth=(1998, 2006), label=1, typology="T5", role="mule")[0]
            )
            mules_in.append(mule)
        elif kind == 1:
            c = str(rng.choice(["NG", "CI", "PH"]))
            mule = int(
                reg.people(
                    1,
                    c,
                    "M",
                    1995,
                    2005,
                    kind="external",
                    population="mule",
                    label=1,
                    typology="T5",
                    role="mule",
                    zone=MNL,
                )[0]
            )
            mules_out.append(mule)
        n_mules += 1
        victims = reg.customers(
            n_victims,
            "victim",
            sex=np.where(rng.random(n_victims) < 0.85, "M", "F"),
            birth=(2008, 2011),
            label=1,
            typology="T5",
            role="victim",
        )
        for v in victims:
            k = int(rng.integers(2, 7))
            day0 = int(rng.integers(0, DAYS - 4))
            hours = np.sort(rng.uniform(0, rng.choice([24, 48, 72]), k))
            base = w.local_times(np.array([day0]), "teen")[0]
            local = base + (hours * 3600).astype(np.int64)
            first = float(rng.choice([50, 80, 100, 150, 200, 250, 300]))
            amt = np.r_[first, rng.choice([50, 100, 150, 200, 300, 500], k - 1)].astype(float)
            # Total at most USD 1,500 (A$2,250 = USD 1,462): cap the running sum, drop the rest.
            amt = np.diff(np.minimum(np.cumsum(amt), 2250.0), prepend=0.0)
            keep = amt > 0
            amt, local, k = amt[keep], local[keep], int(keep.sum())
            t = w.to_utc(local, w.zone(np.full(k, v)))
            cur = w.cur(np.full(k, v))
            vv = np.full(k, v)
            memo = _pick(rng, np.array(["", "", "sorry", "payment", "pls", "gift"]), k)
            if kind == 0:
                w.rows.add(
                    t,
                    vv,
                    mule,
                    amt,
                    cur,
                    np.where(rng.random(k) < 0.7, "p2p", "bank"),
                    memo=memo,
                    label=1,
                    typ="T5",
                )
            elif kind == 1:
                w.rows.add(
                    t,
                    vv,
                    mule,
                    amt,
                    cur,
                    "msb",
                    memo=_msb_memo(w, k, np.full(k, "")),
                    label=1,
                    typ="T5",
                )
            else:
                w.rows.add(t, vv, _pick(rng, w.games, k), amt, cur, "card", label=1, typ="T5")
            used += k
        if kind == 0:
            # The mule at this bank cashes out within hours: crypto or abroad (label T5).
            got = w.rows.parts[-n_victims:]
            for p in got:
                tt = p["t"].to_numpy()
                a = float(p["amount"].sum())
                ti = np.array([tt.max() + int(rng.integers(1800, 6 * 3600))])
                mcur = str(w.cur(np.array([mule]))[0])
                if rng.random() < 0.6:
                    w.rows.add(
                        ti,
                        mule,
                        _pick(rng, w.exchanges, 1),
                        np.round(a * 0.92, 0),
                        mcur,
                        "crypto",
                        label=1,
                        typ="T5",
                    )
                else:
                    dst = reg.people(
                        1,
                        "NG",
                        "M",
                        1985,
                        2000,
                        kind="external",
                        population="mule_handler",
                        label=1,
                        typology="T5",
                        role="handler",
                        zone=MNL,
                    )
                    w.rows.add(
                        ti,
                        mule,
                        dst,
                        np.round(a * 0.9, 0),
                        mcur,
                        "msb",
                        memo="FAMILY SUPPORT",
                        label=1,
                        typ="T5",
                    )
                used += 1


def plant_t6(w: World, budget: int) -> None:
    """Crypto purchases funding CSAM-site payments (the on-chain leg is not in a bank's data)."""
    rng = w.rng
    used = 0
    while used < budget or used == 0:
        buyer = _offenders(w, 1, "T6", "buyer", birth=(1985, 2004))
        b = int(buyer[0])
        k = int(rng.integers(3, 16))
        start = int(rng.integers(0, DAYS - 30))
        end = min(DAYS, start + int(rng.integers(30, 240)))
        days = np.sort(rng.integers(start, end, k))
        prof = np.where(rng.random(k) < 0.6, "night", "evening")
        t = w.to_utc(w.local_times(days, prof), w.zone(buyer))
        usd_price = rng.choice([25.0, 30, 50, 75, 100, 150], k)
        sized = np.round(usd_price / RATES["AUD"] * 1.015 + 1.5, 2)
        amt = np.where(rng.random(k) < 0.5, sized, rng.choice([50.0, 100, 150, 200, 300], k))
        ex = _pick(rng, w.exchanges, 1)[0] if rng.random() < 0.7 else None
        if ex is not None:
            chan = np.where(rng.random(k) < 0.6, "crypto", "card")
            w.rows.add(t, b, ex, amt, w.cur(buyer)[0], chan, label=1, typ="T6")
        else:  # an over-the-counter seller paid by PayID (not labelled: sells to anyone)
            seller = w.reg.people(
                1, "AU", "M", 1980, 2000, kind="external", population="otc_seller", zone=SYD
            )
            w.rows.add(
                t,
                b,
                int(seller[0]),
                amt,
                w.cur(buyer)[0],
                "p2p",
                memo=_pick(rng, np.array(["btc", "usdt", "", "coins"]), k),
                label=1,
                typ="T6",
            )
        used += k


def plant_t7(w: World, budget: int) -> None:
    """Direct one-to-one: an adult customer paying one young account for months."""
    rng = w.rng
    used = 0
    while used < budget or used == 0:
        payer = int(_offenders(w, 1, "T7", "payer")[0])
        child = _abroad(
            w,
            1,
            "child_account",
            "child_account",
            "T7",
            sex=str(rng.choice(["F", "M"], p=[0.7, 0.3])),
            birth=(2008, 2011),
        )
        start, end = _lifetime(w, (4, 24))
        n = min(_n_payments(w, start, end, (1, 6)), max(4, budget - used + 4))
        used += consumer_stream(w, payer, child, np.array([start]), n, start, end, "T7", hidden=0.3)


# ---------------------------------------------------------------------------------------------
# Assembly.
# ---------------------------------------------------------------------------------------------

BACKGROUND = {
    "everyday": 0.63,
    "diaspora": 0.10,
    "allowance": 0.02,
    "intl_student": 0.03,
    "partner": 0.025,
    "romance": 0.008,
    "creator": 0.03,
    "va": 0.03,
    "charity": 0.004,
    "sponsor": 0.016,
    "dca": 0.04,
    "teen": 0.03,
    "tourist": 0.025,
    "retiree": 0.012,
}
HARD = (
    "allowance",
    "partner",
    "romance",
    "creator",
    "va",
    "charity",
    "sponsor",
    "dca",
    "teen",
    "tourist",
    "retiree",
)


def _offset_str(off_min: pl.Expr) -> pl.Expr:
    sign = pl.when(off_min < 0).then(pl.lit("-")).otherwise(pl.lit("+"))
    a = off_min.abs()
    return pl.concat_str(
        [
            sign,
            (a // 60).cast(pl.String).str.zfill(2),
            pl.lit(":"),
            (a % 60).cast(pl.String).str.zfill(2),
        ]
    )


def _assemble(w: World, malformed_share: float) -> Generated:
    rng, reg = w.rng, w.reg
    df = pl.concat(w.rows.parts, how="vertical")
    acc = pl.DataFrame({f: reg.col(f) for f in Registry.FIELDS}).with_row_index("ix")
    acc = acc.with_columns(pl.col("ix").cast(pl.Int64))
    # Opaque, unordered ids (creation order must not leak the labels).
    n_acc = acc.height
    number = 10_000_000 + rng.permutation(n_acc) * 37 + rng.integers(0, 37, n_acc)
    k_ = reg.col("kind")
    foreign = ~np.isin(reg.col("country"), ["AU", "NZ"])
    prefix = np.select(
        [
            k_ == "customer",
            (k_ == "external") & foreign,
            k_ == "external",
            k_ == "merchant",
            k_ == "biller",
        ],
        ["CUS", "BEN", "EXT", "MER", "BIL"],
        "ORG",
    )
    acc = acc.with_columns(pl.Series("account_id", np.char.add(prefix, number.astype(str))))
    book_of_row = np.where(
        reg.col("kind")[df["s"].to_numpy()] == "customer",
        reg.col("book")[df["s"].to_numpy()],
        reg.col("book")[df["r"].to_numpy()],
    )
    df = df.with_columns(book=pl.lit(np.where(book_of_row == "", "AU", book_of_row)))
    # Book-zone timestamps (Sydney / Auckland with their 2025 DST dates).
    t = pl.col("t")
    au_dst = (t < 95 * 86400 + 3 * 3600 - 11 * 3600) | (t >= 277 * 86400 + 2 * 3600 - 10 * 3600)
    nz_dst = (t < 95 * 86400 + 3 * 3600 - 13 * 3600) | (t >= 270 * 86400 + 2 * 3600 - 12 * 3600)
    off = (
        pl.when(pl.col("book") == "NZ")
        .then(pl.when(nz_dst).then(780).otherwise(720))
        .otherwise(pl.when(au_dst).then(660).otherwise(600))
    )
    df = df.with_columns(off=off).sort(
        ["book", "t"], descending=[False, False], maintain_order=True
    )
    df = df.with_columns(
        timestamp=pl.concat_str(
            [
                pl.from_epoch(pl.col("t") + EPOCH + pl.col("off") * 60, time_unit="s").dt.strftime(
                    "%Y-%m-%dT%H:%M:%S"
                ),
                _offset_str(pl.col("off")),
            ]
        ),
        tx_id=pl.concat_str(
            [
                pl.col("book"),
                pl.lit("25"),
                pl.int_range(pl.len()).over("book").cast(pl.String).str.zfill(9),
            ]
        ),
    )
    s = df["s"].to_numpy()
    r = df["r"].to_numpy()
    n = df.height
    # Account attributes gathered per row (sender s_*, receiver r_*).
    attrs = acc.select(
        "account_id",
        "kind",
        "country",
        "given",
        "surname",
        "sex",
        "birth",
        "device",
        "mcc",
        "book",
    ).with_columns(
        name=pl.when(pl.col("surname") == "")
        .then(pl.col("given"))
        .otherwise(pl.concat_str([pl.col("given"), pl.lit(" "), pl.col("surname")])),
        # Legacy customer records: sex 'U', no birth year (8%).
        legacy=pl.Series((np.arange(n_acc) * 2654435761 % 100) < 8),
    )
    x = pl.concat(
        [
            df.select("tx_id", "timestamp", "amount", "currency", "channel", "memo"),
            attrs.select(pl.all().gather(s).name.prefix("s_")),
            attrs.select(pl.all().gather(r).name.prefix("r_")),
        ],
        how="horizontal",
    ).with_columns(
        u=pl.Series(rng.random(n)), u2=pl.Series(rng.random(n)), u3=pl.Series(rng.random(n))
    )
    chan = pl.col("channel")
    intl = pl.col("s_country") != pl.col("r_country")
    swift = (chan == "bank") & intl
    person_r = pl.col("r_kind").is_in(["person", "external"])
    cust_s = pl.col("s_kind") == "customer"
    cust_r = pl.col("r_kind") == "customer"
    # Receiver names as typed by the sender: "Surname, Given", or the first given name only.
    rname = (
        pl.when(person_r & (pl.col("u") < 0.12))
        .then(pl.concat_str([pl.col("r_surname"), pl.lit(", "), pl.col("r_given")]))
        .when(person_r & (pl.col("u") < 0.2))
        .then(
            pl.concat_str(
                [pl.col("r_given").str.split(" ").list.first(), pl.lit(" "), pl.col("r_surname")]
            )
        )
        .otherwise(pl.col("r_name"))
    )
    becs = (chan == "bank") & ~intl & (pl.col("u2") < 0.5)
    memo = (
        pl.when(swift)
        .then(
            pl.when(pl.col("u2") < 0.5)
            .then(pl.col("memo").str.replace_all("@", "(AT)", literal=True))
            .otherwise(pl.col("memo").str.replace_all("@", "", literal=True))
            .str.replace_all(r"[^\x00-\x7F]", "?")
            .str.to_uppercase()
            .str.slice(0, 140)
        )
        .when(becs)
        .then(pl.col("memo").str.to_uppercase().str.slice(0, 18))
        .otherwise(pl.col("memo"))
    )
    app = chan.is_in(["bank", "msb", "p2p", "ewallet", "crypto"]) & cust_s
    kyc = (chan == "msb") & person_r & (pl.col("u3") < 0.6)
    tx = x.select(
        "tx_id",
        "timestamp",
        pl.col("s_account_id").alias("sender_id"),
        pl.col("r_account_id").alias("receiver_id"),
        "amount",
        "currency",
        pl.col("s_country").alias("sender_country"),
        pl.col("r_country").alias("receiver_country"),
        "channel",
        memo.replace("", None).alias("memo"),
        pl.when(pl.col("s_book") == "NZ")
        .then(pl.col("s_name").str.to_uppercase())
        .otherwise(pl.col("s_name"))
        .alias("sender_name"),
        pl.when(swift)
        .then(rname.str.to_uppercase())
        .otherwise(rname)
        .replace("", None)
        .alias("receiver_name"),
        pl.when(cust_s)
        .then(pl.when(pl.col("s_legacy")).then(pl.lit("U")).otherwise(pl.col("s_sex")))
        .alias("sender_sex"),
        pl.when(cust_s & ~pl.col("s_legacy"))
        .then(pl.col("s_birth"))
        .cast(pl.Int32)
        .alias("sender_birth_year"),
        pl.when(kyc | (cust_r & ~pl.col("r_legacy")))
        .then(pl.col("r_birth"))
        .cast(pl.Int32)
        .alias("receiver_birth_year"),
        pl.when(app).then(pl.col("s_device")).replace("", None).alias("device_id"),
        pl.when(chan.is_in(["card", "crypto"]))
        .then(pl.col("r_mcc"))
        .replace("", None)
        .alias("merchant_category"),
    )
    usd = (df["amount"] * df["currency"].replace_strict(RATES, return_dtype=pl.Float64)).to_numpy()
    labels = pl.DataFrame(
        {
            "tx_id": df["tx_id"],
            "usd": np.round(usd, 2),
            "label_tx": df["label"].cast(pl.Int8),
            "label_typology": df["typ"],
            "lone": df["lone"],
        }
    )
    # Malformed rows: benign rows with one broken field.
    benign = np.flatnonzero(df["label"].to_numpy() == 0)
    k = max(10, int(n * malformed_share))
    bad = rng.choice(benign, min(k, len(benign)), replace=False)
    faults = np.array(["timestamp", "country", "amount", "currency", "channel"])
    fault = np.full(n, "", dtype="<U10")
    fault[bad] = faults[np.arange(len(bad)) % len(faults)]
    fl = pl.Series(fault)
    alt = rng.random(n) < 0.5
    tx = tx.with_columns(
        timestamp=pl.when(fl == "timestamp")
        .then(
            pl.when(pl.lit(alt))
            .then(pl.col("timestamp").str.slice(0, 19).str.replace("T", " "))
            .otherwise(
                pl.concat_str(
                    [
                        pl.col("timestamp").str.slice(8, 2),
                        pl.lit("/"),
                        pl.col("timestamp").str.slice(5, 2),
                        pl.lit("/"),
                        pl.col("timestamp").str.slice(0, 4),
                        pl.lit(" "),
                        pl.col("timestamp").str.slice(11, 5),
                    ]
                )
            )
        )
        .otherwise(pl.col("timestamp")),
        sender_country=pl.when(fl == "country")
        .then(
            pl.when(pl.lit(alt))
            .then(
                pl.col("sender_country").replace_strict({"AU": "AUS", "NZ": "NZL"}, default="XXX")
            )
            .otherwise(pl.col("sender_country").str.to_lowercase())
        )
        .otherwise(pl.col("sender_country")),
        amount=pl.when(fl == "amount")
        .then(pl.when(pl.lit(alt)).then(None).otherwise(-pl.col("amount")))
        .otherwise(pl.col("amount")),
        currency=pl.when(fl == "currency")
        .then(pl.when(pl.lit(alt)).then(None).otherwise(pl.lit("AU$")))
        .otherwise(pl.col("currency")),
        channel=pl.when(fl == "channel")
        .then(pl.lit(_pick(rng, np.array(["BPAY", "ATM", "DIRECT DEBIT"]), n)))
        .otherwise(pl.col("channel")),
    )
    labels = labels.with_columns(malformed=fl != "", fault=fl)
    # Accounts: those that appear in the file.
    used = np.unique(np.r_[s, r])
    accounts = (
        acc.filter(pl.col("ix").is_in(used))
        .select(
            "account_id",
            pl.col("label").cast(pl.Int8),
            "typology",
            "role",
            "population",
            pl.col("hard").alias("hard_negative"),
            "kind",
            "country",
        )
        .sort("account_id")
    )
    return Generated(tx=tx, tx_labels=labels, accounts=accounts)


def generate(n_tx: int, variant: str, seed: int, hard: float = 1.0) -> Generated:
    """About n_tx transactions of one variant ('li' or 'hi'), reproducible for a seed.

    `hard` scales the hard-negative populations (their volume goes to everyday banking
    instead); 1.0 is the default world, 0 removes them.
    """
    if variant not in ILLICIT_RATE:
        raise ValueError(f"variant must be one of {sorted(ILLICIT_RATE)}, got {variant!r}")
    if hard < 0:
        raise ValueError(f"hard must be >= 0, got {hard}")
    rng = np.random.default_rng([seed, 0 if variant == "li" else 1, 10])
    w = World(rng)
    budget = max(60, int(n_tx * ILLICIT_RATE[variant]))
    bg = max(1000, n_tx - budget)
    shares = dict(BACKGROUND)
    for k in HARD:
        shares["everyday"] += shares[k] * (1 - min(hard, 1.0)) if hard < 1 else 0.0
        shares[k] *= hard
    rows = {k: int(bg * v) for k, v in shares.items()}
    # Planted typologies first (their customers then also get everyday banking).
    facs = plant_t1(w, int(budget * 0.22))
    hubs = plant_t2(w, int(budget * 0.18))
    net = plant_t3(w, int(budget * 0.10))
    plant_occasional(w, int(budget * 0.10), {"T1": facs, "T2": hubs, "T3": net})
    plant_t4(w, int(budget * 0.10))
    plant_t5(w, int(budget * 0.08))
    plant_t6(w, int(budget * 0.12))
    plant_t7(w, int(budget * 0.10))
    if rows["allowance"] > 0 or rows["diaspora"] > 0:
        diaspora(w, rows["diaspora"], rows["allowance"])
    for key, fn in (
        ("partner", partner_support),
        ("romance", romance_victims),
        ("creator", creator_fans),
        ("va", va_employers),
        ("charity", charity),
        ("sponsor", student_sponsors),
        ("dca", crypto_dca),
        ("teen", teen_gamers),
        ("tourist", tourists),
        ("retiree", retirees),
    ):
        if rows[key] > 0:
            fn(w, rows[key])
    intl_students(w, rows["intl_student"])
    # Plain customers so the whole book has ~1 customer per 40 transactions; night workers.
    kind = w.reg.col("kind")
    have = int((kind == "customer").sum())
    plain = max(10, bg // 40 - have)
    pop = np.where(rng.random(plain) < 0.08, "night_worker", "everyday")
    w.reg.customers(plain, "everyday", birth=(1945, 2006))
    new = np.arange(w.reg.n - plain, w.reg.n)
    w.reg.set("population", new, pop)
    # Joint-account couples: one app device and one surname for two customers.
    pairs = rng.choice(new, 2 * (plain // 20), replace=False).reshape(-1, 2)
    if len(pairs):
        w.reg.set("device", pairs[:, 1], w.reg.col("device")[pairs[:, 0]])
        w.reg.set("surname", pairs[:, 1], w.reg.col("surname")[pairs[:, 0]])
    cust = np.flatnonzero(w.reg.col("kind") == "customer")
    # Teens and victims: youth accounts get pocket money, not pay (everyday skips none: the
    # feed is small for them anyway).
    done = sum(p.height for p in w.rows.parts)
    everyday(w, cust, max(0, n_tx - done))
    return _assemble(w, malformed_share=0.0003)
