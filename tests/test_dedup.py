"""dedup.py: MinHash signatures, serialisation, LSH search for near-copies, rebuilding from a store."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbrief.dedup import DuplicateIndex, shingles
from newsbrief.errors import ConfigError, StoreError
from newsbrief.extract import content_hash
from newsbrief.models import Article
from newsbrief.pipeline import load_duplicate_index
from newsbrief.settings import Settings
from newsbrief.store import Store

SEEDS = sorted((Path(__file__).resolve().parent.parent / "examples" / "seeds").glob("*.txt"))


def make(article_id: str, text: str) -> Article:
    return Article(id=article_id, content_hash=content_hash(text), origin=f"{article_id}.txt", text=text,
                   word_count=len(text.split()))


@pytest.fixture(scope="module")
def story() -> str:
    return SEEDS[3].read_text(encoding="utf-8")


def syndicated(text: str) -> str:
    """The same story with a rewritten first paragraph and an added footer."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    paragraphs[0] = "A wire service rewrote this opening paragraph for its own readers today."
    paragraphs.append("This article first appeared on a partner site and is republished with permission.")
    return "\n\n".join(paragraphs)


def test_shingles_are_lowercased_word_five_grams() -> None:
    assert shingles("One two three four five six") == {"one two three four five", "two three four five six"}
    assert shingles("Too short") == {"too short"}
    assert shingles("") == set()


def test_signature_round_trips_through_bytes(story: str) -> None:
    index = DuplicateIndex(Settings())
    signature = index.signature(make("a", story))
    blob = index.serialise(signature)
    assert len(blob) == 8 * Settings().minhash_permutations
    assert index.deserialise(blob).jaccard(signature) == 1.0


def test_deserialise_rejects_a_signature_of_another_size(story: str) -> None:
    small = DuplicateIndex(Settings(minhash_permutations=16))
    blob = small.serialise(small.signature(make("a", story)))
    with pytest.raises(StoreError, match="minhash_permutations"):
        DuplicateIndex(Settings()).deserialise(blob)


def test_near_copy_is_found_and_unrelated_text_is_not(story: str) -> None:
    index = DuplicateIndex(Settings())
    index.add("original", index.signature(make("original", story)))
    assert index.find(index.signature(make("copy", syndicated(story)))) == "original"
    other = SEEDS[0].read_text(encoding="utf-8")
    assert index.find(index.signature(make("other", other))) is None


def test_find_returns_the_earliest_original(story: str) -> None:
    index = DuplicateIndex(Settings())
    index.add("first", index.signature(make("first", story)))
    index.add("second", index.signature(make("second", story + "\n\nOne more closing line of text here.")))
    assert index.find(index.signature(make("third", syndicated(story)))) == "first"


def test_mark_links_a_copy() -> None:
    article = make("b", "some text")
    marked = DuplicateIndex.mark(article, "a", "near")
    assert (marked.duplicate_of, marked.duplicate_kind, marked.id) == ("a", "near", "b")
    assert article.duplicate_of is None  # records are immutable copies
    with pytest.raises(ConfigError, match="exact, near"):
        DuplicateIndex.mark(article, "a", "similar")


def test_an_index_rebuilt_from_stored_signatures_finds_originals(tmp_path: Path, story: str) -> None:
    settings = Settings()
    with Store(tmp_path / "d.db") as store:
        index = DuplicateIndex(settings)
        original = make("orig0000", story)
        store.add_article(original, index.serialise(index.signature(original)))
        copy = DuplicateIndex.mark(make("copy0000", syndicated(story)), "orig0000", "near")
        store.add_article(copy, index.serialise(index.signature(copy)))
        rebuilt = load_duplicate_index(store, settings)
        assert len(rebuilt) == 1  # duplicates are not originals
        assert rebuilt.find(rebuilt.signature(make("x", syndicated(story)))) == "orig0000"
        # A database built with another number of permutations is re-signed from the text.
        other = load_duplicate_index(store, settings.replace(minhash_permutations=64))
        assert other.find(other.signature(make("y", syndicated(story)))) == "orig0000"
