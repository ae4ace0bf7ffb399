"""Effective support and outcome measures agree with pabutools 1.2.3 on real elections.

Effective support: pabutools' ``calculate_effective_support`` re-runs Equal Shares without
each project; ours replays the rounds once (and continues the run without each funded
project). pabutools returns a whole percentage rounded down, so ours is compared rounded
down to a whole percent. Runs on the shared Pabulib folder when there is one (slow), else on
the files bundled with the tests.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from calculator import allocate, load_pabulib
from calculator.explain import explain
from calculator.outcomes import outcome_measures
from tests.pabulib_files import bundled_files, shared_files

pytest.importorskip("pabutools")

SHARED = shared_files()
# pabutools re-runs its MES once per project: its ten smallest files take about a minute.
EFFECTIVE_SUPPORT_FILES = (SHARED or bundled_files())[:10]
OUTCOME_FILES = (SHARED or bundled_files())[:14]
pytestmark = [pytest.mark.slow]


@pytest.mark.parametrize("path", EFFECTIVE_SUPPORT_FILES, ids=lambda p: p.stem)
def test_effective_support_matches_pabutools(path):
    from pabutools.analysis import calculate_effective_support
    from pabutools.election import Cardinality_Sat, Cost_Sat, parse_pabulib
    from pabutools.rules import method_of_equal_shares

    election = load_pabulib(path)
    instance, profile = parse_pabulib(str(path))
    supported = {project.name for ballot in profile for project in ballot}
    compared = 0
    for utility, sat in (("cost", Cost_Sat), ("cardinality", Cardinality_Sat)):
        result = allocate(election, rule="mes", utility=utility)
        explanation = explain(election, result)
        winners = {p.name for p in method_of_equal_shares(instance, profile, sat_class=sat)}
        assert winners - {p for p in winners if election.projects[p].cost == 0} == \
            set(result.selected) - {p for p in result.selected if election.projects[p].cost == 0}
        for project in instance:
            if project.name not in supported or project.cost == 0:
                continue  # pabutools cannot skip a project it never considers
            theirs = calculate_effective_support(instance, profile, project,
                                                 project.name in winners, {"sat_class": sat})
            ours = explanation.project(project.name).effective_support
            assert int(ours * 100) == theirs, (utility, project.name, float(ours), theirs)
            compared += 1
    assert compared


@pytest.mark.parametrize("path", OUTCOME_FILES, ids=lambda p: p.stem)
def test_outcome_measures_match_pabutools(path):
    from pabutools.analysis import avg_satisfaction, gini_coefficient_of_satisfaction
    from pabutools.analysis.votersatisfaction import percent_positive_satisfaction
    from pabutools.election import Cardinality_Sat, Cost_Sat, parse_pabulib

    election = load_pabulib(path)
    instance, profile = parse_pabulib(str(path))
    for rule in ("greedy", "mes"):
        result = allocate(election, rule=rule)
        measures = outcome_measures(election, result)
        chosen = [project for project in instance if project.name in result.funded]
        assert measures.voters == profile.num_ballots()
        assert measures.share_with_funded == Fraction(
            percent_positive_satisfaction(profile, chosen, Cardinality_Sat))
        assert measures.average_funded == Fraction(
            avg_satisfaction(instance, profile, chosen, Cardinality_Sat))
        assert measures.average_funded_cost == Fraction(
            avg_satisfaction(instance, profile, chosen, Cost_Sat))
        assert measures.gini == Fraction(
            gini_coefficient_of_satisfaction(instance, profile, chosen, Cost_Sat))
        sat_profile = profile.as_sat_profile(Cardinality_Sat)
        counts: dict[int, int] = {}
        for sat in sat_profile:
            k = int(sat.sat(chosen))
            counts[k] = counts.get(k, 0) + sat_profile.multiplicity(sat)
        assert {k: v for k, v in measures.distribution.items() if v} == counts


def test_the_largest_shared_files_are_explained_in_under_30_seconds():
    import time

    names = ("Netherlands_Amsterdam_309.pb", "Poland_Warszawa_2022_Praga-Poludnie.pb")
    paths = [p for p in SHARED if p.name in names]
    if not paths:
        pytest.skip("the shared Pabulib folder with Amsterdam 309 and Praga-Południe is absent")
    for path in paths:
        election = load_pabulib(path)
        for options in ({}, {"utility": "cardinality", "completion": "add1"}):
            result = allocate(election, rule="mes", **options)
            start = time.process_time()
            explanation = explain(election, result)
            assert time.process_time() - start < 30, (path.name, options)
            assert all(item.sentence for item in explanation.projects)
