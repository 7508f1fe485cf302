"""Sentence splitting for news text: quotes, abbreviations, paragraphs, exact offsets."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsbrief.analyse import Analysis, sentences
from newsbrief.analyse.nlp import hard_wrapped, nlp, parse, parse_many
from newsbrief.analyse.sentences import sentence_index
from newsbrief.models import Article, Sentence

pytestmark = pytest.mark.slow
SEEDS = Path(__file__).resolve().parent.parent / "examples" / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden" / "sentences"


@pytest.fixture(scope="module", autouse=True)
def model() -> None:
    nlp()  # load once for the module


def split(text: str) -> list[str]:
    article = Article(id="a1", content_hash="h1", origin="test", text=text)
    found = sentences.analyse(Analysis(article))
    for i, s in enumerate(found):
        assert isinstance(s, Sentence) and s.index == i and s.article_id == "a1"
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
    return [s.text for s in found]


def test_two_sentence_quote_with_tail_stays_one_sentence() -> None:
    text = "“We condemn the transfers. They are unlawful,” Wood said. The council met later."
    assert split(text) == [
        "“We condemn the transfers. They are unlawful,” Wood said.",
        "The council met later.",
    ]


def test_straight_quote_never_split_from_he_said_tail() -> None:
    text = '"We condemn the transfers. They are unlawful." he said. Then he left.'
    assert split(text) == ['"We condemn the transfers. They are unlawful." he said.', "Then he left."]


def test_question_quote_keeps_a_named_speaker_tail_only() -> None:
    assert split("“Why now?” Wood asked. Nobody knew.") == ["“Why now?” Wood asked.", "Nobody knew."]
    assert split("“Is it true?” The minister said no.") == ["“Is it true?”", "The minister said no."]
    assert split("“It is over.” Wood left the room.") == ["“It is over.”", "Wood left the room."]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = 'He called it “unlawful.” The council met.\n\n"It demonstrates an exploitation of its position."\n\nThe US envoy spoke.'
    assert split(text) == [
        "He called it “unlawful.”",
        "The council met.",
        '"It demonstrates an exploitation of its position."',
        "The US envoy spoke.",
    ]


def test_abbreviations_do_not_end_sentences() -> None:
    text = (
        "The U.S. is worried about strikes on Dec. 30 and Jan. 2 in Ukraine. "
        "Officials at the U.N. met on Friday. Mr Wood spoke first. Mr. Wood spoke again. "
        "Gen. Smith agreed."
    )
    assert split(text) == [
        "The U.S. is worried about strikes on Dec. 30 and Jan. 2 in Ukraine.",
        "Officials at the U.N. met on Friday.",
        "Mr Wood spoke first.",
        "Mr. Wood spoke again.",
        "Gen. Smith agreed.",
    ]


def test_company_and_split_title_abbreviations_do_not_end_sentences() -> None:
    # Real sentences (DUC 2007 NYT19981120.0383, NYT19981120.0407; PolNeAR huff-post 2016-09-20).
    assert split("After a yearlong investigation, Japan's Fair Trade Commission told Microsoft Corp. Friday to "
                 "change permanently one of its marketing practices.") == [
        "After a yearlong investigation, Japan's Fair Trade Commission told Microsoft Corp. Friday to "
        "change permanently one of its marketing practices."]
    assert split("The testimony, by Sgt. Rob Debree, came at a daylong proceeding Thursday.") == [
        "The testimony, by Sgt. Rob Debree, came at a daylong proceeding Thursday."]
    assert split("The fraud led Sens. Jon Tester and David Vitter to invoke the rule. They did.") == [
        "The fraud led Sens. Jon Tester and David Vitter to invoke the rule.", "They did."]
    assert split("Samsung Electronics Co. Ltd. shares fell 3 percent.") == ["Samsung Electronics Co. Ltd. shares fell 3 percent."]
    # a company's name that ends the sentence still ends it
    assert split("He also testified against a major IBM rival in the PC business, the Compaq Computer Corp. "
                 "He said the price rose.") == [
        "He also testified against a major IBM rival in the PC business, the Compaq Computer Corp.", "He said the price rose."]


def test_paragraph_break_always_starts_a_sentence() -> None:
    text = (
        "Seoul Reports Missile Use, Raises Alarm at U.N. Session\n\nSeoul: During a session, the envoy spoke.\n"
        "JOIN US ON TELEGRAM\nFollow our coverage of the war on the @Kyivpost_official.\nDetails\n\nAs noted, it is so."
    )
    assert split(text) == [
        "Seoul Reports Missile Use, Raises Alarm at U.N. Session",
        "Seoul: During a session, the envoy spoke.",
        "JOIN US ON TELEGRAM",
        "Follow our coverage of the war on the @Kyivpost_official.",
        "Details",
        "As noted, it is so.",
    ]


def test_hard_wrapped_text_splits_only_at_blank_lines() -> None:
    text = (
        "The ministry said the talks would resume\nnext week in Geneva, where officials\n"
        "from both sides are expected to meet\nwith mediators from the United\nNations.\n\n"
        "A second paragraph follows here."
    )
    assert hard_wrapped(text)
    result = split(text)
    assert len(result) == 2
    assert result[0].startswith("The ministry said") and result[0].endswith("United\nNations.")
    assert not hard_wrapped("A headline\nThe first paragraph.\nThe second paragraph.")


def test_empty_and_blank_text() -> None:
    assert split("") == []
    assert split("\n\n  \n") == []


def test_parse_many_matches_parse() -> None:
    texts = ["Mr. Wood said it. He left.", "Line one\nLine two."]
    batched = [[s.text for s in doc.sents] for doc in parse_many(texts)]
    single = [[s.text for s in parse(t).sents] for t in texts]
    assert batched == single


def test_sentence_index_finds_the_containing_sentence() -> None:
    article = Article(id="a1", content_hash="h1", origin="test", text="One here. Two there.\nThree.")
    found = sentences.analyse(Analysis(article))
    assert [sentence_index(found, o) for o in (0, 9, 10, 21)] == [0, None, 1, 2]


# -- golden: the seed articles ------------------------------------------------------------


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_sentences_match_golden(seed: str) -> None:
    text = (SEEDS / seed).read_text(encoding="utf-8")
    result = split(text)
    golden = GOLDEN / f"{Path(seed).stem}.json"
    if os.environ.get("NEWSBRIEF_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert result == json.loads(golden.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("seed", "sentence"),
    [
        ("004", "Some of these missiles were employed in attacks on Ukrainian targets on specific dates, "
                "including Dec. 30, Jan. 2, and a recent Saturday."),
        ("004", "Seoul Reports Russian Use of North Korean Missiles in Ukraine, Raises Alarm at U.N. Session"),
        ("004", "Additionally, Robert Wood, the deputy U.S. ambassador to the U.N., addressed the arms trade "
                "between North Korea and Russia."),
        ("000", '"And a permanent Security Council member that willingly engages in these violations '
                'demonstrates a clear exploitation of its position."'),
        ("002", "Robert Wood, the US deputy envoy to the UN, called the weapon transfers “unlawful.”"),
        ("002", "JOIN US ON TELEGRAM"),
        ("003", "Investigators work next to damaged cars at a site of a Russian missile strike in "
                "Zaporizhzhia, Ukraine, Jan. 8, 2024"),
        ("001", "Details"),
    ],
)
def test_tricky_seed_sentences(seed: str, sentence: str) -> None:
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    assert sentence in split(path.read_text(encoding="utf-8"))
