"""The self-contained HTML report: the briefs at the top, their source articles beside them.

One file, no external assets: CSS and the few lines of JavaScript are inline, and every piece
of article text is HTML-escaped.  Each cited span of an article is marked in the source
panel; a citation link points at the span's anchor (``#c-<article>-<start>-<end>``), and
clicking it scrolls the panel to the span and highlights it (without JavaScript the link
still jumps to the anchor).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from html import escape

from newsbrief import __version__
from newsbrief.copies import copy_origins
from newsbrief.models import Article, Brief, BriefSentence, Citation, Development
from newsbrief.render import (
    DEVELOPMENTS_TITLE,
    DISAGREEMENT_LABELS,
    IN_LEAD,
    NO_LEAD,
    QUOTE_KINDS,
    RESTATED_LEGEND,
    THEME_NOTE,
    CitationNumbers,
    development_heading,
    development_reports,
    fact_citations,
    fact_labels,
    lead_day,
    outlet_heading,
    plural,
    reader_date,
    reader_value,
    story_summary_line,
    told_in_lead,
    unique_by_article,
)


def anchor_id(citation: Citation) -> str:
    """The element id of a cited span: stable, and safe in HTML ids and URL fragments."""
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", citation.article_id)
    return f"c-{safe}-{citation.start}-{citation.end}"


def _lead_day_html(brief: Brief, s: BriefSentence) -> str:
    """A developing story's lead sentence opens with the day it tells of (:func:`render.lead_day`)."""
    day = lead_day(brief, s)
    return f'<b class="lead-day">{escape(day)}:</b> ' if day else ""


def all_citations(brief: Brief) -> list[Citation]:
    """Every citation a brief shows, in the order they appear."""
    out: list[Citation] = []
    for s in brief.lead:
        out += [*s.citations, *s.corroborated_by]
    for development in brief.developments:
        out += development.citations
    for fact in brief.facts:
        out += fact_citations(fact)
    for d in brief.disagreements:
        for v in d.versions:
            out += v.citations
    for group in brief.quotes:
        for q in group.quotes:
            out += q.citations
    for t in brief.timeline:
        out += t.citations
    return out


def _cites(numbers: CitationNumbers, citations: Iterable[Citation]) -> str:
    links = []
    for c in unique_by_article(list(citations), numbers):
        title = escape(f"{c.outlet or 'source'}: {' '.join(c.text.split())[:200]}", quote=True)
        links.append(f'<a class="cite" href="#{anchor_id(c)}" title="{title}">{escape(numbers.label(c))}</a>')
    return f'<span class="cites">{"".join(links)}</span>'


def _sentence(numbers: CitationNumbers, s: BriefSentence) -> str:
    cites = _cites(numbers, s.citations)  # first, so the source it was taken from gets the lower number
    also = f' <span class="also">also {_cites(numbers, s.corroborated_by)}</span>' if s.corroborated_by else ""
    return f"{escape(s.text)} {cites}{also}"


def _development_html(brief: Brief, step: Development) -> str:
    """A development's headline and sentence; its headline only when the lead shows the sentence."""
    heading = development_heading(step)
    if told_in_lead(brief, step):
        return (f"<b>{escape(heading)}</b> " if heading else "") + f'<i class="in-lead">({IN_LEAD})</i>'
    return (f"<b>{escape(heading)}</b> " if heading else "") + escape(step.text)


