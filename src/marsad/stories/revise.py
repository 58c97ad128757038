"""Stored stories revised by new evidence: the window re-clustered as a batch would, stored ids carried over.

In: the articles of a window (stored ones with their story ids, and new ones) and when each stored
story started. Out: the stories the new articles reach, with their ids, and what changed. Only the
stories that share a group with a new article are revised, and with them every story their members
reach in turn; the rest keep their stored members, so an unrelated story never moves because the
window's word statistics did. Each stored story goes on as the group that holds most of its members
("home", the larger group on a tie); when several stored stories go on as one group, the one that
started first keeps its id and the others are merged into it; a stored story's members in another
group split off under that group's id. Merges and splits are reported, so that a store can resolve
a merged id to its successor.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from marsad.stories.cluster import cluster, new_story_id
from marsad.stories.features import TokenCache
from marsad.types import Article, Story, StoryChange


def revise(articles: Sequence[Article], previous: Mapping[str, str], started: Mapping[str, str | None],
           workers: int = 1, cache: TokenCache | None = None) -> tuple[list[Story], list[StoryChange]]:
    """Re-cluster a window of stored and new articles; return the revised stories and the merges and splits.

    `previous` maps each stored article id to its story id, `started` each stored story to its start;
    `cache` keeps articles' tokens from one window to the next.
    """
    fresh = cluster(articles, workers=workers, cache=cache)
    group_of = {aid: k for k, story in enumerate(fresh) for aid in story.articles}
    members: dict[str, list[str]] = defaultdict(list)
    for aid, sid in previous.items():
        if aid in group_of:
            members[sid].append(aid)
    groups, olds = _reached(fresh, group_of, previous, members)
    home = {sid: _home(members[sid], group_of, fresh) for sid in olds}
    taken = set(previous.values())
    ids: dict[int, str] = {}
    changes: list[StoryChange] = []
    for k in sorted(groups):
        homed = sorted((sid for sid in olds if home[sid] == k), key=lambda sid: (started.get(sid) or "", sid))
        if homed:
            ids[k] = homed[0]
            changes += [StoryChange("merged", sid, homed[0]) for sid in homed[1:]]
        else:
            ids[k] = _unused_id(fresh[k], taken)
            taken.add(ids[k])
    for sid in sorted(olds):
        changes += [StoryChange("split", sid, ids[k]) for k in sorted({group_of[a] for a in members[sid]})
                    if k != home[sid]]
    return [replace(fresh[k], id=ids[k]) for k in sorted(groups)], changes


def _reached(fresh: Sequence[Story], group_of: Mapping[str, int], previous: Mapping[str, str],
             members: Mapping[str, Sequence[str]]) -> tuple[set[int], set[str]]:
    """Return the groups and stored stories reached from the new articles, through shared members."""
    groups = {group_of[aid] for story in fresh for aid in story.articles if aid not in previous}
    olds: set[str] = set()
    todo = list(groups)
    while todo:
        for sid in {previous[a] for a in fresh[todo.pop()].articles if a in previous} - olds:
            olds.add(sid)
            for k in {group_of[a] for a in members[sid]} - groups:
                groups.add(k)
                todo.append(k)
    return groups, olds


def _home(members: Sequence[str], group_of: Mapping[str, int], fresh: Sequence[Story]) -> int:
    """Return the group holding most of a stored story's members (on a tie the larger group, then the earlier)."""
    counts = Counter(group_of[a] for a in members)
    return min(counts, key=lambda k: (-counts[k], -len(fresh[k].articles), k))


def _unused_id(story: Story, taken: set[str]) -> str:
    """Return the new story's id, or one made from all its members when a stored story already uses it.

    (A stored story's id comes from its first member, which may now start another group; the id made
    from the members may be stored too, when the same members split off before: then a count is added.)
    """
    sid, tries = story.id, 0
    while sid in taken:
        tries += 1
        sid = new_story_id("\n".join(("split" if tries == 1 else f"split {tries}", *story.articles)))
    return sid
