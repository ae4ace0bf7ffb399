"""Bring a collection of resources in from CSV, and take the library out in the same format.

The command (`manage.py import_resources`/`export_resources`) and the admin's "Import resources"
page share this module. One row is one resource of the default language tree:

    title,summary,body,languages,regions,stages,type,themes,publication_date,authors,url,reviewed,
    political_structure,state_capacity,territorial_level,decision_model,resources,country,
    population,years_running

Multi-valued cells are separated by ";". Vocabulary values may be written as their slug or as their
label in English, French, Spanish or Portuguese, in any case and with or without accents; themes by
slug or by their name in any of the four languages. Every row is checked with the page model's own
validation (`full_clean`) before anything is written; good rows are created or updated and
published, bad rows are reported with their line number. A row updates the resource with the same
link (`url`) when it has one, else the resource with the same title and publication date, so
importing a file again creates no duplicates. New resources appear in the other language trees as
aliases, as pages created in the admin do, and are indexed for search at once.
"""

import csv
import datetime
import html
import io
import re
import unicodedata
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pbexchange.csv_reports import check_columns
from pbexchange.places import PlaceError, parse_country
from pbexchange.vocabulary import Language, Region, Stage

COLUMNS = ("title", "summary", "body", "languages", "regions", "stages", "type", "themes",
           "publication_date", "authors", "url", "reviewed")
CONTEXT_COLUMNS = ("political_structure", "state_capacity", "territorial_level", "decision_model",
                   "resources", "country", "population", "years_running")
ALL_COLUMNS = COLUMNS + CONTEXT_COLUMNS
REQUIRED_COLUMNS = ("title", "summary", "languages", "type", "publication_date")
LIST_COLUMNS = {"languages": Language, "regions": Region, "stages": Stage}
# Read only for case studies: the other types do not carry the context of a PB process.
CASE_STUDY_ONLY = ("political_structure", "state_capacity", "territorial_level", "decision_model",
                   "resources", "population", "years_running")
# Model field -> CSV column, so that the model's own messages name the column the host wrote.
COLUMN_OF_FIELD = {"resource_type": "type", "external_url": "url", "countries": "country",
                   "reviewed_by": "reviewed", "title": "title"}
TRUE = {"yes", "y", "true", "1", "oui", "vrai", "si", "verdadero", "sim", "verdadeiro", "x"}
FALSE = {"no", "n", "false", "0", "non", "faux", "falso", "nao", ""}
DEFAULT_REVIEWER = "Research board"
BATCH = 100  # rows per transaction: SQLite writes fast inside one, and the site is not locked out long


PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "‐": "-"})


