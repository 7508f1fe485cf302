"""sources: HTML, JSON/JSONL, WARC, local feeds and metadata values."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsbrief.errors import SourceError
from newsbrief.models import RawDocument
from newsbrief.settings import Settings
from newsbrief.sources import iter_documents
from newsbrief.sources.meta import iso_date, plain

SETTINGS = Settings()
WORDS = " ".join(f"word{i}" for i in range(100))


def read(*inputs: str | Path) -> list[RawDocument | SourceError]:
    return list(iter_documents([str(i) for i in inputs], SETTINGS))


def docs(items: list[RawDocument | SourceError]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def errors(items: list[RawDocument | SourceError]) -> list[SourceError]:
    return [i for i in items if isinstance(i, SourceError)]


# -- HTML --------------------------------------------------------------------------------


def test_html_file_keeps_the_page_and_reads_canonical_url_and_language(tmp_path: Path) -> None:
    page = (
        '<html lang="en-GB"><head><meta property="og:url" content="https://news.example/og">'
        "<link href='https://news.example/story?id=1&amp;x=2' rel='canonical'></head>"
        "<body><p>Body text.</p></body></html>"
    )
    path = tmp_path / "story.html"
    path.write_text(page)
    (doc,) = read(path)
    assert isinstance(doc, RawDocument)
    assert doc.html == page and doc.text is None
    assert doc.url == "https://news.example/story?id=1&x=2"  # canonical beats og:url
    assert doc.language == "en"


def test_malformed_html_is_passed_on_not_refused(tmp_path: Path) -> None:
    page = "<html><head><title>Broken<body><p>Unclosed paragraph <div><b>bold <p>more text</html></div>"
    path = tmp_path / "broken.htm"
    path.write_text(page)
    (doc,) = read(path)
    assert isinstance(doc, RawDocument) and doc.html == page and doc.url is None


def test_og_url_when_no_canonical(tmp_path: Path) -> None:
    path = tmp_path / "og.xhtml"
    path.write_text('<html><head><meta content="https://news.example/og" property="og:url"/></head><body/></html>')
    (doc,) = read(path)
    assert isinstance(doc, RawDocument) and doc.url == "https://news.example/og"


# -- JSON / JSONL ------------------------------------------------------------------------


def test_jsonl_broken_line_is_an_error_for_that_line_only(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"title": "One", "text": "First article text."}) + "\n"
        '{"title": "Two", "text": "unterminated\n'
        "\n"
        + json.dumps({"headline": "Three", "maintext": "Third article text.", "date_publish": "2024-01-10 08:00:00"})
        + "\n"
    )
    items = read(path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "SourceError", "RawDocument"]
    assert items[0].origin == f"{path}:1"
    assert items[1].origin == f"{path}:2" and "invalid JSON" in items[1].reason
    third = items[2]
    assert isinstance(third, RawDocument)
    assert third.origin == f"{path}:4" and third.title == "Three" and third.text == "Third article text."
    assert third.published == "2024-01-10T08:00:00"


def test_jsonl_is_streamed_so_the_limit_applies_per_line(tmp_path: Path) -> None:
    settings = Settings(max_input_bytes=300)
    lines = [json.dumps({"text": f"Article number {i} with a few words."}) for i in range(20)]
    lines.insert(5, json.dumps({"text": "x" * 400}))
    path = tmp_path / "dump.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    assert len("\n".join(lines)) > 4 * 300  # read whole, the file would be refused
    items = list(iter_documents([str(path)], settings))
    assert len(docs(items)) == 20
    (error,) = errors(items)
    assert error.origin == f"{path}:6" and "over the limit of 300 bytes" in error.reason
    assert docs(items)[5].origin == f"{path}:7" and docs(items)[5].text == "Article number 5 with a few words."


def test_jsonl_with_a_cp1252_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.ndjson"
    path.write_bytes(b'{"text": "plain"}\n' + '{"text": "caf\u00e9 \u201cquoted\u201d"}'.encode("cp1252") + b"\n")
    assert [d.text for d in docs(read(path))] == ["plain", "café “quoted”"]


def test_json_list_with_field_variants(tmp_path: Path) -> None:
    records = [
        {
            "headline": "Council meets",
            "body": ["First paragraph.", "Second paragraph."],
            "link": "https://news.example/a",
            "publishedAt": "2024-01-10T08:30:00Z",
            "source": {"id": None, "name": "Example News"},
            "authors": ["Jane Doe", "John Roe"],
            "lang": "en",
        },
        {"html": "<html><body><p>Page</p></body></html>", "source_domain": "other.example", "pubDate": "Wed, 10 Jan 2024 09:00:00 +0100"},
        {"content": "<p>Some <b>markup</b> here</p><p>and more</p>", "title": "Markup in content"},
    ]
    path = tmp_path / "list.json"
    path.write_text(json.dumps(records))
    first, second, third = read(path)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument) and isinstance(third, RawDocument)
    assert first.origin == f"{path}[0]" and second.origin == f"{path}[1]"
    assert first.text == "First paragraph.\n\nSecond paragraph."
    assert (first.title, first.url, first.outlet, first.author, first.language) == (
        "Council meets", "https://news.example/a", "Example News", "Jane Doe, John Roe", "en"
    )
    assert first.published == "2024-01-10T08:30:00+00:00"
    assert second.html and second.text is None and second.outlet == "other.example"
    assert second.published == "2024-01-10T09:00:00+01:00"
    assert third.html and third.text is None  # HTML found in a text field goes to html


def test_json_outlet_field_holding_a_url(tmp_path: Path) -> None:
    path = tmp_path / "traf.jsonl"
    path.write_text(
        json.dumps({"text": "a", "source": "https://www.example.org/a", "source-hostname": "Example Org"}) + "\n"
        + json.dumps({"text": "b", "source": "https://www.example.org/b"}) + "\n"
        + json.dumps({"text": "c", "domain": "cc.example", "url": "https://cc.example/c"}) + "\n"
    )
    first, second, third = docs(read(path))
    assert (first.url, first.outlet) == ("https://www.example.org/a", "Example Org")
    assert (second.url, second.outlet) == ("https://www.example.org/b", "example.org")
    assert (third.url, third.outlet) == ("https://cc.example/c", "cc.example")


def test_json_object_without_text_names_the_fields_tried(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"title": "No body here", "summary": "short"}))
    (error,) = read(path)
    assert isinstance(error, SourceError)
    assert error.origin == str(path)
    assert "text, body, content, article, maintext" in error.reason and "html" in error.reason


def test_json_wrapper_object_and_non_objects(tmp_path: Path) -> None:
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"status": "ok", "articles": [{"text": "Alpha."}, 42]}))
    items = read(path)
    assert isinstance(items[0], RawDocument) and items[0].text == "Alpha."
    assert isinstance(items[1], SourceError) and "found a number" in items[1].reason


def test_json_file_holding_json_lines_and_invalid_json(tmp_path: Path) -> None:
    lines = tmp_path / "lines.json"
    lines.write_text('{"text": "a"}\n{"text": "b"}\n')
    assert [d.text for d in docs(read(lines))] == ["a", "b"]
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": ')
    (error,) = read(bad)
    assert isinstance(error, SourceError) and "invalid JSON" in error.reason


# -- WARC --------------------------------------------------------------------------------

PAGE = "<html><head><title>Crawled</title></head><body><p>Caf\u00e9 story.</p></body></html>"


def _write_warc(path: Path, pages: int = 1) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)

        def response(uri: str, status: str, content_type: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-01-11T03:04:05Z"},
            )
            writer.write_record(record)

        for i in range(pages):
            response(f"https://news.example/story{i}", "200 OK", "text/html; charset=iso-8859-1", PAGE.encode("latin-1"))
        response("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n....")
        response("https://news.example/gone", "404 Not Found", "text/html", b"<html><body>Not found</body></html>")


def test_warc_gz_yields_only_html_200_responses(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path)
    items = read(path)
    assert len(items) == 1
    doc = items[0]
    assert isinstance(doc, RawDocument)
    assert doc.origin.startswith(f"{path}#urn:uuid:")
    assert doc.html == PAGE  # decoded with the declared charset
    assert doc.url == "https://news.example/story0"
    assert doc.published is None  # a crawl date is not a publication date
    assert doc.crawled == "2024-01-11T03:04:05+00:00"


def test_corrupt_warc_keeps_records_read_before_the_damage(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    _write_warc(path, pages=3)
    data = path.read_bytes()
    # Find where the third record (second page) starts and cut in the middle of it.
    whole = list(iter_documents([str(path)], SETTINGS))
    assert len(docs(whole)) == 3
    cut = tmp_path / "cut2.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.5)] + b"garbage")
    items = read(cut)
    assert docs(items), "records before the damage are yielded"
    assert len(docs(items)) < 3
    assert isinstance(items[-1], SourceError) and "damaged" in items[-1].reason


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive at all\n")
    (error,) = read(path)
    assert isinstance(error, SourceError) and "not a WARC/ARC archive" in error.reason
    empty = tmp_path / "no-pages.warc.gz"
    with open(empty, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record("no-pages.warc.gz", {"software": "test"}))
    (error,) = read(empty)
    assert isinstance(error, SourceError) and "1 record(s) but no HTML page" in error.reason


# -- local feeds (feeds over HTTP: test_http.py) -----------------------------------------


def test_local_feed_uses_entry_text_when_there_is_no_link(tmp_path: Path) -> None:
    rss = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Example Wire</title><language>en-us</language>
<item><title>Long entry</title><pubDate>Wed, 10 Jan 2024 08:30:00 GMT</pubDate>
<description>&lt;p&gt;{WORDS}&lt;/p&gt;</description></item>
<item><title>Short entry</title><description>Only a teaser.</description></item>
<item><title>Relative</title><link>/news/1</link><description>Teaser.</description></item>
</channel></rss>"""
    path = tmp_path / "wire.rss"
    path.write_text(rss)
    first, second, third = read(path)
    assert isinstance(first, RawDocument) and isinstance(second, SourceError)
    assert isinstance(third, SourceError) and "'/news/1' is relative" in third.reason
    assert first.origin == f"{path}#entry-1"
    assert first.title == "Long entry" and first.outlet == "Example Wire" and first.language == "en"
    assert first.published == "2024-01-10T08:30:00+00:00"
    assert first.html and "word99" in first.html
    assert second.origin == f"{path}#entry-2" and "only 3 words" in second.reason


