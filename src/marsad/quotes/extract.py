"""Quotes of one article: direct quotes in every Arabic news quote style, indirect speech, and who speaks.

A direct quote is the text between quote marks (marsad.quotes.marks). Only attributed quoted text is
kept: a reporting verb in its sentence (before it, or after it: «…» قال بوتين), a quote that
continues the previous one in its paragraph, or a source marker (بحسب، وفق، نقلا عن). Unattributed
quoted text — scare quotes, titles, headings, names of agencies in quote marks — is not a quote and
is dropped. An indirect quote is the clause after a reporting verb and إن/أن/بأن, up to the sentence
end or the next reporting verb. The speaker is the phrase after the verb (marsad.quotes.speakers:
its name part, without role words); a verb with no subject (وأضاف أن، قائلا:) takes the person its own
clause names before it, else continues the last speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from marsad.arabic import trim
from marsad.arabic.stem import is_stopword
from marsad.doc import Doc
from marsad.ner.features import default_lexicon, key
from marsad.quotes.marks import MARK_RE, Marked, marked
from marsad.quotes.speakers import (
    CLOSING_RE,
    COMMA_RE,
    LOOKAHEAD_TOKENS,
    MAX_NAME_TOKENS,
    TRIM,
    Phrase,
    Speaker,
    addressee,
    in_mention,
    object_at,
    object_word,
    opens,
    own_people,
    phrase,
    speaker,
    told,
)
from marsad.quotes.words import PROCLITICS, Lexicon, is_definite, is_verbal_noun, listed, load_lexicon
from marsad.types import Quote, QuoteKind, Span

_ARABIC_RE = re.compile("[\u0621-\u064a]")
# Tokens from a verb that is also a common word (بيّن/بين، رأى) to its إن/أن: the verb and a subject of up to
# four words ("ويرى الخبير الاقتصادي فلان الفلاني أن"); further on, the أن belongs to another clause
# ("التواصل بين مجتمعات العالم … لا يمكن لأي مجتمع أن يعيش"), unless a person the tagger found stands
# between (`_person_before`).
VERB_COMP_REACH = 5
# Tokens before a colon a reporting verb may stand ("قال كافو في تصريحات صحفية:"): a guess, then checked on
# the dev half of the blind quotes set, where 4, 6 and 8 find the same quotes.
COLON_REACH = 6
_CLAUSE_END_RE = re.compile(r"[.:;؛!?؟\n]")
SPEAKING = ("role", "institution", "statement", "document", "anonymous")  # word kinds of a source that speaks
_CLAUSE_CUT_RE = re.compile("[،,:;؛]")
# How far عن (من) may follow a relaying verb, in its clause: the relaying outlet's name, "وكالة الأنباء
# السعودية الرسمية (واس)", is up to 6 tokens; further on, عن belongs to something else.
RELAY_REACH = 9
# Longest subject written before its verb, in tokens ("والمسؤولون في وزارة الصحة السعودية يؤكدون").
SUBJECT_BEFORE = 6
# How far past a verb's subject a comma and إن/أن may still open its clause: the subject's relative
# clause and dates in the dev errors ran to 24 tokens ("… الذي أصدرته الأمانة العامة …، أن").
FAR_REACH = 30
# Longest aside between commas after a speaker, before what the speaker's verb says as its object
# ("وأكد الصندوق، في بيان صادر عنه أمس، تلقيه"): a guess from the dev errors, where asides ran to 6 tokens.
PAREN_REACH = 8
# Fewest words after a fronted source's comma that make an account ("وبحسب الوزارة، ارتفع عدد الحجاج …"):
# a guess; shorter tails are asides ("وبحسب المصدر، أيضا").
FRONTED_WORDS = 4
# Longest fronted source before its comma, in tokens: "وحسب القانون الإسرائيلي الموروث من الانتداب البريطاني،"
# (6) on seven whole dev days; a longer run is a clause, whose comma closes no source.
FRONTED_SOURCE = 8
_BETWEEN_QUOTES = TRIM + '"«»“”\'()'  # what may separate a quote from the one it continues


@dataclass
class _Verb:
    """A reporting verb (or source marker) occurrence: its token, word offsets, speaker and complementizer."""

    tok: int
    span: tuple[int, int]  # the reporting word (a verb without its و/ف), or the source marker
    source: bool  # a source marker (بحسب، وفق): it reports, but is no verb
    speaker: Speaker | None
    comp: int  # the token opening its indirect speech, or -1
    first_word: bool = False  # `comp` is the speech's first word (after a colon, a document's object)
    back: bool = False  # what was said comes before it: "…، وفق مصادر رسمية", "… صرح بذلك فلان"
    inner: bool = False  # a verb with its object pronoun that opens nothing ("يطالبه بدفع"): no clause ends at it
    spoke: bool = False  # a direct quote is attributed to it


def _verbs(doc: Doc, marked_quotes: list[Marked], lex: Lexicon) -> tuple[list[_Verb], set[tuple[int, int]]]:
    """Find every reporting verb and source marker with its speaker; also return quoted titles."""
    starts, ends, norms = doc.tokens
    found: list[_Verb] = []
    titles: set[tuple[int, int]] = set()
    last: Speaker | None = None
    for i in [k for k, w in enumerate(norms) if w in lex.triggers]:  # one set lookup a token: the hot loop
        norm = norms[i]
        match = lex.verb_match(norm)
        kind, cut, suffixed = match if match else ("source", 0, False)
        end = doc.sentence_of(starts[i]).end
        back = kind == "verb" and i + 1 < len(norms) and norms[i + 1] in lex.kind("back")
        # "صرح بذلك المتحدث": the speaker follows the pointer to what was said
        opening = i + 1 if back else _subject_start(doc, i, kind, end, lex)
        if kind in ("relay", "within", "learned") and opening == i:
            continue  # no عن (في) after it: the noun ("نقل الخدمة"), or "جاء اللاعب", not a source of words
        fronted = kind == "source" and not doc.token_range(doc.sentence_of(starts[i]).start, starts[i])
        said = phrase(doc, opening, end, marked_quotes, lex, kind in ("relay", "source", "learned"), fronted)
        if kind == "source" and said.idx and said.stop < 0 and _reported_by(doc, said.idx[-1] + 1, end, lex):
            said = phrase(doc, said.idx[-1] + 1, end, marked_quotes, lex, False)  # "وفق حصيلة أعلنها مسؤولون"
        titles.update(said.titles)
        if kind in ("relay", "learned"):  # the outlet named in marks before عن/من: "وعلمت «عكاظ» من مصادرها"
            titles.update(q[:2] for q in marked_quotes if ends[i] <= q[0] < starts[opening])
        if _reports_nothing(doc, i, kind, said, end, lex):
            continue
        speech = _speech(doc, i, kind, suffixed, said, end, lex)
        if speech is None:
            continue  # "حدد المدرب موعد التدريب": a document's verb reports only a document's content
        comp, subject, first_word = speech
        if kind == "source" and comp >= 0 and found and _relays(doc, found[-1], i):
            found[-1].comp, found[-1].first_word = comp, first_word  # "وأضافت الوزارة بحسب «عكاظ» أنه": the verb speaks
            continue
        if kind in ("verb", "verb_comp") and subject \
                and (_plural(norm[cut:]) or _disagrees(norm[cut:], norms[subject[0]], lex)):
            subject = []  # "ودعا الحكومة والمعارضة إلى": whom it called on; the verb's subject goes unsaid
        who = None if kind == "participle" else speaker(doc, subject, lex, kind == "source")
        if kind == "source" and who is None and not subject:
            continue  # a source marker naming nobody; one naming its speaker by a pronoun (حسب قوله) stays
        who = who or _unnamed_subject(doc, i, kind, subject, lex)
        back = back or (comp < 0 and ((kind == "source" and _closes_sentence(doc, i, subject, end, lex))
                                      or (kind == "verb" and not first_word and _as_said(doc, i, subject, end))))
        if who is None:
            who = last
        elif (comp >= 0 and not (kind == "source" and first_word)) or not (suffixed or (kind == "source" and not back)):
            # "يطالبه بدفع": a verb inside the words names no next speaker; nor does a source marker that
            # credits nothing ("وفق الرغبات التالية التي أدخلتها الطالبة")
            last = who
        span = (starts[i], ends[i]) if kind == "source" else (starts[i] + cut, ends[i])
        found.append(_Verb(i, span, kind == "source", who, comp, first_word, back and comp < 0, suffixed and comp < 0))
    return found, titles


def _reported_by(doc: Doc, k: int, end: int, lex: Lexicon) -> bool:
    """Return True when token k is a reporting verb with an object pronoun: a source's document and who issued it.

    "وفق حصيلة جديدة أعلنها مسؤولون في الجيش"، "بحسب بيان أصدرته الوزارة": who announced it speaks.
    """
    if k >= len(doc.tokens.words) or doc.tokens.starts[k] >= end:
        return False
    match = lex.verb_match(doc.tokens.words[k])
    return match is not None and match[0] in ("verb", "verb_comp") and match[2]


def _reports_nothing(doc: Doc, i: int, kind: str, said: Phrase, end: int, lex: Lexicon) -> bool:
    """Return True for a reporting verb's form that reports nothing where it stands.

    A relative clause's verb with no إن/أن ("التي أعلنت روسيا ضمها"); a verb that is also a common word
    with no إن/أن right after it and a short subject, no colon or quote ("بين الطرفين"), nor the noun
    object its preposition opens ("وطالب أوباما بإنهاء الحرب"; "طالب جامعي" asks nothing); such a word
    after a number is what it counts ("100 طالب").
    """
    if kind == "verb_comp" and _counted(doc, i, lex):
        return True
    if kind == "document" and not _opens_clause(doc, i, lex):
        return True  # "الاطلاع على نص الاتفاق"، "إحالة نص الاتفاق إلى": the noun, not the verb
    if said.stop < 0 and i and doc.tokens.words[i - 1] in lex.kind("relative"):
        return True
    return kind == "verb_comp" and not 0 <= said.stop <= i + VERB_COMP_REACH and not _speech_follows(doc, i, end) \
        and not _person_before(doc, i, said.stop) \
        and not (doc.tokens.words[i] in lex.object_forms and not _a_noun(doc, i, lex)
                 and _noun_object(doc, i, said.idx, end, lex) >= 0)


def _opens_clause(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Return True for a verb that opens its clause: first, after a comma, with و/ف or after an opener.

    The openers: speaker_words.tsv `clause_lead` and `verb_lead` ("إذ ينص"، "كذلك شمل"، "فقد وجد").
    """
    starts, ends, norms = doc.tokens
    match = lex.verb_match(norms[i])
    if match is not None and match[1] > 0:
        return True  # "وينص الاتفاق على"
    if not doc.token_range(doc.sentence_of(starts[i]).start, starts[i]) \
            or COMMA_RE.search(doc.body[ends[i - 1] : starts[i]]):
        return True
    return norms[i - 1] in lex.kind("clause_lead") or norms[i - 1] in lex.kind("verb_lead")


