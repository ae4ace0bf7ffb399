"""The audit report: the printable page and the PDF state the inputs, the rule and every option,
each project's explanation and the result's SHA-256; a recount from the stated inputs gives the
same digest, and ``manage.py tally --report`` writes the same report."""

import hashlib
import html as html_lib
import json
import re
import shlex
from http import HTTPStatus
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from tally import explained, report
from tests.pabulib_files import BUNDLED_DIR

pytestmark = pytest.mark.django_db

APPROVAL = BUNDLED_DIR / "Poland_Zabrze_2020_Zandka.pb"


def counted(client, path=APPROVAL, **fields):
    response = client.post("/calculator/", {"upload": SimpleUploadedFile(path.name,
                                                                         path.read_bytes()),
                                            **fields})
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    return response.url.rstrip("/").rsplit("/", 1)[-1]


def stated_inputs(page_html: str) -> dict:
    block = page_html.split('tally-recount-inputs"><code>', 1)[1].split("</code>", 1)[0]
    return json.loads(html_lib.unescape(block))


def pdf_digest(pdf: bytes) -> str:
    return re.search(rb"result-sha256:([0-9a-f]{64})", pdf).group(1).decode()


def test_report_page_states_what_a_recount_needs_and_the_recount_agrees(client):
    key = counted(client)  # the defaults: Equal Shares with add1 for approval ballots
    result_page = client.get(f"/calculator/result/{key}/").content.decode()
    assert "Download the audit report" in result_page
    page = client.get(f"/calculator/result/{key}/report/")
    text = page.content.decode()
    assert page.status_code == HTTPStatus.OK
    inputs = stated_inputs(text)
    data = APPROVAL.read_bytes()
    assert inputs["file"] == APPROVAL.name
    assert inputs["sha256"] == hashlib.sha256(data).hexdigest() and inputs["sha256"] in text
    assert inputs["rule"] == "mes" and inputs["options"] == {"completion": "add1"}
    # Every option of the rule is listed, given or default, with the tie-breaking order.
    for option in ("(utility)", "(completion)", "(tie_break)", "(currency)"):
        assert option in text
    assert "by project id (as text, smallest first)" in text
    assert "Calculator version" in text and "source " in text
    assert "Why each project was or was not funded" in text and "was funded in round 1" in text
    assert "Gini coefficient" in text
    election, allocation = report.recount(data=data, filename=inputs["file"], rule=inputs["rule"],
                                          options=inputs["options"], budget=inputs["budget"])
    assert explained.result_digest(allocation) == inputs["result_sha256"]
    assert inputs["result_sha256"] in text


def test_pdf_report_carries_the_same_digest_as_the_page(client):
    key = counted(client)
    page = client.get(f"/calculator/result/{key}/report/").content.decode()
    response = client.get(f"/calculator/result/{key}/audit-report.pdf")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert pdf_digest(response.content) == stated_inputs(page)["result_sha256"]


def test_command_recounts_from_the_report_and_writes_the_same_report(client, tmp_path):
    key = counted(client, rule="greedy")
    page = client.get(f"/calculator/result/{key}/report/").content.decode()
    inputs = stated_inputs(page)
    command = html_lib.unescape(page.split('<pre class="tally-example"><code>', 1)[1]
                                .split("</code>", 1)[0])
    args = shlex.split(command)[3:]  # after "python manage.py tally"
    assert args[0] == APPROVAL.name
    target = tmp_path / "audit.pdf"
    call_command("tally", str(APPROVAL), *args[1:], "--report", str(target), stdout=StringIO(),
                 stderr=StringIO())
    assert pdf_digest(target.read_bytes()) == inputs["result_sha256"]


def test_report_of_a_typed_vote_names_its_pb_export_which_recounts_the_same(client):
    response = client.post("/calculator/", {
        "rule": "greedy", "budget": "300", "projects": "Playground; 100\nLibrary; 200",
        "ballots": "3 x Playground, Library\n2 x Library"})
    key = response.url.rstrip("/").rsplit("/", 1)[-1]
    inputs = stated_inputs(client.get(f"/calculator/result/{key}/report/").content.decode())
    assert inputs["file"] == "typed-vote.pb"
    exported = client.get(f"/calculator/result/{key}/vote.pb").content
    assert hashlib.sha256(exported).hexdigest() == inputs["sha256"]
    _election, allocation = report.recount(data=exported, filename="typed-vote.pb",
                                           rule=inputs["rule"], options=inputs["options"])
    assert explained.result_digest(allocation) == inputs["result_sha256"]
