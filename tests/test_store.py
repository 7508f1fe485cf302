from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from newsbrief.errors import StoreError
from newsbrief.models import Article, Removal, Sentence
from newsbrief.store import MIGRATIONS, Store, StoryRow


def make_article(n: int = 1, **fields: object) -> Article:
    values: dict = {
        "id": f"a{n:015d}",
        "content_hash": f"h{n:015d}",
        "origin": f"/tmp/article{n}.txt",
        "text": f"Article number {n}.\nSecond paragraph.",
        "title": f"Title {n}",
        "outlet": "Example News",
        "published": "2024-01-10",
        "removed": (Removal("JOIN US ON TELEGRAM", "call to action"),),
        "word_count": 5,
    }
    values.update(fields)
    return Article(**values)


def test_round_trip_keeps_every_field(db_path: Path) -> None:
    article = make_article()
    with Store(db_path) as store:
        assert store.add_article(article, b"sig") is True
    with Store(db_path) as store:
        assert store.get_article(article.id) == article
        assert list(store.iter_minhashes()) == [(article.id, b"sig")]


def test_adding_the_same_article_twice_adds_nothing(db_path: Path) -> None:
    with Store(db_path) as store:
        assert store.add_article(make_article())
        assert not store.add_article(make_article())
        assert store.count_articles() == 1


def test_id_prefix_lookup_and_clear_error(db_path: Path) -> None:
    with Store(db_path) as store:
        store.add_article(make_article(1))
        assert store.get_article("a0000000000000").id == make_article(1).id
        with pytest.raises(StoreError, match="no article with id 'zzzzzz'"):
            store.get_article("zzzzzz")


def test_failed_transaction_leaves_nothing_behind(db_path: Path) -> None:
    with Store(db_path) as store:
        store.add_article(make_article(1))
        with pytest.raises(RuntimeError), store.transaction():
            store.add_article(make_article(2))
            raise RuntimeError("crash in the middle of a batch")
        assert [a.id for a in store.iter_articles()] == [make_article(1).id]


def test_annotations_are_versioned_per_layer(db_path: Path) -> None:
    article = make_article()
    sentences = [Sentence(article.id, 0, 0, 18, "Article number 1.")]
    with Store(db_path) as store:
        store.add_article(article)
        assert store.load_annotations(article.id, "sentences", Sentence) is None
        assert store.articles_needing("sentences", "1") == [article.id]
        store.save_annotations(article.id, "sentences", "1", sentences)
        assert store.load_annotations(article.id, "sentences", Sentence) == sentences
        assert store.articles_needing("sentences", "1") == []
        assert store.articles_needing("sentences", "2") == [article.id]


def test_exact_duplicates_found_by_content_hash(db_path: Path) -> None:
    with Store(db_path) as store:
        store.add_article(make_article(1, content_hash="same"))
        store.add_article(make_article(2, content_hash="same", duplicate_of=make_article(1).id, duplicate_kind="exact"))
        assert store.find_by_content_hash("same") == make_article(1).id
        # duplicates are not offered as near-duplicate originals
        store.add_article(make_article(3), b"x")
        assert [i for i, _ in store.iter_minhashes()] == [make_article(3).id]


def test_outlet_line_counts_include_removed_lines(db_path: Path) -> None:
    with Store(db_path) as store:
        store.add_article(make_article(1))
        store.add_article(make_article(2))
        counts = store.outlet_line_counts("Example News")
        assert counts["JOIN US ON TELEGRAM"] == 2
        assert counts["Second paragraph."] == 2


def test_migrations_are_recorded_and_not_rerun(db_path: Path) -> None:
    with Store(db_path) as store:
        assert store.schema_version == len(MIGRATIONS)
    with Store(db_path) as store:  # reopening must not fail on existing tables
        assert store.schema_version == len(MIGRATIONS)


def test_a_store_opened_while_another_connection_creates_it(db_path: Path) -> None:
    """A store being created by one process while another opens it: the second waits for
    the first's migrations and must not run them again ("table feeds already exists")."""
    import threading

    first = sqlite3.connect(db_path, isolation_level=None, timeout=30)
    first.execute("PRAGMA journal_mode=WAL")
    first.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT)")
    first.execute("BEGIN IMMEDIATE")  # the first process is migrating
    outcome: list[object] = []

    def second() -> None:
        try:
            with Store(db_path) as store:
                outcome.append(store.schema_version)
        except Exception as exc:  # reported below
            outcome.append(exc)

    thread = threading.Thread(target=second)
    thread.start()
    thread.join(1.0)  # the second has read "nothing applied" and now waits for the write lock
    for version, script in enumerate(MIGRATIONS, start=1):
        for statement in script.split(";"):
            if statement.strip():
                first.execute(statement)
        first.execute("INSERT INTO schema_migrations VALUES (?, 'now')", (version,))
    first.execute("COMMIT")
    first.close()
    thread.join(30)
    assert outcome == [len(MIGRATIONS)]


def test_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a newsbrief database"):
        Store(bogus)
    assert bogus.read_text() == "this is not sqlite" * 100


