"""Demo site structure: the home page in four languages, the privacy and contact pages."""

from django.conf import settings
from wagtail.models import Locale, Page, Site

from home.models import HomePage, SiteChrome, StandardPage
from home.translations import ensure_page_translations

HOME_CONTENT = {
    "title": "PB Exchange",
    "headline": "Run participatory budgeting with peers who have done it before",
    "intro": (
        "<p>PB Exchange is where the people who organise participatory budgeting (city staff, "
        "technical specialists, resident delegates, organisers and the experts who advise them) "
        "find guidance for the stage they are at, meet peers in similar places, and check "
        "their vote counts.</p>"
    ),
    "cohort_call": (
        "Tell us your role, your context and where you are in the cycle: we will introduce "
        "you to a small group of peers facing the same questions."
    ),
}

# {language: {English text: translation}}, the form wagtail-localize keeps translations in.
HOME_TRANSLATIONS = {
    "fr": {
        HOME_CONTENT["headline"]:
            "Menez votre budget participatif avec des pairs qui l'ont déjà fait",
        HOME_CONTENT["intro"][3:-4]: (
            "PB Exchange réunit celles et ceux qui organisent des budgets participatifs "
            "(agents municipaux, spécialistes techniques, délégués d'habitants, associations et "
            "les experts qui les conseillent) : des ressources adaptées à chaque étape, des pairs "
            "dans des contextes proches et un outil pour vérifier le dépouillement."
        ),
        HOME_CONTENT["cohort_call"]: (
            "Indiquez votre rôle, votre contexte et votre étape du cycle : nous vous présenterons "
            "un petit groupe de pairs qui se posent les mêmes questions."
        ),
    },
    "es": {
        HOME_CONTENT["headline"]:
            "Impulse su presupuesto participativo junto a pares con experiencia",
        HOME_CONTENT["intro"][3:-4]: (
            "PB Exchange reúne a quienes organizan presupuestos participativos (personal "
            "municipal, especialistas técnicos, delegados vecinales, organizaciones sociales y "
            "las personas expertas que los asesoran): guías para cada etapa, pares en contextos "
            "parecidos y una herramienta para comprobar el recuento."
        ),
        HOME_CONTENT["cohort_call"]: (
            "Cuéntenos su rol, su contexto y en qué etapa del ciclo está: le presentaremos un "
            "pequeño grupo de pares con las mismas preguntas."
        ),
    },
    "pt": {
        HOME_CONTENT["headline"]:
            "Conduza o seu orçamento participativo com pares que já o fizeram",
        HOME_CONTENT["intro"][3:-4]: (
            "O PB Exchange junta quem organiza orçamentos participativos (técnicos municipais, "
            "especialistas, delegados de moradores, organizações da sociedade civil e os "
            "especialistas que os apoiam): orientações para cada etapa, pares em contextos "
            "semelhantes e uma ferramenta para conferir a apuração."
        ),
        HOME_CONTENT["cohort_call"]: (
            "Diga-nos o seu papel, o seu contexto e a etapa do ciclo em que está: apresentamos-lhe "
            "um pequeno grupo de pares com as mesmas questões."
        ),
    },
}

PRIVACY_PARAGRAPHS = [
    "PB Exchange keeps only what it needs to connect you with peers: your name, email, "
    "organisation, country, languages, role and the context of your PB process.",
    "Your email address, organisation and Telegram handle are shown only to the members of "
    "your own cohort, and only if you choose so in your profile. Host-organisation staff can see "
    "them in order to run cohorts.",
    "You can download everything we hold about you, or delete your account, at any time from "
    "<em>My account</em>. Deletion is immediate and removes your cohort memberships as well.",
]
PRIVACY_BODY = "".join(f"<p>{paragraph}</p>" for paragraph in PRIVACY_PARAGRAPHS)
CONTACT_PARAGRAPH = (
    "PB Exchange is run by a host organisation that supports participatory budgeting "
    "practitioners. Write to us about the library, events, cohorts, or to suggest a resource."
)
CONTACT_BODY = f"<p>{CONTACT_PARAGRAPH}</p>"

