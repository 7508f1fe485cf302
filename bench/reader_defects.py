"""What a journalist would not trust in a brief: defect classes counted over briefs of real news.

Briefs clusters of real multi-outlet news that no rule was written on (``READER``: NeuS/AllSides
val stories 160-307, DUC 2007 update sets and ECB+ topics outside ``bench/claims.py``'s), the way
``bench/claims.py`` does (each cluster one story, fresh store), and counts in each brief:

* ``raw value``: a disputed value or timeline date shown as the machine stores it
  (``6500000000``, ``2019-W46``, ``P2M``) instead of as a journalist writes it;
* ``unit title``: a dispute titled by a bare unit or a number ("USD", "percent", "2");
* ``non-person speaker``: a "who said what" speaker that is a date, a document or data
  ("October 11 presentation", "data") or a bare pronoun;
* ``dangling fact``: a key fact (two or more outlets) that opens on a personal pronoun
  ("He ...", "We ...") or a quote whose speaker the reader cannot place (the shown text
  names nobody saying it);
* ``late date``: a timeline entry dated after the story's last article (an event reported
  before it happened is a misread date, unless the text says it is to come);
* ``single-source facts``: a story of one independent outlet that still lists key facts;
* ``outlets over story``: a key fact credited to more independent outlets than its story has
  (the header counts the articles the JSON does not mark ``duplicate_of``, and once each
  original outside the story that copies point to);
* ``repeated clause``: a timeline entry whose every citation is a clause (or part of one)
  already cited under an earlier date ("fired in December and January" under December and again under January);
  ``repeated day clause`` when the entry is a day ("on December 30 and January 2": two days,
  kept on purpose, counted apart);
* ``address headline``: a brief headlined by a page's address ("http: / / worldnews. nbcnews. com / ...");
* ``TeX quote``: shown text with TeX-style quote marks (````like this''``), which Markdown
  shows as escaped backticks.

Each defect is listed with its cluster, then the counts.  ``--out DIR`` also writes each
brief's Markdown and JSON there to read.

    PYTHONPATH=src:bench .venv/bin/python bench/reader_defects.py [--workdir DIR] [--out DIR] [--clusters neus:160,...]
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from claims import LOADERS, brief_cluster, load_clusters
from common import DEFAULT_DATA

# Clusters no rule was written on: beyond bench/claims.py's CLUSTERS, UNSEEN and FRESH.
READER: dict[str, list[str]] = {
    "neus": [str(n) for n in range(163, 307, 12)],  # 163, 175, ... 295: 12 stories
    "duc": ["D0736H-B", "D0740I-C", "D0721E-A"],
    "ecb": ["19ecbplus", "24ecbplus", "30ecbplus", "37ecb"],
}
# Clusters not read while fixing what READER showed: a fix is measured on these (``--held-out``).
HELD_OUT: dict[str, list[str]] = {
    "neus": [str(n) for n in range(161, 307, 6)],  # 161, 167, ... 305: 25 stories, none of READER's
    "duc": ["D0706B-C", "D0711C-C", "D0727G-C", "D0743J-C"],
    "ecb": ["18ecbplus", "25ecbplus", "31ecb", "36ecbplus"],
}

CLASSES = ("raw value", "unit title", "non-person speaker", "titled speaker", "agency alias", "dangling fact",
           "dangling 1-outlet fact", "late date", "single-source facts", "outlets over story", "repeated clause",
           "repeated day clause", "address headline", "TeX quote")
_TEX_QUOTE = re.compile(r"``|(?<!\d)''|`")
_AGENCIES = frozenset({"AP", "AFP", "CNN", "UPI", "BBC", "NBC", "CBS", "ABC", "Reuters", "Xinhua", "XINHUA", "DPA", "NPR"})

_RAW = re.compile(r"^-?\d{5,}(?:\.\d+)?$|^[A-Z]{3} -?\d|\d{4}-W\d\d|^P\d|^P?T\d|_REF$|^\d{4}-\d\d(?:-\d\d)?(?:T|$)")
_UNIT_TITLE = re.compile(r"^(?:[A-Z]{3}|%|percent|per cent|people|persons?|years?|months?|days?|dollars?|units?|times?|"
                         r"[\d.,]+|[a-z]{1,3})$", re.I)
_NOT_PERSON = re.compile(r"\d|\b(?:data|figures|statistics|presentation|report|document|documents|records|estimates|"
                         r"study|survey|poll|filing|research|analysis)$|^(?:he|she|they|it|we|i|you|this|that)$", re.I)
_OPEN_QUOTE = re.compile(r"^\s*[\"“‘`']")
_FUTURE = re.compile(r"\b(?:will|would|plans?|planned|scheduled|set to|expected|due|next|upcoming|to be held)\b", re.I)


_SPEECH = (r"(?:said|says|say|added|adds|explained|told|tells|noted|stated|states|wrote|writes|argued|insisted|continued|"
           r"recalled|asked|warned|declared|remarked|replied|cautioned|acknowledged|conceded|concluded)")
_PRONOUN_SAID = re.compile(rf"\b(?:he|she|they|we|i|it)\s+(?:also\s+)?{_SPEECH}\b", re.I)
_SAID = re.compile(rf"\b{_SPEECH}\b|\baccording to\b|\bcall(?:s|ed|ing)\b|\breferr(?:ed|ing) to\b", re.I)  # "calling it a “feat”"
_NAME_SAID = re.compile(rf"[A-Z][\w.’'-]+,?\s+(?:also\s+)?{_SPEECH}\b|,\s*{_SPEECH}\s+(?:the\s+)?[A-Z]")
_PRONOUNS = re.compile(r"\b(?:He|She|They|We|I|It)\b")


def _titles() -> frozenset[str]:
    from newsbrief.analyse.speakers import ROLE_NOUNS
    from newsbrief.lexicon import PERSON_TITLES, TITLE_WORDS

    extra = {"councilman", "councilwoman", "detective", "inspector", "dean", "gm", "cto", "coach", "sheriff", "assistant",
             "city", "brooklyn", "deputy", "prosecutor", "commissioner", "superintendent", "trooper"}
    return frozenset(ROLE_NOUNS | PERSON_TITLES | TITLE_WORDS | extra)


_TITLES = _titles()


def dangling_fact(text: str) -> bool:
    """A key fact the reader cannot place: it opens on a personal pronoun ("He ...", "We ...")
    with no one named as saying it ("We will win, Biden said" is placed), or it is (part of) a
    quote with no attribution or one to a pronoun ('"...," he said'); a quote of an unnamed
    source ('"...," a friend of the actress said') is placed as well as the writer could."""
    from newsbrief.attribution import outside_quotes
    from newsbrief.lead import dangles

    if text.startswith("["):  # "[Robert Wood] accused ...": named
        return False
    outside = outside_quotes(text.replace("[", "").replace("]", ""))
    quoted = bool(_OPEN_QUOTE.match(text)) or outside != text.replace("[", "").replace("]", "")
    if dangles(text) and not (quoted and _OPEN_QUOTE.match(text)):
        return not _NAME_SAID.search(_PRONOUNS.sub("", outside))
    if not _OPEN_QUOTE.match(text) and not re.search(r"[”\"]\s*$|''\s*$", text):
        return False
    return not _SAID.search(outside) or bool(_PRONOUN_SAID.search(outside))


def defects(brief: dict[str, Any]) -> list[tuple[str, str]]:
    """(class, what) of every defect of one brief document (docs/brief-schema.json)."""
    found: list[tuple[str, str]] = []
    for story in brief["stories"]:
        for d in story["disagreements"]:
            if _UNIT_TITLE.match((d.get("topic") or "").strip()):
                found.append(("unit title", f"{d['topic']!r} ({d['kind']})"))
            for v in d["versions"]:
                shown = v.get("shown") or v.get("value")
                if shown and _RAW.search(shown):
                    found.append(("raw value", f"{shown!r} in a {d['kind']} dispute"))
        for entry in story["timeline"]:
            if _RAW.search(entry.get("shown") or entry["date"]):
                found.append(("raw value", f"timeline {entry.get('shown') or entry['date']!r}: {entry['text'][:80]}"))
        last = max((a["date"][:10] for a in story["articles"] if a.get("date")), default=None)
        for entry in story["timeline"]:
            date = entry["date"]
            if last and re.match(r"\d{4}-\d\d-\d\d$", date) and date > last and not _FUTURE.search(entry["text"]):
                found.append(("late date", f"{date} after {last}: {entry['text'][:90]}"))
        for entity in story["entities"]:
            aliases = {v for v in _AGENCIES & set(entity["variants"]) if not entity["name"].startswith(v)}  # not "CBS News"
            if entity["name"] not in _AGENCIES and aliases:
                found.append(("agency alias", f"{entity['name']} also {', '.join(sorted(aliases))}"))
        speakers = [g["speaker"].strip() for g in story["quotes"]]
        for speaker in speakers:
            words = speaker.split()
            # "Prosecutor Cal Rerucha": a title taken into the name (and often listed beside "Cal Rerucha")
            if len(words) >= 3 and words[0].lower().rstrip(".") in _TITLES and words[0][:1].isupper() and words[-1][:1].isupper():
                found.append(("titled speaker", repr(speaker)))
        for group in story["quotes"]:
            speaker = group["speaker"].strip()
            if _NOT_PERSON.search(speaker) and not (speaker[:1].isupper() and not re.search(r"\d", speaker)):
                found.append(("non-person speaker", repr(group["speaker"])))
        for fact in story["facts"]:
            if dangling_fact(fact["text"]):
                kind = "dangling fact" if fact["independent_outlets"] >= 2 else "dangling 1-outlet fact"
                found.append((kind, fact["text"][:120]))
        originals = {a["outlet"] for a in story["articles"] if not a.get("duplicate_of")}
        if len(originals) <= 1 and story["facts"]:
            found.append(("single-source facts", f"{len(story['facts'])} facts in a one-outlet story"))
        present = {a["id"] for a in story["articles"]}
        outlets = len(originals | {a["duplicate_of"] for a in story["articles"] if a.get("duplicate_of") not in (None, *present)})
        for fact in story["facts"]:
            if fact["independent_outlets"] > outlets:
                found.append(("outlets over story", f"{fact['independent_outlets']} outlets, story {outlets}: {fact['text'][:80]}"))
        found += _repeated_clauses(story["timeline"])
        if re.match(r"\s*(?:https?\s*:|www\s*\.)", story["headline"], re.I):
            found.append(("address headline", story["headline"][:80]))
        for text in _shown_texts(story):
            if _TEX_QUOTE.search(text):
                found.append(("TeX quote", text[:100]))
    return found


def _repeated_clauses(timeline: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = []
    shown: dict[str, list[tuple[int, int]]] = {}
    for entry in sorted(timeline, key=lambda t: (t["granularity"] != "day", t["date"])):  # as the brief reads them
        cited = entry["citations"]
        if cited and all(any(s <= c["start"] and c["end"] <= e for s, e in shown.get(c["article_id"], ())) for c in cited):
            kind = "repeated day clause" if entry["granularity"] == "day" else "repeated clause"
            found.append((kind, f"{entry['date']}: {entry['text'][:90]}"))
        for c in cited:
            shown.setdefault(c["article_id"], []).append((c["start"], c["end"]))
    return found


def _shown_texts(story: dict[str, Any]) -> list[str]:
    """The texts a reader sees: headline, lead, key facts, quotes, disputes, timeline, titles."""
    texts = [story["headline"], *(s["text"] for s in story["lead"]), *(f["text"] for f in story["facts"])]
    texts += [q["text"] for g in story["quotes"] for q in g["quotes"]]
    texts += [v["text"] for d in story["disagreements"] for v in d["versions"]]
    texts += [t["text"] for t in story["timeline"]] + [a["title"] for a in story["articles"] if a.get("title")]
    return texts


def key_facts(brief: dict[str, Any]) -> tuple[int, int]:
    """(facts of two or more outlets, all facts shown)."""
    facts = [f for s in brief["stories"] for f in s["facts"]]
    return sum(f["independent_outlets"] >= 2 for f in facts), len(facts)


def _chosen(spec: str | None, which: str = "reader") -> dict[str, list[str]]:
    from claims import CLUSTERS, UNSEEN

    if not spec:
        return {"reader": READER, "held-out": HELD_OUT, "claims": CLUSTERS, "unseen": UNSEEN}[which]
    chosen: dict[str, list[str]] = {}
    for item in spec.split(","):
        dataset, _, cid = item.partition(":")
        if dataset not in LOADERS or not cid:
            raise SystemExit(f"--clusters {item!r}: use DATASET:ID with DATASET one of {', '.join(LOADERS)}")
        chosen.setdefault(dataset, []).append(cid)
    return chosen


def main() -> int:
    import argparse

    from newsbrief import render

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared bench folder (default: %(default)s)")
    parser.add_argument("--clusters", help="comma-separated DATASET:ID instead of the READER clusters")
    parser.add_argument("--set", choices=["reader", "held-out", "claims", "unseen"], default="reader",
                        help="READER (read while fixing), HELD_OUT (not read), or bench/claims.py's 60 CLUSTERS or 52 UNSEEN")
    parser.add_argument("--workdir", type=Path, help="keep (and reuse) each cluster's analysed store in this folder")
    parser.add_argument("--out", type=Path, help="write each brief's Markdown and JSON to this folder")
    parser.add_argument("--briefs", type=Path, help="count in the brief JSONs an earlier --out wrote to this folder (no rebuilding)")
    args = parser.parse_args()
    if args.briefs:
        return report({p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(args.briefs.glob("*.json"))})
    if not args.data.exists():
        print(f"benchmark data not found at {args.data}; skipping (pass --data DIR).", file=sys.stderr)
        return 0
    briefs: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="newsbrief-reader-") as tmp:
        folder = args.workdir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        clusters = load_clusters(args.data, _chosen(args.clusters, args.set))
        for cluster in clusters:
            brief = brief_cluster(cluster, folder)
            if args.out:
                args.out.mkdir(parents=True, exist_ok=True)
                name = f"{cluster.dataset}-{cluster.id}"
                (args.out / f"{name}.json").write_text(json.dumps(brief, ensure_ascii=False, indent=1), encoding="utf-8")
                shown = render.briefs_from_json(json.dumps(brief))
                (args.out / f"{name}.md").write_text(render.to_markdown(shown), encoding="utf-8")
            briefs[cluster.key] = brief
    return report(briefs)


def report(briefs: dict[str, dict[str, Any]]) -> int:
    """Print every defect of the briefs (name -> brief JSON), then the counts per class."""
    counts: Counter[str] = Counter()
    key = shown = 0
    for name, brief in briefs.items():
        two, every = key_facts(brief)
        key, shown = key + two, shown + every
        for kind, what in defects(brief):
            counts[kind] += 1
            print(f"{kind:22} {name}: {what}")
    print(f"\n{len(briefs)} clusters, {shown} facts shown, {key} of them of 2+ outlets")
    for kind in CLASSES:
        print(f"{kind:22} {counts[kind]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
