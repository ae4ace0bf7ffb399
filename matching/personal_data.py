"""The member's cohorts and posts, for "Download my data"."""

from matching.models import CohortMembership, CohortPost


def export_cohorts(user):
    return {
        "memberships": [
            {"cohort": m.cohort.name, "cohort_status": m.cohort.status, "status": m.status,
             "reason": m.reason,
             "invited_at": m.invited_at.isoformat() if m.invited_at else None,
             "responded_at": m.responded_at.isoformat() if m.responded_at else None}
            for m in CohortMembership.objects.filter(member__user=user).select_related("cohort")
        ],
        "posts": [
            {"cohort": p.cohort.name, "body": p.body, "link": p.link,
             "created_at": p.created_at.isoformat(), "removed": p.removed}
            for p in CohortPost.objects.filter(author__user=user).select_related("cohort")
        ],
    }
