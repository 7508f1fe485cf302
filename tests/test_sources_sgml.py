"""sources.sgml: newswire SGML (DUC, AQUAINT, Gigaword, TREC) and TimeML, one article per <DOC>."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from newsbrief.errors import SourceError
from newsbrief.extract import prepare_article
from newsbrief.models import RawDocument
from newsbrief.settings import Settings
from newsbrief.sources import iter_documents
from newsbrief.sources.decode import sniff_kind
from newsbrief.sources.sgml import WIRE_SOURCES, parse_document, source_of
from newsbrief.sources.wire import headline_byline, headline_case, strip_chrome

SETTINGS = Settings()
DUC_TOPIC = Path(__file__).resolve().parents[2] / "shared" / "bench" / "duc2007" / "duc2007_testdocs" / "main" / "D0701A"

# Three wires as DUC 2007 ships them in one file: AP without <P> (indented paragraphs, a
# typesetting code), NYT with a header, an editors' note, &AMP; and a desk code in the
# headline, Xinhua whose DATE_TIME is the day before its id's.
DUC_FILE = """
<DOC>
<DOCNO> APW19981209.0222 </DOCNO>
<DOCTYPE> NEWS STORY </DOCTYPE>
<DATE_TIME> 12/09/1998 04:54:00 </DATE_TIME>
<BODY>
<HEADLINE> Piccard Picks New Teammate </HEADLINE>
<TEXT>
\t   CHATEAU D'OEX, Switzerland (AP) _ Swiss balloon pilot Bertrand Piccard
announced Wednesday that he has chosen Brian Jones as his teammate.
\t   Jones, 52, replaces fellow British flight engineer Tony Brown, a
statement from AT&T Ballooning said.
 &UR; (agh-gm)
</TEXT>
</BODY>
<TRAILER>
AP-NY-12-09-98 0454EST
</TRAILER>
</DOC>
<DOC>
<DOCNO> NYT19990227.0073 </DOCNO>
<DATE_TIME> 1999-02-27 11:03 </DATE_TIME>
<HEADER>
A1549 &Cx1f; tib-z
</HEADER>
<BODY>
<SLUG> BC-HERBERT-COLUMN-NYT </SLUG>
<HEADLINE>
COMMENTARY: STARING AT HATRED
(DW)
</HEADLINE>
<TEXT>
<P>
   How deep is the hatred? The Cable &AMP; Wireless balloon
was forced down.
</P>
<ANNOTATION>
   (STORY CAN END HERE. OPTIONAL MATERIAL FOLLOWS)
</ANNOTATION>
<P>
   After being sentenced to death in Jasper, Texas, last week,
