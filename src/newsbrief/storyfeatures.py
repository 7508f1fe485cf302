"""Story clustering features: what :mod:`newsbrief.stories` knows about one article.

A MiniLM embedding of the title and lead, hashed TF of the text (no vocabulary to fit, so
nothing is refitted as articles arrive), normalised entity keys with counts (from the stored
entities layer, or spaCy NER on the lead), day-granularity dates from the times layer, and the
lead's event day ("on Friday").
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from newsbrief.analyse.timenorm import iso_day
from newsbrief.models import Article, Entity, TimeMention

if TYPE_CHECKING:
    import numpy as np

# DISEASE: a story's disease was an ORG before entities 7 ("COVID-19"), and groups stories as it did
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DISEASE"})
HASH_FEATURES = 2**20
LEAD_CHARS = 600  # title + roughly the first three sentences feed the embedding
TERM_CHARS = 6000  # TF terms come from the first few thousand characters
LEAD_DAY_CHARS = 800
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_LEAD_DAY = re.compile(r"\b[Oo]n (" + "|".join(WEEKDAYS) + r")\b")


@dataclass
class ArticleFeatures:
    """What clustering needs to know about one article (built by :func:`build_features`)."""

    article_id: str
    date: str | None  # publication date YYYY-MM-DD
    embedding: np.ndarray  # L2-normalised MiniLM vector of the title and lead
    terms: dict[int, float]  # hashed term -> sublinear TF
    entities: dict[str, float]  # normalised entity key -> sublinear count
    names: dict[str, str]  # entity key -> surface form, for display
    event_dates: tuple[str, ...] = ()  # day-granularity dates the text mentions
    lead_day: str | None = None  # the lead's "on Friday": a date, or a weekday name when undated
    title: str = ""
    outlet: str | None = None
    duplicate_of: str | None = None
    weighted: bool = False  # terms/entities already turned into unit TF-IDF vectors


# -- features -----------------------------------------------------------------------------

_TOKEN = re.compile(r"(?u)\b[^\W\d_][\w'-]+\b")


@functools.cache
def _stop_words() -> frozenset[str]:
    """scikit-learn's English stop words (imported on first use: listing stories needs no sklearn)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def hashed_terms(text: str) -> dict[int, float]:
    """Sublinear TF of the text's content words and word bigrams, hashed (no vocabulary to fit)."""
    stop = _stop_words()
    words = [w for w in (t.lower() for t in _TOKEN.findall(text[:TERM_CHARS])) if w not in stop and len(w) > 2]
    counts = Counter(words)
    counts.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return {_hash(term): 1.0 + math.log(n) for term, n in counts.items()}


def _hash(term: str) -> int:
    return int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little") % HASH_FEATURES


def entity_key(text: str, label: str) -> str:
    """One key for the spellings of one name: lower case, no article, dots or possessive;
    people by surname, so "Robert Wood" and "Wood" meet."""
    key = text.lower().replace("’", "'").strip()
    key = re.sub(r"'s$", "", key)
    key = re.sub(r"^the\s+", "", key)
    key = key.replace(".", "")
    key = re.sub(r"\s+", " ", key).strip(" -'\"")
    if label == "PERSON" and " " in key:
        key = key.rsplit(" ", 1)[1]
    return key


def lead_text(article: Article) -> str:
    """The title and roughly the first three sentences: what the embedding sees."""
    body = article.text.strip()
    cut = body[:LEAD_CHARS]
    end = max(cut.rfind(". "), cut.rfind(".\n"))
    if end > LEAD_CHARS // 2:
        cut = cut[: end + 1]
    return f"{article.title}. {cut}" if article.title else cut


def _entity_features(entities: Iterable[tuple[str, str]]) -> tuple[dict[str, float], dict[str, str]]:
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for text, label in entities:
        if label not in ENTITY_LABELS:
            continue
        key = entity_key(text, label)
        if len(key) < 2:
            continue
        counts[key] += 1
        names.setdefault(key, text.strip())
    return {k: 1.0 + math.log(n) for k, n in counts.items()}, names


