"""机审校对 in the Wagtail admin: one menu for the settings, word lists, names and corrections,
plus the endpoint the article editor's 机审 tab calls."""

from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from baoshe.core.menu import PermissionMenuItem
from baoshe.newsroom.fragments import ARTICLE_EDIT_TAB_HOOK

from . import views
from .forms import WordListAdminForm
from .models import CorrectionRule, NameEntry, WordList
from .panels import ProofreadPanel

admin_urls = (
    [
        path("article/check/", views.check_article_view, name="check_new_article"),
        path("article/<int:pk>/check/", views.check_article_view, name="check_article"),
        path("wordlists/import/", views.WordListImportView.as_view(), name="import_word_list"),
    ],
    "proofread",
)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("proofread/", include(admin_urls))]


@hooks.register(ARTICLE_EDIT_TAB_HOOK)
def proofread_tab():
    """The 机审 tab of the article editor, last."""
    return ObjectList([ProofreadPanel()], heading=gettext_lazy("Machine review"))


class WordListIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.permission_policy.user_has_any_permission(self.request.user, ["add", "change"]):
            url = reverse("proofread:import_word_list")
            buttons.append(HeaderButton(_("Import word list"), url=url, icon_name="upload"))
        return buttons


class WordListViewSet(SnippetViewSet):
    model = WordList
    icon = "warning"
    menu_label = gettext_lazy("Sensitive word lists")
    menu_name = "proofread-wordlists"
    index_view_class = WordListIndexView
    list_display = [
        "name",
        "default_category",
        Column(
            "default_severity",
            label=gettext_lazy("Default severity"),
            accessor="get_default_severity_display",
        ),
        Column("term_count", label=gettext_lazy("Term count")),
        "enabled",
        UpdatedAtColumn(),
    ]
    list_filter = ["enabled"]
    search_fields = ["name"]
    # Hand-edited terms are validated line by line (forms.WordListAdminForm).
    edit_handler = ObjectList(WordList.panels, base_form_class=WordListAdminForm)


class NameEntryViewSet(SnippetViewSet):
    model = NameEntry
    icon = "user"
    menu_label = gettext_lazy("Names and titles")
    menu_name = "proofread-names"
    list_display = ["name", "title", "variants", "title_position", "enabled"]
    list_filter = ["enabled", "title_position"]
    search_fields = ["name", "title", "variants"]


class CorrectionRuleViewSet(SnippetViewSet):
    model = CorrectionRule
    icon = "edit"
    menu_label = gettext_lazy("Custom corrections")
    menu_name = "proofread-corrections"
    list_display = ["wrong", "right", "severity", "note", "enabled"]
    list_filter = ["enabled", "severity"]
    search_fields = ["wrong", "right", "note"]


class ProofreadViewSetGroup(SnippetViewSetGroup):
    items = (WordListViewSet, NameEntryViewSet, CorrectionRuleViewSet)
    menu_label = gettext_lazy("Machine proofreading")
    menu_icon = "spinner"
    menu_name = "proofread"
    menu_order = 160

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.append(
            PermissionMenuItem(
                gettext_lazy("Import word list"),
                reverse("proofread:import_word_list"),
                name="proofread-import",
                icon_name="upload",
                order=900,
                permissions=("proofread.add_wordlist", "proofread.change_wordlist"),
            )
        )
        items.append(
            PermissionMenuItem(
                gettext_lazy("Machine review settings"),
                reverse("wagtailsettings:edit", args=["proofread", "proofreadsettings"]),
                name="proofread-settings",
                icon_name="cog",
                order=910,
                permissions=("proofread.change_proofreadsettings",),
            )
        )
        return items


register_snippet(ProofreadViewSetGroup)
