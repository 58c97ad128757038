"""Organisation and place phrases: a head noun with its chain of modifiers, stopping where the name stops.

News names institutions by a head noun and what follows it ("وزارة الشؤون الإسلامية والدعوة والإرشاد",
"المديرية العامة للجوازات", "مستشفى الملك فهد التخصصي ببريدة", "صحة القصيم"), a convention ANERcorp,
on which the tagger was trained, leaves out (it tags the place inside and the ministry as O). The heads
and how each takes its name are data (data/ner_heads.tsv); this module reads a sentence's normalized
tokens with the tagger's BIO tags and rewrites the tags of each phrase it finds as one name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from marsad.arabic.nationality import country_of
from marsad.arabic.normalize import normalize
from marsad.arabic.stem import is_stopword, pronoun_suffixed
from marsad.datafiles import content_lines, read_text, rows
from marsad.memo import WORDS
from marsad.ner.features import Lexicon, key

HEADS_FILE = "ner_heads.tsv"
# Longest modifier chain after a head, in tokens: the longest official names in the heads' classes
# ("وزارة الشؤون الإسلامية والدعوة والإرشاد", "القيادة العامة للقوات المسلحة السودانية") have 5–6.
MAX_CHAIN = 7
WORDS_FILE = "ner_phrase_words.tsv"
_PUNCT_RE = re.compile(r"^[^\w]+$|^\d")
_CLITIC_PREP = "بلك"


@dataclass(frozen=True)
class Head:
    """One head noun: the type of the names it opens and how it takes them (see data/ner_heads.tsv)."""

    type: str
    kind: str  # "name", "weak", "brand", "designator", "descriptor", "sector" or "adjective"
    list: str = ""  # the mined list its names go to (marsad.ner.lists): "club", "media", "group" or ""


@cache
def heads() -> dict[str, Head]:
    """Return the heads of data/ner_heads.tsv by normalized word (first row of a word wins)."""
    table: dict[str, Head] = {}
    for row in rows(HEADS_FILE):
        kind_type, kind, word = (c.strip() for c in row[:3])
        table.setdefault(normalize(word), Head(kind_type, kind, row[3].strip() if len(row) > 3 else ""))
    return table


@cache
def words_of(kind: str) -> frozenset[str]:
    """Return the normalized words of one kind of data/ner_phrase_words.tsv (title, generic, name)."""
    return frozenset(normalize(w.strip()) for k, w in rows(WORDS_FILE) if k.strip() == kind)


@cache
def org_adjectives() -> frozenset[str]:
    """Return the adjectives that make a place head's phrase an organisation ("مدينة … الطبية")."""
    return frozenset(w for w, h in heads().items() if h.kind == "adjective")


@lru_cache(maxsize=WORDS)
def strip(word: str) -> str:
    """Return a normalized word without a leading conjunction (و ف) and preposition (ب ل ك)."""
    if len(word) > 3 and word[0] in "وف":
        word = word[1:]
    if word.startswith("لل") and len(word) > 4:
        return "ال" + word[2:]
    if len(word) > 3 and word[0] in _CLITIC_PREP:
        return word[1:]
    return word


@cache
def head_forms() -> frozenset[str]:
    """Return every token form head_of can match: each head bare, definite, and with proclitics."""
    forms = {conj + prep + article + h for h in heads() for conj in ("", "و", "ف") for prep in ("", "ب", "ل", "ك")
             for article in ("", "ال")}
    forms |= {conj + "لل" + h for h in heads() for conj in ("", "و", "ف")}
    return frozenset(w for w in forms if head_of(w) is not None)


@lru_cache(maxsize=WORDS)
def head_of(word: str) -> tuple[Head, bool] | None:
    """Return the head a token is (with whether it is definite), or None."""
    table = heads()
    for form in (word, strip(word)):
        if (h := table.get(form)) is not None and h.kind != "adjective":
            return h, False
        h = table.get(form[2:]) if form.startswith("ال") else None
        if h is not None and h.kind in ("name", "brand", "weak", "designator"):
            return h, True
    return None


def _designator(word: str) -> bool:
    """Return True for a place head in construct (منطقة، محافظة), which a place name follows."""
    h = heads().get(word)
    return h is not None and h.type == "LOC" and h.kind != "adjective"


@cache
def _roles() -> frozenset[str]:
    """Return the one-word roles and titles of data/roles.txt, normalized."""
    return frozenset(w for line in content_lines(read_text("roles.txt")) if " " not in (w := normalize(line.strip())))


def role(word: str) -> bool:
    """Return True for a role or title word ("المستشار", "المدير"), which opens a person, not a name part."""
    return strip(word) in _roles() or word in _roles()


def bare_head(word: str) -> bool:
    """Return True when a normalized token is a head as written, no proclitic on it (كلية، لجنة، بلدية)."""
    h = heads().get(word[2:] if word.startswith("ال") else word)
    return h is not None and h.kind != "adjective"


def _genitive(word: str) -> bool:
    """Return True for a word with the preposition ل: "للجوازات", "لرعاية"."""
    return word[:1] == "ل" and not word.startswith("ال") and len(word) > 3


