"""Facts credit an outlet only for the proposition shown: same-proposition check, the split of
chained groups, reprints with small edits counted once, omissions only after the event."""

from __future__ import annotations

import numpy as np

from newsbrief.coverage import build_coverage
from newsbrief.facts import (
    _mark_reprints,
    after_dateline,
    claim_spans,
    independent_sources,
    key_numbers,
    negated,
    own_words,
    polarity_differs,
    propositions,
    retold_sentences,
    same_proposition,
    states_specifics,
    story_origins,
    wire_copies,
)
from newsbrief.models import Article, Claim, Fact


def _claim(article_id: str, text: str = "x", numbers: tuple[float, ...] = (), dates: tuple[str, ...] = ()) -> Claim:
    return Claim(article_id, article_id.upper(), 0, len(text), text, (), numbers, dates)


def test_a_version_is_credited_only_when_it_states_the_shown_proposition() -> None:
    fired = _claim("a", "Cheeks was fired as head coach of the Philadelphia 76ers on Saturday.")
    also_fired = _claim("b", "The Philadelphia 76ers fired head coach Maurice Cheeks on Saturday.")
    record = _claim("c", "Cheeks led the 76ers to the playoffs last year for the first time while he was coach.")
    assert same_proposition(fired, also_fired, 0.85)
    assert same_proposition(fired, also_fired, 0.7)  # fairly close and most content words shared
    assert not same_proposition(fired, record, 0.79)  # topical, not the same act


def test_every_number_of_the_shorter_version_must_be_found_in_the_other() -> None:
    seized = _claim("a", "Seized were seven AK-47 rifles and three other automatic weapons.", numbers=(7.0, 3.0))
    nine = _claim("b", "Nine assault rifles and a grenade launcher were seized.", numbers=(9.0,))
    assert not same_proposition(seized, nine, 0.9)
    same = _claim("c", "Seven AK-47s and three other weapons were seized.", numbers=(7.0, 3.0))
    assert same_proposition(seized, same, 0.9)


def test_an_outlet_is_credited_only_if_it_states_the_shown_versions_figures() -> None:
    record = _claim("a", "Cheeks, 52, is 122-147 in three-plus seasons as head coach of the 76ers.", numbers=(52.0, 122.0, 147.0, 3.0))
    fired = _claim("b", "On Saturday, Cheeks was fired as head coach of the Philadelphia 76ers.")
    assert key_numbers(record) == (122.0, 147.0, 3.0)  # the age in apposition is a detail, not the fact
    assert not same_proposition(record, fired, 0.9)  # the same people, another fact
    # directional: the credited version may say more than the shown one, never less
    assert same_proposition(fired, _claim("c", "The 76ers fired Cheeks, 122-147 as coach, on Saturday.", numbers=(122.0, 147.0)), 0.9)
    # a duration in figures is a figure too ("plans to mine the deposit over 30 years")
    mine = _claim("h", "ERA found 90,000 tons of uranium oxide and plans to mine the deposit over 30 years.", numbers=(90000.0,))
    assert not states_specifics(mine, _claim("i", "The mine could provide more than 90,400 tons of uranium oxide.", numbers=(90400.0,)))
    seasons = _claim("d", "DiLeo has spent 19 seasons with the 76ers.", numbers=(19.0,))
    assert states_specifics(seasons, _claim("e", "DiLeo is in his 19th season with the Sixers."))
    # a year the shown version dates by must be in the other
    emmy = _claim("f", "He won an Emmy in 2005 and a Tony in 2004.", dates=("2005", "2004"))
    assert not states_specifics(emmy, _claim("g", "He won a Tony Award in 2004.", dates=("2004",)))
    assert states_specifics(_claim("g", "He won a Tony Award in 2004.", dates=("2004",)), emmy)


