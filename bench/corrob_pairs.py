"""Corroboration trials: which judged credits a candidate rule would refuse, before building it in.

Briefs the clusters of bench/claims.py as it does, keeps every credit the fact splitting makes
(the shown version, the credited one, their parsed verbs and their cosine, from
``newsbrief.propositions.propositions``), finds the corroboration pairs of the brief in the judged
set (bench/data/claims.jsonl), and prints, for each trial rule below, how many judged false and
judged true credits it would refuse, with the pairs (``--show``).  A rule is worth building when
it refuses more false credits than true ones on sets it was not written from; the real figure
then comes from bench/claims.py, as refusing a credit can make another version the shown one.

    PYTHONPATH=src:bench .venv/bin/python bench/corrob_pairs.py --workdir DIR [--blind9|--blind8|--unseen|...] [--show]

The trials are the rules tried and not kept in session 9 (docs/benchmarks.md, corrob9), reading the
publication dates of the two articles in session 10 (corrob10, partial10), and reading the story around a
credit in session 11 (piles11: the pile's topic words, rival claims of the two articles, the embedded acts).
``--dump`` writes each judged credit with what those read (its claims, parsed verbs, publication dates, each
word's share of the story's articles and claims, the other claims of both articles with their cosines), so a
rule can be tried on the file without briefing again.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

import claims as bench
from newsbrief import facts, propositions
from newsbrief.lexicon import LIGHT_VERBS, REPORTING_VERBS, word_set
from newsbrief.models import Claim, Predicate

Rule = Callable[[Claim, Claim, Sequence[Predicate], Sequence[Predicate], float], bool]
_NOT_ACTS = REPORTING_VERBS | LIGHT_VERBS | word_set("be become seem accord appear remain")
_PRONOUNS = word_set("he she it they him her them we us i you who whom which that this these those")
_IRREGULAR_PAST = word_set("was were had did made took gave found told left led won lost paid sent came went began ran")
_ITEM = r"[\w'’\-]+(?: [\w'’\-]+){0,3}"
_LIST = re.compile(rf"((?:{_ITEM}, )+{_ITEM},? (?:and|or) {_ITEM})")
_STOP = word_set("the a an of to in on for his her their its with and or by at from one two three")


def _main_acts(predicates: Sequence[Predicate]) -> list[Predicate]:
    return [p for p in predicates if p.main and not p.negated and p.lemma not in _NOT_ACTS]


def items_left_out(shown: Claim, other: Claim, ps: Sequence[Predicate], po: Sequence[Predicate], sim: float) -> bool:
    """A list of three or more in the shown version ("his wife, two sons, and mother") of whose
    items (by the first five letters of the last word) the other states fewer than half."""
    stems = {w.lower().replace("-", "")[:5] for w in re.findall(r"[\w'’\-]+", other.text)}
    for match in _LIST.finditer(shown.text):
        items = [i for i in re.split(r",? (?:and|or) |, ", match.group(1)) if i]
        words = [[w for w in re.findall(r"[\w'’\-]+", i) if w.lower() not in _STOP and not w.isdigit()] for i in items]
        stated = sum(not w or w[-1].lower().replace("-", "")[:5] in stems for w in words)
        if len(items) >= 3 and stated < 0.5 * len(items):
            return True
    return False


def another_doer(shown: Claim, other: Claim, ps: Sequence[Predicate], po: Sequence[Predicate], sim: float) -> bool:
    """The same main verb with doers that share no word, the other's doer not named in the shown
    version ("Jeffs has claimed" / "Jeffs' defenders claim")."""
    acts_s, acts_o = _main_acts(ps), _main_acts(po)
    shared = {p.lemma for p in acts_s} & {q.lemma for q in acts_o}
    if not shared:
        return False
    for p in (p for p in acts_s if p.lemma in shared):
        for q in (q for q in acts_o if q.lemma == p.lemma):
            a, b = {w.lower() for w in p.subjects} - _PRONOUNS, {w.lower() for w in q.subjects} - _PRONOUNS
            if not a or not b or a & b or any(re.search(rf"\b{re.escape(w)}\b", shown.text.lower()) for w in b):
                return False
    return True


def background_restated(shown: Claim, other: Claim, ps: Sequence[Predicate], po: Sequence[Predicate], sim: float) -> bool:
    """The other's main verbs are all verbs of the shown version's subordinate clauses, and none
    of the shown version's main verbs is in the other ("Capaldi, best known for ..., is the
    12th Doctor" / "Capaldi is best known for ...")."""
    acts_s, acts_o = _main_acts(ps), _main_acts(po)
    subordinate = {p.lemma for p in ps if not p.main} - {p.lemma for p in acts_s}
    if not acts_s or not acts_o or not all(q.lemma in subordinate for q in acts_o):
        return False
    return not any(p.lemma[:5] in other.text.lower() for p in acts_s)


