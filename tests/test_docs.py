"""The documentation is kept true by tests: every command, option and setting is documented."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from newsbrief.cli import build_parser
from newsbrief.settings import as_markdown, describe

ROOT = Path(__file__).resolve().parent.parent


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("newsbrief has no subcommands")


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[:1500]
    assert "make demo" in head and "make test" in head


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_every_command_and_option_is_documented(name: str) -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"newsbrief {name}" in doc, f"docs/cli.md does not document `newsbrief {name}`"
    section = doc.split(f"## newsbrief {name}", 1)[-1].split("\n## ", 1)[0]
    for action in _subcommands()[name]._actions:
        for option in action.option_strings:
            if option.startswith("--") and option != "--help":
                assert option in section, f"docs/cli.md does not document {option} of `newsbrief {name}`"


def test_every_setting_is_documented_with_its_default() -> None:
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for name, default, _help in describe():
        assert f"`{name}`" in doc, f"docs/settings.md does not document {name}"
        assert repr(default) in doc, f"docs/settings.md does not give {name}'s default {default!r}"
    assert doc == as_markdown(), "docs/settings.md is stale: run python -m newsbrief.settings > docs/settings.md"


def test_changelog_exists() -> None:
    assert (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").strip()
