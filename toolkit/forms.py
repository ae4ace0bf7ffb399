"""The decision tree's admin form: a draft may be unfinished, a published tree must be whole."""

from django import forms
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from toolkit import tree as plain
from toolkit.models import stream_to_tree


def describe_problem(problem: plain.Problem) -> str:
    """A sentence naming what is wrong in the tree and where, for the staff who edit it."""
    params = {"question": problem.question, "option": problem.option, "target": problem.target,
              "path": " → ".join(problem.path)}
    messages = {
        "empty": _("The tree has no questions."),
        "duplicate-question": _("Two questions share the identifier “%(question)s”."),
        "duplicate-option": _(
            "Question “%(question)s” has two options with the value “%(option)s”."),
        "duplicate-recommendation": _("Two recommendations share the identifier “%(target)s”."),
        "missing-question": _("Option “%(option)s” of question “%(question)s” leads to a question "
                              "“%(target)s” that does not exist."),
        "missing-recommendation": _("Option “%(option)s” of question “%(question)s” adds a "
                                    "recommendation “%(target)s” that does not exist."),
        "no-options": _("Question “%(question)s” has no answer options."),
        "dead-end": _("Dead end: option “%(option)s” of question “%(question)s” neither leads to "
                      "another question nor adds any recommendation."),
        "cycle": _("Cycle: the questions %(path)s lead back to where they started."),
        "orphan": _("Orphan question: “%(question)s” cannot be reached from the first question."),
    }
    return messages[problem.kind] % params


class DecisionTreeForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        # Saving a draft defers validation (Wagtail sets is_deferred_validation): staff may keep an
        # unfinished tree as a draft, but publishing needs a tree every visitor can walk to the end.
        if self.is_deferred_validation or self.errors:
            return cleaned_data
        tree = stream_to_tree(cleaned_data.get("questions"), cleaned_data.get("recommendations"))
        problems = plain.find_problems(tree)
        if problems:
            self.add_error(None, forms.ValidationError(
                [_("This tree cannot be published yet:")] + [describe_problem(p) for p in problems]
            ))
        return cleaned_data
