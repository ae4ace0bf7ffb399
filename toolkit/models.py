"""The decision tree (translatable snippet with drafts and revisions) and members' saved results."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin

from toolkit import tree as plain
from toolkit.blocks import QuestionBlock, RecommendationBlock


class DecisionTree(DraftStateMixin, RevisionMixin, TranslatableMixin, models.Model):
    """The "choose your own PB adventure" tree; the live tree of each locale is the one served."""

    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    questions = StreamField([("question", QuestionBlock())], verbose_name=_("questions"),
                            help_text=_("The first question starts every walk."))
    recommendations = StreamField([("recommendation", RecommendationBlock())], blank=True,
                                  verbose_name=_("recommendations"))
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="decision_tree")

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("decision tree")
        verbose_name_plural = _("decision trees")

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    def to_tree(self) -> plain.Tree:
        """This tree as plain data (links stay in the blocks; services resolve the chosen ones)."""
        return stream_to_tree(self.questions, self.recommendations)


def split_identifiers(text) -> tuple[str, ...]:
    return tuple(part.strip() for part in (text or "").split(",") if part.strip())


def stream_to_tree(questions, recommendations) -> plain.Tree:
    """Plain tree from the two StreamField values (also used on unsaved form data)."""
    return plain.Tree(
        questions=tuple(
            plain.Question(
                id=block.value["identifier"], text=block.value["text"],
                help=block.value["help"] or "",
                options=tuple(
                    plain.Option(value=option["value"], label=option["label"],
                                 next=option["next_question"] or "",
                                 recommendations=split_identifiers(option["recommendations"]),
                                 outcome=option["outcome"] or "")
                    for option in block.value["options"]
                ),
            )
            for block in questions or ()
        ),
        recommendations=tuple(
            plain.Recommendation(
                id=block.value["identifier"], title=block.value["title"], why=block.value["why"],
                pitfalls=block.value["pitfalls"] or "",
                calculator_rule=block.value["calculator_rule"] or "",
            )
            for block in recommendations or ()
        ),
    )


class SavedResult(models.Model):
    """A toolkit result a member kept, as the answers that reproduce it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="toolkit_results")
    answers = models.JSONField(_("answers"), default=list)
    outcomes = models.JSONField(_("priority outcomes"), default=list, blank=True)
    created = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved toolkit result")
        verbose_name_plural = _("saved toolkit results")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.user} {self.created:%Y-%m-%d}"

