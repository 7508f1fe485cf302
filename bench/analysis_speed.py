"""Speed of per-article analysis: the whole analyser chain vs spaCy's own ``nlp.pipe``.

Runs over the same DUC 2007 news documents, in one process, after a warm-up:

1. stock spaCy: ``en_core_web_sm`` loaded fresh, ``nlp.pipe`` (all its components), nothing else
   (and once more without the lemmatizer, to show what keeping it costs);
2. newsbrief's shared pipeline, parse only (``parse_many``: stock spaCy + the sentence-boundary
   component);
3. the whole chain as ``analyse_store`` runs it: ``parse_many`` in batches, then
   ``analyse_article`` with every analyser that exists (no store, so no SQLite time).

The time each analyser spends after parsing is listed too.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import newsbrief.analyse as analyse  # noqa: E402
from common import machine, parse_args, peak_memory_mb, require, table, timer, write_section  # noqa: E402
from newsbrief.analyse.nlp import MODEL, parse_many  # noqa: E402
from newsbrief.models import Article  # noqa: E402

DEFAULT_DOCS = 200
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_PARAGRAPH = re.compile(r"<P>(.*?)</P>", re.S)
_DATE = re.compile(r"(19\d\d|20\d\d)(\d\d)(\d\d)")


def load_article(path: Path) -> Article:
    """A DUC document as an extracted article: one paragraph per <P>, line wrapping undone."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    match = _TEXT.search(raw)
    body = match.group(1) if match else raw
    paragraphs = _PARAGRAPH.findall(body) or re.split(r"\n\s*\n", body)
    text = "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    date = _DATE.search(path.name)
    published = f"{date.group(1)}-{date.group(2)}-{date.group(3)}" if date else None
    return Article(id=path.name, content_hash=path.name, origin=str(path), text=text, published=published,
                   word_count=len(text.split()))


def timed_analysers(spent: dict[str, float]) -> None:
    """Wrap each analyser's ``analyse`` so its time is added to ``spent`` (parse time excluded:
    the Doc is parsed before the chain runs)."""
    for module in analyse.ANALYSERS:
        real: Callable[[Any], list[Any]] = module.analyse

        def run(analysis: Any, _real: Callable[[Any], list[Any]] = real, _name: str = module.NAME) -> list[Any]:
            start = time.perf_counter()
            try:
                return _real(analysis)
            finally:
                spent[_name] = spent.get(_name, 0.0) + time.perf_counter() - start

        module.analyse = run


def main() -> None:
    import spacy

    args = parse_args(__doc__.splitlines()[0])
    folder = require(args.data / "duc2007" / "duc2007_testdocs" / "main")
    paths = sorted(p for p in folder.glob("*/*") if p.is_file())[: args.limit or DEFAULT_DOCS]
    articles = [load_article(p) for p in paths]
    texts = [a.text for a in articles]
    words = sum(a.word_count for a in articles)
    layers = [module.NAME for module in analyse.ANALYSERS]

    stock = spacy.load(MODEL)
    for _ in stock.pipe(texts[:5]):  # warm-up: load everything before the clocks start
        pass
    for article, doc in zip(articles[:5], parse_many(texts[:5]), strict=True):
        analyse.analyse_article(article, doc=doc)

    cpu: dict[str, float] = {}
    with timer() as stock_time:
        start = time.process_time()
        for _ in stock.pipe(texts, batch_size=32):
            pass
        cpu["stock"] = time.process_time() - start
    with timer() as no_lemma_time:
        start = time.process_time()
        for _ in stock.pipe(texts, batch_size=32, disable=["lemmatizer"]):
            pass
        cpu["no_lemma"] = time.process_time() - start
    with timer() as parse_time:
        start = time.process_time()
        for _ in parse_many(texts):
            pass
        cpu["parse"] = time.process_time() - start
    spent: dict[str, float] = {}
    timed_analysers(spent)
    with timer() as chain_time:
        start = time.process_time()
        for article, doc in zip(articles, parse_many(texts), strict=True):
            analyse.analyse_article(article, doc=doc)
        cpu["chain"] = time.process_time() - start

    def row(name: str, key: str, wall: float) -> list[object]:
        return [name, f"{cpu[key]:.1f}", f"{wall:.1f}", f"{words / cpu[key]:,.0f}", f"{cpu[key] / cpu['stock']:.2f}"]

    rows = [
        row("stock spaCy `nlp.pipe` (en_core_web_sm, all components)", "stock", stock_time["seconds"]),
        row("stock spaCy without the lemmatizer (reference only: quotes, quantities and match read lemmas)",
            "no_lemma", no_lemma_time["seconds"]),
        row("newsbrief `parse_many` (+ sentence-boundary component)", "parse", parse_time["seconds"]),
        row(f"newsbrief whole chain: parse_many + {', '.join(layers)}", "chain", chain_time["seconds"]),
    ]
    layer_rows = [[name, f"{seconds:.1f}", f"{100 * seconds / chain_time['seconds']:.0f}%"]
                  for name, seconds in spent.items()]
    markdown = f"""## Analysis speed: the analyser chain vs spaCy alone

Command: `.venv/bin/python bench/analysis_speed.py{' --limit ' + str(args.limit) if args.limit else ''}`
Data: the first {len(articles)} documents (sorted paths) of `../shared/bench/duc2007/duc2007_testdocs/main`
(AP, NYT and Xinhua news, 1996-2006), {words:,} words; one paragraph per `<P>`, line wrapping undone.
Machine: {machine()} (shared with other jobs; the runs are measured in one process, one after
the other). Peak memory {peak_memory_mb():,.0f} MB.
Layers run: {', '.join(layers)}.

{table(["run", "CPU s", "wall s", "words/CPU s", "CPU time vs stock spaCy"], rows)}

Speeds are per CPU second of this process (`time.process_time`), because the machine is shared
and wall time mostly measures waiting; wall seconds are shown for reference.
Wall time per analyser in the whole-chain run (after parsing):

{table(["analyser", "wall s", "share of chain wall time"], layer_rows)}
"""
    write_section("analysis_speed", markdown, args.no_write)


if __name__ == "__main__":
    main()
