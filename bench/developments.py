"""Developing stories and topic piles on DUC 2007 update clusters (successive by design).

Each DUC 2007 update topic is a pile of newswire about one subject in three sets, A, B and C,
every set published after the one before (the task asked what is new in B after A, in C after
B).  Here the whole topic (A+B+C, 25 articles over months or years) is handed to newsbrief
twice, as a user with a research collection would:

* `newsbrief brief FILES` groups it into stories and briefs each one (how many stories?);
* `newsbrief brief --as-one FILES` briefs it as one account with dated developments.

Reported per topic: stories without --as-one, developments with it, whether the developments
are in the sets' order (pairs of articles from different sets whose developments are in the
same order as their sets, among pairs in different developments), and the "dates differ"
items of the pile's brief before and after successive events are set apart.

    .venv/bin/python bench/developments.py [--limit N] [--no-write]
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from claims import load_duc
from common import machine, parse_args, require, table, write_section

TOPICS = ["D0703A", "D0706B", "D0711C"]


def run_topic(data: Path, topic: str, workdir: Path) -> list[object]:
    from newsbrief import pipeline
    from newsbrief.embed import stored_in
    from newsbrief.match import match_articles
    from newsbrief.store import Store

    set_of: dict[str, str] = {}
    source = workdir / f"{topic}.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for part in "ABC":
            for doc in load_duc(data, f"{topic}-{part}").docs:
                url = f"https://bench.invalid/duc/{doc.id}"
                set_of[url] = part
                out.write(json.dumps({"title": doc.title, "text": doc.text, "outlet": doc.outlet, "date": doc.date, "url": url}) + "\n")
    with Store(workdir / f"{topic}.db") as store:
        started = time.perf_counter()
        pile = pipeline.brief([str(source)], store, as_one=True)[0]
        seconds = time.perf_counter() - started
        stories = pipeline.list_stories(store)
        part = {a.id: set_of.get(a.url or "", "?") for a in store.iter_articles()}
        articles = list(store.iter_articles([a.id for a in pile.articles]))
        with stored_in(store):  # the pile's matching, before successive dates are set apart
            matching = match_articles(articles, pipeline.load_analyses(store, articles))
    step_of = {aid: n for n, d in enumerate(pile.developments) for aid in d.article_ids}
    agree = total = 0
    ids = sorted(step_of)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            if part[a] == part[b] or step_of[a] == step_of[b]:
                continue
            total += 1
            agree += (part[a] < part[b]) == (step_of[a] < step_of[b])
    before = sum(d.kind == "date_mismatch" for d in matching.disagreements)
    after = sum(d.kind == "date_mismatch" for d in pile.disagreements)
    steps = " · ".join(f"{d.date} {''.join(sorted(part[a] for a in d.article_ids))}" for d in pile.developments)
    return [topic, len(articles), len(stories), len(pile.developments), f"{agree}/{total}" if total else "-",
            before, after, f"{seconds:.0f}", steps]


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    data = require(args.data)
    require(data / "duc2007")
    started = time.perf_counter()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for topic in TOPICS[: args.limit]:
            rows.append(run_topic(data, topic, Path(tmp)))
            print(rows[-1], flush=True)
    header = ["topic", "articles", "stories without --as-one", "developments with --as-one",
              "set order kept (article pairs)", "dates-differ items (all)", "dates-differ shown", "s (ingest+analyse+brief)",
              "developments: day and sets of their articles"]
    command = "`.venv/bin/python bench/developments.py" + (f" --limit {args.limit}" if args.limit else "") + "`"
    markdown = "\n\n".join([
        "## Developing stories and topic piles",
        f"Command: {command} — machine: {machine()} — total {time.perf_counter() - started:.0f} s.",
        "Each DUC 2007 update topic (sets A, B, C: each set published after the one before) is one pile. "
        "Without `--as-one` it is grouped into stories; with it, it is one brief whose developments should "
        "follow the sets' order. \"dates-differ items (all)\" are what matching finds in the pile; \"shown\" "
        "are those left once dates of different developments are set apart as successive events.",
        table(header, rows),
    ])
    write_section("developments", markdown, args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
