"""facts.candidate_links: blocked enumeration finds every pair the link rule accepts, in the same order."""

from __future__ import annotations

import numpy as np

from newsbrief import facts
from newsbrief.models import Claim


def _claims(n: int, seed: int) -> tuple[list[Claim], np.ndarray]:
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(12, 32))
    claims, rows = [], []
    for i in range(n):
        topic = i % 12
        rows.append(base[topic] + rng.normal(scale=0.8, size=32))
        entities = tuple(f"e{k}" for k in rng.choice(6, size=rng.integers(0, 4), replace=False))
        dates = tuple(f"2024-01-{d:02d}" for d in rng.choice(4, size=rng.integers(0, 3), replace=False))
        numbers = tuple(float(x) for x in rng.choice(5, size=rng.integers(0, 2), replace=False))
        claims.append(Claim(f"a{i % 9}", f"outlet{i % 9}", i * 10, i * 10 + 9, f"claim {i}", entities, numbers, dates))
    vectors = np.array(rows, dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return claims, vectors


def _all_pairs(claims: list[Claim], vectors: np.ndarray) -> list[tuple[float, int, int]]:
    sims = vectors @ vectors.T
    pairs = [
        (float(sims[i, j]), i, j)
        for i in range(len(claims))
        for j in range(i + 1, len(claims))
        if claims[i].article_id != claims[j].article_id and sims[i, j] >= facts.RELATED
    ]
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    return pairs


def test_blocked_links_are_the_accepted_all_pairs_links_in_order(monkeypatch) -> None:
    monkeypatch.setattr(facts, "_CHUNK", 64)  # several chunks
    claims, vectors = _claims(300, seed=3)
    accepted = [(s, i, j) for s, i, j in _all_pairs(claims, vectors) if facts._linked(claims[i], claims[j], s)]
    blocked = facts.candidate_links(claims, vectors, facts.RELATED)
    assert len(accepted) > 50
    kept = [(s, i, j) for s, i, j in blocked if facts._linked(claims[i], claims[j], s)]
    assert [(i, j) for _, i, j in kept] == [(i, j) for _, i, j in accepted]
    assert np.allclose([s for s, _, _ in kept], [s for s, _, _ in accepted], atol=1e-6)
    # ... while pairs in the loose band with no shared entity, date or number are not enumerated at all
    assert len(blocked) < len(_all_pairs(claims, vectors))


def test_no_links_for_fewer_than_two_claims() -> None:
    claims, vectors = _claims(1, seed=1)
    assert facts.candidate_links(claims, vectors, facts.RELATED) == []
