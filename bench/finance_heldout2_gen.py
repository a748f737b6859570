"""Second, independent held-out generator of synthetic OSAEC payment data (issue 6).

Why this exists: the issue says evaluators will score Jaga on data "from a generator you have
not seen, written from the same published indicators". This module is such a generator, written
blind: only from the research note (shared/research/finance-text.md, sections (a) indicators and
(d) dataset design) and the issue's column schema. It never looked at Jaga's detector, its own
synthetic generator, its tests or its scores, so a detector that only learnt the first
generator's quirks will show it here.

Design choices (all amounts in USD unless said; "note" = the research note)
----------------------------------------------------------------------------
World. 12 months, 2025-01-01 to 2025-12-31 (a few cash-outs spill into early January), second
resolution. Every account has a real time zone of its country (US split ET/CT/MT/PT, CA
ET/MT/PT, AU east with and without daylight saving, WA and South Australia's +09:30, NZ, UK/EU,
Gulf, SEA, West Africa, Latin America) with the 2025 daylight-saving dates. Behaviour is drawn
in the *sender's local* wall clock and converted to UTC. The timestamp string is ISO 8601 with
an offset: the recording institution's zone (sender's zone 55%, receiver's 20%, UTC 25%; card
payments: the merchant's zone or UTC), so the offset alone never tells the sender's hour.

Amounts are drawn as a USD value, converted into the recorded currency with the operator rates
table Jaga ships (src/jaga/finance/data/rates_usd.csv, read at run time; a copy is embedded as
fallback), then rounded: "round" payments to a round step of *that* currency, about a tenth of
the amount (USD 50, GBP 40, PHP 2,900, PHP 12,000, JPY 7,000), others to the currency's minor
unit. `usd` in the labels is recomputed from the rounded amount. Cross-border payments are
recorded in the sender's currency, except 15-30% of MSB/e-wallet ones recorded in the payout
currency (never round then, as an FX conversion). Crypto sends are in BTC/USDT/ETH units.
Cambodian accounts hold USD or KHR.

KYC is partial and noisy, per account and per channel: names present mostly on bank/MSB rows,
rarely on card/crypto; surnames misspelt in ~5% of rows and written "SURNAME, GIVEN" in ~10%;
sex known for ~75% of accounts and only reported by bank/MSB/e-wallet/other; birth years
known for ~60% of accounts; device ids on e-wallet/P2P/crypto rows and some bank/card rows;
MCC (ISO 18245 4-digit code) only when the receiver is a merchant or exchange. The schema has
no address field, so the note's "address cluster" is represented by a shared device id plus a
shared surname.

Benign background (share of transactions at hard=1, before the receivers' cash-outs, which
come on top; the remainder, ~27% at 1M, is domestic P2P):
* diaspora remittances (~26%): senders in US, Gulf, CA, JP, UK, AU, SG, HK, IT, KR, TW, MY
  to PH/VN/TH/ID/KH families; monthly on paydays (15th/25th/28th/30th), semi-monthly or US
  biweekly Fridays, small lag; lognormal median ~250; 1-3 receivers (some of them teenage
  children, born up to 2010; 5% of second receivers share the first one's phone), surname
  match 70%/45%;
  15% are western partners supporting a partner/in-laws (no surname match); 60% round; ~15%
  night hours (shift workers); cover-like memos ("tuition", "medical", "family support").
* freelancer payouts (~5%): platform accounts (US/AU/GB/SG/NL) paying SEA freelancers weekly,
  biweekly or monthly in business-hour batches, median ~300.
* domestic card spend (~14%) of everyone (incl. offenders), MCC mix with some VPN (4816),
  streaming (4899), games (5816) and adult content (5967); domestic P2P/e-wallet of everyone,
  with repeated friends; SEA e-wallet bill/load payments; benign crypto buys and sends (~2%).
* benign cash-outs: 40-85% of inbound credits of SEA receivers (families 45%, freelancers,
  creators, students, scammers) are withdrawn at a cash-out agent within hours to days, so
  fast cash-out alone is not a signal.

Hard negatives (~13% of transactions at hard=1 before their receivers' cash-outs, ~16% with
them; scaled by `hard`; at hard=0 their volume goes to the ordinary background), accounts
flagged `hard_negative`:
* student sponsorships: western sponsors (1-4 students) and sponsor organisations (20-150
  students) paying 17-23-year-olds monthly, round 50-300 plus semester tuition lumps.
* legitimate adult creators: adult (20-35) creators in PH/CO/TH/RO/ID/VN receiving round tips
  10-150 from many foreign fans, 55% at the fan's local night, handles in memos, fast
  cash-out; fans also pay platforms by card (MCC 5967) which pay creators weekly.
* charity: PH/KH/TH/ID charities receiving round donations from many foreign donors, with
  spikes after two typhoons; charities pay suppliers.
* romance-scam victims: older western victims paying one scammer (NG/GH/PH/MY/ID) 4-20
  escalating payments (x1.1-1.45 each, up to 15k) with "hospital"/"visa fee" memos.
* gaming top-ups: 13-17-year-olds buying game credits (MCC 5816) and sometimes gift cards in
  bursts of 1-5 within hours, often late.
* tourists: ~1.3 trips each of 3-21 days (median 8) to PH/TH/VN/KH/ID: flights, hotels, restaurants,
  transport, 1-5 ATM withdrawals, souvenirs, sometimes jewellery.

Planted typologies (labels `label_tx`=1, typology T1..T7). The illicit *transaction* ratio
is the binding constraint: HI 0.2%, LI 0.05% of transactions, of which ~30% are "lone" (see
below) and ~70% in full patterns: T1 28%, T2 24%, T3 14%, T4 8%, T5 12%, T6 7%, T7 7%. The
note's other ratios (1% of senders offenders, 0.3% of PH adults involved) cannot hold at the
same time at these volumes; the account counts follow from the transaction budget.
* T1 consumer: male 35-75 from the note's corridors (US ~50%, AU, UK, CA, DE, JP, SG, FR, NL,
  SA, ...); 15-100 (preferred price points), 12% 10-200; 70-95% round; 2-30 payments/month
  (median 4) in clustered sessions of 1-3 payments minutes apart, 75% at sender-local
  21:00-04:00; 1-8 PH/TH receivers with no surname match, added over time, 30% shared with
  other consumers; memos mix cover words (English/Taglish/Cebuano/Bahasa), @handles and empty;
  lifetime 2-36 months (cut by the window); half of them also buy VPN/webcam services by card
  (ancillary, label_tx 0). Their receivers (facilitators, mostly female 27-60) cash most out.
* T2 facilitator hub: 5-200 consumers (capped by the budget, at least 2 countries) paying a
  hub and its 2-6 household accounts (same surname; most share the hub's device); >=60% of
  inbound value leaves within 48 h to MSB/e-wallet agents or household accounts, who cash out.
* T3 network: 2-6 facilitators and 3-25 consumers, consumers shared across facilitators;
  1-2 facilitators forward 50-90% of their takings to a lead facilitator within 48 h (chain).
* T4 travel: older male offenders with one ordinary trip (label 0) and 1-2 offending trips
  to PH/KH/TH/VN lasting 2-4x the ordinary one, 80% at non-tourist (provincial) merchants,
  ATM use most days, jewellery/gift/toy MCCs (5944/5947/5945), 40% also e-wallet payments to
  a local contact; all trip rows labelled T4.
* T5 sextortion: 14-17-year-old (90% male) victims drawn from the teen population (so they
  have a normal gaming/P2P history); first payment <250, 2-6 payments within 24-72 h to a new
  payee, total <=1,500, then silence; mules receive from several victims; domestic mules
  forward 70-95% abroad (NG/PH/GH) within 48 h; 25% gift-card variant (victim buys gift cards,
  the mule is off-ledger).
* T6 CVC: younger male consumers buy crypto at an exchange (card MCC 6051 or bank), then send
  15-100 (sometimes 10-200) in BTC/USDT/ETH to a 3-15-address cluster shared by many
  consumers; the cluster sweeps to a consolidation address. Buy legs are labelled T6 too.
* T7 direct: a foreign adult paying a 13-19-year-old directly 3-25 times over 1-8 months,
  small "load"/gift amounts, often at night, no facilitator and no fast cash-out.
* Lone illicit (~30% of illicit rows): 1-3 payments "outside a full pattern" from an
  ordinary account (western background user or teen): T1-style payments to a new receiver
  or an existing facilitator (60%), one sextortion payment to a new payee (15%), one or two
  direct payments to a minor (15%), one crypto buy+send to a known cluster (10%).
* Stress tests, per operation: 10% amount drift to 150-250; 10% of facilitators/minors in
  the new corridors VN/KH; 15% of operations' memos obfuscated (leet, spacing, Taglish).

Account labels. `label`=1 for every party to the planted abuse: consumers, lone senders,
facilitators (incl. lone receivers), household accounts, chain leads, mules and their
controllers, CSAM crypto addresses and their consolidation address, travel offenders and their
local contacts, direct offenders. Victims count too (`label` 1, role `victim` for sextortion
victims and `minor_payee` for T7/T4-contact minors): the note scores minors' accounts
(indicator 13) because the alert is a safeguarding trigger; a harness that wants offenders only
can drop roles `victim`/`minor_payee`. Merchants, exchanges, cash-out agents and gift-card
sellers that planted rows touch stay 0 (they also serve everyone else). Romance scammers are
fraud but not OSAEC: label 0, hard_negative. `typology` is the first typology an account was
planted in; `role` is "benign" for background accounts; `population` is the benign population
for accounts drawn from the background (e.g. a lone consumer) and the role for accounts created
by a planted operation.

Scale. Pools scale with n_tx (SEA people n/16, western people n/30, teens n/150, merchants
and agents per country); the domestic P2P population absorbs whatever the others leave, so
the output has exactly n_tx rows once n_tx >= ~1,000. Operations come whole, so at small
scales (below ~50k rows for LI) a typology whose share is smaller than one operation is
planted with probability share/size: the expected illicit volume is right, a given seed is
noisy. Use >= 1M rows for evaluation.

Determinism: everything derives from numpy's default_rng([seed, variant]). Ids are shuffled
so id order says nothing about role. Usage:
    python bench/finance_heldout2_gen.py --tx 1000000 --variant li --seed 1 --out DIR
"""

from __future__ import annotations

import argparse
import csv
import math
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import polars as pl

T0 = 1735689600  # 2025-01-01T00:00:00Z
DAY = 86400
HOUR = 3600
NDAYS = 365
MSTART = np.array([0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334])
MLEN = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])

# ---------------------------------------------------------------------------------------------
# Countries: currency, culture (for names) and time-zone options (std minutes, DST rule, weight)
# DST rules: 0 none, 1 US/CA, 2 UK/EU, 3 AU south-east, 4 NZ.
# ---------------------------------------------------------------------------------------------
_W, _PH, _TH, _VN, _ID, _KH, _JP, _KR, _CN, _AR, _AF, _LA = range(12)
_COUNTRY_SPEC: dict[str, tuple[str, int, list[tuple[int, int, float]]]] = {
    "US": ("USD", _W, [(-300, 1, 0.47), (-360, 1, 0.29), (-420, 1, 0.07), (-480, 1, 0.17)]),
    "CA": ("CAD", _W, [(-300, 1, 0.6), (-420, 1, 0.15), (-480, 1, 0.25)]),
    "GB": ("GBP", _W, [(0, 2, 1.0)]),
    "IE": ("EUR", _W, [(0, 2, 1.0)]),
    "DE": ("EUR", _W, [(60, 2, 1.0)]),
    "FR": ("EUR", _W, [(60, 2, 1.0)]),
    "NL": ("EUR", _W, [(60, 2, 1.0)]),
    "IT": ("EUR", _W, [(60, 2, 1.0)]),
    "SE": ("SEK", _W, [(60, 2, 1.0)]),
    "NO": ("NOK", _W, [(60, 2, 1.0)]),
    "CH": ("CHF", _W, [(60, 2, 1.0)]),
    "AU": ("AUD", _W, [(600, 3, 0.6), (600, 0, 0.2), (480, 0, 0.1), (570, 3, 0.1)]),
    "NZ": ("NZD", _W, [(720, 4, 1.0)]),
    "JP": ("JPY", _JP, [(540, 0, 1.0)]),
    "KR": ("KRW", _KR, [(540, 0, 1.0)]),
    "SG": ("SGD", _CN, [(480, 0, 1.0)]),
    "HK": ("HKD", _CN, [(480, 0, 1.0)]),
    "TW": ("TWD", _CN, [(480, 0, 1.0)]),
    "SA": ("SAR", _AR, [(180, 0, 1.0)]),
    "AE": ("AED", _AR, [(240, 0, 1.0)]),
    "QA": ("QAR", _AR, [(180, 0, 1.0)]),
    "KW": ("KWD", _AR, [(180, 0, 1.0)]),
    "PH": ("PHP", _PH, [(480, 0, 1.0)]),
    "MY": ("MYR", _ID, [(480, 0, 1.0)]),
    "TH": ("THB", _TH, [(420, 0, 1.0)]),
    "VN": ("VND", _VN, [(420, 0, 1.0)]),
    "KH": ("KHR", _KH, [(420, 0, 1.0)]),
    "ID": ("IDR", _ID, [(420, 0, 0.75), (480, 0, 0.2), (540, 0, 0.05)]),
    "NG": ("NGN", _AF, [(60, 0, 1.0)]),
    "GH": ("GHS", _AF, [(0, 0, 1.0)]),
    "RO": ("RON", _W, [(120, 2, 1.0)]),
    "CO": ("COP", _LA, [(-300, 0, 1.0)]),
    "DO": ("DOP", _LA, [(-240, 0, 1.0)]),
    "MX": ("MXN", _LA, [(-360, 0, 1.0)]),
    "SC": ("USD", _W, [(240, 0, 1.0)]),
    "VG": ("USD", _W, [(-240, 0, 1.0)]),
    "KY": ("USD", _W, [(-300, 0, 1.0)]),
    "RU": ("RUB", _W, [(180, 0, 1.0)]),
}
COUNTRIES = list(_COUNTRY_SPEC)
CI = {c: i for i, c in enumerate(COUNTRIES)}
CURRENCIES = sorted({v[0] for v in _COUNTRY_SPEC.values()} | {"USD", "BTC", "USDT", "ETH"})
CUR = {c: i for i, c in enumerate(CURRENCIES)}
C_CCY = np.array([CUR[_COUNTRY_SPEC[c][0]] for c in COUNTRIES])
C_CULT = np.array([_COUNTRY_SPEC[c][1] for c in COUNTRIES])
TZ_STD: list[int] = [0]  # tz 0 is UTC
TZ_RULE: list[int] = [0]
_C_TZ: list[tuple[np.ndarray, np.ndarray]] = []
for _c in COUNTRIES:
    _opts = _COUNTRY_SPEC[_c][2]
    _idx = []
    for std, rule, _w in _opts:
        TZ_STD.append(std)
        TZ_RULE.append(rule)
        _idx.append(len(TZ_STD) - 1)
    _wts = np.array([o[2] for o in _opts])
    _C_TZ.append((np.array(_idx), _wts / _wts.sum()))
