"""The Content Security Policy's nonce, for the inline scripts baoshe itself vouches for.

The policy (``CONTENT_SECURITY_POLICY`` in settings, django-csp) lets a page run scripts from
our own origin and inline scripts carrying that response's nonce. Reader pages have no inline
scripts at all. Wagtail's admin still prints a few inline initialisers, from places that have
no request to read ``request.csp_nonce`` from:

- form widget templates (date/time pickers) and the InlinePanel/MultipleChooserPanel templates:
  overridden under ``core/templates/wagtailadmin/`` with ``{% csp_nonce_attr %}``;
- the chooser widgets (page, image, snippet, document, task), whose ``render`` appends
  ``<script>new PageChooser(…)</script>`` in Python: ``patch_chooser_widgets`` gives that
  script the nonce.

The middleware keeps the request in a context variable for the duration of the response, so
``current_csp_nonce()`` works from anywhere during rendering. Only template and widget source
gets a nonce; text people typed never does, so a stored ``<script>`` cannot run.
"""

import contextvars

from django.utils.safestring import mark_safe

_current_request = contextvars.ContextVar("baoshe_csp_request", default=None)


def enter_request(request):
    return _current_request.set(request)


def leave_request(token):
    try:
        _current_request.reset(token)
    except ValueError:  # answered in another context (async): forget the request there
        _current_request.set(None)


def current_csp_nonce() -> str:
    """The CSP nonce of the response being rendered, or "" outside a request.

    Reading it puts the nonce into that response's ``script-src``; a page that never asks keeps
    a policy without one.
    """
    request = _current_request.get()
    nonce = getattr(request, "csp_nonce", None) if request is not None else None
    return str(nonce) if nonce is not None else ""


_SCRIPT = "<script>"


def patch_chooser_widgets():
    """Give the initialising ``<script>`` Wagtail's chooser widgets append the CSP nonce."""
    from wagtail.admin.widgets.chooser import BaseChooser

    if getattr(BaseChooser.render, "_baoshe_csp", False):
        return
    original = BaseChooser.render

    def render(self, name, value, attrs=None, renderer=None):
        html = original(self, name, value, attrs=attrs, renderer=renderer)
        nonce = current_csp_nonce()
        at = html.rfind(_SCRIPT)
        if not nonce or at < 0 or not html.endswith("</script>"):
            return html
        return mark_safe(f'{html[:at]}<script nonce="{nonce}">{html[at + len(_SCRIPT) :]}')  # noqa: S308 - only Wagtail's own markup is changed

    render._baoshe_csp = True
    BaseChooser.render = render