def act_to_come(shown: Claim, other: Claim, ps: Sequence[Predicate], po: Sequence[Predicate], sim: float) -> bool:
    """The shown version's main acts asserted and written in the past, the other's all under
    "will"/"shall" by the same doer, the other not using the shown verb ("Obama has nominated" /
    "Obama will name ... late this morning")."""
    done, coming = _main_acts(ps), _main_acts(po)
    if not done or not coming or any(p.mood is not None for p in done) or any(q.mood not in ("will", "shall") for q in coming):
        return False
    forms = [shown.text[p.start - shown.start : p.end - shown.start].lower() for p in done]
    if not all(f.endswith("ed") or f in _IRREGULAR_PAST for f in forms):
        return False
    doers = {w.lower() for p in done for w in p.subjects}
    if not any(doers & {w.lower() for w in q.subjects} for q in coming):
        return False
    return not any(p.lemma[:5] in other.text.lower() for p in done)


def loose_paraphrase(shown: Claim, other: Claim, ps: Sequence[Predicate], po: Sequence[Predicate], sim: float) -> bool:
    """A cosine under 0.85 with under 0.3 of the shown version's content words stated."""
    return sim < 0.85 and propositions._word_overlap(shown.text, other.text)[1] < 0.3


_CAUSE = re.compile(r"\b(?:because of|due to|of complications (?:of|from)|as a result of|caused by)\s+"
                    r"((?:[\w'’\-]+\s+){0,5}[\w'’\-]+)", re.I)


def cause_left_out(shown: Claim, other: Claim, ps: Sequence[Predicate], po: Sequence[Predicate], sim: float) -> bool:
    """A cause in the shown version ("placed on injured reserve because of a sprained knee") of
    which the other states no word ("has been placed on injured reserve")."""
    stems = {w.lower()[:5] for w in re.findall(r"[\w'’\-]+", other.text)}
    for match in _CAUSE.finditer(shown.text):
        words = [w for w in re.findall(r"[\w'’\-]+", match.group(1)) if w.lower() not in _STOP and len(w) > 3]
        if words and not any(w.lower()[:5] in stems for w in words):
            return True
    return False


# Partial credits (session 10, partial): the shown version states more than the other does.
_CONJUNCT = re.compile(r"(?:^|[,;:(\"]\s*|\b)((?:[\w'’\-]+\s+){0,2}[\w'’\-]+),?\s+(?:and|or)\s+"
                       r"((?:[\w'’\-]+\s+){0,3}[\w'’\-]+)")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_CAPITALISED = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}")


def _stems(text: str) -> set[str]:
    return {w.lower().replace("’", "'")[:5] for w in re.findall(r"[\w'’\-]+", text)}


def _content(words: str) -> list[str]:
    return [w for w in re.findall(r"[\w'’\-]+", words) if w.lower() in propositions.content_words(w) or w[:1].isdigit()]


def conjunct_left_out(shown: Claim, other: Claim, ps: Sequence[Predicate], po: Sequence[Predicate], sim: float) -> bool:
    """Two conjuncts joined by "and"/"or" in the shown version, the other stating a content word
    of one and none of the other ("no injuries or major damage" / "no injuries"; "Lawson's 16
    and Green's 14" / "Green's 1,000th point")."""
    stems = _stems(other.text)
    for match in _CONJUNCT.finditer(shown.text):
        first, second = _content(match.group(1))[-1:], _content(match.group(2))
        if not first or not second:
            continue
        said = [any(w.lower().replace("’", "'")[:5] in stems for w in part) for part in (first, second)]
        if said[0] != said[1]:
            return True
    return False


