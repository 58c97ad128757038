"""Tests for marsad.memo: bounded word caches, and large blocks mapped apart so that freeing them returns them."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from marsad import memo
from marsad.arabic import term

# A fresh interpreter: glibc's threshold moves with what the process has allocated and freed before.
# It prints how many blocks glibc has mapped apart before and after allocating one of 2 MB.
_PROBE = """
import ctypes
from marsad.memo import return_freed_blocks
class Info(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                                     "fsmblks", "uordblks", "fordblks", "keepcost")]
libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
return_freed_blocks()
big = bytearray(8 << 20)
del big  # by default glibc now raises its threshold to 8 MB and serves smaller blocks from the heap
before = libc.mallinfo2().hblks
block = bytearray(2 << 20)
print(before, libc.mallinfo2().hblks)
"""


def _mapped() -> tuple[int, int]:
    """Return glibc's count of blocks mapped apart before and after a 2 MB allocation, in a fresh process."""
    out = subprocess.run([sys.executable, "-c", _PROBE], check=True, text=True, capture_output=True).stdout
    before, after = map(int, out.split())
    return before, after


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt and mallinfo2 are glibc's")
def test_large_blocks_stay_mapped_apart_after_a_larger_one_is_freed() -> None:
    """After return_freed_blocks a 2 MB block is mapped on its own (so freeing it unmaps it).

    (By default glibc would serve it from its heap here; that is glibc's behaviour, not asserted.)
    """
    before, after = _mapped()
    assert after == before + 1


def test_word_caches_keep_at_most_words_entries() -> None:
    """A per-word cache forgets its least recently used forms past memo.WORDS."""
    term.cache_clear()
    for k in range(memo.WORDS + 10):
        term(f"كلمة{k}")
    assert term.cache_info().currsize == memo.WORDS