def _definite(word: str) -> bool:
    """Return True for a definite word, also after a conjunction or a preposition (والدعوة، للجوازات)."""
    return strip(word).startswith("ال")


def nisba(word: str) -> bool:
    """Return True for a definite relational adjective, also with a proclitic (السعودية، والإسلامية، النصراوي)."""
    w = strip(word)
    return w.startswith("ال") and w.endswith(("ي", "يه")) and len(w) > 5


def stops(word: str) -> bool:
    """Return True for a token no name runs through: punctuation, digits, stopwords, generic words, nothing."""
    if not word or _PUNCT_RE.match(word) or word in words_of("generic"):
        return True
    return is_stopword(word) and word not in words_of("name")


def _new_phrase(before: str, word: str) -> bool:
    """Return True when an untagged word opens a new phrase: indefinite after a definite word ("… الآسيوي يرسل").

    Adjectives agree with their noun in definiteness; a word with ل، ب or و, or a designator, goes on. A
    definite noun right after a definite relational adjective opens one too: the adjective closed the name;
    after a nationality even with ل، ب or و ("الهيئة الوطنية للتراث" and "الشؤون الإسلامية والدعوة" go on).
    """
    if nisba(before) and _definite(word) and not nisba(word) and (
            word[0] not in "لبو" or country_of(strip(before)) is not None):
        return True  # after a relational adjective: "إدارة السجون الإسرائيلية التصعيد"، "الداخلية السعودية والشرطة"
    return _definite(before) and not _definite(word) and word[0] not in "لبو" and not _designator(strip(word))


def _step(words: Sequence[str], tags: Sequence[str], head: int, j: int, lexicon: Lexicon, of: Head) -> str:  # noqa: PLR0911
    """Return what token j does to a head's chain: "stop", "take", "name" (a name-like word) or "place".

    "place" is a preposition on a place that ends the name ("مستشفى الولادة ببريدة"). For a weak head a
    relational adjective is no evidence of a name ("الحركة الاعتيادية"); a brand's name is its first
    word, with adjectives and what the tagger tagged ("شركة أرامكو السعودية").
    """
    weak, brand = of.kind in ("weak", "descriptor"), of.kind in ("brand", "descriptor")
    w, tag = words[j], tags[j]
    first = j == head + 1
    after = words[j + 1] if j + 1 < len(words) else ""
    opener = words[j - 1] in words_of("title") or _designator(strip(words[j - 1]))  # a name follows: "الملك فهد"
    core = strip(w)
    if stops(w) or (not first and (w in words_of("title") or role(w) or (tag.startswith("B-PER") and not opener)
                                   or (tag == "O" and not opener and _new_phrase(words[j - 1], w))
                                   or _person_opens(words, j, lexicon))):
        return "stop"  # a person after the name: "نادي الهلال سامي الجابر", "مستشفى الأطفال يوسف القضيب"
    if w[0] == "و":  # coordination inside a name: "والدعوة والإرشاد", "للأرصاد وحماية البيئة"
        inside = _definite(w) or (_definite(after) and any(_genitive(x) for x in words[head + 1 : j]))
        return "take" if not first and inside and head_of(w) is None else "stop"
    if w[0] == "ب" and not first and (w[1:3] == "ال" or tag.endswith("LOC") or _designator(core)):
        place = (tag.endswith("LOC") or _designator(core)) and of.type == "ORG"
        return "place" if place else "stop"  # a place closes an organisation's name only
    if j - 1 == head + 1 and not _definite(words[j - 1]) and (nisba(w) or _genitive(w)):
        return "stop"  # after a foreign name: "نادي فنربخشة التركي", "منتخب البرازيل لكرة القدم"
    if core.startswith("ال"):
        if (nisba(w) and not weak) or tag != "O":
            return "name"
        return "stop" if brand and not first else "take"  # "نادي النصر التعاقد": a brand's name is one word
    if w[0] == "ل" and not first and _definite(after):
        return "take"  # "لرعاية الشباب", "لكرة القدم"
    common = lexicon.is_common(key(w))
    if tag != "O" or (lexicon.has_word(core) and not common):
        return "name"  # a word of the lists counts only when it is no common word: "الهيئة … المدني تأجيل"
    if _designator(core):
        return "take"  # "شرطة منطقة مكة المكرمة"
    if first or opener:
        if common and not _definite(after):
            return "stop"
        return "name" if opener or not common else "take"
    return "take" if _definite(after) and not common else "stop"


def _person_opens(words: Sequence[str], j: int, lexicon: Lexicon) -> bool:
    """Return True when token j opens a person's name after a definite word: "مستشفى الأطفال يوسف القضيب".

    The word is indefinite and the gazetteers hold it as a person's name and no place's or body's; a
    title or designator before it makes it part of the name ("مؤسسة الملك فيصل").
    """
    word, before = words[j], words[j - 1] if j else ""
    if not _definite(before) or before in words_of("title") or _designator(strip(before)) or _definite(word):
        return False
    types = lexicon.gazetteer_types(key(word))
    return "PER" in types and "ORG" not in types and "LOC" not in types


