"""Fourth independent held-out generator of synthetic OSAEC payment data (issue 6).

Written blind: from the research note's indicators (a), typologies T1-T7 and dataset design
(d), the issue's schema and the shipped currency table only. No other Jaga code was read.

Design choices (mine, documented so the evaluation can be judged)
------------------------------------------------------------------
World. One calendar year (2025-01-01 .. 2025-12-31 UTC) at second resolution. Every account
lives in one country with a fixed standard UTC offset (US, CA and AU accounts draw one of their
zones) and, where the country observes it, daylight saving time (US/CA rule, EU/GB rule,
southern AU/NZ rule, approximated by day of year). Amounts are drawn in USD, then converted to
the row's currency with the shipped rate table and rounded there: a "round" payment is round in
the currency it is recorded in (steps of 1/5/10/50/... by magnitude), the rest carry cents
(or none for JPY, KRW, IDR, VND, KHR, LAK, MMK, COP) and merchant prices often end in .99.

Accounts. A pool of natural persons (about one per 10 transactions), 45% in "source"
countries (US, GB, AU, CA, DE, JP, SG, SA, AE, ...) and 55% in receiving countries (PH, TH, ID,
VN, MY, KH, IN, MX, CO, ...). 8% of persons are 13-17 years old. 14% of source-country persons
are migrants whose names come from their origin country (mostly PH, IN, MX, ID, VN). Names
come from per-culture name lists; relatives share a surname in ~75% of cases. Merchants carry
ISO 18245 merchant category codes (4-digit strings, e.g. 6011 ATM, 7011 hotel, 4511 airline,
5944 jewellery, 5947 gift shop, 5816 games, 6051 crypto/quasi-cash, 5967 adult/direct
marketing, 8398 charity). Cash-out agents (pawnshop/remittance pick-up points, e-wallet
agents) are shared by benign and illicit users and are never labelled. Crypto addresses have
address-like identifiers and the attributed country of their service.

Device ids are per person; 6% of receiving-country persons share a relative's or neighbour's
phone, so a shared device alone does not mark a household of facilitators.

Offenders are drawn from the same person pool as everyone else, so they also buy groceries,
pay bills and send money to friends: account-level features are not trivially "only illicit".

Benign background (share of rows at hard=1): card purchases at domestic and online merchants
(the filler, ~35%), domestic e-wallet/P2P between friends (~20%), salaries and bills (~8%),
diaspora family remittances (~17%, monthly near paydays with a December peak, lognormal
median ~USD 250, 1-3 receivers, shared surname ~75%, multiple siblings abroad sending to one
parent, 35% of receivers cash out within 48 h), freelancer/platform payouts (~3%), gaming
top-ups with a night-time skew (~3%), small online sellers (~3%).
Hard negatives (share x `hard`): adult creators with foreign fans (small round tips late at
night, many foreign senders from many countries, @handles, "show"/"tip" memos, platform
payouts), romance-scam victims (escalating payments to one receiver; "medical bills", "visa",
"hospital" memos), child sponsorship charities and direct student sponsors (foreign adult ->
young account, monthly, "tuition"/"allowance"), charities with disaster bursts, tourists
(airline, hotel, ATM, souvenirs, a tip to a guide), foreign spouses supporting in-laws (no
surname match), multi-receiver OFW families, OFW children aged 13-19 receiving small
"baon"/"load"/"allowance" payments from a parent abroad (15% x hard of diaspora receivers),
teenagers making several payments to a new payee in a day (ticket resale, bill splitting), gig
workers paid by several foreign clients who cash out fast, crypto traders and crypto-casino
deposit clusters.

Planted typologies (per the note's table; 'hi' ~0.2% of rows illicit, 'li' ~0.05%). The
illicit row budget is aimed at T1 32%, T2 14%, T3 14%, T4 8%, T5 12%, T6 10%, T7 10%; cash-outs
make T2 come out larger (1M rows, seed 1, hi: 2,062 illicit rows = T1 547, T2 463, T3 274, T4
234, T5 164, T6 175, T7 205; li: 542). At small n_tx each typology still gets at least one actor,
so the illicit share is higher below ~1M rows. Offenders are ~0.2% of distinct senders in 'hi'
(fewer, more active offenders than the note's ~1%, so that T1 keeps its cadence).
- T1 consumer: male foreign adults; per-consumer typical amount 15-100 USD (8% of payments in
  10-200, 10% of consumers drift to 150-250 in their second half); per-consumer round share
  mostly 0.7-0.95; bursts of 1-3 payments in a session; 80% of consumers pay mostly (~80%) in
  the sender-local 21:00-04:00 window, 20% in their daytime; 1-8 receivers (mostly facilitator
  hubs, added over time, no surname match); channel mostly MSB, then e-wallet/bank/P2P;
  memos: ~55% empty, cover words (English/Tagalog/Cebuano/Bahasa, some leet-obfuscated), the
  facilitator's @handle, a few mundane. ~30% of T1 rows come from "lone" consumers with 1-2
  payments only. 40% of regular consumers also buy VPN/encryption, software or
  livestream-platform services by card (item 8; those purchases are legal and labelled 0).
  Benign card users buy VPNs too.
- T2 facilitator hub: PH-heavy receivers with Zipf popularity (5-200 senders, >= 2 countries),
  2-6 household accounts sharing device and usually surname (they get ~25% of the payments and
  forward to the hub or cash out); inbound value is cashed out within 48 h (60-100%) via
  shared agents (MSB pick-up / e-wallet cash-out / bank).
- T3 network: bipartite clusters of 3-10 facilitators and their consumers, each consumer paying
  2-5 facilitators of the cluster; a third of facilitators forward to a "boss" who cashes out.
- T4 travel: older foreign men with 1-3 long trips (14-45 days) a year to PH/TH/KH/VN/ID;
  pre-trip remittances to 1-2 local contacts, the flight, budget hotels, ATM every 1-3 days,
  jewellery/gift shops, P2P to the contacts. Restaurants and groceries on the trip stay benign.
- T5 FSEC: 14-17-year-old (mostly boys) accounts paying a new payee 2-6 times within 24-72 h,
  first < 250 USD, escalating, total <= 1,500, then silence; 20% via gift cards bought at
  retailers; the mule receives from 5-40 victims and forwards to a crypto exchange or to an
  organiser abroad.
- T6 CVC: consumers buy crypto at an exchange (a benign-labelled purchase) and send BTC/USDT/
  ETH to address clusters of CSAM sites; site addresses consolidate to the site's main address.
- T7 direct: foreign adult men paying young (16-19) accounts in SEA/LatAm directly, 2-12 times a
  month, small round amounts, "load"/"baon"/"school" memos.

Labels. label 1 accounts: T1 consumers and facilitators, T2 hubs and household accounts, T3
consumers/facilitators/bosses, T4 travellers and their local contacts, T5 victims (role
"victim", per the note's minor-account rule), mules and organisers, T6 consumers and site
addresses, T7 payers and the young receivers (role "victim"). Illicit rows: consumer payments,
hub/household forwarding and cash-outs, T3 forwarding and cash-outs, T4 pre-trip remittances,
flights, hotels, ATM, jewellery/gifts and P2P to contacts, T5 extortion payments and mule
forwarding, T6 payments to sites and site consolidations, T7 payments. Agents, merchants,
exchanges and retailers are never labelled.

Noise. 4% of rows carry a fee or FX drift (round amounts become non-round); 15% of
cross-border MSB rows are recorded payout-side (in the receiver's currency); timestamps carry
the originating institution's offset (sender, receiver/merchant or UTC, by channel); names,
sex, birth years, device ids, memos and merchant categories are missing at realistic rates.
The total row count is exactly n_tx (card purchases fill the remainder).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl
from finance_heldout_gen import Generated

__all__ = ["Generated", "generate"]

Arr = np.ndarray[Any, Any]

T0 = 1735689600  # 2025-01-01T00:00:00Z
DAYS = 365
DAY = 86400
CHANNELS = ("bank", "msb", "ewallet", "card", "p2p", "crypto", "other")
BANK, MSB, EWALLET, CARD, P2P, CRYPTO, OTHER = range(7)

RATES = {
    "USD": 1.0, "EUR": 1.08, "GBP": 1.27, "AUD": 0.66, "NZD": 0.60, "CAD": 0.73, "CHF": 1.13,
    "SEK": 0.095, "NOK": 0.093, "DKK": 0.145, "JPY": 0.0067, "KRW": 0.00073, "CNY": 0.14,
    "HKD": 0.128, "TWD": 0.031, "SGD": 0.74, "MYR": 0.22, "PHP": 0.0175, "THB": 0.028,
    "IDR": 0.000064, "VND": 0.000040, "KHR": 0.000245, "LAK": 0.000046, "MMK": 0.00048,
    "INR": 0.012, "SAR": 0.2667, "AED": 0.2723, "QAR": 0.2747, "KWD": 3.25, "MXN": 0.055,
    "COP": 0.00025, "DOP": 0.0167, "JMD": 0.0064, "BRL": 0.19, "GHS": 0.065, "NGN": 0.00065,
    "ZAR": 0.055, "UAH": 0.024, "RON": 0.22, "RUB": 0.011, "USDT": 1.0, "USDC": 1.0,
    "BTC": 60000.0, "ETH": 3000.0,
}  # fmt: skip
CURS = list(RATES)
CUR_IDX = {c: i for i, c in enumerate(CURS)}
CUR_RATE = np.array([RATES[c] for c in CURS])
CUR_DEC = np.array(
    [
        0 if c in ("JPY", "KRW", "IDR", "VND", "KHR", "LAK", "MMK", "COP")
        else 8 if c in ("BTC", "ETH")
        else 2
        for c in CURS
    ]
)  # fmt: skip

# country: currency, [(utc offset hours, weight)], dst rule (0 none, 1 US, 2 EU, 3 south), names
COUNTRIES: dict[str, tuple[str, list[tuple[float, float]], int, str]] = {
    "US": ("USD", [(-5, 0.47), (-6, 0.29), (-7, 0.07), (-8, 0.17)], 1, "west"),
    "CA": ("CAD", [(-5, 0.6), (-7, 0.15), (-8, 0.25)], 1, "west"),
    "GB": ("GBP", [(0, 1)], 2, "west"),
    "IE": ("EUR", [(0, 1)], 2, "west"),
    "AU": ("AUD", [(10, 0.75), (8, 0.12), (9.5, 0.13)], 3, "west"),
    "NZ": ("NZD", [(12, 1)], 3, "west"),
    "DE": ("EUR", [(1, 1)], 2, "euro"),
    "FR": ("EUR", [(1, 1)], 2, "euro"),
    "NL": ("EUR", [(1, 1)], 2, "euro"),
    "IT": ("EUR", [(1, 1)], 2, "euro"),
    "SE": ("SEK", [(1, 1)], 2, "euro"),
    "NO": ("NOK", [(1, 1)], 2, "euro"),
    "DK": ("DKK", [(1, 1)], 2, "euro"),
    "CH": ("CHF", [(1, 1)], 2, "euro"),
    "JP": ("JPY", [(9, 1)], 0, "jp"),
    "KR": ("KRW", [(9, 1)], 0, "kr"),
    "HK": ("HKD", [(8, 1)], 0, "cn"),
    "TW": ("TWD", [(8, 1)], 0, "cn"),
    "SG": ("SGD", [(8, 1)], 0, "cn"),
    "SA": ("SAR", [(3, 1)], 0, "arab"),
    "AE": ("AED", [(4, 1)], 0, "arab"),
    "QA": ("QAR", [(3, 1)], 0, "arab"),
    "KW": ("KWD", [(3, 1)], 0, "arab"),
    "PH": ("PHP", [(8, 1)], 0, "ph"),
    "TH": ("THB", [(7, 1)], 0, "th"),
    "ID": ("IDR", [(7, 0.8), (8, 0.2)], 0, "id"),
    "VN": ("VND", [(7, 1)], 0, "vn"),
    "MY": ("MYR", [(8, 1)], 0, "id"),
    "KH": ("USD", [(7, 1)], 0, "kh"),
    "MM": ("MMK", [(6.5, 1)], 0, "kh"),
    "IN": ("INR", [(5.5, 1)], 0, "in"),
    "MX": ("MXN", [(-6, 1)], 0, "hisp"),
    "CO": ("COP", [(-5, 1)], 0, "hisp"),
    "DO": ("DOP", [(-4, 1)], 0, "hisp"),
    "BR": ("BRL", [(-3, 1)], 0, "hisp"),
    "JM": ("JMD", [(-5, 1)], 0, "afr"),
    "GH": ("GHS", [(0, 1)], 0, "afr"),
    "NG": ("NGN", [(1, 1)], 0, "afr"),
    "CI": ("EUR", [(0, 1)], 0, "afr"),
    "ZA": ("ZAR", [(2, 1)], 0, "afr"),
    "RO": ("RON", [(2, 1)], 2, "euro"),
    "UA": ("UAH", [(2, 1)], 2, "euro"),
    "RU": ("RUB", [(3, 1)], 0, "euro"),
    "SC": ("USD", [(4, 1)], 0, "west"),
    "VG": ("USD", [(-4, 1)], 0, "west"),
}
CC = list(COUNTRIES)
CC_IDX = {c: i for i, c in enumerate(CC)}
SOURCE_W = {
    "US": 30, "GB": 8, "AU": 7, "CA": 6, "DE": 4, "FR": 2, "NL": 1.5, "IT": 2, "SE": 1,
    "NO": 1, "DK": 0.5, "CH": 1, "IE": 0.5, "NZ": 1, "JP": 4, "KR": 2, "HK": 2, "TW": 1,
    "SG": 3, "SA": 5, "AE": 5, "QA": 1.5, "KW": 1,
}  # fmt: skip
DEST_W = {
    "PH": 38, "TH": 11, "ID": 11, "VN": 9, "MY": 6, "KH": 3, "MM": 2, "IN": 6, "MX": 4,
    "CO": 2.5, "DO": 1, "BR": 1.5, "JM": 0.5, "GH": 1, "NG": 2, "ZA": 1, "RO": 0.5, "UA": 0.5,
}  # fmt: skip
OFFENDER_W = {
    "US": 45, "GB": 9, "AU": 9, "CA": 6, "DE": 4, "SE": 2, "NO": 2, "NL": 2, "FR": 2,
    "JP": 3, "SG": 3, "SA": 3, "KR": 2, "CH": 1, "NZ": 1, "AE": 1, "IT": 1, "DK": 1,
}  # fmt: skip
MIGRANT_ORIGIN = {"PH": 45, "IN": 18, "MX": 12, "ID": 8, "VN": 8, "TH": 5, "CO": 2, "NG": 2}

SURNAMES = {
    "west": "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore "
    "Martin Jackson Thompson White Harris Clark Lewis Walker Hall Allen Young King Wright Scott "
    "Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner Parker",
    "euro": "Muller Schmidt Schneider Fischer Weber Meyer Wagner Becker Dubois Martin Bernard "
    "Jansen DeVries Bakker Andersson Johansson Hansen Olsen Rossi Russo Ferrari Popescu Ionescu "
    "Kovalenko Shevchenko Ivanov Petrov Nielsen Larsen Keller",
    "jp": "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato",
    "kr": "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim",
    "cn": "Chan Wong Lee Cheung Lau Ng Tan Lim Chen Lin Huang Teo Goh",
    "arab": "AlSaud AlHarbi AlQahtani AlGhamdi AlZahrani Hassan Ali Ahmed Mahmoud Khalil",
    "ph": "Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Tomas Andrada Castillo Flores "
    "Villanueva Ramos Castro Rivera Aquino Navarro Salazar Mercado DelaCruz Gonzales Lopez "
    "Fernandez Domingo Pascual Soriano Manalo Dizon Aguilar Valdez Ramirez Panganiban Cabrera "
    "Macaraeg Dumalagan Cabahug Alcantara Lacson Magbanua Sarmiento Estrada",
    "th": "Saetang Srisuk Wongsa Chaiyaporn Boonmee Kaewkla Sukjai Thongdee Rattana Phromma",
    "id": "Susanto Wijaya Hidayat Saputra Kurniawan Setiawan Pratama Siregar Nasution Lubis "
    "Rahman Abdullah Ismail Othman",
    "vn": "Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Ho Ngo Duong Ly",
    "kh": "Sok Chea Chan Kim Heng Lim Meas Nhem Keo Mao",
    "in": "Sharma Patel Singh Kumar Gupta Reddy Nair Iyer Das Menon Pillai Khan",
    "hisp": "Hernandez Garcia Martinez Lopez Gonzalez Rodriguez Perez Sanchez Ramirez Torres "
    "Flores Rivera Gomez Diaz Silva Souza",
    "afr": "Okafor Adeyemi Mensah Owusu Boateng Eze Okonkwo Brown Campbell Nkosi Dlamini Kouassi",
}
GIVEN_M = {
    "west": "James John Robert Michael David William Richard Thomas Mark Paul Steven Kevin Brian "
    "Gary Daniel Peter Andrew Scott",
    "euro": "Hans Peter Klaus Jan Lars Erik Pierre Luca Marco Andrei Ivan Oleksandr Henrik",
    "jp": "Hiroshi Takashi Kenji Daisuke Yuki",
    "kr": "Minho Jisung Hyun Sungmin Dongwook",
    "cn": "Wei Jun Ming Kelvin Jason Eric",
    "arab": "Mohammed Abdullah Khalid Faisal Omar",
    "ph": "Jose Juan Mark John Michael Jericho Rodel Arnel Ronaldo Jomar Carlo Paolo Jayson",
    "th": "Somchai Somsak Anan Prasert Niran",
    "id": "Budi Agus Dedi Rizky Andi Ahmad",
    "vn": "Minh Tuan Hung Duc Quang",
    "kh": "Sophal Dara Vanna Rithy",
    "in": "Rahul Amit Arjun Vikram Suresh",
    "hisp": "Carlos Luis Jorge Miguel Andres Juan",
    "afr": "Chinedu Kwame Emeka Kofi Tunde Andre",
}
GIVEN_F = {
    "west": "Mary Patricia Jennifer Linda Elizabeth Susan Jessica Sarah Karen Emily Emma Olivia "
    "Ashley",
    "euro": "Anna Maria Sophie Julia Elena Ingrid Camille Giulia Ioana Olena",
    "jp": "Yuko Akiko Haruka Yui",
    "kr": "Jiyeon Minji Seoyeon Hana",
    "cn": "Mei Ling Xin Grace Vivian",
    "arab": "Fatima Aisha Noura Mariam",
    "ph": "Maria Ana Rosalie Jocelyn Marites Lovely Princess Angel Kristine Mae Joy Cherry Liza "
    "Rowena",
    "th": "Siriporn Nok Ploy Malee Kanya",
    "id": "Siti Dewi Sri Putri Ayu Nur",
    "vn": "Lan Huong Mai Linh Thu",
    "kh": "Sreymom Chenda Bopha Sokha",
    "in": "Priya Anjali Sunita Deepa",
    "hisp": "Maria Ana Sofia Valentina Camila Lucia",
    "afr": "Ngozi Ama Abena Chioma Thandi Aya",
}

MEMO_MUNDANE_SEA = (
    "padala", "pang gastos", "for mama", "allowance", "bills", "pambayad", "groceries",
    "salamat", "happy birthday", "load", "utang", "bayad", "kiriman", "uang makan",
    "rent", "for the kids", "pang ulam", "merry christmas", "ingat", "pasalubong",
)  # fmt: skip
MEMO_MUNDANE = (
    "lunch", "dinner", "rent", "thanks", "split", "coffee", "gas", "tickets", "birthday",
    "groceries", "uber", "drinks", "for saturday", "movie", "gift",
)  # fmt: skip
MEMO_FAMILY = (
    "family support", "allowance", "tuition", "pang tuition", "medical", "gamot", "for mama",
    "for papa", "bills", "school fees", "pang gastos", "padala", "support", "birthday",
    "monthly", "kiriman", "biaya sekolah", "uang sekolah", "pang ospital", "christmas",
)  # fmt: skip
MEMO_COVER = (
    "accommodation", "uniform", "medical bills", "family support", "education",
    "school fees", "medicine", "hospital", "allowance", "load", "for school", "gamot",
    "pang gamot", "pambayad sa school", "tulong", "pambili gatas", "bayad sa kuryente",
    "pang tuition", "tabang", "para sa bata", "uang sekolah", "biaya rumah sakit", "obat",
    "bantuan keluarga", "m3dical", "sch00l fees", "f@mily support", "med1cine", "baon",
    "uniporme", "for baby", "gift", "help", "pang load",
)  # fmt: skip
MEMO_CODE = ("vc", "show", "cam", "new", "more pls", "bb", "private", "load for cam", "2 more")
MEMO_ROMANCE = (
    "medical bills", "hospital", "visa", "flight ticket", "customs fee", "for you my love",
    "emergency", "lawyer fee", "rent", "love you", "travel documents", "gift",
)  # fmt: skip
MEMO_FAN = ("tip", "thanks babe", "for the show", "xoxo", "", "custom", "ty", "private show")
MEMO_SPONSOR = (
    "sponsorship", "child sponsorship", "education", "tuition", "school fees", "books",
    "allowance", "school supplies", "scholarship",
)  # fmt: skip
MEMO_CHARITY = ("donation", "typhoon relief", "para sa nasalanta", "relief", "donasi", "")
MEMO_FREELANCE = ("invoice", "payment for design", "project", "thanks!", "milestone 2", "va work")
MEMO_SHOP = ("order", "cod", "payment", "for order", "item", "mine", "2pcs")
MEMO_T5 = ("pls", "sorry", "here", "done", "please delete", "dont post", "thats all i have")
MEMO_CHILD = (
    "baon", "allowance", "load", "for school", "pang load", "school project", "for you anak",
    "happy birthday anak", "uang jajan", "pulsa", "tuition", "pamasahe",
)  # fmt: skip
MEMO_T7 = ("load", "baon", "for school", "allowance", "for you", "gift", "pang load", "miss u")

# merchant category codes: (mcc, weight in domestic card spending, median usd, sigma, x.99 share)
MCC_SPEND = (
    ("5411", 30, 35, 0.8, 0.3), ("5812", 18, 22, 0.6, 0.1), ("5541", 10, 40, 0.5, 0.0),
    ("5999", 8, 30, 1.0, 0.6), ("5311", 6, 55, 0.9, 0.6), ("5691", 5, 60, 0.8, 0.7),
    ("5732", 2, 250, 0.9, 0.8), ("4814", 5, 20, 0.5, 0.5), ("4121", 6, 15, 0.6, 0.0),
    ("5912", 4, 20, 0.7, 0.4), ("6011", 6, 100, 0.7, 0.0),
)  # fmt: skip
HUMAN_HOURS = np.array(
    [1, 0.5, 0.3, 0.2, 0.3, 0.8, 2, 4, 5, 6, 6, 7, 8, 7, 6, 6, 6, 7, 8, 8, 7, 5, 3, 2], float
)
OFFICE_HOURS = np.array(
    [0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 2, 6, 9, 9, 9, 7, 8, 9, 9, 8, 5, 2, 1, 0.5, 0.3, 0.2, 0.1]
)
NIGHT_HOURS = np.array(
    [12, 10, 7, 4.5, 1.2, 0.4, 0.3, 0.3, 0.3, 0.5, 0.6, 0.7, 0.8, 0.8, 0.8, 0.9, 1, 1.2, 1.5, 2,
     3.5, 9, 12, 13]
)  # fmt: skip
EVENING_HOURS = np.array(
    [4, 2.5, 1.2, 0.6, 0.3, 0.3, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 3.5, 3.5, 4, 4.5, 5, 6, 7, 7.5, 8,
     7.5, 6]
)  # fmt: skip


def _p(v: Arr) -> Arr:
    return np.asarray(v, float) / float(np.sum(v))


class World:
    """Accounts (column chunks) and transactions (column chunks) under construction."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.n = 0
        self._cache: dict[str, tuple[int, Arr]] = {}
        self.a: dict[str, list[Arr]] = {
            k: []
            for k in (
                "cc", "tz", "dst", "cur", "kind", "sex", "birth", "surname", "given", "mcc",
                "device", "handle", "idstyle",
            )
        }  # fmt: skip
        self.pop_updates: list[tuple[Arr, str, bool]] = []
        self.labels: list[tuple[Arr, str, str]] = []
        self.t: dict[str, list[Arr]] = {
            k: [] for k in ("ts", "s", "r", "usd", "rnd", "ch", "memo", "cur", "lab", "typ")
        }

    # accounts -------------------------------------------------------------------------------
    def add(
        self,
        n: int,
        cc: Arr | str,
        kind: str = "person",
        sex: Arr | str = "U",
        birth: Arr | int = 0,
        surname: Arr | None = None,
        given: Arr | None = None,
        mcc: str = "",
        device: Arr | None = None,
        handle: Arr | None = None,
        idstyle: int = 0,
    ) -> Arr:
        rng = self.rng
        ccs = np.full(n, cc, dtype=object) if isinstance(cc, str) else np.asarray(cc, object)
        ci = np.array([CC_IDX[c] for c in ccs], dtype=np.int64)
        tz = np.zeros(n)
        dst = np.zeros(n, np.int64)
        cur = np.zeros(n, np.int64)
        for c in np.unique(ci):
            m = ci == c
            cur_c, zones, rule, _ = COUNTRIES[CC[c]]
            offs = np.array([z[0] for z in zones])
            tz[m] = offs[rng.choice(len(zones), m.sum(), p=_p(np.array([z[1] for z in zones])))]
            # Queensland and Western Australia keep standard time; Perth/Brisbane share.
            dst[m] = rule
            cur[m] = CUR_IDX[cur_c]
        if CC_IDX["AU"] in ci:
            m = (ci == CC_IDX["AU"]) & (rng.random(n) < 0.3)
            dst[m] = 0
        self.a["cc"].append(ci)
        self.a["tz"].append(tz)
        self.a["dst"].append(dst)
        self.a["cur"].append(cur)
        self.a["kind"].append(np.full(n, kind, dtype=object))
        self.a["sex"].append(np.full(n, sex, dtype=object) if isinstance(sex, str) else sex)
        self.a["birth"].append(np.full(n, birth, np.int64) if isinstance(birth, int) else birth)
        self.a["surname"].append(surname if surname is not None else np.full(n, "", object))
        self.a["given"].append(given if given is not None else np.full(n, "", object))
        self.a["mcc"].append(np.full(n, mcc, dtype=object))
        dev = device if device is not None else self.n + np.arange(n, dtype=np.int64)
        self.a["device"].append(dev)
        self.a["handle"].append(handle if handle is not None else np.full(n, "", object))
        self.a["idstyle"].append(np.full(n, idstyle, np.int64))
        idx = self.n + np.arange(n, dtype=np.int64)
        self.n += n
        return idx

    def col(self, k: str) -> Arr:
        hit = self._cache.get(k)
        if hit is not None and hit[0] == self.n:
            return hit[1]
        out = np.concatenate(self.a[k]) if self.a[k] else np.zeros(0)
        self.a[k] = [out]
        self._cache[k] = (self.n, out)
        return out

    def names(self, group: Arr, sex: Arr) -> tuple[Arr, Arr]:
        rng = self.rng
        n = len(group)
        sur = np.empty(n, object)
        giv = np.empty(n, object)
        for g in np.unique(group):
            m = group == g
            s_list = np.array(SURNAMES[g].split(), object)
            sur[m] = s_list[rng.integers(0, len(s_list), m.sum())]
            for sx, src in (("M", GIVEN_M), ("F", GIVEN_F)):
                mm = m & (sex == sx) if sx == "M" else m & (sex != "M")
                gl = np.array(src[g].split(), object)
                giv[mm] = gl[rng.integers(0, len(gl), mm.sum())]
        return sur, giv

    def population(self, idx: Arr, name: str, hard: bool = False) -> None:
        self.pop_updates.append((np.asarray(idx, np.int64), name, hard))

    def label(self, idx: Arr, typ: str, role: str) -> None:
        self.labels.append((np.asarray(idx, np.int64), typ, role))

    # transactions ---------------------------------------------------------------------------
    def emit(
        self,
        ts: Arr,
        s: Arr,
        r: Arr,
        usd: Arr,
        rnd: Arr | float,
        ch: Arr | int,
        memo: Arr | None = None,
        cur: Arr | int = -1,
        lab: int = 0,
        typ: str = "",
    ) -> None:
        n = len(ts)
        if n == 0:
            return
        rng = self.rng
        self.t["ts"].append(np.asarray(ts, np.int64))
        self.t["s"].append(np.broadcast_to(np.asarray(s, np.int64), n).copy())
        self.t["r"].append(np.broadcast_to(np.asarray(r, np.int64), n).copy())
        self.t["usd"].append(np.maximum(np.asarray(usd, float), 0.01))
        if isinstance(rnd, float):
            rnd = rng.random(n) < rnd
        self.t["rnd"].append(np.broadcast_to(np.asarray(rnd, bool), n).copy())
        self.t["ch"].append(np.broadcast_to(np.asarray(ch, np.int64), n).copy())
        self.t["memo"].append(memo if memo is not None else np.full(n, None, object))
        self.t["cur"].append(np.broadcast_to(np.asarray(cur, np.int64), n).copy())
        self.t["lab"].append(np.full(n, lab, np.int64))
        self.t["typ"].append(np.full(n, typ, object))

    def tcol(self, k: str) -> Arr:
        return np.concatenate(self.t[k])

    def n_tx(self) -> int:
        return int(sum(len(x) for x in self.t["ts"]))


