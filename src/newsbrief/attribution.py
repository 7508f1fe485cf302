"""Who a shown sentence is by: the name a reader needs to place a key fact on its own.

A fact's shown version is read away from the sentences around it.  When it opens on "He" or
"She", says who spoke only as "he said", or is a quote whose speaker is named in another
sentence, the reader cannot tell who it is about or who said it.  The quote analysis knows
(:mod:`newsbrief.analyse.quotes` resolves "he said" and a quote's paragraph to the named
person), so the brief gives the version that name, in brackets as an editor marks an insertion:

    '"It's not as if Oprah isn't hugely successful," he explained.'
        -> '"It's not as if Oprah isn't hugely successful," [Randy Tierney] explained.'
    '"We can confirm that SEACOM is experiencing problems on its network.'
        -> '[Rudi Jansen]: "We can confirm that SEACOM is experiencing problems on its network.'
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
from newsbrief.facts import named_opening
from newsbrief.models import Claim, Entity, Quote
from newsbrief.names import is_role_phrase

if TYPE_CHECKING:
    from newsbrief.analyse import Analysis

# Quoted stretches: curly, straight and TeX-style marks; an opening mark never closed runs to the end.
_QUOTED = re.compile(r"“[^”]*(?:”|$)|``.*?(?:''|$)|\"[^\"]*(?:\"|$)|(?<!\w)'(?=\w).*?[,.!?]'(?!\w)", re.S)
_OPENS_QUOTED = re.compile(r"^\s*(?:[“\"]|``|'(?=\w))")
_OPENING_PRONOUN = re.compile(r"^(?:He|She)\b(?!['’])")
_FIRST_PERSON = re.compile(r"^\s*[“\"`']*\s*(?:I|We)\b")
_SPEECH = (r"(?:said|says|added|adds|explained|told|noted|stated|wrote|argued|insisted|continued|recalled|asked|"
           r"warned|declared|remarked|replied|cautioned|acknowledged|conceded|concluded)")
# "..., he said" / "..., said she": the speaker given as a pronoun
_PRONOUN_SAYS = re.compile(rf"\b(?P<pronoun>[Hh]e|[Ss]he)\s+(?:also\s+|later\s+|then\s+)?{_SPEECH}\b|\b{_SPEECH}\s+(?P<after>he|she)\b")
# "..., Craft said" / "said Joe Smith" / "the mayor, Bill de Blasio, said": someone is named as saying it
_NAMED_SAYS = re.compile(rf"\b[A-Z][\w.’'-]+,?\s+(?:also\s+)?{_SPEECH}\b|\b{_SPEECH}\s+(?:the\s+)?[A-Z]|\baccording to\b", re.S)
_NOT_NAMES = frozenset({"He", "She", "They", "We", "I", "It", "You", "The", "This", "That", "But", "And", "Mr", "Mrs", "Ms"})
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
    return bool(speaker) and not is_role_phrase(speaker) and speaker.split()[0] not in _NOT_NAMES


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
        return named_opening(claim, people_only(analysis), canonical)
    if speaker is None or _named_in(text, speaker):
        return None
    outside = outside_quotes(text)
    says = _PRONOUN_SAYS.search(outside)
    if says:  # '"...," he said.' -> '"...," [Randy Tierney] said.'
        group = "pronoun" if says.group("pronoun") else "after"
        return f"{text[:says.start(group)]}[{speaker}]{text[says.end(group):]}"
    if (_OPENS_QUOTED.match(text) or _FIRST_PERSON.match(text) or _unclosed_quote(text)) and not names_someone(text):
        return f"[{speaker}]: {text}"
    return None


def _unclosed_quote(text: str) -> bool:
    """A version that ends a quote opened in an earlier sentence ('That is more than ... combined."')."""
    s = text.rstrip()
    if not s.endswith(("”", '"', "''")):
        return False
    return s.count("“") < s.count("”") or s.count('"') % 2 == 1 or s.count("``") < s.count("''")
