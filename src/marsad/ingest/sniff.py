"""Input format detection: magic bytes first, then markup roots, then the file extension, then content."""

from __future__ import annotations

import re

from marsad.ingest.decode import bom_encoding

TEXT, HTML, FEED, JSONL, JSON = "text", "html", "feed", "jsonl", "json"
ZIP, GZIP, WARC = "zip", "gzip", "warc"
# Formats that hold many articles: they get the container size limit.
CONTAINERS = frozenset({FEED, JSONL, JSON, ZIP, GZIP, WARC})

EXTENSIONS = {
    ".txt": TEXT, ".text": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML,
    ".xml": FEED, ".rss": FEED, ".atom": FEED,
    ".jsonl": JSONL, ".ndjson": JSONL,
    ".json": JSON,
    ".zip": ZIP,
    ".gz": GZIP,
    ".warc": WARC,
}
MAGIC = ((b"PK\x03\x04", ZIP), (b"PK\x05\x06", ZIP), (b"\x1f\x8b", GZIP), (b"WARC/", WARC))
SNIFF_CHARS = 2048
FEED_ROOT_RE = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]")
HTML_ROOT_RE = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]")


def extension_kind(name: str) -> str | None:
    """Return the format a file name's extension names (.warc.gz is WARC), or None."""
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return WARC
    dot = lower.rfind(".")
    return EXTENSIONS.get(lower[dot:]) if dot > lower.rfind("/") else None


def head_text(head: bytes) -> str:
    """Return the start of `head` as lower-case text for sniffing (lenient: bad bytes are dropped)."""
    codec = bom_encoding(head) or "utf-8"
    return head.decode(codec, errors="ignore").lstrip("\ufeff \t\r\n").lower()[:SNIFF_CHARS]


def detect(name: str, head: bytes) -> str:
    """Return the format of a file called `name` whose first bytes are `head`."""
    by_name = extension_kind(name)
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return WARC if kind == GZIP and by_name == WARC else kind
    start = head_text(head)
    if start.startswith("<"):
        if FEED_ROOT_RE.search(start):
            return FEED
        if HTML_ROOT_RE.search(start):
            return HTML
        return by_name or HTML
    if by_name:
        return by_name
    if start.startswith(("{", "[")):
        return JSON
    return TEXT
