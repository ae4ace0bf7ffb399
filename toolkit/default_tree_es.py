"""The default design tree in Spanish (see toolkit.default_tree_translations for the layout)."""

ES = {
    "title": "Elija su propio camino de presupuesto participativo",
    "intro": (
        "Responda unas pocas preguntas sobre dónde y por qué lleva adelante un presupuesto "
        "participativo y qué espera sobre todo de él. Recibirá elementos de diseño que encajan, "
        "por qué ayudan, qué vigilar y casos reales de los que aprender."
    ),
    "questions": {
        "territorial-level": (
            "¿En qué nivel de gobierno se desarrollará su presupuesto participativo?",
            "Elija el nivel que controla el dinero sobre el que decidirá la ciudadanía.",
            {
                "neighbourhood": "Un barrio o un solo distrito",
                "municipal": "Una ciudad o un municipio entero",
                "regional": "Una región, provincia o estado",
                "national": "Un país entero",
            },
        ),
        "capacity": (
            "¿Qué capacidad tiene la administración para llevar adelante el proceso y ejecutar "
            "los proyectos?",
            "Piense en el personal, los sistemas presupuestarios, las áreas técnicas y en qué "
            "medida cumplen lo que prometen.",
            {
                "weak": "Baja: poco personal y una ejecución irregular",
                "medium": "Media: existe un equipo, pero está sobrecargado",
                "strong": "Alta: áreas con experiencia y servicios digitales",
            },
        ),
        "resources": (
            "¿Qué recursos ha reservado el gobierno?",
            "",
            {
                "none": "Ninguno por ahora",
                "project-only": "Dinero para los proyectos, pero no para gestionar el proceso",
                "project-and-operational":
                    "Dinero para los proyectos y también para personal y difusión",
            },
        ),
        "mandate": (
            "¿Por qué se hace un presupuesto participativo aquí?",
            "",
            {
                "top-down": "Lo exige una ley, un decreto o una promesa política",
                "own-choice": "Nuestro equipo o nuestro concejo decidió probarlo",
                "undecided": "No hay nada decidido: estamos evaluando si el presupuesto "
                             "participativo nos conviene",
            },
        ),
        "participation": (
            "¿Cómo participa hoy la ciudadanía en las decisiones locales?",
            "",
            {
                "active-councils":
                    "A través de consejos o asociaciones activas, acostumbradas a ser consultadas",
                "occasional": "De vez en cuando, en reuniones públicas o encuestas",
                "rarely": "Rara vez o nunca",
            },
        ),
        "outcome": (
            "¿Qué resultado le importa más en este ciclo?",
            "",
            {
                "broad-participation": "Una participación amplia",
                "equity": "Equidad: más para las zonas y los grupos desatendidos",
                "trust": "Confianza entre la ciudadanía y el gobierno",
                "efficient-delivery": "Una ejecución eficaz de los proyectos ganadores",
                "civic-learning": "Aprendizaje cívico",
            },
        ),
        "equity-focus": (
            "¿Qué brecha quiere cerrar ante todo?",
            "",
            {
                "underserved-districts": "Algunos barrios tienen muchos menos servicios que otros",
                "underrepresented-groups":
                    "Algunos grupos (jóvenes, inquilinos, personas migrantes…) casi nunca "
                    "participan",
            },
        ),
        "challenge": (
            "¿Qué dificultad cree que será la más difícil?",
            "",
            {
                "coordination": "Coordinar áreas, funcionarios y vecinos",
                "stalled-implementation":
                    "Proyectos ganadores que se ejecutan tarde o nunca",
                "capture": "Unas pocas personas bien conectadas que se adueñan del proceso",
                "limited-guidance": "Encontrar orientación adecuada a nuestra situación",
                "none": "Ninguna destaca por ahora",
            },
        ),
    },
    "recommendations": {
        "need-weighted-districts": (
            "Repartir el presupuesto entre barrios según población y necesidades",
            "Fijar de antemano la parte de cada barrio, con más peso para las zonas que carecen "
            "de servicios básicos, garantiza que los barrios más pobres reciban dinero sin "
            "importar la participación en otros lugares. Porto Alegre repartía así su presupuesto "
            "entre 16 distritos.",
            "Acuerde en público los criterios y sus pesos antes de que empiece el ciclo, con "
            "datos que la ciudadanía pueda comprobar; de lo contrario, la fórmula misma se "
            "convierte en el motivo de disputa. Revise los pesos cada pocos años, a medida que "
            "cambian los barrios.",
        ),
        "targeted-outreach": (
            "Llevar la convocatoria a quienes casi nunca participan",
            "La participación sigue al esfuerzo: reuniones en los barrios desatendidos, en "
            "horarios que convienen a quienes trabajan, con intérpretes y papel además de las "
            "opciones en línea, atraen a vecinos que nunca responden a una convocatoria en línea. "
            "Las organizaciones que ya tienen su confianza son el camino más rápido.",
            "Una convocatoria que empieza una semana antes de la votación llega tarde; "
            "planifíquela desde la etapa de ideas. Cuente quién participa, por zona y por grupo, "
            "durante el ciclo, para corregir el rumbo antes de la votación y no después.",
        ),
        "equal-shares": (
            "Contar los votos con una regla proporcional",
            "Con un simple recuento por mayoría, el grupo de votantes más numeroso puede ganar "
            "todos los proyectos. El método de partes iguales da a cada votante una porción igual "
            "del presupuesto, de modo que los grupos más pequeños también ven financiados algunos "
            "de sus proyectos.",
            "Una regla proporcional es más difícil de explicar: publique la regla y un ejemplo "
            "resuelto antes de la votación, y muestre el recuento paso a paso después.",
        ),
        "feasibility-review": (
            "Revisar la viabilidad de las propuestas antes de la votación",
            "Cuando especialistas de las áreas que construirán los proyectos revisan el costo, la "
            "legalidad y la lógica técnica antes de la votación, los proyectos ganadores pueden "
            "ejecutarse de verdad. Madrid hacía este tipo de revisión en su plataforma en línea.",
            "Explique cada rechazo y permita que quienes proponen reformulen su idea; los "
            "rechazos sin explicación parecen un veto de los funcionarios a la ciudadanía.",
        ),
        "departments-from-start": (
            "Incorporar a las áreas ejecutoras desde el primer día",
            "Las áreas que ayudaron a redactar las reglas y las estimaciones de costo sienten los "
            "proyectos ganadores como trabajo propio y no como una carga adicional, y esa es la "
            "mejor protección contra las obras que se estancan.",
            "Designe una persona de contacto por área y acuerde por escrito los plazos de "
            "respuesta; la buena voluntad sola se desvanece cuando el año presupuestario se "
            "complica.",
        ),
        "start-small": (
            "Empezar con un piloto que pueda cumplir",
            "Con poco personal, un primer ciclo modesto en algunos barrios, con reglas sencillas y "
            "proyectos que la administración sin duda puede terminar, genera credibilidad para el "
            "siguiente.",
            "Diga abiertamente que es un piloto y qué se va a evaluar; un piloto que se detiene "
            "en silencio al cabo de un año daña más la confianza que no tener ningún proceso.",
        ),
        "consultative-first": (
            "Empezar con un proceso consultivo y rendir cuentas",
            "Aun sin un presupuesto propio, la ciudadanía puede fijar prioridades que las "
            "autoridades se comprometen a considerar, como en el modelo consultivo de "
            "Antananarivo. Informar con honestidad qué se hizo con cada prioridad deja la puerta "
            "abierta a decisiones vinculantes más adelante.",
            "No presente una consulta como una votación vinculante. Procure conseguir una "
            "asignación real para el próximo ciclo, o la participación caerá.",
        ),
        "fund-the-process": (
            "Reservar dinero y personal para gestionar el propio proceso",
            "La difusión, la facilitación, la traducción y la logística de la votación cuestan "
            "dinero. Sin un presupuesto operativo, estas tareas recaen en unos pocos funcionarios "
            "sobrecargados, y lo primero que se recorta es llegar a los vecinos más difíciles de "
            "alcanzar.",
            "Se puede reservar una parte del presupuesto de los proyectos para la operación, pero "
            "dígalo públicamente y que sea pequeña.",
        ),
        "co-design-rules": (
            "Redactar el reglamento con la ciudadanía y el personal, dentro del mandato",
            "Un mandato establece que habrá presupuesto participativo, pero rara vez cómo. "
            "Aprovechar el primer ciclo para definir las reglas locales (quién vota, cómo se "
            "revisan los proyectos, cómo se reparte el dinero) con vecinos y áreas municipales "
            "adapta una exigencia impuesta desde arriba a las condiciones locales.",
            "Haga una lista de lo que el mandato exige realmente antes de prometer flexibilidad, "
            "y publique el reglamento resultante para que los cambios posteriores sean visibles.",
        ),
        "assess-fit": (
            "Comprobar si el presupuesto participativo es la herramienta adecuada antes de "
            "comprometerse",
            "El presupuesto participativo funciona mejor cuando hay dinero de libre disposición, "
            "un gobierno capaz de ejecutar y un problema que las prioridades de la ciudadanía "
            "pueden ayudar a resolver. Compararlo primero con otras herramientas participativas "
            "evita lanzar un proceso que no podrá cumplir sus promesas.",
            "Hable con pares que llevan adelante presupuestos participativos en un contexto "
            "parecido antes de decidir; los casos de éxito de lugares muy distintos pueden "
            "confundir.",
        ),
        "budget-schools": (
            "Ofrecer escuelas de presupuesto antes de la votación",
            "Sesiones breves sobre cómo funciona el presupuesto público, cuánto cuestan las cosas "
            "y cómo se revisan las propuestas ayudan a quienes participan por primera vez a "
            "hacerlo en igualdad de condiciones y convierten el presupuesto participativo en "
            "aprendizaje cívico. Seúl combina las escuelas de presupuesto con sus comités "
            "vecinales.",
            "Mantenga sesiones prácticas y locales, en horarios y lugares que convengan a los "
            "vecinos; el formato de clase magistral solo llega a quienes ya se sienten seguros.",
        ),
        "oversight-committees": (
            "Crear comités vecinales de seguimiento de la ejecución",
            "Vecinos que siguen cada proyecto ganador hasta que se construye mantienen la presión "
            "sobre la ejecución y pueden explicar los retrasos a su entorno, lo que protege la "
            "confianza que generó la votación. Porto Alegre y Ciudad de México dan a la "
            "ciudadanía un papel de seguimiento.",
            "Los comités necesitan información real (presupuestos, plazos, contratistas) y un "
            "funcionario designado que deba responderles; de lo contrario, se vuelven un mero "
            "trámite.",
        ),
        "public-tracker": (
            "Publicar un tablero de seguimiento de cada proyecto ganador",
            "Una lista pública con el estado, el presupuesto gastado y el próximo paso de cada "
            "proyecto hace visibles los retrasos a tiempo y muestra a la ciudadanía que su voto "
            "tuvo resultados.",
            "Actualícelo con una frecuencia fija y explique los retrasos con claridad; un tablero "
            "desactualizado indica que nadie está pendiente.",
        ),
        "ranked-partial-funding": (
            "Usar papeletas por orden de preferencia con una regla de financiación parcial",
            "Ordenar por preferencia da al recuento más información que una sola marca, y una "
            "regla de financiación parcial (ofrecer el dinero restante a un proyecto que casi "
            "cabe, como hace San José a partir del 75 % de su costo) gasta todo el presupuesto en "
            "lugar de dejarlo sin usar.",
            "Deje por escrito de antemano quién resuelve los empates y qué ocurre si el equipo de "
            "un proyecto rechaza el monto parcial; la calculadora señala esos casos en lugar de "
            "decidir en silencio.",
        ),
        "online-offline-vote": (
            "Ofrecer votación en línea y presencial",
            "Una plataforma en línea reduce el costo de participar para muchos vecinos, mientras "
            "que las mesas de votación y las papeletas en papel mantienen el voto abierto para "
            "quienes no tienen un dispositivo o la costumbre de usarlo. Madrid y Seúl combinan "
            "ambos.",
            "Verifique la identidad de la misma manera en ambos canales y evite el doble voto; "
            "publique de antemano el método de recuento (primero los más votados, financiados "
            "mientras alcance el dinero).",
        ),
        "coordination-team": (
            "Crear un pequeño equipo entre áreas con un calendario compartido",
            "El presupuesto participativo involucra a la vez a finanzas, obras públicas, "
            "comunicación y autoridades electas. Un equipo estable con funciones claras y un solo "
            "calendario para todo el ciclo convierte muchas negociaciones bilaterales en un plan "
            "coordinado.",
            "Asegúrese de que el equipo tenga un mandato de la dirección; un equipo de "
            "coordinación sin autoridad solo suma reuniones.",
        ),
        "secret-committee-ballots": (
            "Votar en secreto en los comités y abrir cada etapa a quienes llegan por primera vez",
            "Cuando los delegados votan a mano alzada, las voces más poderosas de la sala pueden "
            "dirigir el resultado. El voto secreto, los límites de mandato para los delegados y "
            "las asambleas públicas abiertas a cualquiera hacen mucho más difícil que unos pocos "
            "se apropien del proceso.",
            "Publique la asistencia y los resultados de cada reunión; esté atento a los mismos "
            "nombres que vuelven año tras año.",
        ),
        "open-the-door": (
            "Apoyarse en los consejos existentes sin entregarles el proceso",
            "Los consejos y asociaciones ya establecidos aportan experiencia y alcance, y pueden "
            "movilizar rápidamente a los vecinos. Invitarlos como socios, junto con convocatorias "
            "abiertas a todos, aprovecha esa fuerza sin excluir a quienes están fuera de esos "
            "círculos.",
            "Los grupos existentes pueden esperar que el dinero del presupuesto participativo "
            "siga sus prioridades habituales; fije desde el inicio las mismas reglas para todas "
            "las personas que proponen.",
        ),
        "neighbourhood-assemblies": (
            "Celebrar asambleas barriales abiertas para recoger ideas",
            "A escala de barrio, las asambleas presenciales permiten a los vecinos hablar juntos "
            "de sus necesidades y convertirlas en propuestas, lo que crea vínculos que una "
            "convocatoria solo en línea no logra.",
            "Rote los lugares y horarios, y ofrezca cuidado infantil cuando sea posible, para que "
            "no sean siempre las mismas personas quienes fijen la agenda.",
        ),
        "tiered-delegates": (
            "Conectar las asambleas locales con un foro regional mediante delegados electos",
            "Por encima del nivel de ciudad, no todos pueden reunirse en una misma sala. "
            "Asambleas locales o temáticas que eligen delegados para un foro más amplio, como las "
            "asambleas distritales y temáticas de Porto Alegre, mantienen las decisiones cerca de "
            "la ciudadanía y cubren a la vez un territorio extenso.",
            "Los delegados pueden alejarse de quienes los eligieron: fije mandatos cortos y "
            "exíjales rendir cuentas.",
        ),
        "peer-cohort": (
            "Aprender de pares que hicieron presupuesto participativo en un contexto parecido",
            "Las guías escritas para otros lugares suelen pasar por alto las limitaciones "
            "locales. Pares con un rol, un nivel de gobierno y una etapa del ciclo similares "
            "pueden contarle qué les funcionó; únase a una cohorte en PB Exchange o consulte a "
            "una persona experta verificada.",
            "Copiar un modelo tal cual rara vez funciona: adáptelo a su presupuesto, sus leyes y "
            "su ciudadanía.",
        ),
    },
    "links": {
        "porto-alegre-case-study": "Estudio de caso: Porto Alegre, Brasil",
        "seoul-case-study": "Estudio de caso: Seúl, Corea del Sur",
        "madrid-case-study": "Estudio de caso: Madrid, España",
        "mexico-city-case-study": "Estudio de caso: Ciudad de México",
        "antananarivo-case-study": "Estudio de caso: Antananarivo, Madagascar",
        "district-pilot-composite": "Estudio de caso: un piloto barrial con poca capacidad",
        "regional-programme-composite": "Estudio de caso: un programa regional",
        "consultative-town-composite":
            "Estudio de caso: presupuesto participativo consultivo en un municipio pequeño",
        "ranked-ballot-explainer": "Cómo se cuenta una papeleta por orden de preferencia",
        "outreach-plan-marginalised": "Llegar a quienes nunca van a las reuniones",
        "mobile-voting-stations": "Mesas de votación móviles",
        "feasibility-review-guide": "Revisar la viabilidad sin perder la confianza",
        "stalled-projects-diagnosis": "Por qué se estancan los proyectos ganadores",
        "oversight-committees": "Comités vecinales de seguimiento",
        "implementation-tracker": "Seguir los proyectos ganadores hasta su finalización",
        "is-pb-right-for-us":
            "¿Es el presupuesto participativo para nosotros? Una autoevaluación",
        "mandate-from-above": "Cuando el mandato viene de arriba",
        "rulebook-checklist": "Redactar su primer reglamento de presupuesto participativo",
        "youth-participation-schools": "Escuelas de presupuesto para jóvenes",
        "online-offline-voting": "Combinar el voto en línea y en papel",
        "equal-shares-intro": "El método de partes iguales en palabras sencillas",
        "stakeholder-map": "Mapa de actores para un comité de conducción",
        "deliberation-assemblies": "Cómo conducir una asamblea deliberativa",
        "facilitation-basics": "Facilitar reuniones de recogida de ideas",
    },
}
