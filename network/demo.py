"""Demo accounts: a staff curator, an ordinary member, and members across roles and regions."""

import random

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from network.models import PRIORITY_OUTCOMES, AdvisedProcess, Expert, Member
from pbexchange.vocabulary import Role

NETWORK_SIZE = 200  # members with a full profile, most of them opted in to matching
_KNOWN_OUTCOMES = {slug for slug, _label in PRIORITY_OUTCOMES}

DEMO_PASSWORD = "pb-exchange-demo"  # demo only: printed by load_demo, never used in production
CURATOR_EMAIL = "curator@pb-exchange.example"
MEMBER_EMAIL = "member@pb-exchange.example"

# (name, country, languages) for people spread across the regions where PB runs.
PEOPLE = [
    ("Amara Rakotomalala", "MG", ["mg", "fr"]), ("Lucía Fernández", "ES", ["es", "en"]),
    ("Carlos Mendoza", "MX", ["es"]), ("Ji-woo Park", "KR", ["ko", "en"]),
    ("Beatriz Oliveira", "BR", ["pt", "es"]), ("Jean-Baptiste Rabe", "MG", ["mg", "fr"]),
    ("Sofía Ramírez", "MX", ["es", "en"]), ("Min-jun Kim", "KR", ["ko"]),
    ("Rafael Costa", "BR", ["pt"]), ("Élodie Martin", "FR", ["fr", "en"]),
    ("Kwame Mensah", "GH", ["en"]), ("Aisha Bello", "NG", ["en", "fr"]),
    ("Tomasz Nowak", "PL", ["pl", "en"]), ("Anna Kowalska", "PL", ["pl"]),
    ("Sarah Thompson", "US", ["en", "es"]), ("Daniel Okafor", "NG", ["en"]),
    ("Marta Sánchez", "ES", ["es", "pt"]), ("João Pereira", "PT", ["pt", "en"]),
    ("Claire Dubois", "CA", ["fr", "en"]), ("Mohamed Ait Ali", "MA", ["ar", "fr"]),
    ("Priya Raman", "IN", ["hi", "en"]), ("Wanjiru Kamau", "KE", ["sw", "en"]),
    ("Hannah Becker", "DE", ["de", "en"]), ("Giulia Rossi", "IT", ["it", "en"]),
    ("Pieter de Vries", "NL", ["nl", "en"]), ("Valentina Gómez", "CO", ["es"]),
    ("Andrés Torres", "PE", ["es", "en"]), ("Fernanda Lima", "BR", ["pt", "en"]),
    ("Hery Andriamanana", "MG", ["mg", "fr", "en"]), ("Seo-yeon Lee", "KR", ["ko", "en"]),
    ("Michael Chen", "US", ["en", "zh"]), ("Nomvula Dlamini", "ZA", ["en"]),
    ("Ana Silva", "PT", ["pt", "fr"]), ("Gabriel Rocha", "BR", ["pt", "es"]),
    ("Camille Laurent", "BE", ["fr", "nl"]), ("Diego Herrera", "AR", ["es"]),
    ("Fatou Diop", "SN", ["fr"]), ("Ivana Horvat", "HR", ["en"]),
    ("Laura Jiménez", "CL", ["es", "en"]), ("Oliver Brown", "GB", ["en"]),
]


