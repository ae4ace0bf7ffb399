"""``manage.py tally FILE``: run a PB rule on a .pb or .csv file and print the explained result."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from calculator import RULES, format_money, result_to_dict
from calculator.checks import upload_warnings
from calculator.explain import ExplanationError, explain, explanation_to_dict
from calculator.outcomes import outcome_measures, outcomes_to_dict
from calculator.registry import CHOICE, PROJECT_LIST, TEXT_LIST
from tally import services

MAX_FILE_BYTES = 2**31
"""No upload limit on the command line: the file is the operator's own."""


def option_specs() -> dict:
    """``{option name: (spec, [rules accepting it])}`` over the rules that tally ballots."""
    specs: dict = {}
    for rule in services.TALLY_RULES:
        for spec in RULES[rule].options:
            specs.setdefault(spec.name, (spec, []))[1].append(rule)
    return specs


def flag(name: str) -> str:
    return "--" + name.replace("_", "-")


class Command(BaseCommand):
    help = (
        "Run a participatory-budgeting rule on a Pabulib .pb file or a single .csv file and "
        "print the result, explained step by step (or as JSON with --json)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A Pabulib .pb file or a .csv file (see /calculator/).")
        parser.add_argument("--rule", default="rank-and-rearrange", choices=services.TALLY_RULES,
                            help="The allocation rule (default: rank-and-rearrange).")
        parser.add_argument("--budget", help="Budget to share instead of the file's.")
        parser.add_argument("--json", dest="as_json", action="store_true",
                            help="Print JSON (amounts as decimal strings) instead of text.")
        parser.add_argument("--explain", action="store_true",
                            help="Also explain why each project was or was not funded, where the "
                                 "money left went, the outcome measures and upload warnings "
                                 "(with --json: under \"explanation\", \"outcomes\", \"warnings\").")
        parser.add_argument("--report", metavar="FILE.pdf",
                            help="Also write the audit report (the PDF the website offers) to "
                                 "this file.")
        # One flag per rule option, read from calculator.RULES so the two never disagree.
        for name, (spec, rules) in option_specs().items():
            kwargs = {"dest": f"option_{name}", "default": None, "metavar": name.upper(),
                      "help": f"{spec.help} [{', '.join(rules)}]"}
            if spec.kind == CHOICE:
                kwargs["choices"] = ["none" if c is None else c for c in spec.choices]
            elif spec.kind in (PROJECT_LIST, TEXT_LIST):
                kwargs["nargs"] = "+"
                kwargs["metavar"] = "ID" if spec.kind == PROJECT_LIST else "NAME"
            parser.add_argument(flag(name), **kwargs)

    def handle(self, *args, file, rule, budget, as_json: bool, explain: bool = False,
               report: str | None = None, **options):
        given = {name: options[f"option_{name}"] for name in option_specs()
                 if options.get(f"option_{name}") is not None}
        accepted = [spec.name for spec in RULES[rule].options]
        misfits = [flag(name) for name in given if name not in accepted]
        if misfits:
            raise CommandError(
                f"{', '.join(misfits)} does not apply to the {rule} rule; its options are: "
                f"{', '.join(flag(name) for name in accepted)}"
            )
        try:
            election, allocation = self.tally(file, rule=rule, budget=budget, options=given)
        except services.TallyInputError as error:
            raise CommandError(f"{file}: {error}") from None
        if report:
            self.write_report(report, file=file, election=election, allocation=allocation,
                              rule=rule, options=given, budget=budget)
        extra = self.explained(file, election, allocation, given.get("tie_break")) if explain else None
        if as_json:
            data = result_to_dict(allocation)
            if extra is not None:
                explanation, measures, warnings = extra
                data["explanation"] = explanation_to_dict(explanation)
                data["outcomes"] = outcomes_to_dict(measures)
                data["warnings"] = [{"code": w.code, "message": w.message, "projects": w.projects}
                                    for w in warnings]
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            text = format_text(election=election, allocation=allocation)
            if extra is not None:
                text += "\n\n" + format_explanation(*extra, currency=allocation.currency)
            self.stdout.write(text)

    def explained(self, file, election, allocation, tie_break):
        """(explanation, outcome measures, upload warnings) of the result."""
        try:
            explanation = explain(election, allocation, tie_break=tie_break)
        except ExplanationError as error:
            raise CommandError(f"{file}: {error}") from None
        data = Path(file).read_bytes()
        text = data if Path(file).suffix.lower() == ".pb" else None
        return explanation, outcome_measures(election, allocation), upload_warnings(election,
                                                                                    text=text)

    def write_report(self, target, *, file, election, allocation, rule, options, budget):
        """Write the audit report of this count as a PDF to ``target``."""
        from tally.report import build_report, render_pdf

        path = Path(file)
        built = build_report(filename=path.name, data=path.read_bytes(), election=election,
                             allocation=allocation, rule=rule, options=options,
                             budget=budget or "")
        try:
            Path(target).write_bytes(render_pdf(built))
        except OSError as error:
            raise CommandError(f"cannot write {target}: {error.strerror or error}") from None
        self.stderr.write(f"Audit report written to {target} (result SHA-256 "
                          f"{built.result_sha256}).")

    def tally(self, file, *, rule, budget, options):
        """Read the file, apply the budget and run the rule; input errors are TallyInputError."""
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror or error}") from None
        money = services.parse_budget(budget) if budget is not None else None
        election = services.election_from_upload(filename=path.name, data=data,
                                                 max_bytes=MAX_FILE_BYTES, budget=money)
        if money is not None:
            election.budget = money
        options = services.resolve_project_options(election=election, rule=rule, options=options)
        return election, services.run_tally(election=election, rule=rule, options=options)


