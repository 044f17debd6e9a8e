"""Factories for the newsroom's objects, written the way an editor would create them."""

import datetime as dt
import itertools

from django.utils import timezone
from wagtail.rich_text import RichText

_counter = itertools.count(1)


def make_column(parent, title, slug, **fields):
    from baoshe.newsroom.models import ColumnPage

    column = ColumnPage(title=title, slug=slug, show_in_menus=True, **fields)
    parent.add_child(instance=column)
    column.save_revision().publish()
    return column


def make_article(column, title=None, publish=True, published_at=None, paragraphs=None, **fields):
    """An article saved with a revision and, by default, published through Wagtail."""
    from baoshe.newsroom.models import Article

    number = next(_counter)
    paragraphs = paragraphs or [
        f"第{number}篇测试稿件的正文第一段，记述示例市的一件小事。",
        "第二段补充细节。",
    ]
    article = Article(
        title=title or f"测试稿件{number}",
        column=column,
        summary=fields.pop("summary", f"测试稿件{number}的核心提示。"),
        body=[("paragraph", RichText(f"<p>{p}</p>")) for p in paragraphs],
        authors=fields.pop("authors", "本报记者 测试"),
        live=False,
        **fields,
    )
    article.full_clean()
    article.save()
    revision = article.save_revision()
    if publish:
        revision.publish()
        if published_at is not None:
            Article.objects.filter(pk=article.pk).update(first_published_at=published_at)
        article.refresh_from_db()
    return article


def hours_ago(hours):
    return timezone.now() - dt.timedelta(hours=hours)


def paper_settings():
    """The default site's 报社设置."""
    from wagtail.models import Site

    from baoshe.core.models import SiteSettings

    return SiteSettings.for_site(Site.objects.get(is_default_site=True))