def fold(text):
    """Text to compare without case, accents or doubled spaces ("Sélection  DES" is "selection des")."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold().translate(PUNCTUATION))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


# --- Reading values ---------------------------------------------------------------------------------


class Vocabularies:
    """Slug lookups for every vocabulary column, from the slugs and the labels in the four languages."""

    def __init__(self):
        from library.models import (
            CONTEXT_ATTRIBUTES,
            ResourceLanguage,
            ResourceRegion,
            ResourceStage,
            ResourceType,
            Theme,
        )

        self.choices = {**LIST_COLUMNS, "type": ResourceType, **CONTEXT_ATTRIBUTES}
        self.tables = {column: self._table(choices.choices) for column, choices in self.choices.items()}
        themes = list(Theme.objects.all())
        self.themes = {theme.slug: theme for theme in themes}
        self.theme_choices = [(theme.slug, name) for theme in themes
                              for name in (theme.name, theme.name_fr, theme.name_es, theme.name_pt) if name]
        self.tables["themes"] = self._table(self.theme_choices)
        self.terms = {"themes": self.themes}  # column -> slug -> the row pages are tagged with
        for column, model in (("languages", ResourceLanguage), ("regions", ResourceRegion),
                              ("stages", ResourceStage)):
            self.terms[column] = model.objects.in_bulk()

    @staticmethod
    def _table(choices):
        table = {}
        labelled = []
        for language in ("en", "fr", "es", "pt"):
            with translation.override(language):
                labelled += [(slug, str(label)) for slug, label in choices]
        for slug, label in labelled:
            key = fold(label)
            # A label that names two different values in some language is only read as its slug.
            table[key] = slug if table.get(key, slug) == slug else None
        table.update({fold(slug): slug for slug, _label in choices})
        return table

    def slug(self, column, value):
        slug = self.tables[column].get(fold(value))
        if slug is None:
            allowed = self.themes if column == "themes" else self.choices[column].values
            raise ValidationError(_("%(column)s: “%(value)s” is not one of %(allowed)s.") % {
                "column": column, "value": value, "allowed": ", ".join(allowed)})
        return slug

    def slugs(self, column, value):
        return list(dict.fromkeys(self.slug(column, part.strip()) for part in value.split(";")
                                  if part.strip()))


DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y%m%d")


def parse_date(value):
    """A publication date written as 2024-03-31 (ISO) or day first: 31/03/2024, 31.03.2024, 31-03-2024."""
    text = value.strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    try:
        return datetime.datetime.fromisoformat(text).date()
    except ValueError:
        raise ValidationError(_("publication_date: “%(value)s” is not a date; write it as 2024-03-31 "
                                "or 31/03/2024 (day first).") % {"value": value}) from None


def parse_boolean(column, value):
    word = fold(value)
    if word not in TRUE | FALSE:
        raise ValidationError(_("%(column)s: use yes or no, not “%(value)s”.")
                              % {"column": column, "value": value})
    return word in TRUE


def parse_whole_number(column, value):
    text = re.sub(r"[\s,'_\u00a0\u202f]", "", value)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):  # 1.200.000, as many countries write it
        text = text.replace(".", "")
    if not text.isdigit():
        raise ValidationError(_("%(column)s: “%(value)s” is not a whole number.")
                              % {"column": column, "value": value})
    return int(text)


# --- Bodies -------------------------------------------------------------------------------------------

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]
CALLOUT_FEATURES = ["bold", "italic", "link"]
HTML_BODY = re.compile(r"\s*<(p|h[1-6]|ul|ol|blockquote|aside|div)[\s>]", re.IGNORECASE)
BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


def _clean_rich_text(markup, features):
    """HTML reduced to what the editor allows (Wagtail's own converter): no scripts, no styles."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    converter = ContentstateConverter(features=features)
    return BLOCK_KEY.sub("", converter.to_database_format(converter.from_database_format(markup)))


def parse_body(text):
    """StreamField blocks from a body cell.

    Plain text becomes one paragraph per blank-line-separated chunk (single line breaks kept). HTML
    (what `export_resources` writes) keeps its blocks: <h2> a heading, <blockquote> a quote,
    <aside class="tip|pitfall"> a callout, anything else paragraphs.
    """
    text = (text or "").strip()
    if not text:
        return []
    if not HTML_BODY.match(text):
        chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
        return [{"type": "paragraph",
                 "value": "<p>" + "<br/>".join(html.escape(line) for line in chunk.split("\n")) + "</p>"}
                for chunk in chunks if chunk]
    from bs4 import BeautifulSoup, NavigableString

    blocks = []
    for node in BeautifulSoup(text, "html.parser").contents:
        if isinstance(node, NavigableString):
            if node.strip():
                blocks.append({"type": "paragraph", "value": f"<p>{html.escape(node.strip())}</p>"})
            continue
        name = node.name.lower()
        if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            blocks.append({"type": "heading", "value": node.get_text(" ", strip=True)})
        elif name == "blockquote":
            blocks.append({"type": "quote", "value": node.get_text(" ", strip=True)})
        elif name == "aside":
            kind = "pitfall" if "pitfall" in (node.get("class") or []) else "tip"
            inner = node.decode_contents().strip()
            if not HTML_BODY.match(inner):
                inner = f"<p>{inner}</p>"
            blocks.append({"type": "callout",
                           "value": {"kind": kind, "text": _clean_rich_text(inner, CALLOUT_FEATURES)}})
        else:
            cleaned = _clean_rich_text(str(node) if name in ("p", "ul", "ol") else f"<p>{node}</p>",
                                       PARAGRAPH_FEATURES)
            if cleaned.strip():
                blocks.append({"type": "paragraph", "value": cleaned})
    return blocks


def body_html(page):
    """The body as HTML blocks that `parse_body` reads back into the same blocks."""
    from wagtail.rich_text import expand_db_html

    parts = []
    for block in page.body:
        if block.block_type == "paragraph":
            parts.append(expand_db_html(block.value.source))
        elif block.block_type == "heading":
            parts.append(f"<h2>{html.escape(block.value)}</h2>")
        elif block.block_type == "quote":
            parts.append(f"<blockquote>{html.escape(block.value)}</blockquote>")
        elif block.block_type == "callout":
            parts.append(f'<aside class="{block.value["kind"]}">'
                         f'{expand_db_html(block.value["text"].source)}</aside>')
    return "\n".join(parts)


# --- Rows ---------------------------------------------------------------------------------------------


@dataclass
class Row:
    """One checked row: the page's field values and its tags, ready to save."""

    line: int
    fields: dict
    tags: dict  # languages/regions/stages/themes -> slugs
    page: object = None  # the existing resource it updates, if any
    matched_by: str = ""  # "url" or "title and date"
    action: str = "create"  # create, update or unchanged
    notes: list = field(default_factory=list)

    @property
    def title(self):
        return self.fields["title"]


def parse_row(row, vocabularies, notes):
    """Field values and tags from one CSV row (dict of column -> text); raises ValidationError listing
    every problem. How a value was read, when worth saying, is appended to `notes`."""
    problems, fields, tags = [], {}, {}

    def cell(column):
        return (row.get(column) or "").strip()

    for column in REQUIRED_COLUMNS:
        if not cell(column):
            problems.append(_("%(column)s: this column is required.") % {"column": column})
    fields["title"] = cell("title")
    fields["summary"] = cell("summary").replace("\r\n", "\n")
    fields["authors"] = cell("authors")
    for column, model_field, read in (
        ("type", "resource_type", lambda value: vocabularies.slug("type", value)),
        ("publication_date", "publication_date", parse_date),
        ("reviewed", "reviewed", lambda value: parse_boolean("reviewed", value)),
        ("body", "body", parse_body),
    ):
        try:
            if cell(column) or column == "reviewed":
                fields[model_field] = read(cell(column))
        except ValidationError as error:
            problems.extend(error.messages)
    url = cell("url")
    if url.lower().startswith("www."):
        url = f"https://{url}"
        notes.append(_("url: read as %(url)s.") % {"url": url})
    fields["external_url"] = url
    for column in (*LIST_COLUMNS, "themes"):
        try:
            tags[column] = vocabularies.slugs(column, cell(column))
        except ValidationError as error:
            problems.extend(error.messages)
    try:
        countries = []
        for part in cell("country").split(";"):
            if part.strip():
                countries.append(parse_country(part))
        fields["countries"] = list(dict.fromkeys(countries))
    except PlaceError as error:
        problems.append(f"country: {error}")
    is_case_study = fields.get("resource_type") == "case-study"
    ignored = []
    for column in CASE_STUDY_ONLY:
        value = cell(column)
        if not is_case_study:
            fields[column] = None if column in ("population", "years_running") else ""
            if value:
                ignored.append(column)
            continue
        try:
            if column in ("population", "years_running"):
                fields[column] = parse_whole_number(column, value) if value else None
            else:
                fields[column] = vocabularies.slug(column, value) if value else ""
        except ValidationError as error:
            problems.extend(error.messages)
    if ignored and "resource_type" in fields:
        notes.append(_("%(columns)s: ignored, only a case study carries the context of a PB process.")
                     % {"columns": ", ".join(ignored)})
    if problems:
        raise ValidationError(problems)
    return fields, tags


def _model_messages(error):
    return [message if name == "__all__" else f"{COLUMN_OF_FIELD.get(name, name)}: {message}"
            for name, messages in error.message_dict.items() for message in messages]


def _apply(page, row):
    """Set the row's values on a page (the reviewer is kept, or named when a file says "reviewed")."""
    for name, value in row.fields.items():
        setattr(page, name, value)
    if page.reviewed:
        page.reviewed_by = page.reviewed_by or DEFAULT_REVIEWER
    else:
        page.reviewed_by, page.reviewed_on = "", None


def _state(page):
    """What an import can change on a page, to tell an update from a row that changes nothing."""
    values = {name: getattr(page, name) for name in (
        "title", "summary", "resource_type", "publication_date", "authors", "external_url", "reviewed",
        "reviewed_by", *CASE_STUDY_ONLY)}
    values["countries"] = [str(country) for country in page.countries]
    values["body"] = [(block.block_type, block.block.get_prep_value(block.value)) for block in page.body]
    values["languages"] = sorted(term.pk for term in page.languages.all())
    values["regions"] = sorted(term.pk for term in page.regions.all())
    values["stages"] = sorted(term.pk for term in page.stages.all())
    values["themes"] = sorted(theme.slug for theme in page.themes.all())
    return values


def _set_tags(page, row, vocabularies):
    for column in (*LIST_COLUMNS, "themes"):
        setattr(page, column, [vocabularies.terms[column][slug] for slug in row.tags[column]])


def _validate(page, row):
    """The page model's own checks (lengths, URLs, a case study's context, the reviewer...)."""
    problems = []
    try:
        page.full_clean(exclude=["path", "depth", "slug", "url_path", "draft_title", "content_type",
                                 "locale", "translation_key"])
    except ValidationError as error:
        problems += _model_messages(error)
    if not row.tags["languages"]:
        problems.append(_("languages: give at least one content language."))
    if problems:
        raise ValidationError(problems)


# --- Importing ----------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)
    warnings: list[str] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line number, how a value was read)
    rows: list[Row] = field(default_factory=list)  # the good rows, in file order
    saved: bool = False

    @property
    def imported(self):
        return self.created + self.updated + self.unchanged


