"""TempEval-3 time expressions: our finder + normaliser against a spaCy + dateparser baseline.

Data: TimeBank + AQUAINT from TempEval-3 (``tempeval3/train-TBAQ-cleaned``, TimeML ``.tml``
files).  Each document's TEXT is analysed with its creation time (the TIMEX3 with
functionInDocument="CREATION_TIME") as the publication date.

Metrics, as TempEval-3 defines them: TIMEX3 span precision/recall/F1, strict (same offsets)
and relaxed (any overlap, one-to-one); value accuracy (of the relaxed matches, how many have
the gold value); value F1 (a relaxed match with the gold value counts, over system and gold
totals).  Published bar: HeidelTime at TempEval-3, relaxed F1 0.90, value F1 0.78 (on the
TE3 platinum test set; this is the training set, used here for development).

    .venv/bin/python bench/times.py [--limit N] [--no-write] [--sunday-weeks] [--errors FILE]
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, parse_args, require, table, write_section  # noqa: E402
from newsbrief.analyse.nlp import nlp  # noqa: E402
from newsbrief.analyse.times import find_times  # noqa: E402


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    value: str | None
    text: str = ""


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    dct: str
    gold: tuple[Timex, ...]


@dataclass
class Score:
    system: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    def row(self, name: str) -> list[object]:
        def f1(hits: int) -> float:
            p = hits / self.system if self.system else 0.0
            r = hits / self.gold if self.gold else 0.0
            return 2 * p * r / (p + r) if p + r else 0.0

        relaxed_p = self.relaxed / self.system if self.system else 0.0
        relaxed_r = self.relaxed / self.gold if self.gold else 0.0
        accuracy = self.value / self.relaxed if self.relaxed else 0.0
        return [name, self.gold, self.system, f1(self.strict), relaxed_p, relaxed_r, f1(self.relaxed),
                accuracy, f1(self.value), round(self.seconds, 1)]


def load(path: Path) -> Document:
    """One TimeML file: the plain TEXT, its TIMEX3 spans and the creation time."""
    root = ET.parse(path).getroot()
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is None:
        dct_timex = next(t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME")
    dct = dct_timex.get("value", "")[:10]
    text_el = root.find("TEXT")
    parts: list[str] = []
    gold: list[Timex] = []

    def walk(element: ET.Element) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "TIMEX3":
                end = sum(map(len, parts))
                gold.append(Timex(start, end, child.get("value"), "".join(parts)[start:end]))
            if child.tail:
                parts.append(child.tail)

    if text_el is not None:
        walk(text_el)
    return Document(path.stem, "".join(parts), dct, tuple(gold))


def ours(doc: Any, dct: str) -> list[Timex]:
    return [Timex(m.start, m.end, m.value, m.text) for m in find_times(doc, dct)]


def baseline(doc: Any, dct: str) -> list[Timex]:
    """spaCy DATE/TIME entities, each value from dateparser.parse with the DCT as base."""
    import dateparser

    base = dt.datetime.fromisoformat(dct) if dct else None
    found = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        parsed = dateparser.parse(ent.text, settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
        value = None
        if parsed is not None:
            value = parsed.strftime("%Y-%m-%dT%H:%M") if ent.label_ == "TIME" else parsed.date().isoformat()
        found.append(Timex(ent.start_char, ent.end_char, value, ent.text))
    return found


def score(gold: tuple[Timex, ...], system: list[Timex], total: Score, name: str) -> None:
    total.gold += len(gold)
    total.system += len(system)
    total.strict += len({(g.start, g.end) for g in gold} & {(s.start, s.end) for s in system})
    used: set[int] = set()
    for g in gold:
        match = next((i for i, s in enumerate(system) if i not in used and s.start < g.end and g.start < s.end), None)
        if match is None:
            total.misses.append(f"{name}\tMISS\t{g.text!r}\t{g.value}")
            continue
        used.add(match)
        total.relaxed += 1
        if (system[match].start, system[match].end) != (g.start, g.end):
            total.misses.append(f"{name}\tSPAN\t{g.text!r}\t{system[match].text!r}")
        if system[match].value == g.value:
            total.value += 1
        else:
            total.misses.append(f"{name}\tVALUE\t{g.text!r}\t{g.value}\t{system[match].text!r}\t{system[match].value}")
    for i, s in enumerate(system):
        if i not in used:
            total.misses.append(f"{name}\tEXTRA\t{s.text!r}\t{s.value}")


def load_meantime(path: Path) -> Document:
    """One MEANTIME (CAT XML) file: tokens detokenised into text, TIMEX3 spans over token anchors.

    MEANTIME annotates only the title, the dateline and the first sentences of each article
    (sentence numbers 0-5), so the text is cut there.
    """
    root = ET.parse(path).getroot()
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    length, sentence = 0, None
    for token in root.iter("token"):
        if int(token.get("sentence", "0")) > MEANTIME_LAST_SENTENCE:
            break
        word = token.text or ""
        if sentence is not None and token.get("sentence") != sentence:
            parts.append("\n")
            length += 1
        elif parts and not _glued(parts[-1], word):
            parts.append(" ")
            length += 1
        sentence = token.get("sentence")
        offsets[token.get("t_id", "")] = (length, length + len(word))
        parts.append(word)
        length += len(word)
    text = "".join(parts)
    gold, dct = [], ""
    for timex in root.iter("TIMEX3"):
        anchors = [offsets[a.get("t_id", "")] for a in timex.iter("token_anchor") if a.get("t_id") in offsets]
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = timex.get("value", "")[:10]
        if anchors:
            start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
            gold.append(Timex(start, end, timex.get("value"), text[start:end]))
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", dct):  # a few files lack a usable creation time: their dateline (line 2) is the date
        dateline = text.find("\n") + 1
        dct = next((g.value[:10] for g in sorted(gold, key=lambda g: g.start)
                    if g.start >= dateline and g.value and re.fullmatch(r"\d{4}-\d\d-\d\d", g.value)), "")
        if not dct:  # the dateline itself, "February 03, 2009"
            line = text[dateline : text.find("\n", dateline)]
            dct = dt.datetime.strptime(line.strip(), "%B %d, %Y").date().isoformat()
    return Document(path.stem, text, dct, tuple(gold))


MEANTIME_LAST_SENTENCE = 5


def _glued(previous: str, word: str) -> bool:
    """No space between these tokens in the original text ("Boeing 's", "2008 ,", "( EADS")."""
    return word in (",", ".", ":", ";", ")", "'s", "n't", "%", "'", "?", "!") or previous in ("(", "$")


def evaluate(documents: list[Document]) -> tuple[dict[str, Score], float]:
    systems: dict[str, Callable[[Any, str], list[Timex]]] = {
        "newsbrief times (rules + news conventions)": ours,
        "baseline: spaCy DATE/TIME + dateparser": baseline,
    }
    scores = {name: Score() for name in systems}
    model = nlp()
    parse_seconds = 0.0
    for document in documents:
        t0 = time.perf_counter()
        doc = model(document.text)
        parse_seconds += time.perf_counter() - t0
        for name, system in systems.items():
            t0 = time.perf_counter()
            found = system(doc, document.dct)
            scores[name].seconds += time.perf_counter() - t0
            score(document.gold, found, scores[name], document.name)
    return scores, parse_seconds


HEADER = ["system", "gold", "found", "strict F1", "relaxed P", "relaxed R", "relaxed F1", "value acc.", "value F1",
          "seconds"]


_RELATIVE_WEEK = re.compile(r"\b(?:last|this|next|past|previous)\s+week\b", re.I)


def sunday_weeks(documents: list[Document]) -> list[str]:
    """Each annotated "last week" (this, next, past, previous) in a document dated on a Sunday, with
    the gold value, ours and the ISO week of the date: which week news means when its week ends that day."""
    lines = []
    for document in documents:
        if not document.dct or dt.date.fromisoformat(document.dct).weekday() != 6:
            continue
        week = dt.date.fromisoformat(document.dct).isocalendar()
        found = ours(nlp()(document.text), document.dct)
        for timex in document.gold:
            if _RELATIVE_WEEK.search(timex.text):
                value = next((t.value for t in found if t.start < timex.end and timex.start < t.end), None)
                lines.append(f"{document.name} (Sunday {document.dct}, {week[0]}-W{week[1]:02d}) {timex.text!r}: "
                             f"gold {timex.value}, ours {value}")
    return lines


def main() -> None:
    args = parse_args(__doc__.splitlines()[0], {"--sunday-weeks": "only list the annotated 'last week' (this, next ...) "
                                                "of documents dated on a Sunday, with our values"},
                      {"--errors": "write our misses on TempEval-3 here (default: newsbrief_times_errors.PID.tsv "
                                   "in the system temp dir, one per run, so parallel runs keep theirs)"})
    folder = require(args.data / "tempeval3" / "train-TBAQ-cleaned")
    documents = [load(p) for p in sorted(folder.glob("*/*.tml"))[: args.limit]]
    if args.sunday_weeks:
        meantime_files = sorted((args.data / "meantime-en" / "intra_cross-doc_annotation").glob("*/*.xml"))
        lines = sunday_weeks(documents + [load_meantime(p) for p in meantime_files[: args.limit]])
        print("\n".join(lines) or "no annotated relative week in a document dated on a Sunday")
        return
    scores, parse_seconds = evaluate(documents)
    ours_name = next(iter(scores))
    errors = args.errors or Path(tempfile.gettempdir()) / f"newsbrief_times_errors.{os.getpid()}.tsv"
    errors.write_text("\n".join(scores[ours_name].misses), encoding="utf-8")
    rows = [score.row(name) for name, score in scores.items()]
    rows.append(["HeidelTime (published, TE3 test set)", "", "", "", "", "", 0.90, "", 0.78, ""])
    meantime_folder = args.data / "meantime-en" / "intra_cross-doc_annotation"
    meantime = ""
    if meantime_folder.exists():
        held_out = [load_meantime(p) for p in sorted(meantime_folder.glob("*/*.xml"))[: args.limit]]
        held_scores, held_parse = evaluate(held_out)
        meantime = f"""