def test_invalid_feed_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<?xml version='1.0'?><rss><channel><title>x</title><<<")
    (error,) = read(path)
    assert isinstance(error, SourceError) and "not a valid RSS/Atom feed" in error.reason
    other = tmp_path / "note.xml"
    other.write_text('<?xml version="1.0"?><note><to>x</to></note>')
    (error,) = read(other)
    assert isinstance(error, SourceError) and "not an RSS/Atom feed" in error.reason


# -- metadata values ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-10", "2024-01-10"),
        ("2024-01-10T08:30:00Z", "2024-01-10T08:30:00+00:00"),
        ("Wed, 10 Jan 2024 08:30:00 GMT", "2024-01-10T08:30:00+00:00"),
        ("January 10, 2024", "2024-01-10"),
        ("10 January 2024 14:05", "2024-01-10T14:05:00"),
        (1704875400, "2024-01-10T08:30:00+00:00"),
        ("1704875400000", "2024-01-10T08:30:00+00:00"),
        ("2024-02-30", None),
        ("yesterday", None),
        ("10 January", None),  # no year: would be guessed against today
        ("not a date", None),
        (None, None),
    ],
)
def test_iso_date(value: object, expected: str | None) -> None:
    assert iso_date(value) == expected


def test_plain_values() -> None:
    assert plain({"name": "  Example   News "}) == "Example News"
    assert plain([{"name": "A"}, "B", "A"]) == "A, B"
    assert plain("") is None and plain({}) is None
