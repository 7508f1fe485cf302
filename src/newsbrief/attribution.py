"""Who a shown sentence is by: the name a reader needs to place a key fact on its own.

A fact's shown version is read away from the sentences around it.  When it opens on "He" or
"She", says who spoke only as "he said", or is a quote whose speaker is named in another
sentence, the reader cannot tell who it is about or who said it.  The quote analysis knows
(:mod:`newsbrief.analyse.quotes` resolves "he said" and a quote's paragraph to the named
person), so the brief gives the version that name, in brackets as an editor marks an insertion:

    '"It's not as if Oprah isn't hugely successful," he explained.'
        -> '"It's not as if Oprah isn't hugely successful," [Randy Tierney] explained.'
    '``For the first time, we have had an earthquake that affected the area ...'
        -> '[Koray Aydin]: ``For the first time, we have had an earthquake that affected the area ...'
    'He accused Russian forces of using DPRK ballistic missiles ...'
        -> '[Robert Wood] accused Russian forces of using DPRK ballistic missiles ...'

A name is inserted only when it is certain enough to show: every quote the version carries
has one and the same named speaker (a person or organisation, not "the official" or "data"),
and the version does not name that speaker already.  Otherwise it is left as written.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from newsbrief.analyse.speakers import guess_gender
from newsbrief.lexicon import HONORIFICS, SPEECH_FORMS, alternation
from newsbrief.models import Claim, Entity, Quote
from newsbrief.names import is_role_phrase

if TYPE_CHECKING:
    from newsbrief.analyse import Analysis

# Quoted stretches: curly, straight and TeX-style marks, closed by any closing mark (copy mixes them:
# '"I'm usually not nervous ...,'' Hansbrough said'); an opening mark never closed runs to the end.
_QUOTED = re.compile(r"“[^”\"]*(?:[”\"]|''|$)|``.*?(?:''|[”\"]|$)|\"[^\"”]*?(?:[\"”]|''|$)|(?<!\w)'(?=\w).*?[,.!?]'(?!\w)", re.S)
_OPENS_QUOTED = re.compile(r"^\s*(?:[“\"]|``|'(?=\w))")
_OPENING_PRONOUN = re.compile(r"^(?:He|She)\b(?!['’])")
_OPENING_POSSESSIVE = re.compile(r"^(?:His|Her)\b(?!['’])")
PERSON_LOOKBACK = 2  # sentences before a version searched for the person its "He" / "She" names
PRONOUN_CHAIN = 4  # "He ..." sentences before it, skipped as telling of the same person
_FIRST_PERSON = re.compile(r"^\s*[“\"`']*\s*(?:I|We)\b")
_SPEECH = alternation(SPEECH_FORMS)  # "said", "told", "added", "explained" ...
# '"...," he said': the speaker given as a pronoun (not "says he's staying": what is said follows)
_PRONOUN_SAYS = re.compile(rf"\b(?P<pronoun>[Hh]e|[Ss]he)\s+(?:also\s+|later\s+|then\s+)?{_SPEECH}\b(?!\s+(?:that|he|she)\b)")
# "..., Craft said" / "said Joe Smith" / "the mayor, Bill de Blasio, said": someone is named as saying it
_NAMED_SAYS = re.compile(rf"\b[A-Z][\w.’'-]+,?\s+(?:also\s+)?{_SPEECH}\b|\b{_SPEECH}\s+(?:the\s+)?[A-Z]|\baccording to\b", re.S)
# Capitalised words that start a sentence or a title, not a name
_NOT_NAMES = frozenset({"He", "She", "They", "We", "I", "It", "You", "The", "This", "That", "But", "And"}
                       | {h.capitalize() for h in HONORIFICS})
# Names a small NER model calls PERSON that name no one: awards and prizes ("an Oscar", "a Tony Award").
_AWARD = re.compile(r"\b(?:Awards?|Prize|Medal|Trophy|Cup|Oscars?|Emmys?|Grammys?|Tonys?|Golden Globes?)\b")


def outside_quotes(text: str) -> str:
    """``text`` with its quoted stretches blanked (same length), so what is left says who speaks."""
    return _QUOTED.sub(lambda m: " " * len(m.group(0)), text)


def names_someone(text: str) -> bool:
    """Whether ``text``, outside its quotes, names someone as saying it ("..., Craft said")."""
    outside = outside_quotes(text)
    for match in _NAMED_SAYS.finditer(outside):
        words = re.findall(r"[A-Z][\w.’'-]*", match.group(0))
        if match.group(0).startswith("according") or any(w.rstrip(".,") not in _NOT_NAMES for w in words):
            return True
    return False


def _speaker_is_shown(speaker: str) -> bool:
    """A speaker worth showing as the one who said it: a name, not "the official" or "data"."""
    return (bool(speaker) and not is_role_phrase(speaker) and speaker.split()[0] not in _NOT_NAMES
            and any(len(word) >= 3 for word in re.findall(r"[^\W\d_]+", speaker)))  # not "D" of "(D)"


def speaker_name(speaker: str, canonical: Callable[[str], str]) -> str:
    """The display name of a quote's speaker: its canonical name, unless the speaker's own
    words say the other gender ("Mrs. Shepard" is never shown as Matthew Shepard)."""
    name = canonical(speaker)
    said = guess_gender(speaker)
    return speaker if said and guess_gender(name) not in (None, said) else name


def quote_speaker(claim: Claim, quotes: list[Quote], canonical: Callable[[str], str]) -> str | None:
    """The one named speaker (canonical name) of the quotes the version carries: those whose
    content covers at least half of the version or half of the quote, or whose speaker mention
    lies inside it.  None when they have no named speaker or several."""
    found: set[str] = set()
    length = claim.end - claim.start
    for quote in quotes:
        overlap = min(claim.end, quote.end) - max(claim.start, quote.start)
        mentioned = quote.speaker_start is not None and claim.start <= quote.speaker_start < claim.end
        if not (mentioned or (overlap > 0 and overlap >= 0.5 * min(length, quote.end - quote.start))):
            continue
        if not quote.speaker or not _speaker_is_shown(quote.speaker):
            return None  # a quote of someone the reader cannot be told: no guess about the rest
        found.add(speaker_name(quote.speaker, canonical))
    return found.pop() if len(found) == 1 else None


def _named_in(text: str, name: str) -> bool:
    """Whether a part of ``name`` (three letters or more) is in ``text`` outside its quotes."""
    outside = outside_quotes(text)
    return any(len(part) >= 3 and re.search(rf"\b{re.escape(part)}\b", outside) for part in re.findall(r"[\w’'-]+", name))


def people_only(analysis: Analysis) -> Analysis:
    """The analysis with the PERSON entities that name no one dropped (awards: "an Oscar", "a
    Tony Award"): a small NER model's label is not trusted where the words say otherwise."""
    text = analysis.article.text

    def a_person(e: Entity) -> bool:
        if e.label != "PERSON":
            return True
        before = text[max(0, e.start - 4):e.start].lower()
        return not (_AWARD.search(e.text) or re.search(r"\b(?:a|an)\s+$", before))

    kept = [e for e in analysis.entities if a_person(e)]
    return analysis if len(kept) == len(analysis.entities) else dataclasses.replace(analysis, entities=kept)


def person_before(claim: Claim, analysis: Analysis, canonical: Callable[[str], str], gender: str | None) -> str | None:
    """The one person (canonical name) the sentences before ``claim`` name, of ``gender``
    ("f", "m" or None for either, by first name or honorific): in the nearest of the
    ``PERSON_LOOKBACK`` sentences before it that names anyone who fits.  Sentences opening with
    a personal pronoun themselves (up to ``PRONOUN_CHAIN``) tell of the same person and are
    passed over: in "Mr. Jackman ... He won a Tony Award ... He also has experience as an M.C.",
    the last "He" is Jackman, whatever the middle sentence names.  None when that sentence names
    several who fit, or none is found: the reader is not shown a guess.  PERSON entities that
    name no one (:func:`people_only`) are not taken."""
    analysis = people_only(analysis)
    before = [s for s in analysis.sentences if s.end <= claim.start][-(PERSON_LOOKBACK + PRONOUN_CHAIN):]
    looked = 0
    for sentence in reversed(before):
        if _OPENING_PRONOUN.match(sentence.text) or _OPENING_POSSESSIVE.match(sentence.text):
            continue
        names = {canonical(e.text) for e in analysis.entities
                 if e.label == "PERSON" and sentence.start <= e.start and e.end <= sentence.end}
        names = {n for n in names if gender is None or guess_gender(n) in (None, gender)}
        if names:
            return names.pop() if len(names) == 1 else None
        looked += 1
        if looked == PERSON_LOOKBACK:
            break
    return None


def named_opening(claim: Claim, analysis: Analysis, canonical: Callable[[str], str]) -> str | None:
    """The text of ``claim`` with its opening "He"/"She" or "His"/"Her" replaced by the person
    the sentences before it name (:func:`person_before`), in brackets as an editor marks an
    insertion: "[Robert Wood] accused Russian forces ...", "[George Floyd's] body arrived in
    Houston ..."; None when it opens on none of them or no one person fits."""
    opening = _OPENING_PRONOUN.match(claim.text) or _OPENING_POSSESSIVE.match(claim.text)
    if opening is None:
        return None
    gender = "f" if opening.group(0) in ("She", "Her") else "m"
    person = person_before(claim, analysis, canonical, gender)
    if person is None:
        return None
    possessive = "’s" if "’" in claim.text else "'s"
    return f"[{person}{possessive if opening.re is _OPENING_POSSESSIVE else ''}]{claim.text[opening.end():]}"


def attributed(claim: Claim, analysis: Analysis, canonical: Callable[[str], str]) -> str | None:
    """The version's text with the name the reader needs inserted in brackets (see the module
    docstring), or None when it needs none or no name is certain."""
    text = claim.text
    speaker = quote_speaker(claim, analysis.quotes, canonical)
    if _OPENING_PRONOUN.match(text):
        if speaker and not _named_in(text, speaker):
            quote = next((q for q in analysis.quotes if q.speaker_start == claim.start), None)
            if quote is not None:  # the "He" is the speaker of the quote it opens
                return f"[{speaker}]{text[_OPENING_PRONOUN.match(text).end():]}"  # type: ignore[union-attr]
        return named_opening(claim, analysis, canonical)
    if _OPENING_POSSESSIVE.match(text):
        return named_opening(claim, analysis, canonical)
    if speaker is None or _named_in(text, speaker):
        return None
    outside = outside_quotes(text)
    says = _PRONOUN_SAYS.search(outside)
    if says:  # '"...," he said.' -> '"...," [Randy Tierney] said.'
        return f"{text[:says.start('pronoun')]}[{speaker}]{text[says.end('pronoun'):]}"
    if (_OPENS_QUOTED.match(text) or _FIRST_PERSON.match(text) or _unclosed_quote(text)) and not names_someone(text):
        return f"[{speaker}]: {text}"
    return None


def _unclosed_quote(text: str) -> bool:
    """A version that ends a quote opened in an earlier sentence ('That is more than ... combined."')."""
    s = text.rstrip()
    if not s.endswith(("”", '"', "''")):
        return False
    return s.count("“") < s.count("”") or s.count('"') % 2 == 1 or s.count("``") < s.count("''")
