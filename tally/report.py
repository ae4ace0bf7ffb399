"""The audit report of a count: everything needed to recount it and check the result.

:func:`build_report` gathers the input file's name and SHA-256, the rule and every option (given
or default), the tie-breaking order, each step, each project's explanation, the money left, the
Equal Shares rounds, the outcome measures, the upload warnings, the calculator's version and the
SHA-256 of the result (:func:`tally.explained.result_digest`), plus the ``manage.py tally``
command that recounts it. The website shows it as a printable page (``tally/report.html``) and
as a PDF (:func:`render_pdf`); ``manage.py tally FILE --report FILE.pdf`` writes the same PDF.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import shlex
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

import calculator
from calculator import RULES, Allocation, Election
from calculator.registry import CHOICE, PROJECT_LIST, TEXT_LIST
from tally import explained, services

FONT_DIRECTORY = Path("/usr/share/fonts/truetype/dejavu")
"""Debian's fonts-dejavu-core: a Unicode font for names in any script; Helvetica (Latin-1)
stands in when it is missing."""


@dataclass
class AuditReport:
    """What the audit report says; every text is already in the reader's language."""

    filename: str
    input_sha256: str
    input_size: int
    budget: str
    budget_replaced: bool
    voters: int
    project_count: int
    rule: str
    rule_label: str
    options: list[tuple[str, str]]
    tie_break: str
    steps: list[str]
    funded: list[tuple[str, str]]
    leftover_amount: str
    projects: list[dict]
    leftover: str
    rounds: list[str]
    outcomes: dict | None
    warnings: list[str]
    result_sha256: str
    calculator_version: str
    recount_command: str
    recount_inputs: dict
    generated: datetime.datetime = field(
        default_factory=lambda: datetime.datetime.now(datetime.UTC))
    explanation_error: str = ""

    def input_rows(self) -> list[tuple[str, str]]:
        """The input facts as (label, value), for the page and the PDF."""
        return [(_("File"), self.filename), (_("SHA-256 of the file"), self.input_sha256),
                (_("Size"), _("%(bytes)s bytes") % {"bytes": f"{self.input_size:,}"}),
                (_("Ballots counted"), f"{self.voters:,}"),
                (_("Projects"), f"{self.project_count:,}"),
                (_("Budget"), self.budget + (" " + _("(given instead of the file's)")
                                             if self.budget_replaced else "")),
                (_("Calculator version"), self.calculator_version),
                (_("SHA-256 of the result"), self.result_sha256)]

    def outcome_lines(self) -> list[tuple[str, str]]:
        return outcome_lines(self.outcomes) if self.outcomes else []

    def recount_json(self) -> str:
        """The stated inputs as JSON (what a recount needs, and the digest it must give)."""
        import json

        return json.dumps(self.recount_inputs, indent=2, ensure_ascii=False, sort_keys=True)


