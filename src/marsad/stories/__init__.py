"""Stories: articles grouped by the real-world event they report, with their near-duplicates and wire lineage.

In: cleaned Articles (and, in the store, the stories some of them already belong to). Out: `Story`
objects (ordered member ids, a title, a time span) from `cluster` (TF-IDF features of the title and
lead, a publication-time factor, average linkage); groups of near-duplicate bodies from `dedup`
(MinHash and LSH); pairs of members that retell one wire story from `lineage` (aligned sentences,
shared numbers and quotations).
"""
