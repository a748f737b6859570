"""Fifth blind held-out generator for issue 6 (`--generator 5` in bench/finance_heldout.py).

Written by a helper who had not seen Jaga's rules, features or generator, nor the other four
held-out generators: only the research note (finance-text.md: indicators 1-14, typologies T1-T7,
the design in section (d)) and the issue's schema. Its own modelling choices, on purpose
different from a single-source synthetic world:

* The ledger is a consortium feed: timestamps carry the RECORDING system's offset. Banks and
  card schemes record the sender's local time, remitters (msb) and VASPs (crypto) record UTC,
  e-wallets and P2P apps the receiver's local time. The instant is always right; the
  sender-local hour has to be derived from the sender's country (the US, Canada, Australia and
  Indonesia span several zones, so even that is approximate).
* Remitters' memos are purpose codes picked from a drop-down (FAMILY SUPPORT, EDUCATION,
  MEDICAL, GIFT ...); free text only on bank, e-wallet and P2P transfers. E-wallets show a
  person receiver's name masked to "First L." (no surname to compare).
* Everybody has an ordinary life: offenders buy groceries and pay subscriptions at home,
  facilitators pay bills and send money to neighbours, victims of sextortion keep gaming.
* Benign look-alikes a Philippine or Thai institution really sees: OFW family remittances with
  cover-word purposes and quick MSB pickup, relatives abroad in several countries paying one
  household, foreign boyfriends paying a partner and her relatives, virtual-assistant clients,
  freelance platforms, webcam/adult creators and their fans (at night, with @handles), child
  sponsorships and charities, romance-scam victims, game top-ups and item sellers, tourists and
  retirees (ATM, hotels, jewellery), online sellers, crypto traders, teenagers with one burst of
  payments to a new ticket reseller, sari-sari stores taking many small e-wallet payments.

Planted (amounts in USD before conversion to the sender's currency):
T1 consumers paying 1-8 small facilitators (some through a relay account, some splitting
   sessions, some in crypto, 40% with an evening or daytime rhythm instead of a night one)
   plus lone one-off pairs;
T2 hubs with 5-200 foreign senders from several countries, 2-6 household accounts sharing the
   hub's device and surname, fast or slow cash-out;
T3 bipartite clusters with shared senders and facilitator -> boss forwarding;
T4 travellers: flights, long stays in non-tourist towns, repeated ATM withdrawals, jewellery and
   toy shops, payments to local contacts;
T5 sextortion: a 14-17-year-old's account, 2-6 escalating payments (first < 250, total <= 1,500)
   in 24-72 h to a new payee or gift cards, then silence; mules collect from many victims;
T6 crypto: consumers buy crypto and pay a cluster of site addresses that consolidate weekly;
T7 a foreign adult paying a young account directly, no facilitator.

generate(n_tx, variant, seed, hard) -> Generated; exactly n_tx rows; vectorised per population
(python loops only over the planted actors and the tourists' trips); 1M rows in about 10 s.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from finance_heldout_gen import Generated

START = 1_735_689_600  # 2025-01-01T00:00:00Z
DAYS = 365
ILLICIT_RATE = {"li": 0.0005, "hi": 0.002}
# Share of illicit transactions per typology (incl. forwards and cash-outs of proceeds).
TYPOLOGY_SHARE = {
    "T1": 0.24,
    "T2": 0.22,
    "T3": 0.14,
    "T4": 0.08,
    "T5": 0.10,
    "T6": 0.10,
    "T7": 0.12,
}

# Offsets in minutes and their weights (no daylight saving: the feed is a toy).
TZ: dict[str, tuple[tuple[int, ...], tuple[float, ...]]] = {
    "PH": ((480,), (1.0,)),
    "TH": ((420,), (1.0,)),
    "ID": ((420, 480, 540), (0.6, 0.3, 0.1)),
    "VN": ((420,), (1.0,)),
    "KH": ((420,), (1.0,)),
    "MY": ((480,), (1.0,)),
    "SG": ((480,), (1.0,)),
    "HK": ((480,), (1.0,)),
    "TW": ((480,), (1.0,)),
    "JP": ((540,), (1.0,)),
    "KR": ((540,), (1.0,)),
    "AU": ((600, 570, 480), (0.75, 0.1, 0.15)),
    "NZ": ((720,), (1.0,)),
    "US": ((-300, -360, -420, -480), (0.47, 0.29, 0.07, 0.17)),
    "CA": ((-240, -300, -360, -420, -480), (0.05, 0.55, 0.12, 0.1, 0.18)),
    "GB": ((0,), (1.0,)),
    "DE": ((60,), (1.0,)),
    "FR": ((60,), (1.0,)),
    "NL": ((60,), (1.0,)),
    "IT": ((60,), (1.0,)),
    "SE": ((60,), (1.0,)),
    "NO": ((60,), (1.0,)),
    "CH": ((60,), (1.0,)),
    "SA": ((180,), (1.0,)),
    "AE": ((240,), (1.0,)),
    "QA": ((180,), (1.0,)),
    "KW": ((180,), (1.0,)),
    "NG": ((60,), (1.0,)),
    "GH": ((0,), (1.0,)),
    "CI": ((0,), (1.0,)),
    "CO": ((-300,), (1.0,)),
    "DO": ((-240,), (1.0,)),
    "MX": ((-360,), (1.0,)),
    "SC": ((240,), (1.0,)),
    "VG": ((-240,), (1.0,)),
    "PA": ((-300,), (1.0,)),
}
CURRENCY = {
    "PH": "PHP",
    "TH": "THB",
    "ID": "IDR",
    "VN": "VND",
    "KH": "USD",
    "MY": "MYR",
    "SG": "SGD",
    "HK": "HKD",
    "TW": "USD",
    "JP": "JPY",
    "KR": "KRW",
    "AU": "AUD",
    "NZ": "NZD",
    "US": "USD",
    "CA": "CAD",
    "GB": "GBP",
    "DE": "EUR",
    "FR": "EUR",
    "NL": "EUR",
    "IT": "EUR",
    "SE": "SEK",
    "NO": "NOK",
    "CH": "CHF",
    "SA": "SAR",
    "AE": "AED",
    "QA": "USD",
    "KW": "USD",
    "NG": "NGN",
    "GH": "USD",
    "CI": "USD",
    "CO": "COP",
    "DO": "DOP",
    "MX": "MXN",
    "SC": "USD",
    "VG": "USD",
    "PA": "USD",
}
# This generator's own approximate rates (USD per unit); tx_labels.usd uses them.
USD_PER = {
    "USD": 1.0,
    "PHP": 0.0174,
    "THB": 0.0285,
    "IDR": 0.0000625,
    "VND": 0.0000395,
    "MYR": 0.215,
    "SGD": 0.745,
    "HKD": 0.128,
    "JPY": 0.0066,
    "KRW": 0.00071,
    "AUD": 0.655,
    "NZD": 0.595,
    "CAD": 0.725,
    "GBP": 1.26,
    "EUR": 1.07,
    "SEK": 0.093,
    "NOK": 0.091,
    "CHF": 1.13,
    "SAR": 0.2666,
    "AED": 0.2723,
    "NGN": 0.00063,
    "COP": 0.00024,
    "DOP": 0.0166,
    "MXN": 0.052,
    "USDT": 1.0,
    "BTC": 64000.0,
}
NO_DECIMALS = {"JPY", "KRW", "IDR", "VND", "COP"}

SEA = ("PH", "ID", "TH", "VN", "MY", "KH")
SEA_W = (0.55, 0.15, 0.12, 0.08, 0.06, 0.04)
FOREIGN = ("US", "GB", "AU", "CA", "DE", "JP", "SG", "FR", "NL", "SA", "SE", "NO", "CH", "KR", "NZ")
FOREIGN_W = (
    0.36,
    0.1,
    0.12,
    0.08,
    0.06,
    0.04,
    0.03,
    0.03,
    0.03,
    0.02,
    0.02,
    0.02,
    0.03,
    0.03,
    0.03,
)
# Consumers: the US about half (AMLC), then UK, AU, CA, ... (item 3).
OFFENDER_W = (
    0.48,
    0.1,
    0.1,
    0.08,
    0.05,
    0.03,
    0.02,
    0.02,
    0.02,
    0.02,
    0.02,
    0.01,
    0.02,
    0.01,
    0.02,
)
VICTIM_COUNTRIES = ("PH", "TH", "ID", "VN", "KH", "CO", "DO", "MX")
VICTIM_W = (0.72, 0.08, 0.05, 0.04, 0.03, 0.04, 0.02, 0.02)

NAMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    # region: (male first names, female first names, surnames)
    "ph": (
        [
            "Jose",
            "Juan",
            "Mark",
            "Jomar",
            "Rolando",
            "Ramil",
            "Renato",
            "Christian",
            "Jayson",
            "Rey",
            "Noel",
            "Arnel",
            "Jericho",
            "Kenneth",
            "Romeo",
            "Dante",
            "Ariel",
            "Jun-jun",
            "Efren",
            "Bong",
        ],
        [
            "Maria",
            "Jenny",
            "Rowena",
            "Analyn",
            "Kristine",
            "Jocelyn",
            "Marites",
            "Lovely",
            "Princess",
            "Angel",
            "Joy",
            "Rhea",
            "Cherry",
            "Liezl",
            "Maricel",
            "Daisy",
            "Shiela",
            "Marilou",
            "Lorna",
            "Divina",
            "Grace",
            "Ma.Theresa",
        ],
        [
            "Santos",
            "Reyes",
            "Cruz",
            "Bautista",
            "Garcia",
            "Mendoza",
            "Torres",
            "Villanueva",
            "Ramos",
            "Aquino",
            "Gonzales",
            "Castillo",
            "Flores",
            "Rivera",
            "Navarro",
            "Pascual",
            "Salazar",
            "Manalo",
            "Dizon",
            "Tolentino",
            "Mercado",
            "Cabrera",
            "Abella",
            "Estrada",
            "Magbanua",
            "Alcantara",
            "Sarmiento",
            "Buenaventura",
            "Dimaculangan",
            "Macaraeg",
            "Cabahug",
            "Ybanez",
            "Tan",
            "Lim",
            "Sy",
            "Dela_Cruz",
            "De_Guzman",
            "Delos_Santos",
            "Lagman",
            "Pacana",
            "Bacalso",
            "Tabanao",
            "Oyao",
            "Gulle",
            "Sumalinog",
            "Quijano",
            "Lumapas",
            "Belarmino",
        ],
    ),
    "th": (
        ["Somchai", "Nattapong", "Wichai", "Anan", "Kittisak", "Prasert", "Somsak", "Thanakorn"],
        [
            "Siriporn",
            "Kanya",
            "Malee",
            "Ploy",
            "Nok",
            "Araya",
            "Pim",
            "Wanida",
            "Sunisa",
            "Kanokwan",
        ],
        [
            "Saetang",
            "Srisuk",
            "Wongsawat",
            "Chaiyaporn",
            "Boonmee",
            "Rattanakorn",
            "Kaewkla",
            "Phromma",
            "Sukjai",
            "Thongdee",
            "Sombat",
            "Inthong",
        ],
    ),
    "id": (
        ["Budi", "Agus", "Rizky", "Wahyu", "Eko", "Andi", "Joko", "Dedi", "Hendra", "Fajar"],
        ["Siti", "Dewi", "Rina", "Putri", "Ayu", "Dian", "Sri", "Wulan", "Fitri", "Indah"],
        [
            "Wijaya",
            "Saputra",
            "Santoso",
            "Hidayat",
            "Kurniawan",
            "Pratama",
            "Lestari",
            "Susanto",
            "Nugroho",
            "Rahmawati",
            "Setiawan",
            "Hasibuan",
        ],
    ),
    "vn": (
        ["Van_Minh", "Van_Hung", "Duc_Anh", "Quoc_Bao", "Van_Nam"],
        ["Thi_Lan", "Thi_Hoa", "Thi_Mai", "Ngoc_Anh", "Thu_Trang"],
        ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do"],
    ),
    "kh": (
        ["Sokha", "Dara", "Vuthy", "Rithy", "Pisey"],
        ["Srey_Mom", "Sophea", "Vanna", "Chanthy", "Sreyleak"],
        ["Chan", "Sok", "Kim", "Chea", "Heng", "Meas", "Nhem"],
    ),
    "my": (
        ["Hafiz", "Amir", "Wei_Jie", "Muhammad", "Arjun"],
        ["Nurul", "Aisyah", "Mei_Ling", "Siti_Aminah", "Kavitha"],
        ["Abdullah", "Rahman", "Lim", "Tan", "Wong", "Ismail", "Ong"],
    ),
    "west": (
        [
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
            "Gary",
            "Kevin",
            "Brian",
            "Jeff",
            "Peter",
            "Graham",
            "Craig",
            "Dennis",
            "Wayne",
            "Doug",
            "Terry",
            "Barry",
            "Glen",
        ],
        [
            "Mary",
            "Linda",
            "Susan",
            "Karen",
            "Lisa",
            "Sarah",
            "Jennifer",
            "Emma",
            "Deborah",
            "Helen",
            "Carol",
            "Janet",
        ],
        [
            "Smith",
            "Johnson",
            "Williams",
            "Brown",
            "Jones",
            "Miller",
            "Davis",
            "Wilson",
            "Anderson",
            "Taylor",
            "Thomas",
            "Moore",
            "Martin",
            "Thompson",
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
            "O'Brien",
            "Murphy",
            "Kelly",
            "MacDonald",
        ],
    ),
    "eu": (
        [
            "Thomas",
            "Klaus",
            "Stefan",
            "Pierre",
            "Jean",
            "Jan",
            "Pieter",
            "Marco",
            "Lars",
            "Anders",
            "Hans",
            "Jurgen",
        ],
        ["Anna", "Claire", "Sophie", "Eva", "Ingrid", "Sabine"],
        [
            "Muller",
            "Schmidt",
            "Schneider",
            "Dubois",
            "Martin",
            "de_Vries",
            "Jansen",
            "Rossi",
            "Bianchi",
            "Andersson",
            "Johansson",
            "Hansen",
            "Meier",
            "Fischer",
        ],
    ),
    "jp": (
        ["Takeshi", "Hiroshi", "Kenji", "Daisuke", "Min-jun", "Ji-hoon"],
        ["Yuki", "Aiko", "Seo-yeon", "Haruka"],
        ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Kim", "Lee", "Park", "Choi"],
    ),
    "gulf": (
        ["Mohammed", "Abdullah", "Fahad", "Khalid", "Omar"],
        ["Fatima", "Noura", "Aisha"],
        ["Al-Harbi", "Al-Qahtani", "Al-Mansouri", "Al-Shamsi"],
    ),
    "af": (
        ["Chinedu", "Emeka", "Tunde", "Kwame", "Kofi", "Ibrahim", "Yao", "Samuel"],
        ["Ngozi", "Ama", "Aminata", "Blessing"],
        ["Okafor", "Adeyemi", "Mensah", "Owusu", "Bello", "Kone", "Traore", "Eze"],
    ),
    "latam": (
        ["Juan", "Carlos", "Luis", "Jose", "Andres"],
        ["Maria", "Ana", "Yessica", "Daniela", "Carolina"],
        ["Garcia", "Rodriguez", "Martinez", "Hernandez", "Perez", "Gomez", "Ramirez"],
    ),
}
REGION = {
    "PH": "ph",
    "TH": "th",
    "ID": "id",
    "VN": "vn",
    "KH": "kh",
    "MY": "my",
    "SG": "my",
    "HK": "jp",
    "TW": "jp",
    "JP": "jp",
    "KR": "jp",
    "SA": "gulf",
    "AE": "gulf",
    "QA": "gulf",
    "KW": "gulf",
    "NG": "af",
    "GH": "af",
    "CI": "af",
    "CO": "latam",
    "DO": "latam",
    "MX": "latam",
    "DE": "eu",
    "FR": "eu",
    "NL": "eu",
    "IT": "eu",
    "SE": "eu",
    "NO": "eu",
    "CH": "eu",
}

TOWNS = {
    "PH": (
        ["Boracay", "El_Nido", "Panglao", "Makati", "BGC", "Cebu_City", "Mactan"],
        [
            "Tacloban",
            "Catbalogan",
            "Pagadian",
            "Cotabato",
            "Tarlac",
            "Cabanatuan",
            "Ormoc",
            "Bislig",
            "Kidapawan",
            "Sorsogon",
            "Borongan",
            "Masbate",
            "Ozamiz",
            "Calbayog",
        ],
    ),
    "TH": (
        ["Phuket", "Pattaya", "Chiang_Mai", "Sukhumvit", "Krabi", "Koh_Samui"],
        ["Udon_Thani", "Khon_Kaen", "Nakhon_Phanom", "Buriram", "Sakon_Nakhon", "Si_Sa_Ket"],
    ),
    "ID": (
        ["Kuta", "Ubud", "Seminyak", "Jakarta"],
        ["Indramayu", "Cianjur", "Kupang", "Sambas", "Garut"],
    ),
    "VN": (["Ho_Chi_Minh", "Hanoi", "Da_Nang"], ["Can_Tho", "Thanh_Hoa", "Vinh"]),
    "KH": (["Siem_Reap", "Phnom_Penh"], ["Battambang", "Kampong_Cham", "Prey_Veng"]),
    "MY": (["Kuala_Lumpur", "Penang"], ["Kota_Bharu", "Kuantan"]),
}
BRANDS = {
    "5411": "SuperSave Grocer|Puremart|QuickStop Mart|Family Mart|Daily Fresh",
    "5812": "Jollyfood|Manang's Carinderia|Noodle House|Kopi Corner|Grill Town",
    "5541": "Petro Fuel|Seaoil Station|Shell Station",
    "4121": "Ride Hail|Angkas Ride|Taxi Coop",
    "4814": "Load Center|TeleLoad|PulsaKu|Prepaid Hub",
    "5311": "Metro Dept Store|Grand Mall",
    "5912": "Mercury Drug|Watsons|Generika",
    "5999": "General Merchandise|Bazaar Shop|Online Mall",
    "4900": "Power Utility|Water District|Internet Fiber",
    "8211": "St. Mary's School|National High School|Learning Center",
    "5816": "Moba Diamonds|Game Credits|Top-up Shop",
    "7011": "Pension House|Inn & Suites|Resort Hotel|Budget Lodge",
    "6011": "ATM BDO|ATM BPI|ATM Metrobank|ATM Krungthai|ATM BRI",
    "5944": "Gold Jewelry|Jewel Center",
    "5945": "Toy Kingdom|Kids Toys",
    "5947": "Souvenir Shop|Gift Corner",
}
SEA_MCC = ("5411", "5812", "5541", "4121", "4814", "5311", "5912", "5999", "4900", "8211", "5816")
SEA_MCC_W = (0.2, 0.2, 0.07, 0.06, 0.13, 0.05, 0.07, 0.09, 0.06, 0.03, 0.04)
HOME_MCC = ("5411", "5812", "5541", "5311", "5732", "5999", "4900", "5814")
HOME_MCC_W = (0.28, 0.2, 0.12, 0.08, 0.05, 0.12, 0.07, 0.08)
HOME_BRAND = {
    "5411": "Grocery",
    "5812": "Diner",
    "5541": "Gas",
    "5311": "Department Store",
    "5732": "Electronics",
    "5999": "Online Retail",
    "4900": "Utilities",
    "5814": "Fast Food",
}

MEMO = {
    "ph_p2p": "bayad|utang|pang-load|ulam|pamasahe|rent|salamat|share sa kuryente|bayad sa "
    "tindahan|pambili bigas|gcash padala|for tuition|ambagan|bday gift|pang-gatas|"
    "bayad sa utang ko|thanks po|pang-baon",
    "id_p2p": "bayar hutang|makan|arisan|bensin|pulsa|kos|titip|thanks|uang jajan|patungan",
    "th_p2p": "ค่าข้าว|ค่าน้ำมัน|thanks|rent|ค่าห้อง|lunch|ค่าไฟ",
    "gen_p2p": "thanks|lunch|rent|dinner|share|gift|ty|bills|transport",
    "family": "padala|allowance|para kay nanay|tuition ni bunso|pambayad kuryente|"
    "medical bills ni lola|kiriman untuk ibu|biaya sekolah|gift|for the family|"
    "pang-grocery|monthly support|para sa bahay|ingat kayo|birthday ni tatay|"
    "hospital ni papa|school fees|education",
    "family_top": "pang-load|emergency|extra|baon|birthday|pang-gamot|fiesta",
    "offender": "for you|accommodation|uniform|medical bills|school|for the kids|load|"
    "pang-gatas|gift|for baby|allowance|tuition|pambili bigas|family support|"
    "for your mom|uang sekolah|untuk adik|sweet dreams|as promised|thanks hun|"
    "for the show|new clothes|groceries|ty|xoxo|medicine|rent",
    "creator": "tip|for the show|ty babe|custom vid|private show|great stream|"
    "tip for tonight|subscription|🔥|for you gorgeous|thanks for tonight",
    "sponsor": "school fees|tuition|for your books|education|allowance|baon|"
    "school supplies|for your uniform|project fund|exam fees|scholarship",
    "charity": "donation|typhoon relief|feeding program|sponsorship|school supplies drive|"
    "medical mission|monthly pledge|in memory of mom",
    "romance": "for your visa|hospital bill|customs fee|plane ticket|love you|medical bills|"
    "rent|for your mother|lawyer fee|to release the package|for us|miss you",
    "partner": "allowance|for you and baby|rent|miss you|groceries|load|for your mama|"
    "tuition of your sister|medicine|house repair|love you|monthly",
    "relative": "for your medicine|for school|gift|for the house|from your kuya",
    "va": "VA services|week {n} invoice|thanks for your hard work|bonus|monthly retainer|"
    "invoice #{n}|admin support",
    "seller": "order #{n}|for the bag|shipping|crochet order|2 pcs|balance|downpayment",
    "gaming": "diamonds|ML acc|boost|skin|rank up|UC|gems|{handle}|pls send acc",
    "teen_burst": "tickets|concert|shoes|for the trip|part 2|rest of it|deposit|",
    "fsec": "please|sorry|pls delete|thats all i have|ok|please stop|here|",
    "payroll": "SALARY|PAYROLL|gaji|salary adj|13th month",
    "platform": "Payout #{n}|Withdrawal {n}|earnings",
    "cash": "cash out|withdrawal|pickup|claim",
}
PURPOSE = {  # remitters' drop-down, chosen per sending population
    "family": ("FAMILY SUPPORT", 0.55, "EDUCATION", 0.1, "MEDICAL", 0.05, "GIFT", 0.1, "", 0.2),
    "offender": ("FAMILY SUPPORT", 0.35, "GIFT", 0.25, "EDUCATION", 0.1, "MEDICAL", 0.1, "", 0.2),
    "business": ("PAYMENT FOR SERVICES", 0.6, "SALARY", 0.2, "", 0.2),
    "personal": ("GIFT", 0.35, "PERSONAL", 0.35, "FAMILY SUPPORT", 0.1, "", 0.2),
    "education": ("EDUCATION", 0.75, "DONATION", 0.1, "", 0.15),
}
PURPOSE_CODES = tuple(PURPOSE)
HANDLE_SUFFIX = [
    "_ph",
    "_sweet",
    ".live",
    "_xx",
    "21",
    "_official",
    ".cam",
    "_baby",
    "99",
    "_vlogs",
    "_tv",
]


def pick(rng: np.random.Generator, items: tuple[str, ...] | list[str], n: int) -> np.ndarray:
    return np.asarray(items, dtype=object)[rng.integers(0, len(items), n)]


def weighted(rng: np.random.Generator, items: tuple[str, ...], w: tuple[float, ...], n: int):
    p = np.asarray(w, dtype=float)
    return np.asarray(items, dtype=object)[rng.choice(len(items), size=n, p=p / p.sum())]


def memo_pool(key: str) -> tuple[str, ...]:
    return tuple(MEMO[key].split("|"))


def lognormal(rng: np.random.Generator, median: np.ndarray | float, sigma: float, n: int):
    return np.asarray(median, dtype=float) * np.exp(sigma * rng.standard_normal(n))


def local_hours(rng: np.random.Generator, profile: str, n: int) -> np.ndarray:
    """Hour of the local day (may pass 24: the next morning) for a named daily rhythm."""
    if profile == "day":
        return np.clip(rng.normal(14.0, 3.3, n), 6.0, 23.6)
    if profile == "night":  # 21:00-04:00, peak around midnight
        return 21.0 + 7.0 * rng.beta(2.0, 2.4, n)
    if profile == "evening":
        return rng.uniform(17.0, 23.7, n)
    if profile == "business":
        return rng.uniform(8.5, 17.5, n)
    if profile == "late":
        return np.where(rng.random(n) < 0.5, local_hours(rng, "night", n), rng.uniform(18, 24, n))
    return rng.uniform(0.0, 24.0, n)  # "any"


class Book:
    """Accounts: who they are (country, zone, name, age) and the ground truth about them."""

    FIELDS = (
        "country",
        "tz",
        "sex",
        "birth",
        "first",
        "last",
        "kind",
        "device",
        "population",
        "role",
        "typology",
        "label",
        "hard",
        "kyc",
        "handle",
    )

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.parts: dict[str, list[np.ndarray]] = {k: [] for k in self.FIELDS}
        self.n = 0
        self.next_device = 1
        self._cache: dict[str, np.ndarray] = {}
        self._cache_n = -1

    def add(
        self,
        n: int,
        country: str | np.ndarray,
        population: str,
        *,
        role: str = "",
        typology: str = "",
        label: int = 0,
        hard: bool = False,
        p_male: float = 0.5,
        birth: tuple[int, int] = (1960, 2002),
        kind: str = "person",
        first: np.ndarray | None = None,
        last: np.ndarray | None = None,
        device: np.ndarray | None = None,
        kyc: float = 0.85,
    ) -> np.ndarray:
        rng = self.rng
        c = np.full(n, country, dtype=object) if isinstance(country, str) else country
        tz = np.zeros(n, dtype=np.int32)
        fn = np.empty(n, dtype=object)
        ln = np.empty(n, dtype=object)
        sex = np.where(rng.random(n) < p_male, "M", "F").astype(object)
        for cc in np.unique(c):
            m = c == cc
            k = int(m.sum())
            offs, w = TZ[cc]
            tz[m] = np.asarray(offs)[rng.choice(len(offs), size=k, p=np.asarray(w) / sum(w))]
            males, females, surnames = NAMES[REGION.get(cc, "west")]
            sm = sex[m]
            f = np.where(sm == "M", pick(rng, males, k), pick(rng, females, k))
            # Zipf-like surnames: a few very common ones (chance matches are real).
            ranks = np.minimum(rng.zipf(1.6, k) - 1, len(surnames) - 1)
            fn[m] = f
            ln[m] = np.asarray(surnames, dtype=object)[ranks]
        if first is not None:
            fn = first
        if last is not None:
            ln = last
        fn = np.array([s.replace("_", " ") for s in fn], dtype=object)
        ln = np.array([s.replace("_", " ") for s in ln], dtype=object)
        if kind != "person":
            sex[:] = ""
        dev = device
        if dev is None:
            dev = np.arange(self.next_device, self.next_device + n, dtype=np.int64)
            self.next_device += n
        if kind != "person":
            dev = np.full(n, -1, dtype=np.int64)
        handles = np.array(
            [
                "@" + f.split(" ")[0].lower() + s
                for f, s in zip(fn, pick(rng, HANDLE_SUFFIX, n), strict=True)
            ],
            dtype=object,
        )
        vals = {
            "country": c.astype(object),
            "tz": tz,
            "sex": sex,
            "birth": rng.integers(birth[0], birth[1] + 1, n).astype(np.int32),
            "first": fn,
            "last": ln,
            "kind": np.full(n, kind, dtype=object),
            "device": dev,
            "population": np.full(n, population, dtype=object),
            "role": np.full(n, role, dtype=object),
            "typology": np.full(n, typology, dtype=object),
            "label": np.full(n, label, dtype=np.int8),
            "hard": np.full(n, hard, dtype=bool),
            "kyc": rng.random(n) < kyc,
            "handle": handles,
        }
        for k, v in vals.items():
            self.parts[k].append(v)
        idx = np.arange(self.n, self.n + n)
        self.n += n
        return idx

    def col(self, name: str) -> np.ndarray:
        if self._cache_n != self.n:
            self._cache = {}
            self._cache_n = self.n
        if name not in self._cache:
            self._cache[name] = np.concatenate(self.parts[name])
        return self._cache[name]


class Ledger:
    """Transactions as column chunks; converted to the issue schema once, at the end."""

    def __init__(self) -> None:
        self.parts: list[dict[str, np.ndarray]] = []

    def pay(
        self,
        t: np.ndarray,
        s: np.ndarray,
        r: np.ndarray,
        usd: np.ndarray,
        ch: np.ndarray | str,
        *,
        memo: np.ndarray | str | None = None,
        mcc: np.ndarray | str | None = None,
        rnd: np.ndarray | float = 0.0,
        purpose: str = "personal",
        lab: int = 0,
        typ: str = "",
        cur: np.ndarray | str | None = None,
        rng: np.random.Generator | None = None,
    ) -> None:
        n = len(t)
        if n == 0:
            return

        def arr(v: object, dtype: object = object) -> np.ndarray:
            if isinstance(v, np.ndarray):
                return v
            return np.full(n, "" if v is None else v, dtype=dtype)

        if isinstance(rnd, float):
            assert rng is not None or rnd in (0.0, 1.0)
            rnd = (rng.random(n) < rnd) if rng is not None else np.full(n, rnd == 1.0)
        self.parts.append(
            {
                "t": np.asarray(t, dtype=np.int64),
                "s": np.asarray(s, dtype=np.int64),
                "r": np.asarray(r, dtype=np.int64),
                "usd": np.maximum(np.asarray(usd, dtype=float), 0.5),
                "ch": arr(ch),
                "memo": arr(memo),
                "mcc": arr(mcc),
                "rnd": np.asarray(rnd, dtype=bool),
                "purpose": np.full(n, PURPOSE_CODES.index(purpose), dtype=np.int8),
                "lab": np.full(n, lab, dtype=np.int8),
                "typ": np.full(n, typ, dtype=object),
                "cur": arr(cur),
            }
        )

    def cat(self) -> dict[str, np.ndarray]:
        return {k: np.concatenate([p[k] for p in self.parts]) for k in self.parts[0]}

    def count(self, typ: str | None = None) -> int:
        if typ is None:
            return sum(len(p["t"]) for p in self.parts)
        return sum(int((p["typ"] == typ).sum()) for p in self.parts)


def utc(book: Book, acct: np.ndarray, day: np.ndarray, hour: np.ndarray) -> np.ndarray:
    """UTC epoch seconds of a local day/hour in the account's own time zone."""
    tz = book.col("tz")[acct]
    return (START + day.astype(np.int64) * 86400 + (hour * 3600).astype(np.int64) - tz * 60).astype(
        np.int64
    )