@cache
def calculator_version() -> str:
    """The project's version and a SHA-256 of the calculator's source (its first 16 digits):
    two runs with the same value ran the same rules."""
    root = Path(calculator.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    version = "?"
    pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
    if pyproject.exists():
        version = tomllib.loads(pyproject.read_text())["project"]["version"]
    return f"{version} (source {digest.hexdigest()[:16]})"


def recount_command(*, filename: str, rule: str, options: dict, budget: str = "") -> str:
    """The ``manage.py tally`` command line that recounts this count."""
    parts = ["python", "manage.py", "tally", filename, "--rule", rule]
    if budget:
        parts += ["--budget", str(budget)]
    specs = {spec.name: spec for spec in RULES[rule].options}
    for name, value in options.items():
        if name not in specs or value in (None, "", []):
            continue
        flag = "--" + name.replace("_", "-")
        if specs[name].kind in (PROJECT_LIST, TEXT_LIST):
            items = value.split(",") if isinstance(value, str) else list(value)
            parts += [flag, *[str(item).strip() for item in items if str(item).strip()]]
        else:
            parts += [flag, str(value)]
    return " ".join(shlex.quote(part) for part in parts)


def _option_rows(rule: str, options: dict) -> list[tuple[str, str]]:
    rows = []
    for spec in RULES[rule].options:
        value = options.get(spec.name)
        label = _(spec.label) if spec.label else spec.name
        if value in (None, "", []):
            default = spec.default
            if spec.kind == CHOICE and default is None:
                default = _("none")
            shown = _("default (%(value)s)") % {"value": default} if default not in (None, "") \
                else _("not set")
        elif isinstance(value, (list, tuple)):
            shown = ", ".join(map(str, value))
        else:
            shown = str(value)
        rows.append((f"{label} ({spec.name})", shown))
    return rows


def build_report(*, filename: str, data: bytes, election: Election, allocation: Allocation,
                 rule: str, options: dict, budget: str = "", explanation: dict | None = None
                 ) -> AuditReport:
    """The audit report of ``allocation`` (``rule`` with ``options`` on the file ``data`` read as
    ``election``); ``explanation`` is :func:`tally.explained.explanation_data` (computed here
    when not given)."""
    tie_break = explained.tie_break_of(election, rule, options)
    if explanation is None:
        pb_text = data if filename.lower().endswith(".pb") else None
        explanation = explained.explanation_data(election, allocation, tie_break=tie_break,
                                                 pb_text=pb_text)
    names = {pid: project.name for pid, project in election.projects.items()}
    currency = allocation.currency
    money = lambda amount: explained.money(amount, currency)  # noqa: E731
    funded = [(explained.project_label(pid, names), money(allocation.funded[pid]))
              for pid in allocation.selected if pid in allocation.funded]
    order = explanation.get("tie_break") or []
    tie_text = (_("the order given: %(order)s") % {"order": ", ".join(order)} if order
                else _("by project id (as text, smallest first), as pabutools does"))
    inputs = {"file": filename, "sha256": hashlib.sha256(data).hexdigest(), "rule": rule,
              "options": options, "budget": budget,
              "result_sha256": explained.result_digest(allocation)}
    return AuditReport(
        filename=filename, input_sha256=inputs["sha256"], input_size=len(data),
        budget=money(election.budget), budget_replaced=bool(budget),
        voters=election.num_voters, project_count=len(election.projects), rule=rule,
        rule_label=services.rule_label(rule), options=_option_rows(rule, options),
        tie_break=tie_text, steps=list(allocation.steps), funded=funded,
        leftover_amount=money(allocation.leftover),
        projects=explained.project_rows(explanation, names) if explanation["projects"] else [],
        leftover=explained.leftover_sentence(explanation, names),
        rounds=[explained.round_sentence(row, explanation, names)
                for row in explanation["rounds"]],
        outcomes=explained.outcome_rows(explanation["outcomes"], currency),
        warnings=[explained.warning_message(row, names, currency=currency,
                                            budget=election.budget)
                  for row in explanation["warnings"]],
        result_sha256=inputs["result_sha256"], calculator_version=calculator_version(),
        recount_command=recount_command(filename=filename, rule=rule, options=options,
                                        budget=budget),
        recount_inputs=inputs, explanation_error=explanation.get("error", ""),
    )


def report_for_count(count, vote) -> AuditReport:
    """The audit report of a stored count (a typed vote is reported as its ``.pb`` export,
    which recounts the same)."""
    from tally import counts

    election = counts.read_vote(vote, budget=count.budget)
    allocation = counts.allocation_from_dict(count.result["allocation"])
    data = explained.explained_count(count)
    if vote.typed:
        content = calculator.election_to_pabulib(election).encode()
        filename, budget = "typed-vote.pb", ""
    else:
        content, filename, budget = bytes(vote.data), vote.filename, count.budget
    return build_report(filename=filename, data=content, election=election,
                        allocation=allocation, rule=count.rule, options=dict(count.options),
                        budget=budget,
                        explanation=data if data.get("status") == "done" else None)


def recount(*, data: bytes, filename: str, rule: str, options: dict, budget: str = ""
            ) -> tuple[Election, Allocation]:
    """Count again from a report's stated inputs (what anyone holding the file can do)."""
    money = services.parse_budget(budget) if budget else None
    election = services.election_from_upload(filename=filename, data=data, max_bytes=len(data) + 1,
                                             budget=money)
    if money is not None:
        election.budget = money
    resolved = services.resolve_project_options(election=election, rule=rule, options=options)
    return election, services.run_tally(election=election, rule=rule, options=resolved)


# --- PDF -------------------------------------------------------------------------------------

def render_pdf(report: AuditReport) -> bytes:
    """The report as a PDF (fpdf2); the two SHA-256 digests are also in its metadata."""
    from fpdf import FPDF

    from toolkit.pdf import latin1

    # fpdf2 subsets the font with fontTools, which logs every glyph at INFO level.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    pdf = FPDF(format="A4")
    regular, bold = FONT_DIRECTORY / "DejaVuSans.ttf", FONT_DIRECTORY / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("Report", "", str(regular))
        pdf.add_font("Report", "B", str(bold))
        family, clean = "Report", str
    else:
        family, clean = "Helvetica", latin1
    title = _("Audit report of a participatory budgeting count")
    pdf.set_title(clean(title))
    pdf.set_author("PB Exchange")
    pdf.set_subject(f"input-sha256 {report.input_sha256}; result-sha256 {report.result_sha256}")
    pdf.set_keywords(f"result-sha256:{report.result_sha256} input-sha256:{report.input_sha256}")
    pdf.set_creation_date(report.generated)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    width = pdf.epw

    def write(text, *, size=10, style="", height=5.2):
        pdf.set_font(family, style=style, size=size)
        pdf.multi_cell(width, height, clean(text), new_x="LMARGIN", new_y="NEXT")

    def heading(text):
        pdf.ln(2)
        write(text, size=13, style="B", height=7)

    write(title, size=17, style="B", height=9)
    write(_("Generated %(date)s (UTC) by PB Exchange.") % {
        "date": report.generated.strftime("%Y-%m-%d %H:%M")}, size=9)
    heading(_("Input"))
    for label, value in report.input_rows():
        write(f"{label}: {value}")
    heading(_("Rule and options"))
    write(f"{_('Rule')}: {report.rule_label} ({report.rule})")
    for label, value in report.options:
        write(f"{label}: {value}")
    write(f"{_('Tie-breaking order')}: {report.tie_break}")
    heading(_("How to recount"))
    write(report.recount_command, size=9)
    heading(_("Result"))
    for label, amount in report.funded:
        write(f"- {label}: {amount}")
    if not report.funded:
        write(_("No project could be funded."))
    write(f"{_('Left over:')} {report.leftover_amount}")
    if report.leftover:
        write(report.leftover)
    heading(_("Why each project was or was not funded"))
    for row in report.projects:
        write(row["sentence"] + (f" {row['would_win']}" if row["would_win"] else ""))
        if row["effective_support"]:
            write(_("Effective support: %(percent)s") % {"percent": row["effective_support"]},
                  size=9)
    if report.explanation_error:
        write(report.explanation_error)
    if report.rounds:
        heading(_("Equal Shares rounds"))
        for line in report.rounds:
            write(line)
    heading(_("Step by step"))
    for number, step in enumerate(report.steps, start=1):
        write(f"{number}. {step}", size=9)
    if report.outcomes:
        heading(_("Outcome measures"))
        for label, value in report.outcome_lines():
            write(f"{label}: {value}")
    if report.warnings:
        heading(_("Upload warnings (the count went on)"))
        for line in report.warnings:
            write(f"- {line}")
    return bytes(pdf.output())


def outcome_lines(outcomes: dict) -> list[tuple[str, str]]:
    """The outcome measures as (label, value)."""
    lines = [
        (_("Voters with at least one funded project they supported"),
         f"{outcomes['with_funded']} / {outcomes['voters']} ({outcomes['share']})"),
        (_("Funded projects per voter, on average"), outcomes["average_funded"]),
        (_("Cost of the funded projects per voter, on average"), outcomes["average_cost"]),
    ]
    lines += [(_("Voters who got %(k)s of their projects") % {"k": k}, voters)
              for k, voters in outcomes["distribution"]]
    lines.append((_("Gini coefficient of satisfaction (cost; 0 = all equal)"), outcomes["gini"]))
    return lines