def load(*, stdout):
    """Create the demo accounts once; re-running leaves them as they are."""
    rng = random.Random(20261123)
    roles = list(Role.values)
    _ensure_account(CURATOR_EMAIL, "Nadia Curator", staff=True,
                    profile={"organisation": "PB Exchange host team", "country": "FR",
                             "languages": ["en", "fr"], "role": Role.EXPERT})
    _ensure_account(MEMBER_EMAIL, "Rosa Member", staff=False,
                    profile={"organisation": "City of Valparaíso", "country": "CL",
                             "languages": ["es", "en"], "role": Role.PB_TEAM_LEAD,
                             "time_zone": "America/Santiago", "world_region": "latin-america",
                             "political_structure": "consolidated-democracy",
                             "state_capacity": "medium", "territorial_level": "municipal",
                             "decision_model": "direct-vote", "resources": "project-only",
                             "population": 300_000, "years_running": 3,
                             "stage": "project-selection",
                             "challenges": ["limited-participation", "stakeholder-coordination"],
                             "consent_to_matching": True, "show_email": True,
                             "show_organisation": True})
    for index, (name, country, languages) in enumerate(PEOPLE):
        email = f"{name.split()[0].lower()}.{index}@members.pb-exchange.example"
        email = email.encode("ascii", "ignore").decode()
        _ensure_account(email, name, staff=False, profile={
            "organisation": f"{rng.choice(['City', 'District', 'Municipality', 'Network'])} team",
            "country": country,
            "languages": languages,
            "role": roles[index % len(roles)],
        })
    _ensure_network(stdout=stdout)
    _ensure_experts()
    _ensure_summary_translations()
    stdout.write(f"  {Member.objects.count()} member profiles, "
                 f"{Member.objects.filter(consent_to_matching=True).count()} open to matching, "
                 f"{Expert.objects.filter(vetted=True).count()} vetted experts")


TIME_ZONES = {
    "ES": "Europe/Madrid", "PT": "Europe/Lisbon", "FR": "Europe/Paris", "DE": "Europe/Berlin",
    "IT": "Europe/Rome", "GB": "Europe/London", "US": "America/New_York",
    "CA": "America/Toronto", "MX": "America/Mexico_City", "CO": "America/Bogota",
    "AR": "America/Argentina/Buenos_Aires", "BR": "America/Sao_Paulo", "PE": "America/Lima",
    "MG": "Indian/Antananarivo", "SN": "Africa/Dakar", "KE": "Africa/Nairobi",
    "ZA": "Africa/Johannesburg", "TN": "Africa/Tunis", "IN": "Asia/Kolkata",
    "ID": "Asia/Jakarta", "PH": "Asia/Manila", "KR": "Asia/Seoul", "NZ": "Pacific/Auckland",
    "CL": "America/Santiago", "GH": "Africa/Accra", "NG": "Africa/Lagos",
    "MA": "Africa/Casablanca", "HR": "Europe/Zagreb", "BE": "Europe/Brussels",
    "NL": "Europe/Amsterdam", "PL": "Europe/Warsaw",
}
# Offsets (minutes) of the US and Canadian processes the generator spreads over several zones.
_NORTH_AMERICA = {-300: "America/New_York", -360: "America/Chicago", -420: "America/Denver",
                  -480: "America/Los_Angeles"}
