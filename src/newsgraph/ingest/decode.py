"""Bytes to text: the one place where ingestion guesses encodings and rejects binary content.

UTF-8 is tried first (a byte-order mark is dropped); anything else goes to charset-normalizer.
Newlines come out as ``"\\n"``. Nothing about the encoding is kept beyond the decoded text.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

BINARY_MESSAGE = "binary content (not text)"
# Control characters other than whitespace; a text with more than this share of them is binary.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
MAX_CONTROL_SHARE = 0.05
# charset-normalizer ranks two matches as equally clean when their chaos differs by less than this.
_CHAOS_TIE = 0.01
# The usual legacy encoding of Western text, preferred among equally clean guesses: on short
# Spanish or German text charset-normalizer otherwise often ranks cp775/cp850/cp1250 first.
_PREFERRED_LEGACY = "cp1252"


class NotText(ValueError):
    """The bytes are not text in any encoding charset-normalizer recognises."""

    def __init__(self) -> None:
        super().__init__(BINARY_MESSAGE)


def normalize_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` line ends into ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _guess(data: bytes) -> str:
    matches = list(from_bytes(data))
    if not matches:
        raise NotText()
    best = matches[0]
    for match in matches:
        if (
            match.chaos - best.chaos < _CHAOS_TIE
            and _PREFERRED_LEGACY in match.could_be_from_charset
        ):
            return str(match)
    return str(best)


def decode(data: bytes) -> str:
    """Decode ``data`` to text with ``"\\n"`` newlines; raise :class:`NotText` for binary content.

    Empty input decodes to ``""``: whether that is an error is the caller's call.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _guess(data)
    if "\x00" in text or len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise NotText()
    return normalize_newlines(text)