def clip_year(t: np.ndarray) -> np.ndarray:
    return np.clip(t, START, START + DAYS * 86400 - 1)


class World:
    """The accounts book, the two ledgers and the shared merchants, agents and exchanges."""

    def __init__(self, rng: np.random.Generator, n_tx: int) -> None:
        self.rng = rng
        self.book = Book(rng)
        self.bg = Ledger()
        self.ill = Ledger()
        self.n_tx = n_tx
        self.merchants: dict[tuple[str, str], np.ndarray] = {}  # (country, mcc) -> accounts
        self.by_town: dict[tuple[str, str, bool], np.ndarray] = {}  # tourist town or not
        self.agents: dict[str, np.ndarray] = {}
        self.sea_extra: list[np.ndarray] = []  # planted actors who also live an ordinary life
        self.foreign_extra: list[np.ndarray] = []
        self.teen_extra: list[np.ndarray] = []
        self._build_merchants()

    def _build_merchants(self) -> None:
        rng, b = self.rng, self.book
        per = max(4, self.n_tx // 2500)
        for cc in SEA:
            tourist, other = TOWNS[cc]
            for mcc in (*SEA_MCC, "7011", "6011", "5944", "5945", "5947"):
                k = max(2, int(per * (SEA_MCC_W[SEA_MCC.index(mcc)] if mcc in SEA_MCC else 0.08)))
                brands = BRANDS[mcc].split("|")
                is_tour = rng.random(k) < 0.3
                town = np.where(is_tour, pick(rng, tourist, k), pick(rng, other, k))
                first = pick(rng, brands, k)
                idx = b.add(
                    k, cc, "merchant", role="merchant", kind="merchant", first=first, last=town
                )
                self.merchants[(cc, mcc)] = idx
                self.by_town[(cc, mcc, True)] = idx[is_tour] if is_tour.any() else idx
                self.by_town[(cc, mcc, False)] = idx[~is_tour] if (~is_tour).any() else idx
            names = (
                "Palawan Express|Cebuana Lhuillier|M Lhuillier|Pera Padala|Cash Agent|Pos Indonesia"
            )
            k = max(3, per // 2)
            self.agents[cc] = b.add(
                k,
                cc,
                "cashout_agent",
                role="agent",
                kind="merchant",
                first=pick(rng, names.split("|"), k),
                last=np.where(
                    rng.random(k) < 0.7, pick(rng, TOWNS[cc][1], k), pick(rng, TOWNS[cc][0], k)
                ),
            )
        for cc in (*FOREIGN, "CO", "DO", "MX", "NG", "GH", "CI"):
            for mcc in HOME_MCC:
                k = max(2, per // 4)
                self.merchants[(cc, mcc)] = b.add(
                    k,
                    cc,
                    "merchant",
                    role="merchant",
                    kind="merchant",
                    first=np.full(k, HOME_BRAND[mcc], dtype=object),
                    last=np.full(k, cc, dtype=object),
                )
            self.agents[cc] = b.add(
                max(2, per // 6),
                cc,
                "cashout_agent",
                role="agent",
                kind="merchant",
                first=np.full(max(2, per // 6), "ATM", dtype=object),
                last=np.full(max(2, per // 6), cc, dtype=object),
            )

        def online(names: str, countries: tuple[str, ...], mcc: str, pop: str) -> None:
            ns = names.split("|")
            c = np.asarray(countries, dtype=object)[np.arange(len(ns)) % len(countries)]
            idx = b.add(
                len(ns),
                c,
                pop,
                role="merchant",
                kind="merchant",
                first=np.asarray(ns, dtype=object),
                last=np.full(len(ns), "", dtype=object),
            )
            self.merchants[("*", mcc)] = idx

        online(
            "NordLink VPN|Xpress Tunnel|SurfGuard|PrivaNet|Mullhaus VPN",
            ("PA", "VG", "NL", "CH", "SE"),
            "4816",
            "merchant",
        )
        online(
            "StarCam Live|VelvetShow|NightStream Media|CamPalace|FlirtLive",
            ("NL", "US", "GB", "US", "DE"),
            "5967",
            "merchant",
        )
        online(
            "SkyAir|Pacific Wings|Oceanic Airways|Cebu Air|Thai Sky",
            ("US", "AU", "GB", "PH", "TH"),
            "4511",
            "merchant",
        )
        online(
            "Steam Wallet|AppStore Gift Card|PlayCard|Google Play Gift|GiftCardMall",
            ("US", "US", "US", "US", "GB"),
            "5815",
            "merchant",
        )
        online(
            "Moonton|Garena|Riot Games|Codashop|Tencent Games",
            ("SG", "SG", "US", "MY", "SG"),
            "5816",
            "merchant",
        )
        online(
            "CoinPeak Exchange|Bitnova|KryptoHub PH|TetherDesk|Satoshi Mart",
            ("SC", "US", "PH", "SG", "VG"),
            "6051",
            "merchant",
        )
        online(
            "SupportPlan|EventTix|ResellHub|SneakerDrop|TicketSwap Asia",
            ("US", "US", "GB", "US", "SG"),
            "7922",
            "merchant",
        )
        online(
            "GlobalGig|TaskBridge|RemoteHire|CodeMarket|VA Connect|PayoutPro",
            ("US", "US", "AU", "GB", "US", "SG"),
            "7399",
            "merchant",
        )

    # --- helpers -------------------------------------------------------------------------
    def merchant(self, country: np.ndarray, mcc: str) -> np.ndarray:
        """A merchant of that category in each row's country (vectorised over countries)."""
        out = np.empty(len(country), dtype=np.int64)
        for cc in np.unique(country):
            m = country == cc
            pool = self.merchants.get((cc, mcc))
            if pool is None:
                pool = self.merchants.get(("*", mcc), None)
            if pool is None:
                pool = self.merchants[(cc, "5999" if cc in SEA else "5411")]
            out[m] = pool[self.rng.integers(0, len(pool), int(m.sum()))]
        return out

    def agent(self, acct: np.ndarray) -> np.ndarray:
        country = self.book.col("country")[acct]
        out = np.empty(len(acct), dtype=np.int64)
        for cc in np.unique(country):
            m = country == cc
            pool = self.agents.get(cc, self.agents["PH"])
            out[m] = pool[self.rng.integers(0, len(pool), int(m.sum()))]
        return out

    def cash_out(
        self,
        ledger: Ledger,
        r: np.ndarray,
        t: np.ndarray,
        usd: np.ndarray,
        *,
        p: float | np.ndarray,
        delay_h: tuple[float, float],
        frac: tuple[float, float],
        lab: int = 0,
        typ: str = "",
    ) -> None:
        """Each credit withdrawn (with probability p) after a delay: MSB pickup, e-wallet
        cash-out at an agent, or an ATM withdrawal."""
        rng = self.rng
        n = len(r)
        keep = rng.random(n) < p
        r, t, usd = r[keep], t[keep], usd[keep]
        n = len(r)
        how = rng.choice(3, size=n, p=(0.5, 0.3, 0.2))
        ch = np.asarray(["msb", "ewallet", "card"], dtype=object)[how]
        mcc = np.where(how == 2, "6011", "").astype(object)
        tt = t + (rng.uniform(*delay_h, n) * 3600).astype(np.int64)
        ledger.pay(
            clip_year(tt),
            r,
            self.agent(r),
            usd * rng.uniform(*frac, n),
            ch,
            memo=np.where(rng.random(n) < 0.5, pick(rng, memo_pool("cash"), n), ""),
            mcc=mcc,
            rnd=0.8,
            lab=lab,
            typ=typ,
            rng=rng,
        )

    # --- people pools ----------------------------------------------------------------------
    def people(self) -> None:
        """Ordinary residents of SEA and of the senders' countries, plus the planted actors
        (who live ordinary lives too). Called after the planted typologies."""
        rng, b = self.rng, self.book
        n_sea = max(300, int(self.n_tx * 0.045))
        c = weighted(rng, SEA, SEA_W, n_sea)
        sea = b.add(n_sea, c, "resident", role="person", birth=(1955, 2006))
        # Families sharing one phone: 4% of residents use another resident's device.
        dev = b.col("device")
        share = sea[rng.random(n_sea) < 0.04]
        for cc in SEA:
            m = share[b.col("country")[share] == cc]
            same = sea[b.col("country")[sea] == cc]
            if len(m) and len(same):
                dev[m] = dev[same[rng.integers(0, len(same), len(m))]]
        self.set_device(dev)
        n_f = max(200, int(self.n_tx * 0.02))
        fc = weighted(rng, FOREIGN, FOREIGN_W, n_f)
        foreign = b.add(n_f, fc, "resident_abroad", role="person", birth=(1945, 2004))
        self.sea = np.concatenate([sea, *self.sea_extra])
        self.foreign = np.concatenate([foreign, *self.foreign_extra])
        self.sea_w = np.exp(rng.standard_normal(len(self.sea)))
        self.foreign_w = np.exp(rng.standard_normal(len(self.foreign)))

    def enrol(self, accts: np.ndarray) -> None:
        """Give new accounts an ordinary life: add them to the residents' pools."""
        accts = np.unique(accts)
        home = np.isin(self.book.col("country")[accts], SEA)
        w = np.exp(self.rng.standard_normal(len(accts)))
        self.sea = np.concatenate([self.sea, accts[home]])
        self.sea_w = np.concatenate([self.sea_w, w[home]])
        self.foreign = np.concatenate([self.foreign, accts[~home]])
        self.foreign_w = np.concatenate([self.foreign_w, w[~home]])

    def set_device(self, dev: np.ndarray) -> None:
        self.book.parts["device"] = [dev]
        self.book._cache_n = -1

    def draw(self, pool: np.ndarray, w: np.ndarray, n: int) -> np.ndarray:
        return pool[self.rng.choice(len(pool), size=n, p=w / w.sum())]

    def contacts(self, pool: np.ndarray, s_pos: np.ndarray) -> np.ndarray:
        """A stable small circle of same-country contacts per sender (pool sorted by country)."""
        rng = self.rng
        country = self.book.col("country")[pool]
        out = np.empty(len(s_pos), dtype=np.int64)
        sc = country[s_pos]
        for cc in np.unique(sc):
            block = np.flatnonzero(country == cc)
            m = sc == cc
            size = len(block)
            if size < 2:
                out[m] = pool[block[0]]
                continue
            pos_in = np.searchsorted(block, s_pos[m])
            j = np.minimum(rng.geometric(0.3, int(m.sum())) - 1, 11).astype(np.int64)
            h = (pos_in.astype(np.int64) * 2654435761 + j * 40503 + 12345) % (size - 1)
            out[m] = pool[block[(pos_in + 1 + h) % size]]
        return out

    def days(self, n: int, lo: float = 0, hi: float = DAYS) -> np.ndarray:
        return self.rng.uniform(lo, hi, n)

    # --- ordinary background -------------------------------------------------------------
    def domestic_p2p(self, budget: int) -> None:
        rng, b = self.rng, self.book
        order = np.argsort(b.col("country")[self.sea], kind="stable")
        pool, w = self.sea[order], self.sea_w[order]
        s_pos = rng.choice(len(pool), size=budget, p=w / w.sum())
        s = pool[s_pos]
        r = self.contacts(pool, s_pos)
        r = np.where(r == s, pool[(s_pos + 1) % len(pool)], r)
        hour = np.where(
            rng.random(budget) < 0.85,
            local_hours(rng, "day", budget),
            local_hours(rng, "any", budget),
        )
        t = utc(b, s, self.days(budget), hour)
        country = b.col("country")[s]
        memo = np.where(country == "PH", pick(rng, memo_pool("ph_p2p"), budget), "").astype(object)
        memo = np.where(country == "ID", pick(rng, memo_pool("id_p2p"), budget), memo)
        memo = np.where(country == "TH", pick(rng, memo_pool("th_p2p"), budget), memo)
        memo = np.where(
            np.isin(country, ("VN", "MY", "KH")), pick(rng, memo_pool("gen_p2p"), budget), memo
        )
        memo = np.where(rng.random(budget) < 0.45, "", memo)
        ch = weighted(rng, ("ewallet", "p2p", "bank"), (0.55, 0.2, 0.25), budget)
        self.bg.pay(t, s, r, lognormal(rng, 12.0, 1.0, budget), ch, memo=memo, rnd=0.6, rng=rng)

    def sea_shopping(self, budget: int) -> None:
        rng, b = self.rng, self.book
        n_shop = int(budget * 0.12)  # sari-sari stores taking e-wallet payments from neighbours
        n = budget - n_shop
        s = self.draw(self.sea, self.sea_w, n)
        mcc = weighted(rng, SEA_MCC, SEA_MCC_W, n)
        median = {
            "5411": 15,
            "5812": 6,
            "5541": 20,
            "4121": 4,
            "4814": 3,
            "5311": 25,
            "5912": 8,
            "5999": 12,
            "4900": 30,
            "8211": 80,
            "5816": 5,
        }
        r = np.empty(n, dtype=np.int64)
        med = np.empty(n)
        country = b.col("country")[s]
        for code in SEA_MCC:
            m = mcc == code
            r[m] = self.merchant(country[m], code)
            med[m] = median[code]
        rnd = np.where(np.isin(mcc, ("4814", "5816")), 0.9, 0.15)
        t = utc(b, s, self.days(n), local_hours(rng, "day", n))
        ch = weighted(rng, ("card", "ewallet"), (0.4, 0.6), n)
        self.bg.pay(t, s, r, lognormal(rng, med, 0.7, n), ch, mcc=mcc, rnd=rng.random(n) < rnd)
        # Stores: personal e-wallets of shopkeepers, many small payments, daily cash-out.
        n_st = max(2, n_shop // 160)
        shops = b.add(
            n_st,
            weighted(rng, ("PH", "ID"), (0.8, 0.2), n_st),
            "sari_sari_store",
            role="shop",
            birth=(1960, 1998),
            p_male=0.3,
        )
        k = int(n_shop * 0.8)
        shop = shops[rng.integers(0, n_st, k)]
        cust = self.contacts_of(shop, k)
        t = utc(b, cust, self.days(k), local_hours(rng, "day", k))
        memo = np.where(rng.random(k) < 0.3, "bayad sa tindahan", "").astype(object)
        self.bg.pay(
            t, cust, shop, lognormal(rng, 4.0, 0.8, k), "ewallet", memo=memo, rnd=0.7, rng=rng
        )
        self.cash_out(
            self.bg,
            shop,
            t,
            lognormal(rng, 4.0, 0.8, k) * 4,
            p=(n_shop - k) / k,
            delay_h=(2, 30),
            frac=(0.5, 1.0),
        )

    def residents(self, cc: str, n: int) -> np.ndarray:
        pool = self.sea[self.book.col("country")[self.sea] == cc]
        return pool[self.rng.integers(0, len(pool), n)]

    def contacts_of(self, acct: np.ndarray, n: int) -> np.ndarray:
        """Random residents of the same country as each given account."""
        rng, b = self.rng, self.book
        country = b.col("country")[acct]
        out = np.empty(n, dtype=np.int64)
        pc = b.col("country")[self.sea]
        for cc in np.unique(country):
            m = country == cc
            pool = self.sea[pc == cc]
            if not len(pool):
                pool = self.sea
            out[m] = pool[rng.integers(0, len(pool), int(m.sum()))]
        return out

    def foreign_home(self, budget: int) -> None:
        rng, b = self.rng, self.book
        s = self.draw(self.foreign, self.foreign_w, budget)
        card = rng.random(budget) < 0.75
        country = b.col("country")[s]
        mcc = weighted(rng, HOME_MCC, HOME_MCC_W, budget)
        r = np.empty(budget, dtype=np.int64)
        for code in HOME_MCC:
            m = card & (mcc == code)
            r[m] = self.merchant(country[m], code)
        idx = np.flatnonzero(~card)
        # P2P at home: a same-country contact.
        pc = b.col("country")[self.foreign]
        for cc in np.unique(country[idx]):
            m = idx[country[idx] == cc]
            same = self.foreign[pc == cc]
            r[m] = same[rng.integers(0, len(same), len(m))]
        r = np.where(r == s, self.merchant(country, "5411"), r)
        t = utc(b, s, self.days(budget), local_hours(rng, "day", budget))
        ch = np.where(card, "card", weighted(rng, ("p2p", "bank"), (0.6, 0.4), budget)).astype(
            object
        )
        memo = np.where(
            card,
            "",
            np.where(rng.random(budget) < 0.5, pick(rng, memo_pool("gen_p2p"), budget), ""),
        ).astype(object)
        self.bg.pay(
            t,
            s,
            r,
            lognormal(rng, 35.0, 0.9, budget),
            ch,
            memo=memo,
            mcc=np.where(card, mcc, "").astype(object),
            rnd=np.where(card, False, rng.random(budget) < 0.5),
        )
        # Online subscriptions anybody buys: VPNs, airline tickets, webcam sites (few).
        k = max(10, budget // 60)
        s = self.draw(self.foreign, self.foreign_w, k)
        kind = weighted(rng, ("4816", "4511", "5967"), (0.55, 0.35, 0.1), k)
        r = np.empty(k, dtype=np.int64)
        for code in ("4816", "4511", "5967"):
            m = kind == code
            r[m] = self.merchant(np.full(int(m.sum()), "*", dtype=object), code)
        med = np.select([kind == "4816", kind == "4511"], [9.0, 700.0], 30.0)
        t = utc(b, s, self.days(k), local_hours(rng, "any", k))
        self.bg.pay(t, s, r, lognormal(rng, med, 0.4, k), "card", mcc=kind)

    def payroll(self, budget: int) -> None:
        rng, b = self.rng, self.book
        n_emp = max(10, int(budget / (24 * 1.4)))
        emp = self.draw(self.sea, self.sea_w, n_emp)
        emp = np.unique(emp)
        n_emp = len(emp)
        n_co = max(2, n_emp // 60)
        co_country = weighted(rng, SEA, SEA_W, n_co)
        cos = b.add(
            n_co,
            co_country,
            "employer",
            role="employer",
            kind="company",
            first=pick(rng, ("Agro", "BPO", "Logistics", "Builders", "Foods", "Retail"), n_co),
            last=np.full(n_co, "Corp", dtype=object),
        )
        # Employer of the same country.
        ec = b.col("country")[emp]
        employer = np.empty(n_emp, dtype=np.int64)
        for cc in np.unique(ec):
            m = ec == cc
            same = cos[co_country == cc]
            if not len(same):
                same = cos
            employer[m] = same[rng.integers(0, len(same), int(m.sum()))]
        salary = lognormal(rng, 330.0, 0.5, n_emp)
        months = np.repeat(np.arange(12), 2)
        dom = np.tile([14, 29], 12)
        day = np.clip((months * 30.4 + dom).astype(int), 0, DAYS - 1)
        e = np.repeat(np.arange(n_emp), 24)
        d = np.tile(day, n_emp)
        start = rng.integers(0, 12, n_emp) * (rng.random(n_emp) < 0.3)
        keep = d >= np.repeat(start * 30, 24)
        e, d = e[keep], d[keep]
        t = utc(b, employer[e], d, rng.uniform(9, 16, len(e)))
        memo = pick(rng, memo_pool("payroll"), len(e))
        usd = salary[e] / 2 * np.exp(0.03 * rng.standard_normal(len(e)))
        self.bg.pay(t, employer[e], emp[e], usd, "bank", memo=memo, purpose="business")
        self.cash_out(self.bg, emp[e], t, usd, p=0.4, delay_h=(1, 48), frac=(0.2, 0.6))

    def family(self, budget: int) -> None:
        """OFW and migrant remittances: paydays, purpose codes, quick MSB pickup."""
        rng, b = self.rng, self.book
        host = {
            "PH": (
                (
                    "US",
                    "SA",
                    "AE",
                    "HK",
                    "SG",
                    "JP",
                    "CA",
                    "GB",
                    "AU",
                    "IT",
                    "KW",
                    "QA",
                    "TW",
                    "KR",
                ),
                (0.3, 0.12, 0.1, 0.06, 0.06, 0.05, 0.07, 0.04, 0.05, 0.04, 0.03, 0.04, 0.02, 0.02),
            ),
            "ID": (("MY", "SA", "HK", "TW", "SG"), (0.4, 0.2, 0.15, 0.15, 0.1)),
            "TH": (("TW", "KR", "JP", "US"), (0.3, 0.3, 0.2, 0.2)),
            "VN": (("JP", "KR", "TW", "US"), (0.35, 0.25, 0.2, 0.2)),
        }
        n_s = max(5, budget // 30)
        home = weighted(rng, ("PH", "ID", "TH", "VN"), (0.7, 0.14, 0.08, 0.08), n_s)
        where = np.empty(n_s, dtype=object)
        for cc, (hs, hw) in host.items():
            m = home == cc
            where[m] = weighted(rng, hs, hw, int(m.sum()))
        # The migrant's name is from home, the account is in the host country.
        fn = np.empty(n_s, dtype=object)
        ln = np.empty(n_s, dtype=object)
        sex = rng.random(n_s) < 0.45
        for cc in ("PH", "ID", "TH", "VN"):
            m = home == cc
            males, females, surnames = NAMES[REGION[cc]]
            k = int(m.sum())
            fn[m] = np.where(sex[m], pick(rng, males, k), pick(rng, females, k))
            ln[m] = np.asarray(surnames, dtype=object)[
                np.minimum(rng.zipf(1.6, k) - 1, len(surnames) - 1)
            ]
        snd = b.add(
            n_s,
            where,
            "diaspora_sender",
            role="sender",
            p_male=0.45,
            birth=(1965, 2000),
            first=fn,
            last=ln,
        )
        b.parts["sex"][-1] = np.where(sex, "M", "F").astype(object)
        b._cache_n = -1
        n_r = rng.choice((1, 2, 3), size=n_s, p=(0.6, 0.3, 0.1))
        pair_s = np.repeat(np.arange(n_s), n_r)
        n_p = len(pair_s)
        same_name = rng.random(n_p) < 0.75
        rc = home[pair_s]
        rln = np.where(same_name, ln[pair_s], None)
        rcv = b.add(n_p, rc, "family_receiver", role="receiver", p_male=0.35, birth=(1945, 2006))
        last = b.col("last")
        last[rcv[same_name]] = rln[same_name]
        b.parts["last"] = [last]
        b._cache_n = -1
        # 12% of pairs pay a household another relative abroad already supports.
        share = np.flatnonzero(rng.random(n_p) < 0.12)
        for i in share:
            same = np.flatnonzero(rc == rc[i])
            rcv[i] = rcv[same[rng.integers(0, len(same))]]
        payday = rng.choice((14, 29, 0), size=n_s, p=(0.4, 0.4, 0.2))
        start_m = np.where(rng.random(n_s) < 0.2, rng.integers(1, 10, n_s), 0)
        med = lognormal(rng, 250.0, 0.5, n_s)
        ch_s = weighted(rng, ("msb", "bank", "ewallet"), (0.55, 0.15, 0.3), n_s)
        prof = rng.random(n_s)
        # Monthly payments per pair.
        pp = np.repeat(np.arange(n_p), 12)
        month = np.tile(np.arange(12), n_p)
        si = pair_s[pp]
        keep = month >= start_m[si]
        pp, month, si = pp[keep], month[keep], si[keep]
        k = len(pp)
        dom = np.where(payday[si] == 0, rng.integers(0, 28, k), payday[si] + rng.integers(-2, 3, k))
        day = np.clip(month * 30.4 + dom, 0, DAYS - 1)
        hour = np.where(
            prof[si] < 0.15, local_hours(rng, "night", k), local_hours(rng, "evening", k)
        )
        s = snd[si]
        t = utc(b, s, day, hour)
        usd = med[si] * np.exp(0.25 * rng.standard_normal(k)) / np.sqrt(n_r[si])
        memo = np.where(rng.random(k) < 0.4, "", pick(rng, memo_pool("family"), k)).astype(object)
        self.bg.pay(t, s, rcv[pp], usd, ch_s[si], memo=memo, rnd=0.8, purpose="family", rng=rng)
        pick_up = rng.random(n_p) < 0.6
        self.cash_out(
            self.bg,
            rcv[pp],
            t,
            usd,
            p=np.where(pick_up[pp], 0.85, 0.1),
            delay_h=(0.5, 30),
            frac=(0.7, 1.0),
        )
        # Top-ups: small extras, any time.
        k2 = int(n_p * 3)
        pp2 = rng.integers(0, n_p, k2)
        s2 = snd[pair_s[pp2]]
        t2 = utc(b, s2, self.days(k2), local_hours(rng, "late", k2))
        memo2 = np.where(rng.random(k2) < 0.4, "", pick(rng, memo_pool("family_top"), k2)).astype(
            object
        )
        self.bg.pay(
            t2,
            s2,
            rcv[pp2],
            lognormal(rng, 35.0, 0.6, k2),
            ch_s[pair_s[pp2]],
            memo=memo2,
            rnd=0.85,
            purpose="family",
            rng=rng,
        )
        self.enrol(snd)
        self.enrol(rcv)

    def freelance(self, budget: int, hard: float) -> None:
        rng, b = self.rng, self.book
        platforms = self.merchants[("*", "7399")]
        n_fl = max(5, int(budget * 0.5 / 30))
        fl = b.add(
            n_fl,
            weighted(rng, ("PH", "ID", "VN", "TH"), (0.65, 0.15, 0.12, 0.08), n_fl),
            "freelancer",
            role="receiver",
            birth=(1985, 2003),
        )
        k = int(budget * 0.5)
        who = rng.integers(0, n_fl, k)
        plat = platforms[who % len(platforms)]
        t = utc(b, plat, self.days(k), rng.uniform(8, 18, k))
        memo = np.array(
            [
                m.replace("{n}", str(i))
                for m, i in zip(
                    pick(rng, memo_pool("platform"), k), rng.integers(1000, 99999, k), strict=True
                )
            ],
            dtype=object,
        )
        ch = weighted(rng, ("bank", "ewallet", "p2p"), (0.4, 0.35, 0.25), k)
        usd = lognormal(rng, 180.0, 0.8, k)
        self.bg.pay(t, plat, fl[who], usd, ch, memo=memo, cur="USD", purpose="business")
        self.cash_out(self.bg, fl[who], t, usd, p=0.35, delay_h=(1, 72), frac=(0.3, 0.9))
        # Virtual-assistant clients: a foreign person paying 1-3 unrelated VAs every week.
        k = int(budget * 0.25 * hard)
        if k < 10:
            return
        n_c = max(2, k // 70)
        cl = b.add(
            n_c,
            weighted(rng, FOREIGN[:4], (0.5, 0.15, 0.2, 0.15), n_c),
            "va_client",
            role="sender",
            p_male=0.65,
            birth=(1960, 1995),
            hard=True,
        )
        n_va = rng.choice((1, 2, 3), size=n_c, p=(0.6, 0.3, 0.1))
        pc = np.repeat(np.arange(n_c), n_va)
        va = b.add(
            len(pc),
            weighted(rng, ("PH", "ID", "VN"), (0.8, 0.1, 0.1), len(pc)),
            "virtual_assistant",
            role="receiver",
            p_male=0.25,
            birth=(1988, 2003),
            hard=True,
        )
        j = rng.integers(0, len(pc), k)
        s = cl[pc[j]]
        weekly = rng.integers(0, 52, k) * 7 + rng.integers(4, 6, k)
        t = utc(b, s, np.clip(weekly, 0, DAYS - 1), local_hours(rng, "business", k))
        memo = np.array(
            [
                m.replace("{n}", str(i))
                for m, i in zip(pick(rng, memo_pool("va"), k), rng.integers(1, 52, k), strict=True)
            ],
            dtype=object,
        )
        ch = weighted(rng, ("p2p", "msb", "bank"), (0.6, 0.2, 0.2), len(pc))[j]
        usd = lognormal(rng, 120.0, 0.5, len(pc))[j]
        self.bg.pay(t, s, va[j], usd, ch, memo=memo, rnd=0.7, purpose="business", rng=rng)
        self.enrol(cl)
        self.enrol(va)

    # --- look-alikes (scaled by `hard`) ----------------------------------------------------
    def bursts(
        self, n: int, per: np.ndarray, lo: float, hi: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """Index of the actor and day for `per[i]` events each, half of them in bursts."""
        rng = self.rng
        who = np.repeat(np.arange(n), per)
        k = len(who)
        centre = rng.uniform(lo, hi, (n, 4))
        near = centre[who, rng.integers(0, 4, k)] + rng.normal(0, 2.5, k)
        day = np.where(rng.random(k) < 0.5, near, rng.uniform(lo, hi, k))
        return who, np.clip(day, 0, DAYS - 1)

    def creators(self, budget: int) -> None:
        rng, b = self.rng, self.book
        n_cr = max(3, budget // 120)
        cr = b.add(
            n_cr,
            weighted(
                rng,
                ("PH", "TH", "CO", "ID", "VN", "MX", "DO"),
                (0.45, 0.15, 0.15, 0.07, 0.05, 0.08, 0.05),
                n_cr,
            ),
            "adult_creator",
            role="receiver",
            p_male=0.15,
            birth=(1990, 2004),
            hard=True,
        )
        pop = np.exp(1.2 * rng.standard_normal(n_cr))
        tips = int(budget * 0.55)
        n_fan = max(5, tips // 14)
        fans = b.add(
            n_fan,
            weighted(rng, FOREIGN, FOREIGN_W, n_fan),
            "creator_fan",
            role="sender",
            p_male=0.9,
            birth=(1960, 2000),
            hard=True,
        )
        fav = rng.choice(n_cr, size=(n_fan, 3), p=pop / pop.sum())
        per = np.maximum(1, rng.poisson(tips / n_fan, n_fan))
        who, day = self.bursts(n_fan, per, 0, DAYS)
        k = len(who)
        s = fans[who]
        r = cr[fav[who, np.minimum(rng.geometric(0.6, k) - 1, 2)]]
        prof = rng.random(n_fan)
        hour = np.select(
            [prof[who] < 0.55, prof[who] < 0.85],
            [local_hours(rng, "night", k), local_hours(rng, "evening", k)],
            local_hours(rng, "any", k),
        )
        t = utc(b, s, day, hour)
        ch = weighted(rng, ("p2p", "ewallet", "msb", "crypto"), (0.5, 0.3, 0.1, 0.1), n_fan)[who]
        memo = np.select(
            [rng.random(k) < 0.35, rng.random(k) < 0.45],
            ["", b.col("handle")[r]],
            pick(rng, memo_pool("creator"), k),
        ).astype(object)
        usd = lognormal(rng, 25.0, 0.8, k)
        cur = np.where(ch == "crypto", "USDT", "").astype(object)
        self.bg.pay(t, s, r, usd, ch, memo=memo, rnd=0.55, cur=cur, rng=rng)
        self.cash_out(self.bg, r, t, usd, p=0.7, delay_h=(2, 48), frac=(0.6, 1.0))
        # Fans on the webcam platforms by card; platforms pay creators out weekly.
        k = int(budget * 0.2)
        s = fans[rng.integers(0, n_fan, k)]
        plat = self.merchant(np.full(k, "*", dtype=object), "5967")
        self.bg.pay(
            utc(b, s, self.days(k), local_hours(rng, "night", k)),
            s,
            plat,
            lognormal(rng, 30.0, 0.6, k),
            "card",
            mcc="5967",
            rnd=0.6,
            rng=rng,
        )
        k = int(budget * 0.1)
        r = cr[rng.integers(0, n_cr, k)]
        plat = self.merchant(np.full(k, "*", dtype=object), "5967")
        t = utc(b, plat, (rng.integers(0, 52, k) * 7 + 1).astype(float), rng.uniform(9, 12, k))
        self.bg.pay(
            t,
            plat,
            r,
            lognormal(rng, 150.0, 0.9, k),
            weighted(rng, ("bank", "p2p"), (0.5, 0.5), k),
            memo="creator payout",
            cur="USD",
            purpose="business",
        )
        self.enrol(fans)
        self.enrol(cr)

    def sponsorship(self, budget: int) -> None:
        """Child sponsorships (foreign adult -> student, monthly, 'education') and charities."""
        rng, b = self.rng, self.book
        k = int(budget * 0.55)
        n_sp = max(3, k // 20)
        sp = b.add(
            n_sp,
            weighted(rng, FOREIGN, FOREIGN_W, n_sp),
            "sponsor",
            role="sender",
            p_male=0.5,
            birth=(1945, 1990),
            hard=True,
        )
        n_st = rng.choice((1, 2, 3, 4), size=n_sp, p=(0.6, 0.2, 0.12, 0.08))
        ps = np.repeat(np.arange(n_sp), n_st)
        st = b.add(
            len(ps),
            weighted(rng, ("PH", "ID", "KH", "TH", "VN"), (0.5, 0.15, 0.15, 0.1, 0.1), len(ps)),
            "sponsored_student",
            role="receiver",
            birth=(2003, 2010),
            hard=True,
        )
        pair = np.repeat(np.arange(len(ps)), 12)
        month = np.tile(np.arange(12), len(ps))
        dom = rng.integers(0, 28, len(ps))
        day = np.clip(month * 30.4 + dom[pair] + rng.integers(-1, 2, len(pair)), 0, DAYS - 1)
        s = sp[ps[pair]]
        t = utc(b, s, day, local_hours(rng, "day", len(pair)))
        ch = weighted(rng, ("msb", "bank", "ewallet"), (0.4, 0.3, 0.3), len(ps))[pair]
        usd = lognormal(rng, 45.0, 0.4, len(ps))[pair]
        memo = np.where(
            rng.random(len(pair)) < 0.3, "", pick(rng, memo_pool("sponsor"), len(pair))
        ).astype(object)
        self.bg.pay(t, s, st[pair], usd, ch, memo=memo, rnd=0.9, purpose="education", rng=rng)
        self.cash_out(self.bg, st[pair], t, usd, p=0.5, delay_h=(1, 72), frac=(0.5, 1.0))
        # Charities: donors abroad and at home, fan-in, disbursed to vendors and families.
        k = int(budget * 0.3)
        n_ch = max(2, k // 300)
        chs = b.add(
            n_ch,
            weighted(rng, ("PH", "ID", "KH", "TH"), (0.6, 0.15, 0.15, 0.1), n_ch),
            "charity",
            role="receiver",
            kind="org",
            first=pick(rng, ("Hope", "Bayanihan", "Tulong", "Kasih", "Light"), n_ch),
            last=pick(rng, ("Foundation", "Children's Mission", "Relief Inc."), n_ch),
            hard=True,
        )
        donors = b.add(
            max(5, k // 4),
            weighted(rng, FOREIGN, FOREIGN_W, max(5, k // 4)),
            "donor",
            role="sender",
            hard=True,
        )
        s = donors[rng.integers(0, len(donors), k)]
        typhoon = rng.random(k) < 0.25
        day = np.where(typhoon, rng.uniform(295, 310, k), self.days(k))
        memo = np.where(rng.random(k) < 0.3, "", pick(rng, memo_pool("charity"), k)).astype(object)
        self.bg.pay(
            utc(b, s, day, local_hours(rng, "day", k)),
            s,
            chs[rng.integers(0, n_ch, k)],
            lognormal(rng, 50.0, 0.7, k),
            weighted(rng, ("bank", "p2p", "msb", "card"), (0.4, 0.3, 0.2, 0.1), k),
            memo=memo,
            rnd=0.85,
            purpose="education",
            rng=rng,
        )
        k2 = budget - int(budget * 0.55) - k
        c = chs[rng.integers(0, n_ch, k2)]
        vend = np.where(
            rng.random(k2) < 0.5,
            self.merchant(b.col("country")[c], "5411"),
            self.contacts_of(c, k2),
        )
        self.bg.pay(
            utc(b, c, self.days(k2), local_hours(rng, "business", k2)),
            c,
            vend,
            lognormal(rng, 150.0, 0.8, k2),
            "bank",
            memo="relief goods",
            purpose="business",
        )
        self.enrol(sp)
        self.enrol(st)
        self.enrol(donors)

    def romance(self, budget: int) -> None:
        rng, b = self.rng, self.book
        n_v = max(3, budget // 18)
        vic = b.add(
            n_v,
            weighted(
                rng, ("US", "GB", "AU", "CA", "DE", "NL"), (0.45, 0.15, 0.15, 0.1, 0.1, 0.05), n_v
            ),
            "romance_victim",
            role="sender",
            p_male=0.45,
            birth=(1945, 1975),
            hard=True,
        )
        n_sc = max(2, n_v // 5)
        sc = b.add(
            n_sc,
            weighted(rng, ("NG", "GH", "PH", "MY", "ID"), (0.35, 0.15, 0.25, 0.1, 0.15), n_sc),
            "romance_scammer",
            role="receiver",
            p_male=0.7,
            birth=(1985, 2002),
            hard=True,
        )
        per = rng.integers(4, 26, n_v)
        who = np.repeat(np.arange(n_v), per)
        start = rng.uniform(0, DAYS - 60, n_v)
        span = rng.uniform(30, 240, n_v)
        frac = np.concatenate([np.sort(rng.random(p)) for p in per])
        day = np.clip(start[who] + frac * span[who], 0, DAYS - 1)
        step = np.concatenate([np.arange(p) / max(1, p - 1) for p in per])
        first = rng.uniform(50, 150, n_v)
        last = rng.uniform(800, 5000, n_v)
        usd = (
            first[who]
            * (last[who] / first[who]) ** step
            * np.exp(0.2 * rng.standard_normal(len(who)))
        )
        s = vic[who]
        target = sc[rng.integers(0, n_sc, n_v)]
        r = target[who]
        t = utc(b, s, day, local_hours(rng, "day", len(who)))
        ch = weighted(rng, ("msb", "bank", "p2p"), (0.5, 0.3, 0.2), n_v)[who]
        memo = np.where(
            rng.random(len(who)) < 0.3, "", pick(rng, memo_pool("romance"), len(who))
        ).astype(object)
        self.bg.pay(t, s, r, usd, ch, memo=memo, rnd=0.7, purpose="personal", rng=rng)
        self.cash_out(self.bg, r, t, usd, p=0.9, delay_h=(1, 24), frac=(0.7, 1.0))
        self.enrol(vic)

    def partners(self, budget: int) -> None:
        """Foreign boyfriends and husbands paying a partner in SEA, and now and then her family."""
        rng, b = self.rng, self.book
        n = max(3, budget // 45)
        men = b.add(
            n,
            weighted(rng, FOREIGN, OFFENDER_W, n),
            "foreign_partner",
            role="sender",
            p_male=0.95,
            birth=(1950, 1988),
            hard=True,
        )
        pc = weighted(rng, ("PH", "TH", "ID", "VN"), (0.6, 0.25, 0.1, 0.05), n)
        prt = b.add(n, pc, "partner", role="receiver", p_male=0.05, birth=(1985, 2002), hard=True)
        n_rel = rng.choice((0, 1, 2), size=n, p=(0.5, 0.3, 0.2))
        pr = np.repeat(np.arange(n), n_rel)
        rel = b.add(
            len(pr),
            pc[pr],
            "partner_relative",
            role="receiver",
            birth=(1950, 2008),
            hard=True,
            last=b.col("last")[prt[pr]],
        )
        per = np.maximum(1, rng.poisson(rng.uniform(20, 60, n)))
        who, day = self.bursts(n, per, 0, DAYS)
        s = men[who]
        prof = rng.random(n)
        hour = np.where(
            prof[who] < 0.4, local_hours(rng, "late", len(who)), local_hours(rng, "day", len(who))
        )
        t = utc(b, s, day, hour)
        ch = weighted(rng, ("msb", "ewallet", "bank"), (0.45, 0.35, 0.2), n)[who]
        usd = lognormal(rng, 120.0, 0.5, n)[who] * np.exp(0.3 * rng.standard_normal(len(who)))
        memo = np.where(
            rng.random(len(who)) < 0.35, "", pick(rng, memo_pool("partner"), len(who))
        ).astype(object)
        self.bg.pay(t, s, prt[who], usd, ch, memo=memo, rnd=0.85, purpose="family", rng=rng)
        self.cash_out(self.bg, prt[who], t, usd, p=0.5, delay_h=(1, 48), frac=(0.4, 1.0))
        if len(pr):
            k = len(pr) * 4
            j = rng.integers(0, len(pr), k)
            s = men[pr[j]]
            t = utc(b, s, self.days(k), local_hours(rng, "day", k))
            memo = pick(rng, memo_pool("relative"), k)
            self.bg.pay(
                t,
                s,
                rel[j],
                lognormal(rng, 70.0, 0.6, k),
                weighted(rng, ("msb", "ewallet"), (0.6, 0.4), k),
                memo=memo,
                rnd=0.9,
                purpose="family",
                rng=rng,
            )
        self.enrol(men)
        self.enrol(prt)
        self.enrol(rel)

    def gaming(self, budget: int, hard: float) -> None:
        rng, b = self.rng, self.book
        k = int(budget * 0.6)  # top-ups at game publishers, anyone, often late
        young = np.concatenate([self.sea, self.foreign])
        s = young[rng.integers(0, len(young), k)]
        r = self.merchant(b.col("country")[s], "5816")
        t = utc(b, s, self.days(k), local_hours(rng, "late", k))
        self.bg.pay(
            t,
            s,
            r,
            lognormal(rng, 6.0, 0.8, k),
            weighted(rng, ("card", "ewallet"), (0.5, 0.5), k),
            mcc="5816",
            rnd=0.9,
            rng=rng,
        )
        k = int(budget * 0.4 * hard)  # item and boosting sellers with buyers abroad
        if k < 10:
            return
        n_sel = max(2, k // 80)
        sel = b.add(
            n_sel,
            weighted(rng, ("PH", "ID", "VN", "TH"), (0.6, 0.2, 0.1, 0.1), n_sel),
            "game_item_seller",
            role="receiver",
            p_male=0.85,
            birth=(1995, 2007),
            hard=True,
        )
        n_buy = max(5, k // 4)
        buy = b.add(
            n_buy,
            weighted(
                rng, (*FOREIGN[:6], "PH", "ID"), (0.3, 0.1, 0.1, 0.1, 0.05, 0.05, 0.2, 0.1), n_buy
            ),
            "game_item_buyer",
            role="sender",
            p_male=0.85,
            birth=(1990, 2008),
            hard=True,
        )
        j = rng.integers(0, n_buy, k)
        s = buy[j]
        r = sel[(j * 7 + rng.integers(0, 2, k)) % n_sel]
        t = utc(b, s, self.days(k), local_hours(rng, "late", k))
        memo = np.array(
            [
                m.replace("{handle}", h)
                for m, h in zip(pick(rng, memo_pool("gaming"), k), b.col("handle")[r], strict=True)
            ],
            dtype=object,
        )
        memo = np.where(rng.random(k) < 0.4, "", memo)
        self.bg.pay(
            t,
            s,
            r,
            lognormal(rng, 12.0, 0.8, k),
            weighted(rng, ("p2p", "ewallet"), (0.6, 0.4), k),
            memo=memo,
            rnd=0.7,
            rng=rng,
        )
        self.enrol(sel)
        self.enrol(buy)

    def trip(
        self,
        led: Ledger,
        who: int,
        dest: str,
        day0: float,
        length: float,
        tourist: bool,
        lab: int = 0,
        typ: str = "",
        per_day: tuple[float, float] = (1.5, 3.5),
    ) -> None:
        """Card activity of one foreign visitor during a stay in dest."""
        rng, b = self.rng, self.book
        acct = np.array([who])
        # Flight bought at home 10-60 days earlier, priced in the home currency.
        fly = self.merchants[("*", "4511")]
        t = utc(b, acct, np.array([max(0.0, day0 - rng.uniform(10, 60))]), rng.uniform(8, 22, 1))
        led.pay(
            t,
            acct,
            fly[rng.integers(0, len(fly), 1)],
            lognormal(rng, 900.0, 0.3, 1),
            "card",
            mcc="4511",
            lab=lab,
            typ=typ,
        )
        n = max(2, int(length * rng.uniform(*per_day)))
        mcc = weighted(
            rng,
            ("5812", "7011", "5411", "4121", "5947", "5944", "5945", "6011"),
            (
                0.3,
                0.1,
                0.15,
                0.1,
                0.06,
                0.03 if tourist else 0.08,
                0.01 if tourist else 0.06,
                0.12 if tourist else 0.25,
            ),
            n,
        )
        day = np.clip(day0 + rng.uniform(0, length, n), 0, DAYS - 1)
        r = np.empty(n, dtype=np.int64)
        for code in np.unique(mcc):
            m = mcc == code
            pool = self.by_town.get((dest, code, tourist), self.merchants.get((dest, code)))
            if pool is None:
                pool = self.merchants[(dest, "5411")]
            r[m] = pool[rng.integers(0, len(pool), int(m.sum()))]
        # Local time of the destination: shift by the zone difference.
        shift = (TZ[dest][0][0] - int(b.col("tz")[who])) / 60.0
        hour = local_hours(rng, "day", n) - shift
        t = utc(b, np.full(n, who), day, hour)
        med = np.select([mcc == "7011", mcc == "6011", mcc == "5944"], [70.0, 180.0, 250.0], 15.0)
        led.pay(
            t,
            np.full(n, who),
            r,
            lognormal(rng, med, 0.5, n),
            "card",
            mcc=mcc.astype(object),
            rnd=(mcc == "6011"),
            lab=lab,
            typ=typ,
        )

    def tourists(self, budget: int) -> None:
        rng, b = self.rng, self.book
        n = max(2, budget // 40)
        tour = b.add(
            n,
            weighted(rng, FOREIGN, FOREIGN_W, n),
            "tourist",
            role="sender",
            p_male=0.55,
            birth=(1955, 2000),
            hard=True,
        )
        dest = weighted(rng, ("PH", "TH", "ID", "VN"), (0.45, 0.35, 0.15, 0.05), n)
        for i in range(n):
            for _ in range(1 + int(rng.random() < 0.25)):
                self.trip(
                    self.bg,
                    int(tour[i]),
                    str(dest[i]),
                    rng.uniform(0, DAYS - 20),
                    rng.uniform(4, 14),
                    rng.random() < 0.85,
                )
        # Retirees living in a provincial town: ATM every week, helpers paid by e-wallet.
        n_r = max(1, budget // 400)
        ret = b.add(
            n_r,
            weighted(rng, FOREIGN[:5], (0.4, 0.2, 0.2, 0.1, 0.1), n_r),
            "retiree",
            role="sender",
            p_male=0.85,
            birth=(1945, 1962),
            hard=True,
        )
        for i in range(n_r):
            d = str(rng.choice(("PH", "TH")))
            self.trip(
                self.bg,
                int(ret[i]),
                d,
                rng.uniform(0, 60),
                rng.uniform(120, 300),
                False,
                per_day=(0.3, 0.8),
            )
            helpers = self.residents(d, 2)
            k = int(rng.integers(20, 50))
            t = utc(
                b,
                np.full(k, ret[i]),
                self.days(k),
                local_hours(rng, "day", k) - (TZ[d][0][0] - int(b.col("tz")[ret[i]])) / 60,
            )
            self.bg.pay(
                t,
                np.full(k, ret[i]),
                helpers[rng.integers(0, 2, k)],
                lognormal(rng, 40.0, 0.5, k),
                "ewallet",
                memo=pick(rng, ("sweldo", "salary", "groceries", "gas", ""), k),
                rnd=0.9,
                rng=rng,
            )
        self.enrol(tour)
        self.enrol(ret)

    def sellers(self, budget: int) -> None:
        rng, b = self.rng, self.book
        n = max(2, budget // 100)
        sel = b.add(
            n,
            weighted(rng, ("PH", "TH", "ID", "VN"), (0.5, 0.2, 0.2, 0.1), n),
            "online_seller",
            role="receiver",
            p_male=0.3,
            birth=(1975, 2003),
            hard=True,
        )
        buyers = np.concatenate([self.foreign, self.sea])
        s = buyers[rng.integers(0, len(buyers), budget)]
        r = sel[rng.integers(0, n, budget)]
        t = utc(b, s, self.days(budget), local_hours(rng, "any", budget))
        memo = np.array(
            [
                m.replace("{n}", str(i))
                for m, i in zip(
                    pick(rng, memo_pool("seller"), budget),
                    rng.integers(100, 9999, budget),
                    strict=True,
                )
            ],
            dtype=object,
        )
        self.bg.pay(
            t,
            s,
            r,
            lognormal(rng, 25.0, 0.7, budget),
            weighted(rng, ("p2p", "ewallet", "bank"), (0.6, 0.2, 0.2), budget),
            memo=memo,
            rnd=0.2,
            rng=rng,
        )
        self.enrol(sel)

    def crypto(self, budget: int) -> None:
        rng, b = self.rng, self.book
        n = max(3, budget // 25)
        tr = b.add(
            n,
            np.where(
                rng.random(n) < 0.6,
                weighted(rng, FOREIGN, FOREIGN_W, n),
                weighted(rng, SEA, SEA_W, n),
            ),
            "crypto_trader",
            role="sender",
            p_male=0.75,
            birth=(1980, 2003),
            hard=True,
        )
        n_a = max(5, budget // 50)
        addr = b.add(
            n_a,
            weighted(rng, ("SC", "VG", "SG", "US"), (0.3, 0.2, 0.25, 0.25), n_a),
            "crypto_address",
            role="address",
            kind="address",
        )
        pop = np.exp(1.5 * rng.standard_normal(n_a))
        k = budget // 3
        s = tr[rng.integers(0, n, k)]
        ex = self.merchants[("*", "6051")]
        self.bg.pay(
            utc(b, s, self.days(k), local_hours(rng, "any", k)),
            s,
            ex[rng.integers(0, len(ex), k)],
            lognormal(rng, 200.0, 1.0, k),
            weighted(rng, ("card", "bank"), (0.5, 0.5), k),
            mcc="6051",
            rnd=0.6,
            rng=rng,
        )
        k = budget - k
        s = tr[rng.integers(0, n, k)]
        r = addr[rng.choice(n_a, size=k, p=pop / pop.sum())]
        cur = weighted(rng, ("USDT", "BTC"), (0.65, 0.35), k)
        self.bg.pay(
            utc(b, s, self.days(k), local_hours(rng, "any", k)),
            s,
            r,
            lognormal(rng, 150.0, 1.1, k),
            "crypto",
            cur=cur,
        )
        self.enrol(tr)

    def teens(self, budget: int) -> None:
        """14-17-year-olds: allowance, games, friends, and sometimes one burst to a new payee."""
        rng, b = self.rng, self.book
        n = max(4, budget // 30)
        tc = weighted(rng, ("US", "GB", "AU", "CA", "PH", "ID"), (0.3, 0.1, 0.1, 0.1, 0.3, 0.1), n)
        teen = b.add(
            n, tc, "teen", role="sender", p_male=0.55, birth=(2008, 2011), hard=True, kyc=0.95
        )
        teen = np.concatenate([teen, *self.teen_extra])
        n = len(teen)
        tc = b.col("country")[teen]
        par = b.add(n, tc, "parent", role="sender", birth=(1965, 1990), last=b.col("last")[teen])
        k = n * 20
        j = rng.integers(0, n, k)
        kind = rng.random(k)
        s = np.where(kind < 0.35, par[j], teen[j])
        friend = teen[(j + 1 + rng.integers(0, 5, k)) % n]
        game = self.merchant(tc[j], "5816")
        r = np.select([kind < 0.35, kind < 0.7], [teen[j], game], friend)
        t = utc(
            b,
            s,
            self.days(k),
            np.where(kind < 0.35, local_hours(rng, "day", k), local_hours(rng, "late", k)),
        )
        ch = np.select([kind < 0.35, kind < 0.7], ["bank", "card"], "p2p").astype(object)
        usd = np.select(
            [kind < 0.35, kind < 0.7],
            [lognormal(rng, 25.0, 0.4, k), lognormal(rng, 5.0, 0.7, k)],
            lognormal(rng, 8.0, 0.7, k),
        )
        self.bg.pay(
            t,
            s,
            r,
            usd,
            ch,
            mcc=np.where((kind >= 0.35) & (kind < 0.7), "5816", "").astype(object),
            rnd=0.85,
            memo=np.where(kind < 0.35, "allowance", "").astype(object),
            rng=rng,
        )
        burst = teen[rng.random(n) < 0.35]
        m = len(burst)
        if m:
            per = rng.integers(2, 5, m)
            w = np.repeat(np.arange(m), per)
            day0 = rng.uniform(0, DAYS - 3, m)
            day = day0[w] + rng.uniform(0, 2, len(w))
            resell = self.merchants[("*", "7922")]
            new_person = b.add(
                m, b.col("country")[burst], "reseller", role="receiver", birth=(1985, 2005)
            )
            payee = np.where(
                rng.random(m) < 0.5, resell[rng.integers(0, len(resell), m)], new_person
            )
            t = utc(b, burst[w], day, local_hours(rng, "any", len(w)))
            memo = pick(rng, memo_pool("teen_burst"), len(w))
            self.bg.pay(
                t,
                burst[w],
                payee[w],
                lognormal(rng, 60.0, 0.6, len(w)),
                weighted(rng, ("p2p", "card", "ewallet"), (0.5, 0.3, 0.2), len(w)),
                memo=memo,
                rnd=0.6,
                rng=rng,
            )

    # --- planted typologies ------------------------------------------------------------------
    def offenders(
        self,
        n: int,
        typ: str,
        role: str,
        *,
        birth: tuple[int, int] = (1950, 1992),
        p_male: float = 0.93,
    ) -> np.ndarray:
        c = weighted(self.rng, FOREIGN, OFFENDER_W, n)
        idx = self.book.add(
            n, c, "offender", role=role, typology=typ, label=1, p_male=p_male, birth=birth
        )
        self.foreign_extra.append(idx)
        return idx

    def facilitators(
        self,
        n: int,
        typ: str,
        role: str,
        *,
        country: str | None = None,
        last: np.ndarray | None = None,
        device: np.ndarray | None = None,
        birth: tuple[int, int] = (1965, 2001),
    ) -> np.ndarray:
        c = country or str(weighted(self.rng, VICTIM_COUNTRIES, VICTIM_W, 1)[0])
        idx = self.book.add(
            n,
            c,
            "facilitator",
            role=role,
            typology=typ,
            label=1,
            p_male=0.3,
            birth=birth,
            last=last,
            device=device,
        )
        self.sea_extra.append(idx)
        return idx

    def ancillary(self, c: int) -> None:
        """VPN subscriptions, webcam sites, a flight: ordinary-looking card spend (label 0)."""
        rng, b = self.rng, self.book
        k = int(rng.integers(2, 12))
        kind = weighted(rng, ("4816", "5967", "4511"), (0.6, 0.3, 0.1), k)
        r = np.array([self.merchants[("*", m)][rng.integers(0, 5)] for m in kind])
        t = utc(b, np.full(k, c), self.days(k), local_hours(rng, "any", k))
        med = np.select([kind == "4816", kind == "4511"], [10.0, 900.0], 25.0)
        self.bg.pay(
            t, np.full(k, c), r, lognormal(rng, med, 0.3, k), "card", mcc=kind.astype(object)
        )

    def consumer_pays(
        self,
        c: int,
        recv: np.ndarray,
        typ: str,
        *,
        n_max: int | None = None,
        lone: bool = False,
        crypto_ok: bool = True,
    ) -> None:
        """One consumer's payments to his receivers, in his own rhythm (every knob varies)."""
        rng, b = self.rng, self.book
        if lone:
            start = rng.uniform(0, DAYS - 5)
            window = rng.uniform(0.2, 5)
            n_s = int(rng.integers(1, 4)) if n_max is None else n_max
        else:
            life = float(np.exp(rng.uniform(np.log(60), np.log(1080))))
            begin = rng.uniform(-life + 30, DAYS - 30)
            start, end = max(0.0, begin), min(float(DAYS), begin + life)
            window = max(end - start, 3.0)
            rate = float(np.clip(np.exp(rng.normal(np.log(4), 0.7)), 1.5, 30))
            n_s = max(2, int(rng.poisson(rate * window / 30)))
            if n_max is not None:
                n_s = min(n_s, n_max)
        centres = start + rng.uniform(0, window, 3)
        near = centres[rng.integers(0, 3, n_s)] + rng.normal(0, 2, n_s)
        day = np.clip(
            np.where(rng.random(n_s) < 0.5, near, start + rng.uniform(0, window, n_s)),
            start,
            start + window,
        )
        day = np.clip(day, 0, DAYS - 1)
        style = rng.random()
        prof = "night" if style < 0.6 else ("evening" if style < 0.8 else "day")
        hour = local_hours(rng, prof, n_s)
        # Amount band of this consumer.
        a = rng.random()
        if a < 0.6:
            med = float(np.exp(rng.uniform(np.log(15), np.log(100))))
        elif a < 0.9:
            med = float(np.exp(rng.uniform(np.log(10), np.log(200))))
        else:
            med = float(rng.uniform(150, 250))
        usd = np.clip(lognormal(rng, med, 0.35, n_s), 5, 400)
        rnd_share = rng.uniform(0.7, 1.0) if rng.random() < 0.65 else rng.uniform(0.1, 0.6)
        # Receivers join over time; earlier ones stay favourites.
        nr = len(recv)
        joined = np.sort(
            np.concatenate([[day.min()], rng.uniform(day.min(), day.max() + 1e-6, nr - 1)])
        )
        rcv = np.empty(n_s, dtype=np.int64)
        for i in range(n_s):
            ok = np.flatnonzero(joined <= day[i])
            ok = ok if len(ok) else np.array([0])
            w = 1.0 / (1.0 + np.arange(len(ok)))
            rcv[i] = recv[ok[rng.choice(len(ok), p=w / w.sum())]]
        missing = [j for j in range(nr) if recv[j] not in rcv]
        if missing:  # a receiver he took on is paid at least once, on the day he joined
            k = len(missing)
            day = np.concatenate([day, np.minimum(joined[missing], DAYS - 1)])
            hour = np.concatenate([hour, local_hours(rng, prof, k)])
            usd = np.concatenate([usd, np.clip(lognormal(rng, med, 0.35, k), 5, 400)])
            rcv = np.concatenate([rcv, recv[missing]])
            n_s += k
        # Split sessions: 2-3 smaller payments minutes apart.
        t = utc(b, np.full(n_s, c), day, hour)
        if rng.random() < 0.2:
            parts = rng.integers(1, 4, n_s)
            rep = np.repeat(np.arange(n_s), parts)
            t = t[rep] + rng.integers(60, 1200, len(rep))
            usd = usd[rep] / parts[rep]
            rcv = rcv[rep]
            n_s = len(rep)
        chans = (
            ("msb", "ewallet", "p2p", "bank", "crypto")
            if crypto_ok
            else ("msb", "ewallet", "p2p", "bank")
        )
        cw = (0.4, 0.25, 0.15, 0.12, 0.08)[: len(chans)]
        main = str(weighted(rng, chans, cw, 1)[0])
        ch = np.where(rng.random(n_s) < 0.85, main, weighted(rng, chans, cw, n_s)).astype(object)
        if not crypto_ok:
            ch = np.where(ch == "crypto", "ewallet", ch).astype(object)
        p_empty = rng.uniform(0.2, 0.8)
        u = rng.random(n_s)
        memo = np.select(
            [u < p_empty, u < p_empty + (1 - p_empty) * 0.3],
            ["", b.col("handle")[rcv]],
            pick(rng, memo_pool("offender"), n_s),
        ).astype(object)
        cur = np.where(ch == "crypto", "USDT", "").astype(object)
        self.ill.pay(
            clip_year(t),
            np.full(n_s, c),
            rcv,
            usd,
            ch,
            memo=memo,
            rnd=rnd_share,
            purpose="offender",
            lab=1,
            typ=typ,
            cur=cur,
            rng=rng,
        )

    def move_on(
        self,
        src: np.ndarray,
        dst: np.ndarray | None,
        typ: str,
        *,
        fast: bool,
        forward: bool = False,
    ) -> None:
        """Proceeds leave a planted receiver: forwarded to dst, or cashed out at an agent."""
        rng = self.rng
        led = self.ill.cat()
        for i, a in enumerate(src):
            m = led["r"] == a
            if not m.any():
                continue
            t, usd = led["t"][m], led["usd"][m]
            span = 1 if fast else 7
            bucket = (t - START) // (span * 86400)
            keys, inv = np.unique(bucket, return_inverse=True)
            total = np.bincount(inv, weights=usd)
            last = np.zeros(len(keys), dtype=np.int64)
            np.maximum.at(last, inv, t)
            p = 1.0 if forward else (0.9 if fast else 0.5)
            keep = rng.random(len(keys)) < p
            last, total = last[keep], total[keep]
            k = len(last)
            if forward and dst is not None:
                tt = last + (rng.uniform(1, 30, k) * 3600).astype(np.int64)
                self.ill.pay(
                    clip_year(tt),
                    np.full(k, a),
                    np.full(k, dst[i % len(dst)]),
                    total * rng.uniform(0.3, 0.9, k),
                    weighted(rng, ("ewallet", "bank"), (0.7, 0.3), k),
                    memo=np.where(rng.random(k) < 0.6, "", "padala").astype(object),
                    rnd=0.6,
                    lab=1,
                    typ=typ,
                    rng=rng,
                )
            else:
                self.cash_out(
                    self.ill,
                    np.full(k, a),
                    last,
                    total,
                    p=1.0,
                    delay_h=(1, 30) if fast else (24, 150),
                    frac=(0.6, 1.0) if fast else (0.3, 0.8),
                    lab=1,
                    typ=typ,
                )

    def t1(self) -> None:
        """Independent consumers paying a few small facilitators; some through a relay."""
        rng = self.rng
        c = self.offenders(1, "T1", "consumer")[0]
        if rng.random() < 0.5:
            self.ancillary(int(c))
        nr = int(np.clip(rng.geometric(0.45), 1, 8))
        fac = []
        for _ in range(nr):
            if self.t1_fac and rng.random() < 0.4:
                fac.append(self.t1_fac[rng.integers(0, len(self.t1_fac))])
            else:
                f = int(self.facilitators(1, "T1", "facilitator")[0])
                self.t1_fac.append(f)
                fac.append(f)
        recv = np.asarray(fac)
        if rng.random() < 0.15:  # a relay account in the receiving country forwards on
            relay = self.book.add(
                1,
                str(self.book.col("country")[recv[0]]),
                "facilitator",
                role="intermediary",
                typology="T1",
                label=1,
                birth=(1970, 2003),
            )
            self.sea_extra.append(relay)
            self.relays.append((int(relay[0]), int(recv[0])))
            recv = np.concatenate([relay, recv[1:]])
        self.consumer_pays(int(c), recv, "T1", n_max=60)

    def t1_lone(self) -> None:
        """A one-off: a new consumer, a new receiver, 1-3 payments (AMLworld's 'lone' cases)."""
        c = self.offenders(1, "T1", "consumer")[0]
        f = self.facilitators(1, "T1", "facilitator")
        self.consumer_pays(int(c), f, "T1", lone=True)

    def t2(self, cap: int) -> None:
        """A hub: many foreign senders from several countries, a household of linked accounts."""
        rng, b = self.rng, self.book
        hub = self.facilitators(1, "T2", "facilitator", birth=(1960, 1995))
        cc = str(b.col("country")[hub[0]])
        n_h = int(rng.integers(2, 7))
        house = self.facilitators(
            n_h,
            "T2",
            "household",
            country=cc,
            last=np.full(n_h, b.col("last")[hub[0]], dtype=object),
            device=np.where(rng.random(n_h) < 0.7, b.col("device")[hub[0]], -2).astype(np.int64),
            birth=(1960, 2005),
        )
        dev = b.col("device")
        fix = house[dev[house] == -2]
        dev[fix] = np.arange(b.next_device, b.next_device + len(fix))
        b.next_device += len(fix)
        self.set_device(dev)
        n_send = int(np.exp(rng.uniform(np.log(5), np.log(200))))
        n_send = max(5, n_h + 2, min(n_send, cap // 4))
        cons = self.offenders(n_send, "T2", "consumer")
        recv_all = np.concatenate([hub, house])
        for i, c in enumerate(cons):
            if i < n_h:  # every household account takes some of the customers' money
                self.consumer_pays(int(c), house[i : i + 1], "T2", lone=True, n_max=2)
            elif rng.random() < 0.15:
                self.consumer_pays(
                    int(c),
                    recv_all[rng.permutation(len(recv_all))[:2]] if rng.random() < 0.4 else hub,
                    "T2",
                    n_max=40,
                )
            else:
                to = hub if rng.random() < 0.6 else house[rng.integers(0, n_h, 1)]
                self.consumer_pays(
                    int(c), to, "T2", lone=True, n_max=int(min(rng.geometric(0.45), 6))
                )
        self.households.append((house, hub))
        self.hubs.append((hub, rng.random() < 0.75))

    def t3(self, cap: int) -> None:
        """A bipartite cluster: consumers shared across facilitators, who forward to a boss."""
        rng = self.rng
        cc = str(weighted(rng, VICTIM_COUNTRIES, VICTIM_W, 1)[0])
        n_c = int(np.clip(cap // 35, 3, 25))
        n_f = min(int(rng.integers(3, 7)), n_c)
        fac = self.facilitators(n_f, "T3", "facilitator", country=cc)
        boss = self.facilitators(1, "T3", "boss", country=cc, birth=(1965, 1990))
        cons = self.offenders(n_c, "T3", "consumer")
        for i, c in enumerate(cons):
            k = int(rng.integers(1, 5))
            chosen = fac[rng.permutation(n_f)[:k]]
            if i < n_f and fac[i] not in chosen:  # every facilitator has customers
                chosen[0] = fac[i]
            self.consumer_pays(int(c), chosen, "T3", n_max=20)
            if rng.random() < 0.4:
                self.ancillary(int(c))
        fwd = fac[rng.random(n_f) < 0.5]
        if not len(fwd):
            fwd = fac[:1]
        self.chains.append((fwd, boss))
        self.hubs.append((np.setdiff1d(fac, fwd), rng.random() < 0.7))
        self.hubs.append((boss, True))

    def t4(self) -> None:
        rng, b = self.rng, self.book
        tr = int(self.offenders(1, "T4", "traveller", birth=(1948, 1978), p_male=0.97)[0])
        dest = str(
            weighted(rng, ("PH", "TH", "KH", "ID", "VN"), (0.6, 0.2, 0.08, 0.07, 0.05), 1)[0]
        )
        local = self.facilitators(int(rng.integers(1, 4)), "T4", "local_contact", country=dest)
        for _ in range(int(rng.integers(1, 4))):
            d0 = rng.uniform(0, DAYS - 30)
            length = 7 * rng.uniform(2, 4)
            self.trip(
                self.ill,
                tr,
                dest,
                d0,
                length,
                rng.random() < 0.2,
                lab=1,
                typ="T4",
                per_day=(1.0, 2.5),
            )
            k = int(rng.integers(1, 5))
            day = np.clip(d0 + rng.uniform(-10, length, k), 0, DAYS - 1)
            t = utc(b, np.full(k, tr), day, local_hours(rng, "any", k))
            memo = np.where(
                rng.random(k) < 0.5,
                "",
                pick(rng, ("pamasahe", "for the trip", "pasalubong", "hotel", "see you soon"), k),
            ).astype(object)
            self.ill.pay(
                t,
                np.full(k, tr),
                local[rng.integers(0, len(local), k)],
                lognormal(rng, 60.0, 0.6, k),
                weighted(rng, ("msb", "ewallet"), (0.6, 0.4), k),
                memo=memo,
                rnd=0.8,
                purpose="offender",
                lab=1,
                typ="T4",
                rng=rng,
            )
        if rng.random() < 0.3:
            self.consumer_pays(tr, local, "T4", n_max=25, crypto_ok=False)
        paid = set(self.ill.cat()["r"].tolist())
        for a in local:  # every local contact receives something before a trip
            if int(a) not in paid:
                t = utc(
                    b, np.array([tr]), np.array([rng.uniform(0, DAYS - 1)]), rng.uniform(0, 24, 1)
                )
                self.ill.pay(
                    t,
                    np.array([tr]),
                    np.array([a]),
                    lognormal(rng, 60.0, 0.6, 1),
                    "msb",
                    rnd=1.0,
                    purpose="offender",
                    lab=1,
                    typ="T4",
                )

    def t5(self, cap: int) -> None:
        rng, b = self.rng, self.book
        mc = str(weighted(rng, ("NG", "CI", "GH", "PH", "US"), (0.35, 0.15, 0.1, 0.25, 0.15), 1)[0])
        mule = self.book.add(
            1, mc, "mule", role="mule", typology="T5", label=1, p_male=0.85, birth=(1990, 2004)
        )
        n_v = int(np.clip(rng.integers(5, 41), 1, max(1, cap // 4)))
        vc = np.where(
            mc == "PH",
            np.where(rng.random(n_v) < 0.7, "PH", "US"),
            weighted(
                rng, ("US", "GB", "CA", "AU", "PH", "NZ"), (0.45, 0.14, 0.12, 0.12, 0.12, 0.05), n_v
            ),
        ).astype(object)
        vic = b.add(
            n_v,
            vc,
            "victim",
            role="victim",
            typology="T5",
            label=1,
            p_male=0.85,
            birth=(2008, 2011),
            kyc=0.95,
        )
        self.teen_extra.append(vic)
        gift = self.merchants[("*", "5815")]
        for v in vic:
            k = int(rng.integers(2, 7))
            day0 = rng.uniform(0, DAYS - 4)
            span = rng.uniform(1, 3)
            day = day0 + np.sort(rng.uniform(0, span, k))
            first = rng.uniform(25, 240)
            usd = first * rng.uniform(1.0, 1.7, k).cumprod() / rng.uniform(1.0, 1.7)
            usd = np.minimum(usd, 600)
            usd = usd * min(1.0, 1500 / usd.sum())
            usd[0] = min(usd[0], 249)
            t = utc(b, np.full(k, v), day, local_hours(rng, "any", k))
            # Gift-card variant (cards bought, codes sent); the first victim pays the mule.
            if rng.random() < 0.25 and v != vic[0]:
                self.ill.pay(
                    t,
                    np.full(k, v),
                    np.full(k, gift[rng.integers(0, len(gift))]),
                    usd,
                    "card",
                    mcc="5815",
                    rnd=1.0,
                    lab=1,
                    typ="T5",
                )
            else:
                ch = str(
                    weighted(rng, ("p2p", "ewallet", "card", "bank"), (0.5, 0.2, 0.1, 0.2), 1)[0]
                )
                memo = np.where(rng.random(k) < 0.6, "", pick(rng, memo_pool("fsec"), k)).astype(
                    object
                )
                self.ill.pay(
                    t,
                    np.full(k, v),
                    np.full(k, mule[0]),
                    usd,
                    ch,
                    memo=memo,
                    rnd=0.5,
                    lab=1,
                    typ="T5",
                    rng=rng,
                )
        self.hubs.append((mule, True))

    def t6(self, cap: int) -> None:
        rng, b = self.rng, self.book
        n_a = int(rng.integers(3, 13))
        site = b.add(
            n_a,
            weighted(rng, ("SC", "VG", "PA", "NL"), (0.3, 0.3, 0.2, 0.2), n_a),
            "csam_site",
            role="site_wallet",
            typology="T6",
            label=1,
            kind="address",
        )
        hot = b.add(
            1, "SC", "csam_site", role="site_wallet", typology="T6", label=1, kind="address"
        )
        n_c = int(np.clip(rng.integers(3, 16), 1, max(1, cap // 8)))
        cons = self.offenders(n_c, "T6", "consumer", birth=(1984, 2004))
        ex = self.merchants[("*", "6051")]
        for c in cons:
            for _ in range(int(rng.integers(1, 8))):
                d = rng.uniform(0, DAYS - 4)
                buy = lognormal(rng, 120.0, 0.6, 1)
                self.bg.pay(
                    utc(b, np.array([c]), np.array([d]), local_hours(rng, "any", 1)),
                    np.array([c]),
                    ex[rng.integers(0, len(ex), 1)],
                    buy,
                    "card",
                    mcc="6051",
                    rnd=0.7,
                    rng=rng,
                )
                k = int(rng.integers(1, 4))
                t = utc(b, np.full(k, c), d + rng.uniform(0, 3, k), local_hours(rng, "late", k))
                cur = "BTC" if rng.random() < 0.5 else "USDT"
                self.ill.pay(
                    t,
                    np.full(k, c),
                    site[rng.integers(0, n_a, k)],
                    lognormal(rng, 60.0, 0.7, k),
                    "crypto",
                    cur=cur,
                    rnd=0.3 if cur == "USDT" else 0.0,
                    lab=1,
                    typ="T6",
                    rng=rng,
                )
            if rng.random() < 0.5:
                self.ancillary(int(c))
        led = self.ill.cat()
        for a in site:
            m = led["r"] == a
            if not m.any():
                continue
            week = (led["t"][m] - START) // (7 * 86400)
            keys, inv = np.unique(week, return_inverse=True)
            total = np.bincount(inv, weights=led["usd"][m])
            t = START + (keys + 1) * 7 * 86400 + rng.integers(0, 86400, len(keys))
            self.ill.pay(
                clip_year(t),
                np.full(len(keys), a),
                np.full(len(keys), hot[0]),
                total * 0.98,
                "crypto",
                cur="USDT",
                lab=1,
                typ="T6",
            )

    def t7(self) -> None:
        rng, b = self.rng, self.book
        off = int(self.offenders(1, "T7", "offender", birth=(1950, 1990), p_male=0.9)[0])
        n_v = 1 + int(rng.random() < 0.2)
        cc = str(weighted(rng, VICTIM_COUNTRIES, VICTIM_W, 1)[0])
        vic = b.add(
            n_v,
            cc,
            "victim",
            role="victim",
            typology="T7",
            label=1,
            p_male=0.35,
            birth=(2005, 2010),
        )
        self.sea_extra.append(vic)
        self.consumer_pays(off, vic, "T7", n_max=45, crypto_ok=False)

    def plant(self, budget: int) -> None:
        """Add planted structures until each typology has its share of the illicit budget."""
        rng = self.rng
        self.t1_fac: list[int] = []
        self.relays: list[tuple[int, int]] = []
        self.households: list[tuple[np.ndarray, np.ndarray]] = []
        self.hubs: list[tuple[np.ndarray, bool]] = []
        self.chains: list[tuple[np.ndarray, np.ndarray]] = []
        inflate = 1.45  # forwards and cash-outs come on top of the payments for T1-T3
        goal = {t: max(4.0, budget * s) for t, s in TYPOLOGY_SHARE.items()}

        def need(t: str, f: float = 1.0) -> bool:
            return self.ill.count(t) * f < goal[t]

        while need("T1", inflate):
            self.t1_lone() if rng.random() < 0.35 else self.t1()
        while need("T2", inflate):
            self.t2(int(goal["T2"] / inflate - self.ill.count("T2")))
        while need("T3", inflate):
            self.t3(int(goal["T3"] / inflate - self.ill.count("T3")))
        while need("T4"):
            self.t4()
        while need("T5", 1.3):
            self.t5(int(goal["T5"] / 1.3 - self.ill.count("T5")))
        while need("T6"):
            self.t6(int(goal["T6"] - self.ill.count("T6")))
        while need("T7"):
            self.t7()
        # Proceeds move on: relays and households forward, chains pass to the boss, then cash.
        for relay, fac in self.relays:
            self.move_on(np.array([relay]), np.array([fac]), "T1", fast=True, forward=True)
        for house, hub in self.households:
            fw = house[rng.random(len(house)) < 0.7]
            self.move_on(fw, hub, "T2", fast=True, forward=True)
            self.move_on(np.setdiff1d(house, fw), None, "T2", fast=True)
        for fwd, boss in self.chains:
            self.move_on(fwd, boss, "T3", fast=True, forward=True)
        for accts, fast in self.hubs:
            if not len(accts):
                continue
            typ = str(self.book.col("typology")[accts[0]])
            self.move_on(accts, None, typ, fast=fast)
        t1_cash = [f for f in self.t1_fac if rng.random() < 0.7]
        self.move_on(np.asarray(t1_cash, dtype=np.int64), None, "T1", fast=True)


# Background shares (of the benign rows); the look-alikes are scaled by `hard`.
ORDINARY = {"sea_shopping": 0.17, "foreign_home": 0.13, "payroll": 0.06, "family": 0.12}
LOOKALIKE = {
    "creators": 0.035,
    "sponsorship": 0.027,
    "romance": 0.012,
    "partners": 0.014,
    "tourists": 0.02,
    "sellers": 0.01,
    "crypto": 0.015,
    "teens": 0.012,
}


def amounts(usd: np.ndarray, cur: np.ndarray, rnd: np.ndarray) -> np.ndarray:
    """The sender's amount in its currency: round ones on a 1-2-5 style grid, others to cents."""
    rate = np.array([USD_PER[c] for c in cur])
    local = usd / rate
    exp = np.floor(np.log10(np.maximum(local, 1e-9)))
    step = np.maximum(1.0, 10.0**exp / 2)
    rounded = np.maximum(step, np.round(local / step) * step)
    whole = np.isin(cur, tuple(NO_DECIMALS))
    btc = cur == "BTC"
    plain = np.where(whole, np.round(local), np.round(local, 2))
    plain = np.where(btc, np.round(local, 8), plain)
    return np.where(rnd & ~btc, rounded, plain)


def account_ids(rng: np.random.Generator, kind: np.ndarray) -> np.ndarray:
    n = len(kind)
    num = rng.choice(9_000_000_000, size=n, replace=False) + 1_000_000_000
    ids = num.astype(str).astype(object)
    addr = np.flatnonzero(kind == "address")
    if len(addr):
        raw = rng.integers(0, 16, (len(addr), 40))
        hexd = np.array(list("0123456789abcdef"))
        ids[addr] = ["0x" + "".join(row) for row in hexd[raw]]
    return ids


def assemble(w: World, n_tx: int) -> Generated:
    rng, b = w.rng, w.book
    ill, bg = w.ill.cat(), w.bg.cat()
    n_ill = len(ill["t"])
    n_bg = max(0, n_tx - n_ill)
    if len(bg["t"]) > n_bg:  # trim the background to the exact size asked for
        keep = np.sort(rng.choice(len(bg["t"]), size=n_bg, replace=False))
        bg = {k: v[keep] for k, v in bg.items()}
    d = {k: np.concatenate([bg[k], ill[k]]) for k in bg}
    order = np.argsort(d["t"], kind="stable")
    d = {k: v[order] for k, v in d.items()}
    n = len(d["t"])
    s, r = d["s"], d["r"]
    country, tz, kind = b.col("country"), b.col("tz"), b.col("kind")
    ch = d["ch"]
    cur = np.where(
        d["cur"] == "", np.array([CURRENCY[c] for c in country[s]], dtype=object), d["cur"]
    )
    amount = amounts(d["usd"], cur, d["rnd"])
    usd = amount * np.array([USD_PER[c] for c in cur])
    # The recording system's offset: banks/cards the sender's, remitters/VASPs UTC,
    # e-wallets and P2P apps the receiver's.
    off = np.select(
        [np.isin(ch, ("bank", "card")), np.isin(ch, ("msb", "crypto"))], [tz[s], 0], tz[r]
    ).astype(np.int64)
    # Remitters' memos are purpose codes.
    memo = d["memo"].copy()
    msb = np.flatnonzero(ch == "msb")
    for code, name in enumerate(PURPOSE_CODES):
        m = msb[d["purpose"][msb] == code]
        spec = PURPOSE[name]
        memo[m] = weighted(rng, spec[0::2], spec[1::2], len(m))
    first, last = b.col("first"), b.col("last")
    person = kind == "person"
    full = np.where(kind == "address", None, first + " " + last).astype(object)
    full = np.array([x.strip() if x else x for x in full], dtype=object)
    sender_name = full[s]
    upper = np.flatnonzero(ch == "msb")
    sender_name[upper] = [f"{last[a]}, {first[a]}".upper() for a in s[upper]]
    receiver_name = full[r]
    mask = np.flatnonzero((ch == "ewallet") & person[r])
    receiver_name[mask] = [f"{first[a]} {last[a][:1]}." if last[a] else first[a] for a in r[mask]]
    kyc = b.col("kyc") & person
    sex = np.where(kyc[s], b.col("sex")[s], None)
    birth = b.col("birth")
    dev = b.col("device")[s]
    walk_in = (ch == "msb") & (rng.random(n) < 0.7)
    has_dev = (dev >= 0) & ~walk_in & person[s]
    dev_str = np.where(
        has_dev, np.char.add("dv", np.char.mod("%010x", (dev * 2654435761) % (1 << 40))), None
    )
    ids = account_ids(rng, kind)
    cols: dict[str, object] = {
        "tx_id": np.char.add("TX", np.char.zfill(np.arange(1, n + 1).astype(str), 9)),
        "local": d["t"] + off * 60,
        "off": off,
        "sender_id": ids[s],
        "receiver_id": ids[r],
        "amount": amount,
        "currency": cur,
        "sender_country": country[s],
        "receiver_country": country[r],
        "channel": ch,
        "memo": np.where(memo == "", None, memo),
        "sender_name": sender_name,
        "receiver_name": receiver_name,
        "sender_sex": sex,
        "sender_birth_year": np.where(kyc[s], birth[s], -1),
        "receiver_birth_year": np.where(kyc[r], birth[r], -1),
        "device_id": dev_str,
        "merchant_category": np.where(d["mcc"] == "", None, d["mcc"]),
    }
    tx = pl.DataFrame(
        {
            k: pl.Series(k, v.tolist(), dtype=pl.String)
            if isinstance(v, np.ndarray) and v.dtype == object
            else v
            for k, v in cols.items()
        }
    )
    sign = pl.when(pl.col("off") < 0).then(pl.lit("-")).otherwise(pl.lit("+"))
    hh = (pl.col("off").abs() // 60).cast(pl.String).str.zfill(2)
    mm = (pl.col("off").abs() % 60).cast(pl.String).str.zfill(2)
    tx = tx.with_columns(
        (
            pl.from_epoch("local", time_unit="s").dt.strftime("%Y-%m-%dT%H:%M:%S")
            + sign
            + hh
            + pl.lit(":")
            + mm
        ).alias("timestamp"),
        pl.col("sender_birth_year").replace(-1, None).cast(pl.Int32),
        pl.col("receiver_birth_year").replace(-1, None).cast(pl.Int32),
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
    tx_labels = pl.DataFrame(
        {
            "tx_id": tx["tx_id"],
            "label_tx": d["lab"].astype(np.int8),
            "label_typology": d["typ"].astype(str),
            "usd": usd,
        }
    )
    used = np.unique(np.concatenate([s, r]))
    accounts = pl.DataFrame(
        {
            "account_id": ids[used].astype(str),
            "label": b.col("label")[used].astype(np.int8),
            "role": b.col("role")[used].astype(str),
            "typology": b.col("typology")[used].astype(str),
            "population": b.col("population")[used].astype(str),
            "hard_negative": b.col("hard")[used],
            "country": country[used].astype(str),
            "kind": kind[used].astype(str),
        }
    )
    return Generated(tx=tx, tx_labels=tx_labels, accounts=accounts)


def generate(n_tx: int, variant: str, seed: int, hard: float = 1.0) -> Generated:
    """About n_tx transactions (exactly n_tx unless the planted ones alone exceed it).

    `hard` scales the deliberate look-alike populations (creators and fans, sponsors and
    students, charities, romance, partners, tourists and retirees, sellers, crypto traders,
    teenagers, VA clients, game item sellers); their volume goes to domestic P2P instead.
    """
    if variant not in ILLICIT_RATE:
        raise ValueError(f"variant must be one of {sorted(ILLICIT_RATE)}, got {variant!r}")
    if hard < 0:
        raise ValueError(f"hard must be >= 0, got {hard}")
    rng = np.random.default_rng([seed, 5, 0 if variant == "li" else 1])
    w = World(rng, n_tx)
    w.plant(max(20, int(n_tx * ILLICIT_RATE[variant])))
    w.people()
    n_bg = n_tx - w.ill.count()
    for name, share in ORDINARY.items():
        getattr(w, name)(int(n_bg * share))
    w.freelance(int(n_bg * 0.04), hard)
    w.gaming(int(n_bg * 0.03), hard)
    for name, share in LOOKALIKE.items():
        k = int(n_bg * share * hard)
        if k >= 20:
            getattr(w, name)(k)
    w.domestic_p2p(max(0, n_bg - w.bg.count()))
    return assemble(w, n_tx)
