"""The pure decision-tree module: validation, walking and the default tree (no database)."""

import ast
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit import default_tree
from toolkit.exceptions import InvalidTree
from toolkit.tree import (
    Option,
    Question,
    Recommendation,
    Tree,
    all_paths,
    check_tree,
    find_problems,
    walk,
)

REC = (Recommendation(id="pilot", title="Start with a pilot"),)


def kinds(tree):
    return [problem.kind for problem in find_problems(tree)]


def make_tree(*questions):
    return Tree(questions=questions, recommendations=REC)


def test_a_small_valid_tree_has_no_problems():
    tree = make_tree(
        Question("level", "Level?", (Option("city", "City", next="capacity"),)),
        Question("capacity", "Capacity?", (Option("weak", "Weak", recommendations=("pilot",)),)),
    )
    assert find_problems(tree) == []
    assert check_tree(tree) is tree


def test_validation_rejects_a_cycle_and_names_its_questions():
    tree = make_tree(
        Question("a", "A?", (Option("x", "X", next="b"),)),
        Question("b", "B?", (Option("y", "Y", next="c"),
                             Option("z", "Z", recommendations=("pilot",)))),
        Question("c", "C?", (Option("back", "Back", next="a"),)),
    )
    problems = find_problems(tree)
    assert [p.kind for p in problems] == ["cycle"]
    assert problems[0].path == ("a", "b", "c", "a")
    with pytest.raises(InvalidTree) as error:
        check_tree(tree)
    assert error.value.problems == problems


def test_validation_rejects_a_question_that_loops_to_itself():
    tree = make_tree(Question("a", "A?", (Option("again", "Again", next="a"),
                                           Option("stop", "Stop", recommendations=("pilot",)))))
    assert kinds(tree) == ["cycle"]


def test_validation_rejects_a_dead_end_option():
    tree = make_tree(
        Question("a", "A?", (Option("x", "X", next="b"), Option("nowhere", "Nowhere"))),
        Question("b", "B?", (Option("y", "Y", recommendations=("pilot",)),)),
    )
    problems = find_problems(tree)
    assert [(p.kind, p.question, p.option) for p in problems] == [("dead-end", "a", "nowhere")]


def test_validation_rejects_a_question_without_options():
    tree = make_tree(Question("a", "A?", (Option("x", "X", next="b"),)), Question("b", "B?", ()))
    assert kinds(tree) == ["no-options"]


def test_validation_rejects_an_orphan_question():
    tree = make_tree(
        Question("a", "A?", (Option("x", "X", recommendations=("pilot",)),)),
        Question("lost", "Never asked?", (Option("y", "Y", recommendations=("pilot",)),)),
    )
    problems = find_problems(tree)
    assert [(p.kind, p.question) for p in problems] == [("orphan", "lost")]


def test_validation_rejects_links_to_missing_questions_and_recommendations():
    tree = make_tree(Question("a", "A?", (Option("x", "X", next="typo"),
                                           Option("y", "Y", recommendations=("unknown",)))))
    problems = find_problems(tree)
    assert [(p.kind, p.target) for p in problems] == [("missing-question", "typo"),
                                                      ("missing-recommendation", "unknown")]


def test_validation_rejects_duplicates_and_an_empty_tree():
    assert kinds(Tree(questions=())) == ["empty"]
    tree = make_tree(
        Question("a", "A?", (Option("x", "X", recommendations=("pilot",)),
                             Option("x", "X again", recommendations=("pilot",)))),
        Question("a", "A again?", (Option("y", "Y", recommendations=("pilot",)),)),
    )
    assert "duplicate-question" in kinds(tree) and "duplicate-option" in kinds(tree)


def test_walk_collects_recommendations_along_the_path_once_each():
    tree = Tree(
        questions=(
            Question("a", "A?", (Option("x", "X", next="b", recommendations=("one",),
                                        outcome="equity"),)),
            Question("b", "B?", (Option("y", "Y", recommendations=("two", "one")),)),
        ),
        recommendations=(Recommendation("one", "One"), Recommendation("two", "Two")),
    )
    result = walk(tree, ["a:x", "b:y"])
    assert result.finished
    assert [r.id for r in result.recommendations] == ["one", "two"]
    assert result.outcomes == ["equity"]
    assert result.answers == ["a:x", "b:y"]


