"""Step 3b of matching: improve a block's cohorts by moving and swapping members.

Pure Python, no Django. Moves are judged by Σ_{pairs in cohorts}(sim − λ), with λ the mean
within-cohort similarity of the block at the start of the pass (Dinkelbach's method for a
ratio objective), so every accepted move strictly raises the block's mean similarity.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from matching.batch import EPS

MAX_PASSES = 8  # passes over the block; most blocks settle in two or three


@dataclass
class _Partition:
    """A block's cohorts as the search changes them, with the sums it keeps up to date.

    ``cohort_of[u]``: the cohort of member ``u`` (-1 if none); ``affinity[u][c]``: the sum of
    the similarities between ``u`` and the members of cohort ``c``; ``pair_sum`` and
    ``pair_count``: the sum of similarities over all within-cohort pairs, and their number.
    """

    similarity: list[list[float]]
    cohort_of: list[int]
    affinity: list[list[float]]
    members: list[list[int]]
    sizes: list[int]
    pair_sum: float
    pair_count: int

    @classmethod
    def of(cls, similarity: list[list[float]], cohorts: list[list[int]]) -> _Partition:
        size = len(similarity)
        cohort_of = [-1] * size
        affinity = [[0.0] * len(cohorts) for _ in range(size)]
        for c, cohort in enumerate(cohorts):
            for j in cohort:
                cohort_of[j] = c
                row = similarity[j]
                for u in range(size):
                    affinity[u][c] += row[u]
        sizes = [len(cohort) for cohort in cohorts]
        return cls(
            similarity=similarity,
            cohort_of=cohort_of,
            affinity=affinity,
            members=[list(cohort) for cohort in cohorts],
            sizes=sizes,
            pair_sum=sum(affinity[i][cohort_of[i]] for i in range(size) if cohort_of[i] >= 0) / 2,
            pair_count=sum(s * (s - 1) // 2 for s in sizes),
        )

    def mean(self) -> float:
        return self.pair_sum / self.pair_count if self.pair_count else 0.0

    def move(self, i: int, src: int, dst: int) -> None:
        """Move member ``i`` from cohort ``src`` to ``dst``, keeping the affinities current
        (the pair sums are the caller's: it already knows the change)."""
        row = self.similarity[i]
        for u, affinity in enumerate(self.affinity):
            affinity[src] -= row[u]
            affinity[dst] += row[u]
        self.members[src].remove(i)
        self.members[dst].append(i)
        self.sizes[src] -= 1
        self.sizes[dst] += 1
        self.cohort_of[i] = dst


def improve(
    similarity: list[list[float]],
    cohorts: list[list[int]],
    *,
    order: Sequence[int],
    min_size: int,
    max_size: int,
    fits: Callable[[list[int]], bool] | None,
) -> list[list[int]]:
    """Return ``cohorts`` improved by single-member moves and pairwise swaps.

    ``similarity`` is the block's similarity matrix, ``order`` the order members are tried in
    (the block's random ranks), ``fits`` tells whether a set of members may meet together
    (None when any set may: a uniform block). Cohort sizes stay within the bounds; at most
    ``MAX_PASSES`` passes, ending early when a pass changes nothing.
    """
    partition = _Partition.of(similarity, cohorts)
    for _ in range(MAX_PASSES):
        threshold = partition.mean()
        moved = _move_single_members(partition, order, threshold, min_size, max_size, fits)
        swapped = _swap_pairs(partition, order, fits)
        if not (moved or swapped):
            break
    return partition.members


def _move_single_members(partition, order, threshold, min_size, max_size, fits) -> bool:
    """Move each member to the cohort where it gains most over ``threshold`` per pair."""
    improved = False
    sizes, affinity = partition.sizes, partition.affinity
    for i in order:
        here = partition.cohort_of[i]
        if here < 0 or sizes[here] <= min_size:
            continue
        gains = affinity[i]
        staying = gains[here] - threshold * (sizes[here] - 1)
        best, best_gain = -1, EPS
        for c in range(len(sizes)):
            if c != here and sizes[c] < max_size:
                gain = gains[c] - threshold * sizes[c] - staying
                if gain > best_gain and (fits is None or fits(partition.members[c] + [i])):
                    best, best_gain = c, gain
        if best >= 0:
            partition.pair_sum += gains[best] - gains[here]
            partition.pair_count += sizes[best] - (sizes[here] - 1)
            partition.move(i, here, best)
            improved = True
    return improved


def _swap_pairs(partition, order, fits) -> bool:
    """Swap two members of different cohorts whenever that raises the within-cohort sum."""
    improved = False
    affinity, similarity, members = partition.affinity, partition.similarity, partition.members
    for x, i in enumerate(order):
        a = partition.cohort_of[i]
        if a < 0:
            continue
        for j in order[x + 1 :]:
            c = partition.cohort_of[j]
            if c == a or c < 0:
                continue
            gain = (affinity[i][c] + affinity[j][a] - affinity[i][a] - affinity[j][c]
                    - 2 * similarity[i][j])
            if gain > EPS:
                if fits is not None:
                    new_a = [m for m in members[a] if m != i] + [j]
                    new_c = [m for m in members[c] if m != j] + [i]
                    if not (fits(new_a) and fits(new_c)):
                        continue
                partition.pair_sum += gain
                partition.move(i, a, c)
                partition.move(j, c, a)
                improved = True
                a = c
    return improved
