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
  ``number_mismatch`` is the same for measured numbers with one unit ("460 km" / "480 km")
  (:mod:`newsbrief.numbers`).
* ``date_mismatch``: two versions of one fact, each dating it to a different single day.  The day
  of a statement ("announced on Tuesday", "on Monday said") is compared only with the day of a
  statement: two outlets dating one announcement two ways disagree, and "said Wednesday" is no
  version of the day of what was said.
* ``speaker_mismatch``: near-identical quote text attributed to different canonical speakers.
* ``denial`` / ``unconfirmed``: a claim with a denial cue ("denied", "dismissed", "rejected
  the accusations") or a non-confirmation cue ("cannot confirm", "no proof", "no evidence")
  whose proposition (the words after the cue) matches other claims that assert it
  (:mod:`newsbrief.denials`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from rapidfuzz import fuzz, process

from newsbrief.facts import FactGrouping, outlet_of
from newsbrief.lexicon import PAST_REPORTING_FORMS, RELATIVE_DAY_WORDS, REPORTING_FORMS, alternation
from newsbrief.models import Article, Citation, Claim, Disagreement, DisagreementVersion
from newsbrief.names import is_role_phrase, name_key, same_person
from newsbrief.propositions import SAID_ON, within_tolerance

if TYPE_CHECKING:
    from newsbrief.analyse import Analysis

DATE_SIMILAR = 0.75  # claims this close (or in one fact) may date the same event
QUOTE_SIMILAR = 88  # rapidfuzz ratio (0-100) for "the same quote"
MAX_CITATIONS = 8  # per version: how many outlets say each value is what a reader weighs them by
# Disagreements below this confidence are not shown.  Chosen in session 8 from the reliability
# of the then calibrated number disputes (judged disputes at or above 0.7: 16 of 17 true, left
# out by cluster); number disputes now have a learned model and their own threshold
# (newsbrief.numbers.COUNT_SHOW, :func:`show_threshold`), dates and denials keep this one.
SHOW_CONFIDENCE = 0.7
# How often an "attributed to different people" dispute was right on real news: none of the 18
# judged over every set of bench/claims.py.  They come from our own quote attribution (a firm or
# a relative named for the speaker, a news agency read as the speaker), not from outlets that
# disagree.  With one success granted for what was not seen, (0 + 1) / (18 + 2) = 0.05: such a
# dispute stays in the data (``min_confidence=0``) and is not shown.
SPEAKER_CONFIDENCE = 0.05



def find_disagreements(
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    grouping: FactGrouping,
    canonical: Callable[[str], str],
    render: Callable[[str, int, int], str] | None = None,
    min_confidence: float | None = None,
) -> list[Disagreement]:
    """Every typed disagreement among the claims and quotes of one story whose confidence is
    at least ``min_confidence`` (default :func:`show_threshold` of its kind; 0 gives every candidate, as the
    claims benchmark wants), most confident first.

    ``canonical`` maps a speaker name to its canonical name; ``render(article_id, start,
    end)`` gives a span's text with entity mentions replaced by canonical names ("Moscow and
    Pyongyang denied" -> "Russia and North Korea denied"), which makes propositions easier to
    match with the claims that assert them.
    """
    from newsbrief.denials import denials  # both import this module's shared parts
    from newsbrief.numbers import count_mismatches

    context = _Context(articles, grouping, render or (lambda aid, s, e: _slice(articles, aid, s, e)), canonical)
    def floor(kind: str) -> float:
        return show_threshold(kind) if min_confidence is None else min_confidence

    found = count_mismatches(context, analyses, floor("count_mismatch"))
    found += date_mismatches(context, analyses)
    found += speaker_mismatches(context, analyses, canonical)
    found += denials(context, analyses)
    return merge_repeated(sorted((d for d in found if d.confidence >= floor(d.kind)), key=lambda d: -d.confidence))


def show_threshold(kind: str) -> float:
    """The confidence from which a disagreement of ``kind`` is shown: number disputes at the
    threshold of their learned model (``newsbrief.numbers.COUNT_SHOW``), the rest at
    ``SHOW_CONFIDENCE``."""
    if kind in ("count_mismatch", "number_mismatch"):
        from newsbrief.numbers import COUNT_SHOW

        return COUNT_SHOW
    return SHOW_CONFIDENCE


def merge_repeated(disagreements: Iterable[Disagreement]) -> list[Disagreement]:
    """One dispute per disputed thing: two disputes of one kind with the same values about
    the same counted thing ("the number of Zurana Horton's children: 12 / 13" and "the
    number of children: 12 / 13") become one, each value citing the sources of both; the
    first one's texts and confidence are kept (pass them most confident first), with the
    more specific topic."""
    merged: list[Disagreement] = []
    for dispute in disagreements:
        values = {v.value for v in dispute.versions}
        same = next(
            (n for n, kept in enumerate(merged)
             if kept.kind == dispute.kind and {v.value for v in kept.versions} == values
             and _topic_head(kept.topic) == _topic_head(dispute.topic)),
            None,
        )
        if same is None:
            merged.append(dispute)
            continue
        kept = merged[same]
        versions = []
        for version in kept.versions:
            other = next(v for v in dispute.versions if v.value == version.value)
            citations = tuple(dict.fromkeys(version.citations + other.citations))
            versions.append(DisagreementVersion(version.text, citations[:MAX_CITATIONS], version.value))
        merged[same] = Disagreement(
            kept.kind,
            max(kept.topic, dispute.topic, key=len),
            tuple(versions),
            kept.confidence,
        )
    return merged


def _topic_head(topic: str) -> str:
    """What a dispute is about, in one word: its topic's last word ("children")."""
    words = topic.lower().split()
    return words[-1].strip("”\"'.,") if words else ""


def _slice(articles: Sequence[Article], article_id: str, start: int, end: int) -> str:
    return next(a.text[start:end] for a in articles if a.id == article_id)


@dataclass
class _Context:
    articles: Sequence[Article]
    grouping: FactGrouping
    render: Callable[[str, int, int], str]
    canonical: Callable[[str], str] = str

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

    def other_outlets(self, a: str, b: str) -> bool:
        """Whether two articles are separate reports by two outlets: "sources disagree" on a
        number, a date or who said something only across outlets (two articles of one outlet
        giving a quake's magnitude as 7.4 and 8.2 are about two quakes, or a toll updated).
        A denial may be within one outlet: it is the parties who disagree."""
        return self.independent(a, b) and outlet_of(self.by_id[a]) != outlet_of(self.by_id[b])

    def similarity(self, i: int, j: int) -> float:
        vectors = self.grouping.vectors
        return float(vectors[i] @ vectors[j])

    def cite(self, claim: Claim) -> Citation:
        return Citation(claim.article_id, claim.outlet, claim.start, claim.end, claim.text)


def _topic(text: str, words: int = 12) -> str:
    parts = text.split()
    short = " ".join(parts[:words])
    return short.rstrip(" ,;:.") + ("…" if len(parts) > words else "")


_STOPWORDS = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "with", "from", "and", "or", "its", "his", "her", "their", "this", "that", "these", "those", "which", "who", "was", "were", "is", "are", "be", "been", "has", "have", "had", "more", "than", "about", "some", "over", "up", "per", "cent", "percent", "all", "other", "any", "not", "also"]
)


