"""The record types that flow through newsbrief's pipeline.

Every record is a frozen dataclass with ``to_dict()`` / ``from_dict()``.  Anything derived
from an article's text keeps ``article_id`` and character offsets (``start``/``end``) into
the article's stored ``text``, so a citation can always be shown highlighted.

Read top to bottom, the records follow the pipeline: RawDocument (sources) -> Article
(extract/store) -> per-article annotations (analyse) -> Fact / Disagreement (match) ->
Story (stories) -> Brief (brief).
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from pathlib import PurePath
from typing import Any, ClassVar, TypeVar, Union, get_args, get_origin
from urllib.parse import urlsplit

R = TypeVar("R", bound="Record")


def _identity(value: Any) -> Any:
    return value


@functools.cache
def _decoder(tp: Any) -> Any:
    """The function turning a non-None JSON-ish value into ``tp``, or None when the value is
    kept as it is (str, int, float, bool...).  Built once per type: a stored brief decodes
    thousands of records, and asking ``typing`` about each field's type every time was most
    of the cost of reading one back."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        record = next((o for o in options if isinstance(o, type) and issubclass(o, Record)), None)
        inner = _decoder(options[0]) if len(options) == 1 else None
        if record is None and inner is None:
            return None
        fallback = inner or _identity

        def union(value: Any) -> Any:
            if record is not None and isinstance(value, dict):
                return record.from_dict(value)
            return fallback(value) if value is not None else None

        return union
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            each = _decoder(args[0])
            if each is None:
                return tuple
            return lambda value: tuple([None if v is None else each(v) for v in value])  # a list: faster than a generator
        parts = [_decoder(a) or _identity for a in args]
        return lambda value: tuple(
            None if v is None else d(v) for d, v in zip(parts, value, strict=False)
        )
    if origin is dict:
        _, value_type = get_args(tp)
        each = _decoder(value_type)
        if each is None:
            return dict
        return lambda value: {k: None if v is None else each(v) for k, v in value.items()}
    if isinstance(tp, type) and issubclass(tp, Record):
        return tp.from_dict
    return None