def _counted(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Return True for a verb's form right after a number in its clause, with no و/ف: a counted noun ("100 طالب")."""
    starts, ends, norms = doc.tokens
    match = lex.verb_match(norms[i])
    return i > 0 and match is not None and match[1] == 0 and norms[i - 1][-1:].isdigit() \
        and not doc.body[ends[i - 1] : starts[i]].strip()


def _a_noun(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Return True when a verb-like form reads as a noun here: in a name, after a preposition, before an adjective.

    "أبي طالب"، "هاني طالب" (a person the tagger found), "على وعد ب"; "طالب سعودي"، "وعد صريح": an
    indefinite word ending in ي or يح after it describes it.
    """
    norms = doc.tokens.words
    before = norms[i - 1] if i else ""
    after = norms[i + 1] if i + 1 < len(norms) else ""
    return before in lex.kind("name_link") or before in lex.kind("boundary") or before in lex.kind("preposition") \
        or in_mention(doc, i, ("PER",)) or (not is_definite(after) and after.endswith(("ي", "يح")))


def _plural(verb: str) -> bool:
    """Return True for a plural verb form (قالوا، يؤكدون): its subject is in it, the phrase after it is no subject.

    A verb before its subject stays singular ("قال المسؤولون"), so the words after a plural one are whom
    or what it speaks of: "وطالبوا المجتمع الدولي بتحمل مسؤولياته".
    """
    return verb.endswith(("وا", "ون"))


def _disagrees(verb: str, first: str, lex: Lexicon) -> bool:
    """Return True when a verb's gender rules out the definite word after it as its subject: it is the object.

    A masculine verb before a feminine noun ("دعا الحكومة"), a feminine past verb (…ت) before a sound masculine
    plural ("ودعت الكينيين"); titles ending in ة (العلامة) are left alone.
    """
    noun = first[1:] if first[:1] in PROCLITICS and first[1:3] == "ال" else first
    if not noun.startswith("ال") or len(noun) < 5 or listed(noun, lex, "role"):
        return False
    if verb.endswith("ت"):
        return noun.endswith(("ين", "ون"))
    return not verb.startswith("ت") and noun.endswith("ه")


def _relays(doc: Doc, verb: _Verb, i: int) -> bool:
    """Return True when the source marker at token i credits the outlet that relays a verb's words, not a speaker.

    The verb has its own subject and no clause yet, and the marker follows it in one clause: no comma,
    colon or sentence end between them.
    """
    starts, ends, _ = doc.tokens
    return not verb.source and verb.comp < 0 and verb.speaker is not None and not verb.inner \
        and doc.sentence_of(starts[verb.tok]).end > starts[i] \
        and not _CLAUSE_CUT_RE.search(doc.body[ends[verb.tok] : starts[i]])


def _person_before(doc: Doc, i: int, stop: int) -> bool:
    """Return True when a person the tagger found stands between token i and its إن/أن at token `stop`.

    "يتوقع المهاجم الإسباني الدولي دييجو كوستا أن": a subject that long still names who speaks.
    """
    if stop < 0:
        return False
    starts = doc.tokens.starts
    return any(m.label == "PER" and starts[i] < m.start < starts[stop] for m in doc.mentions or ())


def _speech(doc: Doc, i: int, kind: str, suffixed: bool, said: Phrase, end: int,
            lex: Lexicon) -> tuple[int, list[int], bool] | None:
    """Return where a verb's speech opens, its subject's tokens and whether the speech starts at that token.

    The opening is its إن/أن, else an object preposition (`object` verbs), a colon, a complementizer
    past a long subject, or what a document subject says; -1 when none. None for a document's verb
    whose subject is no document.
    """
    # A verb with an object pronoun (نقلها، وصفه) has its object already: any إن after it is not its own.
    comp = -1 if suffixed else said.stop
    subject = said.idx
    if comp < 0 and not suffixed and doc.tokens.words[i] in lex.object_forms:
        comp = _noun_object(doc, i, said.idx, end, lex)
        subject = [k for k in said.idx if k < comp] if comp >= 0 else said.idx
        if comp >= 0 and _addressee_first(doc.tokens.words[i], lex):
            if comp == i + 1:
                return None  # "واتهم بدعم …": a passive; who accused goes unsaid
            subject = _before_addressee(doc, subject)
    last_word = said.idx[-1] if said.idx else i
    first_word = comp < 0 and not suffixed and kind != "source" and _after_colon(doc, last_word, end)
    if first_word or (comp < 0 and kind == "source" and _fronted(doc, i, said.idx, end, lex)):
        comp, first_word = last_word + 1, True
    elif comp < 0 and not suffixed and kind == "verb":
        comp, first_word = _far_complementizer(doc, last_word, end, lex)
    norms = doc.tokens.words
    if comp < 0 and not suffixed and kind in ("participle", "verb") and norms[i] in lex.object_forms \
            and norms[i - 1] != "غير" and i + 1 < len(norms) and doc.tokens.starts[i + 1] < end \
            and _object(doc, i + 1, end, lex) and (kind == "participle" or _said_noun(norms[i + 1], lex)):
        # "مؤكدة عدم تماثل مرضى للشفاء"، "وأكد أهمية الحل": with no subject, what is said is the object
        return i + 1, [], True
    document = _document(doc, subject, lex)
    if kind == "document" and not document:
        return None
    if comp < 0 and not suffixed and kind in ("verb", "document") and 0 < document < len(subject) \
            and not _complementizer_ahead(doc, subject[document], end, lex) \
            and not MARK_RE.search(doc.body[doc.tokens.ends[i] : doc.tokens.starts[subject[document]]]):
        return subject[document], subject[:document], True  # "وذكر البيان ستة مواقع …", not in marks
    if comp < 0 and not suffixed and kind == "document" and document == len(subject) \
            and _comma_then_words(doc, subject[-1], end):
        return subject[-1] + 1, subject, True  # "كما يشمل القرار، تمديد …": past a comma, still what it holds
    if comp < 0 and not suffixed and kind == "verb" and not document and doc.tokens.words[i] in lex.object_forms:
        named = _named_object(doc, subject, end, lex)  # "أكدت المؤسسة العامة للخطوط الحديدية انتظام الرحلات"
        if named is not None:
            return named, [k for k in subject if k < named], True
    return comp, subject, first_word


def _said_noun(norm: str, lex: Lexicon) -> bool:
    """Return True for a noun that, right after a verb, is what was said, not who: a verbal noun, أهمية، ضرورة.

    Not a title with its pronoun, who speaks ("وأكد معاليه").
    """
    return not own_people(norm, lex) and (is_verbal_noun(norm) or norm in lex.kind("said_noun"))


def _comma_then_words(doc: Doc, k: int, end: int) -> bool:
    """Return True when a comma follows token k and words follow the comma, before sentence end `end`."""
    starts, ends = doc.tokens.starts, doc.tokens.ends
    return k + 1 < len(starts) and starts[k + 1] < end and bool(COMMA_RE.search(doc.body[ends[k] : starts[k + 1]]))


def _addressee_first(form: str, lex: Lexicon) -> bool:
    """Return True for a verb whose addressee comes before its ب object (اتهم، ناشد; speaker_words.tsv)."""
    match = lex.verb_match(form)
    return match is not None and form[match[1]:] in lex.kind("addressee_first")


def _before_addressee(doc: Doc, subject: list[int]) -> list[int]:
    """Return the subject of an addressee-first verb: the phrase before ب holds its subject, then whom it addresses.

    "واتهمت حماس إسرائيل بمحاولة": the first of two names the tagger found speaks. "واتهمت الحكومة بـ"
    (one word, or one name filling the phrase) is the accused, and the subject goes unsaid; a place or body
    named after other words is the accused ("واتهم الحزب الكردي أنقرة بـ"), a person after them is the
    subject's name ("اتهم الرئيس فلان"). A comma after the phrase already set the addressee apart ("اتهم
    الزوج، الجامعة بتغيير"); a longer phrase with no name is left.
    """
    starts, ends = doc.tokens.starts, doc.tokens.ends
    if not subject or COMMA_RE.search(doc.body[ends[subject[-1]] : starts[subject[-1] + 1]]):
        return subject
    names = sorted(m for m in doc.mentions or () if m.label in ("PER", "ORG", "LOC")
                   and starts[subject[0]] <= m.start < ends[subject[-1]])
    if len(subject) == 1 or (len(names) == 1 and names[0].start <= starts[subject[0]]
                             and names[0].end >= ends[subject[-1]]):
        return []
    if names and (len(names) > 1 or names[0].start <= starts[subject[0]]):
        return [k for k in subject if starts[k] < names[0].end]
    if names and names[0].label != "PER":  # "واتهم الحزب الكردي أنقرة بـ": a place or body after the subject
        return [k for k in subject if starts[k] < names[0].start]
    return subject


def _fronted(doc: Doc, i: int, source: list[int], end: int, lex: Lexicon) -> bool:
    """Return True for a source marker that opens its sentence and whose source a comma or closing mark closes.

    "وبحسب الوزارة، ارتفع …"، "وبحسب «رويترز» من المتوقع …": what follows, to the sentence's end, is the
    source's account: at least FRONTED_WORDS words, with no reporting verb or فإن of its own ("وبحسب
    «الفرنسية»، فقد قالت فلانة إن"; a document's verb is none: "قرارات تتضمن"), not opening with a
    relative pronoun or a title, which describe the source ("ووفقا لفلان، مختص الاستراتيجية في …"). The
    source must be one that speaks (`_speaks`): "ووفقا للعادة الأميركية، …" says how, not who.
    """
    starts, ends, norms = doc.tokens
    sentence = doc.sentence_of(starts[i])
    if not source or len(source) > FRONTED_SOURCE or doc.token_range(sentence.start, starts[i]) \
            or source[-1] + 1 >= len(starts):
        return False
    account = doc.token_range(starts[source[-1] + 1], end)
    first = norms[account[0]] if account else ""
    gap = doc.body[ends[source[-1]] : starts[source[-1] + 1]]
    return bool(COMMA_RE.search(gap) or CLOSING_RE.match(gap)) \
        and len(account) >= FRONTED_WORDS and _speaks(doc, source, lex) \
        and not listed(first, lex, "relative", "role", "anonymous") and first != "احد" \
        and not any(_reporting(norms[k], lex) or norms[k].startswith("فان") for k in account)


def _reporting(norm: str, lex: Lexicon) -> bool:
    """Return True for a reporting verb's form that reports whatever its subject (not شمل، تتضمن: a document's)."""
    match = lex.verb_match(norm)
    return match is not None and match[0] != "document"


def _named_object(doc: Doc, subject: list[int], end: int, lex: Lexicon) -> int | None:
    """Return the verbal noun right after a speaker the tagger named or a title, what an `object` verb says, or None.

    A name the tagger found (a person or an organisation) must start in the phrase's first SUBJECT_BEFORE
    tokens, and the word right after that name be a common content word with no article (انتظام، حرص،
    تسجيل), with no إن/أن later in the clause; with no name, a phrase opening with a title, institution or
    unnamed-source word takes the first such word after a definite one.
    """
    if not subject:
        return None
    starts, ends, norms = doc.tokens
    named = next((m for m in doc.mentions or () if m.label in ("PER", "ORG") and starts[subject[0]] <= m.start
                  < ends[subject[min(len(subject), SUBJECT_BEFORE) - 1]]), None)
    # Where an indefinite word follows a definite one, the subject ends: an organisation's name may run on
    # into the object ("المؤسسة العامة للخطوط الحديدية انتظام").
    cut = object_at(doc, subject, lex)
    if named is None:  # a title or institution word speaks: "وأكد المتحدث الرسمي للوزارة انتظام الرحلات"
        titled = listed(norms[subject[0]], lex, "role", "institution", "anonymous")
        if cut < len(subject):
            after: int | None = subject[cut] if titled else None
        elif len(subject) <= SUBJECT_BEFORE:
            # "أكد مصدر أمني بشمال سيناء صباح اليوم خروج …", "وأكد الصندوق، في بيان صادر عنه أمس، تلقيه …"
            after = _past_adverbials(doc, subject[-1], end, lex, parenthesis=titled or len(subject) == 1)
            after = after if titled or after != subject[-1] + 1 else None
        else:
            return None
        return after if after is not None and _object(doc, after, end, lex) else None
    inside = cut < len(subject) and starts[subject[cut]] < named.end and named.label == "ORG"
    after = subject[cut] if inside else next((k for k in subject if starts[k] >= named.end), None)
    if after is None or norms[after] in lex.kind("time"):  # "أعلنت وزارة الصحة اليوم الأحد، عدم تسجيل": past a time
        after = _past_adverbials(doc, doc.token_range(0, named.end)[-1], end, lex, parenthesis=True)
    return after if after is not None and _object(doc, after, end, lex) else None


def _past_adverbials(doc: Doc, last: int, end: int, lex: Lexicon, parenthesis: bool) -> int | None:
    """Return the first token after token `last` past times ("صباح اليوم") and, if asked, an aside right after it.

    An aside opens after a comma with a preposition or a time ("، في بيان صادر عنه أمس،") and closes at
    the next comma within PAREN_REACH tokens. None at the sentence's end, or at a quote mark or bracket
    (the phrase goes on inside it: "منظمة «أطباء بلا حدود»").
    """
    starts, ends, norms = doc.tokens
    k = last + 1
    while k < len(norms) and starts[k] < end:
        gap = doc.body[ends[k - 1] : starts[k]]
        if (MARK_RE.search(gap) and not (k == last + 1 and _closes_at(doc, last, k))) or "(" in gap:
            return None
        if parenthesis and k == last + 1 and COMMA_RE.search(gap) \
                and any(norms[k] in lex.kind(kind) for kind in ("preposition", "boundary", "time")):
            close = next((j for j in range(k + 1, min(k + PAREN_REACH, len(norms)))
                          if starts[j] < end and COMMA_RE.search(doc.body[ends[j - 1] : starts[j]])), None)
            if close is None:
                return None
            k = close
        elif norms[k] in lex.kind("time"):
            k += 1
        else:
            return k
    return None


def _closes_at(doc: Doc, last: int, k: int) -> bool:
    """Return True when all between tokens `last` and `k` is the mark closing a quoted text that ends at `last`."""
    starts, ends = doc.tokens.starts, doc.tokens.ends
    if len(doc.body[ends[last] : starts[k]].strip()) != 1:
        return False
    sentence = doc.sentence_of(starts[last])
    quoted = marked(doc.body[sentence.start : starts[k]], sentence.start)
    return any(e == ends[last] and closed for _, e, closed in quoted)


def _object(doc: Doc, k: int, end: int, lex: Lexicon) -> bool:
    """Return True for a word that opens what a verb says as its object: a common indefinite content word.

    Not a title after the name ("محمد السعد مدير الإدارة …"), and no إن/أن later in the clause.
    """
    norm = doc.tokens.words[k]
    return not is_definite(norm) and _content(norm, lex) and not listed(
        norm, lex, "role", "institution", "statement", "document") \
        and object_word(norm) and not _complementizer_ahead(doc, k, end, lex)


def _document(doc: Doc, subject: list[int], lex: Lexicon) -> int:
    """Return how many tokens of a speaker phrase name a document ("البيان", "بيان وزارة الداخلية"), 0 when none.

    The phrase opens with a statement or document word (speaker_words.tsv) and runs while its words are
    definite or follow an indefinite one (a construct: بيان وزارة الداخلية); an indefinite word after a
    definite one starts what the document says ("وذكر البيان ستة مواقع …"), a speaker's object.
    """
    norms = doc.tokens.words
    if not subject or not listed(norms[subject[0]], lex, "statement", "document"):
        return 0
    for n in range(1, len(subject)):
        if not is_definite(norms[subject[n]]) and is_definite(norms[subject[n - 1]]):
            return n if _content(norms[subject[n]], lex) else len(subject)  # "البيان الصادر عن": no object
    return len(subject)


def _complementizer_ahead(doc: Doc, k: int, end: int, lex: Lexicon) -> bool:
    """Return True when إن/أن follows token k in its sentence before another reporting verb (the speech is after it)."""
    norms = doc.tokens.words
    for j in doc.token_range(doc.tokens.starts[k], end):
        if j > k and lex.verb_match(norms[j]) is not None:
            return False
        if norms[j] in lex.kind("complementizer"):
            return True
    return False


def _content(norm: str, lex: Lexicon) -> bool:
    """Return True for a word that can open what a document says.

    Not a stopword, preposition, adverb of time or verb, and not a word with و or ل before it, which goes
    on with the document's own name ("تقرير مؤشرات الأداء لقطاع …").
    """
    return not (is_stopword(norm) or norm in lex.kind("preposition") or norm in lex.kind("boundary")
                or norm in lex.kind("filler") or lex.verb_match(norm) is not None or norm[:1] in "ول")


def _far_complementizer(doc: Doc, last: int, end: int, lex: Lexicon) -> tuple[int, bool]:
    """Return where speech opens past a long subject, within FAR_REACH tokens: (token, after a colon) or (-1, False).

    "وأوضح التقرير الإحصائي الذي أصدرته الأمانة العامة … وحتى 28 /8 /1436، أن …": a relative clause or
    adverbials run past the lookahead, and a comma closes them before the complementizer; "قال فلان عبر
    تصريح بثه الموقع الرسمي للنادي: …" opens the words at a colon (with quote marks, the direct quote
    has them); بأن and إن (as written) need no comma, unless a quote mark comes first. Another
    reporting verb on the way has the clause.
    """
    starts, ends, norms = doc.tokens
    comps = lex.kind("complementizer")
    for k in range(last + 1, min(last + 1 + FAR_REACH, len(norms))):
        if starts[k] >= end or (lex.verb_match(norms[k]) is not None and norms[k - 1] not in lex.kind("relative")):
            break  # another verb has the clause; not a relative clause's ("في التحليل الذي نقلته الوكالة، أن")
        gap = doc.body[ends[k - 1] : starts[k]]
        if ":" in gap:  # a mark after the colon opens a direct quote; one before it closes a title: "«تويتر»: …"
            return (-1, False) if MARK_RE.search(gap[gap.index(":") :]) else (k, True)
        if norms[k] in comps and k - 1 > last and norms[k - 1] in lex.kind("object"):
            gap = doc.body[ends[k - 2] : starts[k - 1]]  # "…، على أن": the comma comes before على
        if norms[k] in comps and (COMMA_RE.search(gap) or CLOSING_RE.match(gap) or (
                (norms[k].startswith("بان") or doc.body[starts[k]] == "إ") and opens(doc, k, lex)
                and not MARK_RE.search(doc.body[ends[last] : starts[k]]))):
            # after a comma, a name in marks ('عبر حسابه في موقع "تويتر" أن'), or a بأن or إن (as written)
            # after a long object or adverbial: "وصف فلان التصريحات المتناقضة … بأنها"، "وقال في كلمته
            # أمام الجلسة الافتتاحية المنعقدة حاليا بالقاهرة إن"
            return k, False
    return -1, False


def _speech_follows(doc: Doc, i: int, end: int) -> bool:
    """Return True when a colon or a quote mark comes right after token i, in its sentence ("وزاد: …", "وزاد «…»")."""
    starts, ends, _ = doc.tokens
    if i + 1 >= len(starts) or starts[i + 1] >= end:
        return False
    gap = doc.body[ends[i] : starts[i + 1]]
    return ":" in gap or bool(MARK_RE.search(gap))


def _after_colon(doc: Doc, last: int, end: int) -> bool:
    """Return True when a colon, and no quote mark, separates token `last` from words of its sentence.

    "وأضاف: الاتحاد طالب اللاعب بالالتحاق": speech after a colon without quote marks.
    """
    starts, ends, _ = doc.tokens
    if last + 2 >= len(starts) or starts[last + 1] >= end:
        return False
    gap = doc.body[ends[last] : starts[last + 1]]
    return ":" in gap and not MARK_RE.search(gap[gap.index(":") :])  # 'وأضاف "الأحمري": …' has its title's mark


def _noun_object(doc: Doc, i: int, subject: list[int], end: int, lex: Lexicon) -> int:
    """Return the على/عن/إلى after a verb's subject that opens what was said as a noun phrase, or -1.

    "أكدت الوزارة على ضرورة …", "كشف المدير عن إعطاء …", "مشيرا إلى تأكيد …": the preposition after
    the verb, within its subject phrase or a few adverbials after it ("أعلن النادي مساء أمس عن …"),
    followed by a word that is no complementizer; a colon, another verb or إن/أن stop the search.
    """
    starts, ends, norms = doc.tokens
    own = lex.object_forms.get(norms[i])  # "تحدث" only with عن ("تحدث إلى" is to whom), دعا with إلى
    opening = own or lex.kind("object")
    limit = (subject[-1] + 2 if subject else i + 2) + LOOKAHEAD_TOKENS  # adverbials may come first: مساء أمس
    # A noun object before the preposition has it ("… عادل الجبير حرص المملكة على": حرص's على); not so for a
    # verb of its own preposition, whose addressee comes first ("دعت الحكومة تركيا إلى").
    cut = object_at(doc, subject, lex) if subject and not own else len(subject)
    said = subject[cut] if cut < len(subject) else len(norms)
    for k in range(i + 1, min(limit, len(norms) - 1, said)):
        if starts[k + 1] >= end or (k > i + 1 and ":" in doc.body[ends[k - 1] : starts[k]]):
            break
        rest = norms[k][1:]
        if "ب" in opening and norms[k][:1] == "ب" and len(norms[k]) > 3 \
                and rest not in lex.kind("complementizer") and (is_definite(rest) or object_word(rest)):
            # "منوهاً بضرورة تعاون الجميع": the words follow the ب of the first word that has one, a noun
            # that can be said (not "بوخاري"، "بجدة")
            return k
        if norms[k] in opening and norms[k + 1] not in lex.kind("complementizer"):
            # After a definite participle the preposition is the participle's: "الدول المتشاطئة على نهر";
            # not after a quoted name ("«ايلتون الميدا» على").
            participle = norms[k - 1].startswith("الم") and is_definite(norms[k - 2]) \
                and not MARK_RE.search(doc.body[ends[k - 1] : starts[k]])  # not "لهيئة المهندسين على"
            return -1 if participle and k > i + 1 and not own else k  # "دعا العبدان المسافرين إلى": دعا's own
        if lex.verb_match(norms[k]) is not None or norms[k] in lex.kind("complementizer"):
            return -1
    return _after_aside(doc, i, end, opening, lex)


def _after_aside(doc: Doc, i: int, end: int, opening: frozenset[str], lex: Lexicon) -> int:
    """Return the object preposition right after a long aside that a comma closes, or -1.

    "وأشار في كلمة في حفل الافتتاح أمس بمدينة ليل الفرنسية، إلى تأكيد المملكة …": a verb with no subject
    of its own, its adverbials first; the aside holds no verb, إن/أن or colon.
    """
    starts, ends, norms = doc.tokens
    if i + 1 >= len(norms) or norms[i + 1] not in lex.kind("preposition") | lex.kind("boundary"):
        return -1
    for k in range(i + 2, min(i + 1 + FAR_REACH, len(norms) - 1)):
        gap = doc.body[ends[k - 1] : starts[k]]
        if starts[k + 1] >= end or ":" in gap or lex.verb_match(norms[k]) is not None \
                or norms[k] in lex.kind("complementizer"):
            return -1
        if COMMA_RE.search(gap):
            return k if norms[k] in opening and norms[k + 1] not in lex.kind("complementizer") else -1
    return -1


def _sentence_subject(doc: Doc, i: int, lex: Lexicon) -> Speaker | None:
    """Return who speaks for a subjectless verb or participle: its clause's opening subject, else its first person.

    "ألقى الوكيل الشيخ فلان الفلاني كلمة أكد فيها أن …": the verb's subject is its own sentence's, not
    the last speaker's. The clause runs from the sentence start, or its last colon or full stop, to
    the verb; without tagged mentions (the quotes stage run alone) there is none. A name right after
    the clause's first word, when that word is no definite noun, is the subject of a verb that opens the
    clause ("أصدرت جامعة تبوك بيانا …، وقالت إن"), a person or an organisation. Elsewhere organisations are
    left out: in a clause they are as often the object ("… الخبز الأحمر … ويرى أن"); taking them
    cost speaker accuracy on the dev half (0.816 with people only, 0.806 with organisations too).
    """
    start = doc.tokens.starts[i]
    sentence = doc.sentence_of(start)
    ends = [m.end() for m in _CLAUSE_END_RE.finditer(doc.body, sentence.start, start)]
    clause = max([sentence.start, *ends])
    if clause > sentence.start and doc.body[clause - 1] == ":" and _said_at(doc, clause - 1):
        return None  # what someone said after a colon: its people are spoken of ("قال كافو: … نيمار … وأضاف")
    names = [m for m in doc.mentions or () if clause <= m.start and m.end <= start and not _spoken_of(doc, m.start)
             and not _addressed(doc, m)]
    # The clause opens with a verb and its named subject ("أصدرت جامعة تبوك بيانا …، وقالت إن"): that is who
    # speaks on, a person or an organisation.
    toks = doc.token_range(clause, start)
    opener = next((m for m in names if len(toks) > 1 and m.start == doc.tokens.starts[toks[1]]
                   and m.label in ("PER", "ORG") and not is_definite(doc.tokens.words[toks[0]])), None)
    if opener is None and _titled_opening(doc, toks, lex):
        # The clause opens with a verb and a titled subject ("وأعرب الأمين العام … عن استغرابه من … ما أشار
        # إليه فلان …، مؤكدا أن"): the title's holder speaks on, not a person the clause speaks of.
        titled = speaker(doc, phrase(doc, toks[0], start, [], lex, False).idx, lex)
        named = next((m for m in names if titled and m.label == "PER" and m.start < titled.end
                      and titled.start < m.end), None)
        return Speaker(named.start, named.end, None) if named else titled  # a long title may cut the name short
    people = [m for m in names if m.label == "PER"]
    who = opener or (people[0] if people else None)
    return Speaker(who.start, who.end, None) if who else None


def _titled_opening(doc: Doc, toks: range, lex: Lexicon) -> bool:
    """Return True for a clause that opens with a verb and a title ("وأعرب الأمين العام"، "لكن مصادر مطلعة قالت").

    Not a clause that opens with a preposition, an adverb or a definite noun ("في عام 2009"، "وأثناء تغطية").
    """
    norms = doc.tokens.words
    if len(toks) < 3 or is_definite(norms[toks[0]]) or listed(norms[toks[0]], lex, "boundary", "preposition", "filler"):
        return False
    return listed(norms[toks[1]], lex, "role", "anonymous") and not listed(norms[toks[1]], lex, "adjective") \
        and not norms[toks[2]][:1].isdigit()


def _addressed(doc: Doc, mention: Span) -> bool:
    """Return True for a name with ل before it, who is spoken to ("ووجه حديثه لـأوباما قائلا"), not who speaks.

    Only a ل the tagger left outside the span: inside it, "لافروف" and "لاريجاني" begin with one.
    """
    before = doc.body[max(0, mention.start - 2) : mention.start]
    return before[-1:] == "ل" and not before[:1].strip()


def _said_at(doc: Doc, colon: int) -> bool:
    """Return True when a reporting verb comes within the few tokens before a colon ("قال فلان في تصريحات صحفية:")."""
    lex = load_lexicon()
    first = doc.token_range(0, colon).stop
    return any(lex.verb_match(doc.tokens.words[k]) is not None for k in range(max(0, first - COLON_REACH), first))


def _spoken_of(doc: Doc, at: int) -> bool:
    """Return True for a name right after عن/وعن: who is spoken about ("وعن راموس قال …"), not who speaks."""
    before = doc.body[max(0, at - 5) : at].split()
    return bool(before) and before[-1] in ("عن", "وعن")


def _unnamed_subject(doc: Doc, i: int, kind: str, subject: list[int], lex: Lexicon) -> Speaker | None:
    """Return who speaks for a verb whose phrase names nobody: its clause's person, else a subject written before it.

    None for a participle right after a reporting verb ("وأضاف قائلا"): it goes with that verb's speaker; and
    for a plural one ("مؤكدين"، "موضحين"): a group speaks on, not one person its clause names.
    """
    norm = doc.tokens.words[i]
    if kind == "participle" and ((i and lex.verb_match(doc.tokens.words[i - 1]) is not None) or norm.endswith("ين")):
        return None
    who = _sentence_subject(doc, i, lex)
    if who is None and kind in ("verb", "verb_comp") and not subject:
        who = _subject_before(doc, i, lex)
    return who


def _subject_before(doc: Doc, i: int, lex: Lexicon) -> Speaker | None:
    """Return the subject written before a verb that has none after it ("والمسؤولون في الوزارة يؤكدون أن …").

    The subject is the whole clause before the verb (from its sentence's start, or the last comma,
    colon or semicolon), of one to SUBJECT_BEFORE tokens with no quote mark, opening with a definite
    noun or a role or institution word: a clause opening with a preposition, a particle or another
    verb ("وفي الرياض قال"، "ومن جهته أكد"، "وألقى الوزير كلمة أكد فيها") names no subject here. After
    "أما", a verb with ف has the topic as its subject ("أما العم حمزة الحكيم، فبين أنه"); after "سبق لـ"
    (speaker_words.tsv `prior`), what the ل leads ("وسبق لوسائل إعلام إسبانية أن ذكرت").
    """
    starts, ends, norms = doc.tokens
    sentence = doc.sentence_of(starts[i])
    idx = list(doc.token_range(sentence.start, starts[i]))
    topic = next((n for n, k in enumerate(idx) if norms[k] in ("اما", "واما")), None)
    if topic is not None and norms[i][:1] == "ف" and topic + 1 < len(idx):
        return speaker(doc, idx[topic + 1 :], lex)  # "أما العم حمزة الحكيم، فبين أنه": the topic speaks
    prior = next((n for n, k in enumerate(idx) if norms[k] in lex.kind("prior")), None)
    if prior is not None and len(idx) > prior + 2 and norms[idx[prior + 1]][:1] == "ل" and norms[idx[-1]] == "ان":
        who = speaker(doc, idx[prior + 1 : -1], lex, source=True)  # "وسبق لوسائل إعلام إسبانية أن ذكرت"
        return Speaker(who.start + 1, who.end, who.role) if who and doc.body[who.start] == "ل" else who
    for n in range(len(idx) - 1, -1, -1):
        if _CLAUSE_CUT_RE.search(doc.body[ends[idx[n - 1]] if n else sentence.start : starts[idx[n]]]):
            idx = idx[n:]
            break
    lead = next((n for n in (2, 1) if " ".join(norms[k] for k in idx[:n]) in lex.kind("clause_lead")), 0)
    idx = idx[lead:]  # "…، إلا أن وزارة الخارجية أكدت أن": the conjunction is no part of the subject
    if not 0 < len(idx) <= SUBJECT_BEFORE or MARK_RE.search(doc.body[starts[idx[0]] : starts[i]]):
        return None  # a quoted term before the verb is what is spoken of ("خيار «الزعفران» ويرى أن")
    first = norms[idx[0]]
    plain = first[1:] if first[:1] in PROCLITICS and len(first) > 3 else first
    # ≥ 6 letters: a verb that starts with أل reads as definite once normalized (ألقى → القي)
    noun = (plain.startswith("ال") and len(plain) >= 6) or listed(plain, lex, "role", "institution", "statement") \
        or listed(first, lex, "role", "institution", "statement")  # و of the word itself: وزارة، وكالة
    if not noun \
            or plain in lex.kind("boundary") \
            or any(lex.verb_match(norms[k]) is not None or norms[k] in lex.kind("complementizer") for k in idx):
        return None  # the clause opens with no noun that could speak: "وفي الرياض"، "وألقى الوزير …"
    who = speaker(doc, idx, lex)
    if who is not None and who.start == starts[idx[0]] and plain != first and plain.startswith("ال"):
        return Speaker(who.start + 1, who.end, who.role)  # "والمسؤولون": the conjunction is no part of them
    return who


def _subject_start(doc: Doc, i: int, kind: str, end: int, lex: Lexicon) -> int:
    """Return the token after which a verb's speaker phrase starts.

    That is the verb itself, or for a relay (نقل عن) and a source marker (وفقا لما نقلته) the words
    that introduce the source.
    """
    if kind not in ("relay", "source", "within", "learned"):
        return i
    starts, _, norms = doc.tokens
    if kind == "within":
        return i + 1 if i + 2 < len(norms) and norms[i + 1] == "في" else i
    if kind in ("relay", "learned"):
        word = "عن" if kind == "relay" else "من"
        for k in range(i + 1, min(i + RELAY_REACH, len(norms))):
            if starts[k] >= end or lex.verb_match(norms[k]) is not None or COMMA_RE.search(
                    doc.body[doc.tokens.ends[k - 1] : starts[k]]):
                break  # the words of another verb or clause: "نقل مباراة فريقه، ولم يعلن عن …"
            if norms[k] == word or (kind == "relay" and norms[k] in ("عنه", "عنها", "عنهم")):
                return k  # "ونقل موقع النادي عنه قوله": the one quoted is who was spoken of before
        return i
    k = i + 1
    skip = lex.kind("skip")
    while k < len(norms) and starts[k] < end and k - i <= 3 and (norms[k] in skip or lex.verb_match(norms[k])
                                                                  or (k == i + 1 and norms[i].endswith("ما"))):
        k += 1  # "حسبما تناقلت وسائل الإعلام": حسبما's verb, whatever it is, is no part of the source
    return k - 1


def _make(doc: Doc, start: int, end: int, kind: QuoteKind, verb: _Verb | None) -> Quote:
    """Build a Quote for body[start:end] attributed through `verb`."""
    if verb is None:
        return Quote(Span(doc.id, start, end, "quote"), kind)
    who = verb.speaker
    return Quote(
        Span(doc.id, start, end, "quote"), kind, Span(doc.id, *verb.span, "verb"),
        Span(doc.id, who.start, who.end, "speaker") if who else None,
        Span(doc.id, *who.role, "role") if who and who.role else None,
    )


def _attribute(doc: Doc, q: Marked, verbs: list[_Verb], prev: tuple[Marked, _Verb] | None) -> _Verb | None:
    """Find the verb (or source) a direct quote belongs to, or None when it is not attributed."""
    starts, ends, _ = doc.tokens
    sent = doc.sentence_of(q[0])
    before = [v for v in verbs if sent.start <= starts[v.tok] and ends[v.tok] <= q[0]]
    if prev is not None and not doc.body[prev[0][1] : q[0]].strip(_BETWEEN_QUOTES) and (
        doc.paragraph_of(prev[0][0]) == doc.paragraph_of(q[0])
    ):
        return prev[1]  # continues the previous quote: «…». «…»
    real_before = [v for v in before if not v.source]
    if real_before:
        return real_before[-1]
    after = [v for v in verbs if q[1] <= starts[v.tok] < sent.end and v.speaker is not None]
    if after:
        return after[0]
    return before[-1] if before else None


def _indirect(doc: Doc, verb: _Verb, verbs: list[_Verb], direct: list[Marked]) -> Quote | None:
    """Return the indirect quote opened by a verb's complementizer, unless a direct quote follows it."""
    body = doc.body
    starts, ends, norms = doc.tokens
    comp_start, comp_end = starts[verb.comp], ends[verb.comp]
    bare = norms[verb.comp].removeprefix("و") in ("ان", "بان", "فان") \
        or norms[verb.comp] in load_lexicon().kind("object")
    if verb.first_word:
        start = comp_start
    else:
        start = comp_end if bare else comp_start + (1 if norms[verb.comp].startswith("ب") else 0)
    while start < len(body) and body[start] in " \t":
        start += 1
    after_comp = body[comp_end : comp_end + 3].lstrip()[:1]
    end = doc.sentence_of(comp_start).end
    if verb.first_word and verb.comp and ":" in body[ends[verb.comp - 1] : comp_start]:
        end = _colon_speech_end(doc, end, verbs)
    opening = next((q for q in direct if q[0] - 1 <= start <= q[0] + 1 or q[0] <= start < q[1]), None)
    marked_start = any(MARK_RE.match(c) for c in (body[start : start + 1], after_comp) if c)
    whole = opening is not None and not body[opening[1] : end].strip(_BETWEEN_QUOTES)
    if whole or (marked_start and opening is None):
        return None  # the clause is itself a direct quote: إن «…»; a quoted word opening it is not: أن «الهيل» أفضل
    for other in verbs:
        if start < starts[other.tok] < end and (other.back or not other.source) and not other.inner \
                and not _predicate(doc, other) and len(doc.token_range(start, starts[other.tok])) >= 2:
            # not at the clause's own verb: "إن المؤشر أشار إلى تباطؤ"، "إنه أعلن"; at a source that
            # credits what comes before it: "…، وفقا لما ذكرته «الصحيفة»"
            end = starts[other.tok]
    connectives = load_lexicon().kind("connective")
    while True:
        while end > start and body[end - 1] in TRIM:
            end -= 1
        inside = doc.token_range(start, end)
        # Cut at the next verb, the clause may end in the word that led to it (… لكنه قال، وهو ما قال).
        if not inside or norms[inside[-1]] not in connectives:
            break
        end = starts[inside[-1]]
    if len(doc.token_range(start, end)) < 2:
        return None
    return _make(doc, start, end, "indirect", verb)


