from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language


@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})


@require_POST
def set_language(request):
    """Switch the interface language, and remember it on the member's profile when logged in."""
    response = django_set_language(request)
    language = request.POST.get("language")
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and response.status_code in (302, 204):
        from network import services

        services.remember_language(user=user, language=language)
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """A friendly 500 page that needs neither the database nor context processors."""
    return HttpResponse(get_template("500.html").render({}), status=500)


def permission_denied(request, exception=None):
    """A friendly 403 page (handler403 and CSRF_FAILURE_VIEW)."""
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A failed CSRF check: the same 403 page, with a hint that an old form is the usual cause."""
    return render(request, "403.html", {"csrf_failed": True}, status=403)