# --- dates ---------------------------------------------------------------------------------


def date_mismatches(context: _Context, analyses: Sequence[Analysis]) -> list[Disagreement]:
    claims = context.grouping.claims
    times = {an.article.id: an.times for an in analyses}
    # One entry per dated event of a claim: a claim naming one day (however often) is one entry; a
    # claim naming two ("After telling People in October ..., Reid checked into Promises on
    # Friday") is one entry per date, each with the words beside it alone (up to the other date).
    claim_of: list[int] = []
    day_of: list[str] = []
    event_of: list[str] = []  # "when Tara Reid checked into Promises": what the dates are of
    around: list[set[str]] = []  # content words next to the date: what happened that day
    kind_of: list[str] = []  # "day" / "month"; "weekday" / "month name" for an undated article's names
    steps: list[set[str]] = []  # the step of a process a date dates ("charged Saturday": the charge)
    said_of: list[bool] = []  # the day of a statement ("announced on Tuesday"), a version of that day only
    relative_of: list[bool] = []  # the day read from "yesterday", "today": known to within one day
    for i, claim in enumerate(claims):
        undated = context.by_id[claim.article_id].published_date is None
        text = context.by_id[claim.article_id].text
        mentions = [
            t
            for t in times.get(claim.article_id, [])
            if claim.start <= t.start
            and t.end <= claim.end
            and (t.value or (undated and _day_name(t.text)))
            and t.granularity in ("day", "month")
            and getattr(t, "kind", "date") == "date"
            and (not _NOT_EVENT_DATE.search(text[max(0, t.start - 40) : t.start]) or _said_on(text, t))
            # the leading preposition is the note's first part ("since; early; anchored on ...")
            and (getattr(t, "note", None) or "").lower().split(";")[0].strip() not in _NOT_EVENT_NOTES
            and not _planned(text, claim, t)
        ]
        # never empty values: the filter above keeps valued mentions, and names in undated articles
        keys = list(dict.fromkeys((t.value or _day_name(t.text), _said_on(text, t)) for t in mentions))
        for value, said in keys:
            same = [t for t in mentions if (t.value or _day_name(t.text), _said_on(text, t)) == (value, said)]
            others = sorted((t.start, t.end) for t in mentions if t not in same)
            claim_of.append(i)
            day_of.append(value)
            kind_of.append(same[0].granularity if same[0].value else f"{same[0].granularity} name")
            event_of.append(_event_title(text, claim, same[0]))
            around.append(set().union(*(_event_words(text, claim, t, others) for t in same)))
            steps.append({step for t in same if (step := _process_step(text, claim, t))})
            said_of.append(said)
            relative_of.append(all(_RELATIVE_DAY.search(t.text) for t in same))
    entities = {an.article.id: an.entities for an in analyses}
    people_of = {  # the words of the people a claim names: who, not what happened
        i: set().union(*(_content_words(e.text) for e in entities.get(claims[i].article_id, [])
                         if e.label == "PERSON" and claims[i].start <= e.start and e.end <= claims[i].end))
        for i in set(claim_of)
    }
    # Every date a claim names, the years too ("killed 31,000 in Bam in 2003, and 600 in Zarand
    # in February"): a claim whose other date agrees with a version dates another event.  The day
    # of a statement is none ("arrested on Tuesday, Oppal said at a news conference Wednesday"
    # still dates the arrest Tuesday, against "arrested Wednesday").
    dates_of: dict[int, set[str]] = {}
    for i in set(claim_of):
        claim = claims[i]
        undated = context.by_id[claim.article_id].published_date is None
        claim_text = context.by_id[claim.article_id].text
        dates_of[i] = {
            t.value or _day_name(t.text)
            for t in times.get(claim.article_id, [])
            if claim.start <= t.start and t.end <= claim.end and (t.value or (undated and _day_name(t.text)))
            and not _said_on(claim_text, t)
        }
    found = []
    done: set[int] = set()
    vectors = context.grouping.vectors[claim_of] if claim_of else context.grouping.vectors[:0]
    for x in range(len(claim_of)):
        if x in done:
            continue
        i = claim_of[x]
        versions: dict[str, list[int]] = {day_of[x]: [i]}
        entries = [x]
        close = (vectors[x + 1 :] @ vectors[x]) >= DATE_SIMILAR
        for y0, j in enumerate(claim_of[x + 1 :]):
            y = x + 1 + y0
            if y in done or not context.other_outlets(claims[i].article_id, claims[j].article_id):
                continue
            # Only the same event: the words beside the two dates must share one ("filed for
            # divorce July 19" / "filed for divorce July 29"), not "concluded on April 3" /
            # "filed a brief on April 28".
            if (
                (close[y0] or context.fact_of[i] == context.fact_of[j])
                # ... and more than whom it befell: "Bush tweaked his knee Thursday" / "placed Bush on
                # injured reserve Wednesday" share only Bush
                and (around[x] & around[y]) - people_of[i] - people_of[j] - _REPORTING_WORDS
                # the day of a statement against the day of a statement, of an event against an event
                and said_of[y] == said_of[x]
                and _same_numbers(claims[i], claims[j])
                and kind_of[y] == kind_of[x]  # a day against a day, a month against a month
                and (len(day_of[y]) == len(day_of[x]) or kind_of[x].endswith(" name"))
                and all(j not in ks for ks in versions.values())  # one claim, one version
                # A sentence naming both days agrees with the other on one: its other day dates
                # another event ("separated in May and filed for divorce in July" / "filed in July").
                and (day_of[y] == day_of[x] or not (_dates_other(day_of[x], day_of[y], dates_of[j])
                                                     or _dates_other(day_of[y], day_of[x], dates_of[i])))
                and _one_step(steps[x], steps[y])
                and not ((relative_of[x] or relative_of[y]) and _days_apart(day_of[x], day_of[y]) == 1)
            ):
                versions.setdefault(day_of[y], []).append(j)
                entries.append(y)
        if len(versions) < 2 or not _could_conflict(context, versions):
            continue
        members = [k for ks in versions.values() for k in ks]
        done.update(entries)
        same_fact = len({context.fact_of[k] for k in members}) == 1
        closeness = min(
            max(float(context.grouping.vectors[k] @ context.grouping.vectors[m]) for m in members if m != k)
            for k in members
        )
        found.append(
            Disagreement(
                "date_mismatch",
                event_of[x] or _topic(context.grouping.facts[context.fact_of[i]].text),
                tuple(
                    DisagreementVersion(claims[ks[0]].text, tuple(context.cite(claims[k]) for k in ks), day)
                    for day, ks in sorted(versions.items())
                ),
                round(min(1.0, closeness + (0.1 if same_fact else 0.0)), 3),
            )
        )
    return found


