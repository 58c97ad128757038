"""Cleaning of scraped article text: site furniture out, metadata (title, date, credits, summary) moved aside.

Works line by line: every non-empty line of the scraped text is either kept as one paragraph of
`body` or reported in `removed` with a reason code:
  nav        navigation/breadcrumb remnants, section names (also glued together)
  masthead   editor lines ("رئيس التحرير" and the name line after it), and the short lines
             (under TITLE_MIN_WORDS words) of the head zone above the title: site names, menu leftovers
  share      share/comment/close/back-to-top/show-more/print/font-size/listen lines
  related    a "related articles" marker and the headlines that follow it
  symbol     a line without any letter or digit ("|", "•")
  english-ui English interface leftovers ("Exit mobile version", "Share")
  caption    photo captions (agency in parentheses at the end, or a short line repeated)
  duplicate  a longer line repeated right after itself (one copy is kept)
  date       a line that is only a date (the first one gives `published`)
  credit     a credit line "(A، B)" or "المصدر: A" (names go to `credits`); below the last body
             paragraph the names need not be known agencies
  end-mark   a wire "end of story" mark ("(انتهى)")
  summary    the outlet's summary marker and items (items go to `outlet_summary`)
  title      the headline line (goes to `title`)
  byline     a short "name – place" / "place: outlet" line above the body, or a "كتب: NAME" line
The head zone is the run of lines before the first body paragraph (a line too long for a headline, or
one ending like a sentence with at least BODY_MIN_WORDS words); the title is chosen there (see
`_title_index`). A wire dateline opening the first paragraph ("PLACE (AGENCY) - ...") credits AGENCY
and stays in the body.
The phrase lists are data (`data/furniture.tsv`), extendable with `load_rules(extra)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.arabic import ARABIC_RE, is_bullet, normalize, split_sentences, token_spans
from marsad.datafiles import content_lines, read_text
from marsad.dating.calendar import DateMention, find_dates, is_date_line, publication_date
from marsad.types import Article, RawDocument, Removed, Span

_SYMBOL_RE = re.compile(r"[^\w\s]+")
_ALNUM_RE = re.compile(r"[^\W_]")
_DIGIT_RE = re.compile(r"\d")
_BULLET_MARK_RE = re.compile(r"^\s*(?:[-–—•●▪◦*]|\d+[.)-])\s+")
# A title or heading does not end like a sentence or a clause ("?" and "!" are allowed: questions).
_CLAUSE_END_RE = re.compile(r"[.:،,؛;…][\s\"'»”)\]]*$")
_SENTENCE_END_RE = re.compile(r"[.!?؟…:][\s\"'»”)\]]*$")
_CREDIT_LINE_RE = re.compile(r"^\(([^()]+)\)\.?$")
_TRAILING_PAREN_RE = re.compile(r"\(([^()]+)\)$")
_NAME_SPLIT_RE = re.compile(r"\s*[،,/;؛]\s*|\s+و\s*(?=\S)|\s+[-–—]\s+")
_BYLINE_RE = re.compile(r"\S\s*[-–—ـ]\s+\S|\S\s+[-–—ـ]\s*\S|^[^:]+:\s*[«\"]")
_DATELINE_TAIL_RE = re.compile(r"^\s*(?:م(?!\w))?[\s:\-–—(]*|[\s).]*$")
_PREFIX_SEPARATOR_RE = re.compile(r"^\s*[:\-–—ـ./]+")
# A wire dateline opening the first paragraph: "PLACE (AGENCY) -" or "PLACE - AGENCY:".
_WIRE_PAREN_RE = re.compile(r"^([^\W\d_][^()\-–—:؛،,.!?؟«»\"]{0,40}?)\s*[-–—]?\s*\(([^()]{2,60})\)\s*[-–—:]")
_WIRE_DASH_RE = re.compile(r"^([^\W\d_][^()\-–—:؛،,.!?؟«»\"]{0,40}?)\s+[-–—]\s*([^()\-–—:؛،,.!?؟«»\"]{2,40}?)\s*:")

# Length limits, in words. Calibrated on the five seeds (furniture lines there have at most 12
# words, headings 2-7, captions 3-14) and checked on all 31,030 SaudiNewsNet contents by reading the
# removed lines grouped by reason (plus 30 whole articles by eye): no body sentence was removed.
TITLE_MAX_WORDS = 15  # 99th percentile of the 31,030 SaudiNewsNet titles (95th: 12, median: 8)
# A title has at least 4 words: SaudiNewsNet titles have 4+ words in 97% of cases, while site names
# and menu leftovers of the seed and sample head zones have 1-3 words.
TITLE_MIN_WORDS = 4
# The first body paragraph ends the head zone: a punctuated line of 6+ words (the seeds' shortest
# first paragraph has 14 words; their headlines, bylines and captions in the head zone end unpunctuated).
BODY_MIN_WORDS = 6
# Scraped head zones of the seeds and sample hold at most 10 lines (a menu of section names); 30 bounds
# the search on texts without punctuation, where no line ends the zone.
HEAD_MAX_LINES = 30
CREDIT_NAME_MAX_WORDS = 5  # an unknown credit name: "وكالة الأنباء السعودية الرسمية" has 4 words
BYLINE_MAX_WORDS = 6  # "عين اليوم – حائل", "سلوى المدني ـ جدة": SaudiNewsNet datelines have 2–5 words
HEADING_MAX_WORDS = 12
# Headlines listed under "related articles" run longer than titles (teasers with a clause); a body
# paragraph there ends with punctuation, which stops the block. 30 words = twice the title limit.
RELATED_MAX_WORDS = 30
PREFIX_MAX_WORDS = 25  # a furniture phrase at the start of a longer line is body text quoting it
CREDIT_MAX_WORDS = 8
CAPTION_MAX_WORDS = 20
LONG_LINE_WORDS = 40  # no furniture rule applies beyond this: skip the checks
DUPLICATE_CAPTION_MAX_WORDS = 12
NAME_LINE_MAX_WORDS = 4  # the editor's name after a bare "رئيس التحرير"
SUMMARY_MAX_WORDS = 80  # one summary paragraph after a marker; longer is body text
DATELINE_PLACE_WORDS = 2  # "إسلام آباد" before a wire dateline; more words are a sentence
DATE_LINE_MAX_WORDS = 16  # "نشر في: الجمعة 28 فبراير 2025 الموافق 29 شعبان 1446 - 10:30 ص" is 14 tokens
NAV_MAX_CHARS = 80  # breadcrumbs of 3–4 glued section names are under 40 characters in the seeds
# A lede directly under the title, ending like a sentence, at most LEDE_MAX_WORDS long and set apart
# by at least LEDE_MIN_GAP blank lines (more than the body paragraphs after it), is the outlet's summary.
# Calibrated on the seed with such a lede (33 words, 4 blank lines, body lines 0 apart) and checked on
# SaudiNewsNet contents without titles, where no body paragraph was taken.
LEDE_MIN_GAP = 2
LEDE_MAX_WORDS = 50


@dataclass(frozen=True)
class Rules:
    """Compiled furniture rules: whole-line phrases, line prefixes, section words and agency names."""

    phrases: Mapping[str, str]
    prefixes: tuple[tuple[str, str, bool], ...]  # (key, reason, whether ":"/"-" must follow)
    nav: re.Pattern[str] | None
    agencies: frozenset[str]
    credit_words: frozenset[str]
    agency_heads: frozenset[str]
    vocabulary: Mapping[str, str]
    head_words: int  # the longest phrase, in words: only that many leading words of a line are normalized


@dataclass(frozen=True)
class _Line:
    """One non-empty scraped line, stripped, with the number of blank lines after it."""

    text: str
    gap_after: int


def _key(text: str) -> str:
    """Return the matching key of a line: normalized, without punctuation or symbols, spaces collapsed."""
    return " ".join(_SYMBOL_RE.sub(" ", normalize(text)).split())


def _read_rows(text: str) -> list[tuple[str, str]]:
    """Parse KIND<TAB>PHRASE rows, skipping comments and blank lines."""
    rows = []
    for line in content_lines(text):
        kind, _, phrase = line.partition("\t")
        if phrase.strip():
            rows.append((kind.strip(), phrase.strip()))
    return rows


def load_rules(extra: Path | None = None) -> Rules:
    """Load the bundled furniture rules, extended by a user file in the same KIND<TAB>PHRASE format."""
    rows = _read_rows(read_text("furniture.tsv"))
    if extra is not None:
        rows += _read_rows(extra.read_text(encoding="utf-8"))
    phrases: dict[str, str] = {}
    prefixes: list[tuple[str, str, bool]] = []
    sections: set[str] = set()
    agencies: set[str] = set()
    sets: dict[str, set[str]] = {"credit-word": set(), "agency-head": set()}
    vocabulary: dict[str, str] = {}
    for kind, phrase in rows:
        if kind == "section":
            sections.add(_key(phrase).replace(" ", ""))
        elif kind == "agency":
            agencies.add(_key(phrase))
        elif kind in sets:
            sets[kind].add(_key(phrase))
        elif phrase.endswith(" *"):
            head = phrase[:-2].rstrip()
            prefixes.append((_key(head), kind, head.endswith(":") or kind in ("masthead", "credit")))
        else:
            phrases[_key(phrase)] = kind
            if kind in ("share", "english-ui"):
                vocabulary.update((w, kind) for w in _key(phrase).split())
    nav = None
    if sections:
        alternation = "|".join(re.escape(s) for s in sorted(sections, key=len, reverse=True))
        nav = re.compile(f"(?:و?(?:{alternation}))+")  # "أخبار عربية ودولية": sections joined by و
    prefixes.sort(key=lambda p: len(p[0]), reverse=True)
    head_words = max([len(p.split()) for p in phrases] + [len(p.split()) for p, _, _ in prefixes] + [1])
    return Rules(phrases, tuple(prefixes), nav, frozenset(agencies), frozenset(sets["credit-word"]),
                 frozenset(sets["agency-head"]), vocabulary, head_words)


@lru_cache(maxsize=1)
def _default_rules() -> Rules:
    """Return the bundled rules, loaded once."""
    return load_rules()


def _names(text: str, rules: Rules, unknown: bool = False) -> list[str] | None:
    """Split a credit text into names; None unless one is a known agency (or `unknown` names are allowed).

    Credit words ("خاص") are dropped and also allow unknown names: "(خاص - NAME)" is a credit.
    """
    parts = [n.strip(" .-–") for n in _NAME_SPLIT_RE.split(text.strip()) if n.strip(" .-–")]
    names = [n for n in parts if _key(n) not in rules.credit_words]
    if not names:
        return None
    if any(_key(n) in rules.agencies for n in names):
        return names
    if (unknown or len(names) < len(parts)) and not _SENTENCE_END_RE.search(text) \
            and all(len(n.split()) <= CREDIT_NAME_MAX_WORDS and ARABIC_RE.search(n) for n in names):
        return names
    return None


def _prefix_reason(key: str, line: str, words: int, rules: Rules) -> tuple[str, str, bool] | None:
    """Return (reason, rest of line, whether ":"/"-"/"." follows the prefix) for a furniture prefix phrase."""
    if words > PREFIX_MAX_WORDS:
        return None
    for prefix, reason, needs_separator in rules.prefixes:
        if key.startswith(prefix) and (len(key) == len(prefix) or key[len(prefix)] == " "):
            spans = token_spans(line)
            n = len(prefix.split())
            rest = line[spans[n - 1].end :] if len(spans) >= n else ""
            separated = bool(_PREFIX_SEPARATOR_RE.match(rest))
            if needs_separator and not separated and reason not in ("masthead", "credit"):
                continue  # "كتب الوزير ..." is a sentence; only "كتب: NAME" is a byline
            return reason, _PREFIX_SEPARATOR_RE.sub("", rest).strip(), separated
    return None


def _classify(line: str, rules: Rules, tail: bool = False, after_body: bool = False) -> tuple[str, list[str]] | None:
    """Return (reason, credit names) for a line that is furniture on its own, else None.

    `tail` marks a line below the last body paragraph, where "المصدر: NAME" may name an unknown source;
    `after_body` marks the line right below it, where "(NAME)" may too (further down it ends a poem).
    """
    if not _ALNUM_RE.search(line):
        return "symbol", []
    words = line.count(" ") + 1
    if words > LONG_LINE_WORDS:
        return None  # long lines are body text: skip the costly checks
    # Normalizing is the costly step: a long line only needs its head for the prefix phrases.
    whole = words <= rules.head_words or len(line) <= NAV_MAX_CHARS
    key = _key(line if whole else " ".join(line.split(maxsplit=rules.head_words)[: rules.head_words]))
    if whole:
        reason = rules.phrases.get(key)
        if reason:
            return reason, []
        if words <= 6 and len(key.split()) >= 2 and all(w in rules.vocabulary for w in key.split()):
            return ("share" if ARABIC_RE.search(line) else "english-ui"), []
        if rules.nav and len(key) <= NAV_MAX_CHARS and not _CLAUSE_END_RE.search(line) \
                and rules.nav.fullmatch(key.replace(" ", "")):
            return "nav", []
    found = _prefix_reason(key, line, words, rules)
    if found:
        reason, rest, separated = found
        sentence = bool(_SENTENCE_END_RE.search(line))
        if reason in ("credit", "masthead"):
            names = _names(rest, rules, tail) if separated and reason == "credit" else None
            if names and len(rest.split()) <= CREDIT_MAX_WORDS:
                return "credit", names
            if separated and reason == "masthead":
                return reason, []
        elif reason == "caption":
            if words <= CAPTION_MAX_WORDS and not sentence:
                return reason, []
        elif reason == "byline":
            if rest and len(rest.split()) <= BYLINE_MAX_WORDS and not _CLAUSE_END_RE.search(line):
                return reason, []
        elif separated or not sentence or not rest:
            return reason, []  # a full sentence merely opening with the phrase is body text
    m = _CREDIT_LINE_RE.match(line)
    if m and words <= CREDIT_MAX_WORDS:
        names = _names(m.group(1), rules, after_body and not line.endswith("."))
        if names:
            return "credit", names
    m = _TRAILING_PAREN_RE.search(line)
    if m and m.start() > 0 and words <= CAPTION_MAX_WORDS and not line.endswith(".") \
            and not _SENTENCE_END_RE.search(line[: m.start()]) and _names(m.group(1), rules):
        return "caption", []
    if words <= DATE_LINE_MAX_WORDS and _DIGIT_RE.search(line):
        mentions: list[DateMention] = find_dates(line)
        if mentions and is_date_line(line, mentions):
            return "date", []
        names = _dateline_credit(line, mentions, rules) if mentions else None
        if names:
            return "date", names
    return None


def _dateline_credit(line: str, mentions: list[DateMention], rules: Rules) -> list[str] | None:
    """Return the agency names of a wire dateline "PLACE DATE AGENCY" ("أبها 3 مايو 2015 م واس"), else None."""
    place = line[: mentions[0].start].split()
    if len(place) > DATELINE_PLACE_WORDS or _SYMBOL_RE.search(" ".join(place)):
        return None
    if not is_date_line(line[mentions[0].start : mentions[-1].end]):
        return None
    return _names(_DATELINE_TAIL_RE.sub("", line[mentions[-1].end :]), rules)


def _is_headline(line: str, max_words: int) -> bool:
    """Return True for a short line that does not end like a sentence or clause (a title or heading)."""
    return line.count(" ") + 1 <= max_words and not _CLAUSE_END_RE.search(line) and not is_bullet(line)


def _lines(text: str) -> list[_Line]:
    """Split scraped text into stripped non-empty lines, each with the blank-line gap after it."""
    out: list[_Line] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            out.append(_Line(line, 0))
        elif out:
            out[-1] = _Line(out[-1].text, out[-1].gap_after + 1)
    return out


@dataclass
class _State:
    """What the line loop has collected so far."""

    kept: list[str]
    removed: list[Removed]
    credits: list[str]
    summary: list[str]
    date_lines: list[str]
    title: str | None = None


def _words(line: str) -> int:
    """Return the number of space-separated words of a stripped line."""
    return line.count(" ") + 1


def _is_body_like(line: str, questions: bool = False) -> bool:
    """Return True for a line that reads as a body paragraph: too long for a headline, or a punctuated sentence.

    A question mark ends a body paragraph only with `questions`: in the head zone it ends headlines too.
    """
    words = _words(line)
    end = _SENTENCE_END_RE if questions else _CLAUSE_END_RE
    return words > TITLE_MAX_WORDS or (words >= BODY_MIN_WORDS and bool(end.search(line)))


@dataclass(frozen=True)
class _Layout:
    """Where the head zone ends, where the tail begins, the title line and the head lines' classes."""

    head_end: int  # index of the first body paragraph (or of the line ending the capped head zone)
    tail_start: int  # first index after the last body paragraph
    title: int | None
    strip_above_title: bool  # page chrome (menus, share lines, a date) was met above the title
    found: Mapping[int, tuple[str, list[str]] | None]  # classification of the head-zone lines