class Record:
    """Mixin giving frozen dataclasses a JSON-friendly ``to_dict`` and ``from_dict``."""

    __dataclass_fields__: ClassVar[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return _encode(self)

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        return _from_dict(cls)(data)  # type: ignore[no-any-return,arg-type]  # a class is hashable; mypy's TypeVar bound hides it


def _from_dict_slowly(cls: type[R], data: dict[str, Any]) -> R:
    """``cls.from_dict`` for data lacking some fields (their defaults apply; extra keys are ignored)."""
    kwargs = {}
    for name, decode in _field_decoders(cls):  # type: ignore[arg-type]  # a class is hashable; mypy's TypeVar bound hides it
        if name in data:
            value = data[name]
            kwargs[name] = value if decode is None or value is None else decode(value)
    return cls(**kwargs)


@functools.cache
def _from_dict(cls: type) -> Any:
    """``cls.from_dict`` as one function written for its fields, as dataclasses writes
    ``__init__``: each field read by name and decoded inline, no loop over the fields, and the
    instance's attributes set in one step (what a frozen dataclass's ``__init__`` does one
    ``object.__setattr__`` at a time; only for classes whose ``__init__`` does nothing else).
    A re-run of ``brief`` decodes tens of thousands of stored records, and the per-field loop
    and ``__init__`` were most of that.  Data lacking a field (written before the field existed)
    goes the slow way, so its default applies."""
    fields = _field_decoders(cls)
    plain = (
        not hasattr(cls, "__post_init__")
        and not hasattr(cls, "__slots__")
        and all(f.init for f in dataclasses.fields(cls))
    )
    namespace: dict[str, Any] = {"cls": cls, "slowly": _from_dict_slowly, "new": object.__new__, "set": object.__setattr__}
    reads, values = [], []
    for i, (name, decode) in enumerate(fields):
        reads.append(f"        v{i} = data[{name!r}]")
        value = f"v{i}"
        if decode is not None:
            namespace[f"decode{i}"] = decode
            value = f"None if v{i} is None else decode{i}(v{i})"
        values.append(f"{name!r}: {value}" if plain else f"{name}={value}")
    if plain:
        build = ["    record = new(cls)", f"    set(record, '__dict__', {{{', '.join(values)}}})", "    return record"]
    else:
        build = [f"    return cls({', '.join(values)})"]
    source = "\n".join(["def from_dict(data):", "    try:", *(reads or ["        pass"]), "    except KeyError:",
                         "        return slowly(cls, data)", *build])
    exec(source, namespace)  # noqa: S102  # code built from the dataclass's own field names
    return namespace["from_dict"]


@functools.cache
def _field_hints(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, type) of each field: resolving the annotations is slow, and a stored brief
    decodes thousands of records."""
    hints = typing.get_type_hints(cls)
    return tuple((field.name, hints[field.name]) for field in dataclasses.fields(cls))


@functools.cache
def _field_decoders(cls: type) -> tuple[tuple[str, Any], ...]:
    """(name, decoder or None) of each field (see :func:`_decoder`)."""
    return tuple((name, _decoder(hint)) for name, hint in _field_hints(cls))


def _encode(value: Any) -> Any:
    if isinstance(value, Record):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}  # type: ignore[arg-type]
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    return value


# --- 1. sources -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RawDocument(Record):
    """One input document as a source yields it, before extraction.

    ``origin`` names where it came from (a path, a URL, ``<stdin>``, ``crawl.warc.gz#<record id>``)
    so every error and every citation can point back at it.  Exactly one of ``html`` and
    ``text`` is set.  Metadata fields hold what the source itself declared; extraction fills
    the gaps.
    """

    origin: str
    html: str | None = None
    text: str | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date or datetime, as declared by the source
    language: str | None = None
    # When a crawler fetched the page (WARC-Date), ISO 8601; NOT a publication date, only a
    # last-resort upper bound for it (the page existed by then).  ``published`` stays None
    # unless the source declares a real publication date.
    crawled: str | None = None


# --- 2./3. extract and store -------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Removal(Record):
    """A line of page chrome removed during cleaning, and why."""

    line: str
    reason: str


@dataclasses.dataclass(frozen=True)
class Article(Record):
    """A cleaned article: main text plus metadata, as stored.

    ``id`` is a content hash of the clean text and its origin, so re-ingesting the same input
    is idempotent; ``content_hash`` is the hash of the text alone, shared by exact copies.
    ``duplicate_of`` links an exact or near-duplicate (syndicated) copy to its original.
    """

    id: str
    content_hash: str
    origin: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None
    removed: tuple[Removal, ...] = ()
    duplicate_of: str | None = None
    duplicate_kind: str | None = None  # "exact" | "near"
    word_count: int = 0

    @property
    def published_date(self) -> str | None:
        """The publication date as ``YYYY-MM-DD``, or None when unknown."""
        return self.published[:10] if self.published else None

    @property
    def label(self) -> str:
        """How the article is named to a reader: see :func:`source_label`."""
        return source_label(self.outlet, self.url, self.origin, self.id)


_FILE_SUFFIXES = (".gz", ".html", ".htm", ".txt", ".json", ".jsonl", ".xml", ".warc", ".sgml", ".sgm", ".tml")


def site_label(outlet: str | None, url: str | None, origin: str) -> str | None:
    """The outlet name an input gives, else the URL's host without ``www.``, else the file
    name without its extension; None when there is none (stdin without an outlet)."""
    if outlet and outlet.strip():
        return outlet.strip()
    for candidate in (url, origin):
        if candidate and re.match(r"^https?://", candidate, re.I):
            host = (urlsplit(candidate).hostname or "").lower()
            if host:
                return host.removeprefix("www.")
    if origin and not origin.startswith("<"):
        stem = PurePath(origin.split("#", 1)[0]).name
        for suffix in _FILE_SUFFIXES:
            stem = stem.removesuffix(suffix)
        return stem or None
    return None


def source_label(outlet: str | None, url: str | None, origin: str, article_id: str | None = None) -> str:
    """The one label an article is shown and counted by, everywhere (citations, coverage,
    sources lists, the web app): its outlet, else its site, else its file name
    (:func:`site_label`).  An article read from stdin is "stdin" and the start of its id
    ("stdin 3f2a9c"): articles piped in on separate runs are separate sources, and the same
    text piped again keeps its label (the id is a hash of the text); without the id,
    "stdin" ("stdin:3" for the third JSON line)."""
    label = site_label(outlet, url, origin)
    if label:
        return label
    if article_id and origin.startswith(STDIN_ORIGIN):
        return f"stdin {article_id[:6]}"
    return origin.replace("<", "").replace(">", "") or "unnamed source"


STDIN_ORIGIN = "<stdin>"  # sources.files.STDIN: the origin of what was piped in


# --- 4. per-article analysis -------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Predicate(Record):
    """One verb of a sentence and what its parse says about it, kept with the sentence so that
    comparing what two versions state needs no parser at brief time.

    ``start``/``end`` are the verb's offsets in the article text.  ``subjects`` and ``objects``
    are the head words of the doer and of what is done to (voice undone: "Y was sued by X" has
    subject X and object Y), conjuncts included.  ``main`` is True for the verb of the main
    clause (the root, a verb coordinated with it, or what a reporting root reports: "said it
    *sank* a ship").  ``mood`` is the word that makes the act not (yet) done: a modal ("may",
    "could", "would", "will") or a verb of intent it depends on ("plans to", "wants to").
    ``parties`` are the named people joined by "and" in its subject ("McConnell and Kaine
    introduced ..."): the parties to a joint act."""

    start: int
    end: int
    lemma: str
    main: bool = False
    subjects: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    negated: bool = False
    mood: str | None = None
    parties: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Sentence(Record):
    article_id: str
    index: int
    start: int
    end: int
    text: str
    predicates: tuple[Predicate, ...] = ()  # its verbs, from the parse (what fact grouping compares)


@dataclasses.dataclass(frozen=True)
class Entity(Record):
    article_id: str
    start: int
    end: int
    text: str
    label: str  # spaCy label (PERSON, ORG, GPE, NORP, ...), possibly corrected by rules; DISEASE from the rules
    # For a capital's name only: whether it acts ("Moscow said", "Beijing's envoy": its
    # government) rather than names a place ("in Moscow"), from its sentence's parse.
    actor: bool | None = None


@dataclasses.dataclass(frozen=True)
class Quote(Record):
    """Something a source said: the content span, its cue and the (resolved) speaker.

    ``kind`` is "direct" (the whole content in quote marks), "partial" (quote marks inside
    indirect speech), "indirect" ("X said that ...") or "according_to".  ``verbatim`` is True
    when the content in quote marks appears character for character in the text.
    """

    article_id: str
    start: int
    end: int
    text: str
    kind: str
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker: str | None = None  # the resolved, named speaker
    speaker_role: str | None = None
    verbatim: bool = False


@dataclasses.dataclass(frozen=True)
class TimeMention(Record):
    """A time expression normalised against the article's publication date.

    ``value`` is ISO 8601 at the expression's ``granularity`` ("2024-01-10", "2024-01",
    "2023", "2023-W52", "P2M" for durations) or None when it cannot be resolved (for instance
    a relative date in an article with no publication date).  ``event_start``/``event_end``
    span the clause the expression dates.
    """

    article_id: str
    start: int
    end: int
    text: str
    value: str | None
    # "day" | "week" | "month" | "quarter" | "season" | "year" | "decade" | "century" | "duration" | "set"
    # | "time" | "vague" (value "PAST_REF" / "PRESENT_REF" / "FUTURE_REF": "recently", "now", "the future")
    granularity: str
    kind: str = "date"  # "date" | "time" | "duration" | "set"
    relative: bool = False
    event_start: int | None = None
    event_end: int | None = None
    note: str | None = None


@dataclasses.dataclass(frozen=True)
class Quantity(Record):
    """A number with what it counts: "more than 560 of them being children"."""

    article_id: str
    start: int
    end: int
    text: str
    value: float
    counted: str | None = None  # the counted noun phrase ("states", "foreign ministers")
    modifier: str | None = None  # "more than", "almost", "about", "several" ...
    value_max: float | None = None  # upper bound for ranges and vague counts ("several dozen")
    unit: str | None = None  # "km", "%", "USD" ...


# --- 5. match across articles -----------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Citation(Record):
    """A span of an article's stored text that supports a statement."""

    article_id: str
    outlet: str | None
    start: int
    end: int
    text: str = ""


@dataclasses.dataclass(frozen=True)
class CanonicalEntity(Record):
    """One real-world referent with every spelling seen for it across articles."""

    id: str
    name: str
    label: str
    variants: tuple[str, ...] = ()
    mentions: tuple[Citation, ...] = ()
    article_ids: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class Claim(Record):
    """One statement (a sentence or clause) of one article, as a candidate fact version."""

    article_id: str
    outlet: str | None
    start: int
    end: int
    text: str
    entity_ids: tuple[str, ...] = ()
    numbers: tuple[float, ...] = ()
    dates: tuple[str, ...] = ()
    # set on a version in a fact when its article reprints another article of the fact (a
    # syndicated or wire copy): the id of that article; such a version is cited, never counted
    reprint_of: str | None = None


@dataclasses.dataclass(frozen=True)
class Fact(Record):
    """The same thing stated by one or more articles, with every version cited."""

    id: str
    text: str  # the representative version
    claims: tuple[Claim, ...]
    outlets: tuple[str, ...]
    independent_outlets: int
    score: float = 0.0


@dataclasses.dataclass(frozen=True)
class DisagreementVersion(Record):
    text: str
    citations: tuple[Citation, ...]
    value: str | None = None  # the disputed value in this version ("47", "2024-01-10", ...)


@dataclasses.dataclass(frozen=True)
class Disagreement(Record):
    """Sources that do not agree.  ``kind``: "count_mismatch" | "number_mismatch" |
    "date_mismatch" | "speaker_mismatch" | "denial" | "unconfirmed".  ``confidence`` (0..1)
    is how sure the detector is that the versions are about the same thing and conflict;
    briefs show only disagreements above ``disagree.show_threshold(kind)``."""

    kind: str
    topic: str
    versions: tuple[DisagreementVersion, ...]
    confidence: float = 1.0


# --- 6. stories -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class StoryLink(Record):
    story_id: str
    relation: str  # "follow_up" | "related"
    reason: str


@dataclasses.dataclass(frozen=True)
class Story(Record):
    id: str
    title: str
    article_ids: tuple[str, ...]
    first_date: str | None = None
    last_date: str | None = None
    outlets: tuple[str, ...] = ()
    related: tuple[StoryLink, ...] = ()


# --- 7. brief ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class BriefSentence(Record):
    """A sentence of the brief and the source spans it was taken from.

    ``citations`` are the spans the text was taken from, verbatim; ``corroborated_by`` are
    spans of other articles stating the same fact (from match), and ``kind`` is the quote kind
    ("direct", "partial", ...) for sentences of the who-said-what section.  ``date`` is the ISO
    day a developing story's lead sentence tells of (the day it names, else its article's; for
    background another article told days before, the day that one names, else None: background
    is no news of a later day)
    """

    text: str
    citations: tuple[Citation, ...]
    corroborated_by: tuple[Citation, ...] = ()
    kind: str | None = None
    date: str | None = None


@dataclasses.dataclass(frozen=True)
class SpeakerQuotes(Record):
    speaker: str
    role: str | None
    quotes: tuple[BriefSentence, ...]


@dataclasses.dataclass(frozen=True)
class TimelineEntry(Record):
    date: str  # ISO 8601 at its granularity
    granularity: str
    text: str
    citations: tuple[Citation, ...]
    note: str | None = None  # how the date was resolved when the article alone could not ("year inferred ...")


@dataclasses.dataclass(frozen=True)
class Development(Record):
    """One step of a developing story (a ruling, then an appeal, then a reversal): the day its
    articles say it happened, a cited sentence that tells it, and the articles reporting it."""

    date: str  # ISO day of the event
    granularity: str  # "day"
    headline: str  # the title of the article ``text`` comes from (else of another of its articles, else the start of ``text``)
    text: str  # a source sentence, verbatim from the citation
    citations: tuple[Citation, ...]
    article_ids: tuple[str, ...]  # every article reporting this step


@dataclasses.dataclass(frozen=True)
class BriefArticle(Record):
    id: str
    outlet: str | None
    title: str | None
    date: str | None
    origin: str
    url: str | None = None
    duplicate_of: str | None = None

    @property
    def label(self) -> str:
        """How the article is named to a reader: see :func:`source_label`."""
        return source_label(self.outlet, self.url, self.origin, self.id)


@dataclasses.dataclass(frozen=True)
class Coverage(Record):
    """Which outlet reported which key fact (``matrix[outlet]`` lists fact ids)."""

    outlets: tuple[str, ...]
    matrix: dict[str, tuple[str, ...]]
    only_one_outlet: tuple[str, ...] = ()  # fact ids reported by a single outlet
    omissions: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    # outlet -> ids of key facts it states in other words, counted among the outlets reporting them
    # for an omission note (not credited in ``matrix``: grouping did not link its sentence)
    restated: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class Brief(Record):
    story_id: str
    headline: str
    articles: tuple[BriefArticle, ...]
    lead: tuple[BriefSentence, ...]
    facts: tuple[Fact, ...]
    disagreements: tuple[Disagreement, ...]
    quotes: tuple[SpeakerQuotes, ...]
    timeline: tuple[TimelineEntry, ...]
    entities: tuple[CanonicalEntity, ...]
    coverage: Coverage
    related: tuple[StoryLink, ...] = ()
    focus: str | None = None  # the question the lead and facts were biased toward, if any
    # A developing story's successive events, oldest first (empty when it reports one event).
    developments: tuple[Development, ...] = ()
    # developments none of which two independent outlets report: a pile on a theme, not one story
    theme: bool = False
