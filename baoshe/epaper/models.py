"""数字报 data: papers, issues, printed pages and the stories found on them.

Publication (报纸) → Issue (期) → PrintPage (版面) → PrintArticle (版面稿件) → PrintImage.
Everything below an Issue is written by ``importer.py`` in one transaction and replaced as a
whole when the date is imported again; editors then correct hotspots and fields in the admin,
and every correction of a PrintArticle is a Wagtail revision (RevisionMixin).

Hotspots are polygons in PDF points (top-left origin, y down), kept as JSON on the article:
the reader draws them straight into an SVG whose viewBox is the page size, and a revision
then captures hotspots and text together.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from wagtail.models import RevisionMixin

from .storage import epaper_storage

PAGE_NUMBER_RE = re.compile(r"^[A-Z]{0,2}\d{1,3}$")

# Issue dates the 数字报 accepts. Python's date ends at 9999-12-31, so a 9999 issue made
# every "next month" computation overflow; a newspaper's issues lie well inside this range.
MIN_ISSUE_DATE = dt.date(1900, 1, 1)
MAX_ISSUE_DATE = dt.date(2100, 12, 31)
ISSUE_DATE_ERROR = gettext_lazy("The issue date must be between 1900-01-01 and 2100-12-31")


def issue_date_in_range(value) -> bool:
    return isinstance(value, dt.date) and MIN_ISSUE_DATE <= value <= MAX_ISSUE_DATE


def validate_issue_date(value) -> None:
    """Field validator of every issue date (model, admin form, import command)."""
    if not issue_date_in_range(value):
        raise ValidationError(ISSUE_DATE_ERROR, code="date_out_of_range")


class Publication(models.Model):
    """报纸: one printed paper of the group (a group may publish a daily and an evening paper)."""

    slug = models.SlugField(
        gettext_lazy("Identifier"),
        max_length=40,
        unique=True,
        help_text=gettext_lazy("Used in URLs, e.g. shili"),
    )
    name = models.CharField(gettext_lazy("Name of the paper"), max_length=60)
    sort_order = models.PositiveIntegerField(gettext_lazy("Sort order"), default=0)

    class Meta:
        verbose_name = gettext_lazy("Newspaper")
        verbose_name_plural = gettext_lazy("Newspapers")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name


#: An issue's default release time is 00:00 of its date in the paper's time zone.
RELEASE_TIME_ZONE = zoneinfo.ZoneInfo("Asia/Shanghai")


def default_release_at(date: dt.date) -> dt.datetime:
    """00:00 of ``date`` in Asia/Shanghai (a stray date outside 1900–2100 is clamped)."""
    if not isinstance(date, dt.date):
        date = MIN_ISSUE_DATE
    date = min(max(date, MIN_ISSUE_DATE), MAX_ISSUE_DATE)
    return dt.datetime.combine(date, dt.time(0), tzinfo=RELEASE_TIME_ZONE)


class IssueQuerySet(models.QuerySet):
    def published(self):
        """Issues readers see: published by the newsroom and past their release time."""
        return self.filter(published=True, release_at__lte=timezone.now())


class Issue(models.Model):
    """期: one day's paper. ``number`` is the running 期号 printed in the masthead."""

    publication = models.ForeignKey(
        Publication,
        verbose_name=gettext_lazy("Newspaper"),
        on_delete=models.CASCADE,
        related_name="issues",
    )
    date = models.DateField(gettext_lazy("Issue date"), validators=[validate_issue_date])
    number = models.PositiveIntegerField(gettext_lazy("Issue number"), default=1)
    published = models.BooleanField(gettext_lazy("Published"), default=False)
    release_at = models.DateTimeField(
        gettext_lazy("Release time"),
        null=True,
        blank=True,
        db_index=True,
        help_text=gettext_lazy(
            "Readers see the published issue from this time on (default: 00:00 of its date)."
        ),
    )
    created_at = models.DateTimeField(gettext_lazy("Imported at"), auto_now_add=True)
    # who published with pages not reviewed (permission publish_unreviewed_issue), and why
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("Published unreviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    override_at = models.DateTimeField(
        gettext_lazy("Published unreviewed at"), null=True, blank=True
    )
    override_reason = models.CharField(
        gettext_lazy("Reason for publishing unreviewed"), max_length=500, blank=True
    )

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("Issue")
        verbose_name_plural = gettext_lazy("Issues")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "date"], name="epaper_issue_unique_day")
        ]
        permissions = [
            (
                "publish_unreviewed_issue",
                gettext_lazy("Can publish an e-paper issue whose pages are not all reviewed"),
            )
        ]

    def __str__(self):
        return f"{self.publication.name} {self.date:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded_date", None)
        # a release time left at its default follows a corrected date
        if (
            loaded is not None
            and loaded != self.date
            and self.release_at is not None
            and self.release_at == default_release_at(loaded)
        ):
            self.release_at = None
        if self.release_at is None:
            self.release_at = default_release_at(self.date)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "release_at"}
        super().save(*args, **kwargs)
        self._loaded_date = self.date

    def get_absolute_url(self):
        return reverse("epaper-issue", args=[self.publication.slug, self.date.isoformat()])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_date = instance.__dict__.get("date")
        return instance

    @property
    def is_released(self) -> bool:
        """Published and past its release time: what anonymous readers may see."""
        return bool(
            self.published and self.release_at is not None and self.release_at <= timezone.now()
        )

    def unreviewed_pages(self) -> list[PrintPage]:
        return [page for page in self.pages.all() if not page.reviewed]

    def file_names(self) -> list[str]:
        names = []
        for page in self.pages.prefetch_related("articles__images"):
            names += page.file_names()
        return names

    @property
    def page_count(self) -> int:
        return self.pages.count()