# Given names and family names common where each demo member works, so that a member's name
# fits their country; combined into names no two members share.
NAMES_BY_COUNTRY = {
    "ES": (["Alba", "Jorge", "Nuria", "Iñaki", "Carmen", "Álvaro", "Pilar", "Sergio"],
           ["Ortega", "Navarro", "Molina", "Etxeberria", "Vidal", "Castillo", "Rubio", "Serrano"]),
    "PT": (["Inês", "Duarte", "Leonor", "Rui", "Mafalda", "Tiago", "Beatriz", "Nuno"],
           ["Ferreira", "Carvalho", "Sousa", "Mendes", "Ribeiro", "Gomes", "Martins", "Lopes"]),
    "FR": (["Chloé", "Mathieu", "Sandrine", "Yannick", "Margaux", "Olivier", "Nathalie", "Bastien"],
           ["Lefèvre", "Moreau", "Girard", "Fournier", "Mercier", "Roux", "Bonnet", "Lambert"]),
    "DE": (["Jonas", "Katrin", "Lukas", "Miriam", "Felix", "Sabine", "Tobias", "Anja"],
           ["Schneider", "Wagner", "Hoffmann", "Schulz", "Koch", "Richter", "Wolf", "Neumann"]),
    "IT": (["Chiara", "Matteo", "Francesca", "Lorenzo", "Elisa", "Davide", "Silvia", "Marco"],
           ["Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Conti", "Galli"]),
    "GB": (["Eleanor", "James", "Priya", "Callum", "Siobhan", "Rhys", "Amelia", "Tariq"],
           ["Walker", "Hughes", "Patel", "Campbell", "Murphy", "Davies", "Clarke", "Hussain"]),
    "US": (["Jasmine", "Marcus", "Emily", "DeShawn", "Rosa", "Kevin", "Megan", "Luis"],
           ["Johnson", "Williams", "Nguyen", "Jackson", "Rivera", "Miller", "Robinson", "Flores"]),
    "CA": (["Geneviève", "Liam", "Maude", "Ethan", "Aanya", "Félix", "Olivia", "Samuel"],
           ["Tremblay", "Roy", "Gagnon", "MacDonald", "Singh", "Bouchard", "Wilson", "Côté"]),
    "MX": (["Guadalupe", "Alejandro", "Ximena", "Emiliano", "Mariana", "Rodrigo", "Itzel", "Arturo"],
           ["Hernández", "Martínez", "Reyes", "Cruz", "Morales", "Vázquez", "Aguilar", "Salazar"]),
    "CO": (["Daniela", "Santiago", "Catalina", "Julián", "Paola", "Camilo", "Natalia", "Felipe"],
           ["Restrepo", "Cárdenas", "Ospina", "Quintero", "Valencia", "Arango", "Mejía", "Zapata"]),
    "AR": (["Florencia", "Matías", "Agustina", "Facundo", "Micaela", "Nicolás", "Romina", "Tomás"],
           ["Fernández", "Acosta", "Benítez", "Medina", "Sosa", "Romero", "Álvarez", "Giménez"]),
    "BR": (["Larissa", "Thiago", "Camila", "Rodrigo", "Juliana", "Bruno", "Aline", "Leandro"],
           ["Santos", "Souza", "Almeida", "Nascimento", "Araújo", "Barbosa", "Cardoso", "Teixeira"]),
    "PE": (["Milagros", "Renzo", "Rocío", "Walter", "Yesenia", "Edwin", "Maribel", "Ronald"],
           ["Quispe", "Mamani", "Huamán", "Flores", "Chávez", "Ramos", "Vargas", "Condori"]),
    "MG": (["Fanja", "Tiana", "Hasina", "Mamy", "Voahangy", "Rivo", "Noro", "Haja"],
           ["Randriamampionona", "Rasoanaivo", "Andrianarisoa", "Razafindrakoto", "Rakotondrabe",
            "Ravelojaona", "Ramanantsoa", "Rabearivelo"]),
    "SN": (["Aminata", "Moussa", "Khady", "Ousmane", "Awa", "Cheikh", "Ndèye", "Mamadou"],
           ["Ndiaye", "Fall", "Sow", "Ba", "Sarr", "Faye", "Gueye", "Cissé"]),
    "KE": (["Njeri", "Otieno", "Achieng", "Kiprono", "Wambui", "Mwangi", "Akinyi", "Kiptoo"],
           ["Odhiambo", "Wanjala", "Mutua", "Chebet", "Njoroge", "Omondi", "Kariuki", "Wekesa"]),
    "ZA": (["Thandiwe", "Sipho", "Lerato", "Pieter", "Naledi", "Themba", "Ayesha", "Johan"],
           ["Nkosi", "Mokoena", "Botha", "Khumalo", "Naidoo", "van Wyk", "Mahlangu", "Molefe"]),
    "TN": (["Amira", "Youssef", "Leila", "Slim", "Ines", "Karim", "Rania", "Hatem"],
           ["Ben Salah", "Trabelsi", "Gharbi", "Jebali", "Mansour", "Chaabane", "Hamdi", "Bouazizi"]),
    "IN": (["Ananya", "Rahul", "Kavya", "Arjun", "Meera", "Vikram", "Lakshmi", "Sanjay"],
           ["Iyer", "Sharma", "Reddy", "Menon", "Gupta", "Nair", "Joshi", "Banerjee"]),
    "ID": (["Putri", "Budi", "Siti", "Agus", "Dewi", "Rizky", "Wulan", "Hendra"],
           ["Santoso", "Wijaya", "Nugroho", "Lestari", "Hidayat", "Saputra", "Kurniawan", "Pratama"]),
    "PH": (["Maricel", "Jose", "Kristine", "Paolo", "Angelica", "Ramon", "Joy", "Enrico"],
           ["Reyes", "Bautista", "Villanueva", "Dela Cruz", "Mendoza", "Aquino", "Navarro", "Garcia"]),
    "KR": (["Soo-ah", "Hyun-woo", "Ji-min", "Dong-hyun", "Eun-ji", "Sung-min", "Ha-eun", "Tae-yang"],
           ["Choi", "Jung", "Kang", "Yoon", "Jang", "Lim", "Han", "Shin"]),
    "NZ": (["Aroha", "Liam", "Mere", "Hamish", "Ngaio", "Tane", "Isla", "Wiremu"],
           ["Smith", "Ngata", "Wilson", "Parata", "Taylor", "Walker", "Tuhiwai", "Anderson"]),
}


