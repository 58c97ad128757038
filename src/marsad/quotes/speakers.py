"""Speaker phrases: who a reporting verb or source marker gives the words to, and what kind of speaker it is.

The speaker phrase is the run of tokens after a verb (or after عن / "ما نقلته" for a relay or source
marker) up to a complementizer (إن/أن/بأن), punctuation, a preposition after a name, a relative
pronoun or another verb. In it, the person's name is the run of name-like words after the role
words (قال وزير الخارجية سيرغي لافروف: role "وزير الخارجية", name "سيرغي لافروف"); an institution or
an unnamed official speaks as the whole phrase. `speaker_head` classifies a quote's speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from marsad.arabic.normalize import normalize, trim
from marsad.arabic.stem import is_stopword, pronoun_suffixed
from marsad.doc import Doc
from marsad.ner.features import default_lexicon, key
from marsad.quotes.marks import MARK_RE, MARKS, QUOTING_CLASSES, Marked
from marsad.quotes.words import (
    Lexicon,
    bare,
    is_common,
    is_definite,
    is_nisba,
    is_particle,
    is_role,
    is_verbal_noun,
    listed,
    load_lexicon,
    name_like,
)
from marsad.types import Quote, Span

# Gap text between two tokens that ends a speaker phrase.
_STOP_PUNCT_RE = re.compile(r"[:،,.;؛!?؟()\[\]\n]")
_LINE_OR_COLON_RE = re.compile(r"[:\n]")
TRIM = " \t\n.,،:;؛-–—"
# A word of a speaker name: letters and marks up to a space, quote mark or punctuation.
_WORD_RE = re.compile(r"[^\s\"«»“”„‟‘’:،,.;؛!?؟()\[\]]+")
# A subject longer than this is a clause, not a speaker. 12 from the seeds (longest role + name: 9); re-set
# on the dev half of the blind quotes set: speaker accuracy 0.853 at 12, 0.886 from 14 to 20 (a branch
# director's 13-token title before his name, "مدير عام فرع وزارة الشؤون الإسلامية … الشيخ فلان"), so 14.
MAX_SPEAKER_TOKENS = 14
MAX_NAME_TOKENS = 4  # first + father's + family name + one more; longer runs are not one name
# The longest outlet name in marks after لـ that a complementizer may follow ("لـ«الشرق الأوسط»"), in characters.
TOLD_CHARS = 40
CLOSING_RE = re.compile('["»”]')  # a quote mark that closes a quoted name
COMMA_RE = re.compile("[،,]")
NAME_TAIL_TOKENS = 2  # words a name in marks may take after them before a comma: "وكالة «نجمة» للأنباء،"
# A quoted text's closing mark, after the spaces some outlets leave inside it ('وكالة "نجمة " أن').
_CLOSE_AFTER_RE = re.compile(f"[ \t]*[{re.escape(MARKS)}]")
# A quoted phrase this close (in tokens) before a complementizer sits inside the speaker phrase, so it
# is a title (قالت وكالة "ريا نوفستي" الروسية إن): seen up to 2 tokens in the seeds, 4 leaves room. On the
# dev half of the blind quotes set 2, 4 and 6 find the same quotes but one.
TITLE_GAP_TOKENS = 4
# The same for a name-length quote (MAX_NAME_TOKENS), which a description may follow before إن/أن ('ويرى
# «فلان»، نائب الرئيس ومدير المنتجات في الشركة، أن'): read on seven whole dev days, 8 finds about 40 more
# statements on 2,800 articles and better speakers; longer quotes kept at 4 lose no direct quote.
NAME_GAP_TOKENS = 8
# How far past the subject إن/أن may still come: the longest adverbial run seen in the seeds before it
# ("خلال زيارة إلى تركيا الخميس", "لوكالة فرانس برس، اليوم الخميس،") is 6 tokens. Re-checked on the dev half
# of the blind quotes set: recall 0.864 at 6, 0.874 at 8, 0.879 at 16; but of the 296 quotes 16 adds on
# seven whole dev days about a third take the أن of another clause ("رغم أن", "شرط أن"), and the set
# counts no false quote, so 8 stays.
LOOKAHEAD_TOKENS = 8

HeadKind = Literal["name", "institution", "anaphor", "statement", "official", "generic"]


@dataclass(frozen=True)
class Speaker:
    """A speaker found in the text: the name (or whole institution phrase) offsets and the role's, if any."""

    start: int
    end: int
    role: tuple[int, int] | None


