"""Named-entity mentions (and sentence boundaries) on MEANTIME English: newsbrief vs raw spaCy.

MEANTIME (120 Wikinews articles, CC BY 4.0) marks ENTITY_MENTION markables over token ids;
each mention's type comes from the ENTITY it REFERS_TO (PER, ORG, LOC, PRO, FIN).  Mentions
carry a ``syntactic_type``: NAM (a name), PRE.NAM (a name used as a modifier: "U.S.",
"Apple"), NOM ("the company"), PRO ("it"), APP, CONJ ...  We score against the **named**
mentions (NAM and PRE.NAM) of types PER, ORG and LOC.

Label mapping (spaCy -> MEANTIME): PERSON -> PER; ORG -> ORG; GPE, LOC, FAC and NORP -> LOC
(MEANTIME types nationality adjectives such as "Canadian" as LOC, PRE.NAM).  Other spaCy
labels are not scored.  Strict match: same type and same span after dropping a leading "the"
and a trailing possessive on both sides (newsbrief strips them; MEANTIME keeps "the United
States").  Partial match: same type and overlapping spans, one-to-one.  A prediction that
overlaps only a gold mention whose syntactic type was left blank by the annotators (so we
cannot tell whether it is a name) is neither a hit nor a false alarm.

The text is rebuilt from MEANTIME's tokens (title and date line as their own lines, no
space before punctuation), parsed once, and both systems read the same Doc.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lxml import etree  # noqa: E402

from common import machine, parse_args, require, table, timer, write_section  # noqa: E402
from newsbrief.analyse.entities import NAME_LABELS, find_entities  # noqa: E402
from newsbrief.analyse.nlp import parse_many  # noqa: E402
from newsbrief.analyse.sentences import sentences_from_doc  # noqa: E402

TYPES = ("PER", "ORG", "LOC")
SPACY_TO_MEANTIME = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "LOC"}
NAMED = {"NAM", "PRE.NAM"}
NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", ")", "]", "}", "'s", "'", "n't", "%", "”", "'re", "'ve", "'ll", "'d", "'m"}
NO_SPACE_AFTER = {"(", "[", "{", "$", "“", "US$", "AU$"}
PTB_QUOTES = {"``": "“", "''": "”"}  # written as news prints them


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str


@dataclass
class Document:
    name: str
    text: str
    sentence_starts: set[int] = field(default_factory=set)  # offsets where a gold sentence starts
    gold: list[Span] = field(default_factory=list)
    unknown: list[Span] = field(default_factory=list)  # mentions with a blank syntactic type


def load(path: Path) -> Document:
    root = etree.parse(str(path)).getroot()
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    starts: set[int] = set()
    length, previous, previous_sentence = 0, "", None
    for token in root.iter("token"):
        word, sentence = PTB_QUOTES.get(token.text or "", token.text or ""), token.get("sentence")
        if pieces:
            if sentence != previous_sentence and previous_sentence in {"0", "1"}:
                gap = "\n"  # the title and the date line are lines of their own
            elif word in NO_SPACE_BEFORE or previous in NO_SPACE_AFTER:
                gap = ""
            else:
                gap = " "
            pieces.append(gap)
            length += len(gap)
        if sentence != previous_sentence and pieces:
            starts.add(length)
        offsets[token.get("t_id")] = (length, length + len(word))
        pieces.append(word)
        length += len(word)
        previous, previous_sentence = word, sentence
    markables = root.find("Markables")
    entity_types = {e.get("m_id"): e.get("ent_type") for e in markables if e.tag == "ENTITY"}
    mention_type: dict[str, str] = {}
    for relation in root.find("Relations").iter("REFERS_TO"):
        target = relation.find("target").get("m_id")
        for source in relation.findall("source"):
            if target in entity_types:
                mention_type[source.get("m_id")] = entity_types[target]
    document = Document(path.stem, "".join(pieces), starts)
    seen: set[Span] = set()
    for mention in markables:
        if mention.tag != "ENTITY_MENTION" or mention_type.get(mention.get("m_id")) not in TYPES:
            continue
        anchors = [offsets[a.get("t_id")] for a in mention.findall("token_anchor")]
        if not anchors:
            continue
        span = normalise(document.text, anchors[0][0], anchors[-1][1], mention_type[mention.get("m_id")])
        if span in seen:
            continue
        seen.add(span)
        if mention.get("syntactic_type") in NAMED:
            document.gold.append(span)
        elif not mention.get("syntactic_type"):
            document.unknown.append(span)
    return document


def normalise(text: str, start: int, end: int, kind: str) -> Span:
    """Drop a leading "the " and a trailing possessive, so both sides are compared alike."""
    if text[start : start + 4].lower() == "the " and end - start > 4:
        start += 4
    for suffix in (" 's", "'s", "’s", " '", "'"):
        if text[start:end].endswith(suffix) and end - start > len(suffix):
            end -= len(suffix)
            break
    return Span(start, end, kind)


@dataclass
class Score:
    strict_hits: int = 0
    partial_gold_hits: int = 0
    partial_pred_hits: int = 0
    predicted: int = 0
    gold: int = 0
    on_gold: int = 0  # predictions overlapping a gold name of any type
    on_gold_typed: int = 0  # ... of their own type

    def add_typing(self, gold: list[Span], predicted: list[Span]) -> None:
        for p in predicted:
            types = {g.type for g in gold if g.start < p.end and p.start < g.end}
            if types:
                self.on_gold += 1
                self.on_gold_typed += p.type in types

    def add(self, gold: list[Span], unknown: list[Span], predicted: list[Span]) -> None:
        def overlaps(a: Span, b: Span) -> bool:
            return a.type == b.type and a.start < b.end and b.start < a.end

        def untyped_hit(p: Span) -> bool:
            return any(overlaps(p, u) for u in unknown) and not any(overlaps(p, g) for g in gold)

        scored = [p for p in predicted if not untyped_hit(p)]
        self.predicted += len(scored)
        self.gold += len(gold)
        self.strict_hits += len(set(scored) & set(gold))
        used: set[int] = set()
        for g in gold:
            for i, p in enumerate(scored):
                if i not in used and overlaps(g, p):
                    used.add(i)
                    self.partial_gold_hits += 1
                    break
        self.partial_pred_hits += len(used)

    def prf(self, partial: bool) -> tuple[float, float, float]:
        hits_p = self.partial_pred_hits if partial else self.strict_hits
        hits_r = self.partial_gold_hits if partial else self.strict_hits
        p = hits_p / self.predicted if self.predicted else 0.0
        r = hits_r / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Boundaries:
    hits: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, gold: set[int], predicted: set[int]) -> None:
        self.hits += len(gold & predicted)
        self.predicted += len(predicted)
        self.gold += len(gold)

    def row(self, name: str) -> list[object]:
        p = self.hits / self.predicted if self.predicted else 0.0
        r = self.hits / self.gold if self.gold else 0.0
        return [name, self.gold, self.predicted, p, r, 2 * p * r / (p + r) if p + r else 0.0]


def sentence_starts(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Where each sentence after the first starts (its first non-space character)."""
    starts = set()
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        if 0 < start < end:
            starts.add(start)
    return starts


