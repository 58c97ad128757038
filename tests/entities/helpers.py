"""Shared builders for the entity tests: an invented article with its mentions, and spelling variant pairs."""

from __future__ import annotations

from marsad.doc import Doc
from marsad.types import Article, Span

# Two spellings of one name, and the rule that makes them one.
SPELLING_VARIANTS = [
    ("ترامب", "ترمب", "long vowel ا dropped"),
    ("بوتين", "بوتن", "long vowel ي dropped"),
    ("فلاديمير بوتين", "فلاديمير بوتن", "variant inside a full name"),
    ("سيرجي لافروف", "سيرغي لافروف", "ج/غ for /g/"),
    ("زيلينسكي", "زيلينكسي", "two letters swapped"),
    ("زيلينسكي", "زيلينسسكي", "letter doubled"),
    ("إسطنبول", "اسطنبول", "hamza on alef"),
    ("ماريا زاخاروفا", "ماريّا زاخاروفا", "diacritic"),
    ("هيلاري كلينتون", "هيلارى كلينتون", "ى/ي"),
    ("عبد ربه منصور هادي", "عبدربه منصور هادي", "عبد written apart or joined"),
    ("سامر عبد الله", "سامر عبدالله", "عبد before الله"),
]

# Names sharing a part or a skeleton that name different entities (type of both).
DISTINCT_NAMES = [
    ("محمد بن سلمان", "محمد بن زايد", "PER"),
    ("كيم جونغ أون", "كيم يو جونغ", "PER"),
    ("دونالد ترامب", "دونالد توسك", "PER"),
    ("سعد", "سعيد", "PER"),
    ("حسن", "حسين", "PER"),
    ("سلمان", "سليمان", "PER"),
    ("فلاديمير", "فولوديمير", "PER"),
    ("محمد", "محمد بن سلمان", "PER"),
    ("عبد الله سامر", "عبد الرحمن سامر", "PER"),
    ("وزارة الخارجية الروسية", "وزارة الخارجية الأمريكية", "ORG"),
]


def article(aid: str, body: str, names: list[tuple[str, str]]) -> tuple[Doc, list[Span]]:
    """Build an article's Doc and mentions of each (text, type), found in order of appearance in `body`."""
    mentions = []
    at = 0
    for text, kind in names:
        start = body.index(text, at)
        mentions.append(Span(aid, start, start + len(text), kind))  # type: ignore[arg-type]
        at = start + len(text)
    return Doc(Article(aid, aid, body)), mentions
