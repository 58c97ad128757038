"""Cleaning of scraped article text: site furniture out, metadata (title, date, credits, summary) moved aside.

Works line by line: every non-empty line of the scraped text is either kept as one paragraph of
`body` or reported in `removed` with a reason code:
  nav        navigation/breadcrumb remnants, section names (also glued together)
  masthead   editor lines ("رئيس التحرير" and the name line after it)
  share      share/comment/close/back-to-top/show-more/print/font-size/listen lines
  related    a "related articles" marker and the headlines that follow it
  symbol     a line without any letter or digit ("|", "•")
  english-ui English interface leftovers ("Exit mobile version", "Share")
  caption    photo captions (agency in parentheses at the end, or a short line repeated)
  duplicate  a longer line repeated right after itself (one copy is kept)
  date       a line that is only a date (the first one gives `published`)
  credit     a credit line "(A، B)" or "المصدر: A" (names go to `credits`)
  summary    the outlet's summary marker and items (items go to `outlet_summary`)
  title      the headline line (goes to `title`)
  byline     a short "name – place" / "place: outlet" line above the body
The phrase lists are data (`data/furniture.tsv`), extendable with `load_rules(extra)`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from marsad.arabic import ARABIC_RE, is_bullet, normalize, split_sentences, token_spans
from marsad.dates import DateMention, find_dates, is_date_line, publication_date
from marsad.model import Article, RawDocument, Removed, Span

_SYMBOL_RE = re.compile(r"[^\w\s]+")
_ALNUM_RE = re.compile(r"[^\W_]")
_DIGIT_RE = re.compile(r"\d")
_BULLET_MARK_RE = re.compile(r"^\s*(?:[-–—•●▪◦*]|\d+[.)-])\s+")
# A title or heading does not end like a sentence or a clause ("?" and "!" are allowed: questions).
_CLAUSE_END_RE = re.compile(r"[.:،,؛;…][\s\"'»”)\]]*$")
_SENTENCE_END_RE = re.compile(r"[.!?؟…:][\s\"'»”)\]]*$")
_CREDIT_LINE_RE = re.compile(r"^\(([^()]+)\)\.?$")
_TRAILING_PAREN_RE = re.compile(r"\(([^()]+)\)$")
_NAME_SPLIT_RE = re.compile(r"\s*[،,/;؛]\s*|\s+و\s*(?=\S)")
_BYLINE_RE = re.compile(r"\S\s*[-–—ـ]\s+\S|\S\s+[-–—ـ]\s*\S|^[^:]+:\s*[«\"]")
_DATELINE_TAIL_RE = re.compile(r"^\s*(?:م(?!\w))?[\s:\-–—(]*|[\s).]*$")
_PREFIX_SEPARATOR_RE = re.compile(r"^\s*[:\-–—.]+")

# Length limits, in words. Calibrated on the five seeds (furniture lines there have at most 12
# words, headings 2-7, captions 3-14) and checked on all 31,030 SaudiNewsNet contents by reading the
# removed lines grouped by reason (plus 30 whole articles by eye): no body sentence was removed.
TITLE_MAX_WORDS = 15  # 99th percentile of the 31,030 SaudiNewsNet titles (95th: 12, median: 8)
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
    prefixes: tuple[tuple[str, str], ...]
    nav: re.Pattern[str] | None
    agencies: frozenset[str]
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
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, phrase = line.partition("\t")
        if phrase.strip():
            rows.append((kind.strip(), phrase.strip()))
    return rows


def load_rules(extra: Path | None = None) -> Rules:
    """Load the bundled furniture rules, extended by a user file in the same KIND<TAB>PHRASE format."""
    text = resources.files("marsad").joinpath("data", "furniture.tsv").read_text(encoding="utf-8")
    rows = _read_rows(text)
    if extra is not None:
        rows += _read_rows(extra.read_text(encoding="utf-8"))
    phrases: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    sections: set[str] = set()
    agencies: set[str] = set()
    vocabulary: dict[str, str] = {}
    for kind, phrase in rows:
        if kind == "section":
            sections.add(_key(phrase).replace(" ", ""))
        elif kind == "agency":
            agencies.add(_key(phrase))
        elif phrase.endswith(" *"):
            prefixes.append((_key(phrase[:-2]), kind))
        else:
            phrases[_key(phrase)] = kind
            if kind in ("share", "english-ui"):
                vocabulary.update((w, kind) for w in _key(phrase).split())
    nav = None
    if sections:
        alternation = "|".join(re.escape(s) for s in sorted(sections, key=len, reverse=True))
        nav = re.compile(f"(?:و?(?:{alternation}))+")  # "أخبار عربية ودولية": sections joined by و
    prefixes.sort(key=lambda p: len(p[0]), reverse=True)
    head_words = max([len(p.split()) for p in phrases] + [len(p.split()) for p, _ in prefixes] + [1])
    return Rules(phrases, tuple(prefixes), nav, frozenset(agencies), vocabulary, head_words)


@lru_cache(maxsize=1)
def _default_rules() -> Rules:
    """Return the bundled rules, loaded once."""
    return load_rules()


def _names(text: str, rules: Rules) -> list[str] | None:
    """Split a credit text into names; None unless one of them is a known agency."""
    names = [n.strip(" .-–") for n in _NAME_SPLIT_RE.split(text.strip()) if n.strip(" .-–")]
    if names and any(_key(n) in rules.agencies for n in names):
        return names
    return None


def _prefix_reason(key: str, line: str, words: int, rules: Rules) -> tuple[str, str, bool] | None:
    """Return (reason, rest of line, whether ":"/"-"/"." follows the prefix) for a furniture prefix phrase."""
    if words > PREFIX_MAX_WORDS:
        return None
    for prefix, reason in rules.prefixes:
        if key.startswith(prefix) and (len(key) == len(prefix) or key[len(prefix)] == " "):
            spans = token_spans(line)
            n = len(prefix.split())
            rest = line[spans[n - 1].end :] if len(spans) >= n else ""
            separated = bool(_PREFIX_SEPARATOR_RE.match(rest))
            return reason, _PREFIX_SEPARATOR_RE.sub("", rest).strip(), separated
    return None


def _classify(line: str, rules: Rules) -> tuple[str, list[str]] | None:
    """Return (reason, credit names) for a line that is furniture on its own, else None."""
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
            names = _names(rest, rules) if separated and reason == "credit" else None
            if names and len(rest.split()) <= CREDIT_MAX_WORDS:
                return "credit", names
            if separated and reason == "masthead":
                return reason, []
        elif reason == "caption":
            if words <= CAPTION_MAX_WORDS and not sentence:
                return reason, []
        elif separated or not sentence or not rest:
            return reason, []  # a full sentence merely opening with the phrase is body text
    m = _CREDIT_LINE_RE.match(line)
    if m and words <= CREDIT_MAX_WORDS:
        names = _names(m.group(1), rules)
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


def clean(doc: RawDocument, rules: Rules | None = None) -> Article:
    """Clean one scraped document into an Article whose every span points into its `body`."""
    rules = rules or _default_rules()
    lines = _lines(doc.text)
    st = _State([], [], [], [], [])
    title_key = _key(doc.title) if doc.title else None
    title_seen = False  # a title line was met in the text (extracted or equal to doc.title)
    related = summary_block = drop_name = False
    for idx, item in enumerate(lines):
        line = item.text
        if drop_name:
            drop_name = False
            if line.count(" ") + 1 <= NAME_LINE_MAX_WORDS and not _SENTENCE_END_RE.search(line):
                st.removed.append(Removed(line, "masthead"))
                continue
        if summary_block:
            # The bullet items after the marker, or else the one paragraph right after it.
            if is_bullet(line) or (not st.summary and line.count(" ") + 1 <= SUMMARY_MAX_WORDS):
                st.summary.append(_BULLET_MARK_RE.sub("", line).strip())
                st.removed.append(Removed(line, "summary"))
                continue
            summary_block = False
        found = _classify(line, rules)
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
            if line.count(" ") + 1 <= DUPLICATE_CAPTION_MAX_WORDS and not _SENTENCE_END_RE.search(line):
                st.kept.pop()
                st.removed.extend([Removed(line, "caption"), Removed(line, "caption")])
            else:
                st.removed.append(Removed(line, "duplicate"))
            continue
        if not st.kept and _is_byline(line):
            st.removed.append(Removed(line, "byline"))
            continue
        if not st.kept and not title_seen:
            # Normalizing drops marks and symbols, so a line far longer than the title cannot equal it.
            if title_key is not None and len(title_key) <= len(line) <= 2 * len(title_key) + 20 \
                    and _key(line) == title_key:
                title_seen = True
                st.removed.append(Removed(line, "title"))
                continue
            if title_key is None and _is_headline(line, TITLE_MAX_WORDS) and idx + 1 < len(lines):
                title_seen = True
                st.title = line
                st.removed.append(Removed(line, "title"))
                continue
        if title_seen and not st.kept and not st.summary and _is_lede_summary(lines, idx):
            st.summary.append(line)
            st.removed.append(Removed(line, "summary"))
            continue
        st.kept.append(line)
    return _article(doc, st)


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
    )


def clean_all(docs: Iterable[RawDocument], rules: Rules | None = None) -> list[Article]:
    """Clean every document with one set of rules."""
    rules = rules or _default_rules()
    return [clean(d, rules) for d in docs]