def test_foreign_sqlite_database_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    foreign = tmp_path / "other.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE articles (x)")
        db.execute("INSERT INTO articles VALUES (1)")
    db.close()
    before = foreign.read_bytes()
    with pytest.raises(StoreError, match="did not create .tables articles.; it was left untouched"):
        Store(foreign)
    assert foreign.read_bytes() == before  # no schema_migrations table, no switch to WAL
    assert not Path(f"{foreign}-wal").exists()


def test_concurrent_vocabulary_updates_lose_nothing(db_path: Path) -> None:
    """Two writers read the counts, each adds its own articles, both save: every increment kept
    (each save adds its change to what is stored, inside its transaction)."""
    Store(db_path).close()
    first, second = Store(db_path), Store(db_path)
    try:
        a, b = first.story_vocabulary(), second.story_vocabulary()
        assert a == b == {}
        first.save_stories([], [], [], [], {"t:1": 2, "#docs": 2})
        second.save_stories([], [], [], [], {"t:1": 3, "e:x": 1, "#docs": 3})
        assert first.story_vocabulary() == {"t:1": 5, "e:x": 1, "#docs": 5}
        first.save_stories([], [], [], [], {"t:1": 6, "#docs": 6})  # one more article on top of what it read
        assert second.story_vocabulary() == {"t:1": 6, "e:x": 1, "#docs": 6}
    finally:
        first.close()
        second.close()


def test_story_update_lock_is_exclusive_across_connections(db_path: Path) -> None:
    import threading

    Store(db_path).close()
    order: list[str] = []
    with Store(db_path) as holder, Store(db_path) as waiter:
        def wait() -> None:
            with waiter.story_update():
                order.append("waiter")

        with holder.story_update(), holder.story_update():  # re-entrant
            thread = threading.Thread(target=wait)
            thread.start()
            thread.join(0.3)
            order.append("holder done")
        thread.join(5)
    assert order == ["holder done", "waiter"]


def test_missing_folder_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nowhere" / "x.db")


def test_newer_schema_is_refused(db_path: Path) -> None:
    Store(db_path).close()
    with sqlite3.connect(db_path) as db:
        db.execute("INSERT INTO schema_migrations VALUES (999, 'later')")
    with pytest.raises(StoreError, match="upgrade newsbrief"):
        Store(db_path)


def test_failures_are_recorded(db_path: Path) -> None:
    with Store(db_path) as store:
        store.record_failure("/x/bad.bin", "binary file")
        assert [(o, r) for o, r, _ in store.failures()] == [("/x/bad.bin", "binary file")]


def test_articles_annotation_versions_and_briefs_read_by_the_batch(db_path: Path) -> None:
    # more ids than one IN (...) takes, asked in another order than stored, one twice, one by prefix
    articles = [make_article(n) for n in range(1, 1203)] + [make_article(1203, id="b123456789abcdef")]
    with Store(db_path) as store:
        with store.transaction():
            for article in articles:
                store.add_article(article)
        store.save_annotations(articles[5].id, "sentences", "3", [])
        store.save_annotations(articles[5].id, "entities", "2", [])
        wanted = [a.id for a in reversed(articles)] + [articles[7].id, "b12345"]
        assert [a.id for a in store.iter_articles(wanted)] == [a.id for a in reversed(articles)] + [articles[7].id, "b123456789abcdef"]
        assert list(store.iter_articles([articles[3].id])) == [articles[3]]
        with pytest.raises(StoreError, match="no article with id 'zzzzzz'"):
            list(store.iter_articles([articles[0].id, "zzzzzz"]))
        versions = store.annotation_versions_of([a.id for a in articles])
        assert len(versions) == len(articles) and versions[articles[5].id] == {"sentences": "3", "entities": "2"}
        assert versions[articles[6].id] == {} and versions[articles[5].id] == store.annotation_versions(articles[5].id)
        store.save_brief("s1", "v", "fp1", '{"x": 1}')
        store.save_brief("s1", "w", "fp2", '{"x": 2}')
        assert store.load_briefs(["s1", "s2", "s1"], "v") == {"s1": ("fp1", '{"x": 1}')}
        assert store.load_briefs([f"s{n}" for n in range(900)], "w") == {"s1": ("fp2", '{"x": 2}')}


def test_stories_listed_without_their_running_sums_keep_title_dates_and_outlets(db_path: Path) -> None:
    state = json.dumps({"count": 2, "terms": {"17": 1.5}, "entities": {"e:x": 1.0}, "outlets": ["Example News", "Wire"]})
    with Store(db_path) as store:
        store.save_stories(
            [StoryRow("s1", 1, "Strike", "2024-01-09", "2024-01-10", 2, state, b"\x00" * 8),
             StoryRow("s2", 2, "Older", None, None, 1, json.dumps({"count": 1}), b"")],
            [], [], [], {},
        )
        full, light = store.load_stories(), store.load_stories(sums=False)
    assert [(r.id, r.title, r.first_date, r.last_date, r.article_count) for r in light] == [
        (r.id, r.title, r.first_date, r.last_date, r.article_count) for r in full
    ]
    assert json.loads(light[0].state) == {"outlets": ["Example News", "Wire"]} and light[0].embedding == b""
    assert json.loads(light[1].state) == {"outlets": []}
