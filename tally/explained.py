"""A count explained for people: the calculator's reasons, in the reader's language.

:func:`explanation_data` runs the calculator's pure explanation API (``calculator.explain``,
``outcome_measures``, ``upload_warnings``) and keeps what the pages need as JSON-ready data:
reason codes (``kind``) and exact figures (fractions as ``"p/q"``), never sentences.
:func:`explained_count` computes that data for a stored count once, in a child process
stopped at the count's time limit (as the count itself is), and caches it for as long as the
count's URL lives. The ``*_sentence`` functions build the sentences from the codes and figures
with gettext, so the same explanation reads in English, French, Spanish or Portuguese; the
calculator's own English ``sentence`` is not used here.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from calculator import (
    Allocation,
    Election,
    ExplanationError,
    explain,
    outcome_measures,
    outcomes_to_dict,
    result_to_dict,
    upload_warnings,
)
from calculator.checks import selected_column
from calculator.equal_shares_trace import count_voters
from calculator.explain import percent
from tally import services

MAX_VOTER_GROUPS = 50_000
"""Groups of identical ballots kept for the ballot lookup; beyond this the lookup is off."""
CACHE_PREFIX = "tally-explained:v1:"
EXPLAINED_RULES = ("greedy", "rank-and-rearrange", "mes")
GROUP_SEPARATOR = "\n"
"""Joins the sorted project ids of a ballot into a key (ids never hold a line break)."""


def exact(value):
    """A JSON-ready exact value: a Fraction as ``"p/q"``, a Decimal as its digits."""
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (list, tuple)):
        return [exact(item) for item in value]
    if isinstance(value, dict):
        return {str(key): exact(item) for key, item in value.items()}
    return value


def fraction(text) -> Fraction | None:
    """The exact number an :func:`exact` string holds (None stays None)."""
    return None if text is None else Fraction(str(text))


def result_digest(allocation: Allocation) -> str:
    """SHA-256 of the result as ``calculator.result_to_dict`` writes it (keys sorted): two
    counts with the same digest funded the same projects with the same amounts and steps."""
    text = json.dumps(result_to_dict(allocation), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


# --- Computing the data ------------------------------------------------------------------------

def explanation_data(election: Election, allocation: Allocation, *, tie_break=None,
                     pb_text: bytes | str | None = None) -> dict:
    """Everything the result pages, the report and the bot show beyond the allocation:
    ``projects`` (one dict per project: the explanation's fields, exact), ``leftover``,
    ``rounds`` (Equal Shares), ``per_voter``, ``voters``, ``outcomes``, ``warnings`` and,
    for Equal Shares, ``voter_groups`` ({"id\\nid": [voters, {id: paid}]}). JSON-ready."""
    data = {"rule": allocation.rule, "currency": allocation.currency,
            "tie_break": list(tie_break or []),
            "outcomes": outcomes_to_dict(outcome_measures(election, allocation)),
            "warnings": warnings_data(election, pb_text),
            "projects": [], "rounds": [], "leftover": None, "voter_groups": None,
            "error": ""}
    if allocation.rule not in EXPLAINED_RULES:
        return data
    try:
        explanation = explain(election, allocation, tie_break=tie_break)
    except ExplanationError as error:
        data["error"] = str(error)
        return data
    for item in explanation.projects:
        row = exact(asdict(item))
        row.pop("sentence", None)
        row["percent"] = item.effective_support_percent
        data["projects"].append(row)
    leftover = exact(asdict(explanation.leftover))
    leftover.pop("sentence", None)
    data["leftover"] = leftover
    data["donated"] = exact(sum(allocation.donations.values(), Decimal(0)))
    data["per_voter"] = exact(explanation.per_voter)
    data["voters"] = count_voters(election) if explanation.trace is not None else None
    data["utility"] = allocation.options.get("utility")
    data["completion"] = allocation.options.get("completion")
    data["threshold"] = exact(allocation.options.get("threshold"))
    for item in explanation.rounds:
        row = exact(asdict(item))
        row.pop("sentence", None)
        row["cost"] = exact(election.projects[item.project].cost)
        data["rounds"].append(row)
    if explanation.trace is not None:
        groups = explanation.voter_groups()
        if len(groups) <= MAX_VOTER_GROUPS:
            data["voter_groups"] = {GROUP_SEPARATOR.join(group.ballot): [group.voters, exact(group.payments)]
                                    for group in groups}
    return data


def warnings_data(election: Election, pb_text) -> list[dict]:
    """The upload checks as codes and figures (the pages word them)."""
    found = upload_warnings(election, text=pb_text)
    rows = []
    for warning in found:
        row = {"code": warning.code, "projects": list(warning.projects)}
        if warning.code == "num_votes_mismatch":
            row.update(declared=int(election.meta["num_votes"]),
                       found=election.num_voters + len(election.rejected_ballots))
        elif warning.code == "num_projects_mismatch":
            row.update(declared=int(election.meta["num_projects"]), found=len(election.projects))
        elif warning.code == "selected_disagrees":
            column = selected_column(pb_text) or {}
            marked = [pid for pid in warning.projects if _marked(column.get(pid, ""))]
            row.update(rule=(election.meta.get("rule") or "").strip(), only_file=marked,
                       only_recount=[pid for pid in warning.projects if pid not in marked])
        rows.append(row)
    return rows


def _marked(value: str) -> bool:
    try:
        return Decimal(value) > 0
    except ArithmeticError:
        return value.strip().lower() in ("yes", "true")


def explained_count(count) -> dict:
    """The explanation data of a finished count (cached while its URL lives): a dict with
    ``status`` ("done", "timed-out" or "failed") and, when done, :func:`explanation_data`."""
    from tally import counts

    stored = (count.result or {}).get("explanation")
    if stored is not None:  # computed by the count's task (tally.counts.run_count)
        return stored
    key = CACHE_PREFIX + count.key
    cached = cache.get(key)
    if cached is not None:
        return cached
    vote = counts.stored_vote(key=count.vote.key)
    if vote is None:
        return {"status": "failed"}
    try:
        election = counts.read_vote(vote, budget=count.budget)
    except services.TallyInputError as error:
        return {"status": "failed", "error": str(error)}
    allocation = counts.allocation_from_dict(count.result["allocation"])
    tie_break = tie_break_of(election, count.rule, count.options)
    pb_text = bytes(vote.data) if vote.filename.lower().endswith(".pb") else None

    def compute():
        return explanation_data(election, allocation, tie_break=tie_break, pb_text=pb_text)

    status, value = counts.run_with_time_limit(
        compute, deadline=time.monotonic() + settings.TALLY_TIME_LIMIT)
    if status != "done":
        return {"status": status, "error": value or ""}
    value["status"] = "done"
    cache.set(key, value, timeout=settings.TALLY_RESULT_TTL)
    return value


def tie_break_of(election: Election, rule: str, options: dict) -> list[str] | None:
    """The tie-break order a count was given (project ids), or None for the default."""
    resolved = services.resolve_project_options(election=election, rule=rule, options=options)
    return resolved.get("tie_break") or None


def comparison_outcomes(comparison) -> dict:
    """{rule: outcomes_to_dict} for every rule a stored comparison counted (cached)."""
    from tally import counts

    stored = (comparison.result or {}).get("outcomes")
    if stored is not None:  # computed by the comparison's task (tally.counts.run_count)
        return stored
    key = CACHE_PREFIX + "outcomes:" + comparison.key
    cached = cache.get(key)
    if cached is not None:
        return cached
    vote = counts.stored_vote(key=comparison.vote.key)
    if vote is None:
        return {}
    try:
        election = counts.read_vote(vote, budget=comparison.budget)
    except services.TallyInputError:
        return {}
    allocations = {rule: counts.allocation_from_dict(data)
                   for rule, data in comparison.result["allocations"].items()}

    def compute():
        return {rule: outcomes_to_dict(outcome_measures(election, allocation))
                for rule, allocation in allocations.items()}

    status, value = counts.run_with_time_limit(
        compute, deadline=time.monotonic() + settings.TALLY_TIME_LIMIT)
    if status != "done":
        return {}
    cache.set(key, value, timeout=settings.TALLY_RESULT_TTL)
    return value


# --- Words -------------------------------------------------------------------------------------

def money(amount, currency: str) -> str:
    """An exact amount as it is (``$1,000.015``); a fraction with no finite decimal form (a
    third of a cent) rounded to the cent and said to be approximate."""
    value = amount if isinstance(amount, Fraction) else fraction(amount)
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    if Fraction(decimal) == value:
        return services.exact_money(decimal, currency)
    return _("about %(amount)s") % {
        "amount": services.exact_money(decimal.quantize(Decimal("0.01")), currency)}


def project_label(pid: str, names: dict) -> str:
    """A project by name with its id: ``Playground (7)``; the id alone when it has no name."""
    name = names.get(pid) or ""
    return f"{name} ({pid})" if name and name != pid else pid


def score_text(score, unit: str) -> str:
    """``12 votes``, ``1 point``, ``340 rank points``, ``55 supporters``."""
    value = Fraction(str(score))
    shown = f"{int(value):,}" if value.denominator == 1 else str(Decimal(str(score)).normalize())
    count = int(value) if value.denominator == 1 else 2
    words = {
        "votes": ngettext("%(n)s vote", "%(n)s votes", count),
        "points": ngettext("%(n)s point", "%(n)s points", count),
        "rank points": ngettext("%(n)s rank point", "%(n)s rank points", count),
        "supporters": ngettext("%(n)s supporter", "%(n)s supporters", count),
    }
    return words.get(unit, "%(n)s " + unit) % {"n": shown}


def _tie_text(data: dict) -> str:
    order = data.get("tie_break") or []
    if order:
        return _("the tie-break order given (%(order)s)") % {"order": ", ".join(order)}
    return _("project id order")


def project_sentence(item: dict, data: dict, names: dict) -> str:
    """Why one project was or was not funded, in the active language."""
    cur = data["currency"]
    m = lambda amount: money(amount, cur)  # noqa: E731
    label = project_label(item["project"], names)
    ranked = sum(1 for row in data["projects"] if row["rank"] is not None)
    kind = item["kind"]
    values = {"project": label, "cost": m(item["cost"]), "rank": item["rank"], "of": ranked,
              "score": score_text(item["score"] or 0, item["score_unit"]),
              "left": m(item["money_left"]) if item.get("money_left") is not None else ""}
    if kind == "unsupported":
        text = _("%(project)s had no support: never funded.") % values
    elif kind == "greedy_funded":
        text = _("%(project)s had %(score)s (rank %(rank)s of %(of)s); it cost %(cost)s and "
                 "%(left)s remained when its turn came: funded.") % values
    elif kind == "greedy_too_expensive":
        text = _("%(project)s had %(score)s (rank %(rank)s of %(of)s); it needed %(cost)s but "
                 "only %(left)s remained when its turn came: not funded.") % values
    elif kind.startswith("rr_"):
        text = _rank_and_rearrange_sentence(item, data, values, names)
    elif kind == "mes_free":
        text = _("%(project)s costs nothing and had support: funded before the rounds.") % values
    elif kind == "mes_funded":
        values.update(round=item["round"], rounds=len(data["rounds"]),
                      supporters=score_text(item["supporters"], "supporters"),
                      most=m(item["max_payment"]))
        text = _("%(project)s was funded in round %(round)s of %(rounds)s: its %(supporters)s "
                 "paid its %(cost)s cost, none more than %(most)s.") % values
    elif kind == "mes_zero_cost_not_funded":
        text = _("%(project)s costs nothing, so with cost utility it gives its supporters no "
                 "satisfaction and Equal Shares does not fund it.") % values
    elif kind in ("mes_short", "mes_tie_lost", "mes_completion_funded"):
        text = _equal_shares_loss_sentence(item, data, values, names)
    else:
        text = label
    if item.get("tie") and kind not in ("mes_tie_lost",):
        others = [project_label(pid, names) for pid in item["tie"] if pid != item["project"]]
        text += " " + _("It tied with %(others)s; the tie was broken by %(how)s and is flagged "
                        "for an official.") % {"others": ", ".join(others),
                                               "how": _tie_text(data)}
    return text


def _rank_and_rearrange_sentence(item, data, values, names) -> str:
    kind = item["kind"]
    head = _("%(project)s had %(score)s (rank %(rank)s of %(of)s) and costs %(cost)s") % values
    if kind == "rr_funded":
        return _("%(head)s; %(left)s remained when its turn came: fully funded.") % {
            "head": head, "left": values["left"]}
    if kind == "rr_round_closed":
        return _("%(head)s; the round had closed (no money left, or an accepted offer ended it) "
                 "before its turn: not funded.") % {"head": head}
    left, cost = fraction(item["money_left"]), fraction(item["cost"])
    threshold = fraction(data.get("threshold") or "3/4")
    figures = {"head": head, "left": values["left"], "ratio": percent(left / cost),
               "threshold": percent(threshold)}
    if kind == "rr_offer_accepted":
        return _("%(head)s; %(left)s remained (%(ratio)s of its cost, at least %(threshold)s), "
                 "so all of it was offered to its delegate, who accepted: partly funded; the "
                 "round is complete.") % figures
    if kind == "rr_offer_declined":
        return _("%(head)s; %(left)s remained (%(ratio)s of its cost, at least %(threshold)s), "
                 "so all of it was offered to its delegate, who declined: not funded.") % figures
    return _("%(head)s; only %(left)s remained (%(ratio)s of its cost, below %(threshold)s): "
             "not funded.") % figures


def _equal_shares_loss_sentence(item, data, values, names) -> str:
    cur = data["currency"]
    rounds = {row["number"]: row for row in data["rounds"]}
    values = dict(values, supporters=score_text(item["supporters"], "supporters"),
                  could=money(item["could_pay"], cur))
    if item["best_round"] is None:
        moment = _("after the last round its %(supporters)s still held %(could)s") % values
    else:
        winner = rounds[item["best_round"]]
        moment = _("in round %(round)s, when %(winner)s was funded with no supporter paying more "
                   "than %(most)s, its %(supporters)s could have paid %(could)s at that price") % dict(
            values, round=winner["number"], winner=project_label(winner["project"], names),
            most=money(winner["max_payment"], cur))
    values["moment"] = moment
    if item["kind"] == "mes_tie_lost" or fraction(item["shortfall"]) <= 0:
        text = _("%(project)s was not funded by the Equal Shares rounds: %(moment)s, enough for its "
                 "%(cost)s cost, but it lost the tie by %(how)s.") % dict(values, how=_tie_text(data))
    else:
        text = _("%(project)s was not funded by the Equal Shares rounds: at its closest, %(moment)s, "
                 "%(short)s short of its %(cost)s cost.") % dict(
            values, short=money(item["shortfall"], cur))
    if item["kind"] == "mes_completion_funded":
        text += " " + _("The greedy completion then funded it: %(left)s remained at its turn.") % {
            "left": values["left"]}
    elif data.get("completion") == "add1" and item.get("money_left") is not None:
        text += " " + _("When the money left was spent greedily, only %(left)s remained at its "
                        "turn.") % {"left": values["left"]}
    return text


def would_win_text(item: dict, currency: str) -> str:
    """Equal Shares, a project the rounds did not fund: what would have made it win."""
    parts = []
    if item.get("winning_cost_in_cents") is not None:
        parts.append(_("at a cost of %(cost)s or less") % {
            "cost": money(item["winning_cost_in_cents"], currency)})
    more = item.get("additional_supporters")
    if more:
        parts.append(ngettext("with %(n)s more supporter like its current ones",
                              "with %(n)s more supporters like its current ones", more)
                     % {"n": f"{more:,}"})
    if not parts:
        return ""
    return _("It would have won %(ways)s.") % {"ways": _(" or ").join(parts)}


def leftover_sentence(data: dict, names: dict) -> str:
    """Why money was left, in the active language."""
    leftover = data.get("leftover")
    if not leftover:
        return ""
    cur = data["currency"]
    amount = fraction(leftover["amount"])
    donated = fraction(data.get("donated") or 0)
    left = money(amount + donated, cur)
    closest = leftover.get("closest")
    cost = next((row["cost"] for row in data["projects"] if row["project"] == closest), None)
    kind = leftover["kind"]
    if kind == "none":
        return _("The whole budget was granted.")
    if kind == "supporters_short":
        text = _("%(left)s was left because no remaining project's supporters could afford it: "
                 "the closest, %(project)s, costs %(cost)s and its supporters were %(short)s "
                 "short.") % {"left": left, "project": project_label(closest, names),
                              "cost": money(cost, cur),
                              "short": money(leftover["shortfall"], cur)}
        if fraction(cost) <= amount:
            text += " " + _("The money left would cover it, but under Equal Shares it belongs to "
                            "voters who did not support it.")
        return text
    if closest is None:
        text = _("%(left)s was left: every project with support was funded.") % {"left": left}
    elif fraction(leftover["shortfall"]) > 0:
        text = _("%(left)s was left because no project still unfunded costs that little: the "
                 "cheapest, %(project)s, costs %(cost)s (%(more)s more).") % {
            "left": left, "project": project_label(closest, names), "cost": money(cost, cur),
            "more": money(leftover["shortfall"], cur)}
    else:
        text = _("%(left)s was left; the cheapest project not funded, %(project)s, costs "
                 "%(cost)s (see why it was not funded above).") % {
            "left": left, "project": project_label(closest, names), "cost": money(cost, cur)}
    if data.get("completion") == "add1":
        text = _("After the Equal Shares rounds and the greedy completion: %(text)s") % {
            "text": text}
    if donated:
        text += " " + _("%(amount)s that no project could use was given away.") % {
            "amount": money(donated, cur)}
    return text


def round_sentence(row: dict, data: dict, names: dict) -> str:
    """One Equal Shares round in words."""
    cur = data["currency"]
    text = _("Round %(number)s: %(project)s (%(cost)s) funded by its %(supporters)s, each paying "
             "at most %(most)s.") % {
        "number": row["number"], "project": project_label(row["project"], names),
        "cost": money(row["cost"], cur), "supporters": score_text(row["supporters"], "supporters"),
        "most": money(row["max_payment"], cur)}
    if row.get("tied"):
        others = [project_label(pid, names) for pid in row["tied"] if pid != row["project"]]
        text += " " + _("It tied with %(others)s; broken by %(how)s.") % {
            "others": ", ".join(others), "how": _tie_text(data)}
    return text


def warning_message(row: dict, names: dict, *, currency: str = "$", budget="") -> str:
    """An upload warning in words (it never stops the count)."""
    listed = ", ".join(project_label(pid, names) for pid in row.get("projects", []))
    code = row["code"]
    if code == "num_votes_mismatch":
        return _("The file's META says num_votes is %(declared)s, but the file holds %(found)s "
                 "votes.") % {"declared": f"{row['declared']:,}", "found": f"{row['found']:,}"}
    if code == "num_projects_mismatch":
        return _("The file's META says num_projects is %(declared)s, but the file lists "
                 "%(found)s projects.") % {"declared": f"{row['declared']:,}",
                                           "found": f"{row['found']:,}"}
    if code == "unsupported_projects":
        return _("No voter supported %(projects)s: they cannot be funded.") % {"projects": listed}
    if code == "projects_over_budget":
        return _("%(projects)s cost more than the whole budget%(budget)s.") % {
            "projects": listed, "budget": f" ({money(budget, currency)})" if budget else ""}
    if code == "selected_disagrees":
        parts = []
        if row.get("only_file"):
            parts.append(_("marked selected in the file but not chosen by the recount: %(p)s") % {
                "p": ", ".join(project_label(pid, names) for pid in row["only_file"])})
        if row.get("only_recount"):
            parts.append(_("chosen by the recount but not marked selected: %(p)s") % {
                "p": ", ".join(project_label(pid, names) for pid in row["only_recount"])})
        return _("The file's selected column disagrees with a recount by its rule (%(rule)s): "
                 "%(parts)s.") % {"rule": row.get("rule", ""), "parts": "; ".join(parts)}
    return code


def ballot_lookup(data: dict, ballot, names: dict) -> dict | None:
    """Equal Shares: what a voter who supported exactly the projects in ``ballot`` paid
    (looked up by the set of projects, never by voter id). None when the lookup is off."""
    groups = data.get("voter_groups")
    if groups is None:
        return None
    cur = data["currency"]
    ids = tuple(sorted(set(ballot)))
    voters, paid = groups.get(GROUP_SEPARATOR.join(ids), [0, {}])
    payments = [{"project": project_label(pid, names), "amount": money(amount, cur)}
                for pid, amount in paid.items()]
    total = sum((fraction(amount) for amount in paid.values()), Fraction(0))
    share = fraction(data.get("per_voter") or 0)
    chosen = ", ".join(project_label(pid, names) for pid in ids) or _("no project")
    if not voters:
        sentence = _("Nobody cast a ballot supporting exactly %(projects)s.") % {"projects": chosen}
    elif payments:
        sentence = ngettext(
            "A voter who supported %(projects)s paid %(total)s of their %(share)s share "
            "(%(voters)s voter cast exactly this ballot).",
            "A voter who supported %(projects)s paid %(total)s of their %(share)s share "
            "(%(voters)s voters cast exactly this ballot).", voters) % {
            "projects": chosen, "total": money(total, cur), "share": money(share, cur),
            "voters": f"{voters:,}"}
    else:
        sentence = ngettext(
            "A voter who supported %(projects)s paid nothing: none of those projects was funded "
            "in the Equal Shares rounds (%(voters)s voter cast exactly this ballot).",
            "A voter who supported %(projects)s paid nothing: none of those projects was funded "
            "in the Equal Shares rounds (%(voters)s voters cast exactly this ballot).", voters) % {
            "projects": chosen, "voters": f"{voters:,}"}
    return {"ballot": ids, "voters": voters, "payments": payments, "total": money(total, cur),
            "sentence": sentence}


def project_rows(data: dict, names: dict) -> list[dict]:
    """One row per project for the pages and the report: label, sentence, effective support,
    what would have made it win, funded amount."""
    cur = data["currency"]
    rows = []
    for item in data["projects"]:
        rows.append({
            "id": item["project"], "label": project_label(item["project"], names),
            "funded": item["funded"], "amount": money(item["amount"], cur),
            "cost": money(item["cost"], cur), "kind": item["kind"],
            "sentence": project_sentence(item, data, names),
            "effective_support": item.get("percent"),
            "would_win": would_win_text(item, cur) if not item["funded"]
            or item["kind"] == "mes_completion_funded" else "",
        })
    return rows


def support_text(percent_text: str) -> str:
    """``effective support 54.3%`` in the active language."""
    return _("effective support %(percent)s") % {"percent": percent_text}


def support_notes(data: dict) -> dict[str, str]:
    """{project id: "effective support 54.3%"} (Equal Shares), to write beside a bar."""
    return {item["project"]: support_text(item["percent"])
            for item in data.get("projects", []) if item.get("percent")}


def outcome_rows(outcomes: dict, currency: str) -> dict:
    """Outcome measures as display strings."""
    share = fraction(outcomes["share_with_funded_exact"])
    gini = fraction(outcomes["gini_exact"])
    average = fraction(outcomes["average_funded_exact"])
    return {
        "voters": f"{outcomes['voters']:,}",
        "with_funded": f"{outcomes['voters_with_funded']:,}",
        "share": percent(share),
        "average_funded": _decimal(average, 2),
        "average_cost": money(_round_cents(fraction(outcomes["average_funded_cost_exact"])),
                              currency),
        "distribution": [(int(k), f"{v:,}") for k, v in outcomes["distribution"].items()],
        "gini": _decimal(gini, 4),
    }


def _round_cents(value: Fraction) -> Fraction:
    """To the cent, half up: an average cost is a statistic, not a payment."""
    return Fraction(int((value * 100 + Fraction(1, 2)) // 1), 100)


def _decimal(value: Fraction, places: int) -> str:
    exact_value = Decimal(value.numerator) / Decimal(value.denominator)
    return f"{exact_value.quantize(Decimal(1).scaleb(-places)):f}"