@dataclass
class Phrase:
    """The tokens after a verb or source marker up to what stopped them, and titles passed on the way."""

    idx: list[int]
    stop: int  # token index that stopped the phrase (a complementizer), or -1
    titles: list[tuple[int, int]]


def name_in(doc: Doc, idx: Sequence[int], lex: Lexicon) -> tuple[int, int] | None:
    """Return the (first, last+1) token positions within `idx` of the person's name in a speaker phrase."""
    norms = doc.tokens.words
    start: int | None = None
    started_tagged = False  # the name opens in a person the tagger found: it ends where that person does
    unnamed = False  # after an unnamed source's word ("مصادر عسكرية اتصلت بها …"), only a tagged person is a name
    placed = False  # so, after a role's preposition, a word qualifying the noun before it: "في مؤتمر صحافي"
    for k, i in enumerate(idx):
        norm = norms[i]
        prev = norms[idx[k - 1]] if k else ""
        unnamed = unnamed or listed(prev, lex, "anonymous")
        placed = placed or (k > 1 and prev in lex.kind("preposition") and any(
            is_role(norms[j], lex) for j in idx[: k - 1]))
        if _possessed(doc, i):
            break  # a new clause: "متحدث باسم الصندوق ومقره واشنطن"
        tagged = in_mention(doc, i, ("PER",))  # "علي بن عمير": a name the tagger found, though علي reads as على
        if start is None:
            # A tagged person's word may look common by its ending (ديدييه، خوسيه) or be a particle once
            # normalized (علي), not by its article: "السناتور الجمهوري" the tagger took in is no name.
            # A definite family name the tagger found on its own after a title is a name ("الدكتور الأحمد").
            surname = tagged and is_role(prev, lex) and _person_starts(doc, i)
            common = (is_definite(norm) and not surname) if tagged else is_common(norm) or not name_like(norm, lex)
            if is_role(norm, lex) or common \
                    or is_particle(prev, lex) \
                    or in_mention(doc, i, ("LOC",)) \
                    or (unnamed and not _person_at(doc, i, 1)) \
                    or (placed and _qualifies(doc, i, lex) and not tagged):
                continue  # a place the tagger found opens no person's name ("مدير فنون أبها أحمد …"), nor
                # does the description of an unnamed source ("مصادر مطلعة")
            quoted = MARK_RE.match(doc.body[doc.tokens.starts[i] - 1 : doc.tokens.starts[i]] or " ")
            if common_word(norm) and not default_lexicon().has_word(norm) and not quoted and not tagged:
                continue  # a verbal noun opens no name ("أكدت المؤسسة … انتظام الرحلات"); a quoted or listed word may
            start, started_tagged = k, tagged
        elif (
            is_role(norm, lex) or is_nisba(norm) or (not tagged and not name_like(norm, lex))
            or k - start >= MAX_NAME_TOKENS or (is_common(norm) and is_common(prev)) or (started_tagged and not tagged)
        ):
            return start, k
    return (start, len(idx)) if start is not None else None


