"""Cross-document entity resolution on MEANTIME English: newsbrief vs string-matching peers.

MEANTIME (120 Wikinews articles in 4 sub-corpora: airbus, apple, gm, stock; CC BY 4.0)
links entity mentions to cross-document entity instances (``REFERS_TO`` an ``ENTITY`` with
an ``instance_id``).  Each sub-corpus is treated as one story: all its articles go through
one resolution, as ``match_articles`` would see them.  We score the **named** mentions
(syntactic type NAM or PRE.NAM) of people, organisations and places (PER, ORG, LOC) that
refer to an entity; the gold cluster of a mention is its entity's ``instance_id`` (or, for
an entity without one, the entity itself, a cluster local to its article).

Systems, on the same mentions:

* ``exact string``: mentions with the same surface text are one entity.
* ``normalised string``: the same after newsbrief's ``clean_name`` + ``name_key`` ("the
  U.S.'s" = "US").
* ``newsbrief (gold types)``: ``resolve.resolve_entities`` with each mention labelled from its
  gold type (PER -> PERSON, ORG -> ORG, LOC -> GPE).
* ``newsbrief (spaCy types)``: the same with the label spaCy's NER gives the mention's span
  (ORG when NER found nothing there), as in the real pipeline.

Metrics: B-cubed precision / recall / F1 over mentions (micro-averaged over the four
stories), and pairwise precision / recall / F1 over *cross-article* mention pairs only (do two
mentions in different articles name the same entity?), which is what matching across
articles has to get right.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lxml import etree  # noqa: E402

from common import machine, parse_args, require, table, timer, write_section  # noqa: E402
from newsbrief.analyse import Analysis  # noqa: E402
from newsbrief.models import Article, Entity, Sentence  # noqa: E402
from newsbrief.names import clean_name, name_key  # noqa: E402
from newsbrief.resolve import resolve_entities  # noqa: E402

TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
NAMED = {"NAM", "PRE.NAM"}
NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", ")", "'s", "'", "n't", "%"}


@dataclass(frozen=True)
class Mention:
    article_id: str
    start: int
    end: int
    text: str
    gold_type: str
    gold: str  # the gold cluster


@dataclass
class Story:
    name: str
    articles: list[Article] = field(default_factory=list)
    sentences: dict[str, list[Sentence]] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)


def load_article(path: Path) -> tuple[Article, list[Sentence], list[Mention]]:
    root = etree.parse(str(path)).getroot()
    article_id = path.stem.split("_")[0]
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sentence_spans: dict[str, list[int]] = {}
    length, previous_sentence = 0, None
    for token in root.iter("token"):
        word, sentence = token.text or "", token.get("sentence")
        if previous_sentence is not None and sentence != previous_sentence:
            pieces.append("\n")
            length += 1
        elif pieces and word not in NO_SPACE_BEFORE:
            pieces.append(" ")
            length += 1
        offsets[token.get("t_id")] = (length, length + len(word))
        span = sentence_spans.setdefault(sentence, [length, length])
        span[1] = length + len(word)
        pieces.append(word)
        length += len(word)
        previous_sentence = sentence
    text = "".join(pieces)
    article = Article(id=article_id, content_hash=article_id, origin=path.name, text=text, outlet=article_id)
    sentences = [Sentence(article_id, n, s, e, text[s:e]) for n, (s, e) in enumerate(sentence_spans.values())]
    markables = root.find("Markables")
    entities = {}
    for entity in markables.iter("ENTITY"):
        entities[entity.get("m_id")] = (
            entity.get("instance_id") or f"{article_id}:{entity.get('m_id')}",
            entity.get("ent_type"),
        )
    refers: dict[str, str] = {}
    for relation in root.find("Relations").iter("REFERS_TO"):
        target = relation.find("target")
        if target is None or target.get("m_id") not in entities:
            continue
        for source in relation.iter("source"):
            refers[source.get("m_id")] = target.get("m_id")
    mentions = []
    for mention in markables.iter("ENTITY_MENTION"):
        if mention.get("syntactic_type") not in NAMED or mention.get("m_id") not in refers:
            continue
        gold, gold_type = entities[refers[mention.get("m_id")]]
        anchors = [offsets[a.get("t_id")] for a in mention.iter("token_anchor")]
        if gold_type not in TYPES or not anchors:
            continue
        start, end = min(s for s, _ in anchors), max(e for _, e in anchors)
        mentions.append(Mention(article_id, start, end, text[start:end], gold_type, gold))
    return article, sentences, mentions


def load_stories(folder: Path, limit: int | None) -> list[Story]:
    stories = []
    for corpus in sorted(folder.glob("corpus_*")):
        story = Story(corpus.name.removeprefix("corpus_"))
        for path in sorted(corpus.glob("*.xml"))[:limit]:
            article, sentences, mentions = load_article(path)
            story.articles.append(article)
            story.sentences[article.id] = sentences
            story.mentions += mentions
        stories.append(story)
    return stories


def by_string(story: Story, key) -> dict[Mention, str]:
    return {m: key(m.text) for m in story.mentions}


def by_newsbrief(story: Story, labels: dict[Mention, str]) -> dict[Mention, str]:
    analyses = []
    for article in story.articles:
        ents = [
            Entity(article.id, m.start, m.end, m.text, labels[m])
            for m in story.mentions
            if m.article_id == article.id
        ]
        analyses.append(Analysis.of(article, {"sentences": story.sentences[article.id], "entities": ents}))
    resolution = resolve_entities(story.articles, analyses)
    found = {(m.article_id, m.start, m.end): m.entity_id for m in resolution.mentions}
    # A mention newsbrief dropped (as chrome, say) is its own cluster.
    return {m: found.get((m.article_id, m.start, m.end), f"dropped:{m}") for m in story.mentions}


def spacy_labels(stories: list[Story]) -> tuple[dict[Mention, str], list[Analysis]]:
    """NER labels for the gold mentions, and each article's sentences and NER entities."""
    from newsbrief.analyse.nlp import nlp

    labels = {}
    analyses = []
    for story in stories:
        texts = [a.text for a in story.articles]
        for article, doc in zip(story.articles, nlp().pipe(texts), strict=True):
            analyses.append(
                Analysis.of(
                    article,
                    {
                        "sentences": story.sentences[article.id],
                        "entities": [
                            Entity(article.id, e.start_char, e.end_char, e.text, e.label_) for e in doc.ents
                        ],
                    },
                )
            )
            for m in story.mentions:
                if m.article_id != article.id:
                    continue
                overlapping = [e.label_ for e in doc.ents if e.start_char < m.end and m.start < e.end_char]
                labels[m] = overlapping[0] if overlapping else "ORG"
    return labels, analyses


