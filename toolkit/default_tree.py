"""The default design tree as plain data (no Django import), loaded by a migration and load_demo.

Written for PB Exchange from the workshop notes: five context questions (territorial level, state
capacity, resources, mandate, existing participation), the priority outcome, a follow-up for equity,
and the challenge that worries the team most. The six recurring challenges are covered: unclear fit
(the "not decided yet" answer), top-down mandate, limited guidance, stakeholder coordination,
stalled implementation and limited participation or capture.

Links point at library resources by slug; when the library has no page with that slug, the site
falls back to a library search for `search`.
"""

OUTCOMES = ("broad-participation", "equity", "trust", "efficient-delivery", "civic-learning")

QUESTIONS = [
    {
        "id": "territorial-level",
        "text": "At what level of government will your PB process run?",
        "help": "Pick the level that controls the money residents will decide on.",
        "options": [
            {"value": "neighbourhood", "label": "A neighbourhood or a single district",
             "next": "capacity", "recommendations": ["neighbourhood-assemblies"]},
            {"value": "municipal", "label": "A whole city or municipality", "next": "capacity"},
            {"value": "regional", "label": "A region, province or state", "next": "capacity",
             "recommendations": ["tiered-delegates"]},
            {"value": "national", "label": "A whole country", "next": "capacity",
             "recommendations": ["tiered-delegates"]},
        ],
    },
    {
        "id": "capacity",
        "text": ("How much capacity does the administration have to run the process and deliver "
                 "projects?"),
        "help": ("Think of staff, budget systems, technical departments and how reliably they "
                 "deliver."),
        "options": [
            {"value": "weak", "label": "Weak: few staff, patchy delivery", "next": "resources",
             "recommendations": ["start-small", "departments-from-start"]},
            {"value": "medium", "label": "Medium: a team exists but it is stretched",
             "next": "resources", "recommendations": ["feasibility-review"]},
            {"value": "strong", "label": "Strong: experienced departments and digital services",
             "next": "resources", "recommendations": ["feasibility-review", "online-offline-vote"]},
        ],
    },
    {
        "id": "resources",
        "text": "What resources has the government set aside?",
        "options": [
            {"value": "none", "label": "None yet", "next": "mandate",
             "recommendations": ["consultative-first"]},
            {"value": "project-only",
             "label": "Money for projects, but not for running the process",
             "next": "mandate", "recommendations": ["fund-the-process"]},
            {"value": "project-and-operational",
             "label": "Money for projects and for staff and outreach", "next": "mandate"},
        ],
    },
    {
        "id": "mandate",
        "text": "Why is PB happening here?",
        "options": [
            {"value": "top-down", "label": "A law, a decree or a political promise requires it",
             "next": "participation", "recommendations": ["co-design-rules"]},
            {"value": "own-choice", "label": "Our team or council chose to try it",
             "next": "participation"},
            {"value": "undecided", "label": "Nothing is decided: we are weighing whether PB fits",
             "next": "participation", "recommendations": ["assess-fit"]},
        ],
    },
    {
        "id": "participation",
        "text": "How do residents take part in local decisions today?",
        "options": [
            {"value": "active-councils",
             "label": "Through active councils or associations that are used to being consulted",
             "next": "outcome", "recommendations": ["open-the-door"]},
            {"value": "occasional", "label": "Occasionally, through public meetings or surveys",
             "next": "outcome"},
            {"value": "rarely", "label": "Rarely, or not at all", "next": "outcome",
             "recommendations": ["budget-schools"]},
        ],
    },
    {
        "id": "outcome",
        "text": "Which outcome matters most to you in this cycle?",
        "options": [
            {"value": "broad-participation", "label": "Broad participation", "next": "challenge",
             "outcome": "broad-participation",
             "recommendations": ["targeted-outreach", "online-offline-vote"]},
            {"value": "equity", "label": "Equity: more for underserved areas and groups",
             "next": "equity-focus", "outcome": "equity"},
            {"value": "trust", "label": "Trust between residents and government",
             "next": "challenge", "outcome": "trust",
             "recommendations": ["oversight-committees", "public-tracker"]},
            {"value": "efficient-delivery", "label": "Efficient delivery of the winning projects",
             "next": "challenge", "outcome": "efficient-delivery",
             "recommendations": ["feasibility-review", "ranked-partial-funding"]},
            {"value": "civic-learning", "label": "Civic learning", "next": "challenge",
             "outcome": "civic-learning", "recommendations": ["budget-schools"]},
        ],
    },
    {
        "id": "equity-focus",
        "text": "Where is the gap you most want to close?",
        "options": [
            {"value": "underserved-districts",
             "label": "Some districts have far fewer services than others", "next": "challenge",
             "recommendations": ["need-weighted-districts", "targeted-outreach"]},
            {"value": "underrepresented-groups",
             "label": "Some groups (young people, renters, migrants...) rarely take part",
             "next": "challenge", "recommendations": ["targeted-outreach", "equal-shares"]},
        ],
    },
    {
        "id": "challenge",
        "text": "Which difficulty do you expect to be hardest?",
        "options": [
            {"value": "coordination", "label": "Coordinating departments, officials and residents",
             "recommendations": ["coordination-team", "departments-from-start"]},
            {"value": "stalled-implementation",
             "label": "Winning projects that are delivered late or not at all",
             "recommendations": ["public-tracker", "oversight-committees"]},
            {"value": "capture", "label": "A few well-connected people taking over the process",
             "recommendations": ["secret-committee-ballots", "targeted-outreach"]},
            {"value": "limited-guidance", "label": "Finding guidance that fits our situation",
             "recommendations": ["peer-cohort"]},
            {"value": "none", "label": "None stands out yet",
             "recommendations": ["peer-cohort"]},
        ],
    },
]

