"""Member profiles as plain data, the similarity between two members, and why they match.

Pure Python: no Django import (a test enforces this). The Django side converts its
profile rows into :class:`Member` values and passes translated labels in ``labels``.

Similarity of members *a* and *b* under :class:`Weights` ``w`` is the weighted mean

    sim(a, b) = (w.role·R + w.stage·S + w.context·C + w.challenges·H + w.outcomes·O)
                / (w.role + w.stage + w.context + w.challenges + w.outcomes)

with every component in [0, 1], so ``sim`` is in [0, 1] and symmetric:

- R, role: 1 if both have the same role, else 0.
- S, stage: 1 for the same PB stage, 1/2 for neighbouring stages of the cycle
  (implementation is followed by the next cycle's planning), else 0.
- C, context: over the context attributes known for at least one of the two, the mean of
  1 for equal values, 1/2 for neighbouring values of an ordered attribute (state capacity,
  territorial level, resources, population band, years running), else 0. An attribute
  that neither member filled in is skipped; one that only one filled in counts as 0,
  because missing information never counts as agreement.
- H, challenges and O, priority outcomes: the Jaccard index |A ∩ B| / |A ∪ B| (0 when
  both are empty).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields

from matching.exceptions import InvalidMember, InvalidWeights
from pbexchange.slugs import CONTEXT_VALUES as PROCESS_CONTEXT_VALUES
from pbexchange.slugs import MEETING_FORMATS, STAGES
from pbexchange.slugs import ORDERED_CONTEXT_ATTRIBUTES as ORDERED_PROCESS_ATTRIBUTES

# The process context of pbexchange.slugs plus two bands matching derives from a member's numbers
# (population served, years running), all ordered low to high.
CONTEXT_VALUES: dict[str, tuple[str, ...]] = {
    **PROCESS_CONTEXT_VALUES,
    "population_band": ("under-50k", "50k-250k", "250k-1m", "1m-5m", "over-5m"),
    "years_running": ("first-cycle", "2-4-years", "5-9-years", "10-plus-years"),
}
ORDERED_CONTEXT_ATTRIBUTES = ORDERED_PROCESS_ATTRIBUTES | {"population_band", "years_running"}


def label_for(slug: str, labels: Mapping[str, str] | None = None) -> str:
    """Return the human label of ``slug``: from ``labels`` (the Django side passes translated
    ones), else the slug in words."""
    if labels is not None and slug in labels:
        return labels[slug]
    return slug.replace("-", " ").replace("_", " ")


@dataclass(frozen=True)
class Context:
    """The context of a member's PB process; ``None`` means not filled in."""

    political_structure: str | None = None
    state_capacity: str | None = None
    territorial_level: str | None = None
    decision_model: str | None = None
    resources: str | None = None
    population_band: str | None = None
    years_running: str | None = None

    def items(self) -> tuple[tuple[str, str | None], ...]:
        """Return ``(attribute, value)`` pairs in a fixed order."""
        return tuple((f.name, getattr(self, f.name)) for f in fields(self))


CONTEXT_ATTRIBUTES = tuple(f.name for f in fields(Context))
# Reasons name the most telling shared context attributes first, and at most this many.
REASON_CONTEXT_ORDER = (
    "territorial_level",
    "political_structure",
    "decision_model",
    "state_capacity",
    "resources",
    "population_band",
    "years_running",
)
MAX_CONTEXT_IN_REASON = 4


@dataclass(frozen=True)
class Member:
    """One member's matching profile, as plain data.

    ``languages``, ``challenges`` and ``priority_outcomes`` accept any iterable of slugs
    and are stored as frozensets. ``utc_offset_minutes`` is the member's current offset
    from UTC. ``format`` is ``"online"``, ``"in-person"`` or ``"both"``. ``consent`` is
    off by default, as on the profile: members who did not opt in are never placed.
    """

    id: int
    role: str
    stage: str
    languages: frozenset[str]
    utc_offset_minutes: int = 0
    context: Context = field(default_factory=Context)
    challenges: frozenset[str] = frozenset()
    priority_outcomes: frozenset[str] = frozenset()
    format: str = "online"
    country: str = ""
    region: str = ""
    consent: bool = False

    def __post_init__(self) -> None:
        # Frozen, so coercion goes through object.__setattr__; the caller's objects are
        # only read, never changed.
        for name in ("languages", "challenges", "priority_outcomes"):
            value = getattr(self, name)
            if not isinstance(value, frozenset):
                object.__setattr__(self, name, frozenset(value))
        if self.format not in MEETING_FORMATS:
            raise InvalidMember(f"member {self.id}: format must be one of {MEETING_FORMATS}")


