"""Small helpers to give test members a full profile."""

DEFAULT_PROFILE = {
    "role": "technical-specialist", "stage": "project-selection", "languages": ["es"],
    "time_zone": "America/Mexico_City", "country": "MX", "territorial_level": "municipal",
    "state_capacity": "medium", "decision_model": "direct-vote",
    "political_structure": "consolidated-democracy", "consent_to_matching": True,
}


def give_profile(user, **fields):
    """Update `user`'s member profile (defaults: a consenting Spanish-speaking specialist)."""
    member = user.member
    for name, value in {**DEFAULT_PROFILE, **fields}.items():
        setattr(member, name, value)
    member.save()
    return member
