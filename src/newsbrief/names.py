"""Names: normalising surface forms and the reference data for known referents.

``clean_name`` / ``name_key`` turn a surface form into what is compared ("the Russian
Federation's" -> "Russian Federation" -> "russian federation"); ``same_person`` decides
whether two full names are spellings of one name; ``resolve_known`` maps a name to a country
(pycountry: names, official and common names, ISO codes, plus demonyms derived by suffix
rules) or an international organisation.  The tables below hold only what no package
carries: everyday short names ("Britain"), capitals that stand for their state when they act,
irregular demonyms and a few organisations.  :mod:`newsbrief.resolve` uses all of this.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

from newsbrief.lexicon import PERSON_TITLES, TITLES_STARTING_NAMES

# --- reference tables: only what pycountry does not carry --------------------------------

# Short names in everyday use that are not among pycountry's name / official / common names.
EXTRA_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "RUS": ("Russia",),
    "GBR": ("Britain", "Great Britain", "UK"),
    "USA": ("America",),
    "PRK": ("DPRK",),
    "KOR": ("ROK",),
    "CIV": ("Ivory Coast",),
    "MMR": ("Burma",),
    "TUR": ("Turkey",),
}
# Display names where pycountry's own name is not the one news uses.
DISPLAY_NAMES: dict[str, str] = {
    "RUS": "Russia",
    "GBR": "United Kingdom",
    "TUR": "Turkey",
    "CZE": "Czech Republic",
}
# Capitals that stand for their state when they act ("Moscow denied", "Beijing's envoy").
CAPITALS: dict[str, str] = {
    "Pyongyang": "PRK",
    "Moscow": "RUS",
    "Seoul": "KOR",
    "Washington": "USA",
    "Kyiv": "UKR",
    "Kiev": "UKR",
    "Beijing": "CHN",
    "London": "GBR",
    "Paris": "FRA",
    "Berlin": "DEU",
    "Tokyo": "JPN",
    "Tehran": "IRN",
    "Ankara": "TUR",
    "New Delhi": "IND",
    "Taipei": "TWN",
    "Damascus": "SYR",
    "Minsk": "BLR",
    "Warsaw": "POL",
    "Ottawa": "CAN",
    "Canberra": "AUS",
}
# Demonyms the suffix rules of _demonym_candidates cannot derive.
IRREGULAR_DEMONYMS: dict[str, str] = {
    "British": "GBR",
    "French": "FRA",
    "Dutch": "NLD",
    "Swiss": "CHE",
    "Greek": "GRC",
    "Turkish": "TUR",
    "Polish": "POL",
    "Spanish": "ESP",
    "Swedish": "SWE",
    "Danish": "DNK",
    "Finnish": "FIN",
    "Irish": "IRL",
    "Filipino": "PHL",
    "Thai": "THA",
    "American": "USA",
    "Emirati": "ARE",
    "Saudi": "SAU",
    "Czech": "CZE",
    "Norwegian": "NOR",
    "Portuguese": "PRT",
    "Lebanese": "LBN",
    "Afghan": "AFG",
    "Kazakh": "KAZ",
    "Uzbek": "UZB",
    "Belarusian": "BLR",
}
# International organisations: display name -> aliases.
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "United Nations": ("UN", "U.N.", "United Nations"),
    "UN Security Council": (
        "UNSC",
        "UN Security Council",
        "U.N. Security Council",
        "United Nations Security Council",
        "Security Council",
    ),
    "UN General Assembly": (
        "UNGA",
        "UN General Assembly",
        "U.N. General Assembly",
        "United Nations General Assembly",
    ),
    "European Union": ("EU", "E.U.", "European Union"),
    "NATO": ("NATO", "Nato", "North Atlantic Treaty Organization"),
    "International Atomic Energy Agency": ("IAEA", "International Atomic Energy Agency"),
    "International Criminal Court": ("ICC", "International Criminal Court"),
}
# Titles dropped before a name ("Mr Hwang" -> "Hwang"); "General Motors" keeps its first word.
TITLES = PERSON_TITLES - TITLES_STARTING_NAMES
# Lower-case words that belong inside names ("Bank of America", "Charles de Gaulle").
NAME_JOINERS = frozenset(
    [
        "of",
        "the",
        "and",
        "&",
        "de",
        "del",
        "da",
        "di",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "du",
        "for",
        "al",
        "bin",
        "ibn",
        "y",
    ]
)
# Legal-form words dropped when comparing organisation names ("Chrysler LLC" = "Chrysler").
CORPORATE_SUFFIXES = frozenset(
    [
        "inc",
        "corp",
        "corporation",
        "co",
        "company",
        "llc",
        "plc",
        "ltd",
        "limited",
        "group",
        "spa",
        "nv",
        "ag",
        "sa",
        "se",
        "holdings",
        "gmbh",
        "the",
    ]
)
# --- names -------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)  # pure, and asked again for the same texts while a brief is built
def clean_name(text: str) -> str:
    """A surface form without "the", possessive "'s", titles, descriptions and punctuation.

    "European airframer Airbus" -> "Airbus", "General Motors (GM" -> "General Motors".
    """
    name = re.sub(r"\s*\([^)]*\)?\s*$", "", " ".join(text.replace("\u2019", "'").split())) if text else ""
    stripped = name.strip(" \"'“”‘,.;:()[]")
    if name.rstrip().endswith(".") and re.search(r"\b[A-Z]\.[A-Z]\.$", name.strip()):
        stripped += "."  # keep the final dot of "U.S." / "U.N."
    name = re.sub(r"^(?:the|The)\s+", "", stripped)
    name = re.sub(r"'s?$", "", name).strip()
    parts = name.split()
    lower = [i for i, w in enumerate(parts) if w[:1].islower() and w.lower() not in NAME_JOINERS]
    if lower and lower[-1] < len(parts) - 1:
        parts = [w.strip(",") for w in parts[lower[-1] + 1 :]]
    # Titles go ("Mr Hwang" -> "Hwang"); words that also start names stay ("General Motors").
    while len(parts) > 1 and parts[0].lower().rstrip(".") in TITLES and parts[1][:1].isupper():
        parts = parts[1:]
    return " ".join(parts)


@lru_cache(maxsize=1 << 16)  # pure, and asked again for the same texts while a brief is built
def name_key(text: str) -> str:
    """A comparison key: no accents, lower case, no dots, hyphens or apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    plain = re.sub(r"[.'’‘`]", "", plain)
    plain = re.sub(r"[-‐‑–—]", "", plain)
    plain = re.sub(r"[^\w\s]", " ", plain)
    return " ".join(plain.split())


