"""Views of the library: they parse the request, call one selector or service, and render."""

import hashlib
from http import HTTPStatus
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from home.languages import content_language
from library import cache as library_cache
from library import search, services
from library.forms import DigestSubscriptionForm, TemplateFillForm, search_params
from library.models import DigestSubscription, ResourcePage, SearchChannel
from library.placeholders import PlaceholderError

SORT_LABELS = {
    "relevance": gettext_lazy("Relevance"),
    "newest": gettext_lazy("Newest"),
    "title": gettext_lazy("Title"),
}


class QueryLinks:
    """Shareable URLs for the current listing with one parameter value added, removed or replaced."""

    def __init__(self, path, query_dict):
        self.path = path
        self.pairs = [
            (key, value)
            for key, values in query_dict.lists()
            for value in values
            if key != "page" and value != ""
        ]

    def url(self, pairs):
        return f"{self.path}?{urlencode(pairs)}" if pairs else self.path

    def toggle(self, name, value):
        if (name, value) in self.pairs:
            return self.url([pair for pair in self.pairs if pair != (name, value)])
        return self.url(self.pairs + [(name, value)])

    def replace(self, name, value):
        return self.url([pair for pair in self.pairs if pair[0] != name] + [(name, value)])

    def page(self, number):
        return self.url(self.pairs + ([("page", str(number))] if number > 1 else []))

    def query_string(self):
        return urlencode(self.pairs)


def library_listing(request, index_page):
    # The listing depends only on the query, the language and the library's version: cache its HTML.
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    digest = hashlib.sha1(f"{get_language()}|{request.path}|{query}".encode()).hexdigest()
    key = f"library:html:{library_cache.current_version()}:{digest}"
    cached = cache.get(key)
    if cached is None:
        listing = _listing_context(request, index_page)
        cached = {
            "html": render_to_string("library/includes/listing.html", listing, request=request),
            "q": listing["result"].q,
            "total": listing["result"].total,
        }
        cache.set(key, cached, library_cache.TIMEOUT)
    if cached["q"] and not request.GET.get("page"):
        search.record_search(q=cached["q"], locale=get_language(), channel=SearchChannel.WEB,
                             results=cached["total"])
    context = index_page.get_context(request)
    context["listing_html"] = cached["html"]
    context["feed_query"] = urlencode([(k, v) for k, v in request.GET.lists() if k != "page"],
                                      doseq=True)
    return TemplateResponse(request, "library/resource_index_page.html", context)


def open_result(request, page_id):
    """A search result's link: count it as opened for its query (nothing about the person), then go."""
    page = ResourcePage.objects.live().filter(pk=page_id).first()
    if page is None:
        raise Http404
    channel = request.GET.get("channel")
    channel = channel if channel in (SearchChannel.WEB, SearchChannel.BOT) else SearchChannel.WEB
    search.record_click(q=request.GET.get("q", ""), locale=get_language(), channel=channel)
    return redirect(page.get_url(request))


def _listing_context(request, index_page):
    params = search_params(request.GET, per_page=getattr(settings, "LIBRARY_PAGE_SIZE", 20))
    result = index_page.get_resources(**params)
    links = QueryLinks(request.path, request.GET)
    facet_groups = []
    for name, values in result.facets.items():
        param = "stage" if name == "phase" else name
        facet_groups.append({
            "name": name,
            "values": [{"value": value, "url": links.toggle(param, value.slug)} for value in values],
        })
    applied = [
        {"param": name, "slug": slug, "url": links.toggle(name, slug),
         "label": _label_of(result, name, slug)}
        for name, slugs in result.filters.items() for slug in slugs
    ]
    suggestion_url = links.replace("q", result.suggestion) if result.suggestion else ""
    if result.q:
        applied.insert(0, {"param": "q", "slug": result.q, "label": result.q,
                           "url": links.toggle("q", request.GET.get("q", ""))})
    return {
        "page": index_page,
        "result": result,
        "facet_groups": facet_groups,
        "applied": applied,
        "sorts": [{"slug": slug, "label": label, "url": links.replace("sort", slug),
                   "current": slug == result.sort} for slug, label in SORT_LABELS.items()],
        "previous_url": links.page(result.page - 1) if result.page > 1 else "",
        "next_url": links.page(result.page + 1) if result.page < result.num_pages else "",
        "feed_query": links.query_string(),
        "clear_url": request.path,
        "suggestion_url": suggestion_url,
        "result_query": urlencode({"q": result.q}) if result.q else "",
    }


def _label_of(result, name, slug):
    for facet in result.facets.get(name, []) + (
        result.facets.get("phase", []) if name == "stage" else []
    ):
        if facet.slug == slug:
            return facet.label
    return slug


def fill_template(request, page):
    if not page.placeholders:
        return redirect(page.url)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = TemplateFillForm(request.POST or None, placeholders=page.placeholders,
                            label_language=content_language(page))
    if request.method == "POST" and form.is_valid():
        fmt = "txt" if request.POST.get("format") == "txt" else "docx"
        try:
            content, content_type, filename = services.render_filled_template(
                page=page, values=form.cleaned_data, fmt=fmt
            )
        except (PlaceholderError, KeyError):
            form.add_error(None, _("This template cannot be filled at the moment; please tell us."))
        else:
            response = HttpResponse(content, content_type=content_type)
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
    status = HTTPStatus.BAD_REQUEST if form.errors else HTTPStatus.OK
    context = page.get_context(request)
    context["form"] = form
    return TemplateResponse(request, "library/template_fill.html", context, status=status)


def digest_subscription(request, index_page):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    subscription = DigestSubscription.objects.filter(user=request.user).first()
    initial = {"active": True}
    if subscription is not None:
        initial = {
            "active": subscription.active,
            "stages": subscription.stages.all(),
            "languages": subscription.languages.all(),
            "themes": subscription.themes.all(),
        }
    form = DigestSubscriptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_digest_subscription(user=request.user, **form.cleaned_data)
        if form.cleaned_data["active"]:
            messages.success(request, _("You will receive the weekly digest of new resources."))
        else:
            messages.success(request, _("The weekly digest is switched off."))
        return redirect(request.path)
    context = index_page.get_context(request)
    context.update({"form": form, "subscription": subscription})
    return TemplateResponse(
        request,
        "library/digest_subscription.html",
        context,
        status=HTTPStatus.BAD_REQUEST if form.errors else HTTPStatus.OK,
    )
