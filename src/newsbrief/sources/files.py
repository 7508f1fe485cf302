"""Local inputs: files, folders, glob patterns and ``-`` (stdin).

A folder is read recursively in sorted order, skipping hidden files and folders (names
starting with "."); a pattern with ``* ? [`` is expanded (``**`` recurses) when no file has
that very name.  Each file goes to a reader by its extension (``.txt .md`` text, ``.html
.htm .xhtml`` HTML, ``.json .jsonl .ndjson`` JSON, ``.warc(.gz) .arc(.gz)`` WARC, ``.xml
.rss .atom`` feed, ``.sgml .sgm .tml`` newswire SGML); other extensions, and stdin, are
sniffed.  ``name.ext.gz`` is decompressed and read by ``ext``.  WARC, JSON Lines and newswire
SGML files (``<DOC>`` or ``<TimeML>`` first, whatever the extension, ``.xml`` too, or none: LDC and DUC files have none) are
streamed record by record (``max_input_bytes`` limits each record); other files are read
whole, up to that limit, and never more than that is read.  A text file whose lines are all URLs is a URL list.
Only regular files are read: a FIFO, device or socket (given directly or found in a folder)
is refused before it is opened for reading, so ``/dev/zero`` or a named pipe cannot hang
ingest or fill memory.  Origins are absolute paths (``<stdin>`` for stdin); bytes of a file
name that are not UTF-8 are shown as ``\\xNN`` escapes.
"""

from __future__ import annotations

import contextlib
import glob
import gzip
import io
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

from newsbrief.errors import SourceError
from newsbrief.models import STDIN_ORIGIN, RawDocument
from newsbrief.settings import Settings
from newsbrief.sources.decode import Kind, check_size, kind_for_name, sniff_kind
from newsbrief.sources.dispatch import documents_from_bytes
from newsbrief.sources.jsonl import iter_jsonl_stream
from newsbrief.sources.sgml import iter_sgml
from newsbrief.sources.urls import iter_urls, url_list
from newsbrief.sources.warc import iter_warc

STDIN = STDIN_ORIGIN
_GLOB_CHARS = frozenset("*?[")
_JSONL_EXTENSIONS = (".jsonl", ".ndjson")
_NOT_REGULAR = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)
_WEB_ADDRESS = re.compile(r"^(www\.|[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|org|net|news|info|io|co|uk|de|fr|ru|ua|kr|jp|in)(/|$))", re.I)


def iter_local(spec: str, settings: Settings) -> Iterator[RawDocument | SourceError]:
    """Every document in a file, folder, glob pattern or ``-`` (stdin)."""
    if spec == "-":
        yield from iter_stdin(settings)
        return
    if not spec.strip():
        yield SourceError(repr(spec), "an empty input name; give a file, folder, pattern, URL or -")
        return
    path = Path(spec).expanduser()
    if path.is_symlink() and not path.exists():
        yield SourceError(shown_path(path), "a broken symbolic link or a symbolic link loop; check where it points")
        return
    if path.is_dir():
        for file in walk_folder(path):
            if isinstance(file, SourceError):
                yield file
            else:
                yield from iter_file(file, settings)
    elif path.exists():
        yield from iter_file(path, settings)
    elif _GLOB_CHARS & set(spec):
        matches = sorted(glob.glob(os.path.expanduser(spec), recursive=True))
        if not matches:
            yield SourceError(spec, "no file matches this pattern; check the pattern (quote it so the shell leaves it alone)")
        seen: set[Path] = set()  # "dir/**" matches dir, its sub-folders and their files
        for match in matches:
            found = walk_folder(Path(match)) if os.path.isdir(match) else iter((Path(match),))
            for file in found:
                if isinstance(file, SourceError):
                    yield file
                elif file.absolute() not in seen:
                    seen.add(file.absolute())
                    yield from iter_file(file, settings)
    else:
        hint = "; a web address must start with https:// or http://" if _WEB_ADDRESS.match(spec) else ""
        yield SourceError(shown_path(path), f"no such file or folder; check the path{hint}")


def walk_folder(folder: Path) -> Iterator[Path | SourceError]:
    """The files under ``folder``, recursively, sorted, without hidden files and folders;
    a sub-folder that cannot be listed comes as a SourceError."""
    problems: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=problems.append):
        while problems:
            problem = problems.pop(0)
            where = shown_path(Path(problem.filename or root))
            yield SourceError(where, f"cannot list the folder ({problem.strerror}); check its permissions")
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name
    for problem in problems:
        yield SourceError(shown_path(Path(problem.filename or folder)), f"cannot list the folder ({problem.strerror}); check its permissions")


def shown_path(path: Path) -> str:
    """``path`` made absolute, as text that can be stored and printed: bytes of the name
    that are not UTF-8 (kept by Python as surrogates) become ``\\xNN`` escapes."""
    return os.fsencode(path.absolute()).decode("utf-8", "backslashreplace")


def open_regular(path: Path, origin: str) -> BinaryIO:
    """``path`` opened for reading in binary, or ``SourceError`` when it is not a regular file.

    Opened without blocking (a FIFO would wait for a writer) and checked on the open file
    itself, so the file checked is the file read."""
    _refuse_special(os.stat(path).st_mode, origin)  # sockets cannot even be opened
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        _refuse_special(os.fstat(fd).st_mode, origin)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _refuse_special(mode: int, origin: str) -> None:
    if not stat.S_ISREG(mode):
        what = next((name for test, name in _NOT_REGULAR if test(mode)), "not a regular file")
        raise SourceError(origin, f"{what}, not a regular file; newsbrief reads only regular files (save the content to a file first)")