def test_another_ordinal_month_or_a_condition_is_another_proposition() -> None:
    fifth = _claim("a", "Cheeks is the fifth NBA head coach to be fired this season.")
    assert not states_specifics(fifth, _claim("b", "Cheeks is the third Eastern Conference coach fired this season."))
    assert states_specifics(fifth, _claim("c", "Cheeks became the NBA's fifth coaching casualty of the season."))
    # undated articles: months named in the text are compared
    september = _claim("d", "Reid launched a new fashion line called Mantra in September.")
    assert not states_specifics(september, _claim("e", "Reid launched a new fashion line called Mantra in Dec."))
    assert states_specifics(september, _claim("f", "In September Reid launched Mantra, a fashion line."))
    # ECB+ 36ecb (undated pages): the act's weekdays differ; the statement's Wednesday is no match
    wednesday = _claim("k", "B.C. Attorney General Wally Oppal confirmed that Winston Blackmore and James Oler were arrested Wednesday.")
    tuesday = _claim("l", "Winston Blackmore, 52, and James Oler, 44, were arrested by RCMP on Tuesday, Attorney General "
                          "Wally Oppal said at a news conference Wednesday.")
    assert not states_specifics(wednesday, tuesday) and not states_specifics(tuesday, wednesday)
    assert states_specifics(wednesday, _claim("m", "Blackmore and Oler were arrested on Wednesday, Oppal told reporters Thursday."))
    # statements on two days are two statements
    assert not states_specifics(_claim("n", "Oppal said Wednesday that charges were laid."),
                                _claim("o", "Oppal said Tuesday that charges were laid."))
    # ECB+ 32ecb: two streets are two places; a house number or a second mention of the street is no difference
    philip = _claim("p", "Gomes was found barricaded in a room on Philip Street.")
    assert not states_specifics(philip, _claim("q", "Mr. Gomes was found Tuesday night barricaded in a dwelling on Phillips Road "
                                                    "in the North End where Ms. Mendes lived."))
    assert states_specifics(philip, _claim("r", "Gary Gomes was found late Tuesday night at 2088 Philip Street."))
    convicted = _claim("g", "A jury has convicted McKinney of murder, and he could face the death penalty.")
    assert not same_proposition(convicted, _claim("h", "McKinney could receive the death penalty if convicted."), 0.9)
    apology = _claim("i", "Palin apologized to the pastor if the fire was connected to her campaign.")
    assert states_specifics(apology, _claim("j", "Palin went to apologize in case the fire was connected to her campaign."))


def test_a_chain_of_related_claims_is_split_into_propositions() -> None:
    # a ~ b and b ~ c, but a and c state different things (the transitive link of a group)
    claims = [
        _claim("a", "The 76ers fired coach Maurice Cheeks on Saturday after a 9-14 start."),
        _claim("b", "The 76ers fired coach Maurice Cheeks, who had a 122-147 record as coach."),
        _claim("c", "Maurice Cheeks had a 122-147 record in three seasons as coach of the 76ers."),
    ]
    vectors = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]])  # a.b = 0.8, b.c = 0.6, a.c = 0
    facts = propositions([0, 1, 2], claims, vectors)
    assert sorted(len(group) for _, group in facts) == [1, 2]
    for rep, group in facts:
        assert rep in group
        for k in group:
            assert same_proposition(claims[rep], claims[k], float(vectors[rep] @ vectors[k]))


_WIRE = [
    "Brian Nichols, 37, was found guilty last month of murder and dozens of other counts for the March 2005 rampage.",
    "The jury deadlocked at 9-3 after four days and more than 30 hours of deliberations on the death penalty.",
    "Superior Court Judge James Bodiford handed down the maximum sentence on each of the 54 charges on Saturday.",
    "Nichols will likely die in prison, and prosecutors said the case had cost the state more than $3 million.",
    "The sentence ends more than three years of efforts to bring Nichols to justice since his arrest in Atlanta.",
    "Relatives of the victims told the court they were frustrated by the long delays in the trial of the gunman.",
]


def _edited(sentence: str) -> str:
    """A copy desk's small edits: a courtesy title, one word changed."""
    return sentence.replace("Nichols", "Mr. Nichols").replace("maximum", "harshest").replace("ends", "caps")


def test_a_wire_story_retold_with_small_edits_is_one_source() -> None:
    texts = {
        "ap": _WIRE,
        "paper": ["The Atlanta paper added a paragraph of its own about the courthouse security review."]
        + [_edited(s) for s in _WIRE],
        "own": [
            "A judge in Atlanta sentenced the courthouse gunman to life without parole on Saturday, ending a "
            "case that lasted three years.",
            "Jurors could not agree on a death sentence, so the judge imposed consecutive life terms for the killings.",
            "Victims' families said the long trial had been painful for them and expensive for the taxpayers.",
        ],
    }
    articles = {
        k: Article(k, k, k, " ".join(v), outlet=k, published=f"2008-12-1{n}") for n, (k, v) in enumerate(texts.items())
    }
    claims = [Claim(k, k, 0, 1, line) for k, v in texts.items() for line in v]
    copies = wire_copies(claims, articles)
    assert copies == {"paper": "ap"}
    assert independent_sources(["ap", "paper", "own"], articles, copies) == 2
    # a near-duplicate of the edited copy is the wire's too, whether or not the copy is in the set
    # (it counted as the copy's outlet: a header of 2 independent outlets over facts of 3)
    reprint = Article("reprint", "reprint", "reprint", " ".join(texts["paper"]), outlet="weekly",
                      duplicate_of="paper")
    everything = {**articles, "reprint": reprint}
    assert independent_sources(["ap", "paper", "reprint"], everything, copies) == 1
    assert independent_sources(["ap", "reprint"], everything, copies) == 1
    assert independent_sources(["reprint", "own"], everything, copies) == 2


