"""Two demo case studies that carry their real election (Pabulib .pb files in ``demo_data/``),
so that their pages offer "Recount with other rules"."""

from pathlib import Path

from django.core.files.base import ContentFile

DATA = Path(__file__).resolve().parent / "demo_data"
CITATION = (
    "<p><b>Data:</b> the ballots come from Pabulib, the participatory budgeting library "
    '(<a href="https://pabulib.org">pabulib.org</a>): P. Faliszewski, J. Flis, D. Peters, '
    "G. Pierczyński, P. Skowron, D. Stolicki, S. Szufa and N. Talmon, “Participatory "
    "Budgeting: Data, Tools, and Analysis”, IJCAI 2023.%s</p>"
)

ELECTION_CASE_STUDIES = [
    {
        "slug": "toulouse-2022-capitole-case-study",
        "title": "Toulouse 2022: an approval vote in the Capitole district",
        "file": "France_Toulouse_2022_1_-_Capitole_Arnaud_Bernard_Carmes.pb",
        "countries": ["FR"],
        "regions": ["europe"],
        "languages": ["fr", "en"],
        "stages": ["project-selection"],
        "themes": ["selecting-winning-projects"],
        "published": "2023-02-01",
        "authors": "PB Exchange editorial team",
        "summary": "In 2022 Toulouse's Capitole, Arnaud Bernard and Carmes district shared "
        "€400,000 among ten resident proposals; each of 972 voters approved up to three. The "
        "city funded the most approved projects that fit. Recount the ballots to see what Equal "
        "Shares would have funded instead, and why.",
        "context": {
            "political_structure": "consolidated-democracy",
            "state_capacity": "strong",
            "territorial_level": "neighbourhood",
            "decision_model": "direct-vote",
            "resources": "project-only",
        },
        "credit": "",
        "reviewed": False,
    },
    {
        "slug": "dieppe-2018-case-study",
        "title": "Dieppe 2018: approval voting in a small Canadian city",
        "file": "Canada_Stanford_Dataset_PB_Dieppe_2018_vote_approvals.pb",
        "countries": ["CA"],
        "regions": ["north-america"],
        "languages": ["fr", "en"],
        "stages": ["project-selection"],
        "themes": ["selecting-winning-projects"],
        "published": "2023-04-01",
        "authors": "PB Exchange editorial team",
        "summary": "Dieppe, New Brunswick, put CAD 180,000 to a vote on sixteen projects in 2018; "
        "378 residents approved the projects they wanted. A small, complete election to try "
        "the rules on: recount it and compare who gets something under each.",
        "context": {
            "political_structure": "consolidated-democracy",
            "state_capacity": "strong",
            "territorial_level": "municipal",
            "decision_model": "direct-vote",
            "resources": "project-only",
        },
        "credit": " The Dieppe ballots are due to L. Gelauff and A. Goel, Participatory "
        "Budgeting Preferences Data Set, Stanford Digital Repository, 2024.",
        "reviewed": False,
    },
]


def attach_elections(index, *, create_resource, stdout):
    """Create the two case studies if missing and attach each its .pb file; safe to re-run."""
    from library.models import ResourcePage

    for entry in ELECTION_CASE_STUDIES:
        page = ResourcePage.objects.child_of(index).filter(slug=entry["slug"]).first()
        if page is None:
            page = create_resource(index, {**entry, "resource_type": "case-study"})
            stdout.write(f"  {entry['slug']} created")
        page = page.specific
        if page.election_file:
            continue
        page.election_file.save(entry["file"], ContentFile((DATA / entry["file"]).read_bytes()),
                                save=False)
        page.body = list(page.body.raw_data) + [
            {"type": "paragraph", "value": CITATION % entry["credit"]}]
        page.save_revision().publish()
        stdout.write(f"  {entry['slug']}: election file attached")
