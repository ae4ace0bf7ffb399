"""The explained result on the website: each project's reason, effective support and what would
have made it win, the money left, the pictures, the ballot lookup, the outcome measures of a
comparison and the audit report. The counting views live in ``tally/views.py``; these only add
to a finished count."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tally import charts, counts, explained, services
from tally.models import Count

ROUNDS_PER_PAGE = 25
"""Equal Shares rounds drawn at once; a larger count is drawn page by page."""


def _names(election) -> dict:
    return {pid: project.name for pid, project in election.projects.items()}


def explained_context(request, count, election, allocation, title: str) -> dict:
    """What the result page shows beyond the allocation (see ``tally/includes/explained.html``)."""
    data = explained.explained_count(count)
    if data.get("status") != "done":
        return {"explained": {"status": data.get("status", "failed")}}
    names = _names(election)
    currency = allocation.currency
    rows = explained.project_rows(data, names)
    context = {"explained": {
        "status": "done",
        "error": data["error"],
        "projects": rows,
        "leftover": explained.leftover_sentence(data, names),
        "rounds": [explained.round_sentence(row, data, names) for row in data["rounds"]],
        "per_voter": explained.money(data["per_voter"], currency) if data.get("per_voter") else "",
        "warnings": [explained.warning_message(row, names, currency=currency,
                                               budget=election.budget)
                     for row in data["warnings"]],
        "outcomes": explained.outcome_rows(data["outcomes"], currency),
        "lookup": data.get("voter_groups") is not None,
        "ballot_projects": [(pid, explained.project_label(pid, names))
                            for pid in election.projects],
    }}
    notes = explained.support_notes(data)
    chart = charts.chart_from_allocation(election=election, allocation=allocation, title=title,
                                         notes=notes)
    context["chart_svg"] = charts.render_svg(chart)
    context["chart_rows"] = [{"label": bar.label, "score": charts.format_number(bar.score),
                              "cost": explained.money(bar.cost, currency),
                              "amount": explained.money(bar.amount, currency),
                              "status": bar.status, "support": bar.note}
                             for bar in chart.bars]
    context["chart_has_support"] = bool(notes)
    histogram = charts.histogram_from_distribution(data["outcomes"]["distribution"])
    context["histogram_svg"] = charts.render_svg(histogram, id_prefix="tally-histogram")
    context["histogram_rows"] = histogram.counts
    if data["rounds"]:
        page = _int(request.GET.get("rounds"), 1)
        context.update(_rounds_context(data, names, page))
    return context


def _int(text, default: int) -> int:
    try:
        return max(int(text), 1)
    except (TypeError, ValueError):
        return default


def rounds_chart(data: dict, names: dict, *, first: int = 1,
                 last: int | None = None) -> charts.RoundsChart:
    """The Equal Shares rounds ``first``..``last`` as a chart: the voters' money before each
    round and what the winner's supporters paid."""
    per_voter = explained.fraction(data["per_voter"])
    start = per_voter * data["voters"]
    held = start
    steps = []
    for row in data["rounds"]:
        paid = explained.fraction(row["cost"])
        if first <= row["number"] <= (last or row["number"]):
            steps.append(charts.RoundStep(
                label=_("Round %(number)s: %(project)s") % {
                    "number": row["number"],
                    "project": explained.project_label(row["project"], names)},
                held=_decimal(held), paid=_decimal(paid),
                most=explained.money(row["max_payment"], data["currency"])))
        held -= paid
    return charts.RoundsChart(title=_("Equal Shares, round by round"),
                              currency=data["currency"], start=_decimal(start),
                              rounds=tuple(steps))


def _decimal(value):
    from decimal import Decimal

    return Decimal(value.numerator) / Decimal(value.denominator)


def _rounds_context(data, names, page: int) -> dict:
    total = len(data["rounds"])
    pages = (total + ROUNDS_PER_PAGE - 1) // ROUNDS_PER_PAGE
    page = min(page, pages)
    first = (page - 1) * ROUNDS_PER_PAGE + 1
    last = min(page * ROUNDS_PER_PAGE, total)
    chart = rounds_chart(data, names, first=first, last=last)
    return {"rounds_svg": charts.render_svg(chart, id_prefix="tally-rounds"),
            "rounds_rows": [{"label": step.label, "held": chart.money(step.held),
                             "paid": chart.money(step.paid), "most": step.most}
                            for step in chart.rounds],
            "rounds_page": {"number": page, "pages": pages, "first": first, "last": last,
                            "total": total}}


def _finished_count(key):
    count = counts.count_by_key(key)
    if count is None or count.kind != Count.Kind.COUNT:
        return None
    return count


