"""Reads of the library: the faceted search behind /library/, /api/library/, the feeds and the bot."""

import hashlib
import json
import math
import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from library import cache as library_cache
from library.models import (
    CONTEXT_ATTRIBUTES,
    ResourcePage,
    ResourceType,
    Theme,
)
from pbexchange.vocabulary import Language, Phase, Region, Stage, stages_in_phase

SORTS = ("relevance", "newest", "title")
MAX_PER_PAGE = 50
WORD = re.compile(r"\w+", re.UNICODE)

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


def _filtered_queryset(*, locale, q, filters, sort):
    queryset = ResourcePage.objects.live().filter(locale_id=locale.pk)
    # Only words reach the search backend: quotes, brackets and AND/OR/NOT would be FTS syntax.
    words = [word.lower() for word in WORD.findall(q)]
    if words:
        queryset = _matching(queryset, words)
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
    return _order(queryset, q=q, sort=sort)


def _matching(queryset, words):
    """Resources whose indexed text holds every word (Wagtail's database search backend)."""
    backend = get_search_backend()
    if type(backend).__name__ == "SQLiteSearchBackend":
        # Wagtail's SQLite query joins the FTS table row by row (seconds for 10,000 resources);
        # asking FTS5 for its matching rowids first takes milliseconds. Words are \w+ only.
        match = "{title body} : (" + " AND ".join(f'"{word}"' for word in words) + ")"
        content_type = ContentType.objects.get_for_model(ResourcePage).pk
        return queryset.filter(pk__in=RawSQL(
            "SELECT CAST(entry.object_id AS INTEGER) FROM wagtailsearch_indexentry entry "
            "WHERE entry.content_type_id = %s AND entry.id IN (SELECT rowid FROM "
            "wagtailsearch_indexentry_fts WHERE wagtailsearch_indexentry_fts MATCH %s)",
            [content_type, match],
        ))
    # PostgreSQL (tsvector), the fallback and external backends: Wagtail's query, without the
    # per-row score (relevance is the title/summary tier, then recency).
    results = queryset.search(" ".join(words), operator="and", order_by_relevance=False)
    if hasattr(results, "get_queryset"):
        return results.get_queryset()
    # Elasticsearch/OpenSearch: the matching ids (search results are capped at 10,000).
    return queryset.filter(pk__in=[page.pk for page in results[:10_000]])


