"""Archives on Dask: inputs read as tasks, stories in windows of days (marsad.stories.windows), Parquet out.

In: input paths. Out: Parquet tables of articles, stories, entities, quotes and claims (`run`, `tables`).
"""
