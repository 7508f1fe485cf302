"""Stored briefs and stored vectors: the same briefs as a cold build, rebuilt only when a story changes."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsbrief import embed, pipeline
from newsbrief.cli import main, output_formats
from newsbrief.errors import ConfigError
from newsbrief.models import Brief, Story
from newsbrief.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
DUC = ROOT.parent / "shared" / "bench" / "duc2007" / "duc2007_testdocs" / "main"


def _dicts(briefs: list[Brief]) -> list[dict[str, object]]:
    return sorted((b.to_dict() for b in briefs), key=lambda d: str(d["story_id"]))


def _no_encoding(*args: object, **kwargs: object) -> None:
    raise AssertionError("a text whose vector is stored was encoded again")


def _same_briefs_cold_stored_and_rebuilt(folder: Path, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold build (no vector in memory or store), the stored copy, and a rebuild from stored
    vectors (the model never runs) give equal briefs."""
    embed.clear_cache()
    with Store(db) as store:
        cold = pipeline.brief([str(folder)], store)
        stories = pipeline.list_stories(store)
        again = pipeline.brief_stories(store, stories)
        assert again.rebuilt == []
        assert _dicts(again.briefs) == _dicts(cold)
        embed.clear_cache()
        with monkeypatch.context() as patch:
            patch.setattr(embed, "encode", _no_encoding)
            rebuilt = [pipeline.brief_story(store, story) for story in stories]
        assert _dicts(rebuilt) == _dicts(cold)


@pytest.mark.slow
def test_seed_briefs_are_identical_cold_stored_and_rebuilt_from_stored_vectors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _same_briefs_cold_stored_and_rebuilt(SEEDS, tmp_path / "seeds.db", monkeypatch)


@pytest.mark.slow
def test_duc_sample_briefs_are_identical_cold_stored_and_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    topic = DUC / "D0701A"
    if not topic.exists():
        pytest.skip(f"benchmark data {topic} is not on this machine")
    folder = tmp_path / "duc"
    folder.mkdir()
    for path in sorted(topic.iterdir())[:4]:
        raw = path.read_text(encoding="utf-8", errors="replace")
        body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        paragraphs = re.findall(r"<P>(.*?)</P>", body.group(1) if body else raw, re.S)
        (folder / f"{path.name}.txt").write_text("\n\n".join(" ".join(p.split()) for p in paragraphs), encoding="utf-8")
    _same_briefs_cold_stored_and_rebuilt(folder, tmp_path / "duc.db", monkeypatch)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("seeds")
    db = folder / "seeds.db"
    with Store(db) as store:
        pipeline.brief([str(SEEDS)], store)
    yield db


@pytest.mark.slow
def test_a_new_article_rebuilds_only_its_story(seeds_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(seeds_db, db)
    # Another outlet's version of the January story: its first paragraphs with a new one.
    text = (SEEDS / "000_a2815e899fb06243.txt").read_text(encoding="utf-8")
    extra = tmp_path / "another_outlet.txt"
    extra.write_text(
        text[: len(text) // 2] + "\n\nDiplomats said the Security Council would meet again on the missile transfers.\n",
        encoding="utf-8",
    )
    with Store(db) as store:
        before = {s.id: s for s in pipeline.list_stories(store)}
        assert pipeline.brief_stories(store, list(before.values())).rebuilt == []
        pipeline.ingest([str(extra)], store)
        pipeline.update(store)
        after = {s.id: s for s in pipeline.list_stories(store)}
        changed = [sid for sid, story in after.items() if before.get(sid) != story]
        assert len(changed) == 1 and len(after[changed[0]].article_ids) == len(before[changed[0]].article_ids) + 1
        run = pipeline.brief_stories(store, list(after.values()))
        assert run.rebuilt == changed
        assert any("another_outlet" in a.origin for b in run.briefs for a in b.articles)
        assert pipeline.brief_stories(store, list(after.values())).rebuilt == []


@pytest.mark.slow
def test_only_the_changed_story_is_rebuilt(seeds_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(seeds_db, db)
    with Store(db) as store:
        stories = pipeline.list_stories(store)
        assert len(stories) >= 2
        target = max(stories, key=lambda s: len(s.article_ids))
        # The story gains one of the others' articles (what a merge looks like to a brief).
        other = next(s for s in stories if s.id != target.id)
        grown = Story(target.id, target.title, target.article_ids + other.article_ids[:1], target.first_date,
                      target.last_date, target.outlets, target.related)
        run = pipeline.brief_stories(store, [grown if s.id == target.id else s for s in stories])
        assert run.rebuilt == [target.id]
        # Another lead length is another stored variant: built once, then read.
        assert pipeline.brief_stories(store, [other], lead_words=60).rebuilt == [other.id]
        assert pipeline.brief_stories(store, [other], lead_words=60).rebuilt == []


@pytest.mark.slow
def test_several_formats_from_one_run_read_the_stored_briefs(
    seeds_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(seeds_db, db)
    import newsbrief.brief

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("a stored, up-to-date brief was built again")

    monkeypatch.setattr(newsbrief.brief, "build_brief", no_build)
    md, html, js = tmp_path / "b.md", tmp_path / "b.html", tmp_path / "b.json"
    assert main(["brief", "--db", str(db), "-o", str(md), "-o", str(html), "-o", str(js), "-q"]) == 0
    assert md.read_text(encoding="utf-8").startswith("# ")
    assert html.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert '"stories"' in js.read_text(encoding="utf-8")


def test_output_formats_come_from_the_suffix_unless_told() -> None:
    assert output_formats(["a.md", "b.HTML", "c.json", "d.txt"], None) == [
        ("a.md", "markdown"), ("b.HTML", "html"), ("c.json", "json"), ("d.txt", "markdown")]
    assert output_formats(["d.txt"], "json") == [("d.txt", "json")]
    with pytest.raises(ConfigError, match="drop --format"):
        output_formats(["b.html"], "json")


@pytest.mark.slow
def test_briefs_are_the_same_in_every_process(tmp_path: Path) -> None:
    """Nothing in a brief may follow Python's per-process string hashing (set order): two cold
    builds under different PYTHONHASHSEED give the same JSON, timestamps aside."""
    import json
    import os
    import subprocess
    import sys

    def build(seed: str) -> object:
        out = tmp_path / f"brief-{seed}.json"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT / "src")}
        subprocess.run(
            [sys.executable, "-c", "import sys; from newsbrief.cli import main; sys.exit(main(sys.argv[1:]))",
             "brief", str(SEEDS), "--db", str(tmp_path / f"{seed}.db"), "--format", "json", "-o", str(out)],
            env=env, check=True, capture_output=True, timeout=600,
        )
        data = json.loads(out.read_text(encoding="utf-8"))
        data.pop("generated_at")
        return data

    assert build("1") == build("2")


def test_decoding_a_stored_brief_leaves_the_cycle_collector_as_it_found_it() -> None:
    import gc

    from newsbrief.briefcache import decode_brief, encode_brief
    from newsbrief.models import BriefArticle, Coverage

    brief = Brief("s1", "H", (BriefArticle("a1", "Outlet", "T", "2024-01-10", "/x.txt"),), (), (), (), (), (), (),
                  Coverage(outlets=("Outlet",), matrix={"Outlet": ()}))
    assert gc.isenabled()
    assert decode_brief(encode_brief(brief)) == brief and gc.isenabled()
    gc.disable()
    try:
        assert decode_brief(encode_brief(brief)) == brief and not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ValueError):
        decode_brief("{not json")
    assert gc.isenabled()
