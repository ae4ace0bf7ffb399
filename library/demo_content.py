"""The demo library: resources written in our own words, the five real PB models as case studies."""

# (slug, title, type, stages, content languages, regions, themes, published, authors, summary, reviewed)
R = "research"
T = "training"
TOOL = "tool"
CS = "case-study"
V = "video"
G = "guide"

PLAN, OUT, DEV, SEL, IMP = (
    "annual-planning",
    "outreach",
    "project-development",
    "project-selection",
    "project-implementation",
)

RESOURCES = [
    (
        "rulebook-checklist",
        "Writing your first PB rulebook: a checklist",
        G,
        [PLAN],
        ["en"],
        ["global"],
        ["limited-guidance", "unclear-fit"],
        "2023-02-10",
        "PB Exchange editorial team",
        "A one-page list of the decisions a rulebook must settle before the cycle opens: who may vote, "
        "the age threshold, how many projects each voter ranks and how ties are broken. Use it when the "
        "steering committee meets for the first time.",
        True,
    ),
    (
        "is-pb-right-for-us",
        "Is participatory budgeting right for us? A readiness self-assessment",
        TOOL,
        [PLAN],
        ["en", "es"],
        ["global"],
        ["unclear-fit", "top-down-mandate"],
        "2022-09-01",
        "Host organisation research board",
        "Twelve questions on political backing, money that is really discretionary and staff time, each "
        "with a traffic-light score. Helpful before committing a council to a pilot, or when a mandate "
        "arrives from above without resources.",
        True,
    ),
    (
        "mandate-from-above",
        "When the mandate comes from above: making a required PB process meaningful",
        R,
        [PLAN, OUT],
        ["en"],
        ["europe", "asia-pacific"],
        ["top-down-mandate", "limited-participation"],
        "2021-11-15",
        "Comparative local government study group",
        "A review of processes that began because a national law or a funder required them. It shows which "
        "local choices (real budget share, visible follow-up) turned a box-ticking exercise into one "
        "residents trusted.",
        False,
    ),
    (
        "budget-calendar-template",
        "Twelve-month PB calendar you can adapt",
        TOOL,
        [PLAN],
        ["en", "fr"],
        ["global"],
        ["stakeholder-coordination"],
        "2023-06-20",
        "PB Exchange editorial team",
        "A month-by-month calendar aligning idea collection, feasibility review, the vote and the "
        "council's budget adoption. Useful when departments ask when their staff will be needed.",
        False,
    ),
    (
        "evaluating-last-cycle",
        "Evaluating last year's cycle in one afternoon",
        G,
        [PLAN],
        ["en"],
        ["north-america", "europe"],
        ["monitoring-and-evaluation"],
        "2024-01-12",
        "Evaluation working group",
        "A short evaluation routine for small teams: five indicators (turnout, who voted, projects "
        "delivered, cost overruns, complaints) and a template for the report the council reads before "
        "renewing the process.",
        True,
    ),
    (
        "outreach-plan-marginalised",
        "Reaching people who never come to meetings",
        G,
        [OUT],
        ["en", "es"],
        ["latin-america", "north-america"],
        ["outreach-marginalised-groups", "limited-participation"],
        "2023-04-03",
        "Community organisers' collective",
        "Practical tactics for bringing renters, young people, migrants and shift workers into the "
        "process: going where they already are, paying partner groups, translating materials and "
        "holding sessions at unusual hours.",
        True,
    ),
    (
        "mobile-voting-stations",
        "Mobile voting stations: lessons from markets and bus stations",
        R,
        [OUT, SEL],
        ["en", "fr"],
        ["africa"],
        ["outreach-marginalised-groups", "limited-participation"],
        "2022-07-18",
        "West African municipal network",
        "Field notes from cities that took ballot boxes to markets, bus stations and schools. Turnout "
        "rose most among women and traders; the notes also cover security, ballot custody and counting "
        "the same day.",
        False,
    ),
    (
        "youth-participation-schools",
        "Budget schools for young people",
        T,
        [OUT],
        ["en", "ko"],
        ["asia-pacific"],
        ["outreach-marginalised-groups", "limited-participation"],
        "2021-05-09",
        "Youth participation trainers",
        "A four-session course for secondary-school students: how a city budget works, how to turn a "
        "complaint into a costed proposal, and how to campaign fairly. Includes facilitator notes.",
        False,
    ),
    (
        "digital-platform-choice",
        "Choosing a digital platform for idea collection and voting",
        G,
        [OUT, SEL],
        ["en", "es"],
        ["europe", "latin-america"],
        ["digital-participation"],
        "2024-03-02",
        "Civic technology partners",
        "Compares open-source and hosted platforms on identity checks, accessibility, offline fallback "
        "and data export. Read it before procurement, so that the platform follows the rulebook and "
        "not the other way round.",
        True,
    ),
    (
        "feasibility-review-guide",
        "Feasibility review without losing residents' trust",
        G,
        [DEV],
        ["en"],
        ["global"],
        ["stakeholder-coordination", "stalled-implementation"],
        "2023-09-14",
        "Municipal engineers' forum",
        "How technical departments can review proposals for cost, legality and maintenance in a few "
        "weeks, explain every rejection in plain words, and help proposers merge or rescope ideas "
        "instead of dropping them.",
        True,
    ),
    (
        "budget-delegates-handbook",
        "Handbook for budget delegates",
        T,
        [DEV],
        ["en", "es", "pt"],
        ["latin-america", "north-america"],
        ["stakeholder-coordination"],
        "2022-10-21",
        "Community organisers' collective",
        "Training material for the residents who turn ideas into ballot-ready projects: site visits, "
        "working with department staff, estimating costs and writing a fair project description.",
        False,
    ),
    (
        "cost-estimation-basics",
        "Cost estimates residents can understand",
        T,
        [DEV],
        ["en"],
        ["global"],
        ["limited-guidance"],
        "2024-05-06",
        "Municipal engineers' forum",
        "A training module with worked examples (a playground, street lighting, a library refit) that "
        "shows where contingencies, design fees and maintenance come from, so that ballots show "
        "realistic prices.",
        False,
    ),
    (
        "ranked-ballot-explainer",
        "How a ranked PB ballot is counted",
        V,
        [SEL],
        ["en"],
        ["north-america"],
        ["selecting-winning-projects"],
        "2023-08-30",
        "PB Exchange editorial team",
        "A six-minute animated video: each voter ranks up to five projects, points are added up, "
        "projects are funded in order, and a project that no longer fits can still be offered the "
        "remaining money under the 75% rule.",
        False,
    ),
    (
        "equal-shares-intro",
        "Equal Shares in plain language",
        R,
        [SEL],
        ["en", "de", "pl"],
        ["europe"],
        ["selecting-winning-projects"],
        "2024-02-14",
        "Voting rules research group",
        "An accessible account of the Method of Equal Shares, a proportional rule that gives every "
        "voter an equal slice of the budget. It helps councils compare it with funding the most-voted "
        "projects first.",
        True,
    ),
    (
        "tie-breaking-rules",
        "Ties, leftovers and other edge cases at the count",
        G,
        [SEL],
        ["en"],
        ["global"],
        ["selecting-winning-projects"],
        "2022-12-01",
        "Voting rules research group",
        "What to write down before counting starts: who decides a tie, what happens to money that no "
        "project can use, and how to publish the full tally so that losing proposers can check it.",
        True,
    ),
    (
        "deliberation-assemblies",
        "Running a deliberative assembly before the vote",
        T,
        [SEL],
        ["en", "pt"],
        ["latin-america", "europe"],
        ["selecting-winning-projects", "limited-participation"],
        "2021-03-22",
        "Deliberation practitioners' network",
        "A facilitator's script for a one-day assembly where residents weigh proposals against shared "
        "criteria (need, reach, cost) before a vote, with exercises that keep the loudest voices from "
        "dominating.",
        False,
    ),
    (
        "implementation-tracker",
        "Tracking winning projects to completion",
        TOOL,
        [IMP],
        ["en"],
        ["global"],
        ["stalled-implementation", "monitoring-and-evaluation"],
        "2023-11-11",
        "Civic technology partners",
        "A spreadsheet tracker with one row per winning project: responsible department, budget line, "
        "milestones, photos and a public status. Use it to spot stalled projects before residents do.",
        False,
    ),
    (
        "stalled-projects-diagnosis",
        "Why winning projects stall, and what unblocks them",
        R,
        [IMP],
        ["en", "es"],
        ["latin-america", "europe", "africa"],
        ["stalled-implementation"],
        "2022-04-27",
        "Comparative local government study group",
        "Looks at delays across several cities: procurement rules, land ownership, maintenance budgets "
        "and staff turnover. Each cause comes with one fix that a PB team can push for inside the "
        "administration.",
        True,
    ),
    (
        "oversight-committees",
        "Resident oversight committees",
        G,
        [IMP],
        ["en", "pt"],
        ["latin-america"],
        ["stalled-implementation", "monitoring-and-evaluation"],
        "2021-08-16",
        "Deliberation practitioners' network",
        "How to set up a small committee of residents who follow the works, visit sites and report "
        "back at the next assembly. Covers mandates, access to documents and how to handle conflicts.",
        False,
    ),
    (
        "reporting-back",
        "Reporting back: closing the loop with voters",
        V,
        [IMP, PLAN],
        ["en"],
        ["europe"],
        ["limited-participation", "monitoring-and-evaluation"],
        "2024-06-01",
        "PB Exchange editorial team",
        "A short video showing three ways cities told voters what happened to their projects: a public "
        "map, plaques on finished works and a yearly open meeting.",
        False,
    ),
    (
        "stakeholder-map",
        "Stakeholder map for a PB steering group",
        TOOL,
        [PLAN],
        ["en"],
        ["global"],
        ["stakeholder-coordination"],
        "2022-02-02",
        "Host organisation research board",
        "A worksheet to list departments, councillors, community groups and funders, with their stake "
        "and their veto points. Fill it in during the first steering meeting.",
        False,
    ),
    (
        "mena-municipal-pilots",
        "Municipal PB pilots in the Middle East and North Africa",
        R,
        [PLAN, OUT],
        ["en", "ar"],
        ["middle-east"],
        ["unclear-fit", "top-down-mandate"],
        "2023-01-25",
        "Regional governance observatory",
        "A review of pilots supported by international programmes, the conditions under which they "
        "lasted after funding ended, and the role of municipal councils with limited fiscal autonomy.",
        False,
    ),
    (
        "participation-data",
        "Who took part? Collecting participation data respectfully",
        G,
        [OUT, IMP],
        ["en"],
        ["global"],
        ["monitoring-and-evaluation", "outreach-marginalised-groups"],
        "2024-04-18",
        "Evaluation working group",
        "A short guide to voluntary demographic questions at the ballot, how to store answers "
        "separately from votes, and how to compare participants with the census to see who is missing.",
        True,
    ),
    (
        "pb-in-small-towns",
        "PB in towns under 20,000 people",
        R,
        [PLAN],
        ["en", "fr"],
        ["europe", "africa"],
        ["unclear-fit", "limited-guidance"],
        "2022-06-06",
        "Rural municipalities network",
        "Small towns run PB with one part-time officer. This study shows the shortcuts that worked "
        "(one village meeting per hamlet, a single paper ballot) and the costs that do not shrink.",
        False,
    ),
    (
        "online-offline-voting",
        "Combining online and paper voting without double votes",
        G,
        [SEL],
        ["en", "es"],
        ["global"],
        ["digital-participation", "selecting-winning-projects"],
        "2023-05-12",
        "Civic technology partners",
        "Step-by-step guidance on identity checks, voter lists and reconciliation when people can vote "
        "online or at a polling station, based on practice in several large cities.",
        True,
    ),
    (
        "facilitation-basics",
        "Facilitating idea-collection meetings",
        T,
        [OUT],
        ["en"],
        ["north-america"],
        ["limited-participation"],
        "2021-10-01",
        "Community organisers' collective",
        "A two-hour training for volunteers who run neighbourhood meetings: opening the meeting, "
        "collecting ideas on cards, dealing with complaints and closing with next steps.",
        False,
    ),
    (
        "communicating-budget",
        "Explaining the city budget in ten minutes",
        V,
        [OUT],
        ["en", "fr"],
        ["global"],
        ["limited-guidance"],
        "2022-11-30",
        "PB Exchange editorial team",
        "A short explainer video for the opening session of a cycle: what the capital budget pays for, "
        "what PB can and cannot fund, and why maintenance matters.",
        False,
    ),
    (
        "national-pb-programmes",
        "National PB programmes and what they ask of municipalities",
        R,
        [PLAN],
        ["en"],
        ["asia-pacific", "latin-america"],
        ["top-down-mandate"],
        "2021-01-19",
        "Comparative local government study group",
        "Compares laws that require or encourage PB nationally, what they prescribe (budget share, "
        "timelines, reporting) and where they left municipalities room to adapt.",
        True,
    ),
    (
        "accessibility-checklist",
        "Accessibility checklist for PB events and ballots",
        TOOL,
        [OUT, SEL],
        ["en"],
        ["global"],
        ["outreach-marginalised-groups"],
        "2024-07-03",
        "Host organisation research board",
        "A checklist covering step-free venues, sign-language interpretation, easy-read ballots, screen "
        "reader testing of online voting and assistance at polling stations.",
        False,
    ),
    (
        "funder-brief",
        "What funders should ask before supporting a PB programme",
        R,
        [PLAN],
        ["en"],
        ["global"],
        ["unclear-fit"],
        "2023-03-08",
        "Host organisation research board",
        "A brief for foundations and donors: signs that a city is ready, how long support is needed, "
        "and why funding staff time often matters more than funding projects.",
        False,
    ),
    # French
    (
        "fr-selection-projets-formation",
        "Former les délégués à la sélection des projets",
        T,
        [SEL],
        ["fr"],
        ["europe", "africa"],
        ["selecting-winning-projects"],
        "2023-10-05",
        "Réseau francophone des budgets participatifs",
        "Un module de formation d'une demi-journée pour les délégués qui préparent le vote : critères "
        "de choix, lecture des fiches projets, simulation d'un dépouillement et règles en cas "
        "d'égalité.",
        True,
    ),
    (
        "fr-vote-classement-atelier",
        "Atelier : comprendre le vote par classement",
        T,
        [SEL],
        ["fr"],
        ["europe"],
        ["selecting-winning-projects"],
        "2024-02-20",
        "Réseau francophone des budgets participatifs",
        "Un atelier pratique où les participants classent de vrais projets, comptent les points et "
        "voient comment l'enveloppe est répartie. Idéal pour les agents qui expliqueront le vote aux "
        "habitants.",
        False,
    ),
    (
        "fr-mobilisation-quartiers",
        "Mobiliser les quartiers populaires",
        G,
        [OUT],
        ["fr"],
        ["europe"],
        ["outreach-marginalised-groups", "limited-participation"],
        "2022-05-17",
        "Collectif d'éducation populaire",
        "Des pistes concrètes pour aller vers les habitants qui ne viennent pas aux réunions : "
        "permanences au pied des immeubles, relais associatifs, supports traduits et horaires "
        "adaptés.",
        False,
    ),
    (
        "fr-calendrier-budgetaire",
        "Caler le budget participatif sur le calendrier budgétaire",
        G,
        [PLAN],
        ["fr"],
        ["europe", "africa"],
        ["stakeholder-coordination"],
        "2021-09-09",
        "Réseau francophone des budgets participatifs",
        "Comment articuler les étapes du budget participatif avec la préparation et le vote du budget "
        "municipal, pour que les projets lauréats soient inscrits à temps.",
        False,
    ),
    (
        "fr-suivi-realisations",
        "Suivre la réalisation des projets lauréats",
        TOOL,
        [IMP],
        ["fr"],
        ["africa"],
        ["stalled-implementation", "monitoring-and-evaluation"],
        "2023-12-12",
        "Observatoire de la gouvernance locale",
        "Un tableau de suivi simple, projet par projet, avec responsables, étapes, dépenses et photos, "
        "à publier en mairie et en ligne pour rendre compte aux habitants.",
        False,
    ),
    (
        "fr-evaluation-participative",
        "Évaluer un budget participatif avec les habitants",
        R,
        [PLAN],
        ["fr"],
        ["europe"],
        ["monitoring-and-evaluation"],
        "2024-05-28",
        "Observatoire de la gouvernance locale",
        "Une recherche sur les évaluations menées avec des panels d'habitants : questions posées, "
        "indicateurs retenus et effets sur les règles du cycle suivant.",
        True,
    ),
    # Spanish
    (
        "es-escuelas-presupuesto",
        "Escuelas de presupuesto para vecinos y vecinas",
        T,
        [OUT],
        ["es"],
        ["latin-america"],
        ["limited-participation", "outreach-marginalised-groups"],
        "2022-08-08",
        "Red latinoamericana de presupuesto participativo",
        "Un curso corto para que los vecinos entiendan de dónde sale el dinero municipal, cómo se "
        "prioriza y cómo convertir una necesidad del barrio en una propuesta viable.",
        False,
    ),
    (
        "es-viabilidad-tecnica",
        "Revisión de viabilidad técnica paso a paso",
        G,
        [DEV],
        ["es"],
        ["latin-america", "europe"],
        ["stakeholder-coordination"],
        "2023-07-07",
        "Foro de técnicos municipales",
        "Una guía para las áreas técnicas que revisan propuestas: plazos, criterios de coste y "
        "legalidad, y cómo comunicar los rechazos con respeto y claridad.",
        True,
    ),
    (
        "es-seleccion-proyectos",
        "Criterios para seleccionar proyectos ganadores",
        R,
        [SEL],
        ["es"],
        ["latin-america"],
        ["selecting-winning-projects"],
        "2021-12-03",
        "Red latinoamericana de presupuesto participativo",
        "Compara reglas de votación y criterios de justicia social usados en ciudades de la región, y "
        "su efecto en qué barrios reciben proyectos.",
        False,
    ),
    (
        "es-video-votacion",
        "Así se vota: vídeo para la jornada de votación",
        V,
        [SEL],
        ["es"],
        ["latin-america"],
        ["digital-participation"],
        "2024-01-30",
        "Red latinoamericana de presupuesto participativo",
        "Un vídeo breve que explica cómo votar en línea o en una mesa, qué documento llevar y cómo se "
        "publican los resultados.",
        False,
    ),
    (
        "es-obras-atrasadas",
        "Cuando las obras se atrasan: comunicar con honestidad",
        G,
        [IMP],
        ["es"],
        ["latin-america"],
        ["stalled-implementation"],
        "2022-03-15",
        "Foro de técnicos municipales",
        "Consejos para informar a los vecinos cuando un proyecto ganador se retrasa: qué decir, cuándo "
        "y cómo involucrar a los proponentes en la solución.",
        False,
    ),
    # Portuguese
    (
        "pt-assembleias-tematicas",
        "Assembleias temáticas: como organizar",
        G,
        [OUT, SEL],
        ["pt"],
        ["latin-america"],
        ["limited-participation"],
        "2022-09-19",
        "Rede lusófona de orçamento participativo",
        "Orientações para organizar assembleias por tema (saúde, educação, habitação) ao lado das "
        "assembleias por bairro, incluindo a escolha de delegados e o registo das prioridades.",
        False,
    ),
    (
        "pt-conselho-orcamento",
        "O conselho do orçamento participativo",
        T,
        [PLAN, IMP],
        ["pt"],
        ["latin-america"],
        ["stakeholder-coordination", "monitoring-and-evaluation"],
        "2021-06-24",
        "Rede lusófona de orçamento participativo",
        "Material de formação para conselheiros eleitos: as suas funções, como acompanhar a execução e "
        "como rever o regimento no fim de cada ciclo.",
        True,
    ),
    (
        "pt-criterios-distribuicao",
        "Distribuir recursos entre regiões da cidade",
        R,
        [PLAN],
        ["pt"],
        ["latin-america", "africa"],
        ["selecting-winning-projects"],
        "2023-02-27",
        "Observatório de políticas urbanas",
        "Analisa fórmulas que repartem o orçamento entre regiões segundo população e carências, e "
        "mostra como pequenas mudanças de peso alteram o resultado.",
        False,
    ),
    (
        "pt-mocambique-piloto",
        "Orçamento participativo em municípios moçambicanos",
        R,
        [PLAN, OUT],
        ["pt"],
        ["africa"],
        ["unclear-fit", "limited-participation"],
        "2022-11-02",
        "Observatório de políticas urbanas",
        "Um estudo de experiências municipais em Moçambique: a participação nos bairros, o papel dos "
        "líderes locais e as dificuldades de financiamento.",
        False,
    ),
    (
        "pt-video-execucao",
        "Acompanhar as obras: vídeo para moradores",
        V,
        [IMP],
        ["pt"],
        ["latin-america"],
        ["stalled-implementation"],
        "2024-03-21",
        "Rede lusófona de orçamento participativo",
        "Um vídeo curto que mostra como os moradores podem acompanhar as obras aprovadas, pedir "
        "informação e levar problemas ao conselho.",
        False,
    ),
    # More English
    (
        "participatory-grantmaking-compare",
        "PB and participatory grant-making compared",
        R,
        [PLAN],
        ["en"],
        ["north-america", "europe"],
        ["unclear-fit"],
        "2024-08-01",
        "Host organisation research board",
        "Sets PB beside participatory grant-making by foundations: who holds the money, who decides, "
        "and which outcomes each has been shown to deliver. Helps a team pick the right approach.",
        False,
    ),
    (
        "online-deliberation",
        "Online deliberation that works",
        T,
        [SEL],
        ["en"],
        ["europe"],
        ["digital-participation"],
        "2023-06-06",
        "Deliberation practitioners' network",
        "A training pack for moderators of online discussions about proposals: ground rules, "
        "moderation, summarising debates and protecting participants from harassment.",
        False,
    ),
    (
        "coordination-protocol",
        "A coordination protocol between PB team and departments",
        TOOL,
        [DEV, IMP],
        ["en"],
        ["global"],
        ["stakeholder-coordination", "stalled-implementation"],
        "2022-01-28",
        "Municipal engineers' forum",
        "A model agreement between the PB team and implementing departments: review deadlines, named "
        "contacts, escalation steps and monthly status updates.",
        False,
    ),
    (
        "impact-evidence-review",
        "What PB changes: an evidence review",
        R,
        [PLAN],
        ["en"],
        ["global"],
        ["unclear-fit", "monitoring-and-evaluation"],
        "2024-09-10",
        "Host organisation research board",
        "Summarises studies on the effects of PB on public services, trust and who takes part, and is "
        "honest about what the evidence cannot yet say.",
        True,
    ),
    (
        "pb-video-intro",
        "Participatory budgeting in five minutes",
        V,
        [PLAN, OUT],
        ["en", "fr", "es", "pt"],
        ["global"],
        ["unclear-fit"],
        "2021-04-04",
        "PB Exchange editorial team",
        "A short introduction to the PB cycle for councillors and residents, subtitled in four "
        "languages, from planning through the vote to delivering the projects.",
        False,
    ),
]

