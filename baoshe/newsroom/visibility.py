"""Who may read what: the one definition of a publicly visible column and article.

An article is public when it is live, not past its expiry time, and filed in a public column.
A column is public when it and every page above it are published and none of them carries a
Wagtail view restriction (login, password or groups). Every public surface (article pages,
home and column lists, RSS, the sitemap, the QR code and share counter, embedded 通稿 and the
数字报's links to web articles) asks this module, so a draft, a scheduled or expired piece, a
withdrawn one, or anything filed under a restricted or unpublished column never reaches an
anonymous reader.

A paper has tens of columns, so their visibility is computed for all of them at once (three
small queries) and kept on the request; listings then exclude the few hidden column ids,
which leaves the live-article indexes doing the filtering and ordering as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

_REQUEST_ATTR = "_baoshe_column_visibility"


@dataclass(frozen=True)
class ColumnVisibility:
    """Column ids sorted by what a reader may see of them."""

    public: frozenset[int]
    """Anyone may read these columns and their articles."""
    unpublished: frozenset[int]
    """Unpublished, or below an unpublished page: never served to readers."""
    restricted: frozenset[int]
    """Published but behind a view restriction (on the column or a page above it)."""

    @property
    def hidden(self) -> frozenset[int]:
        return self.unpublished | self.restricted


def _ancestor_paths(path: str) -> list[str]:
    step = Page.steplen
    return [path[:end] for end in range(step, len(path), step)]


def _under_any(path: str, prefixes) -> bool:
    return any(path.startswith(prefix) for prefix in prefixes)


def compute_column_visibility() -> ColumnVisibility:
    from .models import ColumnPage

    columns = list(ColumnPage.objects.values_list("pk", "path", "live"))
    ancestors = {prefix for _, path, _ in columns for prefix in _ancestor_paths(path)}
    unpublished_paths = set(
        Page.objects.filter(path__in=ancestors, live=False).values_list("path", flat=True)
    )
    unpublished_paths |= {path for _, path, live in columns if not live}
    restricted_paths = set(PageViewRestriction.objects.values_list("page__path", flat=True))
    public, unpublished, restricted = set(), set(), set()
    for pk, path, _ in columns:
        if _under_any(path, unpublished_paths):
            unpublished.add(pk)
        elif _under_any(path, restricted_paths):
            restricted.add(pk)
        else:
            public.add(pk)
    return ColumnVisibility(frozenset(public), frozenset(unpublished), frozenset(restricted))


def column_visibility(request=None) -> ColumnVisibility:
    """The columns' visibility, computed once per request (or afresh without one)."""
    if request is None:
        return compute_column_visibility()
    visibility = getattr(request, _REQUEST_ATTR, None)
    if visibility is None:
        visibility = compute_column_visibility()
        setattr(request, _REQUEST_ATTR, visibility)
    return visibility


def is_expired(article, now=None) -> bool:
    return article.expire_at is not None and article.expire_at <= (now or timezone.now())


def article_is_public(article, request=None, now=None) -> bool:
    """Whether any reader, signed in or not, may read ``article``."""
    return (
        article is not None
        and article.pk is not None
        and article.live
        and not is_expired(article, now)
        and article.column_id in column_visibility(request).public
    )


def listed_column_ids(column, request=None) -> list[int]:
    """``column`` and the sub-columns a reader of ``column`` may also read.

    Used for the column's own listing and feed: a sub-column that is unpublished, or that adds
    a view restriction of its own, is left out. What lies above ``column`` was checked when
    the column itself was served (a restricted column lists its own articles to the readers
    Wagtail let in).
    """
    from .models import ColumnPage

    if request is not None:
        visibility = column_visibility(request)
        if column.pk in visibility.public:  # the common case: no more queries per column
            return [pk for pk in column.column_ids() if pk in visibility.public]
    below = Page.objects.filter(path__startswith=column.path, depth__gt=column.depth)
    blocked = set(below.filter(live=False).values_list("path", flat=True))
    blocked |= set(
        PageViewRestriction.objects.filter(
            page__path__startswith=column.path, page__depth__gt=column.depth
        ).values_list("page__path", flat=True)
    )
    rows = ColumnPage.objects.descendant_of(column, inclusive=True).values_list("pk", "path")
    return [pk for pk, path in rows if pk == column.pk or not _under_any(path, blocked)]


def has_unpublished_ancestor(page) -> bool:
    return Page.objects.ancestor_of(page).filter(live=False).exists()
