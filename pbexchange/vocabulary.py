"""The shared vocabulary of PB Exchange: one home for the slugs used in URLs, filters and profiles.

Library filters, event filters, member profiles, matching and the bot all speak in these slugs
(readable, stable, used in shareable URLs), with translated labels for people.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _

from pbexchange import slugs


class Stage(models.TextChoices):
    """The five phases of the PB cycle."""

    ANNUAL_PLANNING = "annual-planning", _("Annual planning and management")
    OUTREACH = "outreach", _("Outreach and civic engagement")
    PROJECT_DEVELOPMENT = "project-development", _("Project development and review")
    PROJECT_SELECTION = "project-selection", _("Project selection")
    PROJECT_IMPLEMENTATION = "project-implementation", _("Project implementation")


class Phase(models.TextChoices):
    """The coarser grouping researchers use."""

    ADVOCACY = "advocacy", _("Advocacy")
    DESIGN = "design", _("Design")
    IMPLEMENTATION = "implementation", _("Implementation")
    EVALUATION = "evaluation", _("Evaluation")


# Each stage of the cycle falls in one or two coarse phases. Planning sets the rules (design) and
# reviews the last cycle (evaluation); outreach is where advocacy meets running the process;
# delivery is monitored and evaluated as it goes.
PHASES_OF_STAGE = {
    Stage.ANNUAL_PLANNING: (Phase.DESIGN, Phase.EVALUATION),
    Stage.OUTREACH: (Phase.ADVOCACY, Phase.IMPLEMENTATION),
    Stage.PROJECT_DEVELOPMENT: (Phase.DESIGN, Phase.IMPLEMENTATION),
    Stage.PROJECT_SELECTION: (Phase.IMPLEMENTATION,),
    Stage.PROJECT_IMPLEMENTATION: (Phase.IMPLEMENTATION, Phase.EVALUATION),
}


def stages_in_phase(phase):
    """The stages belonging to a coarse phase."""
    return [stage for stage, phases in PHASES_OF_STAGE.items() if phase in phases]


class Role(models.TextChoices):
    PB_TEAM_LEAD = "pb-team-lead", _("PB team lead")
    PB_ADMINISTRATOR = "pb-administrator", _("PB team member or administrator")
    TECHNICAL_SPECIALIST = "technical-specialist", _("Technical specialist in a department")
    RESIDENT_DELEGATE = "resident-delegate", _("Resident committee member or delegate")
    CIVIL_SOCIETY = "civil-society-organiser", _("Civil-society organiser")
    OFFICIAL = "official", _("Elected or appointed official")
    CIVIC_TECHNOLOGIST = "civic-technologist", _("Civic technologist")
    EXPERT = "expert", _("Expert or researcher")
    FUNDER = "funder", _("Funder")


class PoliticalStructure(models.TextChoices):
    NEW_DEMOCRACY = "new-democracy", _("New democracy")
    CONSOLIDATED_DEMOCRACY = "consolidated-democracy", _("Consolidated democracy")
    HYBRID = "hybrid", _("Hybrid regime")
    AUTHORITARIAN = "authoritarian", _("Authoritarian")


class StateCapacity(models.TextChoices):
    WEAK = "weak", _("Weak")
    MEDIUM = "medium", _("Medium")
    STRONG = "strong", _("Strong")


class TerritorialLevel(models.TextChoices):
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood or district")
    MUNICIPAL = "municipal", _("Municipal")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")


class DecisionModel(models.TextChoices):
    CONSULTATIVE = "consultative", _("Consultative")
    DIRECT_VOTE = "direct-vote", _("Direct vote (online or offline)")
    REPRESENTATIVE = "representative-committee", _("Representative committee")
    BINDING = "binding", _("Binding decisions")


class Resources(models.TextChoices):
    NONE = "none", _("No government-allocated resources")
    PROJECT_ONLY = "project-only", _("Project funds only")
    PROJECT_AND_OPERATIONAL = "project-and-operational", _("Project and operational funds")


class Region(models.TextChoices):
    """World regions, used for resources, events and members."""

    AFRICA = "africa", _("Africa")
    ASIA_PACIFIC = "asia-pacific", _("Asia and the Pacific")
    EUROPE = "europe", _("Europe")
    LATIN_AMERICA = "latin-america", _("Latin America and the Caribbean")
    MIDDLE_EAST = "middle-east", _("Middle East and North Africa")
    NORTH_AMERICA = "north-america", _("North America")
    GLOBAL = "global", _("Global")


class Language(models.TextChoices):
    """Languages of content and of members, as ISO 639-1 codes."""

    EN = "en", _("English")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
    PT = "pt", _("Portuguese")
    DE = "de", _("German")
    IT = "it", _("Italian")
    PL = "pl", _("Polish")
    NL = "nl", _("Dutch")
    KO = "ko", _("Korean")
    MG = "mg", _("Malagasy")
    AR = "ar", _("Arabic")
    ZH = "zh", _("Chinese")
    RU = "ru", _("Russian")
    SW = "sw", _("Swahili")
    HI = "hi", _("Hindi")
    ID = "id", _("Indonesian")


class Challenge(models.TextChoices):
    """The six challenges implementers raise again and again."""

    UNCLEAR_FIT = "unclear-fit", _("Unclear whether PB is right for us")
    TOP_DOWN_MANDATE = "top-down-mandate", _("Top-down mandate")
    LIMITED_GUIDANCE = "limited-guidance", _("Little relevant guidance")
    COORDINATION = "stakeholder-coordination", _("Heavy stakeholder coordination")
    STALLED_IMPLEMENTATION = "stalled-implementation", _("Slow or stalled implementation")
    LIMITED_PARTICIPATION = "limited-participation", _("Limited participation or capture by a few")


class MeetingFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in-person", _("In person")
    BOTH = "both", _("Online or in person")


class PriorityOutcome(models.TextChoices):
    """What a process should achieve first; the toolkit asks for it and matching compares it."""

    BROAD_PARTICIPATION = "broad-participation", _("Broad participation")
    EQUITY = "equity", _("Equity for underserved areas and groups")
    TRUST = "trust", _("Trust between residents and government")
    EFFICIENT_DELIVERY = "efficient-delivery", _("Efficient delivery")
    CIVIC_LEARNING = "civic-learning", _("Civic learning")
    TRANSPARENCY = "transparency", _("Transparency")
    DELIBERATION_QUALITY = "deliberation-quality", _("Quality of deliberation")


def _check_slugs(choices, expected):
    """The labelled choices here and the plain lists of ``pbexchange.slugs`` must never drift."""
    if tuple(choices.values) != tuple(expected):
        raise ImproperlyConfigured(f"{choices.__name__} does not match pbexchange.slugs: "
                                   f"{choices.values} != {list(expected)}")


for _choices, _expected in (
    (Stage, slugs.STAGES), (Role, slugs.ROLES), (Challenge, slugs.CHALLENGES),
    (MeetingFormat, slugs.MEETING_FORMATS), (PriorityOutcome, slugs.PRIORITY_OUTCOMES),
    (PoliticalStructure, slugs.CONTEXT_VALUES["political_structure"]),
    (StateCapacity, slugs.CONTEXT_VALUES["state_capacity"]),
    (TerritorialLevel, slugs.CONTEXT_VALUES["territorial_level"]),
    (DecisionModel, slugs.CONTEXT_VALUES["decision_model"]),
    (Resources, slugs.CONTEXT_VALUES["resources"]),
):
    _check_slugs(_choices, _expected)

