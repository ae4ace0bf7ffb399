"""StreamField blocks of the decision tree: questions with answer options, and recommendations.

Identifiers (question ids, option values, recommendation ids) are RegexBlocks rather than CharBlocks
so that wagtail-localize copies them unchanged into translations: only the wording is translated,
and a translated tree keeps the same shareable answer URLs.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from toolkit.outcomes import OUTCOME_CHOICES

IDENTIFIER = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
IDENTIFIER_LIST = r"^\s*(?:[a-z0-9]+(?:-[a-z0-9]+)*)?(?:\s*,\s*[a-z0-9]+(?:-[a-z0-9]+)*)*\s*$"
IDENTIFIER_ERROR = {"invalid": _("Use lower-case letters, digits and hyphens, e.g. weak-capacity.")}


def identifier_block(label, *, required=True, help_text=""):
    return blocks.RegexBlock(regex=IDENTIFIER, label=label, required=required,
                             help_text=help_text, error_messages=IDENTIFIER_ERROR)


def calculator_rule_choices():
    from calculator import RULES

    return [(name, name) for name in RULES]


class OptionBlock(blocks.StructBlock):
    value = identifier_block(_("value"), help_text=_("Appears in the shareable URL."))
    label = blocks.CharBlock(label=_("label"))
    next_question = identifier_block(
        _("next question"), required=False,
        help_text=_("Identifier of the question asked next; leave empty to end with the result."),
    )
    recommendations = blocks.RegexBlock(
        regex=IDENTIFIER_LIST, required=False, label=_("recommendations"),
        help_text=_("Identifiers of recommendations this answer adds, separated by commas."),
        error_messages={"invalid": _("Separate identifiers with commas, e.g. pilot, outreach.")},
    )
    outcome = blocks.ChoiceBlock(
        choices=OUTCOME_CHOICES, required=False, label=_("priority outcome"),
        help_text=_("Set when choosing this answer means the member prioritises this outcome."),
    )

    class Meta:
        icon = "radio-full"
        label = _("answer option")


class QuestionBlock(blocks.StructBlock):
    identifier = identifier_block(_("identifier"),
                                  help_text=_("The first question starts every walk."))
    text = blocks.CharBlock(label=_("question"))
    help = blocks.TextBlock(label=_("help text"), required=False)
    options = blocks.ListBlock(OptionBlock(), label=_("answer options"))

    class Meta:
        icon = "help"
        label = _("question")


class LibraryLinkBlock(blocks.StructBlock):
    """A library resource named by slug; until it exists, a library search stands in for it."""

    label = blocks.CharBlock(label=_("label"))
    slug = identifier_block(_("library page slug"), required=False)
    search = blocks.CharBlock(label=_("library search"), required=False,
                              help_text=_("Used when no library page has this slug."))
    case_study = blocks.BooleanBlock(label=_("case study"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("library resource")


class PageLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"))
    label = blocks.CharBlock(label=_("label"), required=False,
                             help_text=_("Leave empty to use the page title."))

    class Meta:
        icon = "doc-empty-inverse"
        label = _("page on this site")


class ExternalLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("label"))
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        icon = "link"
        label = _("external link")


class RecommendationBlock(blocks.StructBlock):
    identifier = identifier_block(_("identifier"))
    title = blocks.CharBlock(label=_("process feature"))
    why = blocks.TextBlock(label=_("why it serves the outcome"))
    pitfalls = blocks.TextBlock(label=_("pitfalls"), required=False)
    calculator_rule = blocks.ChoiceBlock(choices=calculator_rule_choices, required=False,
                                         label=_("calculator rule"))
    links = blocks.StreamBlock(
        [("library", LibraryLinkBlock()), ("page", PageLinkBlock()), ("url", ExternalLinkBlock())],
        required=False, label=_("case studies and resources"),
    )

    class Meta:
        icon = "tick-inverse"
        label = _("recommendation")
