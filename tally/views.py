"""/calculator/: choose a rule, upload or type a vote, follow the count, see the explained
result at a shareable URL, download it, compare rules on the same ballots.

Counts run in the ``run_count`` task (tally/counts.py); these views only store the vote, start a
count, and show a stored count: its progress, its failure or its result.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from calculator import result_to_csv
from calculator.serialize import election_to_pabulib
from tally import charts, counts, explained_views, services
from tally.forms import RuleOptionsForm, TallyForm, rule_help
from tally.models import Count

ROWS_SHOWN = 200


def calculator(request):
    """The form; a vote that reads is stored and counted, and the count's page shown."""
    visitor = counts.visitor_for_request(request)
    status = 200
    if request.method == "POST":
        form = TallyForm(request.POST, request.FILES, visitor=visitor)
        option_forms = {rule: RuleOptionsForm(request.POST, rule=rule)
                        for rule in services.TALLY_RULES}
        if form.is_valid():
            count = _start(request, form, option_forms, visitor)
            if isinstance(count, Count):
                count = counts.wait_for(count, seconds=settings.TALLY_INLINE_WAIT)
                return redirect("tally:result", key=count.key)
        limit = form.limit
        if limit is not None:
            status = limit.status
        elif form.errors or any(f.errors for f in option_forms.values()):
            status = 400
    else:
        form, option_forms = _edit_forms(request, visitor)
        limit = None
    response = render(request, "tally/calculator.html", _form_context(form, option_forms),
                      status=status)
    if limit is not None:
        response["Retry-After"] = str(limit.retry_after)
    return response


def _start(request, form, option_forms, visitor):
    """Start the count the form describes; a limit or an option error marks the form."""
    rule = form.cleaned_data["rule"]
    if rule == services.AUTO_RULE:
        rule, options = services.rule_for_ballots(form.election.vote_type)
    else:
        options_form = option_forms[rule]
        if not options_form.is_valid():
            return None
        options = options_form.options()
    try:
        return counts.start_count(visitor=visitor, vote=form.vote, rule=rule, options=options,
                                  budget=form.file_budget(), language=get_language())
    except counts.LimitReached as limit:
        form.limit = limit
        form.add_error(None, str(limit))
        return None


def _form_context(form, option_forms):
    vote = form.vote
    kept = vote if vote is not None and not vote.typed else None
    allowed = services.rules_for_ballots(kept.vote_type) if kept else services.TALLY_RULES
    chosen = str(form["rule"].value() or services.AUTO_RULE)
    radios = {radio.data["value"]: radio for radio in form["rule"]}
    rules = [{"name": rule, "label": label, "help": rule_help(rule),
              "options": option_forms[rule], "radio": radios[rule], "checked": chosen == rule}
             for rule, label in services.rule_choices() if rule in allowed]
    auto_rule = services.rule_for_ballots(kept.vote_type)[0] if kept else ""
    return {
        "form": form,
        "auto": {"radio": radios[services.AUTO_RULE], "checked": chosen == services.AUTO_RULE,
                 "rule_label": services.rule_label(auto_rule) if auto_rule else ""},
        "rules": rules,
        "kept": kept,
        "max_upload_mb": settings.TALLY_MAX_UPLOAD_BYTES // (1024 * 1024),
    }


def _edit_forms(request, visitor):
    """Blank forms, or the forms filled with a stored count's vote and rule (``?edit=key``)."""
    count = counts.count_by_key(request.GET.get("edit", ""))
    if count is None or count.kind != Count.Kind.COUNT:
        return (TallyForm(visitor=visitor),
                {rule: RuleOptionsForm(rule=rule) for rule in services.TALLY_RULES})
    option_forms = {}
    for rule in services.TALLY_RULES:
        initial = {}
        if rule == count.rule:
            initial = {name: "\n".join(value) if isinstance(value, list) else value
                       for name, value in count.options.items()}
        option_forms[rule] = RuleOptionsForm(rule=rule, initial=initial)
    vote = count.vote
    rule = count.rule if count.rule in services.rules_for_ballots(vote.vote_type) else (
        services.AUTO_RULE)
    initial = {"rule": rule, "budget": count.budget}
    if vote.typed:
        initial.update(counts.typed_fields(counts.stored_vote(key=vote.key) or vote))
    else:
        initial["kept_vote"] = vote.key
    return TallyForm(initial=initial, visitor=visitor), option_forms


