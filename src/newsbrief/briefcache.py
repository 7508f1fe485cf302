"""Built briefs are stored results: what a brief was built from, as one fingerprint.

A story's brief depends on its articles (text and metadata), the stored analysis layers of
each (by analyser version), the story's links, the brief options (lead length, focus), the
embedding model and newsbrief's own code.  :func:`brief_fingerprint` hashes all of it; the
pipeline stores each brief with its fingerprint and rebuilds only the briefs whose fingerprint
changed (a new article, a merge or split, another analyser or model version, an upgrade).
Reading a stored brief needs no model: a re-run on an unchanged store loads JSON.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from newsbrief import __version__
from newsbrief.models import Article, Brief, Story

# Bumped by hand only for changes the code hash cannot see (none so far).
FORMAT = 1


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of newsbrief's version and every source file of the package: any code change
    (a new release, or an edit in a development checkout) makes every stored brief stale.
    The embedding model's id is part of it through embed.py's text (read, not imported: a
    re-run that reads stored briefs loads no numpy)."""
    digest = hashlib.sha1(f"{__version__}\x00{FORMAT}".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def brief_variant(lead_words: int, focus: str | None, as_one: bool = False) -> str:
    """The options a brief was built with, as the key of its stored copy (``as_one``: a pile
    of articles briefed as one story, ``brief --as-one``)."""
    options: dict[str, object] = {"lead_words": lead_words, "focus": (focus or "").strip() or None}
    if as_one:
        options["as_one"] = True  # only when set: stored briefs of ordinary stories keep their key
    return json.dumps(options, sort_keys=True)


def brief_fingerprint(
    story: Story,
    articles: Sequence[Article],
    layer_versions: Mapping[str, Mapping[str, str]],
    variant: str,
) -> str:
    """What a brief is built from, hashed (``layer_versions[article_id][layer] = version``)."""
    parts: list[object] = [code_version(), variant, story.id, [link.to_dict() for link in story.related]]
    for article in articles:
        parts.append(
            [
                article.id, article.content_hash, article.origin, article.url, article.outlet, article.title,
                article.author, article.published, article.language, article.duplicate_of,
                sorted(layer_versions.get(article.id, {}).items()),
            ]
        )
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def encode_brief(brief: Brief) -> str:
    return json.dumps(brief.to_dict(), ensure_ascii=False)


def decode_brief(data: str) -> Brief:
    """A stored brief as a record.  Python's cycle collector is paused meanwhile: decoding
    allocates thousands of containers and no garbage cycle, and the collections they trigger
    traverse every record decoded before: 628 stored briefs (about 1,000 articles' worth) took
    324 ms to decode with it running, 188 ms paused (157 briefs: 57 ms)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return Brief.from_dict(json.loads(data))
    finally:
        if enabled:
            gc.enable()
