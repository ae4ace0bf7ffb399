"""The library's one search: what /library/, /api/library/, the feeds, the bot and its FAQ all use.

Indexing. Each resource page gets a SearchEntry: its title, summary and body analysed in the
language they are written in, and its tags (stages, coarse phases, type, themes, regions, content
languages, countries and a case study's context) in all four interface languages, so that
"seleção de projetos" or "outreach" find a resource whatever language it is written in. The
entries are written whenever Wagtail indexes a page (`library.search_backend`), and by
`manage.py update_index`.

Matching. A query is analysed the same way (`library.analysis`): each content word becomes a
group of alternative terms. The database finds, per word and per field, the resources holding
it: SQLite's FTS5 or PostgreSQL's GIN-indexed tsvector. A resource matches when it holds any
word.

Ranking. Resources holding more of the query's words come first; among those, each word counts
its BM25 inverse document frequency times the weight of the fields it was found in (title above
summary and tags, above body). The score is computed here from the database's matches rather
than by FTS5's bm25() or PostgreSQL's ts_rank(), so that both databases rank alike.

Misspellings. A word no resource holds is replaced by the closest word of the index's vocabulary
(difflib), and the page offers "did you mean ...".
"""

import atexit
import difflib
import json
import logging
import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone, translation

from library import analysis
from library import cache as library_cache
from pbexchange.vocabulary import PHASES_OF_STAGE, Language, Region, Stage

FIELDS = ("title", "summary", "tags", "body")
# How much a word found in each field counts. Title first, then the practitioner summary and the
# curated tags, then the body.
FIELD_WEIGHTS = {"title": 3.0, "summary": 2.0, "tags": 2.0, "body": 1.0}
PG_WEIGHTS = {"title": "A", "summary": "B", "tags": "C", "body": "D"}
SUGGESTION_CUTOFF = 0.8
FOUND_MEMO = 64
_VOCABULARIES = {}
_INDEXED = set()
_FOUND = OrderedDict()
_FOUND_LOCK = threading.Lock()
_PENDING = {}  # (day, query, locale, channel) -> (searches, last result count or None, clicks)
_PENDING_LOCK = threading.Lock()
_FLUSHED_AT = [time.monotonic()]
logger = logging.getLogger(__name__)


# --- Indexing -----------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _labels(choices, language):
    with translation.override(language):
        return {value: str(label) for value, label in choices.choices}


@lru_cache(maxsize=512)
def _country_name(code, language):
    from django_countries import countries

    with translation.override(language):
        return str(countries.name(code))


def _text_language(page, source=None):
    """The language a page's own text is written in.

    A page of the French tree is French unless it is an alias of the English page (then English);
    a page whose content languages leave out its tree's language but name another of the four
    (a Spanish guide imported into the English tree) is in that one.
    """
    if source is None:
        source = page.alias_of.specific if page.alias_of_id else page
    language = analysis.language_of(source.locale.language_code)
    codes = [term.code for term in source.languages.all()]
    if codes and language not in codes:
        for code in codes:
            if code in analysis.LANGUAGES:
                return code
    return language


def _tag_text(page, language):
    """The labels of a page's tags in `language`."""
    from library.models import CONTEXT_ATTRIBUTES, ResourceType

    stages = [term.code for term in page.stages.all()]
    phases = {phase for stage in stages if stage in Stage.values for phase in PHASES_OF_STAGE[Stage(stage)]}
    parts = [_labels(Stage, language).get(stage, "") for stage in stages]
    parts += [_labels(type(phase), language)[phase.value] for phase in phases]
    parts.append(_labels(ResourceType, language).get(page.resource_type, ""))
    parts += [getattr(theme, f"name_{language}", "") or theme.name for theme in page.themes.all()]
    parts += [_labels(Region, language).get(term.code, "") for term in page.regions.all()]
    parts += [_labels(Language, language).get(term.code, "") for term in page.languages.all()]
    parts += [_country_name(code, language) for code in page.countries]
    for name, vocabulary in CONTEXT_ATTRIBUTES.items():
        if getattr(page, name):
            parts.append(_labels(vocabulary, language).get(getattr(page, name), ""))
    return ". ".join(part for part in parts if part)


