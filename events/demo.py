"""Demo events: about 18 events over the past and next six months, dated relative to today."""

import datetime
import zoneinfo
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Locale

from events import services
from events.models import EventIndexPage, EventPage
from home.models import HomePage
from home.translations import ensure_page_translations

INDEX_INTRO_TEXT = (
    "Workshops, conferences and webinars chosen for people who run participatory budgeting. "
    "Filter by language, region, stage of the cycle or format, see the times in your own time "
    "zone, and subscribe to the calendar that suits you."
)
INDEX_INTRO = f"<p>{INDEX_INTRO_TEXT}</p>"
INDEX_TRANSLATIONS = {
    "fr": {"Events": "Événements", INDEX_INTRO_TEXT: (
        "Ateliers, conférences et webinaires choisis pour les personnes qui mènent des budgets "
        "participatifs. Filtrez par langue, région, étape du cycle ou format, voyez les horaires "
        "dans votre propre fuseau horaire et abonnez-vous au calendrier qui vous convient.")},
    "es": {"Events": "Eventos", INDEX_INTRO_TEXT: (
        "Talleres, conferencias y seminarios web elegidos para quienes llevan adelante "
        "presupuestos participativos. Filtre por idioma, región, etapa del ciclo o formato, vea "
        "los horarios en su propia zona horaria y suscríbase al calendario que le convenga.")},
    "pt": {"Events": "Eventos", INDEX_INTRO_TEXT: (
        "Oficinas, conferências e webinars escolhidos para quem faz orçamento participativo. "
        "Filtre por língua, região, etapa do ciclo ou formato, veja os horários no seu próprio "
        "fuso horário e subscreva o calendário que lhe convém.")},
}

