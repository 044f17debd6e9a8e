"""Admin forms of the 数字报: the upload of a day's pages."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import MAX_ISSUE_DATE, MIN_ISSUE_DATE, Publication, validate_issue_date


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input: a folder's page PDFs or one multi-page PDF."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.json,.csv"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    publication = forms.ModelChoiceField(
        Publication.objects.all(), label=gettext_lazy("Newspaper"), empty_label=None
    )
    date = forms.DateField(
        label=gettext_lazy("Issue date"),
        widget=forms.DateInput(
            attrs={
                "type": "date",
                "min": MIN_ISSUE_DATE.isoformat(),
                "max": MAX_ISSUE_DATE.isoformat(),
            }
        ),
        input_formats=["%Y-%m-%d"],
        validators=[validate_issue_date],
    )
    files = MultipleFileField(
        label=gettext_lazy("Page files"),
        help_text=gettext_lazy(
            "One PDF per page (A01.pdf, A01-News.pdf) or one multi-page PDF; a manifest.json "
            "or .csv may name the pages. An issue of the same day is replaced as a whole once "
            "the import has finished."
        ),
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        allowed = (".pdf", ".json", ".csv")
        for upload in files:
            if not upload.name.lower().endswith(allowed):
                raise forms.ValidationError(
                    _("%(name)s: only PDF files, manifest.json or .csv can be uploaded")
                    % {"name": upload.name}
                )
        if not any(upload.name.lower().endswith(".pdf") for upload in files):
            raise forms.ValidationError(_("Choose at least one PDF file."))
        return files