def _colon_speech_end(doc: Doc, end: int, verbs: list[_Verb]) -> int:
    """Return where words after a colon with no quote marks end: at a new paragraph, verb or quote mark.

    The sentence ending at `end` goes on into the next ones of its paragraph that hold no reporting verb
    and no quote mark. "وقال كوستا للصحفيين: فالكاو يعرف … مورينيو. إنه مدرب يحظى بحب اللاعبين …": he goes on speaking
    until the paragraph ends or the outlet speaks again ("وأضاف …").
    """
    body = doc.body
    while True:
        nxt = len(body) - len(body[end:].lstrip(" \t"))
        if nxt >= len(body) or body[nxt] == "\n":
            return end
        sentence = doc.sentence_of(nxt)
        if sentence.end <= end or MARK_RE.search(body[sentence.start : sentence.end]) \
                or any(sentence.start <= doc.tokens.starts[v.tok] < sentence.end for v in verbs):
            return end
        end = sentence.end


def _predicate(doc: Doc, verb: _Verb) -> bool:
    """Return True for a reporting verb's form that is a clause's own verb inside what was said: it opens nothing.

    "… أن الرئيس العام للمؤسسة المهندس فلان تابع بنفسه الموقف": no و/ف before it, no punctuation or
    particle, and no speech of its own (no clause, no direct quote); such a verb does not end the words that
    run through it.
    """
    starts, ends, norms = doc.tokens
    k = verb.tok
    joined = k > 0 and not doc.body[ends[k - 1] : starts[k]].strip() and not is_stopword(norms[k - 1]) \
        and norms[k - 1] not in load_lexicon().kind("connective")  # "…، كما قالت فلانة": her words end there
    return verb.comp < 0 and not verb.back and not verb.spoke and joined and verb.span[0] == starts[k]


