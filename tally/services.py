"""The calculator's face for people: read typed text or an uploaded file, run a rule, list rows.

Used by the website's /calculator/ pages and by the Telegram bot; both show the same results.
Every function is pure (no database). Bad input raises :class:`TallyInputError`, whose message
names the line and says what to send instead, in the active language.

Accepted uploads:

- a Pabulib ``.pb`` file (http://pabulib.org/format);
- a single ``.csv`` file holding the whole vote: an optional first line ``budget,480000``,
  then the projects table (header ``id,name,cost``, ``name`` optional), a blank line, then the
  ballots, one voter per row (project ids in preference order, or ``id:points``; an optional
  header whose first cell is ``voter_id`` makes the first column the voter id).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

import calculator
from calculator import RULES, Allocation, CalculatorError, Election

MAX_UPLOAD_BYTES = 1024 * 1024
MAX_AMOUNT = Decimal(10) ** 15
MIN_AMOUNT = Decimal("0.01")
MAX_BALLOTS = 1_000_000
"""Typed ballots (after ``12 x`` multipliers) above this are refused, not expanded."""
UPLOAD_TYPES = (".pb", ".csv")
TALLY_RULES = ("rank-and-rearrange", "greedy", "mes")
"""Rules that tally ballots (the district split has no ballots)."""
AUTO_RULE = "auto"
"""The form's choice "the rule the ballots call for" (see :func:`rule_for_ballots`)."""

_MULTIPLIER = re.compile(r"^\s*(\d+)\s*[x×*]\s+(.+)$", re.IGNORECASE)
_BALLOT_SEPARATORS = re.compile(r"\s*[,>;]\s*")
_CURRENCY = re.compile(r"^(?:[A-Za-z]{3}\s*|R\$|[$€£¥₩])|(?:\s*[A-Za-z]{3}|[$€£¥₩])$")


class TallyInputError(ValueError):
    """Typed text or an uploaded file cannot be read; the message says where and what to send."""

    def __init__(self, problem: str, *, line: int | None = None, hint: str = ""):
        self.problem = problem
        self.line = line
        self.hint = hint
        text = problem
        if line:
            text = _("Line %(line)s: %(problem)s") % {"line": line, "problem": problem}
        if hint and text[-1:] not in ".?!":
            text += "."
        super().__init__(f"{text} {hint}".strip())


@dataclass(frozen=True)
class ResultRow:
    """One project in a result: what it cost, its support and what it got."""

    id: str
    label: str
    cost: Decimal
    score: int | Decimal
    amount: Decimal
    status: str  # "funded", "partial" or "not-funded"
    order: int | None


def exact_money(amount, symbol: str = "$") -> str:
    """An amount as it is, never rounded nor "about": ``$125,000``, ``$99,500.50``,
    ``$1,000.015``."""
    amount = Decimal(amount)
    if amount == amount.quantize(Decimal("0.01")):
        return calculator.format_money(amount, symbol)
    sign = "-" if amount < 0 else ""
    return f"{sign}{symbol}{abs(amount).normalize():,f}"


def rule_label(rule: str) -> str:
    """The label of a rule of ``calculator.RULES`` in the active language."""
    return _(RULES[rule].label) if rule in RULES else rule


def rule_choices() -> list[tuple[str, str]]:
    """``(rule name, label)`` for the rules that tally ballots, in display order."""
    return [(name, rule_label(name)) for name in TALLY_RULES]


def rules_for_ballots(vote_type: str) -> tuple[str, ...]:
    """The rules that can count ballots of ``vote_type`` (Rank and Rearrange needs ranks)."""
    return tuple(rule for rule in TALLY_RULES
                 if rule != "rank-and-rearrange" or vote_type == "ordinal")


def rule_for_ballots(vote_type: str) -> tuple[str, dict]:
    """The rule (and options) a count uses when nobody chose one: Equal Shares with the add1
    completion for approval ballots, as the cities using it run it; Rank and Rearrange for
    ranked ballots; greedy by points for points ballots."""
    if vote_type == "ordinal":
        return "rank-and-rearrange", {}
    if vote_type in ("cumulative", "scoring"):
        return "greedy", {}
    return "mes", {"completion": "add1"}


