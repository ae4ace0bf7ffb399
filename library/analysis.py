"""Text analysis for the library search: words, stop words, Snowball stems, accents folded.

Plain Python (no Django), used by the index and by every query alike:

- a word is a run of letters or digits, lower-cased ("l'évaluation" gives "l", "évaluation");
- stop words are those of the text's language (the Snowball lists, `library.stopwords`);
- each word is reduced to its Snowball stem in that language, the algorithms PostgreSQL's english,
  french, spanish and portuguese text search configurations use ("budgeting" -> "budget",
  "évaluer" -> "évalu"), then accents are folded so "evaluacion" finds "evaluación".

A query is analysed without knowing which language each word is in: a word becomes a group of
alternative terms, its stem in each of the four languages, and a resource matches the word if it
holds any of them. A stem of five letters or more also matches longer terms starting with it
("particip" finds "participatori"), which joins word forms the stemmers leave apart.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass

import snowballstemmer

from library.stopwords import STOP_WORDS

LANGUAGES = {"en": "english", "fr": "french", "es": "spanish", "pt": "portuguese"}
DEFAULT_LANGUAGE = "en"
WORD = re.compile(r"[^\W_]+")
PREFIX_LENGTH = 5
MAX_QUERY_WORDS = 10

# Words that say how a question is asked rather than what it is about ("how do we get young people
# to vote?"). Dropped from queries only; the index keeps them.
QUESTION_WORDS = frozenset("""
get getting make making need needs want best good way ways tips find know use using help
faire trouver besoin comment quoi meilleur meilleure moyen moyens aide
hacer encontrar necesito necesitamos cómo como mejor manera maneras ayuda
fazer encontrar preciso precisamos melhor maneira maneiras ajuda
""".split())
ALL_STOP_WORDS = frozenset().union(*STOP_WORDS.values())

_local = threading.local()


def fold(text):
    """`text` without accents (NFKD, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    """The lower-cased words of `text`."""
    return WORD.findall(str(text or "").lower())


def _stemmer(language):
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if language not in stemmers:
        # Snowball stemmer objects keep state between calls: one per thread.
        stemmers[language] = snowballstemmer.stemmer(LANGUAGES[language])
    return stemmers[language]


def language_of(code):
    """One of the analysed languages for a language code ("pt-br" -> "pt"), English otherwise."""
    code = (code or "").split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


# Portuguese Snowball leaves plural -ões/-ães apart from the singular -ão ("regiões"/"região",
# "votações"/"votação") and some plurals in -s whole ("obras"): we bring those plurals to the
# singular before stemming.
PORTUGUESE_PLURAL = re.compile(r"(?:ões|ães)$")


def stem(word, language):
    """The index term of one lower-cased word in `language`."""
    stemmer = _stemmer(language)
    if language == "pt":
        word = PORTUGUESE_PLURAL.sub("ão", word)
        stemmed = stemmer.stemWord(word)
        if stemmed == word and len(word) > 4 and word[-2:] in ("as", "os", "es"):
            stemmed = stemmer.stemWord(word[:-1])
        return fold(stemmed)
    return fold(stemmer.stemWord(word))


def analyse(text, language):
    """The index terms of `text` written in `language`, stop words left out, in order."""
    language = language_of(language)
    stop = STOP_WORDS[language]
    return [stem(word, language) for word in words(text) if word not in stop]


@dataclass(frozen=True)
class QueryWord:
    """One content word of a query and the index terms that match it."""

    text: str
    terms: tuple  # exact terms
    prefixes: tuple  # terms that also match longer terms starting with them

    def matches(self, term):
        return term in self.terms or any(term.startswith(prefix) for prefix in self.prefixes)


# Snowball stemmers undo inflection, not derivation: they leave the agent noun and the action noun
# apart from their verb ("voter"/"vote", "votante"/"votar", "votación"/"votar"). A query word also
# matches its relatives by these endings (stem ending, relative's ending); the index stays Snowball.
RELATIVES = {
    "en": (("er", "e"), ("er", "")),
    "fr": (("ant", ""), ("ation", "")),
    "es": (("ant", ""), ("ent", ""), ("acion", "")),
    "pt": (("ant", ""), ("ent", ""), ("aca", "")),
}
MIN_ROOT = 3


def relatives(term, language):
    """Terms derived from the same root as `term` by the endings of RELATIVES[language]."""
    found = set()
    for long, short in RELATIVES[language]:
        if term.endswith(long) and len(term) - len(long) >= MIN_ROOT:
            found.add(term[: len(term) - len(long)] + short)
        if term.endswith(short) and len(term) - len(short) >= MIN_ROOT:
            found.add(term[: len(term) - len(short)] + long)
    return found


def query_word(text):
    """A typed word as a group of alternative terms: its stem in each language and their relatives."""
    stems = {language: stem(text, language) for language in LANGUAGES}
    related = {term for language, term in stems.items() for term in relatives(term, language)}
    terms = sorted(set(stems.values()) | {fold(text)} | related)
    prefixes = {term for term in stems.values() if len(term) >= PREFIX_LENGTH}
    return QueryWord(text=text, terms=tuple(terms), prefixes=tuple(sorted(prefixes)))


def parse_query(q, language=DEFAULT_LANGUAGE):
    """The content words of a query, each as a QueryWord, in order, without repeats.

    Stop words of any of the four languages are dropped (queries mix languages: "seleção de
    projetos" typed on the English site), and so are words that only shape a question; if nothing
    is left, only the stop words of the query's own language are dropped.
    """
    typed = words(q)
    content = [word for word in typed if word not in ALL_STOP_WORDS and word not in QUESTION_WORDS]
    if not content:
        content = [word for word in typed if word not in STOP_WORDS[language_of(language)]]
    found, seen = [], set()
    for word in content:
        group = query_word(word)
        if group.terms not in seen:
            seen.add(group.terms)
            found.append(group)
    return found[:MAX_QUERY_WORDS]


def is_stop_word(word):
    return word in ALL_STOP_WORDS or word in QUESTION_WORDS
