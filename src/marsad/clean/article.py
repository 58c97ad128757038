"""Cleaning one scraped document into an Article: furniture out, title, date, credits and summary aside.

Every non-empty line of the scraped text is either kept as one paragraph of `body` or reported in
`removed` with a reason code (see marsad.clean); the body's headings, paragraphs and sentences are
recorded as spans of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from marsad.arabic import is_bullet, split_sentences
from marsad.clean.chars import plain_chars
from marsad.clean.layout import (
    TITLE_MAX_WORDS,
    TITLE_MIN_WORDS,
    Layout,
    Line,
    find_layout,
    is_byline,
    is_headline,
    is_lede_summary,
    split_lines,
    word_count,
)
from marsad.clean.rules import (
    CREDIT_NAME_MAX_WORDS,
    DATELINE_PLACE_WORDS,
    SENTENCE_END_RE,
    Rules,
    classify,
    credit_names,
    default_rules,
    line_key,
)
from marsad.dating.calendar import find_dates, publication_date
from marsad.types import Article, RawDocument, Removed, Span

HEADING_MAX_WORDS = 12
# Headlines listed under "related articles" run longer than titles (teasers with a clause); a body
# paragraph there ends with punctuation, which stops the block. 30 words = twice the title limit.
RELATED_MAX_WORDS = 30
DUPLICATE_CAPTION_MAX_WORDS = 12
NAME_LINE_MAX_WORDS = 4  # the editor's name after a bare "رئيس التحرير"
SUMMARY_MAX_WORDS = 80  # one summary paragraph after a marker; longer is body text
# The longest of SaudiNewsNet's 31k articles has 34k characters (99.9% under 15k). A longer "article"
# is a dump, a live blog or hostile input, and the people and date stages grow faster than its length
# (a 283 KB text took minutes): its paragraphs past this many characters are removed as over-length.
MAX_BODY_CHARS = 50_000
_BULLET_MARK_RE = re.compile(r"^\s*(?:[-–—•●▪◦*]|\d+[.)-])\s+")
# A wire dateline opening the first paragraph: "PLACE (AGENCY) -" or "PLACE - AGENCY:".
_WIRE_PAREN_RE = re.compile(r"^([^\W\d_][^()\-–—:؛،,.!?؟«»\"]{0,40}?)\s*[-–—]?\s*\(([^()]{2,60})\)\s*[-–—:]")
_WIRE_DASH_RE = re.compile(r"^([^\W\d_][^()\-–—:؛،,.!?؟«»\"]{0,40}?)\s+[-–—]\s*([^()\-–—:؛،,.!?؟«»\"]{2,40}?)\s*:")


@dataclass
class _State:
    """What the line loop has collected so far, and what the lines just read announce for the next ones."""

    kept: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    date_lines: list[str] = field(default_factory=list)
    title: str | None = None
    title_seen: bool = False  # the title line was met in the text (extracted or equal to doc.title)
    related: bool = False  # under a "related articles" marker
    summary_block: bool = False  # under the outlet's summary marker
    drop_name: bool = False  # right under a bare "رئيس التحرير": the next short line is the editor's name

    def drop(self, line: str, reason: str) -> bool:
        """Record a removed line; return True (the line is taken)."""
        self.removed.append(Removed(line, reason))
        return True


def clean(doc: RawDocument, rules: Rules | None = None) -> Article:
    """Clean one scraped document into an Article whose every span points into its `body`."""
    rules = rules or default_rules()
    doc = replace(doc, text=plain_chars(doc.text), title=plain_chars(doc.title) if doc.title else doc.title)
    lines = split_lines(doc.text)
    st = _State()
    layout = find_layout(lines, rules, line_key(doc.title) if doc.title else None)
    for idx, item in enumerate(lines):
        line = item.text
        taken = (_announced(st, line) or _furniture(st, line, idx, layout, rules) or _repeated(st, lines, idx)
                 or _head(st, lines, idx, layout))
        if not taken:
            st.kept.append(line)
    st.credits.extend(n for n in _wire_credits(st.kept, rules) if n not in st.credits)
    _cap(st)
    return _article(doc, st)


def _cap(st: _State) -> None:
    """Remove the kept paragraphs past MAX_BODY_CHARS as over-length (a first paragraph longer than that is cut)."""
    if st.kept and len(st.kept[0]) > MAX_BODY_CHARS:
        st.kept[0], rest = _cut(st.kept[0])
        st.drop(rest, "over-length")
    size = 0
    for i, line in enumerate(st.kept):
        size += len(line) + 2
        if size > MAX_BODY_CHARS + 2:  # the last paragraph has no separator after it
            for extra in st.kept[i:]:
                st.drop(extra, "over-length")
            del st.kept[i:]
            return


def _cut(line: str) -> tuple[str, str]:
    """Split an over-long paragraph at the last space before MAX_BODY_CHARS (or at it, when there is none)."""
    at = line.rfind(" ", 0, MAX_BODY_CHARS)
    at = at if at > 0 else MAX_BODY_CHARS
    return line[:at].rstrip(), line[at:].strip()


def _announced(st: _State, line: str) -> bool:
    """Take a line that the line before announced: the editor's name, or a summary item."""
    if st.drop_name:
        st.drop_name = False
        if word_count(line) <= NAME_LINE_MAX_WORDS and not SENTENCE_END_RE.search(line):
            return st.drop(line, "masthead")
    if st.summary_block:
        # The bullet items after the marker, or else the one paragraph right after it.
        if is_bullet(line) or (not st.summary and word_count(line) <= SUMMARY_MAX_WORDS):
            st.summary.append(_BULLET_MARK_RE.sub("", line).strip())
            return st.drop(line, "summary")
        st.summary_block = False
    return False


