"""Admin views: the editor's 机审 endpoint and the word-list import page.

Both live under ``/admin/proofread/`` (``wagtail_hooks.register_admin_urls``), so Wagtail
already requires a logged-in user with admin access; each view also checks the model
permission it needs. The check endpoint is a POST protected by Django's CSRF middleware.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from wagtail.admin.panels import get_edit_handler
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from .engine import ProofreadInputError
from .forms import WordListImportForm
from .models import WordList
from .service import FIELD_LABELS, check_article

logger = logging.getLogger(__name__)


def _article_model():
    from baoshe.newsroom.models import Article

    return Article


@require_POST
def check_article_view(request, pk: int | None = None):
    """Proofread the article as currently typed in the editor (unsaved changes included).

    The browser posts the whole edit form; the server binds it to the article's own admin
    form, so rich text and StreamField data are read exactly as a save would read them, and
    runs ``check_article`` on the resulting *unsaved* instance. Nothing is written.
    """
    article_model = _article_model()
    policy = ModelPermissionPolicy(article_model)
    if pk is not None:
        instance = get_object_or_404(article_model, pk=pk)
        if not policy.user_has_permission_for_instance(request.user, "change", instance):
            raise PermissionDenied
    else:
        if not policy.user_has_any_permission(request.user, ["add", "change"]):
            raise PermissionDenied
        instance = article_model()

    form_class = get_edit_handler(article_model).get_form_class()
    form = form_class(request.POST, request.FILES, instance=instance, for_user=request.user)
    try:
        form.is_valid()  # binds every valid field onto the instance; errors are reported below
    except (KeyError, ValueError, TypeError):
        # Not what the editor posts (e.g. StreamField counters missing): a bad request.
        logger.warning("proofread: unreadable article form posted", exc_info=True)
        message = _("The edit form could not be read. Reload the page and try again.")
        return JsonResponse({"error": message}, status=400)
    article = form.instance
    try:
        report = check_article(article)
    except ProofreadInputError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    data = report.to_dict()
    data["field_labels"] = FIELD_LABELS
    data["invalid_fields"] = [FIELD_LABELS[name] for name in FIELD_LABELS if name in form.errors]
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


class WordListImportView(WagtailAdminTemplateMixin, FormView):
    """导入词表: upload or paste terms; rejected lines are listed with line number and reason."""

    template_name = "proofread/import.html"
    form_class = WordListImportForm
    page_title = gettext_lazy("Import a sensitive word list")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        policy = ModelPermissionPolicy(WordList)
        if not policy.user_has_any_permission(request.user, ["add", "change"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        list_id = self.request.GET.get("word_list", "").strip()
        if list_id.isdigit():
            initial["word_list"] = WordList.objects.filter(pk=int(list_id)).first()
        return initial

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailsnippets_proofread_wordlist:list"),
                "label": _("Sensitive word lists"),
            },
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs_items"] = self.get_breadcrumbs_items()
        context["header_title"] = self.page_title
        return context

    def form_valid(self, form):
        result = form.save()
        logger.info(
            "word list %s: imported %d terms, %d rejected lines",
            result.word_list.name,
            result.added,
            len(result.issues),
        )
        fresh = self.form_class(initial={"word_list": result.word_list})
        return self.render_to_response(self.get_context_data(form=fresh, result=result))