# "Ms. Kennedy was to be married yesterday" in the New York Times' file of Saturday July 17 is
# Saturday, not Friday: the file was moved for Sunday's paper, and the day a wire story was
# written for is seldom in the file (DUC 2007 names it in 10 of its 403 NYT files, "For release
# Sunday, June 7"; evening files of the Times and of Cox are for the next morning's paper, the San
# Francisco Chronicle's of June 29, 1999 for that day's): docs/benchmarks.md, "duc12".
_RELATIVE_DAY = re.compile(rf"\b{alternation(RELATIVE_DAY_WORDS)}\b", re.I)


def _days_apart(a: str, b: str) -> int | None:
    """Days between two ISO days ("1999-07-16", "1999-07-17" -> 1); None unless both are days."""
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    except ValueError:
        return None


# A date of what someone will do, or is set to, is a plan: "Paul on Thursday will try to force
# Roberts to read the question" and "Roberts blocked Paul on Wednesday" are two events.
_PLANNED = re.compile(
    r"\b(?:will|shall|won't|(?:is|are|was|were)\s+(?:set|scheduled|expected|due|going|planning)\s+to|plans?\s+to)\b", re.I
)


def _said_on(text: str, mention: Any) -> bool:
    """Whether a date is the day of a statement: after a reporting verb ("announced on Tuesday",
    "said at a news conference Wednesday") or right before one ("on Monday said")."""
    return bool(_SAID_BEFORE.search(text[max(0, mention.start - 40) : mention.start]) or _SAID_AFTER.match(text, mention.end))