def speed(analyses: list[Analysis]) -> list[list[object]]:
    """Every article as one story through match_articles, stage by stage."""
    from newsbrief.disagree import find_disagreements
    from newsbrief.embed import embed
    from newsbrief.facts import extract_claims, group_facts
    from newsbrief.match import Matching, canonical_renderer

    articles = [a.article for a in analyses]
    embed(["warm up"])
    rows = []
    with timer() as t:
        resolution = resolve_entities(articles, analyses)
    rows.append(["entities (resolve_entities)", f"{len(resolution.entities)} entities", t["seconds"]])
    with timer() as t:
        claims = extract_claims(articles, analyses, resolution.mentions)
        grouping = group_facts(articles, claims)
    rows.append(
        [
            "claims + one embed() call + fact grouping",
            f"{len(claims)} claims -> {len(grouping.facts)} facts",
            t["seconds"],
        ]
    )
    matching = Matching(resolution.entities, grouping.facts, [], resolution.canonical_names)
    with timer() as t:
        found = find_disagreements(
            articles, analyses, grouping, matching.canonical, canonical_renderer(articles, resolution)
        )
    rows.append(["disagreements", f"{len(found)} found", t["seconds"]])
    with timer() as t:
        embed([c.text for c in claims])
    rows.append(
        ["(of which: embedding the claims once more, for scale)", f"{len(claims)} texts", t["seconds"]]
    )
    return rows