# The five real models from the co-design report, in our own words, with their context.
CASE_STUDIES = [
    {
        "slug": "antananarivo-case-study",
        "title": "Antananarivo: consultative PB in a young democracy",
        "countries": ["MG"],
        "regions": ["africa"],
        "languages": ["fr", "mg", "en"],
        "stages": [OUT, SEL],
        "themes": ["outreach-marginalised-groups", "limited-participation"],
        "published": "2022-03-01",
        "authors": "PB Exchange editorial team",
        "summary": "Madagascar's capital ran PB through neighbourhood meetings where residents "
        "advised the municipality on priorities. With weak administrative capacity and "
        "resources that varied from year to year, it shows what consultation can achieve "
        "and where it stops.",
        "context": {
            "political_structure": "new-democracy",
            "state_capacity": "weak",
            "territorial_level": "municipal",
            "decision_model": "consultative",
            "resources": "project-only",
        },
        "population": 1300000,
        "years_running": 10,
        "reviewed": True,
    },
    {
        "slug": "madrid-case-study",
        "title": "Madrid: citywide online and offline voting",
        "countries": ["ES"],
        "regions": ["europe"],
        "languages": ["es", "en"],
        "stages": [DEV, SEL],
        "themes": ["digital-participation", "selecting-winning-projects"],
        "published": "2023-05-15",
        "authors": "PB Exchange editorial team",
        "summary": "Madrid collected and voted on proposals through an open-source online platform, "
        "with paper voting alongside it, and asked municipal specialists to review the "
        "feasibility of every proposal before the vote.",
        "context": {
            "political_structure": "consolidated-democracy",
            "state_capacity": "strong",
            "territorial_level": "municipal",
            "decision_model": "direct-vote",
            "resources": "project-only",
        },
        "population": 3300000,
        "years_running": 5,
        "reviewed": True,
    },
    {
        "slug": "mexico-city-case-study",
        "title": "Mexico City: neighbourhood ballots run by the electoral institute",
        "countries": ["MX"],
        "regions": ["latin-america"],
        "languages": ["es", "en"],
        "stages": [SEL, IMP],
        "themes": ["selecting-winning-projects", "monitoring-and-evaluation"],
        "published": "2023-09-01",
        "authors": "PB Exchange editorial team",
        "summary": "In Mexico City each neighbourhood votes on its own projects in ballots organised by "
        "the city's electoral institute, with an appeals procedure and monitoring of how "
        "the winning projects are carried out.",
        "context": {
            "political_structure": "consolidated-democracy",
            "state_capacity": "medium",
            "territorial_level": "neighbourhood",
            "decision_model": "direct-vote",
            "resources": "project-only",
        },
        "population": 9200000,
        "years_running": 13,
        "reviewed": False,
    },
    {
        "slug": "seoul-case-study",
        "title": "Seoul: budget schools and resident committees",
        "countries": ["KR"],
        "regions": ["asia-pacific"],
        "languages": ["ko", "en"],
        "stages": [OUT, DEV, SEL],
        "themes": ["limited-participation", "stakeholder-coordination"],
        "published": "2022-12-10",
        "authors": "PB Exchange editorial team",
        "summary": "Seoul prepared residents with budget schools, let resident committees shape and "
        "screen proposals, and combined online and offline voting. A reference for "
        "strong administrations that want deliberation before the vote.",
        "context": {
            "political_structure": "consolidated-democracy",
            "state_capacity": "strong",
            "territorial_level": "municipal",
            "decision_model": "representative-committee",
            "resources": "project-and-operational",
        },
        "population": 9400000,
        "years_running": 12,
        "reviewed": True,
    },
    {
        "slug": "porto-alegre-case-study",
        "title": "Porto Alegre: binding assemblies across 16 districts",
        "countries": ["BR"],
        "regions": ["latin-america"],
        "languages": ["pt", "en"],
        "stages": [PLAN, OUT, SEL, IMP],
        "themes": ["selecting-winning-projects", "monitoring-and-evaluation"],
        "published": "2021-07-01",
        "authors": "PB Exchange editorial team",
        "summary": "The city where PB began: district and thematic assemblies took binding decisions, "
        "money was shared between 16 districts by population and need, and oversight "
        "committees followed delivery.",
        "context": {
            "political_structure": "new-democracy",
            "state_capacity": "medium",
            "territorial_level": "municipal",
            "decision_model": "binding",
            "resources": "project-and-operational",
        },
        "population": 1330000,
        "years_running": 28,
        "reviewed": True,
    },
    {
        "slug": "district-pilot-composite",
        "title": "A district pilot with weak capacity (composite case)",
        "countries": [],
        "regions": ["africa", "asia-pacific"],
        "languages": ["en", "fr"],
        "stages": [PLAN, OUT],
        "themes": ["unclear-fit", "stalled-implementation"],
        "published": "2024-02-01",
        "authors": "Co-design workshop participants",
        "summary": "A composite drawn from several district pilots discussed at our co-design "
        "workshop: residents advised on priorities, the district had few staff, and the "
        "hardest part was delivering projects on time.",
        "context": {
            "political_structure": "hybrid",
            "state_capacity": "weak",
            "territorial_level": "neighbourhood",
            "decision_model": "consultative",
            "resources": "none",
        },
        "population": 85000,
        "years_running": 2,
        "reviewed": False,
    },
    {
        "slug": "regional-programme-composite",
        "title": "A regional programme with committees (composite case)",
        "countries": [],
        "regions": ["europe"],
        "languages": ["en"],
        "stages": [PLAN, SEL],
        "themes": ["top-down-mandate", "stakeholder-coordination"],
        "published": "2023-04-12",
        "authors": "Co-design workshop participants",
        "summary": "A composite of regional programmes where a regional government set aside money "
        "and representative committees of residents and officials chose projects across "
        "many small towns.",
        "context": {
            "political_structure": "consolidated-democracy",
            "state_capacity": "medium",
            "territorial_level": "regional",
            "decision_model": "representative-committee",
            "resources": "project-only",
        },
        "population": 600000,
        "years_running": 4,
        "reviewed": False,
    },
    {
        "slug": "consultative-town-composite",
        "title": "Consultative PB in a low-capacity town (composite case)",
        "countries": [],
        "regions": ["latin-america", "africa"],
        "languages": ["es", "pt", "en"],
        "stages": [OUT, SEL],
        "themes": ["limited-participation", "outreach-marginalised-groups"],
        "published": "2024-06-20",
        "authors": "Co-design workshop participants",
        "summary": "A composite of small towns where the council kept the final say and residents "
        "ranked priorities in open meetings; the lesson was to publish how each priority "
        "was used, so that consultation did not feel empty.",
        "context": {
            "political_structure": "new-democracy",
            "state_capacity": "weak",
            "territorial_level": "municipal",
            "decision_model": "consultative",
            "resources": "project-only",
        },
        "population": 40000,
        "years_running": 3,
        "reviewed": False,
    },
]

