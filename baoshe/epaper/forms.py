"""Admin forms of the 数字报: the upload of a day's pages."""

from django import forms

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
    publication = forms.ModelChoiceField(Publication.objects.all(), label="报纸", empty_label=None)
    date = forms.DateField(
        label="出版日期",
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
        label="版面文件",
        help_text="每版一个 PDF（A01.pdf、A01-要闻.pdf），或一个多页 PDF；"
        "可附 manifest.json / .csv 说明版名。同日已有的一期会在导入完成后整体替换。",
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        allowed = (".pdf", ".json", ".csv")
        for upload in files:
            if not upload.name.lower().endswith(allowed):
                raise forms.ValidationError(f"{upload.name}：只能上传 PDF、manifest.json 或 .csv")
        if not any(upload.name.lower().endswith(".pdf") for upload in files):
            raise forms.ValidationError("请至少选择一个 PDF 文件。")
        return files
