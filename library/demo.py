"""Demo library: the index page, 60 resources over every facet, case studies, templates, translations."""

import datetime

from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from home.models import HomePage
from home.translations import ensure_page_translations
from library.demo_content import CASE_STUDIES, RESOURCES, TEMPLATES, TRANSLATIONS
from library.models import (
    ResourceIndexPage,
    ResourceLanguage,
    ResourcePage,
    ResourceRegion,
    ResourceStage,
    Theme,
)
from library.services import sync_vocabulary_terms
from library.themes import ensure_seed_themes

INDEX_INTRO_TEXT = (
    "Guidance for every stage of the participatory budgeting cycle, chosen and summarised by "
    "practitioners: research, training material, tools and templates, case studies and videos."
)
INDEX_INTRO = f"<p>{INDEX_INTRO_TEXT}</p>"
INDEX_TRANSLATIONS = {
    "fr": {"Library": "Bibliothèque", INDEX_INTRO_TEXT: (
        "Des ressources pour chaque étape du cycle du budget participatif, choisies et résumées "
        "par des praticiens : recherches, supports de formation, outils et modèles, études de cas "
        "et vidéos.")},
    "es": {"Library": "Biblioteca", INDEX_INTRO_TEXT: (
        "Orientación para cada etapa del ciclo del presupuesto participativo, elegida y resumida "
        "por personas que lo practican: investigaciones, material de formación, herramientas y "
        "plantillas, estudios de caso y videos.")},
    "pt": {"Library": "Biblioteca", INDEX_INTRO_TEXT: (
        "Orientações para cada etapa do ciclo do orçamento participativo, escolhidas e resumidas "
        "por quem o pratica: investigação, materiais de formação, ferramentas e modelos, estudos "
        "de caso e vídeos.")},
}


def load(*, stdout):
    """Create the library and its resources if missing; index them for search; safe to re-run."""
    sync_vocabulary_terms()
    ensure_seed_themes()
    home = HomePage.objects.get(locale=Locale.get_default())
    index = ResourceIndexPage.objects.child_of(home).first()
    if index is None:
        index = ResourceIndexPage(title="Library", slug="library", intro=INDEX_INTRO)
        home.add_child(instance=index)
        index.save_revision().publish()
        stdout.write("  library index created")

    existing = set(ResourcePage.objects.child_of(index).values_list("slug", flat=True))
    created = 0
    for entry in _entries():
        if entry["slug"] in existing:
            continue
        _create_resource(index, entry)
        created += 1
    if created:
        stdout.write(f"  {created} resources created")

    _translate(stdout)
    ensure_page_translations(index, INDEX_TRANSLATIONS, stdout=stdout)
    _index_for_search()
    return index


def _entries():
    for (
        slug,
        title,
        kind,
        stages,
        languages,
        regions,
        themes,
        published,
        authors,
        summary,
        reviewed,
    ) in RESOURCES:
        yield {
            "slug": slug,
            "title": title,
            "resource_type": kind,
            "stages": stages,
            "languages": languages,
            "regions": regions,
            "themes": themes,
            "published": published,
            "authors": authors,
            "summary": summary,
            "reviewed": reviewed,
        }
    for case in CASE_STUDIES:
        yield {**case, "resource_type": "case-study"}
    for template in TEMPLATES:
        yield {**template, "resource_type": "tool", "reviewed": False}