def parse_amount(text: str, *, what: str, line: int | None = None) -> Decimal:
    """Read an amount such as ``480000``, ``$480,000``, ``480 000``, ``1.5m`` or ``125k``."""
    raw = (text or "").strip()
    cleaned = _CURRENCY.sub("", raw.replace("\u00a0", " ")).replace(" ", "").replace("_", "")
    factor = Decimal(1)
    if cleaned[-1:].lower() in ("k", "m"):
        factor = Decimal(1000) if cleaned[-1].lower() == "k" else Decimal(1_000_000)
        cleaned = cleaned[:-1]
    cleaned = _normalise_separators(cleaned)
    try:
        value = Decimal(cleaned) * factor
    except ArithmeticError:  # InvalidOperation, or Overflow for 1e999999999
        value = None
    if value is None or not value.is_finite() or not cleaned:
        raise TallyInputError(
            _("%(what)s “%(text)s” is not a number.") % {"what": what, "text": raw},
            line=line, hint=_("Send digits only, for example 125000."),
        )
    if abs(value) > MAX_AMOUNT or (value and abs(value) < MIN_AMOUNT):
        raise TallyInputError(
            _("%(what)s “%(text)s” is too large or too small.") % {"what": what, "text": raw},
            line=line, hint=_("Send an amount between 0.01 and 1,000,000,000,000,000."),
        )
    return value


def _normalise_separators(text: str) -> str:
    """``480,000`` and ``480.000`` are thousands; ``1,5`` is a decimal comma."""
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        return text.replace(thousands, "").replace(decimal_mark, ".")
    for mark in (",", "."):
        if mark in text:
            if re.fullmatch(r"-?\d{1,3}(" + re.escape(mark) + r"\d{3})+", text):
                return text.replace(mark, "")
            return text.replace(mark, ".") if text.count(mark) == 1 else text
    return text


def parse_budget(text: str) -> Decimal:
    """The budget typed by a person; raises :class:`TallyInputError` unless it is above 0."""
    budget = parse_amount(text, what=_("The budget"))
    if budget <= 0:
        raise TallyInputError(
            _("The budget must be more than 0."), hint=_("Send the amount to share, e.g. 480000."),
        )
    return budget


def parse_projects(text: str) -> list[tuple[str, Decimal]]:
    """``name; cost`` lines → ``[(name, cost)]``; names must be unique (case ignored)."""
    projects: list[tuple[str, Decimal]] = []
    seen: set[str] = set()
    example = _("Send one project per line as name; cost, for example: Playground; 100000")
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        if ";" not in line:
            raise TallyInputError(
                _("“%(text)s” has no “;” between the name and the cost.") % {"text": line.strip()},
                line=number, hint=example,
            )
        name, _sep, cost_text = line.rpartition(";")
        name = name.strip().strip(";").strip()
        if not name:
            raise TallyInputError(_("the project has no name."), line=number, hint=example)
        cost = parse_amount(cost_text, what=_("The cost"), line=number)
        if cost < 0:
            raise TallyInputError(_("a cost cannot be negative."), line=number, hint=example)
        if name.casefold() in seen:
            raise TallyInputError(
                _("the project “%(name)s” is listed twice.") % {"name": name}, line=number,
                hint=_("Give every project its own name."),
            )
        seen.add(name.casefold())
        projects.append((name, cost))
    if not projects:
        raise TallyInputError(_("The project list is empty."), hint=example)
    return projects


