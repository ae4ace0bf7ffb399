"""Step 3 of matching: solve one block, trying several cohort counts and random restarts.

Pure Python, no Django. Each attempt grows cohorts greedily from the member with the fewest
compatible partners, then improves them by local search (``matching/local_search.py``).
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from matching.batch import EPS, Batch
from matching.local_search import improve

MAX_K_TRIALS = 5  # cohort counts tried per uniform block
MAX_RESTARTS = 16  # random restarts of a checked block...
RESTART_BUDGET = 40_000  # ...while restarts × block size² stays under this


def split_sizes(b: int, k: int, max_size: int) -> list[int]:
    """Target sizes of ``k`` cohorts for ``b`` members: as equal as possible, at most ``max_size``."""
    total = min(b, k * max_size)
    base, extra = divmod(total, k)
    return [base + 1] * extra + [base] * (k - extra)


def cohort_counts(b: int, min_size: int, max_size: int, *, all_counts: bool = False) -> list[int]:
    """The numbers of cohorts worth trying for ``b`` members (at most ``MAX_K_TRIALS`` of them,
    spread over the feasible range, unless ``all_counts``)."""
    low = -(-b // max_size)
    high = b // min_size
    if high < 1:
        return []
    if low > high:
        return [high]
    ks = list(range(low, high + 1))
    if len(ks) > MAX_K_TRIALS and not all_counts:
        step = (len(ks) - 1) / (MAX_K_TRIALS - 1)
        ks = sorted({ks[round(i * step)] for i in range(MAX_K_TRIALS)})
    return ks


class BlockSolver:
    """Partition one block of positions into cohorts: greedy growth, then local search.

    ``similarity[i][j]`` holds the similarity of the block's i-th and j-th members (all 0 for
    the random baseline); ``compatible[i][j]`` whether they may meet together (None in a
    uniform block, where any subset may); ``rank`` is the random order that breaks ties."""

    def __init__(
        self,
        batch: Batch,
        positions: list[int],
        mode: str,
        *,
        uniform: bool,
        rng: random.Random,
        randomised: bool = False,
    ):
        self.batch = batch
        self.positions = positions
        self.mode = mode
        self.uniform = uniform
        self.randomised = randomised
        self.min_size = batch.constraints.min_size
        self.max_size = batch.constraints.max_size
        b = len(positions)
        self.size = b
        ranks = list(range(b))
        rng.shuffle(ranks)
        self.rank = ranks
        self.rng = rng
        self.by_degree = True
        if randomised:
            self.similarity = [[0.0] * b for _ in range(b)]
        else:
            enc = [batch.encoded[p] for p in positions]
            pair = batch.sim.encoded_pair
            similarity = [[0.0] * b for _ in range(b)]
            for i in range(b):
                ei, row = enc[i], similarity[i]
                for j in range(i + 1, b):
                    s = pair(ei, enc[j])
                    row[j] = s
                    similarity[j][i] = s
            self.similarity = similarity
        if uniform:
            self.compatible = None
            self.degree = [b - 1] * b
        else:
            compatible = [[False] * b for _ in range(b)]
            for i in range(b):
                for j in range(i + 1, b):
                    ok = batch.fits([positions[i], positions[j]], mode)
                    compatible[i][j] = compatible[j][i] = ok
            self.compatible = compatible
            self.degree = [sum(row) for row in compatible]

    def _fits(self, local: Iterable[int]) -> bool:
        if self.uniform:
            return True
        return self.batch.fits([self.positions[i] for i in local], self.mode)

    def solve(self) -> tuple[list[list[int]], list[int]]:
        """Return ``(cohorts, leftovers)`` as lists of positions."""
        best = None
        # Checked blocks are the small pools whose quality the benchmark compares with the
        # exact optimum; restarts (new random orders) are cheap there. Uniform blocks at
        # scale get one start.
        restarts = 1
        if not self.uniform and not self.randomised:
            restarts = max(1, min(MAX_RESTARTS, RESTART_BUDGET // (self.size * self.size or 1)))
        attempts = [
            (r, k)
            for r in range(restarts)
            for k in cohort_counts(self.size, self.min_size, self.max_size, all_counts=not self.uniform)
        ]
        for r, k in attempts:
            if r and k == attempts[0][1]:
                self.rng.shuffle(self.rank)
            self.by_degree = r % 2 == 0
            cohorts, left = self._construct(k)
            if not self.randomised and cohorts:
                cohorts = self._improve(cohorts)
            placed = sum(len(c) for c in cohorts)
            key = (placed, self._score(cohorts))
            if (
                best is None
                or key[0] > best[0][0]
                or (key[0] == best[0][0] and key[1] > best[0][1] + EPS)
            ):
                best = (key, cohorts, left)
        if best is None:
            return [], list(self.positions)
        _, cohorts, left = best
        return (
            [[self.positions[i] for i in c] for c in cohorts],
            [self.positions[i] for i in left],
        )

    def _improve(self, cohorts: list[list[int]]) -> list[list[int]]:
        """The cohorts after local search, each listed in rank order."""
        by_rank = sorted(range(self.size), key=self.rank.__getitem__)
        improved = improve(self.similarity, cohorts, order=by_rank, min_size=self.min_size,
                           max_size=self.max_size, fits=None if self.uniform else self._fits)
        return [sorted(cohort, key=self.rank.__getitem__) for cohort in improved]

    def _score(self, cohorts: list[list[int]]) -> float:
        """Mean similarity over the within-cohort pairs of ``cohorts`` (0 without pairs)."""
        total = 0.0
        pairs = 0
        for cohort in cohorts:
            for x, i in enumerate(cohort):
                row = self.similarity[i]
                for j in cohort[x + 1 :]:
                    total += row[j]
            pairs += len(cohort) * (len(cohort) - 1) // 2
        return total / pairs if pairs else 0.0

    def _construct(self, k: int) -> tuple[list[list[int]], list[int]]:
        """Grow ``k`` cohorts greedily: from the free member with the fewest compatible partners
        (or the first in rank order), add the member most similar to the cohort so far."""
        similarity, rank, compatible = self.similarity, self.rank, self.compatible
        if self.by_degree:
            unassigned = sorted(range(self.size), key=lambda i: (self.degree[i], rank[i]))
        else:
            unassigned = sorted(range(self.size), key=lambda i: rank[i])
        free = [True] * self.size
        cohorts: list[list[int]] = []
        left: list[int] = []
        for target in split_sizes(self.size, k, self.max_size):
            while True:
                seeds = [i for i in unassigned if free[i]]
                if not seeds:
                    break
                seed = seeds[0]
                cohort = [seed]
                free[seed] = False
                gain = {u: similarity[seed][u] for u in seeds[1:]
                        if compatible is None or compatible[seed][u]}
                while len(cohort) < target and gain:
                    u = max(gain, key=lambda v: (gain[v], -rank[v]))
                    del gain[u]
                    if not self.uniform and not self._fits(cohort + [u]):
                        continue
                    cohort.append(u)
                    free[u] = False
                    row = similarity[u]
                    for v in list(gain):
                        if compatible is not None and not compatible[u][v]:
                            del gain[v]
                        else:
                            gain[v] += row[v]
                if len(cohort) >= self.min_size:
                    cohorts.append(cohort)
                    break
                # The seed cannot gather enough compatible members: it waits.
                for u in cohort[1:]:
                    free[u] = True
                left.append(seed)
            if not any(free):
                break
        left.extend(i for i in unassigned if free[i])
        return self._insert(cohorts, left)

    def _insert(
        self, cohorts: list[list[int]], left: list[int]
    ) -> tuple[list[list[int]], list[int]]:
        """Put each leftover into the compatible cohort with room it is most similar to."""
        similarity, rank = self.similarity, self.rank
        still: list[int] = []
        for x in sorted(left, key=lambda i: rank[i]):
            best, best_gain = None, -1.0
            for ci, c in enumerate(cohorts):
                if len(c) >= self.max_size:
                    continue
                g = sum(similarity[x][j] for j in c) / len(c)
                if g > best_gain + EPS and self._fits(c + [x]):
                    best, best_gain = ci, g
            if best is None:
                still.append(x)
            else:
                cohorts[best].append(x)
        return cohorts, still