def _is_term(doc: Doc, quote: Marked) -> bool:
    """Return True for quoted text that is a name or a term, not words someone said.

    No Arabic word at all ("CDC"), one word the tagger's training text rarely used outside names
    ("تويتر"، "سامسونج"), or a short text whose words all lie in names the tagger found: on SaudiNewsNet
    such quotes were brand, newspaper and programme names. A common word alone is a quoted description
    and stays (وصفت الاتفاق بـ«التاريخي»).
    """
    norms = doc.tokens.words
    inside = doc.token_range(quote[0], quote[1])
    if not any(_ARABIC_RE.search(norms[i]) for i in inside):
        return True
    if len(inside) <= MAX_NAME_TOKENS and all(in_mention(doc, i) for i in inside if _ARABIC_RE.search(norms[i])):
        return True  # a name the tagger found, in marks: «الشرق الأوسط»، «واشنطن بوست»
    return len(inside) == 1 and not default_lexicon().is_common(key(norms[inside[0]]))


def quotes(doc: Doc) -> list[Quote]:
    """Return the direct and indirect quotes of an article, in body order, with their speakers."""
    lex = load_lexicon()
    found: list[Marked] = []
    for para in doc.paragraphs:
        found.extend(marked(doc.body[para.start : para.end], para.start))
    verbs, titles = _verbs(doc, found, lex)
    headings = doc.article.headings
    out: list[Quote] = []
    prev: tuple[Marked, _Verb] | None = None
    for q in found:
        before = doc.token_range(0, q[0])
        if q[:2] in titles or any(h.start <= q[0] < h.end for h in headings) \
                or (before and addressee(doc, before[-1], [q]) is not None):
            continue  # a title, a heading, or the outlet told: "في حديثه لـ«الوطن» إن"
        verb = _attribute(doc, q, verbs, prev)
        if verb is None or (verb.speaker is not None and verb.speaker.start <= q[0] and q[1] <= verb.speaker.end):
            continue  # unattributed, or the speaker's own name in marks ('أما العم "حمزة الحكيم"، فبين')
        prev = (q, verb)
        verb.spoke = True
        if not _is_term(doc, q):
            out.append(_make(doc, q[0], q[1], "direct", verb))
    taken: set[tuple[int, int]] = set()
    for verb in verbs:
        if verb.back and (said := _said_before(doc, verb, verbs, found)) is not None:
            out.append(said)
            continue
        indirect = _indirect(doc, verb, verbs, found) if verb.comp >= 0 else None
        # A verb and a source marker may open one clause ("وقال السكان - حسب الوكالة - إن"): the verb speaks.
        while indirect is not None and indirect.span[1:3] not in taken:
            taken.add(indirect.span[1:3])
            out.append(indirect)
            indirect = _continued(doc, indirect, verb, verbs, found, lex)
    return sorted(out, key=lambda x: (x.span.start, x.span.end))


