from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from matching import services, tasks
from matching.models import Cohort, CohortMembership, CohortPost, CohortSession, MatchingRound


class CohortViewSet(SnippetViewSet):
    model = Cohort
    icon = "group"
    menu_label = gettext_lazy("Cohorts")
    list_display = ["name", "status", "meeting_format", "score", "created_at"]
    list_filter = ["status"]
    search_fields = ["name"]
    form_fields = ["name", "status", "reason"]


class CohortSessionViewSet(SnippetViewSet):
    model = CohortSession
    icon = "date"
    menu_label = gettext_lazy("Cohort sessions")
    list_display = ["title", "cohort", "starts_at", "time_zone"]
    form_fields = ["cohort", "title", "starts_at", "ends_at", "time_zone", "joining_link"]


class CohortPostViewSet(SnippetViewSet):
    """Moderation: staff tick "removed" to hide a post from its cohort."""

    model = CohortPost
    icon = "comment"
    menu_label = gettext_lazy("Cohort posts")
    list_display = ["__str__", "cohort", "author", "created_at", "removed"]
    list_filter = ["removed"]
    form_fields = ["body", "link", "removed"]


class MatchingRoundViewSet(SnippetViewSet):
    model = MatchingRound
    icon = "history"
    menu_label = gettext_lazy("Matching rounds")
    list_display = ["__str__", "full", "placed", "waiting", "new_cohorts", "score"]
    form_fields = ["report"]


class MatchingViewSetGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Cohorts")
    menu_icon = "group"
    menu_order = 255
    items = (CohortViewSet, CohortSessionViewSet, CohortPostViewSet, MatchingRoundViewSet)


register_snippet(MatchingViewSetGroup)


def _staff_only(request):
    if not request.user.is_staff:
        raise PermissionDenied


def review(request):
    """Proposed and recently published cohorts: move people between them, then publish."""
    _staff_only(request)
    cohorts = (Cohort.objects.exclude(status=Cohort.Status.ARCHIVED)
               .prefetch_related("memberships__member").order_by("status", "name"))
    proposed = [c for c in cohorts if c.status == Cohort.Status.PROPOSED
                or any(m.status == CohortMembership.Status.PROPOSED for m in c.memberships.all())]
    return TemplateResponse(request, "matching/admin/review.html", {
        "proposed": proposed, "targets": cohorts, "header_title": _("Review cohorts"),
        "last_round": MatchingRound.objects.first()})


@require_POST
def run_round(request):
    _staff_only(request)
    tasks.run_matching_round.enqueue(full=request.POST.get("full") == "on")
    messages.success(request, _("A matching round has started; its cohorts appear here when "
                                "it is done."))
    return redirect("matching_review")


@require_POST
def publish(request, pk):
    _staff_only(request)
    count = services.publish_cohort(cohort=get_object_or_404(Cohort, pk=pk))
    messages.success(request, _("%(count)s invitations sent.") % {"count": count})
    return redirect("matching_review")


@require_POST
def move(request, pk):
    _staff_only(request)
    membership = get_object_or_404(CohortMembership, pk=pk)
    target = get_object_or_404(Cohort, pk=request.POST.get("cohort"))
    try:
        services.move_member(membership=membership, to_cohort=target)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("%(member)s moved to %(cohort)s.") % {
            "member": membership.member, "cohort": target})
    return redirect("matching_review")


@require_POST
def archive(request, pk):
    _staff_only(request)
    services.archive_cohort(cohort=get_object_or_404(Cohort, pk=pk))
    messages.success(request, _("Cohort archived."))
    return redirect("matching_review")


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("matching/review/", review, name="matching_review"),
        path("matching/run/", run_round, name="matching_run"),
        path("matching/cohorts/<int:pk>/publish/", publish, name="matching_publish"),
        path("matching/cohorts/<int:pk>/archive/", archive, name="matching_archive"),
        path("matching/memberships/<int:pk>/move/", move, name="matching_move"),
    ]


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return MenuItem(gettext_lazy("Review cohorts"), reverse("matching_review"), icon_name="group",
                    order=256)