@dataclass(frozen=True)
class Weights:
    """Relative importance of each similarity component; non-negative, not all zero.

    Staff tune these in the admin; only their ratios matter.
    """

    role: float = 3.0
    stage: float = 3.0
    context: float = 2.0
    challenges: float = 1.0
    outcomes: float = 1.0

    def __post_init__(self) -> None:
        values = [self.role, self.stage, self.context, self.challenges, self.outcomes]
        if any(v < 0 for v in values) or sum(values) <= 0:
            raise InvalidWeights("weights must be non-negative and not all zero")


class SimilarityFunction:
    """Fast similarity between members of one batch, for the algorithm's inner loops.

    Members are encoded once into small tuples of integers; ``pair(i, j)`` takes
    positions in ``members`` and returns exactly ``similarity(members[i], members[j])``.
    """

    def __init__(self, members: Sequence[Member], weights: Weights) -> None:
        total = weights.role + weights.stage + weights.context + weights.challenges
        total += weights.outcomes
        self._w = (
            weights.role / total,
            weights.stage / total,
            weights.context / total,
            weights.challenges / total,
            weights.outcomes / total,
        )
        codes: dict[str, int] = {}
        self._bits: dict[str, int] = {}
        self._context_ids: dict[Context, int] = {}
        self._contexts: list[Context] = []
        self._context_cache: dict[tuple[int, int], float] = {}
        self.encoded = [self._encode(m, codes) for m in members]

    def _mask(self, slugs: Iterable[str]) -> int:
        mask = 0
        for slug in slugs:
            bit = self._bits.setdefault(slug, len(self._bits))
            mask |= 1 << bit
        return mask

    def _encode(self, m: Member, codes: dict[str, int]) -> tuple[int, int, int, int, int]:
        role = codes.setdefault("role:" + m.role, len(codes))
        stage = (
            STAGES.index(m.stage)
            if m.stage in STAGES
            else -1 - codes.setdefault("stage:" + m.stage, len(codes))
        )
        context = self._context_ids.get(m.context)
        if context is None:
            context = self._context_ids[m.context] = len(self._contexts)
            self._contexts.append(m.context)
        return (role, stage, context, self._mask(m.challenges), self._mask(m.priority_outcomes))

    def _context_similarity(self, a: int, b: int) -> float:
        if a == b:
            known = any(v is not None for _, v in self._contexts[a].items())
            return 1.0 if known else 0.0
        key = (a, b) if a < b else (b, a)
        cached = self._context_cache.get(key)
        if cached is None:
            cached = self._context_cache[key] = context_similarity(
                self._contexts[a], self._contexts[b]
            )
        return cached

    def encoded_pair(self, ea: tuple, eb: tuple) -> float:
        """Similarity of two encoded members."""
        wr, ws, wc, wh, wo = self._w
        s = wr if ea[0] == eb[0] else 0.0
        sa, sb = ea[1], eb[1]
        if sa == sb:
            s += ws
        elif sa >= 0 and sb >= 0 and (abs(sa - sb) == 1 or abs(sa - sb) == len(STAGES) - 1):
            s += ws * 0.5
        if wc:
            s += wc * self._context_similarity(ea[2], eb[2])
        if wh:
            union = ea[3] | eb[3]
            if union:
                s += wh * (ea[3] & eb[3]).bit_count() / union.bit_count()
        if wo:
            union = ea[4] | eb[4]
            if union:
                s += wo * (ea[4] & eb[4]).bit_count() / union.bit_count()
        return s

    def pair(self, i: int, j: int) -> float:
        """Similarity of ``members[i]`` and ``members[j]``."""
        return self.encoded_pair(self.encoded[i], self.encoded[j])