def _furniture(st: _State, line: str, idx: int, layout: Layout, rules: Rules) -> bool:
    """Take a line that a furniture rule removes, or a headline listed under "related articles"."""
    found = layout.found[idx] if idx in layout.found \
        else classify(line, rules, idx >= layout.tail_start, idx == layout.tail_start)
    if found:
        reason, names = found
        st.credits.extend(n for n in names if n not in st.credits)
        if reason == "date":
            dates = find_dates(line)
            st.date_lines.append(line[dates[0].start : dates[-1].end])
        st.related = st.related or reason == "related"
        st.summary_block = reason == "summary" and line_key(line) in rules.phrases
        st.drop_name = reason == "masthead" and line_key(line) in rules.phrases
        return st.drop(line, reason)
    if st.related and is_headline(line, RELATED_MAX_WORDS) and not SENTENCE_END_RE.search(line):
        return st.drop(line, "related")
    st.related = False
    return False


def _repeated(st: _State, lines: list[Line], idx: int) -> bool:
    """Take a line repeated right after itself: a repeat of a removed line, a doubled caption, a duplicate."""
    line = lines[idx].text
    if not idx or line != lines[idx - 1].text:
        return False
    if st.removed and st.removed[-1].line == line:
        return st.drop(line, st.removed[-1].reason)
    if st.kept and st.kept[-1] == line:
        if word_count(line) <= DUPLICATE_CAPTION_MAX_WORDS and not SENTENCE_END_RE.search(line):
            st.kept.pop()
            return st.drop(line, "caption") and st.drop(line, "caption")
        return st.drop(line, "duplicate")
    return False


def _head(st: _State, lines: list[Line], idx: int, layout: Layout) -> bool:
    """Take a line of the head zone: the title, a byline, a site name above the title, the outlet's lede summary."""
    line = lines[idx].text
    if idx == layout.title:
        st.title_seen = True
        st.title = line
        return st.drop(line, "title")
    if not st.kept and is_byline(line):
        return st.drop(line, "byline")
    if layout.strip_above_title and idx < (layout.title or 0) and is_headline(line, TITLE_MIN_WORDS - 1):
        return st.drop(line, "masthead")  # a site name or menu leftover above the title
    if st.title_seen and not st.kept and not st.summary and is_lede_summary(lines, idx):
        st.summary.append(line)
        return st.drop(line, "summary")
    return False


def _wire_credits(kept: list[str], rules: Rules) -> list[str]:
    """Return the agency of a wire dateline opening the first paragraph ("PLACE (AGENCY) - ..."), if any."""
    first = next((p for p in kept if not is_headline(p, HEADING_MAX_WORDS)), None)
    if first is None:
        return []
    m = _WIRE_PAREN_RE.match(first)
    dash = m is None
    m = m or _WIRE_DASH_RE.match(first)
    if m is None or len(m.group(1).split()) > DATELINE_PLACE_WORDS:
        return []
    names = credit_names(m.group(2), rules, unknown=not dash)
    if dash and names is None:
        head = line_key(m.group(2)).split()
        if head and head[0] in rules.agency_heads and len(head) <= CREDIT_NAME_MAX_WORDS:
            names = [m.group(2).strip()]
    return names or []


def _article(doc: RawDocument, st: _State) -> Article:
    """Lay out the kept lines as body, paragraph, heading and sentence spans and build the Article.

    `paragraphs` lists every kept line, headings included; `headings` lists the short unpunctuated
    lines followed by a longer paragraph; `sentences` covers the non-heading paragraphs only.
    """
    paragraphs: list[Span] = []
    headings: list[Span] = []
    sentences: list[Span] = []
    pos = 0
    for i, text in enumerate(st.kept):
        paragraphs.append(Span(doc.id, pos, pos + len(text), "paragraph"))
        nxt = st.kept[i + 1] if i + 1 < len(st.kept) else None
        if nxt is not None and is_headline(text, HEADING_MAX_WORDS) and len(nxt) > len(text):
            headings.append(Span(doc.id, pos, pos + len(text), "heading"))
        else:
            sentences.extend(Span(doc.id, s, e, "sentence") for s, e in split_sentences(text, pos))
        pos += len(text) + 2
    body = "\n\n".join(st.kept)
    warnings: list[str] = []
    title = doc.title or st.title
    if title is None and sentences:
        first = sentences[0]
        title = " ".join(body[first.start : first.end].split()[:TITLE_MAX_WORDS])
        warnings.append("title-inferred: no headline line, the first sentence stands in")
    published, source = doc.published, doc.published_source
    if st.date_lines:
        pub = publication_date(st.date_lines)
        if pub is not None:
            warnings.extend(pub.warnings)
            if published is None:
                published, source = pub.value, pub.source
    if not body:
        warnings.append("empty-body: every line was removed as furniture")
    if any(r.reason == "over-length" for r in st.removed):
        warnings.append(f"over-length: the body stops at {MAX_BODY_CHARS} characters, the rest is in removed")
    return Article(
        id=doc.id,
        origin=doc.origin,
        body=body,
        outlet=doc.outlet,
        title=title,
        published=published,
        published_source=source,
        credits=tuple(st.credits),
        outlet_summary=tuple(st.summary),
        removed=tuple(st.removed),
        headings=tuple(headings),
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        warnings=tuple(warnings),
        fetched=doc.fetched,
    )


def clean_all(docs: Iterable[RawDocument], rules: Rules | None = None) -> list[Article]:
    """Clean every document with one set of rules."""
    rules = rules or default_rules()
    return [clean(d, rules) for d in docs]
