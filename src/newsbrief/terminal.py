"""Text from inputs made safe for the terminal (rich consoles).

Titles, outlets, URLs, file names and error reasons come from documents someone else wrote.
Printed as they are, an ESC sequence could recolour or clear the screen, retitle the window
or fake output, a newline in a file name could make one error look like two, and console
markup (``[/]``, ``[bold]``) would be interpreted by rich (or crash it).  ``one_line`` is for
names and messages: control characters become visible escapes (``\\n``, ``\\x1b``) and markup
is escaped.  ``block`` is for multi-line text (an article, a brief): line breaks and tabs stay,
other control characters are dropped, markup is escaped.
"""

from __future__ import annotations

import re

__all__ = ["one_line", "block", "strip_controls"]

# C0 controls, DEL, C1 controls, and the Unicode line/paragraph separators and bidi overrides
# that can make printed text read differently from what it is.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_BLOCK_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    ch = match.group()
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def one_line(value: object) -> str:
    """``value`` as one line of console markup that prints literally: control characters
    shown as escapes, markup escaped.  Text with surrogates (undecodable file names) is
    shown with ``\\x`` escapes for those bytes."""
    text = str(value)
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    from rich.markup import escape  # here: a command that prints no markup (piped JSON) never imports rich

    return escape(_CONTROLS.sub(_visible, text))


def strip_controls(text: str) -> str:
    """``text`` without control characters other than newline and tab (no escaping)."""
    return _BLOCK_CONTROLS.sub("", text)


def block(value: object) -> str:
    """Multi-line ``value`` as console markup that prints literally, without control characters."""
    from rich.markup import escape

    return escape(strip_controls(str(value)))