def case(slug, label, search):
    return {"label": label, "slug": slug, "search": search, "case_study": True}


def guide(slug, label, search):
    return {"label": label, "slug": slug, "search": search, "case_study": False}


PORTO_ALEGRE = case("porto-alegre-case-study", "Case study: Porto Alegre, Brazil", "Porto Alegre")
SEOUL = case("seoul-case-study", "Case study: Seoul, South Korea", "Seoul")
MADRID = case("madrid-case-study", "Case study: Madrid, Spain", "Madrid")
MEXICO_CITY = case("mexico-city-case-study", "Case study: Mexico City", "Mexico City")
ANTANANARIVO = case("antananarivo-case-study", "Case study: Antananarivo, Madagascar",
                    "Antananarivo")
PILOT_CASE = case("district-pilot-composite", "Case study: a district pilot with weak capacity",
                  "pilot")
REGIONAL_CASE = case("regional-programme-composite", "Case study: a regional programme",
                     "regional")
CONSULTATIVE_CASE = case("consultative-town-composite",
                         "Case study: consultative PB in a low-capacity town", "consultative")
RANKED_BALLOT = guide("ranked-ballot-explainer", "How a ranked PB ballot is counted", "ranked")
OUTREACH = guide("outreach-plan-marginalised", "Reaching people who never come to meetings",
                 "outreach")
MOBILE_VOTING = guide("mobile-voting-stations", "Mobile voting stations", "mobile voting")
FEASIBILITY = guide("feasibility-review-guide", "Feasibility review without losing trust",
                    "feasibility")
STALLED = guide("stalled-projects-diagnosis", "Why winning projects stall", "stalled")
OVERSIGHT = guide("oversight-committees", "Resident oversight committees", "oversight")
TRACKER = guide("implementation-tracker", "Tracking winning projects to completion", "tracking")
READINESS = guide("is-pb-right-for-us", "Is PB right for us? A readiness self-assessment",
                  "readiness")
MANDATE = guide("mandate-from-above", "When the mandate comes from above", "mandate")
RULEBOOK = guide("rulebook-checklist", "Writing your first PB rulebook", "rulebook")
BUDGET_SCHOOLS = guide("youth-participation-schools", "Budget schools for young people",
                       "budget schools")
ONLINE_OFFLINE = guide("online-offline-voting", "Combining online and paper voting", "voting")
EQUAL_SHARES = guide("equal-shares-intro", "Equal Shares in plain language", "Equal Shares")
STAKEHOLDERS = guide("stakeholder-map", "Stakeholder map for a PB steering group", "stakeholder")
ASSEMBLIES = guide("deliberation-assemblies", "Running a deliberative assembly", "assembly")
FACILITATION = guide("facilitation-basics", "Facilitating idea-collection meetings",
                     "facilitation")