def context_similarity(a: Context, b: Context) -> float:
    """Return the context component C in [0, 1] (see the module docstring)."""
    total = 0.0
    count = 0
    for name in CONTEXT_ATTRIBUTES:
        va, vb = getattr(a, name), getattr(b, name)
        if va is None and vb is None:
            continue
        count += 1
        if va is None or vb is None:
            continue
        if va == vb:
            total += 1.0
        elif name in ORDERED_CONTEXT_ATTRIBUTES:
            order = CONTEXT_VALUES[name]
            if va in order and vb in order and abs(order.index(va) - order.index(vb)) == 1:
                total += 0.5
    return total / count if count else 0.0


def similarity(a: Member, b: Member, weights: Weights | None = None) -> float:
    """Return how alike members ``a`` and ``b`` are, in [0, 1] (see the module docstring).

    Symmetric; a member compared with an identical profile scores 1 only if every
    component is fully known and equal.
    """
    fn = SimilarityFunction((a, b), weights or Weights())
    return fn.pair(0, 1)


def _join(labels: Iterable[str]) -> str:
    return ", ".join(labels)


def describe_cohort(
    members: Sequence[Member],
    *,
    labels: Mapping[str, str] | None = None,
    common_languages: Iterable[str] = (),
) -> str:
    """Explain in plain language why ``members`` form a cohort (what most of them share).

    E.g. "everyone at stage: project selection; 4 of 6 with role: PB team lead; most share
    context: municipal, direct vote; common language: Spanish".
    """
    n = len(members)
    parts: list[str] = []
    if n:
        half = n // 2 + 1 if n > 2 else n

        def most_common(values: list[str]) -> tuple[str, int]:
            counts: dict[str, int] = {}
            for v in values:
                counts[v] = counts.get(v, 0) + 1
            return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))

        for what, values in (
            ("stage", [m.stage for m in members]),
            ("role", [m.role for m in members]),
        ):
            value, count = most_common(values)
            if count == n:
                parts.append(f"everyone at {what}: {label_for(value, labels)}")
            elif count >= half:
                parts.append(f"{count} of {n} with {what}: {label_for(value, labels)}")
        shared = []
        for name in REASON_CONTEXT_ORDER:
            values = [getattr(m.context, name) for m in members if getattr(m.context, name)]
            if values:
                value, count = most_common(values)
                if count >= half:
                    shared.append(label_for(value, labels))
        if shared:
            parts.append(f"most share context: {_join(shared[:MAX_CONTEXT_IN_REASON])}")
        challenges = [c for m in members for c in sorted(m.challenges)]
        if challenges:
            value, count = most_common(challenges)
            if count >= half:
                parts.append(f"common challenge: {label_for(value, labels)}")
    languages = sorted(common_languages)
    if languages:
        parts.append(f"common language: {_join(label_for(lang, labels) for lang in languages)}")
    return "; ".join(parts) or "members who share a language and a compatible time zone"


def describe_match(
    member: Member,
    peers: Sequence[Member],
    *,
    labels: Mapping[str, str] | None = None,
    common_languages: Iterable[str] = (),
) -> str:
    """Explain in plain language what ``member`` has in common with ``peers``.

    A feature is named when at least half of the peers share it with the member, e.g.
    "same stage: project selection; same role: PB team lead; similar context: municipal,
    consolidated democracy, direct vote". ``labels`` maps slugs to (translated) labels;
    slugs without one get a default label. ``common_languages`` adds "common language: …".
    """
    peers = [p for p in peers if p.id != member.id]
    parts: list[str] = []
    if peers:
        half = (len(peers) + 1) // 2

        def share(count: int, what: str, value: str) -> None:
            if count == len(peers):
                parts.append(f"same {what}: {value}")
            elif count >= half:
                parts.append(f"same {what} as {count} of {len(peers)} peers: {value}")

        share(sum(p.stage == member.stage for p in peers), "stage", label_for(member.stage, labels))
        share(sum(p.role == member.role for p in peers), "role", label_for(member.role, labels))
        shared_context = [
            label_for(value, labels)
            for name in REASON_CONTEXT_ORDER
            if (value := getattr(member.context, name)) is not None
            and sum(getattr(p.context, name) == value for p in peers) >= half
        ][:MAX_CONTEXT_IN_REASON]
        if shared_context:
            parts.append(f"similar context: {_join(shared_context)}")
        shared_challenges = sorted(
            c for c in member.challenges if sum(c in p.challenges for p in peers) >= half
        )
        if shared_challenges:
            parts.append(
                f"shared challenges: {_join(label_for(c, labels) for c in shared_challenges)}"
            )
        shared_outcomes = sorted(
            o
            for o in member.priority_outcomes
            if sum(o in p.priority_outcomes for p in peers) >= half
        )
        if shared_outcomes:
            parts.append(
                f"same priority outcomes: {_join(label_for(o, labels) for o in shared_outcomes)}"
            )
    languages = sorted(common_languages)
    if languages:
        parts.append(f"common language: {_join(label_for(lang, labels) for lang in languages)}")
    if not parts:
        parts.append("closest available peers who share a language and a compatible time zone")
    return "; ".join(parts)


