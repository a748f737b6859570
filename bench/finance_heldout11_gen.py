"""Held-out generator 11: an Indonesian e-money issuer's ledger (receiving side), written BLIND.

Written only from the research note (../shared/research/finance-text.md: indicators (a),
dataset design (d), typologies T1-T7), the issue's schema, the harness bench/finance_heldout.py
and the shipped currency list. Not from Jaga's generator, rules or the other held-out
generators, and never scored with Jaga by its author (SEALED for the integrator's blind run).

What it models
--------------
The transaction ledger of one Indonesian e-money issuer ("EMY") and its partner bank: wallets
keyed by phone number, QRIS merchant payments, agent cash-out ("tarik tunai"), top-ups from
bank accounts, an in-app crypto desk, outbound remittances, and INBOUND cross-border credits
delivered by three partner feeds:
  ATL  a remittance partner that credits IDR at its own rate (less a 1.5-3% margin) and
       stamps times in UTC (+00:00); the source amount is lost, so the sender's round AUD 50
       arrives as an unround IDR 499,8xx credit;
  KRN  a second remitter that passes the source amount and currency (AUD, USD, GBP, ...) and
       stamps times in the sender's local offset (daylight saving included);
  PPL  a US P2P platform (USD, stamped in US Pacific time);
  CRX  the crypto desk's on-chain leg (USDT, TRON-style addresses, UTC).
The issuer itself stamps everything in WIB (+07:00), also for customers in Bali (WITA, +08:00)
and Papua (WIT, +09:00). So "sender-local time" has to be rebuilt from the sender's country.

Why this view
-------------
The note's corridors are Philippine-centred; the issue names the PH "and its neighbours",
Bahasa memos and PPATK (the Indonesian FIU) as a goAML target. Earlier held-out generators took
PH consortium ledgers, a Manila wallet, a sending-side app, a Thai bank group, a PH acquirer and
an AU/NZ bank. This one is the receiving institution in Indonesia, where the published
indicators meet benign populations that look very much like them:
  * Bali/Lombok/Labuan Bajo hospitality (homestays, villas, drivers, dive and surf schools):
    many foreign senders from >= 2 countries (AU first), USD 20-200 deposits, memo
    "accommodation", operators cash out within hours and share a family phone.
  * live-stream tipping ("saweran") to streamers, with @handles and late-night cadence;
    adult cam performers paid directly by foreign men (one sender, several unrelated
    receivers, late night, in band);
  * migrant-worker remittances (TKI) from MY, HK, TW, SA, SG, KR, JP: monthly, memos
    "biaya berobat" / "uang sekolah adik", and families that withdraw the whole credit at an
    agent the same day; most Indonesians carry no family surname, so "no surname match"
    is the norm even inside a family;
  * medical crowdfunding (galang dana "biaya berobat", diaspora donors) with fast payout;
    foreign child sponsors paying "school fees"/"uniform" monthly, some by night-time
    standing orders and some straight into a 15-17-year-old's own account;
  * romance-scam victims (escalating, "hospital"/"visa") and their scammers (fan-in from
    several countries and fast cash-out), genuine long-distance partners;
  * teenagers buying game vouchers in bursts from resellers they have not paid before
    (the FSEC shape), tourists and digital nomads (lodging, ATM, Celuk silver jewellery),
    foreign in-laws visiting family in non-tourist regencies, online sellers with foreign
    buyers, Filipino workers in Indonesia remitting home (ID -> PH with surname matches),
    retail crypto buyers sending USDT to shared exchange deposit addresses.

Planted typologies (note (d)); what this view sees
--------------------------------------------------
  T1  foreign LSAC consumers, seen only through their credits into this issuer's wallets
      (their payments to PH/TH receivers elsewhere are invisible), 15-100 USD (10-200 some),
      >= 70% round in the source currency (visible only on KRN/PPL rows), bursts, 21:00-04:00
      sender-local, 1-8 receivers (hub mains and household members), new receivers over time,
      cover words / handles / empty memos in English and Bahasa, some obfuscated; plus a
      smaller group of Indonesia-resident expat consumers paying PH/TH receivers through the
      issuer's outbound remittance (the only place this view sees the sending side).
  T2  facilitator hubs: a main wallet and 2-6 household wallets on a shared device, 5-200
      foreign senders across countries, >= 60% of each day's inflow out within 48 h (agent
      cash-out, household transfers, own bank account), ordinary household life as well.
  T3  networks: clusters of 2-4 hubs sharing consumers, with forwarding between hubs and a
      few forwards to a PH facilitator.
  T4  travel to offend: a tourist wallet (often the same name and birth year as a T1 sender)
      topped up by a foreign card, long stays in non-tourist regencies, repeated agent
      cash withdrawals, jewellery / children's clothing / toys, transfers to a hub's household.
      Visible only in part (flights and the home card are elsewhere).
  T5  FSEC: Indonesian boys aged 14-17 (birth year known for ~60%), 2-6 payments within
      24-72 h to a payee never paid before, first < 250 USD, total <= 1,500 USD, then
      silence; domestic mules receiving from many victims and cashing out; a voucher
      (gift-card) variant paying a reseller (the reseller is benign).
  T6  CVC: resident consumers buying USDT on the in-app desk and sending 10-100 USDT to
      clusters of site addresses; hubs that receive USDT from outside and sell it.
  T7  direct: foreign adult men paying a 13-17-year-old's own wallet, no facilitator.
About a quarter of illicit payments are "lone" (note (d) asks ~30%; measured 22-25% at 1M
rows): a foreign buyer's one or two payments to a wallet that gets nothing else illicit,
one-off buyers of a hub, and off-pattern payments (daytime, 150-260 USD, mostly unround) of
regular consumers. Budget shares: hubs and networks with their consumers and the resident
expats (T1-T3) 50%, lone T1 16%, T5 11%, T7 9%, T6 8%, T4 6%. No cluster takes more than 35%
of the budget, so even the 1M-row 'li' world holds several hubs (and always one network).
Invisible from this view: consumers' payments to receivers at other institutions, flights
and hotels booked from home (T4), the on-chain path after a site address (T6).

Labels (the `Generated` type of bench/finance_heldout_gen.py)
-------------------------------------------------------------
tx_labels row-aligned with tx: usd (this generator's own rates, which drift +-2.5% over the
year and differ from Jaga's shipped table: IDR 16,350/USD here), label_tx (0/1),
label_typology ("" or T1..T7; hub outflows T2, payments into or between network hubs T3),
population. accounts: every id in the file with label, typology, role (consumer,
facilitator, household, victim, mule, site, offender, ...), population, hard_negative and
kind. Victims (T5 boys, T7 children) are labelled 1: an alert on them is wanted.

Data quality
------------
About 0.15% of rows are malformed the way feeds break: negative or zero amounts (reversals),
NaN amounts, currency "Rp"/"idr"/"", three-letter or lower-case or missing countries, missing
receiver ids, impossible dates (2026-02-30, hour 24) that still match the ISO pattern. Labels
of malformed rows are kept (an illicit row can be malformed too). Partner-feed names arrive
in upper case (ATL), partner KYC fields are partial, a minority of issuer wallets have a
birth year (basic, unverified accounts do not).

Scale: variants 'li' (0.05% of payments illicit) and 'hi' (0.2%); `hard` scales the hard
negatives (their volume goes to ordinary domestic traffic). Generation is vectorised numpy;
see docs/benchmarks.md for the measured time and memory at 1M rows.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from finance_heldout_gen import Generated

ILLICIT_RATE = {"li": 0.0005, "hi": 0.002}
START = datetime(2025, 7, 1, tzinfo=UTC)
DAYS = 365
T0 = int(START.timestamp())
H = 3600
DAY = 86400

# ----------------------------------------------------------------------------- currencies
# USD per unit, this generator's own late-2025 mid-market figures (not Jaga's table).
RATES = {
    "IDR": 1 / 16350,
    "USD": 1.0,
    "AUD": 0.655,
    "GBP": 1.33,
    "EUR": 1.165,
    "CAD": 0.72,
    "NZD": 0.575,
    "JPY": 0.0066,
    "KRW": 0.00070,
    "SGD": 0.775,
    "MYR": 0.24,
    "HKD": 0.1285,
    "TWD": 0.0325,
    "SAR": 0.2667,
    "AED": 0.2723,
    "QAR": 0.2747,
    "PHP": 0.0171,
    "THB": 0.0308,
    "CNY": 0.14,
    "INR": 0.0114,
    "NGN": 0.00068,
    "USDT": 1.0,
}
CUR = list(RATES)
CI = {c: i for i, c in enumerate(CUR)}
_RATE = np.array([RATES[c] for c in CUR])
_PHASE = np.arange(len(CUR)) * 1.7
_DRIFT = np.array([0.0 if c in ("USD", "USDT") else 0.025 for c in CUR])
ZERO_DEC = np.array([c in ("IDR", "JPY", "KRW") for c in CUR])


def rate(cur: np.ndarray, day: np.ndarray) -> np.ndarray:
    """USD per unit of currency index `cur` on day index `day` (slow drift over the year)."""
    d = np.clip(day, 0, DAYS - 1)
    return _RATE[cur] * (1 + _DRIFT[cur] * np.sin(2 * np.pi * d / DAYS + _PHASE[cur]))


def nice_round(x: np.ndarray) -> np.ndarray:
    """Round to an even-looking denomination (15, 20, 25, 50, 800,000, ...)."""
    x = np.maximum(x, 1e-9)
    mag = 10.0 ** np.floor(np.log10(x))
    step = np.where(x / mag < 3, mag / 2, mag)
    return np.maximum(step, np.round(x / step) * step)


def exact(x: np.ndarray, cur: np.ndarray) -> np.ndarray:
    """An unround amount: cents, or whole units for zero-decimal currencies."""
    return np.where(ZERO_DEC[cur], np.round(x), np.round(x, 2))


# ----------------------------------------------------------------------------- countries
TZS = [
    "Asia/Jakarta",
    "Asia/Makassar",
    "Asia/Jayapura",
    "Australia/Sydney",
    "Australia/Melbourne",
    "Australia/Brisbane",
    "Australia/Perth",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Amsterdam",
    "Europe/Paris",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Singapore",
    "Asia/Kuala_Lumpur",
    "Asia/Hong_Kong",
    "Asia/Taipei",
    "Asia/Riyadh",
    "Asia/Dubai",
    "Asia/Qatar",
    "Asia/Manila",
    "Asia/Bangkok",
    "Pacific/Auckland",
    "America/Toronto",
    "America/Vancouver",
    "Asia/Shanghai",
    "Asia/Kolkata",
    "Africa/Lagos",
]
TZI = {z: i for i, z in enumerate(TZS)}
# country -> (time zones, weights, currency)
COUNTRY: dict[str, tuple[list[str], list[float], str]] = {
    "ID": (["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"], [0.72, 0.24, 0.04], "IDR"),
    "AU": (
        ["Australia/Sydney", "Australia/Melbourne", "Australia/Brisbane", "Australia/Perth"],
        [0.35, 0.3, 0.2, 0.15],
        "AUD",
    ),
    "US": (
        ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"],
        [0.45, 0.25, 0.08, 0.22],
        "USD",
    ),
    "GB": (["Europe/London"], [1.0], "GBP"),
    "CA": (["America/Toronto", "America/Vancouver"], [0.7, 0.3], "CAD"),
    "DE": (["Europe/Berlin"], [1.0], "EUR"),
    "NL": (["Europe/Amsterdam"], [1.0], "EUR"),
    "FR": (["Europe/Paris"], [1.0], "EUR"),
    "JP": (["Asia/Tokyo"], [1.0], "JPY"),
    "KR": (["Asia/Seoul"], [1.0], "KRW"),
    "SG": (["Asia/Singapore"], [1.0], "SGD"),
    "MY": (["Asia/Kuala_Lumpur"], [1.0], "MYR"),
    "HK": (["Asia/Hong_Kong"], [1.0], "HKD"),
    "TW": (["Asia/Taipei"], [1.0], "TWD"),
    "SA": (["Asia/Riyadh"], [1.0], "SAR"),
    "AE": (["Asia/Dubai"], [1.0], "AED"),
    "QA": (["Asia/Qatar"], [1.0], "QAR"),
    "PH": (["Asia/Manila"], [1.0], "PHP"),
    "TH": (["Asia/Bangkok"], [1.0], "THB"),
    "NZ": (["Pacific/Auckland"], [1.0], "NZD"),
    "CN": (["Asia/Shanghai"], [1.0], "CNY"),
    "IN": (["Asia/Kolkata"], [1.0], "INR"),
    "NG": (["Africa/Lagos"], [1.0], "NGN"),
}


def _offsets() -> np.ndarray:
    """UTC offset in minutes of every time zone at local noon of every day (DST included)."""
    out = np.zeros((len(TZS), DAYS + 4), dtype=np.int64)
    for i, name in enumerate(TZS):
        z = ZoneInfo(name)
        for d in range(DAYS + 4):
            when = (START + timedelta(days=d - 2, hours=12)).astimezone(z)
            off = when.utcoffset()
            out[i, d] = int(off.total_seconds() // 60) if off is not None else 0
    return out


OFF = _offsets()  # index [tz, day + 2]
_DATES = [START + timedelta(days=d) for d in range(DAYS)]
WEEKDAY = np.array([d.weekday() for d in _DATES])  # 0 = Monday
DOM = np.array([d.day for d in _DATES])
MONTH_START = np.array([d for d in range(DAYS) if DOM[d] == 1])


def off_at(tz: np.ndarray, t: np.ndarray) -> np.ndarray:
    day = np.clip((t - T0) // DAY, -2, DAYS + 1) + 2
    return OFF[tz, day]


def _hours(w: dict[int, float]) -> np.ndarray:
    p = np.full(24, 0.05)
    for h, v in w.items():
        p[h] = v
    return p / p.sum()


H_DOM = _hours(
    dict(
        enumerate([1, 0.5, 0.3, 0.2, 0.4, 2, 4, 6, 6, 5, 5, 6, 8, 6, 5, 5, 6, 7, 8, 9, 9, 8, 5, 3])
    )
)
H_NIGHT = _hours({21: 5, 22: 7, 23: 8, 0: 7, 1: 5, 2: 3.5, 3: 2, 4: 0.8})
H_EVENING = _hours({17: 3, 18: 4, 19: 5, 20: 6, 21: 5, 22: 3, 23: 1.5, 12: 1, 13: 1})
H_DAYTIME = _hours({8: 3, 9: 5, 10: 6, 11: 6, 12: 5, 13: 5, 14: 6, 15: 6, 16: 5, 17: 3})
H_BROAD = _hours(
    dict(
        enumerate([2, 1, 0.6, 0.3, 0.3, 0.8, 2, 4, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 7, 8, 8, 7, 5, 3])
    )
)
H_STREAM = _hours({19: 3, 20: 6, 21: 8, 22: 9, 23: 8, 0: 6, 1: 4, 2: 2})
H_BATCH = _hours({1: 3, 2: 6, 3: 5, 4: 2})

# ----------------------------------------------------------------------------- names
ID_M = [
    "Agus",
    "Budi",
    "Dedi",
    "Eko",
    "Fajar",
    "Hendra",
    "Imam",
    "Joko",
    "Rudi",
    "Slamet",
    "Wahyu",
    "Yusuf",
    "Ahmad",
    "Rizky",
    "Dimas",
    "Bayu",
    "Andi",
    "Ilham",
    "Arif",
    "Teguh",
    "Made",
    "Ketut",
    "Nyoman",
    "Putu",
    "Wayan",
    "Gede",
    "Iwan",
    "Heru",
    "Bambang",
    "Asep",
    "Ujang",
    "Dadang",
]
ID_F = [
    "Siti",
    "Sri",
    "Dewi",
    "Ani",
    "Rina",
    "Wati",
    "Nur",
    "Putri",
    "Ayu",
    "Indah",
    "Lestari",
    "Yuni",
    "Fitri",
    "Ratna",
    "Ning",
    "Eka",
    "Dian",
    "Wulan",
    "Intan",
    "Nabila",
    "Kadek",
    "Komang",
    "Nengah",
    "Euis",
    "Neneng",
    "Tuti",
    "Yanti",
    "Sumiati",
]
ID_SECOND = [
    "Rahayu",
    "Susanti",
    "Wahyuni",
    "Hidayat",
    "Saputra",
    "Pratama",
    "Kurniawan",
    "Setiawan",
    "Santoso",
    "Nugroho",
    "Handayani",
    "Permata",
    "Sari",
    "Utami",
    "Maharani",
    "Ramadhan",
    "Firmansyah",
    "Gunawan",
    "Wibowo",
    "Purnomo",
    "Hartono",
    "Aminah",
    "Nurhaliza",
    "Kusuma",
    "Suryani",
    "Hasanah",
    "Fauzi",
    "Maulana",
    "Rosita",
    "Astuti",
]
ID_FAMILY = [
    "Simanjuntak",
    "Siregar",
    "Nasution",
    "Harahap",
    "Sitompul",
    "Lumbantobing",
    "Pangaribuan",
    "Manurung",
    "Sembiring",
    "Ginting",
    "Tambunan",
    "Wowor",
    "Pattinama",
    "Tanoto",
    "Wijaya",
    "Halim",
    "Gunadi",
    "Salim",
    "Lubis",
    "Hutapea",
]
WEST_M = [
    "John",
    "Michael",
    "David",
    "James",
    "Robert",
    "Mark",
    "Paul",
    "Peter",
    "Steven",
    "Andrew",
    "Richard",
    "Thomas",
    "Daniel",
    "Gary",
    "Kevin",
    "Brian",
    "Wayne",
    "Craig",
    "Stephen",
    "Anthony",
    "Greg",
    "Darren",
    "Shane",
    "Glenn",
    "Scott",
]
WEST_F = [
    "Sarah",
    "Emma",
    "Linda",
    "Susan",
    "Karen",
    "Jessica",
    "Lisa",
    "Michelle",
    "Rachel",
    "Emily",
    "Laura",
    "Anna",
    "Julia",
    "Claire",
    "Kylie",
]
WEST_L = [
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
    "Campbell",
    "Mitchell",
    "Roberts",
    "Carter",
    "Phillips",
    "Evans",
    "Turner",
    "Parker",
    "Collins",
    "Edwards",
    "Stewart",
    "Murphy",
    "Cook",
    "Morgan",
    "Bell",
    "Kelly",
]
BY_CC: dict[str, tuple[list[str], list[str], list[str]]] = {
    "DE": (
        ["Thomas", "Michael", "Andreas", "Stefan", "Klaus", "Juergen", "Uwe", "Frank", "Markus"],
        ["Sabine", "Petra", "Anja", "Katrin"],
        [
            "Mueller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Becker",
            "Hoffmann",
        ],
    ),
    "NL": (
        ["Jan", "Pieter", "Henk", "Kees", "Willem", "Sander", "Bas"],
        ["Anouk", "Sanne", "Eva"],
        ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit"],
    ),
    "FR": (
        ["Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas"],
        ["Marie", "Nathalie", "Sophie"],
        ["Martin", "Bernard", "Dubois", "Petit", "Durand", "Leroy", "Moreau"],
    ),
    "JP": (
        ["Hiroshi", "Takeshi", "Kenji", "Akira", "Satoshi", "Kazuo"],
        ["Yuki", "Keiko", "Akiko"],
        ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura"],
    ),
    "KR": (
        ["Minsoo", "Jihoon", "Sungho", "Youngjae", "Dongwook"],
        ["Jiyoung", "Minji", "Sooyeon"],
        ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"],
    ),
    "SG": (
        ["Wei Ming", "Kok Leong", "Jun Jie", "Chee Keong", "Raj"],
        ["Mei Ling", "Hui Min", "Siew Lan"],
        ["Tan", "Lim", "Lee", "Ng", "Wong", "Goh", "Teo", "Koh"],
    ),
    "HK": (
        ["Ka Ho", "Chi Wai", "Wing Kit"],
        ["Wai Man", "Mei Yee"],
        ["Chan", "Wong", "Cheung", "Lau", "Leung"],
    ),
    "TW": (
        ["Chih-Ming", "Chun-Hung", "Wei-Lun"],
        ["Shu-Fen", "Mei-Hua"],
        ["Chen", "Lin", "Huang", "Chang", "Wu"],
    ),
    "MY": (
        ["Mohd Faizal", "Ahmad Zaki", "Kok Wai", "Muthu"],
        ["Nurul Aina", "Siti Hajar", "Mei Fong"],
        ["bin Hassan", "bin Ismail", "Tan", "Lim", "Ong"],
    ),
    "SA": (
        ["Abdullah", "Mohammed", "Faisal", "Khalid"],
        ["Noura", "Sara"],
        ["Al-Harbi", "Al-Qahtani", "Al-Otaibi", "Al-Ghamdi"],
    ),
    "AE": (
        ["Ahmed", "Omar", "Rashid"],
        ["Mariam", "Fatima"],
        ["Al-Mansoori", "Al-Hashimi", "Khan"],
    ),
    "QA": (["Hamad", "Ali"], ["Aisha"], ["Al-Thani", "Al-Kuwari"]),
    "PH": (
        ["Jose", "Juan", "Mark", "Jerome", "Ramon", "Jay", "Rodel", "Arnel"],
        ["Maria", "Angelica", "Kristine", "Rowena", "Joy", "Liza", "Jennifer", "Marites"],
        [
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
            "Dela Cruz",
            "Aquino",
            "Castillo",
            "Flores",
        ],
    ),
    "TH": (
        ["Somchai", "Niran", "Kittisak", "Anan"],
        ["Suda", "Malee", "Anong", "Ploy"],
        ["Saetang", "Srisuk", "Wongsawat", "Chaiyaporn", "Boonmee"],
    ),
    "CN": (["Wei", "Jun", "Hao"], ["Na", "Fang", "Jing"], ["Wang", "Li", "Zhang", "Liu", "Chen"]),
    "IN": (
        ["Rahul", "Amit", "Suresh", "Vikram"],
        ["Priya", "Anjali", "Neha"],
        ["Sharma", "Patel", "Singh", "Gupta", "Iyer"],
    ),
    "NG": (
        ["Chinedu", "Emeka", "Tunde", "Segun"],
        ["Ngozi", "Funmi"],
        ["Okafor", "Eze", "Adeyemi", "Balogun"],
    ),
}
HANDLE_A = [
    "manis",
    "ayu",
    "cantik",
    "sweet",
    "angel",
    "baby",
    "kakak",
    "dedek",
    "bunny",
    "honey",
    "lovely",
    "kitty",
    "neng",
    "putri",
    "mawar",
    "melati",
    "sky",
    "star",
    "dreamy",
    "luna",
    "budi",
    "gaming",
    "official",
    "live",
    "music",
    "chill",
    "vibes",
]
HANDLE_B = ["_", ".", "", "_x", "xo", "_id", ".live"]

# ----------------------------------------------------------------------------- memos
COVER_EN = [
    "accommodation",
    "uniform",
    "medical bills",
    "family support",
    "education",
    "school fees",
    "for food",
    "rent",
    "for the kids",
    "help",
    "allowance",
    "gift",
    "load",
    "hospital",
    "tuition",
    "groceries",
]
COVER_ID = [
    "uang sekolah",
    "biaya berobat",
    "seragam",
    "bantuan keluarga",
    "buat makan",
    "uang kos",
    "jajan",
    "pulsa",
    "uang saku",
    "biaya rumah sakit",
    "kebutuhan anak",
    "sewa kamar",
]
COVER_OBF = [
    "m3dical",
    "sch00l fees",
    "unif0rm",
    "acc0mmodation",
    "f4mily support",
    "skul",
    "b1aya sekolah",
    "s e r a g a m",
    "medic4l bilz",
    "ed.u.cation",
]
VAGUE = [
    "thanks",
    "ty",
    "for you",
    "as agreed",
    "same as before",
    "tonight",
    "ok",
    "x",
    "again",
    ":)",
]
DOM_MEMO = [
    "makan",
    "bayar utang",
    "patungan",
    "ongkir",
    "pulsa",
    "bensin",
    "titip",
    "thx",
    "makasih",
    "kos",
    "listrik",
    "cicilan",
    "uang belanja",
    "buat ibu",
    "jajan",
    "kado",
    "transfer",
    "tf",
    "bayar",
    "sewa",
    "zakat",
    "sedekah",
    "infaq",
    "uang sekolah",
    "biaya berobat",
    "seragam anak",
]
DOM_MEMO_P = np.array(
    [8, 6, 5, 5, 4, 3, 3, 5, 5, 3, 2, 3, 3, 3, 3, 1, 4, 6, 5, 2, 1, 2, 1, 1.2, 0.8, 0.4]
)
TKI_MEMO = [
    "",
    "kiriman bulanan",
    "buat ibu",
    "buat bapak",
    "uang sekolah adik",
    "biaya berobat bapak",
    "untuk anak",
    "bayar cicilan",
    "kebutuhan rumah",
    "buat keluarga",
    "family support",
    "kirim",
]
HOSP_MEMO = [
    "accommodation",
    "villa deposit",
    "homestay",
    "booking",
    "surf lesson",
    "airport pickup",
    "dive trip",
    "driver",
    "sewa motor",
    "tour",
    "deposit",
    "balance villa",
    "room 2 nights",
    "snorkel trip",
    "yoga retreat",
]
STREAM_MEMO = [
    "semangat kak",
    "GG bang",
    "req lagu",
    "mantap",
    "donasi stream",
    "tip",
    "love your stream",
    "hi from KL",
    "keep going",
    "lanjut",
    "semangat",
]
CAM_MEMO = [
    "",
    "tip",
    "for show",
    "private",
    "for you",
    "thanks babe",
    "gift",
    "tonight",
    "see you",
    "xoxo",
]
CROWD_MEMO = [
    "biaya berobat",
    "untuk operasi",
    "semoga cepat sembuh",
    "medical bills",
    "donasi",
    "bantu pengobatan",
    "get well soon",
    "untuk adik",
    "galang dana",
]
SPONSOR_MEMO = [
    "school fees",
    "uniform",
    "education",
    "sponsorship",
    "beasiswa",
    "uang sekolah",
    "school books",
    "tuition",
]
ROMANCE_MEMO = [
    "",
    "hospital",
    "visa",
    "ticket",
    "for your mom",
    "medical bills",
    "I love you",
    "for the house",
    "help",
    "emergency",
    "flight",
]
SELLER_MEMO = [
    "order",
    "batik 2pcs",
    "ongkir",
    "invoice",
    "payment",
    "coffee beans",
    "kopi luwak",
    "rattan bag",
    "jastip",
    "PO",
    "DP",
]
FSEC_MEMO = [
    "",
    "udah ya",
    "tolong hapus",
    "jangan disebar",
    "kirim",
    "ini dulu",
    "sisanya besok",
    "please",
]

MCC_W = {
    "5812": 18,
    "5814": 10,
    "5411": 12,
    "5499": 10,
    "4121": 10,
    "4814": 8,
    "4900": 5,
    "5999": 6,
    "5691": 3,
    "5732": 2,
    "5816": 3,
    "5815": 1,
    "7011": 1.5,
    "8062": 1.5,
    "8211": 1.5,
    "5944": 0.6,
    "5947": 0.8,
    "4722": 0.6,
    "5641": 0.8,
    "5945": 0.8,
}
MCC_MEDIAN_IDR = {
    "5812": 45e3,
    "5814": 35e3,
    "5411": 90e3,
    "5499": 25e3,
    "4121": 28e3,
    "4814": 50e3,
    "4900": 150e3,
    "5999": 80e3,
    "5691": 180e3,
    "5732": 600e3,
    "5816": 60e3,
    "5815": 55e3,
    "7011": 450e3,
    "8062": 350e3,
    "8211": 500e3,
    "5944": 700e3,
    "5947": 120e3,
    "4722": 500e3,
    "5641": 150e3,
    "5945": 120e3,
}
MERCHANT_WORD = {
    "5812": "Warung Makan",
    "5814": "Bakso",
    "5411": "Toko Sembako",
    "5499": "Kios",
    "4121": "Ojek",
    "4814": "Konter Pulsa",
    "4900": "PLN Token",
    "5999": "Toko",
    "5691": "Butik",
    "5732": "Elektronik",
    "5816": "Voucher Game",
    "5815": "Voucher Digital",
    "7011": "Penginapan",
    "8062": "RS",
    "8211": "Sekolah",
    "5944": "Perak",
    "5947": "Oleh-oleh",
    "4722": "Tour",
    "5641": "Baju Anak",
    "5945": "Mainan",
}
REGION_TOURIST = [
    "Canggu",
    "Ubud",
    "Seminyak",
    "Kuta",
    "Sanur",
    "Gili Trawangan",
    "Labuan Bajo",
    "Malioboro",
    "Senggigi",
    "Celuk",
]
REGION_OTHER = [
    "Kab. Cianjur",
    "Kab. Garut",
    "Kab. Indramayu",
    "Kab. Bone",
    "Kab. Karawang",
    "Kab. Kendal",
    "Kab. Tasikmalaya",
    "Kab. Sukabumi",
    "Kota Palu",
    "Kab. Lampung Tengah",
    "Kab. Cirebon",
    "Kab. Brebes",
    "Kab. Jember",
    "Kab. Pangkep",
    "Kota Medan",
    "Kota Surabaya",
    "Jakarta Timur",
    "Kota Bandung",
    "Kota Makassar",
    "Kab. Lombok Timur",
]

CH = {c: i for i, c in enumerate(("bank", "msb", "ewallet", "card", "p2p", "crypto", "other"))}
CHANNELS = list(CH)
FEEDS = ["EMY", "ATL", "KRN", "PPL", "CRX"]  # issuer, remitter A, remitter B, P2P, crypto desk
FI = {f: i for i, f in enumerate(FEEDS)}

ENT_KINDS = ("wallet", "ATL", "KRN", "PPL", "merchant", "agent", "bank", "card", "addr", "foreign")


# ----------------------------------------------------------------------------- the world
@dataclass
class World:
    rng: np.random.Generator
    ent: dict[str, list[np.ndarray]] = field(default_factory=dict)
    n_ent: int = 0
    n_dev: int = 0
    tx: dict[str, list[np.ndarray]] = field(default_factory=dict)
    n_illicit: int = 0
    pools: dict[str, np.ndarray] = field(default_factory=dict)
    merchant_mcc: np.ndarray = field(default_factory=lambda: np.array([], dtype=object))
    merchant_tourist: np.ndarray = field(default_factory=lambda: np.array([], dtype=bool))

    # -- entities
    def ents(
        self,
        n: int,
        kind: str | np.ndarray,
        cc: str | np.ndarray,
        pop: str,
        *,
        sex: str | np.ndarray = "",
        by: int | np.ndarray = 0,
        name: np.ndarray | None = None,
        tz: np.ndarray | None = None,
        device: np.ndarray | None = None,
        kyc_by: float = 0.0,
        label: int = 0,
        typ: str = "",
        role: str = "",
        hard: bool = False,
    ) -> np.ndarray:
        rng = self.rng
        ccs = np.broadcast_to(np.asarray(cc, dtype=object), (n,)).copy()
        if tz is None:
            tz = np.zeros(n, dtype=np.int64)
            for c in np.unique(ccs):
                m = ccs == c
                if str(c) not in COUNTRY:  # crypto address jurisdictions: no local time
                    continue
                zs, ps, _ = COUNTRY[str(c)]
                tz[m] = rng.choice([TZI[z] for z in zs], int(m.sum()), p=np.array(ps) / sum(ps))
        sexes = np.broadcast_to(np.asarray(sex, dtype=object), (n,)).copy()
        if name is None:
            name = person_names(rng, ccs, sexes)
        bys = np.broadcast_to(np.asarray(by, dtype=np.int64), (n,)).copy()
        shown = np.where(rng.random(n) < kyc_by, bys, 0)
        if device is None:
            device = np.full(n, -1, dtype=np.int64)
        cols = {
            "kind": np.broadcast_to(np.asarray(kind, dtype=object), (n,)).copy(),
            "cc": ccs,
            "tz": tz.astype(np.int64),
            "name": np.asarray(name, dtype=object),
            "sex": sexes,
            "by": bys,
            "by_shown": shown,
            "device": device.astype(np.int64),
            "pop": np.full(n, pop, dtype=object),
            "label": np.full(n, label, dtype=np.int8),
            "typ": np.full(n, typ, dtype=object),
            "role": np.full(n, role, dtype=object),
            "hard": np.full(n, hard, dtype=bool),
        }
        for k, v in cols.items():
            self.ent.setdefault(k, []).append(v)
        idx = np.arange(self.n_ent, self.n_ent + n)
        self.n_ent += n
        return idx

    def devices(self, n: int) -> np.ndarray:
        d = np.arange(self.n_dev, self.n_dev + n)
        self.n_dev += n
        return d

    def col(self, key: str) -> np.ndarray:
        """An entity attribute over all entities made so far (concatenated on demand)."""
        parts = self.ent[key]
        if len(parts) > 1:
            self.ent[key] = [np.concatenate(parts)]
        return self.ent[key][0]

    # -- transactions
    def add(
        self,
        t: np.ndarray,
        s: np.ndarray | int,
        r: np.ndarray | int,
        amt: np.ndarray,
        cur: np.ndarray | int,
        ch: str | np.ndarray,
        feed: str | np.ndarray,
        memo: np.ndarray | str = "",
        mcc: np.ndarray | str = "",
        lab: int = 0,
        typ: str | np.ndarray = "",
    ) -> None:
        n = len(t)
        if n == 0:
            return

        def b(x: object, dtype: object) -> np.ndarray:
            return np.broadcast_to(np.asarray(x, dtype=dtype), (n,)).copy()  # type: ignore[call-overload]

        chv = b(ch, object)
        feedv = b(feed, object)
        cols = {
            "t": b(t, np.int64),
            "s": b(s, np.int64),
            "r": b(r, np.int64),
            "amt": b(amt, np.float64),
            "cur": b(cur, np.int64),
            "ch": np.full(n, CH[ch]) if isinstance(ch, str) else _codes(chv, CH),
            "feed": np.full(n, FI[feed]) if isinstance(feed, str) else _codes(feedv, FI),
            "memo": b(memo, object),
            "mcc": b(mcc, object),
            "lab": b(lab, np.int8),
            "typ": b(typ, object),
        }
        for k, v in cols.items():
            self.tx.setdefault(k, []).append(v)
        if lab:
            self.n_illicit += n

    # -- time
    def at(self, day: np.ndarray, hours: np.ndarray, tz: np.ndarray | int) -> np.ndarray:
        """UTC seconds for local dates `day` at an hour drawn from `hours`, in time zone `tz`."""
        rng = self.rng
        day = np.asarray(day, dtype=np.int64)
        h = rng.choice(24, len(day), p=hours)
        local = T0 + day * DAY + h * H + rng.integers(0, H, len(day))
        tzv = np.broadcast_to(np.asarray(tz, dtype=np.int64), day.shape)
        return local - OFF[tzv, np.clip(day, -2, DAYS + 1) + 2] * 60


def _codes(values: np.ndarray, table: dict[str, int]) -> np.ndarray:
    uniq, inv = np.unique(values.astype(str), return_inverse=True)
    return np.array([table[u] for u in uniq], dtype=np.int64)[inv]


def pick(
    rng: np.random.Generator, items: list[str], n: int, p: np.ndarray | None = None
) -> np.ndarray:
    arr = np.array(items, dtype=object)
    if p is not None:
        p = p / p.sum()
    return arr[rng.choice(len(arr), n, p=p)]


def person_names(rng: np.random.Generator, cc: np.ndarray, sex: np.ndarray) -> np.ndarray:
    n = len(cc)
    out = np.empty(n, dtype=object)
    male = sex != "F"
    for c in np.unique(cc):
        m = cc == c
        k = int(m.sum())
        mm = male[m]
        if c == "ID":
            first = np.where(mm, pick(rng, ID_M, k), pick(rng, ID_F, k))
            u = rng.random(k)
            second = np.where(u < 0.8, pick(rng, ID_SECOND, k), pick(rng, ID_FAMILY, k))
            out[m] = np.where(u < 0.35, first, first + " " + second)
        else:
            fm, ff, last = BY_CC.get(str(c), (WEST_M, WEST_F, WEST_L))
            first = np.where(mm, pick(rng, fm, k), pick(rng, ff, k))
            out[m] = first + " " + pick(rng, last, k)
    return out


def handles(rng: np.random.Generator, n: int) -> np.ndarray:
    a = pick(rng, HANDLE_A, n)
    b = pick(rng, HANDLE_B, n)
    d = rng.integers(0, 100, n).astype(str)
    d = np.where(rng.random(n) < 0.5, d, "")
    return "@" + a + b + d


def day_weights(cc: str, kind: str) -> np.ndarray:
    """Which days people of a country send money: paydays and rest days."""
    p = np.ones(DAYS)
    if kind == "payday":
        p[(DOM >= 25) | (DOM <= 5)] *= 3
        rest = 4 if cc in ("SA", "AE", "QA") else 6  # Friday / Sunday
        p[rest == WEEKDAY] *= 3
    return p / p.sum()


def span_days(rng: np.random.Generator, n: int, lo: int, hi: int) -> tuple[np.ndarray, np.ndarray]:
    """Activity windows of lifetimes lo..hi days, left- and right-censored by the year."""
    life = rng.integers(lo, hi + 1, n)
    start = rng.integers(-life + 1, DAYS)
    a = np.clip(start, 0, DAYS - 1)
    b = np.clip(start + life, a + 1, DAYS)
    return a, b


def days_in(rng: np.random.Generator, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return a + (rng.random(len(a)) * (b - a)).astype(np.int64)


def expand(counts: np.ndarray) -> np.ndarray:
    return np.repeat(np.arange(len(counts)), counts)


def source_amount(
    rng: np.random.Generator,
    usd: np.ndarray,
    cur: np.ndarray,
    day: np.ndarray,
    round_share: float | np.ndarray,
) -> np.ndarray:
    x = usd / rate(cur, day)
    rnd = rng.random(len(usd)) < round_share
    return np.where(rnd, nice_round(x), exact(x, cur))


def credit(
    w: World, feed: np.ndarray, src_amt: np.ndarray, src_cur: np.ndarray, day: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """What the ledger records for an inbound credit: ATL converts to IDR at its margin."""
    margin = w.rng.uniform(0.015, 0.03, len(src_amt))
    idr = np.round(
        src_amt * rate(src_cur, day) / rate(np.full(len(day), CI["IDR"]), day) * (1 - margin)
    )
    atl = feed == "ATL"
    return np.where(atl, idr, src_amt), np.where(atl, CI["IDR"], src_cur)


def idr_value(amt: np.ndarray, cur: np.ndarray, day: np.ndarray) -> np.ndarray:
    return amt * rate(cur, day) / rate(np.full(len(day), CI["IDR"]), day)


def day_of(t: np.ndarray) -> np.ndarray:
    return np.clip((t - T0) // DAY, 0, DAYS - 1)


def cashout(
    w: World,
    who: np.ndarray,
    t: np.ndarray,
    idr: np.ndarray,
    share: float,
    lo: float,
    hi: float,
    delay_h: tuple[float, float],
    lab: int = 0,
    typ: str = "",
    banks: np.ndarray | None = None,
) -> None:
    """A part of the credits `idr` at `t` withdrawn at an agent (or own bank) soon after."""
    rng = w.rng
    m = rng.random(len(who)) < share
    if not m.any():
        return
    k = int(m.sum())
    amt = np.maximum(50_000, np.round(idr[m] * rng.uniform(lo, hi, k) / 50_000) * 50_000)
    tt = by_day(t[m] + (rng.uniform(*delay_h, k) * H).astype(np.int64))
    recv = usual_agent(rng, w.pools["agent"], who[m])
    ch = np.full(k, "other", dtype=object)
    if banks is not None:
        to_bank = rng.random(k) < 0.25
        recv = np.where(to_bank, banks[m], recv)
        ch = np.where(to_bank, "bank", ch)
    memo = np.where(rng.random(k) < 0.6, "tarik tunai", "")
    w.add(
        tt,
        who[m],
        recv,
        amt,
        CI["IDR"],
        ch,
        "EMY",
        memo,
        np.where(ch == "other", "6010", ""),
        lab,
        typ,
    )


def usual_agent(rng: np.random.Generator, agents: np.ndarray, who: np.ndarray) -> np.ndarray:
    """Each account withdraws at one of its three usual agents."""
    return agents[(who * 7919 + rng.integers(0, 3, len(who))) % len(agents)]


def by_day(t: np.ndarray) -> np.ndarray:
    """Cash desks: a withdrawal that would fall between 00:00 and 06:00 WIB waits for morning."""
    hour = ((t + 7 * H) // H) % 24
    return np.where(hour < 6, t + (7 - hour) * H, t)


def feeds_for(
    rng: np.random.Generator, n: int, p_atl: float = 0.45, p_krn: float = 0.4
) -> np.ndarray:
    u = rng.random(n)
    return np.where(u < p_atl, "ATL", np.where(u < p_atl + p_krn, "KRN", "PPL")).astype(object)


def foreign_senders(
    w: World, n: int, ccs: np.ndarray, pop: str, sex: np.ndarray, by: np.ndarray, **kw: object
) -> tuple[np.ndarray, np.ndarray]:
    """Senders abroad, each on one partner feed (the feed is their id space)."""
    feed = feeds_for(w.rng, n)
    idx = w.ents(n, feed, ccs, pop, sex=sex, by=by, kyc_by=0.5, **kw)  # type: ignore[arg-type]
    return idx, feed


def cur_of(cc: np.ndarray) -> np.ndarray:
    return np.array([CI[COUNTRY[str(c)][2]] for c in cc], dtype=np.int64)


def inbound(
    w: World,
    s: np.ndarray,
    r: np.ndarray,
    t: np.ndarray,
    usd: np.ndarray,
    s_cc: np.ndarray,
    s_feed: np.ndarray,
    round_share: float | np.ndarray,
    memo: np.ndarray | str,
    lab: int = 0,
    typ: str | np.ndarray = "",
) -> np.ndarray:
    """Cross-border credits into wallets; returns their IDR value (for cash-out)."""
    day = day_of(t)
    cur = np.where(s_feed == "PPL", CI["USD"], cur_of(s_cc))
    src = source_amount(w.rng, usd, cur, day, round_share)
    amt, rec_cur = credit(w, s_feed, src, cur, day)
    ch = np.where(s_feed == "PPL", "p2p", "msb").astype(object)
    w.add(t, s, r, amt, rec_cur, ch, s_feed, memo, "", lab, typ)
    return idr_value(amt, rec_cur, day)


def wallets(
    w: World,
    n: int,
    pop: str,
    *,
    by_lo: int = 1960,
    by_hi: int = 2005,
    kyc_by: float = 0.45,
    **kw: object,
) -> np.ndarray:
    rng = w.rng
    sex = np.where(rng.random(n) < 0.5, "M", "F").astype(object)
    sex = np.where(rng.random(n) < 0.7, sex, "")  # sex unknown on basic accounts
    by = rng.integers(by_lo, by_hi + 1, n)
    real_sex = np.where(sex == "", np.where(rng.random(n) < 0.5, "M", "F"), sex)
    name = person_names(rng, np.full(n, "ID", dtype=object), real_sex)
    return w.ents(
        n, "wallet", "ID", pop, sex=sex, by=by, name=name, device=w.devices(n), kyc_by=kyc_by, **kw
    )  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- pools
def make_pools(w: World, n_bg: int) -> None:
    rng = w.rng
    n_m = max(300, n_bg // 250)
    codes = list(MCC_W)
    mcc = pick(rng, codes, n_m, np.array([MCC_W[c] for c in codes], dtype=float))
    tourist = rng.random(n_m) < 0.18
    region = np.where(tourist, pick(rng, REGION_TOURIST, n_m), pick(rng, REGION_OTHER, n_m))
    word = np.array([MERCHANT_WORD[c] for c in mcc], dtype=object)
    name = word + " " + pick(rng, ID_SECOND + ID_M, n_m) + " " + region
    # a few QRIS merchants at each tourist-only category, so tourists always find one
    w.pools["merchant"] = w.ents(
        n_m, "merchant", "ID", "merchant", name=name, tz=np.zeros(n_m, dtype=np.int64)
    )
    w.merchant_mcc = mcc
    w.merchant_tourist = tourist
    n_a = max(80, n_bg // 4000)
    a_tour = rng.random(n_a) < 0.2
    a_region = np.where(a_tour, pick(rng, REGION_TOURIST, n_a), pick(rng, REGION_OTHER, n_a))
    a_name = pick(rng, ["Agen", "Alfamart", "Indomaret", "Agen Laku Pandai"], n_a) + " " + a_region
    w.pools["agent"] = w.ents(
        n_a, "agent", "ID", "agent", name=a_name, tz=np.zeros(n_a, dtype=np.int64)
    )
    w.pools["agent_tourist"] = w.pools["agent"][a_tour]
    w.pools["agent_other"] = w.pools["agent"][~a_tour]
    crypto_desk = w.ents(
        1,
        "merchant",
        "ID",
        "crypto_desk",
        name=np.array(["PT Aset Kripto Nusantara"], dtype=object),
        tz=np.zeros(1, dtype=np.int64),
    )
    w.pools["crypto_desk"] = crypto_desk
    n_ex = 6
    w.pools["exchange_addr"] = w.ents(
        n_ex,
        "addr",
        pick(rng, ["SG", "SC", "KY", "VG", "HK", "US"], n_ex),
        "exchange_deposit",
        name=np.full(n_ex, "", dtype=object),
        tz=np.zeros(n_ex, dtype=np.int64),
    )


def merchants_of(w: World, codes: list[str], tourist: bool | None = None) -> np.ndarray:
    m = np.isin(w.merchant_mcc, codes)
    if tourist is not None:
        m &= w.merchant_tourist == tourist
    got = w.pools["merchant"][m]
    if len(got) == 0:  # tiny worlds: make one
        c = codes[0]
        region = REGION_TOURIST[0] if tourist else REGION_OTHER[0]
        got = w.ents(
            1,
            "merchant",
            "ID",
            "merchant",
            name=np.array([f"{MERCHANT_WORD[c]} {region}"], dtype=object),
            tz=np.zeros(1, dtype=np.int64),
        )
        w.pools["merchant"] = np.concatenate([w.pools["merchant"], got])
        w.merchant_mcc = np.concatenate([w.merchant_mcc, np.array([c], dtype=object)])
        w.merchant_tourist = np.concatenate([w.merchant_tourist, np.array([bool(tourist)])])
    return got


def own_banks(w: World, who: np.ndarray) -> np.ndarray:
    """Each wallet's own account at another bank (same name)."""
    names = w.col("name")[who]
    return w.ents(
        len(who), "bank", "ID", "own_bank", name=names, tz=np.zeros(len(who), dtype=np.int64)
    )


