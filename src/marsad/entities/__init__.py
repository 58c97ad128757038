"""Entities: a story's mentions merged into people, places and organisations, and its quotes given speakers.

In: a story's member Docs with their mentions (marsad.ner) and quotes (marsad.quotes). Out: the
story's `Entity` list (one per real-world entity across spellings: ترامب/ترمب, roles listed) and its
`AttributedQuote`s (each quote with the entity that said it and its cross-outlet group).
Modules: `repair` (what one sentence cannot show: missed speakers, glued names, names tagged
elsewhere), `names` (when two spellings can name one entity), `roles` (titles next to a name),
`canonical` (the merge), `attribution` (quotes linked to entities, then grouped), `resolve` (a story's
entity matched to the store's entities across stories).
"""
