"""Time the calculator next to pabutools 1.2.3 on the largest shared Pabulib files.

    .venv/bin/python benchmarks/calculator.py [--files 6 | --names Cambridge,Zurich]
                                              [--timeout 90] [--mem-gb 4]
                                              [--tasks parse,greedy,...] [--skip-synthetic]

Times are CPU seconds of the measuring process (time.process_time), so that other work on
a shared machine does not distort the ratios. Each measurement runs in its own subprocess so
that its peak memory (ru_maxrss) can be read and pabutools can be stopped at ``--timeout``
seconds or ``--mem-gb`` of address space.
pabutools is a test/benchmark dependency only. Times exclude parsing except for "parse",
which is the best of five runs on each side (the previous result freed before the clock
starts), because single runs on a shared virtual machine vary by a third or more. For the
same reason each rule is timed as the best of up to three runs on each side, under one rule
for both: no further run after one that took over ten seconds. And each measurement is made
in ``--rounds`` rounds (default 3), ours and pabutools' taking turns, keeping each side's best:
this machine's speed drifts by half over minutes, and a slow spell that hit only one side's
turn would otherwise move the ratio. A round is not repeated after pabutools took over ten
seconds (the long add1 runs), nor without pabutools.
Prints a table of seconds and ratios (pabutools / calculator), then (unless
``--skip-synthetic``) the same for Equal Shares with add1 on a synthetic election of 5,000
distinct approval ballots over 200 projects, and the rank-and-rearrange timing on one
million synthetic 5-rank ballots.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("PABULIB_DIR", ROOT.parent / "shared" / "data" / "pabulib"))
PARSE_RUNS = 5
RULE_RUNS = 3
LONG_RUN = 10.0  # seconds: a rule run this long is not repeated
TASKS = ("parse", "greedy", "mes-cost", "mes-card", "add1-cost", "add1-card")
ADD1_SYNTHETIC_TASKS = ["mes-cost", "mes-card", "add1-cost", "add1-card"]


def run_ours(path: str, task: str) -> dict:
    sys.path.insert(0, str(ROOT))
    from calculator import allocate, load_pabulib

    start = time.process_time()
    election = load_pabulib(path)
    parse = time.process_time() - start
    if task == "parse":
        best = parse
        for _ in range(PARSE_RUNS - 1):
            del election  # freed before the clock starts: pabutools' result is not freed either
            start = time.process_time()
            election = load_pabulib(path)
            best = min(best, time.process_time() - start)
        return {"seconds": best, "selected": []}
    rule, options = _ours_rule(task)
    start = time.process_time()
    result = allocate(election, rule=rule, **options)
    first = time.process_time() - start
    if task == "greedy":  # the step itself, tallies cached by the first call: best of 5
        seconds = min(_timed(allocate, election, rule, options) for _ in range(5))
    else:
        def again():
            election.forget_tallies()  # each run reads the ballots afresh, as the first did
            return allocate(election, rule=rule, **options)

        seconds, result = _best_of_runs(again, first, result)
    return {"seconds": seconds, "first": first, "selected": sorted(result.selected)}


def _best_of_runs(run, seconds: float, result):
    """Best time of up to RULE_RUNS runs, given the first run's (seconds, result); no further
    run after one over LONG_RUN. The same rule for both sides."""
    for _ in range(RULE_RUNS - 1):
        if seconds > LONG_RUN:
            break
        del result  # freed before the clock starts
        start = time.process_time()
        result = run()
        seconds = min(seconds, time.process_time() - start)
    return seconds, result


def _timed(function, election, rule, options) -> float:
    start = time.process_time()
    function(election, rule=rule, **options)
    return time.process_time() - start


def _ours_rule(task: str):
    if task == "greedy":
        return "greedy", {"support": "approval"}
    utility = "cost" if task.endswith("cost") else "cardinality"
    completion = "add1" if task.startswith("add1") else None
    return "mes", {"utility": utility, "completion": completion}


def run_pabutools(path: str, task: str) -> dict:
    from pabutools.election import Cardinality_Sat, Cost_Sat, parse_pabulib

    start = time.process_time()
    instance, profile = parse_pabulib(path)
    parse = time.process_time() - start
    if task == "parse":  # best of PARSE_RUNS, as for ours
        for _ in range(PARSE_RUNS - 1):
            del instance, profile
            start = time.process_time()
            instance, profile = parse_pabulib(path)
            parse = min(parse, time.process_time() - start)
        return {"seconds": parse, "selected": []}
    sat = Cost_Sat if task.endswith("cost") or task == "greedy" else Cardinality_Sat
    start = time.process_time()
    outcome = _their_rule(task, instance, profile, sat)
    first = time.process_time() - start
    seconds, outcome = _best_of_runs(lambda: _their_rule(task, instance, profile, sat), first,
                                     outcome)
    supported = {p.name for ballot in profile for p in ballot}
    return {"seconds": seconds, "selected": sorted(p.name for p in outcome if p.name in supported)}


def _their_rule(task, instance, profile, sat):
    from pabutools.rules import (
        completion_by_rule_combination,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    if task == "greedy":
        return greedy_utilitarian_welfare(instance, profile, sat_class=sat)
    if task.startswith("mes"):
        return method_of_equal_shares(instance, profile, sat_class=sat)
    return completion_by_rule_combination(
        instance,
        profile,
        [method_of_equal_shares, greedy_utilitarian_welfare],
        [{"sat_class": sat, "voter_budget_increment": 1}, {"sat_class": sat}],
    )


def measure(side: str, path: str, task: str, timeout: float, mem_gb: float) -> dict:
    """Run one task in a fresh interpreter; return seconds, peak MB and selection, or the
    reason it did not finish."""
    code = f"""