class PrintPage(models.Model):
    """版面: one printed page with its source PDF and its rendered images.

    ``number`` is the 版次 (A01, 01), ``name`` the 版名 (要闻). Images: ``image_large`` (~1800 px
    JPEG, zoom), ``image_screen`` (~1000 px WebP, default view), ``thumbnail`` (~200 px WebP).
    """

    issue = models.ForeignKey(
        Issue, verbose_name=gettext_lazy("Issue"), on_delete=models.CASCADE, related_name="pages"
    )
    number = models.CharField(gettext_lazy("Page number"), max_length=8)
    name = models.CharField(gettext_lazy("Page name"), max_length=40, blank=True)
    sort_order = models.PositiveIntegerField(gettext_lazy("Order in the issue"), default=0)
    pdf = models.FileField(gettext_lazy("Page PDF"), max_length=300, storage=epaper_storage)
    image_large = models.FileField(
        gettext_lazy("Large image"), max_length=300, storage=epaper_storage
    )
    image_screen = models.FileField(
        gettext_lazy("Page image"), max_length=300, storage=epaper_storage
    )
    thumbnail = models.FileField(gettext_lazy("Thumbnail"), max_length=300, storage=epaper_storage)
    screen_width = models.PositiveIntegerField(default=0)
    screen_height = models.PositiveIntegerField(default=0)
    large_width = models.PositiveIntegerField(default=0)
    width_pt = models.FloatField(gettext_lazy("Width (pt)"), default=0)
    height_pt = models.FloatField(gettext_lazy("Height (pt)"), default=0)
    has_text_layer = models.BooleanField(gettext_lazy("Has a text layer"), default=True)
    needs_review = models.BooleanField(gettext_lazy("Needs review by an editor"), default=False)
    review_reasons = models.JSONField(gettext_lazy("Review reasons"), default=list, blank=True)
    # the page's text columns and pictures as the segmenter saw them ({"bbox", "text", "kind",
    # "article"}): the hotspot editor lets an editor click one to give it to a story
    text_blocks = models.JSONField(gettext_lazy("Text blocks"), default=list, blank=True)
    reviewed = models.BooleanField(gettext_lazy("Reviewed"), default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("Reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(gettext_lazy("Reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("Print page")
        verbose_name_plural = gettext_lazy("Print pages")
        ordering = ["issue", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "number"], name="epaper_page_unique_number")
        ]

    def __str__(self):
        return (_("Page %(number)s %(name)s") % {"number": self.number, "name": self.name}).strip()

    def get_absolute_url(self):
        issue = self.issue
        return reverse(
            "epaper-page", args=[issue.publication.slug, issue.date.isoformat(), self.number]
        )

    @property
    def review_summary(self) -> str:
        """The review reasons in one line, for the admin."""
        return pgettext("separator of review reasons", "; ").join(self.review_reasons)

    def mark_reviewed(self, user, reviewed: bool = True) -> None:
        self.reviewed = reviewed
        self.reviewed_by = user if reviewed else None
        self.reviewed_at = timezone.now() if reviewed else None
        self.save(update_fields=["reviewed", "reviewed_by", "reviewed_at"])

    @property
    def confidence(self) -> float | None:
        """The lowest recognition confidence of the page's articles (None without any)."""
        values = [a.confidence for a in self.articles.all()]
        return min(values) if values else None

    def file_names(self) -> list[str]:
        names = [self.pdf.name, self.image_large.name, self.image_screen.name, self.thumbnail.name]
        for article in self.articles.all():
            names += [image.image.name for image in article.images.all()]
        return [name for name in names if name]


