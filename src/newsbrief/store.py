"""The SQLite store: the only module that speaks SQL.

One embedded database file (WAL mode) holds articles, their per-analyser annotations,
MinHash signatures for near-duplicate search, ingest failures and stories.  IDs are content
hashes, so ingesting the same input twice adds nothing.  The schema is versioned by
``MIGRATIONS``: each entry runs once, in order, inside a transaction, and is recorded in
``schema_migrations``.  Every write happens in a transaction, so a crash or a bad input never
leaves half an article behind.

Several processes may use one store at once (SQLite serialises the writes).  A story update
reads the open stories and the shared document frequencies, clusters, then writes: it runs
under ``story_update()`` (an exclusive lock on the database file, across processes), so two
updates never assign the same article twice, and ``save_stories`` adds the frequency changes
to what is stored inside its transaction rather than overwriting it, so no count is lost.
A file that is not a newsbrief store (another SQLite database, or not SQLite) is refused
before anything is written to it.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from newsbrief.errors import StoreError
from newsbrief.models import Article, Record, Removal, source_label

OPEN_WAIT = 60.0  # seconds a new store may wait for another process setting it up (see Store._set_up)

R = TypeVar("R", bound=Record)
T = TypeVar("T")

try:
    import fcntl
except ImportError:  # Windows: story updates are not locked across processes
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True)
class StoryRow:
    """A story as stored: its running sums are encoded by stories.py (``state`` JSON,
    ``embedding`` float32 bytes)."""

    id: str
    seq: int
    title: str
    first_date: str | None
    last_date: str | None
    article_count: int
    state: str
    embedding: bytes
    merged_into: str | None = None


@dataclass(frozen=True)
class StoryMember:
    article_id: str
    story_id: str
    score: float
    duplicate: bool
    position: int


@dataclass(frozen=True)
class StoryFeatureRow:
    """One article's clustering features (encoded by stories.py)."""

    article_id: str
    date: str | None
    embedding: bytes
    data: str


@dataclass(frozen=True)
class StoryLinkRow:
    story_id: str  # the later story
    related_id: str  # the story it is linked to
    relation: str
    reason: str

@dataclass(frozen=True)
class FeedRow:
    """A feed subscription and the state of its polling (times are ISO 8601 UTC)."""

    url: str
    name: str | None
    every_seconds: int
    added_at: str
    etag: str | None
    last_modified: str | None
    last_poll: str | None
    last_status: str | None
    last_error: str | None
    failures: int
    next_poll: str
    articles: int


@dataclass(frozen=True)
class WatchlistRow:
    """A saved search (``query``, FTS5 syntax) or entity name, and when its page was last seen."""

    id: int
    name: str
    query: str | None
    entity: str | None
    created_at: str
    last_seen: str


@dataclass(frozen=True)
class StorySummaryRow:
    """One line of the stories page: a story with its coverage and when it was first/last seen."""

    id: str
    title: str
    first_date: str | None
    last_date: str | None
    articles: int
    outlets: tuple[str, ...]
    first_seen: str  # when its first article was ingested
    last_seen: str  # when its latest article was ingested
    independent: int = 0  # independent outlets: distinct outlets of its originals (copies count once)


@dataclass(frozen=True)
class StoryOutletsRow:
    """A story's independent outlets as its brief counts them (:func:`newsbrief.pipeline.count_outlets`):
    each copy -> the original of its group (ingest duplicates and reprints found in the text), the
    count, and the fingerprint of what they were counted from."""

    story_id: str
    fingerprint: str
    origins: dict[str, str]
    independent: int


