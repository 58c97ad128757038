"""How much each process keeps between articles: the size of the per-word caches, and glibc's free heap.

Stems, lookup keys and hashes of word forms are memoized (most words repeat). A long run (an archive,
a kept worker) meets ever more distinct forms, and caches sized for all of them held ~2.7M entries and
most of a worker's ~1.1 GB by the end of SaudiNewsNet. Each cache keeps the WORDS most recently used
forms instead.
"""

import ctypes

# Set on a streamed `analyze` of SaudiNewsNet (benchmarks, every day; the kept workers' memory sampled
# each second): with 50k the workers level off at ~440 MB on the corpus and on its 4× copy, against
# ~880 MB and 1.15 GB, still growing, with the caches of 100k-500k entries before; the run took as long.
WORDS = 50_000


def trim() -> None:
    """Give the free memory in glibc's heap back to the system (malloc_trim); does nothing on other C libraries.

    glibc serves a large array from its heap once a larger one has been freed, and its heap seldom
    shrinks by itself: after clustering SaudiNewsNet's windows the parent of a streamed `analyze` held
    817 MB, 433 MB once trimmed.
    """
    try:
        release = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    release(0)
