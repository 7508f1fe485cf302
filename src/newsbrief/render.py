"""8. Brief -> Markdown (terminal), JSON (documented in docs/brief-schema.json), HTML (render_html).

Citations are compact: each article gets a number, shown after the outlet's short name as a
superscript (``[UN News¹]``), and a sources list at the end of each story maps the numbers
to outlet, title, date and where the article came from.

Every field that comes from an input (text, titles, outlets, URLs, origins, names) goes into
Markdown through ``_md_escape``: HTML and Markdown punctuation is backslash-escaped and control
characters dropped, so a rendered brief shows the text literally and runs nothing.  JSON output
keeps the raw text by design: escaping is the job of whatever displays it (docs/security.md).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from newsbrief import __version__
from newsbrief.models import Article, Brief, BriefArticle, BriefSentence, Citation, Fact

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

DISAGREEMENT_LABELS = {
    "count_mismatch": "counts differ",
    "number_mismatch": "numbers differ",
    "date_mismatch": "dates differ",
    "speaker_mismatch": "attributed to different people",
    "denial": "denied",
    "unconfirmed": "not confirmed",
}


_HASHY = re.compile(r"[0-9a-f]{8,}")

QUOTE_KINDS = {"partial": "partly quoted", "indirect": "paraphrase", "according_to": "according to"}


_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_SEASONS = {"SP": ("03", "spring"), "SU": ("06", "summer"), "FA": ("09", "autumn"), "WI": ("12", "winter")}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")


def week_monday(value: str) -> dt.date | None:
    match = _ISO_WEEK.match(value)
    if not match:
        return None
    try:
        return dt.date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
    except ValueError:  # "2019-W53" in a year of 52 weeks
        return None


def reader_date(value: str) -> str:
    """An ISO date as a journalist writes it: "2019-11-15" -> "15 November 2019", "2019-W46"
    -> "week of 11 November 2019", "2019-11" -> "November 2019", "2019-WI" -> "winter 2019";
    anything else unchanged."""
    monday = week_monday(value)
    if monday is not None:
        return f"week of {monday.day} {_MONTH_NAMES[monday.month - 1]} {monday.year}"
    match = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$", value)
    if match and 1 <= int(match.group(2)) <= 12:
        month = _MONTH_NAMES[int(match.group(2)) - 1]
        return f"{int(match.group(3))} {month} {match.group(1)}" if match.group(3) else f"{month} {match.group(1)}"
    if re.match(r"^\d{4}-(?:SP|SU|FA|WI)$", value):
        return f"{_SEASONS[value[5:]][1]} {value[:4]}"
    return value


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def readable_outlet(outlet: str | None) -> bool:
    """False for a missing outlet or a file-name stand-in ("000_a2815e899fb06243")."""
    return bool(outlet) and not _HASHY.search(outlet or "")


def short_outlet(outlet: str | None, limit: int = 18) -> str:
    """A short, readable outlet label for inline citations ("" when there is no real name)."""
    if not outlet or not readable_outlet(outlet):
        return ""
    name = outlet.strip()
    for prefix in ("www.", "https://", "http://"):
        name = name.removeprefix(prefix)
    return name if len(name) <= limit else name[: limit - 1] + "…"


class CitationNumbers:
    """Numbers the articles of one brief in order of first citation (sources list order)."""

    def __init__(self, brief: Brief) -> None:
        self.articles = {a.id: a for a in brief.articles}
        self.number: dict[str, int] = {}

    def __call__(self, citation: Citation) -> int:
        if citation.article_id not in self.number:
            self.number[citation.article_id] = len(self.number) + 1
        return self.number[citation.article_id]

    def label(self, citation: Citation) -> str:
        """``UN News¹`` when the outlet has a name, else just the article's number."""
        n = self(citation)
        outlet = citation.outlet or (self.articles[citation.article_id].label if citation.article_id in self.articles else None)
        name = short_outlet(outlet)
        return f"{name}{str(n).translate(_SUPERSCRIPT)}" if name else str(n)

    def cited(self) -> list[tuple[int, BriefArticle | None, str]]:
        return [(n, self.articles.get(aid), aid) for aid, n in sorted(self.number.items(), key=lambda kv: kv[1])]


def fact_citations(fact: Fact) -> tuple[Citation, ...]:
    """Every version of a fact as a citation (one per claim)."""
    return tuple(Citation(c.article_id, c.outlet, c.start, c.end, c.text) for c in fact.claims)


