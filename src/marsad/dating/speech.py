"""Time expressions of a whole article, anchored: on the publication day, and inside quotes on the day of the speech.

Inside a quote, relative expressions are re-anchored to the time of the speech when the sentence of
the reporting verb states a day outside the quote ("قال أمس الأربعاء: «… غدا»"), or when the same
speaker's last quote had one (up to SPEECH_CARRY_SENTENCES sentences back). A bare اليوم in indirect
speech stays the article's day: a reporter writes the speaker's "today" of yesterday as أمس, so the
اليوم they write is their own ("وأكد الكرملين أمس أن المباحثات تجرى اليوم": the talks are on the
article's day).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

from marsad.arabic.normalize import normalize
from marsad.dating.expressions import find, published_day, resolve
from marsad.doc import Doc
from marsad.quotes.extract import find_quotes
from marsad.types import Quote, Span, TimeExpression

# How many sentences a speaker's stated day of speech carries over to their next quotes: a quote's
# verb is typically one or two sentences after the one that dated the statement (the seeds: one).
SPEECH_CARRY_SENTENCES = 3
_TODAY = "اليوم"


def _speech_day(quote: Quote, outside: Sequence[TimeExpression], sentences: Sequence[Span]) -> dt.date | None:
    """Return the day a quote was spoken when the sentence of its reporting verb states one outside quotes."""
    at = quote.speaker.start if quote.speaker is not None else quote.span.start
    sentence = next((s for s in sentences if s.start <= at < s.end), None)
    if sentence is None:
        return None
    days = [x for x in outside
            if x.granularity == "day" and x.value and sentence.start <= x.span.start < sentence.end]
    if not days:
        return None
    nearest = min(days, key=lambda x: abs(x.span.start - at))
    return dt.date.fromisoformat(nearest.value or "")


def _speech_days(doc: Doc, said: Sequence[Quote], outside: Sequence[TimeExpression]) -> dict[Quote, dt.date | None]:
    """Return the day each quote was spoken: stated in its verb's sentence, else carried over.

    A speaker quoted again without a new day ("وأعلن لافروف أمس الأربعاء أن … . وقال لافروف: «…»")
    keeps the day of their last quote up to SPEECH_CARRY_SENTENCES sentences back.
    """
    sentences = doc.sentences
    starts = [s.start for s in sentences]
    last: dict[str, tuple[int, dt.date]] = {}  # speaker's last word → (sentence index, day)
    days: dict[Quote, dt.date | None] = {}
    for quote in sorted(said, key=lambda q: q.span.start):
        at = quote.speaker.start if quote.speaker is not None else quote.span.start
        index = bisect.bisect_right(starts, at) - 1
        who = normalize(doc.text(quote.speaker) if quote.speaker else "").split()[-1:]
        day = _speech_day(quote, outside, sentences)
        if day is None and who and who[0] in last and index - last[who[0]][0] <= SPEECH_CARRY_SENTENCES:
            day = last[who[0]][1]
        if day is not None and who:
            last[who[0]] = (index, day)
        days[quote] = day
    return days


def article_expressions(doc: Doc, anchor: dt.date | None = None) -> list[TimeExpression]:
    """Return the expressions of an article body, anchored on `anchor` or its publication date.

    Relative expressions inside a quote or indirect speech are anchored on the day of the speech when
    the text gives it (in its verb's sentence, or carried over from the speaker's last quote).

    The article's quotes are read from the Doc (found there first when no stage did it yet).
    """
    body = doc.body
    base = anchor if anchor is not None else published_day(doc.article)
    found = find(body)
    said: Sequence[Quote] = ()
    if found:
        find_quotes([doc])
        said = doc.quotes or ()
    inside = [next((q for q in said if q.span.start <= f.start < q.span.end
                    and (q.kind == "direct" or normalize(body[f.start : f.end]) != _TODAY)), None) for f in found]
    resolved = [resolve(f, base, doc.id) for f in found]
    outside = [x for x, f in zip(resolved, found, strict=True)
               if not any(q.span.start <= f.start < q.span.end for q in said)]
    days = _speech_days(doc, said, outside) if any(q is not None for q in inside) else {}
    for k, (item, quote) in enumerate(zip(found, inside, strict=True)):
        spoken = days.get(quote) if quote is not None and item.relative else None
        if spoken is not None:
            resolved[k] = resolve(item, spoken, doc.id)
    return resolved
