"""Speed of the whole pipeline on DUC 2007 news: every stage, the brief against a floor, re-runs.

One process, one run, CPU seconds (``time.process_time``: every thread of this process, so
the figures hold on a busy machine where wall time does not):

1. ingest N DUC 2007 main-task documents (written out as text files, read by ``pipeline.ingest``);
2. analyse them (``analyse_store``), then store the vector of every sentence
   (``pipeline.embed_sentences``), then group them into stories (``update_stories``);
3. brief every story cold (no vector in memory: they are read from the store, as a separate
   ``newsbrief brief`` process would), stored as it goes (``pipeline.brief_stories``);
4. the floor: sumy LexRank over each story's sentences plus one MiniLM ``encode`` of every one
   of those sentences (no cache) -- what the cheapest embedding-based summariser would pay;
5. brief again on the unchanged store (every brief read back), in process and as the
   ``newsbrief brief`` command in a fresh process (its CPU counted from ``getrusage``), every module
   compiled from source, and with Python's bytecode cached (one untimed run writes it first);
6. 10 held-out documents of one topic added: ingest + analyse + vectors + stories, then brief
   (only the stories they changed are rebuilt);
7. brief cost by story size: one story of 4, 25 and 100 articles (the 100: four topics briefed
   as one story), vectors stored, with the number of claim pairs enumerated for fact grouping
   beside all pairs.

The documents are the first topics of ``duc2007_testdocs/main`` (25 documents each); the 10
held-out documents are the last 10 of the first topic.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, machine, parse_args, peak_memory_mb, require, table, write_section  # noqa: E402

DEFAULT_DOCS = 250
HELD_OUT = 10
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_PARAGRAPH = re.compile(r"<P>(.*?)</P>", re.S)


@contextmanager
def cpu() -> Iterator[dict[str, float]]:
    result: dict[str, float] = {}
    start, wall = time.process_time(), time.perf_counter()
    yield result
    result["cpu"] = time.process_time() - start
    result["wall"] = time.perf_counter() - wall


def write_docs(paths: list[Path], folder: Path) -> Path:
    """Each DUC document as a text file (one paragraph per <P>), named after its document id."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        raw = path.read_text(encoding="utf-8", errors="replace")
        body = _TEXT.search(raw)
        paragraphs = _PARAGRAPH.findall(body.group(1) if body else raw) or re.split(r"\n\s*\n", raw)
        (folder / f"{path.name}.txt").write_text(
            "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip()), encoding="utf-8"
        )
    return folder