def _key(title, date):
    return fold(title), date


def _existing_resources(index):
    """The resources already in the library, by link and by (title, publication date)."""
    from library.models import ResourcePage

    by_url, by_title = {}, {}
    for page in (ResourcePage.objects.child_of(index).filter(alias_of__isnull=True).order_by("path")
                 .prefetch_related("languages", "regions", "stages", "themes")):
        for url in (page.external_url, page.video_url):
            if url:
                by_url.setdefault(url.strip(), page)
        by_title.setdefault(_key(page.title, page.publication_date), page)
    return by_url, by_title


def library_index():
    """The library of the default language tree, where imported resources go."""
    from wagtail.models import Locale

    from library.models import ResourceIndexPage

    return ResourceIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()


def check_resources(csv_text) -> ImportReport:
    """Read and check every row without writing anything: the preview of `import_resources`."""
    report = ImportReport()
    index = library_index()
    if index is None:
        report.errors.append((1, _("the site has no resource library to import into; create it "
                                   "first (Pages → Home → add a resource library).")))
        return report
    # csv.reader rather than DictReader: it yields blank lines too, so each row's first line is known.
    reader = csv.reader(io.StringIO(csv_text.lstrip("\ufeff"), newline=""))
    try:
        columns = [(c or "").strip().lower() for c in next(reader, [])]
    except csv.Error as error:
        report.errors.append((reader.line_num or 1, _("the file cannot be read as CSV (%(error)s).")
                              % {"error": error}))
        return report
    if not check_columns(columns, required=REQUIRED_COLUMNS, known=ALL_COLUMNS, report=report):
        return report
    vocabularies = Vocabularies()
    by_url, by_title = _existing_resources(index)
    seen, claimed = {}, {}
    while True:
        line = reader.line_num + 1  # where the next row starts (a cell may span several lines)
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            report.errors.append((line, _("the file cannot be read as CSV (%(error)s).") % {"error": error}))
            break
        raw = dict(zip(columns, cells, strict=False))  # a short row leaves its last cells empty
        if not any((value or "").strip() for value in raw.values() if isinstance(value, str)):
            continue  # a blank line
        try:
            if len(cells) > len(columns):
                raise ValidationError(_("the row has more cells than the header has columns."))
            row = _check_row(line, raw, vocabularies, by_url, by_title)
            key = row.fields["external_url"] or _key(row.title, row.fields["publication_date"])
            earlier = seen.get(key) or (claimed.get(row.page.pk) if row.page else None)
            if earlier:
                raise ValidationError(_("this is the same resource as line %(line)s.") % {"line": earlier})
        except ValidationError as error:
            report.errors.append((line, " ".join(error.messages)))
            continue
        seen[key] = line
        if row.page:
            claimed[row.page.pk] = line
        report.notes.extend((line, note) for note in row.notes)
        report.rows.append(row)
    return report