def _order(queryset, *, q, sort):
    if sort == "title":
        return queryset.order_by("title", "pk")
    words = WORD.findall(q)[:8]
    if sort == "newest" or not words:
        return queryset.order_by("-publication_date", "-pk")
    # Relevance: pages whose title, then whose summary, holds every word come first, then the score.
    in_title = Q(*[Q(title__icontains=word) for word in words])
    in_summary = Q(*[Q(summary__icontains=word) for word in words])
    tier = Case(
        When(in_title, then=Value(0)),
        When(in_summary, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return queryset.annotate(match_tier=tier).order_by("match_tier", "-publication_date", "-pk")


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


def _cache_key(locale, q, filters, sort, page, per_page):
    payload = json.dumps([locale.pk, q, filters, sort, page, per_page], sort_keys=True)
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
):
    """Search and filter the live resources of a language tree.

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

    key = _cache_key(locale, q, filters, sort, page, per_page)
    found = cache.get(key)
    if found is None:
        queryset = _filtered_queryset(locale=locale, q=q, filters=filters, sort=sort)
        total = queryset.count()
        num_pages = max(math.ceil(total / per_page), 1)
        current = min(page, num_pages)
        offset = (current - 1) * per_page
        ids = list(queryset.values_list("pk", flat=True)[offset : offset + per_page])
        counts = _count_facets(queryset, themes) if total else {}
        found = {
            "ids": ids,
            "total": total,
            "num_pages": num_pages,
            "page": current,
            "counts": counts,
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
    )


QUESTION_CANDIDATES = 100


def find_resources_for_question(*, words, language=None, stage=None, limit=3, locale=None):
    """The live resources that best match `words` (a question's topic words), best first.

    One ranked search, no facet counts and no cache: what the bot needs to answer a question in
    a few milliseconds. Any word may match, and each also matches longer words sharing its first
    letters ("marginalised" finds "marginalized"); among the best textual matches, resources of
    a theme whose name the question uses ("marginalised" names "Outreach to marginalised
    groups", at most two themes) come first. `language` and `stage` take one slug each.
    Returns (resources, total, complete): `total` counts the matching resources exactly when
    `complete`, else only those among the QUESTION_CANDIDATES best textual matches (a lower
    bound; the SQLite path ranks those first and looks further only if too few pass the filters).
    """
    locale = locale or Locale.get_active()
    filters, _ignored = _normalise({"language": language, "stage": stage}, {})
    words = [word.lower() for word in WORD.findall(" ".join(words))][:8]
    if not words:
        return [], 0, True
    queryset = _filtered_queryset(locale=locale, q="", filters=filters, sort="title").order_by()
    stems = [word[: max(5, len(word) - 3)] for word in words]
    themes = [theme.pk for theme in _theme_labels().values()
              if any(stem in " ".join([theme.name, theme.name_fr, theme.name_es,
                                       theme.name_pt]).lower() for stem in stems if len(stem) > 4)]
    backend = type(get_search_backend()).__name__
    if backend == "PostgresSearchBackend":
        return _find_on_postgres(queryset, words=words, themes=themes[:2], limit=limit)
    if backend != "SQLiteSearchBackend":
        results = queryset.search(" ".join(words), operator="or")
        return list(results[:limit]), results.count(), True
    page_id = "CAST(entry.object_id AS INTEGER)"
    live, live_params = queryset.filter(pk=RawSQL(page_id, ())).values("pk").query.sql_with_params()
    theme_link = ResourcePage.themes.through._meta.db_table
    match = "{title body} : (" + " OR ".join(f'"{stem}"*' for stem in stems) + ")"
    content_type = ContentType.objects.get_for_model(ResourcePage).pk
    for candidates in (QUESTION_CANDIDATES, -1):  # -1: no LIMIT
        with connection.cursor() as cursor:
            # bm25 weights per FTS column (autocomplete, body, title): the title counts most.
            cursor.execute(
                "WITH hit AS MATERIALIZED (SELECT rowid AS id, "
                "bm25(wagtailsearch_indexentry_fts, 0, 1, 3) AS score "
                "FROM wagtailsearch_indexentry_fts WHERE wagtailsearch_indexentry_fts MATCH %s "
                "ORDER BY score LIMIT %s) "
                f"SELECT {page_id}, COUNT(*) OVER (), (SELECT COUNT(*) FROM hit) FROM hit "
                "JOIN wagtailsearch_indexentry entry ON entry.id = hit.id "
                f"WHERE entry.content_type_id = %s AND EXISTS ({live}) "
                f"ORDER BY {page_id} IN (SELECT resourcepage_id FROM {theme_link} "
                "WHERE theme_id IN (SELECT value FROM json_each(%s))) DESC, hit.score, "
                f"{page_id} DESC LIMIT %s",
                [match, candidates, content_type, *live_params, json.dumps(themes[:2]), limit],
            )
            rows = cursor.fetchall()
        complete = candidates < 0 or bool(rows) and rows[0][2] < QUESTION_CANDIDATES
        if len(rows) >= limit or complete:
            break
    if not rows:
        return [], 0, True
    by_id = ResourcePage.objects.in_bulk([row[0] for row in rows])
    return [by_id[row[0]] for row in rows if row[0] in by_id], rows[0][1], complete


def _find_on_postgres(queryset, *, words, themes, limit):
    """find_resources_for_question on PostgreSQL: the same ranking in one query.

    Wagtail's own `search()` cannot express "any word, as a prefix, title weighing most, a named
    theme first", so this reads its index table directly, as the SQLite path does. Each word is
    stemmed by the index's own text-search configuration and matched as a prefix
    ("meetings" -> 'meet':*, which also finds "meeting").
    """
    tsquery = " | ".join(f"{word}:*" for word in words)
    live, live_params = queryset.filter(pk=RawSQL("hit.id", ())).values("pk").query.sql_with_params()
    theme_link = ResourcePage.themes.through._meta.db_table
    content_type = ContentType.objects.get_for_model(ResourcePage).pk
    with connection.cursor() as cursor:
        cursor.execute(
            "WITH hit AS MATERIALIZED (SELECT CAST(entry.object_id AS INTEGER) AS id, "
            "3 * ts_rank(entry.title, query) + ts_rank(entry.body, query) AS score "
            "FROM wagtailsearch_indexentry entry, to_tsquery(%s) query "
            "WHERE entry.content_type_id = %s AND (entry.title @@ query OR entry.body @@ query)) "
            f"SELECT hit.id, COUNT(*) OVER () FROM hit WHERE EXISTS ({live}) "
            f"ORDER BY hit.id IN (SELECT resourcepage_id FROM {theme_link} "
            "WHERE theme_id = ANY(%s)) DESC, hit.score DESC, hit.id DESC LIMIT %s",
            [tsquery, content_type, *live_params, list(themes), limit],
        )
        rows = cursor.fetchall()
    if not rows:
        return [], 0, True
    by_id = ResourcePage.objects.in_bulk([row[0] for row in rows])
    return [by_id[row[0]] for row in rows if row[0] in by_id], rows[0][1], True


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
