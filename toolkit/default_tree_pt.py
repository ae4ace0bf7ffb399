"""The default design tree in Portuguese (see toolkit.default_tree_translations for the layout)."""

PT = {
    "title": "Escolha o seu próprio percurso de orçamento participativo",
    "intro": (
        "Responda a algumas perguntas sobre onde e porque faz orçamento participativo e o que "
        "mais espera dele. Receberá elementos de desenho adequados, a razão por que ajudam, o "
        "que deve ter em atenção e casos reais com que aprender."
    ),
    "questions": {
        "territorial-level": (
            "Em que nível de governo vai decorrer o seu orçamento participativo?",
            "Escolha o nível que controla o dinheiro sobre o qual os moradores vão decidir.",
            {
                "neighbourhood": "Um bairro ou uma única freguesia",
                "municipal": "Uma cidade ou um município inteiro",
                "regional": "Uma região, província ou estado",
                "national": "Um país inteiro",
            },
        ),
        "capacity": (
            "Que capacidade tem a administração para conduzir o processo e executar os projetos?",
            "Pense nas equipas, nos sistemas orçamentais, nos serviços técnicos e na fiabilidade "
            "com que cumprem.",
            {
                "weak": "Fraca: poucos técnicos, execução irregular",
                "medium": "Média: existe uma equipa, mas está sobrecarregada",
                "strong": "Forte: serviços experientes e serviços digitais",
            },
        ),
        "resources": (
            "Que recursos reservou o governo?",
            "",
            {
                "none": "Nenhum, por enquanto",
                "project-only": "Dinheiro para os projetos, mas não para conduzir o processo",
                "project-and-operational":
                    "Dinheiro para os projetos e também para equipa e mobilização",
            },
        ),
        "mandate": (
            "Porque está a acontecer um orçamento participativo aqui?",
            "",
            {
                "top-down": "Uma lei, um decreto ou uma promessa política assim o exige",
                "own-choice": "A nossa equipa ou a nossa câmara decidiu experimentá-lo",
                "undecided": "Nada está decidido: estamos a avaliar se o orçamento participativo "
                             "nos serve",
            },
        ),
        "participation": (
            "Como participam hoje os moradores nas decisões locais?",
            "",
            {
                "active-councils":
                    "Através de conselhos ou associações ativos, habituados a ser consultados",
                "occasional": "De vez em quando, em reuniões públicas ou inquéritos",
                "rarely": "Raramente, ou nunca",
            },
        ),
        "outcome": (
            "Que resultado é mais importante para si neste ciclo?",
            "",
            {
                "broad-participation": "Uma participação alargada",
                "equity": "Equidade: mais para as zonas e os grupos desfavorecidos",
                "trust": "Confiança entre moradores e governo",
                "efficient-delivery": "Execução eficiente dos projetos vencedores",
                "civic-learning": "Aprendizagem cívica",
            },
        ),
        "equity-focus": (
            "Que desigualdade quer reduzir em primeiro lugar?",
            "",
            {
                "underserved-districts":
                    "Alguns bairros têm muito menos serviços do que outros",
                "underrepresented-groups":
                    "Alguns grupos (jovens, inquilinos, migrantes…) raramente participam",
            },
        ),
        "challenge": (
            "Que dificuldade espera que seja a mais difícil?",
            "",
            {
                "coordination": "Coordenar serviços, eleitos e moradores",
                "stalled-implementation":
                    "Projetos vencedores executados com atraso, ou nunca executados",
                "capture": "Algumas pessoas bem relacionadas a apoderarem-se do processo",
                "limited-guidance": "Encontrar orientações adequadas à nossa situação",
                "none": "Nenhuma se destaca por enquanto",
            },
        ),
    },
    "recommendations": {
        "need-weighted-districts": (
            "Repartir o orçamento entre bairros segundo a população e as necessidades",
            "Fixar antecipadamente a parte de cada bairro, com mais peso para as zonas sem "
            "serviços básicos, garante que os bairros mais pobres recebem dinheiro qualquer que "
            "seja a participação noutros locais. Porto Alegre repartia assim o seu orçamento por "
            "16 regiões.",
            "Acorde publicamente os critérios e os seus pesos antes do início do ciclo, com dados "
            "que os moradores possam verificar; caso contrário, a própria fórmula torna-se motivo "
            "de disputa. Reveja os pesos de poucos em poucos anos, à medida que os bairros mudam.",
        ),
        "targeted-outreach": (
            "Levar a mobilização a quem raramente participa",
            "A participação acompanha o esforço: reuniões nos bairros desfavorecidos, a horas "
            "compatíveis com o trabalho, com intérpretes e papel além das opções online, trazem "
            "moradores que nunca respondem a um apelo online. As organizações que já têm a sua "
            "confiança são o caminho mais rápido.",
            "Uma mobilização que começa uma semana antes da votação chega tarde; planeie-a desde "
            "a fase das ideias. Conte quem participa, por zona e por grupo, durante o ciclo, para "
            "corrigir o rumo antes da votação e não depois.",
        ),
        "equal-shares": (
            "Contar os votos com uma regra proporcional",
            "Com uma simples contagem por maioria, o maior grupo de votantes pode ganhar todos os "
            "projetos. O método das partes iguais dá a cada votante uma fatia igual do orçamento, "
            "pelo que os grupos mais pequenos também veem alguns dos seus projetos financiados.",
            "Uma regra proporcional é mais difícil de explicar: publique a regra e um exemplo "
            "resolvido antes da votação e mostre depois a contagem passo a passo.",
        ),
        "feasibility-review": (
            "Analisar a viabilidade das propostas antes da votação",
            "Quando técnicos dos serviços que vão construir os projetos verificam o custo, a "
            "legalidade e a lógica técnica antes da votação, os projetos vencedores podem mesmo "
            "ser executados. Madrid fazia este tipo de análise na sua plataforma online.",
            "Justifique cada exclusão e permita que os proponentes revejam a sua ideia; exclusões "
            "sem explicação parecem um veto dos técnicos aos moradores.",
        ),
        "departments-from-start": (
            "Envolver os serviços executores desde o primeiro dia",
            "Os serviços que ajudaram a escrever as regras e as estimativas de custo encaram os "
            "projetos vencedores como trabalho seu e não como um fardo extra, e essa é a melhor "
            "proteção contra projetos parados.",
            "Designe uma pessoa de contacto por serviço e acorde prazos de resposta por escrito; "
            "a boa vontade, sozinha, desvanece-se quando o ano orçamental aperta.",
        ),
        "start-small": (
            "Começar com um projeto-piloto que consiga cumprir",
            "Com poucos técnicos, um primeiro ciclo modesto em alguns bairros, com regras simples "
            "e projetos que a administração consegue seguramente concluir, dá credibilidade ao "
            "ciclo seguinte.",
            "Diga abertamente que se trata de um piloto e o que vai ser avaliado; um piloto que "
            "termina discretamente ao fim de um ano prejudica mais a confiança do que não ter "
            "processo nenhum.",
        ),
        "consultative-first": (
            "Começar com um processo consultivo e prestar contas",
            "Mesmo sem orçamento próprio, os moradores podem definir prioridades que os eleitos "
            "se comprometem a ponderar, como no modelo consultivo de Antananarivo. Prestar contas "
            "com honestidade sobre o que foi feito com cada prioridade deixa a porta aberta a "
            "decisões vinculativas mais tarde.",
            "Não apresente uma consulta como uma votação vinculativa. Procure garantir uma verba "
            "real para o ciclo seguinte, ou a participação vai cair.",
        ),
        "fund-the-process": (
            "Reservar dinheiro e pessoas para conduzir o próprio processo",
            "A mobilização, a facilitação, a tradução e a logística da votação custam dinheiro. "
            "Sem um orçamento de funcionamento, estas tarefas recaem sobre alguns técnicos "
            "sobrecarregados, e a primeira coisa a ser cortada é chegar aos moradores mais "
            "difíceis de alcançar.",
            "Pode reservar-se uma parte do orçamento dos projetos para o funcionamento, mas "
            "diga-o publicamente e mantenha-a pequena.",
        ),
        "co-design-rules": (
            "Escrever o regulamento com moradores e técnicos, dentro do mandato",
            "Um mandato determina que o orçamento participativo acontece, raramente como. "
            "Aproveitar o primeiro ciclo para definir as regras locais (quem vota, como os "
            "projetos são analisados, como o dinheiro é repartido) com moradores e serviços "
            "adapta uma exigência vinda de cima às condições locais.",
            "Faça a lista do que o mandato exige de facto antes de prometer flexibilidade e "
            "publique o regulamento resultante, para que as alterações posteriores sejam "
            "visíveis.",
        ),
        "assess-fit": (
            "Verificar se o orçamento participativo é a ferramenta certa antes de se comprometer",
            "O orçamento participativo funciona melhor quando há dinheiro discricionário, um "
            "governo capaz de executar e um problema que as prioridades dos moradores podem "
            "ajudar a resolver. Compará-lo primeiro com outras ferramentas participativas evita "
            "lançar um processo que não poderá cumprir as suas promessas.",
            "Fale com pares que fazem orçamento participativo num contexto semelhante antes de "
            "decidir; histórias de sucesso de lugares muito diferentes podem induzir em erro.",
        ),
        "budget-schools": (
            "Oferecer escolas de orçamento antes da votação",
            "Sessões curtas sobre como funciona o orçamento público, quanto custam as coisas e "
            "como as propostas são analisadas ajudam quem participa pela primeira vez a fazê-lo "
            "em igualdade de condições e transformam o orçamento participativo em aprendizagem "
            "cívica. Seul associa as escolas de orçamento aos seus comités de moradores.",
            "Mantenha as sessões práticas e locais, em horários e locais que convenham aos "
            "moradores; um formato de aula expositiva só chega a quem já se sente à vontade.",
        ),
        "oversight-committees": (
            "Criar comités de moradores para acompanhar a execução",
            "Moradores que acompanham cada projeto vencedor até estar construído mantêm a pressão "
            "sobre a execução e podem explicar os atrasos aos vizinhos, o que protege a confiança "
            "criada pela votação. Porto Alegre e a Cidade do México dão aos moradores um papel de "
            "acompanhamento.",
            "Os comités precisam de informação real (orçamentos, prazos, empreiteiros) e de um "
            "responsável designado que tenha de lhes responder; caso contrário, tornam-se uma "
            "formalidade.",
        ),
        "public-tracker": (
            "Publicar um painel de acompanhamento de cada projeto vencedor",
            "Uma lista pública com o estado, o orçamento gasto e o próximo passo de cada projeto "
            "torna os atrasos visíveis cedo e mostra aos moradores que o seu voto deu frutos.",
            "Atualize-a com uma periodicidade fixa e explique os atrasos com clareza; um painel "
            "desatualizado dá a entender que ninguém está atento.",
        ),
        "ranked-partial-funding": (
            "Usar boletins por ordem de preferência com uma regra de financiamento parcial",
            "Ordenar por preferência dá à contagem mais informação do que uma única cruz, e uma "
            "regra de financiamento parcial (oferecer o dinheiro restante a um projeto que quase "
            "cabe, como San José faz a partir de 75 % do seu custo) gasta todo o orçamento em vez "
            "de o deixar parado.",
            "Defina por escrito, antecipadamente, quem desempata e o que acontece se a equipa de "
            "um projeto recusar o montante parcial; a calculadora assinala esses casos em vez de "
            "escolher em silêncio.",
        ),
        "online-offline-vote": (
            "Oferecer votação online e presencial",
            "Uma plataforma online reduz o custo de participar para muitos moradores, enquanto as "
            "mesas de voto e os boletins em papel mantêm a votação aberta a quem não tem um "
            "dispositivo ou o hábito de o usar. Madrid e Seul combinam as duas.",
            "Verifique a identidade da mesma forma nos dois canais e impeça o voto duplo; publique "
            "antecipadamente o método de contagem (os mais votados primeiro, financiados enquanto "
            "houver dinheiro).",
        ),
        "coordination-team": (
            "Criar uma pequena equipa entre serviços com um calendário comum",
            "O orçamento participativo envolve ao mesmo tempo finanças, obras públicas, "
            "comunicação e eleitos. Uma equipa permanente com papéis claros e um único calendário "
            "para todo o ciclo transforma muitas negociações bilaterais num plano coordenado.",
            "Garanta que a equipa tem um mandato da direção; uma equipa de coordenação sem "
            "autoridade só acrescenta reuniões.",
        ),
        "secret-committee-ballots": (
            "Votar por voto secreto nos comités e abrir cada etapa a quem chega de novo",
            "Quando os delegados votam de braço no ar, as vozes mais poderosas da sala podem "
            "orientar o resultado. O voto secreto, limites de mandato para os delegados e "
            "assembleias públicas abertas a todos tornam muito mais difícil que alguns poucos se "
            "apoderem do processo.",
            "Publique as presenças e os resultados de cada reunião; esteja atento aos mesmos nomes "
            "que regressam ano após ano.",
        ),
        "open-the-door": (
            "Apoiar-se nos conselhos existentes sem lhes entregar o processo",
            "Os conselhos e associações estabelecidos trazem experiência e alcance e conseguem "
            "mobilizar moradores depressa. Convidá-los como parceiros, a par de apelos abertos a "
            "todos, aproveita essa força sem excluir os moradores que estão fora desses círculos.",
            "Os grupos existentes podem esperar que o dinheiro do orçamento participativo siga as "
            "suas prioridades habituais; defina desde o início regras iguais para todos os "
            "proponentes.",
        ),
        "neighbourhood-assemblies": (
            "Realizar assembleias de bairro abertas para recolher ideias",
            "À escala do bairro, as assembleias presenciais permitem aos moradores discutir em "
            "conjunto as suas necessidades e transformá-las em propostas, o que cria laços que um "
            "apelo apenas online não consegue criar.",
            "Alterne locais e horários e ofereça guarda de crianças sempre que possível, para que "
            "não sejam sempre as mesmas pessoas a definir a agenda.",
        ),
        "tiered-delegates": (
            "Ligar as assembleias locais a um fórum regional através de delegados eleitos",
            "Acima do nível da cidade, nem todos podem reunir-se na mesma sala. Assembleias "
            "locais ou temáticas que elegem delegados para um fórum mais amplo, como as "
            "assembleias regionais e temáticas de Porto Alegre, mantêm as decisões próximas dos "
            "moradores e cobrem ao mesmo tempo um território extenso.",
            "Os delegados podem afastar-se de quem os elegeu: defina mandatos curtos e exija que "
            "prestem contas.",
        ),
        "peer-cohort": (
            "Aprender com pares que fizeram orçamento participativo num contexto semelhante",
            "As orientações escritas para outros lugares ignoram muitas vezes as limitações "
            "locais. Pares com um papel, um nível de governo e uma etapa do ciclo semelhantes "
            "podem contar-lhe o que resultou para eles; junte-se a uma coorte no PB Exchange ou "
            "consulte um especialista verificado.",
            "Copiar um modelo tal como está raramente resulta: adapte-o ao seu orçamento, às suas "
            "leis e aos seus moradores.",
        ),
    },
    "links": {
        "porto-alegre-case-study": "Estudo de caso: Porto Alegre, Brasil",
        "seoul-case-study": "Estudo de caso: Seul, Coreia do Sul",
        "madrid-case-study": "Estudo de caso: Madrid, Espanha",
        "mexico-city-case-study": "Estudo de caso: Cidade do México",
        "antananarivo-case-study": "Estudo de caso: Antananarivo, Madagáscar",
        "district-pilot-composite":
            "Estudo de caso: um piloto de bairro com pouca capacidade",
        "regional-programme-composite": "Estudo de caso: um programa regional",
        "consultative-town-composite":
            "Estudo de caso: orçamento participativo consultivo numa vila com poucos meios",
        "ranked-ballot-explainer": "Como se conta um boletim por ordem de preferência",
        "outreach-plan-marginalised": "Chegar a quem nunca vai às reuniões",
        "mobile-voting-stations": "Mesas de voto móveis",
        "feasibility-review-guide": "Analisar a viabilidade sem perder a confiança",
        "stalled-projects-diagnosis": "Porque param os projetos vencedores",
        "oversight-committees": "Comités de acompanhamento de moradores",
        "implementation-tracker": "Acompanhar os projetos vencedores até à conclusão",
        "is-pb-right-for-us": "O orçamento participativo é para nós? Uma autoavaliação",
        "mandate-from-above": "Quando o mandato vem de cima",
        "rulebook-checklist": "Escrever o seu primeiro regulamento de orçamento participativo",
        "youth-participation-schools": "Escolas de orçamento para jovens",
        "online-offline-voting": "Combinar votação online e em papel",
        "equal-shares-intro": "O método das partes iguais em linguagem simples",
        "stakeholder-map": "Mapa de atores para uma comissão de acompanhamento",
        "deliberation-assemblies": "Conduzir uma assembleia deliberativa",
        "facilitation-basics": "Facilitar reuniões de recolha de ideias",
    },
}
