"""What the website and the bot do with members' accounts and profiles."""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from network import personal_data
from network.models import PRIORITY_OUTCOMES, AdvisedProcess, Expert, Member
from pbexchange.vocabulary import DecisionModel, Language, Region, Stage, StateCapacity, TerritorialLevel

EXPERT_MESSAGES_PER_DAY = 5
# The context filter of the expert directory: one list, each value prefixed by its attribute.
EXPERT_CONTEXTS = (("level", "territorial_levels", TerritorialLevel),
                   ("model", "decision_models", DecisionModel),
                   ("capacity", "state_capacities", StateCapacity))


def get_member(*, user) -> Member:
    """The profile of `user`, created on first use."""
    member, _ = Member.objects.get_or_create(user=user, defaults={"name": user.get_full_name()})
    return member


def remember_language(*, user, language):
    """Store the interface language a logged-in member chose."""
    if language not in dict(settings.LANGUAGES):
        return
    Member.objects.filter(user=user).update(interface_language=language)


def export_personal_data(*, user) -> dict:
    """Everything the site holds about `user`, as a JSON-able dict."""
    return {
        "exported_at": timezone.now().isoformat(),
        "format": "pb-exchange-personal-data/1",
        **{source.key: source.export(user) for source in personal_data.sources()},
    }


@transaction.atomic
def delete_account(*, user):
    """Erase the member's personal data and the account itself."""
    for source in personal_data.sources():
        if source.erase is not None:
            source.erase(user)
    user.delete()


def export_filename(*, user) -> str:
    return f"pb-exchange-data-{datetime.date.today().isoformat()}.json"


def save_priority_outcomes(*, user, outcomes) -> Member:
    """Store the member's priority outcomes (slugs, e.g. from the design toolkit); matching uses them.

    Unknown slugs raise ValidationError and nothing is saved; duplicates are dropped, order kept.
    """
    known = dict(PRIORITY_OUTCOMES)
    outcomes = list(dict.fromkeys(outcomes))
    unknown = [slug for slug in outcomes if slug not in known]
    if unknown:
        raise ValidationError(_("Unknown priority outcome: %(slugs)s.")
                              % {"slugs": ", ".join(unknown)})
    member = get_member(user=user)
    member.priority_outcomes = outcomes
    member.save(update_fields=["priority_outcomes", "updated_at"])
    return member


def withdraw_consent(*, user) -> Member:
    """Stop matching the member: no more peer suggestions or future rounds (cohorts are kept)."""
    member = get_member(user=user)
    member.consent_to_matching = False
    member.save(update_fields=["consent_to_matching", "updated_at"])
    return member


def vetted_experts():
    """Vetted experts for the public directory, with their advised processes."""
    return (Expert.objects.filter(vetted=True)
            .select_related("member")
            .prefetch_related(Prefetch("processes", queryset=AdvisedProcess.objects.all()),
                              "summary_translations"))


def expert_filter_choices():
    """The directory's filters: {name: [(value, label)]}; context values grouped by attribute."""
    return {
        "stage": Stage.choices,
        "region": Region.choices,
        "language": Language.choices,
        "context": [(group, [(f"{prefix}:{value}", label) for value, label in choices.choices])
                    for (prefix, _field, choices), group in zip(EXPERT_CONTEXTS, (
                        _("Territorial level"), _("Decision-making model"), _("State capacity")),
                        strict=True)],
    }


def filter_experts(experts, *, stage="", region="", language="", context=""):
    """The experts matching every given filter; unknown values are reported, not applied.

    Returns (experts, refused filter names). Filtering is done in Python: the vetted directory
    holds tens of people, and JSON list containment differs between SQLite and PostgreSQL.
    """
    refused = []
    tests = []
    if stage:
        if stage in Stage.values:
            tests.append(lambda e: stage in e.stages)
        else:
            refused.append("stage")
    if region:
        if region in Region.values:
            tests.append(lambda e: region in e.regions)
        else:
            refused.append("region")
    if language:
        if language in Language.values:
            tests.append(lambda e: language in e.member.languages)
        else:
            refused.append("language")
    if context:
        prefix, _sep, value = context.partition(":")
        field = next((f for p, f, choices in EXPERT_CONTEXTS
                      if p == prefix and value in choices.values), None)
        if field:
            tests.append(lambda e: value in getattr(e, field))
        else:
            refused.append("context")
    return [e for e in experts if all(test(e) for test in tests)], refused


def contact_expert(*, sender, expert, message) -> bool:
    """Email `message` from the member `sender` to a vetted `expert`, in the expert's language.

    The expert's address is never shown to the sender; replies go to the sender's address.
    Returns False (nothing sent) when the sender already sent EXPERT_MESSAGES_PER_DAY today.
    """
    key = f"expert-messages:{sender.pk}:{timezone.now().date().isoformat()}"
    cache.add(key, 0, timeout=60 * 60 * 24)
    if cache.incr(key) > EXPERT_MESSAGES_PER_DAY:
        return False
    me = get_member(user=sender)
    recipient = expert.member
    context = {"name": recipient.name, "sender": me.name or sender.email,
               "role": me.get_role_display(), "organisation": me.organisation,
               "country": me.country.name if me.country else "", "message": message,
               "reply_to": sender.email}
    with translation.override(recipient.interface_language or settings.LANGUAGE_CODE):
        subject = render_to_string("network/email/expert_message_subject.txt", context).strip()
        body = render_to_string("network/email/expert_message_body.txt", context)
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.user.email],
                 reply_to=[sender.email]).send()
    return True


def suggest_experts(*, members, limit=3) -> list[tuple[Expert, list[str]]]:
    """The vetted experts best matching `members` (one member or a cohort), with reasons.

    An expert must know the stage of at least one member who gave a stage and share a language
    with at least one member; they earn a point for each member whose stage, territorial
    level, decision model, state capacity or region they know.
    Ties go to the expert with more advised processes, then by name.
    """
    members = list(members)
    candidates = []
    for expert in vetted_experts():
        if expert.member in members:
            continue
        languages = set(expert.member.languages)
        if not any(languages & set(m.languages) for m in members):
            continue
        stages = {m.stage for m in members if m.stage}
        if stages and not stages & set(expert.stages):
            continue
        reasons, points = [], 0
        for field, expertise, label in (
            ("stage", expert.stages, _("knows your stage: %(value)s")),
            ("territorial_level", expert.territorial_levels, _("advised at your level: %(value)s")),
            ("decision_model", expert.decision_models, _("knows your decision model: %(value)s")),
            ("state_capacity", expert.state_capacities, _("worked with %(value)s state capacity")),
            ("world_region", expert.regions, _("works in your region: %(value)s")),
        ):
            hits = [m for m in members if getattr(m, field) and getattr(m, field) in expertise]
            if hits:
                points += len(hits)
                choices = dict(Member._meta.get_field(field).choices)
                reasons.append(label % {"value": choices[getattr(hits[0], field)]})
        if points:
            shared = sorted(languages & {code for m in members for code in m.languages})
            names = dict(Language.choices)
            reasons.append(_("speaks %(languages)s") % {
                "languages": ", ".join(str(names.get(code, code)) for code in shared)})
            candidates.append((-points, -len(expert.processes.all()), expert.member.name,
                               expert, reasons))
    candidates.sort(key=lambda c: c[:3])
    return [(expert, reasons) for *_, expert, reasons in candidates[:limit]]
