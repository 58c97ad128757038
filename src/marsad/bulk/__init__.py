"""Archives in bounded memory: publication-time windows of stories (`windows`), and bulk runs on Dask.

In: cleaned Articles in publication order. Out: stories closed window by window, each with its articles.
"""
