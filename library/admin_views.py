"""Staff views of the library in the Wagtail admin."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from library import search

PERIODS = (30, 90)


def search_gaps(request):
    """Searches of the last 30 or 90 days that found nothing, or whose results nobody opened."""
    if not (request.user.is_staff or request.user.is_superuser):
        raise PermissionDenied
    try:
        days = int(request.GET.get("days", PERIODS[0]))
    except ValueError:
        days = PERIODS[0]
    days = days if days in PERIODS else PERIODS[0]
    nothing, unopened = search.search_gaps(days=days)
    return TemplateResponse(request, "library/admin/search_gaps.html", {
        "days": days,
        "periods": PERIODS,
        "nothing": nothing,
        "unopened": unopened,
        "page_title": _("Library search gaps"),
    })