# A wire story and a copy desk's edit of three of its sentences (a word changed every few words:
# longer word sequences break, most 3-word ones survive), each article with its own paragraphs.
_CARRIED = [
    (
        "The sentence ends more than three years of efforts to bring the gunman to justice since his arrest, "
        "frustrating relatives of victims and angering state legislators over costs.",
        "The sentence ends more than three years of attempts to bring the gunman to trial after his arrest, "
        "frustrating families of victims and angering state legislators over costs.",
    ),
    (
        "The rampage led lawyers and judges across the state to question their own safety, and officials in many "
        "counties began to review courthouse security measures.",
        "The rampage led lawyers and clerks across the state to doubt their own safety, and authorities in many "
        "counties began to review courthouse security measures.",
    ),
    (
        "He fled the downtown area of the city and managed to evade hundreds of police officers overnight before a "
        "woman he held hostage alerted the authorities.",
        "He fled the downtown part of the city and managed to elude hundreds of police officers all night before a "
        "woman he held hostage alerted the authorities.",
    ),
]


def _original_and_retelling(
    pairs: list[tuple[str, str]], others: int, names: tuple[str, str], dates: tuple[str, str]
) -> tuple[list[str], list[str], dict[str, Article], list[Claim]]:
    """Two articles: the first sentences of each pair with ``others`` sentences of its own, and
    the second sentences with as many others; as articles (ids ``names``, published ``dates``)
    and as one claim a sentence."""
    wire = [w for w, _ in pairs] + [f"Wire bulletin {i} reports figures {i * 7} and {i * 13} for district {i}." for i in range(others)]
    paper = [p for _, p in pairs] + [f"Local column {i} lists totals of {i * 11} near ward {i} this week." for i in range(others)]
    texts = dict(zip(names, (wire, paper), strict=True))
    articles = {k: Article(k, k, k, " ".join(v), outlet=k, published=d) for (k, v), d in zip(texts.items(), dates, strict=True)}
    claims = [Claim(k, k, 0, 1, line) for k, v in texts.items() for line in v]
    return wire, paper, articles, claims


def test_a_wire_story_edited_sentence_by_sentence_is_one_source() -> None:
    wire, paper, articles, claims = _original_and_retelling(_CARRIED, 14, ("ap", "paper"), ("2008-12-10", "2008-12-11"))
    assert retold_sentences(paper, wire) == 3
    assert wire_copies(claims, articles) == {"paper": "ap"}
    # one or two such sentences are two reporters' common phrasing, not a copy
    assert wire_copies([c for c in claims if c.text not in (_CARRIED[2][1], _CARRIED[1][1])], articles) == {}


# A story rewritten paragraph by paragraph (AP retelling another paper's story): each
# sentence keeps about half of its 3-word sequences.
_REWRITTEN = [
    (
        "Former House Speaker Newt Gingrich is asking a judge to force his estranged wife to turn over money he "
        "says she is hoarding.",
        "As promised, Newt Gingrich is asking a judge to order his estranged wife to hand over money he says she "
        "is hiding.",
    ),
    (
        "The couple agreed last month to set up a joint account and to transfer their assets into it until the "
        "divorce is final.",
        "The couple agreed last month to open a joint account and to put their assets into it until their split "
        "is final.",
    ),
    (
        "His attorney said he believes the wife still owes the joint account tens of thousands of dollars by his "
        "own estimate.",
        "His lawyer, Randy Evans, said the wife still owes the joint account many thousands of dollars, by his "
        "estimation.",
    ),
    (
        "The motion was one of a series filed by Gingrich this week in an effort to take the offensive against "
        "his wife.",
        "The motion was among several filed by Gingrich this week in an effort to go on the offensive against "
        "his estranged wife.",
    ),
]


