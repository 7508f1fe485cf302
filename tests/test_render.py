"""Rendering briefs built by hand: Markdown citations, JSON against its schema, self-contained HTML."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import jsonschema
import pytest

from newsbrief.models import (
    Article,
    Brief,
    BriefArticle,
    BriefSentence,
    CanonicalEntity,
    Citation,
    Claim,
    Coverage,
    Development,
    Disagreement,
    DisagreementVersion,
    Fact,
    SpeakerQuotes,
    StoryLink,
    TimelineEntry,
)
from newsbrief.render import (
    briefs_from_json,
    reader_amount,
    reader_date,
    reader_estimate,
    reader_quantity,
    reader_span,
    reader_value,
    to_html,
    to_json,
    to_markdown,
)

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "docs" / "brief-schema.json").read_text(encoding="utf-8"))

TEXT_A = (
    "The council met on Wednesday. Leaders of 47 states condemned the transfers.\n"
    "A reader comment said <script>alert('x')</script> & more.\n"
    "“We condemn this,” Robert Wood said."
)
TEXT_B = "Ministers from 48 countries condemned the transfers on Wednesday. The council met on Wednesday."


def _article(aid: str, outlet: str, text: str, title: str) -> Article:
    return Article(id=aid, content_hash=aid, origin=f"/data/{aid}.html", text=text, title=title,
                   outlet=outlet, published="2024-01-10", url=f"https://{outlet.lower().replace(' ', '')}.example/{aid}")


A = _article("aaaa1111", "UN News", TEXT_A, "Council condemns transfers")
B = _article("bbbb2222", "Kyiv Post", TEXT_B, "Ministers condemn transfers")


def cite(article: Article, fragment: str) -> Citation:
    start = article.text.index(fragment)
    return Citation(article.id, article.outlet, start, start + len(fragment), fragment)


def claim(article: Article, fragment: str) -> Claim:
    c = cite(article, fragment)
    return Claim(c.article_id, c.outlet, c.start, c.end, c.text)


def make_brief() -> Brief:
    met_a, met_b = "The council met on Wednesday.", "The council met on Wednesday."
    fact_met = Fact("f-met", met_a, (claim(A, met_a), claim(B, met_b)), ("UN News", "Kyiv Post"), 2, 0.9)
    fact_47 = Fact("f-47", "Leaders of 47 states condemned the transfers.",
                   (claim(A, "Leaders of 47 states condemned the transfers."),), ("UN News",), 1, 0.5)
    script = "A reader comment said <script>alert('x')</script> & more."
    return Brief(
        story_id="story123456789",
        headline="Council condemns <transfers>",
        articles=(
            BriefArticle(A.id, A.outlet, A.title, A.published, A.origin, A.url),
            BriefArticle(B.id, B.outlet, B.title, B.published, B.origin, B.url),
        ),
        lead=(
            BriefSentence(met_a, (cite(A, met_a),), corroborated_by=(cite(B, met_b),)),
            BriefSentence(script, (cite(A, script),)),
        ),
        facts=(fact_met, fact_47),
        disagreements=(
            Disagreement("count_mismatch", "states / countries", (
                DisagreementVersion("Leaders of 47 states condemned the transfers.",
                                    (cite(A, "Leaders of 47 states condemned the transfers."),), "47"),
                DisagreementVersion("Ministers from 48 countries condemned the transfers on Wednesday.",
                                    (cite(B, "Ministers from 48 countries condemned the transfers on Wednesday."),), "48"),
            )),
        ),
        quotes=(SpeakerQuotes("Robert Wood", "US deputy envoy", (
            BriefSentence("We condemn this", (cite(A, "We condemn this"),), kind="direct"),
        )),),
        timeline=(TimelineEntry("2024-01-10", "day", "The council met on Wednesday.",
                                (cite(A, "The council met on Wednesday."), cite(B, "The council met on Wednesday."))),),
        entities=(CanonicalEntity("e1", "Robert Wood", "PERSON", ("Wood", "Robert Wood"), (cite(A, "Robert Wood"),), (A.id,)),),
        coverage=Coverage(("Kyiv Post", "UN News"), {"Kyiv Post": ("f-met",), "UN News": ("f-met", "f-47")},
                          only_one_outlet=("f-47",), omissions={}),
        related=(StoryLink("story999", "follow_up", "a later meeting"),),
    )


@pytest.fixture
def articles() -> dict[str, Article]:
    return {A.id: A, B.id: B}


def test_markdown_cites_every_statement_with_outlet_and_number() -> None:
    md = to_markdown([make_brief()])
    assert md.startswith("# Council condemns \\<transfers\\>")
    assert "The council met on Wednesday. [UN News¹] (also [Kyiv Post²])" in md
    assert "— **2 outlets** [UN News¹][Kyiv Post²]" in md
    assert "**47**" in md and "**48**" in md
    assert "**Robert Wood** — US deputy envoy" in md and "“We condemn this” [UN News¹]" in md
    assert "- **10 January 2024** — The council met on Wednesday. [UN News¹][Kyiv Post²]" in md
    assert "- Only one outlet reports: F2." in md
    assert "- **F1** The council met on Wednesday." in md
    sources = md.split("## Sources", 1)[1]
    assert "1. **UN News** — Council condemns transfers, 10 January 2024" in sources
    assert "2. **Kyiv Post** — Ministers condemn transfers" in sources


def test_an_untitled_development_is_told_once(articles: dict[str, Article]) -> None:
    # DUC 2007 D0711C pile: each untitled wire story's step read "The Justice Department has renewed its
    # scrutiny of …: The Justice Department has renewed its scrutiny of ..." (its headline is its own start).
    leaders, condemned = "Leaders of 47 states condemned the transfers.", "Ministers from 48 countries condemned the transfers on Wednesday."
    steps = (
        Development("2024-01-03", "day", "Leaders of 47 states…", leaders, (cite(A, leaders),), (A.id,)),
        Development("2024-01-10", "day", "Ministers condemn transfers", condemned, (cite(B, condemned),), (B.id,)),
    )
    brief = dataclasses.replace(make_brief(), developments=steps)
    md = to_markdown([brief])
    assert "- **3 January 2024** — Leaders of 47 states condemned the transfers. [UN News" in md
    assert "— **Ministers condemn transfers**: Ministers from 48 countries" in md
    html = to_html([brief], articles)
    assert "<b>Leaders of 47 states…</b>" not in html and "<b>Ministers condemn transfers</b>" in html
    # an untitled step whose sentence the lead shows: its date, the note and its citation only
    met = "The council met on Wednesday."
    shown = Development("2024-01-03", "day", "The council met on…", met, (cite(A, met),), (A.id,))
    md = to_markdown([dataclasses.replace(brief, developments=(shown, steps[1]))])
    assert "- **3 January 2024** — *(in the lead above)* [UN News¹]" in md


def test_json_validates_against_the_schema_and_round_trips() -> None:
    brief = make_brief()
    text = to_json([brief], generated_at="2024-01-11T00:00:00+00:00")
    document = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(document)
    story = document["stories"][0]
    assert story["id"] == brief.story_id
    assert [c["outlet"] for c in story["facts"][0]["citations"]] == ["UN News", "Kyiv Post"]
    assert briefs_from_json(text) == [brief]


def test_schema_rejects_a_lead_sentence_without_citations() -> None:
    document = json.loads(to_json([make_brief()]))
    document["stories"][0]["lead"][0]["citations"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)


def test_html_is_self_contained_escaped_and_every_citation_resolves(articles: dict[str, Article]) -> None:
    page = to_html([make_brief()], articles)
    assert "<script src" not in page.lower()
    assert not re.search(r"<link[^>]+href=[\"']?https?:", page, re.I)
    assert " src=" not in page and "@import" not in page and "url(" not in page  # no external assets at all
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more." in page
    assert "Council condemns &lt;transfers&gt;" in page
    ids = set(re.findall(r'id="([^"]+)"', page))
    targets = re.findall(r'<a class="cite" href="#([^"]+)"', page)
    assert targets and all(t in ids for t in targets)
    # The cited span's text sits in a tagged segment of its article, so clicking can highlight it.
    anchor = next(t for t in targets if t.startswith("c-bbbb2222"))
    start, end = map(int, anchor.rsplit("-", 2)[1:])
    assert f'<span class="seg" data-c="{anchor}">{TEXT_B[start:end]}</span>' in page


def test_html_marks_overlapping_spans_without_breaking_text(articles: dict[str, Article]) -> None:
    brief = make_brief()
    page = to_html([brief], articles)
    article_a = page.split('id="a-aaaa1111"', 1)[1].split("</article>", 1)[0]
    visible = re.sub(r"<[^>]+>", "", article_a.split('<div class="text">', 1)[1])
    assert visible.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&#x27;", "'").replace(
        "&quot;", '"') == TEXT_A


def test_renderers_accept_no_stories(articles: dict[str, Article]) -> None:
    assert "No stories" in to_markdown([])
    assert json.loads(to_json([]))["stories"] == []
    assert "No stories." in to_html([], articles)


PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    "[click](javascript:alert(3))",
    "![x](javascript:alert(4))",
    "<a href='javascript:alert(5)' onclick='alert(6)'>x</a>",
    "<javascript:alert(7)>",
    "&lt;script&gt;alert(8)&lt;/script&gt;",
    "[x]: javascript:alert(9)",
    "`code` **bold** | cell | # heading",
    "1. numbered\n- item\n> quote",
    "\x1b[31mred\x1b[0m",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_runs_nothing_from_any_input_field(payload: str) -> None:
    """Every field from input, rendered by a CommonMark renderer (as a viewer would), stays text."""
    from markdown_it import MarkdownIt

    hostile = _article("cccc3333", f"Outlet {payload}", f"Sentence with {payload} inside it.", f"Title {payload}")
    hostile = Article(**{**hostile.to_dict(), "url": f"https://x.example/{payload}", "origin": f"/data/{payload}"})
    sentence = hostile.text
    c = cite(hostile, sentence)
    brief = Brief(
        story_id="story-hostile",
        headline=f"Headline {payload}",
        articles=(BriefArticle(hostile.id, hostile.outlet, hostile.title, hostile.published, hostile.origin, hostile.url),),
        lead=(BriefSentence(payload, (c,)), BriefSentence(sentence, (c,))),
        facts=(Fact("f1", sentence, (claim(hostile, sentence),), (hostile.outlet or "",), 1, 0.5),),
        disagreements=(Disagreement("count_mismatch", payload, (DisagreementVersion(sentence, (c,), payload),)),),
        quotes=(SpeakerQuotes(payload, payload, (BriefSentence(payload, (c,), kind="direct"),)),),
        timeline=(TimelineEntry("2024-01-10", "day", payload, (c,), note=payload),),
        entities=(CanonicalEntity("e1", payload, "PERSON", (payload, "x"), (c,), (hostile.id,)),),
        coverage=Coverage((hostile.outlet or "",), {hostile.outlet or "": ("f1",)}, only_one_outlet=("f1",), omissions={}),
        related=(StoryLink("story999", "follow_up", payload),),
    )
    markdown = to_markdown([brief])
    assert "\x1b" not in markdown
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    tags = _tags(html)
    assert {name for name, _ in tags} <= {"h1", "h2", "p", "em", "strong", "code", "ul", "ol", "li", "br", "hr",
                                          "table", "thead", "tbody", "tr", "th", "td"}, payload
    assert all(not attrs for name, attrs in tags if name != "ol"), f"an attribute is live for {payload!r}"
    assert html.count("<h1>") == 1 and "<blockquote" not in html  # no heading or block injected by a field
    shown = " ".join(payload.replace("\x1b", "").split())
    assert shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") in html


def _tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    from html.parser import HTMLParser

    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collector().feed(html)
    return found
    assert "No stories." in to_html([], articles)


def test_html_names_a_cited_article_that_is_not_given() -> None:
    page = to_html([make_brief()], {A.id: A})  # B is cited but was not passed (deleted from the store)
    assert page.count("This article is no longer in the store.") == 1
    assert "aaaa1111" in page


def test_report_story_index_folds_away_and_fits_a_phone() -> None:
    from newsbrief.models import Brief, Coverage
    from newsbrief.render_html import render_page

    def brief(n: int) -> Brief:
        return Brief(story_id=f"s{n}", headline=f"Story {n}", articles=(), lead=(), facts=(), disagreements=(),
                     quotes=(), timeline=(), entities=(), coverage=Coverage(outlets=(), matrix={}))

    page = render_page([brief(n) for n in range(57)], {}, generated_at="2024-01-10T00:00:00+00:00")
    head = page.split("<main>", 1)[0]
    # 57 stories: the index is inside a closed <details>, so the header stays one line high
    assert '<details class="index"><summary>Story index</summary>' in head and "<details open" not in head
    assert head.count('href="#story-') == 57
    assert ".top{position:static}" in page and "table.coverage{display:block;overflow-x:auto" in page


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2019-11-15", "15 November 2019"),
        ("2019-W46", "week of 11 November 2019"),
        ("2019-11", "November 2019"),
        ("2019-WI", "winter 2019"),  # a season, not a week
        ("2019-W53", "2019-W53"),  # no such week: shown as it is, never a crash
        ("47", "47"),
        ("2019-W46-WE", "weekend of 16 November 2019"),
        ("2019-FA", "autumn 2019"),
        ("2019-SU", "summer 2019"),
        ("2019-Q3", "the third quarter of 2019"),
        ("2020-Q1", "the first quarter of 2020"),
        ("2019-H2", "the second half of 2019"),
        ("199", "the 1990s"),
        ("201", "the 2010s"),
        ("2019", "2019"),
        ("2019-11-15T14:30", "15 November 2019, 14:30"),
        ("2019-11-15TEV", "15 November 2019, evening"),
        ("PRESENT_REF", "now"),
        ("PAST_REF", "in the past"),
        ("FUTURE_REF", "in the future"),
        ("P2M", "2 months"),
        ("P1D", "1 day"),
        ("PT3H", "3 hours"),
        ("P1.5Y", "1.5 years"),
        ("XXXX-WXX-3", "every Wednesday"),
        ("2019-02-30", "2019-02-30"),  # no such day
        ("2019-13", "2019-13"),
        ("", ""),
    ],
)
def test_dates_are_shown_as_a_journalist_writes_them(value: str, shown: str) -> None:
    assert reader_date(value) == shown


def test_a_season_in_the_timeline_does_not_crash_the_brief() -> None:
    from newsbrief.brief import _date_sort_key

    assert _date_sort_key("2019-WI") == "2019-12"
    assert _date_sort_key("2019-W46") == "2019-11-11"
    assert _date_sort_key("2019-W53") == "2019-W53"


@pytest.mark.parametrize(
    ("value", "unit", "modifier", "value_max", "shown"),
    [
        (6_500_000_000, "USD", None, None, "$6.5 billion"),
        (6_000_000, "USD", "about", None, "about $6 million"),
        (5_900_000, "USD", "almost", None, "almost $5.9 million"),
        (8_000_000_000, "USD", "up to", None, "up to $8 billion"),
        (8000, None, "up to", None, "up to 8,000"),
        (560, None, "more than", None, "more than 560"),
        (47, None, None, None, "47"),
        (212_672, None, None, None, "212,672"),
        (1_250_000, None, None, None, "1.25 million"),
        (2_400_000_000_000, "EUR", None, None, "€2.4 trillion"),
        (1.5e15, "USD", None, None, "$1,500 trillion"),  # never "1.5e+15"
        (3_000_000, "GBP", None, None, "£3 million"),
        (5_000_000, "CNY", None, None, "5 million yuan"),
        (12.5, "%", None, None, "12.5%"),
        (0.25, "%", "about", None, "about 0.25%"),
        (3, "pp", None, None, "3 percentage points"),
        (460, "km", None, None, "460 km"),
        (-3_000_000, "EUR", None, None, "-€3 million"),
        (-2.5, "%", None, None, "-2.5%"),
        (10, None, None, 12, "10 to 12"),
        (5_000_000, "USD", "between", 6_000_000, "between $5 million and $6 million"),
        # a vague count is its words; the estimate only where the words do not tell the size
        (3, None, "several", 7, "several"),
        (300, None, "several", 700, "several (300 to 700)"),
        (36, None, "several dozen", 84, "several dozen"),
        (2000, None, "thousands of", 9999, "thousands"),
        (200_000, None, "hundreds of thousands of", 999_999, "hundreds of thousands"),
        (20_000, None, "some tens of thousands of", 99_999, "some tens of thousands"),
        (2e6, "USD", "millions of", 999e6, "millions of dollars"),
        (20e6, "USD", "tens of millions of", 99_999_999, "tens of millions of dollars"),
        (3e6, "EUR", "several million", 7e6, "several million euros"),
        (300, "km", "several hundred", 700, "several hundred km"),
        (999_999_999, "USD", None, None, "$1 billion"),  # not "$1,000 million"
        (2.333333, None, None, None, "2.33"),
        (0.004, None, None, None, "0.004"),
    ],
)
def test_amounts_and_counts_are_shown_as_a_journalist_writes_them(
    value: float, unit: str | None, modifier: str | None, value_max: float | None, shown: str
) -> None:
    assert reader_amount(value, unit, modifier, value_max) == shown
    assert "e+" not in shown and "6500000000" not in shown


def test_a_stored_quantity_is_shown_with_its_hedge() -> None:
    from newsbrief.models import Quantity

    q = Quantity("a", 0, 20, "almost $6 million", 6_000_000, None, "almost", None, "USD")
    assert reader_quantity(q) == "almost $6 million"
    # what a user saw in `newsbrief show` was "hundreds of (200 to 999)"
    vague = Quantity("a", 0, 21, "Hundreds of thousands", 200_000, "people", "hundreds of thousands of", 999_999)
    assert reader_quantity(vague) == "hundreds of thousands"
    assert reader_estimate(vague.value, vague.unit, vague.value_max) == "200,000 to 999,999"


@pytest.mark.parametrize(
    ("value", "kind", "shown"),
    [
        ("6500000000", "number_mismatch", "6.5 billion"),
        ("USD 6500000000", "number_mismatch", "$6.5 billion"),
        ("about $6 million", "number_mismatch", "about $6 million"),  # already written for readers
        ("12.5%", "number_mismatch", "12.5%"),
        ("47", "count_mismatch", "47"),
        ("Hundreds of thousands", "count_mismatch", "Hundreds of thousands"),  # a vague count as written
        ("2019-W46", "date_mismatch", "week of 11 November 2019"),
        ("2019", "date_mismatch", "2019"),
        ("2019", None, "2019"),  # a bare year is not turned into "2,019"
        ("2019-11-15", None, "15 November 2019"),
    ],
)
def test_disputed_values_are_shown_to_readers_not_raw(value: str, kind: str | None, shown: str) -> None:
    assert reader_value(value, kind) == shown


@pytest.mark.parametrize(
    ("first", "last", "shown"),
    [
        ("2019-11-15", "2019-11-20", "15 to 20 November 2019"),
        ("2019-10-30", "2019-11-02", "30 October to 2 November 2019"),
        ("2019-12-30", "2020-01-02", "30 December 2019 to 2 January 2020"),
        ("2019-11-15", "2019-11-15", "15 November 2019"),
        ("2019-11-15", None, "15 November 2019"),
        (None, None, "dates unknown"),
    ],
)
def test_date_spans_read_as_one_phrase(first: str | None, last: str | None, shown: str) -> None:
    assert reader_span(first, last) == shown


def test_raw_values_never_reach_the_reader_but_json_keeps_them() -> None:
    """A number dispute carrying a raw value and an ISO-week timeline entry: Markdown and HTML
    show "$6.5 billion" and "week of 11 November 2019"; JSON keeps the raw value and ISO week,
    with the reader's form beside it as ``shown``."""
    base = make_brief()
    dispute = Disagreement(
        "number_mismatch", "amount: capital injection",
        (DisagreementVersion("Leaders of 47 states condemned the transfers.", (cite(A, "Leaders of 47 states"),), "USD 6500000000"),
         DisagreementVersion("Ministers from 48 countries condemned the transfers on Wednesday.",
                             (cite(B, "Ministers from 48 countries"),), "USD 8000000000")),
    )
    entry = TimelineEntry("2024-W02", "week", "The council met on Wednesday.", (cite(A, "The council met on Wednesday."),))
    brief = Brief(**{**base.__dict__, "disagreements": (dispute,), "timeline": (entry,)})
    md = to_markdown([brief])
    page = to_html([brief], {A.id: A, B.id: B})
    for shown in (md, page):
        assert "$6.5 billion" in shown and "$8 billion" in shown and "week of 8 January 2024" in shown
        assert "6500000000" not in shown.replace("USD 6500000000", "") and "2024-W02</" not in shown
    assert "6500000000" not in md and "2024-W02" not in md
    data = json.loads(to_json([brief], generated_at="2024-01-10T00:00:00+00:00"))
    jsonschema.validate(data, SCHEMA)
    story = data["stories"][0]
    assert story["timeline"][0]["date"] == "2024-W02" and story["timeline"][0]["shown"] == "week of 8 January 2024"
    version = story["disagreements"][0]["versions"][0]
    assert version["value"] == "USD 6500000000" and version["shown"] == "$6.5 billion"


