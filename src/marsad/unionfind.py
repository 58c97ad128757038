"""Union-find over hashable, sortable items: the grouping used for entities, timeline events and more."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

    T = TypeVar("T", bound=SupportsRichComparison)
else:
    T = TypeVar("T")


class DisjointSets(Generic[T]):
    """Union-find (the smallest item in sort order is each set's root, for determinism)."""

    def __init__(self) -> None:
        """Start with every item in a set of its own."""
        self.parent: dict[T, T] = {}

    def find(self, item: T) -> T:
        """Return the root of the set holding `item`."""
        root = item
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while item != root:
            item, self.parent[item] = self.parent.get(item, item), root
        return root

    def union(self, a: T, b: T) -> None:
        """Join the sets holding `a` and `b`."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = sorted((ra, rb))
            self.parent[high] = low


