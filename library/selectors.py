"""Reads of the library: the faceted search behind /library/, /api/library/, the feeds and the bot."""

import hashlib
import json
import math
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language
from wagtail.models import Locale

from library import cache as library_cache
from library import search
from library.models import (
    CONTEXT_ATTRIBUTES,
    ResourcePage,
    ResourceType,
    Theme,
)
from pbexchange.vocabulary import Language, Phase, Region, Stage, stages_in_phase

SORTS = ("relevance", "newest", "title")
MAX_PER_PAGE = 50

# Multi-valued facets: query parameter -> (link model, column of the value in the link table).
RELATION_FACETS = {
    "language": (ResourcePage.languages.through, "resourcelanguage_id"),
    "region": (ResourcePage.regions.through, "resourceregion_id"),
    "stage": (ResourcePage.stages.through, "resourcestage_id"),
    "theme": (ResourcePage.themes.through, "theme_id"),
}
SINGLE_FACETS = ("type", "reviewed", *CONTEXT_ATTRIBUTES)
FACET_ORDER = ("stage", "type", "language", "region", "theme", "reviewed", *CONTEXT_ATTRIBUTES)


@dataclass
class FacetValue:
    slug: str
    label: str
    count: int
    selected: bool = False


@dataclass
class ResourceSearchResult:
    results: list
    total: int
    facets: dict
    page: int
    num_pages: int
    per_page: int = 20
    q: str = ""
    sort: str = "relevance"
    filters: dict = field(default_factory=dict)  # parameter -> list of accepted slugs
    ignored: list = field(default_factory=list)  # (parameter, value) pairs that were not understood
    suggestion: str = ""  # the query with misspelt words corrected ("did you mean ...")

    @property
    def has_filters(self):
        return bool(self.q or any(self.filters.values()))


def _values(value):
    if value is None or value == "":
        return []
    if isinstance(value, str | bool):
        return [value]
    return [item for item in value if item not in (None, "")]


def _theme_labels():
    """{slug: Theme} for every theme, cached until the library changes."""
    key = f"library:themes:{library_cache.current_version()}"
    themes = cache.get(key)
    if themes is None:
        themes = {theme.slug: theme for theme in Theme.objects.all()}
        cache.set(key, themes, library_cache.TIMEOUT)
    return themes


def _label_maps(themes):
    return {
        "language": dict(Language.choices),
        "region": dict(Region.choices),
        "stage": dict(Stage.choices),
        "phase": dict(Phase.choices),
        "theme": {slug: theme.label for slug, theme in themes.items()},
        "type": dict(ResourceType.choices),
        "reviewed": {"true": ResourcePage._meta.get_field("reviewed").verbose_name},
        **{name: dict(vocabulary.choices) for name, vocabulary in CONTEXT_ATTRIBUTES.items()},
    }


def _parse_reviewed(value):
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return "true"
    if text in ("0", "false", "no", "off"):
        return "false"
    return None


def _normalise(raw, themes):
    """Keep the values we understand (as lists of slugs); report the others."""
    known = {
        "language": set(Language.values),
        "region": set(Region.values),
        "stage": set(Stage.values) | set(Phase.values),
        "theme": set(themes),
        "type": set(ResourceType.values),
        **{name: set(vocabulary.values) for name, vocabulary in CONTEXT_ATTRIBUTES.items()},
    }
    filters, ignored = {}, []
    for name, values in raw.items():
        accepted = []
        for value in _values(values):
            if name == "reviewed":
                slug = _parse_reviewed(value)
            else:
                slug = str(value).strip().lower()
                slug = slug if slug in known[name] else None
            if slug is None:
                ignored.append((name, str(value)))
            elif slug not in accepted:
                accepted.append(slug)
        filters[name] = accepted[-1:] if name == "reviewed" else accepted
    return filters, ignored


def _filtered_queryset(*, locale, filters):
    queryset = ResourcePage.objects.live().filter(locale_id=locale.pk)
    for name, (link, column) in RELATION_FACETS.items():
        for slug in filters.get(name, ()):
            if name == "stage" and slug in Phase.values:
                match = {f"{column}__in": stages_in_phase(Phase(slug))}
            elif name == "theme":
                match = {"theme__slug": slug}
            else:
                match = {column: slug}
            queryset = queryset.filter(
                pk__in=link.objects.filter(**match).values("resourcepage_id")
            )
    for slug in filters.get("type", ()):
        queryset = queryset.filter(resource_type=slug)
    for slug in filters.get("reviewed", ()):
        queryset = queryset.filter(reviewed=(slug == "true"))
    for name in CONTEXT_ATTRIBUTES:
        for slug in filters.get(name, ()):
            queryset = queryset.filter(**{name: slug})
    return queryset


