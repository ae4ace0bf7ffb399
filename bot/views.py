import concurrent.futures
import logging
import secrets

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bot import services
from bot.webhook import MalformedUpdate, check_update, get_runner

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HANDLING_TIMEOUT = 50  # seconds; Telegram waits about a minute before it sends an update again
logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def webhook(request):
    """Telegram posts updates here; the secret header must match TELEGRAM_WEBHOOK_SECRET.

    Answers once the update is handled (so Telegram sends it again if this worker dies first),
    or after HANDLING_TIMEOUT seconds, leaving it to finish in the background.
    """
    expected = settings.TELEGRAM_WEBHOOK_SECRET
    given = request.headers.get(SECRET_HEADER, "")
    if not expected or not secrets.compare_digest(given.encode(), expected.encode()):
        return HttpResponseForbidden("wrong or missing secret token")
    try:
        payload = check_update(request.body)
        handled = get_runner().submit(payload)
        handled.result(timeout=HANDLING_TIMEOUT)
    except MalformedUpdate as error:
        logger.warning("Refused a malformed webhook update: %s", error)
        response = JsonResponse({"ok": False, "error": str(error)}, status=400)
        response._has_been_logged = True  # logged above, with the reason; not again by Django
        return response
    except concurrent.futures.TimeoutError:  # not cancelled: it finishes in the background
        logger.warning("Update %s still being handled after %s s", payload["update_id"],
                       HANDLING_TIMEOUT)
    return HttpResponse(status=200)


@login_required
def link(request):
    """Create a one-time code that links a Telegram chat to this account."""
    if request.method == "POST":
        if request.POST.get("action") == "unlink":
            services.unlink(user=request.user)
        else:
            services.create_link_code(user=request.user)
        return redirect("bot_account:link")
    code = services.current_link_code(user=request.user)
    telegram_link = getattr(request.user, "telegram_link", None)
    username = settings.TELEGRAM_BOT_USERNAME.lstrip("@")
    return render(request, "bot/link.html", {
        "code": code,
        "telegram_link": telegram_link,
        "bot_username": username,
        "deep_link": f"https://t.me/{username}?start={code.code}" if code else "",
    })