# --------------------------------------------------------------------------------------------
# helpers


def pick(rng: np.random.Generator, seq: Sequence[str], n: int, p: Arr | None = None) -> Arr:
    arr = np.array(seq, dtype=object)
    return arr[rng.choice(len(arr), n, p=p)]


def memos(rng: np.random.Generator, n: int, p_empty: float, lex: Sequence[str]) -> Arr:
    out = np.full(n, None, dtype=object)
    m = rng.random(n) >= p_empty
    out[m] = pick(rng, lex, int(m.sum()))
    out[out == ""] = None
    return out


def local_times(rng: np.random.Generator, days: Arr, hours_p: Arr, tz: Arr, dst: Arr) -> Arr:
    """UTC epoch seconds for local calendar days (0..364) at hours drawn from a profile."""
    n = len(days)
    h = rng.choice(24, n, p=_p(hours_p))
    secs = h * 3600 + rng.integers(0, 3600, n)
    off = offset_hours(days, tz, dst)
    return (T0 + days.astype(np.int64) * DAY + secs - (off * 3600).astype(np.int64)).astype(
        np.int64
    )


def offset_hours(days: Arr, tz: Arr, dst: Arr) -> Arr:
    d = np.asarray(days)
    on = np.where(
        dst == 1,
        (d >= 68) & (d < 306),
        np.where(dst == 2, (d >= 88) & (d < 299), np.where(dst == 3, (d < 95) | (d >= 277), False)),
    )
    return tz + on.astype(float)


