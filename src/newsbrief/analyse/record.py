"""The :class:`Analysis` record: one article and its typed layers.

A layer is the list of records one analyser produced (``sentences``, ``entities``,
``quotes``, ``times``, ``quantities``).  ``computed`` says which layers are present; a layer
that is absent reads as an empty list through its attribute, while :meth:`Analysis.layer`
raises, so an analyser never silently reads a layer that was not computed before it.

The spaCy ``Doc`` is parsed lazily, only when an analyser that needs it runs, and is never
pickled: an analysis sent back from a worker process carries its records only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsbrief.errors import AnalysisError
from newsbrief.models import Article, Entity, Quantity, Quote, Record, Sentence, TimeMention

# Layer name -> record type, in the order the analysers run.
LAYER_TYPES: dict[str, type[Record]] = {
    "sentences": Sentence,
    "entities": Entity,
    "quotes": Quote,
    "times": TimeMention,
    "quantities": Quantity,
}
LAYER_NAMES: tuple[str, ...] = tuple(LAYER_TYPES)
# Layer name -> the version its analyser produces: bump it here when the analyser's output
# changes (stored layers of another version are recomputed).  Kept apart from the analysers
# so that checking a store for pending work loads none of them (the CLI starts instantly).
LAYER_VERSIONS: dict[str, str] = {
    "sentences": "4",  # 4: a company's "Corp." before a lower-case word, number or weekday, and a title whose period the tokenizer split off ("Sgt", "."), end no sentence; 3: each sentence carries its predicates (verb, doer, object, negation, mood)
    "entities": "10",  # 10: a letter alone, or a PERSON cut from a hyphenated name ("Mar" of "Mar-a-Lago"), is no entity; an uncued PERSON of several words that is a known place is a GPE ("in South Carolina"); a one-word mention that is the surname of a PERSON starting with a known first name is that person's ("Jeffrey Epstein": "Epstein" was GPE); 9: no span without a capital letter ("a former secretary of state") and not the "State" of "Secretary of State"; 8: a one-word ORG/PERSON is a place (GPE) by position: a wire dateline's place ("IZMIT, Turkey (AP) --"), "the town of Duzce", "65 miles west of Izmit", "in Kocaeli" (a province: names.known_place), unless the article shows a person; 7: DISEASE; families ("the Bidens"); no role abbreviation or "of PLACE" in a PERSON span
    "quotes": "30",  # 30: a party letter alone after a name is no speaker ("Gov. Greg Abbott (R) announced" is Greg Abbott's, was "R"'s); 29: the rank comes last in such a role ("Capt. Jim Simmons of the Henry County police" is no role); 28: a rank written short with what it is a rank of is a speaker's role ("Asheville Police Sgt." of Randy Riddle, "Army Capt." of Christian Pardo); 27: a bare surname two people named in full share, with no gender told, is the first introduced one's ("Cruz said" after Ted Cruz and his wife Heidi Cruz is Ted Cruz's, was the latest named); 26: a speaker's phrase ending in an abbreviated title takes the name after its period ("said Asheville Police Sgt. Randy Riddle" is Randy Riddle's), "said" before an infinitive with no subject is no cue ("packages said to contain anthrax"); 25: nor a name in a clause a pronoun's aside reports ("Kennedy's plane may have crashed, he said" is not Kennedy's); 24: the possessive of a person ("Donald Trump's vice president posted ... in which he described") is no sure antecedent of a pronoun; 23: a party-state tag ends a speaker's phrase ("Senate Minority Whip Dick Durbin (D-Ill.) in an interview" is Dick Durbin's, "whip" a title before a name) and is never shown with an unresolved name; 22: a pronoun whose latest person subject is not sure goes to the one other person named since when that one is sure (the only one of its gender named in its sentence or the one before, a subject or a subject's possessive, one person by that name: "Murphy has an ally in Hillary Clinton. He thinks ..." is Chris Murphy's); 21: "he was quoted as saying" is said by the one quoted (the passive subject of "quote"); 20: a party-state tag after a name is no part of it ("Rep. Zoe Lofgren (D-Calif.)" is Zoe Lofgren's, not "D-Calif."'s; "Sen. Bernie Sanders (I-Vt"); 19: a stand-alone quote does not continue the previous quote's speaker when a paragraph between them names another person (DUC D0743J: Veli Gucer's words were Fred Stolaski's); 18: a pronoun speaker is shown only when its antecedent is sure (no other person of its gender, or of none told, named since in the sentence before; within 3 sentences outside quotes; first names of lexicon.FEMININE_NAMES/MASCULINE_NAMES, "Heidi Cruz" is no "he"), else unattributed; 17: a capitalised common plural ("Authorities said he ...", tag NNS) is no person's name and no antecedent of "he"/"she", unless it ends a PERSON name of the article ("Sanders"); 16: a name right after "said" stays the speaker when the parser makes a trailing aside's word its subject ("said Robin Maynard, half joking" is Robin Maynard's, not "half"'s); 15: a tail's speaker the parse hung inside the quote ("“...,” Gene Sperling, a top outside Clinton adviser, said"), an object after a tail's verb is not its content ("“...?” Trump asked reporters", "''...?'' asked Mr. Manafort"), a one-word quote opening its sentence with a speaker after it is no title ("“Safety,” said Grimm"), "Clinton: “...”" (one word, a person's name in the article), no-break spaces around "Name:" and "― Name", a signature closed by a full stop; "to the Dutch newspaper NRC Handelsblad:" is no speaker; 14: the clause right after a quote names its speaker whatever its verb ("“...,” Toomey fumed", "“...?” reacted Trump", "“...!” Mr. Trump wrote on Twitter" split into its own sentence), a colon lead-in's verb too ("Hannity interjected:"); "wrote of Ms. Merkel:" does not make Ms. Merkel the speaker; 13: an organisation named after its article is whole ("the National Academies of Sciences, Engineering and Medicine" is not "Medicine"); 12: "he"/"she" resolve only to a name the article shows is a person's, never an organisation subject ("The Trump National Doral Resort Miami has hosted ..."), which no longer joins the people "Trump" resolves to; 11: a role after a wire dateline's dash ("February 16 (Xinhua) -- Italian Foreign Minister" is "Italian Foreign Minister"), a paraphrase keeps the bracket it opened ("the European Union (EU)"); 10: an issuer is named whole ("Harvard and the University of California at Berkeley", "Center for Media and Public Affairs", not their last words) and without a sentence-initial "The" ("The GOP's complaint" is the GOP's); sentences 4 ("Sens. Jeff Merkley"); 9: "a number of officials said" is said by "number of officials", not "number"; 8: a document ("the statement", "Recent polls") is no speaker; its named issuer is; 7: no cue under "if"/"whether" ("Asked if he thought ..."); 6: entities 7 (a disease is never a speaker; "GM Tony DiLeo" is Tony DiLeo)
    "times": "7",  # 7: a copula's noun with an infinitive the parser hung on "be" is no plan ("It was the strongest tremor to hit the region since the earthquake of Aug. 17" is 1999-08-17, not 2000); 6: "be" with an infinitive is an arrangement ahead, or later the same day ("The study was to be published in Wednesday's Journal" in an article of Tuesday 1999-10-26 is 1999-10-27; "was to return to Belfast later Monday" on a Monday is that Monday), not a plan that failed ("was to have flown Monday"); 5: a month after "last/next/this year's" is in that year ("last year's July 19" in an article of 2000-07-06 is 1999-07-19); 4: a possessive weekday owning an unscheduled event ("Tuesday's quake") is past
    "quantities": "5",  # 5: a plural of a larger plural is one count ("hundreds of thousands of people": 200,000-999,999 people, not "hundreds" counting "thousands"), "tens of", a plural said twice ("thousands upon thousands"), "a couple (of) hundred" (200-300, was 100); a vague count's modifier is all its words ("several hundred", not "several")
}


@dataclass(eq=False)
class Analysis:
    """Everything known about one article: its layers and (lazily) its spaCy Doc."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    computed: set[str] = field(default_factory=set)
    _doc: Any = field(default=None, repr=False)

    @classmethod
    def of(cls, article: Article, layers: dict[str, list[Any]] | None = None, doc: Any = None) -> Analysis:
        """An analysis holding the given layers (by name), e.g. layers loaded from a store."""
        analysis = cls(article, _doc=doc)
        for name, records in (layers or {}).items():
            analysis.set_layer(name, records)
        return analysis

    @property
    def doc(self) -> Any:
        if self._doc is None:
            from newsbrief.analyse.nlp import parse

            self._doc = parse(self.article.text)
        return self._doc

    def set_layer(self, name: str, records: list[Any]) -> None:
        if name not in LAYER_TYPES:
            raise AnalysisError(f"{name!r} is not a layer; layers are {', '.join(LAYER_NAMES)}")
        setattr(self, name, list(records))
        self.computed.add(name)

    def layer(self, name: str) -> list[Any]:
        """The records of layer ``name``; an error if that layer was not computed."""
        if name not in self.computed:
            raise AnalysisError(
                f"article {self.article.id}: layer {name!r} is needed but was not computed; "
                f"run the analysers in order {', '.join(LAYER_NAMES)}"
            )
        records: list[Any] = getattr(self, name)
        return records

    @property
    def layers(self) -> dict[str, list[Any]]:
        """The computed layers by name, in analyser order (read-only view)."""
        return {name: getattr(self, name) for name in LAYER_NAMES if name in self.computed}

    def without_doc(self) -> Analysis:
        """The same analysis without its spaCy Doc (what crosses a process boundary)."""
        return Analysis.of(self.article, self.layers)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_doc"] = None  # a Doc is big and tied to its Vocab: never ship it
        return state

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Analysis):
            return NotImplemented
        return self.article == other.article and self.layers == other.layers

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "layers": {name: [r.to_dict() for r in records] for name, records in self.layers.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        layers = {name: [LAYER_TYPES[name].from_dict(r) for r in records] for name, records in data["layers"].items()}
        return cls.of(Article.from_dict(data["article"]), layers)
