"""clean.py: each chrome rule on hand-made lines, and the lines each rule must leave alone."""

from __future__ import annotations

import pytest

from newsbrief.clean import (
    Cleaned,
    call_to_action,
    caption,
    clean_paragraphs,
    count_words,
    label,
    normalise,
    remove_outlet_chrome,
    split_paragraphs,
    stray_headline,
)

BODY = (
    "The Security Council met on Wednesday to discuss the transfer of ballistic missiles from North "
    "Korea to Russia, which several members called a flagrant breach of its resolutions."
)
BODY2 = (
    "Russia's ambassador rejected the accusations and said the Western members had not checked "
    "their information before convening the meeting of the council."
)


@pytest.mark.parametrize(
    "line",
    [
        "JOIN US ON TELEGRAM",
        "Follow our coverage of the war on the @Kyivpost_official.",
        "You can also highlight the text and press Ctrl + Enter",
        "Get Informed, Stay Inspired",
        "scroll to top",
        "Subscribe to our daily newsletter",
        "Sign up for breaking news alerts",
        "© 2024 Example Media. All rights reserved.",
        "Related: The 15 Weirdest Galaxies in Our Universe",
        "SEE MORE: Hong Kong protests: 800 students under siege in university",
        "Plague warning: CDC names eight deadly diseases [VIDEO]",
        "You may also like...",
        "https://static.example.com/image/5dd3a081695b5867.jpg",
        "2019-11-19T08:57:40+01:00",
    ],
)
def test_calls_to_action_are_chrome(line: str) -> None:
    assert call_to_action(line)


@pytest.mark.parametrize(
    "line",
    [
        "Follow-up talks are expected next week in Geneva.",
        "Join the queue, the minister told reporters, and wait for the vote.",
        "“Join us in condemning these transfers,” the ambassador said.",
        "Visit by Putin to Pyongyang was his first in 24 years.",
        "Also: the council will meet again next week to discuss the transfers.",
        BODY,
    ],
)
def test_story_sentences_are_not_calls_to_action(line: str) -> None:
    assert call_to_action(line) is None


def test_caption_needs_a_dateline_and_a_restating_paragraph() -> None:
    cap = "Investigators work next to damaged cars at a site of a missile strike in Zaporizhzhia, Ukraine, Jan. 8, 2024"
    restating = "On January 8, 2024, in Zaporizhzhia, investigators examined damaged cars after a missile strike."
    assert caption(cap, restating)
    assert caption(cap, BODY) is None  # the next paragraph does not restate it
    assert caption(cap + ".", restating) is None  # a sentence, not a caption
    assert caption("Smoke rises over the city (Photo: Reuters)", BODY)


def test_labels_one_word_anywhere_short_ones_only_at_the_edges() -> None:
    assert label("Details", at_edge=False)
    assert label("Europe Ukraine", at_edge=True)
    assert label("Europe Ukraine", at_edge=False) is None  # a subheading inside the body stays
    assert label("He said.", at_edge=True) is None
    assert label("- Item one", at_edge=True) is None  # list items are content


def test_stray_headline_between_body_paragraphs() -> None:
    head = "Sanctions Busting: Germany’s Role in Dodging Russian Sanctions"
    assert stray_headline(head, BODY, BODY2)
    assert stray_headline(head, None, BODY2) is None  # at the top it is this article's headline
    assert stray_headline("VOLKSWAGEN UNVEILS A NEW CONCEPT CAR", BODY, BODY2) is None  # own subheading
    assert stray_headline("the talks went on until late in the night", BODY, BODY2) is None


def test_clean_paragraphs_records_every_removal_and_keeps_the_body() -> None:
    paragraphs = ["Get Informed, Stay Inspired", BODY, "Europe Ukraine", BODY, BODY2, "Details", BODY2 + " Again.", "scroll to top"]
    result = clean_paragraphs(paragraphs)
    assert result.paragraphs == [BODY, BODY2, BODY2 + " Again."]
    assert [r.line for r in result.removed] == [
        "Get Informed, Stay Inspired", "Europe Ukraine", BODY, "Details", "scroll to top",
    ]
    assert all(r.reason for r in result.removed)
    assert result.title == BODY  # printed as headline and repeated as lead


def test_headline_shaped_first_line_becomes_the_title() -> None:
    result = clean_paragraphs(["Council Condemns Missile Transfers to Russia", BODY, BODY2])
    assert result.title == "Council Condemns Missile Transfers to Russia"
    assert result.paragraphs == [BODY, BODY2]
    assert result.removed[0].reason.startswith("title")
    assert clean_paragraphs(["Tuesday, Sept. 19, 2000", BODY, BODY2]).title is None  # a date is no headline


