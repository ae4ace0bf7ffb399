"""What the website and the bot do with the design toolkit: walk the tree, link results, save them.

Answers are "<question id>:<option value>" tokens (see toolkit.tree). Both clients call `step`
with the answers given so far and show either the next question or the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page

from tally.services import rule_label
from toolkit import tree as plain
from toolkit.exceptions import IncompleteResult, NoTree
from toolkit.models import DecisionTree, SavedResult

MAX_ANSWERS = 50



@dataclass(frozen=True)
class Option:
    value: str  # the answer token to append to the answers
    label: str


@dataclass(frozen=True)
class Link:
    label: str
    url: str  # absolute path on this site (starting with /) or a full external URL


@dataclass(frozen=True)
class RecommendationView:
    id: str
    title: str
    why: str
    pitfalls: str
    links: tuple[Link, ...]
    calculator_rule: str = ""
    calculator_label: str = ""
    calculator_url: str = ""


@dataclass(frozen=True)
class Step:
    """Either a question (`question_id`, `text`, `options`) or a result (`recommendations`)."""

    kind: str  # "question" or "result"
    answers: tuple[str, ...]  # the accepted answers so far (reproduce this step)
    language: str = ""  # the language the tree's text is in (the default one when untranslated)
    title: str = ""
    intro: str = ""
    question_id: str = ""
    text: str = ""
    help: str = ""
    options: tuple[Option, ...] = ()
    number: int = 1  # 1 for the first question
    recommendations: tuple[RecommendationView, ...] = ()
    summary: tuple[tuple[str, str], ...] = ()  # (question, chosen answer) pairs so far
    outcomes: tuple[str, ...] = ()
    rejected: tuple[str, ...] = field(default=())  # answers ignored because they did not fit

    @property
    def is_result(self) -> bool:
        return self.kind == "result"

    @property
    def is_question(self) -> bool:
        return self.kind == "question"


def get_live_tree(*, language) -> DecisionTree:
    """The published tree in `language`, else the one in the default language."""
    trees = DecisionTree.objects.filter(live=True).select_related("locale")
    for code in (language, settings.LANGUAGE_CODE):
        found = trees.filter(locale__language_code=code).order_by("pk").first()
        if found is not None:
            return found
    raise NoTree("no published decision tree")


def start(*, language) -> Step:
    """The first question of the tree."""
    return step(answers=[], language=language)


def step(*, answers: list[str], language) -> Step:
    """Where `answers` lead: the next question, or the recommendations once the walk is complete."""
    with translation.override(language):
        record = get_live_tree(language=language)
        walk = plain.walk(record.to_tree(), list(answers)[:MAX_ANSWERS])
        common = {
            "answers": tuple(walk.answers),
            "language": record.locale.language_code,
            "title": record.title,
            "intro": record.intro,
            "summary": tuple((question.text, option.label) for question, option in walk.steps),
            "outcomes": tuple(walk.outcomes),
            "rejected": tuple(walk.rejected) + tuple(answers[MAX_ANSWERS:]),
        }
        if walk.finished:
            return Step(kind="result", recommendations=_recommendation_views(
                record, walk.recommendations, language=language), **common)
        question = walk.question
        return Step(
            kind="question", question_id=question.id, text=question.text, help=question.help,
            number=len(walk.steps) + 1,
            options=tuple(Option(plain.answer_token(question.id, o.value), o.label)
                          for o in question.options),
            **common,
        )


def result_path(*, answers, language=None) -> str:
    """The site path (with language prefix) that shows the walk for `answers`."""
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("toolkit:walk")
    query = urlencode([("a", answer) for answer in answers])
    return f"{path}?{query}" if query else path


def result_url(*, answers, language=None) -> str:
    """The shareable absolute URL of the result (or step) reached by `answers`."""
    return settings.SITE_URL.rstrip("/") + result_path(answers=answers, language=language)


@transaction.atomic
def save_result(*, user, answers, language) -> SavedResult:
    """Keep a completed walk in the member's profile and pass its priority outcomes to matching."""
    current = step(answers=answers, language=language)
    if not current.is_result or current.rejected:
        raise IncompleteResult("only a complete walk, with every answer valid, can be saved")
    saved, _ = SavedResult.objects.get_or_create(
        user=user, answers=list(current.answers), defaults={"outcomes": list(current.outcomes)}
    )
    _share_outcomes_with_matching(user=user, outcomes=current.outcomes)
    return saved


def saved_results(*, user):
    return SavedResult.objects.filter(user=user)


def delete_saved_result(*, user, result_id) -> bool:
    # The profile's priority outcomes are left as they are: the member edits them there.
    deleted, _ = SavedResult.objects.filter(user=user, pk=result_id).delete()
    return bool(deleted)


def priority_outcomes(*, user) -> list[str]:
    """The outcomes of the member's saved results, most recent first, without repeats."""
    outcomes = [o for result in saved_results(user=user) for o in result.outcomes]
    return list(dict.fromkeys(outcomes))