TEMPLATES = [
    {
        "slug": "vote-announcement-template",
        "title": "Template: announcing the PB vote",
        "stages": [OUT, SEL],
        "languages": ["en"],
        "regions": ["global"],
        "themes": ["outreach-marginalised-groups"],
        "published": "2024-04-02",
        "authors": "PB Exchange editorial team",
        "summary": "A ready-to-adapt public notice announcing the vote: how much money is at stake, "
        "who may vote, the dates and where to vote. Fill in your details and download it "
        "as a Word document or plain text.",
        "placeholders": "municipality | Name of your municipality\n"
        "budget | Amount residents decide on (with currency)\n"
        "vote_dates | Voting dates\n"
        "min_age | Minimum voting age\n"
        "contact_email | Contact email for questions",
        "text": "{municipality} participatory budget: your vote decides\n\n"
        "This year, residents of {municipality} decide how to spend {budget} on projects "
        "they proposed themselves.\n\n"
        "Who can vote: everyone aged {min_age} or over who lives in {municipality}.\n"
        "When: {vote_dates}.\n"
        "How: rank up to five projects online or at any polling station.\n\n"
        "Questions? Write to {contact_email}.",
    },
    {
        "slug": "feasibility-memo-template",
        "title": "Template: feasibility review memo",
        "stages": [DEV],
        "languages": ["en"],
        "regions": ["global"],
        "themes": ["stakeholder-coordination"],
        "published": "2024-04-09",
        "authors": "Municipal engineers' forum",
        "summary": "A memo for technical departments reviewing a resident proposal: cost estimate, "
        "legal and maintenance checks, and a plain-language decision residents can "
        "understand.",
        "placeholders": "project_name | Name of the proposal\n"
        "department | Reviewing department\n"
        "reviewer | Reviewer's name\n"
        "estimated_cost | Estimated cost\n"
        "decision | Decision and reason in plain words",
        "text": "Feasibility review: {project_name}\n\n"
        "Reviewing department: {department}\nReviewer: {reviewer}\n\n"
        "Estimated cost (including design and contingency): {estimated_cost}\n\n"
        "Decision: {decision}\n\n"
        "If the proposal cannot go on the ballot as written, the department will meet the "
        "proposers to look at a smaller or merged version.",
    },
]

