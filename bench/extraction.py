"""Main-text extraction quality on the Scrapinghub article-extraction benchmark (181 pages).

newsbrief's HTML path (trafilatura + newsbrief's chrome cleaning, i.e. ``Article.text``) is
run side by side with plain ``trafilatura.extract`` (defaults) on the same pages, and scored
the way the benchmark's own ``evaluate.py`` scores: tokens are ``\\w+`` runs, compared as
4-token shingles (multiset TP/FP/FN, normalised per page), precision and recall averaged
over pages, F1 from those averages.  The published outputs in ``output/`` are scored with
the same code, for context.

    .venv/bin/python bench/extraction.py [--limit N] [--no-write]

Exits 1 when, on the full set, newsbrief's F1 falls below plain trafilatura's (the gate).
"""

from __future__ import annotations

import ast
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, parse_args, require, table, write_section  # noqa: E402
from newsbrief.errors import ExtractionError  # noqa: E402
from newsbrief.extract import extract_article  # noqa: E402
from newsbrief.models import RawDocument  # noqa: E402
from newsbrief.settings import Settings  # noqa: E402

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


@dataclass(frozen=True)
class Counts:
    tp: float
    fp: float
    fn: float


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    exact: float
    token_f1: float  # bag of whitespace tokens, micro-averaged over all pages


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1)) if tokens[i : i + SHINGLE])


def compare(true: str, pred: str) -> Counts:
    """Shingle TP/FP/FN of one page, normalised to sum to 1 so long pages weigh no more."""
    gold, got = _shingles(true), _shingles(pred)
    tp = sum((gold & got).values())
    fp = sum((got - gold).values())
    fn = sum((gold - got).values())
    total = tp + fp + fn
    return Counts(tp / total, fp / total, fn / total) if total else Counts(0.0, 0.0, 0.0)


def _precision(c: Counts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    return 0.0 if c.tp == c.fp == 0 else c.tp / (c.tp + c.fp)


def _recall(c: Counts) -> float:
    if c.fp == c.fn == 0:
        return 1.0
    return 0.0 if c.tp == c.fn == 0 else c.tp / (c.tp + c.fn)


def score(golds: dict[str, str], preds: dict[str, str]) -> Score:
    counts = [compare(golds[k], preds.get(k, "")) for k in golds]
    p = statistics.mean(_precision(c) for c in counts if c.tp + c.fp > 0)
    r = statistics.mean(_recall(c) for c in counts if c.tp + c.fn > 0)
    exact = statistics.mean(float(_TOKEN.findall(golds[k]) == _TOKEN.findall(preds.get(k, ""))) for k in golds)
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0, exact, whitespace_token_f1(golds, preds))


def whitespace_token_f1(golds: dict[str, str], preds: dict[str, str]) -> float:
    """F1 of the multiset of whitespace-separated tokens, summed over all pages."""
    tp = fp = fn = 0
    for k, gold_text in golds.items():
        gold, got = Counter(gold_text.split()), Counter(preds.get(k, "").split())
        tp += sum((gold & got).values())
        fp += sum((got - gold).values())
        fn += sum((gold - got).values())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _published_body(item: object) -> str:
    """The articleBody of one published output item (a dict, or a dict printed as a string)."""
    if isinstance(item, str):
        try:
            item = ast.literal_eval(item)
        except (ValueError, SyntaxError):
            return item
    return str(item.get("articleBody") or "") if isinstance(item, dict) else ""


