"""Tests of the pure cohort-matching algorithm (no database, no Django)."""

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.algorithm import (
    Constraints,
    Context,
    Member,
    Weights,
    check_cohorts,
    form_cohorts,
    form_random_cohorts,
    most_similar,
    score,
    similarity,
)
from matching.exceptions import InvalidCohorts, InvalidConstraints, InvalidMember
from matching.synthetic import generate_members

REPO = Path(__file__).resolve().parents[2]

MUNICIPAL_VOTE = Context(
    political_structure="consolidated-democracy",
    state_capacity="medium",
    territorial_level="municipal",
    decision_model="direct-vote",
    resources="project-only",
)
NATIONAL_COMMITTEE = Context(
    political_structure="new-democracy",
    state_capacity="weak",
    territorial_level="national",
    decision_model="representative-committee",
    resources="none",
)


def make_member(member_id, **overrides):
    values = {
        "id": member_id,
        "role": "pb-team-lead",
        "stage": "project-selection",
        "languages": frozenset({"es"}),
        "utc_offset_minutes": 60,
        "context": MUNICIPAL_VOTE,
        "challenges": frozenset({"limited-participation"}),
        "priority_outcomes": frozenset({"inclusion"}),
        "format": "online",
        "country": "ES",
        "region": "europe",
        "consent": True,
    }
    values.update(overrides)
    return Member(**values)


def two_obvious_groups():
    """Four selection-stage team leads and four implementation-stage officials, shuffled."""
    first = [make_member(i) for i in (1, 3, 5, 7)]
    second = [
        make_member(
            i,
            role="official",
            stage="project-implementation",
            context=NATIONAL_COMMITTEE,
            challenges={"stalled-implementation"},
            priority_outcomes={"trust"},
        )
        for i in (2, 4, 6, 8)
    ]
    return first + second


def brute_force_best_score(members, constraints, weights=None):
    """Exact optimum of ``score`` over partitions placing everyone (tiny instances only)."""
    ids = [m.id for m in members]
    best = None

    def partitions(rest):
        if not rest:
            yield []
            return
        head, tail = rest[0], rest[1:]
        for size in range(constraints.min_size - 1, constraints.max_size):
            for others in itertools.combinations(tail, size):
                remaining = [x for x in tail if x not in others]
                for part in partitions(remaining):
                    yield [(head, *others), *part]

    for partition in partitions(ids):
        if check_cohorts(partition, members, constraints):
            continue
        value = score(partition, members, weights)
        best = value if best is None else max(best, value)
    return best


# --- worked examples ---------------------------------------------------------------


def test_two_obvious_groups_of_four_are_found():
    result = form_cohorts(two_obvious_groups(), constraints=Constraints(min_size=4, max_size=8))

    assert sorted(result.cohorts, key=min) == [frozenset({1, 3, 5, 7}), frozenset({2, 4, 6, 8})]
    assert result.score == pytest.approx(1.0)
    assert result.unplaced == []


def test_three_stages_give_three_cohorts_with_the_known_optimum():
    stages = ["outreach", "project-development", "project-implementation"]
    members = [make_member(i, stage=stages[i % 3]) for i in range(12)]

    result = form_cohorts(members, constraints=Constraints(min_size=3, max_size=6))

    assert {frozenset(m.stage for m in members if m.id in c) for c in result.cohorts} == {
        frozenset({s}) for s in stages
    }
    # Each cohort is four identical profiles: every pair scores 1, the highest possible.
    assert result.score == pytest.approx(1.0)


@pytest.mark.parametrize("seed", range(6))
def test_small_instances_reach_the_brute_force_optimum(seed):
    members = [m for m in generate_members(40, seed=seed, per_process=4) if m.consent][:9]
    members = [
        Member(**{**m.__dict__, "languages": {"en"}, "utc_offset_minutes": 0, "format": "online"})
        for m in members
    ]
    constraints = Constraints(min_size=3, max_size=5)

    result = form_cohorts(members, constraints=constraints, seed=seed)

    assert sum(len(c) for c in result.cohorts) == len(members)
    assert result.score >= 0.95 * brute_force_best_score(members, constraints)


def test_members_who_speak_no_common_language_are_never_grouped():
    spanish = [make_member(i, languages={"es"}) for i in range(1, 5)]
    french = [make_member(i, languages={"fr"}, country="FR") for i in range(5, 9)]

    result = form_cohorts(spanish + french)

    assert sorted(result.cohorts, key=min) == [frozenset(range(1, 5)), frozenset(range(5, 9))]
    assert all("common language" in result.reasons[i] for i in range(1, 9))


