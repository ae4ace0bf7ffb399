"""The calculator form: a rule with its options (built from ``calculator.RULES``) and a vote,
uploaded as a file or typed in."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from calculator import RULES
from calculator.registry import CHOICE, DECIMAL, INTEGER, PROJECT_LIST, TEXT_LIST
from tally import counts, services

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


INITIAL = {("mes", "completion"): "add1"}
"""Where the form's default is not the calculator's: Equal Shares as the cities using it run it."""


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
        initial = INITIAL.get((rule, spec.name), spec.default)
        return forms.ChoiceField(choices=choices, initial=initial or "", **common)
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
            if isinstance(value, Decimal):  # stored as JSON; the calculator reads it exactly
                value = format(value, "f")
            chosen[name] = value
        return chosen


def rule_field_choices():
    return [(services.AUTO_RULE, _("The rule the ballots call for"))] + services.rule_choices()


class TallyForm(forms.Form):
    """A rule and the vote: an uploaded .pb/.csv file (or one kept from an earlier try), or a
    typed budget, projects and ballots. A vote that reads is stored (``self.vote``) so that a
    mistake elsewhere never makes the person choose the file again."""

    rule = forms.ChoiceField(label=_("Rule"), choices=rule_field_choices, required=False,
                             initial=services.AUTO_RULE, widget=forms.RadioSelect)
    upload = forms.FileField(
        label=_("Pabulib .pb or .csv file"), required=False,
        help_text=_("At most 20 MB. A .csv file starts with a line budget,480000, then the "
                    "projects (id,name,cost), a blank line, then one ballot per line."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pb,.csv"}),
    )
    kept_vote = forms.CharField(required=False, widget=forms.HiddenInput)
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

    def __init__(self, *args, visitor: counts.Visitor | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.visitor = visitor
        self.election = None
        self.vote = counts.stored_vote(key=self.initial.get("kept_vote", ""))
        self.limit: counts.LimitReached | None = None

    def clean_rule(self):
        return self.cleaned_data.get("rule") or services.AUTO_RULE

    def clean(self):
        """Read the file, the kept file or the typed vote into ``self.election`` and store it
        (``self.vote``); errors name the field and the line."""
        data = super().clean()
        self.election = None
        budget, budget_ok = None, True
        if data.get("budget"):
            try:
                budget = services.parse_budget(data["budget"])
            except services.TallyInputError as error:
                self.add_error("budget", str(error))
                budget_ok = False
        typed = data.get("projects") or data.get("ballots")
        if data.get("upload"):
            self.vote = None
            self.election = self._read_upload(data["upload"], budget)
        elif not typed and data.get("kept_vote"):
            self._read_kept(data["kept_vote"], budget)
        elif typed:
            self.vote = None
            if budget_ok:
                self.election = self._read_typed(data, budget)
        elif budget_ok:
            raise forms.ValidationError(
                _("Upload a .pb or .csv file, or type the budget, projects and ballots."))
        if not budget_ok:
            self.election = None
        return data

    def _store(self, **kwargs):
        try:
            self.vote = counts.store_vote(visitor=self.visitor, **kwargs)
        except counts.LimitReached as limit:
            self.limit = limit
            self.add_error(None, str(limit))

    def _read_upload(self, upload, budget):
        maximum = settings.TALLY_MAX_UPLOAD_BYTES
        try:
            services.check_upload(filename=upload.name, size=upload.size, max_bytes=maximum)
            data = upload.read()
            election = services.election_from_upload(filename=upload.name, data=data,
                                                     max_bytes=maximum, budget=budget)
        except services.TallyInputError as error:
            self.add_error("upload", str(error))
            return None
        if budget is not None:
            election.budget = budget
        self._store(data=data, filename=upload.name, vote_type=election.vote_type)
        return election if self.vote else None

    def _read_kept(self, key, budget):
        self.vote = counts.stored_vote(key=key)
        if self.vote is None or self.vote.typed:
            self.vote = None
            self.add_error("upload", str(counts.VOTE_NO_LONGER_KEPT))
            return
        try:
            self.election = counts.read_vote(self.vote, budget=str(budget) if budget else "")
        except services.TallyInputError as error:
            self.add_error("upload", str(error))

    def _read_typed(self, data, budget):
        if budget is None:
            self.add_error("budget", _("Type the budget to share, for example 480000."))
            return None
        try:
            projects = services.parse_projects(data.get("projects", ""))
        except services.TallyInputError as error:
            self.add_error("projects", str(error))
            return None
        rule = data.get("rule")
        try:
            services.parse_ballots(data.get("ballots", ""), [name for name, _cost in projects])
            election = services.election_from_text(
                budget=budget, projects_text=data["projects"], ballots_text=data["ballots"],
                rule=rule)
        except services.TallyInputError as error:
            self.add_error("ballots", str(error))
            return None
        try:
            self.vote = counts.store_typed_vote(
                visitor=self.visitor, budget=data["budget"], projects=data["projects"],
                ballots=data["ballots"], vote_type=election.vote_type)
        except counts.LimitReached as limit:
            self.limit = limit
            self.add_error(None, str(limit))
            return None
        return election

    def file_budget(self) -> str:
        """The budget typed to replace a file's, as typed (``""`` for a typed vote)."""
        if self.vote is None or self.vote.typed:
            return ""
        return self.cleaned_data.get("budget", "")
