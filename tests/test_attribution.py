"""A key fact's shown version given the name a reader needs: the quote's speaker for "he said"
and for a quote whose speaker another sentence names; the opening "He" of a quote's speaker."""

from __future__ import annotations

import re

from newsbrief.analyse import Analysis
from newsbrief.attribution import (
    attributed,
    named_opening,
    names_someone,
    outside_quotes,
    people_only,
    speaker_name,
)
from newsbrief.models import Article, Claim, Entity, Quote, Sentence

CANONICAL = {"Tierney": "Randy Tierney", "Randy Tierney": "Randy Tierney", "Jansen": "Rudi Jansen",
             "Rudi Jansen": "Rudi Jansen", "Wood": "Robert Wood", "Robert Wood": "Robert Wood"}


def canonical(name: str) -> str:
    return CANONICAL.get(name, name)


def _analysis(text: str, quotes: list[tuple[str, str | None, str | None]], people: tuple[str, ...] = ()) -> Analysis:
    """One sentence per line; each quote (quoted words, speaker mention, resolved speaker)."""
    article = Article(id="a", content_hash="a", origin="x", text=text)
    sentences, start = [], 0
    for n, line in enumerate(text.split("\n")):
        sentences.append(Sentence("a", n, start, start + len(line), line))
        start += len(line) + 1
    records = []
    for words, mention, speaker in quotes:
        at = text.index(words)
        said = text.index(mention, at + len(words)) if mention and mention in text[at + len(words):] else (
            text.index(mention) if mention else None)
        records.append(Quote("a", at, at + len(words), words, "direct", speaker_mention=mention, speaker_start=said,
                             speaker_end=said + len(mention) if mention and said is not None else None, speaker=speaker))
    entities = [Entity("a", m.start(), m.end(), name, "PERSON") for name in people for m in re.finditer(re.escape(name), text)]
    return Analysis.of(article, {"sentences": sentences, "quotes": records, "entities": entities})


def _version(analysis: Analysis, line: int) -> Claim:
    s = analysis.sentences[line]
    return Claim("a", "A", s.start, s.end, s.text)


def test_a_quote_said_by_he_gets_the_speaker_the_quote_analysis_resolved() -> None:
    text = ("Randy Tierney edits the special issues.\n"
            "``It's not as if Oprah isn't hugely successful, but the dynamics have changed,'' he explained.")
    analysis = _analysis(text, [("It's not as if Oprah isn't hugely successful, but the dynamics have changed", "he", "Tierney")])
    assert attributed(_version(analysis, 1), analysis, canonical) == (
        "``It's not as if Oprah isn't hugely successful, but the dynamics have changed,'' [Randy Tierney] explained.")


def test_a_quote_with_no_speaker_in_its_sentence_is_prefixed_with_the_name() -> None:
    text = ('Rudi Jansen, the chief executive, spoke to customers on Sunday.\n'
            '"We can confirm that the cable is experiencing problems on its network.\n'
            'Repairs will take two weeks," Jansen said.')
    quote = "We can confirm that the cable is experiencing problems on its network.\nRepairs will take two weeks,"
    analysis = _analysis(text, [(quote, "Jansen", "Jansen")])
    assert attributed(_version(analysis, 1), analysis, canonical) == (
        '[Rudi Jansen]: "We can confirm that the cable is experiencing problems on its network.')
    # the closing sentence names its speaker already: left as written
    assert attributed(_version(analysis, 2), analysis, canonical) is None


def test_no_name_when_the_speaker_is_unknown_a_description_or_two_people() -> None:
    text = '"The vote was rigged," an official said.\n"It was not," Wood said, and "It was," Tierney said.'
    unknown = _analysis(text, [("The vote was rigged,", "an official", "official")])
    assert attributed(_version(unknown, 0), unknown, canonical) is None  # "official" is no name to show
    two = _analysis(text, [("It was not,", "Wood", "Wood"), ("It was,", "Tierney", "Tierney")])
    assert attributed(_version(two, 1), two, canonical) is None  # named in the text anyway, and two speakers
    nobody = _analysis('"The vote was rigged," he said.', [("The vote was rigged,", "he", None)])
    assert attributed(_version(nobody, 0), nobody, canonical) is None
    # "says he's staying" reports what was said: its "he" is not the attribution of a quote
    staying = _analysis('Governor Ralph Northam says he is staying in office, "whatever it takes," aides said.',
                        [("whatever it takes,", "aides", "Wood")])
    assert attributed(_version(staying, 0), staying, canonical) is None
    # mixed quote marks still close the quote: "Hansbrough said" names its speaker
    mixed = _analysis("\"I'm usually not nervous before games, but I was tonight,'' Hansbrough said.",
                      [("I'm usually not nervous before games, but I was tonight,", "Hansbrough", "Tyler Hansbrough")])
    assert attributed(_version(mixed, 0), mixed, canonical) is None
    plain = _analysis("The council met on Monday.", [])
    assert attributed(_version(plain, 0), plain, canonical) is None


