"""Columns (栏目) and articles (稿件): the newsroom's core data.

Columns are Wagtail pages: there are few of them, editors arrange them as a tree and the
site's navigation follows it. Articles are *not* pages. A city daily accumulates millions of
them, hundreds of thousands in one column; Wagtail's page tree caps a parent at 1,679,616
children and its explorer crawls long before that. So an article is an ordinary model that
borrows Wagtail's draft, revision, locking, workflow and preview machinery through its mixins,
and is served under its column's URL by ``newsroom.views``. docs/architecture.md has the
reasoning at length.
"""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    PublishingPanel,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from baoshe.core.text import (
    has_control_chars,
    has_control_chars_deep,
    strip_control_chars,
    strip_control_chars_deep,
)

from .blocks import ArticleBodyBlock
from .forms import ArticleAdminForm
from .reprint import bare_reprint_title

ARTICLES_PER_PAGE = 20
HOME_SECTION_LENGTH = 6
#: ``?page=N`` links from before keyset pagination are served up to this page (an index walk
#: of at most N × 20 keys); deeper ones answer a permanent redirect to the column's first page.
LEGACY_PAGE_LIMIT = 50


class HomePage(Page):
    """首页: the root of a paper's site; its children are the top-level columns."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["newsroom.ColumnPage", "core.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Home page")
        verbose_name_plural = _("Home pages")

    def get_context(self, request, *args, **kwargs):
        from .visibility import column_visibility

        context = super().get_context(request, *args, **kwargs)
        public_columns = column_visibility(request).public
        columns = self.get_children().live().type(ColumnPage).specific()
        context["headlines"] = list(
            Article.objects.public(request)
            .in_site_order()
            .filter(featured=True)
            .select_related("column", "cover_image")[:4]
        )
        shown = {a.pk for a in context["headlines"]}
        context["latest"] = [
            a
            for a in Article.objects.public(request).in_site_order().select_related("column")[:12]
            if a.pk not in shown
        ][:8]
        sections = [
            column for column in columns if column.show_on_home and column.pk in public_columns
        ]
        # One query for every column's block: each column (and each of its sub-columns) is
        # one short index range with a LIMIT, all in one UNION ALL.
        paths = list(ColumnPage.objects.values_list("pk", "path"))
        latest_by_section = latest_in_sections(
            {
                column.pk: [
                    pk
                    for pk, path in paths
                    if path.startswith(column.path) and pk in public_columns
                ]
                for column in sections
            },
            HOME_SECTION_LENGTH,
        )
        context["column_sections"] = [
            (column, latest_by_section.get(column.pk, [])) for column in sections
        ]
        return context


class ColumnPage(Page):
    """栏目: a section of the paper (要闻, 本地, 经济 …), nestable.

    ``title_prefix`` is the column's display prefix: the reference paper prints an article of
    its 第一报道 column as ``第一报道|标题``. A column lists its own articles and those of its
    sub-columns, newest first.
    """

    title_prefix = models.CharField(
        _("Title prefix"),
        max_length=30,
        blank=True,
        help_text=_("If set, this column's articles are titled “prefix|title”, e.g. “Exclusive”."),
    )
    description = models.TextField(_("Column description"), blank=True, max_length=500)
    show_on_home = models.BooleanField(_("Show on home page"), default=True)

    content_panels = Page.content_panels + [
        FieldPanel("title_prefix"),
        FieldPanel("description"),
        FieldPanel("show_on_home"),
    ]

    parent_page_types = ["newsroom.HomePage", "newsroom.ColumnPage"]
    subpage_types = ["newsroom.ColumnPage"]

    class Meta:
        verbose_name = _("Column")
        verbose_name_plural = pgettext_lazy("page type", "Columns")

    def column_ids(self) -> list[int]:
        """This column and every column below it."""
        return list(
            ColumnPage.objects.descendant_of(self, inclusive=True).values_list("pk", flat=True)
        )

    def articles_for_listing(self, request=None):
        """Live articles of this column and of the sub-columns its readers may also read
        (not those of an unpublished sub-column, or one with a view restriction of its own).

        Expiry is checked on the page's rows (``paginate_articles``), not here: the scheduler
        unpublishes expired articles within 30 seconds, and a condition on ``expire_at``
        would make every page count visit the table instead of the covering index.
        """
        from .visibility import listed_column_ids

        ids = listed_column_ids(self, request)
        articles = Article.objects.live().in_site_order()
        # A single-column filter lets the (column, live, first_published_at) index both
        # filter and order: the listing of a 300,000-article column stays an index walk.
        if len(ids) == 1:
            return articles.filter(column_id=ids[0])
        return articles.filter(column_id__in=ids)

    def listed_ids(self, request=None) -> list[int]:
        """``listed_column_ids``, kept on the request for the column's later questions."""
        from .visibility import listed_column_ids

        if request is None:
            return listed_column_ids(self)
        kept = request.__dict__.setdefault("_baoshe_listed_column_ids", {})
        if self.pk not in kept:
            kept[self.pk] = listed_column_ids(self, request)
        return kept[self.pk]

    def listing_page(self, request):
        """The page of this column's list the request asks for, or a redirect.

        ``?before=<cursor>`` (older) and ``?after=<cursor>`` (newer) walk the list by key, so
        the oldest page costs what the first does; ``?page=N`` from older links is served up
        to ``LEGACY_PAGE_LIMIT``. A cursor we never wrote answers 404.
        """
        params = request.GET
        before, after = params.get("before"), params.get("after")
        if before is not None or after is not None:
            cursor = ListingCursor.parse(before if before is not None else after)
            if cursor is None:
                raise Http404(gettext("Invalid page"))
            return column_listing_page(
                self.listed_ids(request),
                before=cursor if before is not None else None,
                after=cursor if before is None else None,
            )
        number = legacy_page_number(params.get("page"))
        if number > LEGACY_PAGE_LIMIT:
            return HttpResponsePermanentRedirect(self.get_url(request) or "/")
        page = column_listing_page(self.listed_ids(request), number=number)
        if number > 1 and not page.keys:
            return HttpResponseRedirect(self.get_url(request) or "/")
        return page

    def serve(self, request, *args, **kwargs):
        # Wagtail serves a live page below an unpublished one; a column hidden by an
        # unpublished parent column is not served to readers.
        from .visibility import has_unpublished_ancestor

        if has_unpublished_ancestor(self):
            raise Http404(gettext("Column not found"))
        listing = self.listing_page(request)
        if isinstance(listing, HttpResponse):
            return listing
        request._baoshe_column_listing = listing
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = getattr(request, "_baoshe_column_listing", None)
        if listing is None:  # a preview, or a caller other than serve
            listing = column_listing_page(self.listed_ids(request))
        context["articles"] = listing
        listed = set(self.listed_ids(request))
        context["sub_columns"] = [
            sub
            for sub in self.get_children().live().type(ColumnPage).specific()
            if sub.pk in listed
        ]
        return context


class ArticleQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def public(self, request=None, now=None):
        """What every reader may see: live, not past its expiry time, and filed in a public
        column (published, below published pages only, with no view restriction); see
        ``newsroom.visibility``. For lists cut with a LIMIT (home, feeds); a paginated list
        counts over ``in_public_columns()`` and drops expired rows from its page instead."""
        return self.in_public_columns(request).unexpired(now)

    def in_public_columns(self, request=None):
        """Live articles of public columns. The few hidden columns are excluded by id, so the
        live-article indexes still filter, order and count."""
        from .visibility import column_visibility

        articles = self.live()
        hidden = column_visibility(request).hidden
        if hidden:
            articles = articles.exclude(column_id__in=sorted(hidden))
        return articles

    def unexpired(self, now=None):
        return self.filter(
            models.Q(expire_at__isnull=True) | models.Q(expire_at__gt=now or timezone.now())
        )

    def in_site_order(self):
        """Newest first, as every list on the reader site shows them."""
        return self.order_by("-first_published_at", "-pk")


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "newsroom.Article", related_name="tagged_items", on_delete=models.CASCADE
    )


class Article(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    ClusterableModel,
):
    """稿件: one piece of journalism, as the reader page prints it from top to bottom.

    Besides the text it carries what Chinese publishing rules require on the page: where it
    came from (原创 or 转载, with the original's source, title, author and URL) and, for a
    piece built on agency copy, the full 通稿 with the agency's dateline.
    """

    class Origin(models.TextChoices):
        ORIGINAL = "original", _("Original")
        REPRINT = "reprint", _("Reprint")

    title = models.CharField(_("Title"), max_length=200)
    kicker = models.CharField(_("Kicker"), max_length=200, blank=True)
    subtitle = models.CharField(_("Subtitle"), max_length=200, blank=True)
    column = models.ForeignKey(
        ColumnPage,
        verbose_name=_("Column"),
        on_delete=models.PROTECT,
        related_name="articles",
        error_messages={
            "null": _("Please choose a column."),
            "blank": _("Please choose a column."),
        },
    )
    summary = models.TextField(
        _("Key points"),
        blank=True,
        max_length=1000,
        help_text=_("A summary of the story; also the page description and the share text."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("Body"), blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    featured = models.BooleanField(
        _("Top story"), default=False, help_text=_("Shown among the top stories on the home page.")
    )

    authors = models.CharField(
        _("Authors"), max_length=200, blank=True, help_text=_("e.g. Staff reporter Wang Xiaoming")
    )
    editor = models.CharField(_("Editor"), max_length=60, blank=True)
    source = models.CharField(
        _("Source"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty on an original article to show the paper's name."),
    )

    origin = models.CharField(
        pgettext_lazy("article", "Origin"),
        max_length=10,
        choices=Origin.choices,
        default=Origin.ORIGINAL,
    )
    reprint_source = models.CharField(_("Reprinted from"), max_length=100, blank=True)
    reprint_url = models.URLField(_("Link to the original"), blank=True, max_length=500)
    reprint_title = models.CharField(_("Original title"), max_length=200, blank=True)
    reprint_author = models.CharField(_("Original author"), max_length=100, blank=True)

    wire_article = models.ForeignKey(
        "self",
        verbose_name=_("Wire copy on this site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Choose a wire copy article already on this site, or paste the full wire copy "
            "below: one or the other."
        ),
    )
    wire_headline = models.CharField(_("Wire copy headline"), max_length=200, blank=True)
    wire_agency = models.CharField(
        _("News agency"), max_length=60, blank=True, help_text=_("e.g. Xinhua News Agency")
    )
    wire_dateline = models.CharField(
        _("Dateline"),
        max_length=100,
        blank=True,
        help_text=_("e.g. Xinhua News Agency, Beijing, August 25"),
    )
    wire_body = models.TextField(
        _("Wire copy text"), blank=True, help_text=_("One paragraph per line.")
    )

    tags = ClusterTaggableManager(_("Tags"), through=ArticleTag, blank=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="article")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="article",
        for_concrete_model=False,
    )

    objects = ArticleQuerySet.as_manager()
    base_form_class = ArticleAdminForm

    content_panels = [
        FieldPanel("kicker"),
        TitleFieldPanel("title", required_on_save=True),
        FieldPanel("subtitle"),
        PageChooserPanel("column", page_type="newsroom.ColumnPage"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("cover_image"),
        FieldPanel("tags"),
        FieldPanel("featured"),
    ]
    byline_panels = [
        FieldRowPanel([FieldPanel("authors"), FieldPanel("editor")], heading=_("Byline")),
        FieldPanel("source"),
        MultiFieldPanel(
            [
                FieldPanel("origin"),
                FieldPanel("reprint_source"),
                FieldPanel("reprint_title"),
                FieldPanel("reprint_author"),
                FieldPanel("reprint_url"),
            ],
            heading=_("Origin (original or reprint)"),
        ),
    ]
    wire_panels = [
        FieldPanel("wire_article"),
        FieldPanel("wire_headline"),
        FieldRowPanel([FieldPanel("wire_agency"), FieldPanel("wire_dateline")]),
        FieldPanel("wire_body"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(byline_panels, heading=_("Byline and source")),
            ObjectList(wire_panels, heading=_("Wire copy")),
            ObjectList([PublishingPanel()], heading=_("Publishing")),
            # Other apps add tabs through the ``register_article_edit_tab`` hook (the 机审 tab
            # of ``proofread``); see ``ArticleViewSet.get_edit_handler``.
        ]
    )

    class Meta:
        verbose_name = _("Article")
        verbose_name_plural = _("Articles")
        indexes = [
            # Partial indexes over live rows: every reader list filters on live, and a
            # boolean column inside a composite index stops SQLite ordering by the index.
            # The trailing flags make them covering: without them SQLite visits every row
            # to re-check ``live`` (a 300,000-row column counted in 370 ms instead of 20).
            models.Index(
                fields=["column", "-first_published_at", "-id", "live"],
                condition=models.Q(live=True),
                name="article_column_listing",
            ),
            models.Index(
                fields=["-first_published_at", "-id", "live"],
                condition=models.Q(live=True),
                name="article_site_listing",
            ),
            models.Index(
                fields=["-first_published_at", "-id", "live", "featured"],
                condition=models.Q(live=True, featured=True),
                name="article_headlines",
            ),
        ]
        # What each permission allows is decided in newsroom/permissions.py; the six roles of
        # workflow/roles.py are groups holding them (docs/security.md has the table).
        permissions = [
            ("publish_article", _("Can publish article")),
            ("change_any_article", _("Can edit other people's articles")),
            ("override_machine_review", _("Can waive blocking machine review findings")),
            (
                "second_review_article",
                _("Can decide the second review of withdrawal and correction requests"),
            ),
            (
                "sign_off_article",
                _("Can sign off withdrawal and correction requests and unschedule publication"),
            ),
            (
                "unpublish_article",
                _("Can take down or delete published articles without a withdrawal"),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions

    # --- validation -------------------------------------------------------------

    def strip_control_characters(self) -> None:
        """Drop control characters (pasted from Word/WPS or a PDF) from every text this
        article stores: its char and text fields and every string inside the body's blocks
        (rich-text source, captions, quotes). Called by ``clean``, ``save`` and
        ``save_revision``, so form saves, revisions and code paths all store clean text."""
        for model_field in self._meta.concrete_fields:
            if isinstance(model_field, models.CharField | models.TextField):
                value = getattr(self, model_field.attname)
                if isinstance(value, str) and has_control_chars(value):
                    setattr(self, model_field.attname, strip_control_chars(value))
        raw = self.body.get_prep_value() if self.body is not None else None
        if raw and has_control_chars_deep(raw):
            self.body = strip_control_chars_deep(raw)

    def save(self, *args, **kwargs):
        self.strip_control_characters()
        return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        self.strip_control_characters()
        return super().save_revision(*args, **kwargs)

    def clean(self):
        self.strip_control_characters()
        super().clean()
        # The notice prints its own label and marks (原标题：《…》): store the title alone.
        self.reprint_title = bare_reprint_title(self.reprint_title)
        errors = {}
        if self.origin == self.Origin.REPRINT and not self.reprint_source.strip():
            errors["reprint_source"] = gettext("A reprint must name where it is reprinted from.")
        if self.wire_article_id and self.wire_body.strip():
            errors["wire_body"] = gettext(
                "Either choose a wire copy article on this site or paste the full wire copy, "
                "not both."
            )
        if self.wire_article_id and self.pk and self.wire_article_id == self.pk:
            errors["wire_article"] = gettext("An article cannot be its own wire copy.")
        if self.wire_body.strip() and not self.wire_dateline.strip():
            errors["wire_dateline"] = gettext(
                "Pasted wire copy needs a dateline, e.g. “Xinhua News Agency, Beijing, August 25”."
            )
        if errors:
            raise ValidationError(errors)

    # --- what the reader page shows ----------------------------------------------

    @property
    def display_title(self) -> str:
        """``栏目前缀|标题`` when the column has a prefix, as the reference paper prints it."""
        prefix = self.column.title_prefix if self.column_id else ""
        return f"{prefix}|{self.title}" if prefix else self.title

    @property
    def published_at(self):
        return self.first_published_at

    @property
    def is_reprint(self) -> bool:
        return self.origin == self.Origin.REPRINT

    @property
    def reprint_title_bare(self) -> str:
        """The original title as the reprint notice prints it inside its own label and
        marks, whatever was typed (older rows may hold “原标题：《…》” themselves)."""
        return bare_reprint_title(self.reprint_title)

    def source_label(self, paper_name: str) -> str:
        if self.is_reprint:
            return self.reprint_source or self.source
        return self.source or paper_name

    @cached_property
    def wire(self):
        """The embedded 通稿 as one shape, whether pasted or referenced."""
        if self.wire_article_id:
            # Only a publicly readable 通稿 is embedded: not a draft, nor one filed under a
            # restricted or unpublished column.
            other = Article.objects.public().filter(pk=self.wire_article_id).first()
            if other is not None:
                return WireCopy(
                    headline=self.wire_headline or other.title,
                    dateline=self.wire_dateline or other.wire_dateline,
                    agency=self.wire_agency or other.source,
                    paragraphs=other.plain_paragraphs(),
                    article=other,
                )
        if self.wire_body.strip():
            return WireCopy(
                headline=self.wire_headline,
                dateline=self.wire_dateline,
                agency=self.wire_agency,
                paragraphs=[p.strip() for p in self.wire_body.splitlines() if p.strip()],
            )
        return None

    def plain_paragraphs(self) -> list[str]:
        """The body's running text as plain paragraphs (paragraphs, sub-headings, quotes;
        entities decoded), for feeds, wire embedding and the page description. The whole
        copy, captions and attributions included, is ``newsroom.copy.article_copy``."""
        from .copy import body_copy

        body = body_copy(self)
        paragraphs = []
        for part in body.parts:
            if part.part in ("paragraph", "heading", "quote"):
                text = body.text[part.start : part.end]
                paragraphs += [line.strip() for line in text.splitlines() if line.strip()]
        return paragraphs

    @property
    def description(self) -> str:
        if self.summary:
            return self.summary
        paragraphs = self.plain_paragraphs()
        return paragraphs[0][:150] if paragraphs else ""

    # --- URLs --------------------------------------------------------------------

    def get_url(self, request=None) -> str | None:
        column_url = self.column.get_url(request) if self.column_id else None
        if not column_url:
            return None
        return f"{column_url}{self.pk}.html"

    url = property(get_url)

    def get_full_url(self, request=None) -> str | None:
        column_url = self.column.get_full_url(request) if self.column_id else None
        if not column_url:
            return None
        return f"{column_url}{self.pk}.html"

    # --- preview -----------------------------------------------------------------

    def get_preview_template(self, request, mode_name):
        return "newsroom/article_page.html"

    def get_preview_context(self, request, mode_name):
        return article_page_context(self, request)


# --- listings: keyset pages cut from the listing indexes -----------------------------------
#
# A list of live articles is walked by key, (first_published_at, id) descending, never counted
# and never offset past a few pages. Each column of a list is one range of the partial
# ``article_column_listing`` index with a LIMIT; a parent column's list is the UNION ALL of its
# columns' ranges, merged and cut again, so it reads at most (columns × page) keys instead of
# sorting every article of every sub-column. Rows are then fetched by primary key.

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)
_MAX_CURSOR_MICROSECONDS = 253_402_300_799_999_999  # 9999-12-31 23:59:59.999999
_MAX_PK = 2**63 - 1


class ListingCursor:
    """A position in a list: an article's publish time and id, written ``<µs since 1970>-<id>``."""

    __slots__ = ("published", "pk")

    def __init__(self, published: dt.datetime, pk: int):
        self.published = published
        self.pk = pk

    def __str__(self) -> str:
        return f"{(self.published - _EPOCH) // _MICROSECOND}-{self.pk}"

    def __eq__(self, other):
        return isinstance(other, ListingCursor) and (self.published, self.pk) == (
            other.published,
            other.pk,
        )

    __hash__ = None

    @classmethod
    def parse(cls, value) -> "ListingCursor | None":
        """The cursor ``value`` names, or None for anything this site never wrote."""
        if not isinstance(value, str) or len(value) > 40:
            return None
        stamp, sep, pk = value.partition("-")
        if not sep or not stamp.isdecimal() or not pk.isdecimal() or not stamp.isascii():
            return None
        if not pk.isascii():
            return None
        micro, key = int(stamp), int(pk)
        if micro > _MAX_CURSOR_MICROSECONDS or not 0 < key <= _MAX_PK:
            return None
        return cls(_EPOCH + dt.timedelta(microseconds=micro), key)


def legacy_page_number(value) -> int:
    """``?page=N`` of older links: a positive number, anything else is the first page."""
    if isinstance(value, str) and value.isascii() and value.isdecimal() and len(value) <= 9:
        return max(int(value), 1)
    if isinstance(value, str) and value.isascii() and value.isdecimal():
        return LEGACY_PAGE_LIMIT + 1  # absurdly deep: redirected like any page past the limit
    return 1


def _as_datetime(value):
    """A raw cursor's datetime (SQLite hands text back through a UNION), aware in UTC."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value


def _column_range(column_id, *, before=None, after=None, unexpired_at=None, limit):
    """Keys of one column's live articles: one range of the column listing index."""
    articles = Article.objects.filter(live=True, column_id=column_id)
    if unexpired_at is not None:
        articles = articles.unexpired(unexpired_at)
    if before is not None:
        # ``<=`` bounds the index range; the OR then only drops the cursor's own instant.
        articles = articles.filter(first_published_at__lte=before.published).filter(
            models.Q(first_published_at__lt=before.published) | models.Q(pk__lt=before.pk)
        )
    if after is not None:
        articles = articles.filter(first_published_at__gte=after.published).filter(
            models.Q(first_published_at__gt=after.published) | models.Q(pk__gt=after.pk)
        )
    order = ("first_published_at", "pk") if after is not None else ("-first_published_at", "-pk")
    return articles.order_by(*order).values_list("pk", "first_published_at")[:limit]


def _union_keys(parts, *, ascending=False, limit=None, offset=0):
    """Run ``parts`` ((tag, sliced values_list queryset) pairs) as one UNION ALL, merged in
    publish order: a list of (tag, pk, first_published_at)."""
    if not parts:
        return []
    qn = connection.ops.quote_name
    selects, params = [], []
    for index, (tag, queryset) in enumerate(parts):
        sql, sub_params = queryset.query.get_compiler(using=queryset.db).as_sql()
        selects.append(
            f"SELECT {int(tag)} AS {qn('tag')}, {qn('pk')}, {qn('first_published_at')} "
            f"FROM ({sql}) {qn(f's{index}')}"
        )
        params.extend(sub_params)
    direction = "ASC" if ascending else "DESC"
    sql = (
        f"SELECT {qn('tag')}, {qn('pk')}, {qn('first_published_at')} FROM ("
        + " UNION ALL ".join(selects)
        + f") {qn('u')} ORDER BY {qn('first_published_at')} {direction}, {qn('pk')} {direction}"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(tag, pk, _as_datetime(published)) for tag, pk, published in cursor.fetchall()]


def _rows_by_key(keys, unexpired=True):
    """The rows of ``keys`` in their order (one query, the column joined)."""
    articles = Article.objects.select_related("column")
    if unexpired:
        articles = articles.unexpired()
    by_key = articles.in_bulk(keys)
    return [by_key[key] for key in keys if key in by_key]


class ListingPage:
    """One page of a keyset-walked list: its articles and the cursors of its neighbours.

    ``keys`` are the page's (pk, first_published_at) in list order; ``object_list`` the
    articles among them a reader may see now (expired rows, which the scheduler unpublishes
    within 30 seconds, drop out here rather than in the index walk).
    """

    def __init__(self, keys, object_list, *, has_newer, has_older, number=None, own_query=""):
        self.keys = keys
        self.own_query = own_query  # ``before=…``/``after=…`` of a keyset page
        self.object_list = object_list
        self.has_newer = has_newer and bool(keys)
        self.has_older = has_older and bool(keys)
        self.number = number

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    @property
    def is_first(self) -> bool:
        return not self.has_newer

    @property
    def newer_cursor(self) -> str:
        pk, published = self.keys[0]
        return str(ListingCursor(published, pk)) if self.has_newer and published else ""

    @property
    def older_cursor(self) -> str:
        pk, published = self.keys[-1]
        return str(ListingCursor(published, pk)) if self.has_older and published else ""


def column_listing_page(
    column_ids, *, before=None, after=None, number=1, per_page=ARTICLES_PER_PAGE
) -> ListingPage:
    """A page of the live articles of ``column_ids``, newest first.

    ``before``/``after`` (a ``ListingCursor``) give the page older/newer than that position;
    ``number`` an offset page (only the first few, for links from before keyset pages).
    """
    offset = 0 if (before or after) else (number - 1) * per_page
    want = per_page + 1
    parts = [
        (pk, _column_range(pk, before=before, after=after, limit=offset + want))
        for pk in column_ids
    ]
    keys = [
        (pk, published)
        for _tag, pk, published in _union_keys(
            parts, ascending=after is not None, limit=want, offset=offset
        )
    ]
    more = len(keys) > per_page
    keys = keys[:per_page]
    if after is not None:
        keys.reverse()
        if not keys:  # nothing newer than the cursor: the newest page
            return column_listing_page(column_ids, per_page=per_page)
        has_newer, has_older = more, True
    elif before is not None:
        has_newer, has_older = True, more
    else:
        has_newer, has_older = offset > 0, more
    return ListingPage(
        keys,
        _rows_by_key([pk for pk, _ in keys]),
        has_newer=has_newer,
        has_older=has_older,
        number=None if (before or after) else number,
        own_query=f"before={before}" if before else (f"after={after}" if after else ""),
    )


def latest_in_columns(column_ids, limit) -> list["Article"]:
    """The ``limit`` newest public-now articles of ``column_ids`` (feeds): one UNION ALL."""
    now = timezone.now()
    parts = [(pk, _column_range(pk, unexpired_at=now, limit=limit)) for pk in column_ids]
    keys = [pk for _tag, pk, _published in _union_keys(parts, limit=limit)]
    return _rows_by_key(keys, unexpired=False)


def latest_in_sections(sections: dict[int, list[int]], limit) -> dict[int, list["Article"]]:
    """For each section (a home page block: a column and its sub-columns, as a list of column
    ids), its ``limit`` newest unexpired live articles: one query for the keys of every
    section, one for their rows."""
    now = timezone.now()
    parts = [
        (section, _column_range(pk, unexpired_at=now, limit=limit))
        for section, ids in sections.items()
        for pk in ids
    ]
    chosen: dict[int, list[int]] = {}
    for section, pk, _published in _union_keys(parts):
        picked = chosen.setdefault(section, [])
        if len(picked) < limit and pk not in picked:
            picked.append(pk)
    wanted = [pk for keys in chosen.values() for pk in keys]
    rows = {article.pk: article for article in _rows_by_key(wanted, unexpired=False)}
    return {section: [rows[pk] for pk in keys if pk in rows] for section, keys in chosen.items()}


class WireCopy:
    """通稿 as embedded under an article: headline, agency dateline, paragraphs."""

    def __init__(self, headline, dateline, agency, paragraphs, article=None):
        self.headline = headline
        self.dateline = dateline
        self.agency = agency
        self.paragraphs = paragraphs
        self.article = article


def article_page_context(article: Article, request, cache: bool = False) -> dict:
    """What the article template needs; shared by the live view and the admin preview.

    The costly parts (meta tags, breadcrumb, body, tags) come rendered from ``article_page``;
    with ``cache`` (the live view only: a preview shows unsaved content under the same id)
    they are reused for as long as the published revision and the site chrome stay the same.
    """
    from .article_page import article_parts

    # Other apps add their own context through their fragments (see ``fragments``).
    canonical_url = article.get_full_url(request) or settings.BAOSHE_BASE_URL
    return {
        "article": article,
        "page": article.column,
        "canonical_url": canonical_url,
        **article_parts(article, request, canonical_url, use_cache=cache),
    }