def _unique_name(country, seed, used):
    """A believable name for someone working in `country`, not yet in `used` (which it joins)."""
    firsts, lasts = NAMES_BY_COUNTRY.get(country, NAMES_BY_COUNTRY["GB"])
    combinations = len(firsts) * len(lasts)
    for step in range(combinations):
        n = (seed * 17 + step) % combinations
        name = f"{firsts[n % len(firsts)]} {lasts[(n // len(firsts) + n) % len(lasts)]}"
        if name not in used:
            used.add(name)
            return name
    name = f"{firsts[seed % len(firsts)]} {lasts[seed % len(lasts)]} {seed}"
    used.add(name)
    return name


POPULATIONS = {"under-50k": 30_000, "50k-250k": 120_000, "250k-1m": 600_000, "1m-5m": 2_500_000,
               "over-5m": 8_000_000}
YEARS = {"first-cycle": 1, "2-4-years": 3, "5-9-years": 7, "10-plus-years": 15}


def _profile_from(synthetic):
    """Our profile fields from one of the matching package's synthetic members."""
    context = synthetic.context
    if synthetic.country in ("US", "CA"):
        time_zone = _NORTH_AMERICA.get(synthetic.utc_offset_minutes, "America/New_York")
    else:
        time_zone = TIME_ZONES[synthetic.country]
    return {
        "role": synthetic.role,
        "stage": synthetic.stage,
        "country": synthetic.country,
        "world_region": synthetic.region,
        "languages": sorted(synthetic.languages),
        "time_zone": time_zone,
        "political_structure": context.political_structure or "",
        "state_capacity": context.state_capacity or "",
        "territorial_level": context.territorial_level or "",
        "decision_model": context.decision_model or "",
        "resources": context.resources or "",
        "population": POPULATIONS.get(context.population_band),
        "years_running": YEARS.get(context.years_running),
        "challenges": sorted(synthetic.challenges),
        "priority_outcomes": sorted(
            set(synthetic.priority_outcomes) & _KNOWN_OUTCOMES),
        "meeting_format": synthetic.format,
        "consent_to_matching": synthetic.consent,
        "show_organisation": synthetic.id % 2 == 0,
        "show_email": synthetic.id % 3 != 0,
    }