def ballot(request, key):
    """Equal Shares: what a voter with the ballot entered (a set of projects) paid."""
    count = _finished_count(key)
    if count is None:
        return redirect("tally:calculator")
    if count.status != Count.Status.DONE:
        return redirect("tally:result", key=key)
    election = counts.election_from_summary(count.result["election"])
    data = explained.explained_count(count)
    names = _names(election)
    chosen = [pid for pid in request.GET.getlist("project") if pid in election.projects]
    answer = None
    if "look" in request.GET and data.get("status") == "done":
        answer = explained.ballot_lookup(data, chosen, names)
    context = {"key": key, "count": count, "rule_label": services.rule_label(count.rule),
               "answer": answer, "chosen": chosen,
               "explained": {"lookup": data.get("voter_groups") is not None,
                             "ballot_projects": [(pid, explained.project_label(pid, names))
                                                 for pid in election.projects]}}
    return render(request, "tally/ballot.html", context)


def comparison_outcomes(comparison, columns) -> list[dict]:
    """The outcome measures of every compared rule, as rows of a table (one cell per column)."""
    found = explained.comparison_outcomes(comparison)
    if not found:
        return []
    currency = comparison.result["election"]["currency"]
    shown = {rule: explained.outcome_rows(data, currency) for rule, data in found.items()}
    largest = max((k for rows in shown.values() for k, _v in rows["distribution"]), default=0)
    lines = [
        (_("Voters with at least one funded project they supported"),
         lambda r: f"{r['with_funded']} ({r['share']})"),
        (_("Funded projects per voter, on average"), lambda r: r["average_funded"]),
        (_("Cost of the funded projects per voter, on average"), lambda r: r["average_cost"]),
    ]
    rows = [{"label": label, "cells": [get(shown[c["rule"]]) if c["rule"] in shown else "—"
                                        for c in columns]} for label, get in lines]
    for k in range(largest + 1):
        rows.append({"label": _("Voters who got %(k)s of their projects") % {"k": k},
                     "cells": [dict(shown[c["rule"]]["distribution"]).get(k, "0")
                               if c["rule"] in shown else "—" for c in columns]})
    rows.append({"label": _("Gini coefficient of satisfaction (cost; 0 = all equal)"),
                 "cells": [shown[c["rule"]]["gini"] if c["rule"] in shown else "—"
                           for c in columns]})
    return rows


def report(request, key, fmt):
    """The audit report of a stored count: a printable page or a PDF."""
    from tally import report as audit

    count = _finished_count(key)
    if count is None:
        return redirect("tally:calculator")
    if count.status != Count.Status.DONE:
        return redirect("tally:result", key=key)
    vote = counts.stored_vote(key=count.vote.key)
    if vote is None:
        raise Http404
    try:
        built = audit.report_for_count(count, vote)
    except services.TallyInputError as error:
        return HttpResponse(str(error), status=422, content_type="text/plain; charset=utf-8")
    if fmt == "pdf":
        response = HttpResponse(audit.render_pdf(built), content_type="application/pdf")
        response["Content-Disposition"] = (f'attachment; filename="pb-audit-report-{count.rule}'
                                           f'-{built.result_sha256[:12]}.pdf"')
        return response
    return render(request, "tally/report.html",
                  {"report": built, "key": key, "count": count})


def districts(request):
    """The district split: a budget across districts by weighted criteria, to the cent."""
    from tally.districts import DistrictForm, split

    result = None
    status = 200
    if request.method == "POST":
        form = DistrictForm(request.POST)
        if form.is_valid():
            try:
                result = split(budget=form.cleaned_data["budget"],
                               criteria=form.cleaned_data["criteria"],
                               districts=form.cleaned_data["districts"])
            except services.TallyInputError as error:
                form.add_error(None, str(error))
        if result is None:
            status = 400
    else:
        form = DistrictForm(initial={
            "criteria": "population: 2\nneed: 3",
            "districts": "Centro; 4; 1\nNorte; 3; 3\nSul; 2; 4"})
    return render(request, "tally/districts.html", {"form": form, "result": result},
                  status=status)


@require_POST
def case_study(request, page_id):
    """"Recount with other rules" on a case study: count its election with the rule its ballots
    call for, then show the comparison of every rule that can count them."""
    from library.models import ResourcePage

    page = ResourcePage.objects.live().filter(pk=page_id).exclude(election_file="").first()
    if page is None:
        raise Http404
    page_url = page.get_url(request) or "/"
    with page.election_file.open("rb") as file:
        data = file.read(settings.TALLY_MAX_UPLOAD_BYTES + 1)
    filename = page.election_file.name.rsplit("/", 1)[-1]
    visitor = counts.visitor_for_request(request)
    try:
        election = services.election_from_upload(filename=filename, data=data,
                                                 max_bytes=settings.TALLY_MAX_UPLOAD_BYTES)
        rule, options = services.rule_for_ballots(election.vote_type)
        vote = counts.store_vote(visitor=visitor, data=data, filename=filename,
                                 vote_type=election.vote_type)
        count = counts.start_count(visitor=visitor, vote=vote, rule=rule, options=options,
                                   language=get_language())
    except services.TallyInputError as error:
        messages.error(request, str(error))
        return redirect(page_url)
    except counts.LimitReached as limit:
        messages.warning(request, str(limit))
        return redirect(page_url)
    count = counts.wait_for(count, seconds=settings.TALLY_INLINE_WAIT)
    if count.status != Count.Status.DONE:
        return redirect("tally:result", key=count.key)
    return redirect("tally:compare", key=count.key)
