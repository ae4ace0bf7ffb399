"""Our greedy and MES select exactly what pabutools 1.2.3 selects on every shared .pb file.

pabutools is a test-only dependency. It runs in worker processes (two at a time, memory
capped) and each of its rule calls is stopped after 60 s of CPU time: that instance is then
skipped, as the issue allows. MES with add1 completion runs pabutools' MES once per currency
unit; when that many runs of its own plain MES (timed just before) would already exceed 60 s, the
instance is skipped without being started. Projects nobody supports are removed from
pabutools' selection before comparing (its greedy funds them, ours never does).
"""

from __future__ import annotations

import resource
import signal
import time
from concurrent.futures import ProcessPoolExecutor

import pytest

from calculator import allocate, load_pabulib
from tests.pabulib_files import SHARED_DIR, bundled_files, shared_files

# Every file of the shared Pabulib folder when there is one (minutes: marked slow), else the
# dozen small files that ship with the tests.
PB_FILES = shared_files() or bundled_files()
pytestmark = [pytest.mark.slow] if PB_FILES != bundled_files() else []
pytest.importorskip("pabutools")

LIMIT = 60  # seconds pabutools may take on one instance
MEMORY = 3 * 1024**3  # address-space cap of each pabutools worker
CONFIGS = ("greedy", "mes-cost", "mes-cardinality", "add1-cost", "add1-cardinality")


class _Slow(Exception):
    pass


def _alarm(signum, frame):
    raise _Slow


def _cap_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def pabutools_selections(
    path: str, configs, add1_runs: dict[str, int] | None = None, mes_seconds=None
):
    """Run ``configs`` on one file; returns ({config: sorted ids or skip reason}, CPU seconds
    of each plain MES run, by utility)."""
    from pabutools.election import Cardinality_Sat, Cost_Sat, parse_pabulib
    from pabutools.rules import (
        completion_by_rule_combination,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    signal.signal(signal.SIGPROF, _alarm)
    instance, profile = parse_pabulib(path)
    supported = {p.name for ballot in profile for p in ballot}
    sats = {"cost": Cost_Sat, "cardinality": Cardinality_Sat}
    results: dict[str, object] = {}
    mes_seconds = dict(mes_seconds or {})
    for config in configs:
        kind, _, utility = config.partition("-")
        if kind == "add1":
            estimate = add1_runs[utility] * mes_seconds.get(utility, LIMIT)
            if estimate > LIMIT:
                results[config] = (
                    f"skip: pabutools would run its MES {add1_runs[utility]} times at "
                    f"~{mes_seconds.get(utility, LIMIT):.1f} s each (> {LIMIT} s)"
                )
                continue
        # CPU seconds (user + system), so that other work on a shared machine does not
        # decide which instances are skipped.
        signal.setitimer(signal.ITIMER_PROF, LIMIT)
        start = time.process_time()
        try:
            if kind == "greedy":
                outcome = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
            elif kind == "mes":
                outcome = method_of_equal_shares(instance, profile, sat_class=sats[utility])
            else:
                outcome = completion_by_rule_combination(
                    instance,
                    profile,
                    [method_of_equal_shares, greedy_utilitarian_welfare],
                    [
                        {"sat_class": sats[utility], "voter_budget_increment": 1},
                        {"sat_class": sats[utility]},
                    ],
                )
        except _Slow:
            results[config] = f"skip: pabutools took over {LIMIT} s"
            continue
        except MemoryError:
            results[config] = "skip: pabutools needed over 3 GB"
            continue
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        if kind == "mes":
            mes_seconds[utility] = time.process_time() - start
        results[config] = sorted(p.name for p in outcome if p.name in supported)
    return results, mes_seconds


def ours(election, config: str):
    """Our sorted selection for one configuration, and for add1 how many unit steps
    pabutools' loop will need (our raises + the final run)."""
    kind, _, utility = config.partition("-")
    if kind == "greedy":
        result = allocate(election, rule="greedy", support="approval")
    else:
        completion = "add1" if kind == "add1" else None
        result = allocate(election, rule="mes", utility=utility, completion=completion)
    return sorted(result.selected), result.options.get("budget_raises", 0) + 1


@pytest.fixture(scope="module")
def agreement():
    """{file name: (our selections, pabutools' selections)} for every shared file.

    pabutools' greedy and plain MES start at once in the workers while ours are computed
    here; its add1 runs follow, once our search has said how many unit steps they need."""
    basic = ("greedy", "mes-cost", "mes-cardinality")
    with ProcessPoolExecutor(max_workers=2, initializer=_cap_memory) as pool:
        first = {
            path.name: pool.submit(pabutools_selections, str(path), basic)
            for path in reversed(PB_FILES)  # largest first, to overlap the slow ones
        }
        mine = {}
        for path in reversed(PB_FILES):
            election = load_pabulib(path)
            mine[path.name] = {config: ours(election, config) for config in CONFIGS}
        second = {}
        theirs = {}
        for path in reversed(PB_FILES):
            results, seconds = first[path.name].result()
            theirs[path.name] = results
            runs = {u: mine[path.name][f"add1-{u}"][1] for u in ("cost", "cardinality")}
            second[path.name] = pool.submit(
                pabutools_selections, str(path), ("add1-cost", "add1-cardinality"), runs,
                seconds,
            )
        for name, future in second.items():
            theirs[name].update(future.result()[0])
    return {
        name: ({config: found[0] for config, found in mine[name].items()}, theirs[name])
        for name in mine
    }


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("path", PB_FILES, ids=[p.stem[:40] for p in PB_FILES])
def test_selection_matches_pabutools(agreement, path, config):
    mine, theirs = agreement[path.name]
    reference = theirs[config]
    if isinstance(reference, str):
        pytest.skip(reference)
    assert mine[config] == reference


def test_every_shared_file_is_compared():
    if not shared_files():
        pytest.skip(f"no shared Pabulib folder at {SHARED_DIR} (set PABULIB_DIR to compare them all)")
    assert len(PB_FILES) >= 26
