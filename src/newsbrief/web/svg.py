"""Inline SVG for the story page: the coverage matrix and the timeline (no script, no CDN).

Every label is XML-escaped; the drawings scale to their container (``viewBox`` and width 100%).
"""

from __future__ import annotations

from datetime import date
from html import escape

from newsbrief.models import Brief
from newsbrief.render import fact_labels, reader_date, short_outlet

CELL = 22


def coverage_svg(brief: Brief) -> str:
    """Facts (rows) by outlets (columns): a filled dot where the outlet reports the fact, a ring
    where it states it in other words (counted as reporting it for "leaves out")."""
    cov = brief.coverage
    if not cov.outlets or not brief.facts:
        return ""
    labels = fact_labels(brief)
    left, top = 40, 110
    width = left + CELL * len(cov.outlets) + 10
    height = top + CELL * len(brief.facts) + 10
    parts = [
        f'<svg class="coverage-svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Which outlet reports which key fact">'
    ]
    for j, outlet in enumerate(cov.outlets):
        x = left + CELL * j + CELL / 2
        parts.append(
            f'<text x="{x:.0f}" y="{top - 8}" transform="rotate(-55 {x:.0f} {top - 8})" class="svg-label">'
            f"<title>{escape(outlet)}</title>{escape(short_outlet(outlet, 16))}</text>"
        )
    for i, fact in enumerate(brief.facts):
        y = top + CELL * i + CELL / 2
        only = fact.id in cov.only_one_outlet
        parts.append(
            f'<a href="#fact-{escape(fact.id, quote=True)}"><text x="4" y="{y + 4:.0f}" class="svg-label{" svg-only" if only else ""}">'
            f"<title>{escape(fact.text[:200])}</title>{escape(labels[fact.id])}</text></a>"
        )
        for j, outlet in enumerate(cov.outlets):
            x = left + CELL * j + CELL / 2
            has = fact.id in cov.matrix.get(outlet, ())
            restated = not has and fact.id in cov.restated.get(outlet, ())
            what = "reports" if has else "states in other words" if restated else "does not report"
            parts.append(
                f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{7 if has else 6 if restated else 2.5}" '
                f'class="{"svg-yes" if has else "svg-restated" if restated else "svg-no"}">'
                f"<title>{escape(outlet)} {what} {escape(labels[fact.id])}</title></circle>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat((value + "-01-01")[:10] if len(value) == 4 else (value + "-01")[:10] if len(value) == 7 else value[:10])
    except ValueError:
        return None


def timeline_svg(brief: Brief) -> str:
    """Event dates on a horizontal axis, one dot per timeline entry (labels in the list below)."""
    days = [(d, t) for t in brief.timeline if (d := _day(t.date)) is not None]
    if not days:
        return ""
    first, last = min(d for d, _ in days), max(d for d, _ in days)
    span = max(1, (last - first).days)
    width, height, pad = 600, 70, 30
    parts = [f'<svg class="timeline-svg" viewBox="0 0 {width} {height}" role="img" aria-label="Timeline of event dates">',
             f'<line x1="{pad}" y1="40" x2="{width - pad}" y2="40" class="svg-axis"/>']
    for d, entry in days:
        x = pad + (width - 2 * pad) * (d - first).days / span
        parts.append(
            f'<circle cx="{x:.1f}" cy="40" r="6" class="svg-event"><title>{escape(reader_date(entry.date))}: '
            f"{escape(entry.text[:200])}</title></circle>"
        )
    parts.append(f'<text x="{pad}" y="64" class="svg-label">{escape(reader_date(first.isoformat()))}</text>')
    if last != first:
        parts.append(f'<text x="{width - pad}" y="64" text-anchor="end" class="svg-label">{escape(reader_date(last.isoformat()))}</text>')
    parts.append("</svg>")
    return "".join(parts)
