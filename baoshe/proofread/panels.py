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
from wagtail.admin.panels import Panel


class ProofreadPanel(Panel):
    def __init__(self, heading="机审校对", **kwargs):
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
            return context