def read_bounded(stream: BinaryIO, origin: str, settings: Settings) -> bytes:
    """All of ``stream``, reading at most one byte past ``max_input_bytes`` (then refused)."""
    data = stream.read(settings.max_input_bytes + 1)
    check_size(origin, len(data), settings)
    return data


def iter_file(path: Path, settings: Settings) -> Iterator[RawDocument | SourceError]:
    """Every document in one file (several for JSON lists, JSONL, feeds and WARCs)."""
    origin = shown_path(path)
    name = os.fsencode(path.name).decode("utf-8", "replace")
    compressed = name.lower().endswith(".gz") and kind_for_name(name) != "warc"
    kind = kind_for_name(name[:-3] if compressed else name)
    try:
        with open_regular(path, origin) as stream:
            if kind == "warc":
                yield from iter_warc(origin, stream, settings)
                return
            if (name[:-3] if compressed else name).lower().endswith(_JSONL_EXTENSIONS):
                with _unzipped(stream, compressed) as lines:
                    yield from iter_jsonl_stream(origin, lines, settings)
                return
            # A TimeML or <DOC> file saved as .xml is no feed: its content says so first.
            if kind in (None, "text", "sgml", "feed") and _streamed_sgml(stream, compressed, kind):
                with _unzipped(stream, compressed) as documents:
                    yield from iter_sgml(origin, documents, settings)
                return
            check_size(origin, os.fstat(stream.fileno()).st_size, settings)
            data = read_bounded(stream, origin, settings)
        if compressed:
            data = gunzip(origin, data, settings)
    except SourceError as exc:
        yield exc
        return
    except OSError as exc:
        yield SourceError(origin, f"cannot read the file ({exc.strerror or exc}); check that it exists and is readable")
        return
    yield from _documents(origin, data, settings, kind)


@contextlib.contextmanager
def _unzipped(stream: BinaryIO, compressed: bool) -> Iterator[BinaryIO]:
    """The stream as read, gunzipped on the fly when the file is gzipped."""
    if compressed:
        with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
            yield cast(BinaryIO, unzipped)
    else:
        yield stream


def _streamed_sgml(stream: BinaryIO, compressed: bool, kind: Kind | None) -> bool:
    """Whether the file is newswire SGML, by its extension or its first bytes (then the file is
    read from its start again)."""
    if kind == "sgml":
        return True
    try:
        if compressed:
            with gzip.GzipFile(fileobj=stream, mode="rb") as unzipped:
                head = unzipped.read(4096)
        else:
            head = stream.read(4096)
    except (OSError, EOFError, zlib.error):
        head = b""  # not gzip after all: the whole-file path says so
    stream.seek(0)
    return sniff_kind(head) == "sgml"


def iter_stdin(settings: Settings) -> Iterator[RawDocument | SourceError]:
    """The document(s) piped into standard input, read as bytes and sniffed."""
    if sys.stdin is None or sys.stdin.isatty():
        yield SourceError(STDIN, "standard input is a terminal, not a document; pipe one in (`cat article.txt | newsbrief ingest -`)")
        return
    buffer = getattr(sys.stdin, "buffer", None)
    data = buffer.read(settings.max_input_bytes + 1) if buffer is not None else sys.stdin.read().encode("utf-8")
    try:
        check_size(STDIN, len(data), settings)
        if data.startswith(b"\x1f\x8b"):
            if _gzipped_warc(data):
                yield from iter_warc(STDIN, io.BytesIO(data), settings)
                return
            data = gunzip(STDIN, data, settings)
    except SourceError as exc:
        yield exc
        return
    yield from _documents(STDIN, data, settings, None)


def _documents(origin: str, data: bytes, settings: Settings, kind: Kind | None) -> Iterator[RawDocument | SourceError]:
    if kind is None:
        kind = sniff_kind(data)
    if kind == "text" and data.lstrip()[:5].lower().startswith((b"http", b"#")) and len(data) < 5_000_000:
        urls = url_list(data.decode("utf-8", errors="replace"))
        if urls:
            yield from iter_urls(urls, settings)
            return
    yield from documents_from_bytes(origin, data, settings, kind=kind)


def gunzip(origin: str, data: bytes, settings: Settings) -> bytes:
    """Decompress gzip ``data``, refusing output over ``max_input_bytes``."""
    limit = settings.max_input_bytes
    out = bytearray()
    pending = data
    try:
        while pending:  # one pass per gzip member (concatenated members are valid gzip)
            member = zlib.decompressobj(16 + zlib.MAX_WBITS)
            out += member.decompress(pending, limit + 1 - len(out))
            if len(out) > limit:
                break
            if not member.eof:
                raise zlib.error("the data ends in the middle of a compressed member")
            pending = member.unused_data
    except zlib.error as exc:
        raise SourceError(origin, f"not valid gzip data ({exc}); check the file or decompress it first") from exc
    check_size(origin, len(out), settings)
    return bytes(out)


def _gzipped_warc(data: bytes) -> bool:
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:4096], 16)
    except zlib.error:
        return False
    return head.startswith((b"WARC/", b"filedesc://"))