def score_sentences(documents: list[Document]) -> tuple[Boundaries, Boundaries]:
    """Sentence-boundary scores of stock spaCy (its parser) and of newsbrief's sentences."""
    import spacy

    from newsbrief.analyse.nlp import MODEL

    stock = spacy.load(MODEL, disable=["ner", "lemmatizer"])
    stock_score, ours_score = Boundaries(), Boundaries()
    texts = [d.text for d in documents]
    for document, doc in zip(documents, stock.pipe(texts), strict=True):
        stock_score.add(document.sentence_starts,
                        sentence_starts(document.text, [(s.start_char, s.end_char) for s in doc.sents]))
    for document, doc in zip(documents, parse_many(texts), strict=True):
        ours = sentences_from_doc(document.name, document.text, doc)
        ours_score.add(document.sentence_starts, sentence_starts(document.text, [(s.start, s.end) for s in ours]))
    return stock_score, ours_score


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    folder = require(args.data / "meantime-en" / "intra_cross-doc_annotation")
    paths = sorted(folder.glob("*/*.xml"))[: args.limit]
    documents = [load(p) for p in paths]
    systems = ("raw spaCy NER (en_core_web_sm)", "newsbrief entities (spaCy + rules)")
    scores = {s: {t: Score() for t in (*TYPES, "all")} for s in systems}
    with timer() as took:
        for document, doc in zip(documents, parse_many(d.text for d in documents), strict=True):
            raw = [normalise(document.text, e.start_char, e.end_char, SPACY_TO_MEANTIME[e.label_])
                   for e in doc.ents if e.label_ in NAME_LABELS and e.label_ in SPACY_TO_MEANTIME]
            ours = [Span(e.start, e.end, SPACY_TO_MEANTIME[e.label])
                    for e in find_entities(document.name, doc) if e.label in SPACY_TO_MEANTIME]
            for system, predicted in zip(systems, (raw, ours), strict=True):
                for kind in TYPES:
                    scores[system][kind].add([g for g in document.gold if g.type == kind],
                                             [u for u in document.unknown if u.type == kind],
                                             [p for p in predicted if p.type == kind])
                    scores[system][kind].add_typing(document.gold, [p for p in predicted if p.type == kind])
                scores[system]["all"].add(document.gold, document.unknown, predicted)
                scores[system]["all"].add_typing(document.gold, predicted)
    rows = []
    for system in systems:
        for kind in ("all", *TYPES):
            s = scores[system][kind]
            sp, sr, sf = s.prf(partial=False)
            pp, pr, pf = s.prf(partial=True)
            typing = s.on_gold_typed / s.on_gold if s.on_gold else 0.0
            rows.append([system, kind, s.gold, s.predicted, sp, sr, sf, pp, pr, pf, typing])
    gold_total = sum(len(d.gold) for d in documents)
    with timer() as sentence_time:
        stock_sentences, our_sentences = score_sentences(documents)
    sentence_rows = [stock_sentences.row("stock spaCy parser (`doc.sents`)"),
                     our_sentences.row("newsbrief sentences")]
    markdown = f"""## Entities: MEANTIME English, named mentions

Command: `.venv/bin/python bench/entities.py{' --limit ' + str(args.limit) if args.limit else ''}`
Data: `../shared/bench/meantime-en` (MEANTIME, 120 Wikinews articles, CC BY 4.0): {len(documents)}
documents, {gold_total} gold named mentions (syntactic type NAM or PRE.NAM) of types PER, ORG, LOC.
Machine: {machine()}; both systems read the same spaCy parse ({took['seconds']:.1f} s in all).

Mapping: PERSON -> PER, ORG -> ORG, GPE/LOC/FAC/NORP -> LOC (MEANTIME types "Canadian" as a
LOC name); other spaCy labels are not scored. Strict = same type and span after dropping a
leading "the" and a trailing possessive on both sides; partial = same type, overlapping spans,
matched one to one. Predictions that only overlap a gold mention with a blank syntactic type
(the annotation does not say whether it is a name) are not counted either way. MEANTIME spans
are often longer than a name ("U.S. automaker Chrysler", "Prime Minister of Canada"), which
caps strict scores for both systems. MEANTIME does not mark every name (in the first document
"Airbus", "Boeing" and "France" are never marked), so precision is a lower bound for both
systems; recall, and the difference between the two rows, are the figures to read. "type acc."
is the share of predictions overlapping a gold name that carry the gold name's type (what the
label corrections change).

{table(["system", "type", "gold", "predicted", "strict P", "strict R", "strict F1", "partial P", "partial R", "partial F1", "type acc."], rows)}

### Sentence boundaries on the same documents

MEANTIME's tokens carry their sentence number, so the same rebuilt texts also score sentence
splitting: a boundary is the offset where a sentence starts (after the first). Stock spaCy is the
same model loaded fresh, without newsbrief's boundary component ({sentence_time['seconds']:.1f} s
for both). The gold splits a quotation of two sentences followed by its "he said" tail; newsbrief
keeps such a quotation in one sentence on purpose, which can cost it recall here.

{table(["system", "gold boundaries", "predicted", "P", "R", "F1"], sentence_rows)}
"""
    write_section("entities", markdown, args.no_write)


if __name__ == "__main__":
    main()
