"""Sources: charset decoding accuracy and reading speed, with peers side by side.

Decoding: every article body of the Scrapinghub extraction benchmark that has a non-ASCII
character is re-encoded, without any charset label, in the legacy charsets news sites used
(windows-1252, windows-1251, windows-1250, Shift-JIS; only where the text is encodable), and
decoded back.  A body counts as right when it comes back exactly.  Peers: charset-normalizer
on its own (what most tools call) and trafilatura's ``decode_file``.

Speed: the 181 gzipped HTML pages read through ``iter_documents`` (decompress, refuse
binary, decode, canonical URL and language from the head), next to the floor of gunzip plus
a lossy UTF-8 decode.

Newswire SGML: every DUC 2007 test document and every TempEval-3 TimeML file (TimeBank +
AQUAINT) read through ``iter_documents``: how many get a wire's name as outlet, a date (and
whether it is the day in the document id), a title (and one still all in capitals), an author,
and any markup, typesetting code or wire chrome paragraph (slug, editors' note, byline, copyright
line, syndication notice) left in the text; next to the floor of reading and decoding the files.

    .venv/bin/python bench/sources.py [--limit N] [--no-write]

What a change to the newswire reader did, document by document: run with the old code and
``--save FILE``, then with the new code and ``--compare FILE`` (titles, authors and texts that
changed, each changed title, and every paragraph that left or joined a text, with its count):

    PYTHONPATH=/path/to/old/src:bench .venv/bin/python bench/sources.py --save /tmp/before.json
    PYTHONPATH=src:bench .venv/bin/python bench/sources.py --compare /tmp/before.json
"""

from __future__ import annotations

import contextlib
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import charset_normalizer
from trafilatura.utils import decode_file

from common import machine, parse_args, require, table, write_section
from newsbrief.errors import SourceError
from newsbrief.settings import Settings
from newsbrief.sources import iter_documents
from newsbrief.sources.decode import decode_bytes
from newsbrief.sources.sgml import WIRE_SOURCES, source_of

CHARSETS = ("cp1252", "cp1251", "cp1250", "shift_jis")


def _newsbrief(data: bytes) -> str:
    return decode_bytes("bench", data)


def _charset_normalizer(data: bytes) -> str:
    best = charset_normalizer.from_bytes(data).best()
    return str(best) if best is not None else data.decode("utf-8", errors="replace")


DECODERS: dict[str, Callable[[bytes], str]] = {
    "newsbrief decode_bytes": _newsbrief,
    "charset-normalizer best()": _charset_normalizer,
    "trafilatura decode_file": decode_file,
}


def decoding(bodies: list[str]) -> tuple[str, int]:
    cases: list[tuple[str, str, bytes]] = []
    for body in bodies:
        for charset in CHARSETS:
            try:
                cases.append((charset, body, body.encode(charset)))
            except UnicodeEncodeError:
                continue
    rows = []
    for name, decode in DECODERS.items():
        right = {c: 0 for c in CHARSETS}
        total = {c: 0 for c in CHARSETS}
        started = time.perf_counter()
        for charset, body, data in cases:
            total[charset] += 1
            with contextlib.suppress(SourceError, UnicodeDecodeError, LookupError):
                right[charset] += decode(data) == body
        seconds = time.perf_counter() - started
        cells = [f"{right[c]}/{total[c]}" for c in CHARSETS]
        rows.append([name, *cells, f"{sum(right.values()) / max(1, len(cases)):.3f}", f"{seconds:.2f}"])
    header = ["decoder", *CHARSETS, "all (share exact)", "seconds"]
    return table(header, rows), len(cases)


def speed(pages: list[Path]) -> str:
    settings = Settings()
    started = time.perf_counter()
    items = list(iter_documents([str(p) for p in pages], settings))
    ours = time.perf_counter() - started
    failed = sum(isinstance(i, SourceError) for i in items)
    started = time.perf_counter()
    for page in pages:
        gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
    floor = time.perf_counter() - started
    rows = [
        ["newsbrief iter_documents", len(items) - failed, failed, f"{ours:.2f}", f"{len(pages) / ours:.0f}"],
        ["floor: gunzip + lossy UTF-8 decode", len(pages), 0, f"{floor:.2f}", f"{len(pages) / floor:.0f}"],
    ]
    return table(["reader", "documents", "errors", "seconds", "pages/s"], rows)