def test_known_title_repeated_as_first_line_is_removed_once() -> None:
    result = clean_paragraphs(["Council condemns transfers", BODY, BODY2], title="Council condemns transfers")
    assert result.paragraphs == [BODY, BODY2]
    assert result.title is None  # the caller's title stands


def test_short_repeated_sentences_deep_in_the_body_stay() -> None:
    question = "What inspired you to start?"
    paragraphs = [BODY, BODY2, BODY + " More.", question, "Answer one is long enough to be a paragraph.", question]
    result = clean_paragraphs(paragraphs)
    assert result.paragraphs.count(question) == 2


def test_byline_sets_the_author() -> None:
    result = clean_paragraphs(["By Jane Reporter", BODY, BODY2])
    assert result.author == "Jane Reporter"
    assert result.paragraphs == [BODY, BODY2]


def test_outlet_chrome_only_for_non_sentences() -> None:
    cleaned = Cleaned(paragraphs=[BODY, "More from the world desk", BODY2])
    counts = {"More from the world desk": 4, BODY2: 4}
    result = remove_outlet_chrome(cleaned, "Desk", lambda outlet: counts, min_repeats=3)
    assert result.paragraphs == [BODY, BODY2]
    assert result.removed[-1].reason == "repeated in 4 stored articles of Desk"
    fewer = remove_outlet_chrome(cleaned, "Desk", lambda outlet: {"More from the world desk": 2}, 3)
    assert fewer.paragraphs == cleaned.paragraphs


def test_normalise_and_paragraph_splitting() -> None:
    assert normalise("a\u00a0 b\u200b\r\nc\t d ") == "a b\nc d"
    assert split_paragraphs("One line.\nTwo line.\n\n\nThree.") == ["One line.", "Two line.", "Three."]
    wrapped = "\n\n".join(
        "This paragraph was hard wrapped at a fixed width by an old\nnews wire system, line after line, until\nit ended."
        for _ in range(4)
    )
    assert split_paragraphs(wrapped)[0] == (
        "This paragraph was hard wrapped at a fixed width by an old news wire system, line after line, until it ended."
    )
    assert len(split_paragraphs(wrapped)) == 4


def test_indented_wire_text_is_unwrapped_into_paragraphs() -> None:
    wire = (
        "\t   NEW DELHI, India (AP) _ An international meeting Thursday on\n"
        "India's nuclear rivalry with neighboring Pakistan likely means that\n"
        "the world's five original nuclear powers will address the dispute.\n"
        "\t   The meeting of the foreign ministers of Britain, China, France,\n"
        "Russia and the United States in Geneva is focused on finding ways\n"
        "to stop the escalating South Asian nuclear arms race. India and\n"
        "Pakistan claimed a total of 11 nuclear tests last month.\n"
        "\t   No discussion of the rivalry that has flared into war three\n"
        "times in the last 50 years would be complete without Kashmir.\n"
    )
    paragraphs = split_paragraphs(wire)
    assert len(paragraphs) == 3
    dateline = split_paragraphs(wire.replace("\t   NEW DELHI, India (AP) _ An", "\t   NEW DELHI _\nAn"))
    assert dateline[0].startswith("NEW DELHI _ An international meeting")
    assert paragraphs[1].startswith("The meeting of the foreign ministers") and paragraphs[1].endswith("last month.")
    # One paragraph per line, lines ending as sentences: not wrapped, nothing joined.
    lines = ["Robert Wood, the US deputy envoy to the UN, called the weapon transfers unlawful."] * 9
    assert split_paragraphs("\n".join(lines)) == lines


def test_count_words_handles_scripts_without_spaces() -> None:
    assert count_words("three plain words") == 3
    assert count_words("先日、不正に改造したiPhoneを販売した") >= 8


def test_tex_quotes_of_newswire_archives_become_typographic() -> None:
    # DUC 2007's AP and NYT text writes quotes the TeX way
    line = ("``We will not pay a ransom,'' said the ship's owner, who called the `offer' a "
            "bluff and said he didn't believe the pirates' deadline.")
    assert normalise(line) == (
        "“We will not pay a ransom,” said the ship's owner, who called the ‘offer’ a "
        "bluff and said he didn't believe the pirates' deadline."
    )
    assert normalise("The 12'' guns and a 5'' screen.") == "The 12'' guns and a 5'' screen."  # inches
    assert normalise("He said ‘yes’ to “it”.") == "He said ‘yes’ to “it”."