def _planned(text: str, claim: Claim, mention: Any) -> bool:
    """Whether the words around a date in its claim (``_EVENT_WINDOW`` each side) say what is
    planned or expected on it rather than what happened."""
    before = text[claim.start : mention.start].split()[-_EVENT_WINDOW:]
    after = text[mention.end : claim.end].split()[:_EVENT_WINDOW]
    return bool(_PLANNED.search(" ".join(before + after)))


_DAY_NAMES = frozenset(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
                        "February", "March", "April", "June", "July", "August", "September", "October", "November",
                        "December"])  # not "May": a verb as often as a month


def _day_name(written: str) -> str:
    """The weekday or month a date mention names when it is just that name ("Tuesday", "in
    December", "late Tuesday"), else "": in an article with no publication date it cannot be resolved, yet two
    outlets dating one event "on Tuesday" and "on Friday" still disagree."""
    words = written.strip(" ,.").split()
    name = words[-1].capitalize() if words and words[-1].isalpha() else ""
    return name if name in _DAY_NAMES and len(words) <= 2 and all(w.lower() in _DAY_NAME_LEAD for w in words[:-1]) else ""


# Words a bare day or month name may follow and still name just that day: "on Tuesday", "late
# Tuesday", "early Wednesday" (a part of the day is still that day), "in December".
_DAY_NAME_LEAD = frozenset(["on", "in", "last", "this", "early", "late"])