def _brief_html(brief: Brief, numbers: CitationNumbers) -> str:
    labels = fact_labels(brief)
    parts = [
        f"<h1>{escape(brief.headline)}</h1>",
        f'<p class="meta">{escape(story_summary_line(brief))} · story <code>{escape(brief.story_id[:10])}</code></p>',
    ]
    if brief.focus:
        parts.append(f'<p class="focus">Focus: {escape(brief.focus)}</p>')
    # A developing story's lead sentences are dated, one a line (days to years apart, they are
    # no one paragraph); a story of one event reads as one paragraph.
    dated = " dated" if brief.developments else ""
    lead = "".join(f'<span class="lead-s{dated}">{_lead_day_html(brief, s)}{_sentence(numbers, s)}</span> ' for s in brief.lead)
    parts.append(f'<p class="lead">{lead or escape(NO_LEAD)}</p>')
    if brief.developments:
        origins = copy_origins(brief.articles)
        steps = "".join(
            f'<li><time datetime="{escape(d.date)}">{escape(reader_date(d.date))}</time><span>{_development_html(brief, d)}'
            f" {_cites(numbers, d.citations)} <small>{development_reports(brief, d, origins)}</small></span></li>"
            for d in brief.developments
        )
        note = f'<p class="theme">{escape(THEME_NOTE)}</p>' if brief.theme else ""
        parts.append(
            f"<h2>{DEVELOPMENTS_TITLE[brief.theme]} <small>oldest first</small></h2>{note}"
            f'<ol class="timeline developments">{steps}</ol>'
        )

    if brief.facts:
        items = []
        for fact in brief.facts:
            n = fact.independent_outlets
            items.append(
                f'<li id="fact-{escape(fact.id, quote=True)}"><span class="flabel">{labels[fact.id]}</span> '
                f"{escape(fact.text)} <span class=\"badge\">{n} outlet{'s' if n != 1 else ''}</span> "
                f"{_cites(numbers, fact_citations(fact))}</li>"
            )
        parts.append(f'<h2>Key facts <small>by independent outlets</small></h2><ol class="facts">{"".join(items)}</ol>')
    if brief.disagreements:
        items = []
        for d in brief.disagreements:
            versions = "".join(
                f"<li>{f'<b>{escape(reader_value(v.value, d.kind))}</b> ' if v.value else ''}“{escape(v.text)}” {_cites(numbers, v.citations)}</li>"
                for v in d.versions
            )
            kind = DISAGREEMENT_LABELS.get(d.kind, d.kind.replace("_", " "))
            items.append(f'<li><span class="kind">{escape(kind)}</span> {escape(d.topic)}<ul>{versions}</ul></li>')
        parts.append(f'<h2>Disputed</h2><ul class="disputes">{"".join(items)}</ul>')
    if brief.quotes:
        groups = []
        for g in brief.quotes:
            role = f' <span class="role">{escape(g.role)}</span>' if g.role else ""
            quotes = "".join(
                f"<li>“{escape(q.text)}” {_cites(numbers, q.citations)}</li>" if q.kind in (None, "direct")
                else f'<li><span class="qkind">{escape(QUOTE_KINDS.get(q.kind, q.kind))}</span> '
                f"{escape(q.text)} {_cites(numbers, q.citations)}</li>"
                for q in g.quotes
            )
            groups.append(f'<div class="speaker"><h3>{escape(g.speaker)}{role}</h3><ul>{quotes}</ul></div>')
        parts.append(f"<h2>Who said what</h2>{''.join(groups)}")
    if brief.timeline:
        rows = "".join(
            f"<li><time datetime=\"{escape(t.date)}\">{escape(reader_date(t.date))}</time><span>{escape(t.text)} {_cites(numbers, t.citations)}"
            + (f' <span class="tnote" title="{escape(t.note, quote=True)}">year inferred</span>' if t.note else "")
            + "</span></li>"
            for t in brief.timeline
        )
        parts.append(f'<h2>Timeline</h2><ol class="timeline">{rows}</ol>')
    if brief.entities:
        items = []
        for e in brief.entities[:20]:
            variants = [v for v in e.variants if v != e.name]
            aka = f' <span class="aka">also {escape(", ".join(variants))}</span>' if variants else ""
            items.append(
                f'<li><b>{escape(e.name)}</b> <span class="label">{escape(e.label)}</span>{aka} '
                f'<span class="count">{plural(len(e.mentions), "mention")}</span></li>'
            )
        parts.append(f'<h2>Who and what</h2><ul class="entities">{"".join(items)}</ul>')
    parts.append(_coverage_html(brief, labels, numbers))
    if brief.related:
        links = "".join(
            f'<li><a href="#story-{escape(r.story_id, quote=True)}"><code>{escape(r.story_id[:10])}</code></a> '
            f"{escape(r.relation.replace('_', ' '))}: {escape(r.reason)}</li>"
            for r in brief.related
        )
        parts.append(f'<h2>Related stories</h2><ul class="related">{links}</ul>')
    return "\n".join(p for p in parts if p)