RECOMMENDATIONS = [
    {
        "id": "need-weighted-districts",
        "title": "Share the budget between districts by population and need",
        "why": (
            "Fixing each district's share in advance, with extra weight for the areas that lack "
            "basic services, guarantees that poorer districts receive money whatever the turnout "
            "elsewhere. Porto Alegre split its budget across 16 districts this way."
        ),
        "pitfalls": (
            "Agree the criteria and their weights in public before the cycle starts, and use data "
            "residents can check; otherwise the formula itself becomes the fight. Review the "
            "weights every few years as districts change."
        ),
        "calculator_rule": "district",
        "links": [PORTO_ALEGRE],
    },
    {
        "id": "targeted-outreach",
        "title": "Take outreach to the people who rarely come",
        "why": (
            "Turnout follows effort: meetings held in underserved neighbourhoods, at hours that "
            "suit working people, with interpreters and paper as well as online options, bring in "
            "residents who never answer an online call. Partner organisations that already have "
            "their trust are the fastest route."
        ),
        "pitfalls": (
            "Outreach that starts a week before the vote is too late; plan it from the idea stage. "
            "Count who takes part by area and group during the cycle, so you can correct course "
            "before the vote rather than after."
        ),
        "links": [OUTREACH, MOBILE_VOTING, SEOUL],
    },
    {
        "id": "equal-shares",
        "title": "Count votes with a proportional rule",
        "why": (
            "With a plain most-votes count, the largest group of voters can win every project. "
            "The Method of Equal Shares gives each voter an equal slice of the budget, so smaller "
            "groups still see some of their projects funded."
        ),
        "pitfalls": (
            "A proportional rule is harder to explain: publish the rule and a worked example "
            "before the vote, and show the count step by step afterwards."
        ),
        "calculator_rule": "mes",
        "links": [EQUAL_SHARES],
    },
    {
        "id": "feasibility-review",
        "title": "Review the feasibility of proposals before the vote",
        "why": (
            "When specialists from the departments that will build the projects check cost, "
            "legality and technical sense before the ballot, winning projects can actually be "
            "delivered. Madrid ran this kind of review on its online platform."
        ),
        "pitfalls": (
            "Give reasons for every rejection and let proposers revise their idea; unexplained "
            "rejections look like officials vetoing residents."
        ),
        "links": [FEASIBILITY, MADRID],
    },
    {
        "id": "departments-from-start",
        "title": "Bring the implementing departments in from the first day",
        "why": (
            "Departments that helped write the rules and the cost estimates treat the winning "
            "projects as their own work rather than an extra burden, which is the best protection "
            "against stalled delivery."
        ),
        "pitfalls": (
            "Name one contact person per department and agree response times in writing; goodwill "
            "alone fades when the budget year gets busy."
        ),
        "links": [STALLED, MEXICO_CITY],
    },
    {
        "id": "start-small",
        "title": "Start with a pilot you can deliver",
        "why": (
            "With few staff, a modest first cycle in a few neighbourhoods, with simple rules and "
            "projects the administration can surely complete, builds credibility for the next one."
        ),
        "pitfalls": (
            "Say openly that it is a pilot and what will be evaluated; a pilot that quietly stops "
            "after one year damages trust more than no process at all."
        ),
        "links": [PILOT_CASE, ANTANANARIVO],
    },
    {
        "id": "consultative-first",
        "title": "Begin with a consultative process and report back",
        "why": (
            "Without a dedicated budget, residents can still set priorities that officials commit "
            "to weigh, as in Antananarivo's consultative model. Honest reporting on what was done "
            "with each priority keeps the door open for binding decisions later."
        ),
        "pitfalls": (
            "Do not present a consultation as a binding vote. Aim to secure a real allocation for "
            "the next cycle, or participation will drop."
        ),
        "links": [CONSULTATIVE_CASE, ANTANANARIVO],
    },
    {
        "id": "fund-the-process",
        "title": "Set aside money and staff for running the process itself",
        "why": (
            "Outreach, facilitation, translation and vote logistics cost money. Without an "
            "operational budget these tasks fall on a few overworked officials and the first thing "
            "cut is outreach to harder-to-reach residents."
        ),
        "pitfalls": (
            "A share of the project budget can be kept for operations, but say so publicly and "
            "keep it small."
        ),
        "links": [],
    },
    {
        "id": "co-design-rules",
        "title": "Write the rulebook with residents and staff, within the mandate",
        "why": (
            "A mandate fixes that PB happens, rarely how. Using the first cycle to shape the local "
            "rules (who votes, how projects are reviewed, how money is split) with residents and "
            "departments makes a top-down requirement fit local conditions."
        ),
        "pitfalls": (
            "List what the mandate really requires before promising flexibility, and publish the "
            "resulting rulebook so that later changes are visible."
        ),
        "links": [MANDATE, RULEBOOK],
    },
    {
        "id": "assess-fit",
        "title": "Check whether PB is the right tool before committing",
        "why": (
            "PB works best when there is discretionary money, a government able to deliver, and a "
            "problem that residents' own priorities can help solve. Comparing it with other "
            "participatory tools first avoids launching a process that cannot keep its promises."
        ),
        "pitfalls": (
            "Talk to peers who run PB in a similar context before deciding; success stories from "
            "very different places can mislead."
        ),
        "links": [READINESS],
    },
    {
        "id": "budget-schools",
        "title": "Offer budget schools before the vote",
        "why": (
            "Short sessions on how the public budget works, what things cost and how proposals are "
            "reviewed help first-time participants take part on equal terms and turn PB into civic "
            "learning. Seoul pairs budget schools with its resident committees."
        ),
        "pitfalls": (
            "Keep sessions practical and local, at times and places that suit residents; a lecture "
            "format reaches only those who already feel confident."
        ),
        "links": [BUDGET_SCHOOLS, SEOUL],
    },
    {
        "id": "oversight-committees",
        "title": "Set up resident oversight committees for implementation",
        "why": (
            "Residents who follow each winning project until it is built keep pressure on delivery "
            "and can explain delays to their neighbours, which protects the trust the vote "
            "created. "
            "Porto Alegre and Mexico City both give residents a monitoring role."
        ),
        "pitfalls": (
            "Committees need real information (budgets, timelines, contractors) and a named "
            "official who must answer them; otherwise they turn into a formality."
        ),
        "links": [OVERSIGHT, PORTO_ALEGRE, MEXICO_CITY],
    },
    {
        "id": "public-tracker",
        "title": "Publish a tracker of every winning project",
        "why": (
            "A public list showing the status, budget spent and next step of each project makes "
            "delays visible early and shows residents that their vote led to something."
        ),
        "pitfalls": (
            "Update it on a fixed schedule and explain delays plainly; a tracker that goes stale "
            "signals that nobody is watching."
        ),
        "links": [TRACKER, STALLED],
    },
    {
        "id": "ranked-partial-funding",
        "title": "Use ranked ballots with a partial-funding rule",
        "why": (
            "Ranking gives the count more information than a single tick, and a partial-funding "
            "rule (offering the leftover money to a project that almost fits, as San Jose does "
            "at 75% of its cost) spends the budget fully instead of leaving it idle."
        ),
        "pitfalls": (
            "Write down in advance who decides ties and what happens if a project team declines "
            "the partial amount; the calculator flags such cases instead of choosing silently."
        ),
        "calculator_rule": "rank-and-rearrange",
        "links": [RANKED_BALLOT],
    },
    {
        "id": "online-offline-vote",
        "title": "Offer both online and in-person voting",
        "why": (
            "An online platform lowers the cost of taking part for many residents, while polling "
            "stations and paper ballots keep the vote open to those without a device or the habit "
            "of using one. Madrid and Seoul combine both."
        ),
        "pitfalls": (
            "Check identity in the same way in both channels and prevent double voting; publish "
            "the count method (most votes first, funded while money lasts) beforehand."
        ),
        "calculator_rule": "greedy",
        "links": [ONLINE_OFFLINE, MADRID, SEOUL],
    },
    {
        "id": "coordination-team",
        "title": "Create a small cross-department PB team with a shared calendar",
        "why": (
            "PB touches finance, public works, communications and elected officials at once. A "
            "standing team with clear roles and one calendar for the whole cycle turns many "
            "bilateral negotiations into one coordinated plan."
        ),
        "pitfalls": (
            "Make sure the team has a mandate from senior management; a coordination team without "
            "authority only adds meetings."
        ),
        "links": [STAKEHOLDERS],
    },
    {
        "id": "secret-committee-ballots",
        "title": "Use secret ballots in committees and open every stage to newcomers",
        "why": (
            "When delegates vote by show of hands, the most powerful voices in the room can steer "
            "the result. Secret ballots, term limits for delegates and public assemblies that "
            "anyone can join make capture by a few much harder."
        ),
        "pitfalls": (
            "Publish attendance and results of each meeting; watch for the same names returning "
            "year after year."
        ),
        "links": [ASSEMBLIES, OUTREACH],
    },
    {
        "id": "open-the-door",
        "title": "Build on existing councils without handing them the process",
        "why": (
            "Established councils and associations bring experience and reach, and can mobilise "
            "residents quickly. Inviting them as partners, alongside open calls to everyone, uses "
            "that strength without excluding residents outside those circles."
        ),
        "pitfalls": (
            "Existing groups may expect PB money to follow their usual priorities; set equal rules "
            "for all proposers from the start."
        ),
        "links": [],
    },
    {
        "id": "neighbourhood-assemblies",
        "title": "Hold open neighbourhood assemblies to gather ideas",
        "why": (
            "At neighbourhood scale, face-to-face assemblies let residents discuss needs together "
            "and turn them into proposals, which builds ties that a purely online call cannot."
        ),
        "pitfalls": (
            "Rotate venues and times, and offer childcare where possible, so that the same few "
            "people do not set the agenda."
        ),
        "links": [FACILITATION],
    },
    {
        "id": "tiered-delegates",
        "title": "Link local assemblies to a regional forum through elected delegates",
        "why": (
            "Above the city level, not everyone can meet in one room. Local or thematic assemblies "
            "that elect delegates to a wider forum, as in Porto Alegre's district and thematic "
            "assemblies, keep decisions close to residents while covering a large territory."
        ),
        "pitfalls": (
            "Delegates can drift away from the people who elected them: set short mandates and "
            "require them to report back."
        ),
        "links": [REGIONAL_CASE, PORTO_ALEGRE],
    },
    {
        "id": "peer-cohort",
        "title": "Learn from peers who ran PB in a similar context",
        "why": (
            "Guidance written for other places often misses local constraints. Peers with a "
            "similar role, level of government and stage of the cycle can tell you what worked "
            "for them; join a cohort on PB Exchange or ask a vetted expert."
        ),
        "pitfalls": (
            "Copying a model wholesale rarely works: adapt it to your budget, your laws and your "
            "residents."
        ),
        "links": [],
    },
]