# The closing tip of each demo resource's body, by resource type ("" for every other type).
TIPS = {
    "en": {
        "case-study": "Compare the context with yours before borrowing a feature: the same rule can "
        "work very differently with weaker administrative capacity.",
        "tool": "Adapt the wording to your rulebook before you publish anything in your city's name.",
        "": "Share it with the colleague who will do the work at this stage.",
    },
    "fr": {
        "case-study": "Comparez ce contexte au vôtre avant de reprendre un dispositif : la même "
        "règle peut produire des effets très différents avec une administration aux moyens plus "
        "limités.",
        "tool": "Adaptez la formulation à votre règlement avant de publier quoi que ce soit au nom "
        "de votre ville.",
        "": "Partagez-la avec la personne qui fera le travail à cette étape.",
    },
    "es": {
        "case-study": "Compare este contexto con el suyo antes de adoptar un elemento: la misma "
        "regla puede funcionar de forma muy distinta con una administración de menor capacidad.",
        "tool": "Adapte la redacción a su reglamento antes de publicar nada en nombre de su ciudad.",
        "": "Compártalo con la persona que hará el trabajo en esta etapa.",
    },
    "pt": {
        "case-study": "Compare este contexto com o seu antes de adotar um elemento: a mesma regra "
        "pode funcionar de forma muito diferente com uma administração com menos capacidade.",
        "tool": "Adapte a redação ao seu regulamento antes de publicar o que quer que seja em nome "
        "da sua cidade.",
        "": "Partilhe-o com a pessoa que vai fazer o trabalho nesta etapa.",
    },
}


def _body(entry, language="en"):
    tips = TIPS[language]
    tip = tips.get(entry["resource_type"], tips[""])
    return [
        {"type": "paragraph", "value": f"<p>{entry['summary']}</p>"},
        {"type": "callout", "value": {"kind": "tip", "text": f"<p>{tip}</p>"}},
    ]


def _create_resource(index, entry):
    published = datetime.date.fromisoformat(entry["published"])
    page = ResourcePage(
        title=entry["title"],
        slug=entry["slug"],
        summary=entry["summary"],
        resource_type=entry["resource_type"],
        publication_date=published,
        authors=entry.get("authors", ""),
        countries=entry.get("countries", []),
        body=_body(entry),
        reviewed=entry.get("reviewed", False),
        reviewed_by="PB Exchange research board" if entry.get("reviewed") else "",
        reviewed_on=published + datetime.timedelta(days=30) if entry.get("reviewed") else None,
        population=entry.get("population"),
        years_running=entry.get("years_running"),
        template_text=entry.get("text", ""),
        template_placeholders=entry.get("placeholders", ""),
        **entry.get("context", {}),
    )
    page.languages = list(ResourceLanguage.objects.filter(code__in=entry["languages"]))
    page.regions = list(ResourceRegion.objects.filter(code__in=entry["regions"]))
    page.stages = list(ResourceStage.objects.filter(code__in=entry["stages"]))
    page.themes = list(Theme.objects.filter(slug__in=entry["themes"]))
    page.clean()
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _translate(stdout):
    """Real translations for a few resources (wagtail-localize would make them from the admin)."""
    from home.demo import synchronize_locales

    synchronize_locales(stdout=stdout)  # the translated pages need their parent in each tree
    for (slug, code), fields in TRANSLATIONS.items():
        source = ResourcePage.objects.get(slug=slug, locale=Locale.get_default())
        locale = Locale.objects.get(language_code=code)
        target = ResourcePage.objects.filter(
            translation_key=source.translation_key, locale=locale
        ).first()
        if target is not None and target.alias_of_id is None:
            continue
        if target is not None:
            from wagtail.actions.convert_alias import ConvertAliasPageAction

            ConvertAliasPageAction(target, log_action=None).execute(skip_permission_checks=True)
            target = ResourcePage.objects.get(pk=target.pk)
        else:
            target = source.copy_for_translation(locale, copy_parents=True)
        for field, value in fields.items():
            setattr(target, field, value)
        if "body" not in fields:  # the demo body restates the summary, then adds a tip
            target.body = _body({"summary": target.summary,
                                 "resource_type": source.resource_type}, code)
        target.save_revision().publish()
        stdout.write(f"  {slug} translated into {code}")


def _index_for_search():
    """Index every resource now: with the database task backend, publishing only queues it."""
    backend = get_search_backend()
    backend.add_bulk(ResourcePage, list(ResourcePage.objects.all()))
