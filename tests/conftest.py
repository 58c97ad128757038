"""Shared test fixtures: where ../shared lives, and a reason to skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT.parent / "shared").resolve()
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"


@pytest.fixture
def seeds_dir() -> Path:
    """The five real seed articles, or a skip naming the missing directory."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} not present (CI provides ../shared)")
    return SEEDS


@pytest.fixture
def data_dir() -> Path:
    """The real corpora in ../shared/data, or a skip naming the missing directory."""
    if not DATA.is_dir():
        pytest.skip(f"{DATA} not present (CI provides ../shared)")
    return DATA


# Three invented outlets report one invented event; a fourth text is about something else.
EVENT_A = """الثلاثاء 14 أكتوبر 2025

وزراء المياه في ثلاث دول يتفقون في عمّان على آلية لتقاسم مياه نهر الوادي

اتفق وزراء المياه في الأردن والعراق وسوريا، اليوم الثلاثاء في عمّان، على آلية مشتركة لتقاسم مياه نهر الوادي بعد محادثات استمرت سبع ساعات.

وقال وزير المياه الأردني سامر الخطيب إن "الاتفاق يضمن حصة عادلة لكل دولة ويبدأ تطبيقه مطلع العام المقبل".

وأضاف الخطيب أن لجنة فنية من 12 خبيراً ستتابع تنفيذ الاتفاق كل ثلاثة أشهر.

شارك
اترك تعليقاً
"""

EVENT_B = """وزراء المياه يتوصلون إلى اتفاق لتقاسم مياه نهر الوادي في عمان

14 أكتوبر/تشرين الأول 2025

توصل وزراء المياه في الأردن والعراق وسوريا الثلاثاء في عمان إلى اتفاق لتقاسم مياه نهر الوادي، عقب محادثات دامت سبع ساعات.

وصرّح وزير المياه الأردني سامر الخطيب بأن "الاتفاق يكفل حصة منصفة لكل بلد وسيطبق في بداية العام القادم".

وستتابع لجنة فنية تضم 12 خبيراً تطبيق الاتفاق كل ثلاثة أشهر.

(وكالة الشرق، رويترز)
"""

EVENT_C = """اتفاق ثلاثي على مياه نهر الوادي

وقّع وزراء المياه في الأردن والعراق وسوريا في عمّان اتفاقاً لتقاسم مياه نهر الوادي بعد سبع ساعات من المحادثات.

وينص الاتفاق على تشكيل لجنة فنية من 12 خبيراً تجتمع كل ثلاثة أشهر لمتابعة التنفيذ.
"""

OTHER = """مهرجان الكتاب في تونس يستقبل مئة ألف زائر

استقبل معرض تونس الدولي للكتاب في دورته الجديدة أكثر من مئة ألف زائر خلال أسبوعه الأول، وفق ما أعلنته إدارة المعرض.

وشاركت في المعرض أكثر من ثلاثمئة دار نشر من عشرين بلداً، وتضمن برنامجه ندوات عن الرواية العربية والترجمة.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A directory of four hand-written scraped articles: three about one event, one unrelated."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in {"a": EVENT_A, "b": EVENT_B, "c": EVENT_C, "other": OTHER}.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder
