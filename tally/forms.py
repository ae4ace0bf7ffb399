"""The calculator form: a rule with its options (built from ``calculator.RULES``) and a vote,
uploaded as a file or typed in."""

from django import forms
from django.utils.translation import gettext_lazy as _

from calculator import RULES
from calculator.registry import CHOICE, DECIMAL, INTEGER, PROJECT_LIST, TEXT_LIST
from tally import services

WEB_MAX_UPLOAD_BYTES = 20 * 1024 * 1024
"""Enough for a city-wide vote of 100,000 ballots."""

# Words for the rules and options of calculator.RULES, in the reader's language. The fields
# themselves (names, kinds, defaults, choices) come from RULES; an option missing here shows
# the calculator's English text.
RULE_HELP = {
    "rank-and-rearrange": _(
        "Voters rank up to 5 projects (5 points for a first choice down to 1). Projects are "
        "funded fully in order of points; a project that no longer fits is offered all the "
        "money left if that covers at least 75% of its cost. Money left at the end can go to "
        "named recipients in equal parts."),
    "greedy": _(
        "Projects are taken from most to least support and funded when they still fit; one "
        "that does not fit is skipped. Support is votes (approval), points (cumulative) or "
        "rank points (ranked ballots)."),
    "mes": _(
        "Every voter gets an equal share of the budget; a project is funded when its "
        "supporters can pay for it, cheapest per supporter first. “Add 1” raises the shares "
        "while the result stays within the budget, then fills what is left greedily."),
}
OPTION_TEXT = {
    "threshold": (_("Threshold"), _(
        "Share of a project's cost that the money left must cover for a partial offer "
        "(inclusive), e.g. 0.75.")),
    "declined": (_("Delegates who decline"), _(
        "Projects (ids or names, separated by commas) whose delegate declines a partial offer.")),
    "leftover_recipients": (_("Recipients of the money left"), _(
        "One name per line; they share the money left equally, to the cent.")),
    ("rank-and-rearrange", "max_ranks"): (_("Ranks allowed"), _(
        "Most projects a ballot may rank (default: the file's maximum, else 5).")),
    ("greedy", "max_ranks"): (_("Ranks allowed"), _(
        "Ranked ballots: points go from this number down to 1 (default: the file's maximum, "
        "else the longest ballot).")),
    "tie_break": (_("Tie-break order"), _(
        "Projects (ids or names, separated by commas) in the order in which they win a tie, "
        "e.g. an official's decision; otherwise by project id.")),
    "currency": (_("Currency"), _("Currency symbol or code for the explanation "
                                  "(default: the file's, else $).")),
    "support": (_("Support"), _("What counts as support for a project.")),
    "utility": (_("Satisfaction"), _("What a voter gains from a funded project they support.")),
    "completion": (_("Completion"), _("What to do with the money Equal Shares leaves.")),
}
CHOICE_LABELS = {
    ("support", None): _("From the ballot type (votes, points or rank points)"),
    ("support", "approval"): _("Approval: number of ballots that list the project"),
    ("utility", "cost"): _("Cost of the funded projects they support"),
    ("utility", "cardinality"): _("Number of funded projects they support"),
    ("completion", None): _("None"),
    ("completion", "add1"): _("Add 1: raise every share by one unit, then fill greedily"),
}


def rule_help(rule: str) -> str:
    return RULE_HELP.get(rule, RULES[rule].help)


def option_field(rule: str, spec) -> forms.Field:
    """A form field for one option of ``calculator.RULES``, read by the option's kind."""
    label, help_text = OPTION_TEXT.get((rule, spec.name)) or OPTION_TEXT.get(
        spec.name, (spec.label or spec.name, spec.help))
    common = {"label": label, "help_text": help_text, "required": False}
    if spec.kind == DECIMAL:
        return forms.DecimalField(initial=spec.default, **common)
    if spec.kind == INTEGER:
        return forms.IntegerField(min_value=1, initial=spec.default, **common)
    if spec.kind == CHOICE:
        choices = [("" if value is None else value,
                    CHOICE_LABELS.get((spec.name, value), str(value))) for value in spec.choices]
        return forms.ChoiceField(choices=choices, initial=spec.default or "", **common)
    if spec.kind == TEXT_LIST:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), **common)
    if spec.kind == PROJECT_LIST:
        return forms.CharField(**common)
    return forms.CharField(max_length=20, **common)


class RuleOptionsForm(forms.Form):
    """The options of one rule; use ``prefix=rule`` so that every rule's fields can share a page."""

    def __init__(self, *args, rule: str, **kwargs):
        kwargs.setdefault("prefix", rule)
        super().__init__(*args, **kwargs)
        self.rule = rule
        self.specs = {spec.name: spec for spec in RULES[rule].options}
        for spec in self.specs.values():
            self.fields[spec.name] = option_field(rule, spec)

    def options(self) -> dict:
        """The options given, ready for ``run_tally`` (blank ones left to the rule's default)."""
        chosen = {}
        for name, value in self.cleaned_data.items():
            if value in (None, ""):
                continue
            if self.specs[name].kind == TEXT_LIST:
                value = [line.strip() for line in value.splitlines() if line.strip()]
            chosen[name] = value
        return chosen


class TallyForm(forms.Form):
    """A rule and the vote: an uploaded .pb/.csv file, or a typed budget, projects and ballots."""

    rule = forms.ChoiceField(label=_("Rule"), choices=services.rule_choices,
                             initial="rank-and-rearrange", widget=forms.RadioSelect)
    upload = forms.FileField(
        label=_("Pabulib .pb or .csv file"), required=False,
        help_text=_("At most 20 MB. A .csv file starts with a line budget,480000, then the "
                    "projects (id,name,cost), a blank line, then one ballot per line."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pb,.csv"}),
    )
    budget = forms.CharField(
        label=_("Budget"), required=False, max_length=40,
        help_text=_("For example 480000. With a file, this replaces the file's budget."),
    )
    projects = forms.CharField(
        label=_("Projects"), required=False,
        widget=forms.Textarea(attrs={"rows": 6, "placeholder": "Playground; 100000"}),
        help_text=_("One project per line: name; cost."),
    )
    ballots = forms.CharField(
        label=_("Ballots"), required=False,
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "Playground, Library, Bus stop"}),
        help_text=_("One ballot per line, projects in order of preference separated by "
                    "commas; name:points for points; “12 x A, B” for 12 identical ballots."),
    )

    def clean(self):
        """Read the file or the typed vote into ``self.election``; errors name field and line."""
        data = super().clean()
        self.election = None
        if self.errors:
            return data
        try:
            budget = services.parse_budget(data["budget"]) if data.get("budget") else None
        except services.TallyInputError as error:
            self.add_error("budget", str(error))
            return data
        if data.get("upload"):
            self.election = self._read_upload(data["upload"], budget)
        elif data.get("projects") or data.get("ballots"):
            self.election = self._read_typed(data, budget)
        else:
            raise forms.ValidationError(
                _("Upload a .pb or .csv file, or type the budget, projects and ballots."))
        return data

    def _read_upload(self, upload, budget):
        try:
            services.check_upload(filename=upload.name, size=upload.size,
                                  max_bytes=WEB_MAX_UPLOAD_BYTES)
            election = services.election_from_upload(
                filename=upload.name, data=upload.read(), max_bytes=WEB_MAX_UPLOAD_BYTES,
                budget=budget)
        except services.TallyInputError as error:
            self.add_error("upload", str(error))
            return None
        if budget is not None:
            election.budget = budget
        return election

    def _read_typed(self, data, budget):
        if budget is None:
            self.add_error("budget", _("Type the budget to share, for example 480000."))
            return None
        try:
            projects = services.parse_projects(data.get("projects", ""))
        except services.TallyInputError as error:
            self.add_error("projects", str(error))
            return None
        try:
            services.parse_ballots(data.get("ballots", ""), [name for name, _cost in projects])
            return services.election_from_text(
                budget=budget, projects_text=data["projects"], ballots_text=data["ballots"],
                rule=data["rule"])
        except services.TallyInputError as error:
            self.add_error("ballots", str(error))
            return None

    def entered(self) -> dict:
        """What the person typed (not the file), to fill the form again."""
        return {name: self.cleaned_data.get(name, "") for name in ("budget", "projects", "ballots")}