def _body_text(page):
    body_field = page._meta.get_field("body")
    parts = [str(part) for part in body_field.get_searchable_content(page.body)]
    return " ".join([*parts, page.authors or ""])


def entry_for(page, source=None):
    """The (unsaved) SearchEntry of a resource page.

    An alias (an untranslated page in another language tree) is indexed from `source`, the page it
    shows: Wagtail copies an alias's tags only after saving it, when it is already being indexed.
    """
    from library.models import SearchEntry

    source = source or page
    language = _text_language(page, source)
    tags = {code: _tag_text(source, code) for code in analysis.LANGUAGES}
    tag_terms = [term for code, text in tags.items() for term in analysis.analyse(text, code)]
    surface = {
        word for text in (source.title, source.summary, *tags.values())
        for word in analysis.words(text)
        if len(word) > 3 and not word.isdigit() and not analysis.is_stop_word(word)
    }
    return SearchEntry(
        page_id=page.pk,
        locale_id=page.locale_id,
        title=" ".join(analysis.analyse(source.title, language)),
        summary=" ".join(analysis.analyse(source.summary, language)),
        tags=" ".join(tag_terms),
        body=" ".join(analysis.analyse(_body_text(source), language)),
        words=" ".join(sorted(surface)),
    )


def index_pages(pages):
    """Write the search entries of these resource pages (any language tree)."""
    from library.models import ResourcePage, SearchEntry

    ids = [page.pk for page in pages]
    if not ids:
        return
    pages = list(ResourcePage.objects.filter(pk__in=ids).select_related("locale")
                 .prefetch_related("languages", "stages", "themes", "regions"))
    sources = (ResourcePage.objects.select_related("locale")
               .prefetch_related("languages", "stages", "themes", "regions")
               .in_bulk({page.alias_of_id for page in pages if page.alias_of_id}))
    entries = [entry_for(page, sources.get(page.alias_of_id, page)) for page in pages]
    with transaction.atomic():
        SearchEntry.objects.filter(page_id__in=ids).delete()
        SearchEntry.objects.bulk_create(entries, batch_size=500)
    library_cache.renew_version()


def remove_pages(ids):
    from library.models import SearchEntry

    SearchEntry.objects.filter(page_id__in=list(ids)).delete()
    library_cache.renew_version()