def parse_ballots(text: str, project_names: list[str]) -> tuple[list, bool]:
    """Ballot lines → ``(ballots, has_points)``; each ballot a list of names or a {name: points}.

    A line lists projects by name or by their number in the project list, separated by commas
    (or ``>``), best first; ``name:points`` gives points; ``12 x A, B`` counts 12 identical
    ballots. Unknown projects and lines mixing points with plain names are errors.
    """
    by_key = {name.casefold(): name for name in project_names}
    hint = _("Send one ballot per line, projects in order of preference separated by commas, "
             "for example: %(example)s") % {"example": ", ".join(project_names[:3])}
    ballots: list = []
    has_points = has_plain = False
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        count = 1
        match = _MULTIPLIER.match(line)
        if match:
            count, line = int(match.group(1)), match.group(2)
            if len(ballots) + count > MAX_BALLOTS:
                raise TallyInputError(
                    _("more than %(limit)s ballots in all.") % {"limit": MAX_BALLOTS},
                    line=number, hint=_("Upload a .pb file for a vote this large."),
                )
        names, points = [], []
        for item in filter(None, _BALLOT_SEPARATORS.split(line.strip())):
            label, value = item, None
            if ":" in item:
                label, _sep, point_text = item.rpartition(":")
                value = parse_amount(point_text, what=_("The points"), line=number)
            names.append(_project_named(label.strip(), by_key, project_names, number, hint))
            points.append(value)
        if any(p is None for p in points) and any(p is not None for p in points):
            raise TallyInputError(
                _("some projects have points and others do not."), line=number,
                hint=_("Either give every project points (name:points) or none."),
            )
        if points and points[0] is not None:
            has_points = True
            ballot = dict(zip(names, points, strict=True))
        else:
            has_plain = True
            ballot = names
        ballots.extend([ballot] * count)
    if not ballots:
        raise TallyInputError(_("There are no ballots."), hint=hint)
    if has_points and has_plain:
        raise TallyInputError(
            _("some ballots give points and others do not."),
            hint=_("Either give points on every ballot (name:points) or on none."),
        )
    return ballots, has_points


def _project_named(label, by_key, names, line, hint) -> str:
    if label.casefold() in by_key:
        return by_key[label.casefold()]
    if label.isdigit() and 1 <= int(label) <= len(names):
        return names[int(label) - 1]
    raise TallyInputError(
        _("“%(name)s” is not one of the projects (%(names)s).")
        % {"name": label, "names": ", ".join(names)},
        line=line, hint=hint,
    )


def election_from_text(*, budget, projects_text: str, ballots_text: str, rule: str) -> Election:
    """Build an election from typed text: a budget, ``name; cost`` lines and ballot lines.

    Ranked ballots for Rank and Rearrange and when the ballots choose the rule (``AUTO_RULE``);
    plain lists count as approval votes for the greedy rule and Equal Shares; ``name:points``
    lines make cumulative ballots.
    """
    money = budget if isinstance(budget, Decimal) else parse_budget(str(budget))
    if money <= 0:
        raise TallyInputError(_("The budget must be more than 0."))
    projects = parse_projects(projects_text)
    ballots, has_points = parse_ballots(ballots_text, [name for name, _cost in projects])
    if has_points and rule == "rank-and-rearrange":
        raise TallyInputError(
            _("Rank and Rearrange counts ranks, not points."),
            hint=_("Send project names in order of preference, without points."),
        )
    vote_type = "cumulative" if has_points else (
        "ordinal" if rule in ("rank-and-rearrange", AUTO_RULE) else "approval")
    try:
        return calculator.make_election(budget=money, projects=projects, ballots=ballots,
                                        vote_type=vote_type)
    except CalculatorError as error:
        raise TallyInputError(str(error)) from None


