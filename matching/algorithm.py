"""Form peer cohorts of PB practitioners: similar role, context and stage, hard constraints kept.

Pure Python, no Django import, no I/O: plain :class:`Member` values in, a new
:class:`MatchResult` out. Inputs are never changed. ``matching/services.py`` (Django) loads
profiles, calls :func:`form_cohorts` and stores the cohorts.

Public API
----------
- :func:`form_cohorts` — one matching round (stable with respect to ``existing`` cohorts).
- :func:`most_similar` — "Find peers like me": the k most similar consenting members.
- :func:`score` — the quality measure used everywhere (benchmark, ILP optimum, tests).
- :func:`form_random_cohorts` — the random baseline meeting the same hard constraints.
- Re-exported: :class:`Member`, :class:`Context`, :class:`Weights`, :func:`similarity`
  (``matching.similarity``), :class:`Constraints`, :func:`check_cohorts` (``matching.checks``).

Score
-----
``score`` is the mean similarity over all pairs of members who share a cohort:
Σ_cohorts Σ_{pairs {i,j} in the cohort} sim(i, j) / Σ_cohorts C(|cohort|, 2)
(0 when there is no pair). It weights every within-cohort pair equally, so it is the
quantity an exact solver can optimise (a ratio of two linear functions, see
``benchmarks/matching.py``). Leaving members out could raise it, so results are always
compared at equal coverage (number of members placed).

Algorithm
---------
1. Members who did not consent are set aside. ``existing`` cohorts are kept (minus members
   who withdrew consent or are no longer given); each new member joins the existing cohort
   with room (size < max) that still meets the hard constraints with them and whose members
   are most similar to them on average.
2. The remaining members are split by meeting format (online; in person, per country).
   A pool of at most ``2·BLOCK_SIZE`` members is solved as one block with the hard
   constraints checked on every step. A larger pool is bucketed so that every block is
   *uniform*, i.e. any subset of it meets the hard constraints: by a bucket language (the
   member's language with the most speakers in the pool), then (online) by time-zone
   windows of width ``max_tz_spread_hours`` cut greedily along the sorted offsets, then
   into blocks of about ``BLOCK_SIZE`` consecutive members sorted by the soft keys
   (role, stage, context, challenges, outcomes, most heavily weighted first).
3. Each block of b members is solved for several cohort counts k within the size bounds:
   greedy growth (seed = the member with fewest compatible partners, random tie-break from
   ``seed``; add the candidate with the largest similarity to the cohort so far), then
   local search with single-member moves and pairwise swaps. Moves are judged by
   Σ_{pairs in cohorts}(sim − λ) with λ the current score of the block (Dinkelbach), so
   every accepted move strictly raises the block's score; at most ``MAX_PASSES`` passes.
   The k with the most members placed, then the best score, wins.
4. Members a block could not place (e.g. a time-zone window with fewer than ``min_size``
   members) join the most similar compatible cohort with room; the rest are solved again
   as checked blocks; whoever is still left waits, with the reason.

Complexity: with n members, b = BLOCK_SIZE, k ≤ b / min_size, t ≤ ``MAX_K_TRIALS`` and
p ≤ ``MAX_PASSES``: bucketing is O(n log n); each block costs O(b²) similarities and
O(t·p·b²) local-search steps, so the round is O(n log n + n·t·p·b) time and O(n + b²)
memory — linear in n for fixed b. Insertion of new members into existing cohorts scans at
most ``MAX_CANDIDATES`` compatible cohorts per member. :func:`most_similar` is O(n log k).

Determinism: the same inputs and ``seed`` give the same result (only ``random.Random(seed)``
breaks ties; no set or hash order is relied on).
"""

from __future__ import annotations

import bisect
import heapq
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from matching.checks import (
    IN_PERSON_FORMATS,
    ONLINE_FORMATS,
    Constraints,
    Violation,
    check_cohorts,
    common_languages,
)
from matching.exceptions import InvalidCohorts, InvalidMember
from matching.similarity import (
    Context,
    Member,
    SimilarityFunction,
    Weights,
    describe_cohort,
    describe_match,
    label_for,
    similarity,
)

