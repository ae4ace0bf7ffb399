"""Benchmark of the cohort-matching algorithm: speed at scale, quality against the optimum.

Run from the repository root:

    .venv/bin/python benchmarks/matching.py             # everything (about 5-10 minutes)
    .venv/bin/python benchmarks/matching.py --quick     # 10k timing + two small ILP instances

Prints, for each figure, what was measured. Quality uses ``matching.algorithm.score`` (mean
similarity over all within-cohort pairs) for the heuristic, the random baseline and the
exact optimum alike.

Exact optimum (small instances). Cohorts are a partition of the members; a binary y_ij
says that i and j share a cohort (only for pairs that may meet: common language and same
meeting format rules as ``check_cohorts``). Transitivity y_ij + y_jk − y_ik ≤ 1 for every
triple makes the pairs a partition into cliques; min_size − 1 ≤ Σ_j y_ij ≤ max_size − 1
bounds sizes and places everyone. The score Σ s_ij y_ij / Σ y_ij is a ratio of linear
functions, so it is maximised exactly with Dinkelbach's method: starting from λ = the
heuristic's score, solve max Σ (s_ij − λ) y_ij with CBC; if the optimum is ≤ 0, λ is the
optimal score, else set λ to the score of the solution found and repeat. A cohort found
whose members pairwise share a language but have none in common is cut off with
Σ_{pairs in it} y ≤ C(size, 2) − 1 and the step repeated (lazy constraints).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matching.algorithm import (  # noqa: E402
    Constraints,
    Weights,
    check_cohorts,
    form_cohorts,
    form_random_cohorts,
    score,
)
from matching.checks import fits_together  # noqa: E402
from matching.similarity import SimilarityFunction  # noqa: E402
from matching.synthetic import generate_members  # noqa: E402

CONSTRAINTS = Constraints()  # 4-8 members, 6 hours, online and in person
WEIGHTS = Weights()


def time_rounds(sizes: list[int], seed: int) -> None:
    print("## Speed (one process, default weights and constraints)")
    print(
        f"{'members':>9} {'consenting':>10} {'seconds':>8} {'placed':>8} {'cohorts':>8} "
        f"{'score':>6} {'random':>6}"
    )
    for n in sizes:
        members = generate_members(n, seed=seed)
        start = time.perf_counter()
        result = form_cohorts(members, weights=WEIGHTS, constraints=CONSTRAINTS, seed=seed)
        elapsed = time.perf_counter() - start
        assert check_cohorts(result.cohorts, members, CONSTRAINTS) == []
        baseline = form_random_cohorts(members, constraints=CONSTRAINTS, seed=seed)
        consenting = sum(m.consent for m in members)
        print(
            f"{n:>9} {consenting:>10} {elapsed:>8.2f} {sum(map(len, result.cohorts)):>8} "
            f"{len(result.cohorts):>8} {result.score:>6.3f} {baseline.score:>6.3f}",
            flush=True,
        )


def small_instance(n: int, seed: int) -> list:
    """``n`` consenting members of one part of the world, each with enough possible peers."""
    pool = [
        m
        for m in generate_members(20 * n, seed=seed, per_process=6)
        if m.consent and m.region in ("latin-america", "north-america", "europe")
    ]
    # Top up to n, dropping anyone with fewer than min_size - 1 possible peers, so that a
    # partition placing everyone can exist (the ILP requires it).
    rest = iter(pool)
    members: list = []
    while True:
        while len(members) < n:
            members.append(next(rest))
        keep = [
            m
            for m in members
            if sum(fits_together([m, o], CONSTRAINTS) for o in members if o is not m)
            >= CONSTRAINTS.min_size - 1
        ]
        if len(keep) == len(members):
            return members
        members = keep


def _components(n: int, edges) -> dict[int, list[int]]:
    """Group ``range(n)`` into the connected components of ``edges`` (union-find)."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in sorted(edges):
        parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return groups


