"""sources: files, folders, globs, stdin, decoding and plain text (formats: test_sources_formats.py)."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest

from newsbrief.errors import SourceError
from newsbrief.models import RawDocument
from newsbrief.settings import Settings
from newsbrief.sources import iter_documents
from newsbrief.sources.decode import decode_bytes, sniff_kind
from newsbrief.sources.text import guess_title, parse_text

SETTINGS = Settings()
BODY = (
    "The council met on Wednesday to discuss the transfers. Ministers from several countries "
    "spoke, and the envoy said the matter would return to the agenda next month."
)


def read(*inputs: str | Path, settings: Settings = SETTINGS) -> list[RawDocument | SourceError]:
    return list(iter_documents([str(i) for i in inputs], settings))


def docs(items: list[RawDocument | SourceError]) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def errors(items: list[RawDocument | SourceError]) -> list[SourceError]:
    return [i for i in items if isinstance(i, SourceError)]


def one_doc(path: Path) -> RawDocument:
    items = read(path)
    assert len(items) == 1 and isinstance(items[0], RawDocument), items
    return items[0]


def one_error(*inputs: str | Path, settings: Settings = SETTINGS) -> SourceError:
    items = read(*inputs, settings=settings)
    assert len(items) == 1 and isinstance(items[0], SourceError), items
    return items[0]


# -- the seeds ---------------------------------------------------------------------------


def test_seeds_give_five_documents_with_declared_dates(seeds_dir: Path) -> None:
    items = read(seeds_dir)
    assert not errors(items)
    found = {Path(d.origin).name[:3]: d for d in docs(items)}
    assert sorted(found) == ["000", "001", "002", "003", "004"]
    for doc in found.values():
        assert Path(doc.origin).is_absolute() and doc.html is None and doc.text
    assert found["000"].published == "2024-01-10"
    assert found["001"].published == "2024-01-10"
    # 002-004 declare no date; extraction/analysis must not be handed a made-up one.
    assert [found[k].published for k in ("002", "003", "004")] == [None, None, None]
    # The metadata is out of the text, the rest of its line is kept.
    assert found["000"].text.startswith("The US and six other nations joined Ukraine on Wednesday")
    assert found["001"].text.startswith("The leaders of 47 states have condemned")
    assert "date 2024" not in found["000"].text
    # 004 opens with its headline; 003 opens with a slogan, which is not taken as a title.
    assert found["004"].title == (
        "Seoul Reports Russian Use of North Korean Missiles in Ukraine, Raises Alarm at U.N. Session"
    )
    assert found["004"].text.startswith("Seoul Reports Russian Use")  # the title line stays in the text
    assert found["003"].title is None
    assert found["002"].title is None


# -- plain text --------------------------------------------------------------------------


def test_inline_date_line_keeps_the_rest_of_the_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(" date 2024-01-10 The US and six other nations joined Ukraine.\n\nSecond paragraph.\n")
    doc = one_doc(path)
    assert doc.published == "2024-01-10"
    assert doc.text == "The US and six other nations joined Ukraine.\n\nSecond paragraph.\n"


def test_header_lines_are_metadata_and_leave_the_text(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text(
        "Title: Council condemns missile transfers\n"
        "URL: https://news.example/council\n"
        "source: Example News\n"
        "AUTHOR: Jane Doe\n"
        "Published: Wed, 10 Jan 2024 08:30:00 GMT\n"
        "\n"
        f"{BODY}\n"
    )
    doc = one_doc(path)
    assert doc.title == "Council condemns missile transfers"
    assert doc.url == "https://news.example/council"
    assert doc.outlet == "Example News"
    assert doc.author == "Jane Doe"
    assert doc.published == "2024-01-10T08:30:00+00:00"
    assert doc.text == BODY + "\n"


def test_header_lookalike_later_in_the_text_is_kept() -> None:
    text = f"{BODY}\nSource: a diplomat who asked not to be named.\n"
    doc = parse_text("x", text)
    assert doc.text == text and doc.outlet is None


def test_markdown_front_matter_and_heading(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(f'---\ntitle: "From the front matter"\ndate: 2024-01-10\ntags: [un, dprk]\n---\n\n# A heading\n\n{BODY}\n')
    doc = one_doc(path)
    assert doc.title == "From the front matter" and doc.published == "2024-01-10"
    assert doc.text == f"# A heading\n\n{BODY}\n"
    assert guess_title(f"## Council condemns the missile transfers\n\n{BODY}") == "Council condemns the missile transfers"
    rule = "---\n\nText after a rule, not front matter."
    assert parse_text("x", rule).text == rule


def test_crlf_line_ends_are_normalised() -> None:
    doc = parse_text("x", "Title: T one two\r\n\r\nLine one.\r\nLine two.\r\n")
    assert doc.title == "T one two" and doc.text == "Line one.\nLine two.\n"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (f"Council Condemns North Korean Missile Transfers\n\n{BODY}", "Council Condemns North Korean Missile Transfers"),
        (f"Council condemns North Korean missile transfers to Russia\n{BODY}", "Council condemns North Korean missile transfers to Russia"),
        (f"Get Informed, Stay Inspired\n\n{BODY}", None),  # too short to be trusted
        (f"The council met on Wednesday in New York.\n\n{BODY}", None),  # a sentence
        (f"{BODY}\n\nMore.", None),
        ("One line only with five words", None),
    ],
)
def test_title_guess(text: str, title: str | None) -> None:
    assert guess_title(text) == title


# -- decoding ----------------------------------------------------------------------------

WESTERN = "Le café à Zürich: « naïve » façade, déjà vu. Die Straße war überfüllt, sagte der Bürgermeister."


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(WESTERN.encode("latin-1"))
    assert one_doc(path).text == WESTERN


def test_cp1252_file_with_curly_quotes_is_decoded(tmp_path: Path) -> None:
    text = "Le café “naïve” façade — déjà vu, said the mayor’s office. Die Straße war überfüllt."
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    assert one_doc(path).text == text


def test_unlabelled_english_with_curly_punctuation_is_windows_1252() -> None:
    # charset-normalizer alone reads this as a DOS/Mac code page: "man’s" -> "manĺs".
    text = "A UK man’s innocent decision to change his bedding caused him to be hospitalised, doctors said."
    assert decode_bytes("x", text.encode("cp1252")) == text


def test_utf8_bom_is_dropped_before_metadata(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf date 2024-02-01 Caf\xc3\xa9 owners said prices rose.")
    doc = one_doc(path)
    assert doc.published == "2024-02-01"
    assert doc.text == "Café owners said prices rose."


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("Déjà vu in Zürich, the minister said.".encode("utf-16"))
    assert one_doc(path).text == "Déjà vu in Zürich, the minister said."


def test_declared_charset_wins_and_latin1_label_means_windows_1252() -> None:
    data = "“Quoted” words — here".encode("cp1252")
    assert decode_bytes("x", data, declared="iso-8859-1") == "“Quoted” words — here"
    assert decode_bytes("x", "Привет".encode("koi8-r"), declared="koi8-r") == "Привет"


def test_utf8_with_a_stray_byte_stays_utf8() -> None:
    text = "Déjà vu: the café in Zürich, “naïve” façade, São Paulo, Kraków, Ελλάδα. "
    data = text.encode() + b"\xff" + text.encode()
    assert decode_bytes("x", data) == text + "\ufffd" + text
    # declared UTF-8 but really cp1252: many strays, so the bytes are detected instead
    assert decode_bytes("x", WESTERN.encode("cp1252"), declared="utf-8") == WESTERN


def test_html_meta_charset_is_used() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body><p>Президент заявил</p></body></html>'
    assert "Президент заявил" in decode_bytes("x", page.encode("cp1251"))


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    error = one_error(path)
    assert error.origin == str(path) and "binary" in error.reason and "PNG" in error.reason
    noise = tmp_path / "noise.dat"
    noise.write_bytes(bytes(range(256)) * 8)
    assert "binary" in one_error(noise).reason


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"  \n")
    assert "empty" in one_error(path).reason


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(BODY * 20)
    error = one_error(path, settings=Settings(max_input_bytes=1000))
    assert "over the limit of 1,000" in error.reason and "max_input_bytes" in error.reason


def test_sniffing_kinds() -> None:
    assert sniff_kind(b"  <!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff_kind(b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>') == "feed"
    assert sniff_kind(b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>') == "feed"
    assert sniff_kind(b'{"text": "x"}\n{"text": "y"}') == "json"
    assert sniff_kind(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n") == "warc"
    assert sniff_kind(b"Plain words <b>with</b> one tag.") == "text"
    assert sniff_kind(b"[Reuters] The council met on Wednesday.") == "text"
    assert sniff_kind(b'[\n  {"text": "x"}]') == "json"
    comment = b"<!-- " + b"x" * 2000 + b" -->"
    assert sniff_kind(b'<?xml version="1.0"?>' + comment + b'<rss version="2.0"></rss>') == "feed"


# -- files, folders, globs ---------------------------------------------------------------


def test_missing_path_is_an_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(BODY)
    items = read(tmp_path / "nope.txt", good)
    assert isinstance(items[0], SourceError)
    assert items[0].origin == str(tmp_path / "nope.txt")
    assert items[0].reason == "no such file or folder; check the path"
    assert isinstance(items[1], RawDocument) and items[1].text == BODY


def test_empty_input_name_and_scheme_less_web_address() -> None:
    error = one_error("")
    assert "empty input name" in error.reason
    error = one_error("www.example.com/story.html")
    assert error.reason.endswith("a web address must start with https:// or http://")


def test_folder_is_read_recursively_sorted_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(BODY)
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "c.md").write_text(BODY)
    (tmp_path / ".hidden.txt").write_text(BODY)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(BODY)
    names = [Path(d.origin).relative_to(tmp_path).as_posix() for d in docs(read(tmp_path))]
    assert names == ["a.txt", "c.md", "b/2.txt"]


def test_glob_pattern(tmp_path: Path) -> None:
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(BODY)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x3.txt").write_text(BODY)
    assert [Path(d.origin).name for d in docs(read(tmp_path / "x*.txt"))] == ["x1.txt", "x2.txt"]
    recursive = [Path(d.origin).relative_to(tmp_path).as_posix() for d in docs(read(f"{tmp_path}/**/x*.txt"))]
    assert recursive == ["sub/x3.txt", "x1.txt", "x2.txt"]  # sorted by path
    everything = [Path(d.origin).relative_to(tmp_path).as_posix() for d in docs(read(f"{tmp_path}/**"))]
    assert sorted(everything) == ["sub/x3.txt", "x1.txt", "x2.txt", "y.txt"]  # each file once
    error = one_error(tmp_path / "z*.txt")
    assert "no file matches" in error.reason


def test_unknown_extension_is_sniffed_and_gz_is_decompressed(tmp_path: Path) -> None:
    page = f"<!doctype html><html><head><title>T</title></head><body><p>{BODY}</p></body></html>"
    (tmp_path / "page.dat").write_text(page)
    (tmp_path / "page2.html.gz").write_bytes(gzip.compress(page.encode()))
    (tmp_path / "bad.txt.gz").write_bytes(b"\x1f\x8bnot really gzip")
    items = read(tmp_path / "page.dat", tmp_path / "page2.html.gz", tmp_path / "bad.txt.gz")
    assert [d.html for d in docs(items)] == [page, page]
    assert "not valid gzip" in errors(items)[0].reason


def test_gzip_is_bounded_and_multi_member(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a " * 50_000))
    assert "over the limit of 1,000" in one_error(bomb, settings=Settings(max_input_bytes=1000)).reason
    joined = tmp_path / "two.txt.gz"
    joined.write_bytes(gzip.compress(b"First part. ") + gzip.compress(b"Second part."))
    assert one_doc(joined).text == "First part. Second part."
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(gzip.compress(BODY.encode())[:-12])
    assert "not valid gzip" in one_error(cut).reason


# -- stdin -------------------------------------------------------------------------------


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_text(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, f" date 2024-01-10 {BODY}".encode())
    (doc,) = read("-")
    assert isinstance(doc, RawDocument)
    assert doc.origin == "<stdin>" and doc.published == "2024-01-10" and doc.text == BODY


def test_stdin_html_and_jsonl_are_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, f"<html><body><p>{BODY}</p></body></html>".encode())
    (doc,) = read("-")
    assert isinstance(doc, RawDocument) and doc.html and doc.text is None
    _stdin(monkeypatch, b'{"text": "one two three"}\n{"text": "four five"}\n')
    items = read("-")
    assert [d.text for d in docs(items)] == ["one two three", "four five"]
    assert [d.origin for d in docs(items)] == ["<stdin>:1", "<stdin>:2"]


def test_stdin_cp1252_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The mayor’s “naïve” plan — déjà vu for the café owners of Zürich."
    _stdin(monkeypatch, text.encode("cp1252"))
    (doc,) = read("-")
    assert isinstance(doc, RawDocument) and doc.text == text