__all__ = [
    "BLOCK_SIZE",
    "Constraints",
    "Context",
    "MatchResult",
    "Member",
    "Violation",
    "Weights",
    "check_cohorts",
    "form_cohorts",
    "form_random_cohorts",
    "most_similar",
    "score",
    "similarity",
]

BLOCK_SIZE = 40
MAX_PASSES = 8
MAX_K_TRIALS = 5
MAX_RESTARTS = 16
RESTART_BUDGET = 40_000
MAX_CANDIDATES = 256
_EPS = 1e-12

ONLINE = "online"
IN_PERSON = "in-person"


@dataclass(frozen=True)
class MatchResult:
    """The outcome of a matching round.

    ``cohorts``: kept ``existing`` cohorts first, in their order (possibly with new
    members), then new cohorts. ``cohort_reasons[i]`` says why ``cohorts[i]`` exists.
    ``reasons[member_id]``: for every placed member, what they share with their peers.
    ``unplaced``: ``(member_id, reason)`` for every member given who is not placed,
    including those who did not consent. ``score``: :func:`score` of ``cohorts``.
    """

    cohorts: list[frozenset[int]]
    reasons: dict[int, str]
    unplaced: list[tuple[int, str]]
    score: float
    cohort_reasons: list[str] = field(default_factory=list)


class _Batch:
    """The consenting members of one round, indexed by position, with cached attributes."""

    def __init__(self, members: Sequence[Member], weights: Weights, constraints: Constraints):
        self.members = members
        self.sim = SimilarityFunction(members, weights)
        self.encoded = self.sim.encoded
        self.langs = [m.languages for m in members]
        self.offsets = [m.utc_offset_minutes for m in members]
        self.countries = [m.country for m in members]
        self.constraints = constraints
        self.limit = constraints.max_tz_spread_minutes

    def pair(self, i: int, j: int) -> float:
        return self.sim.encoded_pair(self.encoded[i], self.encoded[j])

    def fits(self, positions: Sequence[int], mode: str) -> bool:
        """Whether ``positions`` may meet together in ``mode`` (size bounds aside)."""
        langs = self.langs[positions[0]]
        for p in positions[1:]:
            langs = langs & self.langs[p]
            if not langs:
                return False
        if mode == ONLINE:
            offsets = [self.offsets[p] for p in positions]
            return max(offsets) - min(offsets) <= self.limit
        country = self.countries[positions[0]]
        return bool(country) and all(self.countries[p] == country for p in positions)

    def mode_of(self, positions: Sequence[int]) -> str | None:
        members = [self.members[p] for p in positions]
        c = self.constraints
        if (
            c.online
            and all(m.format in ONLINE_FORMATS for m in members)
            and self.fits(positions, ONLINE)
        ):
            return ONLINE
        if (
            c.in_person
            and all(m.format in IN_PERSON_FORMATS for m in members)
            and self.fits(positions, IN_PERSON)
        ):
            return IN_PERSON
        return None


def _split_sizes(b: int, k: int, max_size: int) -> list[int]:
    total = min(b, k * max_size)
    base, extra = divmod(total, k)
    return [base + 1] * extra + [base] * (k - extra)


def _cohort_counts(b: int, min_size: int, max_size: int, *, all_counts: bool = False) -> list[int]:
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