class PrintArticle(RevisionMixin, models.Model):
    """版面稿件: one story as printed on a page, with its hotspots (热区).

    ``hotspots`` is a list of polygons, each a list of ``[x, y]`` points in PDF points;
    ``continuations`` a list of ``{"direction": "to"|"from", "page": "A03"}`` (下转/上接).
    ``web_article`` is the matching 网络版 story, found by ``linking.py`` or set by an editor.
    """

    page = models.ForeignKey(
        PrintPage,
        verbose_name=gettext_lazy("Print page"),
        on_delete=models.CASCADE,
        related_name="articles",
    )
    order = models.PositiveIntegerField(gettext_lazy("Order on the page"), default=0)
    kicker = models.CharField(gettext_lazy("Kicker"), max_length=300, blank=True)
    title = models.CharField(gettext_lazy("Title"), max_length=300, blank=True)
    subtitle = models.CharField(gettext_lazy("Subtitle"), max_length=300, blank=True)
    byline = models.CharField(gettext_lazy("Author"), max_length=300, blank=True)
    body = models.TextField(
        gettext_lazy("Body"), blank=True, help_text=gettext_lazy("One paragraph per line.")
    )
    hotspots = models.JSONField(gettext_lazy("Hotspots"), default=list, blank=True)
    continuations = models.JSONField(gettext_lazy("Continuations"), default=list, blank=True)
    boxed = models.BooleanField(gettext_lazy("Boxed"), default=False)
    confidence = models.FloatField(gettext_lazy("Recognition confidence"), default=1.0)
    confidence_reasons = models.JSONField(
        gettext_lazy("Why the confidence is low"), default=list, blank=True
    )
    web_article = models.ForeignKey(
        "newsroom.Article",
        verbose_name=gettext_lazy("Web article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="print_articles",
    )
    link_score = models.FloatField(gettext_lazy("Match score"), null=True, blank=True)

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="print_article")

    class Meta:
        verbose_name = gettext_lazy("Print article")
        verbose_name_plural = gettext_lazy("Print articles")
        ordering = ["page", "order"]

    def __str__(self):
        return self.title or _("Article %(number)s (untitled)") % {"number": self.position}

    def get_absolute_url(self):
        page = self.page
        issue = page.issue
        return reverse(
            "epaper-article",
            args=[issue.publication.slug, issue.date.isoformat(), page.number, self.position],
        )

    @property
    def revisions(self):
        return self._revisions

    @property
    def position(self) -> int:
        """1-based number in URLs and in the reader's list."""
        return self.order + 1

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in (line.strip() for line in self.body.splitlines()) if p]

    @property
    def label(self) -> str:
        return self.title or _("Article %(number)s") % {"number": self.position}

    def bbox(self) -> list[float]:
        points = [pt for polygon in self.hotspots for pt in polygon]
        if not points:
            return [0, 0, 0, 0]
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        return [min(xs), min(ys), max(xs), max(ys)]


class PrintImage(models.Model):
    """图片: a photo cut from the page image for the article's text view."""

    article = models.ForeignKey(
        PrintArticle,
        verbose_name=gettext_lazy("Article"),
        on_delete=models.CASCADE,
        related_name="images",
    )
    image = models.FileField(gettext_lazy("Photo"), max_length=300, storage=epaper_storage)
    caption = models.CharField(gettext_lazy("Photo caption"), max_length=500, blank=True)
    bbox = models.JSONField(gettext_lazy("Position on the page"), default=list)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = gettext_lazy("Print image")
        verbose_name_plural = gettext_lazy("Print images")
        ordering = ["article", "order"]

    def __str__(self):
        return self.caption or self.image.name


class ImportJob(models.Model):
    """导入任务: an upload from the admin, imported by a background task; the page polls it."""

    class Status(models.TextChoices):
        PENDING = "pending", gettext_lazy("Queued")
        RUNNING = "running", gettext_lazy("Importing")
        DONE = "done", gettext_lazy("Done")
        FAILED = "failed", gettext_lazy("Failed")

    publication = models.ForeignKey(
        Publication, verbose_name=gettext_lazy("Newspaper"), on_delete=models.CASCADE
    )
    date = models.DateField(gettext_lazy("Issue date"), validators=[validate_issue_date])
    upload_dir = models.CharField(gettext_lazy("Upload folder"), max_length=300)
    status = models.CharField(
        gettext_lazy("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    progress = models.PositiveIntegerField(gettext_lazy("Progress"), default=0)  # 0–100
    pages_total = models.PositiveIntegerField(default=0)
    pages_done = models.PositiveIntegerField(default=0)
    messages = models.JSONField(gettext_lazy("Messages"), default=list, blank=True)
    issue = models.ForeignKey(
        Issue, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("Import job")
        verbose_name_plural = gettext_lazy("Import jobs")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.publication} {self.date:%Y-%m-%d} {self.get_status_display()}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