def _closes_sentence(doc: Doc, i: int, subject: list[int], end: int, lex: Lexicon) -> bool:
    """Return True for a source marker after a comma whose source ends its sentence or clause ("…، وفق مصادر رسمية").

    The source must be one that speaks: its first or second word a role, institution, statement or
    document word, or a name the tagger found there; "وفقا لأجندة مصرية" and "وفق نظام الاتصالات"
    say how, not who. Between commas it credits what comes before it ("…، بحسب محللين، وفي ظل ذلك …").
    حسبما (حسب ما، بحسب ما) needs no comma: "… صباح السبت حسبما ذكر أحد السكان"; a reporting verb
    after it says its source speaks, whoever that is ("بحسب ما أكد دبلوماسي").
    """
    starts, ends, norms = doc.tokens
    lead = i - 1 if i > 1 and norms[i - 1] in ("وذلك", "ذلك") else i  # "…، وذلك بحسب الاستطلاع"
    what = norms[i] == "حسبما" or (norms[i] in ("حسب", "بحسب") and i + 1 < len(norms) and norms[i + 1] == "ما")
    if not subject or lead == 0 or not (COMMA_RE.search(doc.body[ends[lead - 1] : starts[lead]]) or what):
        return False
    reported = any(lex.verb_match(norms[k]) for k in range(i + 1, subject[0]))
    return _closed_after(doc, _past_told(doc, subject[-1], end, lex), end, '"«»“”)') \
        and (reported or _speaks(doc, subject, lex))


