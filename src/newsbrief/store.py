"""The SQLite store: the only module that speaks SQL.

One embedded database file (WAL mode) holds articles, their per-analyser annotations,
MinHash signatures for near-duplicate search, ingest failures and stories.  IDs are content
hashes, so ingesting the same input twice adds nothing.  The schema is versioned by
``MIGRATIONS``: each entry runs once, in order, inside a transaction, and is recorded in
``schema_migrations``.  Every write happens in a transaction, so a crash or a bad input never
leaves half an article behind.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from newsbrief.errors import StoreError
from newsbrief.models import Article, Record, Removal

R = TypeVar("R", bound=Record)


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
]

_ARTICLE_COLUMNS = (
    "id, content_hash, origin, url, outlet, title, author, published, language, text, "
    "removed, duplicate_of, duplicate_kind, word_count"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


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
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: cannot open as a newsbrief database ({exc}); "
                "pass --db with a new file name or a database newsbrief created"
            ) from exc

    # -- lifecycle ---------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

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
        for article_id in ids:
            yield self.get_article(article_id)

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
            self._db.executemany(
                "INSERT OR REPLACE INTO story_vocabulary (key, df) VALUES (?, ?)", list(vocabulary.items())
            )

    @staticmethod
    def _story(row: sqlite3.Row) -> StoryRow:
        return StoryRow(row["id"], row["seq"], row["title"], row["first_date"], row["last_date"],
                        row["article_count"], row["state"], row["embedding"], row["merged_into"])

    def load_stories(self, since: str | None = None, limit: int | None = None) -> list[StoryRow]:
        """Current (unmerged) stories, newest first: those whose last date is on or after
        ``since`` or unknown (all when ``since`` is None), at most ``limit``."""
        sql = "SELECT * FROM stories WHERE merged_into IS NULL"
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
        """Document frequencies of clustering terms and entities (key -> df)."""
        return {row[0]: row[1] for row in self._execute("SELECT key, df FROM story_vocabulary")}

    def story_links(self) -> list[StoryLinkRow]:
        rows = self._execute("SELECT story_id, related_id, relation, reason FROM story_links ORDER BY story_id").fetchall()
        return [StoryLinkRow(*row) for row in rows]