def second_conjunct_left_out(shown: Claim, other: Claim, ps: Sequence[Predicate], po: Sequence[Predicate],
                             sim: float) -> bool:
    """As ``conjunct_left_out``, only the second conjunct unstated, and only where it is a noun
    phrase (no verb of the shown version's parse in it): "or major damage", "and mother"."""
    stems = _stems(other.text)
    verbs = {p.start - shown.start for p in ps}
    for match in _CONJUNCT.finditer(shown.text):
        first, second = _content(match.group(1))[-1:], _content(match.group(2))
        if not first or not second or any(match.start(2) <= v < match.end(2) for v in verbs):
            continue
        if any(w.lower()[:5] in stems for w in first) and not any(w.lower()[:5] in stems for w in second):
            return True
    return False


def number_left_out(shown: Claim, other: Claim, ps: Sequence[Predicate], po: Sequence[Predicate], sim: float) -> bool:
    """A number written in digits in the shown version that the other does not write."""
    theirs = {n.replace(",", "") for n in _NUMBER.findall(other.text)}
    return any(n.replace(",", "") not in theirs for n in _NUMBER.findall(shown.text))


def name_left_out(shown: Claim, other: Claim, ps: Sequence[Predicate], po: Sequence[Predicate], sim: float) -> bool:
    """A capitalised word inside the shown version (not its first) that the other does not
    write, by its first four letters ("Mendes's 12-year-old daughter")."""
    theirs = {w.lower()[:4] for w in re.findall(r"[\w'’\-]+", other.text)}
    return any(w.lower()[:4] not in theirs for w in _CAPITALISED.findall(shown.text))


def clause_left_out(shown: Claim, other: Claim, ps: Sequence[Predicate], po: Sequence[Predicate], sim: float) -> bool:
    """An act of the shown version's parse (main or subordinate, reporting and light verbs left
    out) of which the other states neither the verb (first five letters) nor a word of what it
    acts on, while the other states one of the shown version's other acts ("arrested ... after
    investigators found him barricaded in a room" / "was arrested at a Philip Street
    apartment")."""
    acts = [p for p in ps if not p.negated and p.lemma not in _NOT_ACTS]
    text = other.text.lower()
    stated = [p for p in acts if p.lemma[:5] in text]
    if not stated:
        return False
    for p in acts:
        if p in stated:
            continue
        objects = [w.lower() for w in p.objects if w.lower() not in _PRONOUNS]
        if not any(w[:5] in text for w in objects):
            return True
    return False


TRIALS: dict[str, Rule] = {"items left out": items_left_out, "another doer": another_doer,
                           "background restated": background_restated, "act to come": act_to_come,
                           "loose paraphrase": loose_paraphrase, "cause left out": cause_left_out,
                           "a conjunct left out": conjunct_left_out,
                           "a second noun conjunct left out": second_conjunct_left_out,
                           "a number left out": number_left_out, "a name left out": name_left_out,
                           "an act left out": clause_left_out}

# Trials that read the publication dates of the two versions' articles (session 10, corrob10).
DatedRule = Callable[[Claim, Claim, Sequence[Predicate], Sequence[Predicate], float, Mapping[str, str | None]], bool]
PUBLISHED_APART_DAYS = 365
STATEMENT_APART_DAYS = 30
_MODALS = word_set("will would may might could should can shall must")
_PRESENT_AUX = word_set("is are am")
_PAST_AUX = word_set("was were had has have")  # a perfect is an act done, not a state


def _days_apart(shown: Claim, other: Claim, published: Mapping[str, str | None]) -> int | None:
    a, b = published.get(shown.article_id), published.get(other.article_id)
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) if a and b else None
    except ValueError:
        return None


def _in_the_present(claim: Claim, predicates: Sequence[Predicate]) -> bool:
    """Every main verb of the version (reporting verbs left out) in the simple present, active
    or passive ("Hepatitis C is spread by blood", "BMI is body fat ..."): a lasting state."""
    verbs = [p for p in predicates if p.main and p.lemma not in REPORTING_VERBS]
    if not verbs:
        return False
    for p in verbs:
        form = claim.text[p.start - claim.start : p.end - claim.start].lower()
        before = [w.lower() for w in re.findall(r"[A-Za-z']+", claim.text[: p.start - claim.start])[-2:]]
        if p.mood or set(before) & (_MODALS | _PAST_AUX) or form in _IRREGULAR_PAST or form.endswith("ing"):
            return False
        if form.endswith("ed") and not set(before) & _PRESENT_AUX:
            return False
    return True


