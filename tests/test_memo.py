"""Tests for marsad.memo: bounded word caches, and glibc's free heap memory given back to the system."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from marsad import memo
from marsad.arabic import term

# A fresh interpreter, so that nothing allocated before moves the figures. It prints its resident MB
# before, with 20k lists of 8 KB from glibc's heap, after freeing all but every 50th (the holes between
# the survivors stay in the heap), and after `trim` when asked.
_PROBE = """
import sys
from marsad.memo import trim
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 >> 20
before = rss()
blocks = [[None] * 1000 for _ in range(20_000)]
kept = blocks[::50]
grown = rss()
del blocks
if sys.argv[1] == "trim":
    trim()
print(before, grown, rss())
"""


def _resident(step: str) -> tuple[int, int, int]:
    """Return the probe's resident MB: at the start, with the lists, and at the end."""
    out = subprocess.run([sys.executable, "-c", _PROBE, step], check=True, text=True, capture_output=True).stdout
    before, grown, after = map(int, out.split())
    return before, grown, after


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's; /proc is Linux's")
def test_trim_gives_the_holes_of_the_heap_back() -> None:
    """Freed blocks between live ones stay resident until trim hands them back."""
    before, grown, after = _resident("keep")
    assert grown - before >= 100 and after - before >= 100
    before, grown, after = _resident("trim")
    assert grown - before >= 100 and after - before < 30


def test_word_caches_keep_at_most_words_entries() -> None:
    """A per-word cache forgets its least recently used forms past memo.WORDS."""
    term.cache_clear()
    for k in range(memo.WORDS + 10):
        term(f"كلمة{k}")
    assert term.cache_info().currsize == memo.WORDS
    term.cache_clear()
