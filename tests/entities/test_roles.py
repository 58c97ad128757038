"""Tests for marsad.entities.roles: stated_role, the title written next to a person's name, on invented sentences."""

from __future__ import annotations

import pytest

from marsad.doc import Doc
from marsad.entities.roles import stated_role
from marsad.types import Span
from tests.entities.helpers import article


def role_text(doc: Doc, mention: Span, floor: int = 0) -> str | None:
    """Return the text of the role stated next to a mention, or None."""
    role = stated_role(doc, mention, floor=floor)
    assert role is None or (role.article, role.label) == (doc.id, "role")
    return doc.text(role) if role is not None else None


@pytest.mark.parametrize(
    ("body", "name", "role"),
    [
        ("وقال المتحدث باسم القصر سامي الوردي إن الموعد ثابت.", "سامي الوردي", "المتحدث باسم القصر"),
        ("أعلن نائب الرئيس سامي الوردي الخطة.", "سامي الوردي", "نائب الرئيس"),
        ("والرئيس سامي الوردي حاضر.", "سامي الوردي", "الرئيس"),
        ("وصل سامي الوردي، وزير المالية، إلى الرياض.", "سامي الوردي", "وزير المالية"),
        ("التقى الوزير مع سامي الوردي أمس.", "سامي الوردي", None),
        ("قال الرئيس: سامي الوردي غائب.", "سامي الوردي", None),
        ("حضر الرئيس وسامي الوردي.", "سامي الوردي", None),
    ],
)
def test_stated_role(body: str, name: str, role: str | None) -> None:
    """The role stated right before a name, or in apposition after it, is found; a broken phrase is not."""
    doc, [mention] = article("x", body, [(name, "PER")])
    assert role_text(doc, mention) == role


def test_long_apposition_role_is_cut_on_a_content_word() -> None:
    """A long role after a name is kept up to the window and never ends on a particle."""
    body = "وصل سامي الوردي، رئيس قسم الشؤون العربية في وزارة الخارجية الأردنية الذي قاد الوفد."
    doc, [mention] = article("x", body, [("سامي الوردي", "PER")])
    assert role_text(doc, mention) == "رئيس قسم الشؤون العربية في وزارة الخارجية الأردنية"


def test_a_role_starts_at_or_after_the_floor() -> None:
    """The floor (the end of the previous person's mention) keeps a role from reaching across that person."""
    doc, [first, second] = article("a", "اتصل الرئيس سامي الوردي ونظيره نادر الخطيب هاتفيا.",
                                   [("سامي الوردي", "PER"), ("نادر الخطيب", "PER")])
    assert role_text(doc, first) == "الرئيس"
    assert role_text(doc, second, floor=first.end) is None
    role_start = doc.body.index("الرئيس")
    assert role_text(doc, first, floor=role_start) == "الرئيس"
    assert role_text(doc, first, floor=role_start + 1) is None