def _ensure_network(*, stdout):
    """Bring the network to NETWORK_SIZE members with full profiles, quickly (bulk inserts)."""
    from matching.synthetic import generate_members

    User = get_user_model()
    # This seed spreads the generated members over all six regions (at most 16 per country).
    synthetic = generate_members(NETWORK_SIZE, seed=2079, consent_rate=0.9)
    people = list(Member.objects.filter(user__email__endswith="@members.pb-exchange.example")
                  .order_by("pk"))
    # The named demo people get the first synthetic profiles (keeping their own languages).
    for person, profile in zip(people, synthetic, strict=False):
        if not person.stage:
            Member.objects.filter(pk=person.pk).update(
                **{**_profile_from(profile), "country": person.country,
                   "languages": person.languages,
                   "time_zone": TIME_ZONES.get(person.country.code, profile_time_zone(profile))})
    missing = synthetic[len(people):] if len(people) < NETWORK_SIZE else []
    existing = set(User.objects.filter(email__endswith="@peers.pb-exchange.example")
                   .values_list("email", flat=True))
    password = make_password(DEMO_PASSWORD)
    new_users, profiles = [], {}
    used = set(Member.objects.values_list("name", flat=True))
    for profile in missing:
        name = _unique_name(profile.country, profile.id, used)
        email = f"peer{profile.id}@peers.pb-exchange.example"
        if email in existing:
            continue
        new_users.append(User(username=f"peer{profile.id}", email=email, password=password,
                              date_joined=timezone.now()))
        profiles[email] = (name, profile)
    created = User.objects.bulk_create(new_users)
    if not created:
        return
    created = list(User.objects.filter(email__in=profiles))
    EmailAddress.objects.bulk_create([EmailAddress(user=user, email=user.email, verified=True,
                                                   primary=True) for user in created])
    Member.objects.bulk_create([
        Member(user=user, name=profiles[user.email][0], organisation=_organisation(
            profiles[user.email][1]), **_profile_from(profiles[user.email][1]))
        for user in created])
    stdout.write(f"  {len(created)} more members across roles, contexts and stages")


def profile_time_zone(profile):
    return TIME_ZONES.get(profile.country, "UTC")


def _organisation(profile):
    kind = {"neighbourhood": "District council", "municipal": "City",
            "regional": "Regional government"}.get(profile.context.territorial_level, "Network")
    return f"{kind} PB team ({profile.country})"


