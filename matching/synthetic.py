"""Seeded synthetic members for benchmarks, tests and the demo loader (pure Python).

Members come in clusters, as in the field: each belongs to a PB process in one country,
whose context, current stage and typical challenges its members share (with some noise).
Countries bring languages (often plus English), a world region and a time zone.
"""

from __future__ import annotations

import random

from matching.similarity import CONTEXT_VALUES, Context, Member
from pbexchange.slugs import CHALLENGES, ROLES, STAGES

# code, world region, languages, UTC offset in minutes, political structure weights
# (new, consolidated, hybrid), typical state capacity.
COUNTRIES: tuple[tuple[str, str, tuple[str, ...], int, str, str], ...] = (
    ("ES", "europe", ("es",), 60, "consolidated-democracy", "strong"),
    ("PT", "europe", ("pt",), 0, "consolidated-democracy", "strong"),
    ("FR", "europe", ("fr",), 60, "consolidated-democracy", "strong"),
    ("DE", "europe", ("de",), 60, "consolidated-democracy", "strong"),
    ("IT", "europe", ("it",), 60, "consolidated-democracy", "medium"),
    ("GB", "europe", ("en",), 0, "consolidated-democracy", "strong"),
    ("US", "north-america", ("en", "es"), -300, "consolidated-democracy", "strong"),
    ("CA", "north-america", ("en", "fr"), -300, "consolidated-democracy", "strong"),
    ("MX", "latin-america", ("es",), -360, "consolidated-democracy", "medium"),
    ("CO", "latin-america", ("es",), -300, "new-democracy", "medium"),
    ("AR", "latin-america", ("es",), -180, "consolidated-democracy", "medium"),
    ("BR", "latin-america", ("pt",), -180, "new-democracy", "medium"),
    ("PE", "latin-america", ("es",), -300, "new-democracy", "weak"),
    ("MG", "africa", ("mg", "fr"), 180, "new-democracy", "weak"),
    ("SN", "africa", ("fr",), 0, "new-democracy", "weak"),
    ("KE", "africa", ("sw", "en"), 180, "new-democracy", "medium"),
    ("ZA", "africa", ("en",), 120, "new-democracy", "medium"),
    ("TN", "middle-east", ("ar", "fr"), 60, "new-democracy", "medium"),
    ("IN", "asia-pacific", ("hi", "en"), 330, "consolidated-democracy", "medium"),
    ("ID", "asia-pacific", ("id",), 420, "new-democracy", "medium"),
    ("PH", "asia-pacific", ("en",), 480, "new-democracy", "medium"),
    ("KR", "asia-pacific", ("ko",), 540, "consolidated-democracy", "strong"),
    ("NZ", "asia-pacific", ("en",), 720, "consolidated-democracy", "strong"),
)
OUTCOMES = (
    "broad-participation",
    "trust",
    "transparency",
    "civic-learning",
    "efficient-delivery",
    "equity",
    "deliberation-quality",
    "government-responsiveness",
)
_ROLE_WEIGHTS = (14, 16, 12, 14, 12, 8, 6, 12, 6)
_FORMAT_WEIGHTS = (("online", 70), ("both", 20), ("in-person", 10))


def _pick(rng: random.Random, values, noise: float, usual):
    return usual if rng.random() >= noise else rng.choice(values)


def _process(rng: random.Random, country) -> dict:
    code, _region, _langs, _offset, structure, capacity = country
    return {
        "country": country,
        "context": Context(
            political_structure=_pick(
                rng, CONTEXT_VALUES["political_structure"][:3], 0.1, structure
            ),
            state_capacity=_pick(rng, CONTEXT_VALUES["state_capacity"], 0.3, capacity),
            territorial_level=rng.choice(("neighbourhood", "municipal", "municipal", "regional")),
            decision_model=rng.choice(CONTEXT_VALUES["decision_model"]),
            resources=rng.choice(CONTEXT_VALUES["resources"]),
            population_band=rng.choice(CONTEXT_VALUES["population_band"]),
            years_running=rng.choice(CONTEXT_VALUES["years_running"]),
        ),
        "stage": rng.choice(STAGES),
        "challenges": rng.sample(CHALLENGES, 2),
        "outcomes": rng.sample(OUTCOMES, 3),
        # Some countries span several zones (e.g. the US); a process sits in one of them.
        "offset": country[3] - (rng.choice((0, 60, 120, 180)) if code in ("US", "CA") else 0),
    }


def generate_members(
    n: int, seed: int = 0, *, consent_rate: float = 0.9, per_process: int = 12
) -> list[Member]:
    """Return ``n`` realistic synthetic members with ids ``1..n``, the same for a given seed.

    About ``per_process`` members share each PB process (context, stage, challenges);
    roles, languages (local plus often English), formats and consent vary per member.
    """
    rng = random.Random(seed)
    processes = [_process(rng, rng.choice(COUNTRIES)) for _ in range(max(1, n // per_process))]
    members = []
    for member_id in range(1, n + 1):
        process = rng.choice(processes)
        code, region, langs, _, _, _ = process["country"]
        languages = set(langs[:1] if rng.random() < 0.5 else langs)
        if rng.random() < 0.45:
            languages.add("en")
        context = process["context"]
        if rng.random() < 0.2:
            # A member from a different process of the same country: context drifts a little.
            context = Context(
                **{
                    **context.__dict__,
                    "decision_model": rng.choice(CONTEXT_VALUES["decision_model"]),
                }
            )
        challenges = set(process["challenges"][: rng.randint(1, 2)])
        if rng.random() < 0.4:
            challenges.add(rng.choice(CHALLENGES))
        outcomes = set(rng.sample(process["outcomes"], rng.randint(1, 3)))
        if rng.random() < 0.3:
            outcomes.add(rng.choice(OUTCOMES))
        members.append(
            Member(
                id=member_id,
                role=rng.choices(ROLES, weights=_ROLE_WEIGHTS)[0],
                stage=_pick(rng, STAGES, 0.25, process["stage"]),
                languages=frozenset(languages),
                utc_offset_minutes=process["offset"],
                context=context,
                challenges=frozenset(challenges),
                priority_outcomes=frozenset(outcomes),
                format=rng.choices(*zip(*_FORMAT_WEIGHTS, strict=True))[0],
                country=code,
                region=region,
                consent=rng.random() < consent_rate,
            )
        )
    return members