def check_upload(*, filename: str, size: int, max_bytes: int = MAX_UPLOAD_BYTES) -> None:
    """Refuse a file that is too big or neither ``.pb`` nor ``.csv`` before reading it."""
    if size > max_bytes:
        raise TallyInputError(
            _("The file is %(size)s KB; the limit is %(limit)s KB.")
            % {"size": (size + 1023) // 1024, "limit": max_bytes // 1024},
            hint=_("Send a smaller file, or type the projects and ballots instead."),
        )
    if not (filename or "").lower().endswith(UPLOAD_TYPES):
        raise TallyInputError(
            _("“%(name)s” is neither a .pb nor a .csv file.") % {"name": filename or "?"},
            hint=_("Send a Pabulib .pb file or a .csv file with the projects and ballots."),
        )


def election_from_upload(*, filename: str, data: bytes, max_bytes: int = MAX_UPLOAD_BYTES,
                         budget=None) -> Election:
    """Read an uploaded ``.pb`` or single ``.csv`` file (see the module docstring).

    ``budget`` is used for a CSV without a ``budget,...`` first line.
    """
    name = (filename or "").lower()
    check_upload(filename=filename, size=len(data), max_bytes=max_bytes)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TallyInputError(
            _("The file is not UTF-8 text."), hint=_("Save it as UTF-8 text and send it again."),
        ) from None
    if name.endswith(".pb"):
        try:
            election = calculator.parse_pabulib_text(text)
        except calculator.PabulibFormatError as error:
            raise TallyInputError(
                error.problem, line=error.line,
                hint=_("A .pb file has META, PROJECTS and VOTES sections; see pabulib.org/format."),
            ) from None
        election.source = filename
        return election
    return _election_from_csv(text, budget=budget, filename=filename)


def _election_from_csv(text: str, *, budget, filename: str) -> Election:
    lines = text.splitlines()
    offset = 0
    first = lines[0].split(",") if lines else []
    hint = _("Start the file with a line budget,480000, then the projects (id,name,cost), "
             "a blank line, then one ballot per line.")
    if first and first[0].strip().lower() == "budget":
        budget = parse_amount(first[1] if len(first) > 1 else "", what=_("The budget"), line=1)
        offset = 1
    if budget is None:
        raise TallyInputError(_("The file does not say the budget."), line=1, hint=hint)
    if Decimal(budget) <= 0:
        raise TallyInputError(_("The budget must be more than 0."), line=1, hint=hint)
    rest = lines[offset:]
    while rest and not rest[0].strip():
        rest, offset = rest[1:], offset + 1
    blank = next((i for i, line in enumerate(rest) if not line.strip(",").strip()), None)
    if blank is None:
        raise TallyInputError(_("There is no blank line between the projects and the ballots."),
                              line=offset + len(rest), hint=hint)
    projects, ballots = "\n".join(rest[:blank]), "\n".join(rest[blank + 1:])
    try:
        election = calculator.load_csv(projects, ballots, budget=budget)
    except calculator.CsvFormatError as error:
        shift = offset if error.source.startswith("projects") else offset + blank + 1
        raise TallyInputError(error.problem, line=error.line + shift, hint=hint) from None
    except CalculatorError as error:
        raise TallyInputError(str(error), hint=hint) from None
    election.source = filename
    return election


def run_tally(*, election: Election, rule: str, options: Mapping | None = None) -> Allocation:
    """Run ``rule`` on ``election``; a rule that does not fit the ballots raises
    :class:`TallyInputError` saying which rule to choose instead."""
    if rule not in TALLY_RULES:
        raise TallyInputError(
            _("Unknown rule “%(rule)s”.") % {"rule": rule},
            hint=_("Choose one of: %(rules)s.") % {"rules": ", ".join(TALLY_RULES)},
        )
    try:
        return calculator.allocate(election, rule=rule, **dict(options or {}))
    except calculator.RuleNotApplicableError as error:
        raise TallyInputError(
            str(error), hint=_("Choose the greedy rule or Equal Shares for these ballots."),
        ) from None
    except CalculatorError as error:
        raise TallyInputError(str(error)) from None


def result_rows(*, election: Election, allocation: Allocation) -> list[ResultRow]:
    """Every project with its cost, score and grant, funded ones first in funding order."""
    order = {pid: index + 1 for index, pid in enumerate(allocation.selected)}
    rows = []
    for pid, project in election.projects.items():
        amount = allocation.funded.get(pid, Decimal(0))
        status = "not-funded"
        if pid in allocation.funded:
            status = "partial" if pid in allocation.partial else "funded"
        rows.append(ResultRow(pid, project.label, project.cost, allocation.scores.get(pid, 0),
                              amount, status, order.get(pid)))
    rows.sort(key=lambda r: (r.order is None, r.order or 0, -Decimal(r.score), r.id))
    return rows


def resolve_project_options(*, election: Election, rule: str, options: Mapping) -> dict:
    """``options`` with project lists (``declined``, ``tie_break``) read as ids: a name given
    instead of an id (case ignored) becomes the project's id; unknown items are kept as typed,
    for the rule to report."""
    from calculator.registry import PROJECT_LIST

    kinds = {spec.name: spec.kind for spec in RULES[rule].options} if rule in RULES else {}
    by_label = {project.label.casefold(): pid for pid, project in election.projects.items()}
    resolved = dict(options)
    for name, value in options.items():
        if kinds.get(name) != PROJECT_LIST or value is None:
            continue
        items = value.split(",") if isinstance(value, str) else list(value)
        items = [str(item).strip() for item in items if str(item).strip()]
        resolved[name] = [item if item in election.projects
                          else by_label.get(item.casefold(), item) for item in items]
    return resolved


@dataclass(frozen=True)
class CompareCell:
    """One project under one rule: what it got and the step that decided it."""

    funded: bool
    amount: Decimal
    partial: bool
    why: str


@dataclass(frozen=True)
class CompareLine:
    """One project across the compared rules (``cells`` in rule order; ``None`` if the rule
    could not run); ``changed`` when the rules do not grant it the same amount."""

    id: str
    label: str
    changed: bool
    cells: tuple[CompareCell | None, ...]


@dataclass(frozen=True)
class Comparison:
    """Several rules on one election: results, rules that could not run (with why), lines."""

    rules: tuple[str, ...]
    allocations: dict
    errors: dict
    lines: tuple[CompareLine, ...]


def compare_rules(*, election: Election, rules, options: Mapping | None = None,
                  known: Mapping | None = None) -> Comparison:
    """Run every rule in ``rules`` on ``election`` (with ``options[rule]`` if given; results in
    ``known`` are reused) and line the projects up, changed ones flagged, funded ones first."""
    allocations, errors = {}, {}
    for rule in rules:
        if known and rule in known:
            allocations[rule] = known[rule]
            continue
        try:
            allocations[rule] = run_tally(election=election, rule=rule,
                                          options=(options or {}).get(rule))
        except TallyInputError as error:
            errors[rule] = str(error)
    return line_up(election=election, rules=rules, allocations=allocations, errors=errors)


def line_up(*, election: Election, rules, allocations: Mapping, errors: Mapping) -> Comparison:
    """The results of several rules on ``election`` project by project, changed ones flagged,
    funded ones first (rules missing from ``allocations`` show no cell)."""
    lines = []
    for pid, project in election.projects.items():
        cells = []
        for rule in rules:
            allocation = allocations.get(rule)
            if allocation is None:
                cells.append(None)
                continue
            cells.append(CompareCell(
                funded=pid in allocation.funded,
                amount=allocation.funded.get(pid, Decimal(0)),
                partial=pid in allocation.partial,
                why=_step_about(pid, allocation.steps),
            ))
        amounts = {cell.amount for cell in cells if cell is not None}
        lines.append(CompareLine(pid, project.label, len(amounts) > 1, tuple(cells)))
    first = {}
    for allocation in allocations.values():
        for index, pid in enumerate(allocation.selected):
            first[pid] = min(first.get(pid, index), index)
    lines.sort(key=lambda line: (line.id not in first, first.get(line.id, 0)))
    return Comparison(tuple(rules), dict(allocations), dict(errors), tuple(lines))


def _step_about(pid: str, steps) -> str:
    """The explanation step that decided project ``pid`` (the steps start with its id)."""
    pattern = re.compile(r"(?:^|[\s(“\"'])" + re.escape(pid) + r"(?=[\s,;:)”\"']|$)")
    starting = next((step for step in steps if step.startswith(pid + " ")), None)
    return starting or next((step for step in steps if pattern.search(step)), "")
