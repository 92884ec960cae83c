#!/usr/bin/env python3
"""Regenerate the package-derived files of the default rule pack.

Usage:
    python3 scripts/rules-data/extract.py SCRATCH_DIR [--pack crates/rules/data/pack]

SCRATCH_DIR must hold these registry downloads (fetched with the ordinary clients, see
crates/rules/data/pack/SOURCES.md); their SHA-256 sums are pinned below:

    npm pack cldr-localenames-full@48.2.0 cldr-dates-full@48.2.0 i18n-iso-countries@7.14.0
    pip download --no-deps -d SCRATCH_DIR iso3166-2==1.8.4 arwikicats==0.2.3
    apt-get download unicode-cldr-core        # Debian bookworm, 41-0.1

Writes (deterministic, sorted):
    gpe-countries.jsonl        countries/territories (CLDR + i18n-iso-countries + press variants)
    gpe-cities.jsonl           CLDR exemplar cities + Middle-East provinces (CLDR subdivisions,
                               iso3166-2), minus anything the hand-curated files already cover
    nationality-adjectives.txt negative list (arwikicats nationalities + hand supplement)

Hand-curated files in the pack (gpe-towns, loc, fac, org, per, ambiguous, stop-single, titles)
are read, never written: a generated pattern whose folded form is already in a hand file, in
ambiguous.jsonl or in stop-single.txt is dropped (the hand decision wins).

Python 3 standard library only. The Rust build never runs this script.
"""
import argparse
import hashlib
import io
import json
import lzma  # noqa: F401  (tarfile needs it for data.tar.xz)
import os
import re
import sys
import tarfile
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from arfold import fold, strip_marks  # noqa: E402

PINNED = {
    "cldr-localenames-full-48.2.0.tgz": "7f2ac7fd3b5d90f56ad127f9ed5ae67b58b3e556818f55530b9f47bb81bcde57",
    "cldr-dates-full-48.2.0.tgz": "0256f1cefeca14f7d515be4872dda48fcdd7e75381430f25aafd0143eae5b430",
    "i18n-iso-countries-7.14.0.tgz": "bb418ebfb965789fcfbcce7dee59888d901ef64b03601da78b2e224cd6f5825c",
    "iso3166_2-1.8.4-py3-none-any.whl": "62a0a866fcd07f0e6ddbb7f7de40c93ad2aa51a5f52d796182e7da975ccf3ac6",
    "arwikicats-0.2.3-py3-none-any.whl": "efc386f2f5a916691b508ef072eac86d1e80c60d01284cf5105bb841e78d6694",
    "unicode-cldr-core_41-0.1_all.deb": "35d30d5d3bee4d8244e95236259c4c2a0db06e21bad696515751fcfeee4d0260",
}

HAND_JSONL = ["gpe-towns.jsonl", "loc.jsonl", "fac.jsonl", "org.jsonl", "per.jsonl"]

# --------------------------------------------------------------------------- archive readers


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def tgz_member(path, name):
    with tarfile.open(path, "r:gz") as t:
        return t.extractfile(name).read()


def zip_member(path, name):
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def deb_member(path, name):
    """Read one file from a .deb (ar archive holding data.tar.xz) without external tools."""
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(b"!<arch>\n"):
        raise ValueError("not an ar archive: " + path)
    pos = 8
    while pos < len(data):
        header = data[pos:pos + 60]
        ident = header[:16].decode().strip().rstrip("/")
        size = int(header[48:58].decode().strip())
        body = data[pos + 60:pos + 60 + size]
        if ident.startswith("data.tar"):
            with tarfile.open(fileobj=io.BytesIO(body)) as t:
                return t.extractfile(name).read()
        pos += 60 + size + (size & 1)
    raise KeyError("data.tar.* not found in " + path)


# --------------------------------------------------------------------------- helpers


def slug(text):
    text = text.replace("ı", "i").replace("İ", "I")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("&", " and ").replace("’", "").replace("'", "").replace("‘", "")
    text = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower()
    return text


ARTICLE = re.compile(r"^(Al|Ar|As|Ad|Ash|An|Az|At|El)[ -]", re.I)


def place_slug(text):
    """ASCII id for a place; a leading Arabic article (Al-, Ar-, As- …) is dropped."""
    return slug(ARTICLE.sub("", text)) or slug(text)