def main() -> int:
    args = parse_args(__doc__.splitlines()[0])
    root = require(args.data / "scrapinghub-article-extraction-benchmark")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[: args.limit] if args.limit else sorted(truth)
    golds = {k: truth[k]["articleBody"] for k in keys}
    pages = {k: gzip.decompress((root / "html" / f"{k}.html.gz").read_bytes()).decode("utf-8") for k in keys}
    settings = Settings()

    # One-time loads (trafilatura's stop lists, the language model) happen before timing.
    trafilatura.extract(pages[keys[0]])
    extract_article(RawDocument(origin="warm-up", html=pages[keys[0]]), settings, lambda outlet: {})

    plain: dict[str, str] = {}
    started = time.process_time()
    for k in keys:
        plain[k] = trafilatura.extract(pages[k], url=truth[k]["url"]) or ""
    plain_seconds = time.process_time() - started

    ours: dict[str, str] = {}
    failures: list[str] = []
    removed_lines = 0
    started = time.process_time()
    for k in keys:
        raw = RawDocument(origin=f"{k}.html", html=pages[k], url=truth[k]["url"])
        try:
            article = extract_article(raw, settings, outlet_lines=lambda outlet: {})
        except ExtractionError:
            failures.append(k)
            ours[k] = ""
            continue
        ours[k] = article.text
        removed_lines += len(article.removed)
    ours_seconds = time.process_time() - started

    rows: list[list[object]] = []
    s = score(golds, ours)
    rows.append(["newsbrief extract (trafilatura + cleaning)", s.precision, s.recall, s.f1, s.exact, s.token_f1,
                 f"{1000 * ours_seconds / len(keys):.1f}"])
    s_plain = score(golds, plain)
    rows.append(["trafilatura.extract (defaults)", s_plain.precision, s_plain.recall, s_plain.f1, s_plain.exact,
                 s_plain.token_f1,
                 f"{1000 * plain_seconds / len(keys):.1f}"])
    published = []
    for path in sorted((root / "output").glob("*.json")):
        outputs = json.loads(path.read_text(encoding="utf-8"))
        version = outputs.get("version", "") if "output" in outputs else ""
        outputs = outputs.get("output", outputs)  # some files wrap the items as {"output": ..., "version": ...}
        preds = {k: _published_body(outputs.get(k)) for k in keys}
        p = score(golds, preds)
        name = f"{path.stem} {version}".strip()
        published.append([f"{name} (published output)", p.precision, p.recall, p.f1, p.exact, p.token_f1, "-"])
    published.sort(key=lambda row: -float(str(row[3])))

    header = ["system", "precision", "recall", "F1", "exact", "whitespace-token F1", "CPU ms/page"]
    md = "\n".join([
        "## Extraction: main text of news pages",
        "",
        "Command: `.venv/bin/python bench/extraction.py`" + (f" `--limit {args.limit}`" if args.limit else ""),
        "",
        f"Data: Scrapinghub article-extraction-benchmark, {len(keys)} pages (`html/*.html.gz`, gold "
        "`articleBody` in `ground-truth.json`). Machine: " + machine() + ".",
        "",
        "Metric as in the benchmark's `evaluate.py`: tokens are `\\w+` runs, compared as 4-token shingles "
        "(multiset counts, normalised per page); precision and recall are averaged over pages and F1 "
        "is computed from the averages; *exact* = share of pages whose token sequence equals the gold. "
        "*Whitespace-token F1* is a simpler second view: the multiset of whitespace-separated tokens, "
        "counted over all pages together. Times are CPU time of this process (other jobs share the machine); "
        "newsbrief's time includes metadata and date extraction, cleaning and language identification. "
        "newsbrief is scored on `Article.text` (the title is stored separately and not counted).",
        "",
        table(header, rows),
        "",
        f"newsbrief removed {removed_lines} chrome lines in total; {len(failures)} pages gave no article "
        f"(fewer than {settings.min_article_words} words or nothing found) and score as empty.",
        "",
        "Published outputs of other systems, scored by the same code, for context:",
        "",
        table(header, published),
    ])
    write_section("extraction", md, args.no_write)
    # Quality gate: cleaning must never cost F1 against plain trafilatura on the full set.
    if not args.limit and s.f1 < s_plain.f1:
        print(f"FAIL: newsbrief F1 {s.f1:.3f} is below plain trafilatura's {s_plain.f1:.3f}; "
              "make cleaning more conservative", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