import importlib.util, json, resource, sys
sys.path.insert(0, {str(ROOT)!r})
spec = importlib.util.spec_from_file_location("_bench_module", {str(Path(__file__).resolve())!r})
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)
result = bench.run_{side}({path!r}, {task!r})
result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""
    limit = int(mem_gb * 1024**3)

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True, text=True, timeout=timeout, preexec_fn=cap, env=env,
            cwd=str(ROOT),
        )
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout:.0f} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["failed"])[-1]
        if "MemoryError" in done.stderr:
            last = f"over {mem_gb:g} GB"
        return {"error": last[:60]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _faster(kept: dict, new: dict) -> dict:
    """The faster of two measurements of one task (peak memory: the larger)."""
    if "error" in new:
        return kept
    best = new if new["seconds"] < kept["seconds"] else kept
    return {**best, "peak_mb": max(kept["peak_mb"], new["peak_mb"])}


def write_distinct_approvals(path: Path, voters: int = 5_000, projects: int = 200,
                              approvals: int = 10) -> Path:
    """A seeded approval election where no two voters approve the same projects: each of
    ``voters`` approves a different ``approvals`` of ``projects`` (costs 50,000-1,000,000,
    budget 10,000,000). Equal Shares with add1 must raise the start budget about 1,100 units
    there, with the outcome changing every few units (the case of issue 24)."""
    rng = random.Random(24)
    ids = [str(i) for i in range(1, projects + 1)]
    costs = {pid: rng.randrange(50_000, 1_000_001, 1_000) for pid in ids}
    ballots: set[tuple[str, ...]] = set()
    while len(ballots) < voters:
        ballots.add(tuple(sorted(rng.sample(ids, approvals), key=int)))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"META\nkey;value\nbudget;10000000\nvote_type;approval\nnum_votes;{voters}\n"
                     f"num_projects;{projects}\nPROJECTS\nproject_id;cost\n")
        handle.writelines(f"{pid};{cost}\n" for pid, cost in costs.items())
        handle.write("VOTES\nvoter_id;vote\n")
        handle.writelines(f"{n};{','.join(b)}\n" for n, b in enumerate(sorted(ballots), 1))
    return path


def synthetic_rank_and_rearrange(voters: int = 1_000_000, projects: int = 20) -> dict:
    """Build one million 5-rank ballots in memory, then time building the election and the
    rule, and separately reading the same ballots from a .pb file: each the best of three."""
    sys.path.insert(0, str(ROOT))
    from calculator import allocate, load_pabulib, make_election

    rng = random.Random(4)
    ids = [f"P{i:02d}" for i in range(projects)]
    weights = [projects - i for i in range(projects)]
    ballots = []
    for _ in range(voters):
        chosen = []
        while len(chosen) < 5:
            pid = rng.choices(ids, weights)[0]
            if pid not in chosen:
                chosen.append(pid)
        ballots.append(chosen)
    costs = {pid: 20_000 + 5_000 * (i % 7) for i, pid in enumerate(ids)}
    with tempfile.NamedTemporaryFile("w", suffix=".pb", delete=False) as handle:
        handle.write("META\nkey;value\nbudget;480000\nvote_type;ordinal\nmax_length;5\n")
        handle.write("PROJECTS\nproject_id;cost\n")
        handle.writelines(f"{pid};{cost}\n" for pid, cost in costs.items())
        handle.write("VOTES\nvoter_id;vote\n")
        handle.writelines(f"{n};{','.join(b)}\n" for n, b in enumerate(ballots))
    built = ruled = parsed = ruled_file = math.inf
    try:
        for _ in range(RULE_RUNS):  # best of three, each from scratch, as for the files
            election = result = loaded = again = None  # freed before the clock starts
            start = time.process_time()
            election = make_election(budget=480_000, projects=costs, ballots=ballots,
                                     vote_type="ordinal")
            built = min(built, time.process_time() - start)
            start = time.process_time()
            result = allocate(election, rule="rank-and-rearrange")
            ruled = min(ruled, time.process_time() - start)
            start = time.process_time()
            loaded = load_pabulib(handle.name)
            parsed = min(parsed, time.process_time() - start)
            start = time.process_time()
            again = allocate(loaded, rule="rank-and-rearrange")
            ruled_file = min(ruled_file, time.process_time() - start)
            assert again.selected == result.selected
    finally:
        os.unlink(handle.name)
    return {"build": built, "rule": ruled, "parse_file": parsed, "rule_after_parse": ruled_file,
            "groups": len(election.ballots), "selected": result.selected}