ARABIC_ONLY = re.compile(r"^[\u0600-\u06FF ]+$")


PERSIAN = str.maketrans({"\u06CC": "\u064A", "\u06A9": "\u0643", "\u06AF": "\u0643"})


def clean(name):
    """Strip harakat/tatweel, map Persian yeh/keheh/gaf, squeeze spaces; keep hamza and teh marbuta."""
    return strip_marks(name).translate(PERSIAN).strip()


class Out:
    """Collects rows; the first (folded pattern) wins, reserved forms are skipped."""

    def __init__(self, reserved, why):
        self.rows = []
        self.seen = {}
        self.reserved = reserved
        self.why = why
        self.skipped = []

    def add(self, label, pattern, ident, source, force=False):
        pattern = clean(pattern)
        if not pattern or not ARABIC_ONLY.match(pattern):
            self.skipped.append((pattern, ident, "not plain Arabic"))
            return
        key = fold(pattern)
        if key in self.reserved and not force:
            self.skipped.append((pattern, ident, "hand file: " + self.reserved[key]))
            return
        if key in self.seen:
            return
        self.seen[key] = ident
        self.rows.append({"label": label, "pattern": pattern, "id": ident, "_src": source})


def write_jsonl(path, rows):
    rows = sorted(rows, key=lambda r: (r["id"], fold(r["pattern"]), r["pattern"]))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps({"label": r["label"], "pattern": r["pattern"], "id": r["id"]},
                               ensure_ascii=False) + "\n")
    return len(rows)


# --------------------------------------------------------------------------- countries

# Region/other codes that are not GPEs. Continents and world regions live in loc.jsonl
# (hand-written from the same CLDR names); EU/UN are ORG in org.jsonl.
NON_GPE_CODES = {"EU", "EZ", "UN", "XA", "XB", "ZZ", "QO"}

COUNTRY_ID_OVERRIDES = {
    "US": "usa", "GB": "uk", "AE": "uae", "TR": "turkey", "PS": "palestine",
    "CD": "dr_congo", "CG": "congo", "CI": "ivory_coast", "KP": "north_korea",
    "KR": "south_korea", "SA": "saudi_arabia", "SY": "syria", "IR": "iran", "IQ": "iraq",
    "RU": "russia", "CZ": "czechia", "MM": "myanmar", "HK": "hong_kong", "MO": "macao",
    "VA": "vatican", "FM": "micronesia", "TL": "timor_leste", "SZ": "eswatini",
    "MK": "north_macedonia", "BA": "bosnia_and_herzegovina",
}