def unique_by_article(citations: Sequence[Citation], numbers: CitationNumbers | None = None) -> list[Citation]:
    """One citation per article (the first); with ``numbers``, in the order of the sources list."""
    seen: set[str] = set()
    out = []
    for c in citations:
        if c.article_id not in seen:
            seen.add(c.article_id)
            out.append(c)
    if numbers is not None:
        out.sort(key=numbers)
    return out


def _md_cites(numbers: CitationNumbers, citations: Sequence[Citation]) -> str:
    return "".join(f"[{_md_escape(numbers.label(c))}]" for c in unique_by_article(citations, numbers))


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&])")
_MD_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MD_LINE_START = re.compile(r"^(?:([-+=>])|(\d+)([.)]))")


def _md_escape(text: str) -> str:
    """Keep input text literal in Markdown: one line, no control characters, every character
    that could start emphasis, a link, an image, raw HTML, an entity, a table cell or a heading
    backslash-escaped, and a leading list or quote marker escaped too."""
    text = _MD_CONTROLS.sub("", " ".join(text.split()))
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text)


def outlet_heading(brief: Brief, outlet: str, numbers: CitationNumbers) -> str:
    """An outlet's name, or for a nameless one "source N" (its number in the sources list)."""
    if readable_outlet(outlet):
        return outlet
    article = next((a for a in brief.articles if a.label == outlet), None)
    return f"source {numbers(Citation(article.id, article.outlet, 0, 0))}" if article else outlet[:12]


def fact_labels(brief: Brief) -> dict[str, str]:
    return {f.id: f"F{i}" for i, f in enumerate(brief.facts, start=1)}


def story_dates(brief: Brief) -> str:
    dates = sorted(a.date[:10] for a in brief.articles if a.date)
    if not dates:
        return "dates unknown"
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"


def story_summary_line(brief: Brief) -> str:
    originals = [a for a in brief.articles if not a.duplicate_of]
    copies = len(brief.articles) - len(originals)
    outlets = len({a.label for a in originals})
    text = f"{plural(len(brief.articles), 'article')}, {plural(outlets, 'independent outlet')}, {story_dates(brief)}"
    return text + (f" ({copies} syndicated or duplicate copies)" if copies else "")


def _sentence_line(numbers: CitationNumbers, s: BriefSentence) -> str:
    cites = _md_cites(numbers, s.citations)  # first, so the source it was taken from gets the lower number
    also = f" (also {_md_cites(numbers, s.corroborated_by)})" if s.corroborated_by else ""
    return f"{_md_escape(s.text)} {cites}{also}"


def brief_to_markdown(brief: Brief) -> str:
    numbers = CitationNumbers(brief)
    labels = fact_labels(brief)
    out = [f"# {_md_escape(brief.headline)}", "", f"*{story_summary_line(brief)} · story `{brief.story_id[:10]}`*"]
    if brief.focus:
        out += ["", f"Focus: *{_md_escape(brief.focus)}*"]
    out += [""]
    out += [_sentence_line(numbers, s) + "  " for s in brief.lead] or ["*No lead: the articles have no complete sentences.*"]

    if brief.facts:
        out += ["", "## Key facts, by independent outlets", ""]
        for fact in brief.facts:
            n = fact.independent_outlets
            out.append(
                f"- **{labels[fact.id]}** {_md_escape(fact.text)} — **{n} outlet{'s' if n != 1 else ''}** "
                f"{_md_cites(numbers, fact_citations(fact))}"
            )
    if brief.disagreements:
        out += ["", "## Disputed", ""]
        for d in brief.disagreements:
            out.append(f"- **{_md_escape(d.topic)}** ({DISAGREEMENT_LABELS.get(d.kind, d.kind.replace('_', ' '))})")
            for v in d.versions:
                value = f"**{_md_escape(reader_date(v.value))}**: " if v.value else ""
                out.append(f"  - {value}“{_md_escape(v.text)}” {_md_cites(numbers, v.citations)}")
    if brief.quotes:
        out += ["", "## Who said what", ""]
        for group in brief.quotes:
            role = f" — {_md_escape(group.role)}" if group.role else ""
            out.append(f"**{_md_escape(group.speaker)}**{role}")
            out += [""]
            for q in group.quotes:
                if q.kind in (None, "direct"):
                    out.append(f"- “{_md_escape(q.text)}” {_md_cites(numbers, q.citations)}")
                else:
                    kind = QUOTE_KINDS.get(q.kind, q.kind.replace("_", " "))
                    out.append(f"- *{kind}:* {_md_escape(q.text)} {_md_cites(numbers, q.citations)}")
            out += [""]
    if brief.timeline:
        out += ["", "## Timeline", ""]
        for t in brief.timeline:
            note = f" *({_md_escape(t.note)})*" if t.note else ""
            out.append(f"- **{_md_escape(reader_date(t.date))}** — {_md_escape(t.text)} {_md_cites(numbers, t.citations)}{note}")
    if brief.entities:
        out += ["", "## Who and what", ""]
        for e in brief.entities[:15]:
            variants = [v for v in e.variants if v != e.name]
            aka = f": also {', '.join(_md_escape(v) for v in variants)}" if variants else ""
            out.append(
                f"- **{_md_escape(e.name)}** ({_md_escape(e.label)}){aka} · {plural(len(e.mentions), 'mention')} "
                f"in {plural(len(e.article_ids), 'article')}"
            )
    out += _coverage_markdown(brief, labels, numbers)
    if brief.related:
        out += ["", "## Related stories", ""]
        out += [f"- `{r.story_id[:10]}` — {r.relation.replace('_', ' ')}: {_md_escape(r.reason)}" for r in brief.related]
    out += ["", "## Sources", ""]
    for n, article, article_id in numbers.cited():
        if article is None:
            out.append(f"{n}. article `{article_id[:10]}`")
            continue
        where = article.url or article.origin
        date = f", {article.date[:10]}" if article.date else ""
        dup = f" (copy of `{article.duplicate_of[:10]}`)" if article.duplicate_of else ""
        out.append(
            f"{n}. **{_md_escape(article.label)}** — {_md_escape(article.title or 'untitled')}"
            f"{_md_escape(date)} · `{article.id[:10]}` · {_md_escape(where)}{dup}"
        )
    return "\n".join(out).rstrip() + "\n"


