"""The article editor's form.

Besides saying in the newsroom's words what is missing, it keeps two editors from silently
overwriting each other (optimistic concurrency). The form carries, in a hidden field, the
revision the editor opened (``base_revision``: its id and time, ``"<id>.<µs>"``). A save based
on a revision that is no longer the article's latest is refused with a message naming who
saved in between and the line diff of what they changed (``newsroom.copy.copy_lines``); the
form comes back with the editor's own text, now based on the latest revision, so a second
click on 保存 deliberately keeps their version. Revisions saved since by the same editor
(their own autosave racing their click, a second tab) are not a conflict. The check runs in
``clean`` (a clear form error) and again in ``save`` under a row lock on the article, inside
the edit view's transaction, so two saves racing past ``clean`` cannot both land.

Wagtail renders form fields no panel claims as bare inputs (``render_missing_fields``), so the
hidden field needs no panel. Wagtail's autosave (a background save that keeps the page open)
receives the new token through ``get_field_updates_for_resave``.
"""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.blocks import BlockField, StreamValue

from baoshe.core.text import has_control_chars, strip_control_chars

REQUIRED_MESSAGES = {
    "title": _("Please enter a title."),
    "column": _("Please choose a column: every article must be filed in one."),
}
BASE_REVISION_FIELD = "base_revision"
_TOKEN = re.compile(r"(\d{1,18})\.(\d{1,20})")
#: Diff lines shown in the refusal; a longer diff ends with a count of what was left out.
MAX_DIFF_LINES = 40


class StaleRevisionError(PermissionDenied):
    """A save based on a revision that is no longer the latest (raised from ``save``;
    Wagtail's edit view turns a ``PermissionDenied`` from saving into a form error)."""


def revision_token(revision) -> str:
    """``"<id>.<created_at in µs>"``: the created time changes when autosave overwrites a
    revision in place, so the id alone would not tell."""
    if revision is None:
        return ""
    micros = round(revision.created_at.timestamp() * 1_000_000)
    return f"{revision.pk}.{micros}"


class ArticleAdminForm(WagtailAdminModelForm):
    """The article editor's form: required fields say in the newsroom's words what is missing,
    and a save based on an outdated revision is refused (see the module docstring)."""

    base_revision = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = without_control_chars(data)
        super().__init__(data, *args, **kwargs)
        for name, message in REQUIRED_MESSAGES.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message
        if isinstance(self.fields.get("body"), BlockField):
            # Rich text arrives as Draftail JSON, where a pasted control character is an
            # escape (\u000b) the data-level stripping cannot see: strip the parsed blocks
            # before they validate (a NUL would otherwise be refused as an error).
            self.fields["body"].clean = _stripping_clean(self.fields["body"])
        if self.instance.pk and getattr(self.instance, "latest_revision_id", None):
            self.initial[BASE_REVISION_FIELD] = revision_token(self.instance.latest_revision)

    # --- optimistic concurrency -----------------------------------------------------------

    def clean(self):
        cleaned_data = super().clean()
        conflict = self._revision_conflict(lock=False)
        if conflict:
            self._refuse(conflict)
        return cleaned_data

    def save(self, commit=True):
        if not self.errors:
            with transaction.atomic():
                conflict = self._revision_conflict(lock=True)
            if conflict:
                self._refuse(conflict)
                raise StaleRevisionError(conflict[0])
        return super().save(commit=commit)

    def get_field_updates_for_resave(self):
        updates = list(super().get_field_updates_for_resave())
        latest = getattr(self.instance, "latest_revision", None)
        if latest is not None:
            updates.append((self.add_prefix(BASE_REVISION_FIELD), revision_token(latest)))
        return updates

    def _posted_token(self) -> str:
        return (self.data.get(self.add_prefix(BASE_REVISION_FIELD)) or "").strip()

    def _revision_conflict(self, *, lock: bool) -> list[str] | None:
        """The refusal's message lines when the posted base revision is not the latest;
        None when the save may go ahead (or the form names no base revision)."""
        token = self._posted_token()
        model = type(self.instance)
        if not token or not self.instance.pk or not hasattr(model, "latest_revision"):
            return None
        match = _TOKEN.fullmatch(token)
        if match is None:
            return [
                gettext(
                    "The article's version information could not be read. Reload the page and "
                    "make your changes again."
                )
            ]
        rows = model.objects.filter(pk=self.instance.pk)
        if lock:
            rows = rows.select_for_update()
        latest_id = rows.values_list("latest_revision_id", flat=True).first()
        latest = self.instance.revisions.filter(pk=latest_id).first() if latest_id else None
        if latest is None or revision_token(latest) == token:
            return None
        base = self.instance.revisions.filter(pk=int(match.group(1))).first()
        if base is not None and self._only_own_revisions_since(base, token):
            return None
        self._latest_token = revision_token(latest)
        return conflict_message(base, latest)

    def _only_own_revisions_since(self, base, token: str) -> bool:
        """Whether every revision saved since the base is this editor's own (their autosave
        racing their click on 保存, or a second tab of theirs): nobody else's work can be
        lost then. A base rewritten in place by autosave counts as saved since."""
        user = getattr(self, "for_user", None)
        if user is None or not user.pk:
            return False
        newer = self.instance.revisions.filter(pk__gt=base.pk)
        if revision_token(base) != token:
            newer = self.instance.revisions.filter(pk__gte=base.pk)
        return not newer.exclude(user_id=user.pk).exists()

    def _refuse(self, lines: list[str]) -> None:
        if not any(lines[0] == str(m) for m in self.non_field_errors()):
            self.add_error(None, ValidationError(lines))
        latest_token = getattr(self, "_latest_token", "")
        if latest_token and self.is_bound:
            # The form comes back based on the latest revision: saving again is a deliberate
            # choice to keep this version, made after seeing what it replaces.
            self.data = self.data.copy()
            self.data[self.add_prefix(BASE_REVISION_FIELD)] = latest_token


