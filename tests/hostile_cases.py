"""A generator of hostile and broken inputs, written into a folder for the hostile-input suite.

``write_cases(folder)`` writes every case and returns them as ``Case`` records: the input to
give newsbrief, what it is, and what a correct run must say about it.  ``tests/test_hostile.py``
runs them through ``newsbrief ingest`` and ``brief`` mixed with good articles;
``bench/robustness.py`` counts the outcomes for docs/benchmarks.md.  Nothing here needs the
network: URLs point at addresses the URL policy refuses.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import stat
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# A paragraph long enough to be an article (min_article_words), about an unrelated event.
GOOD_TEXT = (
    "The harbour authority of Port Aldous said on Tuesday that the new ferry terminal would open "
    "in March after two years of construction. The terminal, built for 40 million euros, can "
    "handle four ferries at once, the authority's director Mara Velling told reporters. Local "
    "traders welcomed the opening but warned that parking near the quay remained scarce. "
)

# Payloads that must come out inert in Markdown, HTML and the terminal.
INJECTIONS = {
    "script": "<script>alert(1)</script>",
    "img": '<img src=x onerror="alert(2)">',
    "link": "[click](javascript:alert(3))",
    "markup": "[/] [bold red]x[/]",
    "esc": "\x1b[31mred\x1b]0;title\x07\x1b[2J",
    "pipe": "a | b | c",
    "heading": "\n# fake heading",
    "backtick": "`code` **bold** _it_",
}


@dataclass
class Case:
    """One hostile input. ``expect`` is "error" (refused, one line naming it), "ok" (stored
    without harm) or "partial" (some records stored, the bad ones named)."""

    name: str
    inputs: list[str]  # paths (or URLs) to pass to newsbrief
    expect: str
    named: list[str] = field(default_factory=list)  # text that must appear in the error lines
    why: str = ""


def _article(title: str, extra: str = "") -> str:
    return f"title: {title}\n\n{GOOD_TEXT}{extra}\n"


def _html(head: str, body: str) -> str:
    return f"<html><head>{head}</head><body><article><p>{body}</p></article></body></html>"


def _warc_record(url: str, html: str, number: int) -> bytes:
    payload = (
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    ).encode("utf-8")
    headers = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{number:012d}>\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-01-10T08:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    ).encode("ascii")
    return headers + payload + b"\r\n\r\n"


def write_cases(root: Path, files_in_big_folder: int = 5000) -> list[Case]:
    """Write every hostile case under ``root`` (created) and return them."""
    root.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def case(name: str, expect: str, why: str, write: Callable[[Path], list[str] | None] | None = None,
             named: list[str] | None = None, inputs: list[str] | None = None) -> None:
        folder = root / name
        folder.mkdir()
        given = write(folder) if write else None
        cases.append(Case(name, inputs or given or [str(folder)], expect, named or [], why))

    # -- things that are not regular files ------------------------------------------------
    def fifo(folder: Path) -> list[str]:
        os.mkfifo(folder / "pipe.txt")
        return [str(folder / "pipe.txt")]

    case("fifo", "error", "a named pipe hangs a reader waiting for a writer", fifo, ["pipe.txt", "named pipe"])

    def fifo_in_folder(folder: Path) -> None:
        (folder / "a.txt").write_text(_article("Ferry terminal opens, fifo folder"))
        os.mkfifo(folder / "b.txt")

    case("fifo_in_folder", "partial", "a named pipe inside a folder", fifo_in_folder, ["b.txt", "named pipe"])

    def sock(folder: Path) -> None:
        (folder / "a.txt").write_text(_article("Ferry terminal opens, socket folder"))
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(folder / "s.sock"))
        server.close()

    case("socket_in_folder", "partial", "a Unix socket inside a folder", sock, ["s.sock", "socket"])
    case("dev_zero", "error", "an endless device", None, ["/dev/zero", "character device"], inputs=["/dev/zero"])
    case("dev_urandom", "error", "an endless random device", None, ["/dev/urandom", "character device"],
         inputs=["/dev/urandom"])

    def sparse(folder: Path) -> list[str]:
        path = folder / "huge.txt"
        with open(path, "wb") as out:
            out.truncate(25_000_000)  # sparse: 25 MB of NULs, over max_input_bytes
        return [str(path)]

    case("oversized_file", "error", "a file over max_input_bytes", sparse, ["huge.txt", "over the limit"])

    # -- names ------------------------------------------------------------------------------
    def bad_name(folder: Path) -> None:
        (folder / "good.txt").write_text(_article("Ferry terminal opens, bad name folder"))
        with open(os.path.join(os.fsencode(folder), b"bad-\xff\xfe-name.txt"), "wb") as out:
            out.write(_article("Ferry terminal opens under a name that is not UTF-8").encode())

    case("non_utf8_name", "ok", "a file name that is not valid UTF-8", bad_name)

    def bad_name_direct(folder: Path) -> list[str]:
        raw = os.path.join(os.fsencode(folder), b"direct-\xff.txt")
        with open(raw, "wb") as out:
            out.write(_article("Ferry terminal opens, named directly with a non-UTF-8 name").encode())
        return [os.fsdecode(raw), os.fsdecode(os.path.join(os.fsencode(folder), b"missing-\xfe.txt"))]

    case("non_utf8_name_direct", "partial", "non-UTF-8 names given on the command line", bad_name_direct,
         ["missing-\\xfe.txt"])

    def odd_names(folder: Path) -> None:
        (folder / "line\nbreak.txt").write_text(_article("Ferry terminal opens, newline in name"))
        (folder / "-rf --db x.txt").write_text(_article("Ferry terminal opens, dash name"))
        (folder / "esc\x1b[2Jname.txt").write_text("")  # an error naming it must not clear the screen

    case("odd_names", "partial", "names with a newline, leading dashes and ESC", odd_names,
         ["esc\\x1b[2Jname.txt"])

    # -- symlinks ---------------------------------------------------------------------------
    def symlink_loops(folder: Path) -> None:
        (folder / "a.txt").write_text(_article("Ferry terminal opens, symlink folder"))
        os.symlink("loop2.txt", folder / "loop1.txt")
        os.symlink("loop1.txt", folder / "loop2.txt")
        os.symlink(".", folder / "self")  # a folder that contains itself
        os.symlink("/nonexistent/target", folder / "dangling.txt")

    case("symlink_loops", "partial", "symbolic link loops and a dangling link", symlink_loops,
         ["loop1.txt", "loop2.txt", "dangling.txt"])

    def direct_loop(folder: Path) -> list[str]:
        os.symlink("me.txt", folder / "me.txt")
        return [str(folder / "me.txt")]

    case("symlink_loop_direct", "error", "a symbolic link to itself given directly", direct_loop, ["me.txt"])

    # -- charsets ---------------------------------------------------------------------------
    for codec in ("rot13", "base64", "hex", "zlib", "uu", "quopri", "punycode", "undefined"):
        def charset_page(folder: Path, codec: str = codec) -> list[str]:
            path = folder / f"{codec}.html"
            path.write_bytes(_html(f'<meta charset="{codec}"><title>Charset {codec}</title>',
                                   GOOD_TEXT + "\xe9t\xe9").encode("latin-1"))
            return [str(path)]

        case(f"charset_{codec}", "ok", f"a page declaring the non-text codec {codec}", charset_page)

    def charset_jsonl(folder: Path) -> list[str]:
        path = folder / "feed.xml"
        path.write_bytes(
            b'<?xml version="1.0" encoding="rot13"?><rss version="2.0"><channel><title>T</title>'
            b"<item><title>x</title><description>teaser</description></item></channel></rss>"
        )
        return [str(path)]

    case("charset_feed_rot13", "error", "a feed declaring rot13", charset_jsonl, ["feed.xml"])

    # -- JSON -------------------------------------------------------------------------------
    def deep_json(folder: Path) -> list[str]:
        path = folder / "deep.json"
        path.write_text("[" * 100_000 + "]" * 100_000)
        return [str(path)]

    case("deep_json", "error", "JSON nested 100,000 levels", deep_json, ["deep.json", "nested too deeply"])

    def jsonl_mixed(folder: Path) -> list[str]:
        good = {"title": "Ferry terminal opens, JSONL line 1", "text": GOOD_TEXT}
        lines = [
            json.dumps(good),
            "[" * 50_000 + "]" * 50_000,  # deep
            '{"text": "x", "n": ' + "9" * 4300 + "}",  # 4,300-digit integer
            json.dumps({"title": "Huge date", "text": GOOD_TEXT + " huge date", "date": 10**400}),
            "{not json",
            json.dumps({"title": "Deep title", "text": GOOD_TEXT + " deep title",
                        "outlet": json.loads('{"name":' * 900 + '"x"' + "}" * 900)}),
            json.dumps({"title": "Ferry terminal opens, JSONL line 7", "text": GOOD_TEXT + " Seventh."}),
        ]
        path = folder / "mixed.jsonl"
        path.write_text("\n".join(lines) + "\n")
        return [str(path)]

    case("jsonl_bad_lines", "partial", "bad JSONL lines between good ones", jsonl_mixed,
         ["mixed.jsonl:2", "mixed.jsonl:3", "mixed.jsonl:5"])

    def big_int_json(folder: Path) -> list[str]:
        path = folder / "bigint.json"
        path.write_text('[{"text": "a", "words": ' + "1" * 4300 + "}]")
        return [str(path)]

    case("json_4300_digits", "error", "a 4,300-digit integer", big_int_json, ["bigint.json", "digits"])

    def huge_date(folder: Path) -> list[str]:
        path = folder / "date.json"
        path.write_text(json.dumps([{"title": "Huge integer date", "text": GOOD_TEXT + " date", "published": 10**30},
                                    {"title": "Float date", "text": GOOD_TEXT + " float", "published": 1e300}]))
        return [str(path)]

    case("json_huge_date", "ok", "integer and float dates far out of range", huge_date)

    # -- XML --------------------------------------------------------------------------------
    def xxe(folder: Path) -> list[str]:
        path = folder / "xxe.xml"
        path.write_text(
            '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            '<rss version="2.0"><channel><title>XXE &xxe;</title><item><title>&xxe;</title>'
            f"<description>&xxe; {GOOD_TEXT * 2}</description></item></channel></rss>"
        )
        return [str(path)]

    case("xxe_feed", "error", "an external entity pointing at /etc/passwd (must not be read)", xxe,
         ["xxe.xml", "XML entities"])

    def laughs(folder: Path) -> list[str]:
        entities = '<!ENTITY lol "lol">' + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10)
        )
        path = folder / "laughs.xml"
        path.write_text(
            f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel><title>L</title>'
            f"<item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>"
        )
        return [str(path)]

    case("billion_laughs_feed", "error", "entity expansion (billion laughs)", laughs, ["laughs.xml", "XML entities"])

    def laughs_html(folder: Path) -> list[str]:
        path = folder / "laughs.xhtml"
        path.write_text(
            '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
            f"<html><body><p>&d;&d;&d;&d; {GOOD_TEXT}</p></body></html>"
        )
        return [str(path)]

    case("entity_expansion_html", "ok", "entity expansion in an XHTML page", laughs_html)

    # -- compression ------------------------------------------------------------------------
    def gzip_bomb(folder: Path) -> list[str]:
        path = folder / "bomb.html.gz"
        with gzip.open(path, "wb", compresslevel=9) as out:
            chunk = b"\0" * (1 << 20)
            for _ in range(200):  # 200 MB of NULs, ~200 KB compressed
                out.write(chunk)
        return [str(path)]

    case("gzip_bomb", "error", "200 MB behind 200 KB of gzip", gzip_bomb, ["bomb.html.gz", "over the limit"])

    def jsonl_bomb(folder: Path) -> list[str]:
        path = folder / "bomb.jsonl.gz"
        with gzip.open(path, "wb", compresslevel=9) as out:
            out.write(json.dumps({"title": "Ferry terminal opens, before the bomb", "text": GOOD_TEXT}).encode() + b"\n")
            chunk = b"x" * (1 << 20)
            for _ in range(100):  # one 100 MB line
                out.write(chunk)
            out.write(b"\n")
        return [str(path)]

    case("jsonl_gzip_bomb", "partial", "a 100 MB line in a gzipped JSONL", jsonl_bomb, ["bomb.jsonl.gz:2"])

    def zlib_truncated(folder: Path) -> list[str]:
        path = folder / "cut.txt.gz"
        data = gzip.compress(_article("Cut gzip").encode() * 50)
        path.write_bytes(data[: len(data) // 2])
        return [str(path)]

    case("gzip_truncated", "error", "a gzip file cut in half", zlib_truncated, ["cut.txt.gz", "gzip"])

    # -- WARC ---------------------------------------------------------------------------------
    def warc_truncated(folder: Path) -> list[str]:
        records = b"".join(
            _warc_record(f"https://news.example.org/warc/{i}", _html(f"<title>WARC page {i}</title>", f"{GOOD_TEXT} Page {i}."), i)
            for i in range(6)
        )
        plain = folder / "cut.warc"
        plain.write_bytes(records[: int(len(records) * 0.6)])
        gz = folder / "cut.warc.gz"
        members = b"".join(
            gzip.compress(_warc_record(f"https://news.example.org/warcgz/{i}",
                                       _html(f"<title>WARC gz page {i}</title>", f"{GOOD_TEXT} Gz page {i}."), i))
            for i in range(6)
        )
        gz.write_bytes(members[: int(len(members) * 0.6)])
        return [str(plain), str(gz)]

    case("warc_truncated", "partial", "WARC and WARC.gz cut mid-record", warc_truncated, ["cut.warc", "cut.warc.gz"])

    # -- binary and empty -------------------------------------------------------------------
    def binary(folder: Path) -> None:
        (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
        (folder / "empty.html").write_bytes(b"")
        (folder / "zeros.json").write_bytes(b"\0" * 5000)
        (folder / "random.xml").write_bytes(zlib.compress(os.urandom(5000)))

    case("binary_and_empty", "error", "binary, empty and random files", binary,
         ["image.txt", "empty.html", "zeros.json", "random.xml"])

    # -- URL lists and feeds with refused entries (no network needed) ---------------------
    def url_list(folder: Path) -> list[str]:
        path = folder / "urls.txt"
        path.write_text(
            "http://169.254.169.254/latest/meta-data/\nhttp://2130706433/\nhttp://user:secret@10.0.0.1/x\n"
            "http://0x7f.1/\nhttp://[::ffff:127.0.0.1]/\n"
        )
        return [str(path)]

    case("url_list_ssrf", "error", "a URL list pointing inside", url_list,
         ["169.254.169.254", "2130706433", "http://10.0.0.1/x", "0x7f.1", "::ffff:127.0.0.1"])

    def feed_ssrf(folder: Path) -> list[str]:
        path = folder / "feed.rss"
        items = "".join(
            f"<item><title>{t}</title><link>{u}</link><description>teaser</description></item>"
            for t, u in (("meta", "http://169.254.169.254/latest/"), ("lo", "http://127.0.0.1:22/"),
                         ("priv", "http://192.168.0.1/admin"), ("file", "file:///etc/passwd"))
        )
        path.write_text(f'<rss version="2.0"><channel><title>Hostile</title>{items}</channel></rss>')
        return [str(path)]

    case("feed_ssrf", "error", "feed items linking inside", feed_ssrf,
         ["169.254.169.254", "127.0.0.1:22", "192.168.0.1"])

    # -- injection payloads in every field -------------------------------------------------
    def injections(folder: Path) -> list[str]:
        records = []
        for key, payload in INJECTIONS.items():
            records.append({
                "title": f"Injected {key} {payload}",
                "text": f"{GOOD_TEXT} The payload {payload} appeared in the text of {key}. {GOOD_TEXT}",
                "outlet": f"Outlet {key} {payload}",
                "url": f"https://news.example.org/{key}?q={payload.replace(' ', '%20')}\"><script>alert(9)</script>",
                "author": f"Author {payload}",
                "published": "2024-01-10",
            })
        path = folder / "inject.jsonl"
        path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
        return [str(path)]

    case("injections", "ok", "HTML, Markdown, console-markup and ESC payloads in every field", injections)

    # -- scale ------------------------------------------------------------------------------
    def many_files(folder: Path) -> None:
        for i in range(files_in_big_folder):
            (folder / f"f{i:05d}.txt").write_bytes(b"")

    case("folder_5000_files", "error", f"a folder of {files_in_big_folder:,} empty files", many_files, ["f04999.txt"])
    return cases


def good_articles(root: Path, count: int = 3) -> list[str]:
    """Plain, valid articles to mix with the hostile cases."""
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = root / f"good{i}.txt"
        path.write_text(f"title: Good article {i}\noutlet: Good Outlet {i}\ndate: 2024-01-1{i}\n\n{GOOD_TEXT} Number {i}.\n")
        paths.append(str(path))
    return paths


def is_special(path: str) -> bool:
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


__all__ = ["Case", "INJECTIONS", "GOOD_TEXT", "write_cases", "good_articles", "is_special", "io"]


# -- a brief whose every field carries one payload (Markdown / HTML / terminal checks) ------

SAFE_TAGS = frozenset({"h1", "h2", "p", "em", "strong", "code", "ul", "ol", "li", "br", "hr",
                       "table", "thead", "tbody", "tr", "th", "td"})


def hostile_brief(payload: str) -> tuple[object, object]:
    """(Brief, Article): ``payload`` in the article's text, title, outlet, URL, origin and
    author, and in the brief's headline, lead, fact, dispute, speaker, role, timeline note,
    entity and related-story reason."""
    from newsbrief.models import (
        Article,
        Brief,
        BriefArticle,
        BriefSentence,
        CanonicalEntity,
        Citation,
        Claim,
        Coverage,
        Disagreement,
        DisagreementVersion,
        Fact,
        SpeakerQuotes,
        StoryLink,
        TimelineEntry,
    )

    text = f"Sentence with {payload} inside it."
    article = Article(id="cccc3333", content_hash="cccc3333", origin=f"/data/{payload}", text=text,
                      title=f"Title {payload}", outlet=f"Outlet {payload}", author=f"Author {payload}",
                      published="2024-01-10", url=f"https://x.example/{payload}")
    cite = Citation(article.id, article.outlet, 0, len(text), text)
    outlet = article.outlet or ""
    brief = Brief(
        story_id="story-hostile",
        headline=f"Headline {payload}",
        articles=(BriefArticle(article.id, article.outlet, article.title, article.published, article.origin, article.url),),
        lead=(BriefSentence(payload, (cite,)), BriefSentence(text, (cite,))),
        facts=(Fact("f1", text, (Claim(article.id, outlet, 0, len(text), text),), (outlet,), 1, 0.5),),
        disagreements=(Disagreement("count_mismatch", payload, (DisagreementVersion(text, (cite,), payload),)),),
        quotes=(SpeakerQuotes(payload, payload, (BriefSentence(payload, (cite,), kind="direct"),)),),
        timeline=(TimelineEntry("2024-01-10", "day", payload, (cite,), note=payload),),
        entities=(CanonicalEntity("e1", payload, "PERSON", (payload, "x"), (cite,), (article.id,)),),
        coverage=Coverage((outlet,), {outlet: ("f1",)}, only_one_outlet=("f1",), omissions={}),
        related=(StoryLink("story999", "follow_up", payload),),
    )
    return brief, article


def html_tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every start tag of ``html`` with its attributes."""
    from html.parser import HTMLParser

    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collector().feed(html)
    return found


def markdown_is_inert(markdown: str) -> bool:
    """Rendered as CommonMark (as a viewer would), only formatting tags and no attributes."""
    from markdown_it import MarkdownIt

    tags = html_tags(MarkdownIt("commonmark").enable("table").render(markdown))
    return "\x1b" not in markdown and all(tag in SAFE_TAGS and (not attrs or tag == "ol") for tag, attrs in tags)