def _event_title(text: str, claim: Claim, mention: Any) -> str:
    """What a date dates, as a title: the claim without its date ("Tara Reid checked into
    Promises on Friday" -> "when Tara Reid checked into Promises")."""
    before = re.sub(r"\s+(?:on|in|at|since|by|from)\s*$", "", text[claim.start : mention.start], flags=re.I).split()
    after = text[mention.end : claim.end].split()
    words = before[-8:] if len(before) >= 3 else before + after[: 8 - len(before)]
    clause = next((n + 1 for n in range(len(words) - 4, -1, -1) if words[n].endswith(",")), 0)
    cut = clause > 0 or len(before) > 8
    words = words[clause:]  # "…, Tara Reid checked into" starts at its clause
    if not words:
        return ""
    if words[0] in ("The", "A", "An"):
        words[0] = words[0].lower()
    title = " ".join(words).strip(" ,.;:\"'“”")
    return f"when {'… ' if cut else ''}{title}"


# "since Sunday" starts a period and "said Wednesday" dates the statement: neither dates the event.
# "said Wednesday", "said at practice on Wednesday", "told reporters in Washington Monday": the statement's day
# (propositions.SAID_ON: the verb in lower case and not a present form but "says").
_SAID_ON = SAID_ON
_NOT_EVENT_DATE = re.compile(
    r"(?:\b(?:since|until|till|through|before|after|by|from)\s+(?:on\s+)?|"
    r"\b(?:promised|pledged|vowed|predicted|warned)\s+(?:on\s+)?|"  # "As it promised Tuesday": the promise's day
    rf"{_SAID_ON})"
    r"(?:[\[(]\s*)?$",  # an editor's bracket: "As it promised [Tuesday]"
    re.I,
)
# The day of a statement, written before the date ("HP announced on Tuesday") or right after it
# ("Hewlett-Packard on Monday said", "HP Monday announced"): it dates the statement, so it is a
# version of the statement's day only, never of the day of what the statement reports.
_SAID_BEFORE = re.compile(rf"{_SAID_ON}(?:[\[(]\s*)?$", re.I)
# After the date only verbs in the past ("on Monday said"): lexicon.PAST_REPORTING_FORMS.
_SAID_AFTER = re.compile(rf"[\])]?\s*{alternation(PAST_REPORTING_FORMS)}\b", re.I)
_NOT_EVENT_NOTES = frozenset(["since", "until", "till", "through", "before", "after", "by", "from"])
_EVENT_WINDOW = 7  # words on each side of a date that say what happened on it


def _event_words(text: str, claim: Claim, mention: Any, others: Sequence[tuple[int, int]] = ()) -> set[str]:
    """The content words beside a date (``_EVENT_WINDOW`` each side, not past another date of
    the claim, ``others``): what happened that day."""
    start = max([claim.start, *(e for s, e in others if e <= mention.start)])
    end = min([claim.end, *(s for s, e in others if s >= mention.end)])
    # Between two dates the words go to one of them, split at the last clause boundary: "in
    # May | and filed for divorce in July", "in October that she was fine, | Reid checked in on Friday".
    if start > claim.start:
        start = _clause_split(text, start, mention.start, mention.start)
    if end < claim.end:
        end = _clause_split(text, mention.end, end, mention.end)
    # A date dates its own clause: "Bush tweaked his left knee last Thursday | and coach Sean
    # Payton said the Saints decided ...", "placed Bush on injured reserve Wednesday | after he
    # suffered a knee sprain" (a boundary right beside the date, "On Tuesday, ...", opens no clause).
    clause_start = [m.end() for m in _CLAUSE_BOUNDARY.finditer(text, start, mention.start)
                    if text[m.end() : mention.start].strip() or m.group().strip() not in _PUNCTUATION]
    start = clause_start[-1] if clause_start else start
    end = next((m.start() for m in _DATE_CLAUSE_END.finditer(text, mention.end, end)
                if text[mention.end : m.start()].strip() or m.group().strip() not in _PUNCTUATION), end)
    before = text[start : mention.start].split()[-_EVENT_WINDOW:]
    after = text[mention.end : end].split()[:_EVENT_WINDOW]
    words = _content_words(" ".join(before + after))
    return {w for w in words if not w.isdigit() and w not in _MONTH_STEMS}


