"""Judge the library search on the demo library: the site's search against a BM25 baseline.

    .venv/bin/python benchmarks/search.py [--database-url URL] [--no-fill] [--show-misses]

Builds a fresh database (SQLite in a temporary directory unless --database-url names an empty
PostgreSQL database), loads the demo library, then asks every judged query below through
/api/library/?q=...&locale=... (what a partner or the hidden collection's scorer asks) and through
a plain BM25 (Okapi, k1=1.2, b=0.75, words lower-cased, no stemming, no stop words) over the title,
summary and body of the same language tree. Prints success@3 (a highly relevant resource in the
top three), MRR (first relevant resource) and nDCG@5 (gain 3 for highly relevant, 1 for relevant),
overall, per language and per kind of query.

The judgments are ours: for each query, the resources a practitioner asking it would want (by
slug), highly relevant first.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = "outreach-plan-marginalised fr-mobilisation-quartiers accessibility-checklist mobile-voting-stations"
MARGINALISED = ("youth-participation-schools participation-data vote-announcement-template "
                "es-escuelas-presupuesto consultative-town-composite antananarivo-case-study")
EVALUATION = ("evaluating-last-cycle implementation-tracker oversight-committees fr-evaluation-participative "
              "fr-suivi-realisations")
EVALUATION_TAGGED = ("reporting-back participation-data impact-evidence-review pt-conselho-orcamento "
                     "mexico-city-case-study porto-alegre-case-study")
SELECTION = ("ranked-ballot-explainer tie-breaking-rules equal-shares-intro deliberation-assemblies "
             "fr-vote-classement-atelier online-offline-voting")
DIGITAL = "digital-platform-choice online-deliberation online-offline-voting"
STALLED = "stalled-projects-diagnosis es-obras-atrasadas implementation-tracker"

# (language, kind, query, highly relevant slugs, relevant slugs)
JUDGED = [
    # English
    ("en", "one word", "outreach", OUT, MARGINALISED + " facilitation-basics"),
    ("en", "one word", "feasibility", "feasibility-review-guide feasibility-memo-template",
     "es-viabilidad-tecnica budget-delegates-handbook madrid-case-study budget-calendar-template"),
    ("en", "one word", "ties", "tie-breaking-rules", "ranked-ballot-explainer rulebook-checklist"),
    ("en", "one word", "accessibility", "accessibility-checklist", "digital-platform-choice"),
    ("en", "one word", "grant-making", "participatory-grantmaking-compare", "funder-brief"),
    ("en", "word forms", "budgeting calendars", "budget-calendar-template fr-calendrier-budgetaire", ""),
    ("en", "word forms", "voter lists", "online-offline-voting", "rulebook-checklist"),
    ("en", "word forms", "evaluating", "evaluating-last-cycle fr-evaluation-participative",
     "impact-evidence-review"),
    ("en", "word forms", "stalling projects", STALLED, "coordination-protocol pt-video-execucao"),
    ("en", "word forms", "delegate trainings",
     "budget-delegates-handbook fr-selection-projets-formation", ""),
    ("en", "tags", "monitoring and evaluation", EVALUATION, EVALUATION_TAGGED),
    ("en", "tags", "digital participation", DIGITAL, "madrid-case-study es-video-votacion"),
    ("en", "tags", "case study latin america",
     "mexico-city-case-study porto-alegre-case-study consultative-town-composite", ""),
    ("en", "tags", "training material project development",
     "budget-delegates-handbook cost-estimation-basics", ""),
    ("en", "cross-language", "sélection des projets", "fr-selection-projets-formation",
     "es-seleccion-proyectos " + SELECTION),
    ("en", "cross-language", "seguimiento y evaluación", EVALUATION, EVALUATION_TAGGED),
    ("en", "question", "how do we get young people to vote?",
     "youth-participation-schools outreach-plan-marginalised",
     "mobile-voting-stations es-escuelas-presupuesto"),
    ("en", "question", "what happens when two projects tie at the count?", "tie-breaking-rules",
     "ranked-ballot-explainer rulebook-checklist"),
    ("en", "question", "how should departments review proposals for cost and legality?",
     "feasibility-review-guide es-viabilidad-tecnica feasibility-memo-template",
     "coordination-protocol cost-estimation-basics"),
    ("en", "question", "how can residents follow the works after the vote?",
     "oversight-committees pt-video-execucao implementation-tracker",
     "fr-suivi-realisations reporting-back"),
    ("en", "question", "where do we start writing the rules for our first PB cycle?", "rulebook-checklist",
     "is-pb-right-for-us budget-calendar-template"),
    ("en", "question", "how do we stop people voting twice online and on paper?", "online-offline-voting",
     "digital-platform-choice madrid-case-study"),
    ("en", "question", "is participatory budgeting worth it for a small town?",
     "pb-in-small-towns is-pb-right-for-us", "impact-evidence-review consultative-town-composite"),
    ("en", "misspelling", "accesibility", "accessibility-checklist", ""),
    ("en", "misspelling", "deliberaton", "deliberation-assemblies online-deliberation", ""),
    ("en", "misspelling", "feasability review", "feasibility-review-guide feasibility-memo-template",
     "es-viabilidad-tecnica"),
    # French
    ("fr", "one word", "mobilisation", "fr-mobilisation-quartiers", OUT + " " + MARGINALISED),
    ("fr", "one word", "évaluation", "fr-evaluation-participative evaluating-last-cycle",
     "impact-evidence-review " + EVALUATION),
    ("fr", "word forms", "évaluer", "fr-evaluation-participative evaluating-last-cycle",
     "impact-evidence-review"),
    ("fr", "word forms", "délégué", "fr-selection-projets-formation", "budget-delegates-handbook"),
    ("fr", "tags", "sélection des projets",
     "fr-selection-projets-formation fr-vote-classement-atelier es-seleccion-proyectos", SELECTION),
    ("fr", "tags", "mobiliser les groupes marginalisés",
     "fr-mobilisation-quartiers outreach-plan-marginalised", OUT + " " + MARGINALISED),
    ("fr", "tags", "étude de cas Afrique",
     "antananarivo-case-study district-pilot-composite consultative-town-composite", ""),
    ("fr", "tags", "participation numérique", DIGITAL, "madrid-case-study es-video-votacion"),
    ("fr", "tags", "mise en œuvre lente ou bloquée", STALLED,
     "coordination-protocol feasibility-review-guide pt-video-execucao district-pilot-composite"),
    ("fr", "cross-language", "budget calendar", "budget-calendar-template fr-calendrier-budgetaire", ""),
    ("fr", "cross-language", "outreach", OUT, MARGINALISED),
    ("fr", "question", "comment suivre la réalisation des projets lauréats ?",
     "fr-suivi-realisations implementation-tracker",
     "oversight-committees pt-video-execucao stalled-projects-diagnosis"),
    ("fr", "question", "comment expliquer le vote par classement aux agents ?",
     "fr-vote-classement-atelier ranked-ballot-explainer", ""),
    ("fr", "question", "quelles questions poser aux habitants pour évaluer le budget participatif ?",
     "fr-evaluation-participative", "evaluating-last-cycle impact-evidence-review"),
    ("fr", "question", "comment aller vers les habitants qui ne viennent pas aux réunions ?",
     "fr-mobilisation-quartiers outreach-plan-marginalised", "facilitation-basics"),
    ("fr", "misspelling", "mobilistion", "fr-mobilisation-quartiers", OUT),
    ("fr", "misspelling", "calendrer budgétaire", "fr-calendrier-budgetaire budget-calendar-template", ""),
    # Spanish
    ("es", "one word", "viabilidad", "es-viabilidad-tecnica madrid-case-study",
     "feasibility-review-guide feasibility-memo-template"),
    ("es", "one word", "votación", "es-video-votacion madrid-case-study", "online-offline-voting"),
    ("es", "one word", "criterios", "es-seleccion-proyectos", "pt-criterios-distribuicao"),
    ("es", "word forms", "votaciones", "es-video-votacion madrid-case-study", "online-offline-voting"),
    ("es", "word forms", "obra atrasada", "es-obras-atrasadas", "stalled-projects-diagnosis"),
    ("es", "tags", "selección de proyectos", "es-seleccion-proyectos fr-selection-projets-formation",
     SELECTION),
    ("es", "tags", "estudio de caso Madagascar", "antananarivo-case-study", ""),
    ("es", "tags", "llegar a los grupos marginados",
     "outreach-plan-marginalised es-escuelas-presupuesto fr-mobilisation-quartiers",
     OUT + " " + MARGINALISED),
    ("es", "tags", "seguimiento y evaluación", EVALUATION, EVALUATION_TAGGED),
    ("es", "cross-language", "feasibility review",
     "feasibility-review-guide feasibility-memo-template es-viabilidad-tecnica", ""),
    ("es", "cross-language", "orçamento participativo Moçambique", "pt-mocambique-piloto", ""),
    ("es", "question", "¿cómo revisar la viabilidad de las propuestas?",
     "es-viabilidad-tecnica feasibility-review-guide feasibility-memo-template", "madrid-case-study"),
    ("es", "question", "¿qué decir a los vecinos cuando una obra se retrasa?", "es-obras-atrasadas",
     "stalled-projects-diagnosis pt-video-execucao"),
    ("es", "question", "¿cómo explicar el presupuesto municipal a los vecinos?",
     "es-escuelas-presupuesto communicating-budget", "youth-participation-schools"),
    ("es", "question", "¿qué criterios usar para elegir los proyectos ganadores?", "es-seleccion-proyectos",
     "deliberation-assemblies tie-breaking-rules pt-criterios-distribuicao"),
    ("es", "misspelling", "viabilidd", "es-viabilidad-tecnica", "madrid-case-study"),
    ("es", "misspelling", "escuelas de presupesto", "es-escuelas-presupuesto", "youth-participation-schools"),
    # Portuguese
    ("pt", "one word", "assembleias", "pt-assembleias-tematicas porto-alegre-case-study",
     "deliberation-assemblies"),
    ("pt", "one word", "conselho", "pt-conselho-orcamento", "pt-video-execucao"),
    ("pt", "one word", "Moçambique", "pt-mocambique-piloto", ""),
    ("pt", "word forms", "acompanhamento das obras", "pt-video-execucao pt-conselho-orcamento",
     "oversight-committees"),
    ("pt", "word forms", "região", "pt-criterios-distribuicao porto-alegre-case-study", ""),
    ("pt", "tags", "seleção de projetos", "fr-selection-projets-formation es-seleccion-proyectos", SELECTION),
    ("pt", "tags", "monitoramento e avaliação", EVALUATION, EVALUATION_TAGGED),
    ("pt", "tags", "estudo de caso América Latina",
     "mexico-city-case-study porto-alegre-case-study consultative-town-composite", ""),
    ("pt", "tags", "material de formação seleção de projetos",
     "fr-selection-projets-formation fr-vote-classement-atelier",
     "deliberation-assemblies online-deliberation"),
    ("pt", "cross-language", "obras atrasadas", "es-obras-atrasadas",
     "pt-video-execucao stalled-projects-diagnosis"),
    ("pt", "cross-language", "oversight committees", "oversight-committees porto-alegre-case-study", ""),
    ("pt", "question", "como distribuir o orçamento entre as regiões da cidade?",
     "pt-criterios-distribuicao porto-alegre-case-study", ""),
    ("pt", "question", "como os moradores podem acompanhar as obras?",
     "pt-video-execucao oversight-committees",
     "pt-conselho-orcamento implementation-tracker"),
    ("pt", "question", "como organizar assembleias por tema?", "pt-assembleias-tematicas",
     "deliberation-assemblies porto-alegre-case-study"),
    ("pt", "question", "como formar os conselheiros do orçamento participativo?", "pt-conselho-orcamento",
     "budget-delegates-handbook"),
    ("pt", "misspelling", "assembleias temátcas", "pt-assembleias-tematicas", ""),
    ("pt", "misspelling", "Moçambiqe", "pt-mocambique-piloto", ""),
]

WORD = re.compile(r"\w+")


def judgments(high, related):
    grades = {slug: 1 for slug in related.split()}
    grades.update({slug: 2 for slug in high.split()})
    return grades


# --- The BM25 baseline --------------------------------------------------------------------------


class BM25:
    """Okapi BM25 over one text per document (title, summary and body together)."""

    def __init__(self, documents, k1=1.2, b=0.75):
        self.k1, self.b = k1, b
        self.terms = {key: Counter(WORD.findall(text.lower())) for key, text in documents.items()}
        self.lengths = {key: sum(terms.values()) for key, terms in self.terms.items()}
        self.average = sum(self.lengths.values()) / max(len(self.lengths), 1)
        self.df = Counter(term for terms in self.terms.values() for term in terms)

    def search(self, query, limit=10):
        words = WORD.findall(query.lower())
        n = len(self.terms)
        scores = {}
        for key, terms in self.terms.items():
            score = 0.0
            for word in words:
                tf = terms.get(word, 0)
                if not tf:
                    continue
                idf = math.log(1 + (n - self.df[word] + 0.5) / (self.df[word] + 0.5))
                norm = self.k1 * (1 - self.b + self.b * self.lengths[key] / self.average)
                score += idf * tf * (self.k1 + 1) / (tf + norm)
            if score > 0:
                scores[key] = score
        return sorted(scores, key=lambda key: (-scores[key], key))[:limit]


# --- Measures -----------------------------------------------------------------------------------


def success_at_3(ranked, grades):
    best = max(grades.values())
    return float(any(grades.get(slug, 0) == best for slug in ranked[:3]))


def reciprocal_rank(ranked, grades):
    for position, slug in enumerate(ranked, start=1):
        if grades.get(slug):
            return 1 / position
    return 0.0


def ndcg_at_5(ranked, grades):
    def gain(grade):
        return 2 ** grade - 1

    dcg = sum(gain(grades.get(slug, 0)) / math.log2(position + 1)
              for position, slug in enumerate(ranked[:5], start=1))
    ideal = sorted(grades.values(), reverse=True)[:5]
    idcg = sum(gain(grade) / math.log2(position + 1) for position, grade in enumerate(ideal, start=1))
    return dcg / idcg if idcg else 0.0


MEASURES = {"success@3": success_at_3, "MRR": reciprocal_rank, "nDCG@5": ndcg_at_5}


def table(rows, runs):
    """rows: (label, [indexes of judged queries]); runs: {system: [ranked slugs per query]}."""
    header = f"| {'queries':<28} | n  | " + " | ".join(
        f"{system} {measure}" for measure in MEASURES for system in runs) + " |"
    lines = [header, "|" + "---|" * (2 + len(MEASURES) * len(runs))]
    for label, indexes in rows:
        cells = []
        for measure in MEASURES.values():
            for ranked in runs.values():
                values = [measure(ranked[i], judgments(JUDGED[i][3], JUDGED[i][4])) for i in indexes]
                cells.append(f"{sum(values) / len(values):.3f}")
        lines.append(f"| {label:<28} | {len(indexes):<2} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--no-fill", action="store_true", help="reuse an already loaded --database-url")
    parser.add_argument("--show-misses", action="store_true",
                        help="list the queries where the site's top three hold no highly relevant resource")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="pbx-search-bench-"))
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "pbexchange.settings.dev", "DJANGO_DEBUG": "false",
        "DATABASE_URL": args.database_url or f"sqlite:///{tmp / 'bench.sqlite3'}",
        "DJANGO_ALLOWED_HOSTS": "testserver", "LOG_LEVEL": "WARNING",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    })
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import io

    from django.core.management import call_command
    from django.test import Client

    from home import demo as home_demo
    from library import demo as library_demo
    from library.models import ResourcePage

    if not args.no_fill:
        call_command("migrate", verbosity=0)
        home_demo.load(stdout=io.StringIO())
        library_demo.load(stdout=io.StringIO())

    client = Client()
    slugs = dict(ResourcePage.objects.values_list("pk", "slug"))
    baselines = {}
    runs = {"site": [], "BM25": []}
    for language, _kind, query, _high, _related in JUDGED:
        response = client.get("/api/library/", {"q": query, "locale": language, "per_page": 10})
        runs["site"].append([slugs[item["id"]] for item in response.json()["results"]])
        if language not in baselines:
            pages = ResourcePage.objects.live().filter(locale__language_code=language)
            body = ResourcePage._meta.get_field("body")
            baselines[language] = BM25({
                page.slug: " ".join([page.title, page.summary,
                                     *map(str, body.get_searchable_content(page.body))])
                for page in pages
            })
        runs["BM25"].append(baselines[language].search(query))

    everything = list(range(len(JUDGED)))
    by_language, by_kind = defaultdict(list), defaultdict(list)
    for i, (language, kind, *_rest) in enumerate(JUDGED):
        by_language[language].append(i)
        by_kind[kind].append(i)
    rows = [("all", everything)]
    rows += [(f"language {language}", indexes) for language, indexes in by_language.items()]
    rows += [(f"kind {kind}", indexes) for kind, indexes in by_kind.items()]
    print(table(rows, runs))
    if args.show_misses:
        for i, (language, kind, query, high, related) in enumerate(JUDGED):
            if not success_at_3(runs["site"][i], judgments(high, related)):
                print(f"miss [{language}] {kind}: {query!r} -> {runs['site'][i][:3]} (want {high})")


if __name__ == "__main__":
    main()