def _qualifies(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Return True when token i may qualify the indefinite noun right before it (an adjective, a construct).

    "في مؤتمر صحافي": صحافي describes the conference; a name follows a definite word, a title or a comma
    ("في أمانة عمان الكبرى عماد الحياري"، "في محافظة عدن، الخضر لصور").
    """
    starts, ends, norms = doc.tokens
    prev, gap = norms[i - 1], doc.body[ends[i - 1] : starts[i]]
    return not is_definite(prev) and not is_role(prev, lex) and not _STOP_PUNCT_RE.search(gap)


def common_word(norm: str) -> bool:
    """Return True for a word the tagger's training text uses mostly outside names."""
    bare = norm[2:] if norm.startswith("ال") else norm  # not key(): it would read فادي as ف + ادي
    return default_lexicon().is_common(bare)


def object_word(norm: str) -> bool:
    """Return True for a word that can open a verb's object after its subject: a common word or a verbal noun."""
    return common_word(norm) or is_verbal_noun(norm)


def in_mention(doc: Doc, i: int, labels: Sequence[str] = ("PER", "ORG", "LOC", "MISC")) -> bool:
    """Return True when token i lies inside a name the tagger found with one of `labels`."""
    return any(label in labels for label in doc.mention_labels(i))


def _possessed(doc: Doc, i: int) -> bool:
    """Return True for token i written with an attached pronoun, unless the tagger put it in a name (أبها is a city)."""
    starts, ends = doc.tokens.starts, doc.tokens.ends
    return pronoun_suffixed(doc.body[starts[i] : ends[i]]) and not in_mention(doc, i)


def own_people(norm: str, lex: Lexicon) -> bool:
    """Return True for a role word with a possessive pronoun: "مصادرها", "مراسلها" (an outlet's own people speak)."""
    return any(norm.endswith(suffix) and listed(norm[: -len(suffix)], lex, "role") for suffix in ("هم", "ها", "ه"))


def speaker(doc: Doc, idx: list[int], lex: Lexicon, source: bool = False) -> Speaker | None:
    """Turn the tokens of a speaker phrase into a speaker: the name span and the role before it.

    With `source`, the phrase follows a source marker, whose ل it may carry ("وفقا لمصادر مطلعة").
    A name in marks is kept whole: 'شبكة "سي إن إن' takes its closing mark ('شبكة "سي إن إن"').
    """
    found = _speaker(doc, idx, lex, source)
    if found is None:
        return None
    start, end = _paired(doc.body, found.start, found.end)
    return Speaker(start, end, found.role)


def _paired(body: str, start: int, end: int) -> tuple[int, int]:
    """Return a span with each class of its quote marks paired: the missing mark just outside it taken in."""
    for marks in QUOTING_CLASSES:
        if sum(c in marks for c in body[start:end]) % 2 == 0:
            continue
        after, before = end, start
        while after < len(body) and body[after] == " ":
            after += 1  # a space may stand before the closing mark: 'شبكة "سي إن إن "'
        while before > 0 and body[before - 1] == " ":
            before -= 1
        if after < len(body) and body[after] in marks:
            end = after + 1
        elif before > 0 and body[before - 1] in marks:
            start = before - 1
    return start, end


def _speaker(doc: Doc, idx: list[int], lex: Lexicon, source: bool) -> Speaker | None:
    """Return `speaker`'s speaker before its marks are paired."""
    if not idx:
        return None
    starts, ends, norms = doc.tokens
    lead = norms[idx[0]]
    if (not source and (lead.startswith("لل") or (lead[:1] == "ل" and default_lexicon().is_common(key(lead[1:]))))) \
            or lead == "ما" or lead in lex.kind("relative"):
        return None  # the verb's object, addressee or object clause: "لقطار آخر"، "للصحفيين"، "تؤكد ما ذهب إليه"
    suffixed = [k for k, i in enumerate(idx) if _possessed(doc, i) and not (k == 0 and own_people(norms[i], lex))]
    if suffixed:  # a verb or a possessed noun opens a new clause: "تقرير أصدره", "ومقره واشنطن قوله"
        idx = idx[: suffixed[0]]
        while idx and norms[idx[-1]] in lex.kind("preposition"):
            idx = idx[:-1]  # "الوزارة في دليلها": the preposition went with the possessed noun
        if not idx:
            return None
    idx = idx[: object_at(doc, idx, lex)]
    # A source marker's ل is no part of its source: "وفقا لمصادر مطلعة" → "مصادر مطلعة"
    first, last = starts[idx[0]] + (source and doc.body[starts[idx[0]]] == "ل"), ends[idx[-1]]
    found = name_in(doc, idx, lex)
    if found is None:  # an institution or an unnamed official: the whole phrase speaks
        named = next((m for m in doc.mentions or () if m.label == "ORG" and first <= m.start < ends[idx[0]]
                      and m.end <= last), None)
        if named is not None:
            return Speaker(named.start, named.end, None)  # the organisation the tagger named, whole
        for k in range(1, len(idx)):
            norm, prev = norms[idx[k]], norms[idx[k - 1]]
            if norm in lex.kind("preposition") and not listed(prev, lex, "role"):
                return Speaker(first, ends[idx[k - 1]], None)  # "الصحيفة في تقرير لها": where it said it
            # Two definite nouns in a row start a new noun phrase, the verb's object (وصفت النقابة الاتفاق).
            year = k + 1 < len(idx) and norms[idx[k + 1]] in lex.kind("time")  # "الحكومة العام الماضي"
            if norm.startswith("ال") and not norm.endswith(("ي", "يه")) and prev.startswith(("ال", "وال")) \
                    and (norm not in lex.kind("adjective") or year):
                return Speaker(first, ends[idx[k - 1]], None)
        return Speaker(first, last, None)
    a, b = _tagged_person(doc, idx, found)
    start, end = starts[idx[a]], ends[idx[b - 1]]
    role = trim(doc.body, first, start, TRIM + MARKS)
    return Speaker(start, end, role if role[0] < role[1] else None)


def object_at(doc: Doc, idx: list[int], lex: Lexicon) -> int:
    """Return where a speaker phrase's subject ends: at an indefinite common noun right after a definite word.

    Adjectives agree with their noun, so such a noun opens a new noun phrase, the verb's object: "ولم
    يوضح المتحدث هوية القتيل"، "أعلنت الهيئة العامة للطيران المدني تأجيل الرحلات". Not a particle or
    stopword (في), a complementizer's form ("بان كي مون"), a word with a preposition (لوزارة، باسم), a
    role or institution word, or a word the tagger put in a person's name.
    """
    norms = doc.tokens.words
    for k in range(1, len(idx)):
        norm = norms[idx[k]]
        if is_definite(norms[idx[k - 1]]) and not is_definite(norm) and norm[:1] not in "لبكو" \
                and object_word(norm) and not is_role(norm, lex) and not is_particle(norm, lex) \
                and not is_stopword(norm) and norm not in lex.kind("complementizer") \
                and not in_mention(doc, idx[k], ("PER",)):
            return k
    return len(idx)


def _person_starts(doc: Doc, i: int) -> bool:
    """Return True when a person the tagger found starts at token i."""
    return any(m.label == "PER" and m.start == doc.tokens.starts[i] for m in doc.mentions or ())


def _person_at(doc: Doc, j: int, reach: int = 3) -> bool:
    """Return True when a person the tagger found starts within `reach` tokens from j ("بالدمام أحمد العباسي")."""
    starts, ends = doc.tokens.starts, doc.tokens.ends
    stop = ends[min(j + reach - 1, len(ends) - 1)]
    return any(m.label == "PER" and starts[j] <= m.start < stop for m in doc.mentions or ())


def _tagged_person(doc: Doc, idx: list[int], found: tuple[int, int]) -> tuple[int, int]:
    """Return the name a speaker phrase holds: the one found, unless the tagger saw a person only elsewhere in it.

    "مدير العلاقات العامة بمطار الملك فهد الدولي أحمد العباسي": "فهد الدولي" (of the airport's name) looks
    like a name too; the person the tagger found at the end of the title is who speaks. Failing one
    after it, a person before a "name" that opens with a preposition: "وأضاف العباسي بتصريح خاص" (a
    definite surname is no name to `name_in`); before a plain untagged name, a tagged person is more
    often the one the title names ("المتحدث باسم الرئيس أوباما جوش إرنست").
    """
    starts, ends, norms = doc.tokens
    people = [m for m in doc.mentions or () if m.label == "PER"]
    if not people or any(in_mention(doc, idx[k], ("PER",)) for k in range(*found)):
        return found
    before = range(found[0]) if norms[idx[found[0]]][:1] in "بلك" else range(0)
    for k in [*range(found[1], len(idx)), *before]:
        person = next((m for m in people if starts[idx[k]] <= m.start < ends[idx[k]]), None)
        if person is not None:
            last = max(j for j in range(k, len(idx)) if starts[idx[j]] < person.end)
            return k, last + 1
    return found


def phrase(doc: Doc, i: int, end: int, quotes: list[Marked], lex: Lexicon, source: bool,
           fronted: bool = False) -> Phrase:
    """Collect the speaker phrase after token `i` (a verb or source marker) within sentence end `end`.

    With `source`, a quoted text right at the start of the phrase is the source's name (وفقا لما نقلته
    «وكالة ...»), not a quote; so is a name-length one closed right before a colon ('وقال "فلان": "…"').
    With `fronted` (a source marker opening its sentence), so is one after a body's head word, and with no
    comma right after it the account starts after its marks and adjectives ("بحسب تقرير «فلان» ارتفع …").
    """
    body = doc.body
    starts, ends, norms = doc.tokens
    comp = lex.kind("complementizer")
    idx: list[int] = []
    titles: list[tuple[int, int]] = []
    j = i + 1
    passed = 0  # end of the last title passed: its closing mark is no new quote
    named = 0  # the same, when that title is name-length: the lookahead may pass its closing mark
    while j < len(starts) and starts[j] < end and len(idx) < MAX_SPEAKER_TOKENS:
        gap = body[max(ends[j - 1], passed) : starts[j]]
        # "وقال الوزير لـ«الشرق الأوسط» إن": the outlet told, in marks; after a name, 'لشبكة «…»' ends the phrase
        if (outlet := addressee(doc, j, quotes)) is not None and not (idx and norms[j] != "ل"):
            titles.append(outlet[:2])
            passed = named = _after_close(body, outlet[1])
            j = _first_from(starts, j + 1, outlet[1])
            continue
        if MARK_RE.search(gap):
            quote = next((q for q in quotes if q[0] == starts[j] or q[0] <= starts[j] < q[1]), None)
            headed = fronted and quote is not None and ":" not in gap and _names_head(doc, idx, quote, lex)
            if quote is None or not (headed or _quoted_title(doc, idx, quote, gap, end, source, comp)):
                break
            titles.append(quote[:2])
            passed = _after_close(body, quote[1])
            named = passed if len(doc.token_range(quote[0], quote[1])) <= MAX_NAME_TOKENS else 0
            after = _first_from(starts, j, quote[1])
            while headed and after < len(starts) and starts[after] < end and _relational(norms[after]):
                after += 1  # "وبحسب صحيفة «فلان» البريطانية": the name's adjectives
            idx += range(j, after)
            j = after
            if headed and not _comma_soon(doc, j, end):
                break  # "بحسب تقرير «فلان» ارتفع": no comma just after the name, the account starts there
            continue
        if _STOP_PUNCT_RE.search(gap) and not _apposed(doc, j, idx, gap, lex):
            break
        if opens(doc, j, lex):
            return Phrase(idx, j + (norms[j] not in comp), titles)
        if not idx and norms[j] in lex.kind("time"):
            j += 1  # a time before the subject: "أعلن أمس الأربعاء وزير الصحة …"
            continue
        if _ends_subject(doc, j, idx, lex):
            break
        if norms[j] not in lex.kind("filler"):
            idx.append(j)
        j += 1
    return Phrase(idx, _lookahead(doc, j, end, lex, named), titles)


def _first_from(starts: Sequence[int], j: int, stop: int) -> int:
    """Return the first token from `j` on that starts at or after body offset `stop`."""
    while j < len(starts) and starts[j] < stop:
        j += 1
    return j


def _quoted_title(doc: Doc, idx: list[int], quote: Marked, gap: str, end: int, source: bool,
                  comp: frozenset[str]) -> bool:
    """Return True when a quoted text met in a speaker phrase names who speaks (a title), not what was said."""
    if not idx and (source or (":" not in gap and _named_before_colon(doc, quote))):
        return True
    # after a colon, marks open what was said: 'وقال مميش: «…»، مشيرا إلى أن' is no title
    return ":" not in gap and _is_title(doc, quote, end, comp)


def _names_head(doc: Doc, idx: list[int], quote: Marked, lex: Lexicon) -> bool:
    """Return True for a closed, name-length quoted text right after an institution, statement or document word."""
    return bool(idx) and quote[2] and len(doc.token_range(quote[0], quote[1])) <= MAX_NAME_TOKENS \
        and listed(doc.tokens.words[idx[-1]], lex, "institution", "statement", "document")


def _relational(norm: str) -> bool:
    """Return True for a definite relational adjective (البريطانية، الأمريكي): it goes with the name before it."""
    return norm.startswith("ال") and norm.endswith(("ي", "يه")) and len(norm) > 4


def _comma_soon(doc: Doc, j: int, end: int) -> bool:
    """Return True when a comma follows token `j` or the one after it, within sentence end `end`."""
    starts, ends = doc.tokens.starts, doc.tokens.ends
    return any(k + 1 < len(starts) and starts[k + 1] < end and COMMA_RE.search(doc.body[ends[k] : starts[k + 1]])
               for k in range(j, min(j + NAME_TAIL_TOKENS, len(starts))))


def _after_close(body: str, end: int) -> int:
    """Return where the closing mark of a quoted text ending at `end` ends (`end` + 1 when none follows)."""
    close = _CLOSE_AFTER_RE.match(body, end)
    return close.end() if close else end + 1


def _apposed(doc: Doc, j: int, idx: list[int], gap: str, lex: Lexicon) -> bool:
    """Return True for a person's name set off by a comma after a title that names no one, or after "د.".

    "وقال ممثل غرفة الملاحة الدولية، بيتر هينشكليف، إن": the title's person follows the comma, perhaps after
    a title of address ("الأمين العام لمجلس التعاون، الدكتور فلان، عن").
    """
    norms = doc.tokens.words
    if idx and gap.strip() == "." and len(norms[idx[-1]]) == 1 and is_role(norms[idx[-1]], lex):
        return True  # an abbreviated title: "وأوضح د. فلان أن"
    person = _person_at(doc, j, 1) or (is_role(norms[j], lex) and j + 1 < len(norms) and _person_at(doc, j + 1, 1))
    return bool(idx) and gap.strip() in ("،", ",") and is_role(norms[idx[0]], lex) and person \
        and name_in(doc, idx, lex) is None


def _ends_subject(doc: Doc, j: int, idx: list[int], lex: Lexicon) -> bool:
    """Return True when token `j` ends a speaker phrase: a preposition after a name, a boundary or another verb.

    A relative pronoun or a ب-prepositional phrase (أشادت الوزارة بالمحادثات التي) ends the subject too.
    """
    norm = doc.tokens.words[j]
    if in_mention(doc, j, ("PER",)):
        return False  # "المقدم علي بن عمير": على and علي are one word once normalized
    if norm in lex.kind("preposition") and (not idx or name_in(doc, idx, lex) is not None):
        return True
    if idx and told(doc, j, lex):
        return True  # "قال مسؤول أمريكي للصحافيين": whom he told
    # "بال…" is the verb's object ("أشادت الوزارة بالمحادثات"), or the place of a role still waiting for
    # its name ("مدير إدارة العمليات بالأمانة راشد الحربي")
    if norm.startswith("بال"):
        titled = bool(idx) and is_role(doc.tokens.words[idx[0]], lex) and (
            name_in(doc, idx, lex) is None or _person_at(doc, j))
        return not titled
    return (norm in lex.kind("boundary") or norm in lex.kind("relative") or norm in lex.kind("source")
            or (lex.verb_match(norm) is not None and not _construct(doc, j, idx, lex)))


def _construct(doc: Doc, j: int, idx: list[int], lex: Lexicon) -> bool:
    """Return True for a participle that opens the subject as a noun with its genitive: "قالت مدعية المحكمة"."""
    norms = doc.tokens.words
    match = lex.verb_match(norms[j])
    return not idx and match is not None and match[0] == "participle" and norms[j].endswith("ه") \
        and j + 1 < len(norms) and is_definite(norms[j + 1])


def told(doc: Doc, j: int, lex: Lexicon) -> bool:
    """Return True when token j (after a speaker) names who was told: "للصحافيين"، "لوكالة فرانس برس"."""
    norm = doc.tokens.words[j]
    return (norm[:1] == "ل" and not norm.startswith("ال") and bare(norm) in lex.kind("audience")) \
        or _told_outlet(doc, j, lex)


def _told_outlet(doc: Doc, j: int, lex: Lexicon) -> bool:
    """Return True when token j is ل with an outlet word right after who told it ("مصدر أمني لوكالة").

    That is a name the tagger found, an unnamed source (مصدر، مسؤول) or an indefinite relational
    adjective; after other words ل makes a title ("المدير العام لوكالة"، "مراسل لوكالة"، "تعداد لوكالة").
    """
    norms = doc.tokens.words
    norm = norms[j]
    if not j or norm[:1] != "ل" or norm.startswith("ال") or bare(norm) not in lex.kind("outlet"):
        return False
    prev = norms[j - 1]
    return in_mention(doc, j - 1, ("PER",)) or listed(prev, lex, "anonymous") \
        or (not is_definite(prev) and prev.endswith(("ي", "يه", "يون", "يين")))


def _lookahead(doc: Doc, j: int, end: int, lex: Lexicon, passed: int = 0) -> int:
    """Return the complementizer a few adverbials after the subject opens (-1 when none does).

    The subject may be followed by adverbials before إن/أن (قالت فلانة خلال زيارة إلى تركيا الخميس إن). A
    quote mark stops the search, unless it closes a name-length title the phrase passed (`passed`: the
    title's end), "قالت «رويترز» في تحليل لها بأن", or marks the outlet told: "خلال حديثه لـ«عكاظ» أن".
    """
    body = doc.body
    starts, ends, norms = doc.tokens
    for k in range(j, min(j + LOOKAHEAD_TOKENS, len(starts))):
        if starts[k] >= end or lex.verb_match(norms[k]) is not None:
            break
        before = ends[max(k - 1, 0)]
        gap = body[before : starts[k]]
        if k > j and (norms[k - 1] == "ل" or (_told_outlet(doc, k - 1, lex) and MARK_RE.search(gap))) \
                and (close := CLOSING_RE.search(body, starts[k], starts[k] + TOLD_CHARS)):
            passed = close.end()  # the outlet told, in marks: "لـ «عكاظ»", "لإذاعة «…»"
        if starts[k] < passed:
            continue  # a word of the outlet's name: 'لشبكة "ان.بي.سي"' holds no أن
        if (k > j and _LINE_OR_COLON_RE.search(gap)) or MARK_RE.search(body[max(before, passed) : starts[k]]):
            break
        if passed and any(c in gap for c in "،,") and (
                norms[k][:1] == "و" or norms[k] in lex.kind("connective") or norms[k] == "اذ"):
            break  # past a title, a new clause: 'مثل يقول "…"، ولذلك فإن'، '«الشرق الأوسط»، إذ إنه'
        if opens(doc, k, lex):
            return k + (norms[k] not in lex.kind("complementizer"))
    return -1


def opens(doc: Doc, j: int, lex: Lexicon) -> bool:
    """Return True when token `j` opens reported speech: إن/أن/بأن, or a preposition before one (إلى أن)."""
    norms = doc.tokens.words
    comp = lex.kind("complementizer")
    if norms[j] in comp:  # "بان كي مون" and "لويس فان غال" are names, not بأن and فإن
        if j and norms[j - 1] in lex.kind("not_speech"):
            return False  # "قبل أن يبدأ جولة": a time, not what was said
        at, to = doc.tokens.starts[j], doc.tokens.ends[j]
        inside = any(m.label == "PER" and m.start <= at and to < m.end for m in doc.mentions or ())
        return not _person_at(doc, j, 1) and not inside \
            and not (j + 1 < len(norms) and norms[j + 1] in lex.kind("name_part"))
    # إلى/على/عن أن (what was pointed at, stressed, spoken of); not a time's بعد أن، قبل أن، منذ أن
    return norms[j] in lex.kind("object") and j + 1 < len(norms) and norms[j + 1] in comp


def addressee(doc: Doc, j: int, quotes: list[Marked]) -> Marked | None:
    """Return the quoted name after لـ at token j (the outlet told: لـ«الشرق الأوسط»، لشبكة «…»), or None."""
    starts = doc.tokens.starts
    if j + 1 >= len(starts) or (doc.tokens.words[j] != "ل" and not _told_outlet(doc, j, load_lexicon())):
        return None
    quote = next((q for q in quotes if q[0] <= starts[j + 1] < q[1]), None)
    short = quote is not None and quote[2] and len(doc.token_range(quote[0], quote[1])) <= MAX_NAME_TOKENS
    return quote if short else None


def _named_before_colon(doc: Doc, quote: Marked) -> bool:
    """Return True for a name-length quoted text closed right before a colon: 'وقال "فلان": "…"'."""
    short = len(doc.token_range(quote[0], quote[1])) <= MAX_NAME_TOKENS
    return short and quote[2] and doc.body[quote[1] : quote[1] + 4].lstrip(" " + MARKS).startswith(":")


def _is_title(doc: Doc, quote: Marked, end: int, comp: frozenset[str]) -> bool:
    """Return True when a quoted text is followed closely by a complementizer or an object preposition.

    Then it names the speaker: "قالت وكالة «ريا نوفستي» إن", "أكد المحترف «فلان» على صعوبة …"; so does a
    body's name in marks between an object verb and its verbal noun ('وأكدت "الوزارة" عدم رصد …').
    """
    lex = load_lexicon()
    norms = doc.tokens.words
    short = len(doc.token_range(quote[0], quote[1])) <= MAX_NAME_TOKENS
    # A name-length quote may be followed by its description first: 'موقع "بي سي ماجازين" المتخصص في … إلى أن'.
    after = list(doc.token_range(quote[1], end))[: NAME_GAP_TOKENS if short else TITLE_GAP_TOKENS]
    not_speech = lex.kind("not_speech")  # '"…" بعد أن': a time after words said, not a name before إن
    if any(norms[k] in comp and norms[k - 1] not in not_speech for k in after):
        return bool(quote[2])
    # Before على/عن/إلى only a name-length quote: «نحن هنا» في إشارة إلى … is words said, not a name.
    near = after[:TITLE_GAP_TOKENS]
    if short and any(norms[k] in lex.kind("object") for k in near) and bool(quote[2]):
        return True
    # Right after a verb that takes its words as an object, a quoted name (a body's head word or a name
    # the tagger found) with an indefinite verbal noun or common word right after it.
    before, inside = doc.token_range(0, quote[0]), doc.token_range(quote[0], quote[1])
    return short and bool(quote[2]) and bool(after) and bool(before) and bool(inside) \
        and inside[0] == before[-1] + 1 and after[0] == inside[-1] + 1 \
        and (listed(norms[inside[0]], lex, "institution", "role", "statement", "document")
             or in_mention(doc, inside[0])) \
        and norms[before[-1]] in lex.object_forms and not is_definite(norms[after[0]]) and object_word(norms[after[0]])


@dataclass(frozen=True)
class SpeakerHead:
    """What a quote's speaker phrase is, and the span of the words that name it."""

    kind: HeadKind
    span: Span  # label "speaker"


def speaker_head(body: str, quote: Quote) -> SpeakerHead | None:
    """Return the kind of a quote's speaker and its naming words (up to a quote mark, punctuation or preposition).

    "name" (a person or a named body: زيلينسكي), "institution" (وزارة الخارجية الروسية, وكالة "…"),
    "anaphor" (a lone definite institution noun referring back: الوزارة), "statement" (البيان: whoever
    was quoted before), "official" (an unnamed official or source: مسؤول في الوزارة، شهود عيان) or "generic"
    (anything else).
    """
    if quote.speaker is None:
        return None
    name = body[quote.speaker.start : quote.speaker.end]
    if not name:
        return None
    lex = load_lexicon()
    words: list[str] = []
    end = 0
    for m in _WORD_RE.finditer(name):
        norm = normalize(m.group())
        if norm in lex.kind("preposition"):
            break
        words.append(norm)
        end = m.end()
        if m.end() < len(name) and MARK_RE.match(name[m.end()]):
            break
    if not words:
        return None
    role = normalize(body[quote.role.start : quote.role.end]).split() if quote.role else []
    start = quote.speaker.start
    return SpeakerHead(_head_kind(words, role, lex), quote.speaker._replace(end=start + end))


def _head_kind(words: Sequence[str], role: Sequence[str], lex: Lexicon) -> HeadKind:
    """Classify the naming words of a speaker phrase (and the role words before them)."""
    first = role[0] if role else words[0]
    if listed(first, lex, "statement"):
        return "statement"
    if listed(first, lex, "institution"):
        # Named when the noun is followed by a name or a definite word (وزارة الخارجية، الحكومة
        # الروسية); a lone definite noun (الوزارة) points back; an indefinite one is anybody's.
        if role or (len(words) > 1 and (is_definite(words[0]) or is_definite(words[1]))):
            return "institution"
        return "anaphor" if len(words) == 1 and is_definite(words[0]) else "generic"
    if role:
        return "name"
    if listed(first, lex, "role"):
        return "official"
    return "generic" if is_common(first) else "name"
