"""A host's collection comes in through import_resources (command and admin) and goes out through
export_resources in the same format."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

pytestmark = pytest.mark.django_db

HEADER = ("title,summary,body,languages,regions,stages,type,themes,publication_date,authors,url,reviewed,"
          "political_structure,state_capacity,territorial_level,decision_model,resources,country,population,"
          "years_running")


def csv_text(*rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER.split(","))
    columns = HEADER.split(",")
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return out.getvalue()


def guide(title, **cells):
    return {"title": title, "summary": "A practical resource for PB teams.", "languages": "en",
            "regions": "global", "stages": "outreach", "type": "guide", "publication_date": "2024-03-01",
            **cells}


@pytest.fixture
def library(home_page):
    """An empty library in the English tree, with the other trees synchronised as on the real site."""
    from home.demo import synchronize_locales
    from library.models import ResourceIndexPage

    index = ResourceIndexPage(title="Library", slug="library")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    synchronize_locales(stdout=io.StringIO())
    return index


def run_import(path, text):
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    call_command("import_resources", str(path), stdout=out)
    return out.getvalue()


def english_resources():
    from library.models import ResourcePage

    return ResourcePage.objects.filter(locale__language_code="en", alias_of__isnull=True)


def test_good_rows_are_imported_and_bad_rows_reported_with_their_line(library, tmp_path, client):
    from wagtail.models import Page

    from library.models import ResourcePage
    from library.selectors import search_resources

    text = csv_text(
        guide("Door-to-door outreach in winter",
              body="First paragraph about knocking on doors.\n\nSecond paragraph: what to say.",
              url="https://example.org/door-to-door", reviewed="yes", themes="outreach-marginalised-groups"),
        guide("Too long", summary="x" * 601),  # line 5: the body above spans lines 2 to 4
        guide("Case study without its context", type="case-study"),
        guide("Bad date", publication_date="31 Febtember"),
        guide("Unknown stage", stages="outreach;dancing"),
        {**guide("Porto Alegre assemblies", type="case-study", political_structure="new-democracy",
                 state_capacity="medium", territorial_level="municipal", decision_model="binding",
                 resources="project-and-operational", country="Brasil", population="1,330,000",
                 years_running="28")},
        guide("No language", languages=""),  # line 10
    )
    output = run_import(tmp_path / "collection.csv", text)

    assert "2 resources created, 0 updated, 0 unchanged, 5 rows rejected" in output
    assert "line 5: summary: Ensure this value has at most 600 characters (it has 601)." in output
    assert "line 6: political_structure: A case study needs its full context." in output
    assert "line 7: publication_date: “31 Febtember” is not a date" in output
    assert "line 8: stages: “dancing” is not one of" in output
    assert "line 10: languages: this column is required." in output
    assert set(english_resources().values_list("title", flat=True)) == {
        "Door-to-door outreach in winter", "Porto Alegre assemblies"}

    door = english_resources().get(title="Door-to-door outreach in winter")
    assert door.live and door.external_url == "https://example.org/door-to-door"
    assert door.reviewed and door.reviewed_by
    assert [block.block_type for block in door.body] == ["paragraph", "paragraph"]
    assert "Second paragraph: what to say." in str(door.body[1].value)
    case = english_resources().get(title="Porto Alegre assemblies")
    assert (list(case.countries), case.population, case.years_running) == (["BR"], 1330000, 28)

    # Real Wagtail pages: a sound tree, a published revision, an alias in every other language.
    assert all(not problems for problems in Page.find_problems())
    assert door.live_revision is not None and door.live_revision.as_object().title == door.title
    assert sorted(door.aliases.values_list("locale__language_code", flat=True)) == ["es", "fr", "pt"]
    assert {alias.live_revision_id for alias in door.aliases.all()} == {door.live_revision_id}
    assert ResourcePage.objects.filter(alias_of__isnull=False).count() == 6
    assert client.get(door.url).status_code == 200
    assert client.get("/fr/library/door-to-door-outreach-in-winter/").status_code == 200
    # ... and found by the library's search at once, in every tree.
    from wagtail.models import Locale

    for code in ("en", "fr"):
        found = search_resources(q="knocking doors", locale=Locale.objects.get(language_code=code))
        assert [page.title for page in found.results] == ["Door-to-door outreach in winter"], code


def test_labels_in_french_spanish_and_portuguese_are_read(library, tmp_path):
    text = csv_text(
        guide("Sélection en français", stages="Sélection des projets; MOBILISATION ET ENGAGEMENT CITOYEN",
              type="Support de formation", regions="Amérique latine et Caraïbes",
              themes="Participation numérique;MANDAT IMPOSE D’EN HAUT", languages="Français;espagnol",
              reviewed="oui"),
        guide("Selección en español", stages="seleccion de proyectos", type="Estudio de caso",
              regions="América Latina y el Caribe", political_structure="Democracia reciente",
              state_capacity="débil", territorial_level="Municipal", decision_model="Consultivo",
              resources="Solo fondos para proyectos", country="Estados Unidos", reviewed="no"),
        guide("Seleção em português", stages="Seleção de projetos", type="material de formacao",
              regions="america latina e caraibas", themes="Monitoramento e avaliação",
              languages="Português", reviewed="sim", publication_date="15/04/2023"),
    )
    output = run_import(tmp_path / "labels.csv", text)
    assert "3 resources created, 0 updated, 0 unchanged, 0 rows rejected" in output, output

    french = english_resources().get(title="Sélection en français")
    assert sorted(s.code for s in french.stages.all()) == ["outreach", "project-selection"]
    assert french.resource_type == "training" and french.reviewed
    assert [r.code for r in french.regions.all()] == ["latin-america"]
    assert sorted(t.slug for t in french.themes.all()) == ["digital-participation", "top-down-mandate"]
    assert sorted(language.code for language in french.languages.all()) == ["es", "fr"]
    spanish = english_resources().get(title="Selección en español")
    assert spanish.resource_type == "case-study"
    assert (spanish.political_structure, spanish.state_capacity, spanish.decision_model, spanish.resources) \
        == ("new-democracy", "weak", "consultative", "project-only")
    assert list(spanish.countries) == ["US"] and not spanish.reviewed
    portuguese = english_resources().get(title="Seleção em português")
    assert portuguese.publication_date.isoformat() == "2023-04-15"
    assert [t.slug for t in portuguese.themes.all()] == ["monitoring-and-evaluation"]


def test_importing_again_updates_without_duplicates(library, tmp_path):
    from library.models import ResourcePage

    rows = [guide("Linked guide", url="https://example.org/linked"), guide("Unlinked guide")]
    (tmp_path / "a.csv").write_text(csv_text(*rows), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_resources", str(tmp_path / "a.csv"), "--progress", stdout=out, stderr=err)
    assert "2 resources created" in out.getvalue()
    assert "2/2 rows saved" in err.getvalue()  # the progress bar
    before = ResourcePage.objects.count()

    assert "0 resources created, 0 updated, 2 unchanged" in run_import(tmp_path / "a.csv", csv_text(*rows))

    # Same link, new title: updated by link. Same title and date, new summary: updated by title.
    rows[0] = {**rows[0], "title": "Linked guide, second edition"}
    rows[1] = {**rows[1], "summary": "A better summary."}
    output = run_import(tmp_path / "b.csv", csv_text(*rows))
    assert "0 resources created, 2 updated, 0 unchanged, 0 rows rejected" in output
    assert ResourcePage.objects.count() == before
    linked = english_resources().get(external_url="https://example.org/linked")
    assert linked.title == "Linked guide, second edition"
    assert english_resources().get(title="Unlinked guide").summary == "A better summary."
    assert {alias.title for alias in linked.aliases.all()} == {"Linked guide, second edition"}

    # The same resource twice in one file: the second is refused, the first kept.
    output = run_import(tmp_path / "c.csv", csv_text(guide("Twice"), guide("Twice", summary="Other.")))
    assert "line 3: this is the same resource as line 2." in output
    assert english_resources().filter(title="Twice").count() == 1


def test_admin_preview_then_confirm(library, client, user_factory):
    from library.models import ResourcePage

    staff = user_factory(email="curator@example.org", is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert "Import resources" in client.get("/admin/").content.decode()  # in the Library menu
    page = client.get("/admin/library/import/")
    assert page.status_code == 200
    text = csv_text(guide("From the admin"), guide("Broken", type="podcast"))
    upload = SimpleUploadedFile("collection.csv", text.encode("utf-8"), content_type="text/csv")
    preview = client.post("/admin/library/import/", {"csv_file": upload})
    body = preview.content.decode()
    assert "nothing has been saved yet" in body
    assert "From the admin" in body and "create" in body
    assert "“podcast” is not one of" in body
    assert not ResourcePage.objects.exists()

    report = client.post("/admin/library/import/", {"token": preview.context["token"], "confirm": "1"})
    body = report.content.decode()
    assert "1 resources created, 0 updated, 0 unchanged, 1 rows refused." in body
    created = english_resources().get()
    assert created.title == "From the admin" and created.live
    assert created.live_revision.user == staff

    # A tampered preview imports nothing.
    tampered = client.post("/admin/library/import/",
                           {"token": "x" + preview.context["token"], "confirm": "1"})
    assert "upload the file again" in tampered.content.decode()
    assert english_resources().count() == 1


def test_members_cannot_import(library, member_client):
    upload = SimpleUploadedFile("c.csv", csv_text(guide("Sneaky")).encode(), content_type="text/csv")
    response = member_client.post("/admin/library/import/", {"csv_file": upload})
    assert response.status_code in (302, 403)
    assert not english_resources().exists()


def test_the_demo_library_round_trips(home_page, tmp_path, settings):
    """Export the demo library, import it into an empty site, export again: the same file."""
    from library import demo
    from library.models import ResourcePage

    settings.MEDIA_ROOT = tmp_path
    demo.load(stdout=io.StringIO())
    first = tmp_path / "first.csv"
    call_command("export_resources", str(first), stdout=io.StringIO())
    exported = english_resources().count()
    assert exported >= 60

    # An empty site: no resource in any language tree.
    for page in ResourcePage.objects.exclude(locale__language_code="en"):
        page.delete()
    for page in english_resources():
        page.delete()
    assert not ResourcePage.objects.exists()

    output = io.StringIO()
    call_command("import_resources", str(first), stdout=output)
    assert f"{exported} resources created, 0 updated, 0 unchanged, 0 rows rejected" in output.getvalue()
    second = tmp_path / "second.csv"
    call_command("export_resources", str(second), stdout=io.StringIO())
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    madrid = english_resources().get(title__startswith="Madrid")
    assert madrid.decision_model == "direct-vote" and list(madrid.countries) == ["ES"]
    assert [block.block_type for block in madrid.body][-1] == "callout"
