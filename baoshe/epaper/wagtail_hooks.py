"""The 数字报 menu of the Wagtail admin: issues and imports, and the papers (报纸)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from baoshe.core.menu import PermissionMenuItem
from baoshe.newsroom.fragments import ARTICLE_PAGE_FRAGMENT_HOOK, ArticleFragment

from . import admin_views
from .models import Publication

admin_urlpatterns = [
    path("", admin_views.index, name="index"),
    path("job/<int:job_id>/", admin_views.job, name="job"),
    path("job/<int:job_id>/status/", admin_views.job_status, name="job_status"),
    path("issue/<int:issue_id>/", admin_views.issue, name="issue"),
    path("issue/<int:issue_id>/delete/", admin_views.issue_delete, name="issue_delete"),
    path("page/<int:page_id>/", admin_views.page_editor, name="page"),
    path("page/<int:page_id>/save/", admin_views.page_save, name="page_save"),
    path("page/<int:page_id>/review/", admin_views.page_review, name="page_review"),
]


class PublicationViewSet(ModelViewSet):
    model = Publication
    form_fields = ["name", "slug", "sort_order"]
    list_display = ["name", "slug", "sort_order"]
    icon = "doc-full"
    add_to_admin_menu = False
    menu_label = _("Newspapers")
    name = "epaper_publications"


publication_viewset = PublicationViewSet()


@hooks.register("register_admin_viewset")
def register_publication_viewset():
    return publication_viewset


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("epaper/", include((admin_urlpatterns, "epaper_admin"), namespace="epaper_admin"))]


@hooks.register("register_admin_menu_item")
def register_menu():
    submenu = Menu(
        items=[
            PermissionMenuItem(
                _("Issues and imports"),
                reverse("epaper_admin:index"),
                icon_name="doc-full",
                order=10,
                permissions=["epaper.change_printarticle"],
            ),
            PermissionMenuItem(
                _("Newspapers"),
                reverse(publication_viewset.get_url_name("index")),
                icon_name="list-ul",
                order=20,
                permissions=[f"epaper.{action}_publication" for action in ("add", "change")],
            ),
        ]
    )
    return SubmenuMenuItem(_("E-paper"), submenu, icon_name="doc-full-inverse", order=260)


@hooks.register(ARTICLE_PAGE_FRAGMENT_HOOK)
def epaper_link_fragment():
    return ArticleFragment("header_start", "epaper/includes/epaper_link.html", order=10)


@hooks.register(ARTICLE_PAGE_FRAGMENT_HOOK)
def print_edition_fragment():
    """见数字报第N版 under the byline, when the article was printed."""
    return ArticleFragment("header", "epaper/includes/print_edition_link.html", order=10)


# --- what a change makes stale (the page cache's ``pagecache_urls`` hook) ------------------


@hooks.register("pagecache_urls")
def epaper_urls(instance):
    """Anything of the 数字报 shows under /epaper/ and on the home page's 数字报 card; a printed
    story linked to a web article shows on that article's page (见数字报第N版)."""
    from .models import ImportJob, Issue, PrintArticle, PrintImage, PrintPage, Publication

    if isinstance(instance, ImportJob):
        return None  # progress of an import: nothing a reader sees until the issue changes
    if not isinstance(instance, Publication | Issue | PrintPage | PrintArticle | PrintImage):
        return None
    urls = ["/epaper/*", "/epaper/", "/"]
    linked = getattr(instance, "web_article", None) if isinstance(instance, PrintArticle) else None
    if linked is not None:
        urls.append(linked)
    return urls
