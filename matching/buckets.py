"""Step 2 of matching: split the round's members into blocks small enough to solve well.

Pure Python, no Django. See the algorithm in ``matching/algorithm.py``'s docstring.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict

from matching.batch import IN_PERSON, ONLINE, Batch
from matching.similarity import Weights

BLOCK_SIZE = 40  # members per block: each block costs O(BLOCK_SIZE²) similarities


def bucket_languages(batch: Batch, pool: list[int]) -> dict[int, str]:
    """Each member's bucket language: of the languages they speak, the one most spoken in the pool."""
    counts = Counter(lang for p in pool for lang in batch.langs[p])
    return {p: min(batch.langs[p], key=lambda lang: (-counts[lang], lang)) for p in pool}


def soft_key_function(batch: Batch, weights: Weights):
    """A sort key over positions by the soft similarity components, most heavily weighted first,
    so that consecutive members in that order are alike."""
    components = [
        (weights.role, 0),
        (weights.stage, 1),
        (weights.context, 2),
        (weights.challenges, 3),
        (weights.outcomes, 4),
    ]
    order = [index for _, index in sorted(components, key=lambda wi: (-wi[0], wi[1]))]
    return lambda p: tuple(batch.encoded[p][index] for index in order)


def split_into_blocks(
    batch: Batch,
    pool: list[int],
    mode: str,
    weights: Weights,
    rng: random.Random,
    randomised: bool,
) -> list[tuple[list[int], bool]]:
    """Split ``pool`` into ``(positions, uniform)`` blocks (step 2 of the algorithm).

    A pool of at most ``2·BLOCK_SIZE`` is one checked block. A larger one is bucketed by
    language, country (in person) or time-zone window (online), so that any subset of a
    bucket meets the hard constraints (a *uniform* block), then cut into blocks of about
    ``BLOCK_SIZE`` members in soft-key order."""
    if len(pool) <= 2 * BLOCK_SIZE:
        return [(pool, False)] if pool else []
    language = bucket_languages(batch, pool)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for p in pool:
        country = batch.countries[p] if mode == IN_PERSON else ""
        groups[(country, language[p])].append(p)
    soft_key = soft_key_function(batch, weights)
    blocks: list[tuple[list[int], bool]] = []
    for key in sorted(groups):
        group = groups[key]
        if mode == IN_PERSON and not key[0]:
            blocks.append((group, False))
            continue
        segments: list[list[int]] = []
        if mode == ONLINE:
            group.sort(key=lambda p: (batch.offsets[p], p))
            start = None
            for p in group:
                if start is None or batch.offsets[p] - start > batch.max_tz_spread:
                    segments.append([])
                    start = batch.offsets[p]
                segments[-1].append(p)
        else:
            segments = [group]
        for segment in segments:
            if len(segment) <= 2 * BLOCK_SIZE:
                blocks.append((segment, True))
                continue
            if randomised:
                # The random baseline must not inherit the similarity of sorted blocks.
                segment.sort()
                rng.shuffle(segment)
            else:
                segment.sort(key=lambda p: (soft_key(p), p))
            count = -(-len(segment) // BLOCK_SIZE)
            base, extra = divmod(len(segment), count)
            at = 0
            for index in range(count):
                width = base + (1 if index < extra else 0)
                blocks.append((segment[at : at + width], True))
                at += width
    return blocks


def recruit_flexible_members(batch: Batch, pools: dict[str, list[int]]) -> None:
    """Move "both" members into a country's in-person pool that is too small on its own.

    A country with fewer than ``min_size`` in-person-only members borrows the flexible
    members of that country who share a language with them, most similar first.
    """
    min_size = batch.constraints.min_size
    in_person: dict[str, list[int]] = defaultdict(list)
    for p in pools[IN_PERSON]:
        in_person[batch.countries[p]].append(p)
    short = {c: ps for c, ps in in_person.items() if c and len(ps) < min_size}
    if not short or not pools[ONLINE]:
        return
    flexible: dict[str, list[int]] = defaultdict(list)
    for p in pools[ONLINE]:
        if batch.members[p].format == "both" and batch.countries[p] in short:
            flexible[batch.countries[p]].append(p)
    moved: set[int] = set()
    for country in sorted(short):
        locals_ = short[country]
        spoken = frozenset().union(*(batch.langs[p] for p in locals_))
        candidates = [p for p in flexible[country] if batch.langs[p] & spoken]
        if len(candidates) + len(locals_) < min_size:
            continue
        candidates.sort(key=lambda p: (-sum(batch.pair(p, q) for q in locals_), p))
        chosen = candidates[: min_size - len(locals_)]
        moved.update(chosen)
        pools[IN_PERSON].extend(chosen)
    pools[ONLINE] = [p for p in pools[ONLINE] if p not in moved]
