"""When the database is down: a styled 503 that says so, never a traceback.

Cached pages do not need the database (``baoshe.pagecache``) and keep being served. Anything
else that fails because the database cannot be reached ends in Django's 500 handler, which this
module replaces: an ``OperationalError`` or ``InterfaceError`` (connection refused, server gone,
SQLite file unreadable) answers ``503 Service Unavailable`` with ``Retry-After``; every other
error keeps the site's 500 page. Neither page needs the database to render. Recovery needs no
restart: Django opens a new connection on the next request (``CONN_HEALTH_CHECKS`` drops a
dead persistent one).
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

RETRY_AFTER_SECONDS = 30


def database_unavailable(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """``handler500``: the 503 page when the database is unreachable, else the 500 page."""
    if database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template(template_name).render())