_LEFT_MARKUP = re.compile(r"</?[A-Za-z][\w-]*[\s>/]|&[A-Za-z][A-Za-z0-9]{0,7};")
# Wire chrome paragraphs, by this benchmark's own patterns (not sources/wire.py's): an editor's
# slug "(agh-gm)", "ATTENTION EDITORS", a byline in capitals, a "c.1998 ..." copyright line, a
# syndication notice ("Story Filed By Cox Newspapers", "For Use By Clients of the New York
# Times News Service", "(Distributed by New York Times Special Features)"), an end mark ("ENDIT",
# "XXXX END OF STORY") or a cutting mark ("(BEGIN OPTIONAL TRIM)", "OPTIONAL SIDEBAR FOLLOWS").
_WIRE_CHROME = re.compile(
    r"^\(\s*[a-z]{1,5}(?:\s*[-/]\s*[a-z]{1,5})*\s*\)$|^\(?ATTENTION\s+EDITORS?|^By\s+[A-Z][A-Z.'\- ]+$|^\(?c\.\s?\d{4}\b"
    r"|^\(?(?:Story Filed By|For [Uu]se [Bb]y|Distributed [Bb]y)\b.{0,60}$"
    r"|^(?:ENDIT|(?:XXXX )?END OF STORY)$|^\(?(?:BEGIN |END )?(?:OPTIONAL|ADDITI?ONAL) (?:TRIM|SIDEBAR)",
    re.MULTILINE,
)


def newswire(sets: dict[str, list[Path]]) -> str:
    """Every file of each set read as ``newsbrief`` reads it (sources/sgml.py)."""
    rows = []
    wires = set(WIRE_SOURCES.values())
    for name, files in sets.items():
        started = time.perf_counter()
        items = list(iter_documents([str(p) for p in files], Settings()))
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        for path in files:
            path.read_bytes().decode("latin-1")
        floor = time.perf_counter() - started
        docs = [i for i in items if not isinstance(i, SourceError)]
        id_days = [source_of(Path(d.origin).name.removesuffix(".tml"))[1] for d in docs]
        rows.append([
            name, len(files), len(docs), len(items) - len(docs),
            sum(d.outlet in wires for d in docs), sum(bool(d.published) for d in docs),
            f"{sum(bool(day) and d.published == day for d, day in zip(docs, id_days, strict=True))} / {sum(map(bool, id_days))}",
            sum(bool(d.title) for d in docs), sum(bool(d.title) and not re.search("[a-z]", d.title or "") for d in docs),
            sum(bool(d.author) for d in docs), sum(bool(_LEFT_MARKUP.search(d.text or "")) for d in docs),
            sum(bool(_WIRE_CHROME.search(d.text or "")) for d in docs),
            f"{seconds:.2f}", f"{len(files) / seconds:.0f}", f"{len(files) / floor:.0f}",
        ])
    return table(["set", "files", "articles", "errors", "wire outlet", "dated", "the id's day / ids with a day", "titled",
                  "title in capitals", "author", "markup left", "wire chrome left", "seconds", "files/s", "floor files/s"], rows)


Reading = dict[str, dict[str, Any]]  # origin -> title, author, paragraphs


def newswire_reading(files: list[Path]) -> Reading:
    """Each document of ``files`` as read: its title, author and paragraphs."""
    return {d.origin: {"title": d.title, "author": d.author, "paragraphs": (d.text or "").split("\n\n")}
            for d in iter_documents([str(p) for p in files], Settings()) if not isinstance(d, SourceError)}


