from __future__ import annotations

import numpy as np
import pytest

from newsbrief import embed


@pytest.mark.slow
def test_vectors_are_normalised_and_similar_texts_are_close() -> None:
    vectors = embed.embed(
        [
            "North Korea sent ballistic missiles to Russia.",
            "Pyongyang supplied Moscow with ballistic missiles.",
            "The recipe needs two eggs and some flour.",
        ]
    )
    assert vectors.shape == (3, embed.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > 0.6 > vectors[0] @ vectors[2] + 0.3


@pytest.mark.slow
def test_cached_texts_give_the_same_vectors_in_input_order() -> None:
    first = embed.embed(["alpha story", "beta story"])
    again = embed.embed(["beta story", "alpha story", "beta story"])
    assert np.array_equal(again[0], first[1]) and np.array_equal(again[1], first[0])
    assert np.array_equal(again[2], first[1])
    assert embed.embed([]).shape == (0, embed.DIMENSIONS)


@pytest.mark.slow
def test_vectors_stored_in_the_database_are_reused_not_reencoded(tmp_path, monkeypatch) -> None:
    from newsbrief.store import Store

    texts = ["Russia fired North Korean missiles at Kyiv.", "The Council met on Wednesday."]
    with Store(tmp_path / "v.db") as store:
        with embed.stored_in(store):
            first = embed.embed(texts)
        assert store.count_vectors() == 2
    embed.clear_cache()

    def no_model(*args: object, **kwargs: object) -> None:
        raise AssertionError("encoded a text whose vector is stored")

    monkeypatch.setattr(embed, "encode", no_model)
    with Store(tmp_path / "v.db") as store, embed.stored_in(store):
        again = embed.embed(list(reversed(texts)))
    assert np.array_equal(again, first[::-1])
    # Stored as float16, and what was returned the first time was already rounded the same way.
    assert np.array_equal(first, first.astype(np.float16).astype(np.float32))


@pytest.mark.slow
def test_batches_are_sized_by_tokens_and_vectors_stay_within_a_float16_step(monkeypatch) -> None:
    model = embed._model()
    short = [f"Talks resume {i}." for i in range(70)]  # 7-8 tokens each
    long = [" ".join(["The minister said the talks would resume in Geneva next week"] * 4) + f" {i}." for i in range(8)]
    texts = long[:4] + short + long[4:]
    alone = np.stack([embed.encode([t])[0] for t in texts[::10]])
    sizes: list[int] = []
    real_encode = model.encode

    def recording(batch: list[str], **kwargs: object) -> np.ndarray:
        sizes.append(len(batch))
        return real_encode(batch, **kwargs)

    monkeypatch.setattr(model, "encode", recording)
    together = embed.encode(texts)
    # the 8 long texts (about 50 tokens) come first, fewer than 16 a batch at 448 tokens; the short ones 64 a batch
    assert sum(sizes) == len(texts) and sizes[0] < embed.BATCH_SIZE and embed.MAX_BATCH in sizes
    assert len(sizes) < len(texts) / embed.BATCH_SIZE + 1
    # padding moves a vector by at most one float16 step from the text encoded alone
    step = np.spacing(np.abs(alone).astype(np.float16)).astype(np.float32)
    assert np.all(np.abs(together[::10] - alone) <= step + 1e-7)
    assert np.array_equal(embed.encode(texts), together)  # the same call gives the same vectors, bit for bit