def _search(queryset, *, q, locale, sort):
    """(matching queryset, the same in order: a queryset or a list of ids, Found or None)."""
    found = None
    if q and search.uses_library_index():
        found = search.find(q=q, locale=locale)
        if not found.words:
            return queryset.none(), queryset.none(), found
        sql, params = search.ids_sql(found.ranks)
        queryset = queryset.filter(pk__in=RawSQL(sql, params))
    elif q:
        # Elasticsearch/OpenSearch: their own analysis and relevance (results capped at 10,000).
        ranked = [page.pk for page in queryset.search(q, operator="or")[:10_000]]
        queryset = queryset.filter(pk__in=ranked)
        if sort == "relevance":
            return queryset, ranked, None
    if sort == "title":
        return queryset, queryset.order_by("title", "pk"), found
    newest = queryset.order_by("-publication_date", "-pk")
    if sort == "relevance" and found is not None:
        return queryset, found.order(list(newest.values_list("pk", flat=True))), found
    return queryset, newest, found


def _count_facets(queryset, themes):
    """{parameter: {slug: count}} for the current result set: one GROUP BY per relation, one for the rest."""
    ids = queryset.order_by().values("pk")
    counts = {}
    theme_slugs = {theme.pk: slug for slug, theme in themes.items()}
    for name, (link, column) in RELATION_FACETS.items():
        rows = (
            link.objects.filter(resourcepage_id__in=ids)
            .values(column)
            .annotate(n=Count("id"))
            .order_by()
        )
        if name == "theme":
            counts[name] = {
                theme_slugs[row[column]]: row["n"] for row in rows if row[column] in theme_slugs
            }
        else:
            counts[name] = {row[column]: row["n"] for row in rows}
    # Coarse phases: a resource in two stages of the same phase counts once for it.
    link, column = RELATION_FACETS["stage"]
    phases = link.objects.filter(resourcepage_id__in=ids).aggregate(
        **{
            phase.value: Count(
                "resourcepage_id",
                distinct=True,
                filter=Q(**{f"{column}__in": stages_in_phase(phase)}),
            )
            for phase in Phase
        }
    )
    counts["phase"] = {slug: n for slug, n in phases.items() if n}
    columns = ["resource_type", "reviewed", *CONTEXT_ATTRIBUTES]
    single = {name: {} for name in SINGLE_FACETS}
    for row in queryset.order_by().values(*columns).annotate(n=Count("pk")):
        n = row["n"]
        single["type"][row["resource_type"]] = single["type"].get(row["resource_type"], 0) + n
        if row["reviewed"]:
            single["reviewed"]["true"] = single["reviewed"].get("true", 0) + n
        for name in CONTEXT_ATTRIBUTES:
            if row[name]:
                single[name][row[name]] = single[name].get(row[name], 0) + n
    counts.update(single)
    return counts