def exact_optimum(members: list, start: float, time_limit: int) -> tuple[float, str, int, float]:
    """Return (optimal score, solver status, Dinkelbach steps, seconds) by ILP (see top)."""
    import pulp

    n = len(members)
    sim = SimilarityFunction(members, WEIGHTS)
    pairs = {
        (i, j): sim.pair(i, j)
        for i, j in itertools.combinations(range(n), 2)
        if fits_together([members[i], members[j]], CONSTRAINTS)
    }

    def y_key(i, j):
        return (i, j) if i < j else (j, i)

    cuts: list[list[int]] = []
    lam = start
    steps = 0
    began = time.perf_counter()
    status = "not solved"
    best = start
    while True:
        steps += 1
        problem = pulp.LpProblem("cohorts", pulp.LpMaximize)
        y = {p: pulp.LpVariable(f"y_{p[0]}_{p[1]}", cat="Binary") for p in pairs}
        problem += pulp.lpSum((s - lam) * y[p] for p, s in pairs.items())
        for i, j, k in itertools.combinations(range(n), 3):
            for a, b, c in ((i, j, k), (j, i, k), (k, i, j)):
                # y_ab + y_ac - y_bc <= 1, with absent pairs fixed at 0.
                ab, ac, bc = y.get(y_key(a, b)), y.get(y_key(a, c)), y.get(y_key(b, c))
                if ab is not None and ac is not None:
                    problem += ab + ac - (bc if bc is not None else 0) <= 1
        for i in range(n):
            degree = pulp.lpSum(y[y_key(i, j)] for j in range(n) if y_key(i, j) in y)
            problem += degree >= CONSTRAINTS.min_size - 1
            problem += degree <= CONSTRAINTS.max_size - 1
        for group in cuts:
            group_pairs = [y[y_key(a, b)] for a, b in itertools.combinations(group, 2)]
            problem += pulp.lpSum(group_pairs) <= len(group_pairs) - 1
        solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit, threads=1, gapRel=0)
        problem.solve(solver)
        status = pulp.LpStatus[problem.status]
        if status != "Optimal":
            return best, status, steps, time.perf_counter() - began
        chosen = {p for p in pairs if y[p].value() > 0.5}
        # Recover cohorts as connected components of the chosen pairs.
        groups = _components(n, chosen)
        cohorts = [[members[i].id for i in g] for g in groups.values()]
        violations = check_cohorts(cohorts, members, CONSTRAINTS)
        if violations:
            bad = {v.cohort for v in violations}
            cuts.extend(list(groups.values())[b] for b in bad)
            continue
        value = score(cohorts, members, WEIGHTS)
        if (pulp.value(problem.objective) or 0) <= 1e-9 or value <= lam + 1e-12:
            return max(lam, value), status, steps, time.perf_counter() - began
        lam = best = value


def quality(instances: list[tuple[int, int]], time_limit: int, random_runs: int) -> None:
    print("\n## Quality against the exact optimum (ILP, PuLP + CBC) and random cohorts")
    print(
        f"{'members':>7} {'seed':>4} {'heuristic':>9} {'optimum':>8} {'ratio':>6} "
        f"{'random':>7} {'placed':>7} {'status':>8} {'steps':>5} {'ILP s':>6}"
    )
    ratios = []
    for n, seed in instances:
        members = small_instance(n, seed)
        result = form_cohorts(members, weights=WEIGHTS, constraints=CONSTRAINTS, seed=seed)
        placed = sum(map(len, result.cohorts))
        randoms = [
            score(form_random_cohorts(members, constraints=CONSTRAINTS, seed=s).cohorts, members)
            for s in range(random_runs)
        ]
        optimum, status, steps, seconds = exact_optimum(members, result.score, time_limit)
        ratio = result.score / optimum if optimum else float("nan")
        if status == "Optimal" and placed == len(members):
            ratios.append(ratio)
        print(
            f"{len(members):>7} {seed:>4} {result.score:>9.4f} {optimum:>8.4f} {ratio:>6.1%} "
            f"{statistics.mean(randoms):>7.4f} {placed:>3}/{len(members):<3} {status:>8} "
            f"{steps:>5} {seconds:>6.1f}",
            flush=True,
        )
    if ratios:
        print(
            f"heuristic / optimum over {len(ratios)} solved instances: "
            f"min {min(ratios):.1%}, mean {statistics.mean(ratios):.1%}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k timing and two ILP instances")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-limit", type=int, default=120, help="CBC seconds per solve")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    args = parser.parse_args()
    if not args.skip_speed:
        time_rounds([1_000, 10_000] if args.quick else [1_000, 10_000, 100_000], args.seed)
    if not args.skip_quality:
        if args.quick:
            instances = [(24, 0), (32, 1)]
        else:
            instances = [(n, s) for n in (24, 32, 40) for s in (0, 1, 2)]
        quality(instances, args.time_limit, random_runs=5 if args.quick else 20)


if __name__ == "__main__":
    main()
