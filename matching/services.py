"""What the website, the admin, the command and the bot do with cohorts.

Profiles are turned into the algorithm's plain `Member` values here (the vocabulary's slugs are
mapped onto the algorithm's), the algorithm runs, and cohorts are stored in one transaction.
"""

import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matching import algorithm
from matching.models import (
    Cohort,
    CohortMembership,
    CohortPost,
    MatchingRound,
    MatchingSettings,
)
from matching.similarity import similarity_parts
from network.models import PRIORITY_OUTCOMES, Member
from pbexchange.vocabulary import (
    Challenge,
    DecisionModel,
    Language,
    PoliticalStructure,
    Resources,
    Role,
    Stage,
    StateCapacity,
    TerritorialLevel,
)

POPULATION_BANDS = [(50_000, "under-50k"), (250_000, "50k-250k"), (1_000_000, "250k-1m"),
                    (5_000_000, "1m-5m")]
YEARS_BANDS = [(1, "first-cycle"), (4, "2-4-years"), (9, "5-9-years")]
BAND_LABELS = {
    "under-50k": gettext_lazy("under 50,000 inhabitants"),
    "50k-250k": gettext_lazy("50,000 to 250,000 inhabitants"),
    "250k-1m": gettext_lazy("250,000 to 1 million inhabitants"),
    "1m-5m": gettext_lazy("1 to 5 million inhabitants"),
    "over-5m": gettext_lazy("over 5 million inhabitants"),
    "first-cycle": gettext_lazy("first cycle"),
    "2-4-years": gettext_lazy("2 to 4 years running"),
    "5-9-years": gettext_lazy("5 to 9 years running"),
    "10-plus-years": gettext_lazy("10 or more years running"),
}
CONTEXT_FIELDS = ("political_structure", "state_capacity", "territorial_level", "decision_model",
                  "resources")
Status = CohortMembership.Status


def _band(value, bands, top):
    if value is None:
        return None
    return next((name for limit, name in bands if value <= limit), top)