def test_online_cohorts_respect_the_time_zone_spread():
    americas = [make_member(i, utc_offset_minutes=-300) for i in range(1, 5)]
    asia = [make_member(i, utc_offset_minutes=540) for i in range(5, 9)]

    result = form_cohorts(americas + asia, constraints=Constraints(max_tz_spread_hours=6))

    assert sorted(result.cohorts, key=min) == [frozenset(range(1, 5)), frozenset(range(5, 9))]


def test_in_person_members_meet_with_people_of_their_country():
    madrid = [make_member(i, format="in-person", country="ES") for i in range(1, 5)]
    mexico = [
        make_member(i, format="in-person", country="MX", utc_offset_minutes=-360)
        for i in range(5, 9)
    ]

    result = form_cohorts(madrid + mexico)

    assert sorted(result.cohorts, key=min) == [frozenset(range(1, 5)), frozenset(range(5, 9))]


def test_in_person_only_members_wait_when_the_round_is_online_only():
    members = [make_member(i) for i in range(1, 5)] + [make_member(9, format="in-person")]

    result = form_cohorts(members, constraints=Constraints(in_person=False))

    assert result.cohorts == [frozenset(range(1, 5))]
    assert result.unplaced == [
        (9, "prefers to meet in person; this round forms online cohorts only")
    ]


def test_members_without_consent_are_never_placed_and_say_why():
    members = [make_member(i) for i in range(1, 6)] + [make_member(6, consent=False)]

    result = form_cohorts(members)

    assert all(6 not in c for c in result.cohorts)
    assert (6, "has not opted in to matching") in result.unplaced


def test_a_member_without_a_language_waits_instead_of_failing_the_round():
    members = [make_member(i) for i in range(1, 5)] + [make_member(5, languages=set())]

    result = form_cohorts(members)

    assert result.cohorts == [frozenset(range(1, 5))]
    assert result.unplaced == [(5, "has no language on their profile")]


def test_a_lonely_member_waits_with_a_plain_reason():
    members = [make_member(i) for i in range(1, 5)] + [make_member(5, languages={"ko"})]

    result = form_cohorts(members)

    assert result.unplaced == [
        (
            5,
            "waiting for more members: fewer than 4 consenting members share a language "
            "with them within 6 hours of their time zone",
        )
    ]


def test_reasons_name_stage_role_and_context_with_translated_labels():
    members = two_obvious_groups()
    # The Django side passes a label for every slug; the pure module writes the others as words.
    labels = {"project-selection": "selección de proyectos", "municipal": "municipal",
              "pb-team-lead": "PB team lead", "es": "Spanish"}

    result = form_cohorts(members, labels=labels)

    assert result.reasons[1].startswith(
        "same stage: selección de proyectos; same role: PB team lead; "
        "similar context: municipal, consolidated democracy, direct vote"
    )
    assert "common language: Spanish" in result.reasons[1]
    cohort = next(i for i, c in enumerate(result.cohorts) if 1 in c)
    assert "everyone at stage: selección de proyectos" in result.cohort_reasons[cohort]


# --- stability ------------------------------------------------------------------------


def test_existing_cohorts_are_kept_and_newcomers_join_the_most_similar_one():
    members = two_obvious_groups()
    existing = [frozenset({1, 3, 5, 7}), frozenset({2, 4, 6, 8})]
    newcomer = make_member(
        9,
        role="official",
        stage="project-implementation",
        context=NATIONAL_COMMITTEE,
        challenges={"stalled-implementation"},
    )

    result = form_cohorts([*members, newcomer], existing=existing)

    assert result.cohorts == [frozenset({1, 3, 5, 7}), frozenset({2, 4, 6, 8, 9})]


def test_a_member_who_withdraws_consent_leaves_their_cohort():
    members = [make_member(i) for i in range(1, 7)]
    members[5] = make_member(6, consent=False)

    result = form_cohorts(members, existing=[{1, 2, 3, 4, 5, 6}])

    assert result.cohorts == [frozenset({1, 2, 3, 4, 5})]