# A few real translations (the other languages get aliases from the English tree).
TRANSLATIONS = {
    ("madrid-case-study", "es"): {
        "title": "Madrid: votación en línea y presencial en toda la ciudad",
        "summary": "Madrid recogió y votó propuestas en una plataforma en línea de código abierto, "
        "con voto en papel en paralelo, y pidió a especialistas municipales revisar la "
        "viabilidad de cada propuesta antes de la votación.",
    },
    ("porto-alegre-case-study", "pt"): {
        "title": "Porto Alegre: assembleias deliberativas em 16 regiões",
        "summary": "A cidade onde o OP nasceu: assembleias regionais e temáticas tomavam decisões "
        "vinculativas, os recursos eram repartidos entre 16 regiões segundo população e "
        "carências, e comissões de fiscalização acompanhavam as obras.",
    },
    ("antananarivo-case-study", "fr"): {
        "title": "Antananarivo : un budget participatif consultatif dans une jeune démocratie",
        "summary": "La capitale malgache a organisé des réunions de quartier où les habitants "
        "conseillaient la commune sur ses priorités. Malgré une administration fragile et "
        "des ressources variables, l'expérience montre ce que la consultation permet.",
    },
    ("rulebook-checklist", "fr"): {
        "title": "Rédiger son premier règlement de budget participatif : la liste de contrôle",
        "summary": "Une page qui recense les décisions à prendre avant l'ouverture du cycle : qui vote, "
        "à partir de quel âge, combien de projets chacun classe et comment départager les "
        "ex æquo.",
    },
}