def rebuild_index(*, batch_size=500):
    """Index every resource page again."""
    from library.models import ResourcePage, SearchEntry

    SearchEntry.objects.all().delete()
    ids = list(ResourcePage.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        index_pages([ResourcePage(pk=pk) for pk in ids[start:start + batch_size]])
    return len(ids)


# --- Matching and ranking -----------------------------------------------------------------------


@dataclass
class Found:
    """The resources of one language tree matching a query, with what the ranking needs."""

    words: list  # the QueryWords searched (corrections applied)
    ranks: dict = field(default_factory=dict)  # page id -> (words matched, score)
    suggestion: str = ""  # the query with misspelt words corrected, or ""

    def order(self, ids):
        """`ids` best first (ties: the order given)."""
        position = {pk: n for n, pk in enumerate(ids)}
        return sorted(ids, key=lambda pk: (*(-part for part in self.ranks.get(pk, (0, 0.0))),
                                           position[pk]))


def uses_library_index():
    """True unless Wagtail is switched to Elasticsearch/OpenSearch (then its ranking is used)."""
    return getattr(settings, "WAGTAILSEARCH_BACKEND", "database") == "database" and \
        connection.vendor in ("sqlite", "postgresql")


def _fts_group(word):
    alternatives = [f'"{term}"*' if term in word.prefixes else f'"{term}"' for term in word.terms]
    return "(" + " OR ".join(alternatives) + ")"


def _ts_group(word, weight=""):
    """A word's terms as a tsquery; with `weight`, only terms of that field (A-D) match."""
    parts = []
    for term in word.terms:
        if term in word.prefixes:
            parts.append(f"'{term}':*{weight}")
        else:
            parts.append(f"'{term}':{weight}" if weight else f"'{term}'")
    return " | ".join(parts)


def _field_hits(word, locale_id):
    """{page id: fields holding the word, as a FIELD_BITS mask} in one language tree."""
    hits = {}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in FIELDS:
                cursor.execute(
                    "SELECT rowid FROM library_searchentry_fts WHERE library_searchentry_fts MATCH %s",
                    [f'scope : "l{locale_id}" AND {name} : {_fts_group(word)}'],
                )
                bit = FIELD_BITS[name]
                for (page_id,) in cursor.fetchall():
                    hits[page_id] = hits.get(page_id, 0) | bit
        else:
            flags = ", ".join("document @@ to_tsquery('simple', %s)" for _name in FIELDS)
            cursor.execute(
                f"SELECT page_id, {flags} FROM library_searchentry "
                "WHERE locale_id = %s AND document @@ to_tsquery('simple', %s)",
                [*(_ts_group(word, PG_WEIGHTS[name]) for name in FIELDS), locale_id, _ts_group(word)],
            )
            for page_id, *found in cursor.fetchall():
                hits[page_id] = sum(FIELD_BITS[name] for name, hit in zip(FIELDS, found, strict=True) if hit)
    return hits


def ids_sql(ids):
    """(sql, params) of a subquery listing `ids`, passed as one parameter whatever their number."""
    if connection.vendor == "sqlite":
        return "SELECT value FROM json_each(%s)", [json.dumps(list(ids))]
    return "SELECT unnest(%s::integer[])", [list(ids)]


def field_score(fields):
    """How much finding a word in these fields counts: the best field, plus half of the others."""
    weights = sorted((FIELD_WEIGHTS[name] for name in fields), reverse=True)
    return weights[0] + 0.5 * sum(weights[1:]) if weights else 0.0


# field_score of every set of fields, by bit mask (title 1, summary 2, tags 4, body 8).
FIELD_BITS = {name: 1 << n for n, name in enumerate(FIELDS)}
MASK_SCORES = [field_score([name for name in FIELDS if mask & FIELD_BITS[name]])
               for mask in range(1 << len(FIELDS))]


def idf(matching, total):
    """BM25's inverse document frequency of a word held by `matching` of `total` documents."""
    return math.log(1 + (total - matching + 0.5) / (matching + 0.5))


def rank(hits_per_word, total):
    """{id: (words matched, score)} from each word's {id: FIELD_BITS mask} (see the module docstring).

    A word held by more than half of the documents ("budget" in a library about participatory
    budgeting) adds to the score but not to the count of words matched, so it cannot lift a
    resource above one holding the question's rarer words.
    """
    ranks = {}
    for hits in hits_per_word:
        weight = idf(len(hits), total)
        counted = 1 if 2 * len(hits) <= total else 0
        for pk, fields in hits.items():
            matched, score = ranks.get(pk, (0, 0.0))
            ranks[pk] = (matched + counted, score + weight * MASK_SCORES[fields])
    return ranks


def _vocabulary(locale_id):
    """The words (as written) of the titles, summaries and tags of one language tree."""
    from library.models import SearchEntry

    key = (library_cache.current_version(), locale_id)
    if key not in _VOCABULARIES:
        words = set()
        for text in SearchEntry.objects.filter(locale_id=locale_id).values_list("words", flat=True):
            words.update(text.split())
        _VOCABULARIES.clear()  # one vocabulary per tree and library version is enough
        _VOCABULARIES[key] = sorted(words)
    return _VOCABULARIES[key]


def suggest_word(word, vocabulary):
    """The closest word of `vocabulary` to a misspelt `word`, or None.

    difflib's ratio over the words of similar length rather than PostgreSQL's pg_trgm: it needs no
    database extension and answers the same on SQLite and PostgreSQL.
    """
    candidates = [known for known in vocabulary if abs(len(known) - len(word)) <= 2]
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=SUGGESTION_CUTOFF)
    return close[0] if close else None