def _layout(lines: list[_Line], rules: Rules, title_key: str | None) -> _Layout:
    """Classify the head zone, find the tail below the last body paragraph and pick the title line."""
    found: dict[int, tuple[str, list[str]] | None] = {}
    head_end = min(len(lines), HEAD_MAX_LINES)
    for i in range(head_end):
        found[i] = _classify(lines[i].text, rules)
        if found[i] is None and _is_body_like(lines[i].text):
            head_end = i
            break
    tail_start = 0
    for i in range(len(lines) - 1, -1, -1):
        if _is_body_like(lines[i].text, questions=True) and (found[i] if i in found else _classify(lines[i].text, rules)) is None:
            tail_start = i + 1
            break
    if title_key is not None:
        title = next((i for i in range(min(head_end + 1, len(lines))) if _key(lines[i].text) == title_key), None)
    else:
        title = _title_index(lines, found, head_end)
    # A lone symbol or caption is no page chrome: SaudiNewsNet essays put "*" above their first heading.
    chrome = title is not None and any(
        (f := found[i]) is not None and f[0] not in ("symbol", "caption") for i in range(min(title, head_end)))
    return _Layout(head_end, tail_start, title, chrome, {i: f for i, f in found.items() if i < tail_start})


def _title_index(lines: list[_Line], found: Mapping[int, tuple[str, list[str]] | None], head_end: int) -> int | None:
    """Pick the headline among the head-zone lines: one set above a date line or byline, else the first long one.

    Candidates are unpunctuated non-furniture lines of TITLE_MIN_WORDS to TITLE_MAX_WORDS words that are
    no repeated caption, byline, editor name or related headline; a shorter line qualifies only right
    above the first paragraph, a date line or a byline.
    """
    candidates: list[int] = []
    marked: list[int] = []  # candidates set right above a date line or byline
    after_marker = False
    for i in range(head_end):
        line, cls = lines[i].text, found[i]
        if cls is not None:
            after_marker = cls[0] in ("related", "masthead")
            continue
        follows_marker, after_marker = after_marker, False
        if follows_marker or not _is_headline(line, TITLE_MAX_WORDS) or _is_byline(line) or i + 1 >= len(lines) \
                or line in (lines[i - 1].text if i else None, lines[i + 1].text):
            continue
        nxt = found.get(i + 1)
        above_meta = (nxt is not None and nxt[0] in ("date", "byline")) or _is_byline(lines[i + 1].text)
        if _words(line) >= TITLE_MIN_WORDS or above_meta or i + 1 == head_end:
            candidates.append(i)
            if above_meta:
                marked.append(i)
    if marked:
        return marked[0]
    # Not the longest: in texts without punctuation the head zone runs into the body, whose lines are
    # often longer than the headline above them (SaudiNewsNet poems and lists).
    first_long = next((i for i in candidates if _words(lines[i].text) >= TITLE_MIN_WORDS), None)
    if first_long is not None:
        return first_long
    return candidates[-1] if candidates else None