John William King was asked if he had anything to say. &QL;
</P>
</TEXT>
</BODY>
</DOC>
<DOC>
<DOCNO> XIE19980304.0061 </DOCNO>
<DATE_TIME> 1998-03-03 </DATE_TIME>
<BODY>
<HEADLINE> Report: Hate Groups Growing in United States </HEADLINE>
<TEXT>
<P>
WASHINGTON, March 3 (Xinhua) -- The number of organized hate
groups in the United States grew last year.
<P>
The research group based in Montgomery said 474 hate groups
were active in 1997.
</TEXT>
</BODY>
</DOC>
"""


def read(*inputs: str | Path, settings: Settings = SETTINGS) -> list[RawDocument | SourceError]:
    return list(iter_documents([str(i) for i in inputs], settings))


def test_each_doc_of_a_duc_file_is_an_article_with_outlet_date_headline_and_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "APW19981209.0222"  # LDC files have no extension: read by their content
    path.write_text(DUC_FILE, encoding="latin-1")
    ap, nyt, xinhua = read(path)
    assert isinstance(ap, RawDocument) and isinstance(nyt, RawDocument) and isinstance(xinhua, RawDocument)
    assert [d.origin for d in (ap, nyt, xinhua)] == [
        f"{path}#APW19981209.0222", f"{path}#NYT19990227.0073", f"{path}#XIE19980304.0061"
    ]
    assert [d.outlet for d in (ap, nyt, xinhua)] == ["Associated Press", "The New York Times", "Xinhua"]
    assert ap.title == "Piccard Picks New Teammate" and nyt.title == "Commentary: Staring at Hatred"
    assert ap.published == "1998-12-09" and nyt.published == "1999-02-27"
    assert xinhua.published == "1998-03-03"  # the declared day, one day before the id's
    assert ap.text == (
        "CHATEAU D'OEX, Switzerland (AP) _ Swiss balloon pilot Bertrand Piccard announced Wednesday that he "
        "has chosen Brian Jones as his teammate.\n\n"
        "Jones, 52, replaces fellow British flight engineer Tony Brown, a statement from AT&T Ballooning said."
    )  # without the editor's slug "&UR; (agh-gm)" that closes the story
    assert nyt.text == (
        "How deep is the hatred? The Cable & Wireless balloon was forced down.\n\n"
        "After being sentenced to death in Jasper, Texas, last week, John William King was asked if he had "
        "anything to say."
    )
    assert xinhua.text.split("\n\n") == [
        "WASHINGTON, March 3 (Xinhua) -- The number of organized hate groups in the United States grew last year.",
        "The research group based in Montgomery said 474 hate groups were active in 1997.",
    ]
    for doc in (ap, nyt, xinhua):
        assert doc.html is None
        assert not re.search(r"<|&[A-Za-z]+;|BC-HERBERT|AP-NY|STORY CAN END", doc.text or "")


def test_paragraphs_survive_extraction(tmp_path: Path) -> None:
    path = tmp_path / "nyt.sgml"
    path.write_text(DUC_FILE)
    nyt = read(path)[1]
    assert isinstance(nyt, RawDocument)
    prepared = prepare_article(nyt, SETTINGS)
    assert prepared.outlet == "The New York Times" and prepared.published == "1999-02-27"
    assert prepared.cleaned.text.count("\n\n") == 1  # two paragraphs, stored as two blocks


def test_a_story_typed_outside_text_is_read_before_the_tagline_in_text(tmp_path: Path) -> None:
    path = tmp_path / "NYT19990825.0042"
    path.write_text(
        "<DOC>\n<DOCNO> NYT19990825.0042 </DOCNO>\n<BODY>\n<HEADLINE>\nNOVEL PROVIDES AMMUNITION FOR HATE\n</HEADLINE>\n"
        " &HT;    Several years ago, Morris Dees of the Southern Poverty Law\nCenter began a letter-writing campaign.\n"
        " &HT;    Now, with increasing numbers of white males targeting members\nof minority groups, it looks different.\n"
        "<TEXT>\n &UR; (Distributed by New York Times Special Features) &QC;\n</TEXT>\n</BODY>\n</DOC>\n"
    )
    (doc,) = read(path)
    assert isinstance(doc, RawDocument)
    assert (doc.text or "").split("\n\n") == [  # the tagline is a syndication notice: left out
        "Several years ago, Morris Dees of the Southern Poverty Law Center began a letter-writing campaign.",
        "Now, with increasing numbers of white males targeting members of minority groups, it looks different.",
    ]


def test_one_doc_file_keeps_the_file_as_origin_whatever_its_extension(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(DUC_FILE.split("</DOC>")[1] + "</DOC>\n")
    (doc,) = read(path)
    assert isinstance(doc, RawDocument) and doc.origin == str(path) and doc.outlet == "The New York Times"


def test_trec_gigaword_and_day_month_swaps(tmp_path: Path) -> None:
    path = tmp_path / "mixed.sgm"
    path.write_text(
        "<DOC>\n<DOCNO> AP880217-0100 </DOCNO>\n<FILEID>AP-NR-02-17-88 0253EST</FILEID>\n"
        "<HEAD>Reagan Proposes Cuts</HEAD>\n<TEXT>\n   The first paragraph\ngoes on here.\n"
        "   The second paragraph\nends here.\n</TEXT>\n</DOC>\n"
        '<DOC id=AFP_ENG_20050101.0001 type=story>\n<HEADLINE>Tsunami toll rises</HEADLINE>\n'
        "<TEXT>\n<P>Aid arrives in Aceh.\n<P>Rescuers search the coast x < y.\n</TEXT>\n</DOC>\n"
        "<DOC>\n<DOCNO> APW19980601.0001 </DOCNO>\n<DATE_TIME> 1998-01-06 08:28:00 </DATE_TIME>\n"
        "<TEXT><P>Day and month swapped in DATE_TIME.</P></TEXT>\n</DOC>\n"
    )
    ap, afp, swapped = read(path)
    assert isinstance(ap, RawDocument) and isinstance(afp, RawDocument) and isinstance(swapped, RawDocument)
    assert (ap.outlet, ap.published, ap.title) == ("Associated Press", "1988-02-17", "Reagan Proposes Cuts")
    assert ap.text == "The first paragraph goes on here.\n\nThe second paragraph ends here."
    assert afp.origin.endswith("#AFP_ENG_20050101.0001")
    assert (afp.outlet, afp.published, afp.title) == ("Agence France-Presse", "2005-01-01", "Tsunami toll rises")
    assert afp.text == "Aid arrives in Aceh.\n\nRescuers search the coast x < y."
    assert swapped.published == "1998-06-01"  # the id's day: the declared one is months away


def test_timeml_file_gives_its_creation_time_title_and_text_without_annotations(tmp_path: Path) -> None:
    path = tmp_path / "APW19980807.0261.tml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        "<DOCID>APW19980807.0261</DOCID>\n"
        '<DCT><TIMEX3 tid="t0" type="TIME" value="1998-08-07" functionInDocument="CREATION_TIME">1998-08-07</TIMEX3></DCT>\n'
        "<TITLE>Explosions rock U.S. embassies in Tanzania, Kenya</TITLE>\n"
        "<EXTRAINFO>\nw2213 &amp;Cx1f; wstm- URGENT\n</EXTRAINFO>\n"
        '<TEXT>\nNAIROBI, Kenya (AP) _\n\nSuspected bombs <EVENT eid="e1" class="OCCURRENCE">exploded</EVENT> '
        'outside the U.S. embassies <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3>.\n\n'
        "``It was definitely a bomb,'' a witness said in Nairobi’s centre.\n</TEXT>\n"
        '<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST"/>\n</TimeML>\n',
        encoding="utf-8",
    )
    (doc,) = read(path)
    assert isinstance(doc, RawDocument) and doc.origin == str(path)
    assert (doc.outlet, doc.published) == ("Associated Press", "1998-08-07")
    assert doc.title == "Explosions rock U.S. embassies in Tanzania, Kenya"
    assert doc.text == (
        "NAIROBI, Kenya (AP) _\n\nSuspected bombs exploded outside the U.S. embassies Friday.\n\n"
        "``It was definitely a bomb,'' a witness said in Nairobi’s centre."
    )


def test_a_timeml_file_saved_as_xml_is_read_by_its_content_and_a_feed_xml_stays_a_feed(tmp_path: Path) -> None:
    timeml = tmp_path / "wsj_0006.xml"
    timeml.write_text(
        '<?xml version="1.0" ?>\n<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n<DOCID>wsj_0006</DOCID>\n'
        '<DCT><TIMEX3 tid="t0" type="DATE" value="1989-11-02" functionInDocument="CREATION_TIME">11/02/89</TIMEX3></DCT>\n'
        '<TEXT>\nPacific First Financial Corp. said shareholders <EVENT eid="e1" class="OCCURRENCE">approved</EVENT> '
        "its acquisition by Royal Trustco Ltd. of Toronto.\n</TEXT>\n</TimeML>\n"
    )
    (doc,) = read(timeml)
    assert isinstance(doc, RawDocument) and doc.origin == str(timeml)
    assert doc.published == "1989-11-02" and doc.outlet == "The Wall Street Journal"
    assert doc.text == "Pacific First Financial Corp. said shareholders approved its acquisition by Royal Trustco Ltd. of Toronto."
    feed = tmp_path / "wire.xml"
    words = " ".join(f"word{i}" for i in range(100))
    feed.write_text(
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Example Wire</title>\n'
        f"<item><title>Long entry</title><description>&lt;p&gt;{words}&lt;/p&gt;</description></item>\n</channel></rss>"
    )
    (entry,) = read(feed)
    assert isinstance(entry, RawDocument) and entry.origin == f"{feed}#entry-1" and entry.outlet == "Example Wire"


def test_all_capitals_headlines_are_title_cased_keeping_the_story_s_acronyms() -> None:
    story = [
        "WASHINGTON _ The FBI and NATO said the U.S. would fund AIDS research, Timothy McVeigh said, and asked us.",
        "WHO SAID WHAT",
    ]
    assert headline_case("JURY: ARYANS TO PAY $6.3 MILLION IN THE CASE", story) == "Jury: Aryans to Pay $6.3 Million in the Case"
    assert headline_case("FBI AND NATO FIGHT AIDS IN THE U.S.", story) == "FBI and NATO Fight AIDS in the U.S."
    assert headline_case("MCVEIGH'S LAWYER ON TV", story) == "McVeigh's Lawyer on TV"  # the story's spelling; no vowel
    assert headline_case("WORLD WAR II ENDS FOR THE 5TH TIME IN THE 1990S", story) == "World War II Ends for the 5th Time in the 1990s"
    assert headline_case("WASHINGTON SAYS WHO IS IN", story) == "Washington Says Who Is In"  # dateline, subhead: no spelling
    assert headline_case("O'NEILL DOESN'T GIVE UP", story) == "O'Neill Doesn't Give Up"
    assert headline_case("IS `SEINFELD' A RUMOR?", story) == "Is `Seinfeld' a Rumor?"
    assert headline_case("Mixed Case IS Kept", story) == "Mixed Case IS Kept"  # only an all-capitals headline changes
    assert headline_case("AT&T", story) == "AT&T"


def test_wire_chrome_leaves_the_text_and_the_byline_becomes_the_author(tmp_path: Path) -> None:
    path = tmp_path / "NYT19990825.0042"
    path.write_text(
        "<DOC>\n<DOCNO> NYT19990825.0042 </DOCNO>\n<BODY>\n<HEADLINE> NOVEL PROVIDES AMMUNITION FOR HATE </HEADLINE>\n"
        "<TEXT>\n  ATTENTION EDITORS: The following material is for use only by\narrangement with New York Times "
        "Syndicate.\n By BILL MAXWELL \n &HT;    Several years ago, Morris Dees of the Southern Poverty Law\nCenter "
        "began a letter-writing campaign.\n &HT;    By McKinney's account, the detective said, the attack began\nlate.\n"
        " &HT;    The book is published in the U.S. and read by killers.\n c.1999 N.Y. Times News Service \n"
        " &UR; (bbb/dm) &LR;\n</TEXT>\n</BODY>\n</DOC>\n"
    )
    (doc,) = read(path)
    assert isinstance(doc, RawDocument) and doc.author == "Bill Maxwell"
    assert doc.title == "Novel Provides Ammunition for Hate"
    assert (doc.text or "").split("\n\n") == [
        "Several years ago, Morris Dees of the Southern Poverty Law Center began a letter-writing campaign.",
        "By McKinney's account, the detective said, the attack began late.",
        "The book is published in the U.S. and read by killers.",
    ]
    assert prepare_article(doc, SETTINGS).author == "Bill Maxwell"
    notes = strip_chrome([
        "(To publish this article, it must be purchased from New York Times Syndicate.)",
        "(--Europe and Asia: KARL HORWITZ in Paris at 47-42-17-11.",
        "By JOHN McKINNEY and ANN O'NEILL, Associated Press Writer",
        "(Distributed by New York Times Special Features)",
        "(Until Friday the court sat in Paris.) The story goes on.",
        "(laughter)",
        "The end of the story, in 1999.",
    ])
    assert notes.author == "John McKinney and Ann O'Neill"
    assert notes.paragraphs == ["(Until Friday the court sat in Paris.) The story goes on.", "(laughter)", "The end of the story, in 1999."]
    assert [reason for _, reason in notes.removed] == ["note to editors", "note to editors", "byline", "note to editors"]


def test_a_byline_leaves_the_headline_and_syndication_notices_the_text(tmp_path: Path) -> None:
    # DUC 2007 NYT20000510.0393 (D0714D): the byline after a tab code in the headline, and the
    # Cox story's closing notices
    path = tmp_path / "NYT20000510.0393"
    path.write_text(
        "<DOC>\n<DOCNO> NYT20000510.0393 </DOCNO>\n<BODY>\n<HEADLINE>\nNAPSTER KICKS OFF 300,000 METALLICA FANS  &HT;"
        "     BY BENNY EVANGELISTA\n</HEADLINE>\n<TEXT>\n<P>\n   Embattled software startup Napster Inc. said "
        "Wednesday that it\nhas blocked access to more than 300,000 Napster users.\n</P>\n<P>\nStory Filed By Cox "
        "Newspapers\n</P>\n<P>\nFor Use By Clients of the New York Times News Service\n</P>\n</TEXT>\n</BODY>\n</DOC>\n"
    )
    (doc,) = read(path)
    assert isinstance(doc, RawDocument)
    assert (doc.title, doc.author) == ("Napster Kicks Off 300,000 Metallica Fans", "Benny Evangelista")
    assert doc.text == "Embattled software startup Napster Inc. said Wednesday that it has blocked access to more than 300,000 Napster users."
    story = ["SEOUL, April 30 (Xinhua) -- The talks opened on Sunday; the team is in Geneva for one day.",
             "The library wants to shelve books by size, not by subject, and Rushdie is hurt by India."]
    # the byline on a line of its own (NYT20000416.0049), or a list of names the story never
    # writes after a last "by" (XIE20000430.0064)
    assert headline_byline(["`SEINFELD' SECOND BANANAS ARE ENJOYING SECOND CAREERS", "BY STUART ELLIOTT"], story) == (
        "`SEINFELD' SECOND BANANAS ARE ENJOYING SECOND CAREERS", "Stuart Elliott")
    assert headline_byline(["Israeli-Palestinian Final-Status Talks Start by Qi Deliang, Ma Xiaolin"], story) == (
        "Israeli-Palestinian Final-Status Talks Start", "Qi Deliang, Ma Xiaolin")
    # "by" that is part of the headline stays: in one line of capitals, the story's own words,
    # one name alone, or a desk code after it
    for kept in (["FIRST TALKS ARE SCHEDULED BY MEDIATOR IN MICROSOFT CASE"], ["Nation's Library Wants to Shelve Books by Size, Not Subject"],
                 ["Rushdie Says He Feels Hurt by India"], ["European Balloon Lift-off Delayed by One Day"],
                 ["A NEW MAGAZINE, BY WAY OF STARBUCKS", "(DW)"]):
        assert headline_byline(kept, story) == (" ".join(kept), None)
    notes = strip_chrome(["(Distributed by New York Times Special Features)", "The story, told.", "More of it.",
                          "Still more.", "The end, for use by clients of the bank.", "Story Filed By Cox Newspapers",
                          "(For use by New York Times News Service Clients)"])
    assert notes.paragraphs == ["The story, told.", "More of it.", "Still more.", "The end, for use by clients of the bank."]
    assert [reason for _, reason in notes.removed] == ["syndication notice"] * 3
    # NYT19990412.0208 (D0709B): the notice among the notes after the byline, not right after it
    notes = strip_chrome(["Includes a color slide of Angelina Jolie.", "By CINDY PEARLMAN", "World rights except Chicago",
                          "(Distributed by New York Times Special Features)", "The story.", "More.", "Still more.", "The end."])
    assert notes.author == "Cindy Pearlman" and [reason for _, reason in notes.removed] == ["byline", "syndication notice"]


def test_end_marks_cutting_marks_and_headline_notes_leave(tmp_path: Path) -> None:
    # DUC 2007 NYT19980903.0137 (D0724F): a note to editors on the headline's second line;
    # NYT19980924.0290 (D0731G): "ENDIT" before the Cox notices
    path = tmp_path / "NYT19980903.0137"
    path.write_text(
        "<DOC>\n<DOCNO> NYT19980903.0137 </DOCNO>\n<BODY>\n<HEADLINE>\nOBESITY AN ENIGMA, THREAT TO NATIONAL HEALTH  \n"
        " (NOTE: SIDEBAR MATERIAL AT END OF STORY) \n</HEADLINE>\n<TEXT>\n<P>\n   Health specialists are calling it "
        "a fat epidemic.\n</P>\n<P>\n   (BEGIN OPTIONAL TRIM)\n</P>\n<P>\n   More than half of Americans are "
        "overweight.\n</P>\n<P>\n   ENDIT\n</P>\n<P>\n   Story Filed By Cox Newspapers\n</P>\n</TEXT>\n</BODY>\n</DOC>\n"
    )
    (doc,) = read(path)
    assert isinstance(doc, RawDocument)
    assert doc.title == "Obesity an Enigma, Threat to National Health"
    assert doc.text == "Health specialists are calling it a fat epidemic.\n\nMore than half of Americans are overweight."
    # NYT20000327.0306 (D0734H): an advance's release code as the headline's first line
    assert headline_byline(["$ADV03", "HEALTH BRIEFS"], []) == ("HEALTH BRIEFS", None)
    assert headline_byline(["The Birth of Supergenes (For Release the Week of Mon., Nov. 23, 1998)"], []) == (
        "The Birth of Supergenes", None)
    assert headline_byline(["The `Last Time' for Jerry Seinfeld (We Hope)"], [])[0].endswith("(We Hope)")
    notes = strip_chrome(["The story.", "OPTIONAL SIDEBAR FOLLOWS", "The sidebar.", "XXXX END OF STORY"])
    assert notes.paragraphs == ["The story.", "The sidebar."]
    assert [reason for _, reason in notes.removed] == ["trim mark", "end mark"]
    # an end word that is not the last paragraph, or in a sentence, stays
    kept = ["MORE", "The story goes on.", "He wanted more."]
    assert strip_chrome(kept).paragraphs == kept


def test_gzipped_file_is_streamed_and_a_doc_over_the_limit_is_one_error(tmp_path: Path) -> None:
    filler = "word " * 400
    docs = "".join(
        f"<DOC id=\"XIN_ENG_2005010{i}.000{i}\" type=\"story\">\n<TEXT>\n<P>{filler if i == 2 else 'Short story.'}</P>\n</TEXT>\n</DOC>\n"
        for i in (1, 2, 3)
    )
    path = tmp_path / "xin_eng_200501.gz"
    path.write_bytes(gzip.compress(docs.encode()))
    first, big, third = read(path, settings=Settings(max_input_bytes=1000))
    assert isinstance(first, RawDocument) and first.outlet == "Xinhua" and first.published == "2005-01-01"
    assert isinstance(big, SourceError) and big.origin == f"{path}#XIN_ENG_20050102.0002"
    assert "max_input_bytes" in big.reason
    assert isinstance(third, RawDocument) and third.published == "2005-01-03"


def test_malformed_files_are_reported_by_name_and_the_batch_goes_on(tmp_path: Path) -> None:
    truncated = tmp_path / "NYT_cut"
    truncated.write_text(DUC_FILE.split("<DOC>\n<DOCNO> XIE")[0] + "<DOC>\n<DOCNO> XIE19980304.0061 </DOCNO>\n<TEXT><P>Cut")
    no_text = tmp_path / "no_text.sgml"
    no_text.write_text("<DOC><DOCNO> APW19990612.0141 </DOCNO><HEADLINE> Only a headline </HEADLINE></DOC>")
    not_sgml = tmp_path / "notes.sgml"
    not_sgml.write_text("Just some notes, no markup at all.")
    after = tmp_path / "after.txt"
    after.write_text("Title: Still read\n\n" + "A sentence of the article that comes after. " * 5)
    items = read(truncated, no_text, not_sgml, after)
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument", "SourceError", "SourceError", "SourceError", "RawDocument"]
    cut, missing, empty = items[2], items[3], items[4]
    assert isinstance(cut, SourceError) and cut.origin == f"{truncated}#XIE19980304.0061"
    assert "cut short" in cut.reason and "re-download" in cut.reason
    assert isinstance(missing, SourceError) and missing.origin == str(no_text) and "no <TEXT>" in missing.reason
    assert isinstance(empty, SourceError) and empty.origin == str(not_sgml) and "no <DOC>" in empty.reason


def test_sniffing_and_ids() -> None:
    assert sniff_kind(b"\n<DOC>\n<DOCNO> APW19990612.0141 </DOCNO>\n<TEXT><P>x</P></TEXT></DOC>") == "sgml"
    assert sniff_kind(b'<?xml version="1.0" ?>\n<TimeML xmlns:xsi="x">\n<DOCID>x</DOCID>') == "sgml"
    assert sniff_kind(b"<html><body><p>A page</p></body></html>") == "html"
    assert sniff_kind(b"<DOCUMENT>not newswire</DOCUMENT>") != "sgml"
    assert source_of("NYT19990227.0073") == ("The New York Times", "1999-02-27")
    assert source_of("LA010189-0001") == ("Los Angeles Times", "1989-01-01")  # month, day, year
    assert source_of("wsj_0006") == ("The Wall Street Journal", None)
    assert source_of("FR940104-0-00001") == ("FR", "1994-01-04")  # an unknown code is its own outlet
    assert source_of("ea980120.1830.0071") == (None, "1998-01-20")  # never a guess
    assert all(name and name == name.strip() for name in WIRE_SOURCES.values())
    la = parse_document(
        "la", "<DOC><DOCNO> LA010289-0001 </DOCNO><DATE><P>January 1, 1989, Sunday, Home Edition</P></DATE>"
        "<HEADLINE><P>A Headline</P></HEADLINE><TEXT><P>Body text.</P></TEXT></DOC>",
    )
    assert (la.outlet, la.published, la.title, la.text) == ("Los Angeles Times", "1989-01-01", "A Headline", "Body text.")
    ace = parse_document(  # ACE .sgm: DOCID and an ISO DATETIME, a day before the id's
        "ace", "<DOC>\n<DOCID> AFP_ENG_20030422.0345 </DOCID>\n<DATETIME> 2003-04-21T12:32:00 </DATETIME>\n"
        "<BODY><TEXT>\nFirst paragraph.\n\nSecond paragraph.\n</TEXT></BODY>\n</DOC>",
    )
    assert (ace.outlet, ace.published, ace.text) == ("Agence France-Presse", "2003-04-21", "First paragraph.\n\nSecond paragraph.")


@pytest.mark.skipif(not DUC_TOPIC.is_dir(), reason="needs the shared bench data (../shared/bench)")
def test_a_real_duc_topic_gives_one_article_per_document_with_outlet_and_date() -> None:
    files = sorted(p for p in DUC_TOPIC.iterdir() if p.is_file())
    items = read(DUC_TOPIC)
    assert len(items) == len(files) == 25
    wires = {"APW": "Associated Press", "NYT": "The New York Times", "XIE": "Xinhua"}
    for path, doc in zip(files, items, strict=True):
        assert isinstance(doc, RawDocument), doc
        assert doc.origin == str(path)
        assert doc.outlet == wires[path.name[:3]]
        day = f"{path.name[3:7]}-{path.name[7:9]}-{path.name[9:11]}"
        assert doc.published is not None and abs(int(doc.published[-2:]) - int(day[-2:])) <= 2 and doc.published[:7] == day[:7]
        assert doc.text and doc.text.count("\n\n") >= 2 and not re.search(r"</?[A-Z]+>|&[A-Za-z]+;", doc.text)
        assert prepare_article(doc, SETTINGS).outlet == doc.outlet