def test_full_existing_cohorts_send_newcomers_to_a_new_cohort():
    members = [make_member(i) for i in range(1, 13)]

    result = form_cohorts(members, existing=[set(range(1, 9))])

    assert result.cohorts == [frozenset(range(1, 9)), frozenset(range(9, 13))]


def test_inputs_are_not_changed():
    members = two_obvious_groups()
    before = list(members)
    existing = [{1, 3, 5}]

    form_cohorts(members, existing=existing)

    assert members == before
    assert existing == [{1, 3, 5}]


# --- errors and checks ------------------------------------------------------------------


def test_bad_inputs_raise_specific_errors():
    with pytest.raises(InvalidConstraints):
        Constraints(min_size=5, max_size=4)
    with pytest.raises(InvalidMember):
        form_cohorts([make_member(1), make_member(1)])
    with pytest.raises(InvalidCohorts):
        form_cohorts([make_member(i) for i in range(1, 9)], existing=[{1, 2}, {2, 3}])


def test_check_cohorts_reports_each_broken_rule():
    members = [
        make_member(1),
        make_member(2, languages={"fr"}),
        make_member(3, consent=False, utc_offset_minutes=600),
    ]

    codes = {v.code for v in check_cohorts([[1, 2, 3], [1]], members)}

    assert codes == {"size", "language", "consent", "format", "duplicate"}
    with pytest.raises(InvalidCohorts):
        check_cohorts([[1, 2, 3]], members, raise_errors=True)


def test_empty_round_forms_nothing():
    result = form_cohorts([])

    assert (result.cohorts, result.unplaced, result.score) == ([], [], 0.0)


# --- similarity and "find peers like me" -----------------------------------------------------


def test_similarity_is_one_for_identical_profiles_and_symmetric():
    a, b = make_member(1), make_member(2, stage="project-implementation", role="official")

    assert similarity(a, make_member(3)) == pytest.approx(1.0)
    assert similarity(a, b) == similarity(b, a)
    assert 0 <= similarity(a, b) < 1


def test_weights_change_who_counts_as_similar():
    me = make_member(1)
    same_role = make_member(2, stage="project-implementation")
    same_stage = make_member(3, role="official")

    by_role = most_similar(me, [same_role, same_stage], weights=Weights(role=5, stage=1))
    by_stage = most_similar(me, [same_role, same_stage], weights=Weights(role=1, stage=5))

    assert [peer for peer, _, _ in by_role] == [2, 3]
    assert [peer for peer, _, _ in by_stage] == [3, 2]


def test_find_peers_like_me_lists_consenting_speakers_first_with_reasons():
    me = make_member(100, consent=False)
    candidates = [
        make_member(1, stage="project-implementation"),
        make_member(2),
        make_member(3, consent=False),
        make_member(4, languages={"ko"}),
        make_member(5, role="official"),
        me,
    ]

    peers = most_similar(me, candidates, k=10)

    assert [peer for peer, _, _ in peers] == [2, 1, 5]
    assert peers[0][1] == pytest.approx(1.0)
    # Without labels from the Django side, slugs are written as words.
    assert peers[0][2].startswith("same stage: project selection; same role: pb team lead")


# --- quality and scale (small) ---------------------------------------------------------------


def test_matching_beats_random_cohorts_by_far():
    members = generate_members(400, seed=3)

    matched = form_cohorts(members, seed=0)
    random_ = form_random_cohorts(members, seed=0)

    assert sum(map(len, matched.cohorts)) >= sum(map(len, random_.cohorts))
    assert matched.score > random_.score + 0.2
    assert check_cohorts(random_.cohorts, members) == []


def test_synthetic_members_are_reproducible():
    assert generate_members(50, seed=7) == generate_members(50, seed=7)
    assert generate_members(50, seed=7) != generate_members(50, seed=8)


# --- properties ------------------------------------------------------------------------------


