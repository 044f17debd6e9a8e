from wagtail import hooks

from baoshe.core.public import mark_public

from . import conf
from .store import PageStore


@hooks.register("baoshe_clock_tick")
def forget_pages_due(now):
    """Pages marked valid until a time (``mark_public(until=…)``) are forgotten at the tick."""
    PageStore(conf.root()).purge_expired(now.timestamp())


@hooks.register("on_serve_page")
def mark_served_pages_public(serve):
    """A live Wagtail page as served to a reader is the same for every reader without a
    session (the only ones whose pages are kept), unless a view restriction took part: Wagtail
    marks those responses never-cache (``check_view_restrictions``, which runs inside this
    wrapper), and so do we, by not marking them."""

    def inner(page, request, serve_args, serve_kwargs):
        response = serve(page, request, serve_args, serve_kwargs)
        if page.live and not private(response):
            mark_public(response)
        return response

    return inner


def private(response) -> bool:
    control = response.get("Cache-Control", "")
    return "private" in control or "no-store" in control or "no-cache" in control