# (slug, days from today, or ("next-month", day), local start "HH:MM", hours, zone, fields)
EVENTS = [
    ("assemblies-lessons-from-delegates", -150, "18:30", 2, "America/Sao_Paulo", dict(
        title="Neighbourhood assemblies: what delegates learned",
        summary="Delegates from three districts compare how they ran assemblies and who came.",
        description="<p>An evening of short talks by resident delegates, followed by small-group "
                    "discussion on reaching people who rarely attend public meetings.</p>",
        format="in-person", venue="Centro Cultural Usina do Gasômetro", city="Porto Alegre",
        country="Brazil", organiser="Rede de Delegados do OP", languages=["pt"],
        regions=["latin-america"], stages=["outreach"], themes=["limited-participation"],
        recording_url="https://www.youtube-nocookie.com/embed/pb-assemblies")),
    ("webinar-checking-vote-counts", -110, "12:00", 1.5, "Europe/Paris", dict(
        title="Webinar: checking a PB vote count yourself",
        summary="How to publish ballot data so that anyone can recount the result.",
        description="<p>A walk through publishing anonymised ballots and re-running the "
                    "allocation rule, with the PB Exchange calculator as an example.</p>",
        format="online", joining_link="https://meet.example.org/pb-recount",
        organiser="PB Exchange", languages=["fr", "en"], regions=["europe"],
        stages=["project-selection"], themes=["limited-guidance"],
        recording_url="https://www.youtube-nocookie.com/embed/pb-recount")),
    ("taller-del-voto-a-la-obra", -75, "10:00", 3, "America/Mexico_City", dict(
        title="Taller: del voto a la obra terminada",
        summary="Cómo dar seguimiento a los proyectos ganadores hasta su inauguración.",
        description="<p>Un taller práctico para equipos municipales sobre calendarios de obra, "
                    "comunicación con vecinos y reasignación de fondos.</p>",
        format="online", joining_link="https://meet.example.org/del-voto-a-la-obra",
        organiser="Red Latinoamericana de PP", languages=["es"], regions=["latin-america"],
        stages=["project-implementation"], themes=["stalled-implementation"])),
    ("pb-in-schools-roundtable", -40, "17:00", 2, "America/New_York", dict(
        title="PB in schools: a practitioners' roundtable",
        summary="Teachers and city staff on running student budget votes.",
        description="<p>Four school districts share ballots, timelines and what students built "
                    "with their budgets.</p>",
        format="hybrid", venue="Brooklyn Public Library, Central Branch", city="New York",
        country="United States", joining_link="https://meet.example.org/pb-schools",
        organiser="Youth PB Collaborative", languages=["en"], regions=["north-america"],
        stages=["outreach"], themes=["limited-participation"], cost_amount=Decimal("25"),
        cost_currency="USD", recording_url="https://player.vimeo.com/video/pb-schools")),
    ("designing-first-cycle-rules", -12, "14:00", 2, "Africa/Nairobi", dict(
        title="Designing the rules of a first PB cycle",
        summary="Rulebooks, eligibility and budgets for cities starting out.",
        description="<p>County officers who launched PB in the last two years explain the "
                    "choices they made in their first rulebook and what they would change.</p>",
        format="online", joining_link="https://meet.example.org/first-cycle",
        organiser="East African PB Forum", languages=["en", "sw"], regions=["africa"],
        stages=["annual-planning"], themes=["unclear-fit"])),
    ("korean-cities-exchange", -3, "10:00", 6, "Asia/Seoul", dict(
        title="Regional exchange: PB in Korean cities",
        summary="A day of site visits and talks on proposal review committees.",
        description="<p>Participants visit completed projects and meet the committees that "
                    "reviewed them.</p>",
        format="in-person", venue="Seoul Innovation Park", city="Seoul", country="South Korea",
        organiser="Korean PB Network", languages=["ko", "en"], regions=["asia-pacific"],
        stages=["project-development"], themes=["stakeholder-coordination"])),
    ("peer-call-stuck-projects", 1, "15:00", 1, "Europe/London", dict(
        title="Peer call: projects that will not move",
        summary="Bring one stalled project; leave with three ideas from peers.",
        description="<p>A short, informal call in small groups. Each participant describes a "
                    "winning project that has stalled; the others suggest next steps.</p>",
        format="online", joining_link="https://meet.example.org/peer-call",
        joining_link_members_only=True, organiser="PB Exchange", languages=["en"],
        regions=["global"], stages=["project-implementation"],
        themes=["stalled-implementation"])),
    ("seminario-seguimiento-proyectos", 9, "11:00", 1.5, "America/Bogota", dict(
        title="Seminario web: seguimiento público de proyectos",
        summary="Tableros abiertos para que la ciudadanía vea el avance de cada proyecto.",
        description="<p>Tres municipios muestran cómo publican el estado de las obras y cómo "
                    "responden cuando se retrasan.</p>",
        format="online", joining_link="https://meet.example.org/seguimiento",
        organiser="Red Colombiana de Presupuestos Participativos", languages=["es"],
        regions=["latin-america"], stages=["project-implementation"],
        themes=["stalled-implementation"])),
    ("atelier-chiffrage-projets", 20, "09:30", 7, "Europe/Paris", dict(
        title="Atelier : chiffrer les projets avec les habitants",
        summary="Une journée pour estimer ensemble le coût des propositions.",
        description="<p>Des services techniques et des porteurs de projets travaillent sur de "
                    "vrais dossiers pour apprendre à estimer coûts et délais.</p>",
        format="in-person", venue="Maison de la Métropole", city="Lyon", country="France",
        organiser="Réseau des budgets participatifs", languages=["fr"], regions=["europe"],
        stages=["project-development"], themes=["stakeholder-coordination"],
        cost_amount=Decimal("40"), cost_currency="EUR", capacity=40,
        registration_url="https://events.example.org/atelier-chiffrage")),
    ("study-visit-rural-districts", 28, "08:00", 8, "Indian/Antananarivo", dict(
        title="Study visit: PB in rural communes",
        summary="Visiting communes that run budget assemblies in several villages.",
        description="<p>A field visit to communes that hold assemblies village by village and "
                    "report back on spending at public meetings.</p>",
        format="in-person", venue="Commune de Fandriana", city="Fandriana", country="Madagascar",
        organiser="PB Exchange Africa hub", languages=["mg", "fr"], regions=["africa"],
        stages=["outreach"], themes=["limited-participation"], cancelled=True,
        cancellation_note="Cancelled because of cyclone warnings; a new date will follow.")),
    ("conversatorio-obras-que-no-arrancan", ("next-month", 10), "18:00", 1.5, "America/Lima", dict(
        title="Conversatorio en línea: obras que no arrancan",
        summary="Qué hacer cuando un proyecto votado queda detenido en licitación.",
        description="<p>Funcionarias y vecinos conversan sobre contratos, plazos y cómo "
                    "mantener informada a la comunidad.</p>",
        format="online", joining_link="https://meet.example.org/obras-detenidas",
        organiser="Foro Andino de PP", languages=["es"], regions=["latin-america"],
        stages=["project-implementation"], themes=["stalled-implementation"])),
    ("webinar-pp-digitales", ("next-month", 16), "16:00", 1, "Europe/Madrid", dict(
        title="Webinar: votación digital en presupuestos participativos",
        summary="Plataformas, verificación de identidad y accesibilidad en el voto en línea.",
        description="<p>Una sesión sobre cómo combinar voto en línea y presencial sin dejar a "
                    "nadie fuera.</p>",
        format="online", joining_link="https://meet.example.org/voto-digital",
        organiser="Red de Ciudades por la Participación", languages=["es"], regions=["europe"],
        stages=["project-selection"], themes=["limited-participation"])),
    ("encontro-op-jovem", 45, "14:00", 3, "Europe/Lisbon", dict(
        title="Encontro: orçamento participativo jovem",
        summary="Escolas e juntas de freguesia partilham as suas edições jovens.",
        description="<p>Um encontro para quem organiza orçamentos participativos com jovens, "
                    "com sessões presenciais e transmissão em direto.</p>",
        format="hybrid", venue="Fórum Lisboa", city="Lisbon", country="Portugal",
        joining_link="https://meet.example.org/op-jovem", organiser="Rede de Autarquias Participativas",
        languages=["pt"], regions=["europe"], stages=["outreach"],
        themes=["limited-participation"])),
    ("conference-pb-and-climate", 60, "09:00", 8, "Europe/Berlin", dict(
        title="Conference: participatory budgeting for climate action",
        summary="Two tracks on climate budgets decided by residents.",
        description="<p>Cities that set aside part of their PB for climate projects present "
                    "their criteria and results.</p>",
        format="in-person", venue="Rotes Rathaus", city="Berlin", country="Germany",
        organiser="European PB Network", languages=["en", "de"], regions=["europe"],
        stages=["annual-planning"], themes=["top-down-mandate"], cost_amount=Decimal("120"),
        cost_currency="EUR", capacity=300,
        registration_url="https://events.example.org/pb-climate")),
    ("webinar-consultation-to-binding", 80, "10:00", 1, "Australia/Sydney", dict(
        title="Webinar: from consultation to binding decisions",
        summary="How councils moved from advisory votes to binding PB.",
        description="<p>Two councils describe the political steps that made residents' votes "
                    "binding.</p>",
        format="online", joining_link="https://meet.example.org/binding",
        organiser="Asia-Pacific PB Practitioners", languages=["en"], regions=["asia-pacific"],
        stages=["annual-planning"], themes=["unclear-fit"])),
    ("formation-evaluer-un-cycle", 100, "15:00", 2, "Africa/Dakar", dict(
        title="Formation en ligne : évaluer un cycle de budget participatif",
        summary="Indicateurs simples pour mesurer participation et réalisations.",
        description="<p>Une formation pour les équipes municipales qui veulent mesurer ce que "
                    "leur cycle a changé.</p>",
        format="online", joining_link="https://meet.example.org/evaluer",
        organiser="Réseau ouest-africain du BP", languages=["fr"], regions=["africa"],
        stages=["project-implementation", "annual-planning"], themes=["limited-guidance"])),
    ("taller-coordinacion-areas", 130, "09:00", 4, "America/Montevideo", dict(
        title="Taller presencial: coordinar las áreas municipales",
        summary="Cómo repartir responsabilidades entre obras, finanzas y participación.",
        description="<p>Un taller con ejercicios sobre mesas de trabajo entre áreas y acuerdos "
                    "de plazos.</p>",
        format="in-person", venue="Intendencia de Montevideo", city="Montevideo",
        country="Uruguay", organiser="Red Latinoamericana de PP", languages=["es"],
        regions=["latin-america"], stages=["project-development"],
        themes=["stakeholder-coordination"])),
    ("global-practitioners-day", 160, "19:00", 3, "Asia/Jakarta", dict(
        title="Global PB practitioners' day",
        summary="Short talks from every region, with interpretation.",
        description="<p>A day-long online and in-person gathering with talks from each region "
                    "and open peer sessions.</p>",
        format="hybrid", venue="Balai Kota", city="Jakarta", country="Indonesia",
        joining_link="https://meet.example.org/pb-day", organiser="PB Exchange",
        languages=["en", "id"], regions=["global"],
        stages=["annual-planning", "outreach", "project-selection"],
        themes=["limited-guidance"])),
]


