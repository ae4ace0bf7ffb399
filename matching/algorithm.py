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
The steps live in their own modules: ``batch.py`` (the round's members by position and where
they may meet), ``buckets.py`` (step 2), ``blocks.py`` (step 3), ``local_search.py`` (step 3's
improvement) and this module (steps 1 and 4, and the public API).

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

from matching.batch import EPS, IN_PERSON, ONLINE, Batch, meeting_modes
from matching.blocks import BlockSolver
from matching.buckets import BLOCK_SIZE, bucket_languages, recruit_flexible_members, split_into_blocks
from matching.checks import Constraints, Violation, check_cohorts, common_languages
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
    "label_for",
    "most_similar",
    "score",
    "similarity",
]

MAX_CANDIDATES = 256  # compatible cohorts examined when inserting one member


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


class _CohortIndex:
    """Cohorts with room, findable by (mode, language) for inserting single members."""

    def __init__(self, batch: Batch, cohorts: list[list[int]]):
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
            if gain > best_gain + EPS or (
                abs(gain - best_gain) <= EPS and best is not None and ci < best
            ):
                best, best_gain = ci, gain
            examined += 1
            if examined >= MAX_CANDIDATES:
                break
        if best is not None:
            self.cohorts[best].append(p)
        return best


def _solve_pools(
    batch: Batch,
    positions: list[int],
    weights: Weights,
    rng: random.Random,
    *,
    randomised: bool = False,
) -> tuple[list[list[int]], list[int]]:
    """Form new cohorts from ``positions`` (steps 2–3); return cohorts and leftovers."""
    pools: dict[str, list[int]] = {ONLINE: [], IN_PERSON: []}
    left: list[int] = []
    for p in positions:
        modes = batch.modes_for(p)
        # Flexible members ("both") meet online when online cohorts are formed: the pool is
        # larger and time zones, not borders, are what limits an online cohort.
        if modes:
            pools[modes[0]].append(p)
        else:
            left.append(p)
    recruit_flexible_members(batch, pools)
    cohorts: list[list[int]] = []
    for mode in (ONLINE, IN_PERSON):
        for block, uniform in split_into_blocks(batch, pools[mode], mode, weights, rng, randomised):
            solved, rest = BlockSolver(
                batch, block, mode, uniform=uniform, rng=rng, randomised=randomised
            ).solve()
            cohorts.extend(solved)
            left.extend(rest)
    return cohorts, left


def _second_round(
    batch: Batch,
    index: _CohortIndex,
    left: list[int],
    weights: Weights,
    rng: random.Random,
    randomised: bool,
) -> list[int]:
    """Step 4: place leftovers into cohorts with room, then try new checked blocks."""
    constraints = batch.constraints
    waiting = [
        p for p in left if index.insert(p, batch.modes_for(p)) is None
    ]
    if len(waiting) < constraints.min_size:
        return waiting
    language = bucket_languages(batch, waiting)
    waiting.sort(key=lambda p: (language[p], batch.offsets[p], p))
    still: list[int] = []
    for at in range(0, len(waiting), 2 * BLOCK_SIZE):
        chunk = waiting[at : at + 2 * BLOCK_SIZE]
        for mode in (ONLINE, IN_PERSON):
            pool = [p for p in chunk if mode in batch.modes_for(p)[:1]]
            if not pool:
                continue
            solved, rest = BlockSolver(
                batch, pool, mode, uniform=False, rng=rng, randomised=randomised
            ).solve()
            for cohort in solved:
                index.add(cohort)
            still.extend(rest)
        still.extend(p for p in chunk if not batch.modes_for(p))
    return [p for p in still if index.insert(p, batch.modes_for(p)) is None]


def _wait_reasons(batch: Batch, waiting: list[int], constraints: Constraints) -> dict[int, str]:
    """Explain why each waiting member could not be placed this round."""
    hours = f"{constraints.max_tz_spread_hours:g}"
    by_language: dict[str, list[int]] = defaultdict(list)
    by_country_language: Counter[tuple[str, str]] = Counter()
    if not waiting:
        return {}
    for m in batch.members:
        modes = meeting_modes(m, constraints)
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
        modes = meeting_modes(m, constraints)
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
                lo = bisect.bisect_left(offsets, m.utc_offset_minutes - batch.max_tz_spread)
                hi = bisect.bisect_right(offsets, m.utc_offset_minutes + batch.max_tz_spread)
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
    """The matching round behind :func:`form_cohorts` and :func:`form_random_cohorts`."""
    members = list(members)
    _validate_members(members)
    rng = random.Random(seed)
    consenting = sorted((m for m in members if m.consent and m.languages), key=lambda m: m.id)
    batch = Batch(consenting, weights, constraints)
    unplaced = _not_taking_part(members)

    index, taken = _keep_existing_cohorts(batch, existing)  # step 1
    new = [p for p, m in enumerate(consenting) if m.id not in taken]
    rng.shuffle(new)
    if index.cohorts:
        new = [p for p in new if index.insert(p, batch.modes_for(p)) is None]
    cohorts, left = _solve_pools(batch, new, weights, rng, randomised=randomised)  # steps 2-3
    for cohort in cohorts:
        index.add(cohort)
    waiting = _second_round(batch, index, left, weights, rng, randomised)  # step 4

    why = _wait_reasons(batch, waiting, constraints)
    unplaced.extend((consenting[p].id, why[consenting[p].id]) for p in sorted(waiting))
    unplaced.sort(key=lambda item: item[0])
    return _result(batch, index.cohorts, unplaced, labels)


def _not_taking_part(members: list[Member]) -> list[tuple[int, str]]:
    """``(member id, reason)`` for the members who cannot be matched at all this round."""
    unplaced = [
        (m.id, "has not opted in to matching")
        for m in sorted(members, key=lambda m: m.id)
        if not m.consent
    ]
    unplaced += [
        (m.id, "has no language on their profile") for m in members if m.consent and not m.languages
    ]
    return unplaced


def _keep_existing_cohorts(
    batch: Batch, existing: Iterable[Iterable[int]]
) -> tuple[_CohortIndex, set[int]]:
    """Index the ``existing`` cohorts (as positions) and return the ids of their members.

    Members who withdrew consent or are no longer given leave their cohort; a member listed
    in two cohorts is an error.
    """
    position = {m.id: p for p, m in enumerate(batch.members)}
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
        kept.append([position[i] for i in ids if i in position])
    return _CohortIndex(batch, kept), taken


def _result(
    batch: Batch,
    cohorts: list[list[int]],
    unplaced: list[tuple[int, str]],
    labels: Mapping[str, str] | None,
) -> MatchResult:
    """The round's :class:`MatchResult`: cohorts as member ids, with why each exists and what
    each member shares with their peers."""
    final: list[frozenset[int]] = []
    reasons: dict[int, str] = {}
    cohort_reasons: list[str] = []
    for cohort in cohorts:
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
        score=_score_positions(batch, cohorts),
        cohort_reasons=cohort_reasons,
    )


def _score_positions(batch: Batch, cohorts: Iterable[Sequence[int]]) -> float:
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

