"""The news-text vocabulary, defined once: reporting verbs, titles before names, page-chrome
phrases, the metadata prefix glued to a text, and what counts as a word.

Every analyser and stage that needs one of these imports it from here (tests/test_lexicon.py
checks that no other module defines its own reporting-verb or title set).  Sets are written
as space-separated text (``word_set``) and hold lower-case lemmas or words without a final
period; a set that serves a narrower purpose is derived from a wider one where it can be, so
the two cannot drift apart.  This module imports nothing heavy: the CLI, extraction and the
web app use it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


def word_set(text: str) -> frozenset[str]:
    """The words of a space-separated string, as a set (long word lists read better as text)."""
    return frozenset(text.split())


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of ``words`` (longest first, so "states" wins over "state")."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"


# --- words ---------------------------------------------------------------------------------

# A word: letters or digits (any script), joined by inner apostrophes or hyphens
# ("it's", "Joon-kook", "2024-01-10"); "U.S." is two words.
# Three tokenisers stay apart on purpose: dedup.py's shingles (``\w+``: stored MinHash
# signatures depend on it), the web app's FTS5 queries (``\w+``, as SQLite's unicode61
# tokenizer splits) and clean.py's line tokens ("U.S.", "AT&T" whole, to judge a line's case).
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@lru_cache(maxsize=1 << 16)  # a brief asks again for the words of the same sentences many times
def _words(text: str) -> tuple[str, ...]:
    return tuple(WORD.findall(text))


@lru_cache(maxsize=1 << 16)
def _letter_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in _words(text) if w[0].isalpha())


def words(text: str) -> list[str]:
    """The words of ``text`` (see ``WORD``)."""
    return list(_words(text))


def letter_words(text: str) -> list[str]:
    """The words of ``text`` that start with a letter (numbers left out): for counting the
    words of a claim and the share of capitalised ones."""
    return list(_letter_words(text))


# --- reporting verbs (lemmas) ----------------------------------------------------------------

# Reporting verbs by what their content is.  SPEECH: the clause complement ("said that ...").
SPEECH_VERBS = word_set(
    """say state add note claim insist argue stress emphasise emphasize explain announce report
    confirm declare reply respond write read suggest acknowledge admit assert maintain mention
    reveal disclose predict recall testify allege contend concede complain caution agree
    believe think tweet quip boast estimate indicate observe remark recount reiterate repeat
    conclude counter acknowledge find show rule point"""
)
# ADDRESSED: the first object is the hearer ("told reporters (that) ...").
ADDRESSED_VERBS = word_set("tell inform assure remind brief warn notify advise")
# OBJECT: the object and a preposition carry the content ("accused the US of ...").
OBJECT_VERBS = word_set(
    """accuse deny criticise criticize blame call describe condemn denounce urge implore
    encourage ask demand promise vow pledge threaten dismiss reject praise welcome express
    question slam hail label dub characterise characterize cite attack blast liken propose"""
)
# BARE: verbs that report speech only next to a quote ("..., she continued").
BARE_VERBS = word_set("continue joke laugh shout yell scream exclaim wonder")
REPORTING_VERBS = SPEECH_VERBS | ADDRESSED_VERBS | OBJECT_VERBS | BARE_VERBS

# The reporting verbs that, right after a capitalised name, mark it as a person ("Hwang
# told"); verbs that countries and companies do too ("Ukraine attacked", "Russia welcomed")
# are left out.
PERSON_CUE_VERBS = REPORTING_VERBS & word_set(
    "say tell add state claim accuse urge dismiss criticise criticize deny call express warn "
    "argue insist note explain announce write ask reply respond confirm acknowledge suggest "
    "emphasise emphasize stress declare recall report"
)
# Verbs whose own date is when something was said or done about an event; a date right after
# their object dates the object ("denounced Russia's airstrikes on December 30").  Besides
# reporting verbs, verbs of looking into an event count.
EVENT_REPORTING_VERBS = REPORTING_VERBS & word_set(
    "say condemn denounce report announce accuse tell deny confirm claim blame criticise criticize "
    "warn urge describe welcome mention cite disclose reveal"
) | word_set("discuss protest investigate document")
# Reporting verbs as written after a quotation ("...?” the minister asked).
SPEECH_FORMS = word_set(
    "said says say told tells asked asks added adds wrote writes replied replies insisted insists "
    "explained explains stated states claimed claims declared declares warned warns noted notes "
    "continued continues concluded concludes responded responds recalled recalls"
)
# The kinds of street a place is named with ("Philip Street", "Phillips Road").
STREET_KINDS = word_set("Street Road Avenue Boulevard Lane Drive Court Terrace Crescent Highway")

# Reporting verbs as written (for patterns over raw text): the quote tails above and the
# forms of the other common ones.
REPORTING_FORMS = SPEECH_FORMS | word_set(
    "urged accused criticised criticized emphasised emphasized expressed called dismissed denied "
    "informed argued implored announced cited reported reports confirmed stressed stresses estimated estimates"
)
# Reporting forms in the past tense ("announced", "said", "told", "wrote"): after a date ("HP on
# Monday said") they date a statement; "in December states passed laws" and "Tuesday reports" are nouns as often.
PAST_REPORTING_FORMS = frozenset(f for f in REPORTING_FORMS if f.endswith("ed")) | (REPORTING_FORMS & word_set("said told wrote"))
# Reporting verbs that close a dash attribution ("... — the sign reads.").
DASH_CUE_FORMS = REPORTING_FORMS & word_set(
    "said says stated states noted notes wrote writes added adds stressed stresses"
) | word_set("reads read")
# Reporting verbs as written in headlines ("Wood says ...", "Kremlin slams ...").
HEADLINE_VERBS = word_set("says said tells told slams calls urges warns claims vows denies rips hammers")
# Reporting forms glued to "that" in real copy ("saidthat") and their lemmas.
GLUED_REPORTING_FORMS = {"said": "say", "says": "say", "stated": "state", "added": "add", "noted": "note", "told": "tell"}
# Words every news sentence has that say nothing about its subject (beside English stop words).
NEWS_FILLER_WORDS = word_set("said says say told according would also mr mrs ms")

# Irregular past forms of verbs that news reports as acts, and their base form, so that "denied
# that he drank on the job" and "drinking alcohol while on a presidential trip" read as one act
# (newsbrief.disagree compares the denied act with the sentences asserting it).
IRREGULAR_VERB_FORMS = {
    "drank": "drink", "drunk": "drink", "sold": "sell", "paid": "pay", "made": "make", "took": "take",
    "taken": "take", "gave": "give", "given": "give", "met": "meet", "held": "hold", "sent": "send",
    "bought": "buy", "fought": "fight", "struck": "strike", "shot": "shoot", "stole": "steal", "stolen": "steal",
    "wrote": "write", "written": "write", "knew": "know", "known": "know", "ran": "run", "began": "begin",
    "begun": "begin", "broke": "break", "broken": "break", "hid": "hide", "hidden": "hide", "spent": "spend",
    "lost": "lose", "won": "win", "led": "lead", "fled": "flee", "threw": "throw", "thrown": "throw",
    "built": "build", "sank": "sink", "sunk": "sink", "drove": "drive", "driven": "drive", "spoke": "speak",
    "spoken": "speak", "ate": "eat", "eaten": "eat", "fell": "fall", "fallen": "fall", "brought": "bring",
    "caught": "catch", "sought": "seek", "taught": "teach", "hit": "hit", "hurt": "hurt", "kept": "keep",
    "left": "leave", "slept": "sleep", "swore": "swear", "sworn": "swear", "tore": "tear", "torn": "tear",
    "froze": "freeze", "frozen": "freeze", "forgave": "forgive", "forgot": "forget", "bore": "bear", "dealt": "deal",
}



# Things set for a date ahead: a weekday that owns one in a future clause is the coming day ("will
# coach in Saturday's game", "will be published in Wednesday's Journal"); a weekday that owns
# anything else (a quake, a ruling, an explosion) names a day past, whatever the clause's tense.
SCHEDULED_EVENT_NOUNS = word_set(
    """game match race meeting session vote election primary caucus referendum summit talks conference
    hearing trial sentencing debate deadline ceremony funeral service parade rally concert show
    broadcast speech address launch visit trip opening premiere final semifinal auction sale
    edition issue journal paper newspaper magazine episode program programme schedule plan"""
)

# What a statement is written in or according to, not who made it: a quote whose speaker's
# head noun is one of these ("the statement said", "Recent polls show", "the October 11
# presentation") is credited to the issuer the text names ("a statement from the ministry",
# "the ministry's statement", "a White House statement") or to no one.  Lemmas, but "figures"
# and "numbers" only in the plural ("a senior figure said", "a number of officials said").
DOCUMENT_NOUNS = word_set(
    """statement communique release letter memo document record filing report study survey poll
    data figures statistic numbers estimate projection tally count result finding research analysis
    publication presentation slide inquiry investigation autopsy complaint"""
)

# Nouns of quantity whose "of" phrase names who speaks: "a number of officials said", "a group
# of senators", "the majority of residents" (the speaker is the phrase, not "number").
QUANTITY_NOUNS = word_set(
    """number group majority minority handful couple lot dozen dozens hundreds thousands scores
    plenty most many several some few all none rest half third quarter"""
)

# Verbs that carry no act of their own ("conducting arms deals", "carried out strikes", "made a
# payment"): the act is their object, so a sentence sharing only the verb states another act.
LIGHT_VERBS = word_set("conduct carry make take have give do hold get put engage undertake perform")
# Days named from the day a text was written for ("yesterday", "today"): which day that is a
# reader can tell only to within one (a wire story moved the evening before the paper that
# prints it, a time zone), so disagree.py sets no two versions one day apart by one of them.
RELATIVE_DAY_WORDS = frozenset(
    ["today", "tonight", "yesterday", "tomorrow", "last night", "this morning", "this afternoon", "this evening"]
)
# Words of a fear ("the fear ... that Iran is striving to acquire nuclear weapons", "worried that Iran
# could acquire ..."): what follows their "that" is what someone fears, which no one asserts
# (denials.py: no asserted side of a denial).
FEAR_WORDS = word_set("fear fears feared fearing worry worries worried concern concerns concerned")
# Words that open a clause before its subject ("Although Iran denies ...", "But the company
# denied ...", "Both Russia and North Korea have rejected ..."): a denial's title starts after them (denials.py; the words the denial is matched
# by keep them: left out, they let "Barton committed suicide" assert "Barton denied committing").
CLAUSE_OPENERS = word_set("although though while whereas because since as if unless but and yet however even still both")


# --- what a version asserts: speculation and a writer's or a party's view -------------------

# Words that make a statement a guess, a plan or a prospect rather than a reported act ("AMD
# probably sees SeaMicro as ...", "is expected to plead guilty", "plans to sell"); a credit
# between a version with them and one without is weighed by propositions.credit_confidence.
SPECULATION_WORDS = word_set(
    "probably likely likelihood presumably perhaps maybe possibly seem seems appear appears may might could would "
    "expected believed reportedly speculate speculated speculation analyst analysts view hope hopes plan plans "
    "intend intends will"
)
# Phrases that mark a view, a forecast or a promotional line, not a report of what happened
# ("In all likelihood, AMD probably sees ...", "We look forward to seeing Dr. Benjamin serve",
# "Much will be made of AMD entering the server business", "analysts say").
OPINION_PHRASES = (
    "probably", "in all likelihood", "presumably", "perhaps", "maybe", "arguably", "look forward", "looks forward",
    "looking forward", "our view", "we believe", "i think", "analysts say", "analysts said", "analyst says",
    "analyst said", "says analysts", "said analysts", "much will be made",
)


# --- hedges of a figure ------------------------------------------------------------------

# Written before a figure, they make it a bound or an approximation, not a count ("more than
# 40", "almost $6 million", "up to 8 billion"); numbers.py and propositions.py build their
# patterns from this one list (each adds what only it reads: "just over", "just").
FIGURE_HEDGES = (
    "more than", "over", "at least", "above", "upwards of", "in excess of", "almost", "nearly", "close to", "under",
    "less than", "fewer than", "up to", "as many as", "as much as", "at most", "no more than", "below", "about",
    "around", "roughly", "approximately", "some", "an estimated", "estimated",
)


# --- casualties: what befell the people (or things) a news count counts -----------------------

# One vocabulary for counts of people and the like: each word saying what befell them -> its
# outcome (one class per outcome: "shot three people" and "two people died" count different
# things, the shot include the dead) and whether it is written as a state after the counted
# noun ("12 people were killed", "three missing", not "two people died"), which also names the
# count ("the number of people killed").  newsbrief.disagree derives its uses from it.
CASUALTY_WORDS: dict[str, tuple[str, bool]] = {
    "killed": ("killed", True), "killing": ("killed", False), "dead": ("killed", True), "died": ("killed", False),
    "die": ("killed", False), "deaths": ("killed", False), "death": ("killed", False), "lives": ("killed", False),
    "fatalities": ("killed", False),
    "injured": ("injured", True), "injuring": ("injured", False), "wounded": ("injured", True),
    "wounding": ("injured", False), "hurt": ("injured", True), "injuries": ("injured", False),
    "shot": ("shot", False), "shooting": ("shot", False),
    "arrested": ("arrested", True), "arresting": ("arrested", False), "detained": ("arrested", True),
    "captured": ("arrested", True), "seized": ("seized", True),
    "missing": ("missing", True), "evacuated": ("evacuated", True), "displaced": ("displaced", True),
    "rescued": ("rescued", True), "kidnapped": ("kidnapped", True), "abducted": ("kidnapped", True),
    "infected": ("infected", True), "hospitalized": ("hospitalized", True), "hospitalised": ("hospitalized", True),
}
# Words that mark a running tally whatever befell the counted ("the toll rose to", "so far").
RUNNING_TALLY_WORDS = ("cases", "toll", "so far", "to date", "up to now", "bringing", "total", "rose", "risen", "climbed")

# Verbs after which a box score leaves its noun unsaid ("Seth VanDeest led Drake with 13 points,
# while Richard Carter added 12 for the Bulldogs", "finished with 20 points and now has 2,302 for
# his career"): the bare number counts what its sentence's count before it counts.
ELIDED_COUNT_VERBS = ("added", "had", "has", "scored", "contributed", "chipped in", "finished with")
# Plural nouns of time a count before such a verb may give: "led for 13 minutes and had 12" does
# not count minutes.
TIME_NOUNS = word_set("seconds minutes hours days weeks months years decades centuries")

# --- parts of a payment -------------------------------------------------------------------

# What a price is paid in ("$281 million in cash and $53 million in stock"): an amount paid in
# one of them is a part of the price when its sentence names another part; the words naming
# the part a sentence leaves unsaid ("and the remainder in stock").
PAYMENT_MEDIA = ("cash", "stock", "shares", "equity", "debt", "securities", "notes", "bonds", "warrants")
REMAINDER_WORDS = ("the remainder", "the rest", "the balance")

# --- distances from a place ---------------------------------------------------------------

# The points of the compass a bearing is written with ("about 3 miles southwest of Cobb",
# "14 miles north-northeast of Healdsburg"): two distances from one place on bearings sharing
# none ("east of Cobb" / "west of Cobb") are of two places.
COMPASS_POINTS = ("north", "south", "east", "west")

# --- whose a number is -------------------------------------------------------------------

# Nouns of a relation each member has to the others ("his two cousins" are cousins besides him;
# "three cousins" may be he and they): numbers.py compares "his N Xs" with N + 1 Xs as one group.
RECIPROCAL_NOUNS = word_set("cousin brother sister sibling twin friend classmate teammate")
# A doer that stands for a name said before it ("The Colts had looked like they would suffer ..."):
# numbers.py reads the name its sentence opens with instead.
PERSONAL_SUBJECT_PRONOUNS = word_set("he she it they")
# Pronouns a name may stand for in another version of one statement ("He said" / "Robert Wood
# said", "his plan" / "Obama's plan"): propositions.names_for_pronouns lets a fact show the named one.
NAMED_PRONOUNS = word_set("he she they him her them his their it its")

# --- titles before names -------------------------------------------------------------------

# Abbreviated titles written with a period before a name ("Gen. Smith"): the period never
# ends a sentence.
TITLE_ABBREVIATIONS = word_set(
    "mr mrs ms dr gen sen rep gov lt col sgt capt prof rev hon pres adm maj cpl cmdr brig "
    "supt insp amb sec atty fr messrs mme mlle st sens reps govs gens"
)
# Abbreviations closing a company's name ("Microsoft Corp.", "Samsung Electronics Co. Ltd."):
# the period ends a sentence only when a new one follows, never before a lower-case word
# ("Corp. said"), a number or a weekday ("told Microsoft Corp. Friday to change").
COMPANY_ABBREVIATIONS = word_set("corp inc co ltd bros plc llc cos")
# Ranks written short: with what they are a rank of, a role ("Asheville Police Sgt.", "Army Capt.").
RANK_ABBREVIATIONS = word_set("gen lt col sgt capt maj cpl cmdr brig adm supt insp")
# Abbreviated titles as written in full ("Sen. Warren" and "Senator Elizabeth Warren" give one title).
TITLES_IN_FULL = {"sen": "senator", "gov": "governor", "rep": "representative", "gen": "general", "pres": "president",
                  "lt": "lieutenant", "col": "colonel", "capt": "captain", "sgt": "sergeant", "adm": "admiral",
                  "maj": "major", "prof": "professor", "rev": "reverend"}
# Honorifics: they say only that a person follows ("Mr Wood"); a name is found without them.
HONORIFICS = word_set("mr mrs ms miss dr sir dame prof messrs")
# Titles written directly before a name; enough on their own, even for a one-word name.
PERSON_TITLES = HONORIFICS | word_set(
    "lord lady gen general col colonel lt lieutenant capt captain sgt maj major adm admiral sen "
    "senator rep gov governor professor rev president ambassador envoy minister premier "
    "chancellor spokesman spokeswoman spokesperson secretary king queen prince princess pope "
    "judge justice mayor director chairman chairwoman ceo chief commander"
)
# Roles abbreviated in capitals before a name ("Assistant GM Tony DiLeo", "CFO Amy Hood"): like a
# title they say a person follows, but the model reads them as part of the name.
ROLE_ABBREVIATIONS = word_set("gm ceo cfo coo cto cio vp svp evp mp mep")
# Titles that also start the names of things ("General Motors", "Justice Department"): a
# name keeps them.
TITLES_STARTING_NAMES = word_set("general major lord lady justice chief director captain commander")
# Capitalised words that title a person or say what they are ("Ambassador Robert Wood",
# "Russian President ...", "Defence Minister ..."): titles written in full (not "Sen."), and
# the words of compound titles.
TITLE_WORDS = PERSON_TITLES - HONORIFICS - TITLE_ABBREVIATIONS | word_set(
    """lieutenant sergeant representative congressman congresswoman speaker deputy vice foreign
    defence defense prime state leader candidate nominee sheikh emir sultan rabbi reverend
    father bishop cardinal attorney whip"""
)




# A capitalised title at the end of a text ("... said Ambassador "), with its period if any.
TITLE_BEFORE = re.compile(rf"\b{alternation(t.capitalize() for t in PERSON_TITLES)}\.?\s+$")


# --- diseases ---------------------------------------------------------------------------------

# Diseases and their agents as news names them: never an organisation, a person or a speaker
# ("COVID-19 cases are declining" names no actor).  Lower case, hyphens kept ("covid-19").
DISEASES = word_set(
    """covid covid-19 covid19 coronavirus sars sars-cov-2 mers ebola hiv aids hiv/aids zika h1n1 h5n1
    mpox monkeypox measles polio malaria cholera tuberculosis influenza flu dengue anthrax smallpox"""
)
# Words after a disease's name that keep it the disease ("the COVID-19 pandemic", "Ebola outbreak").
DISEASE_HEADS = word_set("pandemic epidemic outbreak virus disease variant")


# --- page chrome ---------------------------------------------------------------------------

# Phrases that mark a line as page chrome wherever they stand in it (they address the reader
# or sign the page).  Strict enough to remove a short line from an article's text.
CHROME_PHRASE = re.compile(
    r"(?:\byou\s+can\s+(?:also\s+)?(?:highlight|click|press|tap|select|share|subscribe|follow|sign\s+up)\b|"
    r"\bctrl\s*\+\s*enter\b|\bsubscribe\s+to\b|\bsign\s+up\s+(?:for|to)\b|\bfollow\s+us\b|\bjoin\s+us\b|"
    r"\ball\s+rights\s+reserved\b|©|\bcopyright\s+(?:©\s*)?\d{4}|\bnewsletter\b|\byou\s+may\s+also\s+like\b|"
    r"\bexplore\s+further\b|\btell\s+us\s+what\s+you\s+think\b|\bshare\s+(?:it|this)\s+with\s+a\s+friend\b|"
    r"\breach\s+the\s+reporters?\b|\bcontact\s+the\s+(?:author|reporter|writer)\b)",
    re.I,
)
# Words that make a sentence chrome rather than a claim or a lead sentence (captions, share
# widgets, calls to action): CHROME_PHRASE and looser words.  Only for choosing sentences,
# never for removing text.
_CHROME_WORDS = re.compile(
    CHROME_PHRASE.pattern
    + r"|\b(?:join us|follow (?:us|our)|subscribe|sign up|newsletters?|click here|read more|scroll to top|"
    r"share (?:this|on)|ctrl\s*\+|press enter|download (?:the|our) app|all rights reserved|cookies?|"
    r"advertisements?|get informed|related articles?|you can also highlight|getty images|"
    r"please (?:call|contact|e-?mail)|if you have (?:any )?questions)\b"
    r"|\b(?:photo|image):|\breuters/"
    # a wire editors' note on what goes with the story: "Includes a color slide of Oprah Winfrey ..."
    r"|^\s*includes (?:a |an )?(?:colou?r |b&w |black-and-white )?(?:slides?|photos?|graphics?|illustrations?)\b",
    re.I,
)
# One word of each branch of the pattern above: a text holding none of them (casefolded, as
# re.I compares) cannot match, and most sentences hold none, so the regex (hundreds of
# microseconds a sentence: it tries every branch at every position) rarely runs.
_CHROME_CUES = (
    "you", "ctrl", "subscribe", "sign", "follow", "join", "rights", "\u00a9", "copyright", "newsletter",
    "explore", "tell", "share", "reach", "contact", "click", "read", "scroll", "press", "download",
    "cookie", "advertisement", "informed", "related", "getty", "photo", "image", "reuters", "please",
    "includes",
)


class CueFirst:
    """A compiled pattern whose ``search`` first checks for one of its cue words (same results)."""

    def __init__(self, pattern: re.Pattern[str], cues: tuple[str, ...]) -> None:
        self.compiled = pattern
        self.pattern = pattern.pattern
        self.cues = cues

    def search(self, text: str, *span: int) -> re.Match[str] | None:
        folded = text.casefold()
        # re.I also takes the dotless and the dotted I for an "i", which casefolding keeps apart
        if not any(cue in folded for cue in self.cues) and "\u0131" not in text and "\u0130" not in text:
            return None
        return self.compiled.search(text, *span)


CHROME_WORDS = CueFirst(_CHROME_WORDS, _CHROME_CUES)

# A metadata line glued to the start of a text (" date 2024-01-10 The US and ...").
METADATA_PREFIX = re.compile(
    r"^\s*(?:date|published|updated|posted)\s*:?\s*\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?\s*",
    re.I,
)

# The months' names, in order (January first).
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
# ... as wire copy shortens them before a day ("Dec. 30", "Sept. 5"), in the same order.
MONTH_ABBREVIATIONS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")

_DATELINE_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# A dateline opening a story: "SEOUL:", "OTTAWA —", "MARIETTA, Ga. (AP) --", "ATLANTA _",
# "Seoul, Nov 2 (Reuters) -", "BEIJING, Nov. 25 (Xinhua) --", "Washington (CNN)Republicans" (the
# agency glued to the story, as CNN's pages have it).  Groups say which parts it has:
# a bare place before a colon may be a speaker's name ("SUU KYI: It was ..."), and before a
# single hyphen a word split in two ("SKY - TV reports"), so callers check those.
DATELINE = re.compile(
    r"^(?!(?:The|A|An)\s)(?P<place>[A-Z][A-Za-z.'’-]*(?:[ ][A-Z][A-Za-z.'’-]*){0,3})"
    r"(?:,[ ]?[A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?)?"
    rf"(?P<date>,?[ ](?:{_DATELINE_MONTH}[ ]\d{{1,2}}|\d{{1,2}}[ ]{_DATELINE_MONTH})(?:,?[ ]\d{{4}})?)?"
    r"(?P<agency>[ ]?\([A-Z][\w.&'’ -]{0,24}\))?"
    r"(?:[ ]?(?P<colon>:)|[ ]?[—–]|[ ](?P<hyphen>-)|[ ]--|[ ]_|(?<=\)))[ ]*(?=[A-Z“\"‘'])"
)

# Words in a mention that tell a person's gender, so "she" does not resolve to "Mr Wood".
FEMININE_WORDS = word_set(
    "mrs mrs. ms ms. miss madam dame lady queen princess duchess spokeswoman chairwoman congresswoman "
    "businesswoman sister mother wife daughter widow grandmother actress"
)
MASCULINE_WORDS = word_set(
    "mr mr. sir lord king prince duke spokesman chairman congressman businessman brother father "
    "husband son widower grandfather actor"
)
# Common English first names (US and UK birth records), for the same purpose; an unknown
# name is compatible with either pronoun.
FEMININE_NAMES = word_set(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle carol amanda melissa deborah stephanie
    rebecca laura sharon cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma
    samantha katherine christine debra rachel catherine carolyn janet ruth maria heather diane
    virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl
    andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice
    madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia
    marie diana brittany natalie isabella charlotte rose alexis kayla hillary chelsea melania
    ivanka kellyanne huma jill michele sheryl condoleezza theresa angela marine ursula kamala
    nikki sonia ruth elena hope sarah dana katy kristen tulsi jeanne loretta susana janet heidi
    carly debbie megyn maggie mika dianne maxine tammy jeanine nina elise katrina kirsten amy
    claire patty cathy betsy nora lena"""
)
MASCULINE_NAMES = word_set(
    """james robert john michael david william richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy
    christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse
    jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy
    vincent ralph eugene russell bobby mason philip louis barack bill mike newt rudy chris
    reince rand ted marco jeb bernie tim vladimir antony boris emmanuel xi kim jonah geng
    vasily vassily sergei sergey dmitry yuriy volodymyr chuck mitch jim tom bob ben mitt rick rex
    corey steve harry hugh jorge rahm jeff dan ron kirk dick karl greg matt nate josh jared pete
    reid sherrod tommy brad bernard jon lincoln marty"""
)

# Compass words: "65 miles west of Izmit", "south-east of Istanbul" name a place after "of".
COMPASS_WORDS = word_set(
    "north south east west northeast northwest southeast southwest north-east north-west "
    "south-east south-west northern southern eastern western"
)
# Nouns whose "of" names a place after it ("the town of Duzce", "a suburb of Izmit").
PLACE_OF_NOUNS = word_set(
    "city cities town towns village villages region regions capital port province provinces district "
    "districts suburb suburbs outskirts county counties municipality state island prefecture governorate"
)