def _start(when, hhmm, zone_name):
    zone = zoneinfo.ZoneInfo(zone_name)
    today = timezone.now().astimezone(zone).date()
    if isinstance(when, tuple):
        first_next = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        day = first_next + datetime.timedelta(days=when[1] - 1)
    else:
        day = today + datetime.timedelta(days=when)
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return datetime.datetime(day.year, day.month, day.day, hours, minutes, tzinfo=zone)


def load(*, stdout):
    """Create the events index under the home page, the demo events and the proposal workflow."""
    home = HomePage.objects.get(locale=Locale.get_default())
    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        index = EventIndexPage(title="Events", slug="events", intro=INDEX_INTRO)
        home.add_child(instance=index)
        index.save_revision().publish()
        stdout.write("  events index created")
    created = 0
    for slug, when, hhmm, hours, zone_name, fields in EVENTS:
        if EventPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        start = _start(when, hhmm, zone_name)
        page = EventPage(slug=slug, start=start.astimezone(datetime.UTC),
                         end=(start + datetime.timedelta(hours=hours)).astimezone(datetime.UTC),
                         time_zone=zone_name, **fields)
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    if created:
        stdout.write(f"  {created} events created")
    services.proposal_workflow()
    ensure_page_translations(index, INDEX_TRANSLATIONS, stdout=stdout)
    return index