def day_of(ts: Arr) -> Arr:
    return np.clip((np.asarray(ts) - T0) // DAY, 0, DAYS - 1)


def payday_days(rng: np.random.Generator, n: int) -> Arr:
    """Days of the year near paydays (1st, 15th, month end) with some spread."""
    month = rng.integers(0, 12, n)
    anchor = rng.choice(np.array([0, 14, 27]), n, p=[0.35, 0.3, 0.35])
    dom = np.clip(anchor + rng.integers(-1, 5, n), 0, 27)
    return np.clip(month * 30.4 + dom, 0, DAYS - 1).astype(np.int64)


def group_rank(owner: Arr) -> Arr:
    """Rank of each element within its owner's contiguous run (owner sorted)."""
    n = len(owner)
    if n == 0:
        return np.zeros(0, np.int64)
    start = np.r_[0, np.flatnonzero(owner[1:] != owner[:-1]) + 1]
    lens = np.diff(np.r_[start, n])
    return np.arange(n) - np.repeat(start, lens)


# --------------------------------------------------------------------------------------------
# the generator


@dataclass
class Pools:
    person: Arr
    cc: Arr
    sex: Arr
    birth: Arr
    origin_group: Arr
    used: Arr
    native: Arr

    def select(
        self,
        rng: np.random.Generator,
        n: int,
        countries: dict[str, float] | None = None,
        sex: str | None = None,
        ages: tuple[int, int] | None = None,
        exclusive: bool = False,
        migrants: bool | None = None,
    ) -> Arr:
        m = np.ones(len(self.person), bool)
        if sex:
            m &= self.sex == sex
        if ages:
            m &= (2025 - self.birth >= ages[0]) & (2025 - self.birth <= ages[1])
        if exclusive:
            m &= ~self.used
        if migrants is not None:
            m &= (self.origin_group != self.native) == migrants
        cand = np.flatnonzero(m)
        if countries:
            w = np.array([countries.get(CC[c], 0.0) for c in self.cc[cand]])
            cand = cand[w > 0]
            w = w[w > 0]
            # per-country weights, spread over that country's candidates
            per = np.zeros(len(CC))
            np.add.at(per, self.cc[cand], 1)
            w = w / per[self.cc[cand]]
        else:
            w = np.ones(len(cand))
        if len(cand) == 0 or n <= 0:
            return np.zeros(0, np.int64)
        k = min(n, len(cand)) if exclusive else n
        ch = rng.choice(len(cand), k, replace=not exclusive, p=_p(w))
        out = cand[ch]
        if exclusive:
            self.used[out] = True
        return self.person[out]


def _persons(w: World, n: int) -> Pools:
    rng = w.rng
    n_src = int(n * 0.45)
    src_cc = pick(rng, list(SOURCE_W), n_src, _p(np.array(list(SOURCE_W.values()))))
    dst_cc = pick(rng, list(DEST_W), n - n_src, _p(np.array(list(DEST_W.values()))))
    ccs = np.concatenate([src_cc, dst_cc])
    group = np.array([COUNTRIES[c][3] for c in ccs], object)
    mig = np.zeros(n, bool)
    mig[:n_src] = rng.random(n_src) < 0.14
    origin = pick(
        rng, list(MIGRANT_ORIGIN), int(mig.sum()), _p(np.array(list(MIGRANT_ORIGIN.values())))
    )
    group[mig] = np.array([COUNTRIES[c][3] for c in origin], object)
    sex = np.where(rng.random(n) < 0.5, "M", "F").astype(object)
    age = np.where(rng.random(n) < 0.08, rng.integers(13, 18, n), rng.integers(18, 80, n))
    age = np.where((age > 17) & (rng.random(n) < 0.5), rng.integers(20, 50, n), age)
    birth = (2025 - age).astype(np.int64)
    sur, giv = w.names(group, sex)
    idx = w.add(n, ccs, "person", sex=sex, birth=birth, surname=sur, given=giv)
    cci = np.array([CC_IDX[c] for c in ccs])
    # shared family phones: 6% of receiving-country persons use a relative's/neighbour's device
    dev = w.col("device")
    sea = np.flatnonzero(np.arange(n) >= n_src)
    share = sea[rng.random(len(sea)) < 0.06]
    if len(share):
        dev[idx[share]] = dev[idx[sea[rng.integers(0, len(sea), len(share))]]]
    native = np.array([COUNTRIES[c][3] for c in ccs], object)
    return Pools(idx, cci, sex, birth, group, np.zeros(n, bool), native)


class Gen:
    def __init__(self, n_tx: int, variant: str, seed: int, hard: float) -> None:
        if variant not in ("hi", "li"):
            raise ValueError("variant must be 'hi' or 'li'")
        self.rng = np.random.default_rng(seed)
        self.w = World(self.rng)
        self.n_tx = n_tx
        self.hard = max(0.0, float(hard))
        self.illicit = n_tx * (0.002 if variant == "hi" else 0.0005)
        self.pool = _persons(self.w, max(2000, n_tx // 10))
        self.merch: dict[tuple[str, str], Arr] = {}
        self.agents: dict[str, Arr] = {}
        self._pending_cashout: list[tuple[Arr, tuple[float, float], float]] = []
        self.last_r: Arr = np.zeros(0, np.int64)

    # shared infrastructure -------------------------------------------------------------------
    def merchants(self, cc: str, mcc: str, n: int = 0) -> Arr:
        key = (cc, mcc)
        if key not in self.merch:
            k = n or max(3, self.n_tx // 20000)
            self.merch[key] = self.w.add(k, cc, "merchant", mcc=mcc)
            self.w.population(self.merch[key], "merchant")
        return self.merch[key]

    def agent(self, cc: str, n: int) -> Arr:
        if cc not in self.agents:
            k = max(4, self.n_tx // 25000)
            self.agents[cc] = self.w.add(k, cc, "agent", mcc="4829")
            self.w.population(self.agents[cc], "cashout_agent")
        a = self.agents[cc]
        return a[self.rng.integers(0, len(a), n)]

    def acc(self, k: str, idx: Arr) -> Arr:
        return self.w.col(k)[idx]

    def cashout(
        self,
        holders: Arr,
        share: tuple[float, float],
        within_h: float,
        lab: int = 0,
        typ: str = "",
        forward_to: Arr | None = None,
    ) -> None:
        """Holders move `share` of what they received each day out within ~within_h hours."""
        rng = self.rng
        ts, r, usd = self.w.tcol("ts"), self.w.tcol("r"), self.w.tcol("usd")
        m = np.isin(r, holders)
        if not m.any():
            return
        day = day_of(ts[m])
        key = r[m] * 1000 + day
        uk, inv = np.unique(key, return_inverse=True)
        tot = np.bincount(inv, usd[m])
        last = np.zeros(len(uk), np.int64)
        np.maximum.at(last, inv, ts[m])
        holder = uk // 1000
        frac = rng.uniform(share[0], share[1], len(uk))
        t = last + (rng.exponential(within_h / 3, len(uk)) * 3600).astype(np.int64) + 600
        t = np.minimum(t, last + int(within_h * 3600))
        cc = self.acc("cc", holder)
        recv = np.zeros(len(uk), np.int64)
        ch = rng.choice([MSB, EWALLET, BANK], len(uk), p=[0.45, 0.4, 0.15])
        for c in np.unique(cc):
            mm = cc == c
            recv[mm] = self.agent(CC[c], int(mm.sum()))
        if forward_to is not None:
            f = forward_to[np.searchsorted(holders, holder)]
            fw = f >= 0
            recv[fw] = f[fw]
            ch[fw] = rng.choice([EWALLET, BANK], int(fw.sum()))
        self.w.emit(t, holder, recv, tot * frac, 0.7, ch, lab=lab, typ=typ)

    # background ------------------------------------------------------------------------------
    def salaries_bills(self, n: int) -> None:
        rng, P = self.rng, self.pool
        adults = P.person[(2025 - P.birth) >= 20]
        k = n // 2
        who = adults[rng.integers(0, len(adults), k // 12 + 1)]
        s_idx = np.repeat(who, 12)[:k]
        months = np.tile(np.arange(12), len(who))[:k]
        day = np.clip(months * 30.4 + rng.choice([14, 27], k), 0, 364).astype(np.int64)
        cc = self.acc("cc", s_idx)
        lvl = np.where(np.isin(cc, [CC_IDX[c] for c in SOURCE_W]), 3500, 450)
        usd = lvl * rng.lognormal(0, 0.5, k)
        for c in np.unique(cc):
            m = cc == c
            emp = self.merchants(CC[c], "EMPL", max(3, self.n_tx // 10000))
            e = emp[rng.integers(0, len(emp), m.sum())]
            tz, dst = self.acc("tz", e), self.acc("dst", e)
            t = local_times(rng, day[m], OFFICE_HOURS, tz, dst)
            self.w.emit(t, e, s_idx[m], usd[m], 0.1, BANK)
        # bills
        k2 = n - k
        payer = adults[rng.integers(0, len(adults), k2)]
        cc = self.acc("cc", payer)
        day = rng.integers(0, DAYS, k2)
        usd = rng.lognormal(np.log(60), 0.7, k2)
        for c in np.unique(cc):
            m = cc == c
            b = self.merchants(CC[c], "4900", max(3, self.n_tx // 30000))
            bb = b[rng.integers(0, len(b), m.sum())]
            t = local_times(
                rng, day[m], HUMAN_HOURS, self.acc("tz", payer[m]), self.acc("dst", payer[m])
            )
            ch = rng.choice([BANK, EWALLET, CARD], int(m.sum()), p=[0.6, 0.25, 0.15])
            memo = memos(
                rng,
                int(m.sum()),
                0.5,
                ("bill", "electricity", "water bill", "internet", "meralco"),
            )
            self.w.emit(t, payer[m], bb, usd[m], 0.05, ch, memo)

    def p2p_domestic(self, n: int) -> None:
        rng, P = self.rng, self.pool
        n_send = max(50, n // 15)
        senders = P.person[rng.integers(0, len(P.person), n_send)]
        per = rng.poisson(n / n_send, n_send)
        s = np.repeat(senders, per)
        k = len(s)
        cc = self.acc("cc", s)
        r = np.zeros(k, np.int64)
        # friends: a sender's contacts are a few fixed persons of the same country
        for c in np.unique(cc):
            m = cc == c
            same = P.person[P.cc == c]
            n_c = 6
            contacts = same[rng.integers(0, len(same), (len(senders), n_c))]
            who = np.searchsorted(senders, s[m], sorter=np.argsort(senders, kind="stable"))
            order = np.argsort(senders, kind="stable")
            pos = order[np.clip(who, 0, len(senders) - 1)]
            slot = np.minimum(rng.geometric(0.45, m.sum()) - 1, n_c - 1)
            r[m] = contacts[pos, slot]
        r = np.where(r == s, P.person[rng.integers(0, len(P.person), k)], r)
        sea = np.isin(cc, [CC_IDX[c] for c in DEST_W])
        usd = np.where(sea, rng.lognormal(np.log(12), 0.9, k), rng.lognormal(np.log(35), 0.9, k))
        ch = np.where(
            sea,
            rng.choice([EWALLET, P2P, BANK], k, p=[0.7, 0.1, 0.2]),
            rng.choice([P2P, BANK, EWALLET], k, p=[0.6, 0.3, 0.1]),
        )
        day = rng.integers(0, DAYS, k)
        t = local_times(rng, day, HUMAN_HOURS, self.acc("tz", s), self.acc("dst", s))
        memo = np.where(
            sea, memos(rng, k, 0.6, MEMO_MUNDANE_SEA), memos(rng, k, 0.55, MEMO_MUNDANE)
        )
        self.w.emit(t, s, r, usd, 0.55, ch, memo)

    def card_filler(self, n: int) -> None:
        rng, P = self.rng, self.pool
        if n <= 0:
            return
        act = rng.lognormal(0, 1.0, len(P.person))
        s = P.person[rng.choice(len(P.person), n, p=_p(act))]
        w_m = _p(np.array([m[1] for m in MCC_SPEND]))
        which = rng.choice(len(MCC_SPEND), n, p=w_m)
        # 8% online purchases at foreign digital merchants
        online = rng.random(n) < 0.08
        cc = self.acc("cc", s)
        r = np.zeros(n, np.int64)
        usd = np.zeros(n)
        x99 = np.zeros(n, bool)
        for j, (_mcc, _, med, sig, p99) in enumerate(MCC_SPEND):
            m = which == j
            usd[m] = rng.lognormal(np.log(med), sig, m.sum())
            x99[m] = rng.random(m.sum()) < p99
        key = np.where(online, -1, cc * len(MCC_SPEND) + which)
        order = np.argsort(key, kind="stable")
        uk, first = np.unique(key[order], return_index=True)
        bounds = np.r_[first, len(order)]
        for i, kk in enumerate(uk):
            if kk < 0:
                continue
            sel = order[bounds[i] : bounds[i + 1]]
            mm = self.merchants(CC[kk // len(MCC_SPEND)], MCC_SPEND[kk % len(MCC_SPEND)][0])
            r[sel] = mm[rng.integers(0, len(mm), len(sel))]
        online_m = (("5815", "US", 12), ("5818", "IE", 25), ("5942", "US", 30), ("4816", "US", 8))
        for mcc, home, med in online_m:
            m = online & (rng.random(n) < 0.3)
            m &= r == 0
            mm = self.merchants(home, mcc)
            r[m] = mm[rng.integers(0, len(mm), m.sum())]
            usd[m] = rng.lognormal(np.log(med), 0.7, m.sum())
            x99[m] = True
        left = r == 0
        mm = self.merchants("US", "5999")
        r[left] = mm[rng.integers(0, len(mm), left.sum())]
        usd = np.where(x99, np.floor(usd) + 0.99, usd)
        is_atm = self.acc("mcc", r) == "6011"
        day = rng.integers(0, DAYS, n)
        t = local_times(rng, day, HUMAN_HOURS, self.acc("tz", s), self.acc("dst", s))
        sea = np.isin(cc, [CC_IDX[c] for c in DEST_W])
        ch = np.where(is_atm, CARD, np.where(sea & (rng.random(n) < 0.3), EWALLET, CARD))
        ch = np.where(rng.random(n) < 0.02, OTHER, ch)
        self.w.emit(t, s, r, usd, is_atm, ch)

    def diaspora(self, n: int) -> None:
        rng, P = self.rng, self.pool
        fam_share = 0.75
        n_mig = max(20, n // 18)
        mig = P.select(rng, n_mig, SOURCE_W, ages=(20, 70), migrants=True)
        mig = np.unique(mig)
        grp = P.origin_group[np.searchsorted(P.person, mig)]
        home_of = {
            "ph": "PH", "in": "IN", "hisp": "MX", "id": "ID", "vn": "VN", "th": "TH", "afr": "NG",
            "kh": "KH",
        }  # fmt: skip
        rows: list[tuple[Arr, Arr]] = []
        children: list[Arr] = []
        surn = self.w.col("surname")
        for g in np.unique(grp):
            home = home_of.get(g, "PH")
            if g == "hisp":
                home_c = pick(
                    rng, ["MX", "CO", "DO"], int((grp == g).sum()), _p(np.array([6, 2, 1]))
                )
            else:
                home_c = np.full(int((grp == g).sum()), home, object)
            ms = mig[grp == g]
            n_rec = rng.choice([1, 2, 3], len(ms), p=[0.55, 0.3, 0.15])
            # receivers: new home accounts, sharing the sender's surname for most
            tot = int(n_rec.sum())
            owner = np.repeat(ms, n_rec)
            hc = np.repeat(home_c, n_rec)
            sex = np.where(rng.random(tot) < 0.65, "F", "M").astype(object)
            birth = rng.integers(1950, 2007, tot).astype(np.int64)
            # the migrant's own children (13-19) get allowance directly: a hard negative for T7
            child = rng.random(tot) < min(0.4, 0.15 * self.hard)
            birth[child] = rng.integers(2006, 2013, int(child.sum()))
            sex[child] = np.where(rng.random(int(child.sum())) < 0.5, "F", "M")
            sur, giv = self.w.names(np.array([COUNTRIES[c][3] for c in hc], object), sex)
            same = (rng.random(tot) < fam_share) | (child & (rng.random(tot) < 0.97))
            sur[same] = surn[owner[same]]
            rec = self.w.add(tot, hc, "person", sex=sex, birth=birth, surname=sur, given=giv)
            self.w.population(rec[child], "diaspora_child", hard=True)
            self.w.population(rec, "diaspora_family")
            children.append(rec[child])
            rows.append((owner, rec))
        owner = np.concatenate([o for o, _ in rows])
        rec = np.concatenate([r for _, r in rows])
        # siblings abroad: 12% of receivers also get money from a second migrant elsewhere
        extra = rng.random(len(rec)) < 0.12
        sib = P.select(rng, int(extra.sum()), SOURCE_W, ages=(20, 60), migrants=True)
        owner = np.r_[owner, sib]
        rec = np.r_[rec, rec[extra][: len(sib)]]
        self.w.population(owner, "diaspora_sender")
        per_month = rng.choice([1, 1, 1, 2, 2, 3, 4], len(owner))
        months_active = rng.integers(4, 13, len(owner))
        cnt = per_month * months_active
        cnt = np.maximum(1, (cnt * n / max(1, cnt.sum())).round().astype(np.int64))
        s = np.repeat(owner, cnt)
        r = np.repeat(rec, cnt)
        k = len(s)
        day = payday_days(rng, k)
        xmas = rng.random(k) < 0.08
        day[xmas] = rng.integers(340, 358, int(xmas.sum()))
        t = local_times(
            rng, day, EVENING_HOURS * 0.5 + HUMAN_HOURS, self.acc("tz", s), self.acc("dst", s)
        )
        kid = np.isin(rec, np.concatenate(children))
        typ_amt = np.where(
            kid,
            rng.lognormal(np.log(60), 0.6, len(owner)),
            rng.lognormal(np.log(230), 0.6, len(owner)),
        )
        usd = np.repeat(typ_amt, cnt) * rng.lognormal(0, 0.25, k)
        ch_pref = np.repeat(
            rng.choice([MSB, BANK, EWALLET, P2P], len(owner), p=[0.55, 0.2, 0.2, 0.05]), cnt
        )
        ch_pref = np.where(np.repeat(kid, cnt) & (rng.random(k) < 0.5), EWALLET, ch_pref)
        memo = memos(rng, k, 0.55, MEMO_FAMILY)
        kr = np.repeat(kid, cnt)
        memo[kr] = memos(rng, int(kr.sum()), 0.5, MEMO_CHILD)
        self.w.emit(t, s, r, usd, 0.8, ch_pref, memo)
        # fast cash-out habit of some e-wallet/bank receivers
        fast = np.unique(rec[rng.random(len(rec)) < 0.35])
        self._pending_cashout.append((fast, (0.5, 1.0), 40.0))

    def freelance(self, n: int, hard: float) -> None:
        rng, P = self.rng, self.pool
        k_free = max(10, n // 30)
        fl = P.select(rng, k_free, {"PH": 6, "IN": 3, "ID": 1, "VN": 1, "MY": 0.5}, ages=(19, 50))
        fl = np.unique(fl)
        self.w.population(fl, "freelancer")
        plat = self.w.add(8, pick(rng, ["US", "AU", "GB", "SG"], 8), "platform", mcc="7399")
        self.w.population(plat, "platform")
        cnt = rng.poisson(n * 0.6 / len(fl), len(fl)) + 1
        s_rec = np.repeat(fl, cnt)
        k = len(s_rec)
        pl_ = plat[rng.integers(0, len(plat), len(fl))]
        snd = np.repeat(pl_, cnt)
        day = rng.integers(0, DAYS, k)
        t = local_times(rng, day, OFFICE_HOURS, self.acc("tz", snd), self.acc("dst", snd))
        usd = rng.lognormal(np.log(220), 0.7, k)
        ch = rng.choice([BANK, EWALLET, P2P], k, p=[0.5, 0.3, 0.2])
        self.w.emit(
            t,
            snd,
            s_rec,
            usd,
            0.2,
            ch,
            memos(rng, k, 0.6, ("payout", "withdrawal", "earnings")),
            cur=CUR_IDX["USD"],
        )
        # gig workers paid directly by several foreign clients (hard negatives)
        n_gig = int(len(fl) * 0.5 * min(1.0, hard))
        if n_gig and hard > 0:
            gig = fl[:n_gig]
            self.w.population(gig, "gig_worker", hard=True)
            n_cl = rng.integers(3, 15, n_gig)
            owner = np.repeat(gig, n_cl)
            cl = P.select(
                rng,
                len(owner),
                {"US": 5, "AU": 2, "GB": 2, "CA": 1, "DE": 1, "SG": 1},
                ages=(25, 70),
            )
            self.w.population(cl, "freelance_client")
            per = rng.poisson(max(1.0, n * 0.4 * hard / max(1, len(owner))), len(owner)) + 1
            s = np.repeat(cl, per)
            r = np.repeat(owner, per)
            kk = len(s)
            t = local_times(
                rng, rng.integers(0, DAYS, kk), HUMAN_HOURS, self.acc("tz", s), self.acc("dst", s)
            )
            usd = rng.lognormal(np.log(60), 0.8, kk)
            ch = rng.choice([P2P, EWALLET, MSB, BANK], kk, p=[0.5, 0.2, 0.15, 0.15])
            self.w.emit(t, s, r, usd, 0.6, ch, memos(rng, kk, 0.5, MEMO_FREELANCE))
            self._pending_cashout.append((np.unique(gig), (0.6, 1.0), 30.0))

    def gaming(self, n: int) -> None:
        rng, P = self.rng, self.pool
        teen = P.person[(2025 - P.birth) <= 17]
        young = P.person[((2025 - P.birth) > 17) & ((2025 - P.birth) < 35) & (P.sex == "M")]
        who = np.r_[
            teen[rng.integers(0, len(teen), n // 80 + 1)],
            young[rng.integers(0, len(young), n // 60 + 1)],
        ]
        cnt = rng.poisson(n / len(who), len(who))
        s = np.repeat(who, cnt)
        k = len(s)
        games = np.r_[
            self.merchants("US", "5816", 6),
            self.merchants("SG", "5816", 4),
            self.merchants("KR", "5816", 2),
            self.merchants("HK", "5816", 3),
        ]
        r = games[rng.integers(0, len(games), k)]
        usd = rng.choice(
            [0.99, 1.99, 4.99, 9.99, 19.99, 49.99, 99.99],
            k,
            p=[0.1, 0.15, 0.3, 0.25, 0.12, 0.06, 0.02],
        )
        t = local_times(
            rng,
            rng.integers(0, DAYS, k),
            0.5 * HUMAN_HOURS + NIGHT_HOURS * 0.5,
            self.acc("tz", s),
            self.acc("dst", s),
        )
        ch = rng.choice([CARD, EWALLET], k, p=[0.6, 0.4])
        self.w.emit(t, s, r, usd, False, ch)

    def online_sellers(self, n: int, hard: float) -> None:
        rng, P = self.rng, self.pool
        n_sel = max(5, n // 60)
        sellers = np.unique(
            P.select(rng, n_sel, {"PH": 5, "TH": 2, "ID": 2, "MY": 1, "VN": 1}, ages=(20, 55))
        )
        handles = np.array(
            [
                "@" + g.lower() + "_" + sfx
                for g, sfx in zip(
                    self.w.col("given")[sellers],
                    pick(rng, ["shop", "store", "ukay", "finds", "mnl", "bkk", "ph"], len(sellers)),
                    strict=True,
                )
            ],
            object,
        )
        self.w.population(sellers, "online_seller", hard=hard > 0)
        cnt = rng.poisson(n / len(sellers), len(sellers)) + 1
        r = np.repeat(sellers, cnt)
        k = len(r)
        rc = self.acc("cc", r)
        s = np.zeros(k, np.int64)
        foreign = rng.random(k) < 0.08
        for c in np.unique(rc):
            m = (rc == c) & ~foreign
            same = P.person[P.cc == c]
            s[m] = same[rng.integers(0, len(same), m.sum())]
        s[foreign] = P.select(
            rng,
            int(foreign.sum()),
            {"US": 3, "SA": 2, "AE": 2, "SG": 1, "JP": 1, "AU": 1},
            migrants=True,
        )
        usd = rng.lognormal(np.log(14), 0.8, k)
        t = local_times(
            rng, rng.integers(0, DAYS, k), HUMAN_HOURS, self.acc("tz", s), self.acc("dst", s)
        )
        memo = memos(rng, k, 0.5, MEMO_SHOP)
        hm = rng.random(k) < 0.1
        memo[hm] = handles[np.searchsorted(sellers, r[hm])]
        ch = rng.choice([EWALLET, P2P, BANK], k, p=[0.75, 0.1, 0.15])
        self.w.emit(t, s, r, usd, 0.5, ch, memo)
        self._pending_cashout.append((sellers, (0.5, 0.95), 36.0))

    # hard negatives --------------------------------------------------------------------------
    def creators(self, n: int) -> None:
        rng, P = self.rng, self.pool
        n_cr = max(3, n // 250)
        cc = pick(
            rng,
            ["PH", "TH", "CO", "US", "GB", "MX", "BR", "RO", "UA"],
            n_cr,
            _p(np.array([5, 2, 3, 3, 1, 1, 1, 1, 1])),
        )
        sex = np.full(n_cr, "F", object)
        birth = rng.integers(1988, 2005, n_cr).astype(np.int64)
        sur, giv = self.w.names(np.array([COUNTRIES[c][3] for c in cc], object), sex)
        handles = np.array(
            [
                "@" + g.lower() + str(x)
                for g, x in zip(giv, rng.integers(1, 999, n_cr), strict=True)
            ],
            object,
        )
        cr = self.w.add(
            n_cr, cc, "person", sex=sex, birth=birth, surname=sur, given=giv, handle=handles
        )
        self.w.population(cr, "adult_creator", hard=True)
        pop = rng.zipf(1.6, n_cr).clip(1, 60).astype(float)
        n_fans = max(10, n // 10)
        fans = P.select(rng, n_fans, {**SOURCE_W, "PH": 2, "TH": 1}, sex="M", ages=(20, 70))
        self.w.population(fans, "fan", hard=True)
        n_cr_per = rng.choice([1, 1, 1, 2, 2, 3, 5], len(fans))
        owner = np.repeat(fans, n_cr_per)
        crs = cr[rng.choice(n_cr, len(owner), p=_p(pop))]
        per = rng.poisson(max(1.0, 0.8 * n / len(owner)), len(owner)) + 1
        s = np.repeat(owner, per)
        r = np.repeat(crs, per)
        k = len(s)
        t = local_times(
            rng,
            rng.integers(0, DAYS, k),
            NIGHT_HOURS * 0.6 + EVENING_HOURS,
            self.acc("tz", s),
            self.acc("dst", s),
        )
        usd = np.repeat(rng.lognormal(np.log(30), 0.5, len(owner)), per) * rng.lognormal(0, 0.3, k)
        memo = memos(rng, k, 0.6, MEMO_FAN)
        hm = rng.random(k) < 0.08
        memo[hm] = handles[r[hm] - cr[0]]
        ch = rng.choice([P2P, EWALLET, CARD, MSB], k, p=[0.45, 0.2, 0.25, 0.1])
        self.w.emit(t, s, r, usd, 0.75, ch, memo)
        # platform subscriptions and monthly payouts
        plat = self.merchants("US", "5967", 3)
        ks = n // 5
        sub = fans[rng.integers(0, len(fans), ks)]
        t = local_times(
            rng,
            rng.integers(0, DAYS, ks),
            NIGHT_HOURS + EVENING_HOURS,
            self.acc("tz", sub),
            self.acc("dst", sub),
        )
        self.w.emit(
            t,
            sub,
            plat[rng.integers(0, 3, ks)],
            rng.choice([4.99, 9.99, 14.99, 19.99], ks),
            False,
            CARD,
        )
        pay_cr = np.repeat(cr, 12)
        mon = np.tile(np.arange(12), n_cr)
        day = np.clip(mon * 30.4 + 5, 0, 364).astype(np.int64)
        t = local_times(
            rng,
            day,
            OFFICE_HOURS,
            self.acc("tz", plat[:1].repeat(len(pay_cr))),
            self.acc("dst", plat[:1].repeat(len(pay_cr))),
        )
        self.w.emit(
            t,
            plat[rng.integers(0, 3, len(pay_cr))],
            pay_cr,
            np.repeat(pop, 12) * rng.lognormal(np.log(150), 0.5, len(pay_cr)),
            0.0,
            BANK,
            cur=CUR_IDX["USD"],
        )
        self._pending_cashout.append((cr, (0.3, 0.8), 96.0))

    def romance(self, n: int) -> None:
        rng, P = self.rng, self.pool
        n_v = max(3, n // 10)
        vic = P.select(
            rng, n_v, {"US": 5, "AU": 2, "GB": 2, "CA": 1, "DE": 1, "JP": 0.5}, ages=(50, 80)
        )
        self.w.population(vic, "romance_victim", hard=True)
        n_sc = max(2, n_v // 6)
        sc = P.select(rng, n_sc, {"NG": 4, "GH": 2, "PH": 2, "MY": 1, "ZA": 1}, ages=(20, 45))
        self.w.population(sc, "romance_scammer", hard=True)
        cnt = rng.integers(4, 26, len(vic))
        cnt = np.maximum(2, (cnt * n / max(1, cnt.sum())).round().astype(np.int64))
        s = np.repeat(vic, cnt)
        rank = group_rank(s)
        r = np.repeat(sc[rng.integers(0, len(sc), len(vic))], cnt)
        k = len(s)
        start = np.repeat(rng.integers(0, 250, len(vic)), cnt)
        span = np.repeat(rng.integers(30, 200, len(vic)), cnt)
        day = np.clip(
            start + (rank / np.maximum(1, np.repeat(cnt, cnt) - 1) * span).astype(np.int64), 0, 364
        )
        base = np.repeat(rng.uniform(50, 300, len(vic)), cnt)
        usd = np.minimum(
            base * (np.repeat(rng.uniform(1.1, 1.45, len(vic)), cnt) ** rank), 10000
        ) * rng.lognormal(0, 0.1, k)
        t = local_times(
            rng, day, EVENING_HOURS + HUMAN_HOURS, self.acc("tz", s), self.acc("dst", s)
        )
        ch = rng.choice([MSB, BANK, P2P, CRYPTO], k, p=[0.5, 0.3, 0.15, 0.05])
        cur = np.where(ch == CRYPTO, CUR_IDX["USDT"], -1)
        self.w.emit(t, s, r, usd, 0.6, ch, memos(rng, k, 0.4, MEMO_ROMANCE), cur=cur)
        self._pending_cashout.append((np.unique(sc), (0.7, 1.0), 24.0))

    def sponsors(self, n: int) -> None:
        rng, P = self.rng, self.pool
        n_ch = max(2, n // 1500)
        cc = pick(rng, ["PH", "TH", "ID", "KH", "IN", "VN"], n_ch, _p(np.array([5, 2, 2, 1, 2, 1])))
        ch_acc = self.w.add(n_ch, cc, "org", mcc="8398")
        self.w.population(ch_acc, "sponsorship_charity", hard=True)
        k1 = int(n * 0.6)
        n_sp = max(5, k1 // 10)
        sp = P.select(
            rng,
            n_sp,
            {"US": 5, "AU": 2, "GB": 2, "CA": 1, "DE": 1, "NL": 0.5, "KR": 1},
            ages=(25, 80),
        )
        self.w.population(sp, "sponsor", hard=True)
        cnt = rng.integers(6, 13, len(sp))
        s = np.repeat(sp, cnt)
        org = np.repeat(ch_acc[rng.integers(0, n_ch, len(sp))], cnt)
        rank = group_rank(s)
        dom = np.repeat(rng.integers(0, 28, len(sp)), cnt)
        m0 = np.repeat(rng.integers(0, 4, len(sp)), cnt)
        day = np.clip((m0 + rank) * 30.4 + dom, 0, 364).astype(np.int64)
        usd = np.repeat(rng.choice([38.0, 45.0, 40.0, 50.0, 30.0], len(sp)), cnt)
        t = local_times(rng, day, OFFICE_HOURS + HUMAN_HOURS, self.acc("tz", s), self.acc("dst", s))
        ch = np.repeat(rng.choice([BANK, CARD, P2P], len(sp), p=[0.5, 0.4, 0.1]), cnt)
        self.w.emit(
            t, s, org, usd, True, ch, memos(rng, len(s), 0.4, MEMO_SPONSOR), cur=CUR_IDX["USD"]
        )
        # direct sponsors of students: foreign adult -> young account, monthly
        k2 = n - k1
        n_st = max(2, k2 // 9)
        st = P.select(rng, n_st, {"PH": 5, "TH": 1, "ID": 1, "KH": 1, "VN": 1}, ages=(15, 22))
        self.w.population(st, "sponsored_student", hard=True)
        ds = P.select(
            rng, n_st, {"US": 4, "AU": 2, "GB": 2, "CA": 1, "DE": 1, "JP": 1}, ages=(35, 80)
        )
        self.w.population(ds, "student_sponsor", hard=True)
        cnt = rng.integers(4, 13, n_st)
        s = np.repeat(ds, cnt)
        r = np.repeat(st, cnt)
        rank = group_rank(s)
        day = np.clip(
            (np.repeat(rng.integers(0, 6, n_st), cnt) + rank) * 30.4 + rng.integers(0, 5, len(s)),
            0,
            364,
        ).astype(np.int64)
        usd = np.repeat(rng.choice([50.0, 100.0, 150.0, 200.0, 75.0], n_st), cnt)
        t = local_times(rng, day, HUMAN_HOURS, self.acc("tz", s), self.acc("dst", s))
        ch = np.repeat(rng.choice([MSB, EWALLET, BANK], n_st, p=[0.5, 0.3, 0.2]), cnt)
        self.w.emit(t, s, r, usd, 0.85, ch, memos(rng, len(s), 0.35, MEMO_SPONSOR))
        self._pending_cashout.append((np.unique(st), (0.4, 1.0), 48.0))

    def charities(self, n: int) -> None:
        rng, P = self.rng, self.pool
        n_ch = max(2, n // 1000)
        cc = pick(rng, ["PH", "TH", "ID", "VN", "MM"], n_ch, _p(np.array([5, 1, 2, 1, 1])))
        org = self.w.add(n_ch, cc, "org", mcc="8398")
        self.w.population(org, "charity", hard=True)
        donors = P.select(rng, max(5, n // 2), {**SOURCE_W, "PH": 10, "ID": 3}, ages=(20, 80))
        self.w.population(donors, "donor", hard=True)
        s = donors[rng.integers(0, len(donors), n)]
        r = org[rng.integers(0, n_ch, n)]
        # disaster bursts: 40% of donations in two 10-day windows
        burst = rng.random(n) < 0.4
        day = np.where(
            burst, rng.choice([200, 300], n) + rng.integers(0, 10, n), rng.integers(0, DAYS, n)
        )
        t = local_times(rng, day, HUMAN_HOURS, self.acc("tz", s), self.acc("dst", s))
        usd = rng.choice(
            [10.0, 20.0, 25.0, 50.0, 100.0, 200.0], n, p=[0.2, 0.25, 0.15, 0.25, 0.1, 0.05]
        )
        ch = rng.choice([CARD, BANK, EWALLET, P2P, MSB], n, p=[0.35, 0.25, 0.2, 0.1, 0.1])
        self.w.emit(t, s, r, usd, True, ch, memos(rng, n, 0.4, MEMO_CHARITY))

    def tourists(self, n: int) -> None:
        rng, P = self.rng, self.pool
        n_t = max(3, n // 20)
        tou = P.select(
            rng,
            n_t,
            {"US": 3, "GB": 2, "AU": 3, "DE": 2, "KR": 3, "JP": 2, "SG": 2, "FR": 1, "NL": 1},
            ages=(20, 75),
        )
        self.w.population(tou, "tourist", hard=True)
        dest = pick(
            rng, ["PH", "TH", "VN", "ID", "KH", "MY"], n_t, _p(np.array([3, 4, 2, 2, 1, 1]))
        )
        self._trips(
            tou,
            dest,
            rng.integers(5, 17, n_t),
            rng.integers(0, 340, n_t),
            lab=0,
            typ="",
            atm_every=4.0,
            gifts=0.15,
            p2p=0.1,
        )

    def _trips(
        self,
        who: Arr,
        dest: Arr,
        length: Arr,
        start: Arr,
        lab: int,
        typ: str,
        atm_every: float,
        gifts: float,
        p2p: float,
        contacts: Arr | None = None,
    ) -> None:
        rng = self.rng
        home = self.acc("cc", who)
        # flight booked 10-60 days before, at a home-country airline
        for c in np.unique(home):
            m = home == c
            al = self.merchants(CC[c], "4511", 3)
            bd = np.maximum(0, start[m] - rng.integers(10, 60, m.sum()))
            t = local_times(rng, bd, HUMAN_HOURS, self.acc("tz", who[m]), self.acc("dst", who[m]))
            self.w.emit(
                t,
                who[m],
                al[rng.integers(0, 3, m.sum())],
                rng.lognormal(np.log(1100), 0.3, m.sum()),
                False,
                CARD,
                lab=lab,
                typ=typ,
            )
        for d in np.unique(dest):
            m = dest == d
            w = who[m]
            L = length[m]
            st = start[m]
            tz = np.full(len(w), COUNTRIES[d][1][0][0])
            z = np.zeros(len(w), np.int64)
            hotels = self.merchants(d, "7011", 8)
            n_h = np.maximum(1, L // rng.integers(3, 8, len(w)))
            hw = np.repeat(np.arange(len(w)), n_h)
            hd = np.minimum(st[hw] + rng.integers(0, 1 + L[hw]), 364)
            self.w.emit(
                local_times(rng, hd, HUMAN_HOURS, tz[hw], z[hw]),
                w[hw],
                hotels[rng.integers(0, len(hotels), len(hw))],
                rng.lognormal(np.log(60), 0.6, len(hw)) * 3,
                False,
                CARD,
                lab=lab,
                typ=typ,
            )
            atm = self.merchants(d, "6011", 6)
            n_a = np.maximum(1, (L / atm_every * rng.uniform(0.7, 1.3, len(w))).astype(np.int64))
            aw = np.repeat(np.arange(len(w)), n_a)
            ad = np.minimum(st[aw] + rng.integers(0, 1 + L[aw]), 364)
            self.w.emit(
                local_times(rng, ad, HUMAN_HOURS, tz[aw], z[aw]),
                w[aw],
                atm[rng.integers(0, len(atm), len(aw))],
                rng.lognormal(np.log(150), 0.4, len(aw)),
                True,
                CARD,
                cur=CUR_IDX[COUNTRIES[d][0]],
                lab=lab,
                typ=typ,
            )
            # restaurants and groceries: always benign
            food = np.r_[self.merchants(d, "5812"), self.merchants(d, "5411")]
            n_f = rng.poisson(L * 1.5)
            fw = np.repeat(np.arange(len(w)), n_f)
            fd = np.minimum(st[fw] + rng.integers(0, 1 + L[fw]), 364)
            self.w.emit(
                local_times(rng, fd, HUMAN_HOURS, tz[fw], z[fw]),
                w[fw],
                food[rng.integers(0, len(food), len(fw))],
                rng.lognormal(np.log(18), 0.6, len(fw)),
                False,
                CARD,
            )
            tours = self.merchants(d, "4722", 4)
            gi = rng.random(len(w)) < 0.6
            self.w.emit(
                local_times(rng, np.minimum(st[gi] + 1, 364), HUMAN_HOURS, tz[gi], z[gi]),
                w[gi],
                tours[rng.integers(0, 4, gi.sum())],
                rng.lognormal(np.log(70), 0.5, gi.sum()),
                False,
                CARD,
            )
            shops = np.r_[self.merchants(d, "5944", 4), self.merchants(d, "5947", 4)]
            n_g = np.where(rng.random(len(w)) < gifts, rng.integers(1, 5, len(w)), 0)
            gw = np.repeat(np.arange(len(w)), n_g)
            gd = np.minimum(st[gw] + rng.integers(0, 1 + L[gw]), 364)
            self.w.emit(
                local_times(rng, gd, HUMAN_HOURS, tz[gw], z[gw]),
                w[gw],
                shops[rng.integers(0, len(shops), len(gw))],
                rng.lognormal(np.log(120), 0.8, len(gw)),
                False,
                CARD,
                lab=lab,
                typ=typ,
            )
            n_p = np.where(rng.random(len(w)) < p2p, rng.integers(1, 6, len(w)), 0)
            pw = np.repeat(np.arange(len(w)), n_p)
            if len(pw):
                if contacts is None:
                    locals_ = self.pool.person[self.pool.cc == CC_IDX[d]]
                    to = locals_[rng.integers(0, len(locals_), len(w))][pw]
                else:
                    to = contacts[m][pw]
                pd = np.minimum(st[pw] + rng.integers(0, 1 + L[pw]), 364)
                self.w.emit(
                    local_times(rng, pd, EVENING_HOURS, tz[pw], z[pw]),
                    w[pw],
                    to,
                    rng.lognormal(np.log(40), 0.6, len(pw)),
                    0.7,
                    EWALLET,
                    cur=CUR_IDX[COUNTRIES[d][0]],
                    lab=lab,
                    typ=typ,
                )

    def foreign_spouses(self, n: int) -> None:
        rng, P = self.rng, self.pool
        n_s = max(2, n // 30)
        sp = P.select(
            rng,
            n_s,
            {"US": 4, "AU": 3, "GB": 2, "DE": 1, "JP": 1, "NO": 0.5, "SE": 0.5},
            sex="M",
            ages=(35, 75),
            migrants=False,
        )
        self.w.population(sp, "foreign_spouse", hard=True)
        n_r = rng.integers(1, 5, len(sp))
        owner = np.repeat(sp, n_r)
        inlaw = P.select(rng, len(owner), {"PH": 5, "TH": 3, "VN": 1, "ID": 1})
        self.w.population(inlaw, "in_law", hard=True)
        per = np.maximum(1, rng.poisson(n / len(owner), len(owner)))
        s = np.repeat(owner, per)
        r = np.repeat(inlaw, per)
        k = len(s)
        t = local_times(
            rng,
            payday_days(rng, k),
            HUMAN_HOURS + EVENING_HOURS,
            self.acc("tz", s),
            self.acc("dst", s),
        )
        usd = np.repeat(
            rng.choice([100.0, 150.0, 200.0, 300.0, 50.0], len(owner)), per
        ) * rng.lognormal(0, 0.15, k)
        ch = rng.choice([MSB, BANK, EWALLET], k, p=[0.6, 0.2, 0.2])
        self.w.emit(t, s, r, usd, 0.8, ch, memos(rng, k, 0.5, MEMO_FAMILY))

    def teen_rapid(self, n: int) -> None:
        rng, P = self.rng, self.pool
        n_ep = max(2, n // 3)
        teens = P.select(rng, n_ep, None, ages=(13, 17))
        self.w.population(teens, "teen_rapid_payer", hard=True)
        payee = P.select(rng, n_ep, None, ages=(16, 40))
        cnt = rng.integers(2, 5, n_ep)
        s = np.repeat(teens, cnt)
        r = np.repeat(payee, cnt)
        d0 = np.repeat(rng.integers(0, DAYS - 2, n_ep), cnt)
        day = d0 + (rng.random(len(s)) < 0.3)
        t = local_times(rng, day, EVENING_HOURS, self.acc("tz", s), self.acc("dst", s))
        usd = rng.lognormal(np.log(35), 0.7, len(s))
        self.w.emit(
            t,
            s,
            r,
            usd,
            0.6,
            rng.choice([P2P, EWALLET], len(s)),
            memos(
                rng, len(s), 0.5, ("tickets", "split", "for the shoes", "pls send", "rest", "half")
            ),
        )

    def crypto_traders(self, n: int) -> None:
        rng, P = self.rng, self.pool
        n_tr = max(5, n // 15)
        tr = P.select(rng, n_tr, {**SOURCE_W, "PH": 4, "VN": 3, "TH": 2}, ages=(18, 55))
        self.w.population(tr, "crypto_user", hard=True)
        ex = np.r_[
            self.merchants("US", "6051", 3),
            self.merchants("SG", "6051", 2),
            self.merchants("SC", "6051", 2),
        ]
        k1 = n // 3
        s = tr[rng.integers(0, n_tr, k1)]
        t = local_times(
            rng,
            rng.integers(0, DAYS, k1),
            HUMAN_HOURS + NIGHT_HOURS * 0.5,
            self.acc("tz", s),
            self.acc("dst", s),
        )
        self.w.emit(
            t,
            s,
            ex[rng.integers(0, len(ex), k1)],
            rng.lognormal(np.log(200), 1.0, k1),
            0.7,
            rng.choice([CARD, BANK], k1),
        )
        # crypto casino deposit clusters and peer wallets
        n_cas = max(4, n // 800)
        cas = self.w.add(n_cas, pick(rng, ["SC", "VG", "HK", "NL"], n_cas), "address", idstyle=1)
        self.w.population(cas, "crypto_casino", hard=True)
        k2 = n - k1 - n // 10
        s = tr[rng.integers(0, n_tr, k2)]
        r = cas[rng.zipf(1.8, k2).clip(1, n_cas) - 1]
        t = local_times(
            rng,
            rng.integers(0, DAYS, k2),
            NIGHT_HOURS + HUMAN_HOURS,
            self.acc("tz", s),
            self.acc("dst", s),
        )
        coin = rng.choice(
            [CUR_IDX["USDT"], CUR_IDX["BTC"], CUR_IDX["ETH"]], k2, p=[0.55, 0.3, 0.15]
        )
        self.w.emit(
            t, s, r, rng.lognormal(np.log(60), 0.9, k2), coin == CUR_IDX["USDT"], CRYPTO, cur=coin
        )
        k3 = n // 10
        src = cas[rng.integers(0, n_cas, k3)]
        main = self.w.add(2, "SC", "address", idstyle=1)
        self.w.population(main, "crypto_casino", hard=True)
        t = T0 + rng.integers(0, DAYS * DAY, k3)
        self.w.emit(
            t,
            src,
            main[rng.integers(0, 2, k3)],
            rng.lognormal(np.log(2000), 0.8, k3),
            False,
            CRYPTO,
            cur=CUR_IDX["USDT"],
        )

    # illicit ---------------------------------------------------------------------------------
    def consumers(
        self,
        budget: int,
        receivers: Arr,
        rec_w: Arr,
        typ: str,
        lone_share: float,
        m_range: tuple[int, int] = (1, 8),
        cluster_of: Arr | None = None,
    ) -> Arr:
        """T1-style consumers paying `receivers`; returns the consumer accounts."""
        rng, P = self.rng, self.pool
        if budget <= 0 or len(receivers) == 0:
            return np.zeros(0, np.int64)
        # activity: regular consumers (months x monthly rate) and lone ones (1-2 payments)
        cap = 4 * budget + 20
        months = np.minimum(rng.geometric(0.35, cap), 12)
        rate = np.clip(rng.lognormal(np.log(4), 0.8, cap), 1, 30)
        n_reg = np.maximum(2, rng.poisson(months * rate * rng.uniform(0.5, 1.0, cap)))
        lone = rng.random(cap) < lone_share
        n_pay = np.where(lone, rng.choice([1, 2], cap, p=[0.7, 0.3]), n_reg)
        cum = np.cumsum(n_pay)
        k = int(np.searchsorted(cum, budget) + 1)
        n_pay = n_pay[:k]
        lone = lone[:k]
        months = months[:k]
        cons = P.select(rng, k, OFFENDER_W, sex="M", ages=(22, 75), exclusive=True, migrants=False)
        k = len(cons)
        n_pay, lone, months = n_pay[:k], lone[:k], months[:k]
        # receivers per consumer
        m = np.where(lone, 1, np.clip(rng.geometric(0.45, k), m_range[0], m_range[1]))
        slots = np.full((k, 8), -1, np.int64)
        if cluster_of is None:
            for j in range(8):
                slots[:, j] = receivers[rng.choice(len(receivers), k, p=_p(rec_w))]
        else:
            # cluster members only: choose a cluster, then members of it
            cl_ids = np.unique(cluster_of)
            cl = cl_ids[rng.integers(0, len(cl_ids), k)]
            for j in range(8):
                for c in cl_ids:
                    mm = cl == c
                    mem = receivers[cluster_of == c]
                    slots[mm, j] = mem[rng.integers(0, len(mem), mm.sum())]
        # events
        owner = np.repeat(np.arange(k), n_pay)
        rank = group_rank(owner)
        n_e = len(owner)
        b = rng.choice([1, 2, 3], k, p=[0.5, 0.35, 0.15])
        sess = rank // b[owner]
        n_sess = (n_pay + b - 1) // b
        sess_start = np.r_[0, np.cumsum(n_sess)[:-1]]
        sid = sess_start[owner] + sess
        tot_s = int(n_sess.sum())
        s_owner = np.repeat(np.arange(k), n_sess)
        span = np.minimum(months * 30, DAYS - 1)
        d0 = rng.integers(0, DAYS - span + 1)
        s_day = d0[s_owner] + (rng.random(tot_s) * span[s_owner]).astype(np.int64)
        s_day = np.minimum(s_day, DAYS - 1)
        order = np.lexsort((s_day, s_owner))
        s_day = s_day[order]
        night = rng.random(k) < 0.8
        tz, dst = self.acc("tz", cons), self.acc("dst", cons)
        t_n = local_times(rng, s_day, NIGHT_HOURS, tz[s_owner], dst[s_owner])
        t_d = local_times(rng, s_day, HUMAN_HOURS, tz[s_owner], dst[s_owner])
        s_t = np.where(night[s_owner], t_n, t_d)
        gap = (rng.uniform(5, 50, n_e) * 60 * (rank % b[owner])).astype(np.int64)
        t = s_t[sid] + gap
        frac = (rank + 1) / n_pay[owner]
        avail = np.maximum(1, np.ceil(m[owner] * frac)).astype(np.int64)
        slot = np.minimum((rng.random(n_e) * avail).astype(np.int64), m[owner] - 1)
        r = slots[owner, slot]
        # amounts
        typ_amt = np.exp(rng.uniform(np.log(15), np.log(100), k))
        usd = typ_amt[owner] * rng.lognormal(0, 0.3, n_e)
        wide = rng.random(n_e) < 0.08
        usd[wide] = rng.uniform(10, 200, int(wide.sum()))
        drift = (rng.random(k) < 0.1)[owner] & (frac > 0.5)
        usd[drift] = rng.uniform(150, 250, int(drift.sum()))
        rp = np.clip(rng.beta(8, 2, k), 0.4, 0.98)
        rnd = rng.random(n_e) < rp[owner]
        pref = rng.choice([MSB, EWALLET, BANK, P2P, CARD], k, p=[0.5, 0.2, 0.15, 0.1, 0.05])
        alt = rng.choice([MSB, EWALLET, BANK, P2P], n_e, p=[0.4, 0.3, 0.15, 0.15])
        ch = np.where(rng.random(n_e) < 0.8, pref[owner], alt)
        # memos
        style = rng.choice(4, k, p=[0.5, 0.3, 0.1, 0.1])
        memo = np.full(n_e, None, object)
        st = style[owner]
        u = rng.random(n_e)
        cov = ((st == 1) & (u < 0.7)) | ((st == 3) & (u < 0.3))
        memo[cov] = pick(rng, MEMO_COVER, int(cov.sum()))
        hnd = ((st == 2) & (u < 0.6)) | ((st == 3) & (u >= 0.3) & (u < 0.45))
        handles = self.w.col("handle")[r[hnd]]
        memo[hnd] = np.where(handles == "", None, handles)
        code = (st == 3) & (u >= 0.45) & (u < 0.55)
        memo[code] = pick(rng, MEMO_CODE, int(code.sum()))
        mund = (st == 0) & (u < 0.08)
        memo[mund] = pick(rng, ("hi", "thanks", "gift", "happy birthday", "ty"), int(mund.sum()))
        self.w.emit(t, cons[owner], r, usd, rnd, ch, memo, lab=1, typ=typ)
        self.last_r = self.w.t["r"][-1]
        self.ancillary(cons[~lone & (rng.random(k) < 0.4)])
        self.w.label(cons, typ, "consumer")
        self.w.population(cons, "offender_" + typ)
        return cons

    def ancillary(self, who: Arr) -> None:
        """Item 8: VPN/encryption, software and livestream-platform card purchases (legal, so
        labelled 0; they only co-occur with the offending)."""
        rng = self.rng
        if len(who) == 0:
            return
        cnt = rng.integers(1, 7, len(who))
        s = np.repeat(who, cnt)
        k = len(s)
        kind = rng.choice(3, k, p=[0.5, 0.2, 0.3])
        vpn = np.r_[self.merchants("US", "4816", 3), self.merchants("CH", "4816", 2)]
        sw = np.r_[self.merchants("US", "5734", 3), self.merchants("VG", "5734", 2)]
        cam = np.r_[self.merchants("US", "5967", 3), self.merchants("NL", "5967", 2)]
        r = np.where(
            kind == 0,
            vpn[rng.integers(0, len(vpn), k)],
            np.where(kind == 1, sw[rng.integers(0, len(sw), k)], cam[rng.integers(0, len(cam), k)]),
        )
        usd = np.choose(
            kind,
            [rng.choice([4.99, 9.99, 11.99], k), rng.uniform(20, 60, k), rng.uniform(10, 50, k)],
        )
        t = local_times(
            rng,
            rng.integers(0, DAYS, k),
            NIGHT_HOURS + HUMAN_HOURS,
            self.acc("tz", s),
            self.acc("dst", s),
        )
        self.w.emit(t, s, r, usd, False, CARD)

    def facilitators(self, n: int, countries: dict[str, float], typ: str, role: str) -> Arr:
        rng, P = self.rng, self.pool
        f = P.select(rng, n, countries, ages=(24, 60), exclusive=True)
        handles = np.array(
            [
                "@" + g.lower() + sfx
                for g, sfx in zip(
                    self.w.col("given")[f],
                    pick(rng, ["_", "x", "22", "09", "_ph", "bby"], len(f)),
                    strict=True,
                )
            ],
            object,
        )
        has_h = rng.random(len(f)) < 0.5
        self.w.col("handle")[f[has_h]] = handles[has_h]
        self.w.label(f, typ, role)
        self.w.population(f, "facilitator_" + typ)
        return f

    def households(self, hubs: Arr, typ: str) -> tuple[Arr, Arr]:
        """2-6 linked accounts per hub (shared device, mostly shared surname)."""
        rng = self.rng
        n_h = rng.integers(2, 7, len(hubs))
        owner = np.repeat(hubs, n_h)
        k = len(owner)
        cc = np.array([CC[c] for c in self.acc("cc", owner)], object)
        sex = np.where(rng.random(k) < 0.6, "F", "M").astype(object)
        birth = rng.integers(1960, 2004, k).astype(np.int64)
        sur, giv = self.w.names(np.array([COUNTRIES[c][3] for c in cc], object), sex)
        same = rng.random(k) < 0.8
        sur[same] = self.w.col("surname")[owner[same]]
        dev = np.where(
            rng.random(k) < 0.8, self.acc("device", owner), self.w.n + np.arange(k) + 10**8
        )
        hh = self.w.add(
            k,
            cc,
            "person",
            sex=sex,
            birth=birth,
            surname=sur,
            given=giv,
            device=dev.astype(np.int64),
        )
        self.w.label(hh, typ, "household")
        self.w.population(hh, "household_" + typ)
        return hh, owner

    def plant_t1_t2(self, b1: int, b2: int) -> None:
        rng = self.rng
        fac_c = {
            "PH": 70,
            "TH": 8,
            "ID": 4,
            "VN": 3,
            "KH": 4,
            "CO": 3,
            "DO": 2,
            "MX": 2,
            "MY": 2,
            "BR": 1,
        }
        n_hubs = max(2, int((b1 + b2) / 120))
        hubs = self.facilitators(n_hubs, fac_c, "T2", "facilitator")
        hh, hh_owner = self.households(hubs, "T2")
        small = self.facilitators(max(2, n_hubs), fac_c, "T1", "facilitator")
        pop = np.r_[rng.zipf(1.5, n_hubs).clip(1, 40) + 3.0, np.full(len(small), 0.4)]
        recv = np.r_[hubs, small]
        before = self.w.n_tx()
        self.last_r = np.zeros(0, np.int64)
        self.consumers(round((b1 + b2) / 1.7), recv, pop, "T1", lone_share=0.7)
        # move ~25% of hub-bound consumer payments to the hub's household accounts
        r = self.last_r if self.w.n_tx() > before else np.zeros(0, np.int64)
        is_hub = np.isin(r, hubs)
        mv = is_hub & (rng.random(len(r)) < 0.25)
        for i in np.flatnonzero(mv):
            cands = hh[hh_owner == r[i]]
            r[i] = cands[rng.integers(0, len(cands))]
        # household accounts forward to the hub (60%) or cash out; hubs cash out
        fw = np.where(rng.random(len(hh)) < 0.6, hh_owner, -1)
        order = np.argsort(hh)
        self.cashout(hh[order], (0.7, 1.0), 30.0, lab=1, typ="T2", forward_to=fw[order])
        self.cashout(np.sort(np.r_[hubs]), (0.6, 1.0), 44.0, lab=1, typ="T2")
        self.cashout(np.sort(small), (0.5, 1.0), 60.0, lab=1, typ="T1")

    def plant_t3(self, budget: int) -> None:
        rng = self.rng
        if budget <= 0:
            return
        n_cl = max(1, budget // 250)
        size = rng.integers(3, 11, n_cl)
        fac = self.facilitators(
            int(size.sum()), {"PH": 80, "TH": 8, "KH": 6, "VN": 3, "ID": 3}, "T3", "facilitator"
        )
        cl = np.repeat(np.arange(n_cl), size)
        self.consumers(
            round(budget / 1.9),
            fac,
            np.ones(len(fac)),
            "T3",
            lone_share=0.3,
            m_range=(2, 5),
            cluster_of=cl,
        )
        # a boss per cluster; a third of members forward to the boss
        boss = np.array([fac[cl == c][0] for c in range(n_cl)])
        self.w.label(boss, "T3", "boss")
        fw = np.where((rng.random(len(fac)) < 0.35) & ~np.isin(fac, boss), boss[cl], -1)
        order = np.argsort(fac)
        self.cashout(fac[order], (0.6, 1.0), 40.0, lab=1, typ="T3", forward_to=fw[order])

    def plant_t4(self, budget: int) -> None:
        rng, P = self.rng, self.pool
        if budget <= 0:
            return
        n_o = max(1, round(budget / 57))
        off = P.select(
            rng,
            n_o,
            {
                "US": 4,
                "GB": 2,
                "AU": 3,
                "DE": 2,
                "CA": 1,
                "NZ": 1,
                "NL": 1,
                "NO": 1,
                "CH": 1,
                "JP": 1,
                "KR": 1,
            },
            sex="M",
            ages=(50, 80),
            exclusive=True,
            migrants=False,
        )
        n_o = len(off)
        self.w.label(off, "T4", "traveller")
        self.w.population(off, "offender_T4")
        dest = pick(rng, ["PH", "TH", "KH", "VN", "ID"], n_o, _p(np.array([6, 3, 2, 1, 1])))
        contacts = np.zeros(n_o, np.int64)
        for d in np.unique(dest):
            m = dest == d
            contacts[m] = self.facilitators(int(m.sum()), {d: 1.0}, "T4", "facilitator")
        trips = np.minimum(rng.integers(1, 4, n_o), max(1, budget // 40))
        who = np.repeat(off, trips)
        de = np.repeat(dest, trips)
        co = np.repeat(contacts, trips)
        L = rng.integers(14, 46, len(who))
        start = rng.integers(0, 330, len(who))
        self._trips(
            who, de, L, start, lab=1, typ="T4", atm_every=1.8, gifts=0.8, p2p=0.85, contacts=co
        )
        # pre-trip remittances to the contacts
        n_r = rng.integers(1, 7, n_o)
        s = np.repeat(off, n_r)
        r = np.repeat(contacts, n_r)
        t = local_times(
            rng, rng.integers(0, DAYS, len(s)), EVENING_HOURS, self.acc("tz", s), self.acc("dst", s)
        )
        self.w.emit(
            t,
            s,
            r,
            rng.uniform(40, 200, len(s)),
            0.75,
            rng.choice([MSB, EWALLET], len(s), p=[0.7, 0.3]),
            memos(rng, len(s), 0.6, MEMO_COVER),
            lab=1,
            typ="T4",
        )
        # a usual short trip somewhere benign for half of them
        h = rng.random(n_o) < 0.5
        self._trips(
            off[h],
            pick(rng, ["US", "GB", "DE", "JP"], int(h.sum())),
            rng.integers(4, 9, int(h.sum())),
            rng.integers(0, 340, int(h.sum())),
            lab=0,
            typ="",
            atm_every=5.0,
            gifts=0.05,
            p2p=0.0,
        )

    def plant_t5(self, budget: int) -> None:
        rng, P = self.rng, self.pool
        if budget <= 0:
            return
        n_v = max(2, int(budget * 0.55 / 3.8))
        vcc = {"US": 6, "CA": 1.5, "GB": 2, "AU": 1.5, "PH": 1, "DE": 0.5, "SG": 0.3}
        boys = P.select(rng, int(n_v * 0.85), vcc, sex="M", ages=(14, 17), exclusive=True)
        girls = P.select(rng, n_v - len(boys), vcc, sex="F", ages=(14, 17), exclusive=True)
        vic = np.r_[boys, girls]
        n_v = len(vic)
        self.w.label(vic, "T5", "victim")
        self.w.population(vic, "fsec_victim")
        n_m = max(1, n_v // 12)
        mule = P.select(
            rng,
            n_m,
            {"US": 4, "NG": 2.5, "CI": 0.5, "PH": 1.5, "GB": 1, "CA": 0.5},
            ages=(18, 35),
            exclusive=True,
        )
        n_m = len(mule)
        self.w.label(mule, "T5", "mule")
        self.w.population(mule, "fsec_mule")
        org = P.select(
            rng, max(1, n_m // 4), {"NG": 5, "CI": 1, "PH": 1}, ages=(20, 40), exclusive=True
        )
        self.w.label(org, "T5", "organiser")
        self.w.population(org, "fsec_organiser")
        cnt = rng.integers(2, 7, n_v)
        s = np.repeat(vic, cnt)
        rank = group_rank(s)
        my_mule = mule[rng.zipf(1.4, n_v).clip(1, n_m) - 1]
        r = np.repeat(my_mule, cnt)
        first = rng.uniform(25, 240, n_v)
        g = rng.uniform(1.1, 1.9, n_v)
        amt = np.repeat(first, cnt) * np.repeat(g, cnt) ** rank
        cs = np.cumsum(amt)
        start_i = np.repeat(np.r_[0, np.cumsum(cnt)[:-1]], cnt)
        cum = cs - np.r_[0, cs][start_i]
        amt = np.where(cum > 1500, np.maximum(5, 1500 - (cum - amt)), amt)
        keep = (cum - amt) < 1495
        d0 = np.repeat(rng.integers(0, DAYS - 3, n_v), cnt)
        span_h = np.repeat(rng.uniform(20, 70, n_v), cnt)
        t0 = local_times(
            rng, d0, EVENING_HOURS + NIGHT_HOURS, self.acc("tz", s), self.acc("dst", s)
        )
        t = t0 + (rank / np.maximum(1, np.repeat(cnt, cnt) - 1) * span_h * 3600).astype(np.int64)
        gift = np.repeat(rng.random(n_v) < 0.2, cnt)
        ch = np.where(
            gift,
            CARD,
            np.repeat(rng.choice([P2P, MSB, EWALLET, BANK], n_v, p=[0.55, 0.2, 0.15, 0.1]), cnt),
        )
        cc = self.acc("cc", s)
        for c in np.unique(cc[gift]):
            mm = gift & (cc == c)
            shop = self.merchants(CC[c], "5947", 4)
            r[mm] = shop[rng.integers(0, len(shop), mm.sum())]
        amt = np.where(gift, np.maximum(25, np.round(amt / 25) * 25), amt)
        self.w.emit(
            t[keep],
            s[keep],
            r[keep],
            amt[keep],
            np.where(gift, True, rng.random(len(s)) < 0.4)[keep],
            ch[keep],
            memos(rng, int(keep.sum()), 0.75, MEMO_T5),
            lab=1,
            typ="T5",
        )
        # mules forward: to a crypto exchange (card/bank) or abroad to an organiser
        fw = np.where(rng.random(n_m) < 0.5, org[rng.integers(0, len(org), n_m)], -1)
        order = np.argsort(mule)
        self.cashout(mule[order], (0.7, 0.95), 30.0, lab=1, typ="T5", forward_to=fw[order])

    def plant_t6(self, budget: int) -> None:
        rng, P = self.rng, self.pool
        if budget <= 0:
            return
        n_sites = max(1, budget // 150)
        n_addr = rng.integers(3, 16, n_sites)
        addr = self.w.add(
            int(n_addr.sum()),
            pick(rng, ["RU", "NL", "SC", "VG", "HK"], int(n_addr.sum())),
            "address",
            idstyle=1,
        )
        site_of = np.repeat(np.arange(n_sites), n_addr)
        self.w.label(addr, "T6", "site")
        self.w.population(addr, "csam_site")
        mains = self.w.add(n_sites, pick(rng, ["RU", "SC", "VG"], n_sites), "address", idstyle=1)
        self.w.label(mains, "T6", "site")
        self.w.population(mains, "csam_site")
        pay_budget = int(budget * 0.6)
        cnt_cap = np.clip(rng.geometric(0.15, pay_budget + 1), 1, 20)
        k = int(np.searchsorted(np.cumsum(cnt_cap), pay_budget) + 1)
        cons = P.select(
            rng,
            k,
            {
                "US": 4,
                "GB": 1.5,
                "DE": 1.5,
                "CA": 1,
                "AU": 1,
                "NL": 1,
                "FR": 1,
                "JP": 1,
                "KR": 1,
                "SE": 0.5,
            },
            sex="M",
            ages=(18, 50),
            exclusive=True,
            migrants=False,
        )
        k = len(cons)
        cnt = cnt_cap[:k]
        self.w.label(cons, "T6", "consumer")
        self.w.population(cons, "offender_T6")
        s = np.repeat(cons, cnt)
        n_e = len(s)
        site = np.repeat(rng.integers(0, n_sites, k), cnt)
        other = rng.random(n_e) < 0.2
        site[other] = rng.integers(0, n_sites, int(other.sum()))
        starts = np.r_[0, np.cumsum(n_addr)[:-1]]
        r = addr[starts[site] + (rng.random(n_e) * n_addr[site]).astype(np.int64)]
        t = local_times(
            rng,
            rng.integers(1, DAYS, n_e),
            NIGHT_HOURS + EVENING_HOURS,
            self.acc("tz", s),
            self.acc("dst", s),
        )
        usd = rng.choice([20.0, 25.0, 50.0, 75.0, 100.0, 150.0], n_e) * rng.lognormal(0, 0.05, n_e)
        coin = rng.choice(
            [CUR_IDX["BTC"], CUR_IDX["USDT"], CUR_IDX["ETH"]], n_e, p=[0.4, 0.45, 0.15]
        )
        # the purchase at an exchange shortly before (benign-labelled on its own)
        buy = rng.random(n_e) < 0.7
        ex = np.r_[
            self.merchants("US", "6051", 3),
            self.merchants("SG", "6051", 2),
            self.merchants("SC", "6051", 2),
        ]
        self.w.emit(
            t[buy] - rng.integers(600, 20 * 3600, int(buy.sum())),
            s[buy],
            ex[rng.integers(0, len(ex), int(buy.sum()))],
            usd[buy] * rng.uniform(1.0, 1.3, int(buy.sum())),
            0.6,
            rng.choice([CARD, BANK], int(buy.sum())),
        )
        self.w.emit(t, s, r, usd, coin == CUR_IDX["USDT"], CRYPTO, cur=coin, lab=1, typ="T6")
        # consolidation of each site's addresses into its main address, weekly
        ts, rr, uu = self.w.t["ts"][-1], self.w.t["r"][-1], self.w.t["usd"][-1]
        week = day_of(ts) // 30
        key = rr * 100 + week
        uk, inv = np.unique(key, return_inverse=True)
        tot = np.bincount(inv, uu)
        a = uk // 100
        ai = np.searchsorted(addr, a)
        tc = T0 + (uk % 100 + 1) * 30 * DAY + rng.integers(0, DAY, len(uk))
        tc = np.minimum(tc, T0 + DAYS * DAY - 1)
        self.w.emit(
            tc,
            a,
            mains[site_of[ai]],
            tot * 0.98,
            False,
            CRYPTO,
            cur=CUR_IDX["BTC"],
            lab=1,
            typ="T6",
        )

    def plant_t7(self, budget: int) -> None:
        rng, P = self.rng, self.pool
        if budget <= 0:
            return
        cap = budget + 5
        months = np.clip(rng.geometric(0.3, cap), 2, 12)
        rate = rng.integers(2, 13, cap)
        cnt = np.maximum(2, rng.poisson(months * rate * 0.5))
        k = int(np.searchsorted(np.cumsum(cnt), budget) + 1)
        payer = P.select(
            rng,
            k,
            {**OFFENDER_W, "AE": 2, "SA": 2},
            sex="M",
            ages=(30, 75),
            exclusive=True,
            migrants=False,
        )
        k = len(payer)
        cnt, months = cnt[:k], months[:k]
        n_y = max(1, int(k * 0.8))
        yc = {"PH": 6, "TH": 2, "ID": 1, "VN": 1, "KH": 1, "CO": 1, "DO": 0.5, "BR": 0.5}
        girls = P.select(rng, int(n_y * 0.7), yc, sex="F", ages=(15, 17), exclusive=True)
        boys = P.select(rng, n_y - len(girls), yc, sex="M", ages=(15, 17), exclusive=True)
        young = np.r_[girls, boys]
        self.w.label(payer, "T7", "offender")
        self.w.population(payer, "offender_T7")
        self.w.label(young, "T7", "victim")
        self.w.population(young, "t7_victim")
        my = young[rng.integers(0, len(young), k)]
        s = np.repeat(payer, cnt)
        r = np.repeat(my, cnt)
        second = rng.random(len(s)) < 0.15
        y_cc = self.acc("cc", young)
        r_cc = self.acc("cc", r)
        for c in np.unique(r_cc[second]):
            mm = second & (r_cc == c)
            same = young[y_cc == c]
            r[mm] = same[rng.integers(0, len(same), int(mm.sum()))]
        span = months * 30
        d0 = rng.integers(0, np.maximum(1, DAYS - span))
        day = np.minimum(
            np.repeat(d0, cnt) + (rng.random(len(s)) * np.repeat(span, cnt)).astype(np.int64),
            DAYS - 1,
        )
        t = local_times(
            rng, day, NIGHT_HOURS + EVENING_HOURS, self.acc("tz", s), self.acc("dst", s)
        )
        usd = np.repeat(np.exp(rng.uniform(np.log(10), np.log(120), k)), cnt) * rng.lognormal(
            0, 0.3, len(s)
        )
        ch = rng.choice([EWALLET, MSB, P2P, BANK], len(s), p=[0.4, 0.35, 0.2, 0.05])
        self.w.emit(t, s, r, usd, 0.7, ch, memos(rng, len(s), 0.55, MEMO_T7), lab=1, typ="T7")

    # assemble --------------------------------------------------------------------------------
    def run(self) -> Generated:
        n, h = self.n_tx, self.hard
        B = self.illicit
        split = {"T1": 0.32, "T2": 0.14, "T3": 0.14, "T4": 0.08, "T5": 0.12, "T6": 0.10, "T7": 0.10}
        b = {k: round(B * v) for k, v in split.items()}
        self.plant_t1_t2(b["T1"], b["T2"])
        self.plant_t3(b["T3"])
        self.plant_t4(b["T4"])
        self.plant_t5(b["T5"])
        self.plant_t6(b["T6"])
        self.plant_t7(b["T7"])
        self.salaries_bills(int(n * 0.08))
        self.p2p_domestic(int(n * 0.20))
        self.diaspora(int(n * 0.17))
        self.freelance(int(n * 0.03), h)
        self.gaming(int(n * 0.03))
        self.online_sellers(int(n * 0.03 * max(h, 0.3)), h)
        if h > 0:
            self.creators(int(n * 0.02 * h))
            self.romance(int(n * 0.01 * h))
            self.sponsors(int(n * 0.015 * h))
            self.charities(int(n * 0.01 * h))
            self.tourists(int(n * 0.015 * h))
            self.foreign_spouses(int(n * 0.007 * h))
            self.teen_rapid(int(n * 0.005 * h))
            self.crypto_traders(int(n * 0.008 * h))
        for holders, share, within in self._pending_cashout:
            self.cashout(np.unique(holders), share, within)
        self.card_filler(n - self.w.n_tx())
        return self.finish()

    def finish(self) -> Generated:
        rng, w = self.rng, self.w
        ts, s, r = w.tcol("ts"), w.tcol("s"), w.tcol("r")
        usd, rnd, ch = w.tcol("usd"), w.tcol("rnd"), w.tcol("ch")
        memo, cur, lab, typ = w.tcol("memo"), w.tcol("cur"), w.tcol("lab"), w.tcol("typ")
        # trim to exactly n_tx, dropping unlabelled rows only
        if len(ts) > self.n_tx:
            drop = rng.choice(np.flatnonzero(lab == 0), len(ts) - self.n_tx, replace=False)
            keep = np.ones(len(ts), bool)
            keep[drop] = False
            ts, s, r, usd, rnd, ch, memo, cur, lab, typ = (
                x[keep] for x in (ts, s, r, usd, rnd, ch, memo, cur, lab, typ)
            )
        n = len(ts)
        loop = s == r
        if loop.any():
            r = r.copy()
            r[loop] = self.pool.person[rng.integers(0, len(self.pool.person), int(loop.sum()))]
            r = np.where(
                r == s,
                self.pool.person[0] + (s - self.pool.person[0] + 1) % len(self.pool.person),
                r,
            )
        ts = np.where(ts < T0, ts + DAY, np.where(ts >= T0 + DAYS * DAY, ts - DAY, ts))
        a_cc, a_tz, a_dst, a_cur = w.col("cc"), w.col("tz"), w.col("dst"), w.col("cur")
        s_cc, r_cc = a_cc[s], a_cc[r]
        cur = np.where(cur >= 0, cur, a_cur[s])
        # payout-side records of cross-border MSB transfers
        ps = (ch == MSB) & (s_cc != r_cc) & (rng.random(n) < 0.15)
        cur = np.where(ps, a_cur[r], cur)
        rnd = np.where(ps, rnd & (rng.random(n) < 0.5), rnd)
        # fees / FX drift
        fee = rng.random(n) < 0.04
        usd = np.where(fee, usd + rng.uniform(0.5, 5, n), usd)
        rnd = rnd & ~fee
        local = usd / CUR_RATE[cur]
        mag = 10.0 ** np.floor(np.log10(np.maximum(local, 1e-9)))
        step = np.where(local >= 10, mag / 2, np.maximum(mag, 1e-8))
        rounded = np.maximum(step, np.round(local / step) * step)
        dec = CUR_DEC[cur]
        amount = np.where(rnd & (CUR_DEC[cur] < 8), rounded, local)
        amount = np.round(amount * 10.0**dec) / 10.0**dec
        amount = np.where(amount <= 0, 10.0 ** (-dec.astype(float)), amount)
        usd_final = amount * CUR_RATE[cur]
        # recorded offset: sender's, receiver's (merchant/payout side) or UTC
        u = rng.random(n)
        rec_side = np.where(ch == CARD, u < 0.8, np.where(ch == MSB, u < 0.35, u < 0.1))
        utc = ~rec_side & (rng.random(n) < np.where(ch == CRYPTO, 0.7, 0.15))
        who = np.where(rec_side, r, s)
        d = day_of(ts)
        off_h = np.where(utc, 0.0, offset_hours(d, a_tz[who], a_dst[who]))
        off_m = np.round(off_h * 60).astype(np.int64)
        order = np.argsort(ts, kind="stable")
        ts, s, r, amount, cur, ch, memo, lab, typ, off_m, usd_final = (
            x[order] for x in (ts, s, r, amount, cur, ch, memo, lab, typ, off_m, usd_final)
        )
        # account ids, names, optional fields
        n_acc = w.n
        kind = w.col("kind")
        idstyle = w.col("idstyle")
        perm = rng.permutation(n_acc) + 10_000_000
        hexs = rng.integers(0, 2**62, n_acc)
        acc_id = np.array(
            [
                ("bc1q" + format(int(hx), "016x") + format(int(p), "x")) if st == 1
                else ("AC" + str(int(p)))
                for p, hx, st in zip(perm, hexs, idstyle, strict=True)
            ],
            dtype=object,
        )  # fmt: skip
        given, surname = w.col("given"), w.col("surname")
        is_person = kind == "person"
        pname = np.where(is_person, given + " " + surname, None)
        mcc = w.col("mcc")
        org_name = np.where(
            kind == "merchant",
            np.char.add("MERCHANT ", np.asarray(perm % 99991, str)).astype(object),
            None,
        )
        full = np.where(is_person, pname, np.where(kind == "address", None, org_name))
        full = np.where(
            (kind == "agent"), "CASH AGENT " + np.asarray(perm % 9973, str).astype(object), full
        )
        full = np.where(
            np.isin(kind, ["org", "platform"]),
            "ORG " + np.asarray(perm % 9973, str).astype(object),
            full,
        )
        sexa = w.col("sex")
        birth = w.col("birth")
        device = w.col("device")
        miss = rng.random((6, n))
        # per-account string tables, gathered per row by polars (far less memory than objects)
        ids_s = pl.Series(acc_id.tolist(), dtype=pl.Utf8)
        full_s = pl.Series(full.tolist(), dtype=pl.Utf8)
        sex_s = pl.Series(np.where(is_person, sexa, None).tolist(), dtype=pl.Utf8)
        mcc_s = pl.Series(
            np.where((mcc == "") | (mcc == "EMPL"), None, mcc).tolist(), dtype=pl.Utf8
        )
        null = pl.lit(None, dtype=pl.Utf8)
        sb = birth[s]
        sender_by = np.where(is_person[s] & (miss[3] > 0.35) & (sb > 0), sb, -1)
        rb = birth[r]
        recv_by = np.where(is_person[r] & (miss[4] > 0.45) & (rb > 0), rb, -1)
        dev_ok = np.isin(ch, [EWALLET, P2P, CRYPTO]) & (miss[5] < 0.7)
        dev = np.where(dev_ok, device[s], -1)
        tx_id = np.char.add(
            "TX", np.asarray(np.arange(n) + 100_000_000 + int(rng.integers(0, 10**6)), str)
        )
        base = pl.DataFrame(
            {
                "tx_id": tx_id,
                "ts": ts,
                "off": off_m,
                "sender_id": ids_s.gather(s),
                "receiver_id": ids_s.gather(r),
                "amount": amount,
                "currency": pl.Series(CURS, dtype=pl.Utf8).gather(cur),
                "sender_country": pl.Series(CC, dtype=pl.Utf8).gather(a_cc[s]),
                "receiver_country": pl.Series(CC, dtype=pl.Utf8).gather(a_cc[r]),
                "channel": pl.Series(CHANNELS, dtype=pl.Utf8).gather(ch),
                "memo": pl.Series(memo.tolist(), dtype=pl.Utf8),
                "sender_name": full_s.gather(s),
                "receiver_name": full_s.gather(r),
                "sender_sex": sex_s.gather(s),
                "sender_birth_year": sender_by,
                "receiver_birth_year": recv_by,
                "device_id": dev,
                "merchant_category": mcc_s.gather(r),
                "m0": miss[0] < 0.12,
                "m1": miss[1] < 0.2,
                "m2": miss[2],
                "m6": rng.random(n) < 0.08,
            }
        )
        ab = pl.col("off").abs()
        tx = base.with_columns(
            sender_name=pl.when(pl.col("m0")).then(null).otherwise(pl.col("sender_name")),
            receiver_name=pl.when(pl.col("m1")).then(null).otherwise(pl.col("receiver_name")),
            sender_sex=pl.when(pl.col("m2") < 0.25)
            .then(null)
            .when((pl.col("m2") < 0.3) & pl.col("sender_sex").is_not_null())
            .then(pl.lit("U"))
            .otherwise(pl.col("sender_sex")),
            merchant_category=pl.when(pl.col("m6"))
            .then(null)
            .otherwise(pl.col("merchant_category")),
            timestamp=(
                pl.from_epoch(pl.col("ts") + pl.col("off") * 60, time_unit="s").dt.strftime(
                    "%Y-%m-%dT%H:%M:%S"
                )
                + pl.when(pl.col("off") < 0).then(pl.lit("-")).otherwise(pl.lit("+"))
                + (ab // 60).cast(pl.Utf8).str.zfill(2)
                + pl.lit(":")
                + (ab % 60).cast(pl.Utf8).str.zfill(2)
            ),
            sender_birth_year=pl.when(pl.col("sender_birth_year") < 0)
            .then(None)
            .otherwise(pl.col("sender_birth_year")),
            receiver_birth_year=pl.when(pl.col("receiver_birth_year") < 0)
            .then(None)
            .otherwise(pl.col("receiver_birth_year")),
            device_id=pl.when(pl.col("device_id") < 0)
            .then(None)
            .otherwise(pl.lit("D") + pl.col("device_id").cast(pl.Utf8)),
        ).select(
            "tx_id", "timestamp", "sender_id", "receiver_id", "amount", "currency",
            "sender_country", "receiver_country", "channel", "memo", "sender_name",
            "receiver_name", "sender_sex", "sender_birth_year", "receiver_birth_year",
            "device_id", "merchant_category",
        )  # fmt: skip
        tx_labels = pl.DataFrame(
            {
                "label_tx": lab.astype(np.int64),
                "label_typology": typ.astype(str),
                "usd": usd_final.astype(float),
            },
            schema={"label_tx": pl.Int64, "label_typology": pl.Utf8, "usd": pl.Float64},
        )
        # accounts: only those that appear in tx
        used = np.zeros(n_acc, bool)
        used[s] = True
        used[r] = True
        a_lab = np.zeros(n_acc, np.int64)
        a_typ = np.full(n_acc, "", object)
        a_role = np.where(is_person, "person", kind).astype(object)
        for idx, t_, role in w.labels:
            a_lab[idx] = 1
            a_typ[idx] = t_
            a_role[idx] = role
        a_pop = np.full(n_acc, "general", object)
        a_pop[~is_person] = kind[~is_person]
        a_hard = np.zeros(n_acc, bool)
        for idx, name, hd in w.pop_updates:
            fresh = a_pop[idx] == "general"
            a_pop[idx[fresh]] = name
            if hd:
                a_hard[idx] = True
        a_hard &= a_lab == 0
        keep = np.flatnonzero(used)
        accounts = pl.DataFrame(
            {
                "account_id": acc_id[keep].astype(str),
                "label": a_lab[keep],
                "typology": a_typ[keep].astype(str),
                "role": a_role[keep].astype(str),
                "population": a_pop[keep].astype(str),
                "hard_negative": a_hard[keep],
            },
            schema={
                "account_id": pl.Utf8, "label": pl.Int64, "typology": pl.Utf8, "role": pl.Utf8,
                "population": pl.Utf8, "hard_negative": pl.Boolean,
            },
        )  # fmt: skip
        return Generated(tx=tx, tx_labels=tx_labels, accounts=accounts)


def generate(n_tx: int, variant: str, seed: int, hard: float = 1.0) -> Generated:
    """Exactly n_tx transactions of variant 'hi' (~0.2% illicit) or 'li' (~0.05%), seeded.

    `hard` scales the hard-negative populations (0 removes them); see the module docstring.
    """
    return Gen(n_tx, variant, seed, hard).run()