def compare(path: Path, label: str, tasks: list[str], args) -> None:
    """Measure each task on ``path`` on both sides and print one table row per task."""
    their_mes: dict[str, float] = {}
    for task in tasks:
        ours = measure("ours", str(path), task, 600, 4.0)
        utility = task.split("-")[-1]
        if args.skip_pabutools:
            theirs = {"error": "skipped"}
        elif task.startswith("add1") and their_mes.get(utility, 0) * 10 > args.timeout:
            # add1 runs MES once per currency unit (dozens of times at least).
            theirs = {"error": f"not run: MES {their_mes[utility]:.0f} s x units"}
        else:
            theirs = measure("pabutools", str(path), task, args.timeout, args.mem_gb)
            for _ in range(args.rounds - 1):
                if "error" in ours or "error" in theirs or theirs["seconds"] > LONG_RUN:
                    break
                ours = _faster(ours, measure("ours", str(path), task, 600, 4.0))
                theirs = _faster(theirs, measure("pabutools", str(path), task, args.timeout,
                                                 args.mem_gb))
            if task.startswith("mes"):
                their_mes[utility] = theirs.get("seconds", args.timeout)
        if "error" in ours:
            print(f"{label[:34]:34} {task:10} ours failed: {ours['error']}")
            continue
        if "error" in theirs:
            their_text, ratio, same = theirs["error"], "", ""
        else:
            their_text = f"{theirs['seconds']:.3f}"
            ratio = f"{theirs['seconds'] / max(ours['seconds'], 1e-6):.0f}x"
            same = "yes" if ours["selected"] == theirs["selected"] else "NO"
        if task == "greedy":
            same += f"  (first call with tallying {ours['first']:.3f} s)"
        print(f"{label[:34]:34} {task:10} {ours['seconds']:8.3f} "
              f"{ours['peak_mb']:8.0f} {their_text:>12} {ratio:>7} {same:>5}", flush=True)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=6, help="how many of the largest files")
    parser.add_argument("--names", default="",
                        help="instead: files whose names contain one of these (comma-separated)")
    parser.add_argument("--timeout", type=float, default=90.0, help="pabutools time limit (s)")
    parser.add_argument("--mem-gb", type=float, default=4.0, help="pabutools memory limit")
    parser.add_argument("--skip-pabutools", action="store_true")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of alternating measurements, each side's best kept")
    parser.add_argument("--tasks", default=",".join(TASKS))
    parser.add_argument("--skip-synthetic", action="store_true",
                        help="leave out the synthetic elections (add1 on 5,000 distinct "
                        "ballots, rank-and-rearrange on one million)")
    args = parser.parse_args(argv)
    tasks = args.tasks.split(",")
    if args.names:
        wanted = args.names.split(",")
        files = [p for p in sorted(DATA.glob("*.pb")) if any(w in p.name for w in wanted)]
    else:
        files = sorted(DATA.glob("*.pb"), key=lambda p: p.stat().st_size)[-args.files:]
    print(f"{'file':34} {'task':10} {'ours s':>8} {'ours MB':>8} {'pabutools s':>12} "
          f"{'ratio':>7} {'same':>5}")
    for path in files:
        compare(path, path.name, tasks, args)
    if args.skip_synthetic:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = write_distinct_approvals(Path(folder) / "distinct_approvals.pb")
        compare(path, "synthetic 5,000 x 10 of 200", ADD1_SYNTHETIC_TASKS, args)
    figures = synthetic_rank_and_rearrange()
    print(
        f"rank-and-rearrange, 1,000,000 synthetic 5-rank ballots ({figures['groups']:,} distinct):"
        f" build election {figures['build']:.2f} s + rule {figures['rule']:.2f} s; "
        f"from a .pb file: parse {figures['parse_file']:.2f} s + rule "
        f"{figures['rule_after_parse']:.2f} s"
    )


if __name__ == "__main__":
    main()
