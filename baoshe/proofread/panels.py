"""The 机审 tab of the article editor.

``ProofreadPanel`` renders a button and an empty result area. The script
(``static/proofread/panel.js``) posts the whole edit form to the check endpoint, which binds
it to the article's admin form exactly as a save would (so Draftail rich text and
StreamField blocks need no parsing in the browser), and draws each field's text with
``<mark>`` around every finding plus a list of findings with their suggested fixes.
"""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from wagtail.admin.panels import Panel


class ProofreadPanel(Panel):
    def __init__(self, heading=None, **kwargs):
        if heading is None:
            heading = gettext_lazy("Machine proofreading")
        super().__init__(heading=heading, **kwargs)

    @property
    def clean_name(self):
        return "proofread"

    class BoundPanel(Panel.BoundPanel):
        template_name = "proofread/panel.html"

        @property
        def media(self):
            return forms.Media(js=["proofread/panel.js"], css={"all": ["proofread/panel.css"]})

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            pk = getattr(self.instance, "pk", None)
            if pk:
                url = reverse("proofread:check_article", args=[pk])
            else:
                url = reverse("proofread:check_new_article")
            context["check_url"] = url
            context["strings"] = panel_strings()
            return context


def panel_strings() -> dict:
    """The words of ``panel.js``, translated here (the script holds none); ``%(name)s`` marks
    where the script puts a value."""
    return {
        "severity": {
            "block": _("Must fix"),
            "warn": _("Should fix"),
            "info": _("Hint"),
        },
        "title": _("%(severity)s: %(message)s"),
        "titleWithSuggestion": _("%(severity)s: %(message)s (suggested: “%(suggestion)s”)"),
        "suggestion": _("Suggestion: %(suggestion)s"),
        "deletion": _("(delete)"),
        "copy": _("Copy suggestion"),
        "copied": _("Copied"),
        "summary": _(
            "Findings: %(total)s (must fix: %(block)s, should fix: %(warn)s, hints: %(info)s)"
        ),
        "summaryTruncated": _(
            "Findings: %(total)s (must fix: %(block)s, should fix: %(warn)s, hints: %(info)s); "
            "too many to list them all"
        ),
        "noFindings": _("No problems found."),
        "invalidFields": _(
            "These fields did not pass form validation and were checked as last saved: %(fields)s"
        ),
        "listSeparator": pgettext("list separator", ", "),
        "running": _("Checking…"),
        "done": _("Machine review done"),
        "forbidden": _(
            "You do not have permission, or your session has expired. Reload the page and "
            "try again."
        ),
        "failedWithStatus": _("Machine review failed (%(status)s)"),
        "failed": _("Machine review failed. Please try again later."),
    }
