"""Columns (栏目) and articles (稿件): the newsroom's core data.

Columns are Wagtail pages: there are few of them, editors arrange them as a tree and the
site's navigation follows it. Articles are *not* pages. A city daily accumulates millions of
them, hundreds of thousands in one column; Wagtail's page tree caps a parent at 1,679,616
children and its explorer crawls long before that. So an article is an ordinary model that
borrows Wagtail's draft, revision, locking, workflow and preview machinery through its mixins,
and is served under its column's URL by ``newsroom.views``. docs/architecture.md has the
reasoning at length.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
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
        context["column_sections"] = [
            (
                column,
                list(column.articles_for_listing(request).unexpired().select_related("column")[:6]),
            )
            for column in columns
            if column.show_on_home and column.pk in public_columns
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

    def serve(self, request, *args, **kwargs):
        # Wagtail serves a live page below an unpublished one; a column hidden by an
        # unpublished parent column is not served to readers.
        from .visibility import has_unpublished_ancestor

        if has_unpublished_ancestor(self):
            raise Http404(gettext("Column not found"))
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .visibility import listed_column_ids

        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate_articles(
            self.articles_for_listing(request), request.GET.get("page")
        )
        listed = set(listed_column_ids(self, request))
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


def paginate_articles(articles, page_number, per_page=ARTICLES_PER_PAGE):
    """One page of ``articles``, cheap however deep the page.

    Paginating the rows themselves makes the database step over every skipped row *with* its
    joins; page 10,000 of a 300,000-article column took seconds. Paginating primary keys
    is an index-only scan of the listing index, then the page's twenty rows are fetched by key.
    """
    paginator = Paginator(articles.values_list("pk", flat=True), per_page)
    page = paginator.get_page(page_number)
    keys = list(page.object_list)
    by_key = Article.objects.select_related("column").unexpired().in_bulk(keys)
    page.object_list = [by_key[key] for key in keys if key in by_key]
    return page


class WireCopy:
    """通稿 as embedded under an article: headline, agency dateline, paragraphs."""

    def __init__(self, headline, dateline, agency, paragraphs, article=None):
        self.headline = headline
        self.dateline = dateline
        self.agency = agency
        self.paragraphs = paragraphs
        self.article = article


def article_page_context(article: Article, request) -> dict:
    """What the article template needs; shared by the live view and the admin preview."""
    # Other apps add their own context through their fragments (see ``fragments``).
    return {
        "article": article,
        "page": article.column,
        "canonical_url": article.get_full_url(request) or settings.BAOSHE_BASE_URL,
    }