def _check_row(line, raw, vocabularies, by_url, by_title):
    """A checked Row for one CSV row, matched with the resource it updates; raises ValidationError."""
    from library.models import ResourcePage

    notes = []
    fields, tags = parse_row(raw, vocabularies, notes)
    row = Row(line=line, fields=fields, tags=tags, notes=notes)
    url = fields["external_url"]
    if url and url in by_url:
        row.page, row.matched_by = by_url[url], "url"
    elif (existing := by_title.get(_key(row.title, fields["publication_date"]))) is not None:
        row.page, row.matched_by = existing, "title"
    # The checks run on a copy, so that a refused row leaves the existing page as it was.
    candidate = ResourcePage()
    if row.page is not None:
        candidate.reviewed_by, candidate.reviewed_on = row.page.reviewed_by, row.page.reviewed_on
    _apply(candidate, row)
    _set_tags(candidate, row, vocabularies)
    _validate(candidate, row)
    if row.page is not None:
        row.action = "unchanged" if _state(candidate) == _state(row.page) else "update"
    return row


def _unique_slug(title, taken):
    base = slugify(title, allow_unicode=True)[:200].strip("-") or "resource"
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


def import_resources(csv_text, *, user=None, progress=None) -> ImportReport:
    """Check every row, then create or update and publish the good ones; see the module docstring.

    `progress(done, total, stage="saving")` is called as rows are saved, then once with
    stage="indexing" before the search index is updated.
    """
    report = check_resources(csv_text)
    save_resources(report, user=user, progress=progress)
    return report