@st.composite
def rounds(draw):
    n = draw(st.integers(min_value=0, max_value=40))
    languages = st.frozensets(st.sampled_from(["es", "en", "fr"]), min_size=1, max_size=2)
    members = [
        Member(
            id=i,
            role=draw(st.sampled_from(["pb-team-lead", "official", "expert"])),
            stage=draw(st.sampled_from(["outreach", "project-selection", "project-implementation"])),
            languages=draw(languages),
            utc_offset_minutes=draw(st.sampled_from([-480, -300, 0, 60, 180, 330, 540])),
            context=draw(st.sampled_from([MUNICIPAL_VOTE, NATIONAL_COMMITTEE, Context()])),
            challenges=draw(st.frozensets(st.sampled_from(["a", "b", "c"]))),
            format=draw(st.sampled_from(["online", "online", "both", "in-person"])),
            country=draw(st.sampled_from(["ES", "MX", "FR"])),
            consent=draw(st.booleans() | st.just(True)),
        )
        for i in range(n)
    ]
    low = draw(st.integers(min_value=2, max_value=5))
    constraints = Constraints(
        min_size=low,
        max_size=draw(st.integers(min_value=low, max_value=low + 4)),
        max_tz_spread_hours=draw(st.sampled_from([0, 3, 6, 12])),
        in_person=draw(st.booleans()),
    )
    return members, constraints, draw(st.integers(min_value=0, max_value=3))


PROPERTY_SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(rounds())
def test_every_cohort_meets_the_hard_constraints(round_):
    members, constraints, seed = round_

    result = form_cohorts(members, constraints=constraints, seed=seed)

    assert check_cohorts(result.cohorts, members, constraints) == []


@PROPERTY_SETTINGS
@given(rounds())
def test_every_member_is_placed_at_most_once_or_told_why_not(round_):
    members, constraints, seed = round_

    result = form_cohorts(members, constraints=constraints, seed=seed)

    placed = [i for c in result.cohorts for i in c]
    waiting = [i for i, _ in result.unplaced]
    assert len(placed) == len(set(placed))
    assert sorted(placed + waiting) == sorted(m.id for m in members)
    assert {m.id for m in members if not m.consent} <= set(waiting)
    assert set(result.reasons) == set(placed)


@PROPERTY_SETTINGS
@given(rounds())
def test_same_seed_gives_the_same_cohorts(round_):
    members, constraints, seed = round_

    first = form_cohorts(members, constraints=constraints, seed=seed)
    again = form_cohorts(list(reversed(members)), constraints=constraints, seed=seed)

    assert first == again


@PROPERTY_SETTINGS
@given(rounds(), st.data())
def test_existing_cohorts_are_kept(round_, data):
    members, constraints, seed = round_
    first_wave = members[: len(members) // 2]
    existing = form_cohorts(first_wave, constraints=constraints, seed=seed).cohorts
    consenting = {m.id for m in members if m.consent}

    result = form_cohorts(members, constraints=constraints, seed=seed, existing=existing)

    assert len(result.cohorts) >= len(existing)
    for before, after in zip(existing, result.cohorts, strict=False):
        assert before & consenting <= after
    assert check_cohorts(result.cohorts, members, constraints) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=2, max_size=2, unique=True))
def test_similarity_stays_between_zero_and_one(seeds):
    a, b = (generate_members(1, seed=s)[0] for s in seeds)

    assert 0 <= similarity(a, b) <= 1
    assert similarity(a, b) == pytest.approx(similarity(b, a))


# --- purity -------------------------------------------------------------------------------


def test_matching_modules_import_without_django():
    code = (
        "import sys\n"
        "import matching.algorithm, matching.checks, matching.similarity, matching.synthetic\n"
        "import matching.exceptions\n"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(REPO)

    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )

    assert out.stdout.strip() == "[]"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=2, max_size=2, unique=True))
def test_score_parts_add_up_to_the_similarity(seeds):
    from matching.similarity import similarity_parts

    a, b = (generate_members(1, seed=s)[0] for s in seeds)
    weights = Weights(role=2, stage=3, context=1, challenges=1, outcomes=0.5)

    parts = similarity_parts(a, b, weights)
    assert [p.component for p in parts] == ["role", "stage", "context", "challenges", "outcomes"]
    assert sum(p.points for p in parts) == pytest.approx(similarity(a, b, weights))


def test_a_neighbouring_stage_is_a_half_part_named_as_near():
    from matching.similarity import similarity_parts

    a = make_member(1, stage="project-selection")
    b = make_member(2, stage="project-implementation",
                    context=Context(**{**MUNICIPAL_VOTE.__dict__, "state_capacity": "strong"}))
    parts = {p.component: p for p in similarity_parts(a, b)}
    assert parts["stage"].agreement == 0.5 and parts["stage"].near == ("project-implementation",)
    assert parts["context"].near == ("strong",)
    assert "municipal" in parts["context"].shared
    assert parts["role"].shared == ("pb-team-lead",)
