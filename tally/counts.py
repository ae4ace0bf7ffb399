"""Stored counts: keep a vote, start a count within the visitor's limits, run it with a hard time
limit, read back its stored result, delete what has expired.

The website and the bot call these; the ``run_count`` task (``tally/tasks.py``) calls
:func:`run_count`. Nothing here keeps a vote or a result in a process's memory: both are rows
(:class:`~tally.models.VoteInput`, :class:`~tally.models.Count`) that every worker sees.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import multiprocessing
import resource
import time
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Min, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from calculator import Allocation, Election, Project, result_to_dict
from tally import services
from tally.models import Count, VoteInput

logger = logging.getLogger(__name__)

COUNTING = gettext_lazy("Counting… This vote takes a while; I will send the result as soon as it "
                        "is ready (a count stops after %(seconds)s seconds).")
"""What the bot says when a count takes longer than ``TALLY_INLINE_WAIT``."""
VOTE_NO_LONGER_KEPT = gettext_lazy("The file sent earlier is no longer kept. Please choose it "
                                   "again.")
POLL_SECONDS = 0.1
STALE_QUEUE = timedelta(hours=1)
"""A count still waiting for a worker after this long is given up (no worker is running)."""
WORKER_STOPPED = "worker-stopped"
"""The error recorded for a count whose worker stopped before it finished."""
LIMITS_LOCK = 0x7A11E
"""PostgreSQL advisory lock taken while limits are checked and a count is created."""


@dataclass(frozen=True)
class Visitor:
    """Who asks for counts, as far as limits go: a keyed hash (never the raw IP or id)."""

    key: str
    member: bool


class LimitReached(Exception):
    """A limit stops this count or upload; ``retry_after`` seconds until it may succeed."""

    def __init__(self, message: str, *, retry_after: int, status: int = 429):
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))
        self.status = status


def _hashed(identity: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), identity.encode(), hashlib.sha256).hexdigest()[:40]


def visitor_for_request(request) -> Visitor:
    """A member by account; anyone else by IP address, read as allauth reads it for its login
    rate limits (so ``ALLAUTH_TRUSTED_PROXY_COUNT`` behind a proxy applies to both)."""
    from allauth.account.adapter import get_adapter

    if request.user.is_authenticated:
        return Visitor(_hashed(f"member:{request.user.pk}"), member=True)
    return Visitor(_hashed(f"ip:{get_adapter(request).get_client_ip(request)}"), member=False)


def visitor_for_telegram(*, telegram_user_id: int) -> Visitor:
    """A bot user: limited as an anonymous visitor of their own."""
    return Visitor(_hashed(f"telegram:{telegram_user_id}"), member=False)


def _limits(visitor: Visitor) -> dict:
    return settings.TALLY_LIMITS["member" if visitor.member else "anonymous"]


def _expiry():
    return timezone.now() + timedelta(seconds=settings.TALLY_RESULT_TTL)


def _size_text(size: int) -> str:
    return _("%(size)s MB") % {"size": f"{size / 1024 / 1024:.1f}"}


# --- Votes ----------------------------------------------------------------------------------

def store_vote(*, visitor: Visitor, data: bytes, filename: str = "", typed: bool = False,
               vote_type: str = "") -> VoteInput:
    """Keep a vote (the file's bytes, or the typed fields as JSON) until it expires.

    The same bytes sent again by the same visitor reuse the stored vote. Raises
    :class:`LimitReached` when the visitor's stored votes, or everyone's, would pass their cap.
    """
    digest = hashlib.sha256(data).hexdigest()
    now = timezone.now()
    with transaction.atomic():
        same = VoteInput.objects.filter(visitor=visitor.key, sha256=digest, filename=filename,
                                        typed=typed, vote_type=vote_type,
                                        expires_at__gt=now).first()
        if same is not None:
            VoteInput.objects.filter(pk=same.pk).update(expires_at=_expiry())
            return same
        live = VoteInput.objects.filter(expires_at__gt=now)
        own = live.filter(visitor=visitor.key)
        cap = _limits(visitor)["stored_bytes"]
        stored = own.aggregate(total=Sum("size"))["total"] or 0
        if stored + len(data) > cap:
            oldest = own.aggregate(first=Min("expires_at"))["first"]
            raise LimitReached(
                _("Your stored votes would take %(size)s; the limit is %(limit)s. Earlier ones "
                  "are deleted when their results expire.")
                % {"size": _size_text(stored + len(data)), "limit": _size_text(cap)},
                retry_after=((oldest - now).total_seconds() if oldest else 60))
        everyone = live.aggregate(total=Sum("size"))["total"] or 0
        if everyone + len(data) > settings.TALLY_STORED_BYTES_TOTAL:
            delete_expired()
            raise LimitReached(
                _("The calculator is storing as many votes as it can right now. Please try again "
                  "later."), retry_after=15 * 60, status=503)
        return VoteInput.objects.create(
            visitor=visitor.key, filename=filename[:255], typed=typed, data=data, size=len(data),
            sha256=digest, vote_type=vote_type, expires_at=_expiry())


def store_typed_vote(*, visitor: Visitor, budget: str, projects: str, ballots: str,
                     vote_type: str) -> VoteInput:
    """Keep a typed vote (its budget, projects and ballots as typed)."""
    data = json.dumps({"budget": budget, "projects": projects, "ballots": ballots},
                      ensure_ascii=False).encode()
    return store_vote(visitor=visitor, data=data, typed=True, vote_type=vote_type)


def stored_vote(*, key: str) -> VoteInput | None:
    """The stored vote with this key, unless it has expired."""
    if not key:
        return None
    return VoteInput.objects.filter(key=key, expires_at__gt=timezone.now()).first()


def typed_fields(vote: VoteInput) -> dict:
    """What was typed for a typed vote (budget, projects, ballots), else ``{}``."""
    return json.loads(bytes(vote.data).decode()) if vote.typed else {}


def read_vote(vote: VoteInput, *, budget: str = "") -> Election:
    """The election of a stored vote; ``budget`` (as typed) replaces the file's. Raises
    :class:`~tally.services.TallyInputError` as reading it the first time did."""
    money = services.parse_budget(budget) if budget else None
    if vote.typed:
        typed = typed_fields(vote)
        return services.election_from_text(
            budget=services.parse_budget(typed["budget"]), projects_text=typed["projects"],
            ballots_text=typed["ballots"],
            rule="rank-and-rearrange" if vote.vote_type == "ordinal" else "greedy")
    election = services.election_from_upload(filename=vote.filename, data=bytes(vote.data),
                                              max_bytes=settings.TALLY_MAX_UPLOAD_BYTES,
                                              budget=money)
    if money is not None:
        election.budget = money
    return election


# --- Starting counts within the limits -------------------------------------------------------

def start_count(*, visitor: Visitor, vote: VoteInput, rule: str, options: dict | None = None,
                budget: str = "", language: str = "en", compared: Count | None = None,
                rules: list[str] | None = None) -> Count:
    """Create a count (or, with ``rules``, a comparison) and hand it to the ``run_count`` task.

    Raises :class:`LimitReached` when the visitor (or all anonymous visitors together) already
    run as many counts as allowed, or started as many this hour.
    """
    from tally import tasks

    kind = Count.Kind.COMPARISON if rules else Count.Kind.COUNT
    with transaction.atomic():
        _lock_limits()
        _check_limits(visitor)
        count = Count.objects.create(
            kind=kind, vote=vote, compared=compared, rule=",".join(rules) if rules else rule,
            options=options or {}, budget=budget, visitor=visitor.key, member=visitor.member,
            language=language, expires_at=_expiry())
        VoteInput.objects.filter(pk=vote.pk, expires_at__lt=count.expires_at).update(
            expires_at=count.expires_at)
    tasks.run_count.enqueue(key=count.key)
    count.refresh_from_db()
    return count


def _lock_limits() -> None:
    """Serialise limit checks across workers until the transaction ends. SQLite needs nothing:
    its transactions begin IMMEDIATE (see the settings), which already admits one writer."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LIMITS_LOCK])


def _check_limits(visitor: Visitor) -> None:
    now = timezone.now()
    _give_up_stale(now)
    own = Count.objects.filter(visitor=visitor.key)
    limits = [(own, _limits(visitor), False)]
    if not visitor.member:
        limits.append((Count.objects.filter(member=False), settings.TALLY_LIMITS["all_anonymous"],
                       True))
    for counts, limit, everyone in limits:
        active = counts.filter(status__in=Count.ACTIVE)
        if active.count() >= limit["running"]:
            started = active.aggregate(first=Min("started_at"))["first"] or now
            wait = settings.TALLY_TIME_LIMIT - (now - started).total_seconds()
            raise LimitReached(
                _("Many people are counting at the moment. Please try again in a minute.")
                if everyone else ngettext(
                    "You already have %(count)s count running. Please wait for it to finish.",
                    "You already have %(count)s counts running. Please wait for them to finish.",
                    limit["running"]) % {"count": limit["running"]},
                retry_after=max(wait, 5))
        hour_ago = now - timedelta(hours=1)
        recent = counts.filter(created_at__gt=hour_ago)
        if recent.count() >= limit["per_hour"]:
            first = recent.aggregate(first=Min("created_at"))["first"]
            raise LimitReached(
                _("The calculator has counted as many votes as it can this hour for visitors "
                  "without an account. Please try again later, or sign in.")
                if everyone else (ngettext(
                    "You have made %(count)s count in the last hour, the most allowed.",
                    "You have made %(count)s counts in the last hour, the most allowed.",
                    limit["per_hour"]) % {"count": limit["per_hour"]} + " " + (
                        _("Please try again later.") if visitor.member
                        else _("Please try again later, or sign in to count more."))),
                retry_after=(first + timedelta(hours=1) - now).total_seconds())


def _give_up_stale(now) -> None:
    """Mark counts whose worker stopped (or never came) as failed, so they hold no limit."""
    limit = timedelta(seconds=settings.TALLY_TIME_LIMIT + 60)
    Count.objects.filter(status=Count.Status.RUNNING, started_at__lt=now - limit).update(
        status=Count.Status.FAILED, finished_at=now, error=WORKER_STOPPED)
    Count.objects.filter(status=Count.Status.QUEUED, created_at__lt=now - STALE_QUEUE).update(
        status=Count.Status.FAILED, finished_at=now, error=WORKER_STOPPED)


def wait_for(count: Count, *, seconds: float) -> Count:
    """``count`` refreshed once it has finished, or after ``seconds`` (short counts then show
    their result at once; long ones their progress)."""
    deadline = time.monotonic() + seconds
    while not count.finished and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        count.refresh_from_db(fields=["status", "progress", "started_at", "finished_at"])
    if count.finished:
        count.refresh_from_db()
    return count


def count_by_key(key: str) -> Count | None:
    """The count or comparison with this key (its vote's data not loaded), unless expired."""
    count = (Count.objects.select_related("vote").defer("vote__data")
             .filter(key=key, expires_at__gt=timezone.now()).first())
    if count is not None and not count.finished:
        _give_up_stale(timezone.now())
        count.refresh_from_db()
    return count


def comparison_of(count: Count, *, rules: list[str]) -> Count | None:
    """The stored comparison of ``count`` with exactly these rules, if one was started."""
    return (count.comparisons.filter(rule=",".join(rules), expires_at__gt=timezone.now())
            .exclude(status=Count.Status.FAILED).order_by("-created_at").first())


def failure_message(count: Count) -> str:
    """Why a count did not finish, in the active language."""
    if count.status == Count.Status.TIMED_OUT:
        return _("The count took longer than %(seconds)s seconds, the time limit, and was "
                 "stopped.") % {"seconds": settings.TALLY_TIME_LIMIT}
    if count.error == WORKER_STOPPED:
        return _("The count was interrupted before it finished. Please start it again.")
    return count.error or _("The count could not be finished.")


# --- Running a count (the task) --------------------------------------------------------------

def run_count(*, key: str) -> str:
    """Run the queued count ``key``: read its vote, run its rule(s) each in a child process
    stopped at the time limit, store the result. Returns the final status."""
    now = timezone.now()
    taken = Count.objects.filter(key=key, status=Count.Status.QUEUED).update(
        status=Count.Status.RUNNING, started_at=now, progress="reading")
    if not taken:
        return "not-queued"
    count = Count.objects.select_related("vote").get(key=key)
    deadline = time.monotonic() + settings.TALLY_TIME_LIMIT
    with translation.override(count.language):
        try:
            election = read_vote(count.vote, budget=count.budget)
        except services.TallyInputError as error:
            return _finish(count, Count.Status.FAILED, error=str(error))
        summary = election_summary(election)
        if count.kind == Count.Kind.COUNT:
            status, value = run_with_time_limit(
                _count_function(election, count.rule, count.options), deadline=deadline)
            if status != Count.Status.DONE:
                return _finish(count, status, error=value or "")
            Count.objects.filter(pk=count.pk).update(progress="explaining")
            return _finish(count, status, result={
                "election": summary, "allocation": value,
                "explanation": _explanation(election, value, count, deadline)})
        return _run_comparison(count, election, summary, deadline)


def _count_function(election: Election, rule: str, options: dict):
    def count():
        options_read = services.resolve_project_options(election=election, rule=rule,
                                                        options=options)
        return result_to_dict(services.run_tally(election=election, rule=rule,
                                                 options=options_read))
    return count


def _explanation(election: Election, allocation_data: dict, count: Count,
                 deadline: float) -> dict:
    """The explanation the result pages show (``tally.explained.explanation_data``), computed
    here, once and within the count's time limit, so that no page view computes it."""
    from tally import explained

    allocation = allocation_from_dict(allocation_data)
    vote = count.vote
    pb_text = bytes(vote.data) if vote.filename.lower().endswith(".pb") else None
    # The tie-break order is the count's option; a rule's result does not keep it.
    tie_break = explained.tie_break_of(election, count.rule, count.options)
    status, value = run_with_time_limit(
        lambda: explained.explanation_data(election, allocation, pb_text=pb_text,
                                           tie_break=tie_break),
        deadline=deadline)
    if status != Count.Status.DONE:
        return {"status": status, "error": value or ""}
    return {**value, "status": "done"}


def _run_comparison(count: Count, election: Election, summary: dict, deadline: float) -> str:
    allocations, errors, stopped = {}, {}, []
    known = {}
    if count.compared_id and count.compared.result:
        known = {count.compared.rule: count.compared.result["allocation"]}
    for number, rule in enumerate(count.rules, start=1):
        Count.objects.filter(pk=count.pk).update(progress=f"{number}/{len(count.rules)}")
        if rule in known:
            allocations[rule] = known[rule]
            continue
        options = count.options.get(rule) or {}
        status, value = run_with_time_limit(_count_function(election, rule, options),
                                            deadline=deadline)
        if status == Count.Status.DONE:
            allocations[rule] = value
        elif status == Count.Status.TIMED_OUT:
            stopped.append(rule)
        else:
            errors[rule] = value
    status = Count.Status.TIMED_OUT if stopped and not allocations else Count.Status.DONE
    return _finish(count, status, result={"election": summary, "allocations": allocations,
                                          "errors": errors, "stopped": stopped,
                                          "outcomes": _outcomes(election, allocations, deadline)})


def _outcomes(election: Election, allocations: dict, deadline: float) -> dict:
    """{rule: outcome measures} of a comparison, computed once here (``{}`` if out of time)."""
    from calculator import outcome_measures, outcomes_to_dict

    def measure():
        return {rule: outcomes_to_dict(outcome_measures(election, allocation_from_dict(data)))
                for rule, data in allocations.items()}

    status, value = run_with_time_limit(measure, deadline=deadline)
    return value if status == Count.Status.DONE else {}


def _finish(count: Count, status: str, *, result=None, error: str = "") -> str:
    Count.objects.filter(pk=count.pk).update(status=status, result=result, error=error,
                                             progress="", finished_at=timezone.now())
    return status


def run_with_time_limit(function, *, deadline: float) -> tuple[str, object]:
    """Run ``function()`` in a child process and return ``(status, value)``: ``("done",
    its return value)``, ``("failed", the message of a TallyInputError or of a crash)`` or
    ``("timed-out", None)`` once ``deadline`` (a ``time.monotonic()`` value) passes.

    Why a forked child: the calculator is pure CPU-bound Python, which no thread can interrupt,
    and a worker killed by its server (gunicorn's timeout) takes its other requests down with it
    and leaves no word for the visitor. A child is killed cleanly (SIGKILL) at the limit while the
    caller stays alive to record "timed out". Forking (not spawning) shares the parsed election
    with the child without copying or re-importing Django; the child touches no database or lock,
    only the calculator, and sends its JSON-ready result back through a pipe. An RLIMIT_CPU in the
    child makes the kernel stop it even if its parent dies first.
    """
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return Count.Status.TIMED_OUT, None
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, int(remaining) + 2), daemon=True)
    child.start()
    sender.close()
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return Count.Status.TIMED_OUT, None
            if receiver.poll(min(remaining, 1.0)):
                try:
                    return receiver.recv()
                except EOFError:  # the child died without a word (killed, out of memory)
                    logger.warning("a count's child process ended with code %s", child.exitcode)
                    return Count.Status.FAILED, _("The count stopped unexpectedly.")
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        child.close()
        receiver.close()


