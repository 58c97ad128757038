"""Verification: a story's claims aligned across outlets, independent sources, conflicts and the brief.

In: a StoryDoc whose members carry their tokens and, when computed, mentions, quotes and dates, with its
near-duplicates, lineage and entities. Out (StoryDoc fields): `sources` (groups of articles that derive
from one source text), `claims` (facts as aligned units, each a span of an article's body, counted by
independent source), `conflicts` (units stating one fact with values that cannot both hold) and
`summary` (the brief: claim units chosen by centrality and corroboration, never a generated word).
Modules: words (the word list), units (claim units), values (numbers and other comparable values),
claims (alignment), sources (independent lineages), conflicts, brief; story runs them as one stage.
"""
