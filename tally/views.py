"""/calculator/: choose a rule, upload or type a vote, see the explained result, download it,
compare rules on the same ballots."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from calculator import format_money, result_to_csv, result_to_dict
from tally import charts, services
from tally.forms import RuleOptionsForm, TallyForm, rule_help

SESSION_KEY = "tally_results"
KEPT_PER_SESSION = 10
ROWS_SHOWN = 200


def calculator(request):
    """The form; a valid vote is tallied, kept for a while, and its result page shown."""
    rules = services.TALLY_RULES
    if request.method == "POST":
        form = TallyForm(request.POST, request.FILES)
        option_forms = {rule: RuleOptionsForm(request.POST, rule=rule) for rule in rules}
        if form.is_valid():
            rule = form.cleaned_data["rule"]
            options_form = option_forms[rule]
            if options_form.is_valid():
                key = _tally_and_keep(request, form, options_form)
                if key:
                    return redirect("tally:result", key=key)
    else:
        form, option_forms = _edit_forms(request)
    context = {
        "form": form,
        "rules": [{"name": rule, "label": label, "help": rule_help(rule),
                   "options": option_forms[rule], "radio": radio,
                   "checked": str(form["rule"].value()) == rule}
                  for (rule, label), radio in zip(services.rule_choices(), form["rule"],
                                                  strict=True)],
        "max_upload_mb": 20,
    }
    return render(request, "tally/calculator.html", context, status=400 if form.errors else 200)


def _edit_forms(request):
    """Blank forms, or the forms filled with a kept tally's input (``?edit=key``)."""
    kept = _kept(request, request.GET.get("edit", ""))
    if kept is None:
        return TallyForm(), {rule: RuleOptionsForm(rule=rule) for rule in services.TALLY_RULES}
    option_forms = {}
    for rule in services.TALLY_RULES:
        initial = {}
        if rule == kept.rule:
            initial = {name: "\n".join(value) if isinstance(value, list) else value
                       for name, value in kept.options.items()}
        option_forms[rule] = RuleOptionsForm(rule=rule, initial=initial)
    return TallyForm(initial={"rule": kept.rule, **kept.entered}), option_forms


def _tally_and_keep(request, form, options_form):
    """Run the rule; on success keep the tally and return its key, else mark the form."""
    election, rule = form.election, form.cleaned_data["rule"]
    options = options_form.options()
    try:
        options = services.resolve_project_options(election=election, rule=rule, options=options)
        allocation = services.run_tally(election=election, rule=rule, options=options)
    except services.TallyInputError as error:
        form.add_error(None, str(error))
        return None
    entered = form.entered() if not form.cleaned_data.get("upload") else {}
    key = services.keep_tally(kept=services.KeptTally(
        election=election, rule=rule, options=options, allocation=allocation, entered=entered))
    request.session[SESSION_KEY] = ([key] + request.session.get(SESSION_KEY, []))[
        :KEPT_PER_SESSION]
    return key


def _kept(request, key):
    """The tally kept under ``key`` if it was made in this browser session and has not expired."""
    if key and key in request.session.get(SESSION_KEY, []):
        return services.kept_tally(key=key)
    return None


def _kept_or_restart(request, key):
    kept = _kept(request, key)
    if kept is None:
        messages.warning(request, _("That result is no longer available (results are kept for "
                                    "two hours). Please upload or type the vote again."))
    return kept