# Generation suffixes after a name ("Donald Trump Jr", "Martin Luther King III"), as name keys write them
GENERATION_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def same_person(a: str, b: str) -> bool:
    """Whether two full names (keys of 2+ parts) are spellings of one name.

    Every name part must match its counterpart (Jaro-Winkler >= 0.85, in order or, for two
    parts, swapped), or the names must be equal once spaces are removed ("Kim Jong Un" =
    "Kim Jong-Un").  A middle name may be missing on one side.
    """
    ta, tb = a.split(), b.split()
    if "".join(ta) == "".join(tb):
        return True
    if ta[-1:] == tb[-1:] and ta[-1] in GENERATION_SUFFIXES and min(len(ta), len(tb)) >= 2:
        # "Trump Jr" / "Donald Trump Jr": a surname with the same suffix names the one son
        ta, tb = ta[:-1], tb[:-1]
        short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
        if len(short) == 1:
            return JaroWinkler.similarity(short[0], long_[-1]) >= 0.85
    elif (ta[-1] in GENERATION_SUFFIXES) != (tb[-1] in GENERATION_SUFFIXES):
        return False  # "Donald Trump" / "Donald Trump Jr": father and son
    if len(ta) < 2 or len(tb) < 2:
        return False

    def parts_match(xs: list[str], ys: list[str]) -> bool:
        return all(JaroWinkler.similarity(x, y) >= 0.85 for x, y in zip(xs, ys, strict=True))

    if len(ta) == len(tb):
        return parts_match(ta, tb) or (len(ta) == 2 and parts_match(ta, tb[::-1]))
    short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    if len(long_) - len(short) == 1 and len(short) >= 2:
        return parts_match([short[0], short[-1]], [long_[0], long_[-1]]) and (
            len(short) == 2 or parts_match(short[1:-1], long_[1:-2])
        )
    return False


def family_surname(text: str, start: int, word: str) -> str | None:
    """The surname a family is named by ("the Bidens" -> "Biden", "the Joneses" -> "Jones") for a
    capitalised plural ``word`` at ``start`` of ``text`` right after "the"; None otherwise.
    Whether that surname is a person's, the caller knows (a plural after "the" is often a
    place or a team: "the Netherlands", "the Sixers")."""
    if not (word[:1].isupper() and word.endswith("s") and len(word) > 3 and " " not in word):
        return None
    if text[max(0, start - 4) : start].lower() != "the ":
        return None
    if word.endswith("es") and word[:-2].endswith(("s", "sh", "ch", "x", "z")):
        return word[:-2]
    return word[:-1]


