"""5. Match across articles: canonical entities, grouped facts, typed disagreements.

:func:`match_articles` is the entry point.  It takes the articles of one story with their
per-article analyses and returns a :class:`Matching`:

* **entities** -- see :mod:`newsbrief.resolve`.
* **facts** -- see :mod:`newsbrief.facts`.
* **disagreements** -- see :mod:`newsbrief.disagree`.

What an outlet's sentences say of a fact it is not credited with (for the brief's coverage) is
read from the Matching by :mod:`newsbrief.coverage`.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsbrief.analyse.nlp import model_fits  # re-exported: match.model_fits is the shared predicate
from newsbrief.disagree import find_disagreements
from newsbrief.errors import AnalysisError
from newsbrief.facts import (
    EntityMention,
    FactGrouping,
    claim_predicates,
    extract_claims,
    group_facts,
    quoted_spans,
    story_origins,
    wire_copies,
)
from newsbrief.models import Article, CanonicalEntity, Claim, Disagreement, Fact, Predicate
from newsbrief.names import clean_name
from newsbrief.resolve import EntityResolution, canonical_name, resolve_entities

if TYPE_CHECKING:
    from newsbrief.analyse import Analysis

# A claim is embedded respelled (one spelling per entity) only for a version of another
# article this close to it as written that names the entity otherwise (see claim_texts).
RESPELL_NEAR = 0.5


@dataclass
class Matching:
    """What :func:`match_articles` found across the articles of one story."""

    entities: list[CanonicalEntity]
    facts: list[Fact]  # sorted: independent_outlets desc, then score desc
    disagreements: list[Disagreement]
    canonical_names: dict[str, str]  # any surface name or quote speaker -> canonical display name
    _keys: dict[str, str] = field(default_factory=dict, repr=False)
    grouping: FactGrouping | None = field(default=None, repr=False)  # claims and their embeddings
    # sentences that are not claims (a headline line, a sentence without a final stop), by article
    other_sentences: dict[str, list[str]] = field(default_factory=dict, repr=False)
    # the parsed verbs of each article (stored with its sentences), and the span of each of its
    # other_sentences in its text (None for a headline line not in the text)
    predicates: dict[str, tuple[Predicate, ...]] = field(default_factory=dict, repr=False)
    other_spans: dict[str, list[tuple[int, int] | None]] = field(default_factory=dict, repr=False)

    def canonical(self, name: str) -> str:
        """The canonical display name for ``name`` (exact, then by key, then fuzzy), else ``name``."""
        return canonical_name(name, self.canonical_names, self._keys)

    def entity_for(self, name: str) -> CanonicalEntity | None:
        """The canonical entity ``name`` refers to (by name or any variant), if any."""
        display = self.canonical(name)
        return next((e for e in self.entities if e.name == display), None)


def fitting_analyses(analyses: Sequence[Analysis]) -> list[Analysis]:
    """The analyses, with every layer of an article in another language emptied: no entity,
    quote, date, number or claim of it is matched, disputed or briefed."""
    from newsbrief.analyse import Analysis

    return [a if model_fits(a.article) else Analysis.of(a.article, {name: [] for name in a.layers}) for a in analyses]


def match_articles(articles: Sequence[Article], analyses: Sequence[Analysis]) -> Matching:
    """Resolve entities, group facts and find disagreements across one story's articles.

    ``analyses[i]`` must be the analysis of ``articles[i]`` with at least the "sentences"
    layer; the "entities", "quotes", "times" and "quantities" layers are used when present.
    """
    if len(articles) != len(analyses):
        raise AnalysisError(
            f"match_articles got {len(articles)} articles but {len(analyses)} analyses; "
            "pass one analysis per article, in the same order"
        )
    for article, analysis in zip(articles, analyses, strict=True):
        if analysis.article.id != article.id:
            raise AnalysisError(
                f"the analysis of article {analysis.article.id} was passed for article {article.id}; "
                "keep articles and analyses in the same order"
            )
    analyses = fitting_analyses(analyses)
    resolution = resolve_entities(articles, analyses)
    claims = extract_claims(articles, analyses, resolution.mentions)
    render = canonical_renderer(articles, resolution)
    # Claims are embedded with one spelling per entity ("Moscow's use" -> "Russia's use") so
    # versions from different articles read alike.  The spelling is the one most claims already
    # use, so most claims embed as written and their stored sentence vectors serve (a rewritten
    # claim is encoded by the model, in the brief).  The claims of a single article never link
    # to each other: there every claim embeds as written.
    single_article = len({c.article_id for c in claims}) <= 1
    grouping = group_facts(
        articles, claims, None if single_article else claim_texts(articles, resolution, claims),
        claim_predicates(analyses, claims),
        quoted_spans(analyses),
    )
    matching = Matching(resolution.entities, grouping.facts, [], resolution.canonical_names, grouping=grouping)
    claimed = {(c.article_id, c.start) for c in claims}
    for article, analysis in zip(articles, analyses, strict=True):
        others = [s for s in analysis.layers.get("sentences", []) if (article.id, s.start) not in claimed and len(s.text.split()) >= 5]
        headline = [article.title] if article.title and len(article.title.split()) >= 4 else []
        matching.other_sentences[article.id] = [s.text for s in others] + headline
        matching.other_spans[article.id] = [(s.start, s.end) for s in others] + [None for _ in headline]
        matching.predicates[article.id] = tuple(p for s in analysis.sentences for p in s.predicates)
    matching.disagreements = find_disagreements(articles, analyses, grouping, matching.canonical, render)
    return matching


def copy_relation(analyses: Sequence[Analysis]) -> dict[str, str]:
    """One story's copy relation as its brief draws it: each copy among the analysed articles ->
    the original of its group (:func:`newsbrief.facts.story_origins`), joining the duplicates
    found at ingest and the reprints :func:`newsbrief.facts.wire_copies` finds among the claims
    :func:`match_articles` groups.  The story's independent outlets are counted over it
    (:func:`newsbrief.copies.independent_outlets`), in the brief's header and in the story lists
    (:func:`newsbrief.pipeline.count_outlets`), so the two always agree."""
    articles = [a.article for a in analyses]
    by_id = {a.id: a for a in articles}
    fitting = fitting_analyses(analyses)
    claims = extract_claims(articles, fitting, [])  # a claim's text needs no entity
    return story_origins(by_id, wire_copies(claims, by_id, quoted_spans(fitting)))


def claim_texts(articles: Sequence[Article], resolution: EntityResolution, claims: Sequence[Claim]) -> list[str]:
    """What fact grouping embeds for each claim: the claim respelled with :func:`_spellings`
    when that can bring it closer to another article's version, else as written.

    A claim is respelled only when some claim of another article names one of the entities
    it respells in another form and is already close to it as written (``RESPELL_NEAR``):
    respelling brings two versions together only where they name a referent differently,
    and moves a claim's similarities by 0.07 typically (0.3 at most, measured on 250 DUC
    articles), so versions further apart never link either way.  Every other claim keeps
    its stored sentence vector; each respelled one is a MiniLM encode in the brief."""
    from newsbrief.embed import embed, to_encode

    forms = _claim_forms(articles, resolution, claims)
    spellings = _spellings(resolution, claims, forms)
    written = [c.text for c in claims]
    respelled = [{e for e, form in pairs if e in spellings and not reads_alike(form, spellings[e])} for pairs in forms]
    wanted = [k for k, entities in enumerate(respelled) if entities]
    if not wanted:
        return written
    # Only vectors already stored (or in memory) are compared: nothing is encoded here.
    unstored = set(to_encode(written))
    known = [k for k in range(len(claims)) if written[k] not in unstored]
    vectors = dict(zip(known, embed([written[k] for k in known]), strict=True)) if known else {}
    by_entity: dict[str, list[tuple[int, str]]] = {}
    for k, pairs in enumerate(forms):
        for entity_id, form in pairs:
            by_entity.setdefault(entity_id, []).append((k, form))
    spell = canonical_renderer(articles, resolution, spellings, keep=reads_alike)
    texts = list(written)
    for k in wanted:
        own = forms[k]
        partners = {
            j
            for entity_id in respelled[k]
            for j, form in by_entity[entity_id]
            if claims[j].article_id != claims[k].article_id and (entity_id, form) not in own
        }
        if k not in vectors or any(j not in vectors or float(vectors[k] @ vectors[j]) >= RESPELL_NEAR for j in partners):
            texts[k] = spell(claims[k].article_id, claims[k].start, claims[k].end)
    return texts


def reads_alike(form: str, spelling: str) -> bool:
    """Whether a mention written ``form`` reads to the sentence model as ``spelling`` does, so
    respelling it is not worth an encode: the same letters in another case (the model lower-cases
    its input: "Eta" / "ETA" give one vector), or one word and its derived form ("Israeli" /
    "Israel", "Spanish" / "Spain": sharing all but their last two letters, at least three).  On
    240 DUC articles, claims respelled only in such forms kept a cosine of 0.996 (median) with
    their written version, against 0.983 for other respellings."""
    if form.lower() == spelling.lower():
        return True
    if " " in form or " " in spelling:
        return False
    shared = len(os.path.commonprefix([form.lower(), spelling.lower()]))
    return shared >= max(3, min(len(form), len(spelling)) - 2)


def _claim_forms(
    articles: Sequence[Article], resolution: EntityResolution, claims: Sequence[Claim]
) -> list[set[tuple[str, str]]]:
    """For each claim, the (entity id, form written there) of the entity mentions inside it."""
    texts = {a.id: a.text for a in articles}
    by_article: dict[str, list[EntityMention]] = {}
    for mention in resolution.mentions:
        by_article.setdefault(mention.article_id, []).append(mention)
    return [
        {
            (m.entity_id, texts[claim.article_id][m.start : m.end])
            for m in by_article.get(claim.article_id, [])
            if claim.start <= m.start and m.end <= claim.end
        }
        for claim in claims
    ]


def _spellings(
    resolution: EntityResolution, claims: Sequence[Claim], claim_forms: Sequence[set[tuple[str, str]]]
) -> dict[str, str]:
    """entity id -> the spelling of it written in the most claims ("Bush" when most claims
    say "Bush" and one "George W. Bush"; ties go to the canonical name, then the longer form),
    or for a person their full name ("George W. Bush", see ``preference``),
    for each entity named in the claims of two articles or more (an entity only one article
    names brings no two versions closer, whatever it is called).  Rewriting every mention to
    it makes the versions of a fact read alike while leaving most claims as written (so their
    stored sentence vectors serve)."""
    names = {e.id: e.name for e in resolution.entities}
    people = {e.id for e in resolution.entities if e.label == "PERSON"}
    written: dict[str, Counter[str]] = {}
    named_in: dict[str, set[str]] = {}
    for claim, forms in zip(claims, claim_forms, strict=True):
        for entity_id, form in forms:
            written.setdefault(entity_id, Counter())[form] += 1
            named_in.setdefault(entity_id, set()).add(claim.article_id)

    def preference(entity_id: str, forms: Counter[str], form: str) -> tuple[bool, int, int, bool, int, str]:
        # A person goes by their full name (the canonical one, else the fullest written): a claim
        # naming them in full then reads as written, and only a bare "Reid" may become "Tara
        # Reid".  Spelled as most claims do, two claims both saying "Tara Reid" could be read
        # apart, one respelled "Reid" (close to another version) and the other not.
        person = entity_id in people
        full = person and form == names.get(entity_id)
        return (full, len(clean_name(form).split()) if person else 0, forms[form], form == names.get(entity_id), len(form), form)

    return {
        entity_id: max(forms, key=lambda f: preference(entity_id, forms, f))
        for entity_id, forms in written.items()
        if len(named_in[entity_id]) > 1
    }


def canonical_renderer(
    articles: Sequence[Article],
    resolution: EntityResolution,
    spellings: Mapping[str, str] | None = None,
    keep: Callable[[str, str], bool] | None = None,
) -> Callable[[str, int, int], str]:
    """``render(article_id, start, end)``: the span's text with each entity mention replaced
    by its canonical name, or, given ``spellings`` (entity id -> text), by its spelling there
    (mentions of an entity not in it stay as written).  A mention for which ``keep(written,
    name)`` holds stays as written too."""
    texts = {a.id: a.text for a in articles}
    names: Mapping[str, str] = {e.id: e.name for e in resolution.entities} if spellings is None else spellings
    by_article: dict[str, list[EntityMention]] = {}
    for mention in sorted(resolution.mentions, key=lambda m: (m.article_id, m.start, -m.end)):
        by_article.setdefault(mention.article_id, []).append(mention)

    def render(article_id: str, start: int, end: int) -> str:
        text, out, pos = texts[article_id], [], start
        for mention in by_article.get(article_id, []):
            if mention.start >= pos and mention.end <= end:
                name, form = names.get(mention.entity_id), text[mention.start : mention.end]
                out += [text[pos : mention.start], form if name is None or (keep and keep(form, name)) else name]
                pos = mention.end
        out.append(text[pos:end])
        return "".join(out)

    return render