def as_plain_tree():
    """The default tree as toolkit.tree dataclasses (links as library search URLs)."""
    from toolkit.tree import Link, Option, Question, Recommendation, Tree

    return Tree(
        questions=tuple(
            Question(id=q["id"], text=q["text"], help=q.get("help", ""), options=tuple(
                Option(value=o["value"], label=o["label"], next=o.get("next", ""),
                       recommendations=tuple(o.get("recommendations", ())),
                       outcome=o.get("outcome", ""))
                for o in q["options"]))
            for q in QUESTIONS
        ),
        recommendations=tuple(
            Recommendation(id=r["id"], title=r["title"], why=r["why"], pitfalls=r["pitfalls"],
                           calculator_rule=r.get("calculator_rule", ""),
                           links=tuple(Link(link["label"], link["slug"])
                                       for link in r["links"]))
            for r in RECOMMENDATIONS
        ),
    )


TITLE = "Choose your own PB adventure"
INTRO = (
    "Answer a few questions about where and why you run participatory budgeting and what you "
    "most want from it. You will get process features that fit, why they help, what to watch "
    "out for, and real cases to learn from."
)


def _block(block_type, value):
    import uuid

    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def stream_data() -> tuple[list, list]:
    """The default questions and recommendations in the raw JSON form of their StreamFields."""
    questions = [
        _block("question", {
            "identifier": q["id"], "text": q["text"], "help": q.get("help", ""),
            "options": [
                _block("item", {
                    "value": o["value"], "label": o["label"], "next_question": o.get("next", ""),
                    "recommendations": ", ".join(o.get("recommendations", ())),
                    "outcome": o.get("outcome", ""),
                })
                for o in q["options"]
            ],
        })
        for q in QUESTIONS
    ]
    recommendations = [
        _block("recommendation", {
            "identifier": r["id"], "title": r["title"], "why": r["why"], "pitfalls": r["pitfalls"],
            "calculator_rule": r.get("calculator_rule", ""),
            "links": [_block("library", link) for link in r["links"]],
        })
        for r in RECOMMENDATIONS
    ]
    return questions, recommendations


def install(*, tree_model, locale_model, language_code) -> bool:
    """Create the default tree, published, in the default locale unless a tree exists there.

    Takes the model classes so that a data migration can pass its historical models.
    """
    import json
    import uuid

    locale = locale_model.objects.filter(language_code=language_code).first()
    if locale is None:
        locale = locale_model.objects.create(language_code=language_code)
    if tree_model.objects.filter(locale=locale).exists():
        return False
    questions, recommendations = stream_data()
    tree_model.objects.create(
        title=TITLE, intro=INTRO, locale=locale, translation_key=uuid.uuid4(), live=True,
        questions=json.dumps(questions), recommendations=json.dumps(recommendations),
    )
    return True