class _Block:
    """Partition one block of positions into cohorts (greedy growth + local search)."""

    def __init__(
        self,
        batch: _Batch,
        positions: list[int],
        mode: str,
        *,
        uniform: bool,
        rng: random.Random,
        randomised: bool = False,
    ):
        self.batch = batch
        self.pos = positions
        self.mode = mode
        self.uniform = uniform
        self.randomised = randomised
        self.min = batch.constraints.min_size
        self.max = batch.constraints.max_size
        b = len(positions)
        self.b = b
        ranks = list(range(b))
        rng.shuffle(ranks)
        self.rank = ranks
        self.rng = rng
        self.by_degree = True
        if randomised:
            self.S = [[0.0] * b for _ in range(b)]
        else:
            enc = [batch.encoded[p] for p in positions]
            pair = batch.sim.encoded_pair
            S = [[0.0] * b for _ in range(b)]
            for i in range(b):
                ei, Si = enc[i], S[i]
                for j in range(i + 1, b):
                    s = pair(ei, enc[j])
                    Si[j] = s
                    S[j][i] = s
            self.S = S
        if uniform:
            self.compat = None
            self.degree = [b - 1] * b
        else:
            compat = [[False] * b for _ in range(b)]
            for i in range(b):
                for j in range(i + 1, b):
                    ok = batch.fits([positions[i], positions[j]], mode)
                    compat[i][j] = compat[j][i] = ok
            self.compat = compat
            self.degree = [sum(row) for row in compat]

    def _fits(self, local: Iterable[int]) -> bool:
        if self.uniform:
            return True
        return self.batch.fits([self.pos[i] for i in local], self.mode)

    def solve(self) -> tuple[list[list[int]], list[int]]:
        """Return ``(cohorts, leftovers)`` as lists of positions."""
        best = None
        # Checked blocks are the small pools whose quality the benchmark compares with the
        # exact optimum; restarts (new random orders) are cheap there. Uniform blocks at
        # scale get one start.
        restarts = 1
        if not self.uniform and not self.randomised:
            restarts = max(1, min(MAX_RESTARTS, RESTART_BUDGET // (self.b * self.b or 1)))
        attempts = [
            (r, k)
            for r in range(restarts)
            for k in _cohort_counts(self.b, self.min, self.max, all_counts=not self.uniform)
        ]
        for r, k in attempts:
            if r and k == attempts[0][1]:
                self.rng.shuffle(self.rank)
            self.by_degree = r % 2 == 0
            cohorts, left = self._construct(k)
            if not self.randomised:
                cohorts, left = self._improve(cohorts, left)
            placed = sum(len(c) for c in cohorts)
            key = (placed, self._score(cohorts))
            if (
                best is None
                or key[0] > best[0][0]
                or (key[0] == best[0][0] and key[1] > best[0][1] + _EPS)
            ):
                best = (key, cohorts, left)
        if best is None:
            return [], list(self.pos)
        _, cohorts, left = best
        return (
            [[self.pos[i] for i in c] for c in cohorts],
            [self.pos[i] for i in left],
        )

    def _score(self, cohorts: list[list[int]]) -> float:
        S = self.S
        total = 0.0
        pairs = 0
        for c in cohorts:
            for x, i in enumerate(c):
                Si = S[i]
                for j in c[x + 1 :]:
                    total += Si[j]
            pairs += len(c) * (len(c) - 1) // 2
        return total / pairs if pairs else 0.0

    def _construct(self, k: int) -> tuple[list[list[int]], list[int]]:
        S, rank, compat = self.S, self.rank, self.compat
        if self.by_degree:
            unassigned = sorted(range(self.b), key=lambda i: (self.degree[i], rank[i]))
        else:
            unassigned = sorted(range(self.b), key=lambda i: rank[i])
        free = [True] * self.b
        cohorts: list[list[int]] = []
        left: list[int] = []
        for target in _split_sizes(self.b, k, self.max):
            while True:
                seeds = [i for i in unassigned if free[i]]
                if not seeds:
                    break
                seed = seeds[0]
                cohort = [seed]
                free[seed] = False
                gain = {u: S[seed][u] for u in seeds[1:] if compat is None or compat[seed][u]}
                while len(cohort) < target and gain:
                    u = max(gain, key=lambda v: (gain[v], -rank[v]))
                    del gain[u]
                    if not self.uniform and not self._fits(cohort + [u]):
                        continue
                    cohort.append(u)
                    free[u] = False
                    Su = S[u]
                    for v in list(gain):
                        if compat is not None and not compat[u][v]:
                            del gain[v]
                        else:
                            gain[v] += Su[v]
                if len(cohort) >= self.min:
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
        S, rank = self.S, self.rank
        still: list[int] = []
        for x in sorted(left, key=lambda i: rank[i]):
            best, best_gain = None, -1.0
            for ci, c in enumerate(cohorts):
                if len(c) >= self.max:
                    continue
                g = sum(S[x][j] for j in c) / len(c)
                if g > best_gain + _EPS and self._fits(c + [x]):
                    best, best_gain = ci, g
            if best is None:
                still.append(x)
            else:
                cohorts[best].append(x)
        return cohorts, still

    def _improve(
        self, cohorts: list[list[int]], left: list[int]
    ) -> tuple[list[list[int]], list[int]]:
        if not cohorts:
            return cohorts, left
        S, b, k = self.S, self.b, len(cohorts)
        lo, hi = self.min, self.max
        where = [-1] * b
        M = [[0.0] * k for _ in range(b)]
        for ci, c in enumerate(cohorts):
            for j in c:
                where[j] = ci
                Sj = S[j]
                for u in range(b):
                    M[u][ci] += Sj[u]
        members = [list(c) for c in cohorts]
        size = [len(c) for c in cohorts]
        total = sum(M[i][where[i]] for i in range(b) if where[i] >= 0) / 2
        pairs = sum(s * (s - 1) // 2 for s in size)
        order = sorted(range(b), key=lambda i: self.rank[i])

        def move(i: int, src: int, dst: int) -> None:
            Si = S[i]
            for u in range(b):
                Mu = M[u]
                Mu[src] -= Si[u]
                Mu[dst] += Si[u]
            members[src].remove(i)
            members[dst].append(i)
            size[src] -= 1
            size[dst] += 1
            where[i] = dst

        for _ in range(MAX_PASSES):
            improved = False
            lam = total / pairs if pairs else 0.0
            for i in order:
                a = where[i]
                if a < 0 or size[a] <= lo:
                    continue
                Mi = M[i]
                base = Mi[a] - lam * (size[a] - 1)
                best, best_delta = -1, _EPS
                for c in range(k):
                    if c != a and size[c] < hi:
                        d = Mi[c] - lam * size[c] - base
                        if d > best_delta and self._fits(members[c] + [i]):
                            best, best_delta = c, d
                if best >= 0:
                    total += Mi[best] - Mi[a]
                    pairs += size[best] - (size[a] - 1)
                    move(i, a, best)
                    improved = True
            for x, i in enumerate(order):
                a = where[i]
                if a < 0:
                    continue
                Mi, Si = M[i], S[i]
                for j in order[x + 1 :]:
                    c = where[j]
                    if c == a or c < 0:
                        continue
                    Mj = M[j]
                    d = Mi[c] + Mj[a] - Mi[a] - Mj[c] - 2 * Si[j]
                    if d > _EPS:
                        if not self.uniform:
                            ma = [m for m in members[a] if m != i] + [j]
                            mc = [m for m in members[c] if m != j] + [i]
                            if not (self._fits(ma) and self._fits(mc)):
                                continue
                        total += d
                        move(i, a, c)
                        move(j, c, a)
                        improved = True
                        a = c
                        Mi = M[i]
            if not improved:
                break
        return [sorted(m, key=lambda i: self.rank[i]) for m in members], left


def _bucket_language(batch: _Batch, pool: list[int]) -> dict[int, str]:
    counts = Counter(lang for p in pool for lang in batch.langs[p])
    return {p: min(batch.langs[p], key=lambda lang: (-counts[lang], lang)) for p in pool}


def _soft_key_function(batch: _Batch, weights: Weights):
    components = [
        (weights.role, 0),
        (weights.stage, 1),
        (weights.context, 2),
        (weights.challenges, 3),
        (weights.outcomes, 4),
    ]
    order = [index for _, index in sorted(components, key=lambda wi: (-wi[0], wi[1]))]
    return lambda p: tuple(batch.encoded[p][index] for index in order)


def _blocks(
    batch: _Batch,
    pool: list[int],
    mode: str,
    weights: Weights,
    rng: random.Random,
    randomised: bool,
) -> list[tuple[list[int], bool]]:
    """Split ``pool`` into ``(positions, uniform)`` blocks (step 2 of the algorithm)."""
    if len(pool) <= 2 * BLOCK_SIZE:
        return [(pool, False)] if pool else []
    language = _bucket_language(batch, pool)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for p in pool:
        country = batch.countries[p] if mode == IN_PERSON else ""
        groups[(country, language[p])].append(p)
    soft_key = _soft_key_function(batch, weights)
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
                if start is None or batch.offsets[p] - start > batch.limit:
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


class _CohortIndex:
    """Cohorts with room, findable by (mode, language) for inserting single members."""

    def __init__(self, batch: _Batch, cohorts: list[list[int]]):
        self.batch = batch
        self.cohorts = cohorts
        self.modes: list[str | None] = []
        self.by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
        for ci in range(len(cohorts)):
            self._index(ci)

    def _index(self, ci: int) -> None:
        cohort = self.cohorts[ci]
        mode = self.batch.mode_of(cohort) if cohort else None
        self.modes.append(mode)
        if mode is None or len(cohort) >= self.batch.constraints.max_size:
            return
        langs = frozenset.intersection(*(self.batch.langs[p] for p in cohort))
        for lang in sorted(langs):
            self.by_key[(mode, lang)].append(ci)

    def add(self, cohort: list[int]) -> None:
        self.cohorts.append(cohort)
        self._index(len(self.cohorts) - 1)

    def insert(self, p: int, modes: Sequence[str]) -> int | None:
        """Add ``p`` to the most similar compatible cohort with room; return its index."""
        batch = self.batch
        max_size = batch.constraints.max_size
        best, best_gain = None, -1.0
        examined = 0
        seen: set[int] = set()
        candidates = (
            ci
            for mode in modes
            for lang in sorted(batch.langs[p])
            for ci in self.by_key.get((mode, lang), ())
        )
        for ci in candidates:
            cohort = self.cohorts[ci]
            if ci in seen or len(cohort) >= max_size:
                continue
            seen.add(ci)
            if not batch.fits(cohort + [p], self.modes[ci]):
                continue
            gain = sum(batch.pair(p, q) for q in cohort) / len(cohort)
            if gain > best_gain + _EPS or (
                abs(gain - best_gain) <= _EPS and best is not None and ci < best
            ):
                best, best_gain = ci, gain
            examined += 1
            if examined >= MAX_CANDIDATES:
                break
        if best is not None:
            self.cohorts[best].append(p)
        return best


def _modes_for(member: Member, constraints: Constraints) -> list[str]:
    modes = []
    if constraints.online and member.format in ONLINE_FORMATS:
        modes.append(ONLINE)
    if constraints.in_person and member.format in IN_PERSON_FORMATS:
        modes.append(IN_PERSON)
    return modes


def _recruit_flexible(batch: _Batch, pools: dict[str, list[int]]) -> None:
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


def _solve_pools(
    batch: _Batch,
    positions: list[int],
    weights: Weights,
    rng: random.Random,
    *,
    randomised: bool = False,
) -> tuple[list[list[int]], list[int]]:
    """Form new cohorts from ``positions`` (steps 2–3); return cohorts and leftovers."""
    constraints = batch.constraints
    pools: dict[str, list[int]] = {ONLINE: [], IN_PERSON: []}
    left: list[int] = []
    for p in positions:
        modes = _modes_for(batch.members[p], constraints)
        # Flexible members ("both") meet online when online cohorts are formed: the pool is
        # larger and time zones, not borders, are what limits an online cohort.
        if modes:
            pools[modes[0]].append(p)
        else:
            left.append(p)
    _recruit_flexible(batch, pools)
    cohorts: list[list[int]] = []
    for mode in (ONLINE, IN_PERSON):
        for block, uniform in _blocks(batch, pools[mode], mode, weights, rng, randomised):
            solved, rest = _Block(
                batch, block, mode, uniform=uniform, rng=rng, randomised=randomised
            ).solve()
            cohorts.extend(solved)
            left.extend(rest)
    return cohorts, left


def _second_round(
    batch: _Batch,
    index: _CohortIndex,
    left: list[int],
    weights: Weights,
    rng: random.Random,
    randomised: bool,
) -> list[int]:
    """Step 4: place leftovers into cohorts with room, then try new checked blocks."""
    constraints = batch.constraints
    waiting = [
        p for p in left if index.insert(p, _modes_for(batch.members[p], constraints)) is None
    ]
    if len(waiting) < constraints.min_size:
        return waiting
    language = _bucket_language(batch, waiting)
    waiting.sort(key=lambda p: (language[p], batch.offsets[p], p))
    still: list[int] = []
    for at in range(0, len(waiting), 2 * BLOCK_SIZE):
        chunk = waiting[at : at + 2 * BLOCK_SIZE]
        for mode in (ONLINE, IN_PERSON):
            pool = [p for p in chunk if mode in _modes_for(batch.members[p], constraints)[:1]]
            if not pool:
                continue
            solved, rest = _Block(
                batch, pool, mode, uniform=False, rng=rng, randomised=randomised
            ).solve()
            for cohort in solved:
                index.add(cohort)
            still.extend(rest)
        still.extend(p for p in chunk if not _modes_for(batch.members[p], constraints))
    return [p for p in still if index.insert(p, _modes_for(batch.members[p], constraints)) is None]


def _wait_reasons(batch: _Batch, waiting: list[int], constraints: Constraints) -> dict[int, str]:
    """Explain why each waiting member could not be placed this round."""
    hours = f"{constraints.max_tz_spread_hours:g}"
    by_language: dict[str, list[int]] = defaultdict(list)
    by_country_language: Counter[tuple[str, str]] = Counter()
    if not waiting:
        return {}
    for m in batch.members:
        modes = _modes_for(m, constraints)
        for lang in m.languages:
            if ONLINE in modes:
                by_language[lang].append(m.utc_offset_minutes)
            if IN_PERSON in modes:
                by_country_language[(m.country, lang)] += 1
    for offsets in by_language.values():
        offsets.sort()
    reasons: dict[int, str] = {}
    for p in waiting:
        m = batch.members[p]
        modes = _modes_for(m, constraints)
        if not modes:
            reasons[m.id] = (
                "prefers to meet in person; this round forms online cohorts only"
                if m.format == "in-person"
                else "prefers to meet online; this round forms in-person cohorts only"
            )
            continue
        nearby = 0
        for lang in m.languages:
            if ONLINE in modes:
                offsets = by_language[lang]
                lo = bisect.bisect_left(offsets, m.utc_offset_minutes - batch.limit)
                hi = bisect.bisect_right(offsets, m.utc_offset_minutes + batch.limit)
                nearby = max(nearby, hi - lo)
            if IN_PERSON in modes and m.country:
                nearby = max(nearby, by_country_language[(m.country, lang)])
        if nearby < constraints.min_size:
            where = (
                f"within {hours} hours of their time zone"
                if ONLINE in modes
                else "in their country"
            )
            reasons[m.id] = (
                f"waiting for more members: fewer than {constraints.min_size} consenting members "
                f"share a language with them {where}"
            )
        else:
            reasons[m.id] = (
                "waiting for the next round: the compatible cohorts are full or could not be "
                "completed this round"
            )
    return reasons


def _validate_members(members: Sequence[Member]) -> None:
    seen: set[int] = set()
    for m in members:
        if m.id in seen:
            raise InvalidMember(f"member id {m.id} appears twice")
        seen.add(m.id)


def _run(
    members: Iterable[Member],
    weights: Weights,
    constraints: Constraints,
    seed: int,
    existing: Iterable[Iterable[int]],
    labels: Mapping[str, str] | None,
    randomised: bool,
) -> MatchResult:
    members = list(members)
    _validate_members(members)
    rng = random.Random(seed)
    consenting = sorted((m for m in members if m.consent and m.languages), key=lambda m: m.id)
    batch = _Batch(consenting, weights, constraints)
    position = {m.id: p for p, m in enumerate(consenting)}
    unplaced: list[tuple[int, str]] = [
        (m.id, "has not opted in to matching")
        for m in sorted(members, key=lambda m: m.id)
        if not m.consent
    ]
    unplaced += [
        (m.id, "has no language on their profile") for m in members if m.consent and not m.languages
    ]

    kept: list[list[int]] = []
    taken: set[int] = set()
    for cohort in existing:
        ids = sorted(set(cohort))
        for member_id in ids:
            if member_id in taken:
                raise InvalidCohorts(
                    [
                        Violation(
                            len(kept), "duplicate", f"member {member_id} is in two existing cohorts"
                        )
                    ]
                )
        taken.update(ids)
        # Members who withdrew consent or are no longer given leave the cohort.
        kept.append([position[i] for i in ids if i in position])
    index = _CohortIndex(batch, kept)

    new = [p for p, m in enumerate(consenting) if m.id not in taken]
    rng.shuffle(new)
    if kept:
        new = [p for p in new if index.insert(p, _modes_for(batch.members[p], constraints)) is None]
    cohorts, left = _solve_pools(batch, new, weights, rng, randomised=randomised)
    for cohort in cohorts:
        index.add(cohort)
    waiting = _second_round(batch, index, left, weights, rng, randomised)

    why = _wait_reasons(batch, waiting, constraints)
    unplaced.extend((consenting[p].id, why[consenting[p].id]) for p in sorted(waiting))
    unplaced.sort(key=lambda item: item[0])

    final: list[frozenset[int]] = []
    reasons: dict[int, str] = {}
    cohort_reasons: list[str] = []
    for cohort in index.cohorts:
        people = [batch.members[p] for p in sorted(cohort)]
        languages = common_languages(people) if people else frozenset()
        final.append(frozenset(m.id for m in people))
        cohort_reasons.append(describe_cohort(people, labels=labels, common_languages=languages))
        for m in people:
            reasons[m.id] = describe_match(m, people, labels=labels, common_languages=languages)
    return MatchResult(
        cohorts=final,
        reasons=reasons,
        unplaced=unplaced,
        score=_score_positions(batch, index.cohorts),
        cohort_reasons=cohort_reasons,
    )


def _score_positions(batch: _Batch, cohorts: Iterable[Sequence[int]]) -> float:
    total = 0.0
    pairs = 0
    for cohort in cohorts:
        cohort = list(cohort)
        for x, i in enumerate(cohort):
            for j in cohort[x + 1 :]:
                total += batch.pair(i, j)
        pairs += len(cohort) * (len(cohort) - 1) // 2
    return total / pairs if pairs else 0.0


def form_cohorts(
    members: Iterable[Member],
    *,
    weights: Weights | None = None,
    constraints: Constraints | None = None,
    seed: int = 0,
    existing: Iterable[Iterable[int]] = (),
    labels: Mapping[str, str] | None = None,
) -> MatchResult:
    """Run one matching round and return the cohorts, reasons and score.

    Inputs: ``members`` (every member of the round, consenting or not; members of
    ``existing`` cohorts must be included to stay in them), ``weights`` of the similarity,
    hard ``constraints``, a ``seed`` for tie-breaking, ``existing`` active cohorts (member
    ids) to keep, and ``labels`` (slug → human label) for the reasons.

    Output: a :class:`MatchResult`. Existing cohorts are kept in order, minus members who
    withdrew consent or are absent from ``members`` (such a cohort may fall below
    ``min_size``; staff decide whether to archive it); new members first join the most
    similar existing cohort with room that still meets the hard constraints, then form new
    cohorts, else wait with a reason. New cohorts always meet :func:`check_cohorts`.

    Tie-breaking: ``random.Random(seed)`` orders members; equal choices go to the earlier
    member or cohort in that order. Method: see the module docstring (greedy growth and
    Dinkelbach local search over bucketed blocks).

    Raises :class:`~matching.exceptions.InvalidMember` on duplicate ids (a consenting
    member with no language waits, with that reason) and
    :class:`~matching.exceptions.InvalidCohorts` when a member is in two existing cohorts.
    """
    return _run(
        members,
        weights or Weights(),
        constraints or Constraints(),
        seed,
        existing,
        labels,
        randomised=False,
    )


def form_random_cohorts(
    members: Iterable[Member],
    *,
    constraints: Constraints | None = None,
    seed: int = 0,
    labels: Mapping[str, str] | None = None,
) -> MatchResult:
    """Return random cohorts that meet the same hard constraints (the benchmark's baseline).

    Same bucketing and feasibility rules as :func:`form_cohorts`, but members are grown
    into cohorts in a random order with no regard to similarity and no local search.
    ``score`` uses the default :class:`Weights`; rescore with :func:`score` for others.
    """
    return _run(
        members,
        Weights(),
        constraints or Constraints(),
        seed,
        (),
        labels,
        randomised=True,
    )


def score(
    cohorts: Iterable[Iterable[int]],
    members: Iterable[Member] | Mapping[int, Member],
    weights: Weights | None = None,
) -> float:
    """Return the mean similarity over all pairs of members who share a cohort.

    ``Σ_cohorts Σ_{pairs in cohort} similarity / Σ_cohorts C(size, 2)``, in [0, 1]; 0 when
    no cohort has two members. ``members`` is a list or an id → member mapping.
    """
    by_id = members if isinstance(members, Mapping) else {m.id: m for m in members}
    cohorts = [sorted(c) for c in cohorts]
    people = sorted({i for c in cohorts for i in c})
    fn = SimilarityFunction([by_id[i] for i in people], weights or Weights())
    position = {i: p for p, i in enumerate(people)}
    total = 0.0
    pairs = 0
    for cohort in cohorts:
        for x, i in enumerate(cohort):
            for j in cohort[x + 1 :]:
                total += fn.pair(position[i], position[j])
        pairs += len(cohort) * (len(cohort) - 1) // 2
    return total / pairs if pairs else 0.0


def most_similar(
    member: Member,
    candidates: Iterable[Member],
    *,
    weights: Weights | None = None,
    k: int = 10,
    labels: Mapping[str, str] | None = None,
    require_shared_language: bool = True,
) -> list[tuple[int, float, str]]:
    """Return the ``k`` consenting candidates most similar to ``member``, with reasons.

    "Find peers like me": ``member`` need not have consented yet. Candidates who did not
    consent, ``member`` itself and (by default) candidates sharing no language with
    ``member`` are skipped. Output: ``(member_id, similarity, reason)`` sorted by
    similarity, highest first; ties go to the smaller id. O(n log k).
    """
    pool = [
        c
        for c in candidates
        if c.consent
        and c.id != member.id
        and (not require_shared_language or c.languages & member.languages)
    ]
    fn = SimilarityFunction([member, *pool], weights or Weights())
    scored = ((fn.pair(0, p + 1), c) for p, c in enumerate(pool))
    top = heapq.nsmallest(k, scored, key=lambda sc: (-sc[0], sc[1].id))
    return [
        (
            c.id,
            s,
            describe_match(
                member, [c], labels=labels, common_languages=member.languages & c.languages
            ),
        )
        for s, c in top
    ]


# Names the Django side may want next to the algorithm.
_ = (Context, label_for, similarity)