def _coverage_html(brief: Brief, labels: dict[str, str], numbers: CitationNumbers) -> str:
    cov = brief.coverage
    if not cov.outlets or not brief.facts:
        return ""
    head = "".join(f"<th>{escape(outlet_heading(brief, o, numbers))}</th>" for o in cov.outlets)
    rows = []
    shown = {f.id for f in brief.facts}
    for fact in brief.facts:
        cells = "".join(
            '<td class="yes">●</td>' if fact.id in cov.matrix.get(o, ())
            else '<td class="restated" title="states it in other words">◐</td>' if fact.id in cov.restated.get(o, ())
            else '<td class="no">·</td>'
            for o in cov.outlets
        )
        only = ' class="only"' if fact.id in cov.only_one_outlet else ""
        rows.append(f'<tr{only}><th><a href="#fact-{escape(fact.id, quote=True)}">{labels[fact.id]}</a></th>{cells}</tr>')
    notes = []
    if any(set(fids) & shown for fids in cov.restated.values()):
        notes.append("◐ " + escape(RESTATED_LEGEND.removeprefix("≈ ")))
    if cov.only_one_outlet:
        notes.append("Only one outlet reports " + ", ".join(labels.get(f, f) for f in cov.only_one_outlet) + ".")
    for outlet, missing in cov.omissions.items():
        notes.append(f"{escape(outlet_heading(brief, outlet, numbers))} leaves out what most others report: " + ", ".join(labels.get(f, f) for f in missing) + ".")
    note_html = "".join(f"<p class=\"note\">{n}</p>" for n in notes)
    return f'<h2>Coverage</h2><table class="coverage"><tr><th></th>{head}</tr>{"".join(rows)}</table>{note_html}'


def _marked_text(article: Article, citations: Sequence[Citation]) -> str:
    """The article text, escaped, with an anchor at each cited span and the span's pieces tagged."""
    text = article.text
    spans: dict[str, tuple[int, int]] = {}
    for c in citations:
        start, end = max(0, min(c.start, len(text))), max(0, min(c.end, len(text)))
        spans.setdefault(anchor_id(c), (start, min(max(start, end), len(text))))
    bounds = sorted({0, len(text), *(b for span in spans.values() for b in span)})
    starts: dict[int, list[str]] = defaultdict(list)
    for cid, (start, _end) in spans.items():
        starts[start].append(cid)
    out = []
    for left, right in zip(bounds, bounds[1:] + [len(text)], strict=True):
        out += [f'<span class="anchor" id="{cid}"></span>' for cid in starts.pop(left, [])]
        if right <= left:
            continue
        covering = [cid for cid, (s, e) in spans.items() if s <= left and right <= e]
        piece = escape(text[left:right])
        out.append(f'<span class="seg" data-c="{" ".join(covering)}">{piece}</span>' if covering else piece)
    for ids in starts.values():  # spans at the very end of the text
        out += [f'<span class="anchor" id="{cid}"></span>' for cid in ids]
    return "".join(out)


def _sources_html(brief: Brief, numbers: CitationNumbers, articles: Mapping[str, Article]) -> str:
    by_article: dict[str, list[Citation]] = defaultdict(list)
    for c in all_citations(brief):
        by_article[c.article_id].append(c)
    for a in brief.articles:  # uncited articles are listed too, after the cited ones
        numbers(Citation(a.id, a.outlet, 0, 0))
    blocks = []
    for n, meta, article_id in numbers.cited():
        article = articles.get(article_id)
        outlet = (meta.label if meta else None) or (article.label if article else None) or "unknown outlet"
        title = (meta.title if meta else None) or (article.title if article else None) or "untitled"
        date = (meta.date if meta else None) or (article.published if article else None)
        where = (meta.url or meta.origin) if meta else (article.url or article.origin if article else "")
        link = (
            f'<a href="{escape(where, quote=True)}">{escape(where)}</a>' if where.startswith(("http://", "https://"))
            else f"<code>{escape(where)}</code>"
        )
        dup = (
            f' <span class="dup">copy of <code>{escape(meta.duplicate_of[:10])}</code></span>'
            if meta and meta.duplicate_of else ""
        )
        if article is not None:
            body = _marked_text(article, by_article.get(article_id, []))
        else:
            anchors = "".join(f'<span class="anchor" id="{anchor_id(c)}"></span>' for c in by_article.get(article_id, []))
            body = f'{anchors}<em>This article is no longer in the store.</em>'
        blocks.append(
            f'<article class="src" id="a-{escape(article_id, quote=True)}"><header><span class="num">{n}</span> '
            f"<b>{escape(outlet)}</b>{dup}<div class=\"stitle\">{escape(title)}</div>"
            f'<div class="smeta">{escape(reader_date(date[:10])) if date else "date unknown"} · {link}</div></header>'
            f'<div class="text">{body}</div></article>'
        )
    return "".join(blocks)