_PUNCTUATION = frozenset(",;:")
_CLAUSE_BOUNDARY = re.compile(r"[,;:]|\s(?:and|but|while|then|before|after)\s")
# What follows a date and is no longer what happened on it: another clause, or a cause or
# circumstance ("with a sprained left knee", "because of ...").
_DATE_CLAUSE_END = re.compile(r"[,;:]|\s(?:and|but|while|then|before|after|with|because|as|when|following)\s")


def _clause_split(text: str, start: int, end: int, none: int) -> int:
    """Where the words between two dates divide: the last clause boundary between ``start`` and
    ``end``, or ``none`` when there is none (so neither date takes words that may be the other's)."""
    boundaries = list(_CLAUSE_BOUNDARY.finditer(text, start, end))
    return boundaries[-1].start() if boundaries else none


def _dates_other(day: str, other: str, named: set[str]) -> bool:
    """Whether a claim dating an event ``other`` also names a date that agrees with ``day`` (one
    holds the other: "2003" holds "2003-12"): its two dates are of two events, one of them the
    event the other version dates ("separated in May and filed for divorce in July" / "filed
    in July"; "killed 31,000 in Bam in 2003, and 600 in Zarand in February" / "Bam ... in December 2003")."""
    return any(not _within(d, other) and _within(d, day) for d in named)


def _within(a: str, b: str) -> bool:
    """Whether two dates can be one: equal, or one holds the other ("2003" / "2003-12")."""
    return a.startswith(b) or b.startswith(a)


# The steps of a process each happen on their own day: a man charged on Saturday who appears
# in court on Monday, a divorce filed on July 29 and settled on a Monday, are two steps, not
# two versions of one.  A date's step is the step word
# nearest before it in its clause ("was charged Saturday", "appeared in court Monday"), or
# after it when none is before ("on Monday was sentenced").
_STEP_WORDS = {
    "arrested": "arrest", "detained": "arrest", "captured": "arrest",
    "charged": "charge", "indicted": "charge",
    "arraigned": "appearance", "appeared": "appearance", "appearance": "appearance", "court": "appearance",
    "pleaded": "plea", "plea": "plea",
    "trial": "trial", "tried": "trial",
    "convicted": "verdict", "acquitted": "verdict", "verdict": "verdict", "guilty": "verdict",
    "sentenced": "sentence", "sentencing": "sentence",
    "appealed": "appeal", "appeal": "appeal",
    "filed": "filing", "sued": "filing",
    "ruled": "ruling", "ruling": "ruling",
    "agreed": "settlement", "settled": "settlement", "agreement": "settlement", "settlement": "settlement",
    "released": "release", "freed": "release",
}
_STEP = re.compile(rf"\b({alternation(_STEP_WORDS)})\b", re.I)


def _process_step(text: str, claim: Claim, mention: Any) -> str:
    """The step of a legal process a date dates ("charged Saturday" -> "charge"), or ""."""
    before = list(_STEP.finditer(text, max(claim.start, mention.start - 60), mention.start))
    if before:
        return _STEP_WORDS[before[-1].group(1).lower()]
    after = _STEP.search(text, mention.end, min(claim.end, mention.end + 40))
    return _STEP_WORDS[after.group(1).lower()] if after else ""


def _one_step(a: set[str], b: set[str]) -> bool:
    """Whether two dates can date one step: not when each dates a step and the steps differ."""
    return not (a and b and not a & b)


_MONTH_STEMS = frozenset(
    m[:6] for m in ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)


def _same_numbers(a: Claim, b: Claim) -> bool:
    """Numbers compatible (one pair within tolerance, :func:`~newsbrief.propositions.within_tolerance`)
    when both claims give some: "more than 300 arrested since Sunday" and "more than 500 since
    May" are two tallies, not two dates."""
    return not (a.numbers and b.numbers) or any(
        within_tolerance(x, y) for x in a.numbers for y in b.numbers
    )


