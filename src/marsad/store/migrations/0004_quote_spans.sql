-- marsad store schema, version 4: the reporting word and the role of a quote as spans of its article.
-- Format: one migration per file named NNNN_name.sql (NNNN = version, applied in increasing order).
-- Each file runs inside one transaction together with its row in schema_migrations; plain SQL only.

-- Offsets into articles.body of the quote's reporting verb (or source marker) and of the role written
-- before its speaker's name: body[verb_start:verb_end] is `verb`, body[role_start:role_end] is `role`.
-- NULL when there is none, and for quotes stored before this version (their `verb` and `role` texts
-- stay readable in the columns of version 2; the spans are filled when the story is saved again).
ALTER TABLE quotes ADD COLUMN verb_start INTEGER;
ALTER TABLE quotes ADD COLUMN verb_end INTEGER;
ALTER TABLE quotes ADD COLUMN role_start INTEGER;
ALTER TABLE quotes ADD COLUMN role_end INTEGER;