# Common press variants (hand-curated; Arabic news usage). Keyed by ISO code.
COUNTRY_VARIANTS = {
    "US": ["أمريكا", "أميركا", "امريكا", "الولايات المتحدة الأمريكية", "الولايات المتحدة الأميركية",
           "الولايات المتحدة"],
    "GB": ["بريطانيا", "المملكة المتحدة", "بريطانيا العظمى"],
    "RU": ["روسيا", "روسيا الاتحادية", "الاتحاد الروسي"],
    "IL": ["إسرائيل", "اسرائيل", "دولة إسرائيل"],
    "PS": ["فلسطين", "دولة فلسطين", "الأراضي الفلسطينية", "الأراضي الفلسطينية المحتلة"],
    "SA": ["السعودية", "المملكة العربية السعودية", "المملكة السعودية"],
    "AE": ["الإمارات", "الامارات", "الإمارات العربية المتحدة", "دولة الإمارات",
           "دولة الإمارات العربية المتحدة"],
    "KP": ["كوريا الشمالية", "جمهورية كوريا الديمقراطية الشعبية"],
    "KR": ["كوريا الجنوبية", "جمهورية كوريا"],
    "IQ": ["العراق", "جمهورية العراق"],
    "IR": ["إيران", "ايران", "الجمهورية الإسلامية الإيرانية", "جمهورية إيران الإسلامية", "الجمهورية الإسلامية"],
    "SY": ["سوريا", "الجمهورية العربية السورية"],
    "LB": ["لبنان", "الجمهورية اللبنانية"],
    "JO": ["الأردن", "المملكة الأردنية الهاشمية"],
    "EG": ["مصر", "جمهورية مصر العربية"],
    "KW": ["الكويت", "دولة الكويت"],
    "QA": ["قطر", "دولة قطر"],
    "BH": ["البحرين", "مملكة البحرين"],
    "OM": ["سلطنة عمان", "عُمان"],
    "YE": ["اليمن", "الجمهورية اليمنية"],
    "TR": ["تركيا", "الجمهورية التركية"],
    "CN": ["الصين", "جمهورية الصين الشعبية", "الصين الشعبية"],
    "DE": ["ألمانيا", "المانيا"],
    "FR": ["فرنسا"],
    "IT": ["إيطاليا", "ايطاليا"],
    "ES": ["إسبانيا", "اسبانيا"],
    "UA": ["أوكرانيا", "اوكرانيا"],
    "BY": ["بيلاروسيا", "روسيا البيضاء", "بيلاروس"],
    "DK": ["الدنمارك", "الدانمارك", "الدانمرك"],
    "HU": ["المجر", "هنغاريا"],
    "NL": ["هولندا"],
    "AT": ["النمسا"],
    "CZ": ["التشيك", "جمهورية التشيك"],
    "AF": ["أفغانستان", "افغانستان"],
    "PK": ["باكستان"],
    "IN": ["الهند"],
    "JP": ["اليابان"],
    "AZ": ["أذربيجان", "اذربيجان"],
    "AM": ["أرمينيا", "أرمينيا"],
    "LY": ["ليبيا"],
    "SD": ["السودان"],
    "MA": ["المغرب", "المملكة المغربية"],
    "DZ": ["الجزائر"],
    "TN": ["تونس"],
    "CY": ["قبرص"],
    "GR": ["اليونان"],
    "MM": ["ميانمار", "بورما"],
    "VA": ["الفاتيكان", "دولة الفاتيكان"],
    "XK": ["كوسوفو", "كوسوفا"],
}

# Kept although the folded form is also a hand entry: عُمان (Oman) vs عمّان (Amman, gpe-towns)
# differ only by diacritics; both are GPE, the engine may use the unfolded form to pick the id.
COUNTRY_FORCE = {"عُمان"}

# Country names that are common words: kept out of the main list (see ambiguous.jsonl).
COUNTRY_SKIP = {"ML", "BJ"}  # مالي، بنين


def countries(src, reserved):
    out = Out(reserved, "countries")
    loc = json.loads(tgz_member(os.path.join(src, "cldr-localenames-full-48.2.0.tgz"),
                                "package/main/ar/territories.json"))
    ar = loc["main"]["ar"]["localeDisplayNames"]["territories"]
    en_all = json.loads(tgz_member(os.path.join(src, "cldr-localenames-full-48.2.0.tgz"),
                                   "package/main/en/territories.json"))
    en = en_all["main"]["en"]["localeDisplayNames"]["territories"]
    iso = json.loads(tgz_member(os.path.join(src, "i18n-iso-countries-7.14.0.tgz"),
                                "package/langs/ar.json"))["countries"]

    def cid(code):
        if code in COUNTRY_ID_OVERRIDES:
            return COUNTRY_ID_OVERRIDES[code]
        name = en.get(code + "-alt-short") or en.get(code)
        return slug(re.sub(r"\(.*?\)", "", name))

    # hand variants first (they carry the preferred press forms)
    for code in sorted(COUNTRY_VARIANTS):
        for p in COUNTRY_VARIANTS[code]:
            out.add("GPE", p, cid(code), "press", force=p in COUNTRY_FORCE)
    for key in sorted(ar):
        code = key.split("-")[0]
        if not re.fullmatch(r"[A-Z]{2}", code) or code in NON_GPE_CODES or code in COUNTRY_SKIP:
            continue
        name = ar[key]
        if " - " in name:  # "الكونغو - كينشاسا": the alt-variant form is used instead
            continue
        name = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
        out.add("GPE", name, cid(code), "cldr-localenames-full")
    for code in sorted(iso):
        if code in NON_GPE_CODES or code in COUNTRY_SKIP:
            continue
        names = iso[code] if isinstance(iso[code], list) else [iso[code]]
        for name in names:
            name = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
            out.add("GPE", name, cid(code), "i18n-iso-countries")
    return out


