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
