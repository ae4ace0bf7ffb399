"""Demo site structure: the home page in four languages, the privacy and contact pages."""

from django.conf import settings
from wagtail.models import Locale, Page, Site

from home.models import HomePage, SiteChrome, StandardPage

HOME_CONTENT = {
    "en": {
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
    },
    "fr": {
        "title": "PB Exchange",
        "headline": "Menez votre budget participatif avec des pairs qui l'ont déjà fait",
        "intro": (
            "<p>PB Exchange réunit celles et ceux qui organisent des budgets participatifs "
            "(agents municipaux, spécialistes techniques, délégués d'habitants, associations et "
            "les experts qui les conseillent) : des ressources adaptées à chaque étape, des pairs "
            "dans des contextes proches et un outil pour vérifier le dépouillement.</p>"
        ),
        "cohort_call": (
            "Indiquez votre rôle, votre contexte et votre étape du cycle : nous vous présenterons "
            "un petit groupe de pairs qui se posent les mêmes questions."
        ),
    },
    "es": {
        "title": "PB Exchange",
        "headline": "Impulse su presupuesto participativo junto a pares con experiencia",
        "intro": (
            "<p>PB Exchange reúne a quienes organizan presupuestos participativos (personal "
            "municipal, especialistas técnicos, delegados vecinales, organizaciones sociales y "
            "las personas expertas que los asesoran): guías para cada etapa, pares en contextos "
            "parecidos y una herramienta para comprobar el recuento.</p>"
        ),
        "cohort_call": (
            "Cuéntenos su rol, su contexto y en qué etapa del ciclo está: le presentaremos un "
            "pequeño grupo de pares con las mismas preguntas."
        ),
    },
    "pt": {
        "title": "PB Exchange",
        "headline": "Conduza o seu orçamento participativo com pares que já o fizeram",
        "intro": (
            "<p>O PB Exchange junta quem organiza orçamentos participativos (técnicos municipais, "
            "especialistas, delegados de moradores, organizações da sociedade civil e os "
            "especialistas que os apoiam): orientações para cada etapa, pares em contextos "
            "semelhantes e uma ferramenta para conferir a apuração.</p>"
        ),
        "cohort_call": (
            "Diga-nos o seu papel, o seu contexto e a etapa do ciclo em que está: apresentamos-lhe "
            "um pequeno grupo de pares com as mesmas questões."
        ),
    },
}

PRIVACY_BODY = (
    "<p>PB Exchange keeps only what it needs to connect you with peers: your name, email, "
    "organisation, country, languages, role and the context of your PB process.</p>"
    "<p>Your email address, organisation and Telegram handle are shown only to the members of "
    "your own cohort, and only if you choose so in your profile. Host-organisation staff can see "
    "them in order to run cohorts.</p>"
    "<p>You can download everything we hold about you, or delete your account, at any time from "
    "<em>My account</em>. Deletion is immediate and removes your cohort memberships as well.</p>"
)
CONTACT_BODY = (
    "<p>PB Exchange is run by a host organisation that supports participatory budgeting "
    "practitioners. Write to us about the library, events, cohorts, or to suggest a resource.</p>"
)


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
        home = HomePage(slug="home", **HOME_CONTENT["en"])
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

    for code, _label in settings.LANGUAGES:
        if code == default_locale.language_code:
            continue
        locale = Locale.objects.get(language_code=code)
        if HomePage.objects.filter(locale=locale, translation_key=home.translation_key).exists():
            continue
        translated = home.copy_for_translation(locale)
        for field, value in HOME_CONTENT[code].items():
            setattr(translated, field, value)
        translated.save_revision().publish()
        stdout.write(f"  home page translated into {code}")
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