def test_coverage_marks_an_outlet_restating_a_fact_and_says_what_the_mark_means(articles: dict[str, Article]) -> None:
    """An omission note counts outlets that state a fact in other words among "most": the table
    marks them (Markdown ≈, HTML ◐) with a legend, so it agrees with the note."""
    brief = make_brief()
    coverage = Coverage(("Kyiv Post", "UN News"), {"Kyiv Post": ("f-met",), "UN News": ("f-met", "f-47")},
                        only_one_outlet=("f-47",), omissions={}, restated={"Kyiv Post": ("f-47",)})
    restating = dataclasses.replace(brief, coverage=coverage)
    md = to_markdown([restating])
    rows = md.split("## Coverage", 1)[1]
    assert "| F2 | ≈ | ✓ |" in rows and "- ≈ states it in other words (not counted among the outlets credited with it, nor said to leave it out)." in rows
    assert "≈" not in to_markdown([brief])  # no restating outlet: no mark, no legend
    page = to_html([restating], articles)
    assert '<td class="restated" title="states it in other words">◐</td>' in page
    assert "◐ states it in other words (not counted among the outlets credited with it, nor said to leave it out)." in page
    assert "◐" not in to_html([brief], articles)
    from newsbrief.web.svg import coverage_svg

    drawing = coverage_svg(restating)
    assert 'class="svg-restated"><title>Kyiv Post states in other words F2</title>' in drawing
    assert "svg-restated" not in coverage_svg(brief)
    document = json.loads(to_json([restating]))
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert document["stories"][0]["coverage"]["restated"] == {"Kyiv Post": ["f-47"]}


def test_an_outlet_count_badge_never_breaks_across_lines(articles: dict[str, Article]) -> None:
    # The seeds' report showed "2" at a line's end and "outlets" on the next (key fact F3).
    html = to_html([make_brief()], articles)
    rule = re.search(r"\.badge\{([^}]*)\}", html)
    assert rule and "white-space:nowrap" in rule.group(1)
    steps = re.search(r"\.developments small\{([^}]*)\}", html)  # "1 article" under a development
    assert steps and "white-space:nowrap" in steps.group(1)