def clean(doc: RawDocument, rules: Rules | None = None) -> Article:
    """Clean one scraped document into an Article whose every span points into its `body`."""
    rules = rules or _default_rules()
    lines = _lines(doc.text)
    st = _State([], [], [], [], [])
    layout = _layout(lines, rules, _key(doc.title) if doc.title else None)
    title_seen = False  # the title line was met in the text (extracted or equal to doc.title)
    related = summary_block = drop_name = False
    for idx, item in enumerate(lines):
        line = item.text
        if drop_name:
            drop_name = False
            if _words(line) <= NAME_LINE_MAX_WORDS and not _SENTENCE_END_RE.search(line):
                st.removed.append(Removed(line, "masthead"))
                continue
        if summary_block:
            # The bullet items after the marker, or else the one paragraph right after it.
            if is_bullet(line) or (not st.summary and _words(line) <= SUMMARY_MAX_WORDS):
                st.summary.append(_BULLET_MARK_RE.sub("", line).strip())
                st.removed.append(Removed(line, "summary"))
                continue
            summary_block = False
        found = layout.found[idx] if idx in layout.found \
            else _classify(line, rules, idx >= layout.tail_start, idx == layout.tail_start)
        if found:
            reason, names = found
            st.removed.append(Removed(line, reason))
            st.credits.extend(n for n in names if n not in st.credits)
            if reason == "date":
                dates = find_dates(line)
                st.date_lines.append(line[dates[0].start : dates[-1].end])
            related = related or reason == "related"
            summary_block = reason == "summary" and _key(line) in rules.phrases
            drop_name = reason == "masthead" and _key(line) in rules.phrases
            continue
        if related and _is_headline(line, RELATED_MAX_WORDS) and not _SENTENCE_END_RE.search(line):
            st.removed.append(Removed(line, "related"))
            continue
        related = False
        prev = lines[idx - 1].text if idx else None
        if prev is not None and line == prev and st.removed and st.removed[-1].line == line:
            st.removed.append(Removed(line, st.removed[-1].reason))  # a repeat of a removed line
            continue
        if prev is not None and line == prev and st.kept and st.kept[-1] == line:
            if _words(line) <= DUPLICATE_CAPTION_MAX_WORDS and not _SENTENCE_END_RE.search(line):
                st.kept.pop()
                st.removed.extend([Removed(line, "caption"), Removed(line, "caption")])
            else:
                st.removed.append(Removed(line, "duplicate"))
            continue
        if idx == layout.title:
            title_seen = True
            st.title = line
            st.removed.append(Removed(line, "title"))
            continue
        if not st.kept and _is_byline(line):
            st.removed.append(Removed(line, "byline"))
            continue
        if layout.strip_above_title and idx < (layout.title or 0) and _is_headline(line, TITLE_MIN_WORDS - 1):
            st.removed.append(Removed(line, "masthead"))  # a site name or menu leftover above the title
            continue
        if title_seen and not st.kept and not st.summary and _is_lede_summary(lines, idx):
            st.summary.append(line)
            st.removed.append(Removed(line, "summary"))
            continue
        st.kept.append(line)
    st.credits.extend(n for n in _wire_credits(st.kept, rules) if n not in st.credits)
    return _article(doc, st)