# --------------------------------------------------------------------------- cities

CITY_ZONE_PREFIX_SKIP = ("Etc/", "Antarctica/", "America/Indiana/", "America/North_Dakota/",
                         "America/Kentucky/", "America/Argentina/")
# Exemplar names that are common Arabic words, person names, brands or bad transliterations.
CITY_ZONE_SKIP = {
    "Pacific/Easter", "Pacific/Truk", "Pacific/Ponape", "Pacific/Wake", "Pacific/Enderbury",
    "Europe/Samara", "Europe/Busingen", "Europe/Kirov", "Asia/Oral", "Asia/Dili",
    "Asia/Makassar", "Asia/Saigon", "Asia/Hebron", "Asia/Kuching", "Asia/Khandyga",
    "Asia/Sakhalin", "Asia/Seoul",
    "America/North_Dakota/Center", "America/Nome", "America/Adak", "America/Juneau",
    "America/Belem", "America/Thule", "America/Jujuy", "America/Lower_Princes",
    "America/Moncton", "America/Dawson", "America/Swift_Current", "America/Boise",
    "America/Coral_Harbour", "America/Eirunepe", "America/Cuiaba", "America/Maceio",
    "America/Araguaina", "America/Campo_Grande", "America/Godthab", "America/Rio_Branco",
    "America/Iqaluit", "America/Inuvik", "America/Edmonton",
    "Africa/El_Aaiun", "Africa/Ceuta", "Africa/Lubumbashi",
    "Australia/Perth", "Australia/Darwin", "Australia/Brisbane",
    "Indian/Mahe", "Indian/Christmas", "Indian/Cocos", "Atlantic/Faeroe", "Atlantic/Stanley",
    "Atlantic/Canary", "Europe/Sofia", "America/Regina",
}


def cities(src, reserved, out):
    data = json.loads(tgz_member(os.path.join(src, "cldr-dates-full-48.2.0.tgz"),
                                 "package/main/ar/timeZoneNames.json"))
    zones = data["main"]["ar"]["dates"]["timeZoneNames"]["zone"]
    found = []

    def walk(obj, path):
        for k in sorted(obj):
            v = obj[k]
            if isinstance(v, dict):
                if "exemplarCity" in v:
                    found.append(("/".join(path + [k]), v["exemplarCity"]))
                walk(v, path + [k])

    walk(zones, [])
    for zone, name in sorted(found):
        if zone.startswith(CITY_ZONE_PREFIX_SKIP) or zone in CITY_ZONE_SKIP:
            continue
        if "،" in name or "(" in name or name.startswith("مدينة "):
            continue
        out.add("GPE", name, slug(zone.split("/")[-1]), "cldr-dates-full")


# --------------------------------------------------------------------------- provinces

SUBDIV_COUNTRIES = ["iq", "sy", "lb", "ps", "jo", "ir", "tr", "sa", "ae", "kw", "qa", "bh",
                    "om", "ye", "eg"]