def save_resources(report, *, user=None, progress=None):
    """Write the good rows of a checked report: create or update and publish, alias, index."""
    from library.models import ResourcePage

    index = library_index()
    vocabularies = Vocabularies()
    taken = set(ResourcePage.objects.child_of(index).values_list("slug", flat=True))
    rows, indexed, failed = report.rows, [], []
    done = 0
    for start in range(0, len(rows), BATCH):
        batch = rows[start:start + BATCH]
        with transaction.atomic():
            new = [row for row in batch if row.action == "create"]
            if new:
                indexed += create_resources(new, index=index, vocabularies=vocabularies, taken=taken,
                                            user=user)
            for row in batch:
                if row.action != "update":
                    continue
                try:
                    with transaction.atomic():
                        indexed.append(_update_resource(row, vocabularies, user))
                except (ValidationError, IntegrityError) as error:
                    messages = error.messages if isinstance(error, ValidationError) else [str(error)]
                    report.errors.append((row.line, " ".join(messages)))
                    failed.append(row)
        done += len(batch)
        if progress:
            progress(done, len(rows))
    report.rows = [row for row in rows if row not in failed]
    report.errors.sort(key=lambda error: error[0])
    report.created = sum(row.action == "create" for row in report.rows)
    report.updated = sum(row.action == "update" for row in report.rows)
    report.unchanged = sum(row.action == "unchanged" for row in report.rows)
    if indexed:
        if progress:
            progress(len(rows), len(rows), stage="indexing")
        _index_for_search(indexed)
    report.saved = True
    return report