def _coerce_page(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def _cache_key(locale, q, filters, sort, page, per_page, with_facets):
    payload = json.dumps([locale.pk, q, filters, sort, page, per_page, with_facets], sort_keys=True)
    digest = hashlib.sha1(payload.encode()).hexdigest()
    return f"library:search:{library_cache.current_version()}:{digest}"


def _build_facets(counts, filters, themes):
    labels = _label_maps(themes)
    show_context = "case-study" in filters.get("type", ()) or any(
        filters.get(name) for name in CONTEXT_ATTRIBUTES
    )
    facets = {}
    for name in (
        "stage",
        "phase",
        "type",
        "language",
        "region",
        "theme",
        "reviewed",
        *CONTEXT_ATTRIBUTES,
    ):
        if name in CONTEXT_ATTRIBUTES and not show_context:
            continue
        param = "stage" if name == "phase" else name
        selected = set(filters.get(param, ()))
        if name == "stage":
            order = list(Stage.values)
        elif name == "phase":
            order = list(Phase.values)
        elif name == "theme":
            order = sorted(themes, key=lambda slug: str(themes[slug].label).lower())
        elif name == "reviewed":
            order = ["true"]
        else:
            order = list(labels[name])
        facet_counts = counts.get(name, {})
        facets[name] = [
            FacetValue(
                slug=slug,
                label=str(labels[name].get(slug, slug)),
                count=facet_counts.get(slug, 0),
                selected=slug in selected,
            )
            for slug in order
            if facet_counts.get(slug) or slug in selected
        ]
    return facets


def search_resources(
    *,
    q="",
    language=None,
    region=None,
    stage=None,
    type=None,
    theme=None,
    reviewed=None,
    sort="relevance",
    page=1,
    per_page=20,
    locale=None,
    political_structure=None,
    state_capacity=None,
    territorial_level=None,
    decision_model=None,
    resources=None,
    with_facets=True,
):
    """Search and filter the live resources of a language tree.

    `q` is matched and ranked by the library search (`library.search`: any of its words, in any
    form, in the resources' text or tags; more words matched first); `suggestion` holds the query
    with misspelt words corrected when there were any. `with_facets=False` skips the counts.

    Every facet takes one slug or a list of slugs; several values, in one facet or across facets,
    must all hold (so each facet count is what the result set would shrink to). `stage` also takes a
    coarse phase (`advocacy`, `design`, `implementation`, `evaluation`). Unknown values are ignored
    and reported in `ignored`; a bad `page` or `sort` falls back to the first page / relevance.
    `locale` defaults to the active one. Returns a ResourceSearchResult with facet counts for the
    whole result set and the ResourcePages of the requested page.
    """
    locale = locale or Locale.get_active()
    themes = _theme_labels()
    q = " ".join(str(q or "").split())[:200]
    sort = sort if sort in SORTS else "relevance"
    per_page = min(max(_coerce_page(per_page), 1), MAX_PER_PAGE)
    page = _coerce_page(page)
    filters, ignored = _normalise(
        {
            "language": language,
            "region": region,
            "stage": stage,
            "type": type,
            "theme": theme,
            "reviewed": reviewed,
            "political_structure": political_structure,
            "state_capacity": state_capacity,
            "territorial_level": territorial_level,
            "decision_model": decision_model,
            "resources": resources,
        },
        themes,
    )

    key = _cache_key(locale, q, filters, sort, page, per_page, with_facets)
    found = cache.get(key)
    if found is None:
        queryset = _filtered_queryset(locale=locale, filters=filters)
        queryset, ordered, match = _search(queryset, q=q, locale=locale, sort=sort)
        total = len(ordered) if isinstance(ordered, list) else ordered.count()
        num_pages = max(math.ceil(total / per_page), 1)
        current = min(page, num_pages)
        offset = (current - 1) * per_page
        if isinstance(ordered, list):
            ids = ordered[offset : offset + per_page]
        else:
            ids = list(ordered.values_list("pk", flat=True)[offset : offset + per_page])
        counts = _count_facets(queryset, themes) if total and with_facets else {}
        found = {
            "ids": ids,
            "total": total,
            "num_pages": num_pages,
            "page": current,
            "counts": counts,
            "suggestion": match.suggestion if match is not None else "",
        }
        cache.set(key, found, library_cache.TIMEOUT)

    pages = (
        (
            ResourcePage.objects.filter(pk__in=found["ids"]).prefetch_related(
                "languages", "stages", "themes"
            )
        )
        if found["ids"]
        else []
    )
    by_id = {resource.pk: resource for resource in pages}
    return ResourceSearchResult(
        results=[by_id[pk] for pk in found["ids"] if pk in by_id],
        total=found["total"],
        facets=_build_facets(found["counts"], filters, themes),
        page=found["page"],
        num_pages=found["num_pages"],
        per_page=per_page,
        q=q,
        sort=sort,
        filters=filters,
        ignored=ignored,
        suggestion=found["suggestion"],
    )


def library_index_page(*, locale=None):
    """The library's index page in a language tree (cached until the library changes), or None."""
    from library.models import ResourceIndexPage

    language = (locale.language_code if locale else None) or get_language()
    key = f"library:index:{library_cache.current_version()}:{language}"
    found = cache.get(key)
    if found is None:
        locale = locale or Locale.get_active()
        page = ResourceIndexPage.objects.live().filter(locale_id=locale.pk).first()
        found = {"page": page}
        cache.set(key, found, library_cache.TIMEOUT)
    return found["page"]


def latest_resources(*, limit, locale=None):
    """The newest live resources of a language tree."""
    locale = locale or Locale.get_active()
    return list(
        ResourcePage.objects.live()
        .filter(locale_id=locale.pk)
        .order_by("-publication_date", "-pk")[:limit]
    )


def new_resources_for_digest(*, since, stages=(), languages=(), themes=(), locale=None, limit=20):
    """Live resources first published after `since` matching any of the given stages, languages, themes."""
    locale = locale or Locale.get_default()
    queryset = ResourcePage.objects.live().filter(locale_id=locale.pk, first_published_at__gt=since)
    if stages:
        queryset = queryset.filter(
            pk__in=ResourcePage.stages.through.objects.filter(resourcestage_id__in=stages).values(
                "resourcepage_id"
            )
        )
    if languages:
        queryset = queryset.filter(
            pk__in=ResourcePage.languages.through.objects.filter(
                resourcelanguage_id__in=languages
            ).values("resourcepage_id")
        )
    if themes:
        queryset = queryset.filter(
            pk__in=ResourcePage.themes.through.objects.filter(theme__slug__in=themes).values(
                "resourcepage_id"
            )
        )
    return list(queryset.order_by("-first_published_at")[:limit])