def _child(sender, function, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    try:
        message = (Count.Status.DONE, function())
    except services.TallyInputError as error:
        message = (Count.Status.FAILED, str(error))
    except Exception:
        logger.exception("a count failed")
        message = (Count.Status.FAILED, _("The calculator could not count this vote."))
    sender.send(message)
    sender.close()


# --- Reading stored results ------------------------------------------------------------------

def election_summary(election: Election) -> dict:
    """What the result pages show of an election, without its ballots (JSON-ready)."""
    return {
        "source": election.source,
        "vote_type": election.vote_type,
        "num_voters": election.num_voters,
        "budget": format(election.budget, "f"),
        "currency": election.currency,
        "projects": [[pid, project.name, format(project.cost, "f")]
                     for pid, project in election.projects.items()],
    }


def election_from_summary(summary: dict) -> Election:
    """An election with the summary's projects and budget and no ballots (for showing results)."""
    projects = {pid: Project(pid, Decimal(cost), name) for pid, name, cost in summary["projects"]}
    return Election(budget=Decimal(summary["budget"]), projects=projects, ballots=[],
                    vote_type=summary["vote_type"], currency=summary["currency"],
                    source=summary["source"])


def allocation_from_dict(data: dict) -> Allocation:
    """The :class:`~calculator.Allocation` that ``calculator.result_to_dict`` wrote."""
    def score(value):
        return value if isinstance(value, int) else Decimal(value)

    return Allocation(
        rule=data["rule"], budget=Decimal(data["budget"]), currency=data["currency"],
        selected=list(data["selected"]),
        funded={pid: Decimal(amount) for pid, amount in data["funded"].items()},
        leftover=Decimal(data["leftover"]),
        donations={name: Decimal(amount) for name, amount in data.get("donations", {}).items()},
        partial=list(data.get("partial", [])), ties=[list(group) for group in data.get("ties", [])],
        scores={pid: score(value) for pid, value in data.get("scores", {}).items()},
        rejected_ballots=[(item["voter_id"], item["reason"])
                          for item in data.get("rejected_ballots", [])],
        steps=list(data.get("steps", [])), options=dict(data.get("options", {})),
    )


# --- Expiry ----------------------------------------------------------------------------------

def delete_expired() -> tuple[int, int]:
    """Delete expired counts and stored votes; returns how many of each."""
    now = timezone.now()
    counts = Count.objects.filter(expires_at__lte=now).delete()[1].get("tally.Count", 0)
    # A vote lives at least as long as its counts (start_count extends it), so this cascades
    # to no count that is still valid.
    votes = VoteInput.objects.filter(expires_at__lte=now).delete()[1].get("tally.VoteInput", 0)
    return counts, votes
