"""Bytes to text: BOMs, UTF-8, UTF-16 with BOM, windows-1256 fallback and HTML meta charsets."""

from __future__ import annotations

import codecs
import re

from marsad.ingest.base import normalize_newlines
from marsad.types import IngestError

ARABIC_CHAR_RE = re.compile("[\u0600-\u06ff]")
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
DAMAGED_RE = re.compile("[\udc80-\udcff]")  # an undecodable byte, kept by the surrogateescape handler
META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_ENCODING_RE = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
HEAD_BYTES = 8192
# Calibrated on the five seed articles re-encoded as windows-1256: 99-100% of their non-ASCII
# characters are Arabic; random bytes give 47% and French cp1252 text 0%. 0.8 separates them widely.
MIN_ARABIC_SHARE = 0.8
# A text file has almost no C0 control characters; the seeds have none. 1% allows a stray few.
MAX_CONTROL_SHARE = 0.01
# A JSON or JSONL dump in UTF-8 with a few damaged bytes is read record by record, the records holding
# one refused: up to this share of its bytes. More is a file in another encoding, refused whole.
MAX_DAMAGED_SHARE = 0.01


class TextDecodeError(ValueError):
    """Bytes that are not text marsad can read; the message is the one-line reason."""


def bom_encoding(data: bytes) -> str | None:
    """Return the codec named by a byte-order mark at the start of `data`, if any."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec
    return None


def declared_charset(data: bytes) -> str | None:
    """Return the charset an HTML meta tag or XML declaration in the head of `data` names, if known."""
    head = data[:HEAD_BYTES]
    match = META_CHARSET_RE.search(head) or XML_ENCODING_RE.search(head)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def is_binary(data: bytes) -> bool:
    """Tell whether `data` (without a UTF-16/32 BOM) looks like a binary file rather than text."""
    head = data[:HEAD_BYTES]
    if b"\x00" in head:
        return True
    sample = head.decode("latin-1")
    return len(CONTROL_RE.findall(sample)) > MAX_CONTROL_SHARE * len(sample)


def mostly_arabic(text: str) -> bool:
    """Tell whether most non-ASCII characters of `text` are Arabic (a cp1256 decoding that makes sense)."""
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    return non_ascii > 0 and len(ARABIC_CHAR_RE.findall(text)) >= MIN_ARABIC_SHARE * non_ascii


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode `data` to text with LF line ends, or raise TextDecodeError with a one-line reason."""
    bom = bom_encoding(data)
    if bom:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as exc:
            raise TextDecodeError(f"invalid {bom} text: {exc.reason}") from None
        return normalize_newlines(text)
    if is_binary(data):
        raise TextDecodeError("binary file, not text")
    # Valid UTF-8 wins over a declared charset: legacy Arabic bytes are almost never valid UTF-8,
    # while pages re-encoded to UTF-8 often keep a stale windows-1256 meta tag.
    for codec in ("utf-8", declared):
        if codec:
            try:
                return normalize_newlines(data.decode(codec))
            except (UnicodeDecodeError, LookupError):
                pass
    text = data.decode("cp1256")  # every byte has a cp1256 character, so this cannot fail
    if mostly_arabic(text):
        return normalize_newlines(text)
    raise TextDecodeError("not UTF-8 or windows-1256 text")


def records_text(data: bytes, origin: str) -> str | IngestError:
    """Decode a JSON or JSONL file; UTF-8 with a few damaged bytes is kept, each marked for its record to refuse."""
    found = text_or_error(data, origin)
    if not isinstance(found, IngestError) or bom_encoding(data) or is_binary(data):
        return found
    text = data.decode("utf-8", "surrogateescape")
    if not text.strip() or len(DAMAGED_RE.findall(text)) > MAX_DAMAGED_SHARE * len(data):
        return found
    return normalize_newlines(text)


def text_or_error(data: bytes, origin: str, encoding: str | None = None) -> str | IngestError:
    """Decode a file's bytes, or say in one line why they are no usable text (undecodable or empty)."""
    try:
        text = decode(data, encoding)
    except TextDecodeError as exc:
        return IngestError(origin, str(exc))
    return text if text.strip() else IngestError(origin, "empty file")