def story_sentences(store: Any, article_ids: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """(article id, sentences) of a story's original articles, as the lead sees them."""
    from newsbrief.lead import trim_span
    from newsbrief.pipeline import load_layer

    out = []
    for article in store.iter_articles(article_ids):
        if article.duplicate_of:
            continue
        sentences = []
        for s in load_layer(store, article.id, "sentences"):
            start, end = trim_span(article.text, s.start, s.end)
            if end > start:
                sentences.append(article.text[start:end])
        out.append((article.id, sentences))
    return out


def floor(store: Any, stories: list[Any], encode_rate: float | None = None) -> tuple[float, int]:
    """CPU seconds of LexRank (sumy) + one MiniLM encode of every sentence of every story.

    With ``encode_rate`` (CPU seconds per sentence, measured by the sentence-vector stage of
    the same run) the encode part is that rate times the sentences instead of encoding them
    all again: the same model on the same sentences, half the run time at 1,000 articles."""
    from newsbrief.embed import encode
    from summarise import Cluster, Doc, lexrank

    total, count = 0.0, 0
    for story in stories:
        docs = [Doc(aid, "", sentences) for aid, sentences in story_sentences(store, story.article_ids)]
        texts = [s for d in docs for s in d.sentences]
        if not texts:
            continue
        with cpu() as t:
            if encode_rate is None:
                encode(texts)
            lexrank(Cluster(story.id, docs, []), 100)
        total += t["cpu"] + (encode_rate or 0.0) * len(texts)
        count += len(texts)
    return total, count


def cli_rerun(db: Path, pycache: Path, cached: bool) -> tuple[float, float]:
    """(CPU s, wall s) of `newsbrief brief --db DB -o FILE` in a fresh process, with every module
    compiled from source (no bytecode read or written, as this machine's shell runs it:
    PYTHONDONTWRITEBYTECODE=1 and a fresh checkout), or ``cached``: with bytecode written to
    ``pycache`` by one untimed run first and read back (as an installed package has it)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONPYCACHEPREFIX": str(pycache)}
    command = [sys.executable, "-m", "newsbrief.cli", "brief", "--db", str(db), "-q", "-o", str(db.with_suffix(".md"))]
    if cached:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run(command, check=True, cwd=ROOT, env=env)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"  # and ``pycache`` is empty: nothing to read
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, time.perf_counter() - wall


def by_size(store: Any, topics: list[list[str]]) -> list[list[object]]:
    """Brief CPU for one story of 4, 25 and 100 articles (vectors stored), with claim pairs."""
    from newsbrief import facts
    from newsbrief.models import Story
    from newsbrief.pipeline import brief_story

    counted: dict[str, int] = {}
    real = facts.candidate_links

    def counting(claims: Any, vectors: Any, threshold: float, *args: Any) -> Any:
        links = real(claims, vectors, threshold, *args)
        counted["claims"], counted["links"] = len(claims), len(links)
        return links

    facts.candidate_links = counting  # type: ignore[assignment]
    rows: list[list[object]] = []
    try:
        ids = [i for topic in topics for i in topic]
        for size in (4, 25, 100):
            if len(ids) < size:
                continue
            chosen = tuple(ids[:size])
            story = Story(id=f"size-{size}", title="", article_ids=chosen)
            with cpu() as t:
                brief_story(store, story)
            n = counted.get("claims", 0)
            rows.append([size, n, n * (n - 1) // 2, counted.get("links", 0), round(t["cpu"], 2)])
    finally:
        facts.candidate_links = real  # type: ignore[assignment]
    return rows


def stage(label: str, spent: dict[str, float], fn: Callable[[], Any]) -> Any:
    with cpu() as t:
        result = fn()
    spent[label] = t["cpu"]
    print(f"{label}: {t['cpu']:.1f} CPU s ({t['wall']:.1f} s wall)", file=sys.stderr)
    return result


def main() -> None:
    args = parse_args(__doc__.splitlines()[0], {
        "--estimate-floor": "time the floor's MiniLM encode from the sentence-vector stage's rate (CPU s per "
                            "sentence) instead of encoding every sentence again (for 1,000 articles)",
    })
    docs_root = require(args.data / "duc2007" / "duc2007_testdocs" / "main")
    n = args.limit or DEFAULT_DOCS
    from newsbrief import embed, pipeline
    from newsbrief.pipeline import analyse_store, list_stories, update_stories
    from newsbrief.store import Store

    topics = sorted(d for d in docs_root.iterdir() if d.is_dir())
    paths = [p for t in topics for p in sorted(t.iterdir())][:n]
    first_topic = sorted(topics[0].iterdir())
    held_out = first_topic[-HELD_OUT:]
    paths = [p for p in paths if p not in held_out][: n - HELD_OUT]
    embed.embed(["warm up the model"])  # model load is not a stage
    from newsbrief.analyse.nlp import nlp

    nlp()
    spent: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_docs(paths, Path(tmp) / "docs")
        extra = write_docs(held_out, Path(tmp) / "extra")
        db = Path(tmp) / "bench.db"
        with Store(db) as store:
            stage("ingest", spent, lambda: pipeline.ingest([str(folder)], store))
            analysed = stage("analyse", spent, lambda: analyse_store(store))
            encoded = stage("sentence vectors", spent, lambda: pipeline.embed_sentences(store, analysed.analysed))
            stage("stories", spent, lambda: update_stories(store))
            stories = list_stories(store)
            embed.clear_cache()
            stage("brief (cold)", spent, lambda: pipeline.brief_stories(store, stories))
            rate = spent["sentence vectors"] / max(1, encoded) if args.estimate_floor else None
            fl, floor_sentences = floor(store, stories, rate)
            spent["floor"] = fl
            again = stage("brief again, unchanged", spent, lambda: pipeline.brief_stories(store, stories))
            assert again.rebuilt == []
        cli_cpu, cli_wall = cli_rerun(db, Path(tmp) / "no-bytecode", cached=False)
        cached_cpu, cached_wall = cli_rerun(db, Path(tmp) / "pycache", cached=True)
        with Store(db) as store:
            before = {s.id: s for s in list_stories(store)}
            stage("add 10: ingest", spent, lambda: pipeline.ingest([str(extra)], store))
            stage("add 10: analyse + vectors + stories", spent, lambda: pipeline.update(store))
            after = list_stories(store)
            embed.clear_cache()
            rerun = stage("add 10: brief", spent, lambda: pipeline.brief_stories(store, after))
            changed = [s.id for s in after if before.get(s.id) != s]
            origin_ids: dict[str, str] = {a.origin: a.id for a in store.iter_articles()}
            topic_ids = [
                [origin_ids[str(folder / f"{p.name}.txt")] for p in sorted(t.iterdir()) if str(folder / f"{p.name}.txt") in origin_ids]
                for t in topics[1:5]
            ]
            sizes = by_size(store, topic_ids)
            vectors = store.count_vectors()
        db_mb = db.stat().st_size / 1e6
    articles = len(paths)
    pipeline_cpu = spent["ingest"] + spent["analyse"] + spent["sentence vectors"] + spent["stories"] + spent["brief (cold)"]
    rows = [
        ["ingest", spent["ingest"], "", ""],
        ["analyse", spent["analyse"], "", ""],
        ["sentence vectors (stored, float16)", spent["sentence vectors"], "", ""],
        ["stories", spent["stories"], "", ""],
        [f"brief, all {len(stories)} stories, cold", spent["brief (cold)"],
         f"{spent['brief (cold)'] / spent['floor']:.2f}", f"{spent['brief (cold)'] / spent['analyse']:.2f}"],
        ["brief + sentence vectors", spent["brief (cold)"] + spent["sentence vectors"],
         f"{(spent['brief (cold)'] + spent['sentence vectors']) / spent['floor']:.2f}",
         f"{(spent['brief (cold)'] + spent['sentence vectors']) / spent['analyse']:.2f}"],
        [f"floor: sumy LexRank + one MiniLM encode of each of {floor_sentences:,} sentences"
         + (f" (encode at the vector stage's {rate * 1000:.1f} ms a sentence)" if rate else ""), spent["floor"], "1.00", ""],
        ["brief again, unchanged store (in process)", spent["brief again, unchanged"], "", ""],
        ["`newsbrief brief -o FILE`, unchanged store, fresh process, modules compiled from source", round(cli_cpu, 2), "",
         f"wall {cli_wall:.1f} s"],
        ["`newsbrief brief -o FILE`, unchanged store, fresh process, bytecode cached", round(cached_cpu, 2), "",
         f"wall {cached_wall:.1f} s"],
        [f"+{HELD_OUT} articles of one topic: ingest", spent["add 10: ingest"], "", ""],
        [f"+{HELD_OUT} articles: analyse + vectors + stories", spent["add 10: analyse + vectors + stories"], "", ""],
        [f"+{HELD_OUT} articles: brief ({len(rerun.rebuilt)} of {len(after)} stories rebuilt; {len(changed)} changed)",
         spent["add 10: brief"], "", ""],
    ]
    command = f"bench/pipeline_speed.py{f' --limit {n}' if args.limit else ''}{' --estimate-floor' if args.estimate_floor else ''}"
    markdown = f"""## Pipeline speed, {articles:,} articles (`.venv/bin/python {command}`)

{articles} DUC 2007 main-task documents ({len(stories)} stories), one process, one run, {machine()};
CPU seconds (all threads of the process). Ratios are to the floor (sumy LexRank plus one MiniLM
encode of every sentence of every story) and to the analysis stage, in the same run. Sentence
vectors are computed once, after analysis, and stored; the brief reads them.

{table(["stage", "CPU s", "× floor", "× analyse"], [[r[0], round(r[1], 2) if isinstance(r[1], float) else r[1], r[2], r[3]] for r in rows])}

End to end (ingest → analyse → vectors → stories → brief): **{articles / pipeline_cpu:.2f} articles per CPU second**
({pipeline_cpu:.0f} CPU s); peak memory {peak_memory_mb():.0f} MB; database {db_mb:.1f} MB with {vectors:,} stored vectors.

Brief cost by story size (vectors stored; fact grouping enumerates only pairs at cosine ≥ 0.70, or
≥ 0.55 sharing an entity, date or number):

{table(["articles in the story", "claims", "all claim pairs", "pairs enumerated", "brief CPU s"], sizes)}
"""
    write_section("pipeline_speed" if args.limit is None else f"pipeline_speed_{n}", markdown, args.no_write)


if __name__ == "__main__":
    main()