@dataclass(frozen=True)
class SearchHit:
    """One full-text match: an article (with its story) and a snippet with matches marked by
    ``SNIPPET_START`` / ``SNIPPET_END``."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    story_id: str | None
    snippet: str


SNIPPET_START, SNIPPET_END = "\x02", "\x03"


MIGRATIONS: list[str] = [
    # 1: articles, annotations, near-duplicate signatures, failures
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        origin TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        title TEXT,
        author TEXT,
        published TEXT,
        language TEXT,
        text TEXT NOT NULL,
        removed TEXT NOT NULL DEFAULT '[]',
        duplicate_of TEXT REFERENCES articles(id),
        duplicate_kind TEXT,
        word_count INTEGER NOT NULL DEFAULT 0,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_content_hash ON articles(content_hash);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE minhashes (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        signature BLOB NOT NULL
    );
    CREATE TABLE annotations (
        article_id TEXT NOT NULL REFERENCES articles(id),
        layer TEXT NOT NULL,
        version TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (article_id, layer)
    );
    CREATE TABLE failures (
        origin TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL
    );
    """,
    # 2: stories (running sums per story), membership, follow-up links, clustering features
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        first_date TEXT,
        last_date TEXT,
        article_count INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL,
        embedding BLOB NOT NULL,
        merged_into TEXT,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX stories_last_date ON stories(last_date);
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        story_id TEXT NOT NULL,
        score REAL NOT NULL,
        duplicate INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL
    );
    CREATE INDEX story_articles_story ON story_articles(story_id);
    CREATE TABLE story_links (
        story_id TEXT NOT NULL,
        related_id TEXT NOT NULL,
        relation TEXT NOT NULL,
        reason TEXT NOT NULL,
        PRIMARY KEY (story_id, related_id)
    );
    CREATE TABLE story_features (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        date TEXT,
        embedding BLOB NOT NULL,
        data TEXT NOT NULL
    );
    CREATE TABLE story_vocabulary (
        key TEXT PRIMARY KEY,
        df INTEGER NOT NULL
    );
    """,
    # 3: inputs already ingested (hash of origin + raw content), so a re-ingest skips extraction
    """
    CREATE TABLE ingested_inputs (
        input_hash TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id)
    );
    """,
    # 4 (web): feed subscriptions and the items seen in them, watch lists, full-text search
    # (FTS5 over article titles and text, and story headlines; filled by add_article/save_stories)
    """
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        name TEXT,
        every_seconds INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_poll TEXT,
        last_status TEXT,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_poll TEXT NOT NULL,
        articles INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE feed_items (
        feed_url TEXT NOT NULL,
        item_key TEXT NOT NULL,
        link TEXT,
        article_id TEXT,
        status TEXT NOT NULL,
        reason TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (feed_url, item_key)
    );
    CREATE TABLE watchlists (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        query TEXT,
        entity TEXT,
        created_at TEXT NOT NULL,
        last_seen TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', tokenize='unicode61');
    INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
    CREATE VIRTUAL TABLE stories_fts USING fts5(story_id UNINDEXED, title, tokenize='unicode61');
    INSERT INTO stories_fts (story_id, title) SELECT id, title FROM stories WHERE merged_into IS NULL;
    """,
    # 5 (brief): sentence vectors (float16, keyed by a hash of model + text: embed.py) and built briefs
    # (brief JSON with the fingerprint of what it was built from: briefstore.py)
    """
    CREATE TABLE vectors (
        key BLOB PRIMARY KEY,
        vector BLOB NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE briefs (
        story_id TEXT NOT NULL,
        variant TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        data TEXT NOT NULL,
        built_at TEXT NOT NULL,
        PRIMARY KEY (story_id, variant)
    );
    """,
    # 6 (story lists): each story's copy relation and independent outlets, counted as its brief counts
    # them (pipeline.count_outlets), with the fingerprint of what they were counted from
    """
    CREATE TABLE story_outlets (
        story_id TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        origins TEXT NOT NULL,
        independent INTEGER NOT NULL
    );
    """,
]

_ARTICLE_COLUMNS = (
    "id, content_hash, origin, url, outlet, title, author, published, language, text, "
    "removed, duplicate_of, duplicate_kind, word_count"
)
_IN_CHUNK = 500  # ids a query takes in one IN (...): SQLite caps the number of parameters


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _label(outlet: str | None, url: str | None, origin: str | None, article_id: str | None) -> str:
    return source_label(outlet, url, origin or "", article_id)


_LABEL_SQL = "source_label(a.outlet, a.url, a.origin, a.id)"


class Store:
    """A newsbrief database.  Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                parent = Path(self.path).resolve().parent
                if not parent.is_dir():
                    raise StoreError(
                        f"{self.path}: folder {parent} does not exist; create it or pass another --db"
                    )
            self._refuse_foreign()
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self._db.row_factory = sqlite3.Row
            # The display label (outlet, else site, else file name) is Python's one rule
            # (models.source_label); SQL counts and lists outlets through it too.
            self._db.create_function("source_label", 4, _label, deterministic=True)
            self._set_up()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: cannot open as a newsbrief database ({exc}); "
                "pass --db with a new file name or a database newsbrief created"
            ) from exc

        self._vocabulary_read: dict[str, int] = {}
        self._story_lock_depth = 0
        self._story_lock_fd: int | None = None

    def _set_up(self) -> None:
        """WAL mode, then the schema.  Two processes creating one new store at once can meet a
        lock SQLite reports at once instead of waiting its timeout for (switching the journal
        mode, or a read turning into a write): each step is tried again until ``OPEN_WAIT``."""
        deadline = time.monotonic() + OPEN_WAIT
        for step in (lambda: self._db.execute("PRAGMA journal_mode=WAL"), self._migrate):
            while True:
                try:
                    step()
                    break
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                        raise
                    if self._db.in_transaction:
                        self._db.execute("ROLLBACK")
                    time.sleep(0.05)
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA synchronous=NORMAL")

    def _refuse_foreign(self) -> None:
        """Refuse, without writing to it, a file that is not a newsbrief store: not SQLite at
        all, or an SQLite database with tables but no ``schema_migrations``."""
        if self.path == ":memory:" or not os.path.isfile(self.path) or os.path.getsize(self.path) == 0:
            return
        # Only SQLite itself may open the database file: closing any other descriptor of it would
        # drop the POSIX locks of this process's other connections (a web server has several).
        try:
            probe = sqlite3.connect(f"{Path(self.path).absolute().as_uri()}?mode=ro", uri=True, timeout=30)
            try:
                tables = {row[0] for row in probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            finally:
                probe.close()
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc):
                raise StoreError(
                    f"{self.path}: not a newsbrief database (not an SQLite file at all); "
                    "pass --db with a new file name or a database newsbrief created"
                ) from exc
            raise StoreError(
                f"{self.path}: cannot open as a newsbrief database ({exc}); "
                "pass --db with a new file name or a database newsbrief created"
            ) from exc
        if tables and "schema_migrations" not in tables:
            shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
            raise StoreError(
                f"{self.path}: an SQLite database that newsbrief did not create (tables {shown}); it was "
                "left untouched; pass --db with a new file name or a database newsbrief created"
            )

    # -- lifecycle ---------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()
        if self._story_lock_fd is not None:
            os.close(self._story_lock_fd)
            self._story_lock_fd = None

    @contextmanager
    def story_update(self) -> Iterator[None]:
        """Hold the store's story-update lock: one story update at a time across processes
        (others wait), so each article is assigned once and frequencies are read fresh.
        Re-entrant; ingest and analysis do not take it."""
        if self._story_lock_depth or fcntl is None or self.path == ":memory:":
            self._story_lock_depth += 1
            try:
                yield
            finally:
                self._story_lock_depth -= 1
            return
        # A lock file beside the database, never the database file itself: closing a descriptor
        # of the database would drop SQLite's POSIX locks of every connection in this process.
        fd = os.open(self.path + "-storylock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._story_lock_fd, self._story_lock_depth = fd, 1
            yield
        finally:
            self._story_lock_depth = 0
            self._story_lock_fd = None
            os.close(fd)  # releases the lock

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all."""
        if self._db.in_transaction:  # nested: join the outer transaction
            yield
            return
        self._execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._execute("COMMIT")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, params)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: database error ({exc}) running: {sql.split()[0]} ...") from exc

    def _migrate(self) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT)"
        )
        done = {row[0] for row in self._db.execute("SELECT version FROM schema_migrations")}
        if done and max(done) > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: database schema version {max(done)} is newer than this newsbrief "
                f"({len(MIGRATIONS)}); upgrade newsbrief"
            )
        for version, script in enumerate(MIGRATIONS, start=1):
            if version in done:
                continue
            self._db.execute("BEGIN IMMEDIATE")
            # Another process may have applied it while this one waited for the write lock
            # (two ingests creating one new store): check again inside the transaction.
            if self._db.execute("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)).fetchone():
                self._db.execute("COMMIT")
                continue
            try:
                for statement in script.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?)", (version, _now())
                )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        row = self._execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    # -- articles ----------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self._execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def article_for_input(self, input_hash: str) -> str | None:
        """The id of the article an input with this hash was stored as, if it was ingested before."""
        row = self._execute(
            "SELECT article_id FROM ingested_inputs WHERE input_hash = ?", (input_hash,)
        ).fetchone()
        return row[0] if row else None

    def remember_input(self, input_hash: str, article_id: str) -> None:
        with self.transaction():
            self._execute(
                "INSERT OR REPLACE INTO ingested_inputs (input_hash, article_id) VALUES (?, ?)",
                (input_hash, article_id),
            )

    def add_article(self, article: Article, minhash: bytes | None = None, input_hash: str | None = None) -> bool:
        """Store ``article`` (and its MinHash signature, and the hash of the input it came
        from); False if it was already stored."""
        with self.transaction():
            if self.has_article(article.id):
                if input_hash is not None:
                    self.remember_input(input_hash, article.id)
                return False
            seq = self._execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
            self._execute(
                f"INSERT INTO articles (seq, ingested_at, {_ARTICLE_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    seq,
                    _now(),
                    article.id,
                    article.content_hash,
                    article.origin,
                    article.url,
                    article.outlet,
                    article.title,
                    article.author,
                    article.published,
                    article.language,
                    article.text,
                    json.dumps([r.to_dict() for r in article.removed], ensure_ascii=False),
                    article.duplicate_of,
                    article.duplicate_kind,
                    article.word_count,
                ),
            )
            self._execute(
                "INSERT INTO articles_fts (rowid, title, text) SELECT rowid, title, text FROM articles WHERE id = ?",
                (article.id,),
            )
            if minhash is not None:
                self._execute("INSERT INTO minhashes VALUES (?, ?)", (article.id, minhash))
            if input_hash is not None:
                self.remember_input(input_hash, article.id)
        return True

    @staticmethod
    def _article(row: sqlite3.Row) -> Article:
        return Article(
            id=row["id"],
            content_hash=row["content_hash"],
            origin=row["origin"],
            text=row["text"],
            title=row["title"],
            url=row["url"],
            outlet=row["outlet"],
            author=row["author"],
            published=row["published"],
            language=row["language"],
            removed=tuple(Removal.from_dict(r) for r in json.loads(row["removed"])),
            duplicate_of=row["duplicate_of"],
            duplicate_kind=row["duplicate_kind"],
            word_count=row["word_count"],
        )

    def get_article(self, article_id: str) -> Article:
        """The article with this id (or a unique prefix of at least 6 characters of it)."""
        row = self._execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None and len(article_id) >= 6:
            rows = self._execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id LIKE ? LIMIT 2", (article_id + "%",)
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            raise StoreError(
                f"{self.path}: no article with id {article_id!r}; `newsbrief articles --db {self.path}` lists them"
            )
        return self._article(row)

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Articles in ingest order (all of them, or those with the given ids)."""
        if ids is None:
            cursor = self._execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY seq")
            for row in cursor:
                yield self._article(row)
            return
        ids = list(ids)
        for lo in range(0, len(ids), _IN_CHUNK):  # one query a chunk of ids, not one an article
            chunk = ids[lo : lo + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = {row["id"]: row for row in self._execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk)}
            for article_id in chunk:
                row = rows.get(article_id)
                yield self._article(row) if row is not None else self.get_article(article_id)  # a prefix, or the error

    def remove_articles(self, article_ids: Sequence[str], stories: Sequence[StoryRow], emptied: Sequence[str]) -> None:
        """Delete these articles and everything stored about them, in one transaction: text,
        full-text rows, signature, annotations, input hashes, story features and membership.
        ``stories`` are the affected stories recomputed without them (``stories.story_without``),
        ``emptied`` the ids of stories left with no article (deleted with their links).  The
        stored briefs of every affected story are dropped, so the next brief rebuilds them.
        Articles that were near-duplicates of a removed one keep their text and become
        originals; feed items that brought one are kept (``watch`` does not fetch it again).
        Sentence vectors are keyed by text, shared between articles, and stay."""
        with self.transaction():
            for article_id in article_ids:
                self._execute(
                    "INSERT INTO articles_fts (articles_fts, rowid, title, text) "
                    "SELECT 'delete', rowid, title, text FROM articles WHERE id = ?",
                    (article_id,),
                )
                for table in ("annotations", "minhashes", "ingested_inputs", "story_features", "story_articles"):
                    self._execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
                self._execute("UPDATE feed_items SET article_id = NULL WHERE article_id = ?", (article_id,))
                self._execute(
                    "UPDATE articles SET duplicate_of = NULL, duplicate_kind = NULL WHERE duplicate_of = ?", (article_id,)
                )
                self._execute("DELETE FROM articles WHERE id = ?", (article_id,))
            now = _now()
            for story in stories:
                self._execute(
                    "UPDATE stories SET article_count = ?, state = ?, embedding = ?, updated_at = ? WHERE id = ?",
                    (story.article_count, story.state, story.embedding, now, story.id),
                )
                self._execute("DELETE FROM briefs WHERE story_id = ?", (story.id,))
                self._execute("DELETE FROM story_outlets WHERE story_id = ?", (story.id,))
            for story_id in emptied:
                self._execute("DELETE FROM stories WHERE id = ? OR merged_into = ?", (story_id, story_id))
                self._execute("DELETE FROM stories_fts WHERE story_id = ?", (story_id,))
                self._execute("DELETE FROM story_links WHERE story_id = ? OR related_id = ?", (story_id, story_id))
                self._execute("DELETE FROM briefs WHERE story_id = ?", (story_id,))
                self._execute("DELETE FROM story_outlets WHERE story_id = ?", (story_id,))

    def count_articles(self) -> int:
        return int(self._execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def article_ids(self) -> list[str]:
        """Ids of every stored article, in ingest order."""
        return [row[0] for row in self._execute("SELECT id FROM articles ORDER BY seq")]

    def find_by_content_hash(self, content_hash: str) -> str | None:
        """The id of the first stored article with this exact text, if any."""
        row = self._execute(
            "SELECT id FROM articles WHERE content_hash = ? ORDER BY seq LIMIT 1", (content_hash,)
        ).fetchone()
        return row[0] if row else None

    def iter_minhashes(self) -> Iterator[tuple[str, bytes]]:
        """(article id, MinHash signature) of every stored original (non-duplicate) article."""
        cursor = self._execute(
            "SELECT m.article_id, m.signature FROM minhashes m JOIN articles a ON a.id = m.article_id "
            "WHERE a.duplicate_of IS NULL ORDER BY a.seq"
        )
        for row in cursor:
            yield row[0], row[1]

    def outlet_line_counts(self, outlet: str) -> dict[str, int]:
        """For one outlet: how many stored articles each removed-or-kept short line occurs in.

        Used by cleaning to spot chrome repeated across an outlet's articles.
        """
        counts: dict[str, int] = {}
        cursor = self._execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE outlet = ?", (outlet,))
        for row in cursor:
            for line in self.short_lines(self._article(row)):
                counts[line] = counts.get(line, 0) + 1
        return counts

    @staticmethod
    def short_lines(article: Article) -> set[str]:
        """The distinct short lines (kept or removed) of an article, as chrome candidates."""
        lines = {line.strip() for line in article.text.splitlines() if 0 < len(line.strip()) <= 120}
        return lines | {r.line.strip() for r in article.removed}

    # -- annotations -------------------------------------------------------------------

    def save_annotations(self, article_id: str, layer: str, version: str, records: Sequence[Record]) -> None:
        """Replace one analysis layer of one article."""
        data = json.dumps([r.to_dict() for r in records], ensure_ascii=False)
        with self.transaction():
            self._execute(
                "INSERT OR REPLACE INTO annotations (article_id, layer, version, data) VALUES (?, ?, ?, ?)",
                (article_id, layer, version, data),
            )

    def load_annotations(self, article_id: str, layer: str, record_type: type[R]) -> list[R] | None:
        """The stored records of one layer, or None if that layer was never computed."""
        row = self._execute(
            "SELECT data FROM annotations WHERE article_id = ? AND layer = ?", (article_id, layer)
        ).fetchone()
        if row is None:
            return None
        return [record_type.from_dict(d) for d in json.loads(row[0])]

    def annotation_versions(self, article_id: str) -> dict[str, str]:
        """layer -> version of every layer stored for this article."""
        rows = self._execute(
            "SELECT layer, version FROM annotations WHERE article_id = ?", (article_id,)
        ).fetchall()
        return {row[0]: row[1] for row in rows}

    def annotation_versions_of(self, article_ids: Sequence[str]) -> dict[str, dict[str, str]]:
        """article id -> (layer -> version) of every layer stored for these articles (an
        article with none stored maps to an empty dict)."""
        versions: dict[str, dict[str, str]] = {article_id: {} for article_id in article_ids}
        ids = list(versions)
        for lo in range(0, len(ids), _IN_CHUNK):
            chunk = ids[lo : lo + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self._execute(f"SELECT article_id, layer, version FROM annotations WHERE article_id IN ({marks})", chunk):
                versions[row[0]][row[1]] = row[2]
        return versions

    def articles_needing(self, layer: str, version: str) -> list[str]:
        """Ids of articles whose ``layer`` is missing or was made by another version."""
        rows = self._execute(
            "SELECT a.id FROM articles a LEFT JOIN annotations n ON n.article_id = a.id AND n.layer = ? "
            "WHERE n.version IS NULL OR n.version != ? ORDER BY a.seq",
            (layer, version),
        ).fetchall()
        return [row[0] for row in rows]

    # -- failures ----------------------------------------------------------------------

    def record_failure(self, origin: str, reason: str) -> None:
        with self.transaction():
            self._execute("INSERT INTO failures VALUES (?, ?, ?)", (origin, reason, _now()))

    def failures(self) -> list[tuple[str, str, str]]:
        return [tuple(r) for r in self._execute("SELECT origin, reason, at FROM failures ORDER BY at")]  # type: ignore[misc]

    # -- stories -----------------------------------------------------------------------

    def articles_without_story(self) -> list[str]:
        """Ids of stored articles not yet assigned to a story, in ingest order."""
        rows = self._execute(
            "SELECT a.id FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id "
            "WHERE s.story_id IS NULL ORDER BY a.seq"
        ).fetchall()
        return [row[0] for row in rows]

    def save_stories(
        self,
        stories: Sequence[StoryRow],
        members: Sequence[StoryMember],
        features: Sequence[StoryFeatureRow],
        links: Sequence[StoryLinkRow],
        vocabulary: dict[str, int],
    ) -> None:
        """Write one clustering update at once: changed stories (merged ones keep a row
        pointing at the story that absorbed them), memberships, features, links, frequencies."""
        with self.transaction():
            now = _now()
            self._db.executemany(
                "INSERT OR REPLACE INTO stories (id, seq, title, first_date, last_date, article_count, state, "
                "embedding, merged_into, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(s.id, s.seq, s.title, s.first_date, s.last_date, s.article_count, s.state, s.embedding,
                  s.merged_into, now) for s in stories],
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO story_articles (article_id, story_id, score, duplicate, position) "
                "VALUES (?, ?, ?, ?, ?)",
                [(m.article_id, m.story_id, m.score, int(m.duplicate), m.position) for m in members],
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO story_features (article_id, date, embedding, data) VALUES (?, ?, ?, ?)",
                [(f.article_id, f.date, f.embedding, f.data) for f in features],
            )
            for s in stories:
                if s.merged_into:
                    self._execute("UPDATE OR REPLACE story_links SET story_id = ? WHERE story_id = ?", (s.merged_into, s.id))
                    self._execute("UPDATE OR REPLACE story_links SET related_id = ? WHERE related_id = ?", (s.merged_into, s.id))
            self._db.executemany(
                "INSERT OR REPLACE INTO story_links (story_id, related_id, relation, reason) VALUES (?, ?, ?, ?)",
                [(x.story_id, x.related_id, x.relation, x.reason) for x in links],
            )
            self._execute("DELETE FROM story_links WHERE story_id = related_id")
            for s in stories:  # story headlines for full-text search (merged stories drop out)
                self._execute("DELETE FROM stories_fts WHERE story_id = ?", (s.id,))
                if not s.merged_into:
                    self._execute("INSERT INTO stories_fts (story_id, title) VALUES (?, ?)", (s.id, s.title))
            # ``vocabulary`` holds new totals as the caller computed them from what it read; add
            # the difference to what is stored now, in this transaction, so a concurrent
            # writer's counts are kept (read-modify-write in one transaction).
            read = self._vocabulary_read
            changes = [(key, df - read.get(key, 0)) for key, df in vocabulary.items()]
            self._db.executemany(
                "INSERT INTO story_vocabulary (key, df) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET df = df + excluded.df",
                [(key, delta) for key, delta in changes if delta],
            )
        read.update(vocabulary)

    @staticmethod
    def _story(row: sqlite3.Row) -> StoryRow:
        return StoryRow(row["id"], row["seq"], row["title"], row["first_date"], row["last_date"],
                        row["article_count"], row["state"], row["embedding"], row["merged_into"])

    def load_stories(self, since: str | None = None, limit: int | None = None, sums: bool = True) -> list[StoryRow]:
        """Current (unmerged) stories, newest first: those whose last date is on or after
        ``since`` or unknown (all when ``since`` is None), at most ``limit``.

        ``sums=False`` leaves out what only clustering reads (the running term and entity sums
        of ``state``, the ``embedding``): ``state`` holds the outlets alone, all a listing shows
        of it (decoding every story's sums was most of the cost of listing the stories)."""
        columns = "*" if sums else (
            "id, seq, title, first_date, last_date, article_count, "
            "json_object('outlets', json(COALESCE(json_extract(state, '$.outlets'), '[]'))) AS state, "
            "x'' AS embedding, merged_into"
        )
        sql = f"SELECT {columns} FROM stories WHERE merged_into IS NULL"
        params: list[Any] = []
        if since is not None:
            sql += " AND (last_date IS NULL OR last_date >= ?)"
            params.append(since)
        sql += " ORDER BY COALESCE(last_date, '') DESC, seq DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [self._story(row) for row in self._execute(sql, params)]

    def find_stories(self, id_or_prefix: str) -> list[StoryRow]:
        """Stories (merged ones included) whose id is, or starts with, the given text."""
        rows = self._execute("SELECT * FROM stories WHERE id = ?", (id_or_prefix,)).fetchall()
        if not rows:
            rows = self._execute("SELECT * FROM stories WHERE id LIKE ? LIMIT 10", (id_or_prefix + "%",)).fetchall()
        return [self._story(row) for row in rows]

    def story_members(self, story_ids: Sequence[str] | None = None) -> list[StoryMember]:
        """Memberships of the given stories (all when None), in the order articles joined."""
        if story_ids is None:
            rows = self._execute("SELECT * FROM story_articles ORDER BY story_id, position").fetchall()
        else:
            rows = []
            for story_id in story_ids:
                rows += self._execute(
                    "SELECT * FROM story_articles WHERE story_id = ? ORDER BY position", (story_id,)
                ).fetchall()
        return [StoryMember(r["article_id"], r["story_id"], r["score"], bool(r["duplicate"]), r["position"]) for r in rows]

    def story_members_of(self, article_ids: Sequence[str]) -> list[StoryMember]:
        """The story membership of each given article that has one."""
        rows = []
        for article_id in article_ids:
            rows += self._execute("SELECT * FROM story_articles WHERE article_id = ?", (article_id,)).fetchall()
        return [StoryMember(r["article_id"], r["story_id"], r["score"], bool(r["duplicate"]), r["position"]) for r in rows]

    def load_story_features(self, article_ids: Sequence[str]) -> list[StoryFeatureRow]:
        rows = []
        for article_id in article_ids:
            rows += self._execute("SELECT * FROM story_features WHERE article_id = ?", (article_id,)).fetchall()
        return [StoryFeatureRow(r["article_id"], r["date"], r["embedding"], r["data"]) for r in rows]

    def story_vocabulary(self) -> dict[str, int]:
        """Document frequencies of clustering terms and entities (key -> df).  What is read
        here is what ``save_stories`` computes its changes against."""
        vocabulary = {row[0]: row[1] for row in self._execute("SELECT key, df FROM story_vocabulary")}
        self._vocabulary_read = dict(vocabulary)
        return vocabulary

    def story_links(self) -> list[StoryLinkRow]:
        rows = self._execute("SELECT story_id, related_id, relation, reason FROM story_links ORDER BY story_id").fetchall()
        return [StoryLinkRow(*row) for row in rows]

    # -- vectors and built briefs --------------------------------------------------------

    def load_vectors(self, keys: Sequence[bytes]) -> dict[bytes, bytes]:
        """Stored vectors (key -> float16 bytes) of those ``keys`` that have one."""
        found: dict[bytes, bytes] = {}
        keys = list(keys)
        for lo in range(0, len(keys), _IN_CHUNK):
            chunk = keys[lo : lo + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self._execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk):
                found[bytes(row[0])] = bytes(row[1])
        return found

    def save_vectors(self, items: Sequence[tuple[bytes, bytes]]) -> None:
        """Store (key, vector bytes) pairs; a key stored before keeps its vector."""
        with self.transaction():
            self._db.executemany("INSERT OR IGNORE INTO vectors (key, vector) VALUES (?, ?)", list(items))

    def count_vectors(self) -> int:
        return int(self._execute("SELECT COUNT(*) FROM vectors").fetchone()[0])

    def load_briefs(self, story_ids: Sequence[str], variant: str) -> dict[str, tuple[str, str]]:
        """story id -> (fingerprint, brief JSON) of the stored briefs of these stories and variant."""
        found: dict[str, tuple[str, str]] = {}
        ids = list(dict.fromkeys(story_ids))
        for lo in range(0, len(ids), _IN_CHUNK):
            chunk = ids[lo : lo + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self._execute(
                f"SELECT story_id, fingerprint, data FROM briefs WHERE variant = ? AND story_id IN ({marks})", [variant, *chunk]
            ):
                found[row[0]] = (row[1], row[2])
        return found

    def save_brief(self, story_id: str, variant: str, fingerprint: str, data: str) -> None:
        """Store (or replace) the built brief of one story and variant."""
        with self.transaction():
            self._execute(
                "INSERT OR REPLACE INTO briefs (story_id, variant, fingerprint, data, built_at) VALUES (?, ?, ?, ?, ?)",
                (story_id, variant, fingerprint, data, _now()),
            )

    def load_story_outlets(self, story_ids: Sequence[str]) -> dict[str, StoryOutletsRow]:
        """story id -> the stored count of its independent outlets (with its copy relation)."""
        found: dict[str, StoryOutletsRow] = {}
        ids = list(dict.fromkeys(story_ids))
        for lo in range(0, len(ids), _IN_CHUNK):
            chunk = ids[lo : lo + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self._execute(f"SELECT * FROM story_outlets WHERE story_id IN ({marks})", chunk):
                found[row["story_id"]] = StoryOutletsRow(row["story_id"], row["fingerprint"], json.loads(row["origins"]),
                                                         row["independent"])
        return found

    def save_story_outlets(self, rows: Sequence[StoryOutletsRow]) -> None:
        """Store (or replace) the counted independent outlets of these stories."""
        with self.transaction():
            for row in rows:
                self._execute(
                    "INSERT OR REPLACE INTO story_outlets (story_id, fingerprint, origins, independent) VALUES (?, ?, ?, ?)",
                    (row.story_id, row.fingerprint, json.dumps(row.origins, sort_keys=True), row.independent),
                )

    def brief_fingerprints(self) -> dict[tuple[str, str], str]:
        """(story id, variant) -> fingerprint of every stored brief."""
        rows = self._execute("SELECT story_id, variant, fingerprint FROM briefs").fetchall()
        return {(row[0], row[1]): row[2] for row in rows}

    # -- feeds (web) -------------------------------------------------------------------

    def add_feed(self, url: str, name: str | None, every_seconds: int) -> bool:
        """Subscribe to ``url`` (due at once); False when it was already subscribed (its name
        and interval are updated)."""
        with self.transaction():
            if self.get_feed(url) is not None:
                self._execute(
                    "UPDATE feeds SET name = COALESCE(?, name), every_seconds = ? WHERE url = ?",
                    (name, every_seconds, url),
                )
                return False
            now = _now()
            self._execute(
                "INSERT INTO feeds (url, name, every_seconds, added_at, next_poll) VALUES (?, ?, ?, ?, ?)",
                (url, name, every_seconds, now, now),
            )
        return True

    def remove_feed(self, url: str) -> bool:
        """Unsubscribe (articles already stored stay); False when ``url`` was not subscribed."""
        with self.transaction():
            gone = self._execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount
            self._execute("DELETE FROM feed_items WHERE feed_url = ?", (url,))
        return bool(gone)

    def get_feed(self, url: str) -> FeedRow | None:
        row = self._execute("SELECT * FROM feeds WHERE url = ?", (url,)).fetchone()
        return FeedRow(**dict(row)) if row else None

    def feeds(self) -> list[FeedRow]:
        """Every subscription, in the order added."""
        return [FeedRow(**dict(r)) for r in self._execute("SELECT * FROM feeds ORDER BY added_at, url")]

    def due_feeds(self, now: str) -> list[FeedRow]:
        """Subscriptions whose next poll is at or before ``now``, most overdue first."""
        rows = self._execute("SELECT * FROM feeds WHERE next_poll <= ? ORDER BY next_poll, url", (now,))
        return [FeedRow(**dict(r)) for r in rows]

    def record_poll(
        self,
        url: str,
        status: str,
        next_poll: str,
        error: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        new_articles: int = 0,
    ) -> None:
        """After polling a feed: its status, error (None on success: failures reset), validators
        for the next conditional GET, and when to poll it next."""
        with self.transaction():
            if error is None:
                self._execute(
                    "UPDATE feeds SET last_poll = ?, last_status = ?, last_error = NULL, failures = 0, next_poll = ?, "
                    "etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified), articles = articles + ? "
                    "WHERE url = ?",
                    (_now(), status, next_poll, etag, last_modified, new_articles, url),
                )
            else:
                self._execute(
                    "UPDATE feeds SET last_poll = ?, last_status = ?, last_error = ?, failures = failures + 1, "
                    "next_poll = ? WHERE url = ?",
                    (_now(), status, error, next_poll, url),
                )

    def seen_items(self, feed_url: str, keys: Sequence[str]) -> set[str]:
        """Which of these item keys (entry id or link) of a feed were seen before."""
        seen: set[str] = set()
        for key in keys:
            if self._execute(
                "SELECT 1 FROM feed_items WHERE feed_url = ? AND item_key = ?", (feed_url, key)
            ).fetchone():
                seen.add(key)
        return seen

    def record_item(self, feed_url: str, key: str, link: str | None, article_id: str | None, status: str, reason: str | None = None) -> None:
        """Remember one feed item, so it is never fetched again."""
        with self.transaction():
            self._execute(
                "INSERT OR REPLACE INTO feed_items (feed_url, item_key, link, article_id, status, reason, seen_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (feed_url, key, link, article_id, status, reason, _now()),
            )

    # -- watch lists (web) -------------------------------------------------------------

    def add_watchlist(self, name: str, query: str | None, entity: str | None) -> int:
        now = _now()
        with self.transaction():
            cursor = self._execute(
                "INSERT INTO watchlists (name, query, entity, created_at, last_seen) VALUES (?, ?, ?, ?, ?)",
                (name, query, entity, now, "1970-01-01T00:00:00+00:00"),
            )
        return int(cursor.lastrowid or 0)

    def watchlists(self) -> list[WatchlistRow]:
        return [WatchlistRow(**dict(r)) for r in self._execute("SELECT * FROM watchlists ORDER BY id")]

    def get_watchlist(self, watchlist_id: int) -> WatchlistRow:
        row = self._execute("SELECT * FROM watchlists WHERE id = ?", (watchlist_id,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no watch list with id {watchlist_id}; the /watch page lists them")
        return WatchlistRow(**dict(row))

    def mark_watchlist_seen(self, watchlist_id: int, when: str | None = None) -> None:
        with self.transaction():
            self._execute("UPDATE watchlists SET last_seen = ? WHERE id = ?", (when or _now(), watchlist_id))

    def remove_watchlist(self, watchlist_id: int) -> None:
        with self.transaction():
            self._execute("DELETE FROM watchlists WHERE id = ?", (watchlist_id,))

    # -- story summaries and full-text search (web) --------------------------------------

    def story_summaries(
        self,
        order: str = "newest",
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        match: str | None = None,
        language: str | None = None,
        story_ids: Sequence[str] | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StorySummaryRow]:
        """Current stories with their outlets and first/last ingest times, filtered: event dates
        overlapping ``since``..``until`` (YYYY-MM-DD), an article from ``outlet`` or in
        ``language``, an article whose text matches the FTS5 query ``match``; ``order`` is
        "newest" (latest article ingested or dated first) or "coverage" (most independent outlets
        first, syndicated copies counted once; then most articles, then the latest)."""
        where = ["s.merged_into IS NULL"]
        params: list[Any] = []
        if since:
            where.append("(s.last_date IS NULL OR s.last_date >= ?)")
            params.append(since)
        if until:
            where.append("(s.first_date IS NULL OR s.first_date <= ?)")
            params.append(until + "~")
        member = "s.id IN (SELECT m2.story_id FROM story_articles m2 JOIN articles a2 ON a2.id = m2.article_id WHERE "
        if outlet:
            where.append(member + "source_label(a2.outlet, a2.url, a2.origin, a2.id) = ?)")
            params.append(outlet)
        if language:
            where.append(member + "a2.language = ?)")
            params.append(language)
        if match:
            where.append(member + "a2.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))")
            params.append(match)
        if story_ids is not None:
            where.append(f"s.id IN ({', '.join('?' * len(story_ids)) or 'NULL'})")
            params.extend(story_ids)
        ordering = {
            "newest": "last_seen DESC, COALESCE(s.last_date, '') DESC, s.seq DESC",
            "coverage": "independent DESC, n DESC, COALESCE(s.last_date, '') DESC, last_seen DESC",
        }.get(order)
        if ordering is None:
            raise StoreError(f"story order {order!r} is not valid; use newest or coverage")
        sql = (
            "SELECT s.id, s.title, s.first_date, s.last_date, COUNT(a.id) AS n, "
            # as the story's brief counts them (pipeline.count_outlets); a story not counted yet (an
            # update counts every story it changes): its distinct outlets but ingest duplicates
            f"COALESCE(MAX(o.independent), COUNT(DISTINCT CASE WHEN a.duplicate_of IS NULL THEN {_LABEL_SQL} END)) AS independent, "
            f"json_group_array(DISTINCT {_LABEL_SQL}) AS outlets, MIN(a.ingested_at) AS first_seen, "
            "MAX(a.ingested_at) AS last_seen FROM stories s "
            "JOIN story_articles m ON m.story_id = s.id JOIN articles a ON a.id = m.article_id "
            "LEFT JOIN story_outlets o ON o.story_id = s.id "
            f"WHERE {' AND '.join(where)} GROUP BY s.id ORDER BY {ordering} LIMIT ? OFFSET ?"
        )
        rows = self._query(sql, [*params, limit, offset], match)
        return [
            StorySummaryRow(r["id"], r["title"], r["first_date"], r["last_date"], r["n"],
                            tuple(sorted(json.loads(r["outlets"]))),
                            r["first_seen"], r["last_seen"], r["independent"])
            for r in rows
        ]

    def count_stories(self) -> int:
        return int(self._execute("SELECT COUNT(*) FROM stories WHERE merged_into IS NULL").fetchone()[0])

    def search_articles(self, query: str, limit: int = 100) -> list[SearchHit]:
        """Articles whose title or text match the FTS5 ``query`` (words, "a phrase", prefix*),
        best first, each with a snippet around the matches."""
        rows = self._query(
            f"SELECT a.id, a.title, {_LABEL_SQL} AS outlet, a.published, m.story_id, "
            f"snippet(articles_fts, 1, '{SNIPPET_START}', '{SNIPPET_END}', '…', 16) AS snip "
            "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "LEFT JOIN story_articles m ON m.article_id = a.id "
            "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ?",
            [query, limit],
            query,
        )
        return [SearchHit(r["id"], r["title"], r["outlet"], r["published"], r["story_id"], r["snip"]) for r in rows]

    def search_story_titles(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """(story id, headline with matches marked) of stories whose headline matches."""
        rows = self._query(
            f"SELECT story_id, highlight(stories_fts, 1, '{SNIPPET_START}', '{SNIPPET_END}') AS title "
            "FROM stories_fts WHERE stories_fts MATCH ? ORDER BY rank LIMIT ?",
            [query, limit],
            query,
        )
        return [(r["story_id"], r["title"]) for r in rows]

    def outlets(self) -> list[tuple[str, int]]:
        """(outlet, article count) of every outlet, most articles first."""
        rows = self._execute(
            "SELECT source_label(outlet, url, origin, id) AS label, COUNT(*) FROM articles GROUP BY label ORDER BY 2 DESC, 1"
        )
        return [(r[0], r[1]) for r in rows]

    def languages(self) -> list[str]:
        return [r[0] for r in self._execute("SELECT DISTINCT language FROM articles WHERE language IS NOT NULL ORDER BY 1")]

    def _query(self, sql: str, params: Sequence[Any], fts_query: str | None) -> list[sqlite3.Row]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if fts_query is not None and "lock" not in str(exc):  # anything else is the query's fault
                raise StoreError(
                    f"search {fts_query!r} is not a valid query ({exc}); use words, \"an exact phrase\", "
                    "prefix* or AND / OR / NOT between words"
                ) from exc
            raise StoreError(f"{self.path}: database error ({exc}) running: {sql.split()[0]} ...") from exc

    def ingest_times(self, article_ids: Sequence[str]) -> dict[str, str]:
        """article id -> when it was ingested (ISO 8601 UTC)."""
        times = {}
        for article_id in article_ids:
            row = self._execute("SELECT ingested_at FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row:
                times[article_id] = row[0]
        return times

    def make_feeds_due(self) -> None:
        """Poll every feed at the next chance ("poll now")."""
        with self.transaction():
            self._execute("UPDATE feeds SET next_poll = ?", (_now(),))

def holds_story_lock(func: Callable[..., T]) -> Callable[..., T]:
    """Decorate a function whose first argument is a ``Store`` to run it under
    ``store.story_update()`` (the read-cluster-write of stories must not interleave)."""

    @functools.wraps(func)
    def locked(store: Store, *args: object, **kwargs: object) -> T:
        with store.story_update():
            return func(store, *args, **kwargs)

    return locked