def _could_conflict(context: _Context, versions: dict[str, list[int]]) -> bool:
    """Whether differently dated versions can be one event told two ways, rather than
    successive events (a ruling, then an appeal) each reported when it happened.

    An article published before a date cannot have reported an event of that date, so two
    versions conflict only when some article giving one date was published on or after the
    other date (it knew of that day and still gave another).  Articles without a date count
    as knowing every day.
    """
    claims = context.grouping.claims
    latest = max(versions)
    for day, ks in versions.items():
        if day == latest:
            continue
        for k in ks:
            published = context.by_id[claims[k].article_id].published_date
            if published is None or published >= latest:
                return True
    return False


# --- quotes --------------------------------------------------------------------------------


def _quote_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def speaker_mismatches(
    context: _Context, analyses: Sequence[Analysis], canonical: Callable[[str], str]
) -> list[Disagreement]:
    quotes = [
        (an.article, q, canonical(q.speaker), _quote_key(q.text))
        for an in analyses
        for q in an.quotes
        # Only named speakers can be "different people": "WeWork spokesperson" and "company
        # spokesperson" may be one person, so a role phrase never makes a dispute.
        if q.speaker and q.kind in ("direct", "partial") and len(q.text) >= 20 and not is_role_phrase(q.speaker)
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
            if y > x and y not in used and context.other_outlets(article.id, other_article.id):
                same = next((s for s in versions if _same_speaker(s, other_speaker)), other_speaker)
                versions.setdefault(same, []).append((other_article, other))
                used.add(y)
        if len(versions) > 1:
            found.append(
                Disagreement(
                    "speaker_mismatch",
                    f"who said “{_topic(quote.text, 10)}”",
                    tuple(
                        DisagreementVersion(
                            items[0][1].text,
                            tuple(Citation(a.id, outlet_of(a), q.start, q.end, q.text) for a, q in items),
                            name,
                        )
                        for name, items in versions.items()
                    ),
                    SPEAKER_CONFIDENCE,
                )
            )
    return found


def _same_speaker(a: str, b: str) -> bool:
    """Two canonical speakers that may be one person: equal, one name's surname ("Wood" /
    "Robert Wood"), one name ending the other ("Dirk Kempthorne" / "Interior Dirk
    Kempthorne": a title or department the parser kept), or spellings of one name."""
    ka, kb = name_key(a), name_key(b)
    if ka == kb or same_person(ka, kb):
        return True
    pa, pb = ka.split(), kb.split()
    shorter = min(len(pa), len(pb))
    return bool(pa and pb) and (shorter == 1 or pa[-shorter:] == pb[-shorter:]) and pa[-1] == pb[-1]


_CONTENT_WORD = re.compile(r"[^\W\d_][\w-]*")


def _content_words(text: str) -> set[str]:
    words = (w.lower().removesuffix("’s").removesuffix("'s") for w in _CONTENT_WORD.findall(text))
    return {w[:6] for w in words if w not in _STOPWORDS and len(w) > 2}  # a crude stem


# The verbs of saying, as content words: two statements share them whatever they say.
_REPORTING_WORDS = frozenset(_content_words(" ".join(REPORTING_FORMS)))


# The denial finder lives in newsbrief.denials (which imports this module); its names still
# import from here, as they did before the split.
_DENIAL_NAMES = frozenset(["AFFIRM_SIMILAR", "denials", "_act_words", "_assertion", "_cue", "_is_claim_denial",
                           "_proposition", "_forms"])


# So do the count and number disputes, in newsbrief.numbers.
_NUMBER_NAMES = frozenset(["COUNT_MODEL", "COUNT_SHOW", "COUNT_SIMILAR", "JOIN_CONFIDENCE", "MAX_COUNT_RATIO", "PARTY_NOUNS",
                           "UNIT_NAMES", "count_mismatches", "format_amount", "_cite_agreeing", "_comparable",
                           "_count_of", "_counted_key", "_different_measure", "_PREDICATE_CLASS", "_rounds_to",
                           "_TALLY", "_TALLY_VERB"])


def __getattr__(name: str) -> Any:
    if name in _DENIAL_NAMES:
        from newsbrief import denials

        return getattr(denials, name)
    if name in _NUMBER_NAMES:
        from newsbrief import numbers

        return getattr(numbers, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
