"""The rule registry: ``RULES`` describes every rule and its options for the web form and
the bot, and :func:`allocate` runs a rule through it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .exceptions import CalculatorError, InvalidOptionError, UnknownRuleError
from .model import Election, to_decimal
from .result import Allocation
from .rules.district import district_rule
from .rules.greedy import greedy
from .rules.mes import mes
from .rules.rank_and_rearrange import DEFAULT_THRESHOLD, rank_and_rearrange
from .tiebreaking import BY_PROJECT_ID, explicit_order


def gettext_noop(text: str) -> str:
    """Mark ``text`` for the translation catalogues (``calculator/locale``, extracted by Django's
    makemessages, which reads this name); returns it unchanged: the calculator stays untranslated
    and each interface translates the label it shows."""
    return text


# Kinds of option values, for building forms: each names how a string from a form is read.
DECIMAL = "decimal"  # a number such as 0.75, read exactly
INTEGER = "integer"
CHOICE = "choice"  # one of ``choices``
PROJECT_LIST = "project_list"  # project ids, a list or a comma-separated string
TEXT_LIST = "text_list"  # free names, a list or a comma-separated string
TEXT = "text"
MAPPING = "mapping"  # {name: number}
NESTED_MAPPING = "nested_mapping"  # {name: {name: number}}


@dataclass(frozen=True)
class OptionSpec:
    """One option of a rule: its name, kind (see the constants above), default and help."""

    name: str
    kind: str
    default: object
    help: str
    choices: tuple = ()
    label: str = ""


@dataclass(frozen=True)
class RuleSpec:
    """A rule as the UIs see it: name, label, help text and accepted options."""

    name: str
    label: str
    help: str
    options: tuple[OptionSpec, ...]
    function: Callable[..., Allocation]
    needs_election: bool = True

    def option(self, name: str) -> OptionSpec:
        for spec in self.options:
            if spec.name == name:
                return spec
        raise KeyError(name)


CURRENCY = OptionSpec(
    "currency", TEXT, None, "Currency symbol or code for the explanation (default: the file's).",
    label="Currency",
)
TIE_BREAK = OptionSpec(
    "tie_break", PROJECT_LIST, None,
    "Order in which tied projects win (e.g. the official's decision); otherwise by project id.",
    label="Tie-break order",
)

RULES: dict[str, RuleSpec] = {
    "rank-and-rearrange": RuleSpec(
        name="rank-and-rearrange",
        label=gettext_noop("Rank and Rearrange (San Jose District 2)"),
        help=(
            "Voters rank up to 5 projects (5 points for first choice down to 1). Projects are "
            "funded fully in order of points; a project that no longer fits is offered all the "
            "money left if that covers at least 75% of its cost. Money left at the end can go "
            "to named recipients in equal parts."
        ),
        options=(
            OptionSpec("threshold", DECIMAL, DEFAULT_THRESHOLD,
                       "Share of a project's cost the money left must cover for an offer "
                       "(inclusive).", label="Threshold"),
            OptionSpec("declined", PROJECT_LIST, (),
                       "Projects whose delegate declines a partial offer.", label="Declined"),
            OptionSpec("leftover_recipients", TEXT_LIST, (),
                       "Who shares the money left, equally to the cent.",
                       label="Leftover recipients"),
            OptionSpec("max_ranks", INTEGER, None,
                       "Most projects a ballot may rank (default: the file's max_length, "
                       "else 5).", label="Ranks allowed"),
            TIE_BREAK,
            CURRENCY,
        ),
        function=rank_and_rearrange,
    ),
    "greedy": RuleSpec(
        name="greedy",
        label=gettext_noop("Greedy by votes"),
        help=(
            "Projects are taken from most to least support and funded when they still fit; "
            "one that does not fit is skipped. Support is votes (approval), points "
            "(cumulative) or rank points (ranked ballots)."
        ),
        options=(
            OptionSpec("support", CHOICE, None,
                       "Count support from the ballot type, or 'approval' to count ballots "
                       "listing a project whatever the ballot type.",
                       choices=(None, "approval"), label="Support"),
            OptionSpec("max_ranks", INTEGER, None,
                       "Ranked ballots: points go L..1 with L this number (default: the "
                       "file's max_length, else the longest ballot).", label="Ranks allowed"),
            TIE_BREAK,
            CURRENCY,
        ),
        function=greedy,
    ),
    "mes": RuleSpec(
        name="mes",
        label=gettext_noop("Method of Equal Shares"),
        help=(
            "Every voter gets an equal share of the budget; a project is funded when its "
            "supporters can pay for it, cheapest per supporter first. 'add1' raises the "
            "shares while the result stays within the budget, then fills what is left "
            "greedily."
        ),
        options=(
            OptionSpec("utility", CHOICE, "cost",
                       "A voter's satisfaction: the cost of funded projects they support, or "
                       "their number.", choices=("cost", "cardinality"), label="Utility"),
            OptionSpec("completion", CHOICE, None,
                       "None, or 'add1' (raise each share by one currency unit at a time).",
                       choices=(None, "add1"), label="Completion"),
            TIE_BREAK,
            CURRENCY,
        ),
        function=mes,
    ),
    "district": RuleSpec(
        name="district",
        label=gettext_noop("District distribution (Porto Alegre)"),
        help=(
            "Split a budget across districts in proportion to weighted criteria such as "
            "population and need; amounts are rounded to the cent and add up exactly."
        ),
        options=(
            OptionSpec("budget", DECIMAL, None, "The amount to split (default: the "
                       "election's budget).", label="Budget"),
            OptionSpec("criteria", MAPPING, None, "{criterion: weight}", label="Criteria"),
            OptionSpec("districts", NESTED_MAPPING, None, "{district: {criterion: grade}}",
                       label="Districts"),
            OptionSpec("tie_break", TEXT_LIST, None,
                       "Order in which districts win a tie for the last cent.",
                       label="Tie-break order"),
            CURRENCY,
        ),
        function=district_rule,
        needs_election=False,
    ),
}


def allocate(election: Election | None, rule: str = "greedy", **options) -> Allocation:
    """Run ``rule`` (a key of :data:`RULES`) on ``election`` with ``options``.

    Options are checked against the rule's description: unknown names raise
    :class:`InvalidOptionError` listing the accepted ones; values given as strings (from a
    form or the command line) are read by the option's kind. ``tie_break`` (a list of ids)
    becomes an explicit tie-breaking order. The district rule needs no election.
    """
    spec = RULES.get(rule)
    if spec is None:
        raise UnknownRuleError(f"unknown rule {rule!r}; choose one of: {', '.join(RULES)}")
    if election is None and spec.needs_election:
        raise InvalidOptionError(f"the {rule} rule needs an election (projects and ballots)")
    accepted = {o.name: o for o in spec.options}
    unknown = sorted(set(options) - set(accepted))
    if unknown:
        raise InvalidOptionError(
            f"unknown option(s) for {rule}: {', '.join(unknown)}; "
            f"accepted: {', '.join(accepted)}"
        )
    values = {name: coerce_option(accepted[name], value) for name, value in options.items()}
    order = values.pop("tie_break", None)
    tie_breaking = explicit_order(order) if order else BY_PROJECT_ID
    values = {k: v for k, v in values.items() if v is not None}
    return spec.function(election, tie_breaking=tie_breaking, **values)


def coerce_option(spec: OptionSpec, value):
    """Read one option value by its kind; raise :class:`InvalidOptionError` when it cannot."""
    if value is None or (isinstance(value, str) and not value.strip() and spec.kind != TEXT):
        return None
    try:
        if spec.kind == DECIMAL:
            return to_decimal(value, spec.name)
        if spec.kind == INTEGER:
            if isinstance(value, bool) or not str(value).strip().lstrip("-").isdigit():
                raise InvalidOptionError(f"{spec.name} must be a whole number, not {value!r}")
            number = int(str(value).strip())
            if number < 1:
                raise InvalidOptionError(f"{spec.name} must be at least 1")
            return number
        if spec.kind == CHOICE:
            if isinstance(value, str) and value.strip().lower() in ("none", ""):
                value = None
            if value not in spec.choices:
                shown = ", ".join("none" if c is None else str(c) for c in spec.choices)
                raise InvalidOptionError(f"{spec.name} must be one of: {shown}")
            return value
        if spec.kind in (PROJECT_LIST, TEXT_LIST):
            items = value.split(",") if isinstance(value, str) else list(value)
            return [str(item).strip() for item in items if str(item).strip()]
        if spec.kind == TEXT:
            return str(value)
        if spec.kind in (MAPPING, NESTED_MAPPING):
            if not isinstance(value, Mapping):
                raise InvalidOptionError(f"{spec.name} must be a mapping")
            return value
    except InvalidOptionError:
        raise
    except CalculatorError as error:
        raise InvalidOptionError(str(error)) from None
    raise InvalidOptionError(f"{spec.name}: unsupported option kind {spec.kind}")