def spacy_entities(texts: Sequence[str]) -> list[list[tuple[str, str]]]:
    """(text, label) of the named entities of each text, by spaCy NER alone (no parser)."""
    from newsbrief.analyse.nlp import nlp

    model = nlp()
    disable = [p for p in model.pipe_names if p not in ("tok2vec", "ner")]
    return [
        [(e.text, e.label_) for e in doc.ents]
        for doc in model.pipe(texts, disable=disable, batch_size=32)
    ]


def build_features(
    articles: Sequence[Article],
    entities: Sequence[Sequence[Entity] | None] | None = None,
    times: Sequence[Sequence[TimeMention] | None] | None = None,
    ner_chars: int = 2000,
) -> list[ArticleFeatures]:
    """Clustering features for each article.

    ``entities``/``times`` are the stored analysis layers when available (one list, or None,
    per article); an article without an entities layer gets spaCy NER on its first
    ``ner_chars`` characters, which is what the benchmark uses.  An article in a language the
    models do not fit gets no entities, dates or embedding (a zero vector): it is never joined
    to a story or linked by what the English models read into it, only its copies join it.
    """
    import numpy as np

    from newsbrief.analyse.nlp import model_fits
    from newsbrief.embed import embed

    fits = [model_fits(a) for a in articles]
    vectors = np.array(embed([lead_text(a) for a in articles]), copy=True)
    vectors[[i for i, ok in enumerate(fits) if not ok]] = 0
    entity_lists: list[list[tuple[str, str]] | None] = [
        ([(e.text, e.label) for e in layer] if layer is not None else None) if ok else []
        for layer, ok in zip(entities or [None] * len(articles), fits, strict=True)
    ]
    missing = [i for i, layer in enumerate(entity_lists) if layer is None]
    if missing:
        found = spacy_entities([f"{articles[i].title or ''}\n{articles[i].text[:ner_chars]}" for i in missing])
        for i, layer in zip(missing, found, strict=True):
            entity_lists[i] = layer
    result = []
    for i, article in enumerate(articles):
        ents, names = _entity_features(entity_lists[i] or [])
        mentions = (times[i] if times is not None and fits[i] else None) or []
        days = sorted({t.value for t in mentions if t.value and t.granularity == "day" and len(t.value) == 10})
        result.append(
            ArticleFeatures(
                article_id=article.id,
                date=_valid_day(article.published_date),
                embedding=vectors[i],
                terms=hashed_terms(f"{article.title or ''}\n{article.text}"),
                entities=ents,
                names=names,
                event_dates=tuple(days),
                lead_day=lead_day(article),
                title=article.title or _first_sentence(article.text),
                outlet=article.outlet,
                duplicate_of=article.duplicate_of,
            )
        )
    return result


def lead_day(article: Article) -> str | None:
    """The day the lead says the event happened ("... on Friday"): news leads date their event.

    Resolved against the publication date (the same weekday is the same day, the news
    convention), else kept as the weekday name.
    """
    match = _LEAD_DAY.search(article.text[:LEAD_DAY_CHARS])
    if match is None:
        return None
    weekday = match.group(1)
    day = _valid_day(article.published_date)
    if day is None:
        return weekday
    published = date.fromisoformat(day)
    back = (published.weekday() - WEEKDAYS.index(weekday)) % 7
    return date.fromordinal(published.toordinal() - back).isoformat()


def same_day(a: str, b: str) -> bool:
    """Do two lead days (dates or weekday names) name the same day?"""
    if a[0].isdigit() and b[0].isdigit():
        return days_between(a, b) <= 1
    return _weekday(a) == _weekday(b)


def _weekday(day: str) -> str:
    return WEEKDAYS[date.fromisoformat(day).weekday()] if day[0].isdigit() else day


def _valid_day(day: str | None) -> str | None:
    """The date if it is a real calendar day, else None (so bad metadata cannot break ordering)."""
    valid = iso_day(day)
    return valid.isoformat() if valid else None


def _first_sentence(text: str) -> str:
    text = text.strip()
    match = re.search(r"[.!?](\s|$)", text[:300])
    return text[: match.end()].strip() if match else text[:120].strip()


def days_between(a: str, b: str) -> int:
    """Whole days between two ISO dates."""
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def stream_order(features: Sequence[ArticleFeatures]) -> list[ArticleFeatures]:
    """Publication order: dated articles by date (stable), then undated ones in input order."""
    dated = sorted((f for f in features if f.date), key=lambda f: f.date or "")
    return dated + [f for f in features if not f.date]
