"""Furniture rules: the phrase lists of data/furniture.tsv compiled, and the class of one scraped line.

`classify` says whether a line is furniture on its own (and why: the reason codes of marsad.clean)
and which credit names it carries. `load_rules(extra)` extends the bundled lists with a user file
in the same KIND<TAB>PHRASE format.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from marsad.arabic.normalize import ARABIC_RE, normalize, token_spans
from marsad.datafiles import content_lines, read_text
from marsad.dating.calendar import DateMention, find_dates, is_date_line

_SYMBOL_RE = re.compile(r"[^\w\s]+")
_ALNUM_RE = re.compile(r"[^\W_]")
_DIGIT_RE = re.compile(r"\d")
# A title or heading does not end like a sentence or a clause ("?" and "!" are allowed: questions).
CLAUSE_END_RE = re.compile(r"[.:،,؛;…][\s\"'»”)\]]*$")
SENTENCE_END_RE = re.compile(r"[.!?؟…:][\s\"'»”)\]]*$")
_CREDIT_LINE_RE = re.compile(r"^\(([^()]+)\)\.?$")
_TRAILING_PAREN_RE = re.compile(r"\(([^()]+)\)$")
_NAME_SPLIT_RE = re.compile(r"\s*[،,/;؛]\s*|\s+و\s*(?=\S)|\s+[-–—]\s+")
_DATELINE_TAIL_RE = re.compile(r"^\s*(?:م(?!\w))?[\s:\-–—(]*|[\s).]*$")
_PREFIX_SEPARATOR_RE = re.compile(r"^\s*[:\-–—ـ./]+")
CREDIT_NAME_MAX_WORDS = 5  # an unknown credit name: "وكالة الأنباء السعودية الرسمية" has 4 words
BYLINE_MAX_WORDS = 6  # "عين اليوم – حائل", "سلوى المدني ـ جدة": SaudiNewsNet datelines have 2–5 words
PREFIX_MAX_WORDS = 25  # a furniture phrase at the start of a longer line is body text quoting it
CREDIT_MAX_WORDS = 8
CAPTION_MAX_WORDS = 20
LONG_LINE_WORDS = 40  # no furniture rule applies beyond this: skip the checks
DATELINE_PLACE_WORDS = 2  # "إسلام آباد" before a wire dateline; more words are a sentence
DATE_LINE_MAX_WORDS = 16  # "نشر في: الجمعة 28 فبراير 2025 الموافق 29 شعبان 1446 - 10:30 ص" is 14 tokens
NAV_MAX_CHARS = 80  # breadcrumbs of 3–4 glued section names are under 40 characters in the seeds


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


def line_key(text: str) -> str:
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
            sections.add(line_key(phrase).replace(" ", ""))
        elif kind == "agency":
            agencies.add(line_key(phrase))
        elif kind in sets:
            sets[kind].add(line_key(phrase))
        elif phrase.endswith(" *"):
            head = phrase[:-2].rstrip()
            prefixes.append((line_key(head), kind, head.endswith(":") or kind in ("masthead", "credit")))
        else:
            phrases[line_key(phrase)] = kind
            if kind in ("share", "english-ui"):
                vocabulary.update((w, kind) for w in line_key(phrase).split())
    nav = None
    if sections:
        alternation = "|".join(re.escape(s) for s in sorted(sections, key=len, reverse=True))
        nav = re.compile(f"(?:و?(?:{alternation}))+")  # "أخبار عربية ودولية": sections joined by و
    prefixes.sort(key=lambda p: len(p[0]), reverse=True)
    head_words = max([len(p.split()) for p in phrases] + [len(p.split()) for p, _, _ in prefixes] + [1])
    return Rules(phrases, tuple(prefixes), nav, frozenset(agencies), frozenset(sets["credit-word"]),
                 frozenset(sets["agency-head"]), vocabulary, head_words)


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    """Return the bundled rules, loaded once."""
    return load_rules()


def credit_names(text: str, rules: Rules, unknown: bool = False) -> list[str] | None:
    """Split a credit text into names; None unless one is a known agency (or `unknown` names are allowed).

    Credit words ("خاص") are dropped and also allow unknown names: "(خاص - NAME)" is a credit.
    """
    parts = [n.strip(" .-–") for n in _NAME_SPLIT_RE.split(text.strip()) if n.strip(" .-–")]
    names = [n for n in parts if line_key(n) not in rules.credit_words]
    if not names:
        return None
    if any(line_key(n) in rules.agencies for n in names):
        return names
    if (unknown or len(names) < len(parts)) and not SENTENCE_END_RE.search(text) \
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
            rest = line[spans[n - 1][1] :] if len(spans) >= n else ""
            separated = bool(_PREFIX_SEPARATOR_RE.match(rest))
            if needs_separator and not separated and reason not in ("masthead", "credit"):
                continue  # "كتب الوزير ..." is a sentence; only "كتب: NAME" is a byline
            return reason, _PREFIX_SEPARATOR_RE.sub("", rest).strip(), separated
    return None


Found = tuple[str, list[str]]  # (reason, credit names)


def classify(line: str, rules: Rules, tail: bool = False, after_body: bool = False) -> Found | None:
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
    key = line_key(line if whole else " ".join(line.split(maxsplit=rules.head_words)[: rules.head_words]))
    return ((_whole_line(line, key, words, rules) if whole else None)
            or _by_prefix(line, key, words, rules, tail)
            or _parenthesized(line, words, rules, after_body)
            or _date_line(line, words, rules))


def _whole_line(line: str, key: str, words: int, rules: Rules) -> Found | None:
    """Classify a line that is a furniture phrase, a run of share words or glued section names as a whole."""
    reason = rules.phrases.get(key)
    if reason:
        return reason, []
    if words <= 6 and len(key.split()) >= 2 and all(w in rules.vocabulary for w in key.split()):
        return ("share" if ARABIC_RE.search(line) else "english-ui"), []
    if rules.nav and len(key) <= NAV_MAX_CHARS and not CLAUSE_END_RE.search(line) \
            and rules.nav.fullmatch(key.replace(" ", "")):
        return "nav", []
    return None


def _by_prefix(line: str, key: str, words: int, rules: Rules, tail: bool) -> Found | None:
    """Classify a line opening with a furniture phrase (a credit, masthead, caption or byline prefix)."""
    found = _prefix_reason(key, line, words, rules)
    if not found:
        return None
    reason, rest, separated = found
    sentence = bool(SENTENCE_END_RE.search(line))
    if reason in ("credit", "masthead"):
        names = credit_names(rest, rules, tail) if separated and reason == "credit" else None
        if names and len(rest.split()) <= CREDIT_MAX_WORDS:
            return "credit", names
        return (reason, []) if separated and reason == "masthead" else None
    if reason == "caption":
        return (reason, []) if words <= CAPTION_MAX_WORDS and not sentence else None
    if reason == "byline":
        fits = rest and len(rest.split()) <= BYLINE_MAX_WORDS and not CLAUSE_END_RE.search(line)
        return (reason, []) if fits else None
    # A full sentence merely opening with the phrase is body text.
    return (reason, []) if separated or not sentence or not rest else None


def _parenthesized(line: str, words: int, rules: Rules, after_body: bool) -> Found | None:
    """Classify a credit line "(A، B)" or a caption ending in "(AGENCY)"."""
    m = _CREDIT_LINE_RE.match(line)
    if m and words <= CREDIT_MAX_WORDS:
        names = credit_names(m.group(1), rules, after_body and not line.endswith("."))
        if names:
            return "credit", names
    m = _TRAILING_PAREN_RE.search(line)
    if m and m.start() > 0 and words <= CAPTION_MAX_WORDS and not line.endswith(".") \
            and not SENTENCE_END_RE.search(line[: m.start()]) and credit_names(m.group(1), rules):
        return "caption", []
    return None


def _date_line(line: str, words: int, rules: Rules) -> Found | None:
    """Classify a line that is only a date, or a wire dateline "PLACE DATE AGENCY" (credits AGENCY)."""
    if words > DATE_LINE_MAX_WORDS or not _DIGIT_RE.search(line):
        return None
    mentions: list[DateMention] = find_dates(line)
    if mentions and is_date_line(line, mentions):
        return "date", []
    names = _dateline_credit(line, mentions, rules) if mentions else None
    return ("date", names) if names else None


def _dateline_credit(line: str, mentions: list[DateMention], rules: Rules) -> list[str] | None:
    """Return the agency names of a wire dateline "PLACE DATE AGENCY" ("أبها 3 مايو 2015 م واس"), else None."""
    place = line[: mentions[0].start].split()
    if len(place) > DATELINE_PLACE_WORDS or _SYMBOL_RE.search(" ".join(place)):
        return None
    if not is_date_line(line[mentions[0].start : mentions[-1].end]):
        return None
    return credit_names(_DATELINE_TAIL_RE.sub("", line[mentions[-1].end :]), rules)
