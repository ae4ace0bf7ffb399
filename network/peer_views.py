"""The network's pages about peers: what the network is, finding peers, cohorts, vetted experts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import display
from matching import selectors as cohort_selectors
from matching import services as matching
from matching.models import Cohort
from network import services
from network.forms import CohortPostForm, ExpertMessageForm


def network_home(request):
    """What the network is and how cohorts work, for everyone."""
    context = {"experts": services.vetted_experts()[:3]}
    if request.user.is_authenticated:
        context["invitations"] = cohort_selectors.pending_invitations(user=request.user)
        context["active_cohort"] = cohort_selectors.active_cohort_for(user=request.user)
    return render(request, "network/network_home.html", context)


@login_required
def find_peers(request):
    """The ten consenting members most like the visitor, and why."""
    member = services.get_member(user=request.user)
    peers = matching.find_peers(user=request.user) if member.languages else []
    return render(request, "network/peers.html", {"member": member, "peers": peers})


@login_required
def my_cohorts(request):
    return render(request, "network/my_cohorts.html", {
        "memberships": cohort_selectors.memberships_for(user=request.user)})


@login_required
def cohort_page(request, pk):
    """A cohort's page: members (per visibility), why it exists, sessions and posts."""
    cohort = get_object_or_404(Cohort, pk=pk)
    membership = matching.membership_of(user=request.user, cohort=cohort)
    is_invited_or_peer = membership is not None and membership.status in ("invited", "accepted")
    if not (request.user.is_staff or is_invited_or_peer):
        raise PermissionDenied(_("Only members of this cohort can see its page."))
    is_peer = membership is not None and membership.status == "accepted"
    members = [m.member for m in matching.current_memberships(cohort=cohort)]
    viewer = membership.member if membership else None
    zone = display.visitor_zone(request)
    return render(request, "network/cohort.html", {
        "cohort": cohort,
        "membership": membership,
        "is_peer": is_peer,
        "peers": cohort_selectors.visible_peers(cohort=cohort, viewer=request.user),
        "reasons": matching.describe_cohort(cohort=cohort, viewer=viewer),
        "my_reasons": matching.shared_features(membership.member, members) if membership else [],
        "sessions": [{"session": session, "when": display.session_when(session, zone)}
                     for session in cohort_selectors.upcoming_sessions(cohort=cohort)],
        "visitor_zone": zone,
        "posts": cohort_selectors.visible_posts(cohort=cohort) if is_peer or request.user.is_staff
        else [],
        "post_form": CohortPostForm() if is_peer else None,
        "suggested_experts": services.suggest_experts(members=[viewer] if viewer else members),
    })


def _member_action(request, pk, action, message):
    cohort = get_object_or_404(Cohort, pk=pk)
    action(user=request.user, cohort=cohort)
    messages.success(request, message)
    return cohort


@login_required
@require_POST
def accept_invitation(request, pk):
    cohort = _member_action(request, pk, matching.accept_invitation,
                            _("Welcome to your cohort!"))
    return redirect(cohort.get_absolute_url())


@login_required
@require_POST
def decline_invitation(request, pk):
    _member_action(request, pk, matching.decline_invitation,
                   _("You declined the invitation. We may suggest another cohort later."))
    return redirect("network_public:cohorts")


@login_required
@require_POST
def leave_cohort(request, pk):
    _member_action(request, pk, matching.leave_cohort, _("You have left the cohort."))
    return redirect("network_public:cohorts")


@login_required
@require_POST
def post_to_cohort(request, pk):
    cohort = get_object_or_404(Cohort, pk=pk)
    form = CohortPostForm(request.POST)
    if form.is_valid():
        try:
            matching.add_post(user=request.user, cohort=cohort, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("Your note has been shared with the cohort."))
    else:
        messages.error(request, _("Your note could not be posted: %(errors)s") % {
            "errors": " ".join(e for errors in form.errors.values() for e in errors)})
    return redirect(cohort.get_absolute_url())


@login_required
@require_POST
def withdraw_consent(request):
    services.withdraw_consent(user=request.user)
    messages.success(request, _("You will no longer be suggested as a peer or placed in new "
                                "cohorts. Your current cohorts are unchanged."))
    return redirect("network:my_account")


EXPERT_FILTERS = ("stage", "region", "language", "context")


def expert_directory(request):
    """The vetted experts, filterable by stage, region, language and context."""
    chosen = {name: request.GET.get(name, "").strip() for name in EXPERT_FILTERS}
    experts, refused = services.filter_experts(list(services.vetted_experts()), **chosen)
    if refused:
        messages.warning(request, _("Some filters were not understood and were ignored: "
                                    "%(names)s.") % {"names": ", ".join(refused)})
    return render(request, "network/experts.html", {
        "experts": experts, "chosen": chosen, "filtered": any(chosen.values()),
        "filter_choices": services.expert_filter_choices()})


def expert_page(request, pk):
    """An expert's page; members can write to them through the site."""
    expert = get_object_or_404(services.vetted_experts(), pk=pk)
    form = None
    if request.user.is_authenticated and request.user != expert.member.user:
        form = ExpertMessageForm(request.POST or None)
        if request.method == "POST":
            if form.is_valid():
                if services.contact_expert(sender=request.user, expert=expert,
                                           message=form.cleaned_data["message"]):
                    messages.success(request, _("Your message was sent to %(name)s. They will "
                                                "reply to your email address.")
                                     % {"name": expert.member.name})
                    return redirect("network_public:expert", pk=expert.pk)
                messages.error(request, _("You have sent as many messages to experts as we allow "
                                          "in one day. Please try again tomorrow."))
            else:
                messages.error(request, _("Your message was not sent: please correct it below."))
    elif request.method == "POST":
        return redirect(f"/accounts/login/?next={request.path}")
    return render(request, "network/expert.html", {"expert": expert, "form": form})