def test_a_story_rewritten_paragraph_by_paragraph_is_one_source() -> None:
    wire, paper, articles, claims = _original_and_retelling(_REWRITTEN, 8, ("cox", "ap"), ("1999-10-06", "1999-10-07"))
    assert retold_sentences(paper, wire) == 0  # no sentence is kept nearly whole ...
    assert retold_sentences(paper, wire, 0.45) == 4  # ... but four keep half their wording
    assert wire_copies(claims, articles) == {"ap": "cox"}
    # three such sentences are what two reporters of one court filing share
    assert wire_copies([c for c in claims if c.text != _REWRITTEN[0][1]], articles) == {}


def test_quotes_and_first_person_sentences_are_not_retold_sentences() -> None:
    speaker = [
        "I dated a lot of people, but I am so happy with where my life is at right now, she told the magazine.",
        '"The community has spoken and we must accept the conclusion provided by the jury," the prosecutor said.',
    ]
    other = [
        "I dated a lot of people, but I am so happy with where my life is at right now, she said in the interview.",
        '"The community has spoken and we must accept the conclusion provided by the jury," he told reporters.',
    ]
    assert retold_sentences(speaker, other) == 0


def test_a_dateline_does_not_begin_a_fact() -> None:
    cases = {
        "WASHINGTON (AP) — The Trump administration on Tuesday ended the most popular form of student aid.": "The Trump",
        "Seoul, Nov 2 (Reuters) - North Korea fired two ballistic missiles into the sea off its east coast.": "North Korea",
        "BEIJING, Nov. 25 (Xinhua) -- Foreign Ministry Spokesman Zhu Bangzao said here today that talks go on.": "Foreign",
        "MARIETTA, Ga. (AP) -- Former House Speaker Newt Gingrich is asking a judge to order his wife to pay.": "Former",
        "ATLANTA _ As promised, Newt Gingrich kept the pressure on his estranged wife Wednesday in a court filing.": "As promised",
        "OTTAWA — Canadian Prime Minister Justin Trudeau will remain in power but leads a minority government.": "Canadian",
        # not datelines: a speaker's name, a parenthetical dash, a hyphenated name, a short tail
        "SUU KYI: It was quite interesting, and I was fairly detached from the whole thing, she said.": "SUU KYI",
        "The SLORC _ State Law and Order Restoration Council _ which took over Burma in 1988 said so.": "The SLORC",
        "SKY - TV reports that the three bank employees were burnt to death in the fire on Wednesday.": "SKY",
        "WASHINGTON — He said no.": "WASHINGTON",
    }
    for text, begins in cases.items():
        assert text[after_dateline(text, 0, len(text)):].startswith(begins), text
    # a bare place before a colon is a dateline when it is a place entity ("Seoul"), not otherwise
    text = "Seoul: During a recent U.N. Security Council session, Seoul's top envoy expressed grave concerns."
    ((start, _),) = claim_spans(text, 0, len(text), places=[(0, 5)])
    assert text[start:].startswith("During a recent")
    ((start, _),) = claim_spans(text, 0, len(text))
    assert start == 0


def test_two_outlets_quoting_the_same_statement_are_not_copies() -> None:
    quote = (
        '"We are heartbroken by the loss of our colleagues and we ask everyone to respect the privacy of their '
        'families at this very difficult time for all of us at the bank and in the city," the bank said.'
    )
    a = [quote, "Three employees died when the branch on Stadiou Street was set on fire during a march."]
    b = [quote, "Police fired tear gas at protesters who threw petrol bombs at a bank in central Athens on Wednesday."]
    articles = {k: Article(k, k, k, " ".join(v), outlet=k) for k, v in (("a", a), ("b", b))}
    claims = [Claim(k, k, 0, 1, line) for k, v in (("a", a), ("b", b)) for line in v]
    assert wire_copies(claims, articles) == {}


def test_a_reprint_in_a_fact_is_cited_but_marked() -> None:
    articles = {k: Article(k, k, k, "x", outlet=k) for k in ("ap", "paper", "own")}
    claims = [_claim("ap"), _claim("paper"), _claim("own")]
    marked = _mark_reprints(claims, claims[1], story_origins(articles, {"paper": "ap"}))
    # the shown version (the paper's) stands for the wire story; the AP version is the reprint
    assert [c.reprint_of for c in marked] == ["paper", None, None]
    marked = _mark_reprints(claims, claims[2], story_origins(articles, {"paper": "ap"}))
    assert [c.reprint_of for c in marked] == [None, "ap", None]