def test_walk_stops_at_the_first_answer_that_does_not_fit_and_keeps_the_valid_ones():
    tree = default_tree.as_plain_tree()
    result = walk(tree, ["territorial-level:municipal", "capacity:enormous", "resources:none"])
    assert result.answers == ["territorial-level:municipal"]
    assert result.question.id == "capacity"
    assert result.rejected == ("capacity:enormous", "resources:none")
    assert not result.finished and result.recommendations == ()


def test_walk_of_no_answers_asks_the_first_question():
    tree = default_tree.as_plain_tree()
    assert walk(tree, []).question.id == "territorial-level"


@given(st.lists(st.text(max_size=30), max_size=12))
def test_walk_never_fails_on_arbitrary_answers(answers):
    tree = default_tree.as_plain_tree()
    result = walk(tree, answers)
    assert len(result.steps) + len(result.rejected) == len(answers)
    assert walk(tree, result.answers).steps == result.steps


def test_default_tree_is_valid():
    assert find_problems(default_tree.as_plain_tree()) == []


def test_every_path_of_the_default_tree_reaches_recommendations():
    tree = default_tree.as_plain_tree()
    count = 0
    for answers in all_paths(tree):
        result = walk(tree, answers)
        assert result.finished and result.rejected == ()
        assert result.recommendations, answers
        count += 1
    assert count > 1000


def test_every_question_and_recommendation_of_the_default_tree_is_used():
    tree = default_tree.as_plain_tree()
    used = {rid for q in tree.questions for o in q.options for rid in o.recommendations}
    assert used == {r.id for r in tree.recommendations}


def test_municipal_weak_mandate_equity_districts_leads_to_district_allocation_and_outreach():
    tree = default_tree.as_plain_tree()
    result = walk(tree, [
        "territorial-level:municipal", "capacity:weak", "resources:project-only",
        "mandate:top-down", "participation:occasional", "outcome:equity",
        "equity-focus:underserved-districts", "challenge:none",
    ])
    by_id = {r.id: r for r in result.recommendations}
    assert by_id["need-weighted-districts"].calculator_rule == "district"
    assert "Porto Alegre" in by_id["need-weighted-districts"].why
    assert any("Porto Alegre" in link.label for link in by_id["need-weighted-districts"].links)
    assert "targeted-outreach" in by_id and "co-design-rules" in by_id
    assert result.outcomes == ["equity"]


def test_default_tree_uses_only_known_outcomes_and_calculator_rules():
    from calculator import RULES

    tree = default_tree.as_plain_tree()
    outcomes = {o.outcome for q in tree.questions for o in q.options if o.outcome}
    assert outcomes == set(default_tree.OUTCOMES)
    assert {r.calculator_rule for r in tree.recommendations if r.calculator_rule} <= set(RULES)


def test_tree_module_imports_nothing_from_django():
    source = (Path(__file__).resolve().parents[2] / "toolkit" / "tree.py").read_text()
    nodes = list(ast.walk(ast.parse(source)))
    imported = {node.module or "" for node in nodes if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in nodes if isinstance(node, ast.Import)
                 for alias in node.names}
    assert not any(name.startswith(("django", "wagtail", "telegram")) for name in imported)


@pytest.mark.parametrize("language", ["fr", "es", "pt"])
def test_the_default_tree_is_translated_whole_and_only_for_its_own_identifiers(language):
    from toolkit.default_tree_translations import TRANSLATIONS, translated_strings

    strings = translated_strings(language)  # a KeyError names what is missing
    assert all(text.strip() and text != english for english, text in strings.items())
    table = TRANSLATIONS[language]
    assert set(table["questions"]) == {q["id"] for q in default_tree.QUESTIONS}
    assert set(table["recommendations"]) == {r["id"] for r in default_tree.RECOMMENDATIONS}
    for question in default_tree.QUESTIONS:
        assert set(table["questions"][question["id"]][2]) == {o["value"] for o in question["options"]}
    used_links = {link["slug"] for r in default_tree.RECOMMENDATIONS for link in r["links"]}
    assert set(table["links"]) == used_links
