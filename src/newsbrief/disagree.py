"""Typed disagreements between the articles of one story.

Each finder compares claims of *different, independent* articles (a syndicated copy never
disagrees with its original) that talk about the same thing -- the same fact group, or
claims whose embeddings are close -- and reports every version with its citations:

* ``count_mismatch`` / ``number_mismatch``: the same counted thing (same head noun, or both
  counting parties such as states / ministers / countries) with counts that cannot both be
  true.  "N other Xs" counts N + 1 (the one they are "other" to), and "A and N other Xs
  joined B" adds B, so "the US and six other nations joined Ukraine" (8) agrees with "a
  statement issued by eight countries".  Counts whose sizes differ by more than
  ``MAX_COUNT_RATIO`` are taken to count different things (8 countries at the Council vs 47
  states in another statement), not to disagree.  Vague counts are ranges ("more than 560").
  ``number_mismatch`` is the same for measured numbers with one unit ("460 km" / "480 km").
* ``date_mismatch``: two versions of one fact, each dating it to a different single day.
* ``speaker_mismatch``: near-identical quote text attributed to different canonical speakers.
* ``denial`` / ``unconfirmed``: a claim with a denial cue ("denied", "dismissed", "rejected
  the accusations") or a non-confirmation cue ("cannot confirm", "no proof", "no evidence")
  whose proposition (the words after the cue) matches other claims that assert it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from rapidfuzz import fuzz, process

from newsbrief.facts import FactGrouping, outlet_of
from newsbrief.models import Article, Citation, Claim, Disagreement, DisagreementVersion

if TYPE_CHECKING:
    from newsbrief.analyse import Analysis

COUNT_SIMILAR = 0.5  # claims this close (cosine) may count the same thing
DATE_SIMILAR = 0.75  # claims this close (or in one fact) may date the same event
AFFIRM_SIMILAR = 0.5  # a proposition this close to a claim is asserted by it
MAX_COUNT_RATIO = 1.5
QUOTE_SIMILAR = 88  # rapidfuzz ratio (0-100) for "the same quote"
MAX_CITATIONS = 6

PARTY_NOUNS = frozenset(
    [
        "state",
        "nation",
        "country",
        "minister",
        "leader",
        "member",
        "government",
        "delegation",
        "signatory",
        "ally",
        "partner",
        "representative",
        "envoy",
        "ambassador",
    ]
)
_AT_LEAST = ("more than", "over", "at least", "above", "upwards of", "in excess of", "nearly all")
_AT_MOST = ("almost", "nearly", "under", "less than", "fewer than", "up to", "at most", "below")
_ABOUT = ("about", "around", "roughly", "approximately", "some", "an estimated", "estimated", "several")

_UNCONFIRMED = re.compile(
    r"\b(?:can ?not|can't|could not|couldn't|unable to|not able to|did not|has not|have not)\s+"
    r"(?:independently\s+|yet\s+|immediately\s+)?(?:be\s+)?(?:confirm|verify|corroborate)(?:ed)?\b"
    r"|\b(?:has|have|had|with|found)\s+no\s+(?:proof|evidence)\b|\bno\s+(?:proof|evidence)\s+(?:of|that)\b"
    r"|\bnot\s+(?:been\s+)?(?:independently\s+)?(?:confirmed|verified)\b|\bunconfirmed\b",
    re.I,
)
_DENIAL = re.compile(
    r"\b(?:denied|denies|deny|denying|dismissed|dismisses|rejected|rejects|refuted|refutes)\b"
    r"|\b(?:is|was|are|were)\s+(?:not\s+true|untrue|false)\b",
    re.I,
)
_CLAUSE_END = re.compile(
    r"\s+but\s+|;|\s+while\s+|,\s+(?:citing|saying|adding|while|and)\b|\s+and\s+(?=[a-z]+ed\b)"
)
_OBJECT_START = re.compile(
    r"^(?:[a-z]+ing\b|(?:the|these|those|any|all|such)\b|(?:allegations|accusations|claims|reports|charges)\b)"
)
_AUXILIARIES = re.compile(
    r"(?:\s+(?:have|has|had|previously|also|repeatedly|strongly|flatly|both|again|long))+$", re.I
)
_ANAPHORIC = re.compile(
    r"^(?:these|those|such|the|this|that)\s+(?:allegations?|accusations?|claims?|charges?|reports?)\b(?!\s+(?:of|that|about)\b)",
    re.I,
)
_LEAD_IN = re.compile(
    r"^(?:that|the\s+(?:claims?|reports?|information|allegations?)\s+(?:that|about|of)?)\s+", re.I
)


def find_disagreements(
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    grouping: FactGrouping,
    canonical: Callable[[str], str],
    render: Callable[[str, int, int], str] | None = None,
) -> list[Disagreement]:
    """Every typed disagreement among the claims and quotes of one story.

    ``canonical`` maps a speaker name to its canonical name; ``render(article_id, start,
    end)`` gives a span's text with entity mentions replaced by canonical names ("Moscow and
    Pyongyang denied" -> "Russia and North Korea denied"), which makes propositions easier to
    match with the claims that assert them.
    """
    context = _Context(articles, grouping, render or (lambda aid, s, e: _slice(articles, aid, s, e)))
    found = count_mismatches(context, analyses)
    found += date_mismatches(context, analyses)
    found += speaker_mismatches(context, analyses, canonical)
    found += denials(context)
    return found


def _slice(articles: Sequence[Article], article_id: str, start: int, end: int) -> str:
    return next(a.text[start:end] for a in articles if a.id == article_id)


@dataclass
class _Context:
    articles: Sequence[Article]
    grouping: FactGrouping
    render: Callable[[str, int, int], str]

    def __post_init__(self) -> None:
        self.by_id = {a.id: a for a in self.articles}
        self.fact_of = self.grouping.fact_index()

    def independent(self, a: str, b: str) -> bool:
        """Whether two articles are separate reports (not one article, not copies of one)."""
        x, y = self.by_id[a], self.by_id[b]
        return (
            a != b
            and (x.duplicate_of or x.id) != (y.duplicate_of or y.id)
            and x.content_hash != y.content_hash
        )

    def similarity(self, i: int, j: int) -> float:
        vectors = self.grouping.vectors
        return float(vectors[i] @ vectors[j])

    def cite(self, claim: Claim) -> Citation:
        return Citation(claim.article_id, claim.outlet, claim.start, claim.end, claim.text)


def _topic(text: str, words: int = 12) -> str:
    parts = text.split()
    short = " ".join(parts[:words])
    return short.rstrip(" ,;:.") + ("…" if len(parts) > words else "")


# --- counts and numbers --------------------------------------------------------------------


@dataclass(frozen=True)
class _Count:
    claim: int
    quantity: Any
    head: str
    total: float
    low: float
    high: float
    context: str  # the claim from the number on: what the counted things did


def _head(counted: str) -> str:
    word = counted.split()[-1].lower() if counted.split() else ""
    for suffix, repl in (("ies", "y"), ("ses", "s"), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    return word


def _count_of(text: str, quantity: Any, claim: int) -> _Count | None:
    """A count ("47 states") or a measured number ("460 km": head "unit:km"), or None."""
    counted = getattr(quantity, "counted", None)
    unit = getattr(quantity, "unit", None)
    if not (counted or unit) or (not unit and quantity.value < 2):
        return None
    total = float(quantity.value)
    after_number = text[quantity.start : quantity.start + 40]
    if counted and not unit and re.match(r"^[\w,.-]+\s+other\b", after_number):
        total += 1  # "48 other ministers" are 48 besides the one named
        noun_at = text.find(counted, quantity.start)
        rest = text[noun_at + len(counted) : noun_at + len(counted) + 40] if noun_at >= 0 else ""
        before = text[max(0, quantity.start - 40) : quantity.start]
        if re.search(r"\band\s+$", before) and re.match(
            r"^\s+(?:have\s+|has\s+)?joined\s+(?:the\s+)?[A-Z]", rest
        ):
            total += 1  # "A and N other Xs joined B": B takes part too
    low = high = total
    modifier = (getattr(quantity, "modifier", None) or "").lower()
    if getattr(quantity, "value_max", None):
        high = float(quantity.value_max) + (total - quantity.value)
    if modifier in _AT_LEAST:
        high = math.inf
    elif modifier in _AT_MOST:
        low = 0.0
    elif modifier in _ABOUT:
        low, high = 0.85 * low, 1.15 * high
    end = text.find("\n", quantity.start)
    context = text[quantity.start : end if end > 0 else None][:300]
    head = f"unit:{unit}" if unit else _head(str(counted))
    return _Count(claim, quantity, head, total, low, high, context)


def _comparable(a: _Count, b: _Count) -> bool:
    if a.head != b.head and not (a.head in PARTY_NOUNS and b.head in PARTY_NOUNS):
        return False
    if a.high < b.low or b.high < a.low:
        return max(a.total, b.total) / max(1.0, min(a.total, b.total)) <= MAX_COUNT_RATIO
    return False


def count_mismatches(context: _Context, analyses: Sequence[Analysis]) -> list[Disagreement]:
    claims = context.grouping.claims
    counts: list[_Count] = []
    quantities = {an.article.id: an.layers.get("quantities", []) for an in analyses}
    for i, claim in enumerate(claims):
        text = context.by_id[claim.article_id].text
        for quantity in quantities.get(claim.article_id, []):
            if claim.start <= quantity.start and quantity.end <= claim.end:
                count = _count_of(text, quantity, i)
                if count:
                    counts.append(count)
    if not counts:
        return []
    from newsbrief.embed import embed

    # The whole claim can be about something else ("Blinken, the Secretary of State, joined 48
    # other ministers in ..."): compare what the counted things did, from the number on.
    contexts = embed([c.context for c in counts])
    buckets: dict[str, list[int]] = {}  # only counts of comparable things are compared
    for x, count in enumerate(counts):
        buckets.setdefault("party" if count.head in PARTY_NOUNS else count.head, []).append(x)
    pairs: list[tuple[_Count, _Count]] = []
    for x, y in (
        (x, y) for bucket in buckets.values() for n, x in enumerate(bucket) for y in bucket[n + 1 :]
    ):
        a, b = counts[x], counts[y]
        if not context.independent(claims[a.claim].article_id, claims[b.claim].article_id) or not _comparable(
            a, b
        ):
            continue
        if (
            context.fact_of[a.claim] == context.fact_of[b.claim]
            or context.similarity(a.claim, b.claim) >= COUNT_SIMILAR
            or float(contexts[x] @ contexts[y]) >= COUNT_SIMILAR
        ):
            pairs.append((a, b))
    found = []
    for component in _components(pairs):
        by_value: dict[float, list[_Count]] = {}
        for count in component:
            by_value.setdefault(count.total, []).append(count)
        versions = tuple(
            DisagreementVersion(
                claims[group[0].claim].text,
                tuple(dict.fromkeys(context.cite(claims[c.claim]) for c in group))[:MAX_CITATIONS],
                _number(group[0].quantity.value),
            )
            for _, group in sorted(by_value.items())
        )
        measured = component[0].head.startswith("unit:")
        heads = dict.fromkeys(c.quantity.counted or c.quantity.unit for c in component)
        found.append(
            Disagreement("number_mismatch" if measured else "count_mismatch", " / ".join(heads), versions)
        )
    return found


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _components(pairs: list[tuple[_Count, _Count]]) -> list[list[_Count]]:
    """Connected components of the pairs (counts in first-seen order)."""
    comps: list[list[_Count]] = []
    for a, b in pairs:
        hit = [c for c in comps if a in c or b in c]
        merged = [x for c in hit for x in c]
        for x in (a, b):
            if x not in merged:
                merged.append(x)
        comps = [c for c in comps if c not in hit] + [merged]
    return comps


# --- dates ---------------------------------------------------------------------------------


def date_mismatches(context: _Context, analyses: Sequence[Analysis]) -> list[Disagreement]:
    claims = context.grouping.claims
    times = {an.article.id: an.layers.get("times", []) for an in analyses}
    day_of: dict[int, str] = {}
    for i, claim in enumerate(claims):
        days = {
            t.value
            for t in times.get(claim.article_id, [])
            if claim.start <= t.start
            and t.end <= claim.end
            and t.value
            and t.granularity == "day"
            and getattr(t, "kind", "date") == "date"
        }
        if len(days) == 1:
            day_of[i] = days.pop()
    found = []
    done: set[int] = set()
    dated = sorted(day_of)
    vectors = context.grouping.vectors[dated]
    for x, i in enumerate(dated):
        if i in done:
            continue
        versions: dict[str, list[int]] = {day_of[i]: [i]}
        close = (vectors[x + 1 :] @ vectors[x]) >= DATE_SIMILAR
        for y, j in enumerate(dated[x + 1 :]):
            if j in done or not context.independent(claims[i].article_id, claims[j].article_id):
                continue
            if close[y] or context.fact_of[i] == context.fact_of[j]:
                versions.setdefault(day_of[j], []).append(j)
        if len(versions) < 2:
            continue
        members = [k for ks in versions.values() for k in ks]
        done.update(members)
        found.append(
            Disagreement(
                "date_mismatch",
                _topic(context.grouping.facts[context.fact_of[i]].text),
                tuple(
                    DisagreementVersion(claims[ks[0]].text, tuple(context.cite(claims[k]) for k in ks), day)
                    for day, ks in sorted(versions.items())
                ),
            )
        )
    return found


# --- quotes --------------------------------------------------------------------------------


def _quote_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def speaker_mismatches(
    context: _Context, analyses: Sequence[Analysis], canonical: Callable[[str], str]
) -> list[Disagreement]:
    quotes = [
        (an.article, q, canonical(q.speaker), _quote_key(q.text))
        for an in analyses
        for q in an.layers.get("quotes", [])
        if q.speaker and q.kind in ("direct", "partial") and len(q.text) >= 20
    ]
    found: list[Disagreement] = []
    if not quotes:
        return found
    # All pairwise similarities at once (rapidfuzz in C); cells below the cut-off are 0.
    similar = process.cdist(
        [q[3] for q in quotes],
        [q[3] for q in quotes],
        scorer=fuzz.ratio,
        score_cutoff=QUOTE_SIMILAR,
        dtype=np.uint8,
    )
    used: set[int] = set()
    for x, (article, quote, speaker, _) in enumerate(quotes):
        if x in used:
            continue
        versions: dict[str, list[tuple[Article, Any]]] = {speaker: [(article, quote)]}
        for y in np.nonzero(similar[x])[0].tolist():
            other_article, other, other_speaker, _ = quotes[y]
            if y > x and y not in used and context.independent(article.id, other_article.id):
                versions.setdefault(other_speaker, []).append((other_article, other))
                used.add(y)
        if len(versions) > 1:
            found.append(
                Disagreement(
                    "speaker_mismatch",
                    _topic(quote.text),
                    tuple(
                        DisagreementVersion(
                            items[0][1].text,
                            tuple(Citation(a.id, outlet_of(a), q.start, q.end, q.text) for a, q in items),
                            name,
                        )
                        for name, items in versions.items()
                    ),
                )
            )
    return found


# --- denials and non-confirmations -----------------------------------------------------------


def _cue(text: str) -> tuple[str, re.Match[str]] | None:
    unconfirmed = _UNCONFIRMED.search(text)
    if unconfirmed:
        return "unconfirmed", unconfirmed
    denial = _DENIAL.search(text)
    return ("denial", denial) if denial else None


def _proposition(claims: list[Claim], i: int, cue: re.Match[str], kind: str) -> list[tuple[int, int]]:
    """Where the denied or unconfirmed statement is: the words after the cue, up to the next
    clause (article offsets).

    For a denial whose object is a gerund or a noun ("X denied conducting arms deals", "X
    rejected the accusations of ...") the subject is part of it: X is who did it.  "X
    dismissed these allegations" denies what the claim before it reported.
    """
    claim = claims[i]
    text, base = claim.text, claim.start
    after = text[cue.end() :]
    previous = claims[i - 1] if i and claims[i - 1].article_id == claim.article_id else None
    if previous and _ANAPHORIC.match(after.strip()):
        return [(previous.start, previous.end)]
    rest_start = cue.end() + len(after) - len(after.lstrip(" ,:;"))
    rest = _CLAUSE_END.split(text[rest_start:], maxsplit=1)[0]
    lead = _LEAD_IN.match(rest)
    if lead:
        rest_start, rest = rest_start + lead.end(), rest[lead.end() :]
    rest_end = rest_start + len(rest.rstrip(" ,.;"))
    spans = [(base + rest_start, base + rest_end)]
    if kind == "denial" and _OBJECT_START.match(rest):
        subject = _AUXILIARIES.sub("", text[: cue.start()].rstrip())
        spans.insert(0, (base, base + len(subject)))
    if len(text[rest_start:rest_end].split()) >= 3:
        return spans
    return [(base, base + cue.start()), (base + cue.end(), claim.end)]


def denials(context: _Context) -> list[Disagreement]:
    from newsbrief.embed import embed

    claims = context.grouping.claims
    cued = [(i, *cue) for i, c in enumerate(claims) if (cue := _cue(c.text))]
    if not cued:
        return []
    spans = [_proposition(claims, i, match, kind) for i, kind, match in cued]
    # Topics quote the text; the embeddings see canonical names ("Moscow" -> "Russia").
    propositions = [
        " ".join(context.by_id[claims[i].article_id].text[s:e] for s, e in where).strip()
        for (i, _, _), where in zip(cued, spans, strict=True)
    ]
    prop_vectors = embed(
        [
            " ".join(context.render(claims[i].article_id, s, e) for s, e in where).strip()
            for (i, _, _), where in zip(cued, spans, strict=True)
        ]
    )
    sims = prop_vectors @ context.grouping.vectors.T
    cue_claims = {i for i, _, _ in cued}
    entries = []
    for n, (i, kind, _) in enumerate(cued):
        claim = claims[i]
        support = []
        for j in np.argsort(-sims[n]).tolist():
            if sims[n, j] < AFFIRM_SIMILAR:
                break
            other = claims[j]
            if j in cue_claims or (other.article_id == claim.article_id and other.start == claim.start):
                continue
            if claim.entity_ids and other.entity_ids and not set(claim.entity_ids) & set(other.entity_ids):
                continue
            support.append(j)
        if any(context.independent(claim.article_id, claims[j].article_id) for j in support):
            entries.append((n, i, kind, support))
    found = []
    merged: set[int] = set()
    for x, (n, i, kind, support) in enumerate(entries):
        if n in merged:
            continue
        group, backing = [i], list(support)
        for m, k, other_kind, other_support in entries[x + 1 :]:
            if m in merged or other_kind != kind:
                continue
            same = float(prop_vectors[n] @ prop_vectors[m])
            if same >= 0.6 or (context.fact_of[i] == context.fact_of[k] and same >= 0.45):
                merged.add(m)
                group.append(k)
                backing += [j for j in other_support if j not in backing]
        backing.sort(key=lambda j: -float(sims[n, j]))
        backing = _spread(backing, claims)[:MAX_CITATIONS]
        found.append(
            Disagreement(
                kind,
                _topic(propositions[n]),
                (
                    DisagreementVersion(
                        claims[i].text,
                        tuple(context.cite(claims[k]) for k in group),
                        "not confirmed" if kind == "unconfirmed" else "denied",
                    ),
                    DisagreementVersion(
                        claims[backing[0]].text, tuple(context.cite(claims[j]) for j in backing), "asserted"
                    ),
                ),
            )
        )
    return found


def _spread(indices: list[int], claims: list[Claim]) -> list[int]:
    """The same claims, one per article first (so the citations show several outlets)."""
    seen: set[str] = set()
    first: list[int] = []
    rest: list[int] = []
    for j in indices:
        (rest if claims[j].article_id in seen else first).append(j)
        seen.add(claims[j].article_id)
    return first + rest