_CSS = """
:root{--ink:#1d2329;--muted:#5f6b76;--line:#e3e6ea;--accent:#1f5fa8;--hl:#ffe58a;--bg:#fafaf8;--panel:#fff}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.55 Charter,"Iowan Old Style",Georgia,"Times New Roman",serif}
.top{position:sticky;top:0;z-index:5;background:#20262d;color:#e9edf1;font:13px/1 system-ui,-apple-system,"Segoe UI",sans-serif;padding:10px 24px;display:flex;gap:18px;align-items:center;flex-wrap:wrap}
.top .brand{font-weight:700;letter-spacing:.04em}.top a{color:#b9d3f3;text-decoration:none}.top nav{display:flex;gap:14px;flex-wrap:wrap}
.story{display:grid;grid-template-columns:minmax(0,1.15fr) minmax(0,1fr);gap:28px;padding:28px 24px;border-bottom:1px solid var(--line);max-width:1500px;margin:0 auto}
.brief h1{font-size:28px;line-height:1.2;margin:0 0 6px}
.brief h2{font:600 13px/1.3 system-ui,-apple-system,"Segoe UI",sans-serif;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:28px 0 10px;padding-top:12px;border-top:1px solid var(--line)}
.brief h2 small{text-transform:none;letter-spacing:0;font-weight:400}
.developments small{white-space:nowrap}
.theme{font-style:italic;color:#555;margin:.2em 0 .6em}
.brief h3{font-size:16px;margin:14px 0 4px}
.meta,.focus,.note{font:13px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--muted);margin:0 0 14px}
.lead{font-size:18px;line-height:1.6;margin:10px 0 0}
.lead-s.dated{display:block;margin:0 0 6px}
.cites{white-space:normal}
a.cite{white-space:nowrap;display:inline-block;margin-top:2px;font:600 11px/1 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--accent);background:#eaf1fa;border-radius:3px;padding:2px 4px;margin-left:3px;text-decoration:none;vertical-align:2px}
a.cite:hover{background:var(--accent);color:#fff}
.also{font:12px system-ui,sans-serif;color:var(--muted)}
ol.facts{padding-left:0;list-style:none;margin:0}ol.facts li{margin:0 0 10px;padding-left:36px;position:relative}
.flabel{position:absolute;left:0;font:600 12px/1.9 system-ui,sans-serif;color:var(--muted)}
.badge{white-space:nowrap;font:600 11px/1 system-ui,sans-serif;background:#e7f3ea;color:#22683a;border-radius:10px;padding:3px 7px;vertical-align:2px}
.kind,.qkind,.label{font:600 11px/1 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.04em;border-radius:3px;padding:3px 5px;vertical-align:2px}
.kind{background:#fbe9e7;color:#a23a22}.qkind,.label{background:#eef0f3;color:var(--muted)}
ul.disputes,ul.entities,ul.related{padding-left:18px}ul.disputes li{margin-bottom:8px}ul.disputes ul{margin-top:6px}
.speaker ul{margin:0 0 6px;padding-left:18px}.speaker li{margin-bottom:6px}.role{font:400 13px system-ui,sans-serif;color:var(--muted);margin-left:6px}
ol.timeline{list-style:none;padding:0;margin:0;border-left:2px solid var(--line)}
ol.timeline li{display:grid;grid-template-columns:110px 1fr;gap:10px;padding:4px 0 8px 14px;position:relative}
ol.timeline li:before{content:"";position:absolute;left:-6px;top:12px;width:10px;height:10px;border-radius:50%;background:var(--accent)}
ol.timeline time{font:600 13px/1.9 system-ui,sans-serif;color:var(--accent)}
.aka,.count{color:var(--muted);font-size:14px}
.tnote{font:11px system-ui,sans-serif;color:#8a6d00;background:#fff6d6;border-radius:3px;padding:1px 4px}
table.coverage{border-collapse:collapse;font:13px system-ui,sans-serif}
table.coverage th,table.coverage td{border:1px solid var(--line);padding:4px 8px;text-align:center}
table.coverage th{background:#f2f4f6;font-weight:600}table.coverage td.yes{color:#22683a}table.coverage td.no{color:#c3c9cf}table.coverage td.restated{color:#5f8f6e}
table.coverage tr.only th{background:#fff5e0}
.sources{position:sticky;top:44px;align-self:start;max-height:calc(100vh - 60px);overflow:auto;background:var(--panel);border:1px solid var(--line);border-radius:6px}
.sources>h2{font:600 13px/1 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:0;padding:14px 16px;border-bottom:1px solid var(--line);background:#f6f7f8;position:sticky;top:0;z-index:2}
article.src{padding:14px 16px;border-bottom:1px solid var(--line)}
article.src header{font:13px/1.4 system-ui,sans-serif;margin-bottom:8px}
.num{display:inline-block;min-width:20px;text-align:center;background:var(--ink);color:#fff;border-radius:3px;font-weight:700;margin-right:4px}
.stitle{font:600 15px/1.35 Charter,Georgia,serif;margin-top:4px}.smeta{color:var(--muted);word-break:break-all}
.dup{color:#a23a22;margin-left:6px}
.text{white-space:pre-wrap;font-size:14.5px;line-height:1.55;color:#2e363e}
.seg{background:#f1f4f8;border-bottom:1px solid #cfd8e3}
.seg.hl{background:var(--hl);border-bottom-color:#d9a400;transition:background .3s}
.anchor,ol.facts li,section.story{scroll-margin-top:90px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;background:#eef0f3;padding:1px 4px;border-radius:3px}
footer{font:12px system-ui,sans-serif;color:var(--muted);text-align:center;padding:24px}
body{overflow-wrap:anywhere}
details.index{max-width:100%}details.index summary{cursor:pointer;color:#b9d3f3}
details.index nav{flex-direction:column;gap:6px;padding:8px 0;max-height:50vh;overflow:auto}
table.coverage{display:block;overflow-x:auto;max-width:100%}
@media (max-width:900px){.story{grid-template-columns:minmax(0,1fr)}.brief,.sources{min-width:0}.sources{position:static;max-height:none}
.top{position:static}.cites{white-space:normal}ol.timeline li{grid-template-columns:88px minmax(0,1fr)}}
"""

