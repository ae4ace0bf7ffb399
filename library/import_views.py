"""The admin's "Import resources" page: upload a CSV, see what it would do, confirm, read the report."""

from django import forms
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from library.transfer import ALL_COLUMNS, check_resources, import_resources

MAX_IMPORT_BYTES = 5 * 1024 * 1024
SIGNING_SALT = "library.import_resources"
PREVIEW_MAX_AGE = 60 * 60  # seconds a preview stays valid for confirming


class UploadForm(forms.Form):
    csv_file = forms.FileField(label=gettext_lazy("CSV file"), help_text=gettext_lazy(
        "A header and the columns %(columns)s. Separate several values with ;. Slugs or labels in "
        "English, French, Spanish or Portuguese, in any case. A row updates the resource with the "
        "same url, else the one with the same title and publication date."
    ) % {"columns": ", ".join(ALL_COLUMNS)})

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(_("“%(name)s” is not a .csv file.") % {"name": upload.name})
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than %(limit)s MB.")
                                        % {"limit": MAX_IMPORT_BYTES // (1024 * 1024)})
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text; save it as “CSV UTF-8”.")) from None


def import_resources_view(request):
    """Upload → preview (nothing saved) → confirm → report. The preview carries the file, signed."""
    if not (request.user.is_staff or request.user.is_superuser):
        raise PermissionDenied
    context = {"header_title": _("Import resources"), "page_title": _("Import resources")}
    form = UploadForm()
    if request.method == "POST" and "confirm" in request.POST:
        try:
            text = signing.loads(request.POST.get("token", ""), salt=SIGNING_SALT, max_age=PREVIEW_MAX_AGE)
        except signing.BadSignature:
            context["expired"] = True
        else:
            context["report"] = import_resources(text, user=request.user)
            return TemplateResponse(request, "library/admin/import_resources.html", context)
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            text = form.cleaned_data["csv_file"]
            report = check_resources(text)
            context.update(preview=report, file_name=request.FILES["csv_file"].name,
                           token=signing.dumps(text, salt=SIGNING_SALT, compress=True))
    context["form"] = form
    return TemplateResponse(request, "library/admin/import_resources.html", context)
