"""The default design tree in French (see toolkit.default_tree_translations for the layout)."""

FR = {
    "title": "Choisissez votre parcours de budget participatif",
    "intro": (
        "Répondez à quelques questions sur le lieu, les raisons et les attentes de votre budget "
        "participatif. Vous obtiendrez des choix de conception adaptés, ce qu'ils apportent, les "
        "écueils à éviter et des expériences réelles dont vous inspirer."
    ),
    "questions": {
        "territorial-level": (
            "À quel échelon de gouvernement votre budget participatif se déroulera-t-il ?",
            "Choisissez l'échelon qui maîtrise l'argent sur lequel les habitants décideront.",
            {
                "neighbourhood": "Un quartier ou un seul arrondissement",
                "municipal": "Une ville ou une commune entière",
                "regional": "Une région, une province ou un État fédéré",
                "national": "Un pays entier",
            },
        ),
        "capacity": (
            "De quels moyens l'administration dispose-t-elle pour mener la démarche et réaliser "
            "les projets ?",
            "Pensez aux effectifs, aux outils budgétaires, aux services techniques et à leur "
            "fiabilité pour livrer.",
            {
                "weak": "Faibles : peu d'agents, des réalisations inégales",
                "medium": "Moyens : une équipe existe, mais elle est débordée",
                "strong": "Solides : des services expérimentés et des outils numériques",
            },
        ),
        "resources": (
            "Quelles ressources la collectivité a-t-elle réservées ?",
            "",
            {
                "none": "Aucune pour l'instant",
                "project-only": "De l'argent pour les projets, mais pas pour animer la démarche",
                "project-and-operational":
                    "De l'argent pour les projets, ainsi que pour le personnel et la mobilisation",
            },
        ),
        "mandate": (
            "Pourquoi un budget participatif ici ?",
            "",
            {
                "top-down": "Une loi, un décret ou une promesse politique l'impose",
                "own-choice": "Notre équipe ou notre conseil a choisi de l'essayer",
                "undecided": "Rien n'est décidé : nous nous demandons si le budget participatif "
                             "nous convient",
            },
        ),
        "participation": (
            "Comment les habitants prennent-ils part aux décisions locales aujourd'hui ?",
            "",
            {
                "active-councils":
                    "Par des conseils ou des associations actifs, habitués à être consultés",
                "occasional": "De temps en temps, lors de réunions publiques ou d'enquêtes",
                "rarely": "Rarement, voire jamais",
            },
        ),
        "outcome": (
            "Quel résultat compte le plus pour vous dans ce cycle ?",
            "",
            {
                "broad-participation": "Une large participation",
                "equity": "L'équité : davantage pour les quartiers et les publics délaissés",
                "trust": "La confiance entre les habitants et les pouvoirs publics",
                "efficient-delivery": "La réalisation efficace des projets lauréats",
                "civic-learning": "L'apprentissage citoyen",
            },
        ),
        "equity-focus": (
            "Quel écart voulez-vous réduire en priorité ?",
            "",
            {
                "underserved-districts":
                    "Certains quartiers ont bien moins de services que d'autres",
                "underrepresented-groups":
                    "Certains publics (jeunes, locataires, personnes migrantes…) participent "
                    "rarement",
            },
        ),
        "challenge": (
            "Quelle difficulté vous semble la plus redoutable ?",
            "",
            {
                "coordination": "Coordonner les services, les élus et les habitants",
                "stalled-implementation":
                    "Des projets lauréats réalisés en retard, ou pas du tout",
                "capture": "Quelques personnes bien introduites qui s'emparent de la démarche",
                "limited-guidance": "Trouver des conseils adaptés à notre situation",
                "none": "Aucune ne se détache pour l'instant",
            },
        ),
    },
    "recommendations": {
        "need-weighted-districts": (
            "Répartir le budget entre quartiers selon la population et les besoins",
            "Fixer à l'avance la part de chaque quartier, en donnant plus de poids aux secteurs "
            "qui manquent de services de base, garantit que les quartiers pauvres reçoivent de "
            "l'argent quelle que soit la participation ailleurs. Porto Alegre répartissait ainsi "
            "son budget entre 16 districts.",
            "Adoptez les critères et leurs pondérations en public avant le début du cycle, avec "
            "des données que les habitants peuvent vérifier ; sinon, c'est la formule elle-même "
            "qui devient l'objet du conflit. Revoyez les pondérations tous les quelques ans, à "
            "mesure que les quartiers évoluent.",
        ),
        "targeted-outreach": (
            "Aller au-devant de celles et ceux qui participent rarement",
            "La participation suit l'effort consenti : des réunions dans les quartiers délaissés, "
            "à des heures compatibles avec le travail, avec interprètes et vote papier en plus du "
            "vote en ligne, attirent des habitants qui ne répondent jamais à un appel en ligne. "
            "Les associations qui ont déjà leur confiance sont le chemin le plus court.",
            "Une mobilisation lancée une semaine avant le vote arrive trop tard : prévoyez-la dès "
            "le dépôt des idées. Suivez pendant le cycle qui participe, par quartier et par "
            "public, pour corriger le tir avant le vote plutôt qu'après.",
        ),
        "equal-shares": (
            "Dépouiller les votes avec une règle proportionnelle",
            "Avec un simple décompte à la majorité, le groupe de votants le plus nombreux peut "
            "remporter tous les projets. La méthode des parts égales donne à chaque votant une "
            "part égale du budget : les groupes plus petits voient eux aussi certains de leurs "
            "projets financés.",
            "Une règle proportionnelle est plus difficile à expliquer : publiez la règle et un "
            "exemple chiffré avant le vote, puis montrez le dépouillement pas à pas.",
        ),
        "feasibility-review": (
            "Examiner la faisabilité des propositions avant le vote",
            "Quand les spécialistes des services qui réaliseront les projets vérifient le coût, "
            "la légalité et la pertinence technique avant le scrutin, les projets lauréats peuvent "
            "réellement voir le jour. Madrid menait ce type d'examen sur sa plateforme en ligne.",
            "Motivez chaque refus et laissez les porteurs revoir leur idée ; des refus sans "
            "explication donnent l'impression que l'administration met son veto aux habitants.",
        ),
        "departments-from-start": (
            "Associer les services chargés de la réalisation dès le premier jour",
            "Les services qui ont contribué aux règles et aux estimations de coût considèrent les "
            "projets lauréats comme leur propre travail plutôt que comme une charge de plus : "
            "c'est la meilleure protection contre les réalisations qui s'enlisent.",
            "Nommez un référent par service et convenez par écrit des délais de réponse ; la "
            "bonne volonté seule s'essouffle quand l'année budgétaire se charge.",
        ),
        "start-small": (
            "Commencer par une expérimentation que vous pouvez mener à bien",
            "Avec peu d'agents, un premier cycle modeste dans quelques quartiers, avec des règles "
            "simples et des projets que l'administration est sûre de réaliser, donne de la "
            "crédibilité au cycle suivant.",
            "Dites ouvertement qu'il s'agit d'une expérimentation et ce qui sera évalué ; une "
            "expérimentation qui s'arrête discrètement au bout d'un an abîme davantage la "
            "confiance que l'absence de démarche.",
        ),
        "consultative-first": (
            "Commencer par une démarche consultative et rendre compte",
            "Même sans budget dédié, les habitants peuvent fixer des priorités que les élus "
            "s'engagent à prendre en compte, comme dans le modèle consultatif d'Antananarivo. "
            "Rendre compte honnêtement de la suite donnée à chaque priorité laisse la porte "
            "ouverte à des décisions contraignantes plus tard.",
            "Ne présentez pas une consultation comme un vote contraignant. Visez une enveloppe "
            "réelle pour le cycle suivant, sans quoi la participation retombera.",
        ),
        "fund-the-process": (
            "Réserver de l'argent et du personnel pour animer la démarche elle-même",
            "La mobilisation, l'animation, la traduction et la logistique du vote ont un coût. "
            "Sans budget de fonctionnement, ces tâches retombent sur quelques agents surchargés, "
            "et la première chose sacrifiée est d'aller vers les habitants les plus éloignés.",
            "Une part du budget des projets peut servir au fonctionnement, mais dites-le "
            "publiquement et gardez-la modeste.",
        ),
        "co-design-rules": (
            "Écrire le règlement avec les habitants et les agents, dans le cadre imposé",
            "Une obligation fixe qu'un budget participatif aura lieu, rarement comment. Profiter "
            "du premier cycle pour définir les règles locales (qui vote, comment les projets sont "
            "examinés, comment l'argent est réparti) avec les habitants et les services permet "
            "d'adapter une exigence venue d'en haut aux réalités du terrain.",
            "Dressez la liste de ce que l'obligation exige vraiment avant de promettre de la "
            "souplesse, et publiez le règlement obtenu pour que les changements ultérieurs soient "
            "visibles.",
        ),
        "assess-fit": (
            "Vérifier que le budget participatif est le bon outil avant de vous engager",
            "Le budget participatif fonctionne le mieux quand il existe de l'argent disponible, "
            "une administration capable de réaliser, et un problème que les priorités des "
            "habitants peuvent aider à résoudre. Le comparer d'abord à d'autres outils "
            "participatifs évite de lancer une démarche qui ne pourra pas tenir ses promesses.",
            "Parlez avec des pairs qui mènent un budget participatif dans un contexte proche "
            "avant de décider ; des réussites venues de lieux très différents peuvent induire en "
            "erreur.",
        ),
        "budget-schools": (
            "Proposer des écoles du budget avant le vote",
            "De courtes séances sur le fonctionnement du budget public, le coût des choses et "
            "l'examen des propositions aident les nouveaux participants à prendre part à égalité "
            "et font du budget participatif un apprentissage citoyen. Séoul associe ses écoles du "
            "budget à ses comités d'habitants.",
            "Gardez des séances concrètes et locales, à des horaires et dans des lieux qui "
            "conviennent aux habitants ; un format magistral ne touche que celles et ceux qui se "
            "sentent déjà à l'aise.",
        ),
        "oversight-committees": (
            "Créer des comités d'habitants pour suivre la réalisation",
            "Des habitants qui suivent chaque projet lauréat jusqu'à sa livraison maintiennent la "
            "pression sur la réalisation et peuvent expliquer les retards à leurs voisins, ce qui "
            "préserve la confiance née du vote. Porto Alegre comme Mexico confient un rôle de "
            "suivi aux habitants.",
            "Les comités ont besoin d'informations réelles (budgets, calendriers, entreprises) et "
            "d'un responsable nommé tenu de leur répondre ; sinon, ils deviennent une formalité.",
        ),
        "public-tracker": (
            "Publier un tableau de suivi de chaque projet lauréat",
            "Une liste publique indiquant l'état d'avancement, les dépenses et la prochaine étape "
            "de chaque projet rend les retards visibles tôt et montre aux habitants que leur vote "
            "a servi à quelque chose.",
            "Mettez-la à jour à date fixe et expliquez simplement les retards ; un tableau qui "
            "n'est plus tenu à jour laisse croire que personne n'y veille.",
        ),
        "ranked-partial-funding": (
            "Utiliser un vote par classement avec une règle de financement partiel",
            "Classer les projets donne au dépouillement plus d'informations qu'une simple croix, "
            "et une règle de financement partiel (proposer l'argent restant à un projet qui passe "
            "presque, comme San José le fait à partir de 75 % de son coût) dépense tout le budget "
            "au lieu d'en laisser une partie inutilisée.",
            "Décidez par écrit à l'avance qui tranche les égalités et ce qui se passe si l'équipe "
            "d'un projet refuse le montant partiel ; le calculateur signale ces cas au lieu de "
            "choisir en silence.",
        ),
        "online-offline-vote": (
            "Proposer le vote en ligne et le vote en personne",
            "Une plateforme en ligne rend la participation plus facile pour beaucoup d'habitants, "
            "tandis que les bureaux de vote et les bulletins papier gardent le vote ouvert à "
            "celles et ceux qui n'ont pas d'appareil ou pas l'habitude de s'en servir. Madrid et "
            "Séoul combinent les deux.",
            "Vérifiez l'identité de la même façon dans les deux canaux et empêchez le double "
            "vote ; publiez à l'avance la méthode de dépouillement (les projets les plus votés "
            "d'abord, financés tant qu'il reste de l'argent).",
        ),
        "coordination-team": (
            "Créer une petite équipe transversale avec un calendrier partagé",
            "Le budget participatif touche à la fois les finances, les travaux, la communication "
            "et les élus. Une équipe permanente aux rôles clairs, avec un seul calendrier pour "
            "tout le cycle, remplace de nombreuses négociations bilatérales par un plan commun.",
            "Assurez-vous que l'équipe est mandatée par la direction ; une équipe de coordination "
            "sans autorité ne fait qu'ajouter des réunions.",
        ),
        "secret-committee-ballots": (
            "Voter à bulletin secret dans les comités et ouvrir chaque étape aux nouveaux venus",
            "Quand les délégués votent à main levée, les voix les plus puissantes de la salle "
            "peuvent orienter le résultat. Le vote à bulletin secret, la limitation des mandats "
            "des délégués et des assemblées publiques ouvertes à tous rendent la captation par "
            "quelques-uns bien plus difficile.",
            "Publiez la participation et les résultats de chaque réunion ; méfiez-vous des mêmes "
            "noms qui reviennent année après année.",
        ),
        "open-the-door": (
            "S'appuyer sur les conseils existants sans leur confier la démarche",
            "Les conseils et associations établis apportent leur expérience et leur réseau, et "
            "peuvent mobiliser vite les habitants. Les inviter comme partenaires, en parallèle "
            "d'appels ouverts à tous, tire parti de cette force sans exclure les habitants "
            "extérieurs à ces cercles.",
            "Les groupes existants peuvent s'attendre à ce que l'argent du budget participatif "
            "suive leurs priorités habituelles ; fixez dès le départ les mêmes règles pour tous "
            "les porteurs de projets.",
        ),
        "neighbourhood-assemblies": (
            "Tenir des assemblées de quartier ouvertes pour recueillir les idées",
            "À l'échelle d'un quartier, des assemblées en présentiel permettent aux habitants de "
            "discuter ensemble de leurs besoins et d'en faire des propositions, ce qui tisse des "
            "liens qu'un appel uniquement en ligne ne crée pas.",
            "Variez les lieux et les horaires, et proposez une garde d'enfants si possible, pour "
            "que ce ne soient pas toujours les mêmes qui fixent l'ordre du jour.",
        ),
        "tiered-delegates": (
            "Relier les assemblées locales à un forum régional par des délégués élus",
            "Au-delà de l'échelle d'une ville, tout le monde ne peut pas se réunir dans une même "
            "salle. Des assemblées locales ou thématiques qui élisent des délégués à un forum "
            "plus large, comme les assemblées de district et thématiques de Porto Alegre, gardent "
            "les décisions proches des habitants tout en couvrant un vaste territoire.",
            "Les délégués peuvent s'éloigner de celles et ceux qui les ont élus : prévoyez des "
            "mandats courts et l'obligation de rendre compte.",
        ),
        "peer-cohort": (
            "Apprendre de pairs qui ont mené un budget participatif dans un contexte proche",
            "Les conseils écrits pour d'autres lieux passent souvent à côté des contraintes "
            "locales. Des pairs qui ont un rôle, un échelon de gouvernement et une étape du cycle "
            "semblables peuvent vous dire ce qui a marché pour eux ; rejoignez une cohorte sur "
            "PB Exchange ou sollicitez un expert validé.",
            "Copier un modèle tel quel fonctionne rarement : adaptez-le à votre budget, à vos "
            "lois et à vos habitants.",
        ),
    },
    "links": {
        "porto-alegre-case-study": "Étude de cas : Porto Alegre, Brésil",
        "seoul-case-study": "Étude de cas : Séoul, Corée du Sud",
        "madrid-case-study": "Étude de cas : Madrid, Espagne",
        "mexico-city-case-study": "Étude de cas : Mexico",
        "antananarivo-case-study": "Étude de cas : Antananarivo, Madagascar",
        "district-pilot-composite":
            "Étude de cas : une expérimentation de quartier avec peu de moyens",
        "regional-programme-composite": "Étude de cas : un programme régional",
        "consultative-town-composite":
            "Étude de cas : un budget participatif consultatif dans une petite commune",
        "ranked-ballot-explainer": "Comment se dépouille un vote par classement",
        "outreach-plan-marginalised": "Toucher les personnes qui ne viennent jamais aux réunions",
        "mobile-voting-stations": "Des bureaux de vote mobiles",
        "feasibility-review-guide": "Examiner la faisabilité sans perdre la confiance",
        "stalled-projects-diagnosis": "Pourquoi les projets lauréats s'enlisent",
        "oversight-committees": "Les comités de suivi d'habitants",
        "implementation-tracker": "Suivre les projets lauréats jusqu'à leur achèvement",
        "is-pb-right-for-us":
            "Le budget participatif est-il fait pour nous ? Une auto-évaluation",
        "mandate-from-above": "Quand l'obligation vient d'en haut",
        "rulebook-checklist": "Rédiger votre premier règlement de budget participatif",
        "youth-participation-schools": "Des écoles du budget pour les jeunes",
        "online-offline-voting": "Combiner vote en ligne et vote papier",
        "equal-shares-intro": "La méthode des parts égales en termes simples",
        "stakeholder-map": "Cartographier les acteurs pour un comité de pilotage",
        "deliberation-assemblies": "Animer une assemblée délibérative",
        "facilitation-basics": "Animer les réunions de recueil d'idées",
    },
}
