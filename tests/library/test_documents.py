"""Staff attach documents to resources: only PDF, DOCX, XLSX and ODT up to 20 MB are accepted."""

from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, user_factory, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(user_factory(is_staff=True, is_superuser=True))
    return client


def upload(client, name, content):
    return client.post(reverse("wagtaildocs:add"), {
        "title": name, "file": SimpleUploadedFile(name, content),
        "collection": Collection.get_first_root_node().pk,
    })


def test_pdf_upload_is_accepted(staff_client):
    response = upload(staff_client, "guide.pdf", b"%PDF-1.4 small test file")
    assert response.status_code == HTTPStatus.FOUND
    assert Document.objects.filter(title="guide.pdf").exists()


def test_wrong_type_is_refused_with_a_message(staff_client):
    response = upload(staff_client, "installer.exe", b"MZ not a document")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "File extension “exe” is not allowed" in html
    assert "pdf, docx, xlsx, odt" in html
    assert not Document.objects.exists()


def test_oversize_file_is_refused_with_a_message(staff_client):
    response = upload(staff_client, "huge.pdf", b"0" * (20 * 1024 * 1024 + 1))
    assert response.status_code == HTTPStatus.OK
    assert "This file is too big" in response.content.decode()
    assert not Document.objects.exists()


def _zip(entries):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx():
    import io

    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Participatory budgeting guide")
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content"), [
    ("installer.pdf", b"MZ\x90\x00\x03\x00\x00\x00 this program cannot be run in DOS mode"),
    ("page.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
    ("notes.docx", b"%PDF-1.4 a pdf wearing a docx name"),
    ("archive.docx", _zip({"readme.txt": "not a word document"})),
    ("sheet.xlsx", _zip({"word/document.xml": "<w:document/>"})),
    ("text.odt", _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"})),
])
def test_a_file_whose_content_is_not_what_its_extension_says_is_refused(staff_client, name, content):
    response = upload(staff_client, name, content)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    extension = name.rsplit(".", 1)[1]
    assert f"This file is not a .{extension} document: its content is of another kind." in html
    assert not Document.objects.exists()


@pytest.mark.parametrize(("name", "content"), [
    ("guide.docx", _docx()),
    ("budget.xlsx", _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})),
    ("minutes.odt", _zip({"mimetype": "application/vnd.oasis.opendocument.text",
                          "content.xml": "<office:document-content/>"})),
])
def test_real_office_documents_are_accepted(staff_client, name, content):
    assert upload(staff_client, name, content).status_code == HTTPStatus.FOUND
    assert Document.objects.filter(title=name).exists()


def test_the_too_big_message_reads_cleanly(staff_client):
    html = upload(staff_client, "huge.pdf", b"%PDF-1.4" + b"0" * (20 * 1024 * 1024)).content.decode()
    assert "This file is too big" in html
    assert "File extension" not in html and "is not allowed" not in html