_ROLE_HEADS = frozenset(
    ["spokesperson", "spokesman", "spokeswoman", "spokespeople", "official", "officials", "source", "sources", "aide", "aides", "representative", "representatives", "statement", "report", "data", "presentation", "study", "survey", "analysis", "document", "letter", "filing", "police", "officers", "authorities", "ministry", "department", "agency", "office", "team", "staff", "lawyer", "lawyers", "attorney", "attorneys", "executive", "executives", "analyst", "analysts", "expert", "experts", "researchers", "spokes", "officer", "person", "people", "group", "company", "government", "administration", "campaign", "witness", "witnesses", "residents", "sources"]
)
# Words that never name a person, even capitalised at a sentence start.
_NOT_A_NAME = re.compile(
    r"^(?:the|a|an|this|that|these|those|its|his|her|their|our|one|some|another|several|many)\b"
    r"|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)


def is_role_phrase(speaker: str) -> bool:
    """Whether a speaker is a description, not a name: "the company's spokesperson", "WeWork
    spokesperson", "October 11 presentation", "data".

    Two role phrases never disagree about who said something: "a WeWork spokesperson" and "the
    company spokesperson" may well be one person.  A name ends in a capitalised word
    ("Robert Wood", "Kim Jong Un"); a description ends in a lowercase head noun or a role word.
    """
    words = speaker.strip().split()
    if not words:
        return True
    head = words[-1].strip(".,;:'’\"")
    return (
        not head[:1].isupper()
        or head.lower() in _ROLE_HEADS
        or bool(_NOT_A_NAME.search(speaker))
        or any(ch.isdigit() for ch in speaker)
    )


@dataclass(frozen=True)
class Referent:
    """A known real-world referent from the reference tables (a country or organisation)."""

    key: str  # "country:PRK", "org:United Nations"
    name: str
    label: str


@dataclass(frozen=True)
class Reference:
    names: dict[str, Referent]  # name_key -> referent
    codes: dict[str, Referent]  # upper-case ISO code -> referent
    capitals: dict[str, Referent]
    demonyms: dict[str, Referent]


@lru_cache(maxsize=1)
def reference() -> Reference:
    import pycountry

    names: dict[str, Referent] = {}
    codes: dict[str, Referent] = {}
    heads = Counter(c.name.split(", ")[0] for c in pycountry.countries if ", " in c.name)
    heads.update(c.name for c in pycountry.countries)
    by_code: dict[str, Referent] = {}
    for country in pycountry.countries:
        head = country.name.split(", ")[0]
        common = getattr(country, "common_name", None)
        display = (
            DISPLAY_NAMES.get(country.alpha_3)
            or common
            or (head if ", " in country.name and heads[head] == 1 else country.name)
        )
        referent = Referent(f"country:{country.alpha_3}", display, "GPE")
        by_code[country.alpha_3] = referent
        forms = {
            country.name,
            getattr(country, "official_name", None) or country.name,
            common or country.name,
        }
        if ", " in country.name:
            tail = country.name.split(", ", 1)[1]
            forms.add(f"{tail} {head}")
            if heads[head] == 1:
                forms.add(head)
        forms.update(EXTRA_COUNTRY_NAMES.get(country.alpha_3, ()))
        for form in forms:
            names.setdefault(name_key(form), referent)
        codes[country.alpha_2] = codes[country.alpha_3] = referent
    for display, aliases in ORGANISATIONS.items():
        referent = Referent(f"org:{display}", display, "ORG")
        for alias in aliases:
            names[name_key(alias)] = referent
    capitals = {name_key(city): by_code[code] for city, code in CAPITALS.items()}
    demonyms = {name_key(word): by_code[code] for word, code in IRREGULAR_DEMONYMS.items()}
    return Reference(names, codes, capitals, demonyms)


def _demonym_candidates(key: str) -> list[str]:
    """Country names a demonym may come from: Russian -> Russia, Ukrainian -> Ukraine, ..."""
    out = []
    if key.endswith("ian"):
        stem = key[:-3]
        out += [stem + "e", stem + "a", stem, stem + "y"]
    if key.endswith("ese"):
        stem = key[:-3]
        out += [stem, stem + "a"]
    if key.endswith("an"):
        out += [key[:-2] + "o", key[:-2] + "a"]
    if key.endswith("n"):
        out.append(key[:-1])
    if key.endswith("i"):
        out.append(key[:-1])
    out.append(key + "y")
    return out


def resolve_known(clean: str, label: str) -> Referent | None:
    """The country or organisation a surface form names outright, if any (not capitals)."""
    ref = reference()
    key = name_key(clean)
    if label == "PERSON" and " " in key:
        return None
    if key in ref.names:
        return ref.names[key]
    letters = clean.replace(".", "")
    if letters.isupper() and letters.isalpha() and 2 <= len(letters) <= 3 and label != "PERSON":
        return ref.codes.get(letters)
    if label == "NORP" or (label != "PERSON" and clean[:1].isupper() and " " not in key):
        if key in ref.demonyms:
            return ref.demonyms[key]
        for candidate in _demonym_candidates(key):
            if candidate in ref.names and ref.names[candidate].key.startswith("country:"):
                return ref.names[candidate]
    return None


def capital_referent(clean: str) -> Referent | None:
    return reference().capitals.get(name_key(clean))


def _place_key(text: str) -> str:
    return name_key(text).replace("ı", "i")  # Turkish dotless i has no decomposition: "Kırşehir"


@lru_cache(maxsize=1)
def _known_places() -> frozenset[str]:
    import pycountry

    names = {_place_key(s.name) for s in pycountry.subdivisions}
    names.update(_place_key(c) for c in CAPITALS)
    names.update(k for k, r in reference().names.items() if r.key.startswith("country:"))
    return frozenset(n for n in names if n)


def known_place(word: str) -> bool:
    """Whether a one-word name is a country, a capital or a province/state (pycountry's ISO 3166-2
    subdivisions: "Düzce", "Kocaeli", "Bavaria"), accents and case aside."""
    return _place_key(word) in _known_places()