def _stored_count(request, key, kind=Count.Kind.COUNT):
    count = counts.count_by_key(key)
    if count is None or count.kind != kind:
        days = settings.TALLY_RESULT_TTL // 86400
        messages.warning(request, ngettext(
            "That result is no longer available (results are kept for %(days)s day). Please "
            "upload or type the vote again.",
            "That result is no longer available (results are kept for %(days)s days). Please "
            "upload or type the vote again.", days) % {"days": days})
    return count


def _waiting(request, count, *, title):
    """A count that has not finished (the page reloads itself) or that failed."""
    elapsed = 0
    if count.started_at:
        elapsed = int(((count.finished_at or timezone.now()) - count.started_at).total_seconds())
    context = {"count": count, "title": title, "elapsed": elapsed,
               "limit": settings.TALLY_TIME_LIMIT, "failure": "",
               "rule_label": title}
    if count.finished:
        context["failure"] = counts.failure_message(count)
    elif count.kind == Count.Kind.COMPARISON and "/" in count.progress:
        done, total = count.progress.split("/")
        context["step"] = {"number": done, "total": total}
    return render(request, "tally/waiting.html", context,
                  status=200 if not count.finished else 422)


def result(request, key):
    """The stored result: funded projects, chart, steps, ties, rejected ballots, downloads,
    comparison; or the count's progress while it runs, or why it stopped."""
    count = _stored_count(request, key)
    if count is None:
        return redirect("tally:calculator")
    label = services.rule_label(count.rule)
    if count.status != Count.Status.DONE:
        return _waiting(request, count, title=label)
    election = counts.election_from_summary(count.result["election"])
    allocation = counts.allocation_from_dict(count.result["allocation"])
    chart = charts.chart_from_allocation(election=election, allocation=allocation, title=label)
    rows = services.result_rows(election=election, allocation=allocation)
    money = lambda amount: services.exact_money(amount, allocation.currency)  # noqa: E731
    vote_type = count.result["election"]["vote_type"]
    context = {
        "key": key,
        "count": count,
        "rule_label": label,
        "election": election,
        "num_voters": count.result["election"]["num_voters"],
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
        "ties": [[_project_name(election, pid) for pid in group] for group in allocation.ties],
        "rejected": allocation.rejected_ballots[:ROWS_SHOWN],
        "rejected_more": max(len(allocation.rejected_ballots) - ROWS_SHOWN, 0),
        "compare_rules": services.rule_choices(),
        "chosen": services.rules_for_ballots(vote_type),
        "expires_at": count.expires_at,
    }
    context.update(explained_views.explained_context(request, count, election, allocation, label))
    return render(request, "tally/result.html", context)


def _project_name(election, pid):
    project = election.projects.get(pid)
    if project is None or not project.name or project.name == pid:
        return pid
    return f"{project.name} ({pid})"


def _row(row, money):
    return {"order": row.order, "id": row.id, "label": row.label,
            "score": charts.format_number(row.score), "cost": money(row.cost),
            "amount": money(row.amount), "partial": row.status == "partial"}


def download(request, key, fmt):
    """The stored result as CSV (one row per project) or JSON (amounts as decimal strings)."""
    count = _stored_count(request, key)
    if count is None:
        return redirect("tally:calculator")
    if count.status != Count.Status.DONE:
        return redirect("tally:result", key=key)
    summary, data = count.result["election"], count.result["allocation"]
    names = {pid: name for pid, name, _cost in summary["projects"]}
    if fmt in ("pb", "vote"):
        return _pabulib_download(count, selected=data["selected"] if fmt == "pb" else None)
    if fmt == "csv":
        allocation = counts.allocation_from_dict(data)
        response = HttpResponse(result_to_csv(allocation, names),
                                content_type="text/csv; charset=utf-8")
    else:
        data = dict(data)
        data["projects"] = {pid: {"name": name, "cost": cost}
                            for pid, name, cost in summary["projects"]}
        response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False),
                                content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pb-result-{count.rule}.{fmt}"'
    return response


# Pabulib's META ``rule`` names for the rules (and options) that have one.
PABULIB_RULES = {("greedy", None): "greedy", ("mes", None): "equalshares",
                 ("mes", "add1"): "equalshares/add1"}


