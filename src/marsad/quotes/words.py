"""The word lists that drive quote attribution (data/reporting_verbs.txt, data/speaker_words.tsv) and word classes.

Reporting verbs come with their kind (verb, verb_comp, participle, relay, learned, within, document);
speaker words with theirs: roles and titles, institutions, statements (البيان) and documents (القرار),
complementizers (إن/أن), boundaries, times, prepositions, fillers, relative pronouns, source markers
(بحسب، وفق), connectives. Every word is matched in the normalized view (marsad.arabic.normalize), also
with a leading ال، و or ل.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.arabic.normalize import normalize
from marsad.datafiles import rows

PRONOUN_SUFFIXES = ("هما", "هم", "ها", "ه")
PROCLITICS = "وف"
ROLE_KINDS = ("role", "institution", "statement")
_NOTHING: frozenset[str] = frozenset()
# The patterns of the derived verbal nouns, normalized and indefinite: افتعال/انفعال (انتظام، اجتماع)،
# استفعال (استمرار)، تفعيل (تأجيل، تسجيل)، إفعال (إعلان، إغلاق)، تفاعل (تعاون)، مفاعلة (مشاركة).
# What a verb says as its object ("أكدت المؤسسة انتظام الرحلات"); personal names rarely take them.
VERBAL_NOUN_RE = re.compile(r"ا.ت.ا.|ان..ا.|است..ا.|ت..ي.|ا..ا.|ت.ا..|م.ا..ه")


@dataclass(frozen=True)
class Lexicon:
    """The word lists that drive attribution, normalized."""

    verbs: dict[str, str]
    words: dict[str, frozenset[str]]
    verb_forms: dict[str, tuple[str, int, bool]]  # every inflected token → verb_match's answer
    # the tokens of verbs whose words may come as a noun object → the prepositions that open it (all when empty)
    object_forms: dict[str, frozenset[str]] = field(default_factory=dict)
    # every token a verb or source marker may be written as: what a scan for them looks up first
    triggers: frozenset[str] = frozenset()

    def kind(self, name: str) -> frozenset[str]:
        """Return the normalized words listed under one kind of speaker_words.tsv."""
        return self.words.get(name, _NOTHING)

    def is_source(self, norm: str) -> bool:
        """Return True for a source marker (بحسب، وفق), also after a leading و or ف."""
        sources = self.kind("source")
        return norm in sources or (norm[:1] in PROCLITICS and norm[1:] in sources)

    def verb_match(self, norm: str) -> tuple[str, int, bool] | None:
        """Match a normalized token as a reporting verb: (kind, length of a و/ف prefix, has an object pronoun)."""
        return self.verb_forms.get(norm)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load reporting_verbs.txt and speaker_words.tsv."""
    table = rows("reporting_verbs.txt")
    verbs = {normalize(row[0].strip()): row[1].strip() for row in table}
    objects = {normalize(r[0].strip()): r[2].strip() for r in table if len(r) > 2 and r[2].strip().startswith("object")}
    words: dict[str, set[str]] = {}
    for kind, word in rows("speaker_words.tsv"):
        words.setdefault(kind.strip(), set()).add(normalize(word.strip()))
    forms = _verb_forms(verbs)
    sources = words.get("source", set())
    return Lexicon(verbs, {k: frozenset(v) for k, v in words.items()}, forms,
                   {form: frozenset(normalize(w) for w in column.partition(":")[2].split(",") if w)
                    for form, (column, _, _) in _verb_forms(objects).items()},
                   frozenset(forms) | frozenset(sources) | {p + w for p in PROCLITICS for w in sources})


def _verb_forms(verbs: dict[str, str]) -> dict[str, tuple[str, int, bool]]:
    """Return every token a reporting verb can appear as (with و/ف before it, a pronoun after it) → its match.

    Written in reverse order of preference, so the bare form wins over a prefixed or suffixed reading
    of the same token; a و/ف is only a prefix when more than two letters follow it.
    """
    forms: dict[str, tuple[str, int, bool]] = {}
    for cut, prefixes in ((1, PROCLITICS), (0, ("",))):
        for prefix in prefixes:
            for suffix in (*reversed(PRONOUN_SUFFIXES), ""):
                for verb, kind in verbs.items():
                    token = prefix + verb + suffix
                    if not cut or len(token) > 3:
                        forms[token] = (kind, cut, bool(suffix))
    return forms


def bare(norm: str) -> str:
    """Return a normalized word without a leading ال، و or ل (at least two letters left)."""
    for prefix in ("وال", "لل", "ال", "و", "ل"):
        if norm.startswith(prefix) and len(norm) - len(prefix) >= 2:
            return norm[len(prefix):]
    return norm


def listed(norm: str, lex: Lexicon, *kinds: str) -> bool:
    """Return True when a token, or its bare form, is listed under one of the word kinds."""
    plain = bare(norm)
    return any(norm in lex.kind(k) or plain in lex.kind(k) for k in kinds)


def is_definite(norm: str) -> bool:
    """Return True for a word with the definite article (ال، وال، لل); not ألف، ألم (three letters, أ normalized)."""
    return norm.startswith(("ال", "وال", "لل")) and len(norm) > 3


def is_role(norm: str, lex: Lexicon) -> bool:
    """Return True when a token is a role/title/institution/statement word, also with ال، و or ل attached."""
    return listed(norm, lex, *ROLE_KINDS)


def is_verbal_noun(norm: str) -> bool:
    """Return True for an indefinite word in the pattern of a derived verbal noun (تأجيل، انتظام، مشاركة)."""
    return VERBAL_NOUN_RE.fullmatch(norm) is not None


def is_common(norm: str) -> bool:
    """Return True for a definite or adjective-looking word that is not a personal name."""
    return norm.startswith(("ال", "وال", "بال", "لل")) or norm.endswith(("يه", "يون", "يين", "يات"))


def is_nisba(norm: str) -> bool:
    """Return True for a coordinated relational adjective (والأمريكي): the next person's role, not a surname.

    A bare definite nisba after a first name is kept as a surname (كريم السعدي).
    """
    return norm.startswith("وال") and norm.endswith(("ي", "يه"))


def is_particle(norm: str, lex: Lexicon) -> bool:
    """Return True for a boundary word, preposition or filler: never a name, and no name right after it."""
    return any(norm in lex.kind(kind) for kind in ("boundary", "preposition", "filler"))


def name_like(norm: str, lex: Lexicon) -> bool:
    """Return True when a token could be part of a personal name."""
    return norm.isalpha() and len(norm) > 1 and not is_particle(norm, lex)
