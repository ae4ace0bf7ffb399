"""One registry of where each app keeps a member's personal data, for export and erasure.

Each app registers an exporter (user -> JSON-able value) and, when deleting the user row does not
remove its data by cascade, an eraser. "Export my data" and "Delete my account" walk this registry,
so a new kind of personal data cannot be forgotten by one of them.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PersonalDataSource:
    key: str
    export: Callable
    erase: Callable | None = None


_SOURCES: dict[str, PersonalDataSource] = {}


def register(key, *, export, erase=None):
    """Declare a kind of personal data under `key` in the export."""
    _SOURCES[key] = PersonalDataSource(key=key, export=export, erase=erase)


def sources():
    return list(_SOURCES.values())


CONTEXT_FIELDS = ("political_structure", "state_capacity", "territorial_level", "decision_model",
                  "resources", "population", "years_running")


def export_profile(user):
    member = getattr(user, "member", None)
    data = {
        "email": user.email,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in user.emailaddress_set.all()
        ],
    }
    if member is not None:
        data.update(
            {
                "name": member.name,
                "organisation": member.organisation,
                "country": member.country.code if member.country else "",
                "languages": member.languages,
                "role": member.role,
                "interface_language": member.interface_language,
                "time_zone": member.time_zone,
                "world_region": member.world_region,
                "telegram_handle": member.telegram_handle,
                "context": {field: getattr(member, field) for field in CONTEXT_FIELDS},
                "stage": member.stage,
                "challenges": member.challenges,
                "priority_outcomes": member.priority_outcomes,
                "help_topics": member.help_topics,
                "meeting_format": member.meeting_format,
                "consent_to_matching": member.consent_to_matching,
                "visible_to_peers": {"email": member.show_email,
                                     "organisation": member.show_organisation,
                                     "telegram_handle": member.show_telegram},
            }
        )
        expert = getattr(member, "expert", None)
        if expert is not None:
            data["expert"] = {
                "vetted": expert.vetted, "summary": expert.summary, "stages": expert.stages,
                "regions": expert.regions, "territorial_levels": expert.territorial_levels,
                "decision_models": expert.decision_models,
                "state_capacities": expert.state_capacities,
                "advised_processes": [
                    {"name": p.name, "place": p.place, "year": p.year, "link": p.link,
                     "results": p.results} for p in expert.processes.all()],
            }
    return data
