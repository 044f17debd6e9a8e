"""Turn away request paths no page could ever have, before they reach the database.

A NUL byte in a path reaches PostgreSQL as a query parameter and raises there (SQLite just
finds nothing), and a path of many kilobytes only costs work. Both get the site's 404 page.
"""

from django.http import Http404
from django.views.defaults import page_not_found

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
