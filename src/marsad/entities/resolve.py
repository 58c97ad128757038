"""One entity across stories: which stored entity a story's entity is, decided from the names alone.

The store keeps each entity under blocking keys (its type and the skeleton of its name's last word,
`entity_key`); a story's entity is matched against the stored entities sharing its key with the
spelling rules of marsad.entities.names (`choose`). The store asks; this module decides.
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.arabic import skeleton
from marsad.entities.names import name_key, same_entity


def entity_key(text: str, type: str) -> str | None:
    """Return the blocking key of a name: its type and the skeleton of its name key's last word (None if no word)."""
    words = name_key(text, type)
    return f"{type}:{skeleton(words[-1])}" if words else None


def choose(name: str, type: str, candidates: Sequence[tuple[str, str]], prefer: str | None = None) -> str | None:
    """Return the id of the one candidate (id, stored display name) that `name` names, else None.

    `prefer` (the store entity this name had before in the same story) wins when it is a candidate:
    the display name it is checked against may have grown since. Otherwise candidates are verified
    with `same_entity`. When several match ("بوتين" against two stored people of that surname), the
    one whose name has as many words (a full-name match) wins if it is the only such; otherwise none.
    """
    if prefer is not None and prefer in {eid for eid, _ in candidates}:
        return prefer
    hits = [(eid, stored) for eid, stored in candidates if same_entity(name, stored, type)]
    if len(hits) == 1:
        return hits[0][0]
    words = len(name_key(name, type))
    full = [eid for eid, stored in hits if len(name_key(stored, type)) == words]
    return full[0] if len(full) == 1 else None