def _past_told(doc: Doc, last: int, end: int, lex: Lexicon) -> int:
    """Return the last token of whom a source told, when, or what it is, after token `last`.

    "… للصحافيين"، "… يوم أمس"، "… الذي نشرته صحيفة «فلان»": an addressee or a relative clause after a
    source runs to its clause's end when it holds no إن/أن and no reporting verb (a relative clause
    may hold one: "الذي نشرته").
    """
    starts, ends, norms = doc.tokens
    k = last
    while k + 1 < len(norms) and starts[k + 1] < end and norms[k + 1] in lex.kind("time"):
        k += 1  # "… لوكالة فرانس برس يوم أمس السبت"
    if k > last or k + 1 >= len(norms) or starts[k + 1] >= end or COMMA_RE.search(doc.body[ends[k] : starts[k + 1]]):
        return k
    relative = norms[k + 1] in lex.kind("relative")
    if not relative and not told(doc, k + 1, lex):
        return k
    k += 1
    while k + 1 < len(norms) and starts[k + 1] < end and not COMMA_RE.search(doc.body[ends[k] : starts[k + 1]]) \
            and norms[k + 1] not in lex.kind("complementizer") \
            and (lex.verb_match(norms[k + 1]) is None or (relative and norms[k] in lex.kind("relative"))):
        k += 1
    return k


