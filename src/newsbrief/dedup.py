"""Exact and near-duplicate detection: MinHash signatures of word 5-shingles, searched by LSH.

A wire story reprinted by ten sites is one independent source, not ten.  Each stored
original (non-duplicate) article has a MinHash signature in the store; a new article whose
estimated Jaccard similarity with an original reaches ``settings.near_duplicate_threshold``
is stored as a ``"near"`` duplicate linked to the earliest such original.  Exact copies
(same content hash) are found by the store itself and marked ``"exact"``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsbrief.errors import ConfigError, StoreError
from newsbrief.models import Article
from newsbrief.settings import Settings

SHINGLE_WORDS = 5
# datasketch >= 2.0 needs the hashing scheme named when a MinHash is rebuilt from stored
# values; every signature newsbrief makes uses this one.
SCHEME = "affine32"
_TOKEN = re.compile(r"\w+")
DUPLICATE_KINDS = ("exact", "near")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Lowercased word ``size``-shingles of ``text`` (the whole text when it is shorter)."""
    tokens = _TOKEN.findall(text.casefold())
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


class DuplicateIndex:
    """MinHash LSH over the stored originals, for finding near-duplicate (syndicated) copies."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.num_perm = self.settings.minhash_permutations
        self.threshold = self.settings.near_duplicate_threshold
        self._lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        self._signatures: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}  # ingest order, to pick the earliest original

    @classmethod
    def from_signatures(
        cls,
        signatures: Iterable[tuple[str, bytes]],
        settings: Settings | None = None,
        load_article: Callable[[str], Article] | None = None,
    ) -> DuplicateIndex:
        """An index of stored originals from their (article id, serialised signature), in
        ingest order.  Signatures made with another number of permutations are recomputed
        from the article text, which ``load_article`` supplies (else they are left out).
        """
        index = cls(settings)
        expected = index.num_perm * 8
        for article_id, blob in signatures:
            if len(blob) == expected:
                index.add(article_id, index.deserialise(blob))
            elif load_article is not None:
                index.add(article_id, index.signature(load_article(article_id)))
        return index

    def __len__(self) -> int:
        return len(self._signatures)

    def signature(self, article: Article) -> MinHash:
        """The MinHash of the article's word 5-shingles."""
        minhash = MinHash(num_perm=self.num_perm, scheme=SCHEME)
        minhash.update_batch([s.encode("utf-8") for s in shingles(article.text)])
        return minhash

    def serialise(self, signature: MinHash) -> bytes:
        """The signature's hash values as little-endian uint64 bytes (8 per permutation)."""
        return np.asarray(signature.hashvalues, dtype="<u8").tobytes()

    def deserialise(self, blob: bytes) -> MinHash:
        """The reverse of :meth:`serialise`."""
        if len(blob) != self.num_perm * 8:
            raise StoreError(
                f"MinHash signature of {len(blob)} bytes does not match minhash_permutations="
                f"{self.num_perm} ({self.num_perm * 8} bytes); use the setting the database was built with"
            )
        values = np.frombuffer(blob, dtype="<u8")
        return MinHash(num_perm=self.num_perm, hashvalues=values, scheme=SCHEME)

    def find(self, signature: MinHash) -> str | None:
        """The id of the earliest original whose estimated similarity reaches the threshold."""
        candidates = sorted(self._lsh.query(signature), key=self._order.__getitem__)
        for article_id in candidates:
            if self._signatures[article_id].jaccard(signature) >= self.threshold:
                return str(article_id)
        return None

    def add(self, article_id: str, signature: MinHash) -> None:
        """Index an original; adding an id twice is a no-op."""
        if article_id in self._signatures:
            return
        self._lsh.insert(article_id, signature)
        self._signatures[article_id] = signature
        self._order[article_id] = len(self._order)

    @staticmethod
    def mark(article: Article, original_id: str, kind: str) -> Article:
        """A copy of ``article`` linked to ``original_id`` as an ``"exact"`` or ``"near"`` duplicate."""
        if kind not in DUPLICATE_KINDS:
            raise ConfigError(f"duplicate kind {kind!r} is not valid; choose one of {', '.join(DUPLICATE_KINDS)}")
        return dataclasses.replace(article, duplicate_of=original_id, duplicate_kind=kind)
