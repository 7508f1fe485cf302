"""Developing stories (dated developments, headlined by the latest; successive dates not disputed)
and topic piles (`brief --as-one`)."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbrief import pipeline
from newsbrief.analyse import Analysis
from newsbrief.cli import main
from newsbrief.develop import event_day, pile_story, successive_date_disputes
from newsbrief.errors import ConfigError
from newsbrief.models import (
    Article,
    Brief,
    BriefArticle,
    Citation,
    Coverage,
    Development,
    Disagreement,
    DisagreementVersion,
    Sentence,
    TimeMention,
)
from newsbrief.render import to_html, to_json, to_markdown
from newsbrief.store import Store

VOTING_LAW = Path(__file__).resolve().parent / "golden" / "develop" / "voting-law.jsonl"
SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"


# --- pure parts -------------------------------------------------------------------------


def _analysis(text: str, published: str | None, times: list[tuple[str, str, str]]) -> Analysis:
    article = Article(id="a", content_hash="a", origin="a", text=text, published=published)
    sentences = [Sentence("a", 0, 0, len(text), text)]
    mentions = [
        TimeMention("a", text.index(words), text.index(words) + len(words), words, value, granularity)
        for words, value, granularity in times
    ]
    return Analysis.of(article, {"sentences": sentences, "times": mentions})


def test_an_article_is_dated_by_the_day_its_lead_names() -> None:
    text = "A federal appeals court on Thursday reversed the ruling of a judge."
    event = event_day(_analysis(text, "2019-11-15", [("Thursday", "2019-11-14", "day")]))
    assert event is not None and (event.day.isoformat(), event.source) == ("2019-11-14", "lead")


@pytest.mark.parametrize(
    ("words", "value", "granularity"),
    [("since Monday", "2019-11-11", "day"), ("in 1988", "1988", "year"), ("winter 2019", "2019-WI", "season"),
     ("May 3", "2020-05-03", "day"), ("week 46", "2019-W46", "week"), ("then", "PRESENT_REF", "vague")],
)
def test_other_dates_leave_the_article_at_its_publication_day(words: str, value: str, granularity: str) -> None:
    text = f"The court reversed the ruling {words}, its clerk said in a statement."
    event = event_day(_analysis(text, "2019-11-15", [(words, value, granularity)]))
    assert event is not None and (event.day.isoformat(), event.source) == ("2019-11-15", "published")


def test_an_undated_article_has_no_event_day() -> None:
    assert event_day(_analysis("The court reversed the ruling, its clerk said.", None, [])) is None


def _development(day: str) -> Development:
    citation = Citation("a", None, 0, 4, "text")
    return Development(day, "day", "headline", "text", (citation,), ("a",))


def _date_dispute(*days: str) -> Disagreement:
    versions = tuple(DisagreementVersion("text", (Citation("a", None, 0, 4, "text"),), day) for day in days)
    return Disagreement("date_mismatch", "ruling", versions, 0.9)


def test_dates_of_different_developments_are_successive_not_disputed() -> None:
    developments = [_development("2019-11-01"), _development("2019-11-07"), _development("2019-11-14")]
    disputes = [
        _date_dispute("2019-11-01", "2019-11-07"),  # the ruling and the appeal: successive
        _date_dispute("2019-11-06", "2019-11-08"),  # two days of one step: a real dispute
        _date_dispute("2019-11-01", "2019-10-01"),  # a date no development has: a real dispute
        Disagreement("count_mismatch", "votes", (DisagreementVersion("t", (), "47"), DisagreementVersion("t", (), "48"))),
    ]
    assert successive_date_disputes(disputes, developments) == {0}
    assert successive_date_disputes(disputes, developments[:1]) == set()  # one event: nothing is successive


def test_a_pile_is_one_story_whose_id_depends_only_on_its_articles() -> None:
    articles = [
        Article(id=i, content_hash=i, origin=i, text="x", outlet=o, title=t, published=d)
        for i, o, t, d in [("b", "B", "Appeal", "2019-11-08"), ("a", "A", "Ruling", "2019-11-01")]
    ]
    story = pile_story(articles)
    assert story.id == pile_story(list(reversed(articles))).id and story.id.startswith("pile-")
    assert story.article_ids == ("a", "b") and story.title == "Appeal"
    assert (story.first_date, story.last_date, story.outlets) == ("2019-11-01", "2019-11-08", ("A", "B"))
    with pytest.raises(ConfigError, match="--as-one"):
        pile_story([])


# --- a developing story end to end: ruling, appeal, reversal a week apart ------------------


@pytest.fixture(scope="module")
def voting_law(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Brief]]:
    path = tmp_path_factory.mktemp("develop") / "voting.db"
    with Store(path) as store:
        yield store, pipeline.brief([str(VOTING_LAW)], store, as_one=True)[0]


@pytest.mark.slow
def test_successive_events_are_dated_developments_headlined_by_the_latest(voting_law: tuple[Store, Brief]) -> None:
    _, brief = voting_law
    steps = [(d.date, d.headline) for d in brief.developments]
    assert [day for day, _ in steps] == ["2019-11-01", "2019-11-07", "2019-11-14"], steps
    assert brief.headline == brief.developments[-1].headline
    assert "reinstat" in brief.headline.lower() or "back in force" in brief.headline.lower()
    assert [len(d.article_ids) for d in brief.developments] == [2, 1, 2]
    for d in brief.developments:
        assert d.citations and all(c.text == d.text for c in d.citations)


@pytest.mark.slow
def test_successive_events_are_not_a_date_dispute_and_the_timeline_has_them_in_order(voting_law: tuple[Store, Brief]) -> None:
    _, brief = voting_law
    assert not [d for d in brief.disagreements if d.kind == "date_mismatch"]
    days = [t.date for t in brief.timeline]
    for d in brief.developments:
        assert d.date in days
    day_entries = [day for day in days if len(day) == 10]
    assert day_entries == sorted(day_entries)


@pytest.mark.slow
def test_developments_are_rendered_and_in_the_schema(voting_law: tuple[Store, Brief]) -> None:
    import jsonschema

    store, brief = voting_law
    markdown = to_markdown([brief])
    assert "## Developments, oldest first" in markdown and "1 November 2019" in markdown
    assert markdown.index("1 November 2019") < markdown.index("14 November 2019")
    data = json.loads(to_json([brief]))
    schema = json.loads((Path(__file__).resolve().parent.parent / "docs" / "brief-schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert [d["date"] for d in data["stories"][0]["developments"]] == ["2019-11-01", "2019-11-07", "2019-11-14"]
    html = to_html([brief], pipeline.brief_articles(store, [brief]))
    assert "Developments" in html and 'datetime="2019-11-14"' in html


# --- topic piles ----------------------------------------------------------------------------


@pytest.mark.slow
def test_a_pile_is_briefed_as_one_and_its_stored_brief_is_read_back(voting_law: tuple[Store, Brief]) -> None:
    store, brief = voting_law
    stories = pipeline.list_stories(store)
    assert set(brief.story_id) and brief.story_id.startswith("pile-")
    assert {a.id for a in brief.articles} == {aid for s in stories for aid in s.article_ids}
    pile = pile_story(list(store.iter_articles()))
    run = pipeline.brief_stories(store, [pile], as_one=True)
    assert run.rebuilt == [] and run.briefs[0] == brief  # stored under its own variant, read back
    again = pipeline.brief([str(VOTING_LAW)], store, as_one=True)[0]  # the same inputs: the same pile
    assert again == brief
    # the stories grouped from the pile, briefed as one by id, are the same pile
    by_ids = pipeline.brief([], store, story_ids=[s.id for s in stories], as_one=True)[0]
    assert by_ids.story_id == brief.story_id


@pytest.mark.slow
def test_brief_as_one_on_the_command_line(voting_law: tuple[Store, Brief], tmp_path: Path) -> None:
    store, brief = voting_law
    out = tmp_path / "pile.json"
    assert main(["brief", "--db", str(store.path), "--as-one", "-q", "-o", str(out)]) == 0
    stories = json.loads(out.read_text(encoding="utf-8"))["stories"]
    assert len(stories) == 1 and stories[0]["story_id"] == brief.story_id
    assert main(["brief", "--db", str(store.path), "--as-one", "--top", "2"]) == 2  # an error that says why
    assert main(["brief", "--db", str(store.path), "--stories", ","]) == 2


@pytest.mark.slow
def test_the_seed_stories_gain_no_developments_and_keep_their_disputes(tmp_path: Path) -> None:
    with Store(tmp_path / "seeds.db") as store:
        briefs = pipeline.brief([str(SEEDS)], store)
    assert all(not b.developments for b in briefs)
    kinds = {d.kind for b in briefs for d in b.disagreements}
    assert {"count_mismatch", "unconfirmed"} <= kinds


def test_a_development_is_not_headlined_by_a_service_note() -> None:
    import datetime as dt

    from newsbrief.develop import ArticleEvent, _headline
    from newsbrief.lead import CandidateSentence

    note = Article(id="n", content_hash="n", origin="x", text="Grisham fans can read two chapters online.",
                   title="If you have questions, please call Susie McBee or Tim Spence at 202-298-6920")
    titled = Article(id="t", content_hash="t", origin="y", text="Grisham's thriller is published Feb. 1.",
                     title="Grisham Novel Previewed Online")
    chosen = CandidateSentence(note.text, "n", "NYT", 0, len(note.text), 0)
    group = [ArticleEvent(note, dt.date(2000, 2, 9), "published"), ArticleEvent(titled, dt.date(2000, 2, 9), "published")]
    assert _headline(group, chosen) == "Grisham Novel Previewed Online"
    assert _headline(group[:1], chosen) == "Grisham fans can read two chapters online"


def test_a_development_is_not_headlined_by_its_page_address() -> None:
    import datetime as dt

    from newsbrief.develop import ArticleEvent, _headline
    from newsbrief.lead import CandidateSentence

    # ECB+ 19ecbplus: every page's "title" is its address, tokenised
    page = Article(id="p", content_hash="p", origin="x", text="Riots erupted in Brooklyn after police shot a teenager.",
                   title="http: / / www. essence. com / 2013 / 03 / 17 / riots - erupt - following - death")
    chosen = CandidateSentence(page.text, "p", "Essence", 0, len(page.text), 0)
    assert _headline([ArticleEvent(page, dt.date(2013, 3, 17), "published")], chosen) == (
        "Riots erupted in Brooklyn after police shot a teenager")


def _dated(article_id: str, text: str, published: str) -> Analysis:
    article = Article(id=article_id, content_hash=article_id, origin=article_id, text=text, published=published,
                      outlet=f"Outlet {article_id}")
    return Analysis.of(article, {"sentences": [Sentence(article_id, 0, 0, len(text), text)], "times": []})


def test_a_step_merged_from_events_apart_is_dated_by_the_article_it_is_told_from(monkeypatch: pytest.MonkeyPatch) -> None:
    # DUC D0707B: beyond MAX_DEVELOPMENTS the closest steps merge (22 October and 9 December
    # 1998); the step showed the first article's day beside the later article's sentence.
    import newsbrief.develop as develop
    from newsbrief.develop import find_developments

    monkeypatch.setattr(develop, "MAX_DEVELOPMENTS", 2)
    analyses = [
        _dated("x", "The European Parliament voted on Thursday to freeze aid to Turkey over its rights record.",
               "1996-10-24"),
        _dated("y", "Greece threatened on Thursday to react strongly if the aid package to Turkey was approved.",
               "1998-10-22"),
        _dated("z", "Turkey said on Wednesday it wants the European Union to make it a formal candidate for membership.",
               "1998-12-09"),
    ]
    steps = find_developments(analyses)
    assert len(steps) == 2 and sorted(len(s.article_ids) for s in steps) == [1, 2]
    published = {a.article.id: a.article.published for a in analyses}
    for step in steps:
        assert step.date == published[step.citations[0].article_id][:10]


@pytest.mark.slow
def test_a_developing_storys_lead_sentences_open_with_their_day(voting_law: tuple[Store, Brief]) -> None:
    import re

    from newsbrief.render import lead_day

    store, brief = voting_law
    days = [lead_day(brief, s) for s in brief.lead]
    assert days and all(days)  # "Turkey said Wednesday ..." in a pile needs its day
    order = [s.date or "" for s in brief.lead]
    assert all(order) and order == sorted(order)  # told in order of their days, not by rank
    markdown = to_markdown([brief])
    lead_lines = markdown.split("## Developments")[0].splitlines()
    assert sum(bool(re.match(r"^\*\*\d{1,2} [A-Z][a-z]+ \d{4}:\*\* ", line)) for line in lead_lines) == len(brief.lead)
    html = to_html([brief], pipeline.brief_articles(store, [brief]))
    assert html.count('class="lead-day"') == len(brief.lead) == html.count('class="lead-s dated"')  # one a line
    one_event = dataclasses.replace(brief, developments=())
    assert lead_day(one_event, brief.lead[0]) is None  # one event: its dates are in the summary line


# --- topic piles read as a user (pile14) ----------------------------------------------------

_FACTBOX = ("Figures available Saturday on the earthquake that struck Turkey early Tuesday.\n\n*DEAD:\n\n"
            "At least 12,018\n\n*WORST AREAS AFFECTED:\n\nIzmit 4,179 dead, 10,759 injured\n")


def _sentences(article_id: str, text: str, published: str) -> Analysis:
    article = Article(id=article_id, content_hash=article_id, origin=article_id, text=text, published=published,
                      outlet=f"Outlet {article_id}")
    spans, start = [], 0
    for part in text.split("\n\n"):
        spans.append(Sentence(article_id, len(spans), start, start + len(part), part))
        start += len(part) + 2
    return Analysis.of(article, {"sentences": spans, "times": []})


def test_a_factbox_caption_neither_tells_a_development_nor_leads() -> None:
    # DUC D0743J: the first development and the lead were told by an AP factbox's caption,
    # a line introducing "*DEAD: At least 12,018 ...", not a sentence saying what happened.
    from newsbrief.brief import lead_candidates
    from newsbrief.develop import find_developments

    analyses = [
        _sentences("f", _FACTBOX, "1999-08-21"),
        _sentences("s", "Rescuers in Izmit pulled a boy alive from the rubble of his home on Saturday.", "1999-08-21"),
        _sentences("l", "A strong earthquake struck western Turkey again on Monday, killing at least seven people.",
                   "1999-09-13"),
    ]
    steps = find_developments(analyses)
    assert len(steps) == 2 and steps[0].citations[0].article_id == "s"
    candidates, _ = lead_candidates(analyses, ())
    assert not any(c.text.startswith("Figures available") for c in candidates)


def test_a_caption_introduces_a_list_under_labels_a_sentence_does_not() -> None:
    from newsbrief.lead import introduces_list, reads_as_list

    assert introduces_list(_FACTBOX, _FACTBOX.index("\n"))
    told = "The quake toll rose to 12,000.\n\nDEAD: at least 12,018 people, officials said on Saturday in Ankara.\n"
    assert not introduces_list(told, told.index("\n"))  # a sentence, not a label, follows
    assert not introduces_list(told, len(told))
    entry = ("Game or audience participation show: “Jeopardy!,” Syndicated; “The Price Is Right,” CBS; "
             "“Hollywood Squares,” Syndicated.")
    assert reads_as_list(entry, 0, len(entry))  # DUC D0736H: an Emmy nominees' list led a pile
    sentence = "Rescuers dug through the night; the toll rose to 12,000; officials said they feared many more dead."
    assert not reads_as_list(sentence, 0, len(sentence)) and not reads_as_list(told, 0, told.index("\n"))


def test_a_development_is_told_by_its_first_day_when_outlets_report_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # DUC D0743J: 19 articles of 17-25 August 1999 were told by a toll of the 20th; the quake
    # of the 17th, reported that day by two outlets, is what the development is.
    import newsbrief.develop as develop

    analyses = [
        _sentences("a", "A powerful earthquake struck western Turkey early on Tuesday, killing hundreds in Izmit.",
                   "1999-08-17"),
        _sentences("b", "A strong earthquake rocked Izmit and Istanbul before dawn on Tuesday, toppling buildings.",
                   "1999-08-17"),
        _sentences("c", "The death toll from the earthquake in Turkey has risen to 7,085, the crisis center said.",
                   "1999-08-20"),
        _sentences("d", "The death toll from the earthquake in Turkey has risen to 10,000, the crisis center said.",
                   "1999-08-20"),
        _sentences("e", "The death toll from the Turkish earthquake has risen to 12,000, the crisis center said.",
                   "1999-08-20"),
        _sentences("z", "Survivors of the 1999 earthquake in Izmit are still living in tents one year on.", "2000-08-17"),
    ]
    steps = develop.find_developments(analyses)
    assert len(steps) == 2 and steps[0].date == "1999-08-17" and steps[0].citations[0].article_id in ("a", "b")
    # one outlet's first day (a feature's anecdote) does not outweigh the step's other articles
    lone = [analyses[0], *analyses[2:]]
    assert develop.find_developments(lone)[0].citations[0].article_id in ("c", "d", "e")


def test_a_developing_storys_lead_says_what_started_it() -> None:
    # DUC D0743J: a year-long pile's lead opened with injury counts and tent cities and never
    # said a quake struck on 17 August 1999; its first development's sentence now leads.
    from newsbrief.brief import _with_development
    from newsbrief.lead import words_of
    from newsbrief.models import BriefSentence, Citation

    first = Development(date="1999-08-17", granularity="day", headline="Quake", text="A powerful earthquake struck Turkey.",
                        citations=(Citation("a", "Outlet a", 0, 36, "A powerful earthquake struck Turkey."),),
                        article_ids=("a",))
    later = [BriefSentence(text=f"Sentence {n} of the lead has exactly eight words.", citations=(Citation(f"x{n}", "X", 0, 9, "x"),))
             for n in range(4)]
    budget = len(words_of(first.text)) + 2 * len(words_of(later[0].text))
    lead = _with_development(later, first, budget)
    assert lead[0].text == first.text and [s.text for s in lead[1:]] == [s.text for s in later[:2]]  # the last ranked make room
    assert _with_development((lead[0], *later[:1]), first, budget) == (lead[0], *later[:1])  # already in it


_TOLD = "A strong earthquake rocked western Turkey on Tuesday, toppling buildings in Izmit."


def _told(outlets: dict[str, str], texts: dict[str, str] | None = None) -> list[Analysis]:
    """One-sentence articles of these outlets, each telling ``_TOLD`` unless ``texts`` says otherwise."""
    analyses = []
    for article_id, outlet in outlets.items():
        text = (texts or {}).get(article_id, _TOLD)
        article = Article(id=article_id, content_hash=article_id, origin=article_id, text=text, outlet=outlet)
        analyses.append(Analysis.of(article, {"sentences": [Sentence(article_id, 0, 0, len(text), text)], "times": []}))
    return analyses


def _step(day: str, ids: tuple[str, ...]) -> Development:
    return Development(day, "day", f"headline {day}", _TOLD, (Citation(ids[0], "X", 0, len(_TOLD), _TOLD),), ids)


@pytest.mark.slow
def test_a_pile_is_headlined_by_its_latest_development_more_than_one_article_reports() -> None:
    # DUC D0726F: two years of Gore's campaign headlined "Woman makes yarmulkes for
    # Gore-Lieberman ticket", a lone human-interest item of its last day.
    from newsbrief.brief import _latest_reported

    analyses = _told({i: f"Outlet {i}" for i in "abcdefg"})
    steps = [_step("1999-09-29", ("a", "b", "c")), _step("2000-06-15", ("d",)), _step("2000-08-12", ("e",))]
    assert _latest_reported(steps, analyses, {}) == steps[0]
    last = _step("2000-08-20", ("f", "g"))
    assert _latest_reported([*steps, last], analyses, {}) == last
    assert _latest_reported(steps[1:], analyses, {}) is None  # none reported twice: a theme, headlined as one event


@pytest.mark.slow
def test_a_step_is_reported_only_by_the_articles_that_tell_it() -> None:
    # DUC D0736H (a talk-show host's two years): "Gore Attracts Women's Votes on TV Talk Show"
    # headlined the pile as reported by "4 articles, 3 outlets": an Emmy night, a cyclist's profile
    # and a news budget of the same days were the others.
    from newsbrief.brief import _latest_reported
    from newsbrief.develop import reporting

    unrelated = {"e": "NBC's series about a White House staff won a record nine Emmy awards Sunday night.",
                 "c": "Most everything about her is geared toward cycling, hence her minimalist lifestyle."}
    analyses = _told({"x": "Xinhua", "e": "Associated Press", "c": "The New York Times", "t": "The New York Times"},
                     {**unrelated, "t": "Turkey was shaken early Tuesday by a powerful earthquake that leveled buildings in Izmit."})
    step = _step("2000-09-11", ("x", "e", "c"))
    assert reporting(step, analyses) == ("x",) and _latest_reported([step], analyses, {}) is None
    told = _step("2000-09-11", ("x", "e", "c", "t"))
    assert reporting(told, analyses) == ("x", "t") and _latest_reported([told], analyses, {}) == told


@pytest.mark.slow
def test_a_reprint_is_no_second_report_of_the_development_a_pile_is_headlined_by() -> None:
    # DUC D0743J: a year-long quake pile was headlined "Turkey Yet to Settle Tens of Thousands
    # Quake Survivors", a year-later AP feature "two articles" reported: the other was Xinhua's
    # reprint of it.  Outlets are counted as the key facts count them.
    from newsbrief.brief import _latest_reported
    from newsbrief.render import development_reports

    outlets = {"q1": "Xinhua", "q2": "The New York Times", "a1": "The New York Times", "a2": "The New York Times",
               "y1": "Associated Press", "y2": "Xinhua"}
    analyses = _told(outlets)
    articles = [a.article for a in analyses]
    steps = [_step("1999-08-17", ("q1", "q2")), _step("1999-08-31", ("a1", "a2")), _step("2000-08-17", ("y1", "y2"))]
    reprint = {"y2": "y1"}  # Xinhua's copy of the AP feature
    assert _latest_reported(steps, analyses, {}) == steps[2]
    # the reprint is no second outlet, nor is a second article of the same outlet
    assert _latest_reported(steps, analyses, reprint) == steps[0]
    published = {"q1": "1999-08-17", "q2": "1999-08-17", "a1": "1999-08-31", "a2": "1999-09-01", "y1": "2000-08-15"}
    listed = tuple(BriefArticle(a.id, a.outlet, None, published.get(a.id), a.origin, duplicate_of=reprint.get(a.id))
                   for a in articles)
    brief = Brief("s", "h", listed, (), (), (), (), (), (), Coverage((), {}), developments=tuple(steps))
    # the days its articles were published, when more than one (a merged step of a long pile bundles weeks)
    assert [development_reports(brief, s) for s in steps] == [
        "2 articles", "2 articles, 1 outlet, 31 August to 1 September 1999", "2 articles, 1 outlet"]
    assert "(2 articles, 1 outlet)" in to_markdown([brief])


# --- topic piles read as a user (pile15) ----------------------------------------------------


def _dated_sentences(article_id: str, text: str, published: str, days: dict[str, str]) -> Analysis:
    """:func:`_sentences` with day mentions (words -> ISO day, wherever the words are) in the text."""
    analysis = _sentences(article_id, text, published)
    mentions = [TimeMention(article_id, m.start(), m.end(), w, v, "day") for w, v in days.items() for m in re.finditer(w, text)]
    return Analysis.of(analysis.article, {"sentences": analysis.sentences, "times": mentions})


def test_a_lead_sentence_is_dated_by_what_it_tells_not_by_its_articles_day() -> None:
    # DUC D0743J: a year-later feature's background, "The quake almost leveled parts of Izmit",
    # led as news of 17 August 2000; and "Gore said Wednesday" in Thursday's paper read as Thursday.
    from newsbrief.brief import ToldDay, told_day
    from newsbrief.models import BriefSentence, Claim, Fact

    quake = ("A powerful earthquake struck Izmit early on Tuesday, killing hundreds.\n\n"
             "The quake leveled parts of Izmit on Tuesday.\n\nHenderson pleaded guilty earlier.")
    later = ("The quake almost leveled parts of Izmit and other towns.\n\nSome 26,000 survivors still live in tents.\n\n"
             "The other defendant, Henderson, pleaded guilty earlier and is serving two life sentences.")
    said = "Gore said Wednesday that he would move his campaign to Nashville."
    analyses = {
        "q": _dated_sentences("q", quake, "1999-08-18", {"Tuesday": "1999-08-17"}),
        "z": _dated_sentences("z", later, "2000-08-17", {}),
        "g": _dated_sentences("g", said, "1999-09-30", {"Wednesday": "1999-09-29"}),
    }

    def claim(article_id: str, sentence: int) -> Claim:
        span = analyses[article_id].sentences[sentence]
        return Claim(article_id, f"Outlet {article_id}", span.start, span.end, span.text)

    def lead_sentence(article_id: str, sentence: int) -> BriefSentence:
        c = claim(article_id, sentence)
        return BriefSentence(c.text, (Citation(c.article_id, c.outlet, c.start, c.end, c.text),))

    facts = [Fact("f1", "The quake leveled parts of Izmit.", (claim("q", 1), claim("z", 0)), ("Outlet q", "Outlet z"), 2),
             Fact("f2", "Henderson pleaded guilty.", (claim("q", 2), claim("z", 2)), ("Outlet q", "Outlet z"), 2)]
    # told a year before by a sentence naming its day: that day
    assert told_day(lead_sentence("z", 0), analyses, facts) == ToldDay("1999-08-17", "1999-08-17")
    # told before by a sentence naming no day either: background of no day shown, placed where first told
    assert told_day(lead_sentence("z", 2), analyses, facts) == ToldDay(None, "1999-08-18")
    assert told_day(lead_sentence("z", 1), analyses, facts) == ToldDay("2000-08-17", "2000-08-17")  # news of its day
    assert told_day(lead_sentence("g", 0), analyses, facts).day == "1999-09-29"  # the day it names
    assert told_day(lead_sentence("q", 2), analyses, facts).day == "1999-08-18"  # told first here: its article's day
    steps = (_development("1999-08-17"), _development("2000-08-17"))
    lead = (dataclasses.replace(lead_sentence("z", 0), date="1999-08-17"), lead_sentence("z", 2))
    brief = Brief("s", "h", (), lead, (), (), (), (), (), Coverage((), {}), developments=steps)
    lines = to_markdown([brief]).splitlines()
    assert lines[4].startswith("**17 August 1999:** The quake almost") and lines[5].startswith("The other defendant")


def test_a_development_the_lead_tells_shows_its_headline_only() -> None:
    # DUC D0743J: two of the pile's four lead sentences were read again as its developments.
    from newsbrief.models import BriefSentence

    quake = "A powerful earthquake struck western Turkey on Tuesday, killing hundreds in Izmit."
    tents = "Some 26,000 survivors of the August 17, 1999 earthquake are still living in tents."
    later = "A 5.2-magnitude earthquake rocked western Turkey on Tuesday."
    cited = {"a": quake, "x": tents, "y": tents, "b": later}

    def cite(article_id: str) -> Citation:
        return Citation(article_id, f"Outlet {article_id}", 0, len(cited[article_id]), cited[article_id])

    def step(day: str, article_id: str, headline: str) -> Development:
        return Development(day, "day", headline, cited[article_id], (cite(article_id),), (article_id,))

    steps = (step("1999-08-17", "a", "Quake Hits Turkey"), step("1999-08-31", "b", "Another Earthquake Hits Turkey"),
             step("2000-08-17", "y", "Turkey Yet to Settle Quake Survivors"))
    lead = (BriefSentence(quake, (cite("a"),), date="1999-08-17"), BriefSentence(tents, (cite("x"),), date="2000-08-17"))
    articles = tuple(BriefArticle(i, f"Outlet {i}", None, None, i) for i in ("a", "b", "x", "y"))
    brief = Brief("s", "h", articles, lead, (), (), (), (), (), Coverage((), {}), developments=steps)
    markdown = to_markdown([brief])
    # the same span, and the same words in another article (y's copy of x's sentence): shown once
    assert markdown.count(quake) == 1 and markdown.count(tents) == 1 and markdown.count(later) == 1
    steps_md = markdown.split("## Developments")[1]
    assert "**Quake Hits Turkey** *(in the lead above)*" in steps_md
    assert "**Another Earthquake Hits Turkey**: A 5.2-magnitude" in steps_md
    html = to_html([brief], {})
    steps_html = re.sub(r"<[^>]+>", "", html.split('class="timeline developments">')[1].split("</ol>")[0])  # as read
    assert quake not in steps_html and tents not in steps_html and later in steps_html
    assert steps_html.count("(in the lead above)") == 2


def test_a_theme_lists_dated_items_not_developments() -> None:
    # DUC D0736H: a talk-show host's book club, Emmys, a magazine and a candidate's visit read as
    # "a dozen developments" of one story; no event of it is reported by two independent outlets.
    steps = (_development("1999-03-01"), _development("2000-09-11"))
    brief = Brief("s", "h", (), (), (), (), (), (), (), Coverage((), {}), developments=steps, theme=True)
    markdown = to_markdown([brief])
    assert "## Dated items, oldest first" in markdown and "a collection on a theme" in markdown
    assert "## Developments" not in markdown
    html = to_html([brief], {})
    assert "<h2>Dated items <small>" in html and 'class="theme"' in html
    story = to_markdown([dataclasses.replace(brief, theme=False)])
    assert "## Developments, oldest first" in story and "a collection on a theme" not in story