def _find(q, locale_id, language):
    from library.models import SearchEntry

    words = analysis.parse_query(q, language=language)
    if not words:
        return Found(words=[])
    hits = [_field_hits(word, locale_id) for word in words]
    corrections = {}
    for n, word in enumerate(words):
        if hits[n] or len(word.text) < 4 or word.text.isdigit():
            continue
        better = suggest_word(word.text, _vocabulary(locale_id))
        if better and better != word.text:
            corrections[word.text] = better
            words[n] = analysis.query_word(better)
            hits[n] = _field_hits(words[n], locale_id)
    total = max(SearchEntry.objects.filter(locale_id=locale_id).count(), 1)
    suggestion = ""
    if corrections:
        suggestion = analysis.WORD.sub(lambda typed: corrections.get(typed[0], typed[0]), q.lower())
    return Found(words=words, ranks=rank(hits, total), suggestion=suggestion)


def ensure_indexed(locale_id):
    """Index the live resources of a tree that have no entry yet (once per library version).

    Pages are indexed when Wagtail indexes them, which a task worker may do later (pages created
    by a script or an import): a search never misses them meanwhile.
    """
    from library.models import ResourcePage, SearchEntry

    if (library_cache.current_version(), locale_id) in _INDEXED:
        return
    live = ResourcePage.objects.live().filter(locale_id=locale_id)
    if live.count() > SearchEntry.objects.filter(locale_id=locale_id).count():
        missing = list(live.exclude(pk__in=SearchEntry.objects.values("page_id"))
                       .values_list("pk", flat=True))
        for start in range(0, len(missing), 500):
            index_pages([ResourcePage(pk=pk) for pk in missing[start:start + 500]])
    if len(_INDEXED) > FOUND_MEMO:
        _INDEXED.clear()
    _INDEXED.add((library_cache.current_version(), locale_id))


def find(*, q, locale):
    """The resources of `locale`'s tree matching the query `q` (a Found).

    Kept per process for the library's current version (the last FOUND_MEMO queries): paging and
    facet clicks reuse the match; the shared cache keeps only the pages `search_resources` builds.
    """
    ensure_indexed(locale.pk)
    q = " ".join(str(q or "").split())[:200]
    key = (library_cache.current_version(), locale.pk, q.lower())
    with _FOUND_LOCK:
        found = _FOUND.get(key)
        if found is not None:
            _FOUND.move_to_end(key)
            return found
    found = _find(q, locale.pk, locale.language_code)
    with _FOUND_LOCK:
        _FOUND[key] = found
        while len(_FOUND) > FOUND_MEMO:
            _FOUND.popitem(last=False)
    return found


def rank_documents(*, q, documents, language):
    """Rank small in-memory documents (the bot's FAQ) for `q` exactly as resources are ranked.

    `documents` are (key, language, {field: text}) with fields among FIELDS. Returns
    [(key, words matched, score)] best first, leaving out documents that match no word.
    """
    words = analysis.parse_query(q, language=language)
    analysed = [(key, {name: set(analysis.analyse(text, lang)) for name, text in fields.items()})
                for key, lang, fields in documents]
    hits_per_word = []
    for word in words:
        hits = {}
        for key, fields in analysed:
            found_in = sum(FIELD_BITS[name] for name, terms in fields.items()
                           if any(word.matches(term) for term in terms))
            if found_in:
                hits[key] = found_in
        hits_per_word.append(hits)
    ranks = rank(hits_per_word, max(len(documents), 1))
    order = {key: n for n, (key, _lang, _fields) in enumerate(documents)}
    return sorted(((key, *ranks[key]) for key in ranks),
                  key=lambda row: (-row[1], -row[2], order[row[0]]))


# --- What people searched for (no personal data) -------------------------------------------------


def normalise_query(q):
    """The query as stored: lower case, single spaces, at most 200 characters."""
    return " ".join(str(q or "").lower().split())[:200]


