from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from toolkit import pdf, services
from toolkit.exceptions import IncompleteResult, NoTree
from toolkit.outcomes import OUTCOME_CHOICES


def _step(request, answers):
    try:
        return services.step(answers=answers, language=get_language())
    except NoTree:
        raise Http404(_("The design toolkit has not been published yet.")) from None


def walk(request):
    """One question at a time (answers in the URL), then the shareable result."""
    current = _step(request, request.GET.getlist("a"))
    language = get_language()
    context = {
        "step": current,
        "back_url": services.result_path(answers=current.answers[:-1], language=language),
        "pdf_query": urlencode([("a", answer) for answer in current.answers]),
        "share_url": services.result_url(answers=current.answers, language=language),
        "rejected_count": len(current.rejected),
    }
    if current.rejected:
        context["rejected_message"] = ngettext(
            "One answer in this link does not fit the current questions; we kept the answers "
            "before it.",
            "%(count)d answers in this link do not fit the current questions; we kept the answers "
            "before them.",
            len(current.rejected),
        ) % {"count": len(current.rejected)}
    template = "toolkit/result.html" if current.is_result else "toolkit/question.html"
    return render(request, template, context)


def result_pdf(request):
    """The result as a PDF download; incomplete answers go back to the question they stop at."""
    current = _step(request, request.GET.getlist("a"))
    if not current.is_result:
        return redirect(services.result_path(answers=current.answers, language=get_language()))
    share_url = services.result_url(answers=current.answers, language=get_language())
    response = HttpResponse(pdf.render_result(current, share_url=share_url,
                                              site_url=request.build_absolute_uri("/").rstrip("/")),
                            content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="pb-design-toolkit.pdf"'
    return response


@login_required
@require_POST
def save_result(request):
    """Keep the result in the member's profile."""
    answers = request.POST.getlist("a")
    try:
        services.save_result(user=request.user, answers=answers, language=get_language())
    except IncompleteResult:
        messages.error(
            request, _("Only a complete result can be saved; please answer every question."))
        return redirect(services.result_path(answers=answers, language=get_language()))
    messages.success(request, _("The result is saved in your profile."))
    return redirect("toolkit:saved")


@login_required
def saved_results(request):
    """The member's saved results, each linking back to its recommendations."""
    language = get_language()
    labels = dict(OUTCOME_CHOICES)
    results = [
        {"result": result, "url": services.result_path(answers=result.answers, language=language),
         "outcomes": [labels.get(outcome, outcome) for outcome in result.outcomes]}
        for result in services.saved_results(user=request.user)
    ]
    return render(request, "toolkit/saved.html", {"results": results})


@login_required
@require_POST
def delete_result(request, result_id):
    if services.delete_saved_result(user=request.user, result_id=result_id):
        messages.success(request, _("The saved result has been removed."))
    return redirect("toolkit:saved")