def _share_outcomes_with_matching(*, user, outcomes):
    """Add the result's outcomes to the member's priority outcomes (network owns them)."""
    from network.services import get_member, save_priority_outcomes

    current = list(get_member(user=user).priority_outcomes or [])
    # Adding, never replacing: outcomes the member picked on the profile form stay.
    merged = list(dict.fromkeys(current + list(outcomes)))
    if merged != current:
        save_priority_outcomes(user=user, outcomes=merged)


def export_personal_data(user) -> list[dict]:
    return [{"answers": r.answers, "priority_outcomes": r.outcomes, "saved": r.created.isoformat(),
             "url": result_url(answers=r.answers)} for r in saved_results(user=user)]


def ensure_default_tree() -> bool:
    """Make sure the default tree is there in every site language; True when anything was created.

    The English tree comes from a migration; each other language gets the shipped translation,
    made through wagtail-localize so that staff edit and re-sync it in the admin like any
    translation. A language that already has a tree (translated or edited by staff) is left alone.
    """
    from home.translations import translate
    from toolkit import default_tree
    from toolkit.default_tree_translations import TRANSLATIONS, translated_strings

    created = default_tree.install(tree_model=DecisionTree, locale_model=Locale,
                                   language_code=settings.LANGUAGE_CODE)
    english = (DecisionTree.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
               .order_by("pk").first())
    if english is None or english.title != default_tree.TITLE:
        return created  # staff replaced the default tree: its translations are theirs to make
    for code, _name in settings.LANGUAGES:
        if code not in TRANSLATIONS:
            continue
        if DecisionTree.objects.filter(translation_key=english.translation_key,
                                       locale__language_code=code).exists():
            continue
        translate(english, language_code=code, strings=translated_strings(code))
        created = True
    return created


def ensure_default_tree_after_migrate(**kwargs):
    """post_migrate: a new site gets the default tree in every language."""
    import logging

    # Wagtail logs each revision it saves; `migrate` output is no place for that.
    wagtail_logger = logging.getLogger("wagtail")
    previous_level = wagtail_logger.level
    wagtail_logger.setLevel(logging.WARNING)
    try:
        ensure_default_tree()
    finally:
        wagtail_logger.setLevel(previous_level)


def _recommendation_views(record, recommendations, *, language):
    """The chosen recommendations with their links resolved (only these, in one library query)."""
    link_blocks = {block.value["identifier"]: list(block.value["links"])
                   for block in record.recommendations}
    chosen = [block for r in recommendations for block in link_blocks.get(r.id, ())]
    resolve = LinkResolver(language=language, blocks=chosen)
    prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
    views = []
    for recommendation in recommendations:
        calculator_url = ""
        if recommendation.calculator_rule:
            rule = urlencode({"rule": recommendation.calculator_rule})
            calculator_url = f"{prefix}/calculator/?{rule}"
        views.append(RecommendationView(
            id=recommendation.id, title=recommendation.title, why=recommendation.why,
            pitfalls=recommendation.pitfalls,
            links=tuple(Link(link.label, link.url) for link in map(
                resolve, link_blocks.get(recommendation.id, ()))),
            calculator_rule=recommendation.calculator_rule, calculator_url=calculator_url,
            calculator_label=rule_label(recommendation.calculator_rule),
        ))
    return tuple(views)


class LinkResolver:
    """Turns link blocks into plain links; library slugs become pages when the library has them."""

    def __init__(self, *, language, blocks=()):
        self.language = language
        self.prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
        slugs = {b.value["slug"] for b in blocks if b.block_type == "library" and b.value["slug"]}
        self.library_pages = self._library_pages(slugs) if slugs else {}

    def __call__(self, block) -> plain.Link:
        value = block.value
        if block.block_type == "url":
            return plain.Link(value["label"], value["url"])
        if block.block_type == "page":
            page = value["page"]
            if page is None:
                return plain.Link(value["label"] or "", "")
            page = page.specific_deferred.localized
            return plain.Link(value["label"] or page.title, page.url or "")
        return self._library_link(value)

    def _library_link(self, value) -> plain.Link:
        page = self.library_pages.get(value["slug"])
        if page is not None and page.url:
            return plain.Link(value["label"], page.url)
        params = [("q", value["search"] or value["label"])]
        if value["case_study"]:
            params.append(("type", "case-study"))
        return plain.Link(value["label"], f"{self.prefix}/library/?{urlencode(params)}")

    def _library_pages(self, slugs) -> dict:
        """Live library pages by slug, in the active language when translated, else the default."""
        pages = Page.objects.live().filter(
            slug__in=slugs, content_type__app_label="library",
            locale__language_code__in=[self.language, settings.LANGUAGE_CODE],
        ).select_related("locale")
        found = {}
        for page in sorted(pages, key=lambda p: p.locale.language_code == self.language):
            found[page.slug] = page  # the active language's copy comes last and wins
        return found
