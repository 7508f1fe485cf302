"""Summarisation: the brief's lead selection against human summaries, beside lead-N, LexRank, TextRank.

Data (../shared/bench, research use only, never copied into the repository):

* DUC 2007 update task, set A: 10 topics x 10 articles, 4 human 100-word summaries each
  (``updateEval/ROUGE/models``); the topic narrative is the focus.  The best 2007 system's
  ROUGE-2 (``updateEval/ROUGE/rouge2.jk.m.avg``) is printed beside ours.
* DUC 2007 main task: 45 topics x 25 articles; the 23 topics with pyramid files
  (``mainPyramidEval/allpyramids/*.pyr``) carry 4 human 250-word summaries each.
* NeuS / AllSides val: 307 stories, 3 outlets each, the editors' neutral summary as reference.

Every system gets the same sentences (one spaCy sentence split per document) and the same
word budget, and its output is cut to that many words before scoring.  ROUGE is the
``rouge-score`` package with stemming; ROUGE-SU4 (skip bigrams with at most 4 words between,
plus unigrams) is implemented here because rouge-score lacks it.  Recall against several
references is the mean over references (ROUGE-1.5.5 ``-f A``).

    .venv/bin/python bench/summarise.py [--limit N] [--no-write]
"""

from __future__ import annotations

import html
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from common import machine, parse_args, require, table, write_section
from newsbrief.lead import CandidateSentence, rank_sentences

MAIN_SENTENCES_PER_DOC = 12
Summariser = Callable[["Cluster", int], list[str]]


@dataclass
class Doc:
    id: str
    date: str
    sentences: list[str] = field(default_factory=list)


@dataclass
class Cluster:
    id: str
    docs: list[Doc]
    references: list[str]
    focus: str | None = None
    outlets: list[str] | None = None  # source label per doc (NeuS: its outlet slot)


# --- data -------------------------------------------------------------------------------


def _tag(name: str, text: str) -> str:
    match = re.search(rf"<{name}>(.*?)</{name}>", text, re.S)
    return match.group(1).strip() if match else ""


