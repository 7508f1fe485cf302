"""No time value crashes a brief: odd TIMEX values (seasons, ISO weeks, quarters, unknown years,
vague references) go through the timeline, disputes, developments and every renderer."""

from __future__ import annotations

import dataclasses
import itertools
import json
from pathlib import Path

import pytest

from newsbrief import pipeline
from newsbrief.analyse import Analysis
from newsbrief.brief import build_brief
from newsbrief.models import Brief, Story
from newsbrief.render import reader_date, to_html, to_json, to_markdown
from newsbrief.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"

# What timenorm (or a foreign TimeML file) can put in TimeMention.value, well-formed or not.
ODD_VALUES = [
    "2019-WI", "2019-SP", "2019-SU", "2019-FA", "2019-W46", "2019-W53", "2020-W53", "2019-W00", "2019-W46-WE",
    "2019-W46-5", "XXXX", "XXXX-11-15", "XXXX-WXX-1", "PRESENT_REF", "PAST_REF", "FUTURE_REF", "2019-Q3", "2019-H1",
    "201", "19", "2019-13", "2019-02-30", "2019-11-15T10:30", "2019-11-15TMO", "P2M", "", "WI", "-W", "2019-",
    "2019-XX", "0000-00-00", "9999-12-31", "2019-11-15 ", "２０１９-11-15",
]


@pytest.mark.parametrize("value", ODD_VALUES)
def test_reader_date_reads_any_value(value: str) -> None:
    shown = reader_date(value)
    assert isinstance(shown, str)
    assert "-W" not in shown or shown == value  # never an ISO week shown as a week number it is not


def test_seasons_are_seasons_and_weeks_are_weeks() -> None:
    assert reader_date("2019-WI") == "winter 2019"
    assert reader_date("2019-W46") == "week of 11 November 2019"
    assert reader_date("2019-W53") == "2019-W53"  # 2019 has 52 ISO weeks: shown as written, not a crash


@pytest.fixture(scope="module")
def seed_analyses(tmp_path_factory: pytest.TempPathFactory) -> list[Analysis]:
    path = tmp_path_factory.mktemp("odd") / "seeds.db"
    with Store(path) as store:
        pipeline.ingest([str(SEEDS)], store)
        pipeline.analyse_store(store)
        return pipeline.load_analyses(store, list(store.iter_articles()))


def _with_values(analyses: list[Analysis], values: list[str]) -> list[Analysis]:
    """The analyses with every date mention's value replaced, cycling through ``values``."""
    cycle = itertools.cycle(values)
    out = []
    for analysis in analyses:
        times = [
            dataclasses.replace(t, value=next(cycle) or None) if t.kind == "date" else t
            for t in analysis.times
        ]
        changed = Analysis.of(analysis.article, analysis.layers)
        changed.set_layer("times", times)
        out.append(changed)
    return out


def _brief_and_render(analyses: list[Analysis]) -> Brief:
    story = Story(id="odd", title="odd dates", article_ids=tuple(a.article.id for a in analyses))
    brief = build_brief(story, analyses)
    assert to_markdown([brief])
    data = json.loads(to_json([brief]))
    assert data["stories"][0]["id"] == "odd"
    assert "<html" in to_html([brief], {a.article.id: a.article for a in analyses})
    return brief


@pytest.mark.slow
@pytest.mark.parametrize("value", ["2019-WI", "2019-W46", "XXXX", "PRESENT_REF", "2019-Q3", "2019-W53", "2019-13", "P2M"])
def test_one_odd_value_everywhere_never_crashes_the_brief(seed_analyses: list[Analysis], value: str) -> None:
    brief = _brief_and_render(_with_values(seed_analyses, [value]))
    assert all(isinstance(t.date, str) for t in brief.timeline)


@pytest.mark.slow
def test_every_odd_value_mixed_in_one_story_never_crashes_the_brief(seed_analyses: list[Analysis]) -> None:
    for shift in range(3):  # each mention meets different neighbours
        _brief_and_render(_with_values(seed_analyses, ODD_VALUES[shift:] + ODD_VALUES[:shift]))


@pytest.mark.slow
def test_a_season_in_a_dateline_never_crashes_the_cli(tmp_path: Path) -> None:
    from newsbrief.cli import main

    for i, (place, season) in enumerate([("MADISON, WI", "this winter"), ("AUSTIN, TX", "last fall"), ("BOISE, ID", "next spring")]):
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / f"{i}.txt").write_text(
            f"Court rules on the state budget\n\n{place} — The state supreme court ruled on Friday that the budget "
            f"passed {season} was lawful, the court said in a statement. The governor said the state would appeal "
            "the ruling in the week of 2019-W46 and again in winter 2019.\n",
            encoding="utf-8",
        )
    db = tmp_path / "odd.db"
    assert main(["brief", str(tmp_path / "in"), "--db", str(db), "-q", "-o", str(tmp_path / "b.md"), "-o", str(tmp_path / "b.html"),
                 "-o", str(tmp_path / "b.json")]) == 0
    assert "winter" in (tmp_path / "b.md").read_text(encoding="utf-8").lower()
