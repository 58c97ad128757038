"""How much each process keeps between articles: the size of the per-word caches, and glibc's freed blocks.

Stems, lookup keys and hashes of word forms are memoized (most words repeat). A long run (an archive,
a kept worker) meets ever more distinct forms, and caches sized for all of them held ~2.7M entries and
most of a worker's ~1.1 GB by the end of SaudiNewsNet. Each cache keeps the WORDS most recently used
forms instead.
"""

import ctypes

# Set on a streamed `analyze` of SaudiNewsNet (benchmarks, every day; the kept workers' memory sampled
# each second): with 50k the workers level off at ~440 MB on the corpus and on its 4× copy, against
# ~880 MB and 1.15 GB, still growing, with the caches of 100k-500k entries before. The price: the whole
# corpus ran ~10% slower (0.89 and 0.91 of 04efccc's speed in two runs), though the story stages over
# three days in one process ran as fast. Most of that price was the tagger's table starting afresh when
# full (marsad.ner.scores.MAX_WORDS), which now keeps its most used words instead.
WORDS = 50_000

# mallopt parameters (glibc's malloc.h). The threshold was measured on a streamed `analyze` of SaudiNewsNet
# (benchmarks): 128 KB (glibc's initial value) and 1 MB gave the same peaks, within 2%, and no slower run.
# malloc_trim after each clustered window instead, leaving glibc's policy as it is, peaked at 798 and
# 1,006 MB on the corpus and its 4× copy, against 722 and 888 with this, as fast.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
MMAP_THRESHOLD = 1024 * 1024


def return_freed_blocks() -> None:
    """Have glibc map each block over MMAP_THRESHOLD apart, so that freeing it gives it back to the system.

    By default glibc raises that threshold whenever such a block is freed (up to 32 MB), and from then on
    the arrays of each window's clustering come from the heap, which seldom shrinks: the parent of a
    streamed `analyze` of SaudiNewsNet held ~400 MB it no longer used (peak 884 MB while clustering, 776
    MB with this). Forked workers inherit the setting. Does nothing where the C library is not glibc.
    """
    try:
        libc = ctypes.CDLL(None)
        set_option = libc.mallopt
    except (OSError, AttributeError):
        return
    set_option(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)
    set_option(_M_TRIM_THRESHOLD, MMAP_THRESHOLD)  # and free space past this at the heap's top is given back