def utc_offset_minutes(time_zone, *, at=None) -> int:
    """The current offset from UTC of an IANA zone, in minutes (0 when unknown)."""
    if not time_zone:
        return 0
    now = (at or timezone.now()).astimezone(zoneinfo.ZoneInfo(time_zone))
    return int(now.utcoffset().total_seconds() // 60)


def to_algorithm_member(member: Member) -> algorithm.Member:
    """The plain-data profile the algorithm works on."""
    return algorithm.Member(
        id=member.pk,
        # A missing role or stage must never count as agreement: give it a unique value.
        role=member.role or f"unknown-{member.pk}",
        stage=member.stage or f"unknown-{member.pk}",
        languages=member.languages,
        utc_offset_minutes=utc_offset_minutes(member.time_zone),
        context=algorithm.Context(
            **{field: getattr(member, field) or None for field in CONTEXT_FIELDS},
            population_band=_band(member.population, POPULATION_BANDS, "over-5m"),
            years_running=_band(member.years_running, YEARS_BANDS, "10-plus-years"),
        ),
        challenges=member.challenges,
        priority_outcomes=member.priority_outcomes,
        format=member.meeting_format or "online",
        country=member.country.code if member.country else "",
        region=member.world_region,
        consent=member.consent_to_matching,
    )


def algorithm_labels() -> dict[str, str]:
    """Slug → label in the active language, for the algorithm's reasons."""
    labels = {}
    for choices in (Role, Stage, Challenge, Language, PoliticalStructure, StateCapacity,
                    TerritorialLevel, DecisionModel, Resources):
        labels.update({slug: str(label) for slug, label in choices.choices})
    labels.update({slug: str(label) for slug, label in PRIORITY_OUTCOMES})
    labels.update({slug: str(label) for slug, label in BAND_LABELS.items()})
    for slug, label in StateCapacity.choices:
        labels[slug] = _("%(value)s state capacity") % {"value": label}
    return labels


def current_weights_and_constraints():
    """The weights and hard constraints staff set in the admin."""
    config = MatchingSettings.load()
    weights = algorithm.Weights(role=config.weight_role, stage=config.weight_stage,
                                context=config.weight_context,
                                challenges=config.weight_challenges,
                                outcomes=config.weight_outcomes)
    constraints = algorithm.Constraints(min_size=config.min_size, max_size=config.max_size,
                                        max_tz_spread_hours=config.max_tz_spread_hours,
                                        in_person=config.in_person)
    return weights, constraints


# --- Reasons, in the visitor's language -----------------------------------------------------


def shared_features(member: Member, peers) -> list[str]:
    """What `member` shares with at least half of `peers`, as translated phrases."""
    peers = [p for p in peers if p.pk != member.pk]
    if not peers:
        return []
    half = (len(peers) + 1) // 2
    phrases = []
    for field, text in (("stage", _("same stage: %(value)s")),
                        ("role", _("same role: %(value)s"))):
        value = getattr(member, field)
        if value and sum(getattr(p, field) == value for p in peers) >= half:
            phrases.append(text % {"value": getattr(member, f"get_{field}_display")()})
    context = [_("%(value)s state capacity") % {"value": member.get_state_capacity_display()}
               if field == "state_capacity" else str(getattr(member, f"get_{field}_display")())
               for field in ("territorial_level", "political_structure", "decision_model",
                             "state_capacity", "resources")
               if getattr(member, field)
               and sum(getattr(p, field) == getattr(member, field) for p in peers) >= half]
    if context:
        phrases.append(_("similar context: %(values)s") % {"values": ", ".join(context)})
    challenges = [label for slug, label in Challenge.choices if slug in member.challenges
                  and sum(slug in p.challenges for p in peers) >= half]
    if challenges:
        phrases.append(_("shared challenges: %(values)s") % {
            "values": ", ".join(str(c) for c in challenges)})
    outcomes = [label for slug, label in PRIORITY_OUTCOMES if slug in member.priority_outcomes
                and sum(slug in p.priority_outcomes for p in peers) >= half]
    if outcomes:
        phrases.append(_("same priority outcomes: %(values)s") % {
            "values": ", ".join(str(o) for o in outcomes)})
    common = set(member.languages).intersection(*(p.languages for p in peers))
    if common:
        phrases.append(_("common language: %(values)s") % {
            "values": ", ".join(str(label) for code, label in Language.choices if code in common)})
    return phrases


def describe_cohort(*, cohort, viewer=None) -> list[str]:
    """Why the cohort exists, as `viewer` (a Member) reads it: what they share with most others.

    A member is never told of a role, stage or context they do not have; staff (no `viewer`
    among the members) read what the member who shares the most has in common with the rest.
    """
    members = [m.member for m in current_memberships(cohort=cohort)]
    if not members:
        return []
    if viewer is not None and viewer in members:
        return shared_features(viewer, members)
    best = max(members, key=lambda m: len(shared_features(m, members)))
    return shared_features(best, members)


# --- Find peers like me ------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreLine:
    """One reason a peer scores: what it says and the points (of 100) it adds."""

    text: str
    points: float


@dataclass(frozen=True)
class Peer:
    member: Member
    similarity: float
    lines: list[ScoreLine]
    common_languages: str

    @property
    def score(self) -> float:
        """The similarity in points of 100, as shown (one decimal)."""
        return round(self.similarity * 100, 1)

    @property
    def reasons(self) -> list[str]:
        return [line.text for line in self.lines]


def _score_lines(me: Member, peer: Member, parts, labels) -> list[ScoreLine]:
    """The translated reason for every part of the score that adds points."""
    def names(slugs):
        return ", ".join(labels.get(slug, algorithm.label_for(slug)) for slug in slugs)

    lines = []
    for part in parts:
        if part.points <= 0:
            continue
        if part.component == "role":
            text = _("same role: %(value)s") % {"value": names(part.shared)}
        elif part.component == "stage" and part.shared:
            text = _("same stage: %(value)s") % {"value": names(part.shared)}
        elif part.component == "stage":
            text = _("neighbouring stage, counts half: %(theirs)s (yours: %(yours)s)") % {
                "theirs": peer.get_stage_display(), "yours": me.get_stage_display()}
        elif part.component == "context":
            pieces = []
            if part.shared:
                pieces.append(names(part.shared))
            if part.near:
                pieces.append(_("close to yours, counts half: %(values)s") % {"values": names(part.near)})
            text = _("similar context: %(values)s") % {"values": "; ".join(pieces)}
        elif part.component == "challenges":
            text = _("shared challenges: %(values)s") % {"values": names(part.shared)}
        else:
            text = _("same priority outcomes: %(values)s") % {"values": names(part.shared)}
        lines.append(ScoreLine(text=text, points=round(part.points * 100, 1)))
    return lines


def find_peers(*, user, k=10) -> list[Peer]:
    """The `k` consenting members most similar to `user`'s profile, right now, best first.

    Each peer carries the parts of its score (every reason that adds points, with the points),
    which add up to the score the list is ordered by; equal scores go by name.
    """
    me = user.member
    candidates = list(Member.objects.filter(consent_to_matching=True)
                      .exclude(pk=me.pk).exclude(languages=[]).select_related("user"))
    by_id = {m.pk: m for m in candidates}
    weights, _constraints = current_weights_and_constraints()
    mine = to_algorithm_member(me)
    theirs = {m.pk: to_algorithm_member(m) for m in candidates}
    ranked = algorithm.most_similar(mine, list(theirs.values()), weights=weights, k=k)
    labels = algorithm_labels()
    language_names = dict(Language.choices)
    peers = []
    for pk, sim, _reason in ranked:
        peer = by_id[pk]
        parts = similarity_parts(mine, theirs[pk], weights)
        common = [str(language_names[code]) for code in language_names
                  if code in set(me.languages) & set(peer.languages)]
        peers.append(Peer(member=peer, similarity=sim,
                          lines=_score_lines(me, peer, parts, labels),
                          common_languages=", ".join(common)))
    peers.sort(key=lambda p: (-p.score, p.member.name, p.member.pk))
    return peers


# --- Matching rounds ---------------------------------------------------------------------------


def current_memberships(*, cohort):
    return (cohort.memberships.filter(status__in=CohortMembership.CURRENT)
            .select_related("member__user"))


@dataclass
class RoundSummary:
    """What a round did (or would do, on a dry run)."""

    considered: int
    placed: int
    waiting: list[tuple[int, str]]
    new_cohorts: int
    joined_existing: int
    score: float
    dry_run: bool
    matching_round: MatchingRound | None = None

    def lines(self) -> list[str]:
        return [
            f"members considered: {self.considered}",
            f"members placed: {self.placed}",
            f"new cohorts: {self.new_cohorts}",
            f"new members added to existing cohorts: {self.joined_existing}",
            f"members waiting: {len(self.waiting)}",
            f"score (mean within-cohort similarity): {self.score:.3f}",
        ]


def run_round(*, full=False, dry_run=False, seed=0,
              progress: Callable[[int, int, str], None] | None = None) -> RoundSummary:
    """Run one matching round; existing cohorts are kept unless `full` re-matches everyone.

    New cohorts are saved as *proposed* for staff review; members added to an existing
    cohort get a *proposed* membership too. With `dry_run` nothing is saved.
    """
    progress = progress or (lambda done, total, what: None)
    with transaction.atomic():
        progress(0, 3, "loading members")
        rows = list(Member.objects.filter(consent_to_matching=True).exclude(languages=[]))
        live = Cohort.objects.exclude(status=Cohort.Status.ARCHIVED)
        kept = [] if full else list(live.prefetch_related("memberships"))
        existing = [[m.member_id for m in c.memberships.all() if m.status in CohortMembership.CURRENT]
                    for c in kept]
        in_existing = {pk for ids in existing for pk in ids}
        rows += list(Member.objects.filter(pk__in=in_existing - {m.pk for m in rows}))
        weights, constraints = current_weights_and_constraints()
        progress(1, 3, "forming cohorts")
        with translation.override(settings.LANGUAGE_CODE):
            result = algorithm.form_cohorts([to_algorithm_member(m) for m in rows],
                                            weights=weights, constraints=constraints, seed=seed,
                                            existing=existing, labels=algorithm_labels())
        summary = RoundSummary(
            considered=len(rows), placed=sum(len(c) for c in result.cohorts),
            waiting=result.unplaced, new_cohorts=len(result.cohorts) - len(kept),
            joined_existing=sum(len(set(c) - set(old))
                                for c, old in zip(result.cohorts, existing, strict=False)),
            score=result.score, dry_run=dry_run)
        if dry_run:
            transaction.set_rollback(True)
            return summary
        progress(2, 3, "saving cohorts")
        if full:
            live.filter(status=Cohort.Status.PROPOSED).delete()
            live.update(status=Cohort.Status.ARCHIVED)
        record = MatchingRound.objects.create(
            full=full, score=result.score, placed=summary.placed, waiting=len(result.unplaced),
            new_cohorts=summary.new_cohorts, report="\n".join(summary.lines()))
        by_id = {m.pk: m for m in rows}
        for index, ids in enumerate(result.cohorts):
            if index < len(kept):
                cohort = kept[index]
            else:
                common = sorted(set.intersection(*(set(by_id[i].languages) for i in ids)))
                cohort = Cohort.objects.create(
                    name=_cohort_name(index - len(kept) + 1, record, by_id[min(ids)]),
                    reason=result.cohort_reasons[index] if index < len(result.cohort_reasons)
                    else "", languages=common, matching_round=record,
                    meeting_format=_meeting_format([by_id[i] for i in ids], constraints),
                    score=algorithm.score([ids], [to_algorithm_member(by_id[i]) for i in ids],
                                          weights))
            already = set(existing[index]) if index < len(kept) else set()
            CohortMembership.objects.bulk_create([
                CohortMembership(cohort=cohort, member_id=pk, reason=result.reasons.get(pk, ""))
                for pk in sorted(set(ids) - already)])
        summary.matching_round = record
        progress(3, 3, "done")
    return summary


def _cohort_name(number, record, member):
    stage = member.get_stage_display() or _("mixed stages")
    return _("%(stage)s peers %(date)s-%(number)s") % {
        "stage": stage, "date": record.started_at.strftime("%Y%m%d"), "number": number}


def _meeting_format(members, constraints):
    from matching.checks import meeting_format

    return meeting_format([to_algorithm_member(m) for m in members], constraints) or ""


# --- Staff actions -----------------------------------------------------------------------------


@transaction.atomic
def publish_cohort(*, cohort) -> int:
    """Email an invitation to every proposed member of `cohort`; returns how many were invited."""
    proposed = list(cohort.memberships.filter(status=Status.PROPOSED).select_related("member__user"))
    now = timezone.now()
    for membership in proposed:
        membership.status = Status.INVITED
        membership.invited_at = now
        membership.save(update_fields=["status", "invited_at"])
        transaction.on_commit(lambda m=membership: _send_invitation(m))
    if cohort.status == Cohort.Status.PROPOSED:
        cohort.status = Cohort.Status.INVITING
        cohort.published_at = now
        cohort.save(update_fields=["status", "published_at"])
    return len(proposed)


def _send_invitation(membership):
    member = membership.member
    with translation.override(member.interface_language or settings.LANGUAGE_CODE):
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + membership.cohort.get_absolute_url()
        body = _(
            "Hello %(name)s,\n\nYou are invited to join the peer cohort “%(cohort)s” on PB "
            "Exchange: a small group of people who run participatory budgeting in situations "
            "like yours.\n\nWhy you: %(reason)s\n\nAccept or decline here: %(link)s\n\n"
            "You can leave the cohort or stop being matched at any time from My account."
        ) % {"name": member.name, "cohort": membership.cohort.name,
             "reason": "; ".join(shared_features(member, [m.member for m in current_memberships(
                 cohort=membership.cohort)])) or membership.reason, "link": link}
        body += "\n\n" + render_to_string("network/email/signature.txt").strip() + "\n"
        send_mail(_("[PB Exchange] Invitation to a peer cohort"), body, None,
                  [member.user.email])


@transaction.atomic
def move_member(*, membership, to_cohort) -> CohortMembership:
    """Staff move a member to another cohort before or after publishing."""
    if membership.cohort_id == to_cohort.pk:
        return membership
    if to_cohort.status == Cohort.Status.ARCHIVED:
        raise ValidationError(_("A member cannot be moved into an archived cohort."))
    CohortMembership.objects.filter(cohort=to_cohort, member=membership.member).delete()
    membership.cohort = to_cohort
    membership.status = Status.PROPOSED
    membership.invited_at = membership.responded_at = None
    membership.save()
    return membership


def archive_cohort(*, cohort):
    cohort.status = Cohort.Status.ARCHIVED
    cohort.save(update_fields=["status"])


# --- Members' own actions ------------------------------------------------------------------------


def membership_of(*, user, cohort) -> CohortMembership | None:
    return (CohortMembership.objects.filter(cohort=cohort, member__user=user)
            .select_related("member").first())


def _respond(*, user, cohort, status):
    membership = membership_of(user=user, cohort=cohort)
    if membership is None or membership.status != Status.INVITED:
        raise PermissionDenied(_("There is no open invitation to this cohort for you."))
    membership.status = status
    membership.responded_at = timezone.now()
    membership.save(update_fields=["status", "responded_at"])
    return membership


@transaction.atomic
def accept_invitation(*, user, cohort) -> CohortMembership:
    """Join the cohort; it becomes active as soon as two members have accepted."""
    membership = _respond(user=user, cohort=cohort, status=Status.ACCEPTED)
    if (cohort.status == Cohort.Status.INVITING
            and cohort.memberships.filter(status=Status.ACCEPTED).count() >= 2):
        cohort.status = Cohort.Status.ACTIVE
        cohort.save(update_fields=["status"])
    return membership


def decline_invitation(*, user, cohort) -> CohortMembership:
    """Say no to the cohort; the member can be matched elsewhere in a later round."""
    return _respond(user=user, cohort=cohort, status=Status.DECLINED)


def leave_cohort(*, user, cohort) -> CohortMembership:
    """Leave a cohort one belongs to (accepted or invited)."""
    membership = membership_of(user=user, cohort=cohort)
    if membership is None or membership.status not in CohortMembership.CURRENT:
        raise PermissionDenied(_("You are not a member of this cohort."))
    membership.status = Status.LEFT
    membership.responded_at = timezone.now()
    membership.save(update_fields=["status", "responded_at"])
    return membership


def is_peer(*, user, cohort) -> bool:
    """Whether `user` has accepted a place in `cohort` (peers see each other's contacts)."""
    return cohort.memberships.filter(member__user=user, status=Status.ACCEPTED).exists()


def add_post(*, user, cohort, body, link="") -> CohortPost:
    """Share a note or a resource link with the cohort (members who accepted only)."""
    if not is_peer(user=user, cohort=cohort):
        raise PermissionDenied(_("Only members of this cohort can post here."))
    body = body.strip()
    if not body:
        raise ValidationError(_("Write a note before posting."))
    return CohortPost.objects.create(cohort=cohort, author=user.member, body=body, link=link)


def remove_post(*, post):
    """Staff moderation: hide a post from the cohort page."""
    post.removed = True
    post.save(update_fields=["removed"])