def _chain(words: Sequence[str], tags: Sequence[str], head: int, lexicon: Lexicon, of: Head,
           raw: Sequence[str] = ()) -> tuple[int, bool]:
    """Return the end of a head's modifier chain (exclusive) and whether it holds a name-like token.

    A word with a possessive pronoun, seen only as written (`raw`: "مجلس إدارته"), is no part of a name
    unless a gazetteer holds it: the chain stops.
    """
    j, named, n = head + 1, False, len(words)
    while j < n and j - head <= MAX_CHAIN and not (
            raw and pronoun_suffixed(raw[j]) and not lexicon.has_word(words[j])):
        step = _step(words, tags, head, j, lexicon, of)
        if step == "stop":
            break
        if step == "place":
            designator = _designator(strip(words[j]))
            j += 1
            if designator and j < n and not stops(words[j]):
                j += 1  # "بمنطقة القصيم"
            while j < n and tags[j].startswith("I-"):
                j += 1
            return j, True
        named = named or step == "name"
        j += 1
    return j, named


def _sector(words: Sequence[str], tags: Sequence[str], head: int) -> int:
    """Return the end of a sector head's place ("صحة القصيم", "جوازات منطقة حائل"), or the head itself."""
    j = head + 1
    if j < len(words) and _designator(words[j]) and j + 1 < len(words):
        j += 1  # a region designator before the place
    if j >= len(words) or not tags[j].startswith("B-LOC"):
        return head
    j += 1
    while j < len(words) and tags[j] == "I-LOC":
        j += 1
    return j


def _accepted(phrase: Sequence[str], tags: Sequence[str], head: Head, definite: bool, named: bool) -> bool:
    """Return True when a head and its chain (with the tagger's tags) make a name.

    Not when the chain is empty, or opens with a stronger head ("إدارة نادي النصر": the club is the
    name). A definite head names with a genitive ("المديرية العامة للجوازات") or a name the tagger
    found after it; with adjectives only, it is a region ("المنطقة الشرقية") or nothing: "المنتخب
    السعودي", "الشرطة التركية" are described, not named (as the news set labels them), and "الوزارة"
    alone is a back-reference. A weak head needs a name-like word.
    """
    if len(phrase) < 2:
        return False
    inner = head_of(phrase[1])
    if head.kind in ("weak", "descriptor") and inner is not None and inner[0].kind in ("name", "brand"):
        return False
    genitive = any(_genitive(w) for w in phrase[1:])
    if definite:
        tagged = any(t != "O" for t in tags[1:])
        return _definite(phrase[1]) and (genitive or tagged or (named and head.kind == "designator"))
    return named or genitive or head.kind in ("name", "brand", "designator")


def find(words: Sequence[str], tags: Sequence[str], lexicon: Lexicon,
         raw: Sequence[str] = ()) -> list[tuple[int, int, str, bool]]:
    """Return the head phrases of a sentence: (first, last + 1, type, whether the name stands alone too).

    `raw`: the tokens as written, where a possessive pronoun still shows (إدارته; normalized, إداره).
    """
    out: list[tuple[int, int, str, bool]] = []
    done = 0  # the end of the last phrase found
    forms = head_forms()
    for i in [k for k, w in enumerate(words) if w in forms]:  # set lookups in one comprehension: the hot loop
        found = head_of(words[i])
        if i < done or found is None or tags[i].startswith("I-"):
            continue
        head, definite = found
        if head.kind == "sector":
            end, named = _sector(words, tags, i), True
        else:
            end, named = _chain(words, tags, i, lexicon, head, raw)
        if _accepted(words[i:end], tags[i:end], head, definite, named):
            kind = "ORG" if head.type == "LOC" and words[end - 1] in org_adjectives() else head.type
            first = i + 1 if head.kind == "descriptor" else i  # "ميليشيا الحوثي": the group is "الحوثي"
            out.append((first, end, kind, head.kind in ("brand", "designator") and not definite))
            done = end
    return out


def apply(tags: Sequence[str], found: Sequence[tuple[int, int, str, bool]], words: Sequence[str] = (),
          lexicon: Lexicon | None = None) -> list[str]:
    """Return the tags with each phrase tagged as one name, the tagger's names inside or across it dropped.

    A name the phrase cut into stands alone after it. With `words` and `lexicon`, an organisation the
    tagger ran on into a person's name is cut there and the rest made a person: "اللجنة رنا الحلبي" is
    a committee and its spokeswoman.
    """
    out = list(tags)
    for first, last, kind, _ in found:
        out[first:last] = [f"B-{kind}", *[f"I-{kind}"] * (last - first - 1)]
        if last < len(out) and out[last].startswith("I-"):
            out[last] = "B-" + out[last][2:]  # a name the phrase cut into: its rest stands alone
    if lexicon is None:
        return out
    for k in range(1, len(out)):
        if out[k][2:] == "ORG" and out[k - 1] != "O" and _person_opens(words, k, lexicon):
            out[k] = "B-PER"
            for j in range(k + 1, len(out)):
                if not out[j].startswith("I-"):
                    break
                out[j] = "I-PER"
    return out
