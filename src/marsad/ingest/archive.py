"""Zip and gzip containers: every member is read by its own format (archives may nest)."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator

from marsad.ingest.base import MAX_CONTAINER_BYTES, Item, MemberReader
from marsad.types import IngestError

# Members that archivers add and that are never articles (macOS resource forks, hidden files).
SKIPPED_PREFIXES = ("__MACOSX/", ".")
# What reading one damaged member raises (NotImplementedError: unknown compression; RuntimeError: encrypted;
# ValueError: a negative seek when bytes were cut from the archive's middle).
MEMBER_ERRORS = (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError, zlib.error)
GZIP_WINDOW = 16 + zlib.MAX_WBITS  # zlib's flag for "gzip header and trailer"
# Inflated size allowed per compressed byte. Text compresses 3-10x (SaudiNewsNet's day files: 3.4x);
# a zip or gzip bomb inflates 1000x and more. Checked while inflating, so a bomb is stopped at
# MAX_RATIO times its own size instead of being inflated whole first.
MAX_RATIO = 100
MIN_INFLATED = 1024 * 1024  # tiny archives of short texts may compress better than 100x
CHUNK = 1024 * 1024


def inflated_limit(compressed: int) -> int:
    """Return the most bytes a compressed input of this size may inflate to."""
    return min(MAX_CONTAINER_BYTES, max(MIN_INFLATED, MAX_RATIO * compressed))


def skipped(name: str) -> bool:
    """Tell whether a zip member is a directory or an archiver artefact rather than content."""
    base = name.rstrip("/").rsplit("/", 1)[-1]
    return name.endswith("/") or name.startswith(SKIPPED_PREFIXES) or base.startswith(".")


def read_zip(data: bytes, origin: str, max_bytes: int, read_member: MemberReader) -> Iterator[Item]:
    """Yield the documents of every member of a zip archive; a corrupt archive or member is one error."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError) as exc:
        yield IngestError(origin, f"truncated or corrupt zip archive: {exc}")
        return
    with archive:
        members = [info for info in archive.infolist() if not skipped(info.filename)]
        if not members:
            yield IngestError(origin, "zip archive has no files")
        for info in members:
            where = f"{origin}!{info.filename}"
            limit = inflated_limit(info.compress_size)
            try:
                content = _inflate_member(archive, info, limit)
            except MEMBER_ERRORS as exc:
                yield IngestError(where, f"truncated or corrupt zip member: {exc}")
                continue
            if content is None:
                yield IngestError(where, f"member inflates to more than {limit} bytes (a zip bomb?): refused")
                continue
            yield from read_member(content, info.filename, where, max_bytes)


def _inflate_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes | None:
    """Return a member's content, read in chunks; None as soon as it passes `limit` bytes (whatever its header says)."""
    out = bytearray()
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            out += chunk
            if len(out) > limit:
                return None
    return bytes(out)


def gunzip(data: bytes, limit: int) -> bytes:
    """Return the content of gzip `data`; raise ValueError when corrupt, cut short or over `limit`."""
    out = bytearray()
    rest = data
    while rest:  # a gzip file may hold several concatenated members
        inflater = zlib.decompressobj(GZIP_WINDOW)
        try:
            out += inflater.decompress(rest, limit + 1 - len(out))
        except zlib.error as exc:
            raise ValueError(f"truncated or corrupt gzip file: {exc}") from None
        if len(out) > limit:
            raise ValueError(f"decompressed content larger than {limit} bytes (a gzip bomb?): refused")
        if not inflater.eof:
            raise ValueError("truncated or corrupt gzip file: compressed data ends early")
        rest = inflater.unused_data
    return bytes(out)


def read_gzip(
    data: bytes, name: str, origin: str, max_bytes: int, read_member: MemberReader
) -> Iterator[Item]:
    """Yield the documents of a gzip file, read as the format its inner name (without .gz) says."""
    try:
        content = gunzip(data, inflated_limit(len(data)))
    except ValueError as exc:
        yield IngestError(origin, str(exc))
        return
    inner = name[:-3] if name.lower().endswith(".gz") else name
    yield from read_member(content, inner, origin, max_bytes)
