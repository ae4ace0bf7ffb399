"""Staff document uploads: the bytes must be the kind of document the extension names.

Wagtail checks only the extension (WAGTAILDOCS_EXTENSIONS), so an installer or a web page
renamed .pdf would be served from the site as a PDF. filetype (installed with Willow) knows a PDF
by its header but an Office or OpenDocument file only by its first ZIP entries, and misses valid
files whose writer orders the entries otherwise; the ZIP's own directory, read with zipfile,
says it for sure.
"""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

# The part every file of each ZIP-based kind holds, or (OpenDocument) its declared media type.
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
ODF_MEDIA_TYPES = {"odt": b"application/vnd.oasis.opendocument.text"}
# PDF readers accept the header anywhere in the first kilobyte.
PDF_HEADER, PDF_HEADER_WITHIN = b"%PDF-", 1024


def content_matches_extension(file, extension: str) -> bool:
    """Whether the open `file` holds a document of the kind `extension` (pdf, docx, xlsx, odt) names."""
    file.seek(0)
    try:
        if extension == "pdf":
            return PDF_HEADER in file.read(PDF_HEADER_WITHIN)
        if extension not in OOXML_PARTS and extension not in ODF_MEDIA_TYPES:
            return False
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if extension in OOXML_PARTS:
                return OOXML_PARTS[extension] in names
            return "mimetype" in names and archive.read("mimetype").strip() == ODF_MEDIA_TYPES[extension]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError):
        return False
    finally:
        file.seek(0)


class DocumentForm(BaseDocumentForm):
    """The admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): checks the content too."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            extension = PurePath(file.name).suffix.lower().lstrip(".")
            # Other extensions get Wagtail's own message, which lists the allowed ones.
            if extension in settings.WAGTAILDOCS_EXTENSIONS and not content_matches_extension(
                    file, extension):
                raise ValidationError(
                    _("This file is not a .%(extension)s document: its content is of another kind."),
                    code="content_mismatch", params={"extension": extension})
        return file

    def _update_errors(self, errors):
        # A file the field refused (too big, wrong content) is not on the model, whose own
        # extension check would then add "File extension “” is not allowed" to the message.
        if hasattr(errors, "error_dict") and self.has_error("file"):
            errors.error_dict.pop("file", None)
            if not errors.error_dict:
                return
        super()._update_errors(errors)
