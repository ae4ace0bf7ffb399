"""Why each project won or lost, where the money left went, what each voter paid.

:func:`explain` takes an election and a rule's result and returns an :class:`Explanation`:
one :class:`ProjectExplanation` per project (funded or not) with the exact figures, a reason
code ``kind`` and an English ``sentence``; a :class:`LeftoverExplanation` for the money not
granted; for Equal Shares also the rounds, every project's effective support, what would
have made a losing project win, and what each group of identical ballots paid.

The ``kind`` codes and the figures are there so that another layer (the website, in another
language) can build its own sentences; ``sentence`` is the English one. Money in sentences
goes through :func:`calculator.money.format_money` with the result's currency symbol.

Kinds: ``unsupported`` (nobody voted for it), ``greedy_funded``, ``greedy_too_expensive``,
``rr_funded``, ``rr_offer_accepted``, ``rr_offer_declined``, ``rr_below_threshold``,
``rr_round_closed`` (no money left, or an accepted offer ended the round, before its
turn), ``mes_funded``, ``mes_free`` (costs nothing, funded before the rounds),
``mes_completion_funded`` (added by add1's greedy completion), ``mes_short`` (not funded:
its supporters could not cover it), ``mes_tie_lost`` (not funded: it tied at its best
moment and lost the tie-break), ``mes_zero_cost_not_funded``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

from .equal_shares_trace import EqualSharesTrace, Sighting, count_voters, trace_equal_shares
from .exceptions import CalculatorError
from .model import Election
from .money import format_money, format_percent
from .result import Allocation
from .tiebreaking import BY_PROJECT_ID, TieBreaking, explicit_order

CENT = Decimal("0.01")


class ExplanationError(CalculatorError):
    """The result cannot be explained from this election (it was counted on other ballots,
    or with a tie-break order that was not given)."""


@dataclass
class ProjectExplanation:
    """Why one project was or was not funded, with the exact figures.

    Common: ``project`` (id), ``name``, ``cost``, ``kind`` (reason code, see the module),
    ``funded`` and ``amount`` (granted), ``score`` and ``score_unit`` (votes, points, rank
    points or supporters), ``rank`` (1 = most support; None if unsupported), ``tie`` (the
    projects it tied with, itself included, when the tie mattered), ``sentence``.
    Greedy and Rank and Rearrange: ``money_left`` when its turn came. Equal Shares:
    ``round`` it was funded in, ``supporters``, ``max_payment`` (the most one supporter
    paid) and ``total_paid``; ``effective_support`` (Fraction, 1 = 100%); for a project
    not funded: ``best_round`` (the round where it came closest; None: after the last
    round), ``could_pay`` (what its supporters could pay then), ``shortfall``,
    ``largest_winning_cost`` (exact supremum of the costs at which it would have been
    funded), ``winning_cost_in_cents`` (the largest whole-cent such cost) and
    ``additional_supporters``; see :func:`explain` for their precise meaning.
    """

    project: str
    name: str
    cost: Decimal
    kind: str
    funded: bool
    amount: Decimal
    score: int | Decimal | None
    score_unit: str
    rank: int | None
    sentence: str = ""
    money_left: Decimal | None = None
    tie: list[str] = field(default_factory=list)
    round: int | None = None
    supporters: int | None = None
    max_payment: Fraction | None = None
    total_paid: Fraction | None = None
    effective_support: Fraction | None = None
    best_round: int | None = None
    could_pay: Fraction | None = None
    shortfall: Fraction | None = None
    largest_winning_cost: Fraction | None = None
    winning_cost_in_cents: Decimal | None = None
    additional_supporters: int | None = None

    @property
    def effective_support_percent(self) -> str | None:
        """The effective support as a percentage rounded down to one decimal ("54.3%")."""
        return None if self.effective_support is None else percent(self.effective_support)


@dataclass
class LeftoverExplanation:
    """Why money was left: ``amount``, ``kind`` (``none``, ``donated``, ``nothing_fits``,
    ``supporters_short``), the ``closest`` project (id) and its ``shortfall`` (for greedy,
    Rank and Rearrange and add1: its cost minus the money left; for Equal Shares without
    completion: its cost minus what its supporters still held), ``sentence``."""

    amount: Decimal
    kind: str
    closest: str | None = None
    shortfall: Fraction | Decimal | None = None
    sentence: str = ""


@dataclass
class RoundExplanation:
    """One Equal Shares round: ``number``, the ``project`` funded, its ``supporters``, the
    ``max_payment`` of one supporter, ``price`` (ρ: money per unit of utility), ``tied``
    (the projects equally affordable, winner first; empty without a tie), ``sentence``."""

    number: int
    project: str
    supporters: int
    max_payment: Fraction
    price: Fraction
    tied: list[str]
    sentence: str = ""


@dataclass
class BallotPayment:
    """What one voter with a given ballot paid under Equal Shares: ``ballot`` (the project
    ids), ``voters`` (how many cast that same set; 0 if nobody), ``payments`` ({project id:
    amount}), ``total``, ``share`` (each voter's starting budget), ``sentence``."""

    ballot: tuple[str, ...]
    voters: int
    payments: dict[str, Fraction]
    total: Fraction
    share: Fraction
    sentence: str = ""


@dataclass
class Explanation:
    """Everything :func:`explain` found. ``projects``: one per project, funded first in the
    order funded, then by rank; ``leftover``; ``rounds`` (Equal Shares only); ``per_voter``
    (Equal Shares: each voter's starting budget); ``trace`` (the Equal Shares replay)."""

    rule: str
    currency: str
    projects: list[ProjectExplanation]
    leftover: LeftoverExplanation
    rounds: list[RoundExplanation] = field(default_factory=list)
    per_voter: Fraction | None = None
    trace: EqualSharesTrace | None = field(default=None, repr=False)

    def project(self, project_id: str) -> ProjectExplanation:
        """The explanation of one project (KeyError if unknown)."""
        for item in self.projects:
            if item.project == project_id:
                return item
        raise KeyError(project_id)

    @property
    def sentences(self) -> list[str]:
        """Every project's sentence, then the leftover's."""
        return [item.sentence for item in self.projects] + [self.leftover.sentence]

    def voter_groups(self) -> list[BallotPayment]:
        """Equal Shares: every group of identical ballots (as sets of projects) and what each
        of its voters paid, largest groups first. Never names a voter."""
        trace = self._need_trace()
        groups = [self._payment(tuple(sorted(ballot)), voters, paid)
                  for ballot, voters, paid in trace.group_payments()]
        groups.sort(key=lambda item: (-item.voters, item.ballot))
        return groups

    def ballot_payment(self, ballot: Iterable[str]) -> BallotPayment:
        """Equal Shares: what a voter who supported exactly the projects in ``ballot`` paid
        (a voter looks up their own ballot by entering it; order and repeats do not matter)."""
        trace = self._need_trace()
        ids = tuple(sorted(set(map(str, ballot))))
        g = trace.group_index.get(frozenset(ids))
        voters = trace.group_sizes[g] if g is not None else 0
        paid = trace.ballot_payments(ids)
        unknown = [pid for pid in ids if pid not in trace.election.projects]
        if unknown:
            raise ExplanationError(f"unknown project(s): {', '.join(unknown)}")
        return self._payment(ids, voters, paid)

    def _need_trace(self) -> EqualSharesTrace:
        if self.trace is None:
            raise ExplanationError("voters pay for projects only under Equal Shares")
        return self.trace

    def _payment(self, ids, voters, paid) -> BallotPayment:
        total = sum(paid.values(), Fraction(0))
        share = self.per_voter or Fraction(0)
        money = lambda amount: format_money(amount, self.currency)  # noqa: E731
        if not voters:
            sentence = (f"Nobody cast a ballot supporting exactly {_list(ids) or 'no project'}, "
                        f"so there is nothing to show")
        elif paid:
            parts = ", ".join(f"{money(amount)} for {pid}" for pid, amount in paid.items())
            sentence = (f"A voter who supported {_list(ids)} paid {parts}: {money(total)} of "
                        f"their {money(share)} share")
        else:
            sentence = (f"A voter who supported {_list(ids) or 'no project'} paid nothing: "
                        f"none of those projects was funded in the Equal Shares rounds")
        if voters:
            sentence += f" ({voters:,} voter{'s' if voters != 1 else ''} cast exactly this ballot)"
        return BallotPayment(ids, voters, dict(paid), total, share, sentence + ".")


def explain(election: Election, result: Allocation, *,
            tie_break: Sequence[str] | None = None) -> Explanation:
    """Explain ``result`` (from :func:`calculator.allocate`) on ``election``.

    ``tie_break``: the tie-break order the count used, if one was given (the default is
    project id order). Works for ``greedy``, ``rank-and-rearrange`` and ``mes``; raises
    :class:`ExplanationError` for other rules or when the replay disagrees with the result.

    Equal Shares figures, all exact, at the starting budget per voter the count used (for
    add1, the raised one), reading every ballot as approving the projects it lists:

    * ``effective_support``: pabutools' ``calculate_effective_support``: over the rounds of
      the rule's run without the project, the most that its supporters could pay at the
      round's price (each min(budget after the round, price × utility)), and after the last
      round all they hold, divided by its cost; at least 100% for a funded project. For a
      project not funded that run is the count's own, so one replay gives it; for a funded
      project the run is continued without it from the round it won (one partial run each).
    * ``largest_winning_cost``: the largest cost at which the project, with everything else
      unchanged, would have been funded: the largest over the rounds of the costs at which it
      would have won that round (been at least as affordable as the round's winner, ties by
      the tie-break order) with the budgets its supporters held before the round, and of all
      they held after the last round. Rounds before it wins are the same at any cost, so that
      is exact. ``winning_cost_in_cents`` is the largest whole-cent cost of that kind.
    * ``additional_supporters``: the fewest more supporters with which it would have won some
      round (or been affordable after the last), each new supporter able to pay, at that
      round's price, what its current supporters could pay on average then (so that n
      supporters who could pay C become n + k who can pay C·(n + k)/n), everything else
      unchanged (the newcomers' money is not counted in anyone's starting budget).
    """
    rule = result.rule
    tie_breaking = explicit_order(list(tie_break)) if tie_break else BY_PROJECT_ID
    if rule == "greedy":
        return _explain_greedy(election, result, tie_breaking)
    if rule == "rank-and-rearrange":
        return _explain_rank_and_rearrange(election, result, tie_breaking)
    if rule == "mes":
        return _explain_equal_shares(election, result, tie_breaking)
    raise ExplanationError(f"no explanation for the {rule} rule")


def explanation_to_dict(explanation: Explanation, *, voter_groups: bool = False) -> dict:
    """A JSON-ready dict: money and fractions as decimal strings (exact fractions also as
    "p/q" under ``*_exact``), percentages as text; with ``voter_groups`` also every group
    of identical ballots and what it paid (Equal Shares)."""
    projects = []
    for item in explanation.projects:
        row = {key: _json(value) for key, value in asdict(item).items()}
        for key in ("max_payment", "total_paid", "effective_support", "could_pay", "shortfall",
                    "largest_winning_cost"):
            value = getattr(item, key)
            if isinstance(value, Fraction):
                row[f"{key}_exact"] = f"{value.numerator}/{value.denominator}"
        row["effective_support_percent"] = item.effective_support_percent
        projects.append(row)
    data = {
        "rule": explanation.rule,
        "projects": projects,
        "leftover": {key: _json(value) for key, value in asdict(explanation.leftover).items()},
        "rounds": [{key: _json(value) for key, value in asdict(item).items()}
                   for item in explanation.rounds],
        "per_voter": _json(explanation.per_voter),
    }
    if voter_groups and explanation.trace is not None:
        data["voter_groups"] = [
            {"ballot": list(group.ballot), "voters": group.voters,
             "payments": {pid: _json(amount) for pid, amount in group.payments.items()},
             "total": _json(group.total)}
            for group in explanation.voter_groups()
        ]
    return data


# -- shared helpers ------------------------------------------------------------------------


def percent(value: Fraction) -> str:
    """A fraction as a percentage rounded down to one decimal: 0.54321 -> "54.3%"."""
    tenths = math.floor(value * 1000)
    return f"{tenths // 10}.{tenths % 10}%"


def cents_down(value: Fraction) -> Decimal:
    """The largest whole-cent amount not above ``value``."""
    return Decimal(math.floor(value * 100)) / 100


def _json(value):
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
        return format(exact.quantize(Decimal("0.0000001"), rounding=ROUND_DOWN).normalize(), "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    return value


def _label(election: Election, pid: str) -> str:
    project = election.projects.get(pid)
    name = project.name if project is not None else ""
    return f"{name} ({pid})" if name and name != pid else pid


def _list(ids) -> str:
    return ", ".join(ids)


def _ordinal_rank(rank: int, of: int) -> str:
    return f"rank {rank} of {of}"


def _units(score, unit: str) -> str:
    text = f"{score:,}" if isinstance(score, int) else f"{score}"
    if unit in ("votes", "supporters", "points", "rank points") and score == 1:
        unit = {"votes": "vote", "supporters": "supporter", "points": "point",
                "rank points": "rank point"}[unit]
    return f"{text} {unit}"


def _order(election: Election, scores: dict, tie_breaking: TieBreaking) -> list[str]:
    return sorted((pid for pid in election.projects if scores.get(pid, 0) > 0),
                  key=lambda pid: (-scores[pid], tie_breaking.key(pid)))


def _ties_by_project(result: Allocation) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for group in result.ties:
        for pid in group:
            found.setdefault(pid, list(group))
    return found


def _tie_note(item: ProjectExplanation, election, scores, unit, tie_breaking) -> str:
    if not item.tie:
        return ""
    others = [_label(election, p) for p in item.tie if p != item.project]
    return (f" It tied with {_list(others)} on {_units(scores[item.project], unit)}; the tie "
            f"was broken by {tie_breaking.description} and is flagged for an official.")


def _sorted_explanations(items: list[ProjectExplanation], result: Allocation):
    funded_order = {pid: k for k, pid in enumerate(result.selected)}
    return sorted(items, key=lambda item: (
        0 if item.project in funded_order else 1,
        funded_order.get(item.project, 0),
        item.rank if item.rank is not None else math.inf,
        item.project,
    ))


def _check_replay(selected: list[str], result: Allocation, what: str) -> None:
    if list(selected) != list(result.selected):
        raise ExplanationError(
            f"replaying {what} on this election funds {_list(selected) or 'nothing'}, but the "
            f"result funds {_list(result.selected) or 'nothing'}: explain the result with the "
            "election and tie-break order it was counted with"
        )


# -- greedy ------------------------------------------------------------------------------


def _greedy_unit(election: Election, result: Allocation) -> str:
    if result.options.get("support") == "approval" or election.vote_type in ("approval",
                                                                             "choose-1"):
        return "votes"
    if election.vote_type in ("cumulative", "scoring"):
        return "points"
    return "rank points"


def _explain_greedy(election: Election, result: Allocation, tie_breaking) -> Explanation:
    symbol = result.currency
    money = lambda amount: format_money(amount, symbol)  # noqa: E731
    scores = result.scores
    unit = _greedy_unit(election, result)
    ordered = _order(election, scores, tie_breaking)
    ties = _ties_by_project(result)
    left = election.budget
    selected = []
    items = []
    for rank, pid in enumerate(ordered, start=1):
        cost = election.projects[pid].cost
        head = (f"{_label(election, pid)} had {_units(scores[pid], unit)} "
                f"({_ordinal_rank(rank, len(ordered))})")
        item = ProjectExplanation(pid, election.projects[pid].name, cost, "", False,
                                  Decimal(0), scores[pid], unit, rank, money_left=left,
                                  tie=ties.get(pid, []))
        if cost <= left:
            selected.append(pid)
            item.kind, item.funded, item.amount = "greedy_funded", True, cost
            item.sentence = (f"{head}; it cost {money(cost)} and {money(left)} remained when "
                             f"its turn came: funded.")
            left -= cost
        else:
            item.kind = "greedy_too_expensive"
            remained = f"only {money(left)} remained" if left else "no money remained"
            item.sentence = (f"{head}; it needed {money(cost)} but {remained} when its turn "
                             f"came: not funded.")
        item.sentence += _tie_note(item, election, scores, unit, tie_breaking)
        items.append(item)
    _check_replay(selected, result, "greedy")
    items += _unsupported(election, scores, unit)
    leftover = _leftover_cheapest(election, result, [i for i in items if not i.funded
                                                     and i.kind != "unsupported"])
    return Explanation(result.rule, symbol, _sorted_explanations(items, result), leftover)


def _unsupported(election, scores, unit) -> list[ProjectExplanation]:
    items = []
    nobody = {"votes": "no votes", "points": "no points", "rank points": "no rank points",
              "supporters": "no supporters"}[unit]
    for pid, project in election.projects.items():
        if scores.get(pid, 0) <= 0:
            items.append(ProjectExplanation(
                pid, project.name, project.cost, "unsupported", False, Decimal(0),
                scores.get(pid, 0), unit, None,
                sentence=f"{_label(election, pid)} had {nobody}: never funded.",
            ))
    return items


def _leftover_cheapest(election, result, unfunded) -> LeftoverExplanation:
    """The money left, and the cheapest project not funded (supported) with its shortfall."""
    symbol = result.currency
    money = lambda amount: format_money(amount, symbol)  # noqa: E731
    amount = result.leftover
    donated = sum(result.donations.values(), Decimal(0))
    parts = []
    if donated:
        shares = "; ".join(f"{money(v)} to {k}" for k, v in result.donations.items())
        parts.append(f"{money(donated)} that no project could use was given away: {shares}.")
    left_before_gifts = amount + donated
    if not left_before_gifts:
        return LeftoverExplanation(amount, "none", sentence="The whole budget was granted.")
    candidates = sorted(unfunded, key=lambda item: (item.cost, item.project))
    if not candidates:
        sentence = (f"{money(left_before_gifts)} was left: every project with support was "
                    f"funded.")
        return LeftoverExplanation(amount, "donated" if donated else "nothing_fits",
                                   sentence=" ".join([sentence, *parts]))
    closest = candidates[0]
    shortfall = closest.cost - left_before_gifts
    if shortfall > 0:
        sentence = (f"{money(left_before_gifts)} was left because no project still unfunded "
                    f"costs that little: the cheapest, {_label(election, closest.project)}, "
                    f"costs {money(closest.cost)} ({money(shortfall)} more).")
    else:  # Rank and Rearrange after an accepted offer, or a delegate who declined
        sentence = (f"{money(left_before_gifts)} was left; the cheapest project not funded, "
                    f"{_label(election, closest.project)}, costs {money(closest.cost)}: "
                    f"{closest.sentence}")
    return LeftoverExplanation(amount, "donated" if donated else "nothing_fits",
                               closest.project, shortfall, " ".join([sentence, *parts]))


# -- Rank and Rearrange ------------------------------------------------------------------


def _explain_rank_and_rearrange(election, result, tie_breaking) -> Explanation:
    symbol = result.currency
    money = lambda amount: format_money(amount, symbol)  # noqa: E731
    scores = result.scores
    unit = "points"
    threshold = Decimal(str(result.options.get("threshold", "0.75")))
    declined = set(result.options.get("declined") or ())
    share = format_percent(threshold, Decimal(1))
    ordered = _order(election, scores, tie_breaking)
    ties = _ties_by_project(result)
    left = election.budget
    selected = []
    items = []
    closed_by = None  # the project whose accepted offer ended the round
    for rank, pid in enumerate(ordered, start=1):
        cost = election.projects[pid].cost
        head = (f"{_label(election, pid)} had {_units(scores[pid], unit)} "
                f"({_ordinal_rank(rank, len(ordered))}) and costs {money(cost)}")
        item = ProjectExplanation(pid, election.projects[pid].name, cost, "", False,
                                  Decimal(0), scores[pid], unit, rank, money_left=left,
                                  tie=ties.get(pid, []))
        items.append(item)
        if left <= 0:
            item.kind = "rr_round_closed"
            why = (f"the offer to {_label(election, closed_by)} ended the round"
                   if closed_by else "no money remained")
            item.sentence = f"{head}; {why} before its turn: not funded."
            item.money_left = Decimal(0)
        elif cost <= left:
            selected.append(pid)
            item.kind, item.funded, item.amount = "rr_funded", True, cost
            item.sentence = f"{head}; {money(left)} remained when its turn came: fully funded."
            left -= cost
        else:
            ratio = format_percent(left, cost)
            if left >= threshold * cost:
                offer = (f"{head}; {money(left)} remained ({ratio} of its cost, ≥ {share}), so "
                         f"all of it was offered to its delegate")
                if pid in declined:
                    item.kind = "rr_offer_declined"
                    item.sentence = f"{offer}, who declined: not funded."
                else:
                    selected.append(pid)
                    item.kind, item.funded, item.amount = "rr_offer_accepted", True, left
                    item.sentence = (f"{offer}, who accepted {money(left)}: partly funded; the "
                                     f"round is complete.")
                    left = Decimal(0)
                    closed_by = pid
            else:
                item.kind = "rr_below_threshold"
                item.sentence = (f"{head}; only {money(left)} remained ({ratio} of its cost, "
                                 f"< {share}): not funded.")
        item.sentence += _tie_note(item, election, scores, unit, tie_breaking)
    _check_replay(selected, result, "Rank and Rearrange")
    items += _unsupported(election, scores, unit)
    for item in items:
        if item.kind == "unsupported":
            item.sentence = f"{_label(election, item.project)} was ranked by nobody: never funded."
    leftover = _leftover_cheapest(election, result, [i for i in items if not i.funded
                                                     and i.kind != "unsupported"])
    return Explanation(result.rule, symbol, _sorted_explanations(items, result), leftover)


# -- Equal Shares ------------------------------------------------------------------------


def equal_shares_start(election: Election, result: Allocation) -> tuple[Fraction, list[str]]:
    """(each voter's starting budget, projects funded by the Equal Shares rounds in order)
    for an Equal Shares result, from ``result.details`` when the rule filled it, else from
    its options (add1's ``budget_raises``) and a replay."""
    details = getattr(result, "details", None) or {}
    if "per_voter_budget" in details:
        return Fraction(details["per_voter_budget"]), list(details.get("equal_shares_order", ()))
    voters = count_voters(election)
    base = Fraction(election.budget) / voters if voters else Fraction(0)
    return base + int(result.options.get("budget_raises") or 0), []


def _explain_equal_shares(election, result, tie_breaking) -> Explanation:
    symbol = result.currency
    money = lambda amount: format_money(amount, symbol)  # noqa: E731
    utility = result.options.get("utility", "cost")
    completion = result.options.get("completion")
    per_voter, es_order = equal_shares_start(election, result)
    upfront_given = [pid for pid in es_order if election.projects[pid].cost == 0] if es_order \
        else [pid for pid in result.selected if election.projects[pid].cost == 0]
    trace = trace_equal_shares(election, utility=utility, per_voter=per_voter,
                               tie_breaking=tie_breaking, upfront=upfront_given)
    replayed = trace.upfront + [r.project for r in trace.rounds]
    if (es_order and es_order != replayed) or result.selected[:len(replayed)] != replayed or (
            not completion and len(replayed) != len(result.selected)):
        _check_replay(replayed, result, "Equal Shares")
    completed = result.selected[len(replayed):]
    rounds = {r.number: r for r in trace.rounds}
    ties = _ties_by_project(result)
    scores = {pid: trace.projects[pid].supporters for pid in election.projects}
    ranking = _order(election, scores, tie_breaking)
    rank_of = {pid: k for k, pid in enumerate(ranking, start=1)}
    share_text = money(per_voter)
    items: list[ProjectExplanation] = []
    completion_money = election.budget - sum(election.projects[p].cost for p in replayed)
    completion_turn = _completion_turns(election, trace, replayed, utility, tie_breaking)
    for pid, project in election.projects.items():
        info = trace.projects[pid]
        n = info.supporters
        item = ProjectExplanation(pid, project.name, project.cost, "", pid in result.funded,
                                  result.funded.get(pid, Decimal(0)), n, "supporters",
                                  rank_of.get(pid), supporters=n, tie=ties.get(pid, []),
                                  effective_support=info.effective_support)
        label = _label(election, pid)
        whom = f"its {_units(n, 'supporters')}"
        if n == 0:
            item.kind = "unsupported"
            item.effective_support = Fraction(0)
            item.sentence = f"{label} had no supporters: never funded."
        elif pid in trace.upfront:
            item.kind = "mes_free"
            item.sentence = f"{label} costs nothing and had support: funded before the rounds."
        elif info.funded_round is not None:
            r = rounds[info.funded_round]
            item.kind, item.round = "mes_funded", r.number
            item.max_payment, item.total_paid = r.max_payment, r.total_paid
            item.sentence = (
                f"{label} was funded in round {r.number} of {len(trace.rounds)}: {whom} paid its "
                f"{money(project.cost)} cost, none more than {money(r.max_payment)} "
                f"(effective support {item.effective_support_percent})."
            )
            if len(r.tied) > 1:
                others = [_label(election, p) for p in r.tied if p != pid]
                item.tie = list(r.tied)
                item.sentence += (f" It was exactly as affordable as {_list(others)} and won the "
                                  f"tie by {tie_breaking.description}.")
        elif project.cost == 0:
            item.kind = "mes_zero_cost_not_funded"
            item.sentence = (f"{label} costs nothing, so with cost utility it gives its "
                             f"supporters no satisfaction and Equal Shares does not fund it.")
        else:
            _explain_loss(item, election, trace, rounds, money,
                          "by the Equal Shares rounds" if completion else "")
            turn = completion_turn.get(pid)
            if pid in completed:
                item.kind = "mes_completion_funded"
                item.money_left = turn
                item.sentence += (f" The greedy completion then funded it: {money(turn)} of the "
                                  f"{money(completion_money)} left remained at its turn.")
            elif completion == "add1" and turn is not None:
                item.money_left = turn
                item.sentence += (f" When the {money(completion_money)} left was spent greedily, "
                                  f"only {money(turn)} remained at its turn.")
        items.append(item)
    round_items = []
    for r in trace.rounds:
        tied = list(r.tied) if len(r.tied) > 1 else []
        cost = election.projects[r.project].cost
        text = (f"Round {r.number}: {_label(election, r.project)} ({money(cost)}) funded by its "
                f"{_units(r.supporters, 'supporters')}, each paying at most "
                f"{money(r.max_payment)}")
        if tied:
            text += (f"; tied with {_list(p for p in tied if p != r.project)}, broken by "
                     f"{tie_breaking.description}")
        round_items.append(RoundExplanation(r.number, r.project, r.supporters, r.max_payment,
                                            r.rho, tied, text + "."))
    leftover = _leftover_equal_shares(election, result, trace, items, completion, money,
                                      share_text)
    explanation = Explanation(result.rule, symbol, _sorted_explanations(items, result), leftover,
                              round_items, per_voter, trace)
    return explanation


def _explain_loss(item: ProjectExplanation, election, trace: EqualSharesTrace, rounds, money,
                  by: str):
    """Fill the figures and sentence of a project the Equal Shares rounds did not fund."""
    info = trace.projects[item.project]
    cost = Fraction(item.cost)
    best: Sighting = max(info.sightings,
                         key=lambda s: (s.cover, -(s.round or len(trace.rounds) + 1)))
    item.best_round = best.round
    item.could_pay = best.cover
    item.shortfall = cost - best.cover
    label = _label(election, item.project) + " was not funded" + (f" {by}" if by else "")
    whom = f"its {_units(item.supporters, 'supporters')}"
    if best.round is None:
        moment = (f"after the last round {whom} still held {money(best.cover)}" if trace.rounds
                  else f"{whom} held {money(best.cover)} in all")
    else:
        r = rounds[best.round]
        moment = (f"in round {r.number}, when {_label(election, r.project)} was funded with no "
                  f"supporter paying more than {money(r.max_payment)}, {whom} could have paid "
                  f"{money(best.cover)} at that price")
    if item.shortfall <= 0:
        item.kind = "mes_tie_lost"
        head = (f"{label}: {moment}, enough for its {money(item.cost)} cost, but it "
                f"lost the tie by {trace.tie_breaking.description}")
    else:
        item.kind = "mes_short"
        head = (f"{label}: at its closest, {moment}, {money(item.shortfall)} short "
                f"of its {money(item.cost)} cost")
    item.sentence = f"{head} (effective support {item.effective_support_percent})."
    candidates = [(s.largest_cost, s.largest_cost_attained) for s in info.sightings
                  if s.largest_cost is not None and s.largest_cost > 0]
    if candidates:
        value, attained = max(candidates)
        item.largest_winning_cost = value
        cents = cents_down(value)
        if not attained and Fraction(cents) == value:
            cents -= CENT
        item.winning_cost_in_cents = cents if cents > 0 else None
    needed = [s.more_supporters for s in info.sightings if s.more_supporters is not None]
    item.additional_supporters = min(needed) if needed else None
    wins = []
    if item.winning_cost_in_cents is not None:
        wins.append(f"had it cost {money(item.winning_cost_in_cents)} or less")
    if item.additional_supporters:
        wins.append(f"with {item.additional_supporters:,} more supporter"
                    f"{'s' if item.additional_supporters != 1 else ''} like its current ones")
    if wins:
        subject = ("At the same starting budget per voter the rounds would have funded it" if by
                   else "It would have been funded")
        item.sentence += f" {subject} {' or '.join(wins)}."


def _completion_turns(election, trace, replayed, utility, tie_breaking) -> dict[str, Decimal]:
    """add1's greedy completion: the money left when each project not funded came up."""
    left = election.budget - sum(election.projects[p].cost for p in replayed)
    taken = set(replayed)

    def density(pid):
        n, cost = trace.projects[pid].supporters, Fraction(election.projects[pid].cost)
        if cost == 0:
            return math.inf
        return Fraction(n) if utility == "cost" else Fraction(n) / cost

    candidates = [pid for pid in election.projects
                  if trace.projects[pid].supporters > 0 and pid not in taken]
    turns = {}
    for pid in sorted(candidates, key=lambda p: (-density(p), tie_breaking.key(p))):
        cost = election.projects[pid].cost
        turns[pid] = left
        if cost <= left:
            left -= cost
    return turns


def _leftover_equal_shares(election, result, trace, items, completion, money, share_text):
    amount = result.leftover
    unfunded = [i for i in items if not i.funded and i.kind not in ("unsupported",
                                                                   "mes_zero_cost_not_funded")]
    if not amount:
        return LeftoverExplanation(amount, "none", sentence="The whole budget was granted.")
    if completion == "add1":
        explanation = _leftover_cheapest(election, result, unfunded)
        explanation.sentence = (f"After the Equal Shares rounds at {share_text} per voter and the "
                                f"greedy completion, " + explanation.sentence[0].lower()
                                + explanation.sentence[1:])
        return explanation
    if not unfunded:
        return LeftoverExplanation(
            amount, "nothing_fits",
            sentence=f"{money(amount)} was left: every project with support was funded.")
    final = {i.project: Fraction(i.cost) - trace.projects[i.project].sightings[-1].cover
             for i in unfunded}
    closest = min(unfunded, key=lambda i: (final[i.project], i.project))
    held = trace.projects[closest.project].sightings[-1].cover
    sentence = (
        f"{money(amount)} was left because no remaining project's supporters could afford it: "
        f"the closest, {_label(election, closest.project)}, costs {money(closest.cost)} and its "
        f"supporters held {money(held)}, {money(final[closest.project])} short."
    )
    if closest.cost <= amount:
        sentence += (" The money left would cover it, but under Equal Shares it belongs to "
                     "voters who did not support it.")
    return LeftoverExplanation(amount, "supporters_short", closest.project,
                               final[closest.project], sentence)
