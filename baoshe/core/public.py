"""Saying that a response is the public copy of a page, the same for every reader.

A view that renders what any anonymous reader may see (a live article, a column, a feed, a
released e-paper page) calls ``mark_public(response)``. Nothing else in core acts on it: the
page cache (``baoshe.pagecache``), when installed, keeps a copy of such a response and serves it
without running the view again. A view that does not mark its response is never cached, so
previews, drafts, password forms, restricted columns and staff pages stay out by default.
"""

PUBLIC_ATTRIBUTE = "baoshe_public"
UNTIL_ATTRIBUTE = "baoshe_public_until"


def mark_public(response, until=None):
    """Mark ``response`` as the public copy of its URL; returns it for chaining.

    ``until`` (an aware datetime) says when the page changes by the clock alone, with no
    change saved to cause it (the next 数字报 issue's release time): a cache forgets it then.
    """
    setattr(response, PUBLIC_ATTRIBUTE, True)
    if until is not None:
        setattr(response, UNTIL_ATTRIBUTE, until)
    return response


def valid_until(request, when) -> None:
    """Say, while rendering, that the page being rendered changes by the clock at ``when``
    (a template fragment that knows it: the 数字报 link appears at the issue's release).
    The earliest such time wins; ``mark_public`` responses pick it up."""
    if request is None or when is None:
        return
    earlier = getattr(request, UNTIL_ATTRIBUTE, None)
    if earlier is None or when < earlier:
        setattr(request, UNTIL_ATTRIBUTE, when)


def is_public(response) -> bool:
    return bool(getattr(response, PUBLIC_ATTRIBUTE, False))


def public_until(response, request=None):
    """When the public copy stops being right by the clock alone (or None): the earlier of
    what the view said and what fragments said while rendering (``valid_until``)."""
    times = [
        getattr(response, UNTIL_ATTRIBUTE, None),
        getattr(request, UNTIL_ATTRIBUTE, None) if request is not None else None,
    ]
    times = [when for when in times if when is not None]
    return min(times) if times else None
