"""Admin forms: the word-list editor and the word-list import."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.forms import WagtailAdminModelForm

from .engine import ProofreadInputError, WordListIssue, load_text, parse_word_list
from .engine.wordlists import (
    DEFAULT_CATEGORY,
    WordListTooLarge,
    check_list_budget,
    check_total_budget,
)
from .models import SeverityChoice, WordList

#: Rejected lines listed in a form error; the import page lists all of them.
MAX_ISSUES_IN_ERROR = 20
#: Upload size limit (a 100,000-term list is about 2 MB; one list holds at most 200,000 lines).
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def other_enabled_terms(word_list: WordList | None) -> int:
    """Terms of the enabled lists other than ``word_list``, for the total budget."""
    others = WordList.objects.filter(enabled=True)
    if word_list is not None and word_list.pk:
        others = others.exclude(pk=word_list.pk)
    return sum(others.values_list("term_count", flat=True))


class WordListAdminForm(WagtailAdminModelForm):
    """Editing terms by hand: a line the engine cannot use is an error naming the line, so
    nothing typed into the box is silently ignored."""

    def clean(self):
        cleaned = super().clean()
        terms = cleaned.get("terms") or ""
        try:
            parsed, issues = parse_word_list(
                terms,
                default_category=cleaned.get("default_category") or DEFAULT_CATEGORY,
                default_severity=cleaned.get("default_severity") or SeverityChoice.WARN,
            )
            if cleaned.get("enabled"):
                check_total_budget(len(parsed), other_enabled_terms(self.instance))
        except WordListTooLarge as exc:
            self.add_error("terms", str(exc))
            return cleaned
        if issues:
            lines = [str(i) for i in issues[:MAX_ISSUES_IN_ERROR]]
            if len(issues) > MAX_ISSUES_IN_ERROR:
                more = len(issues) - MAX_ISSUES_IN_ERROR
                lines.append(
                    ngettext(
                        "…and %(count)s more line with errors",
                        "…and %(count)s more lines with errors",
                        more,
                    )
                    % {"count": more}
                )
            heading = _("These lines cannot be used; correct or delete them:")
            self.add_error("terms", ValidationError([heading, *lines]))
        return cleaned


class WordListImportForm(forms.Form):
    """Import terms from an uploaded file (UTF-8, GBK or UTF-16) or pasted text."""

    MODE_APPEND = "append"
    MODE_REPLACE = "replace"

    word_list = forms.ModelChoiceField(
        label=gettext_lazy("Import into an existing list"),
        queryset=WordList.objects.all(),
        required=False,
        empty_label=gettext_lazy("(new list)"),
    )
    new_name = forms.CharField(label=gettext_lazy("New list name"), max_length=60, required=False)
    default_category = forms.CharField(
        label=gettext_lazy("Default category"), max_length=30, initial=DEFAULT_CATEGORY
    )
    default_severity = forms.ChoiceField(
        label=gettext_lazy("Default severity"),
        choices=SeverityChoice.choices,
        initial=SeverityChoice.WARN,
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Import mode"),
        choices=[
            (MODE_APPEND, gettext_lazy("Add to the list")),
            (MODE_REPLACE, gettext_lazy("Replace all terms of the list")),
        ],
        initial=MODE_APPEND,
        widget=forms.RadioSelect,
    )
    upload = forms.FileField(
        label=gettext_lazy("Word list file"),
        required=False,
        help_text=gettext_lazy(
            "Plain text, UTF-8 or GBK encoded; one term per line: "
            "term[Tab]category[Tab]severity[Tab]note."
        ),
    )
    pasted = forms.CharField(
        label=gettext_lazy("Or paste the terms"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean_new_name(self):
        name = self.cleaned_data["new_name"].strip()
        if name and WordList.objects.filter(name=name).exists():
            raise ValidationError(
                _("A list with this name exists: choose it above, or pick another name.")
            )
        return name

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("word_list") and not cleaned.get("new_name"):
            self.add_error("new_name", _("Choose an existing list, or name a new one."))
        upload = cleaned.get("upload")
        pasted = cleaned.get("pasted") or ""
        if upload and pasted.strip():
            raise ValidationError(_("Upload a file or paste the text, not both."))
        if upload:
            if upload.size > MAX_UPLOAD_BYTES:
                message = _(
                    "The file is too large (%(size)s MB; the limit is %(limit)s MB). "
                    "Split it into several lists and import them one by one."
                )
                size = f"{upload.size / 1024 / 1024:.1f}"
                limit = MAX_UPLOAD_BYTES // 1024 // 1024
                self.add_error("upload", message % {"size": size, "limit": limit})
                return cleaned
            try:
                cleaned["source"] = load_text(upload.read())
            except ProofreadInputError as exc:
                self.add_error("upload", str(exc))
                return cleaned
        elif pasted.strip():
            cleaned["source"] = pasted
        else:
            raise ValidationError(_("Upload a word list file or paste the terms."))
        field = "upload" if upload else "pasted"
        if not cleaned["source"].strip():
            self.add_error(field, _("The content is empty."))
            return cleaned
        try:
            self._check_budgets(cleaned)
        except WordListTooLarge as exc:
            self.add_error(field, str(exc))
        return cleaned

    def _check_budgets(self, cleaned):
        """The list after the import stays within one list's and all lists' budgets."""
        source = cleaned["source"]
        check_list_budget(source)  # before parsing anything
        word_list = cleaned.get("word_list")
        appending = word_list is not None and cleaned.get("mode") == self.MODE_APPEND
        if appending and word_list.terms.strip():
            check_list_budget(word_list.terms.rstrip("\n") + "\n" + source)
        parsed, issues = parse_word_list(
            source,
            name=cleaned.get("new_name") or str(word_list),
            default_category=cleaned.get("default_category") or DEFAULT_CATEGORY,
            default_severity=cleaned.get("default_severity") or SeverityChoice.WARN,
        )
        self._parsed = (parsed, issues)
        if word_list is None or word_list.enabled:
            existing = word_list.term_count if appending else 0
            check_total_budget(existing + len(parsed), other_enabled_terms(word_list))

    def save(self) -> ImportResult:
        """Save the good lines to the word list; return them and the rejected lines."""
        data = self.cleaned_data
        parsed, issues = self._parsed
        word_list = data["word_list"]
        if word_list is None:
            word_list = WordList(
                name=data["new_name"],
                default_category=data["default_category"],
                default_severity=data["default_severity"],
            )
        entries, exceptions = parsed.entries, parsed.exceptions
        merged = 0
        if word_list.pk and data["mode"] == self.MODE_APPEND and word_list.terms.strip():
            existing, _ = word_list.parse()
            known = {e.key for e in existing.entries}
            entries = [e for e in parsed.entries if e.key not in known]
            exceptions = [p for p in parsed.exceptions if p not in existing.exceptions]
            merged = len(parsed.entries) - len(entries)
            head = word_list.terms.rstrip("\n") + "\n"
        else:
            head = ""
        # Imported lines are written with explicit category and severity, so they keep the
        # meaning they had in the file whatever the list's own defaults are.
        lines = [_entry_line(e) for e in entries] + [f"!{p}" for p in exceptions]
        word_list.terms = head + "\n".join(lines)
        word_list.save()
        return ImportResult(word_list, len(entries), merged, issues)


def _entry_line(entry) -> str:
    fields = [entry.term, entry.category, entry.severity.value]
    if entry.note:
        fields.append(entry.note)
    return "\t".join(fields)


@dataclass(frozen=True, slots=True)
class ImportResult:
    word_list: WordList
    added: int
    merged: int
    issues: list[WordListIssue]