# ----------------------------------------------------------------------------- benign
def pop_domestic(w: World, n: int) -> None:
    """Everyday P2P inside Indonesia: families, friends, bill splitting, arisan groups."""
    rng = w.rng
    n_u = max(200, n // 9)
    users = wallets(w, n_u, "domestic")
    w.pools["users"] = users
    comm_size = rng.integers(6, 30, n_u // 12 + 1)
    comm_start = np.concatenate([[0], np.cumsum(comm_size)[:-1]])
    comm_of = np.minimum(
        np.searchsorted(np.cumsum(comm_size), np.arange(n_u), side="right"), len(comm_size) - 1
    )
    act = rng.lognormal(0, 1.0, n_u)
    n_arisan = int(n * 0.04)
    n_p2p = n - n_arisan
    s = rng.choice(n_u, n_p2p, p=act / act.sum())
    c = comm_of[s]
    local = rng.random(n_p2p) < 0.85
    r = np.where(
        local,
        comm_start[c] + (rng.random(n_p2p) * comm_size[c]).astype(np.int64),
        rng.integers(0, n_u, n_p2p),
    )
    r = np.minimum(r, n_u - 1)
    r = np.where(r == s, (r + 1) % n_u, r)
    day = rng.integers(0, DAYS, n_p2p)
    tz = w.col("tz")[users[s]]
    t = w.at(day, H_DOM, tz)
    x = np.clip(rng.lognormal(np.log(120e3), 1.0, n_p2p), 5e3, 2e7)
    amt = np.where(rng.random(n_p2p) < 0.85, nice_round(x), np.round(x, -2))
    memo = np.where(rng.random(n_p2p) < 0.45, "", pick(rng, DOM_MEMO, n_p2p, DOM_MEMO_P))
    ch = np.where(rng.random(n_p2p) < 0.85, "ewallet", "bank")
    w.add(t, users[s], users[r], amt, CI["IDR"], ch, "EMY", memo)
    # arisan: a collector receives the same round amount from 10-20 members each month
    per_group = 12 * 14
    g = max(1, n_arisan // per_group)
    for _ in range(g):
        size = int(rng.integers(10, 21))
        members = users[rng.choice(n_u, size, replace=False)]
        collector = members[0]
        amount = float(rng.choice([100e3, 200e3, 250e3, 500e3, 1e6]))
        months = MONTH_START[: min(12, len(MONTH_START))]
        ss = np.tile(members[1:], len(months))
        dd = np.repeat(months, size - 1) + rng.integers(0, 8, len(ss))
        tt = w.at(np.minimum(dd, DAYS - 1), H_EVENING, 0)
        w.add(
            tt,
            ss,
            collector,
            np.full(len(ss), amount),
            CI["IDR"],
            "ewallet",
            "EMY",
            pick(rng, ["arisan", "arisan bulan ini", ""], len(ss)),
        )


def pop_merchant(w: World, n: int) -> None:
    rng = w.rng
    users = w.pools["users"]
    merch = w.pools["merchant"]
    n_set = int(n * 0.08)
    n_pay = n - n_set
    act = rng.lognormal(0, 0.9, len(users))
    s = users[rng.choice(len(users), n_pay, p=act / act.sum())]
    pop_w = rng.zipf(1.6, len(merch)).astype(float)
    mi = rng.choice(len(merch), n_pay, p=pop_w / pop_w.sum())
    mcc = w.merchant_mcc[mi]
    med = np.array([MCC_MEDIAN_IDR[c] for c in mcc])
    x = np.clip(rng.lognormal(np.log(med), 0.6), 2e3, 5e7)
    amt = np.where(rng.random(n_pay) < 0.35, nice_round(x), np.round(x, -2))
    t = w.at(rng.integers(0, DAYS, n_pay), H_DOM, w.col("tz")[s])
    ch = np.where(rng.random(n_pay) < 0.8, "ewallet", "card")
    w.add(
        t,
        s,
        merch[mi],
        amt,
        CI["IDR"],
        ch,
        "EMY",
        np.where(rng.random(n_pay) < 0.9, "", "QRIS"),
        mcc,
    )
    # merchants settle to their bank accounts
    banks = own_banks(w, merch)
    si = rng.choice(len(merch), n_set, p=pop_w / pop_w.sum())
    t2 = w.at(rng.integers(0, DAYS, n_set), H_BATCH, 0)
    amt2 = np.round(
        np.clip(rng.lognormal(np.log(MCC_MEDIAN_IDR["5411"] * 20), 1.0, n_set), 1e5, 5e8), -2
    )
    w.add(t2, merch[si], banks[si], amt2, CI["IDR"], "bank", "EMY", "settlement")


def pop_cash(w: World, n: int) -> None:
    """Top-ups from bank accounts and agent withdrawals of ordinary users."""
    rng = w.rng
    users = w.pools["users"]
    k = min(len(users), max(50, n // 8))
    who = users[rng.choice(len(users), k, replace=False)]
    banks = own_banks(w, who)
    w.pools["users_banked"] = who
    w.pools["users_bank"] = banks
    n_in = n // 2
    i = rng.integers(0, k, n_in)
    t = w.at(rng.integers(0, DAYS, n_in), H_DOM, w.col("tz")[who[i]])
    amt = nice_round(np.clip(rng.lognormal(np.log(300e3), 0.9, n_in), 2e4, 2e7))
    w.add(
        t,
        banks[i],
        who[i],
        amt,
        CI["IDR"],
        "bank",
        "EMY",
        pick(rng, ["top up", "", "isi saldo"], n_in),
    )
    n_out = n - n_in
    j = rng.integers(0, k, n_out)
    t = w.at(rng.integers(0, DAYS, n_out), H_DOM, w.col("tz")[who[j]])
    amt = np.maximum(5e4, np.round(rng.lognormal(np.log(250e3), 0.8, n_out) / 5e4) * 5e4)
    agents = w.pools["agent"]
    w.add(
        by_day(t),
        who[j],
        usual_agent(rng, agents, who[j]),
        amt,
        CI["IDR"],
        "other",
        "EMY",
        np.where(rng.random(n_out) < 0.5, "tarik tunai", ""),
        "6010",
    )


def pop_payroll(w: World, n: int) -> None:
    """Salaries from domestic employers, gig payouts, foreign freelance platforms (PPL)."""
    rng = w.rng
    users = w.pools["users"]
    n_emp = max(5, n // 600)
    emp_names = (
        "PT "
        + pick(rng, ["Maju", "Sinar", "Karya", "Bumi", "Mitra", "Cahaya"], n_emp)
        + " "
        + pick(rng, ["Abadi", "Sejahtera", "Makmur", "Mandiri", "Utama"], n_emp)
    )
    employers = w.ents(
        n_emp, "bank", "ID", "employer", name=emp_names, tz=np.zeros(n_emp, dtype=np.int64)
    )
    n_sal = int(n * 0.6)
    staff = (
        rng.choice(len(users), max(1, n_sal // 12), replace=False) if n_sal >= 12 else np.arange(1)
    )
    emp_of = rng.integers(0, n_emp, len(staff))
    base = np.round(rng.lognormal(np.log(4.5e6), 0.5, len(staff)), -3)
    months = MONTH_START
    ss = np.tile(np.arange(len(staff)), len(months))
    dd = np.repeat(months, len(staff)) - rng.integers(3, 7, len(ss))
    dd = np.clip(dd, 0, DAYS - 1)
    t = w.at(dd, H_BATCH, 0)
    w.add(
        t,
        employers[emp_of[ss]],
        users[staff[ss]],
        base[ss],
        CI["IDR"],
        "bank",
        "EMY",
        pick(rng, ["gaji", "payroll", "salary"], len(ss)),
    )
    # foreign freelance platforms
    n_fr = n - len(ss)
    plat_cc = np.array(["US", "US", "SG", "GB"], dtype=object)
    plat = w.ents(
        4,
        "PPL",
        plat_cc,
        "platform",
        name=np.array(
            ["Freelance Marketplace Inc", "Remote Work Co", "Gig Asia Pte Ltd", "Design Crowd Ltd"],
            dtype=object,
        ),
    )
    fl = users[rng.choice(len(users), max(2, n_fr // 20), replace=False)]
    j = rng.integers(0, len(fl), n_fr)
    p = rng.integers(0, 4, n_fr)
    t = w.at(rng.integers(0, DAYS, n_fr), H_DAYTIME, w.col("tz")[plat[p]])
    usd = np.round(np.clip(rng.lognormal(np.log(180), 0.9, n_fr), 10, 5000), 2)
    w.add(
        t,
        plat[p],
        fl[j],
        usd,
        CI["USD"],
        "p2p",
        "PPL",
        pick(rng, ["payout", "withdrawal", "earnings"], n_fr),
    )


TKI_CC = np.array(["MY", "HK", "TW", "SA", "SG", "KR", "JP", "AE"], dtype=object)
TKI_P = np.array([0.30, 0.18, 0.18, 0.12, 0.08, 0.06, 0.05, 0.03])
TKI_F = {"MY": 0.5, "HK": 0.95, "TW": 0.7, "SA": 0.85, "SG": 0.9, "KR": 0.15, "JP": 0.3, "AE": 0.8}


def pop_tki(w: World, n: int) -> None:
    """Indonesian migrant workers' monthly remittances and their families' quick cash-out."""
    rng = w.rng
    k = max(20, n // 22)
    cc = rng.choice(TKI_CC, k, p=TKI_P)
    female = rng.random(k) < np.array([TKI_F[str(c)] for c in cc])
    sex = np.where(female, "F", "M").astype(object)
    name = person_names(rng, np.full(k, "ID", dtype=object), sex)
    workers, feed = foreign_senders(
        w,
        k,
        cc,
        "diaspora_worker",
        np.where(rng.random(k) < 0.8, sex, ""),
        rng.integers(1975, 2003, k),
        name=name,
    )
    n_recv = rng.integers(1, 4, k)
    fam = wallets(w, int(n_recv.sum()), "diaspora_family", by_lo=1950, by_hi=2004)
    fam_start = np.concatenate([[0], np.cumsum(n_recv)[:-1]])
    per = rng.poisson(13, k) + 1
    i = expand(per)
    day = np.zeros(len(i), dtype=np.int64)
    for c in np.unique(cc):
        m = cc[i] == c
        day[m] = rng.choice(DAYS, int(m.sum()), p=day_weights(str(c), "payday"))
    eid = rng.random(len(i)) < 0.05  # THR before Eid al-Fitr (~20 March 2026)
    day = np.where(eid, 255 + rng.integers(-12, 0, len(i)), day)
    main = rng.random(len(i)) < 0.7
    r = fam[fam_start[i] + np.where(main, 0, (rng.random(len(i)) * n_recv[i]).astype(np.int64))]
    tz = w.col("tz")[workers[i]]
    t = w.at(day, H_DAYTIME, tz)
    usd = np.clip(rng.lognormal(np.log(250), 0.5, len(i)), 40, 3000)
    memo = pick(
        rng, TKI_MEMO, len(i), np.array([30, 12, 8, 6, 5, 3, 6, 4, 4, 5, 2, 3], dtype=float)
    )
    memo = np.where(eid, "THR", memo)
    idr = inbound(w, workers[i], r, t, usd, cc[i], feed[i], 0.7, memo)
    cashout(w, r, t, idr, 0.6, 0.5, 1.0, (0.2, 48))


def pop_outbound(w: World, n: int) -> None:
    """Residents of Indonesia remitting abroad: Filipino and Thai workers, expats."""
    rng = w.rng
    k = max(10, n // 12)
    origin = rng.choice(
        np.array(["PH", "TH", "AU", "IN", "CN", "KR", "JP", "US", "GB"], dtype=object),
        k,
        p=[0.38, 0.07, 0.1, 0.1, 0.1, 0.1, 0.06, 0.05, 0.04],
    )
    sex = np.where(rng.random(k) < 0.6, "M", "F").astype(object)
    nm = person_names(rng, origin, sex)
    senders = w.ents(
        k,
        "wallet",
        "ID",
        "resident_foreigner",
        sex=sex,
        by=rng.integers(1960, 2000, k),
        name=nm,
        device=w.devices(k),
        kyc_by=0.9,
        tz=np.zeros(k, dtype=np.int64),
    )
    n_r = rng.integers(1, 3, k)
    rs_i = expand(n_r)
    rname = person_names(
        rng, origin[rs_i], np.where(rng.random(len(rs_i)) < 0.6, "F", "M").astype(object)
    )
    same = rng.random(len(rs_i)) < 0.6  # family: the surname of the sender
    last = np.array([str(x).split(" ")[-1] for x in nm[rs_i]], dtype=object)
    rname = np.where(
        same, np.array([str(x).split(" ")[0] for x in rname], dtype=object) + " " + last, rname
    )
    recv = w.ents(len(rs_i), "foreign", origin[rs_i], "remittance_family_abroad", name=rname)
    r_start = np.concatenate([[0], np.cumsum(n_r)[:-1]])
    per = rng.poisson(11, k) + 1
    i = expand(per)
    r = recv[r_start[i] + (rng.random(len(i)) * n_r[i]).astype(np.int64)]
    day = rng.choice(DAYS, len(i), p=day_weights("ID", "payday"))
    t = w.at(day, H_EVENING, 0)
    usd = np.clip(rng.lognormal(np.log(np.where(origin[i] == "PH", 180, 500)), 0.6), 30, 8000)
    d = day_of(t)
    dest_cur = cur_of(origin[i])
    in_idr = rng.random(len(i)) < 0.7
    cur = np.where(in_idr, CI["IDR"], dest_cur)
    amt = np.where(
        in_idr,
        np.round(usd / rate(np.full(len(i), CI["IDR"]), d), -3),
        nice_round(usd / rate(dest_cur, d)),
    )
    memo = np.where(
        origin[i] == "PH",
        pick(
            rng,
            [
                "padala",
                "for family",
                "pang-tuition",
                "pambayad kuryente",
                "allowance",
                "for mama",
                "baon",
                "",
            ],
            len(i),
        ),
        pick(rng, ["family", "", "mortgage", "support", "home"], len(i)),
    )
    w.add(t, senders[i], r, amt, cur, "msb", "EMY", memo)


def pop_students(w: World, n: int) -> None:
    """Parents paying students abroad; foreign students in Indonesia paid from home."""
    rng = w.rng
    k = max(6, n // 14)
    dest = rng.choice(
        np.array(["AU", "MY", "JP", "GB", "US", "NL", "DE", "TW", "KR"], dtype=object), k
    )
    parents = wallets(w, k, "student_parent", by_lo=1958, by_hi=1982, kyc_by=0.8)
    pn = w.col("name")[parents]
    kid = person_names(
        rng, np.full(k, "ID", dtype=object), np.where(rng.random(k) < 0.5, "M", "F").astype(object)
    )
    share = rng.random(k) < 0.4
    kid = np.where(
        share,
        np.array([str(x).split(" ")[0] for x in kid], dtype=object)
        + " "
        + np.array([str(x).split(" ")[-1] for x in pn], dtype=object),
        kid,
    )
    students = w.ents(
        k, "foreign", dest, "student_abroad", name=kid, by=rng.integers(1998, 2007, k)
    )
    per = rng.poisson(10, k) + 1
    i = expand(per)
    t = w.at(rng.choice(DAYS, len(i), p=day_weights("ID", "payday")), H_EVENING, 0)
    usd = np.clip(rng.lognormal(np.log(700), 0.6, len(i)), 100, 15000)
    amt = np.round(usd / rate(np.full(len(i), CI["IDR"]), day_of(t)), -4)
    w.add(
        t,
        parents[i],
        students[i],
        amt,
        CI["IDR"],
        "msb",
        "EMY",
        pick(rng, ["uang saku", "biaya kuliah", "tuition", "kos", "living cost", ""], len(i)),
    )


def pop_crypto(w: World, n: int) -> None:
    """Retail crypto buyers: IDR to the desk, USDT out to exchanges or own addresses."""
    rng = w.rng
    users = w.pools["users"]
    k = max(20, n // 15)
    who = users[rng.choice(len(users), min(k, len(users)), replace=False)]
    k = len(who)
    own = w.ents(
        k,
        "addr",
        pick(rng, ["SG", "SC", "VG", "KY", "HK", "ID"], k),
        "self_custody",
        name=np.full(k, "", dtype=object),
        tz=np.zeros(k, dtype=np.int64),
    )
    n_buy = n // 2
    i = rng.integers(0, k, n_buy)
    t = w.at(rng.integers(0, DAYS, n_buy), H_BROAD, w.col("tz")[who[i]])
    idr = nice_round(np.clip(rng.lognormal(np.log(1e6), 1.0, n_buy), 1e5, 2e8))
    w.add(
        t,
        who[i],
        w.pools["crypto_desk"][0],
        idr,
        CI["IDR"],
        "ewallet",
        "EMY",
        pick(rng, ["beli USDT", "beli BTC", "", "top up kripto"], n_buy),
        "6051",
    )
    n_out = n - n_buy
    j = rng.integers(0, k, n_out)
    t2 = w.at(rng.integers(0, DAYS, n_out), H_BROAD, w.col("tz")[who[j]])
    usdt = np.where(
        rng.random(n_out) < 0.6,
        nice_round(np.clip(rng.lognormal(np.log(80), 1.0, n_out), 5, 20000)),
        np.round(rng.lognormal(np.log(80), 1.0, n_out), 2),
    )
    ex = w.pools["exchange_addr"]
    to = np.where(rng.random(n_out) < 0.7, ex[rng.integers(0, len(ex), n_out)], own[j])
    w.add(t2, who[j], to, usdt, CI["USDT"], "crypto", "CRX", "")


def pop_tourists(w: World, n: int, hard: float) -> None:
    """Tourist wallets topped up by a foreign card; nomads; foreign in-laws visiting family."""
    rng = w.rng
    cc_list = np.array(
        ["AU", "GB", "US", "DE", "NL", "FR", "JP", "KR", "SG", "CN", "IN", "NZ"], dtype=object
    )
    k = max(10, n // 30)
    cc = rng.choice(
        cc_list, k, p=[0.3, 0.09, 0.08, 0.07, 0.06, 0.06, 0.06, 0.06, 0.06, 0.06, 0.05, 0.05]
    )
    sex = np.where(rng.random(k) < 0.55, "M", "F").astype(object)
    by = rng.integers(1950, 2003, k)
    nm = person_names(rng, cc, sex)
    acct = w.ents(
        k,
        "wallet",
        "ID",
        "tourist",
        sex=sex,
        by=by,
        name=nm,
        device=w.devices(k),
        kyc_by=0.9,
        tz=np.full(k, TZI["Asia/Makassar"]),
    )
    cards = w.ents(k, "card", cc, "tourist_card", sex=sex, by=by, name=nm)
    kind = rng.random(k)
    nomad = kind < 0.15
    inlaw = (kind >= 0.15) & (kind < 0.15 + 0.12 * hard)
    w.col("hard")[acct[inlaw]] = True  # long stays, gifts and cash in a non-tourist regency
    w.col("pop")[acct[inlaw]] = "tourist_inlaw"
    lodging_t = merchants_of(w, ["7011"], True)
    food_t = merchants_of(w, ["5812", "5814", "5499"], True)
    gifts_t = merchants_of(w, ["5944", "5947"], True)
    tour_t = merchants_of(w, ["4722", "4121"], True)
    lodging_o = merchants_of(w, ["7011"], False)
    food_o = merchants_of(w, ["5812", "5411", "5499"], False)
    gifts_o = merchants_of(w, ["5944", "5641", "5945", "5947"], False)
    agents_t = w.pools["agent_tourist"] if len(w.pools["agent_tourist"]) else w.pools["agent"]
    agents_o = w.pools["agent_other"] if len(w.pools["agent_other"]) else w.pools["agent"]
    rows = 0
    for a in range(k):
        if rows >= n:
            break
        trips = 1 + int(rng.random() < 0.35)
        fam = None
        if inlaw[a]:
            fam = wallets(
                w, int(rng.integers(1, 4)), "inlaw_family", by_lo=1950, by_hi=2000, hard=True
            )
        for _ in range(trips):
            stay = (
                int(rng.integers(45, 180))
                if nomad[a]
                else int(rng.integers(4, 17))
                if not inlaw[a]
                else int(rng.integers(10, 35))
            )
            d0 = int(rng.integers(0, DAYS - 3))
            days = np.arange(d0, min(DAYS, d0 + stay))
            other = bool(inlaw[a])
            ev = max(2, int(len(days) * rng.uniform(1.2, 2.5)))
            dd = rng.choice(days, ev)
            t = w.at(dd, H_DOM, int(TZI["Asia/Makassar"]))
            u = rng.random(ev)
            pools = (
                (lodging_o, food_o, gifts_o, agents_o)
                if other
                else (lodging_t, food_t, gifts_t, agents_t)
            )
            kindx = np.where(u < 0.12, 0, np.where(u < 0.7, 1, np.where(u < 0.8, 2, 3)))
            tour_pick = (~np.full(ev, other)) & (rng.random(ev) < 0.1)
            recv = np.empty(ev, dtype=np.int64)
            mcc = np.empty(ev, dtype=object)
            for kx, pool in enumerate(pools):
                m = kindx == kx
                recv[m] = pool[rng.integers(0, len(pool), int(m.sum()))]
            mcc = np.where(kindx == 3, "6011", "")
            recv = np.where(tour_pick, tour_t[rng.integers(0, len(tour_t), ev)], recv)
            merch_pos = np.searchsorted(w.pools["merchant"], recv)
            merch_pos = np.clip(merch_pos, 0, len(w.pools["merchant"]) - 1)
            is_m = w.pools["merchant"][merch_pos] == recv
            mcc = np.where(is_m, w.merchant_mcc[merch_pos], mcc)
            base = np.where(
                kindx == 0, 900e3, np.where(kindx == 1, 120e3, np.where(kindx == 2, 600e3, 1.5e6))
            )
            x = np.clip(rng.lognormal(np.log(base), 0.5), 2e4, 3e7)
            amt = np.where(kindx == 3, np.round(x / 1e5) * 1e5 + 1e5, np.round(x, -3))
            ch = np.where(kindx == 3, "card", "ewallet")
            w.add(t, acct[a], recv, amt, CI["IDR"], ch, "EMY", "", mcc)
            rows += ev
            # top-ups from the home card before and during the stay
            tops = max(1, ev // 8)
            tt = w.at(rng.choice(days, tops), H_BROAD, int(TZI["Asia/Makassar"]))
            cur = cur_of(cc[[a]])[0]
            usd = np.clip(rng.lognormal(np.log(400), 0.6, tops), 50, 5000)
            w.add(
                tt,
                cards[a],
                acct[a],
                nice_round(usd / rate(np.full(tops, cur), day_of(tt))),
                cur,
                "card",
                "EMY",
                "top up",
            )
            rows += tops
            if fam is not None:
                g = int(rng.integers(1, 5))
                tg = w.at(rng.choice(days, g), H_DOM, int(TZI["Asia/Jakarta"]))
                w.add(
                    tg,
                    acct[a],
                    fam[rng.integers(0, len(fam), g)],
                    nice_round(rng.lognormal(np.log(1e6), 0.7, g)),
                    CI["IDR"],
                    "ewallet",
                    "EMY",
                    pick(rng, ["buat ibu", "oleh-oleh", "for mum", "", "buat adik"], g),
                )
                rows += g
    w.pools["tourist_wallet"] = acct


def pop_gaming_teens(w: World, n: int) -> None:
    """Teenagers (13-17) buying game vouchers in bursts from resellers; allowances."""
    rng = w.rng
    k = max(10, n // 25)
    sex = np.where(rng.random(k) < 0.8, "M", "F").astype(object)
    teens = w.ents(
        k,
        "wallet",
        "ID",
        "gaming_teen",
        sex=np.where(rng.random(k) < 0.6, sex, ""),
        by=rng.integers(2008, 2013, k),
        name=person_names(rng, np.full(k, "ID", dtype=object), sex),
        device=w.devices(k),
        kyc_by=0.5,
        hard=True,
    )
    resellers = merchants_of(w, ["5816", "5815"])
    # each teen has a few resellers; now and then a new one
    sessions = rng.poisson(6, k) + 1
    i = expand(sessions)
    sd = rng.integers(0, DAYS, len(i))
    per = rng.integers(2, 6, len(i))
    j = expand(per)
    payer = i[j]
    reseller = resellers[rng.integers(0, len(resellers), len(i))][j]
    start = w.at(sd, H_EVENING, 0)  # a session: 2-5 top-ups within a few hours
    t = start[j] + rng.integers(0, 5 * H, len(j))
    amt = pick(
        rng, ["10000", "15000", "25000", "50000", "75000", "100000", "150000", "300000"], len(j)
    ).astype(float)
    w.add(
        t,
        teens[payer],
        reseller,
        amt,
        CI["IDR"],
        "ewallet",
        "EMY",
        pick(rng, ["diamond", "topup ML", "UC", "", "voucher"], len(j)),
        "5816",
    )
    # allowance from a parent
    parents = w.pools["users"][rng.integers(0, len(w.pools["users"]), k)]
    m = max(1, n - len(j))
    a = rng.integers(0, k, m)
    ta = w.at(rng.integers(0, DAYS, m), H_DOM, 0)
    w.add(
        ta,
        parents[a],
        teens[a],
        pick(rng, ["20000", "50000", "100000", "200000"], m).astype(float),
        CI["IDR"],
        "ewallet",
        "EMY",
        pick(rng, ["jajan", "uang saku", "", "buat sekolah"], m),
    )


def many_foreign_to_one(
    w: World,
    n: int,
    pop_recv: str,
    pop_send: str,
    cc_list: list[str],
    cc_p: list[float],
    fans_per: tuple[int, int],
    usd_med: float,
    hours: np.ndarray,
    round_share: float,
    memos: list[str],
    male: float,
    repeat: float,
    cash_share: float,
    handle_share: float = 0.0,
    recv_by: tuple[int, int] = (1965, 2002),
    household: float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """The shape shared by several hard negatives: foreign senders paying local receivers."""
    rng = w.rng
    avg = (fans_per[0] + fans_per[1]) / 2 * (1 + repeat * 4)
    k = max(2, int(n / (avg * (1 + cash_share * 0.7))))
    recv = wallets(w, k, pop_recv, by_lo=recv_by[0], by_hi=recv_by[1], kyc_by=0.6, hard=True)
    if household > 0:  # family businesses: relatives' wallets on the same phone
        dev = w.col("device")
        fam_n = (rng.random(k) < household) * rng.integers(1, 4, k)
        owner = expand(fam_n)
        if len(owner):
            fam = w.ents(
                len(owner),
                "wallet",
                "ID",
                pop_recv + "_family",
                sex=pick(rng, ["M", "F", ""], len(owner)),
                by=rng.integers(1960, 2004, len(owner)),
                device=dev[recv[owner]],
                kyc_by=0.5,
                hard=True,
            )
            dd = w.at(rng.integers(0, DAYS, len(owner) * 6), H_DOM, 0)
            own6 = np.repeat(owner, 6)
            w.add(
                dd,
                recv[own6],
                np.repeat(fam, 6),
                nice_round(rng.lognormal(np.log(500e3), 0.7, len(dd))),
                CI["IDR"],
                "ewallet",
                "EMY",
                pick(rng, ["gaji", "bagi hasil", "", "belanja"], len(dd)),
            )
    fans = rng.integers(fans_per[0], fans_per[1] + 1, k)
    fi = expand(fans)
    nf = len(fi)
    cc = rng.choice(np.array(cc_list, dtype=object), nf, p=np.array(cc_p) / sum(cc_p))
    sex = np.where(rng.random(nf) < male, "M", "F").astype(object)
    senders, feed = foreign_senders(
        w,
        nf,
        cc,
        pop_send,
        np.where(rng.random(nf) < 0.8, sex, ""),
        rng.integers(1950, 2004, nf),
        name=person_names(rng, cc, sex),
        hard=True,
    )
    # some senders pay a second receiver too
    times_ = 1 + rng.geometric(1 / (1 + repeat * 4), nf) - 1
    j = expand(times_)
    other = rng.random(len(j)) < 0.08
    r = np.where(other, recv[rng.integers(0, k, len(j))], recv[fi[j]])
    a, b = span_days(rng, nf, 1, 200)
    day = days_in(rng, a[j], b[j])
    t = w.at(day, hours, w.col("tz")[senders[j]])
    usd = np.clip(rng.lognormal(np.log(usd_med), 0.6, len(j)), 2, 2000)
    memo = pick(rng, memos, len(j))
    if handle_share:
        hs = handles(rng, k)[np.searchsorted(recv, r)]
        memo = np.where(rng.random(len(j)) < handle_share, hs + " " + memo, memo)
    idr = inbound(w, senders[j], r, t, usd, cc[j], feed[j], round_share, memo)
    cashout(w, r, t, idr, cash_share, 0.6, 1.0, (0.1, 40))
    return recv, senders


def pop_hospitality(w: World, n: int) -> None:
    many_foreign_to_one(
        w,
        n,
        "hospitality",
        "hospitality_guest",
        ["AU", "GB", "US", "DE", "NL", "FR", "JP", "KR", "SG", "MY", "CN", "IN", "NZ"],
        [35, 8, 7, 7, 6, 6, 5, 5, 5, 5, 4, 4, 3],
        (8, 120),
        70,
        H_BROAD,
        0.6,
        HOSP_MEMO,
        0.55,
        0.05,
        0.7,
        household=0.5,
    )


def pop_streamers(w: World, n: int) -> None:
    rng = w.rng
    n_dom = int(n * 0.6)
    recv, _ = many_foreign_to_one(
        w,
        n - n_dom,
        "streamer",
        "stream_fan",
        ["MY", "SG", "PH", "US", "JP", "AU", "HK"],
        [35, 20, 12, 10, 8, 10, 5],
        (10, 150),
        8,
        H_STREAM,
        0.8,
        STREAM_MEMO,
        0.75,
        0.3,
        0.3,
        handle_share=0.5,
        recv_by=(1995, 2006),
    )
    users = w.pools["users"]
    s = users[rng.integers(0, len(users), n_dom)]
    r = recv[rng.integers(0, len(recv), n_dom)]
    t = w.at(rng.integers(0, DAYS, n_dom), H_STREAM, 0)
    h = handles(rng, len(recv))[np.searchsorted(recv, r)]
    memo = np.where(
        rng.random(n_dom) < 0.5,
        h + " " + pick(rng, STREAM_MEMO, n_dom),
        pick(rng, STREAM_MEMO, n_dom),
    )
    w.add(
        t,
        s,
        r,
        pick(rng, ["5000", "10000", "20000", "25000", "50000", "100000"], n_dom).astype(float),
        CI["IDR"],
        "ewallet",
        "EMY",
        memo,
    )


def pop_adult_cam(w: World, n: int) -> None:
    """Adult performers paid directly by foreign men: in band, late at night, several each."""
    many_foreign_to_one(
        w,
        n,
        "adult_creator",
        "creator_fan",
        ["AU", "US", "GB", "JP", "KR", "SG", "MY", "SA", "DE"],
        [22, 20, 10, 10, 8, 10, 8, 6, 6],
        (5, 60),
        45,
        H_NIGHT,
        0.75,
        CAM_MEMO,
        0.97,
        0.6,
        0.8,
        handle_share=0.2,
        recv_by=(1988, 2004),
    )


def pop_crowdfunding(w: World, n: int) -> None:
    """Medical fundraising: domestic and diaspora donors over a few weeks, then the hospital."""
    rng = w.rng
    camp = max(1, n // 160)
    organisers = wallets(w, camp, "crowdfunding", kyc_by=0.8, hard=True)
    users = w.pools["users"]
    hosp = merchants_of(w, ["8062"])
    rows = 0
    for c in range(camp):
        d0 = int(rng.integers(0, DAYS - 10))
        dur = int(rng.integers(14, 60))
        k = int(rng.integers(30, 260))
        foreign = rng.random(k) < 0.3
        kd = int((~foreign).sum())
        dd = np.minimum(DAYS - 1, d0 + (rng.exponential(dur / 3, k)).astype(np.int64))
        if kd:
            t = w.at(dd[~foreign], H_DOM, 0)
            w.add(
                t,
                users[rng.integers(0, len(users), kd)],
                organisers[c],
                nice_round(rng.lognormal(np.log(100e3), 0.9, kd)),
                CI["IDR"],
                "ewallet",
                "EMY",
                pick(rng, CROWD_MEMO, kd),
            )
        kf = int(foreign.sum())
        if kf:
            cc = rng.choice(np.array(["MY", "SA", "HK", "TW", "SG", "AU"], dtype=object), kf)
            sx = np.where(rng.random(kf) < 0.5, "M", "F").astype(object)
            s, feed = foreign_senders(
                w,
                kf,
                cc,
                "crowdfunding_donor",
                sx,
                rng.integers(1960, 2003, kf),
                name=person_names(rng, np.full(kf, "ID", dtype=object), sx),
                hard=True,
            )
            t = w.at(dd[foreign], H_BROAD, w.col("tz")[s])
            inbound(
                w,
                s,
                np.full(kf, organisers[c]),
                t,
                np.clip(rng.lognormal(np.log(25), 0.8, kf), 3, 500),
                cc,
                feed,
                0.7,
                pick(rng, CROWD_MEMO, kf),
            )
        pays = int(rng.integers(2, 6))
        tp = w.at(np.minimum(DAYS - 1, d0 + rng.integers(2, dur + 5, pays)), H_DAYTIME, 0)
        w.add(
            tp,
            organisers[c],
            hosp[rng.integers(0, len(hosp), pays)],
            np.round(rng.lognormal(np.log(8e6), 0.6, pays), -3),
            CI["IDR"],
            "ewallet",
            "EMY",
            "biaya rumah sakit",
            "8062",
        )
        rows += k + pays
        if rows >= n:
            break


def pop_sponsorship(w: World, n: int) -> None:
    """Foreign sponsors paying a child's guardian (or a 15-17-year-old) every month."""
    rng = w.rng
    k = max(3, n // 20)
    cc = rng.choice(
        np.array(["AU", "NL", "DE", "US", "GB", "SG", "KR", "JP"], dtype=object),
        k,
        p=[0.3, 0.12, 0.1, 0.14, 0.12, 0.08, 0.07, 0.07],
    )
    sex = np.where(rng.random(k) < 0.55, "M", "F").astype(object)
    sponsors, feed = foreign_senders(
        w, k, cc, "sponsor", sex, rng.integers(1945, 1990, k), hard=True
    )
    kids = rng.integers(1, 5, k)
    ki = expand(kids)
    minor_own = rng.random(len(ki)) < 0.15
    recv = np.empty(len(ki), dtype=np.int64)
    nm = int(minor_own.sum())
    if nm:
        recv[minor_own] = wallets(w, nm, "sponsored", by_lo=2008, by_hi=2011, kyc_by=0.7, hard=True)
    if len(ki) - nm:
        recv[~minor_own] = wallets(
            w, len(ki) - nm, "sponsored", by_lo=1965, by_hi=1995, kyc_by=0.6, hard=True
        )
    start_kid = np.concatenate([[0], np.cumsum(kids)[:-1]])
    standing = rng.random(k) < 0.4
    amount_usd = rng.choice([25, 30, 35, 40, 50, 60], k)
    months = np.arange(len(MONTH_START))
    j = np.repeat(np.arange(len(ki)), len(months))
    mth = np.tile(months, len(ki))
    sp = ki[j]
    day = MONTH_START[mth] + rng.integers(0, 5, len(j))
    day = np.clip(day, 0, DAYS - 1)
    t = np.where(
        standing[sp],
        w.at(day, H_BATCH, w.col("tz")[sponsors[sp]]),
        w.at(day, H_EVENING, w.col("tz")[sponsors[sp]]),
    )
    del start_kid
    inbound(
        w,
        sponsors[sp],
        recv[j],
        t,
        amount_usd[sp].astype(float),
        cc[sp],
        feed[sp],
        0.95,
        pick(rng, SPONSOR_MEMO, len(j)),
    )


def pop_online_sellers(w: World, n: int) -> None:
    many_foreign_to_one(
        w,
        n,
        "online_seller",
        "online_buyer",
        ["MY", "SG", "AU", "US", "JP", "HK", "NL", "TW"],
        [25, 20, 15, 12, 8, 8, 6, 6],
        (10, 200),
        45,
        H_BROAD,
        0.35,
        SELLER_MEMO,
        0.4,
        0.15,
        0.7,
    )
    # not a hard negative in the harness's sense: ordinary commerce
    hard = w.col("hard")
    pop = w.col("pop")
    hard[(pop == "online_seller") | (pop == "online_buyer")] = False


def pop_romance(w: World, n: int) -> None:
    """Romance-scam victims (escalating) and their scammers; genuine long-distance partners."""
    rng = w.rng
    n_sc = max(1, n // 120)
    scammers = wallets(w, n_sc, "romance_scammer", by_lo=1985, by_hi=2003, hard=True)
    k = max(2, n // 14)
    cc = rng.choice(
        np.array(["AU", "US", "GB", "DE", "NL", "CA", "NZ", "JP"], dtype=object),
        k,
        p=[0.25, 0.25, 0.15, 0.1, 0.05, 0.1, 0.05, 0.05],
    )
    scam = rng.random(k) < 0.6
    sx = np.where(rng.random(k) < 0.9, "M", "F").astype(object)
    victims, feed = foreign_senders(
        w, k, cc, "romance_victim", sx, rng.integers(1945, 1980, k), hard=True
    )
    pop = w.col("pop")
    pop[victims[~scam]] = "ldr_partner"
    partners = wallets(w, k, "ldr_receiver", by_lo=1980, by_hi=2002, hard=True)
    recv = np.where(scam, scammers[rng.integers(0, n_sc, k)], partners)
    per = np.where(scam, rng.integers(4, 20, k), rng.integers(6, 16, k))
    j = expand(per)
    step = np.concatenate([np.arange(p) for p in per])
    a, b = span_days(rng, k, 30, 200)
    day = days_in(rng, a[j], b[j])  # j is sorted: the lexsort orders days within a victim
    order = np.lexsort((day, j))
    day = day[order]
    usd = np.where(
        scam[j],
        60 * 1.35 ** np.minimum(step, 14) * rng.uniform(0.7, 1.3, len(j)),
        rng.lognormal(np.log(250), 0.4, len(j)),
    )
    t = w.at(day, H_EVENING, w.col("tz")[victims[j]])
    memo = np.where(
        scam[j],
        pick(rng, ROMANCE_MEMO, len(j)),
        pick(rng, ["love", "for you", "monthly", "rent", "", "sayang"], len(j)),
    )
    idr = inbound(w, victims[j], recv[j], t, np.clip(usd, 20, 20000), cc[j], feed[j], 0.8, memo)
    cashout(w, recv[j], t, idr, 0.7, 0.7, 1.0, (0.1, 24))
    del partners


# ----------------------------------------------------------------------------- illicit
CONSUMER_CC = np.array(
    ["US", "AU", "GB", "CA", "DE", "NL", "FR", "JP", "KR", "SG", "MY", "SA", "NZ", "HK"],
    dtype=object,
)
CONSUMER_P = np.array([25, 22, 10, 5, 5, 3, 3, 5, 4, 6, 4, 3, 2, 3], dtype=float)


def illicit_memo(rng: np.random.Generator, n: int, handle: np.ndarray) -> np.ndarray:
    u = rng.random(n)
    cover = np.where(rng.random(n) < 0.55, pick(rng, COVER_EN, n), pick(rng, COVER_ID, n))
    cover = np.where(rng.random(n) < 0.15, pick(rng, COVER_OBF, n), cover)
    out = np.where(
        u < 0.35, "", np.where(u < 0.75, cover, np.where(u < 0.9, handle, pick(rng, VAGUE, n)))
    )
    return out.astype(object)


def plant_lsac(w: World, budget: int) -> tuple[np.ndarray, list[np.ndarray]]:
    """T1-T3: foreign consumers paying Indonesian hubs; hub cash-out; networks; residents."""
    rng = w.rng
    target = w.n_illicit + budget
    consumers_all: list[np.ndarray] = []
    hubs: list[np.ndarray] = []  # per hub: [main, household...]
    resident_budget = int(budget * 0.18)
    merch = w.pools["merchant"]
    # no cluster may take more than ~35% of the budget, so even the low-illicit world holds
    # several hubs (a hub's natural size would eat a 1M-row 'li' budget on its own)
    cluster_cap = max(80, int(budget * 0.35))
    n_cluster = 0
    while w.n_illicit < target - resident_budget:
        remaining = min(cluster_cap, target - resident_budget - w.n_illicit)
        # a cluster of 1 hub (T2) or 2-4 hubs (T3): two in five are networks, the second always
        net = n_cluster % 5 in (1, 3)
        n_cluster += 1
        n_h = int(rng.integers(2, 5)) if net else 1
        typ = "T3" if net else "T2"
        cluster: list[np.ndarray] = []
        for _ in range(n_h):
            hh = int(rng.integers(2, 7))
            dev = w.devices(1)
            main = wallets(
                w,
                1,
                "osaec_hub",
                by_lo=1965,
                by_hi=1998,
                kyc_by=0.6,
                label=1,
                typ=typ,
                role="facilitator",
            )
            w.col("device")[main] = dev
            house_dev = np.where(rng.random(hh) < 0.7, dev[0], w.devices(hh))
            house = w.ents(
                hh,
                "wallet",
                "ID",
                "osaec_household",
                sex=pick(rng, ["F", "M", ""], hh),
                by=rng.integers(1960, 2006, hh),
                device=house_dev,
                kyc_by=0.4,
                label=1,
                typ=typ,
                role="household",
            )
            w.col("tz")[house] = w.col("tz")[main[0]]
            cluster.append(np.concatenate([main, house]))
            # the household's ordinary life (benign rows)
            nb = int(rng.integers(10, 60))
            tb = w.at(rng.integers(0, DAYS, nb), H_DOM, int(w.col("tz")[main[0]]))
            mi = rng.integers(0, len(merch), nb)
            w.add(
                tb,
                cluster[-1][rng.integers(0, hh + 1, nb)],
                merch[mi],
                np.round(rng.lognormal(np.log(60e3), 0.7, nb), -2),
                CI["IDR"],
                "ewallet",
                "EMY",
                "",
                w.merchant_mcc[mi],
            )
        hubs += cluster
        members = np.concatenate(cluster)
        mains = np.array([c[0] for c in cluster])
        banks = own_banks(w, mains)
        for key, val in (("pop", "osaec_hub_bank"), ("typ", typ), ("role", "facilitator_bank")):
            w.col(key)[banks] = val
        w.col("label")[banks] = 1
        a_hub, b_hub = span_days(rng, 1, 90, 1200)
        # consumers of this cluster: regular ones and one-off buyers (the "lone" payments)
        n_reg = int(rng.integers(2, 9)) * n_h
        n_one = int(rng.integers(2, 25)) * n_h
        room = max(2, int(remaining / 1.8))  # the last cluster is cut to the budget left
        if n_reg + n_one > room:
            n_reg = max(1, min(n_reg, room // 3))
            n_one = max(1, room - n_reg)
        nc = n_reg + n_one
        cc = rng.choice(CONSUMER_CC, nc, p=CONSUMER_P / CONSUMER_P.sum())
        cons, feed = foreign_senders(
            w,
            nc,
            cc,
            "osaec_consumer",
            np.where(rng.random(nc) < 0.85, "M", ""),
            rng.integers(1945, 1998, nc),
            name=person_names(rng, cc, np.full(nc, "M", dtype=object)),
            label=1,
            typ="T3" if net else "T1",
            role="consumer",
        )
        consumers_all.append(cons)
        regular = np.arange(nc) < n_reg
        a, b = span_days(rng, nc, 60, 1000)
        a = np.clip(a, a_hub[0], b_hub[0] - 1)
        b = np.maximum(a + 1, np.minimum(b, b_hub[0]))
        months = (b - a) / 30.4
        per_month = rng.uniform(2, 30, nc) * rng.uniform(0.25, 1.0, nc)
        count = np.where(
            regular,
            np.maximum(1, rng.poisson(np.maximum(0.5, months * per_month * 0.5))),
            rng.integers(1, 3, nc),
        )
        count = np.minimum(count, 400)
        cap = max(nc, int(remaining / 1.4))  # inflows plus ~40% outflow rows
        if count.sum() > cap:
            count = np.maximum(1, (count * cap / count.sum()).astype(np.int64))
        j = expand(count)
        nj = len(j)
        day = days_in(rng, a[j], b[j])
        tz = w.col("tz")[cons[j]]
        night = rng.random(nj) < 0.78
        t = np.where(night, w.at(day, H_NIGHT, tz), w.at(day, H_EVENING, tz))
        # bursts: 40% of a consumer's payments follow the previous one within the hour
        order = np.lexsort((t, j))
        j, day, t, tz = j[order], day[order], t[order], tz[order]
        burst = (rng.random(nj) < 0.4) & (np.roll(j, 1) == j)
        burst[0] = False
        t = np.where(burst, np.roll(t, 1) + rng.integers(5 * 60, 75 * 60, nj), t)
        day = np.where(burst, np.roll(day, 1), day)
        # receivers: 1-8 per consumer across the cluster, new ones added over its lifetime
        n_recv = np.minimum(rng.integers(1, 9, nc), len(members))
        pos = (day - a[j]) / np.maximum(1, b[j] - a[j])
        kth = np.minimum(n_recv[j] - 1, (pos * n_recv[j] + rng.random(nj) * 0.8).astype(np.int64))
        first = mains[rng.integers(0, len(mains), nc)]
        seed_pos = rng.integers(0, len(members), nc)
        r = np.where(kth == 0, first[j], members[(seed_pos[j] + kth * 7) % len(members)])
        # amounts: 15-100 USD mostly, 10-200 some; off-pattern payments of regular consumers
        usd = np.exp(rng.uniform(np.log(15), np.log(100), nj))
        wide = rng.random(nj) < 0.15
        usd = np.where(wide, np.exp(rng.uniform(np.log(10), np.log(200), nj)), usd)
        off = regular[j] & (rng.random(nj) < 0.12)
        usd = np.where(off, rng.uniform(150, 260, nj), usd)
        t = np.where(off, w.at(day, H_DAYTIME, tz), t)
        round_share = np.where(off, 0.2, 0.8)
        hdl = handles(rng, len(members))[np.searchsorted(members, r)]
        memo = illicit_memo(rng, nj, hdl)
        typ_tx = "T3" if net else "T1"
        idr = inbound(w, cons[j], r, t, usd, cc[j], feed[j], round_share, memo, 1, typ_tx)
        _hub_outflows(w, r, t, idr, cluster, banks, typ, net)
    _resident_consumers(w, target - w.n_illicit, hubs)
    return (np.concatenate(consumers_all) if consumers_all else np.array([], dtype=np.int64)), hubs


def _hub_outflows(
    w: World,
    r: np.ndarray,
    t: np.ndarray,
    idr: np.ndarray,
    cluster: list[np.ndarray],
    banks: np.ndarray,
    typ: str,
    net: bool,
) -> None:
    """>= 60% of a hub's inflows leave within 48 h: agent cash, household, own bank, forwards."""
    rng = w.rng
    n = len(r)
    agents = w.pools["agent_other"] if len(w.pools["agent_other"]) else w.pools["agent"]
    mains = np.array([c[0] for c in cluster])
    house = np.concatenate([c[1:] for c in cluster])
    # each receiving wallet's own bank: the hub main's bank for the whole household
    owner = np.zeros(n, dtype=np.int64)
    for hi, c in enumerate(cluster):
        owner[np.isin(r, c)] = hi
    take = rng.random(n) < 0.88
    frac = rng.uniform(0.6, 1.0, n)
    u = rng.random(n)
    to_house = u < 0.25
    to_bank = (u >= 0.25) & (u < 0.4)
    fwd = (u >= 0.4) & (u < 0.55) if net else np.zeros(n, dtype=bool)
    recv = usual_agent(rng, agents, r)
    recv = np.where(to_house, house[rng.integers(0, len(house), n)], recv)
    recv = np.where(to_bank, banks[owner], recv)
    recv = np.where(fwd, mains[rng.integers(0, len(mains), n)], recv)
    recv = np.where(recv == r, agents[rng.integers(0, len(agents), n)], recv)
    is_agent = np.isin(recv, agents)
    ch = np.where(is_agent, "other", np.where(to_bank & ~fwd, "bank", "ewallet")).astype(object)
    amt = np.maximum(50_000, np.round(idr * frac / 50_000) * 50_000)
    tt = t + (rng.uniform(0.1, 46, n) * H).astype(np.int64)
    tt = np.where(is_agent, by_day(tt), tt)
    ttyp = "T3" if net else "T2"
    m = take
    w.add(
        tt[m],
        r[m],
        recv[m],
        amt[m],
        CI["IDR"],
        ch[m],
        "EMY",
        np.where(is_agent[m], "tarik tunai", ""),
        np.where(is_agent[m], "6010", ""),
        1,
        ttyp,
    )
    # household members cash out what they were passed
    h = m & to_house & ~is_agent
    kh = int(h.sum())
    if kh:
        th = by_day(tt[h] + (rng.uniform(0.5, 30, kh) * H).astype(np.int64))
        w.add(
            th,
            recv[h],
            usual_agent(rng, agents, recv[h]),
            amt[h],
            CI["IDR"],
            "other",
            "EMY",
            "",
            "6010",
            1,
            ttyp,
        )
    # every household wallet is used at least once: the main passes it a share of a credit
    reached = set(r.tolist()) | set(recv[m].tolist())
    for c in cluster:
        for member in c[1:]:
            if int(member) in reached:
                continue
            i = int(rng.integers(0, n))
            when = t[i] + int(rng.uniform(1, 40) * H)
            share = max(50_000.0, round(float(idr[i]) * 0.5 / 50_000) * 50_000)
            w.add(
                np.array([when]),
                c[0],
                member,
                np.array([share]),
                CI["IDR"],
                "ewallet",
                "EMY",
                "",
                "",
                1,
                ttyp,
            )
    # some networks forward a little across the border to a PH facilitator
    if net and rng.random() < 0.5:
        ph = w.ents(
            1,
            "foreign",
            "PH",
            "osaec_ph_facilitator",
            sex="F",
            label=1,
            typ="T3",
            role="facilitator",
        )
        k = int(rng.integers(1, 5))
        ts = np.sort(rng.choice(t, k)) + 20 * H
        w.add(
            ts,
            np.full(k, mains[0]),
            np.full(k, ph[0]),
            np.round(rng.uniform(1e6, 4e6, k), -4),
            CI["IDR"],
            "msb",
            "EMY",
            pick(rng, ["", "family support", "bantuan"], k),
            "",
            1,
            "T3",
        )
    del typ


def _resident_consumers(w: World, budget: int, hubs: list[np.ndarray]) -> None:
    """Expat consumers living in Indonesia paying PH/TH facilitators by outbound remittance."""
    rng = w.rng
    if budget <= 0:
        return
    target = w.n_illicit + budget
    while w.n_illicit < target:
        cc = str(rng.choice(np.array(["AU", "GB", "US", "DE", "KR", "JP", "NL"], dtype=object)))
        me = w.ents(
            1,
            "wallet",
            "ID",
            "osaec_resident_consumer",
            sex="M",
            by=int(rng.integers(1950, 1990)),
            name=person_names(rng, np.array([cc], dtype=object), np.array(["M"], dtype=object)),
            device=w.devices(1),
            kyc_by=0.9,
            tz=np.array([TZI[str(rng.choice(["Asia/Jakarta", "Asia/Makassar"]))]]),
            label=1,
            typ="T1",
            role="consumer",
        )
        dest = np.where(rng.random(int(rng.integers(1, 6))) < 0.8, "PH", "TH").astype(object)
        fac = w.ents(
            len(dest),
            "foreign",
            dest,
            "osaec_foreign_facilitator",
            sex="F",
            label=1,
            typ="T2",
            role="facilitator",
        )
        a, b = span_days(rng, 1, 60, 900)
        k = int(min(150, max(2, rng.poisson((b[0] - a[0]) / 30.4 * rng.uniform(2, 12)))))
        k = max(1, min(k, target - w.n_illicit))
        day = days_in(rng, np.full(k, a[0]), np.full(k, b[0]))
        tz = int(w.col("tz")[me[0]])
        t = np.where(rng.random(k) < 0.75, w.at(day, H_NIGHT, tz), w.at(day, H_EVENING, tz))
        pos = (day - a[0]) / max(1, b[0] - a[0])
        r = fac[np.minimum(len(fac) - 1, (pos * len(fac) + rng.random(k)).astype(np.int64))]
        usd = np.exp(rng.uniform(np.log(12), np.log(110), k))
        d = day_of(t)
        in_idr = rng.random(k) < 0.5
        dest_cur = cur_of(w.col("cc")[r])
        amt = np.where(
            in_idr,
            nice_round(usd / rate(np.full(k, CI["IDR"]), d)),
            np.where(
                rng.random(k) < 0.75,
                nice_round(usd / rate(dest_cur, d)),
                exact(usd / rate(dest_cur, d), dest_cur),
            ),
        )
        cur = np.where(in_idr, CI["IDR"], dest_cur)
        memo = illicit_memo(rng, k, handles(rng, k))
        w.add(t, np.full(k, me[0]), r, amt, cur, "msb", "EMY", memo, "", 1, "T1")
        # the expat's ordinary life
        nb = int(rng.integers(20, 80))
        merch = w.pools["merchant"]
        mi = rng.integers(0, len(merch), nb)
        w.add(
            w.at(rng.integers(0, DAYS, nb), H_DOM, tz),
            np.full(nb, me[0]),
            merch[mi],
            np.round(rng.lognormal(np.log(120e3), 0.8, nb), -2),
            CI["IDR"],
            "ewallet",
            "EMY",
            "",
            w.merchant_mcc[mi],
        )


def plant_lone(w: World, budget: int) -> None:
    """Lone illicit payments outside any full pattern (note (d): ~30%, AMLworld's hardest).

    A foreign buyer's one or two payments to a receiver who gets nothing else illicit: a
    household that is paid once, in band, often but not always at night.
    """
    rng = w.rng
    target = w.n_illicit + budget
    merch = w.pools["merchant"]
    while w.n_illicit < target:
        k = max(1, min(int(rng.integers(5, 30)), target - w.n_illicit))
        recv = wallets(w, k, "osaec_lone_receiver", by_lo=1965, by_hi=2004, label=1, typ="T1")
        w.col("role")[recv] = "facilitator"
        cc = rng.choice(CONSUMER_CC, k, p=CONSUMER_P / CONSUMER_P.sum())
        male = np.full(k, "M", dtype=object)
        cons, feed = foreign_senders(
            w,
            k,
            cc,
            "osaec_lone_consumer",
            np.where(rng.random(k) < 0.85, "M", ""),
            rng.integers(1945, 1998, k),
            name=person_names(rng, cc, male),
            label=1,
            typ="T1",
            role="consumer",
        )
        n_pay = np.where(rng.random(k) < 0.75, 1, 2)
        j = expand(n_pay)
        day = rng.integers(0, DAYS, len(j))
        tz = w.col("tz")[cons[j]]
        t = np.where(rng.random(len(j)) < 0.6, w.at(day, H_NIGHT, tz), w.at(day, H_BROAD, tz))
        usd = np.exp(rng.uniform(np.log(12), np.log(150), len(j)))
        hdl = handles(rng, k)[j]
        inbound(
            w,
            cons[j],
            recv[j],
            t,
            usd,
            cc[j],
            feed[j],
            0.7,
            illicit_memo(rng, len(j), hdl),
            1,
            "T1",
        )
        # the receivers' ordinary life (benign rows)
        nb = k * 12
        owner = recv[rng.integers(0, k, nb)]
        mi = rng.integers(0, len(merch), nb)
        tb = w.at(rng.integers(0, DAYS, nb), H_DOM, w.col("tz")[owner])
        amt = np.round(rng.lognormal(np.log(70e3), 0.8, nb), -2)
        w.add(tb, owner, merch[mi], amt, CI["IDR"], "ewallet", "EMY", "", w.merchant_mcc[mi])


def plant_travel(w: World, budget: int, consumers: np.ndarray, hubs: list[np.ndarray]) -> None:
    """T4: long stays in non-tourist regencies, agent cash, jewellery/children's goods."""
    rng = w.rng
    target = w.n_illicit + budget
    lodging = merchants_of(w, ["7011"], False)
    gifts = merchants_of(w, ["5944", "5641", "5945"], False)
    food = merchants_of(w, ["5812", "5411"], False)
    agents = w.pools["agent_other"] if len(w.pools["agent_other"]) else w.pools["agent"]
    while w.n_illicit < target - 2:
        if len(consumers) and rng.random() < 0.6:
            c = consumers[rng.integers(0, len(consumers))]
            name = np.array([w.col("name")[c]], dtype=object)
            cc = str(w.col("cc")[c])
            by = int(w.col("by")[c]) or int(rng.integers(1945, 1975))
        else:
            cc = str(rng.choice(CONSUMER_CC[:9]))
            name = person_names(rng, np.array([cc], dtype=object), np.array(["M"], dtype=object))
            by = int(rng.integers(1945, 1978))
        me = w.ents(
            1,
            "wallet",
            "ID",
            "osaec_traveller",
            sex="M",
            by=by,
            name=name,
            device=w.devices(1),
            kyc_by=0.9,
            tz=np.array([TZI["Asia/Jakarta"]]),
            label=1,
            typ="T4",
            role="offender",
        )
        card = w.ents(
            1,
            "card",
            cc,
            "osaec_traveller_card",
            sex="M",
            by=by,
            name=name,
            label=1,
            typ="T4",
            role="offender_card",
        )
        fam = (
            hubs[rng.integers(0, len(hubs))]
            if hubs and rng.random() < 0.7
            else wallets(
                w, 2, "osaec_household", by_lo=1970, by_hi=2000, label=1, typ="T4", role="household"
            )
        )
        for _ in range(int(rng.integers(1, 3))):
            left = target - w.n_illicit
            if left <= 2:
                break
            stay = int(rng.integers(20, 60))
            d0 = int(rng.integers(0, DAYS - 5))
            days = np.arange(d0, min(DAYS, d0 + stay))
            ev = max(3, min(int(len(days) * rng.uniform(0.25, 0.6)), int(left / 1.2)))
            dd = rng.choice(days, ev)
            t = w.at(dd, H_DOM, TZI["Asia/Jakarta"])
            u = rng.random(ev)
            kind = np.where(
                u < 0.15, 0, np.where(u < 0.45, 1, np.where(u < 0.65, 2, np.where(u < 0.9, 3, 4)))
            )
            recv = np.select(
                [kind == 0, kind == 1, kind == 2, kind == 3],
                [
                    lodging[rng.integers(0, len(lodging), ev)],
                    food[rng.integers(0, len(food), ev)],
                    gifts[rng.integers(0, len(gifts), ev)],
                    agents[rng.integers(0, len(agents), ev)],
                ],
                fam[rng.integers(0, len(fam), ev)],
            )
            pos = np.searchsorted(w.pools["merchant"], recv).clip(0, len(w.pools["merchant"]) - 1)
            mcc = np.where(
                w.pools["merchant"][pos] == recv,
                w.merchant_mcc[pos],
                np.where(kind == 3, "6011", ""),
            )
            base = np.select(
                [kind == 0, kind == 1, kind == 2, kind == 3], [350e3, 80e3, 800e3, 2e6], 1e6
            )
            x = np.clip(rng.lognormal(np.log(base), 0.5), 2e4, 3e7)
            amt = np.where(
                (kind == 3) | (kind == 4), np.round(x / 1e5) * 1e5 + 1e5, np.round(x, -3)
            )
            ch = np.where(kind == 3, "card", "ewallet")
            memo = np.where(
                kind == 4, pick(rng, ["for the kids", "buat anak", "gift", "", "sekolah"], ev), ""
            )
            w.add(t, np.full(ev, me[0]), recv, amt, CI["IDR"], ch, "EMY", memo, mcc, 1, "T4")
            tops = max(1, ev // 6)
            tt = w.at(rng.choice(days, tops), H_BROAD, TZI["Asia/Jakarta"])
            cur = CI[COUNTRY[cc][2]]
            w.add(
                tt,
                np.full(tops, card[0]),
                np.full(tops, me[0]),
                nice_round(rng.uniform(300, 2500, tops) / rate(np.full(tops, cur), day_of(tt))),
                cur,
                "card",
                "EMY",
                "top up",
                "",
                1,
                "T4",
            )


def plant_fsec(w: World, budget: int) -> None:
    """T5: teenage boys paying a new payee 2-6 times within 24-72 h, then silence; mules."""
    rng = w.rng
    target = w.n_illicit + budget
    vouchers = merchants_of(w, ["5816", "5815"])
    agents = w.pools["agent"]
    users = w.pools["users"]
    while w.n_illicit < target:
        mule = wallets(
            w, 1, "fsec_mule", by_lo=1995, by_hi=2006, kyc_by=0.5, label=1, typ="T5", role="mule"
        )
        handler = w.ents(1, "bank", "ID", "fsec_handler", label=1, typ="T5", role="mule")
        nv = max(1, min(int(rng.integers(2, 25)), (target - w.n_illicit) // 6))
        sex = np.where(rng.random(nv) < 0.85, "M", "F").astype(object)
        victims = w.ents(
            nv,
            "wallet",
            "ID",
            "fsec_victim",
            sex=np.where(rng.random(nv) < 0.6, sex, ""),
            by=rng.integers(2008, 2012, nv),
            name=person_names(rng, np.full(nv, "ID", dtype=object), sex),
            device=w.devices(nv),
            kyc_by=0.6,
            label=1,
            typ="T5",
            role="victim",
        )
        a, b = span_days(rng, 1, 30, 200)
        mule_t: list[np.ndarray] = []
        mule_v: list[np.ndarray] = []
        for v in victims:
            # a normal teenage life before: allowance and game top-ups (benign)
            nb = int(rng.integers(4, 25))
            tb = w.at(rng.integers(0, DAYS, nb), H_DOM, 0)
            w.add(
                tb,
                users[rng.integers(0, len(users), nb)],
                np.full(nb, v),
                pick(rng, ["20000", "50000", "100000"], nb).astype(float),
                CI["IDR"],
                "ewallet",
                "EMY",
                pick(rng, ["jajan", "uang saku", ""], nb),
            )
            k = int(rng.integers(2, 7))
            d0 = int(days_in(rng, a, b)[0])
            t0 = w.at(np.array([d0]), H_STREAM, 0)[0]
            span = rng.uniform(24, 72) * H
            t = np.sort(t0 + (rng.random(k) * span).astype(np.int64))
            t[0] = t0
            usd = np.empty(k)  # FATF: first < 250, total <= 1,500; teenagers' sums are small
            usd[0] = min(240.0, rng.lognormal(np.log(30), 0.8))
            usd[1:] = np.minimum(600, usd[0] * rng.lognormal(0.2, 0.6, k - 1))
            usd = usd * min(1.0, 1500 / usd.sum())
            idr = nice_round(usd / rate(np.full(k, CI["IDR"]), day_of(t)))
            gift = rng.random() < 0.3
            to = vouchers[rng.integers(0, len(vouchers))] if gift else mule[0]
            w.add(
                t,
                np.full(k, v),
                np.full(k, to),
                idr,
                CI["IDR"],
                "ewallet",
                "EMY",
                pick(rng, FSEC_MEMO, k),
                "5816" if gift else "",
                1,
                "T5",
            )
            if not gift:
                mule_t.append(t)
                mule_v.append(idr)
        # the mule cashes out or passes money on to the handler within two days
        got_t = np.concatenate(mule_t) if mule_t else np.array([], dtype=np.int64)
        got_v = np.concatenate(mule_v) if mule_v else np.array([])
        k = len(got_t)
        if k:
            to_handler = rng.random(k) < 0.4
            to = np.where(to_handler, handler[0], usual_agent(rng, agents, np.full(k, mule[0])))
            tt = by_day(got_t + (rng.uniform(0.5, 40, k) * H).astype(np.int64))
            amt = np.maximum(50_000, np.round(got_v * rng.uniform(0.7, 1.0, k) / 50_000) * 50_000)
            w.add(
                tt,
                np.full(k, mule[0]),
                to,
                amt,
                CI["IDR"],
                np.where(to_handler, "bank", "other"),
                "EMY",
                "",
                np.where(to_handler, "", "6010"),
                1,
                "T5",
            )


def plant_cvc(w: World, budget: int, hubs: list[np.ndarray]) -> None:
    """T6: residents buying USDT and paying site addresses; hubs receiving USDT and selling."""
    rng = w.rng
    target = w.n_illicit + budget
    n_sites = int(rng.integers(3, 8))
    sites = []
    for _ in range(n_sites):
        k = int(rng.integers(2, 6))
        cc = str(rng.choice(["RU", "SC", "VG", "KY", "HK"]))
        sites.append(
            w.ents(
                k,
                "addr",
                cc,
                "csam_site",
                name=np.full(k, "", dtype=object),
                label=1,
                typ="T6",
                role="site",
            )
        )
    desk = w.pools["crypto_desk"][0]
    while w.n_illicit < target:
        if hubs and rng.random() < 0.3:
            # a hub paid in USDT from outside, then sells to IDR and cashes out
            hub = hubs[rng.integers(0, len(hubs))][0]
            k = max(1, min(int(rng.integers(3, 20)), (target - w.n_illicit) // 2))
            src = w.ents(
                k,
                "addr",
                pick(rng, ["US", "SC", "VG", "SG", "HK"], k),
                "osaec_crypto_payer",
                name=np.full(k, "", dtype=object),
                label=1,
                typ="T6",
                role="consumer",
            )
            t = w.at(rng.integers(0, DAYS, k), H_NIGHT, TZI["America/New_York"])
            usdt = nice_round(rng.uniform(15, 120, k))
            w.add(t, src, np.full(k, hub), usdt, CI["USDT"], "crypto", "CRX", "", "", 1, "T6")
            w.add(
                t + 8 * H,
                np.full(k, hub),
                np.full(k, desk),
                usdt,
                CI["USDT"],
                "crypto",
                "CRX",
                "jual USDT",
                "",
                1,
                "T6",
            )
            continue
        me = wallets(
            w,
            1,
            "osaec_cvc_consumer",
            by_lo=1970,
            by_hi=2003,
            kyc_by=0.7,
            label=1,
            typ="T6",
            role="consumer",
        )
        w.col("sex")[me] = "M"
        mine = (
            sites[rng.integers(0, n_sites)]
            if rng.random() < 0.7
            else np.concatenate([sites[i] for i in rng.choice(n_sites, 2, replace=False)])
        )
        a, b = span_days(rng, 1, 60, 700)
        k = int(min(30, max(2, rng.poisson((b[0] - a[0]) / 30.4 * rng.uniform(1, 6)))))
        k = max(1, min(k, (target - w.n_illicit) // 2))
        day = days_in(rng, np.full(k, a[0]), np.full(k, b[0]))
        tz = int(w.col("tz")[me[0]])
        t = w.at(day, H_NIGHT, tz)
        usdt = pick(rng, ["10", "20", "25", "30", "50", "75", "100"], k).astype(float)
        buy = nice_round(usdt * rng.uniform(1.0, 1.3, k) / rate(np.full(k, CI["IDR"]), day_of(t)))
        w.add(
            t - (rng.uniform(0.1, 3, k) * H).astype(np.int64),
            np.full(k, me[0]),
            np.full(k, desk),
            buy,
            CI["IDR"],
            "ewallet",
            "EMY",
            pick(rng, ["beli USDT", "", "top up kripto"], k),
            "6051",
            1,
            "T6",
        )
        w.add(
            t,
            np.full(k, me[0]),
            mine[rng.integers(0, len(mine), k)],
            usdt,
            CI["USDT"],
            "crypto",
            "CRX",
            "",
            "",
            1,
            "T6",
        )


def plant_direct(w: World, budget: int) -> None:
    """T7: a foreign adult man paying a child's own wallet, no facilitator."""
    rng = w.rng
    target = w.n_illicit + budget
    agents = w.pools["agent_other"] if len(w.pools["agent_other"]) else w.pools["agent"]
    merch = merchants_of(w, ["4814", "5816"])
    while w.n_illicit < target:
        cc = rng.choice(CONSUMER_CC, 1, p=CONSUMER_P / CONSUMER_P.sum())
        s, feed = foreign_senders(
            w,
            1,
            cc,
            "osaec_direct_offender",
            np.array(["M"], dtype=object),
            rng.integers(1950, 1995, 1),
            name=person_names(rng, cc, np.array(["M"], dtype=object)),
            label=1,
            typ="T7",
            role="consumer",
        )
        sx = "F" if rng.random() < 0.65 else "M"
        child = w.ents(
            1,
            "wallet",
            "ID",
            "osaec_child",
            sex=sx if rng.random() < 0.6 else "",
            by=int(rng.integers(2008, 2013)),
            name=person_names(rng, np.array(["ID"], dtype=object), np.array([sx], dtype=object)),
            device=w.devices(1),
            kyc_by=0.55,
            label=1,
            typ="T7",
            role="victim",
        )
        a, b = span_days(rng, 1, 30, 360)
        k = int(min(25, max(2, rng.poisson((b[0] - a[0]) / 7 * rng.uniform(0.7, 3)))))
        k = max(2, min(k, int((target - w.n_illicit) / 1.6)))
        day = days_in(rng, np.full(k, a[0]), np.full(k, b[0]))
        tz = int(w.col("tz")[s[0]])
        t = np.where(rng.random(k) < 0.75, w.at(day, H_NIGHT, tz), w.at(day, H_EVENING, tz))
        usd = np.exp(rng.uniform(np.log(15), np.log(100), k))
        memo = np.where(
            rng.random(k) < 0.5,
            "",
            pick(rng, ["for you", "pulsa", "jajan", "for school", "gift", "buat kamu", "load"], k),
        )
        idr = inbound(
            w,
            np.full(k, s[0]),
            np.full(k, child[0]),
            t,
            usd,
            np.full(k, cc[0]),
            np.full(k, feed[0]),
            0.8,
            memo,
            1,
            "T7",
        )
        # the child spends it: phone credit, games, agent cash
        m = rng.random(k) < 0.7
        km = int(m.sum())
        if km:
            to_agent = rng.random(km) < 0.5
            recv = np.where(
                to_agent,
                usual_agent(rng, agents, np.full(km, child[0])),
                merch[rng.integers(0, len(merch), km)],
            )
            tt = by_day(t[m] + (rng.uniform(1, 60, km) * H).astype(np.int64))
            amt = np.maximum(2e4, np.round(idr[m] * rng.uniform(0.3, 1.0, km) / 1e4) * 1e4)
            w.add(
                tt,
                np.full(km, child[0]),
                recv,
                amt,
                CI["IDR"],
                np.where(to_agent, "other", "ewallet"),
                "EMY",
                "",
                np.where(to_agent, "6010", "4814"),
                1,
                "T7",
            )


# ----------------------------------------------------------------------------- assembly
def _ids(rng: np.random.Generator, kind: np.ndarray, cc: np.ndarray) -> np.ndarray:
    """Account ids per kind, assigned in random order so creation order leaks nothing."""
    out = np.empty(len(kind), dtype=object)
    for k in ENT_KINDS:
        m = np.flatnonzero(kind == k)
        if len(m) == 0:
            continue
        nums = rng.choice(10**10, len(m), replace=False)
        s = np.char.zfill(nums.astype(str), 10).astype(object)
        if k == "wallet":
            ids = "628" + np.char.zfill(
                rng.choice(10**9, len(m), replace=False).astype(str), 9
            ).astype(object)
        elif k == "ATL":
            ids = "ATL" + s
        elif k == "KRN":
            ids = "KRN-" + s
        elif k == "PPL":
            ids = "pp-" + np.array(
                [format(int(x), "012x") for x in rng.choice(2**46, len(m), replace=False)],
                dtype=object,
            )
        elif k == "merchant":
            ids = "ID10" + s
        elif k == "agent":
            ids = "AGT" + s
        elif k == "bank":
            ids = pick(rng, ["014", "008", "002", "009", "022", "451"], len(m)) + "-" + s
        elif k == "card":
            ids = (
                pick(rng, ["453201", "524833", "401288", "545616"], len(m))
                + "******"
                + np.char.zfill((nums % 10000).astype(str), 4).astype(object)
                + "-"
                + np.char.zfill((nums // 10000 % 1000).astype(str), 3).astype(object)
            )
        elif k == "addr":
            alphabet = np.array(list("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"))
            chars = alphabet[rng.integers(0, len(alphabet), (len(m), 33))]
            ids = np.array(["T" + "".join(row) for row in chars], dtype=object)
        else:  # foreign receivers
            ids = cc[m] + "-" + s
        out[m] = ids
    return out


def generate(
    n_tx: int = 1_000_000, variant: str = "li", seed: int = 0, hard: float = 1.0
) -> Generated:
    """About n_tx transactions of one variant ('li' or 'hi'), reproducible for a seed.

    `hard` scales the hard-negative populations (hospitality, streamers, adult creators,
    crowdfunding, sponsors, romance, gaming teenagers, visiting in-laws); their volume goes
    to ordinary domestic traffic instead. 1.0 is the default world, 0 removes them.
    """
    if variant not in ILLICIT_RATE:
        raise ValueError(f"variant must be one of {sorted(ILLICIT_RATE)}, got {variant!r}")
    if hard < 0:
        raise ValueError(f"hard must be >= 0, got {hard}")
    rng = np.random.default_rng([seed, 11, 0 if variant == "li" else 1])
    w = World(rng)
    budget = max(60, int(n_tx * ILLICIT_RATE[variant]))
    bg = max(2000, n_tx - budget)
    make_pools(w, bg)
    shares = {
        "domestic": 0.27,
        "merchant": 0.22,
        "cash": 0.10,
        "payroll": 0.05,
        "tki": 0.10,
        "outbound": 0.03,
        "students": 0.01,
        "crypto": 0.04,
        "tourists": 0.03,
        "gaming": 0.03,
        "hospitality": 0.04,
        "streamers": 0.03,
        "adult_cam": 0.01,
        "crowdfunding": 0.015,
        "sponsorship": 0.015,
        "online_sellers": 0.025,
        "romance": 0.01,
    }
    total = sum(shares.values())
    hard_pops = (
        "gaming",
        "hospitality",
        "streamers",
        "adult_cam",
        "crowdfunding",
        "sponsorship",
        "romance",
    )
    freed = sum(shares[p] * (1 - hard) for p in hard_pops)
    for p in hard_pops:
        shares[p] *= hard
    shares["domestic"] += freed
    size = {p: int(bg * s / total) for p, s in shares.items()}
    pop_domestic(w, size["domestic"])
    pop_merchant(w, size["merchant"])
    pop_cash(w, size["cash"])
    pop_payroll(w, size["payroll"])
    pop_tki(w, size["tki"])
    pop_outbound(w, size["outbound"])
    pop_students(w, size["students"])
    pop_crypto(w, size["crypto"])
    pop_tourists(w, size["tourists"], hard)
    for name, fn in (
        ("gaming", pop_gaming_teens),
        ("hospitality", pop_hospitality),
        ("streamers", pop_streamers),
        ("adult_cam", pop_adult_cam),
        ("crowdfunding", pop_crowdfunding),
        ("sponsorship", pop_sponsorship),
        ("romance", pop_romance),
    ):
        if size[name] > 0:
            fn(w, size[name])
    pop_online_sellers(w, size["online_sellers"])
    consumers, hubs = plant_lsac(w, int(budget * 0.50))
    plant_lone(w, int(budget * 0.16))
    plant_fsec(w, int(budget * 0.11))
    plant_direct(w, int(budget * 0.09))
    plant_cvc(w, int(budget * 0.08), hubs)
    plant_travel(w, int(budget * 0.06), consumers, hubs)
    return assemble(w)


def _str(values: np.ndarray) -> pl.Series:
    """A String column from an object array of str / None."""
    return pl.Series(values.tolist(), dtype=pl.String)


def assemble(w: World) -> Generated:
    rng = w.rng
    tx = {k: np.concatenate(v) for k, v in w.tx.items()}
    ent = {k: w.col(k) for k in w.ent}
    n = len(tx["t"])
    ids = _ids(rng, ent["kind"], ent["cc"])
    dev_ids = np.array(
        [f"dv-{x:012x}" for x in rng.choice(2**48, max(1, w.n_dev), replace=False)], dtype=object
    )
    # ingestion order: partner feeds arrive in batches a few hours late
    delay = np.where(tx["feed"] == FI["EMY"], 0, rng.integers(0, 6 * H, n))
    order = np.argsort(tx["t"] + delay, kind="stable")
    tx = {k: v[order] for k, v in tx.items()}
    t, s, r, feed = tx["t"], tx["s"], tx["r"], tx["feed"]
    # recorded offsets: issuer WIB, ATL/CRX UTC, KRN sender-local, PPL US Pacific
    rec = np.full(n, 420, dtype=np.int64)
    rec[(feed == FI["ATL"]) | (feed == FI["CRX"])] = 0
    krn = feed == FI["KRN"]
    rec[krn] = off_at(ent["tz"][s[krn]], t[krn])
    ppl = feed == FI["PPL"]
    rec[ppl] = off_at(np.full(int(ppl.sum()), TZI["America/Los_Angeles"]), t[ppl])
    day = day_of(t)
    usd = tx["amt"] * rate(tx["cur"], day)
    # KYC columns as each feed delivers them
    s_kind = ent["kind"][s]
    r_kind = ent["kind"][r]
    s_name = np.where((s_kind == "addr") | (rng.random(n) < 0.01), None, ent["name"][s])
    r_name = np.where((r_kind == "addr") | (rng.random(n) < 0.02), None, ent["name"][r])
    s_sex = np.where(ent["sex"][s] == "", None, ent["sex"][s])
    s_sex = np.where(np.isin(s_kind, ["merchant", "agent", "bank", "addr"]), None, s_sex)
    s_by = ent["by_shown"][s].astype(float)
    s_by[s_by == 0] = np.nan
    r_by = np.where(r_kind == "wallet", ent["by_shown"][r], 0).astype(float)
    r_by[r_by == 0] = np.nan
    dev = ent["device"][s]
    device = np.where((dev >= 0) & (feed == FI["EMY"]), dev_ids[np.maximum(dev, 0)], None)
    memo = np.where(tx["memo"] == "", None, tx["memo"])
    mcc = np.where(tx["mcc"] == "", None, tx["mcc"])
    cur = np.array(CUR, dtype=object)[tx["cur"]]
    s_cc = ent["cc"][s].copy()
    r_cc = ent["cc"][r].copy()
    amount = tx["amt"].astype(np.float64).copy()
    s_id = ids[s].copy()
    r_id = ids[r].copy()
    # offsets to strings, local wall-clock time
    local = pl.from_epoch(pl.Series(t + rec * 60), time_unit="s")
    uniq, inv = np.unique(rec, return_inverse=True)
    names = np.array(
        [f"{'-' if m < 0 else '+'}{abs(m) // 60:02d}:{abs(m) % 60:02d}" for m in uniq], dtype=object
    )
    ts = local.dt.strftime("%Y-%m-%dT%H:%M:%S") + _str(names[inv])
    # malformed rows, the way feeds break (~0.15%)
    bad = np.flatnonzero(rng.random(n) < 0.0015)
    kind = rng.integers(0, 8, len(bad))
    bad_ts: dict[int, str] = {}
    for b_i, k in zip(bad, kind, strict=True):
        if k == 0:
            amount[b_i] = -amount[b_i]
        elif k == 1:
            amount[b_i] = 0.0 if rng.random() < 0.5 else np.nan
        elif k == 2:
            cur[b_i] = str(rng.choice(["Rp", "idr", "", "RPH"]))
        elif k == 3:
            s_cc[b_i] = str(rng.choice(["IDN", "AUS", "id", "Indonesia"]))
        elif k == 4:
            r_cc[b_i] = None if rng.random() < 0.5 else str(rng.choice(["PHL", "xx"]))
        elif k == 5:
            r_id[b_i] = None if rng.random() < 0.5 else ""
        elif k == 6:
            when = str(ts[int(b_i)])
            bad_ts[int(b_i)] = (
                str(rng.choice(["2026-02-30T", "2026-04-31T", "2025-11-31T"])) + when[11:]
            )
        else:
            when = str(ts[int(b_i)])
            bad_ts[int(b_i)] = when[:11] + "24" + when[13:]
    if bad_ts:
        ts = ts.scatter(list(bad_ts), list(bad_ts.values()))
    tx_id = pl.Series(np.array(FEEDS, dtype=object)[feed], dtype=pl.String) + pl.int_range(
        n, eager=True
    ).cast(pl.String).str.zfill(9)
    frame = pl.DataFrame(
        {
            "tx_id": tx_id,
            "timestamp": ts,
            "sender_id": _str(s_id),
            "receiver_id": _str(r_id),
            "amount": pl.Series(amount, dtype=pl.Float64, nan_to_null=False),
            "currency": _str(cur),
            "sender_country": _str(s_cc),
            "receiver_country": _str(r_cc),
            "channel": _str(np.array(CHANNELS, dtype=object)[tx["ch"]]),
            "memo": _str(memo),
            "sender_name": _str(s_name),
            "receiver_name": _str(r_name),
            "sender_sex": _str(s_sex),
            "sender_birth_year": pl.Series(s_by, dtype=pl.Float64, nan_to_null=True).cast(pl.Int32),
            "receiver_birth_year": pl.Series(r_by, dtype=pl.Float64, nan_to_null=True).cast(
                pl.Int32
            ),
            "device_id": _str(device),
            "merchant_category": _str(mcc),
        }
    )
    # the ATL feed delivers names in upper case
    frame = frame.with_columns(
        pl.when(pl.Series(feed == FI["ATL"]))
        .then(pl.col("sender_name").str.to_uppercase())
        .otherwise(pl.col("sender_name"))
        .alias("sender_name")
    )
    labels = pl.DataFrame(
        {
            "usd": pl.Series(usd, dtype=pl.Float64),
            "label_tx": pl.Series(tx["lab"], dtype=pl.Int8),
            "label_typology": _str(tx["typ"]),
            "population": _str(ent["pop"][s]),
        }
    )
    used = np.unique(np.concatenate([s, r]))
    accounts = pl.DataFrame(
        {
            "account_id": _str(ids[used]),
            "label": pl.Series(ent["label"][used], dtype=pl.Int8),
            "typology": _str(ent["typ"][used]),
            "role": _str(ent["role"][used]),
            "population": _str(ent["pop"][used]),
            "hard_negative": pl.Series(ent["hard"][used], dtype=pl.Boolean),
            "kind": _str(ent["kind"][used]),
            "country": _str(ent["cc"][used]),
        }
    )
    return Generated(tx=frame, tx_labels=labels, accounts=accounts)


if __name__ == "__main__":
    import argparse
    import time

    ap = argparse.ArgumentParser(description="generate held-out set 11 (labels kept apart)")
    ap.add_argument("--tx", type=int, default=1_000_000)
    ap.add_argument("--variant", default="li")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--hard", type=float, default=1.0)
    ap.add_argument(
        "--out", type=Path, default=None, help="write tx Parquet here (labels beside it)"
    )
    args = ap.parse_args()
    started = time.perf_counter()
    g = generate(args.tx, args.variant, args.seed, args.hard)
    took = time.perf_counter() - started
    print(
        f"{g.tx.height:,} tx ({int(g.tx_labels['label_tx'].sum()):,} illicit), "
        f"{g.accounts.height:,} accounts ({int(g.accounts['label'].sum())} positive) "
        f"in {took:.1f} s"
    )
    if args.out:
        g.tx.write_parquet(args.out)
        g.tx_labels.write_parquet(args.out.with_suffix(".tx_labels.parquet"))
        g.accounts.write_csv(args.out.with_suffix(".accounts.csv"))
