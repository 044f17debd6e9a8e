"""The newsroom in the Wagtail admin: 稿件 as a first-class menu entry, not buried in Snippets."""

import django_filters
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Article, ColumnPage


class ArticleFilterSet(WagtailFilterSet):
    column = django_filters.ModelChoiceFilter(
        label="栏目", queryset=ColumnPage.objects.all().order_by("path")
    )
    origin = django_filters.ChoiceFilter(label="稿件性质", choices=Article.Origin.choices)
    live = django_filters.BooleanFilter(label="已发布")

    class Meta:
        model = Article
        fields = ["column", "origin", "live"]


class ArticleViewSet(SnippetViewSet):
    model = Article
    icon = "doc-full"
    menu_label = "稿件"
    menu_name = "articles"
    menu_order = 150
    add_to_admin_menu = True
    list_per_page = 50
    ordering = ["-pk"]
    filterset_class = ArticleFilterSet
    # Substring matching in the database: Chinese titles need no word boundaries to be found,
    # and it works on rows written by bulk imports that no search index has seen.
    search_fields = ["title", "kicker", "subtitle", "authors"]
    list_display = [
        "title",
        Column("column", label="栏目", accessor="column"),
        Column("origin", label="性质", accessor="get_origin_display"),
        DateColumn("first_published_at", label="发布时间"),
        Column("status_string", label="状态", accessor="status_string"),
    ]
    copy_view_enabled = True
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Article.objects.select_related("column", "latest_revision")


register_snippet(ArticleViewSet)