def format_text(*, election, allocation) -> str:
    """The result as plain text: funded table, leftover, donations, ties, rejections, steps."""
    money = lambda amount: services.exact_money(amount, allocation.currency)  # noqa: E731
    rows = services.result_rows(election=election, allocation=allocation)
    lines = [
        f"Rule: {allocation.rule}",
        f"Budget: {money(allocation.budget)}; {election.num_voters} ballots read; "
        f"{len(election.projects)} projects",
        "",
        "Funded projects:",
    ]
    table = [("#", "id", "project", "score", "cost", "granted")]
    table += [(str(row.order), row.id, row.label, str(row.score), money(row.cost),
               money(row.amount) + (" (partial)" if row.status == "partial" else ""))
              for row in rows if row.order is not None]
    if len(table) == 1:
        lines.append("  (none)")
    else:
        widths = [max(len(cells[i]) for cells in table) for i in range(len(table[0]))]
        for cells in table:
            lines.append("  " + "  ".join(cell.ljust(width) for cell, width
                                          in zip(cells, widths, strict=True)).rstrip())
    lines += ["", f"Total granted: {money(allocation.total_funded)}",
              f"Left over: {money(allocation.leftover)}"]
    for name, amount in allocation.donations.items():
        lines.append(f"Donated to {name}: {money(amount)}")
    if allocation.ties:
        lines += ["", "Ties for an official to decide:"]
        lines += [f"  {' / '.join(group)}" for group in allocation.ties]
    if allocation.rejected_ballots:
        lines += ["", f"Rejected ballots ({len(allocation.rejected_ballots)}):"]
        lines += [f"  voter {voter}: {reason}" for voter, reason in allocation.rejected_ballots]
    lines += ["", "Steps:"]
    lines += [f"  {number}. {step}" for number, step in enumerate(allocation.steps, start=1)]
    return "\n".join(lines)


def format_explanation(explanation, measures, warnings, *, currency: str) -> str:
    """The explanations as plain text: one paragraph per project, the money left, the Equal
    Shares rounds, the outcome measures and the upload warnings."""
    from calculator.explain import percent

    lines = ["Why each project was or was not funded:"]
    lines += [f"  - {item.sentence}" for item in explanation.projects]
    lines += ["", f"Money left: {explanation.leftover.sentence}"]
    if explanation.rounds:
        lines += ["", f"Equal Shares rounds (each voter starts with "
                      f"{format_money(explanation.per_voter, currency)}):"]
        lines += [f"  {item.sentence}" for item in explanation.rounds]
    lines += [
        "",
        "Outcome measures:",
        f"  Voters with at least one funded project they supported: "
        f"{measures.voters_with_funded:,} of {measures.voters:,} "
        f"({percent(measures.share_with_funded)})",
        f"  Funded projects per voter, on average: {_decimal(measures.average_funded, 2)}",
        f"  Cost of the funded projects per voter, on average: "
        f"{format_money(measures.average_funded_cost, currency)}",
        "  Voters by number of their projects funded: "
        + ", ".join(f"{k}: {v:,}" for k, v in measures.distribution.items()),
        f"  Gini coefficient of satisfaction (cost): {_decimal(measures.gini, 4)}",
    ]
    if warnings:
        lines += ["", "Upload warnings:"] + [f"  - {w.message}" for w in warnings]
    return "\n".join(lines)


def _decimal(value, places: int) -> str:
    """A fraction rounded half-even to ``places`` decimals, without floats."""
    from decimal import Decimal

    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return f"{exact.quantize(Decimal(1).scaleb(-places)):f}"