def record_search(*, q, locale, channel, results):
    """Count one search of `q` today; keeps only the query, language, channel and result count."""
    _count(q, locale, channel, searches=1, results=results)


def record_click(*, q, locale, channel):
    """Count one result opened from today's search of `q`."""
    _count(q, locale, channel, clicks=1)


def _count(q, locale, channel, *, searches=0, results=None, clicks=0):
    # Counts gather in the process and reach the database at most every
    # LIBRARY_SEARCH_LOG_FLUSH_SECONDS (and when it exits): a search costs no database write.
    query = normalise_query(q)
    if not query:
        return
    key = (timezone.localdate(), query, locale, channel)
    with _PENDING_LOCK:
        before = _PENDING.get(key, (0, None, 0))
        _PENDING[key] = (before[0] + searches, before[1] if results is None else results,
                         before[2] + clicks)
        due = time.monotonic() - _FLUSHED_AT[0] >= getattr(settings, "LIBRARY_SEARCH_LOG_FLUSH_SECONDS", 30)
    if due:
        flush_search_records()


def flush_search_records():
    """Write the counts gathered in this process."""
    from library.models import SearchRecord

    with _PENDING_LOCK:
        pending = dict(_PENDING)
        _PENDING.clear()
        _FLUSHED_AT[0] = time.monotonic()
    for (day, query, locale, channel), (searches, results, clicks) in pending.items():
        match = {"day": day, "query": query, "locale": locale, "channel": channel}
        changes = {"searches": F("searches") + searches, "clicks": F("clicks") + clicks}
        if results is not None:
            changes["results"] = results
        if SearchRecord.objects.filter(**match).update(**changes):
            continue
        try:
            with transaction.atomic():
                SearchRecord.objects.create(**match, searches=searches, clicks=clicks,
                                            results=results or 0)
        except IntegrityError:  # another process created the row first
            SearchRecord.objects.filter(**match).update(**changes)


def _flush_at_exit():
    try:
        flush_search_records()
    except DatabaseError:
        logger.warning("library search counts of this process were lost at exit", exc_info=True)


atexit.register(_flush_at_exit)


@dataclass
class SearchGap:
    query: str
    locale: str
    channel: str
    searches: int
    results: int
    clicks: int


def search_gaps(*, days=30, limit=200):
    """(found nothing, nobody opened a result) over the last `days` days, most searched first.

    Searches through the API are listed when they found nothing; clicks are only counted on the
    website and in the bot, so only those appear as unopened.
    """
    from library.models import SearchChannel, SearchRecord

    flush_search_records()
    since = timezone.localdate() - timedelta(days=days - 1)
    searched = Q(searches__gt=0)
    rows = (SearchRecord.objects.filter(day__gte=since)
            .values("query", "locale", "channel")
            .annotate(total=Sum("searches"), opened=Sum("clicks"),
                      empty=Count("pk", filter=searched & Q(results=0)),
                      days=Count("pk", filter=searched),
                      found=Sum("results", filter=searched))
            .filter(total__gt=0)
            .order_by("-total", "query"))
    nothing, unopened = [], []
    for row in rows:
        # Days with searches; a day with only clicks (its searches counted elsewhere) is left out.
        gap = SearchGap(row["query"], row["locale"], row["channel"], row["total"],
                        (row["found"] or 0) // max(row["days"], 1), row["opened"])
        if row["empty"] == row["days"]:
            nothing.append(gap)
        elif not row["opened"] and row["channel"] != SearchChannel.API:
            unopened.append(gap)
    return nothing[:limit], unopened[:limit]


def purge_search_records(*, days=None):
    """Delete the search counts older than `days` (default LIBRARY_SEARCH_LOG_DAYS); returns how many."""
    from library.models import SearchRecord

    days = days if days is not None else getattr(settings, "LIBRARY_SEARCH_LOG_DAYS", 90)
    cutoff = timezone.localdate() - timedelta(days=days)
    deleted, _by_model = SearchRecord.objects.filter(day__lt=cutoff).delete()
    return deleted
