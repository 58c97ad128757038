"""Cleaning: a scraped document in, an Article out, with site furniture removed and metadata moved aside.

In: a `RawDocument` (text and whatever metadata its container carried). Out: an `Article` whose
`body` keeps the article's own paragraphs, whose headings, paragraphs and sentences are spans of
that body, and whose title, publication date (Gregorian or Hijri date lines), credits and outlet
summary were taken out of the text. Every removed line is listed in `removed` with its reason:
  nav        navigation/breadcrumb remnants, section names (also glued together)
  masthead   editor lines ("رئيس التحرير" and the name line after it), and the short lines
             (under TITLE_MIN_WORDS words) of the head zone above the title: site names, menu leftovers
  share      share/comment/close/back-to-top/show-more/print/font-size/listen lines
  related    a "related articles" marker and the headlines that follow it
  symbol     a line without any letter or digit ("|", "•")
  english-ui English interface leftovers ("Exit mobile version", "Share")
  caption    photo captions (agency in parentheses at the end, or a short line repeated)
  duplicate  a longer line repeated right after itself (one copy is kept)
  date       a line that is only a date (the first one gives `published`)
  credit     a credit line "(A، B)" or "المصدر: A" (names go to `credits`); below the last body
             paragraph the names need not be known agencies
  end-mark   a wire "end of story" mark ("(انتهى)")
  summary    the outlet's summary marker and items (items go to `outlet_summary`)
  title      the headline line (goes to `title`)
  byline     a short "name – place" / "place: outlet" line above the body, or a "كتب: NAME" line
  over-length the paragraphs past MAX_BODY_CHARS (50,000 characters; a longer first one is cut at a space)
A wire dateline opening the first paragraph ("PLACE (AGENCY) - ...") credits AGENCY and stays in the body.

Modules: `rules` (the phrase lists of data/furniture.tsv and the class of one line), `layout` (head
zone, title line, tail), `article` (the line loop and the Article's spans).
"""

from marsad.clean.article import clean, clean_all
from marsad.clean.rules import Rules, load_rules

__all__ = ["Rules", "clean", "clean_all", "load_rules"]