_JS = """
(function(){
  function show(id){
    document.querySelectorAll('.seg.hl').forEach(function(e){e.classList.remove('hl');});
    var segs=document.querySelectorAll('.seg[data-c~="'+id+'"]');
    segs.forEach(function(e){e.classList.add('hl');});
    var target=segs[0]||document.getElementById(id); if(!target){return;}
    var panel=target.closest('.sources');
    if(panel&&panel.scrollHeight>panel.clientHeight+4){
      /* scroll only the side panel, so the reader keeps their place in the brief */
      var top=target.getBoundingClientRect().top-panel.getBoundingClientRect().top+panel.scrollTop;
      panel.scrollTo({top:Math.max(0,top-panel.clientHeight/3),behavior:'smooth'});
    }else{target.scrollIntoView({behavior:'smooth',block:'center'});}
  }
  document.addEventListener('click',function(ev){
    var a=ev.target.closest('a.cite'); if(!a){return;}
    ev.preventDefault(); var id=a.getAttribute('href').slice(1);
    history.replaceState(null,'','#'+id); show(id);
  });
  if(location.hash.indexOf('#c-')===0){show(location.hash.slice(1));}
})();
"""


def render_page(briefs: Sequence[Brief], articles: Mapping[str, Article], generated_at: str | None = None) -> str:
    """The page; ``articles`` (id -> Article) holds the cited articles' texts (a missing one
    is shown as no longer stored)."""
    generated = generated_at or datetime.now(UTC).isoformat(timespec="seconds")
    nav = "".join(f'<a href="#story-{escape(b.story_id, quote=True)}">{escape(b.headline[:60])}</a>' for b in briefs)
    sections = []
    for brief in briefs:
        numbers = CitationNumbers(brief)
        brief_html = _brief_html(brief, numbers)  # numbers articles in order of first citation
        sources = _sources_html(brief, numbers, articles)
        sections.append(
            f'<section class="story" id="story-{escape(brief.story_id, quote=True)}">'
            f'<div class="brief">{brief_html}</div>'
            f'<aside class="sources"><h2>Sources · click a citation to see it here</h2>{sources}</aside></section>'
        )
    title = escape(briefs[0].headline) if len(briefs) == 1 else f"{len(briefs)} stories"
    # The story index folds away: open, it lists every story; closed (the default), the
    # header stays one line high, so it never hides the sentence a citation scrolls to.
    index = f'<details class="index"><summary>Story index</summary><nav>{nav}</nav></details>' if len(briefs) > 1 else ""
    body = "".join(sections) or '<p style="padding:24px">No stories.</p>'
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>newsbrief: {title}</title><style>{_CSS}</style></head><body>"
        f'<div class="top"><span class="brand">newsbrief</span><span>{len(briefs)} '
        f"stor{'y' if len(briefs) == 1 else 'ies'} · generated {escape(generated)}</span>{index}</div>"
        f"<main>{body}</main>"
        f"<footer>newsbrief {escape(__version__)} · extractive: every sentence above is a sentence of a cited source</footer>"
        f"<script>{_JS}</script></body></html>\n"
    )
