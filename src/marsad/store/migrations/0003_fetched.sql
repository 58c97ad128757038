-- marsad store schema, version 3: the day each article's page was captured.
-- Format: one migration per file named NNNN_name.sql (NNNN = version, applied in increasing order).
-- Each file runs inside one transaction together with its row in schema_migrations; plain SQL only.

-- ISO day the page was captured (a WARC record's date, a feed's build date, a record's fetch field,
-- or `--fetched`): the ingest time an undated article is dated against. NULL when nothing said.
ALTER TABLE articles ADD COLUMN fetched TEXT;
