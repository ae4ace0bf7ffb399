"""The district split on the website: a budget shared across districts by weighted criteria
(population, need, …) as Porto Alegre does, to the cent (``calculator.allocate_districts``).

:class:`DistrictForm` reads what a person types (a budget, ``criterion: weight`` lines and one
``district; grade; grade…`` line per district, grades in the criteria's order) and names the line
of any mistake; :func:`split` runs the calculator and returns display rows.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calculator import CalculatorError, allocate_districts
from calculator.explain import percent
from tally import services

CENT = Decimal("0.01")
MAX_DISTRICTS = 500


class DistrictForm(forms.Form):
    """A budget, the criteria with their weights and the districts with their grades."""

    budget = forms.CharField(label=gettext_lazy("Budget to split"), max_length=40,
                             help_text=gettext_lazy("For example 1,000,000 or 250000.50 "
                                                    "(whole cents)."))
    criteria = forms.CharField(
        label=gettext_lazy("Criteria and their weights"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One per line as criterion: weight, for example population: 2"))
    districts = forms.CharField(
        label=gettext_lazy("Districts and their grades"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("One district per line: its name, then its grade for each "
                               "criterion in the order above, separated by semicolons, for "
                               "example: Centro; 3; 1"))

    def clean_budget(self):
        try:
            budget = services.parse_budget(self.cleaned_data["budget"])
        except services.TallyInputError as error:
            raise forms.ValidationError(str(error)) from None
        if budget != budget.quantize(CENT):
            raise forms.ValidationError(_("The budget must be a whole number of cents."))
        return budget

    def clean_criteria(self):
        criteria = {}
        for number, line in _lines(self.cleaned_data["criteria"]):
            name, colon, weight = line.rpartition(":")
            if not colon or not name.strip():
                raise forms.ValidationError(
                    _("Line %(line)s: write criterion: weight, for example population: 2.")
                    % {"line": number})
            name = name.strip()
            if name.casefold() in {known.casefold() for known in criteria}:
                raise forms.ValidationError(_("Line %(line)s: the criterion “%(name)s” is listed "
                                              "twice.") % {"line": number, "name": name})
            criteria[name] = _number(weight, number, _("weight"))
        if not criteria:
            raise forms.ValidationError(_("Give at least one criterion with its weight."))
        return criteria

    def clean(self):
        cleaned = super().clean()
        criteria = cleaned.get("criteria")
        if not criteria or "districts" not in cleaned:
            return cleaned
        districts = {}
        for number, line in _lines(cleaned["districts"]):
            cells = [cell.strip() for cell in line.split(";")]
            name, grades = cells[0], cells[1:]
            if not name:
                self.add_error("districts", _("Line %(line)s: the district has no name.")
                               % {"line": number})
                return cleaned
            if len(grades) != len(criteria):
                self.add_error("districts", _(
                    "Line %(line)s: %(name)s has %(given)s grades; give one for each criterion "
                    "(%(criteria)s), separated by semicolons.") % {
                    "line": number, "name": name, "given": len(grades),
                    "criteria": ", ".join(criteria)})
                return cleaned
            if name in districts:
                self.add_error("districts", _("Line %(line)s: the district “%(name)s” is listed "
                                              "twice.") % {"line": number, "name": name})
                return cleaned
            try:
                districts[name] = {criterion: _number(grade, number, criterion)
                                   for criterion, grade in zip(criteria, grades, strict=True)}
            except forms.ValidationError as error:
                self.add_error("districts", error)
                return cleaned
        if not districts:
            self.add_error("districts", _("Give at least one district with its grades."))
        elif len(districts) > MAX_DISTRICTS:
            self.add_error("districts", _("At most %(count)s districts.") % {"count": MAX_DISTRICTS})
        cleaned["districts"] = districts
        return cleaned


def _lines(text: str):
    for number, line in enumerate((text or "").splitlines(), start=1):
        if line.strip():
            yield number, line.strip()


def _number(text: str, line: int, what: str) -> Decimal:
    try:
        value = services.parse_amount(text, what=what.capitalize(), line=line)
    except services.TallyInputError as error:
        raise forms.ValidationError(str(error)) from None
    if value < 0:
        raise forms.ValidationError(_("Line %(line)s: %(what)s cannot be negative.")
                                    % {"line": line, "what": what})
    return value


def split(*, budget: Decimal, criteria: dict, districts: dict) -> dict:
    """The split as display rows (district, score, exact share, amount) and the total; raises
    :class:`~tally.services.TallyInputError` when the calculator refuses the figures."""
    try:
        allocation = allocate_districts(budget, criteria=criteria, districts=districts)
    except CalculatorError as error:
        raise services.TallyInputError(str(error)) from None
    total_score = sum((Fraction(str(score)) for score in allocation.scores.values()), Fraction(0))
    rows = []
    for name in allocation.selected:
        score = Fraction(str(allocation.scores[name]))
        rows.append({"name": name, "score": allocation.scores[name],
                     "share": percent(score / total_score) if total_score else "0.0%",
                     "amount": services.exact_money(allocation.funded[name])})
    return {"rows": rows, "total": services.exact_money(allocation.total_funded),
            "budget": services.exact_money(budget), "steps": allocation.steps,
            "adds_up": allocation.total_funded == budget}
