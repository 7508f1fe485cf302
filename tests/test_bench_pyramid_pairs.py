"""bench/pyramid_pairs.py labels summary sentence pairs by their SCUs, read from a pyramid file.

The pyramid below is hand-written in DUC's format (no DUC text): two summaries, three SCUs, one
part's offsets a character off (as in some DUC files)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

LINES = ["", "-----", " D0999.M.100.A.A", "-----", "",
         "The mayor opened the bridge on Monday.",
         "It cost 40 million dollars.",
         "", "-----", " D0999.M.100.A.B", "-----", "",
         "The bridge, which cost 40 million dollars, was opened by the mayor."]


def _pyramid(tmp_path: Path) -> Path:
    text = "\n".join(LINES)

    def part(label: str, shift: int = 0) -> str:
        start = text.index(label) + shift
        return f'<part label="{label}" start="{start}" end="{start + len(label)}"/>'

    scus = {"1": ["The mayor opened the bridge", "was opened by the mayor"], "2": ["It cost 40 million dollars",
            "which cost 40 million dollars"], "3": ["on Monday"]}
    body = "".join(f'<scu uid="{uid}" label="x">' + "".join(
        f'<contributor label="c">{part(p, 1 if p == "on Monday" else 0)}</contributor>' for p in parts) + "</scu>"
        for uid, parts in scus.items())
    lines = "".join(f"<line>{line}</line>" for line in LINES)
    path = tmp_path / "D0999-AB.pyr"
    path.write_text(f'<?xml version="1.0"?>\n<pyramid><text>{lines}</text>{body}</pyramid>', encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pairs(bench_module: Callable[[str], ModuleType]) -> ModuleType:
    return bench_module("pyramid_pairs")


def test_summaries_and_scu_sets(pairs: ModuleType, tmp_path: Path) -> None:
    pyramid = pairs.read_pyramid(_pyramid(tmp_path))
    assert [(who, pyramid.text[s:e][:9]) for who, s, e in pyramid.summaries] == [("A", "The mayor"), ("B", "The bridg")]
    first, second, third = (pyramid.text.index(s) for s in LINES[5:7] + LINES[12:13])

    def units(start: int, sentence: str) -> frozenset[str]:
        return pairs.scu_set(pyramid, start, start + len(sentence))
    assert units(first, LINES[5]) == {"1", "3"}  # the part one character off is found by its label
    assert units(second, LINES[6]) == {"2"}
    assert units(third, LINES[12]) == {"1", "2"}
    # Shown -> credited: the credited version must state every SCU of the shown one.
    assert pairs.category(units(second, LINES[6]), units(third, LINES[12])) == "same"
    assert pairs.category(units(third, LINES[12]), units(second, LINES[6])) == "partial"
    assert pairs.category(units(first, LINES[5]), units(third, LINES[12])) == "partial"  # "on Monday" left out
    assert pairs.category(units(first, LINES[5]), units(second, LINES[6])) == "other"
    assert pairs.category(frozenset(), units(second, LINES[6])) == "other"
