"""The slugs of PB Exchange's shared vocabulary as plain data, in their canonical order.

One home for each list. ``pbexchange.vocabulary`` gives these slugs translated labels for Django
(it checks at import that its choices are exactly these), and the pure ``matching`` package
imports them from here, so that it needs no Django.
"""

# The PB cycle in order: implementation is followed by the next cycle's planning.
STAGES = (
    "annual-planning",
    "outreach",
    "project-development",
    "project-selection",
    "project-implementation",
)
ROLES = (
    "pb-team-lead",
    "pb-administrator",
    "technical-specialist",
    "resident-delegate",
    "civil-society-organiser",
    "official",
    "civic-technologist",
    "expert",
    "funder",
)
CHALLENGES = (
    "unclear-fit",
    "top-down-mandate",
    "limited-guidance",
    "stakeholder-coordination",
    "stalled-implementation",
    "limited-participation",
)
MEETING_FORMATS = ("online", "in-person", "both")
PRIORITY_OUTCOMES = (
    "broad-participation",
    "equity",
    "trust",
    "efficient-delivery",
    "civic-learning",
    "transparency",
    "deliberation-quality",
)
# The values of each context attribute of a PB process; ordered ones run low to high.
CONTEXT_VALUES: dict[str, tuple[str, ...]] = {
    "political_structure": ("new-democracy", "consolidated-democracy", "hybrid", "authoritarian"),
    "state_capacity": ("weak", "medium", "strong"),
    "territorial_level": ("neighbourhood", "municipal", "regional", "national"),
    "decision_model": ("consultative", "direct-vote", "representative-committee", "binding"),
    "resources": ("none", "project-only", "project-and-operational"),
}
ORDERED_CONTEXT_ATTRIBUTES = frozenset({"state_capacity", "territorial_level", "resources"})
