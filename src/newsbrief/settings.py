"""Every tunable of newsbrief in one dataclass, each with a default and help text.

``docs/settings.md`` documents each field; a test keeps the two in step.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from newsbrief.errors import ConfigError


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    db_path: str = _setting("newsbrief.db", "SQLite database file used by every command.")
    max_input_bytes: int = _setting(
        20_000_000, "Inputs (files, HTTP bodies, WARC records) larger than this are refused."
    )
    http_timeout: float = _setting(20.0, "Seconds before an HTTP request is abandoned.")
    http_max_redirects: int = _setting(5, "Redirects followed before an HTTP request fails.")
    user_agent: str = _setting(
        "newsbrief/0.1 (+https://example.invalid/newsbrief)", "User-Agent sent with HTTP requests."
    )
    allow_private_addresses: bool = _setting(
        False, "Fetch URLs whose host is loopback, private, link-local or otherwise not public "
        "(refused by default; see docs/security.md). For intranet sources and local test servers."
    )
    min_article_words: int = _setting(
        20, "Documents with fewer words of main text are reported as extraction failures."
    )
    near_duplicate_threshold: float = _setting(
        0.8, "Estimated Jaccard similarity of word 5-shingles above which two articles are "
        "near-duplicates (syndicated copies)."
    )
    minhash_permutations: int = _setting(128, "MinHash permutations used for near-duplicate detection.")
    chrome_min_repeats: int = _setting(
        3, "A short line repeated in this many articles of one outlet is treated as page chrome."
    )
    lead_words: int = _setting(100, "Length of a brief's lead in words: filled up to it, never more.")
    story_window_days: int = _setting(
        10, "A story stays open for new articles this many days after its last article; older "
        "stories are closed (a later article on the same subject starts a new, linked story)."
    )
    story_join_threshold: float = _setting(
        0.42, "Similarity (embedding, TF-IDF and entities combined, about 0..1) above which an article "
        "joins an open story instead of starting one."
    )
    story_link_threshold: float = _setting(
        0.22, "Similarity above which a new story is linked to the closest earlier one (open or closed "
        "within a year) as a follow-up or related story."
    )
    story_merge_threshold: float = _setting(
        0.55, "Similarity above which the consolidation pass merges two open stories."
    )
    feed_host_interval: float = _setting(
        1.0, "`newsbrief watch` sends at most one request per this many seconds to any one host."
    )
    feed_max_backoff: int = _setting(
        86_400, "Longest wait, in seconds, before polling a failing feed again (the wait doubles "
        "with each failure in a row, starting from the feed's interval)."
    )
    scheduler: str | None = _setting(
        None, "Address of a Dask scheduler (`tcp://HOST:8786`) to run extraction, analysis, sentence "
        "vectors and briefs on (`scale.make_executor(settings=...)`; needs `newsbrief[dask]`, see "
        "docs/scale.md). None: the `NEWSBRIEF_SCHEDULER` environment variable if set, else local "
        "(`--workers`). A command's `--scheduler` wins over both."
    )

    def replace(self, **changes: Any) -> Settings:
        names = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - names)
        if unknown:
            raise ConfigError(
                f"unknown setting(s) {', '.join(unknown)}; valid settings are: {', '.join(sorted(names))}"
            )
        return dataclasses.replace(self, **changes)


def describe() -> list[tuple[str, Any, str]]:
    """(name, default, help) for every setting, in declaration order."""
    return [(f.name, f.default, f.metadata["help"]) for f in dataclasses.fields(Settings)]


def as_markdown() -> str:
    """docs/settings.md, generated from the dataclass (``python -m newsbrief.settings``)."""
    lines = [
        "# Settings",
        "",
        "Every tunable of newsbrief is a field of `newsbrief.settings.Settings` (a frozen",
        "dataclass); pass `Settings(...).replace(name=value)` to the library functions. The command",
        "line exposes the common ones as options (`--db`, `--lead-words`). This page is generated",
        "by `python -m newsbrief.settings > docs/settings.md`, and a test keeps it in step.",
        "",
        "| setting | default | what it does |",
        "|---|---|---|",
    ]
    for name, default, help_text in describe():
        lines.append(f"| `{name}` | `{default!r}` | {help_text} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(as_markdown(), end="")
