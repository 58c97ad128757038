"""Quotes: who said what in each article, and the same statement found across outlets.

In: an article's Doc (its tokens, sentences and paragraphs). Out: its `Quote`s (direct and
indirect), each a span of the body with the spans of its reporting verb, speaker and role
(`extract`, over `marks`, `speakers` and the word lists of `words`). Across a story's articles,
`groups` puts together the quotes that render one statement of one speaker, translations included;
linking a speaker to a story entity is marsad.entities' work.
"""