PRIVACY_TRANSLATIONS = {
    "fr": dict(zip(["Privacy", "privacy", *PRIVACY_PARAGRAPHS], [
        "Confidentialité", "confidentialite",
        "PB Exchange ne conserve que ce dont il a besoin pour vous mettre en relation avec des "
        "pairs : votre nom, votre e-mail, votre organisation, votre pays, vos langues, votre rôle "
        "et le contexte de votre budget participatif.",
        "Votre adresse e-mail, votre organisation et votre identifiant Telegram ne sont montrés "
        "qu'aux membres de votre propre cohorte, et seulement si vous le choisissez dans votre "
        "profil. L'équipe de l'organisation hôte peut les voir pour animer les cohortes.",
        "Vous pouvez télécharger tout ce que nous détenons sur vous, ou supprimer votre compte, "
        "à tout moment depuis <em>Mon compte</em>. La suppression est immédiate et retire aussi "
        "vos participations aux cohortes.",
    ], strict=True)),
    "es": dict(zip(["Privacy", "privacy", *PRIVACY_PARAGRAPHS], [
        "Privacidad", "privacidad",
        "PB Exchange guarda solo lo que necesita para ponerle en contacto con pares: su nombre, "
        "correo electrónico, organización, país, idiomas, rol y el contexto de su presupuesto "
        "participativo.",
        "Su correo electrónico, su organización y su usuario de Telegram solo se muestran a los "
        "miembros de su propia cohorte, y solo si así lo elige en su perfil. El equipo de la "
        "organización anfitriona puede verlos para gestionar las cohortes.",
        "Puede descargar todo lo que guardamos sobre usted, o eliminar su cuenta, en cualquier "
        "momento desde <em>Mi cuenta</em>. La eliminación es inmediata y también le retira de "
        "sus cohortes.",
    ], strict=True)),
    "pt": dict(zip(["Privacy", "privacy", *PRIVACY_PARAGRAPHS], [
        "Privacidade", "privacidade",
        "O PB Exchange guarda apenas o que precisa para o pôr em contacto com pares: o seu nome, "
        "e-mail, organização, país, línguas, papel e o contexto do seu orçamento participativo.",
        "O seu endereço de e-mail, a sua organização e o seu utilizador do Telegram só são "
        "mostrados aos membros da sua própria coorte, e apenas se assim o escolher no seu "
        "perfil. A equipa da organização anfitriã pode vê-los para gerir as coortes.",
        "Pode descarregar tudo o que guardamos sobre si, ou apagar a sua conta, a qualquer "
        "momento em <em>A minha conta</em>. A eliminação é imediata e retira-o também das suas "
        "coortes.",
    ], strict=True)),
}
CONTACT_TRANSLATIONS = {
    "fr": {CONTACT_PARAGRAPH: (
        "PB Exchange est animé par une organisation hôte qui soutient les praticiens du budget "
        "participatif. Écrivez-nous au sujet de la bibliothèque, des événements ou des cohortes, "
        "ou pour proposer une ressource.")},
    "es": {"Contact": "Contacto", "contact": "contacto", CONTACT_PARAGRAPH: (
        "PB Exchange está a cargo de una organización anfitriona que apoya a quienes practican "
        "el presupuesto participativo. Escríbanos sobre la biblioteca, los eventos o las "
        "cohortes, o para sugerir un recurso.")},
    "pt": {"Contact": "Contacto", "contact": "contacto", CONTACT_PARAGRAPH: (
        "O PB Exchange é gerido por uma organização anfitriã que apoia quem pratica o orçamento "
        "participativo. Escreva-nos sobre a biblioteca, os eventos ou as coortes, ou para sugerir "
        "um recurso.")},
}


def load(*, stdout):
    """Create the home page tree, its translations and the footer pages; safe to re-run."""
    default_locale = Locale.get_default()
    for code, _label in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)

    home = HomePage.objects.filter(locale=default_locale).first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's migrations leave a plain "Welcome" page (and a Site pointing to it) in place.
        for placeholder in root.get_children().filter(content_type__model="page"):
            placeholder.delete()
        home = HomePage(slug="home", **HOME_CONTENT)
        root.add_child(instance=home)
        home.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home,
                      "site_name": "PB Exchange"},
        )
        stdout.write("  home page created")

    privacy = _ensure_child(home, StandardPage, "privacy", "Privacy", PRIVACY_BODY)
    contact = _ensure_child(home, StandardPage, "contact", "Contact", CONTACT_BODY)

    site = Site.objects.get(is_default_site=True)
    chrome = SiteChrome.for_site(site)
    if chrome.privacy_page_id is None:
        chrome.privacy_page = privacy
        chrome.contact_page = contact
        chrome.contact_email = settings.CONTACT_EMAIL
        chrome.save()

    ensure_page_translations(home, HOME_TRANSLATIONS, stdout=stdout)
    ensure_page_translations(privacy, PRIVACY_TRANSLATIONS, stdout=stdout)
    ensure_page_translations(contact, CONTACT_TRANSLATIONS, stdout=stdout)
    return home


def _ensure_child(parent, model, slug, title, body):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, title=title, body=body)
        parent.add_child(instance=page)
        page.save_revision().publish()
    return page


def synchronize_locales(*, stdout):
    """Give every language its own tree: untranslated pages appear there as aliases."""
    from wagtail_localize.models import LocaleSynchronization
    from wagtail_localize.synctree import synchronize_tree

    source = Locale.get_default()
    for locale in Locale.objects.exclude(pk=source.pk):
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": source})
        synchronize_tree(source, locale)
    stdout.write("  language trees synchronised")