def published_apart(shown: Claim, other: Claim, ps: Sequence[Predicate], po: Sequence[Predicate], sim: float,
                    published: Mapping[str, str | None], days: int = PUBLISHED_APART_DAYS) -> bool:
    """Articles published more than ``days`` apart and not both versions dated (compatible dates
    were compared already): told as one fact only by dates, refused without them."""
    apart = _days_apart(shown, other, published)
    if apart is None or apart <= days:
        return False
    return not (any(d[:1].isdigit() for d in shown.dates) and any(d[:1].isdigit() for d in other.dates))


def published_apart_unless_a_state(shown: Claim, other: Claim, ps: Sequence[Predicate], po: Sequence[Predicate],
                                   sim: float, published: Mapping[str, str | None],
                                   days: int = PUBLISHED_APART_DAYS) -> bool:
    """As ``published_apart``, unless both versions state a lasting state (simple present)."""
    return published_apart(shown, other, ps, po, sim, published, days) and not (
        _in_the_present(shown, ps) and _in_the_present(other, po)
    )


DATED_TRIALS: dict[str, Callable[..., bool]] = {"published far apart, undated": published_apart,
                                               "... unless both a state": published_apart_unless_a_state}


def a_statement_far_apart(shown: Claim, other: Claim, ps: Sequence[Predicate], po: Sequence[Predicate], sim: float,
                          published: Mapping[str, str | None], days: int = STATEMENT_APART_DAYS) -> bool:
    """Both versions report a statement (a main, asserted reporting verb: "Clinton said that he
    was disappointed" / "Clinton issued a statement saying he was deeply disappointed") and their
    articles are more than ``days`` apart: a statement is the news of its article's days, so two
    far apart are two statements."""
    apart = _days_apart(shown, other, published)
    if apart is None or apart <= days:
        return False
    return all(any(p.main and not p.negated and p.lemma in _STATEMENT_VERBS for p in ps_) for ps_ in (ps, po))


_STATEMENT_VERBS = word_set("say tell state conclude announce report add declare insist argue acknowledge admit note "
                            "claim write testify explain stress")
DATED_TRIALS["a statement, articles far apart"] = a_statement_far_apart

# Trials that read the story around the credit (session 11, piles11): how many of the story's
# articles write each word, the other claims of the two versions' articles, the embedded acts.
StoryRule = Callable[[dict[str, Any]], bool]
TOPIC_SHARE = 0.7  # a word this share of the story's articles write is the pile's topic ("acupuncture")
RIVAL_MARGIN = 0.05
ACTS_APART = 0.4


def topic_words_left_out(credit: dict[str, Any]) -> bool:
    """The word test of ``same_proposition`` (a version under ``PROPOSITION_SIMILAR`` must share
    most content words) run without the pile's topic words, those ``TOPIC_SHARE`` of its articles
    write: "For the time being interferon is the only treatment" / "This is 10 times higher than
    treatment with interferon alone" share only "interferon" and "treatment", which a hepatitis
    pile writes everywhere."""
    if credit["sim"] >= propositions.PROPOSITION_SIMILAR:
        return False
    topic = {w for w, (articles, _) in credit["spread"].items() if articles >= TOPIC_SHARE}
    a = propositions.content_words(credit["shown"].text) - topic
    b = propositions.content_words(credit["other"].text) - topic
    if not a or not b:
        return True
    shared = len(a & b)
    return not (shared / min(len(a), len(b)) >= propositions.PROPOSITION_OVERLAP
                and shared / len(a) >= propositions.RELATED_COVERAGE)


def a_rival_sentence(credit: dict[str, Any]) -> bool:
    """Each version's article has another claim within ``RIVAL_MARGIN`` as close to the other
    version as this one: the other version tells one of several statements on the topic, not
    this one."""
    return all(credit["sim"] - max((x for x, _ in rivals), default=0.0) < RIVAL_MARGIN for rivals in credit["rivals"])


