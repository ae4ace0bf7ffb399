"""The default design tree's wording in French, Spanish and Portuguese (plain data, no Django).

Each language module holds the title, the introduction, and per question id its text, help and
option labels (by option value), per recommendation id its title, "why" and pitfalls, and per
library slug its link label. `translated_strings` turns that into the form wagtail-localize keeps:
a translation for each English string of the tree.
"""

from toolkit.default_tree import INTRO, QUESTIONS, RECOMMENDATIONS, TITLE
from toolkit.default_tree_es import ES
from toolkit.default_tree_fr import FR
from toolkit.default_tree_pt import PT

TRANSLATIONS = {"fr": FR, "es": ES, "pt": PT}


def translated_strings(language: str) -> dict[str, str]:
    """{English text: its translation} for every string a visitor reads in the default tree.

    Raises KeyError when the language's table lacks a question, option, recommendation or link.
    """
    table = TRANSLATIONS[language]
    pairs = [(TITLE, table["title"]), (INTRO, table["intro"])]
    for question in QUESTIONS:
        text, help_text, labels = table["questions"][question["id"]]
        pairs.append((question["text"], text))
        if question.get("help"):
            pairs.append((question["help"], help_text))
        pairs += [(option["label"], labels[option["value"]]) for option in question["options"]]
    for recommendation in RECOMMENDATIONS:
        title, why, pitfalls = table["recommendations"][recommendation["id"]]
        pairs += [(recommendation["title"], title), (recommendation["why"], why),
                  (recommendation["pitfalls"], pitfalls)]
        pairs += [(link["label"], table["links"][link["slug"]]) for link in recommendation["links"]]
    return dict(pairs)