Held out (never used to tune the rules): MEANTIME English (`meantime-en`, Wikinews, CC BY 4.0),
{len(held_out)} documents, {held_scores[ours_name].gold} gold TIMEX3 (the dateline included), text rebuilt
from the corpus tokens and cut to the annotated part (title, dateline, first four sentences);
spaCy parsing {held_parse:.1f} s.

{table(HEADER, [score.row(name) for name, score in held_scores.items()])}
"""
    limit = f" --limit {args.limit}" if args.limit else ""
    markdown = f"""## Time expressions (TempEval-3)

Command: `.venv/bin/python bench/times.py{limit}`
Data: TempEval-3 TimeBank + AQUAINT (`tempeval3/train-TBAQ-cleaned`), {len(documents)} documents,
{scores[ours_name].gold} gold TIMEX3 (creation times excluded), each document's creation time as
publication date. Machine: {machine()}. spaCy parsing ({parse_seconds:.1f} s) is shared and not in "seconds".

{table(HEADER, rows)}

Strict = same character offsets; relaxed = overlapping spans (one-to-one); value accuracy is over
the relaxed matches; value F1 counts a relaxed match with the gold value (TempEval-3's attribute F1).
HeidelTime's figures are published ones on the TE3 platinum test set, not run here; TimeBank +
AQUAINT is our development set (rules were tuned on it, without document-specific rules), so
its figures flatter us; the held-out set below is the honest one.
{meantime}"""
    write_section("times", markdown, args.no_write)
    print(f"errors of our system on TempEval-3: {errors}", file=sys.stderr)


if __name__ == "__main__":
    main()