def _as_said(doc: Doc, i: int, subject: list[int], end: int) -> bool:
    """Return True for "، كما قال فلان" with nothing said after it: it credits the clause before it."""
    starts, ends, norms = doc.tokens
    if not subject or i < 2 or norms[i - 1] != "كما" or not COMMA_RE.search(doc.body[ends[i - 2] : starts[i - 1]]):
        return False
    return _closed_after(doc, subject[-1], end, ")")


def _closed_after(doc: Doc, last: int, end: int, marks: str) -> bool:
    """Return True when token `last` ends its sentence (but for TRIM and `marks`) or a comma follows it."""
    after = doc.body[doc.tokens.ends[last] : end]
    return not after.strip(TRIM + marks) or bool(COMMA_RE.match(after.lstrip()))


def _speaks(doc: Doc, source: list[int], lex: Lexicon) -> bool:
    """Return True for a source that speaks: a SPEAKING word or a tagged name first or second in it."""
    starts, ends, norms = doc.tokens
    head = source[:2]
    named = any(m.label in ("PER", "ORG") and starts[head[0]] <= m.start < ends[head[-1]] for m in doc.mentions or ())
    return named or any(listed(norms[k], lex, *SPEAKING) for k in head)


def _said_before(doc: Doc, verb: _Verb, verbs: list[_Verb], direct: list[Marked]) -> Quote | None:
    """Return the clause before a verb or source that points back at it: "وفق مصادر رسمية", "صرح بذلك", "كما قال".

    The clause runs from its sentence's start (or last colon) to the verb; when the verb opens its
    sentence, the sentence before it in the paragraph is what was said. A clause that is mostly a
    direct quote has that quote's attribution, one that is mostly a verb's own speech has that verb's
    ("وأشار فلان إلى أن …، وفقا لما ذكرته «الصحيفة»": the outlet relays), and one of fewer than three
    words is no statement.
    """
    body = doc.body
    lead = verb.tok > 0 and doc.tokens.words[verb.tok - 1] in ("كما", "وذلك", "ذلك")  # "…، كما قال"، "…، وذلك بحسب"
    at = doc.tokens.starts[verb.tok - lead]
    sentence = doc.sentence_of(at)
    colon = body.rfind(":", sentence.start, at)
    start, end = trim(body, colon + 1 if colon >= 0 else sentence.start, at, TRIM)
    if start >= end:
        before = [x for x in doc.sentences if x.end <= sentence.start]
        if not before or doc.paragraph_of(before[-1].start) != doc.paragraph_of(at):
            return None
        start, end = trim(body, before[-1].start, before[-1].end, TRIM)
    if len(doc.token_range(start, end)) < 3:
        return None
    if any(2 * (min(end, q[1]) - max(start, q[0])) > end - start for q in direct):
        return None
    starts = doc.tokens.starts
    if any(v.comp >= 0 and not v.source and start <= starts[v.tok] and 2 * (starts[v.comp] - start) < end - start
           for v in verbs):
        return None
    return _make(doc, start, end, "indirect", verb)


