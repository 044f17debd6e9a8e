"""``{% csp_nonce_attr %}``: the ` nonce="…"` attribute for an inline script baoshe's templates
(or Wagtail's, overridden under ``core/templates/wagtailadmin/``) print themselves.

It reads the nonce of the request being answered even where the template has no request in its
context (form widgets are rendered by the form renderer). Only template source gets a nonce;
text people typed never does, so a stored ``<script>`` still cannot run.
"""

from django import template
from django.utils.html import format_html

from baoshe.core.csp import current_csp_nonce

register = template.Library()


@register.simple_tag
def csp_nonce_attr():
    nonce = current_csp_nonce()
    return format_html(' nonce="{}"', nonce) if nonce else ""
