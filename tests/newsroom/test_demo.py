"""``baoshe load-demo``: the whole demo paper, and nothing twice on a second run."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images.models import Image

from baoshe.core.models import StandardPage
from baoshe.epaper.models import Issue, PrintArticle, PrintPage
from baoshe.newsroom.models import Article, ColumnPage
from tests.factories import paper_settings


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Article,
            ColumnPage,
            StandardPage,
            Image,
            Issue,
            PrintPage,
            PrintArticle,
            get_user_model(),
        )
    }


def test_load_demo_builds_the_paper_once(home, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    first = StringIO()
    call_command("load_demo", stdout=first)
    loaded = counts()
    assert loaded["Article"] >= 60 and loaded["ColumnPage"] >= 8
    assert loaded["Issue"] >= 1 and loaded["PrintPage"] >= 8
    assert "用户名 admin" in first.getvalue() and "用户名 reporter" in first.getvalue()
    assert (tmp_path / "admin-login.txt").exists()

    # The reference-style article: prefix column, 核心提示, wire copy with dateline.
    lead = Article.objects.get(column__slug="yaowen", featured=True, wire_body__gt="")
    assert lead.display_title.startswith("第一报道|")
    assert lead.summary and lead.wire_dateline.endswith("电")
    assert Article.objects.filter(origin=Article.Origin.REPRINT).count() >= 1
    paper = paper_settings()
    assert paper.icp_number and len(paper.licences) >= 2 and paper.friend_links.count() >= 3
    assert all(page.live for page in paper.footer_pages) and len(paper.footer_pages) == 4

    # A piece waits at each review step, for whoever logs in with the demo accounts.
    waiting = {
        a.title: a.current_workflow_task.name
        for a in Article.objects.filter(live=False)
        if a.current_workflow_task is not None
    }
    assert sorted(waiting.values()) == ["一审", "三审", "二审"], waiting
    assert "待审稿件" in first.getvalue()
    assert not Article.objects.filter(title__in=waiting, live=True).exists()

    second = StringIO()
    call_command("load_demo", stdout=second)
    assert counts() == loaded
    assert "articles +0" in second.getvalue()
    again = {
        a.title: a.current_workflow_task.name
        for a in Article.objects.filter(live=False)
        if a.current_workflow_task is not None
    }
    assert again == waiting