def acts_apart(credit: dict[str, Any]) -> bool:
    """The main acts of the two versions, each embedded as "subject verb object" (reporting
    verbs left out), are all under ``ACTS_APART`` (cosine) from one another: "treatment
    consist" / "combination reduce virus"."""
    from newsbrief.embed import embed

    def acts(predicates: Sequence[Predicate]) -> list[str]:
        return [" ".join([*p.subjects, p.lemma, *p.objects]) for p in predicates
                if p.main and p.lemma not in REPORTING_VERBS]

    a, b = acts(credit["ps"]), acts(credit["po"])
    if not a or not b:
        return False
    return float((embed(a) @ embed(b).T).max()) < ACTS_APART


STORY_TRIALS: dict[str, StoryRule] = {"topic words left out": topic_words_left_out,
                                      "a rival sentence in both articles": a_rival_sentence,
                                      "acts apart": acts_apart}


def credited_pairs(data: Path, chosen: dict[str, list[str]], workdir: Path) -> list[dict[str, Any]]:
    """Each corroboration pair of the briefs, with its judgement (or None) and the credit the
    fact splitting made for it (or None when not found: a shown version renamed or shortened)."""
    made: list[dict[str, Any]] = []
    spread: dict[str, Any] = {}  # the story's claims last seen, and each word's share of its articles
    split = facts.propositions

    def recording(component: list[int], claims: Sequence[Claim], vectors: Any, published: Any = None,
                  predicates: Any = None) -> list[tuple[int, list[int]]]:
        out = split(component, claims, vectors, published, predicates)
        if spread.get("claims") is not claims:
            articles: dict[str, set[str]] = {}
            for c in claims:
                articles.setdefault(c.article_id, set()).update(propositions.content_words(c.text))
            counts: dict[str, int] = {}
            for words in articles.values():
                for w in words:
                    counts[w] = counts.get(w, 0) + 1
            in_claims: dict[str, int] = {}
            for c in claims:
                for w in propositions.content_words(c.text):
                    in_claims[w] = in_claims.get(w, 0) + 1
            spread.update(claims=claims, share={w: (n / len(articles), in_claims.get(w, 0) / len(claims))
                                                for w, n in counts.items()})
        share = spread["share"]
        if spread.get("by_article_of") is not claims:
            by_article: dict[str, list[int]] = {}
            for n, c in enumerate(claims):
                by_article.setdefault(c.article_id, []).append(n)
            article_of = np.array([c.article_id for c in claims])
            sims = np.asarray(vectors) @ np.asarray(vectors).T
            across = sims[article_of[:, None] != article_of[None, :]]
            spread.update(by_article_of=claims, by_article=by_article, across=np.sort(across))

        def rank(value: float) -> float:
            """The share of the story's pairs of claims of two articles at least this close."""
            across = spread["across"]
            return float(1.0 - np.searchsorted(across, value) / len(across)) if len(across) else 0.0

        def rival(x: int, y: int) -> list[tuple[float, float]]:
            """Each other claim of ``x``'s article: its cosine to ``y`` and to ``x``."""
            others = [n for n in spread["by_article"][claims[x].article_id] if n != x]
            return [(round(float(vectors[n] @ vectors[y]), 3), round(float(vectors[n] @ vectors[x]), 3)) for n in others]
        for rep, group in out:
            made.extend({"shown": claims[rep], "other": claims[k], "ps": predicates[rep] if predicates else (),
                         "po": predicates[k] if predicates else (), "sim": float(vectors[rep] @ vectors[k]),
                         "published": published or {},
                         "rivals": (rival(rep, k), rival(k, rep)), "rank": rank(float(vectors[rep] @ vectors[k])),
                         "spread": {w: share.get(w, (0.0, 0.0)) for w in propositions.content_words(claims[rep].text)
                                    | propositions.content_words(claims[k].text)}}
                        for k in group if k != rep)
        return out

    facts.propositions = recording  # type: ignore[assignment]
    judged = bench.load_judged()
    rows = []
    try:
        for cluster in bench.load_clusters(data, chosen):
            made.clear()
            brief = bench.brief_cluster(cluster, workdir)
            if brief is None:
                continue
            own = [r for r in judged if (r["dataset"], r["cluster"], r["kind"]) == (cluster.dataset, cluster.id, "corroboration")]
            for claim in (c for c in bench.system_claims(cluster, brief) if c["kind"] == "corroboration"):
                shown_side, other_side = claim["sides"]
                found = [m for m in made if _same_text(other_side, m["other"].text)]
                exact = [m for m in found if _same_text(shown_side, m["shown"].text)]
                rows.append({"judged": next((r for r in own if bench.same_claim(claim, r)), None),
                             "credit": (exact or found or [None])[0]})
    finally:
        facts.propositions = split
    return rows


