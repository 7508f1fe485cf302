"""End-to-end ingest through pipeline.ingest (real sources, real SQLite store in tmp_path),
and the ``newsbrief ingest`` / ``articles`` commands once each for wiring, exit codes, messages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from newsbrief import extract, pipeline
from newsbrief.cli import main
from newsbrief.errors import ExtractionError
from newsbrief.settings import Settings
from newsbrief.store import Store

SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
SEED_003 = SEEDS / "003_57b6f2f7c177d487.txt"
PAGE = Path(__file__).resolve().parent / "golden" / "extract" / "page.html"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def write_bad_inputs(folder: Path) -> dict[str, str]:
    """One of each kind of bad input; returns origin -> a word its failure reason must contain."""
    folder.mkdir()
    (folder / "blob.bin").write_bytes(b"\x00\x01\x02\x03PK\x03\x04binary\xff\xfe" * 20)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    good = {"text": " ".join(["Officials met again on Thursday to discuss the missile transfers."] * 4),
            "url": "https://wire.example/item-1", "title": "Officials meet again"}
    (folder / "items.jsonl").write_text(json.dumps(good) + "\n{broken json\n", encoding="utf-8")
    (folder / "bad.html").write_text("<html><body><div><span>&nbsp;</span></div><p><<<>>></p", encoding="utf-8")
    return {
        str(folder / "blob.bin"): "binary",
        str(folder / "empty.txt"): "empty",
        f"{folder / 'items.jsonl'}:2": "JSON",
        str(folder / "bad.html"): "word",
    }


def test_seeds_twice_second_time_adds_nothing(seeds: Path, db_path: Path) -> None:
    with Store(db_path) as store:
        first = pipeline.ingest([str(seeds)], store)
        assert len(first.ingested) == 5 and first.ok and not first.duplicates
        before = [a.to_dict() for a in store.iter_articles()]
        second = pipeline.ingest([str(seeds)], store)
        assert second.ingested == [] and second.duplicates == [] and len(second.unchanged) == 5
        assert [a.to_dict() for a in store.iter_articles()] == before
        by_name = {Path(a.origin).name[:3]: a for a in store.iter_articles()}
    assert by_name["000"].published == "2024-01-10"
    assert "JOIN US ON TELEGRAM" in {r.line for r in by_name["002"].removed}
    assert "scroll to top" in {r.line for r in by_name["004"].removed}
    assert all(a.language == "en" and a.word_count > 300 for a in by_name.values())


def test_reingesting_the_same_inputs_skips_extraction(
    seeds: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(db_path) as store:
        pipeline.ingest([str(seeds)], store)

        def must_not_run(*args: object, **kwargs: object) -> None:
            raise AssertionError("an input ingested before was extracted again")

        monkeypatch.setattr(extract, "prepare_article", must_not_run)  # store_ingest imports it when ingesting
        again = pipeline.ingest([str(seeds)], store)
        assert len(again.unchanged) == 5 and again.ok
        monkeypatch.undo()
        # An edited file at the same path is new input: extracted and stored again, linked to
        # its earlier version as a near-duplicate.
        edited = seeds / "002_cf14e0c81d59981f.txt"
        edited.write_text(edited.read_text(encoding="utf-8") + "\nA late paragraph was added by the editors today.\n",
                          encoding="utf-8")
        third = pipeline.ingest([str(seeds)], store)
        assert len(third.unchanged) == 4 and len(third.duplicates) == 1
        assert third.duplicates[0].duplicate_kind == "near"
        assert store.count_articles() == 6


def test_exact_copy_at_another_path_is_an_exact_duplicate(seeds: Path, tmp_path: Path, db_path: Path) -> None:
    copy = tmp_path / "elsewhere" / "copy.txt"
    copy.parent.mkdir()
    shutil.copy(seeds / "000_a2815e899fb06243.txt", copy)
    with Store(db_path) as store:
        pipeline.ingest([str(seeds)], store)
        report = pipeline.ingest([str(copy)], store)
        original = next(a for a in store.iter_articles() if a.origin.endswith("000_a2815e899fb06243.txt"))
    assert report.ingested == [] and len(report.duplicates) == 1
    duplicate = report.duplicates[0]
    assert (duplicate.duplicate_kind, duplicate.duplicate_of) == ("exact", original.id)
    assert duplicate.content_hash == original.content_hash and duplicate.id != original.id


def test_syndicated_near_copy_is_linked_to_the_original(seeds: Path, tmp_path: Path, db_path: Path) -> None:
    text = SEED_003.read_text(encoding="utf-8")
    lead = "Russia’s military involvement with North Korea in the Ukraine conflict is being met with global criticism"
    assert lead in text
    start = text.index(lead)
    end = text.index("\n", start)
    changed = (
        text[:start]
        + "The United Nations is examining the military partnership of Moscow and Pyongyang, a wire service reports."
        + text[end:]
        + "\n\nThis story was first published by a partner news agency and is republished here with permission.\n"
    )
    copy = tmp_path / "wire" / "reprint.txt"
    copy.parent.mkdir()
    copy.write_text(changed, encoding="utf-8")
    with Store(db_path) as store:
        pipeline.ingest([str(seeds)], store)
        original = next(a for a in store.iter_articles() if a.origin.endswith(SEED_003.name))
        report = pipeline.ingest([str(copy)], store)
    assert len(report.duplicates) == 1
    near = report.duplicates[0]
    assert (near.duplicate_kind, near.duplicate_of) == ("near", original.id)


def test_bad_inputs_fail_one_by_one_and_change_nothing_stored(seeds: Path, tmp_path: Path, db_path: Path) -> None:
    expected = write_bad_inputs(tmp_path / "bad")
    with Store(db_path) as store:
        pipeline.ingest([str(seeds)], store)
        before = [a.to_dict() for a in store.iter_articles()]
        report = pipeline.ingest([str(tmp_path / "bad")], store)
        after = [a.to_dict() for a in store.iter_articles()]
        recorded = store.failures()
    failed = dict(report.failed)
    assert sorted(failed) == sorted(expected)
    for origin, word in expected.items():
        assert word.lower() in failed[origin].lower(), (origin, failed[origin])
    assert len(report.ingested) == 1  # the good JSONL line is stored
    assert after[: len(before)] == before and len(after) == len(before) + 1
    assert sorted(origin for origin, _reason, _at in recorded) == sorted(expected)


def test_line_repeated_across_an_outlet_becomes_chrome(tmp_path: Path, db_path: Path) -> None:
    footer = "More coverage from our Europe desk"
    records = [
        {"text": path.read_text(encoding="utf-8") + "\n\n" + footer, "outlet": "Same Outlet",
         "url": f"https://same.example/{i}"}
        for i, path in enumerate(sorted(SEEDS.glob("*.txt"))[:4])
    ]
    feed = tmp_path / "outlet.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    with Store(db_path) as store:
        report = pipeline.ingest([str(feed)], store, Settings(chrome_min_repeats=3))
    assert len(report.ingested) == 4
    first_three, fourth = report.ingested[:3], report.ingested[3]
    assert all(footer in a.text for a in first_three)  # not yet known as the outlet's chrome
    assert footer not in fourth.text
    assert [r.reason for r in fourth.removed if r.line == footer] == ["repeated in 3 stored articles of Same Outlet"]


def test_html_page_end_to_end(tmp_path: Path, db_path: Path) -> None:
    page = tmp_path / "page.html"
    shutil.copy(PAGE, page)
    copy = tmp_path / "saved-again.html"
    shutil.copy(PAGE, copy)
    with Store(db_path) as store:
        report = pipeline.ingest([str(page), str(copy)], store)
    (article,) = report.ingested
    assert (article.outlet, article.title) == ("Example News", "Council condemns missile transfers")
    assert article.url == "https://www.example-news.com/world/council-missiles"
    assert report.unchanged == [str(copy)]  # same text at the same canonical URL: the same article


def test_on_error_raise_stops_at_the_first_bad_input(tmp_path: Path, db_path: Path) -> None:
    bad = tmp_path / "short.txt"
    bad.write_text("Too short to be an article.", encoding="utf-8")
    with Store(db_path) as store, pytest.raises(ExtractionError, match="short.txt"):
        pipeline.ingest([str(bad)], store, Settings(), on_error="raise")


def test_cli_ingest_exit_codes_summary_and_articles_json(
    seeds: Path, tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(seeds), "--db", str(db_path), "--no-update"]) == 0
    summary = " ".join(capsys.readouterr().err.split())  # rich wraps long lines
    assert f"ingested 5, duplicates 0, already stored 0, failed 0 -> {db_path}" in summary

    write_bad_inputs(tmp_path / "bad")
    assert main(["ingest", str(tmp_path / "bad"), "--db", str(db_path), "--no-update"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "blob.bin" in err and "failed 4" in err

    missing = tmp_path / "no-such-folder" / "x.db"
    assert main(["ingest", str(seeds), "--db", str(missing), "--no-update"]) == 2
    assert "does not exist" in " ".join(capsys.readouterr().err.split())

    assert main(["articles", "--db", str(db_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 6
    seed_002 = next(r for r in rows if r["origin"].endswith("002_cf14e0c81d59981f.txt"))
    assert seed_002["removed"] == 4 and seed_002["duplicate_of"] is None and seed_002["language"] == "en"