TZ_STD_A = np.array(TZ_STD)
TZ_RULE_A = np.array(TZ_RULE)
ZERO_DEC = {"JPY", "KRW", "VND", "IDR", "KHR"}
SEA = ["PH", "TH", "VN", "ID", "MY", "KH"]
WEST = ["US", "GB", "AU", "CA", "DE", "FR", "NL", "JP", "KR", "SG", "IT", "IE", "SE", "NO", "CH"]
# Offender origin corridors (note (a)3: US ~50%, then UK, AU, CA, SA, DE, JP, SG, FR, NL).
OFF_C = ["US", "GB", "AU", "CA", "SA", "DE", "JP", "SG", "FR", "NL", "NO", "SE", "KR", "CH"]
OFF_P = np.array([50, 9, 10, 7, 3, 5, 3, 3, 2, 2, 1.5, 1.5, 2, 1])
CHANNELS = ["bank", "msb", "ewallet", "card", "p2p", "crypto", "other"]
BANK, MSB, EWALLET, CARD, P2P, CRYPTO, OTHER = range(7)
PERSON, ORG, MERCHANT, AGENT, ADDRESS = range(5)

_RATES_FALLBACK = {
    "USD": 1.0,
    "EUR": 1.08,
    "GBP": 1.27,
    "AUD": 0.66,
    "NZD": 0.60,
    "CAD": 0.73,
    "CHF": 1.13,
    "SEK": 0.095,
    "NOK": 0.093,
    "JPY": 0.0067,
    "KRW": 0.00073,
    "HKD": 0.128,
    "TWD": 0.031,
    "SGD": 0.74,
    "MYR": 0.22,
    "PHP": 0.0175,
    "THB": 0.028,
    "IDR": 0.000064,
    "VND": 0.000040,
    "KHR": 0.000245,
    "SAR": 0.2667,
    "AED": 0.2723,
    "QAR": 0.2747,
    "KWD": 3.25,
    "MXN": 0.055,
    "COP": 0.00025,
    "DOP": 0.0167,
    "NGN": 0.00065,
    "GHS": 0.065,
    "RON": 0.22,
    "RUB": 0.011,
    "USDT": 1.0,
    "BTC": 60000.0,
    "ETH": 3000.0,
}


def _rates() -> np.ndarray:
    """USD per unit for CURRENCIES, from the table Jaga ships (so `usd` agrees with it)."""
    table = dict(_RATES_FALLBACK)
    try:
        text = resources.files("jaga.finance.data").joinpath("rates_usd.csv").read_text()
        rows = [r for r in text.splitlines() if r and not r.startswith("#")]
        for row in csv.DictReader(rows):
            table[row["currency"].strip()] = float(row["usd_per_unit"])
    except (ModuleNotFoundError, FileNotFoundError, KeyError, ValueError):
        pass
    return np.array([table[c] for c in CURRENCIES])


# ---------------------------------------------------------------------------------------------
# Names, memos, hour profiles
# ---------------------------------------------------------------------------------------------
_GIVEN_M = {
    _W: "James John Robert Michael William David Richard Joseph Thomas Charles Daniel Matthew "
    "Mark Paul Steven Andrew Kevin Brian Gary Peter Stephen Hans Klaus Jurgen Pierre Luc Jan "
    "Pieter Lars Graham",
    _PH: "Juan Jose Mark John Michael Christian Jerome Paolo Ramon Antonio Rodel Jericho Rey "
    "Arnel Noel Dennis Carlo Jay Renato Ernesto",
    _TH: "Somchai Somsak Anan Niran Kittisak Prasert Wichai Chaiwat Thanakorn Arthit",
    _VN: "Anh Minh Tuan Hung Duc Quang Long Khanh Phuc Dung",
    _ID: "Budi Agus Andi Eko Wahyu Rizky Adi Hendra Joko Bayu",
    _KH: "Dara Rithy Vuthy Kosal Sokha Visal Piseth Borey",
    _JP: "Hiroshi Takeshi Kenji Akira Satoshi Haruto Ren Daiki",
    _KR: "Minjun Seojun Jiho Hyunwoo Dohyun Jaehyun",
    _CN: "Wei Lei Jun Tao Hao Ming Jian Kai",
    _AR: "Mohammed Ahmed Ali Omar Khalid Abdullah Yousef Hassan",
    _AF: "Chinedu Emeka Oluwaseun Tunde Ifeanyi Kwame Kofi Yaw",
    _LA: "Carlos Luis Jorge Andres Diego Miguel Juan Pablo",
}
_GIVEN_F = {
    _W: "Mary Patricia Jennifer Linda Elizabeth Susan Jessica Sarah Karen Lisa Nancy Emma Olivia "
    "Anna Julia Sophie Claire Laura Maria Ingrid",
    _PH: "Maria Ana Kristine Jocelyn Marites Rowena Lovely Angelica Mary Joy Princess Rhea "
    "Jasmine Lorna Cherry Analyn Rosalie Maricel Jenny Camille",
    _TH: "Malee Siriporn Nattaya Kanya Pornthip Suda Araya Ploy Kannika Wanida",
    _VN: "Linh Lan Huong Mai Thao Trang Ngoc Phuong Hoa Thuy",
    _ID: "Dewi Siti Sri Rina Putri Nur Ayu Fitri Indah Wulan",
    _KH: "Sophea Chantha Bopha Sreymom Sreyleak Pisey Vanna Channary",
    _JP: "Yuki Yoko Keiko Naoko Tomoko Aiko Yui Sakura",
    _KR: "Jisoo Minji Seoyeon Jiwon Eunji Soyeon",
    _CN: "Fang Jing Min Hui Yan Ling Xiu Mei",
    _AR: "Fatima Aisha Noura Sara Mariam Layla Huda Reem",
    _AF: "Ngozi Chioma Adaeze Ama Abena Efua Funmi Amaka",
    _LA: "Sofia Valentina Camila Daniela Mariana Alejandra Lucia Paula",
}
_SURNAMES = {
    _W: "Smith Johnson Williams Brown Jones Miller Davis Wilson Taylor Anderson Thomas Moore "
    "Martin Jackson White Harris Clark Lewis Walker Hall Young King Wright Scott Green Baker "
    "Adams Nelson Mueller Schmidt Schneider Fischer Weber Dubois Bernard Jansen Bakker Olsen "
    "Hansen Murphy Kelly Campbell Stewart Thompson Robinson Evans Popescu Ionescu",
    _PH: "Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Tomas Andrada Castillo Flores "
    "Villanueva Ramos Castro Rivera Aquino Navarro Salazar Mercado Dela_Cruz Del_Rosario "
    "Gonzales Lopez Fernandez Aguilar Manalo Pascual Soriano Dizon Macaraeg Dimaculangan "
    "Magbanua Panganiban Gutierrez Lim Tan Sy Cabrera Evangelista Alcantara Salvador",
    _TH: "Saetang Srisuk Wongsawat Chaiyaporn Boonmee Sukjai Rattanakorn Thongchai Kaewmanee "
    "Phromphan Sriwong Charoenrat Jaidee Suwannarat",
    _VN: "Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong",
    _ID: "Wijaya Susanto Hidayat Saputra Kusuma Santoso Pratama Setiawan Nugroho Halim Gunawan "
    "Lestari Rahman Abdullah",
    _KH: "Sok Chan Heng Kim Chea Meas Keo Prak Ly Seng Touch Mao",
    _JP: "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato",
    _KR: "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim",
    _CN: "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Tan Lim",
    _AR: "Al-Saud Al-Qahtani Al-Harbi Al-Mansouri Haddad Khalil Nasser Rahman",
    _AF: "Okafor Adeyemi Okonkwo Balogun Eze Nwosu Mensah Owusu Boateng Asante Adebayo",
    _LA: "Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Gomez Diaz",
}


def _vocab_ranges(
    table: dict[int, str],
) -> tuple[list[str], np.ndarray, np.ndarray]:
    words: list[str] = []
    lo = np.zeros(12, dtype=np.int64)
    n = np.zeros(12, dtype=np.int64)
    for cult in range(12):
        part = [w.replace("_", " ") for w in table[cult].split()]
        lo[cult] = len(words)
        n[cult] = len(part)
        words.extend(part)
    return words, lo, n


GIVEN_M, GM_LO, GM_N = _vocab_ranges(_GIVEN_M)
GIVEN_F, GF_LO, GF_N = _vocab_ranges(_GIVEN_F)
GIVEN = GIVEN_M + GIVEN_F
GF_LO = GF_LO + len(GIVEN_M)
SURNAMES, SN_LO, SN_N = _vocab_ranges(_SURNAMES)


def _misspell(word: str, rng: np.random.Generator) -> str:
    """A plausible clerk's misspelling (dropped/doubled/swapped letter, joined particle)."""
    if " " in word:
        return word.replace(" ", "")
    if len(word) < 4:
        return word + word[-1]
    i = int(rng.integers(1, len(word) - 2))
    kind = int(rng.integers(0, 3))
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


_mrng = np.random.default_rng(12345)
SURNAMES_ALL = SURNAMES + [_misspell(w, _mrng) for w in SURNAMES]

MEMO_DIASPORA = [
    "family support",
    "allowance",
    "for mama",
    "pang-gastos",
    "padala",
    "tuition",
    "bills",
    "pambayad ng kuryente",
    "groceries",
    "birthday gift",
    "support",
    "monthly",
    "for the kids",
    "pang-baon",
    "medical",
    "gift",
    "school fees",
    "for nanay",
    "hulog sa bahay",
    "sustento",
    "kiriman",
    "untuk ibu",
    "gui me",
    "tien tet",
    "merry christmas",
]
MEMO_P2P = [
    "lunch",
    "utang",
    "bayad",
    "share",
    "load",
    "grab",
    "rent",
    "groceries",
    "salamat",
    "ambag",
    "pamasahe",
    "kain",
    "thanks",
    "dinner",
    "gas",
    "tickets",
    "bills",
    "split",
    "bayad utang",
    "pautang",
    "makan",
    "pulsa",
    "tien an",
    "coffee",
]
MEMO_FREELANCE = ["payout", "weekly payout", "invoice", "earnings", "contract payment", "milestone"]
MEMO_CASHOUT = ["cash out", "withdraw", "cashout", "pickup", "cash pickup"]
MEMO_STUDENT = [
    "tuition",
    "school fees",
    "allowance",
    "baon",
    "books",
    "scholarship",
    "uniform",
    "dorm",
    "tuition 2nd sem",
    "project fees",
    "education",
    "boarding house",
]
MEMO_ADULT = [
    "tip",
    "show",
    "thanks babe",
    "private",
    "vip",
    "custom",
    "sub",
    "for you hun",
    "tips",
    "enjoy",
]
MEMO_CHARITY = [
    "donation",
    "typhoon relief",
    "feeding program",
    "scholarship fund",
    "sponsor a child",
    "relief goods",
    "medical mission",
    "monthly pledge",
    "flood relief",
]
MEMO_ROMANCE = [
    "hospital",
    "medical bills",
    "plane ticket",
    "visa fee",
    "customs fee",
    "love you",
    "for us",
    "emergency",
    "rent",
    "lawyer fee",
    "clearance fee",
    "my love",
]
MEMO_GAMING = ["diamonds", "top up", "uc", "robux", "load", "gems", "battle pass"]
MEMO_COVER = [
    "accommodation",
    "uniform",
    "medical bills",
    "family support",
    "education",
    "school",
    "for load",
    "allowance",
    "gift",
    "help",
    "tuition",
    "medicine",
    "rent",
    "food",
]
MEMO_LOCAL = [
    "pang-load",
    "pambili ng gamot",
    "para sa baby",
    "pang-tuition",
    "para sa bata",
    "hinabang",
    "pang-eskwela",
    "uang sekolah",
    "biaya hidup",
    "bantuan",
    "pasalubong",
    "pang bayad upa",
    "pang gatas",
    "salamat po",
    "pang school ni baby",
    "para kay bunso",
]
MEMO_T7 = [
    "for load",
    "gift",
    "for your phone",
    "school",
    "allowance",
    "pasalubong",
    "for you",
    "load mo",
    "pang-load",
    "new phone",
]
MEMO_T5 = ["pls", "here", "sent", "done", "thats all", "please"]
_LEET = str.maketrans({"a": "4", "e": "3", "i": "1", "o": "0", "s": "5"})


def _obfuscate(word: str, rng: np.random.Generator) -> str:
    """Leet, spaced letters or Taglish wrapping (note (d), stress tests)."""
    kind = int(rng.integers(0, 4))
    if kind == 0:
        return word.translate(_LEET)
    if kind == 1:
        return " ".join(word.replace(" ", ""))
    if kind == 2:
        return word.replace("o", "0").replace("i", "1")
    return rng.choice(["pang ", "para sa ", "bayad sa ", "pambili ng "]) + word.translate(_LEET)


def _norm(w: list[float]) -> np.ndarray:
    a = np.asarray(w, dtype=float)
    return a / a.sum()


HUMAN = _norm(
    [
        1,
        0.6,
        0.4,
        0.3,
        0.3,
        0.5,
        1.5,
        3,
        4.5,
        5,
        5,
        5.5,
        6,
        5.5,
        5,
        5,
        5.5,
        6,
        6.5,
        7,
        7,
        6,
        4.5,
        2.5,
    ]
)
SHIFT = 0.8 * HUMAN + 0.2 / 24  # shift workers (OFWs): flatter, more night hours
BUSINESS = _norm([0] * 9 + [1] * 9 + [0] * 6)
NIGHT_H = np.arange(21, 28)  # 21:00-03:59, hours >= 24 fall on the next day
NIGHT_P = _norm([0.12, 0.18, 0.2, 0.18, 0.14, 0.1, 0.08])


def _dst(doy: np.ndarray, rule: np.ndarray) -> np.ndarray:
    us = (doy >= 67) & (doy < 305)
    eu = (doy >= 88) & (doy < 298)
    au = (doy < 95) | (doy >= 277)
    nz = (doy < 95) | (doy >= 270)
    on = np.select([rule == 1, rule == 2, rule == 3, rule == 4], [us, eu, au, nz], False)
    return on.astype(np.int64) * 60