@dataclass(frozen=True)
class ScorePart:
    """One component's share of a similarity score, and what earned it.

    ``weight`` is the component's share of the total (the weights normalised to sum to 1),
    ``agreement`` in [0, 1] how far the two members agree on it, ``points`` their product;
    the parts of a pair's score add up to :func:`similarity`. ``shared`` names what both
    have (slugs); ``near`` what is one step apart and counts half (neighbouring stages,
    neighbouring values of an ordered context attribute).
    """

    component: str
    weight: float
    agreement: float
    shared: tuple[str, ...] = ()
    near: tuple[str, ...] = ()

    @property
    def points(self) -> float:
        return self.weight * self.agreement


def _neighbouring_stages(a: str, b: str) -> bool:
    if a not in STAGES or b not in STAGES:
        return False
    gap = abs(STAGES.index(a) - STAGES.index(b))
    return gap in (1, len(STAGES) - 1)


def similarity_parts(a: Member, b: Member, weights: Weights | None = None) -> list[ScorePart]:
    """Break ``similarity(a, b)`` into its weighted components (role, stage, context,
    challenges, outcomes), each with what the two share, for explaining a ranking.

    ``shared`` holds the values both have, ``near`` ``b``'s values one step from ``a``'s; the
    sum of ``points`` equals ``similarity(a, b, weights)``.
    """
    w = weights or Weights()
    total = w.role + w.stage + w.context + w.challenges + w.outcomes
    parts = [ScorePart("role", w.role / total, 1.0 if a.role == b.role else 0.0,
                       shared=(a.role,) if a.role == b.role else ())]
    if a.stage == b.stage:
        parts.append(ScorePart("stage", w.stage / total, 1.0, shared=(a.stage,)))
    elif _neighbouring_stages(a.stage, b.stage):
        parts.append(ScorePart("stage", w.stage / total, 0.5, near=(b.stage,)))
    else:
        parts.append(ScorePart("stage", w.stage / total, 0.0))
    shared_context, near_context = [], []
    for name in REASON_CONTEXT_ORDER:
        va, vb = getattr(a.context, name), getattr(b.context, name)
        if va is None or vb is None:
            continue
        if va == vb:
            shared_context.append(va)
        elif name in ORDERED_CONTEXT_ATTRIBUTES:
            order = CONTEXT_VALUES[name]
            if va in order and vb in order and abs(order.index(va) - order.index(vb)) == 1:
                near_context.append(vb)
    parts.append(ScorePart("context", w.context / total, context_similarity(a.context, b.context),
                           shared=tuple(shared_context), near=tuple(near_context)))
    for component, mine, theirs, weight in (
        ("challenges", a.challenges, b.challenges, w.challenges),
        ("outcomes", a.priority_outcomes, b.priority_outcomes, w.outcomes),
    ):
        union = mine | theirs
        common = mine & theirs
        parts.append(ScorePart(component, weight / total,
                               len(common) / len(union) if union else 0.0,
                               shared=tuple(sorted(common))))
    return parts
