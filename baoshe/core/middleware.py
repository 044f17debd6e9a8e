"""Request guards every page shares.

- ``MalformedRequestMiddleware`` turns away request paths no page could ever have, before they
  reach the database. A NUL byte in a path reaches PostgreSQL as a query parameter and raises
  there (SQLite just finds nothing), and a path of many kilobytes only costs work. Both get the
  site's 404 page.
- ``ContentSecurityPolicyMiddleware`` is django-csp's middleware that also makes the request's
  nonce reachable where no request is at hand (Wagtail's form widgets): ``baoshe.core.csp``.
- ``MalformedPostMiddleware`` answers 400 with a message, not 500, when an admin form POST is
  not what the admin's own forms send (a StreamField without its ``-count`` field, rich text
  that is not JSON, …).
"""

import json
import logging

from csp.middleware import CSPMiddleware
from django.core.exceptions import BadRequest, SuspiciousOperation, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.views.defaults import page_not_found

from .csp import enter_request, leave_request

logger = logging.getLogger(__name__)

MAX_PATH_LENGTH = 2048


def is_malformed(path: str) -> bool:
    return len(path) > MAX_PATH_LENGTH or any(ord(ch) < 32 or ch == "\x7f" for ch in path)


class MalformedRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_malformed(request.path) or any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            return page_not_found(request, Http404("malformed request"))
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_request(self, request):
        super().process_request(request)
        request._baoshe_csp_token = enter_request(request)

    def process_response(self, request, response):
        token = getattr(request, "_baoshe_csp_token", None)
        if token is not None:
            leave_request(token)
            request._baoshe_csp_token = None
        return super().process_response(request, response)


# What the admin's form parsing raises on data no browser running the admin would send:
# Wagtail's StreamField/InlinePanel readers index ``-count``/``-type`` keys (KeyError), parse
# counts and rich text (ValueError, json.JSONDecodeError) and walk the decoded JSON (TypeError,
# AttributeError).
_MALFORMED_FORM_ERRORS = (
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    json.JSONDecodeError,
    ValidationError,
)
# Only exceptions raised inside form and block parsing (the innermost frame or the one that
# called it, e.g. a dict lookup or json.loads made by a block) count as malformed input;
# anything else is a real bug and stays a 500.
_FORM_PARSING_MODULES = (
    "wagtail.blocks.",
    "wagtail.fields",
    "wagtail.admin.rich_text.",
    "wagtail.admin.forms",
    "wagtail.admin.panels",
    "wagtail.rich_text",
    "draftjs_exporter.",
    "modelcluster.forms",
    "json.",
)

MALFORMED_POST_MESSAGE = _(
    "The submitted form data is incomplete or malformed, and nothing was saved. Please reload "
    "the page, edit again and resubmit."
)


def _raised_in_form_parsing(exception) -> bool:
    modules = []
    tb = exception.__traceback__
    while tb is not None:
        modules.append(tb.tb_frame.f_globals.get("__name__", ""))
        tb = tb.tb_next
    return any(module.startswith(_FORM_PARSING_MODULES) for module in modules[-2:])


def bad_request_response(request, message: str):
    return HttpResponseBadRequest(
        render_to_string("400.html", {"message": message}, request=request)
    )


class MalformedPostMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (BadRequest, SuspiciousOperation)):
            return None  # Django answers these with the 400 page itself
        if request.method != "POST" or not request.path.startswith("/admin/"):
            return None
        if not isinstance(exception, _MALFORMED_FORM_ERRORS):
            return None
        if not _raised_in_form_parsing(exception):
            return None
        logger.warning(
            "Malformed admin POST to %s by user %s: %s: %s",
            request.path,
            getattr(request.user, "pk", None),
            type(exception).__name__,
            exception,
        )
        return bad_request_response(request, MALFORMED_POST_MESSAGE)