def read_duc_doc(path: Path) -> tuple[str, str]:
    """(date, body text) of one DUC document: paragraphs joined by blank lines."""
    raw = path.read_text(encoding="latin-1")
    date = (_tag("DATE_TIME", raw) or _tag("DATE", raw) or path.name[3:11])[:10]
    body = _tag("TEXT", raw)
    paragraphs = re.split(r"</?P>", body) if "<P>" in body else [body]
    cleaned = [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", p)).split()) for p in paragraphs]
    return date, "\n\n".join(p for p in cleaned if p)


def read_topics(path: Path) -> dict[str, dict[str, str | list[str]]]:
    topics: dict[str, dict[str, str | list[str]]] = {}
    for block in re.findall(r"<topic>(.*?)</topic>", path.read_text(encoding="latin-1"), re.S):
        num = _tag("num", block)
        topics[num] = {
            "title": " ".join(_tag("title", block).split()),
            "narr": " ".join(_tag("narr", block).split()),
            "docs_a": _tag("docs-A", block).split(),
        }
    return topics


def read_pyramid_summaries(path: Path) -> list[str]:
    """The human summaries embedded in a DUC pyramid file (``D0701.M.250.A.G`` headed blocks)."""
    lines = [html.unescape(line) for line in re.findall(r"<line>(.*?)</line>", path.read_text(encoding="latin-1"))]
    summaries: list[list[str]] = []
    for line in lines:
        if re.match(r"^\s*D\d{4}\.M\.\d+\.\w\.\w\s*$", line):
            summaries.append([])
        elif summaries and line.strip() and not line.startswith("---"):
            summaries[-1].append(line.strip())
    return [" ".join(s) for s in summaries if s]


def split_sentences(texts: Sequence[str], max_sentences: int | None = None) -> list[list[str]]:
    """One spaCy sentence split per text (paragraph breaks always end a sentence), at most
    ``max_sentences`` per text (later paragraphs are then not parsed at all)."""
    from newsbrief.analyse.nlp import nlp

    model = nlp()
    out = []
    for text in texts:
        sentences: list[str] = []
        for paragraph in (p for p in text.split("\n\n") if p.strip()):
            if max_sentences is not None and len(sentences) >= max_sentences:
                break
            doc = model(paragraph, disable=["ner", "lemmatizer"])
            sentences += [" ".join(s.text.split()) for s in doc.sents if s.text.strip()]
        out.append(sentences[:max_sentences])
    return out


def duc_update(root: Path, limit: int | None) -> list[Cluster]:
    topics = read_topics(root / "duc2007_UPDATEtopics.sgml")
    clusters = []
    for num in sorted(topics)[:limit]:
        folder = root / "duc2007_testdocs" / "update" / num / f"{num}-A"
        refs = sorted((root / "updateEval" / "ROUGE" / "models").glob(f"{num[:-1]}-A.M.100.*"))
        paths = sorted(folder.iterdir())
        read = [read_duc_doc(p) for p in paths]
        docs = [Doc(p.name, date) for p, (date, _) in zip(paths, read, strict=True)]
        for doc, sentences in zip(docs, split_sentences([body for _, body in read]), strict=True):
            doc.sentences = sentences
        references = [" ".join(r.read_text(encoding="latin-1").split()) for r in refs]
        clusters.append(Cluster(num, docs, references, focus=str(topics[num]["narr"])))
    return clusters


def duc_main(root: Path, limit: int | None, max_sentences: int) -> list[Cluster]:
    topics = read_topics(root / "duc2007_topics.sgml")
    clusters = []
    for pyr in sorted((root / "mainPyramidEval" / "allpyramids").glob("*.pyr"))[:limit]:
        num = next(t for t in topics if t.startswith(pyr.name[:5]))
        folder = root / "duc2007_testdocs" / "main" / num
        paths = sorted(folder.iterdir())
        read = [read_duc_doc(p) for p in paths]
        docs = [Doc(p.name, date) for p, (date, _) in zip(paths, read, strict=True)]
        for doc, sentences in zip(docs, split_sentences([body for _, body in read], max_sentences), strict=True):
            doc.sentences = sentences
        clusters.append(Cluster(num, docs, read_pyramid_summaries(pyr), focus=str(topics[num]["narr"])))
    return clusters


def _neus_article(part: str) -> str:
    return part.split("ARTICLE=>", 1)[-1].strip()


def neus(root: Path, limit: int | None) -> list[Cluster]:
    sources = (root / "val.source").read_text(encoding="utf-8").splitlines()[:limit]
    targets = (root / "val.target").read_text(encoding="utf-8").splitlines()[:limit]
    clusters = []
    for n, (source, target) in enumerate(zip(sources, targets, strict=True)):
        parts = [p for p in source.split("[SEP]") if p.strip()]
        bodies = [_neus_article(p) for p in parts]
        docs = [Doc(f"{n}-{i}", "", s) for i, s in enumerate(split_sentences(bodies))]
        clusters.append(Cluster(str(n), docs, [_neus_article(target)], outlets=[f"outlet{i}" for i in range(len(docs))]))
    return clusters


# --- systems ----------------------------------------------------------------------------


def _fill(sentences: Sequence[str], words: int) -> list[str]:
    out, n = [], 0
    for s in sentences:
        if n >= words:
            break
        out.append(s)
        n += len(s.split())
    return out


_VECTORS: dict[str, np.ndarray] = {}  # cluster id -> sentence vectors, shared by the two newsbrief rows


def newsbrief_lead(cluster: Cluster, words: int, focus: str | None, ceiling: bool = False) -> list[str]:
    from newsbrief.embed import embed

    candidates = [
        CandidateSentence(text=s, doc_id=d.id, source=cluster.outlets[i] if cluster.outlets else d.id, position=p)
        for i, d in enumerate(cluster.docs)
        for p, s in enumerate(d.sentences)
    ]
    if cluster.id not in _VECTORS:
        _VECTORS.clear()
        _VECTORS[cluster.id] = embed([c.text for c in candidates])
    ranked = rank_sentences(candidates, words, focus=focus, vectors=_VECTORS[cluster.id], ceiling=ceiling)
    return [r.candidate.text for r in ranked]


def lead_n(cluster: Cluster, words: int) -> list[str]:
    """The first sentences of the newest article (NeuS: the first article)."""
    doc = max(cluster.docs, key=lambda d: d.date) if cluster.docs[0].date else cluster.docs[0]
    return _fill(doc.sentences, words)


class _Tokenizer:
    """What sumy needs from a tokenizer, without NLTK data: sentences are given, words by regex."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return [paragraph]

    def to_words(self, sentence: str) -> list[str]:
        return re.findall(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?", sentence)


def _sumy_document(cluster: Cluster):  # type: ignore[no-untyped-def]
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

    tokenizer = _Tokenizer()
    return ObjectDocumentModel(
        [Paragraph([Sentence(s, tokenizer) for s in d.sentences]) for d in cluster.docs if d.sentences]
    )


def _sumy_setup(summarizer):  # type: ignore[no-untyped-def]
    from sumy.utils import get_stop_words

    summarizer.stop_words = get_stop_words("english")
    return summarizer


def lexrank(cluster: Cluster, words: int) -> list[str]:
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer

    summarizer = _sumy_setup(LexRankSummarizer(Stemmer("english")))
    document = _sumy_document(cluster)
    sentences = list(document.sentences)
    words_sets = [summarizer._to_words_set(s) for s in sentences]
    matrix = summarizer._create_matrix(
        words_sets, summarizer.threshold, summarizer._compute_tf(words_sets), summarizer._compute_idf(words_sets)
    )
    scores = summarizer.power_method(matrix, summarizer.epsilon)
    order = np.argsort(-np.asarray(scores), kind="stable")
    return _fill([str(sentences[i]) for i in order], words)


def textrank(cluster: Cluster, words: int) -> list[str]:
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.text_rank import TextRankSummarizer

    summarizer = _sumy_setup(TextRankSummarizer(Stemmer("english")))
    document = _sumy_document(cluster)
    ratings = summarizer.rate_sentences(document)
    ranked = sorted(document.sentences, key=lambda s: -ratings[s])
    return _fill([str(s) for s in ranked], words)


# --- scoring ----------------------------------------------------------------------------


def cut(sentences: Sequence[str], words: int) -> str:
    return " ".join(" ".join(sentences).split()[:words])


def _tokens(text: str) -> list[str]:
    from rouge_score import tokenizers

    return tokenizers.DefaultTokenizer(use_stemmer=True).tokenize(text)


def skip_bigrams(tokens: Sequence[str], max_gap: int = 4) -> Counter[tuple[str, ...]]:
    """Unigrams plus ordered word pairs with at most ``max_gap`` words between them (ROUGE-SU4)."""
    grams: Counter[tuple[str, ...]] = Counter((t,) for t in tokens)
    for i in range(len(tokens)):
        for j in range(i + 1, min(len(tokens), i + max_gap + 2)):
            grams[(tokens[i], tokens[j])] += 1
    return grams


def rouge_su4_recall(summary: str, reference: str) -> float:
    ref = skip_bigrams(_tokens(reference))
    total = sum(ref.values())
    if not total:
        return 0.0
    overlap = skip_bigrams(_tokens(summary)) & ref
    return sum(overlap.values()) / total


@dataclass
class Scores:
    values: dict[str, list[float]] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)

    def add(self, name: str, value: float) -> None:
        self.values.setdefault(name, []).append(value)

    def mean(self, name: str) -> float:
        return statistics.fmean(self.values[name]) if self.values.get(name) else 0.0


def score_recall(scores: Scores, summary: str, references: Sequence[str]) -> None:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    per_ref = [scorer.score(ref, summary) for ref in references]
    for metric in ("rouge1", "rouge2", "rougeL"):
        scores.add(metric, statistics.fmean(s[metric].recall for s in per_ref))
    scores.add("su4", statistics.fmean(rouge_su4_recall(summary, ref) for ref in references))


def score_f1(scores: Scores, summary: str, references: Sequence[str]) -> None:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    result = scorer.score(references[0], summary)
    for metric in ("rouge1", "rouge2", "rougeL"):
        scores.add(metric, result[metric].fmeasure)


def run(
    clusters: Sequence[Cluster],
    systems: dict[str, Callable[[Cluster, int], list[str]]],
    length: Callable[[Cluster], int],
    scorer: Callable[[Scores, str, Sequence[str]], None],
) -> dict[str, Scores]:
    results = {name: Scores() for name in systems}
    for cluster in clusters:
        words = length(cluster)
        for name, system in systems.items():
            start = time.perf_counter()
            summary = cut(system(cluster, words), words)
            results[name].seconds.append(time.perf_counter() - start)
            scorer(results[name], summary, cluster.references)
    return results


def seeds_timing() -> str:
    """Whole brief per story (matching, quotes, timeline, lead) vs LexRank on the same sentences."""
    import tempfile

    from newsbrief import pipeline
    from newsbrief.embed import clear_cache
    from newsbrief.pipeline import brief_story, list_stories, load_analyses
    from newsbrief.store import Store

    seeds = Path(__file__).resolve().parent.parent / "examples" / "seeds"
    rows: list[list[object]] = []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "seeds.db") as store:
        start = time.perf_counter()
        pipeline.ingest([str(seeds)], store)
        pipeline.update(store)
        prepare = time.perf_counter() - start
        brief_story(store, list_stories(store)[0])  # load the models once, outside the timings
        for story in list_stories(store):
            clear_cache()  # no sentence vectors left over from the warm-up or the stories update
            start = time.perf_counter()
            brief = brief_story(store, story)
            seconds = time.perf_counter() - start
            articles = list(store.iter_articles(story.article_ids))
            docs = [
                Doc(a.id, a.published or "", [a.text[x.start : x.end] for x in analysis.sentences])
                for a, analysis in zip(articles, load_analyses(store, articles), strict=True)
            ]
            cluster = Cluster(story.id, docs, [])
            start = time.perf_counter()
            lexrank(cluster, 100)
            lex = time.perf_counter() - start
            n = sum(len(d.sentences) for d in docs)
            rows.append([f"{story.id[:10]} ({len(articles)} articles, {n} sentences)", f"{seconds:.2f}",
                         f"{lex:.3f}", len(brief.lead), len(brief.facts), len(brief.timeline)])
    return (
        f"**Time per brief on the seeds** (ingest + analysis of the 5 articles beforehand: {prepare:.0f} s, "
        "models loaded once, sentence-vector cache emptied before each brief; a brief = matching, lead, facts, quotes, timeline, coverage)\n\n"
        + table(["story", "newsbrief brief (s)", "sumy LexRank lead (s)", "lead sentences", "facts", "timeline"], rows)
    )


def best_2007_rouge2(root: Path) -> tuple[str, float]:
    rows = (root / "updateEval" / "ROUGE" / "rouge2.jk.m.avg").read_text().splitlines()
    systems = [(r.split()[0], float(r.split()[1])) for r in rows if r.split() and r.split()[0].isdigit()]
    return max(systems, key=lambda s: s[1])


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    data = require(args.data)
    duc = require(data / "duc2007")
    require(data / "neus-allsides-val")
    started = time.perf_counter()
    with_focus: dict[str, Callable[[Cluster, int], list[str]]] = {
        "newsbrief lead (topic as --focus)": lambda c, w: newsbrief_lead(c, w, c.focus),
        "newsbrief lead (no focus)": lambda c, w: newsbrief_lead(c, w, None),
        "newsbrief lead (no focus, as in a brief: whole sentences, never over the budget)": (
            lambda c, w: newsbrief_lead(c, w, None, ceiling=True)
        ),
        "lead-N (newest article)": lead_n,
        "sumy LexRank": lexrank,
        "sumy TextRank": textrank,
    }
    no_focus = {k: v for k, v in with_focus.items() if "topic" not in k}
    no_focus["lead-N (first article)"] = no_focus.pop("lead-N (newest article)")

    sections = []
    update = duc_update(duc, args.limit)
    res = run(update, with_focus, lambda c: 100, score_recall)
    best_name, best_r2 = best_2007_rouge2(duc)
    rows: list[list[object]] = [
        [name, s.mean("rouge1"), s.mean("rouge2"), s.mean("su4"), f"{statistics.fmean(s.seconds):.2f}"]
        for name, s in res.items()
    ]
    rows.append([f"best DUC 2007 system ({best_name}, official jackknifed ROUGE-1.5.5)", "", best_r2, "", ""])
    sections.append(
        f"**DUC 2007 update task, set A** ({len(update)} topics x 10 articles, 4 human 100-word summaries "
        "each; 100 words; recall)\n\n"
        + table(["system", "ROUGE-1", "ROUGE-2", "ROUGE-SU4", "s/topic"], rows)
    )
    print(sections[-1], flush=True)

    main_clusters = duc_main(duc, args.limit, MAIN_SENTENCES_PER_DOC)
    res = run(main_clusters, with_focus, lambda c: 250, score_recall)
    rows = [
        [name, s.mean("rouge1"), s.mean("rouge2"), s.mean("rougeL"), s.mean("su4"), f"{statistics.fmean(s.seconds):.2f}"]
        for name, s in res.items()
    ]
    sections.append(
        f"**DUC 2007 main task** ({len(main_clusters)} topics with human summaries x 25 articles, the first "
        f"{MAIN_SENTENCES_PER_DOC} sentences of each (same input for every system, to keep LexRank's quadratic "
        "graph and the run within 20 minutes on 2 shared cores), 4 human 250-word summaries each; 250 words; "
        "recall)\n\n"
        + table(["system", "ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-SU4", "s/topic"], rows)
    )
    print(sections[-1], flush=True)

    neus_clusters = neus(data / "neus-allsides-val", args.limit)
    res = run(neus_clusters, no_focus, lambda c: max(20, len(c.references[0].split())), score_f1)
    rows = [
        [name, s.mean("rouge1"), s.mean("rouge2"), s.mean("rougeL"), f"{1000 * statistics.fmean(s.seconds):.0f}"]
        for name, s in res.items()
    ]
    sections.append(
        f"**NeuS / AllSides val** ({len(neus_clusters)} stories x 3 outlets; the editors' neutral summary as "
        "reference; each system cut to the reference's length; F1)\n\n"
        + table(["system", "ROUGE-1", "ROUGE-2", "ROUGE-L", "ms/story"], rows)
    )
    print(sections[-1], flush=True)

    sections.append(seeds_timing())
    print(sections[-1], flush=True)

    command = "`.venv/bin/python bench/summarise.py" + (f" --limit {args.limit}" if args.limit else "") + "`"
    markdown = "\n\n".join(
        [
            "## Summarisation (the brief's lead)",
            f"Command: {command} — machine: {machine()} — total {time.perf_counter() - started:.0f} s.",
            "The newsbrief rows run `newsbrief.lead.rank_sentences`, the function that picks every brief's "
            "lead, on the same sentence split as the peers (spaCy `en_core_web_sm`), each output cut to the "
            "same number of words. ROUGE from `rouge-score` with stemming; ROUGE-SU4 implemented in the "
            "script (skip bigrams, gap <= 4, plus unigrams); recall against several references is their "
            "mean. Official DUC figures are jackknifed ROUGE-1.5.5, so compare them as an indication only. "
            "Times: the first newsbrief row includes MiniLM encoding of every sentence, the second reuses those "
            "vectors; sumy's include building its graph.",
            *sections,
        ]
    )
    write_section("summarise", markdown, args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