@dataclass
class Scores:
    b3_p: float = 0.0
    b3_r: float = 0.0
    pair_tp: int = 0
    pair_fp: int = 0
    pair_fn: int = 0
    mentions: int = 0


def score(stories: list[Story], predicted: dict[Mention, str], scores: Scores) -> None:
    for story in stories:
        gold_clusters: dict[str, set[Mention]] = defaultdict(set)
        pred_clusters: dict[str, set[Mention]] = defaultdict(set)
        for m in story.mentions:
            gold_clusters[m.gold].add(m)
            pred_clusters[predicted[m]].add(m)
        for m in story.mentions:
            g, p = gold_clusters[m.gold], pred_clusters[predicted[m]]
            both = len(g & p)
            scores.b3_p += both / len(p)
            scores.b3_r += both / len(g)
        scores.mentions += len(story.mentions)
        for a, b in combinations(story.mentions, 2):
            if a.article_id == b.article_id:
                continue
            same_gold, same_pred = a.gold == b.gold, predicted[a] == predicted[b]
            scores.pair_tp += same_gold and same_pred
            scores.pair_fp += same_pred and not same_gold
            scores.pair_fn += same_gold and not same_pred


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    args = parse_args(__doc__.splitlines()[0])
    folder = require(args.data / "meantime-en" / "intra_cross-doc_annotation")
    stories = load_stories(folder, args.limit)
    gold_types = {m: TYPES[m.gold_type] for s in stories for m in s.mentions}
    with timer() as parse_time:
        ner_types, analyses = spacy_labels(stories)
    systems = {
        "exact string": lambda s: by_string(s, lambda t: t),
        "normalised string": lambda s: by_string(s, lambda t: name_key(clean_name(t))),
        "newsbrief (gold types)": lambda s: by_newsbrief(s, gold_types),
        "newsbrief (spaCy types)": lambda s: by_newsbrief(s, ner_types),
    }
    rows = []
    for name, system in systems.items():
        scores = Scores()
        with timer() as t:
            predicted = {m: c for s in stories for m, c in system(s).items()}
        score(stories, predicted, scores)
        p, r = scores.b3_p / scores.mentions, scores.b3_r / scores.mentions
        pp = scores.pair_tp / max(1, scores.pair_tp + scores.pair_fp)
        pr = scores.pair_tp / max(1, scores.pair_tp + scores.pair_fn)
        rows.append([name, p, r, f1(p, r), pp, pr, f1(pp, pr), f"{t['seconds']:.2f}"])
    mentions = sum(len(s.mentions) for s in stories)
    articles = sum(len(s.articles) for s in stories)
    clusters = len({m.gold for s in stories for m in s.mentions})
    command = ".venv/bin/python bench/match.py" + (f" --limit {args.limit}" if args.limit else "")
    markdown = "\n".join(
        [
            "## Match: cross-document entity resolution (MEANTIME English)",
            "",
            f"Command: `{command}`  ",
            f"Data: `meantime-en` (CC BY 4.0), {len(stories)} stories (sub-corpora), {articles} articles, "
            f"{mentions} named PER/ORG/LOC mentions in {clusters} gold entities.  ",
            f"Machine: {machine()}. spaCy parse for the NER labels: {parse_time['seconds']:.1f} s (not in the times below).",
            "",
            table(
                ["system", "B3 P", "B3 R", "B3 F1", "cross-article pair P", "pair R", "pair F1", "seconds"],
                rows,
            ),
            "",
            "Each sub-corpus (about one company, over several years) is one story.  Cross-article pairs are",
            "pairs of mentions in different articles of a story; B-cubed counts every mention.",
        ]
    )
    speed_rows = speed(analyses)
    markdown += "\n".join(
        [
            "",
            "",
            f"Speed: all {articles} articles as **one** story through `match_articles`' stages (sentences and",
            "entities from spaCy; no quotes, times or quantities layers, so the disagreement finders see claims only):",
            "",
            table(["stage", "size", "seconds"], speed_rows),
        ]
    )
    write_section("match", markdown, args.no_write)


if __name__ == "__main__":
    main()
