"""/api/library/: the library search as JSON, for the bot and partners."""

from django.http import JsonResponse
from django.utils import translation
from wagtail.models import Locale

from library import search
from library.forms import search_params
from library.models import SearchChannel
from library.selectors import MAX_PER_PAGE, search_resources


def _absolute(request, page):
    url = page.get_url(request)
    return request.build_absolute_uri(url) if url else None


def resource_as_dict(request, page):
    return {
        "id": page.pk,
        "title": page.title,
        "summary": page.summary,
        "url": _absolute(request, page),
        "type": page.resource_type,
        "publication_date": page.publication_date.isoformat(),
        "languages": [language.code for language in page.languages.all()],
        "stages": [stage.code for stage in page.stages.all()],
        "themes": [theme.slug for theme in page.themes.all()],
        "authors": page.authors,
        "reviewed": page.reviewed,
        "locale": page.locale.language_code if hasattr(page, "locale") else None,
    }


def library_search(request):
    """Same parameters as /library/, plus `locale` (which language tree, default English) and `per_page`."""
    code = request.GET.get("locale") or Locale.get_default().language_code
    locale = Locale.objects.filter(language_code=code).first() or Locale.get_default()
    params = search_params(request.GET, per_page=request.GET.get("per_page", 20))
    with translation.override(locale.language_code):
        result = search_resources(locale=locale, **params)
        payload = {
            "count": result.total,
            "page": result.page,
            "num_pages": result.num_pages,
            "per_page": result.per_page,
            "max_per_page": MAX_PER_PAGE,
            "locale": locale.language_code,
            "query": {"q": result.q, "sort": result.sort, **result.filters},
            "suggestion": result.suggestion,
            "ignored": [{"parameter": name, "value": value} for name, value in result.ignored],
            "results": [resource_as_dict(request, page) for page in result.results],
            "facets": {
                name: [
                    {"slug": v.slug, "label": v.label, "count": v.count, "selected": v.selected}
                    for v in values
                ]
                for name, values in result.facets.items()
            },
        }
    if result.q and result.page == 1:
        search.record_search(q=result.q, locale=locale.language_code, channel=SearchChannel.API,
                             results=result.total)
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