def test_an_opening_he_that_is_the_quotes_speaker_gets_the_name() -> None:
    text = ("Wood and Hwang Joon-kook spoke at the council.\n"
            "He said Russian forces have used North Korean ballistic missiles in Ukraine.")
    analysis = _analysis(text, [("Russian forces have used North Korean ballistic missiles in Ukraine", "He", "Wood")],
                         people=("Wood", "Hwang Joon-kook"))
    assert attributed(_version(analysis, 1), analysis, canonical) == (
        "[Robert Wood] said Russian forces have used North Korean ballistic missiles in Ukraine.")


def test_an_award_the_model_called_a_person_does_not_block_the_name() -> None:
    text = "Hugh Jackman won a Tony Award in 2004.\nHe also hosted the show."
    analysis = _analysis(text, [], people=("Hugh Jackman", "Tony Award"))
    assert [e.text for e in people_only(analysis).entities] == ["Hugh Jackman"]
    assert attributed(_version(analysis, 1), analysis, canonical) == "[Hugh Jackman] also hosted the show."


def test_an_opening_he_is_given_the_one_name_the_sentence_before_gives() -> None:
    canonical = {"Robert Wood": "Robert Wood", "Wood": "Robert Wood", "Hwang": "Hwang Joon-kook"}.get
    text = ("Additionally, Robert Wood, the deputy U.S. ambassador, addressed the arms trade.\n"
            "He accused Russian forces of using DPRK ballistic missiles in Ukraine.")
    analysis = _analysis(text, [], people=("Robert Wood",))
    named = named_opening(_version(analysis, 1), analysis, lambda n: canonical(n) or n)
    assert named == "[Robert Wood] accused Russian forces of using DPRK ballistic missiles in Ukraine."
    # two people named just before: no guess
    two = _analysis("Wood spoke after Hwang at the council.\nHe accused Russian forces of using the missiles.", [], people=("Wood", "Hwang"))
    assert named_opening(_version(two, 1), two, lambda n: canonical(n) or n) is None
    # nobody named in the two sentences before, a version not opening on He/She, a contraction
    far = _analysis("Wood spoke.\nThe council met.\nThe vote was delayed.\nHe accused Russia.", [], people=("Wood",))
    assert named_opening(_version(far, 3), far, str) is None
    assert named_opening(_version(analysis, 0), analysis, str) is None
    # a "He" sentence before it tells of the same person: its names (a misread "Tony Award") are passed over
    chain = _analysis("Mr. Jackman, 40, has never been nominated for an Oscar.\nHe won a Tony Award in 2004.\n"
                      "He also has experience as an awards show M.C.", [], people=("Jackman", "Tony Award"))
    assert named_opening(_version(chain, 2), chain, {"Jackman": "Hugh Jackman"}.get) == (
        "[Hugh Jackman] also has experience as an awards show M.C.")
    said = _analysis("Robert Wood spoke.\nHe's sure Russia used them.", [], people=("Robert Wood",))
    assert named_opening(_version(said, 1), said, str) is None
    # "His"/"Her" opening: the possessive; the pronoun's gender picks among the people named
    floyd = _analysis("George Floyd is being laid to rest today in Pearland, Texas.\nHis body arrived in Houston on Saturday.",
                      [], people=("George Floyd",))
    assert named_opening(_version(floyd, 1), floyd, str) == "[George Floyd's] body arrived in Houston on Saturday."
    ruch = _analysis("Anna Ruch had never met Gov. Andrew Cuomo before the wedding.\nHer first impression was positive enough.",
                     [], people=("Anna Ruch", "Andrew Cuomo"))
    assert named_opening(_version(ruch, 1), ruch, str) == "[Anna Ruch's] first impression was positive enough."


def test_quote_helpers_and_gendered_speakers() -> None:
    assert outside_quotes('"We will win," he said.').strip() == "he said."
    assert outside_quotes("'I'm not sure,' Craft said.").strip() == "Craft said."
    assert names_someone("'I'm not sure,' Craft said.") and names_someone('"No," said Joe Smith.')
    assert not names_someone('"No," he said.') and not names_someone('"It was Smith," he said.')
    # an honorific of the other gender keeps the speaker as written
    assert speaker_name("Mrs. Shepard", {"Mrs. Shepard": "Matthew Shepard"}.get) == "Mrs. Shepard"
    assert speaker_name("Shepard", {"Shepard": "Matthew Shepard"}.get) == "Matthew Shepard"