def _wire_credits(kept: list[str], rules: Rules) -> list[str]:
    """Return the agency of a wire dateline opening the first paragraph ("PLACE (AGENCY) - ..."), if any."""
    first = next((p for p in kept if not _is_headline(p, HEADING_MAX_WORDS)), None)
    if first is None:
        return []
    m = _WIRE_PAREN_RE.match(first)
    dash = m is None
    m = m or _WIRE_DASH_RE.match(first)
    if m is None or len(m.group(1).split()) > DATELINE_PLACE_WORDS:
        return []
    names = _names(m.group(2), rules, unknown=not dash)
    if dash and names is None:
        head = _key(m.group(2)).split()
        if head and head[0] in rules.agency_heads and len(head) <= CREDIT_NAME_MAX_WORDS:
            names = [m.group(2).strip()]
    return names or []


def _is_byline(line: str) -> bool:
    """Return True for a short "name – place" or "place: outlet" line (a byline or dateline)."""
    return line.count(" ") + 1 <= BYLINE_MAX_WORDS and bool(_BYLINE_RE.search(line)) \
        and not _SENTENCE_END_RE.search(line)


def _is_lede_summary(lines: list[_Line], idx: int) -> bool:
    """Return True when the line right after the title is set apart from the body by a wider blank gap."""
    item = lines[idx]
    following = lines[idx + 1 : idx + 4]
    if item.gap_after < LEDE_MIN_GAP or len(following) < 2 or item.text.count(" ") + 1 > LEDE_MAX_WORDS:
        return False
    if not _SENTENCE_END_RE.search(item.text):
        return False
    return all(f.gap_after < item.gap_after for f in following[:-1])


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
        span = Span(pos, pos + len(text))
        paragraphs.append(span)
        nxt = st.kept[i + 1] if i + 1 < len(st.kept) else None
        if nxt is not None and _is_headline(text, HEADING_MAX_WORDS) and len(nxt) > len(text):
            headings.append(span)
        else:
            sentences.extend(split_sentences(text, pos))
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
    rules = rules or _default_rules()
    return [clean(d, rules) for d in docs]