# Ten vetted experts, written for the demo: what they know and the processes they advised.
EXPERTS = [
    ("Élodie Martin", "Designs voting rules and ballots for city-wide PB; helped several French "
     "cities move from paper to mixed online and offline votes.",
     ["project-selection", "project-development"], ["europe"], ["municipal"], ["direct-vote"],
     ["strong"], [("Neighbourhood budgets", "Grenoble area", 2019,
                   "Turnout doubled once voting opened online as well as in libraries.")]),
    ("Beatriz Oliveira", "Works on district assemblies and fair allocation of funds between "
     "districts by population and need.", ["annual-planning", "outreach"], ["latin-america"],
     ["municipal", "regional"], ["binding", "representative-committee"], ["medium"],
     [("District investment rounds", "Rio Grande do Sul", 2021,
       "A needs-weighted formula moved a larger share of funds to the poorest districts.")]),
    ("Ji-woo Park", "Runs budget schools that prepare resident committees before they deliberate.",
     ["outreach", "project-development"], ["asia-pacific"], ["municipal"],
     ["representative-committee", "direct-vote"], ["strong"],
     [("Citizen budget schools", "Seoul", 2020,
       "Committee members who attended proposed fewer projects that later failed review.")]),
    ("Carlos Mendoza", "Advises electoral bodies on ballots, appeals and monitoring of winning "
     "projects.", ["project-selection", "project-implementation"], ["latin-america"],
     ["neighbourhood", "municipal"], ["direct-vote"], ["medium"],
     [("Neighbourhood consultations", "Mexico City", 2022,
       "An appeals window settled disputed tallies within two weeks.")]),
    ("Amara Rakotomalala", "Helps municipalities with weak capacity start consultative PB with "
     "small, visible projects.", ["annual-planning", "outreach"], ["africa"],
     ["municipal", "neighbourhood"], ["consultative"], ["weak"],
     [("Fokontany forums", "Antananarivo", 2018,
       "Public posting of budgets made residents follow projects to completion.")]),
    ("Sarah Thompson", "Evaluates PB processes and coaches teams on measuring who takes part.",
     ["annual-planning", "project-implementation"], ["north-america", "europe"],
     ["municipal"], ["direct-vote"], ["strong", "medium"],
     [("Participation survey toolkit", "Chicago wards", 2017,
       "Short exit surveys showed which groups were missing, and outreach was refocused.")]),
    ("Tomasz Nowak", "Supports civic budgets in mid-sized cities and their review of proposals.",
     ["project-development", "project-selection"], ["europe"], ["municipal"], ["direct-vote"],
     ["medium"], [("Civic budget review panels", "Kraków", 2019,
                   "A public feasibility checklist cut rejected proposals by a third.")]),
    ("Wanjiru Kamau", "Works with county governments on including women and young people in "
     "PB meetings.", ["outreach"], ["africa"], ["regional"], ["consultative", "binding"],
     ["medium", "weak"], [("Ward-level forums", "Makueni County", 2021,
                           "Evening and market-day meetings brought many first-time "
                           "participants.")]),
    ("Michael Chen", "Civic technologist: voting platforms, accessibility and open data for PB.",
     ["project-selection", "project-implementation"], ["north-america", "asia-pacific"],
     ["municipal", "neighbourhood"], ["direct-vote"], ["strong"],
     [("Open tally publishing", "New York City districts", 2023,
       "Publishing anonymised ballots let residents recount the results themselves.")]),
    ("Hannah Becker", "Researches representative committees and how they hand over to "
     "implementing departments.", ["project-implementation", "annual-planning"], ["europe"],
     ["municipal", "regional"], ["representative-committee"], ["strong"],
     [("Committee-to-department handover", "Berlin districts", 2020,
       "A named delivery contact per project shortened delays in delivery.")]),
]


