"""Wiring of `newsbrief analyse` and `newsbrief show` (the library is tested in test_analyse)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsbrief.analyse as analyse
from newsbrief.cli import main
from newsbrief.models import Article
from newsbrief.store import Store

pytestmark = pytest.mark.slow
SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"


@pytest.fixture
def seeded_db(db_path: Path) -> Path:
    with Store(db_path) as store:
        for path in sorted(SEEDS.glob("00[04]_*.txt")):
            text = path.read_text(encoding="utf-8").strip()
            store.add_article(Article(id=f"{path.stem[:3]}abcdef", content_hash=path.stem, origin=str(path),
                                      text=text, outlet=path.stem[:3], published="2024-01-10"))
    return db_path


def test_analyse_is_incremental(seeded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyse", "--db", str(seeded_db)]) == 0
    assert "analysed 2 articles, 0 failed" in capsys.readouterr().err
    with Store(seeded_db) as store:  # the sentence vectors briefs read are stored too
        assert store.count_vectors() >= 20
    assert main(["analyse", "--db", str(seeded_db)]) == 0
    assert "analysed 0 articles, 0 failed" in capsys.readouterr().err
    assert main(["analyse", "--db", str(seeded_db), "--force", "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_vectors_held_in_memory_are_stored_in_each_store(seeded_db: Path, tmp_path: Path) -> None:
    """A process that analysed one store (its vectors now in memory) still stores every vector
    in the next store it analyses, so that store's briefs run no model."""
    other = tmp_path / "other.db"
    with Store(seeded_db) as store, Store(other) as copy:
        for article in store.iter_articles():
            copy.add_article(article)
    assert main(["analyse", "--db", str(seeded_db), "-q"]) == 0
    assert main(["analyse", "--db", str(other), "-q"]) == 0
    with Store(seeded_db) as first, Store(other) as second:
        assert first.count_vectors() >= 20
        assert second.count_vectors() == first.count_vectors()


def test_show_json_has_the_article_and_every_layer(seeded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "004abc", "--db", str(seeded_db), "--json"]) == 0  # computed on demand
    data = json.loads(capsys.readouterr().out)
    assert data["article"]["id"] == "004abcdef"
    assert list(data["layers"]) == list(analyse.LAYER_NAMES)
    people = {e["text"] for e in data["layers"]["entities"] if e["label"] == "PERSON"}
    assert {"Vasily Nebenzya", "Robert Wood", "Hwang"} <= people
    assert any("Dec. 30, Jan. 2, and a recent Saturday" in s["text"] for s in data["layers"]["sentences"])


def test_show_text_lists_the_layers(seeded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "000abcdef", "--db", str(seeded_db)]) == 0
    out = capsys.readouterr().out
    assert "Removed lines" in out and "Entities" in out and "PERSON: " in out
    assert "Hwang Joon-kook" in out and "outlet: 000" in out


# "he" stays unattributed when another man was named since (quotes layer 18, tests/test_quotes.py)
UNATTRIBUTED = ("Bryan Anderson said the campaign had work to do.\n\n"
                "That has not been happening for Clinton, which is something that concerns Henry Crespo, president of "
                "the Miami-based Florida Democratic Black Caucus.\n\n"
                "“No one is writing songs for Hillary,” he said.\n\n"
                "The local governor urged residents not to panic.\n\n"
                "“I have seen worse,” said Maria Lopez, a nurse in the town. “The roads are open again.\n\n"
                "“The schools will open on Monday.”")


def test_show_lists_a_quote_with_no_named_speaker_as_unattributed(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unresolved "he" is no person: the quote reads 'unattributed (“he”)', as in the web app,
    not "he: ..." as if he were a speaker; a role that is the speaker is not said twice, and a
    quote running over two paragraphs is one line (no "\\n\\n" shown); kinds read as the brief's ("paraphrase")."""
    with Store(db_path) as store:
        store.add_article(Article(id="crespo0001", content_hash="crespo", origin="crespo.txt", text=UNATTRIBUTED,
                                  outlet="test", published="2016-09-28"))
    assert main(["show", "crespo0001", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    quotes = [" ".join(line.split()) for line in out.split("Quotes (")[1].split("Time expressions")[0].splitlines()]
    assert "unattributed (“he”): No one is writing songs for Hillary, (direct)" in quotes
    assert not any(line.startswith("he:") for line in quotes)
    assert "local governor: residents not to panic (paraphrase)" in quotes
    assert "Maria Lopez: The roads are open again. “The schools will open on Monday. (direct)" in quotes


def test_show_lists_a_vague_count_in_its_words(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A user saw "hundreds of (200 to 999)" for "Hundreds of thousands": the count reads as written,
    its estimate beside what it counts."""
    with Store(db_path) as store:
        store.add_article(Article(id="quake0001", content_hash="quake", origin="quake.txt", outlet="test",
                                  text="Hundreds of thousands of people were left homeless.", published="2023-02-08"))
    assert main(["show", "quake0001", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out.split("Quantities (")[1].split("Entities")[0]
    assert " ".join(out.split()) == ("1) Hundreds of thousands -> hundreds of thousands "
                                     "(counts people; read as 200,000 to 999,999)")


def test_show_unknown_id_is_a_usage_error(seeded_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "zzzzzzzz", "--db", str(seeded_db)]) == 2
    assert "article with id 'zzzzzzzz'" in " ".join(capsys.readouterr().err.split())