def result(request, key):
    """The result: funded projects, chart, steps, ties, rejected ballots, downloads, compare."""
    kept = _kept_or_restart(request, key)
    if kept is None:
        return redirect("tally:calculator")
    election, allocation = kept.election, kept.allocation
    chart = charts.chart_from_allocation(election=election, allocation=allocation,
                                         title=services.RULE_LABELS[kept.rule])
    rows = services.result_rows(election=election, allocation=allocation)
    money = lambda amount: format_money(amount, allocation.currency)  # noqa: E731
    context = {
        "key": key,
        "kept": kept,
        "rule_label": services.RULE_LABELS[kept.rule],
        "election": election,
        "allocation": allocation,
        "budget": money(allocation.budget),
        "total_funded": money(allocation.total_funded),
        "leftover": money(allocation.leftover),
        "donations": [(name, money(amount)) for name, amount in allocation.donations.items()],
        "funded_rows": [_row(row, money) for row in rows if row.order is not None],
        "chart": chart,
        "chart_svg": charts.render_svg(chart),
        "chart_rows": [{"label": bar.label, "score": charts.format_number(bar.score),
                        "cost": money(bar.cost), "amount": money(bar.amount),
                        "status": bar.status} for bar in chart.bars],
        "ties": [[election.projects[pid].label if pid in election.projects else pid
                  for pid in group] for group in allocation.ties],
        "rejected": allocation.rejected_ballots[:ROWS_SHOWN],
        "rejected_more": max(len(allocation.rejected_ballots) - ROWS_SHOWN, 0),
        "compare_rules": [(rule, label) for rule, label in services.rule_choices()],
    }
    return render(request, "tally/result.html", context)


def _row(row, money):
    return {"order": row.order, "id": row.id, "label": row.label,
            "score": charts.format_number(row.score), "cost": money(row.cost),
            "amount": money(row.amount), "partial": row.status == "partial"}


def download(request, key, fmt):
    """The kept result as CSV (one row per project) or JSON (amounts as decimal strings)."""
    kept = _kept_or_restart(request, key)
    if kept is None:
        return redirect("tally:calculator")
    names = {pid: project.name for pid, project in kept.election.projects.items()}
    if fmt == "csv":
        response = HttpResponse(result_to_csv(kept.allocation, names),
                                content_type="text/csv; charset=utf-8")
    else:
        data = result_to_dict(kept.allocation)
        data["projects"] = {pid: {"name": project.name, "cost": format(project.cost, "f")}
                            for pid, project in kept.election.projects.items()}
        response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False),
                                content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pb-result-{kept.rule}.{fmt}"'
    return response


def compare(request, key):
    """Two or more rules on the same ballots side by side: which projects change, and why."""
    kept = _kept_or_restart(request, key)
    if kept is None:
        return redirect("tally:calculator")
    chosen = [rule for rule in request.GET.getlist("rules") if rule in services.TALLY_RULES]
    if len(chosen) < 2:
        if request.GET.getlist("rules"):
            messages.error(request, _("Choose at least two rules to compare."))
        chosen = list(services.TALLY_RULES)
    comparison = services.compare_rules(
        election=kept.election, rules=chosen,
        options={kept.rule: kept.options}, known={kept.rule: kept.allocation})
    currency = kept.allocation.currency
    money = lambda amount: format_money(amount, currency)  # noqa: E731
    columns = [{"rule": rule, "label": services.RULE_LABELS[rule],
                "options_used": rule == kept.rule and bool(kept.options),
                "error": comparison.errors.get(rule, ""),
                "allocation": comparison.allocations.get(rule)} for rule in chosen]
    for column in columns:
        allocation = column["allocation"]
        if allocation is not None:
            column["total"] = money(allocation.total_funded)
            column["leftover"] = money(allocation.leftover)
            column["count"] = len(allocation.selected)
    rows = [{"label": line.label, "changed": line.changed,
             "cells": [{"rule": column["label"], "amount": money(cell.amount),
                        "funded": cell.funded, "partial": cell.partial, "why": cell.why}
                       if cell else None
                       for cell, column in zip(line.cells, columns, strict=True)]}
            for line in comparison.lines]
    context = {"key": key, "kept": kept, "columns": columns, "rows": rows,
               "changed": [row for row in rows if row["changed"]],
               "chosen": chosen, "compare_rules": services.rule_choices(),
               "rule_label": services.RULE_LABELS[kept.rule],
               "budget": money(kept.election.budget)}
    return render(request, "tally/compare.html", context)