# The experts' summaries as staff would write them in the other languages of the site.
EXPERT_SUMMARIES = {
    "Élodie Martin": {
        "fr": "Conçoit les règles de vote et les bulletins des budgets participatifs à l'échelle "
              "d'une ville ; a aidé plusieurs villes françaises à passer du vote papier à un vote "
              "mixte, en ligne et en personne.",
        "es": "Diseña reglas de votación y papeletas para presupuestos participativos de toda una "
              "ciudad; ayudó a varias ciudades francesas a pasar del papel a una votación mixta, "
              "en línea y presencial.",
        "pt": "Desenha regras de votação e boletins para orçamentos participativos de cidade; "
              "ajudou várias cidades francesas a passar do papel para uma votação mista, online e "
              "presencial.",
    },
    "Beatriz Oliveira": {
        "fr": "Travaille sur les assemblées de quartier et sur une répartition juste des fonds "
              "entre quartiers selon la population et les besoins.",
        "es": "Trabaja en asambleas barriales y en un reparto justo de los fondos entre barrios "
              "según población y necesidades.",
        "pt": "Trabalha com assembleias de bairro e com uma repartição justa dos recursos entre "
              "bairros segundo a população e as necessidades.",
    },
    "Ji-woo Park": {
        "fr": "Anime des écoles du budget qui préparent les comités d'habitants avant qu'ils "
              "délibèrent.",
        "es": "Dirige escuelas de presupuesto que preparan a los comités vecinales antes de que "
              "deliberen.",
        "pt": "Conduz escolas de orçamento que preparam os comités de moradores antes de "
              "deliberarem.",
    },
    "Carlos Mendoza": {
        "fr": "Conseille les autorités électorales sur les bulletins, les recours et le suivi des "
              "projets lauréats.",
        "es": "Asesora a organismos electorales sobre papeletas, impugnaciones y seguimiento de "
              "los proyectos ganadores.",
        "pt": "Aconselha órgãos eleitorais sobre boletins, recursos e acompanhamento dos projetos "
              "vencedores.",
    },
    "Amara Rakotomalala": {
        "fr": "Aide les communes aux moyens limités à lancer un budget participatif consultatif "
              "avec de petits projets visibles.",
        "es": "Ayuda a municipios con poca capacidad a iniciar un presupuesto participativo "
              "consultivo con proyectos pequeños y visibles.",
        "pt": "Ajuda municípios com pouca capacidade a começar um orçamento participativo "
              "consultivo com projetos pequenos e visíveis.",
    },
    "Sarah Thompson": {
        "fr": "Évalue des budgets participatifs et accompagne les équipes pour mesurer qui "
              "participe.",
        "es": "Evalúa procesos de presupuesto participativo y acompaña a los equipos para medir "
              "quién participa.",
        "pt": "Avalia processos de orçamento participativo e orienta as equipas a medir quem "
              "participa.",
    },
    "Tomasz Nowak": {
        "fr": "Accompagne les budgets citoyens des villes moyennes et l'examen des propositions.",
        "es": "Apoya los presupuestos cívicos de ciudades medianas y la revisión de propuestas.",
        "pt": "Apoia os orçamentos cidadãos de cidades médias e a análise das propostas.",
    },
    "Wanjiru Kamau": {
        "fr": "Travaille avec des gouvernements de comté pour inclure les femmes et les jeunes "
              "dans les réunions du budget participatif.",
        "es": "Trabaja con gobiernos de condado para incluir a mujeres y jóvenes en las reuniones "
              "del presupuesto participativo.",
        "pt": "Trabalha com governos de condado para incluir mulheres e jovens nas reuniões do "
              "orçamento participativo.",
    },
    "Michael Chen": {
        "fr": "Technologue civique : plateformes de vote, accessibilité et données ouvertes pour "
              "le budget participatif.",
        "es": "Tecnólogo cívico: plataformas de votación, accesibilidad y datos abiertos para el "
              "presupuesto participativo.",
        "pt": "Tecnólogo cívico: plataformas de votação, acessibilidade e dados abertos para o "
              "orçamento participativo.",
    },
    "Hannah Becker": {
        "fr": "Étudie les comités représentatifs et la manière dont ils passent le relais aux "
              "services chargés de la réalisation.",
        "es": "Investiga los comités representativos y cómo traspasan el trabajo a las áreas "
              "ejecutoras.",
        "pt": "Investiga os comités representativos e a forma como passam o testemunho aos "
              "serviços executores.",
    },
}


def _ensure_summary_translations():
    from network.models import ExpertSummaryTranslation

    for name, texts in EXPERT_SUMMARIES.items():
        expert = Expert.objects.filter(member__name=name).order_by("pk").first()
        if expert is None:
            continue
        for language, text in texts.items():
            ExpertSummaryTranslation.objects.get_or_create(
                expert=expert, language=language, defaults={"text": text})


def _ensure_experts():
    for name, summary, stages, regions, levels, models, capacities, processes in EXPERTS:
        member = Member.objects.filter(name=name).order_by("pk").first()
        if member is None or Expert.objects.filter(member=member).exists():
            continue
        Member.objects.filter(pk=member.pk).update(role=Role.EXPERT, show_email=True)
        expert = Expert.objects.create(
            member=member, vetted=True, vetted_at=timezone.now(), summary=summary,
            stages=stages, regions=regions, territorial_levels=levels, decision_models=models,
            state_capacities=capacities)
        AdvisedProcess.objects.bulk_create([
            AdvisedProcess(expert=expert, name=process, place=place, year=year, results=results)
            for process, place, year, results in processes])


def _ensure_account(email, name, *, staff, profile):
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    user = User.objects.create_user(
        username=email.split("@")[0][:150], email=email, password=DEMO_PASSWORD,
        is_staff=staff, is_superuser=staff,
    )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    Member.objects.filter(user=user).update(name=name, **profile)
    return user
