"""The news-text vocabulary is defined once (newsbrief.lexicon) and read the same everywhere."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from newsbrief import lexicon
from newsbrief.analyse import entities, quotes, speakers
from newsbrief.facts import is_chrome as is_chrome_claim
from newsbrief.lead import is_chrome, trim_span, words_of
from newsbrief.names import clean_name

SRC = Path(lexicon.__file__).parent
# Words that only a list of reporting verbs or of titles holds several of.
REPORTING_MARKERS = {"say", "said", "says", "tell", "told", "tells"}
TITLE_MARKERS = {"mr", "mrs", "ms", "dr", "prof"}


def _word_lists(path: Path) -> list[tuple[int, set[str]]]:
    """(line, lower-case words) of each statement's string literals, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    compound = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.While, ast.With, ast.Try)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and not isinstance(node, compound):
            words: set[str] = set()
            for child in ast.walk(node):
                if isinstance(child, ast.Constant) and isinstance(child.value, str) and id(child) not in docstrings:
                    words |= set(re.findall(r"[a-z]+", child.value.lower()))
            found.append((node.lineno, words))
    return found


def test_no_module_but_the_lexicon_lists_reporting_verbs_or_titles() -> None:
    copies = []
    for path in sorted(SRC.rglob("*.py")):
        if path == SRC / "lexicon.py":
            continue
        for line, words in _word_lists(path):
            if len(words & REPORTING_MARKERS) >= 2 or len(words & TITLE_MARKERS) >= 3:
                copies.append(f"{path.relative_to(SRC)}:{line}")
    assert not copies, f"vocabulary defined outside newsbrief/lexicon.py (import it from there): {copies}"


def test_the_scan_finds_a_copy() -> None:
    # The check above must be able to fail: the lexicon itself holds such lists.
    lists = _word_lists(SRC / "lexicon.py")
    assert any(len(words & REPORTING_MARKERS) >= 2 for _, words in lists)
    assert any(len(words & TITLE_MARKERS) >= 3 for _, words in lists)


def test_analysers_read_the_lexicon_sets() -> None:
    assert quotes.REPORTING_VERBS is lexicon.REPORTING_VERBS
    assert entities.PERSON_TITLES is lexicon.PERSON_TITLES
    assert speakers.HONORIFICS is lexicon.HONORIFICS
    # Narrower sets are derived from the wider ones, so they cannot drift apart.
    assert lexicon.PERSON_CUE_VERBS <= lexicon.REPORTING_VERBS
    assert {"discuss", "protest", "investigate", "document"} == lexicon.EVENT_REPORTING_VERBS - lexicon.REPORTING_VERBS
    assert lexicon.SPEECH_FORMS <= lexicon.REPORTING_FORMS
    assert lexicon.HONORIFICS <= lexicon.PERSON_TITLES
    assert lexicon.PERSON_TITLES - lexicon.TITLE_ABBREVIATIONS <= lexicon.TITLE_WORDS | lexicon.HONORIFICS


def test_words() -> None:
    assert lexicon.words("Joon-kook's 2024-01-10 talks, in Müller’s U.S. office") == [
        "Joon-kook's", "2024-01-10", "talks", "in", "Müller’s", "U", "S", "office"
    ]
    assert lexicon.letter_words("3 people and 12-year-old Ana") == ["people", "and", "Ana"]
    assert words_of("Zelenskyy met Müller") == ["Zelenskyy", "met", "Müller"]  # one word each, any script


def test_titles() -> None:
    assert lexicon.TITLE_BEFORE.search("a statement by Ambassador ")
    assert lexicon.TITLE_BEFORE.search("said Gen. ")
    assert not lexicon.TITLE_BEFORE.search("said the ambassador ")  # a role, not a title
    assert clean_name("Mr Hwang") == "Hwang"
    assert clean_name("Governor Gavin Newsom") == "Gavin Newsom"
    assert clean_name("General Motors") == "General Motors"
    assert clean_name("Justice Department") == "Justice Department"


def test_chrome_is_one_vocabulary_for_leads_and_claims() -> None:
    for line in (
        "Subscribe to our newsletter for the latest updates on the talks.",
        "You can also highlight the text and press Ctrl + Enter to report it.",
        "Photo: Reuters shows the delegation arriving at the ministry on Monday.",
        "© 2024 The Daily Paper, all reproduction of this article is forbidden today.",
    ):
        assert is_chrome(line) and is_chrome_claim(line), line
    story = "The streaming service now has 40 million subscribers in Europe, the company said."
    assert not is_chrome(story) and not is_chrome_claim(story)


def test_metadata_prefix() -> None:
    text = "Published: 2024-01-10T09:30:00+02:00 The US and South Korea met on Monday."
    start, end = trim_span(text, 0, len(text))
    assert text[start:end] == "The US and South Korea met on Monday."
    assert lexicon.METADATA_PREFIX.match("date 2024-01-10 The talks")


def test_chrome_words_cue_check_finds_what_the_pattern_finds() -> None:
    """CHROME_WORDS checks for a cue word before running its regex: same answers, branch by branch."""
    from pathlib import Path

    from newsbrief.lexicon import _CHROME_WORDS, CHROME_WORDS

    chrome = [
        "You can also highlight text", "Press Ctrl + Enter", "Subscribe to our list", "Sign up for alerts",
        "Follow us on X", "Join us on Telegram", "All rights reserved.", "© 2024 Wire", "Copyright 2023 AP",
        "Get the newsletter", "You may also like", "Explore further", "Tell us what you think",
        "Share it with a friend", "Reach the reporter at x", "Contact the author", "click here", "Read more",
        "scroll to top", "Share this", "press enter", "Download the app", "We use cookies", "Advertisement",
        "Get informed", "Related articles", "Getty Images", "Photo: AP", "image: AP", "REUTERS/Jane Doe",
        "JOIN US ON TELEGRAM", "ſubscribe now", "Joın us", "JOİN US", "sign   up today", "Please call 555-0100",
    ]
    seeds = Path(__file__).resolve().parent.parent / "examples" / "seeds"
    news = [line for path in sorted(seeds.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    for text in chrome + news + ["", "The talks failed on Friday."]:
        assert bool(CHROME_WORDS.search(text)) == bool(_CHROME_WORDS.search(text)), text
    assert all(CHROME_WORDS.search(text) for text in chrome[:30])