# Codes whose names are generic, adjectives, common words or belong to another label.
SUBDIV_SKIP = {
    "ir14",  # فارس: knight / Fars news agency / male name (ambiguous.jsonl)
    "ir16",  # كردستان: Iraq's Kurdistan Region is the reading in Iraq news (gpe-towns.jsonl)
    "ir22",  # مركزي: "central"
    "tr03",  # أفيون: "opium"
    "tr49",  # موش
    "tr52",  # أردو: Urdu
    "tr65",  # وان (ambiguous.jsonl)
    "tr79",  # كلس: "lime" (gpe-towns has ولاية كلس)
    "tr80",  # عثمانية: "Ottoman (fem.)"
    "sa04",  # المنطقة الشرقية: generic
    "sa08",  # الحدود الشمالية: generic
    "bh13", "bh14", "bh17",  # العاصمة / جنوبية / شمالية
    "kwku", "joam",  # محافظة العاصمة
    "lbas", "lbja",  # الشمال / الجنوب
    "psdeb",  # الوسطى
    "psngz",  # شمال غزة: directional, annotated as غزة
    "syrd",  # ريف دمشق: ريف is a generic word per the guidelines
    "egba",  # البحر الأحمر: LOC
    "eggh", "egshr", "egbh", "egkn",  # الغربية / الشرقية / البحيرة / قنا
    "yeba", "yehj", "yeam", "yemr", "yera",  # البيضاء / حجة / عمران / المهرة / ريمة
    "omda", "omwu", "omza", "omsj", "omss",  # الداخلية / الوسطى / الظاهرة / ...الشرقية
    "qams", "qakh",
    "iqkr",  # Kurdistan Region: hand-curated forms in gpe-towns.jsonl
    "sa14",  # عسير: "difficult"
}
# Codes whose bare name is a common word: only the head-noun form (محافظة X / ولاية X) is kept.
SUBDIV_BARE_SKIP = {
    "yeib",  # إب folds to أب "father"
    "yeda",  # الضالع "implicated (in)"
    "yeab",  # أبين
    "kwha",  # حولي "around me"
    "jomn",  # معان "meanings"
    "eglx",  # الأقصر "the shortest"
    "egmt",  # مطروح "proposed"
    "tr14",  # بولو "polo"
}
# Prefix used to build the head-noun form "X <name>" (part of the name per the guidelines).
SUBDIV_HEAD = {"iq": "محافظة", "sy": "محافظة", "lb": "محافظة", "ps": "محافظة", "jo": "محافظة",
               "ir": "محافظة", "kw": "محافظة", "om": "محافظة", "ye": "محافظة", "eg": "محافظة",
               "tr": "ولاية", "ae": "إمارة"}
HEADS = ("محافظة ", "امارة ", "إمارة ", "ولاية ", "منطقة ", "بلدية ", "لواء ")
SUBDIV_ID_OVERRIDES = {
    "iqbb": "babil", "iqsd": "salahuddin", "iqqa": "qadisiyah", "iqkr": "kurdistan_region",
    "iqda": "duhok", "iqan": "anbar", "iqmu": "muthanna", "yesa": "sanaa", "yesn": "sanaa",
    "yead": "aden", "yesd": "saada", "yema": "marib", "jomn": "maan", "tr27": "gaziantep",
    "tr63": "sanliurfa", "tr46": "kahramanmaras", "tr31": "hatay", "aeaz": "abu_dhabi",
    "aerk": "ras_al_khaimah", "aeuq": "umm_al_quwain", "psrfh": "rafah", "pskys": "khan_yunis",
    "lbbh": "baalbek_hermel", "syqu": "quneitra", "sysu": "suwayda", "syha": "hasakah",
    "syra": "raqqa", "sydy": "deir_ez_zor", "qaza": "daayen", "qara": "rayyan",
    "qash": "shahaniya", "qawa": "wakrah",
}


def provinces(src, reserved, out):
    deb = os.path.join(src, "unicode-cldr-core_41-0.1_all.deb")
    base = "./usr/share/unicode/cldr/common/subdivisions/"
    ar_root = ET.fromstring(deb_member(deb, base + "ar.xml"))
    en_root = ET.fromstring(deb_member(deb, base + "en.xml"))
    en = {e.get("type"): e.text for e in en_root.iter("subdivision")}
    names = {}
    for e in ar_root.iter("subdivision"):
        code = e.get("type")
        if code[:2] in SUBDIV_COUNTRIES and code not in SUBDIV_SKIP and e.text:
            names.setdefault(code, []).append(("cldr-subdivisions", e.text))

    iso = json.loads(zip_member(os.path.join(src, "iso3166_2-1.8.4-py3-none-any.whl"),
                                "iso3166_2/iso3166-2.json"))
    for cc in SUBDIV_COUNTRIES:
        if cc in ("bh", "ir", "tr"):  # bh: Arabic names misaligned in 1.8.4; ir/tr: none
            continue
        for code, v in sorted(iso.get(cc.upper(), {}).items()):
            key = code.replace("-", "").lower()
            if key in SUBDIV_SKIP or key not in en:
                continue
            for m in re.findall(r"(?:^|, )([^,()]+?) \(ara\)", v.get("localOtherName") or ""):
                names.setdefault(key, []).append(("iso3166-2", m))

    for code in sorted(names):
        ident = SUBDIV_ID_OVERRIDES.get(code) or place_slug(en.get(code, code))
        cc = code[:2]
        for source, raw in names[code]:
            name = clean(raw)
            if " - " in name:
                name = name.replace(" - ", " ")
            bare = name
            for h in HEADS:
                if name.startswith(h):
                    bare = name[len(h):]
                    break
            if bare != name and not name.startswith(("منطقة ", "لواء ", "بلدية ")):
                out.add("GPE", name, ident + "_province", source)
            if code not in SUBDIV_BARE_SKIP:
                out.add("GPE", bare, ident, source)
            if cc in SUBDIV_HEAD:
                out.add("GPE", SUBDIV_HEAD[cc] + " " + bare, ident + "_province", source)


