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

    from library.demo_elections import attach_elections

    attach_elections(index, create_resource=_create_resource, stdout=stdout)
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


# What a reader does with each type of resource; the summary says what it is, the body how to use it.
USE_EN = {
    "guide": "Read it with the colleague who will do the work, and mark what your rulebook already "
    "settles and what it leaves open.",
    "research": "Start with the findings, then read the method before you quote a figure: the "
    "processes studied may differ from yours in size and in how binding the vote is.",
    "training": "The handout attached below holds the session plan, the exercises and a short "
    "feedback form. Plan about two hours for up to twenty participants, and send the handout a "
    "few days before.",
    "tool": "Adapt the wording to your rulebook before you publish anything in your city's name.",
    "case-study": "Compare the context with yours before borrowing a feature: the same rule can "
    "work very differently with weaker administrative capacity.",
    "video": "Watch it as a team and stop after each part to note what you would do differently.",
}


# The same in the other languages, for the resources the demo translates.
USE = {
    "en": USE_EN,
    "fr": {
        "guide": "Lisez-le avec la personne qui fera le travail, et repérez ce que votre règlement "
        "tranche déjà et ce qu'il laisse ouvert.",
        "research": "Commencez par les résultats, puis lisez la méthode avant de citer un "
        "chiffre : les démarches étudiées peuvent différer de la vôtre par leur taille et par le "
        "caractère contraignant du vote.",
        "training": "Le support joint ci-dessous contient le déroulé de la séance, les exercices "
        "et un court formulaire d'évaluation. Prévoyez environ deux heures pour vingt personnes "
        "au plus, et envoyez le support quelques jours avant.",
        "tool": "Adaptez la formulation à votre règlement avant de publier quoi que ce soit au nom "
        "de votre ville.",
        "case-study": "Comparez ce contexte au vôtre avant de reprendre un dispositif : la même "
        "règle peut produire des effets très différents avec une administration aux moyens plus "
        "limités.",
        "video": "Regardez-la en équipe et faites une pause après chaque partie pour noter ce que "
        "vous feriez autrement.",
    },
    "es": {
        "guide": "Léalo con la persona que hará el trabajo y marque lo que su reglamento ya "
        "resuelve y lo que deja abierto.",
        "research": "Empiece por los resultados y lea el método antes de citar una cifra: los "
        "procesos estudiados pueden diferir del suyo en tamaño y en cuán vinculante es el voto.",
        "training": "El material adjunto abajo contiene el plan de la sesión, los ejercicios y un "
        "breve formulario de evaluación. Calcule unas dos horas para un máximo de veinte "
        "personas, y envíe el material unos días antes.",
        "tool": "Adapte la redacción a su reglamento antes de publicar nada en nombre de su ciudad.",
        "case-study": "Compare este contexto con el suyo antes de adoptar un elemento: la misma "
        "regla puede funcionar de forma muy distinta con una administración de menor capacidad.",
        "video": "Véalo en equipo y deténgase después de cada parte para anotar qué haría de otra "
        "manera.",
    },
    "pt": {
        "guide": "Leia-o com a pessoa que vai fazer o trabalho e assinale o que o seu regulamento "
        "já decide e o que deixa em aberto.",
        "research": "Comece pelos resultados e leia o método antes de citar um número: os "
        "processos estudados podem ser diferentes do seu na dimensão e no caráter vinculativo do "
        "voto.",
        "training": "O material anexo abaixo contém o plano da sessão, os exercícios e um breve "
        "formulário de avaliação. Conte com cerca de duas horas para até vinte pessoas e envie o "
        "material alguns dias antes.",
        "tool": "Adapte a redação ao seu regulamento antes de publicar o que quer que seja em nome "
        "da sua cidade.",
        "case-study": "Compare este contexto com o seu antes de adotar um elemento: a mesma regra "
        "pode funcionar de forma muito diferente com uma administração com menos capacidade.",
        "video": "Veja-o em equipa e pare depois de cada parte para anotar o que faria de outra "
        "forma.",
    },
}
BODY_HEADINGS = {  # (where it fits in the cycle, challenges it speaks to)
    "en": ("Where it fits in the cycle:", "Challenges it speaks to:"),
    "fr": ("Où elle se situe dans le cycle :", "Défis auxquels elle répond :"),
    "es": ("Dónde encaja en el ciclo:", "Desafíos que aborda:"),
    "pt": ("Onde se encaixa no ciclo:", "Desafios a que responde:"),
}


def _body(entry, language="en"):
    """A body that helps the reader use the resource, without repeating its summary."""
    from django.utils import translation

    from pbexchange.vocabulary import Stage

    with translation.override(language):
        stages = [str(label) for slug, label in Stage.choices if slug in entry["stages"]]
        themes = [theme.label for theme in Theme.objects.filter(slug__in=entry["themes"])]
    where, challenges = BODY_HEADINGS[language]
    blocks = []
    if stages:
        blocks.append({"type": "paragraph", "value": f"<p><b>{where}</b> {', '.join(stages)}.</p>"})
    if themes:
        blocks.append({"type": "paragraph",
                       "value": f"<p><b>{challenges}</b> {', '.join(themes)}.</p>"})
    use = USE[language]
    tip = use.get(entry["resource_type"], use["guide"])
    blocks.append({"type": "callout", "value": {"kind": "tip", "text": f"<p>{tip}</p>"}})
    return blocks


def _training_handout(entry):
    """A short .docx handout for a training resource, so the demo's training carries material."""
    import io

    import docx
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    handout = docx.Document()
    handout.add_heading(entry["title"], level=1)
    handout.add_paragraph(entry["summary"])
    handout.add_heading("Session plan (about two hours)", level=2)
    for step in ("Welcome and what each participant wants from the session (15 min)",
                 "Input: the key ideas, with one local example (25 min)",
                 "Exercise in small groups, on a real case from your cycle (45 min)",
                 "Groups report back; agree on two changes to try (25 min)",
                 "Feedback form and next steps (10 min)"):
        handout.add_paragraph(step, style="List Number")
    handout.add_heading("Feedback form", level=2)
    for question in ("What will you do differently in the next cycle?",
                     "What was unclear or missing?"):
        handout.add_paragraph(question, style="List Bullet")
    data = io.BytesIO()
    handout.save(data)
    from wagtail.models import Collection

    # A database emptied between tests has lost the root collection Wagtail's migration made.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    Document = get_document_model()
    document = Document(title=f"Handout: {entry['title']}", collection=root)
    document.file.save(f"{entry['slug']}-handout.docx", ContentFile(data.getvalue()), save=False)
    document.save()
    return document


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
    if entry["resource_type"] == "training" and not page.external_url:
        page.document = _training_handout(entry)
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
        if "body" not in fields:
            target.body = _body({"resource_type": source.resource_type,
                                 "stages": list(source.stages.values_list("code", flat=True)),
                                 "themes": list(source.themes.values_list("slug", flat=True))},
                                code)
        target.save_revision().publish()
        stdout.write(f"  {slug} translated into {code}")


def _index_for_search():
    """Index every resource now: with the database task backend, publishing only queues it."""
    backend = get_search_backend()
    backend.add_bulk(ResourcePage, list(ResourcePage.objects.all()))