def _utc(local_s: np.ndarray, tz: np.ndarray) -> np.ndarray:
    """UTC epoch seconds of a local wall-clock time (seconds since 2025-01-01 00:00 local)."""
    local_s = np.asarray(local_s, dtype=np.int64)
    doy = (local_s // DAY) % 365
    off = TZ_STD_A[tz] + _dst(doy, TZ_RULE_A[tz])
    return T0 + local_s - off * 60


def _offset(utc: np.ndarray, tz: np.ndarray) -> np.ndarray:
    std = TZ_STD_A[tz]
    doy = ((utc - T0 + std * 60) // DAY) % 365
    return std + _dst(doy, TZ_RULE_A[tz])


# ---------------------------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------------------------
class _Registry:
    """String <-> small int, so big columns stay numeric until the final assembly."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.index: dict[str, int] = {}

    def code(self, word: str) -> int:
        if word not in self.index:
            self.index[word] = len(self.words)
            self.words.append(word)
        return self.index[word]

    def codes(self, words: list[str]) -> np.ndarray:
        return np.array([self.code(w) for w in words], dtype=np.int64)


_ACC_FIELDS: dict[str, type] = {
    "country": np.int16,
    "tz": np.int16,
    "ccy": np.int16,
    "kind": np.int8,
    "sex": np.int8,
    "sex_known": np.bool_,
    "birth": np.int16,
    "birth_known": np.bool_,
    "given": np.int32,
    "surname": np.int32,
    "device": np.int64,
    "mcc": np.int16,
    "tourist": np.bool_,
    "pop": np.int16,
    "role": np.int16,
    "label": np.int8,
    "typ": np.int8,
    "hard": np.bool_,
    "weight": np.float64,
}


class _Accounts:
    """Column store of accounts with amortised growth."""

    def __init__(self, rng: np.random.Generator, pops: _Registry, roles: _Registry) -> None:
        self.rng = rng
        self.pops = pops
        self.roles = roles
        self.n = 0
        self.cap = 4096
        self.a = {k: np.zeros(self.cap, dtype=t) for k, t in _ACC_FIELDS.items()}
        self.next_device = 1

    def _grow(self, need: int) -> None:
        if self.n + need <= self.cap:
            return
        while self.n + need > self.cap:
            self.cap *= 2
        for k, arr in self.a.items():
            new = np.zeros(self.cap, dtype=arr.dtype)
            new[: self.n] = arr[: self.n]
            self.a[k] = new

    def __getitem__(self, key: str) -> np.ndarray:
        return self.a[key][: self.n]

    def devices(self, n: int) -> np.ndarray:
        out = np.arange(self.next_device, self.next_device + n, dtype=np.int64)
        self.next_device += n
        return out

    def add(
        self,
        n: int,
        country: np.ndarray | str,
        pop: str,
        *,
        kind: int = PERSON,
        male: float | np.ndarray = 0.5,
        birth: tuple[int, int] = (1955, 2004),
        surname: np.ndarray | None = None,
        device: np.ndarray | None = None,
        role: str = "benign",
        label: int = 0,
        typ: int = 0,
        hard: bool = False,
        name: np.ndarray | None = None,
        mcc: int = -1,
        tourist: bool = False,
    ) -> np.ndarray:
        rng = self.rng
        if n <= 0:
            return np.zeros(0, dtype=np.int64)
        self._grow(n)
        c = np.full(n, CI[country]) if isinstance(country, str) else np.asarray(country)
        ids = np.arange(self.n, self.n + n, dtype=np.int64)
        sl = slice(self.n, self.n + n)
        a = self.a
        a["country"][sl] = c
        tz = np.zeros(n, dtype=np.int64)
        for ci in np.unique(c):
            m = c == ci
            opts, p = _C_TZ[ci]
            tz[m] = rng.choice(opts, size=int(m.sum()), p=p)
        a["tz"][sl] = tz
        ccy = C_CCY[c].copy()
        kh = (c == CI["KH"]) & (rng.random(n) < 0.5)
        ccy[kh] = CUR["USD"]
        a["ccy"][sl] = ccy
        a["kind"][sl] = kind
        sex = (rng.random(n) >= male).astype(np.int8)  # 0 male, 1 female
        a["sex"][sl] = sex
        a["sex_known"][sl] = rng.random(n) < 0.75
        a["birth"][sl] = rng.integers(birth[0], birth[1] + 1, n)
        a["birth_known"][sl] = rng.random(n) < 0.6
        cult = C_CULT[c]
        if kind == PERSON:
            lo = np.where(sex == 0, GM_LO[cult], GF_LO[cult])
            nn = np.where(sex == 0, GM_N[cult], GF_N[cult])
            a["given"][sl] = lo + (rng.random(n) * nn).astype(np.int64)
            if surname is None:
                surname = SN_LO[cult] + (rng.random(n) * SN_N[cult]).astype(np.int64)
            a["surname"][sl] = surname
        else:
            a["given"][sl] = -1
            a["surname"][sl] = name if name is not None else -1
        a["device"][sl] = self.devices(n) if device is None else device
        a["mcc"][sl] = mcc
        a["tourist"][sl] = tourist
        a["pop"][sl] = self.pops.code(pop)
        a["role"][sl] = self.roles.code(role)
        a["label"][sl] = label
        a["typ"][sl] = typ
        a["hard"][sl] = hard
        a["weight"][sl] = rng.lognormal(0.0, 1.0, n)
        self.n += n
        return ids

    def mark(self, ids: np.ndarray, role: str, typ: int) -> None:
        """Make background accounts parties to a planted operation (first typology kept)."""
        ids = np.asarray(ids, dtype=np.int64)
        fresh = ids[self.a["label"][ids] == 0]
        self.a["label"][fresh] = 1
        self.a["typ"][fresh] = typ
        self.a["role"][fresh] = self.roles.code(role)


_TX_FIELDS: dict[str, type] = {
    "s": np.int64,
    "r": np.int64,
    "t": np.int64,
    "usd": np.float64,
    "ch": np.int8,
    "ccym": np.int8,  # 0 sender's currency, 1 receiver's, 2 BTC, 3 USDT, 4 ETH
    "rnd": np.bool_,
    "memo": np.int64,
    "label": np.int8,
    "typ": np.int8,
    "pop": np.int16,
}


class _Tx:
    """Append-only chunks of transactions (numeric; strings resolved at assembly)."""

    def __init__(self, pops: _Registry) -> None:
        self.chunks: list[dict[str, np.ndarray]] = []
        self.pops = pops
        self.count = 0
        self.n_illicit = 0
        self.by_pop: dict[str, int] = {}

    def add(
        self,
        s: np.ndarray,
        r: np.ndarray,
        t: np.ndarray,
        usd: np.ndarray,
        ch: np.ndarray | int,
        pop: str,
        *,
        ccym: np.ndarray | int = 0,
        rnd: np.ndarray | bool = False,
        memo: np.ndarray | int = -1,
        label: int = 0,
        typ: int = 0,
    ) -> None:
        s = np.asarray(s, dtype=np.int64)
        n = len(s)
        if n == 0:
            return
        vals = {
            "s": s,
            "r": r,
            "t": t,
            "usd": usd,
            "ch": ch,
            "ccym": ccym,
            "rnd": rnd,
            "memo": memo,
            "label": label,
            "typ": typ,
            "pop": self.pops.code(pop),
        }
        chunk = {
            k: np.broadcast_to(np.asarray(v), n).astype(_TX_FIELDS[k]) for k, v in vals.items()
        }
        self.chunks.append(chunk)
        self.count += n
        self.n_illicit += int(chunk["label"].sum())
        self.by_pop[pop] = self.by_pop.get(pop, 0) + n

    def illicit(self) -> int:
        return self.n_illicit


# ---------------------------------------------------------------------------------------------
# The world
# ---------------------------------------------------------------------------------------------
GENERAL_MCC = np.array(
    [5411, 5812, 5541, 5311, 5999, 5732, 5651, 5912, 4121, 4899, 4816, 5816, 5815, 5967, 7011]
)
GENERAL_MCC_P = _norm([22, 18, 10, 7, 8, 4, 6, 6, 5, 4, 3, 3, 2, 0.5, 1])
ONLINE_MCC = {4899, 4816, 5816, 5815, 5967}
VASP_C = ["SC", "VG", "KY", "RU", "HK", "NL", "US", "SG"]


def _ccodes(names: list[str]) -> np.ndarray:
    return np.array([CI[c] for c in names])


def _lognormal(rng: np.random.Generator, median: float, sigma: float, n: int) -> np.ndarray:
    return np.exp(np.log(median) + sigma * rng.standard_normal(n))


def _loguniform(rng: np.random.Generator, lo: float, hi: float, n: int) -> np.ndarray:
    return np.exp(rng.uniform(math.log(lo), math.log(hi), n))


def _rank_within(groups: np.ndarray) -> np.ndarray:
    """0,1,2.. within runs of equal, sorted group ids."""
    n = len(groups)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    start = np.r_[0, np.flatnonzero(np.diff(groups)) + 1]
    counts = np.diff(np.r_[start, n])
    return np.arange(n) - np.repeat(start, counts)


# Typical smallest operation (illicit rows) per typology, used only at small scales.
MIN_OP = {1: 12, 2: 25, 3: 25, 4: 45, 5: 10, 6: 10, 7: 5}


class _World:
    def __init__(self, rng: np.random.Generator, n_tx: int, hard: float) -> None:
        self.rng = rng
        self.n_tx = n_tx
        self.hard = max(0.0, hard)
        self.pops = _Registry()
        self.roles = _Registry()
        self.memos = _Registry()
        self.orgs = _Registry()
        self.acc = _Accounts(rng, self.pops, self.roles)
        self.tx = _Tx(self.pops)
        self.handles: dict[int, int] = {}  # account -> memo code of its @handle

    # -- small helpers ----------------------------------------------------------------------
    def pick(self, names: list[str], p: np.ndarray | list[float] | None, n: int) -> np.ndarray:
        pp = None if p is None else _norm(list(p))
        return _ccodes(names)[self.rng.choice(len(names), size=n, p=pp)]

    def hours(self, profile: np.ndarray, n: int) -> np.ndarray:
        return self.rng.choice(24, size=n, p=profile) * HOUR + self.rng.integers(0, HOUR, n)

    def night_or(self, n: int, night: float, profile: np.ndarray = HUMAN) -> np.ndarray:
        rng = self.rng
        nh = rng.choice(NIGHT_H, size=n, p=NIGHT_P) * HOUR + rng.integers(0, HOUR, n)
        return np.where(rng.random(n) < night, nh, self.hours(profile, n))

    def at(self, days: np.ndarray, secs: np.ndarray, who: np.ndarray) -> np.ndarray:
        """UTC of local day/second-of-day in the time zone of account(s) `who`."""
        local = np.asarray(days, dtype=np.int64) * DAY + np.asarray(secs, dtype=np.int64)
        return _utc(local, self.acc["tz"][who])

    def memo_pick(self, lex: list[str], n: int, null: float) -> np.ndarray:
        codes = self.memos.codes(lex)
        out = codes[self.rng.integers(0, len(codes), n)]
        return np.where(self.rng.random(n) < null, -1, out)

    def handle(self, acct: int) -> int:
        if acct not in self.handles:
            rng = self.rng
            g = GIVEN[int(self.acc["given"][acct])].lower().replace(" ", "")
            sfx = rng.choice(["", "_", ".", "x", "_ph", "baby", "love", "cute"])
            self.handles[acct] = self.memos.code(f"@{g}{sfx}{int(rng.integers(1, 9999))}")
        return self.handles[acct]

    def channel(self, p: list[float], n: int) -> np.ndarray:
        """Channel per row, p over (bank, msb, ewallet, card, p2p, crypto, other)."""
        return self.rng.choice(7, size=n, p=_norm(p))

    def person_pool(self, countries: list[str] | None = None) -> np.ndarray:
        a = self.acc
        ok = a["kind"] == PERSON
        if countries is not None:
            ok &= np.isin(a["country"], _ccodes(countries))
        return np.flatnonzero(ok)

    # -- fixed infrastructure: merchants, agents, exchanges, platforms ----------------------
    def build_infrastructure(self) -> None:
        acc, rng, n = self.acc, self.rng, self.n_tx
        self.merch: dict[tuple[int, int, bool], np.ndarray] = {}
        self.general_merch: dict[int, np.ndarray] = {}
        per_c = max(20, n // 15000)
        for c in COUNTRIES:
            if c in ("SC", "VG", "KY"):
                continue
            mcc = rng.choice(GENERAL_MCC, size=per_c, p=GENERAL_MCC_P)
            ids = []
            for m in np.unique(mcc):
                k = int((mcc == m).sum())
                names = self.orgs.codes([f"{c} merchant {m}-{i}" for i in range(k)])
                ids.append(acc.add(k, c, "merchant", kind=MERCHANT, name=names, mcc=int(m)))
            self.general_merch[CI[c]] = np.concatenate(ids)
        # travel merchants in destination countries: tourist areas and provincial towns
        for c in ["PH", "TH", "VN", "KH", "ID"]:
            for m in (7011, 5812, 6011, 4121, 5947, 5944, 5945):
                for tourist in (True, False):
                    k = max(4, n // 100000) * (3 if tourist else 2)
                    area = "resort" if tourist else "town"
                    names = self.orgs.codes([f"{c} {area} {m}-{i}" for i in range(k)])
                    ids = acc.add(
                        k, c, "merchant", kind=MERCHANT, name=names, mcc=m, tourist=tourist
                    )
                    self.merch[(CI[c], m, tourist)] = ids
        self.airlines: dict[int, np.ndarray] = {}
        for c in [*WEST, "PH", "TH", "VN", "SA", "AE", "HK", "NZ"]:
            names = self.orgs.codes([f"{c} airline {i}" for i in range(3)])
            self.airlines[CI[c]] = acc.add(3, c, "merchant", kind=MERCHANT, name=names, mcc=4511)

        # global online merchants: games, gift cards, adult platforms, VPN
        def online(c: str, m: int, k: int, label: str) -> np.ndarray:
            names = self.orgs.codes([f"{label} {i}" for i in range(k)])
            return acc.add(k, c, "merchant", kind=MERCHANT, name=names, mcc=m)

        self.games = np.concatenate(
            [online("US", 5816, 6, "GameStore"), online("SG", 5816, 4, "Games SG")]
        )
        self.giftcards = np.concatenate(
            [online("US", 5999, 4, "GiftCards"), online("GB", 5999, 2, "Gift Card Mall")]
        )
        self.adult_platforms = np.concatenate(
            [online("US", 5967, 3, "FanSite"), online("NL", 5967, 2, "CamSite")]
        )
        self.vpn = online("US", 4816, 3, "VPN")
        self.exchanges = np.concatenate(
            [
                online(c, 6051, 2, f"Exchange {c}")
                for c in ["US", "GB", "AU", "SG", "DE", "PH", "CA"]
            ]
        )
        # cash-out agents (pawnshops / remittance centres / e-wallet agents)
        self.agents: dict[int, np.ndarray] = {}
        for c in COUNTRIES:
            k = max(3, n // 4000) if c in SEA else max(2, n // 40000)
            names = self.orgs.codes([f"{c} cash-out agent {i}" for i in range(k)])
            self.agents[CI[c]] = acc.add(k, c, "cashout_agent", kind=AGENT, name=names)
        self.platforms = np.concatenate(
            [
                acc.add(
                    3,
                    c,
                    "platform",
                    kind=ORG,
                    name=self.orgs.codes([f"{c} Work Platform {i}" for i in range(3)]),
                )
                for c in ["US", "AU", "GB", "SG", "NL"]
            ]
        )
        # benign crypto addresses (exchange deposit addresses and self-custody)
        k = max(50, n // 200)
        self.benign_addr = acc.add(k, self.pick(VASP_C, None, k), "crypto_address", kind=ADDRESS)

    def agent_for(self, who: np.ndarray) -> np.ndarray:
        """A cash-out agent in each account's country."""
        c = self.acc["country"][who]
        out = np.zeros(len(who), dtype=np.int64)
        for ci in np.unique(c):
            m = c == ci
            pool = self.agents[int(ci)]
            out[m] = pool[self.rng.integers(0, len(pool), int(m.sum()))]
        return out

    def merchant_in(self, country: np.ndarray) -> np.ndarray:
        out = np.zeros(len(country), dtype=np.int64)
        for ci in np.unique(country):
            m = country == ci
            pool = self.general_merch[int(ci)]
            out[m] = pool[self.rng.integers(0, len(pool), int(m.sum()))]
        return out

    # -- background pools ---------------------------------------------------------------------
    def build_pools(self) -> None:
        acc, n = self.acc, self.n_tx
        k = max(300, n // 16)
        self.sea_people = acc.add(
            k, self.pick(SEA, [55, 12, 12, 12, 5, 4], k), "sea_person", birth=(1950, 2006)
        )
        k = max(200, n // 30)
        wp = [45, 12, 10, 8, 7, 4, 3, 4, 3, 2, 2, 1, 1, 0.5, 0.5]
        self.west_people = acc.add(k, self.pick(WEST, wp, k), "western_person", birth=(1945, 2006))
        k = max(100, n // 150)
        tp = [30, 25, 10, 10, 10, 5, 5, 5]
        self.teens = acc.add(
            k,
            self.pick(["US", "PH", "ID", "TH", "GB", "AU", "VN", "CA"], tp, k),
            "teen",
            birth=(2008, 2012),
            male=0.55,
        )

    # -- ordinary background populations ------------------------------------------------------
    def cashouts(
        self, recv: np.ndarray, t: np.ndarray, usd: np.ndarray, p: float, lag_h: float, pop: str
    ) -> None:
        """Benign withdrawals of part of some inbound credits, at an agent in the same country."""
        rng = self.rng
        sea = np.isin(self.acc["country"][recv], _ccodes(SEA))
        m = sea & (rng.random(len(recv)) < p)
        if not m.any():
            return
        r = recv[m]
        k = len(r)
        lag = (rng.exponential(lag_h, k) * HOUR).astype(np.int64) + rng.integers(600, 7200, k)
        frac = rng.uniform(0.5, 1.0, k)
        ch = np.where(rng.random(k) < 0.5, MSB, EWALLET)
        memo = self.memo_pick(MEMO_CASHOUT, k, 0.7)
        self.tx.add(r, self.agent_for(r), t[m] + lag, usd[m] * frac, ch, pop, rnd=True, memo=memo)

    def diaspora(self, target: int) -> None:
        acc, rng = self.acc, self.rng
        ns = max(5, target // 17)
        rc_names = ["PH", "VN", "TH", "ID", "KH"]
        rc = self.pick(rc_names, [62, 15, 8, 10, 5], ns)
        sc = np.zeros(ns, dtype=np.int64)
        cond = {
            "PH": (
                ["US", "SA", "AE", "CA", "JP", "GB", "AU", "SG", "QA", "KW", "HK", "IT"],
                [30, 15, 10, 7, 5, 5, 5, 6, 5, 4, 5, 3],
            ),
            "VN": (["US", "AU", "CA", "JP", "KR", "TW"], [50, 15, 10, 10, 10, 5]),
            "TH": (["US", "GB", "DE", "AU", "JP", "SG", "KR"], [30, 15, 15, 10, 10, 10, 10]),
            "ID": (["SA", "MY", "HK", "TW", "SG", "AE"], [35, 25, 15, 10, 10, 5]),
            "KH": (["US", "KR", "AU", "FR"], [50, 25, 15, 10]),
        }
        for name in rc_names:
            m = rc == CI[name]
            sc[m] = self.pick(cond[name][0], cond[name][1], int(m.sum()))
        mixed = rng.random(ns) < 0.15
        sc[mixed] = self.pick(["US", "AU", "GB", "CA", "DE"], [50, 20, 15, 10, 5], int(mixed.sum()))
        rcult = C_CULT[rc]
        sur = SN_LO[rcult] + (rng.random(ns) * SN_N[rcult]).astype(np.int64)
        wcult = C_CULT[sc]
        sur = np.where(mixed, SN_LO[wcult] + (rng.random(ns) * SN_N[wcult]).astype(np.int64), sur)
        male = np.where(mixed, 0.9, 0.5)
        senders = acc.add(ns, sc, "diaspora_sender", male=male, birth=(1958, 2000), surname=sur)
        k = rng.choice([1, 2, 3], size=ns, p=[0.6, 0.3, 0.1])
        owner = np.repeat(np.arange(ns), k)
        rank = _rank_within(owner)
        nr = len(owner)
        r_c = rc[owner].copy()
        r_cult = C_CULT[r_c]
        own = SN_LO[r_cult] + (rng.random(nr) * SN_N[r_cult]).astype(np.int64)
        share = np.where(rank == 0, 0.7, 0.45)
        share = np.where(mixed[owner], np.where(rank == 0, 0.2, 0.0), share)
        r_sur = np.where(rng.random(nr) < share, sur[owner], own)
        dev = acc.devices(nr)
        first = np.repeat(np.cumsum(k) - k, k)
        shared = (rank > 0) & (rng.random(nr) < 0.05)
        dev[shared] = dev[first[shared]]
        recv = acc.add(
            nr, r_c, "diaspora_family", male=0.4, birth=(1945, 2010), surname=r_sur, device=dev
        )
        # payment schedule per sender
        kind = rng.choice(4, size=ns, p=[0.6, 0.25, 0.1, 0.05])
        us_ca = np.isin(sc, _ccodes(["US", "CA"]))
        kind[(kind == 2) & ~us_ca] = 0
        m0 = np.where(rng.random(ns) < 0.8, 0, rng.integers(1, 11, ns))
        n_ev = np.select(
            [kind == 0, kind == 1, kind == 2],
            [12 - m0, 2 * (12 - m0), (365 - MSTART[m0] - 2) // 14],
            rng.integers(3, 9, ns),
        )
        ev_s = np.repeat(np.arange(ns), n_ev)
        rk = _rank_within(ev_s)
        kd, mm0 = kind[ev_s], m0[ev_s]
        payday = rng.choice([15, 25, 28, 30], size=ns, p=[0.3, 0.15, 0.2, 0.35])[ev_s]
        mon = np.clip(np.where(kd == 1, mm0 + rk // 2, mm0 + rk), 0, 11)
        monthly = MSTART[mon] + np.minimum(payday, MLEN[mon]) - 1
        semi = MSTART[mon] + np.where(rk % 2 == 0, 14, MLEN[mon] - 1)
        biweekly = 2 + 14 * (rk + (MSTART[mm0] + 13) // 14)
        sporadic = rng.integers(0, NDAYS, len(ev_s))
        day = np.select([kd == 0, kd == 1, kd == 2], [monthly, semi, biweekly], sporadic)
        day = day + np.floor(rng.exponential(1.2, len(ev_s))).astype(np.int64)
        keep = rng.random(len(ev_s)) > 0.08
        # December and emergency extras
        xmas = np.flatnonzero(rng.random(ns) < 0.4)
        emerg = np.repeat(np.arange(ns), rng.poisson(0.5, ns))
        ev_s = np.concatenate([ev_s[keep], xmas, emerg])
        day = np.concatenate(
            [day[keep], rng.integers(335, 358, len(xmas)), rng.integers(0, NDAYS, len(emerg))]
        )
        ne = len(ev_s)
        # receiver: the first 65%, else another of the sender's
        pick = np.where(rng.random(ne) < 0.65, 0, (rng.random(ne) * k[ev_s]).astype(np.int64))
        r = recv[(np.cumsum(k) - k)[ev_s] + np.minimum(pick, k[ev_s] - 1)]
        s = senders[ev_s]
        scale = _lognormal(rng, 250, 0.5, ns)[ev_s]
        usd = scale * _lognormal(rng, 1.0, 0.3, ne)
        small = rng.random(ne) < 0.12
        usd[small] = rng.uniform(10, 60, int(small.sum()))
        usd[day >= 334] *= 1.5
        rnd = rng.random(ne) < 0.6
        t = self.at(day, self.hours(SHIFT, ne), s)
        pref = rng.choice(7, size=ns, p=_norm([25, 50, 20, 0, 5, 0, 0]))[ev_s]
        ch = np.where(rng.random(ne) < 0.85, pref, self.channel([25, 50, 20, 0, 5, 0, 0], ne))
        ccym = np.where(
            ((ch == MSB) & (rng.random(ne) < 0.2)) | ((ch == EWALLET) & (rng.random(ne) < 0.3)),
            1,
            0,
        )
        memo = self.memo_pick(MEMO_DIASPORA, ne, 0.4)
        self.tx.add(s, r, t, usd, ch, "diaspora", ccym=ccym, rnd=rnd, memo=memo)
        self.cashouts(r, t, usd, 0.45, 20, "diaspora")

    def freelancers(self, target: int) -> None:
        acc, rng = self.acc, self.rng
        nf = max(3, target // 22)
        fl = acc.add(
            nf,
            self.pick(["PH", "ID", "VN", "TH", "MY"], [70, 10, 8, 7, 5], nf),
            "freelancer",
            birth=(1975, 2004),
        )
        period = rng.choice([7, 14, 30], size=nf, p=[0.3, 0.5, 0.2])
        start = np.where(rng.random(nf) < 0.6, 0, rng.integers(0, 270, nf))
        n_ev = np.maximum(1, (NDAYS - start) // period)
        f = np.repeat(np.arange(nf), n_ev)
        day = start[f] + _rank_within(f) * period[f] + rng.integers(0, 3, len(f))
        keep = rng.random(len(f)) > 0.15
        f, day = f[keep], day[keep]
        ne = len(f)
        plat = self.platforms[rng.integers(0, len(self.platforms), nf)][f]
        secs = rng.integers(14 * HOUR, 20 * HOUR, ne)
        t = T0 + day * DAY + secs  # platform batch runs, UTC
        usd = _lognormal(rng, 300, 0.8, nf)[f] * _lognormal(rng, 1.0, 0.35, ne)
        ch = self.channel([40, 0, 35, 0, 0, 0, 25], ne)
        memo = self.memo_pick(MEMO_FREELANCE, ne, 0.3)
        self.tx.add(plat, fl[f], t, usd, ch, "freelance", rnd=rng.random(ne) < 0.1, memo=memo)
        self.cashouts(fl[f], t, usd, 0.6, 18, "freelance")

    def card_domestic(self, target: int, pool: np.ndarray | None = None, pop: str = "card") -> None:
        acc, rng = self.acc, self.rng
        if pool is None:
            pool = self.person_pool()
            pool = pool[acc["country"][pool] != CI["SC"]]
        w = acc["weight"][pool]
        s = pool[rng.choice(len(pool), size=target, p=w / w.sum())]
        c = acc["country"][s]
        r = self.merchant_in(c)
        mcc = acc["mcc"][r]
        online = np.isin(mcc, list(ONLINE_MCC))
        sea = np.isin(c, _ccodes(SEA))
        usd = _lognormal(rng, 30, 1.0, target) * np.where(sea, 0.4, 1.0)
        secs = np.where(
            online, self.hours(SHIFT, target), rng.integers(8 * HOUR, 22 * HOUR, target)
        )
        t = self.at(rng.integers(0, NDAYS, target), secs, s)
        self.tx.add(s, r, t, usd, CARD, pop, rnd=rng.random(target) < 0.1)

    def p2p_domestic(self, target: int) -> None:
        acc, rng = self.acc, self.rng
        pool = self.person_pool()
        pool = pool[np.argsort(acc["country"][pool], kind="stable")]
        pc = acc["country"][pool]
        starts = np.searchsorted(pc, np.arange(len(COUNTRIES)))
        sizes = np.searchsorted(pc, np.arange(len(COUNTRIES)), side="right") - starts
        w = acc["weight"][pool] * (sizes[pc] >= 2)
        si = rng.choice(len(pool), size=target, p=w / w.sum())
        s = pool[si]
        c = pc[si]
        friend = (s * 2654435761 + rng.integers(0, 6, target) * 97531) % sizes[c]
        rand = rng.integers(0, 1 << 40, target) % sizes[c]
        ri = starts[c] + np.where(rng.random(target) < 0.6, friend, rand)
        ri = np.where(ri == si, starts[c] + (ri - starts[c] + 1) % sizes[c], ri)
        r = pool[ri]
        sea = np.isin(c, _ccodes(SEA))
        usd = np.clip(_lognormal(rng, 1.0, 1.1, target) * np.where(sea, 12, 40), 0.5, 5000)
        ch = np.where(
            sea,
            self.channel([25, 0, 65, 0, 10, 0, 0], target),
            self.channel([45, 0, 0, 0, 55, 0, 0], target),
        )
        t = self.at(rng.integers(0, NDAYS, target), self.hours(HUMAN, target), s)
        memo = self.memo_pick(MEMO_P2P, target, 0.6)
        self.tx.add(s, r, t, usd, ch, "p2p", rnd=rng.random(target) < 0.5, memo=memo)

    def bills_sea(self, target: int) -> None:
        pool = self.person_pool(SEA)
        self.card_domestic(target, pool, "sea_bills")
        # e-wallet bill/load payments are not card rows
        last = self.tx.chunks[-1]
        last["ch"][:] = np.where(self.rng.random(len(last["ch"])) < 0.8, EWALLET, CARD)

    def crypto_benign(self, target: int) -> None:
        acc, rng = self.acc, self.rng
        nu = max(3, target // 8)
        pool = self.person_pool()
        users = pool[rng.integers(0, len(pool), nu)]
        nb = rng.integers(1, 5, nu)
        u = np.repeat(np.arange(nu), nb)
        k = len(u)
        usd = _lognormal(rng, 300, 1.1, k)
        c = acc["country"][users[u]]
        ex_c = np.where(np.isin(c, self.exchanges_c()), c, CI["US"])
        ex = self.exchange_in(ex_c)
        t = self.at(rng.integers(0, NDAYS, k), self.hours(SHIFT, k), users[u])
        ch = np.where(rng.random(k) < 0.6, CARD, BANK)
        self.tx.add(users[u], ex, t, usd, ch, "crypto", rnd=rng.random(k) < 0.5)
        send = rng.random(k) < 0.7
        kk = int(send.sum())
        addr = self.benign_addr[
            np.where(
                rng.random(kk) < 0.6,
                rng.integers(0, 20, kk),
                rng.integers(0, len(self.benign_addr), kk),
            )
        ]
        lag = (rng.exponential(30, kk) * HOUR).astype(np.int64)
        coin = rng.choice([2, 3, 4], size=kk, p=[0.45, 0.4, 0.15])
        self.tx.add(
            users[u][send],
            addr,
            t[send] + lag,
            usd[send] * rng.uniform(0.5, 1, kk),
            CRYPTO,
            "crypto",
            ccym=coin,
        )

    def exchanges_c(self) -> np.ndarray:
        return np.unique(self.acc["country"][self.exchanges])

    def exchange_in(self, c: np.ndarray) -> np.ndarray:
        ec = self.acc["country"][self.exchanges]
        out = np.zeros(len(c), dtype=np.int64)
        for ci in np.unique(c):
            m = c == ci
            pool = self.exchanges[ec == ci]
            out[m] = pool[self.rng.integers(0, len(pool), int(m.sum()))]
        return out

    # -- hard negatives -----------------------------------------------------------------------
    def students(self, target: int) -> None:
        acc, rng = self.acc, self.rng
        # 70% of volume from individual sponsors, 30% from sponsor organisations
        n_pairs = max(4, target // 11)
        n_ind = int(n_pairs * 0.7)
        ns = max(1, int(n_ind / 1.6))
        k = rng.choice([1, 2, 3, 4], size=ns, p=[0.6, 0.25, 0.1, 0.05])
        sp = acc.add(
            ns,
            self.pick(
                ["US", "AU", "GB", "CA", "DE", "KR", "JP", "NL"], [40, 20, 15, 10, 5, 5, 3, 2], ns
            ),
            "sponsor",
            male=0.55,
            birth=(1948, 1982),
            hard=True,
        )
        n_org = int((n_pairs - n_ind) / 60 + rng.random())  # stochastic rounding
        orgs = acc.add(
            n_org,
            self.pick(["US", "AU", "GB", "KR"], [50, 20, 20, 10], n_org),
            "sponsor_org",
            kind=ORG,
            name=self.orgs.codes([f"Scholarship Foundation {i}" for i in range(n_org)]),
            hard=True,
        )
        ko = rng.integers(20, 151, n_org)
        payer = np.concatenate([np.repeat(sp, k), np.repeat(orgs, ko)])
        npairs = len(payer)
        st = acc.add(
            npairs,
            self.pick(["PH", "TH", "KH", "VN", "ID"], [60, 10, 15, 5, 10], npairs),
            "student",
            male=0.45,
            birth=(2002, 2008),
            hard=True,
        )
        months = rng.integers(9, 13, npairs)
        m0 = rng.integers(0, 13 - months)
        p = np.repeat(np.arange(npairs), months)
        mon = m0[p] + _rank_within(p)
        dom = rng.integers(1, 28, npairs)[p]
        day = MSTART[mon] + dom - 1 + rng.integers(-2, 3, len(p))
        day = np.clip(day, 0, NDAYS - 1)
        base = rng.choice([50, 75, 100, 150, 200, 250, 300], size=npairs)[p].astype(float)
        lump = (rng.random(npairs) < 0.3)[p] & np.isin(mon, [5, 11]) & (rng.random(len(p)) < 0.5)
        usd = np.where(lump, rng.uniform(300, 1500, len(p)), base)
        s, r = payer[p], st[p]
        org = np.isin(s, orgs)
        secs = np.where(org, self.hours(BUSINESS, len(p)), self.night_or(len(p), 0.08))
        t = self.at(day, secs, s)
        ch = self.channel([40, 40, 20, 0, 0, 0, 0], len(p))
        memo = self.memo_pick(MEMO_STUDENT, len(p), 0.25)
        self.tx.add(
            s, r, t, usd, ch, "student_sponsorship", rnd=rng.random(len(p)) < 0.9, memo=memo
        )
        self.cashouts(r, t, usd, 0.4, 30, "student_sponsorship")

    def creators(self, target: int) -> None:
        acc, rng = self.acc, self.rng
        direct, plat = int(target * 0.6), int(target * 0.4)
        ncr = max(3, direct // 120)
        cr = acc.add(
            ncr,
            self.pick(["PH", "CO", "TH", "RO", "ID", "VN"], [50, 15, 10, 10, 8, 7], ncr),
            "adult_creator",
            male=0.2,
            birth=(1990, 2005),
            hard=True,
        )
        nfans = max(5, direct // 7)
        fans = acc.add(
            nfans,
            self.pick(OFF_C, OFF_P, nfans),
            "creator_fan",
            male=0.92,
            birth=(1955, 2003),
            hard=True,
        )
        pop_w = 1.0 / np.arange(1, ncr + 1) ** 0.8
        follows = rng.choice([1, 2, 3], size=nfans, p=[0.6, 0.3, 0.1])
        fi = np.repeat(np.arange(nfans), follows)
        ci = rng.choice(ncr, size=len(fi), p=pop_w / pop_w.sum())
        per = np.maximum(1, rng.geometric(0.2, len(fi)))
        scale = direct / max(1, per.sum())
        per = np.maximum(1, np.round(per * scale)).astype(np.int64)
        pair = np.repeat(np.arange(len(fi)), per)
        s, r = fans[fi[pair]], cr[ci[pair]]
        n = len(pair)
        usd = rng.choice([10, 15, 20, 25, 30, 40, 50, 75, 100, 150], size=n).astype(float)
        usd *= np.where(rng.random(n) < 0.25, rng.uniform(0.7, 1.3, n), 1.0)
        rnd = rng.random(n) < 0.75
        t = self.at(rng.integers(0, NDAYS, n), self.night_or(n, 0.55), s)
        ch = self.channel([0, 15, 30, 0, 35, 10, 10], n)
        ccym = np.where(ch == CRYPTO, 3, 0)
        hmemo = np.array([self.handle(int(x)) for x in cr])
        memo = self.memo_pick(MEMO_ADULT, n, 0.5)
        memo = np.where(rng.random(n) < 0.15, hmemo[ci[pair]], memo)
        self.tx.add(s, r, t, usd, ch, "adult_creator", ccym=ccym, rnd=rnd, memo=memo)
        self.cashouts(r, t, usd, 0.75, 10, "adult_creator")
        # platform side: fans pay platforms by card; platforms pay creators weekly
        ncard = int(plat * 0.7)
        if ncard > 0:
            s = fans[rng.integers(0, nfans, ncard)]
            r = self.adult_platforms[rng.integers(0, len(self.adult_platforms), ncard)]
            t = self.at(rng.integers(0, NDAYS, ncard), self.night_or(ncard, 0.5), s)
            usd = rng.choice([5, 10, 15, 20, 30, 50], size=ncard).astype(float)
            self.tx.add(s, r, t, usd, CARD, "adult_creator", ccym=1, rnd=False)
        npay = plat - ncard
        if npay > 0:
            c = cr[rng.integers(0, ncr, npay)]
            p = self.adult_platforms[rng.integers(0, len(self.adult_platforms), npay)]
            day = (rng.integers(0, 52, npay) * 7 + 3).astype(np.int64)
            t = T0 + day * DAY + rng.integers(13 * HOUR, 19 * HOUR, npay)
            usd = _lognormal(rng, 300, 0.9, npay)
            ch = self.channel([45, 0, 30, 0, 0, 0, 25], npay)
            self.tx.add(p, c, t, usd, ch, "adult_creator", memo=self.memos.code("payout"))

    def charity(self, target: int) -> None:
        acc, rng = self.acc, self.rng
        nch = max(3, target // 1500)
        ch_ids = acc.add(
            nch,
            self.pick(["PH", "KH", "TH", "ID"], [60, 20, 10, 10], nch),
            "charity",
            kind=ORG,
            name=self.orgs.codes([f"Charity {i}" for i in range(nch)]),
            hard=True,
        )
        donations = int(target * 0.9)
        nd = max(5, donations // 3)
        donors = acc.add(
            nd, self.pick(OFF_C, OFF_P, nd), "charity_donor", birth=(1945, 2000), hard=True
        )
        s = donors[rng.integers(0, nd, donations)]
        w = 1.0 / np.arange(1, nch + 1)
        r = ch_ids[rng.choice(nch, size=donations, p=w / w.sum())]
        day = rng.integers(0, NDAYS, donations)
        spike = rng.random(donations) < 0.3
        day[spike] = rng.choice([205, 310], size=int(spike.sum())) + rng.integers(
            0, 14, int(spike.sum())
        )
        usd = rng.choice(
            [10, 20, 25, 50, 100, 200], size=donations, p=_norm([10, 20, 25, 25, 15, 5])
        )
        t = self.at(day, self.hours(HUMAN, donations), s)
        ch = self.channel([50, 20, 10, 0, 20, 0, 0], donations)
        memo = self.memo_pick(MEMO_CHARITY, donations, 0.3)
        self.tx.add(s, r, t, usd.astype(float), ch, "charity", rnd=True, memo=memo)
        nout = target - donations
        if nout > 0:
            s = ch_ids[rng.integers(0, nch, nout)]
            r = self.merchant_in(acc["country"][s])
            t = self.at(rng.integers(0, NDAYS, nout), self.hours(BUSINESS, nout), s)
            self.tx.add(s, r, t, _lognormal(rng, 1500, 0.8, nout), BANK, "charity")

    def romance(self, target: int) -> None:
        acc, rng = self.acc, self.rng
        nv = max(2, target // 10)
        v = acc.add(
            nv,
            self.pick(["US", "AU", "GB", "CA", "DE", "JP", "NZ"], [40, 15, 15, 10, 10, 5, 5], nv),
            "romance_victim",
            male=0.55,
            birth=(1945, 1975),
            hard=True,
        )
        nsc = max(1, nv // 3)
        sc = acc.add(
            nsc,
            self.pick(["NG", "GH", "PH", "MY", "ID"], [35, 15, 20, 15, 15], nsc),
            "romance_scammer",
            male=0.7,
            birth=(1980, 2002),
            hard=True,
        )
        scam = sc[rng.integers(0, nsc, nv)]
        npay = rng.integers(4, 21, nv)
        i = np.repeat(np.arange(nv), npay)
        rk = _rank_within(i)
        a0 = rng.uniform(50, 300, nv)[i]
        g = rng.uniform(1.1, 1.45, nv)[i]
        usd = np.minimum(a0 * g**rk, 15000) * rng.uniform(0.85, 1.15, len(i))
        span = rng.integers(30, 181, nv)
        start = rng.integers(0, NDAYS - 180, nv)
        frac = np.sqrt(rk / np.maximum(1, npay[i] - 1))  # shrinking gaps
        day = start[i] + (frac * span[i]).astype(np.int64)
        s, r = v[i], scam[i]
        n = len(i)
        t = self.at(day, self.night_or(n, 0.15), s)
        ch = self.channel([30, 50, 0, 0, 10, 10, 0], n)
        memo = self.memo_pick(MEMO_ROMANCE, n, 0.3)
        self.tx.add(
            s,
            r,
            t,
            usd,
            ch,
            "romance_scam",
            ccym=np.where(ch == CRYPTO, 3, 0),
            rnd=rng.random(n) < 0.6,
            memo=memo,
        )
        self.cashouts(r, t, usd, 0.85, 8, "romance_scam")

    def gaming(self, target: int) -> None:
        acc, rng = self.acc, self.rng
        teens = self.teens
        acc.a["hard"][teens[acc["label"][teens] == 0]] = True
        nsess = max(1, target // 3)
        who = teens[rng.integers(0, len(teens), nsess)]
        per = rng.integers(1, 6, nsess)
        i = np.repeat(np.arange(nsess), per)
        n = len(i)
        s = who[i]
        day = rng.integers(0, NDAYS, nsess)[i]
        base = self.night_or(nsess, 0.15)[i]
        secs = base + _rank_within(i) * rng.integers(300, 3600, n)
        t = self.at(day, secs, s)
        gift = rng.random(n) < 0.1
        r = np.where(
            gift,
            self.giftcards[rng.integers(0, len(self.giftcards), n)],
            self.games[rng.integers(0, len(self.games), n)],
        )
        usd = rng.choice(
            [0.99, 1.99, 4.99, 9.99, 19.99, 49.99], size=n, p=_norm([15, 20, 30, 20, 10, 5])
        )
        usd = np.where(gift, rng.choice([10, 25, 50], size=n), usd)
        ch = np.where(rng.random(n) < 0.55, CARD, EWALLET)
        memo = self.memo_pick(MEMO_GAMING, n, 0.7)
        self.tx.add(s, r, t, usd.astype(float), ch, "gaming", ccym=1, rnd=gift, memo=memo)

    def trips(
        self,
        who: np.ndarray,
        dest: np.ndarray,
        start: np.ndarray,
        length: np.ndarray,
        offender: np.ndarray,
        pop: str,
        typ: int,
    ) -> None:
        """Card spend of trips abroad (vectorised over trips). Offending trips labelled T4."""
        acc, rng = self.acc, self.rng
        nt = len(who)
        if nt == 0:
            return
        comp = {
            4511: np.ones(nt, dtype=np.int64),
            7011: np.ceil(length / rng.uniform(3, 8, nt)).astype(np.int64),
            5812: rng.poisson(length * 0.8),
            4121: rng.poisson(length / 3),
            6011: np.where(offender, rng.poisson(length * 0.7) + 2, rng.integers(1, 6, nt)),
            5947: np.where(offender, rng.integers(1, 4, nt), rng.poisson(0.5, nt)),
            5944: np.where(
                offender, rng.integers(1, 4, nt), (rng.random(nt) < 0.08).astype(np.int64)
            ),
            5945: np.where(offender, rng.integers(0, 3, nt), 0),
        }
        for mcc, cnt in comp.items():
            i = np.repeat(np.arange(nt), cnt)
            n = len(i)
            if n == 0:
                continue
            s = who[i]
            if mcc == 4511:
                home = acc["country"][s]
                r = np.array([self.airlines.get(int(c), self.airlines[CI["US"]])[0] for c in home])
                r = r + rng.integers(0, 3, n)
                day = np.maximum(0, start[i] - rng.integers(7, 61, n))
                t = self.at(day, self.hours(HUMAN, n), s)
                usd = _lognormal(rng, 800, 0.4, n)
                ccym = 0
            else:
                tourist = np.where(offender[i], rng.random(n) < 0.2, rng.random(n) < 0.9)
                r = np.zeros(n, dtype=np.int64)
                for key in {(int(d), bool(tt)) for d, tt in zip(dest[i], tourist, strict=True)}:
                    m = (dest[i] == key[0]) & (tourist == key[1])
                    pool = self.merch[(key[0], mcc, key[1])]
                    r[m] = pool[rng.integers(0, len(pool), int(m.sum()))]
                day = start[i] + (rng.random(n) * length[i]).astype(np.int64)
                if mcc == 7011:
                    day = start[i] + np.minimum(
                        length[i] - 1, _rank_within(i) * rng.integers(3, 8, n)
                    )
                t = self.at(day, rng.integers(8 * HOUR, 22 * HOUR, n), r)  # merchant-local
                usd = {
                    7011: _lognormal(rng, 60, 0.5, n) * np.where(offender[i], 0.5, 1.0) * 4,
                    5812: _lognormal(rng, 15, 0.6, n),
                    4121: _lognormal(rng, 8, 0.6, n),
                    6011: rng.uniform(100, 300, n),
                    5947: _lognormal(rng, 25, 0.7, n),
                    5944: _lognormal(rng, 150, 0.7, n),
                    5945: _lognormal(rng, 30, 0.6, n),
                }[mcc]
                ccym = np.where(rng.random(n) < 0.7, 1, 0)
            label = offender[i].astype(np.int64)
            for lab in (0, 1):
                m = label == lab
                if m.any():
                    self.tx.add(
                        s[m],
                        r[m],
                        t[m],
                        usd[m],
                        CARD,
                        pop,
                        ccym=ccym if np.isscalar(ccym) else ccym[m],
                        rnd=mcc == 6011,
                        label=lab,
                        typ=typ if lab else 0,
                    )

    def tourists(self, target: int) -> None:
        acc, rng = self.acc, self.rng
        nt = max(1, target // 22)
        ntour = max(1, int(nt / 1.3))
        tour = acc.add(
            ntour,
            self.pick(
                ["US", "AU", "GB", "KR", "JP", "DE", "CA", "FR"],
                [25, 20, 15, 15, 10, 7, 5, 3],
                ntour,
            ),
            "tourist",
            male=0.6,
            birth=(1950, 2002),
            hard=True,
        )
        who = tour[rng.integers(0, ntour, nt)]
        dest = self.pick(["PH", "TH", "VN", "KH", "ID"], [35, 35, 15, 8, 7], nt)
        length = np.clip(_lognormal(rng, 8, 0.45, nt), 3, 21).astype(np.int64)
        start = rng.integers(0, NDAYS - 25, nt)
        self.trips(who, dest, start, length, np.zeros(nt, dtype=bool), "tourist", 0)

    # -- planted typologies ---------------------------------------------------------------------
    def osaec_amounts(self, n: int, drift: bool) -> tuple[np.ndarray, np.ndarray]:
        rng = self.rng
        points = np.array([15, 20, 25, 30, 40, 50, 60, 75, 80, 100], dtype=float)
        prefs = rng.choice(points, size=rng.integers(1, 4))
        usd = np.where(
            rng.random(n) < 0.6, prefs[rng.integers(0, len(prefs), n)], _loguniform(rng, 15, 100, n)
        )
        wide = rng.random(n) < 0.12
        usd[wide] = _loguniform(rng, 10, 200, int(wide.sum()))
        if drift:
            usd = rng.uniform(150, 250, n)
        rnd = rng.random(n) < rng.uniform(0.7, 0.95)
        return usd, rnd

    def osaec_memos(self, n: int, handle: int | None, obf: bool) -> np.ndarray:
        rng = self.rng
        cover = list(MEMO_COVER)
        local = list(MEMO_LOCAL)
        if obf:
            cover = [_obfuscate(w, rng) for w in cover]
            local = [_obfuscate(w, rng) for w in local]
        u = rng.random(n)
        out = np.where(u < 0.35, self.memo_pick(cover, n, 0.0), -1)
        out = np.where((u >= 0.35) & (u < 0.5), self.memo_pick(local, n, 0.0), out)
        if handle is not None:
            out = np.where((u >= 0.5) & (u < 0.62), handle, out)
        return out

    def sessions(self, n: int, d0: int, d1: int, who: int, night: float = 0.75) -> np.ndarray:
        """Sender-local times of n payments in bursty sessions (sorted UTC)."""
        rng = self.rng
        d1 = max(d0 + 1, d1)
        n_sess = max(1, round(n / rng.uniform(1.2, 2.2)))
        n_burst = max(1, n_sess // int(rng.integers(2, 6)))
        centres = rng.integers(d0, d1, n_burst)
        sday = np.clip(
            centres[rng.integers(0, n_burst, n_sess)] + rng.integers(0, 7, n_sess), d0, d1
        )
        ssec = self.night_or(n_sess, night, HUMAN)
        which = np.sort(rng.integers(0, n_sess, n))
        rank = _rank_within(which)
        local = sday[which] * DAY + ssec[which] + rank * rng.integers(180, 2400, n)
        return np.sort(_utc(local, np.full(n, self.acc["tz"][who])))

    def consumer_channel(self, n: int) -> np.ndarray:
        p = [15, 55, 15, 0, 10, 0, 5]
        pref = self.rng.choice(7, p=_norm(p))
        return np.where(self.rng.random(n) < 0.8, pref, self.channel(p, n))

    def new_consumers(
        self, k: int, typ: int, role: str = "consumer", birth=(1950, 1990)
    ) -> np.ndarray:
        ids = self.acc.add(
            k, self.pick(OFF_C, OFF_P, k), role, male=1.0, birth=birth, role=role, label=1, typ=typ
        )
        # ancillary spending (VPN, webcam platforms) for half of them: label 0 rows
        for c in ids:
            if self.rng.random() < 0.5:
                m = int(self.rng.integers(2, 13))
                r = np.where(
                    self.rng.random(m) < 0.5,
                    self.vpn[self.rng.integers(0, len(self.vpn), m)],
                    self.adult_platforms[self.rng.integers(0, len(self.adult_platforms), m)],
                )
                t = self.at(self.rng.integers(0, NDAYS, m), self.night_or(m, 0.5), np.full(m, c))
                self.tx.add(
                    np.full(m, c), r, t, self.rng.uniform(5, 15, m), CARD, "ancillary", ccym=1
                )
        return ids

    def new_facilitators(
        self,
        k: int,
        typ: int,
        role: str = "facilitator",
        countries: np.ndarray | None = None,
        surname: np.ndarray | None = None,
        device: np.ndarray | None = None,
    ) -> np.ndarray:
        if countries is None:
            countries = self.pick(["PH", "TH", "VN", "KH"], [76, 14, 5, 5], k)
        return self.acc.add(
            k,
            countries,
            role,
            male=0.25,
            birth=(1965, 1998),
            role=role,
            label=1,
            typ=typ,
            surname=surname,
            device=device,
        )

    def pay(
        self,
        s: np.ndarray,
        r: np.ndarray,
        t: np.ndarray,
        usd: np.ndarray,
        ch: np.ndarray,
        rnd: np.ndarray,
        memo: np.ndarray,
        typ: int,
        pop: str,
    ) -> None:
        rng = self.rng
        n = len(s)
        ccym = np.where(np.isin(ch, [MSB, EWALLET]) & (rng.random(n) < 0.15), 1, 0)
        rnd = rnd & (ccym == 0)
        self.tx.add(s, r, t, usd, ch, pop, ccym=ccym, rnd=rnd, memo=memo, label=1, typ=typ)

    def fac_cashout(
        self,
        fac: int,
        t: np.ndarray,
        usd: np.ndarray,
        typ: int,
        pop: str,
        household: np.ndarray | None = None,
        lead: int | None = None,
    ) -> None:
        """>=60% of inbound value out within 48 h, merged into withdrawals per 12 h."""
        rng = self.rng
        n = len(t)
        if n == 0:
            return
        fast = rng.random(n) < rng.uniform(0.8, 1.0)
        lag = np.where(fast, rng.uniform(0.5, 40, n), rng.uniform(72, 240, n)) * HOUR
        out_t = (t + lag).astype(np.int64)
        amt = usd * rng.uniform(0.8, 1.0, n)
        bucket = out_t // (12 * HOUR)
        ub, inv = np.unique(bucket, return_inverse=True)
        tot = np.bincount(inv, weights=amt)
        first = np.zeros(len(ub), dtype=np.int64)
        np.maximum.at(first, inv, out_t)  # after every credit it pays out
        k = len(ub)
        src = np.full(k, fac)
        if lead is not None:
            dst = np.full(k, lead)
            ch = np.where(rng.random(k) < 0.7, EWALLET, BANK)
        else:
            dst = self.agent_for(src)
            if household is not None and len(household):
                h = rng.random(k) < 0.25
                dst[h] = household[rng.integers(0, len(household), int(h.sum()))]
            ch = np.where(rng.random(k) < 0.55, MSB, EWALLET)
        memo = self.memo_pick(MEMO_CASHOUT, k, 0.7)
        self.tx.add(src, dst, first, tot, ch, pop, rnd=True, memo=memo, label=1, typ=typ)
        if household is not None:
            for hh in np.unique(dst[np.isin(dst, household)]):
                m = dst == hh
                self.fac_cashout(int(hh), first[m], tot[m], typ, pop)

    def t1(self, budget: int, reuse: list[int]) -> None:
        rng = self.rng
        base = self.tx.n_illicit
        while self.tx.n_illicit - base < budget:
            c = int(self.new_consumers(1, 1)[0])
            life = int(rng.integers(2, 37))
            start_m = int(rng.integers(-life + 1, 12))
            m0, m1 = max(0, start_m), min(12, start_m + life)
            if m1 <= m0:
                m0, m1 = 0, 2
            rate = float(np.clip(_lognormal(rng, 4, 0.8, 1)[0], 2, 30))
            n = max(2, int(rate * (m1 - m0)))
            n = min(n, max(4, int(0.7 * (budget - (self.tx.n_illicit - base)))))
            d0, d1 = int(MSTART[m0]), int(MSTART[m1 - 1] + MLEN[m1 - 1])
            t = self.sessions(n, d0, d1, c)
            k = int(rng.integers(1, 9))
            recs = []
            for _ in range(k):
                if reuse and rng.random() < 0.3:
                    recs.append(reuse[int(rng.integers(0, len(reuse)))])
                else:
                    f = int(self.new_facilitators(1, 1)[0])
                    recs.append(f)
                    reuse.append(f)
            # receivers added over time: receiver j active from fraction j/k of the span
            pos = np.arange(n) / n
            hi = np.minimum(k, np.floor(pos * k).astype(np.int64) + 1)
            j = np.where(rng.random(n) < 0.6, hi - 1, (rng.random(n) * hi).astype(np.int64))
            r = np.array(recs)[j]
            usd, rnd = self.osaec_amounts(n, rng.random() < 0.1)
            obf = rng.random() < 0.15
            memo = np.concatenate([self.osaec_memos(1, self.handle(int(x)), obf) for x in r])
            self.pay(np.full(n, c), r, t, usd, self.consumer_channel(n), rnd, memo, 1, "T1")
            for f in set(recs):
                m = r == f
                if m.any() and rng.random() < 0.7:
                    self.fac_cashout(f, t[m], usd[m], 1, "T1")

    def t2(self, budget: int) -> list[int]:
        rng, acc = self.rng, self.acc
        base = self.tx.n_illicit
        hubs: list[int] = []
        while self.tx.n_illicit - base < budget:
            hub = int(self.new_facilitators(1, 2, "facilitator_hub")[0])
            hubs.append(hub)
            hh_n = int(rng.integers(2, 7))
            dev = np.where(rng.random(hh_n) < 0.7, acc["device"][hub], acc.devices(hh_n))
            household = self.new_facilitators(
                hh_n,
                2,
                "household",
                countries=np.full(hh_n, acc["country"][hub]),
                surname=np.full(hh_n, acc["surname"][hub]),
                device=dev,
            )
            remaining = budget - (self.tx.n_illicit - base)
            cap = max(5, remaining // 6)
            n_cons = int(min(200, cap, round(math.exp(rng.uniform(math.log(5), math.log(200))))))
            n_cons = max(5, n_cons)
            cons = self.new_consumers(n_cons, 2)
            cc = acc["country"][cons]
            if len(np.unique(cc)) < 2:
                acc.a["country"][cons[0]] = CI["GB"] if cc[0] != CI["GB"] else CI["AU"]
                acc.a["ccy"][cons[0]] = C_CCY[acc.a["country"][cons[0]]]
                acc.a["tz"][cons[0]] = _C_TZ[acc.a["country"][cons[0]]][0][0]
            active0 = int(rng.integers(0, 250))
            active1 = min(NDAYS, active0 + int(rng.integers(90, 366)))
            drift = rng.random() < 0.1
            obf = rng.random() < 0.15
            handle = self.handle(hub)
            ins_t, ins_u, ins_r = [], [], []
            for c in cons:
                per_cap = max(1, remaining // (2 * n_cons))
                n = int(min(30, per_cap, max(1, rng.geometric(0.25))))
                t = self.sessions(n, active0, active1, int(c))
                usd, rnd = self.osaec_amounts(n, drift)
                r = np.where(rng.random(n) < 0.3, household[rng.integers(0, hh_n, n)], hub)
                memo = self.osaec_memos(n, handle, obf)
                self.pay(np.full(n, c), r, t, usd, self.consumer_channel(n), rnd, memo, 2, "T2")
                ins_t.append(t)
                ins_u.append(usd)
                ins_r.append(r)
            t_all, u_all, r_all = (
                np.concatenate(ins_t),
                np.concatenate(ins_u),
                np.concatenate(ins_r),
            )
            self.fac_cashout(hub, t_all[r_all == hub], u_all[r_all == hub], 2, "T2", household)
            for h in household:
                m = r_all == h
                if m.any():
                    self.fac_cashout(int(h), t_all[m], u_all[m], 2, "T2")
        return hubs

    def t3(self, budget: int) -> None:
        rng, acc = self.rng, self.acc
        base = self.tx.n_illicit
        while self.tx.n_illicit - base < budget:
            kf = int(rng.integers(2, 7))
            facs = self.new_facilitators(kf, 3)
            lead = int(facs[0])
            acc.a["role"][lead] = self.roles.code("facilitator_lead")
            remaining = budget - (self.tx.n_illicit - base)
            kc = int(min(rng.integers(3, 26), max(3, remaining // 8)))
            cons = self.new_consumers(kc, 3)
            forwarders = set(
                rng.choice(
                    facs[1:], size=min(len(facs) - 1, int(rng.integers(1, 3))), replace=False
                ).tolist()
            )
            a0 = int(rng.integers(0, 200))
            a1 = min(NDAYS, a0 + int(rng.integers(120, 366)))
            pop_w = _norm(list(1.0 / np.arange(1, kf + 1)))
            ins: dict[int, list[tuple[np.ndarray, np.ndarray]]] = {int(f): [] for f in facs}
            obf = rng.random() < 0.15
            drift = rng.random() < 0.1
            for c in cons:
                mine = rng.choice(
                    facs, size=int(rng.integers(1, min(4, kf) + 1)), replace=False, p=pop_w
                )
                n = int(min(rng.integers(2, 21), max(2, remaining // (2 * kc))))
                t = self.sessions(n, a0, a1, int(c))
                usd, rnd = self.osaec_amounts(n, drift)
                r = mine[rng.integers(0, len(mine), n)]
                memo = self.osaec_memos(n, None, obf)
                self.pay(np.full(n, c), r, t, usd, self.consumer_channel(n), rnd, memo, 3, "T3")
                for f in np.unique(r):
                    ins[int(f)].append((t[r == f], usd[r == f]))
            lead_in_t, lead_in_u = [], []
            for f, parts in ins.items():
                if not parts:
                    continue
                t = np.concatenate([p[0] for p in parts])
                u = np.concatenate([p[1] for p in parts])
                if f in forwarders:
                    share = rng.uniform(0.5, 0.9)
                    lag = (rng.uniform(1, 47, len(t)) * HOUR).astype(np.int64)
                    self.tx.add(
                        np.full(len(t), f),
                        np.full(len(t), lead),
                        t + lag,
                        u * share,
                        np.where(rng.random(len(t)) < 0.7, EWALLET, BANK),
                        "T3",
                        rnd=True,
                        label=1,
                        typ=3,
                    )
                    lead_in_t.append(t + lag)
                    lead_in_u.append(u * share)
                elif f != lead:
                    self.fac_cashout(f, t, u, 3, "T3")
                else:
                    lead_in_t.append(t)
                    lead_in_u.append(u)
            if lead_in_t:
                self.fac_cashout(
                    lead, np.concatenate(lead_in_t), np.concatenate(lead_in_u), 3, "T3"
                )

    def t4(self, budget: int) -> None:
        rng, acc = self.rng, self.acc
        base = self.tx.n_illicit
        while self.tx.n_illicit - base < budget:
            o = int(
                acc.add(
                    1,
                    self.pick(
                        ["US", "AU", "GB", "DE", "JP", "KR", "CA"], [35, 20, 15, 10, 7, 5, 8], 1
                    ),
                    "travel_offender",
                    male=1.0,
                    birth=(1948, 1980),
                    role="travel_offender",
                    label=1,
                    typ=4,
                )[0]
            )
            usual = int(rng.integers(5, 11))
            trips = int(rng.integers(1, 3)) if budget - (self.tx.n_illicit - base) > 120 else 1
            dest = self.pick(["PH", "KH", "TH", "VN"], [55, 20, 15, 10], trips + 1)
            dest[0] = self.pick(["TH", "PH", "VN", "ID"], None, 1)[0]
            length = np.r_[usual, (usual * rng.uniform(2, 4, trips)).astype(np.int64)]
            starts = np.sort(
                rng.choice(np.arange(0, NDAYS - 45, 50), size=trips + 1, replace=False)
            )
            off = np.r_[False, np.ones(trips, dtype=bool)]
            self.trips(np.full(trips + 1, o), dest, starts, length, off, "T4", 4)
            if rng.random() < 0.4:
                contact = int(
                    acc.add(
                        1,
                        np.array([dest[1]]),
                        "minor_payee",
                        male=0.4,
                        birth=(2006, 2011),
                        role="minor_payee",
                        label=1,
                        typ=4,
                    )[0]
                )
                n = int(rng.integers(2, 7))
                day = starts[1] + rng.integers(0, length[1], n)
                t = self.at(day, rng.integers(9 * HOUR, 23 * HOUR, n), np.full(n, contact))
                usd = rng.uniform(20, 150, n)
                self.tx.add(
                    np.full(n, o),
                    np.full(n, contact),
                    t,
                    usd,
                    EWALLET,
                    "T4",
                    rnd=rng.random(n) < 0.8,
                    memo=self.memo_pick(MEMO_T7, n, 0.4),
                    label=1,
                    typ=4,
                )

    def t5(self, budget: int) -> None:
        rng, acc = self.rng, self.acc
        base = self.tx.n_illicit
        used: set[int] = set()
        while self.tx.n_illicit - base < budget:
            victims_c = acc["country"][self.teens]
            domestic = rng.random() < 0.6
            vc = self.pick(["US", "GB", "AU", "CA", "PH"], [45, 15, 10, 10, 20], 1)[0]
            if domestic:
                mule = int(
                    acc.add(
                        1, np.array([vc]), "mule", birth=(1995, 2006), role="mule", label=1, typ=5
                    )[0]
                )
                ctrl = int(
                    acc.add(
                        1,
                        self.pick(["NG", "PH", "GH"], [60, 25, 15], 1),
                        "controller",
                        male=0.9,
                        birth=(1985, 2003),
                        role="controller",
                        label=1,
                        typ=5,
                    )[0]
                )
            else:
                mule = int(
                    acc.add(
                        1,
                        self.pick(["NG", "PH", "GH"], [60, 25, 15], 1),
                        "mule",
                        male=0.85,
                        birth=(1990, 2005),
                        role="mule",
                        label=1,
                        typ=5,
                    )[0]
                )
                ctrl = -1
            nv = int(min(rng.integers(2, 41), max(2, (budget - (self.tx.n_illicit - base)) // 6)))
            pool = self.teens[(victims_c == vc) & ~np.isin(self.teens, list(used))]
            if len(pool) < nv:
                pool = self.teens[~np.isin(self.teens, list(used))]
            if len(pool) == 0:
                return
            nv = min(nv, len(pool))
            vics = rng.choice(pool, size=nv, replace=False)
            used.update(int(v) for v in vics)
            acc.mark(vics, "victim", 5)
            acc.a["sex"][vics] = np.where(rng.random(nv) < 0.9, 0, 1)
            a0 = int(rng.integers(0, 300))
            in_t, in_u = [], []
            for v in vics:
                n = int(rng.integers(2, 7))
                first = min(240.0, float(_lognormal(rng, 60, 0.6, 1)[0]))
                usd = first * np.cumprod(np.r_[1.0, rng.uniform(0.8, 2.0, n - 1)])
                usd = np.minimum(usd, 1500 * usd / usd.sum())
                win = float(rng.uniform(24, 72)) * HOUR
                d = a0 + int(rng.integers(0, 120))
                t0 = int(self.at(np.array([d]), self.night_or(1, 0.5), np.array([v]))[0])
                t = t0 + np.sort(np.r_[0, rng.uniform(0, win, n - 1)]).astype(np.int64)
                if rng.random() < 0.25:  # gift-card variant: the mule is off-ledger
                    r = self.giftcards[rng.integers(0, len(self.giftcards), n)]
                    self.tx.add(
                        np.full(n, v),
                        r,
                        t,
                        np.round(usd / 25) * 25 + 25,
                        CARD,
                        "T5",
                        ccym=1,
                        rnd=True,
                        label=1,
                        typ=5,
                    )
                else:
                    ch = self.channel(
                        [0, 0 if domestic else 60, 30, 0, 70 if domestic else 10, 0, 0], n
                    )
                    memo = self.memo_pick(MEMO_T5, n, 0.8)
                    self.tx.add(
                        np.full(n, v),
                        np.full(n, mule),
                        t,
                        usd,
                        ch,
                        "T5",
                        rnd=rng.random(n) < 0.5,
                        memo=memo,
                        label=1,
                        typ=5,
                    )
                    in_t.append(t)
                    in_u.append(usd)
            if in_t:
                t, u = np.concatenate(in_t), np.concatenate(in_u)
                if ctrl >= 0:
                    lag = (rng.uniform(1, 47, len(t)) * HOUR).astype(np.int64)
                    share = rng.uniform(0.7, 0.95)
                    self.tx.add(
                        np.full(len(t), mule),
                        np.full(len(t), ctrl),
                        t + lag,
                        u * share,
                        MSB,
                        "T5",
                        label=1,
                        typ=5,
                    )
                else:
                    self.fac_cashout(mule, t, u, 5, "T5")

    def t6(self, budget: int) -> list[int]:
        rng, acc = self.rng, self.acc
        base = self.tx.n_illicit
        clusters: list[int] = []
        while self.tx.n_illicit - base < budget:
            na = int(rng.integers(3, 16))
            addr = acc.add(
                na,
                self.pick(VASP_C, None, na),
                "csam_address",
                kind=ADDRESS,
                role="csam_address",
                label=1,
                typ=6,
            )
            sink = int(
                acc.add(
                    1,
                    self.pick(VASP_C, None, 1),
                    "csam_consolidation",
                    kind=ADDRESS,
                    role="csam_consolidation",
                    label=1,
                    typ=6,
                )[0]
            )
            clusters.extend(int(a) for a in addr)
            nc = int(min(rng.integers(3, 31), max(1, (budget - (self.tx.n_illicit - base)) // 8)))
            cons = self.new_consumers(nc, 6, birth=(1985, 2003))
            dep_t, dep_u, dep_a = [], [], []
            for c in cons:
                nb = int(rng.integers(1, 7))
                tb = self.sessions(nb, 0, NDAYS, int(c), 0.6)
                sends = rng.integers(1, 4, nb)
                usd, _ = self.osaec_amounts(int(sends.sum()), rng.random() < 0.1)
                grp = np.repeat(np.arange(nb), sends)
                buy = np.bincount(grp, weights=usd) * rng.uniform(1.0, 1.3, nb)
                ex = self.exchange_in(
                    np.full(nb, CI["US"])
                    if acc["country"][c] not in self.exchanges_c()
                    else np.full(nb, acc["country"][c])
                )
                ch = np.where(rng.random(nb) < 0.6, CARD, BANK)
                self.tx.add(
                    np.full(nb, c), ex, tb, buy, ch, "T6", rnd=rng.random(nb) < 0.6, label=1, typ=6
                )
                ts = tb[grp] + (rng.uniform(0.1, 48, len(grp)) * HOUR).astype(np.int64)
                a = addr[rng.integers(0, na, len(grp))]
                coin = rng.choice([2, 3, 4], size=len(grp), p=[0.4, 0.45, 0.15])
                self.tx.add(
                    np.full(len(grp), c), a, ts, usd, CRYPTO, "T6", ccym=coin, label=1, typ=6
                )
                dep_t.append(ts)
                dep_u.append(usd)
                dep_a.append(a)
            t, u, a = np.concatenate(dep_t), np.concatenate(dep_u), np.concatenate(dep_a)
            for x in np.unique(a):
                m = a == x
                wk = (t[m] - T0) // (7 * DAY)
                uw, inv = np.unique(wk, return_inverse=True)
                tot = np.bincount(inv, weights=u[m]) * 0.98
                ts = T0 + (uw + 1) * 7 * DAY + rng.integers(0, DAY, len(uw))
                self.tx.add(
                    np.full(len(uw), x),
                    np.full(len(uw), sink),
                    ts,
                    tot,
                    CRYPTO,
                    "T6",
                    ccym=2,
                    label=1,
                    typ=6,
                )
        return clusters

    def t7(self, budget: int) -> None:
        rng, acc = self.rng, self.acc
        base = self.tx.n_illicit
        while self.tx.n_illicit - base < budget:
            o = int(
                acc.add(
                    1,
                    self.pick(OFF_C, OFF_P, 1),
                    "direct_offender",
                    male=1.0,
                    birth=(1955, 1990),
                    role="direct_offender",
                    label=1,
                    typ=7,
                )[0]
            )
            v = int(
                acc.add(
                    1,
                    self.pick(["PH", "TH", "VN", "KH", "ID"], [65, 12, 8, 7, 8], 1),
                    "minor_payee",
                    male=0.35,
                    birth=(2006, 2012),
                    role="minor_payee",
                    label=1,
                    typ=7,
                )[0]
            )
            n = int(min(rng.integers(3, 26), max(3, budget - (self.tx.n_illicit - base))))
            d0 = int(rng.integers(0, 300))
            d1 = min(NDAYS, d0 + int(rng.integers(30, 241)))
            t = self.sessions(n, d0, d1, o, 0.6)
            usd, rnd = self.osaec_amounts(n, rng.random() < 0.1)
            usd = np.minimum(usd, 150) if rng.random() > 0.1 else usd
            ch = self.channel([0, 35, 45, 0, 20, 0, 0], n)
            memo = self.memo_pick(MEMO_T7, n, 0.5)
            self.pay(np.full(n, o), np.full(n, v), t, usd, ch, rnd, memo, 7, "T7")

    def lone(self, budget: int, facilitators: list[int], clusters: list[int]) -> None:
        rng, acc = self.rng, self.acc
        base = self.tx.n_illicit
        west = self.west_people[self.acc["sex"][self.west_people] == 0]
        while self.tx.n_illicit - base < budget:
            u = rng.random()
            if u < 0.6 or (u >= 0.9 and not clusters):  # T1-style
                s = int(west[rng.integers(0, len(west))])
                acc.mark(np.array([s]), "lone_consumer", 1)
                if facilitators and rng.random() < 0.5:
                    r = facilitators[int(rng.integers(0, len(facilitators)))]
                else:
                    r = int(self.new_facilitators(1, 1, "lone_receiver")[0])
                n = int(rng.integers(1, 4))
                t = self.sessions(n, 0, NDAYS, s)
                usd, rnd = self.osaec_amounts(n, rng.random() < 0.1)
                memo = self.osaec_memos(n, self.handle(r), rng.random() < 0.15)
                self.pay(
                    np.full(n, s),
                    np.full(n, r),
                    t,
                    usd,
                    self.consumer_channel(n),
                    rnd,
                    memo,
                    1,
                    "lone",
                )
            elif u < 0.75:  # one sextortion payment to a new payee
                s = int(self.teens[rng.integers(0, len(self.teens))])
                acc.mark(np.array([s]), "victim", 5)
                r = int(
                    acc.add(
                        1,
                        acc["country"][[s]]
                        if rng.random() < 0.6
                        else self.pick(["NG", "PH"], None, 1),
                        "mule",
                        role="mule",
                        label=1,
                        typ=5,
                        birth=(1990, 2005),
                    )[0]
                )
                n = 1
                t = self.at(rng.integers(0, NDAYS, 1), self.night_or(1, 0.5), np.array([s]))
                usd = np.minimum(_lognormal(rng, 80, 0.6, 1), 240)
                self.tx.add(
                    np.array([s]),
                    np.array([r]),
                    t,
                    usd,
                    self.channel([0, 20, 30, 0, 50, 0, 0], 1),
                    "lone",
                    label=1,
                    typ=5,
                )
            elif u < 0.9:  # one or two direct payments to a minor
                s = int(west[rng.integers(0, len(west))])
                acc.mark(np.array([s]), "lone_consumer", 7)
                r = int(
                    acc.add(
                        1,
                        self.pick(["PH", "TH", "ID"], [70, 15, 15], 1),
                        "minor_payee",
                        role="minor_payee",
                        label=1,
                        typ=7,
                        birth=(2006, 2012),
                    )[0]
                )
                n = int(rng.integers(1, 3))
                t = self.sessions(n, 0, NDAYS, s, 0.6)
                usd, rnd = self.osaec_amounts(n, False)
                self.pay(
                    np.full(n, s),
                    np.full(n, r),
                    t,
                    np.minimum(usd, 150),
                    self.channel([0, 40, 40, 0, 20, 0, 0], n),
                    rnd,
                    self.memo_pick(MEMO_T7, n, 0.5),
                    7,
                    "lone",
                )
            else:  # crypto: one buy and one send to a known cluster
                s = int(west[rng.integers(0, len(west))])
                acc.mark(np.array([s]), "lone_consumer", 6)
                t = self.sessions(1, 0, NDAYS, s, 0.6)
                usd, _ = self.osaec_amounts(1, False)
                c = acc["country"][s]
                ex = self.exchange_in(np.array([c if c in self.exchanges_c() else CI["US"]]))
                self.tx.add(np.array([s]), ex, t, usd * 1.1, CARD, "lone", rnd=True, label=1, typ=6)
                a = np.array([clusters[int(rng.integers(0, len(clusters)))]])
                self.tx.add(
                    np.array([s]), a, t + 3 * HOUR, usd, CRYPTO, "lone", ccym=3, label=1, typ=6
                )
                n = 2

    # -- orchestration ----------------------------------------------------------------------------
    def plant(self, budget: float) -> None:
        """70% of the budget in full patterns, 30% lone; an operation that overshoots its
        typology's share (operations come whole) makes the total slightly exceed the target."""
        patterned = 0.7 * budget
        shares = {2: 0.24, 1: 0.28, 3: 0.14, 5: 0.12, 6: 0.07, 7: 0.07, 4: 0.08}
        facs: list[int] = []
        hubs: list[int] = []
        clusters: list[int] = []
        for typ, share in shares.items():
            b = round(patterned * share)
            # at small scales an operation is bigger than the typology's share: plant it
            # with probability share/size so the expected volume stays right
            if b < MIN_OP[typ]:
                b = MIN_OP[typ] if self.rng.random() < b / MIN_OP[typ] else 0
            if b <= 0:
                continue
            if typ == 1:
                self.t1(b, facs)
            elif typ == 2:
                hubs = self.t2(b)
            elif typ == 3:
                self.t3(b)
            elif typ == 4:
                self.t4(b)
            elif typ == 5:
                self.t5(b)
            elif typ == 6:
                clusters = self.t6(b)
            else:
                self.t7(b)
        lone = round(0.3 * budget)
        if lone > 0:
            self.lone(lone, facs + hubs, clusters)

    def background(self) -> None:
        n = self.n_tx
        h = min(0.6, 0.13 * self.hard)
        parts = {
            "students": 2.0,
            "creators": 4.0,
            "charity": 1.5,
            "romance": 1.0,
            "gaming": 2.5,
            "tourists": 2.0,
        }
        tot = sum(parts.values())
        if h > 0:
            self.students(int(n * h * parts["students"] / tot))
            self.creators(int(n * h * parts["creators"] / tot))
            self.charity(int(n * h * parts["charity"] / tot))
            self.romance(int(n * h * parts["romance"] / tot))
            self.gaming(int(n * h * parts["gaming"] / tot))
            self.tourists(int(n * h * parts["tourists"] / tot))
        self.diaspora(int(n * 0.26))
        self.freelancers(int(n * 0.05))
        self.crypto_benign(int(n * 0.02))
        self.card_domestic(int(n * 0.14))
        self.bills_sea(int(n * 0.04))
        rest = n - self.tx.count
        self.p2p_domestic(max(rest, n // 50))

    # -- assembly --------------------------------------------------------------------------------
    def assemble(self) -> Generated:
        rng, acc = self.rng, self.acc
        cols = {k: np.concatenate([c[k] for c in self.tx.chunks]) for k in _TX_FIELDS}
        t_raw = cols["t"]
        order = np.argsort(t_raw, kind="stable")
        cols = {k: v[order] for k, v in cols.items()}
        t = t_raw[order]
        s, r, ch = cols["s"], cols["r"], cols["ch"].astype(np.int64)
        n = len(s)
        # currency and amounts
        ccym = cols["ccym"]
        ccy = np.select(
            [ccym == 0, ccym == 1],
            [acc["ccy"][s], acc["ccy"][r]],
            np.choose(np.clip(ccym - 2, 0, 2), [CUR["BTC"], CUR["USDT"], CUR["ETH"]]),
        )
        rates = _rates()
        rate = rates[ccy]
        local = cols["usd"] / rate
        zero_dec = np.isin(ccy, [CUR[c] for c in ZERO_DEC])
        crypto = ccym >= 2
        rnd = cols["rnd"] & ~crypto
        # a round step of about a tenth of the amount: 1 or 5 times a power of ten, at least 5
        # from 10 up (USD 35, GBP 40, PHP 2,900, JPY 7,000, PHP 12,000)
        x = np.maximum(0.15 * local, 1e-9)
        base = 10.0 ** np.floor(np.log10(x))
        step = np.where(x / base >= 5, 5 * base, base)
        step = np.maximum(step, np.where(local >= 10, 5.0, 1.0))
        rounded = np.maximum(step, np.round(local / step) * step)
        plain = np.where(
            zero_dec, np.maximum(1, np.round(local)), np.maximum(0.01, np.round(local, 2))
        )
        coin_dec = np.where(ccy == CUR["BTC"], 8, np.where(ccy == CUR["ETH"], 6, 2))
        coin = np.round(local * 10.0**coin_dec) / 10.0**coin_dec
        coin = np.maximum(coin, 10.0**-coin_dec)
        amount = np.where(crypto, coin, np.where(rnd, rounded, plain))
        usd = amount * rate
        # time zone of the recording institution
        card = ch == CARD
        u = rng.random(n)
        rec_tz = np.where(u < 0.55, acc["tz"][s], np.where(u < 0.75, acc["tz"][r], 0))
        rec_tz = np.where(card, np.where(u < 0.6, acc["tz"][r], 0), rec_tz)
        off = _offset(t, rec_tz)
        uoff, off_i = np.unique(off, return_inverse=True)
        off_str = [f"{'+' if o >= 0 else '-'}{abs(o) // 60:02d}:{abs(o) % 60:02d}" for o in uoff]

        # names
        def name_col(who: np.ndarray, present: np.ndarray) -> pl.Series:
            kind = acc["kind"][who]
            var = rng.choice(3, size=n, p=[0.85, 0.05, 0.10])
            sur = acc["surname"][who].astype(np.int64) + np.where(var == 1, len(SURNAMES), 0)
            person = kind == PERSON
            df = pl.DataFrame(
                {
                    "g": _lookup(GIVEN, np.where(person, acc["given"][who], -1)),
                    "s": _lookup(SURNAMES_ALL, np.where(person, sur, -1)),
                    "o": _lookup(self.orgs.words, np.where(person, -1, acc["surname"][who])),
                    "var": var,
                    "p": person,
                    "keep": present,
                }
            )
            out = df.select(
                pl.when(~pl.col("keep"))
                .then(None)
                .when(pl.col("p") & (pl.col("var") == 2))
                .then(
                    pl.concat_str(
                        [
                            pl.col("s").str.to_uppercase(),
                            pl.lit(", "),
                            pl.col("g").str.to_uppercase(),
                        ]
                    )
                )
                .when(pl.col("p"))
                .then(pl.concat_str([pl.col("g"), pl.lit(" "), pl.col("s")]))
                .otherwise(pl.col("o"))
                .alias("x")
            )
            return out["x"]

        p_sn = np.array([0.9, 0.95, 0.7, 0.3, 0.6, 0.05, 0.5])[ch]
        p_rn = np.array([0.8, 0.9, 0.6, 0.9, 0.5, 0.0, 0.4])[ch]
        kyc_ch = np.isin(ch, [BANK, MSB, EWALLET, OTHER])
        s_person = acc["kind"][s] == PERSON
        r_person = acc["kind"][r] == PERSON
        sex_present = s_person & kyc_ch & acc["sex_known"][s]
        sex_val = np.where(acc["sex"][s] == 0, 0, 1)
        sex_u = s_person & kyc_ch & ~acc["sex_known"][s] & (rng.random(n) < 0.2)
        sex_code = np.where(sex_present, sex_val, np.where(sex_u, 2, -1))
        sby = (
            s_person
            & np.isin(ch, [BANK, MSB, EWALLET])
            & acc["birth_known"][s]
            & (rng.random(n) < 0.85)
        )
        rby = (
            r_person
            & np.isin(ch, [BANK, MSB, EWALLET, P2P])
            & acc["birth_known"][r]
            & (rng.random(n) < 0.5)
        )
        dev_p = np.array([0.4, 0.05, 0.9, 0.35, 0.85, 0.8, 0.3])[ch]
        dev_on = (rng.random(n) < dev_p) & (acc["kind"][s] == PERSON)
        mcc = acc["mcc"][r]
        mcc_on = (mcc >= 0) & (rng.random(n) < 0.97)
        # account id strings: shuffled numbers; crypto addresses look like addresses
        na = acc.n
        perm = rng.permutation(na)
        ids = pl.Series(perm).cast(pl.Utf8).str.zfill(9)
        kind = acc["kind"]
        prefix = np.select(
            [kind == MERCHANT, kind == AGENT],
            [1, 2],
            0,
        )
        pre = _lookup(["ac", "mc", "ag"], prefix)
        acc_ids = pl.DataFrame({"p": pre, "i": ids}).select(pl.concat_str(["p", "i"]).alias("x"))[
            "x"
        ]
        addr = np.flatnonzero(kind == ADDRESS)
        if len(addr):
            digits = np.array(list("0123456789abcdef"))[rng.integers(0, 16, (len(addr), 40))]
            hexes = ["".join(row) for row in digits]
            style = rng.integers(0, 3, len(addr))
            fmt = [
                ("bc1q" + h[:38]) if st == 0 else ("0x" + h) if st == 1 else ("T" + h[:33])
                for h, st in zip(hexes, style, strict=True)
            ]
            acc_list = acc_ids.to_list()
            for a_i, f in zip(addr, fmt, strict=True):
                acc_list[a_i] = f
            acc_ids = pl.Series(acc_list)
        dev_str = pl.Series(acc["device"]).cast(pl.Utf8)
        tx = pl.DataFrame(
            {
                "tx_id": pl.Series(np.arange(n)).cast(pl.Utf8).str.zfill(10),
                "t": pl.Series(t + off * 60),
                "off": _lookup(off_str, off_i),
                "sender_id": acc_ids.gather(s),
                "receiver_id": acc_ids.gather(r),
                "amount": amount,
                "currency": _lookup(CURRENCIES, ccy),
                "sender_country": _lookup(COUNTRIES, acc["country"][s]),
                "receiver_country": _lookup(COUNTRIES, acc["country"][r]),
                "channel": _lookup(CHANNELS, ch),
                "memo": _lookup(self.memos.words, cols["memo"]),
                "sender_name": name_col(s, rng.random(n) < p_sn),
                "receiver_name": name_col(r, rng.random(n) < p_rn),
                "sender_sex": _lookup(["M", "F", "U"], sex_code),
                "sender_birth_year": pl.Series(np.where(sby, acc["birth"][s], 0)).cast(pl.Int32),
                "receiver_birth_year": pl.Series(np.where(rby, acc["birth"][r], 0)).cast(pl.Int32),
                "device_id": dev_str.gather(s),
                "dev_on": dev_on,
                "merchant_category": pl.Series(mcc).cast(pl.Int32).cast(pl.Utf8),
                "mcc_on": mcc_on,
                "sby": sby,
                "rby": rby,
            }
        )
        tx = tx.select(
            pl.concat_str([pl.lit("tx"), pl.col("tx_id")]).alias("tx_id"),
            pl.concat_str(
                [
                    pl.from_epoch(pl.col("t"), time_unit="s").dt.strftime("%Y-%m-%dT%H:%M:%S"),
                    pl.col("off"),
                ]
            ).alias("timestamp"),
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
            pl.when(pl.col("sby")).then(pl.col("sender_birth_year")).alias("sender_birth_year"),
            pl.when(pl.col("rby")).then(pl.col("receiver_birth_year")).alias("receiver_birth_year"),
            pl.when(pl.col("dev_on"))
            .then(pl.concat_str([pl.lit("dev"), pl.col("device_id")]))
            .alias("device_id"),
            pl.when(pl.col("mcc_on")).then(pl.col("merchant_category")).alias("merchant_category"),
        )
        labels = pl.DataFrame(
            {
                "label_tx": cols["label"].astype(np.int64),
                "label_typology": _lookup(
                    ["", "T1", "T2", "T3", "T4", "T5", "T6", "T7"], cols["typ"]
                ),
                "usd": usd,
            }
        )
        seen = np.unique(np.concatenate([s, r]))
        accounts = pl.DataFrame(
            {
                "account_id": acc_ids.gather(seen),
                "label": acc["label"][seen].astype(np.int64),
                "typology": _lookup(
                    ["", "T1", "T2", "T3", "T4", "T5", "T6", "T7"], acc["typ"][seen]
                ),
                "role": _lookup(self.roles.words, acc["role"][seen]),
                "population": _lookup(self.pops.words, acc["pop"][seen]),
                "hard_negative": acc["hard"][seen],
            }
        )
        return Generated(tx=tx, tx_labels=labels, accounts=accounts)


def _lookup(words: list[str], idx: np.ndarray) -> pl.Series:
    """Strings by index; negative index gives null."""
    idx = np.asarray(idx, dtype=np.int64)
    table = pl.Series([*words, None], dtype=pl.Utf8)
    return table.gather(np.where(idx < 0, len(words), idx))


@dataclass
class Generated:
    """Transactions, their row-aligned labels, and one row per account seen."""

    tx: pl.DataFrame
    tx_labels: pl.DataFrame
    accounts: pl.DataFrame


def generate(n_tx: int, variant: str, seed: int, hard: float = 1.0) -> Generated:
    """About `n_tx` transactions of variant 'li' (0.05% illicit) or 'hi' (0.2%)."""
    if variant not in ("li", "hi"):
        raise ValueError(f"variant must be 'li' or 'hi', not {variant!r}")
    rng = np.random.default_rng([seed, 0 if variant == "li" else 1, 2])
    world = _World(rng, n_tx, hard)
    world.build_infrastructure()
    world.build_pools()
    ratio = 0.002 if variant == "hi" else 0.0005
    world.plant(ratio * n_tx)
    world.background()
    return world.assemble()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--tx", type=int, default=1_000_000)
    ap.add_argument("--variant", choices=["li", "hi"], default="li")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hard", type=float, default=1.0)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    g = generate(args.tx, args.variant, args.seed, args.hard)
    args.out.mkdir(parents=True, exist_ok=True)
    g.tx.write_parquet(args.out / "tx.parquet")
    g.tx_labels.write_parquet(args.out / "tx_labels.parquet")
    g.accounts.write_csv(args.out / "accounts.csv")
    ill = int(g.tx_labels["label_tx"].sum())
    print(
        f"{g.tx.height} transactions, {ill} illicit ({100 * ill / g.tx.height:.3f}%), "
        f"{g.accounts.height} accounts ({int(g.accounts['label'].sum())} labelled) "
        f"in {time.perf_counter() - t0:.1f} s -> {args.out}"
    )


if __name__ == "__main__":
    main()