def _pabulib_download(count, *, selected):
    """The count's vote as a Pabulib .pb file; with ``selected``, its result in the
    ``selected`` column and its rule in META."""
    try:
        election = counts.read_vote(counts.stored_vote(key=count.vote.key) or count.vote,
                                    budget=count.budget)
    except services.TallyInputError:  # it was read when the count started; it cannot fail now
        raise Http404 from None
    rule = None
    if selected is not None:
        pabulib = PABULIB_RULES.get((count.rule, count.options.get("completion")))
        rule = pabulib if pabulib and count.options.get("utility", "cost") == "cost" else count.rule
    text = election_to_pabulib(election, selected=selected, rule=rule)
    name = "pb-result" if selected is not None else "pb-vote"
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{count.rule}.pb"'
    return response


def compare(request, key):
    """Two or more rules on the same ballots side by side, computed once and stored: which
    projects change, and why."""
    count = _stored_count(request, key)
    if count is None:
        return redirect("tally:calculator")
    if count.status != Count.Status.DONE:
        return redirect("tally:result", key=key)
    vote_type = count.result["election"]["vote_type"]
    asked = [rule for rule in request.GET.getlist("rules") if rule in services.TALLY_RULES]
    chosen = [rule for rule in services.TALLY_RULES if rule in asked]
    if len(chosen) < 2:
        if request.GET.getlist("rules"):
            messages.error(request, _("Choose at least two rules to compare."))
        chosen = list(services.rules_for_ballots(vote_type))
        if count.rule not in chosen:
            chosen.insert(0, count.rule)
    comparison = counts.comparison_of(count, rules=chosen)
    if comparison is None:
        try:
            comparison = counts.start_count(
                visitor=counts.visitor_for_request(request), vote=count.vote, rule="",
                rules=chosen, options={count.rule: count.options}, budget=count.budget,
                language=get_language(), compared=count)
        except counts.LimitReached as limit:
            response = render(request, "tally/waiting.html", {
                "title": _("Compare rules"), "count": count, "limited": str(limit)},
                status=limit.status)
            response["Retry-After"] = str(limit.retry_after)
            return response
        comparison = counts.wait_for(comparison, seconds=settings.TALLY_INLINE_WAIT)
    if comparison.status != Count.Status.DONE:
        return _waiting(request, comparison, title=_("Compare rules"))
    return _comparison_page(request, count, comparison)


def _comparison_page(request, count, comparison):
    stored = comparison.result
    election = counts.election_from_summary(stored["election"])
    allocations = {rule: counts.allocation_from_dict(data)
                   for rule, data in stored["allocations"].items()}
    errors = dict(stored["errors"])
    for rule in stored.get("stopped", []):
        errors[rule] = _("it took longer than %(seconds)s seconds, the time limit, and was "
                         "stopped.") % {"seconds": settings.TALLY_TIME_LIMIT}
    lined = services.line_up(election=election, rules=comparison.rules, allocations=allocations,
                             errors=errors)
    currency = next(iter(allocations.values())).currency if allocations else "$"
    money = lambda amount: services.exact_money(amount, currency)  # noqa: E731
    columns = [{"rule": rule, "label": services.rule_label(rule),
                "options_used": rule == count.rule and bool(count.options),
                "error": errors.get(rule, ""),
                "allocation": allocations.get(rule)} for rule in lined.rules]
    for column in columns:
        allocation = column["allocation"]
        if allocation is not None:
            column["total"] = money(allocation.total_funded)
            column["leftover"] = money(allocation.leftover)
            column["count"] = len(allocation.selected)
    rows = [{"label": _project_name(election, line.id), "changed": line.changed,
             "cells": [{"rule": column["label"], "amount": money(cell.amount),
                        "funded": cell.funded, "partial": cell.partial, "why": cell.why}
                       if cell else None
                       for cell, column in zip(line.cells, columns, strict=True)]}
            for line in lined.lines]
    context = {"key": count.key, "count": count, "columns": columns, "rows": rows,
               "changed": [row for row in rows if row["changed"]],
               "chosen": lined.rules, "compare_rules": services.rule_choices(),
               "rule_label": services.rule_label(count.rule),
               "budget": money(election.budget)}
    context["outcome_rows"] = explained_views.comparison_outcomes(comparison, columns)
    return render(request, "tally/compare.html", context)