# --------------------------------------------------------------------------- nationality adjectives

# Hand supplement: press spellings and groups arwikicats does not list (masculine singular base).
NAT_EXTRA_BASES = ["أميركي", "امريكي", "اميركي", "عربي", "كردي", "كوردي", "فارسي", "إيزيدي",
                   "ايزيدي", "آشوري", "سرياني", "كلداني", "تركماني", "شيعي", "سني", "درزي",
                   "علوي", "صهيوني", "أوروبي", "اوروبي", "آسيوي", "أفريقي", "إفريقي", "خليجي",
                   "إسرائيلي", "اسرائيلي", "إيراني", "ايراني", "إماراتي", "اماراتي",
                   "أردني", "اردني", "أوكراني", "اوكراني", "ألماني", "الماني", "إيطالي",
                   "ايطالي", "إسباني", "اسباني", "أفغاني", "افغاني", "سوفييتي", "بيلاروسي",
                   "أذربيجاني", "أرميني", "باكستاني", "هندي", "كويتي", "قطري", "عماني", "بحريني",
                   "يمني", "سعودي", "سوري", "لبناني", "فلسطيني", "مصري", "ليبي", "تونسي",
                   "جزائري", "مغربي", "سوداني", "تركي", "روسي", "صيني", "ياباني", "كوري",
                   "بريطاني", "فرنسي", "عراقي", "أمريكي", "قبرصي", "يوناني", "هولندي", "نمساوي",
                   "بلجيكي", "سويدي", "نرويجي", "دنماركي", "فنلندي", "بولندي", "مجري", "تشيكي",
                   "روماني", "بلغاري", "صربي", "كرواتي", "ألباني", "جورجي", "كازاخستاني",
                   "أوزبكي", "طاجيكي", "تركمانستاني", "قرغيزي", "إندونيسي", "ماليزي",
                   "كندي", "أسترالي", "برازيلي", "أرجنتيني", "مكسيكي", "فنزويلي", "كوبي",
                   "إثيوبي", "صومالي", "إريتري", "جيبوتي", "موريتاني", "تشادي", "نيجيري"]
NAT_EXTRA_WORDS = ["العرب", "عرب", "الأكراد", "أكراد", "الكرد", "كرد", "الفرس", "الأتراك", "أتراك",
                   "الأمريكان", "الأميركان", "امريكان", "الروس", "الإيرانيون", "الإسرائيليون",
                   "الأجانب", "أجانب", "الغربيين", "الغربيون", "الأوروبيين", "الأوروبيون",
                   "الصهاينة", "صهاينة", "الشيعة", "السنة", "الدروز", "العلويين", "الإيزيديين",
                   "الإيزيديون", "الايزيديين", "المسيحيين", "المسيحيون", "التركمان"]
# Forms that are (also) entity names: never put them on the negative list.
NAT_KEEP_AS_ENTITY = {"السعودية"}
SUFFIXES = ["", "ة", "ون", "ين", "ات", "ان", "تان", "تين"]


def nationalities(src, reserved_main):
    data = json.loads(zip_member(os.path.join(src, "arwikicats-0.2.3-py3-none-any.whl"),
                                 "ArWikiCats/jsons/nationalities/nationalities_data.json"))
    words = set()
    bases = set(NAT_EXTRA_BASES)
    for key in sorted(data):
        rec = data[key]
        for f in ("male", "males", "female", "females", "the_male", "the_female"):
            w = clean(rec.get(f) or "")
            if w and " " not in w:
                words.add(w)
        m = clean(rec.get("male") or "")
        if m and " " not in m and m.endswith("ي"):
            bases.add(m)
        males = clean(rec.get("males") or "")
        if males and " " not in males:
            words.add("ال" + males if not males.startswith("ال") else males)
    for b in sorted(bases):
        for s in SUFFIXES:
            words.add(b + s)
    for w in list(words):
        if not w.startswith("ال"):
            words.add("ال" + w)
    words.update(NAT_EXTRA_WORDS)
    kept, dropped = [], []
    keep_fold = {fold(x) for x in NAT_KEEP_AS_ENTITY}
    for w in words:
        k = fold(w)
        if k in keep_fold or k in reserved_main:
            dropped.append(w)
        else:
            kept.append(w)
    # one line per folded form, stable order
    uniq = {}
    for w in sorted(kept):
        uniq.setdefault(fold(w), w)
    return sorted(uniq.values(), key=lambda w: (fold(w), w)), sorted(dropped)


