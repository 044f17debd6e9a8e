"""Other apps extend the article page and editor through the newsroom's hooks, not imports."""

import pytest

from baoshe.newsroom.fragments import ArticleFragment, article_fragments


def test_each_app_registers_its_fragment_at_its_slot():
    assert [f.template for f in article_fragments("header_start")] == [
        "epaper/includes/epaper_link.html"
    ]
    assert [f.template for f in article_fragments("header")] == [
        "epaper/includes/print_edition_link.html",
        "engage/share_bar.html",
    ]
    assert [f.template for f in article_fragments("before_body")] == [
        "workflow/includes/corrections.html"
    ]


def test_an_unknown_slot_is_refused():
    with pytest.raises(ValueError):
        ArticleFragment("footer", "x.html")


def test_the_proofread_tab_is_added_to_the_article_editor():
    from wagtail import hooks

    from baoshe.newsroom.models import Article

    hooks.search_for_hooks()  # registers the snippet viewsets, as the admin does

    viewset = Article.snippet_viewset
    headings = [tab.heading for tab in viewset.get_edit_handler().children]
    assert headings == ["内容", "署名与来源", "通稿", "发布", "机审"]
