"""The design decision tree on plain data: validation and walking, shared by the site and the bot.

No Django or Telegram import here. A tree is a list of questions (the first one is where every walk
starts) and a list of recommendations. Each answer option of a question either leads to another
question or ends the walk; any option may add recommendations on the way, and an option that ends
the walk must add at least one, so that every path ends in recommendations.

Answers travel as ``"<question id>:<option value>"`` tokens (e.g. ``"capacity:weak"``), which keeps
a walk readable in a shareable URL and in the bot's callback data.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .exceptions import InvalidTree

SEPARATOR = ":"


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    next: str = ""
    recommendations: tuple[str, ...] = ()
    outcome: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    options: tuple[Option, ...]
    help: str = ""

    def option(self, value) -> Option | None:
        return next((option for option in self.options if option.value == value), None)


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Recommendation:
    id: str
    title: str
    why: str = ""
    pitfalls: str = ""
    calculator_rule: str = ""
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Tree:
    questions: tuple[Question, ...]
    recommendations: tuple[Recommendation, ...] = ()

    @property
    def start(self) -> Question | None:
        return self.questions[0] if self.questions else None

    def question(self, question_id) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def recommendation(self, recommendation_id) -> Recommendation | None:
        return next((r for r in self.recommendations if r.id == recommendation_id), None)


@dataclass(frozen=True)
class Problem:
    """One reason a tree cannot be published; `kind` is one of the KINDS below."""

    kind: str
    question: str = ""
    option: str = ""
    target: str = ""
    path: tuple[str, ...] = ()


KINDS = (
    "empty",
    "duplicate-question",
    "duplicate-option",
    "duplicate-recommendation",
    "missing-question",
    "missing-recommendation",
    "no-options",
    "dead-end",
    "cycle",
    "orphan",
)


def answer_token(question_id: str, value: str) -> str:
    return f"{question_id}{SEPARATOR}{value}"


def find_problems(tree: Tree) -> list[Problem]:
    """Every structural problem of `tree`, in a stable order; none means it can be published."""
    if not tree.questions:
        return [Problem("empty")]
    problems = []
    question_ids = [q.id for q in tree.questions]
    recommendation_ids = {r.id for r in tree.recommendations}
    problems += [Problem("duplicate-question", question=qid) for qid in _duplicates(question_ids)]
    problems += [
        Problem("duplicate-recommendation", target=rid)
        for rid in _duplicates([r.id for r in tree.recommendations])
    ]
    known = set(question_ids)
    for question in tree.questions:
        if not question.options:
            problems.append(Problem("no-options", question=question.id))
        problems += [
            Problem("duplicate-option", question=question.id, option=value)
            for value in _duplicates([o.value for o in question.options])
        ]
        for option in question.options:
            if option.next and option.next not in known:
                problems.append(Problem("missing-question", question.id, option.value, option.next))
            for rid in option.recommendations:
                if rid not in recommendation_ids:
                    problems.append(
                        Problem("missing-recommendation", question.id, option.value, rid))
            if not option.next and not option.recommendations:
                problems.append(Problem("dead-end", question=question.id, option=option.value))
    problems += _cycles(tree)
    reachable = _reachable(tree)
    problems += [Problem("orphan", question=q.id) for q in tree.questions if q.id not in reachable]
    return problems


def check_tree(tree: Tree) -> Tree:
    """Return `tree` unchanged, or raise InvalidTree listing its problems."""
    problems = find_problems(tree)
    if problems:
        raise InvalidTree(problems)
    return tree


@dataclass(frozen=True)
class Walk:
    """Where a list of answers leads: the answered steps, then the next question or the result."""

    steps: tuple[tuple[Question, Option], ...]
    question: Question | None
    recommendations: tuple[Recommendation, ...] = ()
    rejected: tuple[str, ...] = field(default=())

    @property
    def finished(self) -> bool:
        return self.question is None

    @property
    def answers(self) -> list[str]:
        """The accepted answers, as tokens; a URL built from them reproduces this walk."""
        return [answer_token(question.id, option.value) for question, option in self.steps]

    @property
    def outcomes(self) -> list[str]:
        """The priority outcomes the chosen options stand for, in the order chosen."""
        return _unique(option.outcome for _, option in self.steps if option.outcome)


def walk(tree: Tree, answers: Sequence[str]) -> Walk:
    """Follow `answers` from the first question.

    Answers are consumed in order; the first one that does not answer the current question with
    one of its options (or any answer after the walk ended) stops the walk, and it and the rest are
    returned in `rejected`, so a caller can say what was ignored while keeping what was valid.
    """
    question = tree.start
    steps: list[tuple[Question, Option]] = []
    for index, token in enumerate(answers):
        question_id, _, value = str(token).partition(SEPARATOR)
        option = question.option(value) if question and question.id == question_id else None
        if option is None:
            return _walk_result(tree, steps, question, rejected=tuple(answers[index:]))
        steps.append((question, option))
        question = tree.question(option.next) if option.next else None
    return _walk_result(tree, steps, question)


def all_paths(tree: Tree) -> Iterator[list[str]]:
    """Every complete walk of a valid tree, as answer tokens (depth first, options in order)."""
    check_tree(tree)

    def paths_from(question, prefix):
        for option in question.options:
            answers = [*prefix, answer_token(question.id, option.value)]
            if option.next:
                yield from paths_from(tree.question(option.next), answers)
            else:
                yield answers

    yield from paths_from(tree.start, [])


def _walk_result(tree, steps, question, rejected=()) -> Walk:
    finished = question is None
    recommendations = ()
    if finished:
        ids = _unique(rid for _, option in steps for rid in option.recommendations)
        recommendations = tuple(r for rid in ids if (r := tree.recommendation(rid)) is not None)
    return Walk(steps=tuple(steps), question=question, recommendations=recommendations,
                rejected=tuple(rejected))


def _duplicates(values) -> list[str]:
    seen, repeated = set(), []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated


def _unique(values) -> list:
    return list(dict.fromkeys(values))


def _successors(tree, question) -> list[str]:
    return _unique(o.next for o in question.options if o.next and tree.question(o.next))


def _reachable(tree) -> set[str]:
    seen, stack = set(), [tree.start.id]
    while stack:
        qid = stack.pop()
        if qid not in seen:
            seen.add(qid)
            stack += _successors(tree, tree.question(qid))
    return seen


def _cycles(tree) -> list[Problem]:
    """One problem per loop found by a depth-first search, naming the questions that form it."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" once fully explored
    problems = []

    def visit(qid, path):
        state[qid] = "open"
        for nxt in _successors(tree, tree.question(qid)):
            if state.get(nxt) == "open":
                loop = (*path[path.index(nxt):], qid, nxt) if nxt in path else (qid, nxt)
                problems.append(Problem("cycle", question=qid, target=nxt, path=loop))
            elif nxt not in state:
                visit(nxt, (*path, qid))
        state[qid] = "done"

    for question in tree.questions:
        if question.id not in state:
            visit(question.id, ())
    return problems