# --------------------------------------------------------------------------- main


def load_reserved(pack):
    reserved, main = {}, {}
    for name in HAND_JSONL + ["ambiguous.jsonl"]:
        path = os.path.join(pack, name)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    reserved.setdefault(fold(r["pattern"]), name)
                    if name != "ambiguous.jsonl":
                        main.setdefault(fold(r["pattern"]), name)
    path = os.path.join(pack, "stop-single.txt")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                w = line.strip()
                if w and not w.startswith("#"):
                    reserved.setdefault(fold(w), "stop-single.txt")
    return reserved, main


def families(words):
    """The words as families, in their order: a word, then the suffixes of the words right
    after it that begin with it. One line per nationality (عراقي|ة|ون|ين) instead of eight
    reads better and costs the page's download a fifth of the bytes (the list is compiled in)."""
    out = []
    for w in words:
        if out and w.startswith(out[-1][0]):
            out[-1].append(w[len(out[-1][0]):])
        else:
            out.append([w])
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_pack = os.path.normpath(os.path.join(here, "..", "..", "crates", "rules", "data", "pack"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scratch", help="directory with the pinned registry downloads")
    ap.add_argument("--pack", default=default_pack)
    ap.add_argument("--report", action="store_true", help="list skipped generated patterns")
    args = ap.parse_args()

    for name, digest in PINNED.items():
        path = os.path.join(args.scratch, name)
        if not os.path.exists(path):
            sys.exit("missing %s (see the docstring for the download commands)" % path)
        got = sha256(path)
        if got != digest:
            sys.exit("sha256 mismatch for %s: %s" % (name, got))

    reserved, reserved_main = load_reserved(args.pack)

    c = countries(args.scratch, reserved)
    n = write_jsonl(os.path.join(args.pack, "gpe-countries.jsonl"), c.rows)
    print("gpe-countries.jsonl", n)

    # cities must not re-emit a country form (الكويت، البحرين، تونس …): reserve those too
    res2 = dict(reserved)
    for k in c.seen:
        res2.setdefault(k, "gpe-countries.jsonl")
    out = Out(res2, "cities")
    cities(args.scratch, res2, out)
    provinces(args.scratch, res2, out)
    n = write_jsonl(os.path.join(args.pack, "gpe-cities.jsonl"), out.rows)
    print("gpe-cities.jsonl", n)

    main_forms = dict(reserved_main)
    for k in list(c.seen) + list(out.seen):
        main_forms.setdefault(k, "generated")
    nat, dropped = nationalities(args.scratch, main_forms)
    with open(os.path.join(args.pack, "nationality-adjectives.txt"), "w", encoding="utf-8",
              newline="\n") as f:
        f.write("# Nationality / nisba adjectives and people nouns (NEGATIVE list; never entities).\n")
        f.write("# Generated by scripts/rules-data/extract.py from arwikicats 0.2.3 (MIT) plus a hand\n")
        f.write("# supplement; one form per folded spelling. Do not edit by hand.\n")
        f.write("# One family per line: `stem|suffix|…` stands for the stem and the stem with each suffix\n")
        f.write("# (`عراقي|ة|ون|ين` is عراقي عراقية عراقيون عراقيين).\n")
        for family in families(nat):
            f.write("|".join(family) + "\n")
    print("nationality-adjectives.txt", len(nat), "(dropped as entity names:", " ".join(dropped) + ")")

    if args.report:
        for pat, ident, why in sorted(c.skipped + out.skipped):
            print("skip", pat, ident, why, sep="\t")


if __name__ == "__main__":
    main()