def _coverage_markdown(brief: Brief, labels: dict[str, str], numbers: CitationNumbers) -> list[str]:
    cov = brief.coverage
    if not cov.outlets or not brief.facts:
        return []
    out = ["", "## Coverage", "", "| fact | " + " | ".join(_md_escape(outlet_heading(brief, o, numbers)) for o in cov.outlets) + " |"]
    out.append("|---|" + "---|" * len(cov.outlets))
    for fact in brief.facts:
        marks = ["✓" if fact.id in cov.matrix.get(o, ()) else "" for o in cov.outlets]
        out.append(f"| {labels[fact.id]} | " + " | ".join(marks) + " |")
    out.append("")
    if cov.only_one_outlet:
        out.append("- Only one outlet reports: " + ", ".join(labels.get(f, f) for f in cov.only_one_outlet) + ".")
    for outlet, missing in cov.omissions.items():
        out.append(f"- {_md_escape(outlet_heading(brief, outlet, numbers))} leaves out what most others report: " + ", ".join(labels.get(f, f) for f in missing) + ".")
    return out


def to_markdown(briefs: Sequence[Brief]) -> str:
    """One Markdown document: a section per story, each with its own sources list."""
    if not briefs:
        return "*No stories.*\n"
    return "\n---\n\n".join(brief_to_markdown(b) for b in briefs)


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """The JSON form of one brief: the record, plus ``id`` and a ``citations`` list on each fact."""
    data = brief.to_dict()
    for fact, fact_data in zip(brief.facts, data["facts"], strict=True):
        fact_data["citations"] = [c.to_dict() for c in fact_citations(fact)]
    return {"id": brief.story_id, **data}


def to_json(briefs: Sequence[Brief], generated_at: str | None = None) -> str:
    """``{"newsbrief_version", "generated_at", "stories": [...]}``, as described in docs/brief-schema.json."""
    document = {
        "newsbrief_version": __version__,
        "generated_at": generated_at or datetime.now(UTC).isoformat(timespec="seconds"),
        "stories": [brief_to_dict(b) for b in briefs],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def briefs_from_json(text: str) -> list[Brief]:
    """The Brief records back from :func:`to_json` output."""
    return [Brief.from_dict(story) for story in json.loads(text)["stories"]]


def to_html(briefs: Sequence[Brief], articles: Mapping[str, Article]) -> str:
    """One self-contained HTML page: the briefs, and the source articles (id -> Article, e.g.
    from :func:`newsbrief.pipeline.brief_articles`) with every cited span linked."""
    from newsbrief.render_html import render_page

    return render_page(briefs, articles)
