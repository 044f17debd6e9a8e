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


def article_form(column, paragraphs=("后台写作的正文。",), **overrides):
    """POST data of the admin's article editor, as a browser would send it."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    data = {
        "title": "编辑部新写的稿件",
        "kicker": "",
        "subtitle": "",
        "column": column.pk if column else "",
        "summary": "",
        "body": streamfield([("paragraph", rich_text(f"<p>{p}</p>")) for p in paragraphs]),
        "tags": "",
        "authors": "本报记者 赵六",
        "editor": "",
        "source": "",
        "origin": "original",
        "reprint_source": "",
        "reprint_title": "",
        "reprint_author": "",
        "reprint_url": "",
        "wire_headline": "",
        "wire_agency": "",
        "wire_dateline": "",
        "wire_body": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(overrides)
    return nested_form_data(data)