def _index_for_search(sources):
    """Index the imported resources and their aliases now, as load_demo does: publishing may only
    queue the update (the database task backend), and new resources are not published through
    Wagtail at all."""
    from modelsearch.tasks import insert_or_update_object_task
    from wagtail.search.backends import get_search_backend

    from library import cache as library_cache
    from library import search
    from library.models import ResourcePage, SearchEntry

    sources = list(ResourcePage.objects.filter(pk__in=[page.pk for page in sources]))
    aliases = list(ResourcePage.objects.filter(alias_of__in=sources).only("pk", "alias_of", "locale"))
    get_search_backend().add_bulk(ResourcePage, sources)
    if search.uses_library_index():
        # An alias shows its source's text and tags, so its library entry is the source's with
        # another page and tree; copied rather than analysed again, which would cost more than the
        # whole import.
        entries = SearchEntry.objects.in_bulk([page.pk for page in sources])
        copies = []
        for alias in aliases:
            entry = entries.get(alias.alias_of_id)
            if entry is not None:
                entry.pk, entry.locale_id = alias.pk, alias.locale_id
                copies.append(SearchEntry(**{f.attname: getattr(entry, f.attname)
                                             for f in SearchEntry._meta.concrete_fields}))
        with transaction.atomic():
            SearchEntry.objects.filter(page_id__in=[alias.pk for alias in aliases]).delete()
            SearchEntry.objects.bulk_create(copies, batch_size=500)
    # Wagtail's own index of the aliases (the admin's page search) follows through the task queue.
    for alias in aliases:
        insert_or_update_object_task.enqueue("library", "resourcepage", alias.pk)
    library_cache.renew_version()


def _update_resource(row, vocabularies, user):
    from library.models import ResourcePage

    page = ResourcePage.objects.get(pk=row.page.pk)
    _apply(page, row)
    _set_tags(page, row, vocabularies)
    page.save_revision(user=user, log_action=True).publish(user=user)  # aliases follow
    return page


def create_resources(rows, *, index, vocabularies, taken, user=None):
    """Create and publish the resources of checked rows under `index`, with their aliases.

    Wagtail's add_child, save_revision, publish and one copy_for_translation per language cost
    about half a second per resource, so a collection of a thousand would take many minutes. This
    writes the same rows Wagtail writes (tree paths, the page and its resource row, a published
    revision, the tags, log entries, an alias in every language tree synchronised from this one)
    with a few bulk inserts. The rows were validated with the model's full_clean beforehand.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, PageLogEntry, Revision

    from library.models import ResourcePage

    now = timezone.now()
    page_type = ContentType.objects.get_for_model(ResourcePage)
    base_type = ContentType.objects.get_for_model(Page)
    pages = []
    for row in rows:
        page = ResourcePage(content_type=page_type, locale_id=index.locale_id, translation_key=uuid.uuid4(),
                            live=True, has_unpublished_changes=False, first_published_at=now,
                            last_published_at=now, latest_revision_created_at=now, owner=user)
        _apply(page, row)
        _set_tags(page, row, vocabularies)
        page.slug = _unique_slug(row.title, taken)
        page.draft_title = page.title
        pages.append(page)
    _insert_pages(index, pages)
    revisions = Revision.objects.bulk_create([
        Revision(content_type_id=page_type.pk, base_content_type_id=base_type.pk, object_id=str(page.pk),
                 created_at=now, user=user, object_str=page.title, content=page.serializable_data())
        for page in pages])
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision_id = page.live_revision_id = revision.pk
    Page.objects.bulk_update(pages, ["latest_revision", "live_revision"])
    PageLogEntry.objects.bulk_create([
        PageLogEntry(content_type_id=page_type.pk, label=page.title, action=action, timestamp=now,
                     user=user, page_id=page.pk, revision_id=revision_id, data={}, content_changed=True)
        for page in pages
        for action, revision_id in (("wagtail.create", None), ("wagtail.publish", page.live_revision_id))])
    _insert_aliases(index, pages)
    return pages


# As Wagtail's create_alias: an alias has no revisions of its own but points at its source's live one.
ALIAS_EXCLUDED = {"id", "page_ptr_id", "path", "depth", "numchild", "url_path", "latest_revision_id",
                  "locale_id", "alias_of_id"}


def _insert_aliases(index, pages):
    """Aliases of new pages in each language tree synchronised from the index's tree (wagtail-localize)."""
    from django.apps import apps

    if not apps.is_installed("wagtail_localize"):
        return
    from wagtail_localize.models import LocaleSynchronization
    from wagtail_localize.synctree import create_aliases_for_new_page

    from library.models import ResourcePage

    fields = [f.attname for f in ResourcePage._meta.concrete_fields if f.attname not in ALIAS_EXCLUDED]
    for sync in LocaleSynchronization.objects.filter(sync_from_id=index.locale_id).select_related("locale"):
        parent = index.get_translation_or_none(sync.locale)
        if parent is None:  # the library itself is not in that tree yet: Wagtail's own way copies it
            for page in pages:
                create_aliases_for_new_page(page)
            return
        taken = set(parent.get_children().values_list("slug", flat=True))
        aliases = []
        for page in pages:
            alias = ResourcePage(**{name: getattr(page, name) for name in fields})
            alias.alias_of_id, alias.locale_id = page.pk, sync.locale_id
            alias.slug = _unique_slug(page.slug, taken) if page.slug in taken else page.slug
            taken.add(alias.slug)
            for column in (*LIST_COLUMNS, "themes"):
                setattr(alias, column, list(getattr(page, column).all()))
            aliases.append(alias)
        _insert_pages(parent, aliases)