def _stripping_clean(field):
    original = field.clean

    def clean(value):
        if isinstance(value, StreamValue):
            from baoshe.core.text import has_control_chars_deep, strip_control_chars_deep

            raw = value.get_prep_value()
            if has_control_chars_deep(raw):
                value = field.block.to_python(strip_control_chars_deep(raw))
        return original(value)

    return clean


def without_control_chars(data):
    """The posted form data with control characters (pasted from Word/WPS) dropped from every
    value, before the fields validate: Django refuses a NUL outright, the rest would be stored.
    The model strips them again on save (``Article.strip_control_characters``), which also
    covers the StreamField's parsed text and saves made in code."""
    if not any(has_control_chars(v) for v in _values(data)):
        return data
    cleaned = data.copy()
    if hasattr(cleaned, "setlist"):
        for key, values in data.lists():
            cleaned.setlist(key, [_strip(v) for v in values])
    else:
        for key, value in data.items():
            cleaned[key] = _strip(value)
    return cleaned


def _values(data):
    if hasattr(data, "lists"):
        return (v for _, values in data.lists() for v in values if isinstance(v, str))
    return (v for v in data.values() if isinstance(v, str))


def _strip(value):
    return strip_control_chars(value) if isinstance(value, str) else value


def conflict_message(base, latest) -> list[str]:
    """What the second editor reads: who saved in between, and the diff of their change."""
    from .copy import copy_diff, copy_lines

    who = gettext("Someone else")
    if latest.user is not None:
        who = latest.user.get_full_name() or latest.user.get_username()
    # Translators: strftime format of the time of the other editor's save.
    when = timezone.localtime(latest.created_at).strftime(gettext("%b %d, %H:%M"))
    lines = [
        gettext(
            "Not saved: after you opened this article, %(who)s saved a new version at "
            "%(when)s. Your save did not go through, so as not to overwrite their changes."
        )
        % {"who": who, "when": when}
    ]
    old = copy_lines(base.as_object()) if base is not None and base.pk != latest.pk else []
    diff = [row for row in copy_diff(old, copy_lines(latest.as_object())) if row[0] in "+-"]
    if base is None or base.pk == latest.pk:
        lines.append(gettext("(Their changes cannot be listed.)"))
    elif diff:
        lines.append(
            gettext(
                "Their changes (“-” is the text when you opened the article, “+” the text now):"
            )
        )
        lines += [f"{op} {text}" for op, text in diff[:MAX_DIFF_LINES]]
        if len(diff) > MAX_DIFF_LINES:
            more = len(diff) - MAX_DIFF_LINES
            lines.append(
                ngettext(
                    "… and %(count)s more changed line not listed.",
                    "… and %(count)s more changed lines not listed.",
                    more,
                )
                % {"count": more}
            )
    else:
        lines.append(
            gettext(
                "They changed none of the text (perhaps the column, images or publishing settings)."
            )
        )
    lines.append(
        gettext(
            "Check the changes above: reload the page to make your changes again on the latest "
            "version, or click Save again to replace their version with yours."
        )
    )
    return lines
