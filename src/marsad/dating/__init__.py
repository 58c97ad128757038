"""Dates: every article's time expressions resolved, its publication day inferred or checked, each story's timeline.

In: a story's member Docs (with their quotes, for the day of a speech) and their stated
publication days. Out: per article, its `TimeExpression`s (spans with ISO values: أمس الأربعاء،
غداً، منتصف يناير, Hijri dates) and an `Inference` (the day an undated article was published, with
its evidence, or a contradiction of a stated day); per story, its `TimelineEvent`s (dated clauses,
one entry per event with every source).
Modules: `calendar` (absolute Gregorian/Hijri dates and date lines, also used by cleaning),
`grammar` (word tables and patterns), `periods` (calendar arithmetic), `expressions` (finding and
resolving expressions in a text), `speech` (a whole article anchored, quotes on the day of the
speech), `published` (publication-day inference and the dating stage), `timeline` (clauses and events).
"""
