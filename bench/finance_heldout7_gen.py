"""Seventh held-out generator for issue 6: a global money-transfer app seen from the SENDING side.

Written blind: only from ../shared/research/finance-text.md (indicators 1-14, typologies T1-T7,
design (d)), the issue's schema and the harness bench/finance_heldout.py (what it reads, and the
`Generated` type). Its author did not read Jaga's finance code, its generator, its tests, the
other held-out generators or the finance benchmark results, and did not score its data with
Jaga before freezing it.

What it models, and why this framing. Generator 6 was a receiving e-wallet in Manila. This one
is the other end of the corridor: "Kiteline", an app with a multi-currency debit card whose
customers live in US, CA, AU, GB, IE, DE, NL and FR. Its own customers are the SENDERS, so the
consumers (T1) are the main thing it can find; its view of the receivers abroad is partial: a
payout-partner id (GCash-style wallet, cash pickup, bank, or another Kiteline app user), a name
the partner sometimes passes on (spelt differently from payment to payment), a birth year only
when the partner's KYC shares it, a country. What happens after payout (the facilitators'
cash-out, item 12) is invisible here, so T2 is seen only as many of Kiteline's customers, from
several countries, converging on one payout id or one household of ids.

The file is one institution's export (issue 6 schema) and mixes:
  * card rows (merchant local time with its offset, MCC, FX and a 3% foreign fee folded into a
    non-round amount in the customer's currency), ATM withdrawals, online merchants abroad;
  * transfers (channel msb; app-to-app transfers p2p; SWIFT to banks abroad bank); the ledger
    stamped them in UTC (+00:00) until a platform migration on 2026-03-01 and in the customer's
    local time with its offset afterwards (US/CA/AU/EU daylight saving all change inside the
    window, so offsets move);
  * top-ups in from the customer's own bank account, clustered on paydays (US/CA biweekly
    Fridays, AU fortnightly Thursdays, UK/EU month end, the 15th), domestic bills, p2p splits;
  * crypto: buys from a partner exchange and on-chain withdrawals (receiver_country is the
    country the customer declared for the wallet, usually their own).
Amounts are in the sender's currency: round in it when the customer typed a send amount, round
in the RECEIVER's currency (PHP 1,500) when they typed what the family gets, and a few card-
funded transfers carry the fee inside. Optional fields go missing as a real export's do; a few
customers change their name mid-year (marriage) and a few share a device (couples, one offender
with two accounts); about 3 in 10,000 rows are malformed the way feeds are (no offset, a country
"UK", a zero-amount card check, a negative reversal, a currency "A$", a channel "wire"), all
benign, so the harness counts them as set aside.

Planted typologies, as far as a sending institution can see them (amounts in USD before
conversion; sources are the note's items):
  T1 consumer (1,2,4,6,7,8,10): male customer, 15-100 (10-200), >=70% round, bursts of 1-3 in
     sender-local 21:00-04:00, 1-8 receivers without a surname match added over time, cover-
     word/handle/empty memos, some buy VPNs and webcam-platform credit on the card (label 0:
     those purchases are not the crime). A few are diaspora offenders paying relatives (same
     surname), some offenders run two accounts on one device. "Lone" consumers (1-3 payments,
     often to a known receiver) are the hardest cases (design (d), ~30% in AMLworld).
  T2 facilitator hub (5,12): a payout id plus 2-5 household ids (one surname), paid by 5-60
     of Kiteline's customers from >=2 countries; it also gets a relative's honest remittances.
  T3 network (5): bipartite clusters of consumers and facilitators; in 40% of clusters a
     coordinator who is a Kiteline customer collects domestic p2p from consumers and forwards
     aggregated sums abroad within 48 h (the visible chain).
  T4 travel (9): airline and long hotel stays in non-tourist merchants, ATM runs, jewellery,
     toy and children's-wear MCCs, stays 2-4x a tourist's, then payments to a young receiver.
  T5 sextortion (13): a 14-17-year-old customer pays a new payee 2-6 times within 24-72 h
     (first < 250, total <= 1,500), then silence; payees are a domestic Kiteline mule who
     forwards abroad, a foreign payout id, or gift cards bought on the card.
  T6 CVC (11): buys crypto, then withdraws to a small cluster of site addresses shared by many
     customers.
  T7 direct (10): one foreign adult paying one young receiver for months; the receiving wallet
     is in the child's name (birth year shown when the partner shares it) or an adult relative's.
Hard negatives (hard_negative=True; `hard` scales them): diaspora senders of small sums to
several relatives with different surnames and school/medical memos, husbands supporting in-laws,
businesses paying Filipino virtual assistants, fans tipping streamers and adult creators (card
platforms and direct tips with @handles, late at night), romance-scam victims, long-distance
relationships, tourists, expat retirees, diaspora visiting home at Christmas with ATM and
jewellery spend, child-sponsorship donors, parents of students abroad, teenage gamers' bursts
and teens paying a new seller, crypto investors, and diaspora customers paying Philippine
businesses (cargo boxes, pasalubong) that receive from many countries.

Volume: the illicit budget is the note's 0.05% (li) / 0.2% (hi) of rows, split over T1-T7; an
actor is planted whole, so the last one overshoots: at 1M rows li lands near 0.08% (~120
positive accounts) and hi near 0.23% (~310). Generating 1M rows takes ~35-45 s on this machine.

Labels: an account is positive if it is a planted actor (offender, facilitator, household,
coordinator, mule, site address, sextortion victim, a directly paid young receiver); a row is
positive if it belongs to a planted pattern. The offenders' everyday card life and their VPN
purchases stay label 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np
import polars as pl
from finance_heldout_gen import Generated

ILLICIT_RATE = {"li": 0.0005, "hi": 0.002}
TYPOLOGY_SHARE = {
    "T1": 0.28,
    "T2": 0.20,
    "T3": 0.14,
    "T4": 0.10,
    "T5": 0.08,
    "T6": 0.08,
    "T7": 0.12,
}
START = dt.datetime(2025, 10, 1, tzinfo=dt.UTC)
DAYS = 365
MIGRATION_DAY = 151  # 2026-03-01: the ledger moved from UTC stamps to customer-local stamps
PAD_H = 72  # offset table margin, hours either side of the window

USD_PER = {
    "USD": 1.0,
    "AUD": 0.66,
    "CAD": 0.73,
    "GBP": 1.27,
    "EUR": 1.08,
    "PHP": 0.0175,
    "THB": 0.028,
    "VND": 0.00004,
    "KHR": 0.00025,
    "MXN": 0.055,
    "COP": 0.00025,
    "DOP": 0.017,
    "NGN": 0.00065,
    "GHS": 0.08,
    "INR": 0.012,
    "IDR": 0.000064,
    "JPY": 0.0067,
}
# customer countries: share of customers, currency, (zone, weight) inside the country
HOME = {
    "US": (
        0.36,
        "USD",
        [
            ("America/New_York", 0.47),
            ("America/Chicago", 0.29),
            ("America/Denver", 0.06),
            ("America/Phoenix", 0.03),
            ("America/Los_Angeles", 0.14),
            ("Pacific/Honolulu", 0.01),
        ],
    ),
    "AU": (
        0.17,
        "AUD",
        [
            ("Australia/Sydney", 0.4),
            ("Australia/Melbourne", 0.3),
            ("Australia/Brisbane", 0.15),
            ("Australia/Perth", 0.1),
            ("Australia/Adelaide", 0.05),
        ],
    ),
    "GB": (0.17, "GBP", [("Europe/London", 1.0)]),
    "CA": (
        0.12,
        "CAD",
        [
            ("America/Toronto", 0.6),
            ("America/Vancouver", 0.2),
            ("America/Edmonton", 0.12),
            ("America/Halifax", 0.08),
        ],
    ),
    "IE": (0.04, "EUR", [("Europe/Dublin", 1.0)]),
    "DE": (0.07, "EUR", [("Europe/Berlin", 1.0)]),
    "NL": (0.04, "EUR", [("Europe/Amsterdam", 1.0)]),
    "FR": (0.03, "EUR", [("Europe/Paris", 1.0)]),
}
ABROAD = {
    "PH": ("PHP", "Asia/Manila"),
    "TH": ("THB", "Asia/Bangkok"),
    "VN": ("VND", "Asia/Ho_Chi_Minh"),
    "KH": ("KHR", "Asia/Phnom_Penh"),
    "ID": ("IDR", "Asia/Jakarta"),
    "CO": ("COP", "America/Bogota"),
    "MX": ("MXN", "America/Mexico_City"),
    "DO": ("DOP", "America/Santo_Domingo"),
    "NG": ("NGN", "Africa/Lagos"),
    "GH": ("GHS", "Africa/Accra"),
    "IN": ("INR", "Asia/Kolkata"),
    "JP": ("JPY", "Asia/Tokyo"),
    "ES": ("EUR", "Europe/Madrid"),
    "IT": ("EUR", "Europe/Rome"),
    "SC": ("USD", "Indian/Mahe"),
    "PA": ("USD", "America/Panama"),
}
ZONES = sorted(
    {z for _, _, zs in HOME.values() for z, _ in zs} | {z for _, z in ABROAD.values()} | {"UTC"}
)
ZI = {z: i for i, z in enumerate(ZONES)}
COUNTRY_ZONE = {c: z for c, (_, z) in ABROAD.items()} | {
    c: zs[0][0] for c, (_, _, zs) in HOME.items()
}
CURRENCY = {c: cur for c, (_, cur, _) in HOME.items()} | {c: cur for c, (cur, _) in ABROAD.items()}

FIRST = {
    ("west", "M"): [
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
        "Gary",
        "Kevin",
        "Brian",
        "Peter",
        "Graham",
        "Wayne",
        "Darren",
        "Craig",
        "Scott",
        "Sean",
        "Liam",
        "Colin",
        "Trevor",
        "Dale",
        "Glenn",
        "Ross",
    ],
    ("west", "F"): [
        "Mary",
        "Linda",
        "Susan",
        "Karen",
        "Sarah",
        "Emma",
        "Olivia",
        "Jessica",
        "Helen",
        "Claire",
        "Anna",
        "Julia",
        "Sophie",
        "Rachel",
        "Laura",
        "Megan",
        "Chloe",
        "Kate",
    ],
    ("de", "M"): [
        "Klaus",
        "Hans",
        "Jurgen",
        "Stefan",
        "Thomas",
        "Andreas",
        "Michael",
        "Dieter",
        "Uwe",
        "Frank",
    ],
    ("de", "F"): ["Sabine", "Petra", "Monika", "Andrea", "Claudia", "Julia", "Anna", "Lena"],
    ("nl", "M"): ["Pieter", "Jan", "Dirk", "Bram", "Sander", "Henk", "Kees", "Ruud"],
    ("nl", "F"): ["Anouk", "Sanne", "Femke", "Lotte", "Eva", "Inge"],
    ("fr", "M"): ["Jean", "Luc", "Pierre", "Philippe", "Olivier", "Nicolas", "Thierry", "Alain"],
    ("fr", "F"): ["Marie", "Camille", "Nathalie", "Isabelle", "Sophie", "Chloe"],
    ("ph", "M"): "Jose Juan Mark Anthony|John Paul|Rommel Jericho Ramon Rodel Jomar Arnel "
    "Christian Jay-ar Renato Noel Rey".replace("|", "_").split(),
    ("ph", "F"): [
        "Maria",
        "Ma._Cristina",
        "Jocelyn",
        "Rowena",
        "Marites",
        "Lovely",
        "Angel",
        "Princess",
        "Jasmine",
        "Kristine",
        "Mary_Grace",
        "Joy",
        "Rosalie",
        "Analyn",
        "Cherry",
        "Jonalyn",
        "Rhea",
        "Divina",
        "Mylene",
        "Shiela",
        "Aira",
        "Kimberly",
        "Nicole",
        "Angelica",
        "Janine",
        "Mae",
    ],
    ("th", "M"): ["Somchai", "Nattapong", "Anan", "Kittisak", "Prasert", "Wichai"],
    ("th", "F"): [
        "Siriporn",
        "Kanya",
        "Pornthip",
        "Malee",
        "Wanida",
        "Arunee",
        "Suda",
        "Nok",
        "Ploy",
        "Fon",
    ],
    ("vn", "M"): ["Van_Minh", "Van_Hung", "Duc_Anh", "Quang_Huy", "Van_Nam"],
    ("vn", "F"): ["Thi_Lan", "Thi_Hoa", "Thi_Mai", "Thi_Thu", "Ngoc_Anh", "Thi_Huong", "Bao_Ngoc"],
    ("hisp", "M"): ["Juan", "Carlos", "Luis", "Andres", "Jorge", "Miguel", "Alejandro", "Diego"],
    ("hisp", "F"): [
        "Maria",
        "Daniela",
        "Valentina",
        "Camila",
        "Alejandra",
        "Yuliana",
        "Paola",
        "Luz",
        "Yesenia",
    ],
    ("in", "M"): ["Rahul", "Amit", "Deepak", "Rajesh", "Suresh", "Vikram", "Arjun"],
    ("in", "F"): ["Priya", "Anjali", "Sunita", "Kavita", "Neha", "Pooja"],
    ("ng", "M"): ["Chinedu", "Emeka", "Tunde", "Kwame", "Kofi", "Ifeanyi", "Samuel", "David"],
    ("ng", "F"): ["Grace", "Blessing", "Ngozi", "Ama", "Abena", "Funmi"],
}
SURNAMES = {
    "west": [
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
        "Thompson",
        "White",
        "Clark",
        "Walker",
        "Hall",
        "Young",
        "King",
        "Wright",
        "Scott",
        "Green",
        "Baker",
        "Murphy",
        "Kelly",
        "O'Brien",
        "Evans",
        "Roberts",
        "Hughes",
        "Campbell",
        "Stewart",
        "Morris",
        "Cooper",
        "Ward",
    ],
    "de": [
        "Muller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Meyer",
        "Wagner",
        "Becker",
        "Hoffmann",
    ],
    "nl": ["de_Vries", "Jansen", "de_Jong", "Bakker", "Visser", "Smit", "Meijer", "van_Dijk"],
    "fr": ["Dubois", "Bernard", "Moreau", "Laurent", "Lefebvre", "Leroy", "Roux", "Girard"],
    "ph": [
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
        "Castro",
        "Rivera",
        "Aquino",
        "Navarro",
        "Salazar",
        "Mercado",
        "Dela_Cruz",
        "De_Leon",
        "Gonzales",
        "Lopez",
        "Aguilar",
        "Manalo",
        "Pascual",
        "Dizon",
        "Soriano",
        "Tolentino",
        "Cabrera",
        "Fernandez",
        "Bernardo",
        "Valdez",
        "Lim",
        "Tan",
        "Abad",
        "Alcantara",
        "Dimaculangan",
        "Macaraeg",
        "Panganiban",
        "Cabahug",
        "Bacus",
        "Lapitan",
        "Ybanez",
    ],
    "th": [
        "Saetang",
        "Srisuk",
        "Wongsawat",
        "Chaiyaporn",
        "Boonmee",
        "Thongchai",
        "Kaewkla",
        "Rattanakorn",
        "Sukjai",
    ],
    "vn": ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo"],
    "hisp": [
        "Garcia",
        "Rodriguez",
        "Martinez",
        "Hernandez",
        "Lopez",
        "Gonzalez",
        "Perez",
        "Sanchez",
        "Ramirez",
        "Gomez",
        "Diaz",
        "Reyes",
        "Cruz",
    ],
    "in": ["Patel", "Sharma", "Singh", "Kumar", "Gupta", "Reddy", "Nair", "Iyer"],
    "ng": [
        "Okafor",
        "Adeyemi",
        "Okonkwo",
        "Mensah",
        "Boateng",
        "Ibrahim",
        "Bello",
        "Eze",
        "Nwosu",
        "Asante",
    ],
}
WEST_GROUP = {"DE": "de", "NL": "nl", "FR": "fr"}
# name origin of a customer by country (the rest are "west" or the country's own group)
ORIGIN = {
    "US": {"ph": 0.05, "hisp": 0.12, "in": 0.05, "vn": 0.03, "ng": 0.02, "th": 0.01},
    "CA": {"ph": 0.09, "in": 0.09, "vn": 0.03, "hisp": 0.03, "ng": 0.02},
    "AU": {"ph": 0.06, "in": 0.07, "vn": 0.05, "th": 0.03},
    "GB": {"ph": 0.04, "in": 0.08, "ng": 0.05, "th": 0.01},
    "IE": {"ph": 0.05, "in": 0.04, "ng": 0.03},
    "DE": {"vn": 0.02, "th": 0.02, "ph": 0.01},
    "NL": {"ph": 0.01, "in": 0.02},
    "FR": {"vn": 0.03, "ng": 0.02},
}
DEST_OF = {
    "ph": ["PH"],
    "th": ["TH"],
    "vn": ["VN"],
    "in": ["IN"],
    "hisp": ["MX", "CO", "DO"],
    "ng": ["NG", "GH"],
}
ABROAD_GROUP = {
    "PH": "ph",
    "TH": "th",
    "VN": "vn",
    "KH": "vn",
    "ID": "ph",
    "CO": "hisp",
    "MX": "hisp",
    "DO": "hisp",
    "NG": "ng",
    "GH": "ng",
    "IN": "in",
}
# payout partners: prefix, kind (what the partner passes on), digits
PARTNERS = {
    "PH": [
        ("GCASH-09", "wallet", 9, 0.45),
        ("MAYA-09", "wallet", 9, 0.12),
        ("PALAWAN-PU", "pickup", 8, 0.18),
        ("CEBUANA-", "pickup", 10, 0.08),
        ("BDO-", "bank", 10, 0.09),
        ("BPI-", "bank", 10, 0.05),
        ("KL-PH-", "app", 8, 0.03),
    ],
    "TH": [
        ("PROMPTPAY-0", "wallet", 9, 0.6),
        ("KBANK-", "bank", 10, 0.3),
        ("KL-TH-", "app", 8, 0.1),
    ],
    "VN": [("MOMO-0", "wallet", 9, 0.6), ("VCB-", "bank", 13, 0.4)],
    "KH": [("WING-", "wallet", 9, 0.7), ("ABA-", "bank", 9, 0.3)],
    "ID": [("DANA-08", "wallet", 10, 0.6), ("BCA-", "bank", 10, 0.4)],
    "CO": [("NEQUI-3", "wallet", 9, 0.6), ("BANCOL-", "bank", 11, 0.4)],
    "MX": [("OXXO-PU", "pickup", 10, 0.5), ("BBVA-", "bank", 10, 0.5)],
    "DO": [("BANRES-", "bank", 10, 0.5), ("CARIBE-PU", "pickup", 8, 0.5)],
    "NG": [("OPAY-0", "wallet", 10, 0.5), ("GTB-", "bank", 10, 0.5)],
    "GH": [("MTN-0", "wallet", 9, 1.0)],
    "IN": [("UPI-", "wallet", 10, 0.7), ("HDFC-", "bank", 12, 0.3)],
}
# what the partner passes on: P(name), P(birth year)
PASS_ON = {"wallet": (0.55, 0.25), "pickup": (1.0, 0.6), "bank": (0.9, 0.0), "app": (1.0, 0.8)}

HANDLES = [
    "angel_23",
    "sweetcharm",
    "babyjen_ph",
    "lovelyk1tty",
    "cutie_mae",
    "pinkbunny17",
    "jen.jen",
    "ph_girl_09",
    "nika_xo",
    "shy_angel",
    "kittylove",
    "kristine.cam",
    "princess_m",
    "cebu_cutie",
    "ayesha.x",
    "mylove_ph",
]
MEMO_T1 = [
    "",
    "",
    "",
    "",
    "",
    "tip",
    "for u",
    "load",
    "pang load",
    "uniform",
    "school",
    "medical bills",
    "accommodation",
    "family support",
    "education",
    "for baby",
    "ty",
    "thanks hun",
    "@",
    "@",
    "@",
    "sk00l",
    "gift",
    "as promised",
    "pls",
    "bayad",
    "rent",
    "gatas",
    "pang-load po",
    "4 ur sis",
    "medical",
    "baon",
    "promise",
    "next time",
]
MEMO_T7 = [
    "",
    "",
    "",
    "load",
    "for school",
    "pang load",
    "baon",
    "uniform",
    "ty",
    "@",
    "secret",
    "gift",
    "for u",
    "new phone",
    "dont tell",
    "pamasahe",
    "school project",
]
MEMO_T5 = ["", "", "", "pls", "sent", "ok", "here", "pls delete", "stop", "done", "last one"]
MEMO_FAMILY = [
    "",
    "",
    "",
    "",
    "for mama",
    "padala",
    "pang gastos",
    "allowance",
    "bills",
    "pambayad kuryente",
    "tuition",
    "school fees",
    "birthday",
    "for the kids",
    "medical",
    "gamot ni lola",
    "groceries",
    "rent",
    "family support",
    "pamasko",
    "love you",
    "ingat",
    "enrollment",
    "baon",
    "load",
    "hospital bill",
    "uniform",
    "para kay nanay",
    "tien hoc",
    "gui me",
    "para mama",
    "colegiatura",
    "renta",
    "ค่าใช้จ่าย",
    "school supplies",
    "medical bills",
    "education",
]
MEMO_FREELANCE = [
    "",
    "invoice {n}",
    "INV-{n}",
    "VA week {n}",
    "salary",
    "payment for design",
    "bonus",
    "retainer",
    "week {n}",
    "wk{n} hours",
    "thank you!",
]
MEMO_CREATOR = [
    "",
    "",
    "tip",
    "@",
    "@",
    "great stream!",
    "love ur content",
    "for the stream",
    "ty for the shoutout",
    "sub",
    "gift",
    "gg",
    "for the new mic",
]
MEMO_ADULT = [
    "",
    "",
    "@",
    "@",
    "tip",
    "custom",
    "for the show",
    "private show",
    "❤️",
    "xoxo",
    "for tonight",
    "ty babe",
]
MEMO_ROMANCE = [
    "",
    "for your ticket",
    "customs fee",
    "medical bills",
    "hospital",
    "visa",
    "for the kids",
    "I love you",
    "as promised",
    "lawyer fee",
    "for the shipment",
]
MEMO_LDR = [
    "",
    "",
    "love you",
    "for bills",
    "pang load",
    "rent",
    "groceries",
    "miss you",
    "for your mama",
    "tuition",
    "birthday",
    "load",
    "for the baby",
    "medical",
]
MEMO_CHARITY = [
    "sponsorship #{n}",
    "child sponsorship",
    "donation",
    "typhoon relief",
    "monthly gift",
    "education fund",
    "",
]
MEMO_STUDENT = ["allowance", "tuition", "dorm", "books", "baon", "rent", "", "school fees"]
MEMO_P2P = [
    "",
    "",
    "",
    "dinner",
    "rent",
    "🍕",
    "uber",
    "tickets",
    "thanks!",
    "split",
    "gas",
    "beers",
    "bday gift",
    "groceries",
    "netflix",
    "footy tips",
]
MEMO_BUSINESS = [
    "",
    "balikbayan box",
    "order {n}",
    "box #{n}",
    "pasalubong",
    "cargo fee",
    "dried mangoes",
    "mass offering",
    "donation",
    "shipping",
]

FIELDS = (
    "t",
    "clock",
    "out",
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
    "label",
    "typology",
    "population",
)
OUT_LEDGER, OUT_CLOCK = 0, 1  # how a row's stamp is written: ledger policy, or its own clock
HARD = {
    "diaspora_small",
    "mixed_family",
    "freelance_client",
    "creator_fan",
    "adult_fan",
    "romance_victim",
    "ldr_partner",
    "tourist",
    "expat_retiree",
    "visit_home",
    "sponsor_donor",
    "student_parent",
    "teen_gamer",
    "teen_reseller_buyer",
    "crypto_investor",
    "ph_business_buyer",
    "creator",
    "adult_creator",
    "romance_scammer",
    "freelancer",
    "ph_business",
}
# rows that define no population of their own
QUIET = {"everyday", "planted", "offender_ancillary", "club_payment"}


@lru_cache(maxsize=1)
def offsets() -> np.ndarray:
    """UTC offset in minutes of every zone for every hour of the window (plus margins)."""
    hours = np.arange(-PAD_H, DAYS * 24 + PAD_H)
    table = np.zeros((len(ZONES), hours.size), dtype=np.int32)
    for z, name in enumerate(ZONES):
        zone = ZoneInfo(name)
        for j, h in enumerate(hours):
            off = (START + dt.timedelta(hours=int(h))).astimezone(zone).utcoffset()
            assert off is not None
            table[z, j] = int(off.total_seconds() // 60)
    return table


def hour_index(sec: np.ndarray) -> np.ndarray:
    return np.clip(np.floor(sec / 3600).astype(np.int64) + PAD_H, 0, DAYS * 24 + 2 * PAD_H - 1)


def local_to_utc(t_local: np.ndarray, zone: np.ndarray) -> np.ndarray:
    """Wall-clock seconds since 2025-10-01 00:00 in each row's zone -> seconds since START (UTC)."""
    off = offsets()
    guess = t_local - off[zone, hour_index(t_local)] * 60.0
    return t_local - off[zone, hour_index(guess)] * 60.0


def member(values: np.ndarray, allowed: Sequence[object] | np.ndarray) -> np.ndarray:
    """np.isin for object (string) arrays, which numpy does slowly by sorting."""
    keep = set(allowed.tolist() if isinstance(allowed, np.ndarray) else allowed)
    return np.fromiter((v in keep for v in values.tolist()), dtype=bool, count=values.size)


@lru_cache(maxsize=1)
def calendar() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each day of the window: the date, weekday (0 = Monday), day of month, last of month."""
    dates = np.datetime64("2025-10-01") + np.arange(DAYS)
    wd = (dates.astype("datetime64[D]").view("int64") - 4) % 7
    dom = (dates - dates.astype("datetime64[M]")).astype(int) + 1
    nxt = (dates + 1).astype("datetime64[M]") != dates.astype("datetime64[M]")
    return dates, wd, dom, nxt


@dataclass
class Payee:
    """A receiver abroad as the sending institution sees it: the partner's id, what it passes on."""

    id: str
    country: str
    kind: str
    first: str
    last: str
    birth_year: int
    fmt: int  # the partner's usual way of writing the name


@dataclass(frozen=True)
class Merchant:
    id: str
    country: str
    mcc: str


class World:
    """Customers, payees, merchants and the growing columns of the export."""

    def __init__(self, rng: np.random.Generator, n_customers: int) -> None:
        self.rng = rng
        self.cols: dict[str, list[np.ndarray]] = {f: [] for f in FIELDS}
        self.reps: dict[str, list[int]] = {f: [] for f in FIELDS}  # >1: a scalar repeated
        self.accounts: dict[str, tuple[int, str, str, str]] = {}
        self.next_id = 1_000_000 + int(rng.integers(0, 9_000_000))
        self.payees: dict[str, list[Payee]] = {}
        self.merchants: dict[tuple[str, str], list[Merchant]] = {}
        self.make_customers(n_customers)
        self.used = np.zeros(self.n, dtype=bool)
        self.masks: dict[tuple[str, tuple[str, ...]], np.ndarray] = {}

    # ---- identities -------------------------------------------------------------------------
    def uid(self, width: int = 9) -> str:
        self.next_id += int(self.rng.integers(1, 97))
        return str(self.next_id * 7919 % 10**width).zfill(width)

    def name(self, group: str, sex: str) -> tuple[str, str]:
        firsts, lasts = FIRST[(group, sex)], SURNAMES[group]
        first = firsts[int(self.rng.integers(0, len(firsts)))].replace("_", " ")
        return first, lasts[int(self.rng.integers(0, len(lasts)))].replace("_", " ")

    def make_customers(self, n: int) -> None:
        rng = self.rng
        countries = list(HOME)
        w = np.array([HOME[c][0] for c in countries])
        country = rng.choice(countries, size=n, p=w / w.sum())
        zone = np.empty(n, dtype=np.int16)
        group = np.empty(n, dtype=object)
        for c in countries:
            idx = np.flatnonzero(country == c)
            zs, zw = zip(*HOME[c][2], strict=True)
            zw_a = np.array(zw)
            zone[idx] = [ZI[z] for z in rng.choice(zs, size=idx.size, p=zw_a / zw_a.sum())]
            orig = ORIGIN[c]
            names = [*orig, WEST_GROUP.get(c, "west")]
            pw = np.array([*orig.values(), 1 - sum(orig.values())])
            group[idx] = rng.choice(names, size=idx.size, p=pw)
        sex = np.where(rng.random(n) < 0.5, "M", "F").astype(object)
        birth = rng.integers(1948, 2004, size=n)
        teen = rng.random(n) < 0.035  # Kiteline's teen card (14-17, parent-linked)
        birth[teen] = rng.integers(2008, 2012, size=int(teen.sum()))
        self.n = n
        self.country = country.astype(object)
        self.zone = zone
        self.group = group
        self.sex = sex
        self.birth = birth
        self.teen = teen
        self.ids = np.array([f"KL{self.uid(9)}" for _ in range(n)], dtype=object)
        self.first = np.empty(n, dtype=object)
        self.last = np.empty(n, dtype=object)
        for i in range(n):
            self.first[i], self.last[i] = self.name(str(group[i]), str(sex[i]))
        self.fullname = np.array([f"{a} {b}" for a, b in zip(self.first, self.last, strict=True)])
        self.fullname = self.fullname.astype(object)
        # KYC birth year missing for legacy accounts; devices, a few shared by couples
        self.birth_known = np.where(rng.random(n) < 0.9, birth, -1)
        self.birth_known[teen] = birth[teen]
        self.device = np.array([f"DV-{self.uid(10)}" for _ in range(n)], dtype=object)
        couples = rng.choice(n, size=(int(n * 0.04), 2), replace=False)
        self.device[couples[:, 1]] = self.device[couples[:, 0]]
        self.activity = rng.gamma(1.2, 1.0, size=n)
        self.activity[teen] *= 0.6
        self.extra: dict[int, str] = {}  # external bank account of a customer

    def add_customer(self, country: str, group: str, sex: str, birth: int) -> int:
        """A customer the base population lacked (tiny files); grows every per-customer array."""
        zs, zw = zip(*HOME[country][2], strict=True)
        zw_a = np.array(zw)
        first, last = self.name(group, sex)
        i = self.n
        self.n += 1
        self.country = np.append(self.country, np.array([country], dtype=object))
        self.zone = np.append(
            self.zone, np.int16(ZI[str(self.rng.choice(zs, p=zw_a / zw_a.sum()))])
        )
        self.group = np.append(self.group, np.array([group], dtype=object))
        self.sex = np.append(self.sex, np.array([sex], dtype=object))
        self.birth = np.append(self.birth, birth)
        self.teen = np.append(self.teen, 2008 <= birth <= 2011)
        self.ids = np.append(self.ids, np.array([f"KL{self.uid(9)}"], dtype=object))
        self.first = np.append(self.first, np.array([first], dtype=object))
        self.last = np.append(self.last, np.array([last], dtype=object))
        self.fullname = np.append(self.fullname, np.array([f"{first} {last}"], dtype=object))
        self.birth_known = np.append(self.birth_known, birth)
        self.device = np.append(self.device, np.array([f"DV-{self.uid(10)}"], dtype=object))
        self.activity = np.append(self.activity, self.rng.gamma(1.2, 1.0))
        self.used = np.append(self.used, True)
        return i

    def pick(
        self,
        *,
        sex: str | None = None,
        born: tuple[int, int] = (1948, 2004),
        groups: Sequence[str] | None = None,
        countries: Sequence[str] | None = None,
        teen: bool = False,
        reuse: bool = False,
    ) -> int:
        """An unused customer that fits (any that fits if reuse); a new one if none is left.

        Random probes first (cheap, and most constraints are common), then a full scan.
        """

        def fits(idx: np.ndarray) -> np.ndarray:
            ok = self.teen[idx] == teen
            if not reuse:
                ok &= ~self.used[idx]
            ok &= (self.birth[idx] >= born[0]) & (self.birth[idx] <= born[1])
            if sex:
                ok &= self.sex[idx] == sex
            if groups is not None:
                ok &= self.among("group", tuple(groups))[idx]
            if countries is not None:
                ok &= self.among("country", tuple(countries))[idx]
            return ok

        probe = self.rng.integers(0, self.n, size=256)
        hit = probe[fits(probe)]
        cand = hit[:1] if hit.size else np.flatnonzero(fits(np.arange(self.n)))
        if cand.size:
            i = int(self.rng.choice(cand))
            self.used[i] = True
            return i
        cs = list(countries) if countries else list(HOME)
        c = str(self.rng.choice(cs))
        g = str(self.rng.choice(list(groups))) if groups else WEST_GROUP.get(c, "west")
        s = sex or str(self.rng.choice(["M", "F"]))
        return self.add_customer(c, g, s, int(self.rng.integers(born[0], born[1] + 1)))

    def among(self, attr: str, values: tuple[str, ...]) -> np.ndarray:
        """Cached membership mask of a customer attribute (recomputed when customers grow)."""
        key = (attr, values)
        got = self.masks.get(key)
        if got is None or got.size != self.n:
            got = member(getattr(self, attr), values)
            self.masks[key] = got
        return got

    def payee(
        self,
        country: str,
        *,
        group: str | None = None,
        sex: str = "F",
        born: tuple[int, int] = (1960, 2003),
        last: str | None = None,
        kind: str | None = None,
    ) -> Payee:
        rng = self.rng
        opts = PARTNERS[country]
        if kind is not None and any(k == kind for _, k, _, _ in opts):
            opts = [o for o in opts if o[1] == kind]
        w = np.array([o[3] for o in opts])
        prefix, k, digits, _ = opts[int(rng.choice(len(opts), p=w / w.sum()))]
        first, sur = self.name(group or ABROAD_GROUP.get(country, "ph"), sex)
        p = Payee(
            id=f"{prefix}{self.uid(digits)}",
            country=country,
            kind=k,
            first=first,
            last=last or sur,
            birth_year=int(rng.integers(born[0], born[1] + 1)),
            fmt=int(rng.integers(0, 4)),
        )
        return p

    def merchant(self, country: str, mcc: str, pool: int = 30, tag: str = "") -> Merchant:
        """One of a Zipf-popular pool of merchants of that category in that country."""
        key = (country + tag, mcc)
        if key not in self.merchants:
            self.merchants[key] = [
                Merchant(f"M{mcc}-{self.uid(7)}", country, mcc) for _ in range(pool)
            ]
        ms = self.merchants[key]
        j = min(len(ms) - 1, int(self.rng.zipf(1.6)) - 1)
        return ms[j]

    # ---- accounts ---------------------------------------------------------------------------
    def mark(self, acc: str, label: int, role: str, typ: str, pop: str) -> None:
        old = self.accounts.get(acc)
        if old is None or (label == 1 and old[0] == 0):
            self.accounts[acc] = (label, role, typ, pop)

    # ---- rows -------------------------------------------------------------------------------
    def add(self, n: int, **kw: object) -> None:
        if n <= 0:
            return
        for f in FIELDS:
            v = kw.get(f)
            if isinstance(v, np.ndarray):
                assert v.shape[0] == n, f
                self.cols[f].append(v)
                self.reps[f].append(1)
            else:
                dtype: type = object
                if f in ("t", "amount"):
                    dtype = float
                elif f in ("sender_birth_year", "receiver_birth_year", "label", "clock", "out"):
                    dtype = np.int64
                    v = -1 if v is None and f.endswith("year") else (0 if v is None else v)
                one = np.empty(1, dtype=dtype)
                one[0] = v
                self.cols[f].append(one)
                self.reps[f].append(n)

    def column(self, f: str) -> np.ndarray:
        """One field of every row added so far, scalars expanded."""
        parts = self.cols[f]
        if not parts:
            return np.zeros(0)
        sizes = np.fromiter((a.shape[0] for a in parts), dtype=np.int64, count=len(parts))
        return np.repeat(np.concatenate(parts), np.repeat(np.array(self.reps[f]), sizes))

    def rows(self) -> int:
        return int(sum(a.shape[0] * r for a, r in zip(self.cols["t"], self.reps["t"], strict=True)))

    def sender(self, c: int) -> dict[str, object]:
        return {
            "sender_id": self.ids[c],
            "sender_country": self.country[c],
            "currency": CURRENCY[str(self.country[c])],
            "sender_name": self.fullname[c],
            "sender_sex": self.sex[c],
            "sender_birth_year": int(self.birth_known[c]),
        }

    def to_local(self, c: int, usd: np.ndarray) -> np.ndarray:
        return usd / USD_PER[CURRENCY[str(self.country[c])]]

    def send_amounts(
        self, c: int, usd: np.ndarray, round_p: float, recv_cur: str | None, recv_p: float
    ) -> np.ndarray:
        """The ledger amount: round in the sender's currency, round in the payee's, or fee-in."""
        rng = self.rng
        local = self.to_local(c, usd)
        out = np.round(local * rng.uniform(0.97, 1.03, size=usd.size), 2)
        mode = rng.random(usd.size)
        rnd = mode < round_p
        grid = np.where(local < 30, 5.0, np.where(local < 200, 10.0, 50.0))
        out[rnd] = np.maximum(grid[rnd], np.round(local[rnd] / grid[rnd]) * grid[rnd])
        if recv_cur is not None:
            rv = ~rnd & (mode < round_p + recv_p)
            rate = USD_PER[recv_cur] / USD_PER[CURRENCY[str(self.country[c])]]
            in_recv = usd[rv] / USD_PER[recv_cur]
            step = 10 ** np.floor(np.log10(np.maximum(in_recv, 1))) / 2
            out[rv] = np.round(np.maximum(step, np.round(in_recv / step) * step) * rate, 2)
        fee = rng.random(usd.size) < 0.06  # card-funded: total debited includes the fee
        out[fee] = np.round(out[fee] + rng.choice([1.99, 2.99, 3.99], size=int(fee.sum())), 2)
        return out

    def pay(
        self,
        c: int,
        p: Payee,
        t: np.ndarray,
        usd: np.ndarray,
        memos: Sequence[str],
        *,
        label: int = 0,
        typ: str = "",
        pop: str,
        round_p: float = 0.5,
        recv_p: float = 0.2,
        channel: str | None = None,
        handle: str = "",
        role: str = "receiver",
    ) -> None:
        """Transfers from customer c to payee p at local times t (sender's wall clock)."""
        n = t.size
        if n == 0:
            return
        rng = self.rng
        cur = ABROAD.get(p.country, ("USD", ""))[0]
        amount = self.send_amounts(c, usd, round_p, cur, recv_p)
        ch = channel or {"app": "p2p", "bank": "bank"}.get(p.kind, "msb")
        pn, pb = PASS_ON[p.kind]
        names = np.array([self.render(p) for _ in range(n)], dtype=object)
        names[rng.random(n) >= pn] = None
        by = np.where(rng.random(n) < pb, p.birth_year, -1)
        memo = rng.choice(np.array(memos, dtype=object), size=n)
        if handle:
            memo = np.array([handle if m == "@" else m for m in memo], dtype=object)
        else:
            memo = np.array([f"@{rng.choice(HANDLES)}" if m == "@" else m for m in memo])
        memo = np.array([str(m).replace("{n}", str(int(rng.integers(10, 999)))) for m in memo])
        self.add(
            n,
            t=t,
            clock=int(self.zone[c]),
            out=OUT_LEDGER,
            receiver_id=p.id,
            amount=amount,
            receiver_country=p.country,
            channel=ch,
            memo=memo.astype(object),
            receiver_name=names,
            receiver_birth_year=by,
            device_id=self.device[c],
            merchant_category=None,
            label=label,
            typology=typ,
            population=pop,
            **self.sender(c),
        )
        self.mark(p.id, label, role if label else "payee", typ, pop)
        self.mark_sender(c, pop)

    def mark_sender(self, c: int, pop: str) -> None:
        """A benign customer takes the population it was drawn for (its special behaviour)."""
        if pop not in QUIET:
            self.mark(str(self.ids[c]), 0, "customer", "", pop)

    def render(self, p: Payee) -> str:
        """The payee's name as the partner wrote it this time (formats drift between rows)."""
        f = p.fmt if self.rng.random() < 0.8 else int(self.rng.integers(0, 5))
        first = p.first.replace("Ma. ", "Maria ") if self.rng.random() < 0.3 else p.first
        if f == 0:
            return f"{first} {p.last}"
        if f == 1:
            return f"{p.last.upper()}, {first.upper()}"
        if f == 2:
            return f"{first} {chr(65 + int(self.rng.integers(0, 26)))}. {p.last}"
        if f == 3:
            return f"{first.upper()} {p.last.upper()}"
        return f"{first.lower()} {p.last.lower()}"

    def card(
        self,
        c: int,
        m: Merchant,
        t: np.ndarray,
        local_amt: np.ndarray,
        *,
        clock: int,
        label: int = 0,
        typ: str = "",
        pop: str,
    ) -> None:
        """Card rows: amount in the merchant's currency converted to the card's, 3% abroad."""
        n = t.size
        if n == 0:
            return
        home = CURRENCY[str(self.country[c])]
        mcur = CURRENCY.get(m.country, home)
        if mcur != home:
            amount = np.round(local_amt * USD_PER[mcur] / USD_PER[home] * 1.03, 2)
        else:
            amount = np.round(local_amt, 2)
        online = m.mcc in ("5815", "5816", "5818", "4816", "5967", "4899", "6051", "5734")
        self.add(
            n,
            t=t,
            clock=clock,
            out=OUT_CLOCK,
            receiver_id=m.id,
            amount=amount,
            receiver_country=m.country,
            channel="card",
            memo=None,
            receiver_name=None,
            receiver_birth_year=-1,
            device_id=self.device[c] if online else None,
            merchant_category=m.mcc,
            label=label,
            typology=typ,
            population=pop,
            **self.sender(c),
        )
        self.mark(m.id, 0, "merchant", "", "merchant")
        self.mark_sender(c, pop)

    def domestic(
        self,
        c: int,
        to: int,
        t: np.ndarray,
        amount: np.ndarray,
        memos: Sequence[str],
        *,
        label: int = 0,
        typ: str = "",
        pop: str,
    ) -> None:
        """App-to-app p2p between two Kiteline customers."""
        n = t.size
        if n == 0:
            return
        memo = self.rng.choice(np.array(memos, dtype=object), size=n)
        self.add(
            n,
            t=t,
            clock=int(self.zone[c]),
            out=OUT_LEDGER,
            receiver_id=self.ids[to],
            amount=np.round(amount, 2),
            receiver_country=self.country[to],
            channel="p2p",
            memo=memo,
            receiver_name=self.fullname[to],
            receiver_birth_year=int(self.birth_known[to]),
            device_id=self.device[c],
            merchant_category=None,
            label=label,
            typology=typ,
            population=pop,
            **self.sender(c),
        )
        self.mark_sender(c, pop)

    # ---- time -------------------------------------------------------------------------------
    def night_or_day(self, days: np.ndarray, p_night: float) -> np.ndarray:
        """Local wall-clock seconds: 21:00-04:00 with p_night, else a waking-hours day time."""
        rng = self.rng
        n = days.size
        night = rng.random(n) < p_night
        hour = np.where(
            night, rng.uniform(21, 28, size=n), np.clip(rng.normal(15, 3.5, size=n), 7, 22.9)
        )
        return days * 86400.0 + hour * 3600.0

    def days_in(self, lo: float, hi: float, n: int) -> np.ndarray:
        return np.floor(self.rng.uniform(lo, hi, size=n))

    def paydays(self, c: int, n: int, lag: tuple[int, int] = (0, 3)) -> np.ndarray:
        """Days just after the customer's paydays (the country's usual pay cycle)."""
        rng = self.rng
        country = str(self.country[c])
        dates, wd, dom, nxt = calendar()
        if country in ("US", "CA"):
            ok = (wd == 4) & (((dates.view("int64") // 7) % 2) == int(rng.integers(0, 2)))
            ok |= (dom == 15) & (rng.random() < 0.3)
        elif country == "AU":
            ok = (wd == 3) & (((dates.view("int64") // 7) % 2) == int(rng.integers(0, 2)))
        else:
            ok = nxt | (dom == 25)
        pd_ = np.flatnonzero(ok)
        base = rng.choice(pd_, size=n)
        return np.minimum(DAYS - 1, base + rng.integers(lag[0], lag[1] + 1, size=n))


# ------------------------------------------------------------------------------------------------
# Planted typologies
# ------------------------------------------------------------------------------------------------
def address(rng: np.random.Generator) -> str:
    """An on-chain (bech32-looking) address."""
    return "bc1q" + "".join(rng.choice(list("023456789acdefghjklmnpqrstuvwxyz"), size=38))


def band_usd(rng: np.random.Generator, n: int, wide: float = 0.15) -> np.ndarray:
    """Item 1: mostly 15-100 USD, sometimes 10-200."""
    core = np.exp(rng.uniform(np.log(15), np.log(100), size=n))
    wide_v = np.exp(rng.uniform(np.log(10), np.log(200), size=n))
    return np.where(rng.random(n) < wide, wide_v, core)


def window(rng: np.random.Generator, min_days: int = 30) -> tuple[float, float]:
    """The visible part of a 2-36-month offending lifetime inside the 12-month window."""
    life = rng.uniform(60, 1080)
    start = rng.uniform(-life + min_days, DAYS - min_days)
    lo, hi = max(0.0, start), min(float(DAYS), start + life)
    if hi - lo < min_days:
        lo = max(0.0, hi - min_days)
    return lo, hi


def sessions(w: World, lo: float, hi: float, n: int, p_night: float) -> np.ndarray:
    """Item 2/7: payments in bursts of 1-3 minutes to an hour apart, mostly at night."""
    rng = w.rng
    out: list[float] = []
    while len(out) < n:
        day = float(np.floor(rng.uniform(lo, hi)))
        t0 = float(w.night_or_day(np.array([day]), p_night)[0])
        for k in range(int(rng.choice([1, 1, 2, 2, 3]))):
            out.append(t0 + k * rng.uniform(300, 3600))
    return np.sort(np.array(out[:n]))


def plant_t1(w: World, budget: int, receivers_pool: list[Payee]) -> int:
    """Consumers paying individuals (family operations, direct offender-victim) abroad."""
    rng = w.rng
    made = 0
    while made < budget:
        if rng.random() < 0.2 and receivers_pool:  # lone consumer: 1-3 payments (design (d))
            c = w.pick(sex="M" if rng.random() < 0.95 else "F", born=(1950, 1995))
            p = (
                receivers_pool[int(rng.integers(0, len(receivers_pool)))]
                if rng.random() < 0.7
                else w.payee("PH", born=(1975, 2004))
            )
            n = int(rng.integers(1, 4))
            lo = rng.uniform(0, DAYS - 10)
            t = sessions(w, lo, lo + rng.uniform(1, 20), n, 0.7)
            w.pay(
                c, p, t, band_usd(rng, n), MEMO_T1, label=1, typ="T1", pop="planted", round_p=0.75
            )
            w.mark(str(w.ids[c]), 1, "lone_consumer", "T1", "planted")
            made += n
            continue
        diaspora = rng.random() < 0.08
        c = w.pick(
            sex="M" if rng.random() < 0.96 else "F",
            born=(1950, 1993),
            groups=["ph"] if diaspora else None,
        )
        lo, hi = window(rng)
        months = (hi - lo) / 30.4
        rate = float(np.clip(rng.lognormal(np.log(4), 0.7), 1.5, 30))
        n = int(np.clip(rng.poisson(rate * months), 2, 400))
        t = sessions(w, lo, hi, n, float(rng.uniform(0.55, 0.95)))
        country = str(
            rng.choice(["PH", "TH", "VN", "KH", "CO", "DO"], p=[0.74, 0.12, 0.04, 0.03, 0.04, 0.03])
        )
        k = int(np.clip(rng.geometric(0.45), 1, 8))
        surname = str(w.last[c]) if diaspora and rng.random() < 0.5 else None
        ps = [w.payee(country, born=(1965, 2004), last=surname) for _ in range(k)]
        starts = np.sort(np.concatenate([[lo], rng.uniform(lo, hi, size=k - 1)]))
        handle = f"@{rng.choice(HANDLES)}"
        round_p = float(rng.uniform(0.7, 1.0))
        which = np.zeros(n, dtype=int)
        day = t / 86400
        for i in range(n):
            active = np.flatnonzero(starts <= day[i])
            # newest receivers get most of the attention
            wts = np.exp(0.8 * np.arange(active.size))
            which[i] = int(rng.choice(active, p=wts / wts.sum()))
        usd = band_usd(rng, n)
        for j, p in enumerate(ps):
            sel = which == j
            if sel.any():
                w.pay(
                    c,
                    p,
                    t[sel],
                    usd[sel],
                    MEMO_T1,
                    label=1,
                    typ="T1",
                    pop="planted",
                    round_p=round_p,
                    recv_p=0.6 * (1 - round_p),
                    handle=handle,
                )
                receivers_pool.append(p)
        w.mark(str(w.ids[c]), 1, "consumer", "T1", "planted")
        made += n
        ancillary(w, c, lo, hi)
        if rng.random() < 0.1:  # a second account on the same device to stay under limits
            c2 = w.add_customer(str(w.country[c]), str(w.group[c]), "M", int(w.birth[c]))
            w.device[c2] = w.device[c]
            w.fullname[c2] = f"{str(w.first[c])[0]}. {w.last[c]}"
            n2 = int(rng.integers(2, 12))
            t2 = sessions(w, lo, hi, n2, 0.8)
            p = ps[int(rng.integers(0, len(ps)))]
            w.pay(
                c2,
                p,
                t2,
                band_usd(rng, n2),
                MEMO_T1,
                label=1,
                typ="T1",
                pop="planted",
                round_p=round_p,
            )
            w.mark(str(w.ids[c2]), 1, "consumer", "T1", "planted")
            made += n2
    return made


def ancillary(w: World, c: int, lo: float, hi: float) -> None:
    """Item 8: VPN, webcam-platform and encrypted-storage purchases on the card (label 0)."""
    rng = w.rng
    if rng.random() > 0.45:
        return
    for mcc, country, usd in (("4816", "PA", 12.0), ("5815", "NL", 30.0), ("5734", "SC", 8.0)):
        if rng.random() < 0.6:
            n = int(rng.integers(1, 8))
            t = w.night_or_day(w.days_in(lo, hi, n), 0.7)
            m = w.merchant(country, mcc, pool=6, tag="-anon")
            amt = usd / USD_PER[CURRENCY[country]] * rng.uniform(0.8, 2.5, size=n)
            w.card(c, m, t, np.round(amt, 2), clock=int(w.zone[c]), pop="offender_ancillary")


def hub(w: World, country: str) -> list[Payee]:
    """A facilitator's payout id and the household ids it rotates senders between (T2)."""
    rng = w.rng
    main = w.payee(country, born=(1965, 1995))
    house = [main] + [
        w.payee(country, born=(1960, 2004), last=main.last, sex=str(rng.choice(["F", "M"])))
        for _ in range(int(rng.integers(2, 6)))
    ]
    return house


def plant_t2(w: World, budget: int, hubs_out: list[list[Payee]]) -> int:
    rng = w.rng
    made = 0
    while made < budget:
        country = str(rng.choice(["PH", "TH", "CO", "DO", "VN"], p=[0.78, 0.1, 0.05, 0.04, 0.03]))
        house = hub(w, country)
        hubs_out.append(house)
        lo, hi = window(rng, 60)
        n_send = int(np.clip(rng.pareto(1.3) * 6 + 5, 5, max(5, min(60, (budget - made) // 3))))
        cs_ = list(HOME)
        home_countries = rng.choice(cs_, size=max(2, min(5, n_send // 3)), replace=False)
        for s in range(n_send):
            c = w.pick(
                sex="M" if rng.random() < 0.95 else "F",
                born=(1950, 1995),
                countries=[str(home_countries[s % home_countries.size])],
            )
            a = rng.uniform(lo, hi - 5)
            b = min(hi, a + rng.uniform(5, 200))
            n = int(np.clip(rng.geometric(0.18), 1, 40))
            t = sessions(w, a, b, n, float(rng.uniform(0.5, 0.95)))
            # senders are told which household member to pay this time
            to = rng.choice(len(house), size=n, p=household_weights(len(house)))
            usd = band_usd(rng, n)
            rp = float(rng.uniform(0.6, 1.0))
            for j in np.unique(to):
                sel = to == j
                w.pay(
                    c,
                    house[j],
                    t[sel],
                    usd[sel],
                    MEMO_T1,
                    label=1,
                    typ="T2",
                    pop="planted",
                    round_p=rp,
                    role="facilitator" if j == 0 else "household",
                )
            w.mark(str(w.ids[c]), 1, "consumer", "T2", "planted")
            made += n
        if rng.random() < 0.6 and country in ("PH", "TH"):  # a relative's honest remittances
            rel = w.pick(groups=[ABROAD_GROUP[country]])
            n = int(rng.integers(2, 8))
            days = w.paydays(rel, n)
            w.pay(
                rel,
                house[0],
                days * 86400.0 + rng.uniform(9, 21, n) * 3600,
                np.exp(rng.normal(np.log(250), 0.5, n)),
                MEMO_FAMILY,
                pop="diaspora_family",
            )
    return made


def household_weights(k: int) -> np.ndarray:
    wts = np.array([3.0] + [1.0] * (k - 1))
    return wts / wts.sum()


def plant_t3(w: World, budget: int) -> int:
    rng = w.rng
    made = 0
    while made < budget:
        m = int(rng.integers(3, 9))
        k = int(np.clip(rng.integers(6, 26), 4, max(4, (budget - made) // 4)))
        facs = [
            w.payee(str(rng.choice(["PH", "TH"], p=[0.85, 0.15])), born=(1965, 2000))
            for _ in range(m)
        ]
        lo, hi = window(rng, 90)
        coordinator = None
        if rng.random() < 0.4:
            coordinator = w.pick(groups=["ph", "th"], countries=["AU", "GB", "US", "CA"])
        collected: list[tuple[float, float]] = []
        for _ in range(k):
            home = [str(w.country[coordinator])] if coordinator is not None else None
            c = w.pick(sex="M", born=(1950, 1995), countries=home)
            n = int(np.clip(rng.geometric(0.12), 2, 60))
            t = sessions(w, lo, hi, n, float(rng.uniform(0.5, 0.95)))
            usd = band_usd(rng, n)
            if coordinator is not None and rng.random() < 0.6:
                amt = np.round(w.to_local(c, usd) / 5) * 5 + 5
                w.domestic(
                    c,
                    coordinator,
                    t,
                    amt,
                    ["", "for the show", "ty", "cam", "tix", "rent", "share"],
                    label=1,
                    typ="T3",
                    pop="planted",
                )
                collected += list(zip(t, usd, strict=True))
            else:
                mine = rng.choice(m, size=int(rng.integers(2, min(4, m) + 1)), replace=False)
                to = rng.choice(mine, size=n)
                for j in np.unique(to):
                    sel = to == j
                    w.pay(
                        c,
                        facs[j],
                        t[sel],
                        usd[sel],
                        MEMO_T1,
                        label=1,
                        typ="T3",
                        pop="planted",
                        round_p=0.8,
                        role="facilitator",
                    )
            w.mark(str(w.ids[c]), 1, "consumer", "T3", "planted")
            made += n
        if coordinator is not None and collected:  # forwards within 48 h, aggregated
            w.mark(str(w.ids[coordinator]), 1, "coordinator", "T3", "planted")
            collected.sort()
            batch: list[float] = []
            start = collected[0][0]
            for tt, u in collected:
                batch.append(u)
                if tt - start > 86400 * rng.uniform(0.5, 2) or len(batch) >= 6:
                    tt_out = np.array([tt + rng.uniform(600, 36000)])
                    p = facs[int(rng.integers(0, m))]
                    w.pay(
                        coordinator,
                        p,
                        tt_out,
                        np.array([sum(batch) * 0.95]),
                        ["", "padala", "allowance", "family support"],
                        label=1,
                        typ="T3",
                        pop="planted",
                        round_p=0.3,
                        role="facilitator",
                    )
                    made += 1
                    batch, start = [], tt
    return made


def plant_t4(w: World, budget: int) -> int:
    rng = w.rng
    made = 0
    while made < budget:
        c = w.pick(sex="M", born=(1948, 1975))
        dest = str(
            rng.choice(["PH", "TH", "KH", "VN", "CO", "DO"], p=[0.66, 0.15, 0.06, 0.05, 0.04, 0.04])
        )
        clock = ZI[COUNTRY_ZONE[dest]]
        home_clock = int(w.zone[c])
        lcur = CURRENCY[dest]
        young = w.payee(dest, born=(2003, 2009))
        for _ in range(int(rng.integers(1, 3))):
            stay = float(rng.uniform(21, 75))
            arrive = float(rng.uniform(20, DAYS - stay - 5))
            buy = max(0.0, arrive - rng.uniform(10, 60))
            air = w.merchant(str(w.country[c]), "4511", pool=8)
            w.card(
                c,
                air,
                w.night_or_day(np.array([np.floor(buy)]), 0.3),
                np.array([rng.uniform(900, 2200) / USD_PER[CURRENCY[str(w.country[c])]]]),
                clock=home_clock,
                label=1,
                typ="T4",
                pop="planted",
            )
            made += 1
            d0 = np.floor(arrive)
            hotel = w.merchant(dest, "7011", pool=40, tag="-prov")
            nights = int(stay)
            w.card(
                c,
                hotel,
                np.array([(d0 + 1) * 86400.0 + 11 * 3600]),
                np.array([nights * rng.uniform(20, 45) / USD_PER[lcur]]),
                clock=clock,
                label=1,
                typ="T4",
                pop="planted",
            )
            made += 1
            n_atm = int(stay * rng.uniform(0.6, 1.8))
            days = w.days_in(d0, d0 + stay, n_atm)
            t = days * 86400.0 + rng.uniform(8, 23, n_atm) * 3600
            atm = [w.merchant(dest, "6011", pool=25, tag="-prov") for _ in range(n_atm)]
            php = rng.choice([3000, 5000, 5000, 10000, 10000, 20000], size=n_atm) * USD_PER["PHP"]
            for i, m in enumerate(atm):
                w.card(
                    c,
                    m,
                    t[i : i + 1],
                    np.array([php[i] / USD_PER[lcur]]),
                    clock=clock,
                    label=1,
                    typ="T4",
                    pop="planted",
                )
            made += n_atm
            for mcc in ("5944", "5945", "5641", "4814"):
                n = int(rng.integers(0, 4))
                days = w.days_in(d0, d0 + stay, n)
                m = w.merchant(dest, mcc, pool=15)
                usd = rng.uniform(15, 400, n)
                w.card(
                    c,
                    m,
                    days * 86400.0 + rng.uniform(10, 20, n) * 3600,
                    usd / USD_PER[lcur],
                    clock=clock,
                    label=1,
                    typ="T4",
                    pop="planted",
                )
                made += n
            # keeps paying the young receiver after going home
            n = int(rng.integers(2, 12))
            lo = d0 + stay
            t = sessions(w, lo, min(DAYS, lo + 120), n, 0.7)
            t = t[t < DAYS * 86400]
            w.pay(
                c,
                young,
                t,
                band_usd(rng, t.size),
                MEMO_T7,
                label=1,
                typ="T4",
                pop="planted",
                round_p=0.8,
                role="victim_account",
            )
            made += t.size
        w.mark(str(w.ids[c]), 1, "traveller", "T4", "planted")
    return made


def plant_t5(w: World, budget: int) -> int:
    rng = w.rng
    made = 0
    mules: list[tuple[int, Payee]] = []
    while made < budget:
        c = w.pick(sex="M" if rng.random() < 0.85 else "F", born=(2008, 2011), teen=True)
        n = int(rng.integers(2, 7))
        day0 = float(rng.uniform(5, DAYS - 4))
        span = rng.uniform(24, 72) * 3600
        t = np.sort(day0 * 86400 + rng.uniform(15, 26) * 3600 + rng.uniform(0, span, n))
        t[0] = day0 * 86400 + rng.uniform(15, 26) * 3600
        first = rng.uniform(25, 240)
        usd = np.minimum(first * np.cumprod(rng.uniform(0.8, 1.8, n)), 600)
        usd[0] = first
        usd = usd * min(1.0, 1500 / usd.sum())
        kind = rng.random()
        if kind < 0.45:  # a domestic Kiteline mule who forwards abroad
            here = [mu for mu in mules if w.country[mu[0]] == w.country[c]]
            if not here or rng.random() < 0.35:
                mc = w.pick(born=(1996, 2005), countries=[str(w.country[c])])
                out = w.payee(str(rng.choice(["NG", "GH", "PH", "CO"])), sex="M", born=(1985, 2002))
                here.append((mc, out))
                mules.append((mc, out))
            mc, out = here[int(rng.integers(0, len(here)))]
            amt = np.round(w.to_local(c, usd), 0)
            w.domestic(c, mc, t, amt, MEMO_T5, label=1, typ="T5", pop="planted")
            w.mark(str(w.ids[mc]), 1, "mule", "T5", "planted")
            fwd = t[-1] + rng.uniform(2, 40) * 3600
            w.pay(
                mc,
                out,
                np.array([fwd]),
                np.array([usd.sum() * 0.9]),
                ["", "", "payment"],
                label=1,
                typ="T5",
                pop="planted",
                round_p=0.2,
                role="mule",
            )
            made += n + 1
        elif kind < 0.75:  # a foreign payout id collecting from many victims
            p = w.payee(
                str(rng.choice(["NG", "GH", "PH", "CO"])), sex="M", born=(1985, 2002), kind="wallet"
            )
            w.pay(c, p, t, usd, MEMO_T5, label=1, typ="T5", pop="planted", round_p=0.6, role="mule")
            made += n
        else:  # gift cards bought on the card, codes sent to the extorter
            m = w.merchant(str(w.country[c]), "5947", pool=5, tag="-gift")
            local = np.round(w.to_local(c, usd) / 25) * 25 + 25
            w.card(c, m, t, local, clock=int(w.zone[c]), label=1, typ="T5", pop="planted")
            made += n
        w.mark(str(w.ids[c]), 1, "victim", "T5", "planted")
    return made


def plant_t6(w: World, budget: int) -> int:
    rng = w.rng
    made = 0
    sites = [
        [address(rng) for _ in range(int(rng.integers(3, 10)))]
        for _ in range(int(rng.integers(2, 5)))
    ]
    while made < budget:
        c = w.pick(sex="M", born=(1975, 2003))
        site = sites[int(rng.integers(0, len(sites)))]
        lo, hi = window(rng, 30)
        n = int(np.clip(rng.geometric(0.15), 1, 40))
        days = np.sort(w.days_in(lo, hi, n))
        t = w.night_or_day(days, 0.65)
        cur = CURRENCY[str(w.country[c])]
        fiat = np.maximum(20, np.round(rng.uniform(20, 150, n) / USD_PER[cur] / 10) * 10)
        ex = w.merchant(str(w.country[c]), "6051", pool=4, tag="-vasp")
        w.add(
            n,
            t=t,
            clock=int(w.zone[c]),
            out=OUT_LEDGER,
            receiver_id=ex.id,
            amount=fiat,
            receiver_country=ex.country,
            channel="crypto",
            memo="",
            receiver_name=None,
            receiver_birth_year=-1,
            device_id=w.device[c],
            merchant_category=None,
            label=1,
            typology="T6",
            population="planted",
            **w.sender(c),
        )
        w.mark(ex.id, 0, "exchange", "", "merchant")
        addr = rng.choice(site, size=n)
        send = np.round(fiat * rng.uniform(0.9, 0.99, n), 2)
        declared = np.where(rng.random(n) < 0.8, w.country[c], rng.choice(["SC", "PA"], n))
        w.add(
            n,
            t=t + rng.uniform(600, 20000, n),
            clock=int(w.zone[c]),
            out=OUT_LEDGER,
            receiver_id=addr.astype(object),
            amount=send,
            receiver_country=declared.astype(object),
            channel="crypto",
            memo="",
            receiver_name=None,
            receiver_birth_year=-1,
            device_id=w.device[c],
            merchant_category=None,
            label=1,
            typology="T6",
            population="planted",
            **w.sender(c),
        )
        for a in np.unique(addr):
            w.mark(str(a), 1, "site", "T6", "planted")
        w.mark(str(w.ids[c]), 1, "consumer", "T6", "planted")
        made += 2 * n
    return made


def plant_t7(w: World, budget: int) -> int:
    rng = w.rng
    made = 0
    while made < budget:
        c = w.pick(sex="M", born=(1950, 1988))
        country = str(
            rng.choice(["PH", "TH", "VN", "CO", "DO", "KH"], p=[0.72, 0.1, 0.05, 0.05, 0.04, 0.04])
        )
        own = rng.random() < 0.5  # wallet in the child's name, or an adult relative's
        p = w.payee(country, born=(2007, 2010) if own else (1970, 1995), kind="wallet")
        lo, hi = window(rng, 45)
        rate = float(np.clip(rng.lognormal(np.log(5), 0.6), 2, 30))
        n = int(np.clip(rng.poisson(rate * (hi - lo) / 30.4), 2, 300))
        t = sessions(w, lo, hi, n, float(rng.uniform(0.5, 0.9)))
        w.pay(
            c,
            p,
            t,
            band_usd(rng, n, 0.25),
            MEMO_T7,
            label=1,
            typ="T7",
            pop="planted",
            round_p=float(rng.uniform(0.7, 1.0)),
            role="victim_account",
        )
        w.mark(str(w.ids[c]), 1, "offender", "T7", "planted")
        made += n
    return made


# ------------------------------------------------------------------------------------------------
# Benign populations (most are the note's hard negatives)
# ------------------------------------------------------------------------------------------------
def loop(budget: int, one: object) -> None:
    made = 0
    while made < budget:
        made += one()  # type: ignore[operator]


def diaspora_family(w: World) -> int:
    """Monthly around paydays, ~USD 250 lognormal, 1-3 relatives mostly with the same surname."""
    rng = w.rng
    c = w.pick(groups=["ph", "th", "vn", "in", "hisp", "ng"])
    dest = str(rng.choice(DEST_OF[str(w.group[c])]))
    k = int(rng.integers(1, 4))
    ps = [
        w.payee(
            dest,
            group=str(w.group[c]),
            last=str(w.last[c]) if rng.random() < 0.7 else None,
            born=(1945, 2005),
            sex=str(rng.choice(["F", "M"])),
        )
        for _ in range(k)
    ]
    n = int(rng.integers(8, 30))
    days = w.paydays(c, n)
    dec = rng.random(n) < 0.12
    days[dec] = rng.integers(61, 85, int(dec.sum()))  # December: pamasko
    t = days * 86400.0 + np.clip(rng.normal(13, 4, n), 6, 23.5) * 3600
    usd = np.exp(rng.normal(np.log(250), 0.6, n))
    to = rng.choice(k, size=n, p=np.array([0.6, 0.25, 0.15])[:k] / [0.6, 0.85, 1.0][k - 1])
    for j in np.unique(to):
        sel = to == j
        w.pay(
            c,
            ps[j],
            t[sel],
            usd[sel],
            MEMO_FAMILY,
            pop="diaspora_family",
            round_p=0.55,
            recv_p=0.35,
        )
    return n


def diaspora_small(w: World) -> int:
    """Frequent small round sums to nieces, married sisters, in-laws: no surname match."""
    rng = w.rng
    c = w.pick(groups=["ph", "th", "vn"])
    dest = DEST_OF[str(w.group[c])][0]
    k = int(rng.integers(2, 7))
    ps = [
        w.payee(
            dest,
            group=str(w.group[c]),
            born=(1975, 2008),
            last=str(w.last[c]) if rng.random() < 0.3 else None,
        )
        for _ in range(k)
    ]
    n = int(rng.integers(15, 70))
    days = np.where(rng.random(n) < 0.5, w.paydays(c, n, (0, 6)), w.days_in(0, DAYS, n))
    enrol = rng.random(n) < 0.1
    days[enrol] = rng.integers(235, 260, int(enrol.sum()))  # June enrolment
    t = w.night_or_day(days, 0.35)  # after a night shift, or when the family calls
    usd = np.exp(rng.uniform(np.log(15), np.log(120), n))
    to = rng.integers(0, k, n)
    for j in np.unique(to):
        sel = to == j
        w.pay(
            c, ps[j], t[sel], usd[sel], MEMO_FAMILY, pop="diaspora_small", round_p=0.6, recv_p=0.35
        )
    return n


def mixed_family(w: World) -> int:
    """A western husband supporting his Filipina/Thai wife's parents, siblings and nieces."""
    rng = w.rng
    c = w.pick(sex="M", born=(1950, 1990), groups=["west", "de", "nl", "fr"])
    dest = str(rng.choice(["PH", "TH", "VN"], p=[0.7, 0.22, 0.08]))
    fam = str(rng.choice(SURNAMES[ABROAD_GROUP[dest]])).replace("_", " ")
    k = int(rng.integers(1, 5))
    ps = [
        w.payee(
            dest,
            last=fam if rng.random() < 0.6 else None,
            born=(1950, 2006),
            sex=str(rng.choice(["F", "M"])),
        )
        for _ in range(k)
    ]
    n = int(rng.integers(8, 40))
    days = np.where(rng.random(n) < 0.5, w.paydays(c, n), w.days_in(0, DAYS, n))
    t = w.night_or_day(days, 0.3)
    usd = np.exp(rng.normal(np.log(90), 0.7, n))
    to = rng.integers(0, k, n)
    for j in np.unique(to):
        sel = to == j
        w.pay(c, ps[j], t[sel], usd[sel], MEMO_FAMILY, pop="mixed_family", round_p=0.8, recv_p=0.1)
    return n


def freelance_client(w: World) -> int:
    """Small firms paying virtual assistants abroad weekly: fan-out to unrelated receivers."""
    rng = w.rng
    c = w.pick(born=(1960, 1998), countries=["US", "AU", "GB", "CA"])
    k = int(rng.integers(1, 7))
    ps = [
        w.payee(
            str(rng.choice(["PH", "PH", "PH", "IN", "CO", "VN"])),
            born=(1985, 2004),
            sex=str(rng.choice(["F", "M"])),
        )
        for _ in range(k)
    ]
    for p in ps:
        w.mark(p.id, 0, "payee", "", "freelancer")
    weeks = int(rng.integers(6, 52))
    wk0 = int(rng.integers(0, 52 - weeks + 1))
    n = 0
    for j, p in enumerate(ps):
        wks = np.arange(wk0, wk0 + weeks)[rng.random(weeks) < 0.85]
        days = np.minimum(DAYS - 1, wks * 7 + int(rng.integers(0, 5)))
        t = days * 86400.0 + np.clip(rng.normal(11, 2, wks.size), 8, 18) * 3600
        usd = np.full(wks.size, float(rng.choice([60, 80, 100, 120, 150, 200, 250, 300])))
        usd = usd * np.where(rng.random(wks.size) < 0.1, rng.uniform(1.1, 2, wks.size), 1)
        w.pay(
            c,
            p,
            t,
            usd,
            MEMO_FREELANCE,
            pop="freelance_client",
            round_p=0.8,
            recv_p=0.0,
            channel="msb" if j % 3 else "p2p",
        )
        n += wks.size
    return n


def creator_fan(w: World, creators: list[Payee]) -> int:
    """Tips to streamers: card top-ups on platforms, and direct tips naming the @handle."""
    rng = w.rng
    c = w.pick(sex="M" if rng.random() < 0.75 else "F", born=(1970, 2005))
    n_card = int(rng.integers(2, 20))
    plat = w.merchant(str(rng.choice(["US", "IE", "NL"])), "5815", pool=5, tag="-stream")
    t = w.night_or_day(w.days_in(0, DAYS, n_card), 0.55)
    local = rng.choice([4.99, 9.99, 19.99, 24.99, 49.99], n_card)
    w.card(
        c,
        plat,
        t,
        local / USD_PER[CURRENCY[plat.country]] * USD_PER["USD"],
        clock=int(w.zone[c]),
        pop="creator_fan",
    )
    n = n_card
    fav = [creators[int(rng.integers(0, len(creators)))] for _ in range(int(rng.integers(1, 4)))]
    for p in fav:
        k = int(rng.integers(1, 15))
        t = w.night_or_day(w.days_in(0, DAYS, k), 0.6)
        w.pay(
            c,
            p,
            t,
            np.exp(rng.uniform(np.log(5), np.log(80), k)),
            MEMO_CREATOR,
            pop="creator_fan",
            round_p=0.85,
            handle=f"@{p.first.split()[0].lower()}_live",
            channel="p2p",
        )
        n += k
    return n


def adult_fan(w: World, creators: list[Payee]) -> int:
    """Subscribers of adult platforms (MCC 5967) and tippers of adult creators abroad."""
    rng = w.rng
    c = w.pick(sex="M", born=(1955, 2003))
    plat = w.merchant(str(rng.choice(["GB", "US", "NL"])), "5967", pool=6, tag="-adult")
    months = int(rng.integers(2, 13))
    days = np.minimum(DAYS - 1, np.arange(months) * 30 + int(rng.integers(0, 30)))
    t = w.night_or_day(days.astype(float), 0.7)
    price = float(rng.choice([9.99, 14.99, 19.99, 29.99]))
    w.card(
        c,
        plat,
        t,
        np.full(months, price / USD_PER[CURRENCY[plat.country]]),
        clock=int(w.zone[c]),
        pop="adult_fan",
    )
    n = months
    if rng.random() < 0.6:
        p = creators[int(rng.integers(0, len(creators)))]
        k = int(rng.integers(1, 25))
        t = w.night_or_day(w.days_in(0, DAYS, k), 0.8)
        w.pay(
            c,
            p,
            t,
            band_usd(rng, k, 0.3),
            MEMO_ADULT,
            pop="adult_fan",
            round_p=0.85,
            handle=f"@{p.first.split()[0].lower()}xo",
        )
        n += k
    return n


def romance_victim(w: World) -> int:
    """Escalating payments to one 'partner' abroad until the money runs out."""
    rng = w.rng
    c = w.pick(born=(1945, 1975))
    dest = str(rng.choice(["NG", "GH", "PH", "PH", "TH"]))
    p = w.payee(dest, sex="M" if w.sex[c] == "F" else "F", born=(1975, 1998))
    w.mark(p.id, 0, "payee", "", "romance_scammer")
    n = int(rng.integers(4, 25))
    lo = rng.uniform(0, DAYS - 60)
    days = np.sort(w.days_in(lo, min(DAYS, lo + rng.uniform(40, 200)), n))
    usd = 50 * np.cumprod(rng.uniform(1.0, 1.5, n))
    w.pay(
        c,
        p,
        w.night_or_day(days, 0.4),
        np.minimum(usd, 5000),
        MEMO_ROMANCE,
        pop="romance_victim",
        round_p=0.8,
    )
    return n


def ldr_partner(w: World) -> int:
    """A long-distance relationship with an adult partner met on a dating app."""
    rng = w.rng
    c = w.pick(sex="M", born=(1955, 1995))
    dest = str(rng.choice(["PH", "TH", "VN", "CO", "DO"], p=[0.6, 0.2, 0.06, 0.08, 0.06]))
    p = w.payee(dest, born=(1985, 2004))
    lo, hi = window(rng, 60)
    n = int(np.clip(rng.poisson(4 * (hi - lo) / 30.4), 3, 150))
    t = sessions(w, lo, hi, n, 0.5)
    usd = np.exp(rng.normal(np.log(80), 0.8, n))
    w.pay(c, p, t, usd, MEMO_LDR, pop="ldr_partner", round_p=0.75, recv_p=0.15)
    return n


def trip(w: World, c: int, dest: str, stay: float, pop: str, atm_rate: float, tag: str) -> int:
    """Card spend of one stay abroad in merchants' local time."""
    rng = w.rng
    arrive = float(rng.uniform(0, DAYS - stay - 1))
    clock = ZI[COUNTRY_ZONE[dest]]
    lcur = CURRENCY[dest]
    n = 0
    air = w.merchant(str(w.country[c]), "4511", pool=8)
    w.card(
        c,
        air,
        w.night_or_day(np.array([max(0, np.floor(arrive - rng.uniform(10, 90)))]), 0.2),
        np.array([rng.uniform(500, 2200) / USD_PER[CURRENCY[str(w.country[c])]]]),
        clock=int(w.zone[c]),
        pop=pop,
    )
    n += 1
    mccs = ["7011", "5812", "5812", "5814", "5411", "4121", "5999", "6011", "5944", "7991"]
    k = int(stay * rng.uniform(1.5, 4))
    wts = np.array([0.08, 0.25, 0.1, 0.1, 0.12, 0.1, 0.1, atm_rate, 0.03, 0.12])
    pick = rng.choice(mccs, size=k, p=wts / wts.sum())
    days = w.days_in(arrive, arrive + stay, k)
    t = days * 86400.0 + np.clip(rng.normal(15, 4, k), 7, 23.9) * 3600
    for mcc in np.unique(pick):
        sel = pick == mcc
        m = w.merchant(dest, str(mcc), pool=40, tag=tag)
        usd = np.exp(rng.normal(np.log(40), 0.8, int(sel.sum())))
        if mcc == "6011":
            usd = rng.choice([2000, 3000, 5000, 10000], int(sel.sum())) * USD_PER["PHP"]
        w.card(c, m, t[sel], usd / USD_PER[lcur], clock=clock, pop=pop)
    return n + k


def tourist(w: World) -> int:
    rng = w.rng
    c = w.pick(born=(1950, 2004))
    n = 0
    for _ in range(int(rng.integers(1, 3))):
        dest = str(rng.choice(["TH", "PH", "VN", "ID", "JP", "ES", "MX", "IT", "KH", "CO"]))
        n += trip(w, c, dest, float(rng.uniform(5, 16)), "tourist", 0.04, "-tour")
    return n


def expat_retiree(w: World) -> int:
    """Retired men living half the year in PH/TH: long stays, ATM runs, a partner's family."""
    rng = w.rng
    c = w.pick(sex="M", born=(1945, 1962))
    dest = str(rng.choice(["PH", "TH", "KH", "VN"], p=[0.55, 0.35, 0.05, 0.05]))
    n = trip(w, c, dest, float(rng.uniform(60, 200)), "expat_retiree", 0.06, "-prov")
    p = w.payee(dest, born=(1970, 1998))
    k = int(rng.integers(3, 20))
    w.pay(
        c,
        p,
        w.night_or_day(w.days_in(0, DAYS, k), 0.3),
        np.exp(rng.normal(np.log(150), 0.6, k)),
        MEMO_LDR,
        pop="expat_retiree",
        round_p=0.7,
    )
    return n + k


def visit_home(w: World) -> int:
    """Diaspora going home for Christmas: ATM, jewellery and gifts, then remittances."""
    rng = w.rng
    c = w.pick(groups=["ph", "th", "vn"])
    dest = DEST_OF[str(w.group[c])][0]
    n = trip(w, c, dest, float(rng.uniform(14, 45)), "visit_home", 0.08, "-prov")
    gifts = w.merchant(dest, str(rng.choice(["5944", "5945", "5641"])), pool=15)
    k = int(rng.integers(1, 5))
    w.card(
        c,
        gifts,
        w.night_or_day(w.days_in(60, 100, k), 0.0),
        rng.uniform(20, 300, k) / USD_PER[CURRENCY[dest]],
        clock=ZI[COUNTRY_ZONE[dest]],
        pop="visit_home",
    )
    return n + k


def sponsor_donor(w: World) -> int:
    """Monthly child sponsorship through a charity (card, home country) and disaster gifts."""
    rng = w.rng
    c = w.pick(born=(1945, 1995))
    charity = w.merchant(str(w.country[c]), "8398", pool=6)
    months = int(rng.integers(4, 13))
    days = np.minimum(DAYS - 1, np.arange(months) * 30.4 + int(rng.integers(0, 28)))
    price = float(rng.choice([30, 38, 45, 50, 60]))
    w.card(
        c,
        charity,
        days * 86400.0 + 3 * 3600,
        np.full(months, price),
        clock=int(w.zone[c]),
        pop="sponsor_donor",
    )
    n = months
    if rng.random() < 0.4:  # gifts straight to the sponsored child's family
        p = w.payee("PH", born=(1975, 1995))
        k = int(rng.integers(1, 4))
        w.pay(
            c,
            p,
            w.night_or_day(w.days_in(55, 90, k), 0.2),
            np.full(k, float(rng.choice([25, 50, 100]))),
            MEMO_CHARITY,
            pop="sponsor_donor",
            round_p=0.9,
        )
        n += k
    return n


def student_parent(w: World) -> int:
    """Parents paying a child's tuition abroad and sending a weekly allowance."""
    rng = w.rng
    c = w.pick(born=(1955, 1982))
    dest = str(rng.choice(["PH", "IN", "TH"], p=[0.6, 0.25, 0.15]))
    p = w.payee(
        dest, last=str(w.last[c]), born=(2003, 2007), sex=str(rng.choice(["F", "M"])), kind="wallet"
    )
    n = int(rng.integers(10, 45))
    t = w.night_or_day(w.days_in(0, DAYS, n), 0.25)
    w.pay(
        c,
        p,
        t,
        np.exp(rng.uniform(np.log(20), np.log(150), n)),
        MEMO_STUDENT,
        pop="student_parent",
        round_p=0.85,
    )
    uni = w.payee(dest, kind="bank", born=(1950, 1990))
    w.pay(
        c,
        uni,
        np.array([rng.uniform(200, 240) * 86400.0]),
        np.array([rng.uniform(800, 4000)]),
        ["tuition", "tuition fee 1st sem"],
        pop="student_parent",
        round_p=0.2,
        channel="bank",
    )
    return n + 1


def teen_gamer(w: World) -> int:
    """Teenagers' bursts of in-game purchases, and a few p2p to friends."""
    rng = w.rng
    c = w.pick(teen=True, born=(2008, 2011))
    game = w.merchant(str(rng.choice(["US", "IE", "JP"])), "5816", pool=8, tag="-game")
    n = 0
    for _ in range(int(rng.integers(1, 6))):
        k = int(rng.integers(2, 9))
        t0 = float(rng.uniform(0, DAYS - 1)) * 86400 + rng.uniform(15, 25) * 3600
        t = t0 + np.sort(rng.uniform(0, 6 * 3600, k))
        local = rng.choice([4.99, 9.99, 19.99, 49.99, 99.99], k)
        w.card(
            c,
            game,
            t,
            local / USD_PER[CURRENCY[game.country]] * USD_PER["USD"],
            clock=int(w.zone[c]),
            pop="teen_gamer",
        )
        n += k
    return n


def teen_reseller_buyer(w: World) -> int:
    """A teen paying a new seller 2-3 times in a day (sneakers, concert tickets)."""
    rng = w.rng
    c = w.pick(teen=True, born=(2008, 2011))
    seller = w.pick(born=(1995, 2006), countries=[str(w.country[c])])
    k = int(rng.integers(2, 4))
    t0 = float(rng.uniform(0, DAYS - 2)) * 86400 + rng.uniform(10, 23) * 3600
    t = t0 + np.sort(rng.uniform(0, 20 * 3600, k))
    amt = np.round(rng.uniform(40, 260, k) / 5) * 5
    w.domestic(
        c,
        seller,
        t,
        amt,
        ["tickets", "deposit", "rest", "sneakers", "", "shoes"],
        pop="teen_reseller_buyer",
    )
    return k


def crypto_investor(w: World, deposit_addrs: list[str]) -> int:
    """Weekly buys, withdrawals to the investor's own wallet or to a big exchange's deposit."""
    rng = w.rng
    c = w.pick(born=(1965, 2004))
    ex = w.merchant(str(w.country[c]), "6051", pool=4, tag="-vasp")
    n = int(rng.integers(4, 40))
    days = np.sort(w.days_in(0, DAYS, n))
    t = w.night_or_day(days, 0.35)
    fiat = np.full(n, float(rng.choice([25, 50, 100, 200, 250, 500])))
    w.add(
        n,
        t=t,
        clock=int(w.zone[c]),
        out=OUT_LEDGER,
        receiver_id=ex.id,
        amount=fiat,
        receiver_country=ex.country,
        channel="crypto",
        memo="",
        receiver_name=None,
        receiver_birth_year=-1,
        device_id=w.device[c],
        merchant_category=None,
        label=0,
        typology="",
        population="crypto_investor",
        **w.sender(c),
    )
    w.mark(ex.id, 0, "exchange", "", "merchant")
    w.mark_sender(c, "crypto_investor")
    k = int(rng.integers(1, max(2, n // 3)))
    own = address(rng)
    dest = np.where(rng.random(k) < 0.6, own, rng.choice(deposit_addrs, k))
    w.add(
        k,
        t=np.sort(rng.choice(t, k)) + 3600,
        clock=int(w.zone[c]),
        out=OUT_LEDGER,
        receiver_id=dest.astype(object),
        amount=np.round(fiat[:k] * rng.uniform(0.5, 3, k), 2),
        receiver_country=w.country[c],
        channel="crypto",
        memo="",
        receiver_name=None,
        receiver_birth_year=-1,
        device_id=w.device[c],
        merchant_category=None,
        label=0,
        typology="",
        population="crypto_investor",
        **w.sender(c),
    )
    for a in np.unique(dest):
        w.mark(str(a), 0, "wallet", "", "crypto_wallet")
    return n + k


def ph_business_buyer(w: World, businesses: list[Payee]) -> int:
    """Diaspora customers paying Philippine cargo forwarders, shops and parishes."""
    rng = w.rng
    c = w.pick(groups=["ph"], reuse=True)
    p = businesses[int(rng.integers(0, len(businesses)))]
    w.mark(p.id, 0, "payee", "", "ph_business")
    k = int(rng.integers(1, 9))
    t = w.night_or_day(w.days_in(30, DAYS, k), 0.3)
    w.pay(
        c,
        p,
        t,
        np.exp(rng.normal(np.log(70), 0.6, k)),
        MEMO_BUSINESS,
        pop="ph_business_buyer",
        round_p=0.4,
        recv_p=0.5,
    )
    return k


def treasurer(w: World) -> int:
    """A domestic fan-in: a club treasurer or flat organiser collecting from many customers."""
    rng = w.rng
    c = w.pick()
    k = int(rng.integers(10, 60))
    same = np.flatnonzero(w.country == w.country[c])
    payers = rng.choice(same, size=k)
    fee = float(rng.choice([10, 15, 20, 25, 40, 50]))
    day = float(rng.uniform(0, DAYS - 20))
    for s in payers:
        t = np.array([(day + rng.uniform(0, 14)) * 86400 + rng.uniform(8, 23) * 3600])
        w.domestic(
            int(s),
            c,
            t,
            np.array([fee]),
            ["subs", "club fees", "footy", "", "trip"],
            pop="club_payment",
        )
    w.mark(str(w.ids[c]), 0, "customer", "", "treasurer")
    return k


# ------------------------------------------------------------------------------------------------
# Everyday activity of every customer (vectorised: most of the file)
# ------------------------------------------------------------------------------------------------
DOMESTIC_MCC = (
    ("5411", 0.24, 45),
    ("5812", 0.17, 35),
    ("5814", 0.12, 12),
    ("5541", 0.09, 50),
    ("5999", 0.09, 40),
    ("5912", 0.05, 25),
    ("4121", 0.06, 20),
    ("5651", 0.05, 70),
    ("4814", 0.04, 45),
    ("4900", 0.04, 120),
    ("5942", 0.02, 25),
    ("7832", 0.03, 30),
)
ONLINE_MCC = (
    ("4899", "US", 15),
    ("5815", "IE", 10),
    ("5999", "US", 40),
    ("5816", "US", 20),
    ("5818", "NL", 12),
)


def everyday(w: World, total: int) -> None:
    """Cards, bills, splits and top-ups: counts per customer multinomial in their activity."""
    rng = w.rng
    if total <= 0:
        return
    act = w.activity / w.activity.sum()
    cnt = rng.multinomial(total, act)
    cust = np.repeat(np.arange(w.n), cnt)
    n = cust.size
    kind = rng.choice(6, size=n, p=[0.63, 0.05, 0.1, 0.07, 0.12, 0.03])
    teen = w.teen[cust]
    kind[teen & ((kind == 3) | (kind == 5))] = 0
    country = w.country[cust]
    day = np.floor(rng.uniform(0, DAYS, n))
    dec = rng.random(n) < 0.06
    day[dec] = rng.integers(55, 86, int(dec.sum()))  # Christmas shopping
    hour = np.clip(rng.normal(14.5, 4.2, n), 6.0, 23.95)
    late = rng.random(n) < 0.05
    hour[late] = rng.uniform(24, 28.5, int(late.sum()))
    t = day * 86400.0 + hour * 3600.0
    cur = np.array([CURRENCY[str(c)] for c in country], dtype=object)
    fx_home = np.array([USD_PER[str(c)] for c in cur])
    amount = np.zeros(n)
    receiver = np.empty(n, dtype=object)
    rcountry = country.copy()
    channel = np.full(n, "card", dtype=object)
    mcc = np.full(n, None, dtype=object)
    memo = np.full(n, None, dtype=object)
    rname = np.full(n, None, dtype=object)
    rby = np.full(n, -1, dtype=np.int64)
    sender = w.ids[cust].copy()
    sname = w.fullname[cust].copy()
    scountry = country.copy()
    device = np.where(rng.random(n) < 0.5, w.device[cust], None).astype(object)
    clock = w.zone[cust].astype(np.int64)
    out = np.full(n, OUT_CLOCK, dtype=np.int64)
    # 0: domestic card
    for c in HOME:
        sel = np.flatnonzero((kind == 0) & (country == c))
        if not sel.size:
            continue
        codes, wts, med = zip(*DOMESTIC_MCC, strict=True)
        wts_a = np.array(wts)
        which = rng.choice(len(codes), size=sel.size, p=wts_a / wts_a.sum())
        for j, code in enumerate(codes):
            s = sel[which == j]
            pool = [w.merchant(c, code, pool=60).id for _ in range(min(200, s.size))]
            receiver[s] = rng.choice(np.array(pool, dtype=object), size=s.size)
            mcc[s] = code
            amount[s] = np.exp(rng.normal(np.log(med[j]), 0.6, s.size)) / fx_home[s]
        teen_sel = sel[teen[sel]]
        amount[teen_sel] *= 0.4
    # 1: online merchants abroad (streaming, shops)
    sel = np.flatnonzero(kind == 1)
    if sel.size:
        which = rng.integers(0, len(ONLINE_MCC), sel.size)
        for j, (code, mc, med) in enumerate(ONLINE_MCC):
            s = sel[which == j]
            m = [w.merchant(mc, code, pool=10, tag="-online") for _ in range(min(60, s.size))]
            pick = rng.integers(0, len(m), s.size) if m else np.zeros(0, dtype=int)
            receiver[s] = np.array([m[i].id for i in pick], dtype=object)
            rcountry[s] = mc
            mcc[s] = code
            local = np.exp(rng.normal(np.log(med), 0.5, s.size))
            foreign = np.array([CURRENCY[str(x)] != CURRENCY[mc] for x in country[s]])
            amount[s] = local / fx_home[s] * np.where(foreign, 1.03, 1.0)
            clock[s] = ZI[COUNTRY_ZONE[mc]]
            device[s] = w.device[cust[s]]
    # 2: p2p splits with another customer of the same country
    sel = np.flatnonzero(kind == 2)
    if sel.size:
        by_country = {c: np.flatnonzero(w.country == c) for c in HOME}
        to = np.zeros(sel.size, dtype=np.int64)
        for c in HOME:
            s = np.flatnonzero(country[sel] == c)
            if s.size:
                to[s] = rng.choice(by_country[c], size=s.size)
        receiver[sel] = w.ids[to]
        rname[sel] = w.fullname[to]
        rby[sel] = w.birth_known[to]
        channel[sel] = "p2p"
        memo[sel] = rng.choice(np.array(MEMO_P2P, dtype=object), size=sel.size)
        amount[sel] = np.round(np.exp(rng.normal(np.log(30), 0.7, sel.size)) / fx_home[sel])
        amount[sel] = np.maximum(amount[sel], 1)
        out[sel] = OUT_LEDGER
        device[sel] = w.device[cust[sel]]
    # 3: bills and rent by bank transfer, around the start of the month
    sel = np.flatnonzero(kind == 3)
    if sel.size:
        for c in HOME:
            s = sel[country[sel] == c]
            pool = [w.merchant(c, "4900", pool=30, tag="-biller").id for _ in range(50)]
            receiver[s] = rng.choice(np.array(pool, dtype=object), size=s.size)
        channel[sel] = "bank"
        memo[sel] = rng.choice(
            np.array(
                ["rent", "electric", "water", "council tax", "insurance", "", "ref {n}"],
                dtype=object,
            ),
            size=sel.size,
        )
        amount[sel] = np.round(np.exp(rng.normal(np.log(180), 0.8, sel.size)) / fx_home[sel], 2)
        out[sel] = OUT_LEDGER
    # 4: top-ups in from the customer's own bank account near paydays
    sel = np.flatnonzero(kind == 4)
    if sel.size:
        ext = np.array([f"EXT-{w.uid(10)}" for _ in range(w.n)], dtype=object)
        receiver[sel] = w.ids[cust[sel]]
        rname[sel] = w.fullname[cust[sel]]
        rby[sel] = w.birth_known[cust[sel]]
        sender[sel] = ext[cust[sel]]
        sname[sel] = np.array([str(x).upper() for x in w.fullname[cust[sel]]], dtype=object)
        channel[sel] = "bank"
        device[sel] = None
        memo[sel] = rng.choice(
            np.array(["top up", "", "TRANSFER", "from savings"], dtype=object), size=sel.size
        )
        amount[sel] = np.round(np.exp(rng.normal(np.log(400), 0.8, sel.size)) / fx_home[sel], -1)
        amount[sel] = np.maximum(amount[sel], 10)
        amount[sel[teen[sel]]] = 20
        # paydays: the 1st/15th/last or Fridays (a cheap approximation of each country's cycle)
        d = day[sel]
        shift = rng.integers(0, 3, sel.size)
        fri = np.floor(d / 7) * 7 + 2 + shift  # 2025-10-03 (day 2) is a Friday
        dom = np.where(
            rng.random(sel.size) < 0.5,
            np.floor(d / 30.4) * 30.4 + shift,
            np.floor(d / 30.4) * 30.4 + 14 + shift,
        )
        day_pd = np.where(member(country[sel], ("US", "CA", "AU")), fri, dom)
        t[sel] = np.minimum(DAYS - 1, day_pd) * 86400.0 + hour[sel] * 3600.0
        for i in np.unique(cust[sel]):
            w.extra[int(i)] = str(ext[i])
    # 5: ATM at home
    sel = np.flatnonzero(kind == 5)
    if sel.size:
        for c in HOME:
            s = sel[country[sel] == c]
            pool = [w.merchant(c, "6011", pool=40).id for _ in range(60)]
            receiver[s] = rng.choice(np.array(pool, dtype=object), size=s.size)
        mcc[sel] = "6011"
        amount[sel] = rng.choice([20, 40, 50, 60, 100, 200], size=sel.size).astype(float)
    amount = np.round(np.maximum(amount, 0.5), 2)
    memo = np.array(
        [
            m.replace("{n}", str(i % 9000 + 1000)) if isinstance(m, str) else m
            for i, m in enumerate(memo)
        ],
        dtype=object,
    )
    w.add(
        n,
        t=t,
        clock=clock,
        out=out,
        sender_id=sender,
        receiver_id=receiver,
        amount=amount,
        currency=cur,
        sender_country=scountry,
        receiver_country=rcountry,
        channel=channel,
        memo=memo,
        sender_name=sname,
        receiver_name=rname,
        sender_sex=w.sex[cust],
        sender_birth_year=w.birth_known[cust].astype(np.int64),
        receiver_birth_year=rby,
        device_id=device,
        merchant_category=mcc,
        label=np.zeros(n, dtype=np.int64),
        typology="",
        population="everyday",
    )
    for i in w.extra:
        w.mark(w.extra[i], 0, "own_bank", "", "own_bank")


# ------------------------------------------------------------------------------------------------
# Assembly
# ------------------------------------------------------------------------------------------------
BENIGN = {  # share of n_tx
    "diaspora_family": 0.06,
    "diaspora_small": 0.02,
    "mixed_family": 0.008,
    "freelance_client": 0.015,
    "creator_fan": 0.012,
    "adult_fan": 0.012,
    "romance_victim": 0.003,
    "ldr_partner": 0.008,
    "tourist": 0.03,
    "expat_retiree": 0.01,
    "visit_home": 0.01,
    "sponsor_donor": 0.005,
    "student_parent": 0.006,
    "teen_gamer": 0.01,
    "teen_reseller_buyer": 0.002,
    "crypto_investor": 0.012,
    "ph_business_buyer": 0.005,
    "treasurer": 0.005,
}


def malform(tx: pl.DataFrame, rows: np.ndarray, rng: np.random.Generator) -> pl.DataFrame:
    """Damage some of `rows` (everyday rows) the way exports are damaged."""
    how = rng.integers(0, 6, rows.size)
    names = ("timestamp", "amount", "currency", "sender_country", "channel")
    cols = {c: tx[c].to_list() for c in names}
    for i, h in zip(rows.tolist(), how.tolist(), strict=True):
        if h == 0:
            cols["timestamp"][i] = cols["timestamp"][i][:19]  # offset lost
        elif h == 1:
            cols["sender_country"][i] = "UK" if cols["sender_country"][i] == "GB" else "U.S."
        elif h == 2:
            cols["amount"][i] = 0.0  # a card verification
        elif h == 3:
            cols["amount"][i] = -abs(cols["amount"][i])  # a reversal
        elif h == 4:
            symbol = {"AUD": "A$", "USD": "US$", "GBP": "£"}
            cols["currency"][i] = symbol.get(cols["currency"][i], "EURO")
        else:
            cols["channel"][i] = "wire"
    return tx.with_columns(pl.Series(c, cols[c], dtype=tx[c].dtype) for c in names)


def stamps(utc: np.ndarray, clock: np.ndarray, out: np.ndarray, home: np.ndarray) -> pl.Series:
    """ISO 8601 with the offset each part of the export used (see the module docstring)."""
    zone = np.where(out == OUT_CLOCK, clock, np.where(utc < MIGRATION_DAY * 86400, ZI["UTC"], home))
    off = offsets()[zone, hour_index(utc)]
    local = utc + off * 60.0
    base = int(START.timestamp())
    text = pl.from_epoch(pl.Series((base + np.floor(local)).astype(np.int64)), "s").dt.strftime(
        "%Y-%m-%dT%H:%M:%S"
    )
    sign = np.where(off < 0, "-", "+")
    a = np.abs(off)
    suffix = np.char.add(
        np.char.add(sign, np.char.zfill((a // 60).astype(str), 2)),
        np.char.add(":", np.char.zfill((a % 60).astype(str), 2)),
    )
    return (text + pl.Series(suffix)).alias("timestamp")


def generate(n_tx: int, variant: str, seed: int, hard: float = 1.0) -> Generated:
    """About n_tx transactions (exactly n_tx rows) of one variant ('li' or 'hi'), seeded.

    `hard` scales the hard-negative populations; their volume goes to everyday activity.
    """
    if variant not in ILLICIT_RATE:
        raise ValueError(f"variant must be one of {sorted(ILLICIT_RATE)}, got {variant!r}")
    if hard < 0:
        raise ValueError(f"hard must be >= 0, got {hard}")
    rng = np.random.default_rng([seed, 7, 0 if variant == "li" else 1])
    w = World(rng, max(400, n_tx // 22))
    budget = max(60, int(n_tx * ILLICIT_RATE[variant]))
    pool: list[Payee] = []
    hubs: list[list[Payee]] = []
    for typ, share in TYPOLOGY_SHARE.items():
        b = max(4, round(budget * share))
        if typ == "T1":
            plant_t1(w, b, pool)
        elif typ == "T2":
            plant_t2(w, b, hubs)
        elif typ == "T3":
            plant_t3(w, b)
        elif typ == "T4":
            plant_t4(w, b)
        elif typ == "T5":
            plant_t5(w, b)
        elif typ == "T6":
            plant_t6(w, b)
        else:
            plant_t7(w, b)
    creators = [
        w.payee(str(rng.choice(["PH", "PH", "TH", "CO", "ID"])), born=(1990, 2005))
        for _ in range(max(5, n_tx // 20_000))
    ]
    adults = [
        w.payee(str(rng.choice(["PH", "CO", "TH", "DO"])), born=(1985, 2005))
        for _ in range(max(5, n_tx // 25_000))
    ]
    for p in creators:
        w.mark(p.id, 0, "payee", "", "creator")
    for p in adults:
        w.mark(p.id, 0, "payee", "", "adult_creator")
    deposits = [address(rng) for _ in range(6)]
    businesses = [
        w.payee("PH", kind="bank", sex="M", born=(1960, 1990))
        for _ in range(max(3, n_tx // 50_000))
    ]
    makers = {
        "diaspora_family": lambda: diaspora_family(w),
        "diaspora_small": lambda: diaspora_small(w),
        "mixed_family": lambda: mixed_family(w),
        "freelance_client": lambda: freelance_client(w),
        "creator_fan": lambda: creator_fan(w, creators),
        "adult_fan": lambda: adult_fan(w, adults),
        "romance_victim": lambda: romance_victim(w),
        "ldr_partner": lambda: ldr_partner(w),
        "tourist": lambda: tourist(w),
        "expat_retiree": lambda: expat_retiree(w),
        "visit_home": lambda: visit_home(w),
        "sponsor_donor": lambda: sponsor_donor(w),
        "student_parent": lambda: student_parent(w),
        "teen_gamer": lambda: teen_gamer(w),
        "teen_reseller_buyer": lambda: teen_reseller_buyer(w),
        "crypto_investor": lambda: crypto_investor(w, deposits),
        "ph_business_buyer": lambda: ph_business_buyer(w, businesses),
        "treasurer": lambda: treasurer(w),
    }
    for pop, share in BENIGN.items():
        scale = hard if pop in HARD else 1.0
        if scale > 0:
            loop(int(n_tx * share * scale), makers[pop])
    so_far = w.rows()
    everyday(w, n_tx - so_far)
    cols = {f: w.column(f) for f in FIELDS}
    # planting can overshoot a tiny file: drop everyday rows to land on exactly n_tx
    keep = np.ones(cols["t"].size, dtype=bool)
    extra = cols["t"].size - n_tx
    if extra > 0:
        every = np.flatnonzero(cols["population"] == "everyday")
        keep[rng.choice(every, size=min(extra, every.size), replace=False)] = False
        cols = {f: v[keep] for f, v in cols.items()}
    cols["t"] = np.clip(cols["t"], 0, DAYS * 86400 - 1)
    return assemble(w, cols, rng)


def assemble(w: World, cols: dict[str, np.ndarray], rng: np.random.Generator) -> Generated:
    """Stamps, renames, sorting by time, a few malformed rows; labels kept beside the file."""
    n = cols["t"].size
    home_of = dict(zip(w.ids.tolist(), w.zone.tolist(), strict=True))
    home = np.array([home_of.get(s, ZI["UTC"]) for s in cols["sender_id"]], dtype=np.int64)
    utc = local_to_utc(cols["t"], cols["clock"])
    ts = stamps(utc, cols["clock"], cols["out"], home)
    # a few customers change their surname mid-year (marriage, a corrected KYC record)
    names = cols["sender_name"].copy()
    movers = rng.choice(w.n, size=max(1, w.n // 200), replace=False)
    when = rng.uniform(30, DAYS - 30, movers.size) * 86400
    new = [f"{w.first[m]!s} {str(rng.choice(SURNAMES['west'])).replace('_', ' ')}" for m in movers]
    pos = {str(w.ids[m]): k for k, m in enumerate(movers)}
    for i in np.flatnonzero(member(cols["sender_id"], w.ids[movers])):
        k = pos[str(cols["sender_id"][i])]
        if utc[i] > when[k]:
            names[i] = new[k]

    def strings(a: np.ndarray) -> pl.Series:
        return pl.Series(a.tolist(), dtype=pl.String)

    def years(a: np.ndarray) -> pl.Series:
        return pl.Series([None if v < 0 else int(v) for v in a.tolist()], dtype=pl.Int64)

    tx = pl.DataFrame(
        {
            "tx_id": strings(np.full(n, "", dtype=object)),
            "timestamp": ts,
            "sender_id": strings(cols["sender_id"]),
            "receiver_id": strings(cols["receiver_id"]),
            "amount": pl.Series(cols["amount"].astype(float)),
            "currency": strings(cols["currency"]),
            "sender_country": strings(cols["sender_country"]),
            "receiver_country": strings(cols["receiver_country"]),
            "channel": strings(cols["channel"]),
            "memo": strings(cols["memo"]),
            "sender_name": strings(names),
            "receiver_name": strings(cols["receiver_name"]),
            "sender_sex": strings(cols["sender_sex"]),
            "sender_birth_year": years(cols["sender_birth_year"]),
            "receiver_birth_year": years(cols["receiver_birth_year"]),
            "device_id": strings(cols["device_id"]),
            "merchant_category": strings(cols["merchant_category"]),
        }
    )
    usd = cols["amount"] * np.array([USD_PER[str(c)] for c in cols["currency"]])
    labels = pl.DataFrame(
        {
            "label_tx": cols["label"].astype(np.int64),
            "label_typology": strings(cols["typology"]),
            "usd": np.round(usd, 2),
            "population": strings(cols["population"]),
        }
    )
    order = np.argsort(utc, kind="stable")
    tx, labels = tx[order], labels[order]
    ids = [f"KLT{i:09d}" for i in ((np.arange(n) * 37 + 1_000_003) % 10**9).tolist()]
    tx = tx.with_columns(pl.Series("tx_id", ids, dtype=pl.String))
    every = np.flatnonzero(labels["population"].to_numpy() == "everyday")
    bad = np.sort(rng.choice(every, size=min(every.size, max(3, n * 3 // 10_000)), replace=False))
    tx = malform(tx, bad, rng)
    labels = labels.with_columns(
        pl.Series("tx_id", ids, dtype=pl.String),
        pl.Series("malformed", np.isin(np.arange(n), bad)),
    )
    return Generated(tx=tx, tx_labels=labels, accounts=accounts_table(w, tx))


def accounts_table(w: World, tx: pl.DataFrame) -> pl.DataFrame:
    """Every id in the file with its ground truth; unmarked customers are plain customers."""
    ids = pl.concat([tx["sender_id"], tx["receiver_id"]]).unique().sort().to_list()
    customers = set(w.ids.tolist())
    rows = []
    for a in ids:
        if a in customers:
            plain = (0, "customer", "", "customer")
        elif a.startswith("M"):
            plain = (0, "merchant", "", "merchant")
        else:
            plain = (0, "payee", "", "other")
        rows.append((a, *w.accounts.get(a, plain)))
    acc = pl.DataFrame(
        rows, schema=["account_id", "label", "role", "typology", "population"], orient="row"
    )
    return acc.with_columns(
        pl.col("label").cast(pl.Int64),
        (pl.col("population").is_in(sorted(HARD)) & (pl.col("label") == 0)).alias("hard_negative"),
    )
