"""Which articles of a story copy which, and how many independent outlets stand behind them.

A reader sees the number of independent outlets twice: in a story's header ("11 articles,
3 independent outlets (8 syndicated or duplicate copies)") and on each key fact ("2 outlets").
Both come from here, from one copy relation, so a fact can never show more outlets than its
story.  The relation joins two kinds of links:

* ``duplicate_of``: an exact or near-duplicate found at ingest (:mod:`newsbrief.dedup`), which
  points at the earliest original ingested;
* ``copies``: reprints the brief found from the articles' sentences
  (:func:`newsbrief.facts.wire_copies`: a wire story each site edited a little), which point at
  the earliest published copy.

The two may disagree about which article is the original (dedup says B copies A, the
sentences say A copies B), so following links one by one can loop or stop at a different
article depending on where it starts.  Here the links are joined into groups instead (a copy
of a copy is in its original's group), and each group has one original: its first article in
the caller's order (the earliest published, for a brief: the one the others copy, whichever
was ingested first); but when every article of the group is a copy of an article outside the
story (ten sites reprinting a wire story the pile lacks), that outside article.

This module reads records only (no analysis code): a re-run that shows stored briefs uses it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol


class Copyable(Protocol):
    """An article or a brief's listing of one: what the copy relation needs."""

    @property
    def id(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def duplicate_of(self) -> str | None: ...


def copy_origins(
    articles: Iterable[Copyable],
    copies: Mapping[str, str] | None = None,
    order: Callable[[Any], Any] | None = None,
) -> dict[str, str]:
    """Every copy among ``articles`` -> the id of the original of its group (originals are not
    keys).  ``copies`` adds reprint links (article id -> the id of the article it reprints);
    ``order`` ranks the articles of a group (the first is its original; default: by id), e.g. by
    publication date."""
    articles = list(articles)
    parent: dict[str, str] = {}

    def root(a: str) -> str:
        parent.setdefault(a, a)
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def join(a: str, b: str) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)  # any stable choice: the original is chosen below

    for article in articles:
        root(article.id)
        if article.duplicate_of:
            join(article.id, article.duplicate_of)
    for copy, original in (copies or {}).items():
        join(copy, original)

    rank = order or (lambda article: article.id)
    present = {a.id: a for a in articles}
    with_original = {root(a.id) for a in articles if not a.duplicate_of}
    originals: dict[str, str] = {}
    for a in sorted(parent):  # a group of copies of one article outside the story: that article
        if a not in present and root(a) not in with_original:
            originals.setdefault(root(a), a)
    for article in sorted(articles, key=rank):
        originals.setdefault(root(article.id), article.id)
    out = {}
    for article in articles:
        original = originals.get(root(article.id), article.id)
        if original != article.id:
            out[article.id] = original
    return out


def independent_outlets(
    articles: Iterable[Copyable],
    among: Iterable[str] | None = None,
    copies: Mapping[str, str] | None = None,
    origins: Mapping[str, str] | None = None,
) -> int:
    """How many independent outlets stand behind ``among`` (default: all ``articles``, the
    story's articles): the distinct outlets of their originals (:func:`copy_origins`).  Ten
    reprints of a wire story count once, with their original or without it; two articles of
    one outlet count once.  ``origins`` is :func:`copy_origins`' result when the caller has it
    (else it is computed from ``articles`` and ``copies``)."""
    articles = list(articles)
    by_id = {a.id: a for a in articles}
    if origins is None:
        origins = copy_origins(articles, copies)
    sources = set()
    for article_id in by_id if among is None else among:
        original = origins.get(article_id, article_id)
        sources.add(by_id[original].label if original in by_id else f"copy-of:{original}")
    return len(sources)