def _continued(doc: Doc, quote: Quote, verb: _Verb, verbs: list[_Verb], direct: list[Marked],
               lex: Lexicon) -> Quote | None:
    """Return the next sentence of the paragraph as the statement's continuation, when it opens with one.

    "… وأكد أن X. كما أن Y.": the sentence after an indirect quote that opens with a continuation
    (speaker_words.tsv: "كما أن", "كما أنه"), or with وأن itself ("… وأكد أن X. وأن Y."), states more of
    the same speaker's words.
    """
    end = doc.sentence_of(quote.span.start).end
    after = next((s for s in doc.sentences if s.start >= end), None)
    if after is None or doc.paragraph_of(after.start) != doc.paragraph_of(quote.span.start):
        return None
    inside = doc.token_range(after.start, after.end)
    norms = doc.tokens.words
    if len(inside) < 4 or any(v.tok in inside for v in verbs):
        return None  # a sentence with its own reporting verb has its own speaker
    first = norms[inside[0]]
    if first[:1] == "و" and first[1:] in lex.kind("complementizer"):
        return _indirect(doc, replace(verb, comp=inside[0], first_word=False), verbs, direct)  # ". وأن Y."
    if first not in lex.kind("continuation") or norms[inside[1]] not in lex.kind("complementizer"):
        return None
    return _indirect(doc, replace(verb, comp=inside[1], first_word=False), verbs, direct)


def find_quotes(docs: Sequence[Doc]) -> None:
    """Fill in the quotes of every Doc that has none yet."""
    for doc in docs:
        if doc.quotes is None:
            doc.quotes = tuple(quotes(doc))