def test_an_outlet_that_wrote_before_the_event_does_not_leave_it_out() -> None:
    articles = [
        Article(k, k, k, "x", outlet=k.upper(), published=date)
        for k, date in (("a", "2019-11-16"), ("b", "2019-11-16"), ("e", "2019-11-17"), ("c", "2019-11-12"),
                        ("d", "2019-11-18"))
    ]
    claims = tuple(_claim(k, "The court ruled late Friday.", dates=("2019-11-15",)) for k in ("a", "b", "e"))
    fact = Fact("f", "The court ruled late Friday.", claims, ("A", "B", "E"), 3)
    coverage = build_coverage([fact], articles)
    assert "C" not in coverage.omissions  # published on the Tuesday before that Friday
    assert coverage.omissions.get("D") == ("f",)


def test_the_same_wire_sentence_in_two_outlets_counts_once_but_a_shared_quote_does_not() -> None:
    articles = {k: Article(k, k, k, "x", outlet=k) for k in ("a", "b", "c", "d")}
    wire = "Last month, Navy warship INS Tabar, a missile-frigate, had sunk a mother ship of the pirates in the Gulf."
    claims = [
        _claim("a", wire),
        _claim("b", wire.replace("Navy warship ", "the ")),  # a copy desk's edit of one wire sentence
        _claim("c", "The Indian navy said in November that it had sunk a pirate mother vessel off Somalia."),
    ]
    assert [c.reprint_of for c in _mark_reprints(claims, claims[0], story_origins(articles))] == [None, "a", None]
    quote = '"We will not let pirates rule the sea lanes of the Gulf of Aden, not now and not ever," the admiral said.'
    quoted = [_claim("c", quote), _claim("d", quote.replace("the admiral said", "Admiral Mehta told reporters"))]
    assert [c.reprint_of for c in _mark_reprints(quoted, quoted[0], story_origins(articles))] == [None, None]


def test_a_negated_version_is_never_credited_with_an_affirmative_one() -> None:
    required = _claim("a", "Death sentences in Georgia require a unanimous decision by a jury.")
    no_preference = _claim("b", "Georgia law shows no preference for a unanimous verdict in a death case, he said.")
    assert polarity_differs(required.text, no_preference.text)
    assert not same_proposition(required, no_preference, 0.9)
    assert not same_proposition(no_preference, required, 0.9)
    listed = "The Fish and Wildlife Service listed the polar bear under the Endangered Species Act."
    assert polarity_differs(listed, "Though the bear deserves protection, the Act is not the means to arrest warming.")
    assert polarity_differs("None of the other teams has offered more than eight years.", "Other teams offered eight years.")
    assert polarity_differs("Officials said that the fire was not set on purpose.", "Officials said the fire was set on purpose.")


def test_negations_on_both_sides_or_in_a_subordinate_clause_are_no_difference() -> None:
    not_say = _claim("a", "Ketsoyan would not say what the star was being treated for.")
    not_reveal = _claim("b", "The rep did not reveal what Reid is being treated for.")
    assert not polarity_differs(not_say.text, not_reveal.text)
    assert same_proposition(not_say, not_reveal, 0.85)
    knocked = "Klitschko knocked Rahman down in the sixth round."
    assert not polarity_differs(knocked, "Klitschko knocked Rahman down in the sixth, a round in which Rahman didn't land a punch.")
    assert not polarity_differs("Klitschko dominated the early rounds with jabs that Rahman couldn't answer.", knocked)
    assert not polarity_differs("He not only won the race but set a record.", "He won the race.")
    assert not negated("After saying she didn't need rehab, Reid checked into Promises.")
    assert negated("Cheeks was not fired on Saturday.") and negated("Moscow denied supplying the missiles.")


def test_own_words_are_read_outside_the_quoted_spans_given() -> None:
    text = 'Police said. "We found the gun in the car, and we are sure it is his, the chief told reporters.'
    # the quotes layer's span of the quote (offsets in the article, which starts 100 characters earlier)
    start = 100 + text.index("We found")
    end = 100 + text.index(", the chief")
    assert own_words(text, [(start, end)], 100).split() == ["Police", "said.", '"', ",", "the", "chief", "told", "reporters."]
    # read by its marks alone the rest would be quoted; a span ending before or after the text is cut to it
    assert own_words("The bridge stays shut until May.", [(0, 5), (90, 120)], 50) == "The bridge stays shut until May."
    # what is left of a sentence in the first person is a speaker's words too
    assert own_words("I dated a million guys, but I am so happy now, she said.", [], 0) == ""
