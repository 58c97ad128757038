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
            if info.file_size > max(max_bytes, MAX_CONTAINER_BYTES):
                yield IngestError(where, f"member larger than {MAX_CONTAINER_BYTES} bytes")
                continue
            try:
                content = archive.read(info)
            except MEMBER_ERRORS as exc:
                yield IngestError(where, f"truncated or corrupt zip member: {exc}")
                continue
            yield from read_member(content, info.filename, where, max_bytes)


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
            raise ValueError(f"decompressed content larger than {limit} bytes")
        if not inflater.eof:
            raise ValueError("truncated or corrupt gzip file: compressed data ends early")
        rest = inflater.unused_data
    return bytes(out)


def read_gzip(
    data: bytes, name: str, origin: str, max_bytes: int, read_member: MemberReader
) -> Iterator[Item]:
    """Yield the documents of a gzip file, read as the format its inner name (without .gz) says."""
    try:
        content = gunzip(data, max(max_bytes, MAX_CONTAINER_BYTES))
    except ValueError as exc:
        yield IngestError(origin, str(exc))
        return
    inner = name[:-3] if name.lower().endswith(".gz") else name
    yield from read_member(content, inner, origin, max_bytes)