def compare_readings(before: Reading, after: Reading) -> str:
    """What changed between two readings of the same files (see the module docstring)."""
    shared = sorted(before.keys() & after.keys())
    titles = [k for k in shared if before[k]["title"] != after[k]["title"]]
    authors = [k for k in shared if before[k]["author"] != after[k]["author"]]
    texts = [k for k in shared if before[k]["paragraphs"] != after[k]["paragraphs"]]
    left: Counter[str] = Counter()
    joined: Counter[str] = Counter()
    for k in texts:
        old, new = Counter(before[k]["paragraphs"]), Counter(after[k]["paragraphs"])
        left.update(old - new)
        joined.update(new - old)
    lines = [f"{len(shared)} documents ({len(before.keys() ^ after.keys())} read on one side only): "
             f"{len(titles)} titles, {len(authors)} authors, {len(texts)} texts changed; "
             f"{sum(left.values())} paragraphs left the texts, {sum(joined.values())} joined them"]
    lines += [f"title  {Path(k).name}: {before[k]['title']!r} -> {after[k]['title']!r} (author {after[k]['author']!r})"
              for k in titles]
    lines += [f"left   {n} x {p!r}" for p, n in left.most_common()]
    lines += [f"joined {n} x {p!r}" for p, n in joined.most_common()]
    return "\n".join(lines)


def main() -> int:
    args = parse_args(__doc__.splitlines()[0], paths={
        "--save": "write each newswire document's title, author and paragraphs to FILE (JSON), then stop",
        "--compare": "compare the newswire documents with a reading saved by --save, then stop"})
    if args.save or args.compare:
        files = sorted(p for p in require(args.data / "duc2007" / "duc2007_testdocs").rglob("*") if p.is_file())
        files += sorted(require(args.data / "tempeval3" / "train-TBAQ-cleaned").glob("*/*.tml"))
        reading = newswire_reading(files[: args.limit])
        if args.save:
            args.save.write_text(json.dumps(reading, indent=0), encoding="utf-8")
        else:
            print(compare_readings(json.loads(args.compare.read_text(encoding="utf-8")), reading))
        return 0
    folder = require(args.data / "scrapinghub-article-extraction-benchmark")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted((folder / "html").glob("*.html.gz"))[: args.limit]
    keys = [p.name.split(".")[0] for p in pages]
    bodies = [b for b in (truth[k].get("articleBody") or "" for k in keys if k in truth) if any(ord(c) > 127 for c in b)]
    with_letters = sum(any(ord(c) > 127 and c.isalpha() for c in b) for b in bodies)
    decode_table, cases = decoding(bodies)
    speed_table = speed(pages)
    newswire_table = newswire({
        "DUC 2007 test documents": sorted(p for p in require(args.data / "duc2007" / "duc2007_testdocs").rglob("*") if p.is_file()),
        "TempEval-3 TBAQ (TimeML)": sorted(require(args.data / "tempeval3" / "train-TBAQ-cleaned").glob("*/*.tml")),
    })
    markdown = f"""## Sources: charset decoding and reading speed

Command: `.venv/bin/python bench/sources.py{f" --limit {args.limit}" if args.limit else ""}`
Data: Scrapinghub article-extraction benchmark ({len(pages)} gzipped news pages; {len(bodies)}
article bodies with non-ASCII characters, re-encoded without a charset label into each
legacy charset that can hold them: {cases} cases). Most bodies are English: in
{len(bodies) - with_letters} of them the only non-ASCII characters are typographic punctuation
(’ “ ” — …), which is where unrestricted detectors go wrong (they pick DOS or Mac code pages:
"Spain’s" -> "Spainĺs"); {with_letters} have non-ASCII letters. Machine: {machine()}.

Decoding, bodies that come back exactly:

{decode_table}

Reading the gzipped HTML pages into `RawDocument`s:

{speed_table}

Newswire SGML (LDC/TREC `<DOC>` files, TimeML `.tml`) into `RawDocument`s, one per document
(floor: reading the files and decoding them as latin-1):

{newswire_table}
"""
    write_section("sources", markdown, args.no_write)
    return 0


if __name__ == "__main__":
    sys.exit(main())