def _undated(rule: Rule) -> DatedRule:
    return lambda shown, other, ps, po, sim, published: rule(shown, other, ps, po, sim)


def _on_credit(rule: Callable[..., bool]) -> StoryRule:
    return lambda c: rule(c["shown"], c["other"], c["ps"], c["po"], c["sim"], c["published"])


def _same_text(side: dict[str, Any], text: str) -> bool:
    a, b = bench.normalise(side["text"].rstrip("…")), bench.normalise(bench.excerpt(text).rstrip("…"))
    return a[:60] in b or b[:60] in a


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=bench.DEFAULT_DATA)
    parser.add_argument("--workdir", type=Path, required=True, help="kept stores, as bench/claims.py --workdir")
    for name in ("unseen", "fresh", "later", "final", "blind8", "blind9", "blind10", "blind11", "blind12"):
        parser.add_argument(f"--{name}", action="store_true")
    parser.add_argument("--show", action="store_true", help="print each refused pair")
    parser.add_argument("--dump", type=Path, help="write each judged credit, its cosine and each trial's verdict to this JSONL")
    parser.add_argument("--apart-days", type=int, default=PUBLISHED_APART_DAYS,
                        help="days between the articles for the 'published apart' trials (default: %(default)s)")
    args = parser.parse_args()
    sets = {"unseen": bench.UNSEEN, "fresh": bench.FRESH, "later": bench.LATER, "final": bench.FINAL,
            "blind8": bench.BLIND8, "blind9": bench.BLIND9, "blind10": bench.BLIND10, "blind11": bench.BLIND11,
            "blind12": bench.BLIND12}
    chosen = next((ids for name, ids in sets.items() if getattr(args, name)), None) or bench._parse_clusters(None, False)
    rows = [r for r in credited_pairs(args.data, chosen, args.workdir) if r["judged"] and r["credit"]]
    dated = sum(_days_apart(r["credit"]["shown"], r["credit"]["other"], r["credit"]["published"]) is not None for r in rows)
    print(f"{len(rows)} judged credits ({sum(r['judged']['label'] for r in rows)} true) found with their parse, "
          f"{dated} with both articles' publication dates\n")
    out = []
    dated_rules: dict[str, Callable[..., bool]] = {
        name: functools.partial(rule, days=args.apart_days) if rule in (published_apart, published_apart_unless_a_state)
        else rule for name, rule in DATED_TRIALS.items()}
    trials: dict[str, StoryRule] = {name: _on_credit(_undated(rule)) for name, rule in TRIALS.items()} | {
        name: _on_credit(rule) for name, rule in dated_rules.items()} | STORY_TRIALS
    for name, rule in trials.items():
        hits = [r for r in rows if rule(r["credit"])]
        out.append([name, sum(not r["judged"]["label"] for r in hits), sum(r["judged"]["label"] for r in hits)])
        if args.show:
            for r in hits:
                print(f"{name}: {r['judged']['id']} {r['judged']['label']} {r['judged'].get('category')}\n"
                      f"    {r['credit']['shown'].text[:160]}\n    {r['credit']['other'].text[:160]}")
    print(bench.table(["trial rule", "false credits refused", "true credits refused"], out))
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for r in rows:
                c = r["credit"]
                verdicts = {name: rule(c) for name, rule in trials.items()}
                fh.write(json.dumps({"id": r["judged"]["id"], "label": r["judged"]["label"],
                                     "category": r["judged"].get("category"), "shown": c["shown"].text,
                                     "other": c["other"].text, "sim": c["sim"],
                                     "coverage": propositions._word_overlap(c["shown"].text, c["other"].text)[1],
                                     "overlap": propositions._word_overlap(c["shown"].text, c["other"].text)[0],
                                     "trials": verdicts, "shown_claim": c["shown"].to_dict(),
                                     "other_claim": c["other"].to_dict(),
                                     "ps": [p.to_dict() for p in c["ps"]], "po": [p.to_dict() for p in c["po"]],
                                     "published": {k: c["published"].get(k) for k in
                                                   (c["shown"].article_id, c["other"].article_id)},
                                     "spread": c["spread"], "rivals": c["rivals"], "rank": c["rank"]}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