def _insert_pages(parent, pages):
    """Insert new pages as the last children of `parent`: treebeard paths, both tables, the tags."""
    from wagtail.models import Page

    from library.models import ResourcePage

    parent = Page.objects.get(pk=parent.pk)
    last = (Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path").values_list("path", flat=True).first())
    step = Page._str2int(last[-Page.steplen:]) if last else 0
    for page in pages:
        step += 1
        page.path = Page._get_path(parent.path, parent.depth + 1, step)
        page.depth, page.numchild = parent.depth + 1, 0
        page.url_path = f"{parent.url_path}{page.slug}/"
    base_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
    bases = Page.objects.bulk_create([Page(**{name: getattr(page, name) for name in base_fields})
                                      for page in pages])
    for page, base in zip(pages, bases, strict=True):
        page.id = page.page_ptr_id = base.pk
    # Django's bulk_create refuses multi-table models; the base rows are in, so insert the resource
    # rows the way bulk_create would.
    ResourcePage._base_manager._insert(pages, fields=ResourcePage._meta.local_concrete_fields)
    for page in pages:
        page._state.adding = False
        page._state.db = "default"
    for name in (*LIST_COLUMNS, "themes"):
        relation = ResourcePage._meta.get_field(name)
        through = relation.remote_field.through
        through.objects.bulk_create([
            through(**{relation.m2m_column_name(): page.pk, relation.m2m_reverse_name(): term.pk})
            for page in pages for term in getattr(page, name).all()])
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))


# --- Exporting ----------------------------------------------------------------------------------------


def export_row(page):
    """The CSV row of a resource: the format `import_resources` reads."""
    case_study = page.resource_type == "case-study"
    row = {
        "title": page.title,
        "summary": page.summary,
        "body": body_html(page),
        "languages": ";".join(sorted(term.pk for term in page.languages.all())),
        "regions": ";".join(sorted(term.pk for term in page.regions.all())),
        "stages": ";".join(sorted(term.pk for term in page.stages.all())),
        "type": page.resource_type,
        "themes": ";".join(sorted(theme.slug for theme in page.themes.all())),
        "publication_date": page.publication_date.isoformat(),
        "authors": page.authors,
        "url": page.external_url or page.video_url,
        "reviewed": "yes" if page.reviewed else "no",
        "country": ";".join(str(country) for country in page.countries),
    }
    for column in CASE_STUDY_ONLY:
        value = getattr(page, column) if case_study else None
        row[column] = "" if value is None else str(value)
    return row


def export_resources(out):
    """Write every live resource of the default language tree as CSV to the text stream `out`;
    returns how many were written (translations and aliases are not exported)."""
    from library.models import ResourcePage

    index = library_index()
    writer = csv.DictWriter(out, fieldnames=ALL_COLUMNS, lineterminator="\n")
    writer.writeheader()
    if index is None:
        return 0
    pages = (ResourcePage.objects.child_of(index).live().filter(alias_of__isnull=True).order_by("path")
             .prefetch_related("languages", "regions", "stages", "themes"))
    count = 0
    for page in pages.iterator(chunk_size=500):
        writer.writerow(export_row(page))
        count += 1
    return count
